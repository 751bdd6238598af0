//! Tests of `tracker export`.

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::support::Test;

/// The CSV header of the agency fixture (custom fields `budget`, `channel`).
const HEADER: &str = "id,client,project,stage,status,health,owner,goal,created,start,due,\
                      blocked_reason,tags,links,budget,channel,progress,last_update,overdue";

/// The agency's known project, as one CSV record.
const INTRANET: &str = "initech-intranet-redesign,Initech,Intranet redesign,active,blocked,red,\
                        Lucas Moreau,Cut the number of IT helpdesk tickets about finding documents by 40%,\
                        2026-08-31,2026-09-07,2026-11-30,client IT access,\"web, intranet, sso\",\
                        \"brief=https://docs.example.com/initech-intranet-brief, \
                        ticket=https://initech.service-desk.example/browse/IT-4521\",38000,,33,2026-11-24,TRUE";

/// Milestones and updates in the agency fixture (counted from the files with PyYAML).
const AGENCY_MILESTONES: usize = 63;
const AGENCY_UPDATES: usize = 74;

/// A one-project tracker with a goal on two lines.
fn two_line_goal() -> Test {
    Test::tracker("projects_dir: projects\n").file(
        "projects/acme-web.yaml",
        "client: Acme\nproject: Web\nstage: active\nstatus: in-progress\nhealth: green\n\
         owner: Marie Dupont\ngoal: \"Leads\\nand more leads\"\ndue: 2026-12-20\n",
    )
}

/// Runs `export` with these arguments on the agency fixture; stdout as bytes.
fn agency_export(args: &str) -> Vec<u8> {
    let t = Test::fixture("agency").args("export").args(args);
    let out = t.command().output().unwrap();
    assert!(
        out.status.success(),
        "export {args}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Splits bytes on CRLF, checking that no bare LF ends a record.
fn crlf_records(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n"), "the last record ends with CRLF");
    let records: Vec<String> = text
        .strip_suffix("\r\n")
        .unwrap()
        .split("\r\n")
        .map(str::to_string)
        .collect();
    records
}

#[test]
fn csv_header_is_id_then_fields_then_custom_then_derived() {
    let bytes = agency_export("");
    let records = crlf_records(&bytes);
    assert_eq!(records[0], HEADER);
    // 34 projects, one record each (no agency cell holds a newline), in id order.
    assert_eq!(records.len(), 35);
    let ids: Vec<&str> = records[1..]
        .iter()
        .map(|r| r.split(',').next().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rows are in id order");
    assert!(!records.iter().any(|r| r.contains('\n')), "no bare LF");
    assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "no BOM unless asked");
}

#[test]
fn csv_record_of_a_known_project() {
    let bytes = agency_export("");
    let records = crlf_records(&bytes);
    let intranet: Vec<&String> = records
        .iter()
        .filter(|r| r.starts_with("initech-intranet-redesign,"))
        .collect();
    assert_eq!(intranet, [&INTRANET.to_string()]);
    // A done project is never overdue; a project without milestones has no progress.
    let bf = records
        .iter()
        .find(|r| r.starts_with("acme-corp-black-friday-email-sequence,"))
        .unwrap();
    assert!(bf.ends_with(",6500,email,,2026-12-01,FALSE"), "{bf}");
}

#[test]
fn csv_keeps_lf_inside_a_quoted_cell() {
    let out = two_line_goal().args("export").command().output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "id,client,project,stage,status,health,owner,goal,created,start,due,blocked_reason,tags,links,progress,last_update,overdue\r\n\
         acme-web,Acme,Web,active,in-progress,green,Marie Dupont,\"Leads\nand more leads\",,,2026-12-20,,,,,,FALSE\r\n"
    );
}

#[test]
fn csv_bom_with_the_flag() {
    let plain = agency_export("");
    let bom = agency_export("--bom");
    assert_eq!(&bom[..3], b"\xef\xbb\xbf");
    assert_eq!(&bom[3..], &plain[..], "the BOM is the only difference");
}

#[test]
fn csv_semicolon_delimiter() {
    let bytes = agency_export("--delimiter ;");
    let records = crlf_records(&bytes);
    assert_eq!(records[0], HEADER.replace(',', ";"));
    let intranet = records
        .iter()
        .find(|r| r.starts_with("initech-intranet-redesign;"))
        .unwrap();
    // Commas inside cells need no quotes any more.
    assert!(
        intranet.contains(";client IT access;web, intranet, sso;brief=https://"),
        "{intranet}"
    );
    assert_eq!(records.len(), 35);
}

#[test]
fn csv_tab_delimiter() {
    let bytes = agency_export("--delimiter tab");
    let records = crlf_records(&bytes);
    assert_eq!(records[0], HEADER.replace(',', "\t"));
}

#[test]
fn csv_unknown_delimiter_is_a_usage_error() {
    let out = Test::fixture("agency")
        .args("export --delimiter x")
        .expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("--delimiter: expected `,`, `;`, `|` or `tab`, found `x`"),
        "{}",
        out.stderr
    );
}

