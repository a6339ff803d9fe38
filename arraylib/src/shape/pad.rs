//! `np.pad`: a gather whose index maps send the padded positions to a fill value (constant
//! mode) or back into the array (edge, reflect, symmetric, wrap).

use crate::array::Array;
use crate::error::{ArrayError, Result};
use crate::scalar::Scalar;
use crate::shape::kernels::gather;

/// How many elements to add before and after each axis: NumPy's `pad_width` forms `n`,
/// `(before, after)` and `[(before, after), ...]` (one pair per axis).
///
/// ```
/// use arraylib::PadWidth;
/// assert_eq!(PadWidth::from(2).pairs(2).unwrap(), vec![(2, 2), (2, 2)]);
/// assert_eq!(PadWidth::from((1, 0)).pairs(1).unwrap(), vec![(1, 0)]);
/// assert_eq!(PadWidth::from(vec![(1, 1)]).pairs(2).unwrap(), vec![(1, 1), (1, 1)]);
/// assert!(PadWidth::from(vec![(1, 1), (2, 2), (3, 3)]).pairs(2).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PadWidth {
    /// The same pair on every axis.
    Same(usize, usize),
    /// One pair per axis.
    PerAxis(Vec<(usize, usize)>),
}

impl PadWidth {
    /// One `(before, after)` pair per axis of an `ndim`-dimensional array.
    pub fn pairs(&self, ndim: usize) -> Result<Vec<(usize, usize)>> {
        match self {
            PadWidth::Same(before, after) => Ok(vec![(*before, *after); ndim]),
            PadWidth::PerAxis(pairs) if pairs.len() == 1 => Ok(vec![pairs[0]; ndim]),
            PadWidth::PerAxis(pairs) if pairs.len() == ndim => Ok(pairs.clone()),
            PadWidth::PerAxis(pairs) => Err(ArrayError::value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: ({},2)  and \
                 requested shape ({ndim},2)",
                pairs.len()
            ))),
        }
    }
}

impl From<usize> for PadWidth {
    fn from(n: usize) -> PadWidth {
        PadWidth::Same(n, n)
    }
}

impl From<i32> for PadWidth {
    /// Negative widths count as 0 (NumPy refuses them; use `usize` to rule them out).
    fn from(n: i32) -> PadWidth {
        PadWidth::from(n.max(0) as usize)
    }
}

impl From<(usize, usize)> for PadWidth {
    fn from((before, after): (usize, usize)) -> PadWidth {
        PadWidth::Same(before, after)
    }
}

impl From<Vec<(usize, usize)>> for PadWidth {
    fn from(pairs: Vec<(usize, usize)>) -> PadWidth {
        PadWidth::PerAxis(pairs)
    }
}

impl<const N: usize> From<[(usize, usize); N]> for PadWidth {
    fn from(pairs: [(usize, usize); N]) -> PadWidth {
        PadWidth::PerAxis(pairs.to_vec())
    }
}

/// NumPy's pad modes.
#[derive(Clone, Debug, PartialEq)]
pub enum PadMode {
    /// A constant value (NumPy's default, 0).
    Constant(Scalar),
    /// The edge value repeated.
    Edge,
    /// Mirror without repeating the edge: `[1, 2, 3]` -> `3 2 | 1 2 3 | 2 1`.
    Reflect,
    /// Mirror repeating the edge: `[1, 2, 3]` -> `2 1 | 1 2 3 | 3 2`.
    Symmetric,
    /// Wrap around: `[1, 2, 3]` -> `2 3 | 1 2 3 | 1 2`.
    Wrap,
}

impl Default for PadMode {
    fn default() -> PadMode {
        PadMode::Constant(Scalar::Int(0))
    }
}

/// Source index for output position `j` of an axis of length `n` padded by `before`.
fn source(mode: &PadMode, j: usize, before: usize, n: usize) -> Option<usize> {
    let i = j as isize - before as isize;
    let n = n as isize;
    if (0..n).contains(&i) {
        return Some(i as usize);
    }
    let index = match mode {
        PadMode::Constant(_) => return None,
        PadMode::Edge => i.clamp(0, n - 1),
        PadMode::Wrap => i.rem_euclid(n),
        PadMode::Reflect if n == 1 => 0,
        PadMode::Reflect => {
            let k = i.rem_euclid(2 * (n - 1));
            if k < n { k } else { 2 * (n - 1) - k }
        }
        PadMode::Symmetric => {
            let k = i.rem_euclid(2 * n);
            if k < n { k } else { 2 * n - 1 - k }
        }
    };
    Some(index as usize)
}

/// NumPy's `np.pad(a, pad_width, mode)`: a new array with elements added around each axis.
///
/// ```
/// use arraylib::{Array, PadMode, try_pad};
/// let a = Array::from_vec(vec![1i64, 2, 3]);
/// let p = try_pad(&a, 2, PadMode::default()).unwrap();
/// assert_eq!(p.to_vec::<i64>().unwrap(), vec![0, 0, 1, 2, 3, 0, 0]);
/// let r = try_pad(&a, (2, 1), PadMode::Reflect).unwrap();
/// assert_eq!(r.to_vec::<i64>().unwrap(), vec![3, 2, 1, 2, 3, 2]);
/// let m = Array::from_shape_vec([1, 2], vec![1i64, 2]).unwrap();
/// let e = try_pad(&m, [(1, 0), (0, 1)], PadMode::Edge).unwrap();
/// assert_eq!(e.to_vec::<i64>().unwrap(), vec![1, 2, 2, 1, 2, 2]);
/// ```
pub fn try_pad(a: &Array, pad_width: impl Into<PadWidth>, mode: PadMode) -> Result<Array> {
    let pairs = pad_width.into().pairs(a.ndim())?;
    let mut maps = Vec::with_capacity(a.ndim());
    for (axis, (&n, &(before, after))) in a.shape().iter().zip(&pairs).enumerate() {
        if n == 0 && before + after > 0 && !matches!(mode, PadMode::Constant(_)) {
            return Err(ArrayError::value(format!(
                "can't extend empty axis {axis} using modes other than 'constant' or 'empty'"
            )));
        }
        maps.push((0..before + n + after).map(|j| source(&mode, j, before, n)).collect());
    }
    let fill = match &mode {
        PadMode::Constant(value) => Some(value.to_array(a.dtype())?),
        _ => None,
    };
    gather(a, &maps, fill.as_ref())
}

/// [`try_pad`], panicking on error.
///
/// ```
/// use arraylib::{Array, PadMode, pad};
/// let a = Array::from_vec(vec![1i64, 2]);
/// assert_eq!(pad(&a, 1, PadMode::Wrap).to_vec::<i64>().unwrap(), vec![2, 1, 2, 1]);
/// ```
pub fn pad(a: &Array, pad_width: impl Into<PadWidth>, mode: PadMode) -> Array {
    try_pad(a, pad_width, mode).unwrap_or_else(|e| panic!("{e}"))
}
