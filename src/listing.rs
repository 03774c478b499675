//! Remote directory listings: turning the lines of `MLSD` (RFC 3659 facts) and `LIST` (Unix
//! `ls -l` and DOS/IIS styles) into [`RemoteEntry`] values. Lines that do not parse are kept raw
//! so they can still be shown. Pure functions: no I/O, no printing, no panics on any input.
//!
//! Conventions:
//! - **Times** are `YYYY-MM-DD HH:MM`. MLSD `modify` is UTC; LIST times are as the server shows
//!   them (its own zone, which is unknown). `ls` shows recent files as `Mon DD HH:MM` without a
//!   year: the year is inferred as `ls` implies it, the latest year that puts the date no more
//!   than a day after today (today read from the clock, UTC). Old files shown as `Mon DD YYYY`
//!   have no time, so `modified` is just `YYYY-MM-DD`. DOS 12-hour times become 24-hour ones and
//!   two-digit years are read as 1970–2069. Month names are English (`Jan`, any case), as with
//!   `LANG=C`; localized ones leave the line raw.
//! - **Names** are kept verbatim (only a trailing CR/LF is removed). MLSD: everything after the
//!   first space, with its `;` and spaces. LIST: everything after the date, less the blanks that
//!   pad the column (so leading spaces of a name are lost; trailing ones are kept). A LIST
//!   symlink `name -> target` is split at the first ` -> `.

use std::time::{SystemTime, UNIX_EPOCH};

/// What a directory entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
/// ignored; at least one `key=value` fact is required. `type=cdir`/`pdir` come back as plain
/// directories (whatever their name): [`parse_listing`] is what drops them.
pub fn parse_mlsd_line(line: &str) -> Option<RemoteEntry> {
    mlsd_line(line).map(|(entry, _)| entry)
}

/// Parses one LIST line, Unix `ls -l` style or DOS/IIS style.
pub fn parse_list_line(line: &str) -> Option<RemoteEntry> {
    list_line(line, today_utc())
}

/// Parses a whole listing; `mlsd` says which format. Drops blank lines, `total N` lines and the
/// `.` and `..` entries (and MLSD `cdir`/`pdir`); unparseable lines become [`Line::Raw`].
pub fn parse_listing(lines: &[String], mlsd: bool) -> Vec<Line> {
    listing_at(lines, mlsd, today_utc())
}

/// Only the entries (for completion, globbing): [`parse_listing`] filtered to entries.
pub fn entries(lines: &[String], mlsd: bool) -> Vec<RemoteEntry> {
    parse_listing(lines, mlsd)
        .into_iter()
        .filter_map(|l| match l {
            Line::Entry(e) => Some(e),
            Line::Raw(_) => None,
        })
        .collect()
}

/// A calendar day, used to infer the year of `Mon DD HH:MM` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Day {
    year: i64,
    month: u32,
    day: u32,
}

/// [`parse_listing`] with "today" given, so tests do not depend on the clock.
fn listing_at(lines: &[String], mlsd: bool, today: Day) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for raw in lines {
        let line = strip_eol(raw);
        if line.trim().is_empty() || is_total(line) {
            continue;
        }
        let parsed = if mlsd { mlsd_line(line) } else { list_line(line, today).map(|e| (e, false)) };
        match parsed {
            Some((_, true)) => {}
            Some((e, false)) if e.name == "." || e.name == ".." => {}
            Some((e, false)) => out.push(Line::Entry(e)),
            None => out.push(Line::Raw(line.to_string())),
        }
    }
    out
}

