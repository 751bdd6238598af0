//! The folder store: find the tracker root, load every file into the model
//! with diagnostics, and write files back safely.
//!
//! The store never prints and never decides exit codes: it returns values
//! (records and [`Diagnostic`](crate::model::Diagnostic)s) and `Err`s with
//! context naming the path.

pub mod discover;
pub mod import;
pub mod load;
pub mod save;
pub mod write;
pub mod yaml;

pub use discover::Root;
pub use load::{Portfolio, load};
