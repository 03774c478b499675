//! The transfer engine: streams one file between the local disk and the session with constant
//! memory, converts line endings in ASCII mode, resumes with REST, verifies the result (size, a
//! checksum when the server offers one, and for a resume its overlap) and owns the partial-file
//! policy: a download is written to `NAME.ftpsh.part` ([`part_path`]) and renamed to `NAME` only
//! when complete and verified, and no download's own name may end in that suffix
//! ([`PART_SUFFIX`]), so the partial file of one download is never the name of another, whatever
//! the server's names are. It reports through a [`Progress`] and never prints. The byte-moving
//! loops are in `copy` (and in `direct` where the kernel moves the bytes itself); the proof of a
//! resume in `seam`; a partial file another program left under the final name is adopted in
//! `adopt`; the one retry policy ([`get_file`], [`put_file`]) in `retry`; batches of files (globs,
//! trees, parallel sessions) in [`batch`]; one file over N connections in [`segment`].

mod adopt;
pub mod batch;
mod copy;
mod direct;
pub mod limit;
pub mod log;
pub mod mirror;
mod retry;
mod seam;
pub mod segment;
pub mod walk;

pub use adopt::{Leftover, adopt};
pub use copy::{crlf_to_lf, lf_to_crlf};
pub use retry::{get_file, put_file, with_retries};

use std::fs::{self, File};
use std::io::{self, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::checksum;
use crate::error::{Error, Result};
use crate::session::{Session, Store, TransferType};
use copy::{BUF_SIZE, Bound, Wire, copy_down, hash_prefix};
use seam::{Seam, Spliced};

/// Receives the progress of one transfer at a time.
pub trait Progress {
    /// A transfer of `name` starts; `total` bytes when known, `done` already there (resume).
    fn begin(&mut self, name: &str, total: Option<u64>, done: u64);
    /// `bytes` more were moved.
    fn advance(&mut self, bytes: u64);
    /// The transfer ended (successfully or not).
    fn end(&mut self);
    /// How the transfer ended after retries and verification (`end` may come more than once
    /// before it): the record the transfer log gets.
    fn outcome(&mut self, _record: &log::Record) {}
}

/// A [`Progress`] that shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn begin(&mut self, _: &str, _: Option<u64>, _: u64) {}
    fn advance(&mut self, _: u64) {}
    fn end(&mut self) {}
}

/// What a finished transfer moved and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Bytes moved by this transfer (after conversion for downloads: bytes written locally).
    pub bytes: u64,
    /// Bytes that were already there and were not moved again (resume).
    pub skipped: u64,
    /// Wall time of the data transfer.
    pub elapsed: Duration,
    /// What was checked after the transfer: `size`, `SHA-256`, ...
    pub verified: Vec<&'static str>,
    /// What the user should know about how it went (a resume that became a full download).
    pub note: Option<String>,
}

impl Report {
    /// Bytes per second (0 for an instant transfer).
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
    /// Replace it (atomically, after the download succeeded and was verified).
    Allow,
}

/// How to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetOptions {
    /// Continue an existing `NAME.ftpsh.part` with REST.
    pub resume: bool,
    /// Whether an existing `NAME` may be replaced.
    pub overwrite: Overwrite,
    /// Give the local file the server's modification time (MDTM).
    pub keep_time: bool,
}

/// The local name for a remote path when the user gave none: its last component, which must be
/// a single plain name (no separators, no `..`, no control characters).
pub fn local_name_for(remote: &str) -> Result<PathBuf> {
    let base = remote.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    check_plain_name(base)?;
    Ok(PathBuf::from(crate::charset::to_os(base)))
}

/// Rejects names that could escape the target directory or corrupt the terminal.
pub fn check_plain_name(name: &str) -> Result<()> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\'])
        || name.chars().any(crate::text::is_unsafe)
        || (!cfg!(unix) && crate::charset::has_escapes(name));
    if bad { Err(Error::UnsafeName(name.to_string())) } else { Ok(()) }
}

/// What the name of a partial download ends in. No download may have a name that ends in it
/// ([`download`] refuses one), so `NAME` + this is never another download's name, and a file
/// by such a name is always a partial download: ftpsh may start it over.
pub const PART_SUFFIX: &str = ".ftpsh.part";

