//! A scripted FTP server for tests that need a server to misbehave in ways libunftp cannot: listing
//! hostile names, lying about sizes and checksums, never answering a data command. It listens on
//! 127.0.0.1, serves each connection on its own thread with blocking I/O, logs anyone in (unless
//! told to let in only the first connection), keeps its files in memory, and records every
//! command it receives.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use sha2::{Digest, Sha256};

/// What the server says to `XSHA256 NAME` (announced in FEAT unless `None`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Checksum {
    #[default]
    None,
    Right,
    Wrong,
}

/// How the server behaves; build it with the methods below.
#[derive(Debug, Clone, Default)]
pub struct Script {
    /// Files by name, as RETR, SIZE and XSHA256 look them up (exact match); STOR adds to them.
    pub files: Vec<(String, Vec<u8>)>,
    /// Raw LIST lines to send instead of the generated ones.
    pub list_lines: Option<Vec<String>>,
    /// Answer every SIZE with this.
    pub size_lie: Option<u64>,
    pub checksum: Checksum,
    /// Never answer EPSV, PASV, LIST, NLST, MLSD, RETR or STOR.
    pub hang_on_data: bool,
    /// Leave EPSV out of FEAT, so clients use PASV.
    pub no_epsv: bool,
    /// The address a PASV reply names (the listener is on 127.0.0.1 whatever it says).
    pub pasv_host: Option<[u8; 4]>,
    /// Answer SYST with a multi-line reply that never ends.
    pub endless_reply: bool,
    /// Announce EPSV but answer it with 502.
    pub refuse_epsv: bool,
    /// Announce AUTH TLS but answer it with 500 (as Pure-FTPd without a certificate does).
    pub refuse_auth: bool,
    /// On the first connection only, answer this command with `421` and hang up (an idle
    /// timeout the client learns about late).
    pub kick_on: Option<String>,
    /// Announce MFMT and accept it.
    pub mfmt: bool,
    /// What goes wrong during the first RETR.
    pub fault: Option<Fault>,
    /// Answer this command with a line that is not an FTP reply.
    pub garbage_on: Option<String>,
    /// Refuse the password (530) on every connection but the first.
    pub one_login_only: bool,
    /// Send the final reply to this command (PWD, or STOR after the data) one byte every 200 ms.
    pub drip_reply_on: Option<String>,
    /// Answer REST with 350 but send (and store) from byte 0 all the same.
    pub ignore_rest: bool,
    /// Refuse SIZE (and leave it out of FEAT).
    pub no_size: bool,
    /// After a file's bytes, RETR keeps sending zeros until the client hangs up.
    pub endless_data: bool,
    /// Answer every SIZE with this line (`213 1,200`).
    pub size_reply: Option<String>,
    /// Answer every MDTM with this line (`213 99999999999999`); 502 when `None`.
    pub mdtm_reply: Option<String>,
    /// Pass the first connection through to this port on 127.0.0.1 (a real server, FTPS for
    /// instance) instead of playing the script: a man in the middle that lets the first
    /// connection through and answers the later ones itself (without TLS, as if stripping it).
    pub relay_first: Option<u16>,
    /// Serve a tree of directories: the listing lines of each absolute directory path, or `None`
    /// where there is no directory; the flag says whether the listing was asked for without a
    /// path (from inside the directory). CWD then checks that the directory exists, PWD says
    /// where the client is, and LIST and MLSD answer from it (instead of `list_lines`).
    pub tree: Option<Tree>,
    /// Announce MLST and answer MLSD (from `tree`, else `list_lines`: give them MLSD facts).
    pub mlsd: bool,
    /// Answer every listing (LIST, NLST, MLSD) with this line (and LF) repeated, about this
    /// many bytes in all, sent fast.
    pub huge_listing: Option<(String, usize)>,
    /// Names are bytes: command lines are read, and replies and listings written, byte for
    /// byte, each byte one `char` of the same value (as ISO-8859-1 has it), so file names may be
    /// any bytes ([`bytes_name`] writes one); DELE, RNFR and RNTO work on the files.
    pub raw_bytes: bool,
    /// Answer MLSD with this reply although MLST is announced (`500 MLSD not understood`).
    pub refuse_mlsd: Option<String>,
    /// Announce `REST STREAM` in FEAT.
    pub rest_feature: bool,
    /// Refuse REST with `502` (a server that cannot resume).
    pub refuse_rest: bool,
    /// Refuse STOR and APPE with `553` before any data connection is used.
    pub refuse_stor: bool,
    /// After the first upload's data arrived (and was stored), close the control connection
    /// without a reply.
    pub drop_after_store: bool,
    /// Wait this long before sending a LIST's data (a slow server), on every connection.
    pub list_delay: Option<std::time::Duration>,
    /// On the first connection, hang up (as a killed server process does) right after answering
    /// this command.
    pub hang_up_after: Option<String>,
    /// On the first connection, hang up without answering when this command arrives.
    pub hang_up_on: Option<String>,
    /// The reply to a listing of a path `tree` has no directory for (`550 no such directory`
    /// when `None`; ftp-srv says `451`).
    pub missing_reply: Option<String>,
}

