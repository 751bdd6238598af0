//! Choosing and ordering projects: the shared filters and sort keys.

pub mod filter;
pub mod sort;

pub use filter::Filter;
pub use sort::SortKey;
