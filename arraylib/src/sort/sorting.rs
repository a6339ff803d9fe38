//! `sort`, `argsort`, the in-place `a.sort()` and `lexsort`.

use crate::array::Array;
use crate::axes::{Axes, normalize_axis};
use crate::error::{ArrayError, OrRaise, Result};

use super::kernel::{argsort_slice, sort_slice};
use super::lanes::{Lanes, assign, single_axis};
use super::order::{Sortable, with_sortable_type};

/// NumPy's `np.sort(a, axis)`: a sorted copy along `axis` (`-1` is the last axis,
/// [`Axes::All`] sorts the flattened array).
///
/// NaNs sort to the end, complex numbers lexicographically, strings by code point. The sort is
/// stable, so every `kind` NumPy offers gives this result.
///
/// ```
/// use arraylib::{array, sort, Axes};
/// let x = array![[3.0, f64::NAN, 1.0], [0.0, -2.0, 5.0]];
/// let rows = sort(&x, -1).to_vec::<f64>().unwrap();
/// assert_eq!(rows[..2], [1.0, 3.0]);
/// assert!(rows[2].is_nan());
/// assert_eq!(sort(&x, 0).to_vec::<f64>().unwrap()[..2], [0.0, -2.0]);
/// assert_eq!(sort(&x, Axes::All).shape(), &[6]);
/// ```
pub fn sort(a: &Array, axis: impl Into<Axes>) -> Array {
    try_sort(a, axis).or_raise()
}

/// Fallible [`sort`]: an `AxisError` for an axis out of range (a 0-d array has no axis `-1`).
///
/// ```
/// use arraylib::{Array, try_sort};
/// assert!(try_sort(&Array::scalar(1.5), -1).is_err());
/// ```
pub fn try_sort(a: &Array, axis: impl Into<Axes>) -> Result<Array> {
    let axis = single_axis(&axis.into(), a.ndim())?;
    fn run<T: Sortable>(a: &Array, axis: Option<usize>) -> Result<Array> {
        let mut lanes = Lanes::<T>::gather(a, axis)?;
        lanes.for_each_mut(sort_slice);
        let data = std::mem::take(&mut lanes.data);
        Ok(lanes.restore(data))
    }
    Ok(with_sortable_type!(a.dtype(), run(a, axis))?.with_dtype(a.dtype()))
}

/// NumPy's `np.argsort(a, axis)`: `int64` indices that sort `a` along `axis` ([`Axes::All`]:
/// indices into the flattened array).
///
/// Stable: equal elements keep their order, which is NumPy's `kind="stable"` result and also
/// its default `quicksort` result on small arrays.
///
/// ```
/// use arraylib::{array, argsort};
/// let a = array![2, 1, 2, 1, 0];
/// assert_eq!(argsort(&a, -1).to_vec::<i64>().unwrap(), vec![4, 1, 3, 0, 2]);
/// ```
pub fn argsort(a: &Array, axis: impl Into<Axes>) -> Array {
    try_argsort(a, axis).or_raise()
}

/// Fallible [`argsort`].
///
/// ```
/// use arraylib::{Array, try_argsort};
/// assert!(try_argsort(&Array::from_vec(vec![1, 2]), 1).is_err());
/// ```
pub fn try_argsort(a: &Array, axis: impl Into<Axes>) -> Result<Array> {
    // NumPy argsorts a 0-d array as its one element, whatever the axis.
    let axis = if a.ndim() == 0 {
        None
    } else {
        single_axis(&axis.into(), a.ndim())?
    };
    fn run<T: Sortable>(a: &Array, axis: Option<usize>) -> Result<Array> {
        let lanes = Lanes::<T>::gather(a, axis)?;
        let mut out = vec![0i64; lanes.data.len()];
        if lanes.len > 0 {
            let work = |(src, dst): (&[T], &mut [i64])| argsort_slice(src, dst);
            let pairs = lanes.data.chunks(lanes.len).zip(out.chunks_mut(lanes.len));
            if lanes.data.len() >= super::kernel::PAR_MIN && lanes.data.len() / lanes.len >= 2 {
                use rayon::prelude::*;
                pairs.collect::<Vec<_>>().into_par_iter().for_each(work);
            } else {
                pairs.for_each(work);
            }
        }
        Ok(lanes.restore(out))
    }
    with_sortable_type!(a.dtype(), run(a, axis))
}

impl Array {
    /// A sorted copy along `axis`, NumPy's `np.sort(a, axis)` (see [`sort`]).
    ///
    /// ```
    /// let a = arraylib::array![3, 1, 2];
    /// assert_eq!(a.sort_axis(-1).to_vec::<i64>().unwrap(), vec![1, 2, 3]);
    /// ```
    pub fn sort_axis(&self, axis: impl Into<Axes>) -> Array {
        try_sort(self, axis).or_raise()
    }

    /// Fallible [`Array::sort_axis`].
    ///
    /// ```
    /// assert!(arraylib::array![3, 1].try_sort_axis(2).is_err());
    /// ```
    pub fn try_sort_axis(&self, axis: impl Into<Axes>) -> Result<Array> {
        try_sort(self, axis)
    }

