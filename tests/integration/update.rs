//! Tests of `tracker update`.

use std::fs;

use crate::support::{Output, Test, fixtures, read_tree};

/// A line diff of two texts (longest common subsequence): only the lines
/// that differ, as `-N old` / `+N new` with 1-based line numbers.
fn line_diff(before: &str, after: &str) -> String {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("-{} {}\n", i + 1, a[i]));
            i += 1;
        } else {
            out.push_str(&format!("+{} {}\n", j + 1, b[j]));
            j += 1;
        }
    }
    out
}

/// Runs `tracker <args>` on a copy of `fixtures/edit/<case>/in/` and checks
/// that the tree is now exactly `fixtures/edit/<case>/out/`, byte for byte,
/// with no file added but the lock file. `BLESS=1` rewrites `out/` instead
/// (run it with `-- golden --test-threads=1`, then read every diff in/ → out/).
#[track_caller]
fn golden(case: &str, args: &[&str]) -> Output {
    let base = fixtures().join("edit").join(case);
    let mut t = Test::fixture(&format!("edit/{case}/in"));
    for a in args {
        t = t.arg(a);
    }
    let out = t.expect_code(0);
    let got = read_tree(t.path());
    let got: Vec<_> = got
        .into_iter()
        .filter(|(p, _)| p != ".tracker.lock")
        .collect();
    let expected_dir = base.join("out");
    if std::env::var_os("BLESS").is_some() {
        let _ = fs::remove_dir_all(&expected_dir);
        for (rel, bytes) in &got {
            let p = expected_dir.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, bytes).unwrap();
        }
        return out;
    }
    let want = read_tree(&expected_dir);
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&got),
        names(&want),
        "{case}: the files after the run are not those of out/"
    );
    for ((rel, g), (_, w)) in got.iter().zip(&want) {
        if g != w {
            panic!(
                "{case}: {rel} differs from out/{rel} (- expected, + actual):\n{}",
                line_diff(&String::from_utf8_lossy(w), &String::from_utf8_lossy(g))
            );
        }
    }
    out
}

const ACME: &str = "acme-corp-website-redesign";

#[test]
fn golden_health_status_reason_note_on_a_commented_file_with_flush_updates() {
    golden(
        "commented-flush",
        &[
            "update",
            ACME,
            "--health",
            "red",
            "--status",
            "blocked",
            "--reason",
            "creative approval",
            "--note",
            "Jane is away until Monday; no sign-off on the hero visuals",
            "--by",
            "Karim Benali",
        ],
    );
}

/// The line diff between `in/<rel>` and `out/<rel>` of a golden case.
fn golden_diff(case: &str, rel: &str) -> String {
    let base = fixtures().join("edit").join(case);
    let read = |side: &str| fs::read_to_string(base.join(side).join(rel)).unwrap();
    line_diff(&read("in"), &read("out"))
}

#[test]
fn golden_commented_flush_diff_is_only_the_changed_lines_and_one_entry() {
    assert_eq!(
        golden_diff("commented-flush", &format!("projects/{ACME}.yaml")),
        "\
-7 status: in-progress        # content upload is the critical path
-8 health: yellow  # content upload slipping, launch date still holds
+7 status: blocked        # content upload is the critical path
+8 health: red  # content upload slipping, launch date still holds
+14 blocked_reason: creative approval
+52 - date: 2026-12-07
+53   by: Karim Benali
+54   health: red
+55   status: blocked
+56   blocked_reason: creative approval
+57   note: Jane is away until Monday; no sign-off on the hero visuals
"
    );
}

#[test]
fn golden_milestone_status_on_a_commented_file_with_indented_updates() {
    let out = golden(
        "commented-indented",
        &["update", ACME, "--milestone", "content", "--status", "done"],
    );
    assert!(out.stdout.contains("milestone: content"), "{}", out.stdout);
}

#[test]
fn golden_commented_indented_diff_is_only_the_changed_line_and_one_entry() {
    assert_eq!(
        golden_diff("commented-indented", &format!("projects/{ACME}.yaml")),
        "\
-29     status: in-progress   # 60% uploaded
+29     status: done   # 60% uploaded
+48   - date: 2026-12-07
+49     milestone: content
+50     note: \"Content upload: status: in-progress → done\"
"
    );
}

