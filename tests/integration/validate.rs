//! Tests of `tracker validate`, and of how the other commands skip broken
//! files. `fixtures/invalid` holds one problem per project file (its
//! README.md lists them).

use std::fs;
use std::path::Path;

use crate::support::{Test, fixtures};

/// A complete, valid project, as in every file of `fixtures/invalid`.
const VALID: &str = "client: Acme Corp
project: Website redesign
stage: onboarding
status: in-progress
health: green
owner: Marie Dupont
due: 2026-12-15
";

/// The exact `--format brief` line each broken file of `fixtures/invalid`
/// must produce, by file (relative to `projects/`).
const EXPECTED: &[(&str, &str)] = &[
    (
        "Bad_Name.yaml",
        "projects/Bad_Name.yaml:1:1: error: invalid id `Bad_Name`: it must start with a \
         lowercase letter or a digit (the file name is the project id)",
    ),
    (
        "active-without-goal.yaml",
        "projects/active-without-goal.yaml:3:8: warning: active project has no `goal`",
    ),
    (
        "b/dup.yaml",
        "projects/b/dup.yaml:1:1: error: duplicate project id `dup`: also defined in \
         `projects/a/dup.yaml`",
    ),
    (
        "blocked-without-reason.yaml",
        "projects/blocked-without-reason.yaml:4:9: warning: blocked project has no \
         `blocked_reason`",
    ),
    (
        "deep-nesting.yaml",
        "projects/deep-nesting.yaml:8:134: error: invalid YAML: values are nested too deeply",
    ),
    (
        "dependency-cycle.yaml",
        "projects/dependency-cycle.yaml:12:17: error: milestone `design` depends on itself \
         through other milestones",
    ),
    (
        "dependency-cycle.yaml",
        "projects/dependency-cycle.yaml:16:17: error: milestone `launch` depends on itself \
         through other milestones",
    ),
    (
        "duplicate-key.yaml",
        "projects/duplicate-key.yaml:8:1: error: duplicate key `health` (first set on line 5)",
    ),
    (
        "empty.yaml",
        "projects/empty.yaml:1:1: error: file is empty",
    ),
    (
        "impossible-date.yaml",
        "projects/impossible-date.yaml:7:6: error: invalid date `2026-02-30`: February 2026 \
         has 28 days",
    ),
    (
        "invalid-yaml.yaml",
        "projects/invalid-yaml.yaml:6:8: error: invalid YAML: mapping values are not allowed \
         in this context",
    ),
    (
        "merge-conflict.yaml",
        "projects/merge-conflict.yaml:5:1: error: unresolved merge conflict marker",
    ),
    (
        "milestone-without-due.yaml",
        "projects/milestone-without-due.yaml:9:3: error: milestone `launch` has no `due` date",
    ),
    (
        "missing-field.yaml",
        "projects/missing-field.yaml:1:1: error: missing required field `due`",
    ),
    (
        "not-utf8.yaml",
        "projects/not-utf8.yaml:2:13: error: file is not valid UTF-8 (byte `0xe9`)",
    ),
    (
        "several-owners.yaml",
        "projects/several-owners.yaml:6:8: error: `owner` must name one accountable person, \
         found `Marie Dupont, Karim Benali`",
    ),
    (
        "tagged-value.yaml",
        "projects/tagged-value.yaml:2:10: error: expected text for `project`, found a tagged \
         value",
    ),
    (
        "unknown-client.yaml",
        "projects/unknown-client.yaml:1:9: error: unknown client `Initech`",
    ),
    (
        "unknown-dependency.yaml",
        "projects/unknown-dependency.yaml:15:17: error: milestone `launch` depends on unknown \
         milestone `desing` (item 1)",
    ),
    (
        "unknown-field.yaml",
        "projects/unknown-field.yaml:8:1: error: unknown field `ownr`",
    ),
    (
        "unknown-health.yaml",
        "projects/unknown-health.yaml:5:9: error: unknown health `purple`",
    ),
    (
        "unknown-owner.yaml",
        "projects/unknown-owner.yaml:6:8: error: unknown owner `Sophie Martin`",
    ),
    (
        "unknown-stage.yaml",
        "projects/unknown-stage.yaml:3:8: error: unknown stage `launched`",
    ),
    (
        "unknown-status.yaml",
        "projects/unknown-status.yaml:4:9: error: unknown status `blokced`",
    ),
    (
        "wrong-custom-type.yaml",
        "projects/wrong-custom-type.yaml:8:9: error: expected a number for `budget`, found text",
    ),
    (
        "wrong-type.yaml",
        "projects/wrong-type.yaml:2:10: error: expected text for `project`, found a number",
    ),
];

