//! In-process shell tests: a [`Shell`] with captured output runs command lines against the
//! in-process libunftp server; each test checks what the user sees and what is on the server's
//! disk.

use std::fs;
use std::path::Path;

use crate::support::harness::Harness;
use crate::support::sandbox::Sandbox;
use crate::support::server::{self, TestServer};
use ftpsh::error::Error;
use ftpsh::interp::Flow;
use ftpsh::shell::Shell;
use ftpsh::ui::Ui;

#[test]
fn open_logs_in_and_reports_the_banner_and_directory() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::new();
    h.ok(&format!("open {}", srv.user_url()));
    let err = h.err.text();
    assert!(err.contains(&format!("Connected to 127.0.0.1:{}.", srv.port)), "{err}");
    assert!(err.contains("220 "), "banner missing: {err}");
    assert!(err.contains("Logged in as alice."), "{err}");
    assert_eq!(h.sh.prompt(), "ftp alice@127.0.0.1:/> ");
}

#[test]
fn open_with_host_and_port_logs_in_as_anonymous_when_no_one_can_be_asked() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::new();
    h.ok(&format!("open 127.0.0.1 {}", srv.port));
    assert!(h.err.text().contains("Logged in as anonymous."));
}

#[test]
fn url_path_to_a_directory_becomes_the_remote_directory() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::new();
    h.ok(&format!("open {}/pub/docs", srv.url()));
    assert_eq!(h.ok("pwd").trim(), "/pub/docs");
    // A path naming a file enters the file's directory.
    h.ok(&format!("open {}/pub/info.txt", srv.url()));
    assert_eq!(h.ok("pwd").trim(), "/pub");
    // Percent-encoded names are decoded.
    fs::create_dir(srv.path("my dir")).unwrap();
    h.ok(&format!("open {}/my%20dir", srv.url()));
    assert_eq!(h.ok("pwd").trim(), "/my dir");
}

#[test]
fn wrong_password_is_a_login_error() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::new();
    let e = h.fails(&format!("open ftp://alice:wrong@127.0.0.1:{}", srv.port));
    assert!(matches!(&e, Error::Login(r) if r.code == 530), "{e:?}");
    assert_eq!(e.exit().code(), 4);
    assert!(e.to_string().contains("530"), "{e}");
}

#[test]
fn refused_connection_is_a_connect_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut h = Harness::new();
    let e = h.fails(&format!("open 127.0.0.1 {port}"));
    assert!(matches!(e, Error::Connect { .. }), "{e:?}");
    assert_eq!(e.exit().code(), 3);
    assert!(!h.sh.session.is_connected());
}

#[test]
fn user_switches_to_another_account() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::new();
    h.ok(&format!("open {}", srv.url()));
    assert_eq!(h.sh.session.user(), Some("anonymous"));
    h.ok("user alice secret");
    assert_eq!(h.sh.session.user(), Some("alice"));
    assert!(h.err.text().contains("Logged in as alice."));
    let e = h.fails("user alice nope");
    assert!(matches!(e, Error::Login(_)), "{e:?}");
}

#[test]
fn pwd_cd_cdup_follow_the_server() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    assert_eq!(h.ok("pwd"), "/\n");
    h.ok("cd pub/docs");
    assert!(h.err.text().contains("Remote directory: /pub/docs"));
    assert_eq!(h.sh.prompt(), "ftp alice@127.0.0.1:/pub/docs> ");
    h.ok("cdup");
    assert_eq!(h.ok("pwd"), "/pub\n");
    h.ok("cwd /");
    assert_eq!(h.ok("pw"), "/\n");
    h.ok("cd pub/");
    assert_eq!(h.ok("pwd"), "/pub\n", "a completed `dir/` works on servers that keep the slash");
    h.ok("cd /");
    let e = h.fails("cd missing");
    assert!(matches!(&e, Error::Server(r) if r.code == 550), "{e:?}");
    assert_eq!(h.ok("pwd"), "/\n", "a failed cd leaves the directory alone");
}

