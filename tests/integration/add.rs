//! Tests of `tracker add`.

use std::process::Command;

use crate::support::{Test, require_pyyaml};

/// A tracker with no roster, no custom fields and no clients.
const PLAIN: &str = "projects_dir: projects\n";

/// A tracker with an owner roster.
const ROSTER: &str = "projects_dir: projects\nowners: [Marie Dupont, Karim Benali]\n";

/// `tracker add` with the four required flags, each passed verbatim.
fn add(t: Test, client: &str, project: &str, owner: &str, due: &str) -> Test {
    t.arg("add")
        .arg("--client")
        .arg(client)
        .arg("--project")
        .arg(project)
        .arg("--owner")
        .arg(owner)
        .arg("--due")
        .arg(due)
}

/// The value of the top-level `key:` line of a YAML text.
#[track_caller]
fn line_of<'a>(text: &'a str, key: &str) -> &'a str {
    let prefix = format!("{key}:");
    text.lines()
        .find(|l| l.starts_with(&prefix))
        .map(|l| l[prefix.len()..].trim())
        .unwrap_or_else(|| panic!("no `{key}:` line in\n{text}"))
}

#[test]
fn add_creates_the_file_prints_its_path_and_echoes_the_due_date() {
    let t = add(
        Test::tracker(PLAIN),
        "Société Générale",
        "Refonte du site",
        "Marie Dupont",
        "+2w",
    );
    let out = t.expect_code(0);
    assert_eq!(
        out.stdout,
        "projects/societe-generale-refonte-du-site.yaml\n"
    );
    assert!(
        out.stderr
            .lines()
            .any(|l| l.trim() == "due: 2026-12-21 (Mon, in 14 days)"),
        "stderr echoes the resolved due date:\n{}",
        out.stderr
    );
    let text = t.read("projects/societe-generale-refonte-du-site.yaml");
    assert_eq!(line_of(&text, "created"), "2026-12-07");
    assert_eq!(line_of(&text, "due"), "2026-12-21");
    insta::assert_snapshot!("societe_generale_file", text);
    insta::assert_snapshot!("societe_generale_stderr", out.stderr);
}

#[test]
fn add_writes_only_the_project_file() {
    let t = add(
        Test::tracker(PLAIN),
        "Acme Corp",
        "Website",
        "Marie Dupont",
        "+1w",
    );
    let before: Vec<String> = t.tree().into_iter().map(|(p, _)| p).collect();
    t.expect_code(0);
    let after: Vec<String> = t.tree().into_iter().map(|(p, _)| p).collect();
    let mut expected = before;
    expected.push("projects/acme-corp-website.yaml".into());
    expected.sort();
    assert_eq!(after, expected, "no temporary file is left behind");
}

