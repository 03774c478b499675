//! The one directory walker, over remote trees (the session's listings, fetched fresh) and local
//! trees (`std::fs`). It returns every file and directory below a root as a `/`-separated path
//! relative to the root, with its kind, size and modification time: depth first, sorted by name,
//! each directory before what it holds. What it leaves out is returned too, with the reason.
//!
//! One rule on both sides: the root is taken as given (a link there is followed, as the user
//! named it); below it, symbolic links are never followed, nothing but regular files and
//! directories is taken, and a name must be a plain name ([`check_plain_name`]; UTF-8 locally).
//! A directory that cannot be read is a skip; [`Tree::strict`] makes it an error instead.
//!
//! It returns data only: it must not decide what to copy, create or delete, nor print.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::check_plain_name;
use crate::error::{Error, Result};
use crate::listing::{EntryKind, RemoteEntry};
use crate::session::Session;

/// What a walked entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
}

/// A file or directory below the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path relative to the root, `/`-separated.
    pub rel: String,
    pub kind: Kind,
    /// Bytes, when known (files only).
    pub size: Option<u64>,
    /// Modification time, when known (files only).
    pub modified: Option<SystemTime>,
}

/// Why an entry was left out.
#[derive(Debug)]
pub enum Why {
    /// Not a plain name (the [`check_plain_name`] error).
    NotPlain(Error),
    /// A local name that is not UTF-8.
    NotUtf8,
    /// A symbolic link (not followed).
    Link,
    /// Neither a regular file nor a directory (device, pipe, socket, unknown type).
    Other,
    /// A directory that could not be listed, or an entry that could not be examined.
    Unreadable(Error),
}

