//! How arrays look: NumPy 2's text forms and an HTML table for notebooks.
//!
//! - [`repr`] (`{:?}`) is NumPy's `repr(a)`: `array([1. , 2.5])`, with `dtype=`/`shape=` when
//!   NumPy shows them; a 0-d array is a NumPy scalar and prints as one (`np.float64(1.5)`).
//! - [`str()`] (`{}`) is NumPy's `str(a)`: `[1.  2.5]`.
//! - [`to_html`] / [`Array::to_html`] is a summarised, styled `<table>` for Jupyter's `text/html`.
//! - [`PrintOptions`] with [`set_printoptions`], [`get_printoptions`] and the scoped
//!   [`printoptions`] guard control precision, summarisation and line width, as in NumPy.
//!
//! ```
//! use arraylib::Array;
//! let a = Array::from_vec(vec![1.0, 2.5]);
//! assert_eq!(format!("{a:?}"), "array([1. , 2.5])");
//! assert_eq!(format!("{a}"), "[1.  2.5]");
//! assert_eq!(format!("{:?}", Array::scalar(1.5)), "np.float64(1.5)");
//! let big = arraylib::arange_n(2000);
//! assert_eq!(format!("{big:?}"), "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))");
//! ```

mod float;
mod html;
mod options;
pub(crate) mod text;

pub use html::to_html;
pub use options::{PrintOptions, PrintOptionsGuard, get_printoptions, printoptions, set_printoptions};

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
/// assert_eq!(arraylib::format::python_str(1e6f32), "1e+06");
/// ```
pub fn python_str<T: NumElement>(x: T) -> String {
    match T::DTYPE.kind() {
        DTypeKind::Bool => (if x.to_bool() { "True" } else { "False" }).to_string(),
        DTypeKind::Int => x.to_i64().to_string(),
        DTypeKind::UInt => (x.to_i64() as u64).to_string(),
        DTypeKind::Float => float::python_float(x.to_f64(), T::DTYPE == DType::Float32),
        DTypeKind::Complex => {
            let c = x.to_c64();
            let text = float::python_complex(c.re, c.im);
            if c.re == 0.0 && c.re.is_sign_positive() {
                text
            } else {
                format!("({text})")
            }
        }
        DTypeKind::Str | DTypeKind::Void => unreachable!("not numeric"),
    }
}

/// NumPy's `repr` of a scalar: `np.float64(1.5)`, `np.int8(-5)`, `np.True_`, `np.str_('ab')`.
fn scalar_repr(a: &Array) -> String {
    if a.dtype().fields().is_some() {
        return format!("np.void({}, dtype={})", scalar_string(a), a.dtype());
    }
    fn numeric<T: NumElement>(a: &Array) -> String {
        let x = *a
            .typed::<T>()
            .expect("dtype matches")
            .iter()
            .next()
            .expect("one element");
        match T::DTYPE.kind() {
            DTypeKind::Bool => (if x.to_bool() { "np.True_" } else { "np.False_" }).to_string(),
            DTypeKind::Complex => format!("np.complex128({})", float::python_complex(x.to_c64().re, x.to_c64().im)),
            _ => format!("np.{}({})", T::DTYPE, python_str(x)),
        }
    }
    with_numeric_type!(a.dtype(), numeric(a), _ => format!("np.str_({})", text::python_repr_str(&scalar_string(a))))
}

/// The one element of a 0-d string or record array as text.
fn scalar_string(a: &Array) -> String {
    if a.dtype().fields().is_some() {
        let shown = text::Shown::new(&[], 0, None);
        return text::element_texts(a, &shown, &get_printoptions()).remove(0).text;
    }
    a.typed::<String>()
        .expect("string array")
        .iter()
        .next()
        .cloned()
        .unwrap_or_default()
}

/// A shape as Python prints a tuple: `(3,)`, `(2, 3)`.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// NumPy's `repr(a)`: `array([1, 2, 3])`, adding `shape=` for summarised or empty
/// multi-dimensional arrays and `dtype=` unless the values imply it (int64, float64,
/// complex128, bool) or the array is empty. A 0-d array prints as a NumPy scalar.
///
/// ```
/// use arraylib::{Array, DType, zeros};
/// assert_eq!(arraylib::format::repr(&Array::from_vec(vec![1i32, 2])), "array([1, 2], dtype=int32)");
/// assert_eq!(arraylib::format::repr(&zeros([0, 3], DType::Float64)), "array([], shape=(0, 3), dtype=float64)");
/// assert_eq!(arraylib::format::repr(&Array::from_strings(["a", "bc"], 2)), "array(['a', 'bc'], dtype='<U2')");
/// assert_eq!(arraylib::format::repr(&Array::scalar(true)), "np.True_");
/// ```
pub fn repr(a: &Array) -> String {
    if a.ndim() == 0 {
        return scalar_repr(a);
    }
    let opts = get_printoptions();
    const PREFIX: &str = "array(";
    let body = if a.size() == 0 {
        "[]".to_string()
    } else {
        // The closing ")" counts against the line width.
        text::array2string(a, &opts, ", ", PREFIX.len(), opts.linewidth.saturating_sub(1))
    };
    let mut extras = Vec::new();
    if (a.size() == 0 && a.shape() != [0]) || a.size() > opts.threshold {
        extras.push(format!("shape={}", shape_tuple(a.shape())));
    }
    let implied = matches!(
        a.dtype(),
        DType::Int64 | DType::Float64 | DType::Complex128 | DType::Bool
    );
    if !implied || a.size() == 0 {
        match a.dtype() {
            DType::Str(_) => extras.push(format!("dtype='{}'", a.dtype())),
            dtype => extras.push(format!("dtype={dtype}")),
        }
    }
    if extras.is_empty() {
        return format!("{PREFIX}{body})");
    }
    let head = format!("{PREFIX}{body},");
    let extra = format!("{})", extras.join(", "));
    let last_line = head.rsplit('\n').next().unwrap_or(&head).chars().count();
    let spacer = if last_line + extra.chars().count() + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(PREFIX.len()))
    } else {
        " ".to_string()
    };
    format!("{head}{spacer}{extra}")
}

/// NumPy's `str(a)`: `[1 2 3]`, rows on their own lines; a 0-d array prints as its value.
///
/// ```
/// use arraylib::Array;
/// let a = Array::from_shape_vec([2, 2], vec![4.0, 2.0, 7.0, 6.0]).unwrap();
/// assert_eq!(arraylib::format::str(&a), "[[4. 2.]\n [7. 6.]]");
/// assert_eq!(arraylib::format::str(&Array::scalar(2.5f32)), "2.5");
/// ```
pub fn str(a: &Array) -> String {
    if a.ndim() == 0 {
        return with_numeric_type!(a.dtype(), scalar_str(a), _ => scalar_string(a));
    }
    if a.size() == 0 {
        return "[]".to_string();
    }
    let opts = get_printoptions();
    text::array2string(a, &opts, " ", 0, opts.linewidth)
}

fn scalar_str<T: NumElement>(a: &Array) -> String {
    python_str(
        *a.typed::<T>()
            .expect("dtype matches")
            .iter()
            .next()
            .expect("one element"),
    )
}

#[cfg(test)]
mod tests;
