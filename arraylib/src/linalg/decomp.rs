//! `numpy.linalg`'s decompositions and solvers, batched over leading dimensions: `det`,
//! `slogdet`, `inv`, `solve`, `lstsq`, `eig`, `eigvals`, `eigh`, `eigvalsh`, `svd`,
//! `svdvals`, `qr`, `cholesky`, `pinv`, `matrix_rank`, `cond`, `matrix_power`.
//!
//! Inputs are promoted to float64 (float32 stays float32 in the result, as in NumPy) and laid
//! out as row-major matrices once; each matrix then goes to the backend. Failures are
//! `LinAlgError`s with NumPy's texts, never NaNs passed off as an answer.

use num_complex::Complex64;

use super::backend;
use super::norm::try_norm;
use super::{NormOrd, Stack};
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{ArrayError, ErrorKind, Result};

fn linalg_error(message: &str) -> ArrayError {
    ArrayError::new(ErrorKind::Linalg, message)
}

fn singular() -> ArrayError {
    linalg_error("Singular matrix")
}

/// `numpy.linalg.det`.
///
/// ```
/// use arraylib::prelude::*;
/// let d = linalg::det(&array![[1.0, 2.0], [3.0, 4.0]]);
/// assert!((d.item_f64().unwrap() + 2.0).abs() < 1e-12);
/// ```
pub fn det(a: &Array) -> Array {
    try_det(a).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`det`].
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(linalg::try_det(&ones([2, 3], DType::Float64)).unwrap_err().kind(), ErrorKind::Linalg);
/// ```
pub fn try_det(a: &Array) -> Result<Array> {
    let s = Stack::new(a, true)?;
    let out = s.map(|m| {
        let (sign, diag) = backend::lu_diag(m, s.n);
        Ok(vec![sign * diag.iter().product::<f64>()])
    })?;
    s.result(&[], out)
}

/// `numpy.linalg.slogdet`: `(sign, logabsdet)`; a singular matrix gives `(0, -inf)`.
///
/// ```
/// use arraylib::prelude::*;
/// let (sign, log) = linalg::slogdet(&array![[2.0, 0.0], [0.0, -3.0]]);
/// assert_eq!(sign.item_f64().unwrap(), -1.0);
/// assert!((log.item_f64().unwrap() - 6f64.ln()).abs() < 1e-12);
/// ```
pub fn slogdet(a: &Array) -> (Array, Array) {
    try_slogdet(a).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`slogdet`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_slogdet(&array![1.0, 2.0]).is_err());
/// ```
pub fn try_slogdet(a: &Array) -> Result<(Array, Array)> {
    let s = Stack::new(a, true)?;
    let out = s.map(|m| {
        let (mut sign, diag) = backend::lu_diag(m, s.n);
        let mut log = 0.0;
        for d in diag {
            if d == 0.0 {
                return Ok(vec![0.0, f64::NEG_INFINITY]);
            }
            sign *= d.signum();
            log += d.abs().ln();
        }
        Ok(vec![sign, log])
    })?;
    let signs = out.iter().step_by(2).copied().collect();
    let logs = out.iter().skip(1).step_by(2).copied().collect();
    Ok((s.result(&[], signs)?, s.result(&[], logs)?))
}

/// `numpy.linalg.inv`.
///
/// ```
/// use arraylib::prelude::*;
/// let i = linalg::inv(&array![[2.0, 0.0], [0.0, 4.0]]);
/// assert_eq!(i.to_vec::<f64>().unwrap(), vec![0.5, 0.0, 0.0, 0.25]);
/// ```
pub fn inv(a: &Array) -> Array {
    try_inv(a).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`inv`]: "Singular matrix" for a singular input.
///
/// ```
/// use arraylib::prelude::*;
/// let e = linalg::try_inv(&array![[1.0, 2.0], [2.0, 4.0]]).unwrap_err();
/// assert_eq!(e.message(), "Singular matrix");
/// ```
pub fn try_inv(a: &Array) -> Result<Array> {
    let s = Stack::new(a, true)?;
    let out = s.map(|m| backend::inv(m, s.n).ok_or_else(singular))?;
    s.result(&[s.n, s.n], out)
}

