//! Settings: the one table ([`SETTINGS`]) of what `set` shows and changes, which the config file,
//! the environment (`FTPSH_NAME`) and the command line also use, and the one resolver
//! ([`resolve`]) that layers them: defaults < config file < `[host."NAME"]` section <
//! environment < command-line flags < `set` in this session. Every part of ftpsh reads the
//! resolved [`Settings`]; nothing else decides a setting. Pure apart from reading the environment.

use std::path::PathBuf;
use std::time::Duration;

use super::Config;
use super::rate::Rates;
use crate::charset::Charset;
use crate::error::{Error, Result};
use crate::listing::Dialect;
use crate::tls::{Policy, TlsOptions};

/// The default bound on one remote Tab completion.
pub const COMPLETION_TIMEOUT: Duration = Duration::from_secs(2);
/// Default timeout for establishing the control and data connections.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Default timeout for one reply on the control connection and for an idle data connection.
pub const IO_TIMEOUT: Duration = Duration::from_secs(120);

/// How transfers show their progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressMode {
    /// A bar on a terminal, nothing otherwise.
    Auto,
    /// A bar (drawn only on a terminal).
    Bar,
    /// A status line every few seconds, without escape codes: for logs.
    Plain,
    /// Nothing.
    None,
    /// One JSON object per transfer event (start, progress, done, failed), for programs.
    Json,
}

impl ProgressMode {
    /// The names `set progress` accepts.
    pub const NAMES: &'static [&'static str] = &["auto", "bar", "plain", "none", "json"];

    /// Parses a name from [`ProgressMode::NAMES`].
    pub fn parse(s: &str) -> Option<ProgressMode> {
        <ProgressMode as clap::ValueEnum>::from_str(s, true).ok()
    }

    /// The mode's name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Everything a connection needs to know: what the session, its reconnects and its parallel
/// workers share, as one value (so no setting can be dropped on the way to a worker).
#[derive(Debug, Clone)]
pub struct NetSettings {
    /// Passive (EPSV/PASV) when true, active (PORT/EPRT) when false.
    pub passive: bool,
    /// Connect to the address a PASV reply names instead of the control connection's peer.
    pub trust_pasv_address: bool,
    /// How TLS is used and certificates are checked.
    pub tls: TlsOptions,
    /// How long connecting may take.
    pub connect_timeout: Duration,
    /// How long one reply, or a pause in a data connection, may take.
    pub io_timeout: Duration,
    /// How often a transfer that broke off is resumed before it counts as failed.
    pub retries: u32,
    /// The most each transfer may move per second, up and down (`rate-limit`).
    pub rate: Rates,
    /// Where every transfer's outcome is logged (`transfer-log`); `None`: nowhere.
    pub transfer_log: Option<PathBuf>,
    /// How LIST lines are read: one dialect, or `Auto` to recognise it from the lines.
    pub listing_format: Dialect,
    /// How the server's names are read and written (`set encoding`).
    pub charset: Charset,
}

impl Default for NetSettings {
    fn default() -> Self {
        NetSettings {
            passive: true,
            trust_pasv_address: false,
            tls: TlsOptions::default(),
            connect_timeout: CONNECT_TIMEOUT,
            io_timeout: IO_TIMEOUT,
            retries: 3,
            rate: Rates::default(),
            transfer_log: default_transfer_log(),
            listing_format: Dialect::Auto,
            charset: Charset::Utf8,
        }
    }
}

