//! `unique` and NumPy 2's `unique_values` / `unique_counts` / `unique_inverse` / `unique_all`.
//!
//! Sorted unique elements come from a stable sort and one pass over runs of equal elements
//! (stability makes `indices` the first occurrences, as NumPy's `return_index` promises).
//! Integers in a small range skip the sort: a counting pass over the range gives the same
//! answer in O(n + range).

use std::cmp::Ordering;

use crate::array::Array;
use crate::axes::{Axes, normalize_axis};
use crate::error::{OrRaise, Result};

use rayon::prelude::*;

use super::kernel::{PAR_MIN, argsort_slice, sort_slice};
use super::lanes::{elements, leading_data};
use super::order::{Sortable, with_sortable_type};

/// Options of [`unique_with`], NumPy's `unique(ar, return_index, return_inverse,
/// return_counts, axis, equal_nan)`.
///
/// ```
/// use arraylib::{array, unique_with, UniqueOptions};
/// let r = unique_with(&array![3, 1, 3], &UniqueOptions { return_counts: true, ..Default::default() });
/// assert_eq!(r.counts.unwrap().to_vec::<i64>().unwrap(), vec![1, 2]);
/// assert!(r.indices.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UniqueOptions {
    /// Also return the index of each unique value's first occurrence.
    pub return_index: bool,
    /// Also return, for each input element, the index of its value in the result.
    pub return_inverse: bool,
    /// Also return how often each unique value occurs.
    pub return_counts: bool,
    /// [`Axes::All`] (default): unique elements of the flattened array; one axis: unique
    /// slices along it (rows for axis 0 of a matrix).
    pub axis: Axes,
    /// Collapse all NaNs into one (NumPy's default `True`).
    pub equal_nan: bool,
}

impl Default for UniqueOptions {
    fn default() -> Self {
        UniqueOptions {
            return_index: false,
            return_inverse: false,
            return_counts: false,
            axis: Axes::All,
            equal_nan: true,
        }
    }
}

/// The outputs of [`unique_with`]: the sorted unique values, and the optional outputs asked
/// for in [`UniqueOptions`] (all `int64`).
#[derive(Debug)]
pub struct UniqueResult {
    /// Sorted unique values (or slices along the axis).
    pub values: Array,
    /// First-occurrence index of each unique value.
    pub indices: Option<Array>,
    /// Index into `values` of each input element (input's shape when the axis is `All`,
    /// 1-D otherwise, as in NumPy 2.x).
    pub inverse: Option<Array>,
    /// Occurrences of each unique value.
    pub counts: Option<Array>,
}

/// NumPy 2's `np.unique_all(x)`: every output of `unique`, NaNs kept distinct.
#[derive(Debug)]
pub struct UniqueAll {
    /// Sorted unique values.
    pub values: Array,
    /// First-occurrence index of each value.
    pub indices: Array,
    /// Index into `values` of each element of `x` (shape of `x`).
    pub inverse_indices: Array,
    /// Occurrences of each value.
    pub counts: Array,
}

/// NumPy 2's `np.unique_counts(x)`: values and how often each occurs.
#[derive(Debug)]
pub struct UniqueCounts {
    /// Sorted unique values.
    pub values: Array,
    /// Occurrences of each value.
    pub counts: Array,
}

/// NumPy 2's `np.unique_inverse(x)`: values and the index of each element's value.
#[derive(Debug)]
pub struct UniqueInverse {
    /// Sorted unique values.
    pub values: Array,
    /// Index into `values` of each element of `x` (shape of `x`).
    pub inverse_indices: Array,
}

/// NumPy's `np.unique(a)`: the sorted unique elements of the flattened array (one NaN for
/// all NaNs).
///
/// ```
/// use arraylib::{array, unique};
/// assert_eq!(unique(&array![3, 1, 2, 3, 1]).to_vec::<i64>().unwrap(), vec![1, 2, 3]);
/// let u = unique(&array![1.0, f64::NAN, 1.0, f64::NAN]);
/// assert_eq!(u.size(), 2);
/// ```
pub fn unique(a: &Array) -> Array {
    try_unique(a).or_raise()
}

