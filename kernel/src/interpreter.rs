//! The language-agnostic interface between the protocol core and an evaluator.
//!
//! The protocol core (`crate::protocol`) owns sockets, signing, status messages,
//! execution counts and history; it never sees Rust code semantics. An evaluator
//! implements two traits:
//! - [`Interpreter`]: stateful work that runs on one worker thread, one request at a
//!   time (execute, complete, inspect);
//! - [`LanguageServices`]: cheap, thread-safe answers the core gives immediately,
//!   even while a cell runs (kernel_info, is_complete, quick completions, interrupt).

use serde_json::{Map, Value};
use std::sync::Arc;

/// A MIME bundle: MIME type to content (`text/plain` is a string, JSON types are JSON).
pub type MimeBundle = Map<String, Value>;

/// Which output stream a chunk of text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamName {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

impl StreamName {
    /// The name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            StreamName::Stdout => "stdout",
            StreamName::Stderr => "stderr",
        }
    }
}

/// Where an interpreter sends output *while* a cell runs. The protocol core turns
/// these calls into IOPub (and stdin) messages parented to the execute request.
pub trait OutputSink: Send + Sync {
    /// Text written to stdout or stderr.
    fn stream(&self, name: StreamName, text: &str);
    /// Rich output. `display_id` makes it updatable; `update` sends
    /// `update_display_data` instead of `display_data`.
    fn display(&self, data: MimeBundle, metadata: Value, display_id: Option<String>, update: bool);
    /// Clears the output area (`wait`: only when new output arrives).
    fn clear_output(&self, wait: bool);
    /// Asks the frontend for a line of input. `None` when the frontend does not
    /// allow stdin or the request failed.
    fn input(&self, prompt: &str, password: bool) -> Option<String>;
}

/// The parts of an execute request an interpreter needs.
#[derive(Debug, Clone)]
pub struct ExecuteRequest {
    /// Cell source.
    pub code: String,
    /// `silent`: the core sends no result; backends may skip rendering one.
    pub silent: bool,
}

/// A language-level error to report as a Jupyter `error`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// Error name, e.g. `ValueError`, `CompileError`.
    pub ename: String,
    /// Error message.
    pub evalue: String,
    /// Lines of the (short) traceback, may contain ANSI colour codes.
    pub traceback: Vec<String>,
}

/// What came of executing one cell.
#[derive(Debug, Clone)]
pub enum ExecuteOutcome {
    /// Success, with the value of the cell's last expression if any.
    Ok(Option<MimeBundle>),
    /// The cell failed.
    Error(ErrorInfo),
    /// The cell asked for help text (e.g. `?name`): sent as a `page` payload.
    Page(MimeBundle),
}

/// Completion candidates, with the code-point range they replace.
#[derive(Debug, Clone, Default)]
pub struct Completions {
    /// Candidate texts.
    pub matches: Vec<String>,
    /// Start of the replaced range (Unicode code points).
    pub cursor_start: usize,
    /// End of the replaced range (Unicode code points).
    pub cursor_end: usize,
}

/// Answer to an is_complete request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IsComplete {
    /// Ready to execute.
    Complete,
    /// Needs more input; the string is the suggested indent of the next line.
    Incomplete(String),
    /// Can never become valid by appending text.
    Invalid,
    /// Cannot tell.
    #[allow(dead_code)] // part of the protocol's answer set; the Rust backend always decides
    Unknown,
}

/// Stateful evaluator operations; called from a single worker thread, serially
/// (created on that thread, so it need not be `Send`).
pub trait Interpreter {
    /// Runs a cell, sending streamed/rich output to `out` as it happens.
    fn execute(&mut self, request: &ExecuteRequest, out: Arc<dyn OutputSink>) -> ExecuteOutcome;
    /// Completions at `cursor` (code points).
    fn complete(&mut self, code: &str, cursor: usize) -> Completions;
    /// Documentation/type of the name at `cursor`, if any.
    fn inspect(&mut self, code: &str, cursor: usize, detail_level: u8) -> Option<MimeBundle>;
}

/// Thread-safe operations the core may call at any time, also while a cell runs.
pub trait LanguageServices: Send + Sync {
    /// `language_info` for kernel_info_reply.
    fn language_info(&self) -> Value;
    /// Banner text for kernel_info_reply.
    fn banner(&self) -> String;
    /// Syntactic completeness of `code`.
    fn is_complete(&self, code: &str) -> IsComplete;
    /// Completions that need no evaluator state (used while the evaluator is busy).
    fn quick_complete(&self, code: &str, cursor: usize) -> Completions;
    /// Requests an interrupt of the running cell (no-op when idle).
    fn interrupt(&self);
    /// Releases resources (child processes, temp dirs) before the process exits.
    fn shutdown(&self);
}
