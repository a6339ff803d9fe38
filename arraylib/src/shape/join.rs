//! Joining arrays: `concatenate`, `stack`, `hstack`, `vstack`, `dstack`, `column_stack`.
//!
//! Inputs are cast once to the promoted dtype; then each output row (everything before the
//! join axis) is filled by copying one contiguous block per input, so contiguous inputs are
//! copied with `memcpy`-like slice copies. Structured arrays are joined field by field.

use crate::array::{Array, Order};
use crate::axes::{Axes, normalize_axis};
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{ArrayError, Result};
use crate::shape::kernels::{append_c, build};
use crate::shape::reshape::{atleast_1d, atleast_2d, atleast_3d};
use crate::shape::{Arrays, with_element_type};

/// NumPy's `np.concatenate(arrays, axis)`: joins along an existing axis ([`Axes::All`], NumPy's
/// `axis=None`, joins the flattened arrays). Always a new array of the promoted dtype, in the
/// inputs' memory order. Structured arrays join field by field; their dtypes must have the
/// same field names (NumPy 2 promotes the fields), else it is NumPy's `DTypePromotionError`.
///
/// ```
/// use arraylib::{Array, DType, try_concatenate};
/// let a = Array::from_shape_vec([2, 3], vec![0i64, 1, 2, 3, 4, 5]).unwrap();
/// let b = Array::from_shape_vec([2, 1], vec![9.5, 9.5]).unwrap();
/// let c = try_concatenate(&[&a, &b], 1).unwrap();
/// assert_eq!(c.shape(), &[2, 4]);
/// assert_eq!(c.dtype(), DType::Float64);
/// let e = try_concatenate(&[&a, &b], 0).unwrap_err();
/// assert!(e.message().starts_with("all the input array dimensions except for the concatenation axis"));
///
/// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
/// let p = Array::from_rows(dt, &[vec!["Ann".into(), 31.into()], vec!["Bo".into(), 25.into()]]).unwrap();
/// let twice = try_concatenate(&[&p, &p], 0).unwrap();
/// assert_eq!(twice.field("age").to_vec::<i32>().unwrap(), vec![31, 25, 31, 25]);
/// assert!(try_concatenate(&[&p, &a.ravel()], 0).is_err());
/// ```
pub fn try_concatenate(arrays: impl Arrays, axis: impl Into<Axes>) -> Result<Array> {
    let arrays = arrays.arrays();
    match axis.into() {
        Axes::All => {
            let flat: Vec<Array> = arrays.iter().map(|a| a.ravel()).collect();
            concatenate_along(&flat.iter().collect::<Vec<_>>(), 0)
        }
        Axes::List(list) if list.len() == 1 => concatenate_along(&arrays, list[0]),
        Axes::List(_) => Err(ArrayError::type_error(
            "'tuple' object cannot be interpreted as an integer",
        )),
    }
}

/// [`try_concatenate`], panicking on error.
///
/// ```
/// use arraylib::{Array, Axes, concatenate};
/// let a = Array::from_vec(vec![1, 2]);
/// assert_eq!(concatenate(&[&a, &a], 0).to_vec::<i32>().unwrap(), vec![1, 2, 1, 2]);
/// assert_eq!(concatenate(&[&a.reshape([2, 1]), &a], Axes::All).shape(), &[4]);
/// ```
pub fn concatenate(arrays: impl Arrays, axis: impl Into<Axes>) -> Array {
    try_concatenate(arrays, axis).unwrap_or_else(|e| panic!("{e}"))
}

