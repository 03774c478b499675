//! The MLSD/MLST dialect (RFC 3659): `fact=value;fact=value; name`, for example
//! `type=file;size=1234;modify=20240105134600;UNIX.mode=0644; notes.txt`. Owns the facts this
//! shell reads (`type`, `size`, `sizd`, `modify`, `unix.mode`, and the `OS.unix=` link types of
//! Pure-FTPd and ProFTPD) and turning octal modes into `rwxr-xr-x` strings.
//!
//! Times are UTC and keep their seconds and fraction (`2024-01-05 13:46:00.5`). A `modify` that
//! is not a possible time, a `size` that is not a number or facts not ended by `;` make the line
//! not understood. Must not drop entries: it only reports `cdir`/`pdir`, and `mod.rs` decides
//! what a listing keeps. It is also the last dialect `auto` tries on LIST lines (some servers
//! send facts there).

use super::date::{Clock, stamp};
use super::dialect::{Ctx, Parsed};
use super::text::{is_digits, number, strip_eol};
use super::{EntryKind, RemoteEntry};

/// [`parse`] as a dialect of the [`Chooser`](super::dialect::Chooser): `cdir`/`pdir` are noise.
/// A line without facts counts only in a listing known to be MLSD: any LIST line that starts
/// with a blank would pass for one.
pub(super) fn parse_line(line: &str, ctx: Ctx) -> Parsed {
    if !ctx.sure && line.starts_with(' ') {
        return Parsed::No;
    }
    match parse(line) {
        Some((_, true)) => Parsed::Noise,
        Some((e, false)) => Parsed::Entry(e),
        None => Parsed::No,
    }
}

/// The entry, and whether it is the listed directory itself or its parent (`cdir`/`pdir`).
/// Everything after the first space is the name. A line without facts (` name`, RFC 3659
/// allows it) is an entry of unknown kind ([`EntryKind::Other`]). `None` for a line that is not
/// understood: no name, facts not ended by `;`, a fact without `=`, facts but no `type` (a
/// directory would pass for a file), a `size`/`sizd` that is not a number, or a `modify` that is
/// not a possible time.
pub(super) fn parse(line: &str) -> Option<(RemoteEntry, bool)> {
    let line = strip_eol(line);
    let (facts, name) = line.split_once(' ')?;
    if name.is_empty() || !(facts.is_empty() || facts.ends_with(';')) {
        return None;
    }
    let kind = if facts.is_empty() { EntryKind::Other } else { EntryKind::File };
    let mut entry = RemoteEntry { name: name.to_string(), kind, size: None, modified: None, perms: None };
    let (mut dot, mut sizd, mut typed) = (false, None, facts.is_empty());
    for fact in facts.split(';').filter(|f| !f.is_empty()) {
        let (key, value) = fact.split_once('=')?;
        let is = |k: &str| key.eq_ignore_ascii_case(k);
        if is("type") {
            ((entry.kind, dot), typed) = (mlsd_type(value), true);
        } else if is("size") {
            entry.size = Some(value.parse().ok()?);
        } else if is("sizd") {
            sizd = Some(value.parse().ok()?);
        } else if is("modify") {
            entry.modified = Some(mlsd_time(value)?);
        } else if is("unix.mode") {
            entry.perms = octal_perms(value);
        }
    }
    entry.size = entry.size.or(sizd);
    typed.then_some((entry, dot))
}

/// The `type` fact: the kind, and whether it is `cdir`/`pdir`.
fn mlsd_type(value: &str) -> (EntryKind, bool) {
    let is = |t: &str| value.eq_ignore_ascii_case(t);
    let os_unix = value.get(..8).filter(|p| p.eq_ignore_ascii_case("os.unix="));
    match () {
        _ if is("file") => (EntryKind::File, false),
        _ if is("dir") => (EntryKind::Dir, false),
        _ if is("cdir") || is("pdir") => (EntryKind::Dir, true),
        _ if is("link") || is("slink") || is("symlink") => (EntryKind::Link { target: None }, false),
        _ if os_unix.is_some() => (os_unix_type(&value[8..]), false),
        _ => (EntryKind::Other, false),
    }
}

/// `OS.unix=slink:/target` (Pure-FTPd), `OS.unix=symlink` (ProFTPD); other OS types are Other.
fn os_unix_type(sub: &str) -> EntryKind {
    let (kind, target) = sub.split_once(':').unwrap_or((sub, ""));
    match kind.to_ascii_lowercase().as_str() {
        "slink" | "symlink" | "link" => {
            EntryKind::Link { target: (!target.is_empty()).then(|| target.to_string()) }
        }
        _ => EntryKind::Other,
    }
}

