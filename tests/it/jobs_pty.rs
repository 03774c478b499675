//! Background jobs in the interactive shell, in a real terminal (the helpers of `pty`): the
//! prompt comes back at once, other commands run meanwhile, a finished job's summary appears
//! above the prompt without breaking the line being typed, `jobs`, `kill`, `wait`, and leaving
//! the shell with jobs running. The transfers are slowed with a rate limit, not with sleeps.
#![cfg(unix)]

use std::fs;

use crate::pty::{ENTER, Pty, spawn_anonymous};
use crate::support::sandbox::Sandbox;
use crate::support::server::{TestServer, binary_pattern};
use expectrl::{ControlCode, WaitStatus};

const BIG: usize = 384 * 1024;

/// Types `jobs` until the running `command` shows bytes that arrived (at least 1 KiB), so a
/// kill finds something to keep. Each round reads through the job's line and the prompt after it.
fn until_moving(sh: &mut Pty, command: &str, dir: &str) {
    for _ in 0..100 {
        sh.line("jobs");
        let shown = sh.expect(&format!("  {command}\r\n"));
        // The prompt back before anything else is typed: a Ctrl-D sent while the terminal is
        // still cooked (between commands) would be lost.
        sh.prompt("anonymous", dir);
        if shown.lines().last().is_some_and(|l| l.contains(" KiB/")) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{command} moved nothing");
}

/// A server with `big.bin` and `docs/`, and a shell logged in to it with `rate-limit` `rate`.
fn slowed(rate: &str) -> (TestServer, Sandbox, Pty) {
    let srv = TestServer::start();
    fs::write(srv.path("big.bin"), binary_pattern(BIG)).unwrap();
    fs::create_dir(srv.path("docs")).unwrap();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);
    sh.line(&format!("set rate-limit {rate}"));
    sh.prompt("anonymous", "/");
    (srv, sandbox, sh)
}

/// Types `command &` in `dir` and waits for job `id`'s announcement and the prompt.
fn start(sh: &mut Pty, command: &str, id: usize, dir: &str) {
    sh.line(&format!("{command} &"));
    sh.expect(&format!("[{id}] {command}"));
    sh.prompt("anonymous", dir);
}

#[test]
fn a_job_runs_in_the_background_and_reports_above_the_prompt() {
    let (_srv, sandbox, mut sh) = slowed("128K");
    // Three seconds of transfer: the prompt is back at once, and the shell works meanwhile.
    start(&mut sh, "get big.bin", 1, "/");
    sh.line("ls");
    sh.expect("big.bin");
    sh.prompt("anonymous", "/");
    sh.line("cd docs");
    sh.prompt("anonymous", "/docs");
    sh.line("jobs");
    sh.expect("[1] running  ");
    sh.prompt("anonymous", "/docs");

    // A half-typed line survives the summary printed above it.
    sh.send("pw");
    sh.expect("[1] done: get big.bin");
    sh.send(&format!("d{ENTER}"));
    sh.expect("\r\n/docs\r\n");
    sh.prompt("anonymous", "/docs");
    assert_eq!(fs::read(sandbox.work().join("big.bin")).unwrap(), binary_pattern(BIG));

    // kill keeps the partial file; wait waits.
    start(&mut sh, "get ../big.bin killed.bin", 2, "/docs");
    until_moving(&mut sh, "get ../big.bin killed.bin", "/docs");
    sh.line("kill 2");
    sh.expect("[2] killed: get ../big.bin killed.bin");
    sh.prompt("anonymous", "/docs");
    assert!(sandbox.work().join("killed.bin.ftpsh.part").exists());
    assert!(!sandbox.work().join("killed.bin").exists());
    start(&mut sh, "get ../big.bin waited.bin", 3, "/docs");
    sh.line("wait");
    sh.expect("[3] done: get ../big.bin waited.bin");
    sh.prompt("anonymous", "/docs");
    sh.quit();
}

#[test]
fn leaving_with_a_job_running_asks_whether_to_wait_kill_or_leave() {
    let (_srv, sandbox, mut sh) = slowed("64K");
    start(&mut sh, "get big.bin", 1, "/");
    until_moving(&mut sh, "get big.bin", "/");
    sh.control(ControlCode::EndOfTransmission);
    sh.expect("1 job(s) still running or queued");
    sh.line("k");
    sh.expect("[1] killed: get big.bin");
    match sh.wait() {
        WaitStatus::Exited(_, 0) => {}
        other => panic!("ftpsh ended with {other:?}"),
    }
    assert!(sandbox.work().join("big.bin.ftpsh.part").exists(), "kill keeps the partial file");
}

#[test]
fn fg_follows_a_job_to_its_end_and_ctrl_c_there_kills_it() {
    let (_srv, sandbox, mut sh) = slowed("128K");
    start(&mut sh, "get big.bin", 1, "/");
    sh.line("fg");
    sh.expect("[1] done: get big.bin");
    sh.prompt("anonymous", "/");
    start(&mut sh, "get big.bin second.bin", 2, "/");
    until_moving(&mut sh, "get big.bin second.bin", "/");
    sh.line("fg 2");
    // The bar shows once fg has the job; then Ctrl-C is the foreground's, and kills it.
    sh.expect("get big.bin second.bin");
    sh.control(ControlCode::EndOfText);
    sh.expect("[2] killed: get big.bin second.bin");
    sh.prompt("anonymous", "/");
    assert!(sandbox.work().join("second.bin.ftpsh.part").exists());
    sh.quit();
}
