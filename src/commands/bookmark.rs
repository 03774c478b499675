//! The `bookmark` command: add, list and delete named servers (see `crate::bookmarks`).

use super::{bad_usage, options};
use crate::address::Target;
use crate::bookmarks::Bookmarks;
use crate::error::{Error, Result};
use crate::repl::Shell;
use crate::ui::Output;

pub fn bookmark(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let marks = Bookmarks::user().ok_or_else(|| Error::Usage("no config directory for bookmarks".into()))?;
    let (verb, rest) = args.split_first().ok_or_else(bad_usage)?;
    match (verb.as_str(), rest) {
        ("list" | "ls", []) => {
            let lines = marks.list()?.into_iter().map(|(name, url)| format!("{name:16} {url}"));
            Ok(Output::Remote(lines.collect()))
        }
        ("add", _) => add(sh, &marks, rest),
        ("del" | "delete" | "rm", [name]) => match marks.remove(name)? {
            true => Ok(Output::Status(format!("Bookmark {name} deleted."))),
            false => Err(Error::Usage(format!("no bookmark named '{name}'"))),
        },
        _ => Err(bad_usage()),
    }
}

/// `bookmark add [-p] NAME [URL]`: the URL, or the current connection and directory. The
/// password is kept only with `-p`.
fn add(sh: &mut Shell, marks: &Bookmarks, args: &[String]) -> Result<Output> {
    let o = options(args, "p")?;
    let (name, target) = match o.rest.as_slice() {
        [name] => (name, sh.session.current_target(true).ok_or(Error::NotConnected)?),
        [name, url] => (name, Target::parse(url, None)?),
        _ => return Err(bad_usage()),
    };
    let password = target.password.as_deref().filter(|_| o.has('p'));
    marks.add(name, &target, password)?;
    let note = match (password, &target.password) {
        (Some(_), _) => " (with its password, readable only by you)",
        (None, Some(_)) => " (without the password; `bookmark add -p` keeps it)",
        (None, None) => "",
    };
    Ok(Output::Status(format!("Bookmark {name} -> {}{note}", target.to_url())))
}
