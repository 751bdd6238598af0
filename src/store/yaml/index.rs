//! Where things are in a YAML file: the line and column of every key and
//! list item of the block structure, found by a line scanner.
//!
//! The parser crate gives no positions for values, so this scanner reads the
//! indentation structure that people and `tracker` write: block mappings,
//! block sequences (indented or not), flow values on one line, block scalars.
//! Paths are dotted: `status`, `milestones.2.due`. Positions are 0-based
//! byte offsets internally; [`Index::position`] turns them into 1-based
//! line/column for diagnostics.

/// A key found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPos {
    /// Dotted path of the key.
    pub path: String,
    /// 0-based line.
    pub line: usize,
    /// Byte offset of the key in its line.
    pub key_col: usize,
    /// Byte offset where the value starts (the end of the line when empty).
    pub value_start: usize,
    /// Byte offset just past the value, before any inline comment.
    pub value_end: usize,
    /// The value is empty on this line, so a nested block follows.
    pub opens_block: bool,
    /// Last line of the value: a quoted scalar may go on over later lines.
    pub value_last_line: usize,
    /// The value is a block scalar (`|`, `>`): its lines are all text.
    pub block_scalar: bool,
}

/// A list item found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPos {
    /// Dotted path of the item (`milestones.0`).
    pub path: String,
    /// 0-based line of the dash.
    pub line: usize,
    /// Byte offset of the dash.
    pub dash_col: usize,
    /// Byte offset of the item's content after the dash.
    pub content_col: usize,
}

/// Positions of every key and item of one file.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Keys in file order.
    pub keys: Vec<KeyPos>,
    /// Items in file order.
    pub items: Vec<ItemPos>,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Map,
    Seq,
}

struct Frame {
    col: usize,
    kind: Kind,
    path: String,
    /// Path a nested container opened below this frame belongs to.
    child: Option<String>,
    /// Items seen so far (sequences).
    count: usize,
}

fn join(parent: &str, seg: &str) -> String {
    if parent.is_empty() {
        seg.to_string()
    } else {
        format!("{parent}.{seg}")
    }
}

/// Length in bytes of a mapping key at the start of `rest`, if the text is a
/// `key:` followed by a space or the end of the line.
fn key_len(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let first = *bytes.first()?;
    if first == b'"' || first == b'\'' {
        let close = rest[1..].find(first as char)? + 1;
        let after = &rest[close + 1..];
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        let after = &after[spaces..];
        return after
            .starts_with(':')
            .then_some(close + 1 + spaces)
            .filter(|_| {
                after.len() == 1 || after[1..].starts_with(' ') || after[1..].starts_with('\t')
            });
    }
    if b"#[]{},&*!|>%@`-?".contains(&first)
        && !(first == b'-' && bytes.len() > 1 && bytes[1] != b' ')
    {
        return None;
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':'
            && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\t')
        {
            return (i > 0).then_some(i);
        }
        if bytes[i] == b'#' && i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            return None;
        }
        i += 1;
    }
    None
}

/// Byte offset just past the value that starts at `start`, before an inline
/// comment and trailing spaces. Quotes are honoured, so `"a #b"` is one value.
pub fn value_end(line: &str, start: usize) -> usize {
    let bytes = line.as_bytes();
    // In a plain scalar a quote is just a character; only a quoted scalar
    // or a flow collection (`[a, "b # c"]`) opens quotes.
    let flow = matches!(bytes.get(start), Some(b'[' | b'{'));
    let mut i = start;
    let mut quote: Option<u8> = None;
    let mut end = start;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => {
                if b == b'#' && (i == start || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
                    break;
                }
                if (b == b'"' || b == b'\'')
                    && (i == start || (flow && b"[{, ".contains(&bytes[i - 1])))
                {
                    quote = Some(b);
                }
            }
        }
        if !(b == b' ' || b == b'\t') || quote.is_some() {
            end = (i + 1).min(bytes.len());
        }
        i += 1;
    }
    end
}

