//! Help from the table: the `help` handler (an overview, or one command in full with its usage,
//! flags and verbs) and the Markdown reference that docs/COMMANDS.md is.

use super::parse::Call;
use super::spec::{CommandSpec, Flag};
use super::{COMMANDS, lookup};
use crate::error::Result;
use crate::shell::Shell;
use crate::ui::Output;

pub fn help(_: &mut Shell, call: &Call) -> Result<Output> {
    match call.arg(0) {
        None => Ok(Output::Text(overview())),
        Some(name) => Ok(Output::Text(command_help(lookup(name)?))),
    }
}

fn overview() -> String {
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut text = String::from("Commands (a unique prefix works; 'help COMMAND' for details):\n");
    for c in COMMANDS {
        text += &format!("  {:width$}  {}\n", c.name, c.summary);
    }
    text
}

/// One command in full: usage, help, flags, aliases.
pub fn command_help(c: &'static CommandSpec) -> String {
    let mut text = format!("usage: {}\n\n{}\n", c.usage(), c.help);
    let flags = flag_lines(c);
    if !flags.is_empty() {
        text += &format!("\noptions:\n{}", flags.iter().map(|l| format!("  {l}\n")).collect::<String>());
    }
    if !c.aliases.is_empty() {
        text += &format!("\naliases: {}\n", c.aliases.join(", "));
    }
    text
}

/// One line per flag (of the command, or of each verb): `-P, --parallel N  help`.
fn flag_lines(c: &'static CommandSpec) -> Vec<String> {
    let mut lines = Vec::new();
    let verb_names = c.verbs().iter().map(|v| Some(v.name));
    let owners: Vec<Option<&str>> = if c.verbs().is_empty() { vec![None] } else { verb_names.collect() };
    for (owner, syntax) in owners.into_iter().zip(c.syntaxes()) {
        for f in syntax.flags {
            let owner = owner.map(|v| format!("({v}) ")).unwrap_or_default();
            lines.push(format!("{:24} {owner}{}", flag_names(f), f.help));
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
