//! Rust scalars in array expressions: NumPy 2's "weak" Python scalars (NEP 50).
//!
//! `int32_array + 2` stays `int32` and `float32_array * 2.0` stays `float32`: a Rust number
//! next to an array takes the array's dtype when its kind allows, exactly as a Python `int` or
//! `float` does in NumPy 2. A strongly typed scalar (NumPy's `np.int8(5)`) is a 0-d [`Array`].

use num_complex::Complex64;

use crate::array::Array;
use crate::dtype::{DType, DTypeKind};
use crate::error::{ArrayError, ErrorKind, Result};

/// A weakly typed scalar: the value of a Rust literal or variable used with arrays.
///
/// ```
/// use arraylib::{Scalar, DType};
/// assert_eq!(Scalar::from(2).result_dtype_with(DType::Int8).unwrap(), DType::Int8);
/// assert_eq!(Scalar::from(2.0).result_dtype_with(DType::Int8).unwrap(), DType::Float64);
/// assert_eq!(Scalar::from(2.0).result_dtype_with(DType::Float32).unwrap(), DType::Float32);
/// assert!(Scalar::from(300).result_dtype_with(DType::Int8).is_err());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    /// A boolean.
    Bool(bool),
    /// An integer of any Rust integer type.
    Int(i128),
    /// A float of any Rust float type.
    Float(f64),
    /// A complex number.
    Complex(Complex64),
    /// A string.
    Str(String),
}

impl Scalar {
    /// The dtype this scalar has on its own (NumPy's default for its Python type).
    ///
    /// ```
    /// assert_eq!(arraylib::Scalar::from(1u8).default_dtype(), arraylib::DType::Int64);
    /// ```
    pub fn default_dtype(&self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(v) if *v > i64::MAX as i128 => DType::UInt64,
            Scalar::Int(_) => DType::Int64,
            Scalar::Float(_) => DType::Float64,
            Scalar::Complex(_) => DType::Complex128,
            Scalar::Str(s) => DType::Str(s.chars().count().max(1)),
        }
    }

    /// NEP 50: the dtype of `array <op> self` for an array of `dtype`; an integer that does
    /// not fit the array's integer dtype is an `OverflowError`, as in NumPy 2.
    pub fn result_dtype_with(&self, dtype: DType) -> Result<DType> {
        let kind = dtype.kind();
        match self {
            Scalar::Bool(_) => Ok(dtype),
            Scalar::Int(v) => match kind {
                DTypeKind::Bool => Ok(DType::Int64),
                DTypeKind::Int | DTypeKind::UInt => {
                    check_int_fits(*v, dtype)?;
                    Ok(dtype)
                }
                DTypeKind::Float | DTypeKind::Complex => Ok(dtype),
                DTypeKind::Str | DTypeKind::Void => Err(no_promotion(dtype, "int")),
            },
            Scalar::Float(_) => match kind {
                DTypeKind::Float | DTypeKind::Complex => Ok(dtype),
                DTypeKind::Str | DTypeKind::Void => Err(no_promotion(dtype, "float")),
                _ => Ok(DType::Float64),
            },
            Scalar::Complex(_) => match kind {
                DTypeKind::Str | DTypeKind::Void => Err(no_promotion(dtype, "complex")),
                _ => Ok(DType::Complex128),
            },
            Scalar::Str(s) => match dtype {
                DType::Str(n) => Ok(DType::Str(n.max(s.chars().count()))),
                _ => Err(no_promotion(dtype, "str")),
            },
        }
    }

    /// A 0-d array of `dtype` holding this value (integers wrap, as `astype` does).
    ///
    /// ```
    /// use arraylib::{Scalar, DType};
    /// let a = Scalar::from(3).to_array(DType::Float32).unwrap();
    /// assert_eq!(a.dtype(), DType::Float32);
    /// ```
    pub fn to_array(&self, dtype: DType) -> Result<Array> {
        let base = match self {
            Scalar::Bool(b) => Array::scalar(*b),
            Scalar::Int(v) if *v > i64::MAX as i128 => Array::scalar(*v as u64),
            Scalar::Int(v) => Array::scalar(*v as i64),
            Scalar::Float(v) => Array::scalar(*v),
            Scalar::Complex(v) => Array::scalar(*v),
            Scalar::Str(s) => Array::scalar(s.clone()),
        };
        if let (Scalar::Int(v), DType::UInt64) = (self, dtype) {
            // Go through u64 directly so large values do not round through i64.
            return Ok(Array::scalar(*v as u64));
        }
        base.astype_nocopy(dtype)
    }

    /// A 0-d array of `dtype` holding this value as NumPy stores a Python scalar into an array
    /// (`a[i] = v`): an integer that does not fit is NumPy's `OverflowError`, NaN or infinity
    /// into integers a `ValueError`.
    pub(crate) fn to_array_weak(&self, dtype: DType) -> Result<Array> {
        if matches!(self, Scalar::Int(_)) && dtype.kind().is_integer() {
            self.result_dtype_with(dtype)?;
        }
        if let Scalar::Float(v) = self
            && dtype.kind().is_integer()
            && !v.is_finite()
        {
            let what = if v.is_nan() { "NaN" } else { "infinity" };
            return Err(ArrayError::value(format!("cannot convert float {what} to integer")));
        }
        self.to_array(dtype)
    }

    /// The value as `f64` (real part of complex; strings are an error).
    ///
    /// ```
    /// assert_eq!(arraylib::Scalar::from(true).as_f64().unwrap(), 1.0);
    /// ```
    pub fn as_f64(&self) -> Result<f64> {
        match self {
            Scalar::Bool(b) => Ok(*b as u8 as f64),
            Scalar::Int(v) => Ok(*v as f64),
            Scalar::Float(v) => Ok(*v),
            Scalar::Complex(v) => Ok(v.re),
            Scalar::Str(s) => Err(ArrayError::type_error(format!("'{s}' is not a number"))),
        }
    }
}

