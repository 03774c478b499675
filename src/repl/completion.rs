//! Tab completion and hints for the interactive shell. The first word completes to command
//! names; later words complete to what the command table says comes next (`parse::expect`): a
//! verb, a flag, or a value of the argument's or the flag's kind — remote paths (from the
//! session's cached listings, bounded in time), local paths, fixed choices, command or setting
//! names. Candidates are quoted exactly as the lexer reads them back. Never prints, never fails
//! the editor: a listing that fails or is slow just offers nothing.

use std::borrow::Cow;
use std::cell::Cell;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::{Context, Helper, Validator};

use crate::commands::parse::{self, Expect};
use crate::commands::{self, ArgKind};
use crate::config::settings::{self, COMPLETION_TIMEOUT};
use crate::interp::lexer::{self, Partial};
use crate::listing::{EntryKind, RemoteEntry};
use crate::session::Session;
use crate::ui::render::sanitize;

/// The rustyline helper of the shell. While the prompt is up the shell lends it the session.
#[derive(Helper, Validator)]
pub struct ShellHelper {
    /// The session, lent by the shell for the duration of one `readline` (shared with the
    /// keepalive thread, when there is one).
    pub session: Arc<Mutex<Option<Session>>>,
    /// How long a remote completion may take before it gives up.
    pub timeout: Cell<Duration>,
    /// Whether hints are dimmed with an escape sequence.
    pub color: bool,
    hinter: HistoryHinter,
}

impl ShellHelper {
    /// A helper with no session lent yet.
    pub fn new(color: bool) -> ShellHelper {
        ShellHelper {
            session: Arc::default(),
            timeout: Cell::new(COMPLETION_TIMEOUT),
            color,
            hinter: HistoryHinter::new(),
        }
    }

    /// The candidates for the word that ends at `pos` in `line`, and where that word starts.
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        if line.trim_start().starts_with('!') {
            return (pos, Vec::new());
        }
        let word = lexer::partial_word(&line[..pos]);
        let Some((name, args)) = word.before.split_first() else {
            return (word.start, choices(commands::all_names(), &word.text));
        };
        let Ok(spec) = commands::lookup(name) else { return (word.start, Vec::new()) };
        let found = match parse::expect(spec, args, &word.text) {
            Expect::Verb(verbs) => {
                let names =
                    verbs.iter().flat_map(|v| std::iter::once(v.name).chain(v.aliases.iter().copied()));
                choices(names, &word.text)
            }
            Expect::Flag(syntax) => {
                let shorts = syntax.flags.iter().filter_map(|f| f.short.map(|c| format!("-{c}")));
                let longs = syntax.flags.iter().map(|f| format!("--{}", f.long));
                let all: Vec<String> = shorts.chain(longs).collect();
                choices(all.iter().map(String::as_str), &word.text)
            }
            Expect::Value(kind) => self.values(kind, &word),
            Expect::Nothing => Vec::new(),
        };
        (word.start, found)
    }

    /// Candidates for a value of `kind`.
    fn values(&self, kind: ArgKind, word: &Partial) -> Vec<Pair> {
        match kind {
            ArgKind::RemotePath | ArgKind::RemoteGlob => self.remote(word, false),
            ArgKind::RemoteDir => self.remote(word, true),
            ArgKind::LocalPath | ArgKind::LocalGlob => local(word, false),
            ArgKind::LocalDir => local(word, true),
            // One-letter abbreviations (`type a`) are accepted but not offered.
            ArgKind::Choice(list) => choices(list.iter().copied().filter(|c| c.len() > 1), &word.text),
            ArgKind::Command => choices(commands::all_names(), &word.text),
            ArgKind::Setting => choices(settings::names(), &word.text),
            ArgKind::Number { .. } | ArgKind::Host | ArgKind::Url | ArgKind::Password | ArgKind::Text => {
                Vec::new()
            }
        }
    }

    fn remote(&self, word: &Partial, dirs_only: bool) -> Vec<Pair> {
        let Ok(mut lent) = self.session.try_lock() else { return Vec::new() };
        let Some(session) = lent.as_mut().filter(|s| s.is_logged_in()) else { return Vec::new() };
        let (dir, _) = split_dir(&word.text);
        let listed = session.bounded(self.timeout.get(), |s| s.entries(dir));
        let Ok(entries) = listed else { return Vec::new() };
        // A link may lead to a directory: offer it where only directories make sense.
        let is_dir = |e: &RemoteEntry| e.is_dir() || (dirs_only && matches!(e.kind, EntryKind::Link { .. }));
        paths(&word.text, entries.iter().map(|e| (e.name.as_str(), is_dir(e))), dirs_only)
    }
}

/// Splits a typed path into its directory part (with the slash) and the name prefix.
fn split_dir(typed: &str) -> (&str, &str) {
    match typed.rfind('/') {
        Some(i) => typed.split_at(i + 1),
        None => ("", typed),
    }
}

/// Path candidates: names in the typed directory that start with the typed prefix. Directories
/// end in `/` so the next Tab goes on inside; files end in a space. Dot-files only when asked.
fn paths<'a>(typed: &str, names: impl Iterator<Item = (&'a str, bool)>, dirs_only: bool) -> Vec<Pair> {
    let (dir, prefix) = split_dir(typed);
    let mut out: Vec<Pair> = names
        .filter(|(n, is_dir)| n.starts_with(prefix) && (*is_dir || !dirs_only))
        .filter(|(n, _)| prefix.starts_with('.') || !n.starts_with('.'))
        .filter(|(n, _)| !n.chars().any(crate::text::is_unsafe))
        .map(|(n, is_dir)| {
            let end = if is_dir { "/" } else { " " };
            Pair {
                display: format!("{}{}", sanitize(n), if is_dir { "/" } else { "" }),
                replacement: format!("{}{end}", lexer::quote_word(&format!("{dir}{n}"))),
            }
        })
        .collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out
}

fn local(word: &Partial, dirs_only: bool) -> Vec<Pair> {
    let (dir, _) = split_dir(&word.text);
    let Ok(read) = std::fs::read_dir(if dir.is_empty() { Path::new(".") } else { Path::new(dir) }) else {
        return Vec::new();
    };
    let names: Vec<(String, bool)> =
        read.flatten().filter_map(|e| Some((e.file_name().into_string().ok()?, e.path().is_dir()))).collect();
    paths(&word.text, names.iter().map(|(n, d)| (n.as_str(), *d)), dirs_only)
}

fn choices<'a>(candidates: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<Pair> {
    let mut out: Vec<Pair> = candidates
        .filter(|c| c.starts_with(prefix))
        .map(|c| Pair { display: c.to_string(), replacement: format!("{} ", lexer::quote_word(c)) })
        .collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out.dedup_by(|a, b| a.display == b.display);
    out
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.candidates(line, pos))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ShellHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color { Cow::Owned(format!("\x1b[2m{hint}\x1b[0m")) } else { Cow::Borrowed(hint) }
    }
}
