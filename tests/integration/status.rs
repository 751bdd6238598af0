//! Tests of `tracker status`: the dashboard (counts, then the attention lists
//! red, overdue, blocked by reason, due soon, stale) and the card of one
//! project. Expected facts for `fixtures/agency` come from its README (as
//! seen on the reference day 2026-12-07) and, for counts and other days, from
//! a small model of SPEC §2 computed here straight from the YAML files.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::support::agency::{
    BLOCKED_WITH_REASONS as BLOCKED, DONE, DUE_SOON, OVERDUE, OVERDUE_MILESTONES, RED,
};
use crate::support::{Test, fixtures};

// ------------------------------------------------------- the README's facts

/// The README's stale projects with their last activity (update, or
/// `created` when there is none).
const STALE: &[(&str, &str)] = &[
    ("hotel-du-lac-winter-season-newsletter", "2026-11-18"),
    ("initech-intranet-redesign", "2026-11-24"),
    (
        "les-jardins-de-provence-strategie-de-contenu-seo",
        "2026-11-29",
    ),
    ("umbrella-health-wellness-blog", "2026-11-16"),
    ("zenith-assurances-campagne-video-youtube", "2026-11-20"),
];

/// The headings of the attention sections, in the order the issue asks for.
const SECTIONS: &[&str] = &[
    "Red",
    "Overdue",
    "Blocked",
    "Due soon, within 3 days",
    "Stale, no update for over 7 days",
];

// ------------------------------------- an independent model of the fixture

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A milestone as the model needs it.
struct Milestone {
    id: String,
    due: Option<NaiveDate>,
    done: bool,
    recurring: bool,
}