/// A fault injected into the first download: after this many bytes of the file...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// ...the data connection closes and the reply is `426`.
    CutData(usize),
    /// ...the control connection closes too, without a reply.
    DropControl(usize),
    /// ...nothing more comes, for a minute.
    Stall(usize),
    /// ...the rest comes a few bytes at a time (slowly, but it all comes).
    Drip(usize),
}

impl Script {
    pub fn new() -> Script {
        Script::default()
    }

    pub fn file(mut self, name: &str, data: impl Into<Vec<u8>>) -> Script {
        self.files.push((name.to_string(), data.into()));
        self
    }

    pub fn list_lines<S: ToString>(mut self, lines: &[S]) -> Script {
        self.list_lines = Some(lines.iter().map(ToString::to_string).collect());
        self
    }

    pub fn size_lie(mut self, size: u64) -> Script {
        self.size_lie = Some(size);
        self
    }

    pub fn checksum(mut self, checksum: Checksum) -> Script {
        self.checksum = checksum;
        self
    }

    pub fn hang_on_data(mut self) -> Script {
        self.hang_on_data = true;
        self
    }

    pub fn pasv_naming(mut self, host: [u8; 4]) -> Script {
        self.no_epsv = true;
        self.pasv_host = Some(host);
        self
    }

    pub fn endless_reply(mut self) -> Script {
        self.endless_reply = true;
        self
    }

    pub fn garbage_on(mut self, verb: &str) -> Script {
        self.garbage_on = Some(verb.to_ascii_uppercase());
        self
    }

    pub fn fault(mut self, fault: Fault) -> Script {
        self.fault = Some(fault);
        self
    }

    pub fn mfmt(mut self) -> Script {
        self.mfmt = true;
        self
    }

    pub fn kick_on(mut self, verb: &str) -> Script {
        self.kick_on = Some(verb.to_ascii_uppercase());
        self
    }

    pub fn refuse_auth(mut self) -> Script {
        self.refuse_auth = true;
        self
    }

    pub fn refuse_epsv(mut self) -> Script {
        self.refuse_epsv = true;
        self
    }

    pub fn drip_reply_on(mut self, verb: &str) -> Script {
        self.drip_reply_on = Some(verb.to_string());
        self
    }

    pub fn one_login_only(mut self) -> Script {
        self.one_login_only = true;
        self
    }

    pub fn ignore_rest(mut self) -> Script {
        self.ignore_rest = true;
        self
    }

    pub fn no_size(mut self) -> Script {
        self.no_size = true;
        self
    }

    pub fn endless_data(mut self) -> Script {
        self.endless_data = true;
        self
    }

