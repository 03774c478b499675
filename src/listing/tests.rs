//! Tests of the listing entry points (what a whole listing keeps and drops, how the public
//! functions agree, that no input panics), and the fixtures the dialect files' tests share.
//!
//! Lines of one dialect belong in the fixture corpus (`tests/fixtures/listings`, read by
//! `corpus.rs`) or in that dialect's file, not here.

use super::date::Day;
use super::dialect::{Chooser, is_total};
use super::*;

/// "Today" for every test that needs one, so year inference does not depend on the clock.
pub(super) const TODAY: Day = Day { year: 2024, month: 3, day: 10 };

/// A LIST line through every dialect, as [`parse_listing`] reads it; panics when none parses it.
pub(super) fn list(line: &str) -> RemoteEntry {
    list_line(line, TODAY).unwrap_or_else(|| panic!("LIST line did not parse: {line:?}"))
}

pub(super) fn mlsd(line: &str) -> RemoteEntry {
    parse_mlsd_line(line).unwrap_or_else(|| panic!("MLSD line did not parse: {line:?}"))
}

pub(super) fn entry(name: &str, kind: EntryKind, size: u64, modified: &str, perms: &str) -> RemoteEntry {
    RemoteEntry {
        name: name.to_string(),
        kind,
        size: Some(size),
        modified: Some(modified.to_string()),
        perms: (!perms.is_empty()).then(|| perms.to_string()),
    }
}

pub(super) fn link(target: &str) -> EntryKind {
    EntryKind::Link { target: Some(target.to_string()) }
}

pub(super) fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

#[test]
fn total_dot_and_dotdot_are_dropped_and_garbage_kept_raw() {
    let lines = owned(&[
        "total 12",
        "drwxr-xr-x  3 u g 4096 Jan  5 13:46 .",
        "drwxr-xr-x 19 u g 4096 Jan  5 13:46 ..",
        "-rw-r--r--  1 u g   12 Jan  5 13:46 keep.txt\r\n",
        "",
        "   ",
        "ls: cannot open directory .: Permission denied",
    ]);
    let got = parse_listing(&lines, false);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(matches!(&got[0], Line::Entry(e) if e.name == "keep.txt"));
    assert_eq!(got[1], Line::Raw("ls: cannot open directory .: Permission denied".to_string()));
    assert_eq!(entries(&lines, false).len(), 1);
    assert!(is_total("total 1.5M"));
    assert!(!is_total("total"));
    assert!(!is_total("total recall"));
}

#[test]
fn executable_means_a_file_with_an_x_bit() {
    let with = |kind: EntryKind, perms: Option<&str>| RemoteEntry {
        name: "f".to_string(),
        kind,
        size: None,
        modified: None,
        perms: perms.map(str::to_string),
    };
    assert!(with(EntryKind::File, Some("rwxr-xr-x")).is_executable());
    assert!(with(EntryKind::File, Some("rw-r--r-x")).is_executable());
    assert!(with(EntryKind::File, Some("rwsr--r--")).is_executable());
    assert!(with(EntryKind::File, Some("rw-r--r-t")).is_executable());
    assert!(!with(EntryKind::File, Some("rwSr--r--")).is_executable());
    assert!(!with(EntryKind::File, Some("rw-r--r--")).is_executable());
    assert!(!with(EntryKind::File, None).is_executable());
    assert!(!with(EntryKind::Dir, Some("rwxr-xr-x")).is_executable());
    assert!(with(EntryKind::Dir, None).is_dir());
}

#[test]
fn public_entry_points_agree() {
    let line = "-rw-r--r-- 1 u g 3 Jan 5 2014 x";
    assert_eq!(parse_list_line(line), list_line(line, TODAY));
    let got = entries(&owned(&[line, "garbage"]), false);
    assert_eq!(got, vec![list(line)]);
}

#[test]
fn a_reader_infers_years_against_the_clock_it_is_given() {
    let line = "-rw-r--r-- 1 u g 3 Dec 24 10:00 x";
    let june_2020 = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_591_000_000);
    let mut reader = Reader::new(false, false, MEMORY_MAX).today(june_2020);
    assert_eq!(reader.dialect(), Dialect::Auto);
    reader.line(line).unwrap();
    assert_eq!(reader.dialect(), Dialect::Unix);
    let got = reader.finish();
    assert_eq!(got.entries[0].modified.as_deref(), Some("2019-12-24 10:00"));
}

