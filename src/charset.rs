//! Names as bytes: how the bytes a server sends (file names, listing lines, PWD) become text,
//! and how that text becomes the very same bytes again, whatever they were. Pure.
//!
//! FTP names are bytes. ftpsh keeps them as `String`s, decoded with the session's [`Charset`]
//! (UTF-8 unless `set encoding` says otherwise). A byte that does not decode is not replaced by
//! U+FFFD (which would lose it): it becomes one of 128 reserved code points, U+10FF80..=U+10FFFF
//! for the bytes 0x80..=0xFF (the idea of Python's `surrogateescape`, with private-use code
//! points because a Rust `String` cannot hold surrogates), and encoding turns it back into that
//! byte. So `encode(decode(bytes)) == bytes` for every input, and a name that is not valid text
//! can still be fetched, deleted, renamed and entered. Text that really contains a reserved code
//! point is escaped byte by byte too, so it cannot be mistaken for one.
//!
//! On screen an escaped byte shows as `\xe9` (`ui::render::sanitize`); as a local file name it
//! is the byte itself ([`to_os`], Unix), so a download keeps the server's bytes.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::io;

/// The code point that stands for the byte 0x00 (only 0x80..=0xFF are ever used).
const ESCAPE_BASE: u32 = 0x10_FF00;

/// How the server's bytes are read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// UTF-8, what RFC 2640 and most servers speak.
    #[default]
    Utf8,
    /// ISO-8859-1: every byte is the code point of the same value.
    Latin1,
    /// Another ASCII-compatible encoding (Shift_JIS, windows-1252, EUC-KR, GBK, ...).
    Other(&'static encoding_rs::Encoding),
}

impl Charset {
    /// The charset a label names: `utf-8`, `latin1` (ISO-8859-1), or any label of the WHATWG
    /// Encoding Standard for an ASCII-compatible encoding (`shift-jis`, `cp1252`, `euc-kr`,
    /// `gbk`, `big5`, `koi8-r`, `iso-8859-15`, ...); case does not matter.
    pub fn parse(label: &str) -> Option<Charset> {
        let label = label.trim().to_ascii_lowercase();
        if matches!(label.as_str(), "latin1" | "latin-1" | "l1" | "iso-8859-1" | "iso8859-1" | "iso_8859-1") {
            return Some(Charset::Latin1);
        }
        match encoding_rs::Encoding::for_label_no_replacement(label.as_bytes())? {
            e if e == encoding_rs::UTF_8 => Some(Charset::Utf8),
            e if e.is_ascii_compatible() => Some(Charset::Other(e)),
            _ => None,
        }
    }

    /// Its name, as `set` shows it.
    pub fn name(self) -> String {
        match self {
            Charset::Utf8 => "utf-8".to_string(),
            Charset::Latin1 => "latin1".to_string(),
            Charset::Other(e) => e.name().to_ascii_lowercase(),
        }
    }

    /// `bytes` as text: what does not decode (or would not encode back to the same bytes) is
    /// kept as escaped bytes. Borrowed when the bytes are UTF-8 already.
    pub fn decode(self, bytes: &[u8]) -> Cow<'_, str> {
        match self {
            Charset::Utf8 => from_bytes(bytes),
            Charset::Latin1 => bytes.iter().map(|&b| char::from(b)).collect::<String>().into(),
            Charset::Other(e) => decode_other(e, bytes).into(),
        }
    }

    /// `text` as the server's bytes: escaped bytes as themselves, the rest in this charset. A
    /// character the charset cannot write is an error (nothing is sent).
    pub fn encode(self, text: &str) -> io::Result<Vec<u8>> {
        if self == Charset::Utf8 {
            return Ok(to_bytes(text));
        }
        let mut out = Vec::with_capacity(text.len());
        for run in runs(text) {
            match run {
                Run::Escaped(b) => out.push(b),
                Run::Text(t) => out.extend_from_slice(&self.encode_text(t)?),
            }
        }
        Ok(out)
    }

    /// Text without escaped bytes in this charset.
    fn encode_text(self, text: &str) -> io::Result<Cow<'_, [u8]>> {
        let unwritable = |c: char| {
            let msg = format!("'{c}' cannot be written in {}", self.name());
            io::Error::new(io::ErrorKind::InvalidInput, msg)
        };
        match self {
            Charset::Utf8 => Ok(Cow::Borrowed(text.as_bytes())),
            Charset::Latin1 => text.chars().map(|c| u8::try_from(c).map_err(|_| unwritable(c))).collect(),
            Charset::Other(e) => match e.encode(text) {
                (bytes, _, false) => Ok(bytes),
                (_, _, true) => {
                    let bad = text.chars().find(|c| e.encode(c.encode_utf8(&mut [0; 4])).2);
                    Err(unwritable(bad.unwrap_or('?')))
                }
            },
        }
    }
}

