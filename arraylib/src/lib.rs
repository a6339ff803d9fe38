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
//! - [`broadcast`]: NumPy's broadcasting rule, `broadcast_to`, `broadcast_shapes`.
//! - [`ufunc`]: element-wise operations with broadcasting (and the `+ - * /` operators).
//! - [`reduce`]: reductions along axes and cumulative operations.
//! - [`index`]: views, masks, fancy indexing and assignment through them.
//! - [`shape`]: reshaping, joining and splitting.
//! - [`sort`]: sorting, searching, unique values.
//! - [`random`]: NumPy's `default_rng` streams, bit for bit.
//! - [`record`]: structured arrays (named fields), field views, sorting by fields.
//! - [`linalg`]: products (`dot`, `matmul`, ...), `einsum`, and `numpy.linalg`.
//! - [`io`]: `.npy`/`.npz` files, memory maps and text tables shared with NumPy.
//! - [`format`]: NumPy's text forms (`{:?}` is `repr`, `{}` is `str`), print options, HTML tables.
//! - [`interrupt`]: the notebook's interrupt button, checked by long operations.
//! - [`progress`]: progress of long file loads, reported to the notebook's progress bar.
//! - [`error`]: the one error type, [`ArrayError`], with NumPy's exception kinds.

pub mod array;
pub mod axes;
pub mod broadcast;
pub mod buffer;
pub mod creation;
pub mod dtype;
pub mod element;
pub mod error;
pub mod format;
pub mod index;
pub mod interrupt;
pub mod io;
pub mod linalg;
pub mod progress;
pub mod random;
pub mod record;
pub mod reduce;
pub mod scalar;
pub mod shape;
pub mod sort;
pub mod ufunc;

pub use array::{Array, ArrayRef, ArrayRefMut, Layout, Order, shares_memory};
pub use axes::{Axes, normalize_axis};
pub use dtype::{DType, DTypeKind, promote_types};
pub use element::{Element, NumElement};
pub use error::{ArrayError, ErrorKind, Result};
pub use format::{PrintOptions, get_printoptions, printoptions, set_printoptions};
pub use num_complex::Complex64;
pub use random::{Generator, default_rng};
pub use record::{
    Field, RecordId, argsort_order, sort_order, structured_to_unstructured, try_argsort_order, try_sort_order,
    try_structured_to_unstructured,
};
pub use scalar::Scalar;

// NumPy's functions, at the crate root as in `np.*`.
pub use broadcast::*;
pub use creation::{
    ShapeArg, arange, arange_n, array, empty, empty_like, eye, full, full_dtype, full_like, identity, linspace, ones,
    ones_like, try_arange, zeros, zeros_like,
};
pub use index::{
    Index, IndexItem, SetValue, Slice, add_at, argwhere, compress, flatnonzero, ix_, nonzero, put, put_along_axis,
    take, take_along_axis, try_add_at, try_argwhere, try_compress, try_flatnonzero, try_ix_, try_nonzero, try_put,
    try_put_along_axis, try_take, try_take_along_axis,
};
pub use io::{
    GenFromTxtOptions, LoadTxtOptions, MemmapOptions, Npz, SaveTxtOptions, genfromtxt, genfromtxt_names,
    genfromtxt_records, load, load_npz, loadtxt, memmap, open_memmap, save, savetxt, savez, savez_compressed,
    try_genfromtxt, try_genfromtxt_names, try_genfromtxt_records, try_load, try_load_npz, try_loadtxt, try_memmap,
    try_open_memmap, try_save, try_savetxt, try_savez, try_savez_compressed,
};
pub use linalg::{
    cross, dot, einsum, einsum_path, inner, kron, matmul, outer, try_cross, try_dot, try_einsum, try_einsum_path,
    try_inner, try_kron, try_matmul, try_outer, try_vdot, vdot,
};
pub use reduce::*;
pub use shape::*;
pub use sort::*;
pub use ufunc::*;

/// Everything a notebook cell needs: `use arraylib::prelude::*;` brings the [`Array`] type, its
/// dtypes and errors, the `array!` and `idx!` macros, `default_rng`, every NumPy function of
/// the crate root, and the [`linalg`] module (`linalg::svd(&x)`).
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![[1.0, -2.0], [3.0, 4.0]];
/// let y = maximum(&x, 0.0);
/// assert_eq!(y.sum().item_f64().unwrap(), 8.0);
/// assert_eq!(concatenate(&[&x, &y], 0).shape(), &[4, 2]);
/// ```
pub mod prelude {
    pub use crate::linalg;
    pub use crate::{
        Array, ArrayError, Axes, Complex64, DType, ErrorKind, Generator, Order, PrintOptions, Scalar, default_rng,
        get_printoptions, printoptions, set_printoptions, shares_memory,
    };
    pub use crate::{array, idx};
    pub use crate::{broadcast::*, creation::*, index::*, io::*, record::*, reduce::*, shape::*, sort::*, ufunc::*};
    pub use crate::{cross, dot, einsum, einsum_path, inner, kron, matmul, outer, vdot};
}
