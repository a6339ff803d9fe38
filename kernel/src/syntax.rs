//! Syntactic completeness of a Rust cell (for is_complete_request), using a
//! delimiter/literal scanner for "still open" states and `syn` for validity.

use crate::interpreter::IsComplete;

/// Result of scanning delimiters, strings and comments.
enum Scan {
    /// Everything closed; carries the nesting depth (0).
    Balanced,
    /// Something is still open (delimiter, string, block comment); carries depth.
    Open(usize),
    /// A closing delimiter that does not match.
    Mismatched,
}

fn scan(code: &str) -> Scan {
    let c: Vec<char> = code.chars().collect();
    let mut stack: Vec<char> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        match ch {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                let mut depth = 1;
                i += 2;
                while i < c.len() && depth > 0 {
                    if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 1;
                    } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Scan::Open(stack.len());
                }
                continue;
            }
            'r' | 'b' | 'c' if is_raw_string_start(&c, i) => {
                // r"..", r#".."#, br#".."#, cr".."
                let mut j = i;
                while c[j] != 'r' {
                    j += 1;
                }
                j += 1;
                let mut hashes = 0;
                while c.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                j += 1; // opening quote
                loop {
                    if j >= c.len() {
                        return Scan::Open(stack.len());
                    }
                    if c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#')) {
                        i = j + 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                continue;
            }
            '"' => {
                i += 1;
                loop {
                    if i >= c.len() {
                        return Scan::Open(stack.len());
                    }
                    match c[i] {
                        '\\' => i += 2,
                        '"' => break,
                        _ => i += 1,
                    }
                }
            }
            '\'' => {
                // Char literal ('a', '\n', '\u{..}') or a lifetime ('a).
                if c.get(i + 1) == Some(&'\\') {
                    let mut j = i + 2;
                    while j < c.len() && c[j] != '\'' {
                        j += 1;
                    }
                    i = j;
                } else if c.get(i + 2) == Some(&'\'') {
                    i += 2;
                }
            }
            '(' | '[' | '{' => stack.push(ch),
            ')' | ']' | '}' => {
                let want = match ch {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if stack.pop() != Some(want) {
                    return Scan::Mismatched;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if stack.is_empty() {
        Scan::Balanced
    } else {
        Scan::Open(stack.len())
    }
}

fn is_raw_string_start(c: &[char], i: usize) -> bool {
    // Not part of an identifier, then optional b/c, then r, then #* and a quote.
    if i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_') {
        return false;
    }
    let mut j = i;
    if c[j] == 'b' || c[j] == 'c' {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return false;
    }
    j += 1;
    while c.get(j) == Some(&'#') {
        j += 1;
    }
    c.get(j) == Some(&'"')
}

/// Decides whether a cell is complete, incomplete (needs more lines) or invalid.
/// Lines starting with `:` are evcxr commands and are not parsed as Rust.
pub fn is_complete(code: &str) -> IsComplete {
    let rust: String = code
        .lines()
        .map(|l| if l.trim_start().starts_with(':') { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    if rust.trim().is_empty() {
        return IsComplete::Complete;
    }
    match scan(&rust) {
        Scan::Mismatched => IsComplete::Invalid,
        Scan::Open(depth) => IsComplete::Incomplete("    ".repeat(depth.max(1))),
        Scan::Balanced => {
            // A cell is a block body: statements, items and an optional tail expression.
            match syn::parse_str::<syn::Block>(&format!("{{\n{rust}\n}}")) {
                Ok(_) => IsComplete::Complete,
                Err(e) if e.to_string().contains("unexpected end of input") => IsComplete::Incomplete(String::new()),
                Err(_) => IsComplete::Invalid,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples() {
        for s in [
            "1+1",
            "println!(\"hi\");",
            "fn f() -> i32 { 1 }",
            "let s = \"{\";",
            "let c = '{';",
            ":dep foo\n1",
            "struct A<'a>(&'a str);",
        ] {
            assert_eq!(is_complete(s), IsComplete::Complete, "{s}");
        }
        for s in ["fn f() {", "let v = vec![1,", "let s = \"abc", "/* open"] {
            assert!(matches!(is_complete(s), IsComplete::Incomplete(_)), "{s}");
        }
        for s in ["let = ;", "fn ) {", "let x = (1];"] {
            assert_eq!(is_complete(s), IsComplete::Invalid, "{s}");
        }
    }
}
