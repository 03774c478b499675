//! The real `ftpsh` against a scripted server that misbehaves: names that would escape the
//! working directory or corrupt the terminal, sizes and checksums that do not match the data.

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::support::sandbox::{Sandbox, stderr, stdout, tree};
use crate::support::scripted::{self, Checksum, Script, ScriptedServer, file_line};
use crate::support::server::binary_pattern;

/// Every file in the sandbox outside HOME, relative to it, sorted: anything written next to the
/// working directory shows up too.
fn files(sandbox: &Sandbox) -> Vec<String> {
    let entries = tree(&sandbox.root()).into_iter().map(|(path, _)| path);
    entries.filter(|f| !f.ends_with('/') && !f.starts_with("home/")).collect()
}

/// An absolute path in /tmp that no one else uses; removed on drop should a regression write it.
struct TmpName(String);

impl TmpName {
    fn new() -> TmpName {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
        TmpName(format!("/tmp/ftpsh-hostile-{}-{nanos}.txt", std::process::id()))
    }
}

impl Drop for TmpName {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// The RETR commands the server received.
fn retrieved(srv: &ScriptedServer) -> Vec<String> {
    srv.commands().into_iter().filter(|c| c.starts_with("RETR ")).collect()
}

const ESC_NAME: &str = "evil\u{1b}[2J\u{1b}]0;owned\u{7}.txt";

/// A listing of `dir` ("" for the working directory) with hostile names and two good ones,
/// each served with its own content so a skipped name is told apart from a missing one.
fn hostile_server(dir: &str, abs: &str) -> ScriptedServer {
    let names = ["../escape.txt", abs, "sub/inner.txt", "back\\slash.txt", ESC_NAME, "|pipe.txt", "ok.txt"];
    let lines: Vec<String> = names.iter().map(|n| file_line(n, n.len())).collect();
    let mut script = Script::new().list_lines(&lines);
    for name in names {
        let remote = if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
        script = script.file(&remote, name);
    }
    scripted::start(script)
}

/// Of [`hostile_server`]'s names only `ok.txt` and `|pipe.txt` were fetched (as `{dir}NAME`) and
/// written (as `work/{dir}NAME`, each with its own content), and nothing at `abs`.
fn assert_only_the_safe_names_landed(sandbox: &Sandbox, srv: &ScriptedServer, dir: &str, abs: &str) {
    let safe = ["ok.txt", "|pipe.txt"];
    assert_eq!(files(sandbox), safe.map(|name| format!("work/{dir}{name}")));
    for name in safe {
        assert_eq!(fs::read(sandbox.work().join(format!("{dir}{name}"))).unwrap(), name.as_bytes());
    }
    assert!(!Path::new(abs).exists(), "{abs} was written");
    let mut asked = retrieved(srv);
    asked.sort();
    assert_eq!(asked, safe.map(|name| format!("RETR {dir}{name}")), "only the safe names were fetched");
}

fn assert_no_escape(out: &Output) {
    assert!(!stdout(out).contains('\u{1b}'), "raw ESC on stdout: {:?}", stdout(out));
    assert!(!stderr(out).contains('\u{1b}'), "raw ESC on stderr: {:?}", stderr(out));
}

#[test]
fn mget_skips_server_names_that_would_escape_the_directory() {
    let tmp = TmpName::new();
    let abs = tmp.0.as_str();
    let srv = hostile_server("", abs);
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "mget *\n");
    let err = stderr(&out);
    // Two of the seven match `*` but are refused (backslash, control characters); a `*` never
    // matches a `/`, so the names with one are not candidates at all.
    assert_eq!(out.status.code(), Some(8), "a batch failure: {err}");
    assert!(err.contains("mget: skipping refusing unsafe local name 'back\\slash.txt'"), "{err}");
    assert!(err.contains("skipping refusing unsafe local name 'evil\\x1b[2J"), "{err}");
    assert!(err.contains("2 of 4 files failed"), "{err}");
    assert_no_escape(&out);
    assert_only_the_safe_names_landed(&sandbox, &srv, "", abs);
}

