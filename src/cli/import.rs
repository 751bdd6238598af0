//! `tracker import FILE`: bring a spreadsheet (CSV from Google Sheets or
//! Excel) into the tracker. Dry run by default: prints a plan of what would
//! be created and changed; `--apply` writes it. Every row is checked before
//! any file is written, so one bad row means nothing is written.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};

use super::args::{client_name, owner_name};
use super::{Context, Exit};
use crate::model::project::FIELDS;
use crate::model::vocab::fold;
use crate::model::{Config, FieldValue, Project, Update, slug};
use crate::store::import::{DateOrder, Patch, SheetError, read_sheet};
use crate::store::load::parse_project;
use crate::store::save::save_project;
use crate::store::write::{Expect, Fingerprint, read_for_edit};
use crate::store::yaml::edit::Doc;
use crate::store::yaml::emit;

/// How slash dates are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateFormat {
    /// `12/15/2026`: month first.
    Us,
    /// `15/12/2026`: day first.
    Eu,
    /// Spreadsheet serial numbers (`46359` = 2026-12-03).
    Serial,
}

/// Flags of `tracker import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file, or `-` for standard input
    pub file: PathBuf,
    /// Write the changes (without it, only the plan is printed)
    #[arg(long)]
    pub apply: bool,
    /// How to read dates such as 03/04/2027 [default: inferred from each column]
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_format: Option<DateFormat>,
    /// Import columns of custom fields declared under `fields:` in tracker.yaml
    #[arg(long)]
    pub keep_unknown: bool,
    /// Who makes the import, for the update log [default: TRACKER_USER, else `git config user.name`]
    #[arg(long, allow_hyphen_values = true)]
    pub by: Option<String>,
}

/// One field that changes, for the plan.
struct Change {
    field: String,
    before: String,
    after: String,
}

/// What one row does.
enum Action {
    Create {
        row: usize,
        project: Project,
        text: String,
        path: PathBuf,
    },
    Update {
        row: usize,
        project: Project,
        changes: Vec<Change>,
        text: String,
        path: PathBuf,
        fingerprint: Fingerprint,
    },
}

/// A list for the plan: `(none)` when empty.
fn show_list(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".to_string()
    } else {
        items.join(", ")
    }
}

fn show_opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "(none)".to_string(), ToString::to_string)
}

/// Applies a row to a record; returns the fields that changed.
fn apply_patch(p: &mut Project, patch: &Patch) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut note = |field: &str, before: String, after: String| {
        if before != after {
            changes.push(Change {
                field: field.to_string(),
                before,
                after,
            });
        }
    };
    macro_rules! set {
        ($field:ident, $name:literal, $show:expr) => {
            if let Some(v) = &patch.$field {
                let show = $show;
                // A cell cannot hold a trailing line break (cells are
                // trimmed), so a block-scalar text equal up to it is unchanged.
                let (before, after) = (show(&p.$field), show(v));
                if before.trim_end() != after.trim_end() {
                    note($name, before, after);
                    p.$field = v.clone();
                }
            }
        };
    }
    set!(client, "client", |v: &String| v.clone());
    set!(project, "project", |v: &String| v.clone());
    if let Some(v) = patch.stage {
        note("stage", p.stage.to_string(), v.to_string());
        p.stage = v;
    }
    if let Some(v) = patch.status {
        note("status", p.status.to_string(), v.to_string());
        p.status = v;
    }
    if let Some(v) = patch.health {
        note("health", p.health.to_string(), v.to_string());
        p.health = v;
    }
    set!(owner, "owner", |v: &String| v.clone());
    set!(goal, "goal", |v: &Option<String>| show_opt(v));
    set!(
        created,
        "created",
        |v: &Option<chrono::NaiveDate>| show_opt(v)
    );
    set!(start, "start", |v: &Option<chrono::NaiveDate>| show_opt(v));
    if let Some(v) = patch.due {
        note("due", p.due.to_string(), v.to_string());
        p.due = v;
    }
    set!(blocked_reason, "blocked_reason", |v: &Option<String>| {
        show_opt(v)
    });
    set!(tags, "tags", |v: &Vec<String>| show_list(v));
    set!(links, "links", |v: &Vec<(String, String)>| v
        .iter()
        .map(|(k, u)| format!("{k}={u}"))
        .collect::<Vec<_>>()
        .join(", "));
    for (name, value) in &patch.custom {
        let before = p
            .custom(name)
            .map(FieldValue::display)
            .unwrap_or_else(|| "(none)".into());
        let after = value
            .as_ref()
            .map(FieldValue::display)
            .unwrap_or_else(|| "(none)".into());
        note(name, before, after);
        // In place, so the order of the file is kept.
        match (p.custom.iter().position(|(k, _)| k == name), value) {
            (Some(i), Some(v)) => p.custom[i].1 = v.clone(),
            (Some(i), None) => {
                p.custom.remove(i);
            }
            (None, Some(v)) => p.custom.push((name.clone(), v.clone())),
            (None, None) => {}
        }
    }
    changes
}

