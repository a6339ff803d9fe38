//! Binary ufuncs: arithmetic, comparison, logical, bitwise and two-argument math.
//!
//! Each call resolves one loop dtype from the operands (NEP 50, then the ufunc's own rule:
//! `divide` of integers is `float64`, comparisons yield `bool`, ...), casts both operands to it
//! once, and runs one typed kernel.

use num_complex::Complex64;

use super::elem::{Arith, Bits, Real};
use super::kernel::{map2, update};
use super::{Operand, no_loop, result_type, with_bits_type, with_real_type};
use crate::array::{Array, with_numeric_type};
use crate::dtype::{DType, DTypeKind};
use crate::element::Element;
use crate::error::{ArrayError, ErrorKind, Result};
use crate::scalar::Scalar;

/// The binary ufuncs, by NumPy name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    FloorDivide,
    Remainder,
    Fmod,
    Power,
    Maximum,
    Minimum,
    Fmax,
    Fmin,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    LeftShift,
    RightShift,
    Arctan2,
    Hypot,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
}

impl BinaryOp {
    /// NumPy's name of the ufunc (used in error messages).
    pub(crate) fn name(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "add",
            Subtract => "subtract",
            Multiply => "multiply",
            Divide => "divide",
            FloorDivide => "floor_divide",
            Remainder => "remainder",
            Fmod => "fmod",
            Power => "power",
            Maximum => "maximum",
            Minimum => "minimum",
            Fmax => "fmax",
            Fmin => "fmin",
            BitwiseAnd => "bitwise_and",
            BitwiseOr => "bitwise_or",
            BitwiseXor => "bitwise_xor",
            LeftShift => "left_shift",
            RightShift => "right_shift",
            Arctan2 => "arctan2",
            Hypot => "hypot",
            Equal => "equal",
            NotEqual => "not_equal",
            Less => "less",
            LessEqual => "less_equal",
            Greater => "greater",
            GreaterEqual => "greater_equal",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
        }
    }

    fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual)
    }

    /// The dtype the loop runs in, given the operands' promoted dtype.
    pub(crate) fn loop_dtype(self, common: DType) -> Result<DType> {
        use BinaryOp::*;
        use DTypeKind as K;
        let kind = common.kind();
        if kind == K::Void || kind == K::Str && !matches!(self, Equal | NotEqual) {
            return Err(no_loop(self.name()));
        }
        let dtype = match self {
            Subtract if kind == K::Bool => {
                return Err(ArrayError::type_error(
                    "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
                ));
            }
            Divide | Arctan2 | Hypot => float_dtype(common, self.name())?,
            FloorDivide | Remainder | Fmod | Power | LeftShift | RightShift if kind == K::Bool => DType::Int8,
            FloorDivide | Remainder | Fmod | Maximum | Minimum | Fmax | Fmin | Less | LessEqual | Greater
            | GreaterEqual
                if kind == K::Complex =>
            {
                return Err(no_loop(self.name()));
            }
            BitwiseAnd | BitwiseOr | BitwiseXor | LeftShift | RightShift
                if !matches!(kind, K::Bool | K::Int | K::UInt) =>
            {
                return Err(no_loop(self.name()));
            }
            LogicalAnd | LogicalOr | LogicalXor => DType::Bool,
            _ => common,
        };
        Ok(dtype)
    }
}

/// The floating dtype NumPy computes a float function of `dtype` in: floats keep theirs,
/// integers up to 16 bits use `float32` (NumPy uses `float16` for 8-bit inputs and bool,
/// which arraylib does not have), wider integers `float64`.
pub(crate) fn float_dtype(dtype: DType, name: &str) -> Result<DType> {
    Ok(match dtype {
        DType::Float32 | DType::Float64 | DType::Complex128 => dtype,
        DType::Bool | DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16 => DType::Float32,
        DType::Int32 | DType::UInt32 | DType::Int64 | DType::UInt64 => DType::Float64,
        DType::Str(_) | DType::Record(_) => return Err(no_loop(name)),
    })
}

