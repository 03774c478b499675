//! Opening and re-opening connections: TCP with timeouts, TLS (explicit AUTH TLS, implicit
//! `ftps://`, the `auto` policy's plain fall-back), quiet reconnects after a stall, and new
//! sessions logged in like this one for parallel workers. A second `impl Session` block, so the
//! rest of the session does not see how connections come about.

use std::collections::{BTreeMap, HashMap};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use suppaftp::{FtpError, RustlsFtpStream, Status};

use super::{Conn, Session, TransferType};
use crate::address::Target;
use crate::config::settings::{CONNECT_TIMEOUT, NetSettings};
use crate::error::{Error, Result};
use crate::tls;

/// What is needed to re-establish a session after a quiet reconnect.
pub(super) struct Resume {
    target: Target,
    user: Option<String>,
    password: Option<String>,
    cwd: Option<String>,
}

/// A new control connection.
#[derive(Debug, Clone)]
pub struct Connected {
    /// The server's banner.
    pub banner: String,
    /// Whether the control connection (and so every data connection) uses TLS.
    pub encrypted: bool,
}

/// Everything needed to open another session like this one. Holds the password in memory.
#[derive(Clone)]
pub struct Login {
    target: Target,
    user: String,
    password: String,
    cwd: Option<String>,
    transfer_type: TransferType,
    /// The settings, with the certificates trusted for this server folded into them.
    net: NetSettings,
}

impl Session {
    /// Opens the control connection (with TLS as the policy and the URL say) and returns the
    /// server's banner and whether the connection is encrypted. Closes any previous one.
    pub fn connect(&mut self, target: &Target) -> Result<Connected> {
        self.close();
        let use_tls = target.implicit_tls || self.net.tls.policy != tls::Policy::Off;
        let tls = if use_tls { Some(tls::connector(&self.tls_options())?) } else { None };
        let stream = self.dial(target)?;
        let (ftp, explicit) = match tls {
            Some((connector, presented)) if target.implicit_tls => {
                let addr = stream.peer_addr().map_err(Error::Connection)?;
                drop(stream);
                let ftp = RustlsFtpStream::connect_secure_implicit(addr, connector, &target.host)
                    .map_err(|e| self.tls_failure(e, &target.host, &presented))?;
                let _ = ftp.get_ref().set_read_timeout(Some(self.net.io_timeout));
                let _ = ftp.get_ref().set_write_timeout(Some(self.net.io_timeout));
                (protect_data(ftp)?, None)
            }
            tls => (RustlsFtpStream::connect_with_stream(stream)?, tls),
        };
        let banner = ftp.get_welcome_msg().unwrap_or_default().to_string();
        let (ftp, encrypted) = match explicit {
            Some((connector, presented)) => self.upgrade(ftp, target, connector, &presented)?,
            None => (ftp, target.implicit_tls),
        };
        let (data_timeout, data_socket) = (Arc::clone(&self.data_timeout), Arc::clone(&self.data_socket));
        let ftp = ftp.passive_stream_builder(move |addr| {
            let stream = dial_data(addr, &data_timeout)?;
            *data_socket.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = stream.try_clone().ok();
            Ok(stream)
        });
        self.conn = Some(Conn {
            ftp,
            target: target.clone(),
            user: None,
            password: None,
            cwd: None,
            features: BTreeMap::new(),
            cache: HashMap::new(),
            encrypted,
            no_checksum: false,
            epsv_refused: false,
            no_set_mtime: false,
        });
        Ok(Connected { banner, encrypted })
    }

    /// A TCP connection to the target, with the session's timeouts.
    fn dial(&self, target: &Target) -> Result<TcpStream> {
        let authority = target.authority();
        let io_timeout = self.net.io_timeout;
        let stream = dial(&authority, self.net.connect_timeout)
            .map_err(|source| Error::Connect { host: authority, source })?;
        self.data_timeout.store(io_timeout.as_millis() as u64, Ordering::Relaxed);
        stream.set_read_timeout(Some(io_timeout)).map_err(Error::Connection)?;
        stream.set_write_timeout(Some(io_timeout)).map_err(Error::Connection)?;
        Ok(stream)
    }

