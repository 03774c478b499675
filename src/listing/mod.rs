//! Remote directory listings: turning the lines of `MLSD` (RFC 3659 facts) and `LIST` (in any of
//! the dialects below) into [`RemoteEntry`] values. Lines that do not parse are kept raw so they
//! can still be shown. Pure functions: no I/O, no printing, no panics on any input.
//!
//! This file owns the public types ([`RemoteEntry`], [`EntryKind`], [`Line`], [`Listing`]), the
//! entry points ([`parse_listing`], [`entries`], [`parse_list_line`], [`parse_mlsd_line`],
//! [`Reader`]) and what a listing keeps. It holds no dialect's syntax; each dialect lives in its
//! own file, and `dialect.rs` chooses which one reads a listing:
//!
//! - `dialect.rs`: [`Dialect`] (`set listing-format`), the SYST hint, and the chooser: with
//!   `auto` every dialect is tried on each line (the SYST hint first) until one understands
//!   it; that one then reads the rest of the listing, and only that one. It also joins VMS
//!   entries that span two lines, and drops blank lines, `total N`, `.` and `..`;
//! - `mlsd.rs`: MLSD/MLST facts (always for MLSD; the last one `auto` tries on LIST);
//! - `unix.rs`: `ls -l` style lines, in any locale, and the Unix modes of enterprise systems;
//! - `dos.rs`: DOS/IIS/Windows (`cmd.exe`) lines;
//! - `vms.rs`, `os2.rs`, `netware.rs`, `os400.rs`, `mvs.rs`, `eplf.rs`, `tandem.rs`: VMS,
//!   OS/2, NetWare, OS/400 (IBM i), MVS (z/OS data sets and PDS members), EPLF and
//!   Tandem/NonStop;
//! - `date.rs` and `text.rs`: shared pieces (month names, times, the calendar, the year `ls`
//!   leaves out; tokens and numbers);
//! - `memory.rs`: what a listing costs in memory, and the budget that bounds it;
//! - `tests.rs` and `corpus.rs` (tests only): the entry points, and the fixture corpus
//!   `tests/fixtures/listings/` (one listing per dialect and rule, with what each line makes).
//!
//! **Adding a LIST dialect**:
//! 1. write `src/listing/NAME.rs`: a `//!` doc with a sample line, and
//!    `pub(super) fn parse(line: &str, ctx: Ctx) -> Parsed` that returns `Parsed::No` for any
//!    line that is not of its dialect (the line comes without its CR/LF; `ctx` holds "today"
//!    and whether the listing is known to be of this dialect). Build on `date.rs`/`text.rs`.
//! 2. declare `mod NAME;` below; add a variant to [`Dialect`] (and its name to
//!    [`Dialect::NAMES`]), its parser to `parser` and its place to `AUTO_ORDER` in
//!    `dialect.rs`. Order matters: put a strict dialect before a lenient one that could misread
//!    its lines.
//! 3. add a fixture listing `tests/fixtures/listings/NAME.txt` (entries and rejections), a few
//!    lines to `odd_lines`/`truncated_lines` in `tests.rs`, and the fixture to the fuzz corpus
//!    (`fuzz/corpus/listing`).
//!
//! Conventions:
//! - **Times** are `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` or
//!   `YYYY-MM-DD HH:MM:SS.fff`: as precise as the listing, never more (MLSD `modify`, `ls
//!   --full-time`, VMS and OS/400 keep seconds; EPLF gives whole seconds). MLSD and EPLF times
//!   are UTC; LIST times are as the server shows them (its own zone, which is unknown). An
//!   impossible date (Nov 31, Feb 29 of 2023) is no date: the line is not understood. `ls`
//!   shows recent files as `Mon DD HH:MM` without a year: by the six-month rule the date is not
//!   in the future, so the year is the latest one that puts it no more than a day after today
//!   (the server's clock when the caller gives it, [`Reader::today`], else the local one, UTC).
//!   DOS 12-hour times become 24-hour ones; two-digit years are read as 1970–2069. Month names
//!   are read in English, German, French, Spanish, Italian, Dutch, Polish, Portuguese and
//!   Russian, and as CJK `3月`/`3월`.
//! - **Names** are kept byte for byte (only a trailing CR/LF is removed), so that `get` of a
//!   listed name fetches it. MLSD: everything after the first space, with its `;` and spaces.
//!   Unix: everything after the date and the one blank that follows it, so leading and trailing
//!   spaces are kept; DOS/IIS likewise where the layout fixes the name's column. Dialects that
//!   pad before the name (OS/2, NetWare, OS/400) lose a name's leading spaces. A Unix symlink
//!   `name -> target` is split at the ` -> ` whose target is as long as the link's size (what
//!   `ls` shows for a link), else at the first; VMS names keep their `;version`.
//! - **Not understood** is every line that is neither an entry nor known noise (blank lines,
//!   `total N`, `.`, `..`, MLSD `cdir`/`pdir`, a dialect's header or summary lines, the first
//!   line of a two-line entry). A [`Listing`] counts them, so that a caller can tell a
//!   directory it knows from one it knows only in part (an `ls` error passed off as a listing,
//!   a dialect ftpsh does not read, a line of another dialect in the middle of a listing).

