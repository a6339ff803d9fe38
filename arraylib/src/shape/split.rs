//! Splitting into views: `split`, `array_split`, `hsplit`, `vsplit`, `dsplit`.

use crate::array::{Array, Layout};
use crate::axes::normalize_axis;
use crate::error::{ArrayError, Result};

/// How to split: into a number of sections, or at a list of indices.
///
/// ```
/// use arraylib::Sections;
/// assert_eq!(Sections::from(3), Sections::Count(3));
/// assert_eq!(Sections::from([1, 4]), Sections::Indices(vec![1, 4]));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sections {
    /// This many parts.
    Count(usize),
    /// Cut before each of these indices (Python slice rules: negative counts from the end).
    Indices(Vec<isize>),
}

macro_rules! sections_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Sections {
            fn from(n: $t) -> Sections { Sections::Count(n.max(0 as $t) as usize) }
        }
        impl<const N: usize> From<[$t; N]> for Sections {
            fn from(v: [$t; N]) -> Sections { Sections::Indices(v.iter().map(|&i| i as isize).collect()) }
        }
        impl From<Vec<$t>> for Sections {
            fn from(v: Vec<$t>) -> Sections { Sections::Indices(v.iter().map(|&i| i as isize).collect()) }
        }
        impl From<&[$t]> for Sections {
            fn from(v: &[$t]) -> Sections { Sections::Indices(v.iter().map(|&i| i as isize).collect()) }
        }
    )*};
}
sections_from!(i32, i64, isize, usize);

/// The part `start..end` (Python slice bounds) of `a` along `axis`, as a view.
fn part(a: &Array, axis: usize, start: isize, end: isize) -> Array {
    let n = a.shape()[axis] as isize;
    let clamp = |i: isize| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let (start, end) = (clamp(start), clamp(end));
    let len = (end - start).max(0) as usize;
    let mut layout: Layout = a.layout().clone();
    if len > 0 {
        layout.offset = (layout.offset as isize + start * layout.strides[axis]) as usize;
    }
    layout.shape[axis] = len;
    a.with_layout(layout)
}

/// NumPy's `np.array_split(a, sections, axis)`: like [`try_split`] but a count need not
/// divide the axis (the first parts get one element more).
///
/// ```
/// use arraylib::{Array, try_array_split};
/// let a = Array::from_vec((0..5).collect::<Vec<i64>>());
/// let parts = try_array_split(&a, 4, 0).unwrap();
/// let sizes: Vec<usize> = parts.iter().map(|p| p.size()).collect();
/// assert_eq!(sizes, vec![2, 1, 1, 1]);
/// ```
pub fn try_array_split(a: &Array, sections: impl Into<Sections>, axis: isize) -> Result<Vec<Array>> {
    if a.ndim() == 0 {
        return Err(ArrayError::axis(axis, 0));
    }
    let axis = normalize_axis(axis, a.ndim())?;
    let n = a.shape()[axis];
    let points: Vec<isize> = match sections.into() {
        Sections::Indices(indices) => std::iter::once(0)
            .chain(indices)
            .chain(std::iter::once(n as isize))
            .collect(),
        Sections::Count(0) => {
            return Err(ArrayError::value("number sections must be larger than 0."));
        }
        Sections::Count(count) => {
            let (each, extras) = (n / count, n % count);
            let mut points = vec![0isize];
            for k in 0..count {
                let size = if k < extras { each + 1 } else { each };
                points.push(points[k] + size as isize);
            }
            points
        }
    };
    Ok(points.windows(2).map(|w| part(a, axis, w[0], w[1])).collect())
}

