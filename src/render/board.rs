//! The Kanban board: one column per status (Not started, In progress,
//! Blocked, Done), one card per project. A terminal table, or Markdown.

use std::io::{self, Write};

use comfy_table::{Cell, ContentArrangement};

use super::table::{new_table, trim_lines};
use super::{Row, View};
use crate::model::Status;

/// Column titles, in board order.
pub fn title(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "Not started",
        Status::InProgress => "In progress",
        Status::Blocked => "Blocked",
        Status::Done => "Done",
    }
}

fn card_lines(row: &Row<'_>) -> (String, String) {
    let p = row.project;
    let due = if row.facts.overdue {
        format!("due {} (overdue)", p.due)
    } else {
        format!("due {}", p.due)
    };
    (
        format!("{} — {}", p.client, p.project),
        format!("{} · {} · {due}", p.owner, p.health),
    )
}

/// The board as a terminal table; `width` bounds it (cards wrap).
pub fn table(out: &mut dyn Write, rows: &[Row<'_>], view: &View<'_>, width: u16) -> io::Result<()> {
    let headers: Vec<String> = Status::ALL
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                title(*s),
                rows.iter().filter(|r| r.project.status == *s).count()
            )
        })
        .collect();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut t = new_table(&header_refs, view.color);
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    let cells: Vec<Cell> = Status::ALL
        .iter()
        .map(|s| {
            let cards: Vec<String> = rows
                .iter()
                .filter(|r| r.project.status == *s)
                .map(|r| {
                    let (a, b) = card_lines(r);
                    format!("{a}\n{b}")
                })
                .collect();
            Cell::new(cards.join("\n\n"))
        })
        .collect();
    t.add_row(cells);
    writeln!(out, "{}", trim_lines(&t.to_string()))
}

/// The board in Markdown: a heading per column, a bullet per card.
pub fn markdown(out: &mut dyn Write, rows: &[Row<'_>]) -> io::Result<()> {
    use super::markdown::cell;
    for (i, s) in Status::ALL.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let cards: Vec<&Row<'_>> = rows.iter().filter(|r| r.project.status == *s).collect();
        writeln!(out, "## {} ({})", title(*s), cards.len())?;
        writeln!(out)?;
        if cards.is_empty() {
            writeln!(out, "_none_")?;
        }
        for r in cards {
            let (a, b) = card_lines(r);
            writeln!(out, "- **{}** · {}", cell(&a), cell(&b))?;
        }
    }
    Ok(())
}
