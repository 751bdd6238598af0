//! `tracker clients`: one row per client with its churn risk and reasons.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::insight::risk;
use crate::render;

/// Output formats of `clients`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// A Markdown table.
    Md,
    /// CSV.
    Csv,
    /// Versioned JSON: `{"schema_version": 1, "clients": [...]}`.
    Json,
}

/// Flags of `tracker clients`.
#[derive(Debug, Args)]
pub struct ClientsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// Runs `tracker clients`.
pub fn run(ctx: &Context, a: &ClientsArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = a.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    // With filters, only the clients the filtered projects belong to.
    let known: Vec<String> = if a.filters.is_set() {
        Vec::new()
    } else {
        portfolio.clients.iter().map(|c| c.name.clone()).collect()
    };
    let summaries = risk::clients(&chosen, &known, &portfolio.config, ctx.today);
    match a.format {
        Format::Table => render::clients::table(out, &summaries, ctx.color)?,
        Format::Md => render::clients::markdown(out, &summaries)?,
        Format::Csv => render::clients::csv(out, &summaries)?,
        Format::Json => render::clients::json(out, &summaries)?,
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
