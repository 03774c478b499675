//! Credentials from `~/.netrc` (or `$NETRC`): finding the file, refusing it when it holds secrets
//! but others can read it, and parsing it the way ftp(1), curl and Python's `netrc` do. Nothing
//! here prints, and no password ever reaches an error message or `Debug` output.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What a netrc entry says about one host; any field may be missing.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Credentials {
    /// The user name (`login`).
    pub login: Option<String>,
    /// The password (`password`).
    pub password: Option<String>,
    /// The `ACCT` string (`account`), which ftp(1) calls an additional password.
    pub account: Option<String>,
    /// The entry's macros (`macdef NAME` and the lines up to a blank one), in file order.
    pub macros: Vec<(String, Vec<String>)>,
}

/// Masks the password and the account: `Debug` output ends up in logs and error reports.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mask = |s: &Option<String>| s.as_ref().map(|_| "****");
        f.debug_struct("Credentials")
            .field("login", &self.login)
            .field("password", &mask(&self.password))
            .field("account", &mask(&self.account))
            .field("macros", &self.macros.iter().map(|(n, _)| n).collect::<Vec<_>>())
            .finish()
    }
}

/// Parses netrc text: tokens separated by whitespace (spaces, tabs, newlines); `machine NAME`,
/// `default`, `login`, `password`, `account`, `macdef NAME` (the macro body: the lines after
/// it up to the next blank line, kept for the entry before it and otherwise skipped), `#` comments to end of line where a keyword is expected (a value such as
/// `password #x` is taken as is). Tokens may be "double quoted" with curl's backslash escapes
/// (`\n`, `\r`, `\t`, `\X` for X). Returns the first entry for `host` (exact, case-insensitive
/// match), wherever it stands, else the first `default`, else None.
pub fn lookup(text: &str, host: &str) -> Option<Credentials> {
    select(parse(text), host)
}

/// Where the netrc file is: `$NETRC` if set and not empty, else `~/.netrc`.
pub fn path() -> Option<PathBuf> {
    match std::env::var_os("NETRC") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => dirs::home_dir().map(|home| home.join(".netrc")),
    }
}

/// Reads the netrc at `path` for `host`. A missing file is `Ok(None)`. On unix, a file that holds
/// a password or account for any login but `anonymous` (as Python checks, and stricter than
/// ftp(1), which only checks the matched entry) is refused unless only its owner can access it.
pub fn credentials_for(path: &Path, host: &str) -> Result<Option<Credentials>> {
    let mut file = match File::open(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        opened => opened.map_err(|e| Error::local(path, e))?,
    };
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(|e| Error::local(path, e))?;
    let entries = parse(&text);
    if entries.iter().any(Entry::holds_secret) {
        check_private(&file, path)?;
    }
    Ok(select(entries, host))
}

/// Refuses a file whose mode lets group or others in (checked on the open file, not the name).
#[cfg(unix)]
fn check_private(file: &File, path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = file.metadata().map_err(|e| Error::local(path, e))?.permissions().mode();
    if mode & 0o077 == 0 {
        return Ok(());
    }
    let fix = shell_words::quote(&path.to_string_lossy()).into_owned();
    let why = format!("holds a password but group or others can read it; run: chmod 600 {fix}");
    Err(Error::local(path, io::Error::other(why)))
}

#[cfg(not(unix))]
fn check_private(_file: &File, _path: &Path) -> Result<()> {
    Ok(())
}

/// One `machine` (named) or `default` (unnamed) entry.
struct Entry {
    machine: Option<String>,
    creds: Credentials,
}

impl Entry {
    /// Whether the entry holds something that must stay private (anonymous logins are exempt,
    /// as in ftp(1) and Python: their "password" is by convention an e-mail address).
    fn holds_secret(&self) -> bool {
        let c = &self.creds;
        c.login.as_deref() != Some("anonymous") && (c.password.is_some() || c.account.is_some())
    }
}

/// All entries in file order. Lenient like curl: unknown words and fields outside an entry are
/// skipped, and a keyword without its value at the end of the text is ignored.
fn parse(text: &str) -> Vec<Entry> {
    let mut lex = Lexer { rest: text };
    let mut entries: Vec<Entry> = Vec::new();
    while let Some(word) = lex.next(true) {
        match word.to_ascii_lowercase().as_str() {
            "machine" => {
                let Some(name) = lex.next(false) else { break };
                entries.push(Entry { machine: Some(name), creds: Credentials::default() });
            }
            "default" => entries.push(Entry { machine: None, creds: Credentials::default() }),
            key @ ("login" | "password" | "account") => {
                let value = lex.next(false);
                let Some(c) = entries.last_mut().map(|e| &mut e.creds) else { continue };
                let field = match key {
                    "login" => &mut c.login,
                    "password" => &mut c.password,
                    _ => &mut c.account,
                };
                *field = value;
            }
            "macdef" => {
                let name = lex.next(false);
                let body = lex.macro_body();
                if let (Some(name), Some(entry)) = (name, entries.last_mut()) {
                    entry.creds.macros.push((name, body));
                }
            }
            _ => {}
        }
    }
    entries
}

