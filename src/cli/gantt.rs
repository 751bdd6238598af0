//! `tracker gantt`: the timeline of open projects and milestones, as bars in
//! the terminal or a Mermaid block; `--by quarter` draws the roadmap.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::render::gantt;

/// Output formats of `gantt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Bars over a date axis, for the terminal.
    Bars,
    /// A Mermaid `gantt` block, fenced, for Markdown on GitHub.
    Mermaid,
}

/// How the timeline is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// One bar per project, its milestones below.
    Project,
    /// The roadmap: what lands in which quarter.
    Quarter,
}

/// Flags of `tracker gantt`.
#[derive(Debug, Args)]
pub struct GanttArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Bars)]
    pub format: Format,
    /// Layout
    #[arg(long, value_enum, default_value_t = By::Project)]
    pub by: By,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// Runs `tracker gantt`.
pub fn run(ctx: &Context, a: &GanttArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = a.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    match (a.by, a.format) {
        (By::Quarter, _) => gantt::roadmap(out, &chosen, ctx.today)?,
        (By::Project, Format::Bars) => gantt::bars(out, &chosen, ctx.today)?,
        (By::Project, Format::Mermaid) => {
            writeln!(out, "```mermaid")?;
            gantt::mermaid(out, &chosen, ctx.today)?;
            writeln!(out, "```")?;
        }
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