/// Fallible [`unique`] (the flattened array always has unique values: it does not fail).
///
/// ```
/// assert_eq!(arraylib::try_unique(&arraylib::array![2, 2]).unwrap().size(), 1);
/// ```
pub fn try_unique(a: &Array) -> Result<Array> {
    Ok(try_unique_with(a, &UniqueOptions::default())?.values)
}

/// NumPy's `np.unique` with every option (see [`UniqueOptions`]).
///
/// ```
/// use arraylib::{array, unique_with, UniqueOptions};
/// let opts = UniqueOptions { return_index: true, return_inverse: true, ..Default::default() };
/// let r = unique_with(&array![[2, 2], [1, 3]], &opts);
/// assert_eq!(r.values.to_vec::<i64>().unwrap(), vec![1, 2, 3]);
/// assert_eq!(r.indices.unwrap().to_vec::<i64>().unwrap(), vec![2, 0, 3]);
/// let inverse = r.inverse.unwrap();
/// assert_eq!(inverse.shape(), &[2, 2]);
/// assert_eq!(inverse.to_vec::<i64>().unwrap(), vec![1, 1, 0, 2]);
/// let rows = unique_with(&array![[1, 2], [0, 5], [1, 2]], &UniqueOptions { axis: 0.into(), ..Default::default() });
/// assert_eq!(rows.values.to_vec::<i64>().unwrap(), vec![0, 5, 1, 2]);
/// ```
pub fn unique_with(a: &Array, options: &UniqueOptions) -> UniqueResult {
    try_unique_with(a, options).or_raise()
}

/// Fallible [`unique_with`]: an `AxisError` for an axis out of range.
///
/// ```
/// use arraylib::{array, try_unique_with, UniqueOptions};
/// assert!(try_unique_with(&array![1, 2], &UniqueOptions { axis: 1.into(), ..Default::default() }).is_err());
/// ```
pub fn try_unique_with(a: &Array, options: &UniqueOptions) -> Result<UniqueResult> {
    let dtype = a.dtype();
    let mut result = match &options.axis {
        Axes::All => with_sortable_type!(dtype, unique_flat(a, options))?,
        Axes::List(list) => {
            let axis = match list.as_slice() {
                [axis] => normalize_axis(*axis, a.ndim())?,
                _ => {
                    return Err(crate::ArrayError::type_error(
                        "'tuple' object cannot be interpreted as an integer",
                    ));
                }
            };
            with_sortable_type!(dtype, unique_slices(a, axis, options))?
        }
    };
    result.values = result.values.with_dtype(dtype);
    Ok(result)
}

/// NumPy 2's `np.unique_values(x)`: the unique values, sorted (NaNs kept distinct).
///
/// ```
/// use arraylib::{array, unique_values};
/// assert_eq!(unique_values(&array![2, 1, 2]).to_vec::<i64>().unwrap(), vec![1, 2]);
/// ```
pub fn unique_values(x: &Array) -> Array {
    try_unique_values(x).or_raise()
}

/// Fallible [`unique_values`].
///
/// ```
/// assert_eq!(arraylib::try_unique_values(&arraylib::array![f64::NAN, f64::NAN]).unwrap().size(), 2);
/// ```
pub fn try_unique_values(x: &Array) -> Result<Array> {
    Ok(try_unique_with(x, &array_api_options(false, false, false))?.values)
}

/// NumPy 2's `np.unique_counts(x)` (NaNs kept distinct).
///
/// ```
/// use arraylib::{array, unique_counts};
/// let r = unique_counts(&array![5, 5, 7]);
/// assert_eq!(r.values.to_vec::<i64>().unwrap(), vec![5, 7]);
/// assert_eq!(r.counts.to_vec::<i64>().unwrap(), vec![2, 1]);
/// ```
pub fn unique_counts(x: &Array) -> UniqueCounts {
    try_unique_counts(x).or_raise()
}

