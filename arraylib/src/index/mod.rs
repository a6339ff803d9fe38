//! NumPy's indexing model: integers, slices, newaxis and ellipsis (O(1) views), boolean masks and
//! integer arrays (copies), assignment through each, `nonzero`, `argwhere`, `take`.
//!
//! An index is written with [`idx!`](crate::idx) and applied with [`Array::at`] (read) or
//! [`Array::set_at`] (write), each with its fallible `try_` twin:
//!
//! ```
//! use arraylib::{idx, Array};
//! let mut a = Array::from_shape_vec([3, 4], (0..12).collect::<Vec<i64>>()).unwrap();
//! let row = a.at(idx![1]);                     // a[1]        -> view
//! let evens = a.at(idx![.., ..;2]);            // a[:, ::2]   -> view
//! let picked = a.at(idx![[2, 0]]);             // a[[2, 0]]   -> copy
//! assert_eq!(row.to_vec::<i64>().unwrap(), vec![4, 5, 6, 7]);
//! assert_eq!(evens.shape(), &[3, 2]);
//! assert_eq!(picked.shape(), &[2, 4]);
//! a.set_at(idx![.., 0], -1);                   // a[:, 0] = -1
//! assert_eq!(row.to_vec::<i64>().unwrap(), vec![-1, 5, 6, 7]); // the view sees the write
//! ```
//!
//! Files: [`item`] (the index type and macro), `plan` (basic components folded into a view,
//! advanced ones resolved to storage positions), `access` (`at`/`set_at`: views, gathers,
//! scatters), `functions` (`nonzero`, `take`, `put`, `add_at`, ...).

mod access;
mod functions;
pub mod item;
mod plan;

pub use access::SetValue;
pub use functions::{
    add_at, argwhere, compress, flatnonzero, ix_, nonzero, put, put_along_axis, take, take_along_axis, try_add_at,
    try_argwhere, try_compress, try_flatnonzero, try_ix_, try_nonzero, try_put, try_put_along_axis, try_take,
    try_take_along_axis,
};
pub use item::{Index, IndexItem, Slice};

#[cfg(test)]
mod tests;
