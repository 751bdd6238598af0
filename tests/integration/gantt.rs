//! Tests of `tracker gantt`: snapshots on `fixtures/agency`, Mermaid that
//! cannot break (checked line by line on the agency and on hostile names and
//! dependencies), the terminal bars and the roadmap by quarter, against a
//! small model computed straight from the YAML files.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::report::{Proj, agency_projects};
use crate::support::{REFERENCE_DAY, Test};

fn today() -> NaiveDate {
    REFERENCE_DAY.parse().unwrap()
}

fn gantt(args: &str) -> String {
    Test::fixture("agency")
        .args("gantt")
        .args(args)
        .expect_code(0)
        .stdout
}

// ---------------------------------------------------- reading the Mermaid

/// A task line of a Mermaid `gantt` block.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub section: Option<String>,
    pub title: String,
    pub tags: Vec<String>,
    pub id: String,
    /// The ids after `after`, empty when the task starts on a date.
    pub after: Vec<String>,
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
}

const TAGS: &[&str] = &["done", "active", "crit"];
/// Words Mermaid reads as tags wherever they stand before the id.
const TAG_WORDS: &[&str] = &["done", "active", "crit", "milestone", "vert"];

fn iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = s.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    shape
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

fn valid_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What Mermaid's gantt lexer would read a task title as, when not as a
/// title: a statement keyword at its start (the lexer is case-insensitive
/// and takes the first rule that matches), a comment (`%` first or second),
/// or a date token.
pub(crate) fn misread_title(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    if chars.first() == Some(&'%') || chars.get(1) == Some(&'%') {
        return Some("a comment (`%` as first or second character)".into());
    }
    for kw in [
        "gantt",
        "inclusiveenddates",
        "topaxis",
        "accdescr",
        "acctitle",
    ] {
        if lower.starts_with(kw) {
            return Some(format!("the keyword `{kw}`"));
        }
    }
    for kw in [
        "dateformat",
        "axisformat",
        "tickinterval",
        "includes",
        "excludes",
        "todaymarker",
        "weekday",
        "weekend",
        "title",
        "accdescription",
        "section",
        "click",
        "call",
        "href",
        "datemarker",
    ] {
        if lower.starts_with(kw) && chars.get(kw.len()).is_some_and(|c| c.is_whitespace()) {
            return Some(format!("the statement `{kw} …`"));
        }
    }
    if lower.len() >= 10 && lower.is_char_boundary(10) && iso(&lower[..10]).is_some() {
        return Some("a date token".into());
    }
    None
}

