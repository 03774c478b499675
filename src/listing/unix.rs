//! The Unix `ls -l` LIST dialect, as vsftpd, ProFTPD, Pure-FTPd, pyftpdlib, libunftp, most Unix
//! servers and the Unix modes of enterprise systems (z/OS USS, OS/400 IFS, Connect:Enterprise's
//! `-C--E-----FTP`) send it: `-rw-r--r--[+@.] [links] [owner] [group] size date name`. Owns the
//! permission column (also with the ACL mark glued to the link count, `drwxr-x---+1464`), finding
//! the date by shape, the date forms `ls` prints in any locale, symlink targets and devices.
//!
//! How a line is read: the permissions come first; then the date is found by its shape, right
//! after a number (the size). When several places fit, the one of the usual columns wins
//! (`perms links owner group size date`, then without the group, then without the link count),
//! so owners and groups that look like months or numbers (`jan 20`) are not taken for a date.
//! The name is everything after the date and the one blank that separates them, so leading and
//! trailing spaces of a name are kept. A link's `name -> target` is split at the ` -> ` whose
//! target is as long as the size `ls` shows for a link (the target's length); when none is, at
//! the first ` -> `.
//!
//! Must not accept a line whose first token is not a permission string (other dialects get
//! those), and must not read the clock: "today" is given.

use super::date::{
    Day, day, infer_year, is_zone, month, month_day, numeric_date, short_iso_date, stamp, time,
};
use super::dialect::{Ctx, Parsed};
use super::text::{is_digits, tokens};
use super::{EntryKind, RemoteEntry};

/// Token indices where the date usually starts: after `perms links owner group size`, then
/// without the group, then without the link count.
const USUAL_DATE_AT: [usize; 3] = [5, 4, 3];

pub(super) fn parse(line: &str, ctx: Ctx) -> Parsed {
    read(line, ctx.today).into()
}

/// `-rw-r--r--[+@.] [links] [owner] [group] size date name`.
fn read(line: &str, today: Day) -> Option<RemoteEntry> {
    let mut toks = tokens(line);
    let (kind_char, perms) = split_links(&mut toks)?;
    let (at, modified, end) = find_date(&toks, kind_char, today)?;
    let name = line.get(end..).and_then(|rest| rest.strip_prefix([' ', '\t']))?;
    let size = match kind_char {
        'c' | 'b' => None,
        _ => toks[at - 1].0.parse().ok(),
    };
    let (name, kind) = name_and_kind(kind_char, name, size);
    if name.is_empty() {
        return None;
    }
    Some(RemoteEntry { name: name.to_string(), kind, size, modified: Some(modified), perms })
}

/// Reads the permission token, splitting a link count glued to it (`drwxr-x---+1464`) into a
/// token of its own. The type character (`?` when the listing shows none) and the permissions.
fn split_links(toks: &mut Vec<(&str, usize)>) -> Option<(char, Option<String>)> {
    let (first, end) = *toks.first()?;
    if let Some(read) = perms(first) {
        return Some(read);
    }
    let digits = first.len() - first.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let head = &first[..first.len() - digits];
    let read = (digits > 0).then(|| perms(head)).flatten()?;
    toks[0] = (head, end - digits);
    toks.insert(1, (&first[head.len()..], end));
    Some(read)
}

/// `drwxr-xr-x`, optionally followed by an ACL/xattr/SELinux mark (`+`, `@`, `.`); `rwxr-xr-x`
/// without a type (kind unknown); Connect:Enterprise's `-C--E-----FTP` (a file, no Unix bits).
fn perms(tok: &str) -> Option<(char, Option<String>)> {
    let tok = tok.strip_suffix(['+', '@', '.']).unwrap_or(tok);
    let bits = |s: &str| {
        let ok = |(i, b): (usize, u8)| match i % 3 {
            0 => b"r-".contains(&b),
            1 => b"w-".contains(&b),
            _ => b"xsStTlL-".contains(&b),
        };
        s.len() == 9 && s.bytes().enumerate().all(ok)
    };
    if tok.len() == 10 && tok.is_char_boundary(1) && bits(&tok[1..]) {
        let kind = tok.chars().next()?;
        return "-dlcbpsDnef".contains(kind).then(|| (kind, Some(tok[1..].to_string())));
    }
    if bits(tok) {
        return Some(('?', Some(tok.to_string())));
    }
    let enterprise = tok.len() > 10
        && tok.bytes().take(10).all(|b| b == b'-' || b.is_ascii_uppercase())
        && tok.bytes().skip(10).all(|b| b.is_ascii_uppercase());
    enterprise.then_some(('-', None))
}

