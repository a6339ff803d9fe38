//! The child side: one workload of arraylib in its own process, timed, with its memory.
//!
//! Peak memory per workload needs a process of its own; inside it, the peak is reset after the
//! inputs exist (Linux `/proc/self/clear_refs`), so `extra_peak_kb` is what the workload itself
//! adds on top of its inputs, the figure the NumPy side reports the same way.

use std::hint::black_box;
use std::time::Instant;

use arraylib::{Array, DType};
use serde_json::json;

use crate::workloads::{Inputs, group, workloads};

/// `VmRSS`/`VmHWM` (kB) of this process.
pub fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status
        .lines()
        .find(|l| l.starts_with(key) && l[key.len()..].starts_with(':'))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets `VmHWM` to the current RSS; false where the kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Wrapping sum of the 64-bit patterns of every input element (as `numpy_side.checksum`).
fn checksum(arrays: &[&Array]) -> String {
    let mut total = 0u64;
    for a in arrays {
        let bits: Vec<u64> = match a.dtype() {
            DType::Float64 => a.to_vec::<f64>().unwrap().into_iter().map(f64::to_bits).collect(),
            DType::Int64 => a.to_vec::<i64>().unwrap().into_iter().map(|v| v as u64).collect(),
            d => panic!("checksum of {d:?} inputs"),
        };
        total = bits.into_iter().fold(total, u64::wrapping_add);
    }
    format!("{total:016x}")
}

/// Weighted sum (weights 1..13 along C order) of the results and of their magnitudes.
fn summary(outs: &[Array]) -> (f64, f64) {
    let (mut s, mut m) = (0.0, 0.0);
    for a in outs {
        let v = a.astype(DType::Float64).unwrap().to_vec::<f64>().unwrap();
        for (i, x) in v.iter().enumerate() {
            let w = (i % 13 + 1) as f64;
            s += x * w;
            m += x.abs() * w;
        }
    }
    (s, m)
}

/// Runs workload `name` `reps` times (after a warm-up) and prints one JSON line.
pub fn run(name: &str, reps: usize) {
    let w = workloads()
        .into_iter()
        .find(|w| w.name == name)
        .unwrap_or_else(|| panic!("no workload {name:?}"));
    let setup = w
        .setup
        .as_ref()
        .unwrap_or_else(|| panic!("{name:?} is not available in arraylib yet"));
    let mut inputs = Inputs::new();
    let mut order = Vec::new();
    for g in &w.groups {
        for (k, a) in group(g) {
            order.push(k);
            inputs.insert(k, a);
        }
    }
    let arrays: Vec<&Array> = order.iter().map(|k| &inputs[k]).collect();
    let sum = checksum(&arrays);
    let mut call = setup(&inputs);
    let (result, scale) = summary(&call());
    let reset = reset_peak();
    let base = status_kb("VmRSS");
    let reps = w.cap.map_or(reps, |c| reps.min(c));
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t0 = Instant::now();
        for _ in 0..w.inner {
            black_box(call());
        }
        times.push(t0.elapsed().as_secs_f64() * 1e3 / w.inner as f64);
    }
    let hwm = status_kb("VmHWM");
    let extra = match (reset, hwm, base) {
        (true, Some(h), Some(b)) => Some(h.saturating_sub(b)),
        _ => None,
    };
    let line = json!({"name": name, "times_ms": times, "checksum": sum, "result": result, "result_scale": scale,
                      "base_rss_kb": base, "hwm_kb": hwm, "extra_peak_kb": extra});
    println!("{line}");
}
