//! Tests of `tracker report`: snapshots of every format on `fixtures/agency`,
//! well-formed Markdown tables whatever the names hold, escaping in HTML and
//! Markdown, a self-contained printable HTML page, the content of every
//! section (from the fixture's README and from a small model of SPEC §2
//! computed here straight from the YAML files), JSON, `--out` and filters.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde_yaml::Value;

use crate::support::agency::{BLOCKED_WITH_REASONS as BLOCKED, DUE_SOON, OVERDUE, RED, STALE};
use crate::support::{REFERENCE_DAY, Test, fixtures};

// ------------------------------------------------------- the README's facts

/// The README's overdue milestones: (project, milestone id).
const OVERDUE_MILESTONES: &[(&str, &str)] = &[
    ("acme-corp-website-redesign", "content"),
    ("boulangerie-lemoine-site-de-commande-en-ligne", "paiement"),
    ("globex-industries-crm-migration-to-hubspot", "cut-over"),
    ("initech-employer-branding-video", "final-cut"),
    ("initech-intranet-redesign", "sso"),
    ("initech-intranet-redesign", "launch"),
    ("les-jardins-de-provence-boutique-en-ligne", "recette"),
    ("les-jardins-de-provence-boutique-en-ligne", "lancement"),
    ("umbrella-health-patient-portal-handover", "access-transfer"),
    ("zenith-assurances-campagne-video-youtube", "diffusion"),
    (
        "zenith-assurances-refonte-de-l-espace-client",
        "specifications",
    ),
];

/// The README's blocked-reason patterns.
const PATTERNS: &[(&str, usize)] = &[
    ("creative approval", 3),
    ("client IT access", 2),
    ("awaiting content from client", 1),
    ("legal review", 1),
    ("no reason given", 1),
];

/// "No reason given", as the report words a blocked project without reason.
const NO_REASON: &str = "no reason given";

fn sorted(ids: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn today() -> NaiveDate {
    REFERENCE_DAY.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("date {s}: {e}"))
}

// --------------------------------------- a small model of the fixture files

/// A milestone as written in a project file.
#[derive(Debug, Clone)]
pub(crate) struct Ms {
    pub id: String,
    pub name: String,
    pub due: Option<NaiveDate>,
    pub status: String,
    pub every: Option<String>,
    pub depends_on: Vec<String>,
}

/// An update as written in a project file.
#[derive(Debug, Clone)]
pub(crate) struct Upd {
    pub date: NaiveDate,
    pub by: Option<String>,
    pub note: Option<String>,
}

/// A project as written in its file (the fixture's values are canonical).
#[derive(Debug, Clone)]
pub(crate) struct Proj {
    pub id: String,
    pub client: String,
    pub name: String,
    pub status: String,
    pub health: String,
    pub owner: String,
    pub created: Option<NaiveDate>,
    pub due: NaiveDate,
    pub milestones: Vec<Ms>,
    pub updates: Vec<Upd>,
}

