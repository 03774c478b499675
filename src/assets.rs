//! Generated assets: the shell completion scripts (clap_complete) and the man page (clap_mangen),
//! both derived from the clap definition in [`crate::cli::Cli`], the man page's SHELL COMMANDS
//! section from the command table, EXIT STATUS from [`crate::exit::Exit`] and ENVIRONMENT from
//! the settings table, so they cannot drift from any of them; FILES and EXAMPLES are here.
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
    manual_sections().to_writer(out)?;
    man.render_version_section(out)
}

/// The settings the environment may set (`FTPSH_NAME`), and the other variables ftpsh reads.
fn environment() -> Vec<(String, String)> {
    let settings = crate::config::settings::SETTINGS.iter().map(|s| {
        let var = format!("FTPSH_{}", s.name.to_ascii_uppercase().replace('-', "_"));
        (var, format!("the `{}` setting: {}", s.name, s.help))
    });
    let others = [
        ("FTPSH_PASSWORD", "the password for a login whose URL carries none (never for anonymous)"),
        ("FTPSH_CONFIG", "the config file to read instead of ftpsh/config.toml in the config directory"),
        ("NETRC", "the netrc file to read instead of ~/.netrc"),
        (
            "PAGER",
            "the pager of `page` and `lpage` (default: more); run with sh -c, so it may carry arguments",
        ),
        ("VISUAL, EDITOR", "the editor of `edit` (VISUAL first; default: vi)"),
        ("SHELL", "the shell a lone `!` starts"),
        ("NO_COLOR", "no colour (unless --color always)"),
        ("CLICOLOR_FORCE", "colour even when stderr is not a terminal (unless --color never)"),
        ("HOME, XDG_CONFIG_HOME, XDG_DATA_HOME", "where the config and data directories are"),
    ];
    settings.chain(others.into_iter().map(|(v, h)| (v.to_string(), h.to_string()))).collect()
}

/// Files ftpsh reads and writes (CONFIG: the config directory, ~/.config on Linux; DATA: the
/// data directory, ~/.local/share on Linux).
const FILES: &[(&str, &str)] = &[
    ("CONFIG/ftpsh/config.toml", "settings, top level and per [host.\"NAME\"] section, and color"),
    (
        "CONFIG/ftpsh/bookmarks.toml",
        "bookmarks (`bookmark add`); passwords only with -p, in a file only you can read",
    ),
    ("CONFIG/ftpsh/known_certificates.toml", "certificates trusted always (`known list`, `known forget`)"),
    (
        "CONFIG/ftpsh/known_tls.toml",
        "servers remembered as speaking TLS (TLS or nothing from then on under tls auto)",
    ),
    ("DATA/ftpsh/history", "the interactive shell's history (lines with a password are never saved)"),
    (
        "~/.netrc",
        "logins and passwords per machine (refused when others can read it and it holds a password), \
         and macros (`macdef`; `init` runs after logging in)",
    ),
];

/// A few examples, each a command line and what it does.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "ftpsh ftp.example.org",
        "connect, log in (asking for the name; Enter for anonymous) and start the shell",
    ),
    ("ftpsh get ftp://ftp.example.org/pub/file.tar.gz", "download one file and exit"),
    ("ftpsh put -c big.iso ftp://user@host/upload/", "resume an upload"),
    ("ftpsh -c 'cd pub; mget -P 4 *.txt' ftp.example.org", "a script of two commands, four connections"),
    ("ftpsh mirror ftp://host/site ./site", "make ./site match the remote directory"),
    ("ftpsh man | man -l -", "read this page where it is not installed"),
    ("echo 'get README -' | ftpsh ftp://anonymous@host/pub", "commands from stdin; README to stdout"),
];

/// EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES and what ftpsh leaves out.
fn manual_sections() -> roff::Roff {
    use roff::{bold, roman};
    let mut page = roff::Roff::new();
    page.control("SH", ["EXIT STATUS"]);
    page.text([roman("A script or one-shot command ends with the status of its first failure.")]);
    for exit in crate::exit::Exit::ALL {
        page.control("TP", []).text([bold(exit.code().to_string())]);
        page.text([roman(exit.meaning())]);
    }
    let sections: [(&str, Vec<(String, String)>); 3] = [
        ("ENVIRONMENT", environment()),
        ("FILES", FILES.iter().map(|(f, h)| (f.to_string(), h.to_string())).collect()),
        ("EXAMPLES", EXAMPLES.iter().map(|(e, h)| (e.to_string(), h.to_string())).collect()),
    ];
    for (title, items) in sections {
        page.control("SH", [title]);
        for (item, help) in items {
            page.control("TP", []).text([bold(item)]);
            page.text([roman(help)]);
        }
    }
    page.control("SH", ["NOT INCLUDED"]);
    page.text([roman(
        "proxy (tnftp's second connection for server-to-server copies) is left out: few servers \
         allow such transfers any more. The other tnftp commands that ftpsh does not have are \
         mostly settings of its own (see `set`).",
    )]);
    page
}

/// The SHELL COMMANDS section: each command's usage, help, flags and aliases.
fn shell_commands_section() -> roff::Roff {
    use roff::{bold, italic, roman};
    let mut page = roff::Roff::new();
    page.control("SH", ["SHELL COMMANDS"]);
    page.text([roman(
        "The interactive shell, scripts (-c, -f, stdin) and `source` read these commands; \
         `help COMMAND` in the shell shows the same. A unique prefix of a name works too. Flags \
         may come anywhere before `--`. Arguments follow shell quoting.",
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
