//! Tests of `tracker import`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{Output, Test, fixtures};

/// A sheet of `fixtures/import/`, byte for byte.
fn sheet(name: &str) -> Vec<u8> {
    fs::read(fixtures().join("import").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The agency fixture with `fixtures/import/<name>` copied into its root.
fn agency_with(name: &str) -> Test {
    Test::fixture("agency").bytes(name, &sheet(name))
}

/// Runs `tracker` once more in `dir` (a test's folder), with the same
/// hermetic environment and reference day.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut t = Test::new();
    for a in args {
        t = t.arg(a);
    }
    if let Some(s) = stdin {
        t = t.stdin(s);
    }
    let mut cmd = t.command();
    cmd.current_dir(dir);
    let out = cmd.output().unwrap();
    Output {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap(),
    }
}

/// [`run_in`], checking the exit code.
#[track_caller]
fn run_ok(dir: &Path, args: &[&str]) -> Output {
    let out = run_in(dir, args, None);
    assert_eq!(
        out.code, 0,
        "tracker {args:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.stdout, out.stderr
    );
    out
}

/// A line diff of two texts (longest common subsequence): only the lines
/// that differ, as `-N old` / `+N new` with 1-based line numbers.
fn line_diff(before: &str, after: &str) -> String {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
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
    let show = |l: &str| l.strip_suffix('\n').unwrap_or(l).to_string();
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("-{} {}\n", i + 1, show(a[i])));
            i += 1;
        } else {
            out.push_str(&format!("+{} {}\n", j + 1, show(b[j])));
            j += 1;
        }
    }
    out
}

/// Every difference between two trees: `~ file` and its line diff, `+ file`
/// and its whole text, `- file`.
fn tree_changes(before: &[(String, Vec<u8>)], after: &[(String, Vec<u8>)]) -> String {
    let b: BTreeMap<&str, &[u8]> = before
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let a: BTreeMap<&str, &[u8]> = after
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let mut paths: Vec<&str> = b.keys().chain(a.keys()).copied().collect();
    paths.sort();
    paths.dedup();
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("UTF-8 file");
    let mut out = String::new();
    for p in paths {
        match (b.get(p), a.get(p)) {
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) => {
                out.push_str(&format!("~ {p}\n{}", line_diff(&text(x), &text(y))));
            }
            (None, Some(y)) => out.push_str(&format!("+ {p}\n{}", text(y))),
            (Some(_), None) => out.push_str(&format!("- {p}\n")),
            (None, None) => unreachable!(),
        }
    }
    out
}

/// Runs the test, expecting `code`, and checks that no file changed.
#[track_caller]
fn writes_nothing(t: &Test, code: i32) -> Output {
    let before = t.tree();
    let out = t.expect_code(code);
    assert_eq!(tree_changes(&before, &t.tree()), "", "nothing is written");
    out
}

/// Runs the test (expecting success) and returns what changed in the tree.
#[track_caller]
fn changes(t: &Test) -> (Output, String) {
    let before = t.tree();
    let out = t.expect_code(0);
    let diff = tree_changes(&before, &t.tree());
    (out, diff)
}

/// A tracker with a roster, two clients and one project, for small cases.
fn small() -> Test {
    Test::tracker(
        "projects_dir: projects\nclients_dir: clients\n\
         owners: [Marie Dupont, Karim Benali]\n\
         fields: {budget: number, launch: date, rush: bool, channels: list}\n",
    )
    .file("clients/acme-corp.yaml", "name: Acme Corp\n")
    .file("clients/societe-generale.yaml", "name: Société Générale\n")
    .file("projects/acme-corp-website.yaml", ACME_WEBSITE)
}

const ACME_WEBSITE: &str = "# Acme — the corporate site
client: Acme Corp
project: Website
stage: active
status: in-progress
health: yellow  # content late
owner: Marie Dupont
goal: More demo requests
created: 2026-09-01
start: 2026-09-15
due: 2026-12-18
tags: [web, q4]

milestones:
  - id: content
    name: Content upload
    due: 2026-12-04
    status: in-progress

updates:
  - date: 2026-11-30
    by: Marie Dupont
    note: Kick-off done
budget: 48000
";

// ---------------------------------------------------------------------------
// Real sheets from fixtures/import/.

#[test]
fn google_sheets_plan() {
    let t = agency_with("google-sheets.csv").args("import google-sheets.csv");
    let out = writes_nothing(&t, 0);
    insta::assert_snapshot!("google_sheets_plan", out.stdout);
    assert_eq!(out.stderr, "");
}

#[test]
fn google_sheets_apply_changes_only_the_changed_lines() {
    let t = agency_with("google-sheets.csv").args("import google-sheets.csv --apply");
    let (out, diff) = changes(&t);
    assert!(
        out.stdout.ends_with("applied: created 1, updated 1\n"),
        "{}",
        out.stdout
    );
    assert_eq!(
        diff,
        "~ projects/acme-corp-website-redesign.yaml\n\
         -6 health: yellow  # content upload slipping, launch date still holds\n\
         +6 health: red  # content upload slipping, launch date still holds\n\
         -8 goal: Raise demo requests from the website by 30% within 3 months of launch\n\
         +8 goal: \"Raise demo requests from the \\\"new\\\" website\\nby 30% within 3 months of launch\"\n\
         +63   - date: 2026-12-07\n\
         +64     health: red\n\
         +65     note: imported from google-sheets.csv\n\
         + projects/brightline-fitness-spring-challenge-2027.yaml\n\
         client: Brightline Fitness\n\
         project: Spring challenge, 2027\n\
         stage: onboarding\n\
         status: not-started\n\
         health: green\n\
         owner: Aisha Khan\n\
         goal: \"Sign up 500 members for the \\\"30-day\\\" challenge\\nacross three gyms\"\n\
         created: 2026-12-07\n\
         due: 2027-03-01\n"
    );
    // Importing the same sheet again changes nothing.
    let again = run_ok(t.path(), &["import", "google-sheets.csv"]);
    assert!(
        again
            .stdout
            .ends_with("plan: 0 to create, 0 to update, 3 unchanged\n"),
        "{}",
        again.stdout
    );
    // The edited and the created files are valid.
    let v = run_ok(t.path(), &["validate"]);
    assert!(v.stdout.contains(" 0 errors"), "{}", v.stdout);
}

#[test]
fn excel_french_semicolons_bom_and_day_first_dates() {
    let t = agency_with("excel-fr.csv").args("import excel-fr.csv");
    let out = writes_nothing(&t, 0);
    insta::assert_snapshot!("excel_fr_plan", out.stdout);
}

#[test]
fn excel_french_apply() {
    let t = agency_with("excel-fr.csv").args("import excel-fr.csv --apply");
    let (_, diff) = changes(&t);
    assert_eq!(
        diff,
        "+ projects/hotel-du-lac-campagne-de-noel.yaml\n\
         client: Hôtel du Lac\n\
         project: Campagne de Noël\n\
         stage: onboarding\n\
         status: in-progress\n\
         health: green\n\
         owner: Marie Dupont\n\
         created: 2026-12-07\n\
         due: 2026-12-15\n\
         ~ projects/societe-generale-immobilier-refonte-du-site-vitrine.yaml\n\
         -6 health: green\n\
         +6 health: red\n\
         +50   - date: 2026-12-07\n\
         +51     health: red\n\
         +52     note: imported from excel-fr.csv\n"
    );
}

