//! Element-wise ops: `np.add`, `np.where(c, x, y)`, `np.clip`, `np.broadcast_to`, ... and the
//! in-place operators (`a += b`).

use arraylib::{Array, DType, Operand, Result};

use crate::args::{Args, to_array, to_dims, to_dtype};
use crate::eval::{EvalError, R};
use crate::value::Value;

type Binary = fn(Operand, Operand) -> Result<Array>;
type Unary = fn(Operand) -> Result<Array>;

fn binary_fn(name: &str) -> Option<Binary> {
    let f: Binary = match name {
        "add" => arraylib::try_add,
        "subtract" => arraylib::try_subtract,
        "multiply" => arraylib::try_multiply,
        "divide" | "true_divide" => arraylib::try_divide,
        "floor_divide" => arraylib::try_floor_divide,
        "remainder" | "mod" => arraylib::try_remainder,
        "fmod" => arraylib::try_fmod,
        "power" | "pow" => arraylib::try_power,
        "maximum" => arraylib::try_maximum,
        "minimum" => arraylib::try_minimum,
        "fmax" => arraylib::try_fmax,
        "fmin" => arraylib::try_fmin,
        "bitwise_and" => arraylib::try_bitwise_and,
        "bitwise_or" => arraylib::try_bitwise_or,
        "bitwise_xor" => arraylib::try_bitwise_xor,
        "left_shift" => arraylib::try_left_shift,
        "right_shift" => arraylib::try_right_shift,
        "arctan2" => arraylib::try_arctan2,
        "hypot" => arraylib::try_hypot,
        "equal" => arraylib::try_equal,
        "not_equal" => arraylib::try_not_equal,
        "less" => arraylib::try_less,
        "less_equal" => arraylib::try_less_equal,
        "greater" => arraylib::try_greater,
        "greater_equal" => arraylib::try_greater_equal,
        "logical_and" => arraylib::try_logical_and,
        "logical_or" => arraylib::try_logical_or,
        "logical_xor" => arraylib::try_logical_xor,
        _ => return None,
    };
    Some(f)
}

fn unary_fn(name: &str) -> Option<Unary> {
    let f: Unary = match name {
        "negative" => arraylib::try_negative,
        "positive" => arraylib::try_positive,
        "abs" | "absolute" => arraylib::try_absolute,
        "sign" => arraylib::try_sign,
        "sqrt" => arraylib::try_sqrt,
        "square" => arraylib::try_square,
        "exp" => arraylib::try_exp,
        "exp2" => arraylib::try_exp2,
        "log" => arraylib::try_log,
        "log2" => arraylib::try_log2,
        "log10" => arraylib::try_log10,
        "log1p" => arraylib::try_log1p,
        "expm1" => arraylib::try_expm1,
        "sin" => arraylib::try_sin,
        "cos" => arraylib::try_cos,
        "tan" => arraylib::try_tan,
        "arcsin" => arraylib::try_arcsin,
        "arccos" => arraylib::try_arccos,
        "arctan" => arraylib::try_arctan,
        "sinh" => arraylib::try_sinh,
        "cosh" => arraylib::try_cosh,
        "tanh" => arraylib::try_tanh,
        "floor" => arraylib::try_floor,
        "ceil" => arraylib::try_ceil,
        "trunc" => arraylib::try_trunc,
        "rint" => arraylib::try_rint,
        "isnan" => arraylib::try_isnan,
        "isinf" => arraylib::try_isinf,
        "isfinite" => arraylib::try_isfinite,
        "logical_not" => arraylib::try_logical_not,
        "invert" | "bitwise_not" => arraylib::try_invert,
        _ => return None,
    };
    Some(f)
}

/// A call argument as a ufunc operand: arrays stay strong, Python scalars are weak.
fn operand(value: Value) -> R<Operand> {
    match value {
        Value::Array(a) => Ok(Operand::Array(a)),
        Value::Py(s) => Ok(Operand::Scalar(s)),
        other => Ok(Operand::Array(to_array(other)?)),
    }
}

fn items(value: Value) -> R<Vec<Value>> {
    match value {
        Value::Tuple(v) | Value::List(v) => Ok(v),
        other => Err(EvalError::Harness(format!(
            "expected a sequence, got {}",
            other.describe()
        ))),
    }
}

fn shape(value: &Value) -> R<Vec<usize>> {
    Ok(to_dims(value)?.into_iter().map(|d| d as usize).collect())
}

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    if name == "where" && args.len() != 3 {
        return None;
    }
    let result = if let Some(f) = binary_fn(name) {
        binary(f, args)
    } else if let Some(f) = unary_fn(name) {
        unary(f, args)
    } else {
        match name {
            "where" => where3(args),
            "clip" => clip(args),
            "select" => select(args),
            "divmod" => divmod(args),
            "round" | "around" => round(args),
            "broadcast_to" => broadcast_to(args),
            "broadcast_shapes" => broadcast_shapes(args),
            "broadcast_arrays" => broadcast_arrays(args),
            "result_type" => result_type(args),
            "promote_types" => promote_types(args),
            _ => return None,
        }
    };
    Some(result)
}

fn binary(f: Binary, args: &mut Args) -> R<Value> {
    let a = operand(args.req(0, "x1")?)?;
    let b = operand(args.req(1, "x2")?)?;
    Ok(Value::Array(f(a, b)?))
}