/// Whether a quoted scalar (quote `q`) closes in `line` from byte `from`.
fn closes_quote(line: &str, from: usize, q: u8) -> bool {
    let bytes = line.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if q == b'"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == q {
            if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return true;
        }
        i += 1;
    }
    false
}

impl Index {
    /// Scans `text` (lines split on `\n`, a trailing `\r` ignored).
    pub fn build(text: &str) -> Index {
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        Index::build_lines(&lines)
    }

    /// Scans lines that have already been split.
    pub fn build_lines<S: AsRef<str>>(lines: &[S]) -> Index {
        let mut index = Index::default();
        let mut stack = vec![Frame {
            col: 0,
            kind: Kind::Map,
            path: String::new(),
            child: None,
            count: 0,
        }];
        let mut block_scalar_of: Option<usize> = None;
        // A quoted value still open at the end of its line, and its quote.
        let mut open_quote: Option<u8> = None;
        for (n, line) in lines.iter().enumerate() {
            let line = line.as_ref();
            if let Some(q) = open_quote {
                if let Some(k) = index.keys.last_mut() {
                    k.value_last_line = n;
                }
                if closes_quote(line, 0, q) {
                    open_quote = None;
                }
                continue;
            }
            let trimmed = line.trim_start_matches(' ');
            let indent = line.len() - trimmed.len();
            if let Some(col) = block_scalar_of {
                if trimmed.is_empty() || indent > col {
                    continue;
                }
                block_scalar_of = None;
            }
            if trimmed.is_empty()
                || trimmed.starts_with('#')
                || (indent == 0 && (line.starts_with("---") || line.starts_with("...")))
            {
                continue;
            }
            let mut col = indent;
            // Sequence items, possibly several on one line (`- - x`).
            while line[col..].starts_with("- ") || &line[col..] == "-" {
                while stack.len() > 1 && {
                    let top = stack.last().expect("stack holds the root");
                    top.col > col
                        || (top.col == col
                            && top.kind == Kind::Map
                            && stack.len() > 1
                            && top.child.is_none())
                } {
                    stack.pop();
                }
                let top = stack.last_mut().expect("stack holds the root");
                if !(top.kind == Kind::Seq && top.col == col) {
                    let path = top.child.clone().unwrap_or_else(|| "?".into());
                    stack.push(Frame {
                        col,
                        kind: Kind::Seq,
                        path,
                        child: None,
                        count: 0,
                    });
                }
                let top = stack.last_mut().expect("just pushed");
                let path = join(&top.path, &top.count.to_string());
                top.count += 1;
                top.child = Some(path.clone());
                let after = &line[col + 1..];
                let content_col = col + 1 + (after.len() - after.trim_start_matches(' ').len());
                index.items.push(ItemPos {
                    path,
                    line: n,
                    dash_col: col,
                    content_col,
                });
                col = content_col;
                if col >= line.len() {
                    break;
                }
            }
            let rest = &line[col..];
            let Some(klen) = key_len(rest) else { continue };
            while stack.len() > 1 && {
                let top = stack.last().expect("stack holds the root");
                top.col > col || (top.col == col && top.kind == Kind::Seq)
            } {
                stack.pop();
            }
            let top = stack.last_mut().expect("stack holds the root");
            if !(top.kind == Kind::Map && top.col == col) {
                let path = top.child.clone().unwrap_or_else(|| "?".into());
                stack.push(Frame {
                    col,
                    kind: Kind::Map,
                    path,
                    child: None,
                    count: 0,
                });
            }
            let top = stack.last_mut().expect("just pushed");
            let raw_key = &rest[..klen];
            let key = raw_key.trim_end().trim_matches(|c| c == '"' || c == '\'');
            let path = join(&top.path, key);
            let after_colon = col + klen + 1;
            let value_start =
                after_colon + (line[after_colon..].len() - line[after_colon..].trim_start().len());
            let end = value_end(line, value_start);
            let opens_block = end == value_start;
            top.child = opens_block.then(|| path.clone());
            let value = &line[value_start..end];
            let block_scalar = value.starts_with('|') || value.starts_with('>');
            if block_scalar {
                block_scalar_of = Some(col);
            }
            if let Some(q @ (b'"' | b'\'')) = value.bytes().next()
                && !closes_quote(line, value_start + 1, q)
            {
                open_quote = Some(q);
            }
            index.keys.push(KeyPos {
                path,
                line: n,
                key_col: col,
                value_start,
                value_end: end,
                opens_block,
                value_last_line: n,
                block_scalar,
            });
        }
        index
    }

