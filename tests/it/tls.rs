//! FTPS against the in-process server with a certificate made by rcgen for `localhost`: explicit
//! TLS, the policies, certificate verification with --ca-file, --pin, --insecure, remembered
//! certificates, credentials never sent in clear text when TLS is required, and never to a
//! server that spoke TLS before (in this session or an earlier one) and now offers none.

use std::fs;
use std::path::PathBuf;

use crate::support::sandbox::{Sandbox, finish, stderr};
use crate::support::scripted::{self, Script, ScriptedServer};
use crate::support::server::{PASSWORD, TestServer, USER, binary_pattern};

/// libunftp (the test server) now and then reads the client's TLS hello as a command when it
/// arrives right after `234`, before it has switched the control channel to TLS, and answers in
/// clear text: rustls then reports "InvalidContentType". vsftpd does not do this (see
/// tests/interop). Such a run is repeated, at most twice; any other failure counts.
const TEST_SERVER_TLS_RACE: &str = "received corrupt message of type InvalidContentType";

struct Env(Sandbox);

impl Env {
    fn new() -> Env {
        Env(Sandbox::new())
    }

    fn cert_file(&self, srv: &TestServer) -> PathBuf {
        let path = self.0.home().join("server.pem");
        fs::write(&path, srv.cert_pem.as_ref().unwrap()).unwrap();
        path
    }

    fn run(&self, args: &[&str], stdin: &str) -> (i32, String, String) {
        let mut result = self.0.run(args, stdin);
        for _ in 0..2 {
            if !result.2.contains(TEST_SERVER_TLS_RACE) {
                break;
            }
            result = self.0.run(args, stdin);
        }
        result
    }
}

#[test]
fn explicit_ftps_with_a_ca_file_transfers_byte_exact() {
    let srv = TestServer::start_tls();
    let env = Env::new();
    let ca = env.cert_file(&srv);
    let data = binary_pattern(300_000);
    fs::write(env.0.work().join("up.bin"), &data).unwrap();
    let script = "put up.bin a.bin\nput up.bin b.bin\nput up.bin c.bin\nls\nget -f a.bin back.bin\nnlist\n";
    let (code, out, err) =
        env.run(&["--tls", "required", "--ca-file", ca.to_str().unwrap(), &srv.user_url()], script);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("a.bin") && out.contains("c.bin"), "{out}");
    assert_eq!(fs::read(srv.path("c.bin")).unwrap(), data);
    assert_eq!(fs::read(env.0.work().join("back.bin")).unwrap(), data);
    assert!(!err.contains("not encrypted"), "{err}");
}

#[test]
fn an_untrusted_certificate_is_refused_with_its_fingerprint_and_the_pin_option() {
    let srv = TestServer::start_tls();
    let env = Env::new();
    let (code, _, err) = env.run(&[&srv.user_url()], "pwd\n");
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("not trusted") && err.contains("to trust it: --pin SHA256:"), "{err}");
    assert!(err.contains("subject CN=") || err.contains("subject"), "{err}");
    assert!(!err.contains(PASSWORD), "{err}");
    let pin = err.split("--pin ").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let (code, out, err) = env.run(&["--pin", &pin, &srv.user_url()], "pwd\n");
    assert_eq!((code, out.as_str()), (0, "/\n"), "{err}");
    let (code, out, err) = env.run(&["--insecure", &srv.user_url()], "pwd\n");
    assert_eq!((code, out.as_str()), (0, "/\n"), "{err}");
    assert!(err.contains("WARNING: --insecure"), "{err}");
}

#[test]
fn a_remembered_certificate_that_changed_is_a_hard_error_naming_both() {
    let srv = TestServer::start_tls();
    let env = Env::new();
    let dir = env.0.config_dir();
    fs::create_dir_all(&dir).unwrap();
    let old = format!("SHA256:{}", "ab".repeat(32));
    fs::write(dir.join("known_certificates.toml"), format!("\"127.0.0.1:{}\" = \"{old}\"\n", srv.port))
        .unwrap();
    let ca = env.cert_file(&srv);
    let (code, _, err) = env.run(&["--ca-file", ca.to_str().unwrap(), &srv.user_url()], "pwd\n");
    assert_eq!(code, 5, "even a certificate the roots accept: {err}");
    assert!(err.contains("the certificate changed") && err.contains(&"ab".repeat(32)), "{err}");
}

