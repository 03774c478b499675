//! The error enum: the only place where failures are classified (into an [`Exit`] class).
//!
//! Modules return these errors with their causes attached; the REPL prints them once, scripts and
//! one-shot runs turn them into an exit status through [`Error::exit`]. Nothing here prints.

use std::io;
use std::path::PathBuf;

use suppaftp::FtpError;

use crate::cert::Presented;
pub use crate::exit::Exit;

/// Result alias used across ftpsh.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in ftpsh, classified where decisions are made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Wrong arguments or syntax; the message carries the usage line.
    #[error("usage: {0}")]
    Usage(String),
    /// A config file, environment variable or command-line setting that cannot be used; the
    /// message names where it came from.
    #[error("{0}")]
    Config(String),
    /// A glob pattern that does not parse.
    #[error("bad pattern: {0}")]
    Pattern(String),
    /// ftpsh refuses to do what was asked because it would be unsafe (the message says why).
    #[error("refusing: {0}")]
    Refused(String),
    /// Resuming in ASCII mode (offsets differ between the two ends).
    #[error("resuming needs binary mode (`binary`)")]
    NeedsBinary,
    /// A command name that matches nothing in the table.
    #[error("unknown command '{name}'{}", suggestion.as_ref().map(|s| format!(", did you mean '{s}'?")).unwrap_or_default())]
    UnknownCommand { name: String, suggestion: Option<String> },
    /// A prefix that matches several commands.
    #[error("ambiguous command '{name}': {}", candidates.join(", "))]
    Ambiguous { name: String, candidates: Vec<String> },
    /// The command needs a connection and there is none.
    #[error("not connected (use 'open HOST' first)")]
    NotConnected,
    /// Could not reach the server at all.
    #[error("could not connect to {host}: {source}")]
    Connect {
        host: String,
        #[source]
        source: io::Error,
    },
    /// The server refused the user name or password.
    #[error("login failed: {0}")]
    Login(Reply),
    /// The server answered with a refusal (4xx/5xx) or an unexpected reply.
    #[error("{0}")]
    Server(Reply),
    /// The control connection broke; the session is now disconnected.
    #[error("connection lost: {0}")]
    Connection(#[source] io::Error),
    /// A wait on the network ran past its timeout; says which one (the setting's name).
    #[error("{what} took longer than {secs} s (`set {setting}` changes it)")]
    Timeout { what: &'static str, setting: &'static str, secs: u64 },
    /// A reply ftpsh cannot read (a SIZE that is not a number, an MDTM that is not a possible
    /// date): the value is unknown, and the connection is fine.
    #[error("cannot read the server's reply to {command}: {reply}")]
    Unreadable { command: &'static str, reply: Reply },
    /// A local file or directory could not be used.
    #[error("{}: {source}", path.display())]
    Local {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A local file would be overwritten without the user asking for it.
    #[error("{}: local file exists (use 'get -f' to overwrite)", .0.display())]
    WouldOverwrite(PathBuf),
    /// A name from the server that cannot safely become a local path.
    #[error("refusing unsafe local name '{0}' (give a local name explicitly)")]
    UnsafeName(String),
    /// TLS negotiation failure.
    #[error("TLS: {0}")]
    Tls(String),
    /// The server's certificate was not trusted; the error carries it, for trust on first use.
    #[error("TLS: {message}")]
    Certificate { message: String, cert: Box<Presented> },
    /// A transfer that did not complete; what arrived is kept in `part` when there is one.
    #[error("{}", transfer_text(source, part.as_deref(), "`reget`"))]
    Transfer {
        #[source]
        source: Box<Error>,
        part: Option<PathBuf>,
    },
    /// The data connection ended before the whole file arrived.
    #[error("received {have} bytes, the server has {total}")]
    Short { have: u64, total: u64 },
    /// The server sent more than ftpsh accepts (a listing beyond the size bound).
    #[error("{0}")]
    TooLarge(String),
    /// The data arrived but does not match what the server has.
    #[error("verification failed: {0}")]
    Verify(String),
    /// A script (`source`, `-f`, `-c`) failed; the failure was reported where it happened.
    #[error("{name} stopped at line {line}")]
    Script { name: String, line: usize, exit: Exit },
    /// Some files of a batch failed; each was reported as it happened. `exit` is the class of
    /// the whole: a transfer failure, or the login or connection failure that kept every job
    /// from starting.
    #[error("{failed} of {total} files failed")]
    Batch { failed: usize, total: usize, exit: Exit },
    /// The user pressed Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// Any other protocol-level failure reported by the FTP library.
    #[error("{0}")]
    Ftp(#[source] FtpError),
    /// A file of a batch that was never started because of an earlier failure (a parallel
    /// worker that could not log in, Ctrl-C); `exit` is that failure's class.
    #[error("not started: {reason}")]
    NotStarted { reason: String, exit: Exit },
    /// The data connection carried more than the size the server announced; ftpsh stopped
    /// reading there.
    #[error("the server sent more than the {announced} bytes it announced")]
    Overrun { announced: u64 },
    /// Directories of a tree that were not read completely (each was reported): what could be
    /// done was done, and nothing was deleted inside them.
    #[error("{dirs} director{} not read completely (nothing was deleted inside)", if *dirs == 1 { "y" } else { "ies" })]
    Unread { dirs: usize },
    /// A command that walked a tree (`du`, `find`) could not see all of it; what it could not
    /// read was reported, and what it printed says how it is incomplete.
    #[error("{0}")]
    Incomplete(String),
    /// Background jobs that did not succeed (each was reported when it ended).
    #[error("{failed} of {total} background jobs did not succeed")]
    Jobs { failed: usize, total: usize },
}

/// One server reply: the numeric code and the complete text (all lines, codes included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit code, read from the reply itself (suppaftp maps unknown codes to 0).
    pub code: u32,
    /// The reply text as the server sent it, without the final line break; not yet sanitized.
    pub text: String,
}

impl Reply {
    /// Builds a reply from suppaftp's response, reading the real code from the body.
    pub fn from_response(resp: &suppaftp::types::Response) -> Reply {
        let text = crate::charset::from_bytes(&resp.body).trim_end().to_string();
        let code = text.get(..3).and_then(|c| c.parse().ok()).unwrap_or_else(|| resp.status.code());
        Reply { code, text }
    }

    /// Whether the code says success (1xx-3xx).
    pub fn is_ok(&self) -> bool {
        (100..400).contains(&self.code)
    }
}

impl std::fmt::Display for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// The message of [`Error::Transfer`]; `resume` is how to resume a kept partial file.
fn transfer_text(source: &Error, part: Option<&std::path::Path>, resume: &str) -> String {
    format!("transfer incomplete: {source}{}", part_note(source, part, resume))
}

/// What the user can do with a kept `.part` file; `resume` is how to resume it.
fn part_note(source: &Error, part: Option<&std::path::Path>, resume: &str) -> String {
    let Some(p) = part else { return String::new() };
    match source {
        Error::Verify(_) | Error::Overrun { .. } => {
            format!(" (the data is kept in {}; `get -f` starts over)", p.display())
        }
        Error::Short { have, total } if have > total => {
            format!(" (the data is kept in {}; `get -f` starts over)", p.display())
        }
        _ => format!(" (partial data kept in {}; {resume} resumes)", p.display()),
    }
}

impl Error {
    /// The exit class of this error.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_)
            | Error::Config(_)
            | Error::Pattern(_)
            | Error::Refused(_)
            | Error::NeedsBinary
            | Error::UnknownCommand { .. }
            | Error::Ambiguous { .. } => Exit::Usage,
            Error::NotConnected | Error::Connect { .. } | Error::Connection(_) | Error::Timeout { .. } => {
                Exit::Connect
            }
            Error::Login(_) => Exit::Login,
            Error::Tls(_) | Error::Certificate { .. } => Exit::Tls,
            Error::Server(_) | Error::Unreadable { .. } => Exit::Server,
            Error::Local { .. } | Error::WouldOverwrite(_) | Error::UnsafeName(_) => Exit::Local,
            Error::Transfer { source, .. } if matches!(**source, Error::Interrupted) => Exit::Interrupted,
            Error::Transfer { .. } | Error::Short { .. } | Error::Verify(_) | Error::TooLarge(_) => {
                Exit::Transfer
            }
            Error::Batch { exit, .. } => *exit,
            Error::Interrupted => Exit::Interrupted,
            Error::Script { exit, .. } => *exit,
            Error::Ftp(_) => Exit::Failure,
            Error::NotStarted { exit, .. } => *exit,
            Error::Overrun { .. } => Exit::Transfer,
            Error::Unread { .. } => Exit::Transfer,
            Error::Incomplete(_) => Exit::Failure,
            Error::Jobs { .. } => Exit::Transfer,
        }
    }

    /// The message, naming `resume` (`` `reget` `` in the shell) as the way to resume a kept
    /// partial download.
    pub fn message(&self, resume: &str) -> String {
        match self {
            Error::Transfer { source, part } => transfer_text(source, part.as_deref(), resume),
            other => other.to_string(),
        }
    }

    /// Whether this error means the control connection is gone.
    pub fn is_disconnect(&self) -> bool {
        matches!(self, Error::Connection(_) | Error::Timeout { .. })
    }

    /// Whether a transfer that failed this way may succeed when tried again (after a
    /// reconnect): a lost or stalled connection, or data that stopped short.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Connection(_) | Error::Timeout { .. } | Error::Short { .. } | Error::NotConnected => true,
            Error::Server(r) => r.code == 421 || r.code == 426,
            Error::Transfer { source, .. } => source.is_retryable(),
            _ => false,
        }
    }

    /// `e` as a timeout when it is one (`what` timed out, `setting` controls it), else as a
    /// lost connection.
    pub fn from_io(
        e: io::Error,
        what: &'static str,
        setting: &'static str,
        limit: std::time::Duration,
    ) -> Error {
        match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
                Error::Timeout { what, setting, secs: limit.as_secs().max(1) }
            }
            _ => Error::Connection(e),
        }
    }

    /// Wraps an I/O error on a local path.
    pub fn local(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Local { path: path.into(), source }
    }
}

