//! NumPy's sort order for every element type, and the radix keys that realise it.
//!
//! NumPy sorts NaNs to the end, treats `-0.0` and `0.0` as equal (so a stable sort keeps their
//! input order), orders complex numbers lexicographically (real part first) with any NaN part
//! after all finite values, and strings by code point. [`Sortable::cmp_np`] is that order;
//! [`Sortable::key`] maps it onto unsigned integers for the radix sort, which is what makes
//! sorting numbers fast.

use std::cmp::Ordering;

use num_complex::Complex64;

use crate::element::Element;

/// An element type with NumPy's total sort order.
pub(crate) trait Sortable: Element {
    /// Whether [`Sortable::key`] realises the order (numbers); `false` for types sorted by
    /// comparison only.
    const RADIX: bool = false;

    /// An unsigned key whose order is [`Sortable::cmp_np`]: equal keys exactly for equal
    /// elements (all NaNs share the largest key, `-0.0` shares the key of `0.0`).
    fn key(&self) -> u64 {
        0
    }

    /// A key in NumPy's order from which the element comes back exactly
    /// ([`Sortable::from_bits_key`]): [`Sortable::key`] for integers; for floats the same
    /// except that `-0.0` gets a key of its own just below `0.0`'s. Radix types only; never
    /// asked of a NaN.
    fn bits_key(&self) -> u64 {
        self.key()
    }

    /// The element whose [`Sortable::bits_key`] is `key` (radix types only).
    fn from_bits_key(key: u64) -> Self {
        unreachable!("{key}: only radix types have bits keys")
    }

    /// NumPy's order.
    fn cmp_np(&self, other: &Self) -> Ordering;

    /// Whether this element holds a NaN (in either part for complex).
    fn is_nan(&self) -> bool {
        false
    }

    /// Whether the element is 8 bytes, aligned like `u64`, without a destructor, and valid for
    /// every bit pattern (`f64`, `i64`, `u64`): a slice of them can hold their
    /// [`Sortable::bits_key`]s in place while it is sorted.
    const KEYS_IN_PLACE: bool = false;

    /// Whether the key is a faithful small integer (bool and integer dtypes), so that counting
    /// by key can stand in for sorting.
    const INTEGER: bool = false;
}

