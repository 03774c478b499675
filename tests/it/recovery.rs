//! Recovery nobody notices: a control connection the server dropped while the shell was idle
//! comes back before the next command of a script is sent; one that dies under a command is
//! revived and the command run again only when that is safe; a resume on a server that refuses
//! REST becomes a full download; a download to a device or a FIFO writes to it directly.

use std::fs;
use std::io::Read;

use crate::support::sandbox::Sandbox;
use crate::support::scripted::{self, Script, ScriptedServer};
use crate::support::server::binary_pattern;

/// How many of the commands the server received are exactly `line`.
fn count(srv: &ScriptedServer, line: &str) -> usize {
    srv.commands().iter().filter(|c| c.as_str() == line).count()
}

#[test]
fn a_server_killed_between_two_commands_of_a_script_is_back_for_the_second() {
    // The server side hangs up right after answering SYST, as a killed server process does; the
    // script waits a moment and then sends a command that is not safe to repeat: it can only
    // succeed if the dead connection is noticed (and revived) before it is sent.
    let srv = scripted::start(Script::new().file("f.bin", "data").hang_up_after("SYST"));
    let sb = Sandbox::new();
    let (code, out, err) = sb.run(&[&srv.url()], "system\n!sleep 0.3\nquote NOOP\nls\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("UNIX Type: L8") && out.contains("f.bin"), "{out}");
    assert_eq!(err.matches("Reconnected to 127.0.0.1:").count(), 1, "said once: {err}");
    assert!(!err.contains("error"), "{err}");
    assert_eq!(count(&srv, "NOOP"), 1, "sent once, on the new connection: {:?}", srv.commands());
    assert_eq!(srv.connections.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn a_listing_the_connection_dies_under_is_run_again_on_a_new_one() {
    let srv = scripted::start(Script::new().file("f.bin", "data").hang_up_on("LIST"));
    let sb = Sandbox::new();
    let (code, out, err) = sb.run(&[&srv.url()], "ls\npwd\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("f.bin") && out.ends_with("/\n"), "{out}");
    assert_eq!(err.matches("Reconnected to 127.0.0.1:").count(), 1, "{err}");
    assert_eq!(count(&srv, "LIST"), 2, "{:?}", srv.commands());
}

#[test]
fn a_command_not_safe_to_repeat_is_reported_and_not_sent_again() {
    let srv = scripted::start(Script::new().hang_up_on("NOOP"));
    let sb = Sandbox::new();
    let (code, out, err) = sb.run(&["-k", &srv.url()], "quote NOOP\npwd\n");
    assert_eq!(code, 3, "a lost connection's exit status: {err}");
    assert!(err.contains("stdin:1: quote: error: connection lost: while `quote` ran ("), "{err}");
    assert!(
        err.contains("it is back now, but the server may or may not have done it, so it was not repeated"),
        "{err}"
    );
    assert_eq!(err.matches("Reconnected to 127.0.0.1:").count(), 1, "{err}");
    assert_eq!(out, "/\n", "the next command runs on the new connection: {err}");
    assert_eq!(count(&srv, "NOOP"), 1, "{:?}", srv.commands());
}

#[test]
fn a_resume_on_a_server_without_rest_downloads_the_whole_file_once() {
    let data = binary_pattern(200_000);
    let srv = scripted::start(Script { refuse_rest: true, ..Script::new().file("f.bin", data.clone()) });
    let sb = Sandbox::new();
    fs::write(sb.work().join("f.bin.ftpsh.part"), &data[..120_000]).unwrap();
    let (code, _, err) = sb.run(&[&srv.url()], "reget f.bin\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), data);
    assert!(!sb.work().join("f.bin.ftpsh.part").exists());
    assert!(err.contains("the server refused REST (502 REST not implemented)"), "{err}");
    assert!(err.contains("downloading f.bin from the start"), "{err}");
    let retr = srv.commands().iter().filter(|c| c.starts_with("RETR")).count();
    assert_eq!(retr, 1, "one full download, no failed attempts: {:?}", srv.commands());
    assert_eq!(count(&srv, "REST 0"), 0, "{:?}", srv.commands());
}

#[test]
fn get_to_dev_null_writes_there_directly() {
    let srv = scripted::start(Script::new().file("f.bin", binary_pattern(70_000)));
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.url()], "get f.bin /dev/null\nget f.bin /dev/null\n");
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("exists"), "{err}");
    assert_eq!(fs::read_dir(sb.work()).unwrap().count(), 0, "no partial file anywhere");
}

#[test]
fn get_into_a_fifo_hands_the_bytes_to_its_reader() {
    let data = binary_pattern(300_000);
    let srv = scripted::start(Script::new().file("f.bin", data.clone()));
    let sb = Sandbox::new();
    let fifo = sb.root().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut got = Vec::new();
            fs::File::open(fifo).unwrap().read_to_end(&mut got).unwrap();
            got
        })
    };
    let (code, _, err) = sb.run(&[&srv.url()], &format!("get f.bin {}\n", fifo.display()));
    assert_eq!(code, 0, "{err}");
    assert_eq!(reader.join().unwrap(), data);
    assert!(!sb.root().join("pipe.ftpsh.part").exists());
}

