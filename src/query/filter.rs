//! The filters shared by every command that lists projects. Values within
//! one filter are alternatives (`--health red,yellow`); different filters
//! must all hold (`--owner Marie --health red`).

use chrono::NaiveDate;

use crate::insight;
use crate::model::vocab::fold;
use crate::model::{Config, Health, Project, Stage, Status};

/// A resolved filter: dates already turned into days.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Owners, compared case- and accent-insensitively.
    pub owners: Vec<String>,
    /// Clients, compared case- and accent-insensitively.
    pub clients: Vec<String>,
    /// Stages.
    pub stages: Vec<Stage>,
    /// Statuses.
    pub statuses: Vec<Status>,
    /// Health values.
    pub health: Vec<Health>,
    /// Tags: a project matches when it has any of them.
    pub tags: Vec<String>,
    /// Only overdue projects.
    pub overdue: bool,
    /// Only projects due strictly before this day.
    pub due_before: Option<NaiveDate>,
    /// Only projects due strictly after this day.
    pub due_after: Option<NaiveDate>,
    /// Only stale projects.
    pub stale: bool,
    /// Only projects that are not done.
    pub open: bool,
}

fn any_folded(wanted: &[String], value: &str) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| fold(w) == fold(value))
}

impl Filter {
    /// Whether `p` passes every filter on day `today`.
    pub fn matches(&self, p: &Project, config: &Config, today: NaiveDate) -> bool {
        any_folded(&self.owners, &p.owner)
            && any_folded(&self.clients, &p.client)
            && (self.stages.is_empty() || self.stages.contains(&p.stage))
            && (self.statuses.is_empty() || self.statuses.contains(&p.status))
            && (self.health.is_empty() || self.health.contains(&p.health))
            && (self.tags.is_empty() || p.tags.iter().any(|t| any_folded(&self.tags, t)))
            && (!self.overdue || insight::overdue(p.status, p.due, today))
            && self.due_before.is_none_or(|d| p.due < d)
            && self.due_after.is_none_or(|d| p.due > d)
            && (!self.stale || insight::stale(p, today, config.stale_days))
            && (!self.open || p.status != Status::Done)
    }

    /// The projects of `all` that pass, in their order.
    pub fn apply<'a>(
        &self,
        all: &'a [Project],
        config: &Config,
        today: NaiveDate,
    ) -> Vec<&'a Project> {
        all.iter()
            .filter(|p| self.matches(p, config, today))
            .collect()
    }
}
