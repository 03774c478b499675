//! Settings: the one table of what `set` shows and changes, which the config file also uses
//! (its keys are these names), and the `history` command.

use std::time::Duration;

use super::bad_usage;
use crate::error::{Error, Result};
use crate::repl::Shell;
use crate::tls::Policy;
use crate::ui::Output;
use crate::ui::progress::ProgressMode;

/// One setting: how to show it and how to change it.
pub struct Setting {
    /// Its name in `set NAME VALUE` and in the config file.
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
        name: "progress",
        help: "how transfers show progress: auto (a bar on a terminal), bar, plain (a line every \
               few seconds, for logs), none",
        get: |sh| sh.settings.progress.name().to_string(),
        set: |sh, v| {
            sh.settings.progress = ProgressMode::parse(v)
                .ok_or_else(|| Error::Usage("progress: auto, bar, plain or none".into()))?;
            Ok(())
        },
    },
    Setting {
        name: "verbose",
        help: "a summary line after each transfer (on/off)",
        get: |sh| on_off(sh.settings.verbose),
        set: |sh, v| {
            sh.settings.verbose = parse_on_off("verbose", v)?;
            Ok(())
        },
    },
    Setting {
        name: "hash",
        help: "a # per MiB instead of a progress bar (on/off)",
        get: |sh| on_off(sh.settings.hash),
        set: |sh, v| {
            sh.settings.hash = parse_on_off("hash", v)?;
            Ok(())
        },
    },
    Setting {
        name: "confirm",
        help: "ask before each file of mget, mput, mdelete (on/off; never in scripts)",
        get: |sh| on_off(sh.confirm_each()),
        set: |sh, v| {
            sh.settings.confirm = Some(parse_on_off("confirm", v)?);
            Ok(())
        },
    },
    Setting {
        name: "parallel",
        help: "connections used by batch transfers (mget, mput, -r) without -P (1 to 64)",
        get: |sh| sh.settings.parallel.to_string(),
        set: |sh, v| {
            let n = v.parse().ok().filter(|n| (1..=64).contains(n));
            sh.settings.parallel = n.ok_or_else(|| Error::Usage("parallel: a number from 1 to 64".into()))?;
            Ok(())
        },
    },
    Setting {
        name: "passive",
        help: "passive data connections (EPSV, else PASV); off for active (PORT/EPRT)",
        get: |sh| on_off(sh.session.passive),
        set: |sh, v| {
            sh.session.set_passive(parse_on_off("passive", v)?);
            Ok(())
        },
    },
    Setting {
        name: "trust-pasv-address",
        help: "connect to the address in a PASV reply (off: the server's own address, as curl does)",
        get: |sh| on_off(sh.session.trust_pasv_address),
        set: |sh, v| {
            sh.session.trust_pasv_address = parse_on_off("trust-pasv-address", v)?;
            let passive = sh.session.passive;
            sh.session.set_passive(passive);
            Ok(())
        },
    },
    Setting {
        name: "tls",
        help: "FTPS: auto (when the server offers it; says when a connection is not encrypted), \
               required (never send credentials in clear text), off",
        get: |sh| sh.session.tls.policy.name().to_string(),
        set: |sh, v| {
            sh.session.tls.policy =
                Policy::parse(v).ok_or_else(|| Error::Usage("tls: auto, required or off".into()))?;
            Ok(())
        },
    },
    Setting {
        name: "ca-file",
        help: "a PEM file of extra trusted certificates",
        get: |sh| sh.session.tls.ca_file.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
        set: |sh, v| {
            sh.session.tls.ca_file =
                Some(v.into()).filter(|p: &std::path::PathBuf| !p.as_os_str().is_empty());
            Ok(())
        },
    },
    Setting {
        name: "timeout",
        help: "seconds one server reply, or a pause in a data transfer, may take",
        get: |sh| seconds_text(sh.session.io_timeout),
        set: |sh, v| {
            let limit = seconds("timeout", v)?;
            sh.session.set_io_timeout(limit);
            Ok(())
        },
    },
    Setting {
        name: "connect-timeout",
        help: "seconds connecting to a server may take",
        get: |sh| seconds_text(sh.session.connect_timeout),
        set: |sh, v| {
            sh.session.connect_timeout = seconds("connect-timeout", v)?;
            Ok(())
        },
    },
    Setting {
        name: "retries",
        help: "how often a transfer that broke off is resumed (after 1, 2, 4... s) before it fails; 0 for never",
        get: |sh| sh.session.retries.to_string(),
        set: |sh, v| {
            let n = v.parse().ok().filter(|n| *n <= 100);
            sh.session.retries = n.ok_or_else(|| Error::Usage("retries: a number from 0 to 100".into()))?;
            Ok(())
        },
    },
    Setting {
        name: "completion-timeout",
        help: "seconds a remote Tab completion may take before it gives up",
        get: |sh| seconds_text(sh.settings.completion_timeout),
        set: |sh, v| {
            sh.settings.completion_timeout = seconds("completion-timeout", v)?;
            Ok(())
        },
    },
];

/// `on`/`off` (and the usual synonyms) for a yes-or-no setting.
fn parse_on_off(name: &str, v: &str) -> Result<bool> {
    match v {
        "on" | "yes" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        _ => Err(Error::Usage(format!("{name}: on or off, not '{v}'"))),
    }
}

fn on_off(b: bool) -> String {
    (if b { "on" } else { "off" }).to_string()
}

/// A number of seconds, more than 0 and at most 3600.
fn seconds(name: &str, v: &str) -> Result<Duration> {
    let secs = v.parse::<f64>().ok().filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0);
    secs.map(Duration::from_secs_f64)
        .ok_or_else(|| Error::Usage(format!("{name}: seconds, more than 0 and at most 3600")))
}

fn seconds_text(d: Duration) -> String {
    d.as_secs_f64().to_string()
}

/// Applies `(name, value)` pairs, as from the config file; `origin` names the source in errors.
pub fn apply(sh: &mut Shell, pairs: &[(String, String)], origin: &str) -> Result<()> {
    for (name, value) in pairs {
        let setting = SETTINGS.iter().find(|s| s.name == name).ok_or_else(|| {
            let known: Vec<&str> = SETTINGS.iter().map(|s| s.name).collect();
            Error::Usage(format!("{origin}: unknown setting '{name}' (known: {})", known.join(", ")))
        })?;
        (setting.set)(sh, value).map_err(|e| match e {
            Error::Usage(m) => Error::Usage(format!("{origin}: {m}")),
            other => other,
        })?;
    }
    Ok(())
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
