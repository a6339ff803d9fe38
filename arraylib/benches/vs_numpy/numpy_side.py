#!/usr/bin/env python3
"""NumPy side of arraylib's benchmark suite (`cargo bench -p arraylib --bench vs_numpy`).

Vendored from the project's NumPy baseline script (bench/bench_numpy.py in the shared
material) and extended with the workloads of issue 6. The Rust driver (main.rs next to this
file) runs every workload of each side in its own child process, alternating sides, so that
each child's peak memory belongs to one workload only:

    python numpy_side.py --list                 # workload names, one JSON object a line
    python numpy_side.py --info                 # NumPy version, BLAS kernel, environment
    python numpy_side.py --only NAME --reps N   # time one workload, print one JSON line

Inputs come from `np.random.default_rng(seed)` with one seed per input group; the Rust side
draws the same groups with `arraylib::default_rng` (bit-exact), and both print a checksum of
the input bits so the driver can assert that both sides processed identical data. Every
workload also reports a weighted sum of its result so the driver can check both sides agree.
Keep the group seeds, call order and workload names in step with main.rs.
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np

# ---------------------------------------------------------------- inputs (seeded groups)
SWEEP = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]


def group(name):
    """The arrays of one input group, drawn in a fixed order from `default_rng(seed)`."""
    if name.startswith("sweep"):
        n = int(float(name[len("sweep"):]))
        return {"x": np.random.default_rng(17).random(n)}
    seed, draws = GROUPS[name]
    rng = np.random.default_rng(seed)
    return {k: f(rng) for k, f in draws}


GROUPS = {
    "x1m": (1, [("x", lambda r: r.standard_normal(1_000_000))]),
    "Xy": (2, [("X", lambda r: r.standard_normal((100_000, 50))), ("y", lambda r: r.integers(0, 2, 100_000))]),
    "P": (4, [("P", lambda r: r.standard_normal((500, 128)))]),
    "Z": (5, [("Z", lambda r: r.standard_normal((4096, 1000))), ("yt", lambda r: r.integers(0, 1000, 4096))]),
    "lab": (6, [("lab", lambda r: r.integers(0, 10, 1_000_000))]),
    "qk": (7, [("q", lambda r: r.standard_normal((8, 4, 64, 32))), ("k", lambda r: r.standard_normal((8, 4, 64, 32)))]),
    "ABC": (8, [("A", lambda r: r.standard_normal((100, 200))), ("B", lambda r: r.standard_normal((200, 300))),
                ("C", lambda r: r.standard_normal((300, 100)))]),
    "s1m": (9, [("s", lambda r: r.standard_normal(1_000_000))]),
    "u1m": (10, [("u", lambda r: r.integers(0, 1000, 1_000_000))]),
    "E": (11, [("E", lambda r: r.standard_normal((1000, 1536)))]),
    "mm64": (12, [("a", lambda r: r.standard_normal((64, 512))), ("b", lambda r: r.standard_normal((512, 256)))]),
    "mm512": (13, [("a", lambda r: r.standard_normal((512, 512))), ("b", lambda r: r.standard_normal((512, 512)))]),
    "mm1024": (14, [("a", lambda r: r.standard_normal((1024, 1024))), ("b", lambda r: r.standard_normal((1024, 1024)))]),
    "XW": (15, [("X", lambda r: r.standard_normal((4096, 512))), ("W", lambda r: r.standard_normal((256, 512)))]),
    "A5k": (16, [("A", lambda r: r.standard_normal((5000, 5000)))]),
    "x1e5": (18, [("x", lambda r: r.standard_normal(100_000))]),
    "L500": (19, [("A", lambda r: r.standard_normal((500, 500))), ("b", lambda r: r.standard_normal(500))]),
}


def checksum(arrays):
    """Wrapping sum (mod 2^64) of every input element's 64-bit pattern, as hex."""
    total = 0
    for a in arrays:
        a = np.ascontiguousarray(a)
        assert a.itemsize == 8, a.dtype
        total = (total + int(a.view(np.uint64).sum(dtype=np.uint64))) % 2**64
    return f"{total:016x}"


def summary(out):
    """(weighted sum, weighted sum of magnitudes) of a result, C order, weights 1..13."""
    outs = out if isinstance(out, tuple) else (out,)
    s = m = 0.0
    for a in outs:
        a = np.asarray(a, dtype=np.float64).ravel()
        w = (np.arange(a.size) % 13 + 1).astype(np.float64)
        s += float(np.dot(a, w))
        m += float(np.dot(np.abs(a), w))
    return s, m