/// `numpy.linalg.solve(a, b)`: `b` is a vector when 1-D, else a stack of `(n, k)` matrices.
///
/// ```
/// use arraylib::prelude::*;
/// let x = linalg::solve(&array![[3.0, 1.0], [1.0, 2.0]], &array![9.0, 8.0]);
/// assert_eq!(x.to_vec::<f64>().unwrap(), vec![2.0, 3.0]);
/// ```
pub fn solve(a: &Array, b: &Array) -> Array {
    try_solve(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`solve`].
///
/// ```
/// use arraylib::prelude::*;
/// let e = linalg::try_solve(&eye(2, None, 0, DType::Float64), &array![1.0, 2.0, 3.0]).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Shape);
/// ```
pub fn try_solve(a: &Array, b: &Array) -> Result<Array> {
    let s = Stack::new(a, true)?;
    let n = s.n;
    let vector = b.ndim() == 1;
    let (bn, k) = if vector {
        (b.shape()[0], 1)
    } else if b.ndim() >= 2 {
        (b.shape()[b.ndim() - 2], b.shape()[b.ndim() - 1])
    } else {
        return Err(ArrayError::value(
            "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (m,m),(m,n)->(m,n) requires 2)",
        ));
    };
    if bn != n {
        let (name, sig) = if vector {
            ("solve1", "(m,m),(m)->(m)")
        } else {
            ("solve", "(m,m),(m,n)->(m,n)")
        };
        return Err(ArrayError::shape(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {bn} is different from {n})"
        )));
    }
    let b_batch = if vector { &[][..] } else { &b.shape()[..b.ndim() - 2] };
    let batch = super::broadcast_shapes(&[&s.batch, b_batch])?;
    let a = s.broadcast_to(&batch)?;
    let a_shape = [batch.clone(), vec![n, n]].concat();
    let mut b_shape = batch.clone();
    b_shape.extend([n, k]);
    let bv = super::float_rows(b)?;
    let bv = if vector {
        bv.into_shape_with_order(ndarray::IxDyn(&[n, 1])).expect("vector")
    } else {
        bv
    };
    let bv = bv
        .broadcast(ndarray::IxDyn(&b_shape))
        .ok_or_else(|| ArrayError::broadcast(&[a_shape.as_slice(), b.shape()]))?;
    let bdata: Vec<f64> = bv.iter().copied().collect();
    let mut out = Vec::with_capacity(bdata.len());
    for (m, rhs) in a.data.chunks(n * n).zip(bdata.chunks((n * k).max(1))) {
        if n == 0 {
            break;
        }
        out.extend(backend::solve(m, n, rhs, k).ok_or_else(singular)?);
    }
    let mut shape = batch;
    shape.push(n);
    if !vector {
        shape.push(k);
    }
    let dtype = if a.dtype == DType::Float32 && b.dtype() == DType::Float32 {
        DType::Float32
    } else {
        DType::Float64
    };
    Array::from_shape_vec(shape, out)?.astype(dtype)
}

/// `numpy.linalg.lstsq(a, b, rcond)`: `(x, residuals, rank, s)`. `rcond = None` is machine
/// epsilon times `max(m, n)`; residuals are empty when the rank is below `n` or `m <= n`.
///
/// ```
/// use arraylib::prelude::*;
/// let (x, res, rank, _s) = linalg::lstsq(&array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], &array![1.0, 1.0, 3.0], None);
/// assert_eq!(rank.item_f64().unwrap(), 2.0);
/// assert_eq!(res.shape(), &[1]);
/// # let _ = x;
/// ```
pub fn lstsq(a: &Array, b: &Array, rcond: Option<f64>) -> (Array, Array, Array, Array) {
    try_lstsq(a, b, rcond).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`lstsq`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_lstsq(&ones([3, 2], DType::Float64), &ones([2], DType::Float64), None).is_err());