impl Proj {
    pub fn open(&self) -> bool {
        self.status != "done"
    }

    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.open() && self.due < today
    }

    /// Not done, and the newest update (or `created`) is more than 7 days old.
    pub fn stale(&self, today: NaiveDate) -> bool {
        let last = self.updates.iter().map(|u| u.date).max().or(self.created);
        self.open() && last.is_some_and(|d| (today - d).num_days() > 7)
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn date(v: &Value, key: &str) -> Option<NaiveDate> {
    text(v, key).map(|s| day(&s))
}

fn parse_project(id: String, v: &Value) -> Proj {
    let milestones = v
        .get("milestones")
        .and_then(Value::as_sequence)
        .map(|s| {
            s.iter()
                .map(|m| Ms {
                    id: text(m, "id").unwrap(),
                    name: text(m, "name").unwrap(),
                    due: date(m, "due"),
                    status: text(m, "status").unwrap_or_else(|| "not-started".into()),
                    every: text(m, "every"),
                    depends_on: m
                        .get("depends_on")
                        .and_then(Value::as_sequence)
                        .map(|d| d.iter().map(|x| x.as_str().unwrap().to_string()).collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let updates = v
        .get("updates")
        .and_then(Value::as_sequence)
        .map(|s| {
            s.iter()
                .map(|u| Upd {
                    date: date(u, "date").unwrap(),
                    by: text(u, "by"),
                    note: text(u, "note"),
                })
                .collect()
        })
        .unwrap_or_default();
    Proj {
        id,
        client: text(v, "client").unwrap(),
        name: text(v, "project").unwrap(),
        status: text(v, "status").unwrap(),
        health: text(v, "health").unwrap(),
        owner: text(v, "owner").unwrap(),
        created: date(v, "created"),
        due: date(v, "due").unwrap(),
        milestones,
        updates,
    }
}

fn walk(dir: &Path, out: &mut Vec<Proj>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            walk(&path, out);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let v: Value = serde_yaml::from_str(&fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            out.push(parse_project(stem, &v));
        }
    }
}

/// Every project of `fixtures/agency`, read with serde_yaml, by id.
pub(crate) fn agency_projects() -> Vec<Proj> {
    let mut out = Vec::new();
    walk(&fixtures().join("agency/projects"), &mut out);
    out.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(out.len(), 34, "the README counts 34 projects");
    out
}

fn weekday(s: &str) -> Weekday {
    s.parse().unwrap_or_else(|_| panic!("not a weekday: {s}"))
}

fn month_days(y: i32, m: u32) -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    (0..31)
        .filter_map(|i| first.checked_add_days(Days::new(i)))
        .filter(|d| d.month() == m)
        .collect()
}

/// The occurrences of an `every:` rule between `from` and `to` (inclusive),
/// for the five forms of SPEC §2.
fn occurrences(rule: &str, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let rule = rule.trim().to_lowercase();
    let words: Vec<&str> = rule.split_whitespace().collect();
    let window: Vec<NaiveDate> = (0..=(to - from).num_days())
        .map(|i| from + Days::new(i as u64))
        .collect();
    let mut months: Vec<(i32, u32)> = window.iter().map(|d| (d.year(), d.month())).collect();
    months.dedup();
    let in_window = |d: &NaiveDate| *d >= from && *d <= to;
    match words.as_slice() {
        ["every", "2", "weeks", "from", start] => {
            let start = day(start);
            window
                .into_iter()
                .filter(|d| *d >= start && (*d - start).num_days() % 14 == 0)
                .collect()
        }
        ["every", wd] => {
            let wd = weekday(wd);
            window.into_iter().filter(|d| d.weekday() == wd).collect()
        }
        [nth, wd, "of", "month"] if *nth == "first" || *nth == "last" => {
            let wd = weekday(wd);
            months
                .iter()
                .filter_map(|(y, m)| {
                    let days = month_days(*y, *m);
                    let mut it = days.into_iter().filter(|d| d.weekday() == wd);
                    if *nth == "first" {
                        it.next()
                    } else {
                        it.next_back()
                    }
                })
                .filter(in_window)
                .collect()
        }
        [nth, "of", "month"] => {
            let n: u32 = nth
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .unwrap();
            months
                .iter()
                .filter_map(|(y, m)| NaiveDate::from_ymd_opt(*y, *m, n))
                .filter(in_window)
                .collect()
        }
        _ => panic!("unknown rule in the fixture: {rule}"),
    }
}

// ------------------------------------------------------ reading the Markdown

/// Splits a table row into its raw cells at the pipes that are not escaped
/// (a backslash escapes the next character, so `\\|` is a backslash then a
/// real pipe). `None` when the row does not start and end with a real pipe.
pub(crate) fn split_row(line: &str) -> Option<Vec<String>> {
    let mut parts = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = parts.last_mut().unwrap();
                last.push('\\');
                if let Some(n) = chars.next() {
                    last.push(n);
                }
            }
            '|' => parts.push(String::new()),
            c => parts.last_mut().unwrap().push(c),
        }
    }
    if parts.len() < 3 || !parts[0].is_empty() || !parts.last().unwrap().trim().is_empty() {
        return None;
    }
    Some(
        parts[1..parts.len() - 1]
            .iter()
            .map(|s| s.trim().to_string())
            .collect(),
    )
}

/// A cell's text with the Markdown backslash escapes removed.
pub(crate) fn unescape(cell: &str) -> String {
    let mut out = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every Markdown table: runs of consecutive lines starting with `|`, with
/// the number of the first line.
pub(crate) fn tables(md: &str) -> Vec<(usize, Vec<&str>)> {
    let mut out: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut previous_was_row = false;
    for (n, line) in md.lines().enumerate() {
        if line.starts_with('|') {
            if previous_was_row {
                out.last_mut().unwrap().1.push(line);
            } else {
                out.push((n + 1, vec![line]));
            }
            previous_was_row = true;
        } else {
            previous_was_row = false;
        }
    }
    out
}

/// Problems with the tables: a row whose cell count differs from its
/// header's, a missing or malformed separator row, a row that does not end
/// with a real pipe.
pub(crate) fn table_problems(md: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (first, lines) in tables(md) {
        let Some(header) = split_row(lines[0]) else {
            problems.push(format!("line {first}: malformed header row: {}", lines[0]));
            continue;
        };
        let n = header.len();
        match lines.get(1).map(|l| split_row(l)) {
            Some(Some(sep))
                if sep.len() == n
                    && sep.iter().all(|c| {
                        let c = c.trim_matches(':');
                        !c.is_empty() && c.chars().all(|x| x == '-')
                    }) => {}
            _ => problems.push(format!(
                "line {}: the row after the header is not a separator of {n} cells: {:?}",
                first + 1,
                lines.get(1)
            )),
        }
        for (i, line) in lines.iter().enumerate().skip(2) {
            match split_row(line) {
                Some(cells) if cells.len() == n => {}
                Some(cells) => problems.push(format!(
                    "line {}: {} cells under a header of {n}: {line}",
                    first + i,
                    cells.len()
                )),
                None => problems.push(format!(
                    "line {}: the row does not end with an unescaped pipe: {line}",
                    first + i
                )),
            }
        }
    }
    problems
}

#[track_caller]
fn assert_tables_well_formed(md: &str) {
    assert!(!tables(md).is_empty(), "no table found in\n{md}");
    let problems = table_problems(md);
    assert!(
        problems.is_empty(),
        "malformed tables:\n{}\n--- report\n{md}",
        problems.join("\n")
    );
}

/// The headings (`## …`, `### …`) in order, with their level.
fn headings(md: &str) -> Vec<(usize, String)> {
    md.lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .map(|l| {
            let level = l.chars().take_while(|c| *c == '#').count();
            (level, l[level + 1..].to_string())
        })
        .collect()
}

/// The lines under the heading that starts with `heading` (level 2 or 3), up
/// to the next heading.
#[track_caller]
fn section<'a>(md: &'a str, heading: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = md.lines().collect();
    let start = lines
        .iter()
        .position(|l| {
            (l.starts_with("## ") || l.starts_with("### "))
                && l.trim_start_matches('#').trim_start().starts_with(heading)
        })
        .unwrap_or_else(|| panic!("no heading `{heading}` in\n{md}"));
    lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with('#'))
        .copied()
        .collect()
}

