//! `tracker check`: the CI gate. Evaluates the failing and warning rules on
//! the (filtered) portfolio, reports every finding with the file and line
//! of the field behind it, and exits 1 when a failing rule matched.

use std::io::Write;

use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};
use serde_json::json;

use super::{Context, Exit, FilterArgs};
use crate::insight::check::evaluate;
use crate::model::{Diagnostic, Rule, Severity, rule};
use crate::render::{diag, github, json::SCHEMA_VERSION, junit, markdown};
use crate::store::load::diagnostic_at;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `github` inside GitHub Actions (`GITHUB_ACTIONS=true`), else `text`.
    Auto,
    /// One block per finding with the offending line, then a summary.
    Text,
    /// GitHub workflow commands (annotations), plus the job summary.
    Github,
    /// JUnit XML: one test case per project and rule.
    Junit,
    /// Versioned JSON: `{"schema_version": 1, "findings": [...]}`.
    Json,
}

/// Flags of `tracker check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rules that fail the check [default: `check.fail_on` in tracker.yaml, else overdue,red];
    /// one of invalid, overdue, red, yellow, blocked, stale, due-soon
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub fail_on: Vec<String>,
    /// Rules to report without failing (also takes rules out of --fail-on)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub warn_on: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    pub format: Format,
    /// Report findings but exit 0
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filters: FilterArgs,
}

