//! The error enum and the exit codes: the only place where failures are classified.
//!
//! Modules return these errors with their causes attached; the REPL prints them once, scripts and
//! one-shot runs turn them into an exit code through [`Error::exit_code`]. Nothing here prints.

use std::io;
use std::path::PathBuf;

use suppaftp::FtpError;

/// Result alias used across ftpsh.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in ftpsh, classified where decisions are made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Wrong arguments or syntax; the message carries the usage line.
    #[error("usage: {0}")]
    Usage(String),
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
    /// TLS negotiation or certificate failure.
    #[error("TLS: {0}")]
    Tls(String),
    /// A transfer that did not complete; what arrived is kept in `part` when there is one.
    #[error("transfer incomplete: {source}{}", part_note(source, part.as_deref()))]
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
    Script { name: String, line: usize, code: i32 },
    /// Some files of a batch failed; each was reported as it happened.
    #[error("{failed} of {total} files failed")]
    Batch { failed: usize, total: usize },
    /// The user pressed Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// Any other protocol-level failure reported by the FTP library.
    #[error("{0}")]
    Ftp(#[source] FtpError),
    /// A file of a batch that was never started because of an earlier failure (a parallel
    /// worker that could not log in, Ctrl-C); `code` is that failure's exit code.
    #[error("not started: {reason}")]
    NotStarted { reason: String, code: i32 },
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
        let text = String::from_utf8_lossy(&resp.body).trim_end().to_string();
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

/// Exit codes, documented in the README. 0 means every command succeeded.
pub mod exit {
    /// Some other failure.
    pub const FAILURE: i32 = 1;
    /// Usage or syntax error.
    pub const USAGE: i32 = 2;
    /// Could not connect, or the connection was lost.
    pub const CONNECT: i32 = 3;
    /// Login refused.
    pub const LOGIN: i32 = 4;
    /// TLS or certificate failure.
    pub const TLS: i32 = 5;
    /// The server refused a command.
    pub const SERVER: i32 = 6;
    /// A local file error.
    pub const LOCAL: i32 = 7;
    /// A transfer that did not complete.
    pub const TRANSFER: i32 = 8;
    /// Interrupted by Ctrl-C.
    pub const INTERRUPTED: i32 = 130;
}

/// What the user can do with a kept `.part` file.
fn part_note(source: &Error, part: Option<&std::path::Path>) -> String {
    let Some(p) = part else { return String::new() };
    match source {
        Error::Verify(_) => format!(" (the data is kept in {}; `get -f` starts over)", p.display()),
        Error::Short { have, total } if have > total => {
            format!(" (the data is kept in {}; `get -f` starts over)", p.display())
        }
        _ => format!(" (partial data kept in {}; `reget` resumes)", p.display()),
    }
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::UnknownCommand { .. } | Error::Ambiguous { .. } => exit::USAGE,
            Error::NotConnected | Error::Connect { .. } | Error::Connection(_) | Error::Timeout { .. } => {
                exit::CONNECT
            }
            Error::Login(_) => exit::LOGIN,
            Error::Tls(_) => exit::TLS,
            Error::Server(_) => exit::SERVER,
            Error::Local { .. } | Error::WouldOverwrite(_) | Error::UnsafeName(_) => exit::LOCAL,
            Error::Transfer { source, .. } if matches!(**source, Error::Interrupted) => exit::INTERRUPTED,
            Error::Transfer { .. }
            | Error::Short { .. }
            | Error::Verify(_)
            | Error::TooLarge(_)
            | Error::Batch { .. } => exit::TRANSFER,
            Error::Interrupted => exit::INTERRUPTED,
            Error::Script { code, .. } => *code,
            Error::Ftp(_) => exit::FAILURE,
            Error::NotStarted { code, .. } => *code,
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
            Error::Usage("x".into()).exit_code(),
            Error::NotConnected.exit_code(),
            Error::Login(Reply { code: 530, text: String::new() }).exit_code(),
            Error::Tls(String::new()).exit_code(),
            Error::Server(Reply { code: 550, text: String::new() }).exit_code(),
            Error::local("x", io::Error::other("x")).exit_code(),
            Error::Transfer {
                source: Box::new(Error::Server(Reply { code: 426, text: String::new() })),
                part: None,
            }
            .exit_code(),
            Error::Interrupted.exit_code(),
        ];
        let mut sorted = codes.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len());
    }
}
