//! Browsing handlers from tnftp and lftp: `cat` and `page` (a remote file printed, or shown
//! through the pager, read through the same download path as `get FILE -`), `lpage`, `lls`,
//! `mls` and `mdir` (listings of several paths into a local file), `du` and `find` (remote trees
//! read by the one walker, [`walk`]). File contents reaching a terminal are sanitized
//! ([`Clean`]) unless `--raw` asks otherwise; nothing is written to a temporary file.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use super::parse::Call;
use super::programs;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::shell::Shell;
use crate::transfer::batch::matcher;
use crate::transfer::walk::{self, Kind, Tree, Why};
use crate::transfer::{self, Silent};
use crate::ui::Output;
use crate::ui::clean::Clean;
use crate::ui::render::{human_bytes, sanitize};

/// `cat FILE`: the file on stdout; on a terminal with escapes shown, not run (unless `--raw`).
pub fn cat(sh: &mut Shell, call: &Call) -> Result<Output> {
    let (remote, raw) = (&call.args()[0], call.has("raw"));
    if raw || !sh.ui.stdout_tty {
        transfer::download_to(&mut sh.session, remote, sh.ui.data(), &mut Silent)?;
        return Ok(Output::Nothing);
    }
    let mut clean = Clean::new(sh.ui.data());
    transfer::download_to(&mut sh.session, remote, &mut clean, &mut Silent)?;
    clean.finish().map_err(|e| Error::local("-", e))?;
    Ok(Output::Nothing)
}

/// `page FILE`: on a terminal the file goes through the pager's standard input (a pipe, no
/// temporary file), sanitized unless `--raw`; elsewhere it is printed as `cat` does. Quitting
/// the pager early ends the download quietly.
pub fn page(sh: &mut Shell, call: &Call) -> Result<Output> {
    if !sh.ui.stdout_tty {
        return cat(sh, call);
    }
    let (remote, raw) = (&call.args()[0], call.has("raw"));
    let mut pager = programs::pager().stdin(Stdio::piped()).spawn().map_err(|e| Error::local("$PAGER", e))?;
    let input = pager.stdin.take().expect("the pager's stdin is piped");
    let fed = if raw {
        let mut input = input;
        transfer::download_to(&mut sh.session, remote, &mut input, &mut Silent).map(drop)
    } else {
        let mut clean = Clean::new(input);
        transfer::download_to(&mut sh.session, remote, &mut clean, &mut Silent)
            .and_then(|_| clean.finish().map(drop).map_err(|e| Error::local("$PAGER", e)))
    };
    let status = pager.wait().map_err(|e| Error::local("$PAGER", e))?;
    match fed {
        Err(e) if !pager_quit(&e) => Err(e),
        _ if !status.success() => {
            Err(Error::local("$PAGER", io::Error::other(format!("pager failed ({status})"))))
        }
        _ => Ok(Output::Nothing),
    }
}

/// Whether a download into the pager failed only because the pager was quit before the end.
fn pager_quit(e: &Error) -> bool {
    match e {
        Error::Transfer { source, .. } => pager_quit(source),
        Error::Local { source, .. } => source.kind() == io::ErrorKind::BrokenPipe,
        _ => false,
    }
}

/// `lpage FILE`: a local file through the pager on a terminal, else printed.
pub fn lpage(sh: &mut Shell, call: &Call) -> Result<Output> {
    let path = Path::new(&call.args()[0]);
    let mut file = File::open(path).map_err(|e| Error::local(path, e))?;
    if !sh.ui.stdout_tty {
        io::copy(&mut file, sh.ui.data()).map_err(|e| Error::local(path, e))?;
        return Ok(Output::Nothing);
    }
    run_local(programs::pager().stdin(file), "$PAGER")
}

/// `lls [ARGS]`: the local `ls` with the words as its arguments; its output is the shell's
/// stdout (the terminal itself when there is one, so `ls` formats for it).
pub fn lls(sh: &mut Shell, call: &Call) -> Result<Output> {
    let mut ls = Command::new("ls");
    ls.args(call.args());
    if sh.ui.stdout_tty {
        return run_local(&mut ls, "ls");
    }
    let out = ls.stderr(Stdio::inherit()).output().map_err(|e| Error::local("ls", e))?;
    sh.ui.data().write_all(&out.stdout).map_err(|e| Error::local("-", e))?;
    check_status(out.status, "ls")
}

/// Runs a local program on the terminal and waits for it.
fn run_local(cmd: &mut Command, name: &str) -> Result<Output> {
    let status = cmd.status().map_err(|e| Error::local(name, e))?;
    check_status(status, name)
}

fn check_status(status: std::process::ExitStatus, name: &str) -> Result<Output> {
    if status.success() {
        Ok(Output::Nothing)
    } else {
        Err(Error::local(name, io::Error::other(format!("failed ({status})"))))
    }
}

