//! `tracker init`: a new tracker folder, optionally with the sample portfolio.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;

use super::{Context, Exit};
use crate::store::discover::{CONFIG_FILE, LOCK_FILE};
use crate::store::write::write_simple;

include!(concat!(env!("OUT_DIR"), "/example.rs"));

/// The settings file of a new tracker: every key, commented.
const TEMPLATE: &str = "\
# tracker settings; see docs/file-format.md
projects_dir: projects
clients_dir: clients
# A project is due soon when its due date is at most this many days away.
due_soon_days: 3
# A project is stale when its last update is more than this many days old.
stale_days: 7
# Uncomment to make an unknown owner an error:
# owners: [Marie Dupont, Karim Benali]
# Custom top-level project fields and their types (text, number, date, bool, list):
# fields: {budget: number, channel: text}
check: {fail_on: [overdue, red]}
";

/// Flags of `tracker init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the tracker in [default: --dir, else the current folder]
    pub path: Option<PathBuf>,
    /// Add the sample portfolio (Northwind Digital: 13 clients, 34 projects)
    #[arg(long)]
    pub example: bool,
}

/// Runs `tracker init`.
pub fn run(
    ctx: &Context,
    global_dir: Option<&Path>,
    a: &InitArgs,
    out: &mut dyn Write,
) -> Result<Exit> {
    let cwd = std::env::current_dir().context("could not read the current folder")?;
    let dir = match (&a.path, global_dir) {
        (Some(p), _) => cwd.join(p),
        (None, Some(d)) => cwd.join(d),
        (None, None) => cwd.clone(),
    };
    let shown = a
        .path
        .clone()
        .or_else(|| global_dir.map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        bail!(
            "`{}` already exists; this folder is already a tracker",
            shown.join(CONFIG_FILE).display()
        );
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("could not create `{}`", dir.display()))?;
    for sub in ["projects", "clients"] {
        let d = dir.join(sub);
        std::fs::create_dir_all(&d)
            .with_context(|| format!("could not create `{}`", d.display()))?;
        let keep = d.join(".gitkeep");
        if !keep.exists() {
            write_simple(&keep, "")?;
        }
    }
    let settings = if a.example {
        example_file(CONFIG_FILE).unwrap_or(TEMPLATE)
    } else {
        TEMPLATE
    };
    write_simple(&config, settings)?;
    let gitignore = dir.join(".gitignore");
    let current = std::fs::read_to_string(&gitignore).unwrap_or_default();
    if !current.lines().any(|l| l.trim() == LOCK_FILE) {
        let mut text = current.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(LOCK_FILE);
        text.push('\n');
        write_simple(&gitignore, &text)?;
    }
    let mut written = 0;
    if a.example {
        for (rel, text) in EXAMPLE.iter().filter(|(rel, _)| *rel != CONFIG_FILE) {
            write_simple(&dir.join(rel), text)?;
            written += 1;
        }
    }
    writeln!(out, "created a tracker in `{}`", shown.display())?;
    if a.example {
        writeln!(
            out,
            "  with the sample portfolio: {written} files (its reference day is 2026-12-07)"
        )?;
    }
    let _ = ctx;
    writeln!(
        out,
        "next: tracker add --client \"Acme Corp\" --project \"Website redesign\" --owner \"Marie Dupont\" --due +2w"
    )?;
    Ok(Exit::Ok)
}

fn example_file(rel: &str) -> Option<&'static str> {
    EXAMPLE.iter().find(|(r, _)| *r == rel).map(|(_, t)| *t)
}
