//! Flags shared by several subcommands: the project filters, and the
//! tolerant value parsers for stage, status and health.

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::model::{Health, Stage, Status};
use crate::query::Filter;

/// Parses a stage the way files are read (`Actif`, `in_progress` …).
pub fn stage(s: &str) -> Result<Stage, String> {
    s.parse()
        .map_err(|e: crate::model::vocab::VocabError| e.help())
}

/// Parses a status tolerantly.
pub fn status(s: &str) -> Result<Status, String> {
    s.parse()
        .map_err(|e: crate::model::vocab::VocabError| e.help())
}

/// Parses a health value tolerantly.
pub fn health(s: &str) -> Result<Health, String> {
    s.parse()
        .map_err(|e: crate::model::vocab::VocabError| e.help())
}

/// The filters shared by every command that lists projects. Each takes
/// several values, repeated or comma-separated; a project must pass every
/// filter given.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Only projects of these owners (case-insensitive)
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub owner: Vec<String>,
    /// Only projects of these clients (case-insensitive)
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub client: Vec<String>,
    /// Only these stages: onboarding, active, offboarding
    #[arg(long, value_delimiter = ',', value_parser = stage, value_name = "STAGE")]
    pub stage: Vec<Stage>,
    /// Only these statuses: not-started, in-progress, blocked, done
    #[arg(long, value_delimiter = ',', value_parser = status, value_name = "STATUS")]
    pub status: Vec<Status>,
    /// Only these health values: green, yellow, red
    #[arg(long, value_delimiter = ',', value_parser = health, value_name = "HEALTH")]
    pub health: Vec<Health>,
    /// Only projects carrying any of these tags
    #[arg(long, value_delimiter = ',', value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only projects past their due date and not done
    #[arg(long)]
    pub overdue: bool,
    /// Only projects due before this day (exclusive)
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    /// Only projects due after this day (exclusive)
    #[arg(long, value_name = "DATE")]
    pub due_after: Option<String>,
    /// Only projects whose weekly check-in was missed
    #[arg(long)]
    pub stale: bool,
    /// Only projects that are not done
    #[arg(long)]
    pub open: bool,
}

impl FilterArgs {
    /// Whether any filter was given.
    pub fn is_set(&self) -> bool {
        !(self.owner.is_empty()
            && self.client.is_empty()
            && self.stage.is_empty()
            && self.status.is_empty()
            && self.health.is_empty()
            && self.tag.is_empty()
            && !self.overdue
            && self.due_before.is_none()
            && self.due_after.is_none()
            && !self.stale
            && !self.open)
    }

    /// Resolves relative dates against the context's today.
    pub fn resolve(&self, ctx: &Context) -> Result<Filter> {
        Ok(Filter {
            owners: self.owner.clone(),
            clients: self.client.clone(),
            stages: self.stage.clone(),
            statuses: self.status.clone(),
            health: self.health.clone(),
            tags: self.tag.clone(),
            overdue: self.overdue,
            due_before: self
                .due_before
                .as_deref()
                .map(|d| ctx.date("--due-before", d))
                .transpose()?,
            due_after: self
                .due_after
                .as_deref()
                .map(|d| ctx.date("--due-after", d))
                .transpose()?,
            stale: self.stale,
            open: self.open,
        })
    }
}

/// The name among `candidates` that `input` spells, ignoring case and
/// accents (`marie dupont` → `Marie Dupont`).
pub fn match_name<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = crate::model::vocab::fold(input);
    candidates
        .into_iter()
        .find(|c| crate::model::vocab::fold(c) == wanted)
}

/// The owner as the roster in `tracker.yaml` spells it (case and accents
/// ignored); without a roster, as given. The error says what to do.
pub fn owner_name(input: &str, config: &crate::model::Config) -> Result<String, String> {
    let Some(roster) = &config.owners else {
        return Ok(input.trim().to_string());
    };
    let names = roster.iter().map(String::as_str);
    match match_name(input, names.clone()) {
        Some(o) => Ok(o.to_string()),
        None => {
            let hint = crate::model::suggest::nearest(input, names)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            Err(format!(
                "unknown owner `{}`; {hint}the roster is `owners:` in tracker.yaml",
                input.trim()
            ))
        }
    }
}

/// The client as its client file spells it; without client files, as given.
pub fn client_name(input: &str, portfolio: &crate::store::Portfolio) -> Result<String, String> {
    if portfolio.clients.is_empty() {
        return Ok(input.trim().to_string());
    }
    let names = portfolio.clients.iter().map(|c| c.name.as_str());
    match match_name(input, names.clone()) {
        Some(c) => Ok(c.to_string()),
        None => Err(match crate::model::suggest::nearest(input, names) {
            Some(s) => format!("unknown client `{}`; did you mean `{s}`?", input.trim()),
            None => format!(
                "unknown client `{}`; add a file to `{}/` first",
                input.trim(),
                portfolio.config.clients_dir
            ),
        }),
    }
}
