//! Trees and listings a server makes up: directories that list themselves, trees without end or
//! of great fan-out, listings ftpsh cannot read (error text passed off as a listing, an empty
//! listing of a directory it cannot enter, lines of no known dialect), and listings of millions
//! of tiny lines read under a bounded address space. The real `ftpsh` against the scripted
//! server.

use std::fs;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::support::sandbox::{Sandbox, stderr, stdout, tree};
use crate::support::scripted::{self, Script, ScriptedServer, Tree, dir_line, file_line};
use ftpsh::transfer::walk::MAX_DEPTH;

/// The listing commands the server received (LIST, MLSD, NLST).
fn listings(srv: &ScriptedServer) -> Vec<String> {
    let listing = |c: &String| ["LIST", "MLSD", "NLST"].iter().any(|v| c.starts_with(v));
    srv.commands().into_iter().filter(listing).collect()
}

/// Under `/a`, every directory lists a directory `a` and a file `f`: a directory inside itself.
fn inside_itself(path: &str, _: bool) -> Option<Vec<String>> {
    (path == "/a" || path.starts_with("/a/")).then(|| vec![dir_line("a"), file_line("f", 1)])
}

/// Under `/a`, `b` holds only `c`, which lists what `/a` lists: a link to its grandparent shown
/// as a directory.
fn to_the_grandparent(path: &str, _: bool) -> Option<Vec<String>> {
    let depth = path.matches('/').count();
    let lines = if depth % 2 == 1 { vec![dir_line("b"), file_line("f", 1)] } else { vec![dir_line("c")] };
    path.starts_with("/a").then_some(lines)
}

/// MLSD: `/a` and everything below it list `a` itself, and names that are `.`, `..` or the
/// same directory written with `/./`, `//` and trailing slashes.
fn inside_itself_mlsd(path: &str, _: bool) -> Option<Vec<String>> {
    let names = ["a", ".", "..", "./", "a/", "a/.", "./a", "a//", "/", "//"];
    let dirs = names.iter().map(|n| format!("type=dir;modify=20240101000000; {n}"));
    let mut lines = vec!["type=cdir; /a".to_string(), "type=pdir; /".to_string()];
    lines.extend(dirs.chain(["type=file;size=1;modify=20240101000000; f".to_string()]));
    path.starts_with("/a").then_some(lines)
}

#[test]
fn get_r_stops_at_a_directory_that_lists_itself_and_copies_the_rest() {
    let cases: [(&str, Script, &str); 4] = [
        ("inside itself", Script::new().tree(inside_itself), "a/a"),
        (
            "the same listing whatever the path",
            Script::new().list_lines(&[dir_line("a"), file_line("f", 1)]),
            "a/a",
        ),
        ("a link to the grandparent", Script::new().tree(to_the_grandparent), "a/b/c"),
        ("MLSD with /./, // and trailing slashes", Script::new().mlsd().tree(inside_itself_mlsd), "a/a"),
    ];
    for (case, script, looping) in cases {
        let srv = scripted::start(script.file("a/f", "F"));
        let sandbox = Sandbox::new();
        let start = Instant::now();
        let out = sandbox.output(&[&srv.url()], "get -r a\n");
        let err = stderr(&out);
        assert!(start.elapsed() < Duration::from_secs(10), "{case}: {:?}", start.elapsed());
        assert_eq!(out.status.code(), Some(8), "{case}: {err}");
        let note = format!("get: skipping {looping}: lists the same as the root above it (a loop); not read");
        assert!(err.contains(&note), "{case}: {err}");
        assert_eq!(
            fs::read_to_string(sandbox.work().join("a/f")).unwrap(),
            "F",
            "{case}: the rest is copied"
        );
        let asked = listings(&srv);
        assert!(asked.len() <= 3, "{case}: {asked:?}");
        assert!(
            asked.iter().all(|c| !c.contains("/./") && !c.contains("//") && !c.ends_with('/')),
            "{asked:?}"
        );
    }
}

/// Under `/t`, every directory holds a directory `d` (shown with as many bytes as it is deep,
/// so that no two listings are alike) without end; the root and the directory [`MAX_DEPTH`]
/// levels down hold a file `f` too.
fn endless(path: &str, _: bool) -> Option<Vec<String>> {
    let depth = path.matches("/d").count();
    let mut lines = vec![format!("drwxr-xr-x 1 u g {depth} Jan 01 2024 d")];
    lines.extend([0, MAX_DEPTH].contains(&depth).then(|| file_line("f", depth)));
    path.starts_with("/t").then_some(lines)
}