/// The resolved settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A custom prompt format (`set prompt`), or the default.
    pub prompt: Option<String>,
    /// How transfers show progress.
    pub progress: ProgressMode,
    /// A summary line after each transfer.
    pub verbose: bool,
    /// Classic `#` marks instead of a bar.
    pub hash: bool,
    /// Ask before each file of mget, mput and mdelete (`None`: only when interactive).
    pub confirm: Option<bool>,
    /// Sessions used by batch transfers when no `-P` is given.
    pub parallel: usize,
    /// How long a remote Tab completion may take.
    pub completion_timeout: Duration,
    /// How often a NOOP goes out while the prompt waits (`None`: never, the default).
    pub keepalive: Option<Duration>,
    /// Transfers report JSON records instead of summary lines (`--json`).
    pub json: bool,
    /// What connections use.
    pub net: NetSettings,
    /// mget, mput and mdelete expand patterns (`glob`); off, every word is one literal name.
    pub glob: bool,
    /// Downloads name all-uppercase remote names in lowercase (`case`).
    pub case: bool,
    /// Downloads to an existing name go to NAME.1, NAME.2, ... instead (`runique`).
    pub runique: bool,
    /// Uploads to a name the remote directory has go to NAME.1, NAME.2, ... (`sunique`).
    pub sunique: bool,
    /// The most all transfers together may move per second, up and down (`total-rate-limit`).
    pub total_rate: Rates,
    /// How many entries of the queue run at a time (`queue-parallel`).
    pub queue_parallel: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            prompt: None,
            progress: ProgressMode::Auto,
            verbose: true,
            hash: false,
            confirm: None,
            parallel: 1,
            completion_timeout: COMPLETION_TIMEOUT,
            keepalive: None,
            json: false,
            net: NetSettings::default(),
            glob: true,
            case: false,
            runique: false,
            sunique: false,
            total_rate: Rates::default(),
            queue_parallel: 1,
        }
    }
}

/// One setting: how to show it and how to change it.
pub struct Setting {
    /// Its name in `set NAME VALUE`, in the config file, and (as `FTPSH_NAME`) in the environment.
    pub name: &'static str,
    /// What it does.
    pub help: &'static str,
    /// Its current value as `set` shows it.
    pub get: fn(&Settings) -> String,
    set: fn(&mut Settings, &str) -> Result<()>,
}

/// An on/off setting kept in the field of [`Settings`] named `$field`.
macro_rules! switch {
    ($name:literal, $help:literal, $($field:ident).+) => {
        Setting {
            name: $name,
            help: $help,
            get: |s| on_off(s.$($field).+),
            set: |s, v| parse_on_off($name, v).map(|b| s.$($field).+ = b),
        }
    };
}

