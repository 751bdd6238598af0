//! Recurring deliverables: the `every:` rules of milestones and their next
//! occurrences.
//!
//! Accepted forms (case-insensitive):
//! - `every monday` (any weekday; `every day` too)
//! - `first monday of month`, `second …`, `third …`, `fourth …`, `last friday of month`
//! - `15th of month` (`1st`, `2nd`, `3rd`, … `31st`; a day past the end of a
//!   shorter month falls on its last day)
//! - `every 2 weeks from 2026-01-05` (`every week from …` is every 1 week)

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::date::days_in_month;

/// The forms, for error messages.
pub const FORMS: &str = "`every monday`, `every day`, `first monday of month` (first, second, third, fourth, last), \
    `15th of month`, `every 2 weeks from 2026-01-05`";

/// A parsed `every:` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// Every day.
    Daily,
    /// Every given weekday.
    Weekly(Weekday),
    /// The nth (1–4) given weekday of each month.
    NthWeekday(u8, Weekday),
    /// The last given weekday of each month.
    LastWeekday(Weekday),
    /// A day of each month (clamped to the month's length).
    MonthDay(u32),
    /// Every n weeks counted from a first day.
    EveryWeeks(u32, NaiveDate),
}

fn weekday(s: &str) -> Option<Weekday> {
    let days = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    days.iter()
        .find(|(n, _)| *n == s || (s.len() >= 3 && n.starts_with(s)))
        .map(|(_, w)| *w)
}

impl FromStr for Recurrence {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s = input.trim().to_lowercase();
        let words: Vec<&str> = s.split_whitespace().collect();
        let bad = || format!("unknown recurrence `{}`: expected {FORMS}", input.trim());
        match words.as_slice() {
            ["every", "day"] | ["daily"] => Ok(Recurrence::Daily),
            ["every", day] => weekday(day).map(Recurrence::Weekly).ok_or_else(bad),
            [nth, day, "of", "month"] | [nth, day, "of", "the", "month"] => {
                let w = weekday(day).ok_or_else(bad)?;
                match *nth {
                    "first" | "1st" => Ok(Recurrence::NthWeekday(1, w)),
                    "second" | "2nd" => Ok(Recurrence::NthWeekday(2, w)),
                    "third" | "3rd" => Ok(Recurrence::NthWeekday(3, w)),
                    "fourth" | "4th" => Ok(Recurrence::NthWeekday(4, w)),
                    "last" => Ok(Recurrence::LastWeekday(w)),
                    _ => Err(bad()),
                }
            }
            [day, "of", "month"] | [day, "of", "the", "month"] => {
                let n: u32 = day
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .parse()
                    .map_err(|_| bad())?;
                let suffix = &day[n.to_string().len()..];
                let expected = match (n % 100, n % 10) {
                    (11..=13, _) => "th",
                    (_, 1) => "st",
                    (_, 2) => "nd",
                    (_, 3) => "rd",
                    _ => "th",
                };
                if (1..=31).contains(&n) && (suffix.is_empty() || suffix == expected) {
                    Ok(Recurrence::MonthDay(n))
                } else {
                    Err(bad())
                }
            }
            ["every", n, unit, "from", start] if unit.starts_with("week") => {
                let n: u32 = n.parse().map_err(|_| bad())?;
                let start = super::date::parse_iso(start)
                    .map_err(|e| format!("{e} in `{}`", input.trim()))?;
                if n == 0 {
                    Err(bad())
                } else {
                    Ok(Recurrence::EveryWeeks(n, start))
                }
            }
            ["every", "week", "from", start] => {
                let start = super::date::parse_iso(start)
                    .map_err(|e| format!("{e} in `{}`", input.trim()))?;
                Ok(Recurrence::EveryWeeks(1, start))
            }
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Recurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = |w: &Weekday| match w {
            Weekday::Mon => "monday",
            Weekday::Tue => "tuesday",
            Weekday::Wed => "wednesday",
            Weekday::Thu => "thursday",
            Weekday::Fri => "friday",
            Weekday::Sat => "saturday",
            Weekday::Sun => "sunday",
        };
        match self {
            Recurrence::Daily => write!(f, "every day"),
            Recurrence::Weekly(w) => write!(f, "every {}", day(w)),
            Recurrence::NthWeekday(n, w) => {
                let nth = ["first", "second", "third", "fourth"][usize::from(*n).clamp(1, 4) - 1];
                write!(f, "{nth} {} of month", day(w))
            }
            Recurrence::LastWeekday(w) => write!(f, "last {} of month", day(w)),
            Recurrence::MonthDay(n) => {
                let suffix = match (n % 100, n % 10) {
                    (11..=13, _) => "th",
                    (_, 1) => "st",
                    (_, 2) => "nd",
                    (_, 3) => "rd",
                    _ => "th",
                };
                write!(f, "{n}{suffix} of month")
            }
            Recurrence::EveryWeeks(n, d) => write!(f, "every {n} weeks from {d}"),
        }
    }
}

