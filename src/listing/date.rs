//! Date and time pieces shared by the listing dialects: month names (English, the localized
//! abbreviations `ls` prints in German, French, Spanish, Italian, Dutch, Polish, Portuguese and
//! Russian, and CJK `3月`/`3월`), day numbers, `HH:MM[:SS[.f]]` times, numeric dates, the
//! calendar (an impossible date such as Nov 31 or Feb 30 is no date), the year `ls` leaves out,
//! how a time is written into [`RemoteEntry::modified`](super::RemoteEntry), and today's date
//! from the clock (the only clock read in `listing`).
//!
//! Each function reads one token (or checks numbers) and returns numbers; it must not know which
//! dialect it serves or look at a whole line.

use std::time::{SystemTime, UNIX_EPOCH};

use super::text::{is_digits, number};

/// A calendar day, used to infer the year of `Mon DD HH:MM` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Day {
    pub(super) year: i64,
    pub(super) month: u32,
    pub(super) day: u32,
}

/// A time of day as a listing shows it; seconds and their fraction only when it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clock<'a> {
    pub(super) hour: u32,
    pub(super) minute: u32,
    /// Seconds, and the digits of their fraction (empty when none).
    pub(super) second: Option<(u32, &'a str)>,
}

impl Clock<'_> {
    pub(super) fn hm(hour: u32, minute: u32) -> Option<Clock<'static>> {
        (hour <= 23 && minute <= 59).then_some(Clock { hour, minute, second: None })
    }
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD HH:MM:SS.fff`: the
/// form of every [`RemoteEntry::modified`](super::RemoteEntry). `None` for an impossible date.
pub(super) fn stamp(year: i64, month: u32, day: u32, clock: Option<Clock>) -> Option<String> {
    valid_date(year, month, day).then_some(())?;
    // Written digit by digit: `format!` costs more than the rest of parsing a line.
    let mut out = String::with_capacity(32);
    if (0..10_000).contains(&year) {
        digits(&mut out, u32::try_from(year).ok()?, 4);
    } else {
        out.push_str(&year.to_string());
    }
    for (sep, n) in [('-', month), ('-', day)] {
        out.push(sep);
        digits(&mut out, n, 2);
    }
    if let Some(Clock { hour, minute, second }) = clock {
        out.push(' ');
        digits(&mut out, hour, 2);
        out.push(':');
        digits(&mut out, minute, 2);
        if let Some((s, fraction)) = second {
            out.push(':');
            digits(&mut out, s, 2);
            if !fraction.is_empty() {
                out.push('.');
                out.push_str(fraction);
            }
        }
    }
    Some(out)
}

/// The last `width` decimal digits of `n`, with leading zeros.
fn digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        out.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

/// Month abbreviations (and the few full names `ls` prints) by month, lowercase, without a
/// trailing dot: English, German, French, Spanish, Italian, Dutch, Polish, Portuguese, Russian.
/// No form means two different months in two languages.
const MONTHS: [&[&str]; 12] = [
    &["jan", "janv", "ene", "gen", "sty", "янв"],
    &["feb", "févr", "fév", "fevr", "lut", "fev", "фев"],
    &["mar", "mär", "mrz", "mars", "mrt", "мар"],
    &["apr", "avr", "avril", "abr", "kwi", "апр"],
    &["may", "mai", "mag", "mei", "maj", "мая", "май"],
    &["jun", "juin", "giu", "cze", "июн"],
    &["jul", "juil", "lug", "lip", "июл"],
    &["aug", "août", "aoû", "ago", "sie", "авг"],
    &["sep", "sept", "set", "wrz", "сен"],
    &["oct", "okt", "ott", "paź", "out", "окт"],
    &["nov", "lis", "ноя"],
    &["dec", "dez", "déc", "dic", "gru", "дек"],
];

/// A month name in any of the [`MONTHS`] forms (any case, with or without a trailing dot), or
/// CJK `3月` (Chinese, Japanese) / `3월` (Korean).
pub(super) fn month(s: &str) -> Option<u32> {
    let english = |s: &str| MONTHS.iter().position(|forms| forms[0].eq_ignore_ascii_case(s));
    // The usual case first: no other form is an English abbreviation.
    if let Some(i) = english(s) {
        return u32::try_from(i + 1).ok();
    }
    if let Some(n) = s.strip_suffix('月').or_else(|| s.strip_suffix('월')) {
        return number(n, 2).filter(|m| (1..=12).contains(m));
    }
    let s = s.strip_suffix('.').unwrap_or(s);
    if let Some(i) = english(s) {
        return u32::try_from(i + 1).ok();
    }
    let found = if s.is_ascii() {
        MONTHS.iter().position(|forms| forms.iter().any(|f| f.eq_ignore_ascii_case(s)))
    } else {
        let lower = s.to_lowercase();
        MONTHS.iter().position(|forms| forms.contains(&lower.as_str()))
    };
    u32::try_from(found? + 1).ok()
}

/// A day of the month, `1` to `31`, also as `5.` (German), `5日` (Chinese, Japanese), `5일`.
pub(super) fn day(s: &str) -> Option<u32> {
    let s = s.strip_suffix(['.', '日', '일']).unwrap_or(s);
    number(s, 2).filter(|d| (1..=31).contains(d))
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction` (`ls --full-time`, VMS, OS/400).
pub(super) fn time(s: &str) -> Option<Clock<'_>> {
    let mut parts = s.splitn(3, ':');
    let hour = number(parts.next()?, 2)?;
    let minute_tok = parts.next()?;
    let minute = (minute_tok.len() == 2).then(|| number(minute_tok, 2)).flatten()?;
    let mut clock = Clock::hm(hour, minute)?;
    if let Some(seconds) = parts.next() {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
        let s = (whole.len() == 2).then(|| number(whole, 2)).flatten().filter(|s| *s <= 60)?;
        (fraction.is_empty() && !seconds.ends_with('.') || is_digits(fraction)).then_some(())?;
        clock.second = Some((s, fraction));
    }
    Some(clock)
}

