//! Surgical edits of an existing YAML file: change the value on one line,
//! insert a key at its canonical place, append an item to a block list.
//!
//! Every other byte of the file is kept: comments (whole-line and inline),
//! blank lines, key order, quoting style of untouched values, CRLF line ends.
//! The editor does not decide what is correct; the caller re-parses the result
//! and compares it with the record it meant to write.

use super::index::{Index, KeyPos};

/// An edit that cannot be made without rewriting more than a few lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A file as lines, ready for line-level edits.
#[derive(Debug, Clone)]
pub struct Doc {
    lines: Vec<String>,
    crlf: bool,
    final_newline: bool,
    bom: bool,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

impl Doc {
    /// Splits `text` into lines, remembering its line ends.
    pub fn new(text: &str) -> Doc {
        // A byte-order mark is kept, but must not hide the first key.
        let bom = text.starts_with('\u{feff}');
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Line ends as most of the file has them.
        let crlf = text.matches("\r\n").count() * 2 > text.matches('\n').count();
        let mut lines: Vec<String> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
            .collect();
        let final_newline = lines.last().is_some_and(|l| l.is_empty());
        if final_newline {
            lines.pop();
        }
        let final_newline = final_newline || lines.is_empty();
        Doc {
            lines,
            crlf,
            final_newline,
            bom,
        }
    }

    /// The edited text.
    pub fn text(&self) -> String {
        let nl = if self.crlf { "\r\n" } else { "\n" };
        let mut out = if self.bom {
            String::from("\u{feff}")
        } else {
            String::new()
        };
        out.push_str(&self.lines.join(nl));
        if self.final_newline && !self.lines.is_empty() {
            out.push_str(nl);
        }
        out
    }

    fn index(&self) -> Index {
        Index::build_lines(&self.lines)
    }

    /// Last line that belongs to the block of a key or item starting on
    /// `line` at indentation `base`: indented deeper, or list items at the same
    /// indentation when `same_indent_items` (a block sequence written flush
    /// with its key). Trailing blank lines and comments that sit at the
    /// block's own indentation or less belong to what follows, not to it.
    fn block_last(&self, line: usize, base: usize, same_indent_items: bool) -> usize {
        let mut last = line;
        for (i, l) in self.lines.iter().enumerate().skip(line + 1) {
            if is_blank(l) {
                continue;
            }
            let ind = indent_of(l);
            let rest = &l[ind..];
            if is_comment(l) {
                if ind > base {
                    last = i;
                }
                continue;
            }
            let item_here =
                same_indent_items && ind == base && (rest.starts_with("- ") || rest == "-");
            if ind > base || item_here {
                last = i;
            } else {
                break;
            }
        }
        last
    }

    fn key_block_last(&self, k: &KeyPos) -> usize {
        self.block_last(k.line, k.key_col, k.opens_block)
    }

    fn insert_lines(&mut self, at: usize, text: &str) {
        let new: Vec<String> = text
            .trim_end_matches('\n')
            .split('\n')
            .map(str::to_string)
            .collect();
        let n = new.len();
        self.lines.splice(at..at, new);
        if at + n == self.lines.len() {
            self.final_newline = true;
        }
    }