/// ```
pub fn try_lstsq(a: &Array, b: &Array, rcond: Option<f64>) -> Result<(Array, Array, Array, Array)> {
    if a.ndim() != 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be two-dimensional",
            a.ndim()
        )));
    }
    let s = Stack::new(a, false)?;
    let (m, n) = (s.m, s.n);
    let vector = b.ndim() == 1;
    if b.ndim() == 0 || b.ndim() > 2 || b.shape()[0] != m {
        return Err(linalg_error("Incompatible dimensions"));
    }
    let k = if vector { 1 } else { b.shape()[1] };
    let bdata: Vec<f64> = super::float_rows(b)?.iter().copied().collect();
    let (u, sv, vh) = backend::svd(&s.data, m, n, false, true).ok_or_else(|| linalg_error("SVD did not converge"))?;
    let r = sv.len();
    let rcond = rcond.unwrap_or(f64::EPSILON * m.max(n) as f64);
    let cutoff = rcond * sv.first().copied().unwrap_or(0.0);
    let rank = sv.iter().filter(|&&x| x > cutoff).count();
    // x = V diag(1/s) U^T b over the singular values above the cutoff.
    let mut x = vec![0.0; n * k];
    for i in 0..rank {
        for c in 0..k {
            let mut dotp = 0.0;
            for row in 0..m {
                dotp += u[row * r + i] * bdata[row * k + c];
            }
            let coef = dotp / sv[i];
            for j in 0..n {
                x[j * k + c] += vh[i * n + j] * coef;
            }
        }
    }
    let residuals = if rank == n && m > n {
        (0..k)
            .map(|c| {
                (0..m)
                    .map(|row| {
                        let fit: f64 = (0..n).map(|j| s.data[row * n + j] * x[j * k + c]).sum();
                        (bdata[row * k + c] - fit).powi(2)
                    })
                    .sum::<f64>()
            })
            .collect()
    } else {
        Vec::new()
    };
    let x_shape = if vector { vec![n] } else { vec![n, k] };
    let nres = residuals.len();
    Ok((
        Array::from_shape_vec(x_shape, x)?,
        Array::from_shape_vec([nres], residuals)?,
        Array::scalar(rank as i32),
        Array::from_shape_vec([sv.len()], sv)?,
    ))
}

/// Rotates a complex eigenvector so its largest component is real and positive, then scales
/// it to unit norm (LAPACK's normalisation); real eigenvectors come out real.
fn normalize_columns(v: &mut [Complex64], n: usize) {
    for j in 0..n {
        let big = (0..n)
            .map(|i| v[i * n + j])
            .fold(Complex64::new(0.0, 0.0), |b, x| if x.norm() > b.norm() { x } else { b });
        let phase = if big.norm() > 0.0 {
            big.conj() / big.norm()
        } else {
            Complex64::new(1.0, 0.0)
        };
        let norm = (0..n).map(|i| v[i * n + j].norm_sqr()).sum::<f64>().sqrt();
        for i in 0..n {
            v[i * n + j] = v[i * n + j] * phase / if norm > 0.0 { norm } else { 1.0 };
        }
    }
}

fn eig_impl(a: &Array, vectors: bool) -> Result<(Array, Option<Array>)> {
    let s = Stack::new(a, true)?;
    let n = s.n;
    let mut w = Vec::new();
    let mut v = Vec::new();
    for m in s.data.chunks(n * n).take(if n == 0 { 0 } else { s.count() }) {
        if m.iter().any(|x| !x.is_finite()) {
            return Err(linalg_error("Array must not contain infs or NaNs"));
        }
        let (wi, mut vi) = backend::eig(m, n, vectors).ok_or_else(|| linalg_error("Eigenvalues did not converge"))?;
        if vectors {
            normalize_columns(&mut vi, n);
        }
        w.extend(wi);
        v.extend(vi);
    }
    let complex = w.iter().any(|x| x.im != 0.0);
    let make = |data: Vec<Complex64>, shape: Vec<usize>| -> Result<Array> {
        let arr = Array::from_shape_vec(shape, data)?;
        if complex {
            Ok(arr)
        } else {
            arr.astype(DType::Float64)?.astype(s.dtype)
        }
    };
    let mut wshape = s.batch.clone();
    wshape.push(n);
    let mut vshape = wshape.clone();
    vshape.push(n);
    let wv = make(w, wshape)?;
    let vv = if vectors { Some(make(v, vshape)?) } else { None };
    Ok((wv, vv))
}

