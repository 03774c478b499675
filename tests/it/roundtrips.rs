//! Round trips before the first byte: what the first session of a server asks once, and what the
//! sessions opened for parallel transfers (`mget -P`, `pget`) never ask again because the first
//! one knows it (FEAT, the FEAT that looks for TLS, PWD, what the server turned down). Counted
//! per control connection on the scripted server, and in the protocol trace over TLS. Counts,
//! never times: where a batch's second session must take a file, the first file comes slowly
//! (a dripping server, or a rate limit), so that the shell's own session is busy with it.

use std::fs;

use crate::support::sandbox::Sandbox;
use crate::support::scripted::{self, Fault, Script};
use crate::support::server::TestServer;

/// The command's verb (`CWD` of `CWD /`).
fn verb(command: &str) -> &str {
    command.split(' ').next().unwrap_or_default()
}

/// How many of `commands` have the verb `name`.
fn count(commands: &[String], name: &str) -> usize {
    commands.iter().filter(|c| verb(c) == name).count()
}

fn three_files() -> Script {
    Script::new().file("a.bin", "a").file("b.bin", "b").file("c.bin", "c")
}

/// Three files, the first of which comes slowly (7 bytes every 2 ms, about a second): `-P 2`
/// starts on the shell's own session with it, and the second session, logged in meanwhile,
/// takes the other two (a batch does not wait for a session still logging in once every file
/// is taken).
fn slow_first() -> Script {
    Script::new().file("a.bin", vec![1u8; 3500]).file("b.bin", "b").file("c.bin", "c").fault(Fault::Drip(0))
}

/// Runs ftpsh on `url` (in a sandbox: downloads land in its work directory) with `script` on
/// stdin, which must succeed.
fn run(url: &str, script: &str) {
    let (code, _, err) = Sandbox::new().run(&[url], script);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_first_session_asks_feat_once_and_a_worker_only_logs_in_and_enters_the_directory() {
    let srv = scripted::start(slow_first());
    run(&srv.url(), "mget -P 2 a.bin b.bin c.bin\n");
    let sessions = srv.sessions();
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    // `auto` asks FEAT whether the server offers TLS; it offers none, so that reply serves as
    // the features after login, and FEAT is not asked again.
    assert_eq!(sessions[0][..5], ["FEAT", "USER bob", "PASS pw", "TYPE I", "PWD"], "{sessions:?}");
    assert_eq!(count(&sessions[0], "FEAT"), 1, "{sessions:?}");
    for worker in &sessions[1..] {
        // No FEAT (neither the one for TLS nor the features), no PWD: one CWD to the directory
        // the first session is in, by its absolute name.
        assert_eq!(worker[..4], ["USER bob", "PASS pw", "TYPE I", "CWD /"], "{worker:?}");
        for asked in ["FEAT", "PWD", "SYST", "AUTH"] {
            assert_eq!(count(worker, asked), 0, "{asked}: {worker:?}");
        }
        assert_eq!(count(worker, "CWD"), 1, "{worker:?}");
        assert!(count(worker, "RETR") >= 1, "{worker:?}");
    }
    assert_eq!(sessions.iter().map(|s| count(s, "RETR")).sum::<usize>(), 3, "{sessions:?}");
}

#[test]
fn a_start_directory_costs_one_cwd_and_one_pwd() {
    let srv = scripted::start(three_files());
    run(&format!("{}/pub/", srv.url()), "pwd\n");
    let sessions = srv.sessions();
    // The login's own PWD is not asked: the CWD's PWD says where the session is.
    assert_eq!(
        sessions[0][..7],
        ["FEAT", "USER bob", "PASS pw", "TYPE I", "CWD pub", "PWD", "PWD"],
        "{sessions:?}"
    );
}

#[test]
fn what_the_server_turned_down_is_not_tried_again_by_the_workers() {
    let srv = scripted::start(slow_first().refuse_epsv());
    run(&srv.url(), "ls\nmget -P 2 a.bin b.bin c.bin\n");
    let sessions = srv.sessions();
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    assert_eq!(count(&sessions[0], "EPSV"), 1, "refused once: {sessions:?}");
    for worker in &sessions[1..] {
        assert_eq!(count(worker, "EPSV"), 0, "{worker:?}");
        assert!(count(worker, "PASV") >= 1, "{worker:?}");
    }
}

#[test]
fn over_tls_the_workers_ask_auth_tls_at_once_and_feat_is_asked_once_over_tls() {
    let srv = TestServer::start_tls();
    // 1 MiB each at 1 MiB/s: the shell's own session is busy with the first for a second while
    // the second session logs in and takes the other.
    for name in ["a.bin", "b.bin"] {
        fs::write(srv.path(name), vec![name.as_bytes()[0]; 1 << 20]).unwrap();
    }
    let sandbox = Sandbox::new();
    let ca = sandbox.home().join("server.pem");
    fs::write(&ca, srv.cert_pem.as_ref().unwrap()).unwrap();
    let args = ["--debug", "--tls", "required", "--ca-file", ca.to_str().unwrap(), &srv.user_url()];
    let (code, _, err) = sandbox.run(&args, "set rate-limit 1M\nmget -P 2 a.bin b.bin\n");
    assert_eq!(code, 0, "{err}");
    let sent: Vec<String> = err.lines().filter_map(|l| l.strip_prefix("---> ")).map(str::to_string).collect();
    // Two connections, each with AUTH TLS; `required` does not ask FEAT first; the one FEAT is
    // the first session's, after login, over TLS; the second session asks no PWD.
    assert_eq!(count(&sent, "AUTH"), 2, "{sent:?}");
    assert_eq!(count(&sent, "PBSZ"), 2, "{sent:?}");
    assert_eq!(count(&sent, "FEAT"), 1, "{sent:?}");
    assert_eq!(count(&sent, "PWD"), 1, "{sent:?}");
    assert_eq!(count(&sent, "CWD"), 1, "{sent:?}");
    let feat = sent.iter().position(|c| c == "FEAT").unwrap();
    let pass = sent.iter().position(|c| verb(c) == "PASS").unwrap();
    assert!(pass < feat, "FEAT after login: {sent:?}");
    for name in ["a.bin", "b.bin"] {
        assert_eq!(fs::read(sandbox.work().join(name)).unwrap(), vec![name.as_bytes()[0]; 1 << 20]);
    }
}

#[test]
fn a_segmented_download_opens_its_workers_without_asking_what_the_session_knows() {
    let srv = scripted::start(Script::new().file("big.bin", vec![7u8; 256 << 10]).rest_feature());
    run(&srv.url(), "pget -n 2 big.bin\n");
    let sessions = srv.sessions();
    assert_eq!(sessions.len(), 3, "{sessions:?}");
    for worker in &sessions[1..] {
        assert_eq!(worker[..4], ["USER bob", "PASS pw", "TYPE I", "CWD /"], "{worker:?}");
        assert_eq!(count(worker, "FEAT") + count(worker, "PWD"), 0, "{worker:?}");
        assert_eq!(count(worker, "RETR"), 1, "{worker:?}");
    }
}
