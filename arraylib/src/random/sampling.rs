//! Sampling and reordering: `choice`, `shuffle`, `permutation` and `permuted`, drawing the
//! same numbers in the same order as NumPy's `Generator` (`_generator.pyx`).
//!
//! Two integer draws coexist here, as in NumPy: the reorderings use masked rejection
//! (`random_interval`), while `choice` without replacement uses Lemire's bounded draws
//! (Floyd's algorithm, or a partial Fisher-Yates for large samples of large populations).

use std::collections::HashSet;

use crate::array::{Array, Layout, Order, dispatch};
use crate::axes::{Axes, normalize_axis};
use crate::buffer::Storage;
use crate::creation::ShapeArg;
use crate::dtype::{DType, DTypeKind};
use crate::element::Element;
use crate::error::{ArrayError, OrRaise, Result};

use super::bounded;
use super::generator::Generator;
use super::pcg64::Pcg64;

/// What [`Generator::choice`] and [`Generator::permutation`] draw from: an integer `n`
/// (standing for `arange(n)`), or the items of an array along an axis.
///
/// ```
/// use arraylib::{array, random::Population};
/// let from_int = Population::from(5);
/// let from_array = Population::from(&array![1.5, 2.5]);
/// # let _ = (from_int, from_array);
/// ```
#[derive(Debug)]
pub struct Population(Array);

impl<T: Into<Array>> From<T> for Population {
    fn from(value: T) -> Population {
        Population(value.into())
    }
}

impl From<usize> for Population {
    /// `arange(n)`: Rust's natural type for a count.
    fn from(n: usize) -> Population {
        Population(Array::scalar(n as i64))
    }
}

impl From<&Array> for Population {
    /// Draws from the items of the array (it is read, never changed).
    fn from(array: &Array) -> Population {
        Population(array.alias())
    }
}

impl Population {
    /// `Some(n)` when this is an integer population (a 0-d integer array).
    fn count(&self) -> Result<Option<i64>> {
        let a = &self.0;
        if a.ndim() > 0 {
            return Ok(None);
        }
        match a.dtype().kind() {
            DTypeKind::Int | DTypeKind::UInt | DTypeKind::Bool => Ok(Some(a.astype(DType::Int64)?.to_vec::<i64>()?[0])),
            _ => Err(ArrayError::value(
                "a must be a sequence or an integer, not <class 'numpy.ndarray'>",
            )),
        }
    }
}

/// The options of [`Generator::choice_with`], NumPy's keyword arguments of `choice`
/// (defaults: with replacement, uniform, along axis 0, shuffled).
///
/// ```
/// use arraylib::random::{default_rng, ChoiceOptions};
/// let opts = ChoiceOptions::new().replace(false).p(vec![0.1, 0.0, 0.3, 0.6, 0.0]);
/// let x = default_rng(42).choice_with(5, 3, opts);
/// assert_eq!(x.to_vec::<i64>().unwrap(), vec![3, 2, 0]);
/// ```
#[derive(Clone, Debug)]
pub struct ChoiceOptions {
    replace: bool,
    p: Option<Array>,
    axis: isize,
    shuffle: bool,
}

impl Default for ChoiceOptions {
    fn default() -> Self {
        ChoiceOptions {
            replace: true,
            p: None,
            axis: 0,
            shuffle: true,
        }
    }
}

impl ChoiceOptions {
    /// The defaults: `replace=True, p=None, axis=0, shuffle=True`.
    ///
    /// ```
    /// let opts = arraylib::random::ChoiceOptions::new();
    /// # let _ = opts;
    /// ```
    pub fn new() -> Self {
        ChoiceOptions::default()
    }

    /// Whether an item may be drawn more than once.
    ///
    /// ```
    /// let opts = arraylib::random::ChoiceOptions::new().replace(false);
    /// # let _ = opts;
    /// ```
    pub fn replace(mut self, replace: bool) -> Self {
        self.replace = replace;
        self
    }

    /// The probability of each item (1-D, summing to 1).
    ///
    /// ```
    /// let opts = arraylib::random::ChoiceOptions::new().p([0.25, 0.75]);
    /// # let _ = opts;
    /// ```
    pub fn p(mut self, p: impl Into<Array>) -> Self {
        self.p = Some(p.into());
        self
    }

