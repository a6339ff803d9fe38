//! Matrix-shaped helpers: `diagonal` (a view), `trace`, `diag`, `tri`, `triu`, `tril`, `meshgrid`.

use crate::array::{Array, Layout, Order};
use crate::dtype::DType;
use ndarray::Axis;
use num_complex::Complex64;

use crate::element::{Element, NumElement};
use crate::error::{ArrayError, Result};
use crate::shape::axes_ops::named_axis;
use crate::shape::kernels::{build, contiguous_vec, gather};
use crate::shape::{Arrays, with_element_type};

impl Array {
    /// NumPy's `a.diagonal(offset, axis1, axis2)`: a read-only view of the diagonal of the
    /// `axis1`/`axis2` planes, as the last axis (above the main diagonal for `offset > 0`).
    ///
    /// ```
    /// let m = arraylib::Array::from_shape_vec([3, 3], (0..9).collect::<Vec<i64>>()).unwrap();
    /// let d = m.try_diagonal(1, 0, 1).unwrap();
    /// assert_eq!(d.to_vec::<i64>().unwrap(), vec![1, 5]);
    /// assert_eq!(d.strides(), vec![32]);
    /// assert!(!d.writeable());
    /// ```
    pub fn try_diagonal(&self, offset: isize, axis1: isize, axis2: isize) -> Result<Array> {
        if self.ndim() < 2 {
            return Err(ArrayError::value("diag requires an array of at least two dimensions"));
        }
        let (a1, a2) = (
            named_axis("axis1", axis1, self.ndim())?,
            named_axis("axis2", axis2, self.ndim())?,
        );
        if a1 == a2 {
            return Err(ArrayError::value("axis1 and axis2 cannot be the same"));
        }
        let layout = self.layout();
        let (n1, n2) = (layout.shape[a1] as isize, layout.shape[a2] as isize);
        let (s1, s2) = (layout.strides[a1], layout.strides[a2]);
        let (start1, start2) = if offset >= 0 { (0, offset) } else { (-offset, 0) };
        let len = (n1 - start1).min(n2 - start2).max(0) as usize;
        let (mut shape, mut strides): (Vec<usize>, Vec<isize>) = (0..self.ndim())
            .filter(|&k| k != a1 && k != a2)
            .map(|k| (layout.shape[k], layout.strides[k]))
            .unzip();
        shape.push(len);
        strides.push(s1 + s2);
        let offset = if len > 0 {
            (layout.offset as isize + start1 * s1 + start2 * s2) as usize
        } else {
            layout.offset
        };
        Ok(self.with_layout(Layout { shape, strides, offset }).into_readonly())
    }

    /// [`Array::try_diagonal`], panicking on error.
    ///
    /// ```
    /// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
    /// assert_eq!(m.diagonal(0, 0, 1).to_vec::<i32>().unwrap(), vec![1, 4]);
    /// ```
    pub fn diagonal(&self, offset: isize, axis1: isize, axis2: isize) -> Array {
        self.try_diagonal(offset, axis1, axis2)
            .unwrap_or_else(|e| panic!("{e}"))
    }
}

