//! The streaming copy loops: data connection to a local writer and a local reader to the data
//! connection, with constant memory (one [`BUF_SIZE`] buffer), line-ending conversion for the
//! ASCII type, a running checksum, progress, Ctrl-C, and the classification of a stalled or
//! broken data connection.
//!
//! Only the bytes: it must not decide where data goes (partial files, renames), whether to resume
//! or retry, or what counts as verified; that is the policy in [`super`].

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::Duration;

use super::Progress;
use crate::checksum::Hasher;
use crate::error::{Error, Result};
use crate::interrupt;

/// Copy buffer size: large enough to keep a fast link busy, small enough to be constant memory.
pub(super) const BUF_SIZE: usize = 256 * 1024;

/// Feeds the first `len` bytes of `path` to `hasher` (the part a resume does not transfer).
pub(super) fn hash_prefix(hasher: &mut Hasher, path: &Path, len: u64) -> Result<()> {
    let mut file = File::open(path).map_err(|e| Error::local(path, e))?.take(len);
    let mut buf = vec![0u8; BUF_SIZE];
    loop {
        match file.read(&mut buf).map_err(|e| Error::local(path, e))? {
            0 => return Ok(()),
            n => hasher.update(&buf[..n]),
        }
    }
}

/// Copies the data stream into `out`, turning CRLF into LF in ASCII mode.
pub(super) fn copy_down(
    data: &mut dyn Read,
    out: &mut dyn Write,
    ascii: bool,
    mut hasher: Option<&mut Hasher>,
    progress: &mut dyn Progress,
    part: &Path,
    stall: Duration,
) -> Result<u64> {
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
            Err(e) => return Err(stalled(e, stall)),
        };
        let chunk = if ascii {
            pending_cr = crlf_to_lf(&buf[..n], pending_cr, &mut conv);
            &conv[..]
        } else {
            &buf[..n]
        };
        out.write_all(chunk).map_err(|e| Error::local(part, e))?;
        if let Some(h) = hasher.as_deref_mut() {
            h.update(chunk);
        }
        progress.advance(n as u64);
        total += chunk.len() as u64;
    }
    if pending_cr {
        out.write_all(b"\r").map_err(|e| Error::local(part, e))?;
        total += 1;
    }
    Ok(total)
}

/// Copies `input` to the data stream, turning LF into CRLF in ASCII mode. Returns bytes read.
pub(super) fn copy_up(
    input: &mut dyn Read,
    data: &mut dyn Write,
    ascii: bool,
    mut hasher: Option<&mut Hasher>,
    progress: &mut dyn Progress,
    local: &Path,
    stall: Duration,
) -> Result<u64> {
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
        if let Some(h) = hasher.as_deref_mut() {
            h.update(&buf[..n]);
        }
        let chunk = if ascii {
            lf_to_crlf(&buf[..n], &mut conv);
            &conv[..]
        } else {
            &buf[..n]
        };
        data.write_all(chunk).map_err(|e| stalled(e, stall))?;
        progress.advance(n as u64);
        total += n as u64;
    }
    Ok(total)
}

/// A data-connection error: a timeout names the setting, anything else is a lost connection.
fn stalled(e: std::io::Error, limit: Duration) -> Error {
    Error::from_io(e, "a pause in the data connection", "timeout", limit)
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
}
