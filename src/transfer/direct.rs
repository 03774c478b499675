//! Transfers the kernel moves between the data connection and the file itself (Linux), so the
//! bytes never pass through ftpsh's memory (one copy fewer than reading and writing them): a
//! download is spliced from the socket into a pipe and from the pipe into the partial file, an
//! upload is sent from the file with `sendfile`. Only where nobody needs to see the bytes: binary
//! over plain TCP, with no running checksum, and a download written from the start (a resume
//! compares its overlap first). Anything else, or a system that cannot do it, goes through the
//! copy loops ([`copy_down`], [`copy_up`]), whose rules hold here too: the wire's bound (bytes past
//! it are never written), progress, Ctrl-C, rate limits, a stall named as the timeout.
//!
//! Only the bytes, as in `copy`: where they go and what counts as verified is decided in
//! [`super`].

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::Progress;
use super::copy::{Wire, copy_down, copy_up};
use super::seam::Spliced;
use crate::checksum::Hasher;
use crate::error::Result;
use crate::session::Data;

/// Moves a download from `data` into `out`: spliced when `out` writes its file from the start and
/// nothing needs to see the bytes (binary, no `hasher`, plain TCP), else copied. Returns the
/// bytes written.
pub(super) fn receive(
    data: &mut Data<'_>,
    out: &mut Spliced,
    wire: Wire,
    hasher: Option<&mut Hasher>,
    progress: &mut dyn Progress,
    part: &Path,
) -> Result<u64> {
    let direct = data.plain().zip(out.fresh()).filter(|_| !wire.ascii && hasher.is_none());
    if let Some(done) =
        direct.and_then(|(socket, file)| kernel::splice_down(socket, file, wire, progress, part))
    {
        return done;
    }
    copy_down(data, out, wire, hasher, progress, part)
}

/// Moves an upload from `input` (from its position) to `data`: sent by the kernel when nothing
/// needs to see the bytes (binary, no `hasher`, plain TCP), else copied. Returns the bytes read.
pub(super) fn send(
    input: &mut BufReader<File>,
    data: &mut Data<'_>,
    wire: Wire,
    hasher: Option<&mut Hasher>,
    progress: &mut dyn Progress,
    local: &Path,
) -> Result<u64> {
    let direct = data.plain().filter(|_| !wire.ascii && hasher.is_none() && input.buffer().is_empty());
    if let Some(done) =
        direct.and_then(|socket| kernel::sendfile_up(input.get_ref(), socket, wire, progress, local))
    {
        return done;
    }
    copy_up(input, data, wire, hasher, progress, local)
}

#[cfg(target_os = "linux")]
mod kernel {
    use std::cell::Cell;
    use std::fs::File;
    use std::io::{self, Read};
    use std::net::TcpStream;
    use std::path::Path;

    use rustix::fs::sendfile;
    use rustix::io::Errno;
    use rustix::pipe::{PipeFlags, SpliceFlags, fcntl_setpipe_size, pipe_with, splice};

    use super::super::Progress;
    use super::super::copy::{Bound, Wire, stalled};
    use super::super::limit::{Throttle, Way};
    use crate::error::{Error, Result};
    use crate::interrupt;

    /// The most one call moves: 1 MiB, also the pipe's size, the most an unprivileged process
    /// may ask for by default (`/proc/sys/fs/pipe-max-size`), so one splice takes what a fast
    /// link brought.
    const CHUNK: usize = 1 << 20;

    /// A pipe, empty between downloads.
    struct Pipe {
        read: File,
        write: File,
    }

    thread_local!(static SPARE: Cell<Option<Pipe>> = const { Cell::new(None) });

    impl Pipe {
        /// This thread's pipe, made on its first download (`None` when none can be made).
        fn take() -> Option<Pipe> {
            SPARE.take().or_else(|| {
                let (read, write) = pipe_with(PipeFlags::CLOEXEC).ok()?;
                // A smaller pipe only means more splices.
                let _ = fcntl_setpipe_size(&write, CHUNK);
                Some(Pipe { read: read.into(), write: write.into() })
            })
        }
    }

    /// Why moving stopped early: it cannot be done here (nothing was moved), or it failed.
    enum Stop {
        Unsupported,
        Failed(Error),
    }

    impl From<Error> for Stop {
        fn from(e: Error) -> Stop {
            Stop::Failed(e)
        }
    }

    /// What a system that cannot splice or sendfile these descriptors answers.
    fn unsupported(e: Errno) -> bool {
        matches!(e, Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP | Errno::PERM)
    }