#[test]
fn a_recursive_get_skips_server_names_that_would_escape_the_directory() {
    let tmp = TmpName::new();
    let abs = tmp.0.as_str();
    let srv = hostile_server("dir", abs);
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get -r dir\n");
    let err = stderr(&out);
    // Without a glob every listed name is a candidate, and the five unsafe ones are refused.
    assert_eq!(out.status.code(), Some(8), "a batch failure: {err}");
    for name in ["../escape.txt", abs, "sub/inner.txt", "back\\slash.txt", "evil\\x1b[2J"] {
        assert!(err.contains(&format!("get: skipping refusing unsafe local name '{name}")), "{name}: {err}");
    }
    assert!(err.contains("5 of 7 files failed"), "{err}");
    assert_no_escape(&out);
    assert_only_the_safe_names_landed(&sandbox, &srv, "dir/", abs);
}

/// Pins `local_name_for`: without a local name, the download is named after the last component of
/// the remote path, which must be a plain name. `../escape.txt` is therefore fine (it becomes
/// `escape.txt` in the working directory); a last component that is `..`, empty, or has a
/// backslash or a control character is refused before anything is asked of the server.
#[test]
fn get_without_a_local_name_refuses_an_unsafe_remote_name() {
    let sandbox = Sandbox::new();
    let mut script = Script::new().file("../escape.txt", "up one");
    for name in ["sub/..", "/", "back\\slash.txt", ESC_NAME] {
        script = script.file(name, "served");
    }
    let srv = scripted::start(script);
    for (arg, shown) in [
        ("sub/..", "'..'"),
        ("/", "''"),
        ("'back\\slash.txt'", "'back\\slash.txt'"),
        (format!("'{ESC_NAME}'").as_str(), "'evil\\x1b[2J\\x1b]0;owned\\x07.txt'"),
    ] {
        let out = sandbox.output(&[&srv.url()], &format!("get {arg}\n"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(7), "{arg}: {err}");
        assert!(err.contains(&format!("refusing unsafe local name {shown}")), "{arg}: {err}");
        assert_no_escape(&out);
    }
    assert_eq!(files(&sandbox), Vec::<String>::new(), "nothing written, not even a .part");
    assert_eq!(retrieved(&srv), Vec::<String>::new(), "nothing asked of the server");
    // The last component of `../escape.txt` is a plain name: it lands in the working directory.
    let out = sandbox.output(&[&srv.url()], "get ../escape.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(files(&sandbox), ["work/escape.txt"]);
    assert_eq!(fs::read(sandbox.work().join("escape.txt")).unwrap(), b"up one");
}

fn payload() -> Vec<u8> {
    binary_pattern(100_000)
}

#[test]
fn a_size_mismatch_keeps_the_part_file_and_fails() {
    let data = payload();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).size_lie(data.len() as u64 + 1));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get file.bin\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(
        err.contains(&format!(
            "transfer incomplete: received {} bytes, the server has {}",
            data.len(),
            data.len() + 1
        )),
        "{err}"
    );
    assert!(err.contains("partial data kept in file.bin.ftpsh.part"), "{err}");
    assert_eq!(files(&sandbox), ["work/file.bin.ftpsh.part"]);
    assert_eq!(fs::read(sandbox.work().join("file.bin.ftpsh.part")).unwrap(), data);
}

#[test]
fn a_checksum_match_is_reported() {
    let data = payload();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).checksum(Checksum::Right));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get file.bin\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("file.bin -> file.bin: ") && err.contains(", verified size and SHA-256"), "{err}");
    assert_eq!(files(&sandbox), ["work/file.bin"]);
    assert_eq!(fs::read(sandbox.work().join("file.bin")).unwrap(), data);
}

#[test]
fn a_checksum_mismatch_keeps_the_part_file() {
    let data = payload();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).checksum(Checksum::Wrong));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get file.bin\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("verification failed: SHA-256 of file.bin.ftpsh.part is "), "{err}");
    assert!(err.contains("the data is kept in file.bin.ftpsh.part; `get -f` starts over"), "{err}");
    assert_eq!(files(&sandbox), ["work/file.bin.ftpsh.part"]);
    assert_eq!(fs::read(sandbox.work().join("file.bin.ftpsh.part")).unwrap(), data);
}

