//! Reductions along axes (`sum`, `mean`, `std`, `argmax`, `median`, ...) and cumulative
//! operations (`cumsum`, `cumprod`, `diff`), with NumPy's dtypes, NaN rules and rounding.
//!
//! # One pattern for every reduction
//!
//! | form | NumPy |
//! |---|---|
//! | `a.sum()` | `a.sum()`: every axis, a 0-d [`Array`] |
//! | `a.sum_axis(axis)` | `a.sum(axis=axis)`: an int, a negative int, or several (`[0, 2]`) |
//! | `a.sum_with(&Reduce::axis(0).keepdims(true).dtype(..))` | `a.sum(axis=0, keepdims=True, dtype=..)` |
//! | `sum(&a, axis)` / `sum_with(&a, &opts)` | `np.sum(a, axis)` / with options |
//!
//! Every form has a `try_` twin returning [`Result`](crate::Result); the plain form panics with
//! the error (`"AxisError: axis 2 is out of bounds for array of dimension 2"`). Options that
//! only some reductions take (`ddof`, `initial`, `where`, `method`) live in the same [`Reduce`]
//! builder. Reductions that NumPy has only as functions (`nanmean`, `median`, `percentile`,
//! `average`, `ptp`, `count_nonzero`, ...) have only the free forms.
//!
//! ```
//! use arraylib::prelude::*;
//! let x = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
//! assert_eq!(x.sum().item_f64().unwrap(), 21.0);
//! assert_eq!(x.mean_axis(0).to_vec::<f64>().unwrap(), vec![2.5, 3.5, 4.5]);
//! assert_eq!(x.max_with(&Reduce::axis(-1).keepdims(true)).shape(), &[2, 1]);
//! assert_eq!(x.std_with(&Reduce::axis(1).ddof(1)).to_vec::<f64>().unwrap(), vec![1.0, 1.0]);
//! assert_eq!(x.argmax_axis(1).to_vec::<i64>().unwrap(), vec![2, 2]);
//! assert_eq!(median(&x, Axes::All).item_f64().unwrap(), 3.5);
//! assert_eq!(percentile(&x, 50.0, 1).to_vec::<f64>().unwrap(), vec![2.0, 5.0]);
//! assert_eq!(x.cumsum().to_vec::<f64>().unwrap(), vec![1.0, 3.0, 6.0, 10.0, 15.0, 21.0]);
//! assert!(x.try_sum_axis(2).is_err());
//! ```
//!
//! # Dtypes
//! `sum`/`prod`/`cumsum`/`cumprod` accumulate bool and integers below 64 bits in `int64`
//! (unsigned in `uint64`); `mean`/`std`/`var`/`median`/`percentile` of integers are `float64`,
//! of `float32` stay `float32`; `min`/`max`/`ptp` keep the dtype; `arg*` and `count_nonzero`
//! give `int64`. Integer overflow wraps, as in NumPy.
//!
//! # Rounding and speed
//! Float sums follow NumPy's memory walk and pairwise summation (see `plan.rs`), and sums that
//! cast (the `float64` mean of integers) go in NumPy's 8192-element buffer chunks, so results
//! match NumPy bit for bit, except that inputs of 2^17 elements or more are split across two
//! threads: along a kept axis that changes nothing, along a reduced axis (e.g. the column sums
//! of a tall C-ordered matrix) the two halves are added at the end. `std`/`var` fuse the
//! deviation pass (no temporary the size of the input).
//!
//! Differences from NumPy: warnings (`Mean of empty slice`, `Degrees of freedom <= 0`) are not
//! emitted, the NaN / inf results are; `average` with weights summing to zero raises a
//! `ValueError` (NumPy: `ZeroDivisionError`); `std`/`var` do not take `where=`.

mod common;
mod covariance;
mod cumulative;
mod extrema;
mod kernels;
mod logic;
mod options;
mod plan;
mod quantile;
mod sum;

pub use covariance::Cov;
pub use options::{QuantileMethod, Reduce};

use crate::array::Array;
use crate::axes::Axes;
use crate::error::{OrRaise, Result};