/// `numpy.linalg.eig`: `(w, v)`, float64 unless some eigenvalue is complex (then both are
/// complex128); eigenvector columns have unit norm.
///
/// ```
/// use arraylib::prelude::*;
/// let (w, _v) = linalg::eig(&array![[2.0, 0.0], [0.0, 3.0]]);
/// assert_eq!(w.dtype(), DType::Float64);
/// let (w, _v) = linalg::eig(&array![[0.0, -1.0], [1.0, 0.0]]);
/// assert_eq!(w.dtype(), DType::Complex128);
/// ```
pub fn eig(a: &Array) -> (Array, Array) {
    try_eig(a).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`eig`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_eig(&ones([2, 3], DType::Float64)).is_err());
/// ```
pub fn try_eig(a: &Array) -> Result<(Array, Array)> {
    let (w, v) = eig_impl(a, true)?;
    Ok((w, v.expect("vectors requested")))
}

/// `numpy.linalg.eigvals`.
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(linalg::eigvals(&array![[2.0, 0.0], [0.0, 3.0]]).to_vec::<f64>().unwrap(), vec![2.0, 3.0]);
/// ```
pub fn eigvals(a: &Array) -> Array {
    try_eigvals(a).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`eigvals`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_eigvals(&array![1.0]).is_err());
/// ```
pub fn try_eigvals(a: &Array) -> Result<Array> {
    Ok(eig_impl(a, false)?.0)
}

fn eigh_impl(a: &Array, upper: bool, vectors: bool) -> Result<(Array, Option<Array>)> {
    let mut s = Stack::new(a, true)?;
    let n = s.n;
    if upper {
        s.transpose_each();
    }
    let mut w = Vec::new();
    let mut v = Vec::new();
    for m in s.data.chunks(n * n).take(if n == 0 { 0 } else { s.count() }) {
        let (wi, vi) = backend::eigh(m, n, vectors).ok_or_else(|| linalg_error("Eigenvalues did not converge"))?;
        w.extend(wi);
        v.extend(vi);
    }
    let wv = s.result(&[n], w)?;
    let vv = if vectors { Some(s.result(&[n, n], v)?) } else { None };
    Ok((wv, vv))
}

fn uplo_upper(uplo: &str) -> Result<bool> {
    match uplo {
        "L" | "l" => Ok(false),
        "U" | "u" => Ok(true),
        _ => Err(ArrayError::value("UPLO argument must be 'L' or 'U'")),
    }
}

/// `numpy.linalg.eigh(a, UPLO='L')`: ascending eigenvalues and eigenvector columns of a
/// symmetric matrix, reading only the lower triangle (`"U"`: the upper one).
///
/// ```
/// use arraylib::prelude::*;
/// let (w, _v) = linalg::eigh(&array![[2.0, 1.0], [1.0, 2.0]], "L");
/// assert!((w.to_vec::<f64>().unwrap()[1] - 3.0).abs() < 1e-12);
/// ```
pub fn eigh(a: &Array, uplo: &str) -> (Array, Array) {
    try_eigh(a, uplo).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`eigh`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_eigh(&eye(2, None, 0, DType::Float64), "X").is_err());
/// ```
pub fn try_eigh(a: &Array, uplo: &str) -> Result<(Array, Array)> {
    let (w, v) = eigh_impl(a, uplo_upper(uplo)?, true)?;
    Ok((w, v.expect("vectors requested")))
}

/// `numpy.linalg.eigvalsh(a, UPLO='L')`.
///
/// ```
/// use arraylib::prelude::*;
/// let w = linalg::eigvalsh(&array![[2.0, 0.0], [0.0, 1.0]], "L");
/// assert_eq!(w.to_vec::<f64>().unwrap(), vec![1.0, 2.0]);
/// ```
pub fn eigvalsh(a: &Array, uplo: &str) -> Array {
    try_eigvalsh(a, uplo).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`eigvalsh`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_eigvalsh(&array![1.0, 2.0], "L").is_err());
/// ```
pub fn try_eigvalsh(a: &Array, uplo: &str) -> Result<Array> {
    Ok(eigh_impl(a, uplo_upper(uplo)?, false)?.0)
}

