//! Golden ops for arraylib's `sort` area: sorting, searching, unique, set operations, counting.

use arraylib::{Array, Axes, Bins, Side, UniqueOptions};

use crate::args::{Args, to_array, to_axes, to_f64, to_int, to_str};
use crate::eval::{EvalError, R};
use crate::value::Value;

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    let result = match name {
        "sort" => sort(args, false),
        "argsort" => sort(args, true),
        "partition" => partition(args, false),
        "argpartition" => partition(args, true),
        "lexsort" => lexsort(args),
        "unique" => unique(args),
        "unique_values" | "unique_counts" | "unique_inverse" | "unique_all" => unique_array_api(name, args),
        "searchsorted" => searchsorted(args),
        "digitize" => digitize(args),
        "isin" => isin(args),
        "intersect1d" | "union1d" | "setdiff1d" | "setxor1d" => set_op(name, args),
        "bincount" => bincount(args),
        "histogram" => histogram(args),
        _ => return None,
    };
    Some(result)
}

/// The in-place methods `a.sort()` and `a.partition(kth)`; `None` for other names.
pub fn method(name: &str, target: &Array, args: &mut Args) -> Option<R<Value>> {
    let result = match name {
        "sort" => sort_inplace(target, args),
        "partition" => partition_inplace(target, args),
        _ => return None,
    };
    Some(result)
}

/// NumPy's `axis` of sort-like functions: default `-1`, `None` flattens.
fn sort_axis(args: &mut Args, i: usize) -> R<Axes> {
    match args.take(i, "axis") {
        None => Ok(Axes::from(-1)),
        v => Ok(match to_axes(v)? {
            None => Axes::All,
            Some(list) => Axes::List(list),
        }),
    }
}

/// Checks `kind=` (every kind gives the same, stable, result here) and reads `order=` (the
/// fields of a structured array to sort by).
fn sort_kind(args: &mut Args, i: usize) -> R<Option<Vec<String>>> {
    if let Some(kind) = args.take(i, "kind").filter(|v| !matches!(v, Value::None)) {
        let kind = to_str(&kind)?;
        if !["quicksort", "mergesort", "heapsort", "stable", "introselect"].contains(&kind.as_str()) {
            return Err(EvalError::Harness(format!("sort kind {kind}")));
        }
    }
    args.kw("stable");
    match args.take(i + 1, "order") {
        None | Some(Value::None) => Ok(None),
        Some(Value::Tuple(names) | Value::List(names)) => Ok(Some(names.iter().map(to_str).collect::<R<_>>()?)),
        Some(name) => Ok(Some(vec![to_str(&name)?])),
    }
}

fn take_args(args: &mut Args) -> Args {
    std::mem::replace(args, Args::new(Vec::new(), Default::default()))
}

fn sort(args: &mut Args, indices: bool) -> R<Value> {
    let a = args.array(0, "a")?;
    let axis = sort_axis(args, 1)?;
    let order = sort_kind(args, 2)?;
    take_args(args).finish()?;
    if let Some(order) = order {
        let order: Vec<&str> = order.iter().map(String::as_str).collect();
        return Ok(Value::Array(if indices {
            arraylib::try_argsort_order(&a, &order)?
        } else {
            arraylib::try_sort_order(&a, &order)?
        }));
    }
    Ok(Value::Array(if indices {
        arraylib::try_argsort(&a, axis)?
    } else {
        arraylib::try_sort(&a, axis)?
    }))
}

fn sort_inplace(target: &Array, args: &mut Args) -> R<Value> {
    let axis = args.int(0, "axis")?.unwrap_or(-1);
    if sort_kind(args, 1)?.is_some() {
        return Err(EvalError::Unsupported("in-place sort with order=".into()));
    }
    take_args(args).finish()?;
    target.alias().try_sort_inplace(axis as isize)?;
    Ok(Value::None)
}

