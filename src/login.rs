//! Connecting and logging in, shared by `open`, the command line and one-shot commands: targets
//! (bookmarks, hosts, URLs), the settings for the host, certificate trust (remembered, or asked
//! once or always in the interactive shell), the TLS memory (a server that spoke TLS once is
//! remembered, and from then on `auto` requires TLS of it), the user name and password (URL,
//! `-u`, the config file, `FTPSH_PASSWORD`, the netrc, a question) and the URL's start directory.

use crate::address::Target;
use crate::bookmarks::Bookmarks;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::macros;
use crate::netrc;
use crate::session::Connected;
use crate::shell::Shell;
use crate::tls;
use crate::ui::Output;
use crate::ui::render::wrap;

/// The password sent for anonymous logins.
const ANONYMOUS_PASSWORD: &str = "ftpsh@";

/// How to log in after connecting.
#[derive(Debug, Clone, Default)]
pub struct LoginOptions {
    /// The user to log in as when the target names none (`-u`).
    pub user: Option<String>,
    /// Skip the automatic login (`-n`).
    pub no_login: bool,
    /// With no user known, log in as anonymous instead of asking (one-shot commands).
    pub anonymous_by_default: bool,
}

/// A bookmark's target when `spec` names one (and no port is given), else `spec` parsed as a
/// host or URL.
pub fn resolve_target(spec: &str, port: Option<&str>) -> Result<Target> {
    if port.is_none()
        && !spec.contains("://")
        && let Some(target) = Bookmarks::user().map(|b| b.get(spec)).transpose()?.flatten()
    {
        return Ok(target);
    }
    Target::parse(spec, port)
}

/// Connects to `target` with the settings resolved for its host, shows the banner, logs in
/// unless told not to, and enters the URL's start directory.
pub fn open_target(sh: &mut Shell, target: &Target, opts: &LoginOptions) -> Result<Output> {
    sh.settle_for(&target.host)?;
    let connected = connect_trusting(sh, target)?;
    if connected.encrypted {
        remember_tls(sh, &target.authority());
    }
    sh.ui.status(&format!("Connected to {}.", target.authority()));
    if !connected.banner.is_empty() {
        sh.ui.status(&connected.banner);
    }
    if !connected.encrypted && sh.settings().net.tls.policy == tls::Policy::Auto {
        sh.ui.status("Note: this connection is not encrypted (the server offers no TLS); use --tls required to refuse such servers.");
    }
    if opts.no_login {
        return Ok(Output::Nothing);
    }
    let netrc = netrc_entry(&target.host)?;
    let user = target
        .user
        .clone()
        .or_else(|| opts.user.clone())
        .or_else(|| sh.layers().file.host_user(&target.host));
    let user = match user.or_else(|| netrc.as_ref().and_then(|n| n.login.clone())) {
        Some(u) => u,
        None if opts.anonymous_by_default => "anonymous".to_string(),
        None => ask_user(sh, &target.host),
    };
    interrupt::check()?;
    let macros = netrc.as_ref().map(|n| n.macros.clone()).unwrap_or_default();
    // The netrc password goes with its login (or with an entry that names none).
    let netrc_password =
        netrc.filter(|n| n.login.as_deref().is_none_or(|l| l == user)).and_then(|n| n.password);
    login(sh, &user, target.password.clone(), netrc_password, target.path.as_deref())?;
    let cwd = format!("Remote directory: {}", sh.session.cwd().unwrap_or("?"));
    Ok(define_macros(sh, macros).map_or(Output::Status(cwd.clone()), |init| {
        sh.ui.status(&cwd);
        init
    }))
}

/// Defines the `.netrc` entry's macros; its `init` macro, if any, is what runs next (as the last
/// step of the login, as in ftp(1)).
fn define_macros(sh: &mut Shell, macros: Vec<(String, Vec<String>)>) -> Option<Output> {
    let has_init = macros.iter().any(|(name, _)| name == macros::INIT);
    for (name, body) in macros {
        sh.macros.define(&name, body);
    }
    let init = sh.macros.expand(macros::INIT, &[]).ok().filter(|_| has_init)?;
    Some(Output::Run { name: macros::INIT.to_string(), lines: init })
}

/// Connects, with what is remembered about the server's TLS ([`recall`]). In the interactive
/// shell a certificate that fails verification (but did not change) is shown and can be trusted
/// once or always.
fn connect_trusting(sh: &mut Shell, target: &Target) -> Result<Connected> {
    let store = Bookmarks::user();
    recall(sh, store.as_ref(), &target.authority())?;
    let cert = match sh.session.connect(target) {
        Err(Error::Certificate { cert, .. }) if sh.ui.interactive && !cert.changed => cert,
        other => return other,
    };
    sh.ui.status(&certificate_question(&target.host, &cert));
    let answer = sh.ui.ask("Trust this certificate? (o)nce, (a)lways, (N)o: ").unwrap_or_default();
    let fingerprint = cert.fingerprint();
    match answer.trim().to_ascii_lowercase().as_str() {
        "o" | "once" => {}
        "a" | "always" => match &store {
            Some(s) => s.trust_certificate(&target.authority(), &fingerprint)?,
            None => return Err(Error::Tls("no config directory to remember the certificate in".into())),
        },
        _ => {
            let message = format!("the certificate of {} was not trusted", target.host);
            return Err(Error::Certificate { message, cert });
        }
    }
    sh.session.trusted_once.push(tls::parse_pin(&fingerprint)?);
    sh.session.connect(target)
}

