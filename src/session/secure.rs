//! What the session knows about its encryption, for `status`: the certificate the server
//! presented on the control connection and how it was trusted, and the protocol version and
//! cipher of the last data connection (suppaftp shows the TLS state of data connections only,
//! and they use the same configuration as the control connection). Pure data; never prints.

use suppaftp::rustls::{ClientConnection, ProtocolVersion, StreamOwned};
use suppaftp::{DataStream, TlsStream};

use super::Session;
use super::tls_stream::Sock;
use crate::tls::Presented;

/// The TLS state of a session's connection, when it is encrypted.
#[derive(Debug, Clone)]
pub struct Secure {
    /// The server's certificate, and how it was trusted.
    pub cert: Presented,
    /// Protocol version and cipher of the last data connection (`None` before the first).
    pub data: Option<String>,
}

impl Secure {
    /// The protocol of the control connection: the one version ftpsh speaks.
    pub fn protocol(&self) -> &'static str {
        crate::tls::PROTOCOL
    }
}

impl Session {
    /// The TLS state of the connection, when there is one and it is encrypted.
    pub fn secure(&self) -> Option<&Secure> {
        self.conn.as_ref().and_then(|c| c.secure.as_ref())
    }

    /// Notes the protocol version and cipher of a data connection that has been used (rustls
    /// shakes hands on the first read or write).
    pub(super) fn note_data_tls<T>(&mut self, data: &mut DataStream<T>)
    where
        T: TlsStream<InnerStream = StreamOwned<ClientConnection, Sock>>,
    {
        let DataStream::Ssl(stream) = data else { return };
        let conn = &stream.mut_ref().conn;
        let version = match conn.protocol_version() {
            Some(ProtocolVersion::TLSv1_2) => "TLS 1.2".to_string(),
            Some(ProtocolVersion::TLSv1_3) => "TLS 1.3".to_string(),
            Some(other) => format!("{other:?}"),
            None => return,
        };
        let cipher = conn.negotiated_cipher_suite().map(|c| format!(", {:?}", c.suite())).unwrap_or_default();
        if let Some(secure) = self.conn.as_mut().and_then(|c| c.secure.as_mut()) {
            secure.data = Some(format!("{version}{cipher}"));
        }
    }
}
