//! Tab completion for the interactive shell: command names in the first word; for later words,
//! what the command table says the argument is (local paths, fixed choices, command names).
//! Never prints and never fails the editor.

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::{Context, Helper, Highlighter, Hinter, Validator};

use crate::commands::{self, ArgKind};

/// The rustyline helper of the shell.
#[derive(Helper, Hinter, Highlighter, Validator)]
pub struct ShellHelper {
    files: FilenameCompleter,
}

impl Default for ShellHelper {
    fn default() -> Self {
        ShellHelper {
            files: FilenameCompleter::new(),
        }
    }
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let head = &line[..pos];
        let start = head.rfind(' ').map_or(0, |i| i + 1);
        let word = &head[start..];
        let before: Vec<&str> = head[..start].split_whitespace().collect();
        let Some((name, done)) = before.split_first() else {
            return Ok((start, words(commands::all_names(), word)));
        };
        let kind = commands::lookup(name)
            .ok()
            .and_then(|c| c.arg_kind(done.len()));
        match kind {
            Some(ArgKind::LocalPath | ArgKind::LocalDir) => self.files.complete(line, pos, ctx),
            Some(ArgKind::Choice(choices)) => Ok((start, words(choices.iter().copied(), word))),
            Some(ArgKind::Command) => Ok((start, words(commands::all_names(), word))),
            _ => Ok((pos, Vec::new())),
        }
    }
}

fn words<'a>(candidates: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<Pair> {
    let mut out: Vec<Pair> = candidates
        .filter(|c| c.starts_with(prefix))
        .map(|c| Pair {
            display: c.to_string(),
            replacement: format!("{c} "),
        })
        .collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out
}
