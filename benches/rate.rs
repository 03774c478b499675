//! Rate limits over long transfers (`cargo bench --bench rate`): what ftpsh achieves against
//! the in-process libunftp server on 127.0.0.1 under `rate-limit` (a download and an upload)
//! and under `total-rate-limit` shared by two background downloads. Each transfer is sized to
//! take FTPSH_BENCH_SECONDS (default 30) at its limit; printed: bytes, seconds of data transfer
//! (the `--json` record's, without the checks after it), the achieved rate and how far it is
//! from the limit (the aim: within 5%). The shared case reads the transfer log, whose seconds
//! include the checks.

#[path = "../tests/it/support/server.rs"]
mod server;

use std::path::Path;
use std::time::Instant;

use ftpsh::config::settings::{Flags, Layers};
use ftpsh::shell::Shell;
use ftpsh::ui::{Buffer, Ui};

const LIMIT: u64 = 1 << 20;

/// A shell logged in to `url` printing `--json` records into the buffer, logging to `log`.
fn shell(url: &str, log: &Path) -> (Shell, Buffer) {
    let (ui, out, _) = Ui::captured();
    let layers = Layers { flags: Flags { json: true, ..Flags::default() }, ..Layers::default() };
    let mut sh = Shell::with_layers(ui, layers).expect("settings");
    sh.execute(&format!("open {url}")).expect("log in");
    sh.execute(&format!("set transfer-log {}", log.display())).expect("set");
    (sh, out)
}

fn report(case: &str, bytes: u64, seconds: f64, limit: u64) {
    let rate = bytes as f64 / seconds;
    let off = (rate / limit as f64 - 1.0) * 100.0;
    println!(
        "{case:<44} {:>6.1} MiB in {seconds:>6.2} s = {:>8.1} KiB/s, limit {:>6} KiB/s ({off:+.2}%)",
        bytes as f64 / (1 << 20) as f64,
        rate / 1024.0,
        limit / 1024
    );
}

/// Runs a transfer; its `--json` record's bytes and seconds.
fn measured(sh: &mut Shell, out: &Buffer, line: &str) -> (u64, f64) {
    out.clear();
    sh.execute(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    let record: serde_json::Value = serde_json::from_str(out.text().trim()).expect("a JSON record");
    (record["bytes"].as_u64().unwrap_or(0), record["seconds"].as_f64().unwrap_or(1.0))
}

fn main() {
    let secs: u64 = std::env::var("FTPSH_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    let size = LIMIT * secs;
    let root = tempfile::tempdir().expect("temp dir");
    let local = tempfile::tempdir().expect("temp dir");
    for name in ["one.bin", "a.bin", "b.bin"] {
        std::fs::write(root.path().join(name), vec![7u8; size as usize]).expect("write");
    }
    let srv = server::TestServer::start_in(root.path().to_path_buf());
    let log = local.path().join("transfers.log");
    let (mut sh, out) = shell(&srv.user_url(), &log);
    let at = |name: &str| local.path().join(name).display().to_string();

    sh.execute("set rate-limit 1M").expect("set");
    let (bytes, t) = measured(&mut sh, &out, &format!("get -f one.bin {}", at("one.bin")));
    report("download, rate-limit 1M", bytes, t, LIMIT);
    let (bytes, t) = measured(&mut sh, &out, &format!("put {} up.bin", at("one.bin")));
    report("upload, rate-limit 1M", bytes, t, LIMIT);

    sh.execute("set rate-limit 0").expect("set");
    sh.execute("set total-rate-limit 2M").expect("set");
    std::fs::remove_file(&log).expect("the log");
    sh.execute(&format!("get -f a.bin {} &", at("a.bin"))).expect("start a");
    sh.execute(&format!("get -f b.bin {} &", at("b.bin"))).expect("start b");
    let start = Instant::now();
    sh.execute("wait").expect("wait");
    let together = start.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&log).expect("the log");
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a record");
        let case = format!("  {}, sharing total-rate-limit 2M", record["remote"].as_str().unwrap_or("?"));
        report(
            &case,
            record["bytes"].as_u64().unwrap_or(0),
            record["seconds"].as_f64().unwrap_or(1.0),
            LIMIT,
        );
    }
    report("both together, total-rate-limit 2M", 2 * size, together, 2 * LIMIT);
}
