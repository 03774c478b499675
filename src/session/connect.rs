//! Opening and re-opening connections: TCP with timeouts, TLS (explicit AUTH TLS, implicit
//! `ftps://` with PBSZ/PROT after login where the server wants them then, the `auto` policy's
//! plain fall-back, never taken with a server known to speak TLS, the hello again for servers
//! that switch to TLS late), quiet reconnects after a stall, the idle check that finds a
//! connection the server dropped before anything is sent, the keepalive, and new sessions
//! logged in like this one for parallel workers. A second `impl Session` block, so the rest of
//! the session does not see how connections come about.

use std::collections::{BTreeMap, HashMap};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use suppaftp::{FtpError, Status};

use super::tls_stream::{Connector, FtpStream};
use super::{Conn, Session, TransferType};
use crate::address::Target;
use crate::config::settings::NetSettings;
use crate::error::{Error, Reply, Result};
use crate::tls::{self, Policy};

/// What is needed to re-establish a session after a quiet reconnect.
pub(super) struct Resume {
    target: Target,
    user: Option<String>,
    password: Option<String>,
    cwd: Option<String>,
}

/// A control connection just opened: the stream, the banner, when it is encrypted the
/// certificate the server presented (and how it was trusted), and whether PBSZ/PROT wait for the
/// login (implicit TLS on servers that take them only then).
struct Opened {
    ftp: FtpStream,
    banner: String,
    cert: Option<tls::Presented>,
    protect_later: bool,
    /// What hands the data connections their TLS (when TLS was tried).
    connector: Option<Connector>,
    /// The FEAT reply of a connection that stayed plain after asking whether the server offers
    /// TLS (empty when none was asked, or the connection is encrypted: then FEAT is asked again
    /// over TLS, after login).
    features: BTreeMap<String, Option<String>>,
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
    /// The settings, with the certificates trusted for this server folded into them, and the
    /// TLS policy in force for it ([`Session::tls_policy`]).
    net: NetSettings,
    /// Whether the server is known to speak TLS.
    tls_known: bool,
    /// What the session learned about the server, not asked again.
    known: Known,
}

/// What a session learned about its server that a new connection to it ([`Session::open`]) need
/// not ask again: the FEAT reply, whether the server offers TLS at all, whether PBSZ/PROT wait
/// for the login, the SYST reply, and what the server turned down.
#[derive(Clone, Default)]
struct Known {
    features: BTreeMap<String, Option<String>>,
    /// The connection stayed plain under the `auto` policy (the server offers no TLS, or turned
    /// AUTH TLS down): connect in plain text again without asking FEAT first. Read only under
    /// `auto`: a server known to speak TLS has the policy `required`.
    plain: bool,
    protect_later: bool,
    syst: Option<Option<String>>,
    epsv_refused: bool,
    mlsd_refused: bool,
    no_rest: Option<Reply>,
    no_checksum: bool,
    no_set_mtime: bool,
}

impl Known {
    /// What `conn` learned; `plain` when it stayed plain under the `auto` policy.
    fn of(conn: &Conn, plain: bool) -> Known {
        Known {
            features: conn.features.clone(),
            plain,
            protect_later: conn.protect_later,
            syst: conn.syst.clone(),
            epsv_refused: conn.epsv_refused,
            mlsd_refused: conn.mlsd_refused,
            no_rest: conn.no_rest.clone(),
            no_checksum: conn.no_checksum,
            no_set_mtime: conn.no_set_mtime,
        }
    }

    /// Teaches a new connection `conn` what is known (the features only when some are).
    fn teach(&self, conn: &mut Conn) {
        if !self.features.is_empty() {
            conn.features = self.features.clone();
        }
        conn.syst = self.syst.clone();
        conn.epsv_refused = self.epsv_refused;
        conn.mlsd_refused = self.mlsd_refused;
        conn.no_rest = self.no_rest.clone();
        conn.no_checksum = self.no_checksum;
        conn.no_set_mtime = self.no_set_mtime;
    }
}

