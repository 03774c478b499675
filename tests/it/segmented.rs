//! Segmented downloads (`pget -n N`, `get -n N`): the exact bytes for any number of segments, a
//! resume that keeps only proven bytes, and the fallback to one connection when the server
//! refuses or ignores REST; never a corrupt file under the final name.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::harness::Harness;
use crate::support::scripted::{self, Checksum, Fault, Script};
use crate::support::server::{TestServer, noise};

const LEN: usize = 1 << 20;

fn part(local: &Path) -> PathBuf {
    local.with_file_name(format!("{}.ftpsh.part", local.file_name().unwrap().to_string_lossy()))
}

fn record(local: &Path) -> PathBuf {
    part(&part(local))
}

/// The ranges a record holds: (start, end, bytes written: proven or pending).
fn ranges(local: &Path) -> Vec<(u64, u64, u64)> {
    let text = fs::read_to_string(record(local)).unwrap();
    let nums = |l: &str| l.split(' ').take(4).map(|w| w.parse().unwrap()).collect::<Vec<u64>>();
    text.lines().skip(2).map(nums).map(|v| (v[0], v[1], v[2] + v[3])).collect()
}

fn flip(path: &Path, at: u64) {
    let mut bytes = fs::read(path).unwrap();
    bytes[at as usize] ^= 0xff;
    fs::write(path, bytes).unwrap();
}

#[test]
fn pget_and_get_n_fetch_the_exact_bytes_for_any_number_of_segments() {
    let srv = TestServer::start();
    let data = noise(LEN + 12_345);
    fs::write(srv.path("big.bin"), &data).unwrap();
    let local = tempfile::tempdir().unwrap();
    let mut h = Harness::connected(&srv);
    for (i, line) in
        ["pget -n 2", "pget -n 3", "pget -n 7", "pget -n 64", "pget", "get -n 4"].iter().enumerate()
    {
        let target = local.path().join(format!("b{i}.bin"));
        h.ok(&format!("{line} big.bin {}", target.display()));
        assert!(fs::read(&target).unwrap() == data, "{line}: the bytes differ");
        assert!(!part(&target).exists() && !record(&target).exists(), "{line}: leftovers");
        let said = h.err.text();
        assert!(said.contains("verified seams, size and MD5"), "{line}: {said}");
        assert!(!said.contains("one connection"), "{line}: {said}");
    }
    // An existing file is kept unless -f says otherwise.
    let target = local.path().join("b0.bin");
    fs::write(&target, b"mine").unwrap();
    h.fails(&format!("pget -n 2 big.bin {}", target.display()));
    assert_eq!(fs::read(&target).unwrap(), b"mine");
    h.ok(&format!("pget -f -n 2 big.bin {}", target.display()));
    assert!(fs::read(&target).unwrap() == data);
}

#[test]
fn a_file_too_small_to_split_comes_over_one_connection_and_says_so() {
    let srv = TestServer::with_sample_tree();
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("hello.txt");
    let mut h = Harness::connected(&srv);
    h.ok(&format!("pget -n 8 hello.txt {}", target.display()));
    assert_eq!(fs::read_to_string(&target).unwrap(), "Hello, world!\n");
    assert!(h.err.text().contains("hello.txt: fetched over one connection: 14 bytes"), "{}", h.err.text());
    assert!(matches!(h.fails("get -r -n 2 pub"), ftpsh::error::Error::Usage(_)));
}

/// A scripted server with REST that cuts the first download after 100,000 bytes.
fn cutting(script: Script) -> scripted::ScriptedServer {
    scripted::start(script.file("f.bin", noise(LEN)).rest_feature().fault(Fault::CutData(100_000)))
}

#[test]
fn a_cut_segment_is_fetched_again_from_where_it_stopped() {
    let srv = cutting(Script::new().checksum(Checksum::Right));
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("f.bin");
    let mut h = Harness::open(&srv.url());
    h.ok(&format!("pget -n 4 f.bin {}", target.display()));
    assert!(fs::read(&target).unwrap() == noise(LEN));
    assert!(!part(&target).exists() && !record(&target).exists());
    let rests = srv.commands().iter().filter(|c| c.starts_with("REST ")).count();
    assert!(rests >= 4, "three ranges restart, then the cut one again: {:?}", srv.commands());
    assert!(h.err.text().contains("resumed at"), "{}", h.err.text());
}

/// An interrupted segmented download (retries off): the error, the partial file and its
/// record, no file under the final name; the cut range is the one not written to its end.
fn interrupted(srv: &scripted::ScriptedServer, target: &Path) -> (Harness, (u64, u64, u64)) {
    let mut h = Harness::open(&srv.url());
    h.ok("set retries 0");
    h.fails(&format!("pget -n 4 f.bin {}", target.display()));
    assert!(!target.exists() && part(target).exists());
    let ranges = ranges(target);
    assert_eq!(ranges.len(), 4, "{ranges:?}");
    let cut: Vec<_> = ranges.iter().filter(|r| r.2 < r.1 - r.0).collect();
    assert_eq!(cut.len(), 1, "{ranges:?}");
    assert!(cut[0].2 >= 4096, "{ranges:?}");
    (h, *cut[0])
}

