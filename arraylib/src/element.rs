//! The Rust types that can be elements of an [`Array`](crate::Array), one per [`DType`].

use num_complex::Complex64;

use crate::array::Data;
use crate::buffer::Storage;
use crate::dtype::{DType, DTypeKind};

/// A Rust type stored as the elements of an array of one dtype.
///
/// Implemented for `bool`, `i8`..`i64`, `u8`..`u64`, `f32`, `f64`, [`Complex64`] and `String`
/// (the elements of fixed-width `<UN` arrays).
///
/// ```
/// use arraylib::{DType, Element};
/// assert_eq!(<f32 as Element>::DTYPE, DType::Float32);
/// ```
pub trait Element: Clone + Default + std::fmt::Debug + Send + Sync + 'static {
    /// The dtype of arrays holding this type (`Str(0)` for `String`: the width is per array).
    const DTYPE: DType;
    #[doc(hidden)]
    fn wrap(storage: Storage<Self>) -> Data;
    #[doc(hidden)]
    fn storage(data: &Data) -> Option<&Storage<Self>>;
}

/// A numeric element: converts to and from every other numeric element with NumPy's
/// `astype` semantics (integers wrap, floats truncate toward zero, complex drops the
/// imaginary part, anything non-zero is `true`).
///
/// ```
/// use arraylib::NumElement;
/// assert_eq!(<i8 as NumElement>::cast_from(300i64), 44);
/// assert_eq!(<u8 as NumElement>::cast_from(-1i32), 255);
/// assert_eq!(<i32 as NumElement>::cast_from(-2.7f64), -2);
/// assert_eq!(<bool as NumElement>::cast_from(0.5f64), true);
/// ```
pub trait NumElement: Element + Copy + PartialEq {
    /// As `f64` (real part for complex).
    fn to_f64(self) -> f64;
    /// As `i64`, wrapping (bit pattern kept for `u64`).
    fn to_i64(self) -> i64;
    /// As complex.
    fn to_c64(self) -> Complex64;
    /// Non-zero test.
    fn to_bool(self) -> bool;
    /// From `f64` (saturating `as` for integers).
    fn from_f64(v: f64) -> Self;
    /// From `i64`, wrapping.
    fn from_i64(v: i64) -> Self;
    /// From complex (real part for real types).
    fn from_c64(v: Complex64) -> Self;
    /// From bool.
    fn from_bool(v: bool) -> Self;

    /// Converts any numeric element to this one with NumPy's `astype` rules.
    fn cast_from<A: NumElement>(a: A) -> Self {
        match Self::DTYPE.kind() {
            DTypeKind::Bool => Self::from_bool(a.to_bool()),
            DTypeKind::Int | DTypeKind::UInt => match A::DTYPE.kind() {
                DTypeKind::Float | DTypeKind::Complex => Self::from_f64(a.to_f64()),
                _ => Self::from_i64(a.to_i64()),
            },
            DTypeKind::Float => Self::from_f64(a.to_f64()),
            DTypeKind::Complex => Self::from_c64(a.to_c64()),
            DTypeKind::Str | DTypeKind::Void => unreachable!("strings and records are not numeric"),
        }
    }
}

macro_rules! impl_element {
    ($($t:ty => $dtype:ident),* $(,)?) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            fn wrap(storage: Storage<Self>) -> Data {
                Data::$dtype(storage)
            }
            fn storage(data: &Data) -> Option<&Storage<Self>> {
                match data {
                    Data::$dtype(s) => Some(s),
                    _ => None,
                }
            }
        }
    )*};
}

impl_element!(
    bool => Bool, i8 => Int8, i16 => Int16, i32 => Int32, i64 => Int64,
    u8 => UInt8, u16 => UInt16, u32 => UInt32, u64 => UInt64,
    f32 => Float32, f64 => Float64, Complex64 => Complex128,
);

impl Element for String {
    const DTYPE: DType = DType::Str(0);
    fn wrap(storage: Storage<Self>) -> Data {
        Data::Str(storage)
    }
    fn storage(data: &Data) -> Option<&Storage<Self>> {
        match data {
            Data::Str(s) => Some(s),
            _ => None,
        }
    }
}

macro_rules! impl_num_int {
    ($($t:ty),*) => {$(
        impl NumElement for $t {
            fn to_f64(self) -> f64 { self as f64 }
            fn to_i64(self) -> i64 { self as i64 }
            fn to_c64(self) -> Complex64 { Complex64::new(self as f64, 0.0) }
            fn to_bool(self) -> bool { self != 0 }
            fn from_f64(v: f64) -> Self { v as $t }
            fn from_i64(v: i64) -> Self { v as $t }
            fn from_c64(v: Complex64) -> Self { v.re as $t }
            fn from_bool(v: bool) -> Self { v as $t }
        }
    )*};
}
impl_num_int!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! impl_num_float {
    ($($t:ty),*) => {$(
        impl NumElement for $t {
            fn to_f64(self) -> f64 { self as f64 }
            fn to_i64(self) -> i64 { self as i64 }
            fn to_c64(self) -> Complex64 { Complex64::new(self as f64, 0.0) }
            fn to_bool(self) -> bool { self != 0.0 }
            fn from_f64(v: f64) -> Self { v as $t }
            fn from_i64(v: i64) -> Self { v as $t }
            fn from_c64(v: Complex64) -> Self { v.re as $t }
            fn from_bool(v: bool) -> Self { v as u8 as $t }
        }
    )*};
}
impl_num_float!(f32, f64);

impl NumElement for bool {
    fn to_f64(self) -> f64 {
        self as u8 as f64
    }
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn to_c64(self) -> Complex64 {
        Complex64::new(self as u8 as f64, 0.0)
    }
    fn to_bool(self) -> bool {
        self
    }
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    fn from_i64(v: i64) -> Self {
        v != 0
    }
    fn from_c64(v: Complex64) -> Self {
        v.re != 0.0 || v.im != 0.0
    }
    fn from_bool(v: bool) -> Self {
        v
    }
}

impl NumElement for Complex64 {
    fn to_f64(self) -> f64 {
        self.re
    }
    fn to_i64(self) -> i64 {
        self.re as i64
    }
    fn to_c64(self) -> Complex64 {
        self
    }
    fn to_bool(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
    fn from_f64(v: f64) -> Self {
        Complex64::new(v, 0.0)
    }
    fn from_i64(v: i64) -> Self {
        Complex64::new(v as f64, 0.0)
    }
    fn from_c64(v: Complex64) -> Self {
        v
    }
    fn from_bool(v: bool) -> Self {
        Complex64::new(v as u8 as f64, 0.0)
    }
}
