//! Markdown tables that stay well formed whatever the names hold.

use std::io::{self, Write};

use super::{Row, View, due_cell};

/// Escapes text for a table cell: pipes, line breaks and the characters
/// Markdown would read as formatting.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Writes a table: header, separator, rows.
pub fn table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(
        out,
        "|{}|",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    )?;
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// The `list` table in Markdown.
pub fn projects(out: &mut dyn Write, rows: &[Row<'_>], view: &View<'_>) -> io::Result<()> {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let p = row.project;
            vec![
                p.id.clone(),
                p.client.clone(),
                p.project.clone(),
                p.owner.clone(),
                p.stage.to_string(),
                p.status.to_string(),
                p.health.to_string(),
                due_cell(row, view.today),
                row.facts
                    .progress
                    .map(|n| format!("{n}%"))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        out,
        &[
            "ID", "Client", "Project", "Owner", "Stage", "Status", "Health", "Due", "Progress",
        ],
        &body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(
            cell("<script>*x*</script>"),
            "\\<script\\>\\*x\\*\\</script\\>"
        );
    }
}