/// Files of `fixtures/invalid/projects` whose one diagnostic has no agreed
/// exact text yet: only the location prefix and the start of the message are
/// checked here (see `alias_bomb_is_reported_as_too_many_aliases`).
const PREFIXED: &[(&str, &str)] = &[("alias-bomb.yaml", "projects/alias-bomb.yaml:")];

/// The project files of `fixtures/invalid` that load (the first of the two
/// `dup.yaml` files, and the two warning-only files).
const LOADED: &[&str] = &["active-without-goal", "blocked-without-reason", "dup"];

/// Every `.yaml` file below `dir`, relative to it, with `/` separators.
fn yaml_files(dir: &Path, rel: &str, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel_name = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if entry.file_type().unwrap().is_dir() {
            yaml_files(&entry.path(), &rel_name, out);
        } else if name.ends_with(".yaml") {
            out.push(rel_name);
        }
    }
}

/// The ids in the first column of `list --format csv`.
fn csv_ids(stdout: &str) -> Vec<String> {
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next().and_then(|h| h.split(',').next()),
        Some("id"),
        "CSV header:\n{stdout}"
    );
    lines
        .map(|l| l.split(',').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn brief_reports_every_broken_file_with_its_line_and_column() {
    let out = Test::fixture("invalid")
        .args("validate --format brief")
        .expect_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();

    // Every project file of the fixture is either expected to be reported,
    // or is one of the files that load: adding a fixture without saying what
    // it must produce fails here.
    let mut on_disk = Vec::new();
    yaml_files(&fixtures().join("invalid/projects"), "", &mut on_disk);
    on_disk.sort();
    for file in &on_disk {
        let known = EXPECTED.iter().any(|(f, _)| f == file)
            || PREFIXED.iter().any(|(f, _)| f == file)
            || file == "a/dup.yaml";
        assert!(
            known,
            "fixture file `projects/{file}` has no expected diagnostic"
        );
    }
    assert_eq!(
        on_disk.len(),
        27,
        "project files in fixtures/invalid: {on_disk:?}"
    );

    let missing: Vec<&str> = EXPECTED
        .iter()
        .filter(|(_, line)| !lines.contains(line))
        .map(|(_, line)| *line)
        .collect();
    assert!(
        missing.is_empty(),
        "expected lines missing from the output:\n{}\n--- stdout\n{}",
        missing.join("\n"),
        out.stdout
    );
    for (file, prefix) in PREFIXED {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(prefix) && l.contains(": error: invalid YAML")),
            "no invalid-YAML error for {file}:\n{}",
            out.stdout
        );
    }
    // The file that loads is never reported on its own line.
    assert!(
        !lines.iter().any(|l| l.starts_with("projects/a/dup.yaml")),
        "{}",
        out.stdout
    );
    // One line per problem, plus the summary: nothing reported twice.
    assert_eq!(
        lines.len(),
        EXPECTED.len() + PREFIXED.len() + 1,
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    insta::assert_snapshot!("brief", out.stdout);
}