impl Session {
    /// Opens the control connection (with TLS as the policy and the URL say) and returns the
    /// server's banner and whether the connection is encrypted. Closes any previous one. A
    /// server that speaks TLS is from then on known to ([`Session::know_tls`]).
    pub fn connect(&mut self, target: &Target) -> Result<Connected> {
        self.connect_knowing(target, &Known::default())
    }

    /// [`Session::connect`], with what is `known` about the server taught to the connection
    /// and not asked again.
    fn connect_knowing(&mut self, target: &Target, known: &Known) -> Result<Connected> {
        self.close();
        let opts = self.tls_options(target);
        let Opened { ftp, banner, cert, protect_later, connector, features } =
            self.open_control(target, &opts, known)?;
        let encrypted = cert.is_some();
        if encrypted {
            self.know_tls(&target.authority());
        }
        let (data_timeout, dial_timeout) = (Arc::clone(&self.data_timeout), Arc::clone(&self.dial_timeout));
        let (early, host) = (connector.filter(|_| encrypted), target.host.clone());
        // Active mode waits `connect-timeout` for the server to connect (the mode itself is
        // chosen after login, by `apply_mode`). A passive data connection of an encrypted
        // session begins its TLS handshake at once (see `tls_stream`).
        let mut ftp = ftp.active_mode(self.net.connect_timeout).passive_stream_builder(move |addr| {
            let stream = dial_data(addr, &dial_timeout, &data_timeout)?;
            if let Some(early) = &early {
                early.begin(&host, &stream)?;
            }
            Ok(stream)
        });
        ftp.set_encoding(self.net.charset);
        self.conn = Some(Conn {
            ftp,
            target: target.clone(),
            user: None,
            password: None,
            cwd: None,
            features,
            cache: HashMap::new(),
            no_checksum: false,
            epsv_refused: false,
            no_set_mtime: false,
            no_rest: None,
            protect_later,
            syst: None,
            mlsd_refused: false,
            encrypted,
            secure: cert.map(|cert| super::secure::Secure { cert, data: None }),
        });
        if let Some(conn) = self.conn.as_mut() {
            known.teach(conn);
        }
        Ok(Connected { banner, encrypted })
    }

    /// The control connection as `opts` say: implicit TLS for `ftps://`, else plain and then
    /// upgraded.
    fn open_control(&mut self, target: &Target, opts: &tls::TlsOptions, known: &Known) -> Result<Opened> {
        let mut protect_later = false;
        let use_tls = target.implicit_tls || opts.policy != Policy::Off;
        let tls = match use_tls {
            true => Some(tls::connector(opts).map(|(config, seen)| (Connector::new(config), seen))?),
            false => None,
        };
        let connector = tls.as_ref().map(|(c, _)| c.clone());
        let seen = tls.as_ref().map(|(_, presented)| Arc::clone(presented));
        let stream = self.dial(target)?;
        let (ftp, explicit) = match tls {
            Some((connector, presented)) if target.implicit_tls => {
                let addr = stream.peer_addr().map_err(Error::Connection)?;
                drop(stream);
                let mut ftp = FtpStream::connect_secure_implicit(addr, connector, &target.host)
                    .map_err(|e| self.tls_failure(e, &target.host, &presented))?;
                let _ = ftp.get_ref().set_read_timeout(Some(self.net.io_timeout));
                let _ = ftp.get_ref().set_write_timeout(Some(self.net.io_timeout));
                protect_later = known.protect_later || !protect_data(&mut ftp)?;
                (ftp, None)
            }
            tls => (FtpStream::connect_with_stream(stream)?, tls),
        };
        let banner = ftp.get_welcome_msg().unwrap_or_default().to_string();
        let (ftp, encrypted, features) = match explicit {
            Some((connector, presented)) => {
                self.upgrade(ftp, target, (opts.policy, known.plain), connector, &presented)?
            }
            None => (ftp, target.implicit_tls, BTreeMap::new()),
        };
        let cert = seen.filter(|_| encrypted).map(|p| p.lock().map(|p| p.clone()).unwrap_or_default());
        Ok(Opened { ftp, banner, cert, protect_later, connector, features })
    }

