//! IPython-style magics (`%timeit`, `%%time`, `%whos`, `name?`, ...) for Rust cells.
//!
//! The evcxr backend hands every cell here first ([`has_magic`], [`execute`]). A cell is
//! split into Rust code and magic lines: magics that time or inspect code become Rust
//! (calls into `kernel_cell`) spliced into the surrounding code, so the cell still
//! compiles once, optimised; magics about the session (`%who`, `%reset`, `%dep`, ...)
//! run here between the code chunks, through the [`Session`] trait. Generated code
//! replaces a magic line by one line, so compile errors keep the cell's line numbers.

mod namespace;
mod system;
mod timing;

use crate::interpreter::{Completions, ErrorInfo, ExecuteOutcome, MimeBundle, OutputSink, StreamName};
use std::borrow::Cow;
use std::sync::Arc;

/// What magics need from the language backend.
pub trait Session {
    /// Runs Rust code (or evcxr `:` commands) as a cell.
    fn run(&mut self, code: &str, silent: bool, out: &Arc<dyn OutputSink>) -> ExecuteOutcome;
    /// The session's variables and their Rust types.
    fn variables(&self) -> Vec<(String, String)>;
    /// Forgets every variable and item and sets the session up again.
    fn reset(&mut self) -> Result<(), String>;
    /// Documentation of a name (type, docs), if the language server knows it.
    fn doc(&mut self, name: &str) -> Option<MimeBundle>;
}

/// A magic's name and kind (for `%lsmagic`, errors and completion).
struct Magic {
    name: &'static str,
    cell: bool,
}

const MAGICS: &[Magic] = &[
    Magic {
        name: "config",
        cell: false,
    },
    Magic {
        name: "dep",
        cell: false,
    },
    Magic {
        name: "env",
        cell: false,
    },
    Magic {
        name: "lsmagic",
        cell: false,
    },
    Magic {
        name: "opt",
        cell: false,
    },
    Magic {
        name: "pinfo",
        cell: false,
    },
    Magic {
        name: "reset",
        cell: false,
    },
    Magic {
        name: "time",
        cell: false,
    },
    Magic {
        name: "timeit",
        cell: false,
    },
    Magic {
        name: "who",
        cell: false,
    },
    Magic {
        name: "whos",
        cell: false,
    },
    Magic {
        name: "html",
        cell: true,
    },
    Magic {
        name: "svg",
        cell: true,
    },
    Magic {
        name: "time",
        cell: true,
    },
    Magic {
        name: "timeit",
        cell: true,
    },
    Magic {
        name: "writefile",
        cell: true,
    },
];

fn known(cell: bool) -> impl Iterator<Item = &'static str> {
    MAGICS.iter().filter(move |m| m.cell == cell).map(|m| m.name)
}

/// `%lsmagic`'s text, laid out as IPython's.
fn lsmagic() -> String {
    let line: Vec<String> = known(false).map(|n| format!("%{n}")).collect();
    let cell: Vec<String> = known(true).map(|n| format!("%%{n}")).collect();
    format!(
        "Available line magics:\n{}\n\nAvailable cell magics:\n{}\n\n\
         `name?` shows help on a name; evcxr's `:` commands (`:help` lists them) work too.\n",
        line.join("  "),
        cell.join("  ")
    )
}

fn usage_error(evalue: String) -> ErrorInfo {
    ErrorInfo {
        ename: "UsageError".into(),
        traceback: vec![format!("UsageError: {evalue}")],
        evalue,
    }
}

fn unknown(name: &str, cell: bool) -> ErrorInfo {
    let list = |cell: bool, p: &str| known(cell).map(|n| format!("{p}{n}")).collect::<Vec<_>>().join(", ");
    let what = if cell {
        format!("Cell magic `%%{name}` not found.")
    } else {
        format!("Line magic function `%{name}` not found.")
    };
    usage_error(format!(
        "{what} Known line magics: {}. Known cell magics: {}.",
        list(false, "%"),
        list(true, "%%")
    ))
}

