//! Where to connect: parses `ftp://[user[:password]@]host[:port][/path]` URLs and plain `HOST [PORT]`
//! into a [`Target`]. Pure: no I/O, no printing.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::error::{Error, Result};

/// The default FTP control port.
pub const FTP_PORT: u16 = 21;
/// The default port of implicit FTPS.
pub const FTPS_PORT: u16 = 990;

/// What [`Target::to_url`] escapes in a path segment: all but letters, digits and `-._~`.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A server to connect to, with whatever credentials and start directory were given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    /// Host name or IP address (IPv6 without brackets).
    pub host: String,
    /// Control port.
    pub port: u16,
    /// User name, if given.
    pub user: Option<String>,
    /// Password, if given in the URL.
    pub password: Option<String>,
    /// Start directory from the URL path, relative to the login directory (RFC 1738).
    pub path: Option<String>,
    /// Implicit FTPS (`ftps://`): TLS from the first byte.
    pub implicit_tls: bool,
}

impl Target {
    /// Parses `HOST`, `HOST PORT` or a URL (then `port` must be absent).
    pub fn parse(spec: &str, port: Option<&str>) -> Result<Target> {
        if spec.contains("://") {
            if port.is_some() {
                return Err(Error::Usage("give the port inside the URL".into()));
            }
            return parse_url(spec);
        }
        let host = spec.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err(Error::Usage(format!("invalid host name '{spec}'")));
        }
        // Read the host as `ftp://HOST` would (case, IDNA, IPv4 and IPv6 forms), so that both
        // spellings agree and `to_url` gives it back.
        let parsed =
            if host.contains(':') { url::Host::parse(&format!("[{host}]")) } else { url::Host::parse(host) };
        let host = match parsed.map_err(|e| Error::Usage(format!("invalid host name '{spec}': {e}")))? {
            url::Host::Domain(d) => d,
            url::Host::Ipv4(ip) => ip.to_string(),
            url::Host::Ipv6(ip) => ip.to_string(),
        };
        let port = match port {
            Some(p) => parse_port(p)?,
            None => FTP_PORT,
        };
        Ok(Target { host, port, ..Target::default() })
    }

    /// The target as an `ftp://` URL, without the password. An absolute path is written with
    /// `%2F` (RFC 1738), so that it is not taken relative to the login directory.
    pub fn to_url(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        let scheme = if self.implicit_tls { "ftps" } else { "ftp" };
        let Ok(mut url) = url::Url::parse(&format!("{scheme}://{host}/")) else {
            return format!("{scheme}://{}/", self.authority());
        };
        if let Some(user) = &self.user {
            let _ = url.set_username(&utf8_percent_encode(user, NON_ALPHANUMERIC).to_string());
        }
        if self.port != if self.implicit_tls { FTPS_PORT } else { FTP_PORT } {
            let _ = url.set_port(Some(self.port));
        }
        if let Some(path) = &self.path {
            let (abs, rel) = path.strip_prefix('/').map_or(("", path.as_str()), |p| ("%2F", p));
            // Each segment escaped, so that `%`, `\`, tabs and line breaks come back as they
            // were; a `.` or `..` segment would be resolved away, so then `/` is escaped too.
            let sep = if rel.split('/').any(|s| s == "." || s == "..") { "%2F" } else { "/" };
            let segments: Vec<String> =
                rel.split('/').map(|s| utf8_percent_encode(s, PATH_SEGMENT).to_string()).collect();
            url.set_path(&format!("/{abs}{}", segments.join(sep)));
        }
        url.to_string()
    }

    /// `host:port` in a form fit for display and for `ToSocketAddrs` (IPv6 in brackets).
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// Whether `spec` (an `open` argument) is a URL that carries a password.
pub fn url_has_password(spec: &str) -> bool {
    url::Url::parse(spec).is_ok_and(|u| u.password().is_some())
}

/// `spec` with the URL's password replaced by `****` (unchanged when it has none).
pub fn mask_password(spec: &str) -> String {
    match url::Url::parse(spec) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("****"));
            u.to_string()
        }
        _ => spec.to_string(),
    }
}

