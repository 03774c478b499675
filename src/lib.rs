//! ftpsh: an interactive FTP shell. The library holds everything so that tests and the demo can
//! drive the shell in-process; `main.rs` only wires the command line to it.

pub mod address;
pub mod assets;
pub mod bookmarks;
pub mod cert;
pub mod charset;
pub mod checksum;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod exit;
pub mod interp;
pub mod interrupt;
pub mod jobs;
pub mod listing;
pub mod login;
pub mod macros;
pub mod netrc;
pub mod oneshot;
pub mod repl;
pub mod session;
pub mod shell;
pub mod text;
pub mod tls;
pub mod trace;
pub mod transfer;
pub mod ui;
