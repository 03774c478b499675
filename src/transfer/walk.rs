//! The one directory walker, over remote trees (each directory listed afresh with
//! [`Session::read_dir`]) and local trees (`std::fs`). It returns every file and directory below
//! a root as a `/`-separated path relative to the root, with its kind, size and modification
//! time: depth first, sorted by name, each directory before what it holds. What it leaves out is
//! returned too, with the reason.
//!
//! One rule on both sides: the root is taken as given (a link there is followed, as the user
//! named it); below it, symbolic links are never followed, nothing but regular files and
//! directories is taken, and a name must be a plain name ([`check_plain_name`]; UTF-8 locally).
//!
//! Bounds, so that no tree, however a server makes it up, keeps a walk going for ever or fills
//! memory (the walk is a loop over a stack of directories, never a recursion):
//! - directories down to [`MAX_DEPTH`] levels below the root are read; deeper ones are reported
//!   ([`Why::TooDeep`]) and not read;
//! - a directory that is one of its own ancestors is not read again ([`Why::Loop`]): locally the
//!   same device and inode; remotely, where nothing names a directory for sure, the same listing
//!   (names, types, sizes, times) as a directory above it, which catches a directory that lists
//!   itself (a link shown as a directory) and a server that lists the same whatever the path;
//! - what the walk holds (entries, what it left out, the listings of the directories it is in)
//!   is counted against [`MEMORY_MAX`]; beyond that the walk fails with [`Error::TooLarge`];
//! - Ctrl-C, a lost connection and a timeout stop it with that error.
//!
//! A directory that could not be read, was read only in part ([`Why::Unparsed`]) or was not read
//! (a loop, too deep) is reported, and what it holds is unknown ([`Why::unknown`]): callers must
//! not take a missing entry there to mean that it does not exist.
//!
//! It returns data only: it must not decide what to copy, create or delete, nor print.

use std::collections::hash_map::DefaultHasher;
use std::fmt;
use std::fs;
use std::hash::{Hash, Hasher};
use std::mem::size_of;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::check_plain_name;
use crate::charset;
use crate::error::{Error, Result};
use crate::interrupt;
use crate::listing::{Budget, EntryKind, Exceeded, Listing, MEMORY_MAX, RemoteEntry, heap};
use crate::session::Session;

/// How many levels of directories below the root a walk reads.
pub const MAX_DEPTH: usize = 100;

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
    /// A symbolic link (not followed).
    Link,
    /// Neither a regular file nor a directory (device, pipe, socket, unknown type).
    Other,
    /// A directory that could not be listed, or an entry that could not be examined.
    Unreadable(Error),
    /// A directory whose listing has lines ftpsh did not understand (what the listing says of
    /// them); what it understood is walked.
    Unparsed(String),
    /// A directory that lists the same as the directory `of` above it (`""`: the root).
    Loop { of: String },
    /// A directory more than [`MAX_DEPTH`] levels below the root.
    TooDeep,
}

impl Why {
    /// Whether a directory left out this way may hold what the walk did not see.
    pub fn unknown(&self) -> bool {
        matches!(self, Why::Unreadable(_) | Why::Unparsed(_) | Why::Loop { .. } | Why::TooDeep)
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::NotPlain(_) => f.write_str("not a plain name"),
            Why::Link => f.write_str("a symbolic link, not followed"),
            Why::Other => f.write_str("not a regular file"),
            Why::Unreadable(e) => write!(f, "{e}"),
            Why::Unparsed(problem) => write!(f, "{problem}; what else it holds is unknown"),
            Why::Loop { of } if of.is_empty() => {
                f.write_str("lists the same as the root above it (a loop); not read")
            }
            Why::Loop { of } => write!(f, "lists the same as {of} above it (a loop); not read"),
            Why::TooDeep => write!(f, "more than {MAX_DEPTH} levels below the root; not read"),
        }
    }
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
    /// The tree, or the error that kept its root from being read at all (for callers to whom
    /// that means there is nothing to go on, such as `mirror`).
    pub fn readable(mut self) -> Result<Tree> {
        let root = self.skipped.iter().position(|s| s.rel.is_empty() && matches!(s.why, Why::Unreadable(_)));
        match root.map(|at| self.skipped.remove(at).why) {
            Some(Why::Unreadable(e)) => Err(e),
            _ => Ok(self),
        }
    }

    /// The directories (relative paths, `""` for the root) that may hold what the walk did not
    /// see.
    pub fn unknown(&self) -> impl Iterator<Item = &str> {
        self.skipped.iter().filter(|s| s.why.unknown()).map(|s| s.rel.as_str())
    }
}

