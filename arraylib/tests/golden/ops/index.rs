//! Golden ops for arraylib's `index` area: `a[...]`, `a[...] = v`, and the indexing functions
//! (`take`, `nonzero`, 1-argument `where`, `add.at`, `ix_`, ...).

use arraylib::{Array, DType, Index, IndexItem, Scalar, SetValue, Slice};

use crate::args::{Args, to_array, to_int};
use crate::eval::{Component, EvalError, R};
use crate::value::Value;

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    let result = match name {
        "where" if args.len() == 1 => nonzero(args),
        "nonzero" => nonzero(args),
        "argwhere" => one_array(args, arraylib::try_argwhere),
        "flatnonzero" => one_array(args, arraylib::try_flatnonzero),
        "take" => take(args),
        "take_along_axis" => take_along_axis(args),
        "put_along_axis" => put_along_axis(args),
        "put" => put(args),
        "add.at" => add_at(args),
        "ix_" => ix(args),
        "compress" => compress(args),
        _ => return None,
    };
    // Unused arguments (an unsupported `mode=` say) must fail the case, not be ignored.
    let rest = std::mem::replace(args, Args::new(Vec::new(), Default::default()));
    Some(result.and_then(|value| rest.finish().map(|()| value)))
}

fn arrays(values: Vec<Array>) -> Value {
    Value::Tuple(values.into_iter().map(Value::Array).collect())
}

fn nonzero(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    Ok(arrays(arraylib::try_nonzero(&a)?))
}

fn one_array(args: &mut Args, f: fn(&Array) -> arraylib::Result<Array>) -> R<Value> {
    let a = args.array(0, "a")?;
    Ok(Value::Array(f(&a)?))
}

fn axis(args: &mut Args, i: usize) -> R<Option<isize>> {
    Ok(args.int(i, "axis")?.map(|a| a as isize))
}

fn take(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let indices = args.array(1, "indices")?;
    let axis = axis(args, 2)?;
    Ok(Value::Array(arraylib::try_take(&a, &indices, axis)?))
}

fn take_along_axis(args: &mut Args) -> R<Value> {
    let a = args.array(0, "arr")?;
    let indices = args.array(1, "indices")?;
    let axis = axis(args, 2)?;
    Ok(Value::Array(arraylib::try_take_along_axis(&a, &indices, axis)?))
}

fn put_along_axis(args: &mut Args) -> R<Value> {
    let mut a = args.array(0, "arr")?;
    let indices = args.array(1, "indices")?;
    let values = set_value(args.req(2, "values")?)?;
    let axis = axis(args, 3)?;
    arraylib::try_put_along_axis(&mut a, &indices, values, axis)?;
    Ok(Value::None)
}

fn put(args: &mut Args) -> R<Value> {
    let mut a = args.array(0, "a")?;
    let indices = args.array(1, "ind")?;
    let values = args.array(2, "v")?;
    arraylib::try_put(&mut a, &indices, &values)?;
    Ok(Value::None)
}

fn add_at(args: &mut Args) -> R<Value> {
    let mut a = args.array(0, "a")?;
    let index = index_of(vec![Component::Value(args.req(1, "indices")?)])?;
    let values = match args.take(2, "b") {
        Some(v) => set_value(v)?,
        None => return Err(EvalError::Unsupported("add.at without values".into())),
    };
    arraylib::try_add_at(&mut a, index, values)?;
    Ok(Value::None)
}

fn ix(args: &mut Args) -> R<Value> {
    let inputs = args.rest(0).into_iter().map(to_array).collect::<R<Vec<_>>>()?;
    let refs: Vec<&Array> = inputs.iter().collect();
    Ok(arrays(arraylib::try_ix_(&refs)?))
}

fn compress(args: &mut Args) -> R<Value> {
    let condition = args.array(0, "condition")?;
    let a = args.array(1, "a")?;
    let axis = axis(args, 2)?;
    Ok(Value::Array(arraylib::try_compress(&condition, &a, axis)?))
}

/// `a.item(*args)`.
pub fn item(a: &Array, index: Vec<Value>) -> R<Value> {
    let index = match index.as_slice() {
        [Value::Tuple(items)] => items.iter().map(to_int).collect::<R<Vec<_>>>()?,
        _ => index.iter().map(to_int).collect::<R<Vec<_>>>()?,
    };
    let index: Vec<isize> = index.into_iter().map(|i| i as isize).collect();
    Ok(Value::Py(a.try_item_at(&index)?))
}

