//! The user's own programs that commands hand data to: the pager (`$PAGER`, else `more`, as
//! tnftp does) and the editor (`$VISUAL`, else `$EDITOR`, else `vi`). Each runs through `sh -c`,
//! so a variable may carry arguments (`PAGER='less -R'`); file names are passed as arguments,
//! never pasted into the command text.

use std::process::Command;

/// The command a variable names, or `default` when it is unset or empty.
fn from_env(vars: &[&str], default: &str) -> String {
    let set = vars.iter().filter_map(|v| std::env::var(v).ok()).find(|v| !v.trim().is_empty());
    set.unwrap_or_else(|| default.to_string())
}

/// `sh -c 'PROGRAM "$@"' sh ARGS...`.
fn shell_command(program: &str, args: &[&std::ffi::OsStr]) -> Command {
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-c").arg(format!("{program} \"$@\"")).arg("sh").args(args);
    cmd
}

/// The pager, reading its standard input.
pub fn pager() -> Command {
    shell_command(&from_env(&["PAGER"], "more"), &[])
}

/// The editor, on `file`.
pub fn editor(file: &std::path::Path) -> Command {
    shell_command(&from_env(&["VISUAL", "EDITOR"], "vi"), &[file.as_os_str()])
}
