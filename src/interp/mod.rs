//! The interpreter: runs one command line on a [`Shell`] — split it (`lexer`), look the command
//! up in the table, parse its words against the spec, revive a connection the server closed, run
//! the handler and hand its output to the UI — and runs scripts (`script`). A transfer command
//! ending in `&` runs as a background job, and queued commands run from here too (`background`):
//! on shells of their own. It knows the table and the shell; it knows nothing of the
//! interactive loop.

mod background;
pub mod lexer;
pub mod script;

use crate::commands::{self, Action, ArgKind, Call, CommandSpec};
use crate::error::{Error, Result};
use crate::interrupt;
use crate::shell::Shell;
use crate::ui::Output;
use crate::ui::render::sanitize;

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
        if self.macros.is_recording() {
            if let Some(name) = self.macros.feed(line) {
                self.ui.status(&format!("Macro '{name}' defined (`$ {name}` runs it)."));
            }
            return Ok(Flow::Continue);
        }
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
        self.render(output?)
    }

    /// Does what a command's output says: shows it, runs a file or a macro, or ends the session.
    pub fn render(&mut self, output: Output) -> Result<Flow> {
        match output {
            Output::Source(path) => script::source(self, &path),
            Output::Run { name, lines } => script::run_macro(self, &name, &lines),
            Output::Quit => Ok(Flow::Quit),
            output => {
                self.ui.show(&output);
                Ok(Flow::Continue)
            }
        }
    }

    /// Runs the handler on a live connection. A connection the server closed while idle is
    /// noticed before anything is sent and revived; one that dies while the command runs is
    /// revived, and the command run again when it is safe to repeat ([`REPEATABLE`]); else the
    /// loss is reported and the command not repeated.
    fn dispatch(&mut self, spec: &CommandSpec, run: commands::spec::Handler, call: &Call) -> Result<Output> {
        if spec.needs_connection && !self.session.check_alive() {
            self.revive()?;
        }
        match run(self, call) {
            // 421: the server closed the connection instead of running the command.
            Err(Error::Server(r)) if r.code == 421 && spec.needs_connection => {
                self.revive()?;
                run(self, call)
            }
            Err(e) if spec.needs_connection && lost_midway(&e) && !self.session.is_connected() => {
                self.revive()?;
                if REPEATABLE.contains(&spec.name) {
                    // A transfer goes on from what its partial file holds (REST), not from 0.
                    return run(self, &call.with_switch("continue").unwrap_or_else(|| call.clone()));
                }
                let cause = match e {
                    Error::Connection(io) => io.to_string(),
                    other => other.to_string(),
                };
                let why = format!(
                    "while `{}` ran ({cause}); it is back now, but the server may or may not have done \
                     it, so it was not repeated",
                    spec.name
                );
                Err(Error::Connection(std::io::Error::other(why)))
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

/// The commands that are safe to run again after the connection died under them: they only
/// read (listings, sizes, times, directories, settings), or write through a partial file or a
/// replace that a second run completes (transfers, mirror). Every other command (delete,
/// rename, mkdir, rmdir, chmod, append, site, quote, and any command not listed here) is
/// reported, not repeated.
pub const REPEATABLE: &[&str] = &[
    "pwd", "cd", "cdup", "ls", "dir", "nlist", "get", "reget", "newer", "mget", "put", "reput", "mput",
    "mirror", "size", "modtime", "ascii", "binary", "type", "passive", "status", "features", "system",
];

/// Whether `e` says the control connection broke (end of file, reset) rather than that a wait
/// ran out: only then may a command be run again at once.
fn lost_midway(e: &Error) -> bool {
    match e {
        Error::Connection(_) => true,
        Error::Transfer { source, .. } => lost_midway(source),
        _ => false,
    }
}

/// What a failed command line is called in its error message: the word that named the
/// command and the object it failed on, its first path argument (`get: nosuch.txt`). The object
/// is left out when the message already starts with it (a local error names its path) or when
/// the words did not parse (the message is the usage line).
pub fn blame(words: &[String], err: &Error) -> String {
    let Some((name, args)) = words.split_first() else { return String::new() };
    let name = sanitize(name);
    let object = commands::lookup(name.as_str()).ok().and_then(|spec| object(spec, args));
    match object {
        Some(o) if !err.to_string().starts_with(&o) => format!("{name}: {}", sanitize(&o)),
        _ => name,
    }
}

/// The first argument of `args` that names a remote or local path, as the handler got it.
fn object(spec: &'static CommandSpec, args: &[String]) -> Option<String> {
    let (verb, call) = commands::parse::parse(spec, args).ok()?;
    let syntax = verb.map_or_else(|| spec.syntaxes()[0], |v| &v.syntax);
    let paths = call.args().iter().enumerate().filter(|(i, _)| {
        syntax.arg_at(*i).is_some_and(|a| {
            matches!(
                a.kind,
                ArgKind::RemotePath
                    | ArgKind::RemoteDir
                    | ArgKind::RemoteGlob
                    | ArgKind::LocalPath
                    | ArgKind::LocalDir
                    | ArgKind::LocalGlob
            )
        })
    });
    paths.map(|(_, a)| a.clone()).next()
}

/// Puts a usage line from the table into a usage error raised without one.
fn with_usage(e: Error, spec: &CommandSpec) -> Error {
    match e {
        Error::Usage(msg) if msg.is_empty() => Error::Usage(spec.usage()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_repeatable_command_is_a_command_of_the_table_by_its_own_name() {
        for name in REPEATABLE {
            let spec = commands::lookup(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(spec.name, *name);
        }
    }
}
