//! Views that reorder or reverse axes: `transpose`/`T`, `swapaxes`, `moveaxis`, `flip`.
//! All are O(1): they permute or negate strides.

use crate::array::{Array, Layout};
use crate::axes::{Axes, normalize_axis};
use crate::error::{ArrayError, ErrorKind, Result};

/// The axes of a list in the order given, normalized against `ndim` (NumPy's
/// `normalize_axis_tuple`): `AxisError` when out of range, `ValueError(duplicate)` on repeats.
/// [`Axes::All`] is every axis.
pub(crate) fn axis_list(axes: &Axes, ndim: usize, duplicate: &str) -> Result<Vec<usize>> {
    let list = match axes {
        Axes::All => return Ok((0..ndim).collect()),
        Axes::List(list) => list
            .iter()
            .map(|&a| normalize_axis(a, ndim))
            .collect::<Result<Vec<_>>>()?,
    };
    for (i, a) in list.iter().enumerate() {
        if list[..i].contains(a) {
            return Err(ArrayError::value(duplicate));
        }
    }
    Ok(list)
}

/// [`normalize_axis`] with NumPy's `argname: ` prefix on the `AxisError` message.
pub(crate) fn named_axis(name: &str, axis: isize, ndim: usize) -> Result<usize> {
    normalize_axis(axis, ndim).map_err(|e| ArrayError::new(e.kind(), format!("{name}: {}", e.message())))
}

fn permuted(a: &Array, order: &[usize]) -> Array {
    let layout = a.layout();
    a.with_layout(Layout {
        shape: order.iter().map(|&k| layout.shape[k]).collect(),
        strides: order.iter().map(|&k| layout.strides[k]).collect(),
        offset: layout.offset,
    })
}

impl Array {
    /// NumPy's `a.T`: the view with axes reversed.
    ///
    /// ```
    /// let m = arraylib::Array::from_shape_vec([2, 3], vec![0i64; 6]).unwrap();
    /// assert_eq!(m.t().shape(), &[3, 2]);
    /// assert_eq!(m.t().strides(), vec![8, 24]);
    /// ```
    pub fn t(&self) -> Array {
        let order: Vec<usize> = (0..self.ndim()).rev().collect();
        permuted(self, &order)
    }

    /// NumPy's `a.transpose(axes)`: the view whose axis `i` is this array's axis `axes[i]`
    /// ([`Axes::All`] reverses them, as `a.T`).
    ///
    /// ```
    /// let t = arraylib::Array::from_shape_vec([2, 3, 4], vec![0; 24]).unwrap();
    /// assert_eq!(t.try_transpose([2, 0, 1]).unwrap().shape(), &[4, 2, 3]);
    /// assert_eq!(t.try_transpose([0, 1]).unwrap_err().message(), "axes don't match array");
    /// ```
    pub fn try_transpose(&self, axes: impl Into<Axes>) -> Result<Array> {
        let order = match axes.into() {
            Axes::All => return Ok(self.t()),
            Axes::List(list) => {
                if list.len() != self.ndim() {
                    return Err(ArrayError::value("axes don't match array"));
                }
                axis_list(&Axes::List(list), self.ndim(), "repeated axis in transpose")?
            }
        };
        Ok(permuted(self, &order))
    }

    /// [`Array::try_transpose`], panicking on error.
    ///
    /// ```
    /// let t = arraylib::Array::from_shape_vec([2, 3, 4], vec![0; 24]).unwrap();
    /// assert_eq!(t.transpose([1, 0, 2]).shape(), &[3, 2, 4]);
    /// ```
    pub fn transpose(&self, axes: impl Into<Axes>) -> Array {
        self.try_transpose(axes).unwrap_or_else(|e| panic!("{e}"))
    }

    /// NumPy's `a.swapaxes(axis1, axis2)`: a view with the two axes exchanged.
    ///
    /// ```
    /// let t = arraylib::Array::from_shape_vec([2, 3, 4], vec![0; 24]).unwrap();
    /// assert_eq!(t.try_swapaxes(0, -1).unwrap().shape(), &[4, 3, 2]);
    /// assert!(t.try_swapaxes(0, 3).is_err());
    /// ```
    pub fn try_swapaxes(&self, axis1: isize, axis2: isize) -> Result<Array> {
        let (a1, a2) = (
            named_axis("axis1", axis1, self.ndim())?,
            named_axis("axis2", axis2, self.ndim())?,
        );
        let mut order: Vec<usize> = (0..self.ndim()).collect();
        order.swap(a1, a2);
        Ok(permuted(self, &order))
    }

