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