fn parse_port(p: &str) -> Result<u16> {
    p.parse::<u16>().ok().filter(|&n| n != 0).ok_or_else(|| Error::Usage(format!("invalid port '{p}'")))
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

fn parse_url(spec: &str) -> Result<Target> {
    let bad = |why: String| Error::Usage(format!("invalid URL '{spec}': {why}"));
    let url = url::Url::parse(spec).map_err(|e| bad(e.to_string()))?;
    let implicit_tls = match url.scheme() {
        "ftp" => false,
        "ftps" => true,
        other => return Err(bad(format!("unsupported scheme '{other}' (ftp:// or ftps://)"))),
    };
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.to_string(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err(bad("no host".into())),
    };
    let user = Some(decode(url.username())).filter(|u| !u.is_empty());
    let password = url.password().map(decode);
    let path = decode(url.path().trim_start_matches('/'));
    Ok(Target {
        host,
        port: url.port().unwrap_or(if implicit_tls { FTPS_PORT } else { FTP_PORT }),
        user,
        password,
        path: Some(path).filter(|p| !p.is_empty()),
        implicit_tls,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_with_everything_is_percent_decoded() {
        let t = Target::parse("ftp://bob:p%40ss%20w@example.org:2121/pub/my%20dir", None).unwrap();
        assert_eq!(t.host, "example.org");
        assert_eq!(t.port, 2121);
        assert_eq!(t.user.as_deref(), Some("bob"));
        assert_eq!(t.password.as_deref(), Some("p@ss w"));
        assert_eq!(t.path.as_deref(), Some("pub/my dir"));
    }

    #[test]
    fn ftps_urls_are_implicit_tls_on_port_990() {
        let t = Target::parse("ftps://h/", None).unwrap();
        assert!(t.implicit_tls);
        assert_eq!(t.port, 990);
        assert_eq!(t.to_url(), "ftps://h/");
        assert!(!Target::parse("ftp://h/", None).unwrap().implicit_tls);
    }

    #[test]
    fn ipv6_literals_in_brackets() {
        let t = Target::parse("ftp://[::1]:2100/", None).unwrap();
        assert_eq!(t.host, "::1");
        assert_eq!(t.port, 2100);
        assert_eq!(t.path, None);
        assert_eq!(t.authority(), "[::1]:2100");
        assert_eq!(Target::parse("[::1]", Some("21")).unwrap().host, "::1");
    }

    #[test]
    fn host_and_port() {
        let t = Target::parse("localhost", Some("2121")).unwrap();
        assert_eq!((t.host.as_str(), t.port, t.user), ("localhost", 2121, None));
        assert_eq!(Target::parse("localhost", None).unwrap().port, 21);
    }

    #[test]
    fn bad_targets_are_usage_errors() {
        for (spec, port) in [
            ("localhost", Some("x")),
            ("localhost", Some("0")),
            ("http://x/", None),
            ("ftp://", None),
            ("", None),
            ("ftp://h/", Some("21")),
        ] {
            assert!(matches!(Target::parse(spec, port), Err(Error::Usage(_))), "{spec}");
        }
    }

    #[test]
    fn urls_round_trip_without_the_password() {
        for spec in [
            "ftp://bob@example.org:2121/pub/my%20dir",
            "ftp://[::1]/",
            "ftp://h/%2Fhome/alice",
            "ftp://a%40b@h/",
        ] {
            let t = Target::parse(spec, None).unwrap();
            assert_eq!(Target::parse(&t.to_url(), None).unwrap(), t, "{spec}");
        }
        let t = Target::parse("ftp://bob:pw@h/", None).unwrap();
        assert_eq!(t.to_url(), "ftp://bob@h/");
        assert_eq!(
            Target::parse("ftp://h/%2Fhome/alice", None).unwrap().path.as_deref(),
            Some("/home/alice")
        );
    }

    #[test]
    fn plain_hosts_are_read_like_url_hosts() {
        assert_eq!(Target::parse("Example.ORG", None).unwrap().host, "example.org");
        assert_eq!(Target::parse("::FFFF:127.0.0.1", None).unwrap().host, "::ffff:127.0.0.1");
        assert_eq!(Target::parse("caf\u{e9}.example", None).unwrap().host, "xn--caf-dma.example");
        for spec in [":1:", "a?b", "u@h", "h:21", "a#b", "a\\b"] {
            assert!(matches!(Target::parse(spec, None), Err(Error::Usage(_))), "{spec}");
        }
        for spec in ["Example.ORG", "::1", "127.0.0.1"] {
            let t = Target::parse(spec, Some("2121")).unwrap();
            assert_eq!(Target::parse(&t.to_url(), None).unwrap(), t, "{spec}");
        }
    }

    #[test]
    fn paths_with_escapes_and_dot_segments_round_trip() {
        for spec in [
            "ftp://h/a%0Db",
            "ftp://h/a%09b",
            "ftp://h/100%25",
            "ftp://h/a%5Cb",
            "ftp://h/a%3Fb%23c",
            "ftp://h/a%2F..%2Fb",
            "ftp://h/..%2Fup",
            "ftp://h/%2F%2Fx",
        ] {
            let t = Target::parse(spec, None).unwrap();
            assert_eq!(Target::parse(&t.to_url(), None).unwrap(), t, "{spec} -> {}", t.to_url());
        }
        assert_eq!(Target::parse("ftp://h/pub/my%20dir", None).unwrap().to_url(), "ftp://h/pub/my%20dir");
    }

    #[test]
    fn password_detection() {
        assert!(url_has_password("ftp://a:b@h/"));
        assert!(!url_has_password("ftp://a@h/"));
        assert!(!url_has_password("host"));
    }
}