    /// Notes that the server at `authority` (`host:port`) speaks TLS: for the rest of the
    /// session, every connection to it (reconnects, parallel workers) requires TLS unless the
    /// policy is `off`. `crate::login` also notes the servers remembered from earlier sessions.
    pub fn know_tls(&mut self, authority: &str) {
        self.tls_known.insert(authority.to_string());
    }

    /// The TLS policy for a connection to `authority`: the settings' policy, except that `auto`
    /// becomes `required` for a server known to speak TLS (as HSTS does for the web).
    pub fn tls_policy(&self, authority: &str) -> Policy {
        match self.net.tls.policy {
            Policy::Auto if self.tls_known.contains(authority) => Policy::Required,
            policy => policy,
        }
    }

    /// Whether the current connection is encrypted (`None` when there is none).
    pub fn is_encrypted(&self) -> Option<bool> {
        self.conn.as_ref().map(|c| c.encrypted)
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

    /// Explicit FTPS: AUTH TLS when TLS is required, or under `auto` when FEAT says the server
    /// offers it. A plain connection only when the policy is `auto` and the server offers no TLS
    /// (or `plain`: a connection to it stayed plain before, so FEAT is not asked again), or turns
    /// AUTH TLS down before any TLS was spoken (Pure-FTPd announces it even without a
    /// certificate). Returns the FEAT reply of a connection that stays plain, not to ask again.
    fn upgrade(
        &mut self,
        mut ftp: FtpStream,
        target: &Target,
        (policy, plain): (Policy, bool),
        connector: Connector,
        presented: &Arc<Mutex<tls::Presented>>,
    ) -> Result<(FtpStream, bool, BTreeMap<String, Option<String>>)> {
        // `required` asks AUTH TLS at once: whether FEAT announces it changes nothing.
        if policy == Policy::Auto {
            if plain {
                return Ok((ftp, false, BTreeMap::new()));
            }
            let features = ftp.feat().map(|f| f.into_iter().collect()).unwrap_or_default();
            if !offers_tls(&features) {
                return Ok((ftp, false, features));
            }
        }
        let (mut pauses, mut retried) = (HELLO_PAUSES.iter(), false);
        let mut secured = ftp.into_secure(connector.clone(), &target.host);
        // A server that read our TLS hello as a command had not switched to TLS yet after its
        // `234` (ftp-srv, now and then): again on a new connection, giving it a moment first.
        while let (Err(e), Some(pause)) = (&secured, pauses.next())
            && hello_too_early(e)
        {
            let ftp = FtpStream::connect_with_stream(self.dial(target)?)?;
            secured = ftp.into_secure(connector.pausing(*pause), &target.host);
            retried = true;
        }
        match secured {
            Ok(secured) => Ok((secured, true, BTreeMap::new())),
            // The server said no to AUTH TLS itself: nothing was encrypted yet, so `auto` may
            // carry on in plain text (RFC 4217), on a new connection, and says so; not after it
            // had agreed to TLS on the first try.
            Err(FtpError::UnexpectedResponse(r)) if no_handshake(presented) => match policy {
                Policy::Auto if !retried => {
                    Ok((FtpStream::connect_with_stream(self.dial(target)?)?, false, BTreeMap::new()))
                }
                _ => {
                    Err(self.no_tls(target, &format!("turned AUTH TLS down ({})", Reply::from_response(&r))))
                }
            },
            Err(e) => Err(self.tls_failure(e, &target.host, presented)),
        }
    }

    /// Why a server that cannot do TLS is refused: it spoke TLS before (and a server that stops
    /// offering it may be an attacker on the path stripping it), or the policy requires TLS.
    fn no_tls(&self, target: &Target, what: &str) -> Error {
        let (host, authority) = (&target.host, target.authority());
        if !self.tls_known.contains(&authority) {
            return Error::Tls(format!(
                "{host} {what}; not sending a password in clear text (--tls auto allows plain FTP)"
            ));
        }
        Error::Tls(format!(
            "{authority} spoke TLS before but now {what}: someone on the path may be stripping TLS; \
             not sending a password in clear text (if the server really dropped TLS: \
             `known forget {authority}`, or --tls off)"
        ))
    }

    /// The TLS options for a connection to `target`: the settings' plus the certificates
    /// trusted for this server (remembered, or trusted once in this session), with the policy
    /// [`Session::tls_policy`] gives.
    fn tls_options(&self, target: &Target) -> tls::TlsOptions {
        let mut opts = self.net.tls.clone();
        opts.policy = self.tls_policy(&target.authority());
        opts.remembered = opts.remembered.or_else(|| self.remembered.clone());
        opts.once.extend(self.trusted_once.iter().cloned());
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
            "the certificate of {host} is not trusted: {reason}; {fingerprint}, {}; to trust it: --pin {fingerprint}",
            seen.describe()
        );
        Error::Certificate { message, cert: Box::new(seen) }
    }