/// Reductions that are also `Array` methods: six methods and four free functions each.
macro_rules! method_reductions {
    ($(
        $core:path, $np:literal, $shape:literal:
        [$name:ident, $try_name:ident, $axis:ident, $try_axis:ident, $with:ident, $try_with:ident]
        [$f_name:ident, $f_try:ident, $f_with:ident, $f_try_with:ident]
    ;)*) => {
        impl Array {$(
            #[doc = concat!("NumPy's `a.", $np, "()` over every axis (a 0-d array, or the flattened result for cumulative operations).\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nlet r = a.", stringify!($name), "();\nassert!(r.ndim() <= 1);\n```")]
            pub fn $name(&self) -> Array {
                self.$try_name().or_raise()
            }
            #[doc = concat!("Fallible [`Array::", stringify!($name), "`].\n\n```\nuse arraylib::prelude::*;\nassert!(array![1.0, 2.0].", stringify!($try_name), "().is_ok());\nassert!(Array::from_strings([\"x\"], 1).", stringify!($try_name), "().is_err());\n```")]
            pub fn $try_name(&self) -> Result<Array> {
                $core(self, &Reduce::all())
            }
            #[doc = concat!("NumPy's `a.", $np, "(axis=axis)`.\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nassert_eq!(a.", stringify!($axis), "(-1).shape(), &", $shape, ");\n```")]
            pub fn $axis(&self, axis: impl Into<Axes>) -> Array {
                self.$try_axis(axis).or_raise()
            }
            #[doc = concat!("Fallible [`Array::", stringify!($axis), "`].\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nassert!(a.", stringify!($try_axis), "(2).is_err());\n```")]
            pub fn $try_axis(&self, axis: impl Into<Axes>) -> Result<Array> {
                $core(self, &Reduce::axis(axis))
            }
            #[doc = concat!("NumPy's `a.", $np, "(...)` with the options of a [`Reduce`].\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nassert_eq!(a.", stringify!($with), "(&Reduce::axis(0)).shape(), &", $shape, ");\n```")]
            pub fn $with(&self, opts: &Reduce) -> Array {
                self.$try_with(opts).or_raise()
            }
            #[doc = concat!("Fallible [`Array::", stringify!($with), "`].\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nassert!(a.", stringify!($try_with), "(&Reduce::axis(-3)).is_err());\n```")]
            pub fn $try_with(&self, opts: &Reduce) -> Result<Array> {
                $core(self, opts)
            }
        )*}

        $(
            #[doc = concat!("NumPy's `np.", $np, "(a, axis)` (`Axes::All` for `axis=None`).\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nassert_eq!(arraylib::", stringify!($f_name), "(&a, 1).shape(), &", $shape, ");\n```")]
            pub fn $f_name(a: &Array, axis: impl Into<Axes>) -> Array {
                $f_try(a, axis).or_raise()
            }
            #[doc = concat!("Fallible [`", stringify!($f_name), "()`].\n\n```\nuse arraylib::prelude::*;\nassert!(arraylib::", stringify!($f_try), "(&array![1.0, 2.0], 1).is_err());\n```")]
            pub fn $f_try(a: &Array, axis: impl Into<Axes>) -> Result<Array> {
                $core(a, &Reduce::axis(axis))
            }
            #[doc = concat!("NumPy's `np.", $np, "(a, ...)` with the options of a [`Reduce`].\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nassert_eq!(arraylib::", stringify!($f_with), "(&a, &Reduce::axis(0)).shape(), &", $shape, ");\n```")]
            pub fn $f_with(a: &Array, opts: &Reduce) -> Array {
                $f_try_with(a, opts).or_raise()
            }
            #[doc = concat!("Fallible [`", stringify!($f_with), "()`].\n\n```\nuse arraylib::prelude::*;\nassert!(arraylib::", stringify!($f_try_with), "(&array![1.0], &Reduce::axis(1)).is_err());\n```")]
            pub fn $f_try_with(a: &Array, opts: &Reduce) -> Result<Array> {
                $core(a, opts)
            }
        )*
    };
}

