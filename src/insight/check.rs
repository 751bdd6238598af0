//! The rules of `tracker check`, evaluated on records: which projects (and
//! milestones) match which rule, with the field that triggers it and a
//! sentence a person can act on. Pure: no positions, no output.

use chrono::NaiveDate;

use super::{due_soon, overdue, stale};
use crate::model::date::relative;
use crate::model::{Config, Health, Project, Rule, Status};

/// One project (or milestone) matching one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'a> {
    /// The rule that matched.
    pub rule: Rule,
    /// The project.
    pub project: &'a Project,
    /// The milestone, for an overdue milestone.
    pub milestone: Option<String>,
    /// Dotted path of the field that triggers the rule (`due`, `milestones.2.due`).
    pub field: String,
    /// What is wrong, e.g. `due 2026-11-20, 13 days ago`.
    pub sentence: String,
    /// The day that makes it severe (the deadline, the last update): within
    /// a rule, the earliest comes first.
    pub since: Option<NaiveDate>,
}

fn due_sentence(due: NaiveDate, today: NaiveDate) -> String {
    format!("due {due}, {}", relative(due, today))
}

/// Every match of `rules` (other than `invalid`, which is about files) in
/// `projects`, most severe rule first; within a rule the longest overdue
/// (or stalest) first, then by project id.
pub fn evaluate<'a>(
    projects: &[&'a Project],
    config: &Config,
    today: NaiveDate,
    rules: &[Rule],
) -> Vec<Match<'a>> {
    let mut out = Vec::new();
    for rule in Rule::ALL.iter().copied().filter(|r| rules.contains(r)) {
        for p in projects {
            let hit = |field: &str, sentence: String| Match {
                rule,
                project: p,
                milestone: None,
                field: field.to_string(),
                sentence,
                since: None,
            };
            match rule {
                Rule::Invalid => {}
                Rule::Overdue => {
                    if overdue(p.status, p.due, today) {
                        out.push(Match {
                            since: Some(p.due),
                            ..hit("due", due_sentence(p.due, today))
                        });
                    }
                    if p.status != Status::Done {
                        for (i, m) in p.milestones.iter().enumerate() {
                            if let Some(d) = m.due.filter(|d| overdue(m.status(), *d, today)) {
                                out.push(Match {
                                    milestone: Some(m.id.clone()),
                                    field: format!("milestones.{i}.due"),
                                    sentence: format!(
                                        "milestone `{}` {}",
                                        m.name,
                                        due_sentence(d, today)
                                    ),
                                    since: Some(d),
                                    ..hit("", String::new())
                                });
                            }
                        }
                    }
                }
                Rule::Red | Rule::Yellow => {
                    let wanted = if rule == Rule::Red {
                        Health::Red
                    } else {
                        Health::Yellow
                    };
                    if p.health == wanted && p.status != Status::Done {
                        // The first update of the current streak of this health.
                        let since = p
                            .updates
                            .iter()
                            .rev()
                            .filter(|u| u.health.is_some())
                            .take_while(|u| u.health == Some(wanted))
                            .last();
                        let sentence = match since {
                            Some(u) => format!("health is {wanted} since {}", u.date),
                            None => format!("health is {wanted}"),
                        };
                        out.push(hit("health", sentence));
                    }
                }
                Rule::Blocked => {
                    if p.status == Status::Blocked {
                        let sentence = match &p.blocked_reason {
                            Some(r) => format!("blocked on {r}"),
                            None => "blocked, with no reason given".to_string(),
                        };
                        out.push(hit("status", sentence));
                    }
                }
                Rule::Stale => {
                    if stale(p, today, config.stale_days) {
                        let (field, sentence) =
                            match p.updates.iter().enumerate().max_by_key(|(_, u)| u.date) {
                                Some((i, u)) => (
                                    format!("updates.{i}.date"),
                                    format!(
                                        "no update for {} days (last on {})",
                                        (today - u.date).num_days(),
                                        u.date
                                    ),
                                ),
                                None => {
                                    let c = p.created.unwrap_or(today);
                                    (
                                        "created".to_string(),
                                        format!(
                                            "no update since it was created {} days ago",
                                            (today - c).num_days()
                                        ),
                                    )
                                }
                            };
                        out.push(Match {
                            since: p.last_activity(),
                            ..hit(&field, sentence)
                        });
                    }
                }
                Rule::DueSoon => {
                    if due_soon(p.status, p.due, today, config.due_soon_days) {
                        out.push(Match {
                            since: Some(p.due),
                            ..hit("due", due_sentence(p.due, today))
                        });
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| {
        (a.rule, a.since.unwrap_or(NaiveDate::MAX), &a.project.id).cmp(&(
            b.rule,
            b.since.unwrap_or(NaiveDate::MAX),
            &b.project.id,
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Milestone, Stage, Update};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn project(id: &str) -> Project {
        Project {
            stage: Stage::Active,
            status: Status::InProgress,
            created: Some(d("2026-12-01")),
            ..Project::new(id, "A", "P", "M", d("2027-01-01"))
        }
    }

    #[test]
    fn each_rule_matches_what_it_should() {
        let today = d("2026-12-07");
        let mut late = project("late");
        late.due = d("2026-11-20");
        let mut red = project("red");
        red.health = Health::Red;
        red.updates.push(Update {
            date: d("2026-12-02"),
            health: Some(Health::Red),
            ..Update::default()
        });
        let mut blocked = project("blocked");
        blocked.status = Status::Blocked;
        blocked.blocked_reason = Some("legal review".into());
        let mut soon = project("soon");
        soon.due = d("2026-12-09");
        let mut old = project("old");
        old.created = Some(d("2026-11-01"));
        let mut ms = project("ms");
        ms.milestones.push(Milestone {
            id: "a".into(),
            name: "Wireframes".into(),
            due: Some(d("2026-12-01")),
            ..Milestone::default()
        });
        let mut done = project("done");
        done.status = Status::Done;
        done.health = Health::Red;
        done.due = d("2026-01-01");
        done.created = Some(d("2026-01-01"));
        let all = [&late, &red, &blocked, &soon, &old, &ms, &done];
        let found = evaluate(&all, &Config::default(), today, Rule::ALL);
        let got: Vec<(Rule, &str, &str, &str)> = found
            .iter()
            .map(|m| {
                (
                    m.rule,
                    m.project.id.as_str(),
                    m.field.as_str(),
                    m.sentence.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Rule::Overdue, "late", "due", "due 2026-11-20, 17 days ago"),
                (
                    Rule::Overdue,
                    "ms",
                    "milestones.0.due",
                    "milestone `Wireframes` due 2026-12-01, 6 days ago"
                ),
                (Rule::Red, "red", "health", "health is red since 2026-12-02"),
                (
                    Rule::Blocked,
                    "blocked",
                    "status",
                    "blocked on legal review"
                ),
                (
                    Rule::Stale,
                    "old",
                    "created",
                    "no update since it was created 36 days ago"
                ),
                (Rule::DueSoon, "soon", "due", "due 2026-12-09, in 2 days"),
            ]
        );
    }

    #[test]
    fn only_requested_rules_are_evaluated() {
        let mut red = project("red");
        red.health = Health::Red;
        red.due = d("2026-01-01");
        let found = evaluate(&[&red], &Config::default(), d("2026-12-07"), &[Rule::Red]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::Red);
    }
}
