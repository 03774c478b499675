//! Tab completion and hints for the interactive shell. The first word completes to command
//! names; later words complete to what the command table says comes next (`parse::expect`): a
//! verb, a flag, or a value of the argument's or the flag's kind — remote paths (from the
//! session's cached listings, bounded in time; on servers without MLSD the first Tab in a
//! directory offers the names NLST gives while LIST's kinds load), local paths, fixed choices,
//! command or setting names. Candidates are spelled so the command reads back that very name:
//! quoted as the lexer reads them, glob characters escaped for patterns, `./-name` where a dash
//! would start a flag.
//! Never prints, never fails the editor: a listing that fails offers nothing; one slower than
//! `completion-timeout` goes on loading in the background (`loading`), the word stays as typed,
//! the hint says it is loading, and the next Tab uses it.

use std::borrow::Cow;
use std::cell::Cell;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::{Context, Helper, Validator};

use super::loading::Loads;
use crate::commands::parse::{self, Expect};
use crate::commands::{self, ArgKind, expand};
use crate::config::settings::{self, COMPLETION_TIMEOUT};
use crate::error::Error;
use crate::interp::lexer::{self, Partial};
use crate::listing::{EntryKind, RemoteEntry};
use crate::session::Session;
use crate::transfer::batch;
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
    /// Listings that took longer than `timeout`, still being fetched.
    loads: Loads,
}

impl ShellHelper {
    /// A helper with no session lent yet.
    pub fn new(color: bool) -> ShellHelper {
        ShellHelper {
            session: Arc::default(),
            timeout: Cell::new(COMPLETION_TIMEOUT),
            color,
            hinter: HistoryHinter::new(),
            loads: Loads::default(),
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
            Expect::Value(kind) => {
                // A name that starts with `-` would be read as a flag while flags may still come.
                let flags_open =
                    spec.syntaxes().iter().any(|s| !s.flags.is_empty()) && !args.contains(&"--".into());
                // Still loading: the word stays as typed, and the hint says why nothing came.
                let loading =
                    || vec![Pair { display: LOADING.into(), replacement: line[word.start..pos].into() }];
                self.values(kind, &word, Spelling { kind, flags_open }).unwrap_or_else(loading)
            }
            Expect::Nothing => Vec::new(),
        };
        (word.start, found)
    }

    /// Candidates for a value of `kind`; `None` while a remote listing is loading.
    fn values(&self, kind: ArgKind, word: &Partial, spell: Spelling) -> Option<Vec<Pair>> {
        Some(match kind {
            ArgKind::RemotePath | ArgKind::RemoteGlob => return self.remote(word, false, spell),
            ArgKind::RemoteDir => return self.remote(word, true, spell),
            ArgKind::LocalPath | ArgKind::LocalGlob => local(word, false, spell),
            ArgKind::LocalDir => local(word, true, spell),
            // One-letter abbreviations (`type a`) are accepted but not offered.
            ArgKind::Choice(list) => choices(list.iter().copied().filter(|c| c.len() > 1), &word.text),
            ArgKind::Command => choices(commands::all_names(), &word.text),
            ArgKind::Setting => choices(settings::names(), &word.text),
            ArgKind::Number { .. } | ArgKind::Host | ArgKind::Url | ArgKind::Password | ArgKind::Text => {
                Vec::new()
            }
        })
    }

    /// Remote candidates: from the cache at once, else listed within `timeout`. A listing that
    /// takes longer goes on loading in the background (`None`: loading), for the next Tab. Where
    /// the listing would be LIST (no MLSD), names alone do for the first Tab ([`Self::names`]).
    fn remote(&self, word: &Partial, dirs_only: bool, spell: Spelling) -> Option<Vec<Pair>> {
        let Ok(mut lent) = self.session.try_lock() else { return Some(Vec::new()) };
        let Some(session) = lent.as_mut().filter(|s| s.is_logged_in()) else { return Some(Vec::new()) };
        let (dir, _) = split_dir(&word.text);
        let key = session.absolute(dir);
        if let Some(arrived) = self.loads.take(&key) {
            let _ = session.cache_listing(&key, arrived);
        }
        let unlisted = session.cached(&key).is_none() && !session.uses_mlsd();
        if unlisted && !dirs_only && !self.loads.failed(&key) {
            return self.names(session, word, &key, spell);
        }
        if self.loads.is_pending(&key) {
            return None;
        }
        let entries = match session.bounded(self.timeout.get(), |s| s.entries(dir)) {
            Ok(entries) => entries,
            Err(Error::Timeout { .. }) => {
                self.loads.start(session, &key);
                return if self.loads.is_pending(&key) { None } else { Some(Vec::new()) };
            }
            Err(_) => return Some(Vec::new()),
        };
        // A link may lead to a directory: offer it where only directories make sense.
        let is_dir = |e: &RemoteEntry| e.is_dir() || (dirs_only && matches!(e.kind, EntryKind::Link { .. }));
        Some(paths(&word.text, entries.iter().map(|e| (e.name.as_str(), Some(is_dir(e)))), dirs_only, spell))
    }

