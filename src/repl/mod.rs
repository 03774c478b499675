//! The interactive loop: rustyline (prompt, line editing, persistent history, Ctrl-C clears the
//! line, Ctrl-D leaves) and its completer (`completion`). It reads lines and hands them to the
//! interpreter; background jobs print their summaries through its external printer (above the
//! prompt, the line being typed kept), and leaving with jobs running asks what becomes of them.
//! Nothing else in ftpsh depends on this module.

pub mod completion;
mod loading;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Editor, ExternalPrinter};

use crate::commands;
use crate::error::{Error, Exit};
use crate::interp::{self, Flow, lexer};
use crate::session::Session;
use crate::shell::Shell;
use completion::ShellHelper;

type LineEditor = Editor<ShellHelper, DefaultHistory>;

/// Runs the interactive shell until `bye` or Ctrl-D; closes the connection and saves the
/// history at the end.
pub fn run(shell: &mut Shell, history: Option<PathBuf>) -> Exit {
    let mut editor = match new_editor(shell.ui.color) {
        Ok(e) => e,
        Err(e) => {
            shell.ui.error(None, &terminal_error(e));
            return Exit::Failure;
        }
    };
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    for line in editor.history().iter() {
        shell.remember(line);
    }
    if let Ok(mut printer) = editor.create_external_printer() {
        shell.jobs.set_printer(Box::new(move |line| {
            let _ = printer.print(format!("{line}\n"));
        }));
    }
    loop {
        match read_line(shell, &mut editor) {
            Ok(line) => {
                remember(shell, &mut editor, &line);
                match shell.execute(&line) {
                    Ok(Flow::Quit) => break,
                    Ok(Flow::Continue) => {}
                    Err(e) => {
                        let words = lexer::split(&line).unwrap_or_default();
                        let blame = interp::blame(&words, &e);
                        shell.ui.error(Some(blame.as_str()).filter(|b| !b.is_empty()), &e)
                    }
                }
            }
            Err(ReadlineError::Interrupted) => {}
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                shell.ui.error(None, &terminal_error(e));
                break;
            }
        }
    }
    if let Some(path) = &history {
        save_history(&mut editor, path);
    }
    drop(editor);
    leave_jobs(shell);
    shell.session.close();
    Exit::Success
}

/// Asks what becomes of the jobs still running or queued: wait for them (the default), kill
/// them (partial files kept), or leave them to end with the shell.
fn leave_jobs(shell: &mut Shell) {
    let running = shell.jobs.running();
    if running == 0 {
        return;
    }
    shell.jobs.set_printer(crate::jobs::Jobs::stderr_printer(shell.ui.err_sink()));
    let question = format!(
        "{running} job(s) still running or queued: [w]ait for them, [k]ill them (partial files \
         kept), or [l]eave them to end with the shell? [W/k/l] "
    );
    match shell.ui.ask(&question).map(|a| a.trim().to_ascii_lowercase()).as_deref() {
        Some("l" | "leave") => return,
        Some("k" | "kill") => shell.jobs.kill_all(),
        _ => {}
    }
    crate::interrupt::clear();
    match shell.jobs.wait(None) {
        Ok(rows) => rows.iter().for_each(|r| shell.ui.status(&crate::jobs::summary(r))),
        Err(e) => shell.ui.error(None, &e),
    }
}

fn terminal_error(e: ReadlineError) -> Error {
    Error::local("terminal", std::io::Error::other(e.to_string()))
}

/// Reads one line with the session lent to the completer while the prompt is up, and to the
/// keepalive thread when `set keepalive` asks for one.
fn read_line(shell: &mut Shell, editor: &mut LineEditor) -> rustyline::Result<String> {
    let (prompt, keepalive) = (shell.prompt(), shell.settings().keepalive);
    // A line typed ahead while a question was asked runs first, shown after the prompt.
    if let Some(line) = shell.ui.typed_ahead() {
        shell.ui.status(&format!("{prompt}{line}"));
        return Ok(line);
    }
    let Some(helper) = editor.helper_mut() else { return editor.readline(&prompt) };
    helper.timeout.set(shell.settings().completion_timeout);
    let lent = Arc::clone(&helper.session);
    *lent.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::mem::take(&mut shell.session));
    let line = std::thread::scope(|scope| {
        let (_stop, stopped) = mpsc::channel::<()>();
        if let Some(every) = keepalive {
            let lent = &lent;
            scope.spawn(move || keep_alive(lent, every, &stopped));
        }
        editor.readline(&prompt)
    });
    if let Some(session) = lent.lock().unwrap_or_else(PoisonError::into_inner).take() {
        shell.session = session;
    }
    line
}

/// Sends a keepalive every `every` while the prompt is up (until `stopped` ends), skipping a
/// turn while the completer has the session.
fn keep_alive(lent: &Mutex<Option<Session>>, every: Duration, stopped: &mpsc::Receiver<()>) {
    while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
        if let Ok(mut session) = lent.try_lock()
            && let Some(session) = session.as_mut()
        {
            session.keepalive();
        }
    }
}

/// Adds a line to the history unless it carries a password.
fn remember(shell: &mut Shell, editor: &mut LineEditor, line: &str) {
    let secret = lexer::split(line).is_ok_and(|w| commands::carries_password(&w));
    if !secret && !line.trim().is_empty() && editor.add_history_entry(line).unwrap_or(false) {
        shell.remember(line);
    }
}

fn new_editor(color: bool) -> rustyline::Result<LineEditor> {
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

fn save_history(editor: &mut LineEditor, path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = editor.save_history(path);
}

/// Where the history lives: `ftpsh/history` in the platform data directory.
pub fn history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("ftpsh").join("history"))
}