/// Every setting, in the order `set` lists them.
pub static SETTINGS: &[Setting] = &[
    Setting {
        name: "prompt",
        help: "prompt format: %u user, %h host, %d remote dir (shortened), %D remote dir, \
               %l local dir, %% a percent sign; empty for the default",
        get: |s| s.prompt.clone().unwrap_or_default(),
        set: |s, v| {
            s.prompt = Some(v.to_string()).filter(|v| !v.is_empty());
            Ok(())
        },
    },
    Setting {
        name: "progress",
        help: "how transfers show progress: auto (a bar on a terminal), bar, plain (a line every \
               few seconds, for logs), none, json (one JSON object per event on stderr)",
        get: |s| s.progress.name().to_string(),
        set: |s, v| {
            s.progress =
                ProgressMode::parse(v).ok_or_else(|| bad("progress: auto, bar, plain, none or json"))?;
            Ok(())
        },
    },
    switch!("verbose", "a summary line after each transfer (on/off)", verbose),
    switch!("hash", "a # per MiB instead of a progress bar (on/off)", hash),
    Setting {
        name: "confirm",
        help: "ask before each file of mget, mput, mdelete (on/off; never in scripts)",
        get: |s| on_off(s.confirm.unwrap_or(true)),
        set: |s, v| parse_on_off("confirm", v).map(|b| s.confirm = Some(b)),
    },
    Setting {
        name: "parallel",
        help: "connections used by batch transfers (mget, mput, -r) without -P (1 to 64)",
        get: |s| s.parallel.to_string(),
        set: |s, v| count("parallel", v, 64).map(|n| s.parallel = n),
    },
    switch!("passive", "passive data connections (EPSV, else PASV); off for active (PORT/EPRT)", net.passive),
    switch!(
        "trust-pasv-address",
        "connect to the address in a PASV reply (off: the server's own address, as curl does)",
        net.trust_pasv_address
    ),
    Setting {
        name: "tls",
        help: "FTPS: auto (when the server offers it; says when a connection is not encrypted), \
               required (never send credentials in clear text), off",
        get: |s| s.net.tls.policy.name().to_string(),
        set: |s, v| {
            s.net.tls.policy = Policy::parse(v).ok_or_else(|| bad("tls: auto, required or off"))?;
            Ok(())
        },
    },
    Setting {
        name: "ca-file",
        help: "a PEM file of extra trusted certificates",
        get: |s| s.net.tls.ca_file.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
        set: |s, v| {
            s.net.tls.ca_file = Some(PathBuf::from(v)).filter(|p| !p.as_os_str().is_empty());
            Ok(())
        },
    },
    Setting {
        name: "timeout",
        help: "seconds one server reply, or a pause in a data transfer, may take",
        get: |s| seconds_text(s.net.io_timeout),
        set: |s, v| seconds("timeout", v).map(|d| s.net.io_timeout = d),
    },
    Setting {
        name: "connect-timeout",
        help: "seconds connecting to a server may take",
        get: |s| seconds_text(s.net.connect_timeout),
        set: |s, v| seconds("connect-timeout", v).map(|d| s.net.connect_timeout = d),
    },
    Setting {
        name: "retries",
        help: "how often a transfer that broke off is resumed (after 1, 2, 4... s) before it fails; 0 for never",
        get: |s| s.net.retries.to_string(),
        set: |s, v| {
            let n = v.parse().ok().filter(|n| *n <= 100);
            s.net.retries = n.ok_or_else(|| bad("retries: a number from 0 to 100"))?;
            Ok(())
        },
    },
    Setting {
        name: "listing-format",
        help: "how LIST lines are read: auto (recognised from the lines, the SYST reply first), \
               unix, dos, mlsd, vms, os2, netware, os400, mvs, eplf or tandem",
        get: |s| s.net.listing_format.name().to_string(),
        set: |s, v| {
            let names = Dialect::NAMES.join(", ");
            s.net.listing_format =
                Dialect::parse(v).ok_or_else(|| Error::Usage(format!("listing-format: one of {names}")))?;
            Ok(())
        },
    },
    Setting {
        name: "completion-timeout",
        help: "seconds a remote Tab completion may take before it gives up",
        get: |s| seconds_text(s.completion_timeout),
        set: |s, v| seconds("completion-timeout", v).map(|d| s.completion_timeout = d),
    },
    Setting {
        name: "rate-limit",
        help: "bytes per second each transfer may move: 2M, 500K (K = 1024), 0 for no limit; \
               UP:DOWN for uploads and downloads apart (2M:500K)",
        get: |s| s.net.rate.text(),
        set: |s, v| rates("rate-limit", v).map(|r| s.net.rate = r),
    },
    Setting {
        name: "total-rate-limit",
        help: "bytes per second all transfers together may move (shared fairly between them), \
               as rate-limit: 5M, UP:DOWN, 0 for no limit",
        get: |s| s.total_rate.text(),
        set: |s, v| rates("total-rate-limit", v).map(|r| s.total_rate = r),
    },
    Setting {
        name: "transfer-log",
        help: "one line per finished, failed or interrupted transfer: on (ftpsh/transfers.log in \
               the data directory), off, or a file",
        get: |s| s.net.transfer_log.as_ref().map_or_else(|| "off".to_string(), |p| p.display().to_string()),
        set: |s, v| {
            s.net.transfer_log = match parse_on_off("transfer-log", v) {
                Ok(true) => default_transfer_log(),
                Ok(false) => None,
                Err(_) if v.is_empty() => return Err(bad("transfer-log: on, off or a file")),
                Err(_) => Some(PathBuf::from(v)),
            };
            Ok(())
        },
    },
    Setting {
        name: "keepalive",
        help: "seconds between NOOPs sent while the prompt waits, so that idle timers (the \
               server's, a NAT's, a firewall's) do not close the connection; 0 for never (the default)",
        get: |s| s.keepalive.map_or_else(|| "0".to_string(), seconds_text),
        set: |s, v| {
            s.keepalive = if v == "0" { None } else { Some(seconds("keepalive", v)?) };
            Ok(())
        },
    },
    Setting {
        name: "queue-parallel",
        help: "how many entries of the queue run at a time, each on its own connection (1 to 16)",
        get: |s| s.queue_parallel.to_string(),
        set: |s, v| count("queue-parallel", v, 16).map(|n| s.queue_parallel = n),
    },
    Setting {
        name: "encoding",
        help: "how the server's names are read and written: utf-8, latin1, shift-jis, cp1252, \
               euc-kr, gbk, big5, ... (bytes that do not decode are kept, shown as \\xNN)",
        get: |s| s.net.charset.name(),
        set: |s, v| {
            s.net.charset = Charset::parse(v).ok_or_else(|| {
                Error::Usage(format!("encoding: utf-8, latin1, shift-jis, cp1252, ... not '{v}'"))
            })?;
            Ok(())
        },
    },
    switch!("glob", "mget, mput and mdelete expand *, ?, [...] and {a,b} (on/off; off: literal names)", glob),
    switch!("case", "get and mget save all-uppercase remote names in lowercase (on/off)", case),
    switch!(
        "runique",
        "get and mget save to NAME.1, NAME.2, ... when NAME exists, instead of asking (on/off)",
        runique
    ),
    switch!(
        "sunique",
        "put and mput store as NAME.1, NAME.2, ... when the remote directory has NAME (on/off)",
        sunique
    ),
];

