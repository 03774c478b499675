//! Text pieces every listing dialect uses: removing the line end, splitting a line into
//! blank-separated tokens (with byte offsets, so a name can be taken verbatim from the line), the
//! rest of a line after a token, and small ASCII numbers.
//!
//! Knows no dialect and no dates (those are in `date.rs`). Must never panic or slice inside a
//! multi-byte character, whatever the input.

/// The line without one trailing `\n` and then one trailing `\r`.
pub(super) fn strip_eol(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Splits at runs of spaces and tabs: each token with the byte offset just past its end. Other
/// whitespace (such as U+3000) stays inside tokens, so offsets are always char boundaries (a
/// space or a tab is one byte that no multi-byte character contains).
pub(super) fn tokens(s: &str) -> Vec<(&str, usize)> {
    // An `ls -l` line has about ten tokens: room for them at once, no growing on the way.
    let mut out = Vec::with_capacity(12);
    let (bytes, mut i) = (s.as_bytes(), 0);
    let blank = |b: u8| b == b' ' || b == b'\t';
    while i < bytes.len() {
        while i < bytes.len() && blank(bytes[i]) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !blank(bytes[i]) {
            i += 1;
        }
        if i > start {
            out.push((&s[start..i], i));
        }
    }
    out
}

/// The rest of `line` after byte offset `end` (a token end), less the padding blanks.
pub(super) fn after(line: &str, end: usize) -> &str {
    line.get(end..).unwrap_or("").trim_start_matches([' ', '\t'])
}

pub(super) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A number of at most `max_len` ASCII digits.
pub(super) fn number(s: &str, max_len: usize) -> Option<u32> {
    (is_digits(s) && s.len() <= max_len).then(|| s.parse().ok()).flatten()
}
