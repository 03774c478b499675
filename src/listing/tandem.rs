//! The Tandem/HP NonStop (Guardian) LIST dialect:
//! `File  Code  EOF  Last Modification  Owner  RWEP`, for example
//! `ALTDATA   0   0 19-Jan-05 12:37:20 255,255 "oooo"`. Every entry is a file; EOF is its size in
//! bytes. The header line is noise.

use super::date::{day_month_year, stamp, time};
use super::dialect::{Ctx, Parsed};
use super::text::{is_digits, tokens};
use super::{EntryKind, RemoteEntry};

pub(super) fn parse(line: &str, _ctx: Ctx) -> Parsed {
    let toks: Vec<&str> = tokens(line).into_iter().map(|t| t.0).collect();
    match toks.as_slice() {
        ["File", "Code", "EOF", "Last", "Modification", "Owner", "RWEP"] => Parsed::Noise,
        [name, code, eof, date, clock, owner, rwep] if is_file(code, owner, rwep) => {
            read(name, eof, date, clock).into()
        }
        _ => Parsed::No,
    }
}

fn read(name: &str, eof: &str, date: &str, clock: &str) -> Option<RemoteEntry> {
    let (year, month, day) = day_month_year(date)?;
    let modified = stamp(year, month, day, Some(time(clock)?))?;
    let size = Some(eof.parse().ok()?);
    Some(RemoteEntry {
        name: name.to_string(),
        kind: EntryKind::File,
        size,
        modified: Some(modified),
        perms: None,
    })
}

/// A file code (a number), an owner `group,user` and the security string `"rwep"`.
fn is_file(code: &str, owner: &str, rwep: &str) -> bool {
    let owner_ok = owner.split_once(',').is_some_and(|(g, u)| is_digits(g) && is_digits(u));
    let rwep_ok = rwep.len() == 6 && rwep.starts_with('"') && rwep.ends_with('"');
    is_digits(code) && owner_ok && rwep_ok
}
