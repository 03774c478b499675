//! End-to-end tests of the interactive shell: the real `ftpsh` binary runs in a pseudo-terminal
//! (expectrl) against the in-process test server, and the tests type at it like a user does:
//! prompt, Tab completion, Ctrl-C, Ctrl-D, history across runs, the password prompt.
//!
//! Every shell runs in a [`Sandbox`] (its own HOME / XDG directories and working directory,
//! `NO_COLOR=1`) with `TERM=xterm`. The terminal starts with echo on, as a real one does. Input is
//! only sent once the shell has shown that it is reading (a prompt, or the echo of what was
//! typed), so nothing depends on timing; the 10 s expect timeout only bounds a hang.
#![cfg(unix)]

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::support::sandbox::Sandbox;
use crate::support::server::{PASSWORD, TestServer, USER};
use expectrl::session::Session;
use expectrl::{ControlCode, WaitStatus};

/// How long any single expectation may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);
/// What the terminal sends for the Enter key.
pub(crate) const ENTER: &str = "\r";
/// What the terminal sends for the Up arrow key.
const UP: &str = "\x1b[A";

/// Starts `ftpsh ARGS` in a fresh pseudo-terminal with echo on, in `sandbox` (which may serve
/// several runs: the history file is `sandbox.data_dir()/history`).
///
/// ptyprocess hands the child a terminal with echo off; a user's terminal has it on, and
/// the password test needs it on to mean anything. Turning it on from this side after the
/// spawn would race with ftpsh's own terminal changes (rustyline's raw mode, the password
/// prompt) when the machine is busy, so `stty echo` runs in the child, on its own terminal,
/// before it execs ftpsh. `exec` keeps the pid, so the exit status is ftpsh's.
pub(crate) fn spawn(sandbox: &Sandbox, args: &[&str]) -> Pty {
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-c").arg(r#"stty echo && exec "$0" "$@""#).arg(env!("CARGO_BIN_EXE_ftpsh")).args(args);
    sandbox.setup(&mut cmd).env("TERM", "xterm");
    let mut session = Session::spawn(cmd).expect("spawn ftpsh in a pty");
    session.set_expect_timeout(Some(TIMEOUT));
    Pty { session, seen: String::new() }
}

/// [`spawn`] logged in to `srv` as anonymous, once the prompt `ftp anonymous@127.0.0.1:/> ` is
/// shown.
pub(crate) fn spawn_anonymous(sandbox: &Sandbox, srv: &TestServer) -> Pty {
    let mut sh = spawn(sandbox, &[&anonymous_url(srv)]);
    sh.prompt("anonymous", "/");
    sh
}

/// One running shell and everything it has printed so far.
pub(crate) struct Pty {
    pub(crate) session: Session,
    /// The terminal output consumed by the expectations so far (escape sequences included).
    pub(crate) seen: String,
}

impl Pty {
    /// Waits for `needle` in the output; returns the output up to and including it.
    pub(crate) fn expect(&mut self, needle: &str) -> String {
        match self.session.expect(needle) {
            Ok(found) => {
                let text = String::from_utf8_lossy(found.as_bytes()).into_owned();
                self.seen.push_str(&text);
                text
            }
            Err(e) => {
                let pending = self.drain();
                panic!(
                    "waiting for {needle:?}: {e}\n--- output so far ---\n{:?}\n--- unmatched output ---\n{pending:?}",
                    self.seen
                );
            }
        }
    }

    /// Waits until one of `needles` has been printed; returns the index of the first one found.
    pub(crate) fn expect_any(&mut self, needles: &[&str]) -> usize {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.drain();
            if let Some(i) = needles.iter().position(|n| self.seen.contains(n)) {
                return i;
            }
            assert!(Instant::now() < deadline, "waiting for one of {needles:?}; output:\n{:?}", self.seen);
            sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the prompt `ftp USER@127.0.0.1:DIR> `.
    pub(crate) fn prompt(&mut self, user: &str, dir: &str) -> String {
        self.expect(&format!("ftp {user}@127.0.0.1:{dir}> "))
    }

    /// Types `pwd` and waits for `dir` on a line of its own, then for the prompt.
    pub(crate) fn pwd_is(&mut self, user: &str, dir: &str) {
        self.line("pwd");
        self.expect(&format!("\r\n{dir}\r\n"));
        self.prompt(user, dir);
    }

    /// Types `keys` (no Enter).
    pub(crate) fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("write to the pty");
    }

