//! Dates: strict ISO parsing with clear errors, the relative forms accepted on
//! the command line, and the human hints printed next to dates.
//!
//! "Today" is always a parameter; nothing here reads the clock.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Parses a strict ISO calendar date (`2026-12-15`), explaining what is wrong
/// with an impossible one (`2026-02-30`).
pub fn parse_iso(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let shape_ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(format!(
            "invalid date `{t}`: expected an ISO date such as `2026-12-15`"
        ));
    }
    let (y, m, d): (i32, u32, u32) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    if !(1..=12).contains(&m) {
        return Err(format!("invalid date `{t}`: there is no month {m}"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let last = days_in_month(y, m);
        let month = NaiveDate::from_ymd_opt(y, m, 1)
            .map(|f| f.format("%B %Y").to_string())
            .unwrap_or_default();
        format!("invalid date `{t}`: {month} has {last} days")
    })
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = first.and_then(|f| f.checked_add_months(Months::new(1)));
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 30,
    }
}

/// The forms accepted on the command line, for help and error messages.
pub const CLI_FORMS: &str = "`2026-12-15`, `today`, `tomorrow`, `yesterday`, `+3d`, `-2d`, \
    `+2w`, `+1m`, `eow`, `eom`, or a weekday such as `fri`";

/// Parses a command-line date relative to `today`: ISO, `today`, `tomorrow`,
/// `yesterday`, `+3d`/`-3d`, `+2w`, `+1m`, `eow` (this week's Friday, or the
/// next one once it has passed), `eom` (last day of the month), and weekday
/// names (`fri`, `friday`: the first such day after today).
pub fn parse_cli(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return Ok(today + Days::new(1)),
        "yesterday" => return Ok(today - Days::new(1)),
        "eow" => return Ok(next_weekday(today, Weekday::Fri, true)),
        "eom" => {
            let last = days_in_month(today.year(), today.month());
            return Ok(today.with_day(last).unwrap_or(today));
        }
        _ => {}
    }
    if let Some(w) = weekday(&t) {
        return Ok(next_weekday(today, w, false));
    }
    if let Some(rest) = t.strip_prefix('+').or_else(|| t.strip_prefix('-')) {
        let sign_neg = t.starts_with('-');
        let (num, unit) = rest.split_at(rest.len().saturating_sub(1));
        if let (Ok(n), Some(unit)) = (num.parse::<u32>(), unit.chars().next()) {
            let shifted = match (unit, sign_neg) {
                ('d', false) => today.checked_add_days(Days::new(n.into())),
                ('d', true) => today.checked_sub_days(Days::new(n.into())),
                ('w', false) => today.checked_add_days(Days::new(u64::from(n) * 7)),
                ('w', true) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
                ('m', false) => today.checked_add_months(Months::new(n)),
                ('m', true) => today.checked_sub_months(Months::new(n)),
                ('y', false) => today.checked_add_months(Months::new(n.saturating_mul(12))),
                ('y', true) => today.checked_sub_months(Months::new(n.saturating_mul(12))),
                _ => None,
            };
            if let Some(d) = shifted {
                return Ok(d);
            }
        }
        return Err(format!("invalid date `{}`: expected {CLI_FORMS}", s.trim()));
    }
    if t.len() == 10 && t.as_bytes()[4] == b'-' {
        return parse_iso(&t);
    }
    Err(format!("invalid date `{}`: expected {CLI_FORMS}", s.trim()))
}

fn weekday(t: &str) -> Option<Weekday> {
    let days = [
        (Weekday::Mon, "monday"),
        (Weekday::Tue, "tuesday"),
        (Weekday::Wed, "wednesday"),
        (Weekday::Thu, "thursday"),
        (Weekday::Fri, "friday"),
        (Weekday::Sat, "saturday"),
        (Weekday::Sun, "sunday"),
    ];
    days.iter()
        .find(|(_, name)| t.len() >= 3 && name.starts_with(t))
        .map(|(w, _)| *w)
}

/// The first `day` after `from` (or on it, when `inclusive`).
fn next_weekday(from: NaiveDate, day: Weekday, inclusive: bool) -> NaiveDate {
    let mut d = if inclusive { from } else { from + Days::new(1) };
    while d.weekday() != day {
        d = d + Days::new(1);
    }
    d
}

/// A short relative hint: `today`, `tomorrow`, `yesterday`, `in 4 days`,
/// `13 days ago`.
pub fn relative(date: NaiveDate, today: NaiveDate) -> String {
    let n = (date - today).num_days();
    match n {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// A date as echoed after a write: `2026-12-17 (Thu, in 14 days)`.
pub fn echo(date: NaiveDate, today: NaiveDate) -> String {
    format!(
        "{} ({}, {})",
        date,
        date.format("%a"),
        relative(date, today)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    #[test]
    fn impossible_dates_are_explained() {
        assert_eq!(
            parse_iso("2026-02-30").unwrap_err(),
            "invalid date `2026-02-30`: February 2026 has 28 days"
        );
        assert_eq!(parse_iso("2028-02-29"), Ok(d("2028-02-29")));
        assert!(parse_iso("2026-13-01").unwrap_err().contains("no month 13"));
        assert!(parse_iso("12/15/2026").is_err());
        assert!(parse_iso("2026-1-5").is_err());
    }

    #[test]
    fn relative_forms() {
        let today = d("2026-12-03"); // a Thursday
        assert_eq!(parse_cli("today", today), Ok(today));
        assert_eq!(parse_cli("tomorrow", today), Ok(d("2026-12-04")));
        assert_eq!(parse_cli("+3d", today), Ok(d("2026-12-06")));
        assert_eq!(parse_cli("-3d", today), Ok(d("2026-11-30")));
        assert_eq!(parse_cli("+2w", today), Ok(d("2026-12-17")));
        assert_eq!(parse_cli("+1m", today), Ok(d("2027-01-03")));
        assert_eq!(parse_cli("eow", today), Ok(d("2026-12-04")));
        assert_eq!(parse_cli("eom", today), Ok(d("2026-12-31")));
        assert_eq!(parse_cli("fri", today), Ok(d("2026-12-04")));
        assert_eq!(parse_cli("thu", today), Ok(d("2026-12-10")));
        assert_eq!(parse_cli("Monday", today), Ok(d("2026-12-07")));
        assert_eq!(parse_cli("2027-01-15", today), Ok(d("2027-01-15")));
        assert!(parse_cli("+3x", today).is_err());
        assert!(parse_cli("soon", today).is_err());
        assert!(
            parse_cli("2026-02-30", today)
                .unwrap_err()
                .contains("28 days")
        );
    }

    #[test]
    fn eow_on_saturday_is_next_friday() {
        assert_eq!(parse_cli("eow", d("2026-12-05")), Ok(d("2026-12-11")));
        assert_eq!(parse_cli("eow", d("2026-12-04")), Ok(d("2026-12-04")));
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(parse_cli("+1m", d("2026-01-31")), Ok(d("2026-02-28")));
        assert_eq!(parse_cli("eom", d("2028-02-10")), Ok(d("2028-02-29")));
    }

    #[test]
    fn hints() {
        let today = d("2026-12-03");
        assert_eq!(echo(d("2026-12-17"), today), "2026-12-17 (Thu, in 14 days)");
        assert_eq!(relative(d("2026-11-20"), today), "13 days ago");
        assert_eq!(relative(today, today), "today");
    }
}
