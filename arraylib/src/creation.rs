//! Making arrays: from Rust data, and NumPy's `zeros`, `ones`, `full`, `eye`, `arange`,
//! `linspace` and the `*_like` forms.

use num_complex::Complex64;

use crate::array::{Array, Layout, Order, with_numeric_type};
use crate::dtype::DType;
use crate::element::{Element, NumElement};
use crate::error::{ArrayError, Result};
use crate::scalar::Scalar;

/// Anything that names a shape: `5`, `[2, 3]`, `(2, 3)`, `&[2, 3]`, `vec![2, 3]`.
/// Entries are signed so that `reshape` can take `-1`.
///
/// ```
/// use arraylib::ShapeArg;
/// assert_eq!([2, -1].to_dims(), vec![2, -1]);
/// assert_eq!((4usize, 5usize).to_dims(), vec![4, 5]);
/// ```
pub trait ShapeArg {
    /// The entries, possibly negative.
    fn to_dims(&self) -> Vec<isize>;

    /// The entries as a shape of non-negative lengths.
    fn to_shape(&self) -> Result<Vec<usize>> {
        self.to_dims()
            .into_iter()
            .map(|d| usize::try_from(d).map_err(|_| ArrayError::value("negative dimensions are not allowed")))
            .collect()
    }
}

macro_rules! shape_arg_ints {
    ($($t:ty),*) => {$(
        impl ShapeArg for $t {
            fn to_dims(&self) -> Vec<isize> { vec![*self as isize] }
        }
        impl<const N: usize> ShapeArg for [$t; N] {
            fn to_dims(&self) -> Vec<isize> { self.iter().map(|&d| d as isize).collect() }
        }
        impl ShapeArg for [$t] {
            fn to_dims(&self) -> Vec<isize> { self.iter().map(|&d| d as isize).collect() }
        }
        impl ShapeArg for Vec<$t> {
            fn to_dims(&self) -> Vec<isize> { self.iter().map(|&d| d as isize).collect() }
        }
        impl ShapeArg for ($t,) {
            fn to_dims(&self) -> Vec<isize> { vec![self.0 as isize] }
        }
        impl ShapeArg for ($t, $t) {
            fn to_dims(&self) -> Vec<isize> { vec![self.0 as isize, self.1 as isize] }
        }
        impl ShapeArg for ($t, $t, $t) {
            fn to_dims(&self) -> Vec<isize> { vec![self.0 as isize, self.1 as isize, self.2 as isize] }
        }
        impl ShapeArg for ($t, $t, $t, $t) {
            fn to_dims(&self) -> Vec<isize> { vec![self.0 as isize, self.1 as isize, self.2 as isize, self.3 as isize] }
        }
    )*};
}
shape_arg_ints!(i32, i64, isize, usize);

impl ShapeArg for () {
    fn to_dims(&self) -> Vec<isize> {
        Vec::new()
    }
}

impl<S: ShapeArg + ?Sized> ShapeArg for &S {
    fn to_dims(&self) -> Vec<isize> {
        (**self).to_dims()
    }
}

impl Array {
    /// An array of `shape` and `dtype` filled with `value` (cast to `dtype`), in `order`.
    ///
    /// ```
    /// use arraylib::{Array, DType, Order};
    /// let a = Array::full_order([2, 2], 7, DType::Int8, Order::C).unwrap();
    /// assert_eq!(a.to_vec::<i8>().unwrap(), vec![7; 4]);
    /// ```
    pub fn full_order(shape: impl ShapeArg, value: impl Into<Scalar>, dtype: DType, order: Order) -> Result<Array> {
        let shape = shape.to_shape()?;
        let fill = value.into().to_array(dtype)?;
        fn filled<T: Element>(fill: &Array, shape: &[usize], order: Order) -> Result<Array> {
            let value = fill.typed::<T>()?.iter().next().cloned().unwrap_or_default();
            let n = shape.iter().product();
            let mut data = crate::buffer::vec_with_capacity(n);
            data.resize(n, value);
            Ok(Array::from_vec(data).relayout(Layout::contiguous(shape, order)))
        }
        let out = match dtype {
            DType::Str(_) => filled::<String>(&fill, &shape, order),
            _ => with_numeric_type!(dtype, filled(&fill, &shape, order), _ => unreachable!()),
        }?;
        Ok(out.with_dtype(dtype))
    }

