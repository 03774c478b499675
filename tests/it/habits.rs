//! The habits of twenty years of ftp clients, each tried the way a tnftp or lftp user would:
//! `~` and `$HOME` in local paths, errors that name the command and the file, `reget` of a file
//! another client left under its own name, questions that leave typed-ahead lines alone,
//! completed names the command reads back as they are, a progress bar that fits the terminal,
//! the certificate question in words, and the one-shot `get -r`, `get -c`, `put FILE URL/dir`.
//! Terminal behaviour runs in a real pty (at 60 and 100 columns).
#![cfg(unix)]

use std::fs;
use std::time::{Duration, Instant};

use crate::completion::{complete, helper, session};
use crate::pty::{ENTER, Pty, spawn};
use crate::support::harness::Harness;
use crate::support::sandbox::Sandbox;
use crate::support::scripted::{self, Fault, Script};
use crate::support::server::{self, TestServer, USER};
use ftpsh::repl::completion::ShellHelper;

// --- 1. `~` and environment variables in local paths ---

#[test]
fn tilde_and_home_variables_name_local_paths() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let home = sb.home();
    fs::create_dir_all(home.join("src")).unwrap();
    fs::write(home.join("notes.txt"), "my notes\n").unwrap();
    let script = "lcd ~\nlpwd\nget hello.txt ~/h.txt\nput ~/notes.txt upload/notes.txt\nlcd $HOME/src\nlpwd\n\
                  get readme.txt ${HOME}/src/r.txt\n";
    let (code, out, err) = sb.run(&[&srv.user_url()], script);
    assert_eq!(code, 0, "{err}");
    let home_text = home.canonicalize().unwrap().display().to_string();
    assert_eq!(out, format!("{home_text}\n{home_text}/src\n"), "{err}");
    assert_eq!(fs::read_to_string(home.join("h.txt")).unwrap(), "Hello, world!\n");
    assert_eq!(fs::read_to_string(srv.path("upload/notes.txt")).unwrap(), "my notes\n");
    assert_eq!(fs::read_to_string(home.join("src/r.txt")).unwrap(), server::README_TXT);
}

#[test]
fn a_download_into_a_missing_directory_names_the_file_not_its_partial_file() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.user_url()], "get hello.txt ~/nodir/h.txt\n");
    assert_eq!(code, 7, "a local failure: {err}");
    assert!(err.contains("nodir/h.txt: No such file or directory"), "{err}");
    assert!(!err.contains(".ftpsh.part"), "{err}");
}

#[test]
fn an_unset_variable_is_named_not_taken_for_nothing() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.user_url()], "get hello.txt $FTPSH_NO_SUCH_VAR/h.txt\n");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("$FTPSH_NO_SUCH_VAR is not set"), "{err}");
    assert!(!sb.work().join("h.txt").exists());
}

// --- 2. Errors name what failed ---

#[test]
fn errors_name_the_command_and_the_file() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.user_url()], "get nosuch.txt\n");
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("stdin:1: get: nosuch.txt: error: 550"), "{err}");
}

#[test]
fn a_one_shot_with_several_urls_says_which_failed() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let base = srv.user_url();
    let (a, b) = (format!("{base}/nosuch-a.txt"), format!("{base}/nosuch-b.txt"));
    let (code, _, err) = sb.run(&["get", &a, &format!("{base}/hello.txt"), &b], "");
    assert_eq!(code, 6, "{err}");
    let masked = |u: &str| u.replace(server::PASSWORD, "****");
    assert!(err.contains(&format!("get: {}: error: 550", masked(&a))), "{err}");
    assert!(err.contains(&format!("get: {}: error: 550", masked(&b))), "{err}");
    assert!(!err.contains(server::PASSWORD), "{err}");
    assert!(sb.work().join("hello.txt").exists());
}

#[test]
fn an_upload_refused_before_any_data_is_a_server_refusal() {
    let srv = scripted::start(Script { refuse_stor: true, ..Script::new() });
    let sb = Sandbox::new();
    fs::write(sb.work().join("f.txt"), "data\n").unwrap();
    let (code, _, err) = sb.run(&[&srv.url()], "put f.txt\n");
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("put: f.txt: error: 553 Could not create file."), "{err}");
    assert!(!err.contains("transfer incomplete"), "{err}");
}

