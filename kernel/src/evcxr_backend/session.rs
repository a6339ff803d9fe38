//! This kernel's private evcxr session directory: made from the install-time template,
//! removed with the kernel (and, for kernels that died, by the next one).
//!
//! The template holds every dependency cells link (arraylib inside `libkernel_cell.so`,
//! its crates, their cargo fingerprints). Copying it all took seconds per kernel start, so
//! the large build outputs are hard-linked: rustc and the linker replace an output by
//! writing a new file and renaming it, never by writing into the old one, so a rebuild in
//! a session cannot alter the template. Everything cargo or evcxr edits in place (the cell
//! crate, manifests, fingerprints) is copied, with its modification time, so cargo sees
//! the dependencies exactly as fresh as in the template. Incremental caches of the
//! dependencies (most of the template's size) are left out: they only serve a rebuild.

use std::fs;
use std::io;
use std::path::Path;

/// Name of the crate evcxr generates for cells (its build outputs change every cell).
const CELL_CRATE: &str = "ctx";

/// Makes `dir` a fresh session directory: a copy of `template` if given and usable, else
/// empty (evcxr then starts from scratch).
pub fn prepare(dir: &Path, template: Option<&Path>) -> io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    if let Some(t) = template.filter(|t| t.is_dir()) {
        match copy_tree(t, dir, false) {
            Ok(()) => return Ok(()),
            Err(e) => {
                eprintln!("[arraylib-kernel] copying the template failed ({e}); starting from scratch");
                let _ = fs::remove_dir_all(dir);
            }
        }
    }
    fs::create_dir_all(dir)
}

/// Copies `from` to `to`; `in_deps`: `from` is (inside) a cargo `deps` directory.
fn copy_tree(from: &Path, to: &Path, in_deps: bool) -> io::Result<()> {
    fs::create_dir(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let (src, dst) = (entry.path(), to.join(&*name));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if from.file_name().is_some_and(|n| n == "incremental") && !name.starts_with(&format!("{CELL_CRATE}-")) {
                continue;
            }
            copy_tree(&src, &dst, in_deps || name == "deps")?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(&src)?, &dst)?;
        } else if in_deps && is_dependency_output(&name) {
            // Another filesystem: fall back to a copy.
            if fs::hard_link(&src, &dst).is_err() {
                copy_file(&src, &dst)?;
            }
        } else {
            copy_file(&src, &dst)?;
        }
    }
    Ok(())
}

/// A dependency's library or metadata (never rewritten in place; see the module docs).
fn is_dependency_output(name: &str) -> bool {
    let cell = name.starts_with(&format!("lib{CELL_CRATE}")) || name.starts_with("libcode_");
    !cell && [".rlib", ".rmeta", ".so"].iter().any(|ext| name.ends_with(ext))
}

/// Copies a file with its permissions and modification time (cargo compares mtimes).
fn copy_file(src: &Path, dst: &Path) -> io::Result<()> {
    fs::copy(src, dst)?;
    let modified = fs::metadata(src)?.modified()?;
    fs::File::options().write(true).open(dst)?.set_modified(modified)
}

/// Removes session directories of kernels whose process no longer exists.
pub fn sweep_stale(current: &Path) {
    let Some(parent) = current.parent() else { return };
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("arraylib-kernel-")
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        if e.path() != current && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn links_dependency_outputs_copies_the_rest_and_skips_dependency_caches() {
        let root = std::env::temp_dir().join(format!("session-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let t = root.join("template");
        let deps = t.join("target/x/debug/deps");
        fs::create_dir_all(&deps).unwrap();
        fs::create_dir_all(t.join("target/x/debug/incremental/arraylib-1/s")).unwrap();
        fs::create_dir_all(t.join("target/x/debug/incremental/ctx-1")).unwrap();
        for f in ["libarraylib-1.rlib", "libkernel_cell.so", "libctx.so", "arraylib-1.d"] {
            fs::write(deps.join(f), f).unwrap();
        }
        fs::write(t.join("Cargo.toml"), "[package]").unwrap();
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::File::options()
            .write(true)
            .open(t.join("Cargo.toml"))
            .unwrap()
            .set_modified(old)
            .unwrap();

        let s = root.join("session");
        prepare(&s, Some(t.as_path())).unwrap();
        let sdeps = s.join("target/x/debug/deps");
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(
            ino(&deps.join("libarraylib-1.rlib")),
            ino(&sdeps.join("libarraylib-1.rlib"))
        );
        assert_eq!(
            ino(&deps.join("libkernel_cell.so")),
            ino(&sdeps.join("libkernel_cell.so"))
        );
        assert_ne!(ino(&deps.join("libctx.so")), ino(&sdeps.join("libctx.so")));
        assert_ne!(ino(&deps.join("arraylib-1.d")), ino(&sdeps.join("arraylib-1.d")));
        assert_eq!(fs::read_to_string(sdeps.join("arraylib-1.d")).unwrap(), "arraylib-1.d");
        assert_eq!(fs::metadata(s.join("Cargo.toml")).unwrap().modified().unwrap(), old);
        assert!(!s.join("target/x/debug/incremental/arraylib-1").exists());
        assert!(s.join("target/x/debug/incremental/ctx-1").is_dir());
        fs::remove_dir_all(&root).unwrap();
    }
}