/// The right-hand side of an assignment: arrays as they are, Python scalars stay weak.
fn set_value(value: Value) -> R<SetValue> {
    Ok(match value {
        Value::Py(s) => SetValue::Scalar(s),
        other => SetValue::Array(to_array(other)?),
    })
}

/// Maps the harness's index components to arraylib's [`Index`].
fn index_of(components: Vec<Component>) -> R<Index> {
    let mut items = Vec::with_capacity(components.len());
    for component in components {
        match component {
            Component::Int(i) => items.push(IndexItem::Int(i as isize)),
            Component::Slice(start, stop, step) => items.push(IndexItem::Slice(Slice::new(
                start.map(|v| v as isize),
                stop.map(|v| v as isize),
                step.unwrap_or(1) as isize,
            ))),
            Component::NewAxis => items.push(IndexItem::NewAxis),
            Component::Ellipsis => items.push(IndexItem::Ellipsis),
            Component::Field(_) | Component::Fields(_) | Component::Key(_) => {
                return Err(EvalError::Unsupported("structured field index".into()));
            }
            Component::Value(value) => push_value(&mut items, value)?,
        }
    }
    Ok(Index::new(items))
}

fn push_value(items: &mut Vec<IndexItem>, value: Value) -> R<()> {
    match value {
        Value::Tuple(parts) => {
            for part in parts {
                push_value(items, part)?;
            }
        }
        Value::None => items.push(IndexItem::NewAxis),
        Value::Py(Scalar::Int(i)) => items.push(IndexItem::Int(i as isize)),
        Value::Py(Scalar::Bool(b)) => items.push(IndexItem::from(b)),
        Value::Array(a) if a.ndim() == 0 && a.dtype().kind().is_integer() => {
            items.push(IndexItem::Int(a.astype(DType::Int64)?.to_vec::<i64>()?[0] as isize))
        }
        Value::Array(a) => items.push(IndexItem::array(a)),
        Value::List(_) => items.push(IndexItem::array(to_array(value)?)),
        Value::Py(_) => {
            return Err(EvalError::Array(arraylib::ArrayError::new(
                arraylib::ErrorKind::Index,
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
            )));
        }
        other => return Err(EvalError::Harness(format!("index component {}", other.describe()))),
    }
    Ok(())
}

pub fn getitem(target: Value, index: Vec<Component>) -> R<Value> {
    match index.as_slice() {
        [Component::Field(name)] => return Ok(Value::Array(to_array(target)?.try_field(name)?)),
        [Component::Fields(names)] => {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            return Ok(Value::Array(to_array(target)?.try_fields(&names)?));
        }
        _ => {}
    }
    let index = index_of(index)?;
    match target {
        Value::Tuple(items) | Value::List(items) => sequence_item(items, index),
        other => Ok(Value::Array(numpy_str_scalar(to_array(other)?.try_at(index)?)?)),
    }
}

/// NumPy turns a single string element into an `np.str_`, whose dtype is as wide as its value.
fn numpy_str_scalar(a: Array) -> R<Array> {
    if a.ndim() == 0
        && let DType::Str(_) = a.dtype()
    {
        let width = a.to_vec::<String>()?[0].chars().count().max(1);
        return Ok(a.astype(DType::Str(width))?);
    }
    Ok(a)
}

/// Python's `tuple[i]` / `list[i]` (results of `split`, `nonzero`, ...).
fn sequence_item(mut items: Vec<Value>, index: Index) -> R<Value> {
    match index.items() {
        [IndexItem::Int(i)] => {
            let n = items.len() as isize;
            let k = if *i < 0 { i + n } else { *i };
            if k < 0 || k >= n {
                return Err(EvalError::Harness("tuple index out of range".into()));
            }
            Ok(items.swap_remove(k as usize))
        }
        _ => Err(EvalError::Unsupported("non-integer index of a sequence".into())),
    }
}

pub fn setitem(target: Value, index: Vec<Component>, value: Value) -> R<()> {
    let index = index_of(index)?;
    let mut target = match target {
        Value::Array(a) => a,
        other => {
            return Err(EvalError::Harness(format!("setitem on {}", other.describe())));
        }
    };
    target.try_set_at(index, set_value(value)?)?;
    Ok(())
}
