//! The one command table: every shell command is one [`CommandSpec`] in [`COMMANDS`]. Parsing
//! (lookup by name, alias or unique prefix, argument counts), `help`, tab completion and
//! docs/COMMANDS.md all read it. Handlers live in the topic modules and return [`Output`].

mod bookmark;
mod conn;
mod fs;
mod help;
mod mirror;
mod nav;
mod set;
mod xfer;

pub use conn::{LoginOptions, open_target, resolve_target};
pub use set::apply as apply_settings;

use crate::error::{Error, Result};
use crate::repl::Shell;
use crate::ui::Output;

/// What kind of value an argument is; drives completion and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// A remote file or directory.
    RemotePath,
    /// A remote directory.
    RemoteDir,
    /// A local file or directory.
    LocalPath,
    /// A local directory.
    LocalDir,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// A command name from this table.
    Command,
    /// A setting name (`set`).
    Setting,
    /// A host name or URL.
    Host,
    /// A password: a line with one is never saved in the history.
    Password,
    /// Free text (raw protocol commands, modes).
    Text,
}

/// A command handler: gets the shell and the arguments (without the command name).
pub type Handler = fn(&mut Shell, &[String]) -> Result<Output>;

/// One shell command.
pub struct CommandSpec {
    /// The canonical name.
    pub name: &'static str,
    /// Other names that run the same command.
    pub aliases: &'static [&'static str],
    /// The usage line, e.g. `get [-f] REMOTE [LOCAL]`.
    pub usage: &'static str,
    /// One line for the help overview.
    pub summary: &'static str,
    /// The longer help shown by `help NAME`.
    pub help: &'static str,
    /// The kind of each positional argument; the last one repeats when `max_args` allows.
    pub args: &'static [ArgKind],
    /// Fewest arguments accepted.
    pub min_args: usize,
    /// Most arguments accepted (`usize::MAX` for any number).
    pub max_args: usize,
    /// Whether the command needs an open connection.
    pub needs_connection: bool,
    /// The handler.
    pub run: Handler,
}

impl CommandSpec {
    /// The kind of the argument at `index` (0-based), if the command takes one there.
    pub fn arg_kind(&self, index: usize) -> Option<ArgKind> {
        if index >= self.max_args {
            return None;
        }
        self.args.get(index).or(self.args.last()).copied()
    }

    /// Checks the argument count (options such as `-f` count as arguments here).
    pub fn check_args(&self, args: &[String]) -> Result<()> {
        if args.len() < self.min_args || args.len() > self.max_args {
            return Err(Error::Usage(self.usage.to_string()));
        }
        Ok(())
    }
}

const ANY: usize = usize::MAX;
const TYPES: &[&str] = &["ascii", "binary"];
const ON_OFF: &[&str] = &["on", "off"];
const BOOKMARK_VERBS: &[&str] = &["add", "list", "del"];

