//! In-process FTP/FTPS test server (libunftp + unftp-sbe-fs) bound to 127.0.0.1 only.
//!
//! This module owns the [`TestServer`] fixture used by the integration tests (via
//! `support/mod.rs`) and by `examples/demo.rs` and `benches/completion.rs` (via `#[path]`),
//! plus [`write_sample_tree`], which fills a directory with a small, deterministic sample tree
//! ([`TestServer::with_sample_tree`] serves one).
//!
//! Each server runs a 2-worker tokio runtime on its own thread and serves the files under
//! [`TestServer::root`]. Logins: `anonymous` or `ftp` with any password, and `alice` with
//! password `secret`; anything else gets 530. `SITE CHMOD <octal> <path>` is supported, but the
//! path is resolved against the served root, not the session's working directory (libunftp
//! does not pass the cwd to SITE handlers). Active (PORT) and passive (PASV/EPSV) modes are both
//! enabled. Passive ports are picked at random from libunftp's default range 49152..=65535,
//! with retries, so servers running in parallel do not need their own ranges.
#![allow(dead_code)]

use std::fs;
use std::io;
use std::net::TcpListener as StdTcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use async_trait::async_trait;
use libunftp::ServerBuilder;
use libunftp::options::{ActivePassiveMode, Reply, ReplyCode, SiteCommandContext, SiteCommandHandler};
use tokio::sync::oneshot;
use unftp_core::auth::{AuthenticationError, Authenticator, Credentials, DefaultUser, Principal};
use unftp_sbe_fs::Filesystem;

/// User name of the password account.
pub const USER: &str = "alice";
/// Password of [`USER`].
pub const PASSWORD: &str = "secret";

/// A running FTP server on `127.0.0.1:<port>`, stopped when dropped.
pub struct TestServer {
    /// Control-connection port on 127.0.0.1.
    pub port: u16,
    /// The served directory (the FTP `/`).
    pub root: PathBuf,
    /// PEM of the self-signed certificate for `localhost` (only for [`TestServer::start_tls`]).
    pub cert_pem: Option<String>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    _root_dir: Option<tempfile::TempDir>,
    _cert_dir: Option<tempfile::TempDir>,
}

/// Certificate and key files handed to libunftp's `.ftps(..)`.
#[derive(Clone)]
struct TlsFiles {
    cert: PathBuf,
    key: PathBuf,
}

impl TestServer {
    /// Plain FTP on 127.0.0.1:<free port>, serving a fresh temporary directory.
    pub fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("create temp root");
        let mut server = Self::launch(dir.path().to_path_buf(), None);
        server._root_dir = Some(dir);
        server
    }

    /// Like [`TestServer::start`], the root holding [`write_sample_tree`]'s tree.
    pub fn with_sample_tree() -> TestServer {
        let server = Self::start();
        write_sample_tree(&server.root).expect("write the sample tree");
        server
    }

    /// Plain FTP serving an existing directory (which is not deleted on drop).
    pub fn start_in(root: PathBuf) -> TestServer {
        Self::launch(root, None)
    }

    /// Like [`TestServer::start`], with explicit FTPS (`AUTH TLS`) available but not required.
    /// The certificate is self-signed for `localhost`; trust [`TestServer::cert_pem`].
    pub fn start_tls() -> TestServer {
        let dir = tempfile::tempdir().expect("create temp root");
        let cert_dir = tempfile::tempdir().expect("create temp cert dir");
        let rcgen::CertifiedKey { cert, signing_key } =
            rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
                .expect("generate cert");
        let cert_pem = cert.pem();
        let files = TlsFiles { cert: cert_dir.path().join("cert.pem"), key: cert_dir.path().join("key.pem") };
        fs::write(&files.cert, &cert_pem).expect("write cert");
        fs::write(&files.key, signing_key.serialize_pem()).expect("write key");
        let mut server = Self::launch(dir.path().to_path_buf(), Some(files));
        server.cert_pem = Some(cert_pem);
        server._root_dir = Some(dir);
        server._cert_dir = Some(cert_dir);
        server
    }

    fn launch(root: PathBuf, tls: Option<TlsFiles>) -> TestServer {
        let root = root.canonicalize().unwrap_or(root);
        let listener = StdTcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("set_nonblocking");
        let port = listener.local_addr().expect("local_addr").port();
        let (tx, rx) = oneshot::channel::<()>();
        let serve_root = root.clone();
        let thread = std::thread::Builder::new()
            .name(format!("ftp-test-server-{port}"))
            .spawn(move || serve(listener, serve_root, tls, rx))
            .expect("spawn server thread");
        TestServer {
            port,
            root,
            cert_pem: None,
            shutdown: Some(tx),
            thread: Some(thread),
            _root_dir: None,
            _cert_dir: None,
        }
    }

    /// `"127.0.0.1:PORT"`.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `"ftp://127.0.0.1:PORT"` (anonymous login).
    pub fn url(&self) -> String {
        format!("ftp://127.0.0.1:{}", self.port)
    }

    /// `"ftp://alice:secret@127.0.0.1:PORT"`.
    pub fn user_url(&self) -> String {
        format!("ftp://{USER}:{PASSWORD}@127.0.0.1:{}", self.port)
    }

    /// `root.join(rel)`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Body of the server thread: accept loop until `stop` fires, one libunftp `Server` per connection.