/// Work the kernel does itself, between code chunks.
enum HostStep {
    /// Text on stdout.
    Print(String),
    /// A rich output.
    Display(MimeBundle),
    /// Code or evcxr commands run on their own (`%dep`, `%opt`).
    Command(String),
    /// `%who` (names) or `%whos` (table) of variables whose type is one of `types` (all if empty).
    Who { table: bool, types: Vec<String> },
    /// `%reset`.
    Reset { force: bool },
    /// `name?`.
    Help(String),
    /// `%%writefile`.
    WriteFile { path: String, append: bool, text: String },
    /// `%config InlineBackend.figure_formats [= value]`: shows or sets the figure formats.
    FigureFormats(Option<String>),
}

/// What a magic line becomes.
enum Expansion {
    /// Rust replacing the magic line (a single line).
    Rust(String),
    Host(HostStep),
}

/// A magic line: `%name args`, optionally after `let pat = ` (IPython's `t = %timeit -o ...`).
struct LineMagic<'a> {
    assign: Option<&'a str>,
    name: &'a str,
    args: &'a str,
    /// No code follows it in the cell (its value is the cell's value).
    last: bool,
}

/// Splits `%name rest` (also `%%name rest`); None if `line` is not a magic line.
fn split_magic<'a>(line: &'a str, marker: &str) -> Option<(&'a str, &'a str)> {
    let rest = line.trim_start().strip_prefix(marker)?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (name, args) = rest.split_at(end);
    (!name.is_empty() && name.starts_with(|c: char| c.is_ascii_alphabetic())).then_some((name, args.trim()))
}

/// Parses a line magic, possibly after an assignment `let x = `.
fn line_magic(line: &str) -> Option<(Option<&str>, &str, &str)> {
    if line.trim_start().starts_with("%%") {
        return None;
    }
    if let Some((name, args)) = split_magic(line, "%") {
        return Some((None, name, args));
    }
    let t = line.trim_start();
    if t.starts_with("let ") {
        let eq = t.find('=')?;
        let (name, args) = split_magic(&t[eq + 1..], "%")?;
        return Some((Some(t[..=eq].trim()), name, args));
    }
    None
}

/// `?name`, `name?` or `name??` alone in a cell.
fn help_target(code: &str) -> Option<&str> {
    let t = code.trim();
    let name = t
        .strip_prefix('?')
        .or_else(|| t.strip_suffix("??"))
        .or_else(|| t.strip_suffix('?'))?
        .trim();
    let ok = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == ':');
    ok.then_some(name)
}

/// Whether the cell uses magics (otherwise it goes straight to the language backend).
pub fn has_magic(code: &str) -> bool {
    help_target(code).is_some()
        || code
            .lines()
            .any(|l| split_magic(l, "%%").is_some() || line_magic(l).is_some())
}

/// The cell as plain Rust, for syntax checks (is_complete): magic lines give way to the
/// code they time, other magic lines and non-Rust cell bodies to nothing.
pub fn rust_view(code: &str) -> Cow<'_, str> {
    if !has_magic(code) {
        return Cow::Borrowed(code);
    }
    if help_target(code).is_some() {
        return Cow::Borrowed("");
    }
    let mut lines = code.lines();
    let first = lines.next().unwrap_or("");
    if let Some((name, args)) = split_magic(first, "%%") {
        let body: Vec<&str> = lines.collect();
        return Cow::Owned(match name {
            "timeit" => format!(
                "{}\n{}",
                timing::parse_timeit_options(args).map(|o| o.1).unwrap_or(""),
                body.join("\n")
            ),
            "time" => body.join("\n"),
            _ => String::new(),
        });
    }
    let view: Vec<&str> = code
        .lines()
        .map(|l| match line_magic(l) {
            Some((_, "timeit", args)) => timing::parse_timeit_options(args).map(|o| o.1).unwrap_or(""),
            Some((_, "time", args)) => args,
            Some(_) => "",
            None => l,
        })
        .collect();
    Cow::Owned(view.join("\n"))
}