/// An entry left out, by its path relative to the root (`""` is the root itself).
#[derive(Debug)]
pub struct Skipped {
    pub rel: String,
    pub why: Why,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Tree {
    /// Files and directories, depth first, sorted by name, directories before their contents.
    pub entries: Vec<Entry>,
    /// What was left out, in the same order.
    pub skipped: Vec<Skipped>,
}

impl Tree {
    /// The tree, or the first error that kept part of it unread (for callers that must not
    /// act on a partial picture, such as `mirror --delete`).
    pub fn strict(self) -> Result<Tree> {
        let (failed, skipped): (Vec<_>, Vec<_>) =
            self.skipped.into_iter().partition(|s| matches!(s.why, Why::Unreadable(_)));
        match failed.into_iter().next() {
            Some(Skipped { why: Why::Unreadable(e), .. }) => Err(e),
            _ => Ok(Tree { entries: self.entries, skipped }),
        }
    }
}

/// Walks the remote tree at `root`, listing every directory afresh (not from the cache).
pub fn remote(session: &mut Session, root: &str) -> Tree {
    walk(|rel| {
        let dir = remote_path(root, rel);
        session.forget(&dir);
        let entries = session.entries(&dir)?;
        Ok(entries.iter().map(remote_item).collect())
    })
}

/// Walks the local tree at `root`.
pub fn local(root: &Path) -> Tree {
    walk(|rel| {
        let dir = local_path(root, rel);
        let read = fs::read_dir(&dir).map_err(|e| Error::local(&dir, e))?;
        Ok(read.flatten().map(|e| local_item(&e)).collect())
    })
}

/// What the rule makes of a remote entry named `name`: a file or a directory, or why not.
pub fn classify_remote(name: &str, kind: &EntryKind) -> Result<Kind, Why> {
    check_plain_name(name).map_err(Why::NotPlain)?;
    match kind {
        EntryKind::File => Ok(Kind::File),
        EntryKind::Dir => Ok(Kind::Dir),
        EntryKind::Link { .. } => Err(Why::Link),
        EntryKind::Other => Err(Why::Other),
    }
}

/// Joins a remote directory and a name or relative path (`""` and `.` mean the working
/// directory).
pub fn remote_join(dir: &str, name: &str) -> String {
    match dir {
        "" | "." => name.to_string(),
        d if d.ends_with('/') => format!("{d}{name}"),
        d => format!("{d}/{name}"),
    }
}

/// The remote path of `rel` below `root` (`root` itself for `""`).
pub fn remote_path(root: &str, rel: &str) -> String {
    if rel.is_empty() { root.to_string() } else { remote_join(root, rel) }
}

/// The local path of `rel` below `root` (`root` itself for `""`).
pub fn local_path(root: &Path, rel: &str) -> PathBuf {
    if rel.is_empty() { root.to_path_buf() } else { root.join(rel) }
}

/// One name in a listed directory, and what the rule makes of it.
struct Item {
    name: String,
    found: Result<Entry, Why>,
}

/// Walks from the root, `list` giving the items of the directory at a relative path.
fn walk(mut list: impl FnMut(&str) -> Result<Vec<Item>>) -> Tree {
    let mut tree = Tree::default();
    visit(&mut list, "", &mut tree);
    tree
}

fn visit(list: &mut impl FnMut(&str) -> Result<Vec<Item>>, dir: &str, tree: &mut Tree) {
    let mut items = match list(dir) {
        Ok(items) => items,
        Err(e) => return tree.skipped.push(Skipped { rel: dir.to_string(), why: Why::Unreadable(e) }),
    };
    items.sort_by(|a, b| a.name.cmp(&b.name));
    for item in items {
        let rel = if dir.is_empty() { item.name } else { format!("{dir}/{}", item.name) };
        match item.found {
            Ok(entry) => {
                let is_dir = entry.kind == Kind::Dir;
                tree.entries.push(Entry { rel: rel.clone(), ..entry });
                if is_dir {
                    visit(list, &rel, tree);
                }
            }
            Err(why) => tree.skipped.push(Skipped { rel, why }),
        }
    }
}

fn remote_item(e: &RemoteEntry) -> Item {
    let found = classify_remote(&e.name, &e.kind).map(|kind| match kind {
        Kind::Dir => dir_entry(),
        Kind::File => Entry {
            rel: String::new(),
            kind,
            size: e.size,
            modified: e.modified.as_deref().and_then(parse_time),
        },
    });
    Item { name: e.name.clone(), found }
}

fn local_item(e: &fs::DirEntry) -> Item {
    let name = e.file_name();
    let found = match name.to_str() {
        None => Err(Why::NotUtf8),
        Some(plain) => check_plain_name(plain).map_err(Why::NotPlain).and_then(|()| local_kind(e)),
    };
    Item { name: name.to_string_lossy().into_owned(), found }
}

/// A local entry by its own type (a link is not looked through).
fn local_kind(e: &fs::DirEntry) -> Result<Entry, Why> {
    let unreadable = |err| Why::Unreadable(Error::local(e.path(), err));
    let kind = e.file_type().map_err(unreadable)?;
    if kind.is_symlink() {
        Err(Why::Link)
    } else if kind.is_dir() {
        Ok(dir_entry())
    } else if kind.is_file() {
        let meta = e.metadata().map_err(unreadable)?;
        Ok(Entry {
            rel: String::new(),
            kind: Kind::File,
            size: Some(meta.len()),
            modified: meta.modified().ok(),
        })
    } else {
        Err(Why::Other)
    }
}

fn dir_entry() -> Entry {
    Entry { rel: String::new(), kind: Kind::Dir, size: None, modified: None }
}

/// `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD`) from the listing parser, read as UTC.
fn parse_time(s: &str) -> Option<SystemTime> {
    use chrono::NaiveDateTime;
    let full = if s.len() == 10 { format!("{s} 00:00") } else { s.to_string() };
    let t = NaiveDateTime::parse_from_str(&full, "%Y-%m-%d %H:%M").ok()?.and_utc();
    u64::try_from(t.timestamp()).ok().map(|secs| UNIX_EPOCH + Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_times_read_as_utc() {
        assert_eq!(parse_time("1970-01-01 00:01"), Some(UNIX_EPOCH + Duration::from_secs(60)));
        assert_eq!(parse_time("2024-02-29 12:00"), Some(UNIX_EPOCH + Duration::from_secs(1_709_208_000)));
        assert_eq!(parse_time("2024-01-05"), Some(UNIX_EPOCH + Duration::from_secs(1_704_412_800)));
        assert_eq!(parse_time("garbage"), None);
    }

    #[test]
    fn remote_entries_follow_the_one_rule() {
        let link = EntryKind::Link { target: Some("/etc".into()) };
        assert_eq!(classify_remote("a.txt", &EntryKind::File).ok(), Some(Kind::File));
        assert_eq!(classify_remote("d", &EntryKind::Dir).ok(), Some(Kind::Dir));
        assert!(matches!(classify_remote("l", &link), Err(Why::Link)));
        assert!(matches!(classify_remote("p", &EntryKind::Other), Err(Why::Other)));
        assert!(matches!(classify_remote("a\\b", &EntryKind::File), Err(Why::NotPlain(_))));
        assert!(matches!(classify_remote("..", &EntryKind::Dir), Err(Why::NotPlain(_))));
    }

    #[test]
    fn joins_keep_the_root_for_an_empty_relative_path() {
        assert_eq!(remote_path("pub", ""), "pub");
        assert_eq!(remote_path("pub/", "a/b"), "pub/a/b");
        assert_eq!(remote_path(".", "a"), "a");
        assert_eq!(local_path(Path::new("x"), ""), PathBuf::from("x"));
        assert_eq!(local_path(Path::new("x"), "a/b"), PathBuf::from("x/a/b"));
    }

    #[cfg(unix)]
    #[test]
    fn a_local_walk_is_sorted_depth_first_and_follows_no_link() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::write(root.join("b/c/f"), "123").unwrap();
        fs::write(root.join("a"), "1").unwrap();
        fs::write(root.join("z"), "1").unwrap();
        fs::write(root.join("back\\slash"), "1").unwrap();
        std::os::unix::fs::symlink(root.join("b"), root.join("dirlink")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("filelink")).unwrap();
        let tree = local(root);
        let found: Vec<_> = tree.entries.iter().map(|e| (e.rel.as_str(), e.kind, e.size)).collect();
        assert_eq!(
            found,
            [
                ("a", Kind::File, Some(1)),
                ("b", Kind::Dir, None),
                ("b/c", Kind::Dir, None),
                ("b/c/f", Kind::File, Some(3)),
                ("z", Kind::File, Some(1)),
            ]
        );
        let skipped: Vec<_> = tree.skipped.iter().map(|s| (s.rel.as_str(), &s.why)).collect();
        assert!(
            matches!(
                skipped[..],
                [("back\\slash", Why::NotPlain(_)), ("dirlink", Why::Link), ("filelink", Why::Link),]
            ),
            "{skipped:?}"
        );
    }

    #[test]
    fn an_unreadable_root_is_a_skip_or_with_strict_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let tree = local(&missing);
        assert!(
            matches!(&tree.skipped[..], [Skipped { rel, why: Why::Unreadable(Error::Local { .. }) }] if rel.is_empty())
        );
        assert!(matches!(local(&missing).strict(), Err(Error::Local { .. })));
        assert!(local(dir.path()).strict().is_ok());
    }
}
