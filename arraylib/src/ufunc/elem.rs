//! Per-element arithmetic with NumPy's semantics for each family of element types: integers
//! wrap, integer division by zero gives 0, `//` and `%` follow Python's signs, `maximum`
//! propagates NaN while `fmax` ignores it. The kernels in [`super::kernel`] call these
//! through generic code, so each operation is written once per family, not once per dtype.

use num_complex::Complex64;

use crate::element::NumElement;

/// Arithmetic every numeric element type has (bool, integers, floats, complex).
pub(crate) trait Arith: NumElement + Send + Sync {
    /// `+` (wrapping; `or` for bool).
    fn add(self, o: Self) -> Self;
    /// `-` (wrapping; bool is refused before it gets here).
    fn sub(self, o: Self) -> Self;
    /// `*` (wrapping; `and` for bool).
    fn mul(self, o: Self) -> Self;
    /// Unary `-` (wrapping).
    fn neg(self) -> Self;
    /// `**`; integer exponents are non-negative (checked by the caller).
    fn pow(self, e: Self) -> Self;
}

/// Ordered element types (all but complex): comparisons, floor division, extrema.
pub(crate) trait Real: Arith + PartialOrd {
    /// Python's `//`: floor of the quotient; integer division by zero gives 0.
    fn floor_div(self, o: Self) -> Self;
    /// Python's `%`: the remainder has the divisor's sign; integer `% 0` gives 0.
    fn rem(self, o: Self) -> Self;
    /// C's `fmod`: the remainder has the dividend's sign.
    fn fmod(self, o: Self) -> Self;
    /// Absolute value (wrapping: `abs(int8 -128)` is -128, as in NumPy).
    fn abs(self) -> Self;
    /// Rounding to an integer value (identity for integers).
    fn floor(self) -> Self;
    /// See [`Real::floor`].
    fn ceil(self) -> Self;
    /// See [`Real::floor`].
    fn trunc(self) -> Self;
    /// Round half to even (identity for integers).
    fn rint(self) -> Self;

    /// NaN-propagating maximum.
    #[allow(clippy::eq_op)]
    fn maximum(self, o: Self) -> Self {
        if self >= o || self != self { self } else { o }
    }
    /// NaN-propagating minimum.
    #[allow(clippy::eq_op)]
    fn minimum(self, o: Self) -> Self {
        if self <= o || self != self { self } else { o }
    }
    /// Maximum ignoring NaN.
    #[allow(clippy::eq_op)]
    fn fmax(self, o: Self) -> Self {
        if o != o || self >= o { self } else { o }
    }
    /// Minimum ignoring NaN.
    #[allow(clippy::eq_op)]
    fn fmin(self, o: Self) -> Self {
        if o != o || self <= o { self } else { o }
    }
    /// -1, 0 or 1 (NaN stays NaN).
    fn sign(self) -> Self {
        let zero = Self::from_i64(0);
        if self > zero {
            Self::from_i64(1)
        } else if self < zero {
            Self::from_i64(-1)
        } else {
            self
        }
    }
}

/// Integer-like element types (bool and integers): bitwise operations.
pub(crate) trait Bits: Real {
    /// `&`.
    fn and(self, o: Self) -> Self;
    /// `|`.
    fn or(self, o: Self) -> Self;
    /// `^`.
    fn xor(self, o: Self) -> Self;
    /// `~` (`not` for bool).
    fn not(self) -> Self;
    /// `<<`; shifting by the bit width or more gives 0, as in NumPy.
    fn shl(self, o: Self) -> Self;
    /// `>>`; shifting by the bit width or more gives 0 (or -1 for negative values).
    fn shr(self, o: Self) -> Self;
}

