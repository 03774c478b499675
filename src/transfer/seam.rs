//! Proving a resume. A resumed transfer restarts [`OVERLAP`] bytes before the end of what it
//! already has and compares those bytes with the other side's, so a server that ignores REST
//! (and sends from byte 0), or a partial file of another version of the file, is caught even when
//! the server offers neither SIZE nor a checksum.
//!
//! Downloads: [`resume_point`] picks the restart and [`Spliced`] compares the overlap as the data
//! arrives, then appends the rest. Uploads: [`remote_matches`] reads the remote file's last
//! bytes back before anything is sent. Only the proof: whether to resume or start over is
//! decided in [`super`].

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::copy::stalled;
use crate::error::{Error, Reply, Result};
use crate::session::Session;

/// How many bytes before the end of what it has a resume restarts, to compare them.
pub(super) const OVERLAP: u64 = 4096;

/// Where a resumed download restarts: at `start`, with `tail` the partial file's bytes from
/// there to its end (which the server must send again, byte for byte).
#[derive(Debug)]
pub(super) struct Seam {
    pub start: u64,
    tail: Vec<u8>,
}

/// Where a download can resume its partial file `part`, or `None` when it must start over:
/// there is no more than [`OVERLAP`] to continue, more than the remote file's `total`, or the
/// last [`OVERLAP`] bytes are the first ones again (a server that ignores REST would send those
/// very bytes, so they would prove nothing).
pub(super) fn resume_point(part: &Path, total: Option<u64>) -> Result<Option<Seam>> {
    let have = part.metadata().map_or(0, |m| m.len());
    if have <= OVERLAP || total.is_some_and(|t| have > t) {
        return Ok(None);
    }
    let start = have - OVERLAP;
    let tail = read_at(part, start, OVERLAP)?;
    Ok((tail != read_at(part, 0, OVERLAP)?).then_some(Seam { start, tail }))
}

/// Whether the remote file ends at `before` with the [`OVERLAP`] bytes the local file has just
/// before `before`, read back with REST and RETR. A server that sends more (it ignored REST) or
/// less, or refuses, proves nothing; a lost connection is an error.
pub(super) fn remote_matches(session: &mut Session, remote: &str, local: &Path, before: u64) -> Result<bool> {
    if before <= OVERLAP {
        return Ok(false);
    }
    Ok(overlap(session, remote, local, before)? == Overlap::Ends)
}

/// What the remote file has where the local file's last bytes before `before` are.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Overlap {
    /// The same bytes, and the remote file ends there.
    Ends,
    /// The same bytes, and the remote file goes on: the local file is its beginning.
    Continues,
    /// Other bytes, fewer, or more than the rest of the file (REST ignored); or a refused RETR.
    Different,
    /// The server does not take REST: its refusal.
    NoRest(Reply),
}

/// Reads the remote file's [`OVERLAP`] bytes before `before` (all of them from 0 when `before`
/// is smaller) and one more, and compares them with the local file's.
pub(super) fn overlap(session: &mut Session, remote: &str, local: &Path, before: u64) -> Result<Overlap> {
    let start = before.saturating_sub(OVERLAP);
    let ours = read_at(local, start, before - start)?;
    let stall = session.net().io_timeout;
    let mut theirs = Vec::new();
    let read = session.retrieve(remote, start, |data| {
        data.take(before - start + 1).read_to_end(&mut theirs).map_err(|e| stalled(e, stall))
    });
    match read {
        // 500, 501, 502, 504: REST is not a command this server knows or takes.
        Err(Error::Server(r))
            if theirs.is_empty() && start > 0 && matches!(r.code, 500 | 501 | 502 | 504) =>
        {
            return Ok(Overlap::NoRest(r));
        }
        Err(Error::Server(_)) if theirs.is_empty() => return Ok(Overlap::Different),
        // The server may say it was cut short when ftpsh stops reading: the bytes are what count.
        Err(e) if e.is_disconnect() || theirs.is_empty() => return Err(e),
        _ => {}
    }
    Ok(if theirs == ours {
        Overlap::Ends
    } else if theirs.len() > ours.len() && theirs.starts_with(&ours) {
        Overlap::Continues
    } else {
        Overlap::Different
    })
}