    pub fn size_reply(mut self, line: &str) -> Script {
        self.size_reply = Some(line.to_string());
        self
    }

    pub fn mdtm_reply(mut self, line: &str) -> Script {
        self.mdtm_reply = Some(line.to_string());
        self
    }

    pub fn relay_first(mut self, port: u16) -> Script {
        self.relay_first = Some(port);
        self
    }

    pub fn tree(mut self, tree: Tree) -> Script {
        self.tree = Some(tree);
        self
    }

    pub fn mlsd(mut self) -> Script {
        self.mlsd = true;
        self
    }

    pub fn huge_listing(mut self, line: &str, bytes: usize) -> Script {
        self.huge_listing = Some((line.to_string(), bytes));
        self
    }

    pub fn hang_up_after(mut self, verb: &str) -> Script {
        self.hang_up_after = Some(verb.to_string());
        self
    }

    pub fn hang_up_on(mut self, verb: &str) -> Script {
        self.hang_up_on = Some(verb.to_string());
        self
    }

    pub fn missing_reply(mut self, line: &str) -> Script {
        self.missing_reply = Some(line.to_string());
        self
    }

    pub fn raw_bytes(mut self) -> Script {
        self.raw_bytes = true;
        self
    }

    pub fn refuse_mlsd(mut self, reply: &str) -> Script {
        self.mlsd = true;
        self.refuse_mlsd = Some(reply.to_string());
        self
    }

    pub fn rest_feature(mut self) -> Script {
        self.rest_feature = true;
        self
    }

    pub fn refuse_rest(mut self) -> Script {
        self.refuse_rest = true;
        self
    }
}

/// The name, as a [`Script::raw_bytes`] server keeps it, of a file named by `bytes`.
pub fn bytes_name(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

thread_local! {
    /// Whether this connection's thread speaks [`Script::raw_bytes`].
    static RAW_BYTES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `text` as it goes on the wire: UTF-8, or for [`Script::raw_bytes`] one byte per `char`.
fn wire(text: &str) -> Vec<u8> {
    if RAW_BYTES.with(std::cell::Cell::get) {
        text.chars().map(|c| u8::try_from(c).unwrap_or(b'?')).collect()
    } else {
        text.as_bytes().to_vec()
    }
}

/// A command line from the wire (see [`wire`]); `None` for one that is not UTF-8 when it must be.
fn from_wire(bytes: &[u8]) -> Option<String> {
    if RAW_BYTES.with(std::cell::Cell::get) {
        Some(bytes_name(bytes))
    } else {
        String::from_utf8(bytes.to_vec()).ok()
    }
}

struct State {
    script: Script,
    /// Whether the fault has happened.
    faulted: AtomicBool,
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    commands: Mutex<Vec<String>>,
    /// The same commands by control connection, in the order the connections were accepted.
    sessions: Mutex<BTreeMap<usize, Vec<String>>>,
    /// Both ends of the relayed connection, to cut it.
    relayed: Mutex<Vec<TcpStream>>,
    /// The name of the last RNFR.
    rename_from: Mutex<Option<String>>,
}

/// A running server; dropping it stops accepting connections (best effort).
pub struct ScriptedServer {
    pub port: u16,
    /// Control connections accepted so far.
    pub connections: Arc<AtomicUsize>,
    state: Arc<State>,
    stop: Arc<AtomicBool>,
}

/// Starts a server playing `script` on 127.0.0.1 and a free port.
pub fn start(script: Script) -> ScriptedServer {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("local address").port();
    let files = Mutex::new(script.files.iter().cloned().collect());
    let state = Arc::new(State {
        script,
        files,
        commands: Mutex::default(),
        sessions: Mutex::default(),
        faulted: AtomicBool::new(false),
        relayed: Mutex::default(),
        rename_from: Mutex::default(),
    });
    let server = ScriptedServer { port, connections: Arc::default(), state, stop: Arc::default() };
    let (state, count, stop) =
        (Arc::clone(&server.state), Arc::clone(&server.connections), Arc::clone(&server.stop));
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let index = count.fetch_add(1, Ordering::SeqCst);
            let state = Arc::clone(&state);
            thread::spawn(move || {
                let _ = match state.script.relay_first.filter(|_| index == 0) {
                    Some(port) => relay(stream, port, &state),
                    None => serve(stream, &state, index),
                };
            });
        }
    });
    server
}

