//! Downloads the kernel moves into the partial file itself (Linux): the data connection's socket
//! is spliced into a pipe and the pipe into the file, so the bytes never pass through ftpsh's
//! memory (one copy fewer than reading and writing them). Only where nobody needs to see the
//! bytes: a binary download over plain TCP, written from the start, with no running checksum.
//! Anything else, or a system that cannot splice, goes through [`copy_down`]. The rules of that
//! loop hold here too: the wire's bound (bytes past it are never written), progress, Ctrl-C, rate
//! limits, a stall named as the timeout.
//!
//! Only the bytes, as in `copy`: where they go and what counts as verified is decided in
//! [`super`].

use std::path::Path;

use super::Progress;
use super::copy::{Wire, copy_down};
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
        direct.and_then(|(socket, file)| direct::splice_down(socket, file, wire, progress, part))
    {
        return done;
    }
    copy_down(data, out, wire, hasher, progress, part)
}

#[cfg(target_os = "linux")]
mod direct {
    use std::cell::Cell;
    use std::fs::File;
    use std::io::{self, Read};
    use std::net::TcpStream;
    use std::path::Path;

    use rustix::io::Errno;
    use rustix::pipe::{PipeFlags, SpliceFlags, fcntl_setpipe_size, pipe_with, splice};

    use super::super::Progress;
    use super::super::copy::{Bound, Wire, stalled};
    use super::super::limit::{Throttle, Way};
    use crate::error::{Error, Result};
    use crate::interrupt;

    /// The pipe's size: 1 MiB, the most an unprivileged process may ask for by default
    /// (`/proc/sys/fs/pipe-max-size`), so that one splice takes what a fast link brought.
    const PIPE_SIZE: usize = 1 << 20;

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
                let _ = fcntl_setpipe_size(&write, PIPE_SIZE);
                Some(Pipe { read: read.into(), write: write.into() })
            })
        }
    }

    /// Why splicing stopped early: it cannot be done here (nothing was moved), or it failed.
    enum Stop {
        Unsupported,
        Failed(Error),
    }

    impl From<Error> for Stop {
        fn from(e: Error) -> Stop {
            Stop::Failed(e)
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
        match outcome {
            Ok(bytes) => Some(Ok(bytes)),
            Err(Stop::Failed(e)) => Some(Err(e)),
            Err(Stop::Unsupported) => None,
        }
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
            let n =
                match splice(socket, None, &pipe.write, None, throttle.chunk(PIPE_SIZE), SpliceFlags::MOVE) {
                    Ok(0) => return Ok(carried),
                    Ok(n) => n,
                    Err(Errno::INTR) => continue,
                    Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP | Errno::PERM) if carried == 0 => {
                        return Err(Stop::Unsupported);
                    }
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
}

#[cfg(not(target_os = "linux"))]
mod direct {
    /// Splicing is Linux's: elsewhere every download is copied.
    pub(super) fn splice_down(
        _: &std::net::TcpStream,
        _: &std::fs::File,
        _: super::Wire,
        _: &mut dyn super::Progress,
        _: &super::Path,
    ) -> Option<super::Result<u64>> {
        None
    }
}
