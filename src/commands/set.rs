//! The `set` and `history` handlers. The settings themselves (names, values, layers) live in
//! `crate::config::settings`.

use super::parse::Call;
use crate::config::settings::{self, SETTINGS, Settings};
use crate::error::{Error, Result};
use crate::shell::Shell;
use crate::ui::Output;

pub fn set(sh: &mut Shell, call: &Call) -> Result<Output> {
    let Some(name) = call.arg(0) else {
        let shown = effective(sh);
        let lines = SETTINGS.iter().map(|s| format!("{} = {:?}    # {}", s.name, (s.get)(&shown), s.help));
        return Ok(Output::Text(lines.collect::<Vec<_>>().join("\n")));
    };
    // An empty usage error: the interpreter puts the usage line in.
    let setting = settings::find(name).ok_or_else(|| Error::Usage(String::new()))?;
    match call.arg(1) {
        None => Ok(Output::Text(format!("{} = {:?}", setting.name, (setting.get)(&effective(sh))))),
        Some(value) => {
            sh.set(name, value)?;
            Ok(Output::Status(format!("{} = {:?}", setting.name, (setting.get)(&effective(sh)))))
        }
    }
}

/// The settings as they act: `confirm` is off wherever nobody can answer (scripts).
fn effective(sh: &Shell) -> Settings {
    Settings { confirm: Some(sh.confirm_each()), ..sh.settings().clone() }
}

pub fn history(sh: &mut Shell, _: &Call) -> Result<Output> {
    let width = sh.history().len().to_string().len();
    let lines = sh.history().iter().enumerate().map(|(i, l)| format!("{:>width$}  {l}", i + 1));
    Ok(Output::Text(lines.collect::<Vec<_>>().join("\n")))
}
