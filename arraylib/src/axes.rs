//! Axis arguments: NumPy's `axis=None`, `axis=1`, `axis=-1`, `axis=(0, 2)`.

use crate::error::{ArrayError, Result};

/// Which axes an operation works along.
///
/// Built from an integer (`0`, `-1`), an array or tuple of integers (`[0, 2]`, `(0, 2)`), or
/// [`Axes::All`] (NumPy's `axis=None`).
///
/// ```
/// use arraylib::Axes;
/// assert_eq!(Axes::from(-1).resolve(3).unwrap(), vec![2]);
/// assert_eq!(Axes::from([0, 2]).resolve(3).unwrap(), vec![0, 2]);
/// assert_eq!(Axes::All.resolve(2).unwrap(), vec![0, 1]);
/// assert!(Axes::from(3).resolve(3).is_err());
/// assert!(Axes::from([1, -2]).resolve(3).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Axes {
    /// Every axis (NumPy's `axis=None`).
    #[default]
    All,
    /// The listed axes, possibly negative (counted from the end).
    List(Vec<isize>),
}

impl Axes {
    /// The axes as sorted, non-negative indices for an array of `ndim` dimensions: an
    /// `AxisError` when one is out of range, a `ValueError` when one repeats.
    pub fn resolve(&self, ndim: usize) -> Result<Vec<usize>> {
        match self {
            Axes::All => Ok((0..ndim).collect()),
            Axes::List(list) => {
                let mut out = list
                    .iter()
                    .map(|&a| normalize_axis(a, ndim))
                    .collect::<Result<Vec<_>>>()?;
                out.sort_unstable();
                if out.windows(2).any(|w| w[0] == w[1]) {
                    return Err(ArrayError::value("duplicate value in 'axis'"));
                }
                Ok(out)
            }
        }
    }

    /// Whether this is [`Axes::All`].
    ///
    /// ```
    /// assert!(arraylib::Axes::All.is_all());
    /// ```
    pub fn is_all(&self) -> bool {
        matches!(self, Axes::All)
    }
}

/// One axis, possibly negative, as an index into `ndim` axes; `AxisError` when out of range.
///
/// ```
/// assert_eq!(arraylib::normalize_axis(-1, 2).unwrap(), 1);
/// assert!(arraylib::normalize_axis(2, 2).is_err());
/// ```
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(ArrayError::axis(axis, ndim));
    }
    Ok(if axis < 0 { (axis + n) as usize } else { axis as usize })
}

macro_rules! axes_from_ints {
    ($($t:ty),*) => {$(
        impl From<$t> for Axes {
            fn from(axis: $t) -> Axes { Axes::List(vec![axis as isize]) }
        }
        impl<const N: usize> From<[$t; N]> for Axes {
            fn from(axes: [$t; N]) -> Axes { Axes::List(axes.iter().map(|&a| a as isize).collect()) }
        }
        impl From<Vec<$t>> for Axes {
            fn from(axes: Vec<$t>) -> Axes { Axes::List(axes.iter().map(|&a| a as isize).collect()) }
        }
        impl From<&[$t]> for Axes {
            fn from(axes: &[$t]) -> Axes { Axes::List(axes.iter().map(|&a| a as isize).collect()) }
        }
        impl From<($t, $t)> for Axes {
            fn from(axes: ($t, $t)) -> Axes { Axes::List(vec![axes.0 as isize, axes.1 as isize]) }
        }
        impl From<Option<$t>> for Axes {
            fn from(axis: Option<$t>) -> Axes { axis.map_or(Axes::All, Axes::from) }
        }
    )*};
}
axes_from_ints!(i32, i64, isize, usize);
