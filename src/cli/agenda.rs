//! `tracker agenda`: what is due in the next days, week by week, overdue
//! first, recurring deliverables included.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::insight::agenda::agenda;
use crate::render;

/// Output formats of `agenda`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Week by week, for the terminal.
    Text,
    /// Versioned JSON: `{"schema_version": 1, "items": [...]}`.
    Json,
}

/// Flags of `tracker agenda`.
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// How many days ahead, from today
    #[arg(long, default_value_t = 14)]
    pub days: u32,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// Runs `tracker agenda`.
pub fn run(ctx: &Context, a: &AgendaArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = a.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    let items = agenda(&chosen, ctx.today, a.days);
    match a.format {
        Format::Text => render::agenda::text(out, &items, ctx.today, a.days)?,
        Format::Json => render::agenda::json(out, &items)?,
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