#[test]
fn excel_us_month_first_dates() {
    let t = agency_with("excel-us.csv").args("import excel-us.csv --apply");
    let (out, diff) = changes(&t);
    assert_eq!(
        out.stdout,
        "import plan for `excel-us.csv` (comma-separated, 4 rows):\n\
         \x20 ~ update globex-industries-trade-show-landing-pages (row 3)\n\
         \x20     due: 2026-12-10 → 2026-12-17\n\
         plan: 0 to create, 1 to update, 3 unchanged\n\
         applied: created 0, updated 1\n"
    );
    assert_eq!(
        diff,
        "~ projects/globex-industries-trade-show-landing-pages.yaml\n\
         -10 due: 2026-12-10\n\
         +10 due: 2026-12-17\n\
         +37   - date: 2026-12-07\n\
         +38     due: 2026-12-17\n\
         +39     note: imported from excel-us.csv\n"
    );
}

#[test]
fn ambiguous_dates_are_refused_with_their_rows() {
    let t = agency_with("ambiguous-dates.csv").args("import ambiguous-dates.csv --apply");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "  ! column `Due Date`: dates are ambiguous (day and month both 12 or less in rows 2, 3, 5); \
             give --date-format us (MM/DD/YYYY) or eu (DD/MM/YYYY)\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("plan: 1 error; nothing was written (fix the sheet and run again)\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("applied"));
}

#[test]
fn ambiguous_dates_with_date_format_eu() {
    let t = agency_with("ambiguous-dates.csv").args("import ambiguous-dates.csv --date-format eu");
    let out = writes_nothing(&t, 0);
    assert_eq!(
        out.stdout,
        "import plan for `ambiguous-dates.csv` (comma-separated, 4 rows):\n\
         \x20 ~ update acme-corp-q1-paid-social-campaign (row 2)\n\
         \x20     due: 2027-03-31 → 2027-01-03\n\
         \x20 ~ update initech-q4-paid-search-campaign (row 3)\n\
         \x20     due: 2026-12-31 → 2026-11-12\n\
         plan: 0 to create, 2 to update, 2 unchanged\n\
         dry run: nothing was written; run again with --apply to write these changes\n"
    );
}

#[test]
fn ambiguous_dates_with_date_format_us() {
    let t = agency_with("ambiguous-dates.csv").args("import ambiguous-dates.csv --date-format us");
    let out = writes_nothing(&t, 0);
    assert_eq!(
        out.stdout,
        "import plan for `ambiguous-dates.csv` (comma-separated, 4 rows):\n\
         \x20 ~ update acme-corp-q1-paid-social-campaign (row 2)\n\
         \x20     due: 2027-03-31 → 2027-03-01\n\
         \x20 ~ update initech-q4-paid-search-campaign (row 3)\n\
         \x20     due: 2026-12-31 → 2026-12-11\n\
         \x20 ~ update hotel-du-lac-winter-season-newsletter (row 5)\n\
         \x20     due: 2026-12-11 → 2026-11-12\n\
         plan: 0 to create, 3 to update, 1 unchanged\n\
         dry run: nothing was written; run again with --apply to write these changes\n"
    );
}

#[test]
fn one_bad_row_writes_nothing() {
    let t = agency_with("bad-row.csv").args("import bad-row.csv --apply");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "row 4, column `Due Date`: invalid date `TBC`: expected `2026-12-15`, `12/15/2026` or `15/12/2026`"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("  ! ").count(), 1, "exactly one error");
    // Without --apply: the same refusal, the same exit code.
    let dry = run_in(t.path(), &["import", "bad-row.csv"], None);
    assert_eq!(dry.code, 1);
    assert_eq!(dry.stdout, out.stdout);
}

#[test]
fn bad_row_plan() {
    // The plan still says what was read: the dialect and the five data rows.
    let t = agency_with("bad-row.csv").args("import bad-row.csv");
    let out = writes_nothing(&t, 1);
    insta::assert_snapshot!("bad_row_plan", out.stdout);
}

#[test]
fn non_utf8_is_refused_with_advice() {
    let t = agency_with("latin1.csv").args("import latin1.csv --apply");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "  ! the file is not UTF-8 (byte `0xe9` on line 1); in Excel use Save As → \"CSV UTF-8\", \
             in Google Sheets File → Download → CSV\n"
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Caf"), "no mojibake: {}", out.stdout);
}

#[test]
fn non_utf8_error_names_the_line() {
    let t = Test::fixture("agency")
        .bytes(
            "sheet.csv",
            b"Client,Project,Health\r\nAcme Corp,Website redesign,Red\r\nCaf\xe9 \xc9toile,Lancement Instagram,Vert\r\n",
        )
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout
            .contains("the file is not UTF-8 (byte `0xe9` on line 3)"),
        "{}",
        out.stdout
    );
}

#[test]
fn tab_separated_values() {
    let t = agency_with("tab-separated.tsv").args("import tab-separated.tsv --apply");
    let (out, diff) = changes(&t);
    assert_eq!(
        out.stdout,
        "import plan for `tab-separated.tsv` (tab-separated, 2 rows):\n\
         \x20 ~ update northwind-traders-holiday-gift-guide (row 2)\n\
         \x20     health: green → yellow\n\
         \x20     goal: (none) → Sell 1,200 gift boxes; ship by Dec 18\n\
         \x20 + create acme-corp-newsletter-spring-edition (row 3)\n\
         \x20     Acme Corp · Newsletter, spring edition · owner Sophie Martin · due 2027-04-15\n\
         plan: 1 to create, 1 to update, 0 unchanged\n\
         applied: created 1, updated 1\n"
    );
    assert!(
        diff.starts_with(
            "+ projects/acme-corp-newsletter-spring-edition.yaml\n\
             client: Acme Corp\n\
             project: Newsletter, spring edition\n\
             stage: onboarding\n\
             status: not-started\n\
             health: green\n\
             owner: Sophie Martin\n\
             created: 2026-12-07\n\
             due: 2027-04-15\n\
             ~ projects/northwind-traders-holiday-gift-guide.yaml\n"
        ),
        "{diff}"
    );
    // The goal is inserted at its canonical place, after the owner.
    assert!(
        diff.ends_with(
            "~ projects/northwind-traders-holiday-gift-guide.yaml\n\
             -5 health: green\n\
             +5 health: yellow\n\
             +7 goal: Sell 1,200 gift boxes; ship by Dec 18\n\
             +42   - date: 2026-12-07\n\
             +43     health: yellow\n\
             +44     note: imported from tab-separated.tsv\n"
        ),
        "{diff}"
    );
}

