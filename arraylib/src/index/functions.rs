//! The indexing functions of NumPy's namespace: `nonzero`, `argwhere`, `flatnonzero`, `take`,
//! `put`, `take_along_axis`, `put_along_axis`, `add.at`, `ix_`, `compress`, and `a.item(i)`.

use crate::array::{Array, Layout, Order, dispatch, with_numeric_type};
use crate::axes::normalize_axis;
use crate::buffer::Storage;
use crate::dtype::{DType, DTypeKind};
use crate::element::{Element, NumElement};
use crate::error::{ArrayError, ErrorKind, Result};
use crate::scalar::Scalar;

use super::access::{SetValue, assign, broadcast_value};
use super::item::{Index, IndexItem, Slice};
use super::plan::normalize;

/// Whether each element is "true" (non-zero, non-empty), in C order.
fn truth(a: &Array) -> Result<Vec<bool>> {
    fn numeric<T: NumElement>(a: &Array) -> Result<Vec<bool>> {
        let view = a.typed::<T>()?;
        Ok(match view.as_slice() {
            Some(values) => values.iter().map(|v| v.to_bool()).collect(),
            None => view.iter().map(|v| v.to_bool()).collect(),
        })
    }
    with_numeric_type!(a.dtype(), numeric(a), _ => Ok(a.typed::<String>()?.iter().map(|s| !s.is_empty()).collect()))
}

/// NumPy's `nonzero`: for each axis, the positions of the non-zero elements (C order).
///
/// ```
/// use arraylib::Array;
/// let x = Array::from_shape_vec([2, 3], vec![1, 0, 2, 0, 3, 0]).unwrap();
/// let [rows, cols] = &arraylib::nonzero(&x)[..] else { panic!() };
/// assert_eq!(rows.to_vec::<i64>().unwrap(), vec![0, 0, 1]);
/// assert_eq!(cols.to_vec::<i64>().unwrap(), vec![0, 2, 1]);
/// ```
pub fn try_nonzero(a: &Array) -> Result<Vec<Array>> {
    if a.ndim() == 0 {
        return Err(ArrayError::value(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.",
        ));
    }
    let found = argwhere_rows(a)?;
    let ndim = a.ndim();
    let count = found.len() / ndim;
    Ok((0..ndim)
        .map(|d| Array::from_vec((0..count).map(|k| found[k * ndim + d]).collect::<Vec<i64>>()))
        .collect())
}

/// Panicking twin of [`try_nonzero`].
///
/// ```
/// let v = arraylib::Array::from_vec(vec![0.0, 2.0, f64::NAN]);
/// assert_eq!(arraylib::nonzero(&v)[0].to_vec::<i64>().unwrap(), vec![1, 2]);
/// ```
pub fn nonzero(a: &Array) -> Vec<Array> {
    try_nonzero(a).unwrap_or_else(|e| panic!("{e}"))
}

/// The multi-indices of the true elements, row after row.
fn argwhere_rows(a: &Array) -> Result<Vec<i64>> {
    let truth = truth(a)?;
    let shape = a.shape();
    let mut out = Vec::new();
    let mut index = vec![0i64; shape.len()];
    for t in truth {
        if t {
            out.extend_from_slice(&index);
        }
        for d in (0..shape.len()).rev() {
            index[d] += 1;
            if (index[d] as usize) < shape[d] {
                break;
            }
            index[d] = 0;
        }
    }
    Ok(out)
}

/// NumPy's `argwhere`: the indices of the non-zero elements, one row each (`(N, ndim)`).
///
/// ```
/// let x = arraylib::Array::from_shape_vec([2, 2], vec![0, 1, 1, 0]).unwrap();
/// let w = arraylib::argwhere(&x);
/// assert_eq!(w.shape(), &[2, 2]);
/// assert_eq!(w.to_vec::<i64>().unwrap(), vec![0, 1, 1, 0]);
/// ```
pub fn try_argwhere(a: &Array) -> Result<Array> {
    let rows = argwhere_rows(a)?;
    let ndim = a.ndim();
    let count = match rows.len().checked_div(ndim) {
        Some(count) => count,
        None => truth(a)?.iter().filter(|&&t| t).count(),
    };
    Array::from_shape_vec([count, ndim], rows)
}

