//! Loading: every file of the tracker read into the model, every problem of
//! every file collected as a [`Diagnostic`] with its line and column. A file
//! with errors is left out of the portfolio; the others still load.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::Result;
use chrono::NaiveDate;
use walkdir::WalkDir;

use super::discover::{CONFIG_FILE, Root};
use super::yaml::{self, Node, index::Index};
use crate::model::client::CLIENT_FIELDS;
use crate::model::config::CONFIG_FIELDS;
use crate::model::project::{FIELDS, MILESTONE_FIELDS, UPDATE_FIELDS};
use crate::model::vocab::VocabError;
use crate::model::{
    Client, Config, Diagnostic, FieldType, FieldValue, Milestone, Project, Severity, Update, date,
    slug, suggest,
};

/// Files larger than this are refused rather than parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Everything read from a tracker folder.
#[derive(Debug)]
pub struct Portfolio {
    /// Where it was read from.
    pub root: Root,
    /// Settings (defaults where `tracker.yaml` is absent or broken).
    pub config: Config,
    /// Projects that loaded without errors, sorted by id.
    pub projects: Vec<Project>,
    /// Clients that loaded without errors, sorted by id.
    pub clients: Vec<Client>,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of files read.
    pub files: usize,
    /// Files left out because of errors, as shown to the user.
    pub broken: Vec<PathBuf>,
    /// Where each project and client came from, by id.
    sources: HashMap<String, PathBuf>,
    /// Project ids whose files were broken: they exist, but could not be read.
    broken_ids: HashSet<String>,
}

impl Portfolio {
    /// The file of a loaded project.
    pub fn path_of(&self, id: &str) -> Option<&Path> {
        self.sources.get(id).map(PathBuf::as_path)
    }

    /// Whether a project file with this id exists, loaded or broken.
    pub fn has_id(&self, id: &str) -> bool {
        self.sources.contains_key(id) || self.broken_ids.contains(id)
    }

    /// A loaded project by id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The errors (not warnings).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The folder of project files.
    pub fn projects_dir(&self) -> PathBuf {
        self.root.path.join(&self.config.projects_dir)
    }
}

/// Loads the whole tracker below `root`.
pub fn load(root: Root) -> Result<Portfolio> {
    let mut diagnostics = Vec::new();
    let mut broken = Vec::new();
    let mut files = 0;
    let config_path = root.path.join(CONFIG_FILE);
    let config = if config_path.is_file() {
        files += 1;
        let shown = root.show(Path::new(CONFIG_FILE));
        match read_file(&config_path, &shown) {
            Ok(text) => {
                let mut f = FileCtx::new(shown.clone(), &text);
                let config = f
                    .parse()
                    .map(|n| read_config(&mut f, &n))
                    .unwrap_or_default();
                if f.failed() {
                    broken.push(shown);
                }
                diagnostics.append(&mut f.diags);
                config
            }
            Err(d) => {
                diagnostics.push(*d);
                broken.push(shown);
                Config::default()
            }
        }
    } else {
        Config::default()
    };

    let mut sources = HashMap::new();
    let mut broken_ids = HashSet::new();

    // Clients first: projects are checked against their names.
    let mut clients = Vec::new();
    let mut client_sources: HashMap<String, PathBuf> = HashMap::new();
    for (abs, rel) in yaml_files(&root.path.join(&config.clients_dir)) {
        files += 1;
        let shown = root.show(&Path::new(&config.clients_dir).join(&rel));
        let mut f = match read_file(&abs, &shown) {
            Ok(text) => FileCtx::owned(shown.clone(), text),
            Err(d) => {
                diagnostics.push(*d);
                broken.push(shown);
                continue;
            }
        };
        let id = stem(&abs);
        let client = f.parse().and_then(|n| read_client(&mut f, &n, &id));
        if let Some(c) = &client
            && let Some(first) = clients.iter().find(|o: &&Client| o.name == c.name)
        {
            let other = client_sources.get(&first.id).cloned().unwrap_or_default();
            f.key_error(
                "duplicate-client",
                "name",
                format!(
                    "client `{}` is also defined in `{}`",
                    c.name,
                    other.display()
                ),
                None,
            );
        }
        match client {
            Some(c) if !f.failed() => {
                client_sources.insert(c.id.clone(), shown.clone());
                clients.push(c);
            }
            _ => broken.push(shown),
        }
        diagnostics.append(&mut f.diags);
    }
    clients.sort_by(|a, b| a.id.cmp(&b.id));

    let known_clients: Option<HashSet<&str>> =
        (!clients.is_empty()).then(|| clients.iter().map(|c| c.name.as_str()).collect());
    let client_names: Vec<&str> = clients.iter().map(|c| c.name.as_str()).collect();

    let mut projects = Vec::new();
    // The first file that claimed each id, as shown to the user.
    let mut claimed: HashMap<String, PathBuf> = HashMap::new();
    let listed = yaml_files(&root.path.join(&config.projects_dir));
    files += listed.len();
    let shared = Shared {
        root: &root,
        config: &config,
        known_clients: known_clients.as_ref(),
        client_names: &client_names,
    };
    for mut file in parallel_map(&listed, |(abs, rel)| load_project_file(&shared, abs, rel)) {
        let id = file.id.clone();
        match claimed.get(&id) {
            Some(other) => {
                // Reported right after a bad file name, before the file's own problems.
                let at = file
                    .diags
                    .iter()
                    .take_while(|d| d.code == "invalid-id")
                    .count();
                file.diags.insert(
                    at,
                    Diagnostic {
                        severity: Severity::Error,
                        code: "duplicate-id",
                        message: format!(
                            "duplicate project id `{id}`: also defined in `{}`",
                            other.display()
                        ),
                        path: file.shown.clone(),
                        line: Some(1),
                        col: 1,
                        len: 1,
                        source: Some(file.first_line.clone()),
                        help: Some(
                            "ids must be unique across all sub-folders; rename one of the files"
                                .into(),
                        ),
                    },
                );
                file.project = None;
            }
            None => {
                claimed.insert(id.clone(), file.shown.clone());
            }
        }
        match file.project {
            Some(p) => {
                sources.insert(id, file.abs);
                projects.push(p);
            }
            None => {
                broken.push(file.shown);
                broken_ids.insert(id);
            }
        }
        diagnostics.append(&mut file.diags);
    }
    projects.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Portfolio {
        root,
        config,
        projects,
        clients,
        diagnostics,
        files,
        broken,
        sources,
        broken_ids,
    })
}

