//! Diagnostics, rendered like a compiler's: the long form with the source
//! line and a caret, or one line per problem (`path:line:col: error: message`).

use std::io::{self, Write};

use crate::model::{Diagnostic, Severity};

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn paint(color: bool, style: &str, text: &str) -> String {
    if color {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

fn location(d: &Diagnostic) -> String {
    match d.line {
        Some(line) => format!("{}:{}:{}", d.path.display(), line, d.col),
        None => d.path.display().to_string(),
    }
}

/// `error` or `warning`, in its colour.
fn label(d: &Diagnostic, color: bool) -> String {
    let style = if d.severity == Severity::Error {
        RED
    } else {
        YELLOW
    };
    paint(color, style, d.severity.as_str())
}

/// The long form:
///
/// ```text
/// error[unknown-status]: unknown status `blokced`
///   --> projects/acme-web.yaml:4:9
///    |
///  4 | status: blokced
///    |         ^^^^^^^
///    = help: expected one of …
/// ```
pub fn long(out: &mut dyn Write, d: &Diagnostic, color: bool) -> io::Result<()> {
    let head = format!("{}[{}]", d.severity.as_str(), d.code);
    let style = if d.severity == Severity::Error {
        RED
    } else {
        YELLOW
    };
    writeln!(
        out,
        "{}{}",
        paint(color, style, &head),
        paint(color, BOLD, &format!(": {}", d.message))
    )?;
    let gutter = d.line.map_or(1, |l| l.to_string().len());
    let pad = " ".repeat(gutter);
    writeln!(out, "{pad}{} {}", paint(color, BLUE, "-->"), location(d))?;
    if let (Some(line), Some(src)) = (d.line, &d.source) {
        let bar = paint(color, BLUE, "|");
        writeln!(out, "{pad} {bar}")?;
        writeln!(
            out,
            "{} {bar} {}",
            paint(color, BLUE, &line.to_string()),
            src.replace('\t', " ")
        )?;
        let caret = format!(
            "{}{}",
            " ".repeat(d.col.saturating_sub(1)),
            "^".repeat(d.len.max(1))
        );
        writeln!(out, "{pad} {bar} {}", paint(color, style, &caret))?;
    }
    if let Some(help) = &d.help {
        writeln!(out, "{pad} {} help: {help}", paint(color, BLUE, "="))?;
    }
    writeln!(out)
}

/// The brief form: `path:line:col: error: message`.
pub fn brief(out: &mut dyn Write, d: &Diagnostic, color: bool) -> io::Result<()> {
    writeln!(out, "{}: {}: {}", location(d), label(d, color), d.message)
}

/// The closing line of `validate`: `checked 34 files: 2 errors, 1 warning`.
pub fn summary(files: usize, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {}: {}, {}",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
