//! Splits a command line into words: shell-like quoting (single and double quotes, backslash
//! escapes), `#` comments, and `!cmd` for a local shell command. Also the two halves completion
//! needs: the word being typed ([`partial_word`]) and quoting a name so that [`split`] gives it
//! back ([`quote_word`]). Pure.

use crate::error::{Error, Result};

/// Splits `line` into the command name and its arguments. A blank line or a comment gives no
/// words; `!rest` gives `["!", rest]` with `rest` untouched.
pub fn split(line: &str) -> Result<Vec<String>> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix('!') {
        let mut words = vec!["!".to_string()];
        if !rest.trim().is_empty() {
            words.push(rest.trim().to_string());
        }
        return Ok(words);
    }
    let words = shell_words::split(line).map_err(|_| Error::Usage("unterminated quote".into()))?;
    if words.iter().any(|w| w.contains(['\r', '\n', '\0'])) {
        // They would end the FTP command early and smuggle in another one.
        return Err(Error::Usage("CR, LF and NUL are not allowed in arguments".into()));
    }
    Ok(words)
}

/// The command of a line that ends in an unquoted, unescaped `&` (`get big &`, `get big&`):
/// the line without it. `None` for any other line.
pub fn background(line: &str) -> Option<&str> {
    let command = line.trim_end().strip_suffix('&')?;
    let escaped = command.ends_with('\\') && !command.ends_with("\\\\");
    // Inside quotes the `&` leaves the quote open without it: the rest does not split.
    (!escaped && !command.trim().is_empty() && split(command).is_ok()).then_some(command)
}

/// The word under the cursor, for completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partial {
    /// Byte offset where the word (including any opening quote) starts.
    pub start: usize,
    /// The word's text so far, quotes and escapes removed.
    pub text: String,
    /// The complete words before it.
    pub before: Vec<String>,
}

/// Finds the word being typed at the end of `prefix` (the line up to the cursor).
pub fn partial_word(prefix: &str) -> Partial {
    let mut before = Vec::new();
    let (mut current, mut start, mut in_word) = (String::new(), prefix.len(), false);
    let (mut quote, mut escaped) = (None::<char>, false);
    for (i, c) in prefix.char_indices() {
        if escaped {
            current.push(c);
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => escaped = true,
            (Some(_), c) => current.push(c),
            (None, c) if c.is_whitespace() => {
                if std::mem::take(&mut in_word) {
                    before.push(std::mem::take(&mut current));
                }
            }
            (None, c) => {
                if !std::mem::replace(&mut in_word, true) {
                    start = i;
                }
                match c {
                    '\\' => escaped = true,
                    '\'' | '"' => quote = Some(c),
                    c => current.push(c),
                }
            }
        }
    }
    if !in_word {
        start = prefix.len();
    }
    Partial { start, text: current, before }
}

/// Quotes `name` with backslashes so that [`split`] turns it back into exactly `name`.
pub fn quote_word(name: &str) -> String {
    if name.is_empty() {
        // Nothing to escape would give no word at all.
        return "''".to_string();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_whitespace() || matches!(c, '\'' | '"' | '\\') || (i == 0 && c == '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        split(line).unwrap()
    }

    #[test]
    fn quotes_and_backslashes_keep_spaces() {
        assert_eq!(words(r#"get "my notes.txt" 'local copy'"#), ["get", "my notes.txt", "local copy"]);
        assert_eq!(words(r"get my\ notes.txt"), ["get", "my notes.txt"]);
        assert_eq!(words(r#"put "it's here""#), ["put", "it's here"]);
        assert_eq!(words("cd café"), ["cd", "café"]);
    }

    #[test]
    fn comments_and_blank_lines_give_nothing() {
        assert!(words("   ").is_empty());
        assert!(words("# a comment").is_empty());
        assert_eq!(words("pwd # trailing"), ["pwd"]);
    }

    #[test]
    fn bang_runs_the_rest_untouched() {
        assert_eq!(words("!ls -l 'x y'"), ["!", "ls -l 'x y'"]);
        assert_eq!(words("  !"), ["!"]);
    }

    #[test]
    fn malformed_lines_are_usage_errors() {
        for line in ["get \"open", "get 'open", "ls \"a\rb\"", "quote \"NOOP\nDELE x\"", "cd a\u{0}b"] {
            assert!(matches!(split(line), Err(Error::Usage(_))), "{line}");
        }
    }

    #[test]
    fn a_trailing_ampersand_sends_a_line_to_the_background() {
        assert_eq!(background("get big &"), Some("get big "));
        assert_eq!(background("get big&  "), Some("get big"));
        assert_eq!(background("get 'a &"), None, "the quote is still open without it");
        assert_eq!(background("get 'a &'"), None);
        assert_eq!(background(r"get a\&"), None);
        assert_eq!(background("&"), None);
        assert_eq!(background("get a & b"), None);
    }

    #[test]
    fn partial_word_finds_the_word_under_the_cursor() {
        let p = partial_word("get my\\ no");
        assert_eq!((p.start, p.text.as_str()), (4, "my no"));
        assert_eq!(p.before, ["get"]);
        let p = partial_word("cd \"my d");
        assert_eq!((p.start, p.text.as_str()), (3, "my d"));
        let p = partial_word("get 'a b' ");
        assert_eq!((p.start, p.text.as_str()), (10, ""));
        assert_eq!(p.before, ["get", "a b"]);
        assert_eq!(partial_word("").before.len(), 0);
        assert_eq!(partial_word("pw").text, "pw");
    }

    #[test]
    fn an_empty_name_quotes_to_an_empty_word() {
        assert_eq!(quote_word(""), "''");
        assert_eq!(split("get ''").unwrap(), ["get", ""]);
        assert_eq!(partial_word("get ''").text, "");
    }

    #[test]
    fn quoted_names_split_back_to_themselves() {
        for name in ["my notes.txt", "it's", "say \"hi\"", "back\\slash", "#hash", "a#b", "café ü", "tab\tx"]
        {
            let line = format!("get {}", quote_word(name));
            assert_eq!(split(&line).unwrap(), ["get", name], "{line}");
            assert_eq!(partial_word(&line).text, name, "{line}");
        }
    }
}
