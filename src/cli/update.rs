//! `tracker update ID`: change fields of a project (or of one milestone with
//! `--milestone`) and append one entry to its update log, editing only the
//! lines that change.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Args;

use super::args;
use super::{Context, Exit};
use crate::model::project::{FIELDS, MILESTONE_FIELDS};
use crate::model::{Health, Project, Stage, Status, Update, date, suggest};
use crate::store::save::save_project;
use crate::store::write::{Expect, read_for_edit};
use crate::store::yaml::edit::Doc;
use crate::store::yaml::emit;

/// Flags of `tracker update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The project id (its file name without `.yaml`)
    pub id: String,
    /// New health: green, yellow, red
    #[arg(long, value_parser = args::health)]
    pub health: Option<Health>,
    /// New status: not-started, in-progress, blocked, done (of the milestone with --milestone)
    #[arg(long, value_parser = args::status)]
    pub status: Option<Status>,
    /// New stage: onboarding, active, offboarding
    #[arg(long, value_parser = args::stage)]
    pub stage: Option<Stage>,
    /// New owner (of the milestone with --milestone)
    #[arg(long, allow_hyphen_values = true)]
    pub owner: Option<String>,
    /// New due date: 2026-12-15, +2w, eow, fri … (of the milestone with --milestone)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// New start date (of the milestone with --milestone)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// Why it is blocked; leaving `blocked` without a new reason clears it
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
    /// New goal
    #[arg(long, allow_hyphen_values = true)]
    pub goal: Option<String>,
    /// Add tags (repeat or comma-separate)
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub tag: Vec<String>,
    /// Remove tags
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub untag: Vec<String>,
    /// What happened, for the update log
    #[arg(long, short = 'm', allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Who made the update [default: TRACKER_USER, else `git config user.name`]
    #[arg(long, allow_hyphen_values = true)]
    pub by: Option<String>,
    /// Mark the update entry internal: never shown in a client portal
    #[arg(long)]
    pub internal: bool,
    /// Edit this milestone instead of the project (--status, --due, --start, --owner)
    #[arg(long, value_name = "ID")]
    pub milestone: Option<String>,
}

/// One applied change, for the echo.
struct Change {
    field: &'static str,
    before: Option<String>,
    after: Option<String>,
}

impl Change {
    fn line(&self) -> String {
        match (&self.before, &self.after) {
            (Some(b), Some(a)) => format!("{}: {b} → {a}", self.field),
            (None, Some(a)) => format!("{}: {a}", self.field),
            (Some(b), None) => format!("{}: {b} → (removed)", self.field),
            (None, None) => self.field.to_string(),
        }
    }
}

/// The record being edited and its text, changed together.
struct Edit<'a> {
    doc: Doc,
    p: Project,
    order: Vec<&'a str>,
    changes: Vec<Change>,
    unchanged: Vec<String>,
}

impl Edit<'_> {
    fn set(&mut self, key: &'static str, before: Option<String>, after: String, rendered: String) {
        if before.as_deref() == Some(after.as_str()) {
            self.unchanged.push(format!("{key} is already `{after}`"));
            return;
        }
        self.doc.set(key, &rendered, &self.order);
        self.changes.push(Change {
            field: key,
            before,
            after: Some(after),
        });
    }
}

