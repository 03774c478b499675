//! Reading a command's words against its spec. One `Walker` decides what each word is (a verb,
//! flags, a flag's value, `--`, a positional argument); three readers share it:
//! [`parse`] (strict: the [`Call`] a handler gets, or a usage error), [`expect`] (tolerant: what
//! the word being typed should be, for completion) and [`mask`] (tolerant: the words with every
//! secret hidden, for the history filter and `-v`). `parse` also expands `~` and `$NAME` in
//! local paths (`expand`), reading the environment; nothing else here does I/O.
//!
//! Flags may come anywhere before `--`; `-` alone is an argument; short flags bundle (`-cr`,
//! `-P4`, `-rP 4`); long ones take `--name VALUE` or `--name=VALUE`, and `-name` when that is
//! no bundle of short flags. A command (or verb) that
//! declares no flags takes every word as an argument.

use super::expand;
use super::spec::{ArgKind, CommandSpec, Flag, Syntax, Verb};
use crate::error::{Error, Result};

/// A parsed command line: the flags given (with their values) and the positional arguments.
#[derive(Debug, Clone)]
pub struct Call {
    syntax: &'static Syntax,
    flags: Vec<(&'static Flag, Option<String>)>,
    args: Vec<String>,
}

impl Call {
    /// Whether the flag named `long` was given.
    pub fn has(&self, long: &str) -> bool {
        self.check_declared(long);
        self.flags.iter().any(|(f, _)| f.long == long)
    }

    /// This call with the switch named `long` given too, when its syntax declares one and it
    /// takes no value (`None` otherwise): how a transfer is run again to resume (`--continue`).
    pub fn with_switch(&self, long: &str) -> Option<Call> {
        let flag = self.syntax.flags.iter().find(|f| f.long == long && f.value.is_none())?;
        let mut call = self.clone();
        if !call.has(long) {
            call.flags.push((flag, None));
        }
        Some(call)
    }

    /// The (last) value of the flag named `long`.
    pub fn value<'a>(&'a self, long: &'a str) -> Option<&'a str> {
        self.values(long).last()
    }

    /// Every value of the flag named `long`, in order.
    pub fn values<'a>(&'a self, long: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.check_declared(long);
        self.flags.iter().filter(move |(f, _)| f.long == long).filter_map(|(_, v)| v.as_deref())
    }

    /// The value of a number flag (already checked against its range by the parser).
    pub fn number(&self, long: &str) -> Option<usize> {
        self.value(long).and_then(|v| v.parse().ok())
    }

    /// The one-letter forms of the flags named in `longs` that were given, in the order given,
    /// as one word (`-la`), or `""` when none was: for flags passed on to the server.
    pub fn letters(&self, longs: &[&str]) -> String {
        longs.iter().for_each(|l| self.check_declared(l));
        let given = self.flags.iter().filter(|(f, _)| longs.contains(&f.long)).filter_map(|(f, _)| f.short);
        let letters: String = given.collect();
        if letters.is_empty() { letters } else { format!("-{letters}") }
    }

    /// The positional arguments.
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// The positional argument at `index`.
    pub fn arg(&self, index: usize) -> Option<&str> {
        self.args.get(index).map(String::as_str)
    }

    /// Handlers ask for flags by name: a name the syntax does not declare is a bug.
    fn check_declared(&self, long: &str) {
        debug_assert!(self.syntax.flags.iter().any(|f| f.long == long), "flag --{long} is not declared");
    }
}