#[test]
fn long_form_shows_the_line_a_caret_and_a_hint() {
    let out = Test::fixture("invalid").args("validate").expect_code(1);
    let status = "\
error[unknown-status]: unknown status `blokced`
 --> projects/unknown-status.yaml:4:9
  |
4 | status: blokced
  |         ^^^^^^^
  = help: expected one of `not-started`, `in-progress`, `blocked`, `done`; did you mean `blocked`?
";
    assert!(out.stdout.contains(status), "{}", out.stdout);
    let dependency = "\
error[unknown-milestone]: milestone `launch` depends on unknown milestone `desing` (item 1)
  --> projects/unknown-dependency.yaml:15:17
   |
15 |     depends_on: [desing]
   |                 ^^^^^^^^
   = help: did you mean `design`?
";
    assert!(out.stdout.contains(dependency), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("2 | project: 2026\n  |          ^^^^\n  = help: quote it: `\"2026\"`\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("= help: did you mean `owner`?"),
        "unknown field `ownr` must suggest `owner`:\n{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("error[").count(), 25, "{}", out.stdout);
    assert_eq!(out.stdout.matches("warning[").count(), 2, "{}", out.stdout);
    insta::assert_snapshot!("long", out.stdout);
}

#[test]
fn summary_line_counts_files_errors_and_warnings() {
    for format in ["brief", "long"] {
        let out = Test::fixture("invalid")
            .args("validate --format")
            .arg(format)
            .expect_code(1);
        // tracker.yaml + 2 clients + 27 project files.
        assert_eq!(
            out.stdout.lines().last(),
            Some("checked 30 files: 25 errors, 2 warnings"),
            "--format {format}"
        );
    }
}

#[test]
fn agency_fixture_is_valid_with_two_warnings() {
    let out = Test::fixture("agency")
        .args("validate --format brief")
        .expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let mut files = Vec::new();
    yaml_files(&fixtures().join("agency/projects"), "", &mut files);
    yaml_files(&fixtures().join("agency/clients"), "", &mut files);
    let checked = files.len() + 1; // and tracker.yaml
    let summary = format!("checked {checked} files: 0 errors, 2 warnings");
    assert_eq!(
        lines,
        [
            "projects/northwind-traders-holiday-gift-guide.yaml:3:8: warning: active project \
             has no `goal`",
            "projects/umbrella-health-wellness-blog.yaml:4:9: warning: blocked project has no \
             `blocked_reason`",
            summary.as_str(),
        ],
    );
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
}

#[test]
fn other_commands_skip_broken_files_and_name_them() {
    let out = Test::fixture("invalid")
        .args("list --format csv")
        .expect_code(2);
    assert_eq!(csv_ids(&out.stdout), LOADED, "{}", out.stdout);

    let err: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        err.last(),
        Some(&"tracker: warning: skipped 24 invalid files; run `tracker validate` for details"),
        "{}",
        out.stderr
    );
    // Every error is named on stderr, with its line; warnings are not.
    let missing: Vec<&str> = EXPECTED
        .iter()
        .filter(|(_, l)| l.contains(": error: ") && !err.contains(l))
        .map(|(_, l)| *l)
        .collect();
    assert!(
        err.iter()
            .any(|l| l.starts_with("projects/alias-bomb.yaml:")),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("warning: active project"),
        "{}",
        out.stderr
    );
    assert_eq!(err.len(), 25 + 1, "{}", out.stderr);

    // The table too: the loaded projects, nothing of the broken ones.
    let table = Test::fixture("invalid").args("list").expect_code(2);
    let ids: Vec<&str> = table
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ids, LOADED, "{}", table.stdout);
    assert!(
        table
            .stderr
            .contains("projects/unknown-status.yaml:4:9: error: unknown status `blokced`")
    );
    assert!(
        missing.is_empty(),
        "errors missing from stderr:\n{}\n--- stderr\n{}",
        missing.join("\n"),
        out.stderr
    );
}

#[test]
fn a_file_over_one_mebibyte_is_refused_not_parsed() {
    // A valid project padded with a comment past the limit.
    let mut huge = String::from(VALID);
    let pad = format!("# {}\n", "x".repeat(1000));
    while huge.len() <= 1024 * 1024 {
        huge.push_str(&pad);
    }
    let size = huge.len();
    let t = Test::tracker("stale_days: 7\n")
        .file("projects/huge.yaml", &huge)
        .file("projects/fine.yaml", VALID);
    let out = t.args("validate --format brief").expect_code(1);
    assert_eq!(
        out.stdout,
        format!(
            "projects/huge.yaml: error: file is too large ({size} bytes; the limit is 1048576 \
             bytes)\nchecked 3 files: 1 error, 0 warnings\n"
        )
    );

    let long = Test::tracker("stale_days: 7\n")
        .file("projects/huge.yaml", &huge)
        .args("validate")
        .expect_code(1);
    assert!(
        long.stdout.starts_with("error[too-large]: "),
        "{}",
        long.stdout
    );
    assert!(
        long.stdout
            .contains("= help: a project file is a few kilobytes; split or trim it"),
        "{}",
        long.stdout
    );

    // The other commands still list the file that fits.
    let list = Test::tracker("stale_days: 7\n")
        .file("projects/huge.yaml", &huge)
        .file("projects/fine.yaml", VALID)
        .args("list --format csv")
        .expect_code(2);
    assert_eq!(csv_ids(&list.stdout), ["fine"]);
    assert!(
        list.stderr
            .contains("projects/huge.yaml: error: file is too large")
    );
}

#[test]
fn exactly_one_mebibyte_is_still_read() {
    let mut text = String::from(VALID);
    let line = format!("# {}\n", "x".repeat(98));
    while text.len() + line.len() <= 1024 * 1024 {
        text.push_str(&line);
    }
    text.push_str(&"#".repeat(1024 * 1024 - text.len()));
    assert_eq!(text.len(), 1024 * 1024);
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/big.yaml", &text)
        .args("validate --format brief")
        .expect_code(0);
    assert_eq!(out.stdout, "checked 2 files: 0 errors, 0 warnings\n");
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    use std::os::unix::fs::symlink;

    let t = Test::tracker("stale_days: 7\n")
        .file("projects/fine.yaml", VALID)
        .file("outside/broken.yaml", "status: [\n")
        .file("outside/dir/also-broken.yaml", "<<<<<<< HEAD\n");
    let root = t.path().to_path_buf();
    // A link to a valid project (it would show up as `alias`), a link to a
    // broken file outside the tracker, and a linked folder.
    symlink("fine.yaml", root.join("projects/alias.yaml")).unwrap();
    symlink(
        root.join("outside/broken.yaml"),
        root.join("projects/evil.yaml"),
    )
    .unwrap();
    symlink(root.join("outside/dir"), root.join("projects/linked")).unwrap();

    let out = t.args("validate --format brief").expect_code(0);
    assert_eq!(out.stdout, "checked 2 files: 0 errors, 0 warnings\n");

    let list = Test::tracker("stale_days: 7\n").file("projects/fine.yaml", VALID);
    let root = list.path().to_path_buf();
    fs::write(root.join("elsewhere.yaml"), "status: [\n").unwrap();
    symlink("fine.yaml", root.join("projects/alias.yaml")).unwrap();
    symlink(root.join("elsewhere.yaml"), root.join("projects/evil.yaml")).unwrap();
    let out = list.args("list --format csv").expect_code(0);
    assert_eq!(csv_ids(&out.stdout), ["fine"]);
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
}

#[test]
fn hidden_files_and_other_extensions_are_ignored() {
    let broken = "status: [\n";
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/fine.yaml", VALID)
        .file("projects/other.yml", VALID)
        .file("projects/.draft.yaml", broken)
        .file("projects/.archive/old.yaml", broken)
        .file("projects/notes.txt", broken)
        .file("projects/fine.yaml.bak", broken)
        .file("projects/fine.yaml~", broken)
        .file("projects/README.md", broken)
        .file("projects/seo/.hidden.yml", broken)
        .file("projects/seo/local.yaml", VALID)
        .args("validate --format brief")
        .expect_code(0);
    // tracker.yaml, fine.yaml, other.yml and seo/local.yaml: `.yml` counts.
    assert_eq!(out.stdout, "checked 4 files: 0 errors, 0 warnings\n");
}

#[test]
fn broken_tracker_yaml_is_reported_with_a_suggestion() {
    let t = || {
        Test::tracker("owners: [Marie Dupont, Karim Benali]\nstale_dayz: 10\n")
            .file("projects/fine.yaml", VALID)
    };
    let out = t().args("validate --format brief").expect_code(1);
    assert_eq!(
        out.stdout,
        "tracker.yaml:2:1: error: unknown field `stale_dayz`\n\
         checked 2 files: 1 error, 0 warnings\n"
    );
    let long = t().args("validate").expect_code(1);
    assert_eq!(
        long.stdout,
        "\
error[unknown-field]: unknown field `stale_dayz`
 --> tracker.yaml:2:1
  |
2 | stale_dayz: 10
  | ^^^^^^^^^^
  = help: did you mean `stale_days`?

checked 2 files: 1 error, 0 warnings
"
    );
}

#[test]
fn settings_that_do_load_still_apply_when_tracker_yaml_has_an_error() {
    // `owners:` is read although another key is wrong: the unknown owner is
    // still caught.
    let out = Test::tracker("owners: [Marie Dupont]\nstale_dayz: 10\n")
        .file(
            "projects/other-owner.yaml",
            &VALID.replace("Marie Dupont", "Karim Benali"),
        )
        .args("validate --format brief")
        .expect_code(1);
    assert_eq!(
        out.stdout,
        "tracker.yaml:2:1: error: unknown field `stale_dayz`\n\
         projects/other-owner.yaml:6:8: error: unknown owner `Karim Benali`\n\
         checked 2 files: 2 errors, 0 warnings\n"
    );
}

#[test]
fn an_empty_tracker_yaml_is_valid() {
    // tracker.yaml is optional and its presence marks the root: an empty one
    // (`touch tracker.yaml`) means the defaults, not an error.
    let out = Test::tracker("")
        .file("projects/fine.yaml", VALID)
        .args("validate --format brief")
        .expect_code(0);
    assert_eq!(out.stdout, "checked 2 files: 0 errors, 0 warnings\n");
}

#[test]
fn duplicate_id_names_the_other_file_as_the_user_sees_it() {
    // First file valid: the message names it relative to the root.
    let out = Test::tracker("stale_days: 7\n")
        .file("projects/a/dup.yaml", VALID)
        .file("projects/b/dup.yaml", VALID)
        .args("validate --format brief")
        .expect_code(1);
    assert_eq!(
        out.stdout,
        "projects/b/dup.yaml:1:1: error: duplicate project id `dup`: also defined in \
         `projects/a/dup.yaml`\n\
         checked 3 files: 1 error, 0 warnings\n"
    );

    // First file broken: the message still names the other file, not itself.
    let out = Test::tracker("stale_days: 7\n")
        .file(
            "projects/a/dup.yaml",
            &VALID.replace("in-progress", "blokced"),
        )
        .file("projects/b/dup.yaml", VALID)
        .args("validate --format brief")
        .expect_code(1);
    assert_eq!(
        out.stdout,
        "projects/a/dup.yaml:4:9: error: unknown status `blokced`\n\
         projects/b/dup.yaml:1:1: error: duplicate project id `dup`: also defined in \
         `projects/a/dup.yaml`\n\
         checked 3 files: 2 errors, 0 warnings\n"
    );
}

#[test]
fn alias_bomb_is_reported_as_too_many_aliases() {
    let out = Test::fixture("invalid")
        .args("validate --format brief")
        .expect_code(1);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("projects/alias-bomb.yaml:"))
        .unwrap_or_else(|| panic!("alias-bomb.yaml not reported:\n{}", out.stdout));
    // The bomb is the `links:` block, lines 8 to 17; line 1 (`client:`) is
    // not where the problem is.
    let at: Vec<usize> = line
        .split(':')
        .skip(1)
        .take(2)
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    assert!(
        (8..=17).contains(&at[0]),
        "alias bomb reported on the wrong line: {line}"
    );
    // "repetition limit exceeded" tells the user nothing about what to fix.
    assert!(
        line.contains("alias"),
        "message does not say what is wrong: {line}"
    );
}