/// Panicking twin of [`try_argwhere`].
///
/// ```
/// assert_eq!(arraylib::argwhere(&arraylib::Array::from_vec(vec![0, 3])).shape(), &[1, 1]);
/// ```
pub fn argwhere(a: &Array) -> Array {
    try_argwhere(a).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `flatnonzero`: positions of the non-zero elements of the flattened array.
///
/// ```
/// let x = arraylib::Array::from_shape_vec([2, 2], vec![1, 0, 0, 5]).unwrap();
/// assert_eq!(arraylib::flatnonzero(&x).to_vec::<i64>().unwrap(), vec![0, 3]);
/// ```
pub fn try_flatnonzero(a: &Array) -> Result<Array> {
    let positions: Vec<i64> = truth(a)?
        .iter()
        .enumerate()
        .filter(|(_, t)| **t)
        .map(|(i, _)| i as i64)
        .collect();
    Ok(Array::from_vec(positions))
}

/// Panicking twin of [`try_flatnonzero`].
///
/// ```
/// assert_eq!(arraylib::flatnonzero(&arraylib::Array::from_vec(vec![0, 3])).to_vec::<i64>().unwrap(), vec![1]);
/// ```
pub fn flatnonzero(a: &Array) -> Array {
    try_flatnonzero(a).unwrap_or_else(|e| panic!("{e}"))
}

/// A 1-D view of `a` when it is C-contiguous, a flattened copy otherwise (NumPy's `ravel`).
fn flat(a: &Array) -> Array {
    let source = if a.is_c_contiguous() { a.view() } else { a.copy() };
    let layout = source.layout();
    let offset = if a.size() == 0 {
        0
    } else {
        layout.extent().map_or(0, |(low, _)| low)
    };
    source.with_layout(Layout {
        shape: vec![a.size()],
        strides: vec![1],
        offset,
    })
}

/// Full slices on `axis` axes, then `item`: an index along one axis.
fn along(axis: usize, item: IndexItem) -> Index {
    let mut items: Vec<IndexItem> = (0..axis).map(|_| IndexItem::Slice(Slice::from(..))).collect();
    items.push(item);
    Index::new(items)
}

/// NumPy's `take(a, indices, axis)`: `a[..., indices, ...]` along `axis` (flattened when
/// `None`). Always a copy.
///
/// ```
/// use arraylib::Array;
/// let m = Array::from_shape_vec([2, 3], vec![0, 1, 2, 3, 4, 5]).unwrap();
/// let idx = Array::from_vec(vec![2i64, 0]);
/// assert_eq!(arraylib::take(&m, &idx, Some(1)).to_vec::<i32>().unwrap(), vec![2, 0, 5, 3]);
/// assert_eq!(arraylib::take(&m, &idx, None).to_vec::<i32>().unwrap(), vec![2, 0]);
/// ```
pub fn try_take(a: &Array, indices: &Array, axis: Option<isize>) -> Result<Array> {
    let (source, axis) = match axis {
        None => (flat(a), 0),
        Some(axis) => (a.view(), normalize_axis(axis, a.ndim())?),
    };
    let indices = if indices.dtype() == DType::Bool {
        indices.astype(DType::Int64)?
    } else {
        indices.alias()
    };
    let result = source.try_at(along(axis, IndexItem::Indices(indices)))?;
    Ok(if result.owndata() { result } else { result.copy() })
}

/// Panicking twin of [`try_take`].
///
/// ```
/// let a = arraylib::Array::from_vec(vec![5, 6, 7]);
/// assert_eq!(arraylib::take(&a, &arraylib::Array::from_vec(vec![-1i64]), None).to_vec::<i32>().unwrap(), vec![7]);
/// ```
pub fn take(a: &Array, indices: &Array, axis: Option<isize>) -> Array {
    try_take(a, indices, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// One index array per axis selecting, with `indices` on `axis`, the elements that
/// `take_along_axis`/`put_along_axis` pair up (the other axes use their own positions).
fn along_axis_index(a: &Array, indices: &Array, axis: Option<isize>) -> Result<(Array, Index)> {
    if !indices.dtype().kind().is_integer() {
        return Err(ArrayError::new(ErrorKind::Index, "`indices` must be an integer array"));
    }
    let (source, axis) = match axis {
        None => (flat(a), 0),
        Some(axis) => (a.view(), normalize_axis(axis, a.ndim())?),
    };
    if indices.ndim() != source.ndim() {
        return Err(ArrayError::value(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    let ndim = source.ndim();
    let items = (0..ndim)
        .map(|d| {
            if d == axis {
                return IndexItem::Indices(indices.alias());
            }
            let n = source.shape()[d];
            let mut shape = vec![1usize; ndim];
            shape[d] = n;
            IndexItem::Indices(Array::from_shape_vec(shape, (0..n as i64).collect()).expect("sized"))
        })
        .collect();
    Ok((source, Index::new(items)))
}

/// NumPy's `take_along_axis`: picks along `axis` with an index array of the same number of
/// dimensions (such as `argsort`'s result).
///
/// ```
/// use arraylib::Array;
/// let x = Array::from_shape_vec([2, 3], vec![3.0, 1.0, 2.0, 0.5, 2.5, 1.5]).unwrap();
/// let order = Array::from_shape_vec([2, 3], vec![1i64, 2, 0, 0, 2, 1]).unwrap();
/// let sorted = arraylib::take_along_axis(&x, &order, Some(1));
/// assert_eq!(sorted.to_vec::<f64>().unwrap(), vec![1.0, 2.0, 3.0, 0.5, 1.5, 2.5]);
/// ```
pub fn try_take_along_axis(a: &Array, indices: &Array, axis: Option<isize>) -> Result<Array> {
    let (source, index) = along_axis_index(a, indices, axis)?;
    source.try_at(index)
}

/// Panicking twin of [`try_take_along_axis`].
///
/// ```
/// let a = arraylib::Array::from_vec(vec![4, 5, 6]);
/// let i = arraylib::Array::from_vec(vec![2i64]);
/// assert_eq!(arraylib::take_along_axis(&a, &i, None).to_vec::<i32>().unwrap(), vec![6]);
/// ```
pub fn take_along_axis(a: &Array, indices: &Array, axis: Option<isize>) -> Array {
    try_take_along_axis(a, indices, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `put_along_axis`: writes `values` at the places `take_along_axis` would read.
///
/// ```
/// use arraylib::Array;
/// let mut x = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// let i = Array::from_shape_vec([2, 1], vec![1i64, 0]).unwrap();
/// arraylib::put_along_axis(&mut x, &i, 0, Some(1));
/// assert_eq!(x.to_vec::<i32>().unwrap(), vec![1, 0, 0, 4]);
/// ```
pub fn try_put_along_axis(
    a: &mut Array,
    indices: &Array,
    values: impl Into<SetValue>,
    axis: Option<isize>,
) -> Result<()> {
    if axis.is_none() && !a.is_c_contiguous() {
        return Err(ArrayError::value(
            "put_along_axis with axis=None needs a C-contiguous array",
        ));
    }
    let (target, index) = along_axis_index(a, indices, axis)?;
    assign(&target, index, values.into())
}

/// Panicking twin of [`try_put_along_axis`].
///
/// ```
/// let mut a = arraylib::Array::from_vec(vec![1, 2, 3]);
/// arraylib::put_along_axis(&mut a, &arraylib::Array::from_vec(vec![0i64]), 9, None);
/// assert_eq!(a.to_vec::<i32>().unwrap(), vec![9, 2, 3]);
/// ```
pub fn put_along_axis(a: &mut Array, indices: &Array, values: impl Into<SetValue>, axis: Option<isize>) {
    try_put_along_axis(a, indices, values, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `put(a, ind, v)`: writes `v` at the flat positions `ind` (C order), repeating `v`
/// as needed; the last write to a position wins. A structured array is written field by
/// field (with `v` cast as [`Array::astype`] casts).
///
/// ```
/// use arraylib::{Array, DType};
/// let mut a = Array::from_shape_vec([2, 2], vec![0, 0, 0, 0]).unwrap();
/// arraylib::put(&mut a, &Array::from_vec(vec![0i64, 3]), &Array::from_vec(vec![7, 8]));
/// assert_eq!(a.to_vec::<i32>().unwrap(), vec![7, 0, 0, 8]);
///
/// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
/// let mut r = arraylib::zeros(3, dt);
/// let v = Array::try_from_fields(dt, &[arraylib::array![0.5], arraylib::array![9]]).unwrap();
/// arraylib::put(&mut r, &Array::from_vec(vec![2i64]), &v);
/// assert_eq!(r.field("n").to_vec::<i32>().unwrap(), vec![0, 0, 9]);
/// ```
pub fn try_put(a: &mut Array, indices: &Array, values: &Array) -> Result<()> {
    if !a.writeable() {
        return Err(ArrayError::value("assignment destination is read-only"));
    }
    if !indices.dtype().kind().is_integer() {
        return Err(ArrayError::type_error(
            "Cannot cast array data from dtype to int64 according to the rule 'safe'",
        ));
    }
    let positions = indices.astype(DType::Int64)?.to_vec::<i64>()?;
    if positions.is_empty() {
        return Ok(());
    }
    if values.size() == 0 {
        return Err(ArrayError::value("cannot replace elements of an empty array"));
    }
    let values = values.astype(a.dtype())?;
    let n = a.size();
    let mut flat_index = Vec::with_capacity(positions.len());
    for &p in &positions {
        let k = if p < 0 { p + n as i64 } else { p };
        if k < 0 || k >= n as i64 {
            return Err(ArrayError::new(
                ErrorKind::Index,
                format!("index {p} is out of bounds for axis 0 with size {n}"),
            ));
        }
        flat_index.push(k as usize);
    }
    put_flat(a, &flat_index, &values)
}

/// Writes `values` (of `a`'s dtype, repeated as needed) at the flat C-order positions of
/// `a`; a structured array field by field.
fn put_flat(a: &Array, flat_index: &[usize], values: &Array) -> Result<()> {
    fn run<T: Element>(a: &Array, flat_index: &[usize], values: &Array, _: &Storage<T>) -> Result<()> {
        let values: Vec<T> = values.typed::<T>()?.iter().cloned().collect();
        let mut target = a.typed_write::<T>()?;
        let shape = target.shape().to_vec();
        for (j, &k) in flat_index.iter().enumerate() {
            target[unravel(k, &shape).as_slice()] = values[j % values.len()].clone();
        }
        Ok(())
    }
    dispatch!(a.data(), s => run(a, flat_index, values, s), record => crate::record::zip_fields(a, values, |f, v| put_flat(f, flat_index, v)))
}

/// Panicking twin of [`try_put`].
///
/// ```
/// let mut a = arraylib::Array::from_vec(vec![1, 2, 3]);
/// arraylib::put(&mut a, &arraylib::Array::from_vec(vec![-1i64]), &arraylib::Array::from_vec(vec![0]));
/// assert_eq!(a.to_vec::<i32>().unwrap(), vec![1, 2, 0]);
/// ```
pub fn put(a: &mut Array, indices: &Array, values: &Array) {
    try_put(a, indices, values).unwrap_or_else(|e| panic!("{e}"))
}

/// A flat C-order position as a multi-index.
fn unravel(mut k: usize, shape: &[usize]) -> Vec<usize> {
    let mut index = vec![0usize; shape.len()];
    for d in (0..shape.len()).rev() {
        index[d] = k % shape[d];
        k /= shape[d];
    }
    index
}

/// NumPy's `np.add.at(a, index, values)`: unbuffered `a[index] += values`, so a position
/// named twice is incremented twice (unlike `a[index] += values`).
///
/// ```
/// use arraylib::{idx, Array};
/// let mut a = Array::from_vec(vec![10i64, 11, 12, 13, 14]);
/// arraylib::add_at(&mut a, idx![[0, 2, 0]], 1);
/// assert_eq!(a.to_vec::<i64>().unwrap(), vec![12, 11, 13, 13, 14]);
/// ```
pub fn try_add_at(a: &mut Array, index: impl Into<Index>, values: impl Into<SetValue>) -> Result<()> {
    if !a.writeable() {
        return Err(ArrayError::value("assignment destination is read-only"));
    }
    let plan = super::plan::plan(a, index.into())?;
    let selection = if plan.advanced.is_empty() {
        None
    } else {
        Some(super::plan::select(&plan)?)
    };
    let shape = selection
        .as_ref()
        .map_or_else(|| plan.view.shape().to_vec(), |s| s.shape.clone());
    let same_kind = |s: &Scalar| check_same_kind(s.result_dtype_with(a.dtype())?, a.dtype());
    let values = match values.into() {
        SetValue::Scalar(s) => {
            same_kind(&s)?;
            s.to_array(a.dtype())?
        }
        SetValue::Row(row) => {
            row.iter().try_for_each(same_kind)?;
            crate::record::column(row.iter(), a.dtype())?
        }
        SetValue::Array(v) => {
            let dtype = crate::dtype::promote_types(v.dtype(), a.dtype())?;
            check_same_kind(dtype, a.dtype())?;
            v.astype(a.dtype())?
        }
    };
    let values = broadcast_value(&values, &shape)?;
    // Storage positions of the selected elements in C order of the selection.
    let positions: Vec<usize> = match &selection {
        Some(sel) => {
            let offsets = sel.block_offsets();
            sel.starts
                .iter()
                .flat_map(|&s| offsets.iter().map(move |&o| (s as isize + o) as usize))
                .collect()
        }
        None => plan.view.layout().indices(),
    };
    fn run<T: NumElement>(view: &Array, positions: &[usize], values: &Array) -> Result<()> {
        let values: Vec<T> = values.typed::<T>()?.iter().cloned().collect();
        let mut storage = view.raw_write::<T>()?;
        for (&p, &v) in positions.iter().zip(&values) {
            storage[p] = add(storage[p], v);
        }
        Ok(())
    }
    with_numeric_type!(a.dtype(), run(&plan.view, &positions, &values), _ => Err(ArrayError::type_error("ufunc 'add' did not contain a loop with signature matching types")))
}

/// Panicking twin of [`try_add_at`].
///
/// ```
/// use arraylib::{idx, Array};
/// let mut a = Array::from_vec(vec![0.0, 0.0]);
/// arraylib::add_at(&mut a, idx![[1, 1, 1]], 0.5);
/// assert_eq!(a.to_vec::<f64>().unwrap(), vec![0.0, 1.5]);
/// ```
pub fn add_at(a: &mut Array, index: impl Into<Index>, values: impl Into<SetValue>) {
    try_add_at(a, index, values).unwrap_or_else(|e| panic!("{e}"))
}

/// `a + b` in the element type, wrapping for integers and `or` for booleans, as NumPy's `add`.
fn add<T: NumElement>(a: T, b: T) -> T {
    match T::DTYPE.kind() {
        DTypeKind::Bool => T::from_bool(a.to_bool() || b.to_bool()),
        DTypeKind::Int | DTypeKind::UInt => T::from_i64(a.to_i64().wrapping_add(b.to_i64())),
        DTypeKind::Float => T::from_f64(a.to_f64() + b.to_f64()),
        _ => T::from_c64(a.to_c64() + b.to_c64()),
    }
}

fn check_same_kind(from: DType, to: DType) -> Result<()> {
    if from.can_cast_same_kind(to) {
        Ok(())
    } else {
        Err(ArrayError::new(
            ErrorKind::Casting,
            format!(
                "Cannot cast ufunc 'add' output from dtype('{from}') to dtype('{to}') with casting rule 'same_kind'"
            ),
        ))
    }
}

/// NumPy's `ix_`: open-mesh index arrays, the `k`-th shaped `(1, .., n_k, .., 1)`, so that
/// `a.at(ix_(..))` selects the cross product. Boolean inputs become positions.
///
/// ```
/// use arraylib::Array;
/// let x = Array::from_shape_vec([3, 4], (0..12).collect::<Vec<i64>>()).unwrap();
/// let rows = Array::from_vec(vec![0i64, 2]);
/// let cols = Array::from_vec(vec![1i64, 3]);
/// let picked = x.at(arraylib::ix_(&[&rows, &cols]));
/// assert_eq!(picked.shape(), &[2, 2]);
/// assert_eq!(picked.to_vec::<i64>().unwrap(), vec![1, 3, 9, 11]);
/// ```
pub fn try_ix_(arrays: &[&Array]) -> Result<Vec<Array>> {
    let k = arrays.len();
    arrays
        .iter()
        .enumerate()
        .map(|(d, a)| {
            if a.ndim() != 1 {
                return Err(ArrayError::value("Cross index must be 1 dimensional"));
            }
            let a = if a.dtype() == DType::Bool {
                try_nonzero(a)?.remove(0)
            } else {
                a.copy()
            };
            if !a.dtype().kind().is_integer() && a.size() > 0 {
                return Err(ArrayError::new(
                    ErrorKind::Index,
                    "arrays used as indices must be of integer (or boolean) type",
                ));
            }
            let mut shape = vec![1usize; k];
            shape[d] = a.size();
            Ok(a.with_layout(Layout::contiguous(&shape, Order::C)))
        })
        .collect()
}

/// Panicking twin of [`try_ix_`].
///
/// ```
/// let m = arraylib::ix_(&[&arraylib::Array::from_vec(vec![1i64, 2]), &arraylib::Array::from_vec(vec![0i64])]);
/// assert_eq!(m[0].shape(), &[2, 1]);
/// assert_eq!(m[1].shape(), &[1, 1]);
/// ```
pub fn ix_(arrays: &[&Array]) -> Vec<Array> {
    try_ix_(arrays).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `compress(condition, a, axis)`: the slices of `a` along `axis` (flattened when
/// `None`) where `condition` is true; `condition` may be shorter than the axis.
///
/// ```
/// use arraylib::Array;
/// let m = Array::from_shape_vec([3, 2], vec![1, 2, 3, 4, 5, 6]).unwrap();
/// let c = Array::from_vec(vec![false, true]);
/// assert_eq!(arraylib::compress(&c, &m, Some(0)).to_vec::<i32>().unwrap(), vec![3, 4]);
/// ```
pub fn try_compress(condition: &Array, a: &Array, axis: Option<isize>) -> Result<Array> {
    if condition.ndim() != 1 {
        return Err(ArrayError::value("condition must be a 1-d array"));
    }
    let n = match axis {
        None => a.size(),
        Some(axis) => a.shape()[normalize_axis(axis, a.ndim())?],
    };
    let truth = truth(condition)?;
    let positions: Vec<i64> = truth
        .iter()
        .enumerate()
        .filter(|(_, t)| **t)
        .map(|(i, _)| i as i64)
        .collect();
    if let Some(&last) = positions.last()
        && last as usize >= n
    {
        let axis = axis.unwrap_or(0);
        return Err(ArrayError::index_bounds(last, axis.max(0) as usize, n));
    }
    try_take(a, &Array::from_vec(positions), axis)
}

/// Panicking twin of [`try_compress`].
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
/// let c = arraylib::Array::from_vec(vec![true, false, true]);
/// assert_eq!(arraylib::compress(&c, &a, None).to_vec::<i32>().unwrap(), vec![1, 3]);
/// ```
pub fn compress(condition: &Array, a: &Array, axis: Option<isize>) -> Array {
    try_compress(condition, a, axis).unwrap_or_else(|e| panic!("{e}"))
}

/// The methods NumPy also has on arrays (`a.take(...)`, `a.nonzero()`, ...), same meaning as
/// the functions.
impl Array {
    /// NumPy's `a.nonzero()`, see [`try_nonzero`].
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![0, 5, 0, 7]);
    /// assert_eq!(a.try_nonzero().unwrap()[0].to_vec::<i64>().unwrap(), vec![1, 3]);
    /// ```
    pub fn try_nonzero(&self) -> Result<Vec<Array>> {
        try_nonzero(self)
    }

    /// Panicking twin of [`Array::try_nonzero`].
    ///
    /// ```
    /// assert_eq!(arraylib::Array::from_vec(vec![1, 0]).nonzero().len(), 1);
    /// ```
    pub fn nonzero(&self) -> Vec<Array> {
        nonzero(self)
    }

    /// NumPy's `a.take(indices, axis)`, see [`try_take`].
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![4, 5, 6]);
    /// let i = arraylib::Array::from_vec(vec![2i64, 2]);
    /// assert_eq!(a.try_take(&i, None).unwrap().to_vec::<i32>().unwrap(), vec![6, 6]);
    /// ```
    pub fn try_take(&self, indices: &Array, axis: Option<isize>) -> Result<Array> {
        try_take(self, indices, axis)
    }

    /// Panicking twin of [`Array::try_take`].
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![4, 5, 6]);
    /// assert_eq!(a.take(&arraylib::Array::from_vec(vec![0i64]), Some(0)).to_vec::<i32>().unwrap(), vec![4]);
    /// ```
    pub fn take(&self, indices: &Array, axis: Option<isize>) -> Array {
        take(self, indices, axis)
    }

    /// NumPy's `a.put(indices, values)`, see [`try_put`].
    ///
    /// ```
    /// let mut a = arraylib::Array::from_vec(vec![0, 0, 0]);
    /// a.try_put(&arraylib::Array::from_vec(vec![1i64]), &arraylib::Array::from_vec(vec![5])).unwrap();
    /// assert_eq!(a.to_vec::<i32>().unwrap(), vec![0, 5, 0]);
    /// ```
    pub fn try_put(&mut self, indices: &Array, values: &Array) -> Result<()> {
        try_put(self, indices, values)
    }

    /// Panicking twin of [`Array::try_put`].
    ///
    /// ```
    /// let mut a = arraylib::Array::from_vec(vec![0, 0]);
    /// a.put(&arraylib::Array::from_vec(vec![0i64]), &arraylib::Array::from_vec(vec![1]));
    /// assert_eq!(a.to_vec::<i32>().unwrap(), vec![1, 0]);
    /// ```
    pub fn put(&mut self, indices: &Array, values: &Array) {
        put(self, indices, values)
    }

    /// NumPy's `a.compress(condition, axis)`, see [`try_compress`].
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// let c = arraylib::Array::from_vec(vec![false, true]);
    /// assert_eq!(a.try_compress(&c, None).unwrap().to_vec::<i32>().unwrap(), vec![2]);
    /// ```
    pub fn try_compress(&self, condition: &Array, axis: Option<isize>) -> Result<Array> {
        try_compress(condition, self, axis)
    }

    /// Panicking twin of [`Array::try_compress`].
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// assert_eq!(a.compress(&arraylib::Array::from_vec(vec![true]), None).to_vec::<i32>().unwrap(), vec![1]);
    /// ```
    pub fn compress(&self, condition: &Array, axis: Option<isize>) -> Array {
        compress(condition, self, axis)
    }

    /// NumPy's `a.item(*args)`: one element as a Python-like scalar, by flat position (one
    /// index) or by one index per axis; no index is `a.item()`.
    ///
    /// ```
    /// use arraylib::{Array, Scalar};
    /// let m = Array::from_shape_vec([2, 3], vec![0i64, 1, 2, 3, 4, 5]).unwrap();
    /// assert_eq!(m.try_item_at(&[4]).unwrap(), Scalar::Int(4));
    /// assert_eq!(m.try_item_at(&[1, -1]).unwrap(), Scalar::Int(5));
    /// assert!(m.try_item_at(&[6]).is_err());
    /// ```
    pub fn try_item_at(&self, index: &[isize]) -> Result<Scalar> {
        match index.len() {
            0 => self.item(),
            1 if self.ndim() != 1 => {
                let n = self.size();
                let k = index[0] as i64;
                let k = if k < 0 { k + n as i64 } else { k };
                if k < 0 || k >= n as i64 {
                    return Err(ArrayError::new(
                        ErrorKind::Index,
                        format!("index {} is out of bounds for size {n}", index[0]),
                    ));
                }
                let position = unravel(k as usize, self.shape());
                let items: Vec<IndexItem> = position.into_iter().map(IndexItem::from).collect();
                self.try_at(Index::new(items))?.item()
            }
            _ => {
                if index.len() != self.ndim() {
                    return Err(ArrayError::value("incorrect number of indices for array"));
                }
                for (axis, (&i, &n)) in index.iter().zip(self.shape()).enumerate() {
                    normalize(i as i64, axis, n)?;
                }
                let items: Vec<IndexItem> = index.iter().map(|&i| IndexItem::from(i)).collect();
                self.try_at(Index::new(items))?.item()
            }
        }
    }

    /// Panicking twin of [`Array::try_item_at`].
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1.5, 2.5]);
    /// assert_eq!(a.item_at(&[-1]), arraylib::Scalar::Float(2.5));
    /// ```
    pub fn item_at(&self, index: &[isize]) -> Scalar {
        self.try_item_at(index).unwrap_or_else(|e| panic!("{e}"))
    }
}