#[test]
fn required_never_sends_credentials_to_a_server_without_tls() {
    let srv = scripted::start(Script::new());
    let env = Env::new();
    let (code, _, err) = env.run(&["--tls", "required", &srv.url()], "pwd\n");
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("turned AUTH TLS down"), "{err}");
    let sent = srv.commands();
    assert!(!sent.iter().any(|c| c.starts_with("USER") || c.starts_with("PASS")), "{sent:?}");
}

#[test]
fn auto_says_once_when_the_connection_is_not_encrypted_and_off_is_plain() {
    let plain = TestServer::start();
    let env = Env::new();
    let (code, _, err) = env.run(&[&plain.url()], "pwd\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("not encrypted").count(), 1, "{err}");
    let tls = TestServer::start_tls();
    let (code, out, err) = env.run(&["--tls", "off", &tls.url()], "pwd\n");
    assert_eq!((code, out.as_str()), (0, "/\n"), "{err}");
    assert!(!err.contains("not encrypted"), "off is a choice, not a surprise: {err}");
}

#[test]
fn a_bad_pin_is_a_usage_error() {
    let env = Env::new();
    assert_eq!(env.run(&["--pin", "SHA256:123", "localhost"], "").0, 2);
}

#[test]
fn auto_carries_on_in_plain_text_when_the_server_turns_auth_tls_down() {
    let srv = scripted::start(Script::new().file("a.txt", "A").refuse_auth());
    let env = Env::new();
    let (code, out, err) = env.run(&[&srv.url()], "get a.txt -\n");
    assert_eq!((code, out.as_str()), (0, "A"), "{err}");
    assert!(err.contains("not encrypted"), "{err}");
    assert_eq!(srv.connections.load(std::sync::atomic::Ordering::SeqCst), 2, "a fresh plain connection");
    let before = srv.commands().len();
    let (code, _, err) = env.run(&["--tls", "required", &srv.url()], "pwd\n");
    assert_eq!(code, 5, "{err}");
    let sent = &srv.commands()[before..];
    assert!(!sent.iter().any(|c| c.starts_with("USER") || c.starts_with("PASS")), "{sent:?}");
}

/// A finished run of ftpsh: exit code, stdout, stderr.
type Run = (i32, String, String);

/// A man in the middle of a real FTPS server: the first connection to `mitm` goes through to
/// `upstream` (which holds `a.txt` and `b.txt`); every later one is answered by `mitm` itself,
/// which offers no TLS (or, with `refuse_auth`, turns it down) and would take any password.
struct Stripped {
    _upstream: TestServer,
    mitm: ScriptedServer,
    env: Env,
    ca: String,
}

impl Stripped {
    /// A fresh man in the middle, and the result of running `stdin` through the relayed first
    /// connection.
    fn after_tls(script: fn() -> Script, stdin: &str) -> (Stripped, Run) {
        Stripped::first(script, |s| s.run(&[], stdin))
    }

    /// A fresh man in the middle, and the result of `run`, which makes the first connection.
    /// Started afresh (at most twice more) when the test server's TLS race spoils that run,
    /// since only the first connection reaches the FTPS server: the race's error, or ftpsh's
    /// own answer to it (the TLS hello again, on a new connection: the man in the middle's own
    /// first command is then `AUTH TLS`, with no FEAT before it).
    fn first(script: fn() -> Script, run: impl Fn(&Stripped) -> Run) -> (Stripped, Run) {
        let attempt = || {
            let stripped = Stripped::start(script());
            let result = run(&stripped);
            (stripped, result)
        };
        let spoiled = |s: &Stripped, r: &Run| {
            r.2.contains(TEST_SERVER_TLS_RACE) || s.mitm.commands().first().is_some_and(|c| c == "AUTH TLS")
        };
        for _ in 0..2 {
            let (stripped, result) = attempt();
            if !spoiled(&stripped, &result) {
                return (stripped, result);
            }
        }
        attempt()
    }

    fn start(script: Script) -> Stripped {
        let upstream = TestServer::start_tls();
        fs::write(upstream.path("a.txt"), "A").unwrap();
        fs::write(upstream.path("b.txt"), "B").unwrap();
        let mitm = scripted::start(script.relay_first(upstream.port));
        let env = Env::new();
        let ca = env.cert_file(&upstream).display().to_string();
        Stripped { _upstream: upstream, mitm, env, ca }
    }

    /// `--ca-file CA FLAGS ftp://alice:secret@127.0.0.1:MITM`.
    fn args(&self, flags: &[&str]) -> Vec<String> {
        let flags = flags.iter().map(|f| f.to_string());
        ["--ca-file".to_string(), self.ca.clone()].into_iter().chain(flags).chain([self.url()]).collect()
    }

    fn run(&self, flags: &[&str], stdin: &str) -> Run {
        finish(self.env.0.ftpsh().args(self.args(flags)), stdin)
    }

    /// Runs ftpsh with `flags` (fed with `before` through the relayed first connection), cuts
    /// that connection once `before` has printed a line, then feeds it `after`.
    fn cut_between(&self, flags: &[&str], before: &str, after: &str) -> Run {
        use std::io::{BufRead, Write};
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ftpsh"));
        self.env.0.setup(&mut cmd).args(self.args(flags));
        let piped = std::process::Stdio::piped;
        let mut child = cmd.stdin(piped()).stdout(piped()).stderr(piped()).spawn().unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(before.as_bytes()).unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        self.mitm.cut_relayed();
        let _ = stdin.write_all(after.as_bytes());
        drop(stdin);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
        let out = child.wait_with_output().unwrap();
        (out.status.code().unwrap_or(-1), line + &rest, stderr(&out))
    }

    fn url(&self) -> String {
        format!("ftp://{USER}:{PASSWORD}@127.0.0.1:{}", self.mitm.port)
    }

    fn authority(&self) -> String {
        format!("127.0.0.1:{}", self.mitm.port)
    }

    /// The man in the middle never got a user name or the password.
    fn assert_no_credentials(&self) {
        let sent = self.mitm.commands();
        let leaked = |c: &String| c.starts_with("USER") || c.starts_with("PASS") || c.contains(PASSWORD);
        assert!(!sent.iter().any(leaked), "sent in clear text: {sent:?}");
    }

    /// `err` says that the server spoke TLS before and is now refused without it.
    fn assert_downgrade_refused(&self, err: &str) {
        let authority = self.authority();
        assert!(err.contains(&format!("TLS: {authority} spoke TLS before but now ")), "{err}");
        assert!(err.contains("not sending a password in clear text"), "{err}");
        assert!(err.contains(&format!("`known forget {authority}`")), "{err}");
    }
}

/// Both ways a stripped server can answer: no AUTH TLS in FEAT, or AUTH TLS turned down.
const STRIPPED: [fn() -> Script; 2] = [Script::new, || Script::new().refuse_auth()];

#[test]
fn a_reconnect_after_tls_never_falls_back_to_clear_text() {
    for script in STRIPPED {
        // `user` logs in again on a new connection: the next connection to the same server.
        let (stripped, (code, out, err)) = Stripped::after_tls(script, "pwd\nuser alice secret\npwd\n");
        assert_eq!(code, 5, "{err}");
        assert_eq!(out, "/\n", "{err}");
        assert!(err.contains("stdin:2: user: error: "), "{err}");
        stripped.assert_downgrade_refused(&err);
        stripped.assert_no_credentials();
    }
}

#[test]
fn a_connection_reset_after_tls_is_not_reopened_in_clear_text() {
    for script in STRIPPED {
        let (stripped, (code, out, err)) =
            Stripped::first(script, |s| s.cut_between(&["-k"], "pwd\n", "pwd\npwd\n"));
        assert_eq!(out, "/\n", "only the first command, over TLS, printed: {err}");
        // The first command after the reset sees the connection gone before sending anything and
        // would reopen it quietly; it refuses to, now that the server offers no TLS (exit code 5).
        assert_eq!(code, 5, "{err}");
        assert!(err.contains("stdin:2: pwd: error: TLS: "), "{err}");
        stripped.assert_downgrade_refused(&err);
        assert!(!err.contains("Reconnected"), "{err}");
        stripped.assert_no_credentials();
    }
}

#[test]
fn parallel_workers_never_fall_back_to_clear_text_after_tls() {
    for script in STRIPPED {
        let (stripped, (code, _, err)) = Stripped::after_tls(script, "mget -P 2 a.txt b.txt\n");
        // The shell's own session, over TLS, moves the files; the other session refuses to log
        // in without TLS, and says so when its refusal comes before the batch ends (a login
        // still under way at the end is not waited for).
        assert_eq!(code, 0, "{err}");
        if err.contains("fewer sessions than asked") {
            stripped.assert_downgrade_refused(&err);
        }
        stripped.assert_no_credentials();
        assert_eq!(fs::read_dir(stripped.env.0.work()).unwrap().count(), 2, "over TLS: {err}");
    }
}

#[test]
fn a_server_that_spoke_tls_is_remembered_and_a_new_process_refuses_it_without_tls() {
    let (stripped, (code, out, err)) = Stripped::after_tls(Script::new, "status\nknown list\n");
    assert_eq!(code, 0, "{err}");
    let authority = stripped.authority();
    assert!(out.contains("TLS: encrypted (policy required, as the server spoke TLS before)"), "{out}");
    assert!(out.contains("TLS remembered for this server since "), "{out}");
    assert!(out.contains(&format!("`known forget {authority}` forgets it")), "{out}");
    let listed = out.lines().find(|l| l.starts_with(&authority)).unwrap_or_default();
    assert!(listed.contains("speaks TLS (since "), "{out}");
    let memory = fs::read_to_string(stripped.env.0.config_dir().join("known_tls.toml")).unwrap();
    assert!(memory.contains(&format!("\"{authority}\" = ")), "{memory}");
    // A new process, and the server (the man in the middle) offers no TLS now.
    let (code, out, err) = stripped.run(&[], "pwd\n");
    assert_eq!((code, out.as_str()), (5, ""), "{err}");
    stripped.assert_downgrade_refused(&err);
    stripped.assert_no_credentials();
}

/// A plain server (offering no TLS) that ftpsh remembers as speaking TLS, and the sandbox.
fn remembered_plain_server() -> (ScriptedServer, Sandbox) {
    let srv = scripted::start(Script::new());
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.config_dir()).unwrap();
    let memory = format!("\"127.0.0.1:{}\" = \"2024-01-02\"\n", srv.port);
    fs::write(sandbox.config_dir().join("known_tls.toml"), memory).unwrap();
    (srv, sandbox)
}

