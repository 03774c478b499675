//! The integration tests that talk to a real FTP server on 127.0.0.1, as one test binary: one
//! link of libunftp, tokio, rustls and the rest instead of one per file, and one process whose
//! tests run side by side. Each module is one topic (`cargo test --test it shell::` runs one).
//!
//! One process means shared process-wide state, so no test here may change it in-process: the
//! working directory (`lcd`), the protocol trace (`debug`), the Ctrl-C flag and the colour
//! override. A test of one of those runs the real binary (see `shell::lcd_...`), and local paths
//! given to the in-process shell are absolute.
//!
//! Tests that need no server stay in binaries of their own: tests/docs.rs, tests/assets.rs and
//! tests/architecture.rs (which reads `src/` relative to the working directory).

mod support;

mod classic;
mod cli;
mod completion;
mod faults;
mod habits;
mod hostile;
mod jobs;
mod jobs_pty;
mod listings;
mod many;
mod mirror;
mod names;
mod pty;
mod recovery;
mod roundtrips;
mod scripts;
mod segmented;
mod shell;
mod tls;
mod transfer;
mod trees;
