//! [`Generator`]: NumPy's `np.random.Generator` on a [`Pcg64`] bit generator, with the
//! distributions whose streams match NumPy 2.4 bit for bit.
//!
//! Each distribution has four forms, following NumPy's `size` argument: `name(.., size)`
//! returns an [`Array`] of that shape, `name_scalar(..)` a single value (NumPy's `size=None`,
//! which returns a Python scalar), and `try_` twins of both return NumPy's errors instead of
//! panicking. Parameters are scalars (NumPy's array-valued parameters are not supported yet).

use crate::array::Array;
use crate::creation::ShapeArg;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{ArrayError, ErrorKind, OrRaise, Result};
use crate::scalar::Scalar;

use super::bounded;
use super::continuous;
use super::discrete::{BinomialCache, Poisson};
use super::pcg64::Pcg64;
use super::seed::Seed;
use super::ziggurat;

/// The largest Poisson mean NumPy accepts: `int64` max minus ten standard deviations.
fn poisson_lam_max() -> f64 {
    i64::MAX as f64 - (i64::MAX as f64).sqrt() * 10.0
}

/// NumPy's `np.random.default_rng(seed)`: a [`Generator`] on [`Pcg64`] seeded through a
/// [`SeedSequence`](super::SeedSequence). Panics on a negative seed.
///
/// ```
/// use arraylib::default_rng;
/// let mut rng = default_rng(42);
/// assert_eq!(rng.random_scalar(), 0.7739560485559633);
/// let x = rng.standard_normal([1000, 20]);
/// assert_eq!(x.shape(), &[1000, 20]);
/// let i = rng.integers(0, 10, 5);
/// assert_eq!(i.dtype(), arraylib::DType::Int64);
/// ```
pub fn default_rng(seed: impl Into<Seed>) -> Generator {
    try_default_rng(seed).or_raise()
}

/// [`default_rng`] with NumPy's `ValueError` for a negative seed.
///
/// ```
/// let err = arraylib::random::try_default_rng(-1).unwrap_err();
/// assert_eq!(err.to_string(), "ValueError: expected non-negative integer");
/// ```
pub fn try_default_rng(seed: impl Into<Seed>) -> Result<Generator> {
    Ok(Generator::new(Pcg64::try_new(seed)?))
}

/// NumPy's `Generator`: draws from distributions with a [`Pcg64`] bit generator.
///
/// ```
/// use arraylib::random::{Generator, Pcg64};
/// let mut rng = Generator::new(Pcg64::new(0));
/// assert_eq!(rng.random_scalar(), 0.6369616873214543);
/// assert_eq!(rng.to_string(), "Generator(PCG64)");
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    pub(super) bg: Pcg64,
    binomial: BinomialCache,
}

impl std::fmt::Display for Generator {
    /// NumPy's `repr` without the address: `Generator(PCG64)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Generator(PCG64)")
    }
}

/// Fails with NumPy's message when a parameter breaks its constraint.
fn require(ok: bool, message: impl FnOnce() -> String) -> Result<()> {
    if ok { Ok(()) } else { Err(ArrayError::value(message())) }
}

/// NumPy's `CONS_NON_NEGATIVE`: negative values (also `-0.0`) fail, NaN passes.
fn non_negative(value: f64, name: &str) -> Result<()> {
    require(value.is_nan() || !value.is_sign_negative(), || format!("{name} < 0"))
}

/// NumPy's `CONS_POSITIVE`.
fn positive(value: f64, name: &str) -> Result<()> {
    require(value > 0.0 || value.is_nan(), || format!("{name} <= 0"))
}

impl Generator {
    /// A generator drawing from `bit_generator` (NumPy's `Generator(PCG64(seed))`).
    ///
    /// ```
    /// use arraylib::random::{Generator, Pcg64};
    /// let rng = Generator::new(Pcg64::new(3));
    /// assert_eq!(rng.bit_generator().state(), Pcg64::new(3).state());
    /// ```
    pub fn new(bit_generator: Pcg64) -> Generator {
        Generator {
            bg: bit_generator,
            binomial: BinomialCache::default(),
        }
    }