/// One project file of the fixture, read with `serde_yaml`, not with the tool.
struct Project {
    id: String,
    client: String,
    owner: String,
    stage: String,
    status: String,
    health: String,
    due: NaiveDate,
    last_activity: Option<NaiveDate>,
    milestones: Vec<Milestone>,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn read_projects(dir: &Path, out: &mut Vec<Project>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_projects(&path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let v: Value = serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let field = |k: &str| text(&v, k).unwrap_or_else(|| panic!("{path:?}: no `{k}`"));
        let updates = v.get("updates").and_then(Value::as_sequence);
        let last_update = updates
            .into_iter()
            .flatten()
            .filter_map(|u| text(u, "date"))
            .map(|d| day(&d))
            .max();
        let milestones = v
            .get("milestones")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .map(|m| Milestone {
                id: text(m, "id").unwrap(),
                due: text(m, "due").map(|d| day(&d)),
                done: text(m, "status").as_deref() == Some("done"),
                recurring: m.get("every").is_some(),
            })
            .collect();
        out.push(Project {
            id: path.file_stem().unwrap().to_string_lossy().into_owned(),
            client: field("client"),
            owner: field("owner"),
            stage: field("stage"),
            status: field("status"),
            health: field("health"),
            due: day(&field("due")),
            last_activity: last_update.or_else(|| text(&v, "created").map(|d| day(&d))),
            milestones,
        });
    }
}

/// Every project of `fixtures/agency`, sorted by id.
fn agency_projects() -> Vec<Project> {
    let mut out = Vec::new();
    read_projects(&fixtures().join("agency/projects"), &mut out);
    out.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(out.len(), 34, "the README's 34 projects");
    out
}

impl Project {
    fn open(&self) -> bool {
        self.status != "done"
    }
    fn overdue(&self, today: NaiveDate) -> bool {
        self.open() && self.due < today
    }
    /// `due_soon_days: 3` in the fixture's tracker.yaml.
    fn due_soon(&self, today: NaiveDate) -> bool {
        self.open() && today <= self.due && (self.due - today).num_days() <= 3
    }
    /// `stale_days: 7` in the fixture's tracker.yaml.
    fn stale(&self, today: NaiveDate) -> bool {
        self.open()
            && self
                .last_activity
                .is_some_and(|d| (today - d).num_days() > 7)
    }
    fn late_milestones(&self, today: NaiveDate) -> Vec<String> {
        if !self.open() {
            return Vec::new();
        }
        self.milestones
            .iter()
            .filter(|m| !m.recurring && !m.done && m.due.is_some_and(|d| d < today))
            .map(|m| format!("{} › {}", self.id, m.id))
            .collect()
    }
}

/// The ids of the projects for which `pred` holds, sorted.
fn model_ids(projects: &[Project], pred: impl Fn(&Project) -> bool) -> Vec<String> {
    projects
        .iter()
        .filter(|p| pred(p))
        .map(|p| p.id.clone())
        .collect()
}

/// The counts lines the dashboard should print for these projects.
fn model_counts(projects: &[&Project]) -> BTreeMap<String, String> {
    let line = |values: &[&str], of: &dyn Fn(&Project) -> &str| {
        values
            .iter()
            .map(|v| {
                let n = projects.iter().filter(|p| of(p) == *v).count();
                format!("{n} {v}")
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    BTreeMap::from([
        (
            "Health".to_string(),
            line(&["green", "yellow", "red"], &|p| p.health.as_str()),
        ),
        (
            "Status".to_string(),
            line(&["not-started", "in-progress", "blocked", "done"], &|p| {
                p.status.as_str()
            }),
        ),
        (
            "Stage".to_string(),
            line(&["onboarding", "active", "offboarding"], &|p| {
                p.stage.as_str()
            }),
        ),
    ])
}

fn sorted(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn the_model_agrees_with_the_readme() {
    // The model the other tests lean on must itself say what the README says.
    let ps = agency_projects();
    let today = day("2026-12-07");
    assert_eq!(
        model_ids(&ps, |p| p.open() && p.health == "red"),
        sorted(RED)
    );
    assert_eq!(model_ids(&ps, |p| p.overdue(today)), sorted(OVERDUE));
    assert_eq!(model_ids(&ps, |p| p.due_soon(today)), sorted(DUE_SOON));
    let stale: Vec<&str> = STALE.iter().map(|(id, _)| *id).collect();
    assert_eq!(model_ids(&ps, |p| p.stale(today)), sorted(&stale));
    assert_eq!(model_ids(&ps, |p| !p.open()), sorted(DONE));
    let mut late: Vec<String> = ps.iter().flat_map(|p| p.late_milestones(today)).collect();
    late.sort();
    assert_eq!(late, sorted(OVERDUE_MILESTONES));
    let all: Vec<&Project> = ps.iter().collect();
    assert_eq!(model_counts(&all)["Health"], "18 green · 10 yellow · 6 red");
}

// ------------------------------------------------- reading the dashboard

/// An attention section: its heading, the count it announces (`None` for
/// `: none`) and its indented body lines.
#[derive(Debug)]
struct Section {
    title: String,
    count: Option<usize>,
    body: Vec<String>,
}

/// The dashboard cut into its parts.
#[derive(Debug)]
struct Dashboard {
    header: String,
    headings: Vec<String>,
    counts: BTreeMap<String, String>,
    sections: Vec<Section>,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

#[track_caller]
fn parse(out: &str) -> Dashboard {
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 5, "a dashboard:\n{out}");
    assert_eq!(lines[1], "", "a blank line after the header:\n{out}");
    let mut counts = BTreeMap::new();
    let mut i = 2;
    while i < lines.len() && !lines[i].is_empty() {
        let (k, v) = lines[i]
            .split_once(' ')
            .unwrap_or_else(|| panic!("a counts line: {:?}", lines[i]));
        counts.insert(k.to_string(), v.trim().to_string());
        i += 1;
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut headings = Vec::new();
    for line in &lines[i..] {
        if line.is_empty() {
            continue;
        }
        if indent(line) == 0 {
            headings.push(line.to_string());
        }
        if indent(line) > 0 {
            sections
                .last_mut()
                .unwrap_or_else(|| panic!("a body line outside a section: {line:?}"))
                .body
                .push(line.to_string());
            continue;
        }
        let (title, count) = if let Some(t) = line.strip_suffix(": none") {
            (t.to_string(), None)
        } else {
            let (t, n) = line
                .strip_suffix(')')
                .and_then(|l| l.rsplit_once(" ("))
                .unwrap_or_else(|| panic!("a section heading: {line:?}"));
            // `Overdue (6 projects, 11 milestones)` counts its projects first.
            let lead: String = n.chars().take_while(char::is_ascii_digit).collect();
            (t.to_string(), Some(lead.parse().expect("a count")))
        };
        sections.push(Section {
            title,
            count,
            body: Vec::new(),
        });
    }
    Dashboard {
        header: lines[0].to_string(),
        headings,
        counts,
        sections,
    }
}

impl Dashboard {
    #[track_caller]
    fn section(&self, title: &str) -> &Section {
        self.sections
            .iter()
            .find(|s| s.title == title)
            .unwrap_or_else(|| panic!("no section {title:?} in {:#?}", self.sections))
    }

    fn titles(&self) -> Vec<&str> {
        self.sections.iter().map(|s| s.title.as_str()).collect()
    }

    /// Every project id any attention section names (milestones included).
    fn named_ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.sections {
            if s.title == "Blocked" {
                for g in blocked_groups(s) {
                    out.extend(g.members.into_iter().map(|(id, _)| id));
                }
                continue;
            }
            let (projects, milestones) = split_milestones(&s.body);
            for (id, _) in entries(projects, 2) {
                out.push(id);
            }
            for (id, _) in entries(milestones, 4) {
                out.push(id.split(" › ").next().unwrap().to_string());
            }
        }
        out
    }
}

/// `(id, detail)` entries written at `at` spaces: either `id  detail` on one
/// line or `id` alone with the detail on the next line, four spaces deeper.
#[track_caller]
fn entries(body: &[String], at: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        if indent(line) != at {
            assert!(indent(line) > at, "{line:?} is outside the entries at {at}");
            i += 1;
            continue;
        }
        let text = line.trim();
        match text.split_once("  ") {
            Some((id, detail)) => out.push((id.to_string(), detail.trim().to_string())),
            None => {
                let detail = body
                    .get(i + 1)
                    .filter(|next| indent(next) == at + 4)
                    .map(|next| next.trim().to_string())
                    .unwrap_or_default();
                out.push((text.to_string(), detail));
            }
        }
        i += 1;
    }
    out
}

fn ids(entries: &[(String, String)]) -> Vec<&str> {
    entries.iter().map(|(id, _)| id.as_str()).collect()
}

/// Splits the body of a section at its `milestones:` line.
fn split_milestones(body: &[String]) -> (&[String], &[String]) {
    match body
        .iter()
        .position(|l| indent(l) == 2 && l.trim() == "milestones:")
    {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, &[]),
    }
}

/// Whether the dashboard has this exact section heading line.
fn out_has_heading(d: &Dashboard, line: &str) -> bool {
    d.headings.iter().any(|h| h == line)
}

/// One reason group of the Blocked section.
#[derive(Debug)]
struct Group {
    heading: String,
    members: Vec<(String, String)>,
}

fn blocked_groups(s: &Section) -> Vec<Group> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for line in &s.body {
        if indent(line) == 2 {
            groups.push((line.trim().to_string(), Vec::new()));
        } else {
            groups
                .last_mut()
                .expect("a group heading")
                .1
                .push(line.clone());
        }
    }
    groups
        .into_iter()
        .map(|(heading, body)| Group {
            heading,
            members: entries(&body, 4),
        })
        .collect()
}

/// The ids of a plain section (Red, Due soon, Stale), in printed order.
fn section_ids(d: &Dashboard, title: &str) -> Vec<String> {
    let s = d.section(title);
    entries(split_milestones(&s.body).0, 2)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// Removes `ESC [ … m` sequences.
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `tracker status` on the agency with extra arguments, each verbatim.
fn agency_status(args: &[&str]) -> Test {
    let mut t = Test::fixture("agency").args("status");
    for a in args {
        t = t.arg(a);
    }
    t
}

/// The dashboard of the agency with extra arguments: exit 0, nothing on stderr.
#[track_caller]
fn agency_dashboard(args: &[&str]) -> (String, Dashboard) {
    let out = agency_status(args).expect_code(0);
    assert_eq!(out.stderr, "");
    let d = parse(&out.stdout);
    (out.stdout, d)
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_of_the_agency_dashboard() {
    let (out, _) = agency_dashboard(&[]);
    insta::assert_snapshot!("status_agency", out);
}

#[test]
fn snapshot_of_the_dashboard_for_one_owner() {
    let (out, _) = agency_dashboard(&["--owner", "Lucas Moreau"]);
    insta::assert_snapshot!("status_owner_lucas_moreau", out);
}

#[test]
fn snapshot_of_the_dashboard_for_one_client() {
    let (out, _) = agency_dashboard(&["--client", "Initech"]);
    insta::assert_snapshot!("status_client_initech", out);
}

// ------------------------------------------------------------ counts lines

#[test]
fn counts_lines_are_exact() {
    let (_, d) = agency_dashboard(&[]);
    assert_eq!(
        d.header,
        "Portfolio on 2026-12-07 (Mon): 34 projects, 28 open"
    );
    let expected = BTreeMap::from([
        (
            "Health".to_string(),
            "18 green · 10 yellow · 6 red".to_string(),
        ),
        (
            "Status".to_string(),
            "4 not-started · 16 in-progress · 8 blocked · 6 done".to_string(),
        ),
        (
            "Stage".to_string(),
            "6 onboarding · 24 active · 4 offboarding".to_string(),
        ),
    ]);
    assert_eq!(d.counts, expected);
    // The same numbers, counted from the files themselves.
    let ps = agency_projects();
    assert_eq!(d.counts, model_counts(&ps.iter().collect::<Vec<_>>()));
}

#[test]
fn counts_lines_follow_the_filters() {
    let ps = agency_projects();
    let (_, d) = agency_dashboard(&["--owner", "Lucas Moreau"]);
    let lucas: Vec<&Project> = ps.iter().filter(|p| p.owner == "Lucas Moreau").collect();
    assert_eq!(lucas.len(), 4);
    assert_eq!(d.counts, model_counts(&lucas));
    assert_eq!(
        d.header,
        "Portfolio on 2026-12-07 (Mon): 4 projects matching the filters, 3 open"
    );

    let (_, d) = agency_dashboard(&["--client", "Initech"]);
    let initech: Vec<&Project> = ps.iter().filter(|p| p.client == "Initech").collect();
    assert_eq!(d.counts, model_counts(&initech));
    assert_eq!(d.counts["Health"], "0 green · 0 yellow · 3 red");
    assert_eq!(
        d.header,
        "Portfolio on 2026-12-07 (Mon): 3 projects matching the filters, 3 open"
    );
    assert_eq!(section_ids(&d, "Red"), sorted_by_readme(&initech, RED));
}

/// The ids of `subset` that are in `list`, in the dashboard's order for
/// Red (due date, then id).
fn sorted_by_readme(subset: &[&Project], list: &[&str]) -> Vec<String> {
    let mut v: Vec<&&Project> = subset
        .iter()
        .filter(|p| list.contains(&p.id.as_str()))
        .collect();
    v.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    v.into_iter().map(|p| p.id.clone()).collect()
}

// ------------------------------------------------------- attention lists

#[test]
fn attention_sections_come_in_the_issues_order() {
    let (_, d) = agency_dashboard(&[]);
    assert_eq!(d.titles(), SECTIONS);
    for s in &d.sections {
        assert!(s.count.is_some(), "{} is not empty on the agency", s.title);
    }
}

#[test]
fn red_lists_exactly_the_readmes_red_projects_by_due_date() {
    let (_, d) = agency_dashboard(&[]);
    assert_eq!(d.section("Red").count, Some(RED.len()));
    let shown = section_ids(&d, "Red");
    let mut got = shown.clone();
    got.sort();
    assert_eq!(got, sorted(RED));
    // Most urgent first.
    let ps = agency_projects();
    let all: Vec<&Project> = ps.iter().collect();
    assert_eq!(shown, sorted_by_readme(&all, RED));
    // Each entry says who owns it and when it is due.
    let red = entries(&d.section("Red").body, 2);
    let (id, detail) = &red[0];
    assert_eq!(id, "zenith-assurances-campagne-video-youtube");
    assert_eq!(detail, "James Carter · due 2026-11-27 (10 days ago)");
}

#[test]
fn overdue_lists_exactly_the_readmes_projects_then_milestones() {
    let (_, d) = agency_dashboard(&[]);
    let s = d.section("Overdue");
    assert_eq!(s.count, Some(OVERDUE.len()));
    let (projects, milestones) = split_milestones(&s.body);
    let mut got = ids(&entries(projects, 2))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    got.sort();
    assert_eq!(got, sorted(OVERDUE));

    assert!(
        out_has_heading(&d, "Overdue (6 projects, 11 milestones)"),
        "{:#?}",
        s.body
    );
    let late = entries(milestones, 4);
    let mut got: Vec<String> = ids(&late).into_iter().map(String::from).collect();
    got.sort();
    assert_eq!(got, sorted(OVERDUE_MILESTONES));
    // Oldest first, with the milestone's own owner.
    assert_eq!(late[0].0, "initech-intranet-redesign › sso");
    assert_eq!(late[0].1, "Lucas Moreau · due 2026-11-13 (24 days ago)");
    let paiement = late
        .iter()
        .find(|(id, _)| id == "boulangerie-lemoine-site-de-commande-en-ligne › paiement")
        .unwrap();
    assert_eq!(paiement.1, "Lucas Moreau · due 2026-12-04 (3 days ago)");
    let content = late
        .iter()
        .find(|(id, _)| id == "acme-corp-website-redesign › content")
        .unwrap();
    assert_eq!(content.1, "Sophie Martin · due 2026-12-04 (3 days ago)");
}

#[test]
fn blocked_is_grouped_by_reason_with_counts() {
    let (_, d) = agency_dashboard(&[]);
    let s = d.section("Blocked");
    assert_eq!(s.count, Some(8));
    let groups = blocked_groups(s);
    let headings: Vec<&str> = groups.iter().map(|g| g.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "creative approval (3 projects)",
            "client IT access (2 projects)",
            "awaiting content from client (1 project)",
            "legal review (1 project)",
            "no reason given (1 project)",
        ]
    );
    for g in &groups {
        let reason = g.heading.rsplit_once(" (").unwrap().0;
        let want: Vec<&str> = BLOCKED
            .iter()
            .filter(|(_, r)| r.unwrap_or("no reason given") == reason)
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(ids(&g.members), want, "{reason}");
        let n = g.members.len();
        let noun = if n == 1 { "project" } else { "projects" };
        assert_eq!(g.heading, format!("{reason} ({n} {noun})"));
    }
    // Each blocked project carries its owner.
    assert_eq!(
        groups[0].members[2],
        (
            "patisserie-fleurac-packaging-photoshoot".to_string(),
            "Sophie Martin".to_string()
        )
    );
}

#[test]
fn blocked_reasons_group_ignoring_case_and_accents() {
    let p = |reason: &str| {
        format!(
            "client: Acme\nproject: P\nstage: active\nstatus: blocked\nhealth: green\n\
             owner: Ann\ncreated: 2026-12-06\ndue: 2026-12-31\nblocked_reason: {reason}\n"
        )
    };
    let out = Test::tracker("")
        .file("projects/a.yaml", &p("Créative approval"))
        .file("projects/b.yaml", &p("creative approval"))
        .file("projects/c.yaml", &p("CREATIVE APPROVAL"))
        .file("projects/d.yaml", &p("legal review"))
        .args("status")
        .expect_code(0);
    let d = parse(&out.stdout);
    let groups = blocked_groups(d.section("Blocked"));
    assert_eq!(groups.len(), 2, "{groups:#?}");
    assert!(groups[0].heading.ends_with(" (3 projects)"), "{groups:#?}");
    assert_eq!(ids(&groups[0].members), ["a", "b", "c"]);
    assert_eq!(groups[1].heading, "legal review (1 project)");
}

#[test]
fn blocked_section_keeps_one_layout() {
    // The renderer's own rule ("one layout per list: ragged one- and two-line
    // entries read badly") must hold for the Blocked section as a whole, not
    // group by group: owners either all sit in one column, or all go on their
    // own line.
    let (_, d) = agency_dashboard(&[]);
    let members: Vec<&String> = d
        .section("Blocked")
        .body
        .iter()
        .filter(|l| indent(l) == 4)
        .collect();
    let one_line: Vec<&&String> = members.iter().filter(|l| l.trim().contains("  ")).collect();
    assert!(
        one_line.is_empty() || one_line.len() == members.len(),
        "Blocked mixes one-line and two-line entries:\n{}",
        d.section("Blocked").body.join("\n")
    );
    let columns: Vec<usize> = one_line
        .iter()
        .map(|l| {
            let t = l.trim_start();
            let id_end = t.find("  ").unwrap();
            l.chars().count() - t[id_end..].trim_start().chars().count()
        })
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "owners of the Blocked section are not in one column: {columns:?}\n{}",
        d.section("Blocked").body.join("\n")
    );
}

#[test]
fn due_soon_lists_exactly_the_readmes_projects() {
    let (_, d) = agency_dashboard(&[]);
    assert_eq!(d.section(SECTIONS[3]).count, Some(DUE_SOON.len()));
    assert_eq!(
        section_ids(&d, SECTIONS[3]),
        [
            "patisserie-fleurac-campagne-coffrets-de-noel",
            "boulangerie-lemoine-site-de-commande-en-ligne",
            "globex-industries-trade-show-landing-pages",
            "northwind-traders-holiday-gift-guide",
        ]
    );
    let soon = entries(&d.section(SECTIONS[3]).body, 2);
    assert_eq!(soon[0].1, "Aisha Khan · due 2026-12-07 (today)");
    assert_eq!(soon[1].1, "Sophie Martin · due 2026-12-09 (in 2 days)");
    // Done, and due in the window: not listed; one day past it: not listed.
    let shown = section_ids(&d, SECTIONS[3]);
    assert!(!shown.contains(&"cafe-etoile-menu-photoshoot".to_string()));
    assert!(!shown.contains(&"hotel-du-lac-winter-season-newsletter".to_string()));
}

#[test]
fn stale_lists_the_readmes_projects_with_days_since_the_last_update() {
    let (_, d) = agency_dashboard(&[]);
    let s = d.section(SECTIONS[4]);
    assert_eq!(s.count, Some(STALE.len()));
    let stale = entries(&s.body, 2);
    let today = day("2026-12-07");
    // Longest silence first.
    let mut want: Vec<(&str, &str)> = STALE.to_vec();
    want.sort_by(|a, b| a.1.cmp(b.1));
    assert_eq!(
        ids(&stale),
        want.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    );
    for ((id, detail), (_, last)) in stale.iter().zip(&want) {
        let days = (today - day(last)).num_days();
        assert!(
            detail.ends_with(&format!("{last} ({days} days ago)")),
            "{id}: {detail}"
        );
    }
    assert_eq!(
        stale[0],
        (
            "umbrella-health-wellness-blog".to_string(),
            "Sophie Martin · last update 2026-11-16 (21 days ago)".to_string()
        )
    );
    // No updates: the age counts from `created`, and says so.
    let hotel = stale
        .iter()
        .find(|(id, _)| id == "hotel-du-lac-winter-season-newsletter")
        .unwrap();
    assert_eq!(
        hotel.1,
        "Sophie Martin · no update since created 2026-11-18 (19 days ago)"
    );
    // Updated 2026-11-30: seven days is not over seven days.
    let ids: Vec<&str> = ids(&stale);
    assert!(!ids.contains(&"northwind-traders-shopify-migration"));
    assert!(!ids.contains(&"les-jardins-de-provence-catalogue-printemps-2027"));
}

#[test]
fn done_projects_never_appear_in_the_attention_lists() {
    let (_, d) = agency_dashboard(&[]);
    let named = d.named_ids();
    assert!(named.len() > 30, "{named:?}");
    for id in DONE {
        assert!(!named.contains(&id.to_string()), "{id} is done");
    }
}

#[test]
fn a_done_project_that_would_match_every_list_is_in_none() {
    // Red, past due, blocked reason left over, never updated since long ago,
    // an open milestone in the past: done wins over all of it.
    let out = Test::tracker("")
        .file(
            "projects/finished.yaml",
            "client: Acme\nproject: Finished\nstage: active\nstatus: done\nhealth: red\n\
             owner: Ann\ncreated: 2026-01-05\ndue: 2026-12-08\nblocked_reason: legal review\n\
             milestones:\n  - id: late\n    name: Late\n    due: 2026-11-01\n",
        )
        .file(
            "projects/finished-long-ago.yaml",
            "client: Acme\nproject: Finished long ago\nstage: active\nstatus: done\n\
             health: yellow\nowner: Ann\ncreated: 2026-01-05\ndue: 2026-02-01\n",
        )
        .args("status")
        .expect_code(0);
    let d = parse(&out.stdout);
    assert_eq!(
        d.header,
        "Portfolio on 2026-12-07 (Mon): 2 projects, 0 open"
    );
    assert_eq!(d.counts["Health"], "0 green · 1 yellow · 1 red");
    assert_eq!(
        d.counts["Status"],
        "0 not-started · 0 in-progress · 0 blocked · 2 done"
    );
    for s in &d.sections {
        assert_eq!(s.count, None, "{s:#?}");
        assert!(s.body.is_empty(), "{s:#?}");
    }
}

#[test]
fn filters_narrow_the_attention_lists() {
    let (_, d) = agency_dashboard(&["--owner", "Lucas Moreau"]);
    assert_eq!(
        section_ids(&d, "Red"),
        [
            "initech-intranet-redesign",
            "globex-industries-crm-migration-to-hubspot",
            "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
        ]
    );
    let (_, milestones) = split_milestones(&d.section("Overdue").body);
    assert_eq!(
        ids(&entries(milestones, 4)),
        [
            "initech-intranet-redesign › sso",
            "initech-intranet-redesign › launch",
            "globex-industries-crm-migration-to-hubspot › cut-over",
        ]
    );
    assert_eq!(d.section(SECTIONS[3]).count, None);
    assert_eq!(section_ids(&d, SECTIONS[4]), ["initech-intranet-redesign"]);
    let ps = agency_projects();
    for id in d.named_ids() {
        let p = ps.iter().find(|p| p.id == id).unwrap();
        assert_eq!(p.owner, "Lucas Moreau", "{id}");
    }
}

// ----------------------------------------------------------------- --today

#[test]
fn today_moves_the_lists() {
    let ps = agency_projects();
    for today in ["2026-11-25", "2026-12-03", "2026-12-07", "2026-12-14"] {
        let t = day(today);
        let out = Test::fixture("agency")
            .today(Some(today))
            .args("status")
            .expect_code(0);
        let d = parse(&out.stdout);
        let mut shown = ids(&entries(split_milestones(&d.section("Overdue").body).0, 2))
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        shown.sort();
        assert_eq!(
            shown,
            model_ids(&ps, |p| p.overdue(t)),
            "overdue on {today}"
        );
        let mut late: Vec<String> =
            ids(&entries(split_milestones(&d.section("Overdue").body).1, 4))
                .into_iter()
                .map(String::from)
                .collect();
        late.sort();
        let mut want: Vec<String> = ps.iter().flat_map(|p| p.late_milestones(t)).collect();
        want.sort();
        assert_eq!(late, want, "overdue milestones on {today}");
        let mut soon = section_ids(&d, SECTIONS[3]);
        soon.sort();
        assert_eq!(
            soon,
            model_ids(&ps, |p| p.due_soon(t)),
            "due soon on {today}"
        );
        let mut stale = section_ids(&d, SECTIONS[4]);
        stale.sort();
        assert_eq!(stale, model_ids(&ps, |p| p.stale(t)), "stale on {today}");
    }
}

#[test]
fn a_week_and_a_half_earlier_nothing_is_overdue_yet() {
    let out = Test::fixture("agency")
        .today(Some("2026-11-25"))
        .args("status")
        .expect_code(0);
    let d = parse(&out.stdout);
    assert!(d.header.starts_with("Portfolio on 2026-11-25 (Wed): "));
    let (projects, milestones) = split_milestones(&d.section("Overdue").body);
    assert!(entries(projects, 2).is_empty());
    assert_eq!(
        ids(&entries(milestones, 4)),
        [
            "initech-intranet-redesign › sso",
            "zenith-assurances-campagne-video-youtube › diffusion",
        ]
    );
    assert_eq!(
        section_ids(&d, SECTIONS[3]),
        ["zenith-assurances-campagne-video-youtube"]
    );
    assert_eq!(
        section_ids(&d, SECTIONS[4]),
        ["umbrella-health-wellness-blog"]
    );
    let stale = entries(&d.section(SECTIONS[4]).body, 2);
    assert!(
        stale[0].1.ends_with("last update 2026-11-16 (9 days ago)"),
        "{stale:?}"
    );
}

#[test]
fn overdue_heading_does_not_say_none_above_overdue_milestones() {
    // On 2026-11-25 no project is overdue but two milestones are. The section
    // must not read "Overdue: none" and then list two overdue milestones.
    let out = Test::fixture("agency")
        .today(Some("2026-11-25"))
        .args("status")
        .expect_code(0);
    let d = parse(&out.stdout);
    let s = d.section("Overdue");
    let (_, milestones) = split_milestones(&s.body);
    assert_eq!(entries(milestones, 4).len(), 2);
    assert!(
        !out.stdout.contains("Overdue: none"),
        "the heading says none, the body lists overdue milestones:\n{}\n{}",
        "Overdue: none",
        s.body.join("\n")
    );
}

#[test]
fn three_days_earlier_three_projects_are_overdue() {
    let out = Test::fixture("agency")
        .today(Some("2026-12-03"))
        .args("status")
        .expect_code(0);
    let d = parse(&out.stdout);
    assert_eq!(d.section("Overdue").count, Some(3));
    assert_eq!(
        ids(&entries(split_milestones(&d.section("Overdue").body).0, 2)),
        [
            "zenith-assurances-campagne-video-youtube",
            "initech-intranet-redesign",
            "globex-industries-crm-migration-to-hubspot",
        ]
    );
    let overdue = entries(split_milestones(&d.section("Overdue").body).0, 2);
    assert_eq!(overdue[2].1, "Lucas Moreau · due 2026-12-02 (yesterday)");
    assert_eq!(
        section_ids(&d, SECTIONS[3]),
        [
            "umbrella-health-patient-portal-handover",
            "initech-employer-branding-video",
            "les-jardins-de-provence-boutique-en-ligne",
        ]
    );
}

// -------------------------------------------------------------- 80 columns

/// The lines of `out` wider than 80 characters (not bytes).
fn too_wide(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.chars().count() > 80)
        .map(|l| format!("{:>3}: {l}", l.chars().count()))
        .collect()
}

#[test]
fn dashboard_lines_fit_in_80_columns() {
    for args in [
        &[][..],
        &["--owner", "Lucas Moreau"][..],
        &["--client", "Initech"][..],
        &["--status", "blocked"][..],
    ] {
        let (out, _) = agency_dashboard(args);
        assert_eq!(too_wide(&out), Vec::<String>::new(), "status {args:?}");
    }
    for today in ["2026-11-25", "2026-12-03"] {
        let out = Test::fixture("agency")
            .today(Some(today))
            .args("status")
            .expect_code(0);
        assert_eq!(too_wide(&out.stdout), Vec::<String>::new(), "on {today}");
    }
}

#[test]
fn card_lines_fit_in_80_columns() {
    let mut wide = Vec::new();
    for p in agency_projects() {
        let out = Test::fixture("agency")
            .args("status")
            .arg(&p.id)
            .expect_code(0);
        for l in too_wide(&out.stdout) {
            wide.push(format!("{}: {l}", p.id));
        }
    }
    assert!(
        wide.is_empty(),
        "{} card lines are wider than 80 columns:\n{}",
        wide.len(),
        wide.join("\n")
    );
}

// ------------------------------------------------------------------ colour

#[test]
fn no_escape_bytes_with_no_color_or_color_never() {
    let (out, _) = agency_dashboard(&[]);
    assert!(!out.contains('\x1b'));
    let (out, _) = agency_dashboard(&["--color", "never"]);
    assert!(!out.contains('\x1b'));
    let out = Test::fixture("agency")
        .args("status acme-corp-website-redesign --color never")
        .expect_code(0);
    assert!(!out.stdout.contains('\x1b'));
    // `never` wins without NO_COLOR too.
    let t = Test::fixture("agency").args("status --color never");
    let out = t.command().env_remove("NO_COLOR").output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b));
    assert!(!out.stderr.contains(&0x1b));
}