    /// Replaces the value of the key at `k` with `value`, dropping any
    /// continuation lines the old value had (a multi-line or nested value),
    /// but keeping comments among them.
    fn replace_value(&mut self, k: &KeyPos, value: &str) {
        // A block scalar's lines are all text, blank and `#` lines included.
        let last = if k.block_scalar {
            let mut last = k.line;
            for (i, l) in self.lines.iter().enumerate().skip(k.line + 1) {
                if is_blank(l) {
                    continue;
                }
                if indent_of(l) > k.key_col {
                    last = i;
                } else {
                    break;
                }
            }
            last
        } else {
            self.key_block_last(k).max(k.value_last_line)
        };
        let line = &mut self.lines[k.line];
        let tail = line[k.value_end..].to_string();
        let mut new = String::with_capacity(line.len() + value.len());
        new.push_str(&line[..k.value_start]);
        if !new.ends_with(' ') && !value.is_empty() {
            new.push(' ');
        }
        new.push_str(value);
        // `key: # note` with the value on later lines: keep a space before
        // the comment once the value moves onto this line.
        if tail.starts_with('#') && !value.is_empty() {
            new.push(' ');
        }
        new.push_str(&tail);
        *line = new;
        let mut i = last;
        while i > k.line {
            let l = &self.lines[i];
            if k.block_scalar || k.value_last_line >= i || (!is_blank(l) && !is_comment(l)) {
                self.lines.remove(i);
            }
            i -= 1;
        }
    }

    /// Where a new key of the mapping whose keys are `present` belongs, by
    /// `order`: after the block of the nearest earlier key, else before the
    /// first later key (and the comments right above it), else `fallback`.
    fn canonical_slot(
        &self,
        key: &str,
        present: &[&KeyPos],
        order: &[&str],
        fallback: usize,
    ) -> usize {
        let rank = |k: &str| order.iter().position(|o| *o == k);
        let leaf = |k: &KeyPos| k.path.rsplit('.').next().unwrap_or("").to_string();
        let Some(mine) = rank(key) else {
            return fallback;
        };
        let before = present
            .iter()
            .filter_map(|k| rank(&leaf(k)).filter(|r| *r < mine).map(|r| (r, *k)))
            .max_by_key(|(r, _)| *r);
        if let Some((_, k)) = before {
            return self.key_block_last(k) + 1;
        }
        let after = present
            .iter()
            .filter_map(|k| rank(&leaf(k)).filter(|r| *r > mine).map(|r| (r, *k)))
            .min_by_key(|(r, _)| *r);
        if let Some((_, k)) = after {
            let mut at = k.line;
            while at > 0
                && is_comment(&self.lines[at - 1])
                && indent_of(&self.lines[at - 1]) <= k.key_col
            {
                at -= 1;
            }
            return at;
        }
        fallback
    }

    fn end_of_content(&self) -> usize {
        self.lines
            .iter()
            .rposition(|l| !is_blank(l))
            .map_or(0, |i| i + 1)
    }

    /// Sets a top-level key to an inline `value` (already rendered), inserting
    /// it at its canonical place when the file lacks it.
    pub fn set(&mut self, key: &str, value: &str, order: &[&str]) {
        let idx = self.index();
        if let Some(k) = idx.key(key) {
            let k = k.clone();
            self.replace_value(&k, value);
            return;
        }
        let present: Vec<&KeyPos> = idx.keys.iter().filter(|k| !k.path.contains('.')).collect();
        let at = self.canonical_slot(key, &present, order, self.end_of_content());
        self.insert_lines(at, &format!("{key}: {value}"));
    }

    /// Sets a top-level key to a nested block (`body`: its lines, already
    /// indented), replacing what the key held, or inserting it at its
    /// canonical place.
    pub fn set_block(&mut self, key: &str, body: &str, order: &[&str]) {
        let idx = self.index();
        let line = match idx.key(key).cloned() {
            Some(k) => {
                self.replace_value(&k, "");
                let l = &mut self.lines[k.line];
                *l = l.trim_end().to_string();
                // The new entries go below the comments that opened the old
                // block, so `# the brief` stays at the top of `links:`.
                let mut at = k.line;
                while at + 1 < self.lines.len()
                    && is_comment(&self.lines[at + 1])
                    && indent_of(&self.lines[at + 1]) > k.key_col
                {
                    at += 1;
                }
                at
            }
            None => {
                let present: Vec<&KeyPos> =
                    idx.keys.iter().filter(|k| !k.path.contains('.')).collect();
                let at = self.canonical_slot(key, &present, order, self.end_of_content());
                self.insert_lines(at, &format!("{key}:"));
                at
            }
        };
        self.insert_lines(line + 1, body);
    }

