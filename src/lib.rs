//! `tracker` keeps an agency's client projects as one YAML file per project in
//! a git repository, and answers from that folder who owns what, what is red,
//! what is blocked and why, and what is due.
//!
//! Data flows one way: [`cli`] parses and resolves, [`store`] loads and
//! writes files, [`query`] filters and sorts, [`insight`] derives facts,
//! [`render`] formats; all of them speak [`model`].

pub mod cli;
pub mod insight;
pub mod model;
pub mod query;
pub mod render;
pub mod store;
