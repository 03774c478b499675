//! The protocol trace (`debug` in the shell, `--debug`): every command sent (`---> USER alice`,
//! with the password of `PASS` always shown as `****`) and every reply line received
//! (`<--- 230 Logged in`), sanitized, written through the UI's stderr [`Sink`]. It listens to
//! suppaftp's own log records; off, nothing is formatted at all.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use log::{Level, LevelFilter, Log, Metadata, Record};

use crate::ui::render::sanitize;
use crate::ui::{Sink, lock};

static ON: AtomicBool = AtomicBool::new(false);
/// Where trace lines go: the stderr of the UI that turned the trace on.
static OUT: Mutex<Option<Sink>> = Mutex::new(None);

thread_local! {
    static SKIP_NEXT_REPLY_LINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
static TRACE: Trace = Trace;

struct Trace;

/// Turns the trace on or off; lines go to `out`.
pub fn set(on: bool, out: Sink) {
    *OUT.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(out);
    ON.store(on, Ordering::Relaxed);
    if on {
        let _ = log::set_logger(&TRACE);
    }
    log::set_max_level(if on { LevelFilter::Trace } else { LevelFilter::Off });
}

/// Whether the trace is on.
pub fn is_on() -> bool {
    ON.load(Ordering::Relaxed)
}

impl Log for Trace {
    fn enabled(&self, meta: &Metadata<'_>) -> bool {
        is_on() && meta.level() == Level::Trace && meta.target().starts_with("suppaftp")
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let message = record.args().to_string();
        // suppaftp logs the first line of a reply twice, around "Code parsed from response".
        if message.starts_with("Code parsed from response") {
            SKIP_NEXT_REPLY_LINE.with(|s| s.set(true));
            return;
        }
        if message.starts_with("CC IN: ") && SKIP_NEXT_REPLY_LINE.with(|s| s.replace(false)) {
            return;
        }
        let out = OUT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let (Some(line), Some(out)) = (describe(&message), out.as_ref()) {
            let _ = writeln!(lock(out), "{line}");
        }
    }

    fn flush(&self) {}
}

/// The trace line for one of suppaftp's records, if it is a command or a reply line.
fn describe(message: &str) -> Option<String> {
    if let Some(command) = message.strip_prefix("CC OUT: ") {
        return Some(format!("---> {}", mask(command)));
    }
    let bytes = message.strip_prefix("CC IN: [")?.strip_suffix(']')?;
    let bytes: Vec<u8> = bytes.split(", ").filter_map(|b| b.trim().parse().ok()).collect();
    let text = crate::charset::from_bytes(&bytes);
    Some(format!("<--- {}", sanitize(text.trim_end_matches(['\r', '\n']))))
}

/// The command with a `PASS` argument replaced by `****`.
fn mask(command: &str) -> String {
    match command.split_once(' ') {
        Some((verb, _)) if verb.eq_ignore_ascii_case("PASS") => format!("{verb} ****"),
        _ => sanitize(command),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_replies_and_passwords() {
        assert_eq!(describe("CC OUT: USER alice").as_deref(), Some("---> USER alice"));
        assert_eq!(describe("CC OUT: PASS s3cret").as_deref(), Some("---> PASS ****"));
        assert_eq!(describe("CC OUT: pass s3cret").as_deref(), Some("---> pass ****"));
        assert_eq!(describe("CC IN: [50, 51, 48, 32, 79, 75, 13, 10]").as_deref(), Some("<--- 230 OK"));
        assert_eq!(describe("CC IN: [50, 50, 48, 32, 27, 91, 50, 74]").as_deref(), Some("<--- 220 \\x1b[2J"));
        assert_eq!(describe("Code parsed from response: 230"), None);
    }
}
