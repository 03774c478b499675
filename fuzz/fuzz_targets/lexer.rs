//! `ftpsh::interp::lexer`: `split` and `partial_word` never panic, and `quote_word` round-trips
//! through both for any name without CR, LF or NUL.
#![no_main]

use ftpsh::interp::lexer::{partial_word, quote_word, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = split(s);
    let _ = partial_word(s);

    if s.contains(['\r', '\n', '\0']) {
        return;
    }
    let line = format!("get {}", quote_word(s));
    let words = split(&line).unwrap_or_else(|e| panic!("split({line:?}) failed: {e}"));
    assert_eq!(words, ["get", s], "split of {line:?}");
    assert_eq!(partial_word(&line).text, s, "partial_word of {line:?}");
});
