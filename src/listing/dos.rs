//! The DOS/IIS/Windows LIST dialect: `MM-DD-YY  HH:MM[ ][AM|PM]  <DIR>|size  name`, also with
//! 4-digit or leading years, `/` separators, `1,234` sizes, and the other markers `cmd.exe`'s
//! `dir` prints: `<SYMLINK>`, `<SYMLINKD>` and `<JUNCTION>` with their `[target]`, and any other
//! `<TAG>` (an entry of a kind ftpsh does not know). Owns DOS dates, 12-hour times and those tags.
//!
//! Names keep their leading spaces where the layout says where a name starts: one blank after
//! a size, and the 15-column tag field of IIS and `cmd.exe` (`<DIR>` and ten blanks). Elsewhere
//! the padding before a name is dropped.
//!
//! Must not accept a line that does not start with a DOS date and time (other dialects get
//! those). It has no year to infer, so it ignores "today".

use super::date::{Clock, dos_date, stamp, time};
use super::dialect::{Ctx, Parsed};
use super::text::{after, is_digits, tokens};
use super::{EntryKind, RemoteEntry};

/// How wide IIS and `cmd.exe` make the `<DIR>` column, with the blank after it.
const TAG_FIELD: usize = 15;

pub(super) fn parse(line: &str, _ctx: Ctx) -> Parsed {
    read(line).into()
}

/// `MM-DD-YY  HH:MM[ ][AM|PM]  <DIR>|size  name`.
fn read(line: &str) -> Option<RemoteEntry> {
    let toks = tokens(line);
    let (year, month, day) = dos_date(toks.first()?.0)?;
    let meridiem =
        toks.get(2).map(|t| t.0).filter(|t| t.eq_ignore_ascii_case("AM") || t.eq_ignore_ascii_case("PM"));
    let clock = dos_time(toks.get(1)?.0, meridiem)?;
    let what = toks.get(if meridiem.is_some() { 3 } else { 2 })?;
    let (name, kind, size) = match what.0.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        Some(tag) => {
            let (name, kind) = dos_tag(tag, tagged_name(line, what.0.len(), what.1));
            (name, kind, None)
        }
        None => (line.get(what.1..)?.strip_prefix(' ')?, EntryKind::File, Some(dos_size(what.0)?)),
    };
    if name.is_empty() {
        return None;
    }
    let modified = stamp(year, month, day, Some(clock))?;
    Some(RemoteEntry { name: name.to_string(), kind, size, modified: Some(modified), perms: None })
}

/// The name after a `<TAG>` ending at byte `end`: at the end of the tag field when the line
/// has that layout, else after the padding.
fn tagged_name(line: &str, tag_len: usize, end: usize) -> &str {
    let field_end = end - tag_len + TAG_FIELD;
    match line.get(end..field_end) {
        Some(pad) if pad.bytes().all(|b| b == b' ') && line.len() > field_end => &line[field_end..],
        _ => after(line, end),
    }
}

/// The kind a tag names: `DIR`, links and junctions (with their `[target]`), or another kind.
fn dos_tag<'a>(tag: &str, name: &'a str) -> (&'a str, EntryKind) {
    match tag.to_ascii_uppercase().as_str() {
        "DIR" => (name, EntryKind::Dir),
        "SYMLINK" | "SYMLINKD" | "JUNCTION" => dos_link(name),
        _ => (name, EntryKind::Other),
    }
}

/// `name [target]` as Windows shows links and junctions.
fn dos_link(name: &str) -> (&str, EntryKind) {
    let split = name.strip_suffix(']').and_then(|n| n.rsplit_once(" ["));
    match split {
        Some((n, t)) if !n.is_empty() => (n, EntryKind::Link { target: Some(t.to_string()) }),
        _ => (name, EntryKind::Link { target: None }),
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

/// `03:16PM`, `03:16 PM` (`meridiem` is the token after the time), `12:05AM` (12-hour) or
/// `15:16` (24-hour) → 24-hour.
fn dos_time<'a>(tok: &'a str, meridiem: Option<&str>) -> Option<Clock<'a>> {
    let split = |suffix: &str| {
        let cut = tok.len().checked_sub(suffix.len())?;
        tok.get(cut..).filter(|s| s.eq_ignore_ascii_case(suffix)).map(|_| &tok[..cut])
    };
    let (clock, pm) = match (meridiem, split("AM"), split("PM")) {
        (Some(m), _, _) => (tok, Some(m.eq_ignore_ascii_case("PM"))),
        (None, Some(c), _) => (c, Some(false)),
        (None, _, Some(c)) => (c, Some(true)),
        (None, None, None) => (tok, None),
    };
    let mut clock = time(clock)?;
    match pm {
        None => {}
        Some(_) if !(1..=12).contains(&clock.hour) => return None,
        Some(pm) => clock.hour = clock.hour % 12 + if pm { 12 } else { 0 },
    }
    Some(clock)
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