    /// Types a control key.
    pub(crate) fn control(&mut self, code: ControlCode) {
        self.session.send([u8::from(code)]).expect("write to the pty");
    }

    /// Types `line` and Enter.
    pub(crate) fn line(&mut self, line: &str) {
        self.send(&format!("{line}{ENTER}"));
    }

    /// Reads whatever output is available now, without waiting; it also goes into `seen`.
    pub(crate) fn drain(&mut self) -> String {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        // Err is WouldBlock (nothing more yet) or EIO (the child has closed the terminal).
        while let Ok(n @ 1..) = self.session.try_read(&mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
        let text = String::from_utf8_lossy(&out).into_owned();
        self.seen.push_str(&text);
        text
    }

    /// Waits for the process to end and returns how it ended.
    pub(crate) fn wait(&mut self) -> WaitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.drain();
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(status) => return status,
                Err(e) => panic!("waitpid: {e}"),
            }
            assert!(Instant::now() < deadline, "ftpsh did not exit; output:\n{:?}", self.seen);
            sleep(Duration::from_millis(20));
        }
    }

    /// Ctrl-D on an empty line, then waits for the exit; asserts status 0.
    pub(crate) fn quit(&mut self) {
        self.control(ControlCode::EndOfTransmission);
        match self.wait() {
            WaitStatus::Exited(_, 0) => {}
            other => panic!("ftpsh ended with {other:?}; output:\n{:?}", self.seen),
        }
    }
}

/// The server URL with the anonymous user spelled out (without one, the shell asks for a name).
fn anonymous_url(srv: &TestServer) -> String {
    format!("ftp://anonymous@127.0.0.1:{}", srv.port)
}

#[test]
fn prompt_shows_user_host_and_directory() {
    let srv = TestServer::start();
    std::fs::create_dir(srv.path("docs")).unwrap();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);

    sh.pwd_is("anonymous", "/");

    sh.line("cd docs");
    sh.expect("Remote directory: /docs");
    sh.prompt("anonymous", "/docs");
    sh.pwd_is("anonymous", "/docs");
    sh.quit();
}

#[test]
fn tab_completes_command_names_and_choices() {
    let srv = TestServer::start();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);

    // `bin` alone would also run `binary` (unique prefix), so look at the completed line too.
    sh.send("bin\t");
    sh.expect("/> binary ");
    sh.send(ENTER);
    sh.expect("Using binary mode to transfer files.");
    sh.prompt("anonymous", "/");

    sh.send("type a\t");
    sh.expect("/> type ascii ");
    sh.send(ENTER);
    sh.expect("Using ascii mode to transfer files.");
    sh.prompt("anonymous", "/");

    sh.send("he\t");
    sh.expect("/> help ");
    sh.send(ENTER);
    sh.expect("Commands (a unique prefix works");
    sh.prompt("anonymous", "/");
    sh.quit();
}

#[test]
fn ctrl_c_at_the_prompt_clears_the_line_and_keeps_the_shell() {
    let srv = TestServer::start();
    std::fs::write(srv.path("important"), "keep me\n").unwrap();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);

    sh.send("delete important");
    sh.expect("delete important");
    sh.control(ControlCode::EndOfText);
    sh.prompt("anonymous", "/");

    // Had the line survived, Enter would run `delete importantpwd`.
    sh.line("pwd");
    let out = sh.expect("\r\n/\r\n");
    assert!(!out.contains("error"), "after Ctrl-C: {out:?}");
    sh.prompt("anonymous", "/");
    sh.quit();
    assert_eq!(
        std::fs::read_to_string(srv.path("important")).unwrap(),
        "keep me\n",
        "the file must survive; output:\n{:?}",
        sh.seen
    );
}

