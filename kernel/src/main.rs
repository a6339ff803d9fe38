//! `arraylib-kernel`: a Jupyter kernel for Rust cells, evaluated by evcxr, with
//! arraylib bound into every session.
//!
//! Data flow:
//! ```text
//! frontend ──ZeroMQ──▶ protocol (wire → shell/control/stdin/iopub/heartbeat)
//!                          │ Interpreter / LanguageServices traits
//!                          ▼
//!                     evcxr_backend (evcxr CommandContext, output pump)
//!                          │ stdin/stdout pipes, signals
//!                          ▼
//!                     runtime child process (this binary again) running cell dylibs
//!                     that link arraylib + kernel_cell (display API, panic hook)
//! ```

mod evcxr_backend;
mod figure_formats;
mod interpreter;
mod magics;
mod protocol;
mod syntax;

use evcxr_backend::{Config, EvcxrInterpreter, EvcxrServices, Shared};
use interpreter::Interpreter;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

const USAGE: &str = "usage:
  arraylib-kernel [--template DIR] [--connection-file] CONNECTION_FILE
  arraylib-kernel --create-template DIR [--crates SRC_ROOT]
  arraylib-kernel --print-setup";

/// `kernel_cell`'s dependencies that its API exposes (see the vendored evcxr's `VENDORED.md`).
const RA_OPAQUE: &str = "kernel_cell:ndarray,num-complex,num-traits,num-integer";

fn main() {
    // Both must come first: this binary is re-executed as evcxr's runtime child and
    // as a rustc wrapper, and then never returns from runtime_hook.
    evcxr_backend::runtime::prepare_child();
    evcxr::runtime_hook();
    // evcxr expects each cell's library in its own session's target dir; an inherited
    // target dir override (our build scripts export one) would send it elsewhere.
    // SAFETY: single-threaded at this point.
    unsafe {
        std::env::remove_var("CARGO_TARGET_DIR");
        std::env::remove_var("CARGO_BUILD_TARGET_DIR");
        // rust-analyzer (in evcxr) needs the signatures cells can reach: kernel_cell, arraylib
        // and the crates arraylib's API shows. The rest of kernel_cell's dependencies (faer,
        // rayon, zip, ...) would only make its first analysis slower (14 s -> 8 s without).
        std::env::set_var("EVCXR_RA_OPAQUE", RA_OPAQUE);
    }
    add_std_to_library_path();

    let mut args = std::env::args().skip(1);
    let mut connection_file = None;
    let mut template = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--create-template" => {
                let dir = PathBuf::from(args.next().unwrap_or_else(|| die(USAGE)));
                let crates = match args.next().as_deref() {
                    Some("--crates") => Some(PathBuf::from(args.next().unwrap_or_else(|| die(USAGE)))),
                    Some(other) => die(&format!("unexpected {other}\n{USAGE}")),
                    None => None,
                };
                if let Err(e) = create_template(&dir, crates.as_deref()) {
                    die(&format!("creating the template failed: {e}"));
                }
                return;
            }
            "--print-setup" => {
                print!("{}", evcxr_backend::setup_code(None));
                return;
            }
            "--template" => template = args.next().map(PathBuf::from),
            "--connection-file" | "-f" => connection_file = args.next().map(PathBuf::from),
            "--version" => {
                println!("arraylib-kernel {}", env!("CARGO_PKG_VERSION"));
                return;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other if connection_file.is_none() && !other.starts_with('-') => {
                connection_file = Some(PathBuf::from(other))
            }
            other => die(&format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let connection_file = connection_file.unwrap_or_else(|| die(USAGE));
    let conn = protocol::connection::ConnectionInfo::from_file(&connection_file)
        .unwrap_or_else(|e| die(&format!("cannot read {}: {e}", connection_file.display())));

    let session_dir = std::env::temp_dir().join(format!("arraylib-kernel-{}", std::process::id()));
    // SAFETY: still single-threaded; evcxr reads this when the session starts.
    unsafe { std::env::set_var("EVCXR_TMPDIR", &session_dir) };
    let grace_ms = std::env::var("ARRAYLIB_KERNEL_GRACE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let shared = Shared::new(Config {
        template: template.filter(|t| t.is_dir()),
        session_dir,
        grace: Duration::from_millis(grace_ms),
        remove_session_dir: true,
    });
    let services = Arc::new(EvcxrServices::new(shared.clone()));
    let factory = Box::new(move || Box::new(EvcxrInterpreter::start(shared)) as Box<dyn Interpreter>);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| die(&format!("tokio: {e}")));
    let result = rt.block_on(protocol::serve(conn, factory, services));
    if let Err(e) = result {
        die(&format!("kernel failed: {e}"));
    }
    // Threads (the worker may be mid-cell) are not joined: the process just ends.
    std::process::exit(0);
}

/// Builds a template session at install time: compiles arraylib and kernel_cell
/// once so that each new kernel only copies the directory. `crates` is the source
/// root cells compile against (install/ passes a snapshot, so that editing the
/// checkout does not change, or recompile, installed kernels).
fn create_template(dir: &std::path::Path, crates: Option<&std::path::Path>) -> anyhow::Result<()> {
    let ctx_dir = dir.join(evcxr_backend::CTX_DIR);
    if ctx_dir.exists() {
        std::fs::remove_dir_all(&ctx_dir)?;
    }
    std::fs::create_dir_all(&ctx_dir)?;
    let setup = evcxr_backend::setup_code(crates);
    std::fs::write(dir.join(evcxr_backend::SETUP_FILE), &setup)?;
    // SAFETY: single-threaded at this point.
    unsafe { std::env::set_var("EVCXR_TMPDIR", &ctx_dir) };
    let (mut ctx, outputs) = evcxr::CommandContext::new().map_err(|e| anyhow::anyhow!("{e}"))?;
    std::thread::spawn(move || {
        for l in outputs.stderr {
            eprintln!("{l}");
        }
    });
    let t = std::time::Instant::now();
    // Online here (crates may still need downloading); kernels replay it offline.
    let online_setup: String = setup
        .lines()
        .filter(|l| !l.starts_with(":offline"))
        .map(|l| format!("{l}\n"))
        .collect();
    ctx.execute(&online_setup)
        .map_err(|e| anyhow::anyhow!("setup cell: {e}"))?;
    eprintln!(
        "template ready in {:.1} s at {}",
        t.elapsed().as_secs_f64(),
        dir.display()
    );
    Ok(())
}

/// Puts the toolchain's `libstd-*.so` on `LD_LIBRARY_PATH` for the runtime child.
///
/// Cell libraries find libstd through a *relative* RUNPATH computed for cargo's
/// `deps/` directory, while evcxr loads the copy one level up; that only resolves
/// when the session directory and the toolchain share no ancestor but `/` (as with
/// `/tmp` and `~/.rustup`), not for a template under `~/.cache`.
fn add_std_to_library_path() {
    let Ok(out) = std::process::Command::new("rustc")
        .args(["--print", "target-libdir"])
        .output()
    else {
        return;
    };
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if dir.is_empty() {
        return;
    }
    let value = match std::env::var("LD_LIBRARY_PATH") {
        Ok(old) if !old.is_empty() => format!("{dir}:{old}"),
        _ => dir,
    };
    // SAFETY: called from main while single-threaded.
    unsafe { std::env::set_var("LD_LIBRARY_PATH", value) };
}

fn die(msg: &str) -> ! {
    eprintln!("arraylib-kernel: {msg}");
    std::process::exit(2);
}
