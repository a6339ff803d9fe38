//! The `mkl` backend: GEMM through ndarray's BLAS path (`cblas_?gemm` from MKL) and the dense
//! decompositions through `ndarray-linalg` (LAPACK from MKL, linked statically).
//!
//! Matrices arrive as row-major slices and are viewed, not copied, as `ndarray` matrices;
//! results leave row-major whatever layout LAPACK returned them in.

use lax::Lapack;
use lax::layout::MatrixLayout;
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2, ArrayViewMut2, LinalgScalar, concatenate, s};
use ndarray_linalg::{Cholesky, Eig, EigVals, EigValsh, Eigh, Inverse, JobSvd, QR, SVDDC, Solve, UPLO};
use num_complex::Complex64;

/// `c = a @ b`; ndarray calls BLAS when the layouts allow it and its own GEMM otherwise.
pub(in crate::linalg) fn gemm<T: LinalgScalar>(c: &mut ArrayViewMut2<T>, a: &ArrayView2<T>, b: &ArrayView2<T>) {
    general_mat_mul(T::one(), a, b, T::zero(), c);
}

fn view(a: &[f64], m: usize, n: usize) -> ArrayView2<'_, f64> {
    ArrayView2::from_shape((m, n), a).expect("the caller passes m*n elements")
}

fn rows<T: Copy>(a: &Array2<T>) -> Vec<T> {
    a.iter().copied().collect()
}

/// LU with partial pivoting: `(sign, diagonal of U)`. A singular matrix still factors (one
/// diagonal entry is zero), so LAPACK's "singular" status is not an error here.
pub(in crate::linalg) fn lu_diag(a: &[f64], n: usize) -> (f64, Vec<f64>) {
    let mut lu = a.to_vec();
    let layout = MatrixLayout::C {
        row: n as i32,
        lda: n as i32,
    };
    // Row-major storage is the transpose to LAPACK, which has the same determinant.
    let sign = match f64::lu(layout, &mut lu) {
        Ok(pivots) => pivots
            .iter()
            .enumerate()
            .fold(1.0, |s, (i, &p)| if p as usize != i + 1 { -s } else { s }),
        Err(_) => 1.0,
    };
    (sign, (0..n).map(|i| lu[i * n + i]).collect())
}

/// Solves `a x = b` (`b` is `n x k` row-major); `None` when `a` is singular.
pub(in crate::linalg) fn solve(a: &[f64], n: usize, b: &[f64], k: usize) -> Option<Vec<f64>> {
    let a = view(a, n, n);
    let b = view(b, n, k);
    let mut x = Array2::zeros((n, k));
    for j in 0..k {
        x.column_mut(j).assign(&a.solve(&b.column(j).to_owned()).ok()?);
    }
    Some(rows(&x))
}

/// The inverse, `None` when singular.
pub(in crate::linalg) fn inv(a: &[f64], n: usize) -> Option<Vec<f64>> {
    view(a, n, n).inv().ok().map(|x| rows(&x))
}

/// General eigendecomposition: eigenvalues and (if asked) eigenvector columns, row-major.
pub(in crate::linalg) fn eig(a: &[f64], n: usize, vectors: bool) -> Option<(Vec<Complex64>, Vec<Complex64>)> {
    let a = view(a, n, n);
    if vectors {
        let (w, v) = a.eig().ok()?;
        Some((w.to_vec(), rows(&v)))
    } else {
        Some((a.eigvals().ok()?.to_vec(), Vec::new()))
    }
}

/// Symmetric eigendecomposition reading the lower triangle: ascending eigenvalues and
/// eigenvector columns (row-major), if asked.
pub(in crate::linalg) fn eigh(a: &[f64], n: usize, vectors: bool) -> Option<(Vec<f64>, Vec<f64>)> {
    // Mirror the lower triangle explicitly: which triangle LAPACK reads of a row-major view
    // depends on how ndarray-linalg transposes it.
    let a = Array2::from_shape_fn((n, n), |(i, j)| if i >= j { a[i * n + j] } else { a[j * n + i] });
    if vectors {
        let (w, v) = a.eigh(UPLO::Lower).ok()?;
        Some((w.to_vec(), rows(&v)))
    } else {
        Some((a.eigvalsh(UPLO::Lower).ok()?.to_vec(), Vec::new()))
    }
}

/// SVD of an `m x n` matrix by divide and conquer (LAPACK's `gesdd`, as NumPy): `(U, s, Vh)`
/// row-major, thin or full; only `s` when `!uv`.
pub(in crate::linalg) fn svd(
    a: &[f64],
    m: usize,
    n: usize,
    full: bool,
    uv: bool,
) -> Option<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let job = match (uv, full) {
        (false, _) => JobSvd::None,
        (true, true) => JobSvd::All,
        (true, false) => JobSvd::Some,
    };
    let (u, s, vt) = view(a, m, n).svddc(job).ok()?;
    let flat = |x: Option<Array2<f64>>| x.map(|x| rows(&x)).unwrap_or_default();
    Some((flat(u), s.to_vec(), flat(vt)))
}

/// QR: `(Q, R)` row-major; `complete` gives the square `Q` and the `m x n` `R`.
pub(in crate::linalg) fn qr(a: &[f64], m: usize, n: usize, complete: bool) -> (Vec<f64>, Vec<f64>) {
    let a = view(a, m, n);
    if complete && m > n {
        // Zero columns add identity reflections: the square factorisation of `[a | 0]` has
        // `a`'s reflectors first, so its `Q` is a complete `Q` of `a` and `R[:, :n]` its `R`.
        let padded = concatenate![ndarray::Axis(1), a, Array2::zeros((m, m - n))];
        let (q, r) = padded.qr().expect("QR of a finite matrix");
        return (rows(&q), rows(&r.slice(s![.., ..n]).to_owned()));
    }
    let (q, r) = a.qr().expect("QR of a finite matrix");
    (rows(&q), rows(&r))
}

/// Cholesky factor `L` (row-major), `None` when not positive definite.
pub(in crate::linalg) fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    view(a, n, n).cholesky(UPLO::Lower).ok().map(|l| rows(&l))
}