#[test]
fn color_always_paints_the_red_heading_and_the_health_counts() {
    let t = Test::fixture("agency").args("status --color always");
    let out = t.command().env_remove("NO_COLOR").output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let health = stdout
        .lines()
        .find(|l| l.starts_with("Health"))
        .expect("a Health line");
    for (rgb, word) in [
        ("38;2;0;176;80", "green"),
        ("38;2;255;192;0", "yellow"),
        ("38;2;255;0;0", "red"),
    ] {
        let painted = health
            .split('\x1b')
            .any(|chunk| chunk.contains(rgb) && chunk.ends_with(&format!("m{word}")));
        assert!(painted, "{word} is not painted {rgb}: {health:?}");
    }
    let red = stdout
        .lines()
        .find(|l| strip_ansi(l).starts_with("Red"))
        .expect("a Red heading");
    assert!(red.contains("38;2;255;0;0mRed\x1b[0m"), "{red:?}");
    // Colour adds escapes and nothing else.
    let (plain, _) = agency_dashboard(&[]);
    assert_eq!(strip_ansi(&stdout), plain);
}

#[test]
fn color_auto_on_a_pipe_prints_no_escapes() {
    for args in ["status --color auto", "status"] {
        let t = Test::fixture("agency").args(args);
        let out = t.command().env_remove("NO_COLOR").output().unwrap();
        assert!(out.status.success());
        assert!(!out.stdout.contains(&0x1b), "{args}");
        assert!(!out.stderr.contains(&0x1b), "{args}");
    }
    let t = Test::fixture("agency").args("status acme-corp-website-redesign --color auto");
    let out = t.command().env_remove("NO_COLOR").output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn color_always_paints_the_cards_health() {
    let t = Test::fixture("agency").args("status initech-intranet-redesign --color always");
    let out = t.command().env_remove("NO_COLOR").output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let health = stdout
        .lines()
        .find(|l| strip_ansi(l).trim_start().starts_with("health"))
        .unwrap();
    assert!(health.contains("38;2;255;0;0mred\x1b[0m"), "{health:?}");
}

// ------------------------------------------------------------------- cards

/// The `key  value` lines at the top of a card; a long value wraps onto
/// lines with an empty key column, which are joined back.
fn card_fields(card: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for l in card.lines().skip(1).take_while(|l| !l.is_empty()) {
        if indent(l) > 2 {
            let last = out
                .last_mut()
                .unwrap_or_else(|| panic!("a continuation first: {l:?}"));
            last.1.push(' ');
            last.1.push_str(l.trim());
            continue;
        }
        let (k, v) = l.trim().split_once("  ").unwrap_or_else(|| panic!("{l:?}"));
        out.push((k.to_string(), v.trim().to_string()));
    }
    out
}

/// The lines of a card's block that starts with `heading`, up to the next
/// blank line.
fn card_block<'a>(card: &'a str, heading: &str) -> Vec<&'a str> {
    card.lines()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// Checks that the card shows every top-level field of the project file.