#[test]
fn an_ascii_download_that_breaks_off_starts_over_instead_of_asking_for_binary() {
    let text: Vec<u8> = (0..20_000).flat_map(|i| format!("line {i}\r\n").into_bytes()).collect();
    let srv = scripted::start(Script::new().file("t.txt", text.clone()).fault(Fault::CutData(50_000)));
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.url()], "ascii\nget t.txt\n");
    assert!(!err.contains("binary mode"), "{err}");
    assert_eq!(code, 0, "{err}");
    let want: Vec<u8> = (0..20_000).flat_map(|i| format!("line {i}\n").into_bytes()).collect();
    assert_eq!(fs::read(sb.work().join("t.txt")).unwrap(), want);
}

#[test]
fn an_ascii_append_is_sent_once_even_when_it_breaks_off() {
    let script = Script { drop_after_store: true, ..Script::new().file("log.txt", "old\r\n") };
    let srv = scripted::start(script);
    let sb = Sandbox::new();
    fs::write(sb.work().join("log.txt"), "new\n").unwrap();
    let (code, _, err) = sb.run(&[&srv.url()], "ascii\nappend log.txt\n");
    assert_ne!(code, 0, "the reply never came: {err}");
    let appends = srv.commands().iter().filter(|c| c.starts_with("APPE")).count();
    assert_eq!(appends, 1, "{:?}", srv.commands());
    assert_eq!(srv.file("log.txt").unwrap(), b"old\r\nnew\r\n");
}

// --- 3. reget resumes a file left under its final name ---

#[test]
fn reget_resumes_a_partial_file_another_client_left_under_its_name() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("data.bin");
    let whole = server::binary_pattern(server::SAMPLE_BIN_LEN);
    fs::write(&target, &whole[..100_000]).unwrap();
    let mut h = Harness::connected(&srv);
    h.ok(&format!("reget data.bin {}", target.display()));
    assert_eq!(fs::read(&target).unwrap(), whole);
    let said = h.err.text();
    assert!(said.contains("Resuming") && said.contains("after its first 100000 bytes"), "{said}");
    assert!(said.contains("resumed at"), "{said}");
    assert!(!local.path().join("data.bin.ftpsh.part").exists());
    // Complete already: nothing is fetched, nothing asked.
    h.ok(&format!("reget data.bin {}", target.display()));
    assert!(h.err.text().contains("is already complete"), "{}", h.err.text());
    // A file that is not the beginning of the remote one is not touched.
    fs::write(&target, vec![7u8; 50_000]).unwrap();
    let e = h.fails(&format!("reget data.bin {}", target.display()));
    assert!(matches!(e, ftpsh::error::Error::WouldOverwrite(_)), "{e:?}");
    assert_eq!(fs::read(&target).unwrap(), vec![7u8; 50_000]);
}

#[test]
fn reget_without_rest_on_the_server_says_so_and_keeps_the_file() {
    let whole = server::binary_pattern(100_000);
    let srv = scripted::start(Script { refuse_rest: true, ..Script::new().file("f.bin", whole.clone()) });
    let sb = Sandbox::new();
    fs::write(sb.work().join("f.bin"), &whole[..40_000]).unwrap();
    let (code, _, err) = sb.run(&[&srv.url()], "reget f.bin\n");
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("The server cannot resume: `get -f` downloads the whole file."), "{err}");
    assert!(err.contains("502 REST not implemented"), "{err}");
    assert!(!err.contains("`reget` resumes"), "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), &whole[..40_000]);
}

