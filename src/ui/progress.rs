//! Transfer progress on stderr, in the mode the user chose: indicatif bars (one per transfer,
//! plus an aggregate line for batches), plain status lines every few seconds for logs, the classic
//! `hash` marks, or nothing. Implements the engine's [`Progress`] and [`Meter`].

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::render::{human_bytes, sanitize};
use super::{Sink, lock};
use crate::config::settings::ProgressMode;
use crate::error::Result;
use crate::transfer::batch::{Job, Meter};
use crate::transfer::{Progress, Report, Silent};

/// How often the plain mode prints a line.
const PLAIN_EVERY: Duration = Duration::from_secs(3);
/// Bytes per `#` in hash mode.
const HASH_EVERY: u64 = 1024 * 1024;

/// The progress displays of one command: what to draw, and the bars drawn so far.
pub struct Display {
    mode: ProgressMode,
    err: Sink,
    hash: bool,
    multi: MultiProgress,
    overall: Option<ProgressBar>,
    files: usize,
    done: AtomicU64,
    watch: Option<super::watch::Watch>,
}

impl Display {
    /// A display for `mode` (already resolved: `Auto` means a bar) with `hash` marks on or off;
    /// plain lines and marks go to `err`, bars are drawn by indicatif on the terminal (only
    /// when the UI found stderr to be one).
    pub fn new(mode: ProgressMode, hash: bool, err: Sink) -> Display {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        Display { mode, err, hash, multi, overall: None, files: 0, done: AtomicU64::new(0), watch: None }
    }

    /// The display with every transfer also counted into `watch` (a background job's).
    pub fn watched(mut self, watch: Option<super::watch::Watch>) -> Display {
        self.watch = watch;
        self
    }

    /// Adds the aggregate line of a batch of `files` files (`total` bytes when known): files
    /// done, bytes done, rate and ETA.
    pub fn batch(mut self, files: usize, total: Option<u64>) -> Display {
        if self.mode == ProgressMode::Bar && files > 1 {
            let template = match total {
                Some(_) => "total {msg} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
                None => "total {msg} {binary_bytes} {binary_bytes_per_sec} [{elapsed}]",
            };
            let style = ProgressStyle::with_template(template).expect("valid template");
            let bar = self.multi.add(ProgressBar::new(total.unwrap_or(0)).with_style(style));
            bar.set_message(format!("0/{files} files"));
            self.files = files;
            self.overall = Some(bar);
        }
        self
    }

    /// A [`Progress`] for one transfer or one worker.
    pub fn progress(&self) -> Box<dyn Progress + Send> {
        let shown = self.shown();
        match &self.watch {
            Some(watch) => watch.wrap(shown),
            None => shown,
        }
    }

    fn shown(&self) -> Box<dyn Progress + Send> {
        if self.hash {
            return Box::new(Hashes { done: 0, err: Arc::clone(&self.err) });
        }
        match self.mode {
            ProgressMode::Bar | ProgressMode::Auto => Box::new(Bar { multi: self.multi.clone(), bar: None }),
            ProgressMode::Plain => {
                let err = Arc::clone(&self.err);
                Box::new(Plain { name: String::new(), total: None, done: 0, last: Instant::now(), err })
            }
            ProgressMode::None => Box::new(Silent),
            ProgressMode::Json => Box::new(super::events::Events::new(Arc::clone(&self.err))),
        }
    }
}

impl Meter for Display {
    fn progress(&self) -> Box<dyn Progress + Send> {
        Display::progress(self)
    }

    fn finished(&self, _: &Job, result: &Result<Report>) {
        if let Some(overall) = &self.overall {
            let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
            overall.set_message(format!("{done}/{} files", self.files));
            if let Ok(r) = result {
                overall.inc(r.bytes + r.skipped);
            }
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(bar) = self.overall.take() {
            bar.finish_and_clear();
        }
    }
}

/// An indicatif bar: name, bytes done of total, rate, ETA; a spinner when the size is unknown.
struct Bar {
    multi: MultiProgress,
    bar: Option<ProgressBar>,
}

impl Progress for Bar {
    fn begin(&mut self, name: &str, total: Option<u64>, done: u64) {
        let (bar, template) = match total {
            Some(t) => (
                ProgressBar::new(t),
                "{msg:24!} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
            ),
            None => (ProgressBar::new_spinner(), "{spinner} {msg:24!} {binary_bytes} {binary_bytes_per_sec}"),
        };
        let style = ProgressStyle::with_template(template).expect("valid template").progress_chars("=> ");
        let bar = self.multi.add(bar.with_style(style).with_message(sanitize(name)));
        bar.set_position(done);
        bar.reset_eta();
        self.bar = Some(bar);
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn end(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
    }
}

/// A line every few seconds, for logs: no carriage returns, no escape codes.
struct Plain {
    name: String,
    total: Option<u64>,
    done: u64,
    last: Instant,
    err: Sink,
}

impl Progress for Plain {
    fn begin(&mut self, name: &str, total: Option<u64>, done: u64) {
        (self.name, self.total, self.done, self.last) = (sanitize(name), total, done, Instant::now());
    }

    fn advance(&mut self, bytes: u64) {
        self.done += bytes;
        if self.last.elapsed() >= PLAIN_EVERY {
            self.last = Instant::now();
            let of = match self.total {
                Some(t) if t > 0 => format!(" of {} ({}%)", human_bytes(t as f64), self.done * 100 / t),
                _ => String::new(),
            };
            let _ = writeln!(lock(&self.err), "{}: {}{of}", self.name, human_bytes(self.done as f64));
        }
    }

    fn end(&mut self) {}
}

/// The classic `hash` toggle: a `#` per MiB.
struct Hashes {
    done: u64,
    err: Sink,
}

impl Progress for Hashes {
    fn begin(&mut self, _: &str, _: Option<u64>, done: u64) {
        self.done = done - done % HASH_EVERY;
    }

    fn advance(&mut self, bytes: u64) {
        let before = self.done / HASH_EVERY;
        self.done += bytes;
        let marks = (self.done / HASH_EVERY - before) as usize;
        if marks > 0 {
            let mut err = lock(&self.err);
            let _ = err.write_all("#".repeat(marks).as_bytes());
            let _ = err.flush();
        }
    }

    fn end(&mut self) {
        let _ = writeln!(lock(&self.err));
    }
}
