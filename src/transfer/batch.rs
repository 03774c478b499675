//! Many files at once: expanding remote globs against listings and local globs against the disk,
//! trees for `-r` (read by the one walker, [`super::walk`]), and running the resulting jobs on
//! one session or on N parallel sessions (one thread each). Errors from one file never stop the
//! others; every outcome is returned. Names from the server become local paths only if they are
//! plain names. No two jobs of a batch write one name: a file matched twice is one job, and a
//! job whose receiving-side name an earlier job has is refused ([`run`]); with the partial-file
//! rule of [`super::download`] that keeps every job off every other job's names. It must not
//! print: what it leaves out is returned in [`Plan::skipped`].

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{GlobBuilder, GlobMatcher};

use super::walk::{self, Kind, Why};
use super::{GetOptions, Progress, PutMode, Report, get_file, put_file};
use crate::charset;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::listing::EntryKind;
use crate::session::{Login, Session};

pub use super::walk::remote_join;

/// One file to move.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Job {
    /// The remote path.
    pub remote: String,
    /// The local path.
    pub local: PathBuf,
}

/// What a batch command will do: directories to create first, files to move, and what was
/// skipped (with the reason) while planning.
#[derive(Debug, Default)]
pub struct Plan {
    /// Directories to create on the receiving side (local paths, or remote paths for uploads).
    pub dirs: Vec<String>,
    /// The files, in order.
    pub jobs: Vec<Job>,
    /// Human-readable reasons for what was left out.
    pub skipped: Vec<String>,
}

impl Plan {
    /// The plan with every job after its first occurrence left out (a file that several
    /// patterns match moves once).
    fn once_each(mut self) -> Plan {
        let mut seen = HashSet::new();
        self.jobs.retain(|job| seen.insert(job.clone()));
        self
    }
}

/// Which way a batch goes.
#[derive(Debug, Clone, Copy)]
pub enum Direction {
    /// Server to local disk.
    Download(GetOptions),
    /// Local disk to server.
    Upload(PutMode),
}

/// Shows a batch: one [`Progress`] per worker and a note per finished file.
pub trait Meter: Sync {
    /// A progress display for one worker's transfers.
    fn progress(&self) -> Box<dyn Progress + Send>;
    /// One file finished, well or not.
    fn finished(&self, job: &Job, result: &Result<Report>);
}

/// The outcome of every job of a batch, in completion order.
pub type Outcome = Vec<(Job, Result<Report>)>;

fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// A glob matching one name (`*` and `?` never match `/`).
pub fn matcher(pattern: &str) -> Result<GlobMatcher> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| Error::Pattern(format!("'{pattern}': {e}")))
}

/// A remote path, its name, and what it is.
type Match = (String, String, EntryKind);

/// Remote paths matching `pattern` (globs in the last component only), with whether each is a
/// directory, and what was not understood of the directory's listing (where a match may hide).
/// A pattern without glob characters is taken as one file.
fn remote_matches(session: &mut Session, pattern: &str) -> Result<(Vec<Match>, Option<String>)> {
    let (dir, name_pat) = match pattern.rsplit_once('/') {
        Some((d, n)) => (if d.is_empty() { "/" } else { d }, n),
        None => ("", pattern),
    };
    if !has_glob(name_pat) {
        let kind = if pattern.ends_with('/') { EntryKind::Dir } else { EntryKind::File };
        let name = pattern.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string();
        return Ok((vec![(pattern.trim_end_matches('/').to_string(), name, kind)], None));
    }
    let m = matcher(name_pat)?;
    let entries = session.entries(dir)?;
    let found = entries
        .iter()
        .filter(|e| m.is_match(&e.name) && (name_pat.starts_with('.') || !e.name.starts_with('.')));
    let mut found: Vec<_> =
        found.map(|e| (remote_join(dir, &e.name), e.name.clone(), e.kind.clone())).collect();
    found.sort_by(|a, b| a.1.cmp(&b.1));
    let problem = entries.problem().map(|p| format!("{}: {p}", if dir.is_empty() { "." } else { dir }));
    Ok((found, problem))
}

/// Plans downloading what `patterns` match into `local_dir`; directories only with `recursive`.
pub fn plan_downloads(
    session: &mut Session,
    patterns: &[String],
    recursive: bool,
    local_dir: &Path,
) -> Result<Plan> {
    plan_matches(session, patterns, recursive, local_dir, false)
}

/// Plans deleting the remote files that `patterns` match. A directory whose listing has lines
/// ftpsh did not understand is unknown: nothing is deleted there (it is one of the skips).
pub fn plan_deletes(session: &mut Session, patterns: &[String]) -> Result<Plan> {
    plan_matches(session, patterns, false, Path::new("."), true)
}

