//! `mirror` through the real binary against the in-process server: both directions, second runs
//! that copy nothing, changes with and without --delete, dry runs, refused deletions, resuming.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::support::sandbox::{Sandbox, tree};
use crate::support::scripted::{self, Script, Tree};
use crate::support::server::{self, TestServer};

fn mtime(p: &Path) -> u64 {
    fs::metadata(p).unwrap().modified().unwrap().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs()
}

#[test]
fn mirror_copies_a_tree_with_times_and_a_second_run_copies_nothing() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror -P 3 pub copy\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(tree(&sb.work().join("copy")), tree(&srv.path("pub")));
    let leaf = "docs/deep/leaf.txt";
    assert_eq!(mtime(&sb.work().join("copy").join(leaf)), mtime(&srv.path("pub").join(leaf)));
    assert!(err.contains("mirror: 3 copied (3 new, 0 updated;"), "{err}");
    assert!(!err.contains("no MLSD"), "libunftp has MLSD: {err}");
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror pub copy\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("mirror: 0 copied (0 new, 0 updated; 0 B), 3 unchanged, 0 deleted, 0 failed"),
        "{err}"
    );
}

#[test]
fn changes_additions_and_removals_with_and_without_delete() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    assert_eq!(sb.run(&[&srv.user_url()], "mirror pub copy\n").0, 0);
    fs::write(srv.path("pub/info.txt"), "changed, and longer than before\n").unwrap();
    fs::write(srv.path("pub/added.txt"), "new\n").unwrap();
    fs::remove_file(srv.path("pub/docs/manual.txt")).unwrap();
    let (code, out, err) = sb.run(&[&srv.user_url()], "mirror --dry-run --delete pub copy\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("new    added.txt")
            && out.contains("update info.txt")
            && out.contains("delete docs/manual.txt"),
        "{out}"
    );
    assert!(sb.work().join("copy/docs/manual.txt").exists(), "a dry run changes nothing");
    assert!(!sb.work().join("copy/added.txt").exists());
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror pub copy\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(sb.work().join("copy/info.txt")).unwrap(),
        "changed, and longer than before\n"
    );
    assert!(sb.work().join("copy/docs/manual.txt").exists(), "kept without --delete");
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror --delete pub copy\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(tree(&sb.work().join("copy")), tree(&srv.path("pub")));
}

#[test]
fn delete_never_runs_on_a_failed_or_empty_source() {
    let srv = TestServer::with_sample_tree();
    fs::create_dir(srv.path("empty")).unwrap();
    let sb = Sandbox::new();
    assert_eq!(sb.run(&[&srv.user_url()], "mirror pub copy\n").0, 0);
    let before = tree(&sb.work().join("copy"));
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror --delete no-such-dir copy\n");
    assert_ne!(code, 0, "{err}");
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror --delete empty copy\n");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("refusing: --delete: the source is empty"), "{err}");
    assert_eq!(tree(&sb.work().join("copy")), before);
}

#[test]
fn reverse_mirror_uploads_and_then_has_nothing_to_do() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let local = sb.work().join("site");
    fs::create_dir_all(local.join("a/b")).unwrap();
    fs::create_dir_all(local.join("empty")).unwrap();
    fs::write(local.join("index.html"), "<h1>hi</h1>\n").unwrap();
    fs::write(local.join("a/b/deep.bin"), server::binary_pattern(70_000)).unwrap();
    fs::write(local.join("a/skip.tmp"), "x").unwrap();
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror -R -x '*.tmp' -P 2 site upload/site\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(srv.path("upload/site/a/b/deep.bin")).unwrap(), server::binary_pattern(70_000));
    assert!(srv.path("upload/site/empty").is_dir());
    assert!(!srv.path("upload/site/a/skip.tmp").exists(), "excluded");
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror -R -x '*.tmp' site upload/site\n");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("mirror: 0 copied"), "{err}");
}

