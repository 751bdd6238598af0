//! CSV in the export's columns: `id`, the canonical fields, custom fields,
//! then the read-only derived columns. Cells a spreadsheet would run as a
//! formula are escaped with a leading `'`.

use std::io::Write;

use anyhow::Result;

use super::{Row, View};
use crate::model::project::FIELDS;

/// Derived columns, after every field; import ignores them.
pub const DERIVED: &[&str] = &["progress", "last_update", "overdue"];

/// Escapes a cell that Excel or Sheets would evaluate (`=`, `+`, `-`, `@`,
/// tab, carriage return first).
pub fn escape_formula(cell: &str) -> String {
    // A real leading apostrophe before such a character is escaped too, so
    // that import, which removes exactly one, gives the original back.
    let first = cell.trim_start_matches('\'').chars().next();
    match first {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The header row.
pub fn header(view: &View<'_>) -> Vec<String> {
    let mut h = vec!["id".to_string()];
    h.extend(
        FIELDS
            .iter()
            .filter(|f| !matches!(**f, "milestones" | "updates"))
            .map(|f| f.to_string()),
    );
    h.extend(view.config.fields.iter().map(|(n, _)| n.clone()));
    h.extend(DERIVED.iter().map(|d| d.to_string()));
    h
}

/// One project's cells, in header order.
pub fn record(row: &Row<'_>, view: &View<'_>) -> Vec<String> {
    let p = row.project;
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut r = vec![
        p.id.clone(),
        p.client.clone(),
        p.project.clone(),
        p.stage.to_string(),
        p.status.to_string(),
        p.health.to_string(),
        p.owner.clone(),
        opt(&p.goal),
        date(p.created),
        date(p.start),
        p.due.to_string(),
        opt(&p.blocked_reason),
        p.tags.join(", "),
        p.links
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", "),
    ];
    for (name, _) in &view.config.fields {
        r.push(p.custom(name).map(|v| v.display()).unwrap_or_default());
    }
    r.push(
        row.facts
            .progress
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    r.push(date(p.last_update()));
    r.push(if row.facts.overdue { "TRUE" } else { "FALSE" }.to_string());
    r.into_iter().map(|c| escape_formula(&c)).collect()
}

/// Dialect of a CSV file.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    /// Field separator: `,` for Google Sheets, `;` for European Excel.
    pub delimiter: u8,
    /// Start with a UTF-8 byte-order mark, for Excel on Windows.
    pub bom: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect {
            delimiter: b',',
            bom: false,
        }
    }
}

/// Writes the header and one record per row; CRLF between records, as
/// Google Sheets writes them, and LF kept inside quoted cells.
pub fn projects(out: &mut dyn Write, rows: &[Row<'_>], view: &View<'_>) -> Result<()> {
    projects_in(out, rows, view, Dialect::default())
}

/// [`projects`] in a given dialect.
pub fn projects_in(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    view: &View<'_>,
    dialect: Dialect,
) -> Result<()> {
    if dialect.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(dialect.delimiter)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(header(view))?;
    for row in rows {
        w.write_record(record(row, view))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_escaped() {
        assert_eq!(escape_formula("=1+1"), "'=1+1");
        assert_eq!(escape_formula("+33 6"), "'+33 6");
        assert_eq!(escape_formula("-5"), "'-5");
        assert_eq!(escape_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape_formula("\tx"), "'\tx");
        assert_eq!(escape_formula("Acme"), "Acme");
        assert_eq!(escape_formula(""), "");
        assert_eq!(escape_formula("'=SUM(A1)"), "''=SUM(A1)");
        assert_eq!(escape_formula("'hello"), "'hello");
    }
}
