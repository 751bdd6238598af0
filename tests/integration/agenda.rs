//! Tests of `tracker agenda`: deadlines of projects, milestones and
//! recurring deliverables in the next days, overdue first, then week by week
//! (weeks start on Monday). Facts about `fixtures/agency` come from its
//! README (reference day Monday 2026-12-07); recurrence edge cases across
//! month ends, year ends and leap years use small hand-built trackers.

use serde_json::Value;

use crate::support::Test;
use crate::support::agency::{DONE, OVERDUE as OVERDUE_PROJECTS, OVERDUE_MILESTONES};

// ------------------------------------------------------- the README's facts

// ------------------------------------------------------------------ helpers

/// One section of the text agenda: its heading and its items, each as
/// `(weekday, date, what)` from the item's first line.
#[derive(Debug)]
struct Section {
    heading: String,
    items: Vec<(String, String, String)>,
}

/// Splits the text agenda into its title and sections. An item is a line
/// `  Wed 2026-12-09  what` (or the date alone, with `what` on the next line
/// indented 4 when it is too long), then its detail lines, indented 18.
fn parse(out: &str) -> (String, Vec<Section>) {
    let mut blocks = out.split("\n\n");
    let title = blocks.next().unwrap().to_string();
    let detail = "                  ";
    let sections = blocks
        .map(|b| {
            let mut lines = b.lines().peekable();
            let heading = lines.next().unwrap().to_string();
            let mut items = Vec::new();
            while let Some(line) = lines.next() {
                assert!(line.chars().count() <= 80, "over 80 columns: {line:?}");
                let first = line.strip_prefix("  ").unwrap_or_else(|| panic!("{line}"));
                assert!(!first.starts_with(' '), "an item line: {line:?}");
                let (weekday, rest) = first.split_once(' ').unwrap();
                let (date, what) = match rest.split_once("  ") {
                    Some((d, w)) => (d.to_string(), w.to_string()),
                    None => {
                        let next = lines
                            .next()
                            .unwrap_or_else(|| panic!("the id after {line:?}"));
                        let w = next
                            .strip_prefix("    ")
                            .unwrap_or_else(|| panic!("{next:?}"));
                        (rest.to_string(), w.to_string())
                    }
                };
                let mut details = 0;
                while lines.peek().is_some_and(|l| l.starts_with(detail)) {
                    let l = lines.next().unwrap();
                    assert!(l.chars().count() <= 80, "over 80 columns: {l:?}");
                    assert!(!l.trim().is_empty(), "detail line: {l:?}");
                    details += 1;
                }
                assert!(details >= 1, "a detail line under {line:?}");
                items.push((weekday.into(), date, what));
            }
            Section { heading, items }
        })
        .collect();
    (title, sections)
}

fn headings(sections: &[Section]) -> Vec<&str> {
    sections.iter().map(|s| s.heading.as_str()).collect()
}