/// One finding: a rule matched by a project (or a broken file).
struct Finding {
    rule: Rule,
    project: Option<String>,
    milestone: Option<String>,
    diag: Diagnostic,
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn by_rule(findings: &[&Finding]) -> String {
    let parts: Vec<String> = Rule::ALL
        .iter()
        .filter_map(|r| {
            let n = findings.iter().filter(|f| f.rule == *r).count();
            (n > 0).then(|| format!("{r} {n}"))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// One JUnit case: a `<failure>` when a hit fails, its text as
/// `<system-out>` when the hits only warn, nothing when there are none.
fn junit_case(classname: String, name: String, kind: &str, hits: &[&Finding]) -> junit::Case {
    let text = hits
        .iter()
        .map(|f| {
            format!(
                "{}:{}: {}",
                f.diag.path.display(),
                f.diag.line.unwrap_or(1),
                f.diag.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let message = hits
        .iter()
        .map(|f| f.diag.message.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let failing = hits.iter().any(|f| f.diag.is_error());
    junit::Case {
        classname,
        name,
        failure: failing.then(|| (message, kind.to_string(), text.clone())),
        system_out: (!hits.is_empty() && !failing).then_some(text),
    }
}

/// Runs `tracker check`.
pub fn run(ctx: &Context, a: &CheckArgs, out: &mut dyn Write) -> Result<Exit> {
    let filter = a.filters.resolve(ctx)?;
    let cli_fail = rule::parse_list(a.fail_on.iter().map(String::as_str))
        .map_err(|e| anyhow::anyhow!("--fail-on: {e}"))?;
    let warn = rule::parse_list(a.warn_on.iter().map(String::as_str))
        .map_err(|e| anyhow::anyhow!("--warn-on: {e}"))?;
    let portfolio = ctx.load()?;
    let mut fail = if a.fail_on.is_empty() {
        portfolio.config.check_fail_on.clone()
    } else {
        cli_fail
    };
    // A file that does not load always fails the gate unless asked to warn.
    if !fail.contains(&Rule::Invalid) {
        fail.push(Rule::Invalid);
    }
    fail.retain(|r| !warn.contains(r));
    let severity = |r: Rule| {
        if fail.contains(&r) {
            Severity::Error
        } else {
            Severity::Warning
        }
    };

    let chosen = filter.apply(&portfolio.projects, &portfolio.config, ctx.today);
    let active: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|r| fail.contains(r) || warn.contains(r))
        .collect();
    let mut findings: Vec<Finding> = Vec::new();
    for d in portfolio.errors() {
        findings.push(Finding {
            rule: Rule::Invalid,
            project: None,
            milestone: None,
            diag: Diagnostic {
                severity: severity(Rule::Invalid),
                code: Rule::Invalid.as_str(),
                ..d.clone()
            },
        });
    }
    for m in evaluate(&chosen, &portfolio.config, ctx.today, &active) {
        let abs = portfolio
            .path_of(&m.project.id)
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let shown = ctx
            .root
            .show(abs.strip_prefix(&ctx.root.path).unwrap_or(&abs));
        let message = format!("{}: {}", m.project.id, m.sentence);
        findings.push(Finding {
            rule: m.rule,
            project: Some(m.project.id.clone()),
            milestone: m.milestone.clone(),
            diag: diagnostic_at(
                &abs,
                &shown,
                &m.field,
                severity(m.rule),
                m.rule.as_str(),
                message,
            ),
        });
    }
    // Failing first, then by rule severity; within a rule, as evaluated (by id).
    findings.sort_by_key(|f| (f.diag.severity != Severity::Error, f.rule));

    let failing: Vec<&Finding> = findings.iter().filter(|f| f.diag.is_error()).collect();
    let warnings: Vec<&Finding> = findings.iter().filter(|f| !f.diag.is_error()).collect();
    let verdict = if failing.is_empty() {
        "check passed"
    } else {
        "check failed"
    };
    let summary = format!(
        "{verdict}: {} failing{}, {}{}; {} checked",
        failing.len(),
        by_rule(&failing),
        plural(warnings.len(), "warning"),
        by_rule(&warnings),
        plural(chosen.len(), "project"),
    );

    let format = match a.format {
        Format::Auto if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") => {
            Format::Github
        }
        Format::Auto => Format::Text,
        f => f,
    };
    match format {
        Format::Auto | Format::Text => {
            for f in &findings {
                diag::long(out, &f.diag, ctx.color)?;
            }
            writeln!(out, "{summary}")?;
        }
        Format::Github => {
            let items: Vec<(&Diagnostic, String)> = findings
                .iter()
                .map(|f| (&f.diag, format!("tracker check: {}", f.rule.title())))
                .collect();
            github::annotations(out, &items, "findings")?;
            writeln!(out, "{summary}")?;
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                let mut text = format!("### tracker check\n\n{summary}\n\n");
                if !findings.is_empty() {
                    let rows: Vec<Vec<String>> = findings
                        .iter()
                        .map(|f| {
                            let at = match f.diag.line {
                                Some(l) => format!("{}:{l}", f.diag.path.display()),
                                None => f.diag.path.display().to_string(),
                            };
                            let result = if f.diag.is_error() { "fail" } else { "warn" };
                            vec![
                                result.to_string(),
                                f.rule.to_string(),
                                f.project.clone().unwrap_or_default(),
                                at,
                                f.diag.message.clone(),
                            ]
                        })
                        .collect();
                    let mut table = Vec::new();
                    markdown::table(
                        &mut table,
                        &["Result", "Rule", "Project", "Where", "Finding"],
                        &rows,
                    )?;
                    text.push_str(&String::from_utf8_lossy(&table));
                }
                text.push('\n');
                let mut file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .with_context(|| {
                        format!(
                            "could not open GITHUB_STEP_SUMMARY `{}`",
                            path.to_string_lossy()
                        )
                    })?;
                file.write_all(text.as_bytes()).with_context(|| {
                    format!(
                        "could not write GITHUB_STEP_SUMMARY `{}`",
                        path.to_string_lossy()
                    )
                })?;
            }
        }
        Format::Junit => {
            let mut cases = Vec::new();
            // One case per broken file, with all of its errors.
            let mut files: Vec<&std::path::Path> = Vec::new();
            for f in findings.iter().filter(|f| f.rule == Rule::Invalid) {
                if !files.contains(&f.diag.path.as_path()) {
                    files.push(&f.diag.path);
                }
            }
            for path in files {
                let hits: Vec<&Finding> = findings
                    .iter()
                    .filter(|f| f.rule == Rule::Invalid && f.diag.path == path)
                    .collect();
                cases.push(junit_case(
                    "tracker.invalid".into(),
                    path.display().to_string(),
                    "invalid",
                    &hits,
                ));
            }
            for rule in active.iter().filter(|r| **r != Rule::Invalid) {
                for p in &chosen {
                    let hits: Vec<&Finding> = findings
                        .iter()
                        .filter(|f| f.rule == *rule && f.project.as_deref() == Some(p.id.as_str()))
                        .collect();
                    cases.push(junit_case(
                        format!("tracker.{rule}"),
                        p.id.clone(),
                        rule.as_str(),
                        &hits,
                    ));
                }
            }
            junit::write(out, "tracker check", &cases)?;
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = findings
                .iter()
                .map(|f| {
                    json!({
                        "rule": f.rule.as_str(),
                        "severity": f.diag.severity.as_str(),
                        "project": f.project,
                        "milestone": f.milestone,
                        "file": f.diag.path.to_string_lossy().replace('\\', "/"),
                        "line": f.diag.line,
                        "column": f.diag.line.map(|_| f.diag.col),
                        "message": f.diag.message,
                    })
                })
                .collect();
            let doc = json!({
                "schema_version": SCHEMA_VERSION,
                "today": ctx.today.to_string(),
                "fail_on": Rule::ALL.iter().filter(|r| fail.contains(r)).map(|r| r.as_str()).collect::<Vec<_>>(),
                "warn_on": Rule::ALL.iter().filter(|r| warn.contains(r)).map(|r| r.as_str()).collect::<Vec<_>>(),
                "passed": failing.is_empty(),
                "projects_checked": chosen.len(),
                "findings": items,
            });
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if failing.is_empty() || a.exit_zero {
        Exit::Ok
    } else {
        Exit::Findings
    })
}
