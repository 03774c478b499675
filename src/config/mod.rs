//! The config file: `ftpsh/config.toml` in the platform config directory (or `$FTPSH_CONFIG`).
//! Top-level keys are the shell's settings (the names `set` knows) plus `color`; sections
//! `[host."NAME"]` hold settings (and `user`) for connections to NAME. This module reads and
//! validates the file; [`settings::resolve`] layers its values with the other sources.

pub mod rate;
pub mod settings;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The parsed config file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from, for messages.
    pub path: Option<PathBuf>,
    top: Vec<(String, String)>,
    color: Option<String>,
    hosts: BTreeMap<String, Vec<(String, String)>>,
}

/// The config file's location.
pub fn path() -> Option<PathBuf> {
    match std::env::var_os("FTPSH_CONFIG") {
        Some(p) => Some(PathBuf::from(p)),
        None => dirs::config_dir().map(|d| d.join("ftpsh").join("config.toml")),
    }
}

impl Config {
    /// Reads the file at `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::local(path, e)),
        };
        Config::parse(&text).map(|c| Config { path: Some(path.to_path_buf()), ..c }).map_err(|e| match e {
            Error::Config(m) => Error::Config(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Parses config text.
    pub fn parse(text: &str) -> Result<Config> {
        let table: toml::Table =
            text.parse().map_err(|e: toml::de::Error| Error::Config(e.message().to_string()))?;
        let mut config = Config::default();
        for (key, value) in table {
            match (key.as_str(), value) {
                ("host", toml::Value::Table(hosts)) => {
                    for (name, section) in hosts {
                        let toml::Value::Table(section) = section else {
                            return Err(Error::Config(format!("[host.\"{name}\"] must be a table")));
                        };
                        config.hosts.insert(name.to_ascii_lowercase(), pairs(section)?);
                    }
                }
                ("host", _) => return Err(Error::Config("host must hold [host.\"NAME\"] sections".into())),
                ("color", v) => config.color = Some(scalar("color", v)?),
                (k, v) => config.top.push((k.to_string(), scalar(k, v)?)),
            }
        }
        Ok(config)
    }

    /// The `color` choice, if set.
    pub fn color(&self) -> Option<&str> {
        self.color.as_deref()
    }

    /// The top-level settings, as `(name, value)`.
    pub fn settings(&self) -> &[(String, String)] {
        &self.top
    }

    /// The settings of the `[host."HOST"]` section (without `user`).
    pub fn host_settings(&self, host: &str) -> Vec<(String, String)> {
        let section = self.hosts.get(&host.to_ascii_lowercase());
        section.map(|s| s.iter().filter(|(k, _)| k != "user").cloned().collect()).unwrap_or_default()
    }

    /// The `user` of the `[host."HOST"]` section.
    pub fn host_user(&self, host: &str) -> Option<String> {
        let section = self.hosts.get(&host.to_ascii_lowercase())?;
        section.iter().find(|(k, _)| k == "user").map(|(_, v)| v.clone())
    }
}

fn pairs(table: toml::Table) -> Result<Vec<(String, String)>> {
    table.into_iter().map(|(k, v)| Ok((k.clone(), scalar(&k, v)?))).collect()
}

/// A value as `set` would read it: booleans as on/off, numbers and strings as written.
fn scalar(key: &str, value: toml::Value) -> Result<String> {
    match value {
        toml::Value::String(s) => Ok(s),
        toml::Value::Boolean(b) => Ok(if b { "on" } else { "off" }.to_string()),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Float(f) => Ok(f.to_string()),
        _ => Err(Error::Config(format!("{key}: expected a string, number or boolean"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_host_sections_and_colour() {
        let c = Config::parse(
            "progress = \"plain\"\nparallel = 4\npassive = false\ncolor = \"never\"\n\
             [host.\"FTP.example.org\"]\nuser = \"alice\"\npassive = true\n",
        )
        .unwrap();
        assert_eq!(
            c.settings(),
            [
                ("parallel".into(), "4".into()),
                ("passive".into(), "off".into()),
                ("progress".into(), "plain".into())
            ]
        );
        assert_eq!(c.color(), Some("never"));
        assert_eq!(c.host_user("ftp.example.org").as_deref(), Some("alice"));
        assert_eq!(c.host_settings("ftp.EXAMPLE.org"), [("passive".to_string(), "on".to_string())]);
        assert!(c.host_settings("other").is_empty());
    }

    #[test]
    fn bad_files_are_config_errors() {
        for text in ["progress = [1, 2]", "= oops", "[host]\nx = 1\n[host.x]\n", "host = 3"] {
            assert!(matches!(Config::parse(text), Err(Error::Config(_))), "{text}");
        }
    }

    #[test]
    fn a_missing_file_is_an_empty_config() {
        let c = Config::load(Path::new("/nonexistent/ftpsh/config.toml")).unwrap();
        assert!(c.settings().is_empty() && c.color().is_none());
    }
}