/// Parses a Mermaid `gantt` block (fences allowed) into its sections and
/// tasks, with every problem that would break it or change its meaning.
pub(crate) fn parse_mermaid(block: &str) -> (Vec<String>, Vec<Task>, Vec<String>) {
    let mut sections = Vec::new();
    let mut tasks: Vec<Task> = Vec::new();
    let mut problems = Vec::new();
    let mut ends: HashMap<String, NaiveDate> = HashMap::new();
    let mut seen_gantt = false;
    for (n, line) in block.lines().enumerate() {
        let n = n + 1;
        if line.starts_with("```") {
            continue;
        }
        if !seen_gantt {
            if line != "gantt" {
                problems.push(format!("line {n}: expected `gantt`, found {line:?}"));
            }
            seen_gantt = true;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("    title ") {
            if rest.contains([';', '#']) {
                problems.push(format!("line {n}: title with `#` or `;`: {line}"));
            }
            continue;
        }
        if line == "    dateFormat YYYY-MM-DD" || line.starts_with("    axisFormat ") {
            continue;
        }
        if let Some(name) = line.strip_prefix("    section ") {
            if name.trim().is_empty() || name.contains([':', '#', ';']) || name != name.trim() {
                problems.push(format!("line {n}: bad section name: {line:?}"));
            }
            sections.push(name.to_string());
            continue;
        }
        let mut bad = |why: &str| problems.push(format!("line {n}: {why}: {line:?}"));
        let Some(body) = line.strip_prefix("    ") else {
            bad("not indented by four spaces");
            continue;
        };
        let Some((title, data)) = body.split_once(':') else {
            bad("no `:` after the title");
            continue;
        };
        let Some(title) = title.strip_suffix(' ') else {
            bad("no space before `:`");
            continue;
        };
        if title.is_empty() || title != title.trim() || title.contains("  ") {
            bad("empty or badly spaced title");
            continue;
        }
        if title.contains(['#', ';']) {
            bad("`#` or `;` in the title");
        }
        if let Some(what) = misread_title(title) {
            bad(&format!("Mermaid reads this title as {what}"));
        }
        if data.contains([':', '#', ';']) {
            bad("`:`, `#` or `;` in the task data");
            continue;
        }
        let parts: Vec<&str> = data.split(", ").collect();
        let tags: Vec<String> = parts
            .iter()
            .take_while(|p| TAGS.contains(p))
            .map(|p| p.to_string())
            .collect();
        let rest = &parts[tags.len()..];
        if tags.iter().collect::<BTreeSet<_>>().len() != tags.len() {
            bad("a tag twice");
        }
        let [id, start, end] = rest else {
            bad("not `tags, id, start, end`");
            continue;
        };
        if !valid_id(id) {
            bad("task id not made of letters, digits and `_`");
            continue;
        }
        if TAG_WORDS.contains(id) {
            bad("task id Mermaid reads as a tag");
        }
        if ends.contains_key(*id) {
            bad(&format!("task id `{id}` defined twice"));
        }
        let Some(end) = iso(end) else {
            bad("end is not a YYYY-MM-DD date");
            continue;
        };
        let (after, start) = if let Some(ids) = start.strip_prefix("after ") {
            let ids: Vec<String> = ids.split(' ').map(str::to_string).collect();
            for dep in &ids {
                match ends.get(dep) {
                    None => bad(&format!("`after {dep}` names no earlier task")),
                    Some(e) if *e >= end => bad(&format!(
                        "`after {dep}` ends {e}, not before this task's end"
                    )),
                    Some(_) => {}
                }
            }
            (ids, None)
        } else {
            match iso(start) {
                Some(s) => {
                    if s >= end {
                        bad("start not before end");
                    }
                    (Vec::new(), Some(s))
                }
                None => {
                    bad("start is neither a date nor `after <ids>`");
                    continue;
                }
            }
        };
        ends.insert(id.to_string(), end);
        tasks.push(Task {
            section: sections.last().cloned(),
            title: title.to_string(),
            tags,
            id: id.to_string(),
            after,
            start,
            end,
        });
    }
    if !seen_gantt {
        problems.push("no `gantt` line".into());
    }
    (sections, tasks, problems)
}

/// Every problem of a Mermaid `gantt` block.
pub(crate) fn mermaid_problems(block: &str) -> Vec<String> {
    parse_mermaid(block).2
}

#[track_caller]
fn parse_ok(block: &str) -> (Vec<String>, Vec<Task>) {
    let (sections, tasks, problems) = parse_mermaid(block);
    assert!(
        problems.is_empty(),
        "broken Mermaid:\n{}\n--- block\n{block}",
        problems.join("\n")
    );
    (sections, tasks)
}

/// A title or section as the tool must sanitise it: no `:`, `#`, `;` or
/// line breaks, single spaces.
fn sanitize(s: &str) -> String {
    let words = s
        .replace([':', '#', ';', '%', '\n', '\r', '\t'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lower = words.to_lowercase();
    let keywords = [
        "gantt",
        "title",
        "section",
        "dateformat",
        "axisformat",
        "tickinterval",
        "todaymarker",
        "excludes",
        "includes",
        "inclusiveenddates",
        "topaxis",
        "weekday",
        "weekend",
        "click",
        "call",
        "href",
        "acctitle",
        "accdescr",
        "displaymode",
        "datemarker",
    ];
    if words.starts_with(|c: char| c.is_ascii_digit())
        || keywords.iter().any(|k| lower.starts_with(k))
    {
        format!("\u{200b}{words}")
    } else {
        words
    }
}

fn task_id(project: &str, milestone: Option<&str>) -> String {
    let id = match milestone {
        Some(m) => format!("m_{project}__{m}"),
        None => format!("p_{project}"),
    };
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

// ------------------------------------------------------------- snapshots

#[test]
fn snapshot_bars_agency() {
    insta::assert_snapshot!("bars_agency", gantt(""));
}

#[test]
fn snapshot_mermaid_agency() {
    insta::assert_snapshot!("mermaid_agency", gantt("--format mermaid"));
}

#[test]
fn snapshot_quarter_agency() {
    insta::assert_snapshot!("quarter_agency", gantt("--by quarter"));
}

// ----------------------------------------------------------------- Mermaid

#[test]
fn checker_rejects_lines_that_would_break() {
    let head = "gantt\n    dateFormat YYYY-MM-DD\n    section A\n";
    let ok =
        format!("{head}    T :crit, a, 2026-01-01, 2026-01-05\n    U :b, after a, 2026-01-09\n");
    assert!(
        mermaid_problems(&ok).is_empty(),
        "{:?}",
        mermaid_problems(&ok)
    );
    for bad in [
        "    T: x :a, 2026-01-01, 2026-01-05",
        "    T #1 :a, 2026-01-01, 2026-01-05",
        "    T :a, crit, 2026-01-01, 2026-01-05",
        "    T :a, after zz, 2026-01-05",
        "    T :a, 2026-01-01, 2026-01-05\n    U :a, 2026-01-01, 2026-01-05",
        "    T :a, 2026-01-01, 01/05/2026",
        "    Section x :a, 2026-01-01, 2026-01-05",
        "    5% off :a, 2026-01-01, 2026-01-05",
        "    T :done, 2026-01-01, 2026-01-05",
    ] {
        assert!(
            !mermaid_problems(&format!("{head}{bad}\n")).is_empty(),
            "{bad}"
        );
    }
}

#[test]
fn mermaid_agency_is_well_formed() {
    let out = gantt("--format mermaid");
    assert!(
        out.starts_with("```mermaid\ngantt\n") && out.ends_with("```\n"),
        "{out}"
    );
    let (sections, tasks) = parse_ok(&out);
    let today = today();
    let projects = agency_projects();
    let open: Vec<&Proj> = projects.iter().filter(|p| p.open()).collect();

    // One section per client of the open projects, each once.
    let clients: BTreeSet<String> = open.iter().map(|p| sanitize(&p.client)).collect();
    let unique: BTreeSet<String> = sections.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        sections.len(),
        "a section twice: {sections:?}"
    );
    assert_eq!(unique, clients);

    let by_id: HashMap<&str, &Task> = tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    for p in &projects {
        let pid = task_id(&p.id, None);
        if !p.open() {
            assert!(
                !tasks
                    .iter()
                    .any(|t| t.id == pid || t.id.starts_with(&format!("{pid}__"))),
                "done project {} in the chart",
                p.id
            );
            continue;
        }
        let t = by_id
            .get(pid.as_str())
            .unwrap_or_else(|| panic!("no task for {}", p.id));
        assert_eq!(
            t.section.as_deref(),
            Some(sanitize(&p.client).as_str()),
            "{}",
            p.id
        );
        assert_eq!(t.title, sanitize(&p.name));
        assert_eq!(t.end, p.due);
        let crit = p.overdue(today) || p.health == "red";
        assert_eq!(
            t.tags.contains(&"crit".to_string()),
            crit,
            "crit on {}",
            p.id
        );
        assert_eq!(
            t.tags.contains(&"active".to_string()),
            p.status == "in-progress",
            "active on {}",
            p.id
        );
        for m in &p.milestones {
            let mid = task_id(&p.id, Some(&m.id));
            match (&m.every, m.due) {
                (None, Some(due)) => {
                    let t = by_id
                        .get(mid.as_str())
                        .unwrap_or_else(|| panic!("no task {mid}"));
                    assert_eq!(t.end, due);
                    assert_eq!(t.section.as_deref(), Some(sanitize(&p.client).as_str()));
                    assert_eq!(
                        t.tags.contains(&"done".to_string()),
                        m.status == "done",
                        "{mid}"
                    );
                    for dep in &t.after {
                        assert!(
                            dep.starts_with(&format!("m{}__", &pid[1..])),
                            "{mid} after {dep}"
                        );
                    }
                }
                _ => assert!(!by_id.contains_key(mid.as_str()), "{mid} has no due date"),
            }
        }
    }
    // Dependencies are drawn: a milestone whose dependencies all end before
    // it starts after them.
    let dependent = tasks.iter().filter(|t| !t.after.is_empty()).count();
    assert!(
        dependent >= 20,
        "only {dependent} tasks start after another"
    );
}

/// Names and dependencies that break a naive Mermaid writer.
fn hostile_gantt() -> Test {
    Test::tracker("due_soon_days: 3\n")
        .file(
            "projects/hostile.yaml",
            r#"client: "Evil: Corp #1; \"Quoted\""
project: "Launch: phase #2; \"go\"\nlive"
stage: active
status: in-progress
health: red
owner: Mallory
created: 2026-11-01
due: 2026-12-20
milestones:
  - id: a
    name: "Step: one #1; x"
    start: 2026-11-05
    due: 2026-11-20
    status: done
  - id: b
    name: "Step two\nnext \"quoted\""
    due: 2026-11-10
    depends_on: [a]
  - id: c
    name: "Third; 'final' :"
    due: 2026-12-15
    depends_on: [a, b]
  - id: r
    name: "Weekly: sync"
    every: every monday
  - id: nostart
    name: "No start #x"
    due: 2026-12-18
  - id: late
    name: "Late :::"
    due: 2026-11-25
    status: in-progress
  - id: blank
    name: "::: ### ;;;"
    due: 2026-12-19
    depends_on: [nostart]
"#,
        )
        .file(
            "projects/second.yaml",
            r#"client: "Second\nclient; #2"
project: "Plain"
stage: onboarding
status: not-started
health: green
owner: Mallory
due: 2027-01-10
milestones:
  - id: only
    name: "Only: one"
    due: 2027-01-09
  - id: monthly
    name: "Monthly"
    every: 15th of month
"#,
        )
        .file(
            "projects/finished.yaml",
            r#"client: "Done: Co"
project: "Finished: thing"
stage: offboarding
status: done
health: green
owner: Mallory
due: 2026-11-01
milestones:
  - id: x
    name: X
    due: 2026-10-20
    status: done
"#,
        )
}

#[test]
fn mermaid_hostile_names_and_dependencies_are_well_formed() {
    let out = hostile_gantt()
        .args("gantt --format mermaid")
        .expect_code(0)
        .stdout;
    let (sections, tasks) = parse_ok(&out);
    assert_eq!(sections, [r#"Evil Corp 1 "Quoted""#, "Second client 2"]);
    let ids: Vec<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "p_hostile",
            "m_hostile__a",
            "m_hostile__b",
            "m_hostile__c",
            "m_hostile__nostart",
            "m_hostile__late",
            "m_hostile__blank",
            "p_second",
            "m_second__only",
        ],
        "{out}"
    );
    let t: HashMap<&str, &Task> = tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    assert_eq!(t["p_hostile"].title, r#"Launch phase 2 "go" live"#);
    assert_eq!(t["m_hostile__a"].tags, ["done"]);
    // `b` depends on `a`, which is due after it: no `after`.
    assert!(t["m_hostile__b"].after.is_empty(), "{out}");
    assert!(t["m_hostile__b"].start.is_some());
    assert_eq!(t["m_hostile__c"].after, ["m_hostile__a", "m_hostile__b"]);
    assert!(t["m_hostile__late"].tags.contains(&"crit".to_string()));
    assert!(t["m_hostile__late"].tags.contains(&"active".to_string()));
    assert!(!t["m_hostile__blank"].title.is_empty());
    assert_eq!(t["m_hostile__blank"].after, ["m_hostile__nostart"]);
    assert_eq!(t["p_second"].section.as_deref(), Some("Second client 2"));
    assert!(!out.contains("Done"), "a done project's client in\n{out}");
}

#[test]
fn mermaid_never_names_an_unknown_dependency() {
    let make = || {
        Test::tracker("due_soon_days: 3\n")
            .file(
                "projects/good.yaml",
                "client: Good\nproject: Fine\nstage: active\nstatus: in-progress\nhealth: green\n\
             owner: Mallory\ncreated: 2026-11-01\ndue: 2026-12-20\nmilestones:\n  - id: one\n    \
             name: One\n    due: 2026-12-01\n  - id: two\n    name: Two\n    due: 2026-12-10\n    \
             depends_on: [one]\n",
            )
            .file(
                "projects/bad.yaml",
                "client: Bad\nproject: Ghost\nstage: active\nstatus: in-progress\nhealth: green\n\
             owner: Mallory\ncreated: 2026-11-01\ndue: 2026-12-20\nmilestones:\n  - id: one\n    \
             name: One\n    due: 2026-12-01\n    depends_on: [ghost]\n",
            )
    };
    for args in ["gantt --format mermaid", "report"] {
        let out = make().args(args).run();
        assert_eq!(out.code, 2, "{args}: a file was skipped");
        assert!(out.stderr.contains("ghost"), "{args}: {}", out.stderr);
        let block = if args == "report" {
            out.stdout
                .split("```mermaid\n")
                .nth(1)
                .and_then(|s| s.split("```").next())
                .unwrap()
                .to_string()
        } else {
            out.stdout.clone()
        };
        let (_, tasks) = parse_ok(&block);
        assert!(!block.contains("ghost"), "{block}");
        assert!(
            tasks
                .iter()
                .any(|t| t.id == "m_good__two" && t.after == ["m_good__one"])
        );
    }
}

#[test]
fn mermaid_task_ids_stay_unique_when_slugs_collide() {
    // `acme` + milestone `launch` and the project `acme--launch` both give
    // `acme__launch`; a project named `crit` would be read as a tag.
    let project = |client: &str, extra: &str| {
        format!(
            "client: {client}\nproject: P\nstage: active\nstatus: in-progress\nhealth: green\n\
             owner: Mallory\ncreated: 2026-11-01\ndue: 2026-12-20\n{extra}"
        )
    };
    let out = Test::tracker("due_soon_days: 3\n")
        .file(
            "projects/acme.yaml",
            &project(
                "Acme",
                "milestones:\n  - id: launch\n    name: Launch\n    due: 2026-12-10\n",
            ),
        )
        .file("projects/acme--launch.yaml", &project("Acme", ""))
        .file("projects/crit.yaml", &project("Crit Co", ""))
        .args("gantt --format mermaid")
        .expect_code(0)
        .stdout;
    parse_ok(&out);
}

#[test]
fn mermaid_titles_are_never_read_as_keywords_or_comments() {
    let names = [
        "5% off",
        "%% hidden",
        "Section pages",
        "Title sequence",
        "Call center scripts",
        "Click tracking setup",
        "Gantt review",
        "Excludes weekends",
        "2027-01-05 kickoff",
    ];
    let milestones: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("  - id: m{i}\n    name: \"{n}\"\n    due: 2026-12-1{i}\n"))
        .collect();
    let out = Test::tracker("due_soon_days: 3\n")
        .file(
            "projects/words.yaml",
            &format!(
                "client: Words\nproject: \"Section 2 rollout\"\nstage: active\n\
                 status: in-progress\nhealth: green\nowner: Mallory\ncreated: 2026-11-01\n\
                 due: 2026-12-20\nmilestones:\n{milestones}"
            ),
        )
        .args("gantt --format mermaid")
        .expect_code(0)
        .stdout;
    let (_, tasks) = parse_ok(&out);
    assert_eq!(tasks.len(), 1 + names.len());
}

// ------------------------------------------------------------ terminal bars

/// An entry of the bars: a project (its id, from the line above its bar)
/// or a milestone (its label, 28 columns, maybe cut with `…`), and the text
/// after the bar area.
struct Bar {
    milestone: bool,
    label: String,
    overdue: bool,
    after: Option<String>,
}

/// The bars: each project's id on a line of its own, then its bar labelled
/// with the owner (indented 2), then its milestones (indented 4).
fn bars(out: &str) -> Vec<Bar> {
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("Timeline "), "{out}");
    lines.next().expect("the month axis");
    let mut found: Vec<Bar> = Vec::new();
    for line in lines {
        if !line.starts_with(' ') {
            found.push(Bar {
                milestone: false,
                label: line.to_string(),
                overdue: false,
                after: None,
            });
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        assert!(chars.len() >= 28, "short line {line:?}");
        let label: String = chars[..28]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string();
        let rest: String = chars[28..].iter().collect();
        let (rest, overdue) = match rest.strip_suffix(" overdue") {
            Some(r) => (r.to_string(), true),
            None => (rest, false),
        };
        let after = rest.split_once(" after ").map(|(_, d)| d.to_string());
        if label.starts_with("    ") {
            found.push(Bar {
                milestone: true,
                label: label.trim_start().to_string(),
                overdue,
                after,
            });
        } else {
            // The project's own bar, labelled with its owner.
            let p = found
                .last_mut()
                .unwrap_or_else(|| panic!("a bar before its project id: {line:?}"));
            assert!(!p.milestone, "an owner bar after a milestone: {line:?}");
            p.overdue = overdue;
            assert!(after.is_none(), "{line:?}");
        }
    }
    found
}

/// Whether a (maybe cut) label shows `id`.
fn shows(label: &str, id: &str) -> bool {
    label == id
        || label
            .strip_suffix('…')
            .is_some_and(|cut| id.starts_with(cut))
}

#[test]
fn bars_show_every_open_project_once() {
    let out = gantt("");
    let lines = bars(&out);
    let projects = agency_projects();
    let open: Vec<&Proj> = projects.iter().filter(|p| p.open()).collect();
    let labels: Vec<&str> = lines
        .iter()
        .filter(|b| !b.milestone)
        .map(|b| b.label.as_str())
        .collect();
    // One line per open project, and no line for a done one.
    assert_eq!(labels.len(), open.len(), "{out}");
    for l in &labels {
        assert!(
            open.iter().any(|p| shows(l, &p.id)),
            "`{l}` is no open project"
        );
        assert!(
            !projects.iter().any(|p| !p.open() && p.id == *l),
            "done project {l} shown"
        );
    }
    // Each open project can be told from the others: its id in full, once.
    let not_in_full: Vec<&str> = open
        .iter()
        .filter(|p| labels.iter().filter(|l| **l == p.id).count() != 1)
        .map(|p| p.id.as_str())
        .collect();
    let mut ambiguous: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for l in &labels {
        let ids: Vec<&str> = open
            .iter()
            .filter(|p| shows(l, &p.id))
            .map(|p| p.id.as_str())
            .collect();
        if ids.len() > 1 || labels.iter().filter(|x| *x == l).count() > 1 {
            ambiguous.insert(l, ids);
        }
    }
    assert!(
        not_in_full.is_empty() && ambiguous.is_empty(),
        "{} open projects are not shown by their full id: {not_in_full:#?}\n\
         labels shared by several projects: {ambiguous:#?}\n{out}",
        not_in_full.len()
    );
}

#[test]
fn bars_mark_overdue_and_dependencies() {
    let today = today();
    let out = gantt("");
    let projects = agency_projects();
    let open: Vec<&Proj> = projects.iter().filter(|p| p.open()).collect();
    let mut candidates: Vec<&Proj> = Vec::new();
    let mut seen_milestones = 0;
    for b in bars(&out) {
        if !b.milestone {
            candidates = open
                .iter()
                .copied()
                .filter(|p| shows(&b.label, &p.id))
                .collect();
            assert!(!candidates.is_empty(), "`{}` is no open project", b.label);
            for p in &candidates {
                assert_eq!(b.overdue, p.overdue(today), "overdue on {}", p.id);
            }
            assert!(b.after.is_none());
            continue;
        }
        let ms: Vec<_> = candidates
            .iter()
            .flat_map(|p| p.milestones.iter())
            .filter(|m| shows(&b.label, &m.id))
            .collect();
        assert!(
            !ms.is_empty(),
            "milestone `{}` of no project above it",
            b.label
        );
        for m in ms {
            assert!(m.every.is_none() && m.due.is_some(), "{}", m.id);
            let deps = (!m.depends_on.is_empty()).then(|| m.depends_on.join(", "));
            assert_eq!(b.after, deps, "dependencies of {}", m.id);
            let late = m.status != "done" && m.due.unwrap() < today;
            assert_eq!(b.overdue, late, "overdue on milestone {}", m.id);
        }
        seen_milestones += 1;
    }
    let dated: usize = open
        .iter()
        .flat_map(|p| p.milestones.iter())
        .filter(|m| m.every.is_none() && m.due.is_some())
        .count();
    assert_eq!(seen_milestones, dated);
}

// ------------------------------------------------------------------ quarters

#[test]
fn quarters_group_open_projects_by_due_date() {
    let projects = agency_projects();
    let mut expected: BTreeMap<(i32, u32), BTreeSet<String>> = BTreeMap::new();
    for p in projects.iter().filter(|p| p.open()) {
        expected
            .entry((p.due.year(), (p.due.month() - 1) / 3 + 1))
            .or_default()
            .insert(p.id.clone());
    }
    let out = gantt("--by quarter");
    assert!(out.starts_with("Roadmap on 2026-12-07"), "{out}");
    let mut got: Vec<(String, BTreeSet<String>)> = Vec::new();
    for line in out.lines().skip(1) {
        if line.is_empty() || line.starts_with("      ") {
            continue;
        }
        if let Some(id) = line.strip_prefix("  ") {
            got.last_mut()
                .expect("a project before any quarter")
                .1
                .insert(id.to_string());
        } else {
            got.push((line.to_string(), BTreeSet::new()));
        }
    }
    let expected: Vec<(String, BTreeSet<String>)> = expected
        .into_iter()
        .map(|((y, q), ids)| (format!("{y} Q{q} ({})", ids.len()), ids))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(got[0].0, "2026 Q4 (18)");
    assert_eq!(got[1].0, "2027 Q1 (10)");
}
