//! The FTP session: one control connection (suppaftp) and its state — host, user, remote
//! directory, transfer type, data-connection mode, server features.
//!
//! Protocol operations return data or typed errors; this module never prints. A broken control
//! connection is detected here, in one place (`Session::call`), and marks the session disconnected.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use suppaftp::types::FileType;
use suppaftp::{FtpError, Mode, RustlsFtpStream, Status};

use crate::address::Target;
use crate::error::{Error, Reply, Result};

/// Timeout for establishing the control and data connections.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Timeout for one reply on the control connection and for an idle data connection.
const IO_TIMEOUT: Duration = Duration::from_secs(120);

/// The representation type used for transfers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferType {
    /// Text: CRLF on the wire, LF locally.
    Ascii,
    /// Byte for byte.
    Binary,
}

impl TransferType {
    /// The name users know it by.
    pub fn name(self) -> &'static str {
        match self {
            TransferType::Ascii => "ascii",
            TransferType::Binary => "binary",
        }
    }
}

/// A live, logged-in (or about to be) control connection.
struct Conn {
    ftp: RustlsFtpStream,
    target: Target,
    user: Option<String>,
    cwd: Option<String>,
    features: BTreeMap<String, Option<String>>,
}

/// The session the shell talks to. Settings (type, passive) survive reconnects.
pub struct Session {
    conn: Option<Conn>,
    /// The transfer type applied after login and by `ascii`/`binary`.
    pub transfer_type: TransferType,
    /// Passive (EPSV/PASV) when true, active (PORT/EPRT) when false.
    pub passive: bool,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            conn: None,
            transfer_type: TransferType::Binary,
            passive: true,
        }
    }
}

impl Session {
    /// Whether a control connection is open.
    pub fn is_connected(&self) -> bool {
        self.conn.is_some()
    }

    /// Whether the connection is open and logged in.
    pub fn is_logged_in(&self) -> bool {
        self.conn.as_ref().is_some_and(|c| c.user.is_some())
    }

    /// The host name of the current connection.
    pub fn host(&self) -> Option<&str> {
        self.conn.as_ref().map(|c| c.target.host.as_str())
    }

    /// The logged-in user.
    pub fn user(&self) -> Option<&str> {
        self.conn.as_ref().and_then(|c| c.user.as_deref())
    }

    /// The remote working directory as last reported by the server.
    pub fn cwd(&self) -> Option<&str> {
        self.conn.as_ref().and_then(|c| c.cwd.as_deref())
    }

    /// Opens the control connection and returns the server's banner. Closes any previous one.
    pub fn connect(&mut self, target: &Target) -> Result<String> {
        self.close();
        let authority = target.authority();
        let stream = dial(&authority).map_err(|source| Error::Connect {
            host: authority,
            source,
        })?;
        stream
            .set_read_timeout(Some(IO_TIMEOUT))
            .map_err(Error::Connection)?;
        stream
            .set_write_timeout(Some(IO_TIMEOUT))
            .map_err(Error::Connection)?;
        let ftp = RustlsFtpStream::connect_with_stream(stream)?.passive_stream_builder(dial_data);
        let banner = ftp.get_welcome_msg().unwrap_or_default().to_string();
        self.conn = Some(Conn {
            ftp,
            target: target.clone(),
            user: None,
            cwd: None,
            features: BTreeMap::new(),
        });
        Ok(banner)
    }

    /// Closes the connection and opens a new one to the same server (not logged in).
    pub fn reconnect(&mut self) -> Result<String> {
        let target = self
            .conn
            .as_ref()
            .ok_or(Error::NotConnected)?
            .target
            .clone();
        self.connect(&target)
    }