/// The body rows (unescaped cells) of the first table under `heading`;
/// empty when the section says `None.`.
#[track_caller]
fn rows(md: &str, heading: &str) -> Vec<Vec<String>> {
    let lines = section(md, heading);
    let table: Vec<&str> = lines
        .iter()
        .copied()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    if table.is_empty() {
        assert!(
            lines.iter().any(|l| l.trim() == "None."),
            "`{heading}` has neither a table nor `None.`"
        );
        return Vec::new();
    }
    table[2..]
        .iter()
        .map(|l| {
            split_row(l)
                .unwrap_or_else(|| panic!("malformed row {l}"))
                .iter()
                .map(|c| unescape(c))
                .collect()
        })
        .collect()
}

fn column(rows: &[Vec<String>], i: usize) -> Vec<String> {
    let mut v: Vec<String> = rows.iter().map(|r| r[i].clone()).collect();
    v.sort();
    v
}

/// The Markdown outside fenced code blocks.
fn outside_fences(md: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in md.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Whether `needle` occurs in `text` without a backslash before it.
fn has_unescaped(text: &str, needle: &str) -> bool {
    text.match_indices(needle)
        .any(|(i, _)| !text[..i].ends_with('\\'))
}

/// The Mermaid block of the report's Timeline section, without its fence.
fn timeline_block(md: &str) -> String {
    let lines = section(md, "Timeline");
    let body: Vec<&str> = lines
        .iter()
        .copied()
        .skip_while(|l| *l != "```mermaid")
        .skip(1)
        .take_while(|l| *l != "```")
        .collect();
    assert!(!body.is_empty(), "no Mermaid block under Timeline");
    body.iter().map(|l| format!("{l}\n")).collect()
}

fn report(args: &str) -> String {
    Test::fixture("agency")
        .args("report")
        .args(args)
        .expect_code(0)
        .stdout
}

// ------------------------------------------------------------- snapshots

#[test]
fn snapshot_md_agency() {
    insta::assert_snapshot!("md_agency", report(""));
}

#[test]
fn snapshot_html_agency() {
    insta::assert_snapshot!("html_agency", report("--format html"));
}

#[test]
fn snapshot_json_agency() {
    insta::assert_snapshot!("json_agency", report("--format json"));
}

#[test]
fn snapshot_md_group_by_owner() {
    insta::assert_snapshot!("md_group_by_owner", report("--group-by owner"));
}

#[test]
fn snapshot_md_group_by_health() {
    insta::assert_snapshot!("md_group_by_health", report("--group-by health"));
}

// ------------------------------------------------------ well-formed tables

#[test]
fn split_row_counts_only_unescaped_pipes() {
    assert_eq!(split_row("| a | b |").unwrap(), ["a", "b"]);
    assert_eq!(split_row(r"| a \| b | c |").unwrap(), [r"a \| b", "c"]);
    // An escaped backslash, then a real pipe.
    assert_eq!(split_row(r"| a \\| b |").unwrap(), [r"a \\", "b"]);
    assert_eq!(split_row(r"| a \\\| b |").unwrap(), [r"a \\\| b"]);
    assert_eq!(split_row(r"| a | b \|"), None);
    assert_eq!(split_row("| a | b"), None);
    assert_eq!(unescape(r"a \| b \\ \<c\>"), r"a | b \ <c>");
}

#[test]
fn md_tables_are_well_formed_on_agency() {
    for args in [
        "",
        "--group-by owner",
        "--group-by stage",
        "--group-by client",
        "--group-by health",
    ] {
        assert_tables_well_formed(&report(args));
    }
}

const HOSTILE_CONFIG: &str = "due_soon_days: 3\nstale_days: 7\n";

/// Names with pipes, line breaks, backticks, `*`, `_`, `<`, `>`, `#` and
/// backslashes in every field the report shows.
fn hostile_tables() -> Test {
    Test::tracker(HOSTILE_CONFIG)
        .file(
            "projects/pipes.yaml",
            r#"client: "Pipe | Client\nline two `x` *y* _z_ <w> #v"
project: "A | B `code` *bold* _it_ <tag> #1 \\ back \\| esc"
stage: active
status: blocked
health: red
owner: "Own|er `x` *y* _z_ <w> #v"
created: 2026-11-01
due: 2026-12-09
blocked_reason: "reason | with\npipe `tick` *s* _u_ <a> #b \\| end\\"
milestones:
  - id: m1
    name: "M | 1\n`x` *y* _z_ <w> #v \\|"
    due: 2026-12-01
    status: in-progress
  - id: m2
    name: "Rec | *x* `y`\n#z"
    every: every monday
  - id: m3
    name: "Soon | <b> #h\\"
    due: 2026-12-12
    depends_on: [m1]
updates:
  - date: 2026-11-20
    by: "By | me"
    health: yellow
  - date: 2026-12-03
    by: "By | me\nnow `x`"
    health: red
    status: blocked
    note: "n | o\nt `e` *x* _y_ <z> #w \\ \\| end |"
"#,
        )
        .file(
            "projects/stale-one.yaml",
            r#"client: "Pipe | Client\nline two `x` *y* _z_ <w> #v"
project: "Stale # | one |"
stage: onboarding
status: in-progress
health: yellow
owner: "Own|er `x` *y* _z_ <w> #v"
created: 2026-10-01
due: 2026-11-30
"#,
        )
        .file(
            "projects/other.yaml",
            r#"client: "| Other * Client _x_ |"
project: "|"
stage: offboarding
status: not-started
health: green
owner: "|Second| owner"
created: 2026-12-05
due: 2026-12-15
"#,
        )
        .file(
            "projects/done.yaml",
            r#"client: "Done | Co"
project: "Done | thing `x`"
stage: offboarding
status: done
health: green
owner: "Own|er `x` *y* _z_ <w> #v"
due: 2026-11-01
updates:
  - date: 2026-12-04
    by: "Closer | x"
    status: done
    note: "closed | ok *"
"#,
        )
}

#[test]
fn md_tables_are_well_formed_with_hostile_names() {
    for args in [
        "",
        "--group-by owner",
        "--group-by stage",
        "--group-by client",
        "--group-by health",
    ] {
        let out = hostile_tables().args("report").args(args).expect_code(0);
        assert_tables_well_formed(&out.stdout);
        let block = timeline_block(&out.stdout);
        let problems = crate::gantt::mermaid_problems(&block);
        assert!(problems.is_empty(), "{}\n{block}", problems.join("\n"));
        let text = outside_fences(&out.stdout);
        // Every hostile row made it into the report, escaped.
        assert!(text.contains(r"A \| B \`code\` \*bold\* \_it\_ \<tag\> \#1 \\ back \\\| esc"));
        assert!(text.contains(r"Own\|er \`x\` \*y\* \_z\_ \<w\> \#v"));
        assert!(
            !has_unescaped(&text, "<tag>"),
            "raw `<tag>` outside code:\n{text}"
        );
        // Line breaks never split a row.
        for line in out.stdout.lines() {
            assert!(
                !line.starts_with("line two")
                    && !line.starts_with("pipe ")
                    && !line.starts_with("now"),
                "a name's line break split a row: {line}"
            );
        }
    }
}

// ------------------------------------------------------------------ escaping

fn script_tracker() -> Test {
    Test::tracker(HOSTILE_CONFIG).file(
        "projects/evil.yaml",
        r#"client: "<script>alert(1)</script> & \"Co\" <b>"
project: "<script>alert(1)</script> | x"
stage: active
status: blocked
health: red
owner: "Mallory <b>&amp \"Boss\""
goal: "<i>goal</i> & \"more\""
created: 2026-11-01
due: 2026-12-05
blocked_reason: "<em>legal</em> & \"co\""
updates:
  - date: 2026-12-03
    by: "<u>Eve</u> & \"x\""
    health: red
    note: "<img src=x onerror=alert(1)> & \"quoted\""
"#,
    )
}

#[test]
fn html_escapes_every_name() {
    let html = script_tracker()
        .args("report --format html")
        .expect_code(0)
        .stdout;
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "raw <script> in\n{html}");
    for raw in ["<b>", "<i>", "<em>", "<u>", "<img"] {
        assert!(!lower.contains(raw), "raw {raw} in\n{html}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | x"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "));
    // An entity in a name is text, so its `&` is escaped too.
    assert!(html.contains("Mallory &lt;b&gt;&amp;amp "), "{html}");
    assert!(html.contains("&lt;em&gt;legal&lt;/em&gt; &amp; "));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; "));
    assert!(html.contains("&lt;u&gt;Eve&lt;/u&gt; &amp; "));
}

#[test]
fn markdown_escapes_every_name() {
    let md = script_tracker().args("report").expect_code(0).stdout;
    assert_tables_well_formed(&md);
    let block = timeline_block(&md);
    let problems = crate::gantt::mermaid_problems(&block);
    assert!(problems.is_empty(), "{}\n{block}", problems.join("\n"));
    let text = outside_fences(&md);
    for raw in ["<script>", "</script>", "<b>", "<em>", "<u>", "<img"] {
        assert!(
            !has_unescaped(&text, raw),
            "raw {raw} outside code:\n{text}"
        );
    }
    assert!(
        text.contains(r"\<script\>alert(1)\</script\> \| x"),
        "{text}"
    );
    assert!(text.contains(r"\<em\>legal\</em\>"));
    assert!(text.contains(r"\<img src=x onerror=alert(1)\>"));
    // The project row still has its 8 cells with the name in the first one.
    let all = rows(&md, "All projects");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0][0], "<script>alert(1)</script> | x (evil)");
    assert_eq!(all[0][1], "<script>alert(1)</script> & \"Co\" <b>");
    assert_eq!(all[0][5], "Mallory <b>&amp \"Boss\"");
}

