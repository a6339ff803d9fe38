//! Per-dtype arithmetic of reductions: NumPy's pairwise summation for floats, wrapping
//! integer sums and products, and the NaN-aware orderings of `maximum`/`fmax`.

use num_complex::Complex64;

use crate::element::NumElement;

/// Runs longer than this are split in two (NumPy's `PW_BLOCKSIZE`).
const BLOCK: usize = 128;

/// Sums and products in an accumulator type, rounding as NumPy's loops do.
pub(crate) trait Accumulate: NumElement + Send + Sync {
    /// Additive identity.
    const ZERO: Self;
    /// Multiplicative identity.
    const ONE: Self;
    /// `a + b` (wrapping for integers).
    fn add(self, other: Self) -> Self;
    /// `a * b` (wrapping for integers).
    fn mul(self, other: Self) -> Self;
    /// `a - b` (wrapping for integers; `!=` for bool, as NumPy's `diff` does).
    fn sub(self, other: Self) -> Self;
    /// Whether this is a NaN (never for integers).
    fn is_nan(self) -> bool {
        false
    }
    /// `self / n` for a count, in this type (floats); integers go through `f64`.
    fn div_count(self, n: f64) -> Self;
    /// The sum of `f(0), ..., f(n - 1)` in NumPy's order: pairwise for floats and complex,
    /// sequential (exact anyway) for integers.
    fn sum_run(n: usize, f: &(impl Fn(usize) -> Self + Sync)) -> Self {
        (0..n).fold(Self::ZERO, |acc, i| acc.add(f(i)))
    }
}

macro_rules! int_accumulate {
    ($($t:ty),*) => {$(
        impl Accumulate for $t {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            #[inline(always)]
            fn add(self, other: Self) -> Self { self.wrapping_add(other) }
            #[inline(always)]
            fn mul(self, other: Self) -> Self { self.wrapping_mul(other) }
            #[inline(always)]
            fn sub(self, other: Self) -> Self { self.wrapping_sub(other) }
            fn div_count(self, n: f64) -> Self { (self as f64 / n) as $t }
        }
    )*};
}
int_accumulate!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Accumulate for bool {
    const ZERO: Self = false;
    const ONE: Self = true;
    fn add(self, other: Self) -> Self {
        self | other
    }
    fn mul(self, other: Self) -> Self {
        self & other
    }
    fn sub(self, other: Self) -> Self {
        self != other
    }
    fn div_count(self, n: f64) -> Self {
        (self as u8 as f64 / n) != 0.0
    }
}

macro_rules! float_accumulate {
    ($($t:ty),*) => {$(
        impl Accumulate for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            #[inline(always)]
            fn add(self, other: Self) -> Self { self + other }
            #[inline(always)]
            fn mul(self, other: Self) -> Self { self * other }
            #[inline(always)]
            fn sub(self, other: Self) -> Self { self - other }
            #[inline(always)]
            fn is_nan(self) -> bool { <$t>::is_nan(self) }
            fn div_count(self, n: f64) -> Self { self / n as $t }
            fn sum_run(n: usize, f: &(impl Fn(usize) -> Self + Sync)) -> Self {
                pairwise_real::<$t>(0, n, f)
            }
        }
    )*};
}
float_accumulate!(f32, f64);

