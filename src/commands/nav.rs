//! Navigation handlers: remote and local working directories.

use std::path::PathBuf;

use super::parse::Call;
use crate::error::{Error, Result};
use crate::shell::Shell;
use crate::ui::Output;

pub fn pwd(sh: &mut Shell, _: &Call) -> Result<Output> {
    Ok(Output::Remote(vec![sh.session.pwd()?]))
}

pub fn cd(sh: &mut Shell, call: &Call) -> Result<Output> {
    sh.session.cd(&call.args()[0])?;
    Ok(remote_dir_status(sh))
}

pub fn cdup(sh: &mut Shell, _: &Call) -> Result<Output> {
    sh.session.cdup()?;
    Ok(remote_dir_status(sh))
}

fn remote_dir_status(sh: &Shell) -> Output {
    Output::Status(format!("Remote directory: {}", sh.session.cwd().unwrap_or("?")))
}

pub fn lcd(sh: &mut Shell, call: &Call) -> Result<Output> {
    // The local directory is the process's: a job's relative local paths would move with it.
    if sh.jobs.running() > 0 {
        return Err(Error::Refused(
            "lcd: background jobs are running in this local directory (see `jobs`)".into(),
        ));
    }
    let dir = match call.arg(0) {
        Some(d) => PathBuf::from(d),
        None => dirs::home_dir().ok_or_else(|| Error::Usage("lcd DIR (no home directory)".into()))?,
    };
    std::env::set_current_dir(&dir).map_err(|e| Error::local(&dir, e))?;
    Ok(Output::Status(format!("Local directory: {}", current_dir()?.display())))
}

pub fn lpwd(_: &mut Shell, _: &Call) -> Result<Output> {
    Ok(Output::Text(current_dir()?.display().to_string()))
}

fn current_dir() -> Result<PathBuf> {
    std::env::current_dir().map_err(|e| Error::local(".", e))
}
