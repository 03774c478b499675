//! Resuming a partial download left under its final name by another program (tnftp, lftp,
//! curl and BSD ftp write straight to `NAME`): `reget` and `get -c` look at such a file before
//! they resume. It becomes the partial file ([`super::part_path`]) only when the server's copy
//! proves to go on from it (its last bytes, read back with REST, are the local file's); a file
//! that is complete is left alone; one that differs is never touched here. Decides and renames;
//! never prints, never asks.

use std::fs;
use std::path::Path;

use super::part_path;
use super::seam::{self, Overlap};
use crate::error::{Error, Reply, Result};
use crate::session::{Session, TransferType};

/// What a resume found under the final name.
#[derive(Debug, PartialEq, Eq)]
pub enum Leftover {
    /// Nothing to adopt: no file by that name, or a partial file of ftpsh's own already.
    Nothing,
    /// The file was the beginning of the remote one and is now its partial file (`bytes` long).
    Adopted { bytes: u64 },
    /// The file already is the whole remote file.
    Complete { bytes: u64 },
    /// The file is not the beginning of the remote one (or that could not be shown).
    Different,
    /// The server does not take REST, so nothing can be resumed: its refusal.
    NoRest(Reply),
}

/// Looks at `local` before resuming `remote` into it, and adopts it as the partial download
/// when the server's copy goes on from it.
pub fn adopt(session: &mut Session, remote: &str, local: &Path) -> Result<Leftover> {
    let part = part_path(local);
    let Ok(meta) = local.metadata() else { return Ok(Leftover::Nothing) };
    // Offsets mean nothing in ASCII mode (the download refuses to resume there).
    if !meta.is_file() || part.exists() || session.transfer_type != TransferType::Binary {
        return Ok(Leftover::Nothing);
    }
    let bytes = meta.len();
    if session.size_opt(remote).is_some_and(|total| total < bytes) {
        return Ok(Leftover::Different);
    }
    Ok(match seam::overlap(session, remote, local, bytes)? {
        Overlap::Ends => Leftover::Complete { bytes },
        Overlap::Continues => {
            fs::rename(local, &part).map_err(|e| Error::local(local, e))?;
            Leftover::Adopted { bytes }
        }
        Overlap::Different => Leftover::Different,
        Overlap::NoRest(reply) => Leftover::NoRest(reply),
    })
}
