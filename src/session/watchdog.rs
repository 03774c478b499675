//! A watchdog for waits on the network. Socket timeouts bound each read, not a whole reply (a
//! server that drips a byte at a time never trips them), and a blocked read does not see Ctrl-C.
//! While armed, the watchdog cuts the sockets it was handed (`shutdown`, so the blocked read or
//! write returns at once) when its deadline passes or Ctrl-C is pressed, and tells which. One
//! thread per session, started on first use; it polls Ctrl-C only while armed. Never prints.

use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::interrupt;

/// How often Ctrl-C is looked at while armed.
const POLL: Duration = Duration::from_millis(100);

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
    /// or at once on Ctrl-C when `on_interrupt`.
    pub fn arm(&self, limit: Option<Duration>, sockets: Vec<TcpStream>, on_interrupt: bool) {
        let mut state = self.shared.lock();
        let cancel = interrupt::current();
        state.job = Some(Job { deadline: limit.map(|l| Instant::now() + l), sockets, on_interrupt, cancel });
        state.fired = None;
        if !state.running {
            state.running = true;
            let shared = Arc::clone(&self.shared);
            std::thread::spawn(move || shared.watch());
        }
        self.shared.wake.notify_one();
    }

    /// Stops watching; says whether (and why) the sockets were cut meanwhile.
    pub fn disarm(&self) -> Option<Fired> {
        let mut state = self.shared.lock();
        state.job = None;
        state.fired.take()
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

    /// The watchdog thread: sleeps while disarmed, checks Ctrl-C and the deadline while armed.
    fn watch(&self) {
        let mut state = self.lock();
        while !state.quit {
            let Some(due) = state.job.as_ref().map(Job::due) else {
                state = self.wake.wait(state).unwrap_or_else(PoisonError::into_inner);
                continue;
            };
            match due {
                Ok(why) => {
                    for socket in state.job.take().into_iter().flat_map(|j| j.sockets) {
                        let _ = socket.shutdown(Shutdown::Both);
                    }
                    state.fired = Some(why);
                }
                Err(tick) => {
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
