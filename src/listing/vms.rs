//! The VMS LIST dialect (MultiNet, TCPware, UCX): `NAME.EXT;VERSION  used[/allocated]
//! D-MON-YYYY HH:MM[:SS]  [GROUP,OWNER]  (S,O,G,W)`, for example
//! `1-JUN.LIS;1   9/9   2-JUN-1998 07:32:04  [GROUP,OWNER]  (RWED,RWED,RWED,RE)`. A name too long
//! for its column stands alone on one line and the rest follows on the next: this file says
//! so ([`Parsed::Partial`]) and the [`Chooser`](super::dialect::Chooser) joins the two lines.
//! `Directory DISK:[DIR]` and `Total of N files, ...` lines are noise.
//!
//! Names are kept whole, `;version` included (`get NAME;2` fetches that version, and versions of
//! one file stay apart); `NAME.DIR;1` is a directory. Sizes are in blocks, not bytes, so the
//! size stays unknown; VMS protections are not Unix permissions, so those stay unknown too.

use super::date::{day_month_year, stamp, time};
use super::dialect::{Ctx, Parsed};
use super::text::{is_digits, tokens};
use super::{EntryKind, RemoteEntry};

pub(super) fn parse(line: &str, _ctx: Ctx) -> Parsed {
    let toks = tokens(line);
    match toks.as_slice() {
        [(name, _)] if is_name(name) => Parsed::Partial,
        _ if is_header(line) => Parsed::Noise,
        _ => read(&toks).into(),
    }
}

/// `Directory USER1:[TEMP]`, `Total of 6 files, 54/54 blocks.`, `Grand total of ...`.
fn is_header(line: &str) -> bool {
    let line = line.trim();
    (line.starts_with("Directory ") && line.ends_with(']'))
        || ((line.starts_with("Total ") || line.starts_with("Grand total ")) && line.contains(" file"))
}

fn read(toks: &[(&str, usize)]) -> Option<RemoteEntry> {
    let [(name, _), (blocks, _), (date, _), (clock, _), rest @ ..] = toks else { return None };
    if !is_name(name) || !is_blocks(blocks) || !(rest.is_empty() || is_owner_and_protection(rest)) {
        return None;
    }
    let (year, month, day) = day_month_year(date)?;
    let modified = stamp(year, month, day, Some(time(clock)?))?;
    let base = name.rsplit_once(';').map_or(*name, |(b, _)| b);
    let dir = base.len() > 4 && base.get(base.len() - 4..).is_some_and(|e| e.eq_ignore_ascii_case(".DIR"));
    let kind = if dir { EntryKind::Dir } else { EntryKind::File };
    Some(RemoteEntry { name: name.to_string(), kind, size: None, modified: Some(modified), perms: None })
}

/// `NAME.EXT;12`: a name and a version number.
fn is_name(tok: &str) -> bool {
    tok.rsplit_once(';').is_some_and(|(base, version)| !base.is_empty() && is_digits(version))
}

/// `9` or `9/12`: blocks used (and allocated).
fn is_blocks(tok: &str) -> bool {
    let (used, allocated) = tok.split_once('/').unwrap_or((tok, "0"));
    is_digits(used) && is_digits(allocated)
}

/// `[GROUP,OWNER]` (the `]` may be cut off) and `(RWED,RWED,RE,)`.
fn is_owner_and_protection(rest: &[(&str, usize)]) -> bool {
    let [(owner, _), (protection, _)] = rest else { return false };
    let owner_ok = owner.strip_prefix('[').is_some_and(|o| {
        let o = o.strip_suffix(']').unwrap_or(o);
        !o.is_empty() && o.bytes().all(|b| b.is_ascii_alphanumeric() || b"$_,".contains(&b))
    });
    let groups = protection.strip_prefix('(').and_then(|p| p.strip_suffix(')'));
    let protection_ok = groups.is_some_and(|g| {
        g.split(',').count() == 4 && g.split(',').all(|r| r.bytes().all(|b| b"RWED".contains(&b)))
    });
    owner_ok && protection_ok
}
