//! Turning data into text for the terminal: sanitizing untrusted server strings, formatting
//! sizes and rates. Pure functions; printing is done by [`super::Ui`].

use std::fmt::Write as _;

use colored::Colorize;

use crate::listing::{EntryKind, Listing, RemoteEntry};
use std::time::Duration;

use crate::transfer::Report;

/// Makes a server-supplied string safe to print: control characters (C0, DEL, C1), escape
/// sequences and bidirectional overrides are shown escaped (`\x1b`, `\u{202e}`), never
/// interpreted, and so are the bytes of a name that did not decode (`\xe9`, see
/// [`crate::charset`]). Line breaks are escaped too, so call it once per line.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_sanitized(&mut out, s);
    out
}

/// Appends `s` to `out` as [`sanitize`] shows it.
pub fn push_sanitized(out: &mut String, s: &str) {
    // Printable ASCII is the usual case, and shown as it is.
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if crate::text::is_invisible_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => push_byte_escaped(out, c),
        }
    }
}

pub use crate::text::json_line;
use crate::text::push_byte_escaped;

/// The note for `n` lines of a listing not understood (`None` for none).
pub fn not_understood(n: usize) -> Option<String> {
    let s = if n == 1 { "" } else { "s" };
    (n > 0).then(|| format!("{n} line{s} of the listing not understood"))
}

/// Sanitizes every line of a (possibly multi-line) text.
pub fn sanitize_lines(s: &str) -> Vec<String> {
    s.lines().map(sanitize).collect()
}

/// `line` broken at spaces into lines of at most `width` characters (a longer word stays
/// whole; the spaces between words that stay on a line are kept); lines after the first start
/// with `hang` spaces.
pub fn wrap(line: &str, width: usize, hang: usize) -> String {
    let mut out = String::new();
    let mut current = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        let gap = &rest[..rest.len() - rest.trim_start_matches(' ').len()];
        let after = &rest[gap.len()..];
        let word = &after[..after.find(' ').unwrap_or(after.len())];
        rest = &after[word.len()..];
        let started = !current.trim().is_empty();
        if started && current.chars().count() + gap.len() + word.chars().count() > width {
            out += &current;
            out.push('\n');
            current = " ".repeat(hang) + word;
        } else {
            current += gap;
            current += word;
        }
    }
    out + &current
}

/// Human-readable binary size: `512 B`, `1.5 KiB`, `64.0 MiB`.
pub fn human_bytes(n: f64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = n;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{v:.0} {}", UNITS[0]) } else { format!("{v:.1} {}", UNITS[unit]) }
}

/// The one summary line printed after a transfer: what, how much, how fast, what was checked.
pub fn transfer_summary(label: &str, report: &Report) -> String {
    let mut line = format!(
        "{label}: {} in {:.2} s ({}/s)",
        human_bytes(report.bytes as f64),
        report.elapsed.as_secs_f64(),
        human_bytes(report.rate())
    );
    if report.skipped > 0 {
        line += &format!(", resumed at {}", human_bytes(report.skipped as f64));
    }
    if let Some((last, others)) = report.verified.split_last() {
        let others = others.join(", ");
        let and = if others.is_empty() { "" } else { " and " };
        line += &format!(", verified {others}{and}{last}");
    }
    if let Some(note) = &report.note {
        line += &format!("\n  note: {note}");
    }
    line
}

/// The summary line of a batch.
pub fn batch_summary(verb: &str, files: usize, bytes: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { bytes as f64 / secs } else { 0.0 };
    let plural = if files == 1 { "" } else { "s" };
    format!(
        "{verb}: {files} file{plural}, {} in {secs:.2} s ({}/s)",
        human_bytes(bytes as f64),
        human_bytes(rate)
    )
}

/// A parsed listing as aligned columns: type and permissions, size, time, name, for each entry
/// in its order; then the lines not understood, as sent. Directories, links and executables are
/// coloured when `color`. Each line is handed to `each` as it is made, all in one buffer.
pub fn listing(listing: &Listing, human: bool, color: bool, mut each: impl FnMut(&str)) {
    let size = |e: &RemoteEntry, out: &mut String| match e.size {
        Some(n) if human => out.push_str(&human_bytes(n as f64)),
        Some(n) => push_number(out, n),
        None => out.push('-'),
    };
    let (mut line, mut shown) = (String::new(), String::new());
    let mut width = 0;
    for e in listing.iter() {
        shown.clear();
        size(e, &mut shown);
        width = width.max(shown.len());
    }
    // Written piece by piece: `format!` with padding costs more than the rest of a row.
    for e in listing.iter() {
        line.clear();
        line.push(match e.kind {
            EntryKind::Dir => 'd',
            EntryKind::Link { .. } => 'l',
            EntryKind::File => '-',
            EntryKind::Other => '?',
        });
        push_sanitized(&mut line, e.perms.as_deref().unwrap_or("---------"));
        shown.clear();
        size(e, &mut shown);
        pad(&mut line, 1 + width - shown.len());
        line += &shown;
        line.push(' ');
        let time = e.modified.as_deref().unwrap_or("");
        line += time;
        pad(&mut line, 1 + 16usize.saturating_sub(time.chars().count()));
        push_name(&mut line, e, color);
        each(&line);
    }
    for raw in &listing.raw {
        line.clear();
        push_sanitized(&mut line, raw);
        each(&line);
    }
}

