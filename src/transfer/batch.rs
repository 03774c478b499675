//! Many files at once: expanding remote globs against listings and local globs against the disk,
//! trees for `-r` (read by the one walker, [`super::walk`]), and running the resulting jobs on
//! one session or on N parallel sessions (one thread each). Errors from one file never stop the
//! others; every failure is returned, the files that moved are counted ([`Outcome`]). A glob's
//! directory listing is matched as it arrives (only the matches are kept), and each job carries
//! what the listing gave, so a download asks no SIZE, nor MDTM after an MLSD listing
//! ([`Job::listed`]). Names from the server become local paths only if they are plain names. No
//! two jobs of a batch write one name: a file matched twice is one job, and a
//! job whose receiving-side name an earlier job has is refused ([`run`]); with the partial-file
//! rule of [`super::download`] that keeps every job off every other job's names. It must not
//! print: what it leaves out is returned in [`Plan::skipped`].

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SendError, Sender, channel};

use globset::{GlobBuilder, GlobMatcher};

use super::walk::{self, Kind, Why};
use super::{GetOptions, Listed, Progress, PutMode, Report, get_file, put_file};
use crate::charset;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::listing::{Budget, EntryKind, Exceeded, Line, Listing, MEMORY_MAX, SAMPLE_CHARS, heap};
use crate::session::{Login, Session};

pub use super::walk::remote_join;

/// One file to move.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Job {
    /// The remote path.
    pub remote: String,
    /// The local path.
    pub local: PathBuf,
    /// What the remote directory's listing told of a download ([`Listed`]): it asks no SIZE
    /// (and is verified against it), and no MDTM when the listing was MLSD. Nothing for uploads
    /// and unlisted files.
    pub listed: Listed,
}