/// The first entry named `host`, else the first `default`.
fn select(mut entries: Vec<Entry>, host: &str) -> Option<Credentials> {
    let named = |e: &Entry| e.machine.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(host));
    let at = entries.iter().position(named).or_else(|| entries.iter().position(|e| e.machine.is_none()))?;
    Some(entries.swap_remove(at).creds)
}

/// Splits netrc text into tokens.
struct Lexer<'a> {
    rest: &'a str,
}

impl Lexer<'_> {
    /// The next token, or None at the end; with `comments`, a token starting with `#` and the
    /// rest of its line are skipped.
    fn next(&mut self, comments: bool) -> Option<String> {
        loop {
            self.rest = self.rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if comments && self.rest.starts_with('#') {
                self.skip_line();
                continue;
            }
            return match self.rest.chars().next()? {
                '"' => Some(self.quoted()),
                _ => Some(self.bare()),
            };
        }
    }

    /// A token up to the next whitespace, backslashes kept (as curl does).
    fn bare(&mut self) -> String {
        let end = self.rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(self.rest.len());
        let (token, rest) = self.rest.split_at(end);
        self.rest = rest;
        token.to_string()
    }

    /// A token in double quotes with backslash escapes; unterminated, it runs to the end.
    fn quoted(&mut self) -> String {
        let mut token = String::new();
        let mut end = self.rest.len();
        let mut escaped = false;
        for (i, c) in self.rest[1..].char_indices() {
            match (escaped, c) {
                (true, _) => token.push(unescape(c)),
                (false, '\\') => {}
                (false, '"') => {
                    end = i + 2;
                    break;
                }
                (false, _) => token.push(c),
            }
            escaped = !escaped && c == '\\';
        }
        self.rest = &self.rest[end..];
        token
    }

    /// Skips past the next line break.
    fn skip_line(&mut self) {
        self.rest = self.rest.find('\n').map_or("", |i| &self.rest[i + 1..]);
    }

    /// Skips the rest of the `macdef` line and returns the macro body, which ends at a blank
    /// line (line ends `\r\n` or `\n`, not kept).
    fn macro_body(&mut self) -> Vec<String> {
        self.skip_line();
        let mut body = Vec::new();
        while !self.rest.is_empty() {
            let line = self.rest.split('\n').next().unwrap_or_default().trim_end_matches('\r');
            if line.trim().is_empty() {
                self.skip_line();
                break;
            }
            body.push(line.to_string());
            self.skip_line();
        }
        body
    }
}

