//! Terminal tables (comfy-table), with health in its spreadsheet colour when
//! colour is on, and not a single escape byte when it is off.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use super::{Row, View, due_cell};
use crate::model::Health;

/// A table in the house look: no borders, bold header, wrapped to the terminal.
pub fn new_table(header: &[&str], color: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        t.enforce_styling();
        t.set_header(
            header
                .iter()
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
    } else {
        // Without this comfy-table still emits bare resets on a non-terminal.
        t.force_no_tty();
        t.set_header(header.iter().copied());
    }
    t
}

/// A health cell, coloured `#00b050` / `#ffc000` / `#ff0000` when colour is on.
pub fn health_cell(h: Health, color: bool) -> Cell {
    let cell = Cell::new(h.as_str());
    if color {
        let (r, g, b) = h.colour_rgb();
        cell.fg(Color::Rgb { r, g, b })
    } else {
        cell
    }
}

/// The `list` table: one row per project, id first.
pub fn projects(out: &mut dyn Write, rows: &[Row<'_>], view: &View<'_>) -> io::Result<()> {
    let mut t = new_table(
        &[
            "ID", "CLIENT", "PROJECT", "OWNER", "STAGE", "STATUS", "HEALTH", "DUE", "PROGRESS",
        ],
        view.color,
    );
    for row in rows {
        let p = row.project;
        t.add_row(vec![
            Cell::new(&p.id),
            Cell::new(&p.client),
            Cell::new(&p.project),
            Cell::new(&p.owner),
            Cell::new(p.stage.as_str()),
            Cell::new(p.status.as_str()),
            health_cell(p.health, view.color),
            Cell::new(due_cell(row, view.today)),
            Cell::new(
                row.facts
                    .progress
                    .map(|n| format!("{n}%"))
                    .unwrap_or_default(),
            ),
        ]);
    }
    if rows.is_empty() {
        return writeln!(out, "no projects match");
    }
    writeln!(out, "{}", trim_lines(&t.to_string()))
}

/// comfy-table pads the last column; trailing spaces make snapshots and
/// pasted output noisy.
pub fn trim_lines(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}
