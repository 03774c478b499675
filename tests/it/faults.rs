//! A fault-injecting server: the data or control connection closes after N bytes, the data
//! stalls, or drips in slowly; parallel workers cannot log in or connect. Each case checks the
//! resume (or the error), the final content byte for byte, and that nothing waits past its
//! timeout.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::harness::Harness;
use crate::support::sandbox::Sandbox;
use crate::support::scripted::{self, Fault, Script};
use crate::support::server::binary_pattern;
use ftpsh::error::Error;
use ftpsh::transfer::batch::{self, Direction, Job, Meter};
use ftpsh::transfer::{GetOptions, Overwrite, Progress, Report, Silent};

fn payload() -> Vec<u8> {
    binary_pattern(300_000)
}

type Outcome = (Sandbox, scripted::ScriptedServer, (i32, String, String), Duration);

/// Runs `script` against a server playing `fault` on the first download of `f.bin`.
fn run(fault: Fault, script: &str) -> Outcome {
    run_with(fault, &[], script)
}

/// [`run`] with command-line `flags` before the server's URL.
fn run_with(fault: Fault, flags: &[&str], script: &str) -> Outcome {
    let srv = scripted::start(Script::new().file("f.bin", payload()).fault(fault));
    let sb = Sandbox::new();
    let url = srv.url();
    let args: Vec<&str> = flags.iter().copied().chain([url.as_str()]).collect();
    let start = Instant::now();
    let result = sb.run(&args, script);
    (sb, srv, result, start.elapsed())
}

