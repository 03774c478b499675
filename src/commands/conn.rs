//! Connection handlers: open, user, close, bye, raw commands (site, quote, system), status,
//! features, and `!` for local shell commands. Also the connect-and-login sequence the command
//! line uses.

use std::io;
use std::process::Command;

use crate::address::Target;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::repl::Shell;
use crate::ui::Output;

/// The password sent for anonymous logins.
const ANONYMOUS_PASSWORD: &str = "ftpsh@";

/// How to log in after connecting.
#[derive(Debug, Clone, Default)]
pub struct LoginOptions {
    /// The user to log in as when the target names none (`-u`).
    pub user: Option<String>,
    /// Skip the automatic login (`-n`).
    pub no_login: bool,
}

pub fn open(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let target = Target::parse(&args[0], args.get(1).map(String::as_str))?;
    open_target(sh, &target, &LoginOptions::default())
}

/// Connects to `target`, shows the banner, logs in unless told not to, and enters the URL's
/// start directory.
pub fn open_target(sh: &mut Shell, target: &Target, opts: &LoginOptions) -> Result<Output> {
    let banner = sh.session.connect(target)?;
    sh.ui.status(&format!("Connected to {}.", target.authority()));
    if !banner.is_empty() {
        sh.ui.status(&banner);
    }
    if opts.no_login {
        return Ok(Output::Nothing);
    }
    let user = match target.user.clone().or_else(|| opts.user.clone()) {
        Some(u) => u,
        None => ask_user(sh, &target.host),
    };
    interrupt::check()?;
    login(sh, &user, target.password.clone())?;
    if let Some(path) = &target.path {
        enter_start_dir(sh, path)?;
    }
    Ok(Output::Status(format!("Remote directory: {}", sh.session.cwd().unwrap_or("?"))))
}

fn ask_user(sh: &mut Shell, host: &str) -> String {
    let answer = sh.ui.ask(&format!("Name ({host}, Enter for anonymous): "));
    answer.map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).unwrap_or_else(|| "anonymous".into())
}

fn is_anonymous(user: &str) -> bool {
    matches!(user, "anonymous" | "ftp")
}

/// Logs in, asking for the password (without echo) when none was given.
fn login(sh: &mut Shell, user: &str, password: Option<String>) -> Result<()> {
    let password = match password {
        Some(p) => p,
        None if is_anonymous(user) => ANONYMOUS_PASSWORD.to_string(),
        None => std::env::var("FTPSH_PASSWORD").ok().or_else(|| sh.ui.ask_secret("Password: ")).ok_or_else(
            || Error::Usage(format!("no password for {user} (give it in the URL or in FTPSH_PASSWORD)")),
        )?,
    };
    // Ctrl-C cannot cut a prompt short (the terminal must get its echo back): honour it after.
    interrupt::check()?;
    sh.session.login(user, &password)?;
    sh.ui.status(&format!("Logged in as {user}."));
    Ok(())
}

/// Enters the URL's directory; when it names a file, enters the file's directory instead.
fn enter_start_dir(sh: &mut Shell, path: &str) -> Result<()> {
    match sh.session.cd(path) {
        Ok(()) => Ok(()),
        Err(e @ Error::Server(_)) => match path.rsplit_once('/') {
            Some((parent, _)) if !parent.is_empty() => sh.session.cd(parent),
            _ => Err(e),
        },
        Err(e) => Err(e),
    }
}

pub fn user(sh: &mut Shell, args: &[String]) -> Result<Output> {
    if sh.session.is_logged_in() {
        // Most servers refuse a second USER on a logged-in connection: start afresh.
        sh.session.reconnect()?;
    }
    login(sh, &args[0], args.get(1).cloned())?;
    Ok(Output::Nothing)
}

pub fn close(sh: &mut Shell, _: &[String]) -> Result<Output> {
    sh.session.close();
    Ok(Output::Status("Disconnected.".into()))
}

pub fn bye(sh: &mut Shell, _: &[String]) -> Result<Output> {
    sh.session.close();
    Ok(Output::Quit)
}

/// Commands that open a data connection: `quote` cannot carry them (the reply would come on a
/// data connection nobody reads, and the control channel would fall out of step).
const DATA_COMMANDS: &[&str] = &["LIST", "NLST", "MLSD", "RETR", "STOR", "STOU", "APPE"];

pub fn site(sh: &mut Shell, args: &[String]) -> Result<Output> {
    Ok(Output::Reply(sh.session.raw(&format!("SITE {}", args.join(" ")))?))
}

pub fn quote(sh: &mut Shell, args: &[String]) -> Result<Output> {
    if DATA_COMMANDS.iter().any(|c| c.eq_ignore_ascii_case(&args[0])) {
        return Err(Error::Usage(format!("{} opens a data connection: use ls, nlist, get or put", args[0])));
    }
    Ok(Output::Reply(sh.session.raw(&args.join(" "))?))
}

pub fn system(sh: &mut Shell, _: &[String]) -> Result<Output> {
    Ok(Output::Reply(sh.session.raw("SYST")?))
}

pub fn status(sh: &mut Shell, _: &[String]) -> Result<Output> {
    let s = &sh.session;
    let mut lines = vec![match (s.authority(), s.user()) {
        (Some(h), Some(u)) => format!("Connected to {h} as {u}."),
        (Some(h), None) => format!("Connected to {h}, not logged in."),
        _ => "Not connected.".to_string(),
    }];
    if let Some(cwd) = s.cwd() {
        lines.push(format!("Remote directory: {cwd}"));
    }
    if let Ok(dir) = std::env::current_dir() {
        lines.push(format!("Local directory: {}", dir.display()));
    }
    lines.push(format!("Transfer type: {}", s.transfer_type.name()));
    lines.push(format!("Passive mode: {}", if s.passive { "on" } else { "off" }));
    Ok(Output::Remote(lines))
}

pub fn features(sh: &mut Shell, _: &[String]) -> Result<Output> {
    let lines = sh.session.features()?.into_iter().map(|(k, v)| match v {
        Some(v) if !v.is_empty() => format!("{k} {v}"),
        _ => k,
    });
    Ok(Output::Remote(lines.collect()))
}

pub fn shell_escape(_: &mut Shell, args: &[String]) -> Result<Output> {
    let shell = std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into());
    let mut cmd = match args.first().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        Some(line) => {
            let mut c = Command::new("/bin/sh");
            c.arg("-c").arg(line);
            c
        }
        None => Command::new(&shell),
    };
    let status = cmd.status().map_err(|e| Error::local(&shell, e))?;
    if status.success() {
        Ok(Output::Nothing)
    } else {
        Err(Error::local("!", io::Error::other(format!("local command failed ({status})"))))
    }
}