impl ScriptedServer {
    /// `ftp://bob:pw@127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("ftp://bob:pw@127.0.0.1:{}", self.port)
    }

    /// A file's content on the server now (including uploads).
    pub fn file(&self, name: &str) -> Option<Vec<u8>> {
        self.state.files.lock().unwrap().get(name).cloned()
    }

    /// Every command line received so far, in order, on all connections.
    pub fn commands(&self) -> Vec<String> {
        self.state.commands.lock().unwrap().clone()
    }

    /// Every command line received so far on each control connection, in the order the
    /// connections were accepted (a connection that sent nothing has an empty list).
    pub fn sessions(&self) -> Vec<Vec<String>> {
        let accepted = self.connections.load(Ordering::SeqCst);
        let sessions = self.state.sessions.lock().unwrap();
        (0..accepted).map(|i| sessions.get(&i).cloned().unwrap_or_default()).collect()
    }

    /// Closes the relayed connection (see [`Script::relay_first`]) at both ends.
    pub fn cut_relayed(&self) {
        for end in self.state.relayed.lock().unwrap().drain(..) {
            let _ = end.shutdown(std::net::Shutdown::Both);
        }
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port)); // wakes the accept loop
    }
}

/// Passes `client` through to 127.0.0.1:`port` both ways, byte for byte, until either side (or
/// [`ScriptedServer::cut_relayed`]) closes it. Nothing relayed is recorded as a command.
fn relay(client: TcpStream, port: u16, state: &State) -> io::Result<()> {
    let upstream = TcpStream::connect(("127.0.0.1", port))?;
    state.relayed.lock().unwrap().extend([client.try_clone()?, upstream.try_clone()?]);
    let (mut from_upstream, mut to_client) = (upstream.try_clone()?, client.try_clone()?);
    let back = thread::spawn(move || {
        let _ = io::copy(&mut from_upstream, &mut to_client);
        let _ = to_client.shutdown(std::net::Shutdown::Both);
    });
    let (mut from_client, mut to_upstream) = (client, upstream);
    let _ = io::copy(&mut from_client, &mut to_upstream);
    let _ = to_upstream.shutdown(std::net::Shutdown::Both);
    let _ = back.join();
    Ok(())
}

fn reply(out: &mut TcpStream, text: &str) -> io::Result<()> {
    out.write_all(&wire(&format!("{text}\r\n")))
}

