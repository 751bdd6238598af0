//! The test builder: a temporary tracker folder, the real binary run in it
//! with a fixed day and a clean environment, and the results to assert on.

#![allow(dead_code)]

pub mod agency;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The reference day of `fixtures/agency`.
pub const REFERENCE_DAY: &str = "2026-12-07";

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One run of `tracker` in a temporary folder.
#[must_use]
pub struct Test {
    dir: TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    today: Option<String>,
}

/// What a run printed and returned.
#[derive(Debug)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code.
    pub code: i32,
}

impl Test {
    /// An empty folder.
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().unwrap(),
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            today: Some(REFERENCE_DAY.into()),
        }
    }

    /// A copy of `fixtures/<name>` as the tracker root.
    pub fn fixture(name: &str) -> Test {
        let t = Test::new();
        copy_dir(&fixtures().join(name), t.dir.path());
        t
    }

    /// A minimal tracker: `tracker.yaml` and an empty `projects/`.
    pub fn tracker(config: &str) -> Test {
        Test::new().file("tracker.yaml", config).mkdir("projects")
    }

    /// Writes a file below the root.
    pub fn file(self, rel: &str, contents: &str) -> Test {
        self.bytes(rel, contents.as_bytes())
    }

    /// Writes raw bytes below the root.
    pub fn bytes(self, rel: &str, contents: &[u8]) -> Test {
        let p = self.dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
        self
    }

    /// Creates a folder below the root.
    pub fn mkdir(self, rel: &str) -> Test {
        fs::create_dir_all(self.dir.path().join(rel)).unwrap();
        self
    }

    /// Appends arguments (split on whitespace).
    pub fn args(mut self, args: &str) -> Test {
        self.args
            .extend(args.split_whitespace().map(str::to_string));
        self
    }

    /// Appends one argument, verbatim.
    pub fn arg(mut self, arg: &str) -> Test {
        self.args.push(arg.to_string());
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Feeds standard input.
    pub fn stdin(mut self, input: &str) -> Test {
        self.stdin = Some(input.as_bytes().to_vec());
        self
    }

    /// Runs on another day than the reference day; `None` passes no `--today`.
    pub fn today(mut self, day: Option<&str>) -> Test {
        self.today = day.map(str::to_string);
        self
    }

    /// The tracker root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Reads a file below the root.
    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Whether a file exists below the root.
    pub fn exists(&self, rel: &str) -> bool {
        self.dir.path().join(rel).exists()
    }

    /// The command, ready to run: hermetic environment, fixed day, no colour.
    pub fn command(&self) -> Command {
        let mut cmd = Command::cargo_bin("tracker").unwrap();
        cmd.current_dir(self.dir.path());
        for (k, _) in std::env::vars() {
            if k.starts_with("TRACKER_") || k.starts_with("GITHUB_") || k.starts_with("GIT_") {
                cmd.env_remove(&k);
            }
        }
        cmd.env("NO_COLOR", "1")
            .env("HOME", self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null");
        if let Some(day) = &self.today {
            cmd.arg("--today").arg(day);
        }
        cmd.args(&self.args);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if let Some(input) = &self.stdin {
            cmd.write_stdin(input.clone());
        }
        cmd
    }

    /// Runs the binary.
    #[track_caller]
    pub fn run(&self) -> Output {
        let out = self.command().output().unwrap();
        Output {
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            code: out.status.code().expect("exited with a code"),
        }
    }

    /// Runs and checks the exit code.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> Output {
        let out = self.run();
        assert_eq!(
            out.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            out.stdout, out.stderr
        );
        out
    }

    /// Every file below the root but the lock file, relative path →
    /// contents, for before/after comparisons.
    pub fn tree(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = read_tree(self.dir.path());
        out.retain(|(rel, _)| rel != ".tracker.lock");
        out
    }
}

/// Every file below `dir`, relative path (with `/`) → contents, sorted.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    collect(dir, dir, &mut out);
    out.sort();
    out
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let p = entry.path();
        if entry.file_type().unwrap().is_dir() {
            collect(root, &p, out);
        } else {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, fs::read(&p).unwrap()));
        }
    }
}

/// Fails (never skips) when PyYAML is missing: the YAML 1.1 check is the point.
pub fn require_pyyaml() {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "this test reads the written file with PyYAML (a YAML 1.1 reader): \
         `python3 -c \"import yaml\"` failed; install it with `pip install pyyaml`"
    );
}