    /// [`Array::try_swapaxes`], panicking on error.
    ///
    /// ```
    /// let m = arraylib::Array::from_shape_vec([2, 3], vec![0; 6]).unwrap();
    /// assert_eq!(m.swapaxes(0, 1).shape(), &[3, 2]);
    /// ```
    pub fn swapaxes(&self, axis1: isize, axis2: isize) -> Array {
        self.try_swapaxes(axis1, axis2).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// NumPy's `np.transpose(a, axes)`; see [`Array::try_transpose`].
///
/// ```
/// use arraylib::{Array, Axes};
/// let m = Array::from_shape_vec([2, 3], vec![0; 6]).unwrap();
/// assert_eq!(arraylib::try_transpose(&m, Axes::All).unwrap().shape(), &[3, 2]);
/// ```
pub fn try_transpose(a: &Array, axes: impl Into<Axes>) -> Result<Array> {
    a.try_transpose(axes)
}

/// NumPy's `np.transpose(a, axes)`, panicking on error.
///
/// ```
/// use arraylib::{Array, Axes};
/// let m = Array::from_shape_vec([2, 3], vec![0; 6]).unwrap();
/// assert_eq!(arraylib::transpose(&m, [1, 0]).shape(), &[3, 2]);
/// ```
pub fn transpose(a: &Array, axes: impl Into<Axes>) -> Array {
    a.transpose(axes)
}

/// NumPy's `np.swapaxes(a, axis1, axis2)`, panicking on error; see [`Array::try_swapaxes`].
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 3], vec![0; 6]).unwrap();
/// assert_eq!(arraylib::swapaxes(&m, 1, 0).shape(), &[3, 2]);
/// ```
pub fn swapaxes(a: &Array, axis1: isize, axis2: isize) -> Array {
    a.swapaxes(axis1, axis2)
}

