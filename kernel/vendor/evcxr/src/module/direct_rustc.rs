//! Builds a cell with rustc alone, reusing the command line cargo gave rustc for the cell
//! crate last time, when nothing that cargo reads has changed since.
//!
//! Why: for each cell, `cargo build` spends 100-130 ms (on this project's machine) checking
//! the fingerprints of the ~90 crates behind the cell crate's dependencies before it runs
//! rustc, although only `src/lib.rs` can have changed. When the manifest, the cargo
//! configuration and the cargo command (its arguments and environment) are as they were,
//! cargo would run rustc exactly as before, so this runs that rustc invocation directly.
//!
//! How the invocation is learnt: cargo builds run with this process as
//! `RUSTC_WORKSPACE_WRAPPER`, which cargo uses for workspace members only (the cell crate,
//! never its dependencies, so their fingerprints are unaffected). With [`RECORD_ENV`] set,
//! [`crate::runtime_hook`] calls [`record_and_run`], which writes the program, arguments,
//! environment and directory to the file [`RECORD_ENV`] names, then runs rustc.

use crate::module::CRATE_NAME;
use serde::Deserialize;
use serde::Serialize;
use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::path::PathBuf;
use std::process::Command;

/// Environment variable naming the file where the wrapper records the cell crate's rustc
/// invocation. Set only on cargo builds of cells.
pub(crate) const RECORD_ENV: &str = "EVCXR_RECORD_RUSTC";

/// Name of the record file, in the cell crate's directory.
const RECORD_FILE: &str = ".evcxr-rustc-invocation.json";

/// Variables not kept in a record. The jobserver ones name file descriptors of the cargo
/// process, which in a direct build would be whatever the kernel has open under those
/// numbers; without them rustc makes its own jobserver.
const DROPPED_ENV: &[&str] = &[
    RECORD_ENV,
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_MAKEFLAGS",
    "MAKEFLAGS",
    "MFLAGS",
];

/// How cargo ran rustc for the cell crate.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Invocation {
    program: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    dir: PathBuf,
}

/// A recorded invocation, valid while the cargo build that produced it would run the same way.
pub(crate) struct Recorded {
    /// What cargo's decision depends on: see [`build_key`].
    key: String,
    invocation: Invocation,
}

impl Recorded {
    /// The rustc command, ready to run.
    pub(crate) fn command(&self) -> Command {
        let inv = &self.invocation;
        let mut command = Command::new(&inv.program);
        command
            .args(&inv.args)
            .env_clear()
            .envs(inv.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&inv.dir);
        command
    }

    /// Whether this record may stand in for a cargo build whose key is `key`.
    pub(crate) fn matches(&self, key: &str) -> bool {
        self.key == key
    }
}

/// What a cargo build of the cell crate depends on, besides the cell's source: the cargo
/// command (program, arguments, environment, directory), the manifest and the cargo
/// configuration. The dependencies' outputs only change through a cargo build, which
/// records again.
pub(crate) fn build_key(cargo: &Command, crate_dir: &Path) -> String {
    let read = |p: PathBuf| fs::read_to_string(p).unwrap_or_default();
    format!(
        "{cargo:#?}\n{}\n{}",
        read(crate_dir.join("Cargo.toml")),
        read(crate_dir.join(".cargo/config.toml"))
    )
}

/// Whether the cargo command can take the recording wrapper: not when cargo already runs
/// rustc through a wrapper of its own (evcxr's cache, forced dylibs or sccache).
pub(crate) fn can_record(cargo: &Command) -> bool {
    !cargo
        .get_envs()
        .any(|(k, v)| k == "RUSTC_WRAPPER" && v.is_some())
}

/// Makes the cargo command record its rustc invocation for the cell crate, using `wrapper`
/// (this program) as the workspace wrapper. Returns the record's path.
pub(crate) fn ask_to_record(cargo: &mut Command, wrapper: &Path, crate_dir: &Path) -> PathBuf {
    let path = crate_dir.join(RECORD_FILE);
    let _ = fs::remove_file(&path);
    cargo
        .env("RUSTC_WORKSPACE_WRAPPER", wrapper)
        .env(RECORD_ENV, &path);
    path
}

