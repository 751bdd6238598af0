//! JUnit XML for CI systems that read test reports (GitLab, Jenkins, Azure):
//! one `<testcase>` per project and rule, a `<failure>` for a failing match.
//! Only attributes allowed by the common `junit-10.xsd` are written (no
//! `file` on `<testcase>`); the file and line go into the failure text.

use std::io::{self, Write};

/// One test case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// `tracker.<rule>`.
    pub classname: String,
    /// The project id (or file, for `invalid`).
    pub name: String,
    /// A failing match: (message, type, details).
    pub failure: Option<(String, String, String)>,
    /// A warning, reported without failing.
    pub system_out: Option<String>,
}

/// Escapes text for XML, dropping characters XML 1.0 cannot carry.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a `<testsuites>` document with one suite.
pub fn write(out: &mut dyn Write, suite: &str, cases: &[Case]) -> io::Result<()> {
    let failures = cases.iter().filter(|c| c.failure.is_some()).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="{0}" tests="{1}" failures="{2}" errors="0">"#,
        escape(suite),
        cases.len(),
        failures
    )?;
    writeln!(
        out,
        r#"  <testsuite name="{0}" tests="{1}" failures="{2}" errors="0" skipped="0">"#,
        escape(suite),
        cases.len(),
        failures
    )?;
    for c in cases {
        let open = format!(
            r#"    <testcase classname="{}" name="{}""#,
            escape(&c.classname),
            escape(&c.name)
        );
        match (&c.failure, &c.system_out) {
            (None, None) => writeln!(out, "{open}/>")?,
            (failure, system_out) => {
                writeln!(out, "{open}>")?;
                if let Some((message, kind, text)) = failure {
                    writeln!(
                        out,
                        r#"      <failure message="{}" type="{}">{}</failure>"#,
                        escape(message),
                        escape(kind),
                        escape(text)
                    )?;
                }
                if let Some(text) = system_out {
                    writeln!(out, "      <system-out>{}</system-out>", escape(text))?;
                }
                writeln!(out, "    </testcase>")?;
            }
        }
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("<a & 'b'>\u{1}\"c\""),
            "&lt;a &amp; &apos;b&apos;&gt;&quot;c&quot;"
        );
    }
}
