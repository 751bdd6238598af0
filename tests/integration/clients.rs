//! Tests of `tracker clients`: one row per client with open projects, worst
//! health and an explainable churn risk (docs/churn-risk.md). Facts about
//! `fixtures/agency` come from its README (reference day 2026-12-07); each
//! part of the formula is checked in isolation on small hand-built trackers.

use serde_json::Value;

use crate::support::Test;

// ------------------------------------------------------------------ helpers

/// A project file with sensible defaults: active, in progress, green, due
/// well after the reference day, created the week before it (not stale).
#[derive(Clone)]
struct Proj {
    id: String,
    fields: Vec<(&'static str, String)>,
    tail: String,
}

impl Proj {
    fn new(id: &str) -> Proj {
        Proj {
            id: id.into(),
            fields: vec![
                ("client", "Acme".into()),
                ("project", id.into()),
                ("stage", "active".into()),
                ("status", "in-progress".into()),
                ("health", "green".into()),
                ("owner", "Marie Dupont".into()),
                ("goal", "Keep the client happy".into()),
                ("created", "2026-12-01".into()),
                ("due", "2027-01-29".into()),
            ],
            tail: String::new(),
        }
    }

    /// Sets (or adds) a top-level key.
    fn set(mut self, key: &'static str, value: &str) -> Proj {
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some(f) => f.1 = value.into(),
            None => self.fields.push((key, value.into())),
        }
        self
    }

    fn client(self, c: &str) -> Proj {
        self.set("client", c)
    }

    fn health(self, h: &str) -> Proj {
        self.set("health", h)
    }

    fn status(self, s: &str) -> Proj {
        self.set("status", s)
    }

    fn due(self, d: &str) -> Proj {
        self.set("due", d)
    }

    fn blocked(self, reason: &str) -> Proj {
        self.set("status", "blocked").set("blocked_reason", reason)
    }

    /// `updates:` entries as `(date, Some(health))`, `None` for a plain note.
    fn updates(mut self, entries: &[(&str, Option<&str>)]) -> Proj {
        let mut s = String::from("updates:\n");
        for (date, health) in entries {
            s.push_str(&format!("  - date: {date}\n    by: Marie Dupont\n"));
            if let Some(h) = health {
                s.push_str(&format!("    health: {h}\n"));
            }
            s.push_str("    note: Weekly check-in\n");
        }
        self.tail = s;
        self
    }

    fn yaml(&self) -> String {
        let mut s: String = self
            .fields
            .iter()
            .map(|(k, v)| format!("{k}: {v}\n"))
            .collect();
        s.push_str(&self.tail);
        s
    }
}

/// A tracker holding these projects (no `clients/` folder).
fn tracker(projects: &[Proj]) -> Test {
    let mut t = Test::tracker("stale_days: 7\ndue_soon_days: 3\n");
    for p in projects {
        t = t.file(&format!("projects/{}.yaml", p.id), &p.yaml());
    }
    t
}

/// `clients --format json`, parsed, after checking the envelope.
fn clients_json(t: Test) -> Vec<Value> {
    run_json(t.args("clients --format json"))
}

/// Runs a `clients --format json …` already set up; parses the list.
fn run_json(t: Test) -> Vec<Value> {
    let out = t.expect_code(0);
    let doc: Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    assert_eq!(doc["schema_version"], 1, "{}", out.stdout);
    doc["clients"].as_array().expect("a `clients` list").clone()
}

/// One client of a `clients` JSON list.
fn client<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|c| c["client"] == name)
        .unwrap_or_else(|| panic!("no client {name} in {list:#?}"))
}

fn score(c: &Value) -> u64 {
    c["risk"]["score"].as_u64().expect("an integer score")
}

