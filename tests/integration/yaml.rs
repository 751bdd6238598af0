//! Property tests of the YAML writer through the library API: whatever the
//! string, what `emit` writes reads back as exactly that string, with the
//! crate's own YAML 1.2 parser and with PyYAML (YAML 1.1), and ordinary
//! names are not quoted.

use crate::support::require_pyyaml;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use tracker::store::yaml::{Node, emit, parse};

/// Pieces that YAML readers treat specially, glued together by [`hostile`].
#[rustfmt::skip]
const HOSTILE: &[&str] = &[
    // YAML 1.1 booleans and nulls, in every spelling
    "no",
    "No",
    "NO",
    "yes",
    "Yes",
    "YES",
    "y",
    "Y",
    "n",
    "N",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "true",
    "True",
    "TRUE",
    "false",
    "False",
    "FALSE",
    "~",
    "null",
    "Null",
    "NULL",
    // numbers of YAML 1.1 and 1.2
    "0123",
    "0",
    "-1",
    "+1",
    "1e3",
    "1E3",
    "1.5e-3",
    "1.",
    ".5",
    "-.5",
    "0x1F",
    "0o17",
    "0b101",
    "1_000",
    "12:30",
    "190:20:30",
    ".inf",
    "-.Inf",
    ".NaN",
    // timestamps
    "2026-12-03",
    "2026-1-5",
    "2026-12-03T10:00:00Z",
    "2026-12-03 10:00",
    // indicators and comment markers
    ": ",
    ":",
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
    "|",
    ">",
    "[",
    "]",
    "{",
    "}",
    ",",
    "`",
    "<<",
    "=",
    "\\",
    "---",
    "...",
    "x:",
    // whitespace and line breaks of every kind
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{a0}",
    "\u{3000}",
    // BOM, controls, non-characters
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{9f}",
    "\u{fffe}",
    "\u{ffff}",
    // ordinary text
    "a",
    "Acme",
    "é",
    "Société",
    "🕴",
    "x y",
];

/// Strings biased towards what breaks YAML: a few hostile pieces and bits of
/// ordinary text, concatenated.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(HOSTILE).prop_map(str::to_string),
        1 => "[a-z0-9 ]{1,4}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

/// Arbitrary Unicode or hostile text, half and half.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), hostile()]
}

fn single_key(value: Node) -> Node {
    Node::Map(vec![("k".to_string(), value)])
}

proptest! {
    #![proptest_config(Config {
        cases: 2000,
        // Failures are reported, not saved next to the sources.
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn scalar_reads_back_as_the_same_string(s in any_text()) {
        let text = format!("k: {}\n", emit::scalar(&s));
        prop_assert_eq!(
            parse(&text),
            Ok(single_key(Node::String(s.clone()))),
            "emitted text: {:?}",
            text
        );
    }

    #[test]
    fn flow_list_reads_back_as_the_same_strings(items in prop::collection::vec(any_text(), 0..5)) {
        let text = format!("k: {}\n", emit::flow_list(&items));
        let expected = single_key(Node::Seq(items.iter().cloned().map(Node::String).collect()));
        prop_assert_eq!(parse(&text), Ok(expected), "emitted text: {:?}", text);
    }
}

#[test]
fn every_hostile_piece_alone_reads_back() {
    for s in HOSTILE {
        let text = format!("k: {}\n", emit::scalar(s));
        assert_eq!(
            parse(&text),
            Ok(single_key(Node::String(s.to_string()))),
            "emitted text: {text:?}"
        );
        let items = vec![s.to_string(), "x".to_string()];
        let text = format!("k: {}\n", emit::flow_list(&items));
        assert_eq!(
            parse(&text),
            Ok(single_key(Node::Seq(vec![
                Node::String(s.to_string()),
                Node::String("x".to_string()),
            ]))),
            "emitted text: {text:?}"
        );
    }
}

#[test]
fn ordinary_names_are_not_quoted() {
    for s in [
        "Acme Corp",
        "Marie Dupont",
        "Société Générale",
        "Société Générale Immobilier",
        "Café Étoile",
        "Zénith Assurances",
        "https://x.example/a#b",
        "Website redesign",
        "Cut cost per lead by 20% by end of Q2",
        "creative approval",
        "q4",
        "e-commerce",
        "C#",
        "a:b",
    ] {
        assert!(!emit::needs_quotes(s), "{s:?} must not be quoted");
        assert_eq!(emit::scalar(s), s, "{s:?} is written as is");
    }
}

#[test]
fn ordinary_tags_are_not_quoted_in_flow_lists() {
    let tags: Vec<String> = ["seo", "q4", "paid-social", "e-commerce", "noël"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        emit::flow_list(&tags),
        "[seo, q4, paid-social, e-commerce, noël]"
    );
}

