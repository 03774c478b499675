//! Checksums: which one the server offers (FEAT `HASH`, `XSHA256`, `XSHA1`, `XMD5`, `XCRC`,
//! `SITE MD5`), the local hasher that runs alongside a copy, and reading the server's answer.
//!
//! A neutral, pure module shared by the session (which asks the server) and the transfer engine
//! (which hashes the data): it must not depend on either, do I/O or print.

use std::collections::BTreeMap;

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// A checksum algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algo {
    Sha256,
    Sha1,
    Md5,
    Crc32,
}

impl Algo {
    /// The name shown to users and used by `OPTS HASH`.
    pub fn name(self) -> &'static str {
        match self {
            Algo::Sha256 => "SHA-256",
            Algo::Sha1 => "SHA-1",
            Algo::Md5 => "MD5",
            Algo::Crc32 => "CRC32",
        }
    }

    fn hex_len(self) -> usize {
        match self {
            Algo::Sha256 => 64,
            Algo::Sha1 => 40,
            Algo::Md5 => 32,
            Algo::Crc32 => 8,
        }
    }

    /// A fresh hasher for this algorithm.
    pub fn hasher(self) -> Hasher {
        match self {
            Algo::Sha256 => Hasher::Sha256(Sha256::new()),
            Algo::Sha1 => Hasher::Sha1(Sha1::new()),
            Algo::Md5 => Hasher::Md5(Md5::new()),
            Algo::Crc32 => Hasher::Crc32(crc32fast::Hasher::new()),
        }
    }
}

/// How to ask the server for a file's checksum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    /// The algorithm.
    pub algo: Algo,
    /// The command before the path (`HASH`, `XSHA256`, `SITE MD5`, ...).
    pub command: &'static str,
    /// A command to send once before (`OPTS HASH SHA-256`).
    pub setup: Option<String>,
}

/// The strongest checksum the server announced in FEAT, if any.
pub fn choose(features: &BTreeMap<String, Option<String>>) -> Option<Method> {
    let has = |k: &str| features.contains_key(k);
    if let Some(Some(algos)) = features.get("HASH") {
        let offered =
            |name: &str| algos.split(';').any(|a| a.trim_end_matches('*').eq_ignore_ascii_case(name));
        for algo in [Algo::Sha256, Algo::Sha1, Algo::Md5, Algo::Crc32] {
            if offered(algo.name()) {
                return Some(Method {
                    algo,
                    command: "HASH",
                    setup: Some(format!("OPTS HASH {}", algo.name())),
                });
            }
        }
    }
    let simple =
        [("XSHA256", Algo::Sha256), ("XSHA1", Algo::Sha1), ("XMD5", Algo::Md5), ("XCRC", Algo::Crc32)];
    if let Some((command, algo)) = simple.into_iter().find(|(c, _)| has(c)) {
        return Some(Method { algo, command, setup: None });
    }
    let site_md5 =
        features.get("SITE").is_some_and(|v| v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("MD5")));
    site_md5.then_some(Method { algo: Algo::Md5, command: "SITE MD5", setup: None })
}

/// The checksum in a server reply: the first word made only of hex digits of the right length.
pub fn parse_reply(algo: Algo, reply: &str) -> Option<String> {
    reply
        .split(|c: char| c.is_whitespace())
        .skip(1) // the reply code
        .find(|w| w.len() == algo.hex_len() && w.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_ascii_lowercase)
}

/// A running checksum over the bytes of a transfer.
pub enum Hasher {
    Sha256(Sha256),
    Sha1(Sha1),
    Md5(Md5),
    Crc32(crc32fast::Hasher),
}

impl Hasher {
    /// Adds bytes.
    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Md5(h) => h.update(data),
            Hasher::Crc32(h) => h.update(data),
        }
    }

    /// The checksum as lowercase hex.
    pub fn hex(self) -> String {
        let bytes: Vec<u8> = match self {
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Crc32(h) => h.finalize().to_be_bytes().to_vec(),
        };
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(list: &[(&str, Option<&str>)]) -> BTreeMap<String, Option<String>> {
        list.iter().map(|(k, v)| (k.to_string(), v.map(String::from))).collect()
    }

    #[test]
    fn the_strongest_announced_checksum_wins() {
        let m = choose(&feats(&[("HASH", Some("SHA-1*;SHA-256;MD5")), ("XMD5", None)])).unwrap();
        assert_eq!(
            (m.algo, m.command, m.setup.as_deref()),
            (Algo::Sha256, "HASH", Some("OPTS HASH SHA-256"))
        );
        let m = choose(&feats(&[("XCRC", None), ("XSHA1", None), ("XMD5", None)])).unwrap();
        assert_eq!((m.algo, m.command), (Algo::Sha1, "XSHA1"));
        let m = choose(&feats(&[("SITE", Some("MD5")), ("SIZE", None)])).unwrap();
        assert_eq!((m.algo, m.command), (Algo::Md5, "SITE MD5"));
        assert_eq!(choose(&feats(&[("SIZE", None), ("MDTM", None)])), None);
    }

    #[test]
    fn replies_of_every_style_parse() {
        let sha = "a".repeat(64);
        assert_eq!(
            parse_reply(Algo::Sha256, &format!("213 SHA-256 0-1023 {sha} file.bin")),
            Some(sha.clone())
        );
        assert_eq!(
            parse_reply(Algo::Md5, "213 0CC175B9C0F1B6A831C399E269772661    /pub/a"),
            Some("0cc175b9c0f1b6a831c399e269772661".into())
        );
        assert_eq!(parse_reply(Algo::Crc32, "250 E8B7BE43"), Some("e8b7be43".into()));
        assert_eq!(parse_reply(Algo::Md5, "500 unknown"), None);
    }

    #[test]
    fn hashers_match_known_vectors() {
        let hex = |algo: Algo| {
            let mut h = algo.hasher();
            h.update(b"a");
            h.hex()
        };
        assert_eq!(hex(Algo::Md5), "0cc175b9c0f1b6a831c399e269772661");
        assert_eq!(hex(Algo::Sha1), "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8");
        assert_eq!(hex(Algo::Sha256), "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
        assert_eq!(hex(Algo::Crc32), "e8b7be43");
    }
}
