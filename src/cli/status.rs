//! `tracker status [ID]`: the dashboard of the portfolio, or one project's card.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::insight::report::{GroupBy, build};
use crate::render::{self, View, dashboard};

/// Flags of `tracker status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show this project's card instead of the dashboard
    pub id: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// Runs `tracker status`.
pub fn run(ctx: &Context, a: &StatusArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = a.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let view = View {
        config: &portfolio.config,
        today: ctx.today,
        color: ctx.color,
    };
    match &a.id {
        Some(id) => {
            let Some(p) = portfolio.project(id) else {
                return Err(super::unknown_project(&portfolio, id));
            };
            let rows = render::rows(&[p], &portfolio.config, ctx.today);
            dashboard::card(out, &rows[0], &view)?;
        }
        None => {
            let chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
            // The dashboard shows the attention lists of the status report.
            let content = build(&chosen, &[], &portfolio.config, ctx.today, GroupBy::None);
            dashboard::dashboard(out, &content, &view, a.filters.is_set())?;
        }
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