/// The jobs for what `patterns` match (see [`plan_downloads`]); when `deleting`, none from a
/// directory not understood completely.
fn plan_matches(
    session: &mut Session,
    patterns: &[String],
    recursive: bool,
    local_dir: &Path,
    deleting: bool,
) -> Result<Plan> {
    let mut plan = Plan::default();
    for pattern in patterns {
        let (matches, problem) = remote_matches(session, pattern)?;
        match problem {
            Some(p) if deleting => {
                plan.skipped.push(format!("{p}; nothing deleted there"));
                continue;
            }
            Some(p) => plan.skipped.push(format!("{p}; files there may be missing")),
            None => {}
        }
        if matches.is_empty() {
            plan.skipped.push(format!("{pattern}: no match"));
        }
        for (remote, name, mut kind) in matches {
            // A name given as it is (no glob, no trailing slash) may be a directory.
            if recursive && kind == EntryKind::File && !has_glob(pattern) && session.enterable(&remote)? {
                kind = EntryKind::Dir;
            }
            add_remote(session, &mut plan, remote, &name, kind, local_dir, recursive)?;
        }
    }
    Ok(plan.once_each())
}

/// Plans downloading the tree at `remote` into `local` (which becomes the tree's root).
pub fn plan_tree_download(session: &mut Session, remote: &str, local: &Path) -> Result<Plan> {
    let mut plan = Plan::default();
    add_remote_tree(session, &mut plan, remote, local)?;
    Ok(plan.once_each())
}

fn add_remote(
    session: &mut Session,
    plan: &mut Plan,
    remote: String,
    name: &str,
    kind: EntryKind,
    local_dir: &Path,
    recursive: bool,
) -> Result<()> {
    match walk::classify_remote(name, &kind) {
        Ok(Kind::Dir) if recursive => {
            return add_remote_tree(session, plan, &remote, &walk::local_path(local_dir, name));
        }
        Ok(Kind::Dir) => plan.skipped.push(format!("{remote}: a directory (use -r)")),
        Ok(Kind::File) => plan.jobs.push(Job { local: walk::local_path(local_dir, name), remote }),
        Err(why) => plan.skipped.push(remote_note(&remote, &why)),
    }
    Ok(())
}

/// Adds the remote tree at `remote` (through the one walker) to go into `local`. A directory
/// the walker could not read completely is one of the plan's skips, so the command fails.
fn add_remote_tree(session: &mut Session, plan: &mut Plan, remote: &str, local: &Path) -> Result<()> {
    plan.dirs.push(charset::from_os(local.as_os_str()));
    let tree = walk::remote(session, remote)?;
    for e in tree.entries {
        let to = walk::local_path(local, &e.rel);
        match e.kind {
            Kind::Dir => plan.dirs.push(charset::from_os(to.as_os_str())),
            Kind::File => plan.jobs.push(Job { remote: remote_join(remote, &e.rel), local: to }),
        }
    }
    let notes = tree.skipped.iter().map(|s| remote_note(&walk::remote_path(remote, &s.rel), &s.why));
    plan.skipped.extend(notes);
    Ok(())
}

/// Why a remote entry at `path` is not downloaded (or a directory not completely).
fn remote_note(path: &str, why: &Why) -> String {
    match why {
        Why::NotPlain(e) => e.to_string(),
        why => format!("{path}: {why}"),
    }
}

/// Plans uploading what the local `patterns` match into `remote_dir`; directories only with
/// `recursive`.
pub fn plan_uploads(patterns: &[String], recursive: bool, remote_dir: &str) -> Result<Plan> {
    let mut plan = Plan::default();
    for pattern in patterns {
        let paths: Vec<PathBuf> = if has_glob(pattern) {
            let found = glob::glob(pattern).map_err(|e| Error::Pattern(format!("'{pattern}': {e}")))?;
            found.flatten().collect()
        } else {
            vec![PathBuf::from(pattern)]
        };
        if paths.is_empty() {
            plan.skipped.push(format!("{pattern}: no match"));
        }
        for path in paths {
            add_local(&mut plan, &path, remote_dir, recursive)?;
        }
    }
    Ok(plan.once_each())
}

/// Plans uploading the local tree at `local` to `remote` (which becomes the tree's root).
pub fn plan_tree_upload(local: &Path, remote: &str) -> Result<Plan> {
    let mut plan = Plan::default();
    add_local_tree(&mut plan, local, remote)?;
    Ok(plan.once_each())
}

/// A path the user named (or a local glob matched): taken as given, a link is followed.
fn add_local(plan: &mut Plan, path: &Path, remote_dir: &str, recursive: bool) -> Result<()> {
    let Some(name) = path.file_name().map(charset::from_os) else {
        plan.skipped.push(format!("{}: not a file name", path.display()));
        return Ok(());
    };
    let remote = remote_join(remote_dir, &name);
    match path.metadata() {
        Ok(m) if m.is_dir() && recursive => return add_local_tree(plan, path, &remote),
        Ok(m) if m.is_dir() => plan.skipped.push(format!("{}: a directory (use -r)", path.display())),
        Ok(_) => plan.jobs.push(Job { remote, local: path.to_path_buf() }),
        Err(e) => plan.skipped.push(format!("{}: {e}", path.display())),
    }
    Ok(())
}

