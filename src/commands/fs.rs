//! Remote file-system handlers: listings, delete, rename, directories, size, time, permissions.

use super::parse::Call;
use crate::error::Result;
use crate::listing::{self, EntryKind, Line, RemoteEntry};
use crate::shell::Shell;
use crate::ui::Output;

pub fn ls(sh: &mut Shell, call: &Call) -> Result<Output> {
    if call.has("json") || sh.settings().json {
        let dir = call.arg(0).unwrap_or("");
        sh.session.forget(dir);
        let entries = sh.session.entries(dir)?;
        return Ok(Output::Json(entries.iter().map(entry_json).collect()));
    }
    let raw = sh.session.list(call.arg(0))?;
    let mut parsed = listing::parse_listing(&raw, false);
    // Entries by name; lines that did not parse keep their place after them.
    parsed.sort_by(|a, b| match (a, b) {
        (Line::Entry(a), Line::Entry(b)) => a.name.cmp(&b.name),
        (Line::Entry(_), Line::Raw(_)) => std::cmp::Ordering::Less,
        (Line::Raw(_), Line::Entry(_)) => std::cmp::Ordering::Greater,
        (Line::Raw(_), Line::Raw(_)) => std::cmp::Ordering::Equal,
    });
    Ok(Output::Listing { raw, parsed, human: call.has("human") })
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
    Ok(Output::Remote(sh.session.list(call.arg(0))?))
}

pub fn nlist(sh: &mut Shell, call: &Call) -> Result<Output> {
    Ok(Output::Remote(sh.session.nlst(call.arg(0))?))
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