/// Completes a magic name being typed at the start of a line.
pub fn complete(code: &str, cursor: usize) -> Option<Completions> {
    let chars: Vec<char> = code.chars().collect();
    let cursor = cursor.min(chars.len());
    let line_start = chars[..cursor].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
    let typed: String = chars[line_start..cursor].iter().collect();
    let word = typed.trim_start();
    let (cell, prefix) = match word.strip_prefix("%%") {
        Some(p) => (true, p),
        None => (false, word.strip_prefix('%')?),
    };
    if !prefix.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let marker = if cell { "%%" } else { "%" };
    let matches = known(cell)
        .filter(|n| n.starts_with(prefix))
        .map(|n| format!("{marker}{n}"))
        .collect();
    Some(Completions {
        matches,
        cursor_start: cursor - word.chars().count(),
        cursor_end: cursor,
    })
}

/// Runs a cell that uses magics (see [`has_magic`]).
pub fn execute(code: &str, silent: bool, session: &mut dyn Session, out: &Arc<dyn OutputSink>) -> ExecuteOutcome {
    if let Some(name) = help_target(code) {
        return namespace::help(name, session, out);
    }
    let steps = match plan(code) {
        Ok(steps) => steps,
        Err(e) => return ExecuteOutcome::Error(e),
    };
    let mut outcome = ExecuteOutcome::Ok(None);
    for step in steps {
        outcome = match step {
            Expansion::Rust(code) => session.run(&code, silent, out),
            Expansion::Host(step) => run_host(step, silent, session, out),
        };
        if !matches!(outcome, ExecuteOutcome::Ok(_)) {
            break;
        }
    }
    outcome
}

fn run_host(step: HostStep, silent: bool, session: &mut dyn Session, out: &Arc<dyn OutputSink>) -> ExecuteOutcome {
    match step {
        HostStep::Print(text) => {
            out.stream(StreamName::Stdout, &text);
            ExecuteOutcome::Ok(None)
        }
        HostStep::Display(bundle) => {
            out.display(bundle, serde_json::json!({}), None, false);
            ExecuteOutcome::Ok(None)
        }
        HostStep::Command(cmd) => session.run(&cmd, silent, out),
        HostStep::Who { table, types } => namespace::who(table, &types, silent, session, out),
        HostStep::Reset { force } => namespace::reset(force, session, out),
        HostStep::Help(name) => namespace::help(&name, session, out),
        HostStep::WriteFile { path, append, text } => system::write_file(&path, append, &text, out),
        HostStep::FigureFormats(value) => system::figure_formats(value.as_deref(), out),
    }
}

/// Splits the cell into Rust chunks (with timing magics spliced in) and host steps.
fn plan(code: &str) -> Result<Vec<Expansion>, ErrorInfo> {
    let lines: Vec<&str> = code.lines().collect();
    if let Some((name, args)) = lines.first().and_then(|l| split_magic(l, "%%")) {
        let body = lines[1..].join("\n");
        return cell_magic(name, args, &body).map(|e| vec![e]);
    }
    let last_code = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(0);
    let mut steps = Vec::new();
    let mut chunk: Vec<String> = Vec::new();
    let flush = |chunk: &mut Vec<String>, steps: &mut Vec<Expansion>| {
        if chunk.iter().any(|l| !l.trim().is_empty()) {
            steps.push(Expansion::Rust(chunk.join("\n")));
        }
        chunk.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        if let Some((name, _)) = split_magic(line, "%%") {
            return Err(usage_error(format!(
                "`%%{name}` is a cell magic: it must be the first line of the cell."
            )));
        }
        let Some((assign, name, args)) = line_magic(line) else {
            chunk.push((*line).to_owned());
            continue;
        };
        let magic = LineMagic {
            assign,
            name,
            args,
            last: i == last_code,
        };
        match expand_line(&magic)? {
            Expansion::Rust(rust) => chunk.push(rust),
            host => {
                flush(&mut chunk, &mut steps);
                steps.push(host);
            }
        }
    }
    flush(&mut chunk, &mut steps);
    Ok(steps)
}

