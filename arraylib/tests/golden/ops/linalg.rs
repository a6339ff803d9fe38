//! Golden ops for arraylib's `linalg` area: products, `einsum`, and `linalg.*`.

use arraylib::linalg::{self, NormOrd, Optimize, SvdResult};
use arraylib::{Array, Scalar};

use crate::args::{Args, to_array, to_f64, to_str};
use crate::eval::{EvalError, R};
use crate::value::Value;

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    let result = match name {
        "dot" | "matmul" | "inner" | "outer" | "vdot" | "kron" | "cross" => binary(name, args),
        "einsum" => einsum(args),
        "einsum_path" => einsum_path(args),
        _ => match name.strip_prefix("linalg.") {
            Some(f) => linalg_call(f, args)?,
            None => return None,
        },
    };
    Some(result)
}

fn arr(a: Array) -> Value {
    Value::Array(a)
}

fn tuple(items: Vec<Array>) -> Value {
    Value::Tuple(items.into_iter().map(Value::Array).collect())
}

fn binary(name: &str, args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let b = args.array(1, "b")?;
    let f = match name {
        "dot" => arraylib::try_dot,
        "matmul" => arraylib::try_matmul,
        "inner" => arraylib::try_inner,
        "outer" => arraylib::try_outer,
        "vdot" => arraylib::try_vdot,
        "kron" => arraylib::try_kron,
        _ => arraylib::try_cross,
    };
    Ok(arr(f(&a, &b)?))
}

fn optimize(v: Option<Value>, default: Optimize) -> R<Optimize> {
    match v {
        None => Ok(default),
        Some(Value::Py(Scalar::Bool(b))) => Ok(b.into()),
        Some(Value::Py(Scalar::Str(s))) => match s.as_str() {
            "greedy" => Ok(Optimize::Greedy),
            "optimal" => Ok(Optimize::Optimal),
            other => Err(EvalError::Unsupported(format!("einsum optimize={other}"))),
        },
        Some(other) => Err(EvalError::Harness(format!("bad optimize {}", other.describe()))),
    }
}

fn einsum_operands(args: &mut Args) -> R<(String, Vec<Array>)> {
    let subscripts = to_str(&args.req(0, "subscripts")?)?;
    let ops = args.rest(1).into_iter().map(to_array).collect::<R<Vec<_>>>()?;
    Ok((subscripts, ops))
}

fn einsum(args: &mut Args) -> R<Value> {
    let (subscripts, ops) = einsum_operands(args)?;
    let opt = optimize(args.kw("optimize"), Optimize::No)?;
    let refs: Vec<&Array> = ops.iter().collect();
    Ok(arr(arraylib::try_einsum(&subscripts, &refs, opt)?))
}

fn einsum_path(args: &mut Args) -> R<Value> {
    let (subscripts, ops) = einsum_operands(args)?;
    let opt = optimize(args.kw("optimize"), Optimize::Greedy)?;
    let refs: Vec<&Array> = ops.iter().collect();
    let (path, report) = arraylib::try_einsum_path(&subscripts, &refs, opt)?;
    let mut items = vec![Value::Py(Scalar::Str("einsum_path".into()))];
    items.extend(
        path.into_iter()
            .map(|step| Value::Tuple(step.into_iter().map(|i| Value::Py(Scalar::Int(i as i128))).collect())),
    );
    Ok(Value::Tuple(vec![Value::List(items), Value::Py(Scalar::Str(report))]))
}

fn norm_ord(v: Option<Value>) -> R<Option<NormOrd>> {
    Ok(match v {
        None | Some(Value::None) => None,
        Some(Value::Py(Scalar::Str(s))) => match s.as_str() {
            "fro" => Some(NormOrd::Fro),
            "nuc" => Some(NormOrd::Nuc),
            other => return Err(EvalError::Harness(format!("bad norm order {other}"))),
        },
        Some(v) => Some(NormOrd::P(to_f64(&v)?)),
    })
}

