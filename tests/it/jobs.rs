//! Background jobs, the queue, rate limits, the transfer log and JSON progress, against the
//! in-process server: the shell in-process (its jobs run on threads with tokens of their own, so
//! no test touches the process's Ctrl-C flag; the total rate limit, which is process-wide, is
//! only set in the real binary) and the real binary for the command line. Timing is never
//! asserted beyond "a limit made it slower than it could have been" (a lower bound).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::harness::Harness;
use crate::support::sandbox::{Sandbox, stderr, stdout};
use crate::support::scripted::{self, Fault, Script};
use crate::support::server::{TestServer, binary_pattern};

/// A server with `big.bin` (`len` bytes) in its root.
fn server_with_big(len: usize) -> TestServer {
    let srv = TestServer::start();
    fs::write(srv.path("big.bin"), binary_pattern(len)).unwrap();
    srv
}

/// The transfer log's records.
fn log_records(path: &Path) -> Vec<serde_json::Value> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A harness logged in to `srv`, its transfer log in `dir`.
fn logged_in(srv: &TestServer, dir: &Path) -> Harness {
    let mut h = Harness::connected(srv);
    h.ok(&format!("set transfer-log {}", dir.join("transfers.log").display()));
    h
}

#[test]
fn a_rate_limit_slows_each_direction_it_names() {
    let srv = server_with_big(512 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let mut h = logged_in(&srv, dir.path());
    let local = dir.path().join("big.bin");
    // 512 KiB at 256 KiB/s takes at least about 2 s; unlimited it takes milliseconds here.
    h.ok("set rate-limit 0:256K");
    let start = Instant::now();
    h.ok(&format!("get big.bin {}", local.display()));
    assert!(start.elapsed() >= Duration::from_millis(1500), "download: {:?}", start.elapsed());
    assert_eq!(fs::read(&local).unwrap(), binary_pattern(512 * 1024));
    h.ok("set rate-limit 256K:0");
    let start = Instant::now();
    h.ok(&format!("put {} up.bin", local.display()));
    assert!(start.elapsed() >= Duration::from_millis(1500), "upload: {:?}", start.elapsed());
    assert_eq!(fs::read(srv.path("up.bin")).unwrap(), binary_pattern(512 * 1024));
    h.ok("set rate-limit 2M:500K");
    assert_eq!(h.ok("set rate-limit").trim(), "rate-limit = \"2M:500K\"");
    assert!(h.sh.execute("set rate-limit fast").is_err(), "a bad rate is a usage error");
}

#[test]
fn the_transfer_log_records_done_failed_and_interrupted_transfers() {
    let srv = server_with_big(1024 * 1024);
    fs::write(srv.path("small.txt"), "hello\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("transfers.log");
    let mut h = logged_in(&srv, dir.path());
    h.ok(&format!("get small.txt {}", dir.path().join("small.txt").display()));
    h.fails(&format!("get missing.txt {}", dir.path().join("missing.txt").display()));
    h.ok("set rate-limit 128K");
    h.ok(&format!("get big.bin {} &", dir.path().join("big.bin").display()));
    while h.sh.jobs.list().first().is_some_and(|r| r.now.done == 0) {
        std::thread::sleep(Duration::from_millis(50));
    }
    h.ok("kill 1");
    h.ok("wait");
    let records = log_records(&log);
    let results: Vec<_> = records.iter().map(|r| r["result"].as_str().unwrap()).collect();
    assert_eq!(results, ["done", "failed", "interrupted"], "{records:?}");
    let done = &records[0];
    assert_eq!((done["direction"].as_str(), done["remote"].as_str()), (Some("download"), Some("/small.txt")));
    assert_eq!(done["server"].as_str(), Some(srv.addr().as_str()));
    assert_eq!(done["local"].as_str(), Some(dir.path().join("small.txt").to_str().unwrap()));
    assert_eq!((done["bytes"].as_u64(), done["verified"][0].as_str()), (Some(6), Some("size")));
    assert!(done["time"].as_str().is_some_and(|t| t.ends_with('Z')) && done["seconds"].is_f64());
    assert!(records[1]["error"].as_str().is_some_and(|e| e.contains("550")), "{}", records[1]);
    assert!(records[2]["bytes"].as_u64().is_some_and(|b| b > 0 && b < 1024 * 1024), "{}", records[2]);
    assert!(dir.path().join("big.bin.ftpsh.part").exists(), "a killed download keeps its partial file");
    assert!(!dir.path().join("big.bin").exists());
    h.ok("set transfer-log off");
    h.ok(&format!("get small.txt {}", dir.path().join("again.txt").display()));
    assert_eq!(log_records(&log).len(), 3, "off means off");
}

#[test]
fn a_background_job_runs_on_its_own_connection_while_the_shell_goes_on() {
    let srv = server_with_big(512 * 1024);
    fs::create_dir(srv.path("docs")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = logged_in(&srv, dir.path());
    h.ok("set rate-limit 256K");
    let target = dir.path().join("big.bin");
    h.ok(&format!("get big.bin {} &", target.display()));
    assert!(h.err.text().contains("[1] get big.bin"), "{}", h.err.text());
    assert!(h.ok("ls").contains("big.bin"), "the shell's own connection is free");
    h.ok("cd docs");
    // Until the job has logged in and begun, it knows no total yet.
    let mut listed = h.ok("jobs");
    for _ in 0..200 {
        if listed.contains("/512.0 KiB") {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
        listed = h.ok("jobs");
    }
    assert!(listed.starts_with("[1] running  ") && listed.contains("/512.0 KiB"), "{listed}");
    assert!(matches!(h.fails("lcd /"), ftpsh::error::Error::Refused(_)), "lcd would move the job's files");
    h.ok("wait 1");
    assert!(h.err.text().contains("[1] done: get big.bin"), "{}", h.err.text());
    assert_eq!(fs::read(&target).unwrap(), binary_pattern(512 * 1024));
    assert!(h.ok("jobs").starts_with("[1] done: get big.bin"));
    let err = h.fails("fg 1");
    assert!(err.to_string().contains("no job 1"), "an ended job, once listed, is forgotten: {err}");
    let refused = h.fails("ls &");
    assert!(refused.to_string().contains("only transfers run in the background"), "{refused}");
    let usage = h.fails("get &");
    assert!(usage.to_string().contains("get [-c]"), "a usage error comes at once: {usage}");
}

#[test]
fn the_queue_runs_in_order_and_entries_can_be_moved_and_removed() {
    let srv = TestServer::start();
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(srv.path(name), name).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("transfers.log");
    let mut h = Harness::new();
    h.ok(&format!("set transfer-log {}", log.display()));
    // Not connected yet: the entries wait for a connection to copy.
    for name in ["a.txt", "b.txt", "c.txt"] {
        h.ok(&format!("queue get -f {name} {}", dir.path().join(name).display()));
    }
    h.ok("queue -m 3 1");
    h.ok("queue -d 3");
    let shown = h.ok("queue");
    assert!(shown.contains("1  get -f c.txt") && shown.contains("2  get -f a.txt"), "{shown}");
    assert!(!shown.contains("b.txt"), "{shown}");
    assert!(h.sh.execute("queue -d 7").is_err());
    assert!(h.sh.execute("queue ls").is_err(), "only transfers are queued");
    h.ok(&format!("open {}", srv.user_url()));
    h.ok("wait");
    let order: Vec<_> = log_records(&log).iter().map(|r| r["remote"].as_str().unwrap().to_string()).collect();
    assert_eq!(order, ["/c.txt", "/a.txt"]);
    assert!(!dir.path().join("b.txt").exists());
    assert_eq!(h.ok("queue"), "", "the queue is empty again");
}

#[test]
fn progress_json_prints_start_progress_and_done_events() {
    let srv = server_with_big(300 * 1024);
    let sandbox = Sandbox::new();
    let url = format!("{}/big.bin", srv.url());
    let out = sandbox.output(&["--progress", "json", "--limit-rate", "150K", "get", &url], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let events: Vec<serde_json::Value> = stderr(&out)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<_> = events.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(kinds.first(), Some(&"start"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"done"), "{kinds:?}");
    assert!(kinds.contains(&"progress"), "two seconds at 150K: at least one progress event: {kinds:?}");
    assert_eq!(events[0]["total"].as_u64(), Some(300 * 1024));
    let done = events.last().unwrap();
    assert_eq!((done["bytes"].as_u64(), done["result"].as_str()), (Some(300 * 1024), Some("done")));
    assert!(done["seconds"].as_f64().is_some_and(|s| s >= 1.0), "--limit-rate slowed it: {done}");
    assert!(stdout(&out).is_empty());
    let logged = log_records(&sandbox.data_dir().join("transfers.log"));
    assert_eq!(logged.len(), 1, "the binary logs to the data directory by default");
    assert_eq!(logged[0]["remote"].as_str(), Some("/big.bin"));
}

#[test]
fn a_script_waits_for_its_background_jobs_and_fails_when_one_failed() {
    let srv = server_with_big(64 * 1024);
    let sandbox = Sandbox::new();
    let script = "get big.bin copy.bin &\nget missing.bin &\n";
    let (code, _, err) = sandbox.run(&[&srv.url()], script);
    assert_eq!(code, 8, "a failed job is a failed transfer: {err}");
    assert!(
        err.contains("] done: get big.bin copy.bin") && err.contains("] failed: get missing.bin"),
        "{err}"
    );
    assert_eq!(fs::read(sandbox.work().join("copy.bin")).unwrap(), binary_pattern(64 * 1024));
}

#[test]
fn a_queued_transfer_survives_a_lost_connection_and_resumes() {
    let payload = binary_pattern(240_000);
    let script = Script::new().file("f.bin", payload.clone()).fault(Fault::DropControl(120_000));
    let srv = scripted::start(script);
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("f.bin");
    let mut h = Harness::open(&srv.url());
    // No retries inside the transfer: the queue itself must reconnect and resume.
    h.ok("set retries 0");
    h.ok(&format!("queue get f.bin {}", local.display()));
    h.ok("wait");
    assert_eq!(fs::read(&local).unwrap(), payload);
    let commands = srv.commands();
    assert!(commands.iter().any(|c| c.starts_with("REST ")), "resumed: {commands:?}");
    assert!(h.err.text().contains("done: get f.bin"), "{}", h.err.text());
}

#[test]
fn a_total_rate_limit_slows_the_transfers_of_the_process() {
    let srv = server_with_big(256 * 1024);
    let sandbox = Sandbox::new();
    let start = Instant::now();
    let (code, _, err) = sandbox.run(&[&srv.url()], "set total-rate-limit 128K\nget big.bin\n");
    assert_eq!(code, 0, "{err}");
    // 256 KiB at 128 KiB/s: about 2 s at least, whatever the machine.
    assert!(start.elapsed() >= Duration::from_millis(1500), "{:?}", start.elapsed());
    assert_eq!(fs::read(sandbox.work().join("big.bin")).unwrap(), binary_pattern(256 * 1024));
}
