//! Date and time pieces shared by the listing dialects: English month names, day numbers,
//! `HH:MM[:SS[.f]]` times, ISO dates, zone offsets, range checks, the year `ls` leaves out, and
//! today's date from the clock (the only clock read in `listing`).
//!
//! Each function reads one token (or checks numbers) and returns numbers; it must not know which
//! dialect it serves, format the result or look at a whole line.

use std::time::{SystemTime, UNIX_EPOCH};

use super::text::{is_digits, number};

/// A calendar day, used to infer the year of `Mon DD HH:MM` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Day {
    pub(super) year: i64,
    pub(super) month: u32,
    pub(super) day: u32,
}

/// `Jan`..`Dec`, any case.
pub(super) fn month(s: &str) -> Option<u32> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let i = MONTHS.iter().position(|m| s.eq_ignore_ascii_case(m))?;
    u32::try_from(i + 1).ok()
}

pub(super) fn day(s: &str) -> Option<u32> {
    number(s, 2).filter(|d| (1..=31).contains(d))
}

/// `HH:MM`, also `HH:MM:SS` and `HH:MM:SS.fraction` (`ls --full-time`).
pub(super) fn time(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.splitn(3, ':');
    let hour = number(parts.next()?, 2)?;
    let minute_tok = parts.next()?;
    let minute = (minute_tok.len() == 2).then(|| number(minute_tok, 2)).flatten()?;
    if let Some(seconds) = parts.next() {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
        (number(whole, 2).is_some() && is_digits(fraction)).then_some(())?;
    }
    valid_time(hour, minute).then_some((hour, minute))
}

/// `YYYY-MM-DD`.
pub(super) fn iso_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (year, month, day) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
    valid_date(month, day).then_some((year, month, day))
}

/// `MM-DD` (`ls --time-style=iso` for recent files).
pub(super) fn short_iso_date(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (month, day) = (number(m, 2)?, number(d, 2)?);
    (m.len() == 2 && d.len() == 2 && valid_date(month, day)).then_some((month, day))
}

/// A numeric zone offset such as `+0100` (`ls --full-time`).
pub(super) fn is_zone(s: &str) -> bool {
    s.len() == 5 && s.starts_with(['+', '-']) && is_digits(&s[1..])
}

pub(super) fn valid_date(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

pub(super) fn valid_time(hour: u32, minute: u32) -> bool {
    hour <= 23 && minute <= 59
}

/// The year of a year-less `ls` date: this year, unless that puts it more than a day in the
/// future, then last year.
pub(super) fn infer_year(month: u32, day: u32, today: Day) -> i64 {
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let ordinal = |m: u32, d: u32| {
        let start = usize::try_from(m).ok().and_then(|m| BEFORE.get(m.wrapping_sub(1)));
        start.copied().unwrap_or(0) + d
    };
    if ordinal(month, day) > ordinal(today.month, today.day) + 1 { today.year - 1 } else { today.year }
}

/// Today's date in UTC, from the system clock (1970-01-01 if the clock is before the epoch).
pub(super) fn today_utc() -> Day {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Days since 1970-01-01 → calendar date (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Day {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Day { year, month: u32::try_from(month).unwrap_or(1), day: u32::try_from(day).unwrap_or(1) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::tests::TODAY;

    #[test]
    fn year_is_inferred_like_ls() {
        assert_eq!(infer_year(1, 5, TODAY), 2024);
        assert_eq!(infer_year(3, 11, TODAY), 2024, "a day of clock skew is allowed");
        assert_eq!(infer_year(3, 12, TODAY), 2023);
        assert_eq!(infer_year(11, 24, TODAY), 2023);
        assert_eq!(infer_year(12, 31, Day { year: 2024, month: 1, day: 1 }), 2023);
        assert_eq!(infer_year(2, 1, Day { year: 2024, month: 1, day: 31 }), 2024);
    }

    #[test]
    fn calendar_from_days() {
        assert_eq!(civil_from_days(0), Day { year: 1970, month: 1, day: 1 });
        assert_eq!(civil_from_days(11_016), Day { year: 2000, month: 2, day: 29 });
        assert_eq!(civil_from_days(19_727), Day { year: 2024, month: 1, day: 5 });
        let now = today_utc();
        assert!(now.year >= 2024 && (1..=12).contains(&now.month));
    }
}