// ------------------------------------------------------------------- HTML

/// The values of every `attr=` attribute (quoted or not).
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let lower = html.to_lowercase();
    let pat = format!("{attr}=");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&pat) {
        let at = from + i + pat.len();
        let rest = &html[at..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        out.push(value);
        from = at;
    }
    out
}

/// The tables of an HTML page as (header cells, rows of raw cell HTML).
fn html_tables(html: &str) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len()..];
            let Some(j) = after.find(close) else { break };
            out.push(&after[..j]);
            rest = &after[j + close.len()..];
        }
        out
    }
    between(html, "<table>", "</table>")
        .into_iter()
        .map(|t| {
            let header = between(t, "<th>", "</th>")
                .into_iter()
                .map(str::to_string)
                .collect();
            let body = between(t, "<tbody>", "</tbody>").concat();
            let rows = between(&body, "<tr>", "</tr>")
                .into_iter()
                .map(|r| {
                    between(r, "<td>", "</td>")
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            (header, rows)
        })
        .collect()
}

#[test]
fn html_is_self_contained_and_printable() {
    let html = report("--format html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let lower = html.to_lowercase();
    for attr in ["src", "href"] {
        for v in attribute_values(&html, attr) {
            let v = v.trim().to_lowercase();
            assert!(
                !v.starts_with("http://") && !v.starts_with("https://") && !v.starts_with("//"),
                "external {attr}={v}"
            );
        }
    }
    assert!(!lower.contains("<link"), "a <link> tag");
    assert!(!lower.contains("<script src"), "an external script");
    assert!(!lower.contains("@import"), "an imported style sheet");
    let start = lower.find("<style>").expect("an inline <style>") + "<style>".len();
    let end = start + lower[start..].find("</style>").expect("</style>");
    let css = &lower[start..end];
    for colour in ["#00b050", "#ffc000", "#ff0000"] {
        assert!(css.contains(colour), "no {colour} in the CSS");
    }
    assert!(css.contains("@media print"), "no print rule");
    assert!(!css.contains("url("), "the CSS loads something");

    // Every health cell carries its class, and the project table's classes
    // match the files.
    let health: BTreeMap<String, String> = agency_projects()
        .into_iter()
        .map(|p| (p.id, p.health))
        .collect();
    let tables = html_tables(&html);
    let mut health_cells = 0;
    let mut project_rows = 0;
    for (header, rows) in &tables {
        for (i, h) in header.iter().enumerate() {
            if !h.ends_with("ealth") {
                continue;
            }
            for row in rows {
                let cell = &row[i];
                let ok = ["green", "yellow", "red"]
                    .iter()
                    .any(|h| *cell == format!("<span class=\"health {h}\">{h}</span>"));
                assert!(ok, "health cell without its class: {cell}");
                health_cells += 1;
                if header[0] == "Project" && h == "Health" {
                    let id = row[0]
                        .rsplit_once(" (")
                        .map(|(_, id)| id.trim_end_matches(')'))
                        .unwrap();
                    assert!(
                        cell.contains(&format!("health {}\"", health[id])),
                        "{id}: {cell}"
                    );
                    project_rows += 1;
                }
            }
        }
    }
    assert_eq!(project_rows, 34, "one health cell per project");
    assert!(health_cells >= 34 + 3);
}

// ------------------------------------------------------------- the sections

#[test]
fn md_sections_come_in_order() {
    let md = report("");
    let h = headings(&md);
    let level2: Vec<&str> = h
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        level2,
        [
            "Summary",
            "Needs attention",
            "Blocked-reason patterns",
            "Owners",
            "Clients at risk",
            "This week",
            "Upcoming, next 14 days",
            "Timeline",
            "Projects",
        ]
    );
    let at = h
        .iter()
        .position(|(l, t)| *l == 2 && t == "Needs attention")
        .unwrap();
    let attention: Vec<&str> = h[at + 1..]
        .iter()
        .take_while(|(l, _)| *l == 3)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        attention,
        [
            "Red (6)",
            "Overdue (6 projects, 11 milestones)",
            "Blocked (8)",
            "Due soon (4)",
            "Stale (5)",
        ]
    );
    assert!(md.starts_with("# Northwind Digital — status report, 2026-12-07\n"));
}

