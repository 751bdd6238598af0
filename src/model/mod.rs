//! Pure data: the project record, its closed vocabularies and date helpers.
//!
//! Nothing here does I/O, reads the clock or knows about YAML, the terminal or
//! clap; every other layer depends on this one and it depends on none of them.

pub mod client;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod headers;
pub mod project;
pub mod recur;
pub mod rule;
pub mod slug;
pub mod suggest;
pub mod vocab;

pub use client::Client;
pub use config::{Config, FieldType};
pub use diagnostic::{Diagnostic, Severity};
pub use project::{FieldValue, Milestone, Project, Update};
pub use rule::Rule;
pub use vocab::{Health, Stage, Status};
