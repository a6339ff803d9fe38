//! Linear-algebra timings against the targets of the project guide (medians, milliseconds).
//!
//! Run: `cargo run --release -p arraylib --example bench_linalg`.

use std::time::Instant;

use arraylib::linalg::{self, Optimize, SvdResult};
use arraylib::{Array, DType};

/// A deterministic pseudo-random matrix (no RNG dependency): a simple LCG in [-1, 1).
fn rand(shape: &[usize], seed: u64) -> Array {
    let n: usize = shape.iter().product();
    let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let data: Vec<f64> = (0..n)
        .map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
        })
        .collect();
    Array::from_shape_vec(shape, data).expect("size")
}

fn median_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[reps / 2]
}

fn main() {
    let a = rand(&[1024, 1024], 1);
    let b = rand(&[1024, 1024], 2);
    let ms = median_ms(15, || drop(arraylib::matmul(&a, &b)));
    println!(
        "matmul 1024 f64: {ms:.2} ms ({:.0} GFLOP/s)  [NumPy ~11 ms]",
        2.0 * 1024f64.powi(3) / ms / 1e6
    );
    let a5 = rand(&[512, 512], 3);
    let ms = median_ms(30, || drop(arraylib::matmul(&a5, &a5)));
    println!(
        "matmul 512 f64: {ms:.3} ms ({:.0} GFLOP/s)",
        2.0 * 512f64.powi(3) / ms / 1e6
    );
    let ai = a5.astype(DType::Int64).unwrap();
    let ms = median_ms(5, || drop(arraylib::matmul(&ai, &ai)));
    println!("matmul 512 int64: {ms:.2} ms");

    let x = rand(&[1000, 1536], 4);
    let ms = median_ms(5, || {
        if let SvdResult::Full(u, s, _) = linalg::svd(&x, false, true) {
            drop((u, s));
        }
    });
    println!("PCA SVD 1000x1536 (thin): {ms:.1} ms  [NumPy 272]");

    let m = rand(&[500, 500], 5);
    let sym = arraylib::matmul(&m, &linalg_t(&m));
    let ms = median_ms(15, || drop(linalg::eigh(&sym, "L")));
    println!("eigh 500: {ms:.2} ms  [NumPy 13.9]");
    let rhs = rand(&[500], 6);
    let ms = median_ms(30, || drop(linalg::solve(&m, &rhs)));
    println!("solve 500: {ms:.3} ms  [NumPy 1.9]");

    let q = rand(&[8, 4, 64, 32], 7);
    let k = rand(&[8, 4, 64, 32], 8);
    let ms = median_ms(200, || {
        drop(arraylib::einsum("bhid,bhjd->bhij", &[&q, &k], Optimize::Greedy))
    });
    println!("einsum bhid,bhjd->bhij (8,4,64,32): {ms:.3} ms  [NumPy 0.15]");
    let (c1, c2, c3) = (rand(&[100, 200], 9), rand(&[200, 300], 10), rand(&[300, 100], 11));
    let ms = median_ms(100, || {
        drop(arraylib::einsum("ij,jk,kl->il", &[&c1, &c2, &c3], Optimize::Greedy))
    });
    println!("einsum ij,jk,kl->il optimize=True: {ms:.3} ms  [NumPy 0.22]");
    let ms = median_ms(20, || {
        drop(arraylib::einsum("ij,jk,kl->il", &[&c1, &c2, &c3], Optimize::No))
    });
    println!("einsum ij,jk,kl->il optimize=False: {ms:.3} ms  [NumPy 323]");
}

/// `m.T` as a row-major copy (the transpose view belongs to the shape module).
fn linalg_t(m: &Array) -> Array {
    let v = m.typed::<f64>().unwrap();
    Array::from_ndarray(v.t().as_standard_layout().into_owned())
}