#[test]
fn a_data_connection_cut_short_is_resumed_from_where_it_stopped() {
    let (sb, srv, (code, _, err), _) = run(Fault::CutData(100_000), "get f.bin\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), payload());
    assert!(srv.commands().iter().any(|c| c == "REST 95904"), "{:?}", srv.commands());
    assert!(err.contains("resumed at"), "{err}");
}

#[test]
fn a_batch_download_cut_short_is_resumed_like_a_single_one() {
    let (sb, srv, (code, _, err), _) = run(Fault::CutData(100_000), "mget f.bin\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), payload());
    assert!(srv.commands().iter().any(|c| c == "REST 95904"), "{:?}", srv.commands());
}

#[test]
fn a_dropped_control_connection_reconnects_and_resumes() {
    let (sb, srv, (code, _, err), _) = run(Fault::DropControl(120_000), "get f.bin\npwd\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), payload());
    assert_eq!(srv.connections.load(std::sync::atomic::Ordering::SeqCst), 2, "one reconnect");
    assert!(srv.commands().iter().any(|c| c == "REST 115904"), "{:?}", srv.commands());
}

#[test]
fn a_stalled_transfer_times_out_names_the_timeout_and_resumes() {
    let (sb, srv, (code, _, err), took) = run(Fault::Stall(50_000), "set timeout 1\nget f.bin\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), payload());
    assert!(srv.commands().iter().any(|c| c.starts_with("REST ")), "{:?}", srv.commands());
    // Generous bound: the point is that a 60 s stall does not hold ftpsh for 60 s.
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn with_retries_off_a_stall_is_an_error_that_says_which_timeout() {
    let (sb, _, (code, _, err), _) = run(Fault::Stall(50_000), "set timeout 1\nset retries 0\nget f.bin\n");
    assert_eq!(code, 8, "a transfer that did not complete: {err}");
    assert!(err.contains("took longer than 1 s (`set timeout` changes it)"), "{err}");
    assert!(sb.work().join("f.bin.ftpsh.part").exists(), "what arrived is kept for reget");
    assert!(!sb.work().join("f.bin").exists());
}

#[test]
fn a_slow_drip_still_completes() {
    let (sb, _, (code, _, err), _) = run(Fault::Drip(290_000), "get f.bin\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), payload());
}

#[test]
fn timeouts_and_retries_are_flags_too() {
    // --timeout 1 with a retry left: the 60 s stall is cut after 1 s and the download resumed.
    let flags = ["--timeout", "1", "--retries", "1"];
    let (sb, srv, (code, _, err), took) = run_with(Fault::Stall(50_000), &flags, "get f.bin\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(sb.work().join("f.bin")).unwrap(), payload());
    assert!(srv.commands().iter().any(|c| c.starts_with("REST ")), "{:?}", srv.commands());
    // Without the flag the default timeout (120 s) would sit out the whole 60 s stall.
    assert!(took < Duration::from_secs(30), "{took:?}");
    drop(sb);
    // --retries 0: a stall is an error.
    let srv = scripted::start(Script::new().file("f.bin", payload()).fault(Fault::Stall(10)));
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&["--timeout", "1", "--retries", "0", &srv.url()], "get f.bin\n");
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("took longer than 1 s"), "{err}");
    assert_eq!(sb.run(&["--retries", "x"], "").0, 2);
}

#[test]
fn a_garbled_reply_is_an_error_and_the_next_command_starts_afresh() {
    let srv = scripted::start(Script::new().file("f.bin", payload()).garbage_on("SYST"));
    let sb = Sandbox::new();
    let (code, out, err) = sb.run(&["-k", &srv.url()], "system\nsize f.bin\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("stdin:1: system: error"), "{err}");
    assert_eq!(out, "300000\n", "the next command ran on a new connection: {err}");
    assert!(err.contains("Reconnected to"), "{err}");
}

/// Reports nothing: for driving `batch::run` directly.
struct Quiet;

impl Meter for Quiet {
    fn progress(&self) -> Box<dyn Progress + Send> {
        Box::new(Silent)
    }
    fn finished(&self, _: &Job, _: &ftpsh::error::Result<Report>) {}
}

/// A shell logged in to `srv` and three download jobs into `dir`.
fn parallel_setup(srv: &scripted::ScriptedServer, dir: &Path) -> (Harness, Vec<Job>) {
    let jobs = ["a.bin", "b.bin", "c.bin"].iter().map(|n| Job::new(n.to_string(), dir.join(n))).collect();
    (Harness::open(&srv.url()), jobs)
}

fn download() -> Direction {
    Direction::Download(GetOptions { resume: false, overwrite: Overwrite::Refuse, keep_time: false })
}

#[test]
fn parallel_sessions_that_cannot_log_in_leave_the_jobs_to_the_shells_own() {
    let srv = scripted::start(
        Script::new().file("a.bin", "a").file("b.bin", "b").file("c.bin", "c").one_login_only(),
    );
    let dir = tempfile::tempdir().unwrap();
    let (mut h, jobs) = parallel_setup(&srv, dir.path());
    let outcome = batch::run(&mut h.sh.session, jobs, download(), 3, &Quiet);
    assert_eq!(outcome.moved, 3, "{:?}", outcome.failed);
    assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
    if let Some(e) = &outcome.no_session {
        assert!(matches!(e, Error::Login(r) if r.code == 530), "{e:?}");
    }
    for name in ["a.bin", "b.bin", "c.bin"] {
        assert_eq!(fs::read(dir.path().join(name)).unwrap(), &name.as_bytes()[..1]);
    }
    // Through the command (a process of its own): the files move; nothing calls it a failure.
    let srv = scripted::start(
        Script::new().file("a.bin", "a").file("b.bin", "b").file("c.bin", "c").one_login_only(),
    );
    let sb = Sandbox::new();
    let (code, _, err) = sb.run(&[&srv.url()], "mget -P 3 a.bin b.bin c.bin\n");
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("error"), "{err}");
    assert_eq!(fs::read_dir(sb.work()).unwrap().count(), 3);
}

#[test]
fn parallel_sessions_that_cannot_connect_leave_the_jobs_to_the_shells_own() {
    let srv = scripted::start(Script::new().file("a.bin", "a").file("b.bin", "b").file("c.bin", "c"));
    let dir = tempfile::tempdir().unwrap();
    let (mut h, jobs) = parallel_setup(&srv, dir.path());
    let port = srv.port;
    drop(srv); // stops listening; the shell's own connection stays up
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let outcome = batch::run(&mut h.sh.session, jobs, download(), 3, &Quiet);
    assert_eq!(outcome.moved, 3, "{:?}", outcome.failed);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn a_reply_dripped_byte_by_byte_has_one_deadline() {
    let srv = scripted::start(Script::new().drip_reply_on("PWD"));
    let sb = Sandbox::new();
    let start = Instant::now();
    let (code, _, err) = sb.run(&["--timeout", "1", &srv.url()], "pwd\n");
    // Each byte comes well within 1 s; the reply as a whole takes about 9 s.
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("took longer than 1 s"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(8), "{:?}", start.elapsed());
}

#[test]
fn an_upload_completion_dripped_byte_by_byte_is_cut_at_the_deadline() {
    let srv = scripted::start(Script::new().drip_reply_on("STOR"));
    let sb = Sandbox::new();
    fs::write(sb.work().join("up.bin"), payload()).unwrap();
    let start = Instant::now();
    let (code, _, err) = sb.run(&["--timeout", "1", "--retries", "0", &srv.url()], "put up.bin\n");
    assert_eq!(code, 8, "the upload is not known to be complete: {err}");
    assert!(err.contains("took longer than 1 s"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(8), "{:?}", start.elapsed());
}

/// Runs `ftpsh -c SCRIPT URL` in `sb` and presses Ctrl-C a moment after `ready` holds (well
/// inside the wait it is then in); returns the exit code, stderr and how long the exit took after
/// the signal.
fn interrupt_when(
    sb: &Sandbox,
    url: &str,
    script: &str,
    ready: impl Fn() -> bool,
) -> (i32, String, Duration) {
    let settled = || {
        let now = ready();
        if now {
            std::thread::sleep(Duration::from_millis(300));
        }
        now
    };
    sb.interrupt_when(&["-c", script, url], settled)
}

#[test]
fn ctrl_c_ends_a_stalled_download_at_once() {
    let srv = scripted::start(Script::new().file("f.bin", payload()).fault(Fault::Stall(50_000)));
    let sb = Sandbox::new();
    let part = ftpsh::transfer::part_path(&sb.work().join("f.bin"));
    let ready = || fs::metadata(&part).is_ok_and(|m| m.len() >= 50_000);
    let (code, err, took) = interrupt_when(&sb, &srv.url(), "get f.bin; pwd", ready);
    assert_eq!(code, 130, "{err}");
    // The stall lasts 60 s and the timeout is 120 s: only the Ctrl-C can end it this soon.
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(part.exists() && !sb.work().join("f.bin").exists(), "the .part is kept for reget");
}

#[test]
fn ctrl_c_ends_a_wait_for_a_reply_at_once() {
    let srv = scripted::start(Script::new().file("f.bin", payload()).hang_on_data());
    let sb = Sandbox::new();
    let asked = || srv.commands().iter().any(|c| c.starts_with("EPSV") || c.starts_with("PASV"));
    let (code, err, took) = interrupt_when(&sb, &srv.url(), "ls; pwd", asked);
    assert_eq!(code, 130, "{err}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}
