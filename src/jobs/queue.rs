//! The queue: commands (transfers) that run in the order given, `queue-parallel` at a time, each
//! as a job on a connection of its own, on worker threads that take the next entry when one
//! ends. An entry that fails because the connection was lost or could not be made is tried again
//! after a pause (2, 4, 8... s, at most 60), with `-c` so it resumes, at most [`AGAIN`] times;
//! `kill` ends it for good. How a command runs is handed in ([`Runner`]): the queue knows
//! nothing of commands.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Jobs, locked};
use crate::error::{Error, Exit, Result};
use crate::interrupt;
use crate::ui::watch::Watch;

/// Runs a command (its name and words) on a connection of its own, counting into the watch.
pub type Runner = Arc<dyn Fn(&[String], Watch) -> Result<()> + Send + Sync>;

/// How often a queued entry is tried again after losing its connection.
pub const AGAIN: u32 = 5;

/// The commands that take `-c` to resume what an earlier attempt left.
const RESUMABLE: &[&str] = &["get", "put", "mget", "mput", "mirror"];

/// The entries not started yet and the workers running.
#[derive(Default)]
pub(super) struct Pending {
    entries: VecDeque<Vec<String>>,
    workers: usize,
}

impl Jobs {
    /// Adds a command (name and words) at the end of the queue; returns its place.
    pub fn enqueue(&self, words: Vec<String>) -> usize {
        let mut q = locked(&self.queue);
        q.entries.push_back(words);
        q.entries.len()
    }

    /// The entries not started yet, in order, as command lines.
    pub fn queued(&self) -> Vec<String> {
        locked(&self.queue).entries.iter().map(|w| w.join(" ")).collect()
    }

    /// Removes entry `n` (1 = next); returns its command line.
    pub fn unqueue(&self, n: usize) -> Result<String> {
        let mut q = locked(&self.queue);
        let i = place(n, q.entries.len())?;
        Ok(q.entries.remove(i).map(|w| w.join(" ")).unwrap_or_default())
    }

    /// Moves entry `n` to place `m`.
    pub fn requeue(&self, n: usize, m: usize) -> Result<()> {
        let mut q = locked(&self.queue);
        let (from, to) = (place(n, q.entries.len())?, place(m, q.entries.len())?);
        if let Some(entry) = q.entries.remove(from) {
            q.entries.insert(to, entry);
        }
        Ok(())
    }

    /// Forgets every entry not started yet.
    pub(super) fn clear_queue(&self) {
        locked(&self.queue).entries.clear();
    }

    /// Whether no entry waits and no worker runs.
    pub(super) fn queue_idle(&self) -> bool {
        let q = locked(&self.queue);
        q.entries.is_empty() && q.workers == 0
    }

    /// Whether entries wait and fewer than `parallel` workers run.
    pub fn wants_workers(&self, parallel: usize) -> bool {
        let q = locked(&self.queue);
        !q.entries.is_empty() && q.workers < parallel
    }

    /// Starts workers until `parallel` run (one that finds nothing left ends at once).
    pub fn pump(&self, parallel: usize, runner: &Runner) {
        loop {
            {
                let mut q = locked(&self.queue);
                if q.workers >= parallel || q.entries.is_empty() {
                    return;
                }
                q.workers += 1;
            }
            let (jobs, runner) = (self.clone(), Arc::clone(runner));
            std::thread::spawn(move || jobs.work_queue(&runner));
        }
    }

    /// A worker: takes entries one by one, each as a job, until the queue is empty.
    fn work_queue(&self, runner: &Runner) {
        loop {
            let words = {
                let mut q = locked(&self.queue);
                match q.entries.pop_front() {
                    Some(words) => words,
                    None => {
                        q.workers -= 1;
                        return;
                    }
                }
            };
            let (id, watch, token) = self.register(&words.join(" "));
            let runner = Arc::clone(runner);
            self.run(id, watch, &token, Box::new(move |watch| again(&runner, &words, &watch)));
        }
    }
}

/// Entry `n` (1-based) of `len` as an index.
fn place(n: usize, len: usize) -> Result<usize> {
    match n {
        1.. if n <= len => Ok(n - 1),
        _ => Err(Error::Usage(format!("no entry {n} in the queue (it has {len})"))),
    }
}

/// Runs `words`, and again (resuming) while the failure is a lost or refused connection.
fn again(runner: &Runner, words: &[String], watch: &Watch) -> Result<()> {
    let mut tries = 0;
    let mut words = words.to_vec();
    loop {
        match runner(&words, watch.clone()) {
            Err(e) if tries < AGAIN && lost(&e) && interrupt::check().is_ok() => {
                tries += 1;
                pause(Duration::from_secs((1u64 << tries.min(6)).min(60)))?;
                if RESUMABLE.contains(&words[0].as_str()) && words.get(1).is_none_or(|w| w != "-c") {
                    words.insert(1, "-c".to_string());
                }
            }
            other => return other,
        }
    }
}

/// Whether `e` says the connection was lost or could not be made (it may come back).
fn lost(e: &Error) -> bool {
    e.is_retryable() || matches!(e.exit(), Exit::Connect)
}

/// Sleeps `time`, or less when the job is killed meanwhile (then `Interrupted`).
fn pause(time: Duration) -> Result<()> {
    let end = Instant::now() + time;
    while Instant::now() < end {
        interrupt::check()?;
        std::thread::sleep(Duration::from_millis(100));
    }
    interrupt::check()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_move_and_go_by_their_place() {
        let jobs = Jobs::new(Arc::new(std::sync::Mutex::new(Box::new(std::io::sink()))));
        for name in ["a", "b", "c"] {
            jobs.enqueue(vec!["get".into(), name.into()]);
        }
        jobs.requeue(3, 1).unwrap();
        assert_eq!(jobs.queued(), ["get c", "get a", "get b"]);
        assert_eq!(jobs.unqueue(2).unwrap(), "get a");
        assert_eq!(jobs.queued(), ["get c", "get b"]);
        assert!(jobs.unqueue(3).is_err() && jobs.requeue(0, 1).is_err());
    }
}