/// The name a download is written to before it is complete: `NAME.ftpsh.part`.
pub fn part_path(local: &Path) -> PathBuf {
    let mut name = local.file_name().unwrap_or_default().to_os_string();
    name.push(PART_SUFFIX);
    local.with_file_name(name)
}

/// Whether `name` (a file name or a path) is that of a partial download.
pub fn is_part_name(name: &str) -> bool {
    name.ends_with(PART_SUFFIX)
}

/// What the listing that found a remote file told of it: its size (exact in binary mode), and
/// its modification time when the listing gives it exactly (MLSD `modify`: UTC, to the second).
/// A download asks the server neither again; it is still verified against the size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Listed {
    pub size: Option<u64>,
    pub time: Option<SystemTime>,
}

/// Downloads `remote` to `local` through its partial file ([`part_path`]). A resume continues
/// the partial file only where its overlap proves it (`seam`) and starts over otherwise. On
/// failure `local` is untouched and the partial file keeps what arrived (unless nothing did).
/// The size the file must have comes from `listed` (what the directory's listing said, exact in
/// binary mode), else from SIZE; a resume always asks SIZE.
pub fn download(
    session: &mut Session,
    remote: &str,
    local: &Path,
    opts: GetOptions,
    listed: Listed,
    progress: &mut dyn Progress,
) -> Result<Report> {
    if writes_through(local) {
        let mut out = fs::OpenOptions::new().write(true).open(local).map_err(|e| Error::local(local, e))?;
        return download_to(session, remote, &mut out, progress);
    }
    check_target(local, opts.overwrite)?;
    let binary = binary_mode(session, opts.resume)?;
    let part = part_path(local);
    let total = match listed.size.filter(|_| binary && !opts.resume) {
        Some(size) => Some(size),
        None => session.size_opt(remote),
    };
    let mut seam = if opts.resume { seam::resume_point(&part, total)? } else { None };
    let mut note = None;
    // Without a seam a fetch is never disproved: the second round at most starts over. A server
    // that refuses REST gets a full download into the partial file instead (and no more REST).
    let Fetched { mut report, file, check } = loop {
        if let Some(refused) = seam.as_ref().filter(|s| s.start > 0).and(session.rest_refused()) {
            note = Some(restart_note(remote, refused));
            seam = None;
        }
        let resuming = seam.as_ref().is_some_and(|s| s.start > 0);
        match fetch(session, remote, &part, total, seam.take(), binary, progress) {
            Ok(Some(fetched)) => break fetched,
            Ok(None) => {}
            Err(Error::Transfer { source, .. }) if resuming && refuses_rest(&source) => {
                let Error::Server(reply) = *source else { unreachable!("refuses_rest matched a reply") };
                note = Some(restart_note(remote, &reply));
                session.refuse_rest(reply);
            }
            Err(e) => return Err(name_target(e, &part, local)),
        }
    };
    report.note = note;
    if binary {
        let have = report.skipped + report.bytes;
        check_size(&mut report, total, have, &part)?;
    }
    if let Some((method, hasher)) = check {
        let theirs = session.checksum(&method, remote).map_err(|e| keep_part(e, &part, 1))?;
        check_sum(&mut report, method.algo.name(), theirs, &hasher.hex(), &part)
            .map_err(|e| Error::Transfer { source: Box::new(e), part: Some(part.clone()) })?;
    }
    if let Some(t) = opts.keep_time.then(|| listed.time.or_else(|| session.mtime(remote))).flatten() {
        let _ = file.set_modified(t);
    }
    drop(file);
    fs::rename(&part, local).map_err(|e| Error::local(local, e))?;
    Ok(report)
}

/// A local error on the partial file, told as one on `local`: the partial file's name is
/// ftpsh's business, the user asked for `local` (and a missing directory is missing for both).
fn name_target(e: Error, part: &Path, local: &Path) -> Error {
    match e {
        Error::Local { path, source } if path == part => Error::Local { path: local.to_path_buf(), source },
        other => other,
    }
}

/// What one RETR into the partial file left: the report so far, the file, and the checksum
/// method with the running hash when the server offers one.
struct Fetched {
    report: Report,
    file: File,
    check: Option<(checksum::Method, checksum::Hasher)>,
}

