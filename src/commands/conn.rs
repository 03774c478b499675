//! Connection handlers: open, user, close, bye, raw commands (site, quote, system), status,
//! features, and `!` for local shell commands. Also the connect-and-login sequence the command
//! line uses.

use std::io;
use std::process::Command;

use super::set;
use crate::address::Target;
use crate::bookmarks::Bookmarks;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::netrc;
use crate::repl::script::{self, ScriptOptions};
use crate::repl::{Flow, Shell};
use crate::session::Connected;
use crate::tls;
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
    /// With no user known, log in as anonymous instead of asking (one-shot commands).
    pub anonymous_by_default: bool,
}

pub fn open(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let target = resolve_target(&args[0], args.get(1).map(String::as_str))?;
    open_target(sh, &target, &LoginOptions::default())
}

/// A bookmark's target when `spec` names one (and no port is given), else `spec` parsed as a
/// host or URL.
pub fn resolve_target(spec: &str, port: Option<&str>) -> Result<Target> {
    if port.is_none()
        && !spec.contains("://")
        && let Some(target) = Bookmarks::user().map(|b| b.get(spec)).transpose()?.flatten()
    {
        return Ok(target);
    }
    Target::parse(spec, port)
}

/// Connects to `target`, shows the banner, applies the config file's section for the host, logs
/// in unless told not to, and enters the URL's start directory.
pub fn open_target(sh: &mut Shell, target: &Target, opts: &LoginOptions) -> Result<Output> {
    let host_settings = sh.config.host_settings(&target.host);
    set::apply(sh, &host_settings, &format!("config [host.\"{}\"]", target.host))?;
    let connected = connect_trusting(sh, target)?;
    sh.ui.status(&format!("Connected to {}.", target.authority()));
    if !connected.banner.is_empty() {
        sh.ui.status(&connected.banner);
    }
    if !connected.encrypted && sh.session.tls.policy == tls::Policy::Auto {
        sh.ui.status("Note: this connection is not encrypted (the server offers no TLS); use --tls required to refuse such servers.");
    }
    if opts.no_login {
        return Ok(Output::Nothing);
    }
    let netrc = netrc_entry(&target.host)?;
    let user =
        target.user.clone().or_else(|| opts.user.clone()).or_else(|| sh.config.host_user(&target.host));
    let user = match user.or_else(|| netrc.as_ref().and_then(|n| n.login.clone())) {
        Some(u) => u,
        None if opts.anonymous_by_default => "anonymous".to_string(),
        None => ask_user(sh, &target.host),
    };
    interrupt::check()?;
    // The netrc password goes with its login (or with an entry that names none).
    let netrc_password =
        netrc.filter(|n| n.login.as_deref().is_none_or(|l| l == user)).and_then(|n| n.password);
    login(sh, &user, target.password.clone(), netrc_password)?;
    if let Some(path) = &target.path {
        enter_start_dir(sh, path)?;
    }
    Ok(Output::Status(format!("Remote directory: {}", sh.session.cwd().unwrap_or("?"))))
}

/// Connects, with the certificate remembered for the server if there is one. In the interactive
/// shell a certificate that fails verification (but did not change) is shown and can be trusted
/// once or always.
fn connect_trusting(sh: &mut Shell, target: &Target) -> Result<Connected> {
    let store = Bookmarks::user();
    let remembered = store.as_ref().map(|s| s.certificate(&target.authority())).transpose()?.flatten();
    sh.session.tls.remembered = remembered.as_deref().map(tls::parse_pin).transpose()?;
    let message = match sh.session.connect(target) {
        Err(Error::Tls(message)) if sh.ui.interactive => message,
        other => return other,
    };
    let cert = match sh.session.take_refused_certificate() {
        Some(cert) if !cert.changed => cert,
        _ => return Err(Error::Tls(message)),
    };
    sh.ui.status(&format!("TLS: {message}"));
    let answer = sh.ui.ask("Trust this certificate? (o)nce, (a)lways, (N)o: ").unwrap_or_default();
    let fingerprint = cert.fingerprint();
    match answer.trim().to_ascii_lowercase().as_str() {
        "o" | "once" => {}
        "a" | "always" => match &store {
            Some(s) => s.trust_certificate(&target.authority(), &fingerprint)?,
            None => return Err(Error::Tls("no config directory to remember the certificate in".into())),
        },
        _ => return Err(Error::Tls(message)),
    }
    sh.session.tls.pins.push(tls::parse_pin(&fingerprint)?);
    sh.session.connect(target)
}

/// The netrc entry for `host`, if there is a netrc.
fn netrc_entry(host: &str) -> Result<Option<netrc::Credentials>> {
    match netrc::path() {
        Some(path) => netrc::credentials_for(&path, host),
        None => Ok(None),
    }
}

fn ask_user(sh: &mut Shell, host: &str) -> String {
    let answer = sh.ui.ask(&format!("Name ({host}, Enter for anonymous): "));
    answer.map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).unwrap_or_else(|| "anonymous".into())
}

fn is_anonymous(user: &str) -> bool {
    matches!(user, "anonymous" | "ftp")
}

/// Logs in. The password comes from the URL, else `FTPSH_PASSWORD`, else the netrc, else it is
/// asked for without echo (anonymous logins need none, and never get `FTPSH_PASSWORD`).
fn login(sh: &mut Shell, user: &str, password: Option<String>, netrc: Option<String>) -> Result<()> {
    let password = match password {
        Some(p) => p,
        // Never offer a real password (FTPSH_PASSWORD) to an anonymous login.
        None if is_anonymous(user) => netrc.unwrap_or_else(|| ANONYMOUS_PASSWORD.to_string()),
        None => std::env::var("FTPSH_PASSWORD")
            .ok()
            .or(netrc)
            .or_else(|| sh.ui.ask_secret("Password: "))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "no password for {user} (give it in the URL, FTPSH_PASSWORD or ~/.netrc)"
                ))
            })?,
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
    login(sh, &args[0], args.get(1).cloned(), None)?;
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

pub fn source(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let path = std::path::Path::new(&args[0]);
    let file = std::fs::File::open(path).map_err(|e| Error::local(path, e))?;
    let flow = script::run(sh, std::io::BufReader::new(file), &args[0], ScriptOptions::default())?;
    Ok(if flow == Flow::Quit { Output::Quit } else { Output::Nothing })
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
