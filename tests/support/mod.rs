//! Shared helpers for the integration tests: an in-process FTP/FTPS server (`server`).
pub mod sandbox;
pub mod scripted;
pub mod server;
