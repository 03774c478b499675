//! [`Clean`]: a writer that passes file contents on to a terminal with every character that
//! could drive or disguise it (escape sequences, other controls, bidi overrides) shown escaped
//! as [`sanitize`] shows it, and bytes that are not UTF-8 as `\xNN`.
//! Line breaks and tabs pass; a CR before a LF is dropped (DOS line ends). Streams with
//! constant memory: at most a few bytes of an unfinished character wait for the next write.

use std::io::{self, Write};

use super::render::sanitize;

/// Sanitizes what is written through it before it reaches `inner`.
pub struct Clean<W: Write> {
    inner: W,
    /// The start of a character split between two writes, or a CR waiting for what follows.
    pending: Vec<u8>,
}

impl<W: Write> Clean<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Clean<W> {
        Clean { inner, pending: Vec::new() }
    }

    /// Writes out what is still pending (as escapes) and flushes; the end of the data.
    pub fn finish(mut self) -> io::Result<W> {
        let rest = std::mem::take(&mut self.pending);
        // A lone CR, or the start of a character that never ended.
        let text: String = rest
            .iter()
            .map(|&b| if b == b'\r' { "\\r".to_string() } else { format!("\\x{b:02x}") })
            .collect();
        self.inner.write_all(text.as_bytes())?;
        self.inner.flush()?;
        Ok(self.inner)
    }

    /// Cleans `bytes` (with what was pending before them) into text.
    fn clean(&mut self, bytes: &[u8]) -> String {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(bytes);
        // A CR at the very end may be the first half of a CRLF: it waits.
        let held_cr = data.last() == Some(&b'\r');
        if held_cr {
            data.pop();
        }
        let mut out = String::with_capacity(data.len());
        let mut rest = &data[..];
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    push_text(&mut out, text);
                    rest = &[];
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    push_text(&mut out, std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            bad[..n].iter().for_each(|b| out += &format!("\\x{b:02x}"));
                            rest = &bad[n..];
                        }
                        None => {
                            self.pending.extend_from_slice(bad);
                            rest = &[];
                        }
                    }
                }
            }
        }
        if held_cr {
            self.pending.push(b'\r');
        }
        out
    }
}

/// Appends `text`, line by line, sanitized, keeping line breaks and tabs and dropping the CR
/// of a CRLF.
fn push_text(out: &mut String, text: &str) {
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        let line = if last { line } else { line.strip_suffix('\r').unwrap_or(line) };
        for (i, part) in line.split('\t').enumerate() {
            if i > 0 {
                out.push('\t');
            }
            out.push_str(&sanitize(part));
        }
        if !last {
            out.push('\n');
        }
    }
}

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let text = self.clean(bytes);
        self.inner.write_all(text.as_bytes())?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> String {
        let mut clean = Clean::new(Vec::new());
        for c in chunks {
            clean.write_all(c).unwrap();
        }
        String::from_utf8(clean.finish().unwrap()).unwrap()
    }

    #[test]
    fn escapes_are_shown_not_run() {
        assert_eq!(through(&[b"a\x1b[2Jb\n\tc\x07\n"]), "a\\x1b[2Jb\n\tc\\x07\n");
        assert_eq!(through(&["x\u{202e}y".as_bytes()]), "x\\u{202e}y");
    }

    #[test]
    fn crlf_becomes_lf_even_across_writes_and_a_lone_cr_is_shown() {
        assert_eq!(through(&[b"a\r", b"\nb\r\n"]), "a\nb\n");
        assert_eq!(through(&[b"a\rb", b"c\r"]), "a\\rbc\\r");
    }

    #[test]
    fn characters_split_between_writes_stay_whole_and_bad_bytes_are_escaped() {
        let e = "é".as_bytes();
        assert_eq!(through(&[&e[..1], &e[1..], b"\xff!"]), "é\\xff!");
        assert_eq!(through(&[b"x", &e[..1]]), "x\\xc3");
    }
}
