//! The content of the status report, computed once and rendered as
//! Markdown, HTML or JSON: summary counts, attention lists, blocked-reason
//! patterns, the per-owner coaching table, clients at risk, what changed
//! this week, upcoming deadlines and the projects grouped as asked.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::agenda::{Item, agenda};
use super::risk::{ClientSummary, clients};
use super::{Facts, facts, overdue_milestones};
use crate::model::vocab::fold;
use crate::model::{Config, Health, Milestone, Project, Stage, Status, Update};

/// How the project table is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// One table.
    #[default]
    None,
    /// By owner.
    Owner,
    /// By stage.
    Stage,
    /// By client.
    Client,
    /// By health, red first.
    Health,
}

/// A project with its facts.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The record.
    pub project: &'a Project,
    /// Its facts.
    pub facts: Facts,
}

/// A blocked reason shared by projects.
#[derive(Debug, Clone)]
pub struct Pattern<'a> {
    /// The reason as first written; `None` for projects that give none.
    pub reason: Option<String>,
    /// The projects blocked on it.
    pub projects: Vec<&'a Project>,
}

impl Pattern<'_> {
    /// The reason as shown: `no reason given` for projects without one.
    pub fn label(&self) -> &str {
        self.reason.as_deref().unwrap_or("no reason given")
    }
}

/// One owner's line of the coaching table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnerLine {
    /// The owner.
    pub owner: String,
    /// Open projects.
    pub projects: usize,
    /// Red.
    pub red: usize,
    /// Yellow.
    pub yellow: usize,
    /// Overdue.
    pub overdue: usize,
    /// Blocked.
    pub blocked: usize,
    /// Stale.
    pub stale: usize,
}

/// An update made in the last seven days.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// The project.
    pub project: &'a Project,
    /// The update.
    pub update: &'a Update,
    /// The health before this update, when it changed the health.
    pub health_from: Option<Health>,
}

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The day.
    pub today: NaiveDate,
    /// The projects in the report, by id.
    pub entries: Vec<Entry<'a>>,
    /// Counts by health, status and stage (all projects of the report).
    pub health: Vec<(Health, usize)>,
    /// Counts by status.
    pub status: Vec<(Status, usize)>,
    /// Counts by stage.
    pub stage: Vec<(Stage, usize)>,
    /// Open red projects, soonest due first.
    pub red: Vec<Entry<'a>>,
    /// Overdue open projects, oldest first.
    pub overdue: Vec<Entry<'a>>,
    /// Overdue milestones of open projects, oldest first.
    pub overdue_milestones: Vec<(&'a Project, &'a Milestone)>,
    /// Blocked projects.
    pub blocked: Vec<Entry<'a>>,
    /// Open projects due soon.
    pub due_soon: Vec<Entry<'a>>,
    /// Stale projects, stalest first.
    pub stale: Vec<Entry<'a>>,
    /// Blocked reasons, most shared first.
    pub patterns: Vec<Pattern<'a>>,
    /// Per-owner coaching table, by owner.
    pub owners: Vec<OwnerLine>,
    /// Clients with a churn risk above zero, highest first.
    pub clients: Vec<ClientSummary<'a>>,
    /// Updates of the last seven days, newest first.
    pub changes: Vec<Change<'a>>,
    /// Deadlines of the next 14 days, recurring deliverables included.
    pub upcoming: Vec<Item<'a>>,
    /// The projects grouped as asked: (group title, projects).
    pub groups: Vec<(String, Vec<Entry<'a>>)>,
}

/// Days of "this week" in what changed.
pub const CHANGE_DAYS: u64 = 7;
/// Days ahead in the upcoming deadlines.
pub const UPCOMING_DAYS: u32 = 14;

