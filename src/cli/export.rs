//! `tracker export`: all data, for spreadsheets and scripts, as CSV
//! (Google Sheets, Excel), JSON or an XLSX workbook.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use super::{Context, Exit, FilterArgs, warn_broken};
use crate::render::{self, View, csv::Dialect};
use crate::store::write::write_output;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// CSV: id, the canonical fields, custom fields, then derived columns.
    Csv,
    /// Versioned JSON with milestones and updates.
    Json,
    /// An Excel workbook (needs --out): Projects, Milestones and Updates sheets.
    Xlsx,
}

/// Flags of `tracker export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start the CSV with a byte-order mark, for Excel on Windows
    #[arg(long)]
    pub bom: bool,
    /// CSV field separator: `,` (default), `;` for European Excel, or `tab`
    #[arg(long, value_name = "CHAR", default_value = ",")]
    pub delimiter: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

fn delimiter(s: &str) -> Result<u8> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        s if s.len() == 1 && matches!(s.as_bytes()[0], b',' | b';' | b'|') => Ok(s.as_bytes()[0]),
        _ => bail!("--delimiter: expected `,`, `;`, `|` or `tab`, found `{s}`"),
    }
}

/// Runs `tracker export`.
pub fn run(ctx: &Context, a: &ExportArgs, out: &mut dyn Write) -> Result<Exit> {
    let dialect = Dialect {
        delimiter: delimiter(&a.delimiter)?,
        bom: a.bom,
    };
    if a.format == Format::Xlsx && a.out.is_none() {
        bail!("--format xlsx writes a binary workbook: give --out FILE, e.g. --out projects.xlsx");
    }
    let filter = a.filters.resolve(ctx)?;
    let portfolio = ctx.load()?;
    let chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    let rows = render::rows(&chosen, &portfolio.config, ctx.today);
    let view = View {
        config: &portfolio.config,
        today: ctx.today,
        color: false,
    };
    let mut bytes = Vec::new();
    match a.format {
        Format::Csv => render::csv::projects_in(&mut bytes, &rows, &view, dialect)?,
        Format::Json => render::json::projects(&mut bytes, &rows, &view)?,
        Format::Xlsx => bytes = render::xlsx::workbook(&rows, &view)?,
    }
    match &a.out {
        Some(path) => {
            write_output(path, &bytes)?;
            eprintln!(
                "wrote {} project{} to {}",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" },
                path.display()
            );
        }
        None => out.write_all(&bytes)?,
    }
    out.flush()?;
    Ok(warn_broken(ctx, &portfolio))
}