#[test]
fn ls_dir_and_nlist_show_names_with_spaces_and_non_ascii() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    for cmd in ["ls", "dir"] {
        let out = h.ok(cmd);
        for name in ["readme.txt", "my notes.txt", "café.txt", "pub", "data.bin"] {
            assert!(out.contains(name), "{cmd}: {name} missing in {out}");
        }
        assert!(out.lines().any(|l| l.starts_with('d') && l.ends_with(" pub")), "{out}");
    }
    let mut names: Vec<String> = h.ok("nlist").lines().map(String::from).collect();
    names.sort();
    assert_eq!(names, ["café.txt", "data.bin", "hello.txt", "my notes.txt", "pub", "readme.txt", "upload"]);
    assert_eq!(h.ok("nlist pub/docs").lines().count(), 2);
    assert!(h.ok("ls \"pub/docs\"").contains("manual.txt"));
}

#[test]
fn hostile_names_are_shown_escaped_and_never_become_local_paths() {
    let srv = TestServer::with_sample_tree();
    let evil = "evil\u{1b}[2J\u{1b}]0;pwned\u{7}.txt";
    fs::write(srv.path(evil), "x").unwrap();
    let mut h = Harness::connected(&srv);
    for cmd in ["ls", "nlist"] {
        let out = h.ok(cmd);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{cmd} printed raw escapes: {out:?}");
        assert!(out.contains("evil\\x1b[2J\\x1b]0;pwned\\x07.txt"), "{out}");
    }
    let local = tempfile::tempdir().unwrap();
    let e = h.fails(&format!("get \"{evil}\" {}", local.path().display()));
    assert!(matches!(e, Error::UnsafeName(_)), "{e:?}");
    assert_eq!(fs::read_dir(local.path()).unwrap().count(), 0);
}

#[test]
fn mkdir_rename_delete_rmdir_change_the_server_disk() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    h.ok("mkdir \"new dir\"");
    assert!(srv.path("new dir").is_dir());
    h.ok("rename hello.txt \"new dir/hi.txt\"");
    assert!(!srv.path("hello.txt").exists());
    assert_eq!(fs::read_to_string(srv.path("new dir/hi.txt")).unwrap(), "Hello, world!\n");
    let e = h.fails("rmdir \"new dir\"");
    assert!(matches!(&e, Error::Server(r) if r.code == 550), "non-empty rmdir: {e:?}");
    h.ok("delete \"new dir/hi.txt\"");
    assert!(!srv.path("new dir/hi.txt").exists());
    h.ok("rmdir \"new dir\"");
    assert!(!srv.path("new dir").exists());
    let e = h.fails("delete nothing-here");
    assert!(matches!(&e, Error::Server(r) if r.code == 550), "{e:?}");
    assert!(e.to_string().starts_with("550"), "{e}");
}

#[test]
fn size_and_modtime_report_the_file() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    assert_eq!(h.ok("size data.bin").trim(), server::SAMPLE_BIN_LEN.to_string());
    let t = h.ok("modtime readme.txt");
    assert!(t.trim().ends_with(" UTC") && t.starts_with("20"), "{t}");
    assert!(matches!(h.fails("size missing"), Error::Server(_)));
}

