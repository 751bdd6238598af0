//! Tests of `tracker check`.
//!
//! `fixtures/check` is a small tracker whose facts are designed for the
//! reference day (its README.md lists what each rule must flag);
//! `fixtures/agency` is the sample portfolio, whose README.md lists what is
//! overdue, due soon, blocked, red, yellow and stale on that day.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::support::{Output, Test};

/// Every rule, in report order (most severe first).
const RULES: [&str; 7] = [
    "invalid", "overdue", "red", "blocked", "stale", "due-soon", "yellow",
];

/// A complete, valid project.
const VALID: &str = "client: Acme Corp
project: Website redesign
stage: onboarding
status: in-progress
health: green
owner: Marie Dupont
created: 2026-12-01
due: 2027-01-15
";

/// A project file whose line 6 is not valid YAML.
const BROKEN: &str = "client: Acme Corp
project: Website redesign
stage: onboarding
status: in-progress
health: green
owner: Marie: Dupont
due: 2027-01-15
";

/// One flagged item: the project and, for a milestone, its id.
type Flag = (String, Option<String>);

fn flags(list: &[(&str, Option<&str>)]) -> Vec<Flag> {
    list.iter()
        .map(|(p, m)| (p.to_string(), m.map(str::to_string)))
        .collect()
}

fn projects(list: &[&str]) -> Vec<Flag> {
    list.iter().map(|p| (p.to_string(), None)).collect()
}

/// Parses a `--format json` run.
#[track_caller]
fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n--- stderr\n{}",
            out.stdout, out.stderr
        )
    })
}

/// The findings array of a `--format json` document.
#[track_caller]
fn findings(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().expect("`findings` is a list")
}

fn text(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {v}"))
        .to_string()
}