#[test]
fn reget_in_ascii_mode_leaves_a_file_under_its_name_where_it_is() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let whole = server::binary_pattern(server::SAMPLE_BIN_LEN);
    fs::write(sb.work().join("data.bin"), &whole[..100_000]).unwrap();
    let (code, _, err) = sb.run(&[&srv.user_url()], "ascii\nreget data.bin\n");
    assert_ne!(code, 0, "offsets mean nothing in ASCII mode: {err}");
    assert_eq!(fs::read(sb.work().join("data.bin")).unwrap(), &whole[..100_000]);
    assert!(!sb.work().join("data.bin.ftpsh.part").exists());
}

#[test]
fn reget_without_rest_offers_the_whole_file_in_the_shell() {
    for cols in [60, 100] {
        let whole = server::binary_pattern(100_000);
        let srv = scripted::start(Script { refuse_rest: true, ..Script::new().file("f.bin", whole.clone()) });
        let sb = Sandbox::new();
        fs::write(sb.work().join("f.bin"), &whole[..40_000]).unwrap();
        let mut sh = bob_wide(&sb, &srv, cols);
        sh.line("reget f.bin");
        sh.expect("The server cannot resume (502 REST not implemented). Download all of f.bin again,");
        sh.expect("replacing f.bin? [y/N] ");
        sh.line("y");
        sh.expect(BOB);
        assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), whole);
        sh.quit();
    }
}

// --- 5. Completion the command understands ---

#[test]
fn completed_names_with_glob_characters_match_themselves() {
    let srv = TestServer::start();
    fs::write(srv.path("brackets [1].txt"), "one").unwrap();
    fs::write(srv.path("brackets 1.txt"), "plain").unwrap();
    let h = helper(&srv);
    let offered = complete(&h, "mget brackets\\ [");
    assert_eq!(offered, ["brackets\\ \\\\[1\\\\].txt "]);
    // `get` takes a name, not a pattern: nothing to escape there.
    assert_eq!(complete(&h, "get brackets\\ ["), ["brackets\\ [1].txt "]);
    // The completed line fetches exactly that file.
    let sb = Sandbox::new();
    let line = format!("mget {}\n", offered[0].trim_end());
    let (code, _, err) = sb.run(&[&srv.user_url()], &line);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(sb.work().join("brackets [1].txt")).unwrap(), "one");
    assert!(!sb.work().join("brackets 1.txt").exists());
    // mdelete reads it the same way.
    let (code, _, err) = sb.run(&[&srv.user_url()], &format!("mdelete {}\n", offered[0].trim_end()));
    assert_eq!(code, 0, "{err}");
    assert!(!srv.path("brackets [1].txt").exists() && srv.path("brackets 1.txt").exists());
}

#[test]
fn completed_local_names_with_glob_characters_match_themselves() {
    let srv = TestServer::start();
    let local = tempfile::tempdir().unwrap();
    fs::write(local.path().join("brackets [1].txt"), "one").unwrap();
    fs::write(local.path().join("brackets 1.txt"), "plain").unwrap();
    let h = helper(&srv);
    let typed = format!("mput {}/brackets\\ [", local.path().display());
    let offered = complete(&h, &typed);
    assert_eq!(offered, [format!("{}/brackets\\ [[]1[]].txt ", local.path().display())]);
    let (code, _, err) = Sandbox::new().run(&[&srv.user_url()], &format!("mput {}\n", offered[0].trim_end()));
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(srv.path("brackets [1].txt")).unwrap(), "one");
    assert!(!srv.path("brackets 1.txt").exists());
}

#[test]
fn a_name_that_starts_with_a_dash_completes_as_a_path() {
    let srv = TestServer::start();
    fs::write(srv.path("-rf.txt"), "dash").unwrap();
    let h = helper(&srv);
    let flags = complete(&h, "get -");
    assert!(flags.iter().all(|f| f.starts_with("-") && !f.contains("rf")), "a dash starts a flag: {flags:?}");
    assert_eq!(complete(&h, "get ./-"), ["./-rf.txt "]);
    assert_eq!(complete(&h, "get -- -r"), ["-rf.txt "]);
    assert_eq!(complete(&h, "size -r"), ["-rf.txt "], "size takes no flags");
    let offered = complete(&h, "get ");
    assert!(offered.contains(&"./-rf.txt ".to_string()), "{offered:?}");
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.user_url()], "get ./-rf.txt\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(sb.work().join("-rf.txt")).unwrap(), "dash");
}