/// A numeric date: year first (`2024-01-05`, `2004.07.15`, `1999/10/12`) or, with `-` or `.`,
/// day first (`24-04-2003`, `15.07.2004`, as European locales write it). Years have four digits.
pub(super) fn numeric_date(s: &str) -> Option<(i64, u32, u32)> {
    let sep = s.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
    let mut parts = s.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || b.len() != 2 {
        return None;
    }
    let (year, month, day) = match (a.len(), c.len()) {
        (4, 2) => (a, b, c),
        (2, 4) if sep != '/' => (c, b, a),
        _ => return None,
    };
    let (year, month, day) = (i64::from(number(year, 4)?), number(month, 2)?, number(day, 2)?);
    valid_date(year, month, day).then_some((year, month, day))
}

/// `MM-DD-YY`, `MM-DD-YYYY` or `YYYY-MM-DD`, with `-` or `/` (DOS, OS/2). The calendar is
/// checked when the date is formatted ([`stamp`]).
pub(super) fn dos_date(tok: &str) -> Option<(i64, u32, u32)> {
    let mut parts = tok.split(['-', '/']);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || b.len() != 2 {
        return None;
    }
    match (a.len(), c.len()) {
        (4, 2) => Some((i64::from(number(a, 4)?), number(b, 2)?, number(c, 2)?)),
        (2, 2) => Some((century(number(c, 2)?), number(a, 2)?, number(b, 2)?)),
        (2, 4) => Some((i64::from(number(c, 4)?), number(a, 2)?, number(b, 2)?)),
        _ => None,
    }
}

/// `2-JUN-1998`, `19-Jan-05` (VMS, Tandem): day, English month, 4- or 2-digit year.
pub(super) fn day_month_year(tok: &str) -> Option<(i64, u32, u32)> {
    let mut parts = tok.split('-');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let month = (m.len() == 3 && m.is_ascii()).then(|| month(m)).flatten()?;
    let year = match y.len() {
        2 => century(number(y, 2)?),
        4 => i64::from(number(y, 4)?),
        _ => return None,
    };
    (parts.next().is_none()).then_some((year, month, day(d).filter(|_| !d.ends_with('.'))?))
}