/// The reasons as `(points, sentence)`, in printed order.
fn reasons(c: &Value) -> Vec<(u64, String)> {
    c["risk"]["reasons"]
        .as_array()
        .expect("a reasons list")
        .iter()
        .map(|r| {
            (
                r["points"].as_u64().expect("integer points"),
                r["reason"].as_str().expect("a sentence").to_string(),
            )
        })
        .collect()
}

fn owned(v: &[(u64, &str)]) -> Vec<(u64, String)> {
    v.iter().map(|(p, s)| (*p, s.to_string())).collect()
}

/// The only client of a one-client tracker: its score and reasons.
fn risk_of(projects: &[Proj]) -> (u64, Vec<(u64, String)>) {
    let list = clients_json(tracker(projects));
    assert_eq!(list.len(), 1, "{list:#?}");
    (score(&list[0]), reasons(&list[0]))
}

fn agency_clients() -> Vec<Value> {
    clients_json(Test::fixture("agency"))
}

// ------------------------------------------------------ the agency portfolio

#[test]
fn snapshot_of_the_clients_table() {
    let out = Test::fixture("agency").args("clients").expect_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    insta::assert_snapshot!("clients_table_agency", out.stdout);
}

#[test]
fn snapshot_of_the_clients_markdown() {
    let out = Test::fixture("agency")
        .args("clients --format md")
        .expect_code(0);
    insta::assert_snapshot!("clients_md_agency", out.stdout);
}

#[test]
fn markdown_rows_all_have_six_cells() {
    let out = Test::fixture("agency")
        .args("clients --format md")
        .expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "| Client | Open | Projects | Worst health | Churn risk | Top reasons |"
    );
    assert_eq!(lines[1], "|---|---|---|---|---|---|");
    assert_eq!(lines.len(), 2 + 13, "a row per client");
    for line in &lines {
        let unescaped = line.replace("\\|", "");
        assert_eq!(unescaped.matches('|').count(), 7, "{line}");
    }
}

