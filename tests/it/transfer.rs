//! Transfers users can trust, against the in-process server: resume, append, newer, stdout,
//! verification, modification times, globs, recursion and parallel sessions. Batch commands run
//! in the real binary so each gets its own working directory.

use std::fs;
use std::time::{Duration, SystemTime};

use crate::support::harness::Harness;
use crate::support::sandbox::{Sandbox, stderr, stdout, tree};
use crate::support::scripted::{self, Script};
use crate::support::server::{self, TestServer};
use ftpsh::error::Error;

/// `ftpsh URL` with a script on stdin, in the sandbox's working directory.
fn ftpsh(dir: &Sandbox, url: &str, script: &str) -> std::process::Output {
    dir.ftpsh().arg(url).timeout(Duration::from_secs(60)).write_stdin(script.to_string()).output().unwrap()
}

#[test]
fn reget_completes_a_partial_download_byte_exact() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("data.bin");
    let whole = server::binary_pattern(server::SAMPLE_BIN_LEN);
    fs::write(local.path().join("data.bin.ftpsh.part"), &whole[..100_000]).unwrap();
    let mut h = Harness::connected(&srv);
    h.ok(&format!("reget data.bin {}", target.display()));
    assert_eq!(fs::read(&target).unwrap(), whole);
    assert!(!local.path().join("data.bin.ftpsh.part").exists());
    let summary = h.err.text();
    assert!(
        summary.contains("resumed at 93.7 KiB") && summary.contains("verified overlap, size and MD5"),
        "{summary}"
    );
    // `get -c` is the same; with nothing partial it simply downloads.
    h.ok(&format!("get -c -f hello.txt {}", local.path().join("hello.txt").display()));
    assert_eq!(fs::read_to_string(local.path().join("hello.txt")).unwrap(), "Hello, world!\n");
}

#[test]
fn a_partial_file_longer_than_the_remote_one_starts_over() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    fs::write(local.path().join("hello.txt.ftpsh.part"), vec![b'x'; 1000]).unwrap();
    let mut h = Harness::connected(&srv);
    h.ok(&format!("reget hello.txt {}", local.path().join("hello.txt").display()));
    assert_eq!(fs::read_to_string(local.path().join("hello.txt")).unwrap(), "Hello, world!\n");
}

#[test]
fn reput_and_put_c_continue_from_the_server_size() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let whole = server::binary_pattern(200_000);
    let file = local.path().join("big.bin");
    fs::write(&file, &whole).unwrap();
    fs::write(srv.path("upload/big.bin"), &whole[..50_000]).unwrap();
    let mut h = Harness::connected(&srv);
    h.ok(&format!("reput {} upload/big.bin", file.display()));
    assert_eq!(fs::read(srv.path("upload/big.bin")).unwrap(), whole);
    assert!(h.err.text().contains("resumed at"), "{}", h.err.text());
    fs::write(srv.path("upload/again.bin"), &whole[..1]).unwrap();
    h.ok(&format!("put -c {} upload/again.bin", file.display()));
    assert_eq!(fs::read(srv.path("upload/again.bin")).unwrap(), whole);
}

#[test]
fn append_adds_to_the_remote_file() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let more = local.path().join("more.txt");
    fs::write(&more, "Goodbye!\n").unwrap();
    let mut h = Harness::connected(&srv);
    h.ok(&format!("append {} hello.txt", more.display()));
    assert_eq!(fs::read_to_string(srv.path("hello.txt")).unwrap(), "Hello, world!\nGoodbye!\n");
}