#[track_caller]
fn assert_every_field(card: &str, yaml: &str) {
    let fields = card_fields(card);
    let get = |k: &str| {
        fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no `{k}` in the card:\n{card}"))
    };
    let v: Value = serde_yaml::from_str(yaml).unwrap();
    for (k, value) in v.as_mapping().unwrap() {
        let k = k.as_str().unwrap();
        match k {
            "milestones" | "updates" => {}
            "tags" => {
                let tags: Vec<&str> = value
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .collect();
                assert_eq!(get("tags"), tags.join(", "));
            }
            "links" => {
                for (name, url) in value.as_mapping().unwrap() {
                    let name = name.as_str().unwrap();
                    assert_eq!(get(&format!("link {name}")), url.as_str().unwrap());
                }
            }
            "blocked_reason" => assert_eq!(get("blocked on"), value.as_str().unwrap()),
            "due" => assert!(get("due").starts_with(value.as_str().unwrap()), "{card}"),
            _ => {
                let want = match value {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    other => panic!("{k}: {other:?}"),
                };
                assert_eq!(get(k), want, "{k}");
            }
        }
    }
}

#[test]
fn card_of_acme_website_redesign() {
    let t = Test::fixture("agency").args("status acme-corp-website-redesign");
    let out = t.expect_code(0);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!("card_acme_corp_website_redesign", out.stdout);
    let card = &out.stdout;
    assert_eq!(card.lines().next(), Some("acme-corp-website-redesign"));
    assert_every_field(card, &t.read("projects/acme-corp-website-redesign.yaml"));
    let fields: BTreeMap<String, String> = card_fields(card).into_iter().collect();
    assert_eq!(fields["progress"], "50% (2 of 4 milestones done)");
    assert_eq!(fields["due"], "2026-12-18 (in 11 days)");
    assert_eq!(fields["attention"], "1 overdue milestone");

    let milestones = card_block(card, "Milestones");
    let marks: Vec<&str> = milestones
        .iter()
        .filter(|l| indent(l) == 2)
        .map(|l| l.split("  ").nth(1).unwrap_or(l).trim())
        .collect();
    assert_eq!(
        marks,
        [
            "[x] wireframes: Wireframes",
            "[x] visual-design: Visual design",
            "[ ] content: Content upload",
            "[ ] launch: Go-live",
            "[~] weekly-sync: Weekly sync with Jane",
        ]
    );
    assert!(
        milestones
            .contains(&"      Sophie Martin · due 2026-12-04, overdue (3 days ago) · in-progress"),
        "{milestones:#?}"
    );
    assert!(milestones.contains(&"      Marie Dupont · repeats: every monday"));
    let updates = card_block(card, "Last updates");
    assert!(card.contains("Last updates (4 of 4, newest first)"));
    let dated: Vec<&str> = updates.iter().copied().filter(|l| indent(l) == 2).collect();
    assert_eq!(
        dated,
        [
            "  2026-12-03 Sophie Martin (internal)",
            "  2026-12-03 Marie Dupont",
            "  2026-11-13 Marie Dupont",
            "  2026-10-20 Marie Dupont",
        ]
    );
}

