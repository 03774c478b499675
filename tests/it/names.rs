//! Names kept byte for byte and listings never guessed: names that are not UTF-8 (listed
//! escaped, fetched, deleted, renamed, entered, completed, copied in trees), `set encoding` for
//! Latin-1 and Shift-JIS servers, names with leading and trailing spaces, lines not understood
//! in every consumer (`ls` on a terminal, `ls --json`, `mget`, `mdelete`, `get -r`, `mirror`),
//! MLSD falling back to LIST, and `ls` passing the classic flags to the server. Against the
//! scripted server (which can keep names as raw bytes) and the in-process libunftp server.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::harness::Harness;
use crate::support::sandbox::{Sandbox, stderr, stdout};
use crate::support::scripted::{self, Script, ScriptedServer, bytes_name, dir_line, file_line};
use crate::support::server::TestServer;
use ftpsh::repl::completion::ShellHelper;

/// `caf\xe9.txt`: Latin-1 bytes, not UTF-8.
const CAFE: &[u8] = b"caf\xe9.txt";

/// How ftpsh holds a name whose bytes are `bytes` (UTF-8, each invalid byte escaped to its
/// reserved code point), as completion puts it on the command line.
fn held(bytes: &[u8]) -> String {
    ftpsh::charset::from_bytes(bytes).into_owned()
}

/// A local path from raw bytes.
fn raw_path(dir: &Path, bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    dir.join(std::ffi::OsStr::from_bytes(bytes))
}

/// Runs `script` with the real binary against `srv`, which must succeed.
fn run_ok(srv: &ScriptedServer, script: &str) -> (Sandbox, Output) {
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], script);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (sandbox, out)
}

/// One JSON value per line.
fn json_records(text: &str) -> Vec<serde_json::Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A raw-bytes server holding `caf\xe9.txt` and `plain.txt`.
fn cafe_server() -> ScriptedServer {
    scripted::start(Script::new().raw_bytes().file(&bytes_name(CAFE), "latin").file("plain.txt", "p"))
}

#[test]
fn a_name_that_is_not_utf8_is_listed_escaped_and_fetched_deleted_renamed_by_its_bytes() {
    let srv = cafe_server();
    let mut h = Harness::open(&srv.url());
    let listed = h.ok("ls");
    assert!(listed.contains("caf\\xe9.txt") && !listed.contains('\u{fffd}'), "{listed}");

    let dir = tempfile::tempdir().unwrap();
    h.ok(&format!("get {} {}", held(CAFE), dir.path().display()));
    assert_eq!(fs::read(raw_path(dir.path(), CAFE)).unwrap(), b"latin", "the local name has the bytes");
    assert!(
        srv.commands().iter().any(|c| c == &format!("RETR {}", bytes_name(CAFE))),
        "{:?}",
        srv.commands()
    );

    h.ok(&format!("rename {} {}", held(CAFE), held(b"caf\xe8.txt")));
    assert_eq!(srv.file(&bytes_name(b"caf\xe8.txt")).as_deref(), Some(&b"latin"[..]));
    assert!(h.err.text().contains("Renamed caf\\xe9.txt to caf\\xe8.txt"), "{}", h.err.text());
    h.ok(&format!("delete {}", held(b"caf\xe8.txt")));
    assert_eq!(srv.file(&bytes_name(b"caf\xe8.txt")), None, "deleted by its bytes");
    assert!(srv.file("plain.txt").is_some());
}

#[test]
fn completion_offers_a_name_that_is_not_utf8_shown_escaped() {
    let srv = cafe_server();
    let h = ShellHelper::new(false);
    *h.session.lock().unwrap() = Some(std::mem::take(&mut Harness::open(&srv.url()).sh.session));
    // The first Tab has the name from NLST, of no known kind yet: no space after it.
    let (_, found) = h.candidates("get caf", 7);
    let found: Vec<(String, String)> = found.into_iter().map(|p| (p.display, p.replacement)).collect();
    assert_eq!(found, [("caf\\xe9.txt".to_string(), held(CAFE))]);
}