method_reductions! {
    sum::sum, "sum", "[2]":
        [sum, try_sum, sum_axis, try_sum_axis, sum_with, try_sum_with]
        [sum, try_sum, sum_with, try_sum_with];
    sum::prod, "prod", "[2]":
        [prod, try_prod, prod_axis, try_prod_axis, prod_with, try_prod_with]
        [prod, try_prod, prod_with, try_prod_with];
    sum::mean, "mean", "[2]":
        [mean, try_mean, mean_axis, try_mean_axis, mean_with, try_mean_with]
        [mean, try_mean, mean_with, try_mean_with];
    sum::std, "std", "[2]":
        [std, try_std, std_axis, try_std_axis, std_with, try_std_with]
        [std, try_std, std_with, try_std_with];
    sum::var, "var", "[2]":
        [var, try_var, var_axis, try_var_axis, var_with, try_var_with]
        [var, try_var, var_with, try_var_with];
    extrema::min, "min", "[2]":
        [min, try_min, min_axis, try_min_axis, min_with, try_min_with]
        [min, try_min, min_with, try_min_with];
    extrema::max, "max", "[2]":
        [max, try_max, max_axis, try_max_axis, max_with, try_max_with]
        [max, try_max, max_with, try_max_with];
    extrema::argmin, "argmin", "[2]":
        [argmin, try_argmin, argmin_axis, try_argmin_axis, argmin_with, try_argmin_with]
        [argmin, try_argmin, argmin_with, try_argmin_with];
    extrema::argmax, "argmax", "[2]":
        [argmax, try_argmax, argmax_axis, try_argmax_axis, argmax_with, try_argmax_with]
        [argmax, try_argmax, argmax_with, try_argmax_with];
    logic::all, "all", "[2]":
        [all, try_all, all_axis, try_all_axis, all_with, try_all_with]
        [all, try_all, all_with, try_all_with];
    logic::any, "any", "[2]":
        [any, try_any, any_axis, try_any_axis, any_with, try_any_with]
        [any, try_any, any_with, try_any_with];
    cumulative::cumsum, "cumsum", "[2, 2]":
        [cumsum, try_cumsum, cumsum_axis, try_cumsum_axis, cumsum_with, try_cumsum_with]
        [cumsum, try_cumsum, cumsum_with, try_cumsum_with];
    cumulative::cumprod, "cumprod", "[2, 2]":
        [cumprod, try_cumprod, cumprod_axis, try_cumprod_axis, cumprod_with, try_cumprod_with]
        [cumprod, try_cumprod, cumprod_with, try_cumprod_with];
}

/// Reductions NumPy has only as functions: four free functions each.
macro_rules! function_reductions {
    ($(
        $core:path, $np:literal, $shape:literal: [$f_name:ident, $f_try:ident, $f_with:ident, $f_try_with:ident];
    )*) => {$(
        #[doc = concat!("NumPy's `np.", $np, "(a, axis)` (`Axes::All` for `axis=None`).\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, f64::NAN], [3.0, 4.0]];\nassert_eq!(arraylib::", stringify!($f_name), "(&a, 1).shape(), &", $shape, ");\n```")]
        pub fn $f_name(a: &Array, axis: impl Into<Axes>) -> Array {
            $f_try(a, axis).or_raise()
        }
        #[doc = concat!("Fallible [`", stringify!($f_name), "()`].\n\n```\nuse arraylib::prelude::*;\nassert!(arraylib::", stringify!($f_try), "(&array![1.0, 2.0], 1).is_err());\n```")]
        pub fn $f_try(a: &Array, axis: impl Into<Axes>) -> Result<Array> {
            $core(a, &Reduce::axis(axis))
        }
        #[doc = concat!("NumPy's `np.", $np, "(a, ...)` with the options of a [`Reduce`].\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0], [3.0, 4.0]];\nassert_eq!(arraylib::", stringify!($f_with), "(&a, &Reduce::axis(0)).shape(), &", $shape, ");\n```")]
        pub fn $f_with(a: &Array, opts: &Reduce) -> Array {
            $f_try_with(a, opts).or_raise()
        }
        #[doc = concat!("Fallible [`", stringify!($f_with), "()`].\n\n```\nuse arraylib::prelude::*;\nassert!(arraylib::", stringify!($f_try_with), "(&array![1.0], &Reduce::axis(1)).is_err());\n```")]
        pub fn $f_try_with(a: &Array, opts: &Reduce) -> Result<Array> {
            $core(a, opts)
        }
    )*};
}