    /// The outcome for the caller: `None` means copy instead.
    fn settle(outcome: std::result::Result<u64, Stop>) -> Option<Result<u64>> {
        match outcome {
            Ok(bytes) => Some(Ok(bytes)),
            Err(Stop::Failed(e)) => Some(Err(e)),
            Err(Stop::Unsupported) => None,
        }
    }

    /// Splices `socket` into `file` (at its position) until the server closes the connection.
    /// `None` when this system cannot splice them and nothing was moved: copy instead.
    pub(super) fn splice_down(
        socket: &TcpStream,
        file: &File,
        wire: Wire,
        progress: &mut dyn Progress,
        part: &Path,
    ) -> Option<Result<u64>> {
        let pipe = Pipe::take()?;
        let outcome = pump(&pipe, socket, file, wire, progress, part);
        // A pipe that may still hold bytes (a failure) is closed, not used again.
        if !matches!(outcome, Err(Stop::Failed(_))) {
            SPARE.set(Some(pipe));
        }
        settle(outcome)
    }

    fn pump(
        pipe: &Pipe,
        socket: &TcpStream,
        file: &File,
        wire: Wire,
        progress: &mut dyn Progress,
        part: &Path,
    ) -> std::result::Result<u64, Stop> {
        let mut throttle = Throttle::new(wire.rates, Way::Down);
        let mut carried = 0u64;
        loop {
            interrupt::check()?;
            let n = match splice(socket, None, &pipe.write, None, throttle.chunk(CHUNK), SpliceFlags::MOVE) {
                Ok(0) => return Ok(carried),
                Ok(n) => n,
                Err(Errno::INTR) => continue,
                Err(e) if carried == 0 && unsupported(e) => return Err(Stop::Unsupported),
                Err(e) => return Err(stalled(e.into(), wire.stall).into()),
            };
            carried += n as u64;
            Bound::check(wire.bound, carried)?;
            drain(&pipe.read, file, n).map_err(|e| Error::local(part, e))?;
            progress.advance(n as u64);
            throttle.pass(n)?;
        }
    }

    /// Moves the `n` bytes in the pipe into `file`: spliced, or read and written where the file
    /// system takes no spliced pages.
    fn drain(pipe: &File, mut file: &File, mut n: usize) -> io::Result<()> {
        while n > 0 {
            match splice(pipe, None, file, None, n, SpliceFlags::MOVE) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(k) => n -= k,
                Err(Errno::INTR) => {}
                Err(Errno::INVAL) => return io::copy(&mut pipe.take(n as u64), &mut file).map(drop),
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Sends `file` from its position to `socket` until its end. `None` when this system cannot
    /// send them and nothing was sent: copy instead.
    pub(super) fn sendfile_up(
        file: &File,
        socket: &TcpStream,
        wire: Wire,
        progress: &mut dyn Progress,
        local: &Path,
    ) -> Option<Result<u64>> {
        let mut throttle = Throttle::new(wire.rates, Way::Up);
        let mut sent = 0u64;
        let outcome = loop {
            if let Err(e) = interrupt::check() {
                break Err(Stop::Failed(e));
            }
            let n = match sendfile(socket, file, None, throttle.chunk(CHUNK)) {
                Ok(0) => break Ok(sent),
                Ok(n) => n,
                Err(Errno::INTR) => continue,
                Err(e) if sent == 0 && unsupported(e) => break Err(Stop::Unsupported),
                Err(e) => break Err(Stop::Failed(blame(e, wire, local))),
            };
            sent += n as u64;
            progress.advance(n as u64);
            if let Err(e) = throttle.pass(n) {
                break Err(Stop::Failed(e));
            }
        };
        settle(outcome)
    }

    /// A failed `sendfile`: the data connection's fault (a timeout names the setting), or else
    /// the local file's.
    fn blame(e: Errno, wire: Wire, local: &Path) -> Error {
        match e {
            Errno::AGAIN | Errno::PIPE | Errno::CONNRESET | Errno::NOTCONN | Errno::TIMEDOUT => {
                stalled(e.into(), wire.stall)
            }
            other => Error::local(local, other.into()),
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod kernel {
    //! Splicing and `sendfile` as used here are Linux's: elsewhere every transfer is copied.

    use std::fs::File;
    use std::net::TcpStream;
    use std::path::Path;

    use super::super::Progress;
    use super::super::copy::Wire;
    use crate::error::Result;

    pub(super) fn splice_down(
        _: &TcpStream,
        _: &File,
        _: Wire,
        _: &mut dyn Progress,
        _: &Path,
    ) -> Option<Result<u64>> {
        None
    }

    pub(super) fn sendfile_up(
        _: &File,
        _: &TcpStream,
        _: Wire,
        _: &mut dyn Progress,
        _: &Path,
    ) -> Option<Result<u64>> {
        None
    }
}
