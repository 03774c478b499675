//! The NetWare LIST dialect: `d|- [RWCEAFMS] owner  size  Mon DD HH:MM|YYYY  name`, for example
//! `- [RWCEAFMS] rhones   19968   Mar 12 11:01    Prefs.dat`. The rights in brackets are
//! NetWare's, not Unix permissions (so they are not kept). NetWare pads before the name, so
//! leading spaces of names are lost.

use super::date::{Day, day, month, month_day};
use super::dialect::{Ctx, Parsed};
use super::text::{after, tokens};
use super::{EntryKind, RemoteEntry};

pub(super) fn parse(line: &str, ctx: Ctx) -> Parsed {
    read(line, ctx.today).into()
}

fn read(line: &str, today: Day) -> Option<RemoteEntry> {
    let toks = tokens(line);
    let [(kind, _), (rights, _), _owner, (size, _), (mon, _), (dd, _), (last, end), ..] = toks.as_slice()
    else {
        return None;
    };
    let kind = match *kind {
        "d" => EntryKind::Dir,
        "-" => EntryKind::File,
        _ => return None,
    };
    let inner = rights.strip_prefix('[').and_then(|r| r.strip_suffix(']'))?;
    if inner.len() != 8 || !inner.bytes().all(|b| b"RWCEAFMS-".contains(&b)) {
        return None;
    }
    let size = Some(size.parse().ok()?);
    let modified = Some(month_day(month(mon)?, day(dd)?, last, today)?);
    let name = after(line, *end);
    (!name.is_empty()).then(|| RemoteEntry { name: name.to_string(), kind, size, modified, perms: None })
}