/// Runs `tracker update`.
pub fn run(ctx: &Context, a: &UpdateArgs, out: &mut dyn Write) -> Result<Exit> {
    let due = a.due.as_deref().map(|d| ctx.date("--due", d)).transpose()?;
    let start = a
        .start
        .as_deref()
        .map(|d| ctx.date("--start", d))
        .transpose()?;
    if a.milestone.is_some() {
        let project_only: Vec<&str> = [
            ("--health", a.health.is_some()),
            ("--stage", a.stage.is_some()),
            ("--reason", a.reason.is_some()),
            ("--goal", a.goal.is_some()),
            ("--tag", !a.tag.is_empty()),
            ("--untag", !a.untag.is_empty()),
        ]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(f, _)| f)
        .collect();
        if !project_only.is_empty() {
            bail!(
                "{} change the project, not a milestone; run them without --milestone",
                project_only.join(", ")
            );
        }
    }

    let _lock = ctx.lock()?;
    let portfolio = ctx.load()?;
    let config = &portfolio.config;
    let Some(path) = portfolio.path_of(&a.id).map(std::path::Path::to_path_buf) else {
        return Err(super::unknown_project(&portfolio, &a.id));
    };
    let (text, fingerprint) = read_for_edit(&path)?;
    let current = crate::store::load::parse_project(&text, &a.id, config).map_err(|d| {
        anyhow::anyhow!(
            "`{}` has errors; fix them first: {}",
            ctx.root
                .show(path.strip_prefix(&ctx.root.path).unwrap_or(&path))
                .display(),
            d.first().map_or("", |d| d.message.as_str())
        )
    })?;

    let owner = a
        .owner
        .as_deref()
        .map(|o| args::owner_name(o, config))
        .transpose()
        .map_err(anyhow::Error::msg)?;

    let order: Vec<&str> = FIELDS
        .iter()
        .copied()
        .chain(config.fields.iter().map(|(n, _)| n.as_str()))
        .collect();
    let mut e = Edit {
        doc: Doc::new(&text),
        p: current.clone(),
        order,
        changes: Vec::new(),
        unchanged: Vec::new(),
    };
    let mut entry = Update {
        date: ctx.today,
        by: match a.by.as_deref().map(str::trim) {
            Some("") => None,
            Some(b) => Some(b.to_string()),
            None => super::default_user(),
        },
        ..Update::default()
    };

    if let Some(mid) = &a.milestone {
        let Some(i) = e.p.milestones.iter().position(|m| &m.id == mid) else {
            let hint = suggest::nearest(mid, e.p.milestones.iter().map(|m| m.id.as_str()))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            bail!("project `{}` has no milestone `{mid}`{hint}", a.id);
        };
        let set = |e: &mut Edit,
                   key: &'static str,
                   before: Option<String>,
                   after: String|
         -> Result<()> {
            if before.as_deref() == Some(after.as_str()) {
                e.unchanged
                    .push(format!("milestone {key} is already `{after}`"));
                return Ok(());
            }
            let rendered = if matches!(key, "owner") {
                emit::scalar(&after)
            } else {
                after.clone()
            };
            e.doc
                .set_in_item("milestones", i, key, &rendered, MILESTONE_FIELDS)
                .map_err(|err| anyhow::anyhow!("{err}"))?;
            e.changes.push(Change {
                field: key,
                before,
                after: Some(after),
            });
            Ok(())
        };
        if let Some(s) = a.status {
            let before = e.p.milestones[i].status.map(|s| s.to_string());
            set(&mut e, "status", before, s.to_string())?;
            e.p.milestones[i].status = Some(s);
        }
        if let Some(d) = due {
            let before = e.p.milestones[i].due.map(|d| d.to_string());
            set(&mut e, "due", before, d.to_string())?;
            e.p.milestones[i].due = Some(d);
        }
        if let Some(d) = start {
            let before = e.p.milestones[i].start.map(|d| d.to_string());
            set(&mut e, "start", before, d.to_string())?;
            e.p.milestones[i].start = Some(d);
        }
        if let Some(o) = &owner {
            let before = e.p.milestones[i].owner.clone();
            set(&mut e, "owner", before, o.clone())?;
            e.p.milestones[i].owner = Some(o.clone());
        }
        entry.milestone = Some(mid.clone());
        if a.note.is_none() && !e.changes.is_empty() {
            let what: Vec<String> = e.changes.iter().map(Change::line).collect();
            entry.note = Some(format!("{}: {}", e.p.milestones[i].name, what.join(", ")));
        }
    } else {
        if let Some(h) = a.health {
            e.set(
                "health",
                Some(e.p.health.to_string()),
                h.to_string(),
                h.to_string(),
            );
            if e.p.health != h {
                entry.health = Some(h);
                e.p.health = h;
            }
        }
        if let Some(s) = a.stage {
            e.set(
                "stage",
                Some(e.p.stage.to_string()),
                s.to_string(),
                s.to_string(),
            );
            if e.p.stage != s {
                entry.stage = Some(s);
                e.p.stage = s;
            }
        }
        if let Some(s) = a.status {
            let was = e.p.status;
            e.set(
                "status",
                Some(was.to_string()),
                s.to_string(),
                s.to_string(),
            );
            if was != s {
                entry.status = Some(s);
                e.p.status = s;
                if was == Status::Blocked && a.reason.is_none() && e.p.blocked_reason.is_some() {
                    e.doc.remove("blocked_reason");
                    e.changes.push(Change {
                        field: "blocked_reason",
                        before: e.p.blocked_reason.take(),
                        after: None,
                    });
                }
            }
        }
        if let Some(r) = a.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            e.set(
                "blocked_reason",
                e.p.blocked_reason.clone(),
                r.to_string(),
                emit::scalar(r),
            );
            if e.p.blocked_reason.as_deref() != Some(r) {
                entry.blocked_reason = Some(r.to_string());
                e.p.blocked_reason = Some(r.to_string());
            }
        }
        if let Some(o) = owner {
            e.set(
                "owner",
                Some(e.p.owner.clone()),
                o.clone(),
                emit::scalar(&o),
            );
            if e.p.owner != o {
                entry.owner = Some(o.clone());
                e.p.owner = o;
            }
        }
        if let Some(d) = due {
            e.set(
                "due",
                Some(e.p.due.to_string()),
                d.to_string(),
                d.to_string(),
            );
            if e.p.due != d {
                entry.due = Some(d);
                e.p.due = d;
            }
        }
        if let Some(d) = start {
            e.set(
                "start",
                e.p.start.map(|d| d.to_string()),
                d.to_string(),
                d.to_string(),
            );
            e.p.start = Some(d);
        }
        if let Some(g) = a.goal.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
            e.set("goal", e.p.goal.clone(), g.to_string(), emit::scalar(g));
            e.p.goal = Some(g.to_string());
        }
        if !a.tag.is_empty() || !a.untag.is_empty() {
            let mut tags = e.p.tags.clone();
            for t in a.tag.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                if !tags.iter().any(|x| x == t) {
                    tags.push(t.to_string());
                }
            }
            tags.retain(|t| !a.untag.iter().any(|u| u.trim() == t));
            if tags != e.p.tags {
                if tags.is_empty() {
                    e.doc.remove("tags");
                } else {
                    e.doc.set("tags", &emit::flow_list(&tags), &e.order.clone());
                }
                e.changes.push(Change {
                    field: "tags",
                    before: Some(e.p.tags.join(", ")),
                    after: Some(tags.join(", ")),
                });
                e.p.tags = tags;
            } else {
                e.unchanged.push("tags are unchanged".into());
            }
        }
    }
    if let Some(n) = a.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        entry.note = Some(n.to_string());
    }
    if a.internal {
        entry.internal = Some(true);
    }
    // Changes the entry has no key for would leave no trace in the log.
    if entry.note.is_none() {
        let untracked: Vec<String> = e
            .changes
            .iter()
            .filter(|c| matches!(c.field, "tags" | "goal" | "start"))
            .map(Change::line)
            .collect();
        if !untracked.is_empty() {
            entry.note = Some(untracked.join("; "));
        }
    }

    if e.changes.is_empty() && entry.note.is_none() {
        if e.unchanged.is_empty() {
            bail!(
                "nothing to update: give a field to change (--health, --status, --due …) or a --note"
            );
        }
        writeln!(out, "nothing changed: {}", e.unchanged.join(", "))?;
        return Ok(Exit::Ok);
    }

    if a.by.as_deref().is_some_and(|b| b.trim().is_empty()) {
        bail!("--by: give a name, or leave the flag out");
    }
    e.doc
        .append_item("updates", &e.order, |dash| emit::update_item(&entry, dash))
        .map_err(|err| {
            anyhow::anyhow!(
                "`{}`: {err}",
                ctx.root
                    .show(path.strip_prefix(&ctx.root.path).unwrap_or(&path))
                    .display()
            )
        })?;
    e.p.updates.push(entry.clone());
    let new_text = e.doc.text();
    save_project(
        &path,
        &new_text,
        &e.p,
        config,
        Expect::Unchanged(&fingerprint),
    )?;

    let rel = path.strip_prefix(&ctx.root.path).unwrap_or(&path);
    writeln!(out, "updated {}", ctx.root.show(rel).display())?;
    if let Some(m) = &a.milestone {
        writeln!(out, "  milestone: {m}")?;
    }
    for c in &e.changes {
        let line = match (c.field, &c.after) {
            ("due" | "start", Some(d)) => match date::parse_iso(d) {
                Ok(d) => format!(
                    "{}: {}{}",
                    c.field,
                    c.before
                        .as_ref()
                        .map(|b| format!("{b} → "))
                        .unwrap_or_default(),
                    date::echo(d, ctx.today)
                ),
                Err(_) => c.line(),
            },
            _ => c.line(),
        };
        writeln!(out, "  {line}")?;
    }
    if let Some(n) = &entry.note {
        writeln!(out, "  note: {n}")?;
    }
    for u in &e.unchanged {
        writeln!(out, "  ({u})")?;
    }
    Ok(Exit::Ok)
}
