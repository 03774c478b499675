//! Batches of many files against the scripted server: what the listing already told (each file's
//! size, from MLSD or a LIST line) is not asked again, yet every file is verified against it; a
//! size in the listing that is wrong is caught; a file refused in the middle of a batch fails
//! alone and leaves nothing behind.

use std::fs;
use std::time::{Duration, UNIX_EPOCH};

use crate::support::sandbox::Sandbox;
use crate::support::scripted::{self, Script, file_line};

const FILES: [(&str, &str); 3] = [("a.bin", "alpha"), ("b.bin", "bravo, longer"), ("c.bin", "")];

fn with_files(mut script: Script) -> Script {
    for (name, data) in FILES {
        script = script.file(name, data);
    }
    script
}

fn mlsd_line(name: &str, size: usize) -> String {
    format!("type=file;size={size};modify=20240101120000; {name}")
}

/// A server with FILES that lists with LIST, and one that lists with MLSD, by listing command.
fn list_and_mlsd() -> [(&'static str, Script); 2] {
    let mlsd: Vec<String> = FILES.iter().map(|(n, d)| mlsd_line(n, d.len())).collect();
    [("LIST", with_files(Script::new())), ("MLSD", with_files(Script::new().mlsd().list_lines(&mlsd)))]
}

/// The commands the server got that start with `verb` and a blank.
fn sent(srv: &scripted::ScriptedServer, verb: &str) -> Vec<String> {
    let prefix = format!("{verb} ");
    srv.commands().into_iter().filter(|c| c.starts_with(&prefix)).collect()
}

#[test]
fn a_batch_download_takes_each_size_from_the_listing_and_asks_no_size() {
    for (listing, script) in list_and_mlsd() {
        for parallel in ["", "-P 2 "] {
            let srv = scripted::start(script.clone());
            let sb = Sandbox::new();
            let (code, _, err) = sb.run(&[&srv.url()], &format!("mget {parallel}*.bin\n"));
            assert_eq!(code, 0, "{listing} {parallel}: {err}");
            for (name, data) in FILES {
                assert_eq!(fs::read(sb.work().join(name)).unwrap(), data.as_bytes(), "{listing} {name}");
            }
            assert_eq!(sent(&srv, listing).len(), 1, "{listing} {parallel}: {:?}", srv.commands());
            assert_eq!(sent(&srv, "RETR").len(), 3, "{listing} {parallel}: {:?}", srv.commands());
            assert!(sent(&srv, "SIZE").is_empty(), "{listing} {parallel}: {:?}", srv.commands());
        }
    }
}

#[test]
fn an_mlsd_listing_gives_the_exact_times_so_no_mdtm_is_asked() {
    for (listing, script) in list_and_mlsd() {
        for command in ["mget *.bin", "mget -P 2 *.bin", "mirror . got"] {
            let srv = scripted::start(script.clone());
            let sb = Sandbox::new();
            let (code, _, err) = sb.run(&[&srv.url()], &format!("{command}\n"));
            assert_eq!(code, 0, "{listing} {command}: {err}");
            let mdtm = sent(&srv, "MDTM").len();
            if listing == "MLSD" {
                // modify=20240101120000, UTC: the listing's time, to the second.
                assert_eq!(mdtm, 0, "{command}: {:?}", srv.commands());
                let dir = if command.starts_with("mirror") { sb.work().join("got") } else { sb.work() };
                for (name, _) in FILES {
                    let t = fs::metadata(dir.join(name)).unwrap().modified().unwrap();
                    assert_eq!(t, UNIX_EPOCH + Duration::from_secs(1_704_110_400), "{command} {name}");
                }
            } else {
                // LIST shows the server's local time to the minute at best: MDTM tells.
                assert_eq!(mdtm, 3, "{command}: {:?}", srv.commands());
            }
        }
    }
}

#[test]
fn a_file_named_without_a_listing_is_still_verified_against_size() {
    let srv = scripted::start(with_files(Script::new()));
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.url()], "mget a.bin b.bin\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(sent(&srv, "SIZE"), ["SIZE a.bin", "SIZE b.bin"], "no listing, so the server is asked");
}

#[test]
fn a_listing_that_gives_a_smaller_size_than_the_file_has_fails_the_file() {
    let srv = scripted::start(Script::new().file("a.bin", "0123456789").list_lines(&[file_line("a.bin", 3)]));
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&["--retries", "0", &srv.url()], "mget *.bin\n");
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("mget: a.bin: error:"), "{err}");
    assert!(!sb.work().join("a.bin").exists(), "nothing under the final name");
}

#[test]
fn a_listing_that_gives_a_larger_size_fails_the_file_and_a_retry_asks_the_server() {
    let script = Script::new().file("a.bin", "0123456789").list_lines(&[file_line("a.bin", 20)]);
    let srv = scripted::start(script.clone());
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&["--retries", "0", &srv.url()], "mget *.bin\n");
    assert_eq!(code, 8, "the file is shorter than listed: {err}");
    assert!(!sb.work().join("a.bin").exists(), "nothing under the final name");
    fs::remove_file(sb.work().join("a.bin.ftpsh.part")).unwrap();

    let srv = scripted::start(script);
    let (code, _, err) = sb.run(&["--retries", "1", &srv.url()], "mget *.bin\n");
    assert_eq!(code, 0, "the retry takes the server's SIZE: {err}");
    assert_eq!(fs::read(sb.work().join("a.bin")).unwrap(), b"0123456789");
    assert_eq!(sent(&srv, "SIZE"), ["SIZE a.bin"], "asked on the retry only");
}

