//! Generated assets: the shell completion scripts (clap_complete) and the man page (clap_mangen),
//! both derived from the clap definition in [`crate::cli::Cli`], so they cannot drift from it.
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

/// Writes the man page (roff) to `out`.
pub fn man_page(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command()).render(out)
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