    /// The axis of an array population along which items are taken.
    ///
    /// ```
    /// let opts = arraylib::random::ChoiceOptions::new().axis(1);
    /// # let _ = opts;
    /// ```
    pub fn axis(mut self, axis: isize) -> Self {
        self.axis = axis;
        self
    }

    /// Whether a sample without replacement is shuffled (else its order is left as drawn).
    ///
    /// ```
    /// let opts = arraylib::random::ChoiceOptions::new().replace(false).shuffle(false);
    /// # let _ = opts;
    /// ```
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }
}

/// NumPy's `kahan_sum`, used to check that probabilities sum to 1.
fn kahan_sum(values: &[f64]) -> f64 {
    let Some((&first, rest)) = values.split_first() else {
        return 0.0;
    };
    let (mut sum, mut c) = (first, 0.0);
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// The probabilities as `f64`, with NumPy's checks.
fn probabilities(p: &Array, pop_size: usize) -> Result<Vec<f64>> {
    if p.ndim() == 0 {
        return Err(ArrayError::type_error("len() of unsized object"));
    }
    // A float array's own precision loosens the tolerance (float32 probabilities).
    let eps = if p.dtype() == DType::Float32 {
        f64::from(f32::EPSILON)
    } else {
        f64::EPSILON
    };
    let atol = eps.sqrt();
    if p.ndim() != 1 {
        return Err(ArrayError::value("p must be 1-dimensional"));
    }
    if p.size() != pop_size {
        return Err(ArrayError::value("a and p must have same size"));
    }
    let p = p.astype(DType::Float64)?.to_vec::<f64>()?;
    let sum = kahan_sum(&p);
    if sum.is_nan() {
        return Err(ArrayError::value("Probabilities contain NaN"));
    }
    if p.iter().any(|&x| x < 0.0) {
        return Err(ArrayError::value("Probabilities are not non-negative"));
    }
    if (sum - 1.0).abs() > atol {
        return Err(ArrayError::value(
            "Probabilities do not sum to 1. See Notes section of docstring for more information.",
        ));
    }
    Ok(p)
}

/// The normalised running sum of `p` (NumPy's `cumsum` then `cdf /= cdf[-1]`).
fn cdf(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&x| {
            acc += x;
            acc
        })
        .collect();
    let last = *cdf.last().expect("p is not empty");
    cdf.iter_mut().for_each(|c| *c /= last);
    cdf
}

/// NumPy's `searchsorted(cdf, u, side='right')`.
fn search_right(cdf: &[f64], u: f64) -> usize {
    cdf.partition_point(|&c| c <= u)
}

/// Fisher-Yates from the end down to `first` with Lemire draws (NumPy's `_shuffle_int`).
fn shuffle_lemire(bg: &mut Pcg64, data: &mut [i64], first: usize) {
    for i in (first..data.len()).rev() {
        let j = bounded::bounded_u64(bg, 0, i as u64) as usize;
        data.swap(i, j);
    }
}

/// Fisher-Yates from the end with masked-rejection draws (NumPy's `_shuffle_raw`).
fn shuffle_slice<T>(bg: &mut Pcg64, data: &mut [T]) {
    for i in (1..data.len()).rev() {
        let j = bounded::interval(bg, i as u64) as usize;
        data.swap(i, j);
    }
}

/// The swap partners `j` of a Fisher-Yates pass over `n` items, for `i = n-1 .. 1`.
fn swap_partners(bg: &mut Pcg64, n: usize) -> Vec<usize> {
    (1..n).rev().map(|i| bounded::interval(bg, i as u64) as usize).collect()
}

