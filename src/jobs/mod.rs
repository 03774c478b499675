//! Background jobs: transfers that run on threads of their own, each on its own logged-in
//! connection, while the shell goes on. This module owns the table of jobs (number, command,
//! counts, state), starting one ([`Jobs::start`]: the work itself is handed in, so this module
//! knows nothing of commands or the interpreter), cancelling one (`kill`: its own
//! [`interrupt::Token`], so Ctrl-C in the foreground never reaches it), waiting, following one
//! (`fg`), and the one-line summary each job prints when it ends — through the printer the
//! interactive loop installs (rustyline's external printer: above the prompt, the typed line kept)
//! or on stderr. A job's summary is printed once: by its thread, or by the `wait`/`fg` that
//! waited for it. The queue (`queue`) is in [`queue`].

pub mod queue;

use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::interrupt::{self, Token};
use crate::ui::render::{human_bytes, sanitize};
use crate::ui::watch::{self, Snapshot, Watch};
use crate::ui::{Sink, lock};

/// What a job does, on its own thread: a command run on a connection of its own, reporting
/// its transfers through the watch.
pub type Work = Box<dyn FnOnce(Watch) -> Result<()> + Send>;

/// Prints one line for the user (above the prompt when one is up).
pub type Printer = Box<dyn FnMut(String) + Send>;

/// How often `wait` looks at the jobs.
const POLL: Duration = Duration::from_millis(100);

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Still moving.
    Running,
    /// Finished.
    Done,
    /// Ended with this error.
    Failed(String),
    /// Cancelled by `kill` (the error says what was kept).
    Killed(String),
}

impl State {
    /// The state's word in `jobs` and the summaries.
    pub fn word(&self) -> &'static str {
        match self {
            State::Running => "running",
            State::Done => "done",
            State::Failed(_) => "failed",
            State::Killed(_) => "killed",
        }
    }
}

/// One job as `jobs` shows it.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its number.
    pub id: usize,
    /// The command line, as typed.
    pub command: String,
    /// Where it is.
    pub state: State,
    /// Its counts.
    pub now: Snapshot,
}

struct Job {
    id: usize,
    command: String,
    watch: Watch,
    token: Token,
    state: State,
    reported: bool,
}

impl Job {
    fn row(&self) -> Row {
        Row {
            id: self.id,
            command: self.command.clone(),
            state: self.state.clone(),
            now: self.watch.snapshot(),
        }
    }
}

#[derive(Default)]
struct Table {
    jobs: Vec<Job>,
    last: usize,
    failed: usize,
}