#[test]
fn csv_header_and_rows_are_exact() {
    let out = Test::fixture("agency")
        .args("clients --format csv")
        .expect_code(0);
    let lines: Vec<&str> = out.stdout.split("\r\n").collect();
    assert_eq!(lines[0], "client,open,projects,worst_health,risk,reasons");
    assert_eq!(
        lines[1],
        "Initech,3,3,red,85,\"3 of 3 open projects red (+40); \
         2 projects overdue (the most overdue by 7 days) (+20); \
         2 projects blocked (creative approval, client IT access) (+10); \
         health fell from green to red since 2026-11-26 on initech-employer-branding-video (+10); \
         no check-in for 13 days on initech-intranet-redesign (+5)\""
    );
    assert!(
        lines.contains(
            &"Hôtel du Lac,2,3,green,5,no check-in for 19 days on hotel-du-lac-winter-season-newsletter (+5)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        lines.contains(&"Brightline Fitness,1,2,green,0,"),
        "{}",
        out.stdout
    );
    assert_eq!(lines.len(), 1 + 13 + 1, "header, 13 clients, final CRLF");
    assert_eq!(lines.last(), Some(&""));
}

#[test]
fn json_has_the_documented_shape() {
    let list = agency_clients();
    assert_eq!(list.len(), 13, "13 clients");
    for c in &list {
        assert!(c["client"].is_string(), "{c}");
        assert!(c["open"].is_u64(), "{c}");
        assert!(
            c["worst_health"].is_null()
                || ["green", "yellow", "red"].contains(&c["worst_health"].as_str().unwrap()),
            "{c}"
        );
        assert!(score(c) <= 100, "{c}");
        for r in c["risk"]["reasons"].as_array().unwrap() {
            assert!(r["points"].is_u64(), "{r}");
            assert!(r["reason"].is_string(), "{r}");
        }
    }
}

#[test]
fn reasons_add_up_to_the_score() {
    for c in agency_clients() {
        let sum: u64 = reasons(&c).iter().map(|(p, _)| p).sum();
        let s = score(&c);
        if sum > 100 {
            assert_eq!(s, 100, "{c}");
        } else {
            assert!(s.abs_diff(sum) <= 1, "score {s} vs reasons {sum}: {c}");
        }
    }
}

#[test]
fn clients_are_sorted_by_risk_and_initech_leads() {
    let list = agency_clients();
    assert_eq!(list[0]["client"], "Initech");
    let scores: Vec<u64> = list.iter().map(score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(
        scores[0] > scores[1],
        "Initech strictly highest: {scores:?}"
    );
    let initech = &list[0];
    assert_eq!(score(initech), 85);
    assert_eq!(initech["open"], 3);
    assert_eq!(initech["worst_health"], "red");
    assert_eq!(
        reasons(initech),
        owned(&[
            (40, "3 of 3 open projects red"),
            (20, "2 projects overdue (the most overdue by 7 days)"),
            (
                10,
                "2 projects blocked (creative approval, client IT access)"
            ),
            (
                10,
                "health fell from green to red since 2026-11-26 on initech-employer-branding-video"
            ),
            (5, "no check-in for 13 days on initech-intranet-redesign"),
        ])
    );
    let text: Vec<String> = reasons(initech).into_iter().map(|(_, r)| r).collect();
    for word in ["red", "overdue", "blocked"] {
        assert!(text.iter().any(|r| r.contains(word)), "{word}: {text:?}");
    }
}

#[test]
fn umbrella_health_is_flagged_as_offboarding() {
    let list = agency_clients();
    let umbrella = client(&list, "Umbrella Health");
    assert_eq!(list[1]["client"], "Umbrella Health", "second highest");
    assert!(
        reasons(umbrella).contains(&(
            15,
            "offboarding: umbrella-health-patient-portal-handover, umbrella-health-wellness-blog"
                .to_string()
        )),
        "{umbrella}"
    );
    assert_eq!(score(umbrella), 50);
    assert_eq!(umbrella["worst_health"], "yellow");
}

#[test]
fn brightline_fitness_is_green_and_scores_zero() {
    let list = agency_clients();
    let b = client(&list, "Brightline Fitness");
    assert_eq!(b["worst_health"], "green");
    assert_eq!(b["open"], 1);
    assert_eq!(score(b), 0);
    assert!(reasons(b).is_empty(), "{b}");
    assert_eq!(list.last().unwrap()["client"], "Brightline Fitness");
}

#[test]
fn a_client_with_only_done_projects_scores_zero() {
    let list = clients_json(tracker(&[
        Proj::new("done-a")
            .client("Done Co")
            .status("done")
            .health("red")
            .due("2026-11-01"),
        Proj::new("done-b")
            .client("Done Co")
            .status("done")
            .due("2026-11-20"),
        Proj::new("live").client("Live Co").health("red"),
    ]));
    let done = client(&list, "Done Co");
    assert_eq!(done["open"], 0);
    assert!(done["worst_health"].is_null(), "{done}");
    assert_eq!(score(done), 0);
    assert!(reasons(done).is_empty(), "{done}");
    assert_eq!(
        done["projects"],
        serde_json::json!(["done-a", "done-b"]),
        "done projects are still listed"
    );
}

// ----------------------------------------------- the formula, part by part

#[test]
fn one_red_of_one_open_project_is_40() {
    // Done projects do not count in the share, whatever their health.
    let (s, r) = risk_of(&[
        Proj::new("a").health("red"),
        Proj::new("b").health("red").status("done"),
        Proj::new("c").status("done"),
    ]);
    assert_eq!(r, owned(&[(40, "1 of 1 open project red")]));
    assert_eq!(s, 40);
}

#[test]
fn one_red_of_four_open_projects_is_10() {
    let (s, r) = risk_of(&[
        Proj::new("a").health("red"),
        Proj::new("b"),
        Proj::new("c"),
        Proj::new("d"),
    ]);
    assert_eq!(r, owned(&[(10, "1 of 4 open projects red")]));
    assert_eq!(s, 10);
}

#[test]
fn yellow_share_weighs_15() {
    let (s, r) = risk_of(&[
        Proj::new("a").health("yellow"),
        Proj::new("b"),
        Proj::new("c"),
    ]);
    assert_eq!(r, owned(&[(5, "1 of 3 open projects yellow")]));
    assert_eq!(s, 5);
    let (s, r) = risk_of(&[
        Proj::new("a").health("yellow"),
        Proj::new("b").health("yellow"),
    ]);
    assert_eq!(r, owned(&[(15, "2 of 2 open projects yellow")]));
    assert_eq!(s, 15);
}

#[test]
fn overdue_is_10_each_capped_at_20() {
    let (s, r) = risk_of(&[Proj::new("a").due("2026-12-04"), Proj::new("b")]);
    assert_eq!(
        r,
        owned(&[(10, "1 project overdue (the most overdue by 3 days)")])
    );
    assert_eq!(s, 10);
    let (s, r) = risk_of(&[
        Proj::new("a").due("2026-12-04"),
        Proj::new("b").due("2026-12-01"),
    ]);
    assert_eq!(
        r,
        owned(&[(20, "2 projects overdue (the most overdue by 6 days)")])
    );
    assert_eq!(s, 20);
    let (s, r) = risk_of(&[
        Proj::new("a").due("2026-12-04"),
        Proj::new("b").due("2026-12-01"),
        Proj::new("c").due("2026-12-06"),
    ]);
    assert_eq!(
        r,
        owned(&[(20, "3 projects overdue (the most overdue by 6 days)")])
    );
    assert_eq!(s, 20);
}

#[test]
fn due_today_and_done_late_are_not_overdue() {
    let (s, r) = risk_of(&[
        Proj::new("a").due("2026-12-07"),
        Proj::new("b").due("2026-11-01").status("done"),
    ]);
    assert_eq!(r, Vec::new());
    assert_eq!(s, 0);
}

#[test]
fn blocked_is_5_each_capped_at_10() {
    let (s, r) = risk_of(&[Proj::new("a").blocked("creative approval"), Proj::new("b")]);
    assert_eq!(r, owned(&[(5, "1 project blocked (creative approval)")]));
    assert_eq!(s, 5);
    let (s, r) = risk_of(&[
        Proj::new("a").blocked("creative approval"),
        Proj::new("b").blocked("legal review"),
    ]);
    assert_eq!(
        r,
        owned(&[(10, "2 projects blocked (creative approval, legal review)")])
    );
    assert_eq!(s, 10);
    let (s, r) = risk_of(&[
        Proj::new("a").blocked("creative approval"),
        Proj::new("b").blocked("legal review"),
        Proj::new("c").blocked("Creative approval"),
    ]);
    assert_eq!(
        r,
        owned(&[(10, "3 projects blocked (creative approval, legal review)")]),
        "capped, and the same reason is named once"
    );
    assert_eq!(s, 10);
}

#[test]
fn stale_is_5_each_capped_at_15() {
    // Created 2026-11-20, no updates: 17 days without a check-in.
    let stale = |id: &str, created: &str| Proj::new(id).set("created", created);
    let (s, r) = risk_of(&[stale("a", "2026-11-20"), Proj::new("b")]);
    assert_eq!(r, owned(&[(5, "no check-in for 17 days on a")]));
    assert_eq!(s, 5);
    let (s, r) = risk_of(&[
        stale("a", "2026-11-20"),
        stale("b", "2026-11-25"),
        stale("c", "2026-11-28"),
    ]);
    assert_eq!(
        r,
        owned(&[(
            15,
            "3 projects missed their weekly check-in (longest: 17 days, a)"
        )])
    );
    assert_eq!(s, 15);
    let (s, r) = risk_of(&[
        stale("a", "2026-11-20"),
        stale("b", "2026-11-25"),
        stale("c", "2026-11-28"),
        stale("d", "2026-11-29"),
    ]);
    assert_eq!(
        r,
        owned(&[(
            15,
            "4 projects missed their weekly check-in (longest: 17 days, a)"
        )])
    );
    assert_eq!(s, 15);
}

#[test]
fn stale_counts_from_the_newest_update_and_starts_after_seven_days() {
    // Last update 2026-11-29 (8 days): stale; 2026-11-30 (7 days): not.
    let (s, r) = risk_of(&[
        Proj::new("a")
            .set("created", "2026-10-01")
            .updates(&[("2026-10-05", None), ("2026-11-29", None)]),
        Proj::new("b")
            .set("created", "2026-10-01")
            .updates(&[("2026-11-30", None)]),
    ]);
    assert_eq!(r, owned(&[(5, "no check-in for 8 days on a")]));
    assert_eq!(s, 5);
}

#[test]
fn health_getting_worse_within_30_days_is_10() {
    // Green on 2026-11-20, red since 2026-12-01; checked in on 2026-12-05.
    let (s, r) = risk_of(&[Proj::new("fall")
        .health("red")
        .set("created", "2026-11-01")
        .updates(&[
            ("2026-11-20", Some("green")),
            ("2026-12-01", Some("red")),
            ("2026-12-05", None),
        ])]);
    assert_eq!(
        r,
        owned(&[
            (40, "1 of 1 open project red"),
            (10, "health fell from green to red since 2026-12-01 on fall"),
        ])
    );
    assert_eq!(s, 50);
}

#[test]
fn health_getting_worse_reports_the_first_update_that_made_it_worse() {
    let (_, r) = risk_of(&[Proj::new("slide")
        .health("red")
        .set("created", "2026-11-01")
        .updates(&[
            ("2026-11-10", Some("green")),
            ("2026-11-20", Some("yellow")),
            ("2026-12-03", Some("red")),
        ])]);
    assert!(
        r.contains(&(
            10,
            "health fell from green to red since 2026-11-20 on slide".to_string()
        )),
        "{r:?}"
    );
}

#[test]
fn a_fall_older_than_30_days_or_a_recovery_does_not_count() {
    // Fell to red on 2026-10-20, before the window (2026-11-07..2026-12-07).
    let (s, r) = risk_of(&[Proj::new("old")
        .health("red")
        .set("created", "2026-09-01")
        .updates(&[
            ("2026-10-01", Some("green")),
            ("2026-10-20", Some("red")),
            ("2026-12-04", None),
        ])]);
    assert_eq!(r, owned(&[(40, "1 of 1 open project red")]));
    assert_eq!(s, 40);
    // Red, then back to green: nothing got worse.
    let (s, r) = risk_of(&[Proj::new("back").set("created", "2026-11-01").updates(&[
        ("2026-11-10", Some("green")),
        ("2026-11-20", Some("red")),
        ("2026-12-03", Some("green")),
    ])]);
    assert_eq!(r, Vec::new());
    assert_eq!(s, 0);
}

#[test]
fn offboarding_is_15() {
    let (s, r) = risk_of(&[
        Proj::new("leaving").set("stage", "offboarding"),
        Proj::new("staying"),
        Proj::new("gone").set("stage", "offboarding").status("done"),
    ]);
    assert_eq!(r, owned(&[(15, "offboarding: leaving")]));
    assert_eq!(s, 15);
}

#[test]
fn the_score_is_capped_at_100() {
    // Every part at its maximum: 40 + 20 + 10 + 15 + 10 + 15 = 110.
    // `b` fell first and has gone longest without a check-in.
    let bad = |id: &str, red_on: &str| {
        Proj::new(id)
            .health("red")
            .blocked("client IT access")
            .set("stage", "offboarding")
            .due("2026-11-30")
            .set("created", "2026-10-01")
            .updates(&[("2026-11-10", Some("green")), (red_on, Some("red"))])
    };
    let list = clients_json(tracker(&[
        bad("a", "2026-11-20"),
        bad("b", "2026-11-18"),
        bad("c", "2026-11-22"),
    ]));
    let c = client(&list, "Acme");
    assert_eq!(
        reasons(c),
        owned(&[
            (40, "3 of 3 open projects red"),
            (20, "3 projects overdue (the most overdue by 7 days)"),
            (
                15,
                "3 projects missed their weekly check-in (longest: 19 days, b)"
            ),
            (15, "offboarding: a, b, c"),
            (10, "3 projects blocked (client IT access)"),
            (10, "health fell from green to red since 2026-11-18 on b"),
        ])
    );
    let sum: u64 = reasons(c).iter().map(|(p, _)| p).sum();
    assert_eq!(sum, 110);
    assert_eq!(score(c), 100);
}

#[test]
fn adding_a_red_project_does_not_lower_the_risk() {
    let base = [
        Proj::new("a").health("yellow"),
        Proj::new("b").blocked("legal review"),
    ];
    let (before, _) = risk_of(&base);
    let mut more = base.to_vec();
    more.push(Proj::new("c").health("red"));
    let (after, _) = risk_of(&more);
    assert!(after >= before, "{before} -> {after}");
}

// --------------------------------------------------------------- filters

#[test]
fn owner_filter_shows_only_the_clients_of_the_filtered_projects() {
    let list = run_json(
        Test::fixture("agency")
            .args("clients --format json --owner")
            .arg("Lucas Moreau"),
    );
    let names: Vec<&str> = list.iter().map(|c| c["client"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Initech",
            "Globex Industries",
            "Société Générale Immobilier",
            "Brightline Fitness"
        ],
        "Lucas owns only milestones of Umbrella Health, Northwind Traders …"
    );
    let projects: Vec<Vec<&str>> = list
        .iter()
        .map(|c| {
            c["projects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        projects,
        [
            vec!["initech-intranet-redesign"],
            vec!["globex-industries-crm-migration-to-hubspot"],
            vec!["societe-generale-immobilier-campagne-google-ads-programmes-neufs"],
            vec!["brightline-fitness-membership-landing-page"],
        ]
    );
    let brightline = client(&list, "Brightline Fitness");
    assert_eq!(brightline["open"], 0, "only a done project of Lucas");
    assert!(brightline["worst_health"].is_null());
    assert_eq!(score(brightline), 0);
}

#[test]
fn owner_filter_is_case_insensitive_and_matches_list() {
    let t = Test::fixture("agency");
    let list_out = t
        .command()
        .args(["list", "--owner", "lucas moreau", "--format", "json"])
        .output()
        .unwrap();
    let projects: Value = serde_json::from_slice(&list_out.stdout).unwrap();
    let mut from_list: Vec<String> = projects["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["client"].as_str().unwrap().to_string())
        .collect();
    from_list.sort();
    from_list.dedup();
    let mut from_clients: Vec<String> =
        run_json(t.args("clients --format json --owner").arg("lucas moreau"))
            .iter()
            .map(|c| c["client"].as_str().unwrap().to_string())
            .collect();
    from_clients.sort();
    assert_eq!(from_clients, from_list);
}

#[test]
fn client_filter_shows_one_client() {
    let list = run_json(Test::fixture("agency").args("clients --format json --client Initech"));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["client"], "Initech");
    assert_eq!(score(&list[0]), 85);
}

#[test]
fn markdown_escapes_client_names() {
    let out = tracker(&[Proj::new("a").client("\"A|B *co*\"").health("red")])
        .args("clients --format md")
        .expect_code(0);
    assert!(
        out.stdout
            .contains("| A\\|B \\*co\\* | 1 | 1 | red | 40 | 1 of 1 open project red (+40) |"),
        "{}",
        out.stdout
    );
}