#[test]
fn unknown_and_derived_columns_plan() {
    let t = agency_with("unknown-and-derived.csv").args("import unknown-and-derived.csv");
    let out = writes_nothing(&t, 0);
    insta::assert_snapshot!("unknown_and_derived_plan", out.stdout);
    // Derived columns are ignored silently.
    for derived in ["Progress", "Last Update", "Overdue"] {
        assert!(
            !out.stdout.contains(&format!("`{derived}`")),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn keep_unknown_imports_declared_custom_fields() {
    let t = agency_with("unknown-and-derived.csv")
        .args("import unknown-and-derived.csv --keep-unknown");
    let out = writes_nothing(&t, 0);
    insta::assert_snapshot!("unknown_and_derived_keep_unknown_plan", out.stdout);
    assert!(!out.stdout.contains("`Budget`"), "{}", out.stdout);
    assert!(
        out.stdout.contains("ignored column `Notes`"),
        "{}",
        out.stdout
    );
    let t = agency_with("unknown-and-derived.csv")
        .args("import unknown-and-derived.csv --keep-unknown --apply");
    let (_, diff) = changes(&t);
    assert!(
        diff.contains(
            "+ projects/initech-holiday-party-teaser.yaml\n\
             client: Initech\n\
             project: Holiday party teaser\n\
             stage: onboarding\n\
             status: not-started\n\
             health: green\n\
             owner: James Carter\n\
             created: 2026-12-07\n\
             due: 2027-01-08\n\
             budget: 4000\n"
        ),
        "{diff}"
    );
    assert!(!diff.contains("initech-intranet-redesign"), "{diff}");
    // The Acme file: status, health and budget lines, and one entry.
    let file = "projects/acme-corp-website-redesign.yaml";
    let before = fs::read_to_string(fixtures().join("agency").join(file)).unwrap();
    let want = before
        .replacen("\nstatus: in-progress\n", "\nstatus: blocked\n", 1)
        .replacen("\nhealth: yellow  #", "\nhealth: red  #", 1)
        .replacen(
            "    internal: true\n\nbudget: 48000\n",
            "    internal: true\n  - date: 2026-12-07\n    health: red\n    status: blocked\n\
             \x20   note: imported from unknown-and-derived.csv\n\nbudget: 52000\n",
            1,
        );
    assert_ne!(want, before);
    assert_eq!(t.read(file), want);
}

#[test]
fn serial_dates_need_the_flag() {
    let t = agency_with("serial-dates.csv").args("import serial-dates.csv");
    let out = writes_nothing(&t, 1);
    for (row, serial) in [(2, 46359), (3, 46387), (4, 46381)] {
        assert!(
            out.stdout.contains(&format!(
                "row {row}, column `Due Date`: invalid date `{serial}`"
            )),
            "{}",
            out.stdout
        );
    }
    let t = agency_with("serial-dates.csv").args("import serial-dates.csv --date-format serial");
    let out = writes_nothing(&t, 0);
    assert_eq!(
        out.stdout,
        "import plan for `serial-dates.csv` (comma-separated, 3 rows):\n\
         \x20 ~ update acme-corp-website-redesign (row 4)\n\
         \x20     due: 2026-12-18 → 2026-12-25\n\
         plan: 0 to create, 1 to update, 2 unchanged\n\
         dry run: nothing was written; run again with --apply to write these changes\n"
    );
}

#[test]
fn two_rows_for_one_project_are_an_error() {
    let t = agency_with("duplicate-project.csv").args("import duplicate-project.csv --apply");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "  ! row 4: maps to project `acme-corp-website-redesign`, like row 2; each project can appear once\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("plan: 1 error; nothing was written (fix the sheet and run again)\n")
    );
}

#[test]
fn two_new_rows_with_the_same_derived_id_are_an_error() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,Owner,Due\n\
             Acme Corp,Spring sale!,Marie Dupont,2027-03-01\n\
             Acme Corp,Spring  Sale,Karim Benali,2027-03-02\n",
        )
        .args("import sheet.csv --apply");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "  ! row 3: maps to project `acme-corp-spring-sale`, like row 2; each project can appear once\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn fixtures_readme_lists_every_sheet() {
    let dir = fixtures().join("import");
    let readme = fs::read_to_string(dir.join("README.md")).unwrap();
    let mut n = 0;
    for e in fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name != "README.md" {
            n += 1;
            assert!(
                readme.contains(&format!("`{name}`")),
                "README.md lists {name}"
            );
        }
    }
    assert_eq!(n, 10);
}

// ---------------------------------------------------------------------------
// Matching rows to projects.

#[test]
fn id_column_updates_that_project_even_when_renamed() {
    let t = small()
        .file(
            "sheet.csv",
            "id,project,health\nacme-corp-website,Website 2027,green\n",
        )
        .args("import sheet.csv --apply");
    let (out, diff) = changes(&t);
    assert_eq!(
        out.stdout,
        "import plan for `sheet.csv` (comma-separated, 1 row):\n\
         \x20 ~ update acme-corp-website (row 2)\n\
         \x20     project: Website → Website 2027\n\
         \x20     health: yellow → green\n\
         plan: 0 to create, 1 to update, 0 unchanged\n\
         applied: created 0, updated 1\n"
    );
    assert_eq!(
        diff,
        "~ projects/acme-corp-website.yaml\n\
         -3 project: Website\n\
         +3 project: Website 2027\n\
         -6 health: yellow  # content late\n\
         +6 health: green  # content late\n\
         +24   - date: 2026-12-07\n\
         +25     health: green\n\
         +26     note: imported from sheet.csv\n"
    );
}

#[test]
fn client_and_project_are_matched_folded() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,Health\n  ACME corp ,  website ,Red\n",
        )
        .args("import sheet.csv");
    let out = writes_nothing(&t, 0);
    assert_eq!(
        out.stdout,
        "import plan for `sheet.csv` (comma-separated, 1 row):\n\
         \x20 ~ update acme-corp-website (row 2)\n\
         \x20     project: Website → website\n\
         \x20     health: yellow → red\n\
         plan: 0 to create, 1 to update, 0 unchanged\n\
         dry run: nothing was written; run again with --apply to write these changes\n"
    );
}

#[test]
fn new_project_gets_the_derived_id_and_add_defaults() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,Owner,Due\nSociété Générale,Refonte de l'intranet,Karim Benali,2027-02-01\n",
        )
        .args("import sheet.csv --apply");
    let (out, diff) = changes(&t);
    assert_eq!(
        out.stdout,
        "import plan for `sheet.csv` (comma-separated, 1 row):\n\
         \x20 + create societe-generale-refonte-de-l-intranet (row 2)\n\
         \x20     Société Générale · Refonte de l'intranet · owner Karim Benali · due 2027-02-01\n\
         plan: 1 to create, 0 to update, 0 unchanged\n\
         applied: created 1, updated 0\n"
    );
    assert_eq!(
        diff,
        "+ projects/societe-generale-refonte-de-l-intranet.yaml\n\
         client: Société Générale\n\
         project: Refonte de l'intranet\n\
         stage: onboarding\n\
         status: not-started\n\
         health: green\n\
         owner: Karim Benali\n\
         created: 2026-12-07\n\
         due: 2027-02-01\n"
    );
}