// --- One-shot ---

#[test]
fn one_shot_get_r_downloads_a_tree() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&["get", "-r", &format!("{}/pub", srv.user_url())], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(sb.work().join("pub/docs/deep/leaf.txt")).unwrap(), "deep leaf\n");
}

#[test]
fn one_shot_get_c_resumes_what_another_client_left() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let whole = server::binary_pattern(server::SAMPLE_BIN_LEN);
    fs::write(sb.work().join("data.bin"), &whole[..70_000]).unwrap();
    let (code, _, err) = sb.run(&["get", "-c", &format!("{}/data.bin", srv.user_url())], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("data.bin")).unwrap(), whole);
}

#[test]
fn one_shot_interrupted_download_says_how_to_resume_it_there() {
    let srv = TestServer::start();
    let size: u64 = 256 << 20;
    fs::write(srv.path("big.bin"), [1u8; 4096]).unwrap();
    fs::File::options().write(true).open(srv.path("big.bin")).unwrap().set_len(size).unwrap();
    let sb = Sandbox::new();
    let part = sb.work().join("big.bin.ftpsh.part");
    let url = format!("{}/big.bin", srv.user_url());
    let (code, err, _) =
        sb.interrupt_when(&["get", &url], || fs::metadata(&part).map(|m| m.len()).unwrap_or(0) > 8192);
    assert_eq!(code, 130, "{err}");
    assert!(err.contains("`ftpsh get -c URL` resumes"), "{err}");
    assert!(!err.contains("`reget`"), "{err}");
}

#[test]
fn one_shot_put_into_a_directory_url_without_a_slash() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    fs::write(sb.work().join("f.txt"), "into the directory\n").unwrap();
    let (code, _, err) = sb.run(&["put", "f.txt", &format!("{}/upload", srv.user_url())], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(srv.path("upload/f.txt")).unwrap(), "into the directory\n");
    // A URL naming a file that is not a directory still names the upload.
    let (code, _, err) = sb.run(&["put", "f.txt", &format!("{}/upload/g.txt", srv.user_url())], "");
    assert_eq!(code, 0, "{err}");
    assert!(srv.path("upload/g.txt").is_file());
}

// --- 6. Tab never fails silently ---

/// A completer logged in to `srv`, giving up on a listing after 300 ms.
fn impatient(srv: &scripted::ScriptedServer) -> ShellHelper {
    let h = ShellHelper::new(false);
    *h.session.lock().unwrap() = Some(session(&srv.url()));
    h.timeout.set(Duration::from_millis(300));
    h
}