#[test]
fn csv_formula_cells_are_escaped() {
    let t = Test::tracker("projects_dir: projects\nfields: {budget: number}\n").file(
        "projects/acme-link.yaml",
        "client: Acme\nproject: \"=HYPERLINK(\\\"x\\\")\"\nstage: active\nstatus: in-progress\n\
         health: green\nowner: Marie Dupont\ngoal: \"+33 6 12\"\ndue: 2026-12-20\n\
         blocked_reason: \"\\tcall back\"\ntags: [-seo, \"@home\"]\nbudget: -5\n",
    );
    let out = t.args("export").expect_code(0);
    let records = crlf_records(out.stdout.as_bytes());
    assert_eq!(
        records[1],
        "acme-link,Acme,\"'=HYPERLINK(\"\"x\"\")\",active,in-progress,green,Marie Dupont,\
         '+33 6 12,,,2026-12-20,'\tcall back,\"'-seo, @home\",,'-5,,,FALSE"
    );
}

#[test]
fn out_writes_the_file_and_reports_on_stderr() {
    let t = Test::fixture("agency").args("export --out p.csv");
    let before = t.tree();
    let out = t.expect_code(0);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "wrote 34 projects to p.csv\n");
    assert_eq!(t.read("p.csv").as_bytes(), &agency_export("")[..]);
    // Only the output file is new: no temporary file left behind.
    let mut after = t.tree();
    after.retain(|(rel, _)| rel != "p.csv");
    assert!(after == before, "only p.csv was added");
}

#[test]
fn out_counts_one_project_in_the_singular() {
    let out = Test::fixture("agency")
        .args("export --client Initech --tag sso --out one.csv")
        .expect_code(0);
    assert_eq!(out.stderr, "wrote 1 project to one.csv\n");
}

#[test]
fn out_replaces_an_existing_file() {
    let t = Test::fixture("agency")
        .file("p.csv", "old contents that are longer than nothing\n")
        .args("export --client Initech --out p.csv");
    let out = t.expect_code(0);
    assert_eq!(out.stderr, "wrote 3 projects to p.csv\n");
    assert!(t.read("p.csv").starts_with("id,client,"));
    assert_eq!(crlf_records(t.read("p.csv").as_bytes()).len(), 4);
}

#[test]
fn filters_apply() {
    let bytes = agency_export("--client Initech");
    let records = crlf_records(&bytes);
    assert_eq!(records[0], HEADER);
    let ids: Vec<&str> = records[1..]
        .iter()
        .map(|r| r.split(',').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "initech-employer-branding-video",
            "initech-intranet-redesign",
            "initech-q4-paid-search-campaign"
        ]
    );
    assert!(records.contains(&INTRANET.to_string()));
    let overdue = crlf_records(&agency_export("--overdue"));
    assert_eq!(overdue.len(), 1 + 6, "the README's six overdue projects");
    assert!(overdue[1..].iter().all(|r| r.ends_with(",TRUE")));
}