#[test]
fn an_upload_checksum_match_is_reported() {
    let srv = scripted::start(Script::new().checksum(Checksum::Right));
    let sandbox = Sandbox::new();
    fs::write(sandbox.work().join("up.bin"), payload()).unwrap();
    let out = sandbox.output(&[&srv.url()], "put up.bin\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("up.bin -> up.bin: ") && err.contains(", verified size and SHA-256"), "{err}");
    assert_eq!(srv.file("up.bin"), Some(payload()));
}

#[test]
fn upload_checksum_mismatch_is_an_error() {
    let srv = scripted::start(Script::new().checksum(Checksum::Wrong));
    let sandbox = Sandbox::new();
    fs::write(sandbox.work().join("up.bin"), payload()).unwrap();
    let out = sandbox.output(&[&srv.url()], "put up.bin\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("verification failed: SHA-256 of up.bin is "), "{err}");
    assert_eq!(srv.file("up.bin"), Some(payload()), "the data did arrive");
}

#[test]
fn a_resumed_download_is_checksummed_over_the_whole_file() {
    let data = payload();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).checksum(Checksum::Right));
    let sandbox = Sandbox::new();
    fs::write(sandbox.work().join("file.bin.ftpsh.part"), &data[..5000]).unwrap();
    let out = sandbox.output(&[&srv.url()], "reget file.bin\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("resumed at 904 B, verified overlap, size and SHA-256"), "{err}");
    assert!(srv.commands().contains(&"REST 904".to_string()), "{:?}", srv.commands());
    assert_eq!(files(&sandbox), ["work/file.bin"]);
    assert_eq!(fs::read(sandbox.work().join("file.bin")).unwrap(), data);
}

#[test]
fn a_pasv_reply_naming_another_address_is_ignored_unless_trusted() {
    let data = b"payload".to_vec();
    let srv = scripted::start(Script::new().file("f.txt", data.clone()).pasv_naming([127, 0, 0, 2]));
    let sandbox = Sandbox::new();
    // The data listener is on 127.0.0.1: only a client that ignores 127.0.0.2 reaches it.
    let out = sandbox.output(&[&srv.url()], "get f.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read(sandbox.work().join("f.txt")).unwrap(), data);
    assert!(srv.commands().iter().any(|c| c == "PASV"), "PASV was used: {:?}", srv.commands());
    let out = sandbox.output(&[&srv.url()], "set trust-pasv-address on\nget -f f.txt\n");
    assert_ne!(out.status.code(), Some(0), "trusting 127.0.0.2 must fail here: {}", stderr(&out));
}

#[test]
fn an_endless_reply_is_cut_off_and_reported() {
    let srv = scripted::start(Script::new().endless_reply());
    let sandbox = Sandbox::new();
    let start = std::time::Instant::now();
    let out = sandbox.output(&[&srv.url()], "system\npwd\n");
    // Generous: this checks that the client stops reading, not how fast.
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("stdin:1: system: error: connection lost"), "{}", stderr(&out));
}

#[test]
fn names_with_cr_or_lf_are_shown_escaped_and_never_fetched() {
    let lines = ["-rw-r--r-- 1 u g 4 Jan 01 2024 evil\rname.txt", "-rw-r--r-- 1 u g 2 Jan 01 2024 ok.txt"];
    let srv =
        scripted::start(Script::new().list_lines(&lines).file("evil\rname.txt", "evil").file("ok.txt", "ok"));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "ls\n");
    assert!(stdout(&out).contains("evil\\rname.txt") && !stdout(&out).contains('\r'), "{:?}", stdout(&out));
    let out = sandbox.output(&[&srv.url()], "mget *\n");
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert_eq!(files(&sandbox), ["work/ok.txt"]);
    assert!(!srv.commands().iter().any(|c| c.starts_with("RETR evil")), "{:?}", srv.commands());
    // Typed by a user, CR or LF never reaches the wire.
    let out = sandbox.output(&[&srv.url()], "get \"a\rb\"\n");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_server_that_turns_epsv_down_gets_pasv() {
    let srv = scripted::start(Script::new().file("a.txt", "A").file("b.txt", "B").refuse_epsv());
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get a.txt\nget b.txt\nls\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(sandbox.work().join("b.txt")).unwrap(), "B");
    let data: Vec<String> = srv.commands().into_iter().filter(|c| c == "EPSV" || c == "PASV").collect();
    assert_eq!(data, ["EPSV", "PASV", "PASV", "PASV"], "EPSV once, then PASV for good");
}