#[cfg(unix)]
#[test]
fn chmod_changes_permissions_on_the_server() {
    use std::os::unix::fs::PermissionsExt;
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    h.ok("chmod 600 readme.txt");
    let mode = fs::metadata(srv.path("readme.txt")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn get_and_put_binary_are_byte_exact() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let mut h = Harness::connected(&srv);
    let copy = local.path().join("copy.bin");
    h.ok(&format!("get data.bin {}", copy.display()));
    assert_eq!(fs::read(&copy).unwrap(), server::binary_pattern(server::SAMPLE_BIN_LEN));
    let summary = h.err.text();
    assert!(summary.contains("300.0 KiB in") && summary.contains("verified size and MD5"), "{summary}");
    h.ok(&format!("put {} upload/back.bin", copy.display()));
    assert_eq!(fs::read(srv.path("upload/back.bin")).unwrap(), fs::read(&copy).unwrap());
    // CRLF in a binary file is left alone both ways.
    fs::write(local.path().join("crlf.txt"), "a\r\nb\r\n").unwrap();
    h.ok(&format!("put {} crlf.txt", local.path().join("crlf.txt").display()));
    assert_eq!(fs::read(srv.path("crlf.txt")).unwrap(), b"a\r\nb\r\n");
    h.ok(&format!("get crlf.txt {}", local.path().join("crlf2.txt").display()));
    assert_eq!(fs::read(local.path().join("crlf2.txt")).unwrap(), b"a\r\nb\r\n");
}

#[test]
fn put_without_remote_name_uses_the_local_file_name() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let file = local.path().join("my upload.txt");
    fs::write(&file, "hello\n").unwrap();
    let mut h = Harness::connected(&srv);
    h.ok("cd upload");
    h.ok(&format!("put \"{}\"", file.display()));
    assert_eq!(fs::read(srv.path("upload/my upload.txt")).unwrap(), b"hello\n");
}

#[test]
fn ascii_converts_line_endings_both_ways() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let text = local.path().join("text.txt");
    fs::write(&text, "one\ntwo\n\nthree").unwrap();
    let mut h = Harness::connected(&srv);
    h.ok("ascii");
    assert!(h.err.text().contains("Using ascii mode"));
    h.ok(&format!("put {} text.txt", text.display()));
    // libunftp stores what it receives, so the wire format is visible on its disk.
    assert_eq!(fs::read(srv.path("text.txt")).unwrap(), b"one\r\ntwo\r\n\r\nthree");
    fs::write(srv.path("dos.txt"), "a\r\nb\r\nlone\rcr\r\n").unwrap();
    let back = local.path().join("dos.txt");
    h.ok(&format!("get dos.txt {}", back.display()));
    assert_eq!(fs::read(&back).unwrap(), b"a\nb\nlone\rcr\n");
    h.ok("binary");
    assert_eq!(h.ok("type"), "Using binary mode to transfer files.\n");
    h.ok("type ascii");
    assert_eq!(h.sh.session.transfer_type.name(), "ascii");
    h.ok("image");
    assert_eq!(h.sh.session.transfer_type.name(), "binary");
    assert!(matches!(h.fails("type ebcdic"), Error::Usage(u) if u == "type [ascii|binary]"));
}

#[test]
fn failed_get_leaves_no_file_and_never_touches_the_target() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let mut h = Harness::connected(&srv);
    let target = local.path().join("missing.txt");
    let e = h.fails(&format!("get missing.txt {}", target.display()));
    assert!(matches!(&e, Error::Server(r) if r.code == 550), "{e:?}");
    assert_eq!(fs::read_dir(local.path()).unwrap().count(), 0, "no file and no .part left");
}

#[test]
fn get_never_overwrites_silently() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("hello.txt");
    fs::write(&target, "precious").unwrap();
    let mut h = Harness::connected(&srv);
    let e = h.fails(&format!("get hello.txt {}", target.display()));
    assert!(matches!(e, Error::WouldOverwrite(_)), "{e:?}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
    h.ok(&format!("get -f hello.txt {}", target.display()));
    assert_eq!(fs::read_to_string(&target).unwrap(), "Hello, world!\n");
    assert!(!local.path().join("hello.txt.ftpsh.part").exists());
}

#[test]
fn get_into_a_directory_uses_the_remote_name() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let mut h = Harness::connected(&srv);
    h.ok(&format!("recv pub/docs/manual.txt {}", local.path().display()));
    assert!(local.path().join("manual.txt").is_file());
    h.ok(&format!("get \"café.txt\" {}", local.path().display()));
    assert_eq!(fs::read_to_string(local.path().join("café.txt")).unwrap(), "non-ASCII file name\n");
}