fn linalg_call(name: &str, args: &mut Args) -> Option<R<Value>> {
    let run = |args: &mut Args| -> R<Value> {
        let a = args.array(0, "a")?;
        Ok(match name {
            "det" => arr(linalg::try_det(&a)?),
            "slogdet" => {
                let (s, l) = linalg::try_slogdet(&a)?;
                tuple(vec![s, l])
            }
            "inv" => arr(linalg::try_inv(&a)?),
            "solve" => arr(linalg::try_solve(&a, &args.array(1, "b")?)?),
            "lstsq" => {
                let b = args.array(1, "b")?;
                let rcond = match args.take(2, "rcond") {
                    None | Some(Value::None) => None,
                    Some(v) => Some(to_f64(&v)?),
                };
                let (x, r, k, s) = linalg::try_lstsq(&a, &b, rcond)?;
                tuple(vec![x, r, k, s])
            }
            "eig" => {
                let (w, v) = linalg::try_eig(&a)?;
                tuple(vec![w, v])
            }
            "eigvals" => arr(linalg::try_eigvals(&a)?),
            "eigh" | "eigvalsh" => {
                let uplo = match args.take(1, "UPLO") {
                    None => "L".to_string(),
                    Some(v) => to_str(&v)?,
                };
                if name == "eigh" {
                    let (w, v) = linalg::try_eigh(&a, &uplo)?;
                    tuple(vec![w, v])
                } else {
                    arr(linalg::try_eigvalsh(&a, &uplo)?)
                }
            }
            "svd" => {
                let full = args.flag(1, "full_matrices", true)?;
                let uv = args.flag(2, "compute_uv", true)?;
                match linalg::try_svd(&a, full, uv)? {
                    SvdResult::Full(u, s, vh) => tuple(vec![u, s, vh]),
                    SvdResult::Values(s) => arr(s),
                }
            }
            "svdvals" => arr(linalg::try_svdvals(&a)?),
            "qr" => {
                let mode = match args.take(1, "mode") {
                    None => "reduced".to_string(),
                    Some(v) => to_str(&v)?,
                };
                match linalg::try_qr(&a, &mode)? {
                    (Some(q), r) => tuple(vec![q, r]),
                    (None, r) => arr(r),
                }
            }
            "cholesky" => arr(linalg::try_cholesky(&a)?),
            "pinv" => {
                let rcond = match args.take(1, "rcond") {
                    None | Some(Value::None) => 1e-15,
                    Some(v) => to_f64(&v)?,
                };
                arr(linalg::try_pinv(&a, rcond)?)
            }
            "matrix_rank" => {
                let tol = match args.take(1, "tol") {
                    None | Some(Value::None) => None,
                    Some(v) => Some(to_f64(&v)?),
                };
                arr(linalg::try_matrix_rank(&a, tol)?)
            }
            "norm" => {
                let ord = norm_ord(args.take(1, "ord"))?;
                let axis = crate::args::to_axes(args.take(2, "axis"))?;
                let keepdims = args.flag(3, "keepdims", false)?;
                arr(linalg::try_norm(&a, ord, axis, keepdims)?)
            }
            "cond" => arr(linalg::try_cond(&a, norm_ord(args.take(1, "p"))?)?),
            "matrix_power" => {
                let n = args
                    .int(1, "n")?
                    .ok_or_else(|| EvalError::Harness("matrix_power needs n".into()))?;
                arr(linalg::try_matrix_power(&a, n)?)
            }
            _ => unreachable!("names filtered below"),
        })
    };
    const NAMES: &[&str] = &[
        "det",
        "slogdet",
        "inv",
        "solve",
        "lstsq",
        "eig",
        "eigvals",
        "eigh",
        "eigvalsh",
        "svd",
        "svdvals",
        "qr",
        "cholesky",
        "pinv",
        "matrix_rank",
        "norm",
        "cond",
        "matrix_power",
    ];
    if !NAMES.contains(&name) {
        return None;
    }
    Some(run(args))
}
