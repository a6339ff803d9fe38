//! Compares an evaluation's outcome with a case's `expect` (SCHEMA.md, "Compare modes").

use arraylib::{Array, Complex64, DType, DTypeKind, Scalar};
use serde_json::Value as Json;

use crate::decode;
use crate::eval::EvalError;
use crate::value::Value;

/// Tolerances of one comparison (`exact` has none).
#[derive(Clone, Copy)]
struct Tol {
    exact: bool,
    rtol: f64,
    atol: f64,
}

/// Checks `outcome` against `expect`; `Err` says what differs.
pub fn check(outcome: Result<Value, EvalError>, expect: &Json) -> Result<(), String> {
    if let Some(kind) = expect.get("error").and_then(Json::as_str) {
        return match outcome {
            Err(EvalError::Array(e)) => {
                let got = format!("{:?}", e.kind()).to_lowercase();
                if got == kind {
                    Ok(())
                } else {
                    Err(format!("expected a {kind} error, got {got}: {e}"))
                }
            }
            Err(other) => Err(format!("expected a {kind} error, got {other}")),
            Ok(v) => Err(format!("expected a {kind} error, got a value: {}", v.describe())),
        };
    }
    let value = match outcome {
        Ok(v) => v,
        Err(e) => return Err(e.to_string()),
    };
    let mode = expect["compare"].as_str().unwrap_or("exact");
    let tol = Tol {
        exact: mode == "exact",
        rtol: expect.get("rtol").and_then(Json::as_f64).unwrap_or(1e-12),
        atol: expect.get("atol").and_then(Json::as_f64).unwrap_or(1e-12),
    };
    match mode {
        "exact" | "allclose" | "lstsq" => result(&value, &expect["value"], tol),
        "svd" | "eig" | "eigh" | "eigvals" => crate::compare_linalg::check(
            mode,
            &value,
            &expect["value"],
            |a, e| arrays(a, e, tol),
            |a, b| close(a, b, tol),
        ),
        other => Err(format!("compare mode {other} not supported yet")),
    }
}

fn result(actual: &Value, expected: &Json, tol: Tol) -> Result<(), String> {
    let obj = expected
        .as_object()
        .ok_or_else(|| format!("bad expected value {expected}"))?;
    if let Some(items) = obj.get("tuple").or_else(|| obj.get("list")) {
        let items = items.as_array().ok_or("bad tuple")?;
        let actual_items = match actual {
            Value::Tuple(v) | Value::List(v) => v,
            other => {
                return Err(format!(
                    "expected a sequence of {}, got {}",
                    items.len(),
                    other.describe()
                ));
            }
        };
        if actual_items.len() != items.len() {
            return Err(format!("expected {} items, got {}", items.len(), actual_items.len()));
        }
        for (i, (a, e)) in actual_items.iter().zip(items).enumerate() {
            result(a, e, tol).map_err(|why| format!("item {i}: {why}"))?;
        }
        return Ok(());
    }
    if let Some(Json::Object(entries)) = obj.get("dict") {
        return dict(actual, entries, tol);
    }
    if obj.contains_key("none") {
        return match actual {
            Value::None => Ok(()),
            other => Err(format!("expected None, got {}", other.describe())),
        };
    }
    if let Some(dtype) = obj.get("dtype").filter(|_| !obj.contains_key("shape")) {
        let expected = decode::dtype(dtype).map_err(|e| e.to_string())?;
        return match actual {
            Value::DType(d) if *d == expected => Ok(()),
            other => Err(format!("expected dtype {expected}, got {}", other.describe())),
        };
    }
    if let Some(py) = obj.get("py") {
        return python_value(actual, py, tol);
    }
    if obj.contains_key("shape") {
        let expected_array = decode::array(expected).map_err(|e| format!("cannot decode expectation: {e}"))?;
        let actual_array = match actual {
            Value::Array(a) => a.alias(),
            Value::Py(s) if expected_array.ndim() == 0 => {
                s.to_array(expected_array.dtype()).map_err(|e| e.to_string())?
            }
            other => return Err(format!("expected an array, got {}", other.describe())),
        };
        return arrays(&actual_array, &expected_array, tol);
    }
    Err(format!("expected value form not supported: {expected}"))
}

/// A Python scalar result: the actual value may be a Python scalar or a 0-d array.
fn python_value(actual: &Value, py: &Json, tol: Tol) -> Result<(), String> {
    let expected = match py {
        Json::String(s) if matches!(s.as_str(), "nan" | "inf" | "-inf") => {
            Scalar::Float(decode::float(py).expect("special float"))
        }
        Json::Object(map) => return big_int(actual, map),
        other => decode::literal(other).map_err(|e| e.to_string())?,
    };
    let actual = match actual {
        Value::Py(s) => s.clone(),
        Value::Array(a) if a.ndim() == 0 => a.item().map_err(|e| e.to_string())?,
        other => return Err(format!("expected {expected:?}, got {}", other.describe())),
    };
    let same = match (&actual, &expected) {
        (Scalar::Str(a), Scalar::Str(b)) => a == b,
        (Scalar::Bool(a), Scalar::Bool(b)) => a == b,
        (Scalar::Int(a), Scalar::Int(b)) => a == b,
        (Scalar::Bool(_), _) | (_, Scalar::Bool(_)) => false,
        (a, b) => close(
            a.as_f64().map_err(|e| e.to_string())?,
            b.as_f64().map_err(|e| e.to_string())?,
            tol,
        ),
    };
    if same {
        Ok(())
    } else {
        Err(format!("expected {expected:?}, got {actual:?}"))
    }
}

