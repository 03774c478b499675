//! Transfer handlers: get, reget, newer, put, reput, append, mget, mput, mdelete, and the
//! transfer settings (type, passive, prompt, hash, verbose).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::naming;
use super::parse::Call;
use crate::charset;
use crate::error::{Error, Exit, Result};
use crate::interrupt;
use crate::session::TransferType;
use crate::shell::Shell;
use crate::transfer::batch::{self, Direction, Plan};
use crate::transfer::log::{Direction as Way, Record};
use crate::transfer::{self, GetOptions, Leftover, Listed, Overwrite, PutMode, Report};
use crate::ui::Output;
use crate::ui::render::{batch_summary, sanitize, transfer_summary};

/// What a download command asked for beyond its paths.
struct Fetch {
    resume: bool,
    force: bool,
    recursive: bool,
    parallel: Option<usize>,
    segments: Option<usize>,
}

pub fn get(sh: &mut Shell, call: &Call) -> Result<Output> {
    let how = Fetch {
        resume: call.has("continue"),
        force: call.has("force"),
        recursive: call.has("recursive"),
        parallel: call.number("parallel"),
        segments: call.number("segments"),
    };
    fetch(sh, call, how)
}

pub fn reget(sh: &mut Shell, call: &Call) -> Result<Output> {
    fetch(
        sh,
        call,
        Fetch { resume: true, force: call.has("force"), recursive: false, parallel: None, segments: None },
    )
}

fn fetch(sh: &mut Shell, call: &Call, how: Fetch) -> Result<Output> {
    let (remote, local) = (&call.args()[0], call.arg(1));
    let overwrite = if how.force { Overwrite::Allow } else { Overwrite::Refuse };
    let opts = GetOptions { resume: how.resume, overwrite, keep_time: true };
    if how.recursive && how.segments.is_some() {
        return Err(Error::Usage("get -n fetches one file; -r and -n do not go together".into()));
    }
    if how.recursive {
        let local = local.map_or_else(|| transfer::local_name_for(remote), |l| Ok(PathBuf::from(l)))?;
        let plan = batch::plan_tree_download(&mut sh.session, remote, &local)?;
        return run_batch(sh, "get", plan, Direction::Download(opts), how.parallel);
    }
    if let Some(n) = how.segments {
        return super::pget::segmented(sh, remote, local, opts, n);
    }
    if local == Some("-") {
        // On a terminal the file's content is what the user watches: no bar drawn over it.
        let mut progress =
            if sh.ui.stdout_tty { Box::new(transfer::Silent) } else { sh.display().progress() };
        let report = transfer::download_to(&mut sh.session, remote, sh.ui.data(), progress.as_mut())?;
        return Ok(summary(sh, Way::Download, remote, Path::new("-"), &report));
    }
    let local = naming::local_target(sh, local_target(remote, local)?, local.is_none())?;
    let opts = if how.resume && !how.force {
        match leftover(sh, remote, &local, opts)? {
            Some(opts) => opts,
            None => return Ok(Output::Status(format!("{} is already complete.", local.display()))),
        }
    } else {
        GetOptions { overwrite: confirm_overwrite(sh, &local, opts.overwrite), ..opts }
    };
    let mut progress = sh.display().progress();
    let report =
        transfer::get_file(&mut sh.session, remote, &local, opts, Listed::default(), progress.as_mut())?;
    Ok(summary(sh, Way::Download, remote, &local, &report))
}

/// Before a resume (`reget`, `get -c`): a file under the final name that the server's copy goes
/// on from (another program's partial download) is resumed; one that is the whole file is
/// left alone (`None`); when the server cannot resume, says so and offers the whole file
/// instead; any other file is asked about as before a download.
fn leftover(sh: &mut Shell, remote: &str, local: &Path, opts: GetOptions) -> Result<Option<GetOptions>> {
    match transfer::adopt(&mut sh.session, remote, local)? {
        Leftover::Nothing | Leftover::Different => {
            Ok(Some(GetOptions { overwrite: confirm_overwrite(sh, local, opts.overwrite), ..opts }))
        }
        Leftover::Adopted { bytes } => {
            sh.ui.status(&format!("Resuming {} after its first {bytes} bytes.", local.display()));
            Ok(Some(opts))
        }
        Leftover::Complete { .. } => Ok(None),
        Leftover::NoRest(reply) => {
            let question = format!(
                "The server cannot resume ({}). Download all of {} again, replacing {}? [y/N] ",
                sanitize(&reply.text),
                sanitize(remote),
                local.display()
            );
            match sh.ui.ask(&question) {
                Some(a) if matches!(a.trim(), "y" | "Y" | "yes") => {
                    Ok(Some(GetOptions { resume: false, overwrite: Overwrite::Allow, ..opts }))
                }
                _ => {
                    sh.ui.status("The server cannot resume: `get -f` downloads the whole file.");
                    Err(Error::Server(reply))
                }
            }
        }
    }
}

