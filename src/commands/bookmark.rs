//! What ftpsh remembers in its config directory (see `crate::bookmarks`): the `bookmark` verbs
//! (add, list and delete named servers) and the `known` verbs (list and forget servers' TLS:
//! that they speak it, and their certificates trusted always).

use super::parse::Call;
use crate::address::Target;
use crate::bookmarks::{Bookmarks, KnownServer};
use crate::error::{Error, Result};
use crate::login;
use crate::shell::Shell;
use crate::ui::Output;

fn store() -> Result<Bookmarks> {
    Bookmarks::user().ok_or_else(|| Error::Config("no config directory for bookmarks".into()))
}

pub fn list(_: &mut Shell, _: &Call) -> Result<Output> {
    let lines = store()?.list()?.into_iter().map(|(name, url)| format!("{name:16} {url}"));
    Ok(Output::Remote(lines.collect()))
}

pub fn delete(_: &mut Shell, call: &Call) -> Result<Output> {
    let name = &call.args()[0];
    match store()?.remove(name)? {
        true => Ok(Output::Status(format!("Bookmark {name} deleted."))),
        false => Err(Error::Usage(format!("no bookmark named '{name}'"))),
    }
}

/// `bookmark add [-p] NAME [URL]`: the URL, or the current connection and directory. The
/// password is kept only with `-p`.
pub fn add(sh: &mut Shell, call: &Call) -> Result<Output> {
    let name = &call.args()[0];
    let target = match call.arg(1) {
        None => sh.session.current_target(true).ok_or(Error::NotConnected)?,
        Some(url) => Target::parse(url, None)?,
    };
    let password = target.password.as_deref().filter(|_| call.has("password"));
    store()?.add(name, &target, password)?;
    let note = match (password, &target.password) {
        (Some(_), _) => " (with its password, readable only by you)",
        (None, Some(_)) => " (without the password; `bookmark add -p` keeps it)",
        (None, None) => "",
    };
    Ok(Output::Status(format!("Bookmark {name} -> {}{note}", target.to_url())))
}

/// `known list`: one line per server, with what is remembered about it.
pub fn known(_: &mut Shell, _: &Call) -> Result<Output> {
    Ok(Output::Remote(store()?.known_servers()?.iter().map(known_line).collect()))
}

fn known_line(k: &KnownServer) -> String {
    let tls = k.tls_since.as_ref().map(|day| format!("speaks TLS (since {day})"));
    let cert = k.certificate.as_ref().map(|c| format!("certificate {c}"));
    let what: Vec<String> = tls.into_iter().chain(cert).collect();
    format!("{:24} {}", k.authority, what.join(", "))
}

/// `known forget SERVER [PORT]`: SERVER is resolved as `open` resolves it, or taken as the
/// `host:port` that `known list` shows.
pub fn forget(_: &mut Shell, call: &Call) -> Result<Output> {
    let (spec, port) = (&call.args()[0], call.arg(1));
    let authority = match login::resolve_target(spec, port) {
        Ok(target) => target.authority(),
        Err(_) if port.is_none() && spec.contains(':') => spec.clone(),
        Err(e) => return Err(e),
    };
    match store()?.forget_server(&authority)? {
        true => Ok(Output::Status(format!("Forgot the TLS and the certificate of {authority}."))),
        false => Err(Error::Usage(format!("nothing is remembered about {authority}"))),
    }
}
