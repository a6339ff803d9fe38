//! Turning evcxr's errors and reported panics into Jupyter errors.

use super::output::PanicReport;
use crate::interpreter::ErrorInfo;

const RED: &str = "\x1b[0;31m";
const BOLD: &str = "\x1b[1m";
const CYAN: &str = "\x1b[0;36m";
const RESET: &str = "\x1b[0m";

/// Splits `"ValueError: message"` into its exception name and message, the
/// convention arraylib's notebook-facing operations follow when they panic.
pub fn split_ename(message: &str) -> Option<(&str, &str)> {
    let (name, rest) = message.split_once(": ")?;
    let ident = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let kind = ["Error", "Exception", "Interrupt", "Warning", "Exit"]
        .iter()
        .any(|s| name.ends_with(s));
    (ident && kind).then_some((name, rest))
}

/// A panic (or arraylib error) as a Jupyter error. Variables survive panics.
pub fn panic_error(p: &PanicReport) -> ErrorInfo {
    let (ename, evalue) = match split_ename(&p.message) {
        Some((n, v)) => (n.to_owned(), v.to_owned()),
        None => ("Panic".to_owned(), p.message.clone()),
    };
    let mut traceback = vec![format!("{RED}{BOLD}{ename}{RESET}: {evalue}")];
    if !p.thread.is_empty() && p.thread != "main" && p.thread != "<unnamed>" {
        traceback.push(format!("  in thread '{}'", p.thread));
    }
    if !p.location.is_empty() && !p.location.starts_with("src/lib.rs") {
        // Locations inside the generated cell crate mean nothing to the user.
        traceback.push(format!("  panicked at {}", p.location));
    }
    if ename == "KeyboardInterrupt" {
        traceback.push("The cell stopped; every variable defined before it is kept.".to_owned());
    } else {
        traceback.push("Variables from earlier cells are kept.".to_owned());
    }
    ErrorInfo {
        ename,
        evalue,
        traceback,
    }
}

/// rustc errors with line/column relative to the cell and the offending source line.
pub fn compile_error(errors: &[evcxr::CompilationError], code: &str) -> ErrorInfo {
    let lines: Vec<&str> = code.lines().collect();
    let mut traceback = Vec::new();
    let mut evalue = String::new();
    for e in errors.iter().filter(|e| e.level() == "error") {
        let code_s = e.code().map(|c| format!("[{c}]")).unwrap_or_default();
        let mut block = format!("{RED}{BOLD}error{code_s}{RESET}{BOLD}: {}{RESET}", e.message());
        let mut first_pos = None;
        for sm in e.spanned_messages() {
            let Some(span) = sm.span else {
                if !sm.label.is_empty() {
                    block.push_str(&format!("\n  {}", sm.label));
                }
                continue;
            };
            first_pos.get_or_insert((span.start_line, span.start_column));
            block.push_str(&format!(
                "\n {CYAN}-->{RESET} cell:{}:{}",
                span.start_line, span.start_column
            ));
            if let Some(src) = lines.get(span.start_line.saturating_sub(1)) {
                let width = if span.end_line == span.start_line {
                    span.end_column.saturating_sub(span.start_column).max(1)
                } else {
                    src.chars().count().saturating_sub(span.start_column - 1).max(1)
                };
                block.push_str(&format!("\n{CYAN}{:>4} |{RESET} {src}", span.start_line));
                block.push_str(&format!(
                    "\n     {CYAN}|{RESET} {}{RED}{}{} {}{RESET}",
                    " ".repeat(span.start_column.saturating_sub(1)),
                    if sm.is_primary { "^" } else { "-" },
                    (if sm.is_primary { "^" } else { "-" }).repeat(width - 1),
                    sm.label
                ));
            }
        }
        for h in e.help() {
            block.push_str(&format!("\n     {CYAN}={RESET} help: {h}"));
        }
        if let Some(hint) = e.evcxr_extra_hint() {
            block.push_str(&format!("\n     {CYAN}={RESET} note: {hint}"));
        }
        if evalue.is_empty() {
            evalue = match first_pos {
                Some((l, c)) => format!("{} (line {l}, column {c})", e.message()),
                None => e.message(),
            };
        }
        traceback.extend(block.lines().map(str::to_owned));
    }
    if evalue.is_empty() {
        evalue = "compilation failed".to_owned();
        traceback.extend(errors.iter().map(|e| e.rendered()));
    }
    ErrorInfo {
        ename: "CompileError".to_owned(),
        evalue,
        traceback,
    }
}

/// The runtime process died (abort, segfault, or killed after an interrupt) and
/// evcxr restarted it: say why and which variables are gone.
pub fn restart_error(reason: &str, lost: &[String], killed_by_interrupt: bool, grace_ms: u64) -> ErrorInfo {
    let lost_s = if lost.is_empty() {
        "none".to_owned()
    } else {
        lost.join(", ")
    };
    let (ename, evalue) = if killed_by_interrupt {
        (
            "KeyboardInterrupt",
            format!(
                "the cell did not stop within {:.1} s of the interrupt, so its runtime process was killed and restarted; lost variables: {lost_s}",
                grace_ms as f64 / 1000.0
            ),
        )
    } else {
        (
            "RuntimeRestarted",
            format!(
                "the runtime process stopped ({}) and was restarted; lost variables: {lost_s}",
                reason.trim()
            ),
        )
    };
    ErrorInfo {
        ename: ename.to_owned(),
        evalue: evalue.clone(),
        traceback: vec![
            format!("{RED}{BOLD}{ename}{RESET}: {evalue}"),
            "Definitions (fn, struct, use, :dep) are kept; the next cell runs normally.".to_owned(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enames() {
        assert_eq!(
            split_ename("ValueError: bad shapes"),
            Some(("ValueError", "bad shapes"))
        );
        assert_eq!(
            split_ename("LinAlgError: Singular matrix"),
            Some(("LinAlgError", "Singular matrix"))
        );
        assert_eq!(split_ename("called `Option::unwrap()` on a `None` value"), None);
        assert_eq!(split_ename("index out of bounds: the len is 3"), None);
    }
}