pub fn newer(sh: &mut Shell, call: &Call) -> Result<Output> {
    let remote = &call.args()[0];
    let local = local_target(remote, call.arg(1))?;
    let theirs = sh.session.mtime(remote);
    let ours = local.metadata().and_then(|m| m.modified()).ok();
    if let (Some(theirs), Some(ours)) = (theirs, ours)
        && ours >= theirs
    {
        return Ok(Output::Status(format!("{} is up to date", local.display())));
    }
    let opts = GetOptions { resume: false, overwrite: Overwrite::Allow, keep_time: true };
    let mut progress = sh.display().progress();
    let report =
        transfer::get_file(&mut sh.session, remote, &local, opts, Listed::default(), progress.as_mut())?;
    Ok(summary(sh, Way::Download, remote, &local, &report))
}

pub fn put(sh: &mut Shell, call: &Call) -> Result<Output> {
    let mode = if call.has("continue") { PutMode::Resume } else { PutMode::Replace };
    send(sh, call, mode, call.has("recursive").then(|| call.number("parallel")))
}

pub fn reput(sh: &mut Shell, call: &Call) -> Result<Output> {
    send(sh, call, PutMode::Resume, None)
}

pub fn append(sh: &mut Shell, call: &Call) -> Result<Output> {
    send(sh, call, PutMode::Append, None)
}

/// Uploads one file, or a tree when `tree` is given (with its `-P`).
fn send(sh: &mut Shell, call: &Call, mode: PutMode, tree: Option<Option<usize>>) -> Result<Output> {
    let local = Path::new(&call.args()[0]);
    let remote = match call.arg(1) {
        Some(r) => r.to_string(),
        None => local
            .file_name()
            .map(charset::from_os)
            .ok_or_else(|| Error::Usage("put LOCAL [REMOTE] (LOCAL must name a file)".into()))?,
    };
    if let Some(parallel) = tree {
        let plan = batch::plan_tree_upload(local, &remote)?;
        return run_batch(sh, "put", plan, Direction::Upload(mode), parallel);
    }
    let remote = naming::remote_target(sh, &remote, &mut HashSet::new())?;
    let mut progress = sh.display().progress();
    let report = transfer::put_file(&mut sh.session, local, &remote, mode, progress.as_mut())?;
    Ok(summary(sh, Way::Upload, &remote, local, &report))
}

pub fn mget(sh: &mut Shell, call: &Call) -> Result<Output> {
    let patterns = naming::remote_patterns(sh, call.args());
    let mut plan = batch::plan_downloads(&mut sh.session, &patterns, call.has("recursive"), Path::new("."))?;
    plan.jobs = naming::local_jobs(sh, plan.jobs)?;
    plan.jobs = confirm_each(sh, "mget", plan.jobs, |j| j.remote.clone());
    let overwrite = if call.has("force") { Overwrite::Allow } else { Overwrite::Refuse };
    let opts = GetOptions { resume: call.has("continue"), overwrite, keep_time: true };
    run_batch(sh, "mget", plan, Direction::Download(opts), call.number("parallel"))
}

pub fn mput(sh: &mut Shell, call: &Call) -> Result<Output> {
    let mut plan = batch::plan_uploads(&naming::local_patterns(sh, call.args()), call.has("recursive"), "")?;
    plan.jobs = confirm_each(sh, "mput", plan.jobs, |j| j.local.display().to_string());
    // Trees go into directories of their own: sunique names the files of the directory only.
    let mut taken = HashSet::new();
    for job in plan.jobs.iter_mut().filter(|_| !call.has("recursive")) {
        job.remote = naming::remote_target(sh, &job.remote, &mut taken)?;
    }
    let mode = if call.has("continue") { PutMode::Resume } else { PutMode::Replace };
    run_batch(sh, "mput", plan, Direction::Upload(mode), call.number("parallel"))
}