function_reductions! {
    sum::nansum, "nansum", "[2]": [nansum, try_nansum, nansum_with, try_nansum_with];
    sum::nanprod, "nanprod", "[2]": [nanprod, try_nanprod, nanprod_with, try_nanprod_with];
    sum::nanmean, "nanmean", "[2]": [nanmean, try_nanmean, nanmean_with, try_nanmean_with];
    sum::nanstd, "nanstd", "[2]": [nanstd, try_nanstd, nanstd_with, try_nanstd_with];
    sum::nanvar, "nanvar", "[2]": [nanvar, try_nanvar, nanvar_with, try_nanvar_with];
    extrema::nanmin, "nanmin", "[2]": [nanmin, try_nanmin, nanmin_with, try_nanmin_with];
    extrema::nanmax, "nanmax", "[2]": [nanmax, try_nanmax, nanmax_with, try_nanmax_with];
    extrema::nanargmin, "nanargmin", "[2]": [nanargmin, try_nanargmin, nanargmin_with, try_nanargmin_with];
    extrema::nanargmax, "nanargmax", "[2]": [nanargmax, try_nanargmax, nanargmax_with, try_nanargmax_with];
    extrema::ptp, "ptp", "[2]": [ptp, try_ptp, ptp_with, try_ptp_with];
    logic::count_nonzero, "count_nonzero", "[2]": [count_nonzero, try_count_nonzero, count_nonzero_with, try_count_nonzero_with];
    quantile::median, "median", "[2]": [median, try_median, median_with, try_median_with];
    quantile::nanmedian, "nanmedian", "[2]": [nanmedian, try_nanmedian, nanmedian_with, try_nanmedian_with];
    cumulative::nancumsum, "nancumsum", "[2, 2]": [nancumsum, try_nancumsum, nancumsum_with, try_nancumsum_with];
    cumulative::nancumprod, "nancumprod", "[2, 2]": [nancumprod, try_nancumprod, nancumprod_with, try_nancumprod_with];
}

/// Quantile-like functions: `q` (a number or an array) comes before the axis.
macro_rules! quantile_functions {
    ($(
        $core:path, $np:literal, $q:literal, $bad_q:literal: [$f_name:ident, $f_try:ident, $f_with:ident, $f_try_with:ident];
    )*) => {$(
        #[doc = concat!("NumPy's `np.", $np, "(a, q, axis)`; an array `q` puts its shape in front of the result.\n\n```\nuse arraylib::prelude::*;\nlet a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];\nassert_eq!(arraylib::", stringify!($f_name), "(&a, ", $q, ", 1).shape(), &[2]);\nassert_eq!(arraylib::", stringify!($f_name), "(&a, array![", $q, ", ", $q, "], 1).shape(), &[2, 2]);\n```")]
        pub fn $f_name(a: &Array, q: impl Into<Array>, axis: impl Into<Axes>) -> Array {
            $f_try(a, q, axis).or_raise()
        }
        #[doc = concat!("Fallible [`", stringify!($f_name), "()`]: `q` out of range is a `ValueError`.\n\n```\nuse arraylib::prelude::*;\nassert!(arraylib::", stringify!($f_try), "(&array![1.0, 2.0], ", $bad_q, ", Axes::All).is_err());\n```")]
        pub fn $f_try(a: &Array, q: impl Into<Array>, axis: impl Into<Axes>) -> Result<Array> {
            $core(a, &q.into(), &Reduce::axis(axis))
        }
        #[doc = concat!("NumPy's `np.", $np, "(a, q, ...)` with the options of a [`Reduce`] (`method`, `keepdims`).\n\n```\nuse arraylib::prelude::*;\nlet a = array![1.0, 2.0, 3.0, 4.0];\nlet r = arraylib::", stringify!($f_with), "(&a, ", $q, ", &Reduce::all().method(QuantileMethod::Lower));\nassert_eq!(r.item_f64().unwrap(), 2.0);\n```")]
        pub fn $f_with(a: &Array, q: impl Into<Array>, opts: &Reduce) -> Array {
            $f_try_with(a, q, opts).or_raise()
        }
        #[doc = concat!("Fallible [`", stringify!($f_with), "()`].\n\n```\nuse arraylib::prelude::*;\nassert!(arraylib::", stringify!($f_try_with), "(&array![1.0], ", $q, ", &Reduce::axis(1)).is_err());\n```")]
        pub fn $f_try_with(a: &Array, q: impl Into<Array>, opts: &Reduce) -> Result<Array> {
            $core(a, &q.into(), opts)
        }
    )*};
}

