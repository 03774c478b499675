//! The process command line (clap derive). Declarations only: no I/O.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::settings::ProgressMode;
use crate::tls::Policy;

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// An interactive FTP shell: classic ftp commands, safe transfers, scriptable.
///
/// With HOST, URL or a bookmark name, connects and logs in at once. Commands come from the
/// terminal, from stdin when it is not a terminal, from -f FILE or from -c; in a script the
/// first failing command stops it with its exit code. The subcommands run one transfer or
/// operation straight from the command line.
#[derive(Debug, Parser)]
#[command(name = "ftpsh", version, about)]
pub struct Cli {
    /// A one-shot command instead of the shell
    #[command(subcommand)]
    pub command: Option<OneShot>,

    #[arg(
        value_name = "HOST|URL|BOOKMARK",
        help = "Server to connect to: HOST, ftp://[USER[:PASSWORD]@]HOST[:PORT][/PATH], or a bookmark name"
    )]
    pub target: Option<String>,

    /// Control port (with HOST; default 21)
    #[arg(value_name = "PORT")]
    pub port: Option<String>,

    /// User to log in as (when the URL names none)
    #[arg(short, long, value_name = "USER", global = true)]
    pub user: Option<String>,

    /// Do not log in automatically after connecting
    #[arg(short = 'n', long)]
    pub no_login: bool,

    /// Run the commands in FILE as a script
    #[arg(short = 'f', long = "file", value_name = "FILE", conflicts_with = "commands")]
    pub script: Option<PathBuf>,

    /// Run these commands (separated by `;`) as a script
    #[arg(short = 'c', long = "commands", value_name = "COMMANDS")]
    pub commands: Option<String>,

    /// In a script, run on after a failing command (the exit status still reports it)
    #[arg(short = 'k', long)]
    pub keep_going: bool,

    /// In a script, echo each command before running it
    #[arg(short = 'v', long)]
    pub verbose: bool,

    /// When to use colour [default: auto]
    #[arg(long, value_enum, value_name = "WHEN", global = true)]
    pub color: Option<ColorChoice>,

    /// How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]
    #[arg(long, value_enum, value_name = "MODE", global = true)]
    pub progress: Option<ProgressMode>,

    /// When to use TLS: auto (when the server offers it), required, off [default: auto]
    #[arg(long, value_enum, value_name = "POLICY", global = true)]
    pub tls: Option<Policy>,

    /// Trust the certificates in this PEM file too
    #[arg(long, value_name = "PEM", global = true)]
    pub ca_file: Option<PathBuf>,

    /// Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)
    #[arg(long, value_name = "SHA256:HEX", global = true)]
    pub pin: Vec<String>,

    /// Accept any certificate (no verification at all)
    #[arg(long, global = true)]
    pub insecure: bool,

    /// Seconds one reply, or a pause in a data transfer, may take [default: 120]
    #[arg(long, value_name = "SECONDS", global = true)]
    pub timeout: Option<String>,

    /// Seconds connecting may take [default: 15]
    #[arg(long, value_name = "SECONDS", global = true)]
    pub connect_timeout: Option<String>,

    /// How often a transfer that broke off is resumed before it fails [default: 3]
    #[arg(long, value_name = "N", global = true)]
    pub retries: Option<String>,

    /// Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]
    #[arg(long, value_name = "RATE", global = true)]
    pub limit_rate: Option<String>,

    /// Bytes per second all transfers together may move, as --limit-rate
    #[arg(long, value_name = "RATE", global = true)]
    pub total_limit_rate: Option<String>,

    /// Show every command sent and reply received (passwords masked)
    #[arg(long, global = true)]
    pub debug: bool,

    /// Machine-readable output (JSON lines) from one-shot commands
    #[arg(long, global = true)]
    pub json: bool,
}

/// Commands that do one thing and exit.
#[derive(Debug, Subcommand)]
pub enum OneShot {
    /// Download files: `ftpsh get ftp://host/path/file...`
    Get {
        /// ftp:// URLs of the files; several for one server share one connection
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
        /// Write the (single) file to FILE; `-` for stdout
        #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "dir")]
        output: Option<String>,
        /// Write the files into DIR
        #[arg(short = 'O', long = "output-dir", value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Resume partial downloads (FILE.ftpsh.part)
        #[arg(short = 'c', long = "continue")]
        resume: bool,
        /// Replace existing local files
        #[arg(short, long)]
        force: bool,
        /// Download directories with everything in them
        #[arg(short, long)]
        recursive: bool,
    },
    /// Upload files: `ftpsh put FILE... ftp://host/dir/`
    Put {
        /// The local files, then the URL of the remote directory (or of the file, for one)
        #[arg(required = true, num_args = 2.., value_name = "FILE... URL")]
        args: Vec<String>,
        /// Resume from the size the remote file already has
        #[arg(short = 'c', long = "continue")]
        resume: bool,
    },
    /// List a remote directory
    Ls {
        /// ftp:// URL of the directory
        url: String,
    },
    /// Write a remote file to stdout
    Cat {
        /// ftp:// URL of the file
        url: String,
    },
    /// Create a remote directory
    Mkdir {
        /// ftp:// URL of the new directory
        url: String,
    },
    /// Delete a remote file
    Rm {
        /// ftp:// URL of the file
        url: String,
    },
    /// Make a local directory match a remote one, or the reverse with -R:
    /// `ftpsh mirror [OPTIONS] URL DIR`, `ftpsh mirror -R [OPTIONS] DIR URL`
    Mirror {
        /// The options of the shell's `mirror` (-R, --delete, --dry-run, -n, -c, -x, -i, -P),
        /// then the source and the target, one of them an ftp:// URL
        #[arg(required = true, num_args = 2.., allow_hyphen_values = true, value_name = "ARGS")]
        args: Vec<String>,
    },
    /// Print the completion script for a shell
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (troff), e.g. to read it where it is not installed: `ftpsh man | man -l -`
    Man,
}