/// Adds the local tree at `local` (through the one walker) to go into `remote`.
fn add_local_tree(plan: &mut Plan, local: &Path, remote: &str) -> Result<()> {
    plan.dirs.push(remote.to_string());
    let tree = walk::local(local)?;
    for e in tree.entries {
        let to = remote_join(remote, &e.rel);
        match e.kind {
            Kind::Dir => plan.dirs.push(to),
            Kind::File => plan.jobs.push(Job { remote: to, local: walk::local_path(local, &e.rel) }),
        }
    }
    let notes = tree.skipped.iter().map(|s| local_note(&walk::local_path(local, &s.rel), &s.why));
    plan.skipped.extend(notes);
    Ok(())
}

/// Why a local entry at `path` is not uploaded (a local error names its path itself).
fn local_note(path: &Path, why: &Why) -> String {
    match why {
        Why::Unreadable(e @ Error::Local { .. }) => e.to_string(),
        why => format!("{}: {why}", path.display()),
    }
}

/// Creates the plan's directories on the receiving side. Remote ones that already exist are fine.
pub fn make_dirs(session: &mut Session, plan: &Plan, direction: Direction) -> Result<()> {
    for dir in &plan.dirs {
        match direction {
            Direction::Download(_) => {
                std::fs::create_dir_all(charset::to_os(dir)).map_err(|e| Error::local(dir, e))?;
            }
            Direction::Upload(_) => match session.mkdir(dir) {
                Ok(()) | Err(Error::Server(_)) => {}
                Err(e) => return Err(e),
            },
        }
    }
    Ok(())
}

fn run_one(
    session: &mut Session,
    job: &Job,
    direction: Direction,
    progress: &mut dyn Progress,
) -> Result<Report> {
    match direction {
        Direction::Download(opts) => get_file(session, &job.remote, &job.local, opts, progress),
        Direction::Upload(mode) => put_file(session, &job.local, &job.remote, mode, progress),
    }
}

/// Runs the jobs: on `session` itself when `parallel` is 1, else on up to `parallel` new
/// sessions logged in like it, one thread each. Stops taking new jobs after Ctrl-C. A job whose
/// receiving-side name an earlier job has is not run (`claim`).
pub fn run(
    session: &mut Session,
    jobs: Vec<Job>,
    direction: Direction,
    parallel: usize,
    meter: &dyn Meter,
) -> Outcome {
    let (jobs, mut outcome) = claim(jobs, direction);
    for (job, refusal) in &outcome {
        meter.finished(job, refusal);
    }
    let workers = parallel.clamp(1, jobs.len().max(1));
    outcome.extend(if workers == 1 {
        run_here(session, jobs, direction, meter)
    } else {
        match session.login_info() {
            Some(login) => run_parallel(&login, jobs, direction, workers, meter),
            None => jobs.into_iter().map(|j| (j, Err(Error::NotConnected))).collect(),
        }
    });
    outcome
}

/// Gives each receiving-side name (local for downloads, remote for uploads) to the first job
/// that has it; the others are returned refused, so no two jobs ever write one file.
fn claim(jobs: Vec<Job>, direction: Direction) -> (Vec<Job>, Outcome) {
    let mut owners: HashMap<PathBuf, String> = HashMap::new();
    let (mut kept, mut refused) = (Vec::new(), Vec::new());
    for job in jobs {
        let (target, side, source) = match direction {
            Direction::Download(_) => (job.local.clone(), "local", job.remote.clone()),
            Direction::Upload(_) => (PathBuf::from(&job.remote), "remote", job.local.display().to_string()),
        };
        match owners.entry(target) {
            Entry::Occupied(first) => {
                let why = format!(
                    "{}: also the {side} name of {} in this batch",
                    first.key().display(),
                    first.get()
                );
                refused.push((job, Err(Error::Refused(why))));
            }
            Entry::Vacant(slot) => {
                slot.insert(source);
                kept.push(job);
            }
        }
    }
    (kept, refused)
}

/// Runs the jobs one after the other on `session`.
fn run_here(session: &mut Session, jobs: Vec<Job>, direction: Direction, meter: &dyn Meter) -> Outcome {
    let mut progress = meter.progress();
    let mut outcome = Vec::new();
    for job in jobs {
        if interrupt::check().is_err() {
            break;
        }
        let result = run_one(session, &job, direction, progress.as_mut());
        meter.finished(&job, &result);
        outcome.push((job, result));
    }
    outcome
}

