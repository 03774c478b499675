//! Following a transfer from elsewhere: a [`Watch`] counts what a background job's transfers
//! move (bytes done of the total known so far, the rate, the ETA) for `jobs`, and [`follow`]
//! draws a bar from those counts for `fg` until the job ends. The job's own transfers report
//! through [`Watch::wrap`]; nothing here runs a transfer.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::error::Result;
use crate::interrupt;
use crate::transfer::Progress;
use crate::transfer::log::Record;

/// How often `fg` redraws its bar.
const REDRAW: Duration = Duration::from_millis(200);

/// The counts of one job, shared between the job's thread and the shell.
#[derive(Clone)]
pub struct Watch(Arc<Counts>);

struct Counts {
    done: AtomicU64,
    total: AtomicU64,
    moved: AtomicU64,
    began: Instant,
}

/// What a [`Watch`] shows at one moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snapshot {
    /// Bytes there so far (a resume's bytes included).
    pub done: u64,
    /// The total of the files begun so far (0: none known).
    pub total: u64,
    /// Bytes per second moved since the job began.
    pub rate: f64,
    /// Seconds since the job began.
    pub seconds: f64,
}

impl Snapshot {
    /// Seconds left at the current rate, when the total and a rate are known.
    pub fn eta(&self) -> Option<f64> {
        (self.total >= self.done && self.total > 0 && self.rate > 0.0)
            .then(|| (self.total - self.done) as f64 / self.rate)
    }
}

impl Default for Watch {
    fn default() -> Self {
        Watch(Arc::new(Counts {
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            moved: AtomicU64::new(0),
            began: Instant::now(),
        }))
    }
}

impl Watch {
    /// `inner`, also counting into this watch.
    pub fn wrap(&self, inner: Box<dyn Progress + Send>) -> Box<dyn Progress + Send> {
        Box::new(Watched { inner, counts: Arc::clone(&self.0), name: None, file_done: 0 })
    }

    /// The counts now.
    pub fn snapshot(&self) -> Snapshot {
        let c = &self.0;
        let seconds = c.began.elapsed().as_secs_f64();
        let moved = c.moved.load(Ordering::Relaxed) as f64;
        Snapshot {
            done: c.done.load(Ordering::Relaxed),
            total: c.total.load(Ordering::Relaxed),
            rate: if seconds > 0.0 { moved / seconds } else { 0.0 },
            seconds,
        }
    }
}

/// A transfer's progress passed on to `inner` and counted: a file's total once, a retry of the
/// same file counted from where it starts again.
struct Watched {
    inner: Box<dyn Progress + Send>,
    counts: Arc<Counts>,
    name: Option<String>,
    file_done: u64,
}

impl Progress for Watched {
    fn begin(&mut self, name: &str, total: Option<u64>, done: u64) {
        if self.name.as_deref() != Some(name) {
            self.counts.total.fetch_add(total.unwrap_or(0), Ordering::Relaxed);
            self.name = Some(name.to_string());
            self.file_done = 0;
        }
        self.counts.done.fetch_sub(self.file_done, Ordering::Relaxed);
        self.counts.done.fetch_add(done, Ordering::Relaxed);
        self.file_done = done;
        self.inner.begin(name, total, done);
    }

    fn advance(&mut self, bytes: u64) {
        self.file_done += bytes;
        self.counts.done.fetch_add(bytes, Ordering::Relaxed);
        self.counts.moved.fetch_add(bytes, Ordering::Relaxed);
        self.inner.advance(bytes);
    }

    fn end(&mut self) {
        self.inner.end();
    }

    fn outcome(&mut self, record: &Record) {
        self.name = None;
        self.file_done = 0;
        self.inner.outcome(record);
    }
}

/// Draws a bar of `watch` on stderr (when it is a terminal: `tty`) until `over` says the job
/// ended. Ctrl-C ends the following with `Interrupted` (what to do with the job is the caller's).
pub fn follow(watch: &Watch, label: &str, tty: bool, over: impl Fn() -> bool) -> Result<()> {
    let target = if tty { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
    let style = ProgressStyle::with_template(
        "{msg:24!} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
    )
    .expect("valid template")
    .progress_chars("=> ");
    let bar = ProgressBar::with_draw_target(None, target).with_style(style);
    bar.set_message(super::render::sanitize(label));
    let result = loop {
        let now = watch.snapshot();
        bar.set_length(now.total.max(now.done));
        bar.set_position(now.done);
        if over() {
            break Ok(());
        }
        if let Err(e) = interrupt::check() {
            break Err(e);
        }
        std::thread::sleep(REDRAW);
    };
    bar.finish_and_clear();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::Silent;

    #[test]
    fn a_watch_counts_files_once_and_retries_from_where_they_start() {
        let watch = Watch::default();
        let mut p = watch.wrap(Box::new(Silent));
        p.begin("a", Some(100), 0);
        p.advance(40);
        p.begin("a", Some(100), 30);
        p.advance(70);
        p.begin("b", Some(50), 0);
        p.advance(10);
        let now = watch.snapshot();
        assert_eq!((now.done, now.total), (110, 150));
        assert!(now.eta().is_some());
    }
}