fn serve(stream: TcpStream, state: &State, index: usize) -> io::Result<()> {
    let first = index == 0;
    // Replies go out at once: `150` then `226` would otherwise wait for a delayed ACK (Nagle).
    stream.set_nodelay(true)?;
    let mut out = stream.try_clone()?;
    RAW_BYTES.with(|raw| raw.set(state.script.raw_bytes));
    reply(&mut out, "220 scripted test server")?;
    let (mut data, mut rest, mut cwd) = (None, 0, "/".to_string());
    for line in BufReader::new(stream).split(b'\n') {
        let line = line?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let line = from_wire(line).ok_or_else(|| io::Error::other("a command that is not UTF-8"))?;
        state.commands.lock().unwrap().push(line.clone());
        state.sessions.lock().unwrap().entry(index).or_default().push(line.clone());
        let (verb, arg) = line.split_once(' ').unwrap_or((&line, ""));
        let verb = verb.to_ascii_uppercase();
        if state.script.garbage_on.as_deref() == Some(verb.as_str()) {
            reply(&mut out, "this is not an FTP reply at all")?;
            continue;
        }
        if first && state.script.kick_on.as_deref() == Some(verb.as_str()) {
            return reply(&mut out, "421 Timeout: closing control connection");
        }
        if !first && state.script.one_login_only && verb == "PASS" {
            reply(&mut out, "530 Login incorrect")?;
            continue;
        }
        if state.script.drip_reply_on.as_deref() == Some(verb.as_str()) {
            dripped(state, &mut out, data.take(), &verb, arg)?;
            continue;
        }
        if first && state.script.hang_up_on.as_deref() == Some(verb.as_str()) {
            return out.shutdown(std::net::Shutdown::Both);
        }
        let data_verb =
            matches!(verb.as_str(), "EPSV" | "PASV" | "LIST" | "NLST" | "MLSD" | "RETR" | "STOR" | "APPE");
        let hang = state.script.hang_on_data && data_verb;
        if !hang && !answer_more(state, &mut out, &mut data, &mut cwd, &verb, arg)? {
            answer(state, &mut out, &mut data, &mut rest, &verb, arg)?;
        }
        if first && state.script.hang_up_after.as_deref() == Some(verb.as_str()) {
            return out.shutdown(std::net::Shutdown::Both);
        }
    }
    Ok(())
}

fn answer(
    state: &State,
    out: &mut TcpStream,
    data: &mut Option<TcpListener>,
    rest: &mut usize,
    verb: &str,
    arg: &str,
) -> io::Result<()> {
    // Paths are relative to the only directory, `/`.
    let file = || state.files.lock().unwrap().get(arg.trim_start_matches('/')).cloned();
    match verb {
        "USER" => reply(out, "331 password please"),
        "PASS" => reply(out, "230 logged in"),
        "FEAT" => reply(out, &features(&state.script)),
        "TYPE" | "OPTS" | "NOOP" => reply(out, "200 ok"),
        "PWD" => reply(out, "257 \"/\" is the current directory"),
        "CWD" => reply(out, "250 ok"),
        "SYST" if state.script.endless_reply => endless(out),
        "SYST" => reply(out, "215 UNIX Type: L8"),
        "SIZE" if state.script.no_size => reply(out, "502 not implemented"),
        "SIZE" if state.script.size_reply.is_some() => {
            reply(out, state.script.size_reply.as_deref().unwrap_or(""))
        }
        "MDTM" if state.script.mdtm_reply.is_some() => {
            reply(out, state.script.mdtm_reply.as_deref().unwrap_or(""))
        }
        "SIZE" => match file().map(|f| state.script.size_lie.unwrap_or(f.len() as u64)) {
            Some(n) => reply(out, &format!("213 {n}")),
            None => reply(out, "550 no such file"),
        },
        "AUTH" if state.script.refuse_auth => reply(out, "500 This security scheme is not implemented"),
        "EPSV" if state.script.refuse_epsv => reply(out, "502 EPSV not implemented"),
        "EPSV" => {
            let port = listen(data)?;
            reply(out, &format!("229 Entering Extended Passive Mode (|||{port}|)"))
        }
        "PASV" => {
            let port = listen(data)?;
            let [a, b, c, d] = state.script.pasv_host.unwrap_or([127, 0, 0, 1]);
            reply(out, &format!("227 Entering Passive Mode ({a},{b},{c},{d},{},{})", port >> 8, port & 0xff))
        }
        "LIST" => {
            if let Some(delay) = state.script.list_delay {
                thread::sleep(delay);
            }
            send(out, data.take(), &wire(&listing(state)))
        }
        "NLST" => {
            let names: String = state.files.lock().unwrap().keys().map(|n| format!("{n}\r\n")).collect();
            send(out, data.take(), &wire(&names))
        }
        "REST" if state.script.refuse_rest => reply(out, "502 REST not implemented"),
        "STOR" | "APPE" if state.script.refuse_stor => reply(out, "553 Could not create file."),
        "REST" => {
            *rest = if state.script.ignore_rest { 0 } else { arg.parse().unwrap_or(0) };
            reply(out, "350 restarting")
        }
        "RETR" => match file() {
            Some(bytes) => {
                let from = std::mem::take(rest).min(bytes.len());
                match state.script.fault.filter(|_| !state.faulted.swap(true, Ordering::SeqCst)) {
                    Some(fault) => faulty(out, data.take(), &bytes[from..], fault),
                    None if state.script.endless_data => endless_send(out, data.take(), &bytes[from..]),
                    None => send(out, data.take(), &bytes[from..]),
                }
            }
            None => reply(out, "550 no such file"),
        },
        "STOR" | "APPE" => match data.take() {
            Some(listener) => {
                let received = receive(out, listener)?;
                let mut files = state.files.lock().unwrap();
                let kept = files.remove(arg).unwrap_or_default();
                // STOR keeps what REST skipped; APPE keeps everything.
                let keep = if verb == "APPE" { kept.len() } else { std::mem::take(rest).min(kept.len()) };
                files.insert(arg.to_string(), [&kept[..keep], &received[..]].concat());
                if state.script.drop_after_store && !state.faulted.swap(true, Ordering::SeqCst) {
                    return Err(io::Error::other("closing without a reply after the upload"));
                }
                reply(out, "226 transfer complete")
            }
            None => reply(out, "425 use EPSV or PASV first"),
        },
        "XSHA256" if state.script.checksum != Checksum::None => match file() {
            Some(bytes) => reply(out, &format!("250 {}", sha256(&bytes, state.script.checksum))),
            None => reply(out, "550 no such file"),
        },
        "MFMT" if state.script.mfmt => reply(out, "213 Modify=ok"),
        "QUIT" => reply(out, "221 bye"),
        _ => reply(out, "502 not implemented"),
    }
}