#[test]
fn golden_milestone_due_owner_and_status_inserted_in_canonical_places() {
    golden(
        "milestone-due-owner",
        &[
            "update",
            "globex-industries-crm-migration-to-hubspot",
            "--milestone",
            "import",
            "--due",
            "2026-12-18",
            "--owner",
            "sophie martin",
            "--status",
            "wip",
            "--note",
            "IT froze the export until the 14th",
        ],
    );
    assert_eq!(
        golden_diff(
            "milestone-due-owner",
            "projects/globex-industries-crm-migration-to-hubspot.yaml"
        ),
        "\
+19     owner: Sophie Martin
-20     due: 2026-12-11   # before the holidays
+21     due: 2026-12-18   # before the holidays
+22     status: in-progress
-23 updates: []   # nothing logged yet
+25 updates:   # nothing logged yet
+26   - date: 2026-12-07
+27     milestone: import
+28     note: IT froze the export until the 14th
"
    );
}

#[test]
fn golden_due_plus_two_weeks() {
    let out = golden(
        "due-plus-2w",
        &["update", "initech-intranet-redesign", "--due", "+2w"],
    );
    assert_eq!(
        out.stdout,
        "updated projects/initech-intranet-redesign.yaml\n  due: 2026-12-10 → 2026-12-21 (Mon, in 14 days)\n"
    );
}

#[test]
fn golden_tag_and_untag() {
    golden(
        "tag-untag",
        &[
            "update",
            "cafe-etoile-lancement-instagram",
            "--tag",
            "paid,launch",
            "--tag",
            "social",
            "--untag",
            "q4",
        ],
    );
}

#[test]
fn golden_leaving_blocked_clears_the_reason() {
    let out = golden(
        "unblock-clears-reason",
        &[
            "update",
            "hotel-du-lac-site-de-reservation",
            "--status",
            "in-progress",
            "--note",
            "Contract signed this morning",
        ],
    );
    assert!(
        out.stdout.contains(
            "blocked_reason: waiting for the payment provider: contract not signed → (removed)"
        ),
        "{}",
        out.stdout
    );
}

const CASES: &[&str] = &[
    "commented-flush",
    "commented-indented",
    "milestone-due-owner",
    "due-plus-2w",
    "tag-untag",
    "unblock-clears-reason",
];

#[test]
fn golden_inputs_and_outputs_validate() {
    for case in CASES {
        for side in ["in", "out"] {
            let out = Test::fixture(&format!("edit/{case}/{side}"))
                .args("validate")
                .run();
            assert_eq!(
                out.code, 0,
                "{case}/{side} validates:\n{}{}",
                out.stdout, out.stderr
            );
        }
    }
}

/// The lines of the last `updates` entry of a file written with two-space
/// items (`  - date:`), without the indentation.
fn last_entry(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with("- date:"))
        .expect("an update entry");
    let dash = lines[start].len() - lines[start].trim_start().len();
    let mut out = vec![lines[start].trim().to_string()];
    for l in &lines[start + 1..] {
        let ind = l.len() - l.trim_start().len();
        if l.trim().is_empty() || ind <= dash {
            break;
        }
        out.push(l.trim().to_string());
    }
    out
}

#[test]
fn update_echo() {
    let out = Test::fixture("edit/commented-flush/in")
        .args("update")
        .arg(ACME)
        .args("--health red --due +2w --start 2026-10-05 --status blocked --owner")
        .arg("karim benali")
        .arg("--reason")
        .arg("legal review of the cookie banner")
        .arg("--note")
        .arg("Launch moved: legal wants a new cookie banner")
        .arg("--by")
        .arg("Marie Dupont")
        .expect_code(0);
    insta::assert_snapshot!("echo", out.stdout);
    assert_eq!(out.stderr, "");
}

#[test]
fn update_echo_of_a_milestone() {
    let out = Test::fixture("edit/commented-indented/in")
        .args("update")
        .arg(ACME)
        .args("--milestone launch --due fri --status done")
        .expect_code(0);
    insta::assert_snapshot!("echo_milestone", out.stdout);
}

const INITECH: &str = "initech-intranet-redesign";
const INITECH_FILE: &str = "projects/initech-intranet-redesign.yaml";

#[test]
fn update_by_comes_from_tracker_user() {
    let t = Test::fixture("edit/due-plus-2w/in")
        .args("update")
        .arg(INITECH)
        .args("--note hello")
        .env("TRACKER_USER", "Aisha Khan");
    t.expect_code(0);
    assert_eq!(
        last_entry(&t.read(INITECH_FILE)),
        ["- date: 2026-12-07", "by: Aisha Khan", "note: hello"]
    );
}