/// `n` in decimal digits (without the formatting machinery: one per row of a listing).
fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[start..].iter().for_each(|d| out.push(char::from(*d)));
}

/// `n` spaces.
fn pad(line: &mut String, n: usize) {
    line.extend(std::iter::repeat_n(' ', n));
}

/// The entry's name, sanitized, coloured by kind, with a link's target.
fn push_name(line: &mut String, e: &RemoteEntry, color: bool) {
    let painted = match (&e.kind, color) {
        (EntryKind::Dir, true) => Some(sanitize(&e.name).blue().bold()),
        (EntryKind::Link { .. }, true) => Some(sanitize(&e.name).cyan()),
        (EntryKind::File, true) if e.is_executable() => Some(sanitize(&e.name).green().bold()),
        _ => None,
    };
    match painted {
        Some(name) => {
            let _ = write!(line, "{name}");
        }
        None => push_sanitized(line, &e.name),
    }
    if let EntryKind::Link { target: Some(t) } = &e.kind {
        line.push_str(" -> ");
        push_sanitized(line, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::{EntryKind, Listing, RemoteEntry};

    #[test]
    fn json_lines_escape_what_could_drive_a_terminal_and_mean_the_same() {
        let v = serde_json::json!({ "name": "a\u{9b}2J\u{202e}b\u{1b}c", "n": 1 });
        let line = json_line(&v);
        assert!(!line.chars().any(crate::text::is_unsafe), "{line}");
        assert!(line.contains("\\u009b") && line.contains("\\u202e") && line.contains("\\u001b"), "{line}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&line).unwrap(), v);
    }

    #[test]
    fn escape_sequences_are_shown_not_interpreted() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(sanitize("\u{1b}]0;title\u{7}"), "\\x1b]0;title\\x07");
        assert_eq!(sanitize("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(sanitize("c\u{9b}1m"), "c\\u{9b}1m");
        assert_eq!(sanitize("a\r\nb"), "a\\r\\nb");
        assert_eq!(sanitize("DEL\u{7f}"), "DEL\\x7f");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        for s in ["café.txt", "my notes.txt", "größe", "日本語", "-rw-r--r-- 1 a b 3 Jan 1 x"] {
            assert_eq!(sanitize(s), s);
        }
    }

    fn entry(name: &str, kind: EntryKind, perms: &str, size: u64) -> RemoteEntry {
        RemoteEntry {
            name: name.into(),
            kind,
            size: Some(size),
            modified: Some("2024-01-05 13:46".into()),
            perms: Some(perms.into()),
        }
    }

    #[test]
    fn listings_are_aligned_coloured_by_kind_and_keep_raw_lines() {
        colored::control::set_override(true);
        let lines = Listing {
            entries: vec![
                entry("docs", EntryKind::Dir, "rwxr-xr-x", 4096),
                entry("run.sh", EntryKind::File, "rwxr-xr-x", 12),
                entry("a.txt", EntryKind::File, "rw-r--r--", 1536),
                entry("l", EntryKind::Link { target: Some("a.txt".into()) }, "rwxrwxrwx", 5),
            ],
            not_understood: 1,
            raw: vec!["weird \u{1b}[1m line".into()],
        };
        let mut out = Vec::new();
        listing(&lines, false, true, |l| out.push(l.to_string()));
        assert_eq!(out[0], format!("drwxr-xr-x 4096 2024-01-05 13:46 {}", "docs".blue().bold()));
        assert_eq!(out[1], format!("-rwxr-xr-x   12 2024-01-05 13:46 {}", "run.sh".green().bold()));
        assert_eq!(out[2], "-rw-r--r-- 1536 2024-01-05 13:46 a.txt");
        assert_eq!(out[3], format!("lrwxrwxrwx    5 2024-01-05 13:46 {} -> a.txt", "l".cyan()));
        assert_eq!(out[4], "weird \\x1b[1m line");
        let mut plain = Vec::new();
        listing(&lines, true, false, |l| plain.push(l.to_string()));
        assert_eq!(plain[0], "drwxr-xr-x 4.0 KiB 2024-01-05 13:46 docs");
        assert_eq!(plain[2], "-rw-r--r-- 1.5 KiB 2024-01-05 13:46 a.txt");
        colored::control::unset_override();
    }

    #[test]
    fn numbers_are_written_in_full() {
        for n in [0, 7, 10, 4096, u64::MAX] {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(wrap("one two three four", 9, 0), "one two\nthree\nfour");
        assert_eq!(wrap("a-very-long-word b", 4, 0), "a-very-long-word\nb");
        assert_eq!(wrap("", 10, 0), "");
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_bytes(512.0), "512 B");
        assert_eq!(human_bytes(1536.0), "1.5 KiB");
        assert_eq!(human_bytes(64.0 * 1024.0 * 1024.0), "64.0 MiB");
    }
}