fn sent_credentials(srv: &ScriptedServer) -> bool {
    srv.commands().iter().any(|c| c.starts_with("PASS"))
}

#[test]
fn tls_off_from_the_user_still_reaches_a_remembered_server_and_auto_does_not() {
    let (srv, sandbox) = remembered_plain_server();
    let (code, _, err) = sandbox.run(&["--tls", "auto", &srv.url()], "pwd\n");
    assert_eq!(code, 5, "an explicit auto is still auto: {err}");
    assert!(!sent_credentials(&srv), "{:?}", srv.commands());
    let (code, out, err) = sandbox.run(&["--tls", "off", &srv.url()], "pwd\n");
    assert_eq!((code, out.as_str()), (0, "/\n"), "{err}");
    let env_off = finish(sandbox.ftpsh().env("FTPSH_TLS", "off").arg(srv.url()), "status\n");
    assert_eq!(env_off.0, 0, "{}", env_off.2);
    assert!(env_off.1.contains("TLS: not encrypted (policy off)"), "{}", env_off.1);
    assert!(env_off.1.contains("TLS remembered for this server since 2024-01-02"), "{}", env_off.1);
    let (code, out, err) = sandbox.run(&[], &format!("set tls off\nopen {}\npwd\n", srv.url()));
    assert_eq!((code, out.as_str()), (0, "/\n"), "`set tls off`: {err}");
    sandbox.write_config("tls = \"off\"\n");
    let (code, out, err) = sandbox.run(&[&srv.url()], "pwd\n");
    assert_eq!((code, out.as_str()), (0, "/\n"), "tls = \"off\" in the config file: {err}");
}

#[test]
fn known_forget_lets_a_remembered_server_be_reached_in_clear_text_again() {
    let (srv, sandbox) = remembered_plain_server();
    let authority = format!("127.0.0.1:{}", srv.port);
    assert_eq!(sandbox.run(&[&srv.url()], "pwd\n").0, 5, "remembered, so refused without TLS");
    let (code, out, err) = sandbox.run(&[], &format!("known list\nknown forget {authority}\nknown list\n"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{authority:24} speaks TLS (since 2024-01-02)\n"), "{err}");
    assert!(err.contains(&format!("Forgot the TLS and the certificate of {authority}.")), "{err}");
    let (code, out, err) = sandbox.run(&[&srv.url()], "pwd\n");
    assert_eq!((code, out.as_str()), (0, "/\n"), "{err}");
    assert!(err.contains("not encrypted"), "{err}");
    let (code, _, err) = sandbox.run(&[], &format!("known forget {authority}\n"));
    assert_eq!(code, 2, "nothing left to forget: {err}");
}