quantile_functions! {
    quantile::percentile, "percentile", "50.0", "101.0": [percentile, try_percentile, percentile_with, try_percentile_with];
    quantile::quantile, "quantile", "0.5", "1.5": [quantile, try_quantile, quantile_with, try_quantile_with];
    quantile::nanpercentile, "nanpercentile", "50.0", "101.0": [nanpercentile, try_nanpercentile, nanpercentile_with, try_nanpercentile_with];
    quantile::nanquantile, "nanquantile", "0.5", "1.5": [nanquantile, try_nanquantile, nanquantile_with, try_nanquantile_with];
}

/// NumPy's `np.average(a, axis, weights)`: the mean, or with `weights` (of `a`'s shape, or of
/// the reduced axes' lengths) the weighted mean, in `float64` for integer data.
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// let w = array![1.0, 3.0];
/// assert_eq!(average(&a, 1, Some(&w)).to_vec::<f64>().unwrap(), vec![1.75, 3.75]);
/// assert_eq!(average(&a, Axes::All, None).item_f64().unwrap(), 2.5);
/// ```
pub fn average(a: &Array, axis: impl Into<Axes>, weights: Option<&Array>) -> Array {
    try_average(a, axis, weights).or_raise()
}

/// Fallible [`average()`]: weights of the wrong shape, or summing to zero, are errors.
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// assert!(try_average(&a, Axes::All, Some(&array![1.0, 1.0])).is_err());
/// assert!(try_average(&a, 1, Some(&array![1.0, -1.0])).is_err());
/// ```
pub fn try_average(a: &Array, axis: impl Into<Axes>, weights: Option<&Array>) -> Result<Array> {
    Ok(quantile::average(a, &Reduce::axis(axis), weights)?.0)
}

/// NumPy's `np.average(a, ..., returned=True)`: the average and the sum of the weights
/// (broadcast to the average's shape); `opts` gives the axis and `keepdims`.
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// let (avg, wsum) = average_returned(&a, &Reduce::axis(1), Some(&array![1.0, 3.0]));
/// assert_eq!(avg.to_vec::<f64>().unwrap(), vec![1.75, 3.75]);
/// assert_eq!(wsum.to_vec::<f64>().unwrap(), vec![4.0, 4.0]);
/// ```
pub fn average_returned(a: &Array, opts: &Reduce, weights: Option<&Array>) -> (Array, Array) {
    try_average_returned(a, opts, weights).or_raise()
}

/// Fallible [`average_returned()`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(try_average_returned(&array![1.0], &Reduce::axis(1), None).is_err());
/// ```
pub fn try_average_returned(a: &Array, opts: &Reduce, weights: Option<&Array>) -> Result<(Array, Array)> {
    quantile::average(a, opts, weights)
}

/// NumPy's `np.diff(a, n, axis)`: the `n`-th difference along `axis` (NumPy's default is
/// `n = 1, axis = -1`), in the input dtype.
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![1, 4, 9, 16];
/// assert_eq!(diff(&a, 1, -1).to_vec::<i64>().unwrap(), vec![3, 5, 7]);
/// assert_eq!(diff(&a, 2, -1).to_vec::<i64>().unwrap(), vec![2, 2]);
/// ```
pub fn diff(a: &Array, n: usize, axis: isize) -> Array {
    try_diff(a, n, axis).or_raise()
}

/// Fallible [`diff()`]: a 0-d input or a bad axis is an error.
///
/// ```
/// use arraylib::prelude::*;
/// assert!(try_diff(&Array::scalar(1.0), 1, -1).is_err());
/// assert!(try_diff(&array![1.0, 2.0], 1, 1).is_err());
/// ```
pub fn try_diff(a: &Array, n: usize, axis: isize) -> Result<Array> {
    cumulative::diff(a, n, axis)
}

/// NumPy's `np.cov(m)`: the covariance matrix of the variables in the rows of `m` (a 1-D `m`
/// is one variable), normalised by `N - 1`; a single variable gives a 0-d array.
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]];
/// assert_eq!(cov(&x).to_vec::<f64>().unwrap(), vec![1.0, -1.0, -1.0, 1.0]);
/// ```
pub fn cov(m: &Array) -> Array {
    try_cov(m).or_raise()
}

/// Fallible [`cov()`]: more than two dimensions or a string array are errors.
///
/// ```
/// use arraylib::prelude::*;
/// assert!(try_cov(&zeros([2, 2, 2], DType::Float64)).is_err());
/// ```
pub fn try_cov(m: &Array) -> Result<Array> {
    covariance::cov(m, &Cov::default())
}

