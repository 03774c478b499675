//! The fixture corpus: `tests/fixtures/listings/*.txt`, one listing per file, each line with
//! what ftpsh must make of it. Every file is read by one [`Chooser`] (so recognising the dialect
//! and sticking with it is tested too), with "today" fixed at [`TODAY`].
//!
//! The format of a fixture file (see `tests/fixtures/listings/README.md`):
//! - `# ...` a comment; blank lines are ignored;
//! - `@ format NAME` the `set listing-format` (default `auto`), `@ syst TEXT` the SYST reply;
//! - `> LINE` a line of the listing, verbatim after `> `;
//! - what the `>` lines since the last expectation make: `= kind | "name" | size | modified |
//!   perms | "target"` (one entry; `-` for a field the entry does not have), `!` (each line is
//!   not understood) or `.` (noise: nothing).

use std::fs;
use std::path::Path;

use super::dialect::{Chooser, Read};
use super::tests::TODAY;
use super::{Dialect, EntryKind, RemoteEntry};

/// What one group of lines must give.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Entry(RemoteEntry),
    NotUnderstood(String),
}

/// Reads one fixture file: checks every group, returns how many lines it had.
fn check_file(path: &Path) -> usize {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (mut format, mut syst) = (Dialect::Auto, None);
    let mut chooser: Option<Chooser> = None;
    let (mut group, mut count) = (Vec::new(), 0);
    for (n, line) in text.lines().enumerate() {
        let at = format!("{}:{}", path.display(), n + 1);
        if let Some(name) = line.strip_prefix("@ format ") {
            format = Dialect::parse(name).unwrap_or_else(|| panic!("{at}: unknown format"));
        } else if let Some(reply) = line.strip_prefix("@ syst ") {
            syst = Dialect::from_syst(reply);
        } else if let Some(raw) = line.strip_prefix("> ") {
            group.push(raw.to_string());
            count += 1;
        } else if line.starts_with(['=', '!', '.']) {
            let chooser = chooser.get_or_insert_with(|| Chooser::new(format, syst, TODAY));
            let got: Vec<Outcome> = group.iter().flat_map(|l| read(chooser, l)).collect();
            assert_eq!(got, expected(line, &group, &at), "{at}: {group:?}");
            group.clear();
        } else {
            assert!(line.is_empty() || line.starts_with('#'), "{at}: not a fixture line: {line:?}");
        }
    }
    assert!(group.is_empty(), "{}: lines without an expectation at the end", path.display());
    if let Some(mut chooser) = chooser {
        assert_eq!(chooser.finish(), None, "{}: a two-line entry left open", path.display());
    }
    count
}

/// What the chooser makes of one line.
fn read(chooser: &mut Chooser, line: &str) -> Vec<Outcome> {
    let (given_up, read) = chooser.read(line);
    let mut out: Vec<Outcome> = given_up.into_iter().map(Outcome::NotUnderstood).collect();
    match read {
        Read::Noise => {}
        Read::Entry(e) => out.push(Outcome::Entry(e)),
        Read::NotUnderstood(text) => out.push(Outcome::NotUnderstood(text.into_owned())),
    }
    out
}

/// The outcomes an expectation line stands for.
fn expected(line: &str, group: &[String], at: &str) -> Vec<Outcome> {
    match line.chars().next() {
        Some('.') => Vec::new(),
        Some('!') => group.iter().map(|l| Outcome::NotUnderstood(l.clone())).collect(),
        _ => vec![Outcome::Entry(entry(&line[1..], at))],
    }
}

/// `kind | "name" | size | modified | perms | "target"`.
fn entry(fields: &str, at: &str) -> RemoteEntry {
    let f: Vec<&str> = fields.split(" | ").map(str::trim).collect();
    let [kind, name, size, modified, perms, target] = f.as_slice() else {
        panic!("{at}: an entry has six fields: {fields:?}")
    };
    let opt = |s: &str| (s != "-").then(|| s.to_string());
    let quoted = |s: &str| s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).map(str::to_string);
    let kind = match *kind {
        "file" => EntryKind::File,
        "dir" => EntryKind::Dir,
        "link" => EntryKind::Link { target: quoted(target) },
        "other" => EntryKind::Other,
        _ => panic!("{at}: unknown kind {kind}"),
    };
    RemoteEntry {
        name: quoted(name).unwrap_or_else(|| panic!("{at}: the name is quoted")),
        kind,
        size: opt(size).map(|s| s.parse().unwrap_or_else(|_| panic!("{at}: size {s}"))),
        modified: opt(modified),
        perms: opt(perms),
    }
}

#[test]
fn every_fixture_listing_reads_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/listings");
    let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let lines: usize = files.iter().map(|f| check_file(f)).sum();
    assert!(files.len() >= 12 && lines >= 200, "{} files, {lines} lines", files.len());
}