/// `YYYYMMDDHHMMSS[.sss]` (UTC) → `YYYY-MM-DD HH:MM:SS[.sss]`, seconds and fraction kept.
fn mlsd_time(value: &str) -> Option<String> {
    let (digits, fraction) = value.split_once('.').unwrap_or((value, ""));
    if digits.len() != 14 || !is_digits(digits) || !(fraction.is_empty() || is_digits(fraction)) {
        return None;
    }
    if value.ends_with('.') {
        return None;
    }
    let part = |from: usize, to: usize| number(&digits[from..to], 4);
    let year = i64::from(part(0, 4)?);
    let (month, day) = (part(4, 6)?, part(6, 8)?);
    let mut clock = Clock::hm(part(8, 10)?, part(10, 12)?)?;
    clock.second = Some((part(12, 14).filter(|s| *s <= 60)?, fraction));
    stamp(year, month, day, Some(clock))
}

/// An octal mode (`0644`, `100755`) → `rw-r--r--`, with setuid/setgid/sticky shown.
fn octal_perms(value: &str) -> Option<String> {
    if value.is_empty() || !value.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    let mode = u32::from_str_radix(value, 8).ok()?;
    let bit = |mask: u32, c: char| if mode & mask != 0 { c } else { '-' };
    let exec = |mask: u32, special: u32, c: char| match (mode & mask != 0, mode & special != 0) {
        (true, true) => c,
        (false, true) => c.to_ascii_uppercase(),
        (true, false) => 'x',
        (false, false) => '-',
    };
    let perms = [
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, 0o4000, 's'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        exec(0o010, 0o2000, 's'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        exec(0o001, 0o1000, 't'),
    ];
    Some(perms.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::tests::{entry, link, mlsd, owned};
    use crate::listing::{Line, parse_listing, parse_mlsd_line};

    #[test]
    fn mlsd_facts_from_several_servers() {
        // Pure-FTPd
        let e = mlsd(
            "type=file;size=1234;modify=20240105134600;UNIX.mode=0644;UNIX.uid=1000;UNIX.gid=1000;unique=803g1f; notes.txt",
        );
        assert_eq!(e, entry("notes.txt", EntryKind::File, 1234, "2024-01-05 13:46:00", "rw-r--r--"));
        // ProFTPD
        let e = mlsd(
            "modify=20240105134600;perm=flcdmpe;type=dir;unique=FD00U1A2B;UNIX.group=0;UNIX.groupname=root;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=root; pub",
        );
        assert_eq!(
            (e.name.as_str(), e.kind, e.size, e.perms.as_deref()),
            ("pub", EntryKind::Dir, None, Some("rwxr-xr-x"))
        );
        // IIS: fractional seconds, no unix.mode
        let e = mlsd("type=file;size=22;modify=20140408151630.123; web.config");
        assert_eq!(e, entry("web.config", EntryKind::File, 22, "2014-04-08 15:16:30.123", ""));
        // pyftpdlib
        let e = mlsd("type=file;size=156;perm=r;modify=20071029155301;unique=8012; music.mp3");
        assert_eq!(e, entry("music.mp3", EntryKind::File, 156, "2007-10-29 15:53:01", ""));
        // libunftp
        let e = mlsd("type=file;size=109;modify=20231124190700;perm=adfrw; readme.txt");
        assert_eq!(e, entry("readme.txt", EntryKind::File, 109, "2023-11-24 19:07:00", ""));
    }

    #[test]
    fn mlsd_keys_are_case_insensitive() {
        let e = mlsd("Type=File;Size=3;Modify=20240105134600;unix.MODE=0755; run.sh");
        assert_eq!(e, entry("run.sh", EntryKind::File, 3, "2024-01-05 13:46:00", "rwxr-xr-x"));
        assert!(e.is_executable());
        assert_eq!(mlsd("TYPE=DIR; d").kind, EntryKind::Dir);
    }

    #[test]
    fn mlsd_names_are_verbatim() {
        assert_eq!(mlsd("type=file;size=3; a; b c ").name, "a; b c ");
        assert_eq!(mlsd("type=file;size=3;  leading").name, " leading");
        assert_eq!(mlsd("type=file; café ファイル.txt").name, "café ファイル.txt");
        assert_eq!(mlsd("type=file;size=3; a=b;c").name, "a=b;c");
    }

    #[test]
    fn mlsd_pure_ftpd_slink_and_proftpd_symlink() {
        let e = mlsd(
            "type=OS.unix=slink:/etc/motd;size=9;modify=20240105134600;UNIX.mode=0777;UNIX.uid=0;UNIX.gid=0;unique=803g2; motd",
        );
        assert_eq!(e, entry("motd", link("/etc/motd"), 9, "2024-01-05 13:46:00", "rwxrwxrwx"));
        let e = mlsd(
            "modify=20240105134600;perm=adfr;size=11;type=OS.unix=symlink;unique=FD00U1;UNIX.mode=0777; latest",
        );
        assert_eq!(e.kind, EntryKind::Link { target: None });
        assert_eq!(mlsd("type=OS.unix=slink:; empty").kind, EntryKind::Link { target: None });
        assert_eq!(mlsd("type=os.UNIX=SLINK:Target; keep case").kind, link("Target"));
        assert_eq!(mlsd("type=OS.unix=chr-1/3; null").kind, EntryKind::Other);
        assert_eq!(mlsd("type=weird; w").kind, EntryKind::Other);
    }

    #[test]
    fn mlsd_cdir_and_pdir_are_filtered() {
        assert_eq!(mlsd("type=cdir;modify=20240105134600; .").kind, EntryKind::Dir);
        let lines = owned(&[
            "type=cdir;sizd=4096;modify=20240105134600;UNIX.mode=0755; /home/user",
            "type=pdir;sizd=4096;modify=20240105134600; ..",
            "type=dir;sizd=4096;modify=20240105134600; .",
            "type=dir;sizd=4096;modify=20240105134600; docs",
        ]);
        let got = parse_listing(&lines, true);
        assert_eq!(got.len(), 1);
        let Line::Entry(e) = &got[0] else { panic!("{got:?}") };
        assert_eq!((e.name.as_str(), e.size), ("docs", Some(4096)));
    }

    #[test]
    fn mlsd_bad_lines() {
        for line in
            ["", "type=file;size=3;", "nofacts name", "-rw-r--r-- 1 u g 3 Jan 5 13:46 x", "Type=file name"]
        {
            assert_eq!(parse_mlsd_line(line), None, "{line:?}");
        }
        let e = mlsd("type=file;UNIX.mode=9z; odd");
        assert_eq!((e.size, e.modified, e.perms), (None, None, None));
    }

    #[test]
    fn mlsd_lines_that_could_hide_a_directory_or_a_size_are_not_understood() {
        for line in [
            "size=3;modify=20240105134600; no-type",
            "Size=3; no-type-either",
            "type=file;size=99999999999999999999999; too-big",
            "type=file;size=12k; not-a-number",
            "type=file;size=; empty-size",
            "type=dir;sizd=-1; negative",
            "unique=803g1f; only-unique",
            "type=file;modify=2024; short-modify",
            "type=file;modify=20241131120000; november-31st",
            "type=file;modify=20240230120000; february-30th",
            "type=file;modify=20240105246000; hour-24",
            "type=file;modify=20240105134600.; empty-fraction",
            "type=file;oops; fact-without-equals",
        ] {
            assert_eq!(parse_mlsd_line(line), None, "{line:?}");
        }
    }

    #[test]
    fn mlsd_lines_without_facts_are_entries_of_unknown_kind() {
        let e = mlsd(" plain name");
        assert_eq!((e.name.as_str(), e.kind, e.size), ("plain name", EntryKind::Other, None));
        assert_eq!(mlsd("  leading").name, " leading");
    }

    #[test]
    fn mlsd_times_keep_seconds_and_fractions() {
        assert_eq!(
            mlsd("type=file;modify=20240105134659; s").modified.as_deref(),
            Some("2024-01-05 13:46:59")
        );
        let e = mlsd("type=file;modify=20240229134659.5; f");
        assert_eq!(e.modified.as_deref(), Some("2024-02-29 13:46:59.5"));
        let e = mlsd("type=file;modify=19991231235960; leap second");
        assert_eq!(e.modified.as_deref(), Some("1999-12-31 23:59:60"));
    }

    #[test]
    fn octal_modes() {
        assert_eq!(octal_perms("04755").as_deref(), Some("rwsr-xr-x"));
        assert_eq!(octal_perms("1777").as_deref(), Some("rwxrwxrwt"));
        assert_eq!(octal_perms("02644").as_deref(), Some("rw-r-Sr--"));
        assert_eq!(octal_perms("100644").as_deref(), Some("rw-r--r--"));
        assert_eq!(octal_perms("0"), Some("---------".to_string()));
        for bad in ["", "8", "+644", "0x1ff", "7777777777777777777"] {
            assert_eq!(octal_perms(bad), None, "{bad}");
        }
    }
}
