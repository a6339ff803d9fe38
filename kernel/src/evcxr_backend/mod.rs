//! [`Interpreter`] and [`LanguageServices`] backed by evcxr, with arraylib and the
//! `kernel_cell` display API bound into every session.
//!
//! Start-up: the expensive part of a new evcxr session is compiling the
//! dependencies cells see and loading rust-analyzer. `install/` builds a *template*
//! session once (`--create-template`); every kernel copies it into its own
//! `EVCXR_TMPDIR` (two kernels must never share one, see `session.rs`), replays the
//! setup cell, which then compiles nothing but the tiny cell crate, and starts warming
//! rust-analyzer on its own thread; all while the kernel already answers requests.

pub mod errors;
pub mod output;
pub mod runtime;
pub mod session;

use crate::interpreter::{
    Completions, ErrorInfo, ExecuteOutcome, ExecuteRequest, Interpreter, IsComplete, LanguageServices, MimeBundle,
    OutputSink,
};
use crate::magics;
use output::Pump;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// File in a template directory holding the setup cell it was built with.
pub const SETUP_FILE: &str = "setup.rs";
/// Sub-directory of a template holding the evcxr session directory.
pub const CTX_DIR: &str = "ctx";

/// The setup cell: bind arraylib and the display API into the session. `root` is a
/// checkout (or install-time snapshot) of the repository; default: this source tree.
/// Cells depend on `kernel_cell` only, a dylib that carries arraylib (see its manifest);
/// `use kernel_cell::arraylib` keeps `arraylib::...` paths working.
pub fn setup_code(root: Option<&Path>) -> String {
    let root = root
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    let cell = root.join("kernel/cell");
    let canon = |p: PathBuf| p.canonicalize().unwrap_or(p).display().to_string();
    format!(
        ":offline 1\n:dep kernel_cell = {{ path = {:?} }}\nuse kernel_cell::arraylib;\nuse kernel_cell::prelude::*;\n\
         kernel_cell::install();\n{{ let w = array![[1.0, 2.0], [3.0, 4.0]]; let _ = kernel_cell::mime_bundle(&w); }}\n",
        canon(cell)
    )
}

/// Code whose completion makes rust-analyzer analyse what typical cells use: iterator
/// chains into a `Vec`, arrays, their methods and operators (nothing is compiled or run).
const WARM_UP: &str = "let v: Vec<f64> = (0..4).map(|i| i as f64 * 0.5).collect();\n\
    let x = Array::from_shape_vec([2, 2], v).unwrap();\n\
    let y = (&x - &x.mean_axis(0)) / x.std_axis(0) * 2.0 + 1.0;\n\
    println!(\"{} {:?}\", y.mean(), y.shape());\ny.";

/// Options of the evcxr backend.
#[derive(Debug, Clone)]
pub struct Config {
    /// Template directory made by `--create-template` (None: start from scratch).
    pub template: Option<PathBuf>,
    /// This kernel's private evcxr directory (also exported as `EVCXR_TMPDIR`).
    pub session_dir: PathBuf,
    /// How long an interrupted cell may take to stop before its process is killed.
    pub grace: Duration,
    /// Whether to delete `session_dir` on shutdown.
    pub remove_session_dir: bool,
}

/// State shared between the interpreter (worker thread) and the services.
pub struct Shared {
    config: Config,
    child_pid: AtomicU32,
    running: AtomicBool,
    serial: AtomicU64,
    killed_by_interrupt: AtomicBool,
    interrupt_pending: AtomicBool,
    variables: Mutex<Vec<String>>,
    rustc_version: OnceLock<String>,
}

impl Shared {
    /// Creates the shared state for a kernel.
    pub fn new(config: Config) -> Arc<Shared> {
        Arc::new(Shared {
            config,
            child_pid: AtomicU32::new(0),
            running: AtomicBool::new(false),
            serial: AtomicU64::new(0),
            killed_by_interrupt: AtomicBool::new(false),
            interrupt_pending: AtomicBool::new(false),
            variables: Mutex::new(Vec::new()),
            rustc_version: OnceLock::new(),
        })
    }
}