#[test]
fn md_summary_counts_match_the_readme() {
    let md = report("");
    let lines = section(&md, "Summary");
    let counts: BTreeMap<String, String> = lines
        .iter()
        .filter_map(|l| split_row(l))
        .filter(|c| c.len() == 2 && c[1] != "Projects" && !c[1].starts_with('-'))
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect();
    let expected: BTreeMap<String, String> = [
        ("onboarding", 6),
        ("active", 24),
        ("offboarding", 4),
        ("not-started", 4),
        ("in-progress", 16),
        ("blocked", 8),
        ("done", 6),
        ("green", 18),
        ("yellow", 10),
        ("red", 6),
    ]
    .iter()
    .map(|(k, n)| (k.to_string(), n.to_string()))
    .collect();
    assert_eq!(counts, expected);
}

#[test]
fn md_attention_lists_are_the_readmes() {
    let md = report("");
    assert_eq!(column(&rows(&md, "Red ("), 0), sorted(RED));
    assert_eq!(column(&rows(&md, "Due soon ("), 0), sorted(DUE_SOON));
    assert_eq!(column(&rows(&md, "Stale ("), 0), sorted(STALE));

    let blocked: BTreeSet<(String, String)> = rows(&md, "Blocked (")
        .iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    let expected: BTreeSet<(String, String)> = BLOCKED
        .iter()
        .map(|(id, r)| (id.to_string(), r.unwrap_or(NO_REASON).to_string()))
        .collect();
    assert_eq!(blocked, expected);

    // Overdue: project rows have no milestone; milestone rows name theirs.
    let late = rows(&md, "Overdue (");
    let projects: Vec<Vec<String>> = late.iter().filter(|r| r[1].is_empty()).cloned().collect();
    assert_eq!(column(&projects, 0), sorted(OVERDUE));
    let names: BTreeMap<(String, String), String> = agency_projects()
        .iter()
        .flat_map(|p| {
            p.milestones
                .iter()
                .map(|m| ((p.id.clone(), m.id.clone()), m.name.clone()))
        })
        .collect();
    let milestones: BTreeSet<(String, String)> = late
        .iter()
        .filter(|r| !r[1].is_empty())
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let expected: BTreeSet<(String, String)> = OVERDUE_MILESTONES
        .iter()
        .map(|(p, m)| {
            let key = (p.to_string(), m.to_string());
            (p.to_string(), names[&key].clone())
        })
        .collect();
    assert_eq!(milestones, expected);
    assert_eq!(late.len(), OVERDUE.len() + OVERDUE_MILESTONES.len());
}