impl suppaftp::Encoding for Charset {
    fn decode(&self, bytes: &[u8]) -> String {
        Charset::decode(*self, bytes).into_owned()
    }

    fn encode(&self, text: &str) -> io::Result<Vec<u8>> {
        Charset::encode(*self, text)
    }
}

/// The byte an escaped code point stands for.
pub fn escaped_byte(c: char) -> Option<u8> {
    (c as u32).checked_sub(ESCAPE_BASE).and_then(|b| u8::try_from(b).ok()).filter(|b| *b >= 0x80)
}

/// The code point that stands for the byte `b` (0x80..=0xFF).
fn escape(b: u8) -> char {
    char::from_u32(ESCAPE_BASE + u32::from(b)).expect("a code point of plane 16")
}

/// Whether `name` holds bytes that did not decode.
pub fn has_escapes(name: &str) -> bool {
    name.chars().any(|c| escaped_byte(c).is_some())
}

/// UTF-8 bytes as text, every byte of an invalid sequence (or of a reserved code point) escaped.
/// Borrowed for UTF-8 without reserved code points (all of which are written with a 0xF4 byte):
/// the usual case, as fast as `str::from_utf8`.
pub fn from_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if !bytes.contains(&0xF4)
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if valid.chars().any(|c| escaped_byte(c).is_some()) {
            for c in valid.chars() {
                match escaped_byte(c) {
                    Some(_) => c.encode_utf8(&mut [0; 4]).bytes().for_each(|b| out.push(escape(b))),
                    None => out.push(c),
                }
            }
        } else {
            out.push_str(valid);
        }
        out.extend(chunk.invalid().iter().map(|&b| escape(b)));
    }
    Cow::Owned(out)
}

/// Text as UTF-8 bytes, escaped bytes as themselves: the inverse of [`from_bytes`].
pub fn to_bytes(text: &str) -> Vec<u8> {
    if !has_escapes(text) {
        return text.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match escaped_byte(c) {
            Some(b) => out.push(b),
            None => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out
}

/// A name as a local file name: on Unix its bytes (escaped bytes as themselves), so a file the
/// server names with bytes that are not UTF-8 keeps those bytes. Elsewhere the text (names with
/// escaped bytes are refused before they get here: `transfer::check_plain_name`).
pub fn to_os(name: &str) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        OsString::from_vec(to_bytes(name))
    }
    #[cfg(not(unix))]
    OsString::from(name)
}

/// A local file name as text: the inverse of [`to_os`] (bytes that are not UTF-8 escaped).
pub fn from_os(name: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        from_bytes(name.as_bytes()).into_owned()
    }
    #[cfg(not(unix))]
    name.to_string_lossy().into_owned()
}

/// A piece of text: a run of characters, or one escaped byte.
enum Run<'a> {
    Text(&'a str),
    Escaped(u8),
}

/// `text` cut into runs of plain text and escaped bytes.
fn runs(text: &str) -> impl Iterator<Item = Run<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        if let Some(b) = escaped_byte(c) {
            rest = &rest[c.len_utf8()..];
            return Some(Run::Escaped(b));
        }
        let end =
            rest.char_indices().find(|(_, c)| escaped_byte(*c).is_some()).map_or(rest.len(), |(i, _)| i);
        let (run, after) = rest.split_at(end);
        rest = after;
        Some(Run::Text(run))
    })
}

