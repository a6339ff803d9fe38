//! `np.reshape`, `ravel`, `transpose`, joins, splits, `tile`, `repeat`, `roll`, `pad`, `flip`,
//! `diag`, `tri*`, `meshgrid` and the methods of the same names.

use arraylib::{Array, Axes, DType, Indexing, MemoryOrder, Order, PadMode, PadWidth, Scalar, Sections};

use crate::args::{Args, to_array, to_axes, to_dims, to_int, to_str};
use crate::eval::{EvalError, R};
use crate::value::Value;

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    let result = match name {
        "reshape" => reshape(args),
        "ravel" | "flatten" => ravel(name, args),
        "transpose" => transpose(args),
        "swapaxes" => swapaxes(args),
        "moveaxis" => moveaxis(args),
        "expand_dims" => expand_dims(args),
        "squeeze" => squeeze(args),
        "atleast_1d" | "atleast_2d" | "atleast_3d" => atleast(name, args),
        "concatenate" => concatenate(args),
        "stack" | "hstack" | "vstack" | "dstack" | "column_stack" => stack(name, args),
        "split" | "array_split" | "hsplit" | "vsplit" | "dsplit" => split(name, args),
        "tile" => tile(args),
        "repeat" => repeat(args),
        "roll" => roll(args),
        "flip" | "fliplr" | "flipud" => flip(name, args),
        "pad" => pad(args),
        "ascontiguousarray" | "asfortranarray" => as_order(name, args),
        "diag" => diag(args),
        "diagonal" | "trace" => diagonal(name, args),
        "tri" => tri(args),
        "triu" | "tril" => triangle(name, args),
        "meshgrid" => meshgrid(args),
        "shares_memory" | "may_share_memory" => shares_memory(args),
        "append" => append(args),
        "rot90" => rot90(args),
        _ => return None,
    };
    Some(result)
}

fn done(args: &mut Args, value: Array) -> R<Value> {
    std::mem::replace(args, Args::new(Vec::new(), Default::default())).finish()?;
    Ok(Value::Array(value))
}

fn axes(value: Option<Value>) -> R<Axes> {
    Ok(match to_axes(value)? {
        None => Axes::All,
        Some(list) => Axes::List(list),
    })
}

