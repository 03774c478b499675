//! Documentation that is generated from code must match it.

use std::fs;
use std::path::Path;

#[test]
fn commands_md_matches_the_command_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/COMMANDS.md");
    let fresh = ftpsh::commands::markdown();
    if std::env::var_os("FTPSH_BLESS").is_some() {
        fs::write(&path, &fresh).unwrap();
    }
    let current = fs::read_to_string(&path).unwrap_or_default();
    assert!(current == fresh, "docs/COMMANDS.md is stale: run `FTPSH_BLESS=1 cargo test --test docs`");
}

#[test]
fn readme_quick_start_is_the_two_commands() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.contains("cargo run --example demo") && readme.contains("cargo test"));
    for c in ftpsh::commands::COMMANDS {
        assert!(readme.contains(&format!("`{}`", c.name)), "README does not mention `{}`", c.name);
    }
}

#[test]
fn readme_exit_code_table_lists_every_exit_status() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = readme.split("## Exit codes").nth(1).expect("an Exit codes section");
    let listed = table
        .lines()
        .skip_while(|l| !l.starts_with("| code"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let mut cells = l.trim_matches('|').split('|').map(str::trim);
            (cells.next().unwrap().parse().expect("a code"), cells.next().unwrap_or_default().to_string())
        })
        .collect::<Vec<(u8, String)>>();
    let codes: Vec<(u8, String)> =
        ftpsh::error::Exit::ALL.iter().map(|e| (e.code(), e.meaning().to_string())).collect();
    assert_eq!(listed, codes, "README's exit codes and ftpsh::error::Exit (code, meaning) differ");
}