#[test]
fn reverse_mirror_keeps_times_with_mfmt_and_says_when_it_cannot() {
    let sb = Sandbox::new();
    let site = sb.work().join("site");
    fs::create_dir(&site).unwrap();
    fs::write(site.join("a.txt"), "A").unwrap();
    let then = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    fs::File::options().write(true).open(site.join("a.txt")).unwrap().set_modified(then).unwrap();
    let srv = scripted::start(Script::new().mfmt());
    let (code, _, err) = sb.run(&[&srv.url()], "mirror -R site .\n");
    assert_eq!(code, 0, "{err}");
    assert!(srv.commands().iter().any(|c| c == "MFMT 20200913122640 /a.txt"), "{:?}", srv.commands());
    assert!(!err.contains("cannot set modification times"), "{err}");
    let libunftp = TestServer::start();
    let (code, _, err) = sb.run(&[&libunftp.user_url()], "mirror -R site upload\n");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cannot set modification times (no MFMT, no SITE UTIME): 1 uploaded"), "{err}");
}

#[test]
fn an_interrupted_mirror_resumes_with_continue() {
    let data = server::binary_pattern(400_000);
    let srv = scripted::start(Script::new().file("data.bin", data.clone()).file("small.txt", "s"));
    let sb = Sandbox::new();
    fs::create_dir(sb.work().join("copy")).unwrap();
    fs::write(sb.work().join("copy/data.bin.ftpsh.part"), &data[..150_000]).unwrap();
    let (code, _, err) = sb.run(&[&srv.url()], "mirror -c . copy\n");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("times from its LIST are taken as UTC"), "says what it assumed: {err}");
    assert_eq!(fs::read(sb.work().join("copy/data.bin")).unwrap(), data);
    assert!(!sb.work().join("copy/data.bin.ftpsh.part").exists());
    assert!(
        srv.commands().iter().any(|c| c == "REST 145904"),
        "resumed, not restarted: {:?}",
        srv.commands()
    );
}

#[test]
fn include_and_only_newer() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror -i '*.txt' -i 'docs' . all\n");
    assert_eq!(code, 0, "{err}");
    assert!(sb.work().join("all/readme.txt").exists() && !sb.work().join("all/data.bin").exists());
    // An older source file does not replace a newer target with --only-newer.
    fs::write(sb.work().join("all/readme.txt"), "local, newer").unwrap();
    let (code, _, err) = sb.run(&[&srv.user_url()], "mirror -n -i '*.txt' . all\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(sb.work().join("all/readme.txt")).unwrap(), "local, newer");
}

