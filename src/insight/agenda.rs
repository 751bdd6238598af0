//! What is due in a window of days: project deadlines, milestone deadlines
//! and the occurrences of recurring deliverables, plus everything already
//! overdue. Only open projects (and open milestones) count.

use chrono::{Days, NaiveDate};

use super::overdue;
use crate::model::recur::Recurrence;
use crate::model::{Milestone, Project, Status};

/// What kind of deadline an agenda item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A project's due date.
    Project,
    /// A milestone's due date.
    Milestone,
    /// An occurrence of a recurring deliverable.
    Recurring,
}

impl Kind {
    /// A short word for the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project due",
            Kind::Milestone => "milestone",
            Kind::Recurring => "recurring",
        }
    }
}

/// One deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    /// The day.
    pub date: NaiveDate,
    /// What it is.
    pub kind: Kind,
    /// The project.
    pub project: &'a Project,
    /// The milestone, for milestones and recurring deliverables.
    pub milestone: Option<&'a Milestone>,
    /// Before today and not done.
    pub overdue: bool,
}

impl Item<'_> {
    /// Who answers for it: the milestone's owner, else the project's.
    pub fn owner(&self) -> &str {
        self.milestone
            .and_then(|m| m.owner.as_deref())
            .unwrap_or(&self.project.owner)
    }
}

/// Every deadline from today to `today + days` (inclusive), and every
/// overdue one, sorted by date, then kind, then project id.
pub fn agenda<'a>(projects: &[&'a Project], today: NaiveDate, days: u32) -> Vec<Item<'a>> {
    let end = today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(today);
    let mut out = Vec::new();
    for p in projects
        .iter()
        .copied()
        .filter(|p| p.status != Status::Done)
    {
        let late = overdue(p.status, p.due, today);
        if late || (p.due >= today && p.due <= end) {
            out.push(Item {
                date: p.due,
                kind: Kind::Project,
                project: p,
                milestone: None,
                overdue: late,
            });
        }
        for m in &p.milestones {
            if m.is_recurring() && m.status() == Status::Done {
                // A recurring deliverable marked done has stopped.
                continue;
            }
            if let Some(rule) = m
                .every
                .as_deref()
                .and_then(|r| r.parse::<Recurrence>().ok())
            {
                for date in rule.between(today, end) {
                    out.push(Item {
                        date,
                        kind: Kind::Recurring,
                        project: p,
                        milestone: Some(m),
                        overdue: false,
                    });
                }
            } else if let Some(due) = m.due {
                let late = overdue(m.status(), due, today);
                if late || (m.status() != Status::Done && due >= today && due <= end) {
                    out.push(Item {
                        date: due,
                        kind: Kind::Milestone,
                        project: p,
                        milestone: Some(m),
                        overdue: late,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.project.id).cmp(&(b.date, b.kind, &b.project.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn window_overdue_and_recurring() {
        let mut p = Project {
            stage: Stage::Active,
            status: Status::InProgress,
            ..Project::new("a", "A", "P", "M", d("2026-12-18"))
        };
        p.milestones.push(Milestone {
            id: "late".into(),
            name: "Late".into(),
            due: Some(d("2026-12-01")),
            ..Milestone::default()
        });
        p.milestones.push(Milestone {
            id: "done".into(),
            name: "Done".into(),
            due: Some(d("2026-12-09")),
            status: Some(Status::Done),
            ..Milestone::default()
        });
        p.milestones.push(Milestone {
            id: "far".into(),
            name: "Far".into(),
            due: Some(d("2027-02-01")),
            ..Milestone::default()
        });
        p.milestones.push(Milestone {
            id: "sync".into(),
            name: "Sync".into(),
            every: Some("every monday".into()),
            ..Milestone::default()
        });
        let items = agenda(&[&p], d("2026-12-07"), 14);
        let got: Vec<(String, Kind, bool)> = items
            .iter()
            .map(|i| (i.date.to_string(), i.kind, i.overdue))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2026-12-01".into(), Kind::Milestone, true),
                ("2026-12-07".into(), Kind::Recurring, false),
                ("2026-12-14".into(), Kind::Recurring, false),
                ("2026-12-18".into(), Kind::Project, false),
                ("2026-12-21".into(), Kind::Recurring, false),
            ]
        );
        p.status = Status::Done;
        assert!(
            agenda(&[&p], d("2026-12-07"), 14).is_empty(),
            "done projects have no agenda"
        );
    }
}
