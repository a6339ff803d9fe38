//! Products: `dot`, `matmul`, `inner`, `outer`, `vdot`, `kron`, `cross`.
//!
//! Each casts its operands once to the promoted dtype (integer products stay integer, as in
//! NumPy) and runs one typed kernel from [`super::kernel`].

use ndarray::{ArrayD, ArrayViewD, Axis, Dimension, IxDyn};

use super::kernel::{Ring, matmul_stack, matmul2};
use super::{broadcast_shapes, common_dtype};
use crate::array::{Array, with_numeric_type};
use crate::error::{ArrayError, Result, shape_str};

/// NumPy's `matmul` (the `@` operator): matrix product with stacking over leading (broadcast)
/// dimensions; a 1-D operand is a row (left) or column (right) vector whose axis is removed
/// from the result.
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![[1, 2], [3, 4]];
/// let v = array![1, 1];
/// assert_eq!(matmul(&a, &v).to_vec::<i64>().unwrap(), vec![3, 7]);
/// ```
pub fn matmul(a: &Array, b: &Array) -> Array {
    try_matmul(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`matmul`].
///
/// ```
/// use arraylib::prelude::*;
/// let e = arraylib::try_matmul(&ones([2, 3], DType::Float64), &ones([2, 2], DType::Float64));
/// assert_eq!(e.unwrap_err().kind(), ErrorKind::Shape);
/// ```
pub fn try_matmul(a: &Array, b: &Array) -> Result<Array> {
    const SIG: &str = "(n?,k),(k,m?)->(n?,m?)";
    for (i, x) in [a, b].iter().enumerate() {
        if x.ndim() == 0 {
            return Err(ArrayError::value(format!(
                "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {SIG} requires 1)"
            )));
        }
    }
    let ka = a.shape()[a.ndim() - 1];
    let kb = if b.ndim() == 1 {
        b.shape()[0]
    } else {
        b.shape()[b.ndim() - 2]
    };
    if ka != kb {
        return Err(ArrayError::shape(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIG} (size {kb} is different from {ka})"
        )));
    }
    let (a, b, dtype) = common_dtype(a, b, "matmul")?;
    fn typed<T: Ring>(a: &Array, b: &Array) -> Result<Array> {
        let (av, bv) = (a.typed::<T>()?, b.typed::<T>()?);
        let a2 = if a.ndim() == 1 {
            av.view().insert_axis(Axis(0))
        } else {
            av.view()
        };
        let b2 = if b.ndim() == 1 {
            bv.view().insert_axis(Axis(1))
        } else {
            bv.view()
        };
        let (na, nb) = (a2.ndim(), b2.ndim());
        let (n, k, m) = (a2.shape()[na - 2], a2.shape()[na - 1], b2.shape()[nb - 1]);
        let batch = broadcast_shapes(&[&a2.shape()[..na - 2], &b2.shape()[..nb - 2]])
            .map_err(|_| ArrayError::broadcast(&[a.shape(), b.shape()]))?;
        let mut out_shape = batch.clone();
        if a.ndim() > 1 {
            out_shape.push(n);
        }
        if b.ndim() > 1 {
            out_shape.push(m);
        }
        // Both operands as broadcast views (no copy) of `batch + [rows, cols]`.
        let a_shape: Vec<usize> = batch.iter().copied().chain([n, k]).collect();
        let b_shape: Vec<usize> = batch.iter().copied().chain([k, m]).collect();
        let af = a2.broadcast(IxDyn(&a_shape)).expect("shapes were checked");
        let bf = b2.broadcast(IxDyn(&b_shape)).expect("shapes were checked");
        let data = matmul_stack(af, bf, batch.len(), 1, 1);
        Array::from_shape_vec(out_shape, data)
    }
    with_numeric_type!(dtype, typed(&a, &b), _ => unreachable!("common_dtype refuses strings"))
}

/// A row-major `(rows, cols)` copy of `v` with the given axis order (no copy when already so).
fn flat2<T: Clone>(v: ArrayViewD<'_, T>, order: &[usize], rows: usize, cols: usize) -> ndarray::Array2<T> {
    let p = v.permuted_axes(IxDyn(order));
    p.as_standard_layout()
        .into_owned()
        .into_shape_with_order((rows, cols))
        .expect("standard layout")
}

fn scale<T: Ring>(s: &Array, other: &Array) -> Result<Array> {
    let x = *s.typed::<T>()?.iter().next().expect("0-d");
    Ok(Array::from_ndarray(other.typed::<T>()?.map(|&y| T::mul(x, y))))
}

