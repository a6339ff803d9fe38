//! Counting values: `bincount` and `histogram`.

use crate::array::Array;
use crate::creation::linspace;
use crate::dtype::{DType, DTypeKind};
use crate::error::{ArrayError, OrRaise, Result};
use crate::format::python_str;

use rayon::prelude::*;

use super::kernel::PAR_MIN;
use super::search::require_1d;

/// NumPy's `np.bincount(x, weights, minlength)`: how often each value `0..=max(x)` occurs in
/// the non-negative integers `x` (`int64`), or the sum of `weights` per value (`float64`);
/// at least `minlength` bins.
///
/// ```
/// use arraylib::{array, bincount};
/// assert_eq!(bincount(&array![0, 1, 1, 3, 1], None, 0).to_vec::<i64>().unwrap(), vec![1, 3, 0, 1]);
/// let w = bincount(&array![0, 2], Some(&array![0.5, 2.0]), 4);
/// assert_eq!(w.to_vec::<f64>().unwrap(), vec![0.5, 0.0, 2.0, 0.0]);
/// ```
pub fn bincount(x: &Array, weights: Option<&Array>, minlength: usize) -> Array {
    try_bincount(x, weights, minlength).or_raise()
}

/// Fallible [`bincount`]: a `ValueError` for negative values, non-1-D input or weights of
/// another length, a `TypeError` for input that is not integer.
///
/// ```
/// use arraylib::{array, try_bincount};
/// let e = try_bincount(&array![0, -1], None, 0).unwrap_err();
/// assert_eq!(e.message(), "'list' argument must have no negative elements");
/// assert!(try_bincount(&array![1.5], None, 0).is_err());
/// ```
pub fn try_bincount(x: &Array, weights: Option<&Array>, minlength: usize) -> Result<Array> {
    require_1d(x)?;
    if !matches!(x.dtype().kind(), DTypeKind::Bool | DTypeKind::Int | DTypeKind::UInt) || x.dtype() == DType::UInt64 {
        return Err(unsafe_cast(x.dtype()));
    }
    let x = x.astype_nocopy(DType::Int64)?;
    let view = x.typed::<i64>()?;
    let owned: Vec<i64>;
    let values = match view.as_slice() {
        Some(values) => values,
        None => {
            owned = view.iter().copied().collect();
            &owned
        }
    };
    let (lo, hi) = if values.len() >= PAR_MIN {
        values
            .par_chunks(PAR_MIN)
            .map(min_max)
            .reduce(|| (i64::MAX, i64::MIN), |a, b| (a.0.min(b.0), a.1.max(b.1)))
    } else {
        min_max(values)
    };
    if lo < 0 {
        return Err(ArrayError::value("'list' argument must have no negative elements"));
    }
    let bins = if values.is_empty() { 0 } else { hi as usize + 1 }.max(minlength);
    match weights {
        None => {
            let count = |part: &[i64]| {
                let mut counts = vec![0i64; bins];
                for &v in part {
                    counts[v as usize] += 1;
                }
                counts
            };
            // One histogram per task, added up: no shared counters between threads.
            let counts = if values.len() >= PAR_MIN && bins <= values.len() / 8 {
                values
                    .par_chunks(values.len().div_ceil(rayon::current_num_threads()))
                    .map(count)
                    .reduce(
                        || vec![0i64; bins],
                        |mut a, b| {
                            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                            a
                        },
                    )
            } else {
                count(values)
            };
            Ok(Array::from_vec(counts))
        }
        Some(w) => {
            if w.size() != values.len() {
                return Err(ArrayError::value("The weights and list don't have the same length."));
            }
            let w = float_weights(w)?;
            let mut sums = vec![0.0f64; bins];
            for (&v, &w) in values.iter().zip(&w) {
                sums[v as usize] += w;
            }
            Ok(Array::from_vec(sums))
        }
    }
}

/// Smallest and largest value (`(i64::MAX, i64::MIN)` for none), in one vectorisable pass.
fn min_max(values: &[i64]) -> (i64, i64) {
    values
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)))
}

fn unsafe_cast(from: DType) -> ArrayError {
    ArrayError::type_error(format!(
        "Cannot cast array data from dtype('{from}') to dtype('int64') according to the rule 'safe'"
    ))
}

fn float_weights(w: &Array) -> Result<Vec<f64>> {
    if w.dtype().kind() == DTypeKind::Complex || w.dtype().kind() == DTypeKind::Str {
        return Err(ArrayError::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('float64') according to the rule 'safe'",
            w.dtype()
        )));
    }
    w.astype(DType::Float64)?.to_vec::<f64>()
}