#[test]
fn a_file_refused_in_the_middle_of_a_batch_fails_alone() {
    let lines = [file_line("a.bin", 5), file_line("gone.bin", 4), file_line("z.bin", 1)];
    for parallel in ["", "-P 3 "] {
        let srv = scripted::start(Script::new().file("a.bin", "alpha").file("z.bin", "z").list_lines(&lines));
        let sb = Sandbox::new();
        let (code, _, err) = sb.run(&[&srv.url()], &format!("mget {parallel}*.bin\n"));
        assert_eq!(code, 8, "{err}");
        assert!(err.contains("mget: gone.bin: error: 550 no such file"), "{err}");
        assert!(err.contains("1 of 3 files failed"), "{err}");
        assert_eq!(fs::read(sb.work().join("a.bin")).unwrap(), b"alpha");
        assert_eq!(fs::read(sb.work().join("z.bin")).unwrap(), b"z");
        let left: Vec<_> = fs::read_dir(sb.work()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left.len(), 2, "no partial file of the refused one: {left:?}");
    }
}

/// The commands the server got that are exactly `verb` (no argument).
fn sent_bare(srv: &scripted::ScriptedServer, verbs: &[&str]) -> usize {
    srv.commands().iter().filter(|c| verbs.contains(&c.as_str())).count()
}

#[test]
fn each_file_of_a_batch_costs_one_data_connection_one_retr_and_one_mdtm() {
    for command in ["mget *.bin", "mget -P 2 *.bin", "mirror . got", "mirror -P 2 . got"] {
        let srv = scripted::start(with_files(Script::new()));
        let sb = Sandbox::new();
        let (code, _, err) = sb.run(&[&srv.url()], &format!("{command}\n"));
        assert_eq!(code, 0, "{command}: {err}");
        let commands = srv.commands();
        let listings = sent(&srv, "LIST").len() + sent_bare(&srv, &["LIST"]);
        assert_eq!(sent(&srv, "RETR").len(), 3, "{command}: {commands:?}");
        assert_eq!(sent(&srv, "MDTM").len(), 3, "{command}: the time, exact: {commands:?}");
        assert!(sent(&srv, "SIZE").is_empty(), "{command}: the listing gave the sizes: {commands:?}");
        let data = sent_bare(&srv, &["EPSV", "PASV"]);
        assert_eq!(data, 3 + listings, "{command}: one data connection per file: {commands:?}");
        // The transfer log (its directory made on the first record) has a line per file.
        let log = fs::read_to_string(sb.data_dir().join("transfers.log")).unwrap();
        assert_eq!(log.lines().count(), 3, "{command}: {log}");
    }
}

#[test]
fn a_batch_leaves_no_partial_file_and_never_touches_a_file_that_is_there() {
    for parallel in ["", "-P 2 "] {
        let srv = scripted::start(with_files(Script::new()));
        let sb = Sandbox::new();
        fs::write(sb.work().join("b.bin"), "mine").unwrap();
        let (code, _, err) = sb.run(&[&srv.url()], &format!("mget {parallel}*.bin\n"));
        assert_eq!(code, 8, "{parallel}: {err}");
        assert!(err.contains("b.bin: local file exists"), "{parallel}: {err}");
        assert_eq!(fs::read(sb.work().join("b.bin")).unwrap(), b"mine", "{parallel}");
        assert_eq!(fs::read(sb.work().join("a.bin")).unwrap(), b"alpha", "{parallel}");
        assert_eq!(fs::read(sb.work().join("c.bin")).unwrap(), b"", "{parallel}");
        let mut left: Vec<_> = fs::read_dir(sb.work()).unwrap().flatten().map(|e| e.file_name()).collect();
        left.sort();
        assert_eq!(left, ["a.bin", "b.bin", "c.bin"], "{parallel}: no partial file left");
    }
}

#[test]
fn a_few_small_files_are_not_worth_another_login_and_many_are() {
    let names: Vec<String> = (0..40).map(|i| format!("f{i:02}.bin")).collect();
    let many = names.iter().fold(Script::new(), |s, n| s.file(n, "x"));
    for (script, pattern, logins) in [(with_files(Script::new()), "*.bin", 1), (many, "f*.bin", 3)] {
        let srv = scripted::start(script);
        let sb = Sandbox::new();
        let (code, _, err) = sb.run(&[&srv.url()], &format!("mget -P 4 {pattern}\n"));
        assert_eq!(code, 0, "{err}");
        // The other sessions log in at the same time; one may still be logging in as the
        // batch ends (it is not waited for), so the count is at most the sessions the files
        // are worth, and exactly one for three small files.
        let users = sent(&srv, "USER").len();
        if logins == 1 {
            assert_eq!(users, 1, "three small files: the shell's own session only: {:?}", srv.commands());
        } else {
            assert!((1..=logins).contains(&users), "40 small files are worth 3 sessions: {users}");
        }
    }
}