pub fn mdelete(sh: &mut Shell, call: &Call) -> Result<Output> {
    let patterns = naming::remote_patterns(sh, call.args());
    let plan = batch::plan_deletes(&mut sh.session, &patterns)?;
    let names = confirm_each(sh, "mdelete", plan.jobs, |j| j.remote.clone());
    let mut failed = plan.skipped.len();
    for s in &plan.skipped {
        sh.ui.status(&format!("mdelete: skipping {s}"));
    }
    for job in &names {
        interrupt::check()?;
        if let Err(e) = sh.session.delete(&job.remote) {
            sh.ui.error(Some(&format!("mdelete: {}", sanitize(&job.remote))), &e);
            failed += 1;
        }
    }
    let total = names.len() + plan.skipped.len();
    if failed > 0 {
        return Err(Error::Batch { failed, total, exit: Exit::Transfer });
    }
    Ok(Output::Status(format!("Deleted {} files.", names.len())))
}

/// Creates the plan's directories, runs its jobs, reports what failed and one summary line.
fn run_batch(
    sh: &mut Shell,
    verb: &str,
    plan: Plan,
    direction: Direction,
    parallel: Option<usize>,
) -> Result<Output> {
    for s in &plan.skipped {
        sh.ui.status(&format!("{verb}: skipping {s}"));
    }
    batch::make_dirs(&mut sh.session, &plan, direction)?;
    let total = plan.jobs.len() + plan.skipped.len();
    let display = sh.display().batch(plan.jobs.len(), None);
    let start = Instant::now();
    let parallel = parallel.unwrap_or(sh.settings().parallel);
    let outcome = batch::run(&mut sh.session, plan.jobs, direction, parallel, &display);
    drop(display);
    if let Some(e) = &outcome.no_session {
        sh.ui.status(&batch::fewer_sessions(verb, e));
    }
    let failed = plan.skipped.len() + outcome.failed.len();
    for (job, e) in &outcome.failed {
        sh.ui.error(Some(&format!("{verb}: {}", sanitize(&job.remote))), e);
    }
    interrupt::check()?;
    if sh.settings().verbose {
        sh.ui.status(&batch_summary(verb, outcome.moved, outcome.bytes, start.elapsed()));
    }
    if failed > 0 {
        return Err(Error::Batch { failed, total, exit: batch_exit(&outcome) });
    }
    Ok(Output::Nothing)
}

/// A batch fails as a transfer failure, unless no job ran at all because the sessions could not
/// connect or log in: then it is that failure.
fn batch_exit(outcome: &batch::Outcome) -> Exit {
    let mut classes = outcome.failed.iter().map(|(_, e)| e.exit());
    match classes.next() {
        Some(first @ (Exit::Login | Exit::Connect | Exit::Tls))
            if outcome.moved == 0 && classes.all(|c| c == first) =>
        {
            first
        }
        _ => Exit::Transfer,
    }
}

/// Asks about each item when `prompt` is on and someone can answer: yes, no, all, quit.
fn confirm_each<T>(sh: &mut Shell, verb: &str, items: Vec<T>, name: impl Fn(&T) -> String) -> Vec<T> {
    if !sh.confirm_each() {
        return items;
    }
    let mut keep = Vec::new();
    let mut all = false;
    for item in items {
        if !all {
            let answer = sh.ui.ask(&format!("{verb} {}? [Y/n/a/q] ", sanitize(&name(&item))));
            match answer.map(|a| a.trim().to_ascii_lowercase()).as_deref() {
                Some("" | "y" | "yes") => {}
                Some("a" | "all") => all = true,
                Some("q" | "quit") | None => break,
                Some(_) => continue,
            }
        }
        keep.push(item);
    }
    keep
}

