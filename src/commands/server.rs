//! tnftp's small server commands: `idle` (SITE IDLE), `umask` (SITE UMASK), `rstatus` (STAT) and
//! `reset` (a control connection afresh). Each shows the server's reply as it came, sanitized.

use super::parse::Call;
use crate::error::Result;
use crate::shell::Shell;
use crate::ui::Output;

/// The server's reply to `command`, with `arg` when given.
fn ask(sh: &mut Shell, command: &str, arg: Option<&str>) -> Result<Output> {
    let line = arg.map_or_else(|| command.to_string(), |a| format!("{command} {a}"));
    Ok(Output::Reply(sh.session.raw(&line)?))
}

pub fn idle(sh: &mut Shell, call: &Call) -> Result<Output> {
    ask(sh, "SITE IDLE", call.arg(0))
}

pub fn umask(sh: &mut Shell, call: &Call) -> Result<Output> {
    ask(sh, "SITE UMASK", call.arg(0))
}

pub fn rstatus(sh: &mut Shell, call: &Call) -> Result<Output> {
    ask(sh, "STAT", call.arg(0))
}

pub fn reset(sh: &mut Shell, _: &Call) -> Result<Output> {
    let server = sh.session.restart()?;
    Ok(Output::Status(format!("Reconnected to {server}: the control connection starts afresh.")))
}