#[test]
fn a_reader_reads_lines_in_the_format_it_is_told() {
    let dos = "04-08-14  03:16PM       <DIR>          d";
    let mut reader = Reader::new(false, true, MEMORY_MAX).format(Dialect::Unix, None);
    reader.line(dos).unwrap();
    assert_eq!(reader.finish().raw, [dos]);
    let mut reader = Reader::new(false, true, MEMORY_MAX).format(Dialect::Auto, Some("215 Windows_NT"));
    reader.line(dos).unwrap();
    assert_eq!((reader.dialect(), reader.finish().entries.len()), (Dialect::Dos, 1));
    let mut mlsd = Reader::new(true, true, MEMORY_MAX).format(Dialect::Unix, None);
    mlsd.line("type=dir; d").unwrap();
    assert_eq!(mlsd.dialect(), Dialect::Mlsd, "an MLSD listing stays MLSD");
}

#[test]
fn a_two_line_entry_cut_off_at_the_end_is_not_understood() {
    let mut reader = Reader::new(false, false, MEMORY_MAX).format(Dialect::Vms, None);
    reader.line("LONG_NAME.DAT;1\r\n").unwrap();
    let got = reader.finish();
    assert_eq!((got.not_understood, got.raw.as_slice()), (1, ["LONG_NAME.DAT;1".to_string()].as_slice()));
    let lines = owned(&["LONG_NAME.DAT;1"]);
    assert_eq!(parse_listing(&lines, false), [Line::Raw("LONG_NAME.DAT;1".into())]);
}