#[test]
fn put_of_a_missing_local_file_is_a_local_error() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    let e = h.fails("put /nonexistent/file.txt");
    assert!(matches!(e, Error::Local { .. }), "{e:?}");
    assert_eq!(e.exit().code(), 7);
    assert!(h.ok("pwd").contains('/'), "the session still works");
}

#[test]
fn active_mode_transfers_work() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let mut h = Harness::connected(&srv);
    h.ok("passive");
    assert!(h.err.text().contains("Passive mode: off."));
    assert!(h.ok("ls").contains("readme.txt"));
    h.ok(&format!("get readme.txt {}", local.path().display()));
    assert_eq!(fs::read_to_string(local.path().join("readme.txt")).unwrap(), server::README_TXT);
    h.ok("passive on");
    assert!(h.sh.session.net().passive);
}

#[test]
fn site_quote_system_features_and_status_show_the_server_replies() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    assert!(h.ok("system").starts_with("215 "));
    assert!(h.ok("quote NOOP").starts_with("200"));
    assert!(h.ok("literal syst").starts_with("215 "));
    let e = h.fails("quote XYZZY");
    assert!(matches!(&e, Error::Server(r) if r.code >= 500), "{e:?}");
    assert!(h.ok("site chmod 644 readme.txt").starts_with("200"));
    let feats = h.ok("features");
    assert!(feats.lines().any(|l| l == "SIZE") && feats.contains("MLST"), "{feats}");
    let status = h.ok("status");
    assert!(status.contains(&format!("Connected to 127.0.0.1:{} as alice.", srv.port)), "{status}");
    let e = h.fails("quote LIST");
    assert!(matches!(&e, Error::Usage(m) if m.contains("data connection")), "{e:?}");
    assert!(h.ok("ls").contains("readme.txt"), "still in step after a refused data command");
    assert!(status.contains("Transfer type: binary") && status.contains("Passive mode: on"), "{status}");
}

#[test]
fn close_and_bye_end_the_connection() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    h.ok("close");
    assert!(!h.sh.session.is_connected());
    assert_eq!(h.sh.prompt(), "ftp> ");
    assert!(matches!(h.fails("pwd"), Error::NotConnected));
    assert!(h.ok("status").contains("Not connected."));
    h.ok(&format!("open {}", srv.url()));
    assert!(matches!(h.sh.execute("bye"), Ok(Flow::Quit)));
    assert!(!h.sh.session.is_connected());
    assert!(matches!(h.sh.execute("quit"), Ok(Flow::Quit)));
}

#[test]
fn commands_that_need_a_connection_say_so() {
    let mut h = Harness::new();
    for cmd in ["pwd", "ls", "cd x", "get a", "put a", "mkdir d", "size f", "quote NOOP", "features"] {
        assert!(matches!(h.fails(cmd), Error::NotConnected), "{cmd}");
    }
    // Local commands and settings work without one.
    h.ok("binary");
    h.ok("passive off");
    h.ok("lpwd");
    assert!(h.ok("help -l").contains("download a file"));
}

#[test]
fn help_describes_commands_from_the_table() {
    let mut h = Harness::new();
    let all = h.ok("help");
    for name in ["open", "get", "put", "chmod", "quote", "!"] {
        assert!(all.split_whitespace().any(|w| w == name), "{name} missing");
    }
    let one = h.ok("? get");
    assert!(
        one.starts_with("usage: get [-c] [-f] [-r] [-P N] [-n N] REMOTE [LOCAL]")
            && one.contains("aliases: recv"),
        "{one}"
    );
    assert!(h.ok("help bin").starts_with("usage: binary"));
    assert!(matches!(h.fails("help nosuch"), Error::UnknownCommand { .. }));
}

