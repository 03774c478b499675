//! Exit statuses: the [`Exit`] classes (documented in the README's table, which a test compares
//! with [`Exit::ALL`]) and [`FirstFailure`], the one rule for a run of several commands: the
//! first failure decides the status. Converted to a number only when the process exits.

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exit {
    /// Every command succeeded.
    Success,
    /// Any other failure.
    Failure,
    /// A usage or syntax error, an unknown command, a bad setting.
    Usage,
    /// Could not connect, connection lost, or not connected.
    Connect,
    /// Login refused.
    Login,
    /// TLS failure.
    Tls,
    /// The server refused a command.
    Server,
    /// A local file error.
    Local,
    /// A transfer that did not complete.
    Transfer,
    /// Interrupted (Ctrl-C).
    Interrupted,
}

impl Exit {
    /// Every class, in the order of the README's table.
    pub const ALL: [Exit; 10] = [
        Exit::Success,
        Exit::Failure,
        Exit::Usage,
        Exit::Connect,
        Exit::Login,
        Exit::Tls,
        Exit::Server,
        Exit::Local,
        Exit::Transfer,
        Exit::Interrupted,
    ];

    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::Connect => 3,
            Exit::Login => 4,
            Exit::Tls => 5,
            Exit::Server => 6,
            Exit::Local => 7,
            Exit::Transfer => 8,
            Exit::Interrupted => 130,
        }
    }
}

impl Exit {
    /// What the status means, as the README's table and the man page say it.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "every command succeeded",
            Exit::Failure => "any other failure",
            Exit::Usage => "usage or syntax error, unknown command",
            Exit::Connect => "could not connect, connection lost, or not connected",
            Exit::Login => "login refused",
            Exit::Tls => "TLS failure",
            Exit::Server => {
                "the server refused a command (4xx/5xx reply), or sent a reply ftpsh cannot read \
                 (`213 1,200` to SIZE)"
            }
            Exit::Local => {
                "local file error (missing, unreadable, would be overwritten, or a netrc others can read)"
            }
            Exit::Transfer => {
                "a transfer that did not complete (also: a listing or tree beyond ftpsh's memory \
                 bound, a directory not read completely)"
            }
            Exit::Interrupted => "interrupted (Ctrl-C)",
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

/// The status of a run of commands: the first failure's.
#[derive(Debug, Default)]
pub struct FirstFailure(Option<Exit>);

impl FirstFailure {
    /// Notes a failure of class `exit`; returns it.
    pub fn record(&mut self, exit: Exit) -> Exit {
        self.0.get_or_insert(exit);
        exit
    }

    /// Whether anything failed.
    pub fn failed(&self) -> bool {
        self.0.is_some()
    }

    /// The first failure's class, or success.
    pub fn exit(&self) -> Exit {
        self.0.unwrap_or(Exit::Success)
    }
}
