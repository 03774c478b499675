//! Session settings (`set`) and the `history` command.

use std::time::Duration;

use super::bad_usage;
use crate::error::{Error, Result};
use crate::repl::Shell;
use crate::ui::Output;
use crate::ui::progress::ProgressMode;

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
    Setting {
        name: "progress",
        help: "how transfers show progress: auto (a bar on a terminal), bar, plain (a line every \
               few seconds, for logs), none",
        get: |sh| sh.settings.progress.name().to_string(),
        set: |sh, v| {
            sh.settings.progress = ProgressMode::parse(v)
                .ok_or_else(|| Error::Usage("set progress auto|bar|plain|none".into()))?;
            Ok(())
        },
    },
    Setting {
        name: "verbose",
        help: "a summary line after each transfer (on/off)",
        get: |sh| on_off(sh.settings.verbose),
        set: |sh, v| {
            sh.settings.verbose = parse_on_off(v)?;
            Ok(())
        },
    },
    Setting {
        name: "hash",
        help: "a # per MiB instead of a progress bar (on/off)",
        get: |sh| on_off(sh.settings.hash),
        set: |sh, v| {
            sh.settings.hash = parse_on_off(v)?;
            Ok(())
        },
    },
    Setting {
        name: "confirm",
        help: "ask before each file of mget, mput, mdelete (on/off; never in scripts)",
        get: |sh| on_off(sh.confirm_each()),
        set: |sh, v| {
            sh.settings.confirm = Some(parse_on_off(v)?);
            Ok(())
        },
    },
    Setting {
        name: "parallel",
        help: "connections used by batch transfers (mget, mput, -r) without -P",
        get: |sh| sh.settings.parallel.to_string(),
        set: |sh, v| {
            sh.settings.parallel = v
                .parse()
                .ok()
                .filter(|n| (1..=64).contains(n))
                .ok_or_else(|| Error::Usage("set parallel N (1 to 64)".into()))?;
            Ok(())
        },
    },
];

/// `on`/`off` for a yes-or-no setting.
fn parse_on_off(v: &str) -> Result<bool> {
    match v {
        "on" | "yes" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        _ => Err(Error::Usage(format!("expected on or off, not '{v}'"))),
    }
}

fn on_off(b: bool) -> String {
    (if b { "on" } else { "off" }).to_string()
}

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
