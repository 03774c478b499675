//! The `ftpsh` binary: parse the command line, gather the settings' sources (config file,
//! environment, flags) into one shell, then run one mode — a one-shot command, a script (-c, -f,
//! piped stdin) or the interactive shell — and turn the result into the exit code, once.

use std::io::{BufReader, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use ftpsh::cli::{Cli, ColorChoice, OneShot};
use ftpsh::config::settings::{Flags, Layers};
use ftpsh::config::{self, Config};
use ftpsh::error::{Error, Exit, Result};
use ftpsh::interp::Flow;
use ftpsh::interp::script::{ScriptOptions, split_commands};
use ftpsh::login::{LoginOptions, open_target, resolve_target};
use ftpsh::shell::Shell;
use ftpsh::ui::Ui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(OneShot::Completions { shell }) => {
            ftpsh::assets::completions(*shell, &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(OneShot::Man) => match ftpsh::assets::man_page(&mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => Exit::Failure.into(),
        },
        _ => run(&cli).into(),
    }
}

fn run(cli: &Cli) -> Exit {
    let mut shell = match start(cli) {
        Ok(shell) => shell,
        Err(e) => {
            // No colour decided yet: report plainly.
            Ui::terminal(false, false).error(Some("ftpsh"), &e);
            return e.exit();
        }
    };
    if cli.insecure {
        shell.ui.status("WARNING: --insecure: server certificates are not verified; anyone on the path can read and change this session.");
    }
    match &cli.command {
        Some(command) => ftpsh::oneshot::run(&mut shell, command, cli.user.as_deref()),
        None => session(&mut shell, cli),
    }
}

/// The shell with its settings resolved from every source, colour decided, trace on if asked.
fn start(cli: &Cli) -> Result<Shell> {
    let file = config::path().map(|p| Config::load(&p)).transpose()?.unwrap_or_default();
    let choice = cli.color.map_or_else(|| color_from(&file), Ok)?;
    let color = use_color(choice);
    colored::control::set_override(color);
    ftpsh::interrupt::install();
    let layers = Layers { file, env: Layers::env_from_process(), flags: flags(cli)?, session: Vec::new() };
    let shell = Shell::with_layers(Ui::terminal(color, choice == ColorChoice::Always), layers)?;
    ftpsh::trace::set(cli.debug, shell.ui.err_sink());
    Ok(shell)
}

/// What the command line says about settings.
fn flags(cli: &Cli) -> Result<Flags> {
    let named = [
        ("progress", cli.progress.map(|p| p.name().to_string())),
        ("tls", cli.tls.map(|p| p.name().to_string())),
        ("ca-file", cli.ca_file.as_ref().map(|p| p.display().to_string())),
        ("timeout", cli.timeout.clone()),
        ("connect-timeout", cli.connect_timeout.clone()),
        ("retries", cli.retries.clone()),
        ("rate-limit", cli.limit_rate.clone()),
        ("total-rate-limit", cli.total_limit_rate.clone()),
    ];
    let settings = named.into_iter().filter_map(|(name, v)| v.map(|v| (name.to_string(), v))).collect();
    let pins = cli.pin.iter().map(|p| ftpsh::tls::parse_pin(p)).collect::<Result<_>>()?;
    Ok(Flags { settings, pins, insecure: cli.insecure, json: cli.json })
}

/// Connects if asked, then runs the script or the interactive shell.
fn session(shell: &mut Shell, cli: &Cli) -> Exit {
    let interactive = shell.ui.interactive && cli.script.is_none() && cli.commands.is_none();
    if let Some(spec) = &cli.target {
        let opts =
            LoginOptions { user: cli.user.clone(), no_login: cli.no_login, anonymous_by_default: false };
        // What logging in shows, and the `.netrc`'s `init` macro, which runs then.
        let opened = resolve_target(spec, cli.port.as_deref())
            .and_then(|t| open_target(shell, &t, &opts))
            .and_then(|out| shell.render(out));
        match opened {
            Ok(Flow::Continue) => {}
            Ok(Flow::Quit) => {
                shell.session.close();
                return Exit::Success;
            }
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
        ftpsh::repl::run(shell, ftpsh::repl::history_path())
    } else {
        shell.run_script(std::io::stdin().lock(), "stdin", opts)
    }
}

fn fail_on(shell: &mut Shell, e: &Error) -> Exit {
    shell.ui.error(None, e);
    e.exit()
}

fn color_from(config: &Config) -> Result<ColorChoice> {
    match config.color() {
        None => Ok(ColorChoice::Auto),
        Some(v) => <ColorChoice as clap::ValueEnum>::from_str(v, true)
            .map_err(|_| Error::Config(format!("config: color must be auto, always or never, not '{v}'"))),
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
