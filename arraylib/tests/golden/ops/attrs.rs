//! Array attributes (`shape`, `strides`, `flags.*`, `T`, ...) and methods whose behaviour differs
//! from the NumPy function of the same name (`astype`, `copy`, `item`, `reshape(*dims)`, ...).

use arraylib::{Array, MemoryOrder, Scalar};

use crate::args::{Args, to_array, to_dtype, to_str};
use crate::eval::{EvalError, R};
use crate::value::Value;

fn ints(values: impl IntoIterator<Item = i64>) -> Value {
    Value::Tuple(values.into_iter().map(|v| Value::Py(Scalar::Int(v as i128))).collect())
}

fn py_int(v: usize) -> Value {
    Value::Py(Scalar::Int(v as i128))
}

fn py_bool(v: bool) -> Value {
    Value::Py(Scalar::Bool(v))
}

/// `target.<path>`.
pub fn attr(path: &str, target: Value) -> R<Value> {
    let names = |d: arraylib::DType| match d.names() {
        Some(names) => Value::Tuple(names.into_iter().map(|n| Value::Py(Scalar::Str(n))).collect()),
        None => Value::None,
    };
    match (&target, path) {
        (Value::DType(d), "names") => return Ok(names(*d)),
        (Value::Array(a), "dtype.names") => return Ok(names(a.dtype())),
        _ => {}
    }
    let a = to_array(target)?;
    Ok(match path {
        "shape" => ints(a.shape().iter().map(|&d| d as i64)),
        "strides" => ints(a.strides().iter().map(|&s| s as i64)),
        "ndim" => py_int(a.ndim()),
        "size" => py_int(a.size()),
        "itemsize" => py_int(a.itemsize()),
        "nbytes" => py_int(a.nbytes()),
        "dtype" => Value::DType(a.dtype()),
        "flags.c_contiguous" => py_bool(a.is_c_contiguous()),
        "flags.f_contiguous" => py_bool(a.is_f_contiguous()),
        "flags.owndata" => py_bool(a.owndata()),
        "flags.writeable" => py_bool(a.writeable()),
        "T" => return crate::ops::call("transpose", Args::new(vec![Value::Array(a)], Default::default())),
        other => return Err(EvalError::Unsupported(format!("attribute {other}"))),
    })
}

/// Methods with their own semantics; `None` sends the call on to `np.<name>(self, ...)`.
pub fn method(name: &str, target: &Value, args: &mut Args) -> Option<R<Value>> {
    let Value::Array(a) = target else { return None };
    let result = match name {
        "astype" => astype(a, args),
        "copy" => copy(a, args),
        "item" => item(a, args),
        "sort" | "partition" => return super::sort::method(name, a, args),
        _ => return None,
    };
    Some(result)
}

fn order_arg(args: &mut Args, i: usize) -> R<MemoryOrder> {
    match args.take(i, "order") {
        None | Some(Value::None) => Ok(MemoryOrder::C),
        Some(v) => match to_str(&v)?.as_str() {
            "C" => Ok(MemoryOrder::C),
            "F" => Ok(MemoryOrder::F),
            "A" => Ok(MemoryOrder::A),
            "K" => Ok(MemoryOrder::K),
            other => Err(EvalError::Harness(format!("order {other}"))),
        },
    }
}

fn astype(a: &Array, args: &mut Args) -> R<Value> {
    let dtype = to_dtype(&args.req(0, "dtype")?)?;
    let copy = args.flag(99, "copy", true)?;
    args_done(args)?;
    Ok(Value::Array(if copy {
        a.astype(dtype)?
    } else {
        a.astype_nocopy(dtype)?
    }))
}

fn copy(a: &Array, args: &mut Args) -> R<Value> {
    let order = order_arg(args, 0)?;
    args_done(args)?;
    Ok(Value::Array(a.copy_order(order)))
}

fn item(a: &Array, args: &mut Args) -> R<Value> {
    super::index::item(a, args.rest(0))
}

/// Checks nothing else was passed (the method's `Args` are not consumed by `finish`).
fn args_done(args: &mut Args) -> R<()> {
    let rest = std::mem::replace(args, Args::new(Vec::new(), Default::default()));
    rest.finish()
}