/// `mls REMOTE... LOCAL`: the names (NLST) in each REMOTE, into LOCAL (`-`: stdout).
pub fn mls(sh: &mut Shell, call: &Call) -> Result<Output> {
    listings(sh, call, true)
}

/// `mdir REMOTE... LOCAL`: the listings (LIST) of each REMOTE, into LOCAL (`-`: stdout).
pub fn mdir(sh: &mut Shell, call: &Call) -> Result<Output> {
    listings(sh, call, false)
}

/// The listings of every REMOTE, one after the other, into LOCAL: to stdout sanitized as they
/// arrive, or to a local file through its partial name, renamed when complete. An existing
/// LOCAL is replaced only after you confirm.
fn listings(sh: &mut Shell, call: &Call, names: bool) -> Result<Output> {
    let verb = if names { "mls" } else { "mdir" };
    let Some((local, remotes)) = call.args().split_last().filter(|(_, r)| !r.is_empty()) else {
        return Err(Error::Usage(format!("{verb} REMOTE... LOCAL (`-` for the screen)")));
    };
    if local == "-" {
        let mut out = sh.ui.stream();
        for remote in remotes {
            list(&mut sh.session, remote, names, |line| out.line(line))?;
        }
        return Ok(Output::Nothing);
    }
    let local = Path::new(local);
    let replace = local.exists()
        && sh
            .ui
            .ask(&format!("{} exists. Overwrite? [y/N] ", local.display()))
            .is_some_and(|a| a.trim() == "y");
    if local.exists() && !replace {
        return Err(Error::Refused(format!("{} exists (remove it or name another file)", local.display())));
    }
    let part = transfer::part_path(local);
    let written = write_listings(&mut sh.session, remotes, names, &part);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    std::fs::rename(&part, local).map_err(|e| Error::local(local, e))?;
    Ok(Output::Status(format!("{verb}: wrote {}", local.display())))
}

fn write_listings(
    session: &mut crate::session::Session,
    remotes: &[String],
    names: bool,
    part: &Path,
) -> Result<()> {
    let mut file = io::BufWriter::new(File::create(part).map_err(|e| Error::local(part, e))?);
    let mut failed = None;
    for remote in remotes {
        list(session, remote, names, |line| {
            if failed.is_none() {
                failed = writeln!(file, "{line}").err();
            }
        })?;
    }
    match failed {
        Some(e) => Err(Error::local(part, e)),
        None => file.flush().map_err(|e| Error::local(part, e)),
    }
}

/// One listing (NLST or LIST) of `remote`, line by line; Ctrl-C stops it.
fn list(
    session: &mut crate::session::Session,
    remote: &str,
    names: bool,
    mut each: impl FnMut(&str),
) -> Result<()> {
    let each = |line: &str| {
        interrupt::check()?;
        each(line);
        Ok(())
    };
    if names { session.nlst_each(Some(remote), each) } else { session.list_each("", Some(remote), each) }
}

/// The roots a tree command was given (the working directory when none).
fn roots(call: &Call) -> Vec<String> {
    if call.args().is_empty() { vec![".".to_string()] } else { call.args().to_vec() }
}

/// Reports what a walk of `root` could not read (and so cannot count or show) on stderr;
/// returns those directories' paths (relative to the root).
fn report_unknown(sh: &mut Shell, verb: &str, root: &str, tree: &Tree) -> Vec<String> {
    let mut unknown = Vec::new();
    for s in tree.skipped.iter().filter(|s| s.why.unknown() || matches!(s.why, Why::NotPlain(_))) {
        sh.ui.status(&format!("{verb}: {}: {}", sanitize(&walk::remote_path(root, &s.rel)), s.why));
        unknown.push(s.rel.clone());
    }
    unknown
}

/// The error after a tree command that could not see everything.
fn incomplete(verb: &str, missing: usize, what: &str) -> Result<Output> {
    if missing == 0 {
        return Ok(Output::Nothing);
    }
    Err(Error::Incomplete(format!("{verb}: {missing} part(s) of the tree could not be read; {what}")))
}

/// `du [-h] [-s] [PATH...]`: the bytes in each directory of the remote trees (deepest first,
/// as du prints them), or only each PATH's total with `-s`. A total that misses something the
/// walk could not read is shown as `>=N` and the command fails.
pub fn du(sh: &mut Shell, call: &Call) -> Result<Output> {
    let (human, summary) = (call.has("human"), call.has("summarize"));
    let mut missing = 0;
    for root in roots(call) {
        let tree = walk::remote(&mut sh.session, &root)?.readable()?;
        let mut unknown = report_unknown(sh, "du", &root, &tree);
        unknown.extend(tree.entries.iter().filter(|e| e.kind == Kind::File && e.size.is_none()).map(|e| {
            sh.ui.status(&format!("du: {}: size unknown", sanitize(&walk::remote_path(&root, &e.rel))));
            e.rel.clone()
        }));
        missing += unknown.len();
        let lines = du_lines(&tree, &unknown, summary);
        let mut out = sh.ui.stream();
        for (rel, bytes, partial) in lines {
            let size = if human { human_bytes(bytes as f64) } else { bytes.to_string() };
            let size = format!("{}{size}", if partial { ">=" } else { "" });
            out.fields(&[&size, &walk::remote_path(&root, &rel)]);
        }
    }
    incomplete("du", missing, "the sizes marked >= are at least what they show")
}

