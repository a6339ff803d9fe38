//! Linear algebra: NumPy's products (`dot`, `matmul`, `inner`, `outer`, `vdot`,
//! `kron`, `cross`), `einsum`/`einsum_path`, and `numpy.linalg` (`arraylib::linalg::svd`, ...).
//!
//! Rust has no `@` operator: the matrix product is `a.dot(&b)` or `matmul(&a, &b)`.
//!
//! ```
//! use arraylib::prelude::*;
//! let a = array![[2.0, 1.0], [1.0, 3.0]];
//! let x = linalg::solve(&a, &array![3.0, 5.0]);
//! assert!(allclose_vec(&a.dot(&x).to_vec::<f64>().unwrap(), &[3.0, 5.0]));
//! # fn allclose_vec(a: &[f64], b: &[f64]) -> bool { a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12) }
//! ```
//!
//! Backend, chosen at build time (see `backend/`): the pure-Rust `faer` crate (cargo feature
//! `faer`, on by default), the fastest measured on this project's machines (matmul, SVD,
//! symmetric eigen, solve), or Intel MKL (feature `mkl`). Products run
//! on the operands' memory without copies where the layout allows; decompositions copy each
//! matrix once into a row-major `f64` buffer (LAPACK-style routines overwrite their input).
//! Integer products stay integer (NumPy's `dot`/`matmul`); decompositions promote to float64
//! (float32 results stay float32); complex decompositions are not supported yet.

#[cfg(not(any(feature = "faer", feature = "mkl")))]
compile_error!("arraylib's linalg needs a backend: enable the `faer` or the `mkl` feature");

mod backend;
mod decomp;
mod einsum;
mod kernel;
mod norm;
mod product;

pub use decomp::{
    SvdResult, cholesky, cond, det, eig, eigh, eigvals, eigvalsh, inv, lstsq, matrix_power, matrix_rank, pinv, qr,
    slogdet, solve, svd, svdvals, try_cholesky, try_cond, try_det, try_eig, try_eigh, try_eigvals, try_eigvalsh,
    try_inv, try_lstsq, try_matrix_power, try_matrix_rank, try_pinv, try_qr, try_slogdet, try_solve, try_svd,
    try_svdvals,
};
pub use einsum::{Optimize, einsum, einsum_path, try_einsum, try_einsum_path};
pub use norm::{NormOrd, norm, try_norm};
pub use product::{
    cross, dot, inner, kron, matmul, outer, try_cross, try_dot, try_inner, try_kron, try_matmul, try_outer, try_vdot,
    vdot,
};

use ndarray::{ArrayD, IxDyn};

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{ArrayError, ErrorKind, Result};

/// Both operands cast (without copying when already so) to their promoted numeric dtype.
fn common_dtype(a: &Array, b: &Array, what: &str) -> Result<(Array, Array, DType)> {
    if !a.dtype().kind().is_numeric() || !b.dtype().kind().is_numeric() {
        return Err(ArrayError::type_error(format!(
            "{what}: operands of dtypes {} and {} are not numeric",
            a.dtype(),
            b.dtype()
        )));
    }
    let dtype = a.dtype().promote(b.dtype())?;
    Ok((a.astype_nocopy(dtype)?, b.astype_nocopy(dtype)?, dtype))
}

/// NumPy's broadcasting of several shapes.
fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1; nd];
    for s in shapes {
        for (i, &n) in s.iter().enumerate() {
            let o = &mut out[nd - s.len() + i];
            if *o == 1 {
                *o = n;
            } else if n != 1 && n != *o {
                return Err(ArrayError::broadcast(shapes));
            }
        }
    }
    Ok(out)
}

/// The elements as a row-major `f64` array (the float form the decompositions work on).
fn float_rows(a: &Array) -> Result<ArrayD<f64>> {
    match a.dtype() {
        DType::Complex128 => Err(ArrayError::type_error("complex linear algebra is not supported yet")),
        d if d.kind().is_numeric() => Ok(a
            .astype_nocopy(DType::Float64)?
            .typed::<f64>()?
            .as_standard_layout()
            .into_owned()),
        d => Err(ArrayError::type_error(format!("array of dtype {d} is not numeric"))),
    }
}

/// A stack of `m x n` matrices (the last two axes) as one row-major `f64` buffer.
struct Stack {
    data: Vec<f64>,
    batch: Vec<usize>,
    m: usize,
    n: usize,
    /// Result dtype: float32 stays float32, everything else computes in float64.
    dtype: DType,
}

impl Stack {
    /// Checks NumPy's preconditions (at least 2-D, square when asked) and copies once.
    fn new(a: &Array, square: bool) -> Result<Stack> {
        if a.ndim() < 2 {
            return Err(ArrayError::new(
                ErrorKind::Linalg,
                format!(
                    "{}-dimensional array given. Array must be at least two-dimensional",
                    a.ndim()
                ),
            ));
        }
        let (m, n) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
        if square && m != n {
            return Err(ArrayError::new(
                ErrorKind::Linalg,
                "Last 2 dimensions of the array must be square",
            ));
        }
        let data = float_rows(a)?.into_raw_vec_and_offset().0;
        let dtype = if a.dtype() == DType::Float32 {
            DType::Float32
        } else {
            DType::Float64
        };
        Ok(Stack {
            data,
            batch: a.shape()[..a.ndim() - 2].to_vec(),
            m,
            n,
            dtype,
        })
    }

    /// Number of matrices.
    fn count(&self) -> usize {
        self.batch.iter().product()
    }

    /// `f` on every matrix, outputs concatenated (nothing for empty matrices).
    fn map(&self, f: impl Fn(&[f64]) -> Result<Vec<f64>>) -> Result<Vec<f64>> {
        let size = self.m * self.n;
        let mut out = Vec::new();
        for i in 0..self.count() {
            out.extend(f(&self.data[i * size..(i + 1) * size])?);
        }
        Ok(out)
    }

    /// The stack broadcast to a larger batch shape (for `solve`).
    fn broadcast_to(&self, batch: &[usize]) -> Result<Stack> {
        let mut shape = self.batch.clone();
        shape.extend([self.m, self.n]);
        let mut full = batch.to_vec();
        full.extend([self.m, self.n]);
        let v = ndarray::ArrayViewD::from_shape(IxDyn(&shape), &self.data).expect("consistent stack");
        let b = v
            .broadcast(IxDyn(&full))
            .ok_or_else(|| ArrayError::broadcast(&[&shape, &full]))?;
        Ok(Stack {
            data: b.iter().copied().collect(),
            batch: batch.to_vec(),
            m: self.m,
            n: self.n,
            dtype: self.dtype,
        })
    }

    /// Transposes every (square) matrix in place.
    fn transpose_each(&mut self) {
        let n = self.n;
        for mat in self.data.chunks_mut((n * n).max(1)) {
            for i in 0..n {
                for j in 0..i {
                    mat.swap(i * n + j, j * n + i);
                }
            }
        }
    }

    /// An array of shape `batch + tail` from `data`, in the stack's result dtype.
    fn result(&self, tail: &[usize], data: Vec<f64>) -> Result<Array> {
        let mut shape = self.batch.clone();
        shape.extend_from_slice(tail);
        let size: usize = shape.iter().product();
        let data = if data.len() < size { vec![0.0; size] } else { data };
        Array::from_shape_vec(shape, data)?.astype(self.dtype)
    }
}
