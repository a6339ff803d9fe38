//! Copies that repeat or rotate elements: `tile`, `repeat`, `roll`. Each is one gather
//! through per-axis index maps.

use crate::array::Array;
use crate::axes::Axes;
use crate::creation::ShapeArg;
use crate::error::{ArrayError, ErrorKind, Result};
use crate::shape::axes_ops::axis_list;
use crate::shape::kernels::{IndexMaps, gather};

fn identity_maps(shape: &[usize]) -> IndexMaps {
    shape.iter().map(|&n| (0..n).map(Some).collect()).collect()
}

/// NumPy's `np.tile(a, reps)`: `a` repeated `reps[k]` times along each axis (the shorter of
/// `a.shape` and `reps` is padded with leading 1s).
///
/// ```
/// use arraylib::{Array, try_tile};
/// let a = Array::from_vec(vec![1, 2]);
/// let t = try_tile(&a, [2, 2]).unwrap();
/// assert_eq!(t.shape(), &[2, 4]);
/// assert_eq!(t.to_vec::<i32>().unwrap(), vec![1, 2, 1, 2, 1, 2, 1, 2]);
/// ```
pub fn try_tile(a: &Array, reps: impl ShapeArg) -> Result<Array> {
    let reps = reps.to_shape()?;
    let ndim = a.ndim().max(reps.len());
    let mut shape = vec![1usize; ndim - a.ndim()];
    shape.extend(a.shape());
    let mut all_reps = vec![1usize; ndim - reps.len()];
    all_reps.extend(reps);
    let source = a.try_reshape(shape.as_slice())?;
    let maps = shape
        .iter()
        .zip(&all_reps)
        .map(|(&n, &r)| (0..n * r).map(|j| Some(j % n)).collect())
        .collect();
    gather(&source, &maps, None)
}

