//! The classic commands of tnftp and lftp against the in-process server: cat, page, lpage, lls,
//! mls, mdir, du, find, edit (with a scripted editor), macros (macdef, `$`, the netrc's init),
//! the name toggles (glob, case, runique, sunique), reset, idle, umask, rstatus; did-you-mean;
//! and the terminal side in a pseudo-terminal: `help` on a 24-line screen, `cat` and `page`
//! showing escapes instead of running them.

use std::fs;
use std::path::Path;

use crate::support::harness::Harness;
use crate::support::sandbox::Sandbox;
use crate::support::scripted::{self, Script};
use crate::support::server::{PASSWORD, TestServer};
use ftpsh::error::Error;

/// A file whose content would clear the screen and turn text red on a terminal.
const HOSTILE: &[u8] = b"plain\n\x1b[2J\x1b[31mred\x1b[0m\r\nend\n";

#[test]
fn cat_and_page_print_a_remote_file_as_it_is_when_stdout_is_no_terminal() {
    let srv = TestServer::with_sample_tree();
    fs::write(srv.root.join("hostile.txt"), HOSTILE).unwrap();
    let mut h = Harness::connected(&srv);
    assert_eq!(h.ok("cat hello.txt"), "Hello, world!\n");
    assert_eq!(h.ok("more pub/info.txt"), "public information\n", "page (more) prints off a terminal");
    assert_eq!(h.ok("cat hostile.txt").as_bytes(), HOSTILE, "data for a pipe is the file, byte for byte");
    assert!(h.err.text().is_empty(), "no progress bar, no summary: {}", h.err.text());
    // On a terminal escapes are shown, not run, unless -r.
    h.sh.ui.stdout_tty = true;
    assert_eq!(h.ok("cat hostile.txt"), "plain\n\\x1b[2J\\x1b[31mred\\x1b[0m\nend\n");
    assert_eq!(h.ok("cat -r hostile.txt").as_bytes(), HOSTILE);
    // A missing file is the server's refusal (exit 6), not a transfer that broke off.
    assert!(matches!(h.fails("cat nosuch.txt"), Error::Server(r) if r.code == 550));
    assert!(matches!(h.fails("get nosuch.txt -"), Error::Server(r) if r.code == 550));
}

#[test]
fn lpage_and_lls_show_local_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "local notes\n").unwrap();
    fs::write(dir.path().join("other.bin"), "x").unwrap();
    let mut h = Harness::new();
    assert_eq!(h.ok(&format!("lpage {}", dir.path().join("notes.txt").display())), "local notes\n");
    assert_eq!(h.ok(&format!("lls {}", dir.path().display())), "notes.txt\nother.bin\n");
    assert!(matches!(h.fails(&format!("lls {}/nosuch", dir.path().display())), Error::Local { .. }));
}

#[test]
fn mls_and_mdir_list_several_paths_into_a_file_or_the_screen() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    let names = h.ok("mls pub pub/docs -");
    for name in ["info.txt", "docs", "manual.txt", "deep"] {
        assert!(names.lines().any(|l| l.ends_with(name)), "{name} in {names}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("listing.txt");
    h.ok(&format!("mdir pub pub/docs {}", out.display()));
    let listing = fs::read_to_string(&out).unwrap();
    assert!(listing.contains("info.txt") && listing.contains("manual.txt"), "{listing}");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no partial file left");
    // An existing file is not replaced without a yes (a script cannot say yes).
    assert!(matches!(h.fails(&format!("mls pub {}", out.display())), Error::Refused(_)));
    assert_eq!(fs::read_to_string(&out).unwrap(), listing);
    assert!(matches!(h.fails("mls pub"), Error::Usage(_)), "LOCAL is required");
}

#[test]
fn du_counts_the_bytes_of_each_directory_after_what_it_holds() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    let size = |rel: &str| fs::metadata(srv.root.join(rel)).unwrap().len();
    let (manual, leaf, info) =
        (size("pub/docs/manual.txt"), size("pub/docs/deep/leaf.txt"), size("pub/info.txt"));
    let out = h.ok("du pub");
    let expected =
        format!("{leaf}\tpub/docs/deep\n{}\tpub/docs\n{}\tpub\n", manual + leaf, manual + leaf + info);
    assert_eq!(out, expected);
    assert_eq!(h.ok("du -s pub"), format!("{}\tpub\n", manual + leaf + info));
    let all: u64 =
        ["readme.txt", "hello.txt", "data.bin", "my notes.txt", "café.txt"].iter().map(|f| size(f)).sum();
    assert_eq!(h.ok("du -s"), format!("{}\t.\n", all + manual + leaf + info));
    assert!(h.ok("du -sh").ends_with(" KiB\t.\n"), "{}", h.out.text());
}

