//! The command line: clap definitions (their doc comments are the `--help`
//! text), the [`Context`] resolved once per run, exit codes, and one module
//! per subcommand. Only this layer and `main.rs` know about clap, the
//! terminal, the environment and the clock.

mod add;
mod agenda;
mod args;
mod board;
mod check;
mod clients;
mod export;
mod gantt;
mod import;
mod init;
mod list;
mod report;
mod status;
mod update;
mod validate;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model::date;
use crate::store::{Portfolio, Root};

pub use args::FilterArgs;

/// Exit codes, the one place they are defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success.
    Ok,
    /// 1: the command ran and found problems (validation errors, matched rules).
    Findings,
    /// 2: usage error, or data that could not be read.
    Error,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(match e {
            Exit::Ok => 0,
            Exit::Findings => 1,
            Exit::Error => 2,
        })
    }
}

/// Keep client projects in git, one YAML file per project, and see what is
/// red, blocked, overdue or due this week.
#[derive(Debug, Parser)]
#[command(name = "tracker", version, max_term_width = 100)]
pub struct Cli {
    /// The tracker folder [default: the nearest folder upwards holding
    /// tracker.yaml, else the current folder]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "TRACKER_DIR",
        value_name = "DIR"
    )]
    pub dir: Option<PathBuf>,

    /// Compute overdue, due soon and stale as of this day (YYYY-MM-DD)
    /// [default: the local date]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "TRACKER_TODAY",
        value_name = "DATE"
    )]
    pub today: Option<String>,

    /// When to colour output; `NO_COLOR` in the environment turns colour off whatever this says
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a tracker: tracker.yaml, projects/ and clients/
    Init(init::InitArgs),
    /// Create a project file from flags and print its path
    Add(add::AddArgs),
    /// Change a project's fields and append one entry to its update log
    Update(update::UpdateArgs),
    /// One row per project, id first
    #[command(visible_alias = "ls")]
    List(list::ListArgs),
    /// Check every file and print every problem with its line
    Validate(validate::ValidateArgs),
    /// The dashboard: counts, then what needs attention; with an ID, that project's card
    Status(status::StatusArgs),
    /// The CI gate: report overdue, red, blocked … projects; exit 1 when a failing rule matches
    Check(check::CheckArgs),
    /// All data for spreadsheets and scripts: CSV, JSON or an XLSX workbook
    Export(export::ExportArgs),
    /// One row per client: open projects, worst health, churn risk and its reasons
    Clients(clients::ClientsArgs),
    /// What is due in the next days (--days 14), week by week, overdue first
    Agenda(agenda::AgendaArgs),
    /// Kanban columns by status
    Board(board::BoardArgs),
    /// Timeline of projects and milestones: terminal bars, Mermaid, or the roadmap by quarter
    Gantt(gantt::GanttArgs),
    /// The status report: Markdown, a self-contained HTML page, or JSON
    Report(report::ReportArgs),
    /// Bring in a spreadsheet CSV: a dry-run plan by default, --apply writes it
    Import(import::ImportArgs),
}

/// Everything resolved once per run and passed down.
#[derive(Debug, Clone)]
pub struct Context {
    /// The tracker root.
    pub root: Root,
    /// "Today", fixed for the whole run.
    pub today: NaiveDate,
    /// Whether stdout gets colour.
    pub color: bool,
    /// Whether stderr gets colour.
    pub color_err: bool,
}