fn strip_eol(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// `total 12`, `total 1.5M`: the block count `ls -l` prints first.
fn is_total(line: &str) -> bool {
    let toks = tokens(line);
    toks.len() == 2
        && toks[0].0.eq_ignore_ascii_case("total")
        && toks[1].0.starts_with(|c: char| c.is_ascii_digit())
}

// ---- MLSD ----

/// The entry, and whether it is the listed directory itself or its parent (`cdir`/`pdir`).
fn mlsd_line(line: &str) -> Option<(RemoteEntry, bool)> {
    let line = strip_eol(line);
    let (facts, name) = line.split_once(' ')?;
    if name.is_empty() {
        return None;
    }
    let mut entry = RemoteEntry {
        name: name.to_string(),
        kind: EntryKind::File,
        size: None,
        modified: None,
        perms: None,
    };
    let (mut dot, mut sizd, mut any) = (false, None, false);
    for (key, value) in facts.split(';').filter_map(|f| f.split_once('=')) {
        any = true;
        match key.to_ascii_lowercase().as_str() {
            "type" => (entry.kind, dot) = mlsd_type(value),
            "size" => entry.size = value.parse().ok(),
            "sizd" => sizd = value.parse().ok(),
            "modify" => entry.modified = mlsd_time(value),
            "unix.mode" => entry.perms = octal_perms(value),
            _ => {}
        }
    }
    entry.size = entry.size.or(sizd);
    any.then_some((entry, dot))
}

/// The `type` fact: the kind, and whether it is `cdir`/`pdir`.
fn mlsd_type(value: &str) -> (EntryKind, bool) {
    let lower = value.to_ascii_lowercase();
    match lower.as_str() {
        "file" => (EntryKind::File, false),
        "dir" => (EntryKind::Dir, false),
        "cdir" | "pdir" => (EntryKind::Dir, true),
        "link" | "slink" | "symlink" => (EntryKind::Link { target: None }, false),
        _ if lower.starts_with("os.unix=") => (os_unix_type(value.get(8..).unwrap_or("")), false),
        _ => (EntryKind::Other, false),
    }
}

/// `OS.unix=slink:/target` (Pure-FTPd), `OS.unix=symlink` (ProFTPD); other OS types are Other.
fn os_unix_type(sub: &str) -> EntryKind {
    let (kind, target) = sub.split_once(':').unwrap_or((sub, ""));
    match kind.to_ascii_lowercase().as_str() {
        "slink" | "symlink" | "link" => {
            EntryKind::Link { target: (!target.is_empty()).then(|| target.to_string()) }
        }
        _ => EntryKind::Other,
    }
}

/// `YYYYMMDDHHMMSS[.sss]` → `YYYY-MM-DD HH:MM`.
fn mlsd_time(value: &str) -> Option<String> {
    let digits = value.get(..12).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let part = |from: usize, to: usize| digits[from..to].parse::<u32>().ok();
    let (year, month, day) = (part(0, 4)?, part(4, 6)?, part(6, 8)?);
    let (hour, minute) = (part(8, 10)?, part(10, 12)?);
    valid_date(month, day).then_some(())?;
    valid_time(hour, minute).then_some(())?;
    Some(format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"))
}

/// An octal mode (`0644`, `100755`) → `rw-r--r--`, with setuid/setgid/sticky shown.
fn octal_perms(value: &str) -> Option<String> {
    if value.is_empty() || !value.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    let mode = u32::from_str_radix(value, 8).ok()?;
    let bit = |mask: u32, c: char| if mode & mask != 0 { c } else { '-' };
    let exec = |mask: u32, special: u32, c: char| match (mode & mask != 0, mode & special != 0) {
        (true, true) => c,
        (false, true) => c.to_ascii_uppercase(),
        (true, false) => 'x',
        (false, false) => '-',
    };
    let perms = [
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, 0o4000, 's'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        exec(0o010, 0o2000, 's'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        exec(0o001, 0o1000, 't'),
    ];
    Some(perms.iter().collect())
}

// ---- LIST ----

fn list_line(line: &str, today: Day) -> Option<RemoteEntry> {
    let line = strip_eol(line);
    unix_line(line, today).or_else(|| dos_line(line))
}

/// `-rw-r--r--[+@.] [links] [owner] [group] size date name`: the date is found by shape (the
/// first one preceded by a number), so missing or extra owner/group columns do not matter.
fn unix_line(line: &str, today: Day) -> Option<RemoteEntry> {
    let toks = tokens(line);
    let (type_char, perms) = unix_perms(toks.first()?.0)?;
    let (at, modified, end) = (2..toks.len()).find_map(|i| {
        let size_before = is_digits(toks[i - 1].0);
        let date = size_before.then(|| list_date(&toks, i, today)).flatten()?;
        Some((i, date.0, date.1))
    })?;
    let name = after(line, end);
    let (name, kind) = match type_char {
        '-' => (name, EntryKind::File),
        'd' => (name, EntryKind::Dir),
        'l' => match name.split_once(" -> ") {
            Some((n, t)) => (n, EntryKind::Link { target: (!t.is_empty()).then(|| t.to_string()) }),
            None => (name, EntryKind::Link { target: None }),
        },
        _ => (name, EntryKind::Other),
    };
    if name.is_empty() {
        return None;
    }
    // Character and block devices show `major, minor` where the size would be.
    let size = match type_char {
        'c' | 'b' => None,
        _ => toks[at - 1].0.parse().ok(),
    };
    Some(RemoteEntry { name: name.to_string(), kind, size, modified: Some(modified), perms: Some(perms) })
}

/// `drwxr-xr-x`, optionally followed by an ACL/xattr/SELinux flag (`+`, `@`, `.`).
fn unix_perms(tok: &str) -> Option<(char, String)> {
    let tok = tok.strip_suffix(['+', '@', '.']).unwrap_or(tok);
    let mut chars = tok.chars();
    let type_char = chars.next()?;
    let perms: String = chars.collect();
    let ok = "-dlcbpsDn".contains(type_char)
        && perms.chars().count() == 9
        && perms.chars().all(|c| "rwxsStTlL-".contains(c));
    ok.then_some((type_char, perms))
}

/// A date starting at token `i`, in any of the shapes `ls` and servers print: `Mon DD HH:MM`,
/// `Mon DD YYYY`, `DD Mon HH:MM|YYYY`, `YYYY-MM-DD [HH:MM[:SS[.f]] [+ZZZZ]]`, `MM-DD HH:MM`.
/// Returns it formatted and the byte offset just past its last token.
fn list_date(toks: &[(&str, usize)], i: usize, today: Day) -> Option<(String, usize)> {
    let tok = |k: usize| toks.get(i + k).map(|t| t.0);
    let end = |k: usize| toks[i + k].1;
    if let (Some(month), Some(day), Some(last)) = (month(tok(0)?), tok(1).and_then(day), tok(2)) {
        return Some((month_day(month, day, last, today)?, end(2)));
    }
    if let (Some(day), Some(month), Some(last)) = (day(tok(0)?), tok(1).and_then(month), tok(2)) {
        return Some((month_day(month, day, last, today)?, end(2)));
    }
    if let Some((year, month, day)) = iso_date(tok(0)?) {
        let Some((hour, minute)) = tok(1).and_then(time) else {
            return Some((format!("{year:04}-{month:02}-{day:02}"), end(0)));
        };
        let last = if tok(2).is_some_and(is_zone) { 2 } else { 1 };
        return Some((format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"), end(last)));
    }
    let (month, day) = short_iso_date(tok(0)?)?;
    let (hour, minute) = time(tok(1)?)?;
    let year = infer_year(month, day, today);
    Some((format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"), end(1)))
}

/// Completes `Mon DD` with `HH:MM` (year inferred) or `YYYY` (no time).
fn month_day(month: u32, day: u32, last: &str, today: Day) -> Option<String> {
    if let Some((hour, minute)) = time(last) {
        let year = infer_year(month, day, today);
        return Some(format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"));
    }
    let year = (last.len() == 4).then(|| number(last, 4)).flatten()?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// `MM-DD-YY  HH:MM[AM|PM]  <DIR>|size  name` (IIS, Windows), also with 4-digit or leading years.
fn dos_line(line: &str) -> Option<RemoteEntry> {
    let toks = tokens(line);
    let (date, clock, what) = (toks.first()?.0, toks.get(1)?.0, toks.get(2)?);
    let (year, month, day) = dos_date(date)?;
    let (hour, minute) = dos_time(clock)?;
    let name = after(line, what.1);
    let tag = what.0.to_ascii_uppercase();
    let (name, kind, size) = match tag.as_str() {
        "<DIR>" => (name, EntryKind::Dir, None),
        "<SYMLINK>" | "<SYMLINKD>" | "<JUNCTION>" => dos_link(name),
        _ => (name, EntryKind::File, Some(dos_size(what.0)?)),
    };
    if name.is_empty() {
        return None;
    }
    let modified = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}");
    Some(RemoteEntry { name: name.to_string(), kind, size, modified: Some(modified), perms: None })
}

/// `name [target]` as Windows shows links and junctions.
fn dos_link(name: &str) -> (&str, EntryKind, Option<u64>) {
    let split = name.strip_suffix(']').and_then(|n| n.rsplit_once(" ["));
    match split {
        Some((n, t)) if !n.is_empty() => (n, EntryKind::Link { target: Some(t.to_string()) }, None),
        _ => (name, EntryKind::Link { target: None }, None),
    }
}

/// `1234` or `1,234`; `None` when not a size at all. A size too big for `u64` is not a size.
fn dos_size(tok: &str) -> Option<u64> {
    let digits: String = tok.chars().filter(|&c| c != ',').collect();
    if !is_digits(&digits) || tok.starts_with(',') {
        return None;
    }
    digits.parse().ok()
}

/// `MM-DD-YY`, `MM-DD-YYYY` or `YYYY-MM-DD`, with `-` or `/`.
fn dos_date(tok: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = tok.split(['-', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a, 4)?, number(b, 2)?, number(c, 2)?)
    } else {
        let year = match c.len() {
            2 => number(c, 2).map(|y| if y < 70 { 2000 + y } else { 1900 + y })?,
            4 => number(c, 4)?,
            _ => return None,
        };
        (year, number(a, 2)?, number(b, 2)?)
    };
    valid_date(month, day).then_some((year, month, day))
}

/// `03:16PM`, `12:05AM` (12-hour) or `15:16` (24-hour) → 24-hour.
fn dos_time(tok: &str) -> Option<(u32, u32)> {
    let upper = tok.to_ascii_uppercase();
    let (clock, pm) = match (upper.strip_suffix("AM"), upper.strip_suffix("PM")) {
        (Some(c), _) => (c, Some(false)),
        (_, Some(c)) => (c, Some(true)),
        _ => (upper.as_str(), None),
    };
    let (hour, minute) = time(clock)?;
    match pm {
        None => Some((hour, minute)),
        Some(_) if !(1..=12).contains(&hour) => None,
        Some(pm) => Some((hour % 12 + if pm { 12 } else { 0 }, minute)),
    }
}

// ---- small pieces ----

/// Splits at runs of spaces and tabs: each token with the byte offset just past its end. Other
/// whitespace (such as U+3000) stays inside tokens, so offsets are always char boundaries.
fn tokens(s: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c == ' ' || c == '\t', start) {
            (true, Some(from)) => {
                out.push((&s[from..i], i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push((&s[from..], s.len()));
    }
    out
}

/// The rest of `line` after byte offset `end` (a token end), less the padding blanks.
fn after(line: &str, end: usize) -> &str {
    line.get(end..).unwrap_or("").trim_start_matches([' ', '\t'])
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A number of at most `max_len` ASCII digits.
fn number(s: &str, max_len: usize) -> Option<u32> {
    (is_digits(s) && s.len() <= max_len).then(|| s.parse().ok()).flatten()
}

/// `Jan`..`Dec`, any case.
fn month(s: &str) -> Option<u32> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let i = MONTHS.iter().position(|m| s.eq_ignore_ascii_case(m))?;
    u32::try_from(i + 1).ok()
}

fn day(s: &str) -> Option<u32> {
    number(s, 2).filter(|d| (1..=31).contains(d))
}

/// `HH:MM`, also `HH:MM:SS` and `HH:MM:SS.fraction` (`ls --full-time`).
fn time(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.splitn(3, ':');
    let hour = number(parts.next()?, 2)?;
    let minute_tok = parts.next()?;
    let minute = (minute_tok.len() == 2).then(|| number(minute_tok, 2)).flatten()?;
    if let Some(seconds) = parts.next() {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
        (number(whole, 2).is_some() && is_digits(fraction)).then_some(())?;
    }
    valid_time(hour, minute).then_some((hour, minute))
}

/// `YYYY-MM-DD`.
fn iso_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (year, month, day) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
    valid_date(month, day).then_some((year, month, day))
}

/// `MM-DD` (`ls --time-style=iso` for recent files).
fn short_iso_date(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (month, day) = (number(m, 2)?, number(d, 2)?);
    (m.len() == 2 && d.len() == 2 && valid_date(month, day)).then_some((month, day))
}

/// A numeric zone offset such as `+0100` (`ls --full-time`).
fn is_zone(s: &str) -> bool {
    s.len() == 5 && s.starts_with(['+', '-']) && is_digits(&s[1..])
}

fn valid_date(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn valid_time(hour: u32, minute: u32) -> bool {
    hour <= 23 && minute <= 59
}

/// The year of a year-less `ls` date: this year, unless that puts it more than a day in the
/// future, then last year.
fn infer_year(month: u32, day: u32, today: Day) -> i64 {
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let ordinal = |m: u32, d: u32| {
        let start = usize::try_from(m).ok().and_then(|m| BEFORE.get(m.wrapping_sub(1)));
        start.copied().unwrap_or(0) + d
    };
    if ordinal(month, day) > ordinal(today.month, today.day) + 1 { today.year - 1 } else { today.year }
}

/// Today's date in UTC, from the system clock (1970-01-01 if the clock is before the epoch).
fn today_utc() -> Day {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Days since 1970-01-01 → calendar date (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Day {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Day { year, month: u32::try_from(month).unwrap_or(1), day: u32::try_from(day).unwrap_or(1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = Day { year: 2024, month: 3, day: 10 };

    fn list(line: &str) -> RemoteEntry {
        list_line(line, TODAY).unwrap_or_else(|| panic!("LIST line did not parse: {line:?}"))
    }

    fn mlsd(line: &str) -> RemoteEntry {
        parse_mlsd_line(line).unwrap_or_else(|| panic!("MLSD line did not parse: {line:?}"))
    }

    fn entry(name: &str, kind: EntryKind, size: u64, modified: &str, perms: &str) -> RemoteEntry {
        RemoteEntry {
            name: name.to_string(),
            kind,
            size: Some(size),
            modified: Some(modified.to_string()),
            perms: (!perms.is_empty()).then(|| perms.to_string()),
        }
    }

    fn link(target: &str) -> EntryKind {
        EntryKind::Link { target: Some(target.to_string()) }
    }

    fn owned(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn vsftpd_files_and_dirs() {
        assert_eq!(
            list("-rw-r--r--    1 1000     1000         1234 Jan 05 13:46 notes.txt"),
            entry("notes.txt", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--")
        );
        assert_eq!(
            list("drwxr-xr-x    2 1000     1000         4096 Mar 01 09:05 pub"),
            entry("pub", EntryKind::Dir, 4096, "2024-03-01 09:05", "rwxr-xr-x")
        );
    }

    #[test]
    fn proftpd_names_with_spaces_and_trailing_spaces() {
        let e = list("-rw-r--r--   1 ftp      ftp          1234 Jan  5 13:46 my holiday notes.txt");
        assert_eq!(e.name, "my holiday notes.txt");
        assert_eq!(list("-rw-r--r--   1 ftp ftp 1 Jan  5 13:46 two  spaces  ").name, "two  spaces  ");
    }

    #[test]
    fn names_starting_with_digits() {
        let e = list("-rw-r--r--   1 owner    group    5242880 Jan  5  2014 01 1234 foo.mp3");
        assert_eq!(e, entry("01 1234 foo.mp3", EntryKind::File, 5_242_880, "2014-01-05", "rw-r--r--"));
    }

    #[test]
    fn dates_inside_names_are_part_of_the_name() {
        assert_eq!(list("-rw-r--r-- 1 u g 12 Jan 5 13:46 Feb 6 2020 report").name, "Feb 6 2020 report");
        assert_eq!(list("-rw-r--r-- 1 jan may 12 Jan 5 13:46 x").name, "x");
    }

    #[test]
    fn symlinks_with_and_without_target() {
        let e = list("lrwxrwxrwx    1 0        0              11 Jan 05 13:46 latest -> release-1.2");
        assert_eq!(e, entry("latest", link("release-1.2"), 11, "2024-01-05 13:46", "rwxrwxrwx"));
        assert_eq!(list("lrwxrwxrwx 1 u g 4 Jan 5 13:46 a b -> c -> d").kind, link("c -> d"));
        assert_eq!(list("lrwxrwxrwx 1 u g 4 Jan 5 13:46 dangling").kind, EntryKind::Link { target: None });
        // Only links are split: a regular file may have " -> " in its name.
        assert_eq!(list("-rw-r--r-- 1 u g 4 Jan 5 13:46 a -> b").name, "a -> b");
    }

    #[test]
    fn acl_xattr_and_selinux_flags_after_permissions() {
        let e = list("-rw-r--r--+ 1 user staff 12 Jan 5 13:46 acl.txt");
        assert_eq!(e, entry("acl.txt", EntryKind::File, 12, "2024-01-05 13:46", "rw-r--r--"));
        let e = list("drwxr-xr-x@ 3 user staff 96 Jan 5 13:46 Mac Dir");
        assert_eq!(e, entry("Mac Dir", EntryKind::Dir, 96, "2024-01-05 13:46", "rwxr-xr-x"));
        assert_eq!(list("-rw-r--r--. 1 root root 0 Jan 5 13:46 selinux").name, "selinux");
    }

    #[test]
    fn iso_dates_in_list() {
        let e = list("-rw-r--r-- 1 user group 1234 2024-01-05 13:46 iso.txt");
        assert_eq!(e, entry("iso.txt", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--"));
        let e = list("-rw-r--r-- 1 user group 1234 2024-01-05 13:46:12.123456789 +0100 full time.txt");
        assert_eq!((e.name.as_str(), e.modified.as_deref()), ("full time.txt", Some("2024-01-05 13:46")));
        let e = list("-rw-r--r-- 1 user group 1234 2023-01-05 old.txt");
        assert_eq!((e.name.as_str(), e.modified.as_deref()), ("old.txt", Some("2023-01-05")));
        let e = list("-rw-r--r-- 1 user group 1234 01-05 13:46 recent.txt");
        assert_eq!((e.name.as_str(), e.modified.as_deref()), ("recent.txt", Some("2024-01-05 13:46")));
    }

    #[test]
    fn day_before_month() {
        let e = list("-rw-r--r-- 1 0 0 12 5 Jan 13:46 european.txt");
        assert_eq!(
            (e.name.as_str(), e.size, e.modified.as_deref()),
            ("european.txt", Some(12), Some("2024-01-05 13:46"))
        );
    }

    #[test]
    fn list_without_group_column() {
        let e = list("-rw-r--r-- 1 owner 1234 Jan 5 13:46 name");
        assert_eq!(e, entry("name", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--"));
        assert_eq!(list("-rw-r--r-- 1234 Jan 5 13:46 bare").size, Some(1234));
    }

    #[test]
    fn owner_and_group_with_spaces() {
        let e = list("-rw-r--r-- 1 owner Domain Users 1234 Jan 5 13:46 report.doc");
        assert_eq!((e.name.as_str(), e.size), ("report.doc", Some(1234)));
    }

    #[test]
    fn libunftp_list() {
        let e =
            list("-rw-r--r--            1            0            0            109 Nov 24 19:07 readme.txt");
        assert_eq!(e, entry("readme.txt", EntryKind::File, 109, "2023-11-24 19:07", "rw-r--r--"));
        let e = list("drwxr-xr-x            1            0            0           4096 Nov 24 19:07 sub dir");
        assert_eq!((e.name.as_str(), e.is_dir()), ("sub dir", true));
    }

    #[test]
    fn pyftpdlib_list() {
        let e = list("-rw-rw-rw-   1 owner    group        8192 Jan 05 13:46 recent.bin");
        assert_eq!(e, entry("recent.bin", EntryKind::File, 8192, "2024-01-05 13:46", "rw-rw-rw-"));
        let e = list("drwxrwxrwx   1 owner    group           0 Jan 05  2014 old dir");
        assert_eq!(e, entry("old dir", EntryKind::Dir, 0, "2014-01-05", "rwxrwxrwx"));
    }

    #[test]
    fn pure_ftpd_list() {
        let e = list("-rw-r--r--    1 1000       1000             1234 Jan  5 13:46 pure.txt");
        assert_eq!(e, entry("pure.txt", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--"));
    }

    #[test]
    fn devices_pipes_and_sockets_are_other() {
        let e = list("crw-rw-rw-   1 root     root       1,   3 Jan  5 13:46 null");
        assert_eq!((e.name.as_str(), e.kind, e.size), ("null", EntryKind::Other, None));
        assert_eq!(list("brw-rw----   1 root disk 8, 0 Jan  5 13:46 sda").kind, EntryKind::Other);
        let e = list("prw-r--r--   1 u g 0 Jan  5 13:46 fifo");
        assert_eq!((e.kind, e.size), (EntryKind::Other, Some(0)));
        assert_eq!(list("srwxrwxrwx   1 u g 0 Jan  5 13:46 sock").kind, EntryKind::Other);
    }

    #[test]
    fn setuid_setgid_and_sticky_in_list() {
        assert_eq!(list("-rwsr-xr-x 1 root root 1 Jan 5 13:46 su").perms.as_deref(), Some("rwsr-xr-x"));
        assert_eq!(list("drwxrwxrwt 1 root root 1 Jan 5 13:46 tmp").perms.as_deref(), Some("rwxrwxrwt"));
    }

    #[test]
    fn dos_iis_lines() {
        let e = list("04-08-14  03:16PM       <DIR>          aspnet_client");
        assert_eq!((e.name.as_str(), e.kind, e.size), ("aspnet_client", EntryKind::Dir, None));
        assert_eq!(e.modified.as_deref(), Some("2014-04-08 15:16"));
        assert_eq!(e.perms, None);
        let e = list("04-08-14  11:05AM                 1234 web.config");
        assert_eq!(e, entry("web.config", EntryKind::File, 1234, "2014-04-08 11:05", ""));
        assert_eq!(list("01-05-99  12:30PM  7 old.txt").modified.as_deref(), Some("1999-01-05 12:30"));
    }

    #[test]
    fn dos_lines_with_four_digit_years() {
        let e = list("04-08-2014  03:16PM  <DIR>  name");
        assert_eq!(
            (e.name.as_str(), e.kind, e.modified.as_deref()),
            ("name", EntryKind::Dir, Some("2014-04-08 15:16"))
        );
        let e = list("04-08-2014  12:05AM  1234 name with spaces.txt");
        assert_eq!(e, entry("name with spaces.txt", EntryKind::File, 1234, "2014-04-08 00:05", ""));
        let e = list("2014-04-08  15:16  <DIR>  iso dir");
        assert_eq!((e.name.as_str(), e.modified.as_deref()), ("iso dir", Some("2014-04-08 15:16")));
        assert_eq!(list("04/08/2014  15:16  1,234 commas").size, Some(1234));
    }

    #[test]
    fn dos_links_and_junctions() {
        let e = list("04-08-2014  03:16PM  <JUNCTION>  Documents [C:\\Users\\me\\Documents]");
        assert_eq!((e.name.as_str(), e.kind), ("Documents", link("C:\\Users\\me\\Documents")));
        assert_eq!(list("04-08-2014  03:16PM  <SYMLINK>  plain").kind, EntryKind::Link { target: None });
    }

    #[test]
    fn bad_dos_lines_do_not_parse() {
        for line in [
            "13-08-14  03:16PM  <DIR>  bad month",
            "04-08-14  13:16PM  <DIR>  bad hour",
            "04-08-14  03:16PM  12ab  bad size",
            "04-08-14  03:16PM  <DIR>",
        ] {
            assert_eq!(list_line(line, TODAY), None, "{line}");
        }
    }

    #[test]
    fn mlsd_facts_from_several_servers() {
        // Pure-FTPd
        let e = mlsd(
            "type=file;size=1234;modify=20240105134600;UNIX.mode=0644;UNIX.uid=1000;UNIX.gid=1000;unique=803g1f; notes.txt",
        );
        assert_eq!(e, entry("notes.txt", EntryKind::File, 1234, "2024-01-05 13:46", "rw-r--r--"));
        // ProFTPD
        let e = mlsd(
            "modify=20240105134600;perm=flcdmpe;type=dir;unique=FD00U1A2B;UNIX.group=0;UNIX.groupname=root;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=root; pub",
        );
        assert_eq!(
            (e.name.as_str(), e.kind, e.size, e.perms.as_deref()),
            ("pub", EntryKind::Dir, None, Some("rwxr-xr-x"))
        );
        // IIS: fractional seconds, no unix.mode
        let e = mlsd("type=file;size=22;modify=20140408151630.123; web.config");
        assert_eq!(e, entry("web.config", EntryKind::File, 22, "2014-04-08 15:16", ""));
        // pyftpdlib
        let e = mlsd("type=file;size=156;perm=r;modify=20071029155301;unique=8012; music.mp3");
        assert_eq!(e, entry("music.mp3", EntryKind::File, 156, "2007-10-29 15:53", ""));
        // libunftp
        let e = mlsd("type=file;size=109;modify=20231124190700;perm=adfrw; readme.txt");
        assert_eq!(e, entry("readme.txt", EntryKind::File, 109, "2023-11-24 19:07", ""));
    }

    #[test]
    fn mlsd_keys_are_case_insensitive() {
        let e = mlsd("Type=File;Size=3;Modify=20240105134600;unix.MODE=0755; run.sh");
        assert_eq!(e, entry("run.sh", EntryKind::File, 3, "2024-01-05 13:46", "rwxr-xr-x"));
        assert!(e.is_executable());
        assert_eq!(mlsd("TYPE=DIR; d").kind, EntryKind::Dir);
    }

    #[test]
    fn mlsd_names_are_verbatim() {
        assert_eq!(mlsd("type=file;size=3; a; b c ").name, "a; b c ");
        assert_eq!(mlsd("type=file;size=3;  leading").name, " leading");
        assert_eq!(mlsd("type=file; café ファイル.txt").name, "café ファイル.txt");
        assert_eq!(mlsd("type=file;size=3; a=b;c").name, "a=b;c");
    }

    #[test]
    fn mlsd_pure_ftpd_slink_and_proftpd_symlink() {
        let e = mlsd(
            "type=OS.unix=slink:/etc/motd;size=9;modify=20240105134600;UNIX.mode=0777;UNIX.uid=0;UNIX.gid=0;unique=803g2; motd",
        );
        assert_eq!(e, entry("motd", link("/etc/motd"), 9, "2024-01-05 13:46", "rwxrwxrwx"));
        let e = mlsd(
            "modify=20240105134600;perm=adfr;size=11;type=OS.unix=symlink;unique=FD00U1;UNIX.mode=0777; latest",
        );
        assert_eq!(e.kind, EntryKind::Link { target: None });
        assert_eq!(mlsd("type=OS.unix=slink:; empty").kind, EntryKind::Link { target: None });
        assert_eq!(mlsd("type=os.UNIX=SLINK:Target; keep case").kind, link("Target"));
        assert_eq!(mlsd("type=OS.unix=chr-1/3; null").kind, EntryKind::Other);
        assert_eq!(mlsd("type=weird; w").kind, EntryKind::Other);
    }

    #[test]
    fn mlsd_cdir_and_pdir_are_filtered() {
        assert_eq!(mlsd("type=cdir;modify=20240105134600; .").kind, EntryKind::Dir);
        let lines = owned(&[
            "type=cdir;sizd=4096;modify=20240105134600;UNIX.mode=0755; /home/user",
            "type=pdir;sizd=4096;modify=20240105134600; ..",
            "type=dir;sizd=4096;modify=20240105134600; .",
            "type=dir;sizd=4096;modify=20240105134600; docs",
        ]);
        let got = parse_listing(&lines, true);
        assert_eq!(got.len(), 1);
        let Line::Entry(e) = &got[0] else { panic!("{got:?}") };
        assert_eq!((e.name.as_str(), e.size), ("docs", Some(4096)));
    }

    #[test]
    fn mlsd_bad_lines() {
        for line in ["", "type=file;size=3;", "nofacts name", "-rw-r--r-- 1 u g 3 Jan 5 13:46 x", " name"] {
            assert_eq!(parse_mlsd_line(line), None, "{line:?}");
        }
        let e = mlsd("type=file;size=99999999999999999999999;modify=2024;UNIX.mode=9z; odd");
        assert_eq!((e.size, e.modified, e.perms), (None, None, None));
    }

    #[test]
    fn octal_modes() {
        assert_eq!(octal_perms("04755").as_deref(), Some("rwsr-xr-x"));
        assert_eq!(octal_perms("1777").as_deref(), Some("rwxrwxrwt"));
        assert_eq!(octal_perms("02644").as_deref(), Some("rw-r-Sr--"));
        assert_eq!(octal_perms("100644").as_deref(), Some("rw-r--r--"));
        assert_eq!(octal_perms("0"), Some("---------".to_string()));
        for bad in ["", "8", "+644", "0x1ff", "7777777777777777777"] {
            assert_eq!(octal_perms(bad), None, "{bad}");
        }
    }

    #[test]
    fn total_dot_and_dotdot_are_dropped_and_garbage_kept_raw() {
        let lines = owned(&[
            "total 12",
            "drwxr-xr-x  3 u g 4096 Jan  5 13:46 .",
            "drwxr-xr-x 19 u g 4096 Jan  5 13:46 ..",
            "-rw-r--r--  1 u g   12 Jan  5 13:46 keep.txt\r\n",
            "",
            "   ",
            "ls: cannot open directory .: Permission denied",
        ]);
        let got = parse_listing(&lines, false);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Line::Entry(e) if e.name == "keep.txt"));
        assert_eq!(got[1], Line::Raw("ls: cannot open directory .: Permission denied".to_string()));
        assert_eq!(entries(&lines, false).len(), 1);
        assert!(is_total("total 1.5M"));
        assert!(!is_total("total"));
        assert!(!is_total("total recall"));
    }

    #[test]
    fn huge_numbers_give_no_size() {
        let e = list("-rw-r--r-- 1 u g 99999999999999999999999 Jan 5 13:46 huge");
        assert_eq!((e.name.as_str(), e.size), ("huge", None));
        assert_eq!(list("-rw-r--r-- 1 u g 18446744073709551615 Jan 5 13:46 max").size, Some(u64::MAX));
    }

    #[test]
    fn non_ascii_names_and_padding() {
        assert_eq!(list("-rw-r--r-- 1 u g 5 Jan 5 13:46 日本語 ファイル.txt").name, "日本語 ファイル.txt");
        assert_eq!(list("-rw-r--r--\t1\tu\tg\t5\tJan\t5\t13:46\ttabs").name, "tabs");
        assert_eq!(list("-rw-r--r-- 1 u g 5 Jan 5 13:46 \u{3000}wide").name, "\u{3000}wide");
    }

    #[test]
    fn not_listing_lines() {
        for line in [
            "226 Transfer complete",
            "hello world",
            "-rw-r--r-- 1 u g 5 Jan 5 13:46",
            "-rw-r--r-- 1 u g x Jan 5 13:46 nosize",
            "-rw-r--r-- 1 u g 5 Foo 5 13:46 badmonth",
            "-rw-r--r-- 1 u g 5 Jan 32 13:46 badday",
            "-rw-r--r-- 1 u g 5 Jan 5 24:00 badhour",
            "-rwxrwxrwxrwx 1 u g 5 Jan 5 13:46 longperms",
            "xrw-r--r-- 1 u g 5 Jan 5 13:46 badtype",
        ] {
            assert_eq!(list_line(line, TODAY), None, "{line}");
        }
    }

    #[test]
    fn year_is_inferred_like_ls() {
        assert_eq!(infer_year(1, 5, TODAY), 2024);
        assert_eq!(infer_year(3, 11, TODAY), 2024, "a day of clock skew is allowed");
        assert_eq!(infer_year(3, 12, TODAY), 2023);
        assert_eq!(infer_year(11, 24, TODAY), 2023);
        assert_eq!(infer_year(12, 31, Day { year: 2024, month: 1, day: 1 }), 2023);
        assert_eq!(infer_year(2, 1, Day { year: 2024, month: 1, day: 31 }), 2024);
    }

    #[test]
    fn calendar_from_days() {
        assert_eq!(civil_from_days(0), Day { year: 1970, month: 1, day: 1 });
        assert_eq!(civil_from_days(11_016), Day { year: 2000, month: 2, day: 29 });
        assert_eq!(civil_from_days(19_727), Day { year: 2024, month: 1, day: 5 });
        let now = today_utc();
        assert!(now.year >= 2024 && (1..=12).contains(&now.month));
    }

    #[test]
    fn executable_means_a_file_with_an_x_bit() {
        let with = |kind: EntryKind, perms: Option<&str>| RemoteEntry {
            name: "f".to_string(),
            kind,
            size: None,
            modified: None,
            perms: perms.map(str::to_string),
        };
        assert!(with(EntryKind::File, Some("rwxr-xr-x")).is_executable());
        assert!(with(EntryKind::File, Some("rw-r--r-x")).is_executable());
        assert!(with(EntryKind::File, Some("rwsr--r--")).is_executable());
        assert!(with(EntryKind::File, Some("rw-r--r-t")).is_executable());
        assert!(!with(EntryKind::File, Some("rwSr--r--")).is_executable());
        assert!(!with(EntryKind::File, Some("rw-r--r--")).is_executable());
        assert!(!with(EntryKind::File, None).is_executable());
        assert!(!with(EntryKind::Dir, Some("rwxr-xr-x")).is_executable());
        assert!(with(EntryKind::Dir, None).is_dir());
    }

    #[test]
    fn public_entry_points_agree() {
        let line = "-rw-r--r-- 1 u g 3 Jan 5 2014 x";
        assert_eq!(parse_list_line(line), list_line(line, TODAY));
        let got = entries(&owned(&[line, "garbage"]), false);
        assert_eq!(got, vec![list(line)]);
    }

    /// Lines that must never panic, whatever they parse to.
    fn odd_lines() -> Vec<String> {
        let mut odd: Vec<String> = [
            "",
            " ",
            "   ",
            "\t",
            "\r",
            "\n",
            "\r\n",
            "\0",
            "\u{1b}[2J",
            "\u{7f}",
            "\u{202e}",
            "total",
            "total ",
            "total 0",
            "TOTAL 9",
            "total -1",
            "total 日本",
            "-",
            "d",
            "l",
            "-rw-r--r--",
            "-rw-r--r-- ",
            "-rw-r--r-- 1",
            "-rw-r--r-- 1 u",
            "-rw-r--r-- 1 u g",
            "-rw-r--r-- 1 u g 3",
            "-rw-r--r-- 1 u g 3 Jan",
            "-rw-r--r-- 1 u g 3 Jan 5",
            "-rw-r--r-- 1 u g 3 Jan 5 13:",
            "-rw-r--r-- 1 u g 3 Jan 5 :46 x",
            "-rw-r--r-- 1 u g 3 Jan 5 1:4 x",
            "-rw-r--r-- 1 u g 3 2024-01-05",
            "-rw-r--r-- 1 u g 3 2024-01-05 13:46:",
            "-rw-r--r-- 1 u g 3 2024-1-5 x",
            "-rw-r--r-- 1 u g 3 2024-01-05 13:46:1.x +01",
            "-rw-r--r-- 1 u g 3 01-05",
            "-rw-r--r-- 1 u g 3 -",
            "lrwxrwxrwx 1 u g 3 Jan 5 13:46  -> ",
            "lrwxrwxrwx 1 u g 3 Jan 5 13:46 -> t",
            "lrwxrwxrwx 1 u g 3 Jan 5 13:46 x ->",
            "-ŕw-r--r-- 1 u g 3 Jan 5 13:46 x",
            "é",
            "日本語",
            "-日本語日本語日本語 1 u g 3 Jan 5 13:46 x",
            "-rw-r--r-- 1 u g 3 Jän 5 13:46 x",
            "-rw-r--r-- 1 u g 3 Jan 5日 13:46 x",
            "-rw-r--r-- 1 u g ３ Jan 5 13:46 x",
            "-rw-r--r--+@ 1 u g 3 Jan 5 13:46 x",
            "+",
            "@",
            ".",
            "..",
            "-rw-r--r-- 1 u g 3 Jan 5 13:46 .",
            "99999999999999999999999999999999999999",
            "-rw-r--r-- 1 u g 3 Jan 99999999999 13:46 x",
            "-rw-r--r-- 1 u g 3 Jan 5 99999:99999 x",
            "-rw-r--r-- 1 u g 3 Jan 5 99999 x",
            "-rw-r--r-- 1 u g 3 Jan 5 0000 x",
            "04-08-14",
            "04-08-14  03:16PM",
            "04-08-14  03:16PM  <DIR>",
            "04-08-14  03:16XM  <DIR>  x",
            "04-08-14  00:16AM  <DIR>  x",
            "04-08-1  03:16PM  <DIR>  x",
            "04-08-14-1  03:16PM  1 x",
            "--  03:16PM  1 x",
            "04-08-14  03:16PM  , x",
            "04-08-14  03:16PM  1,2,3 x",
            "04-08-14  PM  1 x",
            "04-08-14  AM  1 x",
            "04-08-14  03:16PM  <JUNCTION>  [x]",
            "04-08-14  03:16PM  <JUNCTION>   [",
            "04-08-14  03:16PM  <SYMLINKD>  ]",
            "04/08/2014  日本:語PM  1 x",
            "2014-04-08  15:16",
            "9999-99-99  99:99  1 x",
            "type=",
            "type=;",
            "=",
            ";",
            "; ",
            "= ",
            "=;= x",
            "type",
            "type=file",
            "type=file;",
            "type=file; ",
            "type=file;  ",
            "type=OS.unix=",
            "type=OS.unix= x",
            "type=OS.unix=slink x",
            "type=OS.unix=slink:日本 x",
            "type=OS.unix 日本",
            "type=OS.uni; x",
            "type=日本語; x",
            "modify=2024010513460; x",
            "modify=日本語日本語日本語日本語; x",
            "modify=202401051346日本; x",
            "modify=20241305134600; x",
            "modify=2024010513; x",
            "unix.mode=; x",
            "unix.mode=日本; x",
            "unix.mode=77777777777777777777777; x",
            "size=-1; x",
            "size=+1; x",
            "sizd=日本; x",
            "type=file;size=3;\u{0}; \u{0}",
            "type=file;\u{1b}[31m; \u{1b}[31mred",
            "type=cdir; ",
            "type=pdir; ..",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        odd.push("x".repeat(100_000));
        odd.push(format!("-rw-r--r-- 1 u g {} Jan 5 13:46 x", "9".repeat(10_000)));
        odd.push(format!("type=file;size={}; x", "9".repeat(10_000)));
        odd.push(" ".repeat(10_000));
        odd.push(";".repeat(10_000));
        odd
    }

    /// Every char-boundary prefix of real lines: truncated lines of every length.
    fn truncated_lines() -> Vec<String> {
        let samples = [
            "lrwxrwxrwx    1 0        0              11 Jan 05 13:46 latest -> release-1.2",
            "-rw-r--r-- 1 user group 1234 2024-01-05 13:46:12.123456789 +0100 full time.txt",
            "04-08-2014  03:16PM  <JUNCTION>  Documents [C:\\Users\\me]",
            "type=OS.unix=slink:/etc/motd;size=9;modify=20240105134600;UNIX.mode=0777; motd",
            "-rw-r--r-- 1 ü g 5 Jän 5 13:46 日本語 ファイル.txt",
        ];
        samples
            .iter()
            .flat_map(|s| s.char_indices().map(|(i, _)| s[..i].to_string()).collect::<Vec<_>>())
            .collect()
    }

    /// Pseudo-random lines made of the characters the parsers look at, plus multi-byte ones.
    fn random_lines() -> Vec<String> {
        const POOL: &[&str] = &[
            " ",
            "\t",
            "-",
            ":",
            ";",
            "=",
            ".",
            ",",
            "+",
            "@",
            "/",
            "<DIR>",
            " -> ",
            "[",
            "]",
            "0",
            "1",
            "12",
            "31",
            "2024",
            "99999999999999999999",
            "Jan",
            "dec",
            "13:46",
            "03:16PM",
            "AM",
            "rwxr-xr-x",
            "type=",
            "file",
            "dir",
            "cdir",
            "OS.unix=slink:",
            "size=",
            "modify=",
            "unix.mode=",
            "é",
            "日本",
            "\u{3000}",
            "\u{0}",
            "\u{1b}",
            "\r",
            "\n",
            "\u{202e}",
            "🦀",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap_or(0)
        };
        (0..3000)
            .map(|_| {
                let len = next(24);
                (0..len).map(|_| POOL[next(POOL.len())]).collect()
            })
            .collect()
    }

    #[test]
    fn never_panics_on_odd_input() {
        let mut all = odd_lines();
        assert!(all.len() >= 100, "{}", all.len());
        all.extend(truncated_lines());
        all.extend(random_lines());
        for line in &all {
            let _ = parse_list_line(line);
            let _ = parse_mlsd_line(line);
            for today in [TODAY, Day { year: 0, month: 1, day: 1 }, Day { year: 2024, month: 12, day: 31 }] {
                let _ = list_line(line, today);
            }
        }
        let _ = parse_listing(&all, false);
        let _ = parse_listing(&all, true);
        let _ = entries(&all, true);
    }
}
