//! A watchdog for waits on the network. Socket timeouts bound each read, not a whole reply (a
//! server that drips a byte at a time never trips them), and a blocked read does not see Ctrl-C.
//! While armed, the watchdog cuts the sockets it was handed (`shutdown`, so the blocked read or
//! write returns at once) when its deadline passes or Ctrl-C is pressed, and tells which. One
//! thread per session, started on first use. Arming and disarming wake it only when it would
//! otherwise look too late: it looks every [`POLL`] while a session is busy (for Ctrl-C and the
//! deadline), so a batch of many short waits costs no thread switch per reply, and it sleeps
//! until woken once the session has been idle for [`LINGER`]. Never prints.

use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::interrupt;

/// How often Ctrl-C and the deadline are looked at while the session is busy.
const POLL: Duration = Duration::from_millis(100);

/// How long the thread keeps looking every [`POLL`] after the last wait ended, before it sleeps
/// until the next one wakes it.
const LINGER: Duration = Duration::from_secs(1);

/// Why the watchdog cut the sockets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fired {
    /// The deadline passed.
    Deadline,
    /// Ctrl-C was pressed.
    Interrupt,
}

/// The watchdog of one session.
#[derive(Default)]
pub struct Watchdog {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    job: Option<Job>,
    fired: Option<Fired>,
    running: bool,
    quit: bool,
    /// When the thread looks next on its own; `None` while it sleeps until woken.
    looks_at: Option<Instant>,
    /// When the last wait ended.
    idle_since: Option<Instant>,
}

struct Job {
    deadline: Option<Instant>,
    sockets: Vec<TcpStream>,
    on_interrupt: bool,
    /// What cancels the waiting thread (Ctrl-C, or its background job's own token).
    cancel: interrupt::Token,
}

impl Watchdog {
    /// Watches `sockets` until [`disarm`](Self::disarm): cut when `limit` (if any) has passed,
    /// or on Ctrl-C (within [`POLL`]) when `on_interrupt`. The thread is woken only when it
    /// sleeps until woken or would look after the deadline.
    pub fn arm(&self, limit: Option<Duration>, sockets: Vec<TcpStream>, on_interrupt: bool) {
        let mut state = self.shared.lock();
        let cancel = interrupt::current();
        let deadline = limit.map(|l| Instant::now() + l);
        state.job = Some(Job { deadline, sockets, on_interrupt, cancel });
        state.fired = None;
        if !state.running {
            state.running = true;
            let shared = Arc::clone(&self.shared);
            std::thread::spawn(move || shared.watch());
        }
        if must_wake(state.looks_at, deadline) {
            self.shared.wake.notify_one();
        }
    }

    /// Stops watching; says whether (and why) the sockets were cut meanwhile.
    pub fn disarm(&self) -> Option<Fired> {
        let mut state = self.shared.lock();
        state.job = None;
        state.idle_since = Some(Instant::now());
        state.fired.take()
    }
}

/// Whether a thread that looks next at `looks_at` (`None`: when woken) must be woken for a
/// wait that ends at `deadline`.
fn must_wake(looks_at: Option<Instant>, deadline: Option<Instant>) -> bool {
    match (looks_at, deadline) {
        (None, _) => true,
        (Some(at), Some(deadline)) => deadline < at,
        (Some(_), None) => false,
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.lock().quit = true;
        self.shared.wake.notify_one();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The watchdog thread: checks Ctrl-C and the deadline while armed, looks again every
    /// [`POLL`] while the session is busy, and sleeps until woken once it has been idle for
    /// [`LINGER`].
    fn watch(&self) {
        let mut state = self.lock();
        while !state.quit {
            let due = match &state.job {
                Some(job) => job.due(),
                None if state.idle_since.is_some_and(|t| t.elapsed() < LINGER) => Err(POLL),
                None => {
                    state.looks_at = None;
                    state = self.wake.wait(state).unwrap_or_else(PoisonError::into_inner);
                    continue;
                }
            };
            match due {
                Ok(why) => {
                    for socket in state.job.take().into_iter().flat_map(|j| j.sockets) {
                        let _ = socket.shutdown(Shutdown::Both);
                    }
                    state.fired = Some(why);
                }
                Err(tick) => {
                    state.looks_at = Some(Instant::now() + tick);
                    state = self.wake.wait_timeout(state, tick).unwrap_or_else(PoisonError::into_inner).0;
                }
            }
        }
    }
}

impl Job {
    /// Why the sockets must be cut now, or how long to wait before looking again.
    fn due(&self) -> Result<Fired, Duration> {
        if self.on_interrupt && self.cancel.is_set() {
            return Ok(Fired::Interrupt);
        }
        let now = Instant::now();
        match self.deadline {
            Some(deadline) if now >= deadline => Ok(Fired::Deadline),
            Some(deadline) => Err((deadline - now).min(POLL)),
            None => Err(POLL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::TcpListener;

    /// A connected pair of sockets on 127.0.0.1: (ours, the server's end).
    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let ours = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (ours, listener.accept().unwrap().0)
    }

    #[test]
    fn a_deadline_cuts_a_blocked_read_and_says_so() {
        let (mut ours, _theirs) = pair();
        let dog = Watchdog::default();
        dog.arm(Some(Duration::from_millis(200)), vec![ours.try_clone().unwrap()], true);
        let start = Instant::now();
        let read = ours.read(&mut [0u8; 8]);
        assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
        assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
        assert_eq!(dog.disarm(), Some(Fired::Deadline));
    }

    #[test]
    fn a_busy_thread_is_woken_only_for_a_deadline_before_it_looks() {
        let now = Instant::now();
        assert!(must_wake(None, None), "asleep until woken");
        assert!(must_wake(None, Some(now + POLL)));
        assert!(!must_wake(Some(now + POLL), None), "it looks for Ctrl-C on its own");
        assert!(!must_wake(Some(now + POLL), Some(now + 2 * POLL)));
        assert!(must_wake(Some(now + POLL), Some(now + POLL / 2)));
    }

    #[test]
    fn a_short_deadline_right_after_a_wait_still_cuts() {
        let (mut ours, _theirs) = pair();
        let dog = Watchdog::default();
        for _ in 0..100 {
            dog.arm(Some(Duration::from_secs(30)), vec![ours.try_clone().unwrap()], true);
            assert_eq!(dog.disarm(), None);
        }
        dog.arm(Some(Duration::from_millis(20)), vec![ours.try_clone().unwrap()], true);
        let read = ours.read(&mut [0u8; 8]);
        assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
        assert_eq!(dog.disarm(), Some(Fired::Deadline));
    }

    #[test]
    fn disarmed_in_time_it_leaves_the_socket_alone() {
        let (ours, _theirs) = pair();
        let dog = Watchdog::default();
        dog.arm(Some(Duration::from_millis(300)), vec![ours.try_clone().unwrap()], true);
        assert_eq!(dog.disarm(), None);
        std::thread::sleep(Duration::from_millis(500));
        ours.set_nonblocking(true).unwrap();
        let e = (&ours).read(&mut [0u8; 8]).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock, "still open: nothing to read yet");
    }
}
