//! What a command is made of: [`CommandSpec`] (names, help, [`Syntax`], handler), its flags
//! ([`Flag`]), positional arguments ([`Arg`] of an [`ArgKind`]) and sub-verbs ([`Verb`]). The
//! table in `table.rs` is built from these types; the parser (`parse.rs`), `help`, completion,
//! history filtering, `-v` masking and docs/COMMANDS.md all read them. Also the usage line, which
//! is derived from the syntax, never written by hand. Pure data: no I/O, no handlers here.

use crate::error::Result;
use crate::shell::Shell;
use crate::ui::Output;

use super::parse::Call;

/// What kind of value a word is; drives validation, completion, masking and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// A remote file or directory.
    RemotePath,
    /// A remote directory.
    RemoteDir,
    /// A remote glob pattern (`*.txt`), matched against listings.
    RemoteGlob,
    /// A local file or directory.
    LocalPath,
    /// A local directory.
    LocalDir,
    /// A local glob pattern, matched against the disk.
    LocalGlob,
    /// One of a fixed set of words (the parser refuses others; completion offers those longer
    /// than one letter).
    Choice(&'static [&'static str]),
    /// A whole number in a range (the parser refuses others).
    Number { min: u64, max: u64 },
    /// A command name from the table.
    Command,
    /// A setting name (`set`).
    Setting,
    /// A host name, a bookmark, or a URL that may carry a password.
    Host,
    /// An `ftp://` URL that may carry a password.
    Url,
    /// A password: a line with one is never saved in the history, and is masked when echoed.
    Password,
    /// Free text (raw protocol commands, modes, names).
    Text,
}

impl ArgKind {
    /// Whether `word`, given as a value of this kind, is secret.
    pub fn is_secret(self, word: &str) -> bool {
        match self {
            ArgKind::Password => true,
            ArgKind::Host | ArgKind::Url => crate::address::url_has_password(word),
            _ => false,
        }
    }

    /// `word` as it may be shown: a password as `****`, a URL's password as `****`.
    pub fn mask(self, word: &str) -> String {
        match self {
            ArgKind::Password => "****".to_string(),
            _ if self.is_secret(word) => crate::address::mask_password(word),
            _ => word.to_string(),
        }
    }
}

/// How many words a positional argument takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Exactly one.
    One,
    /// Zero or one.
    Optional,
    /// One or more.
    Many,
    /// Zero or more.
    Any,
}

/// A positional argument.
#[derive(Debug)]
pub struct Arg {
    /// Its name in the usage line (`REMOTE`).
    pub name: &'static str,
    /// What it is.
    pub kind: ArgKind,
    /// How many words it takes.
    pub count: Count,
}

/// The value a flag takes.
#[derive(Debug)]
pub struct Value {
    /// Its name in the usage line (`N`).
    pub name: &'static str,
    /// What it is.
    pub kind: ArgKind,
}

/// A flag: `-c`, `--continue`, `-P N`, `--parallel=N`.
#[derive(Debug)]
pub struct Flag {
    /// The one-letter form, if any.
    pub short: Option<char>,
    /// The long form (without `--`); also the name handlers ask for.
    pub long: &'static str,
    /// The value it takes, if any.
    pub value: Option<Value>,
    /// Whether it may be given more than once (its values accumulate).
    pub repeat: bool,
    /// One line of help.
    pub help: &'static str,
}

/// The flags and positional arguments of a command or of one of its verbs.
#[derive(Debug)]
pub struct Syntax {
    /// The flags; a command without flags takes every word as an argument.
    pub flags: &'static [Flag],
    /// The positional arguments, in order.
    pub args: &'static [Arg],
}

impl Syntax {
    /// Fewest positional words accepted.
    pub fn min_args(&self) -> usize {
        self.args.iter().filter(|a| matches!(a.count, Count::One | Count::Many)).count()
    }