    /// The first key with this path.
    pub fn key(&self, path: &str) -> Option<&KeyPos> {
        self.keys.iter().find(|k| k.path == path)
    }

    /// The item with this path.
    pub fn item(&self, path: &str) -> Option<&ItemPos> {
        self.items.iter().find(|i| i.path == path)
    }

    /// Paths that occur more than once, each with its second occurrence.
    pub fn duplicates(&self) -> Vec<&KeyPos> {
        let mut seen = std::collections::HashSet::new();
        self.keys
            .iter()
            .filter(|k| !seen.insert(k.path.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
# header
client: Acme   # inline
project: \"Web: redesign #1\"
tags: [a, b]
links:
  brief: https://x.example/a#b
milestones:
  - id: one
    name: One
    depends_on: []
  - id: two
    # comment
    status: done
updates:
- date: 2026-11-28
  note: |
    multi
    line: not a key
  by: Marie
budget: 3
";

    #[test]
    fn finds_keys_items_and_values() {
        let idx = Index::build(TEXT);
        let k = idx.key("client").unwrap();
        assert_eq!((k.line, k.key_col), (1, 0));
        assert_eq!(
            &TEXT.lines().nth(1).unwrap()[k.value_start..k.value_end],
            "Acme"
        );
        let p = idx.key("project").unwrap();
        assert_eq!(
            &TEXT.lines().nth(2).unwrap()[p.value_start..p.value_end],
            "\"Web: redesign #1\""
        );
        assert!(idx.key("links").unwrap().opens_block);
        let brief = idx.key("links.brief").unwrap();
        assert_eq!(
            &TEXT.lines().nth(5).unwrap()[brief.value_start..brief.value_end],
            "https://x.example/a#b"
        );
        assert_eq!(idx.key("milestones.1.status").unwrap().line, 12);
        assert_eq!(idx.item("milestones.1").unwrap().content_col, 4);
        assert_eq!(idx.key("updates.0.by").unwrap().line, 18);
        assert!(idx.key("updates.0.line").is_none());
        assert_eq!(idx.key("budget").unwrap().line, 19);
        assert!(idx.duplicates().is_empty());
    }

    #[test]
    fn plain_values_keep_their_comments_and_quoted_values_span_lines() {
        assert_eq!(value_end("owner: Marie 'Mimi # c", 7), 18);
        let idx =
            Index::build("goal: \"Cut cost\nhealth: red\"\nhealth: yellow\n\"due\" : 2026-01-01\n");
        assert!(idx.duplicates().is_empty());
        assert_eq!(idx.key("goal").unwrap().value_last_line, 1);
        assert_eq!(idx.key("health").unwrap().line, 2);
        assert_eq!(idx.key("due").unwrap().line, 3);
    }

    #[test]
    fn finds_duplicates() {
        let idx = Index::build("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
        let dups: Vec<_> = idx
            .duplicates()
            .iter()
            .map(|k| (k.path.clone(), k.line))
            .collect();
        assert_eq!(dups, vec![("b.c".to_string(), 3), ("a".to_string(), 4)]);
    }

    #[test]
    fn value_end_skips_comments_outside_quotes() {
        assert_eq!(value_end("a: x # c", 3), 4);
        assert_eq!(value_end("a: 'it''s # not' # c", 3), 16);
        assert_eq!(value_end("a: [x, \"y # z\"]  # c", 3), 15);
        assert_eq!(value_end("a:", 2), 2);
    }
}
