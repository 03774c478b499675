//! Session settings (`set`) and the `history` command.

use std::time::Duration;

use super::bad_usage;
use crate::error::{Error, Result};
use crate::repl::Shell;
use crate::ui::Output;

/// One setting: how to show it and how to change it.
pub struct Setting {
    /// Its name in `set NAME VALUE`.
    pub name: &'static str,
    /// What it does.
    pub help: &'static str,
    get: fn(&Shell) -> String,
    set: fn(&mut Shell, &str) -> Result<()>,
}

/// Every setting, in the order `set` lists them.
pub static SETTINGS: &[Setting] = &[
    Setting {
        name: "prompt",
        help: "prompt format: %u user, %h host, %d remote dir (shortened), %D remote dir, \
               %l local dir, %% a percent sign; empty for the default",
        get: |sh| sh.settings.prompt.clone().unwrap_or_default(),
        set: |sh, v| {
            sh.settings.prompt = Some(v.to_string()).filter(|v| !v.is_empty());
            Ok(())
        },
    },
    Setting {
        name: "completion-timeout",
        help: "seconds a remote Tab completion may take before it gives up",
        get: |sh| format!("{}", sh.settings.completion_timeout.as_secs_f64()),
        set: |sh, v| {
            let secs: f64 =
                v.parse().ok().filter(|s: &f64| s.is_finite() && *s > 0.0 && *s <= 600.0).ok_or_else(
                    || Error::Usage("set completion-timeout SECONDS (0 < SECONDS <= 600)".into()),
                )?;
            sh.settings.completion_timeout = Duration::from_secs_f64(secs);
            Ok(())
        },
    },
];

pub fn set(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let Some(name) = args.first() else {
        let lines = SETTINGS.iter().map(|s| format!("{} = {:?}    # {}", s.name, (s.get)(sh), s.help));
        return Ok(Output::Text(lines.collect::<Vec<_>>().join("\n")));
    };
    let setting = SETTINGS.iter().find(|s| s.name == name).ok_or_else(bad_usage)?;
    match args.get(1) {
        None => Ok(Output::Text(format!("{} = {:?}", setting.name, (setting.get)(sh)))),
        Some(value) => {
            (setting.set)(sh, value)?;
            Ok(Output::Status(format!("{} = {:?}", setting.name, (setting.get)(sh))))
        }
    }
}

pub fn history(sh: &mut Shell, _: &[String]) -> Result<Output> {
    let width = sh.history.len().to_string().len();
    let lines = sh.history.iter().enumerate().map(|(i, l)| format!("{:>width$}  {l}", i + 1));
    Ok(Output::Text(lines.collect::<Vec<_>>().join("\n")))
}