/// The date: at one of the [`USUAL_DATE_AT`] places if it is there, else the first place it
/// fits, from the third token on; always right after the size. Its token index, the date
/// formatted and the byte offset just past it.
fn find_date(toks: &[(&str, usize)], kind: char, today: Day) -> Option<(usize, String, usize)> {
    let at = |i: usize| {
        let size = toks.get(i.checked_sub(1)?)?.0;
        let size_ok = is_digits(size) || (matches!(kind, 'c' | 'b') && is_device(size));
        let (date, end) = size_ok.then(|| list_date(toks, i, today)).flatten()?;
        Some((i, date, end))
    };
    USUAL_DATE_AT.iter().find_map(|&i| at(i)).or_else(|| (2..toks.len()).find_map(at))
}

/// Solaris device numbers glued together: `109,767`.
fn is_device(tok: &str) -> bool {
    tok.split_once(',').is_some_and(|(a, b)| is_digits(a) && is_digits(b))
}

/// The kind from the type character; a link's name is split from its target (see the module
/// docs for which ` -> ` splits them).
fn name_and_kind(kind: char, name: &str, size: Option<u64>) -> (&str, EntryKind) {
    match kind {
        '-' | 'f' => (name, EntryKind::File),
        'd' => (name, EntryKind::Dir),
        'l' => {
            let splits = || name.match_indices(" -> ").map(|(i, _)| (&name[..i], &name[i + 4..]));
            let by_size = splits().find(|(_, t)| size == Some(t.len() as u64));
            match by_size.or_else(|| splits().next()) {
                Some((n, t)) => (n, EntryKind::Link { target: (!t.is_empty()).then(|| t.to_string()) }),
                None => (name, EntryKind::Link { target: None }),
            }
        }
        _ => (name, EntryKind::Other),
    }
}

