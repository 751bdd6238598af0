//! The project record: one YAML file per project, its milestones and its
//! update log. Field order here is the canonical order files are written in.

use chrono::NaiveDate;

use super::{Health, Stage, Status};

/// Top-level keys of a project file, in canonical order. Custom fields
/// declared in `tracker.yaml` follow them.
pub const FIELDS: &[&str] = &[
    "client",
    "project",
    "stage",
    "status",
    "health",
    "owner",
    "goal",
    "created",
    "start",
    "due",
    "blocked_reason",
    "tags",
    "links",
    "milestones",
    "updates",
];

/// Keys of a milestone, in canonical order.
pub const MILESTONE_FIELDS: &[&str] = &[
    "id",
    "name",
    "owner",
    "start",
    "due",
    "status",
    "depends_on",
    "every",
];

/// Keys of an update entry, in canonical order.
pub const UPDATE_FIELDS: &[&str] = &[
    "date",
    "by",
    "health",
    "status",
    "stage",
    "owner",
    "due",
    "blocked_reason",
    "milestone",
    "note",
    "internal",
];

/// One client project, as stored in `projects/<id>.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// The file stem; never written inside the file.
    pub id: String,
    /// The client's display name.
    pub client: String,
    /// What the project is, concretely.
    pub project: String,
    /// Relationship stage.
    pub stage: Stage,
    /// Work status.
    pub status: Status,
    /// RAG health.
    pub health: Health,
    /// The one accountable person.
    pub owner: String,
    /// Why the project exists.
    pub goal: Option<String>,
    /// When the project was added; staleness counts from it until the first update.
    pub created: Option<NaiveDate>,
    /// Planned start.
    pub start: Option<NaiveDate>,
    /// Deadline.
    pub due: NaiveDate,
    /// Why it is blocked.
    pub blocked_reason: Option<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Named links (brief, Slack channel …), in file order.
    pub links: Vec<(String, String)>,
    /// Deliverables.
    pub milestones: Vec<Milestone>,
    /// Dated log, oldest first.
    pub updates: Vec<Update>,
    /// Custom fields declared in `tracker.yaml`, in file order.
    pub custom: Vec<(String, FieldValue)>,
}

/// A deliverable inside a project.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Milestone {
    /// Slug, unique in the project.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Defaults to the project owner when absent.
    pub owner: Option<String>,
    /// Planned start.
    pub start: Option<NaiveDate>,
    /// Deadline; absent for recurring deliverables.
    pub due: Option<NaiveDate>,
    /// Absent means not started.
    pub status: Option<Status>,
    /// Ids of milestones of the same project that must finish first.
    pub depends_on: Vec<String>,
    /// A recurrence rule (`first monday of month`) for recurring deliverables.
    pub every: Option<String>,
}

impl Milestone {
    /// The status, with absence read as not started.
    pub fn status(&self) -> Status {
        self.status.unwrap_or(Status::NotStarted)
    }

    /// Recurring deliverables have a rule instead of a single deadline.
    pub fn is_recurring(&self) -> bool {
        self.every.is_some()
    }
}

/// One entry of the update log: what changed on a day, and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Update {
    /// Day of the update.
    pub date: NaiveDate,
    /// Who made it.
    pub by: Option<String>,
    /// New stage, when it changed.
    pub stage: Option<Stage>,
    /// New status, when it changed.
    pub status: Option<Status>,
    /// New health, when it changed.
    pub health: Option<Health>,
    /// New owner, when it changed.
    pub owner: Option<String>,
    /// New deadline, when it changed.
    pub due: Option<NaiveDate>,
    /// New blocked reason, when it changed.
    pub blocked_reason: Option<String>,
    /// The milestone this update is about.
    pub milestone: Option<String>,
    /// Free text.
    pub note: Option<String>,
    /// Never shown outside the agency (client portals).
    pub internal: Option<bool>,
}

/// The value of a custom field, typed by its declaration in `tracker.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// `text`
    Text(String),
    /// `number`, kept as written so it round-trips exactly.
    Number(String),
    /// `date`
    Date(NaiveDate),
    /// `bool`
    Bool(bool),
    /// `list` of text
    List(Vec<String>),
}

impl FieldValue {
    /// The value as one line of text (lists joined with `, `).
    pub fn display(&self) -> String {
        match self {
            FieldValue::Text(s) | FieldValue::Number(s) => s.clone(),
            FieldValue::Date(d) => d.to_string(),
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::List(items) => items.join(", "),
        }
    }
}

impl Project {
    /// A project with the defaults of `tracker add`: onboarding, not started,
    /// green, and nothing else set.
    pub fn new(id: &str, client: &str, project: &str, owner: &str, due: NaiveDate) -> Project {
        Project {
            id: id.to_string(),
            client: client.to_string(),
            project: project.to_string(),
            stage: Stage::Onboarding,
            status: Status::NotStarted,
            health: Health::Green,
            owner: owner.to_string(),
            goal: None,
            created: None,
            start: None,
            due,
            blocked_reason: None,
            tags: Vec::new(),
            links: Vec::new(),
            milestones: Vec::new(),
            updates: Vec::new(),
            custom: Vec::new(),
        }
    }

    /// The date of the newest update, else `created`.
    pub fn last_activity(&self) -> Option<NaiveDate> {
        self.updates.iter().map(|u| u.date).max().or(self.created)
    }

    /// The date of the newest update.
    pub fn last_update(&self) -> Option<NaiveDate> {
        self.updates.iter().map(|u| u.date).max()
    }

    /// Looks a custom field up by name.
    pub fn custom(&self, name: &str) -> Option<&FieldValue> {
        self.custom.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}
