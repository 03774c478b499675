//! The shell: a [`Shell`] runs command lines against its session, from the interactive editor
//! (rustyline: prompt, history, completion, Ctrl-C/Ctrl-D) or from a script stream (no prompt;
//! the first failing command stops the script with its line number).

pub mod lexer;
pub mod script;

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Duration;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Editor};

use crate::commands::{self, CommandSpec};
use crate::completion::{self, ShellHelper};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::session::Session;
use crate::ui::progress::{Display, ProgressMode};
use crate::ui::render::sanitize;
use crate::ui::{Output, Ui};
pub use script::ScriptOptions;

/// Whether the shell goes on after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next command.
    Continue,
    /// End the session.
    Quit,
}

/// Settings of the shell itself, changed with `set`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A custom prompt format (`set prompt`), or the default.
    pub prompt: Option<String>,
    /// How long a remote Tab completion may take.
    pub completion_timeout: Duration,
    /// How transfers show progress.
    pub progress: ProgressMode,
    /// A summary line after each transfer.
    pub verbose: bool,
    /// Classic `#` marks instead of a bar.
    pub hash: bool,
    /// Ask before each file of mget, mput and mdelete (`None`: only when interactive).
    pub confirm: Option<bool>,
    /// Sessions used by batch transfers when no `-P` is given.
    pub parallel: usize,
    /// Transfers report JSON records instead of summary lines (`--json`).
    pub json: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            prompt: None,
            completion_timeout: completion::DEFAULT_TIMEOUT,
            progress: ProgressMode::Auto,
            verbose: true,
            hash: false,
            confirm: None,
            parallel: 1,
            json: false,
        }
    }
}

/// The shell: a session plus the UI it reports through.
pub struct Shell {
    /// The FTP session.
    pub session: Session,
    /// Where output goes.
    pub ui: Ui,
    /// Shell settings.
    pub settings: Settings,
    /// The command history of the interactive shell, oldest first.
    pub history: Vec<String>,
    /// The config file (its per-host sections apply when connecting).
    pub config: Config,
}

impl Shell {
    /// A shell with no connection yet.
    pub fn new(ui: Ui) -> Shell {
        Shell {
            session: Session::default(),
            ui,
            settings: Settings::default(),
            history: Vec::new(),
            config: Config::default(),
        }
    }

    /// Runs one command line and renders its output. Errors are returned, not printed.
    pub fn execute(&mut self, line: &str) -> Result<Flow> {
        interrupt::clear();
        let words = lexer::split(line)?;
        let Some((name, args)) = words.split_first() else {
            return Ok(Flow::Continue);
        };
        let spec = commands::lookup(name)?;
        let output = self.dispatch(spec, args).map_err(|e| with_usage(e, spec))?;
        self.ui.show(&output);
        Ok(if output == Output::Quit { Flow::Quit } else { Flow::Continue })
    }