struct Ready {
    ctx: evcxr::CommandContext,
    pump: Pump,
    needs_setup: bool,
}

/// The evcxr-backed interpreter; lives on the worker thread.
pub struct EvcxrInterpreter {
    shared: Arc<Shared>,
    ready: Result<Ready, String>,
    setup: String,
}

impl EvcxrInterpreter {
    /// Starts the session: copy the template, spawn the runtime, run the setup cell.
    /// Blocks (about a second with a template); call it on the worker thread.
    pub fn start(shared: Arc<Shared>) -> EvcxrInterpreter {
        let config = shared.config.clone();
        let setup = config
            .template
            .as_ref()
            .and_then(|t| std::fs::read_to_string(t.join(SETUP_FILE)).ok())
            .unwrap_or_else(|| setup_code(None));
        let ready = Self::boot(&shared, &config, &setup);
        if let Err(e) = &ready {
            eprintln!("[arraylib-kernel] session start failed: {e}");
        }
        session::sweep_stale(&config.session_dir);
        EvcxrInterpreter { shared, ready, setup }
    }

    fn boot(shared: &Shared, config: &Config, setup: &str) -> Result<Ready, String> {
        let t = std::time::Instant::now();
        let template = config.template.as_ref().map(|t| t.join(CTX_DIR));
        session::prepare(&config.session_dir, template.as_deref())
            .map_err(|e| format!("cannot prepare {}: {e}", config.session_dir.display()))?;
        log(&format!("session dir ready after {:?}", t.elapsed()));
        let (ctx, outputs) = evcxr::CommandContext::new().map_err(|e| e.to_string())?;
        log(&format!("evcxr context ready after {:?}", t.elapsed()));
        let pump = Pump::start(outputs.stdout, outputs.stderr);
        let mut ready = Ready {
            ctx,
            pump,
            needs_setup: false,
        };
        Self::run_setup(shared, &mut ready, setup)?;
        log(&format!("setup cell done after {:?}", t.elapsed()));
        // evcxr asks rust-analyzer for the type of every top-level `let` of every cell;
        // its first such query analyses arraylib and its dependencies (seconds). Start
        // that now, on rust-analyzer's own thread: cells that come meanwhile run at once
        // (rustc infers their variables' types) and the next cell picks up the names.
        if let Err(e) = ready.ctx.warm_up_analysis(WARM_UP) {
            log(&format!("rust-analyzer warm-up not started: {e}"));
        }
        Ok(ready)
    }

    fn run_setup(shared: &Shared, ready: &mut Ready, setup: &str) -> Result<(), String> {
        let r = ready.ctx.execute(setup);
        let _ = ready.pump.fence();
        shared.child_pid.store(child_pid(&ready.ctx), Ordering::SeqCst);
        r.map(|_| ()).map_err(|e| format!("setup cell failed: {e}"))
    }
}

/// Whether `ARRAYLIB_KERNEL_LOG` asks for timing logs on stderr.
fn log_enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ARRAYLIB_KERNEL_LOG").is_some_and(|v| v != "0"))
}

fn log(msg: &str) {
    if log_enabled() {
        eprintln!("[arraylib-kernel] {msg}");
    }
}

fn child_pid(ctx: &evcxr::CommandContext) -> u32 {
    ctx.process_handle().lock().map(|c| c.id()).unwrap_or(0)
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map(|(b, _)| b).unwrap_or(s.len())
}

