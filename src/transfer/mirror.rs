//! `mirror`: makes a target tree match a source tree, in either direction. Both sides are scanned
//! first (a failed scan stops everything), compared by size and modification time, and only what
//! differs moves, through the batch engine (verification, partial files, parallel sessions).
//! `--delete` removes what the source lacks, only inside the target, never when the source came
//! back empty while the target is not, and never through a symbolic link. Both trees are read
//! by the one walker ([`super::walk`]). A root that cannot be read stops the plan; below it,
//! whatever either side left out (a link, an unsafe name, a directory not read completely) is
//! protected: `--delete` removes nothing at or below its path, since the source may well have
//! it. Directories not read completely are counted in [`Plan::unknown`], and the command fails.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::time::{Duration, SystemTime};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::batch::{self, Direction, Job, Meter, Outcome};
use super::walk::{self, Kind, local_path};
use super::{GetOptions, Listed, Overwrite, PutMode};
use crate::error::{Error, Result};
use crate::session::Session;

/// Times closer than this count as equal: LIST and MLSD as parsed carry minutes only.
const TOLERANCE: Duration = Duration::from_secs(60);

/// How to mirror.
#[derive(Debug, Clone, Default)]
pub struct MirrorOptions {
    /// Local to remote (`-R`) instead of remote to local.
    pub reverse: bool,
    /// Copy only files that are newer on the source side.
    pub only_newer: bool,
    /// Continue partial files (`NAME.ftpsh.part` locally, the remote size remotely).
    pub resume: bool,
    /// Glob patterns of relative paths to leave out.
    pub exclude: Vec<String>,
    /// If any, only relative paths matching one of these are considered.
    pub include: Vec<String>,
    /// Sessions for the copies.
    pub parallel: usize,
    /// Show the plan, change nothing.
    pub dry_run: bool,
    /// Remove target files and directories the source does not have.
    pub delete: bool,
}

/// One side's files and directories, by relative path (`/`-separated), and the paths it left
/// out (see the module docs).
#[derive(Debug, Default)]
struct Side {
    /// Size (when known) and modification time (when known) by path.
    files: BTreeMap<String, (Option<u64>, Option<SystemTime>)>,
    dirs: Vec<String>,
    left_out: BTreeSet<String>,
}

/// What a mirror will do (and, after it ran, what happened).
#[derive(Debug, Default)]
pub struct Plan {
    /// Directories to create on the target side.
    pub mkdirs: Vec<String>,
    /// Files missing on the target side, with what the source side's listing told of them (a
    /// download asks no SIZE, and no MDTM when the time is exact: see [`Listed`]).
    pub new: Vec<(String, Listed)>,
    /// Files that differ, as `new`.
    pub changed: Vec<(String, Listed)>,
    /// Files already the same.
    pub same: usize,
    /// Bytes of the files to copy.
    pub bytes: u64,
    /// Target files to delete (with `--delete`).
    pub delete_files: Vec<String>,
    /// Target directories to delete, deepest first.
    pub delete_dirs: Vec<String>,
    /// What was left out while scanning, and why.
    pub skipped: Vec<String>,
    /// How many directories, on either side, were not read completely (nothing was deleted
    /// inside them).
    pub unknown: usize,
}

/// The result of running a plan.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files copied (new and changed) and their bytes.
    pub copied: usize,
    pub bytes: u64,
    /// Files deleted.
    pub deleted: usize,
    /// Failures, each with its path.
    pub failed: Vec<(String, Error)>,
    /// Uploads whose modification time the server could not take (no MFMT, no SITE UTIME).
    pub times_not_kept: usize,
    /// Why a session asked for (`-P`) could not be opened ([`Outcome::no_session`]).
    pub no_session: Option<Error>,
}