#[test]
fn downloads_keep_the_server_modification_time_and_newer_uses_it() {
    let srv = TestServer::with_sample_tree();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    fs::File::options().write(true).open(srv.path("readme.txt")).unwrap().set_modified(old).unwrap();
    let local = tempfile::tempdir().unwrap();
    let copy = local.path().join("readme.txt");
    let mut h = Harness::connected(&srv);
    h.ok(&format!("get readme.txt {}", copy.display()));
    assert_eq!(fs::metadata(&copy).unwrap().modified().unwrap(), old);
    // Same time: up to date, nothing transferred.
    fs::write(&copy, "local edit").unwrap();
    fs::File::options().write(true).open(&copy).unwrap().set_modified(old).unwrap();
    h.ok(&format!("newer readme.txt {}", copy.display()));
    assert!(h.err.text().contains("is up to date"), "{}", h.err.text());
    assert_eq!(fs::read_to_string(&copy).unwrap(), "local edit");
    // Older local copy: replaced without asking.
    fs::File::options().write(true).open(&copy).unwrap().set_modified(old - Duration::from_secs(60)).unwrap();
    h.ok(&format!("newer readme.txt {}", copy.display()));
    assert_eq!(fs::read_to_string(&copy).unwrap(), server::README_TXT);
}

#[test]
fn get_to_stdout_writes_the_bytes_to_the_data_stream() {
    let srv = TestServer::with_sample_tree();
    let mut h = Harness::connected(&srv);
    h.ok("get pub/info.txt -");
    assert_eq!(h.out.text(), "public information\n");
}

#[test]
fn empty_and_large_files_round_trip() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    fs::write(local.path().join("empty"), b"").unwrap();
    let big: Vec<u8> = server::binary_pattern(5 * 1024 * 1024 + 7);
    fs::write(local.path().join("big"), &big).unwrap();
    let mut h = Harness::connected(&srv);
    for name in ["empty", "big"] {
        h.ok(&format!("put {} upload/{name}", local.path().join(name).display()));
        h.ok(&format!("get upload/{name} {}", local.path().join(format!("{name}.back")).display()));
        assert_eq!(
            fs::read(local.path().join(format!("{name}.back"))).unwrap(),
            fs::read(local.path().join(name)).unwrap()
        );
    }
    h.ok("ascii");
    h.ok(&format!("put {} upload/e.txt", local.path().join("empty").display()));
    assert_eq!(fs::read(srv.path("upload/e.txt")).unwrap(), b"");
}

/// With no checksum on offer, a binary download over plain TCP goes from the socket into its
/// partial file through the kernel (a pipe, on Linux): empty, one byte, bigger than the pipe, one
/// after another (the pipe used again), after a refused one and under a rate limit, each arrives
/// byte for byte, verified by its size, and leaves no partial file behind.
#[test]
fn downloads_moved_by_the_kernel_arrive_byte_for_byte() {
    let big = server::binary_pattern(3 * 1024 * 1024 + 12_345);
    let srv = scripted::start(
        Script::new()
            .file("big.bin", big.clone())
            .file("one.bin", b"1".to_vec())
            .file("empty.bin", Vec::new()),
    );
    let sandbox = Sandbox::new();
    let script = "get big.bin\nget one.bin\nget empty.bin\nget missing.bin\nget big.bin again.bin\n\
                  set rate-limit 30M\nget big.bin limited.bin\n";
    let out = sandbox.output(&["-k", &srv.url()], script);
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "missing.bin is not there: {err}");
    let fetched = [
        ("again.bin", &big[..]),
        ("big.bin", &big),
        ("empty.bin", b""),
        ("limited.bin", &big),
        ("one.bin", b"1"),
    ];
    let want: Vec<(String, Vec<u8>)> =
        fetched.iter().map(|(name, data)| (name.to_string(), data.to_vec())).collect();
    assert!(tree(&sandbox.work()) == want, "{err}");
    assert_eq!(err.matches(", verified size").count(), 5, "{err}");
}

/// With no checksum on offer, a binary upload over plain TCP is sent by the kernel from the file
/// (`sendfile`, on Linux): bigger than one call moves, empty, continued from the middle (`reput`
/// after its proven overlap, from the file's position) and under a rate limit, the server gets
/// each byte for byte.
#[test]
fn uploads_sent_by_the_kernel_arrive_byte_for_byte() {
    let big = server::binary_pattern(3 * 1024 * 1024 + 12_345);
    let srv = scripted::start(Script::new().file("half.bin", big[..1_000_000].to_vec()));
    let sandbox = Sandbox::new();
    fs::write(sandbox.work().join("big.bin"), &big).unwrap();
    fs::write(sandbox.work().join("empty.bin"), b"").unwrap();
    let script =
        "put big.bin\nput empty.bin\nreput big.bin half.bin\nset rate-limit 30M\nput big.bin limited.bin\n";
    let out = sandbox.output(&[&srv.url()], script);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("resumed at 976.6 KiB, verified overlap and size"), "{err}");
    for (name, want) in [("big.bin", &big[..]), ("empty.bin", b""), ("half.bin", &big), ("limited.bin", &big)]
    {
        assert_eq!(srv.file(name).as_deref(), Some(want), "{name}");
    }
}

