//! The `faer` backend: GEMM through faer's `matmul` on strided `ndarray` views without copies,
//! and the dense decompositions on row-major `f64` buffers.

use faer::linalg::solvers::DenseSolveCore;
use faer::prelude::*;
use faer::{Accum, MatRef, Side};
use ndarray::{ArrayView2, ArrayViewMut2};
use num_complex::Complex64;

/// A faer view of an `ndarray` view (any strides, no copy).
fn mat_ref<'a, T>(a: &ArrayView2<'a, T>) -> MatRef<'a, T> {
    let s = a.strides();
    // SAFETY: the pointer, extents and strides come from a live ndarray view of the same
    // lifetime, so every addressed element is in bounds and initialised.
    unsafe { MatRef::from_raw_parts(a.as_ptr(), a.nrows(), a.ncols(), s[0], s[1]) }
}

/// `c = a @ b` through faer's GEMM (`c` row-major, `a`/`b` any strides).
pub(in crate::linalg) fn gemm<T: faer::traits::ComplexField + Copy>(
    c: &mut ArrayViewMut2<T>,
    a: &ArrayView2<T>,
    b: &ArrayView2<T>,
) {
    let work = a.nrows() * a.ncols() * b.ncols();
    let par = if work >= crate::linalg::kernel::PARALLEL_GEMM {
        Par::rayon(2)
    } else {
        Par::Seq
    };
    let (m, n) = c.dim();
    let s = c.strides().to_vec();
    // SAFETY: as in `mat_ref`, and the mutable view is exclusively borrowed for the call.
    let dst = unsafe { faer::MatMut::from_raw_parts_mut(c.as_mut_ptr(), m, n, s[0], s[1]) };
    faer::linalg::matmul::matmul(dst, Accum::Replace, mat_ref(a), mat_ref(b), T::one_impl(), par);
}

/// Inputs whose smaller side is below this are decomposed on one thread: handing work to a
/// second thread cost more than it saved on this project's machine (LU solve of 250x250: 0.72
/// ms on one thread, 1.95 ms on two; 500x500: 4.2 and 4.5 ms; 1000x1000: 29.8 and 23.6 ms;
/// thin SVD of 1000x1536: 798 and 656 ms).
const PARALLEL_DECOMPOSITION: usize = 768;

/// The faer view of a row-major `m x n` input, with faer's parallelism (a global setting that
/// its decompositions read) chosen for the input's size.
fn input(data: &[f64], m: usize, n: usize) -> MatRef<'_, f64> {
    faer::set_global_parallelism(if m.min(n) >= PARALLEL_DECOMPOSITION {
        Par::rayon(rayon::current_num_threads())
    } else {
        Par::Seq
    });
    MatRef::from_row_major_slice(data, m, n)
}

fn to_rows<T: Copy>(m: MatRef<'_, T>) -> Vec<T> {
    let mut out = Vec::with_capacity(m.nrows() * m.ncols());
    for i in 0..m.nrows() {
        for j in 0..m.ncols() {
            out.push(m[(i, j)]);
        }
    }
    out
}

/// LU with partial pivoting: `(sign, diagonal of U)`, NumPy's `slogdet` ingredients.
pub(in crate::linalg) fn lu_diag(a: &[f64], n: usize) -> (f64, Vec<f64>) {
    let lu = input(a, n, n).partial_piv_lu();
    let (fwd, _) = lu.P().arrays();
    let mut seen = vec![false; n];
    let mut sign = 1.0;
    for start in 0..n {
        let mut len = 0;
        let mut i = start;
        while !seen[i] {
            seen[i] = true;
            i = fwd[i];
            len += 1;
        }
        if len > 0 && len % 2 == 0 {
            sign = -sign;
        }
    }
    let u = lu.U();
    (sign, (0..n).map(|i| u[(i, i)]).collect())
}

/// Solves `a x = b` (`b` is `n x k` row-major); `None` when `a` is exactly singular (a zero
/// pivot, LAPACK's `info > 0`).
pub(in crate::linalg) fn solve(a: &[f64], n: usize, b: &[f64], k: usize) -> Option<Vec<f64>> {
    let lu = input(a, n, n).partial_piv_lu();
    let u = lu.U();
    if (0..n).any(|i| u[(i, i)] == 0.0) {
        return None;
    }
    let mut x = input(b, n, k).to_owned();
    lu.solve_in_place(x.as_mut());
    Some(to_rows(x.as_ref()))
}

/// The inverse, `None` when singular.
pub(in crate::linalg) fn inv(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let lu = input(a, n, n).partial_piv_lu();
    let u = lu.U();
    if (0..n).any(|i| u[(i, i)] == 0.0) {
        return None;
    }
    Some(to_rows(lu.inverse().as_ref()))
}

/// General eigendecomposition: eigenvalues and (if asked) eigenvector columns, row-major.
pub(in crate::linalg) fn eig(a: &[f64], n: usize, vectors: bool) -> Option<(Vec<Complex64>, Vec<Complex64>)> {
    let m = input(a, n, n);
    if vectors {
        let e = m.eigen().ok()?;
        let w = e.S().column_vector().iter().copied().collect();
        Some((w, to_rows(e.U())))
    } else {
        Some((m.eigenvalues().ok()?, Vec::new()))
    }
}

/// Symmetric eigendecomposition reading the lower triangle (faer's divide and conquer):
/// ascending eigenvalues and eigenvector columns (row-major), if asked.
pub(in crate::linalg) fn eigh(a: &[f64], n: usize, vectors: bool) -> Option<(Vec<f64>, Vec<f64>)> {
    let m = input(a, n, n);
    if vectors {
        let e = m.self_adjoint_eigen(Side::Lower).ok()?;
        let w = e.S().column_vector().iter().copied().collect();
        Some((w, to_rows(e.U())))
    } else {
        Some((m.self_adjoint_eigenvalues(Side::Lower).ok()?, Vec::new()))
    }
}

/// SVD of an `m x n` matrix: `(U, s, Vh)` row-major, thin or full; only `s` when `!uv`.
pub(in crate::linalg) fn svd(
    a: &[f64],
    m: usize,
    n: usize,
    full: bool,
    uv: bool,
) -> Option<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let mat = input(a, m, n);
    if !uv {
        return Some((Vec::new(), mat.singular_values().ok()?, Vec::new()));
    }
    let d = if full { mat.svd().ok()? } else { mat.thin_svd().ok()? };
    let s = d.S().column_vector().iter().copied().collect();
    Some((to_rows(d.U()), s, to_rows(d.V().transpose())))
}

/// QR: `(Q, R)` row-major; `complete` gives the square `Q` and the `m x n` `R`.
pub(in crate::linalg) fn qr(a: &[f64], m: usize, n: usize, complete: bool) -> (Vec<f64>, Vec<f64>) {
    let d = input(a, m, n).qr();
    if complete {
        (to_rows(d.compute_Q().as_ref()), to_rows(d.R()))
    } else {
        (to_rows(d.compute_thin_Q().as_ref()), to_rows(d.thin_R()))
    }
}

/// Cholesky factor `L` (row-major), `None` when not positive definite.
pub(in crate::linalg) fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let d = input(a, n, n).llt(Side::Lower).ok()?;
    Some(to_rows(d.L()))
}