#[test]
fn md_blocked_reason_patterns() {
    let md = report("");
    let table = rows(&md, "Blocked-reason patterns");
    assert_eq!(table[0][..2], ["creative approval", "3"]);
    let got: Vec<(String, String)> = table.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    let expected: Vec<(String, String)> = PATTERNS
        .iter()
        .map(|(r, n)| (r.to_string(), n.to_string()))
        .collect();
    assert_eq!(got, expected);
    // Which projects: the README's blocked list, grouped by reason.
    for row in &table {
        let mut which: Vec<&str> = row[2].split(", ").collect();
        which.sort();
        let mut expected: Vec<&str> = BLOCKED
            .iter()
            .filter(|(_, r)| r.unwrap_or(NO_REASON) == row[0])
            .map(|(id, _)| *id)
            .collect();
        expected.sort();
        assert_eq!(which, expected, "{}", row[0]);
    }
}

#[test]
fn md_owners_table_counts_match_the_files() {
    let today = today();
    let mut expected: BTreeMap<String, [usize; 6]> = BTreeMap::new();
    for p in agency_projects().iter().filter(|p| p.open()) {
        let line = expected.entry(p.owner.clone()).or_default();
        line[0] += 1;
        line[1] += usize::from(p.health == "red");
        line[2] += usize::from(p.health == "yellow");
        line[3] += usize::from(p.overdue(today));
        line[4] += usize::from(p.status == "blocked");
        line[5] += usize::from(p.stale(today));
    }
    let expected: Vec<Vec<String>> = expected
        .into_iter()
        .map(|(owner, n)| {
            std::iter::once(owner)
                .chain(n.iter().map(usize::to_string))
                .collect()
        })
        .collect();
    let md = report("");
    let lines = section(&md, "Owners");
    assert_eq!(
        split_row(lines.iter().find(|l| l.starts_with('|')).unwrap()).unwrap(),
        [
            "Owner", "Open", "Red", "Yellow", "Overdue", "Blocked", "Stale"
        ]
    );
    assert_eq!(rows(&md, "Owners"), expected);
}

