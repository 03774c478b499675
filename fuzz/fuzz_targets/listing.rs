//! `ftpsh::listing`: `parse_listing` (MLSD and LIST), `parse_list_line` and `parse_mlsd_line`
//! never panic on any text, and `parse_listing` keeps its documented promises.
#![no_main]

use ftpsh::listing::{Line, parse_list_line, parse_listing, parse_mlsd_line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Keep the line ends: servers send CRLF and the parsers strip it.
    let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    for line in &lines {
        let _ = parse_list_line(line);
        let _ = parse_mlsd_line(line);
    }
    for mlsd in [false, true] {
        for parsed in parse_listing(&lines, mlsd) {
            match parsed {
                Line::Entry(e) => {
                    assert!(!e.name.is_empty(), "empty name from {lines:?} (mlsd {mlsd})");
                    assert!(e.name != "." && e.name != "..", "{:?} kept (mlsd {mlsd})", e.name);
                }
                Line::Raw(r) => assert!(!r.trim().is_empty(), "blank raw line (mlsd {mlsd})"),
            }
        }
    }
});
