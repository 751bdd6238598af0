//! `tracker report`: the weekly status report, as Markdown (default), one
//! self-contained HTML page, or JSON; to standard output or `--out FILE`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::insight::report::{GroupBy, build};
use crate::render::report;
use crate::store::write::write_output;

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown that renders on GitHub (tables, a Mermaid timeline).
    Md,
    /// One self-contained, printable HTML page.
    Html,
    /// The same content as versioned JSON.
    Json,
}

/// How to group the project table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Group {
    /// By owner.
    Owner,
    /// By stage.
    Stage,
    /// By client.
    Client,
    /// By health, red first.
    Health,
}

/// Flags of `tracker report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Group the project table
    #[arg(long, value_enum, value_name = "FIELD")]
    pub group_by: Option<Group>,
    /// Write to this file (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// Runs `tracker report`.
pub fn run(ctx: &Context, a: &ReportArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = a.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    let group_by = match a.group_by {
        None => GroupBy::None,
        Some(Group::Owner) => GroupBy::Owner,
        Some(Group::Stage) => GroupBy::Stage,
        Some(Group::Client) => GroupBy::Client,
        Some(Group::Health) => GroupBy::Health,
    };
    let known: Vec<String> = if a.filters.is_set() {
        Vec::new()
    } else {
        portfolio.clients.iter().map(|c| c.name.clone()).collect()
    };
    let content = build(&chosen, &known, &portfolio.config, ctx.today, group_by);
    let mut bytes = Vec::new();
    match a.format {
        Format::Md => report::markdown(
            &mut bytes,
            &report::document(&content, portfolio.config.portal_agency.as_deref()),
        )?,
        Format::Html => bytes.extend_from_slice(
            report::html(&report::document(
                &content,
                portfolio.config.portal_agency.as_deref(),
            ))
            .as_bytes(),
        ),
        Format::Json => report::json(&mut bytes, &content)?,
    }
    match &a.out {
        Some(path) => {
            write_output(path, &bytes)?;
            eprintln!("wrote the report to {}", path.display());
        }
        None => out.write_all(&bytes)?,
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
