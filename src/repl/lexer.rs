//! Splits a command line into words: shell-like quoting (single and double quotes, backslash
//! escapes), `#` comments, and `!cmd` for a local shell command. Pure.

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
        return Err(Error::Usage(
            "CR, LF and NUL are not allowed in arguments".into(),
        ));
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        split(line).unwrap()
    }

    #[test]
    fn quotes_and_backslashes_keep_spaces() {
        assert_eq!(
            words(r#"get "my notes.txt" 'local copy'"#),
            ["get", "my notes.txt", "local copy"]
        );
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
        for line in [
            "get \"open",
            "get 'open",
            "ls \"a\rb\"",
            "quote \"NOOP\nDELE x\"",
            "cd a\u{0}b",
        ] {
            assert!(matches!(split(line), Err(Error::Usage(_))), "{line}");
        }
    }
}
