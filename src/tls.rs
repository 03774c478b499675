//! TLS for FTPS: the policy (`--tls auto|required|off`), the rustls client configuration (ring
//! provider; TLS 1.2, because vsftpd's `require_ssl_reuse` breaks uploads with TLS 1.3's
//! single-use tickets), certificate verification (system roots plus `--ca-file`, a pinned
//! SHA-256 fingerprint, a remembered certificate, or `--insecure`), recording what the server
//! presented ([`Presented`], in `cert.rs`) for messages and trust on first use. No I/O but
//! reading the CA file and the system store.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
}

pub use crate::cert::{Presented, hex};

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

/// The client configuration for one server, and the record of what that server presents.
pub fn connector(opts: &TlsOptions) -> Result<(Arc<ClientConfig>, Arc<Mutex<Presented>>)> {
    let provider = Arc::new(ring::default_provider());
    let extra = match &opts.ca_file {
        Some(path) => read_pem(path)?,
        None => Vec::new(),
    };
    let roots = roots(&extra)?;
    let inner = if roots.is_empty() {
        None
    } else {
        let built = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone()).build();
        Some(built.map_err(|e| Error::Tls(format!("certificate verifier: {e}")))?)
    };
    let presented = Arc::new(Mutex::new(Presented::default()));
    let verifier = Verifier {
        inner,
        provider: provider.clone(),
        pins: opts.pins.clone(),
        trusted: extra.iter().map(|c| c.to_vec()).collect(),
        insecure: opts.insecure,
        remembered: opts.remembered.clone(),
        presented: presented.clone(),
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS12])
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

/// System roots plus the CA file's certificates.
fn roots(extra: &[CertificateDer<'static>]) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    for cert in extra {
        roots.add(cert.clone()).map_err(|e| Error::Tls(format!("--ca-file: {e}")))?;
    }
    Ok(roots)
}

/// Verifies as WebPKI does, but accepts a pinned certificate (or any, with `--insecure`), and
/// records what the server presented and why it was refused.
#[derive(Debug)]
struct Verifier {
    inner: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
    pins: Vec<String>,
    /// The `--ca-file` certificates: one of them presented as is is trusted even when it is a
    /// self-signed CA certificate, which WebPKI refuses as a server's own (as curl accepts it).
    trusted: Vec<Vec<u8>>,
    insecure: bool,
    remembered: Option<String>,
    presented: Arc<Mutex<Presented>>,
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
        let verdict = if changed {
            let was = self.remembered.as_deref().unwrap_or_default();
            Err(rustls::Error::General(format!(
                "the certificate changed: remembered SHA256:{was}, presented SHA256:{fingerprint}"
            )))
        } else if self.insecure
            || self.pins.contains(&fingerprint)
            || self.remembered.is_some()
            || self.trusted.iter().any(|t| t.as_slice() == end_entity.as_ref())
        {
            Ok(ServerCertVerified::assertion())
        } else {
            match &self.inner {
                Some(inner) => inner.verify_server_cert(end_entity, intermediates, server_name, ocsp, now),
                None => Err(rustls::Error::General("no trusted root certificates".into())),
            }
        };
        if let Ok(mut p) = self.presented.lock() {
            *p = Presented {
                der: end_entity.to_vec(),
                refused: verdict.as_ref().err().map(describe_error),
                changed,
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

fn describe_error(e: &rustls::Error) -> String {
    match e {
        rustls::Error::InvalidCertificate(c) => format!("invalid certificate: {c:?}"),
        other => other.to_string(),
    }
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
    fn policies_parse() {
        assert_eq!(Policy::parse("required"), Some(Policy::Required));
        assert_eq!(Policy::parse("nope"), None);
        assert_eq!(Policy::default().name(), "auto");
    }
}
