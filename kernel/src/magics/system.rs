//! `%env`, `%config`, `%%html`, `%%svg` and `%%writefile`.

use super::{HostStep, LineMagic, usage_error};
use crate::interpreter::{ErrorInfo, ExecuteOutcome, MimeBundle, OutputSink, StreamName};
use serde_json::Value;
use std::sync::Arc;

/// `%env` (all), `%env NAME` (one), `%env NAME=value` / `%env NAME value` (set): runs in
/// the cell process, whose environment cells and the programs they start see.
pub(super) fn env(m: &LineMagic) -> String {
    let args = m.args.trim();
    let assign = m.assign.map(|a| format!("{a} ")).unwrap_or_default();
    let end = if m.last && m.assign.is_none() { "" } else { ";" };
    let set = args
        .split_once('=')
        .or_else(|| args.split_once(char::is_whitespace))
        .map(|(k, v)| (k.trim(), v.trim()));
    match set {
        Some((name, value)) if m.assign.is_none() => {
            format!("kernel_cell::magics::env_set({name:?}, {value:?});")
        }
        _ if args.is_empty() => format!("{assign}kernel_cell::magics::env_list(){end}"),
        _ => format!("{assign}kernel_cell::magics::env_get({args:?}){end}"),
    }
}

/// `%config` with IPython's syntax. The one configurable is the inline figures' formats
/// (`InlineBackend.figure_formats`, or `figure_format` for one); the value is checked when
/// the step runs, in cell order.
pub(super) fn config_step(args: &str) -> Result<HostStep, ErrorInfo> {
    let (key, value) = match args.split_once('=') {
        Some((key, value)) => (key.trim(), Some(value.trim().to_owned())),
        None => (args.trim(), None),
    };
    match key {
        "" => Ok(HostStep::Print(
            "Available objects for config:\n    InlineBackend\n".into(),
        )),
        "InlineBackend" if value.is_none() => Ok(HostStep::Print(
            "InlineBackend(...) options\n--------------------------\n\
             InlineBackend.figure_formats=<Set>\n    Formats figures are sent in: 'svg', 'png' (default: ['svg']).\n"
                .into(),
        )),
        "InlineBackend.figure_formats" | "InlineBackend.figure_format" => Ok(HostStep::FigureFormats(value)),
        other => Err(usage_error(format!(
            "%config knows InlineBackend.figure_formats only, not `{other}`: \
             e.g. `%config InlineBackend.figure_formats = ['svg', 'png']`"
        ))),
    }
}

/// Shows (no value) or sets the figure formats.
pub(super) fn figure_formats(value: Option<&str>, out: &Arc<dyn OutputSink>) -> ExecuteOutcome {
    match value {
        None => out.stream(StreamName::Stdout, &format!("{}\n", crate::figure_formats::current())),
        Some(value) => {
            if let Err(e) = crate::figure_formats::set(value) {
                return ExecuteOutcome::Error(usage_error(e));
            }
        }
    }
    ExecuteOutcome::Ok(None)
}

/// `%%html` / `%%svg`: the body as that MIME type.
pub(super) fn rich(name: &str, body: &str) -> MimeBundle {
    let (mime, plain) = match name {
        "svg" => ("image/svg+xml", "<Svg image/svg+xml>"),
        _ => ("text/html", "<Html text/html>"),
    };
    let mut b = MimeBundle::new();
    b.insert(mime.into(), Value::String(body.to_owned()));
    b.insert("text/plain".into(), Value::String(plain.into()));
    b
}

/// `%%writefile [-a] path`.
pub(super) fn write_file_step(args: &str, body: &str) -> Result<HostStep, ErrorInfo> {
    let mut append = false;
    let mut path = None;
    for a in args.split_whitespace() {
        match a {
            "-a" | "--append" => append = true,
            p if path.is_none() => path = Some(p.trim_matches(['"', '\'']).to_owned()),
            _ => return Err(usage_error(format!("%%writefile takes one file name, got `{args}`"))),
        }
    }
    let path = path.ok_or_else(|| usage_error("%%writefile needs a file name: `%%writefile [-a] path`".into()))?;
    Ok(HostStep::WriteFile {
        path,
        append,
        text: format!("{body}\n"),
    })
}

/// Writes the file (relative paths: the kernel's working directory, which cells share)
/// and says so as IPython does.
pub(super) fn write_file(path: &str, append: bool, text: &str, out: &Arc<dyn OutputSink>) -> ExecuteOutcome {
    use std::io::Write as _;
    let exists = std::path::Path::new(path).exists();
    let result = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match result {
        Ok(()) => {
            let verb = match (append, exists) {
                (true, true) => "Appending to",
                (false, true) => "Overwriting",
                _ => "Writing",
            };
            out.stream(StreamName::Stdout, &format!("{verb} {path}\n"));
            ExecuteOutcome::Ok(None)
        }
        Err(e) => ExecuteOutcome::Error(ErrorInfo {
            ename: "OSError".into(),
            evalue: format!("{path}: {e}"),
            traceback: vec![format!("OSError: {path}: {e}")],
        }),
    }
}
