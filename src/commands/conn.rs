//! Connection handlers: open, user, close, bye, raw commands (site, quote, system), status,
//! features, source, and `!` for local shell commands. Connecting and logging in live in
//! `crate::login`, which the command line shares.

use std::io;
use std::path::PathBuf;
use std::process::Command;

use super::parse::Call;
use crate::bookmarks::Bookmarks;
use crate::error::{Error, Result};
use crate::login::{self, LoginOptions};
use crate::session::Session;
use crate::shell::Shell;
use crate::ui::Output;

pub fn open(sh: &mut Shell, call: &Call) -> Result<Output> {
    let target = login::resolve_target(&call.args()[0], call.arg(1))?;
    login::open_target(sh, &target, &LoginOptions::default())
}

pub fn user(sh: &mut Shell, call: &Call) -> Result<Output> {
    if sh.session.is_logged_in() {
        // Most servers refuse a second USER on a logged-in connection: start afresh.
        sh.session.reconnect()?;
    }
    login::login(sh, &call.args()[0], call.arg(1).map(String::from), None, None)?;
    Ok(Output::Nothing)
}

pub fn close(sh: &mut Shell, _: &Call) -> Result<Output> {
    sh.session.close();
    Ok(Output::Status("Disconnected.".into()))
}

pub fn bye(sh: &mut Shell, _: &Call) -> Result<Output> {
    sh.session.close();
    Ok(Output::Quit)
}

/// Commands that open a data connection: `quote` cannot carry them (the reply would come on a
/// data connection nobody reads, and the control channel would fall out of step).
const DATA_COMMANDS: &[&str] = &["LIST", "NLST", "MLSD", "RETR", "STOR", "STOU", "APPE"];

pub fn site(sh: &mut Shell, call: &Call) -> Result<Output> {
    Ok(Output::Reply(sh.session.raw(&format!("SITE {}", call.args().join(" ")))?))
}

pub fn quote(sh: &mut Shell, call: &Call) -> Result<Output> {
    let args = call.args();
    if DATA_COMMANDS.iter().any(|c| c.eq_ignore_ascii_case(&args[0])) {
        return Err(Error::Usage(format!("{} opens a data connection: use ls, nlist, get or put", args[0])));
    }
    Ok(Output::Reply(sh.session.raw(&args.join(" "))?))
}

pub fn system(sh: &mut Shell, _: &Call) -> Result<Output> {
    Ok(Output::Reply(sh.session.raw("SYST")?))
}

pub fn status(sh: &mut Shell, _: &Call) -> Result<Output> {
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
    lines.push(format!("Passive mode: {}", if s.net().passive { "on" } else { "off" }));
    lines.extend(tls_status(s));
    Ok(Output::Remote(lines))
}

/// What `status` says about TLS when connected: whether the connection is encrypted, the policy
/// in force for the server (and why, when it is stricter than the setting), and whether the
/// server is remembered as speaking TLS.
fn tls_status(s: &Session) -> Vec<String> {
    let Some(authority) = s.authority() else { return Vec::new() };
    let encrypted = if s.is_encrypted() == Some(true) { "encrypted" } else { "not encrypted" };
    let policy = s.tls_policy(&authority);
    let why = if policy != s.net().tls.policy { ", as the server spoke TLS before" } else { "" };
    let mut lines = vec![format!("TLS: {encrypted} (policy {}{why})", policy.name())];
    match s.secure() {
        Some(secure) => {
            lines.push(format!("Control connection: encrypted, {}", secure.protocol()));
            lines.push(match &secure.data {
                Some(how) => format!("Data connections: encrypted (PROT P), last one {how}"),
                None => "Data connections: encrypted (PROT P), none opened yet".to_string(),
            });
            lines.push(format!("Certificate: {}", secure.cert.fingerprint()));
            let how = secure.cert.trusted.unwrap_or("unknown");
            lines.push(format!("Certificate trusted: {how}"));
        }
        None => lines.push("Control and data connections: not encrypted (plain FTP)".to_string()),
    }
    if let Some(day) = Bookmarks::user().and_then(|b| b.tls_since(&authority).ok().flatten()) {
        lines.push(format!(
            "TLS remembered for this server since {day} (`known forget {authority}` forgets it)"
        ));
    }
    lines
}

pub fn features(sh: &mut Shell, _: &Call) -> Result<Output> {
    let lines = sh.session.features()?.into_iter().map(|(k, v)| match v {
        Some(v) if !v.is_empty() => format!("{k} {v}"),
        _ => k,
    });
    Ok(Output::Remote(lines.collect()))
}

/// `source FILE`: the interpreter runs the file.
pub fn source(_: &mut Shell, call: &Call) -> Result<Output> {
    Ok(Output::Source(PathBuf::from(&call.args()[0])))
}

pub fn shell_escape(_: &mut Shell, call: &Call) -> Result<Output> {
    let shell = std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into());
    let mut cmd = match call.arg(0).map(str::trim).filter(|a| !a.is_empty()) {
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
