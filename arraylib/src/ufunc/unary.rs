//! Unary ufuncs: sign and magnitude, rounding, float math, NaN/inf tests, logical and
//! bitwise negation.

use num_complex::Complex64;

use super::binary::float_dtype;
use super::elem::{Arith, Bits, Real};
use super::kernel::{map1, map1_owned};
use super::vmath;
use super::{Operand, no_loop, with_bits_type, with_real_type};
use crate::array::{Array, with_numeric_type};
use crate::dtype::{DType, DTypeKind};
use crate::error::{ArrayError, Result};

/// The operand as an array (a weak scalar becomes a 0-d array of its default dtype).
fn operand_array(a: Operand) -> Result<Array> {
    match a {
        Operand::Array(a) => Ok(a),
        Operand::Scalar(s) => s.to_array(s.default_dtype()),
    }
}

macro_rules! twin {
    ($try_name:ident, $name:ident, $example:literal) => {
        #[doc = concat!("Panicking twin of [`", stringify!($try_name), "`].")]
        ///
        /// ```
        /// use arraylib::prelude::*;
        #[doc = $example]
        /// ```
        pub fn $name(a: impl Into<Operand>) -> Array {
            $try_name(a).unwrap_or_else(|e| panic!("{e}"))
        }
    };
}

fn negate<T: Arith>(a: &Array) -> Result<Array> {
    map1(a, T::neg)
}

/// NumPy's `negative` (unary `-`): integers wrap (`-uint8(1)` is 255); bool is a `TypeError`.
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_negative(&Array::from_vec(vec![1u8, 0])).unwrap().to_vec::<u8>().unwrap(), vec![255, 0]);
/// assert!(arraylib::try_negative(&array![true]).is_err());
/// ```
pub fn try_negative(a: impl Into<Operand>) -> Result<Array> {
    let a = operand_array(a.into())?;
    if a.dtype() == DType::Bool {
        return Err(ArrayError::type_error(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
        ));
    }
    with_numeric_type!(a.dtype(), negate(&a), _ => Err(no_loop("negative")))
}
twin!(
    try_negative,
    negative,
    "assert_eq!(arraylib::negative(&array![2.0]).to_vec::<f64>().unwrap(), vec![-2.0]);"
);

/// NumPy's `positive` (unary `+`): a copy.
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_positive(&array![-2]).unwrap().to_vec::<i64>().unwrap(), vec![-2]);
/// ```
pub fn try_positive(a: impl Into<Operand>) -> Result<Array> {
    let a = operand_array(a.into())?;
    if !a.dtype().kind().is_numeric() {
        return Err(no_loop("positive"));
    }
    Ok(a.copy())
}
twin!(
    try_positive,
    positive,
    "assert_eq!(arraylib::positive(&array![1]).shape(), &[1]);"
);

fn real_map<T: Real>(a: &Array, f: fn(T) -> T) -> Result<Array> {
    map1(a, f)
}

macro_rules! real_ufuncs {
    ($($try_name:ident, $name:ident => $method:ident: $doc:literal, $example:literal;)*) => {$(
        #[doc = $doc]
        ///
        /// ```
        /// use arraylib::prelude::*;
        #[doc = $example]
        /// ```
        pub fn $try_name(a: impl Into<Operand>) -> Result<Array> {
            let a = operand_array(a.into())?;
            if a.dtype() == DType::Complex128 {
                return complex_real(stringify!($name), &a);
            }
            fn run<T: Real>(a: &Array) -> Result<Array> {
                real_map::<T>(a, T::$method)
            }
            with_real_type!(a.dtype(), run(&a), _ => Err(no_loop(stringify!($name))))
        }
        twin!($try_name, $name, $example);
    )*};
}

