//! `~` and environment variables in local paths, as a shell expands them: `~` and `~/x` are
//! the home directory (`$HOME`), `$NAME` and `${NAME}` the variable's value. The parser applies
//! it to every word of a local kind (`LocalPath`, `LocalDir`, `LocalGlob`), so every command
//! gets it from the table, and completion reads directories through it. A variable that is not
//! set is an error naming it, never an empty string. Reads the environment; no other I/O.

use crate::commands::ArgKind;
use crate::error::{Error, Result};

/// Whether words of `kind` name local files (and are expanded).
pub fn is_local(kind: ArgKind) -> bool {
    matches!(kind, ArgKind::LocalPath | ArgKind::LocalDir | ArgKind::LocalGlob)
}

/// `word` with a leading `~` and every `$NAME` / `${NAME}` replaced. `-` (stdout) and words
/// without either are returned as they are; `~user` is left alone, and so is a `$` not
/// followed by a name.
pub fn local_path(word: &str) -> Result<String> {
    expand_with(word, |name| std::env::var(name).ok())
}

fn expand_with(word: &str, var: impl Fn(&str) -> Option<String>) -> Result<String> {
    let home = || var("HOME").ok_or_else(|| unset(word, "HOME"));
    let rest = match word.strip_prefix('~') {
        Some(r) if r.is_empty() || r.starts_with('/') => {
            return Ok(format!("{}{}", home()?, expand_vars(word, r, &var)?));
        }
        _ => word,
    };
    expand_vars(word, rest, &var)
}

/// `text` (part of `word`) with its variables replaced.
fn expand_vars(word: &str, text: &str, var: &impl Fn(&str) -> Option<String>) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (name, skip) = match after.strip_prefix('{').and_then(|b| b.split_once('}')) {
            Some((name, _)) => (name, name.len() + 2),
            None => {
                let len =
                    after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
                (&after[..len], len)
            }
        };
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_name {
            out.push('$');
            rest = after;
            continue;
        }
        out.push_str(&var(name).ok_or_else(|| unset(word, name))?);
        rest = &after[skip..];
    }
    out.push_str(rest);
    Ok(out)
}

fn unset(word: &str, name: &str) -> Error {
    Error::Usage(format!("{word}: ${name} is not set"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "HOME" => Some("/home/u".into()),
            "SRC" => Some("/s".into()),
            _ => None,
        }
    }

    #[test]
    fn tilde_and_variables_expand() {
        let x = |w: &str| expand_with(w, env).unwrap();
        assert_eq!(x("~"), "/home/u");
        assert_eq!(x("~/notes.txt"), "/home/u/notes.txt");
        assert_eq!(x("$HOME/src"), "/home/u/src");
        assert_eq!(x("${SRC}x/$SRC"), "/sx//s");
        assert_eq!(x("~/$SRC"), "/home/u//s");
    }

    #[test]
    fn what_is_not_an_expansion_stays() {
        let x = |w: &str| expand_with(w, env).unwrap();
        for same in ["-", "a.txt", "~user/x", "a~", "price$5", "$", "a$", "${1}", "x/~"] {
            assert_eq!(x(same), same);
        }
    }

    #[test]
    fn an_unset_variable_is_an_error_naming_it() {
        let e = expand_with("$NOPE/x", env).unwrap_err().to_string();
        assert!(e.contains("$NOPE is not set"), "{e}");
        assert!(expand_with("~", |_| None).is_err());
    }
}
