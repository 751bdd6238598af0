//! The `status` dashboard (counts, then what needs attention) and the card
//! of one project. Plain lines that read well in 80 columns; colour only when
//! the caller says so.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;

use super::{Row, View};
use crate::model::date::relative;
use crate::model::vocab::fold;
use crate::model::{Health, Stage, Status};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The width the dashboard keeps to.
pub const WIDTH: usize = 80;

fn paint(on: bool, style: &str, text: &str) -> String {
    if on {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

fn health_style(h: Health) -> String {
    let (r, g, b) = h.colour_rgb();
    format!("\x1b[1;38;2;{r};{g};{b}m")
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A section of the attention list: a heading and (id, detail) entries.
struct Section {
    heading: String,
    style: Option<String>,
    entries: Vec<(String, String)>,
}

/// How a list of entries is laid out: aligned on one line each when the
/// longest fits, else every entry on two lines (ragged mixes read badly).
#[derive(Clone, Copy)]
struct Layout {
    pad: usize,
    aligned: bool,
}

fn layout<'a>(
    entries: impl IntoIterator<Item = &'a (String, String)> + Clone,
    indent: usize,
) -> Layout {
    let pad = entries
        .clone()
        .into_iter()
        .map(|(id, _)| width(id))
        .max()
        .unwrap_or(0);
    let longest = entries
        .into_iter()
        .map(|(_, d)| width(d))
        .max()
        .unwrap_or(0);
    Layout {
        pad,
        aligned: indent + pad + 2 + longest <= WIDTH,
    }
}

fn write_entries(
    out: &mut dyn Write,
    entries: &[(String, String)],
    indent: usize,
) -> io::Result<()> {
    write_laid_out(out, entries, indent, layout(entries, indent))
}

fn write_laid_out(
    out: &mut dyn Write,
    entries: &[(String, String)],
    indent: usize,
    l: Layout,
) -> io::Result<()> {
    let lead = " ".repeat(indent);
    let pad = l.pad;
    for (id, detail) in entries {
        if detail.is_empty() {
            writeln!(out, "{lead}{id}")?;
        } else if l.aligned {
            writeln!(out, "{lead}{id:<pad$}  {detail}")?;
        } else {
            writeln!(out, "{lead}{id}")?;
            writeln!(out, "{lead}    {detail}")?;
        }
    }
    Ok(())
}

fn write_section(out: &mut dyn Write, s: &Section, color: bool) -> io::Result<()> {
    writeln!(out)?;
    let style = s.style.clone().unwrap_or_else(|| BOLD.to_string());
    if s.entries.is_empty() {
        return writeln!(out, "{}: none", paint(color, &style, &s.heading));
    }
    writeln!(
        out,
        "{} ({})",
        paint(color, &style, &s.heading),
        s.entries.len()
    )?;
    write_entries(out, &s.entries, 2)
}

fn counts<T: Copy + PartialEq + std::fmt::Display>(
    all: &[T],
    values: &[T],
    color: bool,
    style: impl Fn(T) -> Option<String>,
) -> String {
    all.iter()
        .map(|v| {
            let n = values.iter().filter(|x| *x == v).count();
            let word = v.to_string();
            let word = match style(*v) {
                Some(s) => paint(color, &s, &word),
                None => word,
            };
            format!("{n} {word}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Greedy word wrap to `max` characters; a word longer than `max` gets a
/// line of its own.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && width(&line) + 1 + width(word) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn by_due<'a, 'b>(mut v: Vec<&'a Row<'b>>) -> Vec<&'a Row<'b>> {
    v.sort_by(|a, b| {
        a.project
            .due
            .cmp(&b.project.due)
            .then_with(|| a.project.id.cmp(&b.project.id))
    });
    v
}

fn due_hint(due: NaiveDate, today: NaiveDate) -> String {
    format!("due {due} ({})", relative(due, today))
}

/// The dashboard: counts by health, status and stage, then the attention
/// lists in order: red, overdue (projects, then milestones), blocked grouped
/// by reason, due soon, stale.
pub fn dashboard(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    view: &View<'_>,
    filtered: bool,
) -> io::Result<()> {
    let today = view.today;
    let color = view.color;
    let open = rows
        .iter()
        .filter(|r| r.project.status != Status::Done)
        .count();
    writeln!(
        out,
        "{} {today} ({}): {}{}, {open} open",
        paint(color, BOLD, "Portfolio on"),
        today.format("%a"),
        plural(rows.len(), "project"),
        if filtered {
            " matching the filters"
        } else {
            ""
        }
    )?;
    writeln!(out)?;
    let health: Vec<Health> = rows.iter().map(|r| r.project.health).collect();
    let status: Vec<Status> = rows.iter().map(|r| r.project.status).collect();
    let stage: Vec<Stage> = rows.iter().map(|r| r.project.stage).collect();
    writeln!(
        out,
        "Health  {}",
        counts(Health::ALL, &health, color, |h| Some(health_style(h)))
    )?;
    writeln!(
        out,
        "Status  {}",
        counts(Status::ALL, &status, color, |_| None)
    )?;
    writeln!(
        out,
        "Stage   {}",
        counts(Stage::ALL, &stage, color, |_| None)
    )?;

    let open_rows: Vec<&Row<'_>> = rows
        .iter()
        .filter(|r| r.project.status != Status::Done)
        .collect();

    let red = by_due(
        open_rows
            .iter()
            .copied()
            .filter(|r| r.project.health == Health::Red)
            .collect(),
    );
    write_section(
        out,
        &Section {
            heading: "Red".into(),
            style: Some(health_style(Health::Red)),
            entries: red
                .iter()
                .map(|r| {
                    (
                        r.project.id.clone(),
                        format!("{} · {}", r.project.owner, due_hint(r.project.due, today)),
                    )
                })
                .collect(),
        },
        color,
    )?;

    let overdue = by_due(
        open_rows
            .iter()
            .copied()
            .filter(|r| r.facts.overdue)
            .collect(),
    );
    let project_entries: Vec<(String, String)> = overdue
        .iter()
        .map(|r| {
            (
                r.project.id.clone(),
                format!("{} · {}", r.project.owner, due_hint(r.project.due, today)),
            )
        })
        .collect();
    let mut late_milestones: Vec<(NaiveDate, String, String)> = Vec::new();
    for r in &open_rows {
        for m in crate::insight::overdue_milestones(r.project, today) {
            let due = m.due.unwrap_or(today);
            let owner = m.owner.as_deref().unwrap_or(&r.project.owner);
            late_milestones.push((
                due,
                format!("{} › {}", r.project.id, m.id),
                format!("{owner} · {}", due_hint(due, today)),
            ));
        }
    }
    late_milestones.sort();
    let milestone_entries: Vec<(String, String)> = late_milestones
        .into_iter()
        .map(|(_, id, d)| (id, d))
        .collect();
    writeln!(out)?;
    let heading = paint(color, BOLD, "Overdue");
    match (project_entries.len(), milestone_entries.len()) {
        (0, 0) => writeln!(out, "{heading}: none")?,
        (p, 0) => writeln!(out, "{heading} ({p})")?,
        (p, m) => writeln!(
            out,
            "{heading} ({}, {})",
            plural(p, "project"),
            plural(m, "milestone")
        )?,
    }
    write_entries(out, &project_entries, 2)?;
    if !milestone_entries.is_empty() {
        writeln!(out, "  {}", paint(color, DIM, "milestones:"))?;
        write_entries(out, &milestone_entries, 4)?;
    }

    let blocked: Vec<&Row<'_>> = open_rows
        .iter()
        .copied()
        .filter(|r| r.project.status == Status::Blocked)
        .collect();
    writeln!(out)?;
    if blocked.is_empty() {
        writeln!(out, "{}: none", paint(color, BOLD, "Blocked"))?;
    } else {
        writeln!(out, "{} ({})", paint(color, BOLD, "Blocked"), blocked.len())?;
        // Group by reason, ignoring case and accents, so patterns stand out.
        let mut groups: BTreeMap<String, (String, Vec<&Row<'_>>)> = BTreeMap::new();
        for r in &blocked {
            let (key, label) = match &r.project.blocked_reason {
                Some(reason) => (fold(reason), reason.clone()),
                None => ("\u{10ffff}".to_string(), "no reason given".to_string()),
            };
            groups
                .entry(key)
                .or_insert_with(|| (label, Vec::new()))
                .1
                .push(r);
        }
        let mut groups: Vec<(String, (String, Vec<&Row<'_>>))> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1.1.len().cmp(&a.1.1.len()).then_with(|| a.0.cmp(&b.0)));
        let all: Vec<(String, String)> = blocked
            .iter()
            .map(|r| (r.project.id.clone(), r.project.owner.clone()))
            .collect();
        let shared = layout(&all, 4);
        for (_, (label, members)) in groups {
            let n = members.len();
            writeln!(
                out,
                "  {label} ({n} project{})",
                if n == 1 { "" } else { "s" }
            )?;
            let entries: Vec<(String, String)> = members
                .iter()
                .map(|r| (r.project.id.clone(), r.project.owner.clone()))
                .collect();
            write_laid_out(out, &entries, 4, shared)?;
        }
    }

    let soon = by_due(
        open_rows
            .iter()
            .copied()
            .filter(|r| r.facts.due_soon)
            .collect(),
    );
    write_section(
        out,
        &Section {
            heading: format!("Due soon, within {} days", view.config.due_soon_days),
            style: None,
            entries: soon
                .iter()
                .map(|r| {
                    (
                        r.project.id.clone(),
                        format!("{} · {}", r.project.owner, due_hint(r.project.due, today)),
                    )
                })
                .collect(),
        },
        color,
    )?;

    let mut stale: Vec<&Row<'_>> = open_rows
        .iter()
        .copied()
        .filter(|r| r.facts.stale)
        .collect();
    stale.sort_by(|a, b| {
        a.facts
            .last_activity
            .cmp(&b.facts.last_activity)
            .then_with(|| a.project.id.cmp(&b.project.id))
    });
    write_section(
        out,
        &Section {
            heading: format!("Stale, no update for over {} days", view.config.stale_days),
            style: None,
            entries: stale
                .iter()
                .map(|r| {
                    let detail = match (r.project.last_update(), r.project.created) {
                        (Some(d), _) => format!("last update {d} ({})", relative(d, today)),
                        (None, Some(c)) => {
                            format!("no update since created {c} ({})", relative(c, today))
                        }
                        (None, None) => "never updated".to_string(),
                    };
                    (
                        r.project.id.clone(),
                        format!("{} · {detail}", r.project.owner),
                    )
                })
                .collect(),
        },
        color,
    )
}

/// The card of one project: every field, progress, milestones and the last
/// five updates.
pub fn card(out: &mut dyn Write, row: &Row<'_>, view: &View<'_>) -> io::Result<()> {
    let p = row.project;
    let f = &row.facts;
    let today = view.today;
    let color = view.color;
    writeln!(out, "{}", paint(color, BOLD, &p.id))?;
    let mut fields: Vec<(String, String)> = vec![
        ("client".into(), p.client.clone()),
        ("project".into(), p.project.clone()),
        ("stage".into(), p.stage.to_string()),
        ("status".into(), p.status.to_string()),
        (
            "health".into(),
            paint(color, &health_style(p.health), p.health.as_str()),
        ),
        ("owner".into(), p.owner.clone()),
    ];
    let mut opt = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            fields.push((k.into(), v));
        }
    };
    opt("goal", p.goal.clone());
    opt("created", p.created.map(|d| d.to_string()));
    opt("start", p.start.map(|d| d.to_string()));
    opt(
        "due",
        Some(format!("{} ({})", p.due, relative(p.due, today))),
    );
    opt("blocked on", p.blocked_reason.clone());
    opt("tags", (!p.tags.is_empty()).then(|| p.tags.join(", ")));
    for (k, v) in &p.links {
        fields.push((format!("link {k}"), v.clone()));
    }
    for (k, v) in &p.custom {
        fields.push((k.clone(), v.display()));
    }
    let counted = p.milestones.iter().filter(|m| !m.is_recurring()).count();
    let done = p
        .milestones
        .iter()
        .filter(|m| !m.is_recurring() && m.status() == Status::Done)
        .count();
    if let Some(pct) = f.progress {
        fields.push((
            "progress".into(),
            format!("{pct}% ({done} of {counted} milestones done)"),
        ));
    }
    let mut flags = Vec::new();
    if f.overdue {
        flags.push("overdue".to_string());
    }
    if f.due_soon {
        flags.push("due soon".to_string());
    }
    if f.stale {
        flags.push(format!(
            "stale (no update for over {} days)",
            view.config.stale_days
        ));
    }
    let late = crate::insight::overdue_milestones(p, today).len();
    if late > 0 {
        flags.push(format!(
            "{late} overdue milestone{}",
            if late == 1 { "" } else { "s" }
        ));
    }
    fields.push((
        "attention".into(),
        if flags.is_empty() {
            "none".into()
        } else {
            flags.join(", ")
        },
    ));
    let pad = fields.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    for (k, v) in &fields {
        let lines = wrap(v, WIDTH.saturating_sub(pad + 4));
        for (i, line) in lines.iter().enumerate() {
            let key = if i == 0 { k.as_str() } else { "" };
            writeln!(out, "  {key:<pad$}  {line}")?;
        }
    }

    if !p.milestones.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint(color, BOLD, "Milestones"))?;
        let entries: Vec<(String, String)> = p
            .milestones
            .iter()
            .map(|m| {
                let mark = if m.is_recurring() {
                    "[~]"
                } else if m.status() == Status::Done {
                    "[x]"
                } else {
                    "[ ]"
                };
                let owner = m.owner.as_deref().unwrap_or(&p.owner);
                let when = match (&m.every, m.due) {
                    (Some(rule), _) => format!("repeats: {rule}"),
                    (None, Some(d))
                        if p.status != Status::Done
                            && crate::insight::overdue(m.status(), d, today) =>
                    {
                        format!("due {d}, overdue ({})", relative(d, today))
                    }
                    (None, Some(d)) => format!("due {d}"),
                    (None, None) => String::new(),
                };
                let status = if m.is_recurring() {
                    String::new()
                } else {
                    format!(" · {}", m.status())
                };
                (
                    format!("{mark} {}: {}", m.id, m.name),
                    format!("{owner} · {when}{status}"),
                )
            })
            .collect();
        write_entries(out, &entries, 2)?;
    }

    writeln!(out)?;
    if p.updates.is_empty() {
        writeln!(out, "{}: none yet", paint(color, BOLD, "Last updates"))?;
    } else {
        let shown = p.updates.len().min(5);
        let title = format!(
            "Last updates ({shown} of {}, newest first)",
            p.updates.len()
        );
        writeln!(out, "{}", paint(color, BOLD, &title))?;
    }
    for u in p.updates.iter().rev().take(5) {
        let mut changed = Vec::new();
        if let Some(h) = u.health {
            changed.push(format!("health {h}"));
        }
        if let Some(s) = u.status {
            changed.push(format!("status {s}"));
        }
        if let Some(s) = u.stage {
            changed.push(format!("stage {s}"));
        }
        if let Some(o) = &u.owner {
            changed.push(format!("owner {o}"));
        }
        if let Some(d) = u.due {
            changed.push(format!("due {d}"));
        }
        if let Some(m) = &u.milestone {
            changed.push(format!("milestone {m}"));
        }
        if let Some(r) = &u.blocked_reason {
            changed.push(format!("blocked on {r}"));
        }
        let by = u.by.as_deref().map(|b| format!(" {b}")).unwrap_or_default();
        let internal = if u.internal == Some(true) {
            " (internal)"
        } else {
            ""
        };
        writeln!(out, "  {}{by}{internal}", u.date)?;
        if !changed.is_empty() {
            writeln!(out, "    {}", changed.join(", "))?;
        }
        if let Some(n) = &u.note {
            for line in wrap(n, WIDTH - 4) {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}