/// [`endless`], but the directory [`MAX_DEPTH`] levels down holds only its file.
fn deep_but_finite(path: &str, inside: bool) -> Option<Vec<String>> {
    let mut lines = endless(path, inside)?;
    if path.matches("/d").count() == MAX_DEPTH {
        lines.remove(0);
    }
    Some(lines)
}

/// A server of the tree `tree` with the files of [`endless`].
fn deep_server(tree: Tree) -> ScriptedServer {
    let deepest = format!("t/{}f", "d/".repeat(MAX_DEPTH));
    scripted::start(Script::new().tree(tree).file("t/f", "").file(&deepest, "x".repeat(MAX_DEPTH)))
}

/// The files and how many directories deep the copy of a [`deep_server`] tree goes.
fn copied_depths(sandbox: &Sandbox) -> (Vec<String>, usize) {
    let all = tree(&sandbox.work().join("t"));
    let files = all.iter().filter(|(p, _)| !p.ends_with('/')).map(|(p, _)| p.clone()).collect();
    let deepest = all.iter().filter(|(p, _)| p.ends_with('/')).map(|(p, _)| p.matches('/').count());
    (files, deepest.max().unwrap_or(0))
}

#[test]
fn a_deep_tree_is_copied_to_the_depth_bound_and_what_is_below_it_reported() {
    let files = vec![format!("{}f", "d/".repeat(MAX_DEPTH)), "f".to_string()];
    let srv = deep_server(deep_but_finite);
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get -r t\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(copied_depths(&sandbox), (files.clone(), MAX_DEPTH));

    let srv = deep_server(endless);
    let sandbox = Sandbox::new();
    let start = Instant::now();
    let out = sandbox.output(&[&srv.url()], "get -r t\n");
    let err = stderr(&out);
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    assert_eq!(out.status.code(), Some(8), "{err}");
    let below = ["d"; MAX_DEPTH + 1].join("/");
    assert!(
        err.contains(&format!("t/{below}: more than {MAX_DEPTH} levels below the root; not read")),
        "{err}"
    );
    assert_eq!(copied_depths(&sandbox), (files, MAX_DEPTH + 1), "the rest is copied");
    assert_eq!(listings(&srv).len(), MAX_DEPTH + 1);
}

#[test]
fn a_server_that_lists_the_same_everywhere_with_a_great_fan_out_is_read_once_per_directory() {
    let mut lines: Vec<String> = (0..300).map(|i| dir_line(&format!("d{i:03}"))).collect();
    lines.push(file_line("f", 1));
    let srv = scripted::start(Script::new().list_lines(&lines).file("top/f", "F"));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "get -r top\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert_eq!(err.matches("(a loop); not read").count(), 300, "{err}");
    assert_eq!(fs::read_to_string(sandbox.work().join("top/f")).unwrap(), "F");
    assert_eq!(listings(&srv).len(), 301, "the top directory and each of its 300 once");
}

/// `/x` is listed as `ls` error text and cannot be entered; `/gone` is listed as nothing and
/// cannot be entered; `/z` and `/my docs` are listed as `ls` errors by path (a server that hands
/// the path to `ls`, split at blanks) and properly from inside.
fn unreadable(path: &str, inside: bool) -> Option<Vec<String>> {
    let ls_error = |p: &str| format!("ls: cannot access '{p}': No such file or directory");
    match (path, inside) {
        ("/", _) => Some(Vec::new()),
        ("/x", false) => Some(vec![ls_error("/x")]),
        ("/gone", false) => Some(Vec::new()),
        ("/z", false) => Some(vec![ls_error("/z")]),
        ("/my docs", false) => Some(vec![ls_error("/my"), ls_error("docs")]),
        ("/z" | "/my docs", true) => Some(vec![file_line("a.txt", 1)]),
        _ => None,
    }
}