/// Completes `Mon DD` with `HH:MM` (year inferred) or `YYYY` (no time; also `2003年`/`2003년`),
/// formatted.
pub(super) fn month_day(month: u32, day: u32, last: &str, today: Day) -> Option<String> {
    if let Some(clock) = time(last) {
        return stamp(infer_year(month, day, today)?, month, day, Some(clock));
    }
    let last = last.strip_suffix(['年', '년']).unwrap_or(last);
    let year = (last.len() == 4).then(|| number(last, 4)).flatten()?;
    stamp(i64::from(year), month, day, None)
}

/// `MM-DD` (`ls --time-style=iso` for recent files).
pub(super) fn short_iso_date(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (month, day) = (number(m, 2)?, number(d, 2)?);
    (m.len() == 2 && d.len() == 2 && valid_date(2000, month, day)).then_some((month, day))
}

/// A numeric zone offset such as `+0100` (`ls --full-time`).
pub(super) fn is_zone(s: &str) -> bool {
    s.len() == 5 && s.starts_with(['+', '-']) && is_digits(&s[1..])
}

/// Whether `year-month-day` is a day of the calendar (so not Nov 31, nor Feb 29 of 2023).
pub(super) fn valid_date(year: i64, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A two-digit year as DOS listings show it: 1970–2069.
pub(super) fn century(yy: u32) -> i64 {
    i64::from(if yy < 70 { 2000 + yy } else { 1900 + yy })
}

/// The year of a year-less `ls` date, by the six-month rule: `ls` shows a time instead of a
/// year only for files of the last six months, so the date is never in the future. It is this
/// year, unless that puts it more than a day after `today` (a day of clock skew is allowed),
/// then last year. `Feb 29` falls back to the last leap year no more than a year earlier;
/// `None` when there is none (no such day), and for days no month has (`Apr 31`).
pub(super) fn infer_year(month: u32, day: u32, today: Day) -> Option<i64> {
    let tomorrow = match (today.day < days_in(today.year, today.month), today.month < 12) {
        (true, _) => (today.month, today.day + 1),
        (false, true) => (today.month + 1, 1),
        (false, false) => (13, 0),
    };
    let year = if (month, day) > tomorrow { today.year - 1 } else { today.year };
    [year, year - 1].into_iter().find(|&y| valid_date(y, month, day))
}

/// How many days `month` of `year` has.
fn days_in(year: i64, month: u32) -> u32 {
    (28..=31).rev().find(|&d| valid_date(year, month, d)).unwrap_or(31)
}

/// Today's date in UTC, from the system clock (1970-01-01 if the clock is before the epoch).
pub(super) fn today_utc() -> Day {
    day_of(SystemTime::now())
}

/// The calendar day (UTC) of a point in time.
pub(super) fn day_of(time: SystemTime) -> Day {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Seconds since 1970 → `YYYY-MM-DD HH:MM:SS` (UTC), for EPLF's `m` fact.
pub(super) fn unix_stamp(secs: u64) -> Option<String> {
    let days = i64::try_from(secs / 86_400).ok()?;
    let Day { year, month, day } = civil_from_days(days);
    let rest = u32::try_from(secs % 86_400).ok()?;
    let clock = Clock { hour: rest / 3600, minute: rest / 60 % 60, second: Some((rest % 60, "")) };
    stamp(year, month, day, Some(clock))
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
    fn year_is_inferred_by_the_six_month_rule() {
        assert_eq!(infer_year(1, 5, TODAY), Some(2024));
        assert_eq!(infer_year(3, 11, TODAY), Some(2024), "a day of clock skew is allowed");
        assert_eq!(infer_year(3, 12, TODAY), Some(2023));
        assert_eq!(infer_year(11, 24, TODAY), Some(2023));
        assert_eq!(infer_year(12, 31, Day { year: 2024, month: 1, day: 1 }), Some(2023));
        assert_eq!(infer_year(2, 1, Day { year: 2024, month: 1, day: 31 }), Some(2024));
        assert_eq!(infer_year(1, 1, Day { year: 2023, month: 12, day: 31 }), Some(2023));
    }

    #[test]
    fn impossible_days_have_no_year() {
        assert_eq!(infer_year(11, 31, TODAY), None);
        assert_eq!(infer_year(2, 30, TODAY), None);
        assert_eq!(infer_year(2, 29, TODAY), Some(2024));
        assert_eq!(infer_year(2, 29, Day { year: 2025, month: 3, day: 10 }), Some(2024));
        assert_eq!(infer_year(2, 29, Day { year: 2023, month: 3, day: 10 }), None);
    }

    #[test]
    fn the_calendar() {
        assert!(valid_date(2024, 2, 29) && valid_date(2000, 2, 29));
        assert!(!valid_date(2023, 2, 29) && !valid_date(1900, 2, 29));
        assert!(!valid_date(2024, 11, 31) && !valid_date(2024, 4, 31) && !valid_date(2024, 13, 1));
        assert!(!valid_date(2024, 1, 0));
        assert_eq!(stamp(2024, 2, 30, None), None);
    }

    #[test]
    fn localized_and_cjk_months() {
        for (forms, n) in [
            (&["Jan", "JAN", "janv.", "ene", "gen", "sty", "янв", "Янв"][..], 1),
            (&["Mär", "MÄR", "mrz", "mars", "mrt", "мар"][..], 3),
            (&["Mai", "mag", "mei", "maj", "мая"][..], 5),
            (&["août", "ago", "sie", "авг"][..], 8),
            (&["Okt", "ott", "paź", "out", "окт"][..], 10),
            (&["Dez", "déc.", "dic", "gru", "дек"][..], 12),
            (&["3月", "3월", "03月"][..], 3),
            (&["12月"][..], 12),
        ] {
            for f in forms {
                assert_eq!(month(f), Some(n), "{f}");
            }
        }
        for bad in ["Foo", "13月", "0月", "marble", "", "."] {
            assert_eq!(month(bad), None, "{bad}");
        }
        assert_eq!((day("5."), day("15日"), day("15일"), day("32")), (Some(5), Some(15), Some(15), None));
    }

    #[test]
    fn times_keep_seconds_and_fractions() {
        assert_eq!(time("13:46"), Clock::hm(13, 46));
        let t = time("13:46:12.123456789").unwrap();
        assert_eq!(t.second, Some((12, "123456789")));
        assert_eq!(stamp(2024, 1, 5, Some(t)).as_deref(), Some("2024-01-05 13:46:12.123456789"));
        assert_eq!(stamp(2024, 1, 5, time("7:05:09")).as_deref(), Some("2024-01-05 07:05:09"));
        for bad in ["24:00", "13:60", "13:46:61", "13:46:1", "13:46:12.", "13:46:12.x", "1:4"] {
            assert_eq!(time(bad), None, "{bad}");
        }
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(numeric_date("2004.07.15"), Some((2004, 7, 15)));
        assert_eq!(numeric_date("24-04-2003"), Some((2003, 4, 24)));
        assert_eq!(numeric_date("15.07.2004"), Some((2004, 7, 15)));
        assert_eq!(numeric_date("1999/10/12"), Some((1999, 10, 12)));
        assert_eq!(numeric_date("2024-01-05"), Some((2024, 1, 5)));
        for bad in ["2003-02-30", "31-11-2003", "10/12/1999", "2024-1-5", "2024-01-05-01", "24-04-03"] {
            assert_eq!(numeric_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn calendar_from_days() {
        assert_eq!(civil_from_days(0), Day { year: 1970, month: 1, day: 1 });
        assert_eq!(civil_from_days(11_016), Day { year: 2000, month: 2, day: 29 });
        assert_eq!(civil_from_days(19_727), Day { year: 2024, month: 1, day: 5 });
        assert_eq!(unix_stamp(1_704_462_360).as_deref(), Some("2024-01-05 13:46:00"));
        let now = today_utc();
        assert!(now.year >= 2024 && (1..=12).contains(&now.month));
    }
}
