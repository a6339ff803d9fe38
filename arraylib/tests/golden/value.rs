//! The values an op-tree evaluates to: arrays, Python scalars, tuples, lists, dtypes.

use arraylib::{Array, DType, Scalar};

/// A Python value as NumPy code would hold it.
#[derive(Debug)]
pub enum Value {
    /// An ndarray (NumPy scalars are 0-d arrays).
    Array(Array),
    /// A Python `bool` / `int` / `float` / `complex` / `str`.
    Py(Scalar),
    /// `None`.
    None,
    /// A tuple (also an op-tree's `[e1, e2]`).
    Tuple(Vec<Value>),
    /// A list (results of `split`, `meshgrid`, ...).
    List(Vec<Value>),
    /// A dtype object.
    DType(DType),
    /// Something only a later issue knows (a Generator, a SeedSequence, ...).
    Opaque(std::rc::Rc<dyn std::any::Any>),
    /// A dict with string keys, in insertion order (`PCG64.state`).
    Dict(Vec<(String, Value)>),
    /// A Python `int` beyond `i128`'s range (128-bit generator state words).
    BigInt(u128),
}

impl Value {
    /// A short description for error messages.
    pub fn describe(&self) -> String {
        match self {
            Value::Array(a) => format!("array{:?} {}", a.shape(), a.dtype()),
            Value::Py(s) => format!("{s:?}"),
            Value::None => "None".into(),
            Value::Tuple(v) => format!("tuple of {}", v.len()),
            Value::List(v) => format!("list of {}", v.len()),
            Value::DType(d) => format!("dtype {d}"),
            Value::Opaque(_) => "object".into(),
            Value::Dict(items) => format!("dict of {}", items.len()),
            Value::BigInt(v) => format!("int {v:#x}"),
        }
    }
}
