//! The job handlers: jobs, fg, kill, wait, queue. The jobs themselves (threads, counts, the
//! queue's workers) are `crate::jobs`'s; starting a line ending in `&` and the queue's workers is
//! the interpreter's. Also which commands may run in the background ([`check_background`]).

use super::parse::{Call, parse};
use super::table::BACKGROUND;
use crate::error::{Error, Result};
use crate::jobs::{Row, State, progress, summary};
use crate::shell::Shell;
use crate::ui::Output;

/// Refuses what may not run in the background (anything but a transfer), and a command whose
/// words do not parse, before it is started or queued.
pub fn check_background(words: &[String]) -> Result<()> {
    let (name, args) = words.split_first().ok_or_else(|| Error::Usage("a transfer command".into()))?;
    let spec = super::lookup(name)?;
    if !BACKGROUND.contains(&spec.name) {
        return Err(Error::Usage(format!(
            "{}: only transfers run in the background or the queue ({})",
            spec.name,
            BACKGROUND.join(", ")
        )));
    }
    parse(spec, args).map_err(|e| match e {
        Error::Usage(m) if m.is_empty() => Error::Usage(spec.usage()),
        other => other,
    })?;
    Ok(())
}

pub fn jobs(sh: &mut Shell, _: &Call) -> Result<Output> {
    let rows = sh.jobs.list();
    if rows.is_empty() {
        return Ok(Output::Status("No jobs.".into()));
    }
    let lines = rows.iter().map(|r| match r.state {
        State::Running => format!("[{}] running  {}  {}", r.id, progress(&r.now), r.command),
        _ => summary(r),
    });
    Ok(Output::Text(lines.collect::<Vec<_>>().join("\n")))
}

pub fn fg(sh: &mut Shell, call: &Call) -> Result<Output> {
    let id = job_number(sh, call)?;
    let tty = sh.ui.stderr_tty;
    Ok(summaries(&sh.jobs.follow(id, tty)?))
}

pub fn kill(sh: &mut Shell, call: &Call) -> Result<Output> {
    let id = job_number(sh, call)?;
    Ok(Output::Status(sh.jobs.kill(id)?))
}

pub fn wait(sh: &mut Shell, call: &Call) -> Result<Output> {
    Ok(summaries(&sh.jobs.wait(call.arg(0).and_then(|a| a.parse().ok()))?))
}

pub fn queue(sh: &mut Shell, call: &Call) -> Result<Output> {
    if let Some(n) = call.number("delete") {
        return Ok(Output::Status(format!("Removed from the queue: {}", sh.jobs.unqueue(n)?)));
    }
    if let Some(n) = call.number("move") {
        let to = call.arg(0).and_then(|m| m.parse().ok());
        sh.jobs.requeue(n, to.ok_or_else(|| Error::Usage("queue -m N M: M is a place".into()))?)?;
        return Ok(show_queue(sh));
    }
    if call.args().is_empty() {
        return Ok(show_queue(sh));
    }
    check_background(call.args())?;
    let place = sh.jobs.enqueue(call.args().to_vec());
    Ok(Output::Status(format!("Queued as {place}: {}", call.args().join(" "))))
}

fn show_queue(sh: &Shell) -> Output {
    let entries = sh.jobs.queued();
    if entries.is_empty() {
        return Output::Status("The queue is empty (what runs is in `jobs`).".into());
    }
    let lines = entries.iter().enumerate().map(|(i, e)| format!("{:>3}  {e}", i + 1));
    Output::Text(lines.collect::<Vec<_>>().join("\n"))
}

/// The job a command names: its JOB argument, else the newest running one.
fn job_number(sh: &Shell, call: &Call) -> Result<usize> {
    match call.arg(0) {
        Some(n) => n.parse().map_err(|_| Error::Usage(format!("{n}: not a job number"))),
        None => sh.jobs.newest_running().ok_or_else(|| Error::Usage("no job is running (see `jobs`)".into())),
    }
}

fn summaries(rows: &[Row]) -> Output {
    match rows {
        [] => Output::Nothing,
        rows => Output::Status(rows.iter().map(summary).collect::<Vec<_>>().join("\n")),
    }
}