#[test]
fn json_has_schema_version_projects_milestones_and_updates() {
    let bytes = agency_export("--format json");
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["schema_version"], 1);
    let projects = json["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 34);
    let milestones: usize = projects
        .iter()
        .map(|p| p["milestones"].as_array().unwrap().len())
        .sum();
    let updates: usize = projects
        .iter()
        .map(|p| p["updates"].as_array().unwrap().len())
        .sum();
    assert_eq!(milestones, AGENCY_MILESTONES);
    assert_eq!(updates, AGENCY_UPDATES);
    let intranet = projects
        .iter()
        .find(|p| p["id"] == "initech-intranet-redesign")
        .unwrap();
    assert_eq!(intranet["client"], "Initech");
    assert_eq!(intranet["due"], "2026-11-30");
    assert_eq!(
        intranet["tags"],
        serde_json::json!(["web", "intranet", "sso"])
    );
    assert_eq!(intranet["fields"]["budget"], 38000);
    assert_eq!(intranet["overdue"], true);
    assert_eq!(intranet["progress"], 33);
    let ms: Vec<&str> = intranet["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ms, ["ux-research", "sso", "launch"]);
    let up = intranet["updates"].as_array().unwrap();
    assert_eq!(up.len(), 3);
    assert_eq!(up[2]["date"], "2026-11-24");
    assert_eq!(up[2]["health"], "red");
    assert_eq!(up[2]["internal"], true);
}

#[test]
fn json_filters_apply() {
    let json: Value =
        serde_json::from_slice(&agency_export("--format json --client Initech")).unwrap();
    assert_eq!(json["projects"].as_array().unwrap().len(), 3);
}

#[test]
fn xlsx_needs_out() {
    let out = Test::fixture("agency")
        .args("export --format xlsx")
        .expect_code(2);
    assert_eq!(out.stdout, "", "no binary on a terminal");
    assert!(out.stderr.contains("--out FILE"), "{}", out.stderr);
}

/// Exports the agency workbook; returns the test (the file is `p.xlsx`).
fn agency_xlsx() -> Test {
    let t = Test::fixture("agency").args("export --format xlsx --out p.xlsx");
    let out = t.expect_code(0);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "wrote 34 projects to p.xlsx\n");
    t
}

/// A cell as text, for comparisons.
fn show(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        Data::Bool(b) => format!("{b}"),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("date {y:04}-{m:02}-{day:02}")
        }
        other => format!("{other:?}"),
    }
}

