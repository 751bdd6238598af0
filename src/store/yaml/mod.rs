//! All YAML parsing and writing lives here, so the YAML crate can be swapped
//! in this one module.
//!
//! - [`parse`] turns text into a [`Node`] tree that the rest of the crate reads
//!   (no `serde_yaml` type escapes this module);
//! - [`index`] finds the line and column of every key and list item, for
//!   diagnostics and for surgical edits;
//! - [`emit`] writes canonical YAML with exactly the quoting a YAML 1.1 or 1.2
//!   reader needs;
//! - [`edit`] changes single lines of an existing file, keeping everything else.

pub mod edit;
pub mod emit;
pub mod index;

/// A parsed YAML value, independent of the parser crate.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `~`, `null` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as the parser printed it.
    Number(String),
    /// A string.
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping with string keys, in file order.
    Map(Vec<(String, Node)>),
    /// Something the tracker never accepts (a tagged value, a complex key).
    Other(&'static str),
}

impl Node {
    /// What kind of value this is, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
            Node::Other(what) => what,
        }
    }
}

/// A file that is not valid YAML, with the position the parser gave.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// What went wrong, lowercase.
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub col: Option<usize>,
}

/// Parses one YAML document.
///
/// The parser bounds recursion depth and alias expansion, so deeply nested
/// files and alias bombs come back as errors rather than exhausting memory.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the position is reported apart.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        if let Some(rest) = message.strip_prefix(": ") {
            message = rest.to_string();
        }
        let (mut line, mut col) = (
            loc.as_ref().map(|l| l.line()),
            loc.as_ref().map(|l| l.column()),
        );
        if message.contains("repetition limit exceeded") {
            message =
                "too many aliases: the file expands far beyond its size (an alias bomb)".into();
            if let Some((l, c)) = first_alias(text) {
                (line, col) = (Some(l), Some(c));
            }
        } else if let Some(at) = message.find("at position ") {
            // Reader errors (control characters, bad encoding) give a byte
            // offset only; turn it into a line and column.
            let digits: String = message[at + 12..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(offset) = digits.parse::<usize>() {
                let mut end = offset.min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let before = &text[..end];
                let l = before.matches('\n').count() + 1;
                let c = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
                (line, col) = (Some(l), Some(c));
                message.truncate(at);
                message = message.trim_end().to_string();
            }
        } else if message.contains("recursion limit exceeded") {
            message = "values are nested too deeply".into();
        }
        ParseError { message, line, col }
    })?;
    Ok(convert(value))
}

/// 1-based line and column of the first alias (`*name`) in the text.
fn first_alias(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let b = l.as_bytes();
        (1..b.len())
            .find(|&j| {
                b[j] == b'*'
                    && b"[ ,{".contains(&b[j - 1])
                    && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric)
            })
            .map(|j| (i + 1, l[..j].chars().count() + 1))
    })
}

fn convert(value: serde_yaml::Value) -> Node {
    use serde_yaml::Value;
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => Node::Number(n.to_string()),
        Value::String(s) => Node::String(s),
        Value::Sequence(items) => Node::Seq(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => {
            let mut out = Vec::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => "~".to_string(),
                    _ => return Node::Other("a mapping with a complex key"),
                };
                out.push((key, convert(v)));
            }
            Node::Map(out)
        }
        Value::Tagged(_) => Node::Other("a tagged value"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_that_look_like_other_things_stay_text_when_quoted() {
        let n = parse("a: \"no\"\nb: \"0123\"\nc: \"12:30\"\n").unwrap();
        assert_eq!(
            n,
            Node::Map(vec![
                ("a".into(), Node::String("no".into())),
                ("b".into(), Node::String("0123".into())),
                ("c".into(), Node::String("12:30".into())),
            ])
        );
    }

    #[test]
    fn errors_carry_positions() {
        let e = parse("a: [1,\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(!e.message.contains(" at line "));
    }

    #[test]
    fn reader_errors_get_a_line() {
        let e = parse("a: 1\nb: x\u{1}y\n").unwrap_err();
        assert_eq!((e.line, e.col), (Some(2), Some(5)), "{e:?}");
        assert!(!e.message.contains("position"), "{}", e.message);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            text.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = name;
        }
        assert!(parse(&text).is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&text).is_err());
    }
}
