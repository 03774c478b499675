//! The completer against real servers: remote files and directories, quoting, the listing cache
//! and its invalidation, failing and hanging listings, local paths and fixed choices.

use std::fs;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::support::harness::Harness;
use crate::support::scripted::{self, Script};
use crate::support::server::TestServer;
use ftpsh::repl::completion::ShellHelper;
use ftpsh::session::Session;

/// A session logged in to `url`.
pub(crate) fn session(url: &str) -> Session {
    std::mem::take(&mut Harness::open(url).sh.session)
}

/// A completer holding a session logged in to `srv` as alice.
pub(crate) fn helper(srv: &TestServer) -> ShellHelper {
    let h = ShellHelper::new(false);
    *h.session.lock().unwrap() = Some(session(&srv.user_url()));
    h
}

/// The replacements offered for `line` with the cursor at its end.
pub(crate) fn complete(h: &ShellHelper, line: &str) -> Vec<String> {
    h.candidates(line, line.len()).1.into_iter().map(|p| p.replacement).collect()
}

/// The sample tree plus an empty `my dir/`, so that `my` is ambiguous between a file and a
/// directory.
fn sample_server_with_my_dir() -> TestServer {
    let srv = TestServer::with_sample_tree();
    fs::create_dir(srv.path("my dir")).unwrap();
    srv
}

#[test]
fn remote_arguments_complete_files_and_directories() {
    let srv = sample_server_with_my_dir();
    let h = helper(&srv);
    assert_eq!(complete(&h, "get my"), ["my\\ dir/", "my\\ notes.txt "]);
    assert_eq!(complete(&h, "get pub/d"), ["pub/docs/"]);
    assert_eq!(complete(&h, "get pub/docs/deep/"), ["pub/docs/deep/leaf.txt "]);
    assert_eq!(complete(&h, "size caf"), ["café.txt "]);
    let all = complete(&h, "ls ");
    assert!(all.contains(&"upload/".to_string()) && all.contains(&"data.bin ".to_string()), "{all:?}");
    // The second argument of rename is remote too.
    assert_eq!(complete(&h, "rename data.bin up"), ["upload/"]);
}

#[test]
fn directory_arguments_complete_directories_only() {
    let srv = sample_server_with_my_dir();
    let h = helper(&srv);
    assert_eq!(complete(&h, "cd my"), ["my\\ dir/"]);
    assert_eq!(complete(&h, "rmdir "), ["my\\ dir/", "pub/", "upload/"]);
}

#[test]
fn completed_names_run_as_typed() {
    let srv = TestServer::start();
    for name in ["it's.txt", "back\\slash", "say \"hi\"", "#hash", "ünï cødé"] {
        fs::write(srv.path(name), "x").unwrap();
    }
    let h = helper(&srv);
    let mut seen = Vec::new();
    for line in complete(&h, "get ") {
        let words = ftpsh::interp::lexer::split(&format!("get {line}")).unwrap();
        seen.push(words[1].clone());
    }
    seen.sort();
    assert_eq!(seen, ["#hash", "back\\slash", "it's.txt", "say \"hi\"", "ünï cødé"]);
    // A word started with a quote is replaced whole, quote included.
    let (start, pairs) = h.candidates("get \"it", 7);
    assert_eq!((start, pairs[0].replacement.as_str()), (4, "it\\'s.txt "));
}

#[test]
fn listings_are_cached_and_changes_invalidate_them() {
    let srv = sample_server_with_my_dir();
    let h = helper(&srv);
    assert_eq!(complete(&h, "get new"), Vec::<String>::new());
    // A file appearing behind our back is not seen while the cache is fresh...
    fs::write(srv.path("newer.txt"), "x").unwrap();
    assert_eq!(complete(&h, "get new"), Vec::<String>::new());
    // ...but a change made through the session forgets the directory's listing.
    h.session.lock().unwrap().as_mut().unwrap().mkdir("newdir").unwrap();
    assert_eq!(complete(&h, "get new"), ["newdir/", "newer.txt "]);
    h.session.lock().unwrap().as_mut().unwrap().delete("newer.txt").unwrap();
    assert_eq!(complete(&h, "get new"), ["newdir/"]);
    h.session.lock().unwrap().as_mut().unwrap().rename("newdir", "pub/moved").unwrap();
    assert_eq!(complete(&h, "get new"), Vec::<String>::new());
    assert_eq!(complete(&h, "get pub/mo"), ["pub/moved/"]);
    // Relative paths are cached by their absolute name, whatever the working directory.
    h.session.lock().unwrap().as_mut().unwrap().cd("pub").unwrap();
    assert_eq!(complete(&h, "get mo"), ["moved/"]);
    assert_eq!(complete(&h, "get /pub/mo"), ["/pub/moved/"]);
}

#[test]
fn a_failing_listing_offers_nothing_and_keeps_the_session() {
    let srv = sample_server_with_my_dir();
    let h = helper(&srv);
    assert!(complete(&h, "get nosuch/dir/x").is_empty());
    let mut lent = h.session.lock().unwrap();
    let s = lent.as_mut().unwrap();
    assert!(s.is_logged_in());
    assert_eq!(s.pwd().unwrap(), "/");
}

