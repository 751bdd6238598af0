//! Root discovery: `--dir`, else `TRACKER_DIR`, else the nearest ancestor of
//! the working directory holding `tracker.yaml`, else the working directory.

use std::path::{Component, Path, PathBuf};

/// The file whose presence marks a tracker root.
pub const CONFIG_FILE: &str = "tracker.yaml";

/// The lock file that serialises writers, at the root (ignored by git).
pub const LOCK_FILE: &str = ".tracker.lock";

/// Where the tracker lives, and how to show its paths to the user.
#[derive(Debug, Clone)]
pub struct Root {
    /// The root folder, as a path the process can open.
    pub path: PathBuf,
    /// The prefix that makes file paths readable from where the user stands:
    /// empty for the working directory, `--dir` as given, `../..` for an ancestor.
    pub display: PathBuf,
}

impl Root {
    /// Finds the root. `explicit` is `--dir` or `TRACKER_DIR`, as given.
    pub fn find(explicit: Option<&Path>, cwd: &Path) -> Root {
        if let Some(dir) = explicit {
            let display = if dir == Path::new(".") {
                PathBuf::new()
            } else {
                dir.to_path_buf()
            };
            return Root {
                path: cwd.join(dir),
                display,
            };
        }
        let mut up = PathBuf::new();
        for ancestor in cwd.ancestors() {
            if ancestor.join(CONFIG_FILE).is_file() {
                return Root {
                    path: ancestor.to_path_buf(),
                    display: up,
                };
            }
            up.push("..");
        }
        Root {
            path: cwd.to_path_buf(),
            display: PathBuf::new(),
        }
    }

    /// A root at a known folder, shown as given.
    pub fn at(path: &Path) -> Root {
        Root {
            path: path.to_path_buf(),
            display: path.to_path_buf(),
        }
    }

    /// The path of a file below the root as the user should see it.
    pub fn show(&self, rel: &Path) -> PathBuf {
        let joined = self.display.join(rel);
        // `./projects/x.yaml` reads worse than `projects/x.yaml`.
        joined
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nearest_ancestor_with_config() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(CONFIG_FILE), "").unwrap();
        let deep = tmp.path().join("projects/seo");
        std::fs::create_dir_all(&deep).unwrap();
        let root = Root::find(None, &deep);
        assert_eq!(root.path, tmp.path());
        assert_eq!(
            root.show(Path::new("projects/a.yaml")),
            Path::new("../../projects/a.yaml")
        );
    }

    #[test]
    fn explicit_dir_wins() {
        let root = Root::find(Some(Path::new("fixtures/agency")), Path::new("/work"));
        assert_eq!(root.path, Path::new("/work/fixtures/agency"));
        assert_eq!(
            root.show(Path::new("projects/a.yaml")),
            Path::new("fixtures/agency/projects/a.yaml")
        );
    }
}