# ---------------------------------------------------------------- workloads
def softmax(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def workloads():
    """name -> (size, input groups, repeat cap, calls per sample, setup(inputs) -> fn)."""
    W = {}

    def add(name, size, groups, setup, cap=None, inner=1):
        W[name] = (size, groups, cap, inner, setup)

    add("x**2", "(1e6,) f64", ["x1m"], lambda I: lambda: I["x"] ** 2)
    add("standardize (X-X.mean(0))/X.std(0)", "(100000,50) f64", ["Xy"],
        lambda I: lambda: (I["X"] - I["X"].mean(0)) / I["X"].std(0))

    def mask_mean(I):
        X, mask = I["X"], I["y"] == 1
        return lambda: X[mask].mean(axis=0)
    add("X[mask].mean(axis=0)", "(100000,50) f64", ["Xy"], mask_mean)

    def pdist(I):
        P = I["P"]

        def f():
            sq = (P ** 2).sum(1)
            d2 = sq[:, None] - 2.0 * (P @ P.T) + sq[None, :]
            return np.sqrt(np.maximum(d2, 0.0))
        return f
    add("pairwise euclid (norm trick)", "(500,128) -> (500,500)", ["P"], pdist)
    add("stable softmax", "(4096,1000) f64", ["Z"], lambda I: lambda: softmax(I["Z"]))
    add("one-hot np.eye(10)[y]", "(1e6,) i64 -> (1e6,10)", ["lab"], lambda I: lambda: np.eye(10)[I["lab"]])

    def onehot_set(I):
        lab = I["lab"]

        def f():
            o = np.zeros((lab.size, 10))
            o[np.arange(lab.size), lab] = 1.0
            return o
        return f
    add("one-hot zeros + o[arange,y]=1", "(1e6,) i64 -> (1e6,10)", ["lab"], onehot_set)

    def ce_probs(I):
        probs, yt = softmax(I["Z"]), I["yt"]
        return lambda: -np.mean(np.log(probs[np.arange(4096), yt]))
    add("cross-entropy from probs", "(4096,1000) f64", ["Z"], ce_probs)

    def ce_logits(I):
        Z, yt = I["Z"], I["yt"]

        def f():
            m = Z.max(axis=1, keepdims=True)
            lse = np.log(np.exp(Z - m).sum(axis=1)) + m[:, 0]
            return np.mean(lse - Z[np.arange(4096), yt])
        return f
    add("cross-entropy from logits (logsumexp)", "(4096,1000) f64", ["Z"], ce_logits)

    add("einsum bhid,bhjd->bhij", "(8,4,64,32) f64", ["qk"],
        lambda I: lambda: np.einsum('bhid,bhjd->bhij', I["q"], I["k"]))
    add("einsum bhid,bhjd->bhij optimize=True", "(8,4,64,32) f64", ["qk"],
        lambda I: lambda: np.einsum('bhid,bhjd->bhij', I["q"], I["k"], optimize=True))
    add("  (same via q @ k.swapaxes(-1,-2))", "(8,4,64,32) f64", ["qk"],
        lambda I: lambda: I["q"] @ I["k"].swapaxes(-1, -2))
    add("einsum ij,jk,kl->il optimize=False", "(100,200)(200,300)(300,100)", ["ABC"],
        lambda I: lambda: np.einsum('ij,jk,kl->il', I["A"], I["B"], I["C"]), cap=3)
    add("einsum ij,jk,kl->il optimize=True", "(100,200)(200,300)(300,100)", ["ABC"],
        lambda I: lambda: np.einsum('ij,jk,kl->il', I["A"], I["B"], I["C"], optimize=True))
    add("  (same via A @ B @ C)", "(100,200)(200,300)(300,100)", ["ABC"],
        lambda I: lambda: I["A"] @ I["B"] @ I["C"])
    add("np.sort 1e6 f64", "(1e6,) f64", ["s1m"], lambda I: lambda: np.sort(I["s"]))
    add("np.argsort 1e6 f64", "(1e6,) f64", ["s1m"], lambda I: lambda: np.argsort(I["s"]))
    add("np.argsort 1e6 f64 kind=stable", "(1e6,) f64", ["s1m"], lambda I: lambda: np.argsort(I["s"], kind="stable"))
    add("np.unique(return_counts) 1e6 ints", "(1e6,) i64 in [0,1000)", ["u1m"],
        lambda I: lambda: np.unique(I["u"], return_counts=True))
    add("  (bincount equivalent)", "(1e6,) i64 in [0,1000)", ["u1m"],
        lambda I: lambda: np.bincount(I["u"], minlength=1000))

    def pca(I):
        E = I["E"]

        def f():
            Ec = E - E.mean(0)
            U, S, Vt = np.linalg.svd(Ec, full_matrices=False)
            return np.abs(Ec @ Vt[:128].T)  # abs: singular vectors are defined up to sign
        return f
    add("PCA via SVD -> 128 comps", "(1000,1536) f64", ["E"], pca, cap=5)

    def pos_mean_loop(I):
        X, y = I["X"], I["y"]

        def f():
            total = np.zeros(X.shape[1])
            count = 0
            for i in range(X.shape[0]):
                if y[i] == 1:
                    total += X[i]
                    count += 1
            return total / count
        return f
    add("mean of positive class: element loop", "(100000,50) f64", ["Xy"], pos_mean_loop, cap=3)
    add("mean of positive class: X[y==1].mean(0)", "(100000,50) f64", ["Xy"],
        lambda I: lambda: I["X"][I["y"] == 1].mean(axis=0))

    # issue 6 additions
    for name, size, g, cap in (("matmul 64x512@512x256", "64x512 @ 512x256", "mm64", None),
                               ("matmul 512x512", "512x512 @ 512x512", "mm512", None),
                               ("matmul 1024x1024", "1024x1024 @ 1024x1024", "mm1024", 5)):
        add(name, size, [g], lambda I: lambda: I["a"] @ I["b"], cap=cap)
    # issue 4: the linear algebra of the tutorials, at the sizes of the project guide
    def eigh(I):
        S = I["A"] + I["A"].T

        def f():
            w, V = np.linalg.eigh(S)
            return w, np.abs(V)  # abs: eigenvectors are defined up to sign
        return f
    add("eigh 500", "(500,500) f64 symmetric", ["L500"], eigh, cap=10)
    add("solve 500", "(500,500) @ x = (500,)", ["L500"], lambda I: lambda: np.linalg.solve(I["A"], I["b"]))
    add("X @ W.T (W.T strided)", "(4096,512) @ (256,512).T", ["XW"], lambda I: lambda: I["X"] @ I["W"].T)
    add("X @ ascontiguousarray(W.T)", "(4096,512) @ (256,512).T", ["XW"],
        lambda I: lambda: I["X"] @ np.ascontiguousarray(I["W"].T))
    add("row sums A.sum(axis=1)", "(5000,5000) f64", ["A5k"], lambda I: lambda: I["A"].sum(axis=1))
    add("column sums A.sum(axis=0)", "(5000,5000) f64", ["A5k"], lambda I: lambda: I["A"].sum(axis=0))

    def sq_loop(I):
        x = I["x"]

        def f():
            out = np.empty(x.size)
            for i in range(x.size):
                out[i] = x[i] * x[i]
            return out
        return f
    add("x*x element loop", "(1e5,) f64", ["x1e5"], sq_loop, cap=3)
    add("x*x vectorised", "(1e5,) f64", ["x1e5"], lambda I: lambda: I["x"] * I["x"], inner=10)
    for n in SWEEP:
        inner = max(1, 1_000_000 // n) if n < 1_000_000 else 1
        add(f"x*2.5 sweep {n:.0e}", f"({n:.0e},) f64", [f"sweep{n:.0e}"], lambda I: lambda: I["x"] * 2.5,
            inner=min(inner, 1000), cap=5 if n >= 100_000_000 else None)
    add("copy 1e8 f64 (bandwidth)", "(1e8,) f64", ["sweep1e+08"], lambda I: lambda: I["x"].copy(), cap=5)
    return W


# ---------------------------------------------------------------- memory (Linux /proc)
def _status_kb(key):
    try:
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak():
    """Resets VmHWM to the current RSS (Linux >= 4.0); False when not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


# ---------------------------------------------------------------- entry points
def info():
    env = {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS", "OMP_", "MKL_"))}
    blas = None
    try:
        import threadpoolctl
        blas = [{k: d.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for d in threadpoolctl.threadpool_info()]
        source = "threadpoolctl"
    except ImportError:
        cfg = np.show_config(mode="dicts")
        blas = [cfg.get("Build Dependencies", {}).get("blas")]
        source = "numpy.show_config (threadpoolctl missing: build-time info, not the run-time kernel)"
    return {"numpy": np.__version__, "python": platform.python_version(), "cpu_count": os.cpu_count(),
            "env": env, "blas": blas, "blas_source": source}


def run_one(name, reps):
    size, groups, cap, inner, setup = workloads()[name]
    inputs = {}
    arrays = []
    for g in groups:
        for k, a in group(g).items():
            inputs[k] = a
            arrays.append(a)
    fn = setup(inputs)
    reps = min(reps, cap) if cap else reps
    result = summary(fn())  # warm-up, and the result the driver compares across sides
    reset = _reset_peak()
    base = _status_kb("VmRSS")
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - t0) / inner * 1e3)
    hwm = _status_kb("VmHWM")
    return {"name": name, "times_ms": times, "checksum": checksum(arrays), "result": result[0],
            "result_scale": result[1], "base_rss_kb": base, "hwm_kb": hwm,
            "extra_peak_kb": (hwm - base) if (reset and hwm is not None and base is not None) else None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--info", action="store_true")
    ap.add_argument("--only", default=None)
    ap.add_argument("--reps", type=int, default=11)
    args = ap.parse_args()
    if args.list:
        for name, (size, *_rest) in workloads().items():
            print(json.dumps({"name": name, "size": size}))
    elif args.info:
        print(json.dumps(info()))
    elif args.only:
        print(json.dumps(run_one(args.only, args.reps)))
    else:
        ap.error("one of --list, --info, --only NAME")


if __name__ == "__main__":
    sys.exit(main())
