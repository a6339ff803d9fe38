//! Golden ops for arraylib's `ufunc` area (to be filled in).

use crate::args::Args;
use crate::eval::R;
use crate::value::Value;

pub fn call(_name: &str, _args: &mut Args) -> Option<R<Value>> {
    None
}

pub fn inplace(op: &str, _target: Value, _value: Value) -> R<()> {
    Err(crate::eval::EvalError::Unsupported(format!("inplace {op}")))
}