/// What one word is.
enum Role {
    /// The verb of a command with verbs.
    Verb(&'static Verb),
    /// A word that should have named a verb and did not.
    UnknownVerb,
    /// One or more flags (bundled), with a value given in the same word.
    Flags(Vec<(&'static Flag, Option<String>)>),
    /// A flag this syntax does not have.
    UnknownFlag,
    /// The value of the flag before it.
    FlagValue(&'static Flag),
    /// `--`: only arguments follow.
    EndOfFlags,
    /// A positional argument: what it fills (`None`: one too many).
    Arg(Option<&'static super::spec::Arg>),
}

/// Walks the words of one command line, word by word.
struct Walker {
    spec: &'static CommandSpec,
    syntax: Option<&'static Syntax>,
    pending: Option<&'static Flag>,
    flags_done: bool,
    positional: usize,
}

impl Walker {
    fn new(spec: &'static CommandSpec) -> Walker {
        let syntax = match &spec.action {
            super::spec::Action::Run(syntax, _) => Some(syntax),
            super::spec::Action::Verbs(_) => None,
        };
        Walker { spec, syntax, pending: None, flags_done: false, positional: 0 }
    }

    fn step(&mut self, word: &str) -> Role {
        let Some(syntax) = self.syntax else {
            return match self.spec.verb(word) {
                Some(verb) => {
                    self.syntax = Some(&verb.syntax);
                    Role::Verb(verb)
                }
                None => Role::UnknownVerb,
            };
        };
        if let Some(flag) = self.pending.take() {
            return Role::FlagValue(flag);
        }
        let flagged = !self.flags_done && !syntax.flags.is_empty() && word.len() > 1 && word.starts_with('-');
        if !flagged {
            self.positional += 1;
            let arg = syntax.arg_at(self.positional - 1);
            // A command given as arguments (`queue get -c big`) keeps its flags to itself.
            self.flags_done |= arg.is_some_and(|a| a.kind == ArgKind::Command);
            return Role::Arg(arg);
        }
        if word == "--" {
            self.flags_done = true;
            return Role::EndOfFlags;
        }
        // `-name` is `--name` when it is no bundle of short flags (find(1)'s habit).
        let flags = match word.strip_prefix("--") {
            Some(long) => long_flag(syntax, long),
            None => short_flags(syntax, &word[1..]).or_else(|| long_flag(syntax, &word[1..])),
        };
        match flags {
            Some(flags) => {
                self.pending =
                    flags.last().filter(|(f, v)| f.value.is_some() && v.is_none()).map(|(f, _)| *f);
                Role::Flags(flags)
            }
            None => Role::UnknownFlag,
        }
    }
}

/// `name` or `name=value` after `--`.
fn long_flag(syntax: &Syntax, long: &str) -> Option<Vec<(&'static Flag, Option<String>)>> {
    let (name, inline) = match long.split_once('=') {
        Some((n, v)) => (n, Some(v.to_string())),
        None => (long, None),
    };
    let flag = syntax.flag(None, Some(name))?;
    if inline.is_some() && flag.value.is_none() {
        return None;
    }
    Some(vec![(flag, inline)])
}

/// Bundled letters: `cr`, `P4`, `rP`.
fn short_flags(syntax: &Syntax, letters: &str) -> Option<Vec<(&'static Flag, Option<String>)>> {
    let mut out = Vec::new();
    for (i, c) in letters.char_indices() {
        let flag = syntax.flag(Some(c), None)?;
        if flag.value.is_some() {
            let rest = &letters[i + c.len_utf8()..];
            out.push((flag, Some(rest.to_string()).filter(|r| !r.is_empty())));
            break;
        }
        out.push((flag, None));
    }
    Some(out)
}

/// The handler's view of `words` (the command's arguments, without its name), with the verb it
/// names for commands with verbs; a usage error (with the usage line) when they do not fit.
pub fn parse(spec: &'static CommandSpec, words: &[String]) -> Result<(Option<&'static Verb>, Call)> {
    let usage = || Error::Usage(spec.usage());
    let mut walker = Walker::new(spec);
    let (mut verb, mut flags, mut args) = (None, Vec::new(), Vec::new());
    for word in words {
        match walker.step(word) {
            Role::Verb(v) => verb = Some(v),
            Role::Flags(given) => flags.extend(given),
            Role::FlagValue(flag) => flags.push((flag, Some(word.clone()))),
            Role::EndOfFlags => {}
            Role::Arg(Some(arg)) if fits(arg.kind, word) && expand::is_local(arg.kind) => {
                args.push(expand::local_path(word)?)
            }
            Role::Arg(Some(arg)) if fits(arg.kind, word) => args.push(word.clone()),
            Role::Arg(_) | Role::UnknownFlag | Role::UnknownVerb => return Err(usage()),
        }
    }
    let syntax = walker.syntax.ok_or_else(usage)?;
    if walker.pending.is_some() || args.len() < syntax.min_args() {
        return Err(usage());
    }
    let values_fit = flags.iter().all(|(flag, value)| match (&flag.value, value) {
        (Some(spec), Some(v)) => fits(spec.kind, v),
        _ => true,
    });
    if !values_fit {
        return Err(usage());
    }
    Ok((verb, Call { syntax, flags, args }))
}

/// Whether `word` is a value of `kind`: in the choice list, in the number range, or anything.
fn fits(kind: ArgKind, word: &str) -> bool {
    match kind {
        ArgKind::Choice(words) => words.contains(&word),
        ArgKind::Number { min, max } => word.parse::<u64>().is_ok_and(|n| (min..=max).contains(&n)),
        _ => true,
    }
}

/// What the word being typed should be, for completion.
pub enum Expect {
    /// A verb of the command.
    Verb(&'static [Verb]),
    /// A flag of this syntax.
    Flag(&'static Syntax),
    /// A value of this kind (an argument, or a flag's value).
    Value(ArgKind),
    /// Nothing more fits.
    Nothing,
}

/// What the word after `before` (the command's arguments so far, without its name) should be;
/// `typed` is what the user has typed of it so far.
pub fn expect(spec: &'static CommandSpec, before: &[String], typed: &str) -> Expect {
    let mut walker = Walker::new(spec);
    for word in before {
        walker.step(word);
    }
    let Some(syntax) = walker.syntax else { return Expect::Verb(spec.verbs()) };
    if let Some(flag) = walker.pending {
        return flag.value.as_ref().map_or(Expect::Nothing, |v| Expect::Value(v.kind));
    }
    if typed.starts_with('-') && !walker.flags_done && !syntax.flags.is_empty() {
        return Expect::Flag(syntax);
    }
    syntax.arg_at(walker.positional).map_or(Expect::Nothing, |a| Expect::Value(a.kind))
}

/// `words` (a whole line, command name first) with every secret masked, or `None` when there is
/// none. Secrets are found by what the spec says each word is; a URL with a password counts as
/// one wherever it stands, so a line that does not parse still hides it.
pub fn mask(words: &[String]) -> Option<Vec<String>> {
    let (name, rest) = words.split_first()?;
    let mut walker = super::lookup(name).ok().map(Walker::new);
    let mut masked = vec![name.clone()];
    for word in rest {
        let kind = walker.as_mut().and_then(|w| match w.step(word) {
            Role::FlagValue(flag) => flag.value.as_ref().map(|v| v.kind),
            Role::Arg(Some(arg)) => Some(arg.kind),
            _ => None,
        });
        let kind = kind.filter(|k| k.is_secret(word)).unwrap_or(ArgKind::Url);
        masked.push(kind.mask(word));
    }
    (masked != words).then_some(masked)
}

/// Whether a line's words carry a secret (such a line is never saved in the history).
pub fn carries_password(words: &[String]) -> bool {
    mask(words).is_some()
}