#[test]
fn update_by_flag_beats_tracker_user() {
    let t = Test::fixture("edit/due-plus-2w/in")
        .args("update")
        .arg(INITECH)
        .args("--note hello --by")
        .arg("Lucas Moreau")
        .env("TRACKER_USER", "Aisha Khan");
    t.expect_code(0);
    assert_eq!(
        last_entry(&t.read(INITECH_FILE)),
        ["- date: 2026-12-07", "by: Lucas Moreau", "note: hello"]
    );
}

#[test]
fn update_by_falls_back_to_git_user_name() {
    let t = Test::fixture("edit/due-plus-2w/in")
        .file(".test-gitconfig", "[user]\n\tname = Git Person\n")
        .args("update")
        .arg(INITECH)
        .args("--note hello");
    let t = {
        let cfg = t.path().join(".test-gitconfig");
        t.env("GIT_CONFIG_GLOBAL", cfg.to_str().unwrap())
    };
    let git = std::process::Command::new("git").arg("--version").output();
    assert!(
        git.is_ok_and(|o| o.status.success()),
        "this test needs `git` on PATH"
    );
    t.expect_code(0);
    assert_eq!(
        last_entry(&t.read(INITECH_FILE)),
        ["- date: 2026-12-07", "by: Git Person", "note: hello"]
    );
}

#[test]
fn update_without_a_user_writes_no_by_line() {
    let t = Test::fixture("edit/due-plus-2w/in")
        .args("update")
        .arg(INITECH)
        .args("--note hello");
    t.expect_code(0);
    assert_eq!(
        last_entry(&t.read(INITECH_FILE)),
        ["- date: 2026-12-07", "note: hello"]
    );
}

#[test]
fn update_of_an_unknown_id_suggests_the_nearest() {
    let t =
        Test::fixture("edit/due-plus-2w/in").args("update initech-intranet-redesing --health red");
    let before = t.tree();
    let out = t.expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("no project with id `initech-intranet-redesing`")
            && out
                .stderr
                .contains("did you mean `initech-intranet-redesign`?"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before);
}

#[test]
fn update_refuses_path_like_ids() {
    for id in [
        "../initech-intranet-redesign",
        "projects/initech-intranet-redesign",
        "/etc/passwd",
    ] {
        let t = Test::fixture("edit/due-plus-2w/in")
            .args("update")
            .arg(id)
            .args("--health red");
        let before = t.tree();
        let out = t.expect_code(2);
        assert!(out.stderr.contains("error"), "{id}: {}", out.stderr);
        assert!(t.tree() == before, "{id}: nothing is written");
    }
}

#[test]
fn update_with_nothing_to_update_is_a_usage_error() {
    for extra in ["", "--note", "--by"] {
        let mut t = Test::fixture("edit/due-plus-2w/in")
            .args("update")
            .arg(INITECH);
        if !extra.is_empty() {
            t = t.arg(extra).arg("   ");
        }
        let before = t.tree();
        let out = t.expect_code(2);
        assert!(
            out.stderr.contains("nothing to update"),
            "update {extra}: {}",
            out.stderr
        );
        assert!(t.tree() == before);
    }
}

#[test]
fn update_to_the_current_value_is_a_no_op() {
    let t = Test::fixture("edit/due-plus-2w/in")
        .args("update")
        .arg(INITECH)
        .args("--health Vert --status")
        .arg("In Progress");
    let before = t.tree();
    let out = t.expect_code(0);
    assert!(t.tree() == before, "the file is byte-identical");
    assert!(out.stdout.contains("nothing changed"), "{}", out.stdout);
    assert!(
        out.stdout.contains("health is already `green`"),
        "{}",
        out.stdout
    );
}