    /// The bit generator (NumPy's `rng.bit_generator`).
    ///
    /// ```
    /// let rng = arraylib::default_rng(42);
    /// assert_eq!(rng.bit_generator().state().inc, 0xfa505436c9a8416e66caf2e28d25abff);
    /// ```
    pub fn bit_generator(&self) -> &Pcg64 {
        &self.bg
    }

    /// The bit generator, mutably (to save and restore its state, or draw raw bits).
    ///
    /// ```
    /// let mut rng = arraylib::default_rng(0);
    /// let saved = rng.bit_generator().state();
    /// let a = rng.random_scalar();
    /// rng.bit_generator_mut().set_state(saved);
    /// assert_eq!(rng.random_scalar(), a);
    /// ```
    pub fn bit_generator_mut(&mut self) -> &mut Pcg64 {
        &mut self.bg
    }

    /// `n` independent child generators from spawned seed sequences (NumPy's
    /// `rng.spawn(n)`).
    ///
    /// ```
    /// let mut rng = arraylib::default_rng(42);
    /// let mut kids = rng.spawn(2);
    /// assert_eq!(kids[0].random_scalar(), 0.9167441575549085);
    /// assert_eq!(kids[1].random_scalar(), 0.4674907799518424);
    /// ```
    pub fn spawn(&mut self, n: usize) -> Vec<Generator> {
        self.bg.spawn(n).into_iter().map(Generator::new).collect()
    }

    /// An array of `size` filled with `draw`, in C order, as NumPy's fill loops do.
    fn fill<T: Element>(&mut self, size: impl ShapeArg, mut draw: impl FnMut(&mut Self) -> T) -> Result<Array> {
        let shape = size.to_shape()?;
        let values: Vec<T> = (0..shape.iter().product()).map(|_| draw(self)).collect();
        Array::from_shape_vec(shape, values)
    }

    // ---- uniform ------------------------------------------------------------------------------

    /// Floats in `[0, 1)` (NumPy's `rng.random(size)`), each from the top 53 bits of one
    /// 64-bit output.
    ///
    /// ```
    /// let x = arraylib::default_rng(42).random(3);
    /// assert_eq!(x.to_vec::<f64>().unwrap(), vec![0.7739560485559633, 0.4388784397520523, 0.8585979199113825]);
    /// ```
    pub fn random(&mut self, size: impl ShapeArg) -> Array {
        self.try_random(size).or_raise()
    }

    /// [`Generator::random`], failing on a negative dimension.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_random([2, -1]).is_err());
    /// ```
    pub fn try_random(&mut self, size: impl ShapeArg) -> Result<Array> {
        self.fill(size, |g| g.bg.next_f64())
    }

    /// Floats in `[0, 1)` of `dtype` (NumPy's `rng.random(size, dtype)`): `float64`, or
    /// `float32` from 24 bits of a 32-bit draw.
    ///
    /// ```
    /// use arraylib::DType;
    /// let x = arraylib::default_rng(42).random_with(2, DType::Float32);
    /// assert_eq!(x.to_vec::<f32>().unwrap(), vec![0.08925092, 0.773956]);
    /// ```
    pub fn random_with(&mut self, size: impl ShapeArg, dtype: DType) -> Array {
        self.try_random_with(size, dtype).or_raise()
    }

    /// [`Generator::random_with`], with NumPy's `TypeError` for other dtypes.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_random_with(2, arraylib::DType::Int64).is_err());
    /// ```
    pub fn try_random_with(&mut self, size: impl ShapeArg, dtype: DType) -> Result<Array> {
        match dtype {
            DType::Float64 => self.try_random(size),
            DType::Float32 => self.fill(size, |g| g.bg.next_f32()),
            other => Err(unsupported_dtype(other, "random")),
        }
    }

    /// One float in `[0, 1)` (NumPy's `rng.random()`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).random_scalar(), 0.7739560485559633);
    /// ```
    pub fn random_scalar(&mut self) -> f64 {
        self.bg.next_f64()
    }

    fn check_uniform(low: f64, high: f64) -> Result<f64> {
        let range = high - low;
        if !range.is_finite() {
            return Err(ArrayError::new(
                ErrorKind::Overflow,
                "high - low range exceeds valid bounds",
            ));
        }
        non_negative(range, "high - low")?;
        Ok(range)
    }