/// Where the transfer log is by default: `ftpsh/transfers.log` in the data directory.
pub fn default_transfer_log() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("ftpsh").join("transfers.log"))
}

/// A number from 1 to `max`.
fn count(name: &str, v: &str, max: usize) -> Result<usize> {
    let n = v.parse().ok().filter(|n| (1..=max).contains(n));
    n.ok_or_else(|| Error::Usage(format!("{name}: a number from 1 to {max}")))
}

/// A rate limit ([`Rates::parse`]).
fn rates(name: &str, v: &str) -> Result<Rates> {
    Rates::parse(v).ok_or_else(|| {
        Error::Usage(format!("{name}: bytes per second (2M, 500K, 0 for none) or UP:DOWN, not '{v}'"))
    })
}

fn bad(msg: &str) -> Error {
    Error::Usage(msg.to_string())
}

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

/// The setting called `name`.
pub fn find(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}

/// The names of every setting.
pub fn names() -> impl Iterator<Item = &'static str> {
    SETTINGS.iter().map(|s| s.name)
}

/// Sets `name` to `value` in `settings` (as `set` does).
pub fn apply(settings: &mut Settings, name: &str, value: &str) -> Result<()> {
    let setting = find(name).ok_or_else(|| {
        Error::Usage(format!("unknown setting '{name}' (known: {})", names().collect::<Vec<_>>().join(", ")))
    })?;
    (setting.set)(settings, value)
}

/// `(name, value)` pairs from one source.
pub type Pairs = Vec<(String, String)>;

/// The command line's say: settings by name, plus what only the command line sets.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--tls`, `--timeout`, ... as settings.
    pub settings: Pairs,
    /// `--pin` fingerprints (lowercase hex).
    pub pins: Vec<String>,
    /// `--insecure`.
    pub insecure: bool,
    /// `--json`.
    pub json: bool,
}

/// Every source of settings, lowest first. [`resolve`] layers them.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    /// The config file (top level and `[host."NAME"]` sections).
    pub file: Config,
    /// `FTPSH_NAME` variables.
    pub env: Pairs,
    /// The command line.
    pub flags: Flags,
    /// `set` (and `passive`, `hash`, ...) in this session, in order.
    pub session: Pairs,
}

impl Layers {
    /// The `FTPSH_NAME` variables of the process environment that name settings
    /// (`FTPSH_CONNECT_TIMEOUT=5` is `connect-timeout`).
    pub fn env_from_process() -> Pairs {
        let var = |name: &str| format!("FTPSH_{}", name.to_ascii_uppercase().replace('-', "_"));
        names().filter_map(|n| std::env::var(var(n)).ok().map(|v| (n.to_string(), v))).collect()
    }
}

/// The settings in force for a connection to `host` (or before any connection): every layer,
/// in order, each overriding the ones before it. An error names the layer that was wrong.
pub fn resolve(layers: &Layers, host: Option<&str>) -> Result<Settings> {
    let mut settings = Settings::default();
    let section = host.map(|h| (format!("config [host.\"{h}\"]"), layers.file.host_settings(h)));
    let sources = [
        Some(("config".to_string(), layers.file.settings().to_vec())),
        section,
        Some(("environment".to_string(), layers.env.clone())),
        Some(("command line".to_string(), layers.flags.settings.clone())),
    ];
    for (origin, pairs) in sources.into_iter().flatten() {
        for (name, value) in &pairs {
            apply(&mut settings, name, value)
                .map_err(|e| Error::Config(format!("{origin}: {}", message(e))))?;
        }
    }
    settings.net.tls.pins.extend(layers.flags.pins.iter().cloned());
    settings.net.tls.insecure |= layers.flags.insecure;
    settings.json |= layers.flags.json;
    for (name, value) in &layers.session {
        apply(&mut settings, name, value)?;
    }
    Ok(settings)
}