#[test]
fn pget_c_resumes_an_interrupted_segmented_download() {
    let srv = cutting(Script::new());
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("f.bin");
    let (mut h, _) = interrupted(&srv, &target);
    h.ok(&format!("pget -c -n 4 f.bin {}", target.display()));
    assert!(fs::read(&target).unwrap() == noise(LEN));
    let retrs = srv.commands().iter().filter(|c| c.starts_with("RETR ")).count();
    assert_eq!(retrs, 5, "the ranges written to their end are not fetched again: {:?}", srv.commands());
    assert!(h.err.text().contains("resumed at"), "{}", h.err.text());
    assert!(!record(&target).exists());
}

#[test]
fn a_resume_with_fewer_connections_than_its_record_has_ranges_still_fetches_every_range() {
    let srv = scripted::start(Script::new().file("f.bin", noise(LEN)).rest_feature());
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("f.bin");
    // A record of four ranges, none written yet (an earlier `pget -n 4` stopped at once); the
    // server gives no time (MDTM refused), so the record's stamp is the size and `-`.
    let quarter = LEN / 4;
    let lines: String = (0..4).map(|i| format!("{} {} 0 0 -\n", i * quarter, (i + 1) * quarter)).collect();
    fs::write(part(&target), b"").unwrap();
    fs::write(record(&target), format!("ftpsh segmented download 1\n{LEN} -\n{lines}")).unwrap();
    let mut h = Harness::open(&srv.url());
    h.ok(&format!("pget -c -n 2 f.bin {}", target.display()));
    assert!(fs::read(&target).unwrap() == noise(LEN));
    let retrs = srv.commands().iter().filter(|c| c.starts_with("RETR ")).count();
    assert_eq!(retrs, 4, "every range of the record, each once: {:?}", srv.commands());
    assert!(!record(&target).exists());
}

#[test]
fn a_resume_does_not_trust_bytes_its_overlap_disproves() {
    let srv = cutting(Script::new());
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("f.bin");
    let (mut h, (start, _, got)) = interrupted(&srv, &target);
    flip(&part(&target), start + got - 1); // inside the overlap the resume compares
    h.ok(&format!("pget -c -n 4 f.bin {}", target.display()));
    assert!(fs::read(&target).unwrap() == noise(LEN));
    assert!(h.err.text().contains("fetched over one connection: the data at byte"), "{}", h.err.text());
}

#[test]
fn damage_the_overlap_cannot_see_is_caught_by_the_checksum_and_never_renamed() {
    let srv = cutting(Script::new().checksum(Checksum::Right));
    let local = tempfile::tempdir().unwrap();
    let target = local.path().join("f.bin");
    let (mut h, cut) = interrupted(&srv, &target);
    let whole = ranges(&target).into_iter().find(|r| *r != cut).unwrap();
    flip(&part(&target), whole.0 + 10); // well inside a complete range
    let e = h.fails(&format!("pget -c -n 4 f.bin {}", target.display()));
    assert!(e.to_string().contains("the server says"), "{e}");
    assert!(!target.exists(), "a corrupt file never gets the final name");
}

#[test]
fn a_server_that_refuses_or_ignores_rest_gets_one_connection() {
    let cases = [
        (Script::new().rest_feature().refuse_rest(), "the server refused REST"),
        (Script::new(), "the server does not offer REST"),
        (Script::new().rest_feature().ignore_rest(), "did not prove the restart"),
    ];
    for (script, why) in cases {
        let srv = scripted::start(script.file("f.bin", noise(LEN)));
        let local = tempfile::tempdir().unwrap();
        let target = local.path().join("f.bin");
        let mut h = Harness::open(&srv.url());
        h.ok(&format!("pget -n 3 f.bin {}", target.display()));
        assert!(fs::read(&target).unwrap() == noise(LEN), "{why}");
        assert!(h.err.text().contains(why), "{why}: {}", h.err.text());
        assert!(!part(&target).exists() && !record(&target).exists(), "{why}");
    }
}

#[test]
fn pget_runs_as_a_background_job_and_is_logged() {
    let srv = TestServer::start();
    fs::write(srv.path("big.bin"), noise(LEN)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("transfers.log");
    let target = dir.path().join("big.bin");
    let mut h = Harness::connected(&srv);
    h.ok(&format!("set transfer-log {}", log.display()));
    h.ok(&format!("pget -n 3 big.bin {} &", target.display()));
    h.ok("wait");
    assert!(fs::read(&target).unwrap() == noise(LEN));
    let text = fs::read_to_string(&log).unwrap();
    let records: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 1, "{text}");
    let r = &records[0];
    assert_eq!((r["remote"].as_str(), r["result"].as_str()), (Some("/big.bin"), Some("done")), "{text}");
    assert_eq!(r["verified"][0].as_str(), Some("seams"), "{text}");
}
