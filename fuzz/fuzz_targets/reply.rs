//! `ftpsh::error::Reply::from_response`: any bytes as a reply body never panic.
#![no_main]

use ftpsh::error::Reply;
use libfuzzer_sys::fuzz_target;
use suppaftp::Status;
use suppaftp::types::Response;

fuzz_target!(|data: &[u8]| {
    let reply = Reply::from_response(&Response::new(Status::Unknown, data.to_vec()));
    // The text is the body without its final line break.
    assert_eq!(reply.text, reply.text.trim_end());
    let _ = reply.is_ok();
    let _ = reply.to_string();
});
