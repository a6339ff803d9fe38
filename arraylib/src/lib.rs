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
//! - [`io`]: `.npy`/`.npz` files, memory maps and text tables shared with NumPy.
//! - [`format`]: NumPy's text forms (`{:?}` is `repr`, `{}` is `str`), print options, HTML tables.
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
pub mod random;
pub mod reduce;
pub mod scalar;
pub mod shape;
pub mod sort;
pub mod ufunc;

pub use array::{Array, ArrayRef, ArrayRefMut, Layout, Order, shares_memory};
pub use axes::{Axes, normalize_axis};
pub use broadcast::{
    broadcast_arrays, broadcast_shapes, broadcast_to, try_broadcast_arrays, try_broadcast_shapes, try_broadcast_to,
};
pub use creation::{
    ShapeArg, arange, arange_n, array, empty, empty_like, eye, full, full_dtype, full_like, identity, linspace, ones,
    ones_like, try_arange, zeros, zeros_like,
};
pub use dtype::{DType, DTypeKind, promote_types};
pub use element::{Element, NumElement};
pub use error::{ArrayError, ErrorKind, Result};
pub use format::{PrintOptions, get_printoptions, printoptions, set_printoptions};
pub use index::{
    Index, IndexItem, SetValue, Slice, add_at, argwhere, compress, flatnonzero, ix_, nonzero, put, put_along_axis,
    take, take_along_axis, try_add_at, try_argwhere, try_compress, try_flatnonzero, try_ix_, try_nonzero, try_put,
    try_put_along_axis, try_take, try_take_along_axis,
};
pub use io::{
    GenFromTxtOptions, LoadTxtOptions, MemmapOptions, Npz, SaveTxtOptions, genfromtxt, genfromtxt_names, load,
    load_npz, loadtxt, memmap, open_memmap, save, savetxt, savez, savez_compressed, try_genfromtxt,
    try_genfromtxt_names, try_load, try_load_npz, try_loadtxt, try_memmap, try_open_memmap, try_save, try_savetxt,
    try_savez, try_savez_compressed,
};
pub use num_complex::Complex64;
pub use random::{Generator, default_rng};
pub use reduce::*;
pub use scalar::Scalar;
pub use shape::{
    Arrays, Indexing, MemoryOrder, PadMode, PadWidth, Sections, append, array_split, ascontiguousarray, asfortranarray,
    atleast_1d, atleast_2d, atleast_3d, column_stack, concatenate, diag, diagonal, dsplit, dstack, expand_dims, flip,
    fliplr, flipud, hsplit, hstack, meshgrid, moveaxis, pad, ravel, repeat, reshape, roll, rot90, split, squeeze,
    stack, swapaxes, tile, trace, transpose, tri, tril, triu, try_append, try_array_split, try_column_stack,
    try_concatenate, try_diag, try_diagonal, try_dsplit, try_dstack, try_expand_dims, try_flip, try_fliplr, try_flipud,
    try_hsplit, try_hstack, try_moveaxis, try_pad, try_repeat, try_reshape, try_roll, try_rot90, try_split,
    try_squeeze, try_stack, try_tile, try_trace, try_transpose, try_tril, try_triu, try_vsplit, try_vstack, vsplit,
    vstack,
};
pub use sort::*;
pub use ufunc::*;

/// Everything a notebook cell needs: `use arraylib::prelude::*;`.
pub mod prelude {
    pub use crate::array;
    pub use crate::idx;
    pub use crate::shape::{
        Indexing, MemoryOrder, PadMode, append, array_split, ascontiguousarray, asfortranarray, atleast_1d, atleast_2d,
        atleast_3d, column_stack, concatenate, diag, diagonal, dstack, expand_dims, flip, fliplr, flipud, hsplit,
        hstack, meshgrid, moveaxis, pad, ravel, repeat, reshape, roll, rot90, split, squeeze, stack, swapaxes, tile,
        trace, transpose, tri, tril, triu, vsplit, vstack,
    };
    pub use crate::{
        Array, ArrayError, Axes, Complex64, DType, ErrorKind, Generator, Operand, Order, Scalar, arange, arange_n,
        default_rng, empty, empty_like, eye, full, full_dtype, full_like, identity, linspace, ones, ones_like,
        promote_types, shares_memory, zeros, zeros_like,
    };
    pub use crate::{Index, IndexItem, Slice, argwhere, flatnonzero, nonzero, take};
    pub use crate::{PrintOptions, get_printoptions, printoptions, set_printoptions};
    pub use crate::{
        QuantileMethod, Reduce, average, average_returned, count_nonzero, diff, median, nanargmax, nanargmin,
        nancumprod, nancumsum, nanmax, nanmean, nanmedian, nanmin, nanpercentile, nanprod, nanquantile, nanstd, nansum,
        nanvar, percentile, ptp, quantile, try_average, try_average_returned, try_diff,
    };
}