/// `agenda --format json …` items.
fn items(t: Test) -> Vec<Value> {
    let out = t.expect_code(0);
    let doc: Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    assert_eq!(doc["schema_version"], 1);
    doc["items"].as_array().expect("an `items` list").clone()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// The dates of one recurring milestone among the items.
fn recurring(items: &[Value], project: &str, milestone: &str) -> Vec<String> {
    items
        .iter()
        .filter(|i| {
            i["kind"] == "recurring" && i["project"] == project && i["milestone"] == milestone
        })
        .map(|i| s(i, "date").to_string())
        .collect()
}

fn sorted(v: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    out.sort();
    out
}

/// A day from an ISO date.
fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// A tracker with one open project `p` (due far away) whose milestones are
/// given as YAML list entries.
fn tracker_with_milestones(milestones: &str) -> Test {
    Test::tracker("stale_days: 7\n").file(
        "projects/p.yaml",
        &format!(
            "client: Acme\nproject: Retainer\nstage: active\nstatus: in-progress\nhealth: green\n\
             owner: Marie Dupont\ngoal: Keep the client\ncreated: 2026-01-01\ndue: 2029-12-31\n\
             milestones:\n{milestones}"
        ),
    )
}

/// A tracker with one recurring milestone `r` ruled by `rule`.
fn tracker_with_rule(rule: &str) -> Test {
    tracker_with_milestones(&format!(
        "  - id: r\n    name: Recurring deliverable\n    every: {rule}\n"
    ))
}

// ------------------------------------------------------ the agency portfolio

#[test]
fn snapshot_of_the_agenda() {
    let out = Test::fixture("agency").args("agenda").expect_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    insta::assert_snapshot!("agenda_agency", out.stdout);
}

#[test]
fn snapshot_of_the_agenda_for_seven_days() {
    let out = Test::fixture("agency")
        .args("agenda --days 7")
        .expect_code(0);
    insta::assert_snapshot!("agenda_agency_7_days", out.stdout);
}

#[test]
fn title_names_the_window() {
    let out = Test::fixture("agency").args("agenda").expect_code(0);
    let (title, _) = parse(&out.stdout);
    assert_eq!(title, "Agenda 2026-12-07 → 2026-12-21 (14 days)");
    let out = Test::fixture("agency")
        .args("agenda --days 7")
        .expect_code(0);
    let (title, _) = parse(&out.stdout);
    assert_eq!(title, "Agenda 2026-12-07 → 2026-12-14 (7 days)");
}

#[test]
fn overdue_comes_first_with_exactly_the_readmes_projects_and_milestones() {
    let out = Test::fixture("agency").args("agenda").expect_code(0);
    let (_, sections) = parse(&out.stdout);
    let overdue = &sections[0];
    assert_eq!(overdue.heading, "Overdue (17)");
    let mut got: Vec<String> = overdue.items.iter().map(|(_, _, w)| w.clone()).collect();
    got.sort();
    let mut want = sorted(OVERDUE_PROJECTS);
    want.extend(sorted(OVERDUE_MILESTONES));
    want.sort();
    assert_eq!(got, want);
    let dates: Vec<&str> = overdue.items.iter().map(|(_, d, _)| d.as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "by date: {dates:?}");
    assert!(dates.iter().all(|d| *d < "2026-12-07"), "{dates:?}");
    assert!(
        sections[1..]
            .iter()
            .all(|s| !s.heading.starts_with("Overdue")),
        "one overdue section"
    );
}

#[test]
fn overdue_items_in_json_match_the_readme() {
    let list = items(Test::fixture("agency").args("agenda --format json"));
    let mut projects: Vec<String> = list
        .iter()
        .filter(|i| i["overdue"] == true && i["kind"] == "project")
        .map(|i| s(i, "project").to_string())
        .collect();
    projects.sort();
    assert_eq!(projects, sorted(OVERDUE_PROJECTS));
    let mut milestones: Vec<String> = list
        .iter()
        .filter(|i| i["overdue"] == true && i["kind"] == "milestone")
        .map(|i| format!("{} › {}", s(i, "project"), s(i, "milestone")))
        .collect();
    milestones.sort();
    assert_eq!(milestones, sorted(OVERDUE_MILESTONES));
    assert_eq!(
        list.iter().filter(|i| i["overdue"] == true).count(),
        17,
        "no recurring item is ever overdue"
    );
    let first_upcoming = list.iter().position(|i| i["overdue"] == false).unwrap();
    assert!(
        list[first_upcoming..].iter().all(|i| i["overdue"] == false),
        "overdue first"
    );
}

#[test]
fn upcoming_items_are_grouped_by_week_starting_on_monday() {
    let out = Test::fixture("agency").args("agenda").expect_code(0);
    let (_, sections) = parse(&out.stdout);
    assert_eq!(
        headings(&sections),
        [
            "Overdue (17)",
            "Week of 2026-12-07 (17)",
            "Week of 2026-12-14 (14)",
            "Week of 2026-12-21 (3)"
        ]
    );
    for sec in &sections[1..] {
        let (monday, count) = sec
            .heading
            .strip_prefix("Week of ")
            .unwrap()
            .split_once(' ')
            .unwrap();
        let monday = day(monday);
        assert_eq!(
            chrono::Datelike::weekday(&monday),
            chrono::Weekday::Mon,
            "{}",
            sec.heading
        );
        assert_eq!(count, format!("({})", sec.items.len()), "{}", sec.heading);
        for (weekday, date, what) in &sec.items {
            let d = day(date);
            assert!(
                d >= monday && d < monday + chrono::Days::new(7),
                "{date} {what} in {}",
                sec.heading
            );
            assert!(d >= day("2026-12-07") && d <= day("2026-12-21"), "{date}");
            assert_eq!(weekday, &d.format("%a").to_string(), "{date}");
        }
        let dates: Vec<&str> = sec.items.iter().map(|(_, d, _)| d.as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    }
}

#[test]
fn seven_days_end_on_the_next_monday() {
    let out = Test::fixture("agency")
        .args("agenda --days 7")
        .expect_code(0);
    let (_, sections) = parse(&out.stdout);
    assert_eq!(
        headings(&sections),
        [
            "Overdue (17)",
            "Week of 2026-12-07 (17)",
            "Week of 2026-12-14 (3)"
        ]
    );
    let last: Vec<&str> = sections[2]
        .items
        .iter()
        .map(|(_, _, w)| w.as_str())
        .collect();
    assert_eq!(
        last,
        [
            "patisserie-fleurac-packaging-photoshoot",
            "acme-corp-website-redesign › weekly-sync",
            "northwind-traders-holiday-gift-guide › stand-up"
        ]
    );
}

#[test]
fn recurring_deliverables_fall_on_their_exact_dates() {
    // 2026-12-07 is a Monday; December 2026 starts on a Tuesday and ends on
    // a Thursday; 2026-12-07 is 48 weeks after 2026-01-05.
    let list = items(Test::fixture("agency").args("agenda --format json --days 14"));
    let mondays = ["2026-12-07", "2026-12-14", "2026-12-21"];
    assert_eq!(
        recurring(&list, "acme-corp-website-redesign", "weekly-sync"),
        mondays,
        "every monday"
    );
    assert_eq!(
        recurring(&list, "northwind-traders-holiday-gift-guide", "stand-up"),
        mondays,
        "every monday"
    );
    assert_eq!(
        recurring(
            &list,
            "boulangerie-lemoine-referencement-local",
            "rapport-mensuel"
        ),
        ["2026-12-07"],
        "first monday of month"
    );
    assert_eq!(
        recurring(&list, "umbrella-health-wellness-blog", "monthly-articles"),
        ["2026-12-15"],
        "15th of month"
    );
    assert_eq!(
        recurring(
            &list,
            "les-jardins-de-provence-strategie-de-contenu-seo",
            "article-mensuel"
        ),
        ["2026-12-15"],
        "15th of month"
    );
    assert_eq!(
        recurring(
            &list,
            "zenith-assurances-refonte-de-l-espace-client",
            "demo-sprint"
        ),
        ["2026-12-07", "2026-12-21"],
        "every 2 weeks from 2026-01-05"
    );
    assert_eq!(
        recurring(
            &list,
            "globex-industries-b2b-lead-generation-campaign",
            "monthly-report"
        ),
        Vec::<String>::new(),
        "last friday of month: 2026-12-25 is past the window"
    );
    assert_eq!(
        list.iter().filter(|i| i["kind"] == "recurring").count(),
        11,
        "no other recurring item"
    );
}

#[test]
fn recurring_deliverables_over_two_months() {
    // The window 2026-12-07..2027-02-05 crosses the year end.
    let list = items(Test::fixture("agency").args("agenda --format json --days 60"));
    assert_eq!(
        recurring(
            &list,
            "globex-industries-b2b-lead-generation-campaign",
            "monthly-report"
        ),
        ["2026-12-25", "2027-01-29"],
        "last friday of month"
    );
    assert_eq!(
        recurring(
            &list,
            "boulangerie-lemoine-referencement-local",
            "rapport-mensuel"
        ),
        ["2026-12-07", "2027-01-04", "2027-02-01"],
        "first monday of month"
    );
    assert_eq!(
        recurring(&list, "umbrella-health-wellness-blog", "monthly-articles"),
        ["2026-12-15", "2027-01-15"],
        "15th of month"
    );
    assert_eq!(
        recurring(
            &list,
            "zenith-assurances-refonte-de-l-espace-client",
            "demo-sprint"
        ),
        [
            "2026-12-07",
            "2026-12-21",
            "2027-01-04",
            "2027-01-18",
            "2027-02-01"
        ],
        "every 2 weeks from 2026-01-05"
    );
    assert_eq!(
        recurring(&list, "acme-corp-website-redesign", "weekly-sync"),
        [
            "2026-12-07",
            "2026-12-14",
            "2026-12-21",
            "2026-12-28",
            "2027-01-04",
            "2027-01-11",
            "2027-01-18",
            "2027-01-25",
            "2027-02-01"
        ],
        "every monday"
    );
}

#[test]
fn recurring_items_show_name_and_owner() {
    let list = items(Test::fixture("agency").args("agenda --format json"));
    let report = list
        .iter()
        .find(|i| i["milestone"] == "rapport-mensuel")
        .unwrap();
    assert_eq!(s(report, "name"), "Rapport mensuel de positions");
    assert_eq!(s(report, "owner"), "Karim Benali");
    assert_eq!(report["overdue"], false);
    let out = Test::fixture("agency").args("agenda").expect_code(0);
    assert!(
        out.stdout.contains(
            "  Mon 2026-12-07  boulangerie-lemoine-referencement-local › rapport-mensuel\n\
             \x20                 recurring · Rapport mensuel de positions · Karim Benali\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn done_projects_and_done_milestones_never_appear() {
    let list = items(Test::fixture("agency").args("agenda --format json --days 365"));
    for i in &list {
        assert!(!DONE.contains(&s(i, "project")), "{i}");
    }
    // Done milestones of open projects (e.g. the video's script and shoot).
    assert!(
        !list
            .iter()
            .any(|i| i["project"] == "initech-employer-branding-video"
                && (i["milestone"] == "script" || i["milestone"] == "shoot")),
        "done milestones"
    );
    let out = Test::fixture("agency")
        .args("agenda --days 365")
        .expect_code(0);
    for id in DONE {
        assert!(!out.stdout.contains(id), "{id}");
    }
}

#[test]
fn done_items_never_appear_in_a_small_tracker() {
    let t = Test::tracker("stale_days: 7\n")
        .file(
            "projects/open.yaml",
            "client: Acme\nproject: Open\nstage: active\nstatus: in-progress\nhealth: green\n\
             owner: Marie Dupont\ngoal: Ship\ncreated: 2026-12-01\ndue: 2026-12-18\n\
             milestones:\n\
             \x20 - id: shipped-late\n    name: Shipped late\n    due: 2026-11-20\n    status: done\n\
             \x20 - id: shipped-early\n    name: Shipped early\n    due: 2026-12-10\n    status: done\n\
             \x20 - id: pending\n    name: Pending\n    due: 2026-12-10\n",
        )
        .file(
            "projects/closed.yaml",
            "client: Acme\nproject: Closed\nstage: active\nstatus: done\nhealth: green\n\
             owner: Marie Dupont\ngoal: Ship\ncreated: 2026-11-01\ndue: 2026-12-09\n\
             milestones:\n\
             \x20 - id: open-late\n    name: Open late\n    due: 2026-11-20\n\
             \x20 - id: weekly\n    name: Weekly\n    every: every monday\n",
        );
    let list = items(t.args("agenda --format json"));
    let got: Vec<(String, Option<String>)> = list
        .iter()
        .map(|i| {
            (
                s(i, "date").to_string(),
                i["milestone"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2026-12-10".to_string(), Some("pending".to_string())),
            ("2026-12-18".to_string(), None),
        ]
    );
}

#[test]
fn zero_days_shows_only_today_and_overdue() {
    let out = Test::fixture("agency")
        .args("agenda --days 0")
        .expect_code(0);
    let (title, sections) = parse(&out.stdout);
    assert_eq!(title, "Agenda 2026-12-07 → 2026-12-07 (0 days)");
    assert_eq!(
        headings(&sections),
        ["Overdue (17)", "Week of 2026-12-07 (6)"]
    );
    let today: Vec<&str> = sections[1]
        .items
        .iter()
        .map(|(_, d, _)| d.as_str())
        .collect();
    assert_eq!(today, ["2026-12-07"; 6]);
    let list = items(Test::fixture("agency").args("agenda --format json --days 0"));
    assert!(
        list.iter()
            .all(|i| i["overdue"] == true || i["date"] == "2026-12-07"),
        "{list:#?}"
    );
    let whats: Vec<String> = sections[1]
        .items
        .iter()
        .map(|(_, _, w)| w.clone())
        .collect();
    assert_eq!(
        whats,
        [
            "patisserie-fleurac-campagne-coffrets-de-noel",
            "patisserie-fleurac-campagne-coffrets-de-noel › lancement",
            "acme-corp-website-redesign › weekly-sync",
            "boulangerie-lemoine-referencement-local › rapport-mensuel",
            "northwind-traders-holiday-gift-guide › stand-up",
            "zenith-assurances-refonte-de-l-espace-client › demo-sprint",
        ],
        "by kind (project, milestone, recurring), then project id"
    );
}

#[test]
fn nothing_due_says_so() {
    let out = tracker_with_milestones("  - id: far\n    name: Far\n    due: 2027-06-01\n")
        .args("agenda")
        .expect_code(0);
    assert_eq!(
        out.stdout,
        "Agenda 2026-12-07 → 2026-12-21 (14 days)\n\nNothing due in the next 14 days.\n"
    );
}

#[test]
fn filters_apply_to_the_agenda() {
    let list = items(
        Test::fixture("agency")
            .args("agenda --format json --client")
            .arg("Initech"),
    );
    assert!(!list.is_empty());
    assert!(
        list.iter().all(|i| s(i, "project").starts_with("initech-")),
        "{list:#?}"
    );
}

// ----------------------------------------- recurrence edge cases, by hand

#[test]
fn weeks_start_on_monday_when_today_is_midweek() {
    // Wednesday 2026-12-09 for 7 days: the first week is that of Monday 12-07.
    let out = tracker_with_milestones(
        "  - id: sun\n    name: Sunday post\n    every: every sunday\n\
         \x20 - id: mon\n    name: Monday sync\n    every: every monday\n",
    )
    .today(Some("2026-12-09"))
    .args("agenda --days 7")
    .expect_code(0);
    let (_, sections) = parse(&out.stdout);
    assert_eq!(
        headings(&sections),
        ["Week of 2026-12-07 (1)", "Week of 2026-12-14 (1)"]
    );
    assert_eq!(
        sections[0].items,
        [(
            "Sun".to_string(),
            "2026-12-13".to_string(),
            "p › sun".to_string()
        )]
    );
}

#[test]
fn weeks_group_across_the_year_end() {
    let out = tracker_with_milestones(
        "  - id: sun\n    name: Sunday post\n    every: every sunday\n\
         \x20 - id: mon\n    name: Monday sync\n    every: every monday\n",
    )
    .today(Some("2026-12-28"))
    .args("agenda --days 7")
    .expect_code(0);
    let (_, sections) = parse(&out.stdout);
    assert_eq!(
        headings(&sections),
        ["Week of 2026-12-28 (2)", "Week of 2027-01-04 (1)"]
    );
    let dates: Vec<&str> = sections
        .iter()
        .flat_map(|s| s.items.iter().map(|(_, d, _)| d.as_str()))
        .collect();
    assert_eq!(dates, ["2026-12-28", "2027-01-03", "2027-01-04"]);
}

#[test]
fn recurrence_across_month_and_year_ends_and_leap_years() {
    // (rule, today, days, expected occurrences)
    let cases: &[(&str, &str, u32, &[&str])] = &[
        // Leap year: the last Tuesday of February 2028 is the 29th.
        ("last tuesday of month", "2028-02-20", 14, &["2028-02-29"]),
        // The last Friday of February 2028 is the 25th.
        ("last friday of month", "2028-02-20", 14, &["2028-02-25"]),
        ("last friday of month", "2028-02-01", 30, &["2028-02-25"]),
        // Across the year end.
        ("last friday of month", "2026-12-26", 40, &["2027-01-29"]),
        ("first monday of month", "2026-12-08", 30, &["2027-01-04"]),
        ("first monday of month", "2026-12-01", 6, &["2026-12-07"]),
        ("second tuesday of month", "2026-12-20", 30, &["2027-01-12"]),
        ("15th of month", "2026-12-16", 31, &["2027-01-15"]),
        // A day past a month's end falls on its last day.
        ("31st of month", "2027-02-20", 14, &["2027-02-28"]),
        ("31st of month", "2028-02-20", 14, &["2028-02-29"]),
        ("31st of month", "2027-04-20", 14, &["2027-04-30"]),
        (
            "31st of month",
            "2026-12-20",
            45,
            &["2026-12-31", "2027-01-31"],
        ),
        ("29th of month", "2027-02-20", 14, &["2027-02-28"]),
        ("30th of month", "2027-02-20", 14, &["2027-02-28"]),
        // Every n weeks across the new year, and over a leap day.
        (
            "every 2 weeks from 2026-12-28",
            "2026-12-21",
            28,
            &["2026-12-28", "2027-01-11"],
        ),
        (
            "every 2 weeks from 2026-12-28",
            "2027-01-05",
            14,
            &["2027-01-11"],
        ),
        (
            "every 2 weeks from 2028-02-15",
            "2028-02-20",
            14,
            &["2028-02-29"],
        ),
        (
            "every week from 2026-12-31",
            "2026-12-30",
            15,
            &["2026-12-31", "2027-01-07", "2027-01-14"],
        ),
        // Weekly and daily across the year end.
        ("every sunday", "2026-12-28", 7, &["2027-01-03"]),
        (
            "every monday",
            "2026-12-21",
            14,
            &["2026-12-21", "2026-12-28", "2027-01-04"],
        ),
        (
            "every day",
            "2026-12-30",
            3,
            &["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"],
        ),
        // Case-insensitive.
        ("Last Tuesday of Month", "2028-02-20", 14, &["2028-02-29"]),
    ];
    let mut failures = Vec::new();
    for (rule, today, days, want) in cases {
        let list = items(
            tracker_with_rule(rule)
                .today(Some(today))
                .args(&format!("agenda --format json --days {days}")),
        );
        let got = recurring(&list, "p", "r");
        if got != *want {
            failures.push(format!(
                "`{rule}` from {today} for {days} days: got {got:?}, want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn leap_day_in_the_text_agenda() {
    let out = tracker_with_rule("last tuesday of month")
        .today(Some("2028-02-20"))
        .args("agenda --days 14")
        .expect_code(0);
    let (title, sections) = parse(&out.stdout);
    assert_eq!(title, "Agenda 2028-02-20 → 2028-03-05 (14 days)");
    assert_eq!(headings(&sections), ["Week of 2028-02-28 (1)"]);
    assert_eq!(
        sections[0].items,
        [(
            "Tue".to_string(),
            "2028-02-29".to_string(),
            "p › r".to_string()
        )]
    );
}

#[test]
fn an_unknown_rule_is_a_validation_error_listing_the_forms() {
    let out = tracker_with_rule("every blursday")
        .args("validate")
        .expect_code(1);
    assert!(
        out.stdout.contains(
            "unknown recurrence `every blursday`: expected `every monday`, `every day`, \
             `first monday of month` (first, second, third, fourth, last), `15th of month`, \
             `every 2 weeks from 2026-01-05`"
        ),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
    let out = tracker_with_rule("every blursday")
        .args("validate --format brief")
        .expect_code(1);
    assert!(
        out.stdout.contains(
            "projects/p.yaml:13:12: error: unknown recurrence `every blursday`: expected `every monday`"
        ),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
}

#[test]
fn other_malformed_rules_are_validation_errors() {
    for rule in [
        "fifth monday of month",
        "32nd of month",
        "15st of month",
        "every 0 weeks from 2026-01-05",
        "every fortnight",
    ] {
        let out = tracker_with_rule(rule)
            .args("validate --format brief")
            .expect_code(1);
        assert!(
            out.stdout.contains("projects/p.yaml:13:12: error:"),
            "{rule}:\n{}\n{}",
            out.stdout,
            out.stderr
        );
    }
    let out = tracker_with_rule("every 2 weeks from 2026-02-30")
        .args("validate --format brief")
        .expect_code(1);
    assert!(
        out.stdout.contains("every 2 weeks from 2026-02-30"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_accepted_form_validates() {
    for rule in [
        "every monday",
        "every day",
        "first monday of month",
        "last friday of month",
        "15th of month",
        "every 2 weeks from 2026-01-05",
    ] {
        let out = tracker_with_rule(rule).args("validate").run();
        assert_eq!(out.code, 0, "{rule}:\n{}\n{}", out.stdout, out.stderr);
    }
}

#[test]
fn a_done_recurring_milestone_never_appears() {
    // A recurring deliverable marked done (the retainer part is over) is a
    // done milestone: like any other, it has no more deadlines.
    let list = items(
        tracker_with_milestones(
            "  - id: sync\n    name: Weekly sync\n    every: every monday\n    status: done\n\
             \x20 - id: report\n    name: Monthly report\n    every: 15th of month\n",
        )
        .args("agenda --format json"),
    );
    let got: Vec<(String, String)> = list
        .iter()
        .map(|i| (s(i, "date").to_string(), s(i, "milestone").to_string()))
        .collect();
    assert_eq!(
        got,
        [("2026-12-15".to_string(), "report".to_string())],
        "{list:#?}"
    );
}
