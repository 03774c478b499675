//! The shell in-process: a [`Shell`] whose stdout and stderr are captured in buffers, optionally
//! logged in to a server, with helpers for lines that must succeed or fail. Nothing here touches
//! process-wide state (the working directory, the trace, the Ctrl-C flag, colour); a test that
//! needs to change one runs the real binary instead.
#![allow(dead_code)]

use ftpsh::error::Error;
use ftpsh::shell::Shell;
use ftpsh::ui::{Buffer, Ui};

use super::server::TestServer;

/// A shell with captured stdout/stderr.
pub struct Harness {
    pub sh: Shell,
    pub out: Buffer,
    pub err: Buffer,
}

impl Harness {
    /// Not connected; the transfer log off (it would go to the data directory of whoever runs
    /// the tests: a test of the log names a file of its own).
    pub fn new() -> Harness {
        let (ui, out, err) = Ui::captured();
        let mut sh = Shell::new(ui);
        sh.set("transfer-log", "off").expect("a known setting");
        Harness { sh, out, err }
    }

    /// Logged in to `url` (`open URL` must succeed), with empty buffers.
    pub fn open(url: &str) -> Harness {
        let mut h = Harness::new();
        h.ok(&format!("open {url}"));
        h.clear();
        h
    }

    /// Logged in to `srv` as alice.
    pub fn connected(srv: &TestServer) -> Harness {
        Harness::open(&srv.user_url())
    }

    /// Runs a line that must succeed; returns its stdout.
    pub fn ok(&mut self, line: &str) -> String {
        self.clear();
        if let Err(e) = self.sh.execute(line) {
            panic!("{line}: {e} (stderr: {})", self.err.text());
        }
        self.out.text()
    }

    /// Runs a line that must fail; returns the error.
    pub fn fails(&mut self, line: &str) -> Error {
        self.clear();
        match self.sh.execute(line) {
            Ok(_) => panic!("{line}: expected an error; stdout: {}", self.out.text()),
            Err(e) => e,
        }
    }

    pub fn clear(&self) {
        self.out.clear();
        self.err.clear();
    }
}