/// One RETR of `remote` into `part`: from zero, or from `seam` (its overlap compared first).
/// `None` when the overlap disproved the resume; nothing was appended then.
fn fetch(
    session: &mut Session,
    remote: &str,
    part: &Path,
    total: Option<u64>,
    seam: Option<Seam>,
    binary: bool,
    progress: &mut dyn Progress,
) -> Result<Option<Fetched>> {
    let start = seam.as_ref().map_or(0, |s| s.start);
    let method = binary.then(|| session.checksum_method()).flatten();
    let mut hasher = method.as_ref().map(|m| m.algo.hasher());
    if let Some(h) = hasher.as_mut().filter(|_| start > 0) {
        hash_prefix(h, part, start)?;
    }
    if seam.is_none() {
        // The partial file starts over: a segmented download's record of it no longer holds.
        let _ = fs::remove_file(segment::record_path(part));
    }
    let mut out = Spliced::open(part, seam)?;
    let wire = Wire {
        ascii: !binary,
        stall: session.net().io_timeout,
        bound: Bound::of(total, start, !binary),
        rates: session.net().rate,
    };
    progress.begin(remote, total, start);
    let began = Instant::now();
    let copied = session.retrieve(remote, start, |data| {
        direct::receive(data, &mut out, wire, hasher.as_mut(), progress, part)
    });
    progress.end();
    if out.disproved(copied.is_ok()) {
        return Ok(None);
    }
    let bytes = copied.map_err(|e| keep_part(e, part, start))?;
    let mut report =
        Report { bytes, skipped: start, elapsed: began.elapsed(), verified: Vec::new(), note: None };
    if out.proved() {
        report.verified.push("overlap");
    }
    Ok(Some(Fetched { report, file: out.into_file(), check: method.zip(hasher) }))
}

/// Downloads `remote` into a stream (`get REMOTE -`): no partial file, no resume. Logged as
/// every transfer is.
pub fn download_to(
    session: &mut Session,
    remote: &str,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<Report> {
    let paths = (remote, Path::new("-"));
    log::logged(session, log::Direction::Download, paths, progress, |s, p| stream_down(s, remote, out, p))
}

fn stream_down(
    session: &mut Session,
    remote: &str,
    out: &mut dyn Write,
    progress: &mut dyn Progress,
) -> Result<Report> {
    let ascii = session.transfer_type == TransferType::Ascii;
    let total = session.size_opt(remote);
    let net = session.net();
    let wire = Wire { ascii, stall: net.io_timeout, bound: Bound::of(total, 0, ascii), rates: net.rate };
    progress.begin(remote, total, 0);
    let start = Instant::now();
    let mut counted = log::Counted::new(progress);
    let copied =
        session.retrieve(remote, 0, |data| copy_down(data, out, wire, None, &mut counted, Path::new("-")));
    let carried = counted.moved;
    progress.end();
    // Refused before any data flowed (550, before or just after the 150): a refusal, as
    // [`keep_part`] has it for files, not a transfer that broke off.
    let bytes = copied.map_err(|e| match e {
        Error::Local { .. } => e,
        Error::Server(_) if carried == 0 => e,
        other => Error::Transfer { source: Box::new(other), part: None },
    })?;
    out.flush().map_err(|e| Error::local("-", e))?;
    let mut report = Report { bytes, skipped: 0, elapsed: start.elapsed(), verified: Vec::new(), note: None };
    if !ascii {
        check_size(&mut report, total, bytes, Path::new("-"))?;
    }
    Ok(report)
}

/// Uploads `local` to `remote`: replacing it, continuing it from the server's SIZE (`Resume`),
/// or appending to it. A resume continues only when the remote file's last bytes prove to be the
/// local file's (`seam`); otherwise the whole file goes up again.
pub fn upload(
    session: &mut Session,
    local: &Path,
    remote: &str,
    mode: PutMode,
    progress: &mut dyn Progress,
) -> Result<Report> {
    let mut file = File::open(local).map_err(|e| Error::local(local, e))?;
    let len = file.metadata().map_err(|e| Error::local(local, e))?.len();
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Error::local(local, io::Error::other("is a directory")));
    }
    let binary = binary_mode(session, mode == PutMode::Resume)?;
    let before = if mode == PutMode::Replace { 0 } else { session.size_opt(remote).unwrap_or(0) };
    let (offset, how, proved) = upload_start(session, local, remote, mode, before, len)?;
    let method = (binary && mode != PutMode::Append).then(|| session.checksum_method()).flatten();
    let mut hasher = method.as_ref().map(|m| m.algo.hasher());
    if let Some(h) = hasher.as_mut().filter(|_| offset > 0) {
        hash_prefix(h, local, offset)?;
    }
    file.seek(SeekFrom::Start(offset)).map_err(|e| Error::local(local, e))?;
    let mut reader = BufReader::with_capacity(BUF_SIZE, file);
    progress.begin(remote, Some(len), offset);
    let start = Instant::now();
    let wire =
        Wire { ascii: !binary, stall: session.net().io_timeout, bound: None, rates: session.net().rate };
    let sent = session
        .store(remote, how, |data| direct::send(&mut reader, data, wire, hasher.as_mut(), progress, local));
    progress.end();
    // The server refused before any data flowed (STOR, APPE or REST answered 4xx/5xx): a
    // refusal, not a transfer that broke off.
    let untouched = reader.get_mut().stream_position().is_ok_and(|at| at == offset);
    let bytes = sent.map_err(|e| match e {
        Error::Local { .. } => e,
        Error::Server(_) if untouched => e,
        other => Error::Transfer { source: Box::new(other), part: None },
    })?;
    let mut report =
        Report { bytes, skipped: offset, elapsed: start.elapsed(), verified: Vec::new(), note: None };
    if proved {
        report.verified.push("overlap");
    }
    if binary {
        let expected = if mode == PutMode::Append { before + len } else { len };
        check_remote_size(session, &mut report, remote, expected, offset > 0)?;
    }
    if let (Some(method), Some(hasher)) = (method, hasher) {
        let theirs = session.checksum(&method, remote)?;
        check_sum(&mut report, method.algo.name(), theirs, &hasher.hex(), Path::new(remote))?;
    }
    Ok(report)
}