    /// Floats in `[low, high)`: `low + (high - low) * random()` (NumPy's
    /// `rng.uniform(low, high, size)`). Panics when `high < low`.
    ///
    /// ```
    /// let x = arraylib::default_rng(42).uniform(-1, 1, 2);
    /// assert_eq!(x.to_vec::<f64>().unwrap(), vec![0.5479120971119267, -0.12224312049589536]);
    /// ```
    pub fn uniform(&mut self, low: impl Into<f64>, high: impl Into<f64>, size: impl ShapeArg) -> Array {
        self.try_uniform(low, high, size).or_raise()
    }

    /// [`Generator::uniform`] with NumPy's errors: `ValueError` "high - low < 0",
    /// `OverflowError` for an infinite range.
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_uniform(1, 0, 3).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: high - low < 0");
    /// ```
    pub fn try_uniform(&mut self, low: impl Into<f64>, high: impl Into<f64>, size: impl ShapeArg) -> Result<Array> {
        let low = low.into();
        let range = Self::check_uniform(low, high.into())?;
        self.fill(size, |g| low + range * g.bg.next_f64())
    }

    /// One float in `[low, high)` (NumPy's `rng.uniform(low, high)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).uniform_scalar(-1, 1), 0.5479120971119267);
    /// ```
    pub fn uniform_scalar(&mut self, low: impl Into<f64>, high: impl Into<f64>) -> f64 {
        self.try_uniform_scalar(low, high).or_raise()
    }

    /// [`Generator::uniform_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_uniform_scalar(0.0, f64::INFINITY).is_err());
    /// ```
    pub fn try_uniform_scalar(&mut self, low: impl Into<f64>, high: impl Into<f64>) -> Result<f64> {
        let low = low.into();
        let range = Self::check_uniform(low, high.into())?;
        Ok(low + range * self.bg.next_f64())
    }

    // ---- normal -------------------------------------------------------------------------------

    /// Standard normal draws by NumPy's 256-layer ziggurat (NumPy's
    /// `rng.standard_normal(size)`).
    ///
    /// ```
    /// let x = arraylib::default_rng(42).standard_normal([2, 2]);
    /// assert_eq!(x.shape(), &[2, 2]);
    /// assert_eq!(x.to_vec::<f64>().unwrap()[..2], [0.30471707975443135, -1.0399841062404955]);
    /// ```
    pub fn standard_normal(&mut self, size: impl ShapeArg) -> Array {
        self.try_standard_normal(size).or_raise()
    }

    /// [`Generator::standard_normal`], failing on a negative dimension.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_standard_normal(-3).is_err());
    /// ```
    pub fn try_standard_normal(&mut self, size: impl ShapeArg) -> Result<Array> {
        self.fill(size, |g| ziggurat::standard_normal(&mut g.bg))
    }

    /// Standard normal draws of `dtype` (NumPy's `rng.standard_normal(size, dtype)`):
    /// `float64`, or `float32` by NumPy's single-precision ziggurat.
    ///
    /// ```
    /// use arraylib::DType;
    /// let x = arraylib::default_rng(42).standard_normal_with(2, DType::Float32);
    /// assert_eq!(x.to_vec::<f32>().unwrap(), vec![0.14190717, -1.6685079]);
    /// ```
    pub fn standard_normal_with(&mut self, size: impl ShapeArg, dtype: DType) -> Array {
        self.try_standard_normal_with(size, dtype).or_raise()
    }

    /// [`Generator::standard_normal_with`], with NumPy's `TypeError` for other dtypes.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_standard_normal_with(2, arraylib::DType::Int8).is_err());
    /// ```
    pub fn try_standard_normal_with(&mut self, size: impl ShapeArg, dtype: DType) -> Result<Array> {
        match dtype {
            DType::Float64 => self.try_standard_normal(size),
            DType::Float32 => self.fill(size, |g| ziggurat::standard_normal_f32(&mut g.bg)),
            other => Err(unsupported_dtype(other, "standard_normal")),
        }
    }

    /// One standard normal draw (NumPy's `rng.standard_normal()`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(0).standard_normal_scalar(), 0.1257302210933933);
    /// ```
    pub fn standard_normal_scalar(&mut self) -> f64 {
        ziggurat::standard_normal(&mut self.bg)
    }

