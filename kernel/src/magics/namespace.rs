//! `%who`, `%whos`, `%reset` and `name?`: the session's variables. Values live in the
//! cell process, so `%whos` and `name?` on a variable run generated code that describes
//! them there (`kernel_cell::magics`).

use super::Session;
use crate::interpreter::{ErrorInfo, ExecuteOutcome, OutputSink, StreamName};
use std::sync::Arc;

const INSPECT: &str = "use kernel_cell::magics::{Inspect, InspectDebug as _, InspectOpaque as _};";

fn selected(session: &dyn Session, types: &[String]) -> Vec<(String, String)> {
    let mut vars: Vec<(String, String)> = session
        .variables()
        .into_iter()
        .filter(|(_, ty)| types.is_empty() || types.iter().any(|t| t == ty))
        .collect();
    vars.sort();
    vars
}

/// `%who` (names, tab-separated, nine a line, as IPython) or `%whos` (IPython's table).
pub(super) fn who(
    table: bool,
    types: &[String],
    silent: bool,
    session: &mut dyn Session,
    out: &Arc<dyn OutputSink>,
) -> ExecuteOutcome {
    let vars = selected(session, types);
    if vars.is_empty() {
        out.stream(StreamName::Stdout, "Interactive namespace is empty.\n");
        return ExecuteOutcome::Ok(None);
    }
    if !table {
        let mut text = String::new();
        for (i, (name, _)) in vars.iter().enumerate() {
            text += &format!("{name}\t ");
            if i % 9 == 8 {
                text.push('\n');
            }
        }
        out.stream(StreamName::Stdout, &format!("{}\n", text.trim_end_matches('\n')));
        return ExecuteOutcome::Ok(None);
    }
    let rows: Vec<String> = vars
        .iter()
        .map(|(name, ty)| format!("({name:?}, {ty:?}, (&Inspect(&{name})).info())"))
        .collect();
    // The trailing `;` keeps the block's `()` from showing as a result.
    let code = format!("{{ {INSPECT} kernel_cell::magics::whos(&[{}]); }};", rows.join(", "));
    session.run(&code, silent, out)
}

/// `%reset`: asks first unless `-f`, as IPython does.
pub(super) fn reset(force: bool, session: &mut dyn Session, out: &Arc<dyn OutputSink>) -> ExecuteOutcome {
    if !force {
        let answer = out.input("Once deleted, variables cannot be recovered. Proceed (y/[n])? ", false);
        if !answer.is_some_and(|a| a.trim().eq_ignore_ascii_case("y")) {
            out.stream(StreamName::Stdout, "Nothing done.\n");
            return ExecuteOutcome::Ok(None);
        }
    }
    match session.reset() {
        Ok(()) => ExecuteOutcome::Ok(None),
        Err(e) => ExecuteOutcome::Error(ErrorInfo {
            ename: "ResetError".into(),
            traceback: vec![e.clone()],
            evalue: e,
        }),
    }
}

/// `name?`: a variable's type and value, or the documentation of an item.
pub(super) fn help(name: &str, session: &mut dyn Session, out: &Arc<dyn OutputSink>) -> ExecuteOutcome {
    if let Some((_, ty)) = session.variables().into_iter().find(|(n, _)| n == name) {
        let code = format!(
            "{{ {INSPECT} kernel_cell::magics::pinfo({ty:?}, (&Inspect(&{name})).text(), (&Inspect(&{name})).info()); }};"
        );
        return session.run(&code, false, out);
    }
    match session.doc(name) {
        Some(page) => ExecuteOutcome::Page(page),
        None => ExecuteOutcome::Error(ErrorInfo {
            ename: "NameError".into(),
            evalue: format!("Object `{name}` not found."),
            traceback: vec![format!("Object `{name}` not found.")],
        }),
    }
}