/// The character a backslash escape in a quoted token stands for.
fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(login: &str, password: Option<&str>) -> Credentials {
        Credentials { login: Some(login.into()), password: password.map(Into::into), ..Default::default() }
    }

    const SAMPLE: &str = "machine a.example login alice password pa\n\
                          machine b.example\n  login bob\n  password pb account acct\n\
                          default login anonymous password me@example.org\n";

    #[test]
    fn machine_match() {
        assert_eq!(lookup(SAMPLE, "a.example"), Some(creds("alice", Some("pa"))));
        let b = lookup(SAMPLE, "b.example").unwrap();
        assert_eq!((b.login.as_deref(), b.account.as_deref()), (Some("bob"), Some("acct")));
    }

    #[test]
    fn default_fallback() {
        assert_eq!(lookup(SAMPLE, "c.example"), Some(creds("anonymous", Some("me@example.org"))));
        assert_eq!(lookup("machine x login y", "z"), None);
    }

    #[test]
    fn machine_after_default_still_matches() {
        let text = "default login anon\nmachine h login u password p\nmachine h login second";
        assert_eq!(lookup(text, "h"), Some(creds("u", Some("p"))));
        assert_eq!(lookup(text, "other"), Some(creds("anon", None)));
    }

    #[test]
    fn host_match_is_case_insensitive_and_exact() {
        assert_eq!(lookup(SAMPLE, "A.Example").unwrap().login.as_deref(), Some("alice"));
        assert_eq!(lookup("machine a.example login x", "a.example.org"), None);
        assert_eq!(lookup("machine a.example login x", "a"), None);
    }

    #[test]
    fn macdef_body_is_no_entry() {
        let text = "macdef init\nmachine evil login mallory\ncd /pub\n\nmachine h login u";
        assert_eq!(lookup(text, "evil"), None);
        assert_eq!(lookup(text, "h"), Some(creds("u", None)));
        let in_entry = "machine h login u macdef m\npassword no\n\n password yes";
        let with_macro =
            Credentials { macros: vec![("m".into(), vec!["password no".into()])], ..creds("u", Some("yes")) };
        assert_eq!(lookup(in_entry, "h"), Some(with_macro));
    }

    #[test]
    fn macros_belong_to_the_entry_before_them() {
        let text = "machine a login u\nmacdef init\r\ncd /pub\r\n  binary\r\n\r\n\
                    machine b login v macdef init\nls\n";
        let a = lookup(text, "a").unwrap();
        assert_eq!(a.macros, vec![("init".to_string(), vec!["cd /pub".to_string(), "  binary".to_string()])]);
        assert_eq!(lookup(text, "b").unwrap().macros, vec![("init".to_string(), vec!["ls".to_string()])]);
        assert!(format!("{a:?}").contains("init"));
    }

    #[test]
    fn comments() {
        let text = "# machine h login commented\nmachine h # trailing login no\n login u\n password #kept";
        assert_eq!(lookup(text, "h"), Some(creds("u", Some("#kept"))));
        assert_eq!(lookup("machine h login u#not-a-comment", "h"), Some(creds("u#not-a-comment", None)));
    }

    #[test]
    fn quoted_tokens() {
        let text = r#"machine h login "J Doe" password "p a\"s\\s\tw" account "" "#;
        let c = lookup(text, "h").unwrap();
        assert_eq!(c.login.as_deref(), Some("J Doe"));
        assert_eq!(c.password.as_deref(), Some("p a\"s\\s\tw"));
        assert_eq!(c.account.as_deref(), Some(""));
        assert_eq!(lookup(r"machine h password a\b", "h").unwrap().password.as_deref(), Some(r"a\b"));
    }

    #[test]
    fn missing_fields() {
        let empty = Credentials::default();
        assert_eq!(lookup("machine h", "h"), Some(empty.clone()));
        assert_eq!(lookup("machine h password p machine i", "i"), Some(empty));
        assert_eq!(lookup("machine h password p", "h").unwrap().login, None);
        assert_eq!(lookup("login stray machine h", "h"), Some(Credentials::default()));
    }

    #[test]
    fn debug_masks_secrets() {
        let c = Credentials { account: Some("acct-secret".into()), ..creds("u", Some("hunter2")) };
        let shown = format!("{c:?}");
        assert!(shown.contains("\"u\"") && shown.contains("****"), "{shown}");
        assert!(!shown.contains("hunter2") && !shown.contains("acct-secret"), "{shown}");
        assert!(format!("{:?}", creds("u", None)).contains("password: None"));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            " \n\t ",
            "machine",
            "default",
            "login",
            "password",
            "account",
            "macdef",
            "#",
            "\"",
            "machine \"h",
            "machine h password \"unterminated",
            "machine h password \"ends\\",
            "machine hé login ü password 密码",
            "macdef m",
            "macdef m\n",
            "machine h\r\nlogin u\r\n",
        ];
        for text in odd.iter().copied().chain([SAMPLE]) {
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let _ = lookup(&text[..end], "h");
            }
        }
        assert_eq!(lookup("machine hé login ü", "HÉ"), None);
        assert_eq!(lookup("machine hé login ü", "hé"), Some(creds("ü", None)));
        assert_eq!(lookup("machine h password \"a b", "h").unwrap().password.as_deref(), Some("a b"));
        assert_eq!(lookup("machine h\r\nlogin u\r\n", "h"), Some(creds("u", None)));
    }

    #[test]
    fn missing_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(credentials_for(&dir.path().join("absent"), "h").unwrap(), None);
    }

    #[test]
    fn a_directory_is_an_error_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let err = credentials_for(dir.path(), "h").unwrap_err();
        assert!(err.to_string().contains(&dir.path().display().to_string()), "{err}");
    }

    #[cfg(unix)]
    fn netrc_file(text: &str, mode: u32) -> tempfile::NamedTempFile {
        use std::os::unix::fs::PermissionsExt;
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        file
    }

    #[cfg(unix)]
    #[test]
    fn private_file_is_read() {
        let file = netrc_file("machine h login u password hunter2", 0o600);
        assert_eq!(credentials_for(file.path(), "h").unwrap(), Some(creds("u", Some("hunter2"))));
    }

    #[cfg(unix)]
    #[test]
    fn readable_file_with_a_password_is_refused() {
        for mode in [0o644, 0o640, 0o604] {
            let file = netrc_file("machine other password hunter2\nmachine h login u", mode);
            let err = credentials_for(file.path(), "h").unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, Error::Local { .. }), "{err:?}");
            assert!(msg.contains(&format!("chmod 600 {}", file.path().display())), "{msg}");
            assert!(!msg.contains("hunter2") && !format!("{err:?}").contains("hunter2"), "{msg}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn readable_file_without_secrets_is_read() {
        let file = netrc_file("machine h login u\ndefault login anonymous password me@x", 0o644);
        assert_eq!(credentials_for(file.path(), "h").unwrap(), Some(creds("u", None)));
    }
}
