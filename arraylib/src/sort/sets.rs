//! Set operations on arrays seen as sets of their elements: `isin`, `intersect1d`, `union1d`,
//! `setdiff1d`, `setxor1d` (NumPy 2.4 removed `in1d`; `isin` replaces it).
//!
//! Both operands go to their common dtype; results other than `isin`'s are sorted, unique and
//! 1-D. Elements compare with NumPy's `==`, so a NaN is never found in the other set (but
//! `union1d`, like `unique`, keeps one NaN).

use std::cmp::Ordering;

use crate::array::Array;
use crate::error::{OrRaise, Result};

use super::kernel::sort_slice;
use super::order::{Sortable, eq_np, with_sortable_type};

/// The sorted distinct elements of `a`, one NaN for all NaNs.
fn sorted_unique<T: Sortable>(a: &Array) -> Result<Vec<T>> {
    let mut v = a.to_vec::<T>()?;
    sort_slice(&mut v);
    v.dedup_by(|x, y| x.cmp_np(y) == Ordering::Equal || (x.is_nan() && y.is_nan()));
    Ok(v)
}

/// Whether `x` is an element of sorted `set` under NumPy's `==`.
fn contains<T: Sortable>(set: &[T], x: &T) -> bool {
    !x.is_nan() && set.binary_search_by(|y| y.cmp_np(x)).is_ok()
}

/// Both operands cast to their common dtype.
fn common(a: &Array, b: &Array) -> Result<(Array, Array)> {
    let dtype = a.dtype().promote(b.dtype())?;
    Ok((a.astype_nocopy(dtype)?, b.astype_nocopy(dtype)?))
}

/// NumPy's `np.isin(element, test_elements, invert=invert)`: a boolean array of `element`'s
/// shape telling which elements occur in `test_elements` (or, with `invert`, which do not).
///
/// ```
/// use arraylib::{array, isin};
/// let m = isin(&array![1, 2, 3, 4], &array![2, 4], false);
/// assert_eq!(m.to_vec::<bool>().unwrap(), vec![false, true, false, true]);
/// ```
pub fn isin(element: &Array, test_elements: &Array, invert: bool) -> Array {
    try_isin(element, test_elements, invert).or_raise()
}

/// Fallible [`isin`]: a `TypeError` when the dtypes have no common type (numbers and strings).
///
/// ```
/// use arraylib::{array, try_isin, Array};
/// assert!(try_isin(&array![1], &Array::from_vec(vec!["a".to_string()]), false).is_err());
/// ```
pub fn try_isin(element: &Array, test_elements: &Array, invert: bool) -> Result<Array> {
    let (a, b) = common(element, test_elements)?;
    fn run<T: Sortable>(a: &Array, b: &Array, invert: bool) -> Result<Array> {
        let set = sorted_unique::<T>(b)?;
        let found: Vec<bool> = a.typed::<T>()?.iter().map(|x| contains(&set, x) != invert).collect();
        Array::from_shape_vec(a.shape(), found)
    }
    with_sortable_type!(a.dtype(), run(&a, &b, invert))
}

/// The set operations that produce sorted unique elements.
#[derive(Clone, Copy)]
enum SetOp {
    Intersect,
    Union,
    SymmetricDifference,
}

/// Runs `op` on the sorted unique elements of `a` and `b`, in their common dtype.
fn set_op(a: &Array, b: &Array, op: SetOp) -> Result<Array> {
    let (a, b) = common(a, b)?;
    fn run<T: Sortable>(a: &Array, b: &Array, op: SetOp) -> Result<Array> {
        let (ua, ub) = (sorted_unique::<T>(a)?, sorted_unique::<T>(b)?);
        let out: Vec<T> = match op {
            SetOp::Intersect => ua.into_iter().filter(|x| contains(&ub, x)).collect(),
            SetOp::Union => {
                let mut all = ua;
                all.extend(ub);
                sort_slice(&mut all);
                all.dedup_by(|x, y| x.cmp_np(y) == Ordering::Equal || (x.is_nan() && y.is_nan()));
                all
            }
            SetOp::SymmetricDifference => {
                // In exactly one set: unequal to both neighbours in the merged order.
                let mut all = ua;
                all.extend(ub);
                sort_slice(&mut all);
                (0..all.len())
                    .filter(|&i| {
                        (i == 0 || !eq_np(&all[i - 1], &all[i])) && (i + 1 == all.len() || !eq_np(&all[i], &all[i + 1]))
                    })
                    .map(|i| all[i].clone())
                    .collect()
            }
        };
        Ok(Array::from_vec(out))
    }
    let dtype = a.dtype();
    Ok(with_sortable_type!(dtype, run(&a, &b, op))?.with_dtype(dtype))
}