#[cfg(unix)]
#[test]
fn tab_completes_a_name_that_is_not_utf8_and_enter_fetches_it_in_a_terminal() {
    use crate::pty::{ENTER, spawn};
    let srv = cafe_server();
    let sandbox = Sandbox::new();
    let mut sh = spawn(&sandbox, &[&srv.url()]);
    sh.prompt("bob", "/");
    sh.send("get caf\t");
    sh.expect(&format!("get {} ", held(CAFE)));
    sh.send(ENTER);
    sh.expect("caf\\xe9.txt -> caf\\xe9.txt: 5 B in ");
    sh.prompt("bob", "/");
    assert_eq!(fs::read(raw_path(&sandbox.work(), CAFE)).unwrap(), b"latin");
    sh.quit();
}

#[test]
fn mget_and_ls_json_keep_a_name_that_is_not_utf8_byte_for_byte() {
    let (sandbox, out) = run_ok(&cafe_server(), "ls --json\nmget *\n");
    let records = json_records(&stdout(&out));
    let cafe = records.iter().find(|r| r["name"] == "caf\\xe9.txt").expect("listed");
    assert_eq!(cafe["name_hex"], "636166e92e747874");
    assert_eq!(fs::read(raw_path(&sandbox.work(), CAFE)).unwrap(), b"latin");
    assert_eq!(fs::read(sandbox.work().join("plain.txt")).unwrap(), b"p");
}

/// `/` holds the directory `d\xe9`, which holds `f`.
fn latin_tree(path: &str, _: bool) -> Option<Vec<String>> {
    let dir = format!("/{}", bytes_name(b"d\xe9"));
    match path {
        "/" => Some(vec![dir_line(&bytes_name(b"d\xe9"))]),
        p if p == dir => Some(vec![file_line("f", 1)]),
        _ => None,
    }
}

fn tree_server() -> ScriptedServer {
    let f = format!("{}/f", bytes_name(b"d\xe9"));
    scripted::start(Script::new().raw_bytes().tree(latin_tree).file(&f, "F"))
}

#[test]
fn cd_enters_a_directory_that_is_not_utf8_and_pwd_shows_it_escaped() {
    let srv = tree_server();
    let mut h = Harness::open(&srv.url());
    h.ok(&format!("cd {}", held(b"d\xe9")));
    assert!(h.err.text().contains("Remote directory: /d\\xe9"), "{}", h.err.text());
    assert_eq!(h.ok("pwd"), "/d\\xe9\n");
    assert!(h.ok("ls").contains(" f"));
}

#[test]
fn trees_under_a_name_that_is_not_utf8_are_copied_by_mget_r_and_mirror() {
    let (sandbox, _) = run_ok(&tree_server(), "mget -r d*\nmirror / copy\n");
    assert_eq!(fs::read(raw_path(&sandbox.work(), b"d\xe9/f")).unwrap(), b"F");
    assert_eq!(fs::read(raw_path(&sandbox.work(), b"copy/d\xe9/f")).unwrap(), b"F");
}

#[test]
fn set_encoding_reads_and_writes_names_of_latin1_and_shift_jis_servers() {
    let sjis: &[u8] = b"\x83\x65\x83\x58\x83\x67.txt";
    let srv = scripted::start(
        Script::new().raw_bytes().file(&bytes_name(CAFE), "latin").file(&bytes_name(sjis), "sjis"),
    );
    let mut h = Harness::open(&srv.url());
    h.ok("set encoding latin1");
    assert_eq!(h.ok("set encoding"), "encoding = \"latin1\"\n");
    assert!(h.ok("ls").contains("café.txt"));
    let dir = tempfile::tempdir().unwrap();
    h.ok(&format!("get café.txt {}", dir.path().display()));
    assert_eq!(fs::read(dir.path().join("café.txt")).unwrap(), b"latin", "a UTF-8 local name");
    assert!(h.fails("get 日本.txt").to_string().contains("cannot be written in latin1"));

    h.ok("set encoding shift-jis");
    assert!(h.ok("ls").contains("テスト.txt"));
    h.ok(&format!("get テスト.txt {}", dir.path().display()));
    assert_eq!(fs::read(dir.path().join("テスト.txt")).unwrap(), b"sjis");

    let err = h.fails("set encoding klingon").to_string();
    assert!(err.contains("encoding: utf-8, latin1"), "{err}");
}

