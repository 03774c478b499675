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
    /// Why verification failed, in words.
    pub refused: Option<String>,
    /// The server presented another certificate than the one remembered for it.
    pub changed: bool,
    /// How it was trusted, in words, when it was.
    pub trusted: Option<&'static str>,
}

impl Presented {
    /// The certificate's SHA-256 fingerprint as `SHA256:hex`.
    pub fn fingerprint(&self) -> String {
        format!("SHA256:{}", hex(&Sha256::digest(&self.der)))
    }

    /// The certificate for people: who it was issued to and by, for which names, when it is
    /// valid, its fingerprint; one `(label, value)` per line.
    pub fn details(&self) -> Vec<(&'static str, String)> {
        let mut lines = Vec::new();
        if let Ok((_, cert)) = x509_parser::parse_x509_certificate(&self.der) {
            let v = cert.validity();
            let when = if v.is_valid() { "valid now" } else { "not valid now" };
            lines.push(("Issued to", cert.subject().to_string()));
            lines.push(("Issued by", cert.issuer().to_string()));
            let names = names(&cert);
            if !names.is_empty() {
                lines.push(("For names", names.join(", ")));
            }
            let day = |t: &x509_parser::time::ASN1Time| t.to_datetime().date().to_string();
            lines.push(("Valid", format!("from {} to {} ({when})", day(&v.not_before), day(&v.not_after))));
        } else {
            lines.push(("Certificate", "not a readable X.509 certificate".to_string()));
        }
        lines.push(("Fingerprint", self.fingerprint()));
        lines
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

/// The DNS names and addresses the certificate is for (its subject alternative names).
fn names(cert: &x509_parser::certificate::X509Certificate<'_>) -> Vec<String> {
    use x509_parser::extensions::GeneralName;
    let Ok(Some(san)) = cert.subject_alternative_name() else { return Vec::new() };
    let name = |n: &GeneralName<'_>| match n {
        GeneralName::DNSName(d) => Some(d.to_string()),
        GeneralName::IPAddress(ip) => match ip.len() {
            4 => Some(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(*ip).ok()?).to_string()),
            16 => Some(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(*ip).ok()?).to_string()),
            _ => None,
        },
        _ => None,
    };
    san.value.general_names.iter().filter_map(name).collect()
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