/// `/` holds a 3-byte file `a` and a directory `locked` that cannot be listed.
fn locked_tree(path: &str, _: bool) -> Option<Vec<String>> {
    match path.trim_end_matches('/') {
        "" | "/." => Some(vec![scripted::file_line("a", 3), scripted::dir_line("locked")]),
        _ => None,
    }
}

#[test]
fn du_and_find_say_when_part_of_the_tree_could_not_be_read() {
    let srv = scripted::start(Script::new().tree(locked_tree).file("a", "abc"));
    let mut h = Harness::open(&srv.url());
    let e = h.fails("du");
    assert!(matches!(&e, Error::Incomplete(m) if m.contains(">=")), "{e}");
    assert_eq!(h.out.text(), ">=0\tlocked\n>=3\t.\n", "totals missing something are at least so much");
    assert!(h.err.text().contains("du: locked"), "{}", h.err.text());
    let e = h.fails("find");
    assert!(matches!(e, Error::Incomplete(_)), "{e}");
    assert_eq!(h.out.text(), ".\na\nlocked\n");
    assert_eq!(e.exit(), ftpsh::error::Exit::Failure);
}

#[test]
fn find_walks_the_tree_with_name_and_type_filters() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    assert_eq!(
        h.ok("find pub"),
        "pub\npub/docs\npub/docs/deep\npub/docs/deep/leaf.txt\npub/docs/manual.txt\npub/info.txt\n"
    );
    assert_eq!(h.ok("find pub -name 'm*.txt'"), "pub/docs/manual.txt\n", "find(1)'s one-dash -name");
    assert_eq!(h.ok("find pub --type d"), "pub\npub/docs\npub/docs/deep\n");
    assert_eq!(h.ok("cd pub"), "");
    assert_eq!(
        h.ok("find -type f -name '*.txt'"),
        "./docs/deep/leaf.txt\n./docs/manual.txt\n./info.txt\n".replace("./", "")
    );
    assert!(matches!(h.fails("find -name '[oops'"), Error::Pattern(_)));
}

#[test]
fn macros_take_arguments_loop_over_them_and_stop_at_the_first_failure() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    for line in ["macdef sizes", "size $1", "size \\$1 is kept", ""] {
        h.ok(line);
    }
    assert!(h.err.text().contains("Macro 'sizes' defined"), "{}", h.err.text());
    assert_eq!(h.sh.macros.get("sizes").unwrap(), ["size $1", "size \\$1 is kept"]);
    for line in ["macdef each", "size $i", ""] {
        h.ok(line);
    }
    assert_eq!(h.ok("$ each hello.txt pub/info.txt"), "14\n19\n");
    // The first failing line stops the macro, and `$` fails with it.
    for line in ["macdef two", "size nosuch.txt", "size hello.txt", ""] {
        h.ok(line);
    }
    assert!(matches!(h.fails("$ two"), Error::Script { .. }));
    assert!(!h.out.text().contains("14"), "{}", h.out.text());
    assert!(h.err.text().contains("$two:1"), "{}", h.err.text());
    // A macro that runs itself stops at the depth bound.
    for line in ["macdef loop", "$ loop", ""] {
        h.ok(line);
    }
    assert!(h.fails("$ loop").to_string().contains("stopped"));
    assert!(h.err.text().contains("nested more than"), "{}", h.err.text());
    assert!(matches!(h.fails("$ nosuch"), Error::Usage(m) if m.contains("each")));
    let listed = h.ok("macdef");
    assert!(listed.contains("each: size $i"), "{listed}");
    // The end of a script ends a macro being recorded.
    let env = Sandbox::new();
    let (code, out, err) = env.run(&[&srv.user_url()], "macdef last\nsize hello.txt");
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty() && err.contains("Macro 'last' defined"), "{out} {err}");
}

