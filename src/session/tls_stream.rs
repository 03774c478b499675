//! The TLS streams of a session, in place of suppaftp's own: the same rustls connection over a
//! TCP socket, except that a passive data connection starts its handshake as soon as it is
//! connected, before the server's `150` is read, as curl does. suppaftp starts it only after the
//! `150`, and servers that wait for the handshake before they send it (the Node.js `ftp-srv`)
//! then never answer. The handshake runs on a thread of its own while the transfer command is
//! sent, so servers that handshake only after the command (vsftpd, ProFTPD) work as before. The
//! control connection's handshake stays lazy (and can wait a moment after `234`, for servers
//! that switch to TLS late). Session resumption is rustls's, through the one shared client
//! configuration. A data connection reads its socket ahead in big chunks ([`Sock`]). Never
//! prints.

use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use suppaftp::rustls::pki_types::ServerName;
use suppaftp::rustls::{ClientConfig, ClientConnection, StreamOwned};
use suppaftp::{FtpError, FtpResult, ImplFtpStream, TlsConnector, TlsStream};

/// An FTP control connection whose TLS (when any) is [`Tls`].
pub type FtpStream = ImplFtpStream<Tls>;

/// A TLS stream over a TCP socket that says goodbye (close_notify) when dropped.
#[derive(Debug)]
pub struct Tls {
    stream: StreamOwned<ClientConnection, Sock>,
    /// Whether to send close_notify on drop (not when the socket was handed back in plain).
    close: bool,
}

/// How much a data connection reads from its socket at a time. rustls asks for a few KiB per
/// read; without reading ahead a 64 MiB download costs thousands of system calls more.
const READ_AHEAD: usize = 64 * 1024;

/// The socket under a TLS stream. A data connection reads it [`READ_AHEAD`] bytes at a time;
/// the control connection reads only what rustls asks for, so that nothing is left in a buffer
/// when it goes back to plain text (`CCC`).
#[derive(Debug)]
pub struct Sock(BufReader<TcpStream>);

impl Sock {
    fn new(socket: TcpStream, ahead: usize) -> Sock {
        Sock(BufReader::with_capacity(ahead, socket))
    }
}

impl Read for Sock {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl Write for Sock {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.get_mut().write(buf)
    }

    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        self.0.get_mut().write_vectored(bufs)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.get_mut().flush()
    }
}

impl TlsStream for Tls {
    type InnerStream = StreamOwned<ClientConnection, Sock>;

    fn tcp_stream(mut self) -> FtpResult<TcpStream> {
        self.close = false;
        self.stream.sock.0.get_ref().try_clone().map_err(FtpError::ConnectionError)
    }

    fn get_ref(&self) -> &TcpStream {
        self.stream.get_ref().0.get_ref()
    }

    fn mut_ref(&mut self) -> &mut Self::InnerStream {
        &mut self.stream
    }
}

impl Drop for Tls {
    fn drop(&mut self) {
        if self.close {
            let _ = self.stream.flush();
            self.stream.conn.send_close_notify();
            let _ = self.stream.conn.write_tls(&mut self.stream.sock);
        }
    }
}

/// A handshake begun on a data connection: its socket (to cut it if it is never used) and the
/// thread completing it.
struct Early {
    socket: TcpStream,
    handshake: JoinHandle<std::io::Result<ClientConnection>>,
}

/// Hands the connections of one session their TLS: the client configuration, and the handshake
/// begun early on the data connection being opened, if any.
#[derive(Clone)]
pub struct Connector {
    config: Arc<ClientConfig>,
    early: Arc<Mutex<Option<Early>>>,
    /// How long the first connection waits before its hello (see [`Connector::pausing`]).
    pause: Arc<Mutex<Option<Duration>>>,
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Connector")
    }
}

impl Connector {
    pub fn new(config: Arc<ClientConfig>) -> Connector {
        Connector { config, early: Arc::default(), pause: Arc::default() }
    }

    /// This connector, except that the next connection it secures (the control connection)
    /// waits `pause` before its TLS hello: for servers that switch to TLS a moment after their
    /// `234`.
    pub fn pausing(&self, pause: Duration) -> Connector {
        Connector { pause: Arc::new(Mutex::new(Some(pause))), ..self.clone() }
    }

    /// Starts the TLS handshake on the data connection `socket` (just connected) on a thread
    /// of its own; [`TlsConnector::connect`] picks it up. One begun before and never used (the
    /// server refused the command) is cut.
    pub fn begin(&self, domain: &str, socket: &TcpStream) -> FtpResult<()> {
        let mut conn = self.session(domain)?;
        let mut theirs = socket.try_clone().map_err(FtpError::ConnectionError)?;
        let handshake = std::thread::spawn(move || {
            while conn.is_handshaking() {
                conn.complete_io(&mut theirs)?;
            }
            Ok(conn)
        });
        let socket = socket.try_clone().map_err(FtpError::ConnectionError)?;
        let stale = self.lock().replace(Early { socket, handshake });
        if let Some(stale) = stale {
            let _ = stale.socket.shutdown(Shutdown::Both);
        }
        Ok(())
    }

    fn session(&self, domain: &str) -> FtpResult<ClientConnection> {
        let name =
            ServerName::try_from(domain.to_string()).map_err(|e| FtpError::SecureError(e.to_string()))?;
        ClientConnection::new(Arc::clone(&self.config), name)
            .map_err(|e| FtpError::SecureError(e.to_string()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Early>> {
        self.early.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl TlsConnector for Connector {
    type Stream = Tls;

    /// The data connection's early handshake when one was begun on this very socket, else a
    /// new TLS session whose handshake happens on first use (the control connection).
    fn connect(&self, domain: &str, stream: TcpStream) -> FtpResult<Tls> {
        let same = |e: &Early| {
            e.socket.peer_addr().ok() == stream.peer_addr().ok()
                && e.socket.local_addr().ok() == stream.local_addr().ok()
        };
        let early = self.lock().take_if(|e| same(e));
        let ahead = if early.is_some() { READ_AHEAD } else { 0 };
        let conn = match early {
            Some(e) => match e.handshake.join() {
                Ok(Ok(conn)) => conn,
                Ok(Err(io)) => {
                    return Err(FtpError::SecureError(format!("TLS on the data connection: {io}")));
                }
                Err(_) => return Err(FtpError::SecureError("TLS on the data connection failed".into())),
            },
            None => {
                if let Some(pause) = self.pause.lock().unwrap_or_else(PoisonError::into_inner).take() {
                    std::thread::sleep(pause);
                }
                self.session(domain)?
            }
        };
        Ok(Tls { stream: StreamOwned::new(conn, Sock::new(stream, ahead)), close: true })
    }
}