fn concatenate_along(arrays: &[&Array], axis: isize) -> Result<Array> {
    let first = arrays
        .first()
        .ok_or_else(|| ArrayError::value("need at least one array to concatenate"))?;
    let ndim = first.ndim();
    if ndim == 0 {
        return Err(ArrayError::value("zero-dimensional arrays cannot be concatenated"));
    }
    let axis = normalize_axis(axis, ndim)?;
    let mut shape = first.shape().to_vec();
    for (i, a) in arrays.iter().enumerate().skip(1) {
        if a.ndim() != ndim {
            return Err(ArrayError::shape(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {ndim} \
                 dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for (k, (&n0, &n)) in first.shape().iter().zip(a.shape()).enumerate() {
            if k != axis && n != n0 {
                return Err(ArrayError::shape(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but \
                     along dimension {k}, the array at index 0 has size {n0} and the array at index {i} has size {n}"
                )));
            }
        }
        shape[axis] += a.shape()[axis];
    }
    let dtype = arrays
        .iter()
        .skip(1)
        .try_fold(first.dtype(), |d, a| d.promote(a.dtype()))?;
    // As NumPy, the result keeps the inputs' memory order (F inputs give an F result): join
    // the inputs with axes permuted into that order, then present the result unpermuted.
    let perm = output_axis_order(arrays);
    let parts = arrays
        .iter()
        .map(|a| a.astype_nocopy(dtype).map(|p| p.transpose(perm.as_slice())))
        .collect::<Result<Vec<_>>>()?;
    let joined_shape: Vec<usize> = perm.iter().map(|&k| shape[k]).collect();
    let joined_axis = perm.iter().position(|&k| k == axis).expect("perm covers every axis");
    let joined = join(&parts, joined_axis, &joined_shape, dtype)?;
    let mut inverse = vec![0usize; ndim];
    for (i, &k) in perm.iter().enumerate() {
        inverse[k] = i;
    }
    let layout = joined.transpose(inverse).layout().clone();
    Ok(joined.relayout(layout))
}

/// `parts` (all of `dtype`) joined along `axis` into a new C-ordered array of `shape`; a
/// structured array field by field.
fn join(parts: &[Array], axis: usize, shape: &[usize], dtype: DType) -> Result<Array> {
    fn run<T: Element>(parts: &[Array], axis: usize, shape: &[usize], dtype: DType) -> Result<Array> {
        Ok(build(shape, join_blocks::<T>(parts, axis, shape)?, Order::C, dtype))
    }
    with_element_type!(dtype, run(parts, axis, shape, dtype), record => {
        let fields = dtype.fields().expect("a structured dtype");
        let joined = fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let columns: Vec<Array> = parts.iter().map(|p| p.field_view(i)).collect();
                join(&columns, axis, shape, field.dtype)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Array::record_from_parts(dtype, joined))
    })
}

/// NumPy's `PyArray_CreateMultiSortedStridePerm`: the axes from largest to smallest stride
/// as the arrays agree on it (a stable insertion sort; where arrays disagree, C order wins;
/// axes of length 1 do not count).
fn output_axis_order(arrays: &[&Array]) -> Vec<usize> {
    let ndim = arrays[0].ndim();
    let mut perm: Vec<usize> = (0..ndim).collect();
    for i0 in 1..ndim {
        let mut ipos = i0;
        let ax0 = perm[i0];
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambiguous, mut swap) = (true, false);
            for a in arrays {
                let (shape, strides) = (&a.layout().shape, &a.layout().strides);
                if shape[ax0] != 1 && shape[ax1] != 1 {
                    if strides[ax0].abs() <= strides[ax1].abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        let moved = perm.remove(i0);
        perm.insert(ipos, moved);
    }
    perm
}

/// The joined elements: for each index before `axis`, one block of `shape[axis..]` per part.
fn join_blocks<T: Element>(parts: &[Array], axis: usize, shape: &[usize]) -> Result<Vec<T>> {
    let views = parts.iter().map(|p| p.typed::<T>()).collect::<Result<Vec<_>>>()?;
    // Non-contiguous parts are gathered once (in tiles) into row-major order.
    let gathered: Vec<Option<Vec<T>>> = views
        .iter()
        .map(|v| {
            v.as_slice().is_none().then(|| {
                let mut out = Vec::with_capacity(v.len());
                append_c(v.view(), &mut out);
                out
            })
        })
        .collect();
    let slices: Vec<&[T]> = views
        .iter()
        .zip(&gathered)
        .map(|(v, g)| g.as_deref().or_else(|| v.as_slice()).expect("contiguous or gathered"))
        .collect();
    let blocks: Vec<usize> = parts.iter().map(|p| p.shape()[axis..].iter().product()).collect();
    let outer: usize = shape[..axis].iter().product();
    let mut out = crate::buffer::vec_with_capacity(shape.iter().product());
    for i in 0..outer {
        for (slice, &block) in slices.iter().zip(&blocks) {
            // Single elements (stacking along the last axis) skip the slice-copy overhead.
            if block == 1 {
                out.push(slice[i].clone());
            } else {
                out.extend_from_slice(&slice[i * block..(i + 1) * block]);
            }
        }
    }
    Ok(out)
}

/// NumPy's `np.stack(arrays, axis)`: joins equally shaped arrays along a new axis.
///
/// ```
/// use arraylib::{Array, try_stack};
/// let a = Array::from_vec(vec![1, 2, 3]);
/// let b = Array::from_vec(vec![4, 5, 6]);
/// let s = try_stack(&[&a, &b], 1).unwrap();
/// assert_eq!(s.to_vec::<i32>().unwrap(), vec![1, 4, 2, 5, 3, 6]);
/// let short = Array::from_vec(vec![1, 2]);
/// assert_eq!(try_stack(&[&a, &short], 0).unwrap_err().message(), "all input arrays must have the same shape");
/// ```
pub fn try_stack(arrays: impl Arrays, axis: isize) -> Result<Array> {
    let arrays = arrays.arrays();
    let first = arrays
        .first()
        .ok_or_else(|| ArrayError::value("need at least one array to stack"))?;
    if arrays.iter().any(|a| a.shape() != first.shape()) {
        return Err(ArrayError::shape("all input arrays must have the same shape"));
    }
    let axis = normalize_axis(axis, first.ndim() + 1)?;
    let expanded = arrays
        .iter()
        .map(|a| a.try_expand_dims(axis as isize))
        .collect::<Result<Vec<_>>>()?;
    concatenate_along(&expanded.iter().collect::<Vec<_>>(), axis as isize)
}

/// [`try_stack`], panicking on error.
///
/// ```
/// use arraylib::{Array, stack};
/// let z = Array::scalar(3.5);
/// assert_eq!(stack(&[&z, &z], 0).shape(), &[2]);
/// ```
pub fn stack(arrays: impl Arrays, axis: isize) -> Array {
    try_stack(arrays, axis).unwrap_or_else(|e| panic!("{e}"))
}

fn join_mapped(arrays: impl Arrays, map: fn(&Array) -> Array, axis: impl Fn(&Array) -> isize) -> Result<Array> {
    let mapped: Vec<Array> = arrays.arrays().into_iter().map(map).collect();
    let axis = mapped.first().map_or(0, axis);
    concatenate_along(&mapped.iter().collect::<Vec<_>>(), axis)
}

/// NumPy's `np.hstack`: joins along axis 1 (axis 0 for 1-D inputs).
///
/// ```
/// use arraylib::{Array, try_hstack};
/// let a = Array::from_vec(vec![1, 2]);
/// assert_eq!(try_hstack(&[&a, &a]).unwrap().shape(), &[4]);
/// ```
pub fn try_hstack(arrays: impl Arrays) -> Result<Array> {
    join_mapped(arrays, atleast_1d, |first| if first.ndim() == 1 { 0 } else { 1 })
}

/// [`try_hstack`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 1], vec![1, 2]).unwrap();
/// assert_eq!(arraylib::hstack(&[&m, &m]).shape(), &[2, 2]);
/// ```
pub fn hstack(arrays: impl Arrays) -> Array {
    try_hstack(arrays).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.vstack`: joins along axis 0, 1-D inputs becoming rows.
///
/// ```
/// use arraylib::{Array, try_vstack};
/// let a = Array::from_vec(vec![1, 2]);
/// assert_eq!(try_vstack(&[&a, &a]).unwrap().shape(), &[2, 2]);
/// ```
pub fn try_vstack(arrays: impl Arrays) -> Result<Array> {
    join_mapped(arrays, atleast_2d, |_| 0)
}

/// [`try_vstack`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::vstack(&[&a, &a, &a]).shape(), &[3, 2]);
/// ```
pub fn vstack(arrays: impl Arrays) -> Array {
    try_vstack(arrays).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.dstack`: joins along axis 2 (inputs made at least 3-d).
///
/// ```
/// use arraylib::{Array, try_dstack};
/// let a = Array::from_vec(vec![1, 2]);
/// assert_eq!(try_dstack(&[&a, &a]).unwrap().shape(), &[1, 2, 2]);
/// ```
pub fn try_dstack(arrays: impl Arrays) -> Result<Array> {
    join_mapped(arrays, atleast_3d, |_| 2)
}

/// [`try_dstack`], panicking on error.
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::dstack(&[&m, &m]).shape(), &[2, 2, 2]);
/// ```
pub fn dstack(arrays: impl Arrays) -> Array {
    try_dstack(arrays).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.column_stack`: 1-D inputs become columns, then joins along axis 1.
///
/// ```
/// use arraylib::{Array, try_column_stack};
/// let a = Array::from_vec(vec![1, 2]);
/// let b = Array::from_vec(vec![3, 4]);
/// let c = try_column_stack(&[&a, &b]).unwrap();
/// assert_eq!(c.to_vec::<i32>().unwrap(), vec![1, 3, 2, 4]);
/// ```
pub fn try_column_stack(arrays: impl Arrays) -> Result<Array> {
    fn column(a: &Array) -> Array {
        if a.ndim() < 2 { atleast_2d(a).t() } else { a.alias() }
    }
    join_mapped(arrays, column, |_| 1)
}

/// [`try_column_stack`], panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::column_stack(&[&a, &a]).shape(), &[2, 2]);
/// ```
pub fn column_stack(arrays: impl Arrays) -> Array {
    try_column_stack(arrays).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `np.append(arr, values, axis)`: [`try_concatenate`] of the two; with [`Axes::All`]
/// both are flattened first.
///
/// ```
/// use arraylib::{Array, Axes, try_append};
/// let a = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// let b = Array::from_vec(vec![5, 6]);
/// assert_eq!(try_append(&a, &b, Axes::All).unwrap().to_vec::<i32>().unwrap(), vec![1, 2, 3, 4, 5, 6]);
/// assert!(try_append(&a, &b, 0).is_err());
/// ```
pub fn try_append(arr: &Array, values: &Array, axis: impl Into<Axes>) -> Result<Array> {
    match axis.into() {
        Axes::All => try_concatenate([&arr.ravel(), &values.ravel()], 0),
        axis => try_concatenate([arr, values], axis),
    }
}

/// [`try_append`], panicking on error.
///
/// ```
/// use arraylib::{Array, append};
/// let a = Array::from_shape_vec([1, 2], vec![1, 2]).unwrap();
/// assert_eq!(append(&a, &a, 0).shape(), &[2, 2]);
/// ```
pub fn append(arr: &Array, values: &Array, axis: impl Into<Axes>) -> Array {
    try_append(arr, values, axis).unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_non_contiguous_and_string_inputs() {
        let m = Array::from_shape_vec([2, 3], (0..6).collect::<Vec<i64>>()).unwrap();
        let c = concatenate([&m.t(), &m.t()], 1);
        assert_eq!(c.to_vec::<i64>().unwrap(), vec![0, 3, 0, 3, 1, 4, 1, 4, 2, 5, 2, 5]);
        let s = concatenate([&Array::from_strings(["ab"], 2), &Array::from_strings(["cde"], 3)], 0);
        assert_eq!(s.dtype(), DType::Str(3));
        assert_eq!(s.to_vec::<String>().unwrap(), vec!["ab", "cde"]);
    }

    #[test]
    fn keeps_the_inputs_memory_order() {
        let f = Array::from_shape_vec([3, 2], (0..6).collect::<Vec<i64>>()).unwrap().t();
        let c = concatenate([&f, &f], 0);
        assert_eq!(c.strides(), vec![8, 32]);
        assert!(c.owndata());
        assert_eq!(c.to_vec::<i64>().unwrap(), vec![0, 2, 4, 1, 3, 5, 0, 2, 4, 1, 3, 5]);
        let mixed = concatenate([&f, &f.copy()], 1);
        assert_eq!(mixed.strides(), vec![48, 8]);
    }

    /// `np.array([('Ann', 31), ('Bo', 25), ('Cy', 40)], dtype=[('name', 'U5'), ('age', 'i4')])`.
    fn people() -> Array {
        let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
        let names = Array::from_strings(["Ann", "Bo", "Cy"], 5);
        Array::try_from_fields(dt, &[names, Array::from_vec(vec![31i32, 25, 40])]).unwrap()
    }

    fn ages(a: &Array) -> Vec<i64> {
        a.field("age").astype(DType::Int64).unwrap().to_vec::<i64>().unwrap()
    }

    fn names(a: &Array) -> Vec<String> {
        a.field("name").to_vec::<String>().unwrap()
    }

    #[test]
    fn joins_records_field_by_field() {
        let a = people();
        let r = a.at(crate::idx![..;-1]);
        // np.stack([a, a[::-1]], axis=1)
        let s = stack([&a, &r], 1);
        assert_eq!((s.shape(), s.dtype()), (&[3usize, 2][..], a.dtype()));
        assert_eq!(ages(&s), vec![31, 40, 25, 25, 40, 31]);
        assert_eq!(names(&s), vec!["Ann", "Cy", "Bo", "Bo", "Cy", "Ann"]);
        // np.hstack([a, a[:1]]), np.vstack([a, a]), np.column_stack([a, a[::-1]]), np.dstack([a, a])
        assert_eq!(
            names(&hstack([&a, &a.at(crate::idx![..1])])),
            vec!["Ann", "Bo", "Cy", "Ann"]
        );
        assert_eq!(vstack([&a, &a]).shape(), &[2, 3]);
        let c = column_stack([&a, &r]);
        assert_eq!((c.shape(), ages(&c)), (&[3usize, 2][..], vec![31, 40, 25, 25, 40, 31]));
        assert_eq!(dstack([&a, &a]).shape(), &[1, 3, 2]);
        // np.concatenate([f, f], axis=1) of f = np.asfortranarray(np.stack([a, a[::-1]])) keeps F.
        let f = stack([&a, &r], 0).copy_order(Order::F);
        let cc = concatenate([&f, &f], 1);
        assert!(cc.is_f_contiguous() && cc.field("age").is_f_contiguous());
        assert_eq!(ages(&cc), vec![31, 25, 40, 31, 25, 40, 40, 25, 31, 40, 25, 31]);
    }

    #[test]
    fn records_promote_by_field_name() {
        // np.concatenate([a, np.array([('Dora', 7)], dtype=[('name', 'U4'), ('age', 'i8')])])
        let dt = DType::record(&[("name", DType::Str(4)), ("age", DType::Int64)]).unwrap();
        let dora = Array::from_rows(dt, &[vec!["Dora".into(), 7.into()]]).unwrap();
        let c = concatenate([&people(), &dora], 0);
        assert_eq!(c.dtype().to_string(), "[('name', '<U5'), ('age', '<i8')]");
        assert_eq!(names(&c), vec!["Ann", "Bo", "Cy", "Dora"]);
        assert_eq!(ages(&c), vec![31, 25, 40, 7]);
        // Other names, or a plain array: NumPy's DTypePromotionError.
        let other = DType::record(&[("n", DType::Str(3)), ("k", DType::Int64)]).unwrap();
        let e = try_concatenate([&people(), &crate::zeros(1, other)], 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "TypeError: field names `('name', 'age')` and `('n', 'k')` mismatch."
        );
        let e = try_concatenate([&people(), &crate::arange_n(2)], 0).unwrap_err();
        assert_eq!(
            e.message(),
            "The DType <class 'numpy.dtypes.VoidDType'> could not be promoted by <class 'numpy.dtypes.Int64DType'>. \
             This means that no common DType exists for the given inputs. For example they cannot be stored in a \
             single array unless the dtype is `object`."
        );
    }

    #[test]
    fn error_texts() {
        let a = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
        let v = Array::from_vec(vec![1, 2]);
        let e = try_concatenate([&a, &v], 0).unwrap_err();
        assert_eq!(
            e.message(),
            "all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) \
             and the array at index 1 has 1 dimension(s)"
        );
        assert!(try_concatenate([&a, &a], 2).is_err());
        assert!(try_concatenate(Vec::<Array>::new(), 0).is_err());
    }
}
