//! TLS for FTPS: the policy (`--tls auto|required|off`), the rustls client configuration (ring
//! provider; TLS 1.2, because vsftpd's `require_ssl_reuse` breaks uploads with TLS 1.3's
//! single-use tickets), certificate verification (system roots plus `--ca-file`, a pinned
//! SHA-256 fingerprint, a remembered certificate, or `--insecure`), recording what the server
//! presented ([`Presented`], in `cert.rs`) for messages and trust on first use. No I/O but
//! reading the CA file and the system store.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use sha2::{Digest, Sha256};
use suppaftp::rustls::client::WebPkiServerVerifier;
use suppaftp::rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use suppaftp::rustls::crypto::{CryptoProvider, ring};
use suppaftp::rustls::pki_types::pem::PemObject;
use suppaftp::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use suppaftp::rustls::{self, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::error::{Error, Result};

/// When to use TLS on the control and data connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Policy {
    /// Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted.
    #[default]
    Auto,
    /// Only ever send credentials over TLS; fail when the server cannot do it.
    Required,
    /// Plain FTP.
    Off,
}

impl Policy {
    /// The policy's name.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Auto => "auto",
            Policy::Required => "required",
            Policy::Off => "off",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Policy> {
        <Policy as clap::ValueEnum>::from_str(s, true).ok()
    }
}

/// How certificates are checked.
#[derive(Debug, Clone, Default)]
pub struct TlsOptions {
    /// When to use TLS.
    pub policy: Policy,
    /// Extra trusted roots (PEM).
    pub ca_file: Option<PathBuf>,
    /// Accepted leaf certificates, as SHA-256 fingerprints (lowercase hex).
    pub pins: Vec<String>,
    /// Accept any certificate.
    pub insecure: bool,
    /// The fingerprint remembered for this server (trusted "always"): any other certificate is
    /// refused, whatever the roots say.
    pub remembered: Option<String>,
    /// Fingerprints the user trusted once in this session (lowercase hex).
    pub once: Vec<String>,
}

pub use crate::cert::{Presented, hex};

/// The one TLS version ftpsh speaks (see the module's note on vsftpd and TLS 1.3).
const PROTOCOL_VERSION: &rustls::SupportedProtocolVersion = &rustls::version::TLS12;
/// The name of the one TLS version ftpsh speaks, for people.
pub const PROTOCOL: &str = "TLS 1.2";

/// A `--pin` value (`SHA256:hex`, colons allowed) as lowercase hex.
pub fn parse_pin(pin: &str) -> Result<String> {
    let hexpart = pin.strip_prefix("SHA256:").or_else(|| pin.strip_prefix("sha256:")).unwrap_or(pin);
    let clean: String = hexpart.chars().filter(|c| *c != ':').collect::<String>().to_ascii_lowercase();
    if clean.len() == 64 && clean.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(clean)
    } else {
        Err(Error::Usage(format!("--pin takes SHA256: and 64 hex digits, not '{pin}'")))
    }
}

