//! Segmented download of one file (`pget -n N`, `get -n N`): the file is cut into N ranges, each
//! fetched by a logged-in worker session of its own (REST, then exactly its range, then the data
//! connection is closed), written in place into the partial file with positioned writes.
//!
//! What may be trusted is kept in a small record beside the partial file ([`record_path`]): the
//! remote file's size and time, and per range how many bytes are proven. A range's bytes count
//! only once its restart is proven: every fetch but the file's first restarts 4 KiB early, and
//! those bytes must equal what the partial file holds there (the previous range's end, or the
//! range's own bytes on a resume) and must not be the file's first bytes (which a
//! server ignoring REST sends). Bytes whose proof needs a previous range that is not complete yet
//! are pending: the record keeps them with the overlap that will prove them, and a resume
//! continues after them. Nothing else is trusted; bytes that cannot be proven are fetched again.
//! The whole file is then verified like a single download (size, and a checksum when the server
//! offers one) and renamed. When segmenting is impossible or disproved (ASCII type, no SIZE, no REST, REST
//! refused, a seam that differs) it falls back to one stream ([`super::download`]) and says why.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::copy::{Wire, copy_down, hash_prefix};
use super::log::{Direction, logged};
use super::seam::OVERLAP;
use super::{
    GetOptions, Listed, Progress, Report, Silent, check_size, check_sum, check_target, download, part_path,
    with_retries,
};
use crate::config::rate::Rates;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::session::{Login, Session, TransferType};

/// The smallest range worth a connection of its own; a file too small for two is fetched in one
/// stream.
pub const MIN_SEGMENT: u64 = 64 * 1024;

/// What a segmented download did: the report, and why it fell back to one stream, if it did.
pub struct Segmented {
    pub report: Report,
    pub fallback: Option<String>,
}

/// What to download: `remote` to `local` as `opts` say, over `n` connections.
#[derive(Clone, Copy)]
pub struct Want<'a> {
    pub remote: &'a str,
    pub local: &'a Path,
    pub opts: GetOptions,
    pub n: usize,
}

/// Downloads as `want` says (see the module doc); a resume (`opts.resume`) continues the ranges
/// the record proves.
fn download_segmented(session: &mut Session, want: Want, progress: &mut dyn Progress) -> Result<Segmented> {
    let Want { remote, local, opts, n } = want;
    check_target(local, opts.overwrite)?;
    let part = part_path(local);
    let plan = match plan(session, remote, n) {
        Ok(plan) => plan,
        Err(why) if n > 1 => return single(session, remote, local, opts, progress, why),
        Err(_) => return single(session, remote, local, opts, progress, String::new()),
    };
    let stamp = Stamp { size: plan.size, mtime: session.mtime(remote).map(epoch_secs) };
    let mut ranges = opts.resume.then(|| Record::load(&part, &stamp)).flatten().unwrap_or_else(|| {
        let _ = fs::remove_file(&part);
        ranges(plan.size, n)
    });
    Record::save(&part, &stamp, &ranges)?;
    // Kept as it is: a resume continues it, a fresh start removed it above.
    let file = OpenOptions::new().create(true).write(true).truncate(false).open(&part);
    let file = file.map_err(|e| Error::local(&part, e))?;
    let began = Instant::now();
    let done_before: u64 = ranges.iter().map(Range::written).sum();
    let runs = fetch_all((&plan.login, plan.early), remote, &file, &part, &ranges, progress, done_before);
    let outcome = prove(&part, &mut ranges, &runs);
    Record::save(&part, &stamp, &ranges)?;
    if let Err(why) = outcome {
        return single(session, remote, local, opts, progress, why);
    }
    if let Some(e) = runs.into_iter().find_map(|r| r.result.err()) {
        if rest_refused(&e) {
            return single(session, remote, local, opts, progress, "the server refused REST".into());
        }
        return Err(Error::Transfer { source: Box::new(e), part: Some(part) });
    }
    if !ranges.iter().all(Range::complete) {
        let e = Error::Verify("the segments' restarts could not all be proven".into());
        return Err(Error::Transfer { source: Box::new(e), part: Some(part) });
    }
    let moved: u64 = ranges.iter().map(Range::written).sum::<u64>() - done_before;
    let mut report =
        Report { bytes: moved, skipped: done_before, elapsed: began.elapsed(), verified: vec![], note: None };
    verify_whole(session, remote, &part, plan.size, &mut report)?;
    if let Some(t) = stamp.mtime.filter(|_| opts.keep_time) {
        let _ = file.set_modified(UNIX_EPOCH + Duration::from_secs(t));
    }
    drop(file);
    fs::rename(&part, local).map_err(|e| Error::local(local, e))?;
    let _ = fs::remove_file(record_path(&part));
    Ok(Segmented { report, fallback: None })
}