    /// Logs in, then applies the session settings: transfer type, UTF-8, data mode.
    pub fn login(&mut self, user: &str, password: &str) -> Result<()> {
        self.call(|ftp| ftp.login(user, password))
            .map_err(|e| match e {
                Error::Server(reply) => Error::Login(reply),
                other => other,
            })?;
        let conn = self.conn_mut()?;
        conn.user = Some(user.to_string());
        conn.features = conn
            .ftp
            .feat()
            .map(|f| f.into_iter().collect())
            .unwrap_or_default();
        if conn.features.contains_key("UTF8") {
            let _ = conn.ftp.opts("UTF8", Some("ON"));
        }
        self.apply_mode();
        self.set_type(self.transfer_type)?;
        self.refresh_cwd()
    }

    /// Sends QUIT (ignoring failures) and forgets the connection.
    pub fn close(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            let _ = conn.ftp.quit();
        }
    }

    /// Sets the transfer type locally and, when connected, on the server.
    pub fn set_type(&mut self, ty: TransferType) -> Result<()> {
        if self.is_logged_in() {
            match ty {
                // suppaftp sends "TYPE A N", which some servers (pyftpdlib) reject; send plain "TYPE A".
                TransferType::Ascii => self
                    .command_expect("TYPE A", &[Status::CommandOk])
                    .map(drop)?,
                TransferType::Binary => self.call(|ftp| ftp.transfer_type(FileType::Binary))?,
            }
        }
        self.transfer_type = ty;
        Ok(())
    }

    /// Switches between passive and active data connections.
    pub fn set_passive(&mut self, passive: bool) {
        self.passive = passive;
        self.apply_mode();
    }

    fn apply_mode(&mut self) {
        let passive = self.passive;
        if let Some(conn) = self.conn.as_mut() {
            // EPSV when the server announces it (required over IPv6), else PASV with the
            // control peer's address instead of the one in the reply.
            let mode = match (passive, conn.features.contains_key("EPSV")) {
                (false, _) => Mode::Active,
                (true, true) => Mode::ExtendedPassive,
                (true, false) => Mode::Passive,
            };
            conn.ftp.set_mode(mode);
            conn.ftp.set_passive_nat_workaround(true);
        }
    }

    /// The server's FEAT list, sorted by name.
    pub fn features(&mut self) -> Result<Vec<(String, Option<String>)>> {
        let conn = self.conn_mut()?;
        Ok(conn
            .features
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    /// Asks the server for the working directory and remembers it.
    pub fn refresh_cwd(&mut self) -> Result<()> {
        let cwd = self.call(|ftp| ftp.pwd())?;
        self.conn_mut()?.cwd = Some(cwd);
        Ok(())
    }

    /// PWD.
    pub fn pwd(&mut self) -> Result<String> {
        self.refresh_cwd()?;
        Ok(self.cwd().unwrap_or_default().to_string())
    }

    /// CWD, then PWD to learn where we are.
    pub fn cd(&mut self, path: &str) -> Result<()> {
        self.call(|ftp| ftp.cwd(path))?;
        self.refresh_cwd()
    }

    /// CDUP, then PWD.
    pub fn cdup(&mut self) -> Result<()> {
        self.call(|ftp| ftp.cdup())?;
        self.refresh_cwd()
    }

    /// LIST: the server's raw listing lines.
    pub fn list(&mut self, path: Option<&str>) -> Result<Vec<String>> {
        self.call(|ftp| ftp.list(path))
    }

    /// NLST: names only.
    pub fn nlst(&mut self, path: Option<&str>) -> Result<Vec<String>> {
        self.call(|ftp| ftp.nlst(path))
    }

    /// MKD.
    pub fn mkdir(&mut self, path: &str) -> Result<()> {
        self.call(|ftp| ftp.mkdir(path))
    }

    /// RMD.
    pub fn rmdir(&mut self, path: &str) -> Result<()> {
        self.call(|ftp| ftp.rmdir(path))
    }

    /// DELE.
    pub fn delete(&mut self, path: &str) -> Result<()> {
        self.call(|ftp| ftp.rm(path))
    }

    /// RNFR + RNTO.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        self.call(|ftp| ftp.rename(from, to))
    }

    /// SIZE, in bytes.
    pub fn size(&mut self, path: &str) -> Result<u64> {
        self.call(|ftp| ftp.size(path)).map(|n| n as u64)
    }

    /// MDTM, as `YYYY-MM-DD HH:MM:SS` UTC.
    pub fn modtime(&mut self, path: &str) -> Result<String> {
        self.call(|ftp| ftp.mdtm(path))
            .map(|t| format!("{} UTC", t.format("%Y-%m-%d %H:%M:%S")))
    }

    /// Sends any command and returns the reply, whatever its code (`quote`, `site`, `system`).
    /// A 4xx/5xx reply is returned as `Error::Server`.
    pub fn raw(&mut self, command: &str) -> Result<Reply> {
        let reply = match self.call(|ftp| ftp.custom_command(command, &[])) {
            Err(Error::Server(reply)) => reply,
            Err(other) => return Err(other),
            Ok(resp) => Reply::from_response(&resp),
        };
        if reply.code == 421 {
            self.conn = None;
        }
        if reply.is_ok() {
            Ok(reply)
        } else {
            Err(Error::Server(reply))
        }
    }

    fn command_expect(&mut self, command: &str, expect: &[Status]) -> Result<Reply> {
        self.call(|ftp| ftp.custom_command(command, expect))
            .map(|r| Reply::from_response(&r))
    }

    /// Downloads `path`, handing the data stream to `consume`. If `consume` fails the data
    /// connection is closed without ABOR (the safe cancel) and its error is returned.
    pub fn retrieve<T>(
        &mut self,
        path: &str,
        consume: impl FnOnce(&mut dyn Read) -> Result<T>,
    ) -> Result<T> {
        let conn = self.conn_mut()?;
        let mut stream = match conn.ftp.retr_as_stream(path) {
            Ok(s) => s,
            Err(e) => return Err(self.fail(e)),
        };
        let result = consume(&mut stream);
        let finished = stream.finish();
        let value = result?;
        finished.map_err(|e| self.fail(e))?;
        Ok(value)
    }

    /// Uploads to `path`, letting `produce` write the data stream.
    pub fn store<T>(
        &mut self,
        path: &str,
        produce: impl FnOnce(&mut dyn Write) -> Result<T>,
    ) -> Result<T> {
        let conn = self.conn_mut()?;
        let mut stream = match conn.ftp.put_with_stream(path) {
            Ok(s) => s,
            Err(e) => return Err(self.fail(e)),
        };
        let result =
            produce(&mut stream).and_then(|v| stream.flush().map(|_| v).map_err(Error::Connection));
        let finished = stream.finish();
        let value = result?;
        finished.map_err(|e| self.fail(e))?;
        Ok(value)
    }

    fn conn_mut(&mut self) -> Result<&mut Conn> {
        self.conn.as_mut().ok_or(Error::NotConnected)
    }

    /// Runs one protocol operation; a broken connection (or 421) marks the session disconnected.
    fn call<T>(
        &mut self,
        op: impl FnOnce(&mut RustlsFtpStream) -> suppaftp::FtpResult<T>,
    ) -> Result<T> {
        let conn = self.conn_mut()?;
        op(&mut conn.ftp).map_err(|e| self.fail(e))
    }

    fn fail(&mut self, e: FtpError) -> Error {
        let err = Error::from(e);
        let lost = err.is_disconnect() || matches!(&err, Error::Server(r) if r.code == 421);
        if lost {
            self.conn = None;
        }
        err
    }
}

/// Connects to the first address of `authority` that answers within the timeout.
fn dial(authority: &str) -> std::io::Result<TcpStream> {
    let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address found");
    for addr in authority.to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Opens a passive data connection with the session's timeouts.
fn dial_data(addr: std::net::SocketAddr) -> suppaftp::FtpResult<TcpStream> {
    let s =
        TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT).map_err(FtpError::ConnectionError)?;
    s.set_read_timeout(Some(IO_TIMEOUT))
        .map_err(FtpError::ConnectionError)?;
    s.set_write_timeout(Some(IO_TIMEOUT))
        .map_err(FtpError::ConnectionError)?;
    Ok(s)
}