/// Compares `remote` and `local` and returns the plan.
pub fn plan(session: &mut Session, remote: &str, local: &Path, opts: &MirrorOptions) -> Result<Plan> {
    let filter = Filter::new(opts)?;
    let mut plan = Plan::default();
    let walked = walk::remote(session, remote)?.readable();
    // A remote target that could not be read and that the server will not let ftpsh into does
    // not exist yet, whatever the refusal says (550, ftp-srv's 451, or `ls` errors as the
    // listing from servers that hand the path to `ls`): it is empty, and created. A missing
    // source is an error.
    let unread = match &walked {
        Err(Error::Server(_)) => true,
        Ok(tree) => tree.unknown().any(str::is_empty),
        Err(_) => false,
    };
    let remote_tree = if opts.reverse && unread && !session.enterable(remote)? {
        Side::default()
    } else {
        side(walked?, &filter, false, &mut plan)
    };
    let local_tree = if local.exists() {
        side(walk::local(local)?.readable()?, &filter, true, &mut plan)
    } else {
        Side::default()
    };
    let (source, target) =
        if opts.reverse { (&local_tree, &remote_tree) } else { (&remote_tree, &local_tree) };
    let empty = source.files.is_empty() && source.dirs.is_empty() && !source.left_out.contains("");
    if opts.delete && empty && !target.files.is_empty() {
        return Err(Error::Refused(
            "--delete: the source is empty but the target is not (it would empty the target)".into(),
        ));
    }
    compare(source, target, opts, &mut plan);
    if opts.reverse || !session.uses_mlsd() {
        // Local times are for the comparison only; LIST times are the server's, to the minute.
        plan.new.iter_mut().chain(plan.changed.iter_mut()).for_each(|(_, listed)| listed.time = None);
    }
    Ok(plan)
}

fn compare(source: &Side, target: &Side, opts: &MirrorOptions, plan: &mut Plan) {
    plan.mkdirs = source.dirs.iter().filter(|d| !target.dirs.contains(d)).cloned().collect();
    for (path, (size, time)) in &source.files {
        let listed = Listed { size: *size, time: *time };
        match target.files.get(path) {
            None => plan.new.push((path.clone(), listed)),
            Some((tsize, ttime)) if differs((*size, *time), (*tsize, *ttime), opts.only_newer) => {
                plan.changed.push((path.clone(), listed))
            }
            Some(_) => {
                plan.same += 1;
                continue;
            }
        }
        plan.bytes += size.unwrap_or(0);
    }
    if opts.delete {
        let gone = |p: &&String| !left_out(source, p) && !left_out(target, p);
        let files = target.files.keys().filter(|p| !source.files.contains_key(*p));
        plan.delete_files = files.filter(gone).cloned().collect();
        let mut dirs: Vec<String> =
            target.dirs.iter().filter(|d| !source.dirs.contains(d)).filter(gone).cloned().collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        plan.delete_dirs = dirs;
    }
}

/// Whether `path`, or a directory above it, is one `side` left out.
fn left_out(side: &Side, path: &str) -> bool {
    let above = path.match_indices('/').map(|(i, _)| &path[..i]);
    [""].into_iter().chain(above).chain([path]).any(|p| side.left_out.contains(p))
}

/// Whether a source file must be copied over its target copy.
fn differs(
    source: (Option<u64>, Option<SystemTime>),
    target: (Option<u64>, Option<SystemTime>),
    only_newer: bool,
) -> bool {
    let newer = match (source.1, target.1) {
        (Some(s), Some(t)) => s > t + TOLERANCE,
        _ => false,
    };
    if only_newer { newer } else { source.0 != target.0 || newer }
}