/// The swaps of a Fisher-Yates pass (`partners`, from [`swap_partners`]) applied to every
/// lane along `axis` of `x`, in place, which moves whole sub-arrays; a structured array's
/// fields are each given to this in turn.
fn swap_along(x: &Array, axis: usize, partners: &[usize]) -> Result<()> {
    fn run<T: Element>(_: &Storage<T>, x: &Array, axis: usize, partners: &[usize]) -> Result<()> {
        let mut view = x.typed_write::<T>()?;
        for mut lane in view.lanes_mut(ndarray::Axis(axis)) {
            for (i, &j) in (1..lane.len()).rev().zip(partners) {
                lane.swap(i, j);
            }
        }
        Ok(())
    }
    dispatch!(x.data(), s => run(s, x, axis, partners), record => unreachable!("fields are never structured"))
}

/// `a.take(idx, axis)` with `idx` of shape `idx_shape` (C-order gather of sub-arrays).
fn take(a: &Array, axis: usize, idx: &[usize], idx_shape: &[usize]) -> Result<Array> {
    fn gather<T: Element>(_: &Storage<T>, a: &Array, axis: usize, idx: &[usize], idx_shape: &[usize]) -> Result<Array> {
        let data: Vec<T> = a.typed::<T>()?.iter().cloned().collect();
        let shape = a.shape();
        let len = shape[axis];
        let inner: usize = shape[axis + 1..].iter().product();
        let outer: usize = shape[..axis].iter().product();
        let mut out = Vec::with_capacity(outer * idx.len() * inner);
        for o in 0..outer {
            for &i in idx {
                let start = (o * len + i) * inner;
                out.extend_from_slice(&data[start..start + inner]);
            }
        }
        let mut out_shape = shape[..axis].to_vec();
        out_shape.extend(idx_shape);
        out_shape.extend(&shape[axis + 1..]);
        Ok(Array::from_shape_vec(out_shape, out)?.with_dtype(a.dtype()))
    }
    dispatch!(a.data(), s => gather(s, a, axis, idx, idx_shape), record => a.try_map_fields(|f| take(f, axis, idx, idx_shape)))
}

impl Generator {
    // ---- choice -----------------------------------------------------------------------------

    /// A sample of `size` items with replacement, uniformly (NumPy's `rng.choice(a, size)`):
    /// indices for an integer `a`, items (along axis 0) for an array.
    ///
    /// ```
    /// use arraylib::{array, default_rng};
    /// let idx = default_rng(0).choice(10, 5);
    /// assert_eq!(idx.to_vec::<i64>().unwrap(), vec![8, 6, 5, 2, 3]);
    /// let items = default_rng(42).choice(&array![1.5, 2.5, 3.5], 3);
    /// assert_eq!(items.to_vec::<f64>().unwrap(), vec![1.5, 3.5, 2.5]);
    /// ```
    pub fn choice(&mut self, a: impl Into<Population>, size: impl ShapeArg) -> Array {
        self.try_choice(a, size, ChoiceOptions::default()).or_raise()
    }

    /// A sample of `size` items with [`ChoiceOptions`] (NumPy's
    /// `rng.choice(a, size, replace, p, axis, shuffle)`).
    ///
    /// ```
    /// use arraylib::random::{default_rng, ChoiceOptions};
    /// let x = default_rng(42).choice_with(100, 5, ChoiceOptions::new().replace(false));
    /// assert_eq!(x.to_vec::<i64>().unwrap(), vec![75, 43, 64, 8, 99]);
    /// ```
    pub fn choice_with(&mut self, a: impl Into<Population>, size: impl ShapeArg, options: ChoiceOptions) -> Array {
        self.try_choice(a, size, options).or_raise()
    }

    /// [`Generator::choice_with`] with NumPy's errors.
    ///
    /// ```
    /// use arraylib::random::{default_rng, ChoiceOptions};
    /// let err = default_rng(0).try_choice(3, 5, ChoiceOptions::new().replace(false)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "ValueError: Cannot take a larger sample than population when replace is False"
    /// );
    /// ```
    pub fn try_choice(
        &mut self,
        a: impl Into<Population>,
        size: impl ShapeArg,
        options: ChoiceOptions,
    ) -> Result<Array> {
        let shape = size.to_shape()?;
        self.choose(&a.into(), Some(&shape), &options)
    }

