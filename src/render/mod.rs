//! Formatting for people and programs: tables, CSV, JSON, Markdown and
//! diagnostics. Renderers write to the writer they are handed and touch
//! nothing else: no files, no environment, no clock.

pub mod agenda;
pub mod board;
pub mod clients;
pub mod csv;
pub mod dashboard;
pub mod diag;
pub mod gantt;
pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod report;
pub mod table;
pub mod xlsx;

use chrono::NaiveDate;

use crate::insight::Facts;
use crate::model::{Config, Project};

/// A project with its derived facts, as every renderer receives it.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The record.
    pub project: &'a Project,
    /// Its facts at `today`.
    pub facts: Facts,
}

/// What every renderer needs besides the rows.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// Settings (custom field names, thresholds).
    pub config: &'a Config,
    /// The day facts were computed at.
    pub today: NaiveDate,
    /// Whether to colour output.
    pub color: bool,
}

/// Pairs each project with its facts.
pub fn rows<'a>(projects: &[&'a Project], config: &Config, today: NaiveDate) -> Vec<Row<'a>> {
    projects
        .iter()
        .map(|p| Row {
            project: p,
            facts: crate::insight::facts(p, config, today),
        })
        .collect()
}

/// The due date with a relative hint when it needs attention:
/// `2026-12-04 (3 days ago)`.
pub fn due_cell(row: &Row<'_>, today: NaiveDate) -> String {
    let due = row.project.due;
    if row.facts.overdue || row.facts.due_soon {
        format!("{due} ({})", crate::model::date::relative(due, today))
    } else {
        due.to_string()
    }
}
