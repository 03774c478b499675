//! The interpreter: runs one command line on a [`Shell`] — split it (`lexer`), look the command
//! up in the table, parse its words against the spec, revive a connection the server closed, run
//! the handler and hand its output to the UI — and runs scripts (`script`). A transfer command
//! ending in `&` runs as a background job, and queued commands run from here too (`background`):
//! on shells of their own. It knows the table and the shell; it knows nothing of the
//! interactive loop.

mod background;
pub mod lexer;
pub mod script;

use crate::commands::{self, Action, Call, CommandSpec};
use crate::error::{Error, Result};
use crate::interrupt;
use crate::shell::Shell;
use crate::ui::Output;

/// Whether the shell goes on after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next command.
    Continue,
    /// End the session.
    Quit,
}

impl Shell {
    /// Runs one command line and renders its output. Errors are returned, not printed.
    pub fn execute(&mut self, line: &str) -> Result<Flow> {
        if let Some(command) = lexer::background(line) {
            return self.background(command);
        }
        let words = lexer::split(line)?;
        match words.split_first() {
            Some((name, args)) => self.invoke(name, args),
            None => Ok(Flow::Continue),
        }
    }

    /// Runs the command `name` with `args` (words as the lexer would give them, no quoting):
    /// what one-shot commands build in code.
    pub fn invoke(&mut self, name: &str, args: &[String]) -> Result<Flow> {
        interrupt::clear();
        let spec = commands::lookup(name)?;
        let (verb, call) = commands::parse::parse(spec, args)?;
        let run = match (&spec.action, verb) {
            (_, Some(verb)) => verb.run,
            (Action::Run(_, run), None) => *run,
            (Action::Verbs(_), None) => return Err(Error::Usage(spec.usage())),
        };
        let output = self.dispatch(spec, run, &call).map_err(|e| with_usage(e, spec));
        self.pump_queue();
        match output? {
            Output::Source(path) => script::source(self, &path),
            Output::Quit => Ok(Flow::Quit),
            output => {
                self.ui.show(&output);
                Ok(Flow::Continue)
            }
        }
    }

    fn dispatch(&mut self, spec: &CommandSpec, run: commands::spec::Handler, call: &Call) -> Result<Output> {
        if spec.needs_connection && !self.session.is_connected() {
            self.revive()?;
        }
        match run(self, call) {
            // 421: the server closed the connection instead of running the command.
            Err(Error::Server(r)) if r.code == 421 && spec.needs_connection => {
                self.revive()?;
                run(self, call)
            }
            other => other,
        }
    }

    /// Reconnects (and logs in, and returns to the directory) after the server closed the
    /// connection, and says so; `NotConnected` when there is nothing to go back to.
    fn revive(&mut self) -> Result<()> {
        let host = self.session.revive().ok_or(Error::NotConnected)??;
        self.ui.status(&format!("Reconnected to {host}: the server had closed the connection."));
        Ok(())
    }
}

/// Puts a usage line from the table into a usage error raised without one.
fn with_usage(e: Error, spec: &CommandSpec) -> Error {
    match e {
        Error::Usage(msg) if msg.is_empty() => Error::Usage(spec.usage()),
        other => other,
    }
}
