//! Which dialect reads a listing. Owns [`Dialect`] (the names `set listing-format` takes), the
//! hint a `SYST` reply gives, the table of parsers, and the [`Chooser`]: with `auto` it tries
//! every dialect (the SYST hint first) on each line until one understands it, then sticks with
//! that one for the rest of the listing, as commons-net's composite parser does, so that a line
//! of one dialect is never misread by another. It also joins VMS entries that span two lines.
//!
//! Holds no dialect's syntax and never reads the clock: "today" is given.

use std::borrow::Cow;

use super::date::Day;
use super::text::strip_eol;
use super::{RemoteEntry, dos, eplf, mlsd, mvs, netware, os2, os400, tandem, unix, vms};

/// A listing dialect, or `Auto` to recognise it from the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    #[default]
    Auto,
    Unix,
    Dos,
    Mlsd,
    Vms,
    Os2,
    Netware,
    Os400,
    Mvs,
    Eplf,
    Tandem,
}

impl Dialect {
    /// The names `set listing-format` accepts, in the order of the variants.
    pub const NAMES: &'static [&'static str] =
        &["auto", "unix", "dos", "mlsd", "vms", "os2", "netware", "os400", "mvs", "eplf", "tandem"];

    const ALL: [Dialect; 11] = [
        Dialect::Auto,
        Dialect::Unix,
        Dialect::Dos,
        Dialect::Mlsd,
        Dialect::Vms,
        Dialect::Os2,
        Dialect::Netware,
        Dialect::Os400,
        Dialect::Mvs,
        Dialect::Eplf,
        Dialect::Tandem,
    ];

    /// The dialect called `name` (any case).
    pub fn parse(name: &str) -> Option<Dialect> {
        let i = Self::NAMES.iter().position(|n| n.eq_ignore_ascii_case(name))?;
        Some(Self::ALL[i])
    }

    /// Its name in [`Dialect::NAMES`].
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The dialect a `SYST` reply suggests (`215 UNIX Type: L8`, `215 Windows_NT`,
    /// `215 VMS ...`, `215 MVS is the operating system of this server`, ...): only a hint of
    /// which dialect to try first, since many servers can list in more than one.
    pub fn from_syst(reply: &str) -> Option<Dialect> {
        let upper = reply.to_ascii_uppercase();
        let has = |word: &str| upper.contains(word);
        Some(match () {
            _ if has("WINDOWS") => Dialect::Dos,
            _ if has("VMS") => Dialect::Vms,
            _ if has("OS/400") => Dialect::Os400,
            _ if has("OS/2") => Dialect::Os2,
            _ if has("NETWARE") => Dialect::Netware,
            _ if has("MVS") || has("Z/OS") => Dialect::Mvs,
            _ if has("NONSTOP") || has("TANDEM") => Dialect::Tandem,
            _ if has("UNIX") || has("LINUX") || has("MACOS") || has("BSD") => Dialect::Unix,
            _ => return None,
        })
    }
}

/// What a dialect's parser is told besides the line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ctx {
    /// For dates without a year.
    pub(super) today: Day,
    /// The listing is known to be of this dialect (forced, or recognised from earlier lines):
    /// lines that mean something only there (an MVS member name alone) are accepted.
    pub(super) sure: bool,
}

/// What a dialect's parser made of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Parsed {
    Entry(RemoteEntry),
    /// A line of the dialect that lists nothing (a header, a summary).
    Noise,
    /// The first line of an entry that continues on the next line (VMS).
    Partial,
    /// Not a line of this dialect.
    No,
}

impl From<Option<RemoteEntry>> for Parsed {
    fn from(e: Option<RemoteEntry>) -> Parsed {
        e.map_or(Parsed::No, Parsed::Entry)
    }
}

type Parser = fn(&str, Ctx) -> Parsed;

/// Each dialect's parser. `Auto` has none.
fn parser(d: Dialect) -> Option<Parser> {
    Some(match d {
        Dialect::Auto => return None,
        Dialect::Unix => unix::parse,
        Dialect::Dos => dos::parse,
        Dialect::Mlsd => mlsd::parse_line,
        Dialect::Vms => vms::parse,
        Dialect::Os2 => os2::parse,
        Dialect::Netware => netware::parse,
        Dialect::Os400 => os400::parse,
        Dialect::Mvs => mvs::parse,
        Dialect::Eplf => eplf::parse,
        Dialect::Tandem => tandem::parse,
    })
}

/// The order `auto` tries the LIST dialects in: strict ones before lenient ones that could
/// misread their lines (every one of them rejects the others' samples; see the fixtures).
const AUTO_ORDER: [Dialect; 10] = [
    Dialect::Unix,
    Dialect::Dos,
    Dialect::Eplf,
    Dialect::Vms,
    Dialect::Netware,
    Dialect::Os400,
    Dialect::Tandem,
    Dialect::Os2,
    Dialect::Mvs,
    Dialect::Mlsd,
];

/// What one line of a listing is.
pub(super) enum Read<'a> {
    /// Blank, `total N`, `.`, `..`, `cdir`, `pdir`, a dialect's header or summary, or the first
    /// half of a two-line entry (held until the next line).
    Noise,
    Entry(RemoteEntry),
    /// The line without its CR/LF.
    NotUnderstood(Cow<'a, str>),
}

