//! Listing dialects against real servers: names with leading and trailing spaces listed by LIST
//! come back byte-exact and `get` of a listed name fetches that very file; a VMS listing (with
//! its two-line entries) is recognised without being told; `set listing-format` reaches the
//! session's listings.

use std::fs;

use crate::support::harness::Harness;
use crate::support::scripted::{self, Script};
use crate::support::server::TestServer;

#[test]
fn space_edged_names_listed_by_list_are_fetched_back_by_name() {
    let srv = TestServer::start();
    let files = [("  two leading", "first"), ("trailing  ", "second"), (" both ", "third"), ("plain", "4th")];
    for (name, body) in files {
        fs::write(srv.path(name), body).unwrap();
    }
    let mut h = Harness::connected(&srv);
    let listing = h.sh.session.list_parsed("", None).unwrap();
    assert!(listing.is_complete(), "{:?}", listing.problem());
    let mut names: Vec<&str> = listing.iter().map(|e| e.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["  two leading", " both ", "plain", "trailing  "]);
    let local = tempfile::tempdir().unwrap();
    for (i, e) in listing.iter().enumerate() {
        let copy = local.path().join(format!("copy{i}"));
        h.ok(&format!("get \"{}\" \"{}\"", e.name, copy.display()));
        let body = files.iter().find(|(n, _)| *n == e.name).map(|(_, b)| *b);
        assert_eq!(fs::read_to_string(&copy).ok().as_deref(), body, "{:?}", e.name);
    }
}

#[test]
fn a_vms_listing_is_recognised_and_its_two_line_entries_joined() {
    let lines = [
        "Directory DKA100:[USERS.ANNA]",
        "",
        "LOGIN.COM;3                 2/3      12-MAR-2021 09:15:02  [STAFF,ANNA]    (RWED,RWED,RE,)",
        "A_RATHER_LONG_FILE_NAME_FOR_THE_COLUMN.DAT;12",
        "                        14/15        24-JUL-2002 14:35:40  [STAFF,ANNA]    (RWE,RWE,RWE,RE)",
        "MAIL.DIR;1                  1/3      28-OCT-2019 08:00:00  [STAFF,ANNA]    (RWE,RWE,,)",
        "",
        "Total of 3 files, 17/21 blocks.",
    ];
    let srv = scripted::start(Script::new().list_lines(&lines));
    let mut h = Harness::open(&srv.url());
    let listing = h.sh.session.list_parsed("", None).unwrap();
    assert!(listing.is_complete(), "{:?}", listing.problem());
    let got: Vec<(&str, bool)> = listing.iter().map(|e| (e.name.as_str(), e.is_dir())).collect();
    assert_eq!(
        got,
        [
            ("LOGIN.COM;3", false),
            ("A_RATHER_LONG_FILE_NAME_FOR_THE_COLUMN.DAT;12", false),
            ("MAIL.DIR;1", true)
        ]
    );
    let json = h.ok("ls --json");
    assert!(json.contains(r#""modified":"2002-07-24 14:35:40""#), "{json}");
}

#[test]
fn a_forced_listing_format_reads_every_line_in_that_dialect() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    h.ok("set listing-format dos");
    let listing = h.sh.session.list_parsed("", None).unwrap();
    assert!(listing.entries.is_empty() && listing.not_understood > 0, "{listing:?}");
    h.ok("set listing-format unix");
    let unix = h.sh.session.list_parsed("", None).unwrap();
    assert!(unix.is_complete() && unix.iter().any(|e| e.name == "my notes.txt"), "{unix:?}");
    h.ok("set listing-format auto");
    assert_eq!(h.sh.session.list_parsed("", None).unwrap(), unix);
    let e = h.fails("set listing-format cobol");
    assert!(e.to_string().contains("listing-format: one of auto, unix"), "{e}");
}
