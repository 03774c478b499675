//! The shell: a [`Shell`] runs command lines against its session, from the interactive editor
//! (rustyline: prompt, history, completion, Ctrl-C/Ctrl-D) or from a script stream (no prompt;
//! the first failing command stops the script with its line number).

pub mod lexer;

use std::io::BufRead;
use std::path::PathBuf;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::commands::{self, CommandSpec};
use crate::completion::ShellHelper;
use crate::error::{Error, Result};
use crate::session::Session;
use crate::ui::render::sanitize;
use crate::ui::{Output, Ui};

/// Whether the shell goes on after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next command.
    Continue,
    /// End the session.
    Quit,
}

/// The shell: a session plus the UI it reports through.
pub struct Shell {
    /// The FTP session.
    pub session: Session,
    /// Where output goes.
    pub ui: Ui,
}

impl Shell {
    /// A shell with no connection yet.
    pub fn new(ui: Ui) -> Shell {
        Shell {
            session: Session::default(),
            ui,
        }
    }

    /// Runs one command line and renders its output. Errors are returned, not printed.
    pub fn execute(&mut self, line: &str) -> Result<Flow> {
        let words = lexer::split(line)?;
        let Some((name, args)) = words.split_first() else {
            return Ok(Flow::Continue);
        };
        let spec = commands::lookup(name)?;
        let output = self.dispatch(spec, args).map_err(|e| with_usage(e, spec))?;
        self.ui.show(&output);
        Ok(if output == Output::Quit {
            Flow::Quit
        } else {
            Flow::Continue
        })
    }

    fn dispatch(&mut self, spec: &CommandSpec, args: &[String]) -> Result<Output> {
        spec.check_args(args)?;
        if spec.needs_connection && !self.session.is_connected() {
            return Err(Error::NotConnected);
        }
        (spec.run)(self, args)
    }

    /// Runs a script: blank lines and `#` comments are skipped; the first failing command
    /// prints `NAME:LINE: command: error` and its exit code is returned. 0 when all succeeded.
    pub fn run_script(&mut self, input: impl BufRead, name: &str) -> i32 {
        for (index, line) in input.lines().enumerate() {
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    let err = Error::local(name, e);
                    self.ui.error(Some(&format!("{name}:{}", index + 1)), &err);
                    return err.exit_code();
                }
            };
            match self.execute(&line) {
                Ok(Flow::Continue) => {}
                Ok(Flow::Quit) => return 0,
                Err(e) => {
                    let cmd = line.split_whitespace().next().unwrap_or_default();
                    self.ui.error(
                        Some(&format!("{name}:{}: {}", index + 1, sanitize(cmd))),
                        &e,
                    );
                    self.session.close();
                    return e.exit_code();
                }
            }
        }
        self.session.close();
        0
    }

    /// The interactive loop: prompt, line editing, persistent history, completion. Ctrl-C clears
    /// the line; Ctrl-D (or `bye`) closes the connection and returns 0.
    pub fn run_interactive(&mut self, history: Option<PathBuf>) -> i32 {
        let mut editor = match new_editor() {
            Ok(e) => e,
            Err(e) => {
                self.ui.error(
                    None,
                    &Error::local("terminal", std::io::Error::other(e.to_string())),
                );
                return crate::error::exit::FAILURE;
            }
        };
        if let Some(path) = &history {
            let _ = editor.load_history(path);
        }
        loop {
            match editor.readline(&self.prompt()) {
                Ok(line) => {
                    remember(&mut editor, &line);
                    match self.execute(&line) {
                        Ok(Flow::Quit) => break,
                        Ok(Flow::Continue) => {}
                        Err(e) => self.ui.error(None, &e),
                    }
                }
                Err(ReadlineError::Interrupted) => {}
                Err(ReadlineError::Eof) => break,
                Err(e) => {
                    self.ui.error(
                        None,
                        &Error::local("terminal", std::io::Error::other(e.to_string())),
                    );
                    break;
                }
            }
        }
        self.session.close();
        if let Some(path) = &history {
            save_history(&mut editor, path);
        }
        0
    }

    /// The prompt: `ftp> ` when not connected, else `ftp USER@HOST:DIR> `.
    pub fn prompt(&self) -> String {
        let s = &self.session;
        match s.host() {
            None => "ftp> ".to_string(),
            Some(host) => {
                let user = s.user().map(|u| format!("{u}@")).unwrap_or_default();
                let dir = s.cwd().map(|d| format!(":{d}")).unwrap_or_default();
                sanitize(&format!("ftp {user}{host}{dir}> "))
            }
        }
    }
}

/// Puts a usage line from the table into a usage error raised without one.
fn with_usage(e: Error, spec: &CommandSpec) -> Error {
    match e {
        Error::Usage(msg) if msg.is_empty() => Error::Usage(spec.usage.to_string()),
        other => other,
    }
}

fn new_editor() -> rustyline::Result<Editor<ShellHelper, DefaultHistory>> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .history_ignore_space(true)
        .history_ignore_dups(true)?
        .max_history_size(5000)?
        .build();
    let mut editor = Editor::with_config(config)?;
    editor.set_helper(Some(ShellHelper::default()));
    Ok(editor)
}

/// Adds a line to the history unless it carries a password.
fn remember(editor: &mut Editor<ShellHelper, DefaultHistory>, line: &str) {
    let secret = lexer::split(line).is_ok_and(|w| commands::carries_password(&w));
    if !secret && !line.trim().is_empty() {
        let _ = editor.add_history_entry(line);
    }
}

fn save_history(editor: &mut Editor<ShellHelper, DefaultHistory>, path: &PathBuf) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = editor.save_history(path);
}

/// Where the history lives: `ftpsh/history` in the platform data directory.
pub fn history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("ftpsh").join("history"))
}