#[test]
fn ctrl_d_quits_with_status_zero() {
    let srv = TestServer::start();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);
    sh.control(ControlCode::EndOfTransmission);
    match sh.wait() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0, "output:\n{:?}", sh.seen),
        other => panic!("ftpsh ended with {other:?}; output:\n{:?}", sh.seen),
    }
}

#[test]
fn history_persists_but_never_keeps_passwords() {
    let srv = TestServer::start();
    std::fs::write(srv.path("listed.txt"), "x\n").unwrap();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);

    sh.pwd_is("anonymous", "/");

    sh.line(&format!("user {USER} {PASSWORD}"));
    sh.expect(&format!("Logged in as {USER}."));
    sh.prompt(USER, "/");

    sh.line(&format!("open ftp://{USER}:{PASSWORD}@127.0.0.1:{}", srv.port));
    sh.expect(&format!("Logged in as {USER}."));
    sh.prompt(USER, "/");

    // A flag before the verb's arguments must not hide the URL's password from the filter.
    sh.line(&format!("bookmark add -p home ftp://{USER}:{PASSWORD}@127.0.0.1:{}/", srv.port));
    sh.expect("Bookmark home ->");
    sh.prompt(USER, "/");

    sh.line(" ls");
    sh.expect("listed.txt");
    sh.prompt(USER, "/");
    sh.quit();

    let history_file = sandbox.data_dir().join("history");
    let history = std::fs::read_to_string(&history_file)
        .unwrap_or_else(|e| panic!("history file {}: {e}", history_file.display()));
    let entries: Vec<&str> = history.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(entries.contains(&"pwd"), "history: {history:?}");
    assert!(!history.contains(PASSWORD), "history: {history:?}");
    assert!(
        !entries.iter().any(|e| e.trim() == "ls"),
        "a line starting with a space must not be saved: {history:?}"
    );

    // A new shell with the same home recalls `pwd` with the Up arrow: the secret lines were
    // never added, so `pwd` is the most recent entry.
    let mut sh = spawn_anonymous(&sandbox, &srv);
    sh.send(UP);
    sh.expect("/> pwd");
    sh.send(ENTER);
    sh.expect("\r\n/\r\n");
    sh.prompt("anonymous", "/");
    // Typing the start of a past command shows the rest as a hint.
    sh.send("pw");
    sh.expect("/> pw");
    sh.expect("d");
    sh.send("\x7f\x7f");
    // `history` lists what was kept, and nothing secret.
    sh.line("history");
    let listed = sh.expect("2  history");
    assert!(listed.contains("1  pwd\r\n") && !listed.contains(PASSWORD), "{listed:?}");
    sh.prompt("anonymous", "/");
    sh.quit();
}

#[test]
fn password_prompt_does_not_echo() {
    let srv = TestServer::start();
    let sandbox = Sandbox::new();
    let port = srv.port.to_string();
    let mut sh = spawn(&sandbox, &["-u", USER, "127.0.0.1", &port]);
    sh.expect("Password:");

    // The terminal had echo on; ftpsh must turn it off before reading the password. Wait for
    // that (it happens just after the prompt is printed) before typing.
    let deadline = Instant::now() + TIMEOUT;
    while sh.session.get_process().get_echo().expect("read termios") {
        assert!(Instant::now() < deadline, "echo still on at the password prompt; output:\n{:?}", sh.seen);
        sleep(Duration::from_millis(10));
    }
    sh.line(PASSWORD);
    sh.expect(&format!("Logged in as {USER}."));
    sh.prompt(USER, "/");
    sh.pwd_is(USER, "/");
    sh.quit();
    assert!(!sh.seen.contains(PASSWORD), "the password was echoed:\n{:?}", sh.seen);
}

#[test]
fn name_prompt_defaults_to_anonymous() {
    let srv = TestServer::start();
    let sandbox = Sandbox::new();
    let port = srv.port.to_string();
    let mut sh = spawn(&sandbox, &["127.0.0.1", &port]);
    sh.expect("Name (");
    sh.expect("): ");
    sh.send(ENTER);
    sh.expect("Logged in as anonymous.");
    sh.prompt("anonymous", "/");
    sh.quit();
}