/// Downloads as `want` says over N connections (see the module doc), with the one retry policy
/// ([`with_retries`]; a retry resumes), in the transfer log.
pub fn get_segmented(session: &mut Session, want: Want, progress: &mut dyn Progress) -> Result<Segmented> {
    let mut fallback = None;
    let paths = (want.remote, want.local);
    let report = logged(session, Direction::Download, paths, progress, |session, progress| {
        with_retries(session, |s, again| {
            let opts = GetOptions { resume: want.opts.resume || again, ..want.opts };
            let done = download_segmented(s, Want { opts, ..want }, progress)?;
            fallback = done.fallback;
            Ok(done.report)
        })
    })?;
    Ok(Segmented { report, fallback })
}

/// Verifies the whole partial file once every range is proven: its size, and a checksum when
/// the server offers one (read back from the file).
fn verify_whole(
    session: &mut Session,
    remote: &str,
    part: &Path,
    size: u64,
    report: &mut Report,
) -> Result<()> {
    report.verified.push("seams");
    let have = part.metadata().map_err(|e| Error::local(part, e))?.len();
    check_size(report, Some(size), have, part)?;
    let Some(method) = session.checksum_method() else { return Ok(()) };
    let mut hasher = method.algo.hasher();
    hash_prefix(&mut hasher, part, size)?;
    let theirs = session.checksum(&method, remote).map_err(|e| kept(e, part))?;
    check_sum(report, method.algo.name(), theirs, &hasher.hex(), part).map_err(|e| kept(e, part))
}

/// The record of a segmented download beside its partial file `part`: `NAME.ftpsh.part` +
/// `.ftpsh.part`, the partial file's name of a download that may not exist (its name would end
/// in the suffix kept for partial files), so no other download ever uses it.
pub fn record_path(part: &Path) -> PathBuf {
    part_path(part)
}

/// Falls back to one stream, saying why; the segmented attempt's partial file and record go.
fn single(
    session: &mut Session,
    remote: &str,
    local: &Path,
    opts: GetOptions,
    progress: &mut dyn Progress,
    why: String,
) -> Result<Segmented> {
    let part = part_path(local);
    if fs::remove_file(record_path(&part)).is_ok() {
        let _ = fs::remove_file(&part);
    }
    let report =
        download(session, remote, local, GetOptions { resume: false, ..opts }, Listed::default(), progress)?;
    Ok(Segmented { report, fallback: Some(why).filter(|w| !w.is_empty()) })
}

/// What segmenting needs: REST, the binary type, more logins, the size. As many worker sessions
/// as a fresh start has ranges are being opened while the time is asked (and a resume's record
/// read).
struct Plan {
    size: u64,
    login: Login,
    early: Opening,
}

fn plan(session: &mut Session, remote: &str, n: usize) -> std::result::Result<Plan, String> {
    if session.transfer_type != TransferType::Binary {
        return Err("the ASCII type changes offsets".into());
    }
    if !session.has_feature("REST") {
        return Err("the server does not offer REST".into());
    }
    if n < 2 {
        return Err(String::new());
    }
    let login = session.login_info().ok_or("no login to open more connections with")?;
    let size = session.size_opt(remote).ok_or("the server gave no size")?;
    if size < 2 * MIN_SEGMENT {
        return Err(format!("{size} bytes are fetched in one stream"));
    }
    let early = Opening::start(&login, ranges(size, n).len());
    Ok(Plan { size, login, early })
}