    fn dispatch(&mut self, spec: &CommandSpec, args: &[String]) -> Result<Output> {
        spec.check_args(args)?;
        if spec.needs_connection && !self.session.is_connected() {
            self.revive()?;
        }
        match (spec.run)(self, args) {
            // 421: the server closed the connection instead of running the command.
            Err(Error::Server(r)) if r.code == 421 && spec.needs_connection => {
                self.revive()?;
                (spec.run)(self, args)
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

    /// Runs a script (see [`script`]) and closes the connection at its end. Returns the exit
    /// code: 0 when every command succeeded, else the first failure's.
    pub fn run_script(&mut self, input: impl BufRead, name: &str, opts: ScriptOptions) -> i32 {
        let result = script::run(self, input, name, opts);
        self.session.close();
        match result {
            Ok(_) => 0,
            Err(Error::Script { code, .. }) => code,
            Err(e) => {
                self.ui.error(Some(name), &e);
                e.exit_code()
            }
        }
    }

    /// The interactive loop: prompt, line editing, persistent history, completion. Ctrl-C clears
    /// the line; Ctrl-D (or `bye`) closes the connection and returns 0.
    pub fn run_interactive(&mut self, history: Option<PathBuf>) -> i32 {
        let mut editor = match new_editor(self.ui.color) {
            Ok(e) => e,
            Err(e) => {
                self.ui.error(None, &Error::local("terminal", std::io::Error::other(e.to_string())));
                return crate::error::exit::FAILURE;
            }
        };
        if let Some(path) = &history {
            let _ = editor.load_history(path);
        }
        self.history = editor.history().iter().cloned().collect();
        loop {
            match self.read_line(&mut editor) {
                Ok(line) => {
                    self.remember(&mut editor, &line);
                    match self.execute(&line) {
                        Ok(Flow::Quit) => break,
                        Ok(Flow::Continue) => {}
                        Err(e) => self.ui.error(None, &e),
                    }
                }
                Err(ReadlineError::Interrupted) => {}
                Err(ReadlineError::Eof) => break,
                Err(e) => {
                    self.ui.error(None, &Error::local("terminal", std::io::Error::other(e.to_string())));
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

    /// The progress display for the next transfer(s), in the mode the settings ask for.
    pub fn display(&self) -> Display {
        let mode = match self.settings.progress {
            ProgressMode::Auto if self.ui.stderr_tty => ProgressMode::Bar,
            ProgressMode::Auto => ProgressMode::None,
            other => other,
        };
        Display::new(mode, self.settings.hash)
    }

    /// Whether mget, mput and mdelete ask before each file.
    pub fn confirm_each(&self) -> bool {
        self.ui.interactive && self.settings.confirm.unwrap_or(true)
    }

    /// Reads one line with the session lent to the completer while the prompt is up.
    fn read_line(&mut self, editor: &mut Editor<ShellHelper, DefaultHistory>) -> rustyline::Result<String> {
        let prompt = self.prompt();
        let Some(helper) = editor.helper_mut() else { return editor.readline(&prompt) };
        helper.timeout.set(self.settings.completion_timeout);
        helper.session.replace(Some(std::mem::take(&mut self.session)));
        let line = editor.readline(&prompt);
        if let Some(session) = editor.helper_mut().and_then(|h| h.session.take()) {
            self.session = session;
        }
        line
    }

    /// Adds a line to the history unless it carries a password.
    fn remember(&mut self, editor: &mut Editor<ShellHelper, DefaultHistory>, line: &str) {
        let secret = lexer::split(line).is_ok_and(|w| commands::carries_password(&w));
        if !secret && !line.trim().is_empty() && editor.add_history_entry(line).unwrap_or(false) {
            self.history.push(line.to_string());
        }
    }

    /// The prompt: `set prompt` format, or `ftp> ` when not connected and
    /// `ftp USER@HOST:DIR> ` when connected.
    pub fn prompt(&self) -> String {
        let s = &self.session;
        let format = match (&self.settings.prompt, s.host(), s.user()) {
            (Some(custom), _, _) => custom.as_str(),
            (None, None, _) => "ftp> ",
            (None, Some(_), None) => "ftp %h> ",
            (None, Some(_), Some(_)) => "ftp %u@%h:%d> ",
        };
        sanitize(&expand_prompt(format, s))
    }
}

/// Longest remote directory shown in full by `%d`; longer ones keep their last two components.
const PROMPT_DIR_MAX: usize = 32;

/// Expands the prompt escapes of `format`.
fn expand_prompt(format: &str, s: &Session) -> String {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => out += s.user().unwrap_or(""),
            Some('h') => out += s.host().unwrap_or(""),
            Some('d') => out += &shorten_dir(s.cwd().unwrap_or("")),
            Some('D') => out += s.cwd().unwrap_or(""),
            Some('l') => out += &std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default(),
            Some(other) => out.push(other),
            None => out.push('%'),
        }
    }
    out
}

/// `/a/very/long/path/to/here` -> `…/to/here` when longer than `PROMPT_DIR_MAX` characters.
pub fn shorten_dir(dir: &str) -> String {
    if dir.chars().count() <= PROMPT_DIR_MAX {
        return dir.to_string();
    }
    let tail: Vec<&str> = dir.trim_end_matches('/').rsplit('/').take(3).collect();
    match tail.as_slice() {
        [last, parent, _] => format!("…/{parent}/{last}"),
        _ => dir.to_string(),
    }
}

/// Puts a usage line from the table into a usage error raised without one.
fn with_usage(e: Error, spec: &CommandSpec) -> Error {
    match e {
        Error::Usage(msg) if msg.is_empty() => Error::Usage(spec.usage.to_string()),
        other => other,
    }
}

fn new_editor(color: bool) -> rustyline::Result<Editor<ShellHelper, DefaultHistory>> {
    let config = rustyline::Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .history_ignore_space(true)
        .history_ignore_dups(true)?
        .max_history_size(5000)?
        .build();
    let mut editor = Editor::with_config(config)?;
    editor.set_helper(Some(ShellHelper::new(color)));
    Ok(editor)
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
