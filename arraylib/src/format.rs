//! Text forms of arrays and elements: NumPy's `repr` (`array([1, 2])`) and `str` (`[1 2]`).

use crate::array::{Array, with_numeric_type};
use crate::dtype::{DType, DTypeKind};
use crate::element::NumElement;

/// Python's `str()` of one NumPy scalar: `1`, `1.5`, `1.0`, `nan`, `inf`, `True`, `(1+2j)`.
///
/// ```
/// assert_eq!(arraylib::format::python_str(1.0f64), "1.0");
/// assert_eq!(arraylib::format::python_str(1e20f64), "1e+20");
/// assert_eq!(arraylib::format::python_str(true), "True");
/// assert_eq!(arraylib::format::python_str(-3i8), "-3");
/// ```
pub fn python_str<T: NumElement>(x: T) -> String {
    match T::DTYPE.kind() {
        DTypeKind::Bool => (if x.to_bool() { "True" } else { "False" }).to_string(),
        DTypeKind::Int => x.to_i64().to_string(),
        DTypeKind::UInt => (x.to_i64() as u64).to_string(),
        DTypeKind::Float if T::DTYPE == DType::Float32 => python_float(x.to_f64() as f32 as f64, true),
        DTypeKind::Float => python_float(x.to_f64(), false),
        DTypeKind::Complex => {
            let c = x.to_c64();
            let im = python_float(c.im, false);
            let im = im.strip_suffix(".0").unwrap_or(&im).to_string();
            if c.re == 0.0 && c.re.is_sign_positive() {
                format!("{im}j")
            } else {
                let re = python_float(c.re, false);
                let re = re.strip_suffix(".0").unwrap_or(&re).to_string();
                let sign = if c.im >= 0.0 || c.im.is_nan() { "+" } else { "" };
                format!("({re}{sign}{im}j)")
            }
        }
        DTypeKind::Str => unreachable!("not numeric"),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, scientific outside `1e-4 <= |x| < 1e16`.
fn python_float(v: f64, single: bool) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Shortest round-trip digits for the value's own precision.
    let sci = if single { format!("{:e}", v as f32) } else { format!("{v:e}") };
    let (mantissa, exp) = sci.split_once('e').expect("exponent form");
    let exp: i32 = exp.parse().expect("integer exponent");
    if v != 0.0 && !(-4..16).contains(&exp) {
        let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { mantissa.to_string() };
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    let plain = if single { format!("{}", v as f32) } else { format!("{v}") };
    if plain.contains('.') || plain.contains("inf") || plain.contains("NaN") { plain } else { format!("{plain}.0") }
}

/// NumPy's `repr(a)`: `array([1, 2, 3])`, with `dtype=` when it is not the default for the values.
pub fn repr(a: &Array) -> String {
    let body = nested(a, ", ", true);
    let show_dtype = !matches!(a.dtype(), DType::Int64 | DType::Float64 | DType::Bool | DType::Complex128 | DType::Str(_))
        || a.size() == 0;
    if a.ndim() == 0 {
        return match a.dtype() {
            DType::Str(_) => format!("np.str_({body})"),
            dtype => format!("np.{dtype}({body})"),
        };
    }
    let indent = " ".repeat("array(".len());
    let body = body.replace('\n', &format!("\n{indent}"));
    match a.dtype() {
        DType::Str(_) => format!("array({body}, dtype='{}')", a.dtype()),
        dtype if show_dtype => format!("array({body}, dtype={dtype})"),
        _ => format!("array({body})"),
    }
}

/// NumPy's `str(a)`: `[1 2 3]`.
pub fn str(a: &Array) -> String {
    nested(a, " ", false)
}

fn elements(a: &Array, quoted: bool) -> Vec<String> {
    fn texts<T: NumElement>(a: &Array) -> Vec<String> {
        let view = a.typed::<T>().expect("dtype matches");
        let values: Vec<T> = view.iter().copied().collect();
        match T::DTYPE.kind() {
            DTypeKind::Float => float_texts(&values.iter().map(|v| v.to_f64()).collect::<Vec<_>>()),
            _ => values.into_iter().map(python_str).collect(),
        }
    }
    let texts = with_numeric_type!(a.dtype(), texts(a), _ => a.to_vec::<String>().expect("strings"));
    if quoted && matches!(a.dtype(), DType::Str(_)) {
        texts.into_iter().map(|t| format!("'{t}'")).collect()
    } else {
        texts
    }
}

/// NumPy's float formatting for one array: up to 8 decimals, trailing zeros dropped together.
fn float_texts(values: &[f64]) -> Vec<String> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let decimals = finite
        .iter()
        .map(|v| {
            let s = format!("{:.8}", v);
            let frac = s.split('.').nth(1).unwrap_or("");
            frac.trim_end_matches('0').len()
        })
        .max()
        .unwrap_or(0);
    values
        .iter()
        .map(|v| {
            if v.is_nan() {
                "nan".to_string()
            } else if v.is_infinite() {
                if *v > 0.0 { "inf".into() } else { "-inf".into() }
            } else if decimals == 0 {
                format!("{:.0}.", v)
            } else {
                format!("{:.*}", decimals, v)
            }
        })
        .collect()
}

fn nested(a: &Array, sep: &str, _quoted_repr: bool) -> String {
    let texts = elements(a, _quoted_repr);
    if a.ndim() == 0 {
        return texts.into_iter().next().unwrap_or_default();
    }
    let width = texts.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let padded: Vec<String> = texts.iter().map(|t| format!("{t:>width$}")).collect();
    let mut pos = 0;
    render(a.shape(), &padded, &mut pos, sep, 0)
}

fn render(shape: &[usize], texts: &[String], pos: &mut usize, sep: &str, depth: usize) -> String {
    if shape.len() == 1 {
        let items: Vec<&str> = texts[*pos..*pos + shape[0]].iter().map(|s| s.as_str()).collect();
        *pos += shape[0];
        return format!("[{}]", items.join(sep));
    }
    let rows: Vec<String> = (0..shape[0]).map(|_| render(&shape[1..], texts, pos, sep, depth + 1)).collect();
    let newlines = "\n".repeat(shape.len() - 1);
    let joiner = format!("{}{}{}", sep.trim_end(), newlines, " ".repeat(depth + 1));
    format!("[{}]", rows.join(&joiner))
}