/// NumPy's `np.cov(m, y, rowvar, bias, ddof, fweights, aweights)`, the options given by [`Cov`].
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![[0.0, 2.0], [1.0, 4.0], [2.0, 7.0]];
/// let c = cov_with(&x, &Cov::default().rowvar(false).bias(true));
/// assert_eq!(c.shape(), &[2, 2]);
/// assert!((c.to_vec::<f64>().unwrap()[0] - 2.0 / 3.0).abs() < 1e-15);
/// ```
pub fn cov_with(m: &Array, opts: &Cov) -> Array {
    try_cov_with(m, opts).or_raise()
}

/// Fallible [`cov_with()`]: weights that are negative, of the wrong length or (`fweights`) not
/// integers are errors, as in NumPy.
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![1.0, 2.0, 4.0];
/// assert!(try_cov_with(&x, &Cov::default().fweights(&array![1, -1, 1])).is_err());
/// assert!(try_cov_with(&x, &Cov::default().aweights(&array![1.0, 2.0])).is_err());
/// assert!(try_cov_with(&x, &Cov::default().fweights(&array![1.0, 1.0, 1.0])).is_err());
/// ```
pub fn try_cov_with(m: &Array, opts: &Cov) -> Result<Array> {
    covariance::cov(m, opts)
}

/// NumPy's `np.corrcoef(x)`: Pearson correlation coefficients of the variables in the rows of
/// `x`, clipped to [-1, 1]; a constant variable gives NaN.
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]];
/// assert_eq!(corrcoef(&x).to_vec::<f64>().unwrap(), vec![1.0, -1.0, -1.0, 1.0]);
/// ```
pub fn corrcoef(x: &Array) -> Array {
    try_corrcoef(x).or_raise()
}

/// Fallible [`corrcoef()`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(try_corrcoef(&Array::from_strings(["a"], 1)).is_err());
/// ```
pub fn try_corrcoef(x: &Array) -> Result<Array> {
    covariance::corrcoef(x, &Cov::default())
}

/// NumPy's `np.corrcoef(x, y, rowvar)`: the options' `y` and `rowvar` apply; `bias` and `ddof`
/// cancel out of a correlation and are ignored, as in NumPy.
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![1.0, 2.0, 3.0];
/// let y = array![2.0, 4.0, 7.0];
/// let r = corrcoef_with(&x, &Cov::default().y(&y));
/// assert_eq!(r.shape(), &[2, 2]);
/// assert!(r.to_vec::<f64>().unwrap()[1] > 0.99);
/// ```
pub fn corrcoef_with(x: &Array, opts: &Cov) -> Array {
    try_corrcoef_with(x, opts).or_raise()
}

