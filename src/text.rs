//! The characters server-supplied text may not bring to a terminal or into a local name: C0 and
//! C1 controls, DEL, and the Unicode bidi and format marks that can make a name look like another.
//! Pure; `ui::render` escapes them for display, [`json_line`] for JSON (the screen's and the
//! transfer log's), `transfer` refuses them in local names.

use std::fmt::Write as _;

/// C1 controls and the bidi/format characters that can disguise text (C0 controls and DEL are
/// [`char::is_control`] too).
pub fn is_invisible_control(c: char) -> bool {
    matches!(c as u32, 0x80..=0x9f | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069 | 0x061c)
}

/// Whether `c` must never reach a terminal or a file name as itself.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_invisible_control(c)
}

/// Sets `record[field]` to server text: as it is, or, when it holds bytes that did not decode,
/// with them written `\xNN` and their exact bytes in hexadecimal in `FIELD_hex` (JSON escapes
/// the rest itself, see [`json_line`]).
pub fn json_text(record: &mut serde_json::Value, field: &str, text: &str) {
    match undecoded(text) {
        None => record[field] = text.into(),
        Some((shown, hex)) => {
            record[field] = shown.into();
            record[format!("{field}_hex")] = hex.into();
        }
    }
}

/// For text holding bytes that did not decode: the text with them written `\xNN`, and all its
/// bytes in hexadecimal.
fn undecoded(text: &str) -> Option<(String, String)> {
    if !crate::charset::has_escapes(text) {
        return None;
    }
    let mut shown = String::with_capacity(text.len());
    text.chars().for_each(|c| push_byte_escaped(&mut shown, c));
    let hex: String = crate::charset::to_bytes(text).iter().map(|b| format!("{b:02x}")).collect();
    Some((shown, hex))
}

/// A JSON object written straight into one line, field by field, for records made by the
/// thousand (`ls --json`), where a `serde_json::Value` each costs more than reading the listing.
/// Fields must come sorted by key, as serde_json writes a map: the line is then the one
/// [`json_line`] writes for the same value.
pub struct JsonRecord(Vec<u8>);

impl JsonRecord {
    /// An empty record.
    pub fn new() -> JsonRecord {
        JsonRecord(b"{".to_vec())
    }

    /// A string field, or `null` for `None`.
    pub fn string(mut self, key: &str, value: Option<&str>) -> JsonRecord {
        self.key(key);
        let _ = serde_json::to_writer(&mut self.0, &value);
        self
    }

    /// A number field, or `null` for `None`.
    pub fn number(mut self, key: &str, value: Option<u64>) -> JsonRecord {
        self.key(key);
        let _ = serde_json::to_writer(&mut self.0, &value);
        self
    }

    /// Server text, as [`json_text`] sets it (with `KEY_hex` when some bytes did not decode).
    pub fn text(self, key: &str, text: &str) -> JsonRecord {
        match undecoded(text) {
            None => self.string(key, Some(text)),
            Some((shown, hex)) => self.string(key, Some(&shown)).string(&format!("{key}_hex"), Some(&hex)),
        }
    }

    /// The record as a line, escaped as [`json_line`] escapes.
    pub fn line(mut self) -> String {
        self.0.push(b'}');
        escape_unsafe(String::from_utf8_lossy(&self.0).into_owned())
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(b',');
        }
        let _ = serde_json::to_writer(&mut self.0, key);
        self.0.push(b':');
    }
}

impl Default for JsonRecord {
    fn default() -> JsonRecord {
        JsonRecord::new()
    }
}

/// `c`, or the byte it stands for as `\xNN` (see [`crate::charset`]).
pub fn push_byte_escaped(out: &mut String, c: char) {
    match crate::charset::escaped_byte(c) {
        Some(b) => {
            let _ = write!(out, "\\x{b:02x}");
        }
        None => out.push(c),
    }
}

/// A JSON value as one line in which every character that could drive or disguise a terminal
/// is a `\uXXXX` escape (serde_json escapes only C0 controls). Such characters occur only inside
/// strings, so the escaped text is the same JSON value.
pub fn json_line(value: &serde_json::Value) -> String {
    escape_unsafe(value.to_string())
}

/// JSON text with every character [`is_unsafe`] written as a `\uXXXX` escape.
fn escape_unsafe(text: String) -> String {
    // ASCII below DEL holds nothing to escape (serde_json escaped the C0 controls): the usual case.
    if text.bytes().all(|b| b < 0x7f) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_written_field_by_field_is_the_line_of_the_same_value() {
        let name = format!("caf{}\u{1b}\u{202e}\"q\"", crate::charset::from_bytes(b"\xe9"));
        let written = JsonRecord::new()
            .string("modified", None)
            .text("name", &name)
            .number("size", Some(12))
            .text("target", "plain")
            .string("type", Some("link"))
            .line();
        let mut value = serde_json::json!({ "modified": null, "size": 12, "type": "link" });
        json_text(&mut value, "name", &name);
        json_text(&mut value, "target", "plain");
        assert_eq!(written, json_line(&value));
        assert!(written.contains("\"name_hex\":\"636166e91be280ae227122\""), "{written}");
    }

    #[test]
    fn controls_and_bidi_marks_are_unsafe_letters_are_not() {
        for c in ['\u{1b}', '\u{7f}', '\u{9b}', '\u{85}', '\u{202e}', '\u{2066}', '\u{200f}', '\u{61c}'] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in ['a', 'é', '中', ' ', '\u{a0}', '\u{2010}'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }
}
