//! Tests of `tracker board`: Kanban columns Not started, In progress,
//! Blocked, Done, one card per project (client — project, owner, health,
//! due), as a terminal table or Markdown. Facts about `fixtures/agency` come
//! from its README (reference day 2026-12-07) and its `list --format json`.

use serde_json::Value;

use crate::support::Test;
use crate::support::agency::OVERDUE;

/// The columns in board order, with the README's status counts.
const COLUMNS: &[(&str, &str, usize)] = &[
    ("Not started", "not-started", 4),
    ("In progress", "in-progress", 16),
    ("Blocked", "blocked", 8),
    ("Done", "done", 6),
];

// ------------------------------------------------------------------ helpers

/// A project as `list --format json` gives it.
struct Project {
    id: String,
    client: String,
    project: String,
    status: String,
    health: String,
    owner: String,
    due: String,
}

impl Project {
    /// The card's two lines, as the board should print them.
    fn card(&self) -> (String, String) {
        let late = if OVERDUE.contains(&self.id.as_str()) {
            " (overdue)"
        } else {
            ""
        };
        (
            format!("{} — {}", self.client, self.project),
            format!("{} · {} · due {}{late}", self.owner, self.health, self.due),
        )
    }
}

fn agency_projects() -> Vec<Project> {
    let out = Test::fixture("agency")
        .args("list --format json")
        .expect_code(0);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let f = |k: &str| p[k].as_str().unwrap().to_string();
            Project {
                id: f("id"),
                client: f("client"),
                project: f("project"),
                status: f("status"),
                health: f("health"),
                owner: f("owner"),
                due: f("due"),
            }
        })
        .collect()
}

/// Markdown escaping of the board's text (the same characters as the
/// Markdown tables: pipes, backslashes and formatting characters).
fn md(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The Markdown board as `(heading, bullets)` per column.
fn md_columns(out: &str) -> Vec<(String, Vec<String>)> {
    let mut cols: Vec<(String, Vec<String>)> = Vec::new();
    for line in out.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            cols.push((h.to_string(), Vec::new()));
        } else if line.starts_with("- ") || line == "_none_" {
            cols.last_mut()
                .expect("a heading first")
                .1
                .push(line.to_string());
        } else {
            assert!(line.is_empty(), "unexpected line {line:?}");
        }
    }
    cols
}

/// The terminal board split into its columns by the header's offsets
/// (in characters): `(header, cards)`, each card's wrapped lines joined by
/// a space.
fn table_columns(out: &str) -> Vec<(String, Vec<String>)> {
    let lines: Vec<Vec<char>> = out.lines().map(|l| l.chars().collect()).collect();
    let header: String = lines[0].iter().collect();
    let starts: Vec<usize> = COLUMNS
        .iter()
        .map(|(title, _, _)| {
            let at = header
                .find(&format!("{title} ("))
                .unwrap_or_else(|| panic!("{title} in {header:?}"));
            header[..at].chars().count()
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "column order");
    let mut cols = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied();
        let cut = |l: &[char]| -> String {
            let to = end.unwrap_or(l.len()).min(l.len());
            if *start >= to {
                String::new()
            } else {
                l[*start..to].iter().collect::<String>().trim().to_string()
            }
        };
        let title = cut(&lines[0]);
        let mut cards: Vec<String> = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for l in &lines[1..] {
            let text = cut(l);
            if text.is_empty() {
                if !current.is_empty() {
                    cards.push(current.join(" "));
                    current.clear();
                }
            } else {
                current.push(text);
            }
        }
        if !current.is_empty() {
            cards.push(current.join(" "));
        }
        cols.push((title, cards));
    }
    cols
}

/// A tracker with projects given as `(id, client, project, status, due)`.
fn tracker(projects: &[(&str, &str, &str, &str, &str)]) -> Test {
    let mut t = Test::tracker("stale_days: 7\n");
    for (id, client, project, status, due) in projects {
        let reason = if *status == "blocked" {
            "blocked_reason: legal review\n"
        } else {
            ""
        };
        t = t.file(
            &format!("projects/{id}.yaml"),
            &format!(
                "client: {client}\nproject: {project}\nstage: active\nstatus: {status}\n\
                 health: yellow\nowner: Marie Dupont\ngoal: Ship it\ncreated: 2026-12-01\n\
                 due: {due}\n{reason}"
            ),
        );
    }
    t
}

