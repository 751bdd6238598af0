//! Embeds the sample portfolio of `fixtures/agency` for `tracker init --example`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            collect(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p.strip_prefix(base).unwrap_or(&p).to_path_buf());
        }
    }
}

fn main() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/agency");
    println!("cargo:rerun-if-changed={}", base.display());
    let mut files = Vec::new();
    collect(&base, &base, &mut files);
    files.sort();
    let mut code = String::from(
        "/// The sample portfolio: (path below the root, contents).\nconst EXAMPLE: &[(&str, &str)] = &[\n",
    );
    for rel in &files {
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let abs = base.join(rel);
        let _ = writeln!(
            code,
            "    ({rel_s:?}, include_str!({:?})),",
            abs.to_string_lossy()
        );
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("example.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
