//! Choosing between values element-wise: 3-argument `where`, `select`, `clip`.

use ndarray::{IxDyn, Zip};

use super::binary::{BinaryOp, Dest, apply};
use super::{Operand, result_type};
use crate::array::{Array, with_numeric_type};
use crate::broadcast::broadcast_shape_ufunc;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{ArrayError, Result};

fn pick<T: Element>(cond: &Array, x: &Array, y: &Array, shape: &[usize]) -> Result<Array> {
    let (vc, vx, vy) = (cond.typed::<bool>()?, x.typed::<T>()?, y.typed::<T>()?);
    let shape = IxDyn(shape);
    let (bc, bx, by) = (
        vc.broadcast(shape.clone()).expect("checked"),
        vx.broadcast(shape.clone()).expect("checked"),
        vy.broadcast(shape).expect("checked"),
    );
    let out = Zip::from(&bc)
        .and(&bx)
        .and(&by)
        .map_collect(|&c, a, b| if c { a.clone() } else { b.clone() });
    Ok(Array::from_ndarray(out))
}

/// NumPy's 3-argument `where(cond, x, y)`: `x` where `cond` is true, else `y`, all three
/// broadcast together; the result dtype promotes `x` and `y` (NEP 50, so
/// `where(c, int_array, 0.5)` is `float64` and `where(c, int_array, -1)` stays integer).
///
/// ```
/// use arraylib::prelude::*;
/// let x = array![1i64, -2, 3];
/// let r = arraylib::try_where(&arraylib::greater(&x, 0), &x, -1).unwrap();
/// assert_eq!(r.to_vec::<i64>().unwrap(), vec![1, -1, 3]);
/// ```
pub fn try_where(cond: impl Into<Operand>, x: impl Into<Operand>, y: impl Into<Operand>) -> Result<Array> {
    let (cond, x, y) = (cond.into(), x.into(), y.into());
    let shape = broadcast_shape_ufunc(&[cond.shape(), x.shape(), y.shape()])?;
    let dtype = result_type(&[x.alias_operand(), y.alias_operand()])?;
    let cond = cond.to_array(DType::Bool)?;
    let (x, y) = (x.to_array(dtype)?, y.to_array(dtype)?);
    if let Some(fields) = dtype.fields() {
        // Picking whole records is picking each field from the same side.
        let columns = fields
            .iter()
            .map(|f| try_where(&cond, x.field(&f.name), y.field(&f.name)))
            .collect::<Result<Vec<_>>>()?;
        return Array::try_from_fields(dtype, &columns);
    }
    let out = with_numeric_type!(dtype, pick(&cond, &x, &y, &shape), _ => pick::<String>(&cond, &x, &y, &shape))?;
    Ok(if let DType::Str(_) = dtype {
        out.astype(dtype)?
    } else {
        out
    })
}

/// Panicking twin of [`try_where`] (named `where_` because `where` is a Rust keyword).
///
/// ```
/// use arraylib::prelude::*;
/// let r = arraylib::where_(&array![true, false], 1.0, 0.0);
/// assert_eq!(r.to_vec::<f64>().unwrap(), vec![1.0, 0.0]);
/// ```
pub fn where_(cond: impl Into<Operand>, x: impl Into<Operand>, y: impl Into<Operand>) -> Array {
    try_where(cond, x, y).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `select(condlist, choicelist, default)`: for each element, the choice of the first
/// true condition, `default` where none is. Conditions must be bool arrays.
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::Operand;
/// let a = array![-2i64, 1, 5];
/// let conds = [arraylib::less(&a, 0), arraylib::greater(&a, 2)];
/// let r = arraylib::try_select(&conds, vec![Operand::from(arraylib::negative(&a)), Operand::from(100)], 7).unwrap();
/// assert_eq!(r.to_vec::<i64>().unwrap(), vec![2, 7, 100]);
/// ```
pub fn try_select(condlist: &[Array], choicelist: Vec<Operand>, default: impl Into<Operand>) -> Result<Array> {
    if condlist.len() != choicelist.len() {
        return Err(ArrayError::value(
            "list of cases must be same length as list of conditions",
        ));
    }
    if let Some(i) = condlist.iter().position(|c| c.dtype() != DType::Bool) {
        return Err(ArrayError::type_error(format!(
            "invalid entry {i} in condlist: should be boolean ndarray"
        )));
    }
    let default = default.into();
    let mut all: Vec<Operand> = choicelist.iter().map(Operand::alias_operand).collect();
    all.push(default.alias_operand());
    let dtype = result_type(&all)?;
    let mut result = default.to_array(dtype)?;
    for (cond, choice) in condlist.iter().zip(&choicelist).rev() {
        result = try_where(cond, choice.to_array(dtype)?, result)?;
    }
    let shapes: Vec<&[usize]> = condlist
        .iter()
        .map(|c| c.shape())
        .chain(all.iter().map(|o| o.shape()))
        .collect();
    let shape = broadcast_shape_ufunc(&shapes)?;
    if result.shape() != shape.as_slice() {
        result = crate::broadcast::try_broadcast_to(&result, shape)?.copy();
    }
    Ok(result)
}

/// Panicking twin of [`try_select`].
///
/// ```
/// use arraylib::prelude::*;
/// let r = arraylib::select(&[array![true, false]], vec![arraylib::Operand::from(1)], 0);
/// assert_eq!(r.to_vec::<i64>().unwrap(), vec![1, 0]);
/// ```
pub fn select(condlist: &[Array], choicelist: Vec<Operand>, default: impl Into<Operand>) -> Array {
    try_select(condlist, choicelist, default).unwrap_or_else(|e| panic!("{e}"))
}

/// NumPy's `clip(a, min, max)`: values limited to `[min, max]`; NaN stays NaN. The result
/// dtype promotes all three (NEP 50).
///
/// ```
/// use arraylib::prelude::*;
/// let r = arraylib::try_clip(&array![-3.0, 0.5, 9.0, f64::NAN], -1, 2).unwrap();
/// let v = r.to_vec::<f64>().unwrap();
/// assert_eq!(&v[..3], &[-1.0, 0.5, 2.0]);
/// assert!(v[3].is_nan());
/// ```
pub fn try_clip(a: impl Into<Operand>, min: impl Into<Operand>, max: impl Into<Operand>) -> Result<Array> {
    let low = apply(BinaryOp::Maximum, &a.into(), &min.into(), Dest::Fresh)?;
    apply(BinaryOp::Minimum, &Operand::Array(low), &max.into(), Dest::Fresh)
}

/// Panicking twin of [`try_clip`].
///
/// ```
/// let r = arraylib::clip(&arraylib::array![1, 5, 9], 2, 6);
/// assert_eq!(r.to_vec::<i64>().unwrap(), vec![2, 5, 6]);
/// ```
pub fn clip(a: impl Into<Operand>, min: impl Into<Operand>, max: impl Into<Operand>) -> Array {
    try_clip(a, min, max).unwrap_or_else(|e| panic!("{e}"))
}