mod date;
mod dialect;
mod dos;
mod eplf;
mod memory;
mod mlsd;
mod mvs;
mod netware;
mod os2;
mod os400;
mod tandem;
mod text;
mod unix;
mod vms;

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod tests;

use std::time::SystemTime;

use date::{Day, day_of, today_utc};
pub use dialect::Dialect;
use dialect::{Chooser, Read};
pub use memory::{Budget, Exceeded, MEMORY_MAX, heap};

/// What a directory entry is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntryKind {
    File,
    Dir,
    /// A symbolic link, with its target when the listing shows it.
    Link {
        target: Option<String>,
    },
    /// Devices, pipes, sockets and types the server names but we do not know.
    Other,
}

/// One entry of a remote directory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RemoteEntry {
    pub name: String,
    pub kind: EntryKind,
    pub size: Option<u64>,
    /// Modification time as `YYYY-MM-DD HH:MM`, or `YYYY-MM-DD` when the listing shows no time
    /// (see the module docs for zones and year inference).
    pub modified: Option<String>,
    /// Unix permission string like `rwxr-xr-x` when known (from LIST, or MLSD `unix.mode`).
    pub perms: Option<String>,
}

impl RemoteEntry {
    pub fn is_dir(&self) -> bool {
        self.kind == EntryKind::Dir
    }

    /// A regular file with any execute bit (`x`, or `s`/`t` which imply it).
    pub fn is_executable(&self) -> bool {
        self.kind == EntryKind::File && self.perms.as_deref().is_some_and(|p| p.contains(['x', 's', 't']))
    }
}

/// One line of a listing: parsed, or kept raw when it does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Entry(RemoteEntry),
    Raw(String),
}

/// Parses one MLSD line (`fact=value;…; name`). Keys are case-insensitive; unknown facts are
/// ignored; a `type` fact is required when there are facts, and `size`/`sizd`/`modify` must be
/// well formed when present. `type=cdir`/`pdir` come back as plain directories (whatever their
/// name): [`parse_listing`] is what drops them.
pub fn parse_mlsd_line(line: &str) -> Option<RemoteEntry> {
    mlsd::parse(line).map(|(entry, _)| entry)
}

/// Parses one LIST line in whichever dialect understands it (see [`Dialect`]).
pub fn parse_list_line(line: &str) -> Option<RemoteEntry> {
    list_line(line, today_utc())
}

/// Parses a whole listing; `mlsd` says which format (else the LIST dialect is recognised from
/// the lines). Drops known noise (blank lines, `total N`, `.` and `..`, MLSD `cdir`/`pdir`,
/// dialects' headers); lines not understood become [`Line::Raw`].
pub fn parse_listing(lines: &[String], mlsd: bool) -> Vec<Line> {
    listing_at(lines, mlsd, today_utc())
}

/// Only the entries (for benchmarks and tests): [`parse_listing`] filtered to entries.
pub fn entries(lines: &[String], mlsd: bool) -> Vec<RemoteEntry> {
    parse_listing(lines, mlsd)
        .into_iter()
        .filter_map(|l| match l {
            Line::Entry(e) => Some(e),
            Line::Raw(_) => None,
        })
        .collect()
}

/// A directory listing as far as ftpsh understood it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// The entries, in the server's order.
    pub entries: Vec<RemoteEntry>,
    /// How many lines were not understood (known noise aside).
    pub not_understood: usize,
    /// Lines not understood, as the server sent them: all of them when the [`Reader`] keeps
    /// them, else the first (cut to [`SAMPLE_CHARS`]).
    pub raw: Vec<String>,
}

impl Listing {
    /// Whether every line was understood.
    pub fn is_complete(&self) -> bool {
        self.not_understood == 0
    }

    /// The entries.
    pub fn iter(&self) -> std::slice::Iter<'_, RemoteEntry> {
        self.entries.iter()
    }

    /// What was not understood, for a message: `None` when every line was.
    pub fn problem(&self) -> Option<String> {
        let first = self.raw.first().filter(|_| !self.is_complete())?;
        let (n, s) = (self.not_understood, if self.not_understood == 1 { "" } else { "s" });
        Some(format!("{n} line{s} of the listing not understood (the first: '{first}')"))
    }
}

/// How much of the first line not understood a [`Listing`] keeps when it keeps only that one.
pub const SAMPLE_CHARS: usize = 200;

/// Reads a listing line by line into a [`Listing`], holding no more memory than its budget.
pub struct Reader {
    mlsd: bool,
    chooser: Chooser,
    keep_raw: bool,
    budget: Budget,
    listing: Listing,
}

