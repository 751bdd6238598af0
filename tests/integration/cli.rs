//! Global behaviour: exit codes, usage errors, help, root discovery, the
//! day in use. (Broken pipes are tested with `list`, in list.rs.)

use std::path::Path;

use crate::support::{Test, copy_dir, fixtures};

#[test]
fn usage_error_exits_2() {
    let out = Test::new().args("list --bogus").expect_code(2);
    assert!(out.stderr.contains("--bogus"), "{}", out.stderr);
    Test::new().args("frobnicate").expect_code(2);
    Test::new().args("list --health purple").expect_code(2);
}

#[test]
fn help_exits_0() {
    let out = Test::new().args("--help").expect_code(0);
    assert!(out.stdout.contains("validate"));
}

/// Runs a prepared command; exit code, stdout, stderr.
fn output(mut cmd: assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().expect("exited with a code"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The ids `list --format json` printed.
fn json_ids(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
    v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

/// The number of projects in `fixtures/agency`.
const AGENCY_PROJECTS: usize = 34;

// ---------------------------------------------------------------- exit codes

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = Test::fixture("agency").args("list --bogus").expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("unexpected argument '--bogus'"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let out = Test::fixture("agency").args("frobnicate").expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_health_lists_the_accepted_words() {
    let out = Test::fixture("agency")
        .args("list --health purple")
        .expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("purple"), "{}", out.stderr);
    assert!(
        out.stderr.contains("`green`, `yellow`, `red`"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_status_and_stage_list_the_accepted_words() {
    let out = Test::fixture("agency")
        .args("list --status blokced")
        .expect_code(2);
    assert!(
        out.stderr
            .contains("`not-started`, `in-progress`, `blocked`, `done`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`blocked`?"),
        "suggestion: {}",
        out.stderr
    );
    let out = Test::fixture("agency")
        .args("list --stage later")
        .expect_code(2);
    assert!(
        out.stderr.contains("`onboarding`, `active`, `offboarding`"),
        "{}",
        out.stderr
    );
}

#[test]
fn impossible_today_is_a_usage_error() {
    let out = Test::fixture("agency")
        .today(Some("2026-02-30"))
        .args("list")
        .expect_code(2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "tracker: error: --today: invalid date `2026-02-30`: February 2026 has 28 days\n"
    );
    for bad in ["2026-12-7", "07/12/2026", "tomorrow-ish"] {
        let out = Test::fixture("agency")
            .today(Some(bad))
            .args("list")
            .expect_code(2);
        assert!(out.stderr.contains("--today"), "{bad}: {}", out.stderr);
        assert!(out.stderr.contains(bad), "{bad}: {}", out.stderr);
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in ["--help", "-h", "list --help", "help list", "init --help"] {
        let out = Test::new().args(args).expect_code(0);
        assert!(
            out.stdout.contains("Usage: tracker"),
            "{args}: {}",
            out.stdout
        );
        assert_eq!(out.stderr, "", "{args}");
    }
    for args in ["--version", "-V"] {
        let out = Test::new().args(args).expect_code(0);
        assert_eq!(
            out.stdout,
            format!("tracker {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn missing_subcommand_is_a_usage_error() {
    let out = Test::new().expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("Usage: tracker"), "{}", out.stderr);
}

#[test]
fn help_snapshot() {
    let out = Test::new()
        .args("--help")
        .env("COLUMNS", "100")
        .expect_code(0);
    insta::assert_snapshot!("help", out.stdout);
}

#[test]
fn list_help_snapshot() {
    let out = Test::new()
        .args("list --help")
        .env("COLUMNS", "100")
        .expect_code(0);
    insta::assert_snapshot!("list_help", out.stdout);
}

// ---------------------------------------------------------------- root discovery

#[test]
fn root_is_found_upwards_from_a_sub_folder() {
    let t = Test::fixture("agency");
    let seo = t.path().join("projects/seo");

    let mut cmd = Test::new().args("list --format json").command();
    cmd.current_dir(&seo);
    let (code, stdout, stderr) = output(cmd);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(json_ids(&stdout).len(), AGENCY_PROJECTS);

    // Paths are printed relative to where you stand.
    let mut cmd = Test::new().args("validate").command();
    cmd.current_dir(&seo);
    let (code, stdout, _) = output(cmd);
    assert_eq!(code, 0, "{stdout}");
    let arrows: Vec<&str> = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("-->"))
        .map(str::trim)
        .collect();
    assert_eq!(
        arrows,
        [
            "--> ../../projects/northwind-traders-holiday-gift-guide.yaml:3:8",
            "--> ../../projects/umbrella-health-wellness-blog.yaml:4:9",
        ]
    );
    assert_eq!(
        stdout.lines().last(),
        Some("checked 48 files: 0 errors, 2 warnings")
    );

    let mut cmd = Test::new().command();
    cmd.current_dir(&seo).args([
        "add",
        "--client",
        "Acme Corp",
        "--project",
        "Landing page",
        "--owner",
        "Marie Dupont",
        "--due",
        "2026-12-20",
    ]);
    let (code, stdout, stderr) = output(cmd);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.lines().next(),
        Some("../../projects/acme-corp-landing-page.yaml")
    );
    assert!(t.exists("projects/acme-corp-landing-page.yaml"));
    assert!(!t.exists("projects/seo/projects"));
}

/// A folder holding a copy of the agency in `agency/`, and nothing else.
fn parent_of_agency() -> Test {
    let t = Test::new();
    copy_dir(&fixtures().join("agency"), &t.path().join("agency"));
    t
}

fn validate_arrows(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("-->"))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn dir_flag_selects_the_root() {
    let t = parent_of_agency();
    let (code, stdout, _) = output(
        Test::new()
            .args("validate --dir agency")
            .command_in(t.path()),
    );
    assert_eq!(code, 0);
    assert_eq!(
        validate_arrows(&stdout),
        [
            "--> agency/projects/northwind-traders-holiday-gift-guide.yaml:3:8",
            "--> agency/projects/umbrella-health-wellness-blog.yaml:4:9",
        ]
    );
    let (code, stdout, _) = output(
        Test::new()
            .args("--dir agency list --format json")
            .command_in(t.path()),
    );
    assert_eq!(code, 0);
    assert_eq!(json_ids(&stdout).len(), AGENCY_PROJECTS);

    // An absolute --dir works from anywhere.
    let abs = t.path().join("agency");
    let (code, stdout, _) = output(
        Test::new()
            .args("list --format json --dir")
            .arg(abs.to_str().unwrap())
            .command(),
    );
    assert_eq!(code, 0);
    assert_eq!(json_ids(&stdout).len(), AGENCY_PROJECTS);
}

#[test]
fn tracker_dir_selects_the_root() {
    let t = parent_of_agency();
    let (code, stdout, _) = output(
        Test::new()
            .args("validate")
            .env("TRACKER_DIR", "agency")
            .command_in(t.path()),
    );
    assert_eq!(code, 0);
    assert_eq!(
        validate_arrows(&stdout),
        [
            "--> agency/projects/northwind-traders-holiday-gift-guide.yaml:3:8",
            "--> agency/projects/umbrella-health-wellness-blog.yaml:4:9",
        ]
    );
    // --dir wins over TRACKER_DIR.
    let (code, stdout, stderr) = output(
        Test::new()
            .args("--dir agency list --format json")
            .env("TRACKER_DIR", "no-such-folder")
            .command_in(t.path()),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json_ids(&stdout).len(), AGENCY_PROJECTS);
}

#[test]
fn dir_wins_over_the_tracker_around_the_working_directory() {
    // Standing inside the agency, --dir points at an empty tracker.
    let t = Test::fixture("agency")
        .file("other/tracker.yaml", "stale_days: 7\n")
        .mkdir("other/projects");
    let (code, stdout, stderr) = output(
        Test::new()
            .args("--dir other list --format json")
            .command_in(t.path()),
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(json_ids(&stdout), Vec::<String>::new());
    let (code, stdout, stderr) = output(
        Test::new()
            .args("list --format json")
            .env("TRACKER_DIR", "other")
            .command_in(t.path()),
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(json_ids(&stdout), Vec::<String>::new());
}

#[test]
fn a_dir_that_does_not_exist_is_an_error() {
    // A typo in --dir or TRACKER_DIR must not look like an empty, healthy
    // tracker (a CI gate would pass on nothing).
    let t = Test::fixture("agency");
    for (args, env) in [
        ("--dir no-such-folder list", None),
        ("--dir no-such-folder validate", None),
        ("list", Some("no-such-folder")),
    ] {
        let mut run = Test::new().args(args);
        if let Some(dir) = env {
            run = run.env("TRACKER_DIR", dir);
        }
        let (code, stdout, stderr) = output(run.command_in(t.path()));
        assert_eq!(code, 2, "{args} (TRACKER_DIR={env:?}) printed {stdout:?}");
        assert!(stderr.contains("no-such-folder"), "{args}: {stderr}");
    }
}

#[test]
fn without_tracker_yaml_the_working_directory_is_the_root() {
    let t = Test::new().file(
        "projects/acme-web.yaml",
        "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\nhealth: green\n\
         owner: Marie Dupont\ndue: 2026-12-20\n",
    );
    let out = t.args("list --format json").expect_code(0);
    assert_eq!(json_ids(&out.stdout), ["acme-web"]);
}

#[test]
fn tracker_today_sets_the_day() {
    let overdue = |t: Test| json_ids(&t.args("list --overdue --format json").expect_code(0).stdout);
    // On 2026-12-01 only two projects are past due.
    assert_eq!(
        overdue(
            Test::fixture("agency")
                .today(None)
                .env("TRACKER_TODAY", "2026-12-01")
        ),
        [
            "initech-intranet-redesign",
            "zenith-assurances-campagne-video-youtube",
        ]
    );
    assert_eq!(
        json_ids(
            &Test::fixture("agency")
                .today(None)
                .env("TRACKER_TODAY", "2026-12-01")
                .args("list --stale --format json")
                .expect_code(0)
                .stdout
        ),
        [
            "hotel-du-lac-winter-season-newsletter",
            "umbrella-health-wellness-blog",
            "zenith-assurances-campagne-video-youtube",
        ]
    );
    // On the reference day, the README's six.
    assert_eq!(
        overdue(
            Test::fixture("agency")
                .today(None)
                .env("TRACKER_TODAY", "2026-12-07")
        )
        .len(),
        6
    );
    // --today wins over TRACKER_TODAY.
    assert_eq!(
        overdue(
            Test::fixture("agency")
                .today(Some("2026-12-01"))
                .env("TRACKER_TODAY", "2026-12-07")
        ),
        [
            "initech-intranet-redesign",
            "zenith-assurances-campagne-video-youtube",
        ]
    );
    // A bad TRACKER_TODAY is a usage error.
    let out = Test::fixture("agency")
        .today(None)
        .env("TRACKER_TODAY", "2026-02-30")
        .args("list")
        .expect_code(2);
    assert!(out.stderr.contains("2026-02-30"), "{}", out.stderr);
}

/// Runs a test's command in another working directory.
trait CommandIn {
    fn command_in(&self, dir: &Path) -> assert_cmd::Command;
}

impl CommandIn for Test {
    fn command_in(&self, dir: &Path) -> assert_cmd::Command {
        let mut cmd = self.command();
        cmd.current_dir(dir);
        cmd
    }
}

#[test]
fn list_help_files_sort_and_format_apart_from_filters() {
    let out = Test::new().args("list --help").expect_code(0);
    // The lines of the `Filters:` section, up to the next heading.
    let filters: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "Filters:")
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .filter(|l| l.trim_start().starts_with("--"))
        .map(str::trim)
        .collect();
    assert_eq!(
        filters,
        [
            "--owner <NAME>",
            "--client <NAME>",
            "--stage <STAGE>",
            "--status <STATUS>",
            "--health <HEALTH>",
            "--tag <TAG>",
            "--overdue",
            "--due-before <DATE>",
            "--due-after <DATE>",
            "--stale",
            "--open",
        ],
        "--sort, --reverse and --format are not filters:\n{}",
        out.stdout
    );
}

#[test]
fn ls_is_an_alias_of_list() {
    let list = Test::fixture("agency")
        .args("list --format csv")
        .expect_code(0);
    let ls = Test::fixture("agency")
        .args("ls --format csv")
        .expect_code(0);
    assert_eq!(ls.stdout, list.stdout);
}