real_ufuncs! {
    try_absolute, absolute => abs: "NumPy's `absolute` / `abs` (wrapping for the most negative integer, as NumPy; complex gives its magnitude as `float64`).",
        "assert_eq!(arraylib::absolute(&Array::from_vec(vec![-128i8, 5])).to_vec::<i8>().unwrap(), vec![-128, 5]);";
    try_sign, sign => sign: "NumPy's `sign`: -1, 0 or 1 (NaN stays NaN).",
        "assert_eq!(arraylib::sign(&array![-3.0, 0.0, 2.0]).to_vec::<f64>().unwrap(), vec![-1.0, 0.0, 1.0]);";
    try_floor, floor => floor: "NumPy's `floor` (integers are returned unchanged, keeping their dtype, as NumPy 2).",
        "assert_eq!(arraylib::floor(&array![-1.5, 1.5]).to_vec::<f64>().unwrap(), vec![-2.0, 1.0]);";
    try_ceil, ceil => ceil: "NumPy's `ceil`.",
        "assert_eq!(arraylib::ceil(&array![-1.5, 1.5]).to_vec::<f64>().unwrap(), vec![-1.0, 2.0]);";
    try_trunc, trunc => trunc: "NumPy's `trunc`: round toward zero.",
        "assert_eq!(arraylib::trunc(&array![-1.5, 1.5]).to_vec::<f64>().unwrap(), vec![-1.0, 1.0]);";
    try_rint, rint => rint: "NumPy's `rint`: round half to even.",
        "assert_eq!(arraylib::rint(&array![0.5, 1.5, 2.5]).to_vec::<f64>().unwrap(), vec![0.0, 2.0, 2.0]);";
}

/// `abs` of complex is its magnitude; the other rounding functions have no complex loop.
fn complex_real(name: &str, a: &Array) -> Result<Array> {
    match name {
        "absolute" => map1(a, |z: Complex64| z.norm()),
        _ => Err(no_loop(name)),
    }
}

/// NumPy's `abs`, the same as [`try_absolute`].
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_abs(&array![-2.5]).unwrap().to_vec::<f64>().unwrap(), vec![2.5]);
/// ```
pub fn try_abs(a: impl Into<Operand>) -> Result<Array> {
    try_absolute(a)
}
twin!(
    try_abs,
    abs,
    "assert_eq!(arraylib::abs(&array![-1]).to_vec::<i64>().unwrap(), vec![1]);"
);

fn squared<T: Arith>(a: &Array) -> Result<Array> {
    map1(a, |x: T| x.mul(x))
}

/// NumPy's `square`: `a * a` in `a`'s dtype (bool squares as `int8`).
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_square(&array![3, -2]).unwrap().to_vec::<i64>().unwrap(), vec![9, 4]);
/// ```
pub fn try_square(a: impl Into<Operand>) -> Result<Array> {
    let mut a = operand_array(a.into())?;
    if a.dtype() == DType::Bool {
        a = a.astype(DType::Int8)?;
    }
    with_numeric_type!(a.dtype(), squared(&a), _ => Err(no_loop("square")))
}
twin!(
    try_square,
    square,
    "assert_eq!(arraylib::square(&array![1.5]).to_vec::<f64>().unwrap(), vec![2.25]);"
);

/// Runs a float function in the float dtype NumPy picks for `a` (see [`float_dtype`]).
fn float_unary(
    name: &str,
    a: Operand,
    f32: impl Fn(f32) -> f32 + Sync,
    f64: impl Fn(f64) -> f64 + Sync,
) -> Result<Array> {
    let a = operand_array(a)?;
    let dtype = float_dtype(a.dtype(), name)?;
    let a = a.astype_nocopy(dtype)?;
    match dtype {
        DType::Float32 => map1_owned(a, f32),
        DType::Float64 => map1_owned(a, f64),
        _ => Err(no_loop(name)),
    }
}

/// The first of a list of paths: a vectorised kernel when one is given, else the method.
macro_rules! first {
    ($f:path $(, $rest:path)*) => {
        $f
    };
}

macro_rules! float_ufuncs {
    ($($try_name:ident, $name:ident => $method:ident $(/ $fast:path)?: $doc:literal, $example:literal;)*) => {$(
        #[doc = $doc]
        ///
        /// Integers compute in `float64` (`float32` up to 16-bit integers and bool; NumPy uses
        /// `float16` for 8-bit inputs, which arraylib does not have).
        ///
        /// ```
        /// use arraylib::prelude::*;
        #[doc = $example]
        /// ```
        pub fn $try_name(a: impl Into<Operand>) -> Result<Array> {
            float_unary(stringify!($name), a.into(), f32::$method, first!($($fast,)? f64::$method))
        }
        twin!($try_name, $name, $example);
    )*};
}

