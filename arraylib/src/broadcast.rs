//! Broadcasting: NumPy's rule for combining arrays of different shapes.
//!
//! Shapes are aligned on their last axis; two lengths fit when they are equal or one of them
//! is 1 (which is then stretched, as a stride of 0, without copying).

use crate::array::{Array, Layout};
use crate::creation::ShapeArg;
use crate::error::{ArrayError, ErrorKind, Result, shape_str};

/// The shape `shapes` broadcast to, or the ufunc error naming every shape
/// ("operands could not be broadcast together with shapes (2,3) (2,) ").
pub(crate) fn broadcast_shape_ufunc(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    broadcast_shape_checked(shapes).map_err(|_| ArrayError::broadcast(shapes))
}

/// Broadcasts `shapes`; on a mismatch returns the indices of the two shapes that clash,
/// found the way NumPy's `PyArray_Broadcast` looks (leftmost result axis first).
fn broadcast_shape_checked(shapes: &[&[usize]]) -> std::result::Result<Vec<usize>, (usize, usize)> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; ndim];
    for (axis, length) in out.iter_mut().enumerate() {
        let mut source = 0;
        for (j, shape) in shapes.iter().enumerate() {
            let Some(k) = (axis + shape.len()).checked_sub(ndim) else {
                continue;
            };
            let n = shape[k];
            if n == 1 {
                continue;
            }
            if *length == 1 {
                *length = n;
                source = j;
            } else if *length != n {
                return Err((source, j));
            }
        }
    }
    Ok(out)
}

/// Python's repr of a shape tuple: `(2, 3)`, `(2,)`, `()`.
fn tuple_repr(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// NumPy's `broadcast_shapes`: the shape that all `shapes` broadcast to.
///
/// ```
/// use arraylib::try_broadcast_shapes;
/// let s = try_broadcast_shapes(&[&[5, 1, 3][..], &[4, 1], &[1]]).unwrap();
/// assert_eq!(s, vec![5, 4, 3]);
/// let e = try_broadcast_shapes(&[&[2, 3][..], &[3, 2]]).unwrap_err();
/// assert!(e.message().contains("arg 0 with shape (2, 3) and arg 1 with shape (3, 2)"));
/// ```
pub fn try_broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    broadcast_shape_checked(shapes).map_err(|(i, j)| {
        ArrayError::new(
            ErrorKind::Broadcast,
            format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {i} with shape {} and arg {j} with shape {}.",
                tuple_repr(shapes[i]),
                tuple_repr(shapes[j])
            ),
        )
    })
}

/// Panicking twin of [`try_broadcast_shapes`].
///
/// ```
/// assert_eq!(arraylib::broadcast_shapes(&[&[2, 1][..], &[3]]), vec![2, 3]);
/// ```
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Vec<usize> {
    try_broadcast_shapes(shapes).unwrap_or_else(|e| panic!("{e}"))
}

/// The layout that shows `layout` with `shape`: stretched axes get stride 0.
/// The caller has checked that `layout.shape` broadcasts to `shape`.
pub(crate) fn stretch(layout: &Layout, shape: &[usize]) -> Layout {
    let extra = shape.len() - layout.shape.len();
    let strides = shape
        .iter()
        .enumerate()
        .map(|(axis, &n)| match axis.checked_sub(extra) {
            Some(k) if layout.shape[k] == n => layout.strides[k],
            _ => 0,
        })
        .collect();
    Layout {
        shape: shape.to_vec(),
        strides,
        offset: layout.offset,
    }
}

/// NumPy's `broadcast_to`: a read-only view of `a` with `shape` (stretched axes have
/// stride 0, no element is copied).
///
/// ```
/// use arraylib::{Array, try_broadcast_to};
/// let a = Array::from_vec(vec![1i64, 2, 3]);
/// let b = try_broadcast_to(&a, [3, 3]).unwrap();
/// assert_eq!(b.strides(), vec![0, 8]);
/// assert!(!b.writeable());
/// assert!(try_broadcast_to(&a, [3, 2]).is_err());
/// ```
pub fn try_broadcast_to(a: &Array, shape: impl ShapeArg) -> Result<Array> {
    let dims = shape.to_dims();
    if dims.iter().any(|&d| d < 0) {
        return Err(ArrayError::value(
            "all elements of broadcast shape must be non-negative",
        ));
    }
    let shape: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    if a.ndim() > shape.len() {
        return Err(ArrayError::value(
            "input operand has more dimensions than allowed by the axis remapping",
        ));
    }
    let extra = shape.len() - a.ndim();
    let fits = a
        .shape()
        .iter()
        .enumerate()
        .all(|(k, &n)| n == 1 || n == shape[k + extra]);
    if !fits {
        return Err(ArrayError::new(
            ErrorKind::Broadcast,
            format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
                shape_str(a.shape()),
                shape_str(&shape)
            ),
        ));
    }
    Ok(a.with_layout(stretch(a.layout(), &shape)).into_readonly())
}

/// Panicking twin of [`try_broadcast_to`].
///
/// ```
/// let b = arraylib::broadcast_to(&arraylib::Array::scalar(1.5), [2, 2]);
/// assert_eq!(b.shape(), &[2, 2]);
/// ```
pub fn broadcast_to(a: &Array, shape: impl ShapeArg) -> Array {
    try_broadcast_to(a, shape).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `broadcast_arrays`: read-only views of every array with their common shape.
///
/// ```
/// use arraylib::{Array, try_broadcast_arrays};
/// let a = Array::from_shape_vec([2, 1], vec![1, 2]).unwrap();
/// let b = Array::from_vec(vec![10, 20, 30]);
/// let out = try_broadcast_arrays(&[&a, &b]).unwrap();
/// assert_eq!(out[0].shape(), &[2, 3]);
/// assert_eq!(out[1].shape(), &[2, 3]);
/// ```
pub fn try_broadcast_arrays(arrays: &[&Array]) -> Result<Vec<Array>> {
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = try_broadcast_shapes(&shapes)?;
    Ok(arrays
        .iter()
        .map(|a| a.with_layout(stretch(a.layout(), &shape)).into_readonly())
        .collect())
}

/// Panicking twin of [`try_broadcast_arrays`].
///
/// ```
/// let v = arraylib::broadcast_arrays(&[&arraylib::Array::scalar(1), &arraylib::Array::from_vec(vec![1, 2])]);
/// assert_eq!(v[0].shape(), &[2]);
/// ```
pub fn broadcast_arrays(arrays: &[&Array]) -> Vec<Array> {
    try_broadcast_arrays(arrays).unwrap_or_else(|e| panic!("{e}"))
}