fn serve(listener: StdTcpListener, root: PathBuf, tls: Option<TlsFiles>, mut stop: oneshot::Receiver<()>) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("build tokio runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
        let auth: Arc<dyn Authenticator + Send + Sync> = Arc::new(TestAuthenticator);
        loop {
            tokio::select! {
                _ = &mut stop => break,
                accepted = listener.accept() => {
                    let Ok((sock, _)) = accepted else { continue };
                    let fs_root = root.clone();
                    let mut builder = ServerBuilder::new(Box::new(move || {
                        Filesystem::new(fs_root.clone()).expect("open served root")
                    }))
                    .authenticator(auth.clone())
                    .greeting("ftpsh test server ready")
                    .active_passive_mode(ActivePassiveMode::ActiveAndPassive)
                    .site_command("CHMOD", ChmodHandler { root: root.clone() });
                    if let Some(tls) = &tls {
                        builder = builder.ftps(tls.cert.clone(), tls.key.clone());
                    }
                    match builder.build() {
                        Ok(server) => {
                            tokio::spawn(async move {
                                let _ = server.service(sock).await;
                            });
                        }
                        Err(e) => eprintln!("test server: build failed: {e}"),
                    }
                }
            }
        }
    });
    // Dropping the runtime aborts the sessions still running; don't wait long for blocking I/O.
    rt.shutdown_timeout(Duration::from_secs(2));
}

/// `anonymous`/`ftp` with any password, `alice`/`secret`; everything else is refused (530).
#[derive(Debug)]
struct TestAuthenticator;

#[async_trait]
impl Authenticator for TestAuthenticator {
    async fn authenticate(
        &self,
        username: &str,
        creds: &Credentials,
    ) -> Result<Principal, AuthenticationError> {
        match username {
            "anonymous" | "ftp" => Ok(Principal { username: username.to_string() }),
            USER if creds.password.as_deref() == Some(PASSWORD) => {
                Ok(Principal { username: username.to_string() })
            }
            USER => Err(AuthenticationError::BadPassword),
            _ => Err(AuthenticationError::BadUser),
        }
    }
}

/// `SITE CHMOD <octal mode> <path>`: chmods `<path>` resolved against the served root
/// (a leading `/` is ignored; `..` and symlinks leaving the root are refused).
#[derive(Debug)]
struct ChmodHandler {
    root: PathBuf,
}