/// [`try_tile`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::tile(&a, 3).shape(), &[6]);
/// ```
pub fn tile(a: &Array, reps: impl ShapeArg) -> Array {
    try_tile(a, reps).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.repeat(a, repeats, axis)`: each element repeated `repeats` times (one count
/// for all, or one per element along the axis); [`Axes::All`] works on the flattened array.
///
/// ```
/// use arraylib::{Array, Axes, try_repeat};
/// let a = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(try_repeat(&a, 2, Axes::All).unwrap().to_vec::<i32>().unwrap(), vec![1, 1, 2, 2, 3, 3, 4, 4]);
/// assert_eq!(try_repeat(&a, [1, 2], 0).unwrap().shape(), &[3, 2]);
/// assert!(try_repeat(&a, [1, 2, 3], 0).is_err());
/// ```
pub fn try_repeat(a: &Array, repeats: impl ShapeArg, axis: impl Into<Axes>) -> Result<Array> {
    let counts = repeats.to_dims();
    if counts.iter().any(|&c| c < 0) {
        return Err(ArrayError::value("repeats may not contain negative values."));
    }
    let (source, axis) = match axis.into() {
        Axes::All => (a.ravel(), 0),
        axes => {
            let list = axis_list(&axes, a.ndim(), "repeated axis")?;
            if list.len() != 1 {
                return Err(ArrayError::type_error(
                    "'tuple' object cannot be interpreted as an integer",
                ));
            }
            (a.view(), list[0])
        }
    };
    let n = source.shape()[axis];
    let counts: Vec<usize> = match counts.len() {
        1 => vec![counts[0] as usize; n],
        len if len == n => counts.iter().map(|&c| c as usize).collect(),
        len => {
            return Err(ArrayError::new(
                ErrorKind::Broadcast,
                format!("operands could not be broadcast together with shape ({n},) ({len},)"),
            ));
        }
    };
    let mut maps = identity_maps(source.shape());
    maps[axis] = counts
        .iter()
        .enumerate()
        .flat_map(|(i, &c)| std::iter::repeat_n(Some(i), c))
        .collect();
    gather(&source, &maps, None)
}

/// [`try_repeat`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::repeat(&a, 2, 0).to_vec::<i32>().unwrap(), vec![1, 1, 2, 2]);
/// ```
pub fn repeat(a: &Array, repeats: impl ShapeArg, axis: impl Into<Axes>) -> Array {
    try_repeat(a, repeats, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.roll(a, shift, axis)`: elements shifted along the axes, wrapping around;
/// [`Axes::All`] rolls the flattened array. Shifts and axes pair up (one of them may be a
/// single value); shifts on a repeated axis add up.
///
/// ```
/// use arraylib::{Array, Axes, try_roll};
/// let a = Array::from_vec((0..6).collect::<Vec<i64>>());
/// assert_eq!(try_roll(&a, 2, Axes::All).unwrap().to_vec::<i64>().unwrap(), vec![4, 5, 0, 1, 2, 3]);
/// let m = a.reshape([2, 3]);
/// assert_eq!(try_roll(&m, -1, 1).unwrap().to_vec::<i64>().unwrap(), vec![1, 2, 0, 4, 5, 3]);
/// ```
pub fn try_roll(a: &Array, shift: impl ShapeArg, axis: impl Into<Axes>) -> Result<Array> {
    let shifts = shift.to_dims();
    let axes = match axis.into() {
        Axes::All => {
            let flat = a.ravel();
            return try_roll(&flat, shifts, 0)?.try_reshape(a.shape());
        }
        Axes::List(list) => list,
    };
    let axes: Vec<usize> = axes
        .iter()
        .map(|&k| crate::axes::normalize_axis(k, a.ndim()))
        .collect::<Result<Vec<_>>>()?;
    let pairs: Vec<(isize, usize)> = match (shifts.len(), axes.len()) {
        (s, x) if s == x => shifts.iter().copied().zip(axes).collect(),
        (1, _) => axes.iter().map(|&k| (shifts[0], k)).collect(),
        (_, 1) => shifts.iter().map(|&s| (s, axes[0])).collect(),
        (s, x) => {
            return Err(ArrayError::value(format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with \
                 shape ({s},) and arg 1 with shape ({x},)."
            )));
        }
    };
    let mut total = vec![0isize; a.ndim()];
    for (s, k) in pairs {
        total[k] += s;
    }
    let mut maps = identity_maps(a.shape());
    for (k, map) in maps.iter_mut().enumerate() {
        let n = a.shape()[k] as isize;
        if n > 0 && total[k] % n != 0 {
            *map = (0..n).map(|j| Some((j - total[k]).rem_euclid(n) as usize)).collect();
        }
    }
    gather(a, &maps, None)
}

/// [`try_roll`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
/// assert_eq!(arraylib::roll(&a, 1, 0).to_vec::<i32>().unwrap(), vec![3, 1, 2]);
/// ```
pub fn roll(a: &Array, shift: impl ShapeArg, axis: impl Into<Axes>) -> Array {
    try_roll(a, shift, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// Results checked against NumPy 2.4.
#[cfg(test)]
mod numpy_checks {
    use super::*;

    fn m23() -> Array {
        Array::from_shape_vec([2, 3], (0..6).collect::<Vec<i64>>()).unwrap()
    }

    #[test]
    fn roll_on_several_axes() {
        let expected = vec![5, 3, 4, 2, 0, 1];
        assert_eq!(roll(&m23(), [1, 1], [0, 1]).to_vec::<i64>().unwrap(), expected);
        assert_eq!(roll(&m23(), 1, [0, 1]).to_vec::<i64>().unwrap(), expected);
        assert!(try_roll(&m23(), [1, 2], [0, 0, 0]).is_err());
    }

    #[test]
    fn tile_and_repeat_shapes() {
        assert_eq!(tile(&m23(), 2).shape(), &[2, 6]);
        let a = Array::from_vec(vec![0i64, 1, 2]);
        assert_eq!(tile(&a, [2, 1, 2]).shape(), &[2, 1, 6]);
        let m = Array::from_shape_vec([2, 2], vec![0i64, 1, 2, 3]).unwrap();
        assert_eq!(repeat(&m, [1, 2], 1).to_vec::<i64>().unwrap(), vec![0, 1, 1, 2, 3, 3]);
    }
}
