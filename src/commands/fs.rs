//! Remote file-system handlers: listings, delete, rename, directories, size, time, permissions.
//! Listings that need not be held (`dir`, `nlist`, `ls` off a terminal, `ls --json`) are printed
//! as they arrive.

use super::parse::Call;
use crate::error::Result;
use crate::interrupt;
use crate::listing::{EntryKind, Line, RemoteEntry};
use crate::shell::Shell;
use crate::text::JsonRecord;
use crate::ui::Output;
use crate::ui::render::not_understood;

/// The flags of `ls` that go to the server's `ls` as they are (BSD ftp's `ls -la`).
const SERVER_FLAGS: &[&str] = &["all", "almost-all", "long", "time", "reverse", "by-size", "directory"];

/// `ls`: on a terminal (or with `--color always`) the listing parsed, in columns, with the lines
/// not understood as the server sent them and a note of how many; elsewhere the server's lines
/// as they come, like `dir`; `--json` one record per line. The classic flags go to the server,
/// and then its order is kept (else entries are sorted by name).
pub fn ls(sh: &mut Shell, call: &Call) -> Result<Output> {
    let flags = call.letters(SERVER_FLAGS);
    if call.has("json") || sh.settings().json {
        return ls_json(sh, &flags, call.arg(0));
    }
    if !sh.ui.pretty {
        return print_listing(sh, &flags, call.arg(0), false);
    }
    let mut listing = sh.session.list_parsed(&flags, call.arg(0))?;
    if flags.is_empty() {
        listing.entries.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(Output::Listing { listing, human: call.has("human") })
}

/// `ls --json`: a record per line, printed as they are made: an entry, or `{"raw": LINE}` for a
/// line not understood (never dropped); a note on stderr says how many those were.
fn ls_json(sh: &mut Shell, flags: &str, path: Option<&str>) -> Result<Output> {
    let mut out = sh.ui.stream();
    let mut raw = 0;
    sh.session.dir_lines(flags, path, |line| {
        interrupt::check()?;
        match line {
            Line::Entry(e) => out.record(&entry_json(&e)),
            Line::Raw(text) => {
                raw += 1;
                out.record(&raw_json(&text));
            }
        }
        Ok(())
    })?;
    drop(out);
    if let Some(note) = not_understood(raw) {
        sh.ui.status(&format!("ls: {note}, given as raw lines"));
    }
    Ok(Output::Nothing)
}

/// Prints a listing's lines (LIST with `flags`, or NLST's names when `names`) as they arrive,
/// holding none of them; Ctrl-C stops it.
fn print_listing(sh: &mut Shell, flags: &str, path: Option<&str>, names: bool) -> Result<Output> {
    let mut out = sh.ui.stream();
    let each = |line: &str| {
        interrupt::check()?;
        out.line(line);
        Ok(())
    };
    if names { sh.session.nlst_each(path, each) } else { sh.session.list_each(flags, path, each) }?;
    Ok(Output::Nothing)
}

/// One listing entry as a JSON line: name, type, size, modified, permissions and link target
/// when known. A name with bytes that did not decode shows them as `\xNN`, and `name_hex` has
/// its bytes. Fields in the order of their keys (see [`JsonRecord`]).
fn entry_json(e: &RemoteEntry) -> String {
    let kind = match e.kind {
        EntryKind::File => "file",
        EntryKind::Dir => "dir",
        EntryKind::Link { .. } => "link",
        EntryKind::Other => "other",
    };
    let mut record = JsonRecord::new().string("modified", e.modified.as_deref()).text("name", &e.name);
    if let Some(p) = &e.perms {
        record = record.string("permissions", Some(p));
    }
    record = record.number("size", e.size);
    if let EntryKind::Link { target: Some(t) } = &e.kind {
        record = record.text("target", t);
    }
    record.string("type", Some(kind)).line()
}

/// A line not understood as JSON: only the line (no parsed fields).
fn raw_json(line: &str) -> String {
    JsonRecord::new().text("raw", line).line()
}

pub fn dir(sh: &mut Shell, call: &Call) -> Result<Output> {
    print_listing(sh, "", call.arg(0), false)
}

pub fn nlist(sh: &mut Shell, call: &Call) -> Result<Output> {
    print_listing(sh, "", call.arg(0), true)
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