/// A download cut off for carrying more than the server announced leaves bytes in the kernel's
/// pipe: the next download must get none of them.
#[test]
fn a_download_after_one_cut_off_gets_none_of_its_bytes() {
    let (big, small) = (server::binary_pattern(100_000), server::noise(20_000));
    let srv =
        scripted::start(Script::new().file("big.bin", big).file("small.bin", small.clone()).size_lie(30_000));
    let sandbox = Sandbox::new();
    let out = sandbox.output(&["-k", &srv.url()], "get big.bin\nget small.bin\n");
    let err = stderr(&out);
    assert!(err.contains("the server sent more than the 30000 bytes it announced"), "{err}");
    assert!(err.contains("received 20000 bytes, the server has 30000"), "{err}");
    assert_eq!(fs::read(sandbox.work().join("small.bin.ftpsh.part")).unwrap(), small);
}

#[test]
fn resuming_in_ascii_mode_is_refused() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let mut h = Harness::connected(&srv);
    h.ok("ascii");
    let e = h.fails(&format!("reget readme.txt {}", local.path().join("r").display()));
    assert!(matches!(e, Error::NeedsBinary), "{e:?}");
    assert!(e.to_string().contains("binary"), "{e}");
}

#[test]
fn mget_matches_globs_against_the_listing() {
    let srv = TestServer::with_sample_tree();
    for name in ["a1.log", "a2.log", "b1.log", "c.txt", ".hidden.log"] {
        fs::write(srv.path(&format!("upload/{name}")), name).unwrap();
    }
    let cases: [(&str, &[&str]); 4] = [
        ("upload/*.log", &["a1.log", "a2.log", "b1.log"]),
        ("upload/a?.log", &["a1.log", "a2.log"]),
        ("upload/[bc]*", &["b1.log", "c.txt"]),
        ("upload/{c.txt,a1.log}", &["a1.log", "c.txt"]),
    ];
    for (pattern, expected) in cases {
        let dir = Sandbox::new();
        let out = ftpsh(&dir, &srv.user_url(), &format!("mget {pattern}\n"));
        assert_eq!(out.status.code(), Some(0), "{pattern}: {}", stderr(&out));
        let mut got: Vec<String> = fs::read_dir(dir.work())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
        got.sort();
        assert_eq!(got, expected, "{pattern}");
        for name in expected {
            assert_eq!(fs::read_to_string(dir.work().join(name)).unwrap(), *name);
        }
    }
}

#[test]
fn mget_keeps_existing_files_unless_forced_and_reports_failures() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    fs::write(dir.work().join("hello.txt"), "mine").unwrap();
    let out = ftpsh(&dir, &srv.user_url(), "mget hello.txt readme.txt nothing*\n");
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("local file exists") && err.contains("nothing*: no match"), "{err}");
    assert_eq!(fs::read_to_string(dir.work().join("hello.txt")).unwrap(), "mine");
    assert_eq!(
        fs::read_to_string(dir.work().join("readme.txt")).unwrap(),
        server::README_TXT,
        "the others still ran"
    );
    let out = ftpsh(&dir, &srv.user_url(), "mget -f hello.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.work().join("hello.txt")).unwrap(), "Hello, world!\n");
}

