//! `--progress json`: transfer progress as one JSON object per event on stderr, for programs
//! that follow long transfers (the schema is in docs/GUIDE.md, "Machine-readable progress"):
//! `start` when a transfer (or a retry of it) begins, `progress` at most once a second while it
//! runs, and at the end its record with the event `done`, `failed` or `interrupted` (the fields
//! of the transfer log). Names are escaped as every JSON line is ([`crate::text::json_line`]).

use std::io::Write;
use std::time::{Duration, Instant};

use super::{Sink, lock};
use crate::text::json_line;
use crate::transfer::Progress;
use crate::transfer::log::Record;

/// How often a `progress` event is printed while bytes flow.
const EVERY: Duration = Duration::from_secs(1);

/// A [`Progress`] that prints JSON events.
pub struct Events {
    err: Sink,
    name: String,
    total: Option<u64>,
    done: u64,
    moved: u64,
    began: Instant,
    last: Instant,
}

impl Events {
    /// Events printed to `err`.
    pub fn new(err: Sink) -> Events {
        let now = Instant::now();
        Events { err, name: String::new(), total: None, done: 0, moved: 0, began: now, last: now }
    }

    fn emit(&self, value: &serde_json::Value) {
        let mut err = lock(&self.err);
        let _ = writeln!(err, "{}", json_line(value));
        let _ = err.flush();
    }
}

impl Progress for Events {
    fn begin(&mut self, name: &str, total: Option<u64>, done: u64) {
        (self.name, self.total, self.done, self.moved) = (name.to_string(), total, done, 0);
        (self.began, self.last) = (Instant::now(), Instant::now());
        self.emit(&serde_json::json!({ "event": "start", "name": name, "total": total, "bytes": done }));
    }

    fn advance(&mut self, bytes: u64) {
        self.moved += bytes;
        if self.last.elapsed() < EVERY {
            return;
        }
        self.last = Instant::now();
        let secs = self.began.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { (self.moved as f64 / secs) as u64 } else { 0 };
        self.emit(&serde_json::json!({ "event": "progress", "name": self.name, "total": self.total,
            "bytes": self.done + self.moved, "rate": rate, "seconds": secs }));
    }

    fn end(&mut self) {}

    fn outcome(&mut self, record: &Record) {
        let mut value = record.json();
        value["event"] = record.result.into();
        self.emit(&value);
    }
}
