//! Typed kernels shared by the products and einsum: multiply-accumulate per element type and
//! the batched 2-D matrix product on `ndarray` views.
//!
//! Floats go to the backend's GEMM above a size threshold (below it a plain loop wins: a GEMM
//! call packs its operands first); integers and bools use an `i-k-j` loop, which walks rows of
//! the right operand and of the result contiguously (cache-friendly, auto-vectorised).

use ndarray::{Array2, ArrayView2, ArrayViewD, ArrayViewMut2, Axis};
use num_complex::Complex64;
use rayon::prelude::*;

use crate::element::NumElement;

/// Below this many multiply-adds (`n*k*m`) a float matrix product runs as a simple loop (the
/// backend's GEMM has a fixed cost per call; above this it is several times faster).
const SMALL_GEMM: usize = 8 * 8 * 8;

/// An element type with the ring operations the products need (NumPy's `dot` semantics per
/// dtype: integers wrap, bools are `or`/`and`).
pub trait Ring: NumElement {
    /// The additive identity.
    fn zero() -> Self;
    /// The multiplicative identity.
    fn one() -> Self;
    /// `self + a * b`.
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// `a * b`.
    fn mul(a: Self, b: Self) -> Self {
        Self::zero().mul_add(a, b)
    }
    /// `a + b`.
    fn add(a: Self, b: Self) -> Self {
        a.mul_add(b, Self::one())
    }
    /// Complex conjugate (identity for real types).
    fn conj(self) -> Self {
        self
    }
    /// `c = a @ b` for one matrix pair; `c` is C-contiguous.
    fn gemm(c: &mut ArrayViewMut2<Self>, a: &ArrayView2<Self>, b: &ArrayView2<Self>) {
        loop_gemm(c, a, b)
    }
}

macro_rules! ring_int {
    ($($t:ty),*) => {$(
        impl Ring for $t {
            fn zero() -> Self { 0 }
            fn one() -> Self { 1 }
            fn mul_add(self, a: Self, b: Self) -> Self { self.wrapping_add(a.wrapping_mul(b)) }
        }
    )*};
}
ring_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Ring for bool {
    fn zero() -> Self {
        false
    }
    fn one() -> Self {
        true
    }
    fn mul_add(self, a: Self, b: Self) -> Self {
        self || (a && b)
    }
}

macro_rules! ring_float {
    ($($t:ty),*) => {$(
        impl Ring for $t {
            fn zero() -> Self { 0.0 }
            fn one() -> Self { 1.0 }
            fn mul_add(self, a: Self, b: Self) -> Self { self + a * b }
            fn gemm(c: &mut ArrayViewMut2<Self>, a: &ArrayView2<Self>, b: &ArrayView2<Self>) {
                if a.nrows() * a.ncols() * b.ncols() < SMALL_GEMM {
                    loop_gemm(c, a, b)
                } else {
                    super::backend::gemm(c, a, b)
                }
            }
        }
    )*};
}
ring_float!(f32, f64);

impl Ring for Complex64 {
    fn zero() -> Self {
        Complex64::new(0.0, 0.0)
    }
    fn one() -> Self {
        Complex64::new(1.0, 0.0)
    }
    fn mul_add(self, a: Self, b: Self) -> Self {
        self + a * b
    }
    fn conj(self) -> Self {
        Complex64::conj(&self)
    }
    fn gemm(c: &mut ArrayViewMut2<Self>, a: &ArrayView2<Self>, b: &ArrayView2<Self>) {
        if a.nrows() * a.ncols() * b.ncols() < SMALL_GEMM {
            loop_gemm(c, a, b)
        } else {
            super::backend::gemm(c, a, b)
        }
    }
}

/// `c = a @ b` by the `i-k-j` loop; `b` is copied to row-major first when it is not, so the
/// inner loop runs over contiguous rows.
fn loop_gemm<T: Ring>(c: &mut ArrayViewMut2<T>, a: &ArrayView2<T>, b: &ArrayView2<T>) {
    let b = b.as_standard_layout();
    c.fill(T::zero());
    for (a_row, mut c_row) in a.outer_iter().zip(c.outer_iter_mut()) {
        let c_row = c_row.as_slice_mut().expect("result rows are contiguous");
        for (&x, b_row) in a_row.iter().zip(b.outer_iter()) {
            let b_row = b_row.to_slice().expect("row-major copy");
            for (acc, &y) in c_row.iter_mut().zip(b_row) {
                *acc = acc.mul_add(x, y);
            }
        }
    }
}

/// The product of two matrices as a new row-major matrix.
pub(crate) fn matmul2<T: Ring>(a: &ArrayView2<T>, b: &ArrayView2<T>) -> Array2<T> {
    let mut c = Array2::from_elem((a.nrows(), b.ncols()), T::zero());
    if a.ncols() > 0 {
        T::gemm(&mut c.view_mut(), a, b);
    }
    c
}

