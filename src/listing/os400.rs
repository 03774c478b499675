//! The OS/400 (IBM i) LIST dialect: `owner  [size  date  time]  *TYPE  name`, for example
//! `PEP   4019 04/03/18 18:58:16 *STMF   einladung.zip` and
//! `PEP                          *MEM    QGPL/QCLSRC.FILE/MEMBER.MBR`. Dates are `yy/mm/dd`, the
//! system's default, or `mm/dd/yy` when that is the only possible reading. `*DIR`, `*FLR`,
//! `*LIB` and `*FILE` (which holds members) are directories; `*STMF`, `*DOC` and `*MEM` files;
//! other object types are of a kind ftpsh does not know. A name given as a path (members,
//! `/DIR/FILE`) is its last part; a directory's trailing `/` is dropped.

use super::date::{Clock, century, stamp, time, valid_date};
use super::dialect::{Ctx, Parsed};
use super::text::{after, number, tokens};
use super::{EntryKind, RemoteEntry};

pub(super) fn parse(line: &str, _ctx: Ctx) -> Parsed {
    read(line).into()
}

fn read(line: &str) -> Option<RemoteEntry> {
    let toks = tokens(line);
    let (size, modified, type_at) = match toks.as_slice() {
        [_, (size, _), (date, _), (clock, _), ..] if !size.starts_with('*') => {
            (Some(size.parse().ok()?), Some(os400_stamp(date, time(clock)?)?), 4)
        }
        _ => (None, None, 1),
    };
    let (object, end) = toks.get(type_at)?;
    let kind = match object.strip_prefix('*')? {
        "DIR" | "FLR" | "LIB" | "FILE" => EntryKind::Dir,
        "STMF" | "DOC" | "MEM" => EntryKind::File,
        _ => EntryKind::Other,
    };
    let path = after(line, *end);
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    (!name.is_empty()).then(|| RemoteEntry { name: name.to_string(), kind, size, modified, perms: None })
}

/// `yy/mm/dd`, else `mm/dd/yy`, with the time.
fn os400_stamp(date: &str, clock: Clock) -> Option<String> {
    let mut parts = date.split('/').map(|p| (p.len() == 2).then(|| number(p, 2)).flatten());
    let (a, b, c) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    let (year, month, day) =
        if valid_date(century(a), b, c) { (century(a), b, c) } else { (century(c), a, b) };
    stamp(year, month, day, Some(clock))
}