/// Presses Tab on `line` every 50 ms (20 s at most) until it offers `done`; until then it may
/// only offer what `meanwhile` holds.
fn tab_until(h: &ShellHelper, line: &str, meanwhile: &[&str], done: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let offered = complete(h, line);
        if offered == done {
            return;
        }
        assert_eq!(offered, meanwhile, "{line}");
        assert!(Instant::now() < deadline, "the background listing never arrived");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn without_mlsd_the_first_tab_offers_the_names_at_once_and_the_next_the_kinds() {
    // LIST is slow, NLST is not (as vsftpd's LIST of a big directory is).
    let srv = scripted::start(Script {
        list_delay: Some(Duration::from_millis(1500)),
        ..Script::new().file("alpha.txt", "a").file("beta.txt", "b")
    });
    let h = impatient(&srv);
    // The name, from NLST, without a kind yet: neither a file's space nor a directory's slash.
    assert_eq!(complete(&h, "get al"), ["alpha.txt"]);
    let sent = srv.commands();
    assert!(sent.iter().any(|c| c == "NLST"), "{sent:?}");
    // LIST went to a second session, in the background; a later Tab knows it is a file.
    tab_until(&h, "get al", &["alpha.txt"], &["alpha.txt "]);
    // Now cached: the next Tab answers without listing again.
    let listings =
        || srv.commands().iter().filter(|c| c.starts_with("LIST") || c.starts_with("NLST")).count();
    let before = listings();
    assert_eq!(complete(&h, "get b"), ["beta.txt "]);
    assert_eq!(listings(), before);
}

#[test]
fn a_slow_listing_keeps_loading_where_only_directories_will_do() {
    let srv = scripted::start(Script {
        list_delay: Some(Duration::from_millis(1500)),
        ..Script::new().list_lines(&[
            "drwxr-xr-x 1 u g 0 Jan 5 13:46 albums",
            "-rw-r--r-- 1 u g 1 Jan 5 13:46 alpha.txt",
        ])
    });
    let h = impatient(&srv);
    // Names alone cannot tell a directory: the word stays as typed while the listing loads.
    assert_eq!(complete(&h, "cd al"), ["al"], "loading");
    tab_until(&h, "cd al", &["al"], &["albums/"]);
}

#[test]
fn when_a_second_session_is_refused_the_kinds_come_from_the_first() {
    let srv = scripted::start(Script { one_login_only: true, ..Script::new().file("alpha.txt", "a") });
    let h = impatient(&srv);
    assert_eq!(complete(&h, "get al"), ["alpha.txt"]);
    // The background session cannot log in; the next Tab lists in the foreground.
    tab_until(&h, "get al", &["alpha.txt"], &["alpha.txt "]);
}

// --- Terminal habits, in a pseudo-terminal at 60 and 100 columns ---

/// `ftpsh ARGS` in a pty `cols` wide.
fn spawn_wide(sb: &Sandbox, args: &[&str], cols: u16) -> Pty {
    let mut sh = spawn(sb, args);
    sh.session.get_process_mut().set_window_size(cols, 24).expect("set the window size");
    sh
}

/// Logged in to `srv` as anonymous in a pty `cols` wide.
fn anonymous_wide(sb: &Sandbox, srv: &TestServer, cols: u16) -> Pty {
    let mut sh = spawn_wide(sb, &[&format!("ftp://anonymous@127.0.0.1:{}", srv.port)], cols);
    sh.prompt("anonymous", "/");
    sh
}

/// The prompt of a shell logged in to a scripted server.
const BOB: &str = "ftp bob@127.0.0.1:/> ";

/// Logged in to the scripted `srv` as bob in a pty `cols` wide.
fn bob_wide(sb: &Sandbox, srv: &scripted::ScriptedServer, cols: u16) -> Pty {
    let mut sh = spawn_wide(sb, &[&srv.url()], cols);
    sh.expect(BOB);
    sh
}

/// A scripted server holding the file `name`, whose listings take `millis` ms.
fn slow_lister(millis: u64, name: &str) -> scripted::ScriptedServer {
    let slow = Some(Duration::from_millis(millis));
    scripted::start(Script { list_delay: slow, ..Script::new().file(name, name.to_uppercase()) })
}

#[test]
fn a_question_leaves_the_line_typed_after_its_answer_for_the_shell() {
    for cols in [60, 100] {
        let srv = TestServer::start();
        fs::write(srv.path("a.txt"), "server copy").unwrap();
        let sb = Sandbox::new();
        fs::write(sb.work().join("a.txt"), "mine").unwrap();
        let mut sh = anonymous_wide(&sb, &srv, cols);
        sh.line("get a.txt");
        sh.expect("a.txt exists. Overwrite? [y/N] ");
        // The answer and the next command arrive together, as from a fast typist.
        sh.send(&format!("n{ENTER}lpwd{ENTER}"));
        sh.expect(&format!("\r\n{}\r\n", sb.work().canonicalize().unwrap().display()));
        sh.prompt("anonymous", "/");
        assert_eq!(fs::read_to_string(sb.work().join("a.txt")).unwrap(), "mine");
        sh.quit();
    }
}

#[test]
fn a_line_typed_ahead_before_a_question_is_not_its_answer_and_runs_next() {
    for cols in [60, 100] {
        // The listing takes a while, so the next command is typed before mget's question shows.
        let srv = slow_lister(1500, "a.txt");
        let sb = Sandbox::new();
        let mut sh = bob_wide(&sb, &srv, cols);
        sh.line("mget *.txt");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !srv.commands().iter().any(|c| c.starts_with("LIST")) {
            assert!(Instant::now() < deadline, "mget never listed");
            std::thread::sleep(Duration::from_millis(10));
        }
        sh.line("lpwd");
        sh.expect("mget a.txt? [Y/n/a/q] ");
        sh.line("y");
        sh.expect(&format!("{BOB}lpwd\r\n{}\r\n", sb.work().canonicalize().unwrap().display()));
        sh.expect(BOB);
        assert_eq!(fs::read_to_string(sb.work().join("a.txt")).unwrap(), "A.TXT", "the answer was y");
        sh.quit();
    }
}

#[test]
fn tab_after_tilde_and_on_glob_characters_gives_lines_that_work() {
    for cols in [60, 100] {
        let srv = TestServer::start();
        fs::write(srv.path("brackets [1].txt"), "one").unwrap();
        let sb = Sandbox::new();
        fs::create_dir_all(sb.home().join("projects")).unwrap();
        let mut sh = anonymous_wide(&sb, &srv, cols);
        sh.send("lcd ~/pro\t");
        sh.expect("lcd ~/projects/");
        sh.send(ENTER);
        sh.expect("Local directory: ");
        sh.prompt("anonymous", "/");
        sh.send("mget brack\t");
        sh.expect("mget brackets\\ \\\\[1\\\\].txt ");
        sh.send(ENTER);
        sh.expect("mget brackets [1].txt? [Y/n/a/q] ");
        sh.line("y");
        sh.prompt("anonymous", "/");
        assert_eq!(fs::read_to_string(sb.home().join("projects/brackets [1].txt")).unwrap(), "one");
        sh.quit();
    }
}

#[test]
fn tab_on_a_slow_directory_says_it_is_loading_and_the_next_tab_completes() {
    for cols in [60, 100] {
        let srv = slow_lister(2500, "alpha.txt");
        let sb = Sandbox::new();
        let mut sh = bob_wide(&sb, &srv, cols);
        sh.line("set completion-timeout 0.3");
        sh.expect(BOB);
        sh.send("get al\t");
        sh.expect("(loading the listing of /...)");
        // Each later Tab either still says it is loading or completes from what was loaded; on
        // a loaded machine the background listing may need a few more of them.
        let completed = (0..40).any(|_| {
            std::thread::sleep(Duration::from_millis(500));
            sh.send("\t");
            std::thread::sleep(Duration::from_millis(100));
            sh.drain();
            sh.seen.contains("get alpha.txt ")
        });
        assert!(completed, "a later Tab never completed: {:?}", sh.seen);
        sh.control(expectrl::ControlCode::EndOfText);
        sh.expect(BOB);
        sh.quit();
    }
}

/// What the terminal showed, cut into the pieces drawn between line starts (`\r`, `\n`), escape
/// sequences removed.
fn drawn(screen: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = screen.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
            }
            continue;
        }
        plain.push(c);
    }
    plain.split(['\r', '\n']).map(|s| s.trim_end().to_string()).collect()
}

