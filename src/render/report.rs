//! The status report. Its content ([`Report`]) is laid out once as a
//! neutral document of sections, tables, lists and a timeline, which is then
//! written as Markdown or as one self-contained HTML page (maud escapes all
//! text); JSON is written from the content directly.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::json;

use super::json::SCHEMA_VERSION;
use crate::insight::agenda::Kind;
use crate::insight::report::{Entry, Report};
use crate::model::date::relative;
use crate::model::{Health, Project};

/// A table cell.
#[derive(Debug, Clone)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A health value, coloured in HTML.
    Health(Health),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Health(h) => h.to_string(),
        }
    }
}

/// A piece of a section.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph.
    Para(String),
    /// A table with a header.
    Table(Vec<String>, Vec<Vec<Cell>>),
    /// A bullet list.
    List(Vec<String>),
    /// A Mermaid diagram.
    Mermaid(String),
}

/// A section: a heading (level 2 or 3) and its blocks.
#[derive(Debug, Clone)]
pub struct Section {
    /// 2 or 3.
    pub level: u8,
    /// Heading text.
    pub heading: String,
    /// Content.
    pub blocks: Vec<Block>,
}

/// The whole report, ready to write.
#[derive(Debug, Clone)]
pub struct Document {
    /// Title.
    pub title: String,
    /// One-line summary under the title.
    pub lead: String,
    /// Sections in order.
    pub sections: Vec<Section>,
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn section(level: u8, heading: impl Into<String>, blocks: Vec<Block>) -> Section {
    Section {
        level,
        heading: heading.into(),
        blocks,
    }
}

fn none_or(rows: Vec<Vec<Cell>>, header: &[&str]) -> Vec<Block> {
    if rows.is_empty() {
        vec![Block::Para("None.".into())]
    } else {
        vec![Block::Table(
            header.iter().map(|h| h.to_string()).collect(),
            rows,
        )]
    }
}

fn due(p: &Project, today: chrono::NaiveDate) -> String {
    format!("{} ({})", p.due, relative(p.due, today))
}

/// Lays the report out.
pub fn document(r: &Report<'_>, agency: Option<&str>) -> Document {
    let today = r.today;
    let title = match agency {
        Some(a) => format!("{a} — status report, {today}"),
        None => format!("Status report, {today}"),
    };
    let open = r
        .entries
        .iter()
        .filter(|e| e.project.status != crate::model::Status::Done)
        .count();
    let lead = format!(
        "{}, {open} open: {} red, {} overdue, {} blocked, {} due soon, {} stale.",
        plural(r.entries.len(), "project"),
        r.red.len(),
        r.overdue.len(),
        r.blocked.len(),
        r.due_soon.len(),
        r.stale.len()
    );
    let mut sections = Vec::new();

    let counts = |pairs: Vec<(String, usize)>| -> Vec<Vec<Cell>> {
        pairs
            .into_iter()
            .map(|(k, n)| vec![Cell::Text(k), Cell::Text(n.to_string())])
            .collect()
    };
    sections.push(section(
        2,
        "Summary",
        vec![
            Block::Table(
                vec!["Health".into(), "Projects".into()],
                r.health
                    .iter()
                    .map(|(h, n)| vec![Cell::Health(*h), Cell::Text(n.to_string())])
                    .collect(),
            ),
            Block::Table(
                vec!["Status".into(), "Projects".into()],
                counts(r.status.iter().map(|(s, n)| (s.to_string(), *n)).collect()),
            ),
            Block::Table(
                vec!["Stage".into(), "Projects".into()],
                counts(r.stage.iter().map(|(s, n)| (s.to_string(), *n)).collect()),
            ),
        ],
    ));

    sections.push(section(2, "Needs attention", vec![]));
    let simple = |list: &[Entry<'_>]| -> Vec<Vec<Cell>> {
        list.iter()
            .map(|e| {
                vec![
                    Cell::Text(e.project.id.clone()),
                    Cell::Text(e.project.client.clone()),
                    Cell::Text(e.project.owner.clone()),
                    Cell::Text(due(e.project, today)),
                ]
            })
            .collect()
    };
    sections.push(section(
        3,
        format!("Red ({})", r.red.len()),
        none_or(simple(&r.red), &["Project", "Client", "Owner", "Due"]),
    ));
    let mut late_rows = simple(&r.overdue);
    for row in &mut late_rows {
        row.insert(1, Cell::Text(String::new()));
    }
    for (p, m) in &r.overdue_milestones {
        let d = m.due.unwrap_or(today);
        late_rows.push(vec![
            Cell::Text(p.id.clone()),
            Cell::Text(m.name.clone()),
            Cell::Text(p.client.clone()),
            Cell::Text(m.owner.clone().unwrap_or_else(|| p.owner.clone())),
            Cell::Text(format!("{d} ({})", relative(d, today))),
        ]);
    }
    sections.push(section(
        3,
        format!(
            "Overdue ({}, {})",
            plural(r.overdue.len(), "project"),
            plural(r.overdue_milestones.len(), "milestone")
        ),
        none_or(
            late_rows,
            &["Project", "Milestone", "Client", "Owner", "Due"],
        ),
    ));
    sections.push(section(
        3,
        format!("Blocked ({})", r.blocked.len()),
        none_or(
            r.blocked
                .iter()
                .map(|e| {
                    vec![
                        Cell::Text(e.project.id.clone()),
                        Cell::Text(e.project.owner.clone()),
                        Cell::Text(
                            e.project
                                .blocked_reason
                                .clone()
                                .unwrap_or_else(|| "no reason given".into()),
                        ),
                    ]
                })
                .collect(),
            &["Project", "Owner", "Blocked on"],
        ),
    ));
    sections.push(section(
        3,
        format!("Due soon ({})", r.due_soon.len()),
        none_or(simple(&r.due_soon), &["Project", "Client", "Owner", "Due"]),
    ));
    sections.push(section(
        3,
        format!("Stale ({})", r.stale.len()),
        none_or(
            r.stale
                .iter()
                .map(|e| {
                    let last = e.facts.last_activity.map_or_else(
                        || "never".into(),
                        |d| format!("{d} ({})", relative(d, today)),
                    );
                    vec![
                        Cell::Text(e.project.id.clone()),
                        Cell::Text(e.project.owner.clone()),
                        Cell::Text(last),
                    ]
                })
                .collect(),
            &["Project", "Owner", "Last update"],
        ),
    ));

    sections.push(section(
        2,
        "Blocked-reason patterns",
        none_or(
            r.patterns
                .iter()
                .map(|p| {
                    vec![
                        Cell::Text(p.label().to_string()),
                        Cell::Text(p.projects.len().to_string()),
                        Cell::Text(
                            p.projects
                                .iter()
                                .map(|x| x.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ]
                })
                .collect(),
            &["Reason", "Projects", "Which"],
        ),
    ));
    sections.push(section(
        2,
        "Owners",
        none_or(
            r.owners
                .iter()
                .map(|o| {
                    [
                        o.owner.clone(),
                        o.projects.to_string(),
                        o.red.to_string(),
                        o.yellow.to_string(),
                        o.overdue.to_string(),
                        o.blocked.to_string(),
                        o.stale.to_string(),
                    ]
                    .into_iter()
                    .map(Cell::Text)
                    .collect()
                })
                .collect(),
            &[
                "Owner", "Open", "Red", "Yellow", "Overdue", "Blocked", "Stale",
            ],
        ),
    ));
    sections.push(section(
        2,
        "Clients at risk",
        none_or(
            r.clients
                .iter()
                .map(|c| {
                    let reasons = c
                        .risk
                        .reasons
                        .iter()
                        .map(|x| format!("{} (+{})", x.text, x.points))
                        .collect::<Vec<_>>()
                        .join("; ");
                    vec![
                        Cell::Text(c.client.clone()),
                        Cell::Text(c.risk.score.to_string()),
                        c.worst.map_or_else(|| Cell::Text("-".into()), Cell::Health),
                        Cell::Text(reasons),
                    ]
                })
                .collect(),
            &["Client", "Churn risk", "Worst health", "Reasons"],
        ),
    ));

    let change_rows: Vec<Vec<Cell>> = r
        .changes
        .iter()
        .map(|c| {
            let u = c.update;
            let mut what = Vec::new();
            if let Some(h) = u.health {
                what.push(match c.health_from {
                    Some(f) => format!("health {f} → {h}"),
                    None => format!("health {h}"),
                });
            }
            if let Some(s) = u.status {
                what.push(format!("status {s}"));
            }
            if let Some(s) = u.stage {
                what.push(format!("stage {s}"));
            }
            if let Some(o) = &u.owner {
                what.push(format!("owner {o}"));
            }
            if let Some(d) = u.due {
                what.push(format!("due {d}"));
            }
            if let Some(m) = &u.milestone {
                what.push(format!("milestone {m}"));
            }
            vec![
                Cell::Text(u.date.to_string()),
                Cell::Text(c.project.id.clone()),
                Cell::Text(u.by.clone().unwrap_or_default()),
                Cell::Text(what.join(", ")),
                Cell::Text(u.note.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let mut this_week = none_or(change_rows, &["Date", "Project", "By", "Changed", "Note"]);
    let transitions: Vec<String> = r
        .changes
        .iter()
        .filter_map(|c| {
            c.health_from
                .zip(c.update.health)
                .map(|(f, t)| format!("{}: {f} → {t} on {}", c.project.id, c.update.date))
        })
        .collect();
    if !transitions.is_empty() {
        this_week.push(Block::Para("Health transitions:".into()));
        this_week.push(Block::List(transitions));
    }
    sections.push(section(2, "This week", this_week));

    sections.push(section(
        2,
        format!(
            "Upcoming, next {} days",
            crate::insight::report::UPCOMING_DAYS
        ),
        none_or(
            r.upcoming
                .iter()
                .map(|i| {
                    let kind = match i.kind {
                        Kind::Project => "project due",
                        Kind::Milestone => "milestone",
                        Kind::Recurring => "recurring",
                    };
                    vec![
                        Cell::Text(format!("{} {}", i.date, i.date.format("%a"))),
                        Cell::Text(kind.into()),
                        Cell::Text(i.project.id.clone()),
                        Cell::Text(i.milestone.map(|m| m.name.clone()).unwrap_or_default()),
                        Cell::Text(i.owner().to_string()),
                    ]
                })
                .collect(),
            &["Date", "Kind", "Project", "Milestone", "Owner"],
        ),
    ));

    let mut mermaid = Vec::new();
    let projects: Vec<&Project> = r.entries.iter().map(|e| e.project).collect();
    // Writing to a Vec cannot fail.
    let _ = super::gantt::mermaid(&mut mermaid, &projects, today);
    sections.push(section(
        2,
        "Timeline",
        vec![Block::Mermaid(
            String::from_utf8_lossy(&mermaid).into_owned(),
        )],
    ));

    sections.push(section(2, "Projects", vec![]));
    let header = [
        "Project", "Client", "Stage", "Status", "Health", "Owner", "Due", "Progress",
    ];
    for (title, entries) in &r.groups {
        let rows: Vec<Vec<Cell>> = entries
            .iter()
            .map(|e| {
                let p = e.project;
                vec![
                    Cell::Text(format!("{} ({})", p.project, p.id)),
                    Cell::Text(p.client.clone()),
                    Cell::Text(p.stage.to_string()),
                    Cell::Text(p.status.to_string()),
                    Cell::Health(p.health),
                    Cell::Text(p.owner.clone()),
                    Cell::Text(p.due.to_string()),
                    Cell::Text(
                        e.facts
                            .progress
                            .map(|n| format!("{n}%"))
                            .unwrap_or_default(),
                    ),
                ]
            })
            .collect();
        let blocks = vec![Block::Table(
            header.iter().map(|h| h.to_string()).collect(),
            rows,
        )];
        if title.is_empty() {
            sections.push(section(
                3,
                format!("All projects ({})", entries.len()),
                blocks,
            ));
        } else {
            sections.push(section(3, format!("{title} ({})", entries.len()), blocks));
        }
    }
    Document {
        title,
        lead,
        sections,
    }
}

/// Writes the document as Markdown.
pub fn markdown(out: &mut dyn Write, doc: &Document) -> io::Result<()> {
    use super::markdown::{cell, table};
    writeln!(out, "# {}", cell(&doc.title))?;
    writeln!(out)?;
    writeln!(out, "{}", cell(&doc.lead))?;
    for s in &doc.sections {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}",
            "#".repeat(usize::from(s.level)),
            cell(&s.heading)
        )?;
        for b in &s.blocks {
            writeln!(out)?;
            match b {
                Block::Para(t) => writeln!(out, "{}", cell(t))?,
                Block::List(items) => {
                    for i in items {
                        writeln!(out, "- {}", cell(i))?;
                    }
                }
                Block::Table(header, rows) => {
                    let h: Vec<&str> = header.iter().map(String::as_str).collect();
                    let body: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| r.iter().map(Cell::text).collect())
                        .collect();
                    table(out, &h, &body)?;
                }
                Block::Mermaid(code) => {
                    writeln!(out, "```mermaid")?;
                    write!(out, "{code}")?;
                    writeln!(out, "```")?;
                }
            }
        }
    }
    Ok(())
}

const CSS: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #e5e5e5;padding-bottom:.2rem}h3{margin-top:1.4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e5e5e5;vertical-align:top}
th{background:#f5f5f7}table.compact{width:auto;min-width:16rem;display:inline-table;margin-right:1.5rem}.lead{color:#555}.health{display:inline-block;padding:0 .5rem;border-radius:.6rem;color:#fff;font-weight:600}
.green{background:#00b050}.yellow{background:#ffc000;color:#1d1d1f}.red{background:#ff0000}
pre{background:#f5f5f7;padding:.75rem;overflow:auto;font-size:.8rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}pre{white-space:pre-wrap}}
";

fn cell_html(c: &Cell) -> Markup {
    match c {
        Cell::Text(t) => html! { (t) },
        Cell::Health(h) => html! { span class={ "health " (h.as_str()) } { (h.as_str()) } },
    }
}

/// The document as one self-contained HTML page: inline CSS, no external
/// assets, every text escaped by the template engine.
pub fn html(doc: &Document) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (doc.title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { (doc.title) }
                p class="lead" { (doc.lead) }
                @for s in &doc.sections {
                    @if s.level == 2 { h2 { (s.heading) } } @else { h3 { (s.heading) } }
                    @for b in &s.blocks {
                        @match b {
                            Block::Para(t) => p { (t) },
                            Block::List(items) => ul { @for i in items { li { (i) } } },
                            Block::Table(header, rows) => table class=[(header.len() <= 2).then_some("compact")] {
                                thead { tr { @for h in header { th { (h) } } } }
                                tbody { @for r in rows { tr { @for c in r { td { (cell_html(c)) } } } } }
                            },
                            Block::Mermaid(code) => pre class="mermaid" { (code) },
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn ids<'a>(list: &[Entry<'a>]) -> Vec<&'a str> {
    list.iter().map(|e| e.project.id.as_str()).collect()
}

/// The report's content as versioned JSON.
pub fn json(out: &mut dyn Write, r: &Report<'_>) -> anyhow::Result<()> {
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "report": {
            "today": r.today.to_string(),
            "summary": {
                "health": r.health.iter().map(|(h, n)| (h.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
                "status": r.status.iter().map(|(s, n)| (s.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
                "stage": r.stage.iter().map(|(s, n)| (s.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
            },
            "attention": {
                "red": ids(&r.red),
                "overdue": ids(&r.overdue),
                "overdue_milestones": r.overdue_milestones.iter().map(|(p, m)| json!({"project": p.id, "milestone": m.id, "due": m.due.map(|d| d.to_string())})).collect::<Vec<_>>(),
                "blocked": ids(&r.blocked),
                "due_soon": ids(&r.due_soon),
                "stale": ids(&r.stale),
            },
            "blocked_patterns": r.patterns.iter().map(|p| json!({"reason": p.label(), "count": p.projects.len(), "projects": p.projects.iter().map(|x| x.id.as_str()).collect::<Vec<_>>()})).collect::<Vec<_>>(),
            "owners": r.owners.iter().map(|o| json!({"owner": o.owner, "open": o.projects, "red": o.red, "yellow": o.yellow, "overdue": o.overdue, "blocked": o.blocked, "stale": o.stale})).collect::<Vec<_>>(),
            "clients": r.clients.iter().map(super::clients::client_json).collect::<Vec<_>>(),
            "changes": r.changes.iter().map(|c| json!({
                "date": c.update.date.to_string(),
                "project": c.project.id,
                "by": c.update.by,
                "health_from": c.health_from.map(|h| h.as_str()),
                "health": c.update.health.map(|h| h.as_str()),
                "status": c.update.status.map(|s| s.as_str()),
                "note": c.update.note,
            })).collect::<Vec<_>>(),
            "upcoming": r.upcoming.iter().map(|i| json!({
                "date": i.date.to_string(),
                "kind": match i.kind { Kind::Project => "project", Kind::Milestone => "milestone", Kind::Recurring => "recurring" },
                "project": i.project.id,
                "milestone": i.milestone.map(|m| m.id.as_str()),
                "owner": i.owner(),
            })).collect::<Vec<_>>(),
            "groups": r.groups.iter().map(|(g, list)| json!({"group": g, "projects": ids(list)})).collect::<Vec<_>>(),
        }
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