/// NumPy's `dot`: a product over the last axis of `a` and the second-to-last of `b` (the
/// last for 1-D `b`); a 0-d operand multiplies element-wise. Integer products stay integer.
///
/// Rust has no `@` operator: write `a.dot(&b)` or `matmul(&a, &b)`.
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![[1, 2], [3, 4]];
/// assert_eq!(dot(&a, &a).to_vec::<i64>().unwrap(), vec![7, 10, 15, 22]);
/// assert_eq!(a.dot(&array![1, 0]).to_vec::<i64>().unwrap(), vec![1, 3]);
/// ```
pub fn dot(a: &Array, b: &Array) -> Array {
    try_dot(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`dot`].
///
/// ```
/// use arraylib::prelude::*;
/// let e = arraylib::try_dot(&array![1, 2, 3], &array![1, 2]).unwrap_err();
/// assert_eq!(e.message(), "shapes (3,) and (2,) not aligned: 3 (dim 0) != 2 (dim 0)");
/// ```
pub fn try_dot(a: &Array, b: &Array) -> Result<Array> {
    let (a, b, dtype) = common_dtype(a, b, "dot")?;
    if a.ndim() == 0 || b.ndim() == 0 {
        let (s, other) = if a.ndim() == 0 { (&a, &b) } else { (&b, &a) };
        return with_numeric_type!(dtype, scale(s, other), _ => unreachable!());
    }
    let ka = a.shape()[a.ndim() - 1];
    let kdim = if b.ndim() == 1 { 0 } else { b.ndim() - 2 };
    if ka != b.shape()[kdim] {
        return Err(ArrayError::shape(format!(
            "shapes {} and {} not aligned: {ka} (dim {}) != {} (dim {kdim})",
            shape_str(a.shape()),
            shape_str(b.shape()),
            a.ndim() - 1,
            b.shape()[kdim]
        )));
    }
    fn typed<T: Ring>(a: &Array, b: &Array, kdim: usize) -> Result<Array> {
        let (av, bv) = (a.typed::<T>()?, b.typed::<T>()?);
        let k = a.shape()[a.ndim() - 1];
        let rows = a.size() / k.max(1);
        let a_rows = if k == 0 {
            a.shape()[..a.ndim() - 1].iter().product()
        } else {
            rows
        };
        let a2 = flat2(av.view(), &(0..a.ndim()).collect::<Vec<_>>(), a_rows, k);
        let mut order = vec![kdim];
        order.extend((0..b.ndim()).filter(|&i| i != kdim));
        let b_cols: usize = b
            .shape()
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != kdim)
            .map(|(_, &n)| n)
            .product();
        let b2 = flat2(bv.view(), &order, k, b_cols);
        let c = matmul2(&a2.view(), &b2.view());
        let mut shape = a.shape()[..a.ndim() - 1].to_vec();
        shape.extend(
            b.shape()
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != kdim)
                .map(|(_, &n)| n),
        );
        Array::from_shape_vec(shape, c.into_raw_vec_and_offset().0)
    }
    with_numeric_type!(dtype, typed(&a, &b, kdim), _ => unreachable!())
}

impl Array {
    /// `self.dot(other)`: NumPy's `a.dot(b)`, see [`dot`](crate::dot). Rust has no `@`;
    /// this (or [`matmul`](crate::matmul)) is the matrix product.
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let v = array![1.0, 2.0];
    /// assert_eq!(v.dot(&v).item_f64().unwrap(), 5.0);
    /// ```
    pub fn dot(&self, other: &Array) -> Array {
        dot(self, other)
    }

    /// Fallible [`Array::dot`].
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// assert!(array![1, 2].try_dot(&array![1, 2, 3]).is_err());
    /// ```
    pub fn try_dot(&self, other: &Array) -> Result<Array> {
        try_dot(self, other)
    }
}

