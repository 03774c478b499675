//! One-shot commands (`ftpsh get URL...`, `put`, `ls`, `cat`, `mkdir`, `rm`): each is turned into
//! the shell's own command lines and run by the same [`Shell`], so it behaves exactly like the
//! shell (transfers, verification, errors, exit codes). URLs for the same server share one
//! connection. Every failure is reported; the first one decides the exit code.

use std::path::Path;

use crate::address::Target;
use crate::cli::OneShot;
use crate::commands::{LoginOptions, open_target, resolve_target};
use crate::error::{Error, Result};
use crate::repl::Shell;
use crate::repl::lexer::quote_word;
use crate::transfer::local_name_for;

/// One command line to run on one server.
struct Step {
    target: Target,
    line: String,
}

/// Runs a one-shot command; returns the exit code.
pub fn run(shell: &mut Shell, command: &OneShot, user: Option<&str>) -> i32 {
    let steps = match plan(command) {
        Ok(steps) => steps,
        Err(e) => {
            shell.ui.error(None, &e);
            return e.exit_code();
        }
    };
    let opts = LoginOptions { user: user.map(String::from), no_login: false, anonymous_by_default: true };
    let mut first = 0;
    let mut connected: Option<Target> = None;
    for step in steps {
        let result =
            connect_for(shell, &step.target, &mut connected, &opts).and_then(|()| shell.execute(&step.line));
        if let Err(e) = result {
            shell.ui.error(None, &e);
            if first == 0 {
                first = e.exit_code();
            }
            if e.exit_code() == 130 {
                break;
            }
        }
    }
    shell.session.close();
    first
}

/// Opens a connection to `target`'s server unless the last step already did.
fn connect_for(
    shell: &mut Shell,
    target: &Target,
    connected: &mut Option<Target>,
    opts: &LoginOptions,
) -> Result<()> {
    let server = Target { path: None, ..target.clone() };
    if connected.as_ref() == Some(&server) && shell.session.is_logged_in() {
        return Ok(());
    }
    *connected = None;
    let saved = shell.ui.quiet;
    shell.ui.quiet = true;
    let opened = open_target(shell, &server, opts);
    shell.ui.quiet = saved;
    opened?;
    *connected = Some(server);
    Ok(())
}

/// The command lines a one-shot command stands for.
fn plan(command: &OneShot) -> Result<Vec<Step>> {
    let step = |url: &str, make: &dyn Fn(&str) -> String| -> Result<Step> {
        let target = url_target(url)?;
        let path = target.path.clone().unwrap_or_default();
        Ok(Step { line: make(&path), target })
    };
    match command {
        OneShot::Get { urls, output, dir, resume, force } => {
            if output.is_some() && urls.len() > 1 {
                return Err(Error::Usage("-o FILE takes one URL; use -O DIR for several".into()));
            }
            let flags = format!("{}{}", if *resume { "-c " } else { "" }, if *force { "-f " } else { "" });
            urls.iter()
                .map(|url| {
                    let local = |path: &str| -> Result<String> {
                        Ok(match (output, dir) {
                            (Some(o), _) => o.clone(),
                            (None, Some(d)) => d.join(local_name_for(path)?).display().to_string(),
                            (None, None) => local_name_for(path)?.display().to_string(),
                        })
                    };
                    let target = url_target(url)?;
                    let path = target.path.clone().unwrap_or_default();
                    let line = format!("get {flags}{} {}", quote_word(&path), quote_word(&local(&path)?));
                    Ok(Step { target, line })
                })
                .collect()
        }
        OneShot::Put { args, resume } => {
            let (url, files) = args.split_last().ok_or_else(|| Error::Usage("put FILE... URL".into()))?;
            let flag = if *resume { "-c " } else { "" };
            let target = url_target(url)?;
            let path = target.path.clone().unwrap_or_default();
            let into_dir = files.len() > 1 || path.is_empty() || url.ends_with('/');
            files
                .iter()
                .map(|file| {
                    let name = Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned());
                    let name = name.ok_or_else(|| Error::Usage(format!("{file}: not a file name")))?;
                    let remote = if into_dir { join(&path, &name) } else { path.clone() };
                    let line = format!("put {flag}{} {}", quote_word(file), quote_word(&remote));
                    Ok(Step { target: target.clone(), line })
                })
                .collect()
        }
        // A URL without a path lists the login directory: no argument at all.
        OneShot::Ls { url } => Ok(vec![step(url, &|p| {
            if p.is_empty() { "ls".into() } else { format!("ls {}", quote_word(p)) }
        })?]),
        OneShot::Cat { url } => Ok(vec![step(url, &|p| format!("get {} -", quote_word(p)))?]),
        OneShot::Mkdir { url } => Ok(vec![step(url, &|p| format!("mkdir {}", quote_word(p)))?]),
        OneShot::Rm { url } => Ok(vec![step(url, &|p| format!("delete {}", quote_word(p)))?]),
        OneShot::Mirror { args } => {
            let url = args
                .iter()
                .find(|a| a.contains("://"))
                .ok_or_else(|| Error::Usage("mirror needs an ftp:// URL as its source or target".into()))?;
            let target = url_target(url)?;
            let path = target.path.clone().unwrap_or_else(|| ".".into());
            let words: Vec<String> =
                args.iter().map(|a| if a == url { quote_word(&path) } else { quote_word(a) }).collect();
            Ok(vec![Step { line: format!("mirror {}", words.join(" ")), target }])
        }
        OneShot::Completions { .. } | OneShot::Man => Ok(Vec::new()),
    }
}

/// An `ftp://` URL or a bookmark as a target.
fn url_target(spec: &str) -> Result<Target> {
    resolve_target(spec, None)
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{}/{name}", dir.trim_end_matches('/')) }
}
