//! The one retry policy for single files: a transfer that breaks off in a way that may pass is
//! tried again after a pause, on a revived connection, and the retry continues where the broken
//! attempt stopped. [`get_file`] and [`put_file`] are what commands and batches call; each is
//! one entry in the transfer log ([`super::log`]), however many attempts it took.
//!
//! It must not know how a file is moved or verified (that is [`super::download`] and
//! [`super::upload`]), nor print.

use std::path::Path;
use std::time::Duration;

use super::log::{Direction, logged};
use super::{GetOptions, Listed, Progress, PutMode, Report, download, upload};
use crate::error::Result;
use crate::interrupt;
use crate::session::{Session, TransferType};

/// Runs a transfer. When it breaks off in a way that may pass (a lost or stalled connection,
/// data that stopped short), waits (1, 2, 4... s, at most 30), reconnects if the control
/// connection went too, and tries again with `again` set, so the attempt resumes; at most
/// `retries` times (the setting). Ctrl-C ends it at once, also during the wait. A reconnect that
/// fails for good (a TLS refusal, a login refused) ends it with that error.
pub fn with_retries<T>(
    session: &mut Session,
    mut attempt: impl FnMut(&mut Session, bool) -> Result<T>,
) -> Result<T> {
    let mut tries = 0;
    loop {
        match attempt(session, tries > 0) {
            Err(e) if tries < session.net().retries && e.is_retryable() && interrupt::check().is_ok() => {
                tries += 1;
                pause(Duration::from_secs((1u64 << (tries - 1).min(5)).min(30)))?;
                if !session.is_connected()
                    && let Some(Err(e)) = session.revive()
                    && !e.is_retryable()
                {
                    return Err(e);
                }
            }
            other => return other,
        }
    }
}

/// Sleeps `time`, or less when Ctrl-C is pressed meanwhile (then `Interrupted`).
fn pause(time: Duration) -> Result<()> {
    let end = std::time::Instant::now() + time;
    while let Some(left) = end.checked_duration_since(std::time::Instant::now()).filter(|l| !l.is_zero()) {
        interrupt::check()?;
        std::thread::sleep(left.min(Duration::from_millis(100)));
    }
    interrupt::check()
}

/// Downloads `remote` to `local` through its partial file ([`download`]), retrying as
/// [`with_retries`] says; a retry resumes the partial file with REST in binary mode and starts
/// over in ASCII mode (where offsets differ). `listed` is the size the directory's listing gave
/// (see [`download`]); a retry asks the server (SIZE) instead, as the file may have changed since
/// it was listed.
pub fn get_file(
    session: &mut Session,
    remote: &str,
    local: &Path,
    opts: GetOptions,
    listed: Listed,
    progress: &mut dyn Progress,
) -> Result<Report> {
    logged(session, Direction::Download, (remote, local), progress, |session, progress| {
        with_retries(session, |s, again| {
            let resume = opts.resume || (again && s.transfer_type == TransferType::Binary);
            download(
                s,
                remote,
                local,
                GetOptions { resume, ..opts },
                if again { Listed::default() } else { listed },
                progress,
            )
        })
    })
}

/// Uploads `local` to `remote` as `mode` says ([`upload`]), retrying as [`with_retries`] says; a
/// retry continues from the server's size in binary mode and repeats `mode` in ASCII mode
/// (where offsets differ), except an ASCII append: repeating it could append twice, so it is
/// tried once.
pub fn put_file(
    session: &mut Session,
    local: &Path,
    remote: &str,
    mode: PutMode,
    progress: &mut dyn Progress,
) -> Result<Report> {
    logged(session, Direction::Upload, (remote, local), progress, |session, progress| {
        // An ASCII append cannot be resumed, and trying it again would append twice.
        if mode == PutMode::Append && session.transfer_type == TransferType::Ascii {
            return upload(session, local, remote, mode, progress);
        }
        with_retries(session, |s, again| {
            let resume = again && s.transfer_type == TransferType::Binary;
            upload(s, local, remote, if resume { PutMode::Resume } else { mode }, progress)
        })
    })
}