#[test]
fn get_r_and_put_r_copy_whole_trees_with_empty_directories() {
    let srv = TestServer::with_sample_tree();
    fs::create_dir_all(srv.path("pub/empty/also-empty")).unwrap();
    let dir = Sandbox::new();
    for parallel in ["", "-P 3 "] {
        let out = ftpsh(&dir, &srv.user_url(), &format!("get -r {parallel}pub copy{}\n", parallel.len()));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            tree(&dir.work().join(format!("copy{}", parallel.len()))),
            tree(&srv.path("pub")),
            "{parallel}"
        );
    }
    let out = ftpsh(&dir, &srv.user_url(), "put -r -P 2 copy0 upload/back\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(tree(&srv.path("upload/back")), tree(&srv.path("pub")));
}

#[test]
fn parallel_mget_and_mput_move_every_file() {
    let srv = TestServer::with_sample_tree();
    fs::create_dir(srv.path("many")).unwrap();
    for i in 0..40 {
        fs::write(srv.path(&format!("many/f{i:02}.bin")), server::binary_pattern(1000 + i * 37)).unwrap();
    }
    let dir = Sandbox::new();
    let out = ftpsh(&dir, &srv.user_url(), "mget -P 4 many/*.bin\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("mget: 40 files"), "{}", stderr(&out));
    for i in 0..40 {
        let name = format!("f{i:02}.bin");
        assert_eq!(
            fs::read(dir.work().join(&name)).unwrap(),
            server::binary_pattern(1000 + i * 37),
            "{name}"
        );
    }
    let out = ftpsh(&dir, &srv.user_url(), "cd upload\nmput -P 3 f*.bin\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_dir(srv.path("upload")).unwrap().count(), 40);
}

#[test]
fn mget_r_includes_directories_and_without_r_skips_them() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = ftpsh(&dir, &srv.user_url(), "mget pub\n");
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let out = ftpsh(&dir, &srv.user_url(), "mget p* u*\n");
    assert!(stderr(&out).contains("a directory (use -r)"), "{}", stderr(&out));
    let out = ftpsh(&dir, &srv.user_url(), "mget -r p*\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.work().join("pub/docs/deep/leaf.txt")).unwrap(), "deep leaf\n");
}

#[test]
fn mdelete_removes_matching_files_only() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = ftpsh(&dir, &srv.user_url(), "mdelete *.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut left: Vec<String> =
        fs::read_dir(&srv.root).unwrap().flatten().map(|e| e.file_name().into_string().unwrap()).collect();
    left.sort();
    assert_eq!(left, ["data.bin", "pub", "upload"]);
}

#[test]
fn scripts_never_ask_and_settings_change_the_summary() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let out = ftpsh(&dir, &srv.user_url(), "prompt\nset confirm\nverbose off\nget hello.txt\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("mdelete: off (never in scripts)"), "{err}");
    assert_eq!(stdout(&out), "confirm = \"off\"\n");
    assert!(!err.contains("hello.txt -> hello.txt:"), "verbose off: no summary line: {err}");
}

#[cfg(unix)]
#[test]
fn put_r_and_mirror_r_do_not_follow_symbolic_links_inside_the_tree() {
    use std::os::unix::fs::symlink;
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    let site = dir.work().join("site");
    fs::create_dir_all(site.join("sub")).unwrap();
    fs::write(site.join("sub/real.txt"), "real").unwrap();
    fs::write(dir.root().join("secret.txt"), "outside the tree").unwrap();
    symlink(dir.root().join("secret.txt"), site.join("leak.txt")).unwrap();
    symlink(&site, site.join("sub/up")).unwrap(); // a loop, if it were followed
    let out = ftpsh(&dir, &srv.user_url(), "put -r site upload/site\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "skipped entries fail the batch, as for get -r: {err}");
    assert!(err.contains("put: skipping site/leak.txt: a symbolic link, not followed"), "{err}");
    assert!(err.contains("put: skipping site/sub/up: a symbolic link, not followed"), "{err}");
    assert_eq!(fs::read_to_string(srv.path("upload/site/sub/real.txt")).unwrap(), "real");
    assert!(!srv.path("upload/site/leak.txt").exists() && !srv.path("upload/site/sub/up").exists());
    let out = ftpsh(&dir, &srv.user_url(), "mirror -R site upload/mirrored\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("mirror: skipping leak.txt: a symbolic link, not followed"), "{err}");
    assert_eq!(fs::read_to_string(srv.path("upload/mirrored/sub/real.txt")).unwrap(), "real");
    assert!(!srv.path("upload/mirrored/leak.txt").exists());
}

/// A remote directory `d` whose names are each other's names plus `.part` (and a `.part` whose
/// base name is missing), with different contents and sizes so parallel jobs end in any order:
/// the big `x` finishes last.
fn part_lookalikes(srv: &TestServer) {
    fs::create_dir(srv.path("d")).unwrap();
    let files: [(&str, Vec<u8>); 5] = [
        ("x", server::binary_pattern(24 * 1024 * 1024)),
        ("x.part", b"I am x.part, not a piece of x".to_vec()),
        ("x.part.part", vec![b'p'; 70_000]),
        ("lone.part", b"no lone here".to_vec()),
        ("x.part.part.part", b"three".to_vec()),
    ];
    for (name, data) in files {
        fs::write(srv.path(&format!("d/{name}")), data).unwrap();
    }
}

#[test]
fn names_that_are_other_names_plus_part_all_arrive_intact_in_every_batch() {
    let srv = TestServer::with_sample_tree();
    part_lookalikes(&srv);
    let batches = [
        ("mget -P 2 d/*", ""),
        ("mget -P 5 d/*", ""),
        ("mget d/*", ""),
        ("get -r -P 2 d", "d"),
        ("get -r d", "d"),
        ("mirror -P 2 d m", "m"),
        ("mirror -P 3 d m", "m"),
        ("mget -P 2 -r d/", "d"),
    ];
    for (command, into) in batches {
        let dir = Sandbox::new();
        let out = ftpsh(&dir, &srv.user_url(), &format!("{command}\n"));
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        let got = tree(&dir.work().join(into));
        assert_eq!(got, tree(&srv.path("d")), "{command}: every name holds its own content, nothing else");
        // A second mirror finds nothing to do: every local name is compared, `.part` ones too.
        if command.starts_with("mirror") {
            let out = ftpsh(&dir, &srv.user_url(), &format!("{command}\n"));
            assert!(stderr(&out).contains("mirror: 0 copied"), "{command}: {}", stderr(&out));
        }
    }
}

#[test]
fn the_users_own_part_file_is_never_touched_by_a_download_of_its_base_name() {
    let srv = TestServer::with_sample_tree();
    fs::write(srv.path("notes"), "the server's notes, longer than the local part file").unwrap();
    let scripts = [
        "get notes\n",
        "get -f notes\n",
        "get -c notes\n",
        "reget notes\n",
        "mget notes\n",
        "mget -c -P 2 notes hello.txt\n",
        "mirror -c -i notes . .\n",
        "newer notes\n",
        "get missing-file notes\n",
    ];
    for script in scripts {
        let dir = Sandbox::new();
        fs::write(dir.work().join("notes.part"), "my own notes").unwrap();
        let out = ftpsh(&dir, &srv.user_url(), script);
        assert_eq!(
            fs::read_to_string(dir.work().join("notes.part")).unwrap(),
            "my own notes",
            "{script}: {}",
            stderr(&out)
        );
        if let Ok(got) = fs::read_to_string(dir.work().join("notes")) {
            assert_eq!(got, "the server's notes, longer than the local part file", "{script}");
        }
    }
}

#[test]
fn a_remote_x_part_is_never_taken_for_a_partial_download_of_x() {
    // x.part on the server is a piece of x (an upload in progress): a copy of it lies locally.
    let srv = TestServer::with_sample_tree();
    let whole = server::binary_pattern(200_000);
    fs::write(srv.path("x"), &whole).unwrap();
    fs::write(srv.path("x.part"), &whole[..120_000]).unwrap();
    for script in ["get -c x\n", "reget x\n", "mget -c -P 2 x hello.txt\n", "mirror -c . m\n"] {
        let dir = Sandbox::new();
        let into = if script.starts_with("mirror") { dir.work().join("m") } else { dir.work() };
        fs::create_dir_all(&into).unwrap();
        fs::write(into.join("x.part"), &whole[..120_000]).unwrap();
        let out = ftpsh(&dir, &srv.user_url(), script);
        assert_eq!(out.status.code(), Some(0), "{script}: {}", stderr(&out));
        assert_eq!(fs::read(into.join("x")).unwrap(), whole, "{script}");
        assert_eq!(
            fs::read(into.join("x.part")).unwrap(),
            &whole[..120_000],
            "{script}: the copy of x.part stays"
        );
    }
}

#[test]
fn names_ending_in_the_partial_suffix_are_refused_as_local_names() {
    let srv = TestServer::with_sample_tree();
    fs::write(srv.path("upload/a"), "a").unwrap();
    fs::write(srv.path("upload/a.ftpsh.part"), "pretends to be a partial download of a").unwrap();
    let singles = ["get upload/a.ftpsh.part", "get upload/a b.ftpsh.part", "get -f upload/a x.ftpsh.part"];
    for script in singles {
        let dir = Sandbox::new();
        let out = ftpsh(&dir, &srv.user_url(), &format!("{script}\n"));
        assert_eq!(out.status.code(), Some(2), "{script}: {}", stderr(&out));
        assert!(stderr(&out).contains("kept for partial downloads"), "{script}: {}", stderr(&out));
        assert!(tree(&dir.work()).is_empty(), "{script}: {:?}", tree(&dir.work()));
    }
    let batches = [("mget -P 2 upload/*", "a"), ("get -r upload", "upload/a"), ("mirror upload m", "m/a")];
    for (script, a) in batches {
        let dir = Sandbox::new();
        let out = ftpsh(&dir, &srv.user_url(), &format!("{script}\n"));
        assert_eq!(out.status.code(), Some(8), "{script}: {}", stderr(&out));
        assert!(stderr(&out).contains("a.ftpsh.part: error: refusing"), "{script}: {}", stderr(&out));
        assert_eq!(fs::read_to_string(dir.work().join(a)).unwrap(), "a", "{script}: the others still ran");
        let names: Vec<String> = tree(&dir.work()).into_iter().map(|(name, _)| name).collect();
        assert!(names.iter().all(|name| !name.ends_with(".ftpsh.part")), "{script}: {names:?}");
    }
}

#[test]
fn two_remote_files_for_one_local_name_fetch_the_first_and_fail_the_second() {
    let srv = TestServer::with_sample_tree();
    for (d, data) in [("d1", server::binary_pattern(3_000_000)), ("d2", vec![b'2'; 10])] {
        fs::create_dir(srv.path(d)).unwrap();
        fs::write(srv.path(&format!("{d}/same.bin")), data).unwrap();
    }
    for parallel in ["", "-P 2 ", "-f -P 2 "] {
        let dir = Sandbox::new();
        let out = ftpsh(&dir, &srv.user_url(), &format!("mget {parallel}d1/same.bin d2/same.bin\n"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(8), "{parallel}: {err}");
        assert!(err.contains("mget: d2/same.bin: error") && err.contains("d1/same.bin"), "{parallel}: {err}");
        assert_eq!(fs::read(dir.work().join("same.bin")).unwrap(), server::binary_pattern(3_000_000));
        assert_eq!(tree(&dir.work()).len(), 1, "{parallel}: {:?}", tree(&dir.work()));
    }
    // The same remote file matched twice is fetched once, and that is no failure.
    let dir = Sandbox::new();
    let out = ftpsh(&dir, &srv.user_url(), "mget -P 2 d1/same.bin d1/s* d1/*.bin\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("mget: 1 file,"), "{}", stderr(&out));
}

#[test]
fn mirror_copies_local_files_named_part_like_any_other() {
    let srv = TestServer::with_sample_tree();
    let dir = Sandbox::new();
    fs::create_dir(dir.work().join("site")).unwrap();
    fs::write(dir.work().join("site/draft.part"), "a user's file that happens to end in .part").unwrap();
    let out = ftpsh(&dir, &srv.user_url(), "mirror -R site upload/site\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(tree(&srv.path("upload/site")), tree(&dir.work().join("site")));
    let out = ftpsh(&dir, &srv.user_url(), "mirror --delete upload/site site\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("mirror: 0 copied"), "{}", stderr(&out));
}