fn features(script: &Script) -> String {
    let sha = if script.checksum == Checksum::None { "" } else { " XSHA256\r\n" };
    let epsv = if script.no_epsv { "" } else { " EPSV\r\n" };
    let auth = if script.refuse_auth { " AUTH TLS\r\n" } else { "" };
    let mfmt = if script.mfmt { " MFMT\r\n" } else { "" };
    let size = if script.no_size { "" } else { " SIZE\r\n" };
    let rest = if script.rest_feature { " REST STREAM\r\n" } else { "" };
    format!("211-Features:\r\n{epsv}{auth}{mfmt}{size}{sha}{rest}211 End")
}

/// A reply that never ends: continuation lines until the client hangs up.
fn endless(out: &mut TcpStream) -> io::Result<()> {
    out.write_all(b"215-here it comes\r\n")?;
    loop {
        out.write_all(b" and more, and more, and more, and more, and more\r\n")?;
    }
}

fn listing(state: &State) -> String {
    let generated = || {
        let files = state.files.lock().unwrap();
        files.iter().map(|(n, f)| file_line(n, f.len())).collect()
    };
    let lines: Vec<String> = state.script.list_lines.clone().unwrap_or_else(generated);
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

/// The hex SHA-256 of `bytes`, or when `Wrong` that of something else.
fn sha256(bytes: &[u8], checksum: Checksum) -> String {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    if checksum == Checksum::Wrong {
        hasher.update(b"not the same");
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a fresh data listener for the next transfer command; returns its port.
fn listen(data: &mut Option<TcpListener>) -> io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    *data = Some(listener);
    Ok(port)
}

fn send(out: &mut TcpStream, data: Option<TcpListener>, bytes: &[u8]) -> io::Result<()> {
    let Some(listener) = data else { return reply(out, "425 use EPSV or PASV first") };
    reply(out, "150 sending")?;
    listener.accept()?.0.write_all(bytes)?; // the data connection closes when dropped
    reply(out, "226 transfer complete")
}

/// Sends `bytes`, then zeros until the client closes the data connection.
fn endless_send(out: &mut TcpStream, data: Option<TcpListener>, bytes: &[u8]) -> io::Result<()> {
    let Some(listener) = data else { return reply(out, "425 use EPSV or PASV first") };
    reply(out, "150 sending")?;
    let mut conn = listener.accept()?.0;
    conn.write_all(bytes)?;
    while conn.write_all(&[0; 64 * 1024]).is_ok() {}
    reply(out, "426 Connection closed; transfer aborted")
}

/// Sends `bytes` with `fault`; an `Err` ends the control connection.
fn faulty(out: &mut TcpStream, data: Option<TcpListener>, bytes: &[u8], fault: Fault) -> io::Result<()> {
    let Some(listener) = data else { return reply(out, "425 use EPSV or PASV first") };
    reply(out, "150 sending")?;
    let mut conn = listener.accept()?.0;
    match fault {
        Fault::CutData(n) => {
            conn.write_all(&bytes[..n.min(bytes.len())])?;
            drop(conn);
            reply(out, "426 Connection closed; transfer aborted")
        }
        Fault::DropControl(n) => {
            conn.write_all(&bytes[..n.min(bytes.len())])?;
            let _ = out.shutdown(std::net::Shutdown::Both);
            Err(io::Error::other("dropped the control connection"))
        }
        Fault::Stall(n) => {
            conn.write_all(&bytes[..n.min(bytes.len())])?;
            thread::sleep(std::time::Duration::from_secs(60));
            Err(io::Error::other("stalled"))
        }
        Fault::Drip(n) => {
            conn.write_all(&bytes[..n.min(bytes.len())])?;
            for chunk in bytes[n.min(bytes.len())..].chunks(7) {
                conn.write_all(chunk)?;
                thread::sleep(std::time::Duration::from_millis(2));
            }
            drop(conn);
            reply(out, "226 transfer complete")
        }
    }
}

fn receive(out: &mut TcpStream, listener: TcpListener) -> io::Result<Vec<u8>> {
    reply(out, "150 receiving")?;
    let mut received = Vec::new();
    listener.accept()?.0.read_to_end(&mut received)?;
    Ok(received)
}

/// PWD, or STOR after receiving the data, with the final reply sent one byte every 200 ms: each
/// read sees data well within any timeout, the whole reply takes seconds.
fn dripped(
    state: &State,
    out: &mut TcpStream,
    data: Option<TcpListener>,
    verb: &str,
    arg: &str,
) -> io::Result<()> {
    let text = match (verb, data) {
        ("STOR", Some(listener)) => {
            let received = receive(out, listener)?;
            state.files.lock().unwrap().insert(arg.to_string(), received);
            "226 transfer complete, eventually"
        }
        _ => "257 \"/\" is the current directory, eventually",
    };
    for byte in format!("{text}\r\n").bytes() {
        out.write_all(&[byte])?;
        thread::sleep(std::time::Duration::from_millis(200));
    }
    Ok(())
}

/// The answers of the options added last (`tree`, `mlsd`, `huge_listing`); `false` when none of
/// them applies to this command.
fn answer_more(
    state: &State,
    out: &mut TcpStream,
    data: &mut Option<TcpListener>,
    cwd: &mut String,
    verb: &str,
    arg: &str,
) -> io::Result<bool> {
    let script = &state.script;
    let lists = matches!(verb, "LIST" | "NLST") || (verb == "MLSD" && script.mlsd);
    match (verb, script.tree, &script.huge_listing) {
        (_, _, Some((line, bytes))) if lists => send_huge(out, data.take(), line, *bytes)?,
        ("FEAT", _, _) if script.mlsd => {
            reply(out, &features(script).replace(" SIZE\r\n", " SIZE\r\n MLST type*;size*;modify*;\r\n"))?
        }
        ("MLSD", _, _) if script.refuse_mlsd.is_some() => {
            reply(out, script.refuse_mlsd.as_deref().unwrap_or_default())?
        }
        ("MLSD", None, _) if script.mlsd => send(out, data.take(), &wire(&listing(state)))?,
        ("DELE" | "RNFR" | "RNTO", _, _) if script.raw_bytes => change(state, out, verb, arg)?,
        ("CWD", Some(tree), _) => match tree(&resolve(cwd, arg), true) {
            Some(_) => {
                *cwd = resolve(cwd, arg);
                reply(out, "250 ok")?
            }
            None => reply(out, "550 no such directory")?,
        },
        ("PWD", Some(_), _) => reply(out, &format!("257 \"{cwd}\" is the current directory"))?,
        ("LIST" | "MLSD", Some(tree), _) if lists => {
            let path = if arg.is_empty() { cwd.clone() } else { resolve(cwd, arg) };
            match tree(&path, arg.is_empty()) {
                Some(lines) => send(
                    out,
                    data.take(),
                    &wire(&lines.iter().map(|l| format!("{l}\r\n")).collect::<String>()),
                )?,
                None => reply(out, script.missing_reply.as_deref().unwrap_or("550 no such directory"))?,
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// DELE, RNFR and RNTO on the files (of [`Script::raw_bytes`]).
fn change(state: &State, out: &mut TcpStream, verb: &str, arg: &str) -> io::Result<()> {
    let name = arg.trim_start_matches('/').to_string();
    let mut files = state.files.lock().unwrap();
    let mut from = state.rename_from.lock().unwrap();
    match verb {
        "DELE" if files.remove(&name).is_some() => reply(out, "250 deleted"),
        "RNFR" if files.contains_key(&name) => {
            *from = Some(name);
            reply(out, "350 ready for RNTO")
        }
        "RNTO" => match from.take().and_then(|f| files.remove(&f)) {
            Some(bytes) => {
                files.insert(name, bytes);
                reply(out, "250 renamed")
            }
            None => reply(out, "503 RNFR first"),
        },
        _ => reply(out, "550 no such file"),
    }
}

/// `arg` as an absolute path from `cwd`.
fn resolve(cwd: &str, arg: &str) -> String {
    if arg.starts_with('/') { arg.to_string() } else { format!("{}/{arg}", cwd.trim_end_matches('/')) }
}

/// Sends `line` and LF again and again, about `bytes` in all; a client that stops reading gets
/// `426`.
fn send_huge(out: &mut TcpStream, data: Option<TcpListener>, line: &str, bytes: usize) -> io::Result<()> {
    let Some(listener) = data else { return reply(out, "425 use EPSV or PASV first") };
    reply(out, "150 sending")?;
    let one = format!("{line}\n");
    let chunk = one.repeat((1 << 20) / one.len()).into_bytes();
    let mut conn = listener.accept()?.0;
    let sent = (0..bytes.div_ceil(chunk.len())).try_for_each(|_| conn.write_all(&chunk));
    drop(conn);
    reply(out, if sent.is_ok() { "226 transfer complete" } else { "426 Connection closed; transfer aborted" })
}

/// A directory tree for [`Script::tree`]: a directory's listing lines by its absolute path, or
/// `None` where there is none; the flag says the listing was asked for from inside.
pub type Tree = fn(&str, bool) -> Option<Vec<String>>;

/// A LIST line for a file of `size` bytes, as this server writes them.
pub fn file_line(name: &str, size: usize) -> String {
    format!("-rw-r--r-- 1 u g {size} Jan 01 2024 {name}")
}

/// A LIST line for a directory, in the same dialect as [`file_line`].
pub fn dir_line(name: &str) -> String {
    format!("drwxr-xr-x 1 u g 0 Jan 01 2024 {name}")
}