/// What a finished transfer of `remote` and `local` (`-`: stdout) shows: with `--json` its
/// record (the transfer log's fields), else the summary line (unless `verbose` is off).
pub(super) fn summary(sh: &Shell, way: Way, remote: &str, local: &Path, report: &Report) -> Output {
    if sh.settings().json {
        let secs = report.elapsed.as_secs_f64();
        let record = Record::new(&sh.session, way, (remote, local), Ok(report), report.bytes, secs);
        let mut json = record.json();
        if let Some(note) = &report.note {
            json["note"] = note.as_str().into();
        }
        return Output::Json(vec![json]);
    }
    let local = if local == Path::new("-") { "stdout".into() } else { charset::from_os(local.as_os_str()) };
    let label = match way {
        Way::Download => format!("{remote} -> {local}"),
        Way::Upload => format!("{local} -> {remote}"),
    };
    if sh.settings().verbose { Output::Status(transfer_summary(&label, report)) } else { Output::Nothing }
}

/// Where a download goes: LOCAL as given (inside it if it is a directory), else the remote
/// file's own name, which must be a plain name.
pub(super) fn local_target(remote: &str, local: Option<&str>) -> Result<PathBuf> {
    match local {
        Some(l) if Path::new(l).is_dir() => Ok(Path::new(l).join(transfer::local_name_for(remote)?)),
        Some(l) => Ok(PathBuf::from(l)),
        None => transfer::local_name_for(remote),
    }
}

/// Asks before replacing an existing file, when someone is there to ask.
pub(super) fn confirm_overwrite(sh: &mut Shell, local: &Path, asked: Overwrite) -> Overwrite {
    let yes = asked == Overwrite::Allow
        || (local.is_file()
            && sh
                .ui
                .ask(&format!("{} exists. Overwrite? [y/N] ", local.display()))
                .is_some_and(|a| matches!(a.trim(), "y" | "Y" | "yes")));
    if yes { Overwrite::Allow } else { Overwrite::Refuse }
}

pub fn ascii(sh: &mut Shell, _: &Call) -> Result<Output> {
    apply_type(sh, TransferType::Ascii)
}

pub fn binary(sh: &mut Shell, _: &Call) -> Result<Output> {
    apply_type(sh, TransferType::Binary)
}

pub fn set_type(sh: &mut Shell, call: &Call) -> Result<Output> {
    match call.arg(0) {
        None => {
            Ok(Output::Text(format!("Using {} mode to transfer files.", sh.session.transfer_type.name())))
        }
        Some("ascii" | "a") => apply_type(sh, TransferType::Ascii),
        // The parser admits only the table's choices: the rest mean binary.
        Some(_) => apply_type(sh, TransferType::Binary),
    }
}

fn apply_type(sh: &mut Shell, ty: TransferType) -> Result<Output> {
    sh.session.set_type(ty)?;
    Ok(Output::Status(format!("Using {} mode to transfer files.", ty.name())))
}

/// `on`, `off` (the parser admits nothing else), or a toggle of `current` without an argument.
fn switch(current: bool, call: &Call) -> bool {
    call.arg(0).map_or(!current, |v| v == "on")
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// Flips or sets an on/off setting and says what it is now.
pub(super) fn toggle(
    sh: &mut Shell,
    call: &Call,
    setting: &str,
    current: bool,
    label: &str,
) -> Result<Output> {
    let on = switch(current, call);
    sh.set(setting, on_off(on))?;
    Ok(Output::Status(format!("{label}: {}.", on_off(on))))
}

pub fn passive(sh: &mut Shell, call: &Call) -> Result<Output> {
    let current = sh.settings().net.passive;
    toggle(sh, call, "passive", current, "Passive mode")
}

pub fn hash(sh: &mut Shell, call: &Call) -> Result<Output> {
    let current = sh.settings().hash;
    toggle(sh, call, "hash", current, "Hash marks (one per MiB)")
}

pub fn verbose(sh: &mut Shell, call: &Call) -> Result<Output> {
    let current = sh.settings().verbose;
    toggle(sh, call, "verbose", current, "Verbose mode")
}

pub fn prompt(sh: &mut Shell, call: &Call) -> Result<Output> {
    sh.set("confirm", on_off(switch(sh.confirm_each(), call)))?;
    let note = if sh.ui.interactive { "" } else { " (never in scripts)" };
    Ok(Output::Status(format!(
        "Asking before each file of mget, mput, mdelete: {}{note}.",
        on_off(sh.confirm_each())
    )))
}

pub fn debug(sh: &mut Shell, call: &Call) -> Result<Output> {
    let on = switch(crate::trace::is_on(), call);
    crate::trace::set(on, sh.ui.err_sink());
    Ok(Output::Status(format!("Protocol trace: {}.", on_off(on))))
}