/// Worker sessions of a segmented download, each being opened (logged in, in the same
/// directory) on a thread of its own before the ranges are known, so that their round trips
/// overlap the first session's MDTM. The ones no range takes are closed on a thread of their
/// own when this is dropped (also when segmenting is given up).
struct Opening(Vec<JoinHandle<Result<Session>>>);

impl Opening {
    /// Starts opening `n` sessions as `login` says; Ctrl-C (or the job's `kill`) stops them as
    /// it stops this thread.
    fn start(login: &Login, n: usize) -> Opening {
        let token = interrupt::current();
        Opening(
            (0..n)
                .map(|_| {
                    let (login, token) = (login.clone(), token.clone());
                    std::thread::spawn(move || {
                        interrupt::adopt(&token);
                        Session::open(&login)
                    })
                })
                .collect(),
        )
    }

    /// One of the sessions, to be waited for where it is used ([`opened`]).
    fn take(&mut self) -> Option<JoinHandle<Result<Session>>> {
        self.0.pop()
    }
}

/// The session `opening` opens, once it is open.
fn opened(opening: JoinHandle<Result<Session>>) -> Result<Session> {
    opening.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

impl Drop for Opening {
    fn drop(&mut self) {
        let left = std::mem::take(&mut self.0);
        if !left.is_empty() {
            std::thread::spawn(move || {
                for mut session in left.into_iter().filter_map(|h| h.join().ok()?.ok()) {
                    session.close();
                }
            });
        }
    }
}

/// `n` ranges of equal length tiling `size` bytes (the last takes the rest), none shorter than
/// [`MIN_SEGMENT`] unless the file is.
fn ranges(size: u64, n: usize) -> Vec<Range> {
    let count = (n as u64).min(size / MIN_SEGMENT).max(1);
    let len = size / count;
    let end = |i| if i + 1 == count { size } else { (i + 1) * len };
    (0..count).map(|i| Range { start: i * len, end: end(i), got: 0, pending: 0, seam: Vec::new() }).collect()
}

/// One range of the file, `start..end`: its first `got` bytes are proven, the `pending` bytes
/// after them are written but wait for `seam` (what the server sent for the bytes just before
/// `start + got`) to be compared with the partial file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    start: u64,
    end: u64,
    got: u64,
    pending: u64,
    seam: Vec<u8>,
}

impl Range {
    fn len(&self) -> u64 {
        self.end - self.start
    }
    fn complete(&self) -> bool {
        self.got == self.len()
    }
    /// Bytes written so far, proven or pending.
    fn written(&self) -> u64 {
        self.got + self.pending
    }
    /// Where this range's next fetch writes from.
    fn resume_at(&self) -> u64 {
        self.start + self.written()
    }
    /// Where this range's next fetch starts: [`OVERLAP`] bytes before [`Range::resume_at`]
    /// (none for the file's first bytes).
    fn restart(&self) -> u64 {
        self.resume_at().saturating_sub(OVERLAP)
    }
}

/// What identifies the remote file: a record made for another size or time is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    size: u64,
    mtime: Option<u64>,
}

fn epoch_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The record file: a header line, the stamp, then `START END GOT` per range.
struct Record;

const HEADER: &str = "ftpsh segmented download 1";

impl Record {
    fn save(part: &Path, stamp: &Stamp, ranges: &[Range]) -> Result<()> {
        let mtime = stamp.mtime.map_or_else(|| "-".to_string(), |t| t.to_string());
        let mut text = format!("{HEADER}\n{} {mtime}\n", stamp.size);
        for r in ranges {
            let seam: String = r.seam.iter().map(|b| format!("{b:02x}")).collect();
            let seam = if seam.is_empty() { "-".to_string() } else { seam };
            text.push_str(&format!("{} {} {} {} {seam}\n", r.start, r.end, r.got, r.pending));
        }
        let path = record_path(part);
        fs::write(&path, text).map_err(|e| Error::local(&path, e))
    }