/// What every project file is checked against, shared by the loading threads.
struct Shared<'a> {
    root: &'a Root,
    config: &'a Config,
    known_clients: Option<&'a HashSet<&'a str>>,
    client_names: &'a [&'a str],
}

/// One project file, read and checked on its own.
struct LoadedFile {
    abs: PathBuf,
    shown: PathBuf,
    id: String,
    first_line: String,
    /// `None` when the file has errors.
    project: Option<Project>,
    diags: Vec<Diagnostic>,
}

fn load_project_file(s: &Shared<'_>, abs: &Path, rel: &Path) -> LoadedFile {
    let shown = s.root.show(&Path::new(&s.config.projects_dir).join(rel));
    let id = stem(abs);
    let mut f = match read_file(abs, &shown) {
        Ok(text) => FileCtx::owned(shown.clone(), text),
        Err(d) => {
            let first_line = d.source.clone().unwrap_or_default();
            return LoadedFile {
                abs: abs.to_path_buf(),
                shown,
                id,
                first_line,
                project: None,
                diags: vec![*d],
            };
        }
    };
    if let Err(msg) = slug::check_id(&id) {
        f.error_at_top(
            "invalid-id",
            format!("{msg} (the file name is the project id)"),
            Some("rename the file to a slug such as `acme-corp-website-redesign.yaml`".into()),
        );
    }
    let project = f
        .parse()
        .and_then(|n| read_project(&mut f, &n, &id, s.config));
    if let (Some(p), Some(known)) = (&project, s.known_clients)
        && !known.contains(p.client.as_str())
    {
        let help = match suggest::nearest(&p.client, s.client_names.iter().copied()) {
            Some(c) => format!(
                "did you mean `{c}`? clients are defined in `{}/`",
                s.config.clients_dir
            ),
            None => format!(
                "add `{}/{}.yaml` with `name: {}`",
                s.config.clients_dir,
                slug::slugify(&p.client),
                p.client
            ),
        };
        f.value_error(
            "unknown-client",
            "client",
            format!("unknown client `{}`", p.client),
            Some(help),
        );
    }
    let project = project.filter(|_| !f.failed());
    let first_line = f.line_text(0);
    LoadedFile {
        abs: abs.to_path_buf(),
        shown,
        id,
        first_line,
        project,
        diags: f.diags,
    }
}

/// Maps `f` over `items` on all cores, keeping the order of `items`. Files
/// are independent until the duplicate-id check, which runs afterwards.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len() / 32 + 1);
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Every `.yaml`/`.yml` file below `dir`, sorted, as (absolute, relative to
/// `dir`). Hidden files and folders are skipped; symbolic links are not followed.
fn yaml_files(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out: Vec<(PathBuf, PathBuf)> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
            ext == "yaml" || ext == "yml"
        })
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf();
            (e.path().to_path_buf(), rel)
        })
        .collect();
    out.sort();
    out
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn whole_file(
    path: &Path,
    code: &'static str,
    message: String,
    help: Option<String>,
    line: Option<(usize, usize, String)>,
) -> Box<Diagnostic> {
    let (line, col, source) = match line {
        Some((l, c, s)) => (Some(l), c, Some(s)),
        None => (None, 1, None),
    };
    Box::new(Diagnostic {
        severity: Severity::Error,
        code,
        message,
        path: path.to_path_buf(),
        line,
        col,
        len: 1,
        source,
        help,
    })
}