/// Runs the plan: directories, copies (through the batch engine), then deletions.
pub fn run(
    session: &mut Session,
    remote: &str,
    local: &Path,
    plan: &Plan,
    opts: &MirrorOptions,
    meter: &dyn Meter,
) -> Summary {
    let mut summary = Summary::default();
    let join_remote = |rel: &str| batch::remote_join(remote, rel);
    let root = if opts.reverse {
        session.mkdir(remote).or_else(|e| if matches!(e, Error::Server(_)) { Ok(()) } else { Err(e) })
    } else {
        std::fs::create_dir_all(local).map_err(|e| Error::local(local, e))
    };
    if let Err(e) = root {
        summary.failed.push((String::new(), e));
        return summary;
    }
    for dir in &plan.mkdirs {
        let made = if opts.reverse {
            session
                .mkdir(&join_remote(dir))
                .or_else(|e| if matches!(e, Error::Server(_)) { Ok(()) } else { Err(e) })
        } else {
            std::fs::create_dir_all(local_path(local, dir))
                .map_err(|e| Error::local(local_path(local, dir), e))
        };
        if let Err(e) = made {
            summary.failed.push((dir.clone(), e));
        }
    }
    let jobs: Vec<Job> = plan
        .new
        .iter()
        .chain(&plan.changed)
        .map(|(rel, listed)| Job {
            remote: join_remote(rel),
            local: local_path(local, rel),
            listed: if opts.reverse { Listed::default() } else { *listed },
        })
        .collect();
    let direction = if opts.reverse {
        Direction::Upload(if opts.resume { PutMode::Resume } else { PutMode::Replace })
    } else {
        Direction::Download(GetOptions { resume: opts.resume, overwrite: Overwrite::Allow, keep_time: true })
    };
    let outcome: Outcome = batch::run(session, jobs, direction, opts.parallel.max(1), meter);
    (summary.copied, summary.bytes, summary.no_session) = (outcome.moved, outcome.bytes, outcome.no_session);
    let failed: HashSet<&str> = outcome.failed.iter().map(|(job, _)| job.remote.as_str()).collect();
    // Uploads that arrived get their local times (the outcome keeps only the failures).
    for (rel, _) in plan.new.iter().chain(&plan.changed).filter(|_| opts.reverse) {
        let remote = join_remote(rel);
        if !failed.contains(remote.as_str()) {
            keep_time(session, &remote, &local_path(local, rel), &mut summary);
        }
    }
    drop(failed);
    summary.failed.extend(outcome.failed.into_iter().map(|(job, e)| (job.remote, e)));
    delete(session, remote, local, plan, opts, &mut summary);
    summary
}

/// Gives an uploaded file its local modification time on the server, where it can.
fn keep_time(session: &mut Session, remote: &str, local: &Path, summary: &mut Summary) {
    let Ok(time) = local.metadata().and_then(|m| m.modified()) else { return };
    match session.set_mtime(remote, time) {
        Ok(true) => {}
        Ok(false) => summary.times_not_kept += 1,
        Err(e) => summary.failed.push((remote.to_string(), e)),
    }
}

fn delete(
    session: &mut Session,
    remote: &str,
    local: &Path,
    plan: &Plan,
    opts: &MirrorOptions,
    summary: &mut Summary,
) {
    for rel in &plan.delete_files {
        let done = if opts.reverse {
            session.delete(&batch::remote_join(remote, rel))
        } else {
            std::fs::remove_file(local_path(local, rel)).map_err(|e| Error::local(local_path(local, rel), e))
        };
        match done {
            Ok(()) => summary.deleted += 1,
            Err(e) => summary.failed.push((rel.clone(), e)),
        }
    }
    for rel in &plan.delete_dirs {
        let done = if opts.reverse {
            session.rmdir(&batch::remote_join(remote, rel))
        } else {
            std::fs::remove_dir(local_path(local, rel)).map_err(|e| Error::local(local_path(local, rel), e))
        };
        if let Err(e) = done {
            summary.failed.push((rel.clone(), e));
        }
    }
}

/// Include and exclude patterns, matched against relative paths and against names.
struct Filter {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    fn new(opts: &MirrorOptions) -> Result<Filter> {
        let set = |patterns: &[String]| -> Result<GlobSet> {
            let mut b = GlobSetBuilder::new();
            for p in patterns {
                b.add(Glob::new(p).map_err(|e| Error::Pattern(format!("'{p}': {e}")))?);
            }
            b.build().map_err(|e| Error::Pattern(e.to_string()))
        };
        let include = if opts.include.is_empty() { None } else { Some(set(&opts.include)?) };
        Ok(Filter { include, exclude: set(&opts.exclude)? })
    }

