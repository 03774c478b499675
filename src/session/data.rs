//! A data connection as the transfer engine sees it: a byte stream, and, when nothing but TCP is
//! on it (no TLS), the socket itself, so that the bytes may move between it and a file without
//! passing through ftpsh (`splice` and `sendfile` on Linux). Moves nothing itself and never
//! prints.

use std::io::{self, Read, Write};
use std::net::TcpStream;

use suppaftp::{DataStream, TransferStream};

use super::tls_stream::Tls;

/// An open data connection, handed to the consumer of [`super::Session::retrieve`] and the
/// producer of [`super::Session::store`].
pub struct Data<'a>(&'a mut TransferStream<Tls>);

impl<'a> Data<'a> {
    pub(super) fn new(stream: &'a mut TransferStream<Tls>) -> Data<'a> {
        Data(stream)
    }

    /// The socket, when the data connection is plain TCP: the bytes on it are the file's, as
    /// they are.
    pub fn plain(&self) -> Option<&TcpStream> {
        match self.0.get_ref() {
            DataStream::Tcp(socket) => Some(socket),
            DataStream::Ssl(_) => None,
        }
    }
}

impl Read for Data<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl Write for Data<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