    /// Removes a top-level key and its nested lines, comments indented
    /// inside it included (comments at its own indentation are kept). Does
    /// nothing when the key is absent.
    pub fn remove(&mut self, key: &str) {
        let idx = self.index();
        if let Some(k) = idx.key(key) {
            let last = self.key_block_last(k).max(k.value_last_line);
            let first = k.line;
            let mut i = last;
            loop {
                // Comments indented inside the block go with it; comments at
                // the key's own indentation belong to what follows.
                let l = &self.lines[i];
                let inner_comment = is_comment(l) && indent_of(l) > k.key_col;
                if i == first
                    || k.block_scalar
                    || (!is_blank(l) && (!is_comment(l) || inner_comment))
                {
                    self.lines.remove(i);
                }
                if i == first {
                    break;
                }
                i -= 1;
            }
        }
    }

    /// Sets `key` inside item `i` of the top-level list `list` (a milestone).
    pub fn set_in_item(
        &mut self,
        list: &str,
        i: usize,
        key: &str,
        value: &str,
        order: &[&str],
    ) -> Result<(), EditError> {
        let idx = self.index();
        let item_path = format!("{list}.{i}");
        if let Some(k) = idx.key(&format!("{item_path}.{key}")) {
            let k = k.clone();
            self.replace_value(&k, value);
            return Ok(());
        }
        let item = idx
            .item(&item_path)
            .ok_or_else(|| {
                EditError(format!(
                    "`{list}` item {} is not written as a block list item",
                    i + 1
                ))
            })?
            .clone();
        let prefix = format!("{item_path}.");
        let present: Vec<&KeyPos> = idx
            .keys
            .iter()
            .filter(|k| {
                k.path
                    .strip_prefix(&prefix)
                    .is_some_and(|rest| !rest.contains('.'))
            })
            .collect();
        let fallback = self.block_last(item.line, item.dash_col, false) + 1;
        let at = self.canonical_slot(key, &present, order, fallback);
        // Indented like the item's other keys (`-` alone on its line puts
        // them on the lines below, deeper than the dash).
        let indent = present
            .iter()
            .map(|k| k.key_col)
            .min()
            .unwrap_or(item.content_col);
        self.insert_lines(at, &format!("{}{key}: {value}", " ".repeat(indent)));
        Ok(())
    }

    /// Appends an item to the top-level block list `list`, creating the key at
    /// its canonical place when absent. `render` gets the indentation of the
    /// dash (matching the existing items) and returns the item's lines.
    pub fn append_item(
        &mut self,
        list: &str,
        order: &[&str],
        render: impl Fn(usize) -> String,
    ) -> Result<(), EditError> {
        let idx = self.index();
        let Some(k) = idx.key(list).cloned() else {
            let present: Vec<&KeyPos> = idx.keys.iter().filter(|k| !k.path.contains('.')).collect();
            let at = self.canonical_slot(list, &present, order, self.end_of_content());
            self.insert_lines(at, &format!("{list}:\n{}", render(2)));
            return Ok(());
        };
        if !k.opens_block {
            let value = self.lines[k.line][k.value_start..k.value_end]
                .trim()
                .to_string();
            if value != "[]" && value != "~" && value != "null" {
                return Err(EditError(format!(
                    "`{list}` is written on one line (`{value}`); write it as a block list to let tracker append to it"
                )));
            }
            let line = &mut self.lines[k.line];
            let tail = line[k.value_end..].to_string();
            line.truncate(k.value_start);
            let trimmed = line.trim_end().to_string();
            *line = format!("{trimmed}{tail}");
            self.insert_lines(k.line + 1, &render(2));
            return Ok(());
        }
        let first_item = idx.items.iter().find(|i| {
            i.path
                .strip_prefix(list)
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|r| !r.contains('.'))
        });
        let dash = first_item.map_or(2, |i| i.dash_col);
        let at = self.key_block_last(&k) + 1;
        self.insert_lines(at, &render(dash));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &[&str] = &[
        "client",
        "project",
        "status",
        "health",
        "owner",
        "due",
        "blocked_reason",
        "tags",
        "milestones",
        "updates",
    ];

