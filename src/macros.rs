//! Macros as tnftp has them: `macdef NAME` records the lines that follow up to an empty line,
//! `$ NAME ARGS` runs them with `$1`…`$9` replaced by the arguments, `$i` by each argument in
//! turn (the macro runs once per argument), and `\X` by X (so `\$1` stays `$1`). A `.netrc`
//! `macdef` defines macros for its machine; `init` runs after the login.
//!
//! Pure: the definitions, the line being recorded and the expansion. The interpreter feeds the
//! recording and runs expanded lines; nothing here runs or prints anything.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// How deep macros may call macros (a macro that calls itself stops there).
pub const MAX_DEPTH: usize = 16;

/// The macro run at login when a `.netrc` entry defines it.
pub const INIT: &str = "init";

/// The defined macros, the one being recorded, and how deep macros are running now.
#[derive(Debug, Default)]
pub struct Macros {
    defined: BTreeMap<String, Vec<String>>,
    recording: Option<(String, Vec<String>)>,
    depth: usize,
}

impl Macros {
    /// Starts recording `name`: the next lines, up to an empty one, become its body.
    pub fn record(&mut self, name: &str) {
        self.recording = Some((name.to_string(), Vec::new()));
    }

    /// Whether lines are being recorded (they are a macro's body, not commands).
    pub fn is_recording(&self) -> bool {
        self.recording.is_some()
    }

    /// Takes one line of the body being recorded; an empty (or blank) line ends it and defines
    /// the macro. Returns the macro's name when it was defined.
    pub fn feed(&mut self, line: &str) -> Option<String> {
        let line = line.trim_end_matches(['\r', '\n']);
        if !line.trim().is_empty() {
            if let Some((_, body)) = self.recording.as_mut() {
                body.push(line.to_string());
            }
            return None;
        }
        let (name, body) = self.recording.take()?;
        self.define(&name, body);
        Some(name)
    }

    /// Defines (or replaces) a macro.
    pub fn define(&mut self, name: &str, body: Vec<String>) {
        self.defined.insert(name.to_string(), body);
    }

    /// The body of `name`, if defined.
    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.defined.get(name).map(Vec::as_slice)
    }

    /// Every macro, by name.
    pub fn all(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.defined.iter().map(|(n, b)| (n.as_str(), b.as_slice()))
    }

    /// The lines to run for `$ name args`.
    pub fn expand(&self, name: &str, args: &[String]) -> Result<Vec<String>> {
        let body = self.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.defined.keys().map(String::as_str).collect();
            let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            Error::Usage(format!("no macro named '{name}' (defined: {known})"))
        })?;
        Ok(expand(body, args))
    }

    /// Notes that a macro starts running; refuses beyond [`MAX_DEPTH`] levels.
    pub fn enter(&mut self, name: &str) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::Refused(format!(
                "macro '{name}': macros nested more than {MAX_DEPTH} deep (does it call itself?)"
            )));
        }
        self.depth += 1;
        Ok(())
    }

    /// Notes that a macro finished.
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

/// The body with its arguments put in; a body that uses `$i` repeats once per argument.
pub fn expand(body: &[String], args: &[String]) -> Vec<String> {
    let loops = body.iter().any(|l| uses_loop(l));
    let rounds: Vec<Option<&str>> =
        if loops { args.iter().map(|a| Some(a.as_str())).collect() } else { vec![None] };
    let mut lines = Vec::new();
    for each in rounds {
        lines.extend(body.iter().map(|l| substitute(l, args, each)));
    }
    lines
}

/// Whether a line uses `$i` (not escaped).
fn uses_loop(line: &str) -> bool {
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '$' if chars.clone().next() == Some('i') => return true,
            _ => {}
        }
    }
    false
}

/// One line with `$N` (N = 1…9, more digits read as one number), `$i` and `\X` replaced.
fn substitute(line: &str, args: &[String], each: Option<&str>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' if chars.peek() == Some(&'i') => {
                chars.next();
                out += each.unwrap_or_default();
            }
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                let mut n = 0usize;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                    n = n.saturating_mul(10).saturating_add(d as usize);
                    chars.next();
                }
                out += n.checked_sub(1).and_then(|i| args.get(i)).map_or("", String::as_str);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn arguments_replace_dollar_numbers_and_backslash_escapes() {
        let body = words(&["get $1 $2", "echo \\$1 costs $9 $", "cd $10"]);
        let args = words(&["a.txt", "b.txt"]);
        assert_eq!(expand(&body, &args), words(&["get a.txt b.txt", "echo $1 costs  $", "cd "]));
    }

    #[test]
    fn dollar_i_loops_over_the_arguments() {
        let body = words(&["get $i", "size $1"]);
        let args = words(&["x", "y"]);
        assert_eq!(expand(&body, &args), words(&["get x", "size x", "get y", "size x"]));
        assert!(expand(&body, &[]).is_empty(), "no arguments, no rounds");
        assert_eq!(expand(&words(&["ls \\$i"]), &args), words(&["ls $i"]));
    }

    #[test]
    fn recording_ends_at_an_empty_line() {
        let mut m = Macros::default();
        m.record("up");
        assert!(m.is_recording());
        assert_eq!(m.feed("cd /pub"), None);
        assert_eq!(m.feed("  ls  "), None);
        assert_eq!(m.feed("").as_deref(), Some("up"));
        assert!(!m.is_recording());
        assert_eq!(m.get("up").unwrap(), &words(&["cd /pub", "  ls  "])[..]);
        assert!(matches!(m.expand("down", &[]), Err(Error::Usage(msg)) if msg.contains("up")));
    }

    #[test]
    fn nesting_is_bounded() {
        let mut m = Macros::default();
        for _ in 0..MAX_DEPTH {
            m.enter("m").unwrap();
        }
        assert!(matches!(m.enter("m"), Err(Error::Refused(_))));
        m.leave();
        m.enter("m").unwrap();
    }
}
