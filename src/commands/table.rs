//! The one command table: every shell command is one [`CommandSpec`] in [`COMMANDS`], with every
//! flag, argument and verb it accepts. Lookup (`mod.rs`), the parser (`parse.rs`), `help`,
//! completion, the history filter and docs/COMMANDS.md read it; nothing else lists commands.

use super::spec::{Action, Arg, ArgKind, CommandSpec, Count, Flag, Syntax, Value, Verb};
use super::{
    bookmark, browse, conn, edit, fs, help, jobs, macros, mirror, naming, nav, pget, server, set, xfer,
};

const TYPES: &[&str] = &["ascii", "binary", "a", "i", "image"];
const ON_OFF: &[&str] = &["on", "off"];
const PARALLEL_RANGE: ArgKind = ArgKind::Number { min: 1, max: 64 };

const fn arg(name: &'static str, kind: ArgKind, count: Count) -> Arg {
    Arg { name, kind, count }
}

const fn flag(short: Option<char>, long: &'static str, help: &'static str) -> Flag {
    Flag { short, long, value: None, repeat: false, help }
}

const fn valued(
    short: Option<char>,
    long: &'static str,
    name: &'static str,
    kind: ArgKind,
    help: &'static str,
) -> Flag {
    Flag { short, long, value: Some(Value { name, kind }), repeat: false, help }
}

const fn repeated(flag: Flag) -> Flag {
    Flag { repeat: true, ..flag }
}

const NONE: Syntax = Syntax { flags: &[], args: &[] };
const ON_OFF_SWITCH: Syntax =
    Syntax { flags: &[], args: &[arg("on|off", ArgKind::Choice(ON_OFF), Count::Optional)] };
const ONE_REMOTE_DIR: Syntax = Syntax { flags: &[], args: &[arg("DIR", ArgKind::RemoteDir, Count::One)] };
const ONE_REMOTE_PATH: Syntax = Syntax { flags: &[], args: &[arg("PATH", ArgKind::RemotePath, Count::One)] };
const OPTIONAL_REMOTE_PATH: Syntax =
    Syntax { flags: &[], args: &[arg("PATH", ArgKind::RemotePath, Count::Optional)] };
const LOCAL_THEN_REMOTE: Syntax = Syntax {
    flags: &[],
    args: &[
        arg("LOCAL", ArgKind::LocalPath, Count::One),
        arg("REMOTE", ArgKind::RemotePath, Count::Optional),
    ],
};
const RAW_COMMAND: Syntax = Syntax {
    flags: &[],
    args: &[arg("COMMAND", ArgKind::Text, Count::One), arg("ARGS", ArgKind::Text, Count::Any)],
};
const GET_CONTINUE: Flag = flag(Some('c'), "continue", "resume what LOCAL.ftpsh.part already holds (REST)");
const PUT_CONTINUE: Flag = flag(Some('c'), "continue", "continue from the size the remote file already has");
const FORCE: Flag = flag(Some('f'), "force", "replace existing local files without asking");
const RECURSIVE: Flag = flag(Some('r'), "recursive", "whole directory trees");
const RAW: Flag = flag(Some('r'), "raw", "pass terminal escapes through as they are (trusted files only)");
const ONE_REMOTE_FILE: Syntax =
    Syntax { flags: &[RAW], args: &[arg("FILE", ArgKind::RemotePath, Count::One)] };
const LISTINGS: Syntax = Syntax { flags: &[], args: &[arg("REMOTE", ArgKind::RemotePath, Count::Many)] };
const FILE_TYPES: &[&str] = &["f", "d"];
const PARALLEL: Flag = valued(
    Some('P'),
    "parallel",
    "N",
    PARALLEL_RANGE,
    "use up to N parallel connections (1 to 64; a few small files use one)",
);

const SEGMENTS: Flag = valued(
    Some('n'),
    "segments",
    "N",
    PARALLEL_RANGE,
    "fetch the file in N segments over N connections (1 to 64)",
);

const MIRROR_FLAGS: &[Flag] = &[
    flag(Some('R'), "reverse", "from a local SOURCE to a remote TARGET"),
    flag(None, "delete", "remove what the source lacks (only inside the target)"),
    flag(None, "dry-run", "show the plan, change nothing"),
    flag(Some('n'), "only-newer", "copy only files newer than the target's"),
    flag(Some('c'), "continue", "resume partial files"),
    repeated(valued(Some('x'), "exclude", "GLOB", ArgKind::Text, "leave out paths or names matching GLOB")),
    repeated(valued(Some('i'), "include", "GLOB", ArgKind::Text, "only paths or names matching GLOB")),
    PARALLEL,
];