fn unary(f: Unary, args: &mut Args) -> R<Value> {
    let a = operand(args.req(0, "x")?)?;
    Ok(Value::Array(f(a)?))
}

fn where3(args: &mut Args) -> R<Value> {
    let c = operand(args.req(0, "condition")?)?;
    let x = operand(args.req(1, "x")?)?;
    let y = operand(args.req(2, "y")?)?;
    Ok(Value::Array(arraylib::try_where(c, x, y)?))
}

fn clip(args: &mut Args) -> R<Value> {
    let a = operand(args.req(0, "a")?)?;
    let lo = operand(args.req(1, "a_min")?)?;
    let hi = operand(args.req(2, "a_max")?)?;
    Ok(Value::Array(arraylib::try_clip(a, lo, hi)?))
}

fn select(args: &mut Args) -> R<Value> {
    let conds = items(args.req(0, "condlist")?)?
        .into_iter()
        .map(to_array)
        .collect::<R<Vec<_>>>()?;
    let choices = items(args.req(1, "choicelist")?)?
        .into_iter()
        .map(operand)
        .collect::<R<Vec<_>>>()?;
    let default = match args.take(2, "default") {
        Some(v) => operand(v)?,
        None => Operand::from(0),
    };
    Ok(Value::Array(arraylib::try_select(&conds, choices, default)?))
}

fn divmod(args: &mut Args) -> R<Value> {
    let a = operand(args.req(0, "x1")?)?;
    let b = operand(args.req(1, "x2")?)?;
    let (q, r) = arraylib::try_divmod(a, b)?;
    Ok(Value::Tuple(vec![Value::Array(q), Value::Array(r)]))
}

fn round(args: &mut Args) -> R<Value> {
    let a = operand(args.req(0, "a")?)?;
    let decimals = args.int(1, "decimals")?.unwrap_or(0) as i32;
    Ok(Value::Array(arraylib::try_round(a, decimals)?))
}

fn broadcast_to(args: &mut Args) -> R<Value> {
    let a = args.array(0, "array")?;
    let dims = to_dims(&args.req(1, "shape")?)?;
    Ok(Value::Array(arraylib::try_broadcast_to(&a, dims)?))
}

fn broadcast_shapes(args: &mut Args) -> R<Value> {
    let shapes = args.rest(0).iter().map(shape).collect::<R<Vec<_>>>()?;
    let refs: Vec<&[usize]> = shapes.iter().map(Vec::as_slice).collect();
    let out = arraylib::try_broadcast_shapes(&refs)?;
    Ok(Value::Tuple(
        out.into_iter()
            .map(|n| Value::Py(arraylib::Scalar::Int(n as i128)))
            .collect(),
    ))
}

fn broadcast_arrays(args: &mut Args) -> R<Value> {
    let arrays = args.rest(0).into_iter().map(to_array).collect::<R<Vec<_>>>()?;
    let refs: Vec<&Array> = arrays.iter().collect();
    Ok(Value::Tuple(
        arraylib::try_broadcast_arrays(&refs)?
            .into_iter()
            .map(Value::Array)
            .collect(),
    ))
}

/// `result_type` / `promote_types` arguments: dtypes (strong), arrays (strong) or Python
/// scalars (weak).
fn dtype_operand(value: Value) -> R<Operand> {
    match value {
        Value::DType(d) => Ok(Operand::Array(arraylib::zeros([0], d))),
        Value::Py(arraylib::Scalar::Str(name)) => Ok(Operand::Array(arraylib::zeros([0], DType::parse(&name)?))),
        other => operand(other),
    }
}

fn result_type(args: &mut Args) -> R<Value> {
    let operands = args.rest(0).into_iter().map(dtype_operand).collect::<R<Vec<_>>>()?;
    Ok(Value::DType(arraylib::result_type(&operands)?))
}

fn promote_types(args: &mut Args) -> R<Value> {
    let a = to_dtype(&args.req(0, "type1")?)?;
    let b = to_dtype(&args.req(1, "type2")?)?;
    Ok(Value::DType(arraylib::promote_types(a, b)?))
}

/// `target <op>= value`, NumPy's in-place operators.
pub fn inplace(op: &str, target: Value, value: Value) -> R<()> {
    let Value::Array(mut target) = target else {
        return Err(EvalError::Harness(format!("in-place {op} on {}", target.describe())));
    };
    let value = operand(value)?;
    let result = match op {
        "add" => target.try_add_assign(value),
        "subtract" => target.try_sub_assign(value),
        "multiply" => target.try_mul_assign(value),
        "divide" | "true_divide" => target.try_div_assign(value),
        "floor_divide" => target.try_floor_div_assign(value),
        "remainder" | "mod" => target.try_rem_assign(value),
        "power" | "pow" => target.try_pow_assign(value),
        "bitwise_and" | "and" => target.try_bitand_assign(value),
        "bitwise_or" | "or" => target.try_bitor_assign(value),
        "bitwise_xor" | "xor" => target.try_bitxor_assign(value),
        "left_shift" | "lshift" => target.try_shl_assign(value),
        "right_shift" | "rshift" => target.try_shr_assign(value),
        _ => return Err(EvalError::Unsupported(format!("inplace {op}"))),
    };
    Ok(result?)
}