/// A server that hands the LIST argument to `ls`: `/my docs` by path lists as `ls` errors for
/// `/my` and `docs` (split at the blank), from inside it lists `a.txt` and `b.txt`; `/` holds
/// `my docs`; `/new dir` does not exist (and lists as `ls` errors by path); nothing else exists.
fn ls_splits(path: &str, inside: bool) -> Option<Vec<String>> {
    let ls_error = |p: &str| format!("ls: cannot access '{p}': No such file or directory");
    match (path, inside) {
        ("/", _) => Some(vec![scripted::dir_line("my docs")]),
        ("/my docs", false) => Some(vec![ls_error("/my"), ls_error("docs")]),
        ("/new dir", false) => Some(vec![ls_error("/new"), ls_error("dir")]),
        ("/my docs", true) => Some(vec![scripted::file_line("a.txt", 1), scripted::file_line("b.txt", 1)]),
        _ => None,
    }
}

/// The scripted server playing [`ls_splits`], with `my docs/a.txt` and `my docs/b.txt`.
fn ls_splitting_server() -> ScriptedServer {
    scripted::start(Script::new().tree(ls_splits).file("my docs/a.txt", "A").file("my docs/b.txt", "B"))
}

/// `a.txt` and `b.txt` of `my docs` are in `dir`, byte for byte.
fn assert_fetched(dir: &std::path::Path) {
    assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "A", "{}", dir.display());
    assert_eq!(fs::read_to_string(dir.join("b.txt")).unwrap(), "B", "{}", dir.display());
}

#[test]
fn listings_of_a_path_with_a_space_on_a_server_that_hands_it_to_ls_are_read_from_inside() {
    let srv = ls_splitting_server();
    let sb = Sandbox::new();
    let script = "ls 'my docs'\ndir 'my docs'\nls --json 'my docs'\nmget 'my docs/*.txt'\npwd\n";
    let (code, out, err) = sb.run(&[&srv.url()], script);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("cannot access") && !err.contains("cannot access"), "{out}\n{err}");
    assert_eq!(out.matches("a.txt").count(), 3, "ls, dir and ls --json: {out}");
    assert!(out.contains("\"name\":\"b.txt\""), "{out}");
    assert_fetched(&sb.work());
    assert!(out.ends_with("/\n"), "back where it was: {out}");
    assert!(!srv.commands().iter().any(|c| c == "LIST /my docs"), "{:?}", srv.commands());
}

#[test]
fn recursive_downloads_of_a_directory_with_a_space_on_such_a_server_copy_it_all() {
    let srv = ls_splitting_server();
    let sb = Sandbox::new();
    let script = "mirror 'my docs' back\nget -r 'my docs' got\nlcd mg\nmget -r 'my docs'\n";
    fs::create_dir(sb.work().join("mg")).unwrap();
    let (code, _, err) = sb.run(&[&srv.url()], script);
    assert_eq!(code, 0, "{err}");
    for dir in ["back", "got", "mg/my docs"] {
        assert_fetched(&sb.work().join(dir));
    }
}

/// `mirror -R up TARGET` against `script`'s server creates TARGET and uploads into it.
fn mirror_r_creates(script: Script, target: &str) {
    let srv = scripted::start(script);
    let sb = Sandbox::new();
    fs::create_dir(sb.work().join("up")).unwrap();
    fs::write(sb.work().join("up/x.txt"), "X").unwrap();
    let (code, _, err) = sb.run(&[&srv.url()], &format!("mirror -R up '{target}'\n"));
    assert_eq!(code, 0, "{err}");
    assert!(srv.commands().contains(&format!("MKD {target}")), "{:?}", srv.commands());
    assert_eq!(srv.file(&format!("{target}/x.txt")).as_deref(), Some(&b"X"[..]));
}

#[test]
fn mirror_r_creates_a_target_that_lists_as_ls_errors_and_cannot_be_entered() {
    mirror_r_creates(Script::new().tree(ls_splits), "/new dir");
}

#[test]
fn mirror_r_creates_a_target_the_server_calls_missing_with_451() {
    mirror_r_creates(Script::new().tree(ls_splits).missing_reply("451 No such file or directory"), "/new");
}
