//! The completion scripts under `completions/` and the man page under `man/` are generated from the
//! clap definition and must match it. `FTPSH_BLESS=1 cargo test --test assets` regenerates them.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use clap_complete::Shell;

const REGENERATE: &str = "FTPSH_BLESS=1 cargo test --test assets";

#[test]
fn generated_files_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = ftpsh::assets::generated_files();
    let bless = std::env::var_os("FTPSH_BLESS").is_some();
    let mut stale = Vec::new();
    for (rel, fresh) in &files {
        let path = root.join(rel);
        if bless {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, fresh).unwrap();
        }
        if fs::read(&path).ok().as_ref() != Some(fresh) {
            stale.push(rel.as_str());
        }
    }
    assert!(stale.is_empty(), "generated files are stale or missing: {stale:?}; run `{REGENERATE}`");

    // A file left behind in a generated directory (e.g. by a renamed asset) is stale too.
    let known: BTreeSet<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    for dir in ["completions", "man"] {
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            let rel = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(known.contains(rel.as_str()), "{rel} is no longer generated: delete it");
        }
    }
}

#[test]
fn one_file_per_shell_plus_the_man_pages() {
    let paths: Vec<String> = ftpsh::assets::generated_files().into_iter().map(|(rel, _)| rel).collect();
    for expected in [
        "completions/ftpsh.bash",
        "completions/_ftpsh",
        "completions/ftpsh.fish",
        "completions/ftpsh.elv",
        "completions/_ftpsh.ps1",
        "man/ftpsh.1",
        "man/ftpsh-get.1",
        "man/ftpsh-put.1",
        "man/ftpsh-completions.1",
    ] {
        assert!(paths.iter().any(|p| p == expected), "{expected} missing from {paths:?}");
    }
    // The main page's SEE ALSO names one page per subcommand: each exists.
    let man = String::from_utf8(
        ftpsh::assets::generated_files().into_iter().find(|(p, _)| p == "man/ftpsh.1").unwrap().1,
    )
    .unwrap();
    for page in paths.iter().filter_map(|p| p.strip_prefix("man/ftpsh-")).map(|p| p.trim_end_matches(".1")) {
        assert!(man.contains(&format!("ftpsh\\-{page}(1)")), "ftpsh-{page}(1) not referenced");
    }
}

#[test]
fn bash_completion_knows_the_long_options() {
    let mut out = Vec::new();
    ftpsh::assets::completions(Shell::Bash, &mut out);
    let script = String::from_utf8(out).unwrap();
    for option in ["--no-login", "--color", "--progress", "--user"] {
        assert!(script.contains(option), "bash completion lacks {option}");
    }
    // Value enums complete their values.
    assert!(script.contains("auto always never"), "bash completion lacks the --color values");
}

#[test]
fn every_shell_completes_the_binary_name() {
    for &shell in <Shell as clap::ValueEnum>::value_variants() {
        let mut out = Vec::new();
        ftpsh::assets::completions(shell, &mut out);
        let script = String::from_utf8(out).unwrap();
        // fish spells long options without the dashes (`-l no-login`).
        assert!(script.contains("ftpsh") && script.contains("no-login"), "{shell} script: {script}");
    }
}

#[test]
fn man_page_is_roff_for_ftpsh() {
    let mut out = Vec::new();
    ftpsh::assets::man_page(&mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains(".TH ftpsh 1"), "no title header:\n{page}");
    assert!(page.contains(".SH NAME\nftpsh \\- "), "no NAME section:\n{page}");
    for option in ["no\\-login", "color"] {
        assert!(page.contains(option), "man page lacks {option}");
    }
}

/// The man page's text with roff's escapes of `-` and `\` undone.
fn man_text() -> String {
    let mut out = Vec::new();
    ftpsh::assets::man_page(&mut out).unwrap();
    String::from_utf8(out).unwrap().replace("\\-", "-").replace("\\\\", "\\").replace("\\*(Aq", "'")
}

#[test]
fn man_page_is_a_manual_every_command_with_its_flags_and_the_usual_sections() {
    let page = man_text();
    for section in ["SHELL COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "NOT INCLUDED"] {
        assert!(
            page.contains(&format!(".SH \"{section}\"")) || page.contains(&format!(".SH {section}")),
            "{section}"
        );
    }
    for c in ftpsh::commands::COMMANDS {
        assert!(page.contains(&format!("\\fB{}", c.usage())), "{} (its usage line) missing", c.name);
        for f in c.syntaxes().iter().flat_map(|s| s.flags) {
            assert!(page.contains(&format!("--{}", f.long)), "{} --{}", c.name, f.long);
        }
    }
    for exit in ftpsh::error::Exit::ALL {
        assert!(
            page.contains(&format!("\\fB{}\\fR\n{}", exit.code(), exit.meaning())),
            "exit {}",
            exit.code()
        );
    }
    for var in ["FTPSH_TIMEOUT", "FTPSH_PASSWORD", "PAGER", "EDITOR", "NETRC", "NO_COLOR"] {
        assert!(page.contains(var), "{var} not in ENVIRONMENT");
    }
    for file in
        ["config.toml", "bookmarks.toml", "known_certificates.toml", "known_tls.toml", "history", ".netrc"]
    {
        assert!(page.contains(file), "{file} not in FILES");
    }
    assert!(page.contains("proxy"), "says that proxy is left out");
}

#[test]
fn bash_completion_offers_only_real_subcommands() {
    let mut out = Vec::new();
    ftpsh::assets::completions(Shell::Bash, &mut out);
    let script = String::from_utf8(out).unwrap();
    let top = script.lines().find(|l| l.contains("opts=\"-u -n")).expect("the top-level options");
    let words: Vec<&str> =
        top.trim().trim_start_matches("opts=\"").trim_end_matches('"').split(' ').collect();
    let offered: Vec<&str> = words.into_iter().filter(|w| !w.starts_with('-')).collect();
    let mut cmd = <ftpsh::cli::Cli as clap::CommandFactory>::command();
    cmd.build();
    let visible: Vec<&str> =
        cmd.get_subcommands().filter(|s| !s.is_hide_set()).map(|s| s.get_name()).collect();
    assert_eq!(offered, visible, "every subcommand offered is a visible one, and the reverse");
    assert!(offered.contains(&"man"), "`ftpsh man` is documented, so it is offered");
}
