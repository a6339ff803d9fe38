//! Data types: what an array's elements are, and NumPy 2's promotion rules between them.

use std::fmt;

use crate::error::{ArrayError, Result};

/// The data type of an array's elements, decided at run time as in NumPy.
///
/// ```
/// use arraylib::DType;
/// assert_eq!(DType::parse("float32").unwrap(), DType::Float32);
/// assert_eq!(DType::Int16.itemsize(), 2);
/// assert_eq!(DType::Str(5).to_string(), "<U5");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    /// `bool`, one byte.
    Bool,
    /// `int8`.
    Int8,
    /// `int16`.
    Int16,
    /// `int32`.
    Int32,
    /// `int64`, NumPy's default integer.
    Int64,
    /// `uint8`.
    UInt8,
    /// `uint16`.
    UInt16,
    /// `uint32`.
    UInt32,
    /// `uint64`.
    UInt64,
    /// `float32`.
    Float32,
    /// `float64`, NumPy's default float.
    Float64,
    /// `complex128`: two `float64`.
    Complex128,
    /// Fixed-width unicode string of at most N characters (`<UN`).
    Str(usize),
    /// A structured dtype with named fields (see [`crate::record`] and [`DType::record`]).
    Record(crate::record::RecordId),
}

/// The broad family of a dtype, NumPy's `dtype.kind`.
///
/// ```
/// use arraylib::{DType, DTypeKind};
/// assert_eq!(DType::UInt8.kind(), DTypeKind::UInt);
/// assert_eq!(DTypeKind::Float.code(), 'f');
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DTypeKind {
    /// `b`
    Bool,
    /// `u`
    UInt,
    /// `i`
    Int,
    /// `f`
    Float,
    /// `c`
    Complex,
    /// `U`
    Str,
    /// `V`: structured records.
    Void,
}

impl DTypeKind {
    /// NumPy's one-letter kind code.
    ///
    /// ```
    /// assert_eq!(arraylib::DTypeKind::Str.code(), 'U');
    /// ```
    pub fn code(self) -> char {
        match self {
            DTypeKind::Bool => 'b',
            DTypeKind::UInt => 'u',
            DTypeKind::Int => 'i',
            DTypeKind::Float => 'f',
            DTypeKind::Complex => 'c',
            DTypeKind::Str => 'U',
            DTypeKind::Void => 'V',
        }
    }

    /// Whether values of this kind are numbers (bool counts, as in NumPy's arithmetic).
    ///
    /// ```
    /// assert!(arraylib::DTypeKind::Bool.is_numeric());
    /// assert!(!arraylib::DTypeKind::Str.is_numeric());
    /// assert!(!arraylib::DTypeKind::Void.is_numeric());
    /// ```
    pub fn is_numeric(self) -> bool {
        !matches!(self, DTypeKind::Str | DTypeKind::Void)
    }

    /// Integer kinds (signed or unsigned).
    ///
    /// ```
    /// assert!(arraylib::DTypeKind::UInt.is_integer());
    /// ```
    pub fn is_integer(self) -> bool {
        matches!(self, DTypeKind::Int | DTypeKind::UInt)
    }

    /// Float or complex kinds.
    ///
    /// ```
    /// assert!(arraylib::DTypeKind::Complex.is_inexact());
    /// ```
    pub fn is_inexact(self) -> bool {
        matches!(self, DTypeKind::Float | DTypeKind::Complex)
    }
}

/// Every numeric dtype, in NumPy's order.
pub const NUMERIC_DTYPES: [DType; 12] = [
    DType::Bool,
    DType::Int8,
    DType::Int16,
    DType::Int32,
    DType::Int64,
    DType::UInt8,
    DType::UInt16,
    DType::UInt32,
    DType::UInt64,
    DType::Float32,
    DType::Float64,
    DType::Complex128,
];

