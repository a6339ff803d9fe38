//! The decomposition compare modes of SCHEMA.md: `svd`, `eigh`, `eig`, `eigvals`.
//!
//! Decompositions are unique only up to the sign (or unit-modulus phase) of each vector and,
//! for `eig`, the order of the eigenvalues: these modes accept exactly that freedom and
//! nothing more (a perturbed value or a single flipped singular vector is rejected).

use arraylib::{Array, Complex64, DType};
use serde_json::Value as Json;

use crate::decode;
use crate::value::Value;

type Arrays<'a> = &'a dyn Fn(&Array, &Array) -> Result<(), String>;
type Close<'a> = &'a dyn Fn(f64, f64) -> bool;

/// Checks `actual` against the expected value of a decomposition mode.
pub fn check(
    mode: &str,
    actual: &Value,
    expected: &Json,
    arrays: impl Fn(&Array, &Array) -> Result<(), String>,
    close: impl Fn(f64, f64) -> bool,
) -> Result<(), String> {
    let expected_items: Vec<Array> = match expected.get("tuple").and_then(Json::as_array) {
        Some(items) => items
            .iter()
            .map(decode::array)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{e:?}"))?,
        None => vec![decode::array(expected).map_err(|e| format!("{e:?}"))?],
    };
    let actual_items: Vec<Array> = match actual {
        Value::Tuple(items) | Value::List(items) => items
            .iter()
            .map(|v| match v {
                Value::Array(a) => Ok(a.alias()),
                other => Err(format!("expected arrays, got {}", other.describe())),
            })
            .collect::<Result<_, _>>()?,
        Value::Array(a) => vec![a.alias()],
        other => return Err(format!("expected a decomposition, got {}", other.describe())),
    };
    if actual_items.len() != expected_items.len() {
        return Err(format!(
            "expected {} arrays, got {}",
            expected_items.len(),
            actual_items.len()
        ));
    }
    for (a, e) in actual_items.iter().zip(&expected_items) {
        if a.dtype() != e.dtype() || a.shape() != e.shape() {
            return Err(format!(
                "got {} {:?}, expected {} {:?}",
                a.dtype(),
                a.shape(),
                e.dtype(),
                e.shape()
            ));
        }
    }
    let (arrays, close): (Arrays, Close) = (&arrays, &close);
    match mode {
        "svd" => svd(&actual_items, &expected_items, arrays, close),
        "eigh" => {
            arrays(&actual_items[0], &expected_items[0]).map_err(|w| format!("eigenvalues: {w}"))?;
            let n = expected_items[0].shape().last().copied().unwrap_or(0);
            let identity: Vec<usize> = (0..n).collect();
            vectors(&actual_items[1], &expected_items[1], &identity, &identity, close)
        }
        "eig" | "eigvals" => {
            let (w_a, w_e) = (cvec(&actual_items[0])?, cvec(&expected_items[0])?);
            let (pa, pe) = (sorted(&w_a, close), sorted(&w_e, close));
            for (&i, &j) in pa.iter().zip(&pe) {
                if !(close(w_a[i].re, w_e[j].re) && close(w_a[i].im, w_e[j].im)) {
                    return Err(format!("eigenvalues differ: got {w_a:?}, expected {w_e:?}"));
                }
            }
            if mode == "eig" {
                vectors(&actual_items[1], &expected_items[1], &pa, &pe, close)
            } else {
                Ok(())
            }
        }
        _ => Err(format!("unknown mode {mode}")),
    }
}

fn cvec(a: &Array) -> Result<Vec<Complex64>, String> {
    a.astype(DType::Complex128)
        .and_then(|c| c.to_vec::<Complex64>())
        .map_err(|e| e.to_string())
}

/// Indices sorting `w` by (real, imaginary), real parts within tolerance counting as equal.
fn sorted(w: &[Complex64], close: Close) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..w.len()).collect();
    idx.sort_by(|&i, &j| {
        if close(w[i].re, w[j].re) {
            w[i].im.total_cmp(&w[j].im)
        } else {
            w[i].re.total_cmp(&w[j].re)
        }
    });
    idx
}

/// Column `c` of a row-major `rows x cols` matrix.
fn column(m: &[Complex64], cols: usize, c: usize) -> Vec<Complex64> {
    m.iter().skip(c).step_by(cols).copied().collect()
}

/// The unit-modulus factor taking `e` to `a` (from `e`'s largest component), if any.
fn phase(a: &[Complex64], e: &[Complex64]) -> Complex64 {
    let k = (0..e.len())
        .max_by(|&i, &j| e[i].norm().total_cmp(&e[j].norm()))
        .unwrap_or(0);
    if e.is_empty() || e[k].norm() == 0.0 {
        return Complex64::new(1.0, 0.0);
    }
    let f = a[k] / e[k];
    if f.norm() == 0.0 {
        Complex64::new(1.0, 0.0)
    } else {
        f / f.norm()
    }
}

fn same_up_to(a: &[Complex64], e: &[Complex64], f: Complex64, close: Close) -> bool {
    a.iter().zip(e).all(|(x, y)| {
        let y = y * f;
        close(x.re, y.re) && close(x.im, y.im)
    })
}

/// Eigenvector columns (permuted by `pa` / `pe`) equal up to a unit-modulus factor each.
fn vectors(actual: &Array, expected: &Array, pa: &[usize], pe: &[usize], close: Close) -> Result<(), String> {
    let cols = expected.shape().last().copied().unwrap_or(0);
    let (a, e) = (cvec(actual)?, cvec(expected)?);
    for (&i, &j) in pa.iter().zip(pe) {
        let (ca, ce) = (column(&a, cols, i), column(&e, cols, j));
        let f = phase(&ca, &ce);
        if !same_up_to(&ca, &ce, f, close) {
            return Err(format!("eigenvector {j} differs: got {ca:?}, expected {ce:?}"));
        }
    }
    Ok(())
}