/// Runs the jobs on `workers` sessions opened with `login`, one thread each, taking jobs from
/// one queue. A worker that cannot open its session takes none; if none can, or Ctrl-C stops
/// the queue, the jobs left over are reported by [`not_started`].
fn run_parallel(
    login: &Login,
    jobs: Vec<Job>,
    direction: Direction,
    workers: usize,
    meter: &dyn Meter,
) -> Outcome {
    let queue = Mutex::new(VecDeque::from(jobs));
    let outcome = Mutex::new(Vec::new());
    let first_failure = Mutex::new(None);
    let token = interrupt::current();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                interrupt::adopt(&token);
                let mut own = match Session::open(login) {
                    Ok(s) => s,
                    Err(e) => {
                        first_failure.lock().expect("lock").get_or_insert(e);
                        return;
                    }
                };
                let mut progress = meter.progress();
                while let Some(job) = next_job(&queue) {
                    let result = run_one(&mut own, &job, direction, progress.as_mut());
                    meter.finished(&job, &result);
                    outcome.lock().expect("lock").push((job, result));
                }
                own.close();
            });
        }
    });
    let mut done = outcome.into_inner().expect("lock");
    let left = queue.into_inner().expect("lock");
    let cause = interrupt::check().err().or(first_failure.into_inner().expect("lock"));
    done.extend(not_started(left, cause.unwrap_or(Error::Interrupted)));
    done
}

/// The jobs no worker started, and why: the first carries `cause` itself (the error that kept
/// the workers from logging in, or Ctrl-C), the others [`Error::NotStarted`] with its message and
/// exit code (errors cannot be cloned).
fn not_started(left: VecDeque<Job>, cause: Error) -> Outcome {
    let (reason, exit) = (cause.to_string(), cause.exit());
    let mut first = Some(cause);
    let mut error =
        move || first.take().unwrap_or_else(|| Error::NotStarted { reason: reason.clone(), exit });
    left.into_iter().map(|job| (job, Err(error()))).collect()
}

fn next_job(queue: &Mutex<VecDeque<Job>>) -> Option<Job> {
    if interrupt::check().is_err() {
        return None;
    }
    queue.lock().expect("queue lock").pop_front()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Exit, Reply};

    fn jobs(names: &[&str]) -> VecDeque<Job> {
        names.iter().map(|n| Job { remote: n.to_string(), local: PathBuf::from(n) }).collect()
    }

    #[test]
    fn a_name_goes_to_the_first_job_that_has_it() {
        let job = |remote: &str, local: &str| Job { remote: remote.into(), local: PathBuf::from(local) };
        let jobs = vec![job("d1/a", "a"), job("d2/a", "a"), job("b", "b"), job("d1/a", "a")];
        let get = Direction::Download(GetOptions {
            resume: false,
            overwrite: super::super::Overwrite::Allow,
            keep_time: false,
        });
        let (kept, refused) = claim(jobs.clone(), get);
        assert_eq!(kept, [job("d1/a", "a"), job("b", "b")]);
        let refused: Vec<String> =
            refused.iter().map(|(j, r)| format!("{} {}", j.remote, r.as_ref().unwrap_err())).collect();
        assert_eq!(
            refused,
            [
                "d2/a refusing: a: also the local name of d1/a in this batch",
                "d1/a refusing: a: also the local name of d1/a in this batch"
            ]
        );
        let uploads = vec![job("up/a", "d1/a"), job("up/a", "d2/a"), job("up/b", "d1/a")];
        let (kept, refused) = claim(uploads, Direction::Upload(PutMode::Replace));
        assert_eq!(kept.len(), 2);
        assert_eq!(
            refused[0].1.as_ref().unwrap_err().to_string(),
            "refusing: up/a: also the remote name of d1/a in this batch"
        );
    }

    #[test]
    fn jobs_not_started_carry_the_cause_and_its_exit_code() {
        let refused = Error::Login(Reply { code: 530, text: "530 Login incorrect".into() });
        let outcome = not_started(jobs(&["a", "b", "c"]), refused);
        let errors: Vec<_> = outcome.iter().map(|(_, r)| r.as_ref().unwrap_err()).collect();
        assert!(matches!(errors[0], Error::Login(r) if r.code == 530), "{:?}", errors[0]);
        for e in &errors[1..] {
            assert_eq!(e.to_string(), "not started: login failed: 530 Login incorrect");
        }
        assert!(errors.iter().all(|e| e.exit() == Exit::Login));
        let outcome = not_started(jobs(&["a", "b"]), Error::Interrupted);
        assert!(outcome.iter().all(|(_, r)| r.as_ref().unwrap_err().exit() == Exit::Interrupted));
        assert!(not_started(VecDeque::new(), Error::Interrupted).is_empty());
    }
}