macro_rules! int_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            #[inline] fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline] fn sub(self, o: Self) -> Self { self.wrapping_sub(o) }
            #[inline] fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline] fn neg(self) -> Self { self.wrapping_neg() }
            fn pow(self, e: Self) -> Self {
                let (mut base, mut e, mut acc) = (self, e, 1 as $t);
                while e > 0 {
                    if e & 1 == 1 {
                        acc = acc.wrapping_mul(base);
                    }
                    base = base.wrapping_mul(base);
                    e >>= 1;
                }
                acc
            }
        }
        impl Real for $t {
            #[inline]
            fn floor_div(self, o: Self) -> Self {
                if o == 0 {
                    return 0;
                }
                let q = self.wrapping_div(o);
                #[allow(unused_comparisons)]
                let negative = (self < 0) != (o < 0);
                if negative && q.wrapping_mul(o) != self { q.wrapping_sub(1) } else { q }
            }
            #[inline]
            fn rem(self, o: Self) -> Self {
                if o == 0 {
                    return 0;
                }
                let r = self.wrapping_rem(o);
                #[allow(unused_comparisons)]
                let fix = r != 0 && ((r < 0) != (o < 0));
                if fix { r.wrapping_add(o) } else { r }
            }
            #[inline] fn fmod(self, o: Self) -> Self { if o == 0 { 0 } else { self.wrapping_rem(o) } }
            #[inline]
            #[allow(unused_comparisons)]
            fn abs(self) -> Self { if self < 0 { self.wrapping_neg() } else { self } }
            #[inline] fn floor(self) -> Self { self }
            #[inline] fn ceil(self) -> Self { self }
            #[inline] fn trunc(self) -> Self { self }
            #[inline] fn rint(self) -> Self { self }
        }
        impl Bits for $t {
            #[inline] fn and(self, o: Self) -> Self { self & o }
            #[inline] fn or(self, o: Self) -> Self { self | o }
            #[inline] fn xor(self, o: Self) -> Self { self ^ o }
            #[inline] fn not(self) -> Self { !self }
            #[inline]
            #[allow(unused_comparisons)]
            fn shl(self, o: Self) -> Self {
                if o < 0 || o as u64 >= <$t>::BITS as u64 { 0 } else { self << o }
            }
            #[inline]
            #[allow(unused_comparisons)]
            fn shr(self, o: Self) -> Self {
                if o < 0 || o as u64 >= <$t>::BITS as u64 {
                    if self < 0 { !0 } else { 0 }
                } else {
                    self >> o
                }
            }
        }
    )*};
}
int_arith!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            #[inline] fn add(self, o: Self) -> Self { self + o }
            #[inline] fn sub(self, o: Self) -> Self { self - o }
            #[inline] fn mul(self, o: Self) -> Self { self * o }
            #[inline] fn neg(self) -> Self { -self }
            #[inline] fn pow(self, e: Self) -> Self { self.powf(e) }
        }
        impl Real for $t {
            /// NumPy's `npy_divmod` quotient: floor of the exact quotient, nudged so that
            /// `a == b * (a // b) + a % b` holds as closely as floating point allows.
            fn floor_div(self, o: Self) -> Self {
                if o == 0.0 {
                    return self / o;
                }
                let m = self % o;
                let mut div = (self - m) / o;
                if m != 0.0 && ((o < 0.0) != (m < 0.0)) {
                    div -= 1.0;
                }
                if div != 0.0 {
                    let floor = div.floor();
                    if div - floor > 0.5 { floor + 1.0 } else { floor }
                } else {
                    (0.0 as $t).copysign(self / o)
                }
            }
            fn rem(self, o: Self) -> Self {
                if o == 0.0 {
                    return self % o;
                }
                let m = self % o;
                if m == 0.0 {
                    (0.0 as $t).copysign(o)
                } else if (o < 0.0) != (m < 0.0) {
                    m + o
                } else {
                    m
                }
            }
            #[inline] fn fmod(self, o: Self) -> Self { self % o }
            #[inline] fn abs(self) -> Self { self.abs() }
            #[inline] fn floor(self) -> Self { self.floor() }
            #[inline] fn ceil(self) -> Self { self.ceil() }
            #[inline] fn trunc(self) -> Self { self.trunc() }
            #[inline] fn rint(self) -> Self { self.round_ties_even() }
        }
    )*};
}
float_arith!(f32, f64);