    /// The ranges a record for `stamp` proves, or `None` (no record, another file, unreadable,
    /// or no partial file to go with it): then the download starts over.
    fn load(part: &Path, stamp: &Stamp) -> Option<Vec<Range>> {
        let text = fs::read_to_string(record_path(part)).ok()?;
        let mut lines = text.lines();
        let have = part.metadata().ok()?.len();
        let (header, head) = (lines.next()?, lines.next()?);
        let (size, mtime) = head.split_once(' ')?;
        let recorded = Stamp { size: size.parse().ok()?, mtime: mtime.parse().ok() };
        if header != HEADER || recorded != *stamp {
            return None;
        }
        let ranges: Vec<Range> = lines.map(parse_range).collect::<Option<_>>()?;
        let tiled = ranges.first().is_some_and(|r| r.start == 0)
            && ranges.last().is_some_and(|r| r.end == stamp.size)
            && ranges.windows(2).all(|w| w[0].end == w[1].start);
        let sound = ranges.iter().all(|r| {
            r.start < r.end
                && r.written() <= r.len()
                && (r.written() == 0 || r.resume_at() <= have)
                && (r.pending == 0) == r.seam.is_empty()
                && r.seam.len() as u64 <= OVERLAP
        });
        (tiled && sound).then_some(ranges)
    }
}

fn parse_range(line: &str) -> Option<Range> {
    let mut w = line.split(' ');
    let mut num = || w.next()?.parse::<u64>().ok();
    let (start, end, got, pending) = (num()?, num()?, num()?, num()?);
    let seam = match w.next()? {
        "-" => Vec::new(),
        hex if hex.len() % 2 == 0 => {
            let byte = |i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            (0..hex.len()).step_by(2).map(byte).collect::<Option<_>>()?
        }
        _ => return None,
    };
    w.next().is_none().then_some(Range { start, end, got, pending, seam })
}

/// What one range's fetch did: the bytes it wrote past the restart's overlap, the overlap it
/// read (to be compared with the partial file), and how it ended.
struct Run {
    seam: Vec<u8>,
    wrote: u64,
    result: Result<()>,
}

/// Fetches every range not yet written to its end on a session of its own, all at once, showing
/// the progress of all of them on this thread. The sessions are the `early` ones while they
/// last (a resume's record may have more ranges), then new ones logged in as `login` says.
fn fetch_all(
    (login, mut early): (&Login, Opening),
    remote: &str,
    file: &File,
    part: &Path,
    ranges: &[Range],
    progress: &mut dyn Progress,
    done: u64,
) -> Vec<Run> {
    let moved = AtomicU64::new(0);
    let total = ranges.last().map(|r| r.end);
    progress.begin(remote, total, done);
    let token = interrupt::current();
    // Each worker holds a sender of `ended` until it ends: the channel disconnects the moment
    // the last one does, so the progress loop neither ends early nor waits out a tick.
    let (ending, ended) = std::sync::mpsc::channel::<()>();
    let runs = std::thread::scope(|scope| {
        let workers: Vec<_> = ranges
            .iter()
            .map(|r| {
                let (moved, token, ending) = (&moved, &token, ending.clone());
                let pending = (r.written() < r.len()).then(|| early.take());
                scope.spawn(move || {
                    let _ending = ending;
                    interrupt::adopt(token); // Ctrl-C, or the job's own `kill`, stops every range
                    let Some(early) = pending else {
                        return Run { seam: Vec::new(), wrote: 0, result: Ok(()) };
                    };
                    let session = early.map_or_else(|| Session::open(login), opened);
                    fetch_range(session, remote, file, part, r, ranges.len(), moved)
                })
            })
            .collect();
        drop(ending);
        let mut shown = 0;
        while ended.recv_timeout(Duration::from_millis(50)) != Err(RecvTimeoutError::Disconnected) {
            let now = moved.load(Ordering::Relaxed);
            progress.advance(now - shown);
            shown = now;
        }
        progress.advance(moved.load(Ordering::Relaxed) - shown);
        workers.into_iter().map(|w| w.join().expect("segment worker panicked")).collect()
    });
    progress.end();
    runs
}