/// `bytes` in the encoding `e`: all at once when they decode and encode back to themselves
/// (the usual case), else character by character, escaping the bytes that do not.
fn decode_other(e: &'static encoding_rs::Encoding, bytes: &[u8]) -> String {
    if let Some(text) = round_trip(e, bytes) {
        return text.into_owned();
    }
    let (mut out, mut i) = (String::with_capacity(bytes.len()), 0);
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            out.push(char::from(bytes[i]));
            i += 1;
            continue;
        }
        let longest = (bytes.len() - i).min(4);
        let one_char = (1..=longest)
            .find_map(|n| round_trip(e, &bytes[i..i + n]).filter(|t| t.chars().count() == 1).map(|t| (n, t)));
        match one_char {
            Some((n, text)) => {
                out.push_str(&text);
                i += n;
            }
            None => {
                out.push(escape(bytes[i]));
                i += 1;
            }
        }
    }
    out
}

/// `bytes` decoded, when they decode without error, hold no reserved code point and encode back
/// to exactly themselves.
fn round_trip<'a>(e: &'static encoding_rs::Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    let text = e.decode_without_bom_handling_and_without_replacement(bytes)?;
    let (back, _, unwritable) = e.encode(&text);
    (!unwritable && *back == *bytes && !has_escapes(&text)).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&[u8]] = &[
        b"plain.txt",
        b"caf\xe9.txt",
        "café.txt".as_bytes(),
        b"\xff\xfe\x80",
        b"half \xe2\x82",
        b"  spaced  ",
        "\u{10ffe9} reserved".as_bytes(),
        b"\x83\x65\x83\x58\x83\x67",
        b"\x83",
    ];

    #[test]
    fn every_byte_string_comes_back_byte_for_byte_in_every_charset() {
        let all = ["utf-8", "latin1", "shift-jis", "windows-1252", "euc-kr", "gbk", "big5"];
        for charset in all.map(|l| Charset::parse(l).unwrap()) {
            for bytes in SAMPLES {
                let text = charset.decode(bytes);
                assert_eq!(charset.encode(&text).unwrap(), *bytes, "{charset:?} {text:?}");
            }
            let every: Vec<u8> = (0..=255).collect();
            assert_eq!(charset.encode(&charset.decode(&every)).unwrap(), every, "{charset:?}");
        }
    }

    #[test]
    fn bytes_that_do_not_decode_are_escaped_and_valid_text_is_not() {
        assert_eq!(from_bytes(b"caf\xe9"), "caf\u{10ffe9}");
        assert_eq!(from_bytes("café".as_bytes()), "café");
        assert!(has_escapes(&from_bytes(b"caf\xe9")) && !has_escapes("café"));
        assert_eq!(Charset::Latin1.decode(b"caf\xe9"), "café");
        let sjis = Charset::parse("Shift_JIS").unwrap();
        assert_eq!(sjis.decode(b"\x83\x65\x83\x58\x83\x67.txt"), "テスト.txt");
        assert_eq!(sjis.decode(b"a\x83"), "a\u{10ff83}");
        assert_eq!(escaped_byte('\u{10ffe9}'), Some(0xe9));
        assert_eq!(escaped_byte('é'), None);
    }

    #[test]
    fn a_character_the_charset_cannot_write_is_an_error() {
        assert!(Charset::Latin1.encode("RETR 日本.txt").is_err());
        assert!(Charset::parse("cp1252").unwrap().encode("RETR 日本.txt").is_err());
        assert_eq!(Charset::Latin1.encode("RETR café\r\n").unwrap(), b"RETR caf\xe9\r\n");
    }

    #[test]
    fn labels_name_ascii_compatible_charsets_only() {
        assert_eq!(Charset::parse("UTF8"), Some(Charset::Utf8));
        assert_eq!(Charset::parse("ISO-8859-1"), Some(Charset::Latin1));
        assert_eq!(Charset::parse("sjis").map(Charset::name).as_deref(), Some("shift_jis"));
        assert_eq!(Charset::parse("utf-16le"), None);
        assert_eq!(Charset::parse("klingon"), None);
    }

    #[cfg(unix)]
    #[test]
    fn local_names_keep_the_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let name = from_bytes(b"caf\xe9.txt");
        assert_eq!(to_os(&name).as_bytes(), b"caf\xe9.txt");
        assert_eq!(from_os(&to_os(&name)), name);
    }
}
