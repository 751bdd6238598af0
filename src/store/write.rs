//! Safe writes: an exclusive advisory lock serialises tracker processes, a
//! fingerprint taken at read time refuses to overwrite a file that changed
//! since, and every write goes to a temporary file in the same folder that is
//! flushed to disk, read back and checked before it is renamed over the target.

use std::fs::{self, File, OpenOptions};
use std::hash::{DefaultHasher, Hasher};
use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use super::discover::LOCK_FILE;

/// What a file looked like when it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

impl Fingerprint {
    /// The fingerprint of `path` as it is now.
    pub fn of(path: &Path) -> Result<Fingerprint> {
        let bytes =
            fs::read(path).with_context(|| format!("could not read `{}`", path.display()))?;
        let meta =
            fs::metadata(path).with_context(|| format!("could not read `{}`", path.display()))?;
        Ok(Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: hash(&bytes),
        })
    }
}

/// Holds the tracker's write lock until dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the exclusive lock on `<root>/.tracker.lock`, waiting for any
    /// other tracker process that holds it.
    pub fn acquire(root: &Path) -> Result<Lock> {
        let path = root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("could not open lock file `{}`", path.display()))?;
        file.lock()
            .with_context(|| format!("could not lock `{}`", path.display()))?;
        Ok(Lock { _file: file })
    }
}

/// How the target may already exist.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// The file must not exist (a new project).
    New,
    /// The file must still be as it was read.
    Unchanged(&'a Fingerprint),
}

/// A flushed temporary file holding `bytes` in the folder of `path` (so a
/// rename onto `path` is atomic), and that folder.
fn temp_with<'a>(path: &'a Path, bytes: &[u8]) -> Result<(&'a Path, tempfile::NamedTempFile)> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| format!("could not create `{}`", dir.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tracker-").suffix(".tmp");
    // Temporary files are private by default; a new file gets the usual mode
    // (`rw-r--r--` under the common umask) instead.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("could not create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("could not write a temporary file in `{}`", dir.display()))?;
    Ok((dir, tmp))
}

/// Writes an output file (an export, a report) atomically, replacing what
/// was there: readers see the old file or the new one, never half of it.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    let (dir, tmp) = temp_with(path, bytes)?;
    tmp.persist(path).map_err(|e| {
        anyhow::Error::new(e.error).context(format!("could not write `{}`", path.display()))
    })?;
    sync_dir(dir);
    Ok(())
}

/// Writes `text` to `path` atomically. `check` is run on the text read back
/// from the temporary file; the target is replaced only if it passes and the
/// target is still as `expect` says.
pub fn write_atomic(
    path: &Path,
    text: &str,
    expect: Expect<'_>,
    check: impl Fn(&str) -> Result<()>,
) -> Result<()> {
    let (dir, tmp) = temp_with(path, text.as_bytes())?;
    let back = fs::read(tmp.path())
        .with_context(|| format!("could not read back `{}`", tmp.path().display()))?;
    if back != text.as_bytes() {
        bail!(
            "the temporary file for `{}` did not read back as written; nothing was changed",
            path.display()
        );
    }
    check(text).with_context(|| format!("refusing to write `{}`", path.display()))?;

    match expect {
        Expect::New => {
            tmp.persist_noclobber(path).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::anyhow!("`{}` already exists; nothing was written", path.display())
                } else {
                    anyhow::Error::new(e.error)
                        .context(format!("could not create `{}`", path.display()))
                }
            })?;
        }
        Expect::Unchanged(before) => {
            if let Ok(meta) = fs::metadata(path) {
                let _ = fs::set_permissions(tmp.path(), meta.permissions());
            }
            let now = Fingerprint::of(path)?;
            if &now != before {
                bail!(
                    "`{}` changed on disk while tracker was working; nothing was written, run the command again",
                    path.display()
                );
            }
            tmp.persist(path).map_err(|e| {
                anyhow::Error::new(e.error)
                    .context(format!("could not replace `{}`", path.display()))
            })?;
        }
    }
    sync_dir(dir);
    Ok(())
}

/// Makes the rename durable. Failure here cannot be acted upon and the file
/// is already in place, so it is not reported.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes a small file (settings, `.gitignore`) atomically, replacing it.
pub fn write_simple(path: &Path, text: &str) -> Result<()> {
    let expect_fp;
    let expect = if path.exists() {
        expect_fp = Fingerprint::of(path)?;
        Expect::Unchanged(&expect_fp)
    } else {
        Expect::New
    };
    write_atomic(path, text, expect, |_| Ok(()))
}

/// Reads a file for editing: its text and its fingerprint, from one read.
pub fn read_for_edit(path: &Path) -> Result<(String, Fingerprint)> {
    let bytes = fs::read(path).with_context(|| format!("could not read `{}`", path.display()))?;
    let meta =
        fs::metadata(path).with_context(|| format!("could not read `{}`", path.display()))?;
    let fp = Fingerprint {
        len: meta.len(),
        modified: meta.modified().ok(),
        hash: hash(&bytes),
    };
    let text = String::from_utf8(bytes)
        .with_context(|| format!("`{}` is not valid UTF-8", path.display()))?;
    Ok((text, fp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_file_changed_since_read() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.yaml");
        fs::write(&p, "one\n").unwrap();
        let fp = Fingerprint::of(&p).unwrap();
        fs::write(&p, "two\n").unwrap();
        let err = write_atomic(&p, "three\n", Expect::Unchanged(&fp), |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "two\n");
    }

    #[test]
    fn refuses_to_clobber_a_new_file() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.yaml");
        fs::write(&p, "one\n").unwrap();
        assert!(write_atomic(&p, "two\n", Expect::New, |_| Ok(())).is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "one\n");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no temporary file is left behind"
        );
    }

    #[test]
    fn failed_check_leaves_target_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.yaml");
        fs::write(&p, "one\n").unwrap();
        let fp = Fingerprint::of(&p).unwrap();
        assert!(write_atomic(&p, "two\n", Expect::Unchanged(&fp), |_| bail!("no")).is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "one\n");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_and_replaces() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.yaml");
        write_atomic(&p, "one\n", Expect::New, |_| Ok(())).unwrap();
        let fp = Fingerprint::of(&p).unwrap();
        write_atomic(&p, "two\n", Expect::Unchanged(&fp), |_| Ok(())).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "two\n");
    }
}