/// A date starting at token `i`, in any of the shapes `ls` and servers print: `Mon DD HH:MM`,
/// `Mon DD YYYY`, `DD Mon HH:MM|YYYY` (also localized and CJK), `YYYY-MM-DD [HH:MM[:SS[.f]]
/// [+ZZZZ]]` and the other numeric forms, `MM-DD HH:MM`. Returns it formatted and the byte
/// offset just past its last token.
fn list_date(toks: &[(&str, usize)], i: usize, today: Day) -> Option<(String, usize)> {
    let tok = |k: usize| toks.get(i + k).map(|t| t.0);
    let end = |k: usize| toks[i + k].1;
    let first = tok(0)?;
    if let (Some(month), Some(day), Some(last)) = (month(first), tok(1).and_then(day), tok(2)) {
        return Some((month_day(month, day, last, today)?, end(2)));
    }
    if let (Some(day), Some(month), Some(last)) = (day(first), tok(1).and_then(month), tok(2)) {
        return Some((month_day(month, day, last, today)?, end(2)));
    }
    if let Some((year, month, day)) = numeric_date(first) {
        let Some(clock) = tok(1).and_then(time) else {
            return Some((stamp(year, month, day, None)?, end(0)));
        };
        let last = if tok(2).is_some_and(is_zone) { 2 } else { 1 };
        return Some((stamp(year, month, day, Some(clock))?, end(last)));
    }
    let (month, day) = short_iso_date(first)?;
    let clock = time(tok(1)?)?;
    Some((stamp(infer_year(month, day, today)?, month, day, Some(clock))?, end(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::list_line;
    use crate::listing::tests::{TODAY, entry, link, list};

    #[test]
    fn vsftpd_files_and_dirs() {
        assert_eq!(
            list("-rw-r--r--    1 1000     1000         1234 Jan 05 13:46 notes.txt"),
            entry("notes.txt", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--")
        );
        assert_eq!(
            list("drwxr-xr-x    2 1000     1000         4096 Mar 01 09:05 pub"),
            entry("pub", EntryKind::Dir, 4096, "2024-03-01 09:05", "rwxr-xr-x")
        );
    }

    #[test]
    fn proftpd_names_with_spaces_and_trailing_spaces() {
        let e = list("-rw-r--r--   1 ftp      ftp          1234 Jan  5 13:46 my holiday notes.txt");
        assert_eq!(e.name, "my holiday notes.txt");
        assert_eq!(list("-rw-r--r--   1 ftp ftp 1 Jan  5 13:46 two  spaces  ").name, "two  spaces  ");
    }

    #[test]
    fn names_starting_with_digits() {
        let e = list("-rw-r--r--   1 owner    group    5242880 Jan  5  2014 01 1234 foo.mp3");
        assert_eq!(e, entry("01 1234 foo.mp3", EntryKind::File, 5_242_880, "2014-01-05", "rw-r--r--"));
    }

    #[test]
    fn dates_inside_names_are_part_of_the_name() {
        assert_eq!(list("-rw-r--r-- 1 u g 12 Jan 5 13:46 Feb 6 2020 report").name, "Feb 6 2020 report");
        assert_eq!(list("-rw-r--r-- 1 jan may 12 Jan 5 13:46 x").name, "x");
    }

    #[test]
    fn symlinks_with_and_without_target() {
        let e = list("lrwxrwxrwx    1 0        0              11 Jan 05 13:46 latest -> release-1.2");
        assert_eq!(e, entry("latest", link("release-1.2"), 11, "2024-01-05 13:46", "rwxrwxrwx"));
        assert_eq!(list("lrwxrwxrwx 1 u g 4 Jan 5 13:46 a b -> c -> d").kind, link("c -> d"));
        assert_eq!(list("lrwxrwxrwx 1 u g 4 Jan 5 13:46 dangling").kind, EntryKind::Link { target: None });
        // Only links are split: a regular file may have " -> " in its name.
        assert_eq!(list("-rw-r--r-- 1 u g 4 Jan 5 13:46 a -> b").name, "a -> b");
    }

    #[test]
    fn acl_xattr_and_selinux_flags_after_permissions() {
        let e = list("-rw-r--r--+ 1 user staff 12 Jan 5 13:46 acl.txt");
        assert_eq!(e, entry("acl.txt", EntryKind::File, 12, "2024-01-05 13:46", "rw-r--r--"));
        let e = list("drwxr-xr-x@ 3 user staff 96 Jan 5 13:46 Mac Dir");
        assert_eq!(e, entry("Mac Dir", EntryKind::Dir, 96, "2024-01-05 13:46", "rwxr-xr-x"));
        assert_eq!(list("-rw-r--r--. 1 root root 0 Jan 5 13:46 selinux").name, "selinux");
    }

    #[test]
    fn iso_dates_in_list() {
        let e = list("-rw-r--r-- 1 user group 1234 2024-01-05 13:46 iso.txt");
        assert_eq!(e, entry("iso.txt", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--"));
        let e = list("-rw-r--r-- 1 user group 1234 2024-01-05 13:46:12.123456789 +0100 full time.txt");
        assert_eq!(
            (e.name.as_str(), e.modified.as_deref()),
            ("full time.txt", Some("2024-01-05 13:46:12.123456789"))
        );
        let e = list("-rw-r--r-- 1 user group 1234 2023-01-05 old.txt");
        assert_eq!((e.name.as_str(), e.modified.as_deref()), ("old.txt", Some("2023-01-05")));
        let e = list("-rw-r--r-- 1 user group 1234 01-05 13:46 recent.txt");
        assert_eq!((e.name.as_str(), e.modified.as_deref()), ("recent.txt", Some("2024-01-05 13:46")));
    }

    #[test]
    fn day_before_month() {
        let e = list("-rw-r--r-- 1 0 0 12 5 Jan 13:46 european.txt");
        assert_eq!(
            (e.name.as_str(), e.size, e.modified.as_deref()),
            ("european.txt", Some(12), Some("2024-01-05 13:46"))
        );
    }

    #[test]
    fn list_without_group_column() {
        let e = list("-rw-r--r-- 1 owner 1234 Jan 5 13:46 name");
        assert_eq!(e, entry("name", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--"));
        assert_eq!(list("-rw-r--r-- 1234 Jan 5 13:46 bare").size, Some(1234));
    }

    #[test]
    fn owner_and_group_with_spaces() {
        let e = list("-rw-r--r-- 1 owner Domain Users 1234 Jan 5 13:46 report.doc");
        assert_eq!((e.name.as_str(), e.size), ("report.doc", Some(1234)));
    }

    #[test]
    fn libunftp_list() {
        let e =
            list("-rw-r--r--            1            0            0            109 Nov 24 19:07 readme.txt");
        assert_eq!(e, entry("readme.txt", EntryKind::File, 109, "2023-11-24 19:07", "rw-r--r--"));
        let e = list("drwxr-xr-x            1            0            0           4096 Nov 24 19:07 sub dir");
        assert_eq!((e.name.as_str(), e.is_dir()), ("sub dir", true));
    }

    #[test]
    fn pyftpdlib_list() {
        let e = list("-rw-rw-rw-   1 owner    group        8192 Jan 05 13:46 recent.bin");
        assert_eq!(e, entry("recent.bin", EntryKind::File, 8192, "2024-01-05 13:46", "rw-rw-rw-"));
        let e = list("drwxrwxrwx   1 owner    group           0 Jan 05  2014 old dir");
        assert_eq!(e, entry("old dir", EntryKind::Dir, 0, "2014-01-05", "rwxrwxrwx"));
    }

    #[test]
    fn pure_ftpd_list() {
        let e = list("-rw-r--r--    1 1000       1000             1234 Jan  5 13:46 pure.txt");
        assert_eq!(e, entry("pure.txt", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--"));
    }

    #[test]
    fn devices_pipes_and_sockets_are_other() {
        let e = list("crw-rw-rw-   1 root     root       1,   3 Jan  5 13:46 null");
        assert_eq!((e.name.as_str(), e.kind, e.size), ("null", EntryKind::Other, None));
        assert_eq!(list("brw-rw----   1 root disk 8, 0 Jan  5 13:46 sda").kind, EntryKind::Other);
        let e = list("prw-r--r--   1 u g 0 Jan  5 13:46 fifo");
        assert_eq!((e.kind, e.size), (EntryKind::Other, Some(0)));
        assert_eq!(list("srwxrwxrwx   1 u g 0 Jan  5 13:46 sock").kind, EntryKind::Other);
    }

    #[test]
    fn setuid_setgid_and_sticky_in_list() {
        assert_eq!(list("-rwsr-xr-x 1 root root 1 Jan 5 13:46 su").perms.as_deref(), Some("rwsr-xr-x"));
        assert_eq!(list("drwxrwxrwt 1 root root 1 Jan 5 13:46 tmp").perms.as_deref(), Some("rwxrwxrwt"));
    }

    #[test]
    fn huge_numbers_give_no_size() {
        let e = list("-rw-r--r-- 1 u g 99999999999999999999999 Jan 5 13:46 huge");
        assert_eq!((e.name.as_str(), e.size), ("huge", None));
        assert_eq!(list("-rw-r--r-- 1 u g 18446744073709551615 Jan 5 13:46 max").size, Some(u64::MAX));
    }

    #[test]
    fn non_ascii_names_and_padding() {
        assert_eq!(list("-rw-r--r-- 1 u g 5 Jan 5 13:46 日本語 ファイル.txt").name, "日本語 ファイル.txt");
        assert_eq!(list("-rw-r--r--\t1\tu\tg\t5\tJan\t5\t13:46\ttabs").name, "tabs");
        assert_eq!(list("-rw-r--r-- 1 u g 5 Jan 5 13:46 \u{3000}wide").name, "\u{3000}wide");
    }

    #[test]
    fn not_listing_lines() {
        for line in [
            "226 Transfer complete",
            "hello world",
            "-rw-r--r-- 1 u g 5 Jan 5 13:46",
            "-rw-r--r-- 1 u g x Jan 5 13:46 nosize",
            "-rw-r--r-- 1 u g 5 Foo 5 13:46 badmonth",
            "-rw-r--r-- 1 u g 5 Jan 32 13:46 badday",
            "-rw-r--r-- 1 u g 5 Jan 5 24:00 badhour",
            "-rwxrwxrwxrwx 1 u g 5 Jan 5 13:46 longperms",
            "xrw-r--r-- 1 u g 5 Jan 5 13:46 badtype",
        ] {
            assert_eq!(list_line(line, TODAY), None, "{line}");
        }
    }
}
