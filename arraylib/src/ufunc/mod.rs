//! Element-wise operations (ufuncs): broadcasting, NEP 50 type promotion, arithmetic,
//! comparison, logical and bitwise operators, math functions, `where`, `clip`, `select`,
//! and the Rust operators (`+ - * / % & | ^`, unary `-` and `!`, `+=` ...) on [`Array`].
//!
//! Every binary function takes two [`Operand`]s: an array (`&Array` or `Array`, strongly
//! typed; a 0-d array counts as strong, like NumPy's `np.int8(5)`) or a Rust number (weakly
//! typed, like a Python scalar under NEP 50: `int8_array + 1` stays `int8`).
//!
//! ```
//! use arraylib::prelude::*;
//! let x = Array::from_vec(vec![1i32, 2, 3]);
//! assert_eq!((&x + 1).dtype(), DType::Int32);
//! assert_eq!((&x / 2).dtype(), DType::Float64);
//! assert_eq!(arraylib::maximum(&x, 2).to_vec::<i32>().unwrap(), vec![2, 2, 3]);
//! ```
//!
//! Files: [`kernel`] (the loops), `elem` (per-element semantics per dtype family),
//! `binary` / `unary` (the ufuncs), `choose` (`where`, `clip`, `select`), `inplace`
//! (`+=` and friends), `operators` (Rust operator traits and comparison methods).

mod binary;
mod choose;
mod elem;
mod inplace;
pub(crate) mod kernel;
mod operators;
mod unary;
mod vmath;

pub use binary::*;
pub use choose::*;
pub use unary::*;

use num_complex::Complex64;

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{ArrayError, Result};
use crate::scalar::Scalar;

/// One input of an element-wise operation: an array (strongly typed) or a Rust scalar
/// (weakly typed, NEP 50).
///
/// Built implicitly by the `impl Into<Operand>` parameters: `&Array`, `Array`, [`Scalar`]
/// and every Rust number type convert.
///
/// ```
/// use arraylib::{Array, DType, Operand};
/// assert_eq!(Operand::from(2.5).dtype(), DType::Float64);
/// assert_eq!(Operand::from(&Array::scalar(1u8)).dtype(), DType::UInt8);
/// ```
#[derive(Debug)]
pub enum Operand {
    /// An array (a handle on the caller's memory, never a copy).
    Array(Array),
    /// A weakly typed Rust scalar.
    Scalar(Scalar),
}

impl Operand {
    /// The dtype the operand has on its own (a scalar's default dtype).
    ///
    /// ```
    /// assert_eq!(arraylib::Operand::from(true).dtype(), arraylib::DType::Bool);
    /// ```
    pub fn dtype(&self) -> DType {
        match self {
            Operand::Array(a) => a.dtype(),
            Operand::Scalar(s) => s.default_dtype(),
        }
    }

    /// The operand's shape (`[]` for a scalar).
    ///
    /// ```
    /// assert_eq!(arraylib::Operand::from(1).shape(), &[] as &[usize]);
    /// ```
    pub fn shape(&self) -> &[usize] {
        match self {
            Operand::Array(a) => a.shape(),
            Operand::Scalar(_) => &[],
        }
    }

    /// The operand as an array of `dtype` (no copy when an array already has it).
    pub(crate) fn to_array(&self, dtype: DType) -> Result<Array> {
        match self {
            Operand::Array(a) => a.astype_nocopy(dtype),
            Operand::Scalar(s) => s.to_array(dtype),
        }
    }
}

impl From<&Array> for Operand {
    fn from(a: &Array) -> Operand {
        Operand::Array(a.alias())
    }
}

impl From<Array> for Operand {
    fn from(a: Array) -> Operand {
        Operand::Array(a)
    }
}

impl From<Scalar> for Operand {
    fn from(s: Scalar) -> Operand {
        Operand::Scalar(s)
    }
}