impl Reader {
    /// A reader of MLSD lines (`mlsd`) or LIST lines (of a dialect it recognises) that keeps
    /// every line it does not understand when `keep_raw` (to show them), else only the first;
    /// within `limit` bytes.
    pub fn new(mlsd: bool, keep_raw: bool, limit: usize) -> Reader {
        let chooser = chooser(mlsd, Dialect::Auto, None, today_utc());
        Reader { mlsd, chooser, keep_raw, budget: Budget::new(limit), listing: Listing::default() }
    }

    /// Reads LIST lines as `format` (`set listing-format`), or, for [`Dialect::Auto`], in the
    /// dialect the lines show, trying the one the server's `SYST` reply suggests first. An MLSD
    /// reader stays MLSD. Call before the first line.
    pub fn format(mut self, format: Dialect, syst: Option<&str>) -> Reader {
        let hint = syst.and_then(Dialect::from_syst);
        self.chooser = chooser(self.mlsd, format, hint, self.chooser.today());
        self
    }

    /// Infers the year of year-less dates against `now` (the server's clock, when known)
    /// instead of the local clock. Call before the first line.
    pub fn today(mut self, now: SystemTime) -> Reader {
        self.chooser.set_today(day_of(now));
        self
    }

    /// The dialect the lines are read in: the forced one, the one recognised so far, or
    /// [`Dialect::Auto`] while no line has been understood.
    pub fn dialect(&self) -> Dialect {
        self.chooser.dialect()
    }

    /// Takes the next line (with or without its CR/LF).
    pub fn line(&mut self, line: &str) -> Result<(), Exceeded> {
        let (given_up, read) = self.chooser.read(line);
        if let Some(first) = given_up {
            self.not_understood(&first)?;
        }
        match read {
            Read::Noise => Ok(()),
            Read::Entry(e) => {
                let heap = e.heap_bytes();
                self.budget.push(&mut self.listing.entries, e, heap)
            }
            Read::NotUnderstood(text) => self.not_understood(&text),
        }
    }

    /// Counts a line not understood, and keeps it as [`Reader::new`] says.
    fn not_understood(&mut self, text: &str) -> Result<(), Exceeded> {
        let listing = &mut self.listing;
        listing.not_understood += 1;
        let keep = match (self.keep_raw, listing.raw.is_empty()) {
            (true, _) => text.to_string(),
            (false, true) => text.chars().take(SAMPLE_CHARS).collect(),
            (false, false) => return Ok(()),
        };
        let heap = heap(keep.len());
        self.budget.push(&mut listing.raw, keep, heap)
    }

    /// The listing read. A two-line entry still waiting for its second line is not understood
    /// (kept even if that one short line goes beyond the budget).
    pub fn finish(mut self) -> Listing {
        if let Some(first) = self.chooser.finish() {
            let _ = self.not_understood(&first);
        }
        self.listing
    }
}

/// The chooser for an MLSD listing, or a LIST listing in `format`.
fn chooser(mlsd: bool, format: Dialect, hint: Option<Dialect>, today: Day) -> Chooser {
    if mlsd { Chooser::new(Dialect::Mlsd, None, today) } else { Chooser::new(format, hint, today) }
}

/// [`parse_listing`] with "today" given, so tests do not depend on the clock.
fn listing_at(lines: &[String], mlsd: bool, today: Day) -> Vec<Line> {
    let mut parser = LineParser { chooser: chooser(mlsd, Dialect::Auto, None, today) };
    let mut out: Vec<Line> = lines.iter().flat_map(|raw| parser.read(raw)).collect();
    out.extend(parser.finish());
    out
}

/// Reads a listing line by line without keeping it, as [`Reader`] does (same dialect choice),
/// handing each line's meaning on as soon as it is known: for streamed output.
pub struct LineParser {
    chooser: Chooser,
}

impl LineParser {
    /// A parser of MLSD lines (`mlsd`) or LIST lines as [`Reader::format`] says.
    pub fn new(mlsd: bool, format: Dialect, syst: Option<&str>) -> LineParser {
        let hint = syst.and_then(Dialect::from_syst);
        LineParser { chooser: chooser(mlsd, format, hint, today_utc()) }
    }

    /// What `raw` completes: nothing (noise, or the first line of a two-line entry), its
    /// [`Line`], or before it a line given up on (a first line the next one did not complete).
    pub fn read(&mut self, raw: &str) -> impl Iterator<Item = Line> + use<> {
        let (given_up, read) = self.chooser.read(raw);
        let this = match read {
            Read::Noise => None,
            Read::Entry(e) => Some(Line::Entry(e)),
            Read::NotUnderstood(text) => Some(Line::Raw(text.into_owned())),
        };
        given_up.map(Line::Raw).into_iter().chain(this)
    }

    /// A first line still waiting for its second at the end: not understood.
    pub fn finish(&mut self) -> Option<Line> {
        self.chooser.finish().map(Line::Raw)
    }
}

/// One LIST line through every dialect (none is chosen from earlier lines).
fn list_line(line: &str, today: Day) -> Option<RemoteEntry> {
    match Chooser::new(Dialect::Auto, None, today).read(line) {
        (_, Read::Entry(e)) => Some(e),
        _ => None,
    }
}