#[test]
fn card_of_a_blocked_overdue_project() {
    let t = Test::fixture("agency").args("status initech-intranet-redesign");
    let out = t.expect_code(0);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!("card_initech_intranet_redesign", out.stdout);
    let card = &out.stdout;
    assert_every_field(card, &t.read("projects/initech-intranet-redesign.yaml"));
    let fields: BTreeMap<String, String> = card_fields(card).into_iter().collect();
    assert_eq!(fields["status"], "blocked");
    assert_eq!(fields["blocked on"], "client IT access");
    assert_eq!(fields["due"], "2026-11-30 (7 days ago)");
    assert_eq!(fields["progress"], "33% (1 of 3 milestones done)");
    assert_eq!(
        fields["attention"],
        "overdue, stale (no update for over 7 days), 2 overdue milestones"
    );
    let milestones = card_block(card, "Milestones");
    assert!(milestones.contains(&"  [ ] sso: SSO integration with Azure AD"));
    assert!(
        milestones
            .contains(&"      Lucas Moreau · due 2026-11-13, overdue (24 days ago) · blocked")
    );
}

/// A tracker with one project that has seven updates, the fourth one
/// internal, the sixth a change of blocked reason.
fn seven_updates() -> Test {
    let mut yaml = String::from(
        "client: Acme Corp\nproject: Seven updates\nstage: active\nstatus: blocked\n\
         health: red\nowner: Marie Dupont\ngoal: Show the last five updates\n\
         created: 2026-10-01\nstart: 2026-10-05\ndue: 2026-12-01\n\
         blocked_reason: legal review\ntags: [web, q4]\n\
         links: {brief: \"https://example.com/brief\"}\n\
         milestones:\n\
         \x20 - id: kickoff\n    name: Kickoff\n    due: 2026-10-10\n    status: done\n\
         \x20 - id: build\n    name: Build\n    owner: Karim Benali\n    due: 2026-11-20\n\
         \x20   status: in-progress\n\
         \x20 - id: review\n    name: Review\n    due: 2026-12-20\n\
         \x20 - id: report\n    name: Monthly report\n    every: first monday of month\n\
         updates:\n",
    );
    let words = ["one", "two", "three", "four", "five", "six", "seven"];
    for (i, w) in words.iter().enumerate() {
        yaml.push_str(&format!(
            "  - date: 2026-11-0{}\n    by: Marie Dupont\n    note: update {w}\n",
            i + 1
        ));
        if *w == "four" {
            yaml.push_str("    internal: true\n");
        }
        if *w == "six" {
            yaml.push_str("    blocked_reason: legal review\n");
        }
        if *w == "seven" {
            yaml.push_str("    health: red\n");
        }
    }
    yaml.push_str("budget: 1200\n");
    Test::tracker("fields: {budget: number}\n").file("projects/seven-updates.yaml", &yaml)
}