/// Products with at least this many multiply-adds use both cores inside the GEMM; below it a
/// GEMM runs on one core (the hand-off to a second thread costs more than it saves, and a
/// batch of such products is spread across the cores one product per task instead).
pub(in crate::linalg) const PARALLEL_GEMM: usize = 256 * 256 * 256;

/// A batch of products with at least this many multiply-adds in all is spread across the cores.
const PARALLEL_BATCH: usize = 64 * 64 * 64;

/// Stacked products without copying the operands: `a` is `(batch..., rows..., summed...)` and
/// `b` is `(batch..., summed..., cols...)` with the same batch shape (broadcast views are fine),
/// the axis groups counted by `batch`, `rows` and `summed`. Each group of row, summed and
/// column axes is read as one matrix axis on the operands' own strides (a strided operand such
/// as `k.swapaxes(-1, -2)` goes to the GEMM as is); only an operand whose group cannot be
/// merged that way is copied first. Returns the `(batch, rows, cols)` result, row-major.
pub(crate) fn matmul_stack<T: Ring>(
    a: ArrayViewD<'_, T>,
    b: ArrayViewD<'_, T>,
    batch: usize,
    rows: usize,
    summed: usize,
) -> Vec<T> {
    let size = |v: &ArrayViewD<'_, T>, axes: std::ops::Range<usize>| -> usize { v.shape()[axes].iter().product() };
    let count = size(&a, 0..batch);
    let (n, k) = (size(&a, batch..batch + rows), size(&a, batch + rows..a.ndim()));
    let m = size(&b, batch + summed..b.ndim());
    let mut c = vec![T::zero(); count * n * m];
    if c.is_empty() || k == 0 {
        return c;
    }
    let (a_owned, b_owned);
    let a_mats = match matrices(a.view(), batch, rows) {
        Some(mats) => mats,
        None => {
            a_owned = a.as_standard_layout().into_owned();
            matrices(a_owned.view(), batch, rows).expect("a row-major array merges")
        }
    };
    let b_mats = match matrices(b.view(), batch, summed) {
        Some(mats) => mats,
        None => {
            b_owned = b.as_standard_layout().into_owned();
            matrices(b_owned.view(), batch, summed).expect("a row-major array merges")
        }
    };
    let product = |(i, chunk): (usize, &mut [T])| {
        let mut ci = ArrayViewMut2::from_shape((n, m), chunk).expect("chunk of one matrix");
        T::gemm(&mut ci, &a_mats[i], &b_mats[i]);
    };
    if count > 1 && n * k * m < PARALLEL_GEMM && count * n * k * m >= PARALLEL_BATCH {
        c.par_chunks_mut(n * m).enumerate().for_each(product);
    } else {
        c.chunks_mut(n * m).enumerate().for_each(product);
    }
    c
}

/// The matrices of a non-empty `(batch..., rows..., cols...)` view: one 2-D view per batch
/// index (C order), with the `rows` row axes and the remaining column axes each merged into one
/// axis; `None` when a group's strides do not allow that without a copy.
fn matrices<'a, T>(mut v: ArrayViewD<'a, T>, batch: usize, rows: usize) -> Option<Vec<ArrayView2<'a, T>>> {
    let nd = v.ndim();
    let mut merged = Vec::new();
    for group in [batch..batch + rows, batch + rows..nd] {
        if let Some(last) = group.clone().last() {
            for ax in (group.start..last).rev() {
                // Merging leaves `ax` with length 1 (the product lives on in `last`).
                if !v.merge_axes(Axis(ax), Axis(last)) {
                    return None;
                }
                merged.push(ax);
            }
        }
    }
    merged.sort_unstable();
    for &ax in merged.iter().rev() {
        v.index_axis_inplace(Axis(ax), 0);
    }
    if rows == 0 {
        v.insert_axis_inplace(Axis(batch));
    }
    if nd == batch + rows {
        v.insert_axis_inplace(Axis(batch + 1));
    }
    let mut out = Vec::new();
    split_batch(v, batch, &mut out);
    Some(out)
}

/// Appends the 2-D views below the first `batch` axes of `v`, in C order of the batch index.
fn split_batch<'a, T>(v: ArrayViewD<'a, T>, batch: usize, out: &mut Vec<ArrayView2<'a, T>>) {
    if batch == 0 {
        out.push(v.into_dimensionality().expect("two matrix axes"));
        return;
    }
    for i in 0..v.len_of(Axis(0)) {
        split_batch(v.clone().index_axis_move(Axis(0), i), batch - 1, out);
    }
}