impl DType {
    /// Parses a NumPy dtype name: `"float64"`, `"f8"`, `"int"`, `"<U5"`, `"U5"`, `"str5"`, `"bool"`.
    ///
    /// ```
    /// use arraylib::DType;
    /// assert_eq!(DType::parse("i4").unwrap(), DType::Int32);
    /// assert_eq!(DType::parse("U3").unwrap(), DType::Str(3));
    /// assert!(DType::parse("float128").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<DType> {
        let dtype = match name {
            "bool" | "?" | "b1" | "bool_" => DType::Bool,
            "int8" | "i1" | "byte" => DType::Int8,
            "int16" | "i2" | "short" => DType::Int16,
            "int32" | "i4" | "intc" => DType::Int32,
            "int64" | "i8" | "int" | "int_" | "intp" | "long" => DType::Int64,
            "uint8" | "u1" | "ubyte" => DType::UInt8,
            "uint16" | "u2" | "ushort" => DType::UInt16,
            "uint32" | "u4" | "uintc" => DType::UInt32,
            "uint64" | "u8" | "uint" | "uintp" | "ulong" => DType::UInt64,
            "float32" | "f4" | "single" => DType::Float32,
            "float64" | "f8" | "float" | "double" | "d" => DType::Float64,
            "complex128" | "c16" | "complex" | "cdouble" => DType::Complex128,
            _ => {
                let width = name
                    .strip_prefix("<U")
                    .or_else(|| name.strip_prefix('U'))
                    .or_else(|| name.strip_prefix("str"))
                    .and_then(|w| w.parse::<usize>().ok());
                match width {
                    Some(w) => DType::Str(w),
                    None => return Err(ArrayError::type_error(format!("data type '{name}' not understood"))),
                }
            }
        };
        Ok(dtype)
    }

    /// The kind of this dtype.
    ///
    /// ```
    /// assert_eq!(arraylib::DType::Float32.kind(), arraylib::DTypeKind::Float);
    /// ```
    pub fn kind(self) -> DTypeKind {
        match self {
            DType::Bool => DTypeKind::Bool,
            DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => DTypeKind::Int,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => DTypeKind::UInt,
            DType::Float32 | DType::Float64 => DTypeKind::Float,
            DType::Complex128 => DTypeKind::Complex,
            DType::Str(_) => DTypeKind::Str,
            DType::Record(_) => DTypeKind::Void,
        }
    }

    /// Bytes per element (`<UN` is 4 bytes per character, as in NumPy).
    ///
    /// ```
    /// assert_eq!(arraylib::DType::Complex128.itemsize(), 16);
    /// assert_eq!(arraylib::DType::Str(3).itemsize(), 12);
    /// ```
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 => 8,
            DType::Complex128 => 16,
            DType::Str(n) => 4 * n,
            DType::Record(id) => id.fields().iter().map(|f| f.dtype.itemsize()).sum(),
        }
    }

    /// NumPy's `dtype.name` (`"float64"`, `"str160"` for `<U5`: the width in bits).
    ///
    /// ```
    /// assert_eq!(arraylib::DType::UInt8.name(), "uint8");
    /// ```
    pub fn name(self) -> String {
        match self {
            DType::Str(n) => format!("str{}", 32 * n),
            DType::Record(_) => format!("void{}", 8 * self.itemsize()),
            other => other.to_string(),
        }
    }

    /// NumPy's `promote_types`: the smallest dtype both can be safely cast to. Structured
    /// dtypes promote field by field when their field names agree, in order (NumPy 2); other
    /// pairs with a structured dtype are NumPy's `DTypePromotionError` (a `TypeError`).
    ///
    /// ```
    /// use arraylib::DType;
    /// assert_eq!(DType::Int8.promote(DType::UInt8).unwrap(), DType::Int16);
    /// assert_eq!(DType::Int64.promote(DType::UInt64).unwrap(), DType::Float64);
    /// assert_eq!(DType::Int16.promote(DType::Float32).unwrap(), DType::Float32);
    /// assert_eq!(DType::Int32.promote(DType::Float32).unwrap(), DType::Float64);
    /// let a = DType::record(&[("a", DType::Int32), ("b", DType::Str(2))]).unwrap();
    /// let b = DType::record(&[("a", DType::UInt8), ("b", DType::Str(4))]).unwrap();
    /// assert_eq!(a.promote(b).unwrap().to_string(), "[('a', '<i4'), ('b', '<U4')]");
    /// let c = DType::record(&[("a", DType::Int32)]).unwrap();
    /// assert_eq!(a.promote(c).unwrap_err().message(), "field names `('a', 'b')` and `('a',)` mismatch.");
    /// ```
    pub fn promote(self, other: DType) -> Result<DType> {
        use DTypeKind as K;
        if self == other {
            return Ok(self);
        }
        if self.kind() == K::Void || other.kind() == K::Void {
            return crate::record::promote(self, other);
        }
        let (a, b) = if self.kind() <= other.kind() {
            (self, other)
        } else {
            (other, self)
        };
        let result = match (a.kind(), b.kind()) {
            (K::Str, K::Str) => DType::Str(a.str_width().max(b.str_width())),
            (K::Str, _) | (_, K::Str) => {
                return Err(ArrayError::type_error(format!(
                    "The DType <class 'numpy.dtypes.StrDType'> could not be promoted by {}",
                    if a.kind() == K::Str { b } else { a }.class_name()
                )));
            }
            (K::Bool, _) => b,
            (K::UInt, K::UInt) | (K::Int, K::Int) => {
                if a.itemsize() >= b.itemsize() {
                    a
                } else {
                    b
                }
            }
            (K::UInt, K::Int) => {
                if a.itemsize() < b.itemsize() {
                    b
                } else {
                    match a {
                        DType::UInt8 => DType::Int16,
                        DType::UInt16 => DType::Int32,
                        DType::UInt32 => DType::Int64,
                        _ => DType::Float64,
                    }
                }
            }
            (K::UInt | K::Int, K::Float) => {
                if b == DType::Float32 && a.itemsize() <= 2 {
                    DType::Float32
                } else {
                    DType::Float64
                }
            }
            (K::Float, K::Float) => DType::Float64,
            (_, K::Complex) => DType::Complex128,
            _ => unreachable!("kinds are ordered"),
        };
        Ok(result)
    }

    /// Whether NumPy's `same_kind` casting allows `self` to be cast to `to`
    /// (what in-place operators require).
    ///
    /// ```
    /// use arraylib::DType;
    /// assert!(DType::Int64.can_cast_same_kind(DType::Int8));
    /// assert!(!DType::Float64.can_cast_same_kind(DType::Int64));
    /// assert!(DType::Int64.can_cast_same_kind(DType::Float32));
    /// ```
    pub fn can_cast_same_kind(self, to: DType) -> bool {
        use DTypeKind as K;
        let rank = |k: DTypeKind| match k {
            K::Bool => 0,
            K::UInt | K::Int => 1,
            K::Float => 2,
            K::Complex => 3,
            K::Str | K::Void => 4,
        };
        if self.kind() == K::Void || to.kind() == K::Void {
            return self == to;
        }
        if self.kind() == K::Str || to.kind() == K::Str {
            return self.kind() == to.kind();
        }
        // Unsigned to signed and back are the same kind ("integer") for same_kind casting.
        rank(self.kind()) <= rank(to.kind())
    }

    /// Whether NumPy's `safe` casting allows `self` to be cast to `to` without losing values.
    ///
    /// ```
    /// use arraylib::DType;
    /// assert!(DType::Int8.can_cast_safe(DType::Int16));
    /// assert!(!DType::Int64.can_cast_safe(DType::Int8));
    /// ```
    pub fn can_cast_safe(self, to: DType) -> bool {
        self.promote(to).map(|p| p == to).unwrap_or(false)
    }

    /// NumPy's `dtype.str` on this (little-endian) machine: `'<f8'`, `'|b1'`, `'<U5'`, `'|V12'`.
    ///
    /// ```
    /// use arraylib::DType;
    /// assert_eq!(DType::Int32.type_str(), "<i4");
    /// assert_eq!(DType::Bool.type_str(), "|b1");
    /// ```
    pub fn type_str(self) -> String {
        let (code, size) = match self {
            DType::Str(n) => ('U', n),
            other => (other.kind().code(), other.itemsize()),
        };
        let byte = if size == 1 && code != 'U' || code == 'V' {
            '|'
        } else {
            '<'
        };
        format!("{byte}{code}{size}")
    }

    /// How NumPy's dtype repr names a field's type: [`DType::type_str`] without the `|` of
    /// one-byte types, and `?` for bool (`[('ok', '?'), ('b', 'i1'), ('x', '<f8')]`).
    fn field_str(self) -> String {
        match self {
            DType::Bool => "?".into(),
            other => other.type_str().trim_start_matches('|').into(),
        }
    }

    fn str_width(self) -> usize {
        match self {
            DType::Str(n) => n,
            _ => 0,
        }
    }

    /// NumPy's `repr` of the dtype, as cast errors print it: `dtype('int64')`,
    /// `dtype([('a', '<i4')])`.
    pub(crate) fn repr(self) -> String {
        match self {
            DType::Record(_) => format!("dtype({self})"),
            _ => format!("dtype('{self}')"),
        }
    }

    /// NumPy's name of this dtype's class, as promotion errors print it.
    pub(crate) fn class_name(self) -> String {
        let base = match self.kind() {
            DTypeKind::Bool => "Bool",
            DTypeKind::Int => "Int",
            DTypeKind::UInt => "UInt",
            DTypeKind::Float => "Float",
            DTypeKind::Complex => "Complex",
            DTypeKind::Str => "Str",
            DTypeKind::Void => "Void",
        };
        let bits = if matches!(self.kind(), DTypeKind::Bool | DTypeKind::Str | DTypeKind::Void) {
            String::new()
        } else {
            (8 * self.itemsize()).to_string()
        };
        format!("<class 'numpy.dtypes.{base}{bits}DType'>")
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex128 => "complex128",
            DType::Str(n) => return write!(f, "<U{n}"),
            DType::Record(id) => {
                let fields: Vec<String> = id
                    .fields()
                    .iter()
                    .map(|field| format!("('{}', '{}')", field.name, field.dtype.field_str()))
                    .collect();
                return write!(f, "[{}]", fields.join(", "));
            }
        };
        f.write_str(name)
    }
}

/// NumPy's `promote_types(a, b)`.
///
/// ```
/// use arraylib::{promote_types, DType};
/// assert_eq!(promote_types(DType::Bool, DType::Int8).unwrap(), DType::Int8);
/// ```
pub fn promote_types(a: DType, b: DType) -> Result<DType> {
    a.promote(b)
}