#[test]
fn non_characters_are_escaped() {
    // U+FFFE and U+FFFF are not in YAML's printable set: written raw, no
    // reader accepts the file.
    for s in ["\u{fffe}", "\u{ffff}", "a\u{fffe}b", "Acme \u{ffff}"] {
        let emitted = emit::scalar(s);
        assert!(
            !emitted.contains(['\u{fffe}', '\u{ffff}']),
            "{s:?} is written raw: {emitted:?}"
        );
        assert_eq!(
            parse(&format!("k: {emitted}\n")),
            Ok(single_key(Node::String(s.to_string())))
        );
        let list = emit::flow_list(&[s.to_string()]);
        assert_eq!(
            parse(&format!("k: {list}\n")),
            Ok(single_key(Node::Seq(vec![Node::String(s.to_string())])))
        );
    }
}

/// Flow-list items with a question mark, as tags or `depends_on` may hold.
const QUESTION_MARKS: &[&str] = &["?x", "?$", "a?b", "/?", "why?", "q4?"];

#[test]
fn question_marks_in_flow_lists_read_back() {
    // A leading `?` followed by text is a mapping key inside a flow sequence.
    for s in QUESTION_MARKS {
        let list = emit::flow_list(&[s.to_string(), "x".to_string()]);
        assert_eq!(
            parse(&format!("k: {list}\n")),
            Ok(single_key(Node::Seq(vec![
                Node::String(s.to_string()),
                Node::String("x".to_string()),
            ]))),
            "written {list:?}"
        );
    }
}

/// Loads a YAML file with PyYAML's `safe_load` and returns it as JSON.
fn pyyaml_load(path: &Path) -> Result<serde_json::Value, String> {
    let out = Command::new("python3")
        .arg("-c")
        .arg(
            "import yaml,json,sys; \
             print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
        )
        .arg(path)
        .output()
        .expect("python3 runs");
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(serde_json::from_slice(&out.stdout).expect("PyYAML printed JSON"))
}

/// Writes every string as a block value (`sN: …`) and as the first item of
/// a flow list (`lN: [… , x]`) in one file, loads it with PyYAML and returns
/// one line per string that does not read back exactly.
fn pyyaml_failures(strings: &[String]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for (i, s) in strings.iter().enumerate() {
        lines.push(format!("s{i}: {}\n", emit::scalar(s)));
        lines.push(format!(
            "l{i}: {}\n",
            emit::flow_list(&[s.clone(), "x".to_string()])
        ));
    }
    let path = dir.path().join("all.yaml");
    std::fs::write(&path, lines.concat()).unwrap();
    let mut failures = Vec::new();
    match pyyaml_load(&path) {
        Ok(doc) => {
            for (i, s) in strings.iter().enumerate() {
                let got = &doc[format!("s{i}")];
                if *got != serde_json::json!(s) {
                    failures.push(format!("{s:?} written {:?} read as {got}", emit::scalar(s)));
                }
                let got = &doc[format!("l{i}")];
                if *got != serde_json::json!([s, "x"]) {
                    failures.push(format!(
                        "{s:?} in a flow list written {:?} read as {got}",
                        emit::flow_list(&[s.clone(), "x".to_string()]),
                    ));
                }
            }
        }
        Err(whole) => {
            // The whole file was refused: name the lines PyYAML cannot read.
            let last = whole.lines().last().unwrap_or_default().to_string();
            failures.push(format!("PyYAML refused the file: {last}"));
            let out = Command::new("python3")
                .arg("-c")
                .arg(
                    r#"
import yaml, sys
for line in open(sys.argv[1], encoding='utf-8', newline='\n').read().split('\n'):
    try:
        yaml.safe_load(line)
    except Exception as e:
        print(repr(line), '->', ' '.join(str(e).split()))
"#,
                )
                .arg(&path)
                .output()
                .expect("python3 runs");
            failures.extend(
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .map(str::to_string),
            );
        }
    }
    failures
}

#[test]
fn pyyaml_reads_back_every_emitted_string() {
    require_pyyaml();
    // A fixed seed: the same few hundred strings on every run.
    let mut runner = TestRunner::deterministic();
    let strategy = any_text();
    let mut strings: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    while strings.len() < 600 {
        strings.push(strategy.new_tree(&mut runner).unwrap().current());
    }
    let failures = pyyaml_failures(&strings);
    assert!(
        failures.is_empty(),
        "PyYAML does not read back what was written:\n{}",
        failures.join("\n")
    );
}

#[test]
fn pyyaml_reads_question_marks_in_flow_lists() {
    require_pyyaml();
    let strings: Vec<String> = QUESTION_MARKS.iter().map(|s| s.to_string()).collect();
    let failures = pyyaml_failures(&strings);
    assert!(
        failures.is_empty(),
        "PyYAML does not read back what was written:\n{}",
        failures.join("\n")
    );
}

#[test]
fn pyyaml_reads_the_fixture_quoting_cases() {
    require_pyyaml();
    // The words and shapes the spec names, plus ordinary names.
    let strings: Vec<String> = [
        "no",
        "on",
        "12:30",
        "0123",
        "2026-12-03",
        "a: b",
        "ticket #4521",
        "*bold",
        "@handle",
        "Acme Corp",
        "Société Générale",
        "https://x.example/a#b",
        "Marie Dupont",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(pyyaml_failures(&strings), Vec::<String>::new());
}
