//! The `bookmark` verbs: add, list and delete named servers (see `crate::bookmarks`).

use super::parse::Call;
use crate::address::Target;
use crate::bookmarks::Bookmarks;
use crate::error::{Error, Result};
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
