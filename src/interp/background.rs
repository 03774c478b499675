//! Background jobs and the queue, from the interpreter's side: a line ending in `&` becomes a
//! job ([`Shell::background`]), queued commands are started when a worker is free
//! ([`Shell::pump_queue`]), and a script waits for its jobs at the end. Each job runs its
//! command on a shell of its own ([`Shell::worker`]: the same login, a connection of its own);
//! the jobs themselves are `crate::jobs`'s.

use std::sync::Arc;

use super::{Flow, lexer, with_usage};
use crate::commands;
use crate::error::{Error, Result};
use crate::jobs::queue::Runner;
use crate::jobs::summary;
use crate::shell::Shell;

impl Shell {
    /// Starts `command` (a transfer) as a background job and says its number.
    pub(super) fn background(&mut self, command: &str) -> Result<Flow> {
        let command = command.trim();
        let words = lexer::split(command)?;
        commands::check_background(&words)?;
        let runner = self.runner()?;
        let id = self.jobs.start(command, Box::new(move |watch| runner(&words, watch)));
        self.ui.status(&format!("[{id}] {command}"));
        Ok(Flow::Continue)
    }

    /// How a job runs a command: on a new shell logged in as this one is, closed at the end.
    fn runner(&self) -> Result<Runner> {
        let seed = self.seed()?;
        Ok(Arc::new(move |words: &[String], watch| {
            let mut shell = Shell::worker(&seed, watch)?;
            let (name, args) = words.split_first().ok_or_else(|| Error::Usage(String::new()))?;
            let spec = commands::lookup(name)?;
            let result = shell.invoke(name, args).map_err(|e| with_usage(e, spec));
            shell.session.close();
            result.map(|_| ())
        }))
    }

    /// Starts queue workers when entries wait and fewer than `queue-parallel` run. Without a
    /// connection to copy, the entries wait for one.
    pub(super) fn pump_queue(&mut self) {
        let parallel = self.settings().queue_parallel;
        if self.jobs.wants_workers(parallel)
            && let Ok(runner) = self.runner()
        {
            self.jobs.pump(parallel, &runner);
        }
    }

    /// Waits for every job and the queue (the end of a script), printing what they did; fails
    /// as a transfer failure when one of them did not succeed.
    pub(super) fn wait_for_jobs(&mut self) -> Result<()> {
        for row in &self.jobs.wait(None)? {
            self.ui.status(&summary(row));
        }
        match self.jobs.tally() {
            (_, 0) => Ok(()),
            (total, failed) => Err(Error::Jobs { failed, total }),
        }
    }
}
