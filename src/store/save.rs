//! Saving a project: the new text is written atomically only if it reads
//! back as exactly the record the command meant to write.

use std::path::Path;

use anyhow::{Result, bail};

use super::load::parse_project;
use super::write::{Expect, write_atomic};
use crate::model::{Config, Project};

/// Writes `text` to `path` if it parses to `intended` under `config`.
pub fn save_project(
    path: &Path,
    text: &str,
    intended: &Project,
    config: &Config,
    expect: Expect<'_>,
) -> Result<()> {
    write_atomic(path, text, expect, |t| {
        match parse_project(t, &intended.id, config) {
            Ok(p) if &p == intended => Ok(()),
            Ok(p) => bail!(
                "the edited file would not read back as intended (`{}` would differ); nothing was written",
                first_difference(&p, intended)
            ),
            Err(diags) => {
                let first = diags
                    .iter()
                    .find(|d| d.is_error())
                    .map_or_else(String::new, |d| {
                        format!(" (line {}: {})", d.line.unwrap_or(1), d.message)
                    });
                bail!("the edited file would not load{first}; nothing was written")
            }
        }
    })
}

/// The first field in which two records differ, for refusal messages.
pub fn first_difference(a: &Project, b: &Project) -> &'static str {
    let fields: [(&'static str, bool); 17] = [
        ("client", a.client != b.client),
        ("project", a.project != b.project),
        ("stage", a.stage != b.stage),
        ("status", a.status != b.status),
        ("health", a.health != b.health),
        ("owner", a.owner != b.owner),
        ("goal", a.goal != b.goal),
        ("created", a.created != b.created),
        ("start", a.start != b.start),
        ("due", a.due != b.due),
        ("blocked_reason", a.blocked_reason != b.blocked_reason),
        ("tags", a.tags != b.tags),
        ("links", a.links != b.links),
        ("milestones", a.milestones != b.milestones),
        ("updates", a.updates != b.updates),
        ("custom fields", a.custom != b.custom),
        ("id", a.id != b.id),
    ];
    fields
        .iter()
        .find(|(_, differs)| *differs)
        .map_or("nothing", |(name, _)| name)
}