#[test]
fn a_connection_the_server_closed_comes_back_for_the_next_command() {
    let srv = scripted::start(Script::new().file("a.txt", "A").kick_on("SYST"));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "system\nsize a.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "215 UNIX Type: L8\n1\n", "the 421 command ran again after reconnecting");
    assert!(stderr(&out).contains("Reconnected to 127.0.0.1:"), "{}", stderr(&out));
    assert_eq!(srv.connections.load(std::sync::atomic::Ordering::SeqCst), 2);
    // A connection the user closed stays closed.
    let out = sandbox.output(&[&srv.url()], "close\npwd\n");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("not connected"), "{}", stderr(&out));
}

#[test]
fn json_output_and_local_names_keep_c1_controls_and_bidi_overrides_out() {
    let names =
        ["csi\u{9b}31mred.txt", "rlo\u{202e}txt.exe", "isolate\u{2066}x.txt", "nel\u{85}.txt", "ok.txt"];
    let lines: Vec<String> = names.iter().map(|n| file_line(n, 2)).collect();
    let mut script = Script::new().list_lines(&lines);
    for name in names {
        script = script.file(name, "xy");
    }
    let srv = scripted::start(script);
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "ls --json\nmget *\n");
    let (text, err) = (stdout(&out), stderr(&out));
    for c in ['\u{9b}', '\u{202e}', '\u{2066}', '\u{85}'] {
        assert!(!text.contains(c) && !err.contains(c), "raw {c:?} reached the terminal: {text}{err}");
    }
    // Escaped, the JSON still names every file exactly.
    let mut listed: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["name"].as_str().unwrap().to_string())
        .collect();
    listed.sort();
    let mut expected: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    expected.sort();
    assert_eq!(listed, expected);
    assert!(text.contains("\\u009b") && text.contains("\\u202e"), "{text}");
    // None of the disguised names becomes a local file; the batch says so and fails.
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("skipping refusing unsafe local name 'rlo\\u{202e}txt.exe'"), "{err}");
    assert_eq!(files(&sandbox), ["work/ok.txt"]);
}

/// 100,000 bytes that repeat nowhere within 4 KiB windows (unlike [`payload`]'s 256-byte cycle
/// they are no shifted copy of themselves).
fn distinct() -> Vec<u8> {
    crate::support::server::noise(100_000)
}

/// The REST arguments the server received.
fn rests(srv: &ScriptedServer) -> Vec<String> {
    srv.commands().into_iter().filter(|c| c.starts_with("REST ")).collect()
}

/// Each `script` in a fresh sandbox holding `part` as the partial download of `file.bin` (in
/// `copy/` for mirror): `file.bin` must end up as `data` and the partial must be gone.
fn assert_resumes_end_right(srv: &ScriptedServer, data: &[u8], part: &[u8], scripts: &[&str]) {
    for script in scripts {
        let sandbox = Sandbox::new();
        let dir = if script.starts_with("mirror") { sandbox.work().join("copy") } else { sandbox.work() };
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("file.bin.ftpsh.part"), part).unwrap();
        let out = sandbox.output(&[&srv.url()], &format!("{script}\n"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{script}: {err}");
        assert!(fs::read(dir.join("file.bin")).unwrap() == data, "{script}: wrong content; {err}");
        assert!(!dir.join("file.bin.ftpsh.part").exists(), "{script}");
    }
}

const RESUMES: [&str; 4] = ["reget file.bin", "get -c file.bin", "mget -c -P 2 file.bin", "mirror -c . copy"];

#[test]
fn a_server_that_ignores_rest_is_caught_without_size_or_checksum() {
    let data = distinct();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).ignore_rest().no_size());
    assert_resumes_end_right(&srv, &data, &data[..30_000], &RESUMES);
    assert!(rests(&srv).contains(&format!("REST {}", 30_000 - 4096)), "{:?}", rests(&srv));
}

#[test]
fn a_retry_on_a_server_that_ignores_rest_starts_over() {
    let data = distinct();
    let script = Script::new().file("file.bin", data.clone()).ignore_rest().no_size();
    let srv = scripted::start(script.fault(scripted::Fault::CutData(40_000)));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get file.bin\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read(sandbox.work().join("file.bin")).unwrap() == data, "{}", stderr(&out));
    assert!(!stderr(&out).contains("resumed at"), "{}", stderr(&out));
    assert_eq!(files(&sandbox), ["work/file.bin"]);
}