// ------------------------------------------------------ the agency portfolio

#[test]
fn snapshot_of_the_board() {
    let out = Test::fixture("agency").args("board").expect_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    insta::assert_snapshot!("board_agency", out.stdout);
}

#[test]
fn snapshot_of_the_markdown_board() {
    let out = Test::fixture("agency")
        .args("board --format md")
        .expect_code(0);
    insta::assert_snapshot!("board_md_agency", out.stdout);
}

#[test]
fn columns_come_in_order_with_the_readmes_counts() {
    let out = Test::fixture("agency").args("board").expect_code(0);
    let cols = table_columns(&out.stdout);
    let titles: Vec<&str> = cols.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Not started (4)",
            "In progress (16)",
            "Blocked (8)",
            "Done (6)"
        ]
    );
    for ((_, cards), (title, _, n)) in cols.iter().zip(COLUMNS) {
        assert_eq!(cards.len(), *n, "{title}: {cards:#?}");
    }
    let out = Test::fixture("agency")
        .args("board --format md")
        .expect_code(0);
    let headings: Vec<String> = md_columns(&out.stdout)
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    assert_eq!(
        headings,
        [
            "Not started (4)",
            "In progress (16)",
            "Blocked (8)",
            "Done (6)"
        ]
    );
}

#[test]
fn every_project_appears_exactly_once_in_its_column_in_markdown() {
    let projects = agency_projects();
    assert_eq!(projects.len(), 34);
    let out = Test::fixture("agency")
        .args("board --format md")
        .expect_code(0);
    let cols = md_columns(&out.stdout);
    let total: usize = cols.iter().map(|(_, b)| b.len()).sum();
    assert_eq!(total, 34, "one bullet per project");
    for p in &projects {
        let (a, b) = p.card();
        let bullet = format!("- **{}** · {}", md(&a), md(&b));
        let (col, _, _) = COLUMNS.iter().find(|c| c.1 == p.status).unwrap();
        for (heading, bullets) in &cols {
            let n = bullets.iter().filter(|l| **l == bullet).count();
            let want = usize::from(heading.starts_with(&format!("{col} (")));
            assert_eq!(n, want, "{bullet} under {heading}\n{}", out.stdout);
        }
    }
}

#[test]
fn every_project_appears_exactly_once_in_its_column_in_the_table() {
    let projects = agency_projects();
    let out = Test::fixture("agency").args("board").expect_code(0);
    let cols = table_columns(&out.stdout);
    for p in &projects {
        let (a, b) = p.card();
        let card = format!("{a} {b}");
        let (col, _, _) = COLUMNS.iter().find(|c| c.1 == p.status).unwrap();
        for (title, cards) in &cols {
            let n = cards.iter().filter(|c| **c == card).count();
            let want = usize::from(title.starts_with(&format!("{col} (")));
            assert_eq!(n, want, "{card:?} under {title}: {cards:#?}");
        }
    }
}

#[test]
fn cards_show_client_project_owner_health_and_due() {
    let out = Test::fixture("agency")
        .args("board --format md")
        .expect_code(0);
    for line in [
        "- **Initech — Intranet redesign** · Lucas Moreau · red · due 2026-11-30 (overdue)",
        "- **Pâtisserie Fleurac — Campagne coffrets de Noël** · Aisha Khan · green · due 2026-12-07",
        "- **Café Étoile — Menu photoshoot** · Sophie Martin · green · due 2026-12-08",
        "- **Hôtel du Lac — Winter season newsletter** · Sophie Martin · green · due 2026-12-11",
    ] {
        assert_eq!(
            out.stdout.lines().filter(|l| *l == line).count(),
            1,
            "{line}\n{}",
            out.stdout
        );
    }
}

