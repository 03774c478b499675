//! Answers to questions, read from the terminal itself (`/dev/tty`), never from a buffered
//! stdin. Lines typed ahead before the question was shown (a command typed while the last one
//! ran) are set aside whole, for the shell to run next: they are neither taken as the answer
//! nor thrown away. The answer is then read a byte per read, up to the end of its line, so what
//! is typed after it stays in the terminal for the shell. Unix only (elsewhere: no answer).

use std::fs::File;
use std::io::Read;

/// The complete lines waiting in the terminal now, read without waiting for more.
#[cfg(unix)]
pub fn typed_ahead() -> Vec<String> {
    use std::os::unix::fs::OpenOptionsExt;
    let tty = File::options().read(true).custom_flags(libc::O_NONBLOCK).open("/dev/tty");
    let Ok(mut tty) = tty else { return Vec::new() };
    let mut pending = Vec::new();
    let mut buf = [0u8; 4096];
    // In canonical mode only whole lines come; a would-block error ends the pending input.
    while let Ok(n @ 1..) = tty.read(&mut buf) {
        pending.extend_from_slice(&buf[..n]);
    }
    lines(&pending)
}

/// One line typed at the terminal, without its line end; `None` at end of input or without a
/// terminal.
#[cfg(unix)]
pub fn read_line() -> Option<String> {
    let mut tty = File::open("/dev/tty").ok()?;
    let (mut line, mut byte) = (Vec::new(), [0u8; 1]);
    // One byte per read, on purpose: a buffer would take the next line from the terminal.
    loop {
        match tty.read(&mut byte).ok()? {
            0 => return None,
            _ if matches!(byte[0], b'\n' | b'\r') => {
                return Some(String::from_utf8_lossy(&line).into_owned());
            }
            _ => line.push(byte[0]),
        }
    }
}

#[cfg(not(unix))]
pub fn typed_ahead() -> Vec<String> {
    Vec::new()
}

#[cfg(not(unix))]
pub fn read_line() -> Option<String> {
    None
}

/// `bytes` cut at line ends (LF, or CR as typed while the terminal was raw), empty lines dropped.
fn lines(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| matches!(b, b'\n' | b'\r'))
        .filter(|l| !l.is_empty())
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn typed_ahead_input_is_cut_into_lines() {
        assert_eq!(super::lines(b"ls\nlpwd\r\ncd x\r"), ["ls", "lpwd", "cd x"]);
        assert!(super::lines(b"").is_empty());
    }
}
