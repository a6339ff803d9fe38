//! `np.zeros`, `ones`, `full`, `eye`, `arange`, `linspace`, `array`, `asarray` and friends.

use arraylib::{Array, DType, Order, Scalar};

use crate::args::{Args, to_array, to_dims, to_f64};
use crate::eval::R;
use crate::value::Value;

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    let result = match name {
        "zeros" | "ones" | "empty" => filled(name, args),
        "full" => full(args),
        "zeros_like" | "ones_like" | "empty_like" | "full_like" => like(name, args),
        "eye" => eye(args),
        "identity" => identity(args),
        "arange" => arange(args),
        "linspace" => linspace(args),
        "array" => array(args, true),
        "asarray" => array(args, false),
        _ => return None,
    };
    Some(result)
}

fn order(args: &mut Args, i: usize) -> R<Order> {
    Ok(match args.take(i, "order") {
        Some(Value::Py(Scalar::Str(s))) if s == "F" => Order::F,
        _ => Order::C,
    })
}

fn shape_arg(args: &mut Args) -> R<Vec<isize>> {
    to_dims(&args.req(0, "shape")?)
}

fn filled(name: &str, args: &mut Args) -> R<Value> {
    let shape = shape_arg(args)?;
    let dtype = args.dtype(1, "dtype")?.unwrap_or(DType::Float64);
    let order = order(args, 2)?;
    let out = match name {
        "ones" => Array::full_order(shape, 1, dtype, order)?,
        _ => Array::zeros_order(shape, dtype, order),
    };
    Ok(Value::Array(out))
}

fn fill_scalar(v: Value) -> R<Scalar> {
    match v {
        Value::Py(s) => Ok(s),
        other => {
            let a = to_array(other)?;
            Ok(if a.dtype().kind().is_integer() {
                Scalar::Int(a.item_f64()? as i128)
            } else {
                Scalar::Float(a.item_f64()?)
            })
        }
    }
}

fn full(args: &mut Args) -> R<Value> {
    let shape = shape_arg(args)?;
    let value = fill_scalar(args.req(1, "fill_value")?)?;
    let dtype = args.dtype(2, "dtype")?.unwrap_or_else(|| value.default_dtype());
    let order = order(args, 3)?;
    Ok(Value::Array(Array::full_order(shape, value, dtype, order)?))
}

fn like(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let value = if name == "full_like" {
        Some(fill_scalar(args.req(1, "fill_value")?)?)
    } else {
        None
    };
    let dtype = args.dtype(2, "dtype")?;
    let base = match value {
        Some(v) => arraylib::full_like(&a, v),
        None if name == "ones_like" => arraylib::ones_like(&a),
        None => arraylib::zeros_like(&a),
    };
    Ok(Value::Array(match dtype {
        Some(d) => base.astype(d)?,
        None => base,
    }))
}

fn eye(args: &mut Args) -> R<Value> {
    let n = args.int(0, "N")?.unwrap_or(0) as usize;
    let m = args.int(1, "M")?.map(|m| m as usize);
    let k = args.int(2, "k")?.unwrap_or(0) as isize;
    let dtype = args.dtype(3, "dtype")?.unwrap_or(DType::Float64);
    Ok(Value::Array(arraylib::eye(n, m, k, dtype)))
}

fn identity(args: &mut Args) -> R<Value> {
    let n = args.int(0, "n")?.unwrap_or(0) as usize;
    let dtype = args.dtype(1, "dtype")?.unwrap_or(DType::Float64);
    Ok(Value::Array(arraylib::identity(n, dtype)))
}

fn py_scalar(v: Value) -> R<Scalar> {
    match v {
        Value::Py(s) => Ok(s),
        other => Ok(Scalar::Float(to_f64(&other)?)),
    }
}

fn arange(args: &mut Args) -> R<Value> {
    let first = py_scalar(args.req(0, "start")?)?;
    let (start, stop) = match args.take(1, "stop") {
        Some(Value::None) | None => (Scalar::Int(0), first),
        Some(stop) => (first, py_scalar(stop)?),
    };
    let step = match args.take(2, "step") {
        Some(Value::None) | None => Scalar::Int(1),
        Some(s) => py_scalar(s)?,
    };
    let dtype = args.dtype(3, "dtype")?;
    Ok(Value::Array(arraylib::try_arange(start, stop, step, dtype)?))
}

fn linspace(args: &mut Args) -> R<Value> {
    let start = to_f64(&args.req(0, "start")?)?;
    let stop = to_f64(&args.req(1, "stop")?)?;
    let num = args.int(2, "num")?.unwrap_or(50) as usize;
    let endpoint = args.flag(3, "endpoint", true)?;
    let dtype = args.dtype(5, "dtype")?;
    let out = arraylib::linspace(start, stop, num, endpoint);
    Ok(Value::Array(match dtype {
        Some(d) => out.astype(d)?,
        None => out,
    }))
}

fn array(args: &mut Args, copy: bool) -> R<Value> {
    let a = args.array(0, "object")?;
    let dtype = args.dtype(1, "dtype")?;
    let order = order(args, 2)?;
    let out = match dtype {
        Some(d) if copy => a.astype(d)?,
        Some(d) => a.astype_nocopy(d)?,
        None if copy => a.copy_order(order),
        None => a,
    };
    Ok(Value::Array(out))
}
