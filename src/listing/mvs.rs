//! The MVS (z/OS) LIST dialect: data sets and the members of a partitioned data set (PDS).
//!
//! - Data sets: `Volume Unit Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname`, for example
//!   `SAVE00 3390 2004/06/23  1  1  FB  128  6144  PS  INCOMING.RPTBM023.D061704`. `PO`/`PO-E`
//!   (partitioned) are directories, `PS` files, other organisations (VSAM, ...) of a kind ftpsh
//!   does not know, as are `Migrated` data sets; `Pseudo Directory` lines are directories. The
//!   date is when the data set was last referred to, not modified, so the time stays unknown, as
//!   does the size (tracks, not bytes).
//! - Members: `Name VV.MM Created Changed Size Init Mod Id`, for example
//!   `TBSHELF 01.03 2002/09/12 2002/10/11 09:37  11  11  0 KIL001` (a file, modified at the
//!   "Changed" time; the size is in lines, so unknown), or the member name alone (no
//!   statistics), which only a listing known to be MVS accepts.
//!
//! The header lines are noise. Job (JES) listings are not files and are not understood.

use super::date::{numeric_date, stamp, time};
use super::dialect::{Ctx, Parsed};
use super::text::{is_digits, tokens};
use super::{EntryKind, RemoteEntry};

pub(super) fn parse(line: &str, ctx: Ctx) -> Parsed {
    let toks: Vec<&str> = tokens(line).into_iter().map(|t| t.0).collect();
    match toks.as_slice() {
        ["Volume", "Unit", "Referred", ..] | ["Name", "VV.MM", "Created", ..] => Parsed::Noise,
        [name] if ctx.sure && is_member(name) => Parsed::Entry(entry(name, EntryKind::File, None)),
        ["Migrated", name] => Parsed::Entry(entry(name, EntryKind::Other, None)),
        ["Pseudo", "Directory", name] => Parsed::Entry(entry(name, EntryKind::Dir, None)),
        [_, _, date, ext, used, _, _, _, dsorg, name] if is_data_set(date, ext, used) => {
            let kind = match *dsorg {
                "PO" | "PO-E" => EntryKind::Dir,
                "PS" => EntryKind::File,
                _ => EntryKind::Other,
            };
            Parsed::Entry(entry(name, kind, None))
        }
        [name, version, _created, changed, clock, _, _, _, _]
        | [name, version, _created, changed, clock, _, _, _, _, _]
            if is_member(name) && is_version(version) =>
        {
            let modified = numeric_date(changed).and_then(|(y, m, d)| stamp(y, m, d, Some(time(clock)?)));
            modified.map_or(Parsed::No, |m| Parsed::Entry(entry(name, EntryKind::File, Some(m))))
        }
        _ => Parsed::No,
    }
}

fn entry(name: &str, kind: EntryKind, modified: Option<String>) -> RemoteEntry {
    RemoteEntry { name: name.to_string(), kind, size: None, modified, perms: None }
}

/// A referred date (`**NONE**` for a data set never referred to), and extent and used counts:
/// the shape of a data set line.
fn is_data_set(date: &str, ext: &str, used: &str) -> bool {
    (numeric_date(date).is_some() || date == "**NONE**") && is_digits(ext) && is_digits(used)
}

/// A member name: 1 to 8 of `A-Z 0-9 @ # $`, not starting with a digit.
fn is_member(name: &str) -> bool {
    (1..=8).contains(&name.len())
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"@#$".contains(&b))
}

/// `01.03`: a member's version and modification level.
fn is_version(tok: &str) -> bool {
    tok.split_once('.').is_some_and(|(v, m)| v.len() == 2 && m.len() == 2 && is_digits(v) && is_digits(m))
}
