//! A private place to run the real `ftpsh` binary: HOME under `home/` (XDG config and data
//! directories and the netrc path inside it), the working directory `work/` beside it, no colour,
//! no inherited password or config, and a time limit on every run. Also the text of a finished
//! run's output, and a snapshot of a directory tree to compare two trees by.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;

/// A temporary directory holding `home/` and `work/`.
pub struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir(root.path().join("home")).unwrap();
        fs::create_dir(root.path().join("work")).unwrap();
        Sandbox { root }
    }

    /// The sandbox itself (holding `home/` and `work/`).
    pub fn root(&self) -> PathBuf {
        self.root.path().to_path_buf()
    }

    pub fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    pub fn work(&self) -> PathBuf {
        self.root.path().join("work")
    }

    /// `ftpsh/` in the config directory: bookmarks, known certificates, config.toml.
    pub fn config_dir(&self) -> PathBuf {
        self.home().join("config/ftpsh")
    }

    /// `ftpsh/` in the data directory: the history file.
    pub fn data_dir(&self) -> PathBuf {
        self.home().join("data/ftpsh")
    }

    /// Sets `cmd` up to run in the sandbox (whatever the program: `ftpsh` itself, or a shell that
    /// execs it): the environment described at the top of this file and `work/` as its working
    /// directory.
    pub fn setup<'c>(&self, cmd: &'c mut std::process::Command) -> &'c mut std::process::Command {
        let home = self.home();
        cmd.env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("NETRC", home.join("netrc"))
            .env("NO_COLOR", "1")
            .env_remove("FTPSH_PASSWORD")
            .env_remove("FTPSH_CONFIG")
            .current_dir(self.work())
    }

    /// `ftpsh` set up to run in the sandbox, with a time limit.
    pub fn ftpsh(&self) -> Command {
        let mut std_cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ftpsh"));
        self.setup(&mut std_cmd);
        let mut cmd = Command::from_std(std_cmd);
        cmd.timeout(Duration::from_secs(30));
        cmd
    }

    /// Starts `ftpsh ARGS` in the sandbox with nothing on stdin, waits (at most 20 s) until
    /// `ready` holds, presses Ctrl-C (SIGINT), and returns the exit code, stderr, and how long the
    /// exit took after the signal.
    pub fn interrupt_when(&self, args: &[&str], ready: impl Fn() -> bool) -> (i32, String, Duration) {
        use std::io::Read;
        use std::process::Stdio;
        use std::time::Instant;
        let mut child = self
            .setup(&mut std::process::Command::new(env!("CARGO_BIN_EXE_ftpsh")))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while !ready() {
            if Instant::now() >= deadline {
                let _ = child.kill();
                panic!("ftpsh {args:?} never got to where it was to be interrupted");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
        let pressed = Instant::now();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        (status.code().unwrap_or(-1), err, pressed.elapsed())
    }

    /// Writes `ftpsh/config.toml` in the config directory.
    pub fn write_config(&self, text: &str) {
        fs::create_dir_all(self.config_dir()).unwrap();
        fs::write(self.config_dir().join("config.toml"), text).unwrap();
    }

    /// Runs `ftpsh ARGS` with `stdin`; returns how it ended.
    pub fn output(&self, args: &[&str], stdin: &str) -> Output {
        self.ftpsh().args(args).write_stdin(stdin.to_string()).output().unwrap()
    }

    /// Runs `ftpsh ARGS` with `stdin`; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str], stdin: &str) -> (i32, String, String) {
        finish(self.ftpsh().args(args), stdin)
    }
}

/// Runs `cmd` with `stdin`; returns (exit code, stdout, stderr).
pub fn finish(cmd: &mut Command, stdin: &str) -> (i32, String, String) {
    let out = cmd.write_stdin(stdin.to_string()).output().unwrap();
    (out.status.code().unwrap_or(-1), stdout(&out), stderr(&out))
}

/// What a finished run wrote to stdout, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a finished run wrote to stderr, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` (relative path, contents) and every directory (with a trailing `/`),
/// sorted: two trees are equal when these are.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            if e.path().is_dir() {
                out.push((format!("{rel}/"), Vec::new()));
                stack.push(e.path());
            } else {
                out.push((rel, fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}