fn byte_to_char(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Interpreter for EvcxrInterpreter {
    fn execute(&mut self, request: &ExecuteRequest, out: Arc<dyn OutputSink>) -> ExecuteOutcome {
        if let Err(e) = &self.ready {
            return ExecuteOutcome::Error(ErrorInfo {
                ename: "KernelStartupError".into(),
                evalue: e.clone(),
                traceback: vec![format!("The Rust session could not start: {e}")],
            });
        }
        if magics::has_magic(&request.code) {
            if let Ok(ready) = &mut self.ready {
                // `%whos` shows the types of variables that rust-analyzer names late.
                ready.ctx.settle_variable_types();
            }
            return magics::execute(&request.code, request.silent, self, &out);
        }
        self.run_cell(&request.code, request.silent, out)
    }

    fn complete(&mut self, code: &str, cursor: usize) -> Completions {
        if let Some(c) = magics::complete(code, cursor) {
            return c;
        }
        let quick = || quick_complete(&self.shared, code, cursor);
        let Ok(ready) = &mut self.ready else { return quick() };
        let byte = char_to_byte(code, cursor);
        match ready.ctx.completions(code, byte) {
            Ok(c) if !c.completions.is_empty() => {
                let mut matches: Vec<String> = Vec::new();
                for m in c.completions {
                    if !matches.contains(&m.code) {
                        matches.push(m.code);
                    }
                }
                Completions {
                    matches,
                    cursor_start: byte_to_char(code, c.start_offset),
                    cursor_end: byte_to_char(code, c.end_offset),
                }
            }
            // rust-analyzer may lack std sources on a fresh machine: degrade gracefully.
            _ => quick(),
        }
    }

    fn inspect(&mut self, code: &str, cursor: usize, _detail_level: u8) -> Option<MimeBundle> {
        let ready = self.ready.as_mut().ok()?;
        // Hover works on the name ending at the position: extend to the end of it.
        let mut byte = char_to_byte(code, cursor);
        while let Some(c) = code[byte..].chars().next().filter(|c| is_ident(*c)) {
            byte += c.len_utf8();
        }
        let (plain, html) = ready.ctx.hover_at(code, byte).ok()?;
        if plain.trim().is_empty() || plain == "No documentation found" {
            return None;
        }
        let mut b = MimeBundle::new();
        b.insert("text/plain".into(), Value::String(plain));
        b.insert("text/html".into(), Value::String(html));
        Some(b)
    }
}

/// Magics reach the session through these (see `crate::magics`).
impl magics::Session for EvcxrInterpreter {
    fn run(&mut self, code: &str, silent: bool, out: &Arc<dyn OutputSink>) -> ExecuteOutcome {
        self.run_cell(code, silent, out.clone())
    }

    fn variables(&self) -> Vec<(String, String)> {
        let Ok(ready) = &self.ready else { return Vec::new() };
        ready
            .ctx
            .variables_and_types()
            .map(|(n, t)| (n.to_owned(), t.to_owned()))
            .collect()
    }

    fn reset(&mut self) -> Result<(), String> {
        let ready = self.ready.as_mut().map_err(|e| e.clone())?;
        ready.ctx.execute(":clear").map_err(|e| e.to_string())?;
        Self::run_setup(&self.shared, ready, &self.setup)?;
        self.shared.variables.lock().unwrap().clear();
        Ok(())
    }

    fn doc(&mut self, name: &str) -> Option<MimeBundle> {
        self.inspect(name, name.chars().count(), 1)
    }
}

impl EvcxrInterpreter {
    /// Compiles and runs one cell of Rust (and evcxr `:` commands), streaming its output.
    fn run_cell(&mut self, code: &str, silent: bool, out: Arc<dyn OutputSink>) -> ExecuteOutcome {
        let shared = self.shared.clone();
        let Ok(ready) = &mut self.ready else {
            unreachable!("execute() answers for a session that failed to start")
        };
        if ready.needs_setup {
            ready.needs_setup = false;
            if let Err(e) = Self::run_setup(&shared, ready, &self.setup) {
                eprintln!("[arraylib-kernel] {e}");
            }
        }
        if shared.interrupt_pending.swap(false, Ordering::SeqCst) {
            // A request that arrived when nothing polled it must not hit this cell.
            runtime::signal(shared.child_pid.load(Ordering::SeqCst), runtime::SIG_CLEAR);
        }
        let before: Vec<String> = ready.ctx.variables_and_types().map(|(n, _)| n.to_owned()).collect();
        ready.pump.begin(out.clone());
        shared.killed_by_interrupt.store(false, Ordering::SeqCst);
        shared.serial.fetch_add(1, Ordering::SeqCst);
        shared.running.store(true, Ordering::SeqCst);
        let reader_out = out.clone();
        // (evcxr does not re-export `InputRequest`; the closure's type comes from the field.)
        let mut callbacks = evcxr::EvalCallbacks {
            input_reader: &move |r| reader_out.input(&r.prompt, r.is_password).unwrap_or_default(),
        };
        let t = std::time::Instant::now();
        let result = ready.ctx.execute_with_callbacks(code, &mut callbacks);
        if log_enabled() {
            let phases = match &result {
                Ok(o) => o
                    .phases
                    .iter()
                    .map(|p| format!("{} {:?}", p.name, p.duration))
                    .collect::<Vec<_>>()
                    .join(", "),
                Err(_) => "failed".into(),
            };
            log(&format!("cell took {:?}: {phases}", t.elapsed()));
        }
        shared.running.store(false, Ordering::SeqCst);
        let panic = ready.pump.fence();
        shared.child_pid.store(child_pid(&ready.ctx), Ordering::SeqCst);
        *shared.variables.lock().unwrap() = ready.ctx.variables_and_types().map(|(n, _)| n.to_owned()).collect();
        match result {
            Ok(outputs) => {
                if let Some(p) = panic {
                    return ExecuteOutcome::Error(errors::panic_error(&p));
                }
                let mut bundle = MimeBundle::new();
                if silent {
                    return ExecuteOutcome::Ok(None);
                }
                for (mime, content) in outputs.content_by_mime_type {
                    let v = if mime == "application/json" {
                        serde_json::from_str(&content).unwrap_or(Value::String(content))
                    } else {
                        Value::String(content)
                    };
                    bundle.insert(mime, v);
                }
                crate::figure_formats::apply(&mut bundle);
                ExecuteOutcome::Ok((!bundle.is_empty()).then_some(bundle))
            }
            Err(evcxr::Error::CompilationErrors(errs)) => ExecuteOutcome::Error(errors::compile_error(&errs, code)),
            Err(evcxr::Error::SubprocessTerminated(reason)) => {
                ready.needs_setup = true;
                let killed = shared.killed_by_interrupt.swap(false, Ordering::SeqCst);
                let grace = shared.config.grace.as_millis() as u64;
                ExecuteOutcome::Error(errors::restart_error(&reason, &before, killed, grace))
            }
            Err(evcxr::Error::TypeRedefinedVariablesLost(vars)) => ExecuteOutcome::Error(ErrorInfo {
                ename: "VariablesLost".into(),
                evalue: format!(
                    "a type was redefined, so these variables were dropped: {}",
                    vars.join(", ")
                ),
                traceback: vec![],
            }),
            Err(e) => {
                let msg = e.to_string();
                ExecuteOutcome::Error(ErrorInfo {
                    ename: "EvcxrError".into(),
                    evalue: msg.clone(),
                    traceback: vec![msg],
                })
            }
        }
    }
}

const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "const",
    "continue",
    "crate",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "println!",
    "print!",
    "eprintln!",
    "format!",
    "vec!",
    "assert!",
    "assert_eq!",
];