impl ChmodHandler {
    fn chmod(&self, arguments: &str) -> Reply {
        let mut parts = arguments.trim().splitn(2, ' ');
        let mode_str = parts.next().unwrap_or("");
        let path_str = parts.next().map(str::trim).unwrap_or("");
        let mode = match u32::from_str_radix(mode_str, 8) {
            Ok(m) if (3..=4).contains(&mode_str.len()) && m <= 0o7777 => m,
            _ => {
                return Reply::new(ReplyCode::ParameterSyntaxError, "Usage: SITE CHMOD <octal mode> <path>");
            }
        };
        if path_str.is_empty() {
            return Reply::new(ReplyCode::ParameterSyntaxError, "Usage: SITE CHMOD <octal mode> <path>");
        }
        let rel = Path::new(path_str.trim_start_matches('/'));
        if rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
            return Reply::new(ReplyCode::FileError, "Path not allowed");
        }
        let target = self.root.join(rel);
        match target.canonicalize() {
            Ok(real) if real.starts_with(&self.root) => {}
            Ok(_) => return Reply::new(ReplyCode::FileError, "Path not allowed"),
            Err(_) => return Reply::new(ReplyCode::FileError, "No such file or directory"),
        }
        match set_mode(&target, mode) {
            Ok(()) => Reply::new(ReplyCode::CommandOkay, "SITE CHMOD command successful"),
            Err(e) => Reply::new(ReplyCode::FileError, &format!("CHMOD failed: {e}")),
        }
    }
}

#[async_trait]
impl SiteCommandHandler<Filesystem, DefaultUser> for ChmodHandler {
    async fn handle(&self, ctx: &SiteCommandContext<Filesystem, DefaultUser>) -> Reply {
        self.chmod(&ctx.arguments)
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    let mut perms = fs::metadata(path)?.permissions();
    perms.set_readonly(mode & 0o200 == 0);
    fs::set_permissions(path, perms)
}

/// Contents of `readme.txt` in the sample tree (LF line endings).
pub const README_TXT: &str = "ftpsh sample tree\n\
This file has several lines.\n\
Line endings are LF only.\n\
\n\
The last line ends with a newline.\n";

/// Size of `data.bin` in the sample tree.
pub const SAMPLE_BIN_LEN: usize = 300 * 1024;

/// `len` bytes with no repeats within 4 KiB windows (xorshift): no part of them is a shifted
/// copy of another, unlike [`binary_pattern`]'s cycles.
pub fn noise(len: usize) -> Vec<u8> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// Deterministic binary pattern: every byte value occurs in each 256-byte block.
pub fn binary_pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(31).wrapping_add(i / 256) % 256) as u8).collect()
}

/// Write a small sample tree into `dir`:
///
/// ```text
/// readme.txt            README_TXT (5 LF-terminated lines)
/// hello.txt             "Hello, world!\n"
/// data.bin              binary_pattern(SAMPLE_BIN_LEN) (300 KiB, all byte values)
/// my notes.txt          name with a space
/// café.txt              non-ASCII name (NFC)
/// pub/info.txt
/// pub/docs/manual.txt
/// pub/docs/deep/leaf.txt
/// upload/               empty directory
/// ```
pub fn write_sample_tree(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir.join("pub/docs/deep"))?;
    fs::create_dir_all(dir.join("upload"))?;
    fs::write(dir.join("readme.txt"), README_TXT)?;
    fs::write(dir.join("hello.txt"), "Hello, world!\n")?;
    fs::write(dir.join("data.bin"), binary_pattern(SAMPLE_BIN_LEN))?;
    fs::write(dir.join("my notes.txt"), "a file name with a space\nsecond line\n")?;
    fs::write(dir.join("café.txt"), "non-ASCII file name\n")?;
    fs::write(dir.join("pub/info.txt"), "public information\n")?;
    fs::write(dir.join("pub/docs/manual.txt"), "manual line 1\nmanual line 2\nmanual line 3\n")?;
    fs::write(dir.join("pub/docs/deep/leaf.txt"), "deep leaf\n")?;
    Ok(())
}