impl Sortable for bool {
    const RADIX: bool = true;
    const INTEGER: bool = true;
    fn key(&self) -> u64 {
        *self as u64
    }
    fn from_bits_key(key: u64) -> Self {
        key != 0
    }
    fn cmp_np(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

macro_rules! sortable_unsigned {
    ($($t:ty),*) => {$(
        impl Sortable for $t {
            const RADIX: bool = true;
            const INTEGER: bool = true;
            const KEYS_IN_PLACE: bool = size_of::<$t>() == size_of::<u64>();
            fn key(&self) -> u64 {
                *self as u64
            }
            fn from_bits_key(key: u64) -> Self {
                key as $t
            }
            fn cmp_np(&self, other: &Self) -> Ordering {
                self.cmp(other)
            }
        }
    )*};
}
sortable_unsigned!(u8, u16, u32, u64);

macro_rules! sortable_signed {
    ($($t:ty => $u:ty),*) => {$(
        impl Sortable for $t {
            const RADIX: bool = true;
            const INTEGER: bool = true;
            const KEYS_IN_PLACE: bool = size_of::<$t>() == size_of::<u64>();
            fn key(&self) -> u64 {
                // Flipping the sign bit maps the signed range onto the unsigned one in order.
                ((*self as $u) ^ (1 << (<$u>::BITS - 1))) as u64
            }
            fn from_bits_key(key: u64) -> Self {
                ((key as $u) ^ (1 << (<$u>::BITS - 1))) as $t
            }
            fn cmp_np(&self, other: &Self) -> Ordering {
                self.cmp(other)
            }
        }
    )*};
}
sortable_signed!(i8 => u8, i16 => u16, i32 => u32, i64 => u64);

macro_rules! sortable_float {
    ($($t:ty => $u:ty),*) => {$(
        impl Sortable for $t {
            const RADIX: bool = true;
            const KEYS_IN_PLACE: bool = size_of::<$t>() == size_of::<u64>();
            fn key(&self) -> u64 {
                if self.is_nan() {
                    return <$u>::MAX as u64;
                }
                // `+ 0.0` turns -0.0 into 0.0; then negative floats have all bits flipped and
                // positive ones the sign bit set, which orders them as unsigned integers.
                (*self + 0.0).bits_key()
            }
            fn bits_key(&self) -> u64 {
                // Negative floats have all bits flipped and positive ones the sign bit set,
                // which orders them as unsigned integers.
                let bits = self.to_bits();
                let sign = 1 << (<$u>::BITS - 1);
                (if bits & sign != 0 { !bits } else { bits | sign }) as u64
            }
            fn from_bits_key(key: u64) -> Self {
                let key = key as $u;
                let sign = 1 << (<$u>::BITS - 1);
                <$t>::from_bits(if key & sign != 0 { key & !sign } else { !key })
            }
            fn cmp_np(&self, other: &Self) -> Ordering {
                match (self.is_nan(), other.is_nan()) {
                    (false, false) => self.partial_cmp(other).expect("no NaN"),
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                }
            }
            fn is_nan(&self) -> bool {
                <$t>::is_nan(*self)
            }
        }
    )*};
}
sortable_float!(f32 => u32, f64 => u64);

impl Sortable for Complex64 {
    fn cmp_np(&self, other: &Self) -> Ordering {
        // NumPy's order: [R + Rj, R + nanj, nan + Rj, nan + nanj]; within each class by the
        // parts that are not NaN, real first.
        let class = |z: &Complex64| 2 * z.re.is_nan() as u8 + z.im.is_nan() as u8;
        class(self)
            .cmp(&class(other))
            .then_with(|| self.re.cmp_np(&other.re))
            .then_with(|| self.im.cmp_np(&other.im))
    }
    fn is_nan(&self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
}

impl Sortable for String {
    fn cmp_np(&self, other: &Self) -> Ordering {
        // UTF-8 byte order is code-point order, NumPy's order for unicode strings.
        self.cmp(other)
    }
}

/// Equality as NumPy's `==` sees it (NaN unequal to everything), for set operations.
pub(crate) fn eq_np<T: Sortable>(a: &T, b: &T) -> bool {
    !a.is_nan() && !b.is_nan() && a.cmp_np(b) == Ordering::Equal
}

/// Calls `$f::<T>($($arg),*)` with `T` the element type of `$dtype` (strings included).
macro_rules! with_sortable_type {
    ($dtype:expr, $f:ident($($arg:expr),*)) => {
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
            $crate::DType::Complex128 => $f::<num_complex::Complex64>($($arg),*),
            $crate::DType::Str(_) => $f::<String>($($arg),*),
            // Records sort by their fields: `sort_order` / `argsort_order`.
            $crate::DType::Record(_) => return Err($crate::record::unsupported("sorting without order=")),
        }
    };
}
pub(crate) use with_sortable_type;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_follow_numpy_order() {
        let values = [
            f64::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            3.0,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        let keys: Vec<u64> = values.iter().map(Sortable::key).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(keys[2], keys[3], "-0.0 and 0.0 are equal");
        assert_eq!(keys[7], keys[8], "all NaNs are equal");
        assert!(keys[6] < keys[7]);
        let finite = &values[..7];
        let bits: Vec<u64> = finite.iter().map(Sortable::bits_key).collect();
        assert!(bits.windows(2).all(|w| w[0] < w[1]), "-0.0 just below 0.0");
        let back: Vec<f64> = bits.iter().map(|&k| f64::from_bits_key(k)).collect();
        assert!(back.iter().zip(finite).all(|(a, b)| a.to_bits() == b.to_bits()));
    }

    #[test]
    fn signed_keys_are_monotone() {
        let values = [i8::MIN, -1, 0, 1, i8::MAX];
        let keys: Vec<u64> = values.iter().map(Sortable::key).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys.iter().zip(values).all(|(&k, v)| i8::from_bits_key(k) == v));
    }

    #[test]
    fn complex_nan_classes() {
        let c = |re, im| Complex64::new(re, im);
        let mut v = [
            c(f64::NAN, f64::NAN),
            c(f64::NAN, 1.0),
            c(5.0, f64::NAN),
            c(9.0, 0.0),
            c(1.0, 2.0),
        ];
        v.sort_by(Sortable::cmp_np);
        assert_eq!(v[0], c(1.0, 2.0));
        assert_eq!(v[1], c(9.0, 0.0));
        assert!(v[2].re == 5.0 && v[3].im == 1.0 && v[4].re.is_nan() && v[4].im.is_nan());
    }
}