#[test]
fn a_hosts_config_section_and_the_environment_set_its_encoding() {
    let srv = scripted::start(Script::new().raw_bytes().file(&bytes_name(CAFE), "latin"));
    let sandbox = Sandbox::new();
    sandbox.write_config("[host.\"127.0.0.1\"]\nencoding = \"latin1\"\n");
    let out = sandbox.output(&[&srv.url()], "ls\nget café.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(" café.txt"), "{}", stdout(&out));
    assert_eq!(fs::read(sandbox.work().join("café.txt")).unwrap(), b"latin");

    let out =
        sandbox.ftpsh().env("FTPSH_ENCODING", "klingon").arg(srv.url()).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("encoding: utf-8, latin1"), "{}", stderr(&out));
}

#[test]
fn names_with_leading_and_trailing_spaces_survive_listing_completion_and_transfers() {
    let srv = TestServer::start();
    let name = "  two leading, one trailing ";
    fs::write(srv.path(name), "spaced").unwrap();
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.user_url()], "ls --json\nmget *\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("\"name\":\"{name}\"")), "{}", stdout(&out));
    assert_eq!(fs::read(sandbox.work().join(name)).unwrap(), b"spaced");

    let h = ShellHelper::new(false);
    *h.session.lock().unwrap() = Some(std::mem::take(&mut Harness::connected(&srv).sh.session));
    let (_, found) = h.candidates("get ", 4);
    let offered: Vec<String> = found.into_iter().map(|p| p.replacement).collect();
    assert_eq!(offered, ["\\ \\ two\\ leading,\\ one\\ trailing\\  "]);

    let mut h = Harness::connected(&srv);
    let dir = tempfile::tempdir().unwrap();
    h.ok(&format!("get '{name}' {}", dir.path().display()));
    assert_eq!(fs::read(dir.path().join(name)).unwrap(), b"spaced");
    h.ok(&format!("rename '{name}' '{name} '"));
    assert!(srv.path(&format!("{name} ")).exists());

    let dir_name = " spaced dir  ";
    fs::create_dir(srv.path(dir_name)).unwrap();
    h.ok(&format!("cd '{dir_name}'"));
    assert_eq!(h.ok("pwd"), format!("/{dir_name}\n"));
}

/// One line of a dialect ftpsh does not read, between two it reads.
fn odd_listing() -> Vec<String> {
    vec![file_line("a.txt", 1), "?? not a listing line \u{1b}[2J".to_string(), file_line("b.txt", 1)]
}

#[test]
fn ls_on_a_terminal_shows_a_line_not_understood_as_sent_with_a_note() {
    let srv = scripted::start(Script::new().list_lines(&odd_listing()));
    let mut h = Harness::open(&srv.url());
    h.sh.ui.pretty = true;
    let out = h.ok("ls");
    assert!(out.contains("a.txt") && out.contains("b.txt"), "{out}");
    assert!(out.contains("?? not a listing line \\x1b[2J"), "sanitized, as sent: {out}");
    assert!(
        h.err.text().contains("ls: 1 line of the listing not understood, shown as sent"),
        "{}",
        h.err.text()
    );
}

#[test]
fn ls_json_gives_a_line_not_understood_as_a_raw_record_in_its_place() {
    let srv = scripted::start(Script::new().list_lines(&odd_listing()));
    let mut h = Harness::open(&srv.url());
    let out = h.ok("ls --json");
    let records = json_records(&out);
    assert_eq!(records.len(), 3, "{out}");
    assert_eq!(records[0]["name"], "a.txt");
    assert_eq!(records[1], serde_json::json!({ "raw": "?? not a listing line \u{1b}[2J" }));
    assert_eq!(records[2]["name"], "b.txt");
    assert!(h.err.text().contains("ls: 1 line of the listing not understood, given as raw lines"));
}