/// NumPy's `inner`: the product over the last axes of both operands.
///
/// ```
/// use arraylib::prelude::*;
/// let a = array![[1, 2], [3, 4]];
/// assert_eq!(inner(&a, &a).to_vec::<i64>().unwrap(), vec![5, 11, 11, 25]);
/// ```
pub fn inner(a: &Array, b: &Array) -> Array {
    try_inner(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`inner`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(arraylib::try_inner(&array![1, 2], &array![1, 2, 3]).is_err());
/// ```
pub fn try_inner(a: &Array, b: &Array) -> Result<Array> {
    let (a, b, dtype) = common_dtype(a, b, "inner")?;
    if a.ndim() == 0 || b.ndim() == 0 {
        let (s, other) = if a.ndim() == 0 { (&a, &b) } else { (&b, &a) };
        return with_numeric_type!(dtype, scale(s, other), _ => unreachable!());
    }
    let (ka, kb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if ka != kb {
        return Err(ArrayError::shape(format!(
            "shapes {} and {} not aligned: {ka} (dim {}) != {kb} (dim {})",
            shape_str(a.shape()),
            shape_str(b.shape()),
            a.ndim() - 1,
            b.ndim() - 1
        )));
    }
    fn typed<T: Ring>(a: &Array, b: &Array) -> Result<Array> {
        let k = a.shape()[a.ndim() - 1];
        let ra: usize = a.shape()[..a.ndim() - 1].iter().product();
        let rb: usize = b.shape()[..b.ndim() - 1].iter().product();
        let a2 = flat2(a.typed::<T>()?.view(), &(0..a.ndim()).collect::<Vec<_>>(), ra, k);
        let b2 = flat2(b.typed::<T>()?.view(), &(0..b.ndim()).collect::<Vec<_>>(), rb, k);
        let c = matmul2(&a2.view(), &b2.t());
        let mut shape = a.shape()[..a.ndim() - 1].to_vec();
        shape.extend_from_slice(&b.shape()[..b.ndim() - 1]);
        Array::from_shape_vec(shape, c.into_raw_vec_and_offset().0)
    }
    with_numeric_type!(dtype, typed(&a, &b), _ => unreachable!())
}

/// NumPy's `outer`: `out[i, j] = a.ravel()[i] * b.ravel()[j]`.
///
/// ```
/// use arraylib::prelude::*;
/// let o = outer(&array![1, 2], &array![1, 10]);
/// assert_eq!(o.to_vec::<i64>().unwrap(), vec![1, 10, 2, 20]);
/// ```
pub fn outer(a: &Array, b: &Array) -> Array {
    try_outer(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`outer`].
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_outer(&array![1.0], &array![2.0, 3.0]).unwrap().shape(), &[1, 2]);
/// ```
pub fn try_outer(a: &Array, b: &Array) -> Result<Array> {
    let (a, b, dtype) = common_dtype(a, b, "outer")?;
    fn typed<T: Ring>(a: &Array, b: &Array) -> Result<Array> {
        let (x, y) = (a.to_vec::<T>()?, b.to_vec::<T>()?);
        let data = x.iter().flat_map(|&p| y.iter().map(move |&q| T::mul(p, q))).collect();
        Array::from_shape_vec([x.len(), y.len()], data)
    }
    with_numeric_type!(dtype, typed(&a, &b), _ => unreachable!())
}

/// NumPy's `vdot`: the dot product of the flattened operands, conjugating the first.
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(vdot(&array![[1, 2], [3, 4]], &array![[1, 1], [1, 1]]).item_f64().unwrap(), 10.0);
/// ```
pub fn vdot(a: &Array, b: &Array) -> Array {
    try_vdot(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`vdot`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(arraylib::try_vdot(&array![1, 2], &array![1, 2, 3]).is_err());
/// ```
pub fn try_vdot(a: &Array, b: &Array) -> Result<Array> {
    let (a, b, dtype) = common_dtype(a, b, "vdot")?;
    if a.size() != b.size() {
        return Err(ArrayError::value("vectors have different lengths"));
    }
    fn typed<T: Ring>(a: &Array, b: &Array) -> Result<Array> {
        let x = a.typed::<T>()?;
        let y = b.typed::<T>()?;
        let s = x
            .iter()
            .zip(y.iter())
            .fold(T::zero(), |acc, (&p, &q)| acc.mul_add(p.conj(), q));
        Ok(Array::scalar(s))
    }
    with_numeric_type!(dtype, typed(&a, &b), _ => unreachable!())
}

/// NumPy's `kron`: the Kronecker product (block `a[i] * b`).
///
/// ```
/// use arraylib::prelude::*;
/// let k = kron(&array![1, 10], &array![1, 2]);
/// assert_eq!(k.to_vec::<i64>().unwrap(), vec![1, 2, 10, 20]);
/// ```
pub fn kron(a: &Array, b: &Array) -> Array {
    try_kron(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`kron`].
///
/// ```
/// use arraylib::prelude::*;
/// assert_eq!(arraylib::try_kron(&eye(2, None, 0, DType::Int64), &ones([2, 2], DType::Int64)).unwrap().shape(), &[4, 4]);
/// ```
pub fn try_kron(a: &Array, b: &Array) -> Result<Array> {
    let (a, b, dtype) = common_dtype(a, b, "kron")?;
    fn typed<T: Ring>(a: &Array, b: &Array) -> Result<Array> {
        let nd = a.ndim().max(b.ndim());
        let pad = |s: &[usize]| {
            let mut v = vec![1; nd - s.len()];
            v.extend_from_slice(s);
            v
        };
        let (sa, sb) = (pad(a.shape()), pad(b.shape()));
        let av = a
            .typed::<T>()?
            .as_standard_layout()
            .into_owned()
            .into_shape_with_order(IxDyn(&sa))
            .expect("size");
        let bv = b.typed::<T>()?;
        let bv = bv
            .as_standard_layout()
            .into_owned()
            .into_shape_with_order(IxDyn(&sb))
            .expect("size");
        let out: Vec<usize> = sa.iter().zip(&sb).map(|(x, y)| x * y).collect();
        let r = ArrayD::from_shape_fn(IxDyn(&out), |idx: IxDyn| {
            let ia: Vec<usize> = idx.slice().iter().zip(&sb).map(|(i, n)| i / n).collect();
            let ib: Vec<usize> = idx.slice().iter().zip(&sb).map(|(i, n)| i % n).collect();
            T::mul(av[IxDyn(&ia)], bv[IxDyn(&ib)])
        });
        Ok(Array::from_ndarray(r))
    }
    with_numeric_type!(dtype, typed(&a, &b), _ => unreachable!())
}

/// NumPy's `cross` over the last axis (vectors of 2 or 3 components, broadcast over the rest);
/// two 2-vectors give the scalar z component.
///
/// ```
/// use arraylib::prelude::*;
/// let c = cross(&array![1.0, 0.0, 0.0], &array![0.0, 1.0, 0.0]);
/// assert_eq!(c.to_vec::<f64>().unwrap(), vec![0.0, 0.0, 1.0]);
/// ```
pub fn cross(a: &Array, b: &Array) -> Array {
    try_cross(a, b).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`cross`].
///
/// ```
/// use arraylib::prelude::*;
/// assert!(arraylib::try_cross(&array![1, 2, 3, 4], &array![1, 2, 3]).is_err());
/// ```
pub fn try_cross(a: &Array, b: &Array) -> Result<Array> {
    let (a, b, dtype) = common_dtype(a, b, "cross")?;
    let last = |x: &Array| x.shape().last().copied().unwrap_or(0);
    let (na, nb) = (last(&a), last(&b));
    if a.ndim() == 0 || b.ndim() == 0 || !(2..=3).contains(&na) || !(2..=3).contains(&nb) {
        return Err(ArrayError::value(
            "incompatible dimensions for cross product\n(dimension must be 2 or 3)",
        ));
    }
    let batch = broadcast_shapes(&[&a.shape()[..a.ndim() - 1], &b.shape()[..b.ndim() - 1]])?;
    fn typed<T: Ring + std::ops::Sub<Output = T>>(a: &Array, b: &Array, batch: &[usize]) -> Result<Array> {
        let comps = |x: &Array| -> Result<ArrayD<[T; 3]>> {
            let v = x.typed::<T>()?;
            let n = x.shape()[x.ndim() - 1];
            let mut full = batch.to_vec();
            full.push(n);
            let bv = v
                .broadcast(IxDyn(&full))
                .ok_or_else(|| ArrayError::broadcast(&[x.shape(), &full]))?;
            let lanes: Vec<[T; 3]> = bv
                .lanes(Axis(full.len() - 1))
                .into_iter()
                .map(|l| [l[0], l[1], if n == 3 { l[2] } else { T::zero() }])
                .collect();
            Ok(ArrayD::from_shape_vec(IxDyn(batch), lanes).expect("batch size"))
        };
        let (x, y) = (comps(a)?, comps(b)?);
        let both2 = a.shape()[a.ndim() - 1] == 2 && b.shape()[b.ndim() - 1] == 2;
        let mut data = Vec::with_capacity(x.len() * 3);
        for (p, q) in x.iter().zip(y.iter()) {
            let z = T::mul(p[0], q[1]) - T::mul(p[1], q[0]);
            if both2 {
                data.push(z);
            } else {
                data.extend([
                    T::mul(p[1], q[2]) - T::mul(p[2], q[1]),
                    T::mul(p[2], q[0]) - T::mul(p[0], q[2]),
                    z,
                ]);
            }
        }
        let mut shape = batch.to_vec();
        if !both2 {
            shape.push(3);
        }
        Array::from_shape_vec(shape, data)
    }
    match dtype {
        crate::DType::Bool => Err(ArrayError::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        )),
        crate::DType::Int8 => typed::<i8>(&a, &b, &batch),
        crate::DType::Int16 => typed::<i16>(&a, &b, &batch),
        crate::DType::Int32 => typed::<i32>(&a, &b, &batch),
        crate::DType::Int64 => typed::<i64>(&a, &b, &batch),
        crate::DType::UInt8 => typed::<u8>(&a, &b, &batch),
        crate::DType::UInt16 => typed::<u16>(&a, &b, &batch),
        crate::DType::UInt32 => typed::<u32>(&a, &b, &batch),
        crate::DType::UInt64 => typed::<u64>(&a, &b, &batch),
        crate::DType::Float32 => typed::<f32>(&a, &b, &batch),
        crate::DType::Float64 => typed::<f64>(&a, &b, &batch),
        crate::DType::Complex128 => typed::<num_complex::Complex64>(&a, &b, &batch),
        crate::DType::Str(_) | crate::DType::Record(_) => unreachable!("common_dtype refuses strings and records"),
    }
}