#[cfg(unix)]
#[test]
fn netrc_macros_are_defined_at_login_and_init_runs_then() {
    use std::os::unix::fs::PermissionsExt;
    let srv = TestServer::with_sample_tree();
    let env = Sandbox::new();
    let netrc = env.home().join("netrc");
    let text = format!(
        "machine 127.0.0.1 login alice password {PASSWORD}\nmacdef init\ncd pub\nbinary\n\n\
         macdef show\nsize $1\n\nmachine other login bob\nmacdef init\ncd upload\n\n"
    );
    fs::write(&netrc, text).unwrap();
    fs::set_permissions(&netrc, fs::Permissions::from_mode(0o600)).unwrap();
    let (code, out, err) = env.run(&["127.0.0.1", &srv.port.to_string()], "pwd\n$ show info.txt\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "/pub\n19\n", "init ran (cd pub) before the first command; {err}");
    // `open` runs it too.
    let (code, out, err) = env.run(&[], &format!("open 127.0.0.1 {}\npwd\n", srv.port));
    assert_eq!((code, out.as_str()), (0, "/pub\n"), "{err}");
}

#[test]
fn glob_off_takes_every_word_as_one_literal_name() {
    let srv = TestServer::start();
    fs::write(srv.root.join("a*b.txt"), "star\n").unwrap();
    fs::write(srv.root.join("aXb.txt"), "x\n").unwrap();
    let env = Sandbox::new();
    let url = srv.user_url();
    let (code, _, err) = env.run(&[&url], "glob off\nmget 'a*b.txt'\nmdelete 'a*b.txt'\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(env.work().join("a*b.txt")).unwrap(), "star\n");
    assert!(!env.work().join("aXb.txt").exists(), "the pattern was not expanded");
    assert!(!srv.root.join("a*b.txt").exists() && srv.root.join("aXb.txt").exists());
    let (code, _, err) = env.run(&[&url], "glob on\nmget a*.txt\n");
    assert_eq!(code, 0, "{err}");
    assert!(env.work().join("aXb.txt").exists());
}

#[test]
fn case_and_runique_choose_the_local_name_and_sunique_the_remote_one() {
    let srv = TestServer::with_sample_tree();
    fs::write(srv.root.join("SHOUT.TXT"), "loud\n").unwrap();
    let env = Sandbox::new();
    fs::write(env.work().join("hello.txt"), "mine\n").unwrap();
    fs::write(env.work().join("up.txt"), "new\n").unwrap();
    let script =
        "case on\nget SHOUT.TXT\nruni on\nget hello.txt\nmget hello.txt\nsunique on\nput up.txt hello.txt\n";
    let (code, _, err) = env.run(&[&srv.user_url()], script);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(env.work().join("shout.txt")).unwrap(), "loud\n");
    assert_eq!(fs::read_to_string(env.work().join("hello.txt")).unwrap(), "mine\n", "never replaced");
    assert_eq!(fs::read_to_string(env.work().join("hello.txt.1")).unwrap(), "Hello, world!\n");
    assert_eq!(fs::read_to_string(env.work().join("hello.txt.2")).unwrap(), "Hello, world!\n");
    assert_eq!(fs::read_to_string(srv.root.join("hello.txt")).unwrap(), "Hello, world!\n");
    assert_eq!(fs::read_to_string(srv.root.join("hello.txt.1")).unwrap(), "new\n");
}

#[test]
fn reset_starts_afresh_in_the_same_directory() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    h.ok("cd pub/docs");
    h.ok("reset");
    assert!(h.err.text().contains("Reconnected"), "{}", h.err.text());
    assert_eq!(h.ok("pwd"), "/pub/docs\n");
    assert!(matches!(Harness::new().fails("reset"), Error::NotConnected));
}

#[test]
fn idle_umask_and_rstatus_send_their_commands() {
    let srv = scripted::start(Script::new());
    let mut h = Harness::open(&srv.url());
    for line in ["idle 60", "idle", "umask 022", "rstatus", "rstatus a.txt"] {
        let _ = h.sh.execute(line);
    }
    let sent = srv.commands();
    for cmd in ["SITE IDLE 60", "SITE IDLE", "SITE UMASK 022", "STAT", "STAT a.txt"] {
        assert!(sent.iter().any(|c| c == cmd), "{cmd} not in {sent:?}");
    }
    // The scripted server knows none of them: its refusal is the error.
    assert!(matches!(h.fails("umask"), Error::Server(r) if r.code == 502));
    assert!(matches!(h.fails("idle 0"), Error::Usage(_)), "seconds from 1");
}