/// `len` bytes of `path` from `at` (fewer at its end).
fn read_at(path: &Path, at: u64, len: u64) -> Result<Vec<u8>> {
    let mut file = File::open(path).map_err(|e| Error::local(path, e))?;
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(at))
        .and_then(|_| file.take(len).read_to_end(&mut bytes))
        .map_err(|e| Error::local(path, e))?;
    Ok(bytes)
}

/// The writer of a download's partial file. From zero it truncates the file and writes
/// everything; from a [`Seam`] it first compares the data with the seam's tail (writing none of
/// it), then appends the rest. A difference fails the write and is remembered.
pub(super) struct Spliced {
    file: File,
    tail: Vec<u8>,
    matched: usize,
    differs: bool,
}

impl Spliced {
    /// Opens `part` to write from zero, or to continue after comparing `seam`'s tail.
    pub fn open(part: &Path, seam: Option<Seam>) -> Result<Spliced> {
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .append(seam.is_some())
            .truncate(seam.is_none())
            .open(part)
            .map_err(|e| Error::local(part, e))?;
        let tail = seam.map(|s| s.tail).unwrap_or_default();
        Ok(Spliced { file, tail, matched: 0, differs: false })
    }

    /// Whether the data disproved the resume: it differed from the tail, or a complete transfer
    /// (`complete`) ended before the whole tail came again.
    pub fn disproved(&self, complete: bool) -> bool {
        self.differs || (complete && self.matched < self.tail.len())
    }

    /// Whether there was an overlap and all of it matched.
    pub fn proved(&self) -> bool {
        !self.tail.is_empty() && !self.differs && self.matched == self.tail.len()
    }

    /// The file, when it is written from the start (no overlap to compare): the bytes may go
    /// straight into it.
    pub fn fresh(&self) -> Option<&File> {
        self.tail.is_empty().then_some(&self.file)
    }

    pub fn into_file(self) -> File {
        self.file
    }
}

impl Write for Spliced {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let expected = &self.tail[self.matched..];
        if expected.is_empty() {
            return self.file.write(data);
        }
        let n = expected.len().min(data.len());
        if data[..n] != expected[..n] {
            self.differs = true;
            return Err(io::Error::other("the data differs from what the partial file holds"));
        }
        self.matched += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part_with(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.ftpsh.part");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn a_resume_restarts_an_overlap_before_the_end_unless_that_proves_nothing() {
        let distinct: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + i / 251) as u8).collect();
        let (_d, part) = part_with(&distinct);
        let seam = resume_point(&part, None).unwrap().unwrap();
        assert_eq!((seam.start, seam.tail.as_slice()), (10_000 - OVERLAP, &distinct[10_000 - 4096..]));
        assert!(resume_point(&part, Some(10_000)).unwrap().is_some());
        assert!(resume_point(&part, Some(9_999)).unwrap().is_none(), "longer than the remote file");
        let (_d, zeros) = part_with(&[0; 10_000]);
        assert!(resume_point(&zeros, None).unwrap().is_none(), "its end looks like its start");
        let (_d, short) = part_with(&distinct[..4096]);
        assert!(resume_point(&short, None).unwrap().is_none(), "nothing beyond the overlap");
        assert!(resume_point(&part.with_extension("missing"), None).unwrap().is_none());
    }

    #[test]
    fn the_overlap_is_compared_then_the_rest_appended() {
        let (_d, part) = part_with(b"0123456789");
        let seam = || Some(Seam { start: 6, tail: b"6789".to_vec() });
        let mut out = Spliced::open(&part, seam()).unwrap();
        out.write_all(b"67").unwrap();
        out.write_all(b"89ab").unwrap();
        assert!(out.proved() && !out.disproved(true));
        assert_eq!(std::fs::read(&part).unwrap(), b"0123456789ab");
        let mut out = Spliced::open(&part, seam()).unwrap();
        assert!(out.write_all(b"6x89").is_err());
        assert!(out.disproved(false) && !out.proved());
        assert_eq!(std::fs::read(&part).unwrap(), b"0123456789ab", "nothing written");
        let mut out = Spliced::open(&part, seam()).unwrap();
        out.write_all(b"67").unwrap();
        assert!(out.disproved(true), "the data ended inside the overlap");
        assert!(!out.disproved(false), "a broken transfer proves nothing either way");
        let mut out = Spliced::open(&part, None).unwrap();
        out.write_all(b"new").unwrap();
        assert!(!out.proved() && !out.disproved(true));
        assert_eq!(std::fs::read(&part).unwrap(), b"new");
    }
}