    /// Normal draws `loc + scale * z` (NumPy's `rng.normal(loc, scale, size)`).
    ///
    /// ```
    /// let x = arraylib::default_rng(42).normal(1, 2, 2);
    /// assert_eq!(x.to_vec::<f64>().unwrap(), vec![1.6094341595088628, -1.079968212480991]);
    /// ```
    pub fn normal(&mut self, loc: impl Into<f64>, scale: impl Into<f64>, size: impl ShapeArg) -> Array {
        self.try_normal(loc, scale, size).or_raise()
    }

    /// [`Generator::normal`] with NumPy's `ValueError` "scale < 0".
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_normal(0, -1, 2).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: scale < 0");
    /// ```
    pub fn try_normal(&mut self, loc: impl Into<f64>, scale: impl Into<f64>, size: impl ShapeArg) -> Result<Array> {
        let (loc, scale) = (loc.into(), scale.into());
        non_negative(scale, "scale")?;
        self.fill(size, |g| loc + scale * ziggurat::standard_normal(&mut g.bg))
    }

    /// One normal draw (NumPy's `rng.normal(loc, scale)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).normal_scalar(1, 2), 1.6094341595088628);
    /// ```
    pub fn normal_scalar(&mut self, loc: impl Into<f64>, scale: impl Into<f64>) -> f64 {
        self.try_normal_scalar(loc, scale).or_raise()
    }

    /// [`Generator::normal_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_normal_scalar(0.0, -0.0).is_err());
    /// ```
    pub fn try_normal_scalar(&mut self, loc: impl Into<f64>, scale: impl Into<f64>) -> Result<f64> {
        let (loc, scale) = (loc.into(), scale.into());
        non_negative(scale, "scale")?;
        Ok(loc + scale * ziggurat::standard_normal(&mut self.bg))
    }

    // ---- exponential, gamma, beta ---------------------------------------------------------

    /// Standard exponential draws by NumPy's ziggurat (NumPy's
    /// `rng.standard_exponential(size)`, method `'zig'`).
    ///
    /// ```
    /// let x = arraylib::default_rng(42).standard_exponential(2);
    /// assert_eq!(x.to_vec::<f64>().unwrap(), vec![2.4042086039659947, 2.3361896558244535]);
    /// ```
    pub fn standard_exponential(&mut self, size: impl ShapeArg) -> Array {
        self.try_standard_exponential(size).or_raise()
    }

    /// [`Generator::standard_exponential`], failing on a negative dimension.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_standard_exponential([-1]).is_err());
    /// ```
    pub fn try_standard_exponential(&mut self, size: impl ShapeArg) -> Result<Array> {
        self.fill(size, |g| ziggurat::standard_exponential(&mut g.bg))
    }

    /// Exponential draws with mean `scale` (NumPy's `rng.exponential(scale, size)`).
    ///
    /// ```
    /// let x = arraylib::default_rng(42).exponential(2, 2);
    /// assert_eq!(x.to_vec::<f64>().unwrap(), vec![4.808417207931989, 4.672379311648907]);
    /// ```
    pub fn exponential(&mut self, scale: impl Into<f64>, size: impl ShapeArg) -> Array {
        self.try_exponential(scale, size).or_raise()
    }