/// Fallible [`unique_counts`].
///
/// ```
/// assert_eq!(arraylib::try_unique_counts(&arraylib::array![1]).unwrap().counts.size(), 1);
/// ```
pub fn try_unique_counts(x: &Array) -> Result<UniqueCounts> {
    let r = try_unique_with(x, &array_api_options(false, false, true))?;
    Ok(UniqueCounts {
        values: r.values,
        counts: r.counts.expect("asked for counts"),
    })
}

/// NumPy 2's `np.unique_inverse(x)` (NaNs kept distinct).
///
/// ```
/// use arraylib::{array, unique_inverse};
/// let r = unique_inverse(&array![5, 3, 5]);
/// assert_eq!(r.inverse_indices.to_vec::<i64>().unwrap(), vec![1, 0, 1]);
/// ```
pub fn unique_inverse(x: &Array) -> UniqueInverse {
    try_unique_inverse(x).or_raise()
}

/// Fallible [`unique_inverse`].
///
/// ```
/// assert_eq!(arraylib::try_unique_inverse(&arraylib::array![1]).unwrap().values.size(), 1);
/// ```
pub fn try_unique_inverse(x: &Array) -> Result<UniqueInverse> {
    let r = try_unique_with(x, &array_api_options(false, true, false))?;
    Ok(UniqueInverse {
        values: r.values,
        inverse_indices: r.inverse.expect("asked for inverse"),
    })
}

/// NumPy 2's `np.unique_all(x)` (NaNs kept distinct).
///
/// ```
/// use arraylib::{array, unique_all};
/// let r = unique_all(&array![5, 3, 5]);
/// assert_eq!(r.indices.to_vec::<i64>().unwrap(), vec![1, 0]);
/// assert_eq!(r.counts.to_vec::<i64>().unwrap(), vec![1, 2]);
/// ```
pub fn unique_all(x: &Array) -> UniqueAll {
    try_unique_all(x).or_raise()
}

/// Fallible [`unique_all`].
///
/// ```
/// assert_eq!(arraylib::try_unique_all(&arraylib::array![1, 1]).unwrap().counts.size(), 1);
/// ```
pub fn try_unique_all(x: &Array) -> Result<UniqueAll> {
    let r = try_unique_with(x, &array_api_options(true, true, true))?;
    Ok(UniqueAll {
        values: r.values,
        indices: r.indices.expect("asked for indices"),
        inverse_indices: r.inverse.expect("asked for inverse"),
        counts: r.counts.expect("asked for counts"),
    })
}

/// The array-API functions keep NaNs distinct (`equal_nan=False`).
fn array_api_options(return_index: bool, return_inverse: bool, return_counts: bool) -> UniqueOptions {
    UniqueOptions {
        return_index,
        return_inverse,
        return_counts,
        axis: Axes::All,
        equal_nan: false,
    }
}

/// Groups of equal elements: for each, its first position in sorted order and its size.
struct Groups {
    starts: Vec<usize>,
    sizes: Vec<usize>,
}

/// Runs of equal elements in `sorted`; NaNs (which sort last) form one run when `equal_nan`,
/// one run each otherwise.
fn groups<T: Sortable>(sorted: &[T], equal_nan: bool) -> Groups {
    let mut starts = Vec::new();
    let first_nan = sorted.partition_point(|x| !x.is_nan());
    for i in 0..first_nan {
        if i == 0 || sorted[i].cmp_np(&sorted[i - 1]) != Ordering::Equal {
            starts.push(i);
        }
    }
    if first_nan < sorted.len() {
        if equal_nan {
            starts.push(first_nan);
        } else {
            starts.extend(first_nan..sorted.len());
        }
    }
    let mut sizes: Vec<usize> = starts.windows(2).map(|w| w[1] - w[0]).collect();
    if let Some(&last) = starts.last() {
        sizes.push(sorted.len() - last);
    }
    Groups { starts, sizes }
}