#[test]
fn card_shows_every_field_and_the_last_five_updates_newest_first() {
    let t = seven_updates().args("status seven-updates");
    let out = t.expect_code(0);
    assert_eq!(out.stderr, "");
    let card = &out.stdout;
    assert_every_field(card, &t.read("projects/seven-updates.yaml"));
    let fields: BTreeMap<String, String> = card_fields(card).into_iter().collect();
    assert_eq!(fields["progress"], "33% (1 of 3 milestones done)");
    assert_eq!(
        fields["attention"],
        "overdue, stale (no update for over 7 days), 1 overdue milestone"
    );
    let marks: Vec<&str> = card_block(card, "Milestones")
        .into_iter()
        .filter(|l| indent(l) == 2)
        .map(|l| l.split("  ").nth(1).unwrap_or(l).trim())
        .collect();
    assert_eq!(
        marks,
        [
            "[x] kickoff: Kickoff",
            "[ ] build: Build",
            "[ ] review: Review",
            "[~] report: Monthly report"
        ]
    );

    assert!(
        card.contains("\nLast updates (5 of 7, newest first)\n"),
        "{card}"
    );
    let updates = card_block(card, "Last updates");
    let dated: Vec<&str> = updates.iter().copied().filter(|l| indent(l) == 2).collect();
    assert_eq!(
        dated,
        [
            "  2026-11-07 Marie Dupont",
            "  2026-11-06 Marie Dupont",
            "  2026-11-05 Marie Dupont",
            "  2026-11-04 Marie Dupont (internal)",
            "  2026-11-03 Marie Dupont",
        ]
    );
    let notes: Vec<&str> = updates
        .iter()
        .map(|l| l.trim())
        .filter(|l| l.starts_with("update "))
        .collect();
    assert_eq!(
        notes,
        [
            "update seven",
            "update six",
            "update five",
            "update four",
            "update three"
        ]
    );
    assert!(!card.contains("update two") && !card.contains("update one"));
    assert!(updates.contains(&"    health red"), "{updates:#?}");
}