/// Edits the file's text so it holds `new` (only the changed fields), and
/// appends an update entry.
fn edit_text(
    text: &str,
    old: &Project,
    new: &Project,
    entry: &Update,
    config: &Config,
) -> Result<String> {
    let order: Vec<&str> = FIELDS
        .iter()
        .copied()
        .chain(config.fields.iter().map(|(n, _)| n.as_str()))
        .collect();
    let mut doc = Doc::new(text);
    let text_field = |doc: &mut Doc, key: &str, v: &Option<String>| match v {
        Some(v) => doc.set(key, &emit::scalar(v), &order),
        None => doc.remove(key),
    };
    let date_field = |doc: &mut Doc, key: &str, v: Option<chrono::NaiveDate>| match v {
        Some(d) => doc.set(key, &d.to_string(), &order),
        None => doc.remove(key),
    };
    if old.client != new.client {
        doc.set("client", &emit::scalar(&new.client), &order);
    }
    if old.project != new.project {
        doc.set("project", &emit::scalar(&new.project), &order);
    }
    if old.stage != new.stage {
        doc.set("stage", new.stage.as_str(), &order);
    }
    if old.status != new.status {
        doc.set("status", new.status.as_str(), &order);
    }
    if old.health != new.health {
        doc.set("health", new.health.as_str(), &order);
    }
    if old.owner != new.owner {
        doc.set("owner", &emit::scalar(&new.owner), &order);
    }
    if old.goal != new.goal {
        text_field(&mut doc, "goal", &new.goal);
    }
    if old.created != new.created {
        date_field(&mut doc, "created", new.created);
    }
    if old.start != new.start {
        date_field(&mut doc, "start", new.start);
    }
    if old.due != new.due {
        doc.set("due", &new.due.to_string(), &order);
    }
    if old.blocked_reason != new.blocked_reason {
        text_field(&mut doc, "blocked_reason", &new.blocked_reason);
    }
    if old.tags != new.tags {
        if new.tags.is_empty() {
            doc.remove("tags");
        } else {
            doc.set("tags", &emit::flow_list(&new.tags), &order);
        }
    }
    if old.links != new.links {
        if new.links.is_empty() {
            doc.remove("links");
        } else {
            doc.set_block("links", &emit::links_block(&new.links), &order);
        }
    }
    for (name, _) in &config.fields {
        let (a, b) = (old.custom(name), new.custom(name));
        if a != b {
            match b {
                Some(v) => doc.set(name, &emit::field_value(v), &order),
                None => doc.remove(name),
            }
        }
    }
    doc.append_item("updates", &order, |dash| emit::update_item(entry, dash))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(doc.text())
}

fn row_error(row: usize, message: String) -> SheetError {
    SheetError {
        row: Some(row),
        column: None,
        message,
    }
}

