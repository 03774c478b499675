//! Remote listings the completer does not wait for, fetched in the background: when a Tab's
//! listing takes longer than `completion-timeout`, or while the names alone answer a Tab (see
//! `completion`), a second session (logged in as the shell's, see [`Session::login_info`])
//! lists the directory on a thread of its own, without a bound tighter than the usual
//! `timeout`, and the next Tab takes the result. Meanwhile the completer says the listing is
//! loading. Owns the map of loads and the threads; never prints.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::listing::Listing;
use crate::session::Session;

/// Where a background listing is.
enum Load {
    /// Still being fetched.
    Pending,
    /// Fetched, not yet taken.
    Ready(Listing),
    /// It could not be fetched on a second session (the server may allow only one): listed in
    /// the foreground from then on.
    Failed,
}

/// The background listings, by absolute remote directory.
#[derive(Clone, Default)]
pub struct Loads(Arc<Mutex<HashMap<String, Load>>>);

impl Loads {
    /// Whether the listing of `dir` (absolute) is being fetched.
    pub fn is_pending(&self, dir: &str) -> bool {
        matches!(self.lock().get(dir), Some(Load::Pending))
    }

    /// The listing of `dir` (absolute) when it has arrived; it is handed out once.
    pub fn take(&self, dir: &str) -> Option<Listing> {
        let mut loads = self.lock();
        match loads.remove(dir) {
            Some(Load::Ready(listing)) => Some(listing),
            Some(other) => {
                loads.insert(dir.to_string(), other);
                None
            }
            None => None,
        }
    }

    /// Whether fetching the listing of `dir` (absolute) in the background failed before.
    pub fn failed(&self, dir: &str) -> bool {
        matches!(self.lock().get(dir), Some(Load::Failed))
    }

    /// Starts fetching the listing of `dir` (absolute) on a session of its own, unless that is
    /// under way or done. A load that fails is noted ([`Loads::failed`]): the next Tab lists in
    /// the foreground.
    pub fn start(&self, session: &Session, dir: &str) {
        let Some(login) = session.login_info() else { return };
        {
            let mut loads = self.lock();
            if matches!(loads.get(dir), Some(Load::Pending | Load::Ready(_))) {
                return;
            }
            loads.insert(dir.to_string(), Load::Pending);
        }
        let (loads, dir) = (self.clone(), dir.to_string());
        std::thread::spawn(move || {
            let fetched = Session::open(&login).and_then(|mut s| {
                let listing = s.read_dir(&dir);
                s.close();
                listing
            });
            let mut loads = loads.lock();
            match fetched {
                Ok(listing) => loads.insert(dir, Load::Ready(listing)),
                Err(_) => loads.insert(dir, Load::Failed),
            };
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Load>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