/// The text of a settings error without its class prefix.
fn message(e: Error) -> String {
    match e {
        Error::Usage(m) | Error::Config(m) => m,
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Pairs {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn file() -> Config {
        Config::parse(
            "timeout = 50\ntls = \"required\"\nhash = true\n\
             [host.\"plain.example\"]\ntls = \"off\"\ntimeout = 3\nparallel = 2\n",
        )
        .unwrap()
    }

    #[test]
    fn defaults_when_nothing_is_said() {
        let s = resolve(&Layers::default(), Some("any")).unwrap();
        assert_eq!((s.net.io_timeout, s.net.tls.policy, s.parallel), (IO_TIMEOUT, Policy::Auto, 1));
    }

    #[test]
    fn the_file_beats_defaults_and_a_host_section_beats_the_file() {
        let layers = Layers { file: file(), ..Layers::default() };
        let top = resolve(&layers, None).unwrap();
        assert_eq!(
            (top.net.io_timeout.as_secs(), top.net.tls.policy, top.hash),
            (50, Policy::Required, true)
        );
        let host = resolve(&layers, Some("PLAIN.example")).unwrap();
        assert_eq!((host.net.io_timeout.as_secs(), host.net.tls.policy, host.parallel), (3, Policy::Off, 2));
        assert!(host.hash, "what the section does not say comes from the top level");
    }

    #[test]
    fn the_environment_beats_the_host_section() {
        let layers = Layers { file: file(), env: pairs(&[("timeout", "9")]), ..Layers::default() };
        assert_eq!(resolve(&layers, Some("plain.example")).unwrap().net.io_timeout.as_secs(), 9);
    }

    #[test]
    fn command_line_flags_beat_the_host_section_and_the_environment() {
        let flags = Flags { settings: pairs(&[("tls", "required"), ("timeout", "7")]), ..Flags::default() };
        let layers = Layers { file: file(), env: pairs(&[("timeout", "9")]), flags, ..Layers::default() };
        let s = resolve(&layers, Some("plain.example")).unwrap();
        assert_eq!(s.net.tls.policy, Policy::Required, "--tls required must beat tls = \"off\"");
        assert_eq!(s.net.io_timeout.as_secs(), 7, "--timeout must beat the section and FTPSH_TIMEOUT");
        assert_eq!(s.parallel, 2, "what the flags do not say still comes from the section");
    }

    #[test]
    fn set_in_the_session_beats_everything() {
        let flags = Flags { settings: pairs(&[("timeout", "7")]), ..Flags::default() };
        let layers = Layers { file: file(), flags, session: pairs(&[("timeout", "1")]), ..Layers::default() };
        assert_eq!(resolve(&layers, Some("plain.example")).unwrap().net.io_timeout.as_secs(), 1);
    }

    #[test]
    fn a_bad_value_names_its_layer() {
        let layers = Layers { env: pairs(&[("retries", "many")]), ..Layers::default() };
        match resolve(&layers, None) {
            Err(Error::Config(m)) => assert!(m.starts_with("environment: retries"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn listing_format_takes_a_dialect_name() {
        let layers = Layers { session: pairs(&[("listing-format", "VMS")]), ..Layers::default() };
        let s = resolve(&layers, None).unwrap();
        assert_eq!((find("listing-format").unwrap().get)(&s), "vms");
        let bad = Layers { session: pairs(&[("listing-format", "cobol")]), ..Layers::default() };
        assert!(matches!(resolve(&bad, None), Err(Error::Usage(m)) if m.contains("auto, unix, dos")));
    }

    #[test]
    fn command_line_only_values_survive_resolution() {
        let flags = Flags { pins: vec!["ab".into()], insecure: true, json: true, ..Flags::default() };
        let s = resolve(&Layers { flags, ..Layers::default() }, Some("h")).unwrap();
        assert!(s.net.tls.insecure && s.json && s.net.tls.pins == ["ab"]);
    }
}
