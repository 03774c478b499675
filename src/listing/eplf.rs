//! EPLF, D. J. Bernstein's Easily Parsed LIST Format: `+facts,…,<TAB>name`, for example
//! `+i8388621.44468,m839956783,r,s10376,<TAB>RFCEPLF`. Facts: `/` a directory, `r` a file that can
//! be fetched, `s` the size in bytes, `m` the modification time in seconds since 1970 (UTC,
//! written as `YYYY-MM-DD HH:MM:SS`); others (`i` identity, `up` permissions) are ignored. An
//! entry that is neither `/` nor `r` is of a kind ftpsh does not know.
//!
//! A size or time that is not a number makes the line not understood.

use super::date::unix_stamp;
use super::dialect::{Ctx, Parsed};
use super::text::is_digits;
use super::{EntryKind, RemoteEntry};

pub(super) fn parse(line: &str, _ctx: Ctx) -> Parsed {
    read(line).into()
}

fn read(line: &str) -> Option<RemoteEntry> {
    let (facts, name) = line.strip_prefix('+')?.split_once('\t')?;
    if name.is_empty() {
        return None;
    }
    let mut entry = RemoteEntry {
        name: name.to_string(),
        kind: EntryKind::Other,
        size: None,
        modified: None,
        perms: None,
    };
    for fact in facts.split(',').filter(|f| !f.is_empty()) {
        let number = |digits: &str| is_digits(digits).then(|| digits.parse::<u64>().ok()).flatten();
        let Some(split) = fact.split_at_checked(1) else { continue };
        match split {
            ("/", _) => entry.kind = EntryKind::Dir,
            ("r", _) if entry.kind == EntryKind::Other => entry.kind = EntryKind::File,
            ("s", n) => entry.size = Some(number(n)?),
            ("m", n) => entry.modified = Some(unix_stamp(number(n)?)?),
            _ => {}
        }
    }
    Some(entry)
}