#[test]
fn did_you_mean_suggests_only_close_command_names() {
    let mut h = Harness::new();
    assert!(h.fails("eidt x").to_string().contains("did you mean 'edit'?"));
    assert!(h.fails("idel").to_string().contains("did you mean 'idle'?"));
    let far = h.fails("xdlx").to_string();
    assert!(!far.contains("did you mean"), "{far}");
}

/// A shell script that edits the file it is given as `$EDITOR` would: runs `body` with the file
/// as `$1`.
fn editor(env: &Sandbox, body: &str) -> String {
    let path = env.root().join("editor.sh");
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    path.display().to_string()
}

/// Runs `edit FILE` with `editor` and a private TMPDIR; returns (code, stderr, TMPDIR).
fn run_edit(env: &Sandbox, srv: &TestServer, editor: &str, file: &str) -> (i32, String, std::path::PathBuf) {
    let tmp = env.root().join("tmp");
    fs::create_dir_all(&tmp).unwrap();
    let out = env
        .ftpsh()
        .args([&srv.user_url()])
        .env("EDITOR", editor)
        .env_remove("VISUAL")
        .env("TMPDIR", &tmp)
        .write_stdin(format!("edit {file}\n"))
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned(), tmp)
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn edit_uploads_a_changed_file_through_its_partial_name_and_leaves_no_temporary_file() {
    let srv = TestServer::with_sample_tree();
    let env = Sandbox::new();
    let before = entries(&srv.root.join("pub"));
    let ed = editor(&env, "printf 'edited\\n' >> \"$1\"");
    let (code, err, tmp) = run_edit(&env, &srv, &ed, "pub/info.txt");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("uploaded the edited file"), "{err}");
    assert_eq!(fs::read_to_string(srv.root.join("pub/info.txt")).unwrap(), "public information\nedited\n");
    assert_eq!(entries(&srv.root.join("pub")), before, "no partial file left on the server");
    assert!(entries(&tmp).is_empty(), "temporary files left: {:?}", entries(&tmp));
}

#[test]
fn edit_uploads_nothing_when_the_file_is_unchanged() {
    let srv = TestServer::with_sample_tree();
    let env = Sandbox::new();
    let target = srv.root.join("hello.txt");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    fs::File::options().write(true).open(&target).unwrap().set_modified(old).unwrap();
    let ed = editor(&env, "touch \"$1\"");
    let (code, err, tmp) = run_edit(&env, &srv, &ed, "hello.txt");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("unchanged; nothing uploaded"), "{err}");
    assert_eq!(fs::metadata(&target).unwrap().modified().unwrap(), old, "the server's file was not written");
    assert!(entries(&tmp).is_empty());
}

#[test]
fn edit_refuses_when_the_remote_file_changed_meanwhile_and_keeps_the_edits() {
    let srv = TestServer::with_sample_tree();
    let env = Sandbox::new();
    let remote = srv.root.join("hello.txt");
    let body = format!("printf 'mine\\n' >> \"$1\"; printf 'theirs\\n' >> '{}'", remote.display());
    let ed = editor(&env, &body);
    let (code, err, tmp) = run_edit(&env, &srv, &ed, "hello.txt");
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("changed on the server while you edited it"), "{err}");
    assert_eq!(fs::read_to_string(&remote).unwrap(), "Hello, world!\ntheirs\n", "their change stays");
    let kept = err.lines().find_map(|l| l.split("kept in ").nth(1)).expect("where the copy is");
    assert_eq!(fs::read_to_string(kept.trim()).unwrap(), "Hello, world!\nmine\n");
    assert!(Path::new(kept.trim()).starts_with(&tmp));
}

#[cfg(unix)]
mod terminal {
    //! `help`, `cat` and `page` in a pseudo-terminal of a given size.
    use std::process::Command;
    use std::time::Duration;

    use expectrl::session::Session;