    /// Explicit FTPS: AUTH TLS when the server offers it (or when TLS is required). A plain
    /// connection only when the policy is `auto` and the server offers no TLS, or turns AUTH TLS
    /// down before any TLS was spoken (Pure-FTPd announces it even without a certificate).
    fn upgrade(
        &mut self,
        mut ftp: RustlsFtpStream,
        target: &Target,
        connector: suppaftp::RustlsConnector,
        presented: &Arc<Mutex<tls::Presented>>,
    ) -> Result<(RustlsFtpStream, bool)> {
        let host = target.host.as_str();
        let offered = ftp.feat().ok().map(|f| {
            f.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case("AUTH")
                    && v.as_deref().is_some_and(|v| v.to_ascii_uppercase().contains("TLS"))
            })
        });
        match (offered, self.net.tls.policy) {
            (Some(false) | None, tls::Policy::Auto) => return Ok((ftp, false)),
            (Some(false), _) => {
                let _ = ftp.quit();
                return Err(Error::Tls(format!(
                    "{host} does not offer TLS (no AUTH TLS in FEAT); not sending a password in clear text (--tls auto allows plain FTP)"
                )));
            }
            _ => {}
        }
        match ftp.into_secure(connector, host) {
            Ok(secured) => Ok((secured, true)),
            // The server said no to AUTH TLS itself: nothing was encrypted yet, so `auto` may
            // carry on in plain text (RFC 4217), on a new connection, and says so.
            Err(FtpError::UnexpectedResponse(_))
                if self.net.tls.policy == tls::Policy::Auto && no_handshake(presented) =>
            {
                let plain = RustlsFtpStream::connect_with_stream(self.dial(target)?)?;
                Ok((plain, false))
            }
            Err(e) => Err(self.tls_failure(e, host, presented)),
        }
    }

    /// The TLS options for the next connection: the settings' plus the certificates trusted for
    /// this server (remembered, or trusted once in this session).
    fn tls_options(&self) -> tls::TlsOptions {
        let mut opts = self.net.tls.clone();
        opts.remembered = opts.remembered.or_else(|| self.remembered.clone());
        opts.pins.extend(self.trusted_once.iter().cloned());
        opts
    }

    /// A TLS failure as an error: for a refused certificate, what it is and how to trust it.
    fn tls_failure(&self, e: FtpError, host: &str, presented: &Arc<Mutex<tls::Presented>>) -> Error {
        let seen = presented.lock().map(|p| p.clone()).unwrap_or_default();
        let Some(reason) = seen.refused.clone() else {
            return Error::Tls(format!("TLS with {host} failed: {}", Error::from(e)));
        };
        let fingerprint = seen.fingerprint();
        let message = format!(
            "the certificate of {host} is not trusted ({reason}); {fingerprint}, {}; to trust it: --pin {fingerprint}",
            seen.describe()
        );
        Error::Certificate { message, cert: Box::new(seen) }
    }

    /// Closes the connection and opens a new one to the same server (not logged in).
    pub fn reconnect(&mut self) -> Result<Connected> {
        let target = self.conn.as_ref().ok_or(Error::NotConnected)?.target.clone();
        self.connect(&target)
    }

    /// What a second connection needs to log in the same way (for parallel transfers).
    pub fn login_info(&self) -> Option<Login> {
        let c = self.conn.as_ref()?;
        Some(Login {
            target: c.target.clone(),
            user: c.user.clone()?,
            password: c.password.clone().unwrap_or_default(),
            cwd: c.cwd.clone(),
            transfer_type: self.transfer_type,
            net: NetSettings { tls: self.tls_options(), ..self.net.clone() },
        })
    }

    /// A new session logged in as `login` says, in the same directory with the same settings.
    pub fn open(login: &Login) -> Result<Session> {
        let mut s = Session { transfer_type: login.transfer_type, ..Session::default() };
        s.configure(&login.net);
        s.connect(&login.target)?;
        s.login(&login.user, &login.password)?;
        if let Some(cwd) = &login.cwd {
            s.cd(cwd)?;
        }
        Ok(s)
    }

    /// Runs `op` with every network wait bounded by `limit`. If it fails on the connection (a
    /// timeout leaves the control channel out of step), reconnects and logs in again quietly,
    /// back in the same directory, and returns the original error.
    pub fn bounded<T>(&mut self, limit: Duration, op: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        let resume = self.resume_point();
        self.set_timeouts(limit);
        let result = op(self);
        self.set_timeouts(self.net.io_timeout);
        if let (Err(e), Some(resume)) = (&result, resume)
            && e.is_disconnect()
        {
            let _ = self.resume(resume);
        }
        result
    }

    pub(super) fn set_timeouts(&mut self, limit: Duration) {
        self.data_timeout.store(limit.as_millis() as u64, Ordering::Relaxed);
        if let Some(conn) = self.conn.as_ref() {
            let control = conn.ftp.get_ref();
            let _ = control.set_read_timeout(Some(limit));
            let _ = control.set_write_timeout(Some(limit));
        }
    }

    pub(super) fn resume_point(&self) -> Option<Resume> {
        self.conn.as_ref().map(|c| Resume {
            target: c.target.clone(),
            user: c.user.clone(),
            password: c.password.clone(),
            cwd: c.cwd.clone(),
        })
    }

    /// After the server closed the connection: connects and logs in again as before, back in
    /// the same directory. `None` when there is nothing to revive (never connected, or closed
    /// by the user); else the server's `host:port` or the error.
    pub fn revive(&mut self) -> Option<Result<String>> {
        let resume = self.lost.take()?;
        let authority = resume.target.authority();
        Some(self.resume(resume).map(|()| authority))
    }

    fn resume(&mut self, r: Resume) -> Result<()> {
        self.connect(&r.target)?;
        if let (Some(user), Some(password)) = (r.user, r.password) {
            self.login(&user, &password)?;
            if let Some(cwd) = r.cwd {
                self.cd(&cwd)?;
            }
        }
        Ok(())
    }
}

