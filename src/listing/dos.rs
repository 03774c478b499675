//! The DOS/IIS/Windows LIST dialect: `MM-DD-YY  HH:MM[AM|PM]  <DIR>|size  name`, also with
//! 4-digit or leading years, `/` separators, `1,234` sizes, and `<SYMLINK>`, `<SYMLINKD>` and
//! `<JUNCTION>` entries with their `[target]`. Owns DOS dates, 12-hour times and those tags.
//!
//! Must not accept a line that does not start with a DOS date and time (other dialects get
//! those). It has no year to infer, so it ignores "today".

use super::date::{Day, time, valid_date};
use super::text::{after, is_digits, number, tokens};
use super::{EntryKind, RemoteEntry};

/// `MM-DD-YY  HH:MM[AM|PM]  <DIR>|size  name` (IIS, Windows), also with 4-digit or leading years.
pub(super) fn parse(line: &str, _today: Day) -> Option<RemoteEntry> {
    let toks = tokens(line);
    let (date, clock, what) = (toks.first()?.0, toks.get(1)?.0, toks.get(2)?);
    let (year, month, day) = dos_date(date)?;
    let (hour, minute) = dos_time(clock)?;
    let name = after(line, what.1);
    let tag = what.0.to_ascii_uppercase();
    let (name, kind, size) = match tag.as_str() {
        "<DIR>" => (name, EntryKind::Dir, None),
        "<SYMLINK>" | "<SYMLINKD>" | "<JUNCTION>" => dos_link(name),
        _ => (name, EntryKind::File, Some(dos_size(what.0)?)),
    };
    if name.is_empty() {
        return None;
    }
    let modified = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}");
    Some(RemoteEntry { name: name.to_string(), kind, size, modified: Some(modified), perms: None })
}

/// `name [target]` as Windows shows links and junctions.
fn dos_link(name: &str) -> (&str, EntryKind, Option<u64>) {
    let split = name.strip_suffix(']').and_then(|n| n.rsplit_once(" ["));
    match split {
        Some((n, t)) if !n.is_empty() => (n, EntryKind::Link { target: Some(t.to_string()) }, None),
        _ => (name, EntryKind::Link { target: None }, None),
    }
}

/// `1234` or `1,234`; `None` when not a size at all. A size too big for `u64` is not a size.
fn dos_size(tok: &str) -> Option<u64> {
    let digits: String = tok.chars().filter(|&c| c != ',').collect();
    if !is_digits(&digits) || tok.starts_with(',') {
        return None;
    }
    digits.parse().ok()
}

/// `MM-DD-YY`, `MM-DD-YYYY` or `YYYY-MM-DD`, with `-` or `/`.
fn dos_date(tok: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = tok.split(['-', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a, 4)?, number(b, 2)?, number(c, 2)?)
    } else {
        let year = match c.len() {
            2 => number(c, 2).map(|y| if y < 70 { 2000 + y } else { 1900 + y })?,
            4 => number(c, 4)?,
            _ => return None,
        };
        (year, number(a, 2)?, number(b, 2)?)
    };
    valid_date(month, day).then_some((year, month, day))
}

/// `03:16PM`, `12:05AM` (12-hour) or `15:16` (24-hour) → 24-hour.
fn dos_time(tok: &str) -> Option<(u32, u32)> {
    let upper = tok.to_ascii_uppercase();
    let (clock, pm) = match (upper.strip_suffix("AM"), upper.strip_suffix("PM")) {
        (Some(c), _) => (c, Some(false)),
        (_, Some(c)) => (c, Some(true)),
        _ => (upper.as_str(), None),
    };
    let (hour, minute) = time(clock)?;
    match pm {
        None => Some((hour, minute)),
        Some(_) if !(1..=12).contains(&hour) => None,
        Some(pm) => Some((hour % 12 + if pm { 12 } else { 0 }, minute)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::list_line;
    use crate::listing::tests::{TODAY, entry, link, list};

    #[test]
    fn dos_iis_lines() {
        let e = list("04-08-14  03:16PM       <DIR>          aspnet_client");
        assert_eq!((e.name.as_str(), e.kind, e.size), ("aspnet_client", EntryKind::Dir, None));
        assert_eq!(e.modified.as_deref(), Some("2014-04-08 15:16"));
        assert_eq!(e.perms, None);
        let e = list("04-08-14  11:05AM                 1234 web.config");
        assert_eq!(e, entry("web.config", EntryKind::File, 1234, "2014-04-08 11:05", ""));
        assert_eq!(list("01-05-99  12:30PM  7 old.txt").modified.as_deref(), Some("1999-01-05 12:30"));
    }

    #[test]
    fn dos_lines_with_four_digit_years() {
        let e = list("04-08-2014  03:16PM  <DIR>  name");
        assert_eq!(
            (e.name.as_str(), e.kind, e.modified.as_deref()),
            ("name", EntryKind::Dir, Some("2014-04-08 15:16"))
        );
        let e = list("04-08-2014  12:05AM  1234 name with spaces.txt");
        assert_eq!(e, entry("name with spaces.txt", EntryKind::File, 1234, "2014-04-08 00:05", ""));
        let e = list("2014-04-08  15:16  <DIR>  iso dir");
        assert_eq!((e.name.as_str(), e.modified.as_deref()), ("iso dir", Some("2014-04-08 15:16")));
        assert_eq!(list("04/08/2014  15:16  1,234 commas").size, Some(1234));
    }

    #[test]
    fn dos_links_and_junctions() {
        let e = list("04-08-2014  03:16PM  <JUNCTION>  Documents [C:\\Users\\me\\Documents]");
        assert_eq!((e.name.as_str(), e.kind), ("Documents", link("C:\\Users\\me\\Documents")));
        assert_eq!(list("04-08-2014  03:16PM  <SYMLINK>  plain").kind, EntryKind::Link { target: None });
    }

    #[test]
    fn bad_dos_lines_do_not_parse() {
        for line in [
            "13-08-14  03:16PM  <DIR>  bad month",
            "04-08-14  13:16PM  <DIR>  bad hour",
            "04-08-14  03:16PM  12ab  bad size",
            "04-08-14  03:16PM  <DIR>",
        ] {
            assert_eq!(list_line(line, TODAY), None, "{line}");
        }
    }
}
