//! Generated assets: the shell completion scripts (clap_complete) and the man page (clap_mangen),
//! both derived from the clap definition in [`crate::cli::Cli`], the man page's SHELL COMMANDS
//! section from the command table, so they cannot drift from either.
//!
//! Pure except for writing into the `Write` it is given: nothing here touches the file system.
//! The copies committed under `completions/` and `man/` are kept fresh by `tests/assets.rs`
//! (`FTPSH_BLESS=1 cargo test --test assets` rewrites them).

use std::io::Write;

use clap::{CommandFactory, ValueEnum};
use clap_complete::{Generator, Shell};

/// The program name the assets are generated for.
pub const BIN_NAME: &str = "ftpsh";

/// The clap command the assets are generated from.
fn command() -> clap::Command {
    crate::cli::Cli::command().bin_name(BIN_NAME)
}

/// Writes the completion script for `shell` to `out`.
///
/// # Panics
///
/// clap_complete panics when writing to `out` fails.
pub fn completions(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut command(), BIN_NAME, out);
}

/// Writes the man page (roff) to `out`: the command line's sections, then every shell command
/// from the table.
pub fn man_page(out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(command());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    shell_commands_section().to_writer(out)?;
    man.render_version_section(out)
}

/// The SHELL COMMANDS section: each command's usage, help, flags and aliases.
fn shell_commands_section() -> roff::Roff {
    use roff::{bold, italic, roman};
    let mut page = roff::Roff::new();
    page.control("SH", ["SHELL COMMANDS"]);
    page.text([roman(
        "The interactive shell, scripts (-c, -f, stdin) and `source` read these commands; \
         `help COMMAND` in the shell shows the same. A unique prefix of a name works too. Flags \
         may come anywhere before `--`.",
    )]);
    for c in crate::commands::COMMANDS {
        page.control("TP", []).text([bold(c.usage())]);
        page.text([roman(c.help)]);
        for f in c.syntaxes().into_iter().flat_map(|s| s.flags) {
            let short = f.short.map(|c| format!("-{c}, ")).unwrap_or_default();
            let value = f.value.as_ref().map(|v| format!(" {}", v.name)).unwrap_or_default();
            page.control("br", [])
                .text([italic(format!("{short}--{}{value}", f.long)), roman(format!(": {}", f.help))]);
        }
        if !c.aliases.is_empty() {
            page.control("br", []).text([roman(format!("Aliases: {}.", c.aliases.join(", ")))]);
        }
    }
    page
}

/// Path of the man page, relative to the repository root.
pub const MAN_PAGE_PATH: &str = "man/ftpsh.1";

/// Path of the completion script for `shell`, relative to the repository root
/// (`completions/ftpsh.bash`, `completions/_ftpsh`, `completions/ftpsh.fish`,
/// `completions/ftpsh.elv`, `completions/_ftpsh.ps1`).
pub fn completions_path(shell: Shell) -> String {
    format!("completions/{}", shell.file_name(BIN_NAME))
}

/// Every generated asset: (path relative to the repository root, contents). One completion script per
/// shell clap_complete supports, then the man page.
pub fn generated_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Shell::value_variants()
        .iter()
        .map(|&shell| {
            let mut script = Vec::new();
            completions(shell, &mut script);
            (completions_path(shell), script)
        })
        .collect();
    let mut man = Vec::new();
    man_page(&mut man).expect("writing to a Vec cannot fail");
    files.push((MAN_PAGE_PATH.to_string(), man));
    files.extend(subcommand_pages());
    files
}

/// One man page per subcommand (`man/ftpsh-get.1`, ...), which the main page refers to.
fn subcommand_pages() -> Vec<(String, Vec<u8>)> {
    let mut cmd = command();
    cmd.build(); // adds the `help` subcommand
    let pages = cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned().filter_map(|sub| {
        let name = format!("{BIN_NAME}-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub.name(name.clone())).render(&mut page).ok()?;
        Some((format!("man/{name}.1"), page))
    });
    pages.collect()
}