/// Each directory's total (relative path, bytes, whether something below it is unknown): every
/// directory after the ones inside it, or the root alone when `summary`.
fn du_lines(tree: &Tree, unknown: &[String], summary: bool) -> Vec<(String, u64, bool)> {
    let mut totals: HashMap<&str, u64> = HashMap::new();
    for e in tree.entries.iter().filter(|e| e.kind == Kind::File) {
        for dir in ancestors(&e.rel) {
            *totals.entry(dir).or_default() += e.size.unwrap_or(0);
        }
    }
    let partial: BTreeSet<&str> = unknown.iter().flat_map(|u| ancestors(u).chain([u.as_str()])).collect();
    let line = |rel: &str| (rel.to_string(), totals.get(rel).copied().unwrap_or(0), partial.contains(rel));
    if summary {
        return vec![line("")];
    }
    // Depth first: a directory is shown when the walk leaves it.
    let mut lines = Vec::new();
    let mut open: Vec<&str> = vec![""];
    for dir in tree.entries.iter().filter(|e| e.kind == Kind::Dir).map(|e| e.rel.as_str()) {
        while open.last().is_some_and(|top| !ancestors(dir).any(|a| a == *top)) {
            lines.push(line(open.pop().unwrap_or_default()));
        }
        open.push(dir);
    }
    lines.extend(open.into_iter().rev().map(line));
    lines
}

/// The directories above `rel` (relative paths, the root `""` first is last): `a/b/c` -> `a/b`,
/// `a`, `""`.
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    let cuts = rel.char_indices().filter(|&(_, c)| c == '/').map(|(i, _)| i).rev();
    cuts.map(move |i| &rel[..i]).chain(std::iter::once(""))
}

/// `find [PATH...] [-name PATTERN] [-type f|d]`: every path below the remote PATHs (the root
/// first, depth first), or those whose name matches PATTERN and whose type is asked for. Links
/// and other entries the walk does not enter are listed too, unless a type is asked for.
pub fn find(sh: &mut Shell, call: &Call) -> Result<Output> {
    let pattern = call.value("name").map(matcher).transpose()?;
    let wanted = call.value("type").map(|t| if t == "d" { Kind::Dir } else { Kind::File });
    let mut missing = 0;
    for root in roots(call) {
        let tree = walk::remote(&mut sh.session, &root)?.readable()?;
        missing += report_unknown(sh, "find", &root, &tree).len();
        let mut found: Vec<(&str, Option<Kind>)> = vec![("", Some(Kind::Dir))];
        found.extend(tree.entries.iter().map(|e| (e.rel.as_str(), Some(e.kind))));
        let others =
            tree.skipped.iter().filter(|s| matches!(s.why, Why::Link | Why::Other | Why::NotPlain(_)));
        found.extend(others.map(|s| (s.rel.as_str(), None)));
        found.sort_by(|a, b| a.0.split('/').cmp(b.0.split('/')));
        let mut out = sh.ui.stream();
        for (rel, kind) in found {
            let path = walk::remote_path(&root, rel);
            let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
            let type_ok = wanted.is_none_or(|w| kind == Some(w));
            if type_ok && pattern.as_ref().is_none_or(|p| p.is_match(name)) {
                out.line(&path);
            }
        }
    }
    incomplete("find", missing, "what they hold is not listed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::walk::Entry;

    fn entry(rel: &str, size: Option<u64>) -> Entry {
        let kind = if size.is_some() { Kind::File } else { Kind::Dir };
        Entry { rel: rel.to_string(), kind, size, modified: None }
    }

    #[test]
    fn ancestors_run_up_to_the_root() {
        assert_eq!(ancestors("a/b/c").collect::<Vec<_>>(), ["a/b", "a", ""]);
        assert_eq!(ancestors("a").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn du_shows_each_directory_after_what_it_holds() {
        let tree = Tree {
            entries: vec![
                entry("a", None),
                entry("a/x", None),
                entry("a/x/f", Some(5)),
                entry("a/y", None),
                entry("b", Some(7)),
                entry("c", None),
            ],
            skipped: Vec::new(),
        };
        let lines = du_lines(&tree, &["a/y/z".to_string()], false);
        let shown: Vec<(&str, u64, bool)> = lines.iter().map(|(r, b, p)| (r.as_str(), *b, *p)).collect();
        assert_eq!(
            shown,
            [("a/x", 5, false), ("a/y", 0, true), ("a", 5, true), ("c", 0, false), ("", 12, true)]
        );
        assert_eq!(du_lines(&tree, &[], true), [(String::new(), 12, false)]);
    }
}
