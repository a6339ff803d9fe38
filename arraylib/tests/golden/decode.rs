//! Reading the corpus's JSON encodings (SCHEMA.md: ARRAY, DTYPE, scalars) into arraylib values.

use arraylib::{Array, Complex64, DType, Order, Scalar};
use serde_json::Value as Json;

use crate::eval::EvalError;

/// Parses a DTYPE: a name such as `"float64"` or `"str5"`, or `{"fields": [[name, DTYPE], ...]}`.
pub fn dtype(json: &Json) -> Result<DType, EvalError> {
    match json {
        Json::String(name) => Ok(DType::parse(name)?),
        Json::Object(map) if map.contains_key("fields") => {
            let bad = || EvalError::Harness(format!("bad structured dtype {json}"));
            let fields = map["fields"]
                .as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|f| {
                    let name = f[0].as_str().ok_or_else(bad)?;
                    Ok((name, dtype(&f[1])?))
                })
                .collect::<Result<Vec<_>, EvalError>>()?;
            Ok(DType::record(&fields)?)
        }
        other => Err(EvalError::Harness(format!("not a dtype: {other}"))),
    }
}

/// A float element: a JSON number or `"nan"` / `"inf"` / `"-inf"`.
pub fn float(json: &Json) -> Result<f64, EvalError> {
    match json {
        Json::Number(n) => n.as_f64().ok_or_else(|| EvalError::Harness(format!("bad float {n}"))),
        Json::String(s) => match s.as_str() {
            "nan" => Ok(f64::NAN),
            "inf" => Ok(f64::INFINITY),
            "-inf" => Ok(f64::NEG_INFINITY),
            _ => Err(EvalError::Harness(format!("bad float string {s}"))),
        },
        other => Err(EvalError::Harness(format!("bad float {other}"))),
    }
}

fn int(json: &Json) -> Result<i128, EvalError> {
    json.as_i64()
        .map(i128::from)
        .or_else(|| json.as_u64().map(i128::from))
        .or_else(|| json.as_bool().map(i128::from))
        .ok_or_else(|| EvalError::Harness(format!("bad integer {json}")))
}

/// A Python literal: JSON integers are `int`, numbers with `.`/exponent are `float`.
pub fn literal(json: &Json) -> Result<Scalar, EvalError> {
    Ok(match json {
        Json::Bool(b) => Scalar::Bool(*b),
        Json::Number(n) if n.is_f64() => Scalar::Float(n.as_f64().expect("f64")),
        Json::Number(_) => Scalar::Int(int(json)?),
        Json::String(s) => Scalar::Str(s.clone()),
        other => return Err(EvalError::Harness(format!("not a literal: {other}"))),
    })
}

/// An ARRAY object: dtype, shape, C-order data, optional `"order": "F"`.
pub fn array(json: &Json) -> Result<Array, EvalError> {
    let dtype = dtype(&json["dtype"])?;
    let shape: Vec<usize> = json["shape"]
        .as_array()
        .ok_or_else(|| EvalError::Harness("array without shape".into()))?
        .iter()
        .map(|d| {
            d.as_u64()
                .map(|d| d as usize)
                .ok_or_else(|| EvalError::Harness("bad dim".into()))
        })
        .collect::<Result<_, _>>()?;
    let data = json["data"]
        .as_array()
        .ok_or_else(|| EvalError::Harness("array without data".into()))?;
    let built = match dtype {
        DType::Record(_) => {
            // One column per field, each decoded as an ARRAY of its own dtype.
            let fields = json["dtype"]["fields"].as_array().expect("checked by dtype()");
            let columns = fields
                .iter()
                .enumerate()
                .map(|(j, field)| {
                    let values: Vec<Json> = data.iter().map(|row| row[j].clone()).collect();
                    array(&serde_json::json!({"dtype": field[1], "shape": shape, "data": values}))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Array::try_from_fields(dtype, &columns)?
        }
        DType::Bool => {
            let v = data
                .iter()
                .map(|x| x.as_bool().ok_or_else(|| EvalError::Harness("bad bool".into())));
            Array::from_shape_vec(&shape, v.collect::<Result<Vec<bool>, _>>()?)?
        }
        DType::Float32 | DType::Float64 => {
            let v = data.iter().map(float).collect::<Result<Vec<f64>, _>>()?;
            Array::from_shape_vec(&shape, v)?.astype_nocopy(dtype)?
        }
        DType::Complex128 => {
            let v = data
                .iter()
                .map(|pair| Ok(Complex64::new(float(&pair[0])?, float(&pair[1])?)))
                .collect::<Result<Vec<_>, EvalError>>()?;
            Array::from_shape_vec(&shape, v)?
        }
        DType::UInt64 => {
            let v = data
                .iter()
                .map(|x| int(x).map(|i| i as u64))
                .collect::<Result<Vec<u64>, _>>()?;
            Array::from_shape_vec(&shape, v)?
        }
        DType::Str(width) => {
            let v: Vec<String> = data
                .iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect();
            let flat = Array::from_strings(v, width);
            arraylib_reshape(flat, &shape)?
        }
        _ => {
            let v = data
                .iter()
                .map(|x| int(x).map(|i| i as i64))
                .collect::<Result<Vec<i64>, _>>()?;
            Array::from_shape_vec(&shape, v)?.astype_nocopy(dtype)?
        }
    };
    Ok(match json.get("order").and_then(Json::as_str) {
        Some("F") => built.copy_order(Order::F),
        _ => built,
    })
}

fn arraylib_reshape(flat: Array, shape: &[usize]) -> Result<Array, EvalError> {
    // A C-contiguous copy laid out in `shape` (strings keep their width).
    let width = flat.dtype();
    let values = flat.to_vec::<String>()?;
    let base = Array::from_shape_vec(shape, values)?;
    Ok(base.astype(width)?)
}