#[test]
fn errors_keep_the_shell_alive() {
    let srv = TestServer::start();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);

    sh.line("cd /nope");
    sh.expect("550");
    sh.prompt("anonymous", "/");

    sh.line("bogus");
    sh.expect("unknown command 'bogus'");
    sh.prompt("anonymous", "/");

    sh.line("pwdd");
    sh.expect("did you mean 'pwd'");
    sh.prompt("anonymous", "/");

    sh.pwd_is("anonymous", "/");
    sh.quit();
}

#[test]
fn tab_completes_a_remote_directory_with_a_space_and_enter_changes_into_it() {
    let srv = TestServer::start();
    std::fs::create_dir_all(srv.path("my dir/inner")).unwrap();
    std::fs::write(srv.path("my file.txt"), "x").unwrap();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);

    // `cd` completes directories only, so `my` is unique: the quoted name and a slash.
    sh.send("cd my\t");
    sh.expect("/> cd my\\ dir/");
    // The next Tab goes on inside the directory.
    sh.send("\t");
    sh.expect("cd my\\ dir/inner/");
    sh.send(ENTER);
    sh.expect("Remote directory: /my dir/inner");
    sh.prompt("anonymous", "/my dir/inner");

    // Files and directories both complete for `get`; two matches list both names.
    sh.line("cd /");
    sh.prompt("anonymous", "/");
    sh.send("get my\t\t");
    sh.expect("my dir/");
    sh.expect("my file.txt");
    // The common prefix was completed; one more letter makes it unique.
    sh.send("f\t");
    sh.expect("get my\\ file.txt ");
    sh.send(ENTER);
    sh.expect("my file.txt -> my file.txt: 1 B in ");
    sh.prompt("anonymous", "/");
    assert_eq!(std::fs::read(sandbox.work().join("my file.txt")).unwrap(), b"x");
    sh.quit();
}

#[test]
fn ctrl_c_during_a_transfer_cancels_it_and_keeps_the_shell() {
    let srv = TestServer::start();
    // Large enough that the download is still running when Ctrl-C arrives (sparse: no disk),
    // with a start unlike the zeros after it, so that a resume can prove its overlap.
    let size: u64 = 64 << 20;
    std::fs::write(srv.path("big.bin"), [1u8; 4096]).unwrap();
    std::fs::File::options().write(true).open(srv.path("big.bin")).unwrap().set_len(size).unwrap();
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);
    sh.line("get big.bin");
    // Wait until data is arriving (more than a resume's 4 KiB overlap), then press Ctrl-C.
    let part = sandbox.work().join("big.bin.ftpsh.part");
    let deadline = Instant::now() + TIMEOUT;
    while std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0) <= 8192 {
        assert!(Instant::now() < deadline, "the download never started");
        sleep(Duration::from_millis(10));
    }
    sh.control(ControlCode::EndOfText);
    sh.expect("interrupted (partial data kept in big.bin.ftpsh.part; `reget` resumes)");
    sh.prompt("anonymous", "/");
    assert!(!sandbox.work().join("big.bin").exists(), "no file under the final name");
    let kept = std::fs::metadata(&part).unwrap().len();
    assert!(kept > 0 && kept < size, "{kept}");
    // The session is still in step, and reget finishes the job.
    sh.pwd_is("anonymous", "/");
    sh.line("reget big.bin");
    sh.expect("resumed at");
    sh.prompt("anonymous", "/");
    assert_eq!(std::fs::metadata(sandbox.work().join("big.bin")).unwrap().len(), size);
    assert!(!part.exists());
    sh.quit();
}

