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
            Ok(_) => bail!("the edited file would not read back as intended; nothing was written"),
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
