//! The `ftpsh` binary: parse the command line, connect if asked, run the interactive shell or
//! a script from stdin, and turn the result into the exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use ftpsh::address::Target;
use ftpsh::cli::{Cli, ColorChoice};
use ftpsh::commands::{LoginOptions, open_target};
use ftpsh::repl::{Shell, history_path};
use ftpsh::ui::Ui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.color);
    colored::control::set_override(color);
    ftpsh::interrupt::install();
    let mut shell = Shell::new(Ui::terminal(color, cli.color == ColorChoice::Always));
    shell.settings.progress = cli.progress;
    let code = run(&mut shell, &cli);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn run(shell: &mut Shell, cli: &Cli) -> i32 {
    let interactive = shell.ui.interactive;
    if let Some(spec) = &cli.target {
        let opts = LoginOptions { user: cli.user.clone(), no_login: cli.no_login };
        let opened = Target::parse(spec, cli.port.as_deref()).and_then(|t| open_target(shell, &t, &opts));
        match opened {
            Ok(out) => shell.ui.show(&out),
            Err(e) => {
                shell.ui.error(None, &e);
                if !interactive {
                    return e.exit_code();
                }
            }
        }
    }
    if interactive {
        shell.run_interactive(history_path())
    } else {
        shell.run_script(std::io::stdin().lock(), "stdin")
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
