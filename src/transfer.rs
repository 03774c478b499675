//! The transfer engine: streams files between the local disk and the session with constant
//! memory, converts line endings in ASCII mode, and owns the partial-file policy (a download is
//! written to `NAME.part` and renamed to `NAME` only when complete) and local-name safety.
//! It never prints; it returns [`Stats`].

use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::interrupt;
use crate::session::{Session, TransferType};

/// Copy buffer size: large enough to keep a fast link busy, small enough to be constant memory.
const BUF_SIZE: usize = 256 * 1024;

/// What a finished transfer moved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Bytes read from the source (after conversion for downloads: bytes written locally).
    pub bytes: u64,
    /// Wall time of the data transfer.
    pub elapsed: Duration,
}

impl Stats {
    /// Bytes per second (0 for an instant transfer of nothing).
    pub fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 { self.bytes as f64 / secs } else { 0.0 }
    }
}

/// Whether an existing local file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Fail with [`Error::WouldOverwrite`] if the file exists.
    Refuse,
    /// Replace it (atomically, after the download succeeded).
    Allow,
}

/// The local name for a remote path when the user gave none: its last component, which must be
/// a single plain name (no separators, no `..`, no control characters).
pub fn local_name_for(remote: &str) -> Result<PathBuf> {
    let base = remote.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    check_plain_name(base)?;
    Ok(PathBuf::from(base))
}

/// Rejects names that could escape the target directory or corrupt the terminal.
pub fn check_plain_name(name: &str) -> Result<()> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\'])
        || name.chars().any(char::is_control);
    if bad { Err(Error::UnsafeName(name.to_string())) } else { Ok(()) }
}

/// The `.part` name a download is written to before it is complete.
pub fn part_path(local: &Path) -> PathBuf {
    let mut name = local.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    local.with_file_name(name)
}

/// Downloads `remote` to `local` through `local.part`; on failure the `.part` file is kept and
/// `local` is untouched.
pub fn download(session: &mut Session, remote: &str, local: &Path, overwrite: Overwrite) -> Result<Stats> {
    if overwrite == Overwrite::Refuse && local.exists() {
        return Err(Error::WouldOverwrite(local.to_path_buf()));
    }
    if local.is_dir() {
        return Err(Error::local(local, io::Error::other("is a directory")));
    }
    let part = part_path(local);
    let mut file = File::create(&part).map_err(|e| Error::local(&part, e))?;
    let ascii = session.transfer_type == TransferType::Ascii;
    let start = Instant::now();
    let bytes = session
        .retrieve(remote, |data| copy_down(data, &mut file, ascii, &part))
        .map_err(|e| incomplete(e, &part))?;
    file.sync_all().map_err(|e| Error::local(&part, e))?;
    drop(file);
    fs::rename(&part, local).map_err(|e| Error::local(local, e))?;
    Ok(Stats { bytes, elapsed: start.elapsed() })
}

/// Uploads `local` to `remote`.
pub fn upload(session: &mut Session, local: &Path, remote: &str) -> Result<Stats> {
    let file = File::open(local).map_err(|e| Error::local(local, e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Error::local(local, io::Error::other("is a directory")));
    }
    let ascii = session.transfer_type == TransferType::Ascii;
    let start = Instant::now();
    let mut reader = BufReader::with_capacity(BUF_SIZE, file);
    let bytes =
        session.store(remote, |data| copy_up(&mut reader, data, ascii, local)).map_err(|e| match e {
            Error::Local { .. } | Error::Interrupted => e,
            other => Error::Transfer(Box::new(other)),
        })?;
    Ok(Stats { bytes, elapsed: start.elapsed() })
}

/// Classifies a failed download: local errors stay local, the rest is an incomplete transfer.
fn incomplete(e: Error, part: &Path) -> Error {
    match e {
        Error::Local { .. } | Error::Interrupted => e,
        Error::Server(_) if part.metadata().is_ok_and(|m| m.len() == 0) => {
            let _ = fs::remove_file(part);
            e
        }
        other => Error::Transfer(Box::new(other)),
    }
}

