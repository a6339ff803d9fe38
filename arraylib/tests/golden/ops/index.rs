//! Golden ops for arraylib's `index` area (to be filled in).

use crate::args::Args;
use crate::eval::R;
use crate::value::Value;

pub fn call(_name: &str, _args: &mut Args) -> Option<R<Value>> {
    None
}

pub fn getitem(_target: Value, _index: Vec<crate::eval::Component>) -> R<Value> {
    Err(crate::eval::EvalError::Unsupported("getitem".into()))
}

pub fn setitem(_target: Value, _index: Vec<crate::eval::Component>, _value: Value) -> R<()> {
    Err(crate::eval::EvalError::Unsupported("setitem".into()))
}
