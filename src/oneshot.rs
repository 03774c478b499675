//! One-shot commands (`ftpsh get URL...`, `put`, `ls`, `cat`, `mkdir`, `rm`, `mirror`): each
//! becomes invocations of the shell's own commands (a command name and its words, built in code,
//! never a line to re-split) run by the same [`Shell`], so it behaves exactly like the shell
//! (transfers, verification, errors, exit codes). URLs for the same server share one
//! connection. Every failure is reported; the first one decides the exit status.

use std::path::Path;

use crate::address::{Target, mask_password};
use crate::cli::OneShot;
use crate::commands;
use crate::error::{Error, Exit, Result};
use crate::exit::FirstFailure;
use crate::interp::Flow;
use crate::login::{LoginOptions, open_target, resolve_target};
use crate::shell::Shell;
use crate::transfer::local_name_for;

/// One command to run on one server.
struct Step {
    target: Target,
    command: &'static str,
    words: Vec<String>,
    /// What its errors are labelled with: the command and the URL (its password masked).
    label: String,
    /// For an upload to a URL without a trailing slash: the file's name, to go inside the
    /// URL's path when that turns out to be a directory.
    into_dir: Option<String>,
}

impl Step {
    /// `command` on `url` with the flags named (by their long names) and the arguments, which
    /// follow `--` when the command has flags, so that no name is taken for one.
    fn new(target: Target, url: &str, command: &'static str, flags: &[&str], args: Vec<String>) -> Step {
        let spec = commands::lookup(command).expect("one-shot commands are in the table");
        let has_flags = spec.syntaxes().iter().any(|s| !s.flags.is_empty());
        let mut words: Vec<String> = flags.iter().map(|f| format!("--{f}")).collect();
        if has_flags {
            words.push("--".to_string());
        }
        words.extend(args);
        let label = format!("{command}: {}", mask_password(url));
        Step { target, command, words, label, into_dir: None }
    }

    /// Runs the step on the connected shell; an upload to a directory's URL goes inside it.
    fn run(mut self, shell: &mut Shell) -> Result<Flow> {
        if let Some(name) = self.into_dir.take() {
            let remote = self.words.last_mut().expect("put has its remote path last");
            if is_remote_dir(shell, remote)? {
                *remote = join(remote, &name);
            }
        }
        shell.invoke(self.command, &self.words)
    }
}

/// Whether `path` is a directory on the server: whether it can be entered (and left again).
fn is_remote_dir(shell: &mut Shell, path: &str) -> Result<bool> {
    let Some(back) = shell.session.cwd().map(str::to_string) else { return Ok(false) };
    if shell.session.cd(path).is_err() {
        return Ok(false);
    }
    shell.session.cd(&back)?;
    Ok(true)
}

/// Runs a one-shot command; returns the exit status.
pub fn run(shell: &mut Shell, command: &OneShot, user: Option<&str>) -> Exit {
    let steps = match plan(command) {
        Ok(steps) => steps,
        Err(e) => {
            shell.ui.error(None, &e);
            return e.exit();
        }
    };
    let opts = LoginOptions { user: user.map(String::from), no_login: false, anonymous_by_default: true };
    let mut first = FirstFailure::default();
    let mut connected: Option<Target> = None;
    shell.ui.resume_hint = "`ftpsh get -c URL`";
    for step in steps {
        let label = step.label.clone();
        let result = connect_for(shell, &step.target, &mut connected, &opts).and_then(|()| step.run(shell));
        if let Err(e) = result {
            shell.ui.error(Some(&label), &e);
            if first.record(e.exit()) == Exit::Interrupted {
                break;
            }
        }
    }
    shell.session.close();
    first.exit()
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

/// The steps a one-shot command stands for.
fn plan(command: &OneShot) -> Result<Vec<Step>> {
    let on_path = |url: &str, command: &'static str| -> Result<Step> {
        let (target, path) = url_target(url)?;
        Ok(Step::new(target, url, command, &[], vec![path]))
    };
    match command {
        OneShot::Get { urls, output, dir, resume, force, recursive } => {
            if output.is_some() && urls.len() > 1 {
                return Err(Error::Usage("-o FILE takes one URL; use -O DIR for several".into()));
            }
            let flags: Vec<&str> = [(*resume, "continue"), (*force, "force"), (*recursive, "recursive")]
                .into_iter()
                .filter_map(|(on, name)| on.then_some(name))
                .collect();
            urls.iter()
                .map(|url| {
                    let (target, path) = url_target(url)?;
                    let local = match (output, dir) {
                        (Some(o), _) => o.clone(),
                        (None, Some(d)) => d.join(local_name_for(&path)?).display().to_string(),
                        (None, None) => local_name_for(&path)?.display().to_string(),
                    };
                    Ok(Step::new(target, url, "get", &flags, vec![path, local]))
                })
                .collect()
        }
        OneShot::Put { args, resume } => {
            let (url, files) = args.split_last().ok_or_else(|| Error::Usage("put FILE... URL".into()))?;
            let flags: &[&str] = if *resume { &["continue"] } else { &[] };
            let (target, path) = url_target(url)?;
            let into_dir = files.len() > 1 || path.is_empty() || url.ends_with('/');
            files
                .iter()
                .map(|file| {
                    let name = Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned());
                    let name = name.ok_or_else(|| Error::Usage(format!("{file}: not a file name")))?;
                    let remote = if into_dir { join(&path, &name) } else { path.clone() };
                    let mut step = Step::new(target.clone(), url, "put", flags, vec![file.clone(), remote]);
                    step.into_dir = (!into_dir).then_some(name);
                    Ok(step)
                })
                .collect()
        }
        // A URL without a path lists the login directory: no argument at all.
        OneShot::Ls { url } => {
            let (target, path) = url_target(url)?;
            let args = if path.is_empty() { Vec::new() } else { vec![path] };
            Ok(vec![Step::new(target, url, "ls", &[], args)])
        }
        OneShot::Cat { url } => {
            let (target, path) = url_target(url)?;
            Ok(vec![Step::new(target, url, "get", &[], vec![path, "-".into()])])
        }
        OneShot::Mkdir { url } => Ok(vec![on_path(url, "mkdir")?]),
        OneShot::Rm { url } => Ok(vec![on_path(url, "delete")?]),
        OneShot::Mirror { args } => {
            let url = args
                .iter()
                .find(|a| a.contains("://"))
                .ok_or_else(|| Error::Usage("mirror needs an ftp:// URL as its source or target".into()))?;
            let (target, path) = url_target(url)?;
            let path = if path.is_empty() { ".".to_string() } else { path };
            // The user's own words, as the shell's `mirror` reads them, with the URL as its path.
            let words = args.iter().map(|a| if a == url { path.clone() } else { a.clone() }).collect();
            let label = format!("mirror: {}", mask_password(url));
            Ok(vec![Step { target, command: "mirror", words, label, into_dir: None }])
        }
        OneShot::Completions { .. } | OneShot::Man => Ok(Vec::new()),
    }
}

/// An `ftp://` URL or a bookmark as a target, and the path it names (empty for none).
fn url_target(spec: &str) -> Result<(Target, String)> {
    let target = resolve_target(spec, None)?;
    let path = target.path.clone().unwrap_or_default();
    Ok((target, path))
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{}/{name}", dir.trim_end_matches('/')) }
}