/// Fetches one range on its own session (once it is open): REST at its restart, the overlap into
/// memory, the rest into the partial file at its place, exactly up to the range's end; then the
/// data connection is closed.
fn fetch_range(
    opened: Result<Session>,
    remote: &str,
    file: &File,
    part: &Path,
    r: &Range,
    n: usize,
    moved: &AtomicU64,
) -> Run {
    let (from, resume_at) = (r.restart(), r.resume_at());
    let mut out =
        Placed { file, pos: resume_at, seam: Vec::new(), seam_len: (resume_at - from) as usize, moved };
    let mut session = match opened {
        Ok(s) => s,
        Err(e) => return Run { seam: Vec::new(), wrote: 0, result: Err(e) },
    };
    let want = r.end - from;
    let wire = Wire {
        ascii: false,
        stall: session.net().io_timeout,
        bound: None,
        rates: share(session.net().rate, n),
    };
    let mut complete = false;
    let fetched = session.retrieve(remote, from, |data| {
        let n = copy_down(&mut data.take(want), &mut out, wire, None, &mut Silent, part)?;
        complete = n == want;
        if complete { Ok(()) } else { Err(Error::Short { have: from + n, total: r.end }) }
    });
    // Cut short on purpose: the server's reply to that (426, or none) says nothing of the bytes.
    let result = if complete { Ok(()) } else { fetched };
    session.close();
    Run { wrote: out.pos - resume_at, seam: out.seam, result }
}

/// One of `n` connections' share of the transfer's rate limit (`set rate-limit` is per transfer).
fn share(rates: Rates, n: usize) -> Rates {
    let part = |r: Option<u64>| r.map(|r| (r / n as u64).max(1));
    Rates { up: part(rates.up), down: part(rates.down) }
}

/// The writer of one range: the overlap goes to memory, the rest in place into the file.
struct Placed<'a> {
    file: &'a File,
    pos: u64,
    seam: Vec<u8>,
    seam_len: usize,
    moved: &'a AtomicU64,
}

impl Write for Placed<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let want = self.seam_len - self.seam.len();
        if want > 0 {
            let n = want.min(data.len());
            self.seam.extend_from_slice(&data[..n]);
            return Ok(n);
        }
        let n = write_at(self.file, data, self.pos)?;
        self.pos += n as u64;
        self.moved.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(unix)]
fn write_at(file: &File, data: &[u8], pos: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::write_at(file, data, pos)
}

#[cfg(windows)]
fn write_at(file: &File, data: &[u8], pos: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_write(file, data, pos)
}

/// Takes in what each range's run wrote, then proves what can be proven, range by range from
/// the first (a range's proof may need the previous range complete). A run continuing pending
/// bytes joins them when its overlap matches them; otherwise its bytes become pending with its
/// overlap. Pending bytes become proven when their overlap lies in proven bytes, equals them
/// and is not the file's first bytes. A run whose overlap cannot be compared yet is dropped;
/// one that differs is an error: the server does not honour REST, or the file changed.
fn prove(part: &Path, ranges: &mut [Range], runs: &[Run]) -> std::result::Result<(), String> {
    for k in 0..ranges.len() {
        let before_done = k > 0 && ranges[k - 1].complete();
        let (r, run) = (&mut ranges[k], &runs[k]);
        if run.wrote > 0 && r.pending == 0 {
            (r.pending, r.seam) = (run.wrote, run.seam.clone());
        } else if run.wrote > 0 {
            let from = r.restart();
            if from >= r.start || before_done {
                compare(part, from, &run.seam, None)?;
                r.pending += run.wrote;
            }
        }
        let from = r.start + r.got - r.seam.len() as u64;
        let head_known = k == 0 || ranges[0].got >= OVERLAP;
        let r = &mut ranges[k];
        if r.pending > 0 && (from >= r.start || before_done) && head_known {
            compare(part, from, &r.seam, (from > 0).then_some(0))?;
            (r.got, r.pending, r.seam) = (r.got + r.pending, 0, Vec::new());
        }
    }
    Ok(())
}