#[test]
fn card_shows_a_change_of_blocked_reason_in_an_update() {
    // `tracker update ID --reason …` records `blocked_reason` in the update
    // entry; the card's update log must show it like the other changes.
    let out = seven_updates().args("status seven-updates").expect_code(0);
    let updates = card_block(&out.stdout, "Last updates");
    let six = updates
        .iter()
        .position(|l| *l == "  2026-11-06 Marie Dupont")
        .unwrap();
    assert!(
        updates[six + 1].contains("legal review"),
        "the update of 2026-11-06 changed the blocked reason to `legal review`:\n{}",
        updates.join("\n")
    );
}

#[test]
fn card_names_milestone_ids() {
    // The dashboard lists `acme-corp-website-redesign › content`, and
    // `update --milestone ID` takes the id: the card must show it too, or the
    // reader cannot tell which milestone `content` is.
    let out = Test::fixture("agency")
        .args("status acme-corp-website-redesign")
        .expect_code(0);
    let milestones = card_block(&out.stdout, "Milestones").join("\n");
    for id in [
        "wireframes",
        "visual-design",
        "content",
        "launch",
        "weekly-sync",
    ] {
        assert!(
            milestones
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .any(|w| w == id),
            "milestone id `{id}` is not in the card:\n{milestones}"
        );
    }
}

