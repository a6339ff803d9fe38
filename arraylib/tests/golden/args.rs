//! Python-style call arguments (positional and keyword) and conversions of values to the
//! Rust types arraylib's API takes.

use std::collections::BTreeMap;

use arraylib::{Array, DType, Scalar};

use crate::eval::{EvalError, R};
use crate::value::Value;

/// The arguments of one call; each is taken once, by position or by keyword.
pub struct Args {
    pos: Vec<Option<Value>>,
    kw: BTreeMap<String, Value>,
}

impl Args {
    pub fn new(pos: Vec<Value>, kw: BTreeMap<String, Value>) -> Args {
        Args {
            pos: pos.into_iter().map(Some).collect(),
            kw,
        }
    }

    /// Puts `value` first (a method's `self`).
    pub fn prepend(&mut self, value: Value) {
        self.pos.insert(0, Some(value));
    }

    /// Number of positional arguments given.
    pub fn len(&self) -> usize {
        self.pos.len()
    }

    /// Takes argument `i` / keyword `name`, if given.
    pub fn take(&mut self, i: usize, name: &str) -> Option<Value> {
        if let Some(v) = self.pos.get_mut(i).and_then(Option::take) {
            return Some(v);
        }
        self.kw.remove(name)
    }

    /// Takes a keyword-only argument.
    pub fn kw(&mut self, name: &str) -> Option<Value> {
        self.kw.remove(name)
    }

    /// Takes every remaining positional argument from `i` on (NumPy's `*args`).
    pub fn rest(&mut self, i: usize) -> Vec<Value> {
        self.pos.iter_mut().skip(i).filter_map(Option::take).collect()
    }

    /// A required argument.
    pub fn req(&mut self, i: usize, name: &str) -> R<Value> {
        self.take(i, name)
            .ok_or_else(|| EvalError::Harness(format!("missing argument {name}")))
    }

    /// A required argument converted to an array (NumPy's `asarray`).
    pub fn array(&mut self, i: usize, name: &str) -> R<Array> {
        to_array(self.req(i, name)?)
    }

    /// An optional integer.
    pub fn int(&mut self, i: usize, name: &str) -> R<Option<i64>> {
        match self.take(i, name) {
            None | Some(Value::None) => Ok(None),
            Some(v) => to_int(&v).map(Some),
        }
    }

    /// An optional bool (default `default`).
    pub fn flag(&mut self, i: usize, name: &str, default: bool) -> R<bool> {
        match self.take(i, name) {
            None | Some(Value::None) => Ok(default),
            Some(Value::Py(Scalar::Bool(b))) => Ok(b),
            Some(v) => to_int(&v).map(|i| i != 0),
        }
    }

    /// An optional dtype (`dtype=` keyword usually).
    pub fn dtype(&mut self, i: usize, name: &str) -> R<Option<DType>> {
        match self.take(i, name) {
            None | Some(Value::None) => Ok(None),
            Some(v) => to_dtype(&v).map(Some),
        }
    }

    /// Fails when any argument was not used, so unsupported keywords are never ignored.
    pub fn finish(self) -> R<()> {
        let unused_pos = self.pos.iter().filter(|v| v.is_some()).count();
        if unused_pos > 0 || !self.kw.is_empty() {
            return Err(EvalError::Unsupported(format!(
                "unused arguments: {unused_pos} positional, keywords {:?}",
                self.kw.keys().collect::<Vec<_>>()
            )));
        }
        Ok(())
    }
}

/// NumPy's `asarray`: arrays pass through (sharing memory), Python scalars become 0-d arrays of
/// their default dtype, tuples and lists of those are stacked.
pub fn to_array(value: Value) -> R<Array> {
    match value {
        Value::Array(a) => Ok(a),
        Value::Py(s) => Ok(s.to_array(s.default_dtype())?),
        Value::Tuple(items) | Value::List(items) => {
            if items.is_empty() {
                return Ok(Array::from_vec(Vec::<f64>::new()));
            }
            let rows = items.into_iter().map(to_array).collect::<R<Vec<_>>>()?;
            Ok(arraylib::creation::stack_rows(rows))
        }
        other => Err(EvalError::Harness(format!(
            "cannot make an array of {}",
            other.describe()
        ))),
    }
}

/// A Python integer (or integer-valued 0-d array).
pub fn to_int(value: &Value) -> R<i64> {
    match value {
        Value::Py(Scalar::Int(i)) => Ok(*i as i64),
        Value::Py(Scalar::Bool(b)) => Ok(*b as i64),
        Value::Array(a) if a.size() == 1 && a.dtype().kind().is_integer() => Ok(a.item_f64()? as i64),
        other => Err(EvalError::Harness(format!(
            "expected an integer, got {}",
            other.describe()
        ))),
    }
}

/// A Python float (ints accepted).
pub fn to_f64(value: &Value) -> R<f64> {
    match value {
        Value::Py(s) => Ok(s.as_f64()?),
        Value::Array(a) if a.size() == 1 => Ok(a.item_f64()?),
        other => Err(EvalError::Harness(format!(
            "expected a number, got {}",
            other.describe()
        ))),
    }
}

/// A dtype given as a name or dtype object.
pub fn to_dtype(value: &Value) -> R<DType> {
    match value {
        Value::DType(d) => Ok(*d),
        Value::Py(Scalar::Str(name)) => Ok(DType::parse(name)?),
        other => Err(EvalError::Harness(format!(
            "expected a dtype, got {}",
            other.describe()
        ))),
    }
}

/// A shape: an integer or a tuple of integers.
pub fn to_dims(value: &Value) -> R<Vec<isize>> {
    match value {
        Value::Tuple(items) | Value::List(items) => items.iter().map(|v| to_int(v).map(|i| i as isize)).collect(),
        v => Ok(vec![to_int(v)? as isize]),
    }
}

/// An axis argument: `None` (all axes) or one integer or a tuple of integers.
pub fn to_axes(value: Option<Value>) -> R<Option<Vec<isize>>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_dims(&v).map(Some),
    }
}

/// A Python string.
pub fn to_str(value: &Value) -> R<String> {
    match value {
        Value::Py(Scalar::Str(s)) => Ok(s.clone()),
        other => Err(EvalError::Harness(format!(
            "expected a string, got {}",
            other.describe()
        ))),
    }
}