/// [`try_array_split`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
/// assert_eq!(arraylib::array_split(&a, 2, 0).len(), 2);
/// ```
pub fn array_split(a: &Array, sections: impl Into<Sections>, axis: isize) -> Vec<Array> {
    try_array_split(a, sections, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.split(a, sections, axis)`: views of `a` cut into equal parts (a `ValueError`
/// when the count does not divide the axis) or at the given indices.
///
/// ```
/// use arraylib::{Array, shares_memory, try_split};
/// let a = Array::from_vec((0..6).collect::<Vec<i64>>());
/// let parts = try_split(&a, [1, 4], 0).unwrap();
/// assert_eq!(parts[1].to_vec::<i64>().unwrap(), vec![1, 2, 3]);
/// assert!(shares_memory(&a, &parts[2]));
/// assert_eq!(try_split(&a, 4, 0).unwrap_err().message(), "array split does not result in an equal division");
/// ```
pub fn try_split(a: &Array, sections: impl Into<Sections>, axis: isize) -> Result<Vec<Array>> {
    let sections = sections.into();
    if let Sections::Count(count) = sections {
        let axis_len = a.shape().get(normalize_axis(axis, a.ndim())?).copied().unwrap_or(0);
        if count > 0 && axis_len % count != 0 {
            return Err(ArrayError::value("array split does not result in an equal division"));
        }
    }
    try_array_split(a, sections, axis)
}

/// [`try_split`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2, 3, 4]);
/// assert_eq!(arraylib::split(&a, 2, 0)[1].to_vec::<i32>().unwrap(), vec![3, 4]);
/// ```
pub fn split(a: &Array, sections: impl Into<Sections>, axis: isize) -> Vec<Array> {
    try_split(a, sections, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.hsplit`: [`try_split`] along axis 1 (axis 0 for 1-D arrays).
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 4], vec![0; 8]).unwrap();
/// assert_eq!(arraylib::try_hsplit(&m, 2).unwrap()[0].shape(), &[2, 2]);
/// ```
pub fn try_hsplit(a: &Array, sections: impl Into<Sections>) -> Result<Vec<Array>> {
    match a.ndim() {
        0 => Err(ArrayError::value("hsplit only works on arrays of 1 or more dimensions")),
        1 => try_split(a, sections, 0),
        _ => try_split(a, sections, 1),
    }
}

/// [`try_hsplit`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2, 3, 4]);
/// assert_eq!(arraylib::hsplit(&a, 2).len(), 2);
/// ```
pub fn hsplit(a: &Array, sections: impl Into<Sections>) -> Vec<Array> {
    try_hsplit(a, sections).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.vsplit`: [`try_split`] along axis 0 of an array of at least 2 dimensions.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([3, 2], vec![0; 6]).unwrap();
/// assert_eq!(arraylib::try_vsplit(&m, [2]).unwrap()[1].shape(), &[1, 2]);
/// ```
pub fn try_vsplit(a: &Array, sections: impl Into<Sections>) -> Result<Vec<Array>> {
    if a.ndim() < 2 {
        return Err(ArrayError::value("vsplit only works on arrays of 2 or more dimensions"));
    }
    try_split(a, sections, 0)
}

/// [`try_vsplit`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![0; 4]).unwrap();
/// assert_eq!(arraylib::vsplit(&m, 2).len(), 2);
/// ```
pub fn vsplit(a: &Array, sections: impl Into<Sections>) -> Vec<Array> {
    try_vsplit(a, sections).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.dsplit`: [`try_split`] along axis 2 of an array of at least 3 dimensions.
///
/// ```
/// let t = arraylib::Array::from_shape_vec([1, 1, 4], vec![0; 4]).unwrap();
/// assert_eq!(arraylib::try_dsplit(&t, 2).unwrap()[0].shape(), &[1, 1, 2]);
/// ```
pub fn try_dsplit(a: &Array, sections: impl Into<Sections>) -> Result<Vec<Array>> {
    if a.ndim() < 3 {
        return Err(ArrayError::value("dsplit only works on arrays of 3 or more dimensions"));
    }
    try_split(a, sections, 2)
}

/// [`try_dsplit`], panicking on error.
///
/// ```
/// let t = arraylib::Array::from_shape_vec([1, 1, 4], vec![0; 4]).unwrap();
/// assert_eq!(arraylib::dsplit(&t, 4).len(), 4);
/// ```
pub fn dsplit(a: &Array, sections: impl Into<Sections>) -> Vec<Array> {
    try_dsplit(a, sections).unwrap_or_else(|e| panic!("{e}"))
}

/// Results checked against NumPy 2.4.
#[cfg(test)]
mod numpy_checks {
    use super::*;

    #[test]
    fn split_at_negative_and_far_indices() {
        let a = Array::from_vec((0..6).collect::<Vec<i64>>());
        let parts = split(&a, [-2, 10], 0);
        let values: Vec<Vec<i64>> = parts.iter().map(|p| p.to_vec::<i64>().unwrap()).collect();
        assert_eq!(values, vec![vec![0, 1, 2, 3], vec![4, 5], vec![]]);
    }
}