/// The width the certificate question's sentences are wrapped to (a 60-column terminal).
const QUESTION_WIDTH: usize = 60;

/// What the shell shows before asking whether to trust a refused certificate: why it is not
/// trusted, in words, the certificate (issued to, by, for which names, when, fingerprint), and
/// the ways to trust it from inside the shell.
fn certificate_question(host: &str, cert: &tls::Presented) -> String {
    let why = cert.refused.as_deref().unwrap_or("it could not be verified");
    let mut lines =
        vec![wrap(&format!("The certificate of {host} is not trusted: {why}."), QUESTION_WIDTH, 0)];
    let details =
        cert.details().into_iter().map(|(label, value)| format!("  {:<13}{value}", format!("{label}:")));
    lines.extend(details);
    lines.push(wrap(
        "Trust it once (for this session) or always (remembered for this server). Or answer no, \
         then `set ca-file PEM` to trust its issuer, or `set tls off` to connect without TLS.",
        QUESTION_WIDTH,
        0,
    ));
    lines.join("\n")
}

/// Hands the session what is remembered about the server at `authority`: its certificate, and
/// whether it spoke TLS before (then the `auto` policy requires TLS of it).
fn recall(sh: &mut Shell, store: Option<&Bookmarks>, authority: &str) -> Result<()> {
    let remembered = store.map(|s| s.certificate(authority)).transpose()?.flatten();
    sh.session.remembered = remembered.as_deref().map(tls::parse_pin).transpose()?;
    // A certificate trusted once was trusted for the server it came from, not for this one.
    sh.session.trusted_once.clear();
    if store.map(|s| s.tls_since(authority)).transpose()?.flatten().is_some() {
        sh.session.know_tls(authority);
    }
    Ok(())
}

/// Remembers, beside the trusted certificates, that the server at `authority` speaks TLS, so
/// that later sessions refuse it without TLS. Not being able to write the memory is said, not
/// fatal.
fn remember_tls(sh: &mut Shell, authority: &str) {
    let Some(store) = Bookmarks::user() else { return };
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    if let Err(e) = store.remember_tls(authority, &today) {
        sh.ui.status(&format!("Note: cannot remember that {authority} speaks TLS: {e}"));
    }
}

/// The netrc entry for `host`, if there is a netrc.
fn netrc_entry(host: &str) -> Result<Option<netrc::Credentials>> {
    match netrc::path() {
        Some(path) => netrc::credentials_for(&path, host),
        None => Ok(None),
    }
}

fn ask_user(sh: &mut Shell, host: &str) -> String {
    let answer = sh.ui.ask(&format!("Name ({host}, Enter for anonymous): "));
    answer.map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).unwrap_or_else(|| "anonymous".into())
}

fn is_anonymous(user: &str) -> bool {
    matches!(user, "anonymous" | "ftp")
}

/// Logs in, then enters `start` (the URL's directory) or asks where the login landed (PWD). The
/// password comes from the URL, else `FTPSH_PASSWORD`, else the netrc, else it is asked for
/// without echo (anonymous logins need none, and never get `FTPSH_PASSWORD`).
pub fn login(
    sh: &mut Shell,
    user: &str,
    password: Option<String>,
    netrc: Option<String>,
    start: Option<&str>,
) -> Result<()> {
    let password = match password {
        Some(p) => p,
        // Never offer a real password (FTPSH_PASSWORD) to an anonymous login.
        None if is_anonymous(user) => netrc.unwrap_or_else(|| ANONYMOUS_PASSWORD.to_string()),
        None => std::env::var("FTPSH_PASSWORD")
            .ok()
            .or(netrc)
            .or_else(|| sh.ui.ask_secret("Password: "))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "no password for {user} (give it in the URL, FTPSH_PASSWORD or ~/.netrc)"
                ))
            })?,
    };
    // Ctrl-C cannot cut a prompt short (the terminal must get its echo back): honour it after.
    interrupt::check()?;
    sh.session.sign_in(user, &password)?;
    sh.ui.status(&format!("Logged in as {user}."));
    match start {
        Some(path) => enter_start_dir(sh, path),
        None => sh.session.refresh_cwd(),
    }
}

/// Enters the URL's directory; when it names a file, enters the file's directory instead. When
/// neither can be entered, the session still learns where it is (PWD) before the error returns.
fn enter_start_dir(sh: &mut Shell, path: &str) -> Result<()> {
    let entered = match sh.session.cd(path) {
        Ok(()) => Ok(()),
        Err(e @ Error::Server(_)) => match path.rsplit_once('/') {
            Some((parent, _)) if !parent.is_empty() => sh.session.cd(parent),
            _ => Err(e),
        },
        Err(e) => Err(e),
    };
    if entered.is_err() {
        let _ = sh.session.refresh_cwd();
    }
    entered
}
