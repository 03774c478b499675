//! Scripts: lines from stdin, `-f FILE`, `-c 'cmd; cmd'` or `source FILE`, run without prompt.
//! The first failing command stops the script and is reported as `NAME:LINE: command: error`;
//! with keep-going every failure is reported and the first one decides the outcome. A Ctrl-C
//! always stops the script.

use std::io::BufRead;

use super::{Flow, Shell};
use crate::commands;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::repl::lexer;
use crate::ui::render::sanitize;

/// How a script runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScriptOptions {
    /// Run on after a failing command.
    pub keep_going: bool,
    /// Echo each command (passwords masked) to stderr before running it.
    pub echo: bool,
}

/// Runs the script's lines on `shell`. Every failure is printed where it happens; the result is
/// the first one, as [`Error::Script`], or how the script ended.
pub fn run(shell: &mut Shell, input: impl BufRead, name: &str, opts: ScriptOptions) -> Result<Flow> {
    let mut first: Option<Error> = None;
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
                let cmd = line.split_whitespace().next().unwrap_or_default();
                shell.ui.error(Some(&format!("{name}:{at}: {}", sanitize(cmd))), &e);
                let stop = !opts.keep_going || matches!(e, Error::Interrupted) || e.exit_code() == 130;
                first.get_or_insert(Error::Script { name: name.to_string(), line: at, code: e.exit_code() });
                if stop {
                    break;
                }
            }
        }
    }
    first.map_or(Ok(Flow::Continue), Err)
}

/// The line as it may be shown: password arguments replaced by `****`.
fn masked(line: &str) -> String {
    match lexer::split(line) {
        Ok(words) if commands::carries_password(&words) => {
            let name = words.first().map(String::as_str).unwrap_or_default();
            format!("{name} ****")
        }
        _ => line.to_string(),
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
        assert_eq!(masked("user alice secret"), "user ****");
        assert_eq!(masked("open ftp://a:b@h/"), "open ****");
        assert_eq!(masked("get a.txt"), "get a.txt");
    }
}
