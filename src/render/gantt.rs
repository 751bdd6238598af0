//! Timelines: a Mermaid `gantt` block (for GitHub and the report), bars in
//! the terminal, and the roadmap by quarter.
//!
//! Mermaid is unforgiving, so the block keeps to core syntax: tags come
//! before the task id, titles lose `:`, `#` and `;`, ids are derived from
//! slugs, and an `after` names only a task emitted earlier whose end comes
//! before this task's end (an unknown id would silently start the task today).

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{Datelike, Days, NaiveDate};

use crate::insight::overdue;
use crate::model::{Health, Project, Status};

/// Words that start a statement of Mermaid's gantt grammar: a title that
/// begins with one would be read as that statement.
const KEYWORDS: &[&str] = &[
    "gantt",
    "title",
    "section",
    "dateformat",
    "axisformat",
    "tickinterval",
    "todaymarker",
    "excludes",
    "includes",
    "inclusiveenddates",
    "topaxis",
    "weekday",
    "weekend",
    "click",
    "call",
    "href",
    "acctitle",
    "accdescr",
    "displaymode",
    "datemarker",
];

/// A title or section name that cannot break a Mermaid task line: no `:`,
/// `#`, `;`, `%` or line breaks, and a zero-width space before a title that
/// would otherwise start with a keyword or a digit (read as a date).
pub fn sanitize(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| match c {
            ':' | '#' | ';' | '%' | '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect();
    let words = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = words.to_lowercase();
    let risky = words.starts_with(|c: char| c.is_ascii_digit())
        || KEYWORDS
            .iter()
            .any(|k| lower.starts_with(&k.to_lowercase()));
    if risky {
        format!("\u{200b}{words}")
    } else {
        words
    }
}

/// A Mermaid task id from slugs: letters, digits and `_` only, prefixed
/// (`p_` for projects, `m_` for milestones) so it is never a tag word such
/// as `crit` and a project cannot take a milestone's id.
pub fn task_id(project: &str, milestone: Option<&str>) -> String {
    let id = match milestone {
        Some(m) => format!("m_{project}__{m}"),
        None => format!("p_{project}"),
    };
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Ids already written, so a rare collision (`a--b` + `c` against `a` +
/// `b--c`) gets a numbered id rather than a duplicate.
#[derive(Default)]
struct Ids(std::collections::HashSet<String>);

impl Ids {
    fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}

/// The day a project's bar starts.
pub fn project_start(p: &Project) -> NaiveDate {
    let first_ms = p.milestones.iter().filter_map(|m| m.start.or(m.due)).min();
    let start = p.start.or(p.created).or(first_ms).unwrap_or(p.due);
    if start >= p.due {
        p.due.checked_sub_days(Days::new(1)).unwrap_or(p.due)
    } else {
        start
    }
}

fn day_before(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(1)).unwrap_or(d)
}

/// The Mermaid block (without the surrounding fence) for open projects and
/// their dated milestones, one section per client.
pub fn mermaid(out: &mut dyn Write, projects: &[&Project], today: NaiveDate) -> io::Result<()> {
    writeln!(out, "gantt")?;
    writeln!(out, "    title Open projects on {today}")?;
    writeln!(out, "    dateFormat YYYY-MM-DD")?;
    writeln!(out, "    axisFormat %d %b")?;
    let mut open: Vec<&Project> = projects
        .iter()
        .copied()
        .filter(|p| p.status != Status::Done)
        .collect();
    open.sort_by(|a, b| {
        (
            crate::model::vocab::fold(&a.client),
            project_start(a),
            &a.id,
        )
            .cmp(&(
                crate::model::vocab::fold(&b.client),
                project_start(b),
                &b.id,
            ))
    });
    let mut section: Option<String> = None;
    let mut taken = Ids::default();
    for p in open {
        let s = sanitize(&p.client);
        if section.as_deref() != Some(s.as_str()) {
            writeln!(
                out,
                "    section {}",
                if s.is_empty() {
                    "-".to_string()
                } else {
                    s.clone()
                }
            )?;
            section = Some(s);
        }
        let mut tags = Vec::new();
        if overdue(p.status, p.due, today) || p.health == Health::Red {
            tags.push("crit");
        }
        if p.status == Status::InProgress {
            tags.push("active");
        }
        let pid = taken.unique(task_id(&p.id, None));
        let title = sanitize(&p.project);
        let title = if title.is_empty() {
            p.id.clone()
        } else {
            title
        };
        let tag_text = tags.iter().map(|t| format!("{t}, ")).collect::<String>();
        writeln!(
            out,
            "    {title} :{tag_text}{pid}, {}, {}",
            project_start(p),
            p.due
        )?;
        // Milestones in file order; `after` only names ones already written.
        let mut ends: HashMap<&str, (NaiveDate, String)> = HashMap::new();
        for m in p.milestones.iter().filter(|m| m.every.is_none()) {
            let Some(due) = m.due else { continue };
            let mut tags = Vec::new();
            if m.status() == Status::Done {
                tags.push("done");
            } else {
                if overdue(m.status(), due, today) {
                    tags.push("crit");
                }
                if m.status() == Status::InProgress {
                    tags.push("active");
                }
            }
            let deps: Vec<&str> = m
                .depends_on
                .iter()
                .map(String::as_str)
                .filter(|d| ends.get(d).is_some_and(|(end, _)| *end < due))
                .collect();
            let start = if !deps.is_empty() {
                format!(
                    "after {}",
                    deps.iter()
                        .filter_map(|d| ends.get(d).map(|(_, id)| id.clone()))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            } else {
                let s = m.start.unwrap_or_else(|| project_start(p));
                (if s >= due { day_before(due) } else { s }).to_string()
            };
            let title = sanitize(&m.name);
            let title = if title.is_empty() {
                m.id.clone()
            } else {
                title
            };
            let tag_text = tags.iter().map(|t| format!("{t}, ")).collect::<String>();
            let mid = taken.unique(task_id(&p.id, Some(&m.id)));
            writeln!(out, "    {title} :{tag_text}{mid}, {start}, {due}")?;
            ends.insert(m.id.as_str(), (due, mid));
        }
    }
    Ok(())
}

/// Columns of the bar area.
const BAR_WIDTH: usize = 48;
/// Columns of the label.
const LABEL_WIDTH: usize = 28;

fn label(s: &str) -> String {
    let n = s.chars().count();
    if n <= LABEL_WIDTH {
        format!("{s:<LABEL_WIDTH$}")
    } else {
        let cut: String = s.chars().take(LABEL_WIDTH - 1).collect();
        format!("{cut}…")
    }
}

/// Terminal bars over a date axis for open projects and their milestones:
/// each project's id on a line of its own, its bar labelled with the owner,
/// then its milestones.
pub fn bars(out: &mut dyn Write, projects: &[&Project], today: NaiveDate) -> io::Result<()> {
    let mut open: Vec<&Project> = projects
        .iter()
        .copied()
        .filter(|p| p.status != Status::Done)
        .collect();
    if open.is_empty() {
        return writeln!(out, "no open projects");
    }
    open.sort_by(|a, b| (project_start(a), &a.id).cmp(&(project_start(b), &b.id)));
    let lo = open
        .iter()
        .map(|p| project_start(p))
        .min()
        .unwrap_or(today)
        .max(today.checked_sub_days(Days::new(90)).unwrap_or(today));
    let hi = open
        .iter()
        .map(|p| p.due)
        .max()
        .unwrap_or(today)
        .min(today.checked_add_days(Days::new(270)).unwrap_or(today))
        .max(today);
    let span = (hi - lo).num_days().max(1) as usize;
    let per = span.div_ceil(BAR_WIDTH).max(1);
    let col = |d: NaiveDate| -> Option<usize> {
        let n = (d - lo).num_days();
        (n >= 0).then(|| (n as usize / per).min(BAR_WIDTH - 1))
    };
    writeln!(
        out,
        "Timeline {lo} → {hi} (one column = {per} day{}; │ today)",
        if per == 1 { "" } else { "s" }
    )?;
    // Month axis.
    let mut axis = [' '; BAR_WIDTH];
    let mut m = NaiveDate::from_ymd_opt(lo.year(), lo.month(), 1).unwrap_or(lo);
    while m <= hi {
        if let Some(c) = col(m).filter(|_| m >= lo) {
            for (i, ch) in m.format("%b").to_string().chars().enumerate() {
                if c + i < BAR_WIDTH {
                    axis[c + i] = ch;
                }
            }
        }
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(hi + Days::new(1));
    }
    writeln!(
        out,
        "{} {}",
        " ".repeat(LABEL_WIDTH),
        axis.iter().collect::<String>().trim_end()
    )?;
    let draw =
        |from: NaiveDate, to: NaiveDate, fill: char, mark: Option<(NaiveDate, char)>| -> String {
            let mut line = [' '; BAR_WIDTH];
            if let Some(t) = col(today) {
                line[t] = '│';
            }
            let a = col(from.max(lo)).unwrap_or(0);
            let b = col(to.min(hi)).unwrap_or(0);
            if to >= lo && from <= hi {
                for c in line.iter_mut().take(b + 1).skip(a) {
                    *c = fill;
                }
            }
            if let Some((d, ch)) = mark
                && let Some(c) = col(d).filter(|_| d <= hi)
            {
                line[c] = ch;
            }
            line.iter().collect::<String>().trim_end().to_string()
        };
    for p in open {
        let late = overdue(p.status, p.due, today);
        let note = if late { " overdue" } else { "" };
        // The id in full on its own line (ids are long and alike), then the
        // bar labelled with the owner.
        writeln!(out, "{}", p.id)?;
        writeln!(
            out,
            "{} {}{note}",
            label(&format!("  {}", p.owner)),
            draw(project_start(p), p.due, '█', None)
        )?;
        for m in p.milestones.iter().filter(|m| m.every.is_none()) {
            let Some(due) = m.due else { continue };
            let done = m.status() == Status::Done;
            let mark = if done { '✓' } else { '◆' };
            let from = m.start.unwrap_or(due);
            let deps = if m.depends_on.is_empty() {
                String::new()
            } else {
                format!(" after {}", m.depends_on.join(", "))
            };
            let late = !done && overdue(m.status(), due, today);
            writeln!(
                out,
                "{} {}{deps}{}",
                label(&format!("    {}", m.id)),
                draw(from, due, '─', Some((due, mark))),
                if late { " overdue" } else { "" }
            )?;
        }
    }
    Ok(())
}

fn quarter(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

/// The roadmap: open projects by the quarter they are due in.
pub fn roadmap(out: &mut dyn Write, projects: &[&Project], today: NaiveDate) -> io::Result<()> {
    let mut open: Vec<&Project> = projects
        .iter()
        .copied()
        .filter(|p| p.status != Status::Done)
        .collect();
    open.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    writeln!(
        out,
        "Roadmap on {today}: open projects by the quarter they are due"
    )?;
    if open.is_empty() {
        return writeln!(out, "\nno open projects");
    }
    let mut current: Option<(i32, u32)> = None;
    for p in &open {
        let q = quarter(p.due);
        if current != Some(q) {
            let n = open.iter().filter(|x| quarter(x.due) == q).count();
            writeln!(out)?;
            writeln!(out, "{} Q{} ({n})", q.0, q.1)?;
            current = Some(q);
        }
        let late = if overdue(p.status, p.due, today) {
            ", overdue"
        } else {
            ""
        };
        writeln!(out, "  {}", p.id)?;
        writeln!(
            out,
            "      due {} · {} · {}{late}",
            p.due, p.owner, p.health
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_ids_cannot_break_mermaid() {
        assert_eq!(
            sanitize("Phase 2: launch #1; go\nlive"),
            "Phase 2 launch 1 go live"
        );
        assert_eq!(
            task_id("acme-corp-web", Some("go-live")),
            "m_acme_corp_web__go_live"
        );
        assert_eq!(task_id("crit", None), "p_crit");
        assert_eq!(sanitize("Section pages"), "\u{200b}Section pages");
        assert_eq!(sanitize("5% off"), "\u{200b}5 off");
        assert_eq!(sanitize("%% hidden"), "hidden");
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a_2");
    }
}