    /// One item (NumPy's `rng.choice(a)` with `size=None`): a 0-d array for an integer or
    /// 1-D population, a sub-array for an n-D one.
    ///
    /// ```
    /// use arraylib::random::{default_rng, ChoiceOptions};
    /// let x = default_rng(0).choice_scalar(10, ChoiceOptions::new());
    /// assert_eq!(x.ndim(), 0);
    /// assert_eq!(x.to_vec::<i64>().unwrap(), vec![8]);
    /// ```
    pub fn choice_scalar(&mut self, a: impl Into<Population>, options: ChoiceOptions) -> Array {
        self.try_choice_scalar(a, options).or_raise()
    }

    /// [`Generator::choice_scalar`] with NumPy's errors.
    ///
    /// ```
    /// use arraylib::random::{default_rng, ChoiceOptions};
    /// assert!(default_rng(0).try_choice_scalar(0, ChoiceOptions::new()).is_err());
    /// ```
    pub fn try_choice_scalar(&mut self, a: impl Into<Population>, options: ChoiceOptions) -> Result<Array> {
        self.choose(&a.into(), None, &options)
    }

    /// NumPy's `choice`; `shape` `None` is `size=None`.
    fn choose(&mut self, a: &Population, shape: Option<&[usize]>, options: &ChoiceOptions) -> Result<Array> {
        let samples: usize = shape.map_or(1, |s| s.iter().product());
        let (pop_size, axis) = match a.count()? {
            Some(n) => {
                if n <= 0 && samples != 0 {
                    return Err(ArrayError::value(
                        "a must be a positive integer unless no samples are taken",
                    ));
                }
                (n.max(0) as usize, None)
            }
            None => {
                let axis = normalize_axis(options.axis, a.0.ndim())?;
                let n = a.0.shape()[axis];
                if n == 0 && samples != 0 {
                    return Err(ArrayError::value("a cannot be empty unless no samples are taken"));
                }
                (n, Some(axis))
            }
        };
        let p = options.p.as_ref().map(|p| probabilities(p, pop_size)).transpose()?;
        let idx = if options.replace {
            match p {
                Some(p) => {
                    let cdf = cdf(&p);
                    (0..samples).map(|_| search_right(&cdf, self.bg.next_f64())).collect()
                }
                None if samples == 0 => Vec::new(),
                None => {
                    let drawn = bounded::fill_u64(&mut self.bg, 0, pop_size as u64 - 1, samples);
                    drawn.into_iter().map(|v| v as usize).collect()
                }
            }
        } else {
            if samples > pop_size {
                return Err(ArrayError::value(
                    "Cannot take a larger sample than population when replace is False",
                ));
            }
            match p {
                Some(p) => self.sample_weighted(p, samples)?,
                None => self.sample_uniform(pop_size, samples, options.shuffle),
            }
        };
        let idx_shape = shape.unwrap_or(&[]);
        match axis {
            None => Array::from_shape_vec(idx_shape, idx.into_iter().map(|i| i as i64).collect()),
            Some(axis) => take(&a.0, axis, &idx, idx_shape),
        }
    }

    /// Without replacement, weighted: rounds of draws, each keeping the first occurrence of
    /// every new item and zeroing the weights of items already taken.
    fn sample_weighted(&mut self, mut p: Vec<f64>, samples: usize) -> Result<Vec<usize>> {
        if p.iter().filter(|&&x| x > 0.0).count() < samples {
            return Err(ArrayError::value("Fewer non-zero entries in p than size"));
        }
        let mut found: Vec<usize> = Vec::with_capacity(samples);
        while found.len() < samples {
            let draws: Vec<f64> = (found.len()..samples).map(|_| self.bg.next_f64()).collect();
            for &f in &found {
                p[f] = 0.0;
            }
            let cdf = cdf(&p);
            let mut seen = HashSet::new();
            for u in draws {
                let item = search_right(&cdf, u);
                if seen.insert(item) {
                    found.push(item);
                }
            }
        }
        Ok(found)
    }