    /// [`Generator::exponential`] with NumPy's `ValueError` "scale < 0".
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_exponential(-1, 2).is_err());
    /// ```
    pub fn try_exponential(&mut self, scale: impl Into<f64>, size: impl ShapeArg) -> Result<Array> {
        let scale = scale.into();
        non_negative(scale, "scale")?;
        self.fill(size, |g| scale * ziggurat::standard_exponential(&mut g.bg))
    }

    /// One exponential draw (NumPy's `rng.exponential(scale)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).exponential_scalar(2), 4.808417207931989);
    /// ```
    pub fn exponential_scalar(&mut self, scale: impl Into<f64>) -> f64 {
        self.try_exponential_scalar(scale).or_raise()
    }

    /// [`Generator::exponential_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_exponential_scalar(-1).is_err());
    /// ```
    pub fn try_exponential_scalar(&mut self, scale: impl Into<f64>) -> Result<f64> {
        let scale = scale.into();
        non_negative(scale, "scale")?;
        Ok(scale * ziggurat::standard_exponential(&mut self.bg))
    }

    /// Gamma draws with `shape` (k) and `scale` (θ) (NumPy's `rng.gamma(shape, scale, size)`).
    ///
    /// ```
    /// let x = arraylib::default_rng(42).gamma(2, 1.5, 2);
    /// assert_eq!(x.to_vec::<f64>().unwrap(), vec![3.137725905749924, 4.253018384678798]);
    /// ```
    pub fn gamma(&mut self, shape: impl Into<f64>, scale: impl Into<f64>, size: impl ShapeArg) -> Array {
        self.try_gamma(shape, scale, size).or_raise()
    }

    /// [`Generator::gamma`] with NumPy's errors "shape < 0", "scale < 0".
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_gamma(-1, 1, 2).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: shape < 0");
    /// ```
    pub fn try_gamma(&mut self, shape: impl Into<f64>, scale: impl Into<f64>, size: impl ShapeArg) -> Result<Array> {
        let (shape, scale) = (shape.into(), scale.into());
        non_negative(shape, "shape")?;
        non_negative(scale, "scale")?;
        self.fill(size, |g| scale * continuous::standard_gamma(&mut g.bg, shape))
    }

    /// One gamma draw (NumPy's `rng.gamma(shape, scale)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).gamma_scalar(2, 1.5), 3.137725905749924);
    /// ```
    pub fn gamma_scalar(&mut self, shape: impl Into<f64>, scale: impl Into<f64>) -> f64 {
        self.try_gamma_scalar(shape, scale).or_raise()
    }

    /// [`Generator::gamma_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_gamma_scalar(1, -1).is_err());
    /// ```
    pub fn try_gamma_scalar(&mut self, shape: impl Into<f64>, scale: impl Into<f64>) -> Result<f64> {
        let (shape, scale) = (shape.into(), scale.into());
        non_negative(shape, "shape")?;
        non_negative(scale, "scale")?;
        Ok(scale * continuous::standard_gamma(&mut self.bg, shape))
    }

    /// Beta(a, b) draws (NumPy's `rng.beta(a, b, size)`).
    ///
    /// ```
    /// let x = arraylib::default_rng(42).beta(0.5, 0.5, 2);
    /// assert_eq!(x.to_vec::<f64>().unwrap(), vec![0.7566840941053092, 0.009232118044248207]);
    /// ```
    pub fn beta(&mut self, a: impl Into<f64>, b: impl Into<f64>, size: impl ShapeArg) -> Array {
        self.try_beta(a, b, size).or_raise()
    }

    /// [`Generator::beta`] with NumPy's errors "a <= 0", "b <= 0".
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_beta(0, 1, 2).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: a <= 0");
    /// ```
    pub fn try_beta(&mut self, a: impl Into<f64>, b: impl Into<f64>, size: impl ShapeArg) -> Result<Array> {
        let (a, b) = (a.into(), b.into());
        positive(a, "a")?;
        positive(b, "b")?;
        self.fill(size, |g| continuous::beta(&mut g.bg, a, b))
    }

    /// One beta draw (NumPy's `rng.beta(a, b)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).beta_scalar(0.5, 0.5), 0.7566840941053092);
    /// ```
    pub fn beta_scalar(&mut self, a: impl Into<f64>, b: impl Into<f64>) -> f64 {
        self.try_beta_scalar(a, b).or_raise()
    }

    /// [`Generator::beta_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_beta_scalar(1, 0).is_err());
    /// ```
    pub fn try_beta_scalar(&mut self, a: impl Into<f64>, b: impl Into<f64>) -> Result<f64> {
        let (a, b) = (a.into(), b.into());
        positive(a, "a")?;
        positive(b, "b")?;
        Ok(continuous::beta(&mut self.bg, a, b))
    }

    // ---- binomial, poisson --------------------------------------------------------------------

    fn check_binomial(n: i64, p: f64) -> Result<()> {
        require((0.0..=1.0).contains(&p), || "p < 0, p > 1 or p is NaN".into())?;
        require(n >= 0, || "n < 0".into())
    }

    /// Binomial(n, p) draws as `int64` (NumPy's `rng.binomial(n, p, size)`): inversion when
    /// `n * min(p, 1 - p) <= 30`, BTPE otherwise.
    ///
    /// ```
    /// let x = arraylib::default_rng(42).binomial(100, 0.3, 4);
    /// assert_eq!(x.to_vec::<i64>().unwrap(), vec![33, 29, 35, 32]);
    /// ```
    pub fn binomial(&mut self, n: i64, p: impl Into<f64>, size: impl ShapeArg) -> Array {
        self.try_binomial(n, p, size).or_raise()
    }

    /// [`Generator::binomial`] with NumPy's errors "n < 0", "p < 0, p > 1 or p is NaN".
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_binomial(10, 1.5, 2).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: p < 0, p > 1 or p is NaN");
    /// ```
    pub fn try_binomial(&mut self, n: i64, p: impl Into<f64>, size: impl ShapeArg) -> Result<Array> {
        let p = p.into();
        Self::check_binomial(n, p)?;
        self.fill(size, |g| g.binomial.draw(&mut g.bg, n, p))
    }

    /// One binomial draw (NumPy's `rng.binomial(n, p)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).binomial_scalar(10, 0.5), 6);
    /// ```
    pub fn binomial_scalar(&mut self, n: i64, p: impl Into<f64>) -> i64 {
        self.try_binomial_scalar(n, p).or_raise()
    }

    /// [`Generator::binomial_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_binomial_scalar(-1, 0.5).is_err());
    /// ```
    pub fn try_binomial_scalar(&mut self, n: i64, p: impl Into<f64>) -> Result<i64> {
        let p = p.into();
        Self::check_binomial(n, p)?;
        Ok(self.binomial.draw(&mut self.bg, n, p))
    }

    fn check_poisson(lam: f64) -> Result<()> {
        require(lam >= 0.0, || "lam < 0 or lam is NaN".into())?;
        require(lam <= poisson_lam_max(), || "lam value too large".into())
    }

    /// Poisson(lam) draws as `int64` (NumPy's `rng.poisson(lam, size)`).
    ///
    /// ```
    /// let x = arraylib::default_rng(42).poisson(3, 4);
    /// assert_eq!(x.to_vec::<i64>().unwrap(), vec![4, 4, 5, 1]);
    /// ```
    pub fn poisson(&mut self, lam: impl Into<f64>, size: impl ShapeArg) -> Array {
        self.try_poisson(lam, size).or_raise()
    }

    /// [`Generator::poisson`] with NumPy's errors.
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_poisson(-1, 2).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: lam < 0 or lam is NaN");
    /// ```
    pub fn try_poisson(&mut self, lam: impl Into<f64>, size: impl ShapeArg) -> Result<Array> {
        let lam = lam.into();
        Self::check_poisson(lam)?;
        let poisson = Poisson::new(lam);
        self.fill(size, |g| poisson.draw(&mut g.bg))
    }

    /// One Poisson draw (NumPy's `rng.poisson(lam)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).poisson_scalar(3), 4);
    /// ```
    pub fn poisson_scalar(&mut self, lam: impl Into<f64>) -> i64 {
        self.try_poisson_scalar(lam).or_raise()
    }

    /// [`Generator::poisson_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_poisson_scalar(1e300).is_err());
    /// ```
    pub fn try_poisson_scalar(&mut self, lam: impl Into<f64>) -> Result<i64> {
        let lam = lam.into();
        Self::check_poisson(lam)?;
        Ok(Poisson::new(lam).draw(&mut self.bg))
    }

    // ---- integers ------------------------------------------------------------------------------

    /// Integers in `[low, high)` as `int64` (NumPy's `rng.integers(low, high, size)`), by
    /// Lemire's method; NumPy's one-argument form `integers(high)` is `integers(0, high, ..)`.
    ///
    /// ```
    /// let x = arraylib::default_rng(42).integers(0, 10, 5);
    /// assert_eq!(x.to_vec::<i64>().unwrap(), vec![0, 7, 6, 4, 4]);
    /// ```
    pub fn integers(&mut self, low: impl Into<Scalar>, high: impl Into<Scalar>, size: impl ShapeArg) -> Array {
        self.try_integers(low, high, size).or_raise()
    }

    /// [`Generator::integers`] with NumPy's errors ("low >= high", "high <= 0", "... is out
    /// of bounds for int64").
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_integers(5, 1, 3).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: low >= high");
    /// ```
    pub fn try_integers(
        &mut self,
        low: impl Into<Scalar>,
        high: impl Into<Scalar>,
        size: impl ShapeArg,
    ) -> Result<Array> {
        self.try_integers_with(low, high, size, DType::Int64, false)
    }

    /// Integers of `dtype` (any integer dtype or `bool`) in `[low, high)`, or `[low, high]`
    /// when `endpoint` (NumPy's `rng.integers(low, high, size, dtype, endpoint)`).
    ///
    /// ```
    /// use arraylib::DType;
    /// let x = arraylib::default_rng(42).integers_with(0, 10, 5, DType::Int32, true);
    /// assert_eq!(x.dtype(), DType::Int32);
    /// assert_eq!(x.to_vec::<i32>().unwrap(), vec![0, 8, 7, 4, 4]);
    /// ```
    pub fn integers_with(
        &mut self,
        low: impl Into<Scalar>,
        high: impl Into<Scalar>,
        size: impl ShapeArg,
        dtype: DType,
        endpoint: bool,
    ) -> Array {
        self.try_integers_with(low, high, size, dtype, endpoint).or_raise()
    }

    /// [`Generator::integers_with`] with NumPy's errors (also `TypeError` for a non-integer
    /// dtype).
    ///
    /// ```
    /// use arraylib::DType;
    /// let err = arraylib::default_rng(0).try_integers_with(0, 300, 2, DType::UInt8, false).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: high is out of bounds for uint8");
    /// ```
    pub fn try_integers_with(
        &mut self,
        low: impl Into<Scalar>,
        high: impl Into<Scalar>,
        size: impl ShapeArg,
        dtype: DType,
        endpoint: bool,
    ) -> Result<Array> {
        let shape = size.to_shape()?;
        let count: usize = shape.iter().product();
        if count == 0 {
            // NumPy returns before looking at the bounds.
            return Ok(crate::creation::zeros(shape, integer_dtype(dtype)?));
        }
        let (off, rng) = bounds(low.into(), high.into(), dtype, endpoint)?;
        Ok(self.bounded_fill(off, rng, dtype, &shape))
    }

    /// One `int64` integer in `[low, high)` (NumPy's `rng.integers(low, high)`).
    ///
    /// ```
    /// assert_eq!(arraylib::default_rng(42).integers_scalar(0, 10), 0);
    /// ```
    pub fn integers_scalar(&mut self, low: impl Into<Scalar>, high: impl Into<Scalar>) -> i64 {
        self.try_integers_scalar(low, high).or_raise()
    }

    /// [`Generator::integers_scalar`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_integers_scalar(0, 0).is_err());
    /// ```
    pub fn try_integers_scalar(&mut self, low: impl Into<Scalar>, high: impl Into<Scalar>) -> Result<i64> {
        let (off, rng) = bounds(low.into(), high.into(), DType::Int64, false)?;
        Ok(bounded::bounded_u64(&mut self.bg, off, rng) as i64)
    }

    /// Values `off + [0, rng]` at the width of `dtype`, as an array of `dtype` and `shape`.
    fn bounded_fill(&mut self, off: u64, rng: u64, dtype: DType, shape: &[usize]) -> Array {
        let bg = &mut self.bg;
        let n = shape.iter().product();
        // Offsets and widths are the dtype's unsigned bit patterns: `as` keeps the low bits.
        let (off32, rng32) = (off as u32, rng as u32);
        match dtype {
            DType::Int64 => shaped(
                shape,
                bounded::fill_u64(bg, off, rng, n)
                    .into_iter()
                    .map(|v| v as i64)
                    .collect(),
            ),
            DType::UInt64 => shaped(shape, bounded::fill_u64(bg, off, rng, n)),
            DType::Int32 => shaped(
                shape,
                bounded::fill_u32(bg, off32, rng32, n)
                    .into_iter()
                    .map(|v| v as i32)
                    .collect(),
            ),
            DType::UInt32 => shaped(shape, bounded::fill_u32(bg, off32, rng32, n)),
            DType::Int16 => shaped(
                shape,
                bounded::fill_small::<16>(bg, off32, rng32, n)
                    .into_iter()
                    .map(|v| v as u16 as i16)
                    .collect(),
            ),
            DType::UInt16 => shaped(
                shape,
                bounded::fill_small::<16>(bg, off32, rng32, n)
                    .into_iter()
                    .map(|v| v as u16)
                    .collect(),
            ),
            DType::Int8 => shaped(
                shape,
                bounded::fill_small::<8>(bg, off32, rng32, n)
                    .into_iter()
                    .map(|v| v as u8 as i8)
                    .collect(),
            ),
            DType::UInt8 => shaped(
                shape,
                bounded::fill_small::<8>(bg, off32, rng32, n)
                    .into_iter()
                    .map(|v| v as u8)
                    .collect(),
            ),
            DType::Bool => shaped(shape, bounded::fill_bool(bg, off != 0, rng != 0, n)),
            _ => unreachable!("bounds() accepts integer dtypes only"),
        }
    }
}