/// Copies the data stream into `out`, turning CRLF into LF in ASCII mode.
fn copy_down(data: &mut dyn Read, out: &mut File, ascii: bool, part: &Path) -> Result<u64> {
    let mut buf = vec![0u8; BUF_SIZE];
    let mut conv = Vec::new();
    let mut pending_cr = false;
    let mut total = 0u64;
    loop {
        interrupt::check()?;
        let n = match data.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::Connection(e)),
        };
        let chunk = if ascii {
            pending_cr = crlf_to_lf(&buf[..n], pending_cr, &mut conv);
            &conv[..]
        } else {
            &buf[..n]
        };
        out.write_all(chunk).map_err(|e| Error::local(part, e))?;
        total += chunk.len() as u64;
    }
    if pending_cr {
        out.write_all(b"\r").map_err(|e| Error::local(part, e))?;
        total += 1;
    }
    Ok(total)
}

/// Copies `input` to the data stream, turning LF into CRLF in ASCII mode. Returns bytes read.
fn copy_up(input: &mut dyn Read, data: &mut dyn Write, ascii: bool, local: &Path) -> Result<u64> {
    let mut buf = vec![0u8; BUF_SIZE];
    let mut conv = Vec::new();
    let mut total = 0u64;
    loop {
        interrupt::check()?;
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::local(local, e)),
        };
        let chunk = if ascii {
            lf_to_crlf(&buf[..n], &mut conv);
            &conv[..]
        } else {
            &buf[..n]
        };
        data.write_all(chunk).map_err(Error::Connection)?;
        total += n as u64;
    }
    Ok(total)
}

/// Converts CRLF to LF into `out` (cleared first). `pending_cr` says the previous chunk ended
/// in CR; the return value says whether this one does (that CR is held back).
pub fn crlf_to_lf(input: &[u8], pending_cr: bool, out: &mut Vec<u8>) -> bool {
    out.clear();
    let mut cr = pending_cr;
    for &b in input {
        if cr && b != b'\n' {
            out.push(b'\r');
        }
        cr = b == b'\r';
        if !cr {
            out.push(b);
        }
    }
    cr
}

/// Converts every LF to CRLF into `out` (cleared first), as the ASCII type requires on the wire.
pub fn lf_to_crlf(input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    for &b in input {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn down(chunks: &[&[u8]]) -> Vec<u8> {
        let (mut out, mut tmp, mut cr) = (Vec::new(), Vec::new(), false);
        for c in chunks {
            cr = crlf_to_lf(c, cr, &mut tmp);
            out.extend_from_slice(&tmp);
        }
        if cr {
            out.push(b'\r');
        }
        out
    }

    #[test]
    fn crlf_becomes_lf_even_across_chunk_boundaries() {
        assert_eq!(down(&[b"a\r\nb\r\n"]), b"a\nb\n");
        assert_eq!(down(&[b"a\r", b"\nb"]), b"a\nb");
        assert_eq!(down(&[b"a\rb\r"]), b"a\rb\r");
        assert_eq!(down(&[b"\r", b"\r", b"\n"]), b"\r\n");
    }

    #[test]
    fn lf_becomes_crlf() {
        let mut out = Vec::new();
        lf_to_crlf(b"a\nb\n\n", &mut out);
        assert_eq!(out, b"a\r\nb\r\n\r\n");
    }

    #[test]
    fn local_names_from_the_server_must_be_plain() {
        assert_eq!(local_name_for("pub/docs/a.txt").unwrap(), PathBuf::from("a.txt"));
        assert_eq!(local_name_for("a b.txt").unwrap(), PathBuf::from("a b.txt"));
        for bad in ["..", "pub/..", "/", "", "a\\b", "x\u{1b}[2J", "a\nb", "."] {
            assert!(local_name_for(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn part_name_sits_beside_the_target() {
        assert_eq!(part_path(Path::new("/tmp/x/f.bin")), PathBuf::from("/tmp/x/f.bin.part"));
    }
}