/// Where a binary result goes: a new array, or over one of the operands (in-place operators,
/// and `Array op Array` reusing a uniquely owned operand's buffer).
#[derive(Clone, Copy)]
pub(crate) enum Dest<'a> {
    Fresh,
    /// Over the left operand, which is this array.
    Left(&'a Array),
    /// Over the right operand, which is this array.
    Right(&'a Array),
}

fn same<T: Element + Copy>(x: &Array, y: &Array, dest: Dest<'_>, f: impl Fn(T, T) -> T + Sync) -> Result<Array> {
    match dest {
        Dest::Fresh => map2(x, y, f),
        Dest::Left(target) => {
            update(target, y, f)?;
            Ok(target.alias())
        }
        Dest::Right(target) => {
            update(target, x, move |b, a| f(a, b))?;
            Ok(target.alias())
        }
    }
}

fn arith<T: Arith>(op: BinaryOp, x: &Array, y: &Array, dest: Dest<'_>) -> Result<Array> {
    match op {
        BinaryOp::Add => same(x, y, dest, T::add),
        BinaryOp::Subtract => same(x, y, dest, T::sub),
        BinaryOp::Multiply => same(x, y, dest, T::mul),
        BinaryOp::Power => same(x, y, dest, T::pow),
        BinaryOp::Equal => map2(x, y, |a: T, b: T| a == b),
        BinaryOp::NotEqual => map2(x, y, |a: T, b: T| a != b),
        _ => unreachable!("{op:?} is not an arithmetic loop"),
    }
}

fn real<T: Real>(op: BinaryOp, x: &Array, y: &Array, dest: Dest<'_>) -> Result<Array> {
    match op {
        BinaryOp::FloorDivide => same(x, y, dest, T::floor_div),
        BinaryOp::Remainder => same(x, y, dest, T::rem),
        BinaryOp::Fmod => same(x, y, dest, T::fmod),
        BinaryOp::Maximum => same(x, y, dest, T::maximum),
        BinaryOp::Minimum => same(x, y, dest, T::minimum),
        BinaryOp::Fmax => same(x, y, dest, T::fmax),
        BinaryOp::Fmin => same(x, y, dest, T::fmin),
        BinaryOp::Less => map2(x, y, |a: T, b: T| a < b),
        BinaryOp::LessEqual => map2(x, y, |a: T, b: T| a <= b),
        BinaryOp::Greater => map2(x, y, |a: T, b: T| a > b),
        BinaryOp::GreaterEqual => map2(x, y, |a: T, b: T| a >= b),
        _ => unreachable!("{op:?} is not an ordered loop"),
    }
}

fn bits<T: Bits>(op: BinaryOp, x: &Array, y: &Array, dest: Dest<'_>) -> Result<Array> {
    match op {
        BinaryOp::BitwiseAnd => same(x, y, dest, T::and),
        BinaryOp::BitwiseOr => same(x, y, dest, T::or),
        BinaryOp::BitwiseXor => same(x, y, dest, T::xor),
        BinaryOp::LeftShift => same(x, y, dest, T::shl),
        BinaryOp::RightShift => same(x, y, dest, T::shr),
        _ => unreachable!("{op:?} is not a bitwise loop"),
    }
}

macro_rules! float_loop {
    ($t:ty, $op:expr, $x:expr, $y:expr, $dest:expr) => {
        match $op {
            BinaryOp::Divide => same($x, $y, $dest, |a: $t, b: $t| a / b),
            BinaryOp::Arctan2 => same($x, $y, $dest, <$t>::atan2),
            BinaryOp::Hypot => same($x, $y, $dest, <$t>::hypot),
            _ => unreachable!("{:?} is not a float loop", $op),
        }
    };
}

/// `x ** 2` as `x * x` (the exponent operand is ignored).
fn square_loop<T: Arith>(x: &Array, y: &Array, dest: Dest<'_>) -> Result<Array> {
    same(x, y, dest, |a: T, _: T| a.mul(a))
}

fn any_negative<T: Real>(a: &Array) -> Result<bool> {
    let zero = T::from_i64(0);
    Ok(a.typed::<T>()?.iter().any(|&v| v < zero))
}

/// Whether `b` is the exponent 2 (so that `x ** 2` can run as `x * x`, as NumPy does).
fn is_two(b: &Operand) -> bool {
    match b {
        Operand::Scalar(s) => s.as_f64().is_ok_and(|v| v == 2.0),
        Operand::Array(a) => {
            a.size() == 1 && a.dtype().kind() != DTypeKind::Complex && a.item_f64().is_ok_and(|v| v == 2.0)
        }
    }
}

/// The operands' NEP 50 dtype; a comparison with a Python integer outside the array's
/// range still works (NumPy 2 compares such values exactly; here through `float64`).
fn common_dtype(op: BinaryOp, a: &Operand, b: &Operand) -> Result<DType> {
    let pair = [a.alias_operand(), b.alias_operand()];
    match result_type(&pair) {
        Err(e) if e.kind() == ErrorKind::Overflow && op.is_comparison() => Ok(DType::Float64),
        other => other,
    }
}

impl Operand {
    /// A second handle on the same operand.
    pub(crate) fn alias_operand(&self) -> Operand {
        match self {
            Operand::Array(a) => Operand::Array(a.alias()),
            Operand::Scalar(s) => Operand::Scalar(s.clone()),
        }
    }
}

/// Runs `op` on `a` and `b` with NumPy's promotion, into `dest`.
pub(crate) fn apply(op: BinaryOp, a: &Operand, b: &Operand, dest: Dest<'_>) -> Result<Array> {
    let dtype = op.loop_dtype(common_dtype(op, a, b)?)?;
    if matches!(op, BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::LogicalXor) {
        let (x, y) = (a.to_array(DType::Bool)?, b.to_array(DType::Bool)?);
        return match op {
            BinaryOp::LogicalAnd => map2(&x, &y, |p: bool, q: bool| p & q),
            BinaryOp::LogicalOr => map2(&x, &y, |p: bool, q: bool| p | q),
            _ => map2(&x, &y, |p: bool, q: bool| p ^ q),
        };
    }
    let (x, y) = (a.to_array(dtype)?, b.to_array(dtype)?);
    if op == BinaryOp::Power && dtype.kind().is_inexact() && is_two(b) {
        return with_numeric_type!(dtype, square_loop(&x, &y, dest), _ => unreachable!("inexact dtype"));
    }
    if op == BinaryOp::Power && dtype.kind().is_integer() && with_real_type!(dtype, any_negative(&y), _ => Ok(false))? {
        return Err(ArrayError::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    use BinaryOp::*;
    match op {
        Add | Subtract | Multiply | Power | Equal | NotEqual => {
            if let DType::Str(_) = dtype {
                return compare_strings(op, &x, &y);
            }
            with_numeric_type!(dtype, arith(op, &x, &y, dest), _ => unreachable!("strings handled above"))
        }
        FloorDivide | Remainder | Fmod | Maximum | Minimum | Fmax | Fmin | Less | LessEqual | Greater
        | GreaterEqual => {
            with_real_type!(dtype, real(op, &x, &y, dest), _ => Err(no_loop(op.name())))
        }
        BitwiseAnd | BitwiseOr | BitwiseXor | LeftShift | RightShift => {
            with_bits_type!(dtype, bits(op, &x, &y, dest), _ => Err(no_loop(op.name())))
        }
        Divide | Arctan2 | Hypot => match dtype {
            DType::Float32 => float_loop!(f32, op, &x, &y, dest),
            DType::Float64 => float_loop!(f64, op, &x, &y, dest),
            DType::Complex128 if op == Divide => same(&x, &y, dest, |p: Complex64, q: Complex64| p / q),
            _ => Err(no_loop(op.name())),
        },
        LogicalAnd | LogicalOr | LogicalXor => unreachable!("handled above"),
    }
}

fn compare_strings(op: BinaryOp, x: &Array, y: &Array) -> Result<Array> {
    match op {
        BinaryOp::Equal => map_strings(x, y, |p, q| p == q),
        BinaryOp::NotEqual => map_strings(x, y, |p, q| p != q),
        _ => Err(no_loop(op.name())),
    }
}

fn map_strings(x: &Array, y: &Array, f: impl Fn(&str, &str) -> bool) -> Result<Array> {
    let shape = crate::broadcast::broadcast_shape_ufunc(&[x.shape(), y.shape()])?;
    let (vx, vy) = (x.typed::<String>()?, y.typed::<String>()?);
    let (bx, by) = (
        vx.broadcast(shape.clone()).expect("checked"),
        vy.broadcast(shape.clone()).expect("checked"),
    );
    let data: Vec<bool> = bx.iter().zip(by.iter()).map(|(p, q)| f(p, q)).collect();
    Array::from_shape_vec(shape, data)
}

/// `op(a, b)` into a new array.
pub(crate) fn binary(op: BinaryOp, a: Operand, b: Operand) -> Result<Array> {
    apply(op, &a, &b, Dest::Fresh)
}

macro_rules! binary_ufuncs {
    ($($try_name:ident, $name:ident => $op:ident: $doc:literal, $example:literal;)*) => {$(
        #[doc = $doc]
        ///
        /// Operands broadcast together; Rust numbers are weakly typed (NEP 50).
        ///
        /// ```
        /// use arraylib::prelude::*;
        #[doc = $example]
        /// ```
        pub fn $try_name(a: impl Into<Operand>, b: impl Into<Operand>) -> Result<Array> {
            binary(BinaryOp::$op, a.into(), b.into())
        }

        #[doc = concat!("Panicking twin of [`", stringify!($try_name), "`].")]
        ///
        /// ```
        #[doc = concat!("let r = arraylib::", stringify!($name), "(&arraylib::array![1i64, 2], &arraylib::array![3i64, 1]);")]
        /// assert_eq!(r.shape(), &[2]);
        /// ```
        pub fn $name(a: impl Into<Operand>, b: impl Into<Operand>) -> Array {
            $try_name(a, b).unwrap_or_else(|e| panic!("{e}"))
        }
    )*};
}

binary_ufuncs! {
    try_add, add => Add: "NumPy's `add`: element-wise `a + b` (integers wrap; `or` for bool).",
        "assert_eq!(arraylib::add(&Array::from_vec(vec![1u8, 255]), 1).to_vec::<u8>().unwrap(), vec![2, 0]);";
    try_subtract, subtract => Subtract: "NumPy's `subtract`: `a - b` (a `TypeError` for two bool operands).",
        "assert!(arraylib::try_subtract(&array![true], &array![false]).is_err());";
    try_multiply, multiply => Multiply: "NumPy's `multiply`: `a * b`.",
        "assert_eq!(arraylib::multiply(&array![1, 2], 0.5).to_vec::<f64>().unwrap(), vec![0.5, 1.0]);";
    try_divide, divide => Divide: "NumPy's `divide` (`true_divide`): integers divide to `float64`.",
        "assert_eq!(arraylib::divide(&Array::from_vec(vec![1i32, 3]), 2).to_vec::<f64>().unwrap(), vec![0.5, 1.5]);";
    try_floor_divide, floor_divide => FloorDivide: "NumPy's `floor_divide` (`//`): Python's floor rule; integer division by 0 gives 0.",
        "assert_eq!(arraylib::floor_divide(&array![7i64, -7], 2).to_vec::<i64>().unwrap(), vec![3, -4]);";
    try_remainder, remainder => Remainder: "NumPy's `remainder` (`%`, `mod`): the result has the divisor's sign.",
        "assert_eq!(arraylib::remainder(&array![7i64, -7], 2).to_vec::<i64>().unwrap(), vec![1, 1]);";
    try_fmod, fmod => Fmod: "NumPy's `fmod`: C's remainder, with the dividend's sign.",
        "assert_eq!(arraylib::fmod(&array![7i64, -7], 2).to_vec::<i64>().unwrap(), vec![1, -1]);";
    try_power, power => Power: "NumPy's `power` (`**`); integers to negative integer powers are a `ValueError`.",
        "assert_eq!(arraylib::power(&array![2i64, 3], 3).to_vec::<i64>().unwrap(), vec![8, 27]);\nassert!(arraylib::try_power(&array![2i64], -1).is_err());";
    try_maximum, maximum => Maximum: "NumPy's `maximum`: element-wise larger value; NaN wins.",
        "assert!(arraylib::maximum(&array![f64::NAN, 1.0], 0.0).to_vec::<f64>().unwrap()[0].is_nan());";
    try_minimum, minimum => Minimum: "NumPy's `minimum`: element-wise smaller value; NaN wins.",
        "assert_eq!(arraylib::minimum(&array![3, 1], 2).to_vec::<i64>().unwrap(), vec![2, 1]);";
    try_fmax, fmax => Fmax: "NumPy's `fmax`: larger value, ignoring NaN.",
        "assert_eq!(arraylib::fmax(&array![f64::NAN, 1.0], 0.0).to_vec::<f64>().unwrap(), vec![0.0, 1.0]);";
    try_fmin, fmin => Fmin: "NumPy's `fmin`: smaller value, ignoring NaN.",
        "assert_eq!(arraylib::fmin(&array![f64::NAN, 1.0], 0.0).to_vec::<f64>().unwrap(), vec![0.0, 0.0]);";
    try_bitwise_and, bitwise_and => BitwiseAnd: "NumPy's `bitwise_and` (`&`), for bool and integers.",
        "assert_eq!(arraylib::bitwise_and(&array![6, 5], 3).to_vec::<i64>().unwrap(), vec![2, 1]);\nassert!(arraylib::try_bitwise_and(&array![1.0], 1).is_err());";
    try_bitwise_or, bitwise_or => BitwiseOr: "NumPy's `bitwise_or` (`|`).",
        "assert_eq!(arraylib::bitwise_or(&array![4, 1], 2).to_vec::<i64>().unwrap(), vec![6, 3]);";
    try_bitwise_xor, bitwise_xor => BitwiseXor: "NumPy's `bitwise_xor` (`^`).",
        "assert_eq!(arraylib::bitwise_xor(&array![true, false], true).to_vec::<bool>().unwrap(), vec![false, true]);";
    try_left_shift, left_shift => LeftShift: "NumPy's `left_shift` (`<<`).",
        "assert_eq!(arraylib::left_shift(&array![1, 3], 2).to_vec::<i64>().unwrap(), vec![4, 12]);";
    try_right_shift, right_shift => RightShift: "NumPy's `right_shift` (`>>`, arithmetic for signed).",
        "assert_eq!(arraylib::right_shift(&array![-8, 8], 2).to_vec::<i64>().unwrap(), vec![-2, 2]);";
    try_arctan2, arctan2 => Arctan2: "NumPy's `arctan2(y, x)`: the angle of the point `(x, y)`.",
        "assert_eq!(arraylib::arctan2(&array![0.0], -1.0).to_vec::<f64>().unwrap(), vec![std::f64::consts::PI]);";
    try_hypot, hypot => Hypot: "NumPy's `hypot`: `sqrt(a**2 + b**2)` without overflow.",
        "assert_eq!(arraylib::hypot(&array![3.0], 4.0).to_vec::<f64>().unwrap(), vec![5.0]);";
    try_equal, equal => Equal: "NumPy's `equal` (`==`), giving a bool array.",
        "assert_eq!(arraylib::equal(&array![1, 2], 2).to_vec::<bool>().unwrap(), vec![false, true]);";
    try_not_equal, not_equal => NotEqual: "NumPy's `not_equal` (`!=`).",
        "assert_eq!(arraylib::not_equal(&array![1, 2], 2).to_vec::<bool>().unwrap(), vec![true, false]);";
    try_less, less => Less: "NumPy's `less` (`<`).",
        "assert_eq!(arraylib::less(&Array::from_vec(vec![1u8, 2]), -1).to_vec::<bool>().unwrap(), vec![false, false]);";
    try_less_equal, less_equal => LessEqual: "NumPy's `less_equal` (`<=`).",
        "assert_eq!(arraylib::less_equal(&array![1, 2], 1).to_vec::<bool>().unwrap(), vec![true, false]);";
    try_greater, greater => Greater: "NumPy's `greater` (`>`).",
        "assert_eq!(arraylib::greater(&array![1.5, 2.5], 2).to_vec::<bool>().unwrap(), vec![false, true]);";
    try_greater_equal, greater_equal => GreaterEqual: "NumPy's `greater_equal` (`>=`).",
        "assert_eq!(arraylib::greater_equal(&array![1, 2], 2).to_vec::<bool>().unwrap(), vec![false, true]);";
    try_logical_and, logical_and => LogicalAnd: "NumPy's `logical_and`: truth values combined, as bool.",
        "assert_eq!(arraylib::logical_and(&array![0.0, 2.0], true).to_vec::<bool>().unwrap(), vec![false, true]);";
    try_logical_or, logical_or => LogicalOr: "NumPy's `logical_or`.",
        "assert_eq!(arraylib::logical_or(&array![0, 2], false).to_vec::<bool>().unwrap(), vec![false, true]);";
    try_logical_xor, logical_xor => LogicalXor: "NumPy's `logical_xor`.",
        "assert_eq!(arraylib::logical_xor(&array![0, 2], true).to_vec::<bool>().unwrap(), vec![true, false]);";
}

/// NumPy's `divmod`: `(floor_divide(a, b), remainder(a, b))`.
///
/// ```
/// use arraylib::prelude::*;
/// let (q, r) = arraylib::try_divmod(&array![7i64, -7], 2).unwrap();
/// assert_eq!(q.to_vec::<i64>().unwrap(), vec![3, -4]);
/// assert_eq!(r.to_vec::<i64>().unwrap(), vec![1, 1]);
/// ```
pub fn try_divmod(a: impl Into<Operand>, b: impl Into<Operand>) -> Result<(Array, Array)> {
    let (a, b) = (a.into(), b.into());
    let q = apply(BinaryOp::FloorDivide, &a, &b, Dest::Fresh)?;
    let r = apply(BinaryOp::Remainder, &a, &b, Dest::Fresh)?;
    Ok((q, r))
}

/// Panicking twin of [`try_divmod`].
///
/// ```
/// let (q, _) = arraylib::divmod(&arraylib::array![5i64], 2);
/// assert_eq!(q.to_vec::<i64>().unwrap(), vec![2]);
/// ```
pub fn divmod(a: impl Into<Operand>, b: impl Into<Operand>) -> (Array, Array) {
    try_divmod(a, b).unwrap_or_else(|e| panic!("{e}"))
}

impl From<&Scalar> for Operand {
    fn from(s: &Scalar) -> Operand {
        Operand::Scalar(s.clone())
    }
}