impl Context {
    fn resolve(cli: &Cli) -> Result<Context> {
        let cwd = std::env::current_dir().context("could not read the current folder")?;
        let root = Root::find(cli.dir.as_deref(), &cwd);
        let today = match &cli.today {
            Some(s) => date::parse_iso(s).map_err(|e| anyhow::anyhow!("--today: {e}"))?,
            None => chrono::Local::now().date_naive(),
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        // NO_COLOR wins over everything: the spec says never when it is set.
        let pick = |tty: bool| match cli.color {
            _ if no_color => false,
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty,
        };
        Ok(Context {
            root,
            today,
            color: pick(io::stdout().is_terminal()),
            color_err: pick(io::stderr().is_terminal()),
        })
    }

    /// Refuses a root that does not exist: a mistyped `--dir` must not
    /// look like an empty tracker (and let a CI gate pass on nothing).
    fn require_root(&self) -> Result<()> {
        if !self.root.path.is_dir() {
            anyhow::bail!(
                "tracker folder `{}` does not exist",
                self.root.display.display()
            );
        }
        Ok(())
    }

    /// Loads the tracker at the root.
    pub fn load(&self) -> Result<Portfolio> {
        self.require_root()?;
        crate::store::load(self.root.clone())
    }

    /// Takes the write lock of the tracker.
    pub fn lock(&self) -> Result<crate::store::write::Lock> {
        self.require_root()?;
        crate::store::write::Lock::acquire(&self.root.path)
    }

    /// Parses a command-line date relative to today.
    pub fn date(&self, flag: &str, s: &str) -> Result<NaiveDate> {
        date::parse_cli(s, self.today).map_err(|e| anyhow::anyhow!("{flag}: {e}"))
    }
}

/// Reports files that could not be loaded, one line each on stderr, and says
/// whether the run must end with [`Exit::Error`].
pub fn warn_broken(ctx: &Context, portfolio: &Portfolio) -> Exit {
    if portfolio.broken.is_empty() {
        return Exit::Ok;
    }
    let mut err = io::stderr().lock();
    for d in portfolio.errors() {
        let _ = crate::render::diag::brief(&mut err, d, ctx.color_err);
    }
    let n = portfolio.broken.len();
    let _ = writeln!(
        err,
        "tracker: warning: skipped {n} invalid file{}; run `tracker validate` for details",
        if n == 1 { "" } else { "s" }
    );
    Exit::Error
}

/// `TRACKER_USER`, else `git config user.name`.
pub(crate) fn default_user() -> Option<String> {
    if let Ok(u) = std::env::var("TRACKER_USER")
        && !u.trim().is_empty()
    {
        return Some(u.trim().to_string());
    }
    let out = std::process::Command::new("git")
        .args(["config", "user.name"])
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}

/// The error for an id that names no loadable project: the first error of
/// its file when it exists but is broken, else the nearest id.
pub(crate) fn unknown_project(portfolio: &Portfolio, id: &str) -> anyhow::Error {
    if portfolio.has_id(id) {
        let first = portfolio
            .errors()
            .find(|d| d.path.file_stem().is_some_and(|s| s == id));
        return match first {
            Some(d) => anyhow::anyhow!(
                "project `{id}` has errors: {}:{}:{}: {}",
                d.path.display(),
                d.line.unwrap_or(1),
                d.col,
                d.message
            ),
            None => {
                anyhow::anyhow!("project `{id}` has errors; run `tracker validate` to see them")
            }
        };
    }
    let hint = crate::model::suggest::nearest(id, portfolio.projects.iter().map(|p| p.id.as_str()))
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_else(|| "; `tracker list` shows the ids".into());
    anyhow::anyhow!("no project with id `{id}`{hint}")
}

/// Runs the parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Exit> {
    let ctx = Context::resolve(&cli)?;
    match &cli.command {
        Command::Init(a) => init::run(&ctx, cli.dir.as_deref(), a, out),
        Command::Add(a) => add::run(&ctx, a, out),
        Command::Update(a) => update::run(&ctx, a, out),
        Command::List(a) => list::run(&ctx, a, out),
        Command::Validate(a) => validate::run(&ctx, a, out),
        Command::Status(a) => status::run(&ctx, a, out),
        Command::Check(a) => check::run(&ctx, a, out),
        Command::Export(a) => export::run(&ctx, a, out),
        Command::Clients(a) => clients::run(&ctx, a, out),
        Command::Agenda(a) => agenda::run(&ctx, a, out),
        Command::Board(a) => board::run(&ctx, a, out),
        Command::Gantt(a) => gantt::run(&ctx, a, out),
        Command::Report(a) => report::run(&ctx, a, out),
        Command::Import(a) => import::run(&ctx, a, out),
    }
}
