//! Parsing 50,000-line listings (`cargo bench --bench listing`): Unix `ls -l`, DOS/IIS and
//! MLSD lines, each read by a [`listing::Reader`] as `ls` reads a listing. Prints the fastest
//! and the median of several runs per dialect (the fastest is the steadier figure on a busy
//! machine), in milliseconds and nanoseconds per line.
//!
//! The listing module is pure (std only), so this bench includes it by path: it also builds on
//! its own, without the network stack, with
//! `rustc --edition 2024 -O benches/listing.rs -o /tmp/listing-bench && /tmp/listing-bench`.
//! Arguments `RUNS [DIALECT]` change the number of runs and pick one dialect: on a machine too
//! busy for steady times, `valgrind --tool=cachegrind /tmp/listing-bench 1 unix` counts the
//! instructions of one run instead.
// The module is built here without its unit tests (no test harness) but with their imports,
// and only part of its API is used.
#![allow(dead_code, unused_imports)]

#[path = "../src/listing/mod.rs"]
mod listing;

use std::hint::black_box;
use std::time::{Duration, Instant};

const LINES: usize = 50_000;
const RUNS: usize = 21;

fn unix(i: usize) -> String {
    format!(
        "-rw-r--r--    1 ftp      ftp      {:>10} Jan {:>2} 13:46 file number {i}.txt",
        i * 37,
        1 + i % 28
    )
}

fn dos(i: usize) -> String {
    format!("01-{:02}-24  01:46PM  {:>20} file number {i}.txt", 1 + i % 28, i * 37)
}

fn mlsd(i: usize) -> String {
    format!("type=file;size={};modify=20240105134600;UNIX.mode=0644;unique=8{i}; file number {i}.txt", i * 37)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Makes the `i`th line of a listing.
type Make = fn(usize) -> String;

fn run(runs: usize, name: &str, mlsd: bool, make: Make) {
    let lines: Vec<String> = (0..LINES).map(make).collect();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let mut reader = listing::Reader::new(mlsd, false, listing::MEMORY_MAX);
            for line in &lines {
                reader.line(line).expect("within budget");
            }
            let got = black_box(reader.finish());
            assert_eq!(got.entries.len(), LINES, "{name}: every line parses");
            start.elapsed()
        })
        .collect();
    times.sort();
    let (min, median) = (times[0], times[runs / 2]);
    let per_line = min.as_nanos() / LINES as u128;
    println!(
        "{name:5} {LINES} lines: {:7.2} ms fastest ({per_line} ns/line), {:7.2} ms median",
        ms(min),
        ms(median)
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let runs = args.next().and_then(|a| a.parse().ok()).filter(|n| *n > 0).unwrap_or(RUNS);
    let only = args.next();
    let dialects: [(&str, bool, Make); 3] =
        [("unix", false, unix), ("dos", false, dos), ("mlsd", true, mlsd)];
    for (name, is_mlsd, make) in dialects {
        if only.as_deref().is_none_or(|o| o == name) {
            run(runs, name, is_mlsd, make);
        }
    }
}