fn int_array(values: Vec<usize>) -> Array {
    Array::from_vec(values.into_iter().map(|v| v as i64).collect::<Vec<i64>>())
}

/// Largest value range (relative to the input size) for which counting beats sorting.
fn counting_fits(range: u64, n: usize) -> bool {
    range <= (n as u64).saturating_mul(2).max(1 << 12) && range <= 1 << 24
}

fn unique_flat<T: Sortable>(a: &Array, options: &UniqueOptions) -> Result<UniqueResult> {
    if T::INTEGER && a.size() > 0 {
        let view = a.typed::<T>()?;
        let owned: Vec<T>;
        let data = match view.as_slice() {
            Some(slice) => slice,
            None => {
                owned = view.iter().cloned().collect();
                &owned
            }
        };
        let (lo, hi) = if data.len() >= PAR_MIN {
            data.par_iter()
                .map(|x| (x.key(), x.key()))
                .reduce(|| (u64::MAX, 0), |a, b| (a.0.min(b.0), a.1.max(b.1)))
        } else {
            data.iter()
                .fold((u64::MAX, 0), |(lo, hi), x| (lo.min(x.key()), hi.max(x.key())))
        };
        if let Some(range) = (hi - lo).checked_add(1).filter(|&r| counting_fits(r, data.len())) {
            return Ok(unique_by_counting(a, data, lo, range as usize, options));
        }
    }
    let data = elements::<T>(a)?;
    let wants_positions = options.return_index || options.return_inverse;
    if !wants_positions {
        let mut sorted = data;
        sort_slice(&mut sorted);
        let g = groups(&sorted, options.equal_nan);
        let values: Vec<T> = g.starts.iter().map(|&s| sorted[s].clone()).collect();
        return Ok(UniqueResult {
            values: Array::from_vec(values),
            indices: None,
            inverse: None,
            counts: options.return_counts.then(|| int_array(g.sizes)),
        });
    }
    let mut perm = vec![0i64; data.len()];
    argsort_slice(&data, &mut perm);
    let sorted: Vec<T> = perm.iter().map(|&p| data[p as usize].clone()).collect();
    let g = groups(&sorted, options.equal_nan);
    let values: Vec<T> = g.starts.iter().map(|&s| sorted[s].clone()).collect();
    let inverse = options.return_inverse.then(|| {
        let mut inverse = vec![0i64; data.len()];
        for (group, (&start, &size)) in g.starts.iter().zip(&g.sizes).enumerate() {
            for &p in &perm[start..start + size] {
                inverse[p as usize] = group as i64;
            }
        }
        Array::from_shape_vec(a.shape(), inverse).expect("input's shape")
    });
    Ok(UniqueResult {
        values: Array::from_vec(values),
        indices: options
            .return_index
            .then(|| int_array(g.starts.iter().map(|&s| perm[s] as usize).collect())),
        inverse,
        counts: options.return_counts.then(|| int_array(g.sizes)),
    })
}

/// `unique` of integers whose keys lie in `lo..lo + range`: one counting pass, no sort.
fn unique_by_counting<T: Sortable>(
    a: &Array,
    data: &[T],
    lo: u64,
    range: usize,
    options: &UniqueOptions,
) -> UniqueResult {
    // Each thread counts its own part; the tables are added up (first occurrences: the
    // earliest part that saw the value).
    let part = data.len().div_ceil(rayon::current_num_threads()).max(PAR_MIN);
    let tables: Vec<(Vec<usize>, Vec<usize>)> = data
        .par_chunks(part)
        .enumerate()
        .map(|(p, chunk)| {
            let mut counts = vec![0usize; range];
            let mut first = vec![0usize; range];
            for (i, x) in chunk.iter().enumerate() {
                let bin = (x.key() - lo) as usize;
                if counts[bin] == 0 {
                    first[bin] = p * part + i;
                }
                counts[bin] += 1;
            }
            (counts, first)
        })
        .collect();
    let mut parts = tables.into_iter();
    let (mut counts, mut first) = parts.next().expect("at least one part");
    for (more, their_first) in parts {
        for b in 0..range {
            if counts[b] == 0 {
                first[b] = their_first[b];
            }
            counts[b] += more[b];
        }
    }
    let bins: Vec<usize> = (0..range).filter(|&b| counts[b] > 0).collect();
    let values: Vec<T> = bins.iter().map(|&b| data[first[b]].clone()).collect();
    let inverse = options.return_inverse.then(|| {
        let mut rank = vec![0i64; range];
        for (r, &b) in bins.iter().enumerate() {
            rank[b] = r as i64;
        }
        let inverse: Vec<i64> = data.iter().map(|x| rank[(x.key() - lo) as usize]).collect();
        Array::from_shape_vec(a.shape(), inverse).expect("input's shape")
    });
    UniqueResult {
        values: Array::from_vec(values),
        indices: options
            .return_index
            .then(|| int_array(bins.iter().map(|&b| first[b]).collect())),
        inverse,
        counts: options
            .return_counts
            .then(|| int_array(bins.iter().map(|&b| counts[b]).collect())),
    }
}