/// A dict result: the same keys, each value as expected.
fn dict(actual: &Value, expected: &serde_json::Map<String, Json>, tol: Tol) -> Result<(), String> {
    let Value::Dict(items) = actual else {
        return Err(format!("expected a dict, got {}", actual.describe()));
    };
    if items.len() != expected.len() {
        return Err(format!("expected {} keys, got {}", expected.len(), items.len()));
    }
    for (key, value) in expected {
        let (_, got) = items
            .iter()
            .find(|(k, _)| k == key)
            .ok_or_else(|| format!("missing key {key:?}"))?;
        result(got, value, tol).map_err(|why| format!("key {key:?}: {why}"))?;
    }
    Ok(())
}

/// `{"bigint": "0x..."}`: a Python int beyond 64 bits, compared exactly as `u128`.
fn big_int(actual: &Value, encoded: &serde_json::Map<String, Json>) -> Result<(), String> {
    let hex = encoded
        .get("bigint")
        .and_then(Json::as_str)
        .ok_or("bad bigint expectation")?;
    let expected = u128::from_str_radix(hex.trim_start_matches("0x"), 16).map_err(|e| format!("bigint {hex}: {e}"))?;
    let got = match actual {
        Value::BigInt(v) => *v,
        Value::Py(Scalar::Int(v)) if *v >= 0 => *v as u128,
        other => return Err(format!("expected int {hex}, got {}", other.describe())),
    };
    if got == expected {
        Ok(())
    } else {
        Err(format!("expected int {hex}, got {got:#x}"))
    }
}

fn close(a: f64, b: f64, tol: Tol) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    if a.is_infinite() || b.is_infinite() || tol.exact {
        return a == b;
    }
    (a - b).abs() <= tol.atol + tol.rtol * b.abs()
}

fn int_texts(a: &Array) -> Result<Vec<String>, String> {
    let err = |e: arraylib::ArrayError| e.to_string();
    Ok(match a.dtype() {
        DType::UInt64 => a.to_vec::<u64>().map_err(err)?.iter().map(u64::to_string).collect(),
        _ => a
            .astype(DType::Int64)
            .map_err(err)?
            .to_vec::<i64>()
            .map_err(err)?
            .iter()
            .map(i64::to_string)
            .collect(),
    })
}

fn arrays(actual: &Array, expected: &Array, tol: Tol) -> Result<(), String> {
    if actual.dtype() != expected.dtype() {
        return Err(format!("dtype {} != expected {}", actual.dtype(), expected.dtype()));
    }
    if actual.shape() != expected.shape() {
        return Err(format!("shape {:?} != expected {:?}", actual.shape(), expected.shape()));
    }
    let err = |e: arraylib::ArrayError| e.to_string();
    let mismatch = |a: &dyn std::fmt::Debug, e: &dyn std::fmt::Debug| {
        Err(format!("values differ:\n  got      {a:?}\n  expected {e:?}"))
    };
    match expected.dtype().kind() {
        DTypeKind::Void => {
            for name in expected.dtype().names().unwrap_or_default() {
                let (a, e) = (
                    actual.try_field(&name).map_err(err)?,
                    expected.try_field(&name).map_err(err)?,
                );
                arrays(&a, &e, tol).map_err(|why| format!("field {name}: {why}"))?;
            }
            Ok(())
        }
        DTypeKind::Str => {
            let (a, e) = (
                actual.to_vec::<String>().map_err(err)?,
                expected.to_vec::<String>().map_err(err)?,
            );
            if a != e { mismatch(&a, &e) } else { Ok(()) }
        }
        DTypeKind::Bool => {
            let (a, e) = (
                actual.to_vec::<bool>().map_err(err)?,
                expected.to_vec::<bool>().map_err(err)?,
            );
            if a != e { mismatch(&a, &e) } else { Ok(()) }
        }
        DTypeKind::Int | DTypeKind::UInt => {
            let (a, e) = (int_texts(actual)?, int_texts(expected)?);
            if a != e { mismatch(&a, &e) } else { Ok(()) }
        }
        DTypeKind::Float | DTypeKind::Complex => {
            let tol = if expected.dtype() == DType::Float32 && !tol.exact {
                Tol {
                    rtol: tol.rtol.max(1e-6),
                    ..tol
                }
            } else {
                tol
            };
            let to_c = |x: &Array| x.astype(DType::Complex128).and_then(|c| c.to_vec::<Complex64>());
            let (a, e) = (to_c(actual).map_err(err)?, to_c(expected).map_err(err)?);
            let ok = a
                .iter()
                .zip(&e)
                .all(|(x, y)| close(x.re, y.re, tol) && close(x.im, y.im, tol));
            if ok { Ok(()) } else { mismatch(&a, &e) }
        }
    }
}
