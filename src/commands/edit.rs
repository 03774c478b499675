//! `edit FILE` (from lftp): the remote file is fetched into a private temporary directory, the
//! editor (`$VISUAL`, `$EDITOR`, `vi`) runs on it, and it goes back only if it changed: first to
//! `FILE.ftpsh.part` beside it on the server (verified as every upload is), then renamed over
//! FILE, so a failed upload never leaves FILE half-written. If FILE changed on the server
//! meanwhile (its size, time or checksum, or, when the server tells none of them, its content),
//! nothing is uploaded and the edited copy is kept where the message says. The temporary
//! directory is removed otherwise, also when something fails.

use std::path::Path;
use std::time::SystemTime;

use super::parse::Call;
use super::programs;
use crate::checksum::{Algo, Hasher};
use crate::error::{Error, Result};
use crate::session::Session;
use crate::shell::Shell;
use crate::transfer::{self, GetOptions, Listed, Overwrite, PART_SUFFIX, PutMode, Silent};
use crate::ui::Output;

/// What identifies a remote file's version: whatever the server tells of size, time and checksum.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    size: Option<u64>,
    modified: Option<SystemTime>,
    checksum: Option<String>,
}

impl Stamp {
    fn of(session: &mut Session, remote: &str) -> Result<Stamp> {
        let checksum = match session.checksum_method() {
            Some(method) => session.checksum(&method, remote)?,
            None => None,
        };
        Ok(Stamp { size: session.size_opt(remote), modified: session.mtime(remote), checksum })
    }

    fn tells_nothing(&self) -> bool {
        self.size.is_none() && self.modified.is_none() && self.checksum.is_none()
    }
}

pub fn edit(sh: &mut Shell, call: &Call) -> Result<Output> {
    let remote = call.args()[0].as_str();
    let name = transfer::local_name_for(remote)?;
    let dir = tempfile::Builder::new()
        .prefix("ftpsh-edit-")
        .tempdir()
        .map_err(|e| Error::local("temporary directory", e))?;
    let copy = dir.path().join(&name);
    let before = Stamp::of(&mut sh.session, remote)?;
    let opts = GetOptions { resume: false, overwrite: Overwrite::Refuse, keep_time: false };
    transfer::get_file(&mut sh.session, remote, &copy, opts, Listed::default(), &mut Silent)?;
    let original = hash_file(&copy)?;
    let status = programs::editor(&copy).status().map_err(|e| Error::local("$EDITOR", e))?;
    if !status.success() {
        return Err(Error::local(
            "$EDITOR",
            std::io::Error::other(format!("the editor failed ({status}); nothing uploaded")),
        ));
    }
    if hash_file(&copy)? == original {
        return Ok(Output::Status(format!("{remote}: unchanged; nothing uploaded.")));
    }
    let result =
        changed_meanwhile(&mut sh.session, remote, &before, &original).and_then(|changed| match changed {
            Some(how) => {
                Err(Error::Refused(format!("{remote} changed on the server while you edited it ({how})")))
            }
            None => put_back(&mut sh.session, &copy, remote),
        });
    match result {
        Ok(bytes) => Ok(Output::Status(format!("{remote}: uploaded the edited file ({bytes} bytes)."))),
        Err(e) => {
            // The edits are the user's: the directory stays, and the message says where.
            let kept = dir.keep().join(&name);
            sh.ui.status(&format!("edit: your edited copy is kept in {}", kept.display()));
            Err(e)
        }
    }
}

/// How the remote file differs from when it was fetched, if it does. When the server tells
/// nothing of it, its content is read again and compared.
fn changed_meanwhile(
    session: &mut Session,
    remote: &str,
    before: &Stamp,
    original: &str,
) -> Result<Option<&'static str>> {
    if before.tells_nothing() {
        let mut hasher = HashWriter(Algo::Sha256.hasher());
        transfer::download_to(session, remote, &mut hasher, &mut Silent)?;
        return Ok((hasher.0.hex() != original).then_some("its content differs"));
    }
    let now = Stamp::of(session, remote)?;
    Ok(if now.size != before.size {
        Some("its size differs")
    } else if now.modified != before.modified {
        Some("its modification time differs")
    } else if now.checksum != before.checksum {
        Some("its checksum differs")
    } else {
        None
    })
}

/// Uploads the edited copy to `remote`'s partial name, then renames it over `remote`.
fn put_back(session: &mut Session, copy: &Path, remote: &str) -> Result<u64> {
    let part = format!("{remote}{PART_SUFFIX}");
    let report = transfer::put_file(session, copy, &part, PutMode::Replace, &mut Silent)?;
    session.rename(&part, remote).map_err(|e| {
        Error::Refused(format!(
            "the edited file is on the server as {part}, but renaming it to {remote} failed: {e}"
        ))
    })?;
    Ok(report.bytes)
}

/// The SHA-256 of a local file, read in pieces.
fn hash_file(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::local(path, e))?;
    let mut hasher = HashWriter(Algo::Sha256.hasher());
    std::io::copy(&mut file, &mut hasher).map_err(|e| Error::local(path, e))?;
    Ok(hasher.0.hex())
}

/// A writer that only hashes.
struct HashWriter(Hasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.update(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