#[test]
fn only_overdue_cards_say_overdue() {
    let out = Test::fixture("agency")
        .args("board --format md")
        .expect_code(0);
    let late: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.ends_with(" (overdue)"))
        .collect();
    assert_eq!(late.len(), OVERDUE.len(), "{late:#?}");
    assert_eq!(out.stdout.matches("(overdue)").count(), OVERDUE.len());
    // Done projects with past due dates are not overdue.
    assert!(
        out.stdout.contains(
            "- **Northwind Traders — Brand guidelines** · Sophie Martin · green · due 2026-11-06\n"
        ),
        "{}",
        out.stdout
    );
    // Due today is not overdue.
    assert!(
        !out.stdout.contains(
            "Campagne coffrets de Noël** · Aisha Khan · green · due 2026-12-07 (overdue)"
        )
    );
}

#[test]
fn cards_are_sorted_by_due_date_within_a_column() {
    let out = Test::fixture("agency")
        .args("board --format md")
        .expect_code(0);
    for (heading, bullets) in md_columns(&out.stdout) {
        let dues: Vec<&str> = bullets
            .iter()
            .map(|b| {
                let at = b.rfind(" · due ").unwrap();
                &b[at + 7..at + 17]
            })
            .collect();
        assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{heading}: {dues:?}");
    }
}

#[test]
fn filters_apply_and_empty_columns_say_none() {
    let out = Test::fixture("agency")
        .args("board --format md --owner")
        .arg("Lucas Moreau")
        .expect_code(0);
    assert_eq!(
        out.stdout,
        "## Not started (0)\n\
         \n\
         _none_\n\
         \n\
         ## In progress (1)\n\
         \n\
         - **Globex Industries — CRM migration to HubSpot** · Lucas Moreau · red · due 2026-12-02 (overdue)\n\
         \n\
         ## Blocked (2)\n\
         \n\
         - **Initech — Intranet redesign** · Lucas Moreau · red · due 2026-11-30 (overdue)\n\
         - **Société Générale Immobilier — Campagne Google Ads programmes neufs** · Lucas Moreau · red · due 2026-12-15\n\
         \n\
         ## Done (1)\n\
         \n\
         - **Brightline Fitness — Membership landing page** · Lucas Moreau · green · due 2026-12-01\n"
    );
}

// ---------------------------------------------------- small trackers

#[test]
fn a_small_board_as_a_table() {
    let out = tracker(&[
        ("a", "Acme", "Site", "in-progress", "2026-12-01"),
        ("b", "Beta", "Ads", "blocked", "2026-12-20"),
    ])
    .args("board")
    .expect_code(0);
    let cols = table_columns(&out.stdout);
    assert_eq!(
        cols,
        [
            ("Not started (0)".to_string(), vec![]),
            (
                "In progress (1)".to_string(),
                vec!["Acme — Site Marie Dupont · yellow · due 2026-12-01 (overdue)".to_string()]
            ),
            (
                "Blocked (1)".to_string(),
                vec!["Beta — Ads Marie Dupont · yellow · due 2026-12-20".to_string()]
            ),
            ("Done (0)".to_string(), vec![]),
        ]
    );
}

#[test]
fn markdown_escapes_names() {
    let out = tracker(&[("x", "Acme", "\"<b>|x*\"", "in-progress", "2026-12-20")])
        .args("board --format md")
        .expect_code(0);
    assert!(
        out.stdout
            .contains("- **Acme — \\<b\\>\\|x\\*** · Marie Dupont · yellow · due 2026-12-20\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("<b>"), "{}", out.stdout);
    assert!(!out.stdout.contains("x*"), "{}", out.stdout);
    for ch in ["\\|", "\\*", "\\<", "\\>"] {
        assert!(out.stdout.contains(ch), "{ch}: {}", out.stdout);
    }
}

#[test]
fn the_terminal_board_prints_names_verbatim() {
    let out = tracker(&[("x", "Acme", "\"<b>|x*\"", "in-progress", "2026-12-20")])
        .args("board")
        .expect_code(0);
    assert!(out.stdout.contains("Acme — <b>|x*"), "{}", out.stdout);
}

#[test]
fn an_empty_tracker_has_four_empty_columns() {
    let out = Test::tracker("").args("board --format md").expect_code(0);
    assert_eq!(
        out.stdout,
        "## Not started (0)\n\n_none_\n\n## In progress (0)\n\n_none_\n\n\
         ## Blocked (0)\n\n_none_\n\n## Done (0)\n\n_none_\n"
    );
}
