//! Shared helpers for the integration tests: the in-process FTP/FTPS server (`server`), a
//! scripted server that misbehaves on purpose (`scripted`), a private HOME and working directory
//! for runs of the real binary (`sandbox`), and the shell in-process with captured output
//! (`harness`).
pub mod harness;
pub mod sandbox;
pub mod scripted;
pub mod server;