#[test]
fn without_a_login_remote_completion_offers_nothing() {
    let h = ShellHelper::new(false);
    assert!(complete(&h, "get a").is_empty());
    *h.session.lock().unwrap() = Some(Session::default());
    assert!(complete(&h, "cd ").is_empty());
}

#[test]
fn command_names_choices_and_settings() {
    let h = ShellHelper::new(false);
    assert_eq!(complete(&h, "bin"), ["binary "]);
    assert_eq!(complete(&h, "he"), ["help "]);
    assert_eq!(complete(&h, "type a"), ["ascii "]);
    assert_eq!(complete(&h, "passive o"), ["off ", "on "]);
    assert_eq!(complete(&h, "set pr"), ["progress ", "prompt "]);
    assert_eq!(complete(&h, "help mk"), ["mkdir "]);
    assert!(complete(&h, "!ls ").is_empty(), "no completion inside a shell escape");
}

#[test]
fn local_arguments_complete_local_paths() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub dir")).unwrap();
    fs::write(dir.path().join("some file.txt"), "x").unwrap();
    fs::write(dir.path().join(".hidden"), "x").unwrap();
    let h = ShellHelper::new(false);
    let base = dir.path().display().to_string();
    let q = |s: &str| ftpsh::interp::lexer::quote_word(&format!("{base}/{s}"));
    assert_eq!(
        complete(&h, &format!("put {base}/s")),
        [format!("{} ", q("some file.txt")), format!("{}/", q("sub dir"))]
    );
    assert_eq!(complete(&h, &format!("lcd {base}/")), [format!("{}/", q("sub dir"))]);
    assert_eq!(complete(&h, &format!("put {base}/.h")), [format!("{} ", q(".hidden"))]);
    // The second argument of get is local.
    assert_eq!(complete(&h, &format!("get remote.txt {base}/su")), [format!("{}/", q("sub dir"))]);
}

#[test]
fn a_hanging_listing_gives_up_within_the_bound_and_reconnects_quietly() {
    // The server logs anyone in and then never answers a data command.
    let srv = scripted::start(Script::new().hang_on_data());
    let h = ShellHelper::new(false);
    *h.session.lock().unwrap() = Some(session(&srv.url()));
    h.timeout.set(Duration::from_millis(300));
    let start = Instant::now();
    // The word stays as typed while the listing goes on loading in the background.
    assert_eq!(complete(&h, "get a"), ["a"]);
    // Generous: this checks that Tab does not hang, not how fast it is.
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    let lent = h.session.lock().unwrap();
    let s = lent.as_ref().unwrap();
    assert!(s.is_logged_in(), "the session was re-established");
    assert_eq!(s.user(), Some("bob"));
    // One quiet reconnect, and (perhaps already) the background load's own session.
    let connections = srv.connections.load(Ordering::SeqCst);
    assert!(connections == 2 || connections == 3, "{connections}");
}

#[test]
fn flags_and_their_values_do_not_shift_the_arguments() {
    let srv = sample_server_with_my_dir();
    let h = helper(&srv);
    // `4` is the value of -P, not the REMOTE argument: the next word is still remote.
    assert_eq!(complete(&h, "get -P 4 my"), ["my\\ dir/", "my\\ notes.txt "]);
    assert_eq!(complete(&h, "get -rP 4 my"), ["my\\ dir/", "my\\ notes.txt "]);
    assert_eq!(complete(&h, "get --parallel=4 -c my"), ["my\\ dir/", "my\\ notes.txt "]);
    assert_eq!(complete(&h, "mget -P 2 -f pub/d"), ["pub/docs/"]);
    // After `--` a word starting with a dash is an argument, not a flag.
    assert!(complete(&h, "get -- -").is_empty());
    // The second argument of get is local again, after flags too.
    let local = tempfile::tempdir().unwrap();
    fs::create_dir(local.path().join("probe")).unwrap();
    let typed = format!("{}/pro", local.path().display());
    let expected = format!("{}/probe/", local.path().display());
    assert_eq!(complete(&h, &format!("get -P 4 my {typed}")), [expected]);
}

#[test]
fn flags_and_verbs_complete_from_the_table() {
    let h = ShellHelper::new(false);
    assert_eq!(complete(&h, "get --par"), ["--parallel "]);
    assert_eq!(complete(&h, "mirror --d"), ["--delete ", "--dry-run "]);
    assert_eq!(complete(&h, "ls --h"), ["--human "]);
    let ls = complete(&h, "ls -");
    assert!(["-h ", "--json ", "-l ", "--all "].iter().all(|f| ls.contains(&f.to_string())), "{ls:?}");
    assert_eq!(complete(&h, "bookmark "), ["add ", "del ", "delete ", "list ", "ls ", "rm "]);
    assert_eq!(complete(&h, "bookmark add -"), ["--password ", "-p "]);
    assert!(complete(&h, "pwd -").is_empty(), "pwd has no flags");
}
