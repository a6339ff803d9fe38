//! Maps NumPy names (`np.<call>`, `a.<method>`, `a.<attr>`, `a[...]`) to arraylib.
//!
//! One file per area of arraylib; each `call` answers `None` for names it does not know, so the
//! areas are tried in turn.

mod attrs;
mod creation;
mod index;
mod linalg;
mod random;
mod reduce;
mod shape;
mod sort;
mod ufunc;

use crate::args::Args;
use crate::eval::{Component, EvalError, R};
use crate::value::Value;

type CallFn = fn(&str, &mut Args) -> Option<R<Value>>;

const AREAS: &[CallFn] = &[
    creation::call,
    ufunc::call,
    reduce::call,
    shape::call,
    index::call,
    sort::call,
    random::call,
    linalg::call,
];

/// `np.<name>(*args, **kwargs)`.
pub fn call(name: &str, mut args: Args) -> R<Value> {
    for area in AREAS {
        if let Some(result) = area(name, &mut args) {
            return result;
        }
    }
    Err(EvalError::Unsupported(format!("np.{name}")))
}

/// `target.<name>(*args, **kwargs)`: methods that differ from the function of the same name are
/// handled by `attrs::method`; the rest are `np.<name>(target, ...)`.
pub fn method(name: &str, target: Value, mut args: Args) -> R<Value> {
    if let Value::Opaque(object) = &target {
        return random::method(name, object, args);
    }
    if let Some(result) = attrs::method(name, &target, &mut args) {
        return result;
    }
    args.prepend(target);
    call(name, args)
}

/// `target.<path>` (dotted paths such as `flags.c_contiguous`).
pub fn attr(path: &str, target: Value) -> R<Value> {
    if let Value::Opaque(object) = &target {
        return random::attr(path, object);
    }
    attrs::attr(path, target)
}

/// `target[index]`.
pub fn getitem(target: Value, index: Vec<Component>) -> R<Value> {
    if let (Value::Dict(items), [Component::Key(key)]) = (&target, index.as_slice()) {
        let found = items.iter().find(|(k, _)| k == key).map(|(_, v)| crate::eval::alias(v));
        return found.ok_or_else(|| EvalError::Harness(format!("KeyError: {key:?}")));
    }
    // Python sequences (tuples such as `qr(...)`'s, lists such as `einsum_path(...)[0]` or
    // spawned generators) indexed by one integer.
    if let (Value::Tuple(items) | Value::List(items), [Component::Int(i)]) = (&target, index.as_slice()) {
        let at = if *i < 0 { items.len() as i64 + i } else { *i };
        return usize::try_from(at)
            .ok()
            .and_then(|at| items.get(at))
            .map(crate::eval::alias)
            .ok_or_else(|| EvalError::Harness(format!("sequence index {i} out of range")));
    }
    index::getitem(target, index)
}

/// `target[index] = value`.
pub fn setitem(target: Value, index: Vec<Component>, value: Value) -> R<()> {
    index::setitem(target, index, value)
}

/// `target <op>= value` with NumPy's `same_kind` check.
pub fn inplace(op: &str, target: Value, value: Value) -> R<()> {
    ufunc::inplace(op, target, value)
}