#[test]
fn card_without_updates_or_milestones() {
    let out = Test::tracker("")
        .file(
            "projects/bare.yaml",
            "client: Acme\nproject: Bare\nstage: onboarding\nstatus: not-started\n\
             health: green\nowner: Ann\ndue: 2026-12-20\n",
        )
        .args("status bare")
        .expect_code(0);
    let card = &out.stdout;
    assert!(!card.contains("Milestones"), "{card}");
    assert!(!card.contains("progress"), "{card}");
    let fields: BTreeMap<String, String> = card_fields(card).into_iter().collect();
    assert_eq!(fields["attention"], "none");
    assert!(card.contains("\nLast updates: none yet\n"), "{card}");
}

#[test]
fn unknown_id_is_a_usage_error_with_a_suggestion() {
    let out = Test::fixture("agency")
        .args("status acme-corp-website-redsign")
        .expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("no project with id `acme-corp-website-redsign`; did you mean `acme-corp-website-redesign`?"),
        "{}",
        out.stderr
    );
    let out = Test::fixture("agency").args("status zzz").expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("no project with id `zzz`"),
        "{}",
        out.stderr
    );
}

#[test]
fn id_of_a_broken_file_is_an_error_saying_it_has_errors() {
    let out = broken_and_ok().args("status broken").expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("project `broken` has errors"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
}

#[test]
fn id_of_a_broken_file_names_the_file_and_line() {
    // SPEC §6: bad input gets a clear error naming the file and line.
    let out = broken_and_ok().args("status broken").expect_code(2);
    assert!(
        out.stderr.contains("projects/broken.yaml:2:1"),
        "the error does not name the broken file:\n{}",
        out.stderr
    );
}

/// A tracker with one broken file and one good one.
fn broken_and_ok() -> Test {
    Test::tracker("")
        .file("projects/broken.yaml", "client: [broken\n")
        .file(
            "projects/ok.yaml",
            "client: Acme\nproject: Ok\nstage: active\nstatus: in-progress\n\
             health: green\nowner: Ann\ndue: 2026-12-20\n",
        )
}

// ------------------------------------------------------- empty and broken

#[test]
fn empty_tracker_shows_zero_counts_and_none_everywhere() {
    let out = Test::tracker("").args("status").expect_code(0);
    assert_eq!(out.stderr, "");
    let d = parse(&out.stdout);
    assert_eq!(
        d.header,
        "Portfolio on 2026-12-07 (Mon): 0 projects, 0 open"
    );
    assert_eq!(d.counts["Health"], "0 green · 0 yellow · 0 red");
    assert_eq!(
        d.counts["Status"],
        "0 not-started · 0 in-progress · 0 blocked · 0 done"
    );
    assert_eq!(d.counts["Stage"], "0 onboarding · 0 active · 0 offboarding");
    assert_eq!(d.titles(), SECTIONS);
    for s in &d.sections {
        assert_eq!(s.count, None, "{s:#?}");
        assert!(s.body.is_empty(), "{s:#?}");
    }
    assert!(out.stdout.contains("\nRed: none\n"));
}

#[test]
fn one_broken_file_leaves_the_dashboard_of_the_rest_and_exit_2() {
    let out = Test::tracker("")
        .file("projects/broken.yaml", "client: [broken\n")
        .file(
            "projects/late.yaml",
            "client: Acme\nproject: Late\nstage: active\nstatus: in-progress\n\
             health: red\nowner: Ann\ncreated: 2026-12-01\ndue: 2026-12-01\n",
        )
        .args("status")
        .expect_code(2);
    let d = parse(&out.stdout);
    assert_eq!(d.header, "Portfolio on 2026-12-07 (Mon): 1 project, 1 open");
    assert_eq!(d.counts["Health"], "0 green · 0 yellow · 1 red");
    assert_eq!(section_ids(&d, "Red"), ["late"]);
    assert_eq!(section_ids(&d, "Overdue"), ["late"]);
    assert!(!out.stdout.contains("broken"), "{}", out.stdout);
    assert!(
        out.stderr.contains("projects/broken.yaml"),
        "{}",
        out.stderr
    );
}