/// (project, milestone) of every finding, in report order.
fn flagged(doc: &Value) -> Vec<Flag> {
    findings(doc)
        .iter()
        .map(|f| {
            (
                text(f, "project"),
                f["milestone"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// (rule, severity, project) of every finding, in report order.
fn rules_of(doc: &Value) -> Vec<(String, String, Option<String>)> {
    findings(doc)
        .iter()
        .map(|f| {
            (
                text(f, "rule"),
                text(f, "severity"),
                f["project"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// `check --fail-on RULE --format json` on a fixture: what the rule flags.
#[track_caller]
fn rule_alone(fixture: &str, rule: &str) -> Vec<Flag> {
    let out = Test::fixture(fixture)
        .args("check --format json --fail-on")
        .arg(rule)
        .run();
    let doc = json(&out);
    let got = flagged(&doc);
    assert!(
        findings(&doc).iter().all(|f| f["rule"] == rule),
        "--fail-on {rule} reported other rules:\n{}",
        out.stdout
    );
    assert_eq!(
        out.code,
        if got.is_empty() { 0 } else { 1 },
        "--fail-on {rule}"
    );
    got
}

/// The last line of an output.
fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

// --- 1. every rule, exactly ------------------------------------------------

#[test]
fn each_rule_alone_flags_exactly_its_projects_on_the_check_fixture() {
    let expected: &[(&str, Vec<Flag>)] = &[
        (
            "overdue",
            flags(&[
                ("late-green", None),
                ("milestones-open", Some("design")),
                ("milestones-open", Some("build")),
                ("late-by-one-day", None),
            ]),
        ),
        ("red", projects(&["blocked-with-reason", "red-not-started"])),
        ("yellow", projects(&["blocked-no-reason", "due-in-3"])),
        (
            "blocked",
            projects(&["blocked-no-reason", "blocked-with-reason"]),
        ),
        ("stale", projects(&["stale-from-created", "stale-8-days"])),
        ("due-soon", projects(&["due-today", "due-in-3"])),
        ("invalid", vec![]),
    ];
    for (rule, want) in expected {
        assert_eq!(&rule_alone("check", rule), want, "--fail-on {rule}");
    }
}

#[test]
fn messages_name_the_deadline_the_reason_and_the_days() {
    let out = Test::fixture("check")
        .args("check --format json --fail-on")
        .arg(&RULES.join(","))
        .expect_code(1);
    let doc = json(&out);
    let got: Vec<(String, String)> = findings(&doc)
        .iter()
        .map(|f| (text(f, "rule"), text(f, "message")))
        .collect();
    let want: Vec<(String, String)> = [
        ("overdue", "late-green: due 2026-11-20, 17 days ago"),
        (
            "overdue",
            "milestones-open: milestone `Design sign-off` due 2026-12-01, 6 days ago",
        ),
        (
            "overdue",
            "milestones-open: milestone `Build` due 2026-12-04, 3 days ago",
        ),
        ("overdue", "late-by-one-day: due 2026-12-06, yesterday"),
        ("red", "blocked-with-reason: health is red since 2026-12-02"),
        ("red", "red-not-started: health is red"),
        (
            "blocked",
            "blocked-no-reason: blocked, with no reason given",
        ),
        ("blocked", "blocked-with-reason: blocked on legal review"),
        (
            "stale",
            "stale-from-created: no update since it was created 21 days ago",
        ),
        (
            "stale",
            "stale-8-days: no update for 8 days (last on 2026-11-29)",
        ),
        ("due-soon", "due-today: due 2026-12-07, today"),
        ("due-soon", "due-in-3: due 2026-12-10, in 3 days"),
        ("yellow", "blocked-no-reason: health is yellow"),
        ("yellow", "due-in-3: health is yellow since 2026-12-02"),
    ]
    .iter()
    .map(|(r, m)| (r.to_string(), m.to_string()))
    .collect();
    assert_eq!(got, want, "{}", out.stdout);
    assert!(
        findings(&doc).iter().all(|f| f["severity"] == "error"),
        "{}",
        out.stdout
    );
}

#[test]
fn red_since_is_the_day_the_health_became_red() {
    // An update that restates `health: red` does not make it red "since"
    // then: it has been red since the first update of the run.
    let project = VALID.replace("health: green", "health: red")
        + "updates:
  - date: 2026-11-02
    health: yellow
    note: slipping
  - date: 2026-11-10
    health: red
    note: red
  - date: 2026-11-25
    health: red
    note: still red
  - date: 2026-12-03
    note: nothing changed
";
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/p.yaml", &project)
        .args("check --format json --fail-on red")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(
        findings(&doc)[0]["message"],
        "p: health is red since 2026-11-10",
        "{}",
        out.stdout
    );
}

#[test]
fn done_projects_and_milestones_of_done_projects_are_never_flagged() {
    let out = Test::fixture("check")
        .args("check --format json --fail-on")
        .arg(&RULES.join(","))
        .expect_code(1);
    let doc = json(&out);
    for f in findings(&doc) {
        let project = text(f, "project");
        assert!(
            !project.starts_with("done-"),
            "a done project was flagged: {f}"
        );
        // The recurring milestone, the done one and the future one are not
        // overdue.
        assert!(
            !matches!(
                f["milestone"].as_str(),
                Some("kickoff" | "weekly-report" | "launch" | "handover")
            ),
            "{f}"
        );
    }
    // Nor are the boundary cases: due in 4 days, stale by exactly 7 days.
    let ids: BTreeSet<String> = flagged(&doc).into_iter().map(|(p, _)| p).collect();
    assert!(!ids.contains("due-in-4"), "{}", out.stdout);
    assert!(!ids.contains("stale-7-days"), "{}", out.stdout);
    assert_eq!(doc["projects_checked"], 14);
}

#[test]
fn agency_overdue_is_the_readme_projects_and_their_milestones() {
    // The README's 6 overdue projects and 11 overdue milestones, oldest
    // deadline first, then by id (a project before its own milestones).
    let want = flags(&[
        ("initech-intranet-redesign", Some("sso")), // 2026-11-13
        (
            "zenith-assurances-campagne-video-youtube",
            Some("diffusion"),
        ), // 11-23
        ("zenith-assurances-campagne-video-youtube", None), // 11-27
        (
            "zenith-assurances-refonte-de-l-espace-client",
            Some("specifications"),
        ), // 11-27
        ("initech-intranet-redesign", None),        // 11-30
        ("initech-intranet-redesign", Some("launch")), // 11-30
        ("globex-industries-crm-migration-to-hubspot", None), // 12-02
        (
            "globex-industries-crm-migration-to-hubspot",
            Some("cut-over"),
        ),
        ("les-jardins-de-provence-boutique-en-ligne", Some("recette")),
        ("umbrella-health-patient-portal-handover", None), // 12-03
        (
            "umbrella-health-patient-portal-handover",
            Some("access-transfer"),
        ),
        ("acme-corp-website-redesign", Some("content")), // 12-04
        (
            "boulangerie-lemoine-site-de-commande-en-ligne",
            Some("paiement"),
        ),
        ("initech-employer-branding-video", None),
        ("initech-employer-branding-video", Some("final-cut")),
        ("les-jardins-de-provence-boutique-en-ligne", None),
        (
            "les-jardins-de-provence-boutique-en-ligne",
            Some("lancement"),
        ),
    ]);
    let got = rule_alone("agency", "overdue");
    assert_eq!(got, want);
    let overdue_projects: BTreeSet<&str> = got
        .iter()
        .filter(|(_, m)| m.is_none())
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(
        overdue_projects,
        BTreeSet::from([
            "globex-industries-crm-migration-to-hubspot",
            "initech-employer-branding-video",
            "initech-intranet-redesign",
            "les-jardins-de-provence-boutique-en-ligne",
            "umbrella-health-patient-portal-handover",
            "zenith-assurances-campagne-video-youtube",
        ])
    );
    assert_eq!(got.iter().filter(|(_, m)| m.is_some()).count(), 11);
}

#[test]
fn agency_rules_flag_exactly_the_readme_lists() {
    assert_eq!(
        rule_alone("agency", "stale"),
        projects(&[
            "umbrella-health-wellness-blog",                    // 2026-11-16
            "hotel-du-lac-winter-season-newsletter",            // created 2026-11-18
            "zenith-assurances-campagne-video-youtube",         // 2026-11-20
            "initech-intranet-redesign",                        // 2026-11-24
            "les-jardins-de-provence-strategie-de-contenu-seo", // 2026-11-29
        ])
    );
    assert_eq!(
        rule_alone("agency", "due-soon"),
        projects(&[
            "patisserie-fleurac-campagne-coffrets-de-noel", // 2026-12-07
            "boulangerie-lemoine-site-de-commande-en-ligne", // 2026-12-09
            "globex-industries-trade-show-landing-pages",   // 2026-12-10
            "northwind-traders-holiday-gift-guide",         // 2026-12-10
        ])
    );
    assert_eq!(
        rule_alone("agency", "blocked"),
        projects(&[
            "cafe-etoile-lancement-instagram",
            "globex-industries-trade-show-landing-pages",
            "initech-employer-branding-video",
            "initech-intranet-redesign",
            "northwind-traders-shopify-migration",
            "patisserie-fleurac-packaging-photoshoot",
            "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
            "umbrella-health-wellness-blog",
        ])
    );
    assert_eq!(
        rule_alone("agency", "red"),
        projects(&[
            "globex-industries-crm-migration-to-hubspot",
            "initech-employer-branding-video",
            "initech-intranet-redesign",
            "initech-q4-paid-search-campaign",
            "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
            "zenith-assurances-campagne-video-youtube",
        ])
    );
    assert_eq!(
        rule_alone("agency", "yellow"),
        projects(&[
            "acme-corp-website-redesign",
            "boulangerie-lemoine-site-de-commande-en-ligne",
            "cafe-etoile-lancement-instagram",
            "globex-industries-b2b-lead-generation-campaign",
            "globex-industries-trade-show-landing-pages",
            "les-jardins-de-provence-boutique-en-ligne",
            "northwind-traders-shopify-migration",
            "patisserie-fleurac-packaging-photoshoot",
            "umbrella-health-patient-portal-handover",
            "umbrella-health-wellness-blog",
        ])
    );
    assert_eq!(rule_alone("agency", "invalid"), vec![]);
}

#[test]
fn rules_are_reported_most_severe_first() {
    let out = Test::fixture("agency")
        .args("check --format json --fail-on")
        .arg(&RULES.join(","))
        .expect_code(1);
    let doc = json(&out);
    let order: Vec<usize> = rules_of(&doc)
        .iter()
        .map(|(r, _, _)| RULES.iter().position(|x| x == r).unwrap())
        .collect();
    assert!(order.is_sorted(), "{}", out.stdout);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (r, _, _) in rules_of(&doc) {
        *counts.entry(r).or_default() += 1;
    }
    let want: BTreeMap<String, usize> = [
        ("overdue", 17),
        ("red", 6),
        ("blocked", 8),
        ("stale", 5),
        ("due-soon", 4),
        ("yellow", 10),
    ]
    .iter()
    .map(|(r, n)| (r.to_string(), *n))
    .collect();
    assert_eq!(counts, want);
}

// --- 2. settings -------------------------------------------------------------

#[test]
fn due_soon_days_from_tracker_yaml_changes_the_window() {
    let run = |config: &str| {
        let out = Test::fixture("check")
            .file("tracker.yaml", config)
            .args("check --format json --fail-on due-soon")
            .run();
        flagged(&json(&out))
    };
    assert_eq!(
        run("due_soon_days: 4\n"),
        projects(&["due-today", "due-in-3", "due-in-4"])
    );
    assert_eq!(
        run("due_soon_days: 3\n"),
        projects(&["due-today", "due-in-3"])
    );
    assert_eq!(run("due_soon_days: 2\n"), projects(&["due-today"]));
    assert_eq!(run("due_soon_days: 0\n"), projects(&["due-today"]));
    // The default is 3.
    assert_eq!(run(""), projects(&["due-today", "due-in-3"]));
}

#[test]
fn stale_days_from_tracker_yaml_changes_staleness() {
    let run = |config: &str| {
        let out = Test::fixture("check")
            .file("tracker.yaml", config)
            .args("check --format json --fail-on stale")
            .run();
        flagged(&json(&out))
    };
    assert_eq!(
        run("stale_days: 6\n"),
        projects(&["stale-from-created", "stale-8-days", "stale-7-days"])
    );
    assert_eq!(
        run("stale_days: 7\n"),
        projects(&["stale-from-created", "stale-8-days"])
    );
    assert_eq!(run("stale_days: 8\n"), projects(&["stale-from-created"]));
    assert_eq!(run("stale_days: 20\n"), projects(&["stale-from-created"]));
    // Created exactly 21 days ago: not stale with `stale_days: 21`.
    assert_eq!(run("stale_days: 21\n"), vec![]);
    // The default is 7.
    assert_eq!(run(""), projects(&["stale-from-created", "stale-8-days"]));
}

// --- 3. precedence -------------------------------------------------------------

#[test]
fn without_config_the_default_rules_are_overdue_and_red() {
    let out = Test::fixture("check")
        .args("check --format json")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(
        doc["fail_on"],
        serde_json::json!(["invalid", "overdue", "red"])
    );
    let rules: BTreeSet<String> = rules_of(&doc).into_iter().map(|(r, _, _)| r).collect();
    assert_eq!(
        rules,
        BTreeSet::from(["overdue".to_string(), "red".to_string()])
    );
    assert_eq!(findings(&doc).len(), 6);
}

#[test]
fn config_fail_on_sets_the_rules_and_the_flag_wins() {
    let config = "due_soon_days: 3\nstale_days: 7\ncheck: {fail_on: [stale]}\n";
    let out = Test::fixture("check")
        .file("tracker.yaml", config)
        .args("check --format json")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(doc["fail_on"], serde_json::json!(["invalid", "stale"]));
    assert_eq!(
        flagged(&doc),
        projects(&["stale-from-created", "stale-8-days"])
    );

    // The flag replaces the configured rules, it does not add to them.
    let out = Test::fixture("check")
        .file("tracker.yaml", config)
        .args("check --format json --fail-on red")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(doc["fail_on"], serde_json::json!(["invalid", "red"]));
    assert_eq!(
        flagged(&doc),
        projects(&["blocked-with-reason", "red-not-started"])
    );

    // A config rule that does not match passes, whatever else is wrong.
    let out = Test::fixture("check")
        .file("tracker.yaml", "check:\n  fail_on:\n    - due-soon\n")
        .file("projects/due-today.yaml", VALID)
        .file("projects/due-in-3.yaml", VALID)
        .args("check --format json")
        .expect_code(0);
    assert_eq!(json(&out)["passed"], true, "{}", out.stdout);
}

#[test]
fn fail_on_is_repeatable_comma_separated_and_spelling_tolerant() {
    let run = |args: &str| {
        let out = Test::fixture("check").args(args).run();
        assert_eq!(out.code, 1, "{args}");
        let doc = json(&out);
        (doc["fail_on"].clone(), rules_of(&doc))
    };
    let a = run("check --format json --fail-on red,stale");
    let b = run("check --format json --fail-on red --fail-on stale");
    let c = run("check --format json --fail-on RED,Stale");
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(a.0, serde_json::json!(["invalid", "red", "stale"]));
    let soon = run("check --format json --fail-on Due_Soon");
    assert_eq!(soon.0, serde_json::json!(["invalid", "due-soon"]));
}

#[test]
fn warn_on_demotes_a_rule_to_a_warning() {
    // Everything the default rules match, demoted: reported, exit 0.
    let out = Test::fixture("check")
        .args("check --format json --warn-on overdue,red")
        .expect_code(0);
    let doc = json(&out);
    assert_eq!(doc["passed"], true);
    assert_eq!(doc["fail_on"], serde_json::json!(["invalid"]));
    assert_eq!(doc["warn_on"], serde_json::json!(["overdue", "red"]));
    assert_eq!(findings(&doc).len(), 6);
    assert!(
        findings(&doc).iter().all(|f| f["severity"] == "warning"),
        "{}",
        out.stdout
    );
    let out = Test::fixture("check")
        .args("check --warn-on overdue,red")
        .expect_code(0);
    assert_eq!(
        last_line(&out.stdout),
        "check passed: 0 failing, 6 warnings (overdue 4, red 2); 14 projects checked"
    );

    // A warned rule next to a failing one: failing findings first.
    let out = Test::fixture("check")
        .args("check --format json --fail-on stale --warn-on overdue")
        .expect_code(1);
    let got: Vec<(String, String)> = rules_of(&json(&out))
        .into_iter()
        .map(|(r, s, _)| (r, s))
        .collect();
    let s = |r: &str, sev: &str| (r.to_string(), sev.to_string());
    assert_eq!(
        got,
        [
            s("stale", "error"),
            s("stale", "error"),
            s("overdue", "warning"),
            s("overdue", "warning"),
            s("overdue", "warning"),
            s("overdue", "warning"),
        ]
    );

    // --warn-on takes a rule out of --fail-on and out of the config.
    Test::fixture("check")
        .args("check --fail-on stale --warn-on stale")
        .expect_code(0);
    Test::fixture("check")
        .file("tracker.yaml", "check: {fail_on: [stale]}\n")
        .args("check --warn-on stale")
        .expect_code(0);
    // Warning about one rule does not stop the others from failing.
    let out = Test::fixture("check")
        .args("check --warn-on stale")
        .expect_code(1);
    assert_eq!(
        last_line(&out.stdout),
        "check failed: 6 failing (overdue 4, red 2), 2 warnings (stale 2); 14 projects checked"
    );
}

#[test]
fn exit_zero_reports_but_does_not_fail() {
    let failing = Test::fixture("check").args("check").expect_code(1);
    let out = Test::fixture("check")
        .args("check --exit-zero")
        .expect_code(0);
    assert_eq!(out.stdout, failing.stdout);
    assert_eq!(
        last_line(&out.stdout),
        "check failed: 6 failing (overdue 4, red 2), 0 warnings; 14 projects checked"
    );
    let out = Test::fixture("check")
        .args("check --exit-zero --format json")
        .expect_code(0);
    assert_eq!(findings(&json(&out)).len(), 6);
    // A broken file too.
    Test::fixture("check")
        .file("projects/broken.yaml", BROKEN)
        .args("check --exit-zero --fail-on invalid")
        .expect_code(0);
}

// --- 4. exit codes and broken files ------------------------------------------------

#[test]
fn exit_0_when_nothing_failing_matched() {
    let out = Test::fixture("check")
        .args("check --fail-on invalid")
        .expect_code(0);
    assert_eq!(
        out.stdout,
        "check passed: 0 failing, 0 warnings; 14 projects checked\n"
    );
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/fine.yaml", VALID)
        .args("check")
        .expect_code(0);
    assert_eq!(
        out.stdout,
        "check passed: 0 failing, 0 warnings; 1 project checked\n"
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    // An empty tracker passes too.
    let out = Test::tracker("").args("check").expect_code(0);
    assert_eq!(
        out.stdout,
        "check passed: 0 failing, 0 warnings; 0 projects checked\n"
    );
}

#[test]
fn exit_1_when_a_failing_rule_matched() {
    for rule in ["overdue", "red", "yellow", "blocked", "stale", "due-soon"] {
        Test::fixture("check")
            .args("check --fail-on")
            .arg(rule)
            .expect_code(1);
    }
}

#[test]
fn unknown_rules_are_usage_errors_with_a_suggestion() {
    let out = Test::fixture("check")
        .args("check --fail-on overdeu")
        .expect_code(2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("unknown rule `overdeu`")
            && out.stderr.contains("did you mean `overdue`?"),
        "{}",
        out.stderr
    );
    let out = Test::fixture("check")
        .args("check --warn-on red,bloked")
        .expect_code(2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("did you mean `blocked`?"),
        "{}",
        out.stderr
    );
    let out = Test::fixture("check")
        .args("check --format xml")
        .expect_code(2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn a_missing_tracker_folder_is_a_usage_error() {
    let t = Test::new();
    let missing = t.path().join("nowhere");
    let out = t
        .arg("--dir")
        .arg(missing.to_str().unwrap())
        .args("check")
        .expect_code(2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
}

/// The `--format brief` line `validate` prints for a broken file.
fn validate_line(t: Test) -> String {
    let out = t.args("validate --format brief").expect_code(1);
    out.stdout.lines().next().unwrap().to_string()
}

#[test]
fn a_broken_file_fails_the_check_whatever_the_rules() {
    let broken = || {
        Test::tracker("stale_days: 7\n")
            .file("projects/fine.yaml", VALID)
            .file("projects/broken.yaml", BROKEN)
    };
    let expected = validate_line(broken());
    assert_eq!(
        expected,
        "projects/broken.yaml:6:13: error: invalid YAML: mapping values are not allowed in this \
         context"
    );

    // `stale` matches nothing on this portfolio: the broken file alone fails it.
    let out = broken()
        .args("check --fail-on stale --format json")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["fail_on"], serde_json::json!(["invalid", "stale"]));
    let f = findings(&doc);
    assert_eq!(f.len(), 1, "{}", out.stdout);
    assert_eq!(f[0]["rule"], "invalid");
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(f[0]["project"], Value::Null);
    assert_eq!(f[0]["file"], "projects/broken.yaml");
    assert_eq!(f[0]["line"], 6);
    assert_eq!(f[0]["column"], 13);
    assert_eq!(
        f[0]["message"],
        "invalid YAML: mapping values are not allowed in this context"
    );

    let out = broken().args("check --fail-on stale").expect_code(1);
    assert!(
        out.stdout.starts_with(
            "error[invalid]: invalid YAML: mapping values are not allowed in this context\n \
             --> projects/broken.yaml:6:13\n"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        last_line(&out.stdout),
        "check failed: 1 failing (invalid 1), 0 warnings; 1 project checked"
    );
    // The default rules too; and the valid project is still checked.
    let out = broken().args("check").expect_code(1);
    assert!(
        out.stdout.contains("projects/broken.yaml:6:13"),
        "{}",
        out.stdout
    );
}

#[test]
fn warn_on_invalid_still_reports_broken_files_but_passes() {
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/fine.yaml", VALID)
        .file("projects/broken.yaml", BROKEN)
        .args("check --fail-on stale --warn-on invalid")
        .expect_code(0);
    assert!(
        out.stdout.starts_with(
            "warning[invalid]: invalid YAML: mapping values are not allowed in this context\n \
             --> projects/broken.yaml:6:13\n"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        last_line(&out.stdout),
        "check passed: 0 failing, 1 warning (invalid 1); 1 project checked"
    );
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/broken.yaml", BROKEN)
        .args("check --warn-on invalid --format json")
        .expect_code(0);
    let doc = json(&out);
    assert_eq!(doc["passed"], true);
    assert_eq!(doc["fail_on"], serde_json::json!(["overdue", "red"]));
    assert_eq!(doc["warn_on"], serde_json::json!(["invalid"]));
    let f = findings(&doc);
    assert_eq!(f.len(), 1, "{}", out.stdout);
    assert_eq!(f[0]["severity"], "warning");
    assert_eq!(f[0]["file"], "projects/broken.yaml");
    assert_eq!(f[0]["line"], 6);
}

#[test]
fn every_broken_file_of_the_invalid_fixture_is_an_invalid_finding() {
    let out = Test::fixture("invalid")
        .args("check --fail-on stale --format json")
        .expect_code(1);
    let doc = json(&out);
    let brief = Test::fixture("invalid")
        .args("validate --format brief")
        .expect_code(1);
    // Every error `validate` prints is one `invalid` finding, at the same place.
    let errors: Vec<&str> = brief
        .stdout
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    let got: Vec<String> = findings(&doc)
        .iter()
        .filter(|f| f["rule"] == "invalid")
        .map(|f| {
            format!(
                "{}:{}:{}: error: {}",
                text(f, "file"),
                f["line"],
                f["column"],
                text(f, "message")
            )
        })
        .collect();
    assert_eq!(got, errors);
    assert_eq!(got.len(), 25);
}

#[test]
fn an_unknown_rule_in_tracker_yaml_is_invalid_at_its_line() {
    let config = "stale_days: 7\ncheck:\n  fail_on:\n    - overdue\n    - overdeu\n";
    let out = Test::tracker(config)
        .file("projects/fine.yaml", VALID)
        .args("check --format json")
        .expect_code(1);
    let doc = json(&out);
    let f = findings(&doc);
    assert_eq!(f.len(), 1, "{}", out.stdout);
    assert_eq!(f[0]["rule"], "invalid");
    assert_eq!(f[0]["file"], "tracker.yaml");
    assert!(
        text(&f[0], "message").contains("did you mean `overdue`?"),
        "{}",
        out.stdout
    );
    // The offending word is on line 5, column 7, not on the `fail_on:` key.
    assert_eq!(
        (f[0]["line"].clone(), f[0]["column"].clone()),
        (Value::from(5), Value::from(7)),
        "{}",
        out.stdout
    );
}

// --- 5. filters ---------------------------------------------------------------

#[test]
fn filters_scope_the_check() {
    let out = Test::fixture("agency")
        .args("check --format json --fail-on overdue --owner")
        .arg("Lucas Moreau")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(doc["projects_checked"], 4);
    assert_eq!(
        flagged(&doc),
        flags(&[
            ("initech-intranet-redesign", Some("sso")),
            ("initech-intranet-redesign", None),
            ("initech-intranet-redesign", Some("launch")),
            ("globex-industries-crm-migration-to-hubspot", None),
            (
                "globex-industries-crm-migration-to-hubspot",
                Some("cut-over")
            ),
        ])
    );

    // Case-insensitive, comma-separated.
    let out = Test::fixture("agency")
        .args("check --format json --fail-on red --client")
        .arg("initech,Zénith Assurances")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(doc["projects_checked"], 6);
    assert_eq!(
        flagged(&doc),
        projects(&[
            "initech-employer-branding-video",
            "initech-intranet-redesign",
            "initech-q4-paid-search-campaign",
            "zenith-assurances-campagne-video-youtube",
        ])
    );

    let out = Test::fixture("agency")
        .args("check --format json --fail-on overdue,blocked --stage offboarding")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(doc["projects_checked"], 4);
    assert_eq!(
        rules_of(&doc)
            .into_iter()
            .map(|(r, _, p)| (r, p.unwrap()))
            .collect::<Vec<_>>(),
        [
            ("overdue", "umbrella-health-patient-portal-handover"),
            ("overdue", "umbrella-health-patient-portal-handover"),
            ("blocked", "umbrella-health-wellness-blog"),
        ]
        .map(|(r, p)| (r.to_string(), p.to_string()))
    );

    // A scope with nothing wrong in it passes.
    let out = Test::fixture("agency")
        .args("check --client")
        .arg("Café Étoile")
        .expect_code(0);
    assert_eq!(
        out.stdout,
        "check passed: 0 failing, 0 warnings; 2 projects checked\n"
    );
}

#[test]
fn broken_files_are_reported_whatever_the_filters() {
    // A file that does not load belongs to no owner: it is never filtered out.
    let out = Test::fixture("agency")
        .file("projects/broken.yaml", BROKEN)
        .args("check --client")
        .arg("Café Étoile")
        .expect_code(1);
    assert_eq!(
        last_line(&out.stdout),
        "check failed: 1 failing (invalid 1), 0 warnings; 2 projects checked"
    );
}

// --- 6. text ----------------------------------------------------------------------

#[test]
fn text_on_the_agency_with_the_default_rules() {
    let out = Test::fixture("agency").args("check").expect_code(1);
    assert_eq!(
        last_line(&out.stdout),
        "check failed: 23 failing (overdue 17, red 6), 0 warnings; 34 projects checked"
    );
    assert_eq!(out.stdout.matches("error[overdue]: ").count(), 17);
    assert_eq!(out.stdout.matches("error[red]: ").count(), 6);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(!out.stdout.contains('\x1b'), "escape bytes with NO_COLOR");
    // One block per finding: the rule, the project, file:line:col, the line.
    assert!(
        out.stdout.contains(
            "error[overdue]: zenith-assurances-campagne-video-youtube: due 2026-11-27, 10 days \
             ago\n  --> projects/zenith-assurances-campagne-video-youtube.yaml:10:6\n   |\n10 | \
             due: 2026-11-27\n   |      ^^^^^^^^^^\n"
        ),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("text_agency_default", out.stdout);
}

#[test]
fn text_with_a_failing_and_a_warned_rule() {
    let out = Test::fixture("agency")
        .args("check --fail-on stale --warn-on blocked")
        .expect_code(1);
    assert_eq!(
        last_line(&out.stdout),
        "check failed: 5 failing (stale 5), 8 warnings (blocked 8); 34 projects checked"
    );
    assert_eq!(out.stdout.matches("error[stale]: ").count(), 5);
    assert_eq!(out.stdout.matches("warning[blocked]: ").count(), 8);
    // Errors first, then warnings.
    let last_error = out.stdout.rfind("error[").unwrap();
    let first_warning = out.stdout.find("warning[").unwrap();
    assert!(last_error < first_warning, "{}", out.stdout);
    insta::assert_snapshot!("text_agency_stale_warn_blocked", out.stdout);
}

// --- 7. GitHub ------------------------------------------------------------------------

/// One parsed workflow command: kind, properties (unescaped), message
/// (unescaped).
#[derive(Debug, Clone, PartialEq)]
struct Annotation {
    kind: String,
    props: BTreeMap<String, String>,
    message: String,
}

/// Undoes the toolkit's escaping.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Parses the `::kind props::message` lines of an output.
fn annotations(stdout: &str) -> Vec<Annotation> {
    stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(|l| {
            let rest = &l[2..];
            let (head, message) = rest.split_once("::").expect("`::` after the properties");
            let (kind, props) = head.split_once(' ').unwrap_or((head, ""));
            let props = props
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').expect("key=value");
                    (k.to_string(), unescape(v))
                })
                .collect();
            Annotation {
                kind: kind.to_string(),
                props,
                message: unescape(message),
            }
        })
        .collect()
}

/// The source line `line` (1-based) of a file below the root.
fn source_line(t: &Test, file: &str, line: usize) -> String {
    t.read(file)
        .lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("{file} has no line {line}"))
        .to_string()
}

/// The first `YYYY-MM-DD` after `after` in `s`.
fn date_after<'a>(s: &'a str, after: &str) -> &'a str {
    let at = s
        .find(after)
        .unwrap_or_else(|| panic!("no `{after}` in {s}"))
        + after.len();
    &s[at..at + 10]
}

#[test]
fn every_finding_points_at_the_field_behind_it() {
    // All rules on the agency: each finding's file, line and column hold the
    // value that triggers it.
    let t = Test::fixture("agency")
        .args("check --format json --fail-on")
        .arg(&RULES.join(","));
    let doc = json(&t.expect_code(1));
    assert_eq!(findings(&doc).len(), 50);
    for f in findings(&doc) {
        let file = text(f, "file");
        let line = f["line"].as_u64().expect("a line") as usize;
        let col = f["column"].as_u64().expect("a column") as usize;
        let src = source_line(&t, &file, line);
        let at = &src[col - 1..];
        let message = text(f, "message");
        let rule = text(f, "rule");
        let ctx = format!("{rule} {file}:{line}:{col}: `{src}` ({message})");
        match rule.as_str() {
            "overdue" | "due-soon" => {
                let due = date_after(&message, "due ");
                assert!(at.starts_with(due), "{ctx}");
                match f["milestone"].as_str() {
                    None => assert!(src.starts_with("due: "), "{ctx}"),
                    Some(m) => {
                        assert!(src.trim_start().starts_with("due: "), "{ctx}");
                        assert!(src.starts_with(' '), "{ctx}");
                        // The nearest `- id:` above is the milestone's.
                        let text = t.read(&file);
                        let above: Vec<&str> = text.lines().take(line).collect();
                        let id = above
                            .iter()
                            .rev()
                            .find_map(|l| l.trim_start().strip_prefix("- id: "))
                            .unwrap_or_else(|| panic!("no milestone above: {ctx}"));
                        assert_eq!(id.trim(), m, "{ctx}");
                    }
                }
            }
            "red" | "yellow" => {
                assert!(src.starts_with(&format!("health: {rule}")), "{ctx}");
                assert!(at.starts_with(&rule), "{ctx}");
            }
            "blocked" => {
                assert!(src.starts_with("status: blocked"), "{ctx}");
                assert!(at.starts_with("blocked"), "{ctx}");
            }
            "stale" => {
                if message.contains("(last on ") {
                    let day = date_after(&message, "(last on ");
                    assert!(
                        src.trim_start()
                            .trim_start_matches("- ")
                            .starts_with("date: "),
                        "{ctx}"
                    );
                    assert!(at.starts_with(day), "{ctx}");
                    // ... and it is the newest update of the file.
                    let newest = t
                        .read(&file)
                        .lines()
                        .filter_map(|l| {
                            l.trim_start()
                                .trim_start_matches("- ")
                                .strip_prefix("date: ")
                        })
                        .map(|d| d[..10].to_string())
                        .max()
                        .unwrap();
                    assert_eq!(newest, day, "{ctx}");
                } else {
                    assert!(src.starts_with("created: "), "{ctx}");
                    assert!(at.starts_with("20"), "{ctx}");
                }
            }
            other => panic!("unexpected rule {other}: {ctx}"),
        }
    }
}

#[test]
fn github_lines_carry_the_file_and_line_of_the_field() {
    let t = Test::fixture("check")
        .args("check --format github --fail-on")
        .arg(&RULES.join(","));
    let out = t.expect_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    // Project `due:` line, milestone `due:` lines, `health:`, `status:`, the
    // newest update's `date:` (listed after other keys), `created:`.
    let want = [
        "::error file=projects/late-green.yaml,line=9,col=6,title=tracker check%3A \
         Overdue::late-green: due 2026-11-20, 17 days ago",
        "::error file=projects/milestones-open.yaml,line=20,col=10,title=tracker check%3A \
         Overdue::milestones-open: milestone `Design sign-off` due 2026-12-01, 6 days ago",
        "::error file=projects/milestones-open.yaml,line=24,col=10,title=tracker check%3A \
         Overdue::milestones-open: milestone `Build` due 2026-12-04, 3 days ago",
        "::error file=projects/late-by-one-day.yaml,line=9,col=6,title=tracker check%3A \
         Overdue::late-by-one-day: due 2026-12-06, yesterday",
        "::error file=projects/blocked-with-reason.yaml,line=5,col=9,title=tracker check%3A \
         Red::blocked-with-reason: health is red since 2026-12-02",
        "::error file=projects/red-not-started.yaml,line=5,col=9,title=tracker check%3A \
         Red::red-not-started: health is red",
        "::error file=projects/blocked-no-reason.yaml,line=4,col=9,title=tracker check%3A \
         Blocked::blocked-no-reason: blocked, with no reason given",
        "::error file=projects/blocked-with-reason.yaml,line=4,col=9,title=tracker check%3A \
         Blocked::blocked-with-reason: blocked on legal review",
        "::error file=projects/stale-from-created.yaml,line=8,col=10,title=tracker check%3A \
         Stale::stale-from-created: no update since it was created 21 days ago",
        "::error file=projects/stale-8-days.yaml,line=16,col=11,title=tracker check%3A \
         Stale::stale-8-days: no update for 8 days (last on 2026-11-29)",
        "::notice title=tracker::14 findings in total: 14 errors, 0 warnings; showing the 10 \
         most severe of each",
        "check failed: 14 failing (overdue 4, red 2, blocked 2, stale 2, due-soon 2, yellow 2), 0 \
         warnings; 14 projects checked",
    ];
    assert_eq!(lines, want);
    assert_eq!(
        source_line(&t, "projects/late-green.yaml", 9),
        "due: 2026-11-20"
    );
    assert_eq!(
        source_line(&t, "projects/milestones-open.yaml", 20),
        "    due: 2026-12-01"
    );
    assert_eq!(
        source_line(&t, "projects/milestones-open.yaml", 24),
        "    due: 2026-12-04"
    );
    assert_eq!(
        source_line(&t, "projects/stale-8-days.yaml", 16),
        "    date: 2026-11-29"
    );
    assert_eq!(
        source_line(&t, "projects/stale-from-created.yaml", 8),
        "created: 2026-11-16"
    );

    // On the agency: a project's `due:` and a milestone's `due:`.
    let t = Test::fixture("agency").args("check --format github");
    let out = t.expect_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=projects/initech-intranet-redesign.yaml,line=25,col=10,title=tracker \
         check%3A Overdue::initech-intranet-redesign: milestone `SSO integration with Azure AD` \
         due 2026-11-13, 24 days ago"
    );
    assert_eq!(
        source_line(&t, "projects/initech-intranet-redesign.yaml", 25),
        "    due: 2026-11-13"
    );
    assert!(
        lines.contains(
            &"::error file=projects/zenith-assurances-campagne-video-youtube.yaml,line=10,col=6,\
              title=tracker check%3A Overdue::zenith-assurances-campagne-video-youtube: due \
              2026-11-27, 10 days ago"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        source_line(
            &t,
            "projects/zenith-assurances-campagne-video-youtube.yaml",
            10
        ),
        "due: 2026-11-27"
    );
    // A project in a sub-folder, and a stale update's `date:` line.
    let out = Test::fixture("agency")
        .args("check --format github --fail-on stale")
        .expect_code(1);
    assert!(
        out.stdout.contains(
            "::error file=projects/seo/les-jardins-de-provence-strategie-de-contenu-seo.yaml,\
             line=28,col=11,title=tracker check%3A Stale::les-jardins-de-provence-strategie-de-\
             contenu-seo: no update for 8 days (last on 2026-11-29)\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn github_annotations_match_the_json_findings() {
    // Every annotation is one finding, in the same order, at the same place.
    for args in [
        "--fail-on stale,red --warn-on blocked",
        "--fail-on overdue,due-soon",
    ] {
        let doc = json(
            &Test::fixture("agency")
                .args("check --format json")
                .args(args)
                .run(),
        );
        let out = Test::fixture("agency")
            .args("check --format github")
            .args(args)
            .run();
        let notes: Vec<Annotation> = annotations(&out.stdout)
            .into_iter()
            .filter(|a| a.kind != "notice")
            .collect();
        let errors: Vec<&Value> = findings(&doc)
            .iter()
            .filter(|f| f["severity"] == "error")
            .take(10)
            .collect();
        let warnings: Vec<&Value> = findings(&doc)
            .iter()
            .filter(|f| f["severity"] == "warning")
            .take(10)
            .collect();
        let want: Vec<(String, String, String, String, String)> = errors
            .iter()
            .chain(&warnings)
            .map(|f| {
                (
                    text(f, "severity"),
                    text(f, "file"),
                    f["line"].to_string(),
                    f["column"].to_string(),
                    text(f, "message"),
                )
            })
            .collect();
        let got: Vec<(String, String, String, String, String)> = notes
            .iter()
            .map(|a| {
                (
                    a.kind.clone(),
                    a.props["file"].clone(),
                    a.props["line"].clone(),
                    a.props["col"].clone(),
                    a.message.clone(),
                )
            })
            .collect();
        assert_eq!(got, want, "{args}\n{}", out.stdout);
    }
}

#[test]
fn github_shows_at_most_ten_errors_then_one_notice_with_the_total() {
    let out = Test::fixture("agency")
        .args("check --format github")
        .expect_code(1);
    let notes = annotations(&out.stdout);
    let kinds: Vec<&str> = notes.iter().map(|a| a.kind.as_str()).collect();
    let mut want = vec!["error"; 10];
    want.push("notice");
    assert_eq!(kinds, want, "{}", out.stdout);
    assert_eq!(
        notes[10].message,
        "23 findings in total: 23 errors, 0 warnings; showing the 10 most severe of each"
    );
    // The ten most severe: the oldest deadlines.
    let doc = json(&Test::fixture("agency").args("check --format json").run());
    let first: Vec<String> = findings(&doc)[..10]
        .iter()
        .map(|f| text(f, "message"))
        .collect();
    let shown: Vec<String> = notes[..10].iter().map(|a| a.message.clone()).collect();
    assert_eq!(shown, first);
    assert_eq!(
        last_line(&out.stdout),
        "check failed: 23 failing (overdue 17, red 6), 0 warnings; 34 projects checked"
    );

    // Ten or fewer: no notice.
    let out = Test::fixture("check")
        .args("check --format github")
        .expect_code(1);
    let kinds: Vec<String> = annotations(&out.stdout)
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(kinds, vec!["error"; 6]);

    // Warnings past ten: at most ten of them too, after the errors, and the
    // notice counts both.
    let out = Test::fixture("agency")
        .args("check --format github --fail-on red --warn-on overdue,blocked")
        .expect_code(1);
    let notes = annotations(&out.stdout);
    let kinds: Vec<&str> = notes.iter().map(|a| a.kind.as_str()).collect();
    let mut want = vec!["error"; 6];
    want.extend(vec!["warning"; 10]);
    want.push("notice");
    assert_eq!(kinds, want, "{}", out.stdout);
    assert_eq!(
        notes[16].message,
        "31 findings in total: 6 errors, 25 warnings; showing the 10 most severe of each"
    );
}

#[test]
fn auto_format_is_github_inside_github_actions_only() {
    let explicit = Test::fixture("agency")
        .args("check --format github")
        .expect_code(1);
    let auto = Test::fixture("agency")
        .args("check --format auto")
        .env("GITHUB_ACTIONS", "true")
        .expect_code(1);
    assert_eq!(auto.stdout, explicit.stdout);
    let default = Test::fixture("agency")
        .args("check")
        .env("GITHUB_ACTIONS", "true")
        .expect_code(1);
    assert_eq!(default.stdout, explicit.stdout);

    let text = Test::fixture("agency").args("check --format text").run();
    for value in ["false", ""] {
        let out = Test::fixture("agency")
            .args("check")
            .env("GITHUB_ACTIONS", value)
            .expect_code(1);
        assert_eq!(out.stdout, text.stdout, "GITHUB_ACTIONS={value:?}");
    }
    // An explicit format wins over the environment.
    let out = Test::fixture("agency")
        .args("check --format text")
        .env("GITHUB_ACTIONS", "true")
        .expect_code(1);
    assert_eq!(out.stdout, text.stdout);
    assert!(out.stdout.starts_with("error[overdue]: "), "{}", out.stdout);
}

#[test]
fn github_escapes_messages_and_properties_like_the_toolkit() {
    let shop = "client: Acme Corp
project: Shop
stage: active
status: blocked
health: green
owner: Marie Dupont
goal: Sell online
created: 2026-12-01
due: 2027-01-15
blocked_reason: \"waiting 100%\\r\\nthen: more, later\"
milestones:
  - id: deposit
    name: \"Deposit 50%, then balance\"
    due: 2026-12-01
";
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/q1, q2: web/shop.yaml", shop)
        .args("check --format github --fail-on overdue,blocked")
        .expect_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=projects/q1%2C q2%3A web/shop.yaml,line=14,col=10,title=tracker \
             check%3A Overdue::shop: milestone `Deposit 50%25, then balance` due 2026-12-01, 6 \
             days ago",
            "::error file=projects/q1%2C q2%3A web/shop.yaml,line=4,col=9,title=tracker check%3A \
             Blocked::shop: blocked on waiting 100%25%0D%0Athen: more, later",
            "check failed: 2 failing (overdue 1, blocked 1), 0 warnings; 1 project checked",
        ]
    );
    // Parsed back, the properties and messages are the originals.
    let notes = annotations(&out.stdout);
    assert_eq!(notes[0].props["file"], "projects/q1, q2: web/shop.yaml");
    assert_eq!(notes[0].props["title"], "tracker check: Overdue");
    assert_eq!(
        notes[1].message,
        "shop: blocked on waiting 100%\r\nthen: more, later"
    );
}

#[test]
fn github_step_summary_gets_a_table_appended_on_each_run() {
    let t = Test::fixture("check");
    let summary = t.path().join("step-summary.md");
    let summary_s = summary.to_str().unwrap().to_string();
    let t = t
        .args("check --format github --fail-on stale --warn-on blocked")
        .env("GITHUB_STEP_SUMMARY", &summary_s);
    t.expect_code(1);
    let first = std::fs::read_to_string(&summary).unwrap();
    let table = "\
### tracker check

check failed: 2 failing (stale 2), 2 warnings (blocked 2); 14 projects checked

| Result | Rule | Project | Where | Finding |
|---|---|---|---|---|
| fail | stale | stale-from-created | projects/stale-from-created.yaml:8 | stale-from-created: no update since it was created 21 days ago |
| fail | stale | stale-8-days | projects/stale-8-days.yaml:16 | stale-8-days: no update for 8 days (last on 2026-11-29) |
| warn | blocked | blocked-no-reason | projects/blocked-no-reason.yaml:4 | blocked-no-reason: blocked, with no reason given |
| warn | blocked | blocked-with-reason | projects/blocked-with-reason.yaml:4 | blocked-with-reason: blocked on legal review |
";
    assert!(first.starts_with(table), "{first}");
    assert_eq!(first.matches("### tracker check").count(), 1);

    // A second run appends: the first table is kept.
    t.expect_code(1);
    let second = std::fs::read_to_string(&summary).unwrap();
    assert!(second.starts_with(&first), "{second}");
    assert_eq!(second.matches("### tracker check").count(), 2, "{second}");
    assert_eq!(second.matches("| Result | Rule |").count(), 2, "{second}");
    assert_eq!(second, format!("{first}{first}"));

    // Inside GitHub Actions with the default format, too; a passing check
    // writes its verdict without a table.
    let t = Test::fixture("check");
    let path = t.path().join("summary.md");
    std::fs::write(&path, "earlier step\n").unwrap();
    let t = t
        .args("check --fail-on invalid")
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", path.to_str().unwrap());
    let out = t.expect_code(0);
    assert!(out.stdout.starts_with("check passed"), "{}", out.stdout);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("earlier step\n"), "{text}");
    assert!(
        text.contains("check passed: 0 failing, 0 warnings; 14 projects checked"),
        "{text}"
    );
    assert!(!text.contains("| Result |"), "{text}");
}

#[test]
fn step_summary_cells_stay_in_their_column() {
    let t = Test::tracker("stale_days: 7\n").file(
        "projects/pipes.yaml",
        &VALID.replace(
            "status: in-progress",
            "status: blocked\nblocked_reason: \"a | b\\nc\"",
        ),
    );
    let path = t.path().join("summary.md");
    let t = t
        .args("check --format github --fail-on blocked")
        .env("GITHUB_STEP_SUMMARY", path.to_str().unwrap());
    let out = t.expect_code(1);
    let text = std::fs::read_to_string(&path).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("| fail |"))
        .unwrap_or_else(|| panic!("no row:\n{text}\n{}", out.stdout));
    // Five cells: unescaped pipes split them.
    let cells = row
        .trim_matches('|')
        .split(" | ")
        .filter(|c| !c.is_empty())
        .count();
    assert_eq!(cells, 5, "{row}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with('|')).count(),
        3,
        "{text}"
    );
}

// --- 8. JUnit ---------------------------------------------------------------------------

/// Runs `--format junit` and `--format json` with the same flags.
fn junit_and_json(t: impl Fn() -> Test, args: &str) -> (String, Value) {
    let xml = t().args("check --format junit").args(args).run();
    let doc = json(&t().args("check --format json").args(args).run());
    (xml.stdout, doc)
}

/// Attributes `junit-10.xsd` allows on `<testcase>`.
const TESTCASE_ATTRS: &[&str] = &["name", "classname", "assertions", "time", "status"];

#[test]
fn junit_is_valid_xml_with_one_failure_per_failing_finding() {
    let (xml, doc) = junit_and_json(
        || Test::fixture("agency"),
        "--fail-on stale,red --warn-on blocked",
    );
    let parsed = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = parsed.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let failing = findings(&doc)
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(failing, 11);
    let failures: Vec<roxmltree::Node> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), failing);
    assert_eq!(root.attribute("failures"), Some("11"));
    assert_eq!(root.attribute("errors"), Some("0"));
    // 34 projects × 3 rules (stale, red, blocked); `invalid` has no broken file.
    let cases: Vec<roxmltree::Node> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 34 * 3);
    assert_eq!(root.attribute("tests"), Some("102"));
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a testsuite");
    assert_eq!(suite.attribute("tests"), Some("102"));
    assert_eq!(suite.attribute("failures"), Some("11"));
    for c in &cases {
        for a in c.attributes() {
            assert!(
                TESTCASE_ATTRS.contains(&a.name()),
                "attribute `{}` on <testcase> is not in junit-10.xsd",
                a.name()
            );
        }
        assert!(c.attribute("file").is_none());
    }
    // Warnings are reported as system-out, not failures.
    let outs = parsed
        .descendants()
        .filter(|n| n.has_tag_name("system-out"))
        .count();
    assert_eq!(outs, 8);
    // A failure names the file and line of the field.
    let stale = cases
        .iter()
        .find(|c| {
            c.attribute("classname") == Some("tracker.stale")
                && c.attribute("name") == Some("les-jardins-de-provence-strategie-de-contenu-seo")
        })
        .unwrap();
    let failure = stale
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(failure.attribute("type"), Some("stale"));
    assert_eq!(
        failure.attribute("message"),
        Some(
            "les-jardins-de-provence-strategie-de-contenu-seo: no update for 8 days (last on 2026-11-29)"
        )
    );
    assert!(
        failure
            .text()
            .unwrap()
            .starts_with("projects/seo/les-jardins-de-provence-strategie-de-contenu-seo.yaml:28"),
        "{:?}",
        failure.text()
    );
}

#[test]
fn junit_has_one_test_case_per_project_and_rule() {
    // Default rules on the agency: overdue milestones are reported in their
    // project's `overdue` test case, next to the project's own deadline.
    let (xml, doc) = junit_and_json(|| Test::fixture("agency"), "");
    let parsed = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = parsed.root_element();
    let cases: Vec<roxmltree::Node> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 34 * 2);
    let mut seen = BTreeSet::new();
    for c in &cases {
        let key = (c.attribute("classname"), c.attribute("name"));
        assert!(seen.insert(key), "duplicate test case {key:?}");
    }
    // One failing test case per (rule, project) that has a failing finding.
    let failing: BTreeSet<(String, String)> = findings(&doc)
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| (format!("tracker.{}", text(f, "rule")), text(f, "project")))
        .collect();
    let failed: BTreeSet<(String, String)> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .map(|c| {
            (
                c.attribute("classname").unwrap().to_string(),
                c.attribute("name").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(failed, failing);
    assert_eq!(
        root.attribute("failures"),
        Some(failing.len().to_string().as_str())
    );
    let failures = parsed
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures, failing.len());
    // Every failing finding is in its test case's failure text.
    for f in findings(&doc) {
        let case = cases
            .iter()
            .find(|c| {
                c.attribute("classname") == Some(&format!("tracker.{}", text(f, "rule")))
                    && c.attribute("name") == Some(text(f, "project").as_str())
            })
            .unwrap();
        let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
        let want = format!("{}:{}: {}", text(f, "file"), f["line"], text(f, "message"));
        assert!(
            failure.text().unwrap().lines().any(|l| l == want),
            "{want}\nnot in\n{:?}",
            failure.text()
        );
    }
}

#[test]
fn junit_has_one_test_case_per_broken_file() {
    // fixtures/invalid: 3 projects load, 24 files do not (one of them,
    // dependency-cycle.yaml, with two errors).
    let (xml, doc) = junit_and_json(|| Test::fixture("invalid"), "--fail-on stale");
    let parsed = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = parsed.root_element();
    let broken: BTreeSet<String> = findings(&doc)
        .iter()
        .filter(|f| f["rule"] == "invalid")
        .map(|f| text(f, "file"))
        .collect();
    assert_eq!(broken.len(), 24);
    let cases: Vec<roxmltree::Node> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let mut seen = BTreeSet::new();
    for c in &cases {
        let key = (c.attribute("classname"), c.attribute("name"));
        assert!(seen.insert(key), "duplicate test case {key:?}\n{xml}");
    }
    // 3 projects × `stale`, and one case per broken file.
    assert_eq!(cases.len(), 3 + 24, "{xml}");
    assert_eq!(root.attribute("tests"), Some("27"));
    assert_eq!(root.attribute("failures"), Some("24"));
    let cycle = cases
        .iter()
        .find(|c| c.attribute("name") == Some("projects/dependency-cycle.yaml"))
        .unwrap();
    let text = cycle
        .children()
        .find(|n| n.has_tag_name("failure"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        text.contains("projects/dependency-cycle.yaml:12: "),
        "{text}"
    );
    assert!(
        text.contains("projects/dependency-cycle.yaml:16: "),
        "{text}"
    );
}

#[test]
fn junit_escapes_markup_in_names_and_messages() {
    let nasty = "<&>\"' ]]> &amp;";
    let project = VALID
        .replace(
            "project: Website redesign",
            "project: \"Site <&>\\\"' redesign\"",
        )
        .replace(
            "status: in-progress",
            &format!(
                "status: blocked\nblocked_reason: \"{}\"",
                nasty.replace('"', "\\\"")
            ),
        )
        + "milestones:\n  - id: m\n    name: \"Step <1> & \\\"2\\\"\"\n    due: 2026-12-01\n";
    let t = || Test::tracker("stale_days: 7\n").file("projects/nasty.yaml", &project);
    let (xml, doc) = junit_and_json(t, "--fail-on blocked,overdue");
    let parsed = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let messages: Vec<String> = findings(&doc).iter().map(|f| text(f, "message")).collect();
    assert_eq!(
        messages,
        [
            "nasty: milestone `Step <1> & \"2\"` due 2026-12-01, 6 days ago".to_string(),
            format!("nasty: blocked on {nasty}"),
        ]
    );
    let failures: Vec<roxmltree::Node> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 2);
    // The text round-trips through the parser.
    let got: Vec<&str> = failures
        .iter()
        .map(|n| n.attribute("message").unwrap())
        .collect();
    assert_eq!(got, messages);
    for (n, m) in failures.iter().zip(&messages) {
        assert_eq!(
            n.text().unwrap(),
            format!(
                "projects/nasty.yaml:{}: {m}",
                if m.contains("milestone") { 13 } else { 4 }
            )
        );
    }

    // Control characters XML cannot carry are dropped, not written.
    let control = VALID.replace(
        "status: in-progress",
        "status: blocked\nblocked_reason: \"bell\\a and \\x01 escape\\e\"",
    );
    let xml = Test::tracker("stale_days: 7\n")
        .file("projects/control.yaml", &control)
        .args("check --format junit --fail-on blocked")
        .expect_code(1)
        .stdout;
    let parsed = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let failure = parsed
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("control: blocked on bell and  escape")
    );
}

// --- 9. JSON ----------------------------------------------------------------------------

#[test]
fn json_is_versioned_with_typed_findings() {
    let out = Test::fixture("check")
        .args("check --format json --fail-on overdue --warn-on stale")
        .expect_code(1);
    let doc = json(&out);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["today"], "2026-12-07");
    assert_eq!(doc["projects_checked"], 14);
    let keys: BTreeSet<&str> = findings(&doc)
        .iter()
        .flat_map(|f| f.as_object().unwrap().keys().map(String::as_str))
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "rule",
            "severity",
            "project",
            "milestone",
            "file",
            "line",
            "column",
            "message"
        ])
    );
    let f = findings(&doc);
    assert_eq!(
        f[1],
        serde_json::json!({
            "rule": "overdue",
            "severity": "error",
            "project": "milestones-open",
            "milestone": "design",
            "file": "projects/milestones-open.yaml",
            "line": 20,
            "column": 10,
            "message": "milestones-open: milestone `Design sign-off` due 2026-12-01, 6 days ago",
        })
    );
    assert_eq!(
        f[4],
        serde_json::json!({
            "rule": "stale",
            "severity": "warning",
            "project": "stale-from-created",
            "milestone": null,
            "file": "projects/stale-from-created.yaml",
            "line": 8,
            "column": 10,
            "message": "stale-from-created: no update since it was created 21 days ago",
        })
    );
    assert_eq!(f.len(), 6);

    let out = Test::fixture("check")
        .args("check --format json --fail-on invalid")
        .expect_code(0);
    let doc = json(&out);
    assert_eq!(doc["passed"], true);
    assert_eq!(doc["findings"], serde_json::json!([]));
}
