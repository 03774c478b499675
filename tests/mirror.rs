//! `mirror` through the real binary against the in-process server: both directions, second runs
//! that copy nothing, changes with and without --delete, dry runs, refused deletions, resuming.

mod support;

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use support::sandbox::{Sandbox, tree};
use support::scripted::{self, Script};
use support::server::{self, TestServer};

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
