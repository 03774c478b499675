//! `ftpsh::address::Target::parse`: never panics, and every target it accepts survives
//! `to_url` and back unchanged, except the password (which `to_url` leaves out).
#![no_main]

use ftpsh::address::Target;
use libfuzzer_sys::fuzz_target;

fn round_trip(t: &Target) {
    let url = t.to_url();
    let back = Target::parse(&url, None).unwrap_or_else(|e| panic!("{t:?} -> {url:?} does not parse: {e}"));
    let want = Target { password: None, ..t.clone() };
    assert_eq!(back, want, "{t:?} -> {url:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    // The whole input as one `open` argument (URL or host)...
    if let Ok(t) = Target::parse(s, None) {
        round_trip(&t);
    }
    // ...and, split at the first newline, as `open HOST PORT`.
    if let Some((host, port)) = s.split_once('\n') {
        if let Ok(t) = Target::parse(host, Some(port)) {
            round_trip(&t);
        }
    }
});