/// NumPy's `TypeError` for a dtype a method does not draw.
fn unsupported_dtype(dtype: DType, method: &str) -> ArrayError {
    ArrayError::type_error(format!("Unsupported dtype dtype('{dtype}') for {method}"))
}

/// Integer dtypes `integers` draws; others are NumPy's `TypeError`.
fn integer_dtype(dtype: DType) -> Result<DType> {
    if dtype.kind().is_integer() || dtype == DType::Bool {
        Ok(dtype)
    } else {
        Err(ArrayError::type_error(format!(
            "Unsupported dtype dtype('{dtype}') for integers"
        )))
    }
}

/// A Python integer bound: floats truncate (NumPy calls `int()` on them).
fn bound_value(value: &Scalar) -> Result<i128> {
    match value {
        Scalar::Int(v) => Ok(*v),
        Scalar::Bool(b) => Ok(i128::from(*b)),
        Scalar::Float(f) if f.is_finite() => Ok(f.trunc() as i128),
        Scalar::Float(f) => Err(ArrayError::value(format!("cannot convert float {f} to integer"))),
        other => Err(ArrayError::type_error(format!(
            "integers bounds must be integers, not {other:?}"
        ))),
    }
}

/// NumPy's bound checks of `integers` (`_bounded_integers.pyx`): the offset and the width of
/// the closed range, both as the dtype's unsigned bits.
fn bounds(low: Scalar, high: Scalar, dtype: DType, endpoint: bool) -> Result<(u64, u64)> {
    let dtype = integer_dtype(dtype)?;
    let low = bound_value(&low)?;
    let high = bound_value(&high)? - i128::from(!endpoint);
    let (min, max): (i128, i128) = match dtype {
        DType::Bool => (0, 1),
        DType::Int8 => (i8::MIN.into(), i8::MAX.into()),
        DType::Int16 => (i16::MIN.into(), i16::MAX.into()),
        DType::Int32 => (i32::MIN.into(), i32::MAX.into()),
        DType::Int64 => (i64::MIN.into(), i64::MAX.into()),
        DType::UInt8 => (0, u8::MAX.into()),
        DType::UInt16 => (0, u16::MAX.into()),
        DType::UInt32 => (0, u32::MAX.into()),
        _ => (0, u64::MAX.into()),
    };
    if low < min {
        return Err(ArrayError::value(format!("low is out of bounds for {dtype}")));
    }
    if high > max {
        return Err(ArrayError::value(format!("high is out of bounds for {dtype}")));
    }
    if low > high {
        let message = match (low == 0, endpoint) {
            (true, false) => "high <= 0",
            (true, true) => "high < 0",
            (false, false) => "low >= high",
            (false, true) => "low > high",
        };
        return Err(ArrayError::value(message));
    }
    // Two's complement wrap: the offset's bit pattern, and the (non-negative) width.
    Ok((low as u64, (high - low) as u64))
}

/// `values` (one per element, C order) as an array of `shape`.
fn shaped<T: Element>(shape: &[usize], values: Vec<T>) -> Array {
    Array::from_shape_vec(shape, values).expect("one value per element")
}