/// Reads a file as UTF-8 text, refusing what must not be parsed: huge files,
/// non-UTF-8 bytes, unresolved merge conflicts.
pub fn read_file(abs: &Path, shown: &Path) -> Result<String, Box<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        whole_file(
            shown,
            "unreadable",
            format!("could not read file: {e}"),
            None,
            None,
        )
    };
    let meta = std::fs::metadata(abs).map_err(unreadable)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(whole_file(
            shown,
            "too-large",
            format!(
                "file is too large ({} bytes; the limit is {} bytes)",
                meta.len(),
                MAX_FILE_BYTES
            ),
            Some("a project file is a few kilobytes; split or trim it".into()),
            None,
        ));
    }
    let bytes = std::fs::read(abs).map_err(unreadable)?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
            let bad = e.as_bytes()[good.len()];
            let source = String::from_utf8_lossy(e.as_bytes())
                .lines()
                .nth(line - 1)
                .unwrap_or("")
                .to_string();
            return Err(whole_file(
                shown,
                "not-utf8",
                format!("file is not valid UTF-8 (byte `0x{bad:02x}`)"),
                Some("save the file as UTF-8".into()),
                Some((line, col, source)),
            ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    for (i, l) in text.lines().enumerate() {
        if l.starts_with("<<<<<<<")
            || l.starts_with(">>>>>>>")
            || l == "======="
            || l.starts_with("======= ")
        {
            return Err(whole_file(shown, "merge-conflict", "unresolved merge conflict marker".into(), Some("resolve the conflict (keep one side, delete the markers), then run `tracker validate`".into()), Some((i + 1, 1, l.to_string()))));
        }
    }
    Ok(text)
}

/// One file being read: its text, positions and the problems found so far.
struct FileCtx {
    path: PathBuf,
    text: String,
    index: Index,
    diags: Vec<Diagnostic>,
}

fn char_col(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(byte, |s| s.chars().count()) + 1
}

impl FileCtx {
    fn new(path: PathBuf, text: &str) -> FileCtx {
        FileCtx::owned(path, text.to_string())
    }

    fn owned(path: PathBuf, text: String) -> FileCtx {
        let index = Index::build(&text);
        FileCtx {
            path,
            text,
            index,
            diags: Vec::new(),
        }
    }

    fn failed(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    fn line_text(&self, line: usize) -> String {
        self.text.lines().nth(line).unwrap_or("").to_string()
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        message: String,
        help: Option<String>,
        pos: Option<(usize, usize, usize)>,
    ) {
        let (line, col, len, source) = match pos {
            Some((line, start, end)) => {
                let text = self.line_text(line);
                let col = char_col(&text, start);
                let len = text.get(start..end).map_or(1, |s| s.chars().count().max(1));
                (Some(line + 1), col, len, Some(text))
            }
            None => (Some(1), 1, 1, Some(self.line_text(0))),
        };
        self.diags.push(Diagnostic {
            severity,
            code,
            message,
            path: self.path.clone(),
            line,
            col,
            len,
            source,
            help,
        });
    }

    /// Position of the value of `path`, else of its key, else of its item.
    fn value_pos(&self, path: &str) -> Option<(usize, usize, usize)> {
        if let Some(k) = self.index.key(path) {
            if k.value_end > k.value_start {
                return Some((k.line, k.value_start, k.value_end));
            }
            let end = k.key_col + path.rsplit('.').next().map_or(1, str::len);
            return Some((k.line, k.key_col, end));
        }
        // A scalar list item (`- overdeu`): its text.
        if let Some(i) = self.index.item(path)
            && !self
                .index
                .keys
                .iter()
                .any(|k| k.line == i.line && k.key_col >= i.content_col)
        {
            let line = self.line_text(i.line);
            let end = super::yaml::index::value_end(&line, i.content_col);
            if end > i.content_col {
                return Some((i.line, i.content_col, end));
            }
        }
        // Else the nearest enclosing item or key (values written in flow style
        // have no positions of their own).
        self.item_pos(path).or_else(|| {
            let mut p = path;
            while let Some((parent, _)) = p.rsplit_once('.') {
                if self.index.key(parent).is_some() {
                    return self.value_pos(parent);
                }
                p = parent;
            }
            None
        })
    }

    fn key_pos(&self, path: &str) -> Option<(usize, usize, usize)> {
        self.index
            .key(path)
            .map(|k| {
                (
                    k.line,
                    k.key_col,
                    k.key_col + path.rsplit('.').next().map_or(1, str::len),
                )
            })
            .or_else(|| self.item_pos(path))
    }

    fn item_pos(&self, path: &str) -> Option<(usize, usize, usize)> {
        // The nearest enclosing list item: `milestones.1.id` → `milestones.1`.
        let mut p = path;
        loop {
            if let Some(i) = self.index.item(p) {
                return Some((i.line, i.dash_col, i.dash_col + 1));
            }
            p = p.rsplit_once('.')?.0;
        }
    }

    fn value_error(
        &mut self,
        code: &'static str,
        path: &str,
        message: String,
        help: Option<String>,
    ) {
        let pos = self.value_pos(path);
        self.push(Severity::Error, code, message, help, pos);
    }

    fn value_warning(
        &mut self,
        code: &'static str,
        path: &str,
        message: String,
        help: Option<String>,
    ) {
        let pos = self.value_pos(path);
        self.push(Severity::Warning, code, message, help, pos);
    }

    fn key_error(&mut self, code: &'static str, path: &str, message: String, help: Option<String>) {
        let pos = self.key_pos(path);
        self.push(Severity::Error, code, message, help, pos);
    }

    fn error_at_top(&mut self, code: &'static str, message: String, help: Option<String>) {
        self.push(Severity::Error, code, message, help, None);
    }

    /// Parses the text, turning a parse failure into a diagnostic.
    fn parse(&mut self) -> Option<Node> {
        if self.text.trim().is_empty() && self.path.ends_with(CONFIG_FILE) {
            return Some(Node::Map(Vec::new()));
        }
        if self.text.trim().is_empty() {
            self.error_at_top("empty-file", "file is empty".into(), Some("a project needs at least `client`, `project`, `stage`, `status`, `health`, `owner` and `due`".into()));
            return None;
        }
        if let Some(dup) = self.index.duplicates().first().map(|k| (*k).clone()) {
            let first = self.index.key(&dup.path).map_or(0, |k| k.line + 1);
            let name = dup.path.rsplit('.').next().unwrap_or("").to_string();
            let pos = Some((dup.line, dup.key_col, dup.key_col + name.len()));
            self.push(
                Severity::Error,
                "duplicate-key",
                format!("duplicate key `{name}` (first set on line {first})"),
                Some("keep one of the two lines".into()),
                pos,
            );
            return None;
        }
        match yaml::parse(&self.text) {
            Ok(Node::Map(m)) => Some(Node::Map(m)),
            Ok(other) => {
                self.error_at_top(
                    "not-a-mapping",
                    format!("expected a mapping of fields, found {}", other.kind()),
                    None,
                );
                None
            }
            Err(e) => {
                let pos = e.line.map(|l| {
                    let line = l.saturating_sub(1);
                    let text = self.line_text(line);
                    let byte = text
                        .char_indices()
                        .nth(e.col.unwrap_or(1).saturating_sub(1))
                        .map_or(text.len(), |(b, _)| b);
                    (line, byte, byte + 1)
                });
                self.push(
                    Severity::Error,
                    "invalid-yaml",
                    format!("invalid YAML: {}", e.message),
                    None,
                    pos,
                );
                None
            }
        }
    }

    // ----- typed readers; each reports its own problem and returns None -----

    fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        match node {
            Node::String(s) if s.trim().is_empty() => {
                self.value_error(
                    "empty-value",
                    path,
                    format!("`{}` is empty", leaf(path)),
                    None,
                );
                None
            }
            Node::String(s) => Some(s.clone()),
            Node::Number(n) => {
                self.value_error(
                    "wrong-type",
                    path,
                    format!("expected text for `{}`, found a number", leaf(path)),
                    Some(format!("quote it: `\"{n}\"`")),
                );
                None
            }
            Node::Bool(b) => {
                self.value_error(
                    "wrong-type",
                    path,
                    format!("expected text for `{}`, found a boolean", leaf(path)),
                    Some(format!("quote it: `\"{b}\"`")),
                );
                None
            }
            other => {
                self.value_error(
                    "wrong-type",
                    path,
                    format!("expected text for `{}`, found {}", leaf(path), other.kind()),
                    None,
                );
                None
            }
        }
    }

    fn opt_text(&mut self, node: &Node, path: &str) -> Option<Option<String>> {
        match node {
            Node::Null => Some(None),
            n => self.text(n, path).map(Some),
        }
    }

    fn date(&mut self, node: &Node, path: &str) -> Option<NaiveDate> {
        match node {
            Node::String(s) => match date::parse_iso(s) {
                Ok(d) => Some(d),
                Err(msg) => {
                    self.value_error(
                        "invalid-date",
                        path,
                        msg,
                        Some("write dates as `YYYY-MM-DD`".into()),
                    );
                    None
                }
            },
            other => {
                self.value_error(
                    "wrong-type",
                    path,
                    format!(
                        "expected a date for `{}`, found {}",
                        leaf(path),
                        other.kind()
                    ),
                    Some("write dates as `YYYY-MM-DD`".into()),
                );
                None
            }
        }
    }

    fn opt_date(&mut self, node: &Node, path: &str) -> Option<Option<NaiveDate>> {
        match node {
            Node::Null => Some(None),
            n => self.date(n, path).map(Some),
        }
    }

    fn vocab<T: FromStr<Err = VocabError>>(&mut self, node: &Node, path: &str) -> Option<T> {
        let s = self.text(node, path)?;
        match s.parse::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                let code = match e.kind {
                    "stage" => "unknown-stage",
                    "status" => "unknown-status",
                    _ => "unknown-health",
                };
                self.value_error(
                    code,
                    path,
                    format!("unknown {} `{}`", e.kind, e.input),
                    Some(e.help()),
                );
                None
            }
        }
    }

    fn bool(&mut self, node: &Node, path: &str) -> Option<bool> {
        match node {
            Node::Bool(b) => Some(*b),
            other => {
                self.value_error(
                    "wrong-type",
                    path,
                    format!(
                        "expected `true` or `false` for `{}`, found {}",
                        leaf(path),
                        other.kind()
                    ),
                    None,
                );
                None
            }
        }
    }

    fn text_list(&mut self, node: &Node, path: &str) -> Option<Vec<String>> {
        match node {
            Node::Null => Some(Vec::new()),
            Node::Seq(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Node::String(s) => out.push(s.clone()),
                        Node::Number(n) => out.push(n.clone()),
                        other => {
                            ok = false;
                            self.value_error(
                                "wrong-type",
                                &format!("{path}.{i}"),
                                format!(
                                    "expected text in `{}`, found {}",
                                    leaf(path),
                                    other.kind()
                                ),
                                None,
                            );
                        }
                    }
                }
                ok.then_some(out)
            }
            other => {
                self.value_error(
                    "wrong-type",
                    path,
                    format!(
                        "expected a list for `{}`, found {}",
                        leaf(path),
                        other.kind()
                    ),
                    Some(format!("write it as `{}: [a, b]`", leaf(path))),
                );
                None
            }
        }
    }

    fn unknown_key(&mut self, path: &str, known: &[&str], extra_help: &str) {
        let key = leaf(path);
        let help = match suggest::nearest(key, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?{extra_help}"),
            None => format!(
                "expected one of {}{extra_help}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.key_error(
            "unknown-field",
            path,
            format!("unknown field `{key}`"),
            Some(help),
        );
    }

    fn check_owner(&mut self, owner: &str, path: &str, config: &Config) {
        let lower = format!(" {} ", owner.to_lowercase());
        if [",", ";", "/", " & ", " and ", " et ", "+"]
            .iter()
            .any(|s| lower.contains(s))
        {
            self.value_error(
                "several-owners",
                path,
                format!(
                    "`{}` must name one accountable person, found `{owner}`",
                    leaf(path)
                ),
                Some(
                    "pick the one person who answers for it; others can be milestone owners".into(),
                ),
            );
            return;
        }
        if let Some(roster) = &config.owners
            && !roster.iter().any(|o| o == owner)
        {
            let help = match suggest::nearest(owner, roster.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? the roster is `owners:` in tracker.yaml"),
                None => "add them to `owners:` in tracker.yaml".into(),
            };
            self.value_error(
                "unknown-owner",
                path,
                format!("unknown owner `{owner}`"),
                Some(help),
            );
        }
    }
}

