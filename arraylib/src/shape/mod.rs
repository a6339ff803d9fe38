//! Shape and layout: reshape, ravel, transpose, expand_dims, squeeze, concatenate, stack,
//! append, split, tile, repeat, flip, rot90, roll, pad, `ascontiguousarray`, `asfortranarray`,
//! and the matrix helpers `diag`, `diagonal`, `trace`, `tri`, `triu`, `tril`, `meshgrid`.
//!
//! As in NumPy, everything that can be a view is one (O(1), sharing memory, `owndata` false,
//! byte strides equal to NumPy's): reshape of a compatible layout, ravel of a contiguous array,
//! transposes, expand_dims, squeeze, split parts, flips, rot90 and diagonals. Joins, tiles,
//! repeats, rolls and pads build new contiguous arrays, copying whole contiguous runs where they
//! can; strided copies (`ascontiguousarray(W.T)`, reshapes that copy, `copy_order`) work in
//! cache-sized tiles split across rayon's threads.
//!
//! ```
//! use arraylib::{Array, concatenate, shares_memory};
//! let a = Array::from_vec((0..6).collect::<Vec<i64>>());
//! let m = a.reshape([2, -1]);
//! assert!(shares_memory(&a, &m));
//! assert_eq!(m.t().strides(), vec![8, 24]);
//! let c = concatenate(&[&m, &m], 1);
//! assert_eq!(c.shape(), &[2, 6]);
//! ```

mod axes_ops;
mod join;
mod kernels;
mod matrix;
mod pad;
mod repeat;
mod reshape;
mod split;

pub use axes_ops::{
    flip, fliplr, flipud, moveaxis, rot90, swapaxes, transpose, try_flip, try_fliplr, try_flipud, try_moveaxis,
    try_rot90, try_transpose,
};
pub use join::{
    append, column_stack, concatenate, dstack, hstack, stack, try_append, try_column_stack, try_concatenate,
    try_dstack, try_hstack, try_stack, try_vstack, vstack,
};
pub use matrix::{
    Indexing, diag, diagonal, meshgrid, trace, tri, tril, triu, try_diag, try_diagonal, try_trace, try_tril, try_triu,
};
pub use pad::{PadMode, PadWidth, pad, try_pad};
pub use repeat::{repeat, roll, tile, try_repeat, try_roll, try_tile};
pub use reshape::{
    ascontiguousarray, asfortranarray, atleast_1d, atleast_2d, atleast_3d, expand_dims, ravel, reshape, squeeze,
    try_expand_dims, try_reshape, try_squeeze,
};
pub use split::{
    Sections, array_split, dsplit, hsplit, split, try_array_split, try_dsplit, try_hsplit, try_split, try_vsplit,
    vsplit,
};

use crate::array::{Array, Order};
pub(crate) use reshape::copy_in;

/// The order elements are read in (`ravel`, `flatten`, `copy`): NumPy's `order=` with its
/// four values. [`Order`] converts into it.
///
/// ```
/// use arraylib::{Array, MemoryOrder};
/// let m = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(m.ravel_order(MemoryOrder::F).to_vec::<i32>().unwrap(), vec![1, 3, 2, 4]);
/// // `K` reads in memory order: for a transposed array that is the original order.
/// assert_eq!(m.t().ravel_order(MemoryOrder::K).to_vec::<i32>().unwrap(), vec![1, 2, 3, 4]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MemoryOrder {
    /// Row-major.
    #[default]
    C,
    /// Column-major.
    F,
    /// `F` when the array is Fortran-contiguous (and not C-contiguous), else `C`.
    A,
    /// The order the elements lie in memory (negative strides read backwards).
    K,
}

impl From<Order> for MemoryOrder {
    fn from(order: Order) -> MemoryOrder {
        match order {
            Order::C => MemoryOrder::C,
            Order::F => MemoryOrder::F,
        }
    }
}

/// A list of arrays to join: `&[&a, &b]`, `[a, b]`, `vec![a, b]`, `&arrays[..]`.
///
/// ```
/// use arraylib::{Array, stack};
/// let a = Array::from_vec(vec![1, 2]);
/// let owned = vec![a.copy(), a.copy()];
/// assert_eq!(stack(&owned, 0).shape(), &[2, 2]);
/// assert_eq!(stack(&[&a, &a, &a], 1).shape(), &[2, 3]);
/// ```
pub trait Arrays {
    /// The arrays, borrowed.
    fn arrays(&self) -> Vec<&Array>;
}

impl Arrays for [Array] {
    fn arrays(&self) -> Vec<&Array> {
        self.iter().collect()
    }
}

impl Arrays for [&Array] {
    fn arrays(&self) -> Vec<&Array> {
        self.to_vec()
    }
}

impl<const N: usize> Arrays for [Array; N] {
    fn arrays(&self) -> Vec<&Array> {
        self.iter().collect()
    }
}

impl<const N: usize> Arrays for [&Array; N] {
    fn arrays(&self) -> Vec<&Array> {
        self.to_vec()
    }
}

impl Arrays for Vec<Array> {
    fn arrays(&self) -> Vec<&Array> {
        self.iter().collect()
    }
}

impl Arrays for Vec<&Array> {
    fn arrays(&self) -> Vec<&Array> {
        self.clone()
    }
}

impl<A: Arrays + ?Sized> Arrays for &A {
    fn arrays(&self) -> Vec<&Array> {
        (**self).arrays()
    }
}

/// Calls `$f::<T>($($arg),*)` with `T` the element type of `$dtype` (strings included);
/// `$record` for structured dtypes, whose fields each have their own element type.
macro_rules! with_element_type {
    ($dtype:expr, $f:ident($($arg:expr),*), record => $record:expr) => {
        match $dtype {
            $crate::DType::Str(_) => $f::<String>($($arg),*),
            $crate::DType::Record(_) => $record,
            other => $crate::array::with_numeric_type!(other, $f($($arg),*), _ => unreachable!("handled above")),
        }
    };
}
pub(crate) use with_element_type;