    /// Whether a file at `rel` takes part.
    fn keeps(&self, rel: &str) -> bool {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let hit = |s: &GlobSet| s.is_match(rel) || s.is_match(name);
        !hit(&self.exclude) && self.include.as_ref().is_none_or(hit)
    }
}

/// One side as the comparison needs it: every directory, the files the filter keeps (locally
/// without partial downloads, [`super::is_part_name`]), what the walker left out; that goes to the plan's `skipped`
/// too, and what it could not read completely to its `unknown`.
fn side(tree: walk::Tree, filter: &Filter, local: bool, plan: &mut Plan) -> Side {
    plan.unknown += tree.unknown().count();
    plan.skipped.extend(tree.skipped.iter().map(|s| format!("{}: {}", s.rel, s.why)));
    let mut side = Side { left_out: tree.skipped.into_iter().map(|s| s.rel).collect(), ..Side::default() };
    for e in tree.entries {
        match e.kind {
            Kind::Dir => side.dirs.push(e.rel),
            Kind::File if filter.keeps(&e.rel) && !(local && super::is_part_name(&e.rel)) => {
                side.files.insert(e.rel, (e.size, e.modified));
            }
            Kind::File => {}
        }
    }
    side
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    /// The names and sizes of planned files.
    fn sizes(files: &[(String, Listed)]) -> Vec<(&str, Option<u64>)> {
        files.iter().map(|(f, listed)| (f.as_str(), listed.size)).collect()
    }

    fn tree(files: &[(&str, u64, u64)]) -> Side {
        let mut t = Side::default();
        for (p, size, secs) in files {
            t.files.insert(p.to_string(), (Some(*size), Some(UNIX_EPOCH + Duration::from_secs(*secs))));
        }
        t
    }

    #[test]
    fn compare_by_size_and_time_with_a_minute_of_slack() {
        let source = tree(&[
            ("same", 1, 1000),
            ("bigger", 2, 1000),
            ("newer", 1, 5000),
            ("new", 1, 1000),
            ("close", 1, 1030),
        ]);
        let target = tree(&[
            ("same", 1, 1000),
            ("bigger", 1, 1000),
            ("newer", 1, 1000),
            ("close", 1, 1000),
            ("gone", 1, 1),
        ]);
        let opts = MirrorOptions { delete: true, ..MirrorOptions::default() };
        let mut p = Plan::default();
        compare(&source, &target, &opts, &mut p);
        assert_eq!(sizes(&p.new), [("new", Some(1))]);
        assert_eq!(sizes(&p.changed), [("bigger", Some(2)), ("newer", Some(1))]);
        assert_eq!(p.same, 2);
        assert_eq!(p.delete_files, ["gone"]);
        let mut only = Plan::default();
        compare(&source, &target, &MirrorOptions { only_newer: true, ..MirrorOptions::default() }, &mut only);
        assert_eq!(sizes(&only.changed), [("newer", Some(1))]);
        assert!(only.delete_files.is_empty());
    }

    #[test]
    fn nothing_is_deleted_at_or_below_what_either_side_left_out() {
        let mut source = tree(&[("keep", 1, 1)]);
        source.left_out = ["odd".to_string(), "dir/sub".to_string()].into();
        source.dirs = vec!["dir".into()];
        let mut target =
            tree(&[("odd", 1, 1), ("odd2", 1, 1), ("dir/sub/a", 1, 1), ("dir/subx", 1, 1), ("dir/b", 1, 1)]);
        target.dirs = vec!["dir".into(), "dir/sub".into(), "dir/sub/in".into(), "gone".into()];
        let mut p = Plan::default();
        compare(&source, &target, &MirrorOptions { delete: true, ..MirrorOptions::default() }, &mut p);
        assert_eq!(p.delete_files, ["dir/b", "dir/subx", "odd2"]);
        assert_eq!(p.delete_dirs, ["gone"]);
        target.left_out = [String::new()].into();
        let mut p = Plan::default();
        compare(&source, &target, &MirrorOptions { delete: true, ..MirrorOptions::default() }, &mut p);
        assert!(p.delete_files.is_empty() && p.delete_dirs.is_empty(), "{p:?}");
    }
}