fn by_due(mut v: Vec<Entry<'_>>) -> Vec<Entry<'_>> {
    v.sort_by(|a, b| (a.project.due, &a.project.id).cmp(&(b.project.due, &b.project.id)));
    v
}

/// Builds the report of `projects` (already filtered) at `today`.
pub fn build<'a>(
    projects: &[&'a Project],
    known_clients: &[String],
    config: &Config,
    today: NaiveDate,
    group_by: GroupBy,
) -> Report<'a> {
    let entries: Vec<Entry<'a>> = projects
        .iter()
        .map(|p| Entry {
            project: p,
            facts: facts(p, config, today),
        })
        .collect();
    let open: Vec<Entry<'a>> = entries
        .iter()
        .copied()
        .filter(|e| e.project.status != Status::Done)
        .collect();
    let count = |f: &dyn Fn(&Entry<'a>) -> bool| entries.iter().filter(|e| f(e)).count();
    let health = Health::ALL
        .iter()
        .map(|h| (*h, count(&|e| e.project.health == *h)))
        .collect();
    let status = Status::ALL
        .iter()
        .map(|s| (*s, count(&|e| e.project.status == *s)))
        .collect();
    let stage = Stage::ALL
        .iter()
        .map(|s| (*s, count(&|e| e.project.stage == *s)))
        .collect();

    let red = by_due(
        open.iter()
            .copied()
            .filter(|e| e.project.health == Health::Red)
            .collect(),
    );
    let overdue = by_due(open.iter().copied().filter(|e| e.facts.overdue).collect());
    let mut overdue_ms: Vec<(&'a Project, &'a Milestone)> = open
        .iter()
        .flat_map(|e| {
            overdue_milestones(e.project, today)
                .into_iter()
                .map(move |m| (e.project, m))
        })
        .collect();
    overdue_ms.sort_by(|a, b| (a.1.due, &a.0.id, &a.1.id).cmp(&(b.1.due, &b.0.id, &b.1.id)));
    let blocked = by_due(
        open.iter()
            .copied()
            .filter(|e| e.project.status == Status::Blocked)
            .collect(),
    );
    let due_soon = by_due(open.iter().copied().filter(|e| e.facts.due_soon).collect());
    let mut stale: Vec<Entry<'a>> = open.iter().copied().filter(|e| e.facts.stale).collect();
    stale.sort_by(|a, b| {
        (a.facts.last_activity, &a.project.id).cmp(&(b.facts.last_activity, &b.project.id))
    });

    // Reasons compared ignoring case and accents, so patterns stand out;
    // the most shared first, projects without a reason last among equals.
    let mut patterns: Vec<Pattern<'a>> = Vec::new();
    for e in &blocked {
        let reason = e.project.blocked_reason.clone();
        let key = reason.as_deref().map(fold);
        match patterns
            .iter_mut()
            .find(|p| p.reason.as_deref().map(fold) == key)
        {
            Some(p) => p.projects.push(e.project),
            None => patterns.push(Pattern {
                reason,
                projects: vec![e.project],
            }),
        }
    }
    patterns.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.projects.len()),
            p.reason.is_none(),
            p.reason.as_deref().map(fold),
        )
    });

    let mut owners: BTreeMap<String, OwnerLine> = BTreeMap::new();
    for e in &open {
        let line = owners
            .entry(e.project.owner.clone())
            .or_insert_with(|| OwnerLine {
                owner: e.project.owner.clone(),
                ..OwnerLine::default()
            });
        line.projects += 1;
        line.red += usize::from(e.project.health == Health::Red);
        line.yellow += usize::from(e.project.health == Health::Yellow);
        line.overdue += usize::from(e.facts.overdue);
        line.blocked += usize::from(e.project.status == Status::Blocked);
        line.stale += usize::from(e.facts.stale);
    }

    let mut client_lines = clients(projects, known_clients, config, today);
    client_lines.retain(|c| c.risk.score > 0);

    let since = today
        .checked_sub_days(Days::new(CHANGE_DAYS))
        .unwrap_or(today);
    let mut changes: Vec<Change<'a>> = Vec::new();
    for p in projects {
        let mut health = None;
        for u in &p.updates {
            if u.date > since && u.date <= today {
                let health_from = u.health.and_then(|h| health.filter(|before| *before != h));
                changes.push(Change {
                    project: p,
                    update: u,
                    health_from,
                });
            }
            if let Some(h) = u.health {
                health = Some(h);
            }
        }
    }
    changes.sort_by(|a, b| (b.update.date, &a.project.id).cmp(&(a.update.date, &b.project.id)));

    let upcoming: Vec<Item<'a>> = agenda(projects, today, UPCOMING_DAYS)
        .into_iter()
        .filter(|i| !i.overdue)
        .collect();

    let title = |e: &Entry<'_>| -> String {
        match group_by {
            GroupBy::None => String::new(),
            GroupBy::Owner => e.project.owner.clone(),
            GroupBy::Stage => e.project.stage.to_string(),
            GroupBy::Client => e.project.client.clone(),
            GroupBy::Health => e.project.health.to_string(),
        }
    };
    let mut groups: Vec<(String, Vec<Entry<'a>>)> = Vec::new();
    for e in &entries {
        let t = title(e);
        match groups.iter_mut().find(|(g, _)| *g == t) {
            Some((_, v)) => v.push(*e),
            None => groups.push((t, vec![*e])),
        }
    }
    match group_by {
        GroupBy::Stage => {
            groups.sort_by_key(|(g, _)| Stage::ALL.iter().position(|s| s.as_str() == g))
        }
        GroupBy::Health => groups.sort_by_key(|(g, _)| {
            std::cmp::Reverse(
                Health::ALL
                    .iter()
                    .find(|h| h.as_str() == g)
                    .map(|h| h.severity()),
            )
        }),
        _ => groups.sort_by_key(|(g, _)| fold(g)),
    }

    Report {
        today,
        entries,
        health,
        status,
        stage,
        red,
        overdue,
        overdue_milestones: overdue_ms,
        blocked,
        due_soon,
        stale,
        patterns,
        owners: owners.into_values().collect(),
        clients: client_lines,
        changes,
        upcoming,
        groups,
    }
}