#[test]
fn wrong_argument_counts_print_the_usage_line() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    for (line, usage) in [
        ("cd", "cd DIR"),
        ("rename a", "rename FROM TO"),
        ("pwd extra", "pwd"),
        ("get", "get [-c] [-f] [-r] [-P N] [-n N] REMOTE [LOCAL]"),
        ("get -f", "get [-c] [-f] [-r] [-P N] [-n N] REMOTE [LOCAL]"),
        ("get a b c", "get [-c] [-f] [-r] [-P N] [-n N] REMOTE [LOCAL]"),
        ("get -x a", "get [-c] [-f] [-r] [-P N] [-n N] REMOTE [LOCAL]"),
        ("get -P 0 a", "get [-c] [-f] [-r] [-P N] [-n N] REMOTE [LOCAL]"),
        ("mget", "mget [-c] [-f] [-r] [-P N] PATTERN..."),
        ("chmod 644", "chmod MODE PATH"),
    ] {
        match h.fails(line) {
            Error::Usage(u) => assert_eq!(u, usage, "{line}"),
            other => panic!("{line}: {other:?}"),
        }
    }
}

#[test]
fn unknown_ambiguous_and_prefixed_commands() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    assert_eq!(h.ok("pw"), "/\n");
    h.ok("bin");
    let e = h.fails("pwdd");
    assert_eq!(e.to_string(), "unknown command 'pwdd', did you mean 'pwd'?");
    let e = h.fails("c");
    assert!(
        matches!(&e, Error::Ambiguous { candidates, .. } if candidates.contains(&"cd".to_string())),
        "{e:?}"
    );
    assert_eq!(e.exit().code(), 2);
}

/// `lcd` moves the whole process, and an in-process shell shares its process with every other test
/// in this binary: the directory changes in the real binary, and only the refusal (which moves
/// nothing) runs in-process, to pin its error.
#[test]
fn lcd_and_lpwd_change_the_local_directory() {
    let dir = tempfile::tempdir().unwrap();
    let canonical = dir.path().canonicalize().unwrap();
    let sandbox = Sandbox::new();
    let script = format!("lcd '{}'\nlpwd\nlcd /nonexistent/dir\nlpwd\n", dir.path().display());
    let (code, out, err) = sandbox.run(&["-k"], &script);
    assert_eq!(code, 7, "the failed lcd is a local error: {err}");
    let shown: Vec<&Path> = out.lines().map(Path::new).collect();
    assert_eq!(shown, [canonical.as_path(); 2], "lpwd after lcd, and after a failed lcd: {err}");
    let mut h = Harness::new();
    assert!(matches!(h.fails("lcd /nonexistent/dir"), Error::Local { .. }));
}

#[test]
fn bang_runs_a_local_command() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("marker");
    let mut h = Harness::new();
    h.ok(&format!("!touch '{}'", marker.display()));
    assert!(marker.exists());
    assert!(matches!(h.fails("!exit 3"), Error::Local { .. }));
}

#[test]
fn no_input_line_makes_the_shell_panic() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    let weird = [
        "",
        " ",
        "\t",
        "#",
        "\"",
        "'",
        "\\",
        "get \"",
        "?",
        "??",
        "-",
        "--",
        "cd \"\"",
        "get ''",
        "put ''",
        "open",
        "open ftp://",
        "open ftp://[::1",
        "open host 99999",
        "open http://x",
        "user",
        "type \u{0}",
        "quote \u{1b}[2J",
        "ls \"a\rb\"",
        "rename '' ''",
        "size \u{202e}",
        "lcd ''",
        "get -f",
        "get -f -f a",
        "mkdir ''",
        "site",
        "chmod x y",
        "\u{0}",
        "ééé",
        "日本",
    ];
    for line in weird {
        let _ = h.sh.execute(line);
        // libunftp hangs up after some garbage; the shell must notice and stay usable.
        if !h.sh.session.is_connected() {
            h.ok(&format!("open {}", srv.user_url()));
        }
    }
    assert!(h.ok("pwd").contains('/'), "session usable after odd input");
}