impl Job {
    /// A job for a file no listing told the size of.
    pub fn new(remote: String, local: PathBuf) -> Job {
        Job { remote, local, listed: Listed::default() }
    }
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
    /// patterns match moves once, whether or not a listing gave its size). The jobs are looked
    /// at in place, never copied.
    fn once_each(mut self) -> Plan {
        let first: Vec<bool> = {
            let mut seen = HashSet::with_capacity(self.jobs.len());
            self.jobs.iter().map(|job| seen.insert((&job.remote, &job.local))).collect()
        };
        let mut first = first.into_iter();
        self.jobs.retain(|_| first.next().unwrap_or(true));
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

/// What a batch did: how many files moved and their bytes, and every job that failed (or was
/// not started), with its error, in completion order. The jobs that succeeded are not kept: a
/// batch of many files holds no record of each (the [`Meter`] saw every one as it finished).
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files moved.
    pub moved: usize,
    /// Their bytes.
    pub bytes: u64,
    /// The jobs that failed, with why.
    pub failed: Vec<(Job, Error)>,
    /// Why a session asked for (`-P`) could not be opened, when one could not (the first such
    /// error): the jobs ran on the others.
    pub no_session: Option<Error>,
}

impl Outcome {
    fn add(&mut self, job: Job, result: Result<Report>) {
        match result {
            Ok(report) => {
                self.moved += 1;
                self.bytes += report.bytes;
            }
            Err(e) => self.failed.push((job, e)),
        }
    }
}

/// Whether a remote or local word is a pattern (`*`, `?`, `[...]`, `{a,b}`).
pub fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// `name` as a remote pattern that matches just that name: its glob characters escaped.
pub fn escape_glob(name: &str) -> String {
    name.chars().fold(String::new(), |mut out, c| {
        if "*?[]{}\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// A glob matching one name (`*` and `?` never match `/`).
pub fn matcher(pattern: &str) -> Result<GlobMatcher> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| Error::Pattern(format!("'{pattern}': {e}")))
}

/// A name in a remote directory, what it is, and its size when the listing gave one.
type Match = (String, EntryKind, Listed);

/// The directory `pattern` is in (`""`: the working directory) and the pattern of its names.
fn split_pattern(pattern: &str) -> (&str, &str) {
    match pattern.rsplit_once('/') {
        Some((d, n)) => (if d.is_empty() { "/" } else { d }, n),
        None => ("", pattern),
    }
}

/// What `pattern` matches (globs in the last component only): the directory the matches are
/// in, their names, sorted, with what each is, and what was not understood of the directory's
/// listing (where a match may hide). A pattern without glob characters is taken as one file.
/// The listing is read as it arrives and only the matches are kept (a directory of many files
/// is not held twice), within [`MEMORY_MAX`].
fn remote_matches<'p>(
    session: &mut Session,
    pattern: &'p str,
) -> Result<(&'p str, Vec<Match>, Option<String>)> {
    let (dir, name_pat) = split_pattern(pattern);
    if !has_glob(name_pat) {
        let kind = if pattern.ends_with('/') { EntryKind::Dir } else { EntryKind::File };
        let (dir, name) = split_pattern(pattern.trim_end_matches('/'));
        return Ok((dir, vec![(name.to_string(), kind, Listed::default())], None));
    }
    let m = matcher(name_pat)?;
    let hidden_too = name_pat.starts_with('.');
    let (mut found, mut budget, mut unread) = (Vec::new(), Budget::new(MEMORY_MAX), Listing::default());
    let path = session.absolute(dir);
    // Only MLSD times are exact (UTC, to the second): LIST's are left to MDTM, and not parsed.
    let exact = session.uses_mlsd();
    session.dir_lines("", Some(&path), |line| match line {
        Line::Entry(e) if m.is_match(&e.name) && (hidden_too || !e.name.starts_with('.')) => {
            let heap = heap(e.name.len());
            let time = e.modified.as_deref().filter(|_| exact).and_then(walk::parse_time);
            let listed = Listed { size: e.size, time };
            budget.push(&mut found, (e.name, e.kind, listed), heap).map_err(too_many)
        }
        Line::Entry(_) => Ok(()),
        Line::Raw(text) => {
            unread.not_understood += 1;
            if unread.raw.is_empty() {
                unread.raw.push(text.chars().take(SAMPLE_CHARS).collect());
            }
            Ok(())
        }
    })?;
    if exact && !session.uses_mlsd() {
        // MLSD was refused and the listing came from LIST after all.
        found.iter_mut().for_each(|(_, _, listed)| listed.time = None);
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.shrink_to_fit();
    let problem = unread.problem().map(|p| format!("{}: {p}", if dir.is_empty() { "." } else { dir }));
    Ok((dir, found, problem))
}

fn too_many(_: Exceeded) -> Error {
    Error::TooLarge(format!("the matches would take more than {} MiB of memory", MEMORY_MAX >> 20))
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
        let (dir, matches, problem) = remote_matches(session, pattern)?;
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
        plan.jobs.reserve_exact(matches.len());
        for (name, mut kind, listed) in matches {
            // A name given as it is (no glob, no trailing slash) may be a directory.
            let remote = remote_join(dir, &name);
            if recursive && kind == EntryKind::File && !has_glob(pattern) && session.enterable(&remote)? {
                kind = EntryKind::Dir;
            }
            add_remote(session, &mut plan, remote, (name, kind, listed), local_dir, recursive)?;
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
    (name, kind, listed): Match,
    local_dir: &Path,
    recursive: bool,
) -> Result<()> {
    match walk::classify_remote(&name, &kind) {
        Ok(Kind::Dir) if recursive => {
            return add_remote_tree(session, plan, &remote, &walk::local_path(local_dir, &name));
        }
        Ok(Kind::Dir) => plan.skipped.push(format!("{remote}: a directory (use -r)")),
        Ok(Kind::File) => plan.jobs.push(Job { local: walk::local_path(local_dir, &name), remote, listed }),
        Err(why) => plan.skipped.push(remote_note(&remote, &why)),
    }
    Ok(())
}

/// Adds the remote tree at `remote` (through the one walker) to go into `local`. A directory
/// the walker could not read completely is one of the plan's skips, so the command fails.
fn add_remote_tree(session: &mut Session, plan: &mut Plan, remote: &str, local: &Path) -> Result<()> {
    plan.dirs.push(charset::from_os(local.as_os_str()));
    let tree = walk::remote(session, remote)?;
    let exact = session.uses_mlsd();
    for e in tree.entries {
        let to = walk::local_path(local, &e.rel);
        match e.kind {
            Kind::Dir => plan.dirs.push(charset::from_os(to.as_os_str())),
            Kind::File => {
                let listed = Listed { size: e.size, time: e.modified.filter(|_| exact) };
                plan.jobs.push(Job { remote: remote_join(remote, &e.rel), local: to, listed })
            }
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
        Ok(_) => plan.jobs.push(Job::new(remote, path.to_path_buf())),
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
            Kind::File => plan.jobs.push(Job::new(to, walk::local_path(local, &e.rel))),
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
        Direction::Download(opts) => get_file(session, &job.remote, &job.local, opts, job.listed, progress),
        Direction::Upload(mode) => put_file(session, &job.local, &job.remote, mode, progress),
    }
}

/// Runs the jobs: on `session` itself when `parallel` is 1 or the jobs are worth no more
/// (`sessions_worth`), else on it and up to `parallel - 1` more sessions logged in like it
/// (`run_parallel`). Stops taking new jobs after Ctrl-C. A job whose receiving-side name an
/// earlier job has is not run (`claim`).
pub fn run(
    session: &mut Session,
    jobs: Vec<Job>,
    direction: Direction,
    parallel: usize,
    meter: &dyn Meter,
) -> Outcome {
    let (jobs, refused) = claim(jobs, direction);
    let mut outcome = Outcome::default();
    for (job, refusal) in refused {
        let refusal = Err(refusal);
        meter.finished(&job, &refusal);
        outcome.add(job, refusal);
    }
    let workers = parallel.clamp(1, sessions_worth(&jobs));
    if workers == 1 {
        run_here(session, jobs, direction, meter, &mut outcome);
        return outcome;
    }
    match session.login_info() {
        Some(login) => run_parallel(session, &login, jobs, direction, workers, meter, outcome),
        None => {
            outcome.failed.extend(jobs.into_iter().map(|j| (j, Error::NotConnected)));
            outcome
        }
    }
}

/// A listed file smaller than this is a small one ([`sessions_worth`]).
const SMALL_FILE: u64 = 1 << 20;
/// How many small files make one session's work: below that, the login of another session
/// (several round trips, and on the server a password hash) costs more than it saves.
const SMALL_SHARE: usize = 16;

/// How many sessions the jobs are worth: a file of unknown size, or of [`SMALL_FILE`] or more,
/// is one session's work, and every [`SMALL_SHARE`] small files are one. So `-P 4` on ten small
/// files logs in no other session, and is never slower than one session.
fn sessions_worth(jobs: &[Job]) -> usize {
    let small = jobs.iter().filter(|j| j.listed.size.is_some_and(|s| s < SMALL_FILE)).count();
    ((jobs.len() - small) + small.div_ceil(SMALL_SHARE)).max(1)
}

/// Gives each receiving-side name (local for downloads, remote for uploads) to the first job
/// that has it; the others are returned refused, so no two jobs ever write one file. The names
/// are looked at in place, not copied (a batch may have many files).
fn claim(jobs: Vec<Job>, direction: Direction) -> (Vec<Job>, Vec<(Job, Error)>) {
    let download = matches!(direction, Direction::Download(_));
    let mut refusals = HashMap::new();
    let mut owners: HashMap<&Path, usize> = HashMap::with_capacity(jobs.len());
    for (at, job) in jobs.iter().enumerate() {
        match owners.entry(target(job, download)) {
            Entry::Occupied(first) => {
                let first = &jobs[*first.get()];
                let (side, source) = if download {
                    ("local", first.remote.clone())
                } else {
                    ("remote", first.local.display().to_string())
                };
                let name = target(first, download).display();
                refusals.insert(at, format!("{name}: also the {side} name of {source} in this batch"));
            }
            Entry::Vacant(slot) => {
                slot.insert(at);
            }
        }
    }
    drop(owners);
    if refusals.is_empty() {
        return (jobs, Vec::new());
    }
    let (mut kept, mut refused) = (Vec::with_capacity(jobs.len() - refusals.len()), Vec::new());
    for (at, job) in jobs.into_iter().enumerate() {
        match refusals.remove(&at) {
            Some(why) => refused.push((job, Error::Refused(why))),
            None => kept.push(job),
        }
    }
    (kept, refused)
}

/// The name a job writes: its local path for a download, its remote path for an upload.
fn target(job: &Job, download: bool) -> &Path {
    if download { job.local.as_path() } else { Path::new(&job.remote) }
}

/// Runs the jobs one after the other on `session`, adding each result to `outcome`.
fn run_here(
    session: &mut Session,
    jobs: Vec<Job>,
    direction: Direction,
    meter: &dyn Meter,
    outcome: &mut Outcome,
) {
    let mut progress = meter.progress();
    for job in jobs {
        if interrupt::check().is_err() {
            break;
        }
        let result = run_one(session, &job, direction, progress.as_mut());
        meter.finished(&job, &result);
        outcome.add(job, result);
    }
}

/// Runs the jobs on `session` and `workers - 1` more sessions opened with `login`, one thread
/// each, all taking jobs from one queue and adding their results to `outcome`. `session` starts
/// at once; the others log in meanwhile, all at the same time, each on a thread of its own
/// ([`open_helpers`]), and join as they come. A session that cannot log in takes no job (the
/// first such error is [`Outcome::no_session`]). Once the queue is empty nothing waits for a
/// login still under way (that session quits as soon as it is in), so a few files never wait
/// for logins they do not need. If Ctrl-C stops the queue, the jobs left over are reported by
/// [`not_started`].
fn run_parallel(
    session: &mut Session,
    login: &Login,
    jobs: Vec<Job>,
    direction: Direction,
    workers: usize,
    meter: &dyn Meter,
    outcome: Outcome,
) -> Outcome {
    let queue = Mutex::new(VecDeque::from(jobs));
    let outcome = Mutex::new(outcome);
    let no_session = Mutex::new(None);
    let work = |own: &mut Session| {
        let mut progress = meter.progress();
        while let Some(job) = next_job(&queue) {
            let result = run_one(own, &job, direction, progress.as_mut());
            meter.finished(&job, &result);
            outcome.lock().expect("lock").add(job, result);
        }
    };
    let token = interrupt::current();
    std::thread::scope(|scope| {
        let (opened, arrivals) = open_helpers(login, workers - 1);
        scope.spawn(|| {
            interrupt::adopt(&token);
            for arrival in arrivals {
                match arrival {
                    Some(Ok(mut own)) => {
                        let token = token.clone();
                        scope.spawn(move || {
                            interrupt::adopt(&token);
                            work(&mut own);
                            own.close();
                        });
                    }
                    Some(Err(e)) => {
                        no_session.lock().expect("lock").get_or_insert(e);
                    }
                    None => break,
                }
            }
        });
        work(session);
        // The queue is empty: sessions still logging in are not waited for.
        let _ = opened.send(None);
    });
    let mut done = outcome.into_inner().expect("lock");
    let left = queue.into_inner().expect("lock");
    done.failed.extend(not_started(left, interrupt::check().err().unwrap_or(Error::Interrupted)));
    done.no_session = no_session.into_inner().expect("lock");
    done
}

/// The note for a batch (`verb`) that ran on fewer sessions than asked because one could not be
/// opened (`why`), sanitized for the terminal.
pub fn fewer_sessions(verb: &str, why: &Error) -> String {
    let why: String = why.to_string().chars().filter(|c| !crate::text::is_unsafe(*c)).collect();
    format!("{verb}: fewer sessions than asked (-P): {why}")
}

/// A session as it arrives from its login: `None` once the batch takes no more.
type Arrival = Option<Result<Session>>;

/// Starts logging in `count` sessions with `login` at the same time, each on a thread of its
/// own that is not waited for; they arrive on the receiver as they are ready. The sender is
/// for the batch to say it takes no more (`None`); a session that arrives after that, or after
/// the receiver is gone, quits at once.
fn open_helpers(login: &Login, count: usize) -> (Sender<Arrival>, Receiver<Arrival>) {
    let (tx, rx) = channel();
    let token = interrupt::current();
    for _ in 0..count {
        let (tx, login, token) = (tx.clone(), login.clone(), token.clone());
        std::thread::spawn(move || {
            interrupt::adopt(&token);
            if let Err(SendError(Some(Ok(mut late)))) = tx.send(Some(Session::open(&login))) {
                late.close();
            }
        });
    }
    (tx, rx)
}

/// The jobs no worker started, and why: the first carries `cause` itself (Ctrl-C), the others
/// [`Error::NotStarted`] with its message and exit code (errors cannot be cloned).
fn not_started(left: VecDeque<Job>, cause: Error) -> Vec<(Job, Error)> {
    let (reason, exit) = (cause.to_string(), cause.exit());
    let mut first = Some(cause);
    let mut error =
        move || first.take().unwrap_or_else(|| Error::NotStarted { reason: reason.clone(), exit });
    left.into_iter().map(|job| (job, error())).collect()
}

/// The next job of the queue, unless Ctrl-C stopped it. The queue gives back its memory as it
/// empties (the jobs move on into the outcome).
fn next_job(queue: &Mutex<VecDeque<Job>>) -> Option<Job> {
    if interrupt::check().is_err() {
        return None;
    }
    let mut queue = queue.lock().expect("queue lock");
    if queue.len() < queue.capacity() / 4 {
        queue.shrink_to_fit();
    }
    queue.pop_front()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Exit, Reply};

    fn jobs(names: &[&str]) -> VecDeque<Job> {
        names.iter().map(|n| Job::new(n.to_string(), PathBuf::from(n))).collect()
    }

    #[test]
    fn a_name_goes_to_the_first_job_that_has_it() {
        let job = |remote: &str, local: &str| Job::new(remote.into(), PathBuf::from(local));
        let jobs = vec![job("d1/a", "a"), job("d2/a", "a"), job("b", "b"), job("d1/a", "a")];
        let get = Direction::Download(GetOptions {
            resume: false,
            overwrite: super::super::Overwrite::Allow,
            keep_time: false,
        });
        let (kept, refused) = claim(jobs.clone(), get);
        assert_eq!(kept, [job("d1/a", "a"), job("b", "b")]);
        let refused: Vec<String> = refused.iter().map(|(j, e)| format!("{} {e}", j.remote)).collect();
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
        assert_eq!(refused[0].1.to_string(), "refusing: up/a: also the remote name of d1/a in this batch");
    }

    #[test]
    fn small_files_share_a_session_and_each_large_or_unknown_file_is_worth_one() {
        let sized = |n: usize, size: Option<u64>| {
            (0..n).map(move |i| Job {
                listed: Listed { size, time: None },
                ..Job::new(format!("f{i}"), PathBuf::from(format!("f{i}")))
            })
        };
        let worth = |jobs: Vec<Job>| sessions_worth(&jobs);
        assert_eq!(worth(Vec::new()), 1);
        assert_eq!(worth(sized(10, Some(4096)).collect()), 1, "ten small files: one session");
        assert_eq!(worth(sized(17, Some(4096)).collect()), 2);
        assert_eq!(worth(sized(1000, Some(4096)).collect()), 63);
        assert_eq!(worth(sized(3, Some(SMALL_FILE)).collect()), 3);
        assert_eq!(worth(sized(3, None).collect()), 3, "uploads and unlisted files");
        assert_eq!(worth(sized(2, None).chain(sized(5, Some(1))).collect()), 3);
    }

    #[test]
    fn jobs_not_started_carry_the_cause_and_its_exit_code() {
        let refused = Error::Login(Reply { code: 530, text: "530 Login incorrect".into() });
        let outcome = not_started(jobs(&["a", "b", "c"]), refused);
        let errors: Vec<_> = outcome.iter().map(|(_, e)| e).collect();
        assert!(matches!(errors[0], Error::Login(r) if r.code == 530), "{:?}", errors[0]);
        for e in &errors[1..] {
            assert_eq!(e.to_string(), "not started: login failed: 530 Login incorrect");
        }
        assert!(errors.iter().all(|e| e.exit() == Exit::Login));
        let outcome = not_started(jobs(&["a", "b"]), Error::Interrupted);
        assert!(outcome.iter().all(|(_, e)| e.exit() == Exit::Interrupted));
        assert!(not_started(VecDeque::new(), Error::Interrupted).is_empty());
    }
}
