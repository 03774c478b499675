//! The OS/2 LIST dialect: `size  [attributes]  [DIR]  MM-DD-YY  HH:MM  name`, for example
//! `   345      A          12-30-97   12:32  file.txt` and
//! `     0           DIR   12-30-97   12:32  jbrekke`. Attributes are letters (`A`, `R`, `H`,
//! `S`); `DIR` marks a directory. OS/2 pads before the name, so leading spaces of names are lost.

use super::date::{dos_date, stamp, time};
use super::dialect::{Ctx, Parsed};
use super::text::{after, tokens};
use super::{EntryKind, RemoteEntry};

pub(super) fn parse(line: &str, _ctx: Ctx) -> Parsed {
    read(line).into()
}

fn read(line: &str) -> Option<RemoteEntry> {
    let toks = tokens(line);
    let size = toks.first()?.0.parse().ok()?;
    let attrs = toks[1..].iter().take_while(|t| t.0.bytes().all(|b| b.is_ascii_uppercase())).count();
    let (date, clock) = (toks.get(1 + attrs)?, toks.get(2 + attrs)?);
    if attrs > 2 {
        return None;
    }
    let (year, month, day) = dos_date(date.0)?;
    let modified = stamp(year, month, day, Some(time(clock.0)?))?;
    let name = after(line, clock.1);
    let dir = toks[1..=attrs].iter().any(|t| t.0 == "DIR");
    let kind = if dir { EntryKind::Dir } else { EntryKind::File };
    (!name.is_empty()).then(|| RemoteEntry {
        name: name.to_string(),
        kind,
        size: Some(size),
        modified: Some(modified),
        perms: None,
    })
}
