//! `%timeit`, `%%timeit`, `%time`, `%%time`: the timed code becomes a closure (or a
//! stretch of statements) passed to `kernel_cell::timing`, compiled once with the cell.

use super::{LineMagic, usage_error};
use crate::interpreter::ErrorInfo;

/// `%timeit`'s options: loops per run (0: auto-range), runs, precision, quiet, return.
#[derive(Debug, PartialEq)]
pub(super) struct TimeitOptions {
    number: u64,
    repeat: usize,
    precision: usize,
    quiet: bool,
    output: bool,
}

/// Parses IPython's `[-n<N> -r<R> -t -c -p<P> -q -o]` in front of the statement; returns
/// the options and the statement. A `-` that is no known option starts the statement
/// (`%timeit -x.sum()` times a negation).
pub(super) fn parse_timeit_options(args: &str) -> Result<(TimeitOptions, &str), ErrorInfo> {
    let mut o = TimeitOptions {
        number: 0,
        repeat: 7,
        precision: 3,
        quiet: false,
        output: false,
    };
    let mut rest = args.trim_start();
    loop {
        let token = rest.split_whitespace().next().unwrap_or("");
        let Some(flag) = token.strip_prefix('-') else { break };
        let after = rest[token.len()..].trim_start();
        match flag.chars().next() {
            Some(k @ ('n' | 'r' | 'p')) => {
                let (value, next) = if flag.len() > 1 {
                    (&flag[1..], after)
                } else {
                    let v = after.split_whitespace().next().unwrap_or("");
                    (v, after[v.len()..].trim_start())
                };
                let n: u64 = value
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| usage_error(format!("option -{k} needs a positive integer, got `{value}`")))?;
                match k {
                    'n' => o.number = n,
                    'r' => o.repeat = n as usize,
                    _ => o.precision = n as usize,
                }
                rest = next;
            }
            _ if !flag.is_empty() && flag.chars().all(|c| matches!(c, 'q' | 'o' | 't' | 'c')) => {
                o.quiet |= flag.contains('q');
                o.output |= flag.contains('o');
                rest = after;
            }
            _ => break,
        }
    }
    Ok((o, rest))
}

fn timeit_call(o: &TimeitOptions) -> String {
    format!(
        "kernel_cell::timing::timeit_magic({}, {}, {}, {}, ",
        o.number, o.repeat, o.precision, o.quiet
    )
}

/// Ends a generated expression: its value is the cell's value only for `-o` on the last line.
fn ending(m_last: bool, output: bool, assign: Option<&str>) -> &'static str {
    if assign.is_none() && output && m_last { "" } else { ";" }
}

/// `%timeit [options] stmt`.
pub(super) fn timeit_line(m: &LineMagic) -> Result<String, ErrorInfo> {
    let (o, stmt) = parse_timeit_options(m.args)?;
    if stmt.is_empty() {
        return Err(usage_error(
            "%timeit needs a statement to time, e.g. `%timeit x.sum()`".into(),
        ));
    }
    Ok(format!(
        "{}{}|| {{ {stmt} }}){}",
        m.assign.map(|a| format!("{a} ")).unwrap_or_default(),
        timeit_call(&o),
        ending(m.last, o.output, m.assign)
    ))
}

/// `%%timeit [options] [setup]` + body: the body is timed, the setup runs once before.
pub(super) fn timeit_cell(args: &str, body: &str) -> Result<String, ErrorInfo> {
    let (o, setup) = parse_timeit_options(args)?;
    let end = ending(true, o.output, None);
    // The body keeps its own lines (line numbers of errors stay right).
    Ok(if setup.is_empty() {
        format!("{}|| {{\n{body}\n}}){end}", timeit_call(&o))
    } else {
        // Setup variables must outlive the timed closure: both live in an outer closure.
        let semi = if setup.ends_with(';') { "" } else { ";" };
        format!("(|| {{ {setup}{semi} {}|| {{\n{body}\n}}) }})(){end}", timeit_call(&o))
    })
}