/// NumPy's `np.intersect1d(ar1, ar2)`: sorted unique elements found in both.
///
/// ```
/// use arraylib::{array, intersect1d};
/// assert_eq!(intersect1d(&array![3, 1, 2], &array![2, 3, 5]).to_vec::<i64>().unwrap(), vec![2, 3]);
/// ```
pub fn intersect1d(ar1: &Array, ar2: &Array) -> Array {
    try_intersect1d(ar1, ar2).or_raise()
}

/// Fallible [`intersect1d`]: a `TypeError` when the dtypes have no common type.
///
/// ```
/// assert_eq!(arraylib::try_intersect1d(&arraylib::array![1.0], &arraylib::array![1]).unwrap().size(), 1);
/// ```
pub fn try_intersect1d(ar1: &Array, ar2: &Array) -> Result<Array> {
    set_op(ar1, ar2, SetOp::Intersect)
}

/// NumPy's `np.union1d(ar1, ar2)`: sorted unique elements of either.
///
/// ```
/// use arraylib::{array, union1d};
/// assert_eq!(union1d(&array![3, 1], &array![2, 3]).to_vec::<i64>().unwrap(), vec![1, 2, 3]);
/// ```
pub fn union1d(ar1: &Array, ar2: &Array) -> Array {
    try_union1d(ar1, ar2).or_raise()
}

/// Fallible [`union1d`].
///
/// ```
/// assert_eq!(arraylib::try_union1d(&arraylib::array![1], &arraylib::array![2]).unwrap().size(), 2);
/// ```
pub fn try_union1d(ar1: &Array, ar2: &Array) -> Result<Array> {
    set_op(ar1, ar2, SetOp::Union)
}

/// NumPy's `np.setdiff1d(ar1, ar2)`: sorted unique elements of `ar1` not in `ar2`.
///
/// ```
/// use arraylib::{array, setdiff1d};
/// assert_eq!(setdiff1d(&array![3, 1, 2], &array![2]).to_vec::<i64>().unwrap(), vec![1, 3]);
/// ```
pub fn setdiff1d(ar1: &Array, ar2: &Array) -> Array {
    try_setdiff1d(ar1, ar2).or_raise()
}

/// Fallible [`setdiff1d`].
///
/// ```
/// assert_eq!(arraylib::try_setdiff1d(&arraylib::array![1], &arraylib::array![1]).unwrap().size(), 0);
/// ```
pub fn try_setdiff1d(ar1: &Array, ar2: &Array) -> Result<Array> {
    // The result keeps `ar1`'s dtype: only membership is decided in the common dtype.
    let unique = super::unique::try_unique(ar1)?;
    let keep = try_isin(&unique, ar2, true)?.to_vec::<bool>()?;
    fn select<T: Sortable>(a: &Array, keep: &[bool]) -> Result<Array> {
        let kept: Vec<T> = a
            .to_vec::<T>()?
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| x)
            .collect();
        Ok(Array::from_vec(kept))
    }
    Ok(with_sortable_type!(ar1.dtype(), select(&unique, &keep))?.with_dtype(ar1.dtype()))
}

/// NumPy's `np.setxor1d(ar1, ar2)`: sorted unique elements in exactly one of the two.
///
/// ```
/// use arraylib::{array, setxor1d};
/// assert_eq!(setxor1d(&array![1, 2, 3], &array![2, 3, 4]).to_vec::<i64>().unwrap(), vec![1, 4]);
/// ```
pub fn setxor1d(ar1: &Array, ar2: &Array) -> Array {
    try_setxor1d(ar1, ar2).or_raise()
}

/// Fallible [`setxor1d`].
///
/// ```
/// assert_eq!(arraylib::try_setxor1d(&arraylib::array![1], &arraylib::array![1]).unwrap().size(), 0);
/// ```
pub fn try_setxor1d(ar1: &Array, ar2: &Array) -> Result<Array> {
    set_op(ar1, ar2, SetOp::SymmetricDifference)
}
