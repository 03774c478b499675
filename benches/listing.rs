//! Parsing 50,000-line listings (`cargo bench --bench listing`): Unix `ls -l`, DOS/IIS and
//! MLSD lines, each read by a [`listing::Reader`] as `ls` reads a listing. Prints the median of
//! several runs per dialect, in milliseconds and nanoseconds per line.
//!
//! The listing module is pure (std only), so this bench includes it by path: it also builds on
//! its own, without the network stack, with
//! `rustc --edition 2024 -O benches/listing.rs -o /tmp/listing-bench && /tmp/listing-bench`.
#![allow(dead_code)]

#[path = "../src/listing/mod.rs"]
mod listing;

use std::hint::black_box;
use std::time::{Duration, Instant};

const LINES: usize = 50_000;
const RUNS: usize = 9;

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

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn run(name: &str, mlsd: bool, make: fn(usize) -> String) {
    let lines: Vec<String> = (0..LINES).map(make).collect();
    let times = (0..RUNS)
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
    let m = median(times);
    let per_line = m.as_nanos() / LINES as u128;
    println!("{name:5} {LINES} lines: {:8.2} ms  ({per_line} ns/line)", m.as_secs_f64() * 1000.0);
}

fn main() {
    run("unix", false, unix);
    run("dos", false, dos);
    run("mlsd", true, mlsd);
}
