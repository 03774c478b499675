//! The shell's commands: the table (`table.rs`) built from the spec types (`spec.rs`), the
//! parser that reads a line's words against a spec (`parse.rs`), lookup by name, alias or unique
//! prefix with "did you mean", and the handlers, grouped by topic (conn, nav, fs, xfer, mirror,
//! bookmark, set, help, browse, edit, macros, naming, server; programs runs the pager and the
//! editor). Handlers get the [`Shell`](crate::shell::Shell) and a parsed
//! [`Call`]; they return [`Output`](crate::ui::Output) and never print. Nothing here knows the
//! interactive loop or the script runner.

mod bookmark;
mod browse;
mod conn;
mod edit;
pub mod expand;
mod fs;
mod help;
mod jobs;
mod macros;
mod mirror;
mod naming;
mod nav;
pub mod parse;
mod programs;
mod server;
mod set;
pub mod spec;
mod table;
mod xfer;

pub use help::markdown;
pub use jobs::check_background;
pub use parse::{Call, carries_password};
pub use spec::{Action, ArgKind, CommandSpec};
pub use table::{BACKGROUND, COMMANDS};

use crate::error::{Error, Result};

/// Finds a command by exact name or alias, then by unique prefix of a name or alias.
pub fn lookup(word: &str) -> Result<&'static CommandSpec> {
    let exact = COMMANDS.iter().find(|c| c.name == word || c.aliases.contains(&word));
    if let Some(c) = exact {
        return Ok(c);
    }
    let matches: Vec<&'static CommandSpec> = COMMANDS
        .iter()
        .filter(|c| c.name.starts_with(word) || c.aliases.iter().any(|a| a.starts_with(word)))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        _ if word.is_empty() => Err(Error::UnknownCommand { name: word.to_string(), suggestion: None }),
        [] => Err(Error::UnknownCommand { name: word.to_string(), suggestion: suggest(word) }),
        many => Err(Error::Ambiguous {
            name: word.to_string(),
            candidates: many.iter().map(|c| c.name.to_string()).collect(),
        }),
    }
}

/// The closest command name or alias, if one is close enough to be a likely typo: one edit
/// (a letter wrong, missing, extra, or two swapped) for words of up to four letters, two for
/// longer ones, and no other name as close (between two as close, the one that starts with the
/// same letter).
fn suggest(word: &str) -> Option<String> {
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    let first = word.chars().next();
    let mut close: Vec<((usize, bool), &str)> = all_names()
        .map(|n| ((strsim::damerau_levenshtein(word, n), n.chars().next() != first), n))
        .filter(|&((d, _), n)| d <= limit && d < n.chars().count())
        .collect();
    close.sort();
    match close.as_slice() {
        [(key, n), rest @ ..] if rest.first().is_none_or(|(other, _)| other > key) => Some(n.to_string()),
        _ => None,
    }
}

