//! Covariance and correlation matrices, NumPy's `cov` and `corrcoef`.
//!
//! Both follow NumPy's own algorithm step by step (center by the weighted mean, one matrix
//! product with the transposed conjugate, scale by `1 / fact`), so results agree to the last
//! bits the product allows.

use num_complex::Complex64;

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{ArrayError, Result};

use super::options::Reduce;

/// Options of [`cov_with`](crate::cov_with) and [`corrcoef_with`](crate::corrcoef_with),
/// NumPy's keyword arguments: `y`, `rowvar`, `bias`, `ddof`, `fweights`, `aweights`.
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![1.0, 2.0, 3.0];
/// let y = array![1.0, 0.0, 2.0];
/// let c = cov_with(&x, &Cov::default().y(&y).ddof(0));
/// assert_eq!(c.shape(), &[2, 2]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Cov<'a> {
    /// More variables, stacked after those of `m` (NumPy's `y`).
    pub y: Option<&'a Array>,
    /// Each row is a variable and each column an observation (NumPy's default, `true`);
    /// `false` swaps the roles.
    pub rowvar: bool,
    /// Normalise by `N` instead of `N - 1` (ignored when `ddof` is given).
    pub bias: bool,
    /// Delta degrees of freedom; overrides `bias`.
    pub ddof: Option<i64>,
    /// Integer frequency weights: how often each observation is repeated.
    pub fweights: Option<&'a Array>,
    /// Observation weights ("importance") of the observations.
    pub aweights: Option<&'a Array>,
}

impl Default for Cov<'_> {
    fn default() -> Self {
        Cov {
            y: None,
            rowvar: true,
            bias: false,
            ddof: None,
            fweights: None,
            aweights: None,
        }
    }
}

impl<'a> Cov<'a> {
    /// Sets `y`.
    ///
    /// ```
    /// let y = arraylib::array![1.0, 2.0];
    /// assert!(arraylib::Cov::default().y(&y).y.is_some());
    /// ```
    pub fn y(mut self, y: &'a Array) -> Self {
        self.y = Some(y);
        self
    }

    /// Sets `rowvar`.
    ///
    /// ```
    /// assert!(!arraylib::Cov::default().rowvar(false).rowvar);
    /// ```
    pub fn rowvar(mut self, rowvar: bool) -> Self {
        self.rowvar = rowvar;
        self
    }

    /// Sets `bias`.
    ///
    /// ```
    /// assert!(arraylib::Cov::default().bias(true).bias);
    /// ```
    pub fn bias(mut self, bias: bool) -> Self {
        self.bias = bias;
        self
    }

    /// Sets `ddof`.
    ///
    /// ```
    /// assert_eq!(arraylib::Cov::default().ddof(0).ddof, Some(0));
    /// ```
    pub fn ddof(mut self, ddof: i64) -> Self {
        self.ddof = Some(ddof);
        self
    }

    /// Sets `fweights`.
    ///
    /// ```
    /// let f = arraylib::array![1, 2];
    /// assert!(arraylib::Cov::default().fweights(&f).fweights.is_some());
    /// ```
    pub fn fweights(mut self, fweights: &'a Array) -> Self {
        self.fweights = Some(fweights);
        self
    }

    /// Sets `aweights`.
    ///
    /// ```
    /// let a = arraylib::array![0.5, 1.0];
    /// assert!(arraylib::Cov::default().aweights(&a).aweights.is_some());
    /// ```
    pub fn aweights(mut self, aweights: &'a Array) -> Self {
        self.aweights = Some(aweights);
        self
    }
}

/// `m` as a 2-D array of variables (rows) by observations (columns), in `dtype`, copied.
fn variables(m: &Array, name: &str, rowvar: bool, dtype: DType) -> Result<Array> {
    if m.ndim() > 2 {
        return Err(ArrayError::value(format!("{name} has more than 2 dimensions")));
    }
    let x = crate::atleast_2d(m);
    let x = if !rowvar && x.shape()[0] != 1 { x.t() } else { x };
    x.astype(dtype)
}

/// One weight vector of `n` observations, checked as NumPy checks it.
fn weights(w: &Array, name: &str, n: usize, integer: bool) -> Result<Array> {
    if integer && !(w.dtype().kind().is_integer() || w.dtype() == DType::Bool) {
        return Err(ArrayError::type_error("fweights must be integer"));
    }
    if w.ndim() > 1 {
        return Err(ArrayError::value(format!("cannot handle multidimensional {name}")));
    }
    if w.ndim() == 0 || w.shape()[0] != n {
        return Err(ArrayError::value(format!("incompatible numbers of samples and {name}")));
    }
    let w = w.astype(DType::Float64)?;
    if w.to_vec::<f64>()?.iter().any(|&v| v < 0.0) {
        return Err(ArrayError::value(format!("{name} cannot be negative")));
    }
    Ok(w)
}

