//! The arraylib side of every workload, written as a notebook user would write the NumPy line
//! next to it in `numpy_side.py` (same names, same input groups, same seeds and draw order).

use std::collections::HashMap;

use arraylib::linalg::{Optimize, SvdResult};
use arraylib::prelude::*;
use arraylib::{
    UniqueOptions, abs, argsort, ascontiguousarray, bincount, einsum, exp, idx, log, matmul, maximum, power, sort,
    sqrt, unique_with,
};

/// The named input arrays of one worker process.
pub type Inputs = HashMap<&'static str, Array>;
/// A timed call: returns the workload's result(s), dropped inside the timed region as in Python.
pub type Call = Box<dyn FnMut() -> Vec<Array>>;
type Setup = Box<dyn Fn(&Inputs) -> Call>;

/// One workload of the suite.
pub struct Workload {
    pub name: String,
    /// Input groups (see [`group`]) the workload reads.
    pub groups: Vec<String>,
    /// At most this many timed samples per child (slow workloads).
    pub cap: Option<usize>,
    /// Calls per timed sample (tiny workloads, so the clock's resolution does not matter).
    pub inner: usize,
    /// `None`: the operation is not in arraylib yet.
    pub setup: Option<Setup>,
}

/// Element counts of the element-wise size sweep.
pub const SWEEP: [usize; 6] = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/// Python's `f"{n:.0e}"` for powers of ten (`1e+03`), used in names shared with the NumPy side.
pub fn sci(n: usize) -> String {
    format!("1e+{:02}", n.ilog10())
}

/// The arrays of one input group, drawn in a fixed order from `default_rng(seed)` exactly as
/// `numpy_side.py`'s `GROUPS` does.
pub fn group(name: &str) -> Vec<(&'static str, Array)> {
    if let Some(n) = name.strip_prefix("sweep") {
        let n = SWEEP.iter().find(|&&n2| sci(n2) == n).copied().expect("sweep size");
        return vec![("x", default_rng(17).random(n))];
    }
    let seed: u64 = match name {
        "x1m" => 1,
        "Xy" => 2,
        "P" => 4,
        "Z" => 5,
        "lab" => 6,
        "qk" => 7,
        "ABC" => 8,
        "s1m" => 9,
        "u1m" => 10,
        "E" => 11,
        "mm64" => 12,
        "mm512" => 13,
        "mm1024" => 14,
        "XW" => 15,
        "A5k" => 16,
        "x1e5" => 18,
        "L500" => 19,
        _ => panic!("unknown input group {name}"),
    };
    let mut r = default_rng(seed);
    match name {
        "x1m" => vec![("x", r.standard_normal(1_000_000))],
        "Xy" => vec![
            ("X", r.standard_normal((100_000, 50))),
            ("y", r.integers(0, 2, 100_000)),
        ],
        "P" => vec![("P", r.standard_normal((500, 128)))],
        "Z" => vec![
            ("Z", r.standard_normal((4096, 1000))),
            ("yt", r.integers(0, 1000, 4096)),
        ],
        "lab" => vec![("lab", r.integers(0, 10, 1_000_000))],
        "qk" => vec![
            ("q", r.standard_normal((8, 4, 64, 32))),
            ("k", r.standard_normal((8, 4, 64, 32))),
        ],
        "ABC" => vec![
            ("A", r.standard_normal((100, 200))),
            ("B", r.standard_normal((200, 300))),
            ("C", r.standard_normal((300, 100))),
        ],
        "s1m" => vec![("s", r.standard_normal(1_000_000))],
        "u1m" => vec![("u", r.integers(0, 1000, 1_000_000))],
        "E" => vec![("E", r.standard_normal((1000, 1536)))],
        "mm64" => vec![
            ("a", r.standard_normal((64, 512))),
            ("b", r.standard_normal((512, 256))),
        ],
        "mm512" => vec![
            ("a", r.standard_normal((512, 512))),
            ("b", r.standard_normal((512, 512))),
        ],
        "mm1024" => vec![
            ("a", r.standard_normal((1024, 1024))),
            ("b", r.standard_normal((1024, 1024))),
        ],
        "XW" => vec![
            ("X", r.standard_normal((4096, 512))),
            ("W", r.standard_normal((256, 512))),
        ],
        "A5k" => vec![("A", r.standard_normal((5000, 5000)))],
        "x1e5" => vec![("x", r.standard_normal(100_000))],
        "L500" => vec![("A", r.standard_normal((500, 500))), ("b", r.standard_normal(500))],
        _ => unreachable!(),
    }
}