/// Reads one listing's lines in its dialect, choosing the dialect from the lines when `auto`.
pub(super) struct Chooser {
    /// The dialects to try, in order; one when it is forced or chosen.
    order: Vec<Dialect>,
    chosen: bool,
    /// The first line of a two-line entry, waiting for the second.
    pending: Option<String>,
    today: Day,
}

impl Chooser {
    /// A chooser for a listing in `format` (`Auto`: recognise it, trying `hint` first).
    pub(super) fn new(format: Dialect, hint: Option<Dialect>, today: Day) -> Chooser {
        let order = match (format, hint) {
            (Dialect::Auto, hint) => {
                let first = hint.into_iter().filter(|d| *d != Dialect::Auto);
                first.chain(AUTO_ORDER.into_iter().filter(|d| Some(*d) != hint)).collect()
            }
            (forced, _) => vec![forced],
        };
        let chosen = format != Dialect::Auto;
        Chooser { order, chosen, pending: None, today }
    }

    pub(super) fn today(&self) -> Day {
        self.today
    }

    pub(super) fn set_today(&mut self, today: Day) {
        self.today = today;
    }

    /// The dialect in use: the forced one, the one recognised, or `Auto` while none is.
    pub(super) fn dialect(&self) -> Dialect {
        if self.chosen { self.order[0] } else { Dialect::Auto }
    }

    /// Reads one line (with or without its CR/LF). A two-line entry whose second line does not
    /// fit gives back its first line, not understood, before this line's own result.
    pub(super) fn read<'a>(&mut self, raw: &'a str) -> (Option<String>, Read<'a>) {
        let line = strip_eol(raw);
        let mut given_up = None;
        if let Some(first) = self.pending.take() {
            let joined = format!("{first} {}", line.trim_start());
            match self.parse(&joined) {
                Parsed::Entry(e) => return (None, entry(e)),
                _ => given_up = Some(first),
            }
        }
        if line.trim().is_empty() || is_total(line) {
            return (given_up, Read::Noise);
        }
        let read = match self.parse(line) {
            Parsed::Entry(e) => entry(e),
            Parsed::Noise => Read::Noise,
            Parsed::Partial => {
                self.pending = Some(line.to_string());
                Read::Noise
            }
            Parsed::No => Read::NotUnderstood(Cow::Borrowed(line)),
        };
        (given_up, read)
    }

    /// The end of the listing: a first line still waiting for its second is not understood.
    pub(super) fn finish(&mut self) -> Option<String> {
        self.pending.take()
    }

    /// The line through the chosen dialect, or through each in turn until one understands it
    /// (and is then chosen).
    fn parse(&mut self, line: &str) -> Parsed {
        let ctx = Ctx { today: self.today, sure: self.chosen };
        if self.chosen {
            return parser(self.order[0]).map_or(Parsed::No, |p| p(line, ctx));
        }
        for (i, d) in self.order.iter().enumerate() {
            let parsed = parser(*d).map_or(Parsed::No, |p| p(line, ctx));
            if parsed != Parsed::No {
                self.order = vec![self.order[i]];
                self.chosen = true;
                return parsed;
            }
        }
        Parsed::No
    }
}

/// An entry, or noise for `.` and `..`.
fn entry<'a>(e: RemoteEntry) -> Read<'a> {
    if e.name == "." || e.name == ".." { Read::Noise } else { Read::Entry(e) }
}

/// `total 12`, `total 1.5M`: the block count `ls -l` prints first.
pub(super) fn is_total(line: &str) -> bool {
    // Most lines are not: a glance at the first word before splitting into words.
    let first = line.trim_start_matches([' ', '\t']).get(..5);
    if !first.is_some_and(|w| w.eq_ignore_ascii_case("total")) {
        return false;
    }
    let mut words = line.split([' ', '\t']).filter(|w| !w.is_empty());
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("total"))
        && words.next().is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        && words.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_any_case() {
        for name in Dialect::NAMES {
            assert_eq!(Dialect::parse(name).map(Dialect::name), Some(*name));
        }
        assert_eq!(Dialect::parse("VMS"), Some(Dialect::Vms));
        assert_eq!(Dialect::parse("cobol"), None);
    }

    #[test]
    fn syst_replies_hint_a_dialect() {
        for (reply, d) in [
            ("UNIX Type: L8", Some(Dialect::Unix)),
            ("Windows_NT", Some(Dialect::Dos)),
            ("VMS OpenVMS V8.4 on node X", Some(Dialect::Vms)),
            (
                "MVS is the operating system of this server. FTP Server is running on z/OS.",
                Some(Dialect::Mvs),
            ),
            ("OS/400 is the remote operating system.", Some(Dialect::Os400)),
            ("OS/2", Some(Dialect::Os2)),
            ("NETWARE  Type: L8", Some(Dialect::Netware)),
            ("NONSTOP KERNEL", Some(Dialect::Tandem)),
            ("Plan 9", None),
        ] {
            assert_eq!(Dialect::from_syst(reply), d, "{reply}");
        }
    }
}