/// Compares `seam` with the partial file's bytes at `from`; with `head`, it must also differ
/// from the bytes there (the file's first), which a server ignoring REST would have sent.
fn compare(part: &Path, from: u64, seam: &[u8], head: Option<u64>) -> std::result::Result<(), String> {
    let read = |at| read_at(part, at, seam.len()).map_err(|e| format!("{}: {e}", part.display()));
    if read(from)? != seam || head.map(read).transpose()?.is_some_and(|h| h == seam) {
        return Err(format!(
            "the data at byte {from} did not prove the restart (the server may ignore REST)"
        ));
    }
    Ok(())
}

fn read_at(path: &Path, at: u64, len: usize) -> io::Result<Vec<u8>> {
    let mut bytes = vec![0; len];
    let file = File::open(path)?;
    let mut done = 0;
    while done < len {
        match read_at_once(&file, &mut bytes[done..], at + done as u64)? {
            0 => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the partial file is short")),
            n => done += n,
        }
    }
    Ok(bytes)
}

#[cfg(unix)]
fn read_at_once(file: &File, buf: &mut [u8], pos: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, pos)
}

#[cfg(windows)]
fn read_at_once(file: &File, buf: &mut [u8], pos: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, pos)
}

/// Whether a range's error is the server refusing REST (a command it does not know or allow).
fn rest_refused(e: &Error) -> bool {
    matches!(e, Error::Server(r) if matches!(r.code, 500 | 501 | 502 | 504))
}

fn kept(e: Error, part: &Path) -> Error {
    match e {
        Error::Local { .. } | Error::Transfer { .. } => e,
        other => Error::Transfer { source: Box::new(other), part: Some(part.to_path_buf()) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_tile_the_file_and_are_never_too_short() {
        for (size, n, count) in
            [(10 * MIN_SEGMENT + 7, 4, 4), (3 * MIN_SEGMENT - 1, 64, 2), (MIN_SEGMENT, 8, 1)]
        {
            let r = ranges(size, n);
            assert_eq!(r.len(), count, "{size} {n}");
            assert_eq!((r[0].start, r[r.len() - 1].end), (0, size));
            assert!(r.windows(2).all(|w| w[0].end == w[1].start && w[0].len() >= MIN_SEGMENT));
        }
    }

    #[test]
    fn a_record_is_used_only_for_the_same_file_and_a_partial_file_that_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let part = dir.path().join("f.ftpsh.part");
        let stamp = Stamp { size: 4 * MIN_SEGMENT, mtime: Some(7) };
        let mut r = ranges(stamp.size, 2);
        r[0].got = 1000;
        (r[1].pending, r[1].seam) = (5, vec![0, 255, 16]);
        Record::save(&part, &stamp, &r).unwrap();
        assert!(Record::load(&part, &stamp).is_none(), "no partial file");
        fs::write(&part, vec![1; 999]).unwrap();
        assert!(Record::load(&part, &stamp).is_none(), "the partial file is shorter than the record says");
        fs::write(&part, vec![1; 1000]).unwrap();
        assert!(Record::load(&part, &stamp).is_none(), "pending bytes beyond the partial file");
        fs::write(&part, vec![1; 2 * MIN_SEGMENT as usize + 5]).unwrap();
        assert_eq!(Record::load(&part, &stamp), Some(r.clone()));
        assert!(Record::load(&part, &Stamp { mtime: Some(8), ..stamp.clone() }).is_none(), "another time");
        assert!(Record::load(&part, &Stamp { mtime: None, ..stamp.clone() }).is_none());
        fs::write(record_path(&part), format!("{HEADER}\n{} 7\n0 5 0 0 -\n", stamp.size)).unwrap();
        assert!(Record::load(&part, &stamp).is_none(), "ranges that do not tile the file");
    }

    #[test]
    fn the_record_sits_where_no_download_can() {
        let rec = record_path(Path::new("d/f.bin.ftpsh.part"));
        assert_eq!(rec, PathBuf::from("d/f.bin.ftpsh.part.ftpsh.part"));
        assert!(check_target(&rec, super::super::Overwrite::Allow).is_err());
    }
}
