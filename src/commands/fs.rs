//! Remote file-system handlers: listings, delete, rename, directories, size, time, permissions.
//! Listings that need not be held (`dir`, `nlist`, `ls` off a terminal, `ls --json`) are printed
//! as they arrive.

use super::parse::Call;
use crate::error::Result;
use crate::interrupt;
use crate::listing::{EntryKind, RemoteEntry};
use crate::shell::Shell;
use crate::ui::Output;

/// `ls`: on a terminal (or with `--color always`) the listing parsed, sorted by name, in
/// columns; elsewhere the server's lines as they come, like `dir`; `--json` one record per entry.
pub fn ls(sh: &mut Shell, call: &Call) -> Result<Output> {
    if call.has("json") || sh.settings().json {
        return ls_json(sh, call.arg(0).unwrap_or(""));
    }
    if !sh.ui.pretty {
        return print_listing(sh, call.arg(0), false);
    }
    let mut listing = sh.session.list_parsed(call.arg(0))?;
    listing.entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Output::Listing { listing, human: call.has("human") })
}

/// `ls --json`: a record per entry, printed as they are made; lines not understood are
/// reported on stderr.
fn ls_json(sh: &mut Shell, dir: &str) -> Result<Output> {
    sh.session.forget(dir);
    let listing = sh.session.entries(dir)?;
    let mut out = sh.ui.stream();
    listing.iter().for_each(|e| out.json(&entry_json(e)));
    drop(out);
    if let Some(problem) = listing.problem() {
        sh.ui.status(&format!("ls: {problem}"));
    }
    Ok(Output::Nothing)
}

/// Prints a listing's lines (LIST, or NLST's names when `names`) as they arrive, holding none
/// of them; Ctrl-C stops it.
fn print_listing(sh: &mut Shell, path: Option<&str>, names: bool) -> Result<Output> {
    let mut out = sh.ui.stream();
    let each = |line: &str| {
        interrupt::check()?;
        out.line(line);
        Ok(())
    };
    if names { sh.session.nlst_each(path, each) } else { sh.session.list_each(path, each) }?;
    Ok(Output::Nothing)
}

/// One listing entry as JSON: name, type, size, modified, permissions and link target when known.
fn entry_json(e: &RemoteEntry) -> serde_json::Value {
    let kind = match e.kind {
        EntryKind::File => "file",
        EntryKind::Dir => "dir",
        EntryKind::Link { .. } => "link",
        EntryKind::Other => "other",
    };
    let mut record =
        serde_json::json!({ "name": e.name, "type": kind, "size": e.size, "modified": e.modified });
    if let Some(p) = &e.perms {
        record["permissions"] = p.clone().into();
    }
    if let EntryKind::Link { target: Some(t) } = &e.kind {
        record["target"] = t.clone().into();
    }
    record
}

pub fn dir(sh: &mut Shell, call: &Call) -> Result<Output> {
    print_listing(sh, call.arg(0), false)
}

pub fn nlist(sh: &mut Shell, call: &Call) -> Result<Output> {
    print_listing(sh, call.arg(0), true)
}

pub fn delete(sh: &mut Shell, call: &Call) -> Result<Output> {
    sh.session.delete(&call.args()[0])?;
    Ok(Output::Status(format!("Deleted {}", call.args()[0])))
}

pub fn rename(sh: &mut Shell, call: &Call) -> Result<Output> {
    sh.session.rename(&call.args()[0], &call.args()[1])?;
    Ok(Output::Status(format!("Renamed {} to {}", call.args()[0], call.args()[1])))
}

pub fn mkdir(sh: &mut Shell, call: &Call) -> Result<Output> {
    sh.session.mkdir(&call.args()[0])?;
    Ok(Output::Status(format!("Created directory {}", call.args()[0])))
}

pub fn rmdir(sh: &mut Shell, call: &Call) -> Result<Output> {
    sh.session.rmdir(&call.args()[0])?;
    Ok(Output::Status(format!("Removed directory {}", call.args()[0])))
}

pub fn size(sh: &mut Shell, call: &Call) -> Result<Output> {
    Ok(Output::Text(sh.session.size(&call.args()[0])?.to_string()))
}

pub fn modtime(sh: &mut Shell, call: &Call) -> Result<Output> {
    Ok(Output::Text(sh.session.modtime(&call.args()[0])?))
}

pub fn chmod(sh: &mut Shell, call: &Call) -> Result<Output> {
    let reply = sh.session.raw(&format!("SITE CHMOD {} {}", call.args()[0], call.args()[1]))?;
    Ok(Output::Status(reply.text))
}