macro_rules! operand_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Operand {
            fn from(v: $t) -> Operand { Operand::Scalar(Scalar::from(v)) }
        }
    )*};
}
operand_from_number!(
    bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64, Complex64
);

/// NumPy's `result_type` under NEP 50: arrays (strong) promote with each other, then each
/// weak scalar adapts to that dtype; scalars alone promote their default dtypes.
///
/// ```
/// use arraylib::{result_type, Array, DType, Operand};
/// let a = Array::from_vec(vec![1i8]);
/// assert_eq!(result_type(&[Operand::from(&a), Operand::from(1)]).unwrap(), DType::Int8);
/// assert_eq!(result_type(&[Operand::from(&a), Operand::from(1.5)]).unwrap(), DType::Float64);
/// assert_eq!(result_type(&[Operand::from(1), Operand::from(1.5)]).unwrap(), DType::Float64);
/// ```
pub fn result_type(operands: &[Operand]) -> Result<DType> {
    let mut strong: Option<DType> = None;
    for op in operands {
        if let Operand::Array(a) = op {
            strong = Some(match strong {
                Some(d) => d.promote(a.dtype())?,
                None => a.dtype(),
            });
        }
    }
    let scalars = operands.iter().filter_map(|op| match op {
        Operand::Scalar(s) => Some(s),
        Operand::Array(_) => None,
    });
    let mut dtype = strong;
    for s in scalars {
        dtype = Some(match dtype {
            Some(d) if strong.is_some() => s.result_dtype_with(d)?,
            Some(d) => d.promote(s.default_dtype())?,
            None => s.default_dtype(),
        });
    }
    dtype.ok_or_else(|| ArrayError::value("at least one array or dtype is required"))
}

/// Runs `$f::<T>(args)` for the ordered numeric dtypes (bool, integers, floats).
macro_rules! with_real_type {
    ($dtype:expr, $f:ident($($arg:expr),*), _ => $other:expr) => {
        match $dtype {
            $crate::DType::Bool => $f::<bool>($($arg),*),
            $crate::DType::Int8 => $f::<i8>($($arg),*),
            $crate::DType::Int16 => $f::<i16>($($arg),*),
            $crate::DType::Int32 => $f::<i32>($($arg),*),
            $crate::DType::Int64 => $f::<i64>($($arg),*),
            $crate::DType::UInt8 => $f::<u8>($($arg),*),
            $crate::DType::UInt16 => $f::<u16>($($arg),*),
            $crate::DType::UInt32 => $f::<u32>($($arg),*),
            $crate::DType::UInt64 => $f::<u64>($($arg),*),
            $crate::DType::Float32 => $f::<f32>($($arg),*),
            $crate::DType::Float64 => $f::<f64>($($arg),*),
            _ => $other,
        }
    };
}

/// Runs `$f::<T>(args)` for bool and the integer dtypes.
macro_rules! with_bits_type {
    ($dtype:expr, $f:ident($($arg:expr),*), _ => $other:expr) => {
        match $dtype {
            $crate::DType::Bool => $f::<bool>($($arg),*),
            $crate::DType::Int8 => $f::<i8>($($arg),*),
            $crate::DType::Int16 => $f::<i16>($($arg),*),
            $crate::DType::Int32 => $f::<i32>($($arg),*),
            $crate::DType::Int64 => $f::<i64>($($arg),*),
            $crate::DType::UInt8 => $f::<u8>($($arg),*),
            $crate::DType::UInt16 => $f::<u16>($($arg),*),
            $crate::DType::UInt32 => $f::<u32>($($arg),*),
            $crate::DType::UInt64 => $f::<u64>($($arg),*),
            _ => $other,
        }
    };
}

pub(crate) use {with_bits_type, with_real_type};

/// NumPy's error for a ufunc without a loop for the given dtypes.
pub(crate) fn no_loop(name: &str) -> ArrayError {
    ArrayError::type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}
