//! `tracker board`: Kanban columns by status.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::query::{SortKey, sort};
use crate::render::{self, View};

/// Output formats of `board`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Columns side by side, for the terminal.
    Table,
    /// A heading per column and a bullet per card.
    Md,
}

/// Flags of `tracker board`.
#[derive(Debug, Args)]
pub struct BoardArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// Runs `tracker board`.
pub fn run(ctx: &Context, a: &BoardArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = a.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let mut chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    sort::sort(&mut chosen, SortKey::Due, false);
    let rows = render::rows(&chosen, &portfolio.config, ctx.today);
    let view = View {
        config: &portfolio.config,
        today: ctx.today,
        color: ctx.color,
    };
    match a.format {
        Format::Table => {
            // The terminal's width; 120 columns when writing to a pipe or file.
            let width = if std::io::stdout().is_terminal() {
                comfy_table::Table::new().width().unwrap_or(120)
            } else {
                120
            };
            render::board::table(out, &rows, &view, width)?
        }
        Format::Md => render::board::markdown(out, &rows)?,
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