    /// Candidates from the names alone (NLST), while the whole listing with the kinds (LIST,
    /// which vsftpd takes 3.7 times as long to send for 50,000 entries) loads in the
    /// background for the next Tab: the names are offered at once, without a kind, so a name
    /// completes without the `/` or space that would say what it is (as tnftp does). Names
    /// that are paths rather than names are not trusted: the listing is then awaited.
    fn names(&self, session: &mut Session, word: &Partial, key: &str, spell: Spelling) -> Option<Vec<Pair>> {
        let names = session.bounded(self.timeout.get(), |s| s.names(key));
        // Started after NLST, so that the server's LIST does not slow NLST down.
        self.loads.start(session, key);
        match names {
            Ok(names) if !names.iter().any(|n| n.contains('/')) => {
                Some(paths(&word.text, names.iter().map(|n| (n.as_str(), None)), false, spell))
            }
            // Not answered in time, refused (some servers refuse NLST of an empty directory),
            // or not names: the listing loading in the background answers the next Tab.
            _ if self.loads.is_pending(key) => None,
            _ => Some(Vec::new()),
        }
    }

    /// The hint for a word whose directory is loading in the background.
    fn loading_hint(&self, line: &str, pos: usize) -> Option<String> {
        let lent = self.session.try_lock().ok()?;
        let session = lent.as_ref()?;
        let word = lexer::partial_word(&line[..pos]);
        let key = session.absolute(split_dir(&word.text).0);
        self.loads.is_pending(&key).then(|| format!("  (loading the listing of {}...)", sanitize(&key)))
    }
}

/// The candidate shown while a remote listing loads in the background.
const LOADING: &str = "(loading...)";

/// How a completed name is written so that the command reads back that very name: glob
/// characters escaped where the argument is a pattern (`brackets \[1\].txt` for a remote one,
/// `brackets [[]1[]].txt` for a local one), and `./-name` for a name that would pass for a flag.
#[derive(Clone, Copy)]
struct Spelling {
    kind: ArgKind,
    flags_open: bool,
}

impl Spelling {
    /// `name` in the typed directory `dir`, spelled for the command.
    fn word(self, dir: &str, name: &str) -> String {
        let name = match self.kind {
            ArgKind::RemoteGlob => batch::escape_glob(name),
            ArgKind::LocalGlob => glob::Pattern::escape(name),
            _ => name.to_string(),
        };
        let guard = if dir.is_empty() && self.flags_open && name.starts_with('-') { "./" } else { "" };
        format!("{guard}{dir}{name}")
    }
}

/// Splits a typed path into its directory part (with the slash) and the name prefix.
fn split_dir(typed: &str) -> (&str, &str) {
    match typed.rfind('/') {
        Some(i) => typed.split_at(i + 1),
        None => ("", typed),
    }
}

/// Path candidates: names in the typed directory that start with the typed prefix, each with
/// whether it is a directory (`None`: not known yet). Directories end in `/` so the next Tab
/// goes on inside; files end in a space; a name of unknown kind ends as it is. Dot-files only
/// when asked.
fn paths<'a>(
    typed: &str,
    names: impl Iterator<Item = (&'a str, Option<bool>)>,
    dirs_only: bool,
    spell: Spelling,
) -> Vec<Pair> {
    let (dir, prefix) = split_dir(typed);
    let mut out: Vec<Pair> = names
        .filter(|(n, is_dir)| n.starts_with(prefix) && (*is_dir == Some(true) || !dirs_only))
        .filter(|(n, _)| prefix.starts_with('.') || !n.starts_with('.'))
        .filter(|(n, _)| !n.chars().any(crate::text::is_unsafe))
        .map(|(n, is_dir)| {
            let end = match is_dir {
                Some(true) => "/",
                Some(false) => " ",
                None => "",
            };
            Pair {
                display: format!("{}{}", sanitize(n), if is_dir == Some(true) { "/" } else { "" }),
                replacement: format!("{}{end}", lexer::quote_word(&spell.word(dir, n))),
            }
        })
        .collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out
}

fn local(word: &Partial, dirs_only: bool, spell: Spelling) -> Vec<Pair> {
    let (dir, _) = split_dir(&word.text);
    // `~/` and `$HOME/` are read where they point, and offered as typed.
    let Ok(dir) = expand::local_path(if dir.is_empty() { "." } else { dir }) else { return Vec::new() };
    let Ok(read) = std::fs::read_dir(Path::new(&dir)) else { return Vec::new() };
    let names: Vec<(String, bool)> =
        read.flatten().filter_map(|e| Some((e.file_name().into_string().ok()?, e.path().is_dir()))).collect();
    paths(&word.text, names.iter().map(|(n, d)| (n.as_str(), Some(*d))), dirs_only, spell)
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
        self.loading_hint(line, pos).or_else(|| self.hinter.hint(line, pos, ctx))
    }
}

impl Highlighter for ShellHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color { Cow::Owned(format!("\x1b[2m{hint}\x1b[0m")) } else { Cow::Borrowed(hint) }
    }
}