/// Fallible [`corrcoef_with()`].
///
/// ```
/// use arraylib::prelude::*;
/// let y = zeros([2, 2, 2], DType::Float64);
/// assert!(try_corrcoef_with(&array![1.0, 2.0], &Cov::default().y(&y)).is_err());
/// ```
pub fn try_corrcoef_with(x: &Array, opts: &Cov) -> Result<Array> {
    covariance::corrcoef(x, opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DType;

    /// `(arange(1000) * 7919 % 1000) / 7.0 - 71.3`: exact in both NumPy and Rust.
    fn data() -> Array {
        Array::from_vec(
            (0..1000i64)
                .map(|i| (i * 7919 % 1000) as f64 / 7.0 - 71.3)
                .collect::<Vec<_>>(),
        )
    }

    fn floats(a: &Array) -> Vec<f64> {
        a.astype(DType::Float64).unwrap().to_vec::<f64>().unwrap()
    }

    /// Values NumPy 2.4.6 returns for the same data, compared bit for bit.
    #[test]
    fn sums_round_as_numpy() {
        let x = data();
        assert_eq!(x.sum().item_f64().unwrap(), 57.14285714285981);
        assert_eq!(x.mean().item_f64().unwrap(), 0.05714285714285981);
        let m = crate::Array::from_shape_vec([40, 25], x.to_vec::<f64>().unwrap()).unwrap();
        assert_eq!(
            floats(&m.sum_axis(0))[..3],
            [-66.28571428571418, 42.28571428571449, 8.000000000000227]
        );
        assert_eq!(
            floats(&m.sum_axis(1))[..3],
            [-111.07142857142856, -57.49999999999993, -3.928571428571331]
        );
        assert_eq!(floats(&m.std_axis(0))[..2], [41.226415645054274, 41.22641564505427]);
        let f = x.astype(DType::Float32).unwrap();
        assert_eq!(f.sum().item_f64().unwrap(), 57.142982482910156);
        assert_eq!(f.mean().item_f64().unwrap(), 0.05714298412203789);
        assert_eq!(median(&x, Axes::All).item_f64().unwrap(), 0.057142857142864045);
        assert_eq!(percentile(&x, 37.0, Axes::All).item_f64().unwrap(), -18.495714285714286);
    }

    #[test]
    fn complex_sum_and_strided_var_round_as_numpy() {
        let v = data().to_vec::<f64>().unwrap();
        let c: Vec<crate::Complex64> = (0..300).map(|i| crate::Complex64::new(v[i], v[300 + i])).collect();
        let s = Array::from_vec(c).sum().to_vec::<crate::Complex64>().unwrap()[0];
        assert_eq!((s.re, s.im), (60.00000000000091, 60.000000000000824));
        // var of x[:999].reshape(27, 37)[:, ::2], a strided view.
        let m: Vec<f64> = (0..27)
            .flat_map(|r| (0..37).step_by(2).map(move |c| r * 37 + c))
            .map(|i| v[i])
            .collect();
        let a = Array::from_shape_vec([27, 19], m).unwrap();
        assert_eq!(a.var().item_f64().unwrap(), 1717.4303804624342);
    }

    /// A sum that casts (int64 to float64) goes in NumPy's 8192-element buffer chunks.
    #[test]
    fn cast_sums_chunk_as_numpy() {
        let i = Array::from_vec((0..100_000i64).map(|k| (k * 7919 % 100_003).pow(3)).collect::<Vec<_>>());
        assert_eq!(i.mean().item_f64().unwrap(), 250006798135397.25);
    }

    #[test]
    fn parallel_split_keeps_kept_axes_exact() {
        // 300000 x 2 along axis 1 (kept outer axis split across threads): each row exact.
        let n = 300_000;
        let a = Array::from_shape_vec([n, 2], (0..2 * n).map(|i| i as f64).collect::<Vec<_>>()).unwrap();
        let s = a.sum_axis(1).to_vec::<f64>().unwrap();
        assert!(s.iter().enumerate().all(|(i, &v)| v == (4 * i + 1) as f64));
        let col = a.sum_axis(0).to_vec::<f64>().unwrap();
        assert_eq!(col, vec![(n * (n - 1)) as f64, (n * n) as f64]);
    }

    #[test]
    fn empty_and_nan_rules() {
        let e = Array::from_vec(Vec::<f64>::new());
        assert!(e.mean().item_f64().unwrap().is_nan());
        assert!(e.try_max().is_err());
        assert!(e.try_argmax().is_err());
        let n = Array::from_vec(vec![1.0, f64::NAN, 3.0]);
        assert!(n.max().item_f64().unwrap().is_nan());
        assert_eq!(nanmax(&n, Axes::All).item_f64().unwrap(), 3.0);
        assert_eq!(n.argmin().to_vec::<i64>().unwrap(), vec![1]);
        assert_eq!(nanargmin(&n, Axes::All).to_vec::<i64>().unwrap(), vec![0]);
        assert!(try_nanargmax(&Array::from_vec(vec![f64::NAN]), Axes::All).is_err());
        assert_eq!(nanvar(&n, Axes::All).item_f64().unwrap(), 1.0);
    }

    #[test]
    fn quantile_methods() {
        let a = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0]);
        let at = |m| percentile_with(&a, 40.0, &Reduce::all().method(m)).item_f64().unwrap();
        assert!((at(QuantileMethod::Linear) - 2.2).abs() < 1e-12);
        assert_eq!(at(QuantileMethod::Lower), 2.0);
        assert_eq!(at(QuantileMethod::Higher), 3.0);
        assert_eq!(at(QuantileMethod::Nearest), 2.0);
        assert_eq!(at(QuantileMethod::Midpoint), 2.5);
        let ints = Array::from_vec(vec![1i64, 2, 3, 4]);
        let lower = percentile_with(&ints, 40.0, &Reduce::all().method(QuantileMethod::Lower));
        assert_eq!(lower.dtype(), DType::Int64);
        assert!(try_quantile(&a, 1.5, Axes::All).is_err());
    }
}