fn kth(value: Value) -> R<Vec<isize>> {
    match value {
        Value::Array(a) if a.ndim() > 0 => Ok(a
            .astype(arraylib::DType::Int64)?
            .to_vec::<i64>()?
            .into_iter()
            .map(|k| k as isize)
            .collect()),
        Value::Tuple(items) | Value::List(items) => items.iter().map(|v| to_int(v).map(|k| k as isize)).collect(),
        v => Ok(vec![to_int(&v)? as isize]),
    }
}

fn partition(args: &mut Args, indices: bool) -> R<Value> {
    let a = args.array(0, "a")?;
    let k = kth(args.req(1, "kth")?)?;
    let axis = sort_axis(args, 2)?;
    sort_kind(args, 3)?;
    take_args(args).finish()?;
    Ok(Value::Array(if indices {
        arraylib::try_argpartition(&a, k, axis)?
    } else {
        arraylib::try_partition(&a, k, axis)?
    }))
}

fn partition_inplace(target: &Array, args: &mut Args) -> R<Value> {
    let k = kth(args.req(0, "kth")?)?;
    let axis = args.int(1, "axis")?.unwrap_or(-1);
    sort_kind(args, 2)?;
    take_args(args).finish()?;
    target.alias().try_partition_inplace(k, axis as isize)?;
    Ok(Value::None)
}

fn lexsort(args: &mut Args) -> R<Value> {
    let keys: Vec<Array> = match args.req(0, "keys")? {
        Value::Tuple(items) | Value::List(items) => items.into_iter().map(to_array).collect::<R<_>>()?,
        Value::Array(a) if a.ndim() >= 1 => (0..a.shape()[0])
            .map(|i| crate::ops::getitem(Value::Array(a.alias()), vec![crate::eval::Component::Int(i as i64)]))
            .map(|v| v.and_then(to_array))
            .collect::<R<_>>()?,
        other => vec![to_array(other)?],
    };
    let axis = args.int(1, "axis")?.unwrap_or(-1);
    take_args(args).finish()?;
    let refs: Vec<&Array> = keys.iter().collect();
    Ok(Value::Array(arraylib::try_lexsort(&refs, axis as isize)?))
}

fn unique(args: &mut Args) -> R<Value> {
    let a = args.array(0, "ar")?;
    let options = UniqueOptions {
        return_index: args.flag(1, "return_index", false)?,
        return_inverse: args.flag(2, "return_inverse", false)?,
        return_counts: args.flag(3, "return_counts", false)?,
        axis: match to_axes(args.take(4, "axis"))? {
            None => Axes::All,
            Some(list) => Axes::List(list),
        },
        equal_nan: args.flag(99, "equal_nan", true)?,
    };
    if !args.flag(99, "sorted", true)? {
        return Err(EvalError::Unsupported("unique(sorted=False)".into()));
    }
    take_args(args).finish()?;
    let r = arraylib::try_unique_with(&a, &options)?;
    let extras: Vec<Value> = [r.indices, r.inverse, r.counts]
        .into_iter()
        .flatten()
        .map(Value::Array)
        .collect();
    if extras.is_empty() {
        return Ok(Value::Array(r.values));
    }
    Ok(Value::Tuple(
        std::iter::once(Value::Array(r.values)).chain(extras).collect(),
    ))
}

fn unique_array_api(name: &str, args: &mut Args) -> R<Value> {
    let x = args.array(0, "x")?;
    take_args(args).finish()?;
    let arrays = |items: Vec<Array>| Value::Tuple(items.into_iter().map(Value::Array).collect());
    Ok(match name {
        "unique_values" => Value::Array(arraylib::try_unique_values(&x)?),
        "unique_counts" => {
            let r = arraylib::try_unique_counts(&x)?;
            arrays(vec![r.values, r.counts])
        }
        "unique_inverse" => {
            let r = arraylib::try_unique_inverse(&x)?;
            arrays(vec![r.values, r.inverse_indices])
        }
        _ => {
            let r = arraylib::try_unique_all(&x)?;
            arrays(vec![r.values, r.indices, r.inverse_indices, r.counts])
        }
    })
}