#[test]
fn mget_asks_before_each_file_in_the_interactive_shell() {
    let srv = TestServer::start();
    for name in ["a.txt", "b.txt", "c.txt", "d.txt"] {
        std::fs::write(srv.path(name), name).unwrap();
    }
    let sandbox = Sandbox::new();
    let mut sh = spawn_anonymous(&sandbox, &srv);
    sh.line("mget *.txt");
    sh.expect("mget a.txt? [Y/n/a/q] ");
    sh.line("y");
    sh.expect("mget b.txt? [Y/n/a/q] ");
    sh.line("n");
    sh.expect("mget c.txt? [Y/n/a/q] ");
    sh.line("a");
    sh.expect("mget: 3 files");
    sh.prompt("anonymous", "/");
    let got = |n: &str| sandbox.work().join(n).exists();
    assert!(got("a.txt") && !got("b.txt") && got("c.txt") && got("d.txt"));
    // With prompt off, no questions.
    sh.line("prompt off");
    sh.prompt("anonymous", "/");
    sh.line("mget -f b*");
    sh.expect("mget: 1 file,");
    sh.prompt("anonymous", "/");
    assert!(got("b.txt"));
    sh.quit();
}

#[test]
fn an_untrusted_certificate_can_be_trusted_always_and_is_then_remembered() {
    let srv = TestServer::start_tls();
    let sandbox = Sandbox::new();
    let url = srv.user_url();
    let prompt = format!("ftp {USER}@127.0.0.1:/> ");
    // libunftp, the test server, sometimes mishandles a TLS hello that arrives right after its
    // `234` reply (see tls.rs); a run that hits it is started over, at most three times.
    const RACE: &str = "InvalidContentType";
    const QUESTION: &str = "Trust this certificate? (o)nce, (a)lways, (N)o: ";
    let mut asked = false;
    for _ in 0..3 {
        let mut sh = spawn(&sandbox, &[&url]);
        if sh.expect_any(&[QUESTION, prompt.as_str(), RACE]) == 0 {
            assert!(sh.seen.contains("Fingerprint: SHA256:"), "{:?}", sh.seen);
            asked = true;
            sh.line("a");
        }
        let connected = sh.expect_any(&[prompt.as_str(), RACE]) == 0;
        if !connected {
            sh.expect_any(&["ftp> "]);
        }
        sh.quit();
        if connected {
            break;
        }
    }
    assert!(asked, "the shell asked about the certificate");
    let known = std::fs::read_to_string(sandbox.config_dir().join("known_certificates.toml")).unwrap();
    assert!(known.contains(&format!("\"127.0.0.1:{}\" = \"SHA256:", srv.port)), "{known}");
    for _ in 0..3 {
        let mut sh = spawn(&sandbox, &[&url]);
        let connected = sh.expect_any(&[prompt.as_str(), RACE]) == 0;
        assert!(!sh.seen.contains("Trust this certificate"), "remembered: {:?}", sh.seen);
        if !connected {
            sh.expect_any(&["ftp> "]);
        }
        sh.quit();
        if connected {
            return;
        }
    }
    panic!("no connection in three tries");
}

#[test]
fn keepalive_sends_noops_while_the_prompt_waits_and_the_shell_goes_on() {
    use crate::support::scripted::{self, Script};
    let srv = scripted::start(Script::new());
    let sandbox = Sandbox::new();
    let mut sh = spawn(&sandbox, &[&srv.url()]);
    sh.prompt("bob", "/");
    let noops = || srv.commands().iter().filter(|c| c.as_str() == "NOOP").count();
    assert_eq!(noops(), 0, "off by default");
    sh.line("set keepalive 0.2");
    sh.expect("keepalive = \"0.2\"");
    sh.prompt("bob", "/");
    // Nothing is typed now; the NOOPs come from the prompt's keepalive thread.
    let deadline = Instant::now() + TIMEOUT;
    while noops() < 2 {
        assert!(Instant::now() < deadline, "no keepalive: {:?}", srv.commands());
        sleep(Duration::from_millis(50));
    }
    sh.pwd_is("bob", "/");
    // The history's hint redraws the prompt while the line is typed: the prompt counts only
    // after the command's own output.
    sh.line("set keepalive 0");
    sh.expect("keepalive = \"0\"");
    sh.prompt("bob", "/");
    sh.quit();
}
