//! # arraylib
//!
//! A NumPy-like n-dimensional array for Rust: one [`Array`] type whose dtype and shape are
//! run-time values, with NumPy 2's promotion rules, broadcasting, axis reductions, the full
//! indexing model (views that share memory, boolean masks, fancy indexing) and NumPy's error
//! messages. Storage is `ndarray`'s, and typed `ndarray` views come and go without copying.
//!
//! ```
//! use arraylib::prelude::*;
//! let x = array![[1.0, 2.0], [3.0, 4.0]];
//! assert_eq!(x.shape(), &[2, 2]);
//! assert_eq!(x.dtype(), DType::Float64);
//! ```
//!
//! The modules, in the order data flows through them:
//! - [`dtype`], [`element`], [`scalar`]: what elements are and how types combine (NEP 50).
//! - [`buffer`], [`array`]: shared storage and the [`Array`] handle (layout, views, casts).
//! - [`creation`]: making arrays.
//! - [`ufunc`]: element-wise operations with broadcasting (and the `+ - * /` operators).
//! - [`reduce`]: reductions along axes and cumulative operations.
//! - [`index`]: views, masks, fancy indexing and assignment through them.
//! - [`shape`]: reshaping, joining and splitting.
//! - [`sort`]: sorting, searching, unique values.
//! - [`linalg`]: products (`dot`, `matmul`, ...), `einsum`, and `numpy.linalg`.
//! - [`format`]: NumPy's text forms (`{:?}` is `repr`, `{}` is `str`), print options, HTML tables.
//! - [`error`]: the one error type, [`ArrayError`], with NumPy's exception kinds.

pub mod array;
pub mod axes;
pub mod buffer;
pub mod creation;
pub mod dtype;
pub mod element;
pub mod error;
pub mod format;
pub mod index;
pub mod linalg;
pub mod reduce;
pub mod scalar;
pub mod shape;
pub mod sort;
pub mod ufunc;

pub use axes::{Axes, normalize_axis};
pub use array::{Array, ArrayRef, ArrayRefMut, Layout, Order, shares_memory};
pub use creation::{
    ShapeArg, arange, arange_n, array, empty, empty_like, eye, full, full_dtype, full_like, identity,
    linspace, ones, ones_like, try_arange, zeros, zeros_like,
};
pub use dtype::{DType, DTypeKind, promote_types};
pub use element::{Element, NumElement};
pub use error::{ArrayError, ErrorKind, Result};
pub use linalg::{
    cross, dot, einsum, einsum_path, inner, kron, matmul, outer, trace, try_cross, try_dot, try_einsum, try_einsum_path,
    try_inner, try_kron, try_matmul, try_outer, try_trace, try_vdot, vdot,
};
pub use format::{PrintOptions, get_printoptions, printoptions, set_printoptions};
pub use num_complex::Complex64;
pub use scalar::Scalar;

/// Everything a notebook cell needs: `use arraylib::prelude::*;`.
pub mod prelude {
    pub use crate::array;
    pub use crate::{
        Array, ArrayError, Axes, Complex64, DType, ErrorKind, Order, Scalar, arange, arange_n, empty, empty_like, eye,
        full, full_dtype, full_like, identity, linspace, ones, ones_like, promote_types, shares_memory, zeros,
        zeros_like,
    };
    pub use crate::linalg;
    pub use crate::{cross, dot, einsum, einsum_path, inner, kron, matmul, outer, trace, vdot};
    pub use crate::{PrintOptions, get_printoptions, printoptions, set_printoptions};
}
