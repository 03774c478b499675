//! Remote file-system handlers: listings, delete, rename, directories, size, time, permissions.

use super::{bad_usage, options};
use crate::error::Result;
use crate::listing::{self, EntryKind, Line, RemoteEntry};
use crate::repl::Shell;
use crate::ui::Output;

pub fn ls(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let opts = options(args, "hj")?;
    if opts.rest.len() > 1 {
        return Err(bad_usage());
    }
    if opts.has('j') || sh.settings.json {
        let dir = opts.rest.first().map_or("", String::as_str);
        sh.session.forget(dir);
        let entries = sh.session.entries(dir)?;
        return Ok(Output::Json(entries.iter().map(entry_json).collect()));
    }
    let raw = sh.session.list(opts.rest.first().map(String::as_str))?;
    let mut parsed = listing::parse_listing(&raw, false);
    // Entries by name; lines that did not parse keep their place after them.
    parsed.sort_by(|a, b| match (a, b) {
        (Line::Entry(a), Line::Entry(b)) => a.name.cmp(&b.name),
        (Line::Entry(_), Line::Raw(_)) => std::cmp::Ordering::Less,
        (Line::Raw(_), Line::Entry(_)) => std::cmp::Ordering::Greater,
        (Line::Raw(_), Line::Raw(_)) => std::cmp::Ordering::Equal,
    });
    Ok(Output::Listing { raw, parsed, human: opts.has('h') })
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

pub fn dir(sh: &mut Shell, args: &[String]) -> Result<Output> {
    Ok(Output::Remote(sh.session.list(args.first().map(String::as_str))?))
}

pub fn nlist(sh: &mut Shell, args: &[String]) -> Result<Output> {
    Ok(Output::Remote(sh.session.nlst(args.first().map(String::as_str))?))
}

pub fn delete(sh: &mut Shell, args: &[String]) -> Result<Output> {
    sh.session.delete(&args[0])?;
    Ok(Output::Status(format!("Deleted {}", args[0])))
}

pub fn rename(sh: &mut Shell, args: &[String]) -> Result<Output> {
    sh.session.rename(&args[0], &args[1])?;
    Ok(Output::Status(format!("Renamed {} to {}", args[0], args[1])))
}

pub fn mkdir(sh: &mut Shell, args: &[String]) -> Result<Output> {
    sh.session.mkdir(&args[0])?;
    Ok(Output::Status(format!("Created directory {}", args[0])))
}

pub fn rmdir(sh: &mut Shell, args: &[String]) -> Result<Output> {
    sh.session.rmdir(&args[0])?;
    Ok(Output::Status(format!("Removed directory {}", args[0])))
}

pub fn size(sh: &mut Shell, args: &[String]) -> Result<Output> {
    Ok(Output::Text(sh.session.size(&args[0])?.to_string()))
}

pub fn modtime(sh: &mut Shell, args: &[String]) -> Result<Output> {
    Ok(Output::Text(sh.session.modtime(&args[0])?))
}

pub fn chmod(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let reply = sh.session.raw(&format!("SITE CHMOD {} {}", args[0], args[1]))?;
    Ok(Output::Status(reply.text))
}