/// `(U, S, Vh)`: `S` allclose; each pair (`U[:, i]`, `Vh[i, :]`) equal up to one common sign;
/// the extra columns of full `U` / rows of full `Vh` only orthonormal.
fn svd(actual: &[Array], expected: &[Array], arrays: Arrays, close: Close) -> Result<(), String> {
    if expected.len() != 3 {
        return arrays(&actual[0], &expected[0]);
    }
    arrays(&actual[1], &expected[1]).map_err(|w| format!("singular values: {w}"))?;
    let k = expected[1].shape().last().copied().unwrap_or(0);
    let (ucols, vcols) = (expected[0].shape()[1], expected[2].shape()[1]);
    let (ua, ue) = (cvec(&actual[0])?, cvec(&expected[0])?);
    let (va, ve) = (cvec(&actual[2])?, cvec(&expected[2])?);
    for i in 0..k {
        let (ca, ce) = (column(&ua, ucols, i), column(&ue, ucols, i));
        let (ra, re) = (
            va[i * vcols..(i + 1) * vcols].to_vec(),
            ve[i * vcols..(i + 1) * vcols].to_vec(),
        );
        let f = phase(&ca, &ce);
        if !(same_up_to(&ca, &ce, f, close) && same_up_to(&ra, &re, f.conj(), close)) {
            return Err(format!("singular vector pair {i} differs"));
        }
    }
    orthonormal_columns(&ua, ucols, close).map_err(|w| format!("U: {w}"))?;
    let rows = expected[2].shape()[0];
    let vt: Vec<Complex64> = (0..vcols)
        .flat_map(|c| (0..rows).map(move |r| (r, c)))
        .map(|(r, c)| va[r * vcols + c])
        .collect();
    orthonormal_columns(&vt, rows, close).map_err(|w| format!("Vh: {w}"))
}

fn orthonormal_columns(m: &[Complex64], cols: usize, close: Close) -> Result<(), String> {
    for i in 0..cols {
        for j in 0..cols {
            let d: Complex64 = column(m, cols, i)
                .iter()
                .zip(column(m, cols, j))
                .map(|(x, y)| x.conj() * y)
                .sum();
            let want = if i == j { 1.0 } else { 0.0 };
            if !(close(d.re, want) && close(d.im, 0.0)) {
                return Err(format!("columns {i} and {j} are not orthonormal ({d})"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn arr(shape: &[usize], data: Vec<f64>) -> Value {
        Value::Array(Array::from_shape_vec(shape, data).unwrap())
    }

    fn run(mode: &str, actual: Value, expected: Json) -> Result<(), String> {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-10 + 1e-9 * b.abs();
        check(
            mode,
            &actual,
            &expected,
            |a, e| {
                if cvec(a)? == cvec(e)? {
                    Ok(())
                } else {
                    Err("differ".into())
                }
            },
            close,
        )
    }

    fn expected_eigh() -> Json {
        let r = std::f64::consts::FRAC_1_SQRT_2;
        json!({"tuple": [
            {"dtype": "float64", "shape": [2], "data": [1.0, 3.0]},
            {"dtype": "float64", "shape": [2, 2], "data": [-r, r, r, r]}]})
    }

    #[test]
    fn eigh_accepts_sign_flips_and_rejects_perturbations() {
        let r = std::f64::consts::FRAC_1_SQRT_2;
        let w = || arr(&[2], vec![1.0, 3.0]);
        let flipped = Value::Tuple(vec![w(), arr(&[2, 2], vec![r, r, -r, r])]);
        assert!(run("eigh", flipped, expected_eigh()).is_ok());
        let perturbed = Value::Tuple(vec![w(), arr(&[2, 2], vec![r, r, -r, r + 1e-6])]);
        assert!(run("eigh", perturbed, expected_eigh()).is_err());
    }

    #[test]
    fn svd_rejects_a_single_flipped_vector() {
        let expected = json!({"tuple": [
            {"dtype": "float64", "shape": [2, 2], "data": [1.0, 0.0, 0.0, 1.0]},
            {"dtype": "float64", "shape": [2], "data": [3.0, 2.0]},
            {"dtype": "float64", "shape": [2, 2], "data": [1.0, 0.0, 0.0, 1.0]}]});
        let s = || arr(&[2], vec![3.0, 2.0]);
        let both = Value::Tuple(vec![
            arr(&[2, 2], vec![-1.0, 0.0, 0.0, 1.0]),
            s(),
            arr(&[2, 2], vec![-1.0, 0.0, 0.0, 1.0]),
        ]);
        assert!(run("svd", both, expected.clone()).is_ok());
        let one = Value::Tuple(vec![
            arr(&[2, 2], vec![-1.0, 0.0, 0.0, 1.0]),
            s(),
            arr(&[2, 2], vec![1.0, 0.0, 0.0, 1.0]),
        ]);
        assert!(run("svd", one, expected).is_err());
    }

    #[test]
    fn eigvals_ignore_order_but_not_values() {
        let expected = json!({"dtype": "float64", "shape": [2], "data": [2.0, 3.0]});
        assert!(run("eigvals", arr(&[2], vec![3.0, 2.0]), expected.clone()).is_ok());
        assert!(run("eigvals", arr(&[2], vec![3.0, 2.001]), expected).is_err());
    }
}