/// The shell's jobs and queue (shared with the jobs' threads).
#[derive(Clone)]
pub struct Jobs {
    table: Arc<Mutex<Table>>,
    printer: Arc<Mutex<Printer>>,
    queue: Arc<Mutex<queue::Pending>>,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Jobs {
    /// No jobs; summaries go to `err` until [`Jobs::set_printer`].
    pub fn new(err: Sink) -> Jobs {
        let printer = Jobs::stderr_printer(err);
        Jobs { table: Arc::default(), printer: Arc::new(Mutex::new(printer)), queue: Arc::default() }
    }

    /// A printer writing each line to `err`.
    pub fn stderr_printer(err: Sink) -> Printer {
        Box::new(move |line| {
            let mut err = lock(&err);
            let _ = writeln!(err, "{line}");
            let _ = err.flush();
        })
    }

    /// Prints the summaries of jobs that end from now on through `printer`.
    pub fn set_printer(&self, printer: Printer) {
        *locked(&self.printer) = printer;
    }

    /// Starts `work` as job number N on a thread of its own; returns N.
    pub fn start(&self, command: &str, work: Work) -> usize {
        let (id, watch, token) = self.register(command);
        let jobs = self.clone();
        std::thread::spawn(move || jobs.run(id, watch, &token, work));
        id
    }

    /// A new running job in the table: its number, watch and token.
    fn register(&self, command: &str) -> (usize, Watch, Token) {
        let (watch, token) = (Watch::default(), Token::own());
        let mut table = locked(&self.table);
        table.last += 1;
        let id = table.last;
        let job = Job {
            id,
            command: command.to_string(),
            watch: watch.clone(),
            token: token.clone(),
            state: State::Running,
            reported: false,
        };
        table.jobs.push(job);
        (id, watch, token)
    }

    /// Runs job `id`'s work on this thread, under its token, and records the ending.
    fn run(&self, id: usize, watch: Watch, token: &Token, work: Work) {
        interrupt::adopt(token);
        let result = work(watch);
        self.finish(id, result);
    }

    /// Records how job `id` ended and prints its summary unless a `wait` did.
    fn finish(&self, id: usize, result: Result<()>) {
        let line = {
            let mut table = locked(&self.table);
            let Some(job) = table.jobs.iter_mut().find(|j| j.id == id) else { return };
            job.state = match result {
                Ok(()) => State::Done,
                Err(e) if job.token.is_set() => State::Killed(e.to_string()),
                Err(e) => State::Failed(e.to_string()),
            };
            let (failed, reported) = (job.state != State::Done, std::mem::replace(&mut job.reported, true));
            let line = summary(&job.row());
            table.failed += usize::from(failed);
            if reported {
                return;
            }
            line
        };
        (locked(&self.printer))(line);
    }

    /// Every job, oldest first. Jobs that ended are listed once more, then forgotten.
    pub fn list(&self) -> Vec<Row> {
        let mut table = locked(&self.table);
        let rows = table.jobs.iter().map(Job::row).collect();
        table.jobs.retain(|j| j.state == State::Running);
        rows
    }

    /// How many jobs are running or waiting in the queue.
    pub fn running(&self) -> usize {
        let running = locked(&self.table).jobs.iter().filter(|j| j.state == State::Running).count();
        running + self.queued().len()
    }

    /// How many jobs have been started, and how many of them ended without success.
    pub fn tally(&self) -> (usize, usize) {
        let table = locked(&self.table);
        (table.last, table.failed)
    }

    /// The number of the newest running job.
    pub fn newest_running(&self) -> Option<usize> {
        locked(&self.table).jobs.iter().rev().find(|j| j.state == State::Running).map(|j| j.id)
    }

    /// Cancels job `id` (its partial file is kept for a resume).
    pub fn kill(&self, id: usize) -> Result<String> {
        let table = locked(&self.table);
        let job = find(&table, id)?;
        if job.state != State::Running {
            return Err(Error::Refused(format!("job {id} has already ended ({})", job.state.word())));
        }
        job.token.cancel();
        Ok(format!("[{id}] killing: {}", job.command))
    }

    /// Cancels every running job and empties the queue.
    pub fn kill_all(&self) {
        self.clear_queue();
        for job in locked(&self.table).jobs.iter().filter(|j| j.state == State::Running) {
            job.token.cancel();
        }
    }

    /// Waits until job `id` (or every job, and the queue) has ended; returns those whose
    /// summaries were not printed yet. Ctrl-C stops the waiting, not the jobs.
    pub fn wait(&self, id: Option<usize>) -> Result<Vec<Row>> {
        if let Some(id) = id {
            find(&locked(&self.table), id)?;
        }
        let mine = |j: &Job| id.is_none_or(|id| j.id == id);
        loop {
            let busy = locked(&self.table).jobs.iter().any(|j| mine(j) && j.state == State::Running);
            if !busy && (id.is_some() || self.queue_idle()) {
                break;
            }
            interrupt::check()?;
            std::thread::sleep(POLL);
        }
        let mut table = locked(&self.table);
        let mut ended = Vec::new();
        for job in table.jobs.iter_mut().filter(|j| mine(j)) {
            if !std::mem::replace(&mut job.reported, true) {
                ended.push(job.row());
            }
        }
        Ok(ended)
    }

    /// Shows job `id`'s progress bar (on a terminal: `tty`) until it ends; Ctrl-C kills it, as it
    /// would a transfer in the foreground. Returns it when its summary was not printed yet.
    pub fn follow(&self, id: usize, tty: bool) -> Result<Vec<Row>> {
        let (watch, token, label) = {
            let table = locked(&self.table);
            let job = find(&table, id)?;
            (job.watch.clone(), job.token.clone(), job.command.clone())
        };
        let running = || locked(&self.table).jobs.iter().any(|j| j.id == id && j.state == State::Running);
        if watch::follow(&watch, &label, tty, || !running()).is_err() {
            token.cancel();
            interrupt::clear();
        }
        self.wait(Some(id))
    }
}

fn find(table: &Table, id: usize) -> Result<&Job> {
    table.jobs.iter().find(|j| j.id == id).ok_or_else(|| Error::Usage(format!("no job {id} (see `jobs`)")))
}

/// The line a job prints when it ends: `[N] done: COMMAND (bytes in seconds, rate)`, or the
/// error it failed with.
pub fn summary(row: &Row) -> String {
    let detail = match &row.state {
        State::Running => format!(" ({})", progress(&row.now)),
        State::Done => format!(
            " ({} in {:.1} s, {}/s)",
            human_bytes(row.now.done as f64),
            row.now.seconds,
            human_bytes(row.now.rate)
        ),
        State::Failed(e) | State::Killed(e) => format!(": {e}"),
    };
    sanitize(&format!("[{}] {}: {}{detail}", row.id, row.state.word(), row.command))
}

/// Bytes done of total, rate and ETA.
pub fn progress(now: &Snapshot) -> String {
    let of = if now.total > 0 { format!("/{}", human_bytes(now.total as f64)) } else { String::new() };
    let eta = now.eta().map(|s| format!(", eta {}", clock(s))).unwrap_or_default();
    format!("{}{of}, {}/s{eta}", human_bytes(now.done as f64), human_bytes(now.rate))
}

/// Seconds as `1h02m03s`, `2m03s` or `3s`.
fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, m, s) => format!("{h}h{m:02}m{s:02}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eta_reads_as_a_clock() {
        assert_eq!(
            (clock(3.2), clock(123.0), clock(3723.0)),
            ("3s".into(), "2m03s".into(), "1h02m03s".into())
        );
    }
}