/// Where an upload starts: the offset, how the server stores it, and whether a resume proved
/// its overlap. A resume that cannot prove it replaces the remote file instead.
fn upload_start(
    session: &mut Session,
    local: &Path,
    remote: &str,
    mode: PutMode,
    before: u64,
    len: u64,
) -> Result<(u64, Store, bool)> {
    Ok(match mode {
        PutMode::Replace => (0, Store::Replace, false),
        PutMode::Append => (0, Store::Append, false),
        PutMode::Resume if before > len => {
            return Err(Error::Verify(format!(
                "the remote file is larger ({before} bytes) than {}",
                local.display()
            )));
        }
        PutMode::Resume if !seam::remote_matches(session, remote, local, before)? => {
            (0, Store::Replace, false)
        }
        PutMode::Resume if session.has_feature("REST") => (before, Store::At(before), true),
        PutMode::Resume => (before, Store::Append, true),
    })
}

/// Compares the remote file's size with `expected`; a resumed upload (`resumed`) must be able to
/// show it.
fn check_remote_size(
    session: &mut Session,
    report: &mut Report,
    remote: &str,
    expected: u64,
    resumed: bool,
) -> Result<()> {
    match session.size_opt(remote) {
        Some(theirs) if theirs != expected => {
            Err(Error::Verify(format!("{remote} has {theirs} bytes on the server, expected {expected}")))
        }
        Some(_) => {
            report.verified.push("size");
            Ok(())
        }
        None if resumed => Err(Error::Verify(format!("the server gave no size for {remote} after a resume"))),
        None => Ok(()),
    }
}

/// How an upload writes the remote file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutMode {
    /// Create or replace.
    Replace,
    /// Continue from the remote file's size.
    Resume,
    /// Add to the end of the remote file.
    Append,
}