/// Every command of the shell, in the order `help` lists them.
pub static COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "open",
        aliases: &["connect"],
        usage: "open HOST [PORT] | open ftp://[USER[:PASSWORD]@]HOST[:PORT][/PATH]",
        summary: "connect to a server and log in",
        help: "Connects to HOST (port 21 by default) or to the server in an ftp:// URL and logs in: \
               as the user in the URL, else it asks for a name (Enter = anonymous) and a password. \
               A URL path that names a directory becomes the remote directory.",
        args: &[ArgKind::Host, ArgKind::Text],
        min_args: 1,
        max_args: 2,
        needs_connection: false,
        run: conn::open,
    },
    CommandSpec {
        name: "user",
        aliases: &["login"],
        usage: "user NAME [PASSWORD]",
        summary: "log in as another user",
        help: "Logs in as NAME, asking for the password without echo when it is not given. \
               A line that carries a password is never saved in the history.",
        args: &[ArgKind::Text, ArgKind::Password],
        min_args: 1,
        max_args: 2,
        needs_connection: true,
        run: conn::user,
    },
    CommandSpec {
        name: "close",
        aliases: &["disconnect"],
        usage: "close",
        summary: "close the connection, stay in the shell",
        help: "Sends QUIT and closes the connection; the shell stays open.",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: true,
        run: conn::close,
    },
    CommandSpec {
        name: "bye",
        aliases: &["quit", "exit"],
        usage: "bye",
        summary: "close the connection and leave the shell",
        help: "Sends QUIT if connected and ends the shell (Ctrl-D does the same).",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: false,
        run: conn::bye,
    },
    CommandSpec {
        name: "bookmark",
        aliases: &[],
        usage: "bookmark add [-p] NAME [URL] | bookmark list | bookmark del NAME",
        summary: "name servers to open them by name",
        help: "`bookmark add NAME [URL]` saves URL (default: the current connection and remote \
               directory) as NAME; `open NAME` and `ftpsh NAME` then connect to it. Passwords are \
               saved only with -p, in a file only you can read. Bookmarks live in \
               ftpsh/bookmarks.toml in your config directory.",
        args: &[ArgKind::Choice(BOOKMARK_VERBS), ArgKind::Text],
        min_args: 1,
        max_args: 4,
        needs_connection: false,
        run: bookmark::bookmark,
    },
    CommandSpec {
        name: "source",
        aliases: &[],
        usage: "source FILE",
        summary: "run the commands in a local file",
        help: "Runs FILE as a script: the first failing command stops it (with its line number) \
               and `source` fails with that error.",
        args: &[ArgKind::LocalPath],
        min_args: 1,
        max_args: 1,
        needs_connection: false,
        run: conn::source,
    },
    CommandSpec {
        name: "pwd",
        aliases: &[],
        usage: "pwd",
        summary: "print the remote working directory",
        help: "Asks the server for the current remote directory (PWD).",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: true,
        run: nav::pwd,
    },
    CommandSpec {
        name: "cd",
        aliases: &["cwd"],
        usage: "cd DIR",
        summary: "change the remote working directory",
        help: "Changes the remote directory (CWD). `cd ..` goes up one level.",
        args: &[ArgKind::RemoteDir],
        min_args: 1,
        max_args: 1,
        needs_connection: true,
        run: nav::cd,
    },
    CommandSpec {
        name: "cdup",
        aliases: &[],
        usage: "cdup",
        summary: "go to the parent remote directory",
        help: "Changes to the parent of the remote directory (CDUP).",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: true,
        run: nav::cdup,
    },
    CommandSpec {
        name: "lcd",
        aliases: &[],
        usage: "lcd [DIR]",
        summary: "change the local working directory",
        help: "Changes the local directory; without DIR, goes to your home directory.",
        args: &[ArgKind::LocalDir],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: nav::lcd,
    },
    CommandSpec {
        name: "lpwd",
        aliases: &[],
        usage: "lpwd",
        summary: "print the local working directory",
        help: "Prints the local working directory.",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: false,
        run: nav::lpwd,
    },
    CommandSpec {
        name: "ls",
        aliases: &[],
        usage: "ls [-h] [--json] [PATH]",
        summary: "list a remote directory",
        help: "Lists PATH or the remote directory (LIST). On a terminal the listing is parsed and \
               shown in aligned columns, coloured by kind (directories, links, executables); -h \
               shows sizes as KiB, MiB, ... Lines that do not parse, and output that is not a \
               terminal, are shown as the server sent them.",
        args: &[ArgKind::RemotePath],
        min_args: 0,
        max_args: 2,
        needs_connection: true,
        run: fs::ls,
    },
    CommandSpec {
        name: "dir",
        aliases: &[],
        usage: "dir [PATH]",
        summary: "list a remote directory, server's format",
        help: "Prints the server's raw listing (LIST) of PATH or of the remote directory.",
        args: &[ArgKind::RemotePath],
        min_args: 0,
        max_args: 1,
        needs_connection: true,
        run: fs::dir,
    },
    CommandSpec {
        name: "nlist",
        aliases: &["nls"],
        usage: "nlist [PATH]",
        summary: "list remote names only",
        help: "Prints only the names in PATH or in the remote directory (NLST).",
        args: &[ArgKind::RemotePath],
        min_args: 0,
        max_args: 1,
        needs_connection: true,
        run: fs::nlist,
    },
    CommandSpec {
        name: "get",
        aliases: &["recv"],
        usage: "get [-c] [-f] [-r] [-P N] REMOTE [LOCAL]",
        summary: "download a file (or a tree with -r)",
        help: "Downloads REMOTE to LOCAL (default: the remote file's name in the local directory; \
               `-` writes to stdout). The data goes to LOCAL.part and is renamed to LOCAL only \
               when complete and verified (size, and a checksum when the server offers one), so \
               a failed download never leaves a half-written LOCAL; -c resumes a LOCAL.part. An \
               existing LOCAL is replaced only after you confirm, or with -f. The local file gets \
               the server's modification time. -r downloads a directory tree, -P N over N \
               parallel connections.",
        args: &[ArgKind::RemotePath, ArgKind::LocalPath],
        min_args: 1,
        max_args: ANY,
        needs_connection: true,
        run: xfer::get,
    },
    CommandSpec {
        name: "put",
        aliases: &["send"],
        usage: "put [-c] [-r] [-P N] LOCAL [REMOTE]",
        summary: "upload a file (or a tree with -r)",
        help: "Uploads LOCAL to REMOTE (default: the local file's name in the remote directory), \
               then checks the server's size (and checksum when offered). -c continues from the \
               size the remote file already has. -r uploads a directory tree, creating \
               directories, -P N over N parallel connections.",
        args: &[ArgKind::LocalPath, ArgKind::RemotePath],
        min_args: 1,
        max_args: ANY,
        needs_connection: true,
        run: xfer::put,
    },
    CommandSpec {
        name: "reget",
        aliases: &[],
        usage: "reget [-f] REMOTE [LOCAL]",
        summary: "resume a download",
        help: "Continues a download from what LOCAL.part already holds (REST), as `get -c`.",
        args: &[ArgKind::RemotePath, ArgKind::LocalPath],
        min_args: 1,
        max_args: 3,
        needs_connection: true,
        run: xfer::reget,
    },
    CommandSpec {
        name: "reput",
        aliases: &[],
        usage: "reput LOCAL [REMOTE]",
        summary: "resume an upload",
        help: "Continues an upload from the size the remote file already has, as `put -c`.",
        args: &[ArgKind::LocalPath, ArgKind::RemotePath],
        min_args: 1,
        max_args: 2,
        needs_connection: true,
        run: xfer::reput,
    },
    CommandSpec {
        name: "append",
        aliases: &[],
        usage: "append LOCAL [REMOTE]",
        summary: "append a local file to a remote one",
        help: "Adds LOCAL to the end of REMOTE (APPE), creating it if needed.",
        args: &[ArgKind::LocalPath, ArgKind::RemotePath],
        min_args: 1,
        max_args: 2,
        needs_connection: true,
        run: xfer::append,
    },
    CommandSpec {
        name: "newer",
        aliases: &[],
        usage: "newer REMOTE [LOCAL]",
        summary: "download only if the remote file is newer",
        help: "Downloads REMOTE when LOCAL is missing or older than the server's copy (MDTM); \
               replaces LOCAL without asking.",
        args: &[ArgKind::RemotePath, ArgKind::LocalPath],
        min_args: 1,
        max_args: 2,
        needs_connection: true,
        run: xfer::newer,
    },
    CommandSpec {
        name: "mget",
        aliases: &[],
        usage: "mget [-c] [-f] [-r] [-P N] PATTERN...",
        summary: "download files matching patterns",
        help: "Downloads every remote file matching the patterns (`*`, `?`, `[...]`, `{a,b}`, \
               matched against the listing) into the local directory. With `prompt` on, asks \
               for each file. Existing local files are kept unless -f; -c resumes .part files; \
               -r includes directories (whole trees); -P N uses N parallel connections. Names \
               from the server that are not plain names are skipped and reported.",
        args: &[ArgKind::RemotePath],
        min_args: 1,
        max_args: ANY,
        needs_connection: true,
        run: xfer::mget,
    },
    CommandSpec {
        name: "mput",
        aliases: &[],
        usage: "mput [-c] [-r] [-P N] PATTERN...",
        summary: "upload files matching patterns",
        help: "Uploads every local file matching the patterns into the remote directory. With \
               `prompt` on, asks for each file. -c resumes; -r includes directories; -P N uses \
               N parallel connections.",
        args: &[ArgKind::LocalPath],
        min_args: 1,
        max_args: ANY,
        needs_connection: true,
        run: xfer::mput,
    },
    CommandSpec {
        name: "mirror",
        aliases: &[],
        usage: "mirror [-R] [--delete] [--dry-run] [-n] [-c] [-x GLOB] [-i GLOB] [-P N] [SOURCE [TARGET]]",
        summary: "make a directory tree match another",
        help: "Copies what differs (by size and modification time) from the remote directory SOURCE \
               (default: the remote directory) to the local TARGET (default: the local directory); \
               -R goes from a local SOURCE to a remote TARGET. --delete removes what the source \
               lacks, only inside the target, and never when the source is empty but the target is \
               not; --dry-run shows the plan and changes nothing; -n (--only-newer) copies only \
               newer files; -c (--continue) resumes partial files; -x/--exclude and -i/--include \
               take glob patterns of paths or names; -P N uses N connections. Times from MLSD are \
               UTC; from LIST they are the server's clock, taken as UTC; a minute either way counts \
               as the same. Symbolic links are not followed.",
        args: &[ArgKind::RemoteDir, ArgKind::LocalDir],
        min_args: 0,
        max_args: ANY,
        needs_connection: true,
        run: mirror::mirror,
    },
    CommandSpec {
        name: "mdelete",
        aliases: &["mdel"],
        usage: "mdelete PATTERN...",
        summary: "delete remote files matching patterns",
        help: "Deletes every remote file matching the patterns. With `prompt` on, asks for each.",
        args: &[ArgKind::RemotePath],
        min_args: 1,
        max_args: ANY,
        needs_connection: true,
        run: xfer::mdelete,
    },
    CommandSpec {
        name: "prompt",
        aliases: &[],
        usage: "prompt [on|off]",
        summary: "toggle asking before each file of mget, mput, mdelete",
        help: "On (the default in the interactive shell; always off in scripts), mget, mput and \
               mdelete ask before each file: y(es), n(o), a(ll), q(uit).",
        args: &[ArgKind::Choice(ON_OFF)],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: xfer::prompt,
    },
    CommandSpec {
        name: "hash",
        aliases: &[],
        usage: "hash [on|off]",
        summary: "toggle # marks during transfers",
        help: "Prints a `#` for every MiB transferred instead of a progress bar.",
        args: &[ArgKind::Choice(ON_OFF)],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: xfer::hash,
    },
    CommandSpec {
        name: "verbose",
        aliases: &[],
        usage: "verbose [on|off]",
        summary: "toggle the summary line after transfers",
        help: "On (the default), each transfer ends with one line: size, time, rate, and what \
               was verified.",
        args: &[ArgKind::Choice(ON_OFF)],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: xfer::verbose,
    },
    CommandSpec {
        name: "ascii",
        aliases: &[],
        usage: "ascii",
        summary: "transfer files as text",
        help: "Sets the ASCII type: line endings are converted (LF locally, CRLF on the wire).",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: false,
        run: xfer::ascii,
    },
    CommandSpec {
        name: "binary",
        aliases: &["image"],
        usage: "binary",
        summary: "transfer files byte for byte (default)",
        help: "Sets the binary (image) type: files are copied byte for byte. This is the default.",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: false,
        run: xfer::binary,
    },
    CommandSpec {
        name: "type",
        aliases: &[],
        usage: "type [ascii|binary]",
        summary: "show or set the transfer type",
        help: "Without an argument, shows the transfer type; with one, sets it.",
        args: &[ArgKind::Choice(TYPES)],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: xfer::set_type,
    },
    CommandSpec {
        name: "passive",
        aliases: &["pasv"],
        usage: "passive [on|off]",
        summary: "toggle passive data connections",
        help: "Passive mode (the default) opens data connections to the server (EPSV, else PASV); \
               off means active mode, where the server connects back (PORT/EPRT). Without an \
               argument, toggles.",
        args: &[ArgKind::Choice(ON_OFF)],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: xfer::passive,
    },
    CommandSpec {
        name: "delete",
        aliases: &["rm"],
        usage: "delete PATH",
        summary: "delete a remote file",
        help: "Deletes a remote file (DELE).",
        args: &[ArgKind::RemotePath],
        min_args: 1,
        max_args: 1,
        needs_connection: true,
        run: fs::delete,
    },
    CommandSpec {
        name: "rename",
        aliases: &["mv"],
        usage: "rename FROM TO",
        summary: "rename a remote file or directory",
        help: "Renames or moves a remote file or directory (RNFR, RNTO).",
        args: &[ArgKind::RemotePath, ArgKind::RemotePath],
        min_args: 2,
        max_args: 2,
        needs_connection: true,
        run: fs::rename,
    },
    CommandSpec {
        name: "mkdir",
        aliases: &[],
        usage: "mkdir DIR",
        summary: "create a remote directory",
        help: "Creates a remote directory (MKD).",
        args: &[ArgKind::RemoteDir],
        min_args: 1,
        max_args: 1,
        needs_connection: true,
        run: fs::mkdir,
    },
    CommandSpec {
        name: "rmdir",
        aliases: &[],
        usage: "rmdir DIR",
        summary: "remove an empty remote directory",
        help: "Removes an empty remote directory (RMD).",
        args: &[ArgKind::RemoteDir],
        min_args: 1,
        max_args: 1,
        needs_connection: true,
        run: fs::rmdir,
    },
    CommandSpec {
        name: "size",
        aliases: &[],
        usage: "size PATH",
        summary: "show the size of a remote file",
        help: "Prints the size of a remote file in bytes (SIZE).",
        args: &[ArgKind::RemotePath],
        min_args: 1,
        max_args: 1,
        needs_connection: true,
        run: fs::size,
    },
    CommandSpec {
        name: "modtime",
        aliases: &["mdtm"],
        usage: "modtime PATH",
        summary: "show the modification time of a remote file",
        help: "Prints the modification time of a remote file, in UTC (MDTM).",
        args: &[ArgKind::RemotePath],
        min_args: 1,
        max_args: 1,
        needs_connection: true,
        run: fs::modtime,
    },
    CommandSpec {
        name: "chmod",
        aliases: &[],
        usage: "chmod MODE PATH",
        summary: "change the permissions of a remote file",
        help: "Changes permissions with SITE CHMOD, e.g. `chmod 644 index.html`.",
        args: &[ArgKind::Text, ArgKind::RemotePath],
        min_args: 2,
        max_args: 2,
        needs_connection: true,
        run: fs::chmod,
    },
    CommandSpec {
        name: "site",
        aliases: &[],
        usage: "site COMMAND [ARGS...]",
        summary: "send a SITE command",
        help: "Sends `SITE COMMAND ARGS` and prints the reply.",
        args: &[ArgKind::Text],
        min_args: 1,
        max_args: ANY,
        needs_connection: true,
        run: conn::site,
    },
    CommandSpec {
        name: "quote",
        aliases: &["literal"],
        usage: "quote COMMAND [ARGS...]",
        summary: "send a raw protocol command",
        help: "Sends the words as one raw FTP command and prints the reply, e.g. `quote HELP`. \
               Commands that open a data connection are not supported here.",
        args: &[ArgKind::Text],
        min_args: 1,
        max_args: ANY,
        needs_connection: true,
        run: conn::quote,
    },
    CommandSpec {
        name: "system",
        aliases: &["syst"],
        usage: "system",
        summary: "show the server's operating system",
        help: "Prints the server's reply to SYST.",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: true,
        run: conn::system,
    },
    CommandSpec {
        name: "status",
        aliases: &[],
        usage: "status",
        summary: "show the connection and settings",
        help: "Shows the server, user, remote and local directories, transfer type and data mode.",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: false,
        run: conn::status,
    },
    CommandSpec {
        name: "features",
        aliases: &["feat"],
        usage: "features",
        summary: "list the server's extensions",
        help: "Prints the extensions the server announced (FEAT) at login.",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: true,
        run: conn::features,
    },
    CommandSpec {
        name: "set",
        aliases: &[],
        usage: "set [NAME [VALUE]]",
        summary: "show or change settings",
        help: "Without arguments, lists the settings; with NAME, shows one; with NAME VALUE, \
               changes it for this session. Settings: `prompt` (format with %u user, %h host, \
               %d remote dir shortened, %D remote dir, %l local dir), `completion-timeout` \
               (seconds a remote Tab may take, default 2).",
        args: &[ArgKind::Setting, ArgKind::Text],
        min_args: 0,
        max_args: 2,
        needs_connection: false,
        run: set::set,
    },
    CommandSpec {
        name: "history",
        aliases: &[],
        usage: "history",
        summary: "list the commands typed so far",
        help: "Lists the saved command history, oldest first. Lines that carried a password or \
               started with a space are not in it.",
        args: &[],
        min_args: 0,
        max_args: 0,
        needs_connection: false,
        run: set::history,
    },
    CommandSpec {
        name: "debug",
        aliases: &[],
        usage: "debug [on|off]",
        summary: "toggle the protocol trace",
        help: "Shows every command sent (`---> ...`, the password of PASS as ****) and every reply \
               line received (`<--- ...`) on stderr. Without an argument, toggles.",
        args: &[ArgKind::Choice(ON_OFF)],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: xfer::debug,
    },
    CommandSpec {
        name: "help",
        aliases: &["?"],
        usage: "help [COMMAND]",
        summary: "list commands or explain one",
        help: "Without an argument, lists every command; with one, shows its usage and help.",
        args: &[ArgKind::Command],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: help::help,
    },
    CommandSpec {
        name: "!",
        aliases: &[],
        usage: "!COMMAND | !",
        summary: "run a local shell command",
        help: "Runs COMMAND with the local shell (`sh -c`); a lone `!` starts an interactive shell.",
        args: &[ArgKind::Text],
        min_args: 0,
        max_args: 1,
        needs_connection: false,
        run: conn::shell_escape,
    },
];