#[test]
fn get_r_of_a_listing_it_cannot_read_is_an_error_never_zero_files() {
    let srv = scripted::start(Script::new().tree(unreadable).file("my docs/a.txt", "A").file("z/a.txt", "A"));
    let sandbox = Sandbox::new();
    for (root, says) in [
        ("x", "1 line of the listing not understood (the first: 'ls: cannot access '/x': No such file"),
        ("gone", "550 no such directory"),
    ] {
        let out = sandbox.output(&[&srv.url()], &format!("get -r {root}\n"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(8), "{root}: {err}");
        assert!(err.contains(&format!("get: skipping {root}: {says}")), "{root}: {err}");
    }
    // Listed from inside, after the listing by path or (a space in the name) instead of it,
    // both are read after all, and the session is back where it was.
    for root in ["z", "my docs"] {
        let out = sandbox.output(&[&srv.url()], &format!("get -r '{root}'\npwd\n"));
        assert_eq!(out.status.code(), Some(0), "{root}: {}", stderr(&out));
        assert_eq!(fs::read_to_string(sandbox.work().join(root).join("a.txt")).unwrap(), "A", "{root}");
        assert!(srv.commands().contains(&format!("CWD /{root}")), "{root}: {:?}", srv.commands());
        assert_eq!(stdout(&out), "/\n", "{root}: back where it was");
    }
    assert!(!listings(&srv).contains(&"LIST /my docs".to_string()), "{:?}", listings(&srv));
}

#[test]
fn mget_reports_a_listing_it_understood_only_in_part() {
    let lines = [file_line("ok.txt", 2), "ls: ./hidden.txt: Permission denied".to_string()];
    let srv = scripted::start(Script::new().list_lines(&lines).file("ok.txt", "ok"));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&[&srv.url()], "mget *\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("mget: skipping .: 1 line of the listing not understood (the first: 'ls: ./hidden.txt: Permission denied'); files there may be missing"), "{err}");
    assert_eq!(fs::read_to_string(sandbox.work().join("ok.txt")).unwrap(), "ok");
}

/// Runs `ftpsh ARGS URL` with `script` on stdin and its address space limited to `mib` MiB.
fn run_limited(sandbox: &Sandbox, srv: &ScriptedServer, mib: usize, args: &[&str], script: &str) -> Output {
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c").arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", mib << 10));
    cmd.arg(env!("CARGO_BIN_EXE_ftpsh")).args(args).arg(srv.url());
    sandbox.setup(&mut cmd);
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(Duration::from_secs(60)).write_stdin(script.to_string()).output().unwrap()
}

/// A listing of `mib` MiB of two-byte lines (`a` and LF): half as many mebi-lines, each of them
/// 56 bytes of memory as a string, 170 or so as a parsed line.
fn tiny_lines(mib: usize) -> ScriptedServer {
    scripted::start(Script::new().huge_listing("a", mib << 20))
}

#[test]
fn listings_of_millions_of_tiny_lines_are_printed_as_they_come() {
    // 2 Mi lines: 112 MiB as strings, and ftpsh may use 64 MiB of address space.
    let srv = tiny_lines(4);
    let sandbox = Sandbox::new();
    for command in ["nlist", "dir", "ls"] {
        let out = run_limited(&sandbox, &srv, 64, &[], &format!("{command}\n"));
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        assert_eq!(out.stdout.len(), 4 << 20, "{command}");
        assert!(out.stdout.chunks(2).all(|l| l == b"a\n"), "{command}");
    }
}

#[test]
fn listings_of_millions_of_tiny_lines_are_held_within_the_memory_bound() {
    // Only counted, the lines not understood take no memory: 2 Mi lines in 64 MiB.
    let srv = tiny_lines(4);
    let sandbox = Sandbox::new();
    let out = run_limited(&sandbox, &srv, 64, &[], "mget *\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("2097152 lines of the listing not understood (the first: 'a')"), "{err}");
    assert!(out.stdout.is_empty());
    // `ls --json` gives each as a raw record as it comes, holding none of them.
    let out = run_limited(&sandbox, &srv, 64, &[], "ls --json\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("ls: 2097152 lines of the listing not understood, given as raw lines"), "{err}");
    let records = stdout(&out);
    assert_eq!(records.lines().count(), 2097152);
    assert!(records.lines().all(|l| l == r#"{"raw":"a"}"#));
    // Kept to be shown, 6 Mi lines would need about a GiB: ftpsh stops at its bound.
    let srv = tiny_lines(12);
    let out = run_limited(&sandbox, &srv, 512, &["--color", "always"], "ls\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("the listing would take more than 256 MiB of memory; not reading more"), "{err}");
}
