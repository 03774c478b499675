//! Try ftpsh without a server of your own: starts the in-process test server (libunftp) on
//! 127.0.0.1 with a small sample tree in a temporary directory and runs the shell connected to it.
//!
//! `cargo run --example demo` — anonymous login; the files vanish when the shell ends.

#[path = "../tests/it/support/server.rs"]
mod server;

use std::io::IsTerminal;

use ftpsh::address::Target;
use ftpsh::login::{LoginOptions, open_target};
use ftpsh::repl::history_path;
use ftpsh::shell::Shell;
use ftpsh::ui::Ui;

fn main() {
    let root = tempfile::tempdir().expect("temporary directory");
    server::write_sample_tree(root.path()).expect("sample tree");
    let srv = server::TestServer::start_in(root.path().to_path_buf());
    eprintln!("ftpsh demo: a local server at {} serving a sample tree.", srv.url());
    eprintln!(
        "Log in as anonymous (default) or as {}/{}; try 'ls', 'get readme.txt', 'help'.",
        server::USER,
        server::PASSWORD
    );
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    colored::control::set_override(color);
    let mut shell = Shell::new(Ui::terminal(color, false));
    // The demo server speaks plain FTP on the loopback interface only.
    shell.set("tls", "off").expect("a known setting");
    let target = Target::parse(&srv.url(), None).expect("demo URL");
    let opts = LoginOptions { anonymous_by_default: true, ..LoginOptions::default() };
    // What logging in shows, and a `.netrc` `init` macro for the server, which runs then.
    if let Err(e) = open_target(&mut shell, &target, &opts).and_then(|out| shell.render(out)) {
        shell.ui.error(None, &e);
    }
    let exit = if shell.ui.interactive {
        ftpsh::repl::run(&mut shell, history_path())
    } else {
        shell.run_script(std::io::stdin().lock(), "stdin", Default::default())
    };
    drop(srv);
    std::process::exit(exit.code().into());
}
