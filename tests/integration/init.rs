//! Tests of `tracker init`.

use std::fs;
use std::path::Path;

use crate::support::{Test, fixtures, read_tree};

/// Runs `tracker ARGS` with `dir` as the working directory; the exit code
/// and both outputs.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Test::new()
        .command()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The relative paths of every file below the root, sorted.
fn paths(t: &Test) -> Vec<String> {
    t.tree().into_iter().map(|(p, _)| p).collect()
}

/// Every `.yaml` file of `fixtures/agency`, relative path → contents.
fn agency_yaml() -> Vec<(String, Vec<u8>)> {
    let mut out = read_tree(&fixtures().join("agency"));
    out.retain(|(rel, _)| rel.ends_with(".yaml"));
    out
}

#[test]
fn init_creates_settings_folders_and_gitignore() {
    let t = Test::new().args("init");
    let out = t.expect_code(0);
    assert_eq!(out.stdout.lines().next(), Some("created a tracker in `.`"));
    assert_eq!(out.stderr, "");
    assert!(t.path().join("projects").is_dir());
    assert!(t.path().join("clients").is_dir());
    assert_eq!(t.read(".gitignore"), ".tracker.lock\n");
    let settings = t.read("tracker.yaml");
    for line in [
        "projects_dir: projects",
        "clients_dir: clients",
        "due_soon_days: 3",
        "stale_days: 7",
    ] {
        assert!(
            settings.lines().any(|l| l == line),
            "{line:?} in\n{settings}"
        );
    }
    assert_eq!(
        paths(&t),
        [
            ".gitignore",
            "clients/.gitkeep",
            "projects/.gitkeep",
            "tracker.yaml"
        ]
    );
}

#[test]
fn init_keeps_existing_gitignore_lines() {
    let t = Test::new()
        .file(".gitignore", "target/\n# editor files\n*.swp")
        .args("init");
    t.expect_code(0);
    assert_eq!(
        t.read(".gitignore"),
        "target/\n# editor files\n*.swp\n.tracker.lock\n"
    );
}

#[test]
fn init_does_not_repeat_the_lock_line() {
    let t = Test::new()
        .file(".gitignore", "node_modules/\n.tracker.lock\n")
        .args("init");
    t.expect_code(0);
    assert_eq!(t.read(".gitignore"), "node_modules/\n.tracker.lock\n");
}

#[test]
fn second_init_exits_2_and_changes_nothing() {
    let t = Test::new();
    assert_eq!(run_in(t.path(), &["init"]).0, 0);
    // Make the tracker look used: a project, a changed setting.
    fs::write(t.path().join("tracker.yaml"), "stale_days: 14\n").unwrap();
    fs::write(
        t.path().join("projects/acme-web.yaml"),
        "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\nhealth: green\n\
         owner: Marie Dupont\ndue: 2026-12-20\n",
    )
    .unwrap();
    let before = t.tree();
    for args in [
        &["init"][..],
        &["init", "--example"][..],
        &["init", "."][..],
    ] {
        let (code, stdout, stderr) = run_in(t.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(stderr.contains("tracker.yaml"), "{stderr}");
        assert!(stderr.contains("already"), "{stderr}");
        assert_eq!(t.tree(), before, "{args:?} changed files");
    }
}

#[test]
fn init_in_a_sub_folder() {
    let t = Test::new().args("init sub/dir");
    let out = t.expect_code(0);
    assert_eq!(
        out.stdout.lines().next(),
        Some("created a tracker in `sub/dir`")
    );
    assert_eq!(
        paths(&t),
        [
            "sub/dir/.gitignore",
            "sub/dir/clients/.gitkeep",
            "sub/dir/projects/.gitkeep",
            "sub/dir/tracker.yaml"
        ]
    );
    assert_eq!(t.read("sub/dir/.gitignore"), ".tracker.lock\n");
}

#[test]
fn init_with_dir_flag() {
    let t = Test::new().args("--dir elsewhere init");
    t.expect_code(0);
    assert_eq!(
        paths(&t),
        [
            "elsewhere/.gitignore",
            "elsewhere/clients/.gitkeep",
            "elsewhere/projects/.gitkeep",
            "elsewhere/tracker.yaml"
        ]
    );
}

#[test]
fn init_example_writes_the_sample_portfolio() {
    let t = Test::new().args("init --example");
    let out = t.expect_code(0);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout.lines().next(), Some("created a tracker in `.`"));
    // Every YAML file of fixtures/agency, byte for byte.
    let tree = t.tree();
    for (rel, contents) in agency_yaml() {
        let got = tree.iter().find(|(p, _)| *p == rel);
        assert!(got.is_some(), "{rel} is missing");
        assert!(got.unwrap().1 == contents, "{rel} differs from the fixture");
    }
    let yaml_files = tree.iter().filter(|(p, _)| p.ends_with(".yaml")).count();
    assert_eq!(yaml_files, 48, "tracker.yaml, 13 clients, 34 projects");
    assert_eq!(t.read(".gitignore"), ".tracker.lock\n");

    // It is valid: only the two deliberate warnings.
    let (code, stdout, _) = run_in(t.path(), &["validate"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("checked 48 files: 0 errors, 2 warnings")
    );
    // And it lists the 34 projects.
    let (code, stdout, stderr) = run_in(t.path(), &["list", "--format", "csv"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout.matches("\r\n").count(), 35, "header and 34 rows");
}

#[test]
fn list_works_right_after_init() {
    let t = Test::new();
    assert_eq!(run_in(t.path(), &["init"]).0, 0);
    let ok = |args: &[&str]| {
        let (code, stdout, stderr) = run_in(t.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
        stdout
    };
    assert_eq!(ok(&["list"]), "no projects match\n");
    let json: serde_json::Value = serde_json::from_str(&ok(&["list", "--format", "json"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"schema_version": 1, "projects": []})
    );
    assert_eq!(
        ok(&["list", "--format", "csv"]),
        "id,client,project,stage,status,health,owner,goal,created,start,due,\
         blocked_reason,tags,links,progress,last_update,overdue\r\n"
    );
    assert_eq!(
        ok(&["validate"]).lines().last(),
        Some("checked 1 file: 0 errors, 0 warnings")
    );
}
