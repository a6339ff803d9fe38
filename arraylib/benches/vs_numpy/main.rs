//! arraylib versus NumPy, side by side: `cargo bench -p arraylib --bench vs_numpy`.
//!
//! The one command builds this file in release mode (the bench profile) and runs it as the
//! driver. The driver finds a Python with NumPy 2.4.6 (the project's `.venv`, else a small venv it
//! creates under `~/.cache/arraylib-kernel/bench-venv`), then for each round and each workload
//! runs the two sides in separate child processes, alternating which goes first: the NumPy side
//! is `numpy_side.py --only NAME` (with the environment's `OPENBLAS_*` variables removed, for
//! that child only), the arraylib side is this binary re-invoked with `--worker NAME`. Each
//! child generates its inputs from the same seeds (bit-exact RNG on both sides; the input
//! checksums must match), times its workload and reports its own peak memory above its inputs.
//!
//! It prints a table (medians over all samples of all rounds, ratio = NumPy time / arraylib
//! time, peak memory of each side), the measured memory bandwidth, the BLAS NumPy used, and as
//! last line `bench: geomean speedup X.XX over N workloads, K slower than NumPy`, and writes the
//! table as JSON (`target/bench/vs_numpy.json`, or `--json PATH`).
//!
//! Options (after `--`): `--quick` (one round, fewer samples, no 1e8 sweep), `--rounds N`,
//! `--reps N` (samples per child), `--json PATH`, `--list`, and any other words filter the
//! workloads by substring of their names.

mod worker;
mod workloads;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{Value, json};

const NUMPY_VERSION: &str = "2.4.6";

struct Options {
    quick: bool,
    rounds: usize,
    reps: usize,
    json: Option<PathBuf>,
    list: bool,
    filters: Vec<String>,
}

fn parse_options(args: &[String]) -> Options {
    let mut o = Options {
        quick: false,
        rounds: 3,
        reps: 4,
        json: None,
        list: false,
        filters: Vec::new(),
    };
    let (mut rounds, mut reps) = (None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| it.next().unwrap_or_else(|| panic!("{a} needs {what}")).clone();
        match a.as_str() {
            "--bench" => {} // cargo bench passes it to every bench target
            "--quick" => o.quick = true,
            "--list" => o.list = true,
            "--rounds" => rounds = Some(value("a number").parse().expect("--rounds N")),
            "--reps" => reps = Some(value("a number").parse().expect("--reps N")),
            "--json" => o.json = Some(PathBuf::from(value("a path"))),
            f if f.starts_with("--") => panic!("unknown option {f}"),
            f => o.filters.push(f.to_string()),
        }
    }
    if o.quick {
        (o.rounds, o.reps) = (1, 3);
    }
    o.rounds = rounds.unwrap_or(o.rounds);
    o.reps = reps.unwrap_or(o.reps);
    o
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--worker") {
        let reps = args.get(i + 2).and_then(|r| r.parse().ok()).unwrap_or(3);
        worker::run(&args[i + 1], reps);
        return;
    }
    drive(parse_options(&args));
}

/// The project root (the workspace), known at compile time.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/vs_numpy/numpy_side.py")
}

fn has_numpy(python: &Path) -> bool {
    let check = format!("import numpy, sys; sys.exit(numpy.__version__ != '{NUMPY_VERSION}')");
    python.exists()
        && Command::new(python)
            .args(["-c", &check])
            .status()
            .is_ok_and(|s| s.success())
}

/// A Python with NumPy 2.4.6: `$ARRAYLIB_BENCH_PYTHON`, the project's `.venv`, or a venv of
/// our own in the cache folder (created on first use: numpy and threadpoolctl only).
fn find_python() -> PathBuf {
    if let Ok(p) = std::env::var("ARRAYLIB_BENCH_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = root().join(".venv/bin/python");
    if has_numpy(&venv) {
        return venv;
    }
    let cache = std::env::var("ARRAYLIB_CACHE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").expect("HOME")).join(".cache/arraylib-kernel"));
    let dir = cache.join("bench-venv");
    let python = dir.join("bin/python");
    if !has_numpy(&python) {
        eprintln!(
            "bench: creating {} (numpy=={NUMPY_VERSION}, threadpoolctl)",
            dir.display()
        );
        let ok = Command::new("python3")
            .arg("-m")
            .arg("venv")
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(dir.join("bin/pip"))
                .args([
                    "install",
                    "--quiet",
                    &format!("numpy=={NUMPY_VERSION}"),
                    "threadpoolctl",
                ])
                .status()
                .is_ok_and(|s| s.success());
        assert!(
            ok && has_numpy(&python),
            "bench: could not set up a Python with numpy {NUMPY_VERSION}"
        );
    }
    python
}