fn softmax(z: &Array) -> Array {
    let e = exp(z - z.max_with(&Reduce::axis(1).keepdims(true)));
    let s = e.sum_with(&Reduce::axis(1).keepdims(true));
    e / s
}

/// Every workload, in the NumPy side's order.
pub fn workloads() -> Vec<Workload> {
    let mut w = Vec::new();
    let mut add = |name: &str, groups: &[&str], cap: Option<usize>, inner: usize, setup: Option<Setup>| {
        w.push(Workload {
            name: name.to_string(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            cap,
            inner,
            setup,
        })
    };
    fn s(f: impl Fn(&Inputs) -> Call + 'static) -> Option<Setup> {
        Some(Box::new(f))
    }
    let input = |i: &Inputs, k: &str| i[k].alias();

    add(
        "x**2",
        &["x1m"],
        None,
        1,
        s(move |i| {
            let x = input(i, "x");
            Box::new(move || vec![power(&x, 2)])
        }),
    );
    add(
        "standardize (X-X.mean(0))/X.std(0)",
        &["Xy"],
        None,
        1,
        s(move |i| {
            let x = input(i, "X");
            Box::new(move || vec![(&x - x.mean_axis(0)) / x.std_axis(0)])
        }),
    );
    add(
        "X[mask].mean(axis=0)",
        &["Xy"],
        None,
        1,
        s(move |i| {
            let (x, mask) = (input(i, "X"), i["y"].eq_elem(1));
            Box::new(move || vec![x.at(&mask).mean_axis(0)])
        }),
    );
    add(
        "pairwise euclid (norm trick)",
        &["P"],
        None,
        1,
        s(move |i| {
            let p = input(i, "P");
            Box::new(move || {
                let sq = power(&p, 2).sum_axis(1);
                let d2 = sq.at(idx![.., None]) - 2.0 * matmul(&p, &p.t()) + sq.at(idx![None, ..]);
                vec![sqrt(maximum(&d2, 0.0))]
            })
        }),
    );
    add(
        "stable softmax",
        &["Z"],
        None,
        1,
        s(move |i| {
            let z = input(i, "Z");
            Box::new(move || vec![softmax(&z)])
        }),
    );
    add(
        "one-hot np.eye(10)[y]",
        &["lab"],
        None,
        1,
        s(move |i| {
            let lab = input(i, "lab");
            Box::new(move || vec![eye(10, None, 0, DType::Float64).at(&lab)])
        }),
    );
    add(
        "one-hot zeros + o[arange,y]=1",
        &["lab"],
        None,
        1,
        s(move |i| {
            let lab = input(i, "lab");
            Box::new(move || {
                let mut o = zeros((lab.size(), 10), DType::Float64);
                o.set_at(idx![arange_n(lab.size() as i64), &lab], 1.0);
                vec![o]
            })
        }),
    );
    add(
        "cross-entropy from probs",
        &["Z"],
        None,
        1,
        s(move |i| {
            let (probs, yt) = (softmax(&i["Z"]), input(i, "yt"));
            Box::new(move || vec![-log(probs.at(idx![arange_n(4096), &yt])).mean()])
        }),
    );
    add(
        "cross-entropy from logits (logsumexp)",
        &["Z"],
        None,
        1,
        s(move |i| {
            let (z, yt) = (input(i, "Z"), input(i, "yt"));
            Box::new(move || {
                let m = z.max_with(&Reduce::axis(1).keepdims(true));
                let lse = log(exp(&z - &m).sum_axis(1)) + m.at(idx![.., 0]);
                vec![(lse - z.at(idx![arange_n(4096), &yt])).mean()]
            })
        }),
    );
    for (name, optimize) in [
        ("einsum bhid,bhjd->bhij", Optimize::No),
        ("einsum bhid,bhjd->bhij optimize=True", Optimize::Greedy),
    ] {
        add(
            name,
            &["qk"],
            None,
            1,
            s(move |i| {
                let (q, k) = (input(i, "q"), input(i, "k"));
                Box::new(move || vec![einsum("bhid,bhjd->bhij", &[&q, &k], optimize)])
            }),
        );
    }
    add(
        "  (same via q @ k.swapaxes(-1,-2))",
        &["qk"],
        None,
        1,
        s(move |i| {
            let (q, k) = (input(i, "q"), input(i, "k"));
            Box::new(move || vec![matmul(&q, &k.swapaxes(-1, -2))])
        }),
    );
    for (name, optimize, cap) in [
        ("einsum ij,jk,kl->il optimize=False", Optimize::No, Some(3)),
        ("einsum ij,jk,kl->il optimize=True", Optimize::Greedy, None),
    ] {
        add(
            name,
            &["ABC"],
            cap,
            1,
            s(move |i| {
                let (a, b, c) = (input(i, "A"), input(i, "B"), input(i, "C"));
                Box::new(move || vec![einsum("ij,jk,kl->il", &[&a, &b, &c], optimize)])
            }),
        );
    }
    add(
        "  (same via A @ B @ C)",
        &["ABC"],
        None,
        1,
        s(move |i| {
            let (a, b, c) = (input(i, "A"), input(i, "B"), input(i, "C"));
            Box::new(move || vec![matmul(&matmul(&a, &b), &c)])
        }),
    );
    add(
        "np.sort 1e6 f64",
        &["s1m"],
        None,
        1,
        s(move |i| {
            let x = input(i, "s");
            Box::new(move || vec![sort(&x, -1)])
        }),
    );
    add(
        "np.argsort 1e6 f64",
        &["s1m"],
        None,
        1,
        s(move |i| {
            let x = input(i, "s");
            Box::new(move || vec![argsort(&x, -1)])
        }),
    );
    // arraylib's argsort is always stable (NumPy's kind="stable" result for every kind).
    add(
        "np.argsort 1e6 f64 kind=stable",
        &["s1m"],
        None,
        1,
        s(move |i| {
            let x = input(i, "s");
            Box::new(move || vec![argsort(&x, -1)])
        }),
    );
    add(
        "np.unique(return_counts) 1e6 ints",
        &["u1m"],
        None,
        1,
        s(move |i| {
            let u = input(i, "u");
            let opts = UniqueOptions {
                return_counts: true,
                ..Default::default()
            };
            Box::new(move || {
                let r = unique_with(&u, &opts);
                vec![r.values, r.counts.expect("counts")]
            })
        }),
    );
    add(
        "  (bincount equivalent)",
        &["u1m"],
        None,
        1,
        s(move |i| {
            let u = input(i, "u");
            Box::new(move || vec![bincount(&u, None, 1000)])
        }),
    );
    add(
        "PCA via SVD -> 128 comps",
        &["E"],
        Some(5),
        1,
        s(move |i| {
            let e = input(i, "E");
            Box::new(move || {
                let ec = &e - e.mean_axis(0);
                let SvdResult::Full(_, _, vt) = arraylib::linalg::svd(&ec, false, true) else {
                    unreachable!("compute_uv")
                };
                // abs: singular vectors are defined up to sign.
                vec![abs(matmul(&ec, &vt.at(idx![..128]).t()))]
            })
        }),
    );
    add(
        "mean of positive class: element loop",
        &["Xy"],
        Some(3),
        1,
        s(move |i| {
            let (x, y) = (input(i, "X"), input(i, "y"));
            Box::new(move || {
                // The tutorial's Python loop, as a Rust user writes it: row views and `+=`.
                let labels = y.typed::<i64>().expect("int64 labels");
                let mut total = zeros(x.shape()[1], DType::Float64);
                let mut count = 0;
                for r in 0..x.shape()[0] {
                    if labels[[r]] == 1 {
                        total += &x.at(r);
                        count += 1;
                    }
                }
                vec![total / count]
            })
        }),
    );
    add(
        "mean of positive class: X[y==1].mean(0)",
        &["Xy"],
        None,
        1,
        s(move |i| {
            let (x, y) = (input(i, "X"), input(i, "y"));
            Box::new(move || vec![x.at(y.eq_elem(1)).mean_axis(0)])
        }),
    );
    for (name, group, cap) in [
        ("matmul 64x512@512x256", "mm64", None),
        ("matmul 512x512", "mm512", None),
        ("matmul 1024x1024", "mm1024", Some(5)),
    ] {
        add(
            name,
            &[group],
            cap,
            1,
            s(move |i| {
                let (a, b) = (input(i, "a"), input(i, "b"));
                Box::new(move || vec![matmul(&a, &b)])
            }),
        );
    }
    add(
        "eigh 500",
        &["L500"],
        Some(10),
        1,
        s(move |i| {
            let a = input(i, "A");
            let sym = &a + &a.t();
            Box::new(move || {
                let (w, v) = arraylib::linalg::eigh(&sym, "L");
                // abs: eigenvectors are defined up to sign.
                vec![w, abs(&v)]
            })
        }),
    );
    add(
        "solve 500",
        &["L500"],
        None,
        1,
        s(move |i| {
            let (a, b) = (input(i, "A"), input(i, "b"));
            Box::new(move || vec![arraylib::linalg::solve(&a, &b)])
        }),
    );
    add(
        "X @ W.T (W.T strided)",
        &["XW"],
        None,
        1,
        s(move |i| {
            let (x, w) = (input(i, "X"), input(i, "W"));
            Box::new(move || vec![matmul(&x, &w.t())])
        }),
    );
    add(
        "X @ ascontiguousarray(W.T)",
        &["XW"],
        None,
        1,
        s(move |i| {
            let (x, w) = (input(i, "X"), input(i, "W"));
            Box::new(move || vec![matmul(&x, &ascontiguousarray(&w.t()))])
        }),
    );
    add(
        "row sums A.sum(axis=1)",
        &["A5k"],
        None,
        1,
        s(move |i| {
            let a = input(i, "A");
            Box::new(move || vec![a.sum_axis(1)])
        }),
    );
    add(
        "column sums A.sum(axis=0)",
        &["A5k"],
        None,
        1,
        s(move |i| {
            let a = input(i, "A");
            Box::new(move || vec![a.sum_axis(0)])
        }),
    );
    add(
        "x*x element loop",
        &["x1e5"],
        Some(3),
        1,
        s(move |i| {
            let x = input(i, "x");
            Box::new(move || {
                // Element by element through the typed view: what a `for i in range(n)` loop becomes.
                let xv = x.typed::<f64>().expect("f64");
                let mut out = vec![0.0; x.size()];
                for (k, o) in out.iter_mut().enumerate() {
                    *o = xv[[k]] * xv[[k]];
                }
                vec![Array::from_vec(out)]
            })
        }),
    );
    add(
        "x*x vectorised",
        &["x1e5"],
        None,
        10,
        s(move |i| {
            let x = input(i, "x");
            Box::new(move || vec![&x * &x])
        }),
    );
    for n in SWEEP {
        let inner = if n < 1_000_000 { (1_000_000 / n).min(1000) } else { 1 };
        let cap = if n >= 100_000_000 { Some(5) } else { None };
        let g = format!("sweep{}", sci(n));
        add(
            &format!("x*2.5 sweep {}", sci(n)),
            &[&g],
            cap,
            inner,
            s(move |i| {
                let x = input(i, "x");
                Box::new(move || vec![&x * 2.5])
            }),
        );
    }
    add(
        "copy 1e8 f64 (bandwidth)",
        &["sweep1e+08"],
        Some(5),
        1,
        s(move |i| {
            let x = input(i, "x");
            Box::new(move || vec![x.copy()])
        }),
    );
    w
}
