//! Scripts: lines from stdin, `-f FILE`, `-c 'cmd; cmd'` or `source FILE`, run without prompt.
//! The first failing command stops the script and is reported as `NAME:LINE: command: error`;
//! with keep-going every failure is reported and the first one decides the outcome. A Ctrl-C
//! always stops the script.

use std::io::BufRead;
use std::path::Path;

use super::{Flow, lexer};
use crate::commands;
use crate::error::{Error, Exit, Result};
use crate::exit::FirstFailure;
use crate::interrupt;
use crate::shell::Shell;

/// How a script runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScriptOptions {
    /// Run on after a failing command.
    pub keep_going: bool,
    /// Echo each command (passwords masked) to stderr before running it.
    pub echo: bool,
}

impl Shell {
    /// Runs a script and closes the connection at its end. Returns the exit status: success
    /// when every command succeeded, else the first failure's.
    /// Background jobs still running at the end are waited for; one that failed makes the
    /// script fail (as a transfer failure) if nothing else did.
    pub fn run_script(&mut self, input: impl BufRead, name: &str, opts: ScriptOptions) -> Exit {
        let result = run(self, input, name, opts);
        let jobs = self.wait_for_jobs();
        let result = result.and_then(|flow| jobs.map(|()| flow));
        self.session.close();
        match result {
            Ok(_) => Exit::Success,
            Err(Error::Script { exit, .. }) => exit,
            Err(e) => {
                self.ui.error(Some(name), &e);
                e.exit()
            }
        }
    }
}

/// `source FILE`: runs FILE's lines; its first failure is the command's.
pub fn source(shell: &mut Shell, path: &Path) -> Result<Flow> {
    let file = std::fs::File::open(path).map_err(|e| Error::local(path, e))?;
    let name = path.display().to_string();
    run(shell, std::io::BufReader::new(file), &name, ScriptOptions::default())
}

/// Runs a macro's lines (`$ NAME`, `init`) as a script named `$NAME`: its first failure stops
/// it. Macros calling macros nest at most [`crate::macros::MAX_DEPTH`] deep.
pub fn run_macro(shell: &mut Shell, name: &str, lines: &[String]) -> Result<Flow> {
    shell.macros.enter(name)?;
    let text = lines.join("\n");
    let result = run(shell, text.as_bytes(), &format!("${name}"), ScriptOptions::default());
    shell.macros.leave();
    result
}

/// Runs the script's lines on `shell`. Every failure is printed where it happens; the result is
/// the first one, as [`Error::Script`], or how the script ended.
fn run(shell: &mut Shell, input: impl BufRead, name: &str, opts: ScriptOptions) -> Result<Flow> {
    let mut first = FirstFailure::default();
    let mut first_line = 0;
    for (index, line) in input.lines().enumerate() {
        let at = index + 1;
        let line = line.map_err(|e| Error::local(name, e))?;
        if opts.echo && !line.trim().is_empty() {
            shell.ui.status(&format!("+ {}", masked(&line)));
        }
        // A Ctrl-C during a command that could not be cut short still ends the script.
        match shell.execute(&line).and_then(|flow| interrupt::check().map(|()| flow)) {
            Ok(Flow::Continue) => {}
            Ok(Flow::Quit) => break,
            Err(e) => {
                let words = lexer::split(&line).unwrap_or_default();
                shell.ui.error(Some(&format!("{name}:{at}: {}", super::blame(&words, &e))), &e);
                if !first.failed() {
                    first_line = at;
                }
                let exit = first.record(e.exit());
                if !opts.keep_going || exit == Exit::Interrupted {
                    break;
                }
            }
        }
    }
    // The end of the input ends a macro being recorded, as an empty line does.
    if shell.macros.is_recording() {
        shell.execute("")?;
    }
    match first.exit() {
        Exit::Success => Ok(Flow::Continue),
        exit => Err(Error::Script { name: name.to_string(), line: first_line, exit }),
    }
}

/// The line as it may be shown: every secret (a password, a URL's password) as `****`.
fn masked(line: &str) -> String {
    match lexer::split(line).ok().and_then(|w| commands::parse::mask(&w)) {
        Some(words) => words.iter().map(|w| lexer::quote_word(w)).collect::<Vec<_>>().join(" "),
        None => line.to_string(),
    }
}

/// Splits `-c` text into lines at `;` outside quotes.
pub fn split_commands(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut quote, mut escaped) = (None::<char>, false);
    for c in text.chars() {
        match (quote, c) {
            _ if escaped => escaped = false,
            (_, '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, ';') => {
                out.push('\n');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_split_commands_outside_quotes() {
        assert_eq!(split_commands("cd pub; get a.txt;ls"), "cd pub\n get a.txt\nls");
        assert_eq!(split_commands("get 'a;b' \"c;d\" e\\;f"), "get 'a;b' \"c;d\" e\\;f");
    }

    #[test]
    fn echoed_lines_hide_passwords() {
        assert_eq!(masked("user alice secret"), "user alice ****");
        assert_eq!(masked("open ftp://a:b@h/"), "open ftp://a:****@h/");
        assert_eq!(masked("bookmark add -p home ftp://u:pw@h/"), "bookmark add -p home ftp://u:****@h/");
        assert_eq!(masked("get a.txt"), "get a.txt");
    }
}
