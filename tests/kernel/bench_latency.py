"""Latency benchmark (not a timed test): our kernel vs evcxr_jupyter 0.22.0, same run.

Prints medians over repeated runs of
  1. start to kernel_info_reply (process start until the reply arrives),
  2. warm `1+1`,
  3. a warm 5-line array cell (1000x20 random array, normalise its columns, take a mean),
  4. the first array cell in a new kernel (from sending it; and from kernel start),
  5. requests that compile nothing (kernel_info, is_complete, complete on a known prefix,
     history): round trips on an idle kernel, and kernel_info/is_complete while a cell runs.
Targets for our kernel: (3) <= 150 ms, (4) <= 3 s, (1) <= 0.5 s, (5) a few milliseconds.

usage: .venv/bin/python tests/kernel/bench_latency.py [--runs N] [--warm N] [--only ours|evcxr]
evcxr_jupyter is expected at $ARRAYLIB_CACHE_DIR/evcxr-jupyter/bin/evcxr_jupyter, installed with
  cargo install --locked evcxr_jupyter@0.22.0 --root ~/.cache/arraylib-kernel/evcxr-jupyter
and is registered by this script in a scratch Jupyter path (never in the user's).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import statistics
import tempfile
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

CACHE = Path(os.environ.get("ARRAYLIB_CACHE_DIR", Path.home() / ".cache/arraylib-kernel"))
EVCXR_BIN = CACHE / "evcxr-jupyter/bin/evcxr_jupyter"

# Same pseudo-random data as the evcxr cell (an LCG), so both kernels compile and run the
# same work; `default_rng(42).random([1000, 20])` can replace line 1-2 once every
# installed arraylib has it.
OURS_CELL = """let mut s = 42u64; let data: Vec<f64> = (0..20000).map(|_| { s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (s >> 11) as f64 / (1u64 << 53) as f64 }).collect();
let x = Array::from_shape_vec([1000, 20], data).unwrap();
let mu = x.mean_axis(0);
let z = (&x - &mu) / x.std_axis(0);
z.mean()"""

# The same computation for evcxr with ndarray (a simple LCG stands in for a RNG crate).
EVCXR_SETUP = ':dep ndarray = "0.17"'
EVCXR_CELL = """let mut s = 42u64; let data: Vec<f64> = (0..20000).map(|_| { s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (s >> 11) as f64 / (1u64 << 53) as f64 }).collect();
let x = ndarray::Array2::from_shape_vec((1000, 20), data).unwrap();
let mu = x.mean_axis(ndarray::Axis(0)).unwrap();
let z = (&x - &mu) / x.std_axis(ndarray::Axis(0), 0.0);
z.mean().unwrap()"""


def execute(kc, code: str, timeout: float = 600) -> float:
    t = time.monotonic()
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: None)
    took = time.monotonic() - t
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}\n{code}")
    return took


def start(kernel_name: str, ksm: KernelSpecManager) -> tuple[KernelManager, object, float]:
    km = KernelManager(kernel_name=kernel_name, kernel_spec_manager=ksm)
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=120)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return km, kc, time.monotonic() - t0


# A cell that keeps the kernel busy while requests that compile nothing are timed.
BUSY_CELL = "std::thread::sleep(std::time::Duration::from_secs(4));"


def round_trip(kc, send, timeout: float = 10) -> float:
    """Seconds from sending a shell request to its reply (other replies are skipped); NaN
    when no reply comes within `timeout` (evcxr_jupyter does not answer every request)."""
    t = time.monotonic()
    msg_id = send()
    while time.monotonic() - t < timeout:
        try:
            if kc.get_shell_msg(timeout=timeout)["parent_header"].get("msg_id") == msg_id:
                return time.monotonic() - t
        except queue.Empty:
            break
    return math.nan


def quick_requests(kc, n: int) -> dict[str, float]:
    """Median round trips (ms) of requests that compile nothing, idle and during a running cell."""
    requests = {
        "kernel_info": kc.kernel_info,
        "is_complete": lambda: kc.is_complete("let v = vec![1,"),
        "complete `std::collections::Hash`": lambda: kc.complete("std::collections::Hash"),
        "history tail 10": lambda: kc.history(hist_access_type="tail", n=10),
    }
    out = {}
    for name, send in requests.items():
        out[f"idle {name} (ms)"] = statistics.median(round_trip(kc, send) for _ in range(n)) * 1e3
    # While a cell runs the shell socket is the executing request's; answers come from the
    # control channel (kernel_info) or from the shell thread if the kernel answers in parallel.
    busy_id = kc.execute(BUSY_CELL)
    time.sleep(0.5)
    for name in ("kernel_info", "is_complete"):
        out[f"busy {name} (ms)"] = round_trip(kc, requests[name]) * 1e3
    round_trip(kc, lambda: busy_id, timeout=60)  # the busy cell's own reply
    return out


def bench(label: str, kernel_name: str, ksm, setup: str | None, cell: str, runs: int, warm: int) -> dict:
    starts, firsts, firsts_from_start = [], [], []
    warm_11, warm_cell = [], []
    quick: dict[str, float] = {}
    for i in range(runs):
        km, kc, t_start = start(kernel_name, ksm)
        try:
            run_one(i, kc, t_start, setup, cell, warm, starts, firsts, firsts_from_start, warm_11, warm_cell)
            if i == 0:
                quick = quick_requests(kc, warm)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
        print(f"  [{label}] run {i + 1}/{runs}: start {t_start:.3f}s, first cell {firsts[-1]:.3f}s", flush=True)
    med = statistics.median
    return {
        "start to kernel_info_reply (s)": med(starts),
        "warm 1+1 (ms)": med(warm_11) * 1e3,
        "warm 5-line array cell (ms)": med(warm_cell) * 1e3,
        "first array cell, from sending it (s)": med(firsts),
        "first array cell, from kernel start (s)": med(firsts_from_start),
        **quick,
    }


def run_one(i, kc, t_start, setup, cell, warm, starts, firsts, firsts_from_start, warm_11, warm_cell) -> None:
    starts.append(t_start)
    t0 = time.monotonic() - t_start
    first_code = f"{setup}\n{cell}" if setup else cell
    firsts.append(execute(kc, first_code))
    firsts_from_start.append(time.monotonic() - t0)
    if i == 0:
        for _ in range(2):
            execute(kc, "1+1")
            execute(kc, cell)
        warm_11.extend(execute(kc, "1+1") for _ in range(warm))
        warm_cell.extend(execute(kc, cell) for _ in range(warm))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="new kernels per kernel type")
    ap.add_argument("--warm", type=int, default=10, help="warm executions per cell")
    ap.add_argument("--only", choices=["ours", "evcxr"])
    args = ap.parse_args()

    results = {}
    if args.only != "evcxr":
        results["arraylib-kernel"] = bench("ours", "arraylib-rust", KernelSpecManager(), None, OURS_CELL,
                                           args.runs, args.warm)
    if args.only != "ours":
        if not EVCXR_BIN.exists():
            print(f"evcxr_jupyter not found at {EVCXR_BIN}; see the module docstring. Skipping it.")
        else:
            scratch = Path(tempfile.mkdtemp(prefix="evcxr-bench-"))
            spec_dir = scratch / "kernels/evcxr-bench"
            spec_dir.mkdir(parents=True)
            (spec_dir / "kernel.json").write_text(json.dumps({
                "argv": [str(EVCXR_BIN), "--control_file", "{connection_file}"],
                "display_name": "evcxr 0.22 (bench)", "language": "rust", "interrupt_mode": "message",
            }))
            ksm = KernelSpecManager(kernel_dirs=[str(scratch / "kernels")])
            results["evcxr_jupyter 0.22.0"] = bench("evcxr", "evcxr-bench", ksm, EVCXR_SETUP, EVCXR_CELL,
                                                    args.runs, args.warm)

    print(f"\nmedians ({args.runs} kernel starts, {args.warm} warm runs each); load average {os.getloadavg()}")
    names = list(results)
    rows = list(next(iter(results.values())).keys()) if results else []
    print(f"{'':42}" + "".join(f"{n:>24}" for n in names))
    for r in rows:
        print(f"{r:42}" + "".join(f"{results[n][r]:>24.3f}" for n in names))


if __name__ == "__main__":
    main()