/// Unique slices along `axis`: each slice is compared element by element in C order, NaNs
/// never equal (NumPy compares them as structured records).
fn unique_slices<T: Sortable>(a: &Array, axis: usize, options: &UniqueOptions) -> Result<UniqueResult> {
    let n = a.shape()[axis];
    // Gather with the axis first: a lane per slice, C order within it.
    let data = leading_data::<T>(a, axis)?;
    let width = data.len().checked_div(n).unwrap_or(0);
    let row = |i: usize| &data[i * width..(i + 1) * width];
    let cmp_rows = |&i: &usize, &j: &usize| {
        row(i)
            .iter()
            .zip(row(j))
            .map(|(x, y)| x.cmp_np(y))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    };
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by(cmp_rows);
    let same = |i: usize, j: usize| {
        row(i)
            .iter()
            .zip(row(j))
            .all(|(x, y)| !x.is_nan() && x.cmp_np(y) == Ordering::Equal)
    };
    let mut starts = Vec::new();
    for k in 0..n {
        if k == 0 || !same(perm[k - 1], perm[k]) {
            starts.push(k);
        }
    }
    let sizes: Vec<usize> = starts
        .iter()
        .enumerate()
        .map(|(g, &s)| starts.get(g + 1).unwrap_or(&n) - s)
        .collect();
    let mut values = Vec::with_capacity(starts.len() * width);
    for &s in &starts {
        values.extend_from_slice(row(perm[s]));
    }
    let mut shape = a.shape().to_vec();
    shape[axis] = starts.len();
    let values = restore_leading(values, &shape, axis);
    let inverse = options.return_inverse.then(|| {
        let mut inverse = vec![0i64; n];
        for (group, (&start, &size)) in starts.iter().zip(&sizes).enumerate() {
            for &p in &perm[start..start + size] {
                inverse[p] = group as i64;
            }
        }
        Array::from_vec(inverse)
    });
    Ok(UniqueResult {
        values,
        indices: options
            .return_index
            .then(|| int_array(starts.iter().map(|&s| perm[s]).collect())),
        inverse,
        counts: options.return_counts.then(|| int_array(sizes)),
    })
}

/// An array of `shape` from C-order `data` laid out with `axis` first.
fn restore_leading<T: Sortable>(data: Vec<T>, shape: &[usize], axis: usize) -> Array {
    // Moving the leading axis to `axis` is the inverse of gathering lanes along it.
    let mut moved: Vec<usize> = shape.to_vec();
    let n = moved.remove(axis);
    moved.insert(0, n);
    let leading = Array::from_shape_vec(&moved, data).expect("slices fill the shape");
    if axis == 0 {
        return leading;
    }
    let mut layout = leading.layout().clone();
    let (len, stride) = (layout.shape.remove(0), layout.strides.remove(0));
    layout.shape.insert(axis, len);
    layout.strides.insert(axis, stride);
    leading.with_layout(layout).copy()
}
