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