/// A sparse file of `size` bytes on `srv` with a start unlike the rest.
fn big_file(srv: &TestServer, name: &str, size: u64) {
    fs::write(srv.path(name), [1u8; 4096]).unwrap();
    fs::File::options().write(true).open(srv.path(name)).unwrap().set_len(size).unwrap();
}

#[test]
fn the_progress_bar_fits_the_terminal_and_follows_a_resize() {
    for cols in [60usize, 100] {
        let srv = TestServer::start();
        big_file(&srv, "big.bin", 8 << 20);
        let sb = Sandbox::new();
        let mut sh = anonymous_wide(&sb, &srv, cols as u16);
        // Four seconds of transfer however fast the machine is: the resize lands during it.
        sh.line("set rate-limit 2M");
        sh.prompt("anonymous", "/");
        sh.line("get big.bin");
        sh.expect("/8.00 MiB");
        // Narrower while the bar is up: the bar changes to fit, and stays within it.
        sh.session.get_process_mut().set_window_size(50, 24).unwrap();
        sh.prompt("anonymous", "/");
        let is_bar = |l: &&String| l.contains("/8.00 MiB") && l.contains('[');
        let lines = drawn(&sh.seen);
        let bars: Vec<&String> = lines.iter().filter(is_bar).collect();
        // Output still on its way when the size changed was drawn for the old width.
        let narrow = bars.iter().position(|l| l.chars().count() <= 50 && !l.contains("eta"));
        let narrow = narrow.unwrap_or_else(|| panic!("never drawn for 50 columns: {bars:?}"));
        assert!(narrow > 0, "drawn for {cols} columns first: {bars:?}");
        assert!(
            bars[..narrow].iter().all(|l| l.chars().count() <= cols && l.contains("eta")),
            "{cols}: {bars:?}"
        );
        assert!(bars[narrow..].iter().all(|l| l.chars().count() <= 50), "{bars:?}");
        sh.quit();
    }
}

