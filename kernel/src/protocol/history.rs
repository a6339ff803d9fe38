//! In-memory execution history for history_request (tail, range, search).

use serde_json::{Value, json};

/// One executed cell.
#[derive(Debug, Clone)]
struct Entry {
    line: u64,
    input: String,
    output: Option<String>,
}

/// History of the current session. Session numbers are 1-based; `0` and negative
/// numbers in requests mean "relative to the current session" as in IPython.
#[derive(Debug, Default)]
pub struct History {
    entries: Vec<Entry>,
}

/// The session number this kernel reports.
pub const SESSION: i64 = 1;

impl History {
    /// Records a cell that ran with `store_history`.
    pub fn push(&mut self, line: u64, input: &str) {
        self.entries.push(Entry {
            line,
            input: input.to_owned(),
            output: None,
        });
    }

    /// Records the text/plain result of line `line`.
    pub fn set_output(&mut self, line: u64, output: String) {
        if let Some(e) = self.entries.iter_mut().rev().find(|e| e.line == line) {
            e.output = Some(output);
        }
    }

    fn render(e: &Entry, output: bool) -> Value {
        if output {
            json!([SESSION, e.line, [e.input, e.output]])
        } else {
            json!([SESSION, e.line, e.input])
        }
    }

    /// Answers a history_request's content with the `history` list.
    pub fn query(&self, req: &Value) -> Value {
        let output = req["output"].as_bool().unwrap_or(false);
        let n = req["n"].as_u64().map(|n| n as usize);
        let kind = req["hist_access_type"].as_str().unwrap_or("tail");
        let list: Vec<&Entry> = match kind {
            "range" => {
                let session = req["session"].as_i64().unwrap_or(0);
                if session > 0 && session != SESSION {
                    Vec::new()
                } else {
                    let start = req["start"].as_u64().unwrap_or(0);
                    let stop = req["stop"].as_u64();
                    self.entries
                        .iter()
                        .filter(|e| e.line >= start && stop.is_none_or(|s| e.line < s))
                        .collect()
                }
            }
            "search" => {
                let pattern = req["pattern"].as_str().unwrap_or("*");
                let unique = req["unique"].as_bool().unwrap_or(false);
                let mut hits: Vec<&Entry> = self.entries.iter().filter(|e| glob_match(pattern, &e.input)).collect();
                if unique {
                    // Keep the most recent occurrence of each input.
                    let mut seen = std::collections::HashSet::new();
                    let mut kept: Vec<&Entry> = hits
                        .iter()
                        .rev()
                        .filter(|e| seen.insert(e.input.as_str()))
                        .copied()
                        .collect();
                    kept.reverse();
                    hits = kept;
                }
                tail(hits, n)
            }
            _ => tail(self.entries.iter().collect(), n.or(Some(10))),
        };
        Value::Array(list.into_iter().map(|e| Self::render(e, output)).collect())
    }
}

fn tail(v: Vec<&Entry>, n: Option<usize>) -> Vec<&Entry> {
    match n {
        Some(n) if n < v.len() => v[v.len() - n..].to_vec(),
        _ => v,
    }
}

/// Shell-style glob: `*` any run, `?` one character; matched against the whole input.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0usize, 0usize, None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globbing() {
        assert!(glob_match("1*", "1+1"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("a?c", "abbc"));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn search_unique_and_n() {
        let mut h = History::default();
        for (i, c) in ["1+1", "vec![1]", "1+1", "1+1"].iter().enumerate() {
            h.push(i as u64 + 1, c);
        }
        let q = |v: Value| h.query(&v).as_array().unwrap().len();
        assert_eq!(q(json!({"hist_access_type":"search","pattern":"1*","unique":true})), 1);
        assert_eq!(q(json!({"hist_access_type":"search","pattern":"1*","n":2})), 2);
        assert_eq!(q(json!({"hist_access_type":"range","session":1,"start":2,"stop":3})), 1);
        assert_eq!(q(json!({"hist_access_type":"tail","n":3})), 3);
    }
}