/// The file as PyYAML reads it, dates marked as `{"date": "…"}` so that a
/// date and a string that looks like one cannot be confused.
pub(crate) fn pyyaml(path: &std::path::Path) -> serde_json::Value {
    require_pyyaml();
    let script = "import yaml, json, sys, datetime\n\
                  def d(v):\n\
                  \x20   if isinstance(v, (datetime.date, datetime.datetime)): return {'date': v.isoformat()}\n\
                  \x20   raise TypeError(repr(v))\n\
                  print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), default=d))\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "PyYAML could not read {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("PyYAML output is JSON")
}

#[test]
fn add_writes_values_a_yaml_1_1_reader_reads_back_unchanged() {
    require_pyyaml();
    let t = add(
        Test::tracker(PLAIN),
        "Yes Inc: the #1",
        "no",
        "Null",
        "2026-12-21",
    )
    .args("--goal 12:30 --tag 0123 --tag on --tag off,~")
    .arg("--reason=- waiting")
    .args("--start 2026-12-01 --id yes-inc-no");
    t.expect_code(0);
    let got = pyyaml(&t.path().join("projects/yes-inc-no.yaml"));
    let expected = serde_json::json!({
        "client": "Yes Inc: the #1",
        "project": "no",
        "stage": "onboarding",
        "status": "not-started",
        "health": "green",
        "owner": "Null",
        "goal": "12:30",
        "created": {"date": "2026-12-07"},
        "start": {"date": "2026-12-01"},
        "due": {"date": "2026-12-21"},
        "blocked_reason": "- waiting",
        "tags": ["0123", "on", "off", "~"],
    });
    assert_eq!(
        got,
        expected,
        "file:\n{}",
        t.read("projects/yes-inc-no.yaml")
    );
    // And tracker itself reads the same values.
    let list = Test::new()
        .args("list --format json --dir")
        .arg(t.path().to_str().unwrap())
        .expect_code(0);
    let json: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let p = &json["projects"][0];
    assert_eq!(p["client"], "Yes Inc: the #1");
    assert_eq!(p["project"], "no");
    assert_eq!(p["owner"], "Null");
    assert_eq!(p["goal"], "12:30");
    assert_eq!(p["tags"], serde_json::json!(["0123", "on", "off", "~"]));
}

#[test]
fn add_quotes_only_what_needs_quotes() {
    let t = add(
        Test::tracker(PLAIN),
        "Yes Inc: the #1",
        "no",
        "Marie Dupont",
        "2026-12-21",
    )
    .args("--goal 12:30 --tag 0123,on,seo --id yes-inc-no");
    t.expect_code(0);
    insta::assert_snapshot!("yaml_hostile_file", t.read("projects/yes-inc-no.yaml"));
}

#[test]
fn add_refuses_a_duplicate_and_leaves_the_existing_file_alone() {
    let t = Test::tracker(PLAIN).file(
        "projects/acme-corp-website.yaml",
        "# hand-written\nclient: Acme Corp\nproject: Website\nstage: active   # since October\n\
         status: in-progress\nhealth: yellow\nowner: Marie Dupont\ngoal: More leads\ndue: 2026-12-18\n",
    );
    let t = add(t, "Acme Corp", "Website", "Karim Benali", "+1w");
    let before = t.tree();
    let out = t.expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("acme-corp-website") && out.stderr.contains("already exists"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before, "the existing file is byte-identical");
}

#[test]
fn add_refuses_a_duplicate_id_in_a_subfolder() {
    let t = Test::tracker(PLAIN).file(
        "projects/web/acme-corp-website.yaml",
        "client: Acme Corp\nproject: Website\nstage: onboarding\nstatus: not-started\n\
         health: green\nowner: Marie Dupont\ndue: 2026-12-18\n",
    );
    let t = add(t, "Acme Corp", "Website", "Karim Benali", "+1w");
    let before = t.tree();
    t.expect_code(2);
    assert!(t.tree() == before);
    assert!(!t.exists("projects/acme-corp-website.yaml"));
}

#[test]
fn add_refuses_unsafe_or_malformed_ids() {
    for id in ["../x", "a/b", "Bad", "-x", "a b", "..", "x\\y"] {
        let t = add(
            Test::tracker(PLAIN),
            "Acme Corp",
            "Website",
            "Marie Dupont",
            "+1w",
        )
        .arg(format!("--id={id}").as_str());
        let before = t.tree();
        let out = t.expect_code(2);
        assert_eq!(out.stdout, "", "--id {id:?}");
        assert!(
            out.stderr.contains("--id") && out.stderr.contains("invalid id"),
            "--id {id:?}: {}",
            out.stderr
        );
        assert!(t.tree() == before, "--id {id:?}: nothing is written");
        assert!(
            !t.path().join("x").exists() && !t.path().parent().unwrap().join("x.yaml").exists()
        );
    }
}

#[test]
fn add_takes_an_explicit_id() {
    let t = add(
        Test::tracker(PLAIN),
        "Acme Corp",
        "Website",
        "Marie Dupont",
        "+1w",
    )
    .args("--id acme-web-2027");
    let out = t.expect_code(0);
    assert_eq!(out.stdout, "projects/acme-web-2027.yaml\n");
    assert!(t.exists("projects/acme-web-2027.yaml"));
}

#[test]
fn add_defaults_stage_status_and_health() {
    let t = add(
        Test::tracker(PLAIN),
        "Acme Corp",
        "Website",
        "Marie Dupont",
        "+1w",
    );
    t.expect_code(0);
    let text = t.read("projects/acme-corp-website.yaml");
    assert_eq!(line_of(&text, "stage"), "onboarding");
    assert_eq!(line_of(&text, "status"), "not-started");
    assert_eq!(line_of(&text, "health"), "green");
}

#[test]
fn add_accepts_french_and_spreadsheet_words_and_writes_them_canonical() {
    for (stage, status, health, want) in [
        (
            "Actif",
            "En cours",
            "Rouge",
            ("active", "in-progress", "red"),
        ),
        (
            "Intégration",
            "Non démarré",
            "Vert",
            ("onboarding", "not-started", "green"),
        ),
        (
            "ACTIVE",
            "On Hold",
            "Amber",
            ("active", "blocked", "yellow"),
        ),
        (
            "offboarding",
            "Completed",
            "🔴",
            ("offboarding", "done", "red"),
        ),
    ] {
        let t = add(
            Test::tracker(PLAIN),
            "Acme Corp",
            "Website",
            "Marie Dupont",
            "+1w",
        )
        .args("--goal leads --stage")
        .arg(stage)
        .arg("--status")
        .arg(status)
        .arg("--health")
        .arg(health);
        t.expect_code(0);
        let text = t.read("projects/acme-corp-website.yaml");
        assert_eq!(
            (
                line_of(&text, "stage"),
                line_of(&text, "status"),
                line_of(&text, "health")
            ),
            want,
            "{stage} / {status} / {health}"
        );
    }
}

#[test]
fn add_rejects_an_unknown_status_listing_the_accepted_words() {
    let t = add(
        Test::tracker(PLAIN),
        "Acme Corp",
        "Website",
        "Marie Dupont",
        "+1w",
    )
    .args("--status paused-ish");
    let before = t.tree();
    let out = t.expect_code(2);
    assert!(
        out.stderr.contains("not-started") && out.stderr.contains("blocked"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before);
}

#[test]
fn add_rejects_an_owner_missing_from_the_roster_with_a_suggestion() {
    let t = add(
        Test::tracker(ROSTER),
        "Acme Corp",
        "Website",
        "Marie Dupond",
        "+1w",
    );
    let before = t.tree();
    let out = t.expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("unknown owner `Marie Dupond`")
            && out.stderr.contains("did you mean `Marie Dupont`?"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before);

    let out = add(
        Test::tracker(ROSTER),
        "Acme Corp",
        "Website",
        "Zorro",
        "+1w",
    )
    .expect_code(2);
    assert!(
        out.stderr.contains("unknown owner `Zorro`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("owners:"),
        "says where to add them: {}",
        out.stderr
    );
}

#[test]
fn add_canonicalises_the_owner_to_the_roster_spelling() {
    let t = add(
        Test::tracker(ROSTER),
        "Acme Corp",
        "Website",
        "marie dupont",
        "+1w",
    );
    t.expect_code(0);
    let text = t.read("projects/acme-corp-website.yaml");
    assert_eq!(line_of(&text, "owner"), "Marie Dupont");
}

#[test]
fn add_takes_any_owner_without_a_roster() {
    let t = add(
        Test::tracker(PLAIN),
        "Acme Corp",
        "Website",
        "  Zoé Zed  ",
        "+1w",
    );
    t.expect_code(0);
    assert_eq!(
        line_of(&t.read("projects/acme-corp-website.yaml"), "owner"),
        "Zoé Zed"
    );
}

#[test]
fn add_rejects_an_unknown_client_once_clients_exist() {
    let t = Test::tracker(PLAIN).file(
        "clients/acme-corp.yaml",
        "name: Acme Corp\ncontact: Jane Doe\n",
    );
    let t = add(t, "Acme Crop", "Website", "Marie Dupont", "+1w");
    let before = t.tree();
    let out = t.expect_code(2);
    assert!(
        out.stderr.contains("unknown client `Acme Crop`")
            && out.stderr.contains("did you mean `Acme Corp`?"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before);
}

#[test]
fn add_canonicalises_a_known_client() {
    let t = Test::tracker(PLAIN).file("clients/acme-corp.yaml", "name: Acme Corp\n");
    let t = add(t, "acme corp", "Website", "Marie Dupont", "+1w");
    let out = t.expect_code(0);
    assert_eq!(out.stdout, "projects/acme-corp-website.yaml\n");
    assert_eq!(
        line_of(&t.read("projects/acme-corp-website.yaml"), "client"),
        "Acme Corp"
    );
}

#[test]
fn add_rejects_an_impossible_date_explaining_why() {
    let t = add(
        Test::tracker(PLAIN),
        "Acme Corp",
        "Website",
        "Marie Dupont",
        "2026-02-30",
    );
    let before = t.tree();
    let out = t.expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("February 2026 has 28 days"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--due"),
        "names the flag: {}",
        out.stderr
    );
    assert!(t.tree() == before);
}

#[test]
fn add_resolves_relative_dates_from_today() {
    // 2026-12-07 is a Monday.
    for (input, due, echo) in [
        ("today", "2026-12-07", "(Mon, today)"),
        ("tomorrow", "2026-12-08", "(Tue, tomorrow)"),
        ("+3d", "2026-12-10", "(Thu, in 3 days)"),
        ("+2w", "2026-12-21", "(Mon, in 14 days)"),
        ("eow", "2026-12-11", "(Fri, in 4 days)"),
        ("fri", "2026-12-11", "(Fri, in 4 days)"),
        ("eom", "2026-12-31", "(Thu, in 24 days)"),
        ("+1m", "2027-01-07", "(Thu, in 31 days)"),
        ("mon", "2026-12-14", "(Mon, in 7 days)"),
        ("2027-03-01", "2027-03-01", "(Mon, in 84 days)"),
    ] {
        let t = add(
            Test::tracker(PLAIN),
            "Acme Corp",
            "Website",
            "Marie Dupont",
            input,
        );
        let out = t.expect_code(0);
        let text = t.read("projects/acme-corp-website.yaml");
        assert_eq!(line_of(&text, "due"), due, "--due {input}");
        let line = format!("due: {due} {echo}");
        assert!(
            out.stderr.lines().any(|l| l.trim() == line),
            "--due {input}: expected `{line}` in\n{}",
            out.stderr
        );
    }
}