fn memory_order(value: Option<Value>) -> R<MemoryOrder> {
    match value {
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

/// Integers from an int, a tuple/list of ints, or an integer array.
fn ints(value: &Value) -> R<Vec<isize>> {
    match value {
        Value::Array(a) if a.ndim() > 0 => Ok(a
            .astype(DType::Int64)?
            .to_vec::<i64>()?
            .into_iter()
            .map(|i| i as isize)
            .collect()),
        v => to_dims(v),
    }
}

fn sequence(value: Value) -> R<Vec<Array>> {
    match value {
        Value::Tuple(items) | Value::List(items) => items.into_iter().map(to_array).collect(),
        // Iterating an array yields its rows.
        Value::Array(a) if a.ndim() > 0 && a.shape()[0] > 0 => Ok(arraylib::split(&a, a.shape()[0], 0)
            .into_iter()
            .map(|row| row.squeeze_axis(0))
            .collect()),
        other => Err(EvalError::Harness(format!(
            "expected a sequence of arrays, got {}",
            other.describe()
        ))),
    }
}

/// `reshape(a, newshape, order)` and the method's `a.reshape(2, 3)` varargs form.
fn reshape(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let mut rest = args.rest(1);
    let mut order = args.kw("order");
    if matches!(rest.last(), Some(Value::Py(Scalar::Str(_)))) {
        order = rest.pop();
    }
    let dims: Vec<isize> = match (rest.len(), args.kw("shape").or_else(|| args.kw("newshape"))) {
        (0, Some(shape)) => to_dims(&shape)?,
        (1, None) => to_dims(&rest[0])?,
        (_, None) => rest.iter().map(|v| to_int(v).map(|i| i as isize)).collect::<R<_>>()?,
        _ => return Err(EvalError::Harness("reshape: shape given twice".into())),
    };
    let order = match memory_order(order)? {
        MemoryOrder::F => Order::F,
        MemoryOrder::A if a.is_f_contiguous() && !a.is_c_contiguous() => Order::F,
        _ => Order::C,
    };
    let out = a.try_reshape_order(dims, order)?;
    done(args, out)
}

fn ravel(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let order = memory_order(args.take(1, "order"))?;
    let out = if name == "ravel" {
        a.ravel_order(order)
    } else {
        a.flatten_order(order)
    };
    done(args, out)
}

/// `transpose(a, axes)` and the method's `t.transpose(2, 0, 1)` varargs form.
fn transpose(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let mut rest = args.rest(1);
    let given = match rest.len() {
        0 => args.kw("axes"),
        1 => rest.pop(),
        _ => Some(Value::Tuple(rest)),
    };
    let out = a.try_transpose(axes(given)?)?;
    done(args, out)
}

fn swapaxes(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let a1 = to_int(&args.req(1, "axis1")?)? as isize;
    let a2 = to_int(&args.req(2, "axis2")?)? as isize;
    let out = a.try_swapaxes(a1, a2)?;
    done(args, out)
}

fn moveaxis(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let source = axes(Some(args.req(1, "source")?))?;
    let destination = axes(Some(args.req(2, "destination")?))?;
    let out = arraylib::try_moveaxis(&a, source, destination)?;
    done(args, out)
}

fn expand_dims(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let axis = axes(Some(args.req(1, "axis")?))?;
    let out = a.try_expand_dims(axis)?;
    done(args, out)
}

fn squeeze(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let axis = axes(args.take(1, "axis"))?;
    let out = a.try_squeeze_axis(axis)?;
    done(args, out)
}

fn atleast(name: &str, args: &mut Args) -> R<Value> {
    let f = match name {
        "atleast_1d" => arraylib::atleast_1d,
        "atleast_2d" => arraylib::atleast_2d,
        _ => arraylib::atleast_3d,
    };
    let mut outs = args
        .rest(0)
        .into_iter()
        .map(|v| to_array(v).map(|a| f(&a)))
        .collect::<R<Vec<_>>>()?;
    args_finish(args)?;
    Ok(match outs.len() {
        1 => Value::Array(outs.pop().expect("one")),
        _ => Value::Tuple(outs.into_iter().map(Value::Array).collect()),
    })
}

fn args_finish(args: &mut Args) -> R<()> {
    std::mem::replace(args, Args::new(Vec::new(), Default::default())).finish()
}

fn concatenate(args: &mut Args) -> R<Value> {
    let arrays = sequence(args.req(0, "arrays")?)?;
    let axis = match args.take(1, "axis") {
        None => Axes::from(0),
        given => axes(given)?,
    };
    let dtype = args.dtype(99, "dtype")?;
    let out = arraylib::try_concatenate(&arrays, axis)?;
    let out = match dtype {
        Some(d) => out.astype(d)?,
        None => out,
    };
    done(args, out)
}

fn stack(name: &str, args: &mut Args) -> R<Value> {
    let arrays = sequence(args.req(0, "arrays")?)?;
    let out = match name {
        "stack" => {
            let axis = args.int(1, "axis")?.unwrap_or(0) as isize;
            arraylib::try_stack(&arrays, axis)?
        }
        "hstack" => arraylib::try_hstack(&arrays)?,
        "vstack" => arraylib::try_vstack(&arrays)?,
        "dstack" => arraylib::try_dstack(&arrays)?,
        _ => arraylib::try_column_stack(&arrays)?,
    };
    done(args, out)
}

fn split(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "ary")?;
    let given = args.req(1, "indices_or_sections")?;
    let sections = match &given {
        Value::Tuple(_) | Value::List(_) => Sections::Indices(ints(&given)?),
        Value::Array(x) if x.ndim() > 0 => Sections::Indices(ints(&given)?),
        v => Sections::from(to_int(v)?),
    };
    let parts = match name {
        "split" | "array_split" => {
            let axis = args.int(2, "axis")?.unwrap_or(0) as isize;
            if name == "split" {
                arraylib::try_split(&a, sections, axis)?
            } else {
                arraylib::try_array_split(&a, sections, axis)?
            }
        }
        "hsplit" => arraylib::try_hsplit(&a, sections)?,
        "vsplit" => arraylib::try_vsplit(&a, sections)?,
        _ => arraylib::try_dsplit(&a, sections)?,
    };
    args_finish(args)?;
    Ok(Value::List(parts.into_iter().map(Value::Array).collect()))
}

fn tile(args: &mut Args) -> R<Value> {
    let a = args.array(0, "A")?;
    let reps = ints(&args.req(1, "reps")?)?;
    let out = arraylib::try_tile(&a, reps)?;
    done(args, out)
}

fn repeat(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let repeats = ints(&args.req(1, "repeats")?)?;
    let axis = axes(args.take(2, "axis"))?;
    let out = arraylib::try_repeat(&a, repeats, axis)?;
    done(args, out)
}

fn roll(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let shift = ints(&args.req(1, "shift")?)?;
    let axis = axes(args.take(2, "axis"))?;
    let out = arraylib::try_roll(&a, shift, axis)?;
    done(args, out)
}

fn flip(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "m")?;
    let out = match name {
        "flip" => arraylib::try_flip(&a, axes(args.take(1, "axis"))?)?,
        "fliplr" => arraylib::try_fliplr(&a)?,
        _ => arraylib::try_flipud(&a)?,
    };
    done(args, out)
}

fn pad_width(value: &Value) -> R<PadWidth> {
    let pair = |v: &Value| -> R<(usize, usize)> {
        let widths = ints(v)?;
        if widths.iter().any(|&w| w < 0) {
            return Err(arraylib::ArrayError::value("index can't contain negative values").into());
        }
        match widths.as_slice() {
            [n] => Ok((*n as usize, *n as usize)),
            [b, a] => Ok((*b as usize, *a as usize)),
            _ => Err(EvalError::Harness("pad width pair".into())),
        }
    };
    match value {
        Value::Tuple(items) | Value::List(items)
            if items.iter().any(|i| matches!(i, Value::Tuple(_) | Value::List(_))) =>
        {
            Ok(PadWidth::PerAxis(items.iter().map(pair).collect::<R<_>>()?))
        }
        v => {
            let (b, a) = pair(v)?;
            Ok(PadWidth::Same(b, a))
        }
    }
}

