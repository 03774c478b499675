//! Ctrl-C outside the prompt, and the cancelling of background jobs. The signal handler only
//! sets a flag; long operations (the copy loops, prompts for credentials, the session's
//! watchdog) poll it and stop with [`Error::Interrupted`], so a Ctrl-C cancels the command, never
//! the shell. A thread that runs a background job [`adopt`]s a [`Token`] of its own: from then
//! on it (and the threads it hands the token to) sees only that token, which `kill` sets, and
//! never the Ctrl-C meant for the foreground. Before [`install`] the default (terminate) applies.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

static PRESSED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static OWN: RefCell<Token> = const { RefCell::new(Token(None)) };
}

/// What cancels the work of one thread: Ctrl-C (the foreground's), or a flag of its own.
#[derive(Debug, Clone, Default)]
pub struct Token(Option<Arc<AtomicBool>>);

impl Token {
    /// A flag of its own, for a background job; set by [`Token::cancel`].
    pub fn own() -> Token {
        Token(Some(Arc::new(AtomicBool::new(false))))
    }

    /// Whether the work must stop.
    pub fn is_set(&self) -> bool {
        match &self.0 {
            Some(flag) => flag.load(Ordering::SeqCst),
            None => PRESSED.load(Ordering::SeqCst),
        }
    }

    /// Cancels the work that polls this token (a job's own; Ctrl-C's is set by the signal).
    pub fn cancel(&self) {
        if let Some(flag) = &self.0 {
            flag.store(true, Ordering::SeqCst);
        }
    }
}

/// Catches SIGINT from now on. Idempotent; failure to install leaves the default behaviour.
pub fn install() {
    let _ = ctrlc::set_handler(|| PRESSED.store(true, Ordering::SeqCst));
}

/// The token the current thread polls.
pub fn current() -> Token {
    OWN.with(|t| t.borrow().clone())
}

/// Makes the current thread poll `token` instead of Ctrl-C.
pub fn adopt(token: &Token) {
    OWN.with(|t| *t.borrow_mut() = token.clone());
}

/// Fails with [`Error::Interrupted`] if the current thread's token is set: Ctrl-C pressed since
/// the last [`clear`], or its job killed.
pub fn check() -> Result<()> {
    if current().is_set() { Err(Error::Interrupted) } else { Ok(()) }
}

/// Forgets an earlier Ctrl-C (at the start of each command). A killed job stays killed.
pub fn clear() {
    PRESSED.store(false, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_with_its_own_token_sees_only_that_token() {
        let token = Token::own();
        let seen = std::thread::spawn({
            let token = token.clone();
            move || {
                adopt(&token);
                let before = check().is_ok();
                token.cancel();
                clear();
                (before, check().is_err())
            }
        });
        assert_eq!(seen.join().unwrap(), (true, true), "kill sticks; clear() forgets only Ctrl-C");
        assert!(token.is_set());
    }
}