    /// Without replacement, uniform: a partial Fisher-Yates of the whole population when the
    /// sample is a large part of a large population, else Floyd's algorithm (then shuffled).
    fn sample_uniform(&mut self, pop_size: usize, samples: usize, shuffle: bool) -> Vec<usize> {
        let cutoff = if shuffle { 50 } else { 20 };
        let idx: Vec<i64> = if pop_size > 10000 && samples > pop_size / cutoff {
            let mut all: Vec<i64> = (0..pop_size as i64).collect();
            shuffle_lemire(&mut self.bg, &mut all, (pop_size - samples).max(1));
            all.split_off(pop_size - samples)
        } else {
            let mut taken = HashSet::with_capacity(samples);
            let mut idx: Vec<i64> = (pop_size - samples..pop_size)
                .map(|j| {
                    let val = bounded::bounded_u64(&mut self.bg, 0, j as u64);
                    let pick = if taken.contains(&val) { j as u64 } else { val };
                    taken.insert(pick);
                    pick as i64
                })
                .collect();
            if shuffle {
                shuffle_lemire(&mut self.bg, &mut idx, 1);
            }
            idx
        };
        idx.into_iter().map(|i| i as usize).collect()
    }

    // ---- shuffle, permutation, permuted ------------------------------------------------------

    /// Shuffles `x` in place along axis 0 (NumPy's `rng.shuffle(x)`): the array and every
    /// view of its memory see the new order. A structured array moves whole records, with
    /// the draws of any array of that length.
    ///
    /// ```
    /// use arraylib::{arange_n, default_rng, Array, DType, Scalar};
    /// let x = arange_n(10);
    /// default_rng(42).shuffle(&x);
    /// assert_eq!(x.to_vec::<i64>().unwrap(), vec![5, 6, 0, 7, 3, 2, 4, 9, 1, 8]);
    ///
    /// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
    /// let rows = [("Ann", 31), ("Bo", 25), ("Cy", 40), ("Di", 19)].map(|(n, a)| vec![Scalar::from(n), Scalar::from(a)]);
    /// let p = Array::from_rows(dt, &rows).unwrap();
    /// default_rng(2).shuffle(&p);
    /// assert_eq!(p.field("name").to_vec::<String>().unwrap(), vec!["Di", "Cy", "Ann", "Bo"]);
    /// assert_eq!(p.field("age").to_vec::<i32>().unwrap(), vec![19, 40, 31, 25]);
    /// ```
    pub fn shuffle(&mut self, x: &Array) {
        self.try_shuffle(x).or_raise()
    }

    /// [`Generator::shuffle`] with NumPy's errors (read-only or 0-d arrays).
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_shuffle(&arraylib::Array::scalar(1.0)).unwrap_err();
    /// assert_eq!(err.to_string(), "TypeError: len() of unsized object");
    /// ```
    pub fn try_shuffle(&mut self, x: &Array) -> Result<()> {
        self.try_shuffle_axis(x, 0)
    }

    /// Shuffles `x` in place along `axis`: whole sub-arrays trade places (NumPy's
    /// `rng.shuffle(x, axis)`).
    ///
    /// ```
    /// use arraylib::{array, default_rng};
    /// let m = array![[1, 2, 3], [4, 5, 6]];
    /// default_rng(0).shuffle_axis(&m, 1);
    /// assert_eq!(m.to_vec::<i64>().unwrap(), vec![3, 1, 2, 6, 4, 5]);
    /// ```
    pub fn shuffle_axis(&mut self, x: &Array, axis: isize) {
        self.try_shuffle_axis(x, axis).or_raise()
    }

    /// [`Generator::shuffle_axis`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_shuffle_axis(&arraylib::arange_n(3), 1).is_err());
    /// ```
    pub fn try_shuffle_axis(&mut self, x: &Array, axis: isize) -> Result<()> {
        if x.ndim() == 0 {
            return Err(ArrayError::type_error("len() of unsized object"));
        }
        if !x.writeable() {
            return Err(ArrayError::value("array is read-only"));
        }
        let axis = normalize_axis(axis, x.ndim())?;
        if x.size() == 0 {
            return Ok(());
        }
        fn apply<T: Element>(_: &Storage<T>, bg: &mut Pcg64, x: &Array, axis: usize) -> Result<()> {
            if x.ndim() == 1
                && let Some(slice) = x.typed_write::<T>()?.as_slice_mut()
            {
                shuffle_slice(bg, slice);
                return Ok(());
            }
            swap_along(x, axis, &swap_partners(bg, x.shape()[axis]))
        }
        // A structured array: the swaps are drawn once, as for any array of that length, and
        // every field takes them.
        dispatch!(x.data(), s => apply(s, &mut self.bg, x, axis), record => {
            let partners = swap_partners(&mut self.bg, x.shape()[axis]);
            x.field_views().iter().try_for_each(|f| swap_along(f, axis, &partners))
        })
    }

