//! The `clients` view: one row per client with open projects, worst health,
//! churn risk and its top reasons, as a table, Markdown, CSV or JSON.

use std::io::{self, Write};

use anyhow::Result;
use comfy_table::Cell;
use serde_json::json;

use super::json::SCHEMA_VERSION;
use super::table::{health_cell, new_table, trim_lines};
use crate::insight::risk::ClientSummary;

/// How many reasons the table and Markdown show.
pub const TOP_REASONS: usize = 3;

fn top(c: &ClientSummary<'_>) -> String {
    c.risk
        .reasons
        .iter()
        .take(TOP_REASONS)
        .map(|r| format!("{} (+{})", r.text, r.points))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The terminal table.
pub fn table(out: &mut dyn Write, clients: &[ClientSummary<'_>], color: bool) -> io::Result<()> {
    if clients.is_empty() {
        return writeln!(out, "no clients");
    }
    let mut t = new_table(
        &["CLIENT", "OPEN/ALL", "WORST", "RISK", "TOP REASONS"],
        color,
    );
    for c in clients {
        t.add_row(vec![
            Cell::new(&c.client),
            Cell::new(format!("{}/{}", c.open, c.projects.len())),
            c.worst
                .map_or_else(|| Cell::new("-"), |h| health_cell(h, color)),
            Cell::new(c.risk.score),
            Cell::new(top(c)),
        ]);
    }
    writeln!(out, "{}", trim_lines(&t.to_string()))
}

/// A Markdown table.
pub fn markdown(out: &mut dyn Write, clients: &[ClientSummary<'_>]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = clients
        .iter()
        .map(|c| {
            vec![
                c.client.clone(),
                c.open.to_string(),
                c.projects.len().to_string(),
                c.worst.map_or_else(|| "-".into(), |h| h.to_string()),
                c.risk.score.to_string(),
                top(c),
            ]
        })
        .collect();
    super::markdown::table(
        out,
        &[
            "Client",
            "Open",
            "Projects",
            "Worst health",
            "Churn risk",
            "Top reasons",
        ],
        &rows,
    )
}

/// CSV: client, open, projects, worst_health, risk, reasons (all, `; `-joined).
pub fn csv(out: &mut dyn Write, clients: &[ClientSummary<'_>]) -> Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record([
        "client",
        "open",
        "projects",
        "worst_health",
        "risk",
        "reasons",
    ])?;
    for c in clients {
        let reasons = c
            .risk
            .reasons
            .iter()
            .map(|r| format!("{} (+{})", r.text, r.points))
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            super::csv::escape_formula(&c.client),
            c.open.to_string(),
            c.projects.len().to_string(),
            c.worst.map(|h| h.to_string()).unwrap_or_default(),
            c.risk.score.to_string(),
            super::csv::escape_formula(&reasons),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// One client as a JSON object.
pub fn client_json(c: &ClientSummary<'_>) -> serde_json::Value {
    json!({
        "client": c.client,
        "projects": c.projects.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        "open": c.open,
        "worst_health": c.worst.map(|h| h.as_str()),
        "risk": {
            "score": c.risk.score,
            "reasons": c.risk.reasons.iter().map(|r| json!({"points": r.points, "reason": r.text})).collect::<Vec<_>>(),
        },
    })
}

/// `{"schema_version": 1, "clients": [...]}`.
pub fn json(out: &mut dyn Write, clients: &[ClientSummary<'_>]) -> Result<()> {
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "clients": clients.iter().map(client_json).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
