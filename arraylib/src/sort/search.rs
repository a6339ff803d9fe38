//! Binary search in sorted arrays: `searchsorted` and `digitize`.

use rayon::prelude::*;

use crate::array::Array;
use crate::dtype::{DType, DTypeKind};
use crate::error::{ArrayError, OrRaise, Result};

use super::kernel::{PAR_MIN, search};
use super::order::{Sortable, with_sortable_type};

/// Which end of a run of equal elements [`searchsorted`] reports.
///
/// ```
/// use arraylib::{array, searchsorted, Side};
/// let a = array![1, 2, 2, 3];
/// assert_eq!(searchsorted(&a, &array![2], Side::Left, None).to_vec::<i64>().unwrap(), vec![1]);
/// assert_eq!(searchsorted(&a, &array![2], Side::Right, None).to_vec::<i64>().unwrap(), vec![3]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Side {
    /// Before equal elements (NumPy's default `side="left"`): the first index `i` with
    /// `v <= a[i]`.
    #[default]
    Left,
    /// After equal elements: the first index `i` with `v < a[i]`.
    Right,
}

/// A 1-D argument of a search, with NumPy's messages for other dimensions.
pub(crate) fn require_1d(a: &Array) -> Result<()> {
    match a.ndim() {
        1 => Ok(()),
        0 => Err(ArrayError::value("object of too small depth for desired array")),
        _ => Err(ArrayError::value("object too deep for desired array")),
    }
}

/// NumPy's `np.searchsorted(a, v, side, sorter)`: for each element of `v`, the index where it
/// would be inserted into the sorted 1-D `a` to keep it sorted. The result has `v`'s shape and
/// dtype `int64`; `a` and `v` are compared in their common dtype. `sorter` (indices that sort
/// `a`, as from [`argsort`](crate::argsort)) lets `a` be unsorted.
///
/// ```
/// use arraylib::{array, searchsorted, Array, Side};
/// let a = array![1.0, 2.0, 3.0];
/// let i = searchsorted(&a, &Array::scalar(2.5), Side::Left, None);
/// assert_eq!((i.ndim(), i.item_f64().unwrap()), (0, 2.0));
/// let unsorted = array![3, 1, 2];
/// let at = searchsorted(&unsorted, &array![2], Side::Left, Some(&array![1, 2, 0]));
/// assert_eq!(at.to_vec::<i64>().unwrap(), vec![1]);
/// ```
pub fn searchsorted(a: &Array, v: &Array, side: Side, sorter: Option<&Array>) -> Array {
    try_searchsorted(a, v, side, sorter).or_raise()
}

/// Fallible [`searchsorted`]: a `ValueError` when `a` is not 1-D or `sorter` does not fit it.
///
/// ```
/// use arraylib::{array, try_searchsorted, Side};
/// assert!(try_searchsorted(&array![[1, 2]], &array![1], Side::Left, None).is_err());
/// assert!(try_searchsorted(&array![1, 2], &array![1], Side::Left, Some(&array![0, 5])).is_err());
/// ```
pub fn try_searchsorted(a: &Array, v: &Array, side: Side, sorter: Option<&Array>) -> Result<Array> {
    require_1d(a)?;
    let dtype = a.dtype().promote(v.dtype())?;
    let a = a.astype_nocopy(dtype)?;
    let v = v.astype_nocopy(dtype)?;
    let order = match sorter {
        Some(s) => Some(sorter_indices(s, a.size())?),
        None => None,
    };
    fn run<T: Sortable>(a: &Array, v: &Array, side: Side, order: Option<Vec<usize>>) -> Result<Array> {
        let mut sorted = a.to_vec::<T>()?;
        if let Some(order) = order {
            sorted = order.iter().map(|&i| sorted[i].clone()).collect();
        }
        let values = v.to_vec::<T>()?;
        let right = side == Side::Right;
        // Numbers are searched by their radix keys: integer compares instead of NaN-aware ones.
        let keys: Vec<u64> = if T::RADIX {
            sorted.iter().map(T::key).collect()
        } else {
            Vec::new()
        };
        let find = |x: &T| {
            if T::RADIX {
                let k = x.key();
                (if right {
                    keys.partition_point(|&y| y <= k)
                } else {
                    keys.partition_point(|&y| y < k)
                }) as i64
            } else {
                search(&sorted, x, right) as i64
            }
        };
        let out: Vec<i64> = if values.len() >= PAR_MIN {
            values.par_iter().map(find).collect()
        } else {
            values.iter().map(find).collect()
        };
        Array::from_shape_vec(v.shape(), out)
    }
    with_sortable_type!(dtype, run(&a, &v, side, order))
}