/// Runs `tracker import`.
pub fn run(ctx: &Context, a: &ImportArgs, out: &mut dyn Write) -> Result<Exit> {
    let (bytes, name) = if a.file == Path::new("-") {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("could not read standard input")?;
        (b, "standard input".to_string())
    } else {
        let b = std::fs::read(&a.file)
            .with_context(|| format!("could not read `{}`", a.file.display()))?;
        (b, a.file.display().to_string())
    };
    let file_name = if a.file == Path::new("-") {
        name.clone()
    } else {
        a.file
            .file_name()
            .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned())
    };
    let _lock = ctx.lock()?;
    let portfolio = ctx.load()?;
    let config = &portfolio.config;
    let order = a.date_format.map(|f| match f {
        DateFormat::Us => DateOrder::Us,
        DateFormat::Eu => DateOrder::Eu,
        DateFormat::Serial => DateOrder::Serial,
    });

    let mut errors: Vec<SheetError> = Vec::new();
    let mut rejected_rows = (0, None);
    let sheet = match read_sheet(&bytes, config, order, a.keep_unknown) {
        Ok(s) => Some(s),
        Err(e) => {
            rejected_rows = (e.rows, e.delimiter);
            errors = e.errors;
            None
        }
    };
    let mut actions: Vec<Action> = Vec::new();
    let mut unchanged = 0;
    let by = a.by.clone().or_else(super::default_user);
    if let Some(sheet) = &sheet {
        let mut claimed: HashMap<String, usize> = HashMap::new();
        for patch in &sheet.patches {
            let row = patch.row;
            // Which project the row is.
            let id = match (&patch.id, &patch.client, &patch.project) {
                (Some(id), _, _) => id.clone(),
                (None, Some(c), Some(p)) => portfolio
                    .projects
                    .iter()
                    .find(|e| fold(&e.client) == fold(c) && fold(&e.project) == fold(p))
                    .map_or_else(|| slug::project_id(c, p), |e| e.id.clone()),
                _ => {
                    errors.push(row_error(
                        row,
                        "has neither an id nor a client and a project".into(),
                    ));
                    continue;
                }
            };
            if let Err(m) = slug::check_id(&id) {
                errors.push(row_error(row, m));
                continue;
            }
            if let Some(first) = claimed.insert(id.clone(), row) {
                errors.push(row_error(
                    row,
                    format!(
                        "maps to project `{id}`, like row {first}; each project can appear once"
                    ),
                ));
                continue;
            }
            let mut patch = patch.clone();
            // Names as the roster and the client files spell them.
            let column = |field: &str| {
                sheet
                    .headers
                    .iter()
                    .find(|(f, _)| f == field)
                    .map(|(_, h)| h.clone())
            };
            let mut named_ok = true;
            if let Some(o) = &patch.owner {
                match owner_name(o, config) {
                    Ok(c) => patch.owner = Some(c),
                    Err(message) => {
                        named_ok = false;
                        errors.push(SheetError {
                            row: Some(row),
                            column: column("owner"),
                            message,
                        });
                    }
                }
            }
            if let Some(c) = &patch.client {
                match client_name(c, &portfolio) {
                    Ok(n) => patch.client = Some(n),
                    Err(message) => {
                        named_ok = false;
                        errors.push(SheetError {
                            row: Some(row),
                            column: column("client"),
                            message,
                        });
                    }
                }
            }
            if !named_ok {
                continue;
            }
            match portfolio.project(&id) {
                Some(existing) => {
                    let mut new = existing.clone();
                    let changes = apply_patch(&mut new, &patch);
                    if changes.is_empty() {
                        unchanged += 1;
                        continue;
                    }
                    let path = portfolio
                        .path_of(&id)
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    let (text, fingerprint) = read_for_edit(&path)?;
                    let find = |f: &str| changes.iter().any(|c| c.field == f);
                    let entry = Update {
                        date: ctx.today,
                        by: by.clone(),
                        health: find("health").then_some(new.health),
                        status: find("status").then_some(new.status),
                        stage: find("stage").then_some(new.stage),
                        owner: find("owner").then(|| new.owner.clone()),
                        due: find("due").then_some(new.due),
                        blocked_reason: if find("blocked_reason") {
                            new.blocked_reason.clone()
                        } else {
                            None
                        },
                        note: Some(format!("imported from {file_name}")),
                        ..Update::default()
                    };
                    new.updates.push(entry.clone());
                    match edit_text(&text, existing, &new, &entry, config) {
                        Ok(t) => match parse_project(&t, &id, config) {
                            Ok(back) if back == new => actions.push(Action::Update { row, project: new, changes, text: t, path, fingerprint }),
                            Ok(_) => errors.push(row_error(row, format!("`{id}` could not be edited in place; nothing was written (edit the file by hand)"))),
                            Err(d) => errors.push(row_error(row, d.first().map_or_else(String::new, |d| d.message.clone()))),
                        },
                        Err(e) => errors.push(row_error(row, format!("`{id}`: {e}"))),
                    }
                }
                None if portfolio.has_id(&id) => errors.push(row_error(
                    row,
                    format!("project `{id}` has errors; fix them first (`tracker validate`)"),
                )),
                None => {
                    let mut missing = Vec::new();
                    for (f, present) in [
                        ("client", patch.client.is_some()),
                        ("project", patch.project.is_some()),
                        ("owner", patch.owner.is_some()),
                        ("due", patch.due.is_some()),
                    ] {
                        if !present {
                            missing.push(format!("`{f}`"));
                        }
                    }
                    if !missing.is_empty() {
                        errors.push(row_error(
                            row,
                            format!(
                                "is a new project (`{id}`) but has no {}",
                                missing.join(", ")
                            ),
                        ));
                        continue;
                    }
                    let mut new = Project {
                        created: Some(ctx.today),
                        ..Project::new(&id, "", "", "", ctx.today)
                    };
                    apply_patch(&mut new, &patch);
                    if patch.created == Some(None) {
                        new.created = Some(ctx.today);
                    }
                    let text = emit::project(&new);
                    match parse_project(&text, &id, config) {
                        Ok(back) if back == new => {
                            let path = portfolio.projects_dir().join(format!("{id}.yaml"));
                            actions.push(Action::Create {
                                row,
                                project: new,
                                text,
                                path,
                            });
                        }
                        Ok(_) => errors.push(row_error(
                            row,
                            format!("`{id}` would not read back as written"),
                        )),
                        Err(d) => errors.push(row_error(
                            row,
                            d.first().map_or_else(String::new, |d| d.message.clone()),
                        )),
                    }
                }
            }
        }
    }

    // The plan.
    let dialect = sheet
        .as_ref()
        .map(|s| s.delimiter)
        .or(rejected_rows.1)
        .map_or("", |d| match d {
            b';' => "semicolon-separated, ",
            b'\t' => "tab-separated, ",
            _ => "comma-separated, ",
        });
    let rows = sheet.as_ref().map_or(rejected_rows.0, |s| s.patches.len());
    writeln!(
        out,
        "import plan for `{name}` ({dialect}{rows} row{}):",
        if rows == 1 { "" } else { "s" }
    )?;
    for action in &actions {
        match action {
            Action::Create { row, project, .. } => {
                writeln!(out, "  + create {} (row {row})", project.id)?;
                writeln!(
                    out,
                    "      {} · {} · owner {} · due {}",
                    project.client, project.project, project.owner, project.due
                )?;
            }
            Action::Update {
                row,
                project,
                changes,
                ..
            } => {
                writeln!(out, "  ~ update {} (row {row})", project.id)?;
                for c in changes {
                    writeln!(out, "      {}: {} → {}", c.field, c.before, c.after)?;
                }
            }
        }
    }
    if let Some(sheet) = &sheet {
        for i in &sheet.ignored {
            writeln!(out, "  ignored column {i}")?;
        }
    }
    for e in &errors {
        writeln!(out, "  ! {e}")?;
    }
    let creates = actions
        .iter()
        .filter(|a| matches!(a, Action::Create { .. }))
        .count();
    let updates = actions.len() - creates;
    if !errors.is_empty() {
        writeln!(
            out,
            "plan: {} error{}; nothing was written (fix the sheet and run again)",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )?;
        return Ok(Exit::Findings);
    }
    writeln!(
        out,
        "plan: {creates} to create, {updates} to update, {unchanged} unchanged"
    )?;
    if !a.apply {
        if !actions.is_empty() {
            writeln!(
                out,
                "dry run: nothing was written; run again with --apply to write these changes"
            )?;
        }
        return Ok(Exit::Ok);
    }
    for action in &actions {
        match action {
            Action::Create {
                project,
                text,
                path,
                ..
            } => save_project(path, text, project, config, Expect::New)?,
            Action::Update {
                project,
                text,
                path,
                fingerprint,
                ..
            } => save_project(path, text, project, config, Expect::Unchanged(fingerprint))?,
        }
    }
    writeln!(out, "applied: created {creates}, updated {updates}")?;
    Ok(Exit::Ok)
}