    /// A shuffled copy (NumPy's `rng.permutation(x)`): for an integer `n`, `arange(n)`
    /// permuted; for an array, its items along axis 0 in a new order.
    ///
    /// ```
    /// use arraylib::{array, default_rng};
    /// let p = default_rng(0).permutation(5);
    /// assert_eq!(p.to_vec::<i64>().unwrap(), vec![2, 4, 3, 0, 1]);
    /// let rows = default_rng(0).permutation(&array![[0, 1], [2, 3], [4, 5]]);
    /// assert_eq!(rows.to_vec::<i64>().unwrap(), vec![4, 5, 0, 1, 2, 3]);
    /// ```
    pub fn permutation(&mut self, x: impl Into<Population>) -> Array {
        self.try_permutation_axis(x, 0).or_raise()
    }

    /// [`Generator::permutation`] with NumPy's errors.
    ///
    /// ```
    /// let err = arraylib::default_rng(0).try_permutation(2.5).unwrap_err();
    /// assert_eq!(err.to_string(), "AxisError: axis 0 is out of bounds for array of dimension 0");
    /// ```
    pub fn try_permutation(&mut self, x: impl Into<Population>) -> Result<Array> {
        self.try_permutation_axis(x, 0)
    }

    /// A copy of `x` with its items along `axis` permuted (NumPy's `rng.permutation(x, axis)`).
    ///
    /// ```
    /// use arraylib::{array, default_rng};
    /// let m = default_rng(0).permutation_axis(&array![[1, 2, 3], [4, 5, 6]], 1);
    /// assert_eq!(m.to_vec::<i64>().unwrap(), vec![3, 1, 2, 6, 4, 5]);
    /// ```
    pub fn permutation_axis(&mut self, x: impl Into<Population>, axis: isize) -> Array {
        self.try_permutation_axis(x, axis).or_raise()
    }

    /// [`Generator::permutation_axis`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_permutation_axis(&arraylib::arange_n(3), 1).is_err());
    /// ```
    pub fn try_permutation_axis(&mut self, x: impl Into<Population>, axis: isize) -> Result<Array> {
        let x = x.into();
        let a = &x.0;
        if a.ndim() == 0 && a.dtype().kind().is_integer() {
            let values = crate::creation::arange_n(x.count()?.unwrap_or(0));
            self.try_shuffle(&values)?;
            return Ok(values);
        }
        let axis = normalize_axis(axis, a.ndim())?;
        // NumPy permutes an index array and gathers with it: the same draws as shuffling.
        let mut idx: Vec<usize> = (0..a.shape()[axis]).collect();
        shuffle_slice(&mut self.bg, &mut idx);
        take(a, axis, &idx, &[idx.len()])
    }

    /// A copy of `x` with every lane along `axis` shuffled independently, or all elements
    /// shuffled together for [`Axes::All`] (NumPy's `rng.permuted(x, axis)`; `axis=None` is
    /// `Axes::All`). A structured array moves whole records, with the draws of any array of
    /// its shape.
    ///
    /// ```
    /// use arraylib::{array, default_rng, Array, Axes, DType, Scalar};
    /// let m = array![[1, 2, 3], [4, 5, 6]];
    /// let rows = default_rng(0).permuted(&m, 1);
    /// assert_eq!(rows.to_vec::<i64>().unwrap(), vec![3, 1, 2, 6, 5, 4]);
    /// let all = default_rng(0).permuted(&m, Axes::All);
    /// assert_eq!(all.to_vec::<i64>().unwrap(), vec![4, 3, 6, 5, 1, 2]);
    ///
    /// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
    /// let rows = [("Ann", 31), ("Bo", 25), ("Cy", 40), ("Di", 19)].map(|(n, a)| vec![Scalar::from(n), Scalar::from(a)]);
    /// let p = default_rng(3).permuted(&Array::from_rows(dt, &rows).unwrap(), Axes::All);
    /// assert_eq!(p.field("name").to_vec::<String>().unwrap(), vec!["Di", "Cy", "Bo", "Ann"]);
    /// ```
    pub fn permuted(&mut self, x: &Array, axis: impl Into<Axes>) -> Array {
        self.try_permuted(x, axis).or_raise()
    }