fn leaf(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn entries(node: &Node) -> &[(String, Node)] {
    match node {
        Node::Map(m) => m,
        _ => &[],
    }
}

fn read_config(f: &mut FileCtx, node: &Node) -> Config {
    let mut c = Config::default();
    for (key, value) in entries(node) {
        match key.as_str() {
            "projects_dir" => {
                if let Some(v) = f.text(value, key) {
                    c.projects_dir = v;
                }
            }
            "clients_dir" => {
                if let Some(v) = f.text(value, key) {
                    c.clients_dir = v;
                }
            }
            "due_soon_days" | "stale_days" => match value {
                Node::Number(n) if n.parse::<u32>().is_ok() => {
                    let days = n.parse().unwrap_or(0);
                    if key == "due_soon_days" {
                        c.due_soon_days = days;
                    } else {
                        c.stale_days = days;
                    }
                }
                other => f.value_error(
                    "wrong-type",
                    key,
                    format!(
                        "expected a whole number of days for `{key}`, found {}",
                        other.kind()
                    ),
                    None,
                ),
            },
            "owners" => c.owners = f.text_list(value, key),
            "fields" => match value {
                Node::Map(m) => {
                    for (name, ty) in m {
                        let path = format!("fields.{name}");
                        if FIELDS.contains(&name.as_str()) {
                            f.key_error(
                                "reserved-field",
                                &path,
                                format!("`{name}` is a standard field and cannot be redeclared"),
                                None,
                            );
                            continue;
                        }
                        match ty {
                            Node::String(t) => match FieldType::from_str(t) {
                                Ok(t) => c.fields.push((name.clone(), t)),
                                Err(msg) => f.value_error("unknown-type", &path, msg, None),
                            },
                            other => f.value_error(
                                "wrong-type",
                                &path,
                                format!(
                                    "expected a type for field `{name}`, found {}",
                                    other.kind()
                                ),
                                Some(format!("one of {}", FieldType::WORDS.join(", "))),
                            ),
                        }
                    }
                }
                other => f.value_error(
                    "wrong-type",
                    key,
                    format!(
                        "expected a mapping of field names to types, found {}",
                        other.kind()
                    ),
                    Some("write it as `fields: {budget: number, channel: text}`".into()),
                ),
            },
            "check" => {
                for (k, v) in entries(value) {
                    let path = format!("check.{k}");
                    match k.as_str() {
                        "fail_on" => {
                            let words = match v {
                                Node::String(s) => Some(vec![s.clone()]),
                                _ => f.text_list(v, &path),
                            };
                            if let Some(words) = words {
                                // Each word on its own, so an error points at it.
                                let mut rules = Vec::new();
                                let mut ok = true;
                                for (i, w) in words.iter().enumerate() {
                                    match crate::model::rule::parse_list([w.as_str()]) {
                                        Ok(r) => rules.extend(
                                            r.into_iter()
                                                .filter(|r| !rules.contains(r))
                                                .collect::<Vec<_>>(),
                                        ),
                                        Err(msg) => {
                                            ok = false;
                                            let item = if matches!(v, Node::Seq(_)) {
                                                format!("{path}.{i}")
                                            } else {
                                                path.clone()
                                            };
                                            f.value_error("unknown-rule", &item, msg, None);
                                        }
                                    }
                                }
                                if ok {
                                    c.check_fail_on = rules;
                                }
                            }
                        }
                        _ => f.unknown_key(&path, &["fail_on"], ""),
                    }
                }
            }
            "portal" => {
                for (k, v) in entries(value) {
                    let path = format!("portal.{k}");
                    match k.as_str() {
                        "agency" => c.portal_agency = f.text(v, &path),
                        "accent" => c.portal_accent = f.text(v, &path),
                        _ => f.unknown_key(&path, &["agency", "accent"], ""),
                    }
                }
            }
            _ => f.unknown_key(key, CONFIG_FIELDS, ""),
        }
    }
    c
}

fn read_client(f: &mut FileCtx, node: &Node, id: &str) -> Option<Client> {
    if let Err(msg) = slug::check_id(id) {
        f.error_at_top(
            "invalid-id",
            format!("{msg} (the file name is the client id)"),
            None,
        );
    }
    let mut client = Client {
        id: id.to_string(),
        name: String::new(),
        contact: None,
        email: None,
        since: None,
        notes: None,
    };
    let mut has_name = false;
    for (key, value) in entries(node) {
        match key.as_str() {
            "name" => {
                if let Some(v) = f.text(value, key) {
                    client.name = v;
                    has_name = true;
                }
            }
            "contact" => client.contact = f.opt_text(value, key).flatten(),
            "email" => client.email = f.opt_text(value, key).flatten(),
            "since" => client.since = f.opt_date(value, key).flatten(),
            "notes" => client.notes = f.opt_text(value, key).flatten(),
            _ => f.unknown_key(key, CLIENT_FIELDS, ""),
        }
    }
    if !has_name && !f.failed() {
        f.error_at_top(
            "missing-field",
            "missing required field `name`".into(),
            Some("add `name: <the client's display name>`".into()),
        );
    }
    has_name.then_some(client)
}

/// Reads a project record, reporting every problem of the file.
fn read_project(f: &mut FileCtx, node: &Node, id: &str, config: &Config) -> Option<Project> {
    let mut client = None;
    let mut project = None;
    let mut stage = None;
    let mut status = None;
    let mut health = None;
    let mut owner = None;
    let mut due = None;
    let mut p = Project::new(id, "", "", "", NaiveDate::MIN);
    let custom_names: Vec<&str> = config.fields.iter().map(|(n, _)| n.as_str()).collect();
    let known: Vec<&str> = FIELDS
        .iter()
        .copied()
        .chain(custom_names.iter().copied())
        .collect();
    for (key, value) in entries(node) {
        let k = key.as_str();
        match k {
            "client" => client = f.text(value, k),
            "project" => project = f.text(value, k),
            "stage" => stage = f.vocab(value, k),
            "status" => status = f.vocab(value, k),
            "health" => health = f.vocab(value, k),
            "owner" => {
                owner = f.text(value, k);
                if let Some(o) = &owner {
                    f.check_owner(o, k, config);
                }
            }
            "goal" => p.goal = f.opt_text(value, k).flatten(),
            "created" => p.created = f.opt_date(value, k).flatten(),
            "start" => p.start = f.opt_date(value, k).flatten(),
            "due" => due = f.date(value, k),
            "blocked_reason" => p.blocked_reason = f.opt_text(value, k).flatten(),
            "tags" => p.tags = f.text_list(value, k).unwrap_or_default(),
            "links" => match value {
                Node::Null => {}
                Node::Map(m) => {
                    for (name, url) in m {
                        if let Some(u) = f.text(url, &format!("links.{name}")) {
                            p.links.push((name.clone(), u));
                        }
                    }
                }
                other => f.value_error(
                    "wrong-type",
                    k,
                    format!(
                        "expected a mapping of names to links, found {}",
                        other.kind()
                    ),
                    Some("write it as `links: {brief: \"https://…\"}`".into()),
                ),
            },
            "milestones" => p.milestones = read_milestones(f, value, config),
            "updates" => p.updates = read_updates(f, value, config),
            _ => match config.field(k) {
                Some(ty) => {
                    if let Some(v) = read_custom(f, value, k, ty) {
                        p.custom.push((k.to_string(), v));
                    }
                }
                None => f.unknown_key(
                    k,
                    &known,
                    " (custom fields are declared under `fields:` in tracker.yaml)",
                ),
            },
        }
    }
    let present: HashSet<&str> = entries(node).iter().map(|(k, _)| k.as_str()).collect();
    let missing: Vec<&str> = [
        "client", "project", "stage", "status", "health", "owner", "due",
    ]
    .into_iter()
    .filter(|k| !present.contains(k))
    .collect();
    if !missing.is_empty() {
        let list = missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let word = if missing.len() == 1 {
            "field"
        } else {
            "fields"
        };
        f.error_at_top(
            "missing-field",
            format!("missing required {word} {list}"),
            None,
        );
    }
    p.client = client?;
    p.project = project?;
    p.stage = stage?;
    p.status = status?;
    p.health = health?;
    p.owner = owner?;
    p.due = due?;

    // Soft rules: reported as warnings, the project still loads.
    if p.stage == crate::model::Stage::Active && p.goal.is_none() {
        let path = if present.contains("goal") {
            "goal"
        } else {
            "stage"
        };
        f.value_warning(
            "missing-goal",
            path,
            "active project has no `goal`".into(),
            Some(
                "say why the project exists, e.g. `goal: Cut cost per lead by 20% by end of Q2`"
                    .into(),
            ),
        );
    }
    if p.status == crate::model::Status::Blocked && p.blocked_reason.is_none() {
        f.value_warning(
            "missing-blocked-reason",
            "status",
            "blocked project has no `blocked_reason`".into(),
            Some("say what it waits for, e.g. `blocked_reason: creative approval`".into()),
        );
    }
    if p.updates.windows(2).any(|w| w[1].date < w[0].date) {
        f.value_warning(
            "updates-out-of-order",
            "updates",
            "`updates` are not in date order".into(),
            Some("the log is oldest first; move the entry to its place".into()),
        );
    }
    if let (Some(s), due) = (p.start, p.due)
        && s > due
    {
        f.value_warning(
            "start-after-due",
            "start",
            format!("`start` {s} is after `due` {due}"),
            None,
        );
    }
    check_milestone_links(f, &p);
    Some(p)
}

fn check_milestone_links(f: &mut FileCtx, p: &Project) {
    let ids: HashSet<&str> = p.milestones.iter().map(|m| m.id.as_str()).collect();
    for (i, m) in p.milestones.iter().enumerate() {
        for (j, dep) in m.depends_on.iter().enumerate() {
            let path = format!("milestones.{i}.depends_on");
            if dep == &m.id {
                f.value_error(
                    "dependency-cycle",
                    &path,
                    format!("milestone `{}` depends on itself", m.id),
                    None,
                );
            } else if !ids.contains(dep.as_str()) {
                let help = suggest::nearest(dep, ids.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"));
                f.value_error(
                    "unknown-milestone",
                    &path,
                    format!(
                        "milestone `{}` depends on unknown milestone `{dep}` (item {})",
                        m.id,
                        j + 1
                    ),
                    help,
                );
            }
        }
    }
    // Cycles longer than one step: follow dependencies from each milestone.
    let deps: HashMap<&str, &Vec<String>> = p
        .milestones
        .iter()
        .map(|m| (m.id.as_str(), &m.depends_on))
        .collect();
    for (i, m) in p.milestones.iter().enumerate() {
        let mut stack: Vec<&str> = m
            .depends_on
            .iter()
            .map(String::as_str)
            .filter(|d| *d != m.id)
            .collect();
        let mut seen = HashSet::new();
        while let Some(d) = stack.pop() {
            if d == m.id {
                f.value_error(
                    "dependency-cycle",
                    &format!("milestones.{i}.depends_on"),
                    format!(
                        "milestone `{}` depends on itself through other milestones",
                        m.id
                    ),
                    None,
                );
                break;
            }
            if seen.insert(d)
                && let Some(next) = deps.get(d)
            {
                stack.extend(next.iter().map(String::as_str));
            }
        }
    }
    for u in &p.updates {
        if let Some(mid) = &u.milestone
            && !ids.contains(mid.as_str())
        {
            f.value_warning(
                "unknown-milestone",
                "updates",
                format!("an update of {} names unknown milestone `{mid}`", u.date),
                None,
            );
        }
    }
}

fn read_milestones(f: &mut FileCtx, node: &Node, config: &Config) -> Vec<Milestone> {
    let items = match node {
        Node::Null => return Vec::new(),
        Node::Seq(items) => items,
        other => {
            f.value_error(
                "wrong-type",
                "milestones",
                format!("expected a list of milestones, found {}", other.kind()),
                None,
            );
            return Vec::new();
        }
    };
    let mut out: Vec<Milestone> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let base = format!("milestones.{i}");
        let Node::Map(fields) = item else {
            f.value_error(
                "wrong-type",
                &base,
                format!(
                    "expected a milestone (a mapping with `id`, `name`, `due`), found {}",
                    item.kind()
                ),
                None,
            );
            continue;
        };
        let mut m = Milestone::default();
        let (mut id, mut name) = (None, None);
        for (key, value) in fields {
            let path = format!("{base}.{key}");
            match key.as_str() {
                "id" => {
                    id = f.text(value, &path);
                    if let Some(v) = &id
                        && let Err(msg) = slug::check_id(v)
                    {
                        f.value_error(
                            "invalid-id",
                            &path,
                            msg.replace("invalid id", "invalid milestone id"),
                            None,
                        );
                    }
                }
                "name" => name = f.text(value, &path),
                "owner" => {
                    m.owner = f.opt_text(value, &path).flatten();
                    if let Some(o) = &m.owner {
                        f.check_owner(o, &path, config);
                    }
                }
                "start" => m.start = f.opt_date(value, &path).flatten(),
                "due" => m.due = f.opt_date(value, &path).flatten(),
                "status" => {
                    m.status = if *value == Node::Null {
                        None
                    } else {
                        f.vocab(value, &path)
                    }
                }
                "depends_on" => {
                    m.depends_on = match value {
                        Node::String(s) => vec![s.clone()],
                        v => f.text_list(v, &path).unwrap_or_default(),
                    }
                }
                "every" => {
                    m.every = f.opt_text(value, &path).flatten();
                    if let Some(rule) = &m.every
                        && let Err(msg) = rule.parse::<crate::model::recur::Recurrence>()
                    {
                        f.value_error("invalid-recurrence", &path, msg, None);
                    }
                }
                _ => f.unknown_key(&path, MILESTONE_FIELDS, ""),
            }
        }
        match (id, name) {
            (Some(id), Some(name)) => {
                if out.iter().any(|o| o.id == id) {
                    f.value_error(
                        "duplicate-milestone",
                        &format!("{base}.id"),
                        format!("duplicate milestone id `{id}`"),
                        Some("milestone ids are unique within a project".into()),
                    );
                }
                m.id = id;
                m.name = name;
                if m.due.is_none() && m.every.is_none() {
                    f.value_error(
                        "missing-field",
                        &base,
                        format!("milestone `{}` has no `due` date", m.id),
                        Some(
                            "add `due: YYYY-MM-DD`, or `every:` for a recurring deliverable".into(),
                        ),
                    );
                }
                out.push(m);
            }
            (id, name) => {
                let missing: Vec<&str> = [("id", id.is_none()), ("name", name.is_none())]
                    .into_iter()
                    .filter(|(_, miss)| *miss)
                    .map(|(k, _)| k)
                    .collect();
                if !fields.iter().any(|(k, _)| missing.contains(&k.as_str())) {
                    f.value_error(
                        "missing-field",
                        &base,
                        format!(
                            "milestone {} has no {}",
                            i + 1,
                            missing
                                .iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                        None,
                    );
                }
            }
        }
    }
    out
}

fn read_updates(f: &mut FileCtx, node: &Node, config: &Config) -> Vec<Update> {
    let items = match node {
        Node::Null => return Vec::new(),
        Node::Seq(items) => items,
        other => {
            f.value_error(
                "wrong-type",
                "updates",
                format!("expected a list of updates, found {}", other.kind()),
                None,
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let base = format!("updates.{i}");
        let Node::Map(fields) = item else {
            f.value_error(
                "wrong-type",
                &base,
                format!(
                    "expected an update (a mapping with `date` and `note`), found {}",
                    item.kind()
                ),
                None,
            );
            continue;
        };
        let mut u = Update::default();
        let mut date = None;
        for (key, value) in fields {
            let path = format!("{base}.{key}");
            match key.as_str() {
                "date" => date = f.date(value, &path),
                "by" => u.by = f.opt_text(value, &path).flatten(),
                "stage" => u.stage = f.vocab(value, &path),
                "status" => u.status = f.vocab(value, &path),
                "health" => u.health = f.vocab(value, &path),
                "owner" => {
                    u.owner = f.opt_text(value, &path).flatten();
                    if let Some(o) = &u.owner {
                        f.check_owner(o, &path, config);
                    }
                }
                "due" => u.due = f.opt_date(value, &path).flatten(),
                "blocked_reason" => u.blocked_reason = f.opt_text(value, &path).flatten(),
                "milestone" => u.milestone = f.opt_text(value, &path).flatten(),
                "note" => u.note = f.opt_text(value, &path).flatten(),
                "internal" => u.internal = f.bool(value, &path),
                _ => f.unknown_key(&path, UPDATE_FIELDS, ""),
            }
        }
        match date {
            Some(d) => {
                u.date = d;
                out.push(u);
            }
            None if !fields.iter().any(|(k, _)| k == "date") => {
                f.value_error(
                    "missing-field",
                    &base,
                    format!("update {} has no `date`", i + 1),
                    Some("add `date: YYYY-MM-DD`".into()),
                );
            }
            None => {}
        }
    }
    out
}

fn read_custom(f: &mut FileCtx, node: &Node, key: &str, ty: FieldType) -> Option<FieldValue> {
    if *node == Node::Null {
        return None;
    }
    match ty {
        FieldType::Text => f.text(node, key).map(FieldValue::Text),
        FieldType::Number => match node {
            Node::Number(n) => Some(FieldValue::Number(n.clone())),
            other => {
                f.value_error(
                    "wrong-type",
                    key,
                    format!("expected a number for `{key}`, found {}", other.kind()),
                    Some(format!("`{key}` is declared `number` in tracker.yaml")),
                );
                None
            }
        },
        FieldType::Date => f.date(node, key).map(FieldValue::Date),
        FieldType::Bool => f.bool(node, key).map(FieldValue::Bool),
        FieldType::List => f.text_list(node, key).map(FieldValue::List),
    }
}

/// Reads one project file's text into a record, for checking a write before
/// it replaces the file. Returns the diagnostics when it does not load.
pub fn parse_project(text: &str, id: &str, config: &Config) -> Result<Project, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut f = FileCtx::owned(PathBuf::from(format!("{id}.yaml")), text.to_string());
    let p = f.parse().and_then(|n| read_project(&mut f, &n, id, config));
    match p {
        Some(p) if !f.failed() => Ok(p),
        _ => Err(f.diags),
    }
}

/// A diagnostic pointing at the value of `field` (a dotted path such as
/// `due` or `milestones.2.due`) in the file at `abs`, shown as `shown`. The
/// file is read again, so loaded records need not carry positions.
pub fn diagnostic_at(
    abs: &Path,
    shown: &Path,
    field: &str,
    severity: Severity,
    code: &'static str,
    message: String,
) -> Diagnostic {
    let text = std::fs::read_to_string(abs).unwrap_or_default();
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let mut f = FileCtx::owned(shown.to_path_buf(), text);
    let pos = f.value_pos(field);
    f.push(severity, code, message, None, pos);
    f.diags.pop().expect("just pushed")
}
