//! Canonical YAML: the project record in canonical key order, two-space
//! indentation, ISO dates, and a string quoted exactly when a YAML 1.1 reader
//! (PyYAML, Ruby's Psych) or a YAML 1.2 reader could take it for something
//! other than that string.

use chrono::NaiveDate;

use crate::model::{FieldValue, Milestone, Project, Update};

/// Words that YAML 1.1 resolves to booleans or null, compared case-insensitively.
const RESERVED: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
];

/// Characters YAML allows unescaped (its printable set), less the line and
/// byte-order marks that some readers treat specially.
fn plain_safe(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        ))
}

/// Whether a plain (unquoted) scalar would be read back as something else.
pub fn needs_quotes(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    if s.trim() != s || s.chars().any(|c| !plain_safe(c)) {
        return true;
    }
    if "#&*!|>'\"%@`,[]{}".contains(first) {
        return true;
    }
    if matches!(first, '-' | '?' | ':') && (s.len() == 1 || s[1..].starts_with(' ')) {
        return true;
    }
    if s.contains(": ") || s.ends_with(':') || s.contains(" #") {
        return true;
    }
    let lower = s.to_lowercase();
    if RESERVED.contains(&lower.as_str()) || s == "<<" || s == "=" {
        return true;
    }
    looks_numeric(&lower) || looks_like_date(s)
}

/// Integers, floats, hex/octal/binary, sexagesimal (`12:30`), `.inf`, `.nan`
/// and anything made of their characters: quoting one that is not really a
/// number is harmless, leaving a real one bare is not.
fn looks_numeric(lower: &str) -> bool {
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, ".inf" | ".nan") {
        return true;
    }
    let first = lower.chars().next().unwrap_or(' ');
    (first.is_ascii_digit() || "+-.".contains(first))
        && lower.chars().any(|c| c.is_ascii_digit())
        && lower
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "_.:+-xob".contains(c))
}

/// `2026-12-03`, `2026-1-5 10:00`: YAML 1.1 timestamps.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5].is_ascii_digit()
}

/// A string as a YAML scalar in block context: plain when safe, else double-quoted.
pub fn scalar(s: &str) -> String {
    if needs_quotes(s) {
        quoted(s)
    } else {
        s.to_string()
    }
}

/// A string as an item of a flow sequence, where `,[]{}:#` also matter, and
/// `?` (a key indicator there, and a scalar end for PyYAML).
pub fn flow_scalar(s: &str) -> String {
    if needs_quotes(s) || s.contains([',', '[', ']', '{', '}', ':', '#', '?']) {
        quoted(s)
    } else {
        s.to_string()
    }
}