float_ufuncs! {
    try_sqrt, sqrt => sqrt: "NumPy's `sqrt` (NaN for negative values).",
        "assert_eq!(arraylib::sqrt(&array![4i64, 9]).to_vec::<f64>().unwrap(), vec![2.0, 3.0]);";
    try_exp, exp => exp / vmath::exp_f64: "NumPy's `exp` (`float64` through a vectorised kernel, within 2 ulp).",
        "assert_eq!(arraylib::exp(&array![0.0]).to_vec::<f64>().unwrap(), vec![1.0]);";
    try_exp2, exp2 => exp2: "NumPy's `exp2`: `2 ** a`.",
        "assert_eq!(arraylib::exp2(&array![3.0]).to_vec::<f64>().unwrap(), vec![8.0]);";
    try_log, log => ln: "NumPy's `log` (natural logarithm; `-inf` at 0, NaN below).",
        "assert_eq!(arraylib::log(&array![1.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_log2, log2 => log2: "NumPy's `log2`.",
        "assert_eq!(arraylib::log2(&array![8.0]).to_vec::<f64>().unwrap(), vec![3.0]);";
    try_log10, log10 => log10: "NumPy's `log10`.",
        "assert_eq!(arraylib::log10(&array![100.0]).to_vec::<f64>().unwrap(), vec![2.0]);";
    try_log1p, log1p => ln_1p: "NumPy's `log1p`: `log(1 + a)`, accurate near 0.",
        "assert_eq!(arraylib::log1p(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_expm1, expm1 => exp_m1: "NumPy's `expm1`: `exp(a) - 1`, accurate near 0.",
        "assert_eq!(arraylib::expm1(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_sin, sin => sin: "NumPy's `sin` (radians).",
        "assert_eq!(arraylib::sin(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_cos, cos => cos: "NumPy's `cos`.",
        "assert_eq!(arraylib::cos(&array![0.0]).to_vec::<f64>().unwrap(), vec![1.0]);";
    try_tan, tan => tan: "NumPy's `tan`.",
        "assert_eq!(arraylib::tan(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_arcsin, arcsin => asin: "NumPy's `arcsin`.",
        "assert_eq!(arraylib::arcsin(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_arccos, arccos => acos: "NumPy's `arccos`.",
        "assert_eq!(arraylib::arccos(&array![1.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_arctan, arctan => atan: "NumPy's `arctan`.",
        "assert_eq!(arraylib::arctan(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_sinh, sinh => sinh: "NumPy's `sinh`.",
        "assert_eq!(arraylib::sinh(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
    try_cosh, cosh => cosh: "NumPy's `cosh`.",
        "assert_eq!(arraylib::cosh(&array![0.0]).to_vec::<f64>().unwrap(), vec![1.0]);";
    try_tanh, tanh => tanh: "NumPy's `tanh`.",
        "assert_eq!(arraylib::tanh(&array![0.0]).to_vec::<f64>().unwrap(), vec![0.0]);";
}

fn test_map<T: Arith>(a: &Array, test: fn(Complex64) -> bool) -> Result<Array> {
    map1(a, move |x: T| test(x.to_c64()))
}

macro_rules! test_ufuncs {
    ($($try_name:ident, $name:ident => $test:expr, $doc:literal, $example:literal;)*) => {$(
        #[doc = $doc]
        ///
        /// ```
        /// use arraylib::prelude::*;
        #[doc = $example]
        /// ```
        pub fn $try_name(a: impl Into<Operand>) -> Result<Array> {
            let a = operand_array(a.into())?;
            with_numeric_type!(a.dtype(), test_map(&a, $test), _ => Err(no_loop(stringify!($name))))
        }
        twin!($try_name, $name, $example);
    )*};
}

test_ufuncs! {
    try_isnan, isnan => |z| z.re.is_nan() || z.im.is_nan(), "NumPy's `isnan` (false for integers).",
        "assert_eq!(arraylib::isnan(&array![f64::NAN, 1.0]).to_vec::<bool>().unwrap(), vec![true, false]);";
    try_isinf, isinf => |z| z.re.is_infinite() || z.im.is_infinite(), "NumPy's `isinf`.",
        "assert_eq!(arraylib::isinf(&array![f64::INFINITY, 1.0]).to_vec::<bool>().unwrap(), vec![true, false]);";
    try_isfinite, isfinite => |z| z.re.is_finite() && z.im.is_finite(), "NumPy's `isfinite`.",
        "assert_eq!(arraylib::isfinite(&array![f64::NAN, 1.0]).to_vec::<bool>().unwrap(), vec![false, true]);";
}