#[test]
fn md_clients_at_risk_put_initech_first() {
    let md = report("");
    let table = rows(&md, "Clients at risk");
    assert_eq!(table[0][0], "Initech");
    assert_eq!(table[0][2], "red");
    let scores: Vec<u32> = table.iter().map(|r| r[1].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores.iter().all(|s| *s > 0 && *s <= 100), "{scores:?}");
    assert!(
        table.iter().all(|r| !r[3].is_empty()),
        "every score has reasons"
    );
    let umbrella = table.iter().find(|r| r[0] == "Umbrella Health").unwrap();
    assert!(umbrella[3].contains("offboarding"), "{umbrella:?}");
}

#[test]
fn md_this_week_lists_the_updates_of_the_last_seven_days() {
    let from = day("2026-12-01");
    let to = today();
    let mut expected: Vec<[String; 4]> = agency_projects()
        .iter()
        .flat_map(|p| {
            p.updates
                .iter()
                .filter(|u| u.date >= from && u.date <= to)
                .map(|u| {
                    [
                        u.date.to_string(),
                        p.id.clone(),
                        u.by.clone().unwrap_or_default(),
                        u.note
                            .clone()
                            .unwrap_or_default()
                            .replace('\n', " ")
                            .trim()
                            .to_string(),
                    ]
                })
        })
        .collect();
    expected.sort();
    let md = report("");
    let mut got: Vec<[String; 4]> = rows(&md, "This week")
        .iter()
        .map(|r| [r[0].clone(), r[1].clone(), r[2].clone(), r[4].clone()])
        .collect();
    got.sort();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    // Newest first.
    let dates: Vec<String> = rows(&md, "This week")
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // The health transitions of the week.
    let lines = section(&md, "This week");
    for t in [
        "initech-employer-branding-video: yellow → red on 2026-12-04",
        "globex-industries-crm-migration-to-hubspot: yellow → red on 2026-12-03",
    ] {
        assert!(
            lines.contains(&format!("- {t}").as_str()),
            "no transition {t}"
        );
    }
}

#[test]
fn md_upcoming_includes_recurring_deliverables() {
    let today = today();
    let end = today + Days::new(14);
    let projects = agency_projects();
    let md = report("");
    let table = rows(&md, "Upcoming");
    let date_of = |r: &Vec<String>| r[0][..10].to_string();

    let got: BTreeSet<(String, String, String)> = table
        .iter()
        .filter(|r| r[1] == "recurring")
        .map(|r| (date_of(r), r[2].clone(), r[3].clone()))
        .collect();
    let expected: BTreeSet<(String, String, String)> = projects
        .iter()
        .filter(|p| p.open())
        .flat_map(|p| {
            p.milestones
                .iter()
                .filter_map(|m| m.every.as_ref().map(|e| (m, e)))
                .flat_map(move |(m, e)| {
                    occurrences(e, today, end)
                        .into_iter()
                        .map(move |d| (d.to_string(), p.id.clone(), m.name.clone()))
                })
        })
        .collect();
    // All five forms occur in the window but `last friday of month` (Dec 25).
    assert_eq!(expected.len(), 11, "{expected:#?}");
    assert_eq!(got, expected);

    let got: BTreeSet<(String, String)> = table
        .iter()
        .filter(|r| r[1] == "project due")
        .map(|r| (date_of(r), r[2].clone()))
        .collect();
    let expected: BTreeSet<(String, String)> = projects
        .iter()
        .filter(|p| p.open() && p.due >= today && p.due <= end)
        .map(|p| (p.due.to_string(), p.id.clone()))
        .collect();
    assert_eq!(got, expected);
    // Nothing overdue or out of the window, in date order.
    let dates: Vec<String> = table.iter().map(date_of).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(dates.iter().all(|d| day(d) >= today && day(d) <= end));
}

#[test]
fn md_timeline_is_the_gantt_mermaid_block() {
    let md = report("");
    let block = timeline_block(&md);
    let problems = crate::gantt::mermaid_problems(&block);
    assert!(problems.is_empty(), "{}\n{block}", problems.join("\n"));
    let gantt = Test::fixture("agency")
        .args("gantt --format mermaid")
        .expect_code(0)
        .stdout;
    assert_eq!(format!("```mermaid\n{block}```\n"), gantt);
}

// --------------------------------------------------------------------- JSON