fn pad(args: &mut Args) -> R<Value> {
    let a = args.array(0, "array")?;
    let width = pad_width(&args.req(1, "pad_width")?)?;
    let mode = match args.take(2, "mode") {
        None => "constant".to_string(),
        Some(v) => to_str(&v)?,
    };
    let mode = match mode.as_str() {
        "constant" => PadMode::Constant(match args.kw("constant_values") {
            None => Scalar::Int(0),
            Some(Value::Py(s)) => s,
            Some(other) => to_array(other)?.item()?,
        }),
        "edge" => PadMode::Edge,
        "reflect" => PadMode::Reflect,
        "symmetric" => PadMode::Symmetric,
        "wrap" => PadMode::Wrap,
        other => return Err(EvalError::Unsupported(format!("pad mode {other}"))),
    };
    let out = arraylib::try_pad(&a, width, mode)?;
    done(args, out)
}

fn as_order(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let a = match args.dtype(1, "dtype")? {
        Some(d) => a.astype_nocopy(d)?,
        None => a,
    };
    let out = if name == "ascontiguousarray" {
        arraylib::ascontiguousarray(&a)
    } else {
        arraylib::asfortranarray(&a)
    };
    done(args, out)
}

fn diag(args: &mut Args) -> R<Value> {
    let v = args.array(0, "v")?;
    let k = args.int(1, "k")?.unwrap_or(0) as isize;
    let out = arraylib::try_diag(&v, k)?;
    done(args, out)
}

fn diagonal(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let offset = args.int(1, "offset")?.unwrap_or(0) as isize;
    let axis1 = args.int(2, "axis1")?.unwrap_or(0) as isize;
    let axis2 = args.int(3, "axis2")?.unwrap_or(1) as isize;
    let out = match name {
        "trace" => {
            let trace = arraylib::try_trace(&a, offset, axis1, axis2)?;
            match args.dtype(4, "dtype")? {
                Some(d) => trace.astype(d)?,
                None => trace,
            }
        }
        _ => a.try_diagonal(offset, axis1, axis2)?,
    };
    done(args, out)
}

fn tri(args: &mut Args) -> R<Value> {
    let n = to_int(&args.req(0, "N")?)? as usize;
    let m = args.int(1, "M")?.map(|m| m as usize);
    let k = args.int(2, "k")?.unwrap_or(0) as isize;
    let dtype = args.dtype(3, "dtype")?.unwrap_or(DType::Float64);
    done(args, arraylib::tri(n, m, k, dtype))
}

fn triangle(name: &str, args: &mut Args) -> R<Value> {
    let m = args.array(0, "m")?;
    let k = args.int(1, "k")?.unwrap_or(0) as isize;
    let out = if name == "triu" {
        arraylib::try_triu(&m, k)?
    } else {
        arraylib::try_tril(&m, k)?
    };
    done(args, out)
}

fn meshgrid(args: &mut Args) -> R<Value> {
    let arrays = args.rest(0).into_iter().map(to_array).collect::<R<Vec<_>>>()?;
    let indexing = match args.kw("indexing") {
        None => Indexing::Xy,
        Some(v) => match to_str(&v)?.as_str() {
            "xy" => Indexing::Xy,
            "ij" => Indexing::Ij,
            _ => {
                return Err(arraylib::ArrayError::value("Valid values for `indexing` are 'xy' and 'ij'.").into());
            }
        },
    };
    args_finish(args)?;
    Ok(Value::Tuple(
        arraylib::meshgrid(&arrays, indexing)
            .into_iter()
            .map(Value::Array)
            .collect(),
    ))
}

/// Views and copies are this area's promise, so the check lives here too.
fn shares_memory(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let b = args.array(1, "b")?;
    args_finish(args)?;
    Ok(Value::Py(Scalar::Bool(arraylib::shares_memory(&a, &b))))
}

fn append(args: &mut Args) -> R<Value> {
    let arr = args.array(0, "arr")?;
    let values = args.array(1, "values")?;
    let axis = axes(args.take(2, "axis"))?;
    let out = arraylib::try_append(&arr, &values, axis)?;
    done(args, out)
}

fn rot90(args: &mut Args) -> R<Value> {
    let m = args.array(0, "m")?;
    let k = args.int(1, "k")?.unwrap_or(1) as isize;
    let axes = match args.take(2, "axes") {
        None => (0, 1),
        Some(v) => match to_dims(&v)?.as_slice() {
            [a, b] => (*a, *b),
            _ => return Err(arraylib::ArrayError::value("len(axes) must be 2.").into()),
        },
    };
    let out = arraylib::try_rot90(&m, k, axes)?;
    done(args, out)
}