/// The result of [`svd`]: `(U, S, Vh)`, or only `S` when `compute_uv` is false.
// Returned once per call, never stored in bulk: the size difference does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum SvdResult {
    /// `(U, S, Vh)` with `a = U @ diag(S) @ Vh`.
    Full(Array, Array, Array),
    /// The singular values only.
    Values(Array),
}

/// `numpy.linalg.svd(a, full_matrices, compute_uv)`; singular values descend.
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::linalg::SvdResult;
/// if let SvdResult::Full(u, s, vh) = linalg::svd(&array![[3.0, 0.0], [0.0, 2.0], [0.0, 0.0]], false, true) {
///     assert_eq!((u.shape(), s.to_vec::<f64>().unwrap(), vh.shape()), (&[3, 2][..], vec![3.0, 2.0], &[2, 2][..]));
/// }
/// ```
pub fn svd(a: &Array, full_matrices: bool, compute_uv: bool) -> SvdResult {
    try_svd(a, full_matrices, compute_uv).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`svd`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_svd(&array![1.0, 2.0], true, true).is_err());
/// ```
pub fn try_svd(a: &Array, full_matrices: bool, compute_uv: bool) -> Result<SvdResult> {
    let s = Stack::new(a, false)?;
    let (m, n) = (s.m, s.n);
    let k = m.min(n);
    let (mut us, mut ss, mut vs) = (Vec::new(), Vec::new(), Vec::new());
    for mat in s
        .data
        .chunks((m * n).max(1))
        .take(if m * n == 0 { 0 } else { s.count() })
    {
        let (u, sv, vh) =
            backend::svd(mat, m, n, full_matrices, compute_uv).ok_or_else(|| linalg_error("SVD did not converge"))?;
        us.extend(u);
        ss.extend(sv);
        vs.extend(vh);
    }
    let sa = s.result(&[k], ss)?;
    if !compute_uv {
        return Ok(SvdResult::Values(sa));
    }
    let (uc, vr) = if full_matrices { (m, n) } else { (k, k) };
    Ok(SvdResult::Full(s.result(&[m, uc], us)?, sa, s.result(&[vr, n], vs)?))
}

/// `numpy.linalg.svdvals`: the singular values, descending.
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(linalg::svdvals(&array![[0.0, 2.0], [1.0, 0.0]]).to_vec::<f64>().unwrap(), vec![2.0, 1.0]);
/// ```
pub fn svdvals(a: &Array) -> Array {
    try_svdvals(a).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`svdvals`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_svdvals(&array![1.0]).is_err());
/// ```
pub fn try_svdvals(a: &Array) -> Result<Array> {
    match try_svd(a, false, false)? {
        SvdResult::Values(s) | SvdResult::Full(_, s, _) => Ok(s),
    }
}

/// `numpy.linalg.qr(a, mode)`: `mode` is `"reduced"` (default), `"complete"` or `"r"`
/// (then the first array is `R` and the second is `None` in NumPy's terms: here `None`).
///
/// ```
/// use arraylib::prelude::*;
/// let (q, r) = linalg::qr(&array![[3.0, 0.0], [4.0, 5.0]], "reduced");
/// assert_eq!(q.unwrap().shape(), &[2, 2]);
/// assert!((r.to_vec::<f64>().unwrap()[0].abs() - 5.0).abs() < 1e-12);
/// ```
pub fn qr(a: &Array, mode: &str) -> (Option<Array>, Array) {
    try_qr(a, mode).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`qr`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_qr(&eye(2, None, 0, DType::Float64), "full").is_err());
/// ```
pub fn try_qr(a: &Array, mode: &str) -> Result<(Option<Array>, Array)> {
    let complete = match mode {
        "reduced" | "r" => false,
        "complete" => true,
        _ => return Err(ArrayError::value(format!("Unrecognized mode '{mode}'"))),
    };
    let s = Stack::new(a, false)?;
    let (m, n) = (s.m, s.n);
    let k = m.min(n);
    let (mut qs, mut rs) = (Vec::new(), Vec::new());
    for mat in s
        .data
        .chunks((m * n).max(1))
        .take(if m * n == 0 { 0 } else { s.count() })
    {
        let (q, r) = backend::qr(mat, m, n, complete);
        qs.extend(q);
        rs.extend(r);
    }
    let (qc, rr) = if complete { (m, m) } else { (k, k) };
    let r = s.result(&[rr, n], rs)?;
    if mode == "r" {
        return Ok((None, r));
    }
    Ok((Some(s.result(&[m, qc], qs)?), r))
}