    /// NumPy's `a.argsort(axis)` (see [`argsort`]).
    ///
    /// ```
    /// let a = arraylib::array![3.0, 1.0, 2.0];
    /// assert_eq!(a.argsort(-1).to_vec::<i64>().unwrap(), vec![1, 2, 0]);
    /// ```
    pub fn argsort(&self, axis: impl Into<Axes>) -> Array {
        try_argsort(self, axis).or_raise()
    }

    /// Fallible [`Array::argsort`].
    ///
    /// ```
    /// assert!(arraylib::array![3, 1].try_argsort(1).is_err());
    /// ```
    pub fn try_argsort(&self, axis: impl Into<Axes>) -> Result<Array> {
        try_argsort(self, axis)
    }

    /// NumPy's in-place `a.sort(axis)`: sorts this array's elements along `axis` where they
    /// are, so every view of the same memory sees the result.
    ///
    /// ```
    /// use arraylib::array;
    /// let a = array![[3, 1, 2], [9, 8, 7]];
    /// let mut view = a.view();
    /// view.sort_inplace(-1);
    /// assert_eq!(a.to_vec::<i64>().unwrap(), vec![1, 2, 3, 7, 8, 9]);
    /// ```
    pub fn sort_inplace(&mut self, axis: isize) {
        self.try_sort_inplace(axis).or_raise()
    }

    /// Fallible [`Array::sort_inplace`]: a `ValueError` for a read-only array, an `AxisError`
    /// for an axis out of range.
    ///
    /// ```
    /// let mut a = arraylib::Array::scalar(1);
    /// assert!(a.try_sort_inplace(-1).is_err());
    /// ```
    pub fn try_sort_inplace(&mut self, axis: isize) -> Result<()> {
        if !self.writeable() {
            return Err(ArrayError::value("assignment destination is read-only"));
        }
        let sorted = try_sort(self, axis)?;
        assign(self, &sorted)
    }
}

/// NumPy's `np.lexsort(keys, axis)`: indices that sort by the **last** key first, then by the
/// one before it, and so on (stable), along `axis` of the equally shaped keys.
///
/// ```
/// use arraylib::{array, lexsort};
/// let surname = array![1, 1, 0];
/// let first = array![2, 1, 3];
/// assert_eq!(lexsort(&[&first, &surname], -1).to_vec::<i64>().unwrap(), vec![2, 1, 0]);
/// let weight = array![0.5, 0.25, 0.75];
/// assert_eq!(lexsort(&[&weight], -1).to_vec::<i64>().unwrap(), vec![1, 0, 2]);
/// ```
pub fn lexsort(keys: &[&Array], axis: isize) -> Array {
    try_lexsort(keys, axis).or_raise()
}

/// Fallible [`lexsort`]: a `TypeError` without keys, a `ValueError` for keys of different
/// shapes, an `AxisError` for an axis out of range.
///
/// ```
/// use arraylib::{array, try_lexsort};
/// assert!(try_lexsort(&[], -1).is_err());
/// assert!(try_lexsort(&[&array![1, 2], &array![1]], -1).is_err());
/// ```
pub fn try_lexsort(keys: &[&Array], axis: isize) -> Result<Array> {
    let Some(first) = keys.first() else {
        return Err(ArrayError::type_error("need sequence of keys with len > 0 in lexsort"));
    };
    if keys.iter().any(|k| k.shape() != first.shape()) {
        return Err(ArrayError::value("all keys need to be the same shape"));
    }
    if first.ndim() == 0 {
        // NumPy treats 0-d keys as one element.
        return Ok(Array::scalar(0i64));
    }
    let axis = normalize_axis(axis, first.ndim())?;
    // The permutation has the keys' lanes but is int64 whatever the keys' dtypes.
    let mut perm = Lanes::<i64>::gather(&crate::zeros(first.shape(), crate::DType::Int64), Some(axis))?;
    let n = perm.len;
    for (i, p) in perm.data.iter_mut().enumerate() {
        *p = (i % n.max(1)) as i64;
    }
    // Least significant key first; each stable pass keeps the order of the keys before it.
    fn refine<T: Sortable>(key: &Array, axis: usize, perm: &mut [i64], n: usize) -> Result<()> {
        let values = Lanes::<T>::gather(key, Some(axis))?.data;
        let mut lane = Vec::with_capacity(n);
        let mut order = vec![0i64; n];
        for (lane_values, lane_perm) in values.chunks(n).zip(perm.chunks_mut(n)) {
            lane.clear();
            lane.extend(lane_perm.iter().map(|&p| lane_values[p as usize].clone()));
            argsort_slice(&lane, &mut order);
            let old = lane_perm.to_vec();
            for (dst, &o) in lane_perm.iter_mut().zip(&order) {
                *dst = old[o as usize];
            }
        }
        Ok(())
    }
    if n > 0 {
        for key in keys {
            with_sortable_type!(key.dtype(), refine(key, axis, &mut perm.data, n))?;
        }
    }
    let data = std::mem::take(&mut perm.data);
    Ok(perm.restore(data))
}
