//! Rate limits as the settings state them: bytes per second for uploads and for downloads,
//! written `2M`, `500K`, `0` (none) or `UP:DOWN` (`2M:500K`: 2 MiB/s up, 500 KiB/s down). Units
//! are binary, as curl's `--limit-rate`: K = 1024. Pure; the limiting itself is in
//! `transfer::limit`.

/// A limit for each direction, in bytes per second; `None` is no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rates {
    /// Uploads.
    pub up: Option<u64>,
    /// Downloads.
    pub down: Option<u64>,
}

impl Rates {
    /// Parses `RATE` (both directions) or `UP:DOWN`; `None` when it is neither.
    pub fn parse(text: &str) -> Option<Rates> {
        match text.split_once(':') {
            Some((up, down)) => Some(Rates { up: rate(up)?, down: rate(down)? }),
            None => rate(text).map(|r| Rates { up: r, down: r }),
        }
    }

    /// The limits as [`Rates::parse`] reads them back.
    pub fn text(&self) -> String {
        if self.up == self.down {
            rate_text(self.up)
        } else {
            format!("{}:{}", rate_text(self.up), rate_text(self.down))
        }
    }
}

/// One rate: a number with an optional K, M or G (and an optional B); `0`, `off` or `none` for
/// no limit.
fn rate(text: &str) -> Option<Option<u64>> {
    let t = text.trim().to_ascii_uppercase();
    if matches!(t.as_str(), "0" | "OFF" | "NONE") {
        return Some(None);
    }
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (digits, unit) = match t.char_indices().last()? {
        (i, 'K') => (&t[..i], 1u64 << 10),
        (i, 'M') => (&t[..i], 1 << 20),
        (i, 'G') => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    let value = digits.parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0)? * unit as f64;
    (1.0..=1e15).contains(&value).then_some(Some(value as u64))
}

fn rate_text(rate: Option<u64>) -> String {
    match rate {
        None => "0".to_string(),
        Some(r) => [(1u64 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")]
            .iter()
            .find(|(unit, _)| r % unit == 0)
            .map_or_else(|| r.to_string(), |(unit, name)| format!("{}{name}", r / unit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_units_and_directions() {
        let both = |r| Some(Rates { up: r, down: r });
        assert_eq!(Rates::parse("2M"), both(Some(2 << 20)));
        assert_eq!(Rates::parse("500k"), both(Some(500 << 10)));
        assert_eq!(Rates::parse("1.5KB"), both(Some(1536)));
        assert_eq!(Rates::parse("100"), both(Some(100)));
        assert_eq!(Rates::parse("0"), both(None));
        assert_eq!(Rates::parse("2M:500K"), Some(Rates { up: Some(2 << 20), down: Some(500 << 10) }));
        assert_eq!(Rates::parse("0:1G"), Some(Rates { up: None, down: Some(1 << 30) }));
        for bad in ["", "fast", "-1M", "2X", "1:2:3", "M", "0.1"] {
            assert_eq!(Rates::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn rates_read_back_as_written() {
        for text in ["2M", "500K", "1000", "0", "2M:500K", "0:1G"] {
            assert_eq!(Rates::parse(text).unwrap().text(), text);
        }
    }
}
