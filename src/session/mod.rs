//! The FTP session: one control connection (suppaftp) and its state — host, user, remote
//! directory, transfer type, data-connection mode, server features.
//!
//! Protocol operations return data or typed errors; this module never prints. A broken control
//! connection is detected here, in one place (`Session::call`), and marks the session disconnected.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use suppaftp::types::FileType;
use suppaftp::{FtpError, Mode, Status, TlsStream, TransferStream};

mod connect;
mod data;
mod replies;
mod secure;
mod tls_stream;
mod watchdog;

pub use connect::{Connected, Login};
pub use data::Data;
pub use secure::Secure;

use tls_stream::FtpStream;

use crate::address::Target;
use crate::charset::Charset;
use crate::checksum;
use crate::config::settings::NetSettings;
use crate::error::{Error, Reply, Result};
use crate::listing::{self, Budget, Dialect, Line, LineParser, Listing, MEMORY_MAX, Reader, heap};

/// The most bytes of one listing ftpsh reads (about two million typical entries). What it keeps
/// of them in memory is bounded apart, by [`MEMORY_MAX`].
pub const LISTING_MAX: u64 = 128 << 20;
/// How long a cached directory listing is trusted.
const CACHE_TTL: Duration = Duration::from_secs(20);

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
    ftp: FtpStream,
    target: Target,
    user: Option<String>,
    /// Kept in memory only, to log in again after a quiet reconnect.
    password: Option<String>,
    cwd: Option<String>,
    features: BTreeMap<String, Option<String>>,
    /// The server refused or garbled the checksum it announced: do not ask again.
    no_checksum: bool,
    /// The server turned EPSV down although it announced it: PASV from then on.
    epsv_refused: bool,
    /// The server can set no modification times (no MFMT, no SITE UTIME).
    no_set_mtime: bool,
    /// The server refused REST (its reply): downloads start over instead of resuming.
    no_rest: Option<Reply>,
    /// Implicit TLS whose PBSZ/PROT the server refused before login: sent again after it.
    protect_later: bool,
    /// The SYST reply, a hint for reading LIST lines: asked once, for the first LIST read in the
    /// `auto` listing format (`None`: not asked yet; `Some(None)`: no usable answer).
    syst: Option<Option<String>>,
    /// The server turned MLSD down although it announced MLST: LIST from then on.
    mlsd_refused: bool,
    /// Parsed listings by absolute directory path, with the time they were fetched; stale ones
    /// are dropped whenever one is added.
    cache: HashMap<String, (Instant, Arc<Listing>)>,
    /// Whether the control connection (and so every data connection) uses TLS.
    encrypted: bool,
    /// What `status` says about TLS, when it is used.
    secure: Option<secure::Secure>,
}

impl Conn {
    /// Whether data connections use EPSV: announced, and not turned down since.
    fn epsv(&self) -> bool {
        self.features.contains_key("EPSV") && !self.epsv_refused
    }
}

/// How an upload writes the remote file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// STOR: create or replace.
    Replace,
    /// REST OFFSET + STOR: continue a partial file.
    At(u64),
    /// APPE: add to the end.
    Append,
}

/// The session the shell talks to. Settings (type, passive) survive reconnects.
pub struct Session {
    conn: Option<Conn>,
    /// What connections use (from the resolved settings; see [`Session::configure`]).
    net: NetSettings,
    /// The certificate remembered for the server being connected to (trusted "always").
    pub remembered: Option<String>,
    /// Certificates the user trusted once in this session.
    pub trusted_once: Vec<String>,
    /// Servers (`host:port`) known to speak TLS: those that spoke it in this session and those
    /// remembered from earlier ones. With the `auto` policy they get TLS or nothing.
    tls_known: BTreeSet<String>,
    /// How to get back a connection the server closed (not one the user closed).
    lost: Option<connect::Resume>,
    /// The current limit on one wait in milliseconds (`timeout`, or a tighter bound such as
    /// `completion-timeout`), shared with the passive connection builder.
    data_timeout: Arc<AtomicU64>,
    /// How long opening a data connection may take, in milliseconds (`connect-timeout`), shared
    /// with the passive connection builder.
    dial_timeout: Arc<AtomicU64>,
    /// Bounds each reply by a deadline and answers Ctrl-C during any wait.
    watchdog: watchdog::Watchdog,
    /// The transfer type applied after login and by `ascii`/`binary`.
    pub transfer_type: TransferType,
}