/// Every name and alias in the table.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::spec::Count;
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = HashSet::new();
        for n in all_names() {
            assert!(seen.insert(n), "duplicate name {n}");
        }
    }

    #[test]
    fn every_command_flag_and_verb_is_documented_and_consistent() {
        for c in COMMANDS {
            assert!(!c.summary.is_empty() && !c.help.is_empty(), "{}", c.name);
            assert!(c.usage().starts_with(c.name), "{}", c.name);
            let mut verbs = HashSet::new();
            for v in c.verbs() {
                for n in std::iter::once(v.name).chain(v.aliases.iter().copied()) {
                    assert!(verbs.insert(n), "{}: verb {n} twice", c.name);
                }
            }
            for syntax in c.syntaxes() {
                let (mut shorts, mut longs) = (HashSet::new(), HashSet::new());
                for f in syntax.flags {
                    assert!(!f.help.is_empty() && !f.long.is_empty(), "{}: --{}", c.name, f.long);
                    assert!(longs.insert(f.long), "{}: --{} twice", c.name, f.long);
                    assert!(f.short.is_none_or(|s| shorts.insert(s)), "{}: -{:?} twice", c.name, f.short);
                    let help = help::command_help(c, usize::MAX);
                    assert!(help.contains(&format!("--{}", f.long)), "{}: --{} not in help", c.name, f.long);
                }
                // Only the last argument may be optional-and-repeating; nothing required after optional.
                let counts: Vec<Count> = syntax.args.iter().map(|a| a.count).collect();
                for (i, pair) in counts.windows(2).enumerate() {
                    let ok = !matches!(
                        pair,
                        [Count::Many | Count::Any, _] | [Count::Optional, Count::One | Count::Many]
                    );
                    assert!(ok, "{}: argument {} cannot follow {:?}", c.name, i + 1, pair[0]);
                }
            }
        }
    }

    /// Fills the words before a secret so that it lands where the spec says it goes.
    fn filler(kind: ArgKind) -> String {
        match kind {
            ArgKind::Choice(words) => words[0].to_string(),
            ArgKind::Number { min, .. } => min.to_string(),
            _ => "x".to_string(),
        }
    }

    #[test]
    fn every_password_bearing_word_is_masked_and_kept_out_of_the_history() {
        let mut checked = 0;
        for c in COMMANDS {
            let verbs: Vec<Option<&spec::Verb>> =
                if c.verbs().is_empty() { vec![None] } else { c.verbs().iter().map(Some).collect() };
            for verb in verbs {
                let syntax = verb.map_or_else(|| c.syntaxes()[0], |v| &v.syntax);
                let mut lead = vec![c.name.to_string()];
                lead.extend(verb.map(|v| v.name.to_string()));
                for (i, a) in syntax.args.iter().enumerate() {
                    let secret = match a.kind {
                        ArgKind::Password => "s3cret".to_string(),
                        ArgKind::Host | ArgKind::Url => "ftp://u:s3cret@127.0.0.1/".to_string(),
                        _ => continue,
                    };
                    // With every flag of the syntax before it, too (they must not shift it).
                    let flags = syntax.flags.iter().flat_map(|f| {
                        let mut w = vec![format!("--{}", f.long)];
                        w.extend(f.value.as_ref().map(|v| filler(v.kind)));
                        w
                    });
                    let mut words = lead.clone();
                    words.extend(flags);
                    words.extend(syntax.args[..i].iter().map(|a| filler(a.kind)));
                    words.push(secret);
                    let masked = parse::mask(&words).unwrap_or_default().join(" ");
                    assert!(!masked.is_empty() && !masked.contains("s3cret"), "{words:?} -> {masked}");
                    assert!(carries_password(&words), "{words:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 3, "open, user and bookmark add carry passwords");
    }

    #[test]
    fn every_name_alias_and_verb_reaches_its_handler() {
        for c in COMMANDS {
            for name in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
                assert!(std::ptr::eq(lookup(name).unwrap(), c), "{name}");
            }
            for v in c.verbs() {
                let words: Vec<String> = std::iter::once(v.name.to_string())
                    .chain(v.syntax.args.iter().filter(|a| a.count == Count::One).map(|a| filler(a.kind)))
                    .collect();
                let (verb, _) = parse::parse(c, &words).unwrap();
                assert!(std::ptr::eq(verb.unwrap(), v), "{} {}", c.name, v.name);
            }
        }
    }

    #[test]
    fn prefixes_aliases_and_typos() {
        assert_eq!(lookup("bin").unwrap().name, "binary");
        assert_eq!(lookup("pw").unwrap().name, "pwd");
        assert_eq!(lookup("cd").unwrap().name, "cd");
        assert_eq!(lookup("image").unwrap().name, "binary");
        assert_eq!(lookup("?").unwrap().name, "help");
        assert!(matches!(lookup("c"), Err(Error::Ambiguous { .. })));
        match lookup("pwdd") {
            Err(Error::UnknownCommand { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("pwd"))
            }
            other => panic!("{:?}", other.map(|c| c.name)),
        }
        assert!(matches!(lookup("zzzzzz"), Err(Error::UnknownCommand { suggestion: None, .. })));
        assert!(matches!(lookup(""), Err(Error::UnknownCommand { .. })));
    }

    fn suggestion(word: &str) -> Option<String> {
        match lookup(word) {
            Err(Error::UnknownCommand { suggestion, .. }) => suggestion,
            other => panic!("{word}: {:?}", other.map(|c| c.name)),
        }
    }

    #[test]
    fn did_you_mean_suggests_only_close_words() {
        assert_eq!(lookup("edit").unwrap().name, "edit");
        assert_eq!(lookup("idle").unwrap().name, "idle");
        assert_eq!(suggestion("eidt").as_deref(), Some("edit"), "two letters swapped");
        assert_eq!(suggestion("exot").as_deref(), Some("exit"));
        assert_eq!(suggestion("idel").as_deref(), Some("idle"), "not mdel, one edit away too");
        assert_eq!(suggestion("mgte").as_deref(), Some("mget"));
        assert_eq!(suggestion("mirorr").as_deref(), Some("mirror"), "two edits in a long word");
        // Two edits away in a short word is not a typo of it.
        assert_eq!(suggestion("idla"), Some("idle".into()));
        assert_eq!(suggestion("xdlx"), None, "idle is two edits away, mdel three");
        assert_eq!(suggestion("ebit"), None, "edit or exit? neither is closer: no guess");
        assert_eq!(suggestion("qwxz"), None);
        assert!(matches!(lookup(""), Err(Error::UnknownCommand { .. })));
    }
}
