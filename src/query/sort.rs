//! Sort orders for project lists. Ties are always broken by id, so output is
//! stable from run to run.

use std::cmp::Ordering;

use crate::model::Project;
use crate::model::vocab::fold;

/// What to sort projects by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By id (the default).
    #[default]
    Id,
    /// Soonest deadline first.
    Due,
    /// Red first, then yellow, then green.
    Health,
    /// By owner name.
    Owner,
    /// By client name.
    Client,
    /// Least recently updated first.
    Updated,
}

impl SortKey {
    /// Every sort key's name, as accepted on the command line.
    pub const WORDS: &'static [&'static str] =
        &["id", "due", "health", "owner", "client", "updated"];

    fn compare(self, a: &Project, b: &Project) -> Ordering {
        match self {
            SortKey::Id => Ordering::Equal,
            SortKey::Due => a.due.cmp(&b.due),
            SortKey::Health => b.health.severity().cmp(&a.health.severity()),
            SortKey::Owner => fold(&a.owner).cmp(&fold(&b.owner)),
            SortKey::Client => fold(&a.client).cmp(&fold(&b.client)),
            SortKey::Updated => a.last_activity().cmp(&b.last_activity()),
        }
    }
}

/// Sorts in place by `key`, then id; `reverse` flips the whole order.
pub fn sort(projects: &mut [&Project], key: SortKey, reverse: bool) {
    projects.sort_by(|a, b| {
        let o = key.compare(a, b).then_with(|| a.id.cmp(&b.id));
        if reverse { o.reverse() } else { o }
    });
}