impl Default for Session {
    fn default() -> Self {
        let net = NetSettings::default();
        Session {
            conn: None,
            data_timeout: Arc::new(AtomicU64::new(net.io_timeout.as_millis() as u64)),
            dial_timeout: Arc::new(AtomicU64::new(net.connect_timeout.as_millis() as u64)),
            watchdog: watchdog::Watchdog::default(),
            net,
            remembered: None,
            trusted_once: Vec::new(),
            tls_known: BTreeSet::new(),
            lost: None,
            transfer_type: TransferType::Binary,
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

    /// The current connection as a target: server, user and remote directory, and the
    /// password only when `with_password`.
    pub fn current_target(&self, with_password: bool) -> Option<Target> {
        let c = self.conn.as_ref()?;
        Some(Target {
            user: c.user.clone(),
            password: c.password.clone().filter(|_| with_password),
            path: c.cwd.clone(),
            ..c.target.clone()
        })
    }

    /// `host:port` of the current connection.
    pub fn authority(&self) -> Option<String> {
        self.conn.as_ref().map(|c| c.target.authority())
    }

    /// The logged-in user.
    pub fn user(&self) -> Option<&str> {
        self.conn.as_ref().and_then(|c| c.user.as_deref())
    }

    /// The remote working directory as last reported by the server.
    pub fn cwd(&self) -> Option<&str> {
        self.conn.as_ref().and_then(|c| c.cwd.as_deref())
    }

    /// Logs in, then applies the session settings (transfer type, UTF-8, data mode) and asks
    /// where it landed (PWD).
    pub fn login(&mut self, user: &str, password: &str) -> Result<()> {
        self.sign_in(user, password)?;
        self.refresh_cwd()
    }

    /// Logs in and applies the session settings: transfer type, UTF-8, data mode. FEAT is asked
    /// unless the connection already knows the features (from the FEAT that looked for TLS on a
    /// connection that stayed plain, or from the session a worker was opened from). The working
    /// directory is not asked: [`Session::refresh_cwd`] or [`Session::cd`] comes next.
    pub fn sign_in(&mut self, user: &str, password: &str) -> Result<()> {
        self.call(|ftp| ftp.login(user, password)).map_err(|e| match e {
            Error::Server(reply) => Error::Login(reply),
            other => other,
        })?;
        let utf8 = self.net.charset == Charset::Utf8;
        let conn = self.conn_mut()?;
        if std::mem::take(&mut conn.protect_later) && !connect::protect_data(&mut conn.ftp)? {
            return Err(Error::Tls("the server refused PBSZ/PROT before and after login".into()));
        }
        conn.user = Some(user.to_string());
        conn.password = Some(password.to_string());
        if conn.features.is_empty() {
            conn.features = conn.ftp.feat().map(|f| f.into_iter().collect()).unwrap_or_default();
        }
        if conn.features.contains_key("UTF8") && utf8 {
            let _ = conn.ftp.opts("UTF8", Some("ON"));
        }
        self.apply_mode();
        self.set_type(self.transfer_type)
    }

    /// Sends QUIT and forgets the connection, without waiting for the server's goodbye: it
    /// would cost a round trip and say nothing (every transfer's own reply was read before).
    pub fn close(&mut self) {
        self.lost = None;
        if let Some(mut conn) = self.conn.take() {
            let _ = conn.ftp.get_ref().set_read_timeout(Some(Duration::from_millis(1)));
            let _ = conn.ftp.quit();
        }
    }

    /// Sets the transfer type locally and, when connected, on the server.
    pub fn set_type(&mut self, ty: TransferType) -> Result<()> {
        if self.is_logged_in() {
            match ty {
                // suppaftp sends "TYPE A N", which some servers (pyftpdlib) reject; send plain "TYPE A".
                TransferType::Ascii => self.command_expect("TYPE A", &[Status::CommandOk]).map(drop)?,
                TransferType::Binary => self.call(|ftp| ftp.transfer_type(FileType::Binary))?,
            }
        }
        self.transfer_type = ty;
        Ok(())
    }

    /// Takes the connection settings (data mode, timeouts, TLS, retries) in force from now on.
    pub fn configure(&mut self, net: &NetSettings) {
        let charset = net.charset;
        if let Some(conn) = self.conn.as_mut().filter(|_| self.net.charset != charset) {
            conn.ftp.set_encoding(charset);
            conn.cache.clear();
        }
        self.net = net.clone();
        self.dial_timeout.store(net.connect_timeout.as_millis() as u64, std::sync::atomic::Ordering::Relaxed);
        self.apply_mode();
        self.set_timeouts(self.net.io_timeout);
    }

    /// The connection settings in force.
    pub fn net(&self) -> &NetSettings {
        &self.net
    }

    fn apply_mode(&mut self) {
        let (passive, trust) = (self.net.passive, self.net.trust_pasv_address);
        if let Some(conn) = self.conn.as_mut() {
            // EPSV when the server announces it (required over IPv6), else PASV with the
            // control peer's address instead of the one in the reply.
            let mode = match (passive, conn.epsv()) {
                (false, _) => Mode::Active,
                (true, true) => Mode::ExtendedPassive,
                (true, false) => Mode::Passive,
            };
            conn.ftp.set_mode(mode);
            // Like curl since CVE-2020-8284: a PASV reply cannot send us to another host.
            conn.ftp.set_passive_nat_workaround(!trust);
        }
    }

    /// The server's FEAT list, sorted by name.
    pub fn features(&mut self) -> Result<Vec<(String, Option<String>)>> {
        let conn = self.conn_mut()?;
        Ok(conn.features.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
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

    /// CWD (without a trailing slash, which some servers keep in PWD), then PWD to learn where
    /// we are.
    pub fn cd(&mut self, path: &str) -> Result<()> {
        let path = match path.trim_end_matches('/') {
            "" if path.starts_with('/') => "/",
            "" => path,
            trimmed => trimmed,
        };
        self.call(|ftp| ftp.cwd(path))?;
        self.refresh_cwd()
    }

    /// CWD to `dir`, an absolute directory the server named before (in a PWD reply), taken as
    /// the working directory without asking PWD again.
    fn enter(&mut self, dir: &str) -> Result<()> {
        self.call(|ftp| ftp.cwd(dir))?;
        self.conn_mut()?.cwd = Some(dir.to_string());
        Ok(())
    }

    /// CDUP, then PWD.
    pub fn cdup(&mut self) -> Result<()> {
        self.call(|ftp| ftp.cdup())?;
        self.refresh_cwd()
    }

    /// LIST: the server's raw listing lines (within [`MEMORY_MAX`]).
    pub fn list(&mut self, path: Option<&str>) -> Result<Vec<String>> {
        self.collect("LIST", path)
    }

    /// NLST: names only (within [`MEMORY_MAX`]).
    pub fn nlst(&mut self, path: Option<&str>) -> Result<Vec<String>> {
        self.collect("NLST", path)
    }

    /// LIST with `flags` for the server's `ls` (`-la`; `""` for none).
    fn list_command(flags: &str) -> String {
        if flags.is_empty() { "LIST".to_string() } else { format!("LIST {flags}") }
    }

    /// LIST with `flags` (see [`Session::list_parsed`]), handing each line to `each` as it
    /// arrives (nothing is kept).
    pub fn list_each(
        &mut self,
        flags: &str,
        path: Option<&str>,
        each: impl FnMut(&str) -> Result<()>,
    ) -> Result<()> {
        self.listing(&Self::list_command(flags), path, each)
    }

    /// NLST, handing each name to `each` as it arrives (nothing is kept).
    pub fn nlst_each(&mut self, path: Option<&str>, each: impl FnMut(&str) -> Result<()>) -> Result<()> {
        self.listing("NLST", path, each)
    }

    /// LIST parsed, keeping the lines not understood too (to show them); within [`MEMORY_MAX`].
    /// `flags` go to the server's `ls` as they are (`-la`, as BSD ftp sends them; `""` for none).
    pub fn list_parsed(&mut self, flags: &str, path: Option<&str>) -> Result<Listing> {
        self.read_listing(&Self::list_command(flags), path, false, true)
    }

    /// A directory's lines parsed, handed to `each` as they arrive (entries, and the lines not
    /// understood as [`Line::Raw`]; known noise dropped): LIST with `flags` when there are
    /// any, else MLSD or LIST as [`Session::entries`] chooses. Nothing is kept.
    pub fn dir_lines(
        &mut self,
        flags: &str,
        path: Option<&str>,
        mut each: impl FnMut(Line) -> Result<()>,
    ) -> Result<()> {
        let mut run = |s: &mut Session, command: &str, mlsd: bool| {
            let mut parser = s.line_parser(mlsd);
            s.listing(command, path, |l| parser.read(l).try_for_each(&mut each))?;
            parser.finish().map_or(Ok(()), &mut each)
        };
        if flags.is_empty() { self.with_mlsd(run) } else { run(self, &Self::list_command(flags), false) }
    }

    /// The lines of a listing command, kept within [`MEMORY_MAX`].
    fn collect(&mut self, command: &str, path: Option<&str>) -> Result<Vec<String>> {
        let (mut lines, mut budget) = (Vec::new(), Budget::new(MEMORY_MAX));
        self.listing(command, path, |l| {
            budget.push(&mut lines, l.to_string(), heap(l.len())).map_err(too_big)
        })?;
        Ok(lines)
    }

    /// A listing command's lines read into a [`Listing`] within [`MEMORY_MAX`] (see
    /// [`Reader::new`] for `mlsd` and `keep_raw`).
    fn read_listing(
        &mut self,
        command: &str,
        path: Option<&str>,
        mlsd: bool,
        keep_raw: bool,
    ) -> Result<Listing> {
        let (format, syst) = self.dialect_hint(mlsd);
        let mut reader = Reader::new(mlsd, keep_raw, MEMORY_MAX).format(format, syst.as_deref());
        self.listing(command, path, |l| reader.line(l).map_err(too_big))?;
        Ok(reader.finish())
    }

    /// How LIST lines are read (`set listing-format`) and, in `auto`, the server's SYST reply
    /// (nothing for MLSD).
    fn dialect_hint(&mut self, mlsd: bool) -> (Dialect, Option<String>) {
        let format = self.net.listing_format;
        (format, if mlsd || format != Dialect::Auto { None } else { self.syst() })
    }

    /// A streaming parser of a listing read as [`Session::dialect_hint`] says.
    fn line_parser(&mut self, mlsd: bool) -> LineParser {
        let (format, syst) = self.dialect_hint(mlsd);
        LineParser::new(mlsd, format, syst.as_deref())
    }

    /// The server's SYST reply, asked once per connection; `None` when it gives none.
    fn syst(&mut self) -> Option<String> {
        if let Some(known) = self.conn.as_ref()?.syst.clone() {
            return known;
        }
        let text = self.raw("SYST").ok().map(|r| r.text);
        if let Some(conn) = self.conn.as_mut() {
            conn.syst = Some(text.clone());
        }
        text
    }

    /// Runs a listing command and hands its lines to `each`. A path with blanks or glob
    /// characters (`*?[{~`) is listed from inside when it is a directory (CWD there, a listing
    /// without a path, CWD back), as curl and lftp do: servers that hand the path to `ls` (GNU
    /// inetutils, netkit) would split or expand it. Otherwise, or when the server will not let
    /// ftpsh in, by path.
    fn listing(
        &mut self,
        command: &str,
        path: Option<&str>,
        mut each: impl FnMut(&str) -> Result<()>,
    ) -> Result<()> {
        if let Some(p) = path.filter(|p| inside_first(p))
            && let Some(back) = self.cwd().map(str::to_string)
        {
            match self.inside(&self.absolute(p), &back, |s| s.listing_here(command, None, &mut each)) {
                Err(Error::Server(_)) => {}
                other => return other,
            }
        }
        self.listing_here(command, path, each)
    }

    /// Runs a listing command as it is and hands its lines to `each`, at most [`LISTING_MAX`]
    /// bytes of them, so a server cannot keep ftpsh reading for ever. Blank lines are dropped.
    /// When `each` fails, reading stops and the data connection is closed (no ABOR, as for
    /// downloads).
    fn listing_here(
        &mut self,
        command: &str,
        path: Option<&str>,
        mut each: impl FnMut(&str) -> Result<()>,
    ) -> Result<()> {
        let line = match path {
            Some(p) => format!("{command} {p}"),
            None => command.to_string(),
        };
        let (_, mut stream) = self
            .open_data(|ftp| ftp.custom_data_command(&line, &[Status::AboutToSend, Status::AlreadyOpen]))?;
        let data = data_socket(&stream);
        let charset = self.net.charset;
        let read =
            self.guarded(None, &data, true, || read_lines(&mut stream, charset, LISTING_MAX, &mut each));
        self.note_data_tls(stream.get_mut());
        self.finish_transfer(read, data, false, || stream.finish())
    }

    /// MKD.
    pub fn mkdir(&mut self, path: &str) -> Result<()> {
        self.changed(path);
        self.call(|ftp| ftp.mkdir(path))
    }

    /// RMD.
    pub fn rmdir(&mut self, path: &str) -> Result<()> {
        self.changed(path);
        self.call(|ftp| ftp.rmdir(path))
    }

    /// DELE.
    pub fn delete(&mut self, path: &str) -> Result<()> {
        self.changed(path);
        self.call(|ftp| ftp.rm(path))
    }

    /// RNFR + RNTO.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        self.changed(from);
        self.changed(to);
        self.call(|ftp| ftp.rename(from, to))
    }

    /// SIZE, in bytes. A reply that is not a plain number is [`Error::Unreadable`]: the size is
    /// unknown (never guessed) and the connection stays as it is.
    pub fn size(&mut self, path: &str) -> Result<u64> {
        let reply = self.command_expect(&format!("SIZE {path}"), &[Status::File])?;
        replies::size(&reply.text).ok_or(Error::Unreadable { command: "SIZE", reply })
    }

    /// SIZE, or `None` when the server cannot say (or says something ftpsh cannot read).
    pub fn size_opt(&mut self, path: &str) -> Option<u64> {
        self.size(path).ok()
    }

    /// MDTM as a time, or `None` when the server cannot say (or gives an impossible date).
    pub fn mtime(&mut self, path: &str) -> Option<SystemTime> {
        let t = self.mdtm(path).ok()?;
        let secs = u64::try_from(t.and_utc().timestamp()).ok()?;
        Some(UNIX_EPOCH + Duration::from_secs(secs))
    }

    /// MDTM, in UTC. A reply that is not a possible date is [`Error::Unreadable`], and the
    /// connection stays as it is.
    fn mdtm(&mut self, path: &str) -> Result<chrono::NaiveDateTime> {
        let reply = self.command_expect(&format!("MDTM {path}"), &[Status::File])?;
        replies::mdtm(&reply.text).ok_or(Error::Unreadable { command: "MDTM", reply })
    }

    /// Sets a remote file's modification time: MFMT where the server announces it, else SITE
    /// UTIME (ProFTPD's form). `Ok(false)` when the server can do neither (then not asked again).
    pub fn set_mtime(&mut self, path: &str, time: SystemTime) -> Result<bool> {
        let conn = self.conn_mut()?;
        if conn.no_set_mtime {
            return Ok(false);
        }
        let stamp = utc_stamp(time);
        let mfmt = conn.features.contains_key("MFMT");
        let command =
            if mfmt { format!("MFMT {stamp} {path}") } else { format!("SITE UTIME {stamp} {path}") };
        match self.raw(&command) {
            Ok(_) => Ok(true),
            Err(Error::Server(r)) if (500..=504).contains(&r.code) || (!mfmt && r.code >= 500) => {
                self.conn_mut()?.no_set_mtime = true;
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// The server's refusal of REST, when it refused it in this session.
    pub fn rest_refused(&self) -> Option<&Reply> {
        self.conn.as_ref().and_then(|c| c.no_rest.as_ref())
    }

    /// Remembers that the server refused REST with `reply`: no resume asks again.
    pub fn refuse_rest(&mut self, reply: Reply) {
        if let Some(conn) = self.conn.as_mut() {
            conn.no_rest = Some(reply);
        }
    }

    /// Whether FEAT announced `name` (e.g. `REST`, `MLST`).
    pub fn has_feature(&self, name: &str) -> bool {
        self.conn.as_ref().is_some_and(|c| c.features.contains_key(name))
    }

    /// The strongest checksum the server offers, if any (and it has not refused it before).
    pub fn checksum_method(&self) -> Option<checksum::Method> {
        self.conn.as_ref().filter(|c| !c.no_checksum).and_then(|c| checksum::choose(&c.features))
    }

    /// Asks the server for the checksum of `path`; `None` when it cannot give one after all
    /// (some servers announce a command they refuse to some users), and then it is not asked again.
    pub fn checksum(&mut self, method: &checksum::Method, path: &str) -> Result<Option<String>> {
        let asked = match &method.setup {
            Some(setup) => self.raw(setup).and_then(|_| self.raw(&format!("{} {path}", method.command))),
            None => self.raw(&format!("{} {path}", method.command)),
        };
        let sum = match asked {
            Ok(reply) => checksum::parse_reply(method.algo, &reply.text),
            Err(Error::Server(r)) if r.code >= 500 => None,
            Err(e) => return Err(e),
        };
        if sum.is_none() {
            self.conn_mut()?.no_checksum = true;
        }
        Ok(sum)
    }

    /// MDTM, as `YYYY-MM-DD HH:MM:SS` UTC.
    pub fn modtime(&mut self, path: &str) -> Result<String> {
        self.mdtm(path).map(|t| format!("{} UTC", t.format("%Y-%m-%d %H:%M:%S")))
    }

    /// The listing of a remote directory (`""` for the working directory): from the cache when
    /// fresh, else fetched as [`Session::read_dir`] does (by path, else from inside), with MLSD
    /// when the server announces it, LIST otherwise.
    pub fn entries(&mut self, dir: &str) -> Result<Arc<Listing>> {
        if let Some(listing) = self.cached(dir) {
            return Ok(listing);
        }
        let key = self.absolute(dir);
        let listing = self.read_dir(&key)?;
        self.cache_listing(&key, listing)
    }

    /// The listing of the directory `dir` when a fresh one is cached; nothing is asked.
    pub fn cached(&self, dir: &str) -> Option<Arc<Listing>> {
        let (at, listing) = self.conn.as_ref()?.cache.get(&self.absolute(dir))?;
        (at.elapsed() < CACHE_TTL).then(|| Arc::clone(listing))
    }

    /// The names in the directory `dir`, without their kinds: NLST, which many servers answer
    /// much faster than LIST (vsftpd: 3.7 times as fast for 50,000 entries). Of the working
    /// directory as it is, else from inside `dir` (CWD there and back), since servers answer
    /// NLST of a path with `path/name` (vsftpd) or with bare names. Within [`MEMORY_MAX`].
    pub fn names(&mut self, dir: &str) -> Result<Vec<String>> {
        let path = self.absolute(dir);
        let back = self.cwd().map(str::to_string).ok_or(Error::NotConnected)?;
        if self.absolute(&back) == path {
            self.nlst(None)
        } else {
            self.inside(&path, &back, |s| s.nlst(None))
        }
    }

    /// Keeps `listing` as the fresh listing of the directory `dir` (fetched elsewhere: by the
    /// completer's background load), for [`Session::entries`].
    pub fn cache_listing(&mut self, dir: &str, listing: Listing) -> Result<Arc<Listing>> {
        let key = self.absolute(dir);
        let listing = Arc::new(listing);
        let cache = &mut self.conn_mut()?.cache;
        cache.retain(|_, (at, _)| at.elapsed() < CACHE_TTL);
        cache.insert(key, (Instant::now(), Arc::clone(&listing)));
        Ok(listing)
    }

    /// The listing of the directory `dir` for a tree walk, fetched afresh and not cached. When
    /// the listing by path comes back empty, not fully understood or refused, the directory is
    /// listed once more from inside (CWD there, a listing without a path, CWD back), as curl and
    /// lftp list: servers that hand the path to `ls` break on spaces in it, and some list
    /// nothing for a path they cannot read. If the server will not let ftpsh in, the first
    /// answer stands, except that an empty listing then becomes the refusal: an empty directory
    /// is one that can be entered. (A path such servers would split or expand is listed from
    /// inside straight away, by the listing itself.)
    pub fn read_dir(&mut self, dir: &str) -> Result<Listing> {
        let path = self.absolute(dir);
        let Some(back) = self.cwd().map(str::to_string) else { return self.fetch_dir(Some(&path)) };
        let first = self.fetch_dir(Some(&path));
        match &first {
            Ok(l) if l.is_complete() && (!l.entries.is_empty() || inside_first(&path)) => return first,
            Ok(_) | Err(Error::Server(_)) => {}
            Err(_) => return first,
        }
        match (self.inside(&path, &back, |s| s.fetch_dir(None)), first) {
            (Err(Error::Server(refused)), Ok(l)) if l.is_complete() && l.entries.is_empty() => {
                Err(Error::Server(refused))
            }
            (Err(Error::Server(_)), first) => first,
            (inside, _) => inside,
        }
    }

    /// Whether the server lets ftpsh into the directory `path` (CWD there and back): a
    /// refusal is `false`, whatever its code.
    pub fn enterable(&mut self, path: &str) -> Result<bool> {
        let path = self.absolute(path);
        let back = self.cwd().map(str::to_string).ok_or(Error::NotConnected)?;
        match self.inside(&path, &back, |_| Ok(())) {
            Ok(()) => Ok(true),
            Err(Error::Server(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Runs `op` inside `path`: CWD there, `op`, CWD `back` (the working directory). A session
    /// that cannot get back is dropped (as lost: it comes back in its directory), never left
    /// somewhere else.
    fn inside<T>(&mut self, path: &str, back: &str, op: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        self.call(|ftp| ftp.cwd(path))?;
        let done = op(self);
        if let Err(e) = self.call(|ftp| ftp.cwd(back)) {
            self.lose_connection();
            let why = format!("could not return to {back} after listing {path}: {e}");
            return Err(Error::Connection(std::io::Error::other(why)));
        }
        done
    }

    /// A directory's listing by path (or the working directory's, for `None`): MLSD when the
    /// server announces it (see [`Session::uses_mlsd`]), LIST otherwise; within [`MEMORY_MAX`].
    fn fetch_dir(&mut self, path: Option<&str>) -> Result<Listing> {
        self.with_mlsd(|s, command, mlsd| s.read_listing(command, path, mlsd, false))
    }

    /// Runs a directory listing with MLSD where the server announces it, else (and when it
    /// turns MLSD down with 500 or 502 after all, which is then remembered) with LIST. `run`
    /// gets the command and whether it is MLSD.
    fn with_mlsd<T>(&mut self, mut run: impl FnMut(&mut Session, &str, bool) -> Result<T>) -> Result<T> {
        if self.uses_mlsd() {
            match run(self, "MLSD", true) {
                Err(Error::Server(r)) if matches!(r.code, 500 | 502) => self.conn_mut()?.mlsd_refused = true,
                other => return other,
            }
        }
        run(self, "LIST", false)
    }

    /// Whether directory listings use MLSD: announced (FEAT MLST), and not turned down since.
    pub fn uses_mlsd(&self) -> bool {
        self.conn.as_ref().is_some_and(|c| c.features.contains_key("MLST") && !c.mlsd_refused)
    }

    /// `path` made absolute against the remote working directory, without empty or `.`
    /// components or a trailing slash (`//a/./b/` is `/a/b`): one name per directory, for the
    /// cache and for tree walks.
    pub fn absolute(&self, path: &str) -> String {
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{path}", self.cwd().unwrap_or(""))
        };
        let parts: Vec<&str> = joined.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
        let lead = if joined.starts_with('/') || parts.is_empty() { "/" } else { "" };
        format!("{lead}{}", parts.join("/"))
    }

    /// Forgets the cached listing of `dir`, so the next [`Session::entries`] asks the server.
    pub fn forget(&mut self, dir: &str) {
        let key = self.absolute(dir);
        if let Some(conn) = self.conn.as_mut() {
            conn.cache.remove(&key);
        }
    }

    /// Forgets cached listings that a change to `path` makes stale: its directory and itself.
    fn changed(&mut self, path: &str) {
        let abs = self.absolute(path);
        let parent = match abs.rsplit_once('/') {
            Some(("", _)) | None => "/".to_string(),
            Some((p, _)) => p.to_string(),
        };
        if let Some(conn) = self.conn.as_mut() {
            conn.cache.remove(&abs);
            conn.cache.remove(&parent);
        }
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
            self.lose_connection();
        }
        if reply.is_ok() { Ok(reply) } else { Err(Error::Server(reply)) }
    }

    fn command_expect(&mut self, command: &str, expect: &[Status]) -> Result<Reply> {
        self.call(|ftp| ftp.custom_command(command, expect)).map(|r| Reply::from_response(&r))
    }

    /// Downloads `path` from byte `offset` on (REST), handing the data connection to `consume`.
    /// If `consume` fails the data connection is closed without ABOR (the safe cancel) and its
    /// error is returned.
    pub fn retrieve<T>(
        &mut self,
        path: &str,
        offset: u64,
        consume: impl FnOnce(&mut Data<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut stream = self.open_data(|ftp| {
            if offset > 0 {
                ftp.resume_transfer(offset as usize)?;
            }
            ftp.retr_as_stream(path)
        })?;
        let data = data_socket(&stream);
        let result = self.guarded(None, &data, true, || consume(&mut Data::new(&mut stream)));
        self.note_data_tls(stream.get_mut());
        self.finish_transfer(result, data, false, || stream.finish())
    }

    /// Uploads to `path` as `how` says, letting `produce` write the data connection.
    pub fn store<T>(
        &mut self,
        path: &str,
        how: Store,
        produce: impl FnOnce(&mut Data<'_>) -> Result<T>,
    ) -> Result<T> {
        self.changed(path);
        let mut stream = self.open_data(|ftp| match how {
            Store::Append => ftp.append_with_stream(path),
            Store::At(offset) => {
                ftp.resume_transfer(offset as usize)?;
                ftp.put_with_stream(path)
            }
            Store::Replace => ftp.put_with_stream(path),
        })?;
        let data = data_socket(&stream);
        let result = self.guarded(None, &data, true, || {
            produce(&mut Data::new(&mut stream))
                .and_then(|v| stream.flush().map(|_| v).map_err(Error::Connection))
        });
        self.note_data_tls(stream.get_mut());
        let drained = self.conn.as_ref().is_some_and(|c| c.encrypted);
        self.finish_transfer(result, data, drained, || stream.finish())
    }

    /// Opens a data connection with `open`. EPSV comes first; when the server turns it down
    /// (500 or 502), the session falls back to PASV for good and tries once more, unless PASV
    /// gets the same refusal: then it was the command that was refused, and EPSV stays.
    fn open_data<S>(&mut self, open: impl Fn(&mut FtpStream) -> suppaftp::FtpResult<S>) -> Result<S> {
        let epsv = self.conn.as_ref().is_some_and(|c| self.net.passive && c.epsv());
        match self.call(&open) {
            Err(Error::Server(r)) if epsv && matches!(r.code, 500 | 502) => {
                self.conn_mut()?.epsv_refused = true;
                self.apply_mode();
                let again = self.call(&open);
                if let (Err(Error::Server(a)), Some(c)) = (&again, self.conn.as_mut())
                    && a.code == r.code
                {
                    c.epsv_refused = false;
                    self.apply_mode();
                }
                again
            }
            other => other,
        }
    }

    /// Completes a data transfer (closing the data connection, draining it after a TLS upload,
    /// reading the completion reply) within one deadline, however slowly the server trickles.
    /// After a Ctrl-C it gets a second, so the control connection is kept when the server answers
    /// at once, and a second Ctrl-C is not needed. Our handle on the data connection is let go
    /// first, so that closing it really closes it, except while a TLS upload is drained (which
    /// half-closes it itself) and may need cutting.
    fn finish_transfer<T>(
        &mut self,
        result: Result<T>,
        data: Option<TcpStream>,
        drained: bool,
        finish: impl FnOnce() -> suppaftp::FtpResult<()>,
    ) -> Result<T> {
        let data = data.filter(|_| drained);
        let interrupted = matches!(result, Err(Error::Interrupted));
        let limit =
            if interrupted { self.wait_limit().min(Duration::from_secs(1)) } else { self.wait_limit() };
        let finished = self.guarded(Some(limit), &data, !interrupted, || Ok(finish()));
        drop(data);
        self.settle(result, finished)
    }

    /// The outcome of a data transfer: the copy's error first, else the completion reply's. The
    /// completion reply is always looked at, so a control connection that died meanwhile is
    /// noticed (and can be revived) even when the copy already failed.
    fn settle<T>(&mut self, copied: Result<T>, finished: Result<suppaftp::FtpResult<()>>) -> Result<T> {
        let finished = finished.and_then(|f| f.map_err(|e| self.fail(e)));
        let value = copied?;
        finished?;
        Ok(value)
    }

    /// The current limit on one wait.
    fn wait_limit(&self) -> Duration {
        Duration::from_millis(self.data_timeout.load(std::sync::atomic::Ordering::Relaxed).max(1))
    }

    /// Runs `op` on the data connection with the watchdog armed over it (and over the control
    /// connection when there is a `limit`): Ctrl-C (when `on_interrupt`) cuts it at once, the
    /// limit is a deadline for the whole of `op`. A cut turns the outcome into `Interrupted` or a timeout, and a cut
    /// control connection is given up.
    fn guarded<T>(
        &mut self,
        limit: Option<Duration>,
        data: &Option<TcpStream>,
        on_interrupt: bool,
        op: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let mut sockets: Vec<TcpStream> = data.iter().filter_map(|s| s.try_clone().ok()).collect();
        if limit.is_some() {
            sockets.extend(self.control_socket());
        }
        self.watchdog.arm(limit, sockets, on_interrupt);
        let result = op();
        match self.watchdog.disarm() {
            None => result,
            Some(fired) => Err(self.cut(fired, limit.is_some())),
        }
    }

    /// A clone of the control connection's socket, for the watchdog.
    fn control_socket(&self) -> Option<TcpStream> {
        self.conn.as_ref().and_then(|c| c.ftp.get_ref().try_clone().ok())
    }

    /// The error for a wait the watchdog cut; the control connection is gone when it was cut.
    fn cut(&mut self, fired: watchdog::Fired, control: bool) -> Error {
        if control {
            self.lose_connection();
        }
        match fired {
            watchdog::Fired::Interrupt => Error::Interrupted,
            watchdog::Fired::Deadline => Error::Timeout {
                what: "a reply from the server",
                setting: "timeout",
                secs: self.wait_limit().as_secs().max(1),
            },
        }
    }

    fn conn_mut(&mut self) -> Result<&mut Conn> {
        self.conn.as_mut().ok_or(Error::NotConnected)
    }

    /// Runs one protocol operation; a broken connection (or 421) marks the session disconnected.
    /// The reply has one deadline (the current limit) however slowly it comes, and Ctrl-C ends
    /// the wait at once; either drops the connection.
    fn call<T>(&mut self, op: impl FnOnce(&mut FtpStream) -> suppaftp::FtpResult<T>) -> Result<T> {
        let limit = self.wait_limit();
        let control = self.control_socket();
        let conn = self.conn.as_mut().ok_or(Error::NotConnected)?;
        self.watchdog.arm(Some(limit), control.into_iter().collect(), true);
        let result = op(&mut conn.ftp);
        match self.watchdog.disarm() {
            None => result.map_err(|e| self.fail(e)),
            Some(fired) => Err(self.cut(fired, true)),
        }
    }

    fn fail(&mut self, e: FtpError) -> Error {
        let err = match e {
            FtpError::ConnectionError(io) if io.kind() != std::io::ErrorKind::InvalidInput => {
                Error::from_io(io, "a reply from the server", "timeout", self.net.io_timeout)
            }
            other => Error::from(other),
        };
        // A reply that is not FTP leaves the control connection out of step: start afresh.
        let garbled = matches!(err, Error::Ftp(FtpError::BadResponse));
        let lost = err.is_disconnect() || garbled || matches!(&err, Error::Server(r) if r.code == 421);
        if lost {
            self.lose_connection();
        }
        err
    }

    /// Forgets a connection the server closed, remembering how to get it back.
    fn lose_connection(&mut self) {
        if self.conn.is_some() {
            self.lost = self.resume_point();
            self.conn = None;
        }
    }
}

/// A handle on a data connection (passive or active), for the watchdog to cut.
fn data_socket<T: TlsStream>(stream: &TransferStream<T>) -> Option<TcpStream> {
    stream.get_ref().get_ref().try_clone().ok()
}

/// Whether a listing of `path` is asked for from inside the directory first: servers that hand
/// the path to `ls` split it at blanks and expand glob characters.
fn inside_first(path: &str) -> bool {
    path.contains(|c: char| c.is_whitespace() || "*?[{~".contains(c))
}

/// `YYYYMMDDhhmmss` in UTC, as MFMT and SITE UTIME take it.
fn utc_stamp(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(time).format("%Y%m%d%H%M%S").to_string()
}

/// The error for a listing that would take more than [`MEMORY_MAX`].
fn too_big(_: listing::Exceeded) -> Error {
    Error::TooLarge(format!(
        "the listing would take more than {} MiB of memory; not reading more",
        MEMORY_MAX >> 20
    ))
}

/// Reads the lines of a listing, handing each to `each` decoded with `charset` (bytes that do
/// not decode kept, see [`crate::charset`]) and without its CR/LF (blank lines are dropped);
/// fails when the listing is longer than `max` bytes, or as soon as `each` fails.
fn read_lines(
    stream: &mut dyn Read,
    charset: Charset,
    max: u64,
    each: &mut dyn FnMut(&str) -> Result<()>,
) -> Result<()> {
    let mut reader = BufReader::with_capacity(64 << 10, stream.take(max + 1));
    let (mut total, mut buf) = (0u64, Vec::new());
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(Error::Connection)?;
        if n == 0 {
            return Ok(());
        }
        total += n as u64;
        if total > max {
            return Err(Error::TooLarge(format!(
                "the listing is larger than {} MiB; not reading more",
                max >> 20
            )));
        }
        let text = charset.decode(buf.strip_suffix(b"\n").unwrap_or(&buf));
        let text = text.trim_end_matches(['\r', '\n']);
        if !text.is_empty() {
            each(text)?;
        }
    }
}