    /// Zeros of `shape` and `dtype` in `order` (empty strings for string dtypes).
    ///
    /// ```
    /// let a = arraylib::Array::zeros_order([2, 3], arraylib::DType::Float64, arraylib::Order::F);
    /// assert_eq!(a.strides(), vec![8, 16]);
    /// ```
    pub fn zeros_order(shape: impl ShapeArg, dtype: DType, order: Order) -> Array {
        let shape = shape.to_shape().unwrap_or_else(|e| panic!("{e}"));
        fn zeroed<T: Element>(shape: &[usize], order: Order) -> Array {
            // Zeroed memory comes fresh from the system (not yet touched): advising it is enough.
            let data = vec![T::default(); shape.iter().product()];
            crate::buffer::advise_huge_pages(data.as_ptr(), data.len() * size_of::<T>());
            Array::from_vec(data).relayout(Layout::contiguous(shape, order))
        }
        let out = match dtype {
            DType::Record(id) => Array::record_from_parts(
                dtype,
                id.fields()
                    .iter()
                    .map(|f| Array::zeros_order(&shape, f.dtype, order))
                    .collect(),
            ),
            DType::Str(_) => zeroed::<String>(&shape, order),
            _ => with_numeric_type!(dtype, zeroed(&shape, order), _ => unreachable!()),
        };
        out.with_dtype(dtype)
    }
}

/// NumPy's `zeros(shape, dtype)`.
///
/// ```
/// use arraylib::{zeros, DType};
/// let z = zeros([2, 3], DType::Float64);
/// assert_eq!(z.shape(), &[2, 3]);
/// assert_eq!(z.to_vec::<f64>().unwrap(), vec![0.0; 6]);
/// ```
pub fn zeros(shape: impl ShapeArg, dtype: DType) -> Array {
    Array::zeros_order(shape, dtype, Order::C)
}

/// NumPy's `empty`: here the same as [`zeros`] (uninitialised memory is not worth the risk).
///
/// ```
/// assert_eq!(arraylib::empty(3, arraylib::DType::Int32).shape(), &[3]);
/// ```
pub fn empty(shape: impl ShapeArg, dtype: DType) -> Array {
    zeros(shape, dtype)
}

/// NumPy's `ones(shape, dtype)`.
///
/// ```
/// let o = arraylib::ones(2, arraylib::DType::Int64);
/// assert_eq!(o.to_vec::<i64>().unwrap(), vec![1, 1]);
/// ```
pub fn ones(shape: impl ShapeArg, dtype: DType) -> Array {
    Array::full_order(shape, 1, dtype, Order::C).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `full(shape, value)`: the dtype is the value's own (`int64`, `float64`, `bool`, ...).
///
/// ```
/// let f = arraylib::full([2], 2.5);
/// assert_eq!(f.dtype(), arraylib::DType::Float64);
/// ```
pub fn full(shape: impl ShapeArg, value: impl Into<Scalar>) -> Array {
    let value = value.into();
    let dtype = value.default_dtype();
    Array::full_order(shape, value, dtype, Order::C).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `full(shape, value, dtype=dtype)`.
///
/// ```
/// let f = arraylib::full_dtype([2], 3, arraylib::DType::Float32);
/// assert_eq!(f.to_vec::<f32>().unwrap(), vec![3.0, 3.0]);
/// ```
pub fn full_dtype(shape: impl ShapeArg, value: impl Into<Scalar>, dtype: DType) -> Array {
    Array::full_order(shape, value, dtype, Order::C).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `zeros_like(a)`: same shape and dtype, and the same C/F order as `a`.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1u8, 2]);
/// assert_eq!(arraylib::zeros_like(&a).to_vec::<u8>().unwrap(), vec![0, 0]);
/// ```
pub fn zeros_like(a: &Array) -> Array {
    Array::zeros_order(a.shape(), a.dtype(), like_order(a))
}

/// NumPy's `ones_like(a)`.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1.5, 2.5]);
/// assert_eq!(arraylib::ones_like(&a).to_vec::<f64>().unwrap(), vec![1.0, 1.0]);
/// ```
pub fn ones_like(a: &Array) -> Array {
    full_like(a, 1)
}

/// NumPy's `empty_like(a)` (zero-filled here).
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1.5, 2.5]);
/// assert_eq!(arraylib::empty_like(&a).shape(), &[2]);
/// ```
pub fn empty_like(a: &Array) -> Array {
    zeros_like(a)
}

