//! Rate limits in the copy loops: a bucket per transfer (`rate-limit`) and one per direction for
//! the whole process (`total-rate-limit`, [`set_total`]), shared by every transfer that runs,
//! foreground and background alike. A transfer reserves each chunk in its buckets and waits until
//! the chunk is paid for; chunks are small (a tenth of a second at the rate) and reservations are
//! taken in turn, so transfers that share a limit share it evenly. No credit builds up while idle:
//! over any stretch a transfer moves at most the rate (plus one chunk). Waits poll Ctrl-C and
//! `kill`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::rate::Rates;
use crate::error::Result;
use crate::interrupt;

/// The smallest chunk read under a limit.
const MIN_CHUNK: usize = 512;
/// The longest sleep between two looks at Ctrl-C.
const POLL: Duration = Duration::from_millis(100);

/// Which way the bytes go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    Up,
    Down,
}

/// A rate and the time its next byte may go.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    rate: Option<u64>,
    next: Option<Instant>,
}

impl Bucket {
    const fn new(rate: Option<u64>) -> Bucket {
        Bucket { rate, next: None }
    }

    /// Reserves `bytes`; returns when they are paid for (`None`: no limit).
    fn reserve(&mut self, bytes: usize) -> Option<Instant> {
        let rate = self.rate?;
        let now = Instant::now();
        let start = self.next.map_or(now, |n| n.max(now));
        let due = start + Duration::from_secs_f64(bytes as f64 / rate as f64);
        self.next = Some(due);
        Some(due)
    }
}

static TOTAL_UP: Mutex<Bucket> = Mutex::new(Bucket::new(None));
static TOTAL_DOWN: Mutex<Bucket> = Mutex::new(Bucket::new(None));

fn total(way: Way) -> &'static Mutex<Bucket> {
    match way {
        Way::Up => &TOTAL_UP,
        Way::Down => &TOTAL_DOWN,
    }
}

fn lock(m: &Mutex<Bucket>) -> std::sync::MutexGuard<'_, Bucket> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Sets the limits all transfers together keep to (`total-rate-limit`), from now on, also for
/// the transfers already running.
pub fn set_total(rates: Rates) {
    for (way, rate) in [(Way::Up, rates.up), (Way::Down, rates.down)] {
        let mut bucket = lock(total(way));
        if bucket.rate != rate {
            *bucket = Bucket::new(rate);
        }
    }
}

/// The limits one transfer keeps to: its own and the process's total for its direction.
pub(super) struct Throttle {
    own: Bucket,
    way: Way,
}

impl Throttle {
    /// A throttle for a transfer going `way` with the per-transfer `rates`.
    pub fn new(rates: Rates, way: Way) -> Throttle {
        let rate = match way {
            Way::Up => rates.up,
            Way::Down => rates.down,
        };
        Throttle { own: Bucket::new(rate), way }
    }

    /// How many bytes to move at a time, at most `most`: a tenth of a second at the lowest
    /// limit, or `most` without one.
    pub fn chunk(&self, most: usize) -> usize {
        let total = lock(total(self.way)).rate;
        match [self.own.rate, total].into_iter().flatten().min() {
            Some(rate) => usize::try_from(rate / 10).unwrap_or(most).clamp(MIN_CHUNK, most.max(MIN_CHUNK)),
            None => most,
        }
    }

    /// Waits until `bytes` more are within the limits.
    pub fn pass(&mut self, bytes: usize) -> Result<()> {
        if let Some(due) = self.own.reserve(bytes) {
            wait_until(due)?;
        }
        let due = lock(total(self.way)).reserve(bytes);
        match due {
            Some(due) => wait_until(due),
            None => Ok(()),
        }
    }
}

/// Sleeps until `due`, looking at Ctrl-C (and `kill`) every [`POLL`].
fn wait_until(due: Instant) -> Result<()> {
    while let Some(left) = due.checked_duration_since(Instant::now()).filter(|l| !l.is_zero()) {
        interrupt::check()?;
        std::thread::sleep(left.min(POLL));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::copy::BUF_SIZE;

    #[test]
    fn reservations_follow_one_another_at_the_rate() {
        let mut b = Bucket::new(Some(1000));
        let first = b.reserve(100).unwrap();
        let second = b.reserve(100).unwrap();
        assert_eq!(second - first, Duration::from_millis(100));
        assert!(Bucket::new(None).reserve(100).is_none());
    }

    #[test]
    fn a_limit_reads_a_tenth_of_a_second_at_a_time() {
        let t = Throttle::new(Rates { up: Some(200_000), down: None }, Way::Up);
        assert_eq!(t.chunk(BUF_SIZE), 20_000);
        let t = Throttle::new(Rates { up: Some(1), down: None }, Way::Up);
        assert_eq!(t.chunk(BUF_SIZE), MIN_CHUNK);
    }
}