#[test]
fn mget_of_a_directory_not_understood_fails_and_mdelete_deletes_nothing_there() {
    let script =
        || Script::new().raw_bytes().list_lines(&odd_listing()).file("a.txt", "a").file("b.txt", "b");
    let srv = scripted::start(script());
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "mget *.txt\n");
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("files there may be missing"), "{}", stderr(&out));

    let out = sandbox.output(&[&srv.url()], "mdelete *.txt\n");
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("1 line of the listing not understood"), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing deleted there"), "{}", stderr(&out));
    assert!(srv.file("a.txt").is_some() && srv.file("b.txt").is_some(), "nothing deleted");
    assert!(!srv.commands().iter().any(|c| c.starts_with("DELE")), "{:?}", srv.commands());
}

/// `/d` holds `a.txt` and a line ftpsh does not read.
fn odd_tree(path: &str, _: bool) -> Option<Vec<String>> {
    match path {
        "/" => Some(vec![dir_line("d")]),
        "/d" => Some(odd_listing()),
        _ => None,
    }
}

#[test]
fn get_r_and_mirror_of_a_directory_not_understood_fail_and_delete_nothing_there() {
    let srv = scripted::start(Script::new().tree(odd_tree).file("d/a.txt", "a").file("d/b.txt", "b"));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get -r d\n");
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("what else it holds is unknown"), "{}", stderr(&out));

    let copy = sandbox.work().join("copy");
    fs::create_dir_all(copy.join("d")).unwrap();
    fs::write(copy.join("d/only-here.txt"), "mine").unwrap();
    let out = sandbox.output(&[&srv.url()], "mirror --delete / copy\n");
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(copy.join("d/only-here.txt").exists(), "nothing deleted where the listing was not understood");
}

#[test]
fn mlsd_refused_falls_back_to_list_for_the_rest_of_the_session() {
    let srv = scripted::start(
        Script::new().refuse_mlsd("500 MLSD not understood").file("a.txt", "a").file("b.txt", "b"),
    );
    let listings = || -> Vec<String> {
        srv.commands().into_iter().filter(|c| c.starts_with("MLSD") || c.starts_with("LIST")).collect()
    };
    let mut h = Harness::open(&srv.url());
    let first = h.ok("ls --json");
    assert!(first.contains("\"name\":\"a.txt\"") && first.contains("\"name\":\"b.txt\""), "{first}");
    let asked = listings();
    assert_eq!(asked.first().map(String::as_str), Some("MLSD"));
    assert_eq!(asked.last().map(String::as_str), Some("LIST"));
    assert_eq!(h.ok("ls --json"), first);
    assert_eq!(listings()[asked.len()..], ["LIST"], "remembered: LIST from then on");
    let commands = srv.commands();
    assert_eq!(commands[commands.len() - 2..], ["EPSV", "LIST"], "MLSD's refusal is not EPSV's");
}

#[test]
fn ls_passes_the_classic_flags_to_the_server_and_keeps_its_own() {
    let srv = scripted::start(Script::new().list_lines(&[file_line("z.txt", 1), file_line(".hidden", 2048)]));
    let mut h = Harness::open(&srv.url());
    h.sh.ui.pretty = true;
    let out = h.ok("ls -lah");
    assert!(out.find("z.txt") < out.find(".hidden"), "the server's order is kept: {out}");
    assert!(out.contains("2.0 KiB"), "-h is ours: {out}");
    h.ok("ls -l pub");
    h.ok("ls -a");
    h.sh.ui.pretty = false;
    h.ok("ls -tr");
    h.ok("ls --json -A");
    let lists: Vec<String> = srv.commands().into_iter().filter(|c| c.starts_with("LIST")).collect();
    assert_eq!(lists, ["LIST -la", "LIST -l pub", "LIST -a", "LIST -tr", "LIST -A"]);
}