    use crate::support::sandbox::Sandbox;
    use crate::support::server::TestServer;

    /// ftpsh in a pty of `rows` x `cols` with echo on and `env` set, logged in as anonymous.
    fn spawn(sandbox: &Sandbox, srv: &TestServer, size: (u16, u16), env: &[(&str, &str)]) -> Session {
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c").arg(r#"stty echo && exec "$0" "$@""#).arg(env!("CARGO_BIN_EXE_ftpsh"));
        cmd.arg(format!("ftp://anonymous@127.0.0.1:{}", srv.port));
        sandbox.setup(&mut cmd).env("TERM", "xterm").envs(env.iter().copied());
        let mut session = Session::spawn(cmd).expect("spawn ftpsh in a pty");
        session.set_expect_timeout(Some(Duration::from_secs(10)));
        session.expect(PROMPT).expect("the prompt");
        session.get_process_mut().set_window_size(size.1, size.0).expect("resize the terminal");
        session
    }

    const PROMPT: &str = "ftp anonymous@127.0.0.1:/> ";

    /// Types `line` and returns what the command printed: after the editor let the line go
    /// (bracketed paste off), before it takes the terminal back for the next prompt.
    fn run(session: &mut Session, line: &str) -> String {
        session.send(format!("{line}\r")).unwrap();
        session.expect("\u{1b}[?2004l\r\n").unwrap_or_else(|e| panic!("{line} accepted: {e}"));
        let found = session.expect(PROMPT).unwrap_or_else(|e| panic!("{line}: {e}"));
        let text = String::from_utf8_lossy(found.before()).into_owned();
        text.split_once("\u{1b}[?2004h").map_or(text.as_str(), |(out, _)| out).to_string()
    }

    #[test]
    fn help_fits_a_24_line_screen_and_help_command_wraps_on_words() {
        let srv = TestServer::with_sample_tree();
        let env = Sandbox::new();
        for cols in [60, 100] {
            let mut sh = spawn(&env, &srv, (24, cols), &[]);
            let shown = run(&mut sh, "help");
            let lines: Vec<&str> = shown.split("\r\n").filter(|l| !l.is_empty()).collect();
            assert!(lines.len() < 24, "{cols}: {} lines:\n{shown}", lines.len());
            for c in ftpsh::commands::COMMANDS {
                assert!(shown.split_whitespace().any(|w| w == c.name), "{cols}: {} not in\n{shown}", c.name);
            }
            let shown = run(&mut sh, "help mirror");
            assert!(shown.contains("--dry-run"), "{shown}");
            for line in shown.split("\r\n").chain(lines) {
                assert!(line.chars().count() <= usize::from(cols), "{line:?} is wider than {cols} columns");
            }
        }
    }

    #[test]
    fn cat_and_page_show_escapes_instead_of_running_them() {
        let srv = TestServer::with_sample_tree();
        std::fs::write(srv.root.join("hostile.txt"), super::HOSTILE).unwrap();
        let env = Sandbox::new();
        let mut sh = spawn(&env, &srv, (24, 80), &[("PAGER", "cat")]);
        for cmd in ["cat hostile.txt", "page hostile.txt"] {
            let shown = run(&mut sh, cmd);
            assert!(shown.contains("\\x1b[2J\\x1b[31mred\\x1b[0m"), "{cmd}: {shown:?}");
            assert!(!shown.contains('\u{1b}'), "{cmd}: an escape reached the terminal: {shown:?}");
            assert!(shown.contains("\\x1b[0m\r\nend"), "{cmd}: CRLF shown as one line end: {shown:?}");
        }
    }

    #[test]
    fn quitting_the_pager_early_ends_page_quietly() {
        let srv = TestServer::with_sample_tree();
        let env = Sandbox::new();
        let lines: String = (0..100_000).map(|n| format!("line {n}\n")).collect();
        std::fs::write(srv.root.join("long.txt"), lines).unwrap();
        let mut sh = spawn(&env, &srv, (24, 80), &[("PAGER", "head -n 2")]);
        let shown = run(&mut sh, "page long.txt");
        assert_eq!(shown, "line 0\r\nline 1\r\n", "no error when the pager is quit");
        assert_eq!(run(&mut sh, "pwd"), "/\r\n", "the shell goes on");
    }
}
