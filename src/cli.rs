//! The process command line (clap derive). Declarations only: no I/O.

use clap::{Parser, ValueEnum};

use crate::ui::progress::ProgressMode;

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
/// With HOST or URL, connects and logs in at once; commands piped on stdin run as a script.
#[derive(Debug, Parser)]
#[command(name = "ftpsh", version, about, long_about = None)]
pub struct Cli {
    #[arg(
        value_name = "HOST|URL",
        help = "Server to connect to: HOST, or ftp://[USER[:PASSWORD]@]HOST[:PORT][/PATH]"
    )]
    pub target: Option<String>,

    /// Control port (with HOST; default 21)
    #[arg(value_name = "PORT")]
    pub port: Option<String>,

    /// User to log in as (when the URL names none)
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,

    /// Do not log in automatically after connecting
    #[arg(short = 'n', long)]
    pub no_login: bool,

    /// When to use colour
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// How transfers show progress (auto: a bar on a terminal, nothing otherwise)
    #[arg(long, value_enum, value_name = "MODE", default_value_t = ProgressMode::Auto)]
    pub progress: ProgressMode,
}