    /// Closes the connection and opens a new one to the same server (not logged in).
    pub fn reconnect(&mut self) -> Result<Connected> {
        let target = self.conn.as_ref().ok_or(Error::NotConnected)?.target.clone();
        self.connect(&target)
    }

    /// What a second connection needs to log in the same way (for parallel transfers): with
    /// TLS required when this server is known to speak it.
    pub fn login_info(&self) -> Option<Login> {
        let c = self.conn.as_ref()?;
        let plain = !c.encrypted && self.tls_policy(&c.target.authority()) == Policy::Auto;
        Some(Login {
            target: c.target.clone(),
            user: c.user.clone()?,
            password: c.password.clone().unwrap_or_default(),
            cwd: c.cwd.clone(),
            transfer_type: self.transfer_type,
            net: NetSettings { tls: self.tls_options(&c.target), ..self.net.clone() },
            tls_known: self.tls_known.contains(&c.target.authority()),
            known: Known::of(c, plain),
        })
    }

    /// A new session logged in as `login` says, in the same directory with the same settings.
    /// It asks nothing the first session already knows: no FEAT (nor the one before login that
    /// looks for TLS), no SYST, no PWD (one CWD to the absolute directory), and it does not try
    /// again what the server turned down. The TLS policy and the certificate checks are those of
    /// every connection.
    pub fn open(login: &Login) -> Result<Session> {
        let mut s = Session { transfer_type: login.transfer_type, ..Session::default() };
        s.configure(&login.net);
        if login.tls_known {
            s.know_tls(&login.target.authority());
        }
        s.connect_knowing(&login.target, &login.known)?;
        s.sign_in(&login.user, &login.password)?;
        match &login.cwd {
            Some(cwd) => s.enter(cwd)?,
            None => s.refresh_cwd()?,
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

    /// Keeps an idle session alive: a NOOP, bounded by `connect-timeout`. A connection found
    /// dead (before or by the NOOP) is dropped as lost, and the next command revives it.
    pub fn keepalive(&mut self) {
        if !self.is_logged_in() || !self.check_alive() {
            return;
        }
        self.set_timeouts(self.net.connect_timeout.min(self.net.io_timeout));
        let _ = self.call(|ftp| ftp.noop());
        self.set_timeouts(self.net.io_timeout);
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

    /// Whether the control connection is still there, looked at without sending anything (a
    /// non-blocking peek): a connection the server closed (end of file), reset, or said goodbye
    /// on (an unasked `421`, or a TLS alert) while idle is dropped as lost, so that the next
    /// command revives it before sending, and `false` is returned. `false` too when there is
    /// no connection. Pending bytes that are none of these are left to the next reply.
    pub fn check_alive(&mut self) -> bool {
        let Some(conn) = self.conn.as_ref() else { return false };
        let dead = idle_peer_gone(&conn.ftp.get_ref(), conn.encrypted);
        if dead {
            self.lose_connection();
        }
        !dead
    }

    /// After the server closed the connection: connects and logs in again as before, back in
    /// the same directory. `None` when there is nothing to revive (never connected, or closed
    /// by the user); else the server's `host:port` or the error.
    pub fn revive(&mut self) -> Option<Result<String>> {
        let resume = self.lost.take()?;
        let authority = resume.target.authority();
        Some(self.resume(resume).map(|()| authority))
    }

    /// Closes the control connection and opens a new one, logged in as before, in the same
    /// directory (`reset`: whatever was out of step is gone). Returns the server's `host:port`.
    pub fn restart(&mut self) -> Result<String> {
        let resume = self.resume_point().ok_or(Error::NotConnected)?;
        let authority = resume.target.authority();
        self.resume(resume).map(|()| authority)
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

/// Whether the peer of an idle control connection is gone: end of file, an error (a reset), an
/// unasked `421`, or on a TLS connection an alert record (close_notify before the end).
fn idle_peer_gone(socket: &TcpStream, encrypted: bool) -> bool {
    if socket.set_nonblocking(true).is_err() {
        return false;
    }
    let mut head = [0u8; 3];
    let seen = socket.peek(&mut head);
    let _ = socket.set_nonblocking(false);
    match seen {
        Ok(0) => true,
        Ok(_) if encrypted => head[0] == TLS_ALERT,
        Ok(n) => head[..n] == *b"421",
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted),
    }
}

/// The content type of a TLS alert record.
const TLS_ALERT: u8 = 21;

/// How long to wait after `234` before the TLS hello, on each new try after a server read the
/// hello too early.
const HELLO_PAUSES: [Duration; 3] =
    [Duration::from_millis(20), Duration::from_millis(100), Duration::from_millis(500)];

/// Whether a TLS handshake failed because the server answered the hello in clear text: it read
/// it as a command, before it switched the connection to TLS.
fn hello_too_early(e: &FtpError) -> bool {
    let FtpError::ConnectionError(io) = e else { return false };
    let inner = io.get_ref().and_then(|i| i.downcast_ref::<suppaftp::rustls::Error>());
    matches!(
        inner,
        Some(suppaftp::rustls::Error::InvalidMessage(suppaftp::rustls::InvalidMessage::InvalidContentType))
    )
}

/// Whether a FEAT reply offers TLS (`AUTH TLS`).
fn offers_tls(features: &BTreeMap<String, Option<String>>) -> bool {
    features.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("AUTH") && v.as_deref().is_some_and(|v| v.to_ascii_uppercase().contains("TLS"))
    })
}

/// Whether no TLS handshake has begun (the server presented no certificate yet).
fn no_handshake(presented: &Arc<Mutex<tls::Presented>>) -> bool {
    presented.lock().map(|p| p.der.is_empty()).unwrap_or(false)
}

/// Implicit FTPS: PBSZ 0 and PROT P, which suppaftp sends only for explicit FTPS, so that the
/// data connections are encrypted too (vsftpd refuses them otherwise: 522). Some servers take
/// them only after login (aioftp: `503 bad sequence of commands`): then `Ok(false)`, and
/// [`Session::login`] sends them again once logged in.
pub(super) fn protect_data(ftp: &mut FtpStream) -> Result<bool> {
    for command in ["PBSZ 0", "PROT P"] {
        match ftp.custom_command(command, &[Status::CommandOk]) {
            Ok(_) => {}
            Err(FtpError::UnexpectedResponse(r)) if matches!(r.status.code(), 503 | 530) => return Ok(false),
            Err(e) => return Err(Error::Tls(format!("{command}: {}", Error::from(e)))),
        }
    }
    Ok(true)
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

/// Opens a passive data connection within `connect-timeout` (`dial_ms`, and never longer than
/// the current wait limit `wait_ms`); reads and writes on it are bounded by the wait limit.
fn dial_data(addr: SocketAddr, dial_ms: &AtomicU64, wait_ms: &AtomicU64) -> suppaftp::FtpResult<TcpStream> {
    let millis = |ms: &AtomicU64| Duration::from_millis(ms.load(Ordering::Relaxed).max(1));
    let limit = millis(wait_ms);
    let s =
        TcpStream::connect_timeout(&addr, limit.min(millis(dial_ms))).map_err(FtpError::ConnectionError)?;
    s.set_read_timeout(Some(limit)).map_err(FtpError::ConnectionError)?;
    s.set_write_timeout(Some(limit)).map_err(FtpError::ConnectionError)?;
    Ok(s)
}