#[test]
fn ls_on_a_terminal_is_parsed_and_dir_stays_raw() {
    let srv = TestServer::with_sample_tree();
    let (mut ui, out, _err) = Ui::captured();
    ui.pretty = true;
    let mut sh = Shell::new(ui);
    sh.execute(&format!("open {}", srv.user_url())).unwrap();
    out.clear();
    sh.execute("ls").unwrap();
    let pretty = out.text();
    assert!(pretty.lines().any(|l| l.starts_with("drwxr-xr-x") && l.ends_with(" pub")), "{pretty}");
    assert!(pretty.lines().any(|l| l.contains(" 307200 ") && l.ends_with(" data.bin")), "{pretty}");
    out.clear();
    sh.execute("ls -h").unwrap();
    assert!(
        out.text().lines().any(|l| l.contains("300.0 KiB") && l.ends_with(" data.bin")),
        "{}",
        out.text()
    );
    out.clear();
    sh.execute("dir").unwrap();
    let raw = out.text();
    assert!(
        raw.lines().all(|l| l.contains("            0            0 ")),
        "dir is the server's text: {raw}"
    );
}

#[test]
fn ls_off_a_terminal_prints_the_server_lines() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    assert_eq!(h.ok("ls"), h.ok("dir"));
    assert!(
        matches!(h.fails("ls -h a b"), Error::Usage(u) if u == "ls [-h] [--json] [-a] [-A] [-l] [-t] [-r] [-S] [-d] [PATH]")
    );
}

#[test]
fn set_prompt_and_long_directories() {
    let srv = TestServer::with_sample_tree();
    fs::create_dir_all(srv.path("a rather long directory name/and another one/leaf")).unwrap();
    let mut h = Harness::connected(&srv);
    h.ok("cd \"a rather long directory name/and another one/leaf\"");
    assert_eq!(h.sh.prompt(), "ftp alice@127.0.0.1:…/and another one/leaf> ");
    h.ok("set prompt \"[%u on %h] %D %% \"");
    assert_eq!(h.sh.prompt(), "[alice on 127.0.0.1] /a rather long directory name/and another one/leaf % ");
    assert!(h.ok("set").contains("prompt = \"[%u on %h] %D %% \""));
    h.ok("set prompt ''");
    assert!(h.sh.prompt().starts_with("ftp alice@"));
    h.ok("set completion-timeout 0.5");
    assert_eq!(h.sh.settings().completion_timeout, std::time::Duration::from_millis(500));
    assert!(matches!(h.fails("set completion-timeout -1"), Error::Usage(_)));
    assert!(matches!(h.fails("set nosuch 1"), Error::Usage(u) if u.starts_with("set [NAME")));
}

#[test]
fn history_lists_what_was_kept() {
    let mut h = Harness::new();
    h.sh.remember("pwd");
    h.sh.remember("ls pub");
    assert_eq!(h.ok("history"), "1  pwd\n2  ls pub\n");
}

#[test]
fn patterns_refusals_and_modes_fail_with_their_own_errors_not_usage() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    let e = h.fails("mget 'a['");
    assert!(matches!(e, Error::Pattern(_)), "{e:?}");
    let local = tempfile::tempdir().unwrap();
    fs::write(local.path().join("keep.txt"), "mine").unwrap();
    h.ok("mkdir empty");
    let e = h.fails(&format!("mirror --delete empty {}", local.path().display()));
    assert!(matches!(e, Error::Refused(_)), "{e:?}");
    assert!(local.path().join("keep.txt").exists());
    h.ok("ascii");
    let e = h.fails(&format!("reget hello.txt {}", local.path().join("h.txt").display()));
    assert!(matches!(e, Error::NeedsBinary), "{e:?}");
    // Their exit class is unchanged.
    assert_eq!(e.exit().code(), 2);
}