/// Whether `local` is written to rather than replaced: an existing file that is neither a
/// regular file nor a directory (a character device such as `/dev/null`, a FIFO). Such a target
/// gets the data directly: no partial file, no rename, no "file exists".
pub fn writes_through(local: &Path) -> bool {
    fs::metadata(local).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Whether a resumed download failed because the server refused REST (a "not implemented"
/// or "not understood" reply, 500-504, before any data).
fn refuses_rest(e: &Error) -> bool {
    matches!(e, Error::Server(r) if (500..=504).contains(&r.code))
}

/// The note of a resume that became a full download.
fn restart_note(remote: &str, refused: &crate::error::Reply) -> String {
    let reply: String = refused.text.chars().filter(|c| !crate::text::is_unsafe(*c)).collect();
    format!("the server refused REST ({reply}); downloading {remote} from the start")
}

/// Refuses to download into a directory, to a name kept for partial downloads, and over an
/// existing file unless that is allowed.
fn check_target(local: &Path, overwrite: Overwrite) -> Result<()> {
    if is_part_name(&local.to_string_lossy()) {
        return Err(Error::Refused(format!(
            "{}: names ending in {PART_SUFFIX} are kept for partial downloads",
            local.display()
        )));
    }
    // One look at the disk per file (a batch of many small files makes each count).
    match fs::metadata(local) {
        Ok(m) if m.is_dir() => Err(Error::local(local, io::Error::other("is a directory"))),
        Ok(_) if overwrite == Overwrite::Refuse => Err(Error::WouldOverwrite(local.to_path_buf())),
        _ => Ok(()),
    }
}

/// Whether the session transfers in binary; resuming is refused in ASCII (offsets differ).
fn binary_mode(session: &Session, resume: bool) -> Result<bool> {
    let binary = session.transfer_type == TransferType::Binary;
    if resume && !binary {
        return Err(Error::NeedsBinary);
    }
    Ok(binary)
}

/// Classifies a failed download. Local errors stay local; a refusal before any data removes the
/// empty partial file; anything else keeps it for a resume.
fn keep_part(e: Error, part: &Path, offset: u64) -> Error {
    let empty = offset == 0 && part.metadata().is_ok_and(|m| m.len() == 0);
    match e {
        Error::Local { .. } => e,
        Error::Server(_) if empty => {
            let _ = fs::remove_file(part);
            e
        }
        other if empty => {
            let _ = fs::remove_file(part);
            Error::Transfer { source: Box::new(other), part: None }
        }
        other => Error::Transfer { source: Box::new(other), part: Some(part.to_path_buf()) },
    }
}

fn check_size(report: &mut Report, total: Option<u64>, have: u64, part: &Path) -> Result<()> {
    match total {
        Some(t) if t != have => Err(Error::Transfer {
            source: Box::new(Error::Short { have, total: t }),
            part: Some(part.to_path_buf()).filter(|p| p != Path::new("-")),
        }),
        Some(_) => {
            report.verified.push("size");
            Ok(())
        }
        None => Ok(()),
    }
}

/// Compares checksums; `theirs` is `None` when the server could not give one after all.
fn check_sum(
    report: &mut Report,
    algo: &'static str,
    theirs: Option<String>,
    ours: &str,
    what: &Path,
) -> Result<()> {
    let Some(theirs) = theirs else { return Ok(()) };
    if theirs != ours {
        return Err(Error::Verify(format!(
            "{algo} of {} is {ours}, the server says {theirs}",
            what.display()
        )));
    }
    report.verified.push(algo);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_from_the_server_must_be_plain() {
        assert_eq!(local_name_for("pub/docs/a.txt").unwrap(), PathBuf::from("a.txt"));
        assert_eq!(local_name_for("a b.txt").unwrap(), PathBuf::from("a b.txt"));
        assert_eq!(local_name_for("|cmd").unwrap(), PathBuf::from("|cmd"), "a pipe is just a character");
        for bad in ["..", "pub/..", "/", "", "a\\b", "x\u{1b}[2J", "a\nb", "."] {
            assert!(local_name_for(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn part_name_sits_beside_the_target() {
        assert_eq!(part_path(Path::new("/tmp/x/f.bin")), PathBuf::from("/tmp/x/f.bin.ftpsh.part"));
        assert_eq!(part_path(Path::new("f.part")), PathBuf::from("f.part.ftpsh.part"));
        assert!(is_part_name("d/f.bin.ftpsh.part") && !is_part_name("f.part") && !is_part_name("f.ftpsh"));
    }
}