/// NumPy's `full_like(a, value)`: `a`'s dtype, the value cast to it.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1i32, 2]);
/// assert_eq!(arraylib::full_like(&a, 2.9).to_vec::<i32>().unwrap(), vec![2, 2]);
/// ```
pub fn full_like(a: &Array, value: impl Into<Scalar>) -> Array {
    Array::full_order(a.shape(), value, a.dtype(), like_order(a)).unwrap_or_else(|e| panic!("{e}"))
}

fn like_order(a: &Array) -> Order {
    if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    }
}

/// NumPy's `eye(n, m, k, dtype)`: ones on the `k`-th diagonal.
///
/// ```
/// let e = arraylib::eye(2, Some(3), 1, arraylib::DType::Int64);
/// assert_eq!(e.to_vec::<i64>().unwrap(), vec![0, 1, 0, 0, 0, 1]);
/// ```
pub fn eye(n: usize, m: Option<usize>, k: isize, dtype: DType) -> Array {
    let m = m.unwrap_or(n);
    let mut data = vec![0.0f64; n * m];
    for i in 0..n {
        let j = i as isize + k;
        if j >= 0 && (j as usize) < m {
            data[i * m + j as usize] = 1.0;
        }
    }
    Array::from_shape_vec([n, m], data)
        .and_then(|a| a.astype(dtype))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `identity(n, dtype)`.
///
/// ```
/// let i = arraylib::identity(2, arraylib::DType::Float64);
/// assert_eq!(i.to_vec::<f64>().unwrap(), vec![1.0, 0.0, 0.0, 1.0]);
/// ```
pub fn identity(n: usize, dtype: DType) -> Array {
    eye(n, None, 0, dtype)
}

/// NumPy's `arange(start, stop, step)`: `int64` when all three are integers, `float64`
/// otherwise; the length is `ceil((stop - start) / step)`.
///
/// ```
/// use arraylib::arange;
/// assert_eq!(arange(0, 5, 2).to_vec::<i64>().unwrap(), vec![0, 2, 4]);
/// assert_eq!(arange(0.0, 1.0, 0.25).to_vec::<f64>().unwrap(), vec![0.0, 0.25, 0.5, 0.75]);
/// ```
pub fn arange(start: impl Into<Scalar>, stop: impl Into<Scalar>, step: impl Into<Scalar>) -> Array {
    try_arange(start.into(), stop.into(), step.into(), None).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `arange(stop)`: `0, 1, ..., stop - 1` as `int64`.
///
/// ```
/// assert_eq!(arraylib::arange_n(3).to_vec::<i64>().unwrap(), vec![0, 1, 2]);
/// ```
pub fn arange_n(stop: i64) -> Array {
    Array::from_vec((0..stop.max(0)).collect::<Vec<i64>>())
}

/// `arange` with every argument explicit and an optional dtype; errors instead of panicking.
///
/// ```
/// use arraylib::{try_arange, Scalar, DType};
/// let a = try_arange(Scalar::from(1), Scalar::from(4), Scalar::from(1), Some(DType::Float32)).unwrap();
/// assert_eq!(a.to_vec::<f32>().unwrap(), vec![1.0, 2.0, 3.0]);
/// assert!(try_arange(Scalar::from(0), Scalar::from(4), Scalar::from(0), None).is_err());
/// ```
pub fn try_arange(start: Scalar, stop: Scalar, step: Scalar, dtype: Option<DType>) -> Result<Array> {
    let all_int = [&start, &stop, &step]
        .iter()
        .all(|s| matches!(s, Scalar::Int(_) | Scalar::Bool(_)));
    let (a, b, s) = (start.as_f64()?, stop.as_f64()?, step.as_f64()?);
    if s == 0.0 {
        return Err(ArrayError::value("Maximum allowed size exceeded"));
    }
    let len = ((b - a) / s).ceil().max(0.0) as usize;
    let out = if all_int {
        let (a, s) = (a as i64, s as i64);
        Array::from_vec((0..len as i64).map(|i| a + i * s).collect::<Vec<i64>>())
    } else {
        // NumPy computes the first two values and then steps by their difference.
        let delta = (a + s) - a;
        Array::from_vec((0..len).map(|i| a + i as f64 * delta).collect::<Vec<f64>>())
    };
    match dtype {
        Some(dtype) => out.astype_nocopy(dtype),
        None => Ok(out),
    }
}

/// NumPy's `linspace(start, stop, num, endpoint)`, `float64`.
///
/// ```
/// let l = arraylib::linspace(0.0, 1.0, 5, true);
/// assert_eq!(l.to_vec::<f64>().unwrap(), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
/// ```
pub fn linspace(start: f64, stop: f64, num: usize, endpoint: bool) -> Array {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let mut data: Vec<f64> = if div > 0 {
        let step = delta / div as f64;
        if step == 0.0 {
            (0..num).map(|i| start + (i as f64 / div as f64) * delta).collect()
        } else {
            (0..num).map(|i| start + i as f64 * step).collect()
        }
    } else {
        (0..num).map(|i| start + i as f64 * delta).collect()
    };
    if endpoint && num > 1 {
        data[num - 1] = stop;
    }
    Array::from_vec(data)
}

impl Array {
    /// The same storage and dtype with another layout (crate-internal).
    pub(crate) fn relayout(self, layout: Layout) -> Array {
        let mut view = self.with_layout(layout);
        view.set_owner();
        view
    }
}

// ---- From nested Rust data ---------------------------------------------------------------

macro_rules! from_nested {
    ($($t:ty),*) => {$(
        impl From<Vec<$t>> for Array {
            fn from(v: Vec<$t>) -> Array { Array::from_vec(v) }
        }
        impl From<&[$t]> for Array {
            fn from(v: &[$t]) -> Array { Array::from_vec(v.to_vec()) }
        }
        impl<const N: usize> From<[$t; N]> for Array {
            fn from(v: [$t; N]) -> Array { Array::from_vec(v.to_vec()) }
        }
        impl<const N: usize, const M: usize> From<[[$t; N]; M]> for Array {
            fn from(v: [[$t; N]; M]) -> Array {
                let data: Vec<$t> = v.iter().flatten().cloned().collect();
                Array::from_shape_vec([M, N], data).expect("rectangular by construction")
            }
        }
        impl<const N: usize, const M: usize, const K: usize> From<[[[$t; N]; M]; K]> for Array {
            fn from(v: [[[$t; N]; M]; K]) -> Array {
                let data: Vec<$t> = v.iter().flatten().flatten().cloned().collect();
                Array::from_shape_vec([K, M, N], data).expect("rectangular by construction")
            }
        }
        impl From<Vec<Vec<$t>>> for Array {
            /// Panics with a `ValueError` when the rows have different lengths.
            fn from(rows: Vec<Vec<$t>>) -> Array {
                let n = rows.first().map_or(0, |r| r.len());
                if rows.iter().any(|r| r.len() != n) {
                    panic!("ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.");
                }
                let m = rows.len();
                Array::from_shape_vec([m, n], rows.into_iter().flatten().collect()).expect("rectangular")
            }
        }
        impl From<$t> for Array {
            fn from(v: $t) -> Array { Array::scalar(v) }
        }
    )*};
}
from_nested!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, Complex64);

impl From<Vec<&str>> for Array {
    fn from(v: Vec<&str>) -> Array {
        Array::from_vec(v.into_iter().map(String::from).collect::<Vec<String>>())
    }
}

impl<const N: usize> From<[&str; N]> for Array {
    fn from(v: [&str; N]) -> Array {
        Array::from_vec(v.iter().map(|s| s.to_string()).collect::<Vec<String>>())
    }
}

impl<T: Element, D: ndarray::Dimension> From<ndarray::Array<T, D>> for Array {
    fn from(a: ndarray::Array<T, D>) -> Array {
        Array::from_ndarray(a)
    }
}

/// NumPy's `array(data)`: a copy of anything an [`Array`] can be made from.
///
/// ```
/// let a = arraylib::array([[1, 2], [3, 4]]);
/// assert_eq!(a.shape(), &[2, 2]);
/// assert_eq!(a.dtype(), arraylib::DType::Int32);
/// ```
pub fn array(data: impl Into<Array>) -> Array {
    data.into()
}

/// Builds an array from nested brackets of Rust literals with NumPy's type rules: integers
/// become `int64`, any float makes the whole array `float64`, `true`/`false` make `bool`.
///
/// ```
/// use arraylib::{array, DType};
/// let a = array![[1, 2], [3, 4]];
/// assert_eq!(a.dtype(), DType::Int64);
/// assert_eq!(a.shape(), &[2, 2]);
/// let b = array![1, 2.5];
/// assert_eq!(b.dtype(), DType::Float64);
/// ```
#[macro_export]
macro_rules! array {
    ($([$($inner:tt)*]),+ $(,)?) => {
        $crate::creation::stack_rows(vec![$($crate::array![$($inner)*]),+])
    };
    ($($x:expr),* $(,)?) => {
        $crate::creation::from_scalars(vec![$($crate::Scalar::from($x)),*])
    };
}

/// A 1-D array of Python-like scalars with NumPy's `array([...])` dtype inference.
#[doc(hidden)]
pub fn from_scalars(values: Vec<Scalar>) -> Array {
    let Some(first) = values.first() else {
        return Array::from_vec(Vec::<f64>::new());
    };
    let dtype = values.iter().skip(1).fold(first.default_dtype(), |d, v| {
        d.promote(v.default_dtype()).unwrap_or_else(|e| panic!("{e}"))
    });
    let parts: Vec<Array> = values
        .iter()
        .map(|v| v.to_array(dtype).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    stack_rows(parts)
}

/// Stacks equally shaped arrays along a new first axis, promoting to a common dtype.
#[doc(hidden)]
pub fn stack_rows(rows: Vec<Array>) -> Array {
    let shape = rows[0].shape().to_vec();
    if let Some(bad) = rows.iter().find(|r| r.shape() != shape.as_slice()) {
        panic!(
            "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape: {} and {}",
            crate::error::shape_str(&shape),
            crate::error::shape_str(bad.shape())
        );
    }
    let dtype = rows.iter().skip(1).fold(rows[0].dtype(), |d, r| {
        d.promote(r.dtype()).unwrap_or_else(|e| panic!("{e}"))
    });
    fn gather<T: Element>(rows: &[Array], dtype: DType) -> Vec<T> {
        rows.iter()
            .flat_map(|r| {
                r.astype_nocopy(dtype)
                    .and_then(|c| c.to_vec::<T>())
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect()
    }
    let mut full_shape = vec![rows.len()];
    full_shape.extend(&shape);
    let out = match dtype {
        DType::Str(_) => Array::from_shape_vec(&full_shape, gather::<String>(&rows, dtype)),
        DType::Record(_) => Err(crate::record::unsupported("array!")),
        _ => with_numeric_type!(dtype, stacked(&rows, dtype, &full_shape), _ => unreachable!()),
    };
    fn stacked<T: NumElement>(rows: &[Array], dtype: DType, shape: &[usize]) -> Result<Array> {
        Array::from_shape_vec(shape, gather::<T>(rows, dtype))
    }
    out.expect("sizes agree").with_dtype(dtype)
}