#[test]
fn a_file_shown_on_the_terminal_gets_no_progress_bar() {
    for cols in [60, 100] {
        let srv = TestServer::with_sample_tree();
        let sb = Sandbox::new();
        let mut sh = anonymous_wide(&sb, &srv, cols);
        sh.line("get hello.txt -");
        let shown = sh.prompt("anonymous", "/");
        assert!(shown.contains("Hello, world!"), "{shown:?}");
        assert!(!shown.contains("B/14 B") && !shown.contains("eta"), "{shown:?}");
        sh.quit();
    }
}

#[test]
fn the_certificate_question_is_written_for_people_and_status_tells_the_tls() {
    const QUESTION: &str = "Trust this certificate? (o)nce, (a)lways, (N)o: ";
    // libunftp sometimes mishandles a TLS hello right after its `234` (see tls.rs): retried.
    const RACE: &str = "InvalidContentType";
    for cols in [60, 100] {
        let srv = TestServer::start_tls();
        let prompt = format!("ftp {USER}@127.0.0.1:/> ");
        let mut done = false;
        for _ in 0..3 {
            let sb = Sandbox::new();
            let mut sh = spawn_wide(&sb, &[&srv.user_url()], cols);
            if sh.expect_any(&[QUESTION, RACE]) != 0 {
                continue;
            }
            let asked = sh.seen.clone();
            for words in ["is not trusted: ", "Issued to:", "Issued by:", "Valid:", "Fingerprint: SHA256:"] {
                assert!(asked.contains(words), "{words}: {asked:?}");
            }
            assert!(asked.contains("`set ca-file PEM`") && asked.contains("`set tls off`"), "{asked:?}");
            assert!(!asked.contains("--pin") && !asked.contains("Other("), "{asked:?}");
            let question = &asked[asked.find("is not trusted").unwrap()..asked.find(QUESTION).unwrap()];
            let prose = question.split("\r\n").filter(|l| !l.starts_with("  "));
            assert!(prose.clone().all(|l| l.chars().count() <= 60), "{:?}", prose.collect::<Vec<_>>());
            sh.line("o");
            if sh.expect_any(&[prompt.as_str(), RACE]) != 0 {
                continue;
            }
            let at = asked.find("Fingerprint: ").unwrap() + "Fingerprint: ".len();
            let fingerprint = asked[at..].split("\r\n").next().unwrap().to_string();
            sh.line("status");
            sh.expect(&format!(
                "Certificate: {fingerprint}\r\nCertificate trusted: trusted once, for this session"
            ));
            sh.prompt(USER, "/");
            sh.line("ls");
            sh.prompt(USER, "/");
            sh.line("status");
            sh.expect("Control connection: encrypted, TLS 1.2");
            sh.expect("Data connections: encrypted (PROT P), last one TLS 1.2, TLS_");
            // Ctrl-D counts only at the prompt: sent while the terminal is still cooked, it is lost.
            sh.prompt(USER, "/");
            sh.quit();
            done = true;
            break;
        }
        assert!(done, "no TLS session in three tries");
    }
}