/// The `bins` argument of [`histogram`]: a number of equal-width bins, or the bin edges.
///
/// ```
/// use arraylib::{array, Bins};
/// assert!(matches!(Bins::from(10), Bins::Count(10)));
/// assert!(matches!(Bins::from(array![0.0, 1.0]), Bins::Edges(_)));
/// ```
#[derive(Debug)]
pub enum Bins {
    /// This many equal-width bins over the range (NumPy's `bins=10`).
    Count(i64),
    /// Monotonically increasing edges; the last bin includes its right edge.
    Edges(Array),
}

macro_rules! bins_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Bins {
            fn from(n: $t) -> Bins { Bins::Count(n as i64) }
        }
    )*};
}
bins_from_int!(i32, i64, isize, usize);

impl From<Array> for Bins {
    fn from(edges: Array) -> Bins {
        Bins::Edges(edges)
    }
}

impl From<&Array> for Bins {
    fn from(edges: &Array) -> Bins {
        Bins::Edges(edges.view())
    }
}

/// NumPy's `np.histogram(a, bins, range, weights, density)`: `(hist, bin_edges)`.
///
/// `hist` counts the elements of `a` in each bin (`int64`), sums their `weights` (dtype of the
/// weights), or with `density` gives a probability density (`float64`). Bins are half-open
/// `[left, right)` except the last, which includes its right edge; values outside the range
/// (and NaNs) are not counted. With a bin count the range defaults to `a`'s minimum and maximum.
///
/// ```
/// use arraylib::{array, histogram};
/// let (hist, edges) = histogram(&array![0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0], 4, None, None, false);
/// assert_eq!(hist.to_vec::<i64>().unwrap(), vec![2, 2, 1, 2]);
/// assert_eq!(edges.to_vec::<f64>().unwrap(), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
/// let (hist, _) = histogram(&array![1, 2, 3], array![0.0, 1.5, 3.0], None, None, false);
/// assert_eq!(hist.to_vec::<i64>().unwrap(), vec![1, 2]);
/// ```
pub fn histogram(
    a: &Array,
    bins: impl Into<Bins>,
    range: Option<(f64, f64)>,
    weights: Option<&Array>,
    density: bool,
) -> (Array, Array) {
    try_histogram(a, bins, range, weights, density).or_raise()
}

/// Fallible [`histogram`]: a `ValueError` for a non-positive bin count, edges that decrease,
/// an empty or non-finite range, or weights of another shape.
///
/// ```
/// use arraylib::{array, try_histogram};
/// assert!(try_histogram(&array![1.0, 2.0], 0, None, None, false).is_err());
/// assert!(try_histogram(&array![1.0], 2, Some((2.0, 1.0)), None, false).is_err());
/// assert!(try_histogram(&array![1.0, f64::NAN], 2, None, None, false).is_err());
/// ```
pub fn try_histogram(
    a: &Array,
    bins: impl Into<Bins>,
    range: Option<(f64, f64)>,
    weights: Option<&Array>,
    density: bool,
) -> Result<(Array, Array)> {
    if a.dtype().kind() == DTypeKind::Complex || a.dtype().kind() == DTypeKind::Str {
        return Err(ArrayError::type_error(format!("histogram of a {} array", a.dtype())));
    }
    let as_float = a.astype_nocopy(DType::Float64)?;
    let view = as_float.typed::<f64>()?;
    let owned: Vec<f64>;
    let values: &[f64] = match view.as_slice() {
        Some(slice) => slice,
        None => {
            owned = view.iter().cloned().collect();
            &owned
        }
    };
    if let Some(w) = weights
        && w.shape() != a.shape()
    {
        return Err(ArrayError::value("weights should have the same shape as a."));
    }
    let (first, last) = match range {
        Some((lo, hi)) => {
            if lo > hi {
                return Err(ArrayError::value("max must be larger than min in range parameter."));
            }
            if !lo.is_finite() || !hi.is_finite() {
                return Err(not_finite("supplied", lo, hi));
            }
            (lo, hi)
        }
        None if values.is_empty() => (0.0, 1.0),
        None => {
            let lo = values.iter().cloned().fold(f64::INFINITY, |m, v| {
                if v.is_nan() || m.is_nan() { f64::NAN } else { m.min(v) }
            });
            let hi = values.iter().cloned().fold(f64::NEG_INFINITY, |m, v| {
                if v.is_nan() || m.is_nan() { f64::NAN } else { m.max(v) }
            });
            if !lo.is_finite() || !hi.is_finite() {
                return Err(not_finite("autodetected", lo, hi));
            }
            (lo, hi)
        }
    };
    let (first, last) = if first == last {
        (first - 0.5, last + 0.5)
    } else {
        (first, last)
    };
    let (uniform, edges_out, edges) = match bins.into() {
        Bins::Count(n) => {
            if n < 1 {
                return Err(ArrayError::value("`bins` must be positive, when an integer"));
            }
            let edges = linspace(first, last, n as usize + 1, true).to_vec::<f64>()?;
            // Edges take the input's float type (float64 for integers), as in NumPy.
            let out_type = if a.dtype() == DType::Float32 {
                DType::Float32
            } else {
                DType::Float64
            };
            (true, Array::from_vec(edges.clone()).astype_nocopy(out_type)?, edges)
        }
        Bins::Edges(given) => {
            require_1d(&given)?;
            let edges = given.astype(DType::Float64)?.to_vec::<f64>()?;
            if edges.windows(2).any(|w| w[0] > w[1]) {
                return Err(ArrayError::value("`bins` must increase monotonically, when an array"));
            }
            (false, given, edges)
        }
    };
    let bin_of = |v: f64| {
        if uniform {
            uniform_bin(v, &edges, first, last)
        } else {
            edge_bin(v, &edges)
        }
    };
    let nbins = edges.len().saturating_sub(1);
    let hist = match weights {
        None if !density => Array::from_vec(accumulate(values, nbins, &bin_of, |_| 1i64)),
        Some(w) if !density && matches!(w.dtype().kind(), DTypeKind::Bool | DTypeKind::Int | DTypeKind::UInt) => {
            let w = w.astype(DType::Int64)?.to_vec::<i64>()?;
            Array::from_vec(accumulate(values, nbins, &bin_of, |i| w[i]))
        }
        _ => {
            let mut sums = match weights {
                Some(w) => {
                    let w = float_weights(w)?;
                    accumulate(values, nbins, &bin_of, |i| w[i])
                }
                None => accumulate(values, nbins, &bin_of, |_| 1.0f64),
            };
            if density {
                let total: f64 = sums.iter().sum();
                for (s, e) in sums.iter_mut().zip(edges.windows(2)) {
                    *s = *s / (e[1] - e[0]) / total;
                }
            }
            Array::from_vec(sums)
        }
    };
    Ok((hist, edges_out))
}