/// Reads the record a cargo build left at `path`, if the cell crate was compiled.
pub(crate) fn load(path: &Path, key: String) -> Option<Recorded> {
    let text = fs::read_to_string(path).ok()?;
    let invocation = serde_json::from_str(&text).ok()?;
    Some(Recorded { key, invocation })
}

/// The workspace wrapper: records the invocation (for the cell crate, when every part is
/// UTF-8), then runs rustc and exits with its status. Never returns.
pub(crate) fn record_and_run(record: OsString) -> ! {
    let mut args = std::env::args_os().skip(1);
    let Some(rustc) = args.next() else {
        eprintln!("{RECORD_ENV} is set but no rustc was given");
        std::process::exit(2);
    };
    let args: Vec<OsString> = args.collect();
    if is_cell_crate(&args)
        && let Some(invocation) = invocation(&rustc, &args)
        && let Ok(json) = serde_json::to_string(&invocation)
    {
        // A missing record only means the next cell goes through cargo again.
        let _ = fs::write(&record, json);
    }
    let code = match Command::new(&rustc).args(&args).status() {
        Ok(status) => status.code().unwrap_or(1),
        Err(error) => {
            eprintln!("Failed to run {}: {error}", rustc.to_string_lossy());
            1
        }
    };
    std::process::exit(code)
}

fn is_cell_crate(args: &[OsString]) -> bool {
    args.windows(2)
        .any(|w| w[0] == "--crate-name" && w[1] == CRATE_NAME)
}

fn invocation(rustc: &OsString, args: &[OsString]) -> Option<Invocation> {
    let text = |s: &OsString| s.to_str().map(str::to_owned);
    let env = std::env::vars_os()
        .filter(|(k, _)| !DROPPED_ENV.iter().any(|d| k == d))
        .map(|(k, v)| Some((text(&k)?, text(&v)?)))
        .collect::<Option<_>>()?;
    Some(Invocation {
        program: text(rustc)?,
        args: args.iter().map(text).collect::<Option<_>>()?,
        env,
        dir: std::env::current_dir().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cell_crate_is_recognised_by_its_crate_name_argument() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(is_cell_crate(&args(&[
            "--crate-name",
            CRATE_NAME,
            "src/lib.rs"
        ])));
        assert!(!is_cell_crate(&args(&[
            "--crate-name",
            "arraylib",
            CRATE_NAME
        ])));
        assert!(!is_cell_crate(&args(&["-vV"])));
    }

    #[test]
    fn a_key_changes_with_the_command_and_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Cargo.toml"), "[package]").unwrap();
        let mut cargo = Command::new("cargo");
        cargo.arg("build");
        let key = build_key(&cargo, dir.path());
        assert_eq!(key, build_key(&cargo, dir.path()));
        fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\n[dependencies]\nx = \"1\"",
        )
        .unwrap();
        assert_ne!(key, build_key(&cargo, dir.path()));
        let changed = build_key(&cargo, dir.path());
        cargo.env("RUSTFLAGS", "-Copt-level=0");
        assert_ne!(changed, build_key(&cargo, dir.path()));
        assert!(can_record(&cargo));
        cargo.env("RUSTC_WRAPPER", "sccache");
        assert!(!can_record(&cargo));
    }

    #[test]
    fn a_record_round_trips_and_rebuilds_the_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(RECORD_FILE);
        let invocation = Invocation {
            program: "/bin/rustc".into(),
            args: vec!["--crate-name".into(), CRATE_NAME.into()],
            env: vec![("CARGO_PKG_NAME".into(), "ctx".into())],
            dir: dir.path().to_owned(),
        };
        fs::write(&path, serde_json::to_string(&invocation).unwrap()).unwrap();
        let recorded = load(&path, "k".into()).unwrap();
        assert!(recorded.matches("k") && !recorded.matches("other"));
        assert_eq!(recorded.invocation, invocation);
        let command = recorded.command();
        assert_eq!(command.get_program(), "/bin/rustc");
        assert_eq!(command.get_args().count(), 2);
        assert_eq!(command.get_current_dir(), Some(dir.path()));
        assert!(load(&dir.path().join("missing"), "k".into()).is_none());
    }
}