#[test]
fn one_shot_mirror_both_ways() {
    let srv = TestServer::with_sample_tree();
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&["mirror", "-P", "2", &format!("{}/pub", srv.user_url()), "dest"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(tree(&sb.work().join("dest")), tree(&srv.path("pub")));
    let (code, _, err) = sb.run(&["mirror", "-R", "dest", &format!("{}/upload/back", srv.user_url())], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(tree(&srv.path("upload/back")), tree(&srv.path("pub")));
    let (code, _, _) = sb.run(&["mirror", "dest", "other"], "");
    assert_eq!(code, 2, "a URL is needed");
}

const KEEP: &str = "-rw-r--r-- 1 u g 4 Jan 01 2024 keep.txt";
const A_TXT: &str = "-rw-r--r-- 1 u g 1 Jan 01 2024 a.txt";
const B_TXT: &str = "-rw-r--r-- 1 u g 1 Jan 01 2024 b.txt";
const LS_ERROR: &str = "ls: cannot access '/pub/sub/b.txt': No such file or directory";
const ODD_DATE: &str = "-rw-r--r-- 1 u g 1 ??? 99 b.txt";

/// `/pub` holds `keep.txt` and `sub/` (in MLSD when `mlsd`); `/pub/sub` is listed as `by_path`
/// says when asked by its path and as `inside` says from inside (`None`: it cannot be entered).
fn pub_tree(path: &str, mlsd: bool, by_path: &[&str], inside: Option<&[&str]>) -> Option<Vec<String>> {
    let owned = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect();
    match path {
        "/" => Some(Vec::new()),
        "/pub" if mlsd => Some(owned(&["type=dir; sub", "type=file;size=4; keep.txt"])),
        "/pub" => Some(owned(&["drwxr-xr-x 1 u g 0 Jan 01 2024 sub", KEEP])),
        "/pub/sub" => inside.map(owned),
        "/pub/sub by path" => Some(owned(by_path)),
        _ => None,
    }
}

/// [`pub_tree`] as the scripted server asks: by path, or from inside.
fn ask(path: &str, from_inside: bool, answer: impl Fn(&str) -> Option<Vec<String>>) -> Option<Vec<String>> {
    if from_inside || path != "/pub/sub" { answer(path) } else { answer("/pub/sub by path") }
}

#[test]
fn mirror_delete_deletes_nothing_in_a_directory_whose_listing_it_did_not_fully_understand() {
    let cases: [(&str, Tree, bool, i32, bool); 7] = [
        (
            "an ls error in the listing",
            |p, i| ask(p, i, |p| pub_tree(p, false, &[A_TXT, LS_ERROR], Some(&[A_TXT, LS_ERROR]))),
            false,
            8,
            true,
        ),
        (
            "a date in no known form",
            |p, i| ask(p, i, |p| pub_tree(p, false, &[A_TXT, ODD_DATE], Some(&[A_TXT, ODD_DATE]))),
            false,
            8,
            true,
        ),
        (
            "MLSD without a type",
            |p, i| ask(p, i, |p| pub_tree(p, true, &[], Some(&["type=file;size=1; a.txt", "size=1; b.txt"]))),
            true,
            8,
            true,
        ),
        (
            "MLSD with a size that is no number",
            |p, i| {
                ask(p, i, |p| {
                    pub_tree(p, true, &[], Some(&["type=file;size=1; a.txt", "type=file;size=1x; b.txt"]))
                })
            },
            true,
            8,
            true,
        ),
        (
            "empty by path, whole from inside",
            |p, i| ask(p, i, |p| pub_tree(p, false, &[], Some(&[A_TXT, B_TXT]))),
            false,
            0,
            true,
        ),
        (
            "empty by path, and it cannot be entered",
            |p, i| ask(p, i, |p| pub_tree(p, false, &[], None)),
            false,
            8,
            true,
        ),
        (
            "a total line is known noise",
            |p, i| ask(p, i, |p| pub_tree(p, false, &["total 0", A_TXT], Some(&["total 0", A_TXT]))),
            false,
            0,
            false,
        ),
    ];
    for (case, listing, mlsd, code, kept) in cases {
        let script = Script::new().tree(listing).file("pub/keep.txt", "keep").file("pub/sub/a.txt", "a");
        let srv = scripted::start(if mlsd { script.mlsd() } else { script });
        let sb = Sandbox::new();
        let copy = sb.work().join("copy");
        fs::create_dir_all(copy.join("sub")).unwrap();
        for (name, data) in [("keep.txt", "keep"), ("sub/a.txt", "a"), ("sub/b.txt", "b")] {
            fs::write(copy.join(name), data).unwrap();
        }
        let (got, _, err) = sb.run(&[&srv.url()], "mirror --delete pub copy\n");
        assert_eq!(got, code, "{case}: {err}");
        assert_eq!(copy.join("sub/b.txt").exists(), kept, "{case}: {err}");
        assert!(copy.join("sub/a.txt").exists() && copy.join("keep.txt").exists(), "{case}: {err}");
        if code == 8 {
            assert!(
                err.contains("error: 1 directory not read completely (nothing was deleted inside)"),
                "{case}: {err}"
            );
            assert!(err.contains("mirror: skipping sub: "), "{case}: {err}");
        }
    }
}

/// `/pub/sub` holds `a.txt` and a line of no known form.
fn partly_understood(path: &str, _: bool) -> Option<Vec<String>> {
    pub_tree(path, false, &[], Some(&[A_TXT, "b.txt"]))
}

#[test]
fn reverse_mirror_delete_deletes_nothing_in_a_remote_directory_it_did_not_fully_understand() {
    let srv = scripted::start(Script::new().tree(partly_understood));
    let sb = Sandbox::new();
    fs::create_dir(sb.work().join("site")).unwrap();
    fs::write(sb.work().join("site/keep.txt"), "keep").unwrap();
    let (code, out, err) = sb.run(&[&srv.url()], "mirror -R --delete --dry-run site pub\n");
    assert_eq!(code, 8, "{err}");
    assert!(out.contains(" 0 to delete; nothing changed)"), "{out}");
    let (code, _, err) = sb.run(&[&srv.url()], "mirror -R --delete site pub\n");
    assert_eq!(code, 8, "{err}");
    let removals: Vec<String> =
        srv.commands().into_iter().filter(|c| c.starts_with("DELE") || c.starts_with("RMD")).collect();
    assert!(removals.is_empty(), "{removals:?}");
}