    #[test]
    fn replaces_value_keeping_inline_comment() {
        let mut d = Doc::new("client: A\nhealth: yellow   # worried\nowner: M\n");
        d.set("health", "red", ORDER);
        assert_eq!(d.text(), "client: A\nhealth: red   # worried\nowner: M\n");
    }

    #[test]
    fn inserts_missing_key_in_canonical_place() {
        let mut d = Doc::new("client: A\nstatus: blocked\n\n# the deadline\ndue: 2026-12-01\n");
        d.set("blocked_reason", "legal", ORDER);
        assert_eq!(
            d.text(),
            "client: A\nstatus: blocked\n\n# the deadline\ndue: 2026-12-01\nblocked_reason: legal\n"
        );
        let mut d = Doc::new("# top\nowner: M\n");
        d.set("client", "A", ORDER);
        assert_eq!(d.text(), "client: A\n# top\nowner: M\n");
    }

    #[test]
    fn replaces_multiline_values() {
        let mut d = Doc::new("client: >\n  folded\n  text\n# keep\nowner: M\n");
        d.set("client", "B", ORDER);
        assert_eq!(d.text(), "client: B\n# keep\nowner: M\n");
    }

    #[test]
    fn removing_a_block_takes_its_inner_comments() {
        let mut d = Doc::new("tags:\n  # topics\n  - seo\n# about the due date\ndue: 2026-01-01\n");
        d.remove("tags");
        assert_eq!(d.text(), "# about the due date\ndue: 2026-01-01\n");
    }

    #[test]
    fn removes_key() {
        let mut d = Doc::new("status: blocked\nblocked_reason: legal # why\ndue: 2026-01-01\n");
        d.remove("blocked_reason");
        assert_eq!(d.text(), "status: blocked\ndue: 2026-01-01\n");
    }

    #[test]
    fn appends_to_lists_of_both_indent_styles() {
        let render = |dash: usize| {
            format!(
                "{}- date: 2026-12-03\n{}note: x\n",
                " ".repeat(dash),
                " ".repeat(dash + 2)
            )
        };
        let mut d =
            Doc::new("updates:\n  - date: 2026-11-01\n    note: a\n\n# trailing\nbudget: 3\n");
        d.append_item("updates", ORDER, render).unwrap();
        assert_eq!(
            d.text(),
            "updates:\n  - date: 2026-11-01\n    note: a\n  - date: 2026-12-03\n    note: x\n\n# trailing\nbudget: 3\n"
        );
        let mut d = Doc::new("updates:\n- date: 2026-11-01\n");
        d.append_item("updates", ORDER, render).unwrap();
        assert_eq!(
            d.text(),
            "updates:\n- date: 2026-11-01\n- date: 2026-12-03\n  note: x\n"
        );
        let mut d = Doc::new("client: A\nupdates: [] # none yet\n");
        d.append_item("updates", ORDER, render).unwrap();
        assert_eq!(
            d.text(),
            "client: A\nupdates: # none yet\n  - date: 2026-12-03\n    note: x\n"
        );
        let mut d = Doc::new("client: A\nmilestones:\n  - id: a\nbudget: 1");
        d.append_item("updates", ORDER, render).unwrap();
        assert_eq!(
            d.text(),
            "client: A\nmilestones:\n  - id: a\nupdates:\n  - date: 2026-12-03\n    note: x\nbudget: 1"
        );
        let mut d = Doc::new("updates: [{date: 2026-01-01}]\n");
        assert!(d.append_item("updates", ORDER, render).is_err());
    }