#[test]
fn xlsx_reads_back_with_calamine() {
    let t = agency_xlsx();
    let mut wb: Xlsx<_> = open_workbook(t.path().join("p.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["Projects", "Milestones", "Updates"]);

    let projects = wb.worksheet_range("Projects").unwrap();
    let rows: Vec<Vec<String>> = projects
        .rows()
        .map(|r| r.iter().map(show).collect())
        .collect();
    assert_eq!(
        rows[0].join(","),
        HEADER,
        "the header row is the CSV header"
    );
    assert_eq!(rows.len(), 35);
    let intranet = rows
        .iter()
        .find(|r| r[0] == "initech-intranet-redesign")
        .unwrap();
    assert_eq!(
        intranet,
        &[
            "initech-intranet-redesign",
            "Initech",
            "Intranet redesign",
            "active",
            "blocked",
            "red",
            "Lucas Moreau",
            "Cut the number of IT helpdesk tickets about finding documents by 40%",
            "date 2026-08-31",
            "date 2026-09-07",
            "date 2026-11-30",
            "client IT access",
            "web, intranet, sso",
            "brief=https://docs.example.com/initech-intranet-brief, ticket=https://initech.service-desk.example/browse/IT-4521",
            "38000",
            "",
            "33",
            "date 2026-11-24",
            "true",
        ]
    );
    // `due` is a real date cell, not text.
    let due_col = rows[0].iter().position(|h| h == "due").unwrap();
    let row = rows
        .iter()
        .position(|r| r[0] == "initech-intranet-redesign")
        .unwrap();
    match projects.get((row, due_col)).unwrap() {
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            assert_eq!(d.to_ymd_hms_milli(), (2026, 11, 30, 0, 0, 0, 0));
        }
        other => panic!("due is not a date cell: {other:?}"),
    }
    // Every project's due date is a date cell.
    for (i, r) in rows.iter().enumerate().skip(1) {
        assert!(
            matches!(projects.get((i, due_col)), Some(Data::DateTime(_))),
            "{}: {:?}",
            r[0],
            projects.get((i, due_col))
        );
    }

    let milestones = wb.worksheet_range("Milestones").unwrap();
    let ms: Vec<Vec<String>> = milestones
        .rows()
        .map(|r| r.iter().map(show).collect())
        .collect();
    assert_eq!(
        ms[0][..6],
        ["project", "milestone", "name", "owner", "start", "due"]
    );
    assert!(ms[0].contains(&"status".to_string()));
    assert_eq!(ms.len() - 1, AGENCY_MILESTONES);
    let sso = ms
        .iter()
        .find(|r| r[0] == "initech-intranet-redesign" && r[1] == "sso")
        .unwrap();
    assert_eq!(
        sso[..7],
        [
            "initech-intranet-redesign",
            "sso",
            "SSO integration with Azure AD",
            "Lucas Moreau",
            "",
            "date 2026-11-13",
            "blocked"
        ]
    );

    let updates = wb.worksheet_range("Updates").unwrap();
    let up: Vec<Vec<String>> = updates
        .rows()
        .map(|r| r.iter().map(show).collect())
        .collect();
    assert_eq!(up[0][..3], ["project", "date", "by"]);
    assert_eq!(up.len() - 1, AGENCY_UPDATES);
    let intranet_updates: Vec<&Vec<String>> = up
        .iter()
        .filter(|r| r[0] == "initech-intranet-redesign")
        .collect();
    assert_eq!(intranet_updates.len(), 3);
    assert_eq!(intranet_updates[2][1], "date 2026-11-24");
    assert_eq!(intranet_updates[2][2], "Lucas Moreau");
}

#[test]
fn xlsx_filters_apply() {
    let t = Test::fixture("agency").args("export --format xlsx --out i.xlsx --client Initech");
    let out = t.expect_code(0);
    assert_eq!(out.stderr, "wrote 3 projects to i.xlsx\n");
    let mut wb: Xlsx<_> = open_workbook(t.path().join("i.xlsx")).unwrap();
    assert_eq!(wb.worksheet_range("Projects").unwrap().height(), 4);
    // Only Initech's milestones.
    let ms = wb.worksheet_range("Milestones").unwrap();
    assert!(
        ms.rows()
            .skip(1)
            .all(|r| show(&r[0]).starts_with("initech-"))
    );
}

/// One part of a zip file (the xlsx), read with Python's zipfile.
fn zip_part(path: &Path, part: &str) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg("import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode('utf-8'))")
        .arg(path)
        .arg(part)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{part}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.descendants()
        .filter(|d| d.tag_name().name() == name)
        .collect()
}

