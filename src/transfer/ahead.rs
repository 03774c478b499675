//! Creating partial files one job ahead. On many filesystems creating a file costs far more
//! than writing 4 KiB into it (ext4 allocating an inode, the directory entry), and a batch of
//! small files pays it once per file while the network waits. [`each`] runs a batch's jobs one
//! after the other and, while one runs, creates the next one's empty `NAME.ftpsh.part` on a
//! thread of its own, so the download finds it there and only opens it.
//!
//! It only ever creates a partial file that did not exist, for a fresh download whose target
//! does not exist either (so nothing is replaced or truncated here), and it has finished with a
//! job before that job starts (so it never races the download or its rename). A partial file it
//! created that is still empty once its job has run (the job failed before any data, and the
//! download removes such a file itself, save when the target appeared meanwhile and was
//! refused) is removed. It decides nothing about transfers and never prints.

use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::batch::{Direction, Job};
use super::{is_part_name, part_path};

/// The largest file whose job lets the next one be taken early: a worker of a parallel batch
/// holds that next job meanwhile, which must not wait behind a long transfer.
const SMALL: u64 = 1 << 20;

/// Runs `run` on each job `next` gives, in order. While a small job runs, the next one is
/// already taken and its partial file created on another thread (downloads only, not resumes).
pub(super) fn each(direction: Direction, mut next: impl FnMut() -> Option<Job>, mut run: impl FnMut(Job)) {
    let fresh = matches!(direction, Direction::Download(opts) if !opts.resume);
    if !fresh {
        while let Some(job) = next() {
            run(job);
        }
        return;
    }
    let (to_make, made_rx) = (channel::<PathBuf>(), channel::<Option<PathBuf>>());
    std::thread::scope(|scope| {
        let (made, wanted) = (made_rx.0, to_make.1);
        scope.spawn(move || make_parts(&wanted, &made));
        let ask = |job: &Job| to_make.0.send(job.local.clone()).is_ok();
        let mut waiting = false;
        let mut upcoming = next();
        while let Some(job) = upcoming.take() {
            let made = if waiting { made_rx.1.recv().ok().flatten() } else { None };
            waiting = false;
            if job.size.is_some_and(|s| s <= SMALL) {
                upcoming = next();
                waiting = upcoming.as_ref().is_some_and(|n| ask(n));
            }
            run(job);
            if let Some(part) = made.filter(|p| fs::metadata(p).is_ok_and(|m| m.len() == 0)) {
                let _ = fs::remove_file(part);
            }
            if upcoming.is_none() {
                upcoming = next();
            }
        }
        drop(to_make.0);
    });
}

/// The thread that creates the partial files of the targets asked for, only where neither the
/// target nor its partial file exists, and says for each when it is done and what it created.
fn make_parts(wanted: &Receiver<PathBuf>, made: &Sender<Option<PathBuf>>) {
    for local in wanted {
        let absent = matches!(fs::symlink_metadata(&local), Err(e) if e.kind() == ErrorKind::NotFound);
        let part = (absent && !is_part_name(&local.to_string_lossy())).then(|| part_path(&local));
        let created = part.filter(|p| OpenOptions::new().write(true).create_new(true).open(p).is_ok());
        if made.send(created).is_err() {
            return;
        }
    }
}
