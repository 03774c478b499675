//! Ctrl-C outside the prompt. The signal handler only sets a flag; long operations (the copy
//! loops, prompts for credentials) poll it and stop with [`Error::Interrupted`], so a Ctrl-C
//! cancels the command, never the shell. Before [`install`] the default (terminate) applies.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

static PRESSED: AtomicBool = AtomicBool::new(false);

/// Catches SIGINT from now on. Idempotent; failure to install leaves the default behaviour.
pub fn install() {
    let _ = ctrlc::set_handler(|| PRESSED.store(true, Ordering::SeqCst));
}

/// Fails with [`Error::Interrupted`] if Ctrl-C was pressed since the last [`clear`].
pub fn check() -> Result<()> {
    if PRESSED.load(Ordering::SeqCst) { Err(Error::Interrupted) } else { Ok(()) }
}

/// Forgets an earlier Ctrl-C (at the start of each command).
pub fn clear() {
    PRESSED.store(false, Ordering::SeqCst);
}
