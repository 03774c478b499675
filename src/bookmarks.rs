//! What ftpsh remembers in small TOML files in `ftpsh/` in the platform config directory:
//! bookmarks (`bookmarks.toml`, one `NAME = "ftp://user@host:port/path"` line each, readable and
//! editable by hand; a password only when the user asks, in `bookmark-passwords.toml`, mode 0600)
//! trusted server certificates (`known_certificates.toml`, `"host:port" = "SHA256:..."`), and the
//! servers that spoke TLS (`known_tls.toml`, `"host:port" = "YYYY-MM-DD"`, the day it was first
//! seen), to which ftpsh then never falls back to plain FTP (see `crate::login`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::address::Target;
use crate::error::{Error, Result};

const URLS: &str = "bookmarks.toml";
const PASSWORDS: &str = "bookmark-passwords.toml";
const CERTIFICATES: &str = "known_certificates.toml";
const TLS_SERVERS: &str = "known_tls.toml";

/// What is remembered about one server's TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownServer {
    /// `host:port`.
    pub authority: String,
    /// The fingerprint trusted "always" (`SHA256:...`).
    pub certificate: Option<String>,
    /// The day the server was first seen speaking TLS.
    pub tls_since: Option<String>,
}

/// The bookmark files in one directory.
pub struct Bookmarks {
    dir: PathBuf,
}

impl Bookmarks {
    /// The bookmarks in the platform config directory.
    pub fn user() -> Option<Bookmarks> {
        dirs::config_dir().map(|d| Bookmarks { dir: d.join("ftpsh") })
    }

    /// The bookmarks in `dir` (for tests).
    pub fn at(dir: &Path) -> Bookmarks {
        Bookmarks { dir: dir.to_path_buf() }
    }

    /// Every bookmark as `(name, url)`, sorted by name.
    pub fn list(&self) -> Result<Vec<(String, String)>> {
        let table = self.read(URLS)?;
        Ok(table.into_iter().filter_map(|(k, v)| v.as_str().map(|u| (k, u.to_string()))).collect())
    }

    /// The target a bookmark names, with its stored password if there is one.
    pub fn get(&self, name: &str) -> Result<Option<Target>> {
        let Some((_, url)) = self.list()?.into_iter().find(|(n, _)| n == name) else { return Ok(None) };
        let mut target = Target::parse(&url, None)?;
        if let Some(p) = self.read(PASSWORDS)?.get(name).and_then(|v| v.as_str()) {
            target.password = Some(p.to_string());
        }
        Ok(Some(target))
    }

