//! Typed kernels shared by the products and einsum: multiply-accumulate per element type and
//! the batched 2-D matrix product on `ndarray` views.
//!
//! Floats go to the backend's GEMM above a size threshold (below it a plain loop wins: a GEMM
//! call packs its operands first); integers and bools use an `i-k-j` loop, which walks rows of
//! the right operand and of the result contiguously (cache-friendly, auto-vectorised).

use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis};
use num_complex::Complex64;

use crate::element::NumElement;

/// Below this many multiply-adds (`n*k*m`) a matrix product runs as a simple loop.
const SMALL_GEMM: usize = 64 * 64 * 64;

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

/// Batched product: `a` is `(batch, n, k)`, `b` is `(batch, k, m)`, result `(batch, n, m)`
/// row-major. Many small products run in parallel across the cores.
pub(crate) fn matmul3<T: Ring>(a: &ndarray::ArrayView3<T>, b: &ndarray::ArrayView3<T>) -> ndarray::Array3<T> {
    use rayon::prelude::*;
    let (batch, n, k) = a.dim();
    let m = b.dim().2;
    let mut c = ndarray::Array3::from_elem((batch, n, m), T::zero());
    if k == 0 {
        return c;
    }
    let work = batch * n * k * m;
    if batch > 1 && n * m > 0 && work >= SMALL_GEMM && n * k * m < SMALL_GEMM {
        let chunks = c.as_slice_mut().expect("fresh array").par_chunks_mut(n * m);
        chunks.enumerate().for_each(|(i, chunk)| {
            let mut ci = ArrayViewMut2::from_shape((n, m), chunk).expect("chunk of one matrix");
            T::gemm(&mut ci, &a.index_axis(Axis(0), i), &b.index_axis(Axis(0), i));
        });
    } else {
        for (i, mut ci) in c.axis_iter_mut(Axis(0)).enumerate() {
            T::gemm(&mut ci, &a.index_axis(Axis(0), i), &b.index_axis(Axis(0), i));
        }
    }
    c
}
