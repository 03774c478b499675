//! The record of each single-file transfer: what moved where, how much, how long, how it was
//! verified and how it ended ([`Record`]). `logged` wraps every transfer (commands, batches,
//! mirrors, background jobs): it hands the record to the [`Progress`] (`--progress json` shows
//! it) and appends it as one JSON line to the transfer log (`transfer-log`), whatever the ending:
//! done, failed or interrupted. `--json` summaries use the same record. A log that cannot be
//! written does not fail the transfer. Never prints.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::time::{Instant, SystemTime};

use super::{Progress, Report};
use crate::error::{Error, Exit, Result};
use crate::session::Session;

/// Which way a transfer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the server.
    Download,
    /// To the server.
    Upload,
}

/// One transfer, as the log and `--json` show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// When it ended (RFC 3339, UTC).
    pub time: String,
    /// Which way.
    pub direction: Direction,
    /// The server (`host:port`).
    pub server: String,
    /// The remote path (absolute when the remote directory is known).
    pub remote: String,
    /// The local path (absolute), or `-` for stdout.
    pub local: String,
    /// Bytes moved by this transfer.
    pub bytes: u64,
    /// Bytes that were already there (resume).
    pub resumed_at: u64,
    /// Seconds it took, retries included.
    pub seconds: f64,
    /// What was checked: `size`, `SHA-256`, `overlap`...
    pub verified: Vec<&'static str>,
    /// `done`, `failed` or `interrupted`.
    pub result: &'static str,
    /// Why it failed.
    pub error: Option<String>,
}

impl Record {
    /// The record of a transfer of `remote` and `local` on `session` that ended with `outcome`
    /// (`moved`: the bytes counted when there is no report) after `seconds`.
    pub fn new(
        session: &Session,
        direction: Direction,
        (remote, local): (&str, &Path),
        outcome: std::result::Result<&Report, &Error>,
        moved: u64,
        seconds: f64,
    ) -> Record {
        let remote = match session.cwd() {
            Some(cwd) if !remote.starts_with('/') => super::walk::remote_join(cwd, remote),
            _ => remote.to_string(),
        };
        let local = match local {
            l if l == Path::new("-") => "-".to_string(),
            l => crate::charset::from_os(
                std::path::absolute(l).unwrap_or_else(|_| l.to_path_buf()).as_os_str(),
            ),
        };
        let (bytes, resumed_at, verified) = match outcome {
            Ok(r) => (r.bytes, r.skipped, r.verified.clone()),
            Err(_) => (moved, 0, Vec::new()),
        };
        let (result, error) = match outcome {
            Ok(_) => ("done", None),
            Err(e) if e.exit() == Exit::Interrupted => ("interrupted", None),
            Err(e) => ("failed", Some(e.to_string())),
        };
        let time = chrono::DateTime::<chrono::Utc>::from(SystemTime::now())
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let server = session.authority().unwrap_or_default();
        Record { time, direction, server, remote, local, bytes, resumed_at, seconds, verified, result, error }
    }

    /// The record as a JSON object (the log's line, the `--json` record). Names with bytes that
    /// did not decode show them as `\xNN`, with the exact bytes in `remote_hex`/`local_hex`.
    pub fn json(&self) -> serde_json::Value {
        let direction = match self.direction {
            Direction::Download => "download",
            Direction::Upload => "upload",
        };
        let mut value = serde_json::json!({
            "time": self.time, "direction": direction, "server": self.server, "bytes": self.bytes,
            "resumed_at": self.resumed_at, "seconds": self.seconds, "verified": self.verified,
            "result": self.result,
        });
        crate::text::json_text(&mut value, "remote", &self.remote);
        crate::text::json_text(&mut value, "local", &self.local);
        if let Some(e) = &self.error {
            value["error"] = e.clone().into();
        }
        value
    }
}

/// Runs one transfer of `paths` (remote, local) going `direction` through `run`, then hands its
/// record to `progress` and to the transfer log.
pub(super) fn logged(
    session: &mut Session,
    direction: Direction,
    paths: (&str, &Path),
    progress: &mut dyn Progress,
    run: impl FnOnce(&mut Session, &mut dyn Progress) -> Result<Report>,
) -> Result<Report> {
    let start = Instant::now();
    let mut counted = Counted::new(progress);
    let result = run(session, &mut counted);
    let moved = counted.moved;
    let seconds = start.elapsed().as_secs_f64();
    let record = Record::new(session, direction, paths, result.as_ref(), moved, seconds);
    progress.outcome(&record);
    if let Some(path) = &session.net().transfer_log {
        let _ = append(path, &record);
    }
    result
}

/// Appends `record` as one line to the log at `path` (created with its directory). The
/// directory is made only when the log cannot be opened without it: a batch of many files
/// costs one open and one write per record.
fn append(path: &Path, record: &Record) -> std::io::Result<()> {
    let open = || OpenOptions::new().create(true).append(true).open(path);
    let mut log = match open() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir)?;
            }
            open()?
        }
        opened => opened?,
    };
    let line = format!("{}\n", crate::text::json_line(&record.json()));
    log.write_all(line.as_bytes())
}

/// A [`Progress`] that counts what passes through it.
pub(super) struct Counted<'a> {
    inner: &'a mut dyn Progress,
    pub moved: u64,
}

impl<'a> Counted<'a> {
    /// Counts what passes to `inner`.
    pub fn new(inner: &'a mut dyn Progress) -> Counted<'a> {
        Counted { inner, moved: 0 }
    }
}

impl Progress for Counted<'_> {
    fn begin(&mut self, name: &str, total: Option<u64>, done: u64) {
        self.inner.begin(name, total, done);
    }
    fn advance(&mut self, bytes: u64) {
        self.moved += bytes;
        self.inner.advance(bytes);
    }
    fn end(&mut self) {
        self.inner.end();
    }
}
