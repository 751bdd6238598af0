//! A problem found in the data: a value, not an error, so every file can be
//! checked in one run and every problem reported.

use std::path::PathBuf;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A soft rule: reported, never fails `validate`.
    Warning,
    /// The file cannot be used as it is.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem at one place of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Short stable code, e.g. `unknown-status`.
    pub code: &'static str,
    /// What is wrong, lowercase, values in backticks.
    pub message: String,
    /// The file, as the user would open it.
    pub path: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub col: usize,
    /// Length of the offending text, in characters (at least 1 for the caret).
    pub len: usize,
    /// The text of the offending line.
    pub source: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// Whether this is an error (rather than a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