#[test]
fn json_has_schema_version_and_the_readmes_lists() {
    let out = report("--format json");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    let r = &v["report"];
    assert_eq!(r["today"], REFERENCE_DAY);
    let ids = |key: &str| -> Vec<String> {
        let mut v: Vec<String> = r["attention"][key]
            .as_array()
            .unwrap_or_else(|| panic!("attention.{key}"))
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids("red"), sorted(RED));
    assert_eq!(ids("overdue"), sorted(OVERDUE));
    assert_eq!(
        ids("blocked"),
        sorted(&BLOCKED.iter().map(|(id, _)| *id).collect::<Vec<_>>())
    );
    assert_eq!(ids("due_soon"), sorted(DUE_SOON));
    assert_eq!(ids("stale"), sorted(STALE));
    let milestones: BTreeSet<(String, String)> = r["attention"]["overdue_milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["project"].as_str().unwrap().to_string(),
                m["milestone"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = OVERDUE_MILESTONES
        .iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    assert_eq!(milestones, expected);
    assert_eq!(r["blocked_patterns"][0]["reason"], "creative approval");
    assert_eq!(r["blocked_patterns"][0]["count"], 3);
    assert_eq!(r["clients"][0]["client"], "Initech");
}

// ------------------------------------------------------------ --out, filters

#[test]
fn out_writes_the_same_bytes_as_stdout() {
    for (format, file) in [
        ("md", "report.md"),
        ("html", "report.html"),
        ("json", "report.json"),
    ] {
        let t = Test::fixture("agency")
            .args("report --format")
            .arg(format)
            .arg("--out")
            .arg(file);
        let out = t.expect_code(0);
        assert_eq!(out.stdout, "", "--out prints nothing on stdout");
        assert_eq!(out.stderr.trim_end(), format!("wrote the report to {file}"));
        assert_eq!(
            t.read(file),
            report(&format!("--format {format}")),
            "{format}"
        );
    }
}

#[test]
fn client_filter_keeps_only_its_projects() {
    let projects = agency_projects();
    let md = report("--client Initech");
    assert_tables_well_formed(&md);
    for p in &projects {
        let shown = md.contains(&p.id);
        assert_eq!(
            shown,
            p.client == "Initech",
            "{} in the Initech report",
            p.id
        );
    }
    assert_eq!(rows(&md, "All projects").len(), 3);
    let clients = rows(&md, "Clients at risk");
    assert_eq!(column(&clients, 0), ["Initech"]);

    let v: serde_json::Value =
        serde_json::from_str(&report("--client Initech --format json")).unwrap();
    let mut ids: Vec<&str> = v["report"]["groups"][0]["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "initech-employer-branding-video",
            "initech-intranet-redesign",
            "initech-q4-paid-search-campaign",
        ]
    );
    for key in ["red", "overdue", "blocked", "due_soon", "stale"] {
        for id in v["report"]["attention"][key].as_array().unwrap() {
            assert!(id.as_str().unwrap().starts_with("initech-"), "{key}: {id}");
        }
    }
}

// --------------------------------------------------------------- any names

/// A name made of the characters that break Markdown tables.
const ANY_NAME: &str = "[a-z][a-zA-Z0-9 |\\\\`*_<>#\n\"'&:%-]{0,24}";
/// An owner: the same, without what `validate` reads as several people.
const ANY_OWNER: &str = "[B-DF-Z][B-DF-Z |\\\\`*_<>#\n\"'%-]{0,16}";

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 24,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    #[test]
    fn any_names_keep_the_tables_well_formed(
        client in ANY_NAME,
        project in ANY_NAME,
        owner in ANY_OWNER,
        reason in ANY_NAME,
        milestone in ANY_NAME,
        note in ANY_NAME,
    ) {
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let yaml = format!(
            "client: {}\nproject: {}\nstage: active\nstatus: blocked\nhealth: red\n\
             owner: {}\ncreated: 2026-11-01\ndue: 2026-12-05\nblocked_reason: {}\n\
             milestones:\n  - id: m\n    name: {}\n    due: 2026-12-01\n\
             updates:\n  - date: 2026-12-03\n    by: {}\n    health: red\n    note: {}\n",
            q(&client), q(&project), q(&owner), q(&reason), q(&milestone), q(&owner), q(&note)
        );
        for args in ["report", "report --group-by owner", "report --group-by client"] {
            let out = Test::tracker(HOSTILE_CONFIG)
                .file("projects/any.yaml", &yaml)
                .args(args)
                .expect_code(0);
            assert_tables_well_formed(&out.stdout);
            let text = outside_fences(&out.stdout);
            assert!(!has_unescaped(&text, "<"), "raw `<` outside code:\n{text}");
            let red = rows(&out.stdout, "Red (");
            assert_eq!(red.len(), 1);
            assert_eq!(red[0][1], client.replace(['\n', '\r'], " ").trim());
            assert_eq!(red[0][2], owner.replace(['\n', '\r'], " ").trim());
        }
    }
}
