//! `tracker validate`: every file checked, every problem printed with its
//! line; exit 1 when there is an error.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Exit};
use crate::render::{diag, github};

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The offending line with a caret under the value, and a hint.
    Long,
    /// One line per problem: `path:line:col: error: message`.
    Brief,
    /// GitHub Actions annotations (`::error file=…,line=…::message`).
    Github,
}

/// Flags of `tracker validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// How to print problems
    #[arg(long, value_enum, default_value_t = Format::Long)]
    pub format: Format,
}

/// Runs `tracker validate`.
pub fn run(ctx: &Context, args: &ValidateArgs, out: &mut dyn Write) -> Result<Exit> {
    let portfolio = ctx.load()?;
    match args.format {
        Format::Long => {
            for d in &portfolio.diagnostics {
                diag::long(out, d, ctx.color)?;
            }
        }
        Format::Brief => {
            for d in &portfolio.diagnostics {
                diag::brief(out, d, ctx.color)?;
            }
        }
        Format::Github => {
            // Errors first, as GitHub shows only the first ten of each kind.
            let mut items: Vec<(&crate::model::Diagnostic, String)> = portfolio
                .diagnostics
                .iter()
                .map(|d| (d, format!("tracker validate: {}", d.code)))
                .collect();
            items.sort_by_key(|(d, _)| !d.is_error());
            github::annotations(out, &items, "problems")?;
        }
    }
    let errors = portfolio.errors().count();
    let warnings = portfolio.diagnostics.len() - errors;
    writeln!(out, "{}", diag::summary(portfolio.files, errors, warnings))?;
    Ok(if errors > 0 { Exit::Findings } else { Exit::Ok })
}
