//! Reading the values in SIZE and MDTM replies (pure). A reply that does not hold exactly what
//! RFC 3659 says it holds gives `None`: ftpsh never guesses a size or a time from a reply it does
//! not understand (suppaftp takes the last number of `213 1 200` for the size).

use chrono::{NaiveDate, NaiveDateTime};

/// The size in `213 SIZE`: decimal digits and nothing else.
pub fn size(text: &str) -> Option<u64> {
    let value = value(text)?;
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// The time in `213 YYYYMMDDHHMMSS[.sss]` (UTC), when it is a possible date and time.
pub fn mdtm(text: &str) -> Option<NaiveDateTime> {
    let value = value(text)?;
    let (stamp, fraction) = value.split_once('.').unwrap_or((value, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if stamp.len() != 14 || !digits(stamp) || !digits(fraction) {
        return None;
    }
    let field = |from: usize, len: usize| stamp[from..from + len].parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(field(0, 4)? as i32, field(4, 2)?, field(6, 2)?)?;
    date.and_hms_opt(field(8, 2)?, field(10, 2)?, field(12, 2)?)
}

/// What follows the code on the last line of a reply, trimmed.
fn value(text: &str) -> Option<&str> {
    let line = text.lines().last()?;
    line.get(4..).map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_is_digits_only() {
        assert_eq!(size("213 1200"), Some(1200));
        assert_eq!(size("213 0\r\n"), Some(0));
        for bad in
            ["213 1,200", "213 1 200", "213 -5", "213 ", "213", "213 12k", "213 99999999999999999999999"]
        {
            assert_eq!(size(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_modification_time_must_be_a_possible_date() {
        let t = mdtm("213 20240131235959").unwrap();
        assert_eq!(t.format("%Y-%m-%d %H:%M:%S").to_string(), "2024-01-31 23:59:59");
        assert!(mdtm("213 20240131235959.123").is_some(), "fractions of a second are allowed");
        for bad in
            ["213 99999999999999", "213 20240230120000", "213 20240131246000", "213 2024013123595", "213 x"]
        {
            assert_eq!(mdtm(bad), None, "{bad}");
        }
    }
}