    /// The argument that the positional word at `index` (0-based) fills, if any.
    pub fn arg_at(&self, index: usize) -> Option<&'static Arg> {
        let mut at = 0;
        for arg in self.args {
            match arg.count {
                Count::Many | Count::Any => return Some(arg),
                _ if at == index => return Some(arg),
                _ => at += 1,
            }
        }
        None
    }

    /// The flag named `-x` (short) or `--name` (long).
    pub fn flag(&self, short: Option<char>, long: Option<&str>) -> Option<&'static Flag> {
        self.flags
            .iter()
            .find(|f| (short.is_some() && f.short == short) || (long.is_some() && Some(f.long) == long))
    }

    /// The usage after the command name: `[-c] [-P N] REMOTE [LOCAL]`.
    pub fn usage(&self) -> String {
        let flags = self.flags.iter().map(|f| {
            let name = f.short.map_or_else(|| format!("--{}", f.long), |c| format!("-{c}"));
            let value = f.value.as_ref().map(|v| format!(" {}", v.name)).unwrap_or_default();
            format!("[{name}{value}]{}", if f.repeat { "..." } else { "" })
        });
        let args = self.args.iter().map(|a| match a.count {
            Count::One => a.name.to_string(),
            Count::Optional => format!("[{}]", a.name),
            Count::Many => format!("{}...", a.name),
            Count::Any => format!("[{}...]", a.name),
        });
        flags.chain(args).collect::<Vec<_>>().join(" ")
    }
}

/// A sub-verb (`bookmark add`), with its own syntax and handler.
pub struct Verb {
    /// Its name.
    pub name: &'static str,
    /// Other names for it.
    pub aliases: &'static [&'static str],
    /// Its flags and arguments.
    pub syntax: Syntax,
    /// The handler.
    pub run: Handler,
}

/// A command handler: gets the shell and the parsed call.
pub type Handler = fn(&mut Shell, &Call) -> Result<Output>;

/// One shell command.
pub struct CommandSpec {
    /// The canonical name.
    pub name: &'static str,
    /// Other names that run the same command.
    pub aliases: &'static [&'static str],
    /// One line for the help overview.
    pub summary: &'static str,
    /// The longer help shown by `help NAME`.
    pub help: &'static str,
    /// Whether the command needs an open connection.
    pub needs_connection: bool,
    /// What it does with its words.
    pub action: Action,
}

/// How a command reads its words and what runs them.
pub enum Action {
    /// Flags and arguments, then the handler.
    Run(Syntax, Handler),
    /// The first word names a verb; the verb's syntax and handler take over.
    Verbs(&'static [Verb]),
}

impl CommandSpec {
    /// The usage line, e.g. `get [-c] [-f] [-r] [-P N] REMOTE [LOCAL]`.
    pub fn usage(&self) -> String {
        match &self.action {
            Action::Run(syntax, _) => join_usage(self.name, &syntax.usage()),
            Action::Verbs(verbs) => {
                let each =
                    verbs.iter().map(|v| join_usage(&format!("{} {}", self.name, v.name), &v.syntax.usage()));
                each.collect::<Vec<_>>().join(" | ")
            }
        }
    }

    /// The verbs (empty for a command without).
    pub fn verbs(&self) -> &'static [Verb] {
        match self.action {
            Action::Verbs(verbs) => verbs,
            Action::Run(..) => &[],
        }
    }

    /// The verb named `word` (by name or alias).
    pub fn verb(&self, word: &str) -> Option<&'static Verb> {
        self.verbs().iter().find(|v| v.name == word || v.aliases.contains(&word))
    }

    /// Every syntax of the command: its own, or one per verb.
    pub fn syntaxes(&'static self) -> Vec<&'static Syntax> {
        match &self.action {
            Action::Run(syntax, _) => vec![syntax],
            Action::Verbs(verbs) => verbs.iter().map(|v| &v.syntax).collect(),
        }
    }
}

fn join_usage(name: &str, rest: &str) -> String {
    if rest.is_empty() { name.to_string() } else { format!("{name} {rest}") }
}
