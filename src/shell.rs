//! The shell's state and nothing else: the session, the resolved settings and the layers they
//! come from, the UI, the macros, the history and the background jobs. It knows no loop: the
//! interpreter (`interp`) runs lines on it, the interactive loop (`repl`) and one-shot commands
//! (`oneshot`) drive the interpreter. A background job runs on a shell of its own
//! ([`Shell::worker`]) made from a [`Seed`] of this one: the same login, settings and directory,
//! a connection of its own.

use crate::config::settings::{self, Layers, Settings};
use crate::error::{Error, Result};
use crate::jobs::Jobs;
use crate::macros::Macros;
use crate::session::{Login, Session};
use crate::ui::Ui;
use crate::ui::progress::Display;
use crate::ui::render::sanitize;
use crate::ui::watch::Watch;

/// The shell: a session plus the settings and the UI it reports through.
pub struct Shell {
    /// The FTP session.
    pub session: Session,
    /// Where output goes.
    pub ui: Ui,
    /// The macros (`macdef`, `$`, the `.netrc`'s) and the one being recorded.
    pub macros: Macros,
    /// The background jobs and the queue.
    pub jobs: Jobs,
    settings: Settings,
    layers: Layers,
    history: Vec<String>,
    /// Where a background job's shell counts its transfers.
    watch: Option<Watch>,
}

/// What a background job's shell is made from: the login (server, user, password, directory,
/// settings of the connection) and the settings' layers.
#[derive(Clone)]
pub struct Seed {
    login: Login,
    host: String,
    layers: Layers,
}

impl Shell {
    /// A shell with default settings and no connection yet.
    pub fn new(ui: Ui) -> Shell {
        Shell::with_layers(ui, Layers::default()).expect("default settings resolve")
    }

    /// A shell whose settings come from `layers` (config file, environment, command line).
    pub fn with_layers(ui: Ui, layers: Layers) -> Result<Shell> {
        let settings = settings::resolve(&layers, None)?;
        let mut session = Session::default();
        session.configure(&settings.net);
        crate::transfer::limit::set_total(settings.total_rate);
        let jobs = Jobs::new(ui.err_sink());
        Ok(Shell {
            session,
            ui,
            macros: Macros::default(),
            jobs,
            settings,
            layers,
            history: Vec::new(),
            watch: None,
        })
    }

    /// What a background job needs to log in as this shell is and work as it does.
    pub fn seed(&self) -> Result<Seed> {
        let login = self.session.login_info().ok_or(Error::NotConnected)?;
        let host = self.session.host().unwrap_or_default().to_string();
        Ok(Seed { login, host, layers: self.layers.clone() })
    }

    /// A shell for a background job: logged in on a connection of its own, its output captured
    /// (nobody can be asked anything), its transfers counted into `watch`.
    pub fn worker(seed: &Seed, watch: Watch) -> Result<Shell> {
        let mut shell = Shell::with_layers(Ui::captured().0, seed.layers.clone())?;
        shell.settle_for(&seed.host)?;
        shell.session = Session::open(&seed.login)?;
        shell.watch = Some(watch);
        Ok(shell)
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The settings' sources (the config file's `user` for a host, for instance).
    pub fn layers(&self) -> &Layers {
        &self.layers
    }

    /// Changes a setting for the rest of the session (it stays on top of every other source,
    /// also across `open`).
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        settings::apply(&mut self.settings, name, value)?;
        // Only the last value of a setting matters: the layer keeps one entry per name.
        self.layers.session.retain(|(n, _)| n != name);
        self.layers.session.push((name.to_string(), value.to_string()));
        self.session.configure(&self.settings.net);
        crate::transfer::limit::set_total(self.settings.total_rate);
        Ok(())
    }

    /// Resolves the settings anew for a connection to `host` (its `[host]` section under the
    /// environment, the command line and `set`), and hands the session its part.
    pub fn settle_for(&mut self, host: &str) -> Result<()> {
        self.settings = settings::resolve(&self.layers, Some(host))?;
        self.session.configure(&self.settings.net);
        crate::transfer::limit::set_total(self.settings.total_rate);
        Ok(())
    }

    /// The command history of the interactive shell, oldest first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// Adds a line to the history list.
    pub fn remember(&mut self, line: &str) {
        self.history.push(line.to_string());
    }

    /// The progress display for the next transfer(s), in the mode the settings ask for.
    pub fn display(&self) -> Display {
        use crate::config::settings::ProgressMode;
        let mode = match self.settings.progress {
            ProgressMode::Auto if self.ui.stderr_tty => ProgressMode::Bar,
            ProgressMode::Auto => ProgressMode::None,
            other => other,
        };
        Display::new(mode, self.settings.hash, self.ui.err_sink()).watched(self.watch.clone())
    }

    /// Whether mget, mput and mdelete ask before each file.
    pub fn confirm_each(&self) -> bool {
        self.ui.interactive && self.settings.confirm.unwrap_or(true)
    }

    /// The prompt: `set prompt` format, or `ftp> ` when not connected and
    /// `ftp USER@HOST:DIR> ` when connected; `macdef> ` while a macro is being recorded.
    pub fn prompt(&self) -> String {
        if self.macros.is_recording() {
            return "macdef> ".to_string();
        }
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