/// Whether a command line carries a password (a password argument, or a URL with one), so
/// that it must not be saved in the history.
pub fn carries_password(words: &[String]) -> bool {
    let Some((name, args)) = words.split_first() else {
        return false;
    };
    let Ok(spec) = lookup(name) else { return false };
    args.iter().enumerate().any(|(i, arg)| match spec.arg_kind(i) {
        Some(ArgKind::Password) => true,
        Some(ArgKind::Host) => crate::address::url_has_password(arg),
        _ => false,
    })
}

/// A command's options and the words after them.
#[derive(Debug, Default)]
pub struct Opts {
    flags: Vec<char>,
    /// The value of `-P N`.
    pub parallel: Option<usize>,
    /// The arguments after the options.
    pub rest: Vec<String>,
}

impl Opts {
    /// Whether `-FLAG` was given.
    pub fn has(&self, flag: char) -> bool {
        self.flags.contains(&flag)
    }
}

/// Long options and the letters they stand for.
const LONG: &[(&str, char)] = &[("--json", 'j')];

/// Splits leading options (`-c`, `-cr`, `-P 4`, `-P4`, `--json`; `--` ends them; `-` alone is an
/// argument) from the arguments. Only the letters in `allowed` are accepted; `P` takes a number.
pub fn options(args: &[String], allowed: &str) -> Result<Opts> {
    let mut opts = Opts::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(&(_, c)) = LONG.iter().find(|(long, _)| long == word) {
            if !allowed.contains(c) {
                return Err(bad_usage());
            }
            opts.flags.push(c);
            continue;
        }
        let Some(letters) = word.strip_prefix('-').filter(|l| !l.is_empty()) else {
            opts.rest.push(word.clone());
            break;
        };
        for (i, c) in letters.char_indices() {
            if !allowed.contains(c) {
                return Err(bad_usage());
            }
            if c == 'P' {
                let value = match &letters[i + 1..] {
                    "" => words.next().map(String::as_str).unwrap_or_default(),
                    inline => inline,
                };
                opts.parallel =
                    Some(value.parse().ok().filter(|n| (1..=64).contains(n)).ok_or_else(bad_usage)?);
                break;
            }
            opts.flags.push(c);
        }
    }
    opts.rest.extend(words.cloned());
    Ok(opts)
}