/// The client configuration for one server, and the record of what that server presents. The
/// system's root certificates are read only when a certificate needs them: not for a plain
/// connection, nor for a certificate pinned, remembered or listed in `--ca-file` as it is.
pub fn connector(opts: &TlsOptions) -> Result<(Arc<ClientConfig>, Arc<Mutex<Presented>>)> {
    let provider = Arc::new(ring::default_provider());
    let extra = match &opts.ca_file {
        Some(path) => read_pem(path)?,
        None => Vec::new(),
    };
    let mut ca_file = RootCertStore::empty();
    for cert in &extra {
        ca_file.add(cert.clone()).map_err(|e| Error::Tls(format!("--ca-file: {e}")))?;
    }
    let presented = Arc::new(Mutex::new(Presented::default()));
    let verifier = Verifier {
        webpki: OnceLock::new(),
        ca_file,
        provider: provider.clone(),
        pins: opts.pins.clone(),
        once: opts.once.clone(),
        trusted: extra.iter().map(|c| c.to_vec()).collect(),
        insecure: opts.insecure,
        remembered: opts.remembered.clone(),
        presented: presented.clone(),
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[PROTOCOL_VERSION])
        .map_err(|e| Error::Tls(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok((Arc::new(config), presented))
}

/// The certificates in a PEM file.
fn read_pem(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let bad = |e: String| Error::local(path, std::io::Error::other(e));
    let certs = CertificateDer::pem_file_iter(path).map_err(|e| bad(e.to_string()))?;
    certs.map(|c| c.map_err(|e| bad(e.to_string()))).collect()
}

/// Verifies as WebPKI does, but accepts a pinned certificate (or any, with `--insecure`), and
/// records what the server presented and why it was refused.
#[derive(Debug)]
struct Verifier {
    /// WebPKI's verifier with the system roots and the CA file's, made on first use.
    webpki: OnceLock<std::result::Result<Arc<WebPkiServerVerifier>, String>>,
    /// The CA file's certificates as roots.
    ca_file: RootCertStore,
    provider: Arc<CryptoProvider>,
    pins: Vec<String>,
    once: Vec<String>,
    /// The `--ca-file` certificates: one of them presented as is is trusted even when it is a
    /// self-signed CA certificate, which WebPKI refuses as a server's own (as curl accepts it).
    trusted: Vec<Vec<u8>>,
    insecure: bool,
    remembered: Option<String>,
    presented: Arc<Mutex<Presented>>,
}

impl Verifier {
    /// WebPKI's verifier over the system roots (read now, the first time) plus the CA file's.
    fn webpki(&self) -> &std::result::Result<Arc<WebPkiServerVerifier>, String> {
        self.webpki.get_or_init(|| {
            let mut roots = self.ca_file.clone();
            for cert in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(cert);
            }
            if roots.is_empty() {
                return Err("no trusted root certificates".into());
            }
            let built =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), self.provider.clone()).build();
            built.map_err(|e| format!("certificate verifier: {e}"))
        })
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let fingerprint = hex(&Sha256::digest(end_entity.as_ref()));
        let changed = self.remembered.as_ref().is_some_and(|r| *r != fingerprint);
        let vouched = if changed {
            None
        } else if self.insecure {
            Some("not checked (insecure)")
        } else if self.pins.contains(&fingerprint) {
            Some("pinned (--pin)")
        } else if self.once.contains(&fingerprint) {
            Some("trusted once, for this session")
        } else if self.remembered.is_some() {
            Some("trusted always (remembered; `known` lists it)")
        } else if self.trusted.iter().any(|t| t.as_slice() == end_entity.as_ref()) {
            Some("listed in the CA file")
        } else {
            None
        };
        let verdict = if changed {
            let was = self.remembered.as_deref().unwrap_or_default();
            Err(rustls::Error::General(format!(
                "the certificate changed: remembered SHA256:{was}, presented SHA256:{fingerprint}"
            )))
        } else if vouched.is_some() {
            Ok(ServerCertVerified::assertion())
        } else {
            match self.webpki() {
                Ok(webpki) => webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp, now),
                Err(why) => Err(rustls::Error::General(why.clone())),
            }
        };
        let trusted = verdict.is_ok().then(|| vouched.unwrap_or("signed by a trusted certificate authority"));
        if let Ok(mut p) = self.presented.lock() {
            *p = Presented {
                der: end_entity.to_vec(),
                refused: verdict.as_ref().err().map(describe_error),
                changed,
                trusted,
            };
        }
        verdict
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// Why a certificate was refused, in words for people (not rustls's variant names).
fn describe_error(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    let rustls::Error::InvalidCertificate(c) = e else {
        return match e {
            rustls::Error::General(msg) => msg.clone(),
            other => other.to_string(),
        };
    };
    let words = match c {
        C::UnknownIssuer => {
            "no certificate authority this computer trusts signed it (it is self-signed, or its \
             issuer is a private authority)"
        }
        C::Expired | C::ExpiredContext { .. } => "it has expired",
        C::NotValidYet | C::NotValidYetContext { .. } => "it is not valid yet",
        C::NotValidForName | C::NotValidForNameContext { .. } => {
            "it was issued for other names than the server's"
        }
        C::Revoked => "its issuer has revoked it",
        C::BadSignature => "its signature does not match",
        C::BadEncoding => "it cannot be read",
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => "it is not meant for a server",
        C::UnsupportedSignatureAlgorithmContext { .. } => {
            "it is signed with an algorithm ftpsh does not accept"
        }
        // webpki's own errors arrive wrapped, named only in their text.
        C::Other(other) if other.to_string().contains("CaUsedAsEndEntity") => {
            "it is a certificate authority's certificate, which a server may not use as its own"
        }
        other => return format!("it failed verification ({other})"),
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_accept_the_usual_spellings() {
        let hexed = "ab".repeat(32);
        assert_eq!(parse_pin(&format!("SHA256:{hexed}")).unwrap(), hexed);
        let colons =
            hexed.as_bytes().chunks(2).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(":");
        assert_eq!(parse_pin(&format!("sha256:{}", colons.to_uppercase())).unwrap(), hexed);
        assert!(parse_pin("SHA256:abc").is_err());
        assert!(parse_pin(&"zz".repeat(32)).is_err());
    }

    #[test]
    fn refusals_are_said_in_words() {
        use rustls::{CertificateError as C, OtherError};
        #[derive(Debug)]
        struct Webpki;
        impl std::fmt::Display for Webpki {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("CaUsedAsEndEntity")
            }
        }
        impl std::error::Error for Webpki {}
        let said = |c: C| describe_error(&rustls::Error::InvalidCertificate(c));
        assert!(said(C::UnknownIssuer).starts_with("no certificate authority this computer trusts"));
        assert_eq!(said(C::Expired), "it has expired");
        assert_eq!(said(C::NotValidForName), "it was issued for other names than the server's");
        let ca = said(C::Other(OtherError(Arc::new(Webpki))));
        assert!(ca.starts_with("it is a certificate authority's certificate"), "{ca}");
        for c in [C::UnknownIssuer, C::Expired, C::NotValidForName, C::Other(OtherError(Arc::new(Webpki)))] {
            let text = said(c);
            assert!(
                !text.contains("Other") && !text.contains("CaUsed") && !text.contains("Unknown"),
                "{text}"
            );
        }
    }

    #[test]
    fn policies_parse() {
        assert_eq!(Policy::parse("required"), Some(Policy::Required));
        assert_eq!(Policy::parse("nope"), None);
        assert_eq!(Policy::default().name(), "auto");
    }
}
