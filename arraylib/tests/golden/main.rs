//! The golden harness: replays NumPy's own results (the corpus described in
//! `tests/golden/SCHEMA.md` at the repository root) against arraylib.
//!
//! Every `*.json` file of the corpus folder is read; each case's op-tree is evaluated with
//! arraylib (`eval`), and the result compared as the case says (`compare`). The folder is the
//! project's vendored copy unless `ARRAYLIB_GOLDEN_DIR` names another one, so that unseen case
//! files of the same schema run unchanged.
//!
//! Run: `cargo test -p arraylib golden` (add `-- --nocapture` to see the per-category lines;
//! `GOLDEN_VERBOSE=1` prints every failing case).

mod args;
mod compare;
mod compare_linalg;
mod decode;
mod eval;
mod ops;
mod value;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

/// Categories whose operations later issues deliver: counted and printed as skipped.
const NOT_YET_SUPPORTED: &[&str] = &[];

fn corpus_dir() -> PathBuf {
    match std::env::var_os("ARRAYLIB_GOLDEN_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden"),
    }
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    skipped: usize,
}

/// Runs one case; `Err` carries why it failed.
fn run_case(case: &Json) -> Result<(), String> {
    let expect = &case["expect"];
    let outcome = catch_unwind(AssertUnwindSafe(|| eval::evaluate_case(case)));
    let outcome = match outcome {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Err(format!("panicked: {message}"));
        }
    };
    compare::check(outcome, expect)
}

#[test]
fn golden() {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read golden corpus folder {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.json case files in {}", dir.display());

    let verbose = std::env::var_os("GOLDEN_VERBOSE").is_some();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable case file");
        let doc: Json =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", file.display()));
        let file_category = doc["category"].as_str().unwrap_or("unknown").to_string();
        for case in doc["cases"].as_array().expect("cases array") {
            let category = case["category"].as_str().unwrap_or(&file_category).to_string();
            let tally = tallies.entry(category.clone()).or_default();
            if NOT_YET_SUPPORTED.contains(&category.as_str()) {
                tally.skipped += 1;
                continue;
            }
            match run_case(case) {
                Ok(()) => tally.passed += 1,
                Err(why) => {
                    tally.failed += 1;
                    let id = case["id"].as_str().unwrap_or("?").to_string();
                    if verbose {
                        println!("FAIL {id}: {why}");
                    }
                    failures.push(format!("{id}: {why}"));
                }
            }
        }
    }

    let mut total = Tally::default();
    for (category, tally) in &tallies {
        let skipped = if tally.skipped > 0 {
            format!(", {} skipped (not yet supported)", tally.skipped)
        } else {
            String::new()
        };
        println!(
            "golden {category}: {} passed, {} failed{skipped}",
            tally.passed, tally.failed
        );
        total.passed += tally.passed;
        total.failed += tally.failed;
        total.skipped += tally.skipped;
    }
    println!("golden: {} passed, {} failed", total.passed, total.failed);
    assert!(
        failures.is_empty(),
        "{} golden case(s) failed (GOLDEN_VERBOSE=1 lists them):\n{}",
        failures.len(),
        failures.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}
