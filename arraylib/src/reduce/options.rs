//! [`Reduce`]: the optional arguments of every reduction (NumPy's `axis=`, `keepdims=`,
//! `dtype=`, `ddof=`, `initial=`, `where=`, `method=`), as one builder.

use crate::array::Array;
use crate::axes::Axes;
use crate::dtype::DType;
use crate::error::{ArrayError, Result};
use crate::scalar::Scalar;

/// How `percentile`/`quantile` pick a value between two data points (NumPy's `method=`).
///
/// ```
/// use arraylib::QuantileMethod;
/// assert_eq!(QuantileMethod::parse("midpoint").unwrap(), QuantileMethod::Midpoint);
/// assert!(QuantileMethod::parse("weibull_x").is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuantileMethod {
    /// Interpolate linearly (NumPy's default).
    #[default]
    Linear,
    /// The data point below.
    Lower,
    /// The data point above.
    Higher,
    /// The nearest data point (ties to the even index, as `np.around`).
    Nearest,
    /// The average of the two neighbours.
    Midpoint,
}

impl QuantileMethod {
    /// Parses NumPy's method name.
    pub fn parse(name: &str) -> Result<QuantileMethod> {
        Ok(match name {
            "linear" => QuantileMethod::Linear,
            "lower" => QuantileMethod::Lower,
            "higher" => QuantileMethod::Higher,
            "nearest" => QuantileMethod::Nearest,
            "midpoint" => QuantileMethod::Midpoint,
            other => {
                return Err(ArrayError::value(format!(
                    "'{other}' is not a valid method. Use one of: ('inverted_cdf', 'averaged_inverted_cdf', \
                     'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull', 'linear', \
                     'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest')"
                )));
            }
        })
    }
}

/// The optional arguments of a reduction, built up from [`Reduce::all`] or [`Reduce::axis`].
///
/// Each reduction accepts the options NumPy's function of the same name accepts and refuses
/// the others with NumPy's `TypeError` (e.g. `ddof` for `sum`).
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![[1.0, 2.0], [3.0, 5.0]];
/// let col = a.sum_with(&Reduce::axis(0).keepdims(true));
/// assert_eq!(col.shape(), &[1, 2]);
/// let s = a.std_with(&Reduce::all().ddof(1));
/// assert!((s.item_f64().unwrap() - 1.7078251276599330).abs() < 1e-15);
/// assert!(a.try_sum_with(&Reduce::all().ddof(1)).is_err());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Reduce {
    /// Axes to reduce (`Axes::All` = NumPy's `axis=None`).
    pub axis: Axes,
    /// Keep reduced axes with length 1 (NumPy's `keepdims=True`).
    pub keepdims: bool,
    /// Accumulate and return in this dtype (NumPy's `dtype=`).
    pub dtype: Option<DType>,
    /// Delta degrees of freedom of `std`/`var` (NumPy's `ddof=`, default 0).
    pub ddof: Option<f64>,
    /// Starting value (NumPy's `initial=`); lets `max` of an empty array succeed.
    pub initial: Option<Scalar>,
    /// Only elements where this boolean array (broadcast to the input) is true take part
    /// (NumPy's `where=`).
    pub mask: Option<Array>,
    /// Interpolation of `percentile`/`quantile` (NumPy's `method=`).
    pub method: Option<QuantileMethod>,
}

/// Which options a reduction accepts (bit set).
pub(crate) mod accepts {
    pub const KEEPDIMS: u8 = 1;
    pub const DTYPE: u8 = 2;
    pub const DDOF: u8 = 4;
    pub const INITIAL: u8 = 8;
    pub const WHERE: u8 = 16;
    pub const METHOD: u8 = 32;
}

impl Reduce {
    /// Reduce over every axis (NumPy's `axis=None`).
    ///
    /// ```
    /// assert!(arraylib::Reduce::all().axis.is_all());
    /// ```
    pub fn all() -> Reduce {
        Reduce::default()
    }

    /// Reduce over `axis` (an integer, negative from the end, or several).
    ///
    /// ```
    /// let r = arraylib::Reduce::axis([0, -1]);
    /// assert_eq!(r.axis, arraylib::Axes::List(vec![0, -1]));
    /// ```
    pub fn axis(axis: impl Into<Axes>) -> Reduce {
        Reduce {
            axis: axis.into(),
            ..Reduce::default()
        }
    }

    /// Sets `keepdims`.
    ///
    /// ```
    /// assert!(arraylib::Reduce::axis(0).keepdims(true).keepdims);
    /// ```
    pub fn keepdims(mut self, keepdims: bool) -> Reduce {
        self.keepdims = keepdims;
        self
    }

    /// Sets the accumulator / result dtype.
    ///
    /// ```
    /// let r = arraylib::Reduce::all().dtype(arraylib::DType::Int8);
    /// assert_eq!(r.dtype, Some(arraylib::DType::Int8));
    /// ```
    pub fn dtype(mut self, dtype: DType) -> Reduce {
        self.dtype = Some(dtype);
        self
    }

    /// Sets `ddof` for `std`/`var`.
    ///
    /// ```
    /// assert_eq!(arraylib::Reduce::all().ddof(1).ddof, Some(1.0));
    /// ```
    pub fn ddof(mut self, ddof: impl Into<f64>) -> Reduce {
        self.ddof = Some(ddof.into());
        self
    }

    /// Sets the starting value.
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let empty = Array::from_vec(Vec::<f64>::new());
    /// assert_eq!(empty.max_with(&Reduce::all().initial(f64::NEG_INFINITY)).item_f64().unwrap(), f64::NEG_INFINITY);
    /// ```
    pub fn initial(mut self, initial: impl Into<Scalar>) -> Reduce {
        self.initial = Some(initial.into());
        self
    }

    /// Restricts the reduction to elements where `mask` is true (NumPy's `where=`).
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let a = array![1.0, 2.0, 4.0];
    /// let s = a.sum_with(&Reduce::all().mask(&array![true, false, true]));
    /// assert_eq!(s.item_f64().unwrap(), 5.0);
    /// ```
    pub fn mask(mut self, mask: &Array) -> Reduce {
        self.mask = Some(mask.view());
        self
    }

    /// Sets the interpolation of `percentile`/`quantile`.
    ///
    /// ```
    /// use arraylib::{QuantileMethod, Reduce};
    /// assert_eq!(Reduce::all().method(QuantileMethod::Lower).method, Some(QuantileMethod::Lower));
    /// ```
    pub fn method(mut self, method: QuantileMethod) -> Reduce {
        self.method = Some(method);
        self
    }

    /// Refuses options `name` does not take, with Python's message.
    pub(crate) fn check(&self, name: &str, allowed: u8) -> Result<()> {
        use accepts::*;
        let given = [
            (self.keepdims, KEEPDIMS, "keepdims"),
            (self.dtype.is_some(), DTYPE, "dtype"),
            (self.ddof.is_some(), DDOF, "ddof"),
            (self.initial.is_some(), INITIAL, "initial"),
            (self.mask.is_some(), WHERE, "where"),
            (self.method.is_some(), METHOD, "method"),
        ];
        match given.iter().find(|(set, bit, _)| *set && allowed & bit == 0) {
            Some((_, _, option)) => Err(ArrayError::type_error(format!(
                "{name}() got an unexpected keyword argument '{option}'"
            ))),
            None => Ok(()),
        }
    }
}
