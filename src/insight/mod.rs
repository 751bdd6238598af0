//! Derived facts, computed at a given day: overdue, due soon, stale, progress.
//!
//! Pure functions of a record, the settings and "today"; no I/O, no clock.

pub mod agenda;
pub mod check;
pub mod report;
pub mod risk;

use chrono::NaiveDate;

use crate::model::{Config, Milestone, Project, Status};

/// The facts a project carries in every output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Past its deadline and not done.
    pub overdue: bool,
    /// Not done and due within `due_soon_days` from today (today included).
    pub due_soon: bool,
    /// Not done and no update for more than `stale_days`.
    pub stale: bool,
    /// Percentage of non-recurring milestones done; `None` without milestones.
    pub progress: Option<u8>,
    /// Newest update, or `created` when there is none.
    pub last_activity: Option<NaiveDate>,
}

/// Past `due` and not done.
pub fn overdue(status: Status, due: NaiveDate, today: NaiveDate) -> bool {
    status != Status::Done && due < today
}

/// Not done and `today <= due <= today + days`.
pub fn due_soon(status: Status, due: NaiveDate, today: NaiveDate, days: u32) -> bool {
    status != Status::Done && due >= today && (due - today).num_days() <= i64::from(days)
}

/// Not done and the newest update (or `created`) is more than `days` before today.
pub fn stale(p: &Project, today: NaiveDate, days: u32) -> bool {
    p.status != Status::Done
        && p.last_activity()
            .is_some_and(|d| (today - d).num_days() > i64::from(days))
}

/// Percentage of milestones done, recurring ones excluded, rounded to the
/// nearest whole number; `None` when there is nothing to count.
pub fn progress(milestones: &[Milestone]) -> Option<u8> {
    let counted: Vec<&Milestone> = milestones.iter().filter(|m| !m.is_recurring()).collect();
    if counted.is_empty() {
        return None;
    }
    let done = counted
        .iter()
        .filter(|m| m.status() == Status::Done)
        .count();
    Some(((done * 200 + counted.len()) / (counted.len() * 2)) as u8)
}

/// Milestones of an open project that are past their deadline and not done.
pub fn overdue_milestones(p: &Project, today: NaiveDate) -> Vec<&Milestone> {
    if p.status == Status::Done {
        return Vec::new();
    }
    p.milestones
        .iter()
        .filter(|m| m.due.is_some_and(|d| overdue(m.status(), d, today)))
        .collect()
}

/// All facts of a project.
pub fn facts(p: &Project, config: &Config, today: NaiveDate) -> Facts {
    Facts {
        overdue: overdue(p.status, p.due, today),
        due_soon: due_soon(p.status, p.due, today, config.due_soon_days),
        stale: stale(p, today, config.stale_days),
        progress: progress(&p.milestones),
        last_activity: p.last_activity(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stage, Update};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn project(status: Status, due: &str) -> Project {
        Project {
            stage: Stage::Active,
            status,
            created: Some(d("2026-11-01")),
            ..Project::new("a", "A", "P", "M", d(due))
        }
    }

    #[test]
    fn overdue_and_due_soon_bounds() {
        let today = d("2026-12-07");
        assert!(overdue(Status::InProgress, d("2026-12-06"), today));
        assert!(!overdue(Status::InProgress, today, today));
        assert!(!overdue(Status::Done, d("2026-01-01"), today));
        assert!(due_soon(Status::Blocked, today, today, 3));
        assert!(due_soon(Status::Blocked, d("2026-12-10"), today, 3));
        assert!(!due_soon(Status::Blocked, d("2026-12-11"), today, 3));
        assert!(!due_soon(Status::Done, d("2026-12-08"), today, 3));
        assert!(!due_soon(Status::InProgress, d("2026-12-06"), today, 3));
    }

    #[test]
    fn stale_counts_from_created_then_updates() {
        let today = d("2026-12-07");
        let mut p = project(Status::InProgress, "2027-01-01");
        assert!(stale(&p, today, 7), "created 2026-11-01, no updates");
        p.updates.push(Update {
            date: d("2026-11-30"),
            ..Update::default()
        });
        assert!(!stale(&p, today, 7), "exactly seven days is not stale");
        p.updates[0].date = d("2026-11-29");
        assert!(stale(&p, today, 7));
        p.status = Status::Done;
        assert!(!stale(&p, today, 7), "done projects are never stale");
    }

    #[test]
    fn progress_rounds_and_skips_recurring() {
        let m = |status: Option<Status>, every: Option<&str>| Milestone {
            status,
            every: every.map(str::to_string),
            ..Milestone::default()
        };
        assert_eq!(progress(&[]), None);
        assert_eq!(progress(&[m(None, Some("every monday"))]), None);
        let three = [
            m(Some(Status::Done), None),
            m(Some(Status::Done), None),
            m(None, None),
        ];
        assert_eq!(progress(&three), Some(67));
        let mut six: Vec<Milestone> = (0..6).map(|_| m(None, None)).collect();
        six[0].status = Some(Status::Done);
        assert_eq!(progress(&six), Some(17));
        six.push(m(Some(Status::Done), Some("15th of month")));
        assert_eq!(progress(&six), Some(17));
        let half = [m(Some(Status::Done), None), m(None, None)];
        assert_eq!(progress(&half), Some(50));
    }
}