const PRELUDE: &[&str] = &[
    "Array",
    "DType",
    "array",
    "arange",
    "zeros",
    "ones",
    "full",
    "empty",
    "eye",
    "identity",
    "linspace",
    "display",
    "display_mime",
    "clear_output",
    "clear_output_wait",
    "check_interrupt",
    "timeit",
    "progress",
    "Progress",
    "input",
    "Html",
    "Markdown",
    "Svg",
    "Latex",
];

/// Completions from the cell text itself, known variables, the prelude and keywords.
fn quick_complete(shared: &Shared, code: &str, cursor: usize) -> Completions {
    let chars: Vec<char> = code.chars().collect();
    let cursor = cursor.min(chars.len());
    let mut start = cursor;
    while start > 0 && is_ident(chars[start - 1]) {
        start -= 1;
    }
    let prefix: String = chars[start..cursor].iter().collect();
    let mut cands: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        if is_ident(c) {
            word.push(c);
        } else {
            // Skip the word being typed itself.
            if !word.is_empty() && i != cursor && !word.chars().next().unwrap().is_ascii_digit() {
                cands.push(std::mem::take(&mut word));
            }
            word.clear();
        }
    }
    cands.extend(shared.variables.lock().unwrap().iter().cloned());
    cands.extend(PRELUDE.iter().map(|s| s.to_string()));
    cands.extend(KEYWORDS.iter().map(|s| s.to_string()));
    let mut matches: Vec<String> = Vec::new();
    for c in cands {
        if c.starts_with(&prefix) && c != prefix && !matches.contains(&c) {
            matches.push(c);
        }
    }
    matches.sort();
    Completions {
        matches,
        cursor_start: start,
        cursor_end: cursor,
    }
}