const START: &str = "kernel_cell::timing::time_start();";
const END: &str = "kernel_cell::timing::time_end";

/// `%time stmt`: statements keep their bindings; an expression's value passes through.
pub(super) fn time_line(m: &LineMagic) -> String {
    let stmt = m.args.trim();
    let assign = m.assign.map(|a| format!("{a} ")).unwrap_or_default();
    if m.assign.is_none() && (stmt.starts_with("let ") || stmt.ends_with(';')) {
        let semi = if stmt.ends_with(';') { "" } else { ";" };
        return format!("{START} {stmt}{semi} {END}(());");
    }
    let end = if m.last && m.assign.is_none() { "" } else { ";" };
    format!("{START} {assign}{END}({stmt}){end}")
}

/// `%%time` + body: times the whole body; its final expression stays the cell's value.
pub(super) fn time_cell(body: &str) -> String {
    match tail_start(body) {
        Some(p) => format!("{START}\n{}{END}({})", &body[..p], body[p..].trim_end()),
        None => format!("{START}\n{body}\n{END}(());"),
    }
}

/// Byte offset of the line where the body's final expression (no `;`) starts, if any.
fn tail_start(body: &str) -> Option<usize> {
    let trimmed = body.trim_end();
    if trimmed.is_empty() || trimmed.ends_with(';') {
        return None;
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain(trimmed.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let found = starts.iter().rev().take(50).copied().find(|&p| {
        syn::parse_str::<syn::Expr>(&trimmed[p..]).is_ok()
            && syn::parse_str::<syn::Block>(&format!("{{\n{}\n}}", &trimmed[..p])).is_ok()
    });
    // Unparsable code (evcxr commands, errors rustc will report): best effort, the last line.
    found.or_else(|| (!trimmed.ends_with('}')).then(|| *starts.last().expect("one line at least")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(name: &'a str, args: &'a str, last: bool, assign: Option<&'a str>) -> LineMagic<'a> {
        LineMagic {
            assign,
            name,
            args,
            last,
        }
    }

    #[test]
    fn parses_ipython_options() {
        let (o, s) = parse_timeit_options("-n 100 -r3 -qo x.sum()").unwrap();
        assert_eq!(
            (o.number, o.repeat, o.quiet, o.output, s),
            (100, 3, true, true, "x.sum()")
        );
        let (o, s) = parse_timeit_options("-x.sum()").unwrap();
        assert_eq!((o.number, s), (0, "-x.sum()"));
        assert!(parse_timeit_options("-n zero x").is_err());
    }

    #[test]
    fn generates_one_line_per_magic() {
        let t = timeit_line(&line("timeit", "-o a + b", true, None)).unwrap();
        assert_eq!(t, "kernel_cell::timing::timeit_magic(0, 7, 3, false, || { a + b })");
        assert_eq!(
            time_line(&line("time", "let y = f(x)", false, None)),
            "kernel_cell::timing::time_start(); let y = f(x); kernel_cell::timing::time_end(());"
        );
        assert_eq!(
            time_line(&line("time", "f(x)", true, None)),
            "kernel_cell::timing::time_start(); kernel_cell::timing::time_end(f(x))"
        );
        assert_eq!(
            timeit_cell("-n1 let v = vec![1; 10];", "v.iter().sum::<i32>()").unwrap(),
            "(|| { let v = vec![1; 10]; kernel_cell::timing::timeit_magic(1, 7, 3, false, || {\nv.iter().sum::<i32>()\n}) })();"
        );
    }

    #[test]
    fn finds_the_final_expression() {
        let body = "let x = 1;\nfor i in 0..3 {\n    println!(\"{i}\");\n}\nx +\n    1\n";
        assert_eq!(&body[tail_start(body).unwrap()..], "x +\n    1\n");
        assert_eq!(tail_start("let x = 1;\n"), None);
        let c = time_cell("let x = 2;\nx * 3");
        assert_eq!(
            c,
            "kernel_cell::timing::time_start();\nlet x = 2;\nkernel_cell::timing::time_end(x * 3)"
        );
    }
}