#[test]
fn update_refuses_to_append_to_a_flow_list() {
    let t = Test::tracker("projects_dir: projects\n")
        .file(
            "projects/acme-web.yaml",
            "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\nhealth: green\n\
             owner: Marie Dupont\ngoal: Leads\ndue: 2026-12-20\n\
             updates: [{date: 2026-12-01, note: kick-off}]   # short log\n",
        )
        .args("update acme-web --health red --note late");
    let before = t.tree();
    let out = t.expect_code(2);
    assert!(
        out.stderr.contains("acme-web.yaml") && out.stderr.contains("block list"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before, "the file is byte-identical");
}

#[test]
fn update_rejects_an_owner_missing_from_the_roster() {
    let t = Test::fixture("edit/commented-flush/in")
        .args("update")
        .arg(ACME)
        .arg("--owner")
        .arg("Sophie Martn");
    let before = t.tree();
    let out = t.expect_code(2);
    assert!(
        out.stderr.contains("did you mean `Sophie Martin`?"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before);
}

#[test]
fn update_of_an_unknown_milestone_suggests_the_nearest() {
    let t = Test::fixture("edit/commented-flush/in")
        .args("update")
        .arg(ACME)
        .args("--milestone contnet --status done");
    let before = t.tree();
    let out = t.expect_code(2);
    assert!(
        out.stderr.contains("no milestone `contnet`")
            && out.stderr.contains("did you mean `content`?"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before);
}

#[test]
fn update_milestone_refuses_project_only_flags() {
    let t = Test::fixture("edit/commented-flush/in")
        .args("update")
        .arg(ACME)
        .args("--milestone content --health red");
    let before = t.tree();
    let out = t.expect_code(2);
    assert!(out.stderr.contains("--health"), "{}", out.stderr);
    assert!(t.tree() == before);
}

#[test]
fn update_rejects_an_impossible_date() {
    let t = Test::fixture("edit/due-plus-2w/in")
        .args("update")
        .arg(INITECH)
        .args("--due 2026-02-30");
    let before = t.tree();
    let out = t.expect_code(2);
    assert!(
        out.stderr.contains("February 2026 has 28 days"),
        "{}",
        out.stderr
    );
    assert!(t.tree() == before);
}

#[test]
fn update_note_may_start_with_a_dash() {
    // Like `git commit -m "-x"`: the value of --note is the next argument,
    // and `--due -3d` works the same way.
    let t = Test::fixture("edit/due-plus-2w/in")
        .args("update")
        .arg(INITECH)
        .arg("--note")
        .arg("-20% cost per lead since the bid change");
    let out = t.run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        last_entry(&t.read(INITECH_FILE)),
        [
            "- date: 2026-12-07",
            // A dash followed by text is plain YAML text: no quotes needed.
            "note: -20% cost per lead since the bid change"
        ]
    );
}

#[test]
fn update_note_with_a_unicode_noncharacter_round_trips() {
    // U+FFFE and U+FFFF are valid in Rust strings and in argv but not
    // printable YAML: they must be written escaped (`"\uFFFE"`).
    for note in ["a\u{fffe}b", "\u{ffff}"] {
        let t = Test::fixture("edit/due-plus-2w/in")
            .args("update")
            .arg(INITECH)
            .arg("--note")
            .arg(note);
        let out = t.run();
        assert_eq!(out.code, 0, "--note {note:?}: {}", out.stderr);
        assert_eq!(last_note(&t), note);
    }
}

/// `note` of the last update of the only project of `t`'s tracker, as
/// `list --format json` gives it.
fn last_note(t: &Test) -> String {
    let list = Test::new()
        .args("list --format json")
        .env("TRACKER_DIR", t.path().to_str().unwrap())
        .expect_code(0);
    let json: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    json["projects"][0]["updates"]
        .as_array()
        .and_then(|u| u.last())
        .and_then(|u| u["note"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// The builder's command (same binary, environment, folder and `--today`)
/// as a `std::process::Command`, to spawn several at once.
fn std_command(t: &Test) -> std::process::Command {
    let c = t.command();
    let mut cmd = std::process::Command::new(c.get_program());
    cmd.args(c.get_args());
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    if let Some(dir) = c.get_current_dir() {
        cmd.current_dir(dir);
    }
    cmd
}

#[test]
fn concurrent_updates_are_serialised_and_none_is_lost() {
    let base = Test::fixture("edit/due-plus-2w/in");
    let before = base.read(INITECH_FILE);
    // Each command runs from its own empty folder (kept alive until the
    // end) and finds the tracker through TRACKER_DIR.
    let runs: Vec<Test> = (0..8)
        .map(|i| {
            Test::new()
                .args("update")
                .arg(INITECH)
                .arg("--note")
                .arg(&format!("n{i}"))
                .env("TRACKER_DIR", base.path().to_str().unwrap())
        })
        .collect();
    let mut commands: Vec<_> = runs.iter().map(std_command).collect();
    let children: Vec<_> = commands
        .iter_mut()
        .map(|c| {
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("tracker starts")
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "writer n{i} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = base.read(INITECH_FILE);
    assert!(after.starts_with(&before), "the old text is kept as it was");
    let added = &after[before.len()..];
    let mut notes: Vec<&str> = added
        .lines()
        .filter_map(|l| l.trim().strip_prefix("note: "))
        .collect();
    notes.sort_unstable();
    assert_eq!(
        notes,
        ["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"],
        "all 8 entries are there, once each:\n{added}"
    );
    assert_eq!(
        added.matches("  - date: 2026-12-07\n").count(),
        8,
        "{added}"
    );
    let v = Test::new()
        .args("validate")
        .env("TRACKER_DIR", base.path().to_str().unwrap())
        .run();
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    let names: Vec<String> = base.tree().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        names,
        ["projects/initech-intranet-redesign.yaml", "tracker.yaml"],
        "no temporary file is left behind"
    );
}

mod round_trip {
    use proptest::prelude::*;
    use proptest::test_runner::Config;

    use super::{INITECH, INITECH_FILE, last_note};
    use crate::support::Test;

    /// Strings a YAML reader would misread if written bare, glued together
    /// with ordinary words and arbitrary characters.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "no",
            "No",
            "yes",
            "on",
            "off",
            "y",
            "~",
            "null",
            "true",
            ": ",
            " #",
            "#",
            "*",
            "&",
            "!",
            "%",
            "@",
            "'",
            "\"",
            "-",
            "- ",
            "?",
            "? ",
            ":",
            "|",
            ">",
            "`",
            ",",
            "[",
            "]",
            "{",
            "}",
            "<<",
            "=",
            "...",
            "---",
            "12:30",
            "1:2:3",
            "0123",
            "0x1f",
            "1e3",
            ".inf",
            "-.5",
            "+1",
            "2026-12-03",
            "2026-1-5 10:00",
            "\\",
            "\\n",
            "\t",
            "\n",
            "\r\n",
            "\r",
            " ",
            "  ",
            "é",
            "Société Générale",
            "日本語",
            "🟢",
            "\u{85}",
            "\u{a0}",
            "\u{2028}",
            "\u{feff}",
            "\u{1b}[31m",
            "\u{7f}",
            "a",
            "Launch",
            "42",
        ]);
        let piece = prop_oneof![
            4 => pieces.prop_map(str::to_string),
            2 => "[a-zA-Z0-9 ]{1,8}",
            1 => any::<char>()
                .prop_filter("argv cannot carry NUL", |c| *c != '\0')
                .prop_map(String::from),
        ];
        prop::collection::vec(piece, 1..6).prop_map(|v| v.concat())
    }

    fn config() -> Config {
        Config {
            cases: 48,
            failure_persistence: None,
            ..Config::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn update_note_round_trips(s in hostile()) {
            prop_assume!(!s.trim().is_empty());
            let t = Test::fixture("edit/due-plus-2w/in")
                .args("update")
                .arg(INITECH)
                .arg(&format!("--note={s}"));
            let out = t.run();
            prop_assert_eq!(out.code, 0, "--note {:?}: {}", s, out.stderr);
            prop_assert_eq!(last_note(&t), s.trim());
            // A YAML 1.1 reader sees the same string.
            let py = crate::add::pyyaml(&t.path().join(INITECH_FILE));
            let note = py["updates"]
                .as_array()
                .and_then(|u| u.last())
                .and_then(|u| u["note"].as_str())
                .map(str::to_string);
            prop_assert_eq!(note.as_deref(), Some(s.trim()), "{}", t.read(INITECH_FILE));
            let v = Test::new()
                .args("validate")
                .env("TRACKER_DIR", t.path().to_str().unwrap())
                .run();
            prop_assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
        }

        #[test]
        fn add_project_round_trips(s in hostile()) {
            prop_assume!(!s.trim().is_empty());
            let t = Test::tracker("projects_dir: projects\n")
                .args("add --client Acme --owner Marie --due +1w --id p")
                .arg(&format!("--project={s}"));
            let out = t.run();
            prop_assert_eq!(out.code, 0, "--project {:?}: {}", s, out.stderr);
            let list = Test::new()
                .args("list --format json")
                .env("TRACKER_DIR", t.path().to_str().unwrap())
                .expect_code(0);
            let json: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
            prop_assert_eq!(json["projects"][0]["project"].as_str(), Some(s.trim()));
            let py = crate::add::pyyaml(&t.path().join("projects/p.yaml"));
            prop_assert_eq!(py["project"].as_str(), Some(s.trim()), "{}", t.read("projects/p.yaml"));
        }
    }
}

#[test]
fn update_keeps_bom_and_crlf_of_a_windows_file() {
    let input = "\u{feff}client: Acme\r\nproject: Web\r\nstage: active\r\nstatus: blocked\r\nhealth: green\r\nowner: M\r\ngoal: x\r\ndue: 2026-12-15\r\nblocked_reason: legal";
    let t = Test::new()
        .file("projects/a.yaml", input)
        .args("update a --status done --note shipped");
    t.expect_code(0);
    assert_eq!(
        t.read("projects/a.yaml"),
        "\u{feff}client: Acme\r\nproject: Web\r\nstage: active\r\nstatus: done\r\nhealth: green\r\nowner: M\r\ngoal: x\r\ndue: 2026-12-15\r\nupdates:\r\n  - date: 2026-12-07\r\n    status: done\r\n    note: shipped\r\n"
    );
}

/// Hand-written shapes found by review: each update must keep what it does
/// not change and still validate.
mod hand_written {
    use crate::support::Test;

    const HEAD: &str =
        "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\nhealth: yellow\n";

    #[track_caller]
    fn run(body: &str, args: &[&str]) -> String {
        let mut t = Test::new()
            .file("projects/p.yaml", body)
            .env("TRACKER_USER", "Tester")
            .arg("update")
            .arg("p");
        for a in args {
            t = t.arg(a);
        }
        t.expect_code(0);
        let after = t.read("projects/p.yaml");
        Test::new()
            .file("projects/p.yaml", &after)
            .args("validate")
            .expect_code(0);
        after
    }

    fn head(text: &str, n: usize) -> String {
        text.lines().take(n).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_comment_after_an_open_key_keeps_its_space() {
        let body = format!(
            "{HEAD}owner: M\ngoal: # why we do it\n  Cut cost per lead\ndue: 2026-12-15\ntags: # topics\n  - seo\n  - q4\n"
        );
        let after = run(&body, &["--tag", "x", "--goal", "New goal"]);
        assert_eq!(
            head(&after, 9),
            format!("{HEAD}owner: M\ngoal: New goal # why we do it\ndue: 2026-12-15\ntags: [seo, q4, x] # topics").trim_end()
        );
    }

    #[test]
    fn a_quote_inside_a_plain_value_does_not_swallow_the_comment() {
        let body = format!("{HEAD}owner: Marie 'Mimi # primary contact\ndue: 2026-12-15\n");
        let after = run(&body, &["--owner", "Karim"]);
        assert!(
            after.contains("owner: Karim # primary contact\n"),
            "{after}"
        );
    }

    #[test]
    fn a_block_scalar_is_replaced_whole() {
        let body = format!(
            "{HEAD}owner: M\ngoal: |\n  Cut cost per lead\n\n  # not a comment, part of the text\n  health: also text\ndue: 2026-12-15\n"
        );
        let after = run(&body, &["--goal", "Short"]);
        assert_eq!(
            head(&after, 8),
            format!("{HEAD}owner: M\ngoal: Short\ndue: 2026-12-15")
        );
    }

    #[test]
    fn a_quoted_value_may_continue_at_column_zero() {
        let body = format!("{HEAD}owner: M\ngoal: \"Cut cost\nper lead: 20%\"\ndue: 2026-12-15\n");
        let after = run(&body, &["--goal", "x"]);
        assert_eq!(
            head(&after, 8),
            format!("{HEAD}owner: M\ngoal: x\ndue: 2026-12-15")
        );
    }

    #[test]
    fn a_quoted_key_with_a_space_before_the_colon() {
        let body = "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\n\"health\" : yellow\nowner: M\ndue: 2026-12-15\n";
        let after = run(body, &["--health", "red"]);
        assert!(after.contains("\"health\" : red\n"), "{after}");
        assert_eq!(
            after.matches("health").count(),
            2,
            "the key and the update entry: {after}"
        );
    }

    #[test]
    fn a_bare_dash_milestone_gets_its_new_key_at_its_indentation() {
        let body = format!(
            "{HEAD}owner: M\ndue: 2026-12-15\nmilestones:\n  -\n    id: first\n    name: First\n    due: 2026-12-01\n"
        );
        let after = run(&body, &["--milestone", "first", "--status", "done"]);
        assert!(
            after.contains("    due: 2026-12-01\n    status: done\n"),
            "{after}"
        );
    }

    #[test]
    fn one_crlf_line_does_not_turn_the_file_to_crlf() {
        let body = String::from(
            "client: Acme\nproject: Web\r\nstage: active\nstatus: in-progress\nhealth: yellow\nowner: M\ndue: 2026-12-15\n",
        );
        let after = run(&body, &["--health", "red"]);
        assert_eq!(after.matches("\r\n").count(), 0, "{after:?}");
    }
}