impl From<FtpError> for Error {
    fn from(e: FtpError) -> Error {
        match e {
            FtpError::UnexpectedResponse(resp) => Error::Server(Reply::from_response(&resp)),
            // suppaftp refuses commands with CR/LF before sending them: not a broken link.
            FtpError::ConnectionError(io) if io.kind() == io::ErrorKind::InvalidInput => {
                Error::Ftp(FtpError::ConnectionError(io))
            }
            FtpError::ConnectionError(io) => Error::Connection(io),
            FtpError::SecureError(msg) => Error::Tls(msg),
            other => Error::Ftp(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use suppaftp::Status;
    use suppaftp::types::Response;

    #[test]
    fn unknown_reply_codes_are_read_from_the_body() {
        let resp = Response::new(Status::Unknown, b"522 SSL connection failed\r\n".to_vec());
        let err = Error::from(FtpError::UnexpectedResponse(resp));
        match err {
            Error::Server(r) => {
                assert_eq!(r.code, 522);
                assert_eq!(r.text, "522 SSL connection failed");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn exit_codes_are_distinct_per_class() {
        let codes = [
            Error::Usage("x".into()).exit(),
            Error::NotConnected.exit(),
            Error::Login(Reply { code: 530, text: String::new() }).exit(),
            Error::Tls(String::new()).exit(),
            Error::Server(Reply { code: 550, text: String::new() }).exit(),
            Error::local("x", io::Error::other("x")).exit(),
            Error::Transfer {
                source: Box::new(Error::Server(Reply { code: 426, text: String::new() })),
                part: None,
            }
            .exit(),
            Error::Interrupted.exit(),
        ];
        let mut sorted = codes.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len());
    }
}
