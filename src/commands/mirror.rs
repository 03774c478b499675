//! The `mirror` command: its flags (declared in the table) as options, the plan shown by
//! `--dry-run`, and the summary. Directories not read completely make it fail (after doing the
//! rest), dry run or not.

use std::path::Path;
use std::time::Instant;

use super::parse::Call;
use crate::error::{Error, Exit, Result};
use crate::shell::Shell;
use crate::transfer::batch;
use crate::transfer::mirror::{self, MirrorOptions, Plan};
use crate::ui::Output;
use crate::ui::render::{human_bytes, sanitize};

pub fn mirror(sh: &mut Shell, call: &Call) -> Result<Output> {
    let opts = options(sh, call);
    let (remote, local) = match (opts.reverse, call.args()) {
        (false, [r, l]) | (true, [l, r]) => (r.clone(), l.clone()),
        (false, [r]) => (r.clone(), ".".to_string()),
        (true, [l]) => (".".to_string(), l.clone()),
        _ => (".".to_string(), ".".to_string()),
    };
    let remote = if remote == "." { sh.session.cwd().unwrap_or("/").to_string() } else { remote };
    let plan = mirror::plan(&mut sh.session, &remote, Path::new(&local), &opts)?;
    for s in &plan.skipped {
        sh.ui.status(&format!("mirror: skipping {s}"));
    }
    if !sh.session.uses_mlsd() {
        sh.ui.status("mirror: the server has no MLSD; times from its LIST are taken as UTC, to the minute");
    }
    if opts.dry_run {
        sh.ui.show(&Output::Remote(dry_run(&plan)));
        return unread(&plan).map(|()| Output::Nothing);
    }
    let display = sh.display().batch(plan.new.len() + plan.changed.len(), Some(plan.bytes));
    let start = Instant::now();
    let summary = mirror::run(&mut sh.session, &remote, Path::new(&local), &plan, &opts, &display);
    drop(display);
    if let Some(e) = &summary.no_session {
        sh.ui.status(&batch::fewer_sessions("mirror", e));
    }
    if summary.times_not_kept > 0 {
        sh.ui.status(&format!(
            "mirror: the server cannot set modification times (no MFMT, no SITE UTIME): {} uploaded files carry their upload time",
            summary.times_not_kept
        ));
    }
    for (path, e) in &summary.failed {
        sh.ui.error(Some(&format!("mirror: {}", sanitize(path))), e);
    }
    let line = format!(
        "mirror: {} copied ({} new, {} updated; {}), {} unchanged, {} deleted, {} failed in {:.2} s",
        summary.copied,
        plan.new.len(),
        plan.changed.len(),
        human_bytes(summary.bytes as f64),
        plan.same,
        summary.deleted,
        summary.failed.len(),
        start.elapsed().as_secs_f64()
    );
    if !summary.failed.is_empty() {
        sh.ui.status(&line);
        let total = plan.new.len() + plan.changed.len() + plan.delete_files.len();
        return Err(Error::Batch { failed: summary.failed.len(), total, exit: Exit::Transfer });
    }
    if plan.unknown > 0 {
        sh.ui.status(&line);
    }
    unread(&plan).map(|()| Output::Status(line))
}

/// The failure of a plan with directories not read completely.
fn unread(plan: &Plan) -> Result<()> {
    if plan.unknown > 0 { Err(Error::Unread { dirs: plan.unknown }) } else { Ok(()) }
}

/// What a dry run prints: one line per action.
fn dry_run(plan: &Plan) -> Vec<String> {
    let lines = plan.mkdirs.iter().map(|d| format!("mkdir  {d}"));
    let lines = lines.chain(plan.new.iter().map(|(f, _)| format!("new    {f}")));
    let lines = lines.chain(plan.changed.iter().map(|(f, _)| format!("update {f}")));
    let lines = lines.chain(plan.delete_files.iter().chain(&plan.delete_dirs).map(|f| format!("delete {f}")));
    let mut out: Vec<String> = lines.collect();
    out.push(format!(
        "(dry run: {} to copy, {} unchanged, {} to delete; nothing changed)",
        plan.new.len() + plan.changed.len(),
        plan.same,
        plan.delete_files.len() + plan.delete_dirs.len()
    ));
    out
}

/// The flags as the engine's options; `-P` defaults to the `parallel` setting.
fn options(sh: &Shell, call: &Call) -> MirrorOptions {
    MirrorOptions {
        reverse: call.has("reverse"),
        resume: call.has("continue"),
        only_newer: call.has("only-newer"),
        dry_run: call.has("dry-run"),
        delete: call.has("delete"),
        exclude: call.values("exclude").map(String::from).collect(),
        include: call.values("include").map(String::from).collect(),
        parallel: call.number("parallel").unwrap_or(sh.settings().parallel),
    }
}