const BOOKMARK_VERBS: &[Verb] = &[
    Verb {
        name: "add",
        aliases: &[],
        syntax: Syntax {
            flags: &[flag(
                Some('p'),
                "password",
                "keep the URL's password too (in a file only you can read)",
            )],
            args: &[arg("NAME", ArgKind::Text, Count::One), arg("URL", ArgKind::Url, Count::Optional)],
        },
        run: bookmark::add,
    },
    Verb { name: "list", aliases: &["ls"], syntax: NONE, run: bookmark::list },
    Verb {
        name: "del",
        aliases: &["delete", "rm"],
        syntax: Syntax { flags: &[], args: &[arg("NAME", ArgKind::Text, Count::One)] },
        run: bookmark::delete,
    },
];

const KNOWN_VERBS: &[Verb] = &[
    Verb { name: "list", aliases: &["ls"], syntax: NONE, run: bookmark::known },
    Verb {
        name: "forget",
        aliases: &["del", "rm"],
        syntax: Syntax {
            flags: &[],
            args: &[arg("SERVER", ArgKind::Host, Count::One), arg("PORT", ArgKind::Text, Count::Optional)],
        },
        run: bookmark::forget,
    },
];

/// The commands that may run in the background (`CMD &`) and in the queue: the transfers.
pub const BACKGROUND: &[&str] =
    &["get", "pget", "put", "reget", "reput", "append", "newer", "mget", "mput", "mirror"];
const JOB: Arg = arg("JOB", ArgKind::Number { min: 1, max: u32::MAX as u64 }, Count::Optional);
const PLACE: ArgKind = ArgKind::Number { min: 1, max: u32::MAX as u64 };

