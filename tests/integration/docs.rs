//! The examples in `docs/` are checked, so the docs cannot go stale.

use std::path::Path;

use crate::support::Test;

fn read_doc(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs")
            .join(name),
    )
    .unwrap()
}

/// Fenced blocks of a Markdown text, with their info string; fences may be
/// indented (inside a list item), and the indentation is removed.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String, usize)> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let fence = line.trim_start().strip_prefix("```");
        match (&mut current, fence) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new(), indent)),
            (Some(_), Some(_)) => {
                let (info, body, _) = current.take().unwrap();
                out.push((info, body));
            }
            (Some((_, body, ind)), None) => {
                body.push_str(line.get(*ind..).unwrap_or(line.trim_start()));
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

#[test]
fn file_format_examples_validate() {
    let doc = read_doc("file-format.md");
    let mut t = Test::new();
    let mut written = Vec::new();
    for (info, body) in blocks(&doc) {
        if info != "yaml" {
            continue;
        }
        let Some(path) = body.lines().next().and_then(|l| l.strip_prefix("# file: ")) else {
            continue;
        };
        let path = path.trim().to_string();
        t = t.file(&path, &body);
        written.push(path);
    }
    assert_eq!(
        written,
        [
            "tracker.yaml",
            "clients/acme-corp.yaml",
            "projects/acme-corp-website-redesign.yaml"
        ]
    );
    let out = t.args("validate").expect_code(0);
    assert_eq!(out.stdout, "checked 3 files: 0 errors, 0 warnings\n");
}

#[test]
fn file_format_diagnostic_example_is_real_output() {
    let doc = read_doc("file-format.md");
    let (_, example) = blocks(&doc)
        .into_iter()
        .find(|(_, b)| b.starts_with("error[unknown-status]"))
        .expect("the diagnostic example");
    let out = Test::new()
        .file(
            "projects/acme-web.yaml",
            "client: Acme Corp\nproject: Web\nstage: active\nstatus: blokced\nhealth: green\nowner: Marie Dupont\ngoal: More leads\ndue: 2026-12-15\n",
        )
        .args("validate")
        .expect_code(1);
    assert!(
        out.stdout.starts_with(&example),
        "docs:\n{example}\nactual:\n{}",
        out.stdout
    );
}

#[test]
fn cli_json_example_has_the_real_keys() {
    let doc = read_doc("cli.md");
    let (_, example) = blocks(&doc)
        .into_iter()
        .find(|(info, _)| info == "json")
        .expect("a JSON example");
    let example: serde_json::Value =
        serde_json::from_str(&example).expect("the example is valid JSON");
    let out = Test::fixture("agency")
        .args("list --format json --client")
        .arg("Acme Corp")
        .expect_code(0);
    let real: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v["projects"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(example["schema_version"], real["schema_version"]);
    assert_eq!(keys(&example), keys(&real));
    let ms_keys = |v: &serde_json::Value| -> Vec<String> {
        v["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|p| {
                p["milestones"][0]
                    .as_object()
                    .map(|o| o.keys().cloned().collect())
            })
            .unwrap()
    };
    assert_eq!(ms_keys(&example), ms_keys(&real));
}

#[test]
fn ci_examples_are_valid_yaml_and_name_real_hooks() {
    let doc = read_doc("ci.md");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let hook_ids: Vec<&str> = hooks
        .as_sequence()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(hook_ids, ["tracker-validate", "tracker-check"]);
    let mut yaml_blocks = 0;
    for (info, body) in blocks(&doc) {
        if info != "yaml" {
            continue;
        }
        yaml_blocks += 1;
        let v: serde_yaml::Value =
            serde_yaml::from_str(&body).unwrap_or_else(|e| panic!("{e}\n{body}"));
        if let Some(repos) = v.get("repos") {
            for repo in repos.as_sequence().unwrap() {
                if repo["repo"] != "local" {
                    for h in repo["hooks"].as_sequence().unwrap() {
                        assert!(hook_ids.contains(&h["id"].as_str().unwrap()), "{h:?}");
                    }
                }
            }
        }
    }
    assert_eq!(yaml_blocks, 4);
}

#[test]
fn hook_entries_run_on_the_sample_portfolio() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let codes: Vec<i32> = hooks
        .as_sequence()
        .unwrap()
        .iter()
        .map(|h| {
            let entry = h["entry"].as_str().unwrap();
            let args = entry.strip_prefix("tracker ").expect("entry runs tracker");
            Test::fixture("agency").args(args).run().code
        })
        .collect();
    // The sample portfolio validates, and has overdue and red projects.
    assert_eq!(codes, [0, 1]);
}

#[test]
fn spreadsheets_plan_example_is_real_output() {
    let doc = read_doc("spreadsheets.md");
    let (_, example) = blocks(&doc)
        .into_iter()
        .find(|(_, b)| b.starts_with("import plan for `projects.csv`"))
        .expect("the plan example");
    // Written as a French Excel writes it: BOM, semicolons, CRLF.
    let sheet = "\u{feff}Nom du client;Nom du projet;Statut;Score de santé;Responsable de compte;Date d'échéance\r\n\
                 Acme Corp;Website redesign;Bloqué;Rouge;Marie Dupont;21/12/2026\r\n\
                 Café Étoile;Carte de fidélité;En cours;Vert;Aisha Khan;15/01/2027\r\n";
    let out = Test::fixture("agency")
        .file("projects.csv", sheet)
        .args("import projects.csv")
        .expect_code(0);
    assert_eq!(out.stdout, example);
}

#[test]
fn churn_risk_weights_match_the_code() {
    use tracker::insight::risk::WEIGHTS;
    let doc = read_doc("churn-risk.md");
    let table: Vec<&str> = doc
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| part"))
        .collect();
    let cell = |row: &str| row.split('|').nth(2).unwrap().trim().to_string();
    let expected = [
        format!(
            "{} × share of open projects that are red",
            WEIGHTS.red_share
        ),
        format!(
            "{} × share of open projects that are yellow",
            WEIGHTS.yellow_share
        ),
        format!(
            "{} per overdue project, at most {}",
            WEIGHTS.per_overdue, WEIGHTS.max_overdue
        ),
        format!(
            "{} per blocked project, at most {}",
            WEIGHTS.per_blocked, WEIGHTS.max_blocked
        ),
        format!(
            "{} per stale project, at most {}",
            WEIGHTS.per_stale, WEIGHTS.max_stale
        ),
        format!(
            "{} when any open project's health fell within the last {} days",
            WEIGHTS.worsening, WEIGHTS.trend_days
        ),
        format!(
            "{} when any open project is in the offboarding stage",
            WEIGHTS.offboarding
        ),
    ];
    let got: Vec<String> = table.iter().map(|r| cell(r)).collect();
    assert_eq!(got, expected);
}