/// Lines that must never panic, whatever they parse to.
fn odd_lines() -> Vec<String> {
    let mut odd: Vec<String> = [
        "",
        " ",
        "   ",
        "\t",
        "\r",
        "\n",
        "\r\n",
        "\0",
        "\u{1b}[2J",
        "\u{7f}",
        "\u{202e}",
        "total",
        "total ",
        "total 0",
        "TOTAL 9",
        "total -1",
        "total 日本",
        "-",
        "d",
        "l",
        "-rw-r--r--",
        "-rw-r--r-- ",
        "-rw-r--r-- 1",
        "-rw-r--r-- 1 u",
        "-rw-r--r-- 1 u g",
        "-rw-r--r-- 1 u g 3",
        "-rw-r--r-- 1 u g 3 Jan",
        "-rw-r--r-- 1 u g 3 Jan 5",
        "-rw-r--r-- 1 u g 3 Jan 5 13:",
        "-rw-r--r-- 1 u g 3 Jan 5 :46 x",
        "-rw-r--r-- 1 u g 3 Jan 5 1:4 x",
        "-rw-r--r-- 1 u g 3 2024-01-05",
        "-rw-r--r-- 1 u g 3 2024-01-05 13:46:",
        "-rw-r--r-- 1 u g 3 2024-1-5 x",
        "-rw-r--r-- 1 u g 3 2024-01-05 13:46:1.x +01",
        "-rw-r--r-- 1 u g 3 01-05",
        "-rw-r--r-- 1 u g 3 -",
        "lrwxrwxrwx 1 u g 3 Jan 5 13:46  -> ",
        "lrwxrwxrwx 1 u g 3 Jan 5 13:46 -> t",
        "lrwxrwxrwx 1 u g 3 Jan 5 13:46 x ->",
        "-ŕw-r--r-- 1 u g 3 Jan 5 13:46 x",
        "é",
        "日本語",
        "-日本語日本語日本語 1 u g 3 Jan 5 13:46 x",
        "-rw-r--r-- 1 u g 3 Jän 5 13:46 x",
        "-rw-r--r-- 1 u g 3 Jan 5日 13:46 x",
        "-rw-r--r-- 1 u g ３ Jan 5 13:46 x",
        "-rw-r--r--+@ 1 u g 3 Jan 5 13:46 x",
        "+",
        "@",
        ".",
        "..",
        "-rw-r--r-- 1 u g 3 Jan 5 13:46 .",
        "99999999999999999999999999999999999999",
        "-rw-r--r-- 1 u g 3 Jan 99999999999 13:46 x",
        "-rw-r--r-- 1 u g 3 Jan 5 99999:99999 x",
        "-rw-r--r-- 1 u g 3 Jan 5 99999 x",
        "-rw-r--r-- 1 u g 3 Jan 5 0000 x",
        "04-08-14",
        "04-08-14  03:16PM",
        "04-08-14  03:16PM  <DIR>",
        "04-08-14  03:16XM  <DIR>  x",
        "04-08-14  00:16AM  <DIR>  x",
        "04-08-1  03:16PM  <DIR>  x",
        "04-08-14-1  03:16PM  1 x",
        "--  03:16PM  1 x",
        "04-08-14  03:16PM  , x",
        "04-08-14  03:16PM  1,2,3 x",
        "04-08-14  PM  1 x",
        "04-08-14  AM  1 x",
        "04-08-14  03:16PM  <JUNCTION>  [x]",
        "04-08-14  03:16PM  <JUNCTION>   [",
        "04-08-14  03:16PM  <SYMLINKD>  ]",
        "04/08/2014  日本:語PM  1 x",
        "2014-04-08  15:16",
        "9999-99-99  99:99  1 x",
        "type=",
        "type=;",
        "=",
        ";",
        "; ",
        "= ",
        "=;= x",
        "type",
        "type=file",
        "type=file;",
        "type=file; ",
        "type=file;  ",
        "type=OS.unix=",
        "type=OS.unix= x",
        "type=OS.unix=slink x",
        "type=OS.unix=slink:日本 x",
        "type=OS.unix 日本",
        "type=OS.uni; x",
        "type=日本語; x",
        "modify=2024010513460; x",
        "modify=日本語日本語日本語日本語; x",
        "modify=202401051346日本; x",
        "modify=20241305134600; x",
        "modify=2024010513; x",
        "unix.mode=; x",
        "unix.mode=日本; x",
        "unix.mode=77777777777777777777777; x",
        "size=-1; x",
        "size=+1; x",
        "sizd=日本; x",
        "type=file;size=3;\u{0}; \u{0}",
        "type=file;\u{1b}[31m; \u{1b}[31mred",
        "type=cdir; ",
        "type=pdir; ..",
        "Directory ",
        "Directory X:[Y]",
        "Total of",
        "X;1",
        ";1",
        "X;",
        "X;1 1",
        "X;1 1/ 2-JUN-1998 07:32:04",
        "X;1 1/1 2-JUN- 07:32:04 [",
        "X;1 1/1 2-JUN-1998 07:32:04 [ (",
        "X;1 1/1 2-JUN-1998 07:32:04 [] ()",
        "X;1 1/1 99-JUN-1998 07:32:04 [A] (,,,)",
        "X;1 1/1 2-日本-1998 07:32:04 [A] (,,,)",
        "+",
        "+\t",
        "+/\t",
        "+s\t x",
        "+m\tx",
        "+m99999999999999999999\tx",
        "+m18446744073709551615\tx",
        "+日\tx",
        "d [",
        "d [] a 1 Jan 1 2000 x",
        "- [RWCEAFMS] a 1 Feb 30 2000 x",
        "0 DIR",
        "0 DIR 12-30-97",
        "0 A B C D 12-30-97 12:00 x",
        "X 1 04/03/18 18:58:16 *",
        "X *",
        "X *MEM /",
        "X *DIR ///",
        "X 1 99/99/99 18:58:16 *STMF x",
        "Volume Unit Referred",
        "Name VV.MM Created",
        "A B 2004/06/23 1 1 FB 1 1 PO",
        "Migrated",
        "Pseudo Directory",
        "A 01.03 2002/09/12 2002/10/11 9 1 1 0 X",
        "File Code EOF Last Modification Owner RWEP",
        "A 0 0 19-Jan-05 12:37:20 1, \"\"",
        "drwxr-x---+",
        "drwxr-x---+1",
        "drwxr-x---+1 u g 1 Jan 5 13:46",
        "-C--E-----",
        "-C--E-----FTP",
        "crw-rw-rw- 1 u g 1,2, Jan 5 13:46 x",
        "-rw-r--r-- 1 u g 1 3月",
        "-rw-r--r-- 1 u g 1 月 5 13:46 x",
        "-rw-r--r-- 1 u g 1 99999999999月 5 13:46 x",
        "-rw-r--r-- 1 u g 1 5日 3月 13:46 x",
        "04/08/2014  03:16 PM",
        "04/08/2014  03:16 PM    <",
        "04/08/2014  03:16 PM    <>",
        "04/08/2014  03:16 PM    <DIR>     ",
        "04/08/2014  03:16 XM    <DIR>          x",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    odd.push("x".repeat(100_000));
    odd.push(format!("-rw-r--r-- 1 u g {} Jan 5 13:46 x", "9".repeat(10_000)));
    odd.push(format!("type=file;size={}; x", "9".repeat(10_000)));
    odd.push(" ".repeat(10_000));
    odd.push(";".repeat(10_000));
    odd
}

/// Every char-boundary prefix of real lines: truncated lines of every length.
fn truncated_lines() -> Vec<String> {
    let samples = [
        "lrwxrwxrwx    1 0        0              11 Jan 05 13:46 latest -> release-1.2",
        "-rw-r--r-- 1 user group 1234 2024-01-05 13:46:12.123456789 +0100 full time.txt",
        "04-08-2014  03:16PM  <JUNCTION>  Documents [C:\\Users\\me]",
        "type=OS.unix=slink:/etc/motd;size=9;modify=20240105134600;UNIX.mode=0777; motd",
        "-rw-r--r-- 1 ü g 5 Jän 5 13:46 日本語 ファイル.txt",
        "drwxr-x---+1464 jan 20 47104 17. Mär 10:25 Bilder -> x",
        "04/08/2014  03:16 PM    <JUNCTION>     Documents [C:\\Users]",
        "A_LONG_NAME.DAT;12 14/15 24-JUL-2002 14:35:40 [WEB,APACHE$WWW (RWE,RWE,RE,RE)",
        "+i8388621.44468,m839956783,r,s10376,\tRFCEPLF",
        "QSYS 9069 05/20/15 15:36:52 *STMF /DRV/AUDIT/REPORT.PDF",
        "TBSHELF 01.03 2002/09/12 2002/10/11 09:37 11 11 0 KIL001",
        "ALTDATA 0 0 19-Jan-05 12:37:20 255,255 \"oooo\"",
    ];
    samples
        .iter()
        .flat_map(|s| s.char_indices().map(|(i, _)| s[..i].to_string()).collect::<Vec<_>>())
        .collect()
}

/// Pseudo-random lines made of the characters the parsers look at, plus multi-byte ones.
fn random_lines() -> Vec<String> {
    const POOL: &[&str] = &[
        " ",
        "\t",
        "-",
        ":",
        ";",
        "=",
        ".",
        ",",
        "+",
        "@",
        "/",
        "<DIR>",
        " -> ",
        "[",
        "]",
        "0",
        "1",
        "12",
        "31",
        "2024",
        "99999999999999999999",
        "Jan",
        "dec",
        "13:46",
        "03:16PM",
        "AM",
        "rwxr-xr-x",
        "type=",
        "file",
        "dir",
        "cdir",
        "OS.unix=slink:",
        "size=",
        "modify=",
        "unix.mode=",
        "é",
        "日本",
        "\u{3000}",
        "\u{0}",
        "\u{1b}",
        "\r",
        "\n",
        "\u{202e}",
        "🦀",
        "3月",
        "15日",
        "Mär",
        "[A,B]",
        "(RWED,RWED,RE,)",
        "X.DIR;1",
        "9/12",
        "2-JUN-1998",
        "*STMF",
        "<JUNCTION>",
        " PM",
        "PO",
        "2004/06/23",
        "+r,s1,\t",
        "drwxr-x---+1464",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap_or(0)
    };
    (0..3000)
        .map(|_| {
            let len = next(24);
            (0..len).map(|_| POOL[next(POOL.len())]).collect()
        })
        .collect()
}

#[test]
fn never_panics_on_odd_input() {
    let mut all = odd_lines();
    assert!(all.len() >= 100, "{}", all.len());
    all.extend(truncated_lines());
    all.extend(random_lines());
    for line in &all {
        let _ = parse_list_line(line);
        let _ = parse_mlsd_line(line);
        for today in [TODAY, Day { year: 0, month: 1, day: 1 }, Day { year: 2024, month: 12, day: 31 }] {
            let _ = list_line(line, today);
        }
    }
    let _ = parse_listing(&all, false);
    let _ = parse_listing(&all, true);
    let _ = entries(&all, true);
    for name in Dialect::NAMES {
        let mut chooser = Chooser::new(Dialect::parse(name).unwrap(), None, TODAY);
        all.iter().for_each(|line| drop(chooser.read(line)));
        let _ = chooser.finish();
    }
}
