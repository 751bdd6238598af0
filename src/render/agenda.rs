//! The agenda: overdue items first, then the window week by week (weeks
//! start on Monday), each item on two lines so it reads in 80 columns.

use std::io::{self, Write};

use chrono::{Datelike, Days, NaiveDate};
use serde_json::json;

use super::json::SCHEMA_VERSION;
use crate::insight::agenda::Item;
use crate::model::date::relative;

fn what(i: &Item<'_>) -> String {
    match i.milestone {
        Some(m) => format!("{} › {}", i.project.id, m.id),
        None => i.project.id.clone(),
    }
}

fn detail(i: &Item<'_>, today: NaiveDate) -> String {
    let when = if i.overdue {
        format!(", {}", relative(i.date, today))
    } else {
        String::new()
    };
    match i.milestone {
        Some(m) => format!("{} · {} · {}{when}", i.kind.as_str(), m.name, i.owner()),
        None => format!("{} · {}{when}", i.kind.as_str(), i.owner()),
    }
}

/// The width the agenda keeps to.
const WIDTH: usize = 80;
/// Indentation of the detail line, under the item.
const DETAIL: &str = "                  ";

fn write_item(out: &mut dyn Write, i: &Item<'_>, today: NaiveDate) -> io::Result<()> {
    let head = format!("  {} {}  {}", i.date.format("%a"), i.date, what(i));
    if head.chars().count() <= WIDTH {
        writeln!(out, "{head}")?;
    } else {
        // A long id goes under its date rather than past the edge.
        writeln!(out, "  {} {}", i.date.format("%a"), i.date)?;
        writeln!(out, "    {}", what(i))?;
    }
    // The detail wraps at word boundaries under the item.
    let mut line = String::new();
    for word in detail(i, today).split(' ') {
        if !line.is_empty()
            && DETAIL.len() + line.chars().count() + 1 + word.chars().count() > WIDTH
        {
            writeln!(out, "{DETAIL}{line}")?;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    writeln!(out, "{DETAIL}{line}")
}

/// Monday of the week of `d`.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
        .unwrap_or(d)
}

/// The agenda as text.
pub fn text(
    out: &mut dyn Write,
    items: &[Item<'_>],
    today: NaiveDate,
    days: u32,
) -> io::Result<()> {
    let end = today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(today);
    writeln!(out, "Agenda {today} → {end} ({days} days)")?;
    let overdue: Vec<&Item<'_>> = items.iter().filter(|i| i.overdue).collect();
    if !overdue.is_empty() {
        writeln!(out)?;
        writeln!(out, "Overdue ({})", overdue.len())?;
        for i in overdue {
            write_item(out, i, today)?;
        }
    }
    let upcoming: Vec<&Item<'_>> = items.iter().filter(|i| !i.overdue).collect();
    if upcoming.is_empty() {
        writeln!(out)?;
        return writeln!(out, "Nothing due in the next {days} days.");
    }
    let mut week: Option<NaiveDate> = None;
    for i in upcoming {
        let w = week_start(i.date);
        if week != Some(w) {
            writeln!(out)?;
            let n = items
                .iter()
                .filter(|x| !x.overdue && week_start(x.date) == w)
                .count();
            writeln!(out, "Week of {w} ({n})")?;
            week = Some(w);
        }
        write_item(out, i, today)?;
    }
    Ok(())
}

/// The agenda as JSON: `{"schema_version": 1, "items": [...]}`.
pub fn json(out: &mut dyn Write, items: &[Item<'_>]) -> anyhow::Result<()> {
    let list: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            json!({
                "date": i.date.to_string(),
                "kind": match i.kind {
                    crate::insight::agenda::Kind::Project => "project",
                    crate::insight::agenda::Kind::Milestone => "milestone",
                    crate::insight::agenda::Kind::Recurring => "recurring",
                },
                "project": i.project.id,
                "milestone": i.milestone.map(|m| m.id.as_str()),
                "name": i.milestone.map_or_else(|| i.project.project.clone(), |m| m.name.clone()),
                "owner": i.owner(),
                "overdue": i.overdue,
            })
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &json!({"schema_version": SCHEMA_VERSION, "items": list}),
    )?;
    writeln!(out)?;
    Ok(())
}