/// The NumPy side's command, with every `OPENBLAS_*` variable of the environment removed.
fn numpy_cmd(python: &Path) -> Command {
    let mut c = Command::new(python);
    c.arg(script());
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("OPENBLAS_") {
            c.env_remove(k);
        }
    }
    c
}

/// Runs a child to completion and parses the last line of its stdout as JSON.
fn child_json(mut cmd: Command, what: &str) -> Value {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        panic!(
            "{what} failed ({}):\n{}\n{}",
            out.status,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let line = stdout.lines().last().unwrap_or_else(|| panic!("{what}: no output"));
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{what}: {e}: {line}"))
}

#[derive(Default)]
struct Side {
    times: Vec<f64>,
    extra_peak_kb: Option<u64>,
    hwm_kb: Option<u64>,
    checksum: Option<String>,
    result: Option<(f64, f64)>,
}

impl Side {
    fn add(&mut self, v: &Value) {
        self.times
            .extend(v["times_ms"].as_array().unwrap().iter().map(|t| t.as_f64().unwrap()));
        let max = |a: Option<u64>, b: Option<u64>| a.max(b);
        self.extra_peak_kb = max(self.extra_peak_kb, v["extra_peak_kb"].as_u64());
        self.hwm_kb = max(self.hwm_kb, v["hwm_kb"].as_u64());
        self.checksum = v["checksum"].as_str().map(str::to_string);
        self.result = Some((
            v["result"].as_f64().unwrap_or(f64::NAN),
            v["result_scale"].as_f64().unwrap_or(f64::NAN),
        ));
    }
    fn median(&self) -> Option<f64> {
        if self.times.is_empty() {
            return None;
        }
        let mut t = self.times.clone();
        t.sort_by(f64::total_cmp);
        let n = t.len();
        Some(if n % 2 == 1 {
            t[n / 2]
        } else {
            (t[n / 2 - 1] + t[n / 2]) / 2.0
        })
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("-".into(), |k| format!("{:.1}", k as f64 / 1024.0))
}

fn drive(o: Options) {
    let all = workloads::workloads();
    let python = find_python();
    let listed: Vec<Value> = {
        let out = numpy_cmd(&python).arg("--list").output().expect("numpy_side.py --list");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let np_names: Vec<&str> = listed.iter().map(|v| v["name"].as_str().unwrap()).collect();
    let rs_names: Vec<&str> = all.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(
        np_names, rs_names,
        "workload lists of numpy_side.py and workloads.rs differ"
    );
    let size_of = |name: &str| {
        listed.iter().find(|v| v["name"] == name).unwrap()["size"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let chosen: Vec<&workloads::Workload> = all
        .iter()
        .filter(|w| o.filters.is_empty() || o.filters.iter().any(|f| w.name.contains(f.as_str())))
        .filter(|w| !(o.quick && (w.name.contains("1e+08") || w.name.contains("1e8"))))
        .collect();
    if o.list {
        for w in &chosen {
            println!(
                "{}{}",
                w.name,
                if w.setup.is_none() {
                    "  (not yet available in arraylib)"
                } else {
                    ""
                }
            );
        }
        return;
    }
    let info = child_json(
        {
            let mut c = numpy_cmd(&python);
            c.arg("--info");
            c
        },
        "numpy_side.py --info",
    );
    let load_start = loadavg();
    let me = std::env::current_exe().expect("current exe");
    let started = Instant::now();
    let mut sides: Vec<[Side; 2]> = chosen.iter().map(|_| Default::default()).collect();
    for round in 0..o.rounds {
        for (k, w) in chosen.iter().enumerate() {
            let numpy_first = (round + k) % 2 == 0;
            for side in if numpy_first { [0, 1] } else { [1, 0] } {
                let reps = o.reps.to_string();
                let v = if side == 0 {
                    let mut c = numpy_cmd(&python);
                    c.args(["--only", &w.name, "--reps", &reps]);
                    child_json(c, &format!("numpy side of {:?}", w.name))
                } else if w.setup.is_some() {
                    let mut c = Command::new(&me);
                    c.args(["--worker", &w.name, &reps]);
                    child_json(c, &format!("arraylib side of {:?}", w.name))
                } else {
                    continue;
                };
                sides[k][side].add(&v);
            }
            let [np, al] = &sides[k];
            if let (Some(a), Some(b)) = (&np.checksum, &al.checksum) {
                assert_eq!(
                    a, b,
                    "input checksums differ for {:?}: the two sides did not process the same data",
                    w.name
                );
            }
            eprintln!(
                "round {}/{} [{:2}/{}] {:45} numpy {:>9} ms  arraylib {:>9} ms",
                round + 1,
                o.rounds,
                k + 1,
                chosen.len(),
                w.name,
                np.median().map_or("-".into(), |t| format!("{t:.3}")),
                al.median().map_or("n/a".into(), |t| format!("{t:.3}")),
            );
        }
    }
    report(
        &o,
        &chosen,
        &sides,
        &info,
        &size_of,
        &load_start,
        started.elapsed().as_secs_f64(),
    );
}

#[allow(clippy::too_many_arguments)]
fn report(
    o: &Options,
    chosen: &[&workloads::Workload],
    sides: &[[Side; 2]],
    info: &Value,
    size_of: &dyn Fn(&str) -> String,
    load_start: &str,
    wall_s: f64,
) {
    println!(
        "\n| {:45} | {:28} | {:>11} | {:>11} | {:>6} | {:>8} | {:>8} | notes",
        "workload", "size", "NumPy ms", "arraylib ms", "ratio", "NumPy MB", "arrayl MB"
    );
    println!(
        "|{:-<47}|{:-<30}|{:->13}|{:->13}|{:->8}|{:->10}|{:->10}|------",
        "", "", "", "", "", "", ""
    );
    let mut rows = Vec::new();
    let (mut log_sum, mut n, mut slower) = (0.0, 0usize, 0usize);
    let mut unavailable = 0;
    for (w, [np, al]) in chosen.iter().zip(sides) {
        let (tn, ta) = (np.median(), al.median());
        let ratio = match (tn, ta) {
            (Some(a), Some(b)) if b > 0.0 => Some(a / b),
            _ => None,
        };
        let mut notes = Vec::new();
        if w.setup.is_none() {
            notes.push("not yet available in arraylib".to_string());
            unavailable += 1;
        }
        if let Some(r) = ratio {
            log_sum += r.ln();
            n += 1;
            if r < 1.0 {
                slower += 1;
                notes.push("slower".into());
            }
        }
        if let (Some(a), Some(b)) = (np.extra_peak_kb, al.extra_peak_kb)
            && b > a
        {
            notes.push("more memory".into());
        }
        if let (Some((rn, scale)), Some((ra, _))) = (np.result, al.result)
            && (rn - ra).abs() > 1e-6 * scale.max(1e-300)
        {
            notes.push(format!("results differ ({rn:.6e} vs {ra:.6e})"));
        }
        println!(
            "| {:45} | {:28} | {:>11} | {:>11} | {:>6} | {:>8} | {:>8} | {}",
            w.name,
            size_of(&w.name),
            tn.map_or("-".into(), |t| format!("{t:.4}")),
            ta.map_or("n/a".into(), |t| format!("{t:.4}")),
            ratio.map_or("-".into(), |r| format!("{r:.2}")),
            mb(np.extra_peak_kb),
            mb(al.extra_peak_kb),
            notes.join("; ")
        );
        rows.push(json!({
            "workload": w.name, "size": size_of(&w.name),
            "numpy_median_ms": tn, "arraylib_median_ms": ta, "ratio": ratio,
            "numpy_peak_mb": np.extra_peak_kb.map(|k| k as f64 / 1024.0),
            "arraylib_peak_mb": al.extra_peak_kb.map(|k| k as f64 / 1024.0),
            "numpy_process_max_rss_mb": np.hwm_kb.map(|k| k as f64 / 1024.0),
            "arraylib_process_max_rss_mb": al.hwm_kb.map(|k| k as f64 / 1024.0),
            "numpy_ms": np.times, "arraylib_ms": al.times,
            "input_checksum": np.checksum, "notes": notes,
        }));
    }
    println!(
        "\nmedians over {} round(s) x {} sample(s) per child; ratio = NumPy time / arraylib time; MB = a workload's peak resident memory above its inputs (own process each)",
        o.rounds, o.reps
    );
    // Bandwidth: a copy of a 1e8 f64 array reads and writes 800 MB each (fresh output, as NumPy's).
    let find = |name: &str| chosen.iter().position(|w| w.name.starts_with(name)).map(|i| &sides[i]);
    let gbs = |ms: Option<f64>| ms.map(|t| 1.6e9 / (t * 1e-3) / 1e9);
    let mut bandwidth = json!(null);
    if let (Some([np_copy, al_copy]), Some([np_mul, al_mul])) = (find("copy 1e8"), find("x*2.5 sweep 1e+08")) {
        let (bw_np, bw_al) = (gbs(np_copy.median()), gbs(al_copy.median()));
        let bw = bw_np.into_iter().chain(bw_al).fold(0.0, f64::max);
        let (el_np, el_al) = (gbs(np_mul.median()), gbs(al_mul.median()));
        let pct = |v: Option<f64>| v.map_or("-".into(), |v| format!("{:.0}%", 100.0 * v / bw));
        println!(
            "memory bandwidth (copy of a 1e8 f64 array, 1.6 GB moved): NumPy {:.2} GB/s, arraylib {:.2} GB/s; machine = best {bw:.2} GB/s",
            bw_np.unwrap_or(f64::NAN),
            bw_al.unwrap_or(f64::NAN)
        );
        println!(
            "element-wise x*2.5 on 1e8 f64: NumPy {:.2} GB/s ({}), arraylib {:.2} GB/s ({} of bandwidth; target >= 80%)",
            el_np.unwrap_or(f64::NAN),
            pct(el_np),
            el_al.unwrap_or(f64::NAN),
            pct(el_al)
        );
        bandwidth = json!({"copy_gbs_numpy": bw_np, "copy_gbs_arraylib": bw_al, "machine_gbs": bw,
                           "elementwise_gbs_numpy": el_np, "elementwise_gbs_arraylib": el_al});
    } else {
        println!("memory bandwidth: not measured (needs the 1e8 workloads; --quick skips them)");
    }
    let blas = &info["blas"];
    println!(
        "NumPy {} (Python {}), BLAS kernel {} [from {}], OPENBLAS_* unset for NumPy; load average {} at start, {} at end; wall {:.0} s",
        info["numpy"].as_str().unwrap_or("?"),
        info["python"].as_str().unwrap_or("?"),
        blas,
        info["blas_source"].as_str().unwrap_or("?"),
        load_start,
        loadavg(),
        wall_s
    );
    if unavailable > 0 {
        println!("{unavailable} workload(s) not yet available in arraylib (NumPy side timed, left out of the geomean)");
    }
    let geomean = if n > 0 { (log_sum / n as f64).exp() } else { f64::NAN };
    let path = o.json.clone().unwrap_or_else(|| {
        // target/<profile>/deps/vs_numpy-hash -> target/bench/vs_numpy.json
        let exe = std::env::current_exe().expect("current exe");
        exe.ancestors().nth(3).expect("target dir").join("bench/vs_numpy.json")
    });
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("json folder");
    }
    let doc = json!({
        "rows": rows, "numpy": info, "bandwidth": bandwidth, "rounds": o.rounds, "reps_per_child": o.reps,
        "quick": o.quick, "load_start": load_start, "load_end": loadavg(), "wall_s": wall_s,
        "geomean_speedup": geomean, "workloads_compared": n, "slower_than_numpy": slower,
    });
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).expect("write json");
    println!("table written to {}", path.display());
    println!("bench: geomean speedup {geomean:.2} over {n} workloads, {slower} slower than NumPy");
}