#[test]
fn validate_leaves_every_file_untouched() {
    let t = Test::fixture("invalid").args("validate");
    let before = t.tree();
    t.expect_code(1);
    assert_eq!(t.tree(), before);
}

#[test]
fn paths_are_shown_from_where_the_user_stands() {
    let out = Test::new()
        .file("sub/tracker.yaml", "stale_days: 7\n")
        .file(
            "sub/projects/web/acme-site.yaml",
            &VALID.replace("in-progress", "blokced"),
        )
        .args("--dir sub validate --format brief")
        .expect_code(1);
    assert_eq!(
        out.stdout,
        "sub/projects/web/acme-site.yaml:4:9: error: unknown status `blokced`\n\
         checked 2 files: 1 error, 0 warnings\n"
    );
}

#[test]
fn many_files_load_in_parallel_with_stable_order_and_duplicates_found() {
    // Enough files that loading is split across threads; the duplicate pair
    // sits at both ends of the list, so each half sees one of them.
    let mut t = Test::tracker("stale_days: 7\n").file("projects/a/dup.yaml", VALID);
    for i in 0..200 {
        t = t.file(&format!("projects/m/p{i:03}.yaml"), VALID);
    }
    t = t
        .file("projects/z/dup.yaml", VALID)
        .file("projects/m/p150.yaml", "client: [\n");
    let out = t.args("validate --format brief").expect_code(1);
    assert_eq!(
        out.stdout,
        "projects/m/p150.yaml:2:1: error: invalid YAML: did not find expected node content\n\
         projects/z/dup.yaml:1:1: error: duplicate project id `dup`: also defined in `projects/a/dup.yaml`\n\
         checked 203 files: 2 errors, 0 warnings\n"
    );
    let list = Test::tracker("stale_days: 7\n");
    let mut list = list;
    for i in (0..120).rev() {
        list = list.file(&format!("projects/p{i:03}.yaml"), VALID);
    }
    let out = list.args("list --format csv").expect_code(0);
    let ids: Vec<String> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..120).map(|i| format!("p{i:03}")).collect();
    assert_eq!(ids, want);
}