/// NumPy's `np.moveaxis(a, source, destination)`: a view with the `source` axes moved to the
/// `destination` positions, the others keeping their order.
///
/// ```
/// let t = arraylib::Array::from_shape_vec([2, 3, 4], vec![0; 24]).unwrap();
/// assert_eq!(arraylib::try_moveaxis(&t, 0, -1).unwrap().shape(), &[3, 4, 2]);
/// assert_eq!(arraylib::try_moveaxis(&t, [0, 1], [2, 0]).unwrap().shape(), &[3, 4, 2]);
/// ```
pub fn try_moveaxis(a: &Array, source: impl Into<Axes>, destination: impl Into<Axes>) -> Result<Array> {
    let named = |name: &str, e: ArrayError| match e.kind() {
        ErrorKind::Axis => ArrayError::new(ErrorKind::Axis, format!("{name}: {}", e.message())),
        _ => e,
    };
    let source =
        axis_list(&source.into(), a.ndim(), "repeated axis in `source` argument").map_err(|e| named("source", e))?;
    let destination = axis_list(&destination.into(), a.ndim(), "repeated axis in `destination` argument")
        .map_err(|e| named("destination", e))?;
    if source.len() != destination.len() {
        return Err(ArrayError::value(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    let mut order: Vec<usize> = (0..a.ndim()).filter(|k| !source.contains(k)).collect();
    let mut moves: Vec<(usize, usize)> = destination.into_iter().zip(source).collect();
    moves.sort_unstable();
    for (dest, src) in moves {
        order.insert(dest, src);
    }
    Ok(permuted(a, &order))
}

/// [`try_moveaxis`], panicking on error.
///
/// ```
/// let t = arraylib::Array::from_shape_vec([2, 3, 4], vec![0; 24]).unwrap();
/// assert_eq!(arraylib::moveaxis(&t, -1, 0).shape(), &[4, 2, 3]);
/// ```
pub fn moveaxis(a: &Array, source: impl Into<Axes>, destination: impl Into<Axes>) -> Array {
    try_moveaxis(a, source, destination).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.flip(a, axis)`: a view reading the given axes backwards (negative strides);
/// [`Axes::All`] flips every axis.
///
/// ```
/// use arraylib::{Array, Axes};
/// let m = Array::from_shape_vec([2, 3], vec![0i64, 1, 2, 3, 4, 5]).unwrap();
/// let f = arraylib::try_flip(&m, 1).unwrap();
/// assert_eq!(f.to_vec::<i64>().unwrap(), vec![2, 1, 0, 5, 4, 3]);
/// assert_eq!(f.strides(), vec![24, -8]);
/// ```
pub fn try_flip(a: &Array, axis: impl Into<Axes>) -> Result<Array> {
    let axes = axis_list(&axis.into(), a.ndim(), "repeated axis")?;
    let mut layout = a.layout().clone();
    for k in axes {
        let (n, s) = (layout.shape[k], layout.strides[k]);
        if n > 0 {
            layout.offset = (layout.offset as isize + (n as isize - 1) * s) as usize;
        }
        layout.strides[k] = -s;
    }
    Ok(a.with_layout(layout))
}

/// [`try_flip`], panicking on error.
///
/// ```
/// use arraylib::{Array, Axes};
/// let a = Array::from_vec(vec![1, 2, 3]);
/// assert_eq!(arraylib::flip(&a, Axes::All).to_vec::<i32>().unwrap(), vec![3, 2, 1]);
/// ```
pub fn flip(a: &Array, axis: impl Into<Axes>) -> Array {
    try_flip(a, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.fliplr`: [`flip`] along axis 1 (a `ValueError` below 2-d).
///
/// ```
/// let m = arraylib::Array::from_shape_vec([1, 2], vec![1, 2]).unwrap();
/// assert_eq!(arraylib::try_fliplr(&m).unwrap().to_vec::<i32>().unwrap(), vec![2, 1]);
/// ```
pub fn try_fliplr(a: &Array) -> Result<Array> {
    if a.ndim() < 2 {
        return Err(ArrayError::value("Input must be >= 2-d."));
    }
    try_flip(a, 1)
}

/// NumPy's `np.flipud`: [`flip`] along axis 0 (a `ValueError` for 0-d).
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 1], vec![1, 2]).unwrap();
/// assert_eq!(arraylib::try_flipud(&m).unwrap().to_vec::<i32>().unwrap(), vec![2, 1]);
/// ```
pub fn try_flipud(a: &Array) -> Result<Array> {
    if a.ndim() < 1 {
        return Err(ArrayError::value("Input must be >= 1-d."));
    }
    try_flip(a, 0)
}

/// [`try_fliplr`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::fliplr(&m).shape(), &[2, 2]);
/// ```
pub fn fliplr(a: &Array) -> Array {
    try_fliplr(a).unwrap_or_else(|e| panic!("{e}"))
}

/// [`try_flipud`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::flipud(&m).shape(), &[2, 2]);
/// ```
pub fn flipud(a: &Array) -> Array {
    try_flipud(a).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.rot90(m, k, axes)`: a view rotated by 90 degrees `k` times in the plane of the
/// two `axes`, from the first towards the second.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// let r = arraylib::try_rot90(&m, 1, (0, 1)).unwrap();
/// assert_eq!(r.to_vec::<i32>().unwrap(), vec![2, 4, 1, 3]);
/// assert!(arraylib::shares_memory(&m, &r));
/// ```
pub fn try_rot90(m: &Array, k: isize, axes: (isize, isize)) -> Result<Array> {
    let ndim = m.ndim() as isize;
    let (a0, a1) = axes;
    if a0 == a1 || (a0 - a1).abs() == ndim {
        return Err(ArrayError::value("Axes must be different."));
    }
    if a0 >= ndim || a0 < -ndim || a1 >= ndim || a1 < -ndim {
        return Err(ArrayError::value(format!(
            "Axes=({a0}, {a1}) out of range for array of ndim={ndim}."
        )));
    }
    let mut order: Vec<usize> = (0..m.ndim()).collect();
    order.swap(normalize_axis(a0, m.ndim())?, normalize_axis(a1, m.ndim())?);
    match k.rem_euclid(4) {
        0 => Ok(m.view()),
        1 => Ok(permuted(&try_flip(m, a1)?, &order)),
        2 => try_flip(m, [a0, a1]),
        _ => try_flip(&permuted(m, &order), a1),
    }
}

/// [`try_rot90`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 3], vec![0; 6]).unwrap();
/// assert_eq!(arraylib::rot90(&m, 1, (0, 1)).shape(), &[3, 2]);
/// ```
pub fn rot90(m: &Array, k: isize, axes: (isize, isize)) -> Array {
    try_rot90(m, k, axes).unwrap_or_else(|e| panic!("{e}"))
}

/// Results checked against NumPy 2.4.
#[cfg(test)]
mod numpy_checks {
    use super::*;

    #[test]
    fn rot90_values_and_strides() {
        let m = Array::from_shape_vec([2, 3], (0..6).collect::<Vec<i64>>()).unwrap();
        let cases: [(isize, Vec<i64>, Vec<isize>); 4] = [
            (1, vec![2, 5, 1, 4, 0, 3], vec![-8, 24]),
            (2, vec![5, 4, 3, 2, 1, 0], vec![-24, -8]),
            (3, vec![3, 0, 4, 1, 5, 2], vec![8, -24]),
            (-1, vec![3, 0, 4, 1, 5, 2], vec![8, -24]),
        ];
        for (k, values, strides) in cases {
            let r = rot90(&m, k, (0, 1));
            assert_eq!(r.to_vec::<i64>().unwrap(), values, "k={k}");
            assert_eq!(r.strides(), strides, "k={k}");
        }
        let t = Array::from_shape_vec([2, 3, 4], (0..24).collect::<Vec<i64>>()).unwrap();
        let r = rot90(&t, 1, (2, 0));
        assert_eq!(r.shape(), &[4, 3, 2]);
        assert_eq!(r.to_vec::<i64>().unwrap()[..8], [12, 0, 16, 4, 20, 8, 13, 1]);
    }
}