fn side(args: &mut Args, i: usize) -> R<Side> {
    match args.take(i, "side") {
        None | Some(Value::None) => Ok(Side::Left),
        Some(v) => match to_str(&v)?.as_str() {
            "left" => Ok(Side::Left),
            "right" => Ok(Side::Right),
            other => Err(EvalError::Harness(format!("side {other}"))),
        },
    }
}

fn searchsorted(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let v = args.array(1, "v")?;
    let side = side(args, 2)?;
    let sorter = match args.take(3, "sorter") {
        None | Some(Value::None) => None,
        Some(s) => Some(to_array(s)?),
    };
    take_args(args).finish()?;
    Ok(Value::Array(arraylib::try_searchsorted(&a, &v, side, sorter.as_ref())?))
}

fn digitize(args: &mut Args) -> R<Value> {
    let x = args.array(0, "x")?;
    let bins = args.array(1, "bins")?;
    let right = args.flag(2, "right", false)?;
    take_args(args).finish()?;
    Ok(Value::Array(arraylib::try_digitize(&x, &bins, right)?))
}

fn isin(args: &mut Args) -> R<Value> {
    let element = args.array(0, "element")?;
    let test = args.array(1, "test_elements")?;
    args.flag(2, "assume_unique", false)?;
    let invert = args.flag(3, "invert", false)?;
    args.kw("kind");
    take_args(args).finish()?;
    Ok(Value::Array(arraylib::try_isin(&element, &test, invert)?))
}

fn set_op(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "ar1")?;
    let b = args.array(1, "ar2")?;
    args.flag(2, "assume_unique", false)?;
    if args.flag(3, "return_indices", false)? {
        return Err(EvalError::Unsupported("intersect1d(return_indices=True)".into()));
    }
    take_args(args).finish()?;
    Ok(Value::Array(match name {
        "intersect1d" => arraylib::try_intersect1d(&a, &b)?,
        "union1d" => arraylib::try_union1d(&a, &b)?,
        "setdiff1d" => arraylib::try_setdiff1d(&a, &b)?,
        _ => arraylib::try_setxor1d(&a, &b)?,
    }))
}

fn bincount(args: &mut Args) -> R<Value> {
    let x = args.array(0, "x")?;
    let weights = match args.take(1, "weights") {
        None | Some(Value::None) => None,
        Some(w) => Some(to_array(w)?),
    };
    let minlength = args.int(2, "minlength")?.unwrap_or(0);
    take_args(args).finish()?;
    if minlength < 0 {
        return Err(arraylib::ArrayError::value("'minlength' must not be negative").into());
    }
    Ok(Value::Array(arraylib::try_bincount(
        &x,
        weights.as_ref(),
        minlength as usize,
    )?))
}

fn histogram(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let bins = match args.take(1, "bins") {
        None | Some(Value::None) => Bins::Count(10),
        Some(Value::Py(s)) if matches!(s, arraylib::Scalar::Int(_)) => Bins::Count(to_int(&Value::Py(s))?),
        Some(Value::Py(arraylib::Scalar::Str(s))) => return Err(EvalError::Unsupported(format!("bins='{s}'"))),
        Some(v) => Bins::Edges(to_array(v)?),
    };
    let range = match args.take(2, "range") {
        None | Some(Value::None) => None,
        Some(Value::Tuple(items)) | Some(Value::List(items)) if items.len() == 2 => {
            Some((to_f64(&items[0])?, to_f64(&items[1])?))
        }
        Some(other) => return Err(EvalError::Harness(format!("range {}", other.describe()))),
    };
    let density = args.flag(3, "density", false)?;
    let weights = match args.take(4, "weights") {
        None | Some(Value::None) => None,
        Some(w) => Some(to_array(w)?),
    };
    take_args(args).finish()?;
    let (hist, edges) = arraylib::try_histogram(&a, bins, range, weights.as_ref(), density)?;
    Ok(Value::Tuple(vec![Value::Array(hist), Value::Array(edges)]))
}