#[test]
fn xlsx_projects_sheet_is_formatted() {
    let t = agency_xlsx();
    let path = t.path().join("p.xlsx");
    let workbook = zip_part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("<sheet name=\"Projects\" sheetId=\"1\""),
        "{workbook}"
    );
    let xml = zip_part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<pane "), "a pane");
    assert!(xml.contains("<autoFilter"), "an autofilter");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();

    // Frozen header row.
    let panes = child(root, "pane");
    assert_eq!(panes.len(), 1);
    assert_eq!(panes[0].attribute("state"), Some("frozen"));
    assert_eq!(panes[0].attribute("ySplit"), Some("1"));
    assert_eq!(panes[0].attribute("topLeftCell"), Some("A2"));

    // Autofilter over the header and every project row (19 columns: A..S).
    let filters = child(root, "autoFilter");
    assert_eq!(filters.len(), 1);
    assert_eq!(filters[0].attribute("ref"), Some("A1:S35"));

    // Health (column F) coloured by three rules.
    let rules = child(root, "cfRule");
    assert_eq!(rules.len(), 3);
    let formulas: Vec<&str> = rules
        .iter()
        .map(|r| child(*r, "formula")[0].text().unwrap())
        .collect();
    assert_eq!(formulas, ["\"green\"", "\"yellow\"", "\"red\""]);
    for r in &rules {
        assert_eq!(r.attribute("type"), Some("cellIs"));
        assert_eq!(r.attribute("operator"), Some("equal"));
        let cf = r.parent().unwrap();
        assert!(
            cf.attribute("sqref").unwrap().starts_with("F2:F"),
            "{:?}",
            cf.attribute("sqref")
        );
    }
    // Each rule's fill is the spec's colour.
    let styles = zip_part(&path, "xl/styles.xml");
    let sdoc = roxmltree::Document::parse(&styles).unwrap();
    let dxfs = child(sdoc.root_element(), "dxf");
    let colour = |rule: &roxmltree::Node| {
        let id: usize = rule.attribute("dxfId").unwrap().parse().unwrap();
        child(dxfs[id], "bgColor")[0]
            .attribute("rgb")
            .unwrap()
            .to_string()
    };
    let colours: Vec<String> = rules.iter().map(colour).collect();
    assert_eq!(colours, ["FF00B050", "FFFFC000", "FFFF0000"]);

    // Drop-downs: stage (D), status (E), health (F).
    let validations = child(root, "dataValidation");
    let lists: Vec<(String, String)> = validations
        .iter()
        .map(|v| {
            assert_eq!(v.attribute("type"), Some("list"));
            let col = v.attribute("sqref").unwrap()[..1].to_string();
            let list = child(*v, "formula1")[0].text().unwrap().to_string();
            (col, list)
        })
        .collect();
    let mut lists = lists;
    lists.sort();
    assert_eq!(
        lists,
        [
            (
                "D".to_string(),
                "\"onboarding,active,offboarding\"".to_string()
            ),
            (
                "E".to_string(),
                "\"not-started,in-progress,blocked,done\"".to_string()
            ),
            ("F".to_string(), "\"green,yellow,red\"".to_string()),
        ]
    );
    // Fitted column widths, one per column.
    let cols = child(root, "col");
    let covered: u32 = cols
        .iter()
        .map(|c| {
            assert_eq!(c.attribute("customWidth"), Some("1"));
            let min: u32 = c.attribute("min").unwrap().parse().unwrap();
            let max: u32 = c.attribute("max").unwrap().parse().unwrap();
            max - min + 1
        })
        .sum();
    assert_eq!(covered, 19);
    let width = |col: u32| -> f64 {
        let c = cols
            .iter()
            .find(|c| {
                let min: u32 = c.attribute("min").unwrap().parse().unwrap();
                let max: u32 = c.attribute("max").unwrap().parse().unwrap();
                (min..=max).contains(&col)
            })
            .unwrap();
        c.attribute("width").unwrap().parse().unwrap()
    };
    assert!(width(1) > width(6), "the id column is wider than health");
    // Due (column K) cells carry a date number format.
    let k2 = child(root, "c")
        .into_iter()
        .find(|c| c.attribute("r") == Some("K2"))
        .unwrap();
    assert!(k2.attribute("t").is_none(), "K2 is a number, not a string");
    assert!(k2.attribute("s").is_some(), "K2 has a (date) style");
}
