//! The `ftpsh` binary: parse the command line, read the config file, then run one mode — a
//! one-shot command, a script (-c, -f, piped stdin) or the interactive shell — and turn the
//! result into the exit code.

use std::io::{BufReader, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use ftpsh::cli::{Cli, ColorChoice, OneShot};
use ftpsh::commands::{LoginOptions, apply_settings, open_target, resolve_target};
use ftpsh::config::{self, Config};
use ftpsh::error::{Error, Result};
use ftpsh::repl::script::split_commands;
use ftpsh::repl::{ScriptOptions, Shell, history_path};
use ftpsh::ui::Ui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(OneShot::Completions { shell }) => {
            ftpsh::assets::completions(*shell, &mut std::io::stdout());
            0
        }
        Some(OneShot::Man) => ftpsh::assets::man_page(&mut std::io::stdout()).map_or(1, |()| 0),
        _ => run(&cli),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn run(cli: &Cli) -> i32 {
    let config = match config::path().map(|p| Config::load(&p)).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => return fail(&e),
    };
    let choice = match cli.color.map_or_else(|| color_from(&config), Ok) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let color = use_color(choice);
    colored::control::set_override(color);
    ftpsh::interrupt::install();
    ftpsh::trace::set(cli.debug);
    let mut shell = Shell::new(Ui::terminal(color, choice == ColorChoice::Always));
    if let Err(e) = apply_settings(&mut shell, config.settings(), "config") {
        return fail(&e);
    }
    shell.config = config;
    if let Some(p) = cli.progress {
        shell.settings.progress = p;
    }
    let flags: Vec<(String, String)> =
        [("timeout", &cli.timeout), ("connect-timeout", &cli.connect_timeout), ("retries", &cli.retries)]
            .into_iter()
            .filter_map(|(name, value)| value.clone().map(|v| (name.to_string(), v)))
            .collect();
    if let Err(e) = apply_settings(&mut shell, &flags, "command line") {
        return fail(&e);
    }
    shell.settings.json = cli.json;
    if let Err(e) = apply_tls(&mut shell, cli) {
        return fail(&e);
    }
    match &cli.command {
        Some(command) => ftpsh::oneshot::run(&mut shell, command, cli.user.as_deref()),
        None => session(&mut shell, cli),
    }
}

/// Connects if asked, then runs the script or the interactive shell.
fn session(shell: &mut Shell, cli: &Cli) -> i32 {
    let interactive = shell.ui.interactive && cli.script.is_none() && cli.commands.is_none();
    if let Some(spec) = &cli.target {
        let opts =
            LoginOptions { user: cli.user.clone(), no_login: cli.no_login, anonymous_by_default: false };
        let opened = resolve_target(spec, cli.port.as_deref()).and_then(|t| open_target(shell, &t, &opts));
        match opened {
            Ok(out) => shell.ui.show(&out),
            Err(e) if interactive => shell.ui.error(None, &e),
            Err(e) => return fail_on(shell, &e),
        }
    }
    let opts = ScriptOptions { keep_going: cli.keep_going, echo: cli.verbose };
    if let Some(text) = &cli.commands {
        shell.run_script(split_commands(text).as_bytes(), "-c", opts)
    } else if let Some(path) = &cli.script {
        match std::fs::File::open(path) {
            Ok(file) => shell.run_script(BufReader::new(file), &path.display().to_string(), opts),
            Err(e) => fail_on(shell, &Error::local(path, e)),
        }
    } else if interactive {
        shell.run_interactive(history_path())
    } else {
        shell.run_script(std::io::stdin().lock(), "stdin", opts)
    }
}

/// The TLS flags over the config file's `tls` setting.
fn apply_tls(shell: &mut Shell, cli: &Cli) -> Result<()> {
    let tls = &mut shell.session.tls;
    if let Some(policy) = cli.tls {
        tls.policy = policy;
    }
    if cli.ca_file.is_some() {
        tls.ca_file.clone_from(&cli.ca_file);
    }
    for pin in &cli.pin {
        tls.pins.push(ftpsh::tls::parse_pin(pin)?);
    }
    tls.insecure = cli.insecure;
    if cli.insecure {
        shell.ui.status("WARNING: --insecure: server certificates are not verified; anyone on the path can read and change this session.");
    }
    Ok(())
}

fn fail_on(shell: &mut Shell, e: &Error) -> i32 {
    shell.ui.error(None, e);
    e.exit_code()
}

/// Reports an error from before the shell exists.
fn fail(e: &Error) -> i32 {
    eprintln!("ftpsh: {e}");
    e.exit_code()
}

fn color_from(config: &Config) -> Result<ColorChoice> {
    match config.color() {
        None => Ok(ColorChoice::Auto),
        Some(v) => <ColorChoice as clap::ValueEnum>::from_str(v, true)
            .map_err(|_| Error::Usage(format!("config: color must be auto, always or never, not '{v}'"))),
    }
}

/// Colour on stderr and stdout: forced by `always` or CLICOLOR_FORCE, off with `never` or
/// NO_COLOR, else when stderr is a terminal.
fn use_color(choice: ColorChoice) -> bool {
    let forced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if forced => true,
        ColorChoice::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