#[test]
fn an_overlap_that_looks_like_the_start_of_the_file_proves_nothing() {
    // The partial file is all zeros: a server that sends from 0 sends zeros there too.
    let data = [vec![0; 50_000], distinct()].concat();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).ignore_rest().no_size());
    assert_resumes_end_right(&srv, &data, &data[..30_000], &RESUMES);
    assert_eq!(rests(&srv), Vec::<String>::new(), "no REST: every resume started over");
}

#[test]
fn a_partial_file_that_is_not_a_piece_of_the_remote_one_starts_over() {
    // A stale partial (the file changed on the server), same size, no checksum offered.
    let data = distinct();
    let stale: Vec<u8> = data[..60_000].iter().map(|b| b ^ 0x5a).collect();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()));
    assert_resumes_end_right(&srv, &data, &stale, &RESUMES);
    // The same partial is too short or too long for the remote file: also started over.
    assert_resumes_end_right(&srv, &data, &data[..100], &RESUMES[..1]);
    assert_resumes_end_right(&srv, &data, &[&data[..], b"x"].concat(), &RESUMES[..1]);
}

#[test]
fn a_proven_resume_says_it_checked_the_overlap() {
    let data = distinct();
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).no_size());
    let sandbox = Sandbox::new();
    fs::write(sandbox.work().join("file.bin.ftpsh.part"), &data[..60_000]).unwrap();
    let out = sandbox.output(&[&srv.url()], "reget file.bin\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("resumed at 54.6 KiB, verified overlap\n"), "{err}");
    assert_eq!(rests(&srv), [format!("REST {}", 60_000 - 4096)]);
    assert!(fs::read(sandbox.work().join("file.bin")).unwrap() == data);
    fs::write(sandbox.work().join("file.bin.ftpsh.part"), &data[..60_000]).unwrap();
    let out = sandbox.output(&["--json", &srv.url()], "get -c -f file.bin\n");
    assert!(stdout(&out).contains(r#""verified":["overlap"]"#), "{}", stdout(&out));
    // With a SIZE and a checksum the line names all three.
    let srv = scripted::start(Script::new().file("file.bin", data.clone()).checksum(Checksum::Right));
    fs::write(sandbox.work().join("file.bin.ftpsh.part"), &data[..60_000]).unwrap();
    let out = sandbox.output(&[&srv.url()], "get -c -f file.bin\n");
    assert!(stderr(&out).contains("verified overlap, size and SHA-256"), "{}", stderr(&out));
}

#[test]
fn a_server_that_sends_past_its_size_is_cut_off() {
    let data = distinct();
    let endless = scripted::start(Script::new().file("file.bin", data.clone()).endless_data());
    let liar = scripted::start(Script::new().file("file.bin", data.clone()).size_lie(30_000));
    // A mirror takes each size from the listing (it asks no SIZE): there the listing lies.
    let lister = Script::new().file("file.bin", data.clone()).list_lines(&[file_line("file.bin", 30_000)]);
    let lister = scripted::start(lister);
    let cases = [
        (&endless, "get file.bin\n", 100_000),
        (&endless, "mget -P 2 file.bin\n", 100_000),
        (&endless, "reget file.bin\n", 100_000),
        (&liar, "get file.bin\n", 30_000),
        (&lister, "mirror . copy\n", 30_000),
    ];
    for (srv, script, size) in cases {
        let sandbox = Sandbox::new();
        let start = std::time::Instant::now();
        let out = sandbox.output(&[&srv.url()], script);
        let err = stderr(&out);
        assert!(start.elapsed() < Duration::from_secs(20), "{script}: {:?}", start.elapsed());
        assert_eq!(out.status.code(), Some(8), "{script}: {err}");
        assert!(
            err.contains(&format!("the server sent more than the {size} bytes it announced")),
            "{script}: {err}"
        );
        let written: u64 = tree(&sandbox.work()).iter().map(|(_, d)| d.len() as u64).sum();
        assert!(written <= size, "{script}: {written} bytes written");
        assert!(!sandbox.work().join("file.bin").exists());
    }
    // To stdout, and in ASCII mode (where the wire may carry up to twice the size).
    for (script, limit) in [("get file.bin -\n", 100_000), ("ascii\nget file.bin -\n", 200_000)] {
        let sandbox = Sandbox::new();
        let out = sandbox.output(&[&endless.url()], script);
        assert_eq!(out.status.code(), Some(8), "{script}: {}", stderr(&out));
        assert!(out.stdout.len() as u64 <= limit, "{script}: {}", out.stdout.len());
    }
}

#[test]
fn a_resumed_upload_continues_only_after_the_remote_bytes_before_it_match() {
    let data = distinct();
    // The remote file is a piece of the local one: continued after reading back its last 4 KiB.
    let srv = scripted::start(Script::new().file("up.bin", &data[..60_000]));
    let sandbox = Sandbox::new();
    fs::write(sandbox.work().join("up.bin"), &data).unwrap();
    let out = sandbox.output(&[&srv.url()], "reput up.bin\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("resumed at 58.6 KiB, verified overlap and size"), "{}", stderr(&out));
    assert!(srv.file("up.bin").unwrap() == data);
    assert_eq!(rests(&srv), [format!("REST {}", 60_000 - 4096)]);
    // Not a piece of it (another file by that name), or a server that ignores REST on the way
    // back, or too little to compare: the whole file goes up again.
    let stale: Vec<u8> = data[..60_000].iter().map(|b| b ^ 0x5a).collect();
    let remotes = [(&stale[..], false), (&data[..60_000], true), (&data[..4000], false)];
    for (remote, ignore_rest) in remotes {
        for script in ["reput up.bin\n", "put -c up.bin\n", "mput -c -P 2 up.bin\n"] {
            let script_server = Script::new().file("up.bin", remote);
            let srv = scripted::start(if ignore_rest { script_server.ignore_rest() } else { script_server });
            let out = sandbox.output(&[&srv.url()], script);
            assert_eq!(out.status.code(), Some(0), "{script}: {}", stderr(&out));
            assert!(srv.file("up.bin").unwrap() == data, "{script}: {}", stderr(&out));
            assert!(!stderr(&out).contains("resumed"), "{script}: {}", stderr(&out));
        }
    }
}

/// Control connections the server accepted.
fn connections(srv: &ScriptedServer) -> usize {
    srv.connections.load(std::sync::atomic::Ordering::SeqCst)
}

#[test]
fn an_unreadable_size_is_a_server_reply_error_and_the_connection_stays() {
    let srv = scripted::start(Script::new().file("f.txt", "1200 bytes?").size_reply("213 1,200"));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&["-k", &srv.url()], "size f.txt\npwd\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains("size: f.txt: error: cannot read the server's reply to SIZE: 213 1,200"), "{err}");
    assert_eq!(stdout(&out), "/\n", "the next command ran: {err}");
    assert!(!err.contains("not connected") && !err.contains("Reconnected"), "{err}");
    assert_eq!(connections(&srv), 1, "the same connection throughout");
}

#[test]
fn an_impossible_modification_time_is_a_server_reply_error_and_the_connection_stays() {
    let srv = scripted::start(Script::new().file("f.txt", "x").mdtm_reply("213 99999999999999"));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&["-k", &srv.url()], "modtime f.txt\npwd\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains("cannot read the server's reply to MDTM: 213 99999999999999"), "{err}");
    assert_eq!(stdout(&out), "/\n", "the next command ran: {err}");
    assert_eq!(connections(&srv), 1, "the same connection throughout");
}

#[test]
fn get_with_an_unreadable_size_and_time_downloads_without_claiming_a_size_check() {
    let data = payload();
    let script =
        Script::new().file("file.bin", data.clone()).size_reply("213 1,200").mdtm_reply("213 99999999999999");
    let srv = scripted::start(script);
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get file.bin\npwd\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(fs::read(sandbox.work().join("file.bin")).unwrap(), data);
    assert!(
        err.contains("file.bin -> file.bin: ") && !err.contains("verified"),
        "the size is unknown: {err}"
    );
    assert_eq!(stdout(&out), "/\n");
    assert_eq!(connections(&srv), 1, "the same connection throughout: {err}");
}