/// NumPy's `logical_not`: the truth value of each element, negated, as bool.
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_logical_not(&array![0.0, 2.0]).unwrap().to_vec::<bool>().unwrap(), vec![true, false]);
/// ```
pub fn try_logical_not(a: impl Into<Operand>) -> Result<Array> {
    let a = operand_array(a.into())?;
    if !a.dtype().kind().is_numeric() {
        return Err(no_loop("logical_not"));
    }
    map1(&a.astype_nocopy(DType::Bool)?, |x: bool| !x)
}
twin!(
    try_logical_not,
    logical_not,
    "assert_eq!(arraylib::logical_not(&array![true]).to_vec::<bool>().unwrap(), vec![false]);"
);

fn invert_map<T: Bits>(a: &Array) -> Result<Array> {
    map1(a, T::not)
}

/// NumPy's `invert` / `bitwise_not` (`~`, Rust's `!`): bitwise not for integers, `not` for bool;
/// a `TypeError` for floats.
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_invert(&array![true, false]).unwrap().to_vec::<bool>().unwrap(), vec![false, true]);
/// assert_eq!(arraylib::try_invert(&Array::from_vec(vec![0i8])).unwrap().to_vec::<i8>().unwrap(), vec![-1]);
/// assert!(arraylib::try_invert(&array![1.0]).is_err());
/// ```
pub fn try_invert(a: impl Into<Operand>) -> Result<Array> {
    let a = operand_array(a.into())?;
    with_bits_type!(a.dtype(), invert_map(&a), _ => Err(no_loop("invert")))
}
twin!(
    try_invert,
    invert,
    "assert_eq!(arraylib::invert(&Array::from_vec(vec![5u8])).to_vec::<u8>().unwrap(), vec![250]);"
);

/// NumPy's `round` / `around` to `decimals` places, half to even as NumPy does (which
/// scales by `10**decimals`, rounds, and scales back). Integers stay integers.
///
/// ```
/// use arraylib::prelude::*;
/// let r = arraylib::try_round(&array![0.5, 1.5, 2.675], 0).unwrap();
/// assert_eq!(r.to_vec::<f64>().unwrap(), vec![0.0, 2.0, 3.0]);
/// let r = arraylib::try_round(&array![1.234, -5.678], 1).unwrap();
/// assert_eq!(r.to_vec::<f64>().unwrap(), vec![1.2, -5.7]);
/// assert_eq!(arraylib::try_round(&array![15i64, 25], -1).unwrap().to_vec::<i64>().unwrap(), vec![20, 20]);
/// ```
pub fn try_round(a: impl Into<Operand>, decimals: i32) -> Result<Array> {
    let a = operand_array(a.into())?;
    let kind = a.dtype().kind();
    if kind == DTypeKind::Complex || !kind.is_numeric() {
        return Err(no_loop("round"));
    }
    if kind.is_integer() || kind == DTypeKind::Bool {
        if decimals >= 0 {
            return Ok(a.copy());
        }
        return try_round(&a.astype(DType::Float64)?, decimals)?.astype(a.dtype());
    }
    let scale = 10f64.powi(decimals.abs());
    match a.dtype() {
        DType::Float32 => {
            let s = scale as f32;
            if decimals >= 0 {
                map1(&a, move |x: f32| (x * s).round_ties_even() / s)
            } else {
                map1(&a, move |x: f32| (x / s).round_ties_even() * s)
            }
        }
        _ => {
            if decimals >= 0 {
                map1(&a, move |x: f64| (x * scale).round_ties_even() / scale)
            } else {
                map1(&a, move |x: f64| (x / scale).round_ties_even() * scale)
            }
        }
    }
}

/// Panicking twin of [`try_round`].
///
/// ```
/// let r = arraylib::round(&arraylib::array![2.5], 0);
/// assert_eq!(r.to_vec::<f64>().unwrap(), vec![2.0]);
/// ```
pub fn round(a: impl Into<Operand>, decimals: i32) -> Array {
    try_round(a, decimals).unwrap_or_else(|e| panic!("{e}"))
}