impl Accumulate for Complex64 {
    const ZERO: Self = Complex64::new(0.0, 0.0);
    const ONE: Self = Complex64::new(1.0, 0.0);
    fn add(self, other: Self) -> Self {
        self + other
    }
    fn mul(self, other: Self) -> Self {
        self * other
    }
    fn sub(self, other: Self) -> Self {
        self - other
    }
    fn is_nan(self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
    fn div_count(self, n: f64) -> Self {
        Complex64::new(self.re / n, self.im / n)
    }
    fn sum_run(n: usize, f: &(impl Fn(usize) -> Self + Sync)) -> Self {
        pairwise_complex(0, n, f)
    }
}

/// The float operations pairwise summation needs.
pub(crate) trait Real: Copy + Send + Sync + std::ops::Add<Output = Self> + std::ops::AddAssign {
    const NEG_ZERO: Self;
}
impl Real for f32 {
    const NEG_ZERO: Self = -0.0;
}
impl Real for f64 {
    const NEG_ZERO: Self = -0.0;
}

/// NumPy's `pairwise_sum`: runs under 8 add sequentially, runs up to 128 use eight interleaved
/// accumulators, longer runs split in two at a multiple of 8. The top split of a long run is
/// taken on two threads (same association, so the same result).
fn pairwise_real<F: Real>(lo: usize, n: usize, f: &(impl Fn(usize) -> F + Sync)) -> F {
    if n < 8 {
        let mut res = F::NEG_ZERO;
        for i in lo..lo + n {
            res += f(i);
        }
        res
    } else if n <= BLOCK {
        let mut r = [
            f(lo),
            f(lo + 1),
            f(lo + 2),
            f(lo + 3),
            f(lo + 4),
            f(lo + 5),
            f(lo + 6),
            f(lo + 7),
        ];
        let end = lo + n - n % 8;
        let mut i = lo + 8;
        while i < end {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc += f(i + j);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < lo + n {
            res += f(i);
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        if n >= super::plan::PARALLEL_MIN {
            let (a, b) = rayon::join(|| pairwise_real(lo, n2, f), || pairwise_real(lo + n2, n - n2, f));
            a + b
        } else {
            pairwise_real(lo, n2, f) + pairwise_real(lo + n2, n - n2, f)
        }
    }
}

/// NumPy's complex `pairwise_sum`, which counts in floats: blocks of four complex numbers with
/// separate real and imaginary accumulators.
fn pairwise_complex(lo: usize, n: usize, f: &(impl Fn(usize) -> Complex64 + Sync)) -> Complex64 {
    let floats = 2 * n;
    if floats < 8 {
        let (mut re, mut im) = (-0.0, -0.0);
        for i in lo..lo + n {
            let z = f(i);
            re += z.re;
            im += z.im;
        }
        Complex64::new(re, im)
    } else if floats <= BLOCK {
        let mut r = [0.0f64; 8];
        for k in 0..4 {
            let z = f(lo + k);
            r[2 * k] = z.re;
            r[2 * k + 1] = z.im;
        }
        let end = lo + (floats - floats % 8) / 2;
        let mut i = lo + 4;
        while i < end {
            for k in 0..4 {
                let z = f(i + k);
                r[2 * k] += z.re;
                r[2 * k + 1] += z.im;
            }
            i += 4;
        }
        let mut re = (r[0] + r[2]) + (r[4] + r[6]);
        let mut im = (r[1] + r[3]) + (r[5] + r[7]);
        while i < lo + n {
            let z = f(i);
            re += z.re;
            im += z.im;
            i += 1;
        }
        Complex64::new(re, im)
    } else {
        let mut n2 = floats / 2;
        n2 -= n2 % 8;
        let m2 = n2 / 2;
        let a = pairwise_complex(lo, m2, f);
        let b = pairwise_complex(lo + m2, n - m2, f);
        Complex64::new(a.re + b.re, a.im + b.im)
    }
}

/// NumPy's orderings for `maximum`/`minimum` (NaN wins) and `fmax`/`fmin` (NaN loses);
/// complex numbers compare lexicographically.
pub(crate) trait Ordered: Accumulate {
    /// The least value (the start of a running maximum).
    const LOWEST: Self;
    /// The greatest value.
    const HIGHEST: Self;
    /// A NaN, or `LOWEST` for types without one (the start of `fmax`).
    const NAN_OR_LOWEST: Self;
    /// A NaN, or `HIGHEST` for types without one (the start of `fmin`).
    const NAN_OR_HIGHEST: Self;
    /// `self > other` (false when either is NaN).
    fn gt(self, other: Self) -> bool;
    /// `self < other` (false when either is NaN).
    fn lt(self, other: Self) -> bool;

    /// NumPy's `maximum`: a NaN on either side propagates.
    #[inline(always)]
    fn maximum(self, x: Self) -> Self {
        if x.gt(self) | x.is_nan() { x } else { self }
    }
    /// NumPy's `minimum`.
    #[inline(always)]
    fn minimum(self, x: Self) -> Self {
        if x.lt(self) | x.is_nan() { x } else { self }
    }
    /// NumPy's `fmax`: a NaN loses to a number.
    #[inline(always)]
    fn fmax(self, x: Self) -> Self {
        if x.gt(self) | self.is_nan() { x } else { self }
    }
    /// NumPy's `fmin`.
    #[inline(always)]
    fn fmin(self, x: Self) -> Self {
        if x.lt(self) | self.is_nan() { x } else { self }
    }
}

macro_rules! int_ordered {
    ($($t:ty),*) => {$(
        impl Ordered for $t {
            const LOWEST: Self = <$t>::MIN;
            const HIGHEST: Self = <$t>::MAX;
            const NAN_OR_LOWEST: Self = <$t>::MIN;
            const NAN_OR_HIGHEST: Self = <$t>::MAX;
            #[inline(always)]
            fn gt(self, other: Self) -> bool { self > other }
            #[inline(always)]
            fn lt(self, other: Self) -> bool { self < other }
        }
    )*};
}
int_ordered!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Ordered for bool {
    const LOWEST: Self = false;
    const HIGHEST: Self = true;
    const NAN_OR_LOWEST: Self = false;
    const NAN_OR_HIGHEST: Self = true;
    fn gt(self, other: Self) -> bool {
        self & !other
    }
    fn lt(self, other: Self) -> bool {
        !self & other
    }
}

macro_rules! float_ordered {
    ($($t:ty),*) => {$(
        impl Ordered for $t {
            const LOWEST: Self = <$t>::NEG_INFINITY;
            const HIGHEST: Self = <$t>::INFINITY;
            const NAN_OR_LOWEST: Self = <$t>::NAN;
            const NAN_OR_HIGHEST: Self = <$t>::NAN;
            #[inline(always)]
            fn gt(self, other: Self) -> bool { self > other }
            #[inline(always)]
            fn lt(self, other: Self) -> bool { self < other }
        }
    )*};
}
float_ordered!(f32, f64);

impl Ordered for Complex64 {
    const LOWEST: Self = Complex64::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    const HIGHEST: Self = Complex64::new(f64::INFINITY, f64::INFINITY);
    const NAN_OR_LOWEST: Self = Complex64::new(f64::NAN, f64::NAN);
    const NAN_OR_HIGHEST: Self = Complex64::new(f64::NAN, f64::NAN);
    fn gt(self, other: Self) -> bool {
        self.re > other.re || (self.re == other.re && self.im > other.im)
    }
    fn lt(self, other: Self) -> bool {
        self.re < other.re || (self.re == other.re && self.im < other.im)
    }
}

/// Element types whose mean and variance NumPy computes in their own type (floats, complex).
pub(crate) trait Moments: Accumulate {
    /// The type of the variance (`float64` for `complex128`).
    type Real: RealFloat;
    /// `|self - mean|²`, as NumPy's `x = a - mean; x * conj(x)` rounds it.
    fn dev2(self, mean: Self) -> Self::Real;
    /// `self / n` computed in `float64` and cast back (NumPy's `_divide_by_count` with an
    /// integer count array).
    fn div_wide(self, n: f64) -> Self;
}

/// `float32` and `float64`.
pub(crate) trait RealFloat: Ordered + Moments<Real = Self> + PartialOrd {
    /// Square root.
    fn sqrt(self) -> Self;
    /// A NaN.
    const NAN: Self;
}

macro_rules! float_moments {
    ($($t:ty),*) => {$(
        impl Moments for $t {
            type Real = $t;
            #[inline(always)]
            fn dev2(self, mean: Self) -> Self { let d = self - mean; d * d }
            fn div_wide(self, n: f64) -> Self { (self as f64 / n) as $t }
        }
        impl RealFloat for $t {
            fn sqrt(self) -> Self { <$t>::sqrt(self) }
            const NAN: Self = <$t>::NAN;
        }
    )*};
}
float_moments!(f32, f64);

impl Moments for Complex64 {
    type Real = f64;
    #[inline(always)]
    fn dev2(self, mean: Self) -> f64 {
        let d = self - mean;
        d.re * d.re + d.im * d.im
    }
    fn div_wide(self, n: f64) -> Self {
        self.div_count(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_matches_numpy_blocking() {
        // 1..=300 in thirds: values NumPy's np.sum gives bit for bit (checked with NumPy 2.4).
        let xs: Vec<f64> = (1..=300).map(|i| i as f64 / 3.0).collect();
        let s = f64::sum_run(xs.len(), &|i| xs[i]);
        assert_eq!(s, 15050.0);
        let c = Complex64::sum_run(3, &|i| Complex64::new(i as f64, 1.0));
        assert_eq!(c, Complex64::new(3.0, 3.0));
    }

    #[test]
    fn nan_orderings() {
        assert!(Ordered::maximum(1.0f64, f64::NAN).is_nan());
        assert!(Ordered::maximum(f64::NAN, 1.0).is_nan());
        assert_eq!(f64::NAN.fmax(1.0), 1.0);
        assert_eq!(1.0f64.fmax(f64::NAN), 1.0);
        assert_eq!(3i8.minimum(-2), -2);
    }
}
