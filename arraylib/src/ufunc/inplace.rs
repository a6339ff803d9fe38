//! In-place operations (`a += b`, NumPy's `np.add(a, b, out=a)`): the result is written into
//! `a`'s memory, so every view of that memory sees it, as in NumPy.
//!
//! NumPy's rules: the result dtype must cast to `a`'s dtype under `same_kind` (so
//! `int_array += 1.5` is an error, while `float32_array += float64_array` is fine), and `b`
//! must broadcast to `a`'s shape without growing it. A `b` that shares memory with `a` is
//! copied first, so overlapping reads never see half-updated values.
//!
//! The `try_*_assign` methods are the fallible forms; the operators (`+=`, `-=`, ...) panic
//! with the same error.

use super::Operand;
use super::binary::{BinaryOp, Dest, apply};
use super::kernel::{check_output_shape, update};
use crate::array::{Array, with_numeric_type};
use crate::element::Element;
use crate::error::{ArrayError, ErrorKind, Result};

fn assign<T: Element + Copy>(target: &Array, values: &Array) -> Result<()> {
    update(target, values, |_: T, v: T| v)
}

/// `target = op(target, value)` in place (see the module docs for NumPy's rules).
pub(crate) fn inplace(op: BinaryOp, target: &Array, value: Operand) -> Result<()> {
    let operand = Operand::Array(target.alias());
    let common = super::result_type(&[operand.alias_operand(), value.alias_operand()])?;
    let dtype = op.loop_dtype(common)?;
    if !dtype.can_cast_same_kind(target.dtype()) {
        return Err(ArrayError::new(
            ErrorKind::Casting,
            format!(
                "Cannot cast ufunc '{}' output from dtype('{dtype}') to dtype('{}') with casting rule 'same_kind'",
                op.name(),
                target.dtype()
            ),
        ));
    }
    check_output_shape(target.shape(), value.shape())?;
    if !target.writeable() {
        return Err(ArrayError::value("output array is read-only"));
    }
    let value = match value {
        Operand::Array(v) if v.storage_id() == target.storage_id() => Operand::Array(v.copy()),
        other => other,
    };
    if dtype == target.dtype() {
        apply(op, &operand, &value, Dest::Left(target))?;
        return Ok(());
    }
    let result = apply(op, &operand, &value, Dest::Fresh)?.astype(target.dtype())?;
    with_numeric_type!(target.dtype(), assign(target, &result), _ => Err(super::no_loop(op.name())))
}

macro_rules! inplace_methods {
    ($($try_name:ident => $op:ident: $doc:literal, $example:literal;)*) => {
        impl Array {$(
            #[doc = $doc]
            ///
            /// Writes through to every view of this array's memory; the result dtype must cast
            /// to this array's under `same_kind`, and `value` must broadcast to its shape.
            ///
            /// ```
            /// use arraylib::prelude::*;
            #[doc = $example]
            /// ```
            pub fn $try_name(&mut self, value: impl Into<Operand>) -> Result<()> {
                inplace(BinaryOp::$op, self, value.into())
            }
        )*}
    };
}

inplace_methods! {
    try_add_assign => Add: "`self += value` (NumPy's `np.add(a, b, out=a)`).",
        "let mut a = array![1i64, 2];\na.try_add_assign(1).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![2, 3]);\nassert!(a.try_add_assign(1.5).is_err());";
    try_sub_assign => Subtract: "`self -= value`.",
        "let mut a = array![1.0, 2.0];\na.try_sub_assign(&array![1.0, 1.0]).unwrap();\nassert_eq!(a.to_vec::<f64>().unwrap(), vec![0.0, 1.0]);";
    try_mul_assign => Multiply: "`self *= value`.",
        "let mut a = array![1.0, 2.0];\na.try_mul_assign(3).unwrap();\nassert_eq!(a.to_vec::<f64>().unwrap(), vec![3.0, 6.0]);";
    try_div_assign => Divide: "`self /= value` (an error for integer arrays, whose quotient is float).",
        "let mut a = array![1.0, 2.0];\na.try_div_assign(2).unwrap();\nassert_eq!(a.to_vec::<f64>().unwrap(), vec![0.5, 1.0]);\nassert!(array![1i64].try_div_assign(2).is_err());";
    try_floor_div_assign => FloorDivide: "`self //= value`.",
        "let mut a = array![7i64, -7];\na.try_floor_div_assign(2).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![3, -4]);";
    try_rem_assign => Remainder: "`self %= value` (Python's sign rule).",
        "let mut a = array![7i64, -7];\na.try_rem_assign(2).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![1, 1]);";
    try_pow_assign => Power: "`self **= value`.",
        "let mut a = array![2i64, 3];\na.try_pow_assign(2).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![4, 9]);";
    try_bitand_assign => BitwiseAnd: "`self &= value`.",
        "let mut a = array![true, true];\na.try_bitand_assign(&array![true, false]).unwrap();\nassert_eq!(a.to_vec::<bool>().unwrap(), vec![true, false]);";
    try_bitor_assign => BitwiseOr: "`self |= value`.",
        "let mut a = array![1i64, 2];\na.try_bitor_assign(4).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![5, 6]);";
    try_bitxor_assign => BitwiseXor: "`self ^= value`.",
        "let mut a = array![1i64, 3];\na.try_bitxor_assign(1).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![0, 2]);";
    try_shl_assign => LeftShift: "`self <<= value`.",
        "let mut a = array![1i64, 3];\na.try_shl_assign(1).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![2, 6]);";
    try_shr_assign => RightShift: "`self >>= value`.",
        "let mut a = array![4i64, 8];\na.try_shr_assign(1).unwrap();\nassert_eq!(a.to_vec::<i64>().unwrap(), vec![2, 4]);";
}
