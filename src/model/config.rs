//! Settings from `tracker.yaml`, with their defaults.

use std::fmt;
use std::str::FromStr;

use super::Rule;

/// Keys of `tracker.yaml`.
pub const CONFIG_FIELDS: &[&str] = &[
    "projects_dir",
    "clients_dir",
    "due_soon_days",
    "stale_days",
    "owners",
    "fields",
    "check",
    "portal",
];

/// The tracker's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Folder of project files, relative to the root.
    pub projects_dir: String,
    /// Folder of client files, relative to the root.
    pub clients_dir: String,
    /// A project is due soon when its deadline is at most this many days away.
    pub due_soon_days: u32,
    /// A project is stale when its last update is more than this many days old.
    pub stale_days: u32,
    /// When set, every owner must be one of these names.
    pub owners: Option<Vec<String>>,
    /// Custom top-level project fields and their types, in declaration order.
    pub fields: Vec<(String, FieldType)>,
    /// Default failing rules of `tracker check`.
    pub check_fail_on: Vec<Rule>,
    /// Portal branding: agency name.
    pub portal_agency: Option<String>,
    /// Portal branding: accent colour.
    pub portal_accent: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            projects_dir: "projects".into(),
            clients_dir: "clients".into(),
            due_soon_days: 3,
            stale_days: 7,
            owners: None,
            fields: Vec::new(),
            check_fail_on: vec![Rule::Overdue, Rule::Red],
            portal_agency: None,
            portal_accent: None,
        }
    }
}

impl Config {
    /// The declared type of a custom field.
    pub fn field(&self, name: &str) -> Option<FieldType> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
    }
}

/// Type of a custom field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Any string.
    Text,
    /// An integer or decimal number.
    Number,
    /// An ISO date.
    Date,
    /// `true` or `false`.
    Bool,
    /// A list of strings.
    List,
}

impl FieldType {
    /// Every type word.
    pub const WORDS: &'static [&'static str] = &["text", "number", "date", "bool", "list"];
}

impl FromStr for FieldType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "text" | "string" => Ok(FieldType::Text),
            "number" | "int" | "integer" | "float" => Ok(FieldType::Number),
            "date" => Ok(FieldType::Date),
            "bool" | "boolean" => Ok(FieldType::Bool),
            "list" => Ok(FieldType::List),
            _ => Err(format!(
                "unknown field type `{s}`: expected one of `text`, `number`, `date`, `bool`, `list`"
            )),
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Bool => "bool",
            FieldType::List => "list",
        };
        f.write_str(word)
    }
}