/// Every command of the shell, in the order `help` lists them.
pub static COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "open",
        aliases: &["connect"],
        summary: "connect to a server and log in",
        help: "Connects to HOST (port 21 by default) or to the server in an ftp:// URL and logs in: \
               as the user in the URL, else it asks for a name (Enter = anonymous) and a password. \
               A URL path that names a directory becomes the remote directory.",
        needs_connection: false,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[arg("HOST", ArgKind::Host, Count::One), arg("PORT", ArgKind::Text, Count::Optional)],
            },
            conn::open,
        ),
    },
    CommandSpec {
        name: "user",
        aliases: &["login"],
        summary: "log in as another user",
        help: "Logs in as NAME, asking for the password without echo when it is not given. \
               A line that carries a password is never saved in the history.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[
                    arg("NAME", ArgKind::Text, Count::One),
                    arg("PASSWORD", ArgKind::Password, Count::Optional),
                ],
            },
            conn::user,
        ),
    },
    CommandSpec {
        name: "close",
        aliases: &["disconnect"],
        summary: "close the connection, stay in the shell",
        help: "Sends QUIT and closes the connection; the shell stays open.",
        needs_connection: true,
        action: Action::Run(NONE, conn::close),
    },
    CommandSpec {
        name: "bye",
        aliases: &["quit", "exit"],
        summary: "close the connection and leave the shell",
        help: "Sends QUIT if connected and ends the shell (Ctrl-D does the same).",
        needs_connection: false,
        action: Action::Run(NONE, conn::bye),
    },
    CommandSpec {
        name: "bookmark",
        aliases: &[],
        summary: "name servers to open them by name",
        help: "`bookmark add NAME [URL]` saves URL (default: the current connection and remote \
               directory) as NAME; `open NAME` and `ftpsh NAME` then connect to it. Passwords are \
               saved only with -p, in a file only you can read. Bookmarks live in \
               ftpsh/bookmarks.toml in your config directory.",
        needs_connection: false,
        action: Action::Verbs(BOOKMARK_VERBS),
    },
    CommandSpec {
        name: "known",
        aliases: &[],
        summary: "list or forget what is remembered about servers' TLS",
        help: "`known list` shows the servers ftpsh remembers: those that spoke TLS (with the day \
               it was first seen) and the certificates trusted always. A server that spoke TLS once \
               gets TLS or nothing from then on under `tls auto`: if it stops offering TLS (which is \
               what an attacker stripping TLS would make it do), ftpsh refuses to log in instead of \
               sending the password in clear text; `tls off` (flag, `set`, environment or config \
               file) still allows plain FTP. `known forget SERVER [PORT]` forgets both for one \
               server (a host, host:port as listed, a URL or a bookmark). They live in \
               ftpsh/known_tls.toml and ftpsh/known_certificates.toml in your config directory.",
        needs_connection: false,
        action: Action::Verbs(KNOWN_VERBS),
    },
    CommandSpec {
        name: "source",
        aliases: &[],
        summary: "run the commands in a local file",
        help: "Runs FILE as a script: the first failing command stops it (with its line number) \
               and `source` fails with that error.",
        needs_connection: false,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("FILE", ArgKind::LocalPath, Count::One)] },
            conn::source,
        ),
    },
    CommandSpec {
        name: "pwd",
        aliases: &[],
        summary: "print the remote working directory",
        help: "Asks the server for the current remote directory (PWD).",
        needs_connection: true,
        action: Action::Run(NONE, nav::pwd),
    },
    CommandSpec {
        name: "cd",
        aliases: &["cwd"],
        summary: "change the remote working directory",
        help: "Changes the remote directory (CWD). `cd ..` goes up one level.",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_DIR, nav::cd),
    },
    CommandSpec {
        name: "cdup",
        aliases: &[],
        summary: "go to the parent remote directory",
        help: "Changes to the parent of the remote directory (CDUP).",
        needs_connection: true,
        action: Action::Run(NONE, nav::cdup),
    },
    CommandSpec {
        name: "lcd",
        aliases: &[],
        summary: "change the local working directory",
        help: "Changes the local directory; without DIR, goes to your home directory.",
        needs_connection: false,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("DIR", ArgKind::LocalDir, Count::Optional)] },
            nav::lcd,
        ),
    },
    CommandSpec {
        name: "lpwd",
        aliases: &[],
        summary: "print the local working directory",
        help: "Prints the local working directory.",
        needs_connection: false,
        action: Action::Run(NONE, nav::lpwd),
    },
    CommandSpec {
        name: "ls",
        aliases: &[],
        summary: "list a remote directory",
        help: "Lists PATH or the remote directory (LIST). On a terminal the listing is parsed and \
               shown in aligned columns, coloured by kind (directories, links, executables); -h \
               shows sizes as KiB, MiB, ... Lines that do not parse are shown as the server sent \
               them, with a note of how many; output that is not a terminal is the server's lines \
               as they come. The classic flags -a -A -l -t -r -S -d go to the server's ls as BSD \
               ftp sends them (`ls -la` is LIST -la); with them the server's order is kept. \
               --json gives one object per entry, and one with just the raw line for each line \
               not understood.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[
                    flag(Some('h'), "human", "sizes as KiB, MiB, ..."),
                    flag(None, "json", "one JSON object per entry"),
                    flag(Some('a'), "all", "to the server's ls: names starting with a dot too"),
                    flag(Some('A'), "almost-all", "to the server's ls: as -a, without . and .."),
                    flag(Some('l'), "long", "to the server's ls: the long format"),
                    flag(Some('t'), "time", "to the server's ls: newest first"),
                    flag(Some('r'), "reverse", "to the server's ls: the order reversed"),
                    flag(Some('S'), "by-size", "to the server's ls: largest first"),
                    flag(Some('d'), "directory", "to the server's ls: a directory itself, not its contents"),
                ],
                args: &[arg("PATH", ArgKind::RemotePath, Count::Optional)],
            },
            fs::ls,
        ),
    },
    CommandSpec {
        name: "dir",
        aliases: &[],
        summary: "list a remote directory, server's format",
        help: "Prints the server's raw listing (LIST) of PATH or of the remote directory.",
        needs_connection: true,
        action: Action::Run(OPTIONAL_REMOTE_PATH, fs::dir),
    },
    CommandSpec {
        name: "nlist",
        aliases: &["nls"],
        summary: "list remote names only",
        help: "Prints only the names in PATH or in the remote directory (NLST).",
        needs_connection: true,
        action: Action::Run(OPTIONAL_REMOTE_PATH, fs::nlist),
    },
    CommandSpec {
        name: "get",
        aliases: &["recv"],
        summary: "download a file (or a tree with -r)",
        help: "Downloads REMOTE to LOCAL (default: the remote file's name in the local directory; \
               `-` writes to stdout). The data goes to LOCAL.ftpsh.part and is renamed to LOCAL only \
               when complete and verified (size, and a checksum when the server offers one), so \
               a failed download never leaves a half-written LOCAL; -c resumes a LOCAL.ftpsh.part. An \
               existing LOCAL is replaced only after you confirm, or with -f. The local file gets \
               the server's modification time. -r downloads a directory tree, -P N over N \
               parallel connections. -n N fetches one file in N segments at once, as `pget`.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[GET_CONTINUE, FORCE, RECURSIVE, PARALLEL, SEGMENTS],
                args: &[
                    arg("REMOTE", ArgKind::RemotePath, Count::One),
                    arg("LOCAL", ArgKind::LocalPath, Count::Optional),
                ],
            },
            xfer::get,
        ),
    },
    CommandSpec {
        name: "put",
        aliases: &["send"],
        summary: "upload a file (or a tree with -r)",
        help: "Uploads LOCAL to REMOTE (default: the local file's name in the remote directory), \
               then checks the server's size (and checksum when offered). -c continues from the \
               size the remote file already has. -r uploads a directory tree, creating \
               directories, -P N over N parallel connections.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[PUT_CONTINUE, RECURSIVE, PARALLEL],
                args: &[
                    arg("LOCAL", ArgKind::LocalPath, Count::One),
                    arg("REMOTE", ArgKind::RemotePath, Count::Optional),
                ],
            },
            xfer::put,
        ),
    },
    CommandSpec {
        name: "pget",
        aliases: &[],
        summary: "download one file over several connections at once",
        help: "Downloads REMOTE to LOCAL (named as `get` names it) in N segments (default 5), each \
               over a connection of its own that fetches its range with REST, written in place \
               into LOCAL.ftpsh.part. Every segment restarts 4 KiB early and those bytes must match \
               what is already there, so a server that ignores REST is caught; then the whole file \
               is verified (size, and a checksum when the server offers one) and renamed to LOCAL. \
               -c resumes: LOCAL.ftpsh.part.ftpsh.part records which bytes are proven, and only \
               those are kept. Without SIZE or REST, in ASCII type, for files under 128 KiB, or \
               when a restart is not proven, it says so and fetches over one connection.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[SEGMENTS, GET_CONTINUE, FORCE],
                args: &[
                    arg("REMOTE", ArgKind::RemotePath, Count::One),
                    arg("LOCAL", ArgKind::LocalPath, Count::Optional),
                ],
            },
            pget::pget,
        ),
    },
    CommandSpec {
        name: "reget",
        aliases: &[],
        summary: "resume a download",
        help: "Continues a download from what LOCAL.ftpsh.part already holds (REST), as `get -c`. \
               A partial LOCAL another client left under the final name is continued too, when \
               the server's copy goes on from it.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[FORCE],
                args: &[
                    arg("REMOTE", ArgKind::RemotePath, Count::One),
                    arg("LOCAL", ArgKind::LocalPath, Count::Optional),
                ],
            },
            xfer::reget,
        ),
    },
    CommandSpec {
        name: "reput",
        aliases: &[],
        summary: "resume an upload",
        help: "Continues an upload from the size the remote file already has, as `put -c`.",
        needs_connection: true,
        action: Action::Run(LOCAL_THEN_REMOTE, xfer::reput),
    },
    CommandSpec {
        name: "append",
        aliases: &[],
        summary: "append a local file to a remote one",
        help: "Adds LOCAL to the end of REMOTE (APPE), creating it if needed.",
        needs_connection: true,
        action: Action::Run(LOCAL_THEN_REMOTE, xfer::append),
    },
    CommandSpec {
        name: "newer",
        aliases: &[],
        summary: "download only if the remote file is newer",
        help: "Downloads REMOTE when LOCAL is missing or older than the server's copy (MDTM); \
               replaces LOCAL without asking.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[
                    arg("REMOTE", ArgKind::RemotePath, Count::One),
                    arg("LOCAL", ArgKind::LocalPath, Count::Optional),
                ],
            },
            xfer::newer,
        ),
    },
    CommandSpec {
        name: "mget",
        aliases: &[],
        summary: "download files matching patterns",
        help: "Downloads every remote file matching the patterns (`*`, `?`, `[...]`, `{a,b}`, \
               matched against the listing) into the local directory. With `prompt` on, asks \
               for each file. Existing local files are kept unless -f; -c resumes partial (.ftpsh.part) files; \
               -r includes directories (whole trees); -P N uses up to N parallel connections. Names \
               from the server that are not plain names are skipped and reported.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[GET_CONTINUE, FORCE, RECURSIVE, PARALLEL],
                args: &[arg("PATTERN", ArgKind::RemoteGlob, Count::Many)],
            },
            xfer::mget,
        ),
    },
    CommandSpec {
        name: "mput",
        aliases: &[],
        summary: "upload files matching patterns",
        help: "Uploads every local file matching the patterns into the remote directory. With \
               `prompt` on, asks for each file. -c resumes; -r includes directories; -P N uses \
               N parallel connections.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[PUT_CONTINUE, RECURSIVE, PARALLEL],
                args: &[arg("PATTERN", ArgKind::LocalGlob, Count::Many)],
            },
            xfer::mput,
        ),
    },
    CommandSpec {
        name: "mirror",
        aliases: &[],
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
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: MIRROR_FLAGS,
                args: &[
                    arg("SOURCE", ArgKind::RemoteDir, Count::Optional),
                    arg("TARGET", ArgKind::LocalDir, Count::Optional),
                ],
            },
            mirror::mirror,
        ),
    },
    CommandSpec {
        name: "mdelete",
        aliases: &["mdel"],
        summary: "delete remote files matching patterns",
        help: "Deletes every remote file matching the patterns. With `prompt` on, asks for each.",
        needs_connection: true,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("PATTERN", ArgKind::RemoteGlob, Count::Many)] },
            xfer::mdelete,
        ),
    },
    CommandSpec {
        name: "prompt",
        aliases: &[],
        summary: "toggle asking before each file of mget, mput, mdelete",
        help: "On (the default in the interactive shell; always off in scripts), mget, mput and \
               mdelete ask before each file: y(es), n(o), a(ll), q(uit).",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, xfer::prompt),
    },
    CommandSpec {
        name: "hash",
        aliases: &[],
        summary: "toggle # marks during transfers",
        help: "Prints a `#` for every MiB transferred instead of a progress bar.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, xfer::hash),
    },
    CommandSpec {
        name: "verbose",
        aliases: &[],
        summary: "toggle the summary line after transfers",
        help: "On (the default), each transfer ends with one line: size, time, rate, and what \
               was verified.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, xfer::verbose),
    },
    CommandSpec {
        name: "ascii",
        aliases: &[],
        summary: "transfer files as text",
        help: "Sets the ASCII type: line endings are converted (LF locally, CRLF on the wire).",
        needs_connection: false,
        action: Action::Run(NONE, xfer::ascii),
    },
    CommandSpec {
        name: "binary",
        aliases: &["image"],
        summary: "transfer files byte for byte (default)",
        help: "Sets the binary (image) type: files are copied byte for byte. This is the default.",
        needs_connection: false,
        action: Action::Run(NONE, xfer::binary),
    },
    CommandSpec {
        name: "type",
        aliases: &[],
        summary: "show or set the transfer type",
        help: "Without an argument, shows the transfer type; with one, sets it.",
        needs_connection: false,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("ascii|binary", ArgKind::Choice(TYPES), Count::Optional)] },
            xfer::set_type,
        ),
    },
    CommandSpec {
        name: "passive",
        aliases: &["pasv"],
        summary: "toggle passive data connections",
        help: "Passive mode (the default) opens data connections to the server (EPSV, else PASV); \
               off means active mode, where the server connects back (PORT/EPRT). Without an \
               argument, toggles.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, xfer::passive),
    },
    CommandSpec {
        name: "delete",
        aliases: &["rm"],
        summary: "delete a remote file",
        help: "Deletes a remote file (DELE).",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_PATH, fs::delete),
    },
    CommandSpec {
        name: "rename",
        aliases: &["mv"],
        summary: "rename a remote file or directory",
        help: "Renames or moves a remote file or directory (RNFR, RNTO).",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[
                    arg("FROM", ArgKind::RemotePath, Count::One),
                    arg("TO", ArgKind::RemotePath, Count::One),
                ],
            },
            fs::rename,
        ),
    },
    CommandSpec {
        name: "mkdir",
        aliases: &[],
        summary: "create a remote directory",
        help: "Creates a remote directory (MKD).",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_DIR, fs::mkdir),
    },
    CommandSpec {
        name: "rmdir",
        aliases: &[],
        summary: "remove an empty remote directory",
        help: "Removes an empty remote directory (RMD).",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_DIR, fs::rmdir),
    },
    CommandSpec {
        name: "size",
        aliases: &[],
        summary: "show the size of a remote file",
        help: "Prints the size of a remote file in bytes (SIZE).",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_PATH, fs::size),
    },
    CommandSpec {
        name: "modtime",
        aliases: &["mdtm"],
        summary: "show the modification time of a remote file",
        help: "Prints the modification time of a remote file, in UTC (MDTM).",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_PATH, fs::modtime),
    },
    CommandSpec {
        name: "chmod",
        aliases: &[],
        summary: "change the permissions of a remote file",
        help: "Changes permissions with SITE CHMOD, e.g. `chmod 644 index.html`.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[arg("MODE", ArgKind::Text, Count::One), arg("PATH", ArgKind::RemotePath, Count::One)],
            },
            fs::chmod,
        ),
    },
    CommandSpec {
        name: "site",
        aliases: &[],
        summary: "send a SITE command",
        help: "Sends `SITE COMMAND ARGS` and prints the reply.",
        needs_connection: true,
        action: Action::Run(RAW_COMMAND, conn::site),
    },
    CommandSpec {
        name: "quote",
        aliases: &["literal"],
        summary: "send a raw protocol command",
        help: "Sends the words as one raw FTP command and prints the reply, e.g. `quote HELP`. \
               Commands that open a data connection are not supported here.",
        needs_connection: true,
        action: Action::Run(RAW_COMMAND, conn::quote),
    },
    CommandSpec {
        name: "system",
        aliases: &["syst"],
        summary: "show the server's operating system",
        help: "Prints the server's reply to SYST.",
        needs_connection: true,
        action: Action::Run(NONE, conn::system),
    },
    CommandSpec {
        name: "status",
        aliases: &[],
        summary: "show the connection and settings",
        help: "Shows the server, user, remote and local directories, transfer type and data mode.",
        needs_connection: false,
        action: Action::Run(NONE, conn::status),
    },
    CommandSpec {
        name: "features",
        aliases: &["feat"],
        summary: "list the server's extensions",
        help: "Prints the extensions the server announced (FEAT) at login.",
        needs_connection: true,
        action: Action::Run(NONE, conn::features),
    },
    CommandSpec {
        name: "set",
        aliases: &[],
        summary: "show or change settings",
        help: "Without arguments, lists the settings; with NAME, shows one; with NAME VALUE, \
               changes it for this session. Settings: `prompt` (format with %u user, %h host, \
               %d remote dir shortened, %D remote dir, %l local dir), `completion-timeout` \
               (seconds a remote Tab may take, default 2), `rate-limit` and `total-rate-limit` \
               (bytes per second: 2M, 500K, UP:DOWN, 0 for none), `transfer-log` (on, off or a \
               file), `queue-parallel` (queue entries at a time).",
        needs_connection: false,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[
                    arg("NAME", ArgKind::Setting, Count::Optional),
                    arg("VALUE", ArgKind::Text, Count::Optional),
                ],
            },
            set::set,
        ),
    },
    CommandSpec {
        name: "history",
        aliases: &[],
        summary: "list the commands typed so far",
        help: "Lists the saved command history, oldest first. Lines that carried a password or \
               started with a space are not in it.",
        needs_connection: false,
        action: Action::Run(NONE, set::history),
    },
    CommandSpec {
        name: "debug",
        aliases: &[],
        summary: "toggle the protocol trace",
        help: "Shows every command sent (`---> ...`, the password of PASS as ****) and every reply \
               line received (`<--- ...`) on stderr. Without an argument, toggles.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, xfer::debug),
    },
    CommandSpec {
        name: "help",
        aliases: &["?"],
        summary: "list commands or explain one",
        help: "Without an argument, lists every command's name in columns (-l: with a line \
               each); with one, shows its usage, help and options.",
        needs_connection: false,
        action: Action::Run(
            Syntax {
                flags: &[flag(Some('l'), "long", "every command with its one-line summary")],
                args: &[arg("COMMAND", ArgKind::Command, Count::Optional)],
            },
            help::help,
        ),
    },
    CommandSpec {
        name: "!",
        aliases: &[],
        summary: "run a local shell command",
        help: "Runs COMMAND with the local shell (`sh -c`); a lone `!` starts an interactive shell.",
        needs_connection: false,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("COMMAND", ArgKind::Text, Count::Optional)] },
            conn::shell_escape,
        ),
    },
    CommandSpec {
        name: "cat",
        aliases: &[],
        summary: "print a remote file",
        help: "Prints FILE on stdout, read as `get FILE -` reads it (no local file, no progress \
               bar). On a terminal, escape sequences and other control characters in it are shown \
               (`\\x1b`), not run; -r passes them through.",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_FILE, browse::cat),
    },
    CommandSpec {
        name: "page",
        aliases: &["more"],
        summary: "show a remote file through the pager",
        help: "Shows FILE through your pager ($PAGER, else more) when stdout is a terminal, fed \
               through a pipe (no temporary file); elsewhere prints it as `cat` does. Escape \
               sequences are shown, not run, unless -r (e.g. for `PAGER='less -R'`). Quitting \
               the pager early ends the download.",
        needs_connection: true,
        action: Action::Run(ONE_REMOTE_FILE, browse::page),
    },
    CommandSpec {
        name: "lpage",
        aliases: &[],
        summary: "show a local file through the pager",
        help: "Shows a local FILE through your pager ($PAGER, else more) on a terminal; prints it \
               elsewhere.",
        needs_connection: false,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("FILE", ArgKind::LocalPath, Count::One)] },
            browse::lpage,
        ),
    },
    CommandSpec {
        name: "lls",
        aliases: &[],
        summary: "list a local directory",
        help: "Runs the local `ls` with the words given (`lls -l`, `lls *.txt`).",
        needs_connection: false,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("ARGS", ArgKind::LocalPath, Count::Any)] },
            browse::lls,
        ),
    },
    CommandSpec {
        name: "mls",
        aliases: &[],
        summary: "list names of several remote paths into a file",
        help: "`mls REMOTE... LOCAL` lists the names (NLST) in each REMOTE path into the local \
               file LOCAL, the last word (`-`: the screen). LOCAL is written in full or not at all; an existing one is \
               replaced only after you confirm.",
        needs_connection: true,
        action: Action::Run(LISTINGS, browse::mls),
    },
    CommandSpec {
        name: "mdir",
        aliases: &[],
        summary: "list several remote paths into a file",
        help: "`mdir REMOTE... LOCAL` lists each REMOTE path as the server formats it (LIST) \
               into the local file LOCAL, the last word (`-`: the screen). LOCAL is written in full or not at all; an \
               existing one is replaced only after you confirm.",
        needs_connection: true,
        action: Action::Run(LISTINGS, browse::mdir),
    },
    CommandSpec {
        name: "du",
        aliases: &[],
        summary: "show how many bytes remote trees hold",
        help: "Walks each remote PATH (default: the remote directory) and prints the bytes in \
               every directory, each after the directories inside it; -s prints only each PATH's \
               total, -h sizes as KiB, MiB, ... Symbolic links are not followed. A directory that \
               could not be read completely is reported, the totals above it are shown as `>=N` \
               (at least N), and du fails.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[
                    flag(Some('h'), "human", "sizes as KiB, MiB, ..."),
                    flag(Some('s'), "summarize", "only the total of each PATH"),
                ],
                args: &[arg("PATH", ArgKind::RemoteDir, Count::Any)],
            },
            browse::du,
        ),
    },
    CommandSpec {
        name: "find",
        aliases: &[],
        summary: "list every path below remote directories",
        help: "Walks each remote PATH (default: the remote directory) and prints every path in it, \
               depth first: with --name (or -name, as find(1) has it) only those whose name \
               matches the glob PATTERN, with --type only files (f) or directories (d). Symbolic \
               links are listed, not followed. A directory that could not be read is reported and \
               find fails.",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[
                    valued(
                        None,
                        "name",
                        "PATTERN",
                        ArgKind::Text,
                        "only names matching PATTERN (*, ?, [...])",
                    ),
                    valued(
                        None,
                        "type",
                        "TYPE",
                        ArgKind::Choice(FILE_TYPES),
                        "only files (f) or directories (d)",
                    ),
                ],
                args: &[arg("PATH", ArgKind::RemoteDir, Count::Any)],
            },
            browse::find,
        ),
    },
    CommandSpec {
        name: "edit",
        aliases: &[],
        summary: "edit a remote file with your editor",
        help: "Fetches FILE into a private temporary directory, runs your editor ($VISUAL, else \
               $EDITOR, else vi) on it and, only if you changed it, uploads it as \
               FILE.ftpsh.part beside FILE (verified) and renames that over FILE. If FILE changed \
               on the server meanwhile (size, time or checksum; its content when the server tells \
               none of these), nothing is uploaded and your copy is kept where the message says. \
               The new FILE has the server's default permissions. The temporary directory is \
               removed afterwards.",
        needs_connection: true,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("FILE", ArgKind::RemotePath, Count::One)] },
            edit::edit,
        ),
    },
    CommandSpec {
        name: "macdef",
        aliases: &[],
        summary: "define a macro",
        help: "Records the lines that follow, up to an empty line, as the macro NAME; `$ NAME` \
               runs them. In them `$1` to `$9` are the arguments of `$`, `$i` each argument in \
               turn (the macro runs once per argument), and `\\$` a plain `$`. Without NAME, \
               lists the macros. A `macdef` in ~/.netrc defines a macro for its machine, and one \
               named `init` runs after logging in to it (in the shell, not in one-shot commands).",
        needs_connection: false,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("NAME", ArgKind::Text, Count::Optional)] },
            macros::macdef,
        ),
    },
    CommandSpec {
        name: "$",
        aliases: &[],
        summary: "run a macro",
        help: "Runs the macro NAME (see `macdef`) with ARGS; its first failing line stops it.",
        needs_connection: false,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[arg("NAME", ArgKind::Text, Count::One), arg("ARGS", ArgKind::Text, Count::Any)],
            },
            macros::run,
        ),
    },
    CommandSpec {
        name: "glob",
        aliases: &[],
        summary: "toggle patterns in mget, mput, mdelete",
        help: "On (the default), mget, mput and mdelete expand `*`, `?`, `[...]` and `{a,b}`; off, \
               each word is one literal name. Without an argument, toggles.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, naming::glob),
    },
    CommandSpec {
        name: "case",
        aliases: &[],
        summary: "toggle saving uppercase remote names in lowercase",
        help: "On (default off), get and mget save a remote file whose name has only uppercase \
               letters under the lowercase name (README.TXT as readme.txt). Without an argument, \
               toggles.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, naming::case),
    },
    CommandSpec {
        name: "runique",
        aliases: &[],
        summary: "toggle unique local names for downloads",
        help: "On (default off), get and mget save to NAME.1, NAME.2, ... (up to .99) when NAME \
               exists locally, instead of asking or refusing. Without an argument, toggles.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, naming::runique),
    },
    CommandSpec {
        name: "sunique",
        aliases: &[],
        summary: "toggle unique remote names for uploads",
        help: "On (default off), put and mput (not -r) store as NAME.1, NAME.2, ... (up to .99) \
               when the remote directory already has NAME, as listed just before the upload \
               (ftpsh picks the name; a file created by someone else in between could still be \
               replaced). Without an argument, toggles.",
        needs_connection: false,
        action: Action::Run(ON_OFF_SWITCH, naming::sunique),
    },
    CommandSpec {
        name: "reset",
        aliases: &[],
        summary: "start the control connection afresh",
        help: "Closes the control connection and opens a new one, logged in again in the same \
               directory: whatever was out of step (a late reply) is gone.",
        needs_connection: true,
        action: Action::Run(NONE, server::reset),
    },
    CommandSpec {
        name: "idle",
        aliases: &[],
        summary: "show or set the server's idle timeout",
        help: "Shows the server's inactivity timeout, or sets it to SECONDS (SITE IDLE).",
        needs_connection: true,
        action: Action::Run(
            Syntax {
                flags: &[],
                args: &[arg("SECONDS", ArgKind::Number { min: 1, max: 86_400 }, Count::Optional)],
            },
            server::idle,
        ),
    },
    CommandSpec {
        name: "rstatus",
        aliases: &[],
        summary: "show the server's status, or a remote file's",
        help: "Shows the server's status, or what it says about PATH (STAT).",
        needs_connection: true,
        action: Action::Run(OPTIONAL_REMOTE_PATH, server::rstatus),
    },
    CommandSpec {
        name: "umask",
        aliases: &[],
        summary: "show or set the server's umask",
        help: "Shows the server's file creation mask, or sets it to MASK, e.g. `umask 022` \
               (SITE UMASK).",
        needs_connection: true,
        action: Action::Run(
            Syntax { flags: &[], args: &[arg("MASK", ArgKind::Text, Count::Optional)] },
            server::umask,
        ),
    },
    CommandSpec {
        name: "jobs",
        aliases: &[],
        summary: "list the background jobs",
        help: "Lists the background jobs (a transfer command ending in `&`, or a queued one): \
               number, state, bytes done of the total known so far, rate, time left, command. \
               Jobs that ended are listed once more, then forgotten.",
        needs_connection: false,
        action: Action::Run(NONE, jobs::jobs),
    },
    CommandSpec {
        name: "fg",
        aliases: &[],
        summary: "follow a background job's progress",
        help: "Shows the progress bar of job JOB (default: the newest running one) until it ends, \
               then its summary. Ctrl-C then cancels the job, as it would a transfer started in \
               the foreground (its partial file is kept: `get -c` resumes it).",
        needs_connection: false,
        action: Action::Run(Syntax { flags: &[], args: &[JOB] }, jobs::fg),
    },
    CommandSpec {
        name: "kill",
        aliases: &[],
        summary: "cancel a background job",
        help: "Cancels job JOB (default: the newest running one). A download's partial file \
               (NAME.ftpsh.part) is kept, so `get -c` resumes it later.",
        needs_connection: false,
        action: Action::Run(Syntax { flags: &[], args: &[JOB] }, jobs::kill),
    },
    CommandSpec {
        name: "wait",
        aliases: &[],
        summary: "wait for background jobs to end",
        help: "Waits until job JOB ends, or without JOB every job and the whole queue, and shows \
               what they did. Ctrl-C stops the waiting, not the jobs.",
        needs_connection: false,
        action: Action::Run(Syntax { flags: &[], args: &[JOB] }, jobs::wait),
    },
    CommandSpec {
        name: "queue",
        aliases: &[],
        summary: "queue transfers to run one after another",
        help: "`queue COMMAND [ARGS...]` adds a transfer command (get, put, mget, mput, mirror, \
               ...) to the queue, which runs its entries in order in the background, \
               `queue-parallel` at a time (`set queue-parallel N`), each on a connection of its \
               own; a running entry is a job (`jobs`, `fg`, `kill`). An entry whose connection is \
               lost, or cannot be made, is tried again after a pause, resuming (-c), up to 5 \
               times. Without arguments, shows the entries waiting; -d N removes entry N; \
               -m N M moves entry N to place M.",
        needs_connection: false,
        action: Action::Run(
            Syntax {
                flags: &[
                    valued(Some('d'), "delete", "N", PLACE, "remove entry N from the queue"),
                    valued(Some('m'), "move", "N", PLACE, "move entry N to the place given after it (M)"),
                ],
                args: &[
                    arg("COMMAND", ArgKind::Command, Count::Optional),
                    arg("ARGS", ArgKind::Text, Count::Any),
                ],
            },
            jobs::queue,
        ),
    },
];
