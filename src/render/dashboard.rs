//! The `status` dashboard (counts, then what needs attention) and the card
//! of one project. Plain lines that read well in 80 columns; colour only when
//! the caller says so.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::{Row, View};
use crate::insight::report::{Entry, Report};
use crate::model::date::relative;
use crate::model::{Health, Status};

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

fn counts<T: std::fmt::Display>(
    pairs: &[(T, usize)],
    color: bool,
    style: impl Fn(&T) -> Option<String>,
) -> String {
    pairs
        .iter()
        .map(|(v, n)| {
            let word = v.to_string();
            let word = match style(v) {
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

fn due_hint(due: NaiveDate, today: NaiveDate) -> String {
    format!("due {due} ({})", relative(due, today))
}

/// `owner · due 2026-12-02 (5 days ago)` for a project.
fn due_entry(e: &Entry<'_>, today: NaiveDate) -> (String, String) {
    (
        e.project.id.clone(),
        format!("{} · {}", e.project.owner, due_hint(e.project.due, today)),
    )
}

/// The dashboard of the report's content: counts by health, status and
/// stage, then the attention lists in order: red, overdue (projects, then
/// milestones), blocked grouped by reason, due soon, stale.
pub fn dashboard(
    out: &mut dyn Write,
    r: &Report<'_>,
    view: &View<'_>,
    filtered: bool,
) -> io::Result<()> {
    let today = view.today;
    let color = view.color;
    let open = r
        .entries
        .iter()
        .filter(|e| e.project.status != Status::Done)
        .count();
    writeln!(
        out,
        "{} {today} ({}): {}{}, {open} open",
        paint(color, BOLD, "Portfolio on"),
        today.format("%a"),
        plural(r.entries.len(), "project"),
        if filtered {
            " matching the filters"
        } else {
            ""
        }
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Health  {}",
        counts(&r.health, color, |h| Some(health_style(*h)))
    )?;
    writeln!(out, "Status  {}", counts(&r.status, color, |_| None))?;
    writeln!(out, "Stage   {}", counts(&r.stage, color, |_| None))?;

    write_section(
        out,
        &Section {
            heading: "Red".into(),
            style: Some(health_style(Health::Red)),
            entries: r.red.iter().map(|e| due_entry(e, today)).collect(),
        },
        color,
    )?;

    let project_entries: Vec<(String, String)> =
        r.overdue.iter().map(|e| due_entry(e, today)).collect();
    let milestone_entries: Vec<(String, String)> = r
        .overdue_milestones
        .iter()
        .map(|(p, m)| {
            let due = m.due.unwrap_or(today);
            let owner = m.owner.as_deref().unwrap_or(&p.owner);
            (
                format!("{} › {}", p.id, m.id),
                format!("{owner} · {}", due_hint(due, today)),
            )
        })
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

    writeln!(out)?;
    if r.blocked.is_empty() {
        writeln!(out, "{}: none", paint(color, BOLD, "Blocked"))?;
    } else {
        writeln!(
            out,
            "{} ({})",
            paint(color, BOLD, "Blocked"),
            r.blocked.len()
        )?;
        // One layout for all groups, so the owners line up across reasons.
        let all: Vec<(String, String)> = r
            .blocked
            .iter()
            .map(|e| (e.project.id.clone(), e.project.owner.clone()))
            .collect();
        let shared = layout(&all, 4);
        for pattern in &r.patterns {
            writeln!(
                out,
                "  {} ({})",
                pattern.label(),
                plural(pattern.projects.len(), "project")
            )?;
            // By id within a reason, as the other lists of the tool.
            let mut entries: Vec<(String, String)> = pattern
                .projects
                .iter()
                .map(|p| (p.id.clone(), p.owner.clone()))
                .collect();
            entries.sort();
            write_laid_out(out, &entries, 4, shared)?;
        }
    }

    write_section(
        out,
        &Section {
            heading: format!("Due soon, within {} days", view.config.due_soon_days),
            style: None,
            entries: r.due_soon.iter().map(|e| due_entry(e, today)).collect(),
        },
        color,
    )?;
    write_section(
        out,
        &Section {
            heading: format!("Stale, no update for over {} days", view.config.stale_days),
            style: None,
            entries: r
                .stale
                .iter()
                .map(|e| {
                    let p = e.project;
                    let detail = match (p.last_update(), p.created) {
                        (Some(d), _) => format!("last update {d} ({})", relative(d, today)),
                        (None, Some(c)) => {
                            format!("no update since created {c} ({})", relative(c, today))
                        }
                        (None, None) => "never updated".to_string(),
                    };
                    (p.id.clone(), format!("{} · {detail}", p.owner))
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
