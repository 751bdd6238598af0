//! `tracker add`: a new project file, written canonically and atomically;
//! refuses an id that already exists.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Args;

use super::args;
use super::{Context, Exit};
use crate::model::{Health, Project, Stage, Status, date, slug};
use crate::store::save::save_project;
use crate::store::write::Expect;
use crate::store::yaml::emit;

/// Flags of `tracker add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Client name, as in the client's file when clients/ has files
    #[arg(long, allow_hyphen_values = true)]
    pub client: String,
    /// What the project is, concretely ("Website redesign", not "phase 2")
    #[arg(long, allow_hyphen_values = true)]
    pub project: String,
    /// The one accountable person
    #[arg(long, allow_hyphen_values = true)]
    pub owner: String,
    /// Due date: 2026-12-15, today, tomorrow, +3d, +2w, +1m, eow, eom, fri …
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: String,
    /// Stage: onboarding, active, offboarding
    #[arg(long, value_parser = args::stage, default_value = "onboarding")]
    pub stage: Stage,
    /// Status: not-started, in-progress, blocked, done
    #[arg(long, value_parser = args::status, default_value = "not-started")]
    pub status: Status,
    /// Health: green, yellow, red
    #[arg(long, value_parser = args::health, default_value = "green")]
    pub health: Health,
    /// Why the project exists
    #[arg(long, allow_hyphen_values = true)]
    pub goal: Option<String>,
    /// Start date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// Why it is blocked (with --status blocked)
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
    /// Tags (repeat or comma-separate)
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub tag: Vec<String>,
    /// A named link, e.g. brief=https://… (repeatable)
    #[arg(long, value_name = "NAME=URL")]
    pub link: Vec<String>,
    /// Use this id instead of the one derived from client and project
    #[arg(long)]
    pub id: Option<String>,
}

/// Runs `tracker add`.
pub fn run(ctx: &Context, a: &AddArgs, out: &mut dyn Write) -> Result<Exit> {
    let due = ctx.date("--due", &a.due)?;
    let start = a
        .start
        .as_deref()
        .map(|s| ctx.date("--start", s))
        .transpose()?;
    let id = match &a.id {
        Some(id) => id.clone(),
        None => slug::project_id(&a.client, &a.project),
    };
    slug::check_id(&id).map_err(|e| anyhow::anyhow!("--id: {e}"))?;
    let mut links = Vec::new();
    for l in &a.link {
        match l.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                links.push((k.trim().to_string(), v.trim().to_string()));
            }
            _ => bail!("--link: expected NAME=URL, found `{l}`"),
        }
    }

    let _lock = ctx.lock()?;
    let portfolio = ctx.load()?;
    let config = &portfolio.config;
    if portfolio.has_id(&id) {
        let at = portfolio
            .path_of(&id)
            .map(|p| {
                format!(
                    " (`{}`)",
                    ctx.root
                        .show(p.strip_prefix(&ctx.root.path).unwrap_or(p))
                        .display()
                )
            })
            .unwrap_or_default();
        bail!(
            "a project with id `{id}` already exists{at}; nothing was written (use --id to choose another id)"
        );
    }
    let owner = args::owner_name(&a.owner, config).map_err(anyhow::Error::msg)?;
    let client = args::client_name(&a.client, &portfolio).map_err(anyhow::Error::msg)?;
    let project = Project {
        id: id.clone(),
        client,
        project: a.project.trim().to_string(),
        stage: a.stage,
        status: a.status,
        health: a.health,
        owner,
        goal: a.goal.clone().filter(|g| !g.trim().is_empty()),
        created: Some(ctx.today),
        start,
        due,
        blocked_reason: a.reason.clone().filter(|r| !r.trim().is_empty()),
        tags: a
            .tag
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        links,
        milestones: Vec::new(),
        updates: Vec::new(),
        custom: Vec::new(),
    };
    let text = emit::project(&project);
    let path = portfolio.projects_dir().join(format!("{id}.yaml"));
    save_project(&path, &text, &project, config, Expect::New)?;

    let shown = ctx
        .root
        .show(&std::path::Path::new(&config.projects_dir).join(format!("{id}.yaml")));
    writeln!(out, "{}", shown.display())?;
    let mut err = std::io::stderr().lock();
    writeln!(err, "created `{id}`")?;
    writeln!(err, "  due: {}", date::echo(due, ctx.today))?;
    if let Some(s) = start {
        writeln!(err, "  start: {}", date::echo(s, ctx.today))?;
    }
    if project.stage == Stage::Active && project.goal.is_none() {
        writeln!(
            err,
            "tracker: warning: active project has no goal; add one with `tracker update {id} --goal \"…\"`"
        )?;
    }
    if project.status == Status::Blocked && project.blocked_reason.is_none() {
        writeln!(
            err,
            "tracker: warning: blocked project has no reason; add one with `tracker update {id} --reason \"…\"`"
        )?;
    }
    Ok(Exit::Ok)
}