/// A double-quoted scalar with every special character escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if !plain_safe(c) => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A flow sequence: `[seo, "q4, late"]`.
pub fn flow_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| flow_scalar(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// A custom field value as it is written after its key.
pub fn field_value(v: &FieldValue) -> String {
    match v {
        FieldValue::Text(s) => scalar(s),
        FieldValue::Number(n) => n.clone(),
        FieldValue::Date(d) => d.to_string(),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::List(items) => flow_list(items),
    }
}

/// Accumulates `key: value` lines.
struct Out(String);

impl Out {
    fn kv(&mut self, indent: &str, key: &str, value: &str) {
        self.0.push_str(indent);
        self.0.push_str(key);
        self.0.push_str(": ");
        self.0.push_str(value);
        self.0.push('\n');
    }

    fn opt_str(&mut self, indent: &str, key: &str, value: Option<&String>) {
        if let Some(v) = value {
            self.kv(indent, key, &scalar(v));
        }
    }

    fn opt_date(&mut self, indent: &str, key: &str, value: Option<NaiveDate>) {
        if let Some(d) = value {
            self.kv(indent, key, &d.to_string());
        }
    }
}

/// The body of a `links:` block: `  name: url` lines.
pub fn links_block(links: &[(String, String)]) -> String {
    let mut out = Out(String::new());
    for (k, v) in links {
        out.kv("  ", &scalar(k), &scalar(v));
    }
    out.0
}

/// The lines of one update entry as a list item (`  - date: …`), each ending
/// in `\n`. `dash` is the indentation of the dash.
pub fn update_item(u: &Update, dash: usize) -> String {
    let mut out = Out(String::new());
    let pad = " ".repeat(dash + 2);
    let mut first = true;
    let mut push = |out: &mut Out, key: &str, value: String| {
        let indent = if first {
            format!("{}- ", " ".repeat(dash))
        } else {
            pad.clone()
        };
        first = false;
        out.kv(&indent, key, &value);
    };
    push(&mut out, "date", u.date.to_string());
    if let Some(v) = &u.by {
        push(&mut out, "by", scalar(v));
    }
    if let Some(v) = u.health {
        push(&mut out, "health", v.to_string());
    }
    if let Some(v) = u.status {
        push(&mut out, "status", v.to_string());
    }
    if let Some(v) = u.stage {
        push(&mut out, "stage", v.to_string());
    }
    if let Some(v) = &u.owner {
        push(&mut out, "owner", scalar(v));
    }
    if let Some(v) = u.due {
        push(&mut out, "due", v.to_string());
    }
    if let Some(v) = &u.blocked_reason {
        push(&mut out, "blocked_reason", scalar(v));
    }
    if let Some(v) = &u.milestone {
        push(&mut out, "milestone", scalar(v));
    }
    if let Some(v) = &u.note {
        push(&mut out, "note", scalar(v));
    }
    if let Some(v) = u.internal {
        push(&mut out, "internal", v.to_string());
    }
    out.0
}

fn milestone_item(m: &Milestone, out: &mut Out) {
    out.kv("  - ", "id", &scalar(&m.id));
    let pad = "    ";
    out.kv(pad, "name", &scalar(&m.name));
    out.opt_str(pad, "owner", m.owner.as_ref());
    out.opt_date(pad, "start", m.start);
    out.opt_date(pad, "due", m.due);
    if let Some(s) = m.status {
        out.kv(pad, "status", s.as_str());
    }
    if !m.depends_on.is_empty() {
        out.kv(pad, "depends_on", &flow_list(&m.depends_on));
    }
    out.opt_str(pad, "every", m.every.as_ref());
}

/// A whole project file in canonical form.
pub fn project(p: &Project) -> String {
    let mut out = Out(String::new());
    out.kv("", "client", &scalar(&p.client));
    out.kv("", "project", &scalar(&p.project));
    out.kv("", "stage", p.stage.as_str());
    out.kv("", "status", p.status.as_str());
    out.kv("", "health", p.health.as_str());
    out.kv("", "owner", &scalar(&p.owner));
    out.opt_str("", "goal", p.goal.as_ref());
    out.opt_date("", "created", p.created);
    out.opt_date("", "start", p.start);
    out.kv("", "due", &p.due.to_string());
    out.opt_str("", "blocked_reason", p.blocked_reason.as_ref());
    if !p.tags.is_empty() {
        out.kv("", "tags", &flow_list(&p.tags));
    }
    if !p.links.is_empty() {
        out.0.push_str("links:\n");
        out.0.push_str(&links_block(&p.links));
    }
    if !p.milestones.is_empty() {
        out.0.push_str("milestones:\n");
        for m in &p.milestones {
            milestone_item(m, &mut out);
        }
    }
    if !p.updates.is_empty() {
        out.0.push_str("updates:\n");
        for u in &p.updates {
            out.0.push_str(&update_item(u, 2));
        }
    }
    for (k, v) in &p.custom {
        out.kv("", k, &field_value(v));
    }
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_exactly_what_readers_would_misread() {
        for s in [
            "no",
            "No",
            "NO",
            "yes",
            "on",
            "off",
            "y",
            "n",
            "true",
            "null",
            "~",
            "0123",
            "12:30",
            "2026-12-03",
            "1e3",
            "0x1f",
            ".inf",
            "-.5",
            "+1",
            "a: b",
            "a #b",
            "*star",
            "&a",
            "!t",
            "%p",
            "@h",
            "`b",
            "'q",
            "\"q",
            "- item",
            "-",
            "?",
            "",
            " lead",
            "trail ",
            "x:",
            "[a]",
            "{a}",
            "#c",
            "|",
            ">",
            "line\nbreak",
            "<<",
            "=",
            "2026-1-5 10:00",
        ] {
            assert!(needs_quotes(s), "{s:?} must be quoted");
        }
        for s in [
            "Acme Corp",
            "Marie Dupont",
            "Société Générale",
            "https://x.example/a#b",
            "q4",
            "Website redesign",
            "a:b",
            "C#",
            "-foo",
            "50% off",
            "e-mail",
            "2026 plan",
            "v1.2 launch",
        ] {
            assert!(!needs_quotes(s), "{s:?} must stay plain");
        }
    }

    #[test]
    fn quoted_escapes() {
        assert_eq!(quoted("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(quoted("\u{1}"), r#""\u0001""#);
    }

    #[test]
    fn flow_items_quote_commas() {
        assert_eq!(
            flow_list(&["seo".into(), "a, b".into(), "no".into()]),
            r#"[seo, "a, b", "no"]"#
        );
    }
}
