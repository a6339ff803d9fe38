//! `partition` and `argpartition`: selection in O(n) per lane.
//!
//! Only the partition property is defined (NumPy's own arrangement of the other elements is
//! an implementation detail of its introselect): each `kth` element lands where a full sort
//! would put it, with no larger element before it and no smaller one after.

use crate::array::Array;
use crate::axes::Axes;
use crate::error::{ArrayError, OrRaise, Result};

use super::lanes::{Lanes, assign, single_axis};
use super::order::{Sortable, with_sortable_type};

/// The `kth` argument of [`partition`]: one index or several (negative counts from the end).
///
/// ```
/// use arraylib::Kth;
/// assert_eq!(Kth::from(2).0, vec![2]);
/// assert_eq!(Kth::from([1, -1]).0, vec![1, -1]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kth(pub Vec<isize>);

macro_rules! kth_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Kth {
            fn from(k: $t) -> Kth { Kth(vec![k as isize]) }
        }
        impl<const N: usize> From<[$t; N]> for Kth {
            fn from(k: [$t; N]) -> Kth { Kth(k.iter().map(|&k| k as isize).collect()) }
        }
        impl From<&[$t]> for Kth {
            fn from(k: &[$t]) -> Kth { Kth(k.iter().map(|&k| k as isize).collect()) }
        }
        impl From<Vec<$t>> for Kth {
            fn from(k: Vec<$t>) -> Kth { Kth(k.iter().map(|&k| k as isize).collect()) }
        }
    )*};
}
kth_from!(i32, i64, isize, usize);