/// Thread-safe services of the evcxr backend.
pub struct EvcxrServices {
    shared: Arc<Shared>,
}

impl EvcxrServices {
    /// Creates the services over the shared state.
    pub fn new(shared: Arc<Shared>) -> Self {
        let s = shared.clone();
        std::thread::spawn(move || {
            let v = std::process::Command::new("rustc")
                .arg("--version")
                .output()
                .ok()
                .and_then(|o| String::from_utf8(o.stdout).ok())
                .and_then(|s| s.split_whitespace().nth(1).map(str::to_owned))
                .unwrap_or_default();
            let _ = s.rustc_version.set(v);
        });
        EvcxrServices { shared }
    }
}

impl LanguageServices for EvcxrServices {
    fn language_info(&self) -> Value {
        json!({
            "name": "rust",
            "version": self.shared.rustc_version.get().cloned().unwrap_or_default(),
            "mimetype": "text/rust",
            "file_extension": ".rs",
            "pygments_lexer": "rust",
            "codemirror_mode": "rust",
        })
    }

    fn banner(&self) -> String {
        "Rust (evcxr 0.22) with arraylib in scope. Show values with display(&x); \
         time code with %timeit (%lsmagic lists the magics); poll interrupts in long loops with check_interrupt()."
            .to_owned()
    }

    fn is_complete(&self, code: &str) -> IsComplete {
        crate::syntax::is_complete(&magics::rust_view(code))
    }

    fn quick_complete(&self, code: &str, cursor: usize) -> Completions {
        magics::complete(code, cursor).unwrap_or_else(|| quick_complete(&self.shared, code, cursor))
    }

    fn interrupt(&self) {
        let s = &self.shared;
        if !s.running.load(Ordering::SeqCst) {
            return;
        }
        s.interrupt_pending.store(true, Ordering::SeqCst);
        let pid = s.child_pid.load(Ordering::SeqCst);
        runtime::signal(pid, runtime::SIG_INTERRUPT);
        let serial = s.serial.load(Ordering::SeqCst);
        let s = s.clone();
        std::thread::spawn(move || {
            std::thread::sleep(s.config.grace);
            if s.running.load(Ordering::SeqCst) && s.serial.load(Ordering::SeqCst) == serial {
                // The cell ignored the request (a loop that never polls): kill the
                // runtime; evcxr restarts it and the cell reports what was lost.
                s.killed_by_interrupt.store(true, Ordering::SeqCst);
                runtime::signal(pid, libc::SIGKILL);
            }
        });
    }

    fn shutdown(&self) {
        let s = &self.shared;
        runtime::signal(s.child_pid.load(Ordering::SeqCst), libc::SIGKILL);
        if s.config.remove_session_dir {
            let _ = std::fs::remove_dir_all(&s.config.session_dir);
        }
    }
}