    /// Adds or replaces a bookmark; `password` is stored (0600) only when given.
    pub fn add(&self, name: &str, target: &Target, password: Option<&str>) -> Result<()> {
        if name.is_empty()
            || name.contains("://")
            || name.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::Usage(format!("invalid bookmark name '{name}'")));
        }
        let mut urls = self.read(URLS)?;
        urls.insert(name.to_string(), toml::Value::String(target.to_url()));
        self.write(URLS, &urls, false)?;
        let mut passwords = self.read(PASSWORDS)?;
        let had = passwords.remove(name).is_some();
        if let Some(p) = password {
            passwords.insert(name.to_string(), toml::Value::String(p.to_string()));
        }
        if had || password.is_some() {
            self.write(PASSWORDS, &passwords, true)?;
        }
        Ok(())
    }

    /// The certificate fingerprint (`SHA256:hex`) trusted "always" for `authority` (`host:port`).
    pub fn certificate(&self, authority: &str) -> Result<Option<String>> {
        Ok(self.read(CERTIFICATES)?.get(authority).and_then(|v| v.as_str()).map(String::from))
    }

    /// Remembers `fingerprint` as the certificate of `authority`.
    pub fn trust_certificate(&self, authority: &str, fingerprint: &str) -> Result<()> {
        let mut known = self.read(CERTIFICATES)?;
        known.insert(authority.to_string(), toml::Value::String(fingerprint.to_string()));
        self.write(CERTIFICATES, &known, false)
    }

    /// The day `authority` (`host:port`) was first seen speaking TLS, if it was.
    pub fn tls_since(&self, authority: &str) -> Result<Option<String>> {
        Ok(self.read(TLS_SERVERS)?.get(authority).and_then(|v| v.as_str()).map(String::from))
    }

    /// Remembers that `authority` speaks TLS (from `day` on), unless it is remembered already.
    pub fn remember_tls(&self, authority: &str, day: &str) -> Result<()> {
        let mut known = self.read(TLS_SERVERS)?;
        if known.contains_key(authority) {
            return Ok(());
        }
        known.insert(authority.to_string(), toml::Value::String(day.to_string()));
        self.write(TLS_SERVERS, &known, false)
    }

    /// What is remembered about servers' TLS, sorted by `host:port`.
    pub fn known_servers(&self) -> Result<Vec<KnownServer>> {
        let (certs, tls) = (self.read(CERTIFICATES)?, self.read(TLS_SERVERS)?);
        let text = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(String::from);
        let mut names: Vec<&String> = certs.keys().chain(tls.keys()).collect();
        names.sort();
        names.dedup();
        let known = names.into_iter().map(|k| KnownServer {
            authority: k.clone(),
            certificate: text(&certs, k),
            tls_since: text(&tls, k),
        });
        Ok(known.collect())
    }

    /// Forgets the certificate and the TLS of `authority`; says whether anything was remembered.
    pub fn forget_server(&self, authority: &str) -> Result<bool> {
        let mut forgot = false;
        for file in [CERTIFICATES, TLS_SERVERS] {
            let mut known = self.read(file)?;
            if known.remove(authority).is_some() {
                self.write(file, &known, false)?;
                forgot = true;
            }
        }
        Ok(forgot)
    }

    /// Removes a bookmark; says whether it existed.
    pub fn remove(&self, name: &str) -> Result<bool> {
        let mut urls = self.read(URLS)?;
        let existed = urls.remove(name).is_some();
        if existed {
            self.write(URLS, &urls, false)?;
            let mut passwords = self.read(PASSWORDS)?;
            if passwords.remove(name).is_some() {
                self.write(PASSWORDS, &passwords, true)?;
            }
        }
        Ok(existed)
    }

    fn read(&self, file: &str) -> Result<toml::Table> {
        let path = self.dir.join(file);
        match std::fs::read_to_string(&path) {
            Ok(text) => text
                .parse()
                .map_err(|e: toml::de::Error| Error::Config(format!("{}: {}", path.display(), e.message()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(toml::Table::new()),
            Err(e) => Err(Error::local(path, e)),
        }
    }

    /// Writes a file whole through a temporary file and a rename; `private` makes it 0600.
    fn write(&self, file: &str, table: &toml::Table, private: bool) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::local(&self.dir, e))?;
        let path = self.dir.join(file);
        let tmp = self.dir.join(format!(".{file}.tmp"));
        let text = toml::to_string(table).map_err(|e| Error::local(&path, std::io::Error::other(e)))?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut f = options.open(&tmp).map_err(|e| Error::local(&tmp, e))?;
        f.write_all(text.as_bytes()).map_err(|e| Error::local(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::local(&path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_list_get_remove() {
        let dir = tempfile::tempdir().unwrap();
        let b = Bookmarks::at(dir.path());
        let t = Target::parse("ftp://alice@example.org:2121/pub/my%20dir", None).unwrap();
        b.add("work", &t, None).unwrap();
        b.add("home", &Target::parse("ftp://[::1]/", None).unwrap(), Some("s3cret")).unwrap();
        assert_eq!(
            b.list().unwrap(),
            [
                ("home".to_string(), "ftp://[::1]/".to_string()),
                ("work".into(), "ftp://alice@example.org:2121/pub/my%20dir".into())
            ]
        );
        let got = b.get("work").unwrap().unwrap();
        assert_eq!(
            (got.user.as_deref(), got.port, got.path.as_deref(), got.password),
            (Some("alice"), 2121, Some("pub/my dir"), None)
        );
        assert_eq!(b.get("home").unwrap().unwrap().password.as_deref(), Some("s3cret"));
        let urls = std::fs::read_to_string(dir.path().join(URLS)).unwrap();
        assert!(!urls.contains("s3cret"), "passwords live apart: {urls}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(PASSWORDS)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(b.remove("home").unwrap());
        assert!(!b.remove("home").unwrap());
        assert!(b.get("home").unwrap().is_none());
        assert!(!std::fs::read_to_string(dir.path().join(PASSWORDS)).unwrap().contains("s3cret"));
        assert!(b.add("bad name", &t, None).is_err());
    }

    #[test]
    fn servers_that_spoke_tls_are_remembered_with_their_certificates_until_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let b = Bookmarks::at(dir.path());
        assert_eq!(b.tls_since("h:21").unwrap(), None);
        b.remember_tls("h:21", "2024-01-02").unwrap();
        b.remember_tls("h:21", "2025-05-05").unwrap();
        assert_eq!(b.tls_since("h:21").unwrap().as_deref(), Some("2024-01-02"), "the first day stays");
        b.trust_certificate("h:21", "SHA256:ab").unwrap();
        b.trust_certificate("g:990", "SHA256:cd").unwrap();
        let known: Vec<_> =
            b.known_servers().unwrap().into_iter().map(|k| (k.authority, k.tls_since)).collect();
        assert_eq!(known, [("g:990".to_string(), None), ("h:21".into(), Some("2024-01-02".into()))]);
        assert!(b.forget_server("h:21").unwrap());
        assert!(!b.forget_server("h:21").unwrap());
        assert_eq!((b.tls_since("h:21").unwrap(), b.certificate("h:21").unwrap()), (None, None));
        assert_eq!(b.certificate("g:990").unwrap().as_deref(), Some("SHA256:cd"));
    }
}