/// Walks the remote tree at `root`, listing every directory afresh (not from the cache).
pub fn remote(session: &mut Session, root: &str) -> Result<Tree> {
    walk(|rel| {
        let mut listing = session.read_dir(&remote_path(root, rel))?;
        listing.entries.sort_by(|a, b| a.name.cmp(&b.name));
        let items = listing.iter().map(remote_item).collect();
        Ok(Listed { id: fingerprint(&listing), items, partial: listing.problem() })
    })
}

/// Walks the local tree at `root`.
pub fn local(root: &Path) -> Result<Tree> {
    walk(|rel| {
        let dir = local_path(root, rel);
        let read = fs::read_dir(&dir).map_err(|e| Error::local(&dir, e))?;
        let items = read.flatten().map(|e| local_item(&e)).collect();
        Ok(Listed { id: identity(&dir), items, partial: None })
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

/// The local path of `rel` below `root` (`root` itself for `""`), with the bytes of the names
/// in it ([`charset::to_os`]).
pub fn local_path(root: &Path, rel: &str) -> PathBuf {
    if rel.is_empty() { root.to_path_buf() } else { root.join(charset::to_os(rel)) }
}

/// One name in a listed directory, and what the rule makes of it.
struct Item {
    name: String,
    found: Result<Entry, Why>,
}

impl Item {
    /// The bytes it holds on the heap: its name, and the copy of it a refusal carries.
    fn heap_bytes(&self) -> usize {
        heap(self.name.len()) * if self.found.is_ok() { 1 } else { 2 }
    }
}

/// A directory as listed: what identifies it (see [`fingerprint`], [`identity`]), its items,
/// and what was not understood of its listing.
struct Listed {
    id: u64,
    items: Vec<Item>,
    partial: Option<String>,
}

/// A directory being walked: its path, identity, the items not visited yet, and the memory
/// charged for them.
struct Frame {
    rel: String,
    id: u64,
    items: std::vec::IntoIter<Item>,
    cost: usize,
}

/// A walk under way: the tree so far, the directories it is in (the root first), and the memory
/// budget they share.
struct Walk {
    tree: Tree,
    frames: Vec<Frame>,
    budget: Budget,
}

/// Walks from the root, `list` giving the directory at a relative path.
fn walk(mut list: impl FnMut(&str) -> Result<Listed>) -> Result<Tree> {
    let mut walk = Walk { tree: Tree::default(), frames: Vec::new(), budget: Budget::new(MEMORY_MAX) };
    walk.open(&mut list, String::new())?;
    while let Some(frame) = walk.frames.last_mut() {
        match frame.items.next() {
            Some(item) => walk.take(&mut list, item)?,
            None => walk.close(),
        }
    }
    Ok(walk.tree)
}

impl Walk {
    /// The next item of the directory on top: kept (and, a directory, opened) or left out.
    fn take(&mut self, list: &mut impl FnMut(&str) -> Result<Listed>, item: Item) -> Result<()> {
        let parent = self.frames.last().map_or("", |f| f.rel.as_str());
        let rel = if parent.is_empty() { item.name } else { format!("{parent}/{}", item.name) };
        match item.found {
            Ok(entry) if entry.kind == Kind::Dir => {
                self.keep(Entry { rel: rel.clone(), ..entry })?;
                self.open(list, rel)
            }
            Ok(entry) => self.keep(Entry { rel, ..entry }),
            Err(why) => self.skip(rel, why),
        }
    }

    /// Lists the directory at `rel` and walks it next, unless it is too deep, cannot be read or
    /// repeats a directory above it.
    fn open(&mut self, list: &mut impl FnMut(&str) -> Result<Listed>, rel: String) -> Result<()> {
        if self.frames.len() > MAX_DEPTH {
            return self.skip(rel, Why::TooDeep);
        }
        interrupt::check()?;
        let listed = match list(&rel) {
            Ok(listed) => listed,
            Err(e) if e.is_disconnect() || matches!(e, Error::NotConnected | Error::Interrupted) => {
                return Err(e);
            }
            Err(e) => return self.skip(rel, Why::Unreadable(e)),
        };
        if let Some(above) = self.frames.iter().find(|f| f.id == listed.id) {
            let of = above.rel.clone();
            return self.skip(rel, Why::Loop { of });
        }
        if let Some(problem) = listed.partial {
            self.skip(rel.clone(), Why::Unparsed(problem))?;
        }
        let mut items = listed.items;
        items.sort_by(|a, b| a.name.cmp(&b.name));
        let cost = items.capacity() * size_of::<Item>() + items.iter().map(Item::heap_bytes).sum::<usize>();
        self.budget.charge(cost).map_err(too_large)?;
        self.frames.push(Frame { rel, id: listed.id, items: items.into_iter(), cost });
        Ok(())
    }

    /// Leaves the directory on top, whose items are all visited.
    fn close(&mut self) {
        if let Some(frame) = self.frames.pop() {
            self.budget.release(frame.cost);
        }
    }

    fn keep(&mut self, entry: Entry) -> Result<()> {
        let heap = heap(entry.rel.len());
        self.budget.push(&mut self.tree.entries, entry, heap).map_err(too_large)
    }

    fn skip(&mut self, rel: String, why: Why) -> Result<()> {
        let heap = heap(rel.len()) + heap(why.to_string().len());
        self.budget.push(&mut self.tree.skipped, Skipped { rel, why }, heap).map_err(too_large)
    }
}

fn too_large(_: Exceeded) -> Error {
    Error::TooLarge(format!(
        "the tree would take more than {} MiB of memory; not reading more",
        MEMORY_MAX >> 20
    ))
}

/// What identifies a remote directory: its listing (sorted by name), hashed.
fn fingerprint(listing: &Listing) -> u64 {
    let mut hasher = DefaultHasher::new();
    listing.entries.hash(&mut hasher);
    listing.not_understood.hash(&mut hasher);
    listing.raw.hash(&mut hasher);
    hasher.finish()
}

/// What identifies a local directory: its device and inode (on Unix; elsewhere its path).
fn identity(dir: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    #[cfg(unix)]
    if let Ok(meta) = fs::metadata(dir) {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino()).hash(&mut hasher);
        return hasher.finish();
    }
    dir.hash(&mut hasher);
    hasher.finish()
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
    let name = charset::from_os(&e.file_name());
    let found = check_plain_name(&name).map_err(Why::NotPlain).and_then(|()| local_kind(e));
    Item { name, found }
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

/// `YYYY-MM-DD[ HH:MM[:SS[.f]]]` from the listing parser, read as UTC (a fraction is dropped).
pub(super) fn parse_time(s: &str) -> Option<SystemTime> {
    use chrono::NaiveDateTime;
    let full = match s.len() {
        10 => format!("{s} 00:00:00"),
        16 => format!("{s}:00"),
        _ => s.to_string(),
    };
    let t = NaiveDateTime::parse_from_str(&full, "%Y-%m-%d %H:%M:%S%.f").ok()?.and_utc();
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
        assert_eq!(parse_time("1970-01-01 00:01:30"), Some(UNIX_EPOCH + Duration::from_secs(90)));
        assert_eq!(parse_time("1970-01-01 00:01:30.75"), Some(UNIX_EPOCH + Duration::from_secs(90)));
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
        let tree = local(root).unwrap();
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
    fn an_unreadable_root_is_a_skip_and_for_readable_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let tree = local(&missing).unwrap();
        assert!(
            matches!(&tree.skipped[..], [Skipped { rel, why: Why::Unreadable(Error::Local { .. }) }] if rel.is_empty())
        );
        assert_eq!(tree.unknown().collect::<Vec<_>>(), [""]);
        assert!(matches!(local(&missing).unwrap().readable(), Err(Error::Local { .. })));
        assert!(local(dir.path()).unwrap().readable().is_ok());
    }

    /// A made-up directory: `dirs` subdirectories named `d0`.. and one file, identified by `id`.
    fn listed(id: u64, dirs: usize) -> Listed {
        let dir = |i: usize| Item { name: format!("d{i}"), found: Ok(dir_entry()) };
        let file = Item { name: "f".into(), found: Ok(Entry { kind: Kind::File, ..dir_entry() }) };
        Listed { id, items: (0..dirs).map(dir).chain([file]).collect(), partial: None }
    }

    #[test]
    fn a_directory_that_repeats_one_above_it_is_a_loop_and_the_rest_is_walked() {
        // Every directory lists the same: the first level repeats the root.
        let tree = walk(|_| Ok(listed(7, 3))).unwrap();
        let rels: Vec<_> = tree.entries.iter().map(|e| e.rel.as_str()).collect();
        assert_eq!(rels, ["d0", "d1", "d2", "f"]);
        let loops: Vec<_> = tree.skipped.iter().map(|s| (s.rel.as_str(), s.why.to_string())).collect();
        assert_eq!(loops.len(), 3);
        assert_eq!(loops[0], ("d0", "lists the same as the root above it (a loop); not read".to_string()));
        // A loop further down names the directory it repeats.
        let tree =
            walk(|rel| Ok(listed(if rel.starts_with("d0/d0") { 1 } else { rel.len() as u64 }, 1))).unwrap();
        assert!(
            matches!(&tree.skipped[..], [Skipped { rel, why: Why::Loop { of } }] if rel == "d0/d0/d0" && of == "d0/d0")
        );
    }

    #[test]
    fn a_walk_stops_at_the_depth_bound_and_reports_it() {
        let mut listed_count = 0;
        let tree = walk(|rel| {
            listed_count += 1;
            Ok(listed(rel.len() as u64, 1))
        })
        .unwrap();
        assert_eq!(listed_count, MAX_DEPTH + 1, "the root and MAX_DEPTH levels below it");
        let deepest = ["d0"; MAX_DEPTH + 1].join("/");
        assert!(matches!(&tree.skipped[..], [Skipped { rel, why: Why::TooDeep }] if *rel == deepest));
        assert_eq!(tree.unknown().collect::<Vec<_>>(), [deepest.as_str()]);
        assert_eq!(tree.entries.iter().filter(|e| e.kind == Kind::File).count(), MAX_DEPTH + 1);
    }

    #[test]
    fn a_walk_holds_no_more_than_its_memory_bound() {
        // Distinct directories of 100,000 subdirectories each, without end.
        let mut next = 0;
        let err = walk(|_| {
            next += 1;
            Ok(listed(next, 100_000))
        })
        .unwrap_err();
        assert!(matches!(&err, Error::TooLarge(m) if m.contains("256 MiB")), "{err}");
    }

    #[test]
    fn ctrl_c_and_lost_connections_stop_a_walk_other_errors_are_skips() {
        let lost = walk(|rel| if rel.is_empty() { Ok(listed(0, 1)) } else { Err(Error::NotConnected) });
        assert!(matches!(lost, Err(Error::NotConnected)));
        let refused = crate::error::Reply { code: 550, text: "550 no".into() };
        let tree =
            walk(|rel| if rel.is_empty() { Ok(listed(0, 1)) } else { Err(Error::Server(refused.clone())) });
        assert!(matches!(
            &tree.unwrap().skipped[..],
            [Skipped { why: Why::Unreadable(Error::Server(_)), .. }]
        ));
    }
}