fn no_promotion(dtype: DType, python_type: &str) -> ArrayError {
    ArrayError::type_error(format!(
        "cannot combine an array of dtype {dtype} with a Python {python_type}"
    ))
}

fn check_int_fits(v: i128, dtype: DType) -> Result<()> {
    let (lo, hi): (i128, i128) = match dtype {
        DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
        DType::UInt8 => (0, u8::MAX as i128),
        DType::UInt16 => (0, u16::MAX as i128),
        DType::UInt32 => (0, u32::MAX as i128),
        DType::UInt64 => (0, u64::MAX as i128),
        _ => return Ok(()),
    };
    if v < lo || v > hi {
        return Err(ArrayError::new(
            ErrorKind::Overflow,
            format!("Python integer {v} out of bounds for {dtype}"),
        ));
    }
    Ok(())
}

macro_rules! scalar_from {
    ($variant:ident: $($t:ty),*) => {$(
        impl From<$t> for Scalar {
            fn from(v: $t) -> Scalar { Scalar::$variant(v.into()) }
        }
    )*};
}
scalar_from!(Int: i8, i16, i32, i64, u8, u16, u32, u64);
scalar_from!(Float: f32, f64);
scalar_from!(Bool: bool);
scalar_from!(Complex: Complex64);

impl From<isize> for Scalar {
    fn from(v: isize) -> Scalar {
        Scalar::Int(v as i128)
    }
}

impl From<usize> for Scalar {
    fn from(v: usize) -> Scalar {
        Scalar::Int(v as i128)
    }
}

impl From<&str> for Scalar {
    fn from(v: &str) -> Scalar {
        Scalar::Str(v.to_string())
    }
}

impl From<String> for Scalar {
    fn from(v: String) -> Scalar {
        Scalar::Str(v)
    }
}

impl Array {
    /// The single element of a size-1 array as a Python-like scalar (NumPy's `a.item()`).
    ///
    /// ```
    /// use arraylib::{Array, Scalar};
    /// assert_eq!(Array::scalar(7u16).item().unwrap(), Scalar::Int(7));
    /// assert_eq!(Array::from_vec(vec![2.5]).item().unwrap(), Scalar::Float(2.5));
    /// assert!(Array::from_vec(vec![1, 2]).item().is_err());
    /// ```
    pub fn item(&self) -> Result<Scalar> {
        if self.size() != 1 {
            return Err(ArrayError::value(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        Ok(match self.dtype() {
            DType::Bool => Scalar::Bool(self.to_vec::<bool>()?[0]),
            DType::Str(_) => Scalar::Str(self.to_vec::<String>()?[0].clone()),
            DType::UInt64 => Scalar::Int(self.to_vec::<u64>()?[0] as i128),
            DType::Complex128 => Scalar::Complex(self.to_vec::<Complex64>()?[0]),
            d if d.kind().is_integer() => Scalar::Int(self.astype(DType::Int64)?.to_vec::<i64>()?[0] as i128),
            _ => Scalar::Float(self.item_f64()?),
        })
    }
}