#[test]
fn names_take_the_spelling_of_the_roster_and_the_client_files() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,Owner,Due\nsociete generale,Audit,karim benali,2027-02-01\n\
             acme corp,Website,MARIE DUPONT,2026-12-18\n",
        )
        .args("import sheet.csv --apply");
    let (out, diff) = changes(&t);
    assert!(
        out.stdout
            .contains("Société Générale · Audit · owner Karim Benali · due 2027-02-01"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("plan: 1 to create, 0 to update, 1 unchanged\n")
    );
    assert!(diff.starts_with("+ projects/societe-generale-audit.yaml\nclient: Société Générale\n"));
    assert!(!diff.contains("acme-corp-website"), "{diff}");
}

#[test]
fn new_project_without_required_fields_is_an_error() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,Health\nAcme Corp,Brochure,Red\n",
        )
        .args("import sheet.csv --apply");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "  ! row 2: is a new project (`acme-corp-brochure`) but has no `owner`, `due`\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn unknown_owner_and_unknown_client_are_errors() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,Owner,Due\nAcme Corp,Website,Bob Smith,2026-12-18\nInitech,Intranet,Marie Dupont,2027-01-10\n",
        )
        .args("import sheet.csv --apply");
    let out = writes_nothing(&t, 1);
    // Each error names the row and the column, once.
    assert!(
        out.stdout.contains(
            "  ! row 2, column `Owner`: unknown owner `Bob Smith`; the roster is `owners:` in tracker.yaml\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  ! row 3, column `Client`: unknown client `Initech`; add a file to `clients/` first\n"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("  ! row 2").count(), 1, "{}", out.stdout);
    assert!(
        out.stdout
            .ends_with("plan: 2 errors; nothing was written (fix the sheet and run again)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_sheet_that_cannot_be_matched_is_refused() {
    let t = small()
        .file("sheet.csv", "Project,Health\nWebsite,Red\n")
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "row 1: the sheet needs an `id` column, or `client` and `project` columns, to match rows to projects"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn two_columns_for_one_field_are_refused() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,RAG,Health Score\nAcme Corp,Website,Red,Green\n",
        )
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "row 1, column `Health Score`: `Health Score` and `RAG` both name the field `health`"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn an_invalid_id_is_refused() {
    let t = small()
        .file("sheet.csv", "id,health\n../etc/passwd,red\n")
        .args("import sheet.csv --apply");
    let out = writes_nothing(&t, 1);
    assert!(out.stdout.contains("  ! row 2: "), "{}", out.stdout);
}

// ---------------------------------------------------------------------------
// Headers and values.

#[test]
fn headers_match_in_any_case_accent_spacing_and_order() {
    let t = small()
        .file(
            "sheet.csv",
            "  DUE   date ,ÉTAT,responsable DE compte,rag,Nom du PROJET,nom du client,objectif,etape\n\
             2027-01-15,Bloqué,Karim Benali,Rouge,Website,Acme Corp,Leads,Désintégration\n",
        )
        .args("import sheet.csv");
    let out = writes_nothing(&t, 0);
    assert_eq!(
        out.stdout,
        "import plan for `sheet.csv` (comma-separated, 1 row):\n\
         \x20 ~ update acme-corp-website (row 2)\n\
         \x20     stage: active → offboarding\n\
         \x20     status: in-progress → blocked\n\
         \x20     health: yellow → red\n\
         \x20     owner: Marie Dupont → Karim Benali\n\
         \x20     goal: More demo requests → Leads\n\
         \x20     due: 2026-12-18 → 2027-01-15\n\
         plan: 0 to create, 1 to update, 0 unchanged\n\
         dry run: nothing was written; run again with --apply to write these changes\n"
    );
}

#[test]
fn english_and_french_aliases() {
    for header in [
        "Client Name,Project Name,Health Score,Account Manager,Due Date",
        "Nom du client,Nom du projet,Score de santé,Responsable de compte,Date d'échéance",
        "Customer,Service,RAG Status,Delivery Lead,Deadline",
        "client,project,health,owner,due",
    ] {
        let t = small()
            .file(
                "sheet.csv",
                &format!("{header}\nAcme Corp,Website,Rouge,Karim Benali,2026-12-20\n"),
            )
            .args("import sheet.csv");
        let out = writes_nothing(&t, 0);
        assert!(
            out.stdout.contains(
                "      health: yellow → red\n      owner: Marie Dupont → Karim Benali\n      due: 2026-12-18 → 2026-12-20\n"
            ),
            "{header}\n{}",
            out.stdout
        );
    }
}

#[test]
fn tolerant_vocabularies() {
    for (stage, status, health, want) in [
        (
            "Actif",
            "En cours",
            "Rouge",
            ("active", "in-progress", "red"),
        ),
        (
            "Intégration",
            "Bloqué",
            "Jaune",
            ("onboarding", "blocked", "yellow"),
        ),
        (
            "Désintégration",
            "Terminé",
            "Vert",
            ("offboarding", "done", "green"),
        ),
        (
            "Active",
            "In Progress",
            "At Risk",
            ("active", "in-progress", "yellow"),
        ),
        (
            "kickoff",
            "On Hold",
            "Off Track",
            ("onboarding", "blocked", "red"),
        ),
        (
            "live",
            "Not Started",
            "On Track",
            ("active", "not-started", "green"),
        ),
        (
            "ACTIVE",
            "to do",
            "amber",
            ("active", "not-started", "yellow"),
        ),
        ("active", "Completed", "G", ("active", "done", "green")),
    ] {
        let t = small()
            .file(
                "sheet.csv",
                &format!("id,Stage,Status,Health\nacme-corp-website,{stage},{status},{health}\n"),
            )
            .args("import sheet.csv --apply");
        t.expect_code(0);
        let file = t.read("projects/acme-corp-website.yaml");
        let line = |key: &str| {
            file.lines()
                .find(|l| l.starts_with(&format!("{key}: ")))
                .unwrap()
                .split("  #")
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            (line("stage"), line("status"), line("health")),
            (
                format!("stage: {}", want.0),
                format!("status: {}", want.1),
                format!("health: {}", want.2)
            ),
            "{stage} / {status} / {health}"
        );
    }
}

#[test]
fn unknown_vocabulary_names_row_and_column_and_suggests() {
    let t = small()
        .file("sheet.csv", "id,Status\r\nacme-corp-website,blokced\r\n")
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "  ! row 2, column `Status`: unknown status `blokced`: expected one of `not-started`, \
             `in-progress`, `blocked`, `done`; did you mean `blocked`?\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn an_empty_required_cell_is_an_error() {
    let t = small()
        .file("sheet.csv", "id,Owner,Health\nacme-corp-website,,green\n")
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout
            .contains("  ! row 2, column `Owner`: `owner` is empty; every project needs one\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_empty_optional_cell_clears_the_field() {
    let t = small()
        .file("sheet.csv", "id,goal\nacme-corp-website,\n")
        .args("import sheet.csv --apply");
    let (out, diff) = changes(&t);
    assert!(
        out.stdout
            .contains("      goal: More demo requests → (none)\n"),
        "{}",
        out.stdout
    );
    assert_eq!(
        diff,
        "~ projects/acme-corp-website.yaml\n\
         -8 goal: More demo requests\n\
         +23   - date: 2026-12-07\n\
         +24     note: imported from sheet.csv\n"
    );
}

#[test]
fn columns_absent_from_the_sheet_stay_as_they_are() {
    let t = small()
        .file("sheet.csv", "id,Health Score\nacme-corp-website,Red\n")
        .args("import sheet.csv --apply");
    let (_, diff) = changes(&t);
    assert_eq!(
        diff,
        "~ projects/acme-corp-website.yaml\n\
         -6 health: yellow  # content late\n\
         +6 health: red  # content late\n\
         +24   - date: 2026-12-07\n\
         +25     health: red\n\
         +26     note: imported from sheet.csv\n"
    );
}

#[test]
fn the_updates_entry_records_the_changes_and_who_made_them() {
    let t = small()
        .file(
            "sheet.csv",
            "id,Status,Blocked reason,Due,Owner,Stage\nacme-corp-website,Blocked,legal review,2027-01-08,Karim Benali,Active\n",
        )
        .args("import sheet.csv --apply --by")
        .arg("Aisha Khan");
    let (_, diff) = changes(&t);
    assert_eq!(
        diff,
        "~ projects/acme-corp-website.yaml\n\
         -5 status: in-progress\n\
         +5 status: blocked\n\
         -7 owner: Marie Dupont\n\
         +7 owner: Karim Benali\n\
         -11 due: 2026-12-18\n\
         +11 due: 2027-01-08\n\
         +12 blocked_reason: legal review\n\
         +25   - date: 2026-12-07\n\
         +26     by: Aisha Khan\n\
         +27     status: blocked\n\
         +28     owner: Karim Benali\n\
         +29     due: 2027-01-08\n\
         +30     blocked_reason: legal review\n\
         +31     note: imported from sheet.csv\n"
    );
}

#[test]
fn by_comes_from_tracker_user() {
    let t = small()
        .file("sheet.csv", "id,Health\nacme-corp-website,Red\n")
        .args("import sheet.csv --apply")
        .env("TRACKER_USER", "Lucas Moreau");
    let (_, diff) = changes(&t);
    assert!(
        diff.contains("+24   - date: 2026-12-07\n+25     by: Lucas Moreau\n+26     health: red\n+27     note: imported from sheet.csv\n"),
        "{diff}"
    );
}

#[test]
fn custom_field_types_with_keep_unknown() {
    let t = small()
        .file(
            "sheet.csv",
            "id,Budget,Launch,Rush,Channels,Colour\n\
             acme-corp-website,52 000,15/01/2027,oui,\"web, email\",blue\n",
        )
        .args("import sheet.csv --keep-unknown --apply");
    let (out, diff) = changes(&t);
    assert_eq!(
        out.stdout,
        "import plan for `sheet.csv` (comma-separated, 1 row):\n\
         \x20 ~ update acme-corp-website (row 2)\n\
         \x20     budget: 48000 → 52000\n\
         \x20     launch: (none) → 2027-01-15\n\
         \x20     rush: (none) → true\n\
         \x20     channels: (none) → web, email\n\
         \x20 ignored column `Colour` (unknown column; declare it under `fields:` in tracker.yaml and pass --keep-unknown to import it)\n\
         plan: 0 to create, 1 to update, 0 unchanged\n\
         applied: created 0, updated 1\n"
    );
    assert_eq!(
        diff,
        "~ projects/acme-corp-website.yaml\n\
         -24 budget: 48000\n\
         +24   - date: 2026-12-07\n\
         +25     note: imported from sheet.csv\n\
         +26 budget: 52000\n\
         +27 launch: 2027-01-15\n\
         +28 rush: true\n\
         +29 channels: [web, email]\n"
    );
    let v = run_ok(t.path(), &["validate"]);
    assert!(v.stdout.contains(" 0 errors"), "{}", v.stdout);
    // Without --keep-unknown they are reported and left alone.
    let out = run_in(t.path(), &["import", "sheet.csv"], None);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains(
            "  ignored column `Budget` (custom field `budget`; pass --keep-unknown to import it)\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_bad_custom_number_names_row_and_column() {
    let t = small()
        .file("sheet.csv", "id,budget\nacme-corp-website,lots\n")
        .args("import sheet.csv --keep-unknown");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout
            .contains("  ! row 2, column `budget`: expected a number, found `lots`\n"),
        "{}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------
// Dialects, encodings, rows.

#[test]
fn dialect_is_detected_from_the_header_line() {
    for (name, bytes, dialect) in [
        (
            "comma LF",
            "Client,Project,Health\nAcme Corp,Website,Red\n"
                .as_bytes()
                .to_vec(),
            "comma-separated",
        ),
        (
            "semicolon CRLF BOM",
            "\u{feff}Client;Project;Health\r\nAcme Corp;Website;Red\r\n"
                .as_bytes()
                .to_vec(),
            "semicolon-separated",
        ),
        (
            "tab, commas in cells",
            "Client\tProject\tHealth\tGoal\r\nAcme Corp\tWebsite\tRed\tMore, and more\r\n"
                .as_bytes()
                .to_vec(),
            "tab-separated",
        ),
        (
            "semicolons, a quoted header with commas",
            "Client;Project;\"Health, RAG\"\nAcme Corp;Website;Red\n"
                .as_bytes()
                .to_vec(),
            "semicolon-separated",
        ),
        (
            "no final line end",
            b"Client,Project,Health\r\nAcme Corp,Website,Red".to_vec(),
            "comma-separated",
        ),
    ] {
        let t = small().bytes("sheet.csv", &bytes).args("import sheet.csv");
        let out = t.run();
        assert!(
            out.stdout.starts_with(&format!(
                "import plan for `sheet.csv` ({dialect}, 1 row):\n"
            )),
            "{name}: {}",
            out.stdout
        );
        if name != "semicolons, a quoted header with commas" {
            assert_eq!(out.code, 0, "{name}: {}", out.stdout);
            assert!(
                out.stdout.contains("      health: yellow → red\n"),
                "{name}: {}",
                out.stdout
            );
        }
    }
}

#[test]
fn trailing_empty_columns_and_rows_are_ignored() {
    // Excel writes the used range: empty header cells and `;;;;` rows.
    let t = small()
        .file(
            "sheet.csv",
            "\u{feff}Client;Project;Health;;\r\nAcme Corp;Website;Rouge;;\r\n;;;;\r\n",
        )
        .args("import sheet.csv");
    let out = writes_nothing(&t, 0);
    assert_eq!(
        out.stdout,
        "import plan for `sheet.csv` (semicolon-separated, 1 row):\n\
         \x20 ~ update acme-corp-website (row 2)\n\
         \x20     health: yellow → red\n\
         plan: 0 to create, 1 to update, 0 unchanged\n\
         dry run: nothing was written; run again with --apply to write these changes\n"
    );
}

#[test]
fn an_unknown_date_format_is_a_usage_error() {
    let t = small()
        .file("sheet.csv", "id,due\nacme-corp-website,2026-12-20\n")
        .args("import sheet.csv --date-format iso");
    let out = writes_nothing(&t, 2);
    assert!(out.stderr.contains("--date-format"), "{}", out.stderr);
}

#[test]
fn quoted_newlines_do_not_shift_row_numbers() {
    let t = small()
        .file(
            "sheet.csv",
            "Client,Project,Goal,Health\r\n\
             Acme Corp,Website,\"More demo\nrequests, \"\"now\"\"\",Red\r\n\
             Acme Corp,Brochure,x,Purple\r\n",
        )
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout
            .contains("  ! row 3, column `Health`: unknown health `Purple`"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_empty_row_counts_as_a_spreadsheet_row() {
    // A spreadsheet shows a row of empty cells (`,,`) and an empty line alike.
    for blank in [",,", ""] {
        let t = small()
            .file(
                "sheet.csv",
                &format!("Client,Project,Health\nAcme Corp,Website,Red\n{blank}\nAcme Corp,Website,Purple\n"),
            )
            .args("import sheet.csv");
        let out = writes_nothing(&t, 1);
        assert!(
            out.stdout
                .contains("  ! row 4, column `Health`: unknown health `Purple`"),
            "blank row {blank:?}:\n{}",
            out.stdout
        );
    }
}

#[test]
fn a_row_with_extra_cells_is_an_error() {
    let t = small()
        .file("sheet.csv", "id,health\nacme-corp-website,red,surprise\n")
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout
            .contains("  ! row 2: has 3 cells but the header has 2 columns\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_empty_file_is_an_error() {
    let t = small().file("sheet.csv", "").args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains("  ! the file is empty\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_missing_file_is_an_error() {
    let t = small().args("import nope.csv");
    let out = writes_nothing(&t, 2);
    assert!(
        out.stderr.contains("could not read `nope.csv`"),
        "{}",
        out.stderr
    );
}

#[test]
fn mixed_date_orders_in_a_column_are_refused() {
    let t = small()
        .file(
            "mixed.csv",
            "Client,Project,Due\nAcme Corp,Website,15/12/2026\nAcme Corp,Brochure,12/15/2026\n",
        )
        .args("import mixed.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains(
            "  ! column `Due`: mixes day-first and month-first dates; give --date-format us or eu and fix the others\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn date_order_is_read_per_column() {
    let t = small()
        .file(
            "sheet.csv",
            "id,Start Date,Due Date\nacme-corp-website,13/09/2026,12/18/2026\n",
        )
        .args("import sheet.csv");
    let out = writes_nothing(&t, 0);
    assert!(
        out.stdout
            .contains("      start: 2026-09-15 → 2026-09-13\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("1 to update"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("due:"),
        "due is unchanged: {}",
        out.stdout
    );
}

#[test]
fn an_impossible_date_names_row_and_column() {
    let t = small()
        .file("sheet.csv", "id,Due Date\nacme-corp-website,2027-02-30\n")
        .args("import sheet.csv");
    let out = writes_nothing(&t, 1);
    assert!(
        out.stdout.contains("  ! row 2, column `Due Date`: "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("February 2027 has 28 days"),
        "{}",
        out.stdout
    );
}

#[test]
fn dash_reads_standard_input() {
    let t = small()
        .args("import -")
        .stdin("Client,Project,Health\r\nAcme Corp,Website,Red\r\n");
    let out = writes_nothing(&t, 0);
    assert_eq!(
        out.stdout,
        "import plan for `standard input` (comma-separated, 1 row):\n\
         \x20 ~ update acme-corp-website (row 2)\n\
         \x20     health: yellow → red\n\
         plan: 0 to create, 1 to update, 0 unchanged\n\
         dry run: nothing was written; run again with --apply to write these changes\n"
    );
    let applied = run_in(
        t.path(),
        &["import", "-", "--apply"],
        Some("Client,Project,Health\r\nAcme Corp,Website,Red\r\n"),
    );
    assert_eq!(applied.code, 0, "{}", applied.stdout);
    let file = t.read("projects/acme-corp-website.yaml");
    assert!(file.contains("health: red  # content late\n"), "{file}");
    assert!(
        file.ends_with("    health: red\n    note: imported from standard input\nbudget: 48000\n"),
        "the update names standard input, not `-`:\n{file}"
    );
}

#[test]
fn a_crlf_project_file_keeps_its_line_ends() {
    let t = Test::tracker("projects_dir: projects\n")
        .file(
            "projects/acme-web.yaml",
            "client: Acme\r\nproject: Web\r\nstage: active\r\nstatus: in-progress\r\nhealth: green\r\n\
             owner: Marie Dupont\r\ngoal: Leads\r\ndue: 2026-12-20\r\n",
        )
        .file("sheet.csv", "id,health\nacme-web,red\n")
        .args("import sheet.csv --apply");
    t.expect_code(0);
    assert_eq!(
        t.read("projects/acme-web.yaml"),
        "client: Acme\r\nproject: Web\r\nstage: active\r\nstatus: in-progress\r\nhealth: red\r\n\
         owner: Marie Dupont\r\ngoal: Leads\r\ndue: 2026-12-20\r\nupdates:\r\n  - date: 2026-12-07\r\n\
         \x20   health: red\r\n    note: imported from sheet.csv\r\n"
    );
}

// ---------------------------------------------------------------------------
// Round trips.

#[test]
fn reimporting_an_unchanged_export_writes_nothing() {
    for flags in [
        "",
        "--bom",
        "--delimiter ;",
        "--bom --delimiter ;",
        "--delimiter tab",
    ] {
        let t = Test::fixture("agency")
            .args("export --out export.csv")
            .args(flags);
        t.expect_code(0);
        let before = t.tree();
        let plan = run_ok(t.path(), &["import", "export.csv", "--keep-unknown"]);
        assert!(
            plan.stdout
                .ends_with("plan: 0 to create, 0 to update, 34 unchanged\n"),
            "{flags}: {}",
            plan.stdout
        );
        assert_eq!(plan.stdout.lines().count(), 2, "{flags}: {}", plan.stdout);
        let applied = run_ok(
            t.path(),
            &["import", "export.csv", "--keep-unknown", "--apply"],
        );
        assert!(
            applied
                .stdout
                .contains("plan: 0 to create, 0 to update, 34 unchanged\n"),
            "{flags}: {}",
            applied.stdout
        );
        assert_eq!(tree_changes(&before, &t.tree()), "", "{flags}");
        // Without --keep-unknown the custom-field columns are only reported.
        let plain = run_ok(t.path(), &["import", "export.csv", "--apply"]);
        assert!(
            plain.stdout.ends_with(
                "  ignored column `budget` (custom field `budget`; pass --keep-unknown to import it)\n\
                 \x20 ignored column `channel` (custom field `channel`; pass --keep-unknown to import it)\n\
                 plan: 0 to create, 0 to update, 34 unchanged\napplied: created 0, updated 0\n"
            ),
            "{flags}: {}",
            plain.stdout
        );
        assert_eq!(tree_changes(&before, &t.tree()), "", "{flags}");
    }
}

#[test]
fn reimporting_a_pipe_separated_export_writes_nothing() {
    // `export --delimiter '|'` is accepted, so its output must import back.
    let t = Test::fixture("agency")
        .args("export --out export.csv --delimiter")
        .arg("|");
    t.expect_code(0);
    let before = t.tree();
    let out = run_in(
        t.path(),
        &["import", "export.csv", "--keep-unknown", "--apply"],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("plan: 0 to create, 0 to update, 34 unchanged\n"),
        "{}",
        out.stdout
    );
    assert_eq!(tree_changes(&before, &t.tree()), "");
}

#[test]
fn reimporting_an_export_from_standard_input_writes_nothing() {
    let t = Test::fixture("agency").args("export");
    let csv = t.expect_code(0).stdout;
    let before = t.tree();
    let out = run_in(
        t.path(),
        &["import", "-", "--keep-unknown", "--apply"],
        Some(&csv),
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("plan: 0 to create, 0 to update, 34 unchanged\n")
    );
    assert_eq!(tree_changes(&before, &t.tree()), "");
}

/// A tracker holding cells a spreadsheet would run as formulas.
fn formulas() -> Test {
    Test::tracker("projects_dir: projects\nfields: {budget: number, channel: text}\n").file(
        "projects/acme-link.yaml",
        "client: Acme\nproject: \"=HYPERLINK(\\\"x\\\")\"\nstage: active\nstatus: blocked\n\
         health: green\nowner: \"@marie\"\ngoal: \"+33 6 12\"\ndue: 2026-12-20\n\
         blocked_reason: \"\\tcall back\"\ntags: [-seo, \"@home\", \"=x\"]\nbudget: -5\n\
         channel: \"'quoted' l'été\"\n",
    )
}

#[test]
fn formula_escaping_round_trips() {
    let t = formulas().args("export --out export.csv");
    t.expect_code(0);
    let csv = t.read("export.csv");
    assert_eq!(
        csv.lines().nth(1).unwrap(),
        "acme-link,Acme,\"'=HYPERLINK(\"\"x\"\")\",active,blocked,green,'@marie,'+33 6 12,,,2026-12-20,\
         '\tcall back,\"'-seo, @home, =x\",,'-5,'quoted' l'été,,,FALSE"
    );
    let before = t.tree();
    let out = run_ok(
        t.path(),
        &["import", "export.csv", "--keep-unknown", "--apply"],
    );
    assert!(
        out.stdout
            .contains("plan: 0 to create, 0 to update, 1 unchanged\n"),
        "{}",
        out.stdout
    );
    assert_eq!(tree_changes(&before, &t.tree()), "");
}

#[test]
fn escaped_cells_import_as_the_exact_original() {
    let t = formulas()
        .file(
            "sheet.csv",
            "client,project,owner,due,goal,tags,blocked_reason,channel\r\n\
             Acme,\"'=HYPERLINK(\"\"y\"\")\",'@marie,2026-12-21,'+33 6 12,\"'-seo, @home\",'-,'quoted\r\n",
        )
        .args("import sheet.csv --keep-unknown --apply");
    t.expect_code(0);
    let json = run_ok(t.path(), &["export", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let p = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project"] == "=HYPERLINK(\"y\")")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(p["owner"], "@marie");
    assert_eq!(p["goal"], "+33 6 12");
    assert_eq!(p["tags"], serde_json::json!(["-seo", "@home"]));
    assert_eq!(p["blocked_reason"], "-");
    // A `'` before anything but a formula character is the cell's own text.
    assert_eq!(p["fields"]["channel"], "'quoted");
}

#[test]
fn a_leading_apostrophe_round_trips() {
    // `'=x` typed on purpose must come back as `'=x`, not `=x`: the export
    // has to escape it, since import strips one `'` before `=`.
    let t = Test::tracker("projects_dir: projects\n")
        .file(
            "projects/acme-web.yaml",
            "client: Acme\nproject: \"'=SUM(A1)\"\nstage: active\nstatus: in-progress\n\
             health: green\nowner: Marie Dupont\ngoal: \"'-5% churn\"\ndue: 2026-12-20\n",
        )
        .args("export --out export.csv");
    t.expect_code(0);
    let before = t.tree();
    let out = run_ok(t.path(), &["import", "export.csv", "--apply"]);
    assert!(
        out.stdout
            .contains("plan: 0 to create, 0 to update, 1 unchanged\n"),
        "{}",
        out.stdout
    );
    assert_eq!(tree_changes(&before, &t.tree()), "");
}

mod round_trip {
    //! Export → import is the identity on generated portfolios.

    use proptest::prelude::*;
    use proptest::test_runner::Config;

    use super::{run_in, tree_changes};
    use crate::support::Test;

    /// Text for names, goals and reasons: commas, quotes, newlines,
    /// semicolons, accents and formula characters, glued together.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Acme",
            "Société Générale",
            "Café Étoile",
            "Zoë",
            "日本",
            ",",
            ", ",
            ";",
            "\"",
            "\"quoted\"",
            "'",
            "l'été",
            "\n",
            "\r\n",
            "\r",
            "\t",
            " ",
            "=",
            "=SUM(A1:A3)",
            "=HYPERLINK(\"x\")",
            "-",
            "-seo",
            "+",
            "+33 6 12",
            "@",
            "@home",
            "#",
            ": ",
            "42",
            "-5",
            "2026-12-03",
            "12/15/2026",
            "TRUE",
            "no",
            "~",
            "|",
            "{a}",
            "[b]",
            "%",
            "\u{a0}",
            "e\u{301}",
            "\u{2028}",
            "🟢",
        ]);
        let piece = prop_oneof![
            3 => pieces.prop_map(str::to_string),
            1 => "[a-zA-Z0-9]{1,6}",
        ];
        prop::collection::vec(piece, 1..5)
            .prop_map(|v| v.concat())
            .prop_filter("no leading or trailing space", |s| {
                !s.is_empty() && s.trim() == s
            })
            // A cell that starts with `'` and a formula character does not
            // round-trip yet: `a_leading_apostrophe_round_trips` covers it.
            .prop_filter("no `'` before a formula character", |s| {
                !s.strip_prefix('\'')
                    .is_some_and(|r| r.starts_with(['=', '+', '-', '@', '\t', '\r']))
            })
    }

    fn owner() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "Marie Dupont",
            "Zoë Leroy",
            "O'Brien",
            "=Bob",
            "-dash",
            "@handle",
            "Jean \"JJ\" Martin",
        ])
        .prop_map(str::to_string)
    }

    fn date() -> impl Strategy<Value = String> {
        (0u32..900).prop_map(|d| {
            let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
                + chrono::Days::new(u64::from(d));
            day.to_string()
        })
    }

    #[derive(Debug, Clone)]
    struct Project {
        client: String,
        project: String,
        stage: &'static str,
        status: &'static str,
        health: &'static str,
        owner: String,
        goal: Option<String>,
        created: Option<String>,
        start: Option<String>,
        due: String,
        blocked_reason: Option<String>,
        tags: Vec<&'static str>,
        links: Vec<(&'static str, &'static str)>,
        milestone: Option<&'static str>,
        update: Option<String>,
        budget: Option<&'static str>,
        channel: Option<String>,
    }

    fn project() -> impl Strategy<Value = Project> {
        let words = (
            text(),
            text(),
            prop::sample::select(vec!["onboarding", "active", "offboarding"]),
            prop::sample::select(vec!["not-started", "in-progress", "blocked", "done"]),
            prop::sample::select(vec!["green", "yellow", "red"]),
            owner(),
            prop::option::of(text()),
            prop::option::of(date()),
            prop::option::of(date()),
            date(),
        );
        let rest = (
            prop::option::of(text()),
            prop::sample::subsequence(vec!["seo", "-seo", "@home", "+1", "=x", "café", "q4"], 0..4),
            prop::sample::subsequence(
                vec![
                    ("brief", "https://docs.example.com/brief?a=1&b=2"),
                    ("slack", "https://acme.slack.example.com/archives/C04WEB"),
                ],
                0..3,
            ),
            prop::option::of(prop::sample::select(vec![
                "done",
                "not-started",
                "in-progress",
            ])),
            prop::option::of(text()),
            prop::option::of(prop::sample::select(vec!["12000", "-5", "3.5", "0"])),
            prop::option::of(text()),
        );
        (words, rest).prop_map(
            |(
                (client, project, stage, status, health, owner, goal, created, start, due),
                (blocked_reason, tags, links, milestone, update, budget, channel),
            )| Project {
                client,
                project,
                stage,
                status,
                health,
                owner,
                goal,
                created,
                start,
                due,
                blocked_reason,
                tags,
                links,
                milestone,
                update,
                budget,
                channel,
            },
        )
    }

    /// A YAML double-quoted scalar (JSON strings are valid YAML).
    fn q(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }

    fn yaml(p: &Project) -> String {
        let mut y = format!(
            "client: {}\nproject: {}\nstage: {}\nstatus: {}\nhealth: {}\nowner: {}\n",
            q(&p.client),
            q(&p.project),
            p.stage,
            p.status,
            p.health,
            q(&p.owner)
        );
        if let Some(g) = &p.goal {
            y += &format!("goal: {}\n", q(g));
        }
        if let Some(d) = &p.created {
            y += &format!("created: {d}\n");
        }
        if let Some(d) = &p.start {
            y += &format!("start: {d}\n");
        }
        y += &format!("due: {}\n", p.due);
        if let Some(r) = &p.blocked_reason {
            y += &format!("blocked_reason: {}\n", q(r));
        }
        if !p.tags.is_empty() {
            let tags: Vec<String> = p.tags.iter().map(|t| q(t)).collect();
            y += &format!("tags: [{}]\n", tags.join(", "));
        }
        if !p.links.is_empty() {
            y += "links:\n";
            for (k, v) in &p.links {
                y += &format!("  {k}: {v}\n");
            }
        }
        if let Some(s) = p.milestone {
            y += &format!(
                "milestones:\n  - id: m1\n    name: First\n    due: {}\n    status: {s}\n",
                p.due
            );
        }
        if let Some(n) = &p.update {
            y += &format!("updates:\n  - date: 2026-11-30\n    note: {}\n", q(n));
        }
        if let Some(b) = p.budget {
            y += &format!("budget: {b}\n");
        }
        if let Some(c) = &p.channel {
            y += &format!("channel: {}\n", q(c));
        }
        y
    }

    fn config() -> Config {
        Config {
            cases: 24,
            failure_persistence: None,
            ..Config::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn export_then_import_is_the_identity(
            projects in prop::collection::vec(project(), 1..=5),
            dialect in prop::sample::select(vec![
                &[][..],
                &["--bom"][..],
                &["--delimiter", ";"][..],
                &["--bom", "--delimiter", ";"][..],
                &["--delimiter", "tab"][..],
            ]),
        ) {
            let mut t = Test::tracker("projects_dir: projects\nfields: {budget: number, channel: text}\n");
            for (i, p) in projects.iter().enumerate() {
                t = t.file(&format!("projects/p{i}.yaml"), &yaml(p));
            }
            let check = run_in(t.path(), &["validate"], None);
            prop_assert!(!check.stdout.contains("error["), "the generated files are valid:\n{}", check.stdout);
            let mut args = vec!["export", "--out", "export.csv"];
            args.extend_from_slice(dialect);
            let export = run_in(t.path(), &args, None);
            prop_assert_eq!(export.code, 0, "{}", export.stderr);
            let before = t.tree();
            let out = run_in(t.path(), &["import", "export.csv", "--apply", "--keep-unknown"], None);
            prop_assert_eq!(out.code, 0, "{}", out.stdout);
            let unchanged = format!("plan: 0 to create, 0 to update, {} unchanged\n", projects.len());
            prop_assert!(out.stdout.contains(&unchanged), "{}\n{}", out.stdout, t.read("export.csv"));
            prop_assert_eq!(tree_changes(&before, &t.tree()), "");
        }
    }
}

/// Shapes found by review.
mod reviewed {
    use crate::support::Test;

    #[test]
    fn a_block_scalar_goal_survives_a_round_trip() {
        let t = Test::tracker("stale_days: 7\n").file(
            "projects/p.yaml",
            "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\nhealth: green\nowner: M\n\
             goal: |\n  Cut cost per lead by 20%\n  by end of Q2\ndue: 2026-12-15\n",
        );
        let csv = t.command().args(["export"]).output().unwrap().stdout;
        let t = t
            .bytes("export.csv", &csv)
            .args("import export.csv --apply");
        let before = t.tree();
        let out = t.expect_code(0);
        assert!(
            out.stdout
                .contains("plan: 0 to create, 0 to update, 1 unchanged"),
            "{}",
            out.stdout
        );
        assert!(t.tree() == before);
    }

    #[test]
    fn custom_numbers_are_read_as_the_file_reads_them() {
        let t = Test::tracker("fields: {budget: number}\n")
            .file(
                "projects/p.yaml",
                "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\nhealth: green\nowner: M\ngoal: g\n\
                 due: 2026-12-15\nbudget: 1.5\n",
            )
            .file("same.csv", "id,budget\np,1.50\n")
            .file("new.csv", "id,budget\np,2.50\n")
            .file("bad.csv", "id,budget\np,inf\n");
        let same = t
            .command()
            .args(["import", "same.csv", "--keep-unknown"])
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&same.stdout).contains("0 to update, 1 unchanged"));
        let bad = t
            .command()
            .args(["import", "bad.csv", "--keep-unknown"])
            .output()
            .unwrap();
        assert_eq!(bad.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&bad.stdout).contains("expected a number, found `inf`"));
        t.args("import new.csv --keep-unknown --apply")
            .expect_code(0);
    }
}