/// The element-wise complex conjugate (the identity for real dtypes).
fn conj(x: &Array) -> Result<Array> {
    if x.dtype() != DType::Complex128 {
        return Ok(x.alias());
    }
    Ok(Array::from_ndarray(x.to_ndarray::<Complex64>()?.mapv(|z| z.conj())))
}

pub(crate) fn cov(m: &Array, opts: &Cov) -> Result<Array> {
    let mut dtype = m.dtype().promote(DType::Float64)?;
    if let Some(y) = opts.y {
        dtype = dtype.promote(y.dtype())?;
    }
    if !dtype.kind().is_inexact() {
        return Err(ArrayError::type_error(format!(
            "cov is not supported for dtype {dtype}"
        )));
    }
    let mut x = variables(m, "m", opts.rowvar, dtype)?;
    if x.shape()[0] == 0 {
        return Ok(crate::zeros([0, 0], DType::Float64));
    }
    if let Some(y) = opts.y {
        let y = variables(y, "y", opts.rowvar, dtype)?;
        x = crate::try_concatenate([&x, &y], 0)?;
    }
    let n = x.shape()[1];
    let ddof = opts.ddof.unwrap_or(if opts.bias { 0 } else { 1 }) as f64;
    let f = opts.fweights.map(|f| weights(f, "fweights", n, true)).transpose()?;
    let a = opts.aweights.map(|a| weights(a, "aweights", n, false)).transpose()?;
    let w = match (&f, &a) {
        (Some(f), Some(a)) => Some(crate::try_multiply(f, a)?),
        (Some(w), None) | (None, Some(w)) => Some(w.alias()),
        (None, None) => None,
    };
    let (avg, w_sum) = super::quantile::average(&x, &Reduce::axis(1), w.as_ref())?;
    // Every row has the same weight sum; `average` gives it in the data's dtype.
    let w_sum = match w_sum.dtype() {
        DType::Complex128 => w_sum.to_vec::<Complex64>()?[0].re,
        _ => w_sum.astype(DType::Float64)?.to_vec::<f64>()?[0],
    };
    let fact = match (&w, &a) {
        (None, _) => n as f64 - ddof,
        (Some(_), _) if ddof == 0.0 => w_sum,
        (Some(_), None) => w_sum - ddof,
        (Some(w), Some(a)) => {
            let wa = crate::try_multiply(w, a)?.sum().item_f64()?;
            w_sum - ddof * wa / w_sum
        }
    };
    // NumPy warns "Degrees of freedom <= 0" and divides by 0 (giving inf / nan).
    let fact = if fact <= 0.0 { 0.0 } else { fact };
    let rows = avg.shape()[0];
    let centered = crate::try_subtract(&x, &avg.try_reshape([rows, 1])?)?;
    let weighted = match &w {
        None => centered.alias(),
        Some(w) => crate::try_multiply(&centered, w)?,
    };
    let c = crate::linalg::try_dot(&centered, &conj(&weighted.t())?)?;
    let c = crate::try_multiply(&c, 1.0 / fact)?;
    c.try_squeeze_axis(crate::Axes::All)
}

pub(crate) fn corrcoef(x: &Array, opts: &Cov) -> Result<Array> {
    let unscaled = Cov {
        bias: false,
        ddof: None,
        ..*opts
    };
    let c = cov(x, &unscaled)?;
    if c.ndim() == 0 {
        return crate::try_divide(&c, &c);
    }
    let d = c.try_diagonal(0, 0, 1)?;
    let d = if d.dtype() == DType::Complex128 {
        Array::from_ndarray(d.to_ndarray::<Complex64>()?.mapv(|z| z.re))
    } else {
        d
    };
    let stddev = crate::try_sqrt(&d)?;
    let k = stddev.shape()[0];
    let c = crate::try_divide(&c, &stddev.try_reshape([k, 1])?)?;
    let c = crate::try_divide(&c, &stddev.try_reshape([1, k])?)?;
    // Rounding can push |r| just past 1: clip the real part, as NumPy does.
    if c.dtype() == DType::Complex128 {
        let z = c.to_ndarray::<Complex64>()?;
        return Ok(Array::from_ndarray(
            z.mapv(|z| Complex64::new(z.re.clamp(-1.0, 1.0), z.im)),
        ));
    }
    crate::try_clip(&c, -1.0, 1.0)
}
