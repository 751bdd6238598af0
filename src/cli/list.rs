//! `tracker list`: one row per project, filtered and sorted, as a table,
//! CSV, Markdown or JSON.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::query::{SortKey, sort};
use crate::render::{self, View};

/// Output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// CSV in the export's columns.
    Csv,
    /// A Markdown table.
    Md,
    /// Versioned JSON: `{"schema_version": 1, "projects": [...]}`.
    Json,
}

/// Sort keys of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// By id.
    Id,
    /// Soonest due date first.
    Due,
    /// Red first.
    Health,
    /// By owner.
    Owner,
    /// By client.
    Client,
    /// Least recently updated first.
    Updated,
}

impl From<Sort> for SortKey {
    fn from(s: Sort) -> SortKey {
        match s {
            Sort::Id => SortKey::Id,
            Sort::Due => SortKey::Due,
            Sort::Health => SortKey::Health,
            Sort::Owner => SortKey::Owner,
            Sort::Client => SortKey::Client,
            Sort::Updated => SortKey::Updated,
        }
    }
}

/// Flags of `tracker list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Sort order; ties are broken by id
    #[arg(long, value_enum, default_value_t = Sort::Id)]
    pub sort: Sort,
    /// Reverse the order
    #[arg(long)]
    pub reverse: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    // Last, so the "Filters" heading does not carry over to the flags above.
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// Runs `tracker list`.
pub fn run(ctx: &Context, args: &ListArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = args.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let mut chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    sort::sort(&mut chosen, args.sort.into(), args.reverse);
    let rows = render::rows(&chosen, &portfolio.config, ctx.today);
    let view = View {
        config: &portfolio.config,
        today: ctx.today,
        color: ctx.color,
    };
    match args.format {
        Format::Table => render::table::projects(out, &rows, &view)?,
        Format::Csv => render::csv::projects(out, &rows, &view)?,
        Format::Md => render::markdown::projects(out, &rows, &view)?,
        Format::Json => render::json::projects(out, &rows, &view)?,
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
