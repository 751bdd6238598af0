//! A client, as stored in `clients/<id>.yaml`.

use chrono::NaiveDate;

/// Keys of a client file, in canonical order.
pub const CLIENT_FIELDS: &[&str] = &["name", "contact", "email", "since", "notes"];

/// A client of the agency.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    /// The file stem.
    pub id: String,
    /// Display name; projects name their client by it.
    pub name: String,
    /// Main contact person.
    pub contact: Option<String>,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Client since.
    pub since: Option<NaiveDate>,
    /// Free notes.
    pub notes: Option<String>,
}
