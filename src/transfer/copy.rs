//! The streaming copy loops: data connection to a local writer and a local reader to the data
//! connection, with constant memory (one [`BUF_SIZE`] [`Buffer`] per thread, reused by every
//! transfer on it, so a batch of small files allocates no buffer per file), line-ending
//! conversion for the ASCII type, a running checksum, progress, Ctrl-C, rate limits (`limit`),
//! the classification of a stalled or broken data connection, and a bound on what a download may
//! carry ([`Wire`]).
//!
//! Only the bytes: it must not decide where data goes (partial files, renames), whether to resume
//! or retry, or what counts as verified; that is the policy in [`super`].

use std::cell::Cell;
use std::fs::File;
use std::io::{self, Read, Write};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::time::Duration;

use super::Progress;
use super::limit::{Throttle, Way};
use crate::checksum::Hasher;
use crate::config::rate::Rates;
use crate::error::{Error, Result};
use crate::interrupt;

/// Copy buffer size: large enough to keep a fast link busy, small enough to be constant memory.
pub(super) const BUF_SIZE: usize = 256 * 1024;

/// This thread's copy buffer of [`BUF_SIZE`] bytes: allocated on the thread's first transfer,
/// taken by one copy loop and given back when dropped, for the next (a copy while another holds
/// it gets one of its own).
struct Buffer(Vec<u8>);

thread_local!(static SPARE: Cell<Vec<u8>> = const { Cell::new(Vec::new()) });

impl Buffer {
    fn take() -> Buffer {
        let mut buf = SPARE.take();
        buf.resize(BUF_SIZE, 0);
        Buffer(buf)
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        SPARE.set(std::mem::take(&mut self.0));
    }
}

impl Deref for Buffer {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl DerefMut for Buffer {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

/// How a data connection is used: ASCII or not, the longest pause allowed, how many bytes a
/// download may carry (a server sending past the size it announced is cut off there), and the
/// transfer's rate limits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wire {
    pub ascii: bool,
    pub stall: Duration,
    pub bound: Option<Bound>,
    pub rates: Rates,
}

/// The most a data connection may carry (`wire` bytes), for a file of `announced` bytes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bound {
    pub wire: u64,
    pub announced: u64,
}

impl Bound {
    /// The bound for a file the server says has `total` bytes, read from `start`: what is left
    /// of it, or in ASCII (always from 0) twice the size, as each LF may come as CRLF.
    pub fn of(total: Option<u64>, start: u64, ascii: bool) -> Option<Bound> {
        let wire = |t: u64| if ascii { t.saturating_mul(2) } else { t.saturating_sub(start) };
        total.map(|t| Bound { wire: wire(t), announced: t })
    }

    /// Fails once `carried` bytes are more than the bound.
    pub(super) fn check(bound: Option<Bound>, carried: u64) -> Result<()> {
        match bound {
            Some(b) if carried > b.wire => Err(Error::Overrun { announced: b.announced }),
            _ => Ok(()),
        }
    }
}

/// Feeds the first `len` bytes of `path` to `hasher` (the part a resume does not transfer).
pub(super) fn hash_prefix(hasher: &mut Hasher, path: &Path, len: u64) -> Result<()> {
    let mut file = File::open(path).map_err(|e| Error::local(path, e))?.take(len);
    let mut buf = Buffer::take();
    loop {
        match file.read(&mut buf).map_err(|e| Error::local(path, e))? {
            0 => return Ok(()),
            n => hasher.update(&buf[..n]),
        }
    }
}

/// Copies the data stream into `out`, turning CRLF into LF in ASCII mode, stopping at the
/// wire's bound (before writing the bytes past it). Returns the bytes written.
pub(super) fn copy_down(
    data: &mut dyn Read,
    out: &mut dyn Write,
    wire: Wire,
    mut hasher: Option<&mut Hasher>,
    progress: &mut dyn Progress,
    part: &Path,
) -> Result<u64> {
    let mut buf = Buffer::take();
    let mut conv = Vec::new();
    let mut pending_cr = false;
    let (mut total, mut carried) = (0u64, 0u64);
    let mut throttle = Throttle::new(wire.rates, Way::Down);
    loop {
        interrupt::check()?;
        let n = match data.read(&mut buf[..throttle.chunk(BUF_SIZE)]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(stalled(e, wire.stall)),
        };
        carried += n as u64;
        Bound::check(wire.bound, carried)?;
        let chunk = if wire.ascii {
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
        throttle.pass(n)?;
    }
    if pending_cr {
        out.write_all(b"\r").map_err(|e| Error::local(part, e))?;
        total += 1;
    }
    Ok(total)
}

/// Copies `input` to the data stream, turning LF into CRLF in ASCII mode (the wire's bound is
/// not used). Returns bytes read.
pub(super) fn copy_up(
    input: &mut dyn Read,
    data: &mut dyn Write,
    wire: Wire,
    mut hasher: Option<&mut Hasher>,
    progress: &mut dyn Progress,
    local: &Path,
) -> Result<u64> {
    let mut buf = Buffer::take();
    let mut conv = Vec::new();
    let mut total = 0u64;
    let mut throttle = Throttle::new(wire.rates, Way::Up);
    loop {
        interrupt::check()?;
        let n = match input.read(&mut buf[..throttle.chunk(BUF_SIZE)]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::local(local, e)),
        };
        if let Some(h) = hasher.as_deref_mut() {
            h.update(&buf[..n]);
        }
        let chunk = if wire.ascii {
            lf_to_crlf(&buf[..n], &mut conv);
            &conv[..]
        } else {
            &buf[..n]
        };
        data.write_all(chunk).map_err(|e| stalled(e, wire.stall))?;
        progress.advance(n as u64);
        total += n as u64;
        throttle.pass(n)?;
    }
    Ok(total)
}

/// A data-connection error: a timeout names the setting, anything else is a lost connection.
pub(super) fn stalled(e: std::io::Error, limit: Duration) -> Error {
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
    fn a_download_stops_at_its_bound_before_writing_past_it() {
        let wire =
            |bound| Wire { ascii: false, stall: Duration::from_secs(1), bound, rates: Rates::default() };
        let mut out = Vec::new();
        let cut = copy_down(
            &mut &[7u8; 100][..],
            &mut out,
            wire(Bound::of(Some(60), 10, false)),
            None,
            &mut super::super::Silent,
            Path::new("p"),
        );
        assert!(matches!(cut, Err(Error::Overrun { announced: 60 })), "{cut:?}");
        assert!(out.len() <= 50, "{}", out.len());
        let mut out = Vec::new();
        let whole = copy_down(
            &mut &[7u8; 50][..],
            &mut out,
            wire(Bound::of(Some(60), 10, false)),
            None,
            &mut super::super::Silent,
            Path::new("p"),
        );
        assert_eq!(whole.unwrap(), 50);
        assert_eq!(Bound::of(Some(60), 0, true).unwrap().wire, 120, "ASCII: each LF may come as CRLF");
        assert!(Bound::of(None, 0, false).is_none());
    }

    #[test]
    fn lf_becomes_crlf() {
        let mut out = Vec::new();
        lf_to_crlf(b"a\nb\n\n", &mut out);
        assert_eq!(out, b"a\r\nb\r\n\r\n");
    }
}