impl Arith for bool {
    #[inline]
    fn add(self, o: Self) -> Self {
        self | o
    }
    #[inline]
    fn sub(self, o: Self) -> Self {
        self ^ o
    }
    #[inline]
    fn mul(self, o: Self) -> Self {
        self & o
    }
    #[inline]
    fn neg(self) -> Self {
        self
    }
    #[inline]
    fn pow(self, e: Self) -> Self {
        self | !e
    }
}

impl Real for bool {
    fn floor_div(self, o: Self) -> Self {
        self & o
    }
    fn rem(self, _: Self) -> Self {
        false
    }
    fn fmod(self, _: Self) -> Self {
        false
    }
    fn abs(self) -> Self {
        self
    }
    fn floor(self) -> Self {
        self
    }
    fn ceil(self) -> Self {
        self
    }
    fn trunc(self) -> Self {
        self
    }
    fn rint(self) -> Self {
        self
    }
    fn sign(self) -> Self {
        self
    }
}

impl Bits for bool {
    fn and(self, o: Self) -> Self {
        self & o
    }
    fn or(self, o: Self) -> Self {
        self | o
    }
    fn xor(self, o: Self) -> Self {
        self ^ o
    }
    fn not(self) -> Self {
        !self
    }
    fn shl(self, o: Self) -> Self {
        self & !o
    }
    fn shr(self, o: Self) -> Self {
        self & !o
    }
}

impl Arith for Complex64 {
    #[inline]
    fn add(self, o: Self) -> Self {
        self + o
    }
    #[inline]
    fn sub(self, o: Self) -> Self {
        self - o
    }
    #[inline]
    fn mul(self, o: Self) -> Self {
        self * o
    }
    #[inline]
    fn neg(self) -> Self {
        -self
    }
    fn pow(self, e: Self) -> Self {
        if e.im == 0.0 && e.re == e.re.trunc() && e.re.abs() < 64.0 {
            // Small integer powers by repeated multiplication, as NumPy does, for exact results.
            let n = e.re as i32;
            let p = (0..n.unsigned_abs()).fold(Complex64::new(1.0, 0.0), |acc, _| acc * self);
            return if n < 0 { Complex64::new(1.0, 0.0) / p } else { p };
        }
        self.powc(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_division_signs() {
        let pairs = [(7i64, 2i64), (-7, 2), (7, -2), (-7, -2), (7, 0)];
        let q: Vec<i64> = pairs.iter().map(|&(a, b)| a.floor_div(b)).collect();
        let r: Vec<i64> = pairs.iter().map(|&(a, b)| Real::rem(a, b)).collect();
        assert_eq!(q, vec![3, -4, -4, 3, 0]);
        assert_eq!(r, vec![1, 1, -1, -1, 0]);
        assert_eq!(i64::MIN.floor_div(-1), i64::MIN);
        assert_eq!((-7.5f64).floor_div(2.0), -4.0);
        assert_eq!(Real::rem(-7.5f64, 2.0), 0.5);
        assert!(1.0f64.floor_div(0.0).is_infinite());
    }

    #[test]
    fn shifts_and_nan_extrema() {
        assert_eq!(1i64.shl(64), 0);
        assert_eq!((-8i8).shr(10), -1);
        assert!(Real::maximum(f64::NAN, 1.0).is_nan());
        assert!(Real::maximum(1.0f64, f64::NAN).is_nan());
        assert_eq!(Real::fmax(f64::NAN, 1.0), 1.0);
        assert_eq!(Real::fmin(1.0f64, f64::NAN), 1.0);
        assert_eq!(Arith::pow(3i64, 64), 8733086111712066817);
    }
}