/// `numpy.linalg.cholesky`: the lower factor `L` with `a = L @ L.T`.
///
/// ```
/// use arraylib::prelude::*;
/// let l = linalg::cholesky(&array![[4.0, 2.0], [2.0, 2.0]]);
/// assert_eq!(l.to_vec::<f64>().unwrap(), vec![2.0, 0.0, 1.0, 1.0]);
/// ```
pub fn cholesky(a: &Array) -> Array {
    try_cholesky(a).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`cholesky`]: "Matrix is not positive definite".
///
/// ```
/// use arraylib::prelude::*;
/// let e = linalg::try_cholesky(&array![[1.0, 2.0], [2.0, 1.0]]).unwrap_err();
/// assert_eq!(e.message(), "Matrix is not positive definite");
/// ```
pub fn try_cholesky(a: &Array) -> Result<Array> {
    let s = Stack::new(a, true)?;
    let out = s.map(|m| backend::cholesky(m, s.n).ok_or_else(|| linalg_error("Matrix is not positive definite")))?;
    s.result(&[s.n, s.n], out)
}

/// `numpy.linalg.pinv(a, rcond=1e-15)`: the Moore-Penrose pseudo-inverse through the SVD,
/// dropping singular values below `rcond * max(s)`.
///
/// ```
/// use arraylib::prelude::*;
/// let p = linalg::pinv(&array![[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]], 1e-15);
/// assert_eq!(p.to_vec::<f64>().unwrap(), vec![1.0, 0.0, 0.0, 0.0, 0.5, 0.0]);
/// ```
pub fn pinv(a: &Array, rcond: f64) -> Array {
    try_pinv(a, rcond).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`pinv`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_pinv(&array![1.0], 1e-15).is_err());
/// ```
pub fn try_pinv(a: &Array, rcond: f64) -> Result<Array> {
    let s = Stack::new(a, false)?;
    let (m, n) = (s.m, s.n);
    let k = m.min(n);
    let out = s.map(|mat| {
        let (u, sv, vh) = backend::svd(mat, m, n, false, true).ok_or_else(|| linalg_error("SVD did not converge"))?;
        let cutoff = rcond * sv.first().copied().unwrap_or(0.0);
        let mut p = vec![0.0; n * m];
        for i in (0..k).filter(|&i| sv[i] > cutoff) {
            let inv = 1.0 / sv[i];
            for r in 0..n {
                let vr = vh[i * n + r] * inv;
                for c in 0..m {
                    p[r * m + c] += vr * u[c * k + i];
                }
            }
        }
        Ok(p)
    })?;
    s.result(&[n, m], out)
}

/// `numpy.linalg.matrix_rank(a, tol=None)`: the number of singular values above `tol`
/// (default `max(s) * max(m, n) * eps`); a 1-D input has rank 1 unless all zero.
///
/// ```
/// use arraylib::prelude::*;
/// let r = linalg::matrix_rank(&array![[1.0, 2.0], [2.0, 4.0]], None);
/// assert_eq!(r.item_f64().unwrap(), 1.0);
/// ```
pub fn matrix_rank(a: &Array, tol: Option<f64>) -> Array {
    try_matrix_rank(a, tol).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`matrix_rank`].
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(linalg::try_matrix_rank(&array![0.0, 0.0], None).unwrap().item_f64().unwrap(), 0.0);
/// ```
pub fn try_matrix_rank(a: &Array, tol: Option<f64>) -> Result<Array> {
    if a.ndim() < 2 {
        let v = super::float_rows(a)?;
        return Ok(Array::scalar(v.iter().any(|&x| x != 0.0) as i64));
    }
    let s = Stack::new(a, false)?;
    let (m, n) = (s.m, s.n);
    let sv = try_svdvals(a)?.astype(DType::Float64)?.to_vec::<f64>()?;
    let k = m.min(n);
    let ranks: Vec<i64> = if k == 0 {
        vec![0; s.count()]
    } else {
        sv.chunks(k)
            .map(|c| {
                let t = tol.unwrap_or(c[0] * m.max(n) as f64 * f64::EPSILON);
                c.iter().filter(|&&x| x > t).count() as i64
            })
            .collect()
    };
    Array::from_shape_vec(s.batch.clone(), ranks)
}