/// The error a handler returns for arguments it cannot use; the dispatcher fills in the usage
/// line from the table.
pub fn bad_usage() -> Error {
    Error::Usage(String::new())
}

/// Finds a command by exact name or alias, then by unique prefix of a name or alias.
pub fn lookup(word: &str) -> Result<&'static CommandSpec> {
    let exact = COMMANDS.iter().find(|c| c.name == word || c.aliases.contains(&word));
    if let Some(c) = exact {
        return Ok(c);
    }
    let matches: Vec<&'static CommandSpec> = COMMANDS
        .iter()
        .filter(|c| c.name.starts_with(word) || c.aliases.iter().any(|a| a.starts_with(word)))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        _ if word.is_empty() => Err(Error::UnknownCommand { name: word.to_string(), suggestion: None }),
        [] => Err(Error::UnknownCommand { name: word.to_string(), suggestion: suggest(word) }),
        many => Err(Error::Ambiguous {
            name: word.to_string(),
            candidates: many.iter().map(|c| c.name.to_string()).collect(),
        }),
    }
}

/// The closest command name or alias, if any is close enough to be a likely typo.
fn suggest(word: &str) -> Option<String> {
    all_names()
        .map(|n| (strsim::damerau_levenshtein(word, n), n))
        .filter(|&(d, _)| d <= 2 && d < word.chars().count())
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n.to_string())
}