/// The `kth` indices for lanes of length `n`: wrapped, checked, sorted, deduplicated.
fn kth_positions(kth: &Kth, n: usize) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(kth.0.len());
    for &k in &kth.0 {
        let wrapped = if k < 0 { k + n as isize } else { k };
        if wrapped < 0 || wrapped >= n as isize {
            return Err(ArrayError::value(format!("kth(={wrapped}) out of bounds ({n})")));
        }
        out.push(wrapped as usize);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Puts each `kth` element of `v` in its sorted place, in increasing `kth` order so each
/// selection only looks right of the previous one.
fn select_all<I>(v: &mut [I], kth: &[usize], mut cmp: impl FnMut(&I, &I) -> std::cmp::Ordering) {
    let mut lo = 0;
    for &k in kth {
        v[lo..].select_nth_unstable_by(k - lo, &mut cmp);
        lo = k + 1;
    }
}

/// NumPy's `np.partition(a, kth, axis)`: a copy in which each `kth` element along `axis` is
/// where a sort would put it, smaller-or-equal elements before it and greater-or-equal after
/// ([`Axes::All`] partitions the flattened array).
///
/// ```
/// use arraylib::{array, partition};
/// let p = partition(&array![5, 1, 4, 2, 3], 2, -1).to_vec::<i64>().unwrap();
/// assert_eq!(p[2], 3);
/// assert!(p[..2].iter().all(|&x| x <= 3) && p[3..].iter().all(|&x| x >= 3));
/// ```
pub fn partition(a: &Array, kth: impl Into<Kth>, axis: impl Into<Axes>) -> Array {
    try_partition(a, kth, axis).or_raise()
}

/// Fallible [`partition`]: a `ValueError` for a `kth` out of bounds, an `AxisError` for an
/// axis out of range.
///
/// ```
/// use arraylib::{array, try_partition};
/// assert!(try_partition(&array![1, 2], 2, -1).is_err());
/// ```
pub fn try_partition(a: &Array, kth: impl Into<Kth>, axis: impl Into<Axes>) -> Result<Array> {
    let axis = single_axis(&axis.into(), a.ndim())?;
    let kth = kth.into();
    fn run<T: Sortable>(a: &Array, kth: &Kth, axis: Option<usize>) -> Result<Array> {
        let mut lanes = Lanes::<T>::gather(a, axis)?;
        let positions = kth_positions(kth, lanes.len)?;
        lanes.for_each_mut(|lane| select_all(lane, &positions, T::cmp_np));
        let data = std::mem::take(&mut lanes.data);
        Ok(lanes.restore(data))
    }
    Ok(with_sortable_type!(a.dtype(), run(a, &kth, axis))?.with_dtype(a.dtype()))
}

/// NumPy's `np.argpartition(a, kth, axis)`: `int64` indices that would partition `a` (see
/// [`partition`]).
///
/// ```
/// use arraylib::{array, argpartition};
/// let i = argpartition(&array![5, 1, 4, 2, 3], 0, -1).to_vec::<i64>().unwrap();
/// assert_eq!(i[0], 1);
/// ```
pub fn argpartition(a: &Array, kth: impl Into<Kth>, axis: impl Into<Axes>) -> Array {
    try_argpartition(a, kth, axis).or_raise()
}

/// Fallible [`argpartition`].
///
/// ```
/// use arraylib::{array, try_argpartition};
/// assert!(try_argpartition(&array![1, 2], -3, -1).is_err());
/// ```
pub fn try_argpartition(a: &Array, kth: impl Into<Kth>, axis: impl Into<Axes>) -> Result<Array> {
    let axis = single_axis(&axis.into(), a.ndim())?;
    let kth = kth.into();
    fn run<T: Sortable>(a: &Array, kth: &Kth, axis: Option<usize>) -> Result<Array> {
        let lanes = Lanes::<T>::gather(a, axis)?;
        let positions = kth_positions(kth, lanes.len)?;
        let n = lanes.len;
        let mut out = vec![0i64; lanes.data.len()];
        if n > 0 {
            for (values, idx) in lanes.data.chunks(n).zip(out.chunks_mut(n)) {
                for (i, slot) in idx.iter_mut().enumerate() {
                    *slot = i as i64;
                }
                select_all(idx, &positions, |&i, &j| values[i as usize].cmp_np(&values[j as usize]));
            }
        }
        Ok(lanes.restore(out))
    }
    with_sortable_type!(a.dtype(), run(a, &kth, axis))
}

impl Array {
    /// NumPy's in-place `a.partition(kth, axis)`: partitions this array's memory (see
    /// [`partition`]); every view sees the result.
    ///
    /// ```
    /// let mut a = arraylib::array![3, 1, 2];
    /// a.partition_inplace(0, -1);
    /// assert_eq!(a.to_vec::<i64>().unwrap()[0], 1);
    /// ```
    pub fn partition_inplace(&mut self, kth: impl Into<Kth>, axis: isize) {
        self.try_partition_inplace(kth, axis).or_raise()
    }

    /// Fallible [`Array::partition_inplace`].
    ///
    /// ```
    /// let mut a = arraylib::array![3, 1, 2];
    /// assert!(a.try_partition_inplace(3, -1).is_err());
    /// ```
    pub fn try_partition_inplace(&mut self, kth: impl Into<Kth>, axis: isize) -> Result<()> {
        if !self.writeable() {
            return Err(ArrayError::value("assignment destination is read-only"));
        }
        let done = try_partition(self, kth, axis)?;
        assign(self, &done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_kth_each_in_sorted_place() {
        let values: Vec<i64> = (0..50).map(|i| (i * 37) % 23 - 11).collect();
        let mut sorted = values.clone();
        sorted.sort();
        let a = Array::from_shape_vec([2, 25], values).unwrap();
        let p = try_partition(&a, [3, -1, 10], -1).unwrap().to_vec::<i64>().unwrap();
        for (row, lane) in p.chunks(25).enumerate() {
            let mut expected = a.to_vec::<i64>().unwrap()[row * 25..(row + 1) * 25].to_vec();
            expected.sort();
            for k in [3, 10, 24] {
                assert_eq!(lane[k], expected[k]);
                assert!(lane[..k].iter().all(|&x| x <= lane[k]) && lane[k + 1..].iter().all(|&x| x >= lane[k]));
            }
        }
        let idx = try_argpartition(&a, 10, Axes::All).unwrap().to_vec::<i64>().unwrap();
        let flat = a.to_vec::<i64>().unwrap();
        assert_eq!(flat[idx[10] as usize], sorted[10]);
    }
}