fn expand_line(m: &LineMagic) -> Result<Expansion, ErrorInfo> {
    if m.assign.is_some() && !matches!(m.name, "timeit" | "time" | "env") {
        return Err(usage_error(format!("`%{}` has no value to assign.", m.name)));
    }
    Ok(match m.name {
        "timeit" => Expansion::Rust(timing::timeit_line(m)?),
        "time" => Expansion::Rust(timing::time_line(m)),
        "env" => Expansion::Rust(system::env(m)),
        "config" => Expansion::Host(system::config_step(m.args)?),
        "dep" => Expansion::Host(HostStep::Command(format!(":dep {}", m.args))),
        "opt" => Expansion::Host(HostStep::Command(format!(":opt {}", m.args).trim_end().to_owned())),
        "lsmagic" => Expansion::Host(HostStep::Print(lsmagic())),
        "who" | "whos" => Expansion::Host(HostStep::Who {
            table: m.name == "whos",
            types: m.args.split_whitespace().map(str::to_owned).collect(),
        }),
        "reset" => Expansion::Host(HostStep::Reset {
            force: m.args.split_whitespace().any(|a| a == "-f"),
        }),
        "pinfo" => Expansion::Host(HostStep::Help(m.args.to_owned())),
        _ => return Err(unknown(m.name, false)),
    })
}

fn cell_magic(name: &str, args: &str, body: &str) -> Result<Expansion, ErrorInfo> {
    Ok(match name {
        "timeit" => Expansion::Rust(timing::timeit_cell(args, body)?),
        "time" => Expansion::Rust(timing::time_cell(body)),
        "html" | "svg" => Expansion::Host(HostStep::Display(system::rich(name, body))),
        "writefile" => Expansion::Host(system::write_file_step(args, body)?),
        _ => return Err(unknown(name, true)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust_of(code: &str) -> Vec<String> {
        plan(code)
            .unwrap()
            .into_iter()
            .map(|e| match e {
                Expansion::Rust(r) => r,
                Expansion::Host(_) => "<host>".into(),
            })
            .collect()
    }

    #[test]
    fn splits_cells_into_code_and_magics() {
        assert!(!has_magic("let x = 5 % 3;\nx"));
        assert!(has_magic("x?"));
        assert_eq!(help_target("?x"), Some("x"));
        assert_eq!(help_target("Array::zeros??"), Some("Array::zeros"));
        let steps = rust_of("let x = 1;\n%who\nx + 1");
        assert_eq!(steps, ["let x = 1;", "<host>", "x + 1"]);
        let steps = rust_of("let t = %timeit -o -n 10 x.sum()");
        assert_eq!(
            steps,
            ["let t = kernel_cell::timing::timeit_magic(10, 7, 3, false, || { x.sum() });"]
        );
        assert!(matches!(plan("%nope"), Err(e) if e.evalue.contains("%timeit")));
        assert!(matches!(plan("%%nope\nx"), Err(e) if e.evalue.contains("%%writefile")));
    }

    #[test]
    fn completes_magic_names() {
        let c = complete("%ti", 3).unwrap();
        assert_eq!(c.matches, ["%time", "%timeit"]);
        assert_eq!((c.cursor_start, c.cursor_end), (0, 3));
        assert_eq!(complete("%%wr", 4).unwrap().matches, ["%%writefile"]);
        assert!(complete("let x", 5).is_none());
    }

    #[test]
    fn rust_view_keeps_timed_code() {
        assert_eq!(rust_view("%timeit -n 3 foo(").as_ref(), "foo(");
        assert_eq!(rust_view("%%html\n<b>").as_ref(), "");
        assert_eq!(rust_view("%who\nlet x = 1;").as_ref(), "\nlet x = 1;");
    }
}
