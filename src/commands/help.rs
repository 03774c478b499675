//! Help from the table: the `help` handler (every name in columns that fit a 24-line screen, a
//! line per command with -l, or one command in full with its usage, flags and verbs, wrapped at
//! the terminal's width) and the Markdown reference that docs/COMMANDS.md is.

use super::parse::Call;
use super::spec::{CommandSpec, Flag};
use super::{COMMANDS, lookup};
use crate::error::Result;
use crate::shell::Shell;
use crate::ui::{Output, render};

pub fn help(sh: &mut Shell, call: &Call) -> Result<Output> {
    let width = sh.ui.columns().saturating_sub(1);
    match call.arg(0) {
        None if call.has("long") => Ok(Output::Text(summaries())),
        None => Ok(Output::Text(overview(width))),
        Some(name) => Ok(Output::Text(command_help(lookup(name)?, width))),
    }
}

/// Every command name in columns (down, then across), sorted, to fit `width`: a short screen.
fn overview(width: usize) -> String {
    let mut names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    names.sort_unstable();
    let column = names.iter().map(|n| n.len()).max().unwrap_or(0) + 2;
    let across = (width.saturating_sub(2) / column).max(1);
    let rows = names.len().div_ceil(across);
    let mut text = String::from("Commands (a unique prefix works too):\n");
    for row in 0..rows {
        let line: String = names.iter().skip(row).step_by(rows).map(|n| format!("{n:column$}")).collect();
        text += &format!("  {}\n", line.trim_end());
    }
    text + "'help COMMAND' explains one; 'help -l' gives a line each.\n"
}

/// One line per command: its name and summary.
fn summaries() -> String {
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    COMMANDS.iter().map(|c| format!("  {:width$}  {}\n", c.name, c.summary)).collect()
}

/// Where the help of a flag starts on its line (after the indent and the names' column).
const FLAG_HELP_AT: usize = 27;

/// One command in full: usage, help, flags, aliases, each wrapped at word boundaries to fit
/// `width` (continued lines indented under their start).
pub fn command_help(c: &'static CommandSpec, width: usize) -> String {
    let usage = format!("usage: {}", c.usage());
    let mut text = wrap(&usage, width, "usage: ".len() + c.name.len() + 1);
    text += "\n";
    text += &wrap(c.help, width, 0);
    let flags = flag_lines(c);
    if !flags.is_empty() {
        text += "\noptions:\n";
        for l in flags {
            text += &wrap(&format!("  {l}"), width, FLAG_HELP_AT);
        }
    }
    if !c.aliases.is_empty() {
        text += &format!("\naliases: {}\n", c.aliases.join(", "));
    }
    text
}

/// `line` wrapped as [`render::wrap`] does, ending with a newline.
fn wrap(line: &str, width: usize, hang: usize) -> String {
    render::wrap(line, width, hang) + "\n"
}

/// One line per flag (of the command, or of each verb): `-P, --parallel N  help`.
fn flag_lines(c: &'static CommandSpec) -> Vec<String> {
    let mut lines = Vec::new();
    let verb_names = c.verbs().iter().map(|v| Some(v.name));
    let owners: Vec<Option<&str>> = if c.verbs().is_empty() { vec![None] } else { verb_names.collect() };
    for (owner, syntax) in owners.into_iter().zip(c.syntaxes()) {
        for f in syntax.flags {
            let owner = owner.map(|v| format!("({v}) ")).unwrap_or_default();
            lines.push(format!("{:w$} {owner}{}", flag_names(f), f.help, w = FLAG_HELP_AT - 3));
        }
    }
    lines
}

/// `-c, --continue`, `--json`, `-P, --parallel N`.
fn flag_names(f: &Flag) -> String {
    let short = f.short.map(|c| format!("-{c}, ")).unwrap_or_default();
    let value = f.value.as_ref().map(|v| format!(" {}", v.name)).unwrap_or_default();
    format!("{short}--{}{value}", f.long)
}

/// The command reference in Markdown (docs/COMMANDS.md is this text).
pub fn markdown() -> String {
    let mut s = String::from(
        "# ftpsh commands\n\n<!-- Generated from the command table in src/commands/table.rs; \
         do not edit. Regenerate with `FTPSH_BLESS=1 cargo test --test docs`. -->\n\n\
         A unique prefix of a name works too (`bin` for `binary`). Arguments follow shell \
         quoting: `get \"my file.txt\"` or `get my\\ file.txt`. Flags may come anywhere before \
         `--`; after it every word is an argument (`get -- -odd-name`).\n\n\
         | command | aliases | summary |\n|---|---|---|\n",
    );
    for c in COMMANDS {
        s += &format!("| `{}` | {} | {} |\n", c.name, aliases_md(c), c.summary);
    }
    for c in COMMANDS {
        s += &format!("\n## {}\n\n`{}`\n\n{}\n", c.name, c.usage(), c.help);
        let flags = flag_lines(c);
        if !flags.is_empty() {
            s += "\n| option | meaning |\n|---|---|\n";
            for syntax in c.syntaxes() {
                for f in syntax.flags {
                    s += &format!("| `{}` | {} |\n", flag_names(f), f.help);
                }
            }
        }
        if !c.aliases.is_empty() {
            s += &format!("\nAliases: {}.\n", aliases_md(c));
        }
    }
    s
}

fn aliases_md(c: &CommandSpec) -> String {
    c.aliases.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overview_fits_a_small_screen_and_names_every_command() {
        for width in [60, 79, 99] {
            let text = overview(width);
            assert!(text.lines().count() <= 22, "{width}: {text}");
            assert!(text.lines().all(|l| l.chars().count() <= width), "{width}: {text}");
            let words: Vec<&str> = text.split_whitespace().collect();
            for c in COMMANDS {
                assert!(words.contains(&c.name), "{} missing at {width}", c.name);
            }
        }
    }

    #[test]
    fn help_wraps_on_words_with_continued_lines_indented() {
        let mirror = lookup("mirror").unwrap();
        let text = command_help(mirror, 60);
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let help = mirror.help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(&help), "no word is cut or lost");
        let options = text.lines().skip_while(|l| *l != "options:");
        let option = options.skip_while(|l| !l.contains("--delete")).nth(1).unwrap();
        assert!(option.starts_with(&" ".repeat(FLAG_HELP_AT)), "{option:?}");
        assert_eq!(wrap("  ab cd ef", 7, 4), "  ab cd\n    ef\n");
        assert_eq!(wrap("  -c   keep  the spaces", 80, 0), "  -c   keep  the spaces\n");
        let get = command_help(lookup("get").unwrap(), 200);
        assert!(get.contains("\n  -c, --continue           resume"), "{get}");
        assert_eq!(wrap("averyverylongword x", 5, 0), "averyverylongword\nx\n");
    }
}