/// `numpy.linalg.cond(x, p=None)`: the condition number; `None` is the 2-norm ratio of the
/// extreme singular values, other orders are `norm(x, p) * norm(inv(x), p)`.
///
/// ```
/// use arraylib::prelude::*;
/// let c = linalg::cond(&array![[2.0, 0.0], [0.0, 1.0]], None);
/// assert!((c.item_f64().unwrap() - 2.0).abs() < 1e-12);
/// ```
pub fn cond(a: &Array, p: Option<NormOrd>) -> Array {
    try_cond(a, p).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`cond`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_cond(&array![1.0, 2.0], None).is_err());
/// ```
pub fn try_cond(a: &Array, p: Option<NormOrd>) -> Result<Array> {
    let s = Stack::new(a, false)?;
    let axes = Some(vec![-2, -1]);
    match p {
        None | Some(NormOrd::P(2.0)) | Some(NormOrd::P(-2.0)) => {
            let sv = try_svdvals(a)?.astype(DType::Float64)?.to_vec::<f64>()?;
            let k = s.m.min(s.n).max(1);
            let inverse = matches!(p, Some(NormOrd::P(x)) if x < 0.0);
            let out = sv
                .chunks(k)
                .map(|c| if inverse { c[k - 1] / c[0] } else { c[0] / c[k - 1] })
                .collect();
            s.result(&[], out)
        }
        Some(p) => {
            let x = try_norm(a, Some(p.clone()), axes.clone(), false)?
                .astype(DType::Float64)?
                .to_vec::<f64>()?;
            let y = try_norm(&try_inv(a)?, Some(p), axes, false)?
                .astype(DType::Float64)?
                .to_vec::<f64>()?;
            s.result(&[], x.iter().zip(&y).map(|(p, q)| p * q).collect())
        }
    }
}

/// `numpy.linalg.matrix_power(a, n)`: repeated squaring with [`matmul`](crate::matmul)
/// (integer matrices stay integer); negative powers invert first.
///
/// ```
/// use arraylib::prelude::*;
/// let p = linalg::matrix_power(&array![[1, 1], [1, 0]], 3);
/// assert_eq!(p.to_vec::<i64>().unwrap(), vec![3, 2, 2, 1]);
/// ```
pub fn matrix_power(a: &Array, n: i64) -> Array {
    try_matrix_power(a, n).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`matrix_power`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(linalg::try_matrix_power(&array![[1.0, 2.0], [2.0, 4.0]], -1).is_err());
/// ```
pub fn try_matrix_power(a: &Array, n: i64) -> Result<Array> {
    if a.ndim() < 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    let (r, c) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
    if r != c {
        return Err(linalg_error("Last 2 dimensions of the array must be square"));
    }
    let mut base = if n < 0 { try_inv(a)? } else { a.copy() };
    if n == 0 {
        // NumPy: an identity per matrix, in a's dtype.
        let eye = crate::creation::eye(r, None, 0, DType::Float64);
        let stack = eye
            .typed::<f64>()?
            .broadcast(ndarray::IxDyn(a.shape()))
            .expect("square")
            .to_owned();
        return Array::from_ndarray(stack).astype(a.dtype());
    }
    let mut e = n.unsigned_abs();
    let mut result: Option<Array> = None;
    while e > 0 {
        if e & 1 == 1 {
            result = Some(match result {
                None => base.copy(),
                Some(r) => crate::try_matmul(&r, &base)?,
            });
        }
        e >>= 1;
        if e > 0 {
            base = crate::try_matmul(&base, &base)?;
        }
    }
    Ok(result.expect("n != 0"))
}
