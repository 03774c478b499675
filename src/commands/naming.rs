//! tnftp's name toggles and the rules they apply: `glob` (patterns of mget, mput, mdelete, or
//! literal names), `case` (all-uppercase remote names saved in lowercase), `runique` (a download
//! to an existing name goes to NAME.1 … NAME.99) and `sunique` (an upload to a name the remote
//! directory has goes to NAME.1 … NAME.99). The transfer handlers call the rules; nothing is
//! replaced behind the user's back.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::parse::Call;
use super::xfer::toggle;
use crate::error::{Error, Result};
use crate::shell::Shell;
use crate::transfer::batch::{self, Job, remote_join};
use crate::ui::Output;

/// How many numbered names `runique` and `sunique` try.
const UNIQUE_MAX: u32 = 99;

pub fn glob(sh: &mut Shell, call: &Call) -> Result<Output> {
    let current = sh.settings().glob;
    toggle(sh, call, "glob", current, "Pattern expansion in mget, mput, mdelete")
}

pub fn case(sh: &mut Shell, call: &Call) -> Result<Output> {
    let current = sh.settings().case;
    toggle(sh, call, "case", current, "Uppercase remote names saved in lowercase")
}

pub fn runique(sh: &mut Shell, call: &Call) -> Result<Output> {
    let current = sh.settings().runique;
    toggle(sh, call, "runique", current, "Unique local names (NAME.1, ...)")
}

pub fn sunique(sh: &mut Shell, call: &Call) -> Result<Output> {
    let current = sh.settings().sunique;
    toggle(sh, call, "sunique", current, "Unique remote names (NAME.1, ...)")
}

/// The patterns as mget and mdelete match them: with `glob` off, each is one literal name.
pub fn remote_patterns(sh: &Shell, patterns: &[String]) -> Vec<String> {
    let escape = |p: &String| match p.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/{}", batch::escape_glob(name)),
        None => batch::escape_glob(p),
    };
    patterns
        .iter()
        .map(|p| if sh.settings().glob || !batch::has_glob(p) { p.clone() } else { escape(p) })
        .collect()
}

/// The patterns as mput matches them: with `glob` off, each is one literal path.
pub fn local_patterns(sh: &Shell, patterns: &[String]) -> Vec<String> {
    let literal = !sh.settings().glob;
    patterns
        .iter()
        .map(|p| if literal && batch::has_glob(p) { glob::Pattern::escape(p) } else { p.clone() })
        .collect()
}

/// Where a download goes once `case` (for a name taken from the server, `derived`) and
/// `runique` have had their say.
pub fn local_target(sh: &Shell, local: PathBuf, derived: bool) -> Result<PathBuf> {
    let local = if derived && sh.settings().case { lowercase(&local) } else { local };
    if sh.settings().runique { unique_local(&local, &HashSet::new()) } else { Ok(local) }
}

/// The jobs of a download batch with `case` and `runique` applied (no two jobs get one name),
/// changed in place.
pub fn local_jobs(sh: &Shell, mut jobs: Vec<Job>) -> Result<Vec<Job>> {
    let mut taken = HashSet::new();
    for job in &mut jobs {
        if sh.settings().case {
            job.local = lowercase(&job.local);
        }
        if sh.settings().runique {
            job.local = unique_local(&job.local, &taken)?;
            taken.insert(job.local.clone());
        }
    }
    Ok(jobs)
}

/// `NAME` in lowercase when all its letters are uppercase (as tnftp's `case` does).
fn lowercase(path: &Path) -> PathBuf {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return path.to_path_buf() };
    let upper = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    if upper { path.with_file_name(name.to_lowercase()) } else { path.to_path_buf() }
}

/// `path`, or the first of `path.1` … `path.99` that neither exists nor is `taken`.
fn unique_local(path: &Path, taken: &HashSet<PathBuf>) -> Result<PathBuf> {
    let free = |p: &PathBuf| !taken.contains(p) && std::fs::symlink_metadata(p).is_err();
    numbered(path.to_string_lossy().as_ref())
        .map(PathBuf::from)
        .find(free)
        .ok_or_else(|| no_unique(path.display()))
}

/// `name`, `name.1`, … `name.99`.
fn numbered(name: &str) -> impl Iterator<Item = String> + '_ {
    std::iter::once(name.to_string()).chain((1..=UNIQUE_MAX).map(move |n| format!("{name}.{n}")))
}

fn no_unique(name: impl std::fmt::Display) -> Error {
    Error::Refused(format!("{name}: {name}.1 to {name}.{UNIQUE_MAX} are all taken too"))
}

/// Where an upload to `remote` goes with `sunique` on: the first of NAME, NAME.1 … NAME.99 that
/// the remote directory (listed afresh) does not have. A listing not understood in full cannot
/// tell, and is refused. `taken` are the names earlier uploads of the batch chose.
pub fn remote_target(sh: &mut Shell, remote: &str, taken: &mut HashSet<String>) -> Result<String> {
    if !sh.settings().sunique {
        return Ok(remote.to_string());
    }
    let (dir, name) =
        remote.rsplit_once('/').map_or(("", remote), |(d, n)| (if d.is_empty() { "/" } else { d }, n));
    sh.session.forget(dir);
    let listing = sh.session.entries(dir)?;
    if let Some(problem) = listing.problem() {
        return Err(Error::Refused(format!("sunique: cannot tell which names {dir} has: {problem}")));
    }
    let have: HashSet<&str> = listing.iter().map(|e| e.name.as_str()).collect();
    let chosen = numbered(name)
        .map(|n| remote_join(dir, &n))
        .find(|path| !taken.contains(path) && !have.contains(path.rsplit('/').next().unwrap_or_default()))
        .ok_or_else(|| no_unique(remote))?;
    taken.insert(chosen.clone());
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_all_uppercase_names_are_lowered() {
        assert_eq!(lowercase(Path::new("d/README.TXT")), PathBuf::from("d/readme.txt"));
        assert_eq!(lowercase(Path::new("ReadMe.txt")), PathBuf::from("ReadMe.txt"));
        assert_eq!(lowercase(Path::new("2024")), PathBuf::from("2024"));
    }

    #[test]
    fn unique_local_names_count_up() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        assert_eq!(unique_local(&f, &HashSet::new()).unwrap(), f);
        std::fs::write(&f, "x").unwrap();
        std::fs::write(dir.path().join("f.1"), "x").unwrap();
        let taken = HashSet::from([dir.path().join("f.2")]);
        assert_eq!(unique_local(&f, &taken).unwrap(), dir.path().join("f.3"));
    }
}