/// `sorter` as indices into `n` elements, with NumPy's checks.
fn sorter_indices(sorter: &Array, n: usize) -> Result<Vec<usize>> {
    if !sorter.dtype().kind().is_integer() {
        return Err(ArrayError::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            sorter.dtype()
        )));
    }
    if sorter.ndim() != 1 || sorter.size() != n {
        return Err(ArrayError::value("sorter.size must equal a.size"));
    }
    let raw = sorter.astype(DType::Int64)?.to_vec::<i64>()?;
    raw.into_iter()
        .map(|i| {
            usize::try_from(i)
                .ok()
                .filter(|&i| i < n)
                .ok_or_else(|| ArrayError::value("Sorter index out of range."))
        })
        .collect()
}

/// NumPy's `np.digitize(x, bins, right)`: the index of the bin of each element of `x`, for
/// monotonically increasing or decreasing 1-D `bins` (`int64`, shape of `x`).
///
/// Increasing bins: `bins[i-1] <= x < bins[i]` gives `i` (`right`: `bins[i-1] < x <= bins[i]`).
///
/// ```
/// use arraylib::{array, digitize};
/// let bins = array![0.0, 1.0, 2.5];
/// let x = array![-1.0, 0.0, 0.5, 2.5, 4.0];
/// assert_eq!(digitize(&x, &bins, false).to_vec::<i64>().unwrap(), vec![0, 1, 1, 3, 3]);
/// assert_eq!(digitize(&x, &bins, true).to_vec::<i64>().unwrap(), vec![0, 0, 1, 2, 3]);
/// ```
pub fn digitize(x: &Array, bins: &Array, right: bool) -> Array {
    try_digitize(x, bins, right).or_raise()
}

/// Fallible [`digitize`]: a `ValueError` for bins that are not monotonic or not 1-D, a
/// `TypeError` for complex `x`.
///
/// ```
/// use arraylib::{array, try_digitize};
/// assert!(try_digitize(&array![1.0], &array![0.0, 2.0, 1.0], false).is_err());
/// ```
pub fn try_digitize(x: &Array, bins: &Array, right: bool) -> Result<Array> {
    if x.dtype().kind() == DTypeKind::Complex {
        return Err(ArrayError::type_error("x may not be complex"));
    }
    require_1d(bins)?;
    let as_f64 = bins.astype(DType::Float64)?.to_vec::<f64>()?;
    let increasing = as_f64.windows(2).all(|w| w[0] <= w[1]);
    let decreasing = as_f64.windows(2).all(|w| w[0] >= w[1]);
    // NumPy's `right` puts equal values in the lower bin, which is a left-side search.
    let side = if right { Side::Left } else { Side::Right };
    if increasing {
        try_searchsorted(bins, x, side, None)
    } else if decreasing {
        let n = bins.size() as i64;
        let reversed: Vec<usize> = (0..bins.size()).rev().collect();
        let sorter = Array::from_vec(reversed.into_iter().map(|i| i as i64).collect::<Vec<_>>());
        let found = try_searchsorted(bins, x, side, Some(&sorter))?;
        let data = found.to_vec::<i64>()?.into_iter().map(|i| n - i).collect();
        Array::from_shape_vec(found.shape(), data)
    } else {
        Err(ArrayError::value("bins must be monotonically increasing or decreasing"))
    }
}
