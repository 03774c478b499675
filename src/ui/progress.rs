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
            ProgressMode::Bar | ProgressMode::Auto => {
                Box::new(Bar { multi: self.multi.clone(), bar: None, known: false, layout: Layout::of(80) })
            }
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
/// The line fits the terminal: what it shows depends on the width ([`Layout`]), which is read
/// again as the transfer goes (one `ioctl` per chunk), so a resized terminal gets a line that
/// fits it.
struct Bar {
    multi: MultiProgress,
    bar: Option<ProgressBar>,
    known: bool,
    layout: Layout,
}

impl Progress for Bar {
    fn begin(&mut self, name: &str, total: Option<u64>, done: u64) {
        let bar = match total {
            Some(t) => ProgressBar::new(t),
            None => ProgressBar::new_spinner(),
        };
        self.known = total.is_some();
        self.layout = Layout::of(terminal_width());
        let bar = self.multi.add(bar.with_style(self.layout.style(self.known)).with_message(sanitize(name)));
        bar.set_position(done);
        bar.reset_eta();
        self.bar = Some(bar);
    }

    fn advance(&mut self, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        // Before the bar may draw: a resized terminal gets a line that fits it at once.
        let layout = Layout::of(terminal_width());
        if layout != self.layout {
            self.layout = layout;
            bar.set_style(layout.style(self.known));
        }
        bar.inc(bytes);
    }

    fn end(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
    }
}

/// The width of the terminal on stderr (80 when it cannot be read).
fn terminal_width() -> u16 {
    console::Term::stderr().size_checked().map_or(80, |(_, cols)| cols)
}

/// What a bar line holds at a given terminal width: the name's width and whether the rate and
/// the ETA fit. The bar itself takes what is left (`wide_bar`), so the line is never wider than
/// the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// Columns for the file's name.
    name: usize,
    /// Whether the rate is shown.
    rate: bool,
    /// Whether the ETA is shown.
    eta: bool,
}

impl Layout {
    fn of(width: u16) -> Layout {
        match width {
            100.. => Layout { name: 24, rate: true, eta: true },
            76..=99 => Layout { name: 16, rate: true, eta: false },
            56..=75 => Layout { name: 12, rate: false, eta: true },
            _ => Layout { name: 8, rate: false, eta: false },
        }
    }

    /// The bar's template; a spinner when the size is not `known`.
    fn template(self, known: bool) -> String {
        let rate = if self.rate { " {binary_bytes_per_sec}" } else { "" };
        if !known {
            return format!("{{spinner}} {{msg:{}!}} {{binary_bytes}}{rate}", self.name);
        }
        let eta = if self.eta { " eta {eta}" } else { "" };
        format!("{{msg:{}!}} [{{wide_bar}}] {{binary_bytes}}/{{binary_total_bytes}}{rate}{eta}", self.name)
    }

    fn style(self, known: bool) -> ProgressStyle {
        let style = ProgressStyle::with_template(&self.template(known)).expect("valid template");
        style.progress_chars("=> ")
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