    /// [`Generator::permuted`] with NumPy's errors.
    ///
    /// ```
    /// assert!(arraylib::default_rng(0).try_permuted(&arraylib::arange_n(3), 1).is_err());
    /// ```
    pub fn try_permuted(&mut self, x: &Array, axis: impl Into<Axes>) -> Result<Array> {
        let axis = match axis.into() {
            Axes::All => None,
            Axes::List(list) if list.len() == 1 => Some(normalize_axis(list[0], x.ndim())?),
            Axes::List(_) => return Err(ArrayError::type_error("permuted takes one axis or None")),
        };
        if axis.is_none() && x.ndim() == 0 {
            return Err(ArrayError::type_error("len() of unsized object"));
        }
        // NumPy copies in 'K' order, and with `axis=None` shuffles the copy's memory order.
        let order = if !x.is_c_contiguous() && x.ndim() > 1 && is_f_like(x) {
            Order::F
        } else {
            Order::C
        };
        if x.dtype().fields().is_none() {
            let out = x.copy_order(order);
            self.permute_in_place(&out, axis)?;
            return Ok(out);
        }
        // A structured array: the same draws permute the positions of the elements (laid out
        // as the copy would be, numbered in its memory order), then the elements follow them,
        // every field at once.
        let positions = crate::creation::arange_n(x.size() as i64).try_reshape_order(x.shape(), order)?;
        self.permute_in_place(&positions, axis)?;
        let flat = |a: &Array| a.try_reshape_order([x.size()], order);
        let moved = flat(x)?.try_take(&flat(&positions)?, None)?;
        Ok(moved.relayout(Layout::contiguous(x.shape(), order)))
    }

    /// Shuffles the fresh contiguous copy `out` of [`Generator::try_permuted`] in place: every
    /// lane along `axis` independently, or its whole memory for `None`.
    fn permute_in_place(&mut self, out: &Array, axis: Option<usize>) -> Result<()> {
        match axis {
            None => {
                fn flat<T: Element>(_: &Storage<T>, bg: &mut Pcg64, out: &Array) -> Result<()> {
                    let mut view = out.typed_write::<T>()?;
                    let slice = view.as_slice_memory_order_mut().expect("a fresh copy is contiguous");
                    shuffle_slice(bg, slice);
                    Ok(())
                }
                dispatch!(out.data(), s => flat(s, &mut self.bg, out), record => unreachable!("records permute their positions"))
            }
            Some(axis) => {
                fn lanes<T: Element>(_: &Storage<T>, bg: &mut Pcg64, out: &Array, axis: usize) -> Result<()> {
                    let mut view = out.typed_write::<T>()?;
                    for mut lane in view.lanes_mut(ndarray::Axis(axis)) {
                        for i in (1..lane.len()).rev() {
                            let j = bounded::interval(bg, i as u64) as usize;
                            lane.swap(i, j);
                        }
                    }
                    Ok(())
                }
                dispatch!(out.data(), s => lanes(s, &mut self.bg, out, axis), record => unreachable!("records permute their positions"))
            }
        }
    }
}

/// Whether NumPy's 'K' order copy of a non-C-contiguous `x` is Fortran-ordered: its strides
/// grow from the first axis to the last.
fn is_f_like(x: &Array) -> bool {
    let strides: Vec<usize> = x.strides().iter().map(|s| s.unsigned_abs()).collect();
    strides.windows(2).all(|w| w[0] <= w[1])
}