/// The day of this rule in the month of `any` (a day of that month), if any.
fn in_month(r: &Recurrence, year: i32, month: u32) -> Option<NaiveDate> {
    match r {
        Recurrence::NthWeekday(n, w) => NaiveDate::from_weekday_of_month_opt(year, month, *w, *n),
        Recurrence::LastWeekday(w) => {
            let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?;
            let back = (7 + last.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7;
            last.checked_sub_days(Days::new(u64::from(back)))
        }
        Recurrence::MonthDay(d) => {
            NaiveDate::from_ymd_opt(year, month, (*d).min(days_in_month(year, month)))
        }
        _ => None,
    }
}

impl Recurrence {
    /// The first occurrence on or after `from`.
    pub fn next_on_or_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            Recurrence::Daily => Some(from),
            Recurrence::Weekly(w) => {
                let ahead =
                    (7 + w.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
                from.checked_add_days(Days::new(u64::from(ahead)))
            }
            Recurrence::EveryWeeks(n, start) => {
                if from <= *start {
                    return Some(*start);
                }
                let period = i64::from(*n) * 7;
                let since = (from - *start).num_days();
                let k = (since + period - 1) / period;
                start.checked_add_days(Days::new((k * period) as u64))
            }
            monthly => {
                let mut first = from.with_day(1)?;
                for _ in 0..3 {
                    if let Some(d) = in_month(monthly, first.year(), first.month())
                        && d >= from
                    {
                        return Some(d);
                    }
                    first = first.checked_add_months(Months::new(1))?;
                }
                None
            }
        }
    }

    /// Every occurrence in `from..=to`.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut d = from;
        while let Some(next) = self.next_on_or_after(d) {
            if next > to {
                break;
            }
            out.push(next);
            match next.checked_add_days(Days::new(1)) {
                Some(n) => d = n,
                None => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn next(rule: &str, from: &str) -> NaiveDate {
        rule.parse::<Recurrence>()
            .unwrap()
            .next_on_or_after(d(from))
            .unwrap()
    }

    #[test]
    fn forms_parse_and_print_back() {
        for s in [
            "every monday",
            "first monday of month",
            "last friday of month",
            "15th of month",
            "every 2 weeks from 2026-01-05",
            "every day",
            "second tuesday of month",
            "1st of month",
            "22nd of month",
            "3rd of month",
            "11th of month",
        ] {
            let r: Recurrence = s.parse().unwrap();
            assert_eq!(r.to_string(), s);
        }
        assert!(
            "every blursday"
                .parse::<Recurrence>()
                .unwrap_err()
                .contains("expected `every monday`")
        );
        assert!("15st of month".parse::<Recurrence>().is_err());
        assert!("32nd of month".parse::<Recurrence>().is_err());
        assert!("fifth monday of month".parse::<Recurrence>().is_err());
        assert!(
            "every 0 weeks from 2026-01-05"
                .parse::<Recurrence>()
                .is_err()
        );
        assert!(
            "every 2 weeks from 2026-02-30"
                .parse::<Recurrence>()
                .unwrap_err()
                .contains("28 days")
        );
    }

    #[test]
    fn weekly_and_daily() {
        assert_eq!(next("every monday", "2026-12-07"), d("2026-12-07"));
        assert_eq!(next("every monday", "2026-12-08"), d("2026-12-14"));
        assert_eq!(next("every sunday", "2026-12-31"), d("2027-01-03"));
        assert_eq!(next("every day", "2026-12-31"), d("2026-12-31"));
    }

    #[test]
    fn nth_and_last_weekday_across_month_and_year_ends() {
        assert_eq!(next("first monday of month", "2026-12-08"), d("2027-01-04"));
        assert_eq!(next("first monday of month", "2026-12-01"), d("2026-12-07"));
        assert_eq!(next("last friday of month", "2026-12-26"), d("2027-01-29"));
        assert_eq!(next("last friday of month", "2026-12-25"), d("2026-12-25"));
        assert_eq!(next("last monday of month", "2028-02-01"), d("2028-02-28"));
        assert_eq!(
            next("last tuesday of month", "2028-02-01"),
            d("2028-02-29"),
            "leap year"
        );
        assert_eq!(
            next("fourth thursday of month", "2026-11-27"),
            d("2026-12-24")
        );
    }

    #[test]
    fn month_days_clamp_to_short_months() {
        assert_eq!(next("15th of month", "2026-12-16"), d("2027-01-15"));
        assert_eq!(next("31st of month", "2027-02-01"), d("2027-02-28"));
        assert_eq!(
            next("31st of month", "2028-02-01"),
            d("2028-02-29"),
            "leap year"
        );
        assert_eq!(next("30th of month", "2027-03-01"), d("2027-03-30"));
        assert_eq!(next("29th of month", "2027-02-28"), d("2027-02-28"));
    }

    #[test]
    fn every_n_weeks_from_a_start() {
        assert_eq!(
            next("every 2 weeks from 2026-01-05", "2026-01-01"),
            d("2026-01-05")
        );
        assert_eq!(
            next("every 2 weeks from 2026-01-05", "2026-01-06"),
            d("2026-01-19")
        );
        // 2026-12-07 is 48 weeks after 2026-01-05.
        assert_eq!(
            next("every 2 weeks from 2026-01-05", "2026-12-07"),
            d("2026-12-07")
        );
        assert_eq!(
            next("every 2 weeks from 2026-01-05", "2026-12-08"),
            d("2026-12-21")
        );
        assert_eq!(
            next("every week from 2026-12-03", "2026-12-04"),
            d("2026-12-10")
        );
    }

    #[test]
    fn between_lists_every_occurrence() {
        let r: Recurrence = "every monday".parse().unwrap();
        assert_eq!(
            r.between(d("2026-12-07"), d("2026-12-21")),
            vec![d("2026-12-07"), d("2026-12-14"), d("2026-12-21")]
        );
        let m: Recurrence = "last friday of month".parse().unwrap();
        assert_eq!(
            m.between(d("2026-12-01"), d("2027-02-28")),
            vec![d("2026-12-25"), d("2027-01-29"), d("2027-02-26")]
        );
    }
}