/// A `validate --format github` line as the `--format brief` line it stands
/// for (`path:line:col: error: message`), undoing the toolkit's escaping.
fn github_as_brief(line: &str) -> String {
    let unescape = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("`::` before the message");
    let (kind, props) = head.split_once(' ').expect("properties");
    let props: Vec<(&str, String)> = props
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k, unescape(v))
        })
        .collect();
    let get = |key: &str| {
        props
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no `{key}` in {line}"))
    };
    assert!(
        get("title").starts_with("tracker validate: "),
        "title: {line}"
    );
    format!(
        "{}:{}:{}: {kind}: {}",
        get("file"),
        get("line"),
        get("col"),
        unescape(message)
    )
}

#[test]
fn github_format_puts_errors_first_at_most_ten_then_a_notice() {
    let out = Test::fixture("invalid")
        .args("validate --format github")
        .expect_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let kinds: Vec<&str> = lines
        .iter()
        .map(|l| {
            l.strip_prefix("::")
                .and_then(|l| l.split([' ', ':']).next())
                .unwrap_or("")
        })
        .collect();
    // 10 of the 25 errors, both warnings, one notice, the summary.
    let mut want = vec!["error"; 10];
    want.extend(["warning", "warning", "notice", ""]);
    assert_eq!(kinds, want, "{}", out.stdout);
    assert!(
        lines[12].starts_with("::notice ") && lines[12].contains("::27 problems in total"),
        "{}",
        lines[12]
    );
    assert_eq!(lines[13], "checked 30 files: 25 errors, 2 warnings");

    // Each annotation is the problem `--format brief` prints, at the same
    // file, line and column: the first ten errors in order, then the warnings.
    let brief = Test::fixture("invalid")
        .args("validate --format brief")
        .expect_code(1);
    let errors: Vec<&str> = brief
        .stdout
        .lines()
        .filter(|l| l.contains(": error: "))
        .take(10)
        .collect();
    let warnings: Vec<&str> = brief
        .stdout
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    let got: Vec<String> = lines[..12].iter().map(|l| github_as_brief(l)).collect();
    let want: Vec<String> = errors
        .iter()
        .chain(&warnings)
        .map(|l| l.to_string())
        .collect();
    assert_eq!(got, want, "{}", out.stdout);
    // ... and the lines the EXPECTED table gives for known files.
    for file in [
        "Bad_Name.yaml",
        "b/dup.yaml",
        "deep-nesting.yaml",
        "dependency-cycle.yaml",
        "invalid-yaml.yaml",
        "active-without-goal.yaml",
        "blocked-without-reason.yaml",
    ] {
        for (_, line) in EXPECTED.iter().filter(|(f, _)| *f == file) {
            assert!(
                got.iter().any(|g| g == line),
                "{line} not annotated:\n{}",
                out.stdout
            );
        }
    }
    assert_eq!(
        lines[0],
        "::error file=projects/Bad_Name.yaml,line=1,col=1,title=tracker validate%3A \
         invalid-id::invalid id `Bad_Name`: it must start with a lowercase letter or a digit \
         (the file name is the project id)"
    );
    assert!(
        lines.contains(
            &"::error file=projects/invalid-yaml.yaml,line=6,col=8,title=tracker validate%3A \
              invalid-yaml::invalid YAML: mapping values are not allowed in this context"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        lines[10],
        "::warning file=projects/active-without-goal.yaml,line=3,col=8,title=tracker \
         validate%3A missing-goal::active project has no `goal`"
    );
    assert_eq!(
        lines[11],
        "::warning file=projects/blocked-without-reason.yaml,line=4,col=9,title=tracker \
         validate%3A missing-blocked-reason::blocked project has no `blocked_reason`"
    );
}

#[test]
fn github_format_without_errors_has_no_notice_and_exits_0() {
    let out = Test::fixture("agency")
        .args("validate --format github")
        .expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert_eq!(
        github_as_brief(lines[0]),
        "projects/northwind-traders-holiday-gift-guide.yaml:3:8: warning: active project has no \
         `goal`"
    );
    assert_eq!(
        github_as_brief(lines[1]),
        "projects/umbrella-health-wellness-blog.yaml:4:9: warning: blocked project has no \
         `blocked_reason`"
    );
    assert!(lines[2].starts_with("checked "), "{}", out.stdout);
    assert!(!out.stdout.contains("::notice"), "{}", out.stdout);
}