/// NumPy's `np.diagonal(a, offset, axis1, axis2)`; see [`Array::try_diagonal`].
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 3], vec![1, 2, 3, 4, 5, 6]).unwrap();
/// assert_eq!(arraylib::try_diagonal(&m, -1, 0, 1).unwrap().to_vec::<i32>().unwrap(), vec![4]);
/// ```
pub fn try_diagonal(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Result<Array> {
    a.try_diagonal(offset, axis1, axis2)
}

/// [`try_diagonal`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::diagonal(&m, 0, 0, 1).shape(), &[2]);
/// ```
pub fn diagonal(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Array {
    a.diagonal(offset, axis1, axis2)
}

/// NumPy's `np.trace(a, offset, axis1, axis2)`: the sum along diagonal `offset` of the
/// `axis1`/`axis2` planes (a 0-d array for a matrix). Sums in NumPy's `sum` dtype: `int64`
/// for bool and signed integers, `uint64` for unsigned ones, the input's float or complex type.
///
/// ```
/// use arraylib::{Array, DType, try_trace};
/// let m = Array::from_shape_vec([3, 3], (0..9).collect::<Vec<i32>>()).unwrap();
/// let t = try_trace(&m, 0, 0, 1).unwrap();
/// assert_eq!((t.ndim(), t.dtype()), (0, DType::Int64));
/// assert_eq!(t.to_vec::<i64>().unwrap(), vec![12]);
/// assert_eq!(try_trace(&m, 1, 0, 1).unwrap().to_vec::<i64>().unwrap(), vec![6]);
/// ```
pub fn try_trace(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Result<Array> {
    let diagonal = a.try_diagonal(offset, axis1, axis2)?;
    let dtype = match a.dtype() {
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => DType::Int64,
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => DType::UInt64,
        DType::Str(_) => {
            return Err(ArrayError::type_error(
                "the resolved dtypes are not compatible with add.reduce",
            ));
        }
        other => other,
    };
    fn sum_last<T: NumElement + std::ops::Add<Output = T>>(d: &Array) -> Result<Array> {
        let view = d.typed::<T>()?;
        let last = Axis(d.ndim() - 1);
        let sums = view.map_axis(last, |lane| lane.iter().fold(T::from_i64(0), |acc, &x| acc + x));
        Ok(Array::from_ndarray(sums))
    }
    let diagonal = diagonal.astype_nocopy(dtype)?;
    match dtype {
        DType::Int64 => sum_last::<i64>(&diagonal),
        DType::UInt64 => sum_last::<u64>(&diagonal),
        DType::Float32 => sum_last::<f32>(&diagonal),
        DType::Float64 => sum_last::<f64>(&diagonal),
        _ => sum_last::<Complex64>(&diagonal),
    }
}

/// [`try_trace`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1.5, 2.0, 3.0, 4.0]).unwrap();
/// assert_eq!(arraylib::trace(&m, 0, 0, 1).to_vec::<f64>().unwrap(), vec![5.5]);
/// ```
pub fn trace(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Array {
    try_trace(a, offset, axis1, axis2).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.diag(v, k)`: for 1-D `v` a square matrix with `v` on diagonal `k`; for 2-D
/// `v` its diagonal `k` (a read-only view).
///
/// ```
/// use arraylib::{Array, try_diag};
/// let v = Array::from_vec(vec![1i64, 2]);
/// let m = try_diag(&v, 1).unwrap();
/// assert_eq!(m.shape(), &[3, 3]);
/// assert_eq!(m.to_vec::<i64>().unwrap(), vec![0, 1, 0, 0, 0, 2, 0, 0, 0]);
/// assert_eq!(try_diag(&m, 1).unwrap().to_vec::<i64>().unwrap(), vec![1, 2]);
/// ```
pub fn try_diag(v: &Array, k: isize) -> Result<Array> {
    match v.ndim() {
        1 => {
            let n = v.shape()[0];
            let size = n + k.unsigned_abs();
            let (row0, col0) = if k >= 0 { (0, k as usize) } else { (k.unsigned_abs(), 0) };
            fn run<T: Element>(v: &Array, size: usize, row0: usize, col0: usize) -> Result<Array> {
                let values = contiguous_vec::<T>(v, Order::C)?;
                let mut data = vec![T::default(); size * size];
                for (i, value) in values.into_iter().enumerate() {
                    data[(i + row0) * size + i + col0] = value;
                }
                Ok(build(&[size, size], data, Order::C, v.dtype()))
            }
            with_element_type!(v.dtype(), run(v, size, row0, col0), record => Err(crate::record::unsupported("diag")))
        }
        2 => v.try_diagonal(k, 0, 1),
        _ => Err(ArrayError::value("Input must be 1- or 2-d.")),
    }
}

/// [`try_diag`], panicking on error.
///
/// ```
/// let v = arraylib::Array::from_vec(vec![1.0, 2.0]);
/// assert_eq!(arraylib::diag(&v, 0).shape(), &[2, 2]);
/// ```
pub fn diag(v: &Array, k: isize) -> Array {
    try_diag(v, k).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.tri(N, M, k, dtype)`: ones at and below diagonal `k` of an `N x M` matrix.
///
/// ```
/// use arraylib::{DType, tri};
/// let t = tri(2, None, 0, DType::Int64);
/// assert_eq!(t.to_vec::<i64>().unwrap(), vec![1, 0, 1, 1]);
/// ```
pub fn tri(n: usize, m: Option<usize>, k: isize, dtype: DType) -> Array {
    let m = m.unwrap_or(n);
    let data: Vec<bool> = (0..n * m).map(|p| ((p % m) as isize) <= (p / m) as isize + k).collect();
    let mask = build(&[n, m], data, Order::C, DType::Bool);
    mask.astype(dtype).unwrap_or_else(|e| panic!("{e}"))
}

/// Zeroes the elements of the last two axes where `keep(row, col)` is false.
fn triangle(m: &Array, keep: impl Fn(isize, isize) -> bool) -> Result<Array> {
    let source = match m.ndim() {
        0 => {
            return Err(ArrayError::value("tril/triu needs an array of at least 1 dimension"));
        }
        // NumPy broadcasts a 1-D input to the square matrix whose rows are all that input.
        1 => {
            let n = m.shape()[0];
            let l = m.layout();
            m.with_layout(Layout {
                shape: vec![n, n],
                strides: vec![0, l.strides[0]],
                offset: l.offset,
            })
        }
        _ => m.view(),
    };
    fn run<T: Element>(a: &Array, keep: &dyn Fn(isize, isize) -> bool) -> Result<Array> {
        let mut data = contiguous_vec::<T>(a, Order::C)?;
        let nd = a.ndim();
        let (rows, cols) = (a.shape()[nd - 2], a.shape()[nd - 1]);
        if rows * cols > 0 {
            for (p, x) in data.iter_mut().enumerate() {
                let (i, j) = ((p / cols) % rows, p % cols);
                if !keep(i as isize, j as isize) {
                    *x = T::default();
                }
            }
        }
        Ok(build(a.shape(), data, Order::C, a.dtype()))
    }
    with_element_type!(source.dtype(), run(&source, &keep), record => Err(crate::record::unsupported("tril/triu")))
}

/// NumPy's `np.tril(m, k)`: a copy with the elements above diagonal `k` zeroed (on the last
/// two axes).
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::try_tril(&m, 0).unwrap().to_vec::<i32>().unwrap(), vec![1, 0, 3, 4]);
/// ```
pub fn try_tril(m: &Array, k: isize) -> Result<Array> {
    triangle(m, |i, j| j <= i + k)
}

/// [`try_tril`], panicking on error.
///
/// ```
/// let v = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::tril(&v, 0).to_vec::<i32>().unwrap(), vec![1, 0, 1, 2]);
/// ```
pub fn tril(m: &Array, k: isize) -> Array {
    try_tril(m, k).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.triu(m, k)`: a copy with the elements below diagonal `k` zeroed.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::try_triu(&m, 0).unwrap().to_vec::<i32>().unwrap(), vec![1, 2, 0, 4]);
/// ```
pub fn try_triu(m: &Array, k: isize) -> Result<Array> {
    triangle(m, |i, j| j >= i + k)
}

/// [`try_triu`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::triu(&m, 1).to_vec::<i32>().unwrap(), vec![0, 2, 0, 0]);
/// ```
pub fn triu(m: &Array, k: isize) -> Array {
    try_triu(m, k).unwrap_or_else(|e| panic!("{e}"))
}

/// `meshgrid`'s `indexing=`: Cartesian (`xy`, NumPy's default: the first two output axes are
/// swapped) or matrix (`ij`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Indexing {
    /// Cartesian indexing.
    #[default]
    Xy,
    /// Matrix indexing.
    Ij,
}

/// NumPy's `np.meshgrid(*xi, indexing=...)`: coordinate matrices (full copies) from
/// coordinate vectors (flattened first).
///
/// ```
/// use arraylib::{Array, Indexing, meshgrid};
/// let x = Array::from_vec(vec![1i64, 2, 3]);
/// let y = Array::from_vec(vec![10i64, 20]);
/// let g = meshgrid(&[&x, &y], Indexing::Xy);
/// assert_eq!(g[0].shape(), &[2, 3]);
/// assert_eq!(g[1].to_vec::<i64>().unwrap(), vec![10, 10, 10, 20, 20, 20]);
/// assert_eq!(meshgrid(&[&x, &y], Indexing::Ij)[0].shape(), &[3, 2]);
/// ```
pub fn meshgrid(arrays: impl Arrays, indexing: Indexing) -> Vec<Array> {
    let flat: Vec<Array> = arrays.arrays().iter().map(|a| a.ravel()).collect();
    let ndim = flat.len();
    // Output axis of input k (xy swaps the first two).
    let axis_of = |k: usize| match (indexing, k) {
        (Indexing::Xy, 0) if ndim > 1 => 1,
        (Indexing::Xy, 1) => 0,
        _ => k,
    };
    let mut shape = vec![0usize; ndim];
    for (k, a) in flat.iter().enumerate() {
        shape[axis_of(k)] = a.size();
    }
    flat.iter()
        .enumerate()
        .map(|(k, a)| {
            let axis = axis_of(k);
            let mut source_shape = vec![1usize; ndim];
            source_shape[axis] = a.size();
            let source = a.reshape(source_shape.as_slice());
            let maps = shape
                .iter()
                .enumerate()
                .map(|(d, &n)| (0..n).map(|j| Some(if d == axis { j } else { 0 })).collect())
                .collect();
            gather(&source, &maps, None).expect("maps stay inside the source")
        })
        .collect()
}

/// Results checked against NumPy 2.4.
#[cfg(test)]
mod numpy_checks {
    use super::*;

    #[test]
    fn tril_of_a_vector_and_meshgrid_of_three() {
        let v = Array::from_vec(vec![1i64, 2, 3]);
        assert_eq!(tril(&v, 0).to_vec::<i64>().unwrap(), vec![1, 0, 0, 1, 2, 0, 1, 2, 3]);
        let (a, b, c) = (
            Array::from_vec(vec![0i64; 2]),
            Array::from_vec(vec![0i64; 3]),
            Array::from_vec(vec![0i64; 4]),
        );
        for g in meshgrid([&a, &b, &c], Indexing::Xy) {
            assert_eq!(g.shape(), &[3, 2, 4]);
        }
        assert_eq!(tri(2, Some(3), 1, DType::Float64).dtype(), DType::Float64);
    }
}
