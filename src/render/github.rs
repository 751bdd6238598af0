//! GitHub Actions workflow commands (`::error file=…,line=…::message`) and the
//! Markdown job summary. GitHub shows at most 10 error and 10 warning
//! annotations per step, so only the most severe of each are emitted,
//! followed by one notice with the totals.

use std::io::{self, Write};

use crate::model::{Diagnostic, Severity};

/// Annotations GitHub shows per step and kind.
pub const LIMIT: usize = 10;

/// Escapes the message of a workflow command, as GitHub's toolkit does.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file`, `title`): also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line for a diagnostic, titled `title`.
pub fn annotation(d: &Diagnostic, title: &str) -> String {
    let kind = if d.severity == Severity::Error {
        "error"
    } else {
        "warning"
    };
    let mut props = vec![format!(
        "file={}",
        escape_property(&d.path.to_string_lossy().replace('\\', "/"))
    )];
    if let Some(line) = d.line {
        props.push(format!("line={line}"));
        props.push(format!("col={}", d.col));
    }
    props.push(format!("title={}", escape_property(title)));
    format!("::{kind} {}::{}", props.join(","), escape_data(&d.message))
}

/// Writes the annotations of `items` (already most severe first): at most
/// [`LIMIT`] errors and [`LIMIT`] warnings, then a notice with the totals
/// when some were left out.
pub fn annotations(
    out: &mut dyn Write,
    items: &[(&Diagnostic, String)],
    what: &str,
) -> io::Result<()> {
    let errors = items.iter().filter(|(d, _)| d.is_error()).count();
    let warnings = items.len() - errors;
    for severity in [Severity::Error, Severity::Warning] {
        for (d, title) in items
            .iter()
            .filter(|(d, _)| d.severity == severity)
            .take(LIMIT)
        {
            writeln!(out, "{}", annotation(d, title))?;
        }
    }
    if errors > LIMIT || warnings > LIMIT {
        let msg = format!(
            "{} {what} in total: {errors} error{}, {warnings} warning{}; showing the {LIMIT} most severe of each",
            errors + warnings,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        );
        writeln!(
            out,
            "::notice title={}::{}",
            escape_property("tracker"),
            escape_data(&msg)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