/// The names of the settings `set` knows.
pub fn setting_names() -> impl Iterator<Item = &'static str> {
    set::SETTINGS.iter().map(|s| s.name)
}

/// Every name and alias in the table.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
}

/// The command reference in Markdown (docs/COMMANDS.md is this text).
pub fn markdown() -> String {
    let mut s = String::from(
        "# ftpsh commands\n\n<!-- Generated from the command table in src/commands/mod.rs; \
         do not edit. Regenerate with `FTPSH_BLESS=1 cargo test --test docs`. -->\n\n\
         A unique prefix of a name works too (`bin` for `binary`). Arguments follow shell \
         quoting: `get \"my file.txt\"` or `get my\\ file.txt`.\n\n\
         | command | aliases | summary |\n|---|---|---|\n",
    );
    for c in COMMANDS {
        s += &format!("| `{}` | {} | {} |\n", c.name, aliases_md(c), c.summary);
    }
    for c in COMMANDS {
        s += &format!("\n## {}\n\n`{}`\n\n{}\n", c.name, c.usage, c.help);
        if !c.aliases.is_empty() {
            s += &format!("\nAliases: {}.\n", aliases_md(c));
        }
    }
    s
}

fn aliases_md(c: &CommandSpec) -> String {
    c.aliases.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = HashSet::new();
        for n in all_names() {
            assert!(seen.insert(n), "duplicate name {n}");
        }
    }

    #[test]
    fn every_command_is_documented_and_consistent() {
        for c in COMMANDS {
            assert!(c.usage.starts_with(c.name), "{}: usage must start with the name", c.name);
            assert!(!c.summary.is_empty() && !c.help.is_empty(), "{}", c.name);
            assert!(c.min_args <= c.max_args, "{}", c.name);
            assert!(c.max_args == 0 || !c.args.is_empty(), "{}: argument kinds missing", c.name);
        }
    }

    #[test]
    fn prefixes_aliases_and_typos() {
        assert_eq!(lookup("bin").unwrap().name, "binary");
        assert_eq!(lookup("pw").unwrap().name, "pwd");
        assert_eq!(lookup("cd").unwrap().name, "cd");
        assert_eq!(lookup("image").unwrap().name, "binary");
        assert_eq!(lookup("?").unwrap().name, "help");
        assert!(matches!(lookup("c"), Err(Error::Ambiguous { .. })));
        match lookup("pwdd") {
            Err(Error::UnknownCommand { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("pwd"))
            }
            other => panic!("{:?}", other.map(|c| c.name)),
        }
        assert!(matches!(lookup("zzzzzz"), Err(Error::UnknownCommand { suggestion: None, .. })));
        assert!(matches!(lookup(""), Err(Error::UnknownCommand { .. })));
    }
}
