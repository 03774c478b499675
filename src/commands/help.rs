//! The `help` handler: an overview of the table, or one command in full.

use super::{COMMANDS, lookup};
use crate::error::Result;
use crate::repl::Shell;
use crate::ui::Output;

pub fn help(_: &mut Shell, args: &[String]) -> Result<Output> {
    let Some(name) = args.first() else {
        return Ok(Output::Text(overview()));
    };
    let c = lookup(name)?;
    let mut text = format!("usage: {}\n\n{}\n", c.usage, c.help);
    if !c.aliases.is_empty() {
        text += &format!("\naliases: {}\n", c.aliases.join(", "));
    }
    Ok(Output::Text(text))
}

fn overview() -> String {
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut text = String::from("Commands (a unique prefix works; 'help COMMAND' for details):\n");
    for c in COMMANDS {
        text += &format!("  {:width$}  {}\n", c.name, c.summary);
    }
    text
}