    #[test]
    fn sets_milestone_fields() {
        let text = "milestones:\n  - id: a\n    name: A\n    due: 2026-01-01 # soon\n  - id: b\n    name: B\n    due: 2026-02-01\nupdates: []\n";
        let mut d = Doc::new(text);
        d.set_in_item(
            "milestones",
            0,
            "due",
            "2026-01-15",
            &["id", "name", "due", "status"],
        )
        .unwrap();
        d.set_in_item(
            "milestones",
            1,
            "status",
            "done",
            &["id", "name", "due", "status"],
        )
        .unwrap();
        assert_eq!(
            d.text(),
            "milestones:\n  - id: a\n    name: A\n    due: 2026-01-15 # soon\n  - id: b\n    name: B\n    due: 2026-02-01\n    status: done\nupdates: []\n"
        );
    }

    #[test]
    fn set_block_keeps_leading_comments_on_top() {
        let mut d = Doc::new("links:\n  # the brief\n  a: x\nbudget: 1\n");
        d.set_block("links", "  b: y\n", &["links", "budget"]);
        assert_eq!(d.text(), "links:\n  # the brief\n  b: y\nbudget: 1\n");
    }

    #[test]
    fn sets_blocks() {
        let mut d = Doc::new("client: A\nlinks:\n  a: x # old\n  b: y\nbudget: 1\n");
        d.set_block("links", "  c: z\n", &["client", "links", "budget"]);
        assert_eq!(d.text(), "client: A\nlinks:\n  c: z\nbudget: 1\n");
        let mut d = Doc::new("client: A\nbudget: 1\n");
        d.set_block("links", "  c: z\n", &["client", "links", "budget"]);
        assert_eq!(d.text(), "client: A\nlinks:\n  c: z\nbudget: 1\n");
    }

    #[test]
    fn keeps_bom_and_missing_final_newline() {
        let mut d = Doc::new("\u{feff}client: A\r\nhealth: green");
        d.set("health", "red", ORDER);
        d.set("client", "B", ORDER);
        assert_eq!(d.text(), "\u{feff}client: B\r\nhealth: red");
    }

    #[test]
    fn comment_after_an_open_key_keeps_a_space() {
        let mut d = Doc::new("goal: # why\n  Cut cost\ndue: 2026-01-01\n");
        d.set("goal", "New", ORDER);
        assert_eq!(d.text(), "goal: New # why\ndue: 2026-01-01\n");
    }

    #[test]
    fn block_scalars_are_replaced_whole() {
        let mut d = Doc::new("goal: |\n  Cut\n\n  # text\n  health: text\ndue: 2026-01-01\n");
        d.set("goal", "Short", ORDER);
        assert_eq!(d.text(), "goal: Short\ndue: 2026-01-01\n");
    }

    #[test]
    fn multi_line_quoted_values_are_replaced_whole() {
        let mut d = Doc::new("goal: \"Cut cost\nper lead: 20%\"\ndue: 2026-01-01\n");
        d.set("goal", "x", ORDER);
        assert_eq!(d.text(), "goal: x\ndue: 2026-01-01\n");
    }

    #[test]
    fn bare_dash_items_get_keys_at_their_indentation() {
        let mut d = Doc::new("milestones:\n  -\n    id: a\n    due: 2026-12-01\n");
        d.set_in_item(
            "milestones",
            0,
            "status",
            "done",
            &["id", "name", "due", "status"],
        )
        .unwrap();
        assert_eq!(
            d.text(),
            "milestones:\n  -\n    id: a\n    due: 2026-12-01\n    status: done\n"
        );
    }

    #[test]
    fn keeps_crlf() {
        let mut d = Doc::new("client: A\r\nhealth: green\r\n");
        d.set("health", "red", ORDER);
        assert_eq!(d.text(), "client: A\r\nhealth: red\r\n");
    }
}
