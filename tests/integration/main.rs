//! Integration tests: the real `tracker` binary on real files in temporary
//! folders. One module per subcommand.

mod support;

mod add;
mod agenda;
mod board;
mod check;
mod cli;
mod clients;
mod docs;
mod export;
mod gantt;
mod import;
mod init;
mod list;
mod report;
mod status;
mod update;
mod validate;
mod yaml;
