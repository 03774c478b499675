//! Binary tests: the real `ftpsh` with scripts piped on stdin, exit codes, and end of input.

use std::fs;

use crate::support::sandbox::{Sandbox, stderr, stdout};
use crate::support::server::TestServer;

#[test]
fn help_and_version() {
    let dir = Sandbox::new();
    let out = dir.ftpsh().arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("Usage: ftpsh [OPTIONS] [HOST|URL|BOOKMARK] [PORT]"), "{}", stdout(&out));
    let out = dir.ftpsh().arg("--version").output().unwrap();
    assert_eq!(stdout(&out).trim(), format!("ftpsh {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn piped_commands_run_without_prompt_and_end_at_end_of_input() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = dir.output(&[&srv.url()], "pwd\n# a comment\n\nnlist pub\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    lines[1..].sort();
    assert_eq!(lines, ["/", "docs", "info.txt"]);
    assert!(!stderr(&out).contains("ftp>"), "no prompt in scripts: {}", stderr(&out));
}

#[test]
fn empty_input_ends_the_session_at_once() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = dir.output(&[&srv.url()], "");
    assert_eq!(out.status.code(), Some(0));
    let out = dir.output(&[], "");
    assert_eq!(out.status.code(), Some(0), "no host, no input");
}

#[test]
fn the_first_failing_command_stops_the_script() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let script = "pwd\ncd does-not-exist\ndelete readme.txt\n";
    let out = dir.output(&[&srv.user_url()], script);
    assert_eq!(out.status.code(), Some(6), "server refusal: {}", stderr(&out));
    assert!(stderr(&out).contains("stdin:2: cd: does-not-exist: error: 550"), "{}", stderr(&out));
    assert!(srv.path("readme.txt").exists(), "the line after the failed cd never ran");
}

#[test]
fn exit_codes_tell_what_went_wrong() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let code = |args: &[&str], stdin: &str| {
        let out = dir.output(args, stdin);
        (out.status.code(), stderr(&out))
    };
    let url = srv.url();
    assert_eq!(code(&[&url], "bogus\n").0, Some(2), "unknown command");
    assert_eq!(code(&[&url], "cd\n").0, Some(2), "usage");
    assert_eq!(code(&[], "pwd\n").0, Some(3), "not connected");
    let bad = format!("ftp://alice:wrong@127.0.0.1:{}", srv.port);
    let (c, err) = code(&[&bad], "pwd\n");
    assert_eq!(c, Some(4), "login refused: {err}");
    assert!(err.contains("login failed: 530"), "{err}");
    assert!(!err.contains("wrong"), "the password is never printed: {err}");
    assert_eq!(code(&[&url], "get missing.txt\n").0, Some(6), "550");
    assert_eq!(code(&[&url], "put /no/such/file\n").0, Some(7), "local file");
    assert_eq!(code(&["ftp://bad url"], "").0, Some(2), "bad URL");
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    assert_eq!(code(&["127.0.0.1", &closed.to_string()], "pwd\n").0, Some(3), "refused");
    assert_eq!(code(&[&url], "pwd\nbye\npwd\n").0, Some(0), "bye ends the script");
}

#[test]
fn get_without_local_name_writes_the_remote_name_in_the_working_directory() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = dir.output(&[&srv.url()], "get \"my notes.txt\"\nget pub/info.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read(dir.work().join("my notes.txt")).unwrap(),
        fs::read(srv.path("my notes.txt")).unwrap()
    );
    assert!(dir.work().join("info.txt").is_file());
    assert!(
        stderr(&out).contains("my notes.txt -> my notes.txt: 37 B in "),
        "summary line: {}",
        stderr(&out)
    );
    // Scripts never overwrite silently.
    let out = dir.output(&[&srv.url()], "get pub/info.txt\n");
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(stderr(&out).contains("local file exists"), "{}", stderr(&out));
}

#[test]
fn user_from_the_command_line_with_the_password_from_the_environment() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = dir
        .ftpsh()
        .args(["-u", "alice", "127.0.0.1", &srv.port.to_string()])
        .env("FTPSH_PASSWORD", "secret")
        .write_stdin("status\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("as alice."), "{}", stdout(&out));
    // Without a password and no one to ask, it says so instead of hanging.
    let out = dir.output(&["-u", "alice", &srv.url()], "pwd\n");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no password for alice"), "{}", stderr(&out));
}

#[test]
fn no_login_flag_connects_without_logging_in() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = dir
        .ftpsh()
        .args(["-n", &srv.url()])
        .write_stdin("status\nuser alice secret\npwd\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("not logged in") && text.ends_with("/\n"), "{text}");
}

#[test]
fn bang_output_reaches_stdout() {
    let dir = Sandbox::new();
    let out = dir.output(&[], "!echo hello from sh\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "hello from sh\n");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let forced = dir.output(&["--color", "always", &srv.url()], "ls\nbogus\n");
    let out = stdout(&forced);
    assert!(out.lines().any(|l| l.ends_with("pub\u{1b}[0m") && l.contains("\u{1b}[1;34m")), "{out:?}");
    assert!(stderr(&forced).contains("\u{1b}[1;31merror:"), "{:?}", stderr(&forced));
    let plain = dir.output(&[&srv.url()], "ls\nbogus\n");
    assert!(!stdout(&plain).contains('\u{1b}') && !stderr(&plain).contains('\u{1b}'));
    let never = dir.output(&["--color", "never", &srv.url()], "ls\n");
    assert!(!stdout(&never).contains('\u{1b}'));
}

#[test]
fn progress_modes_for_logs_never_print_escape_codes() {
    let srv = TestServer::with_sample_tree();
    fs::write(srv.path("three.bin"), vec![1u8; 3 * 1024 * 1024 + 5]).unwrap();
    let dir = Sandbox::new();
    let out = dir
        .ftpsh()
        .args(["--progress", "plain", &srv.url()])
        .write_stdin("get three.bin\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\u{1b}') && !stderr(&out).contains('\r'), "{:?}", stderr(&out));
    let out = dir.output(&[&srv.url()], "hash\nget -f three.bin\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("###\n"), "one # per MiB: {:?}", stderr(&out));
    assert!(!stderr(&out).contains("####"), "{:?}", stderr(&out));
}
