//! Helpers shared by the reductions: result dtypes, `where=` masks, building results.

use ndarray::Zip;

use crate::array::Array;
use crate::dtype::{DType, DTypeKind};
use crate::element::{Element, NumElement};
use crate::error::{ArrayError, Result};
use crate::scalar::Scalar;

use super::plan::Plan;

/// NumPy's accumulator for `sum`/`prod`/`cumsum`: small integers widen to the platform
/// integer (`int64` / `uint64`), bool counts in `int64`, everything else keeps its dtype.
pub(crate) fn sum_dtype(dtype: DType) -> DType {
    match dtype {
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 => DType::Int64,
        DType::UInt8 | DType::UInt16 | DType::UInt32 => DType::UInt64,
        other => other,
    }
}

/// The dtype `mean`/`var` compute in: `float64` for integers and bool, else the input's.
pub(crate) fn float_dtype(dtype: DType) -> DType {
    match dtype.kind() {
        DTypeKind::Bool | DTypeKind::Int | DTypeKind::UInt => DType::Float64,
        _ => dtype,
    }
}

/// NumPy's error for a numeric ufunc reduction over strings.
pub(crate) fn require_numeric(a: &Array, ufunc: &str) -> Result<()> {
    if !a.dtype().kind().is_numeric() {
        let d = a.dtype();
        return Err(ArrayError::type_error(format!(
            "ufunc '{ufunc}' did not contain a loop with signature matching types (dtype('{d}'), dtype('{d}')) -> None"
        )));
    }
    Ok(())
}

/// The result array of a reduction from its values in C order of the kept axes.
pub(crate) fn finish<A: Element>(plan: &Plan, keepdims: bool, values: Vec<A>) -> Result<Array> {
    Array::from_shape_vec(plan.out_shape(keepdims), values)
}

/// A Rust scalar as an element of type `A` (NumPy's cast of `initial=`).
pub(crate) fn scalar_as<A: NumElement>(s: &Scalar) -> Result<A> {
    Ok(s.to_array(A::DTYPE)?.to_vec::<A>()?[0])
}

/// `mask` as a boolean view broadcast to `shape` (NumPy's `where=` operand).
pub(crate) fn broadcast_mask(mask: &Array, shape: &[usize]) -> Result<ndarray::ArrayD<bool>> {
    let m = mask.astype_nocopy(DType::Bool)?;
    let view = m.typed::<bool>()?;
    let b = view
        .broadcast(ndarray::IxDyn(shape))
        .ok_or_else(|| ArrayError::broadcast(&[mask.shape(), shape]))?;
    Ok(b.to_owned())
}

/// A copy of `a` (of element type `A`) with `fill` where `mask` is false: reductions with
/// `where=` then run unchanged, the filled elements being the operation's identity.
pub(crate) fn apply_mask<A: NumElement>(a: &Array, mask: &Array, fill: A) -> Result<Array> {
    let m = broadcast_mask(mask, a.shape())?;
    let view = a.typed::<A>()?;
    let mut out = ndarray::ArrayD::<A>::from_elem(a.shape(), fill);
    Zip::from(&mut out).and(&*view).and(&m).for_each(|o, &x, &keep| {
        if keep {
            *o = x;
        }
    });
    Ok(Array::from_ndarray(out))
}
