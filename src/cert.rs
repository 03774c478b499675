//! What a server presented in a TLS handshake: the leaf certificate, why it was refused, its
//! SHA-256 fingerprint, subject and validity. Plain data that errors can carry (so `error.rs`
//! needs nothing of `tls.rs`); pure.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// What the server presented, and why it was refused if it was.
#[derive(Debug, Clone, Default)]
pub struct Presented {
    /// The leaf certificate (DER).
    pub der: Vec<u8>,
    /// Why verification failed.
    pub refused: Option<String>,
    /// The server presented another certificate than the one remembered for it.
    pub changed: bool,
}

impl Presented {
    /// The certificate's SHA-256 fingerprint as `SHA256:hex`.
    pub fn fingerprint(&self) -> String {
        format!("SHA256:{}", hex(&Sha256::digest(&self.der)))
    }

    /// Subject and validity, from the certificate.
    pub fn describe(&self) -> String {
        match x509_parser::parse_x509_certificate(&self.der) {
            Ok((_, cert)) => {
                let v = cert.validity();
                format!("subject {}; valid from {} to {}", cert.subject(), v.not_before, v.not_after)
            }
            Err(_) => "not a parseable X.509 certificate".to_string(),
        }
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