/// Per-bin sums of `weight(i)` over the elements `values[i]` that fall in a bin; parts of a
/// large input are summed on separate threads.
fn accumulate<W>(
    values: &[f64],
    nbins: usize,
    bin_of: &(impl Fn(f64) -> Option<usize> + Sync),
    weight: impl Fn(usize) -> W + Sync,
) -> Vec<W>
where
    W: Copy + Default + Send + std::ops::AddAssign,
{
    let part = values.len().div_ceil(rayon::current_num_threads()).max(PAR_MIN);
    let sum_part = |(p, chunk): (usize, &[f64])| {
        let mut sums = vec![W::default(); nbins];
        for (i, &v) in chunk.iter().enumerate() {
            if let Some(b) = bin_of(v) {
                sums[b] += weight(p * part + i);
            }
        }
        sums
    };
    let parts: Vec<Vec<W>> = values.par_chunks(part.max(1)).enumerate().map(sum_part).collect();
    let mut total = vec![W::default(); nbins];
    for sums in parts {
        for (t, s) in total.iter_mut().zip(sums) {
            *t += s;
        }
    }
    total
}

fn not_finite(which: &str, lo: f64, hi: f64) -> ArrayError {
    ArrayError::value(format!(
        "{which} range of [{}, {}] is not finite",
        python_str(lo),
        python_str(hi)
    ))
}

/// The bin of `v` among equal-width `edges` over `[first, last]`, as NumPy computes it: from
/// the scaled offset, then corrected by one against the actual edges.
fn uniform_bin(v: f64, edges: &[f64], first: f64, last: f64) -> Option<usize> {
    if !(v >= first && v <= last) {
        return None;
    }
    let n = edges.len() - 1;
    let mut i = (((v - first) / (last - first)) * n as f64) as usize;
    if i == n {
        i -= 1;
    }
    if v < edges[i] {
        i -= 1;
    } else if v >= edges[i + 1] && i != n - 1 {
        i += 1;
    }
    Some(i)
}

/// The bin of `v` among increasing `edges` (the last bin closed), `None` outside them.
fn edge_bin(v: f64, edges: &[f64]) -> Option<usize> {
    let (&lo, &hi) = (edges.first()?, edges.last()?);
    if !(v >= lo && v <= hi) || edges.len() < 2 {
        return None;
    }
    if v == hi {
        return Some(edges.len() - 2); // the last bin is closed on the right
    }
    Some(edges.partition_point(|&e| e <= v) - 1)
}