/// Whether no TLS handshake has begun (the server presented no certificate yet).
fn no_handshake(presented: &Arc<Mutex<tls::Presented>>) -> bool {
    presented.lock().map(|p| p.der.is_empty()).unwrap_or(false)
}

/// Implicit FTPS: PBSZ 0 and PROT P, which suppaftp sends only for explicit FTPS, so that the
/// data connections are encrypted too (vsftpd refuses them otherwise: 522).
fn protect_data(mut ftp: RustlsFtpStream) -> Result<RustlsFtpStream> {
    for command in ["PBSZ 0", "PROT P"] {
        ftp.custom_command(command, &[Status::CommandOk])
            .map_err(|e| Error::Tls(format!("{command}: {}", Error::from(e))))?;
    }
    Ok(ftp)
}

/// Connects to the first address of `authority` that answers within the timeout.
fn dial(authority: &str, timeout: Duration) -> std::io::Result<TcpStream> {
    let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address found");
    for addr in authority.to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => return Ok(s),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                let why = format!(
                    "no answer within {} s (`set connect-timeout` changes it)",
                    timeout.as_secs().max(1)
                );
                last = std::io::Error::new(std::io::ErrorKind::TimedOut, why);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Opens a passive data connection bounded by the session's current data timeout.
fn dial_data(addr: SocketAddr, timeout_ms: &AtomicU64) -> suppaftp::FtpResult<TcpStream> {
    let limit = Duration::from_millis(timeout_ms.load(Ordering::Relaxed).max(1));
    let s =
        TcpStream::connect_timeout(&addr, limit.min(CONNECT_TIMEOUT)).map_err(FtpError::ConnectionError)?;
    s.set_read_timeout(Some(limit)).map_err(FtpError::ConnectionError)?;
    s.set_write_timeout(Some(limit)).map_err(FtpError::ConnectionError)?;
    Ok(s)
}
