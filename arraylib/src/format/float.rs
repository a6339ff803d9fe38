//! NumPy's float formatting: the Dragon4 modes (`dragon4_positional`, `dragon4_scientific`),
//! `FloatingFormat` (one layout shared by all the floats of an array) and Python's `repr(float)`.
//!
//! Digits come from Rust's float formatting, which gives the same two things Dragon4 gives
//! NumPy: the shortest digit string that reads back to the same value (`{:e}`), and exact
//! round-half-even rounding of the binary value at a fixed number of digits (`{:.N}`).
//! `f32` values are formatted as `f32` so their shortest digits are single-precision ones.

use std::cmp::max;

/// A finite float and whether to format it at single precision.
#[derive(Clone, Copy)]
pub(crate) struct Float {
    pub value: f64,
    pub single: bool,
}

/// Decimal digits `d0 d1 d2 ...` (no trailing zeros, `"0"` for zero) meaning `d0.d1d2... * 10^exp`.
struct Digits {
    negative: bool,
    digits: String,
    exp: i32,
}

impl Float {
    /// Shortest round-trip digits.
    fn shortest(self) -> Digits {
        let text = if self.single {
            format!("{:e}", self.value as f32)
        } else {
            format!("{:e}", self.value)
        };
        parse_sci(&text)
    }

    /// Digits rounded (exactly, half to even) to `decimals` digits after the first one.
    fn rounded_sci(self, decimals: usize) -> Digits {
        let text = if self.single {
            format!("{:.*e}", decimals, self.value as f32)
        } else {
            format!("{:.*e}", decimals, self.value)
        };
        parse_sci(&text)
    }

    /// `(negative, integer digits, fraction digits)` rounded to `decimals` fraction digits.
    fn rounded_positional(self, decimals: usize) -> (bool, String, String) {
        let text = if self.single {
            format!("{:.*}", decimals, self.value as f32)
        } else {
            format!("{:.*}", decimals, self.value)
        };
        let negative = text.starts_with('-');
        let text = text.trim_start_matches('-');
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        (negative, int.to_string(), frac.trim_end_matches('0').to_string())
    }
}

fn parse_sci(text: &str) -> Digits {
    let negative = text.starts_with('-');
    let text = text.trim_start_matches('-');
    let (mantissa, exp) = text.split_once('e').expect("exponent form");
    let mut digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    Digits {
        negative,
        digits,
        exp: exp.parse().expect("integer exponent"),
    }
}

/// What to do with trailing zeros and the decimal point (Dragon4's `trim`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trim {
    /// `'.'`: drop trailing zeros, keep the point (`1.`).
    Point,
    /// `'0'`: keep one zero after the point (`1.0`).
    Zero,
    /// `'-'`: drop trailing zeros and the point (`1`).
    Dot,
}

/// The pieces of one formatted number before padding.
struct Parts {
    sign: &'static str,
    int: String,
    frac: String,
}

fn sign_of(negative: bool, plus: bool) -> &'static str {
    if negative {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    }
}

/// Positional digits: unique (shortest) digits, cut and rounded at `precision` fraction digits.
fn positional_parts(x: Float, precision: Option<usize>, min_digits: usize, plus: bool) -> Parts {
    let d = x.shortest();
    let frac_len = max(0, d.digits.len() as i32 - 1 - d.exp) as usize;
    let (negative, int, mut frac) = match precision {
        Some(p) if frac_len > p => x.rounded_positional(p),
        _ => {
            let (int, frac) = if d.exp >= 0 {
                let e = d.exp as usize;
                let mut int = d.digits.clone();
                if int.len() < e + 1 {
                    int.push_str(&"0".repeat(e + 1 - int.len()));
                }
                let frac = int.split_off(e + 1);
                (int, frac)
            } else if d.digits == "0" {
                ("0".to_string(), String::new())
            } else {
                (
                    "0".to_string(),
                    format!("{}{}", "0".repeat((-d.exp - 1) as usize), d.digits),
                )
            };
            (d.negative, int, frac)
        }
    };
    if frac.len() < min_digits {
        frac.push_str(&"0".repeat(min_digits - frac.len()));
    }
    Parts {
        sign: sign_of(negative, plus),
        int,
        frac,
    }
}

/// Scientific digits and exponent: unique digits, cut and rounded at `precision` fraction digits.
fn scientific_parts(x: Float, precision: Option<usize>, min_digits: usize, plus: bool) -> (Parts, i32) {
    let mut d = x.shortest();
    if let Some(p) = precision
        && d.digits.len() - 1 > p
    {
        d = x.rounded_sci(p);
    }
    // Dragon4 fills `min_digits` with further true digits of the value, not with zeros.
    if d.digits.len() - 1 < min_digits {
        d = x.rounded_sci(min_digits);
    }
    let mut frac = d.digits[1..].to_string();
    if frac.len() < min_digits {
        frac.push_str(&"0".repeat(min_digits - frac.len()));
    }
    (
        Parts {
            sign: sign_of(d.negative, plus),
            int: d.digits[..1].to_string(),
            frac,
        },
        d.exp,
    )
}

fn join_point(frac: &str, trim: Trim) -> String {
    match (frac.is_empty(), trim) {
        (false, _) => format!(".{frac}"),
        (true, Trim::Point) => ".".to_string(),
        (true, Trim::Zero) => ".0".to_string(),
        (true, Trim::Dot) => String::new(),
    }
}

fn exponent(exp: i32, digits: usize) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("e{sign}{:0width$}", exp.unsigned_abs(), width = max(digits, 2))
}

/// NumPy's `FloatingFormat` in its default `floatmode='maxprec'`: looks at every finite value of
/// the (summarised) array once, then formats each value to a common width.
#[derive(Clone, Debug)]
pub(crate) struct FloatFormat {
    exp_format: bool,
    precision: usize,
    min_digits: usize,
    pad_left: usize,
    pad_right: usize,
    exp_size: usize,
    plus: bool,
}

impl FloatFormat {
    /// The format for `values` (`plus`: always print the sign, as for imaginary parts).
    pub fn new(values: &[f64], single: bool, precision: usize, suppress: bool, plus: bool) -> FloatFormat {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let mut f = FloatFormat {
            exp_format: false,
            precision,
            min_digits: 0,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
            plus,
        };
        let nonzero = finite.iter().filter(|v| **v != 0.0).map(|v| v.abs());
        let (min_val, max_val) = nonzero.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if max_val > 0.0 {
            // NumPy: `10.**min(8, np.finfo(dtype).precision)`, 1e6 for float32.
            let cutoff = if single { 1e6 } else { 1e8 };
            f.exp_format = max_val >= cutoff || (!suppress && (min_val < 1e-4 || max_val / min_val > 1e3));
        }
        let float = |value| Float { value, single };
        if finite.is_empty() {
            // Only nan/inf: widths come from them alone (below).
        } else if f.exp_format {
            let mut frac_max = 0;
            for &v in &finite {
                let (parts, exp) = scientific_parts(float(v), Some(precision), 0, plus);
                frac_max = max(frac_max, parts.frac.len());
                f.pad_left = max(f.pad_left, parts.sign.len() + parts.int.len());
                f.exp_size = max(f.exp_size, max(exp.unsigned_abs().to_string().len(), 2));
            }
            f.precision = frac_max;
            f.min_digits = frac_max;
            f.pad_right = f.exp_size + 2 + f.precision;
        } else {
            for &v in &finite {
                let parts = positional_parts(float(v), Some(precision), 0, plus);
                f.pad_left = max(f.pad_left, parts.sign.len() + parts.int.len());
                f.pad_right = max(f.pad_right, parts.frac.len());
            }
        }
        if finite.len() != values.len() {
            let neginf = plus || values.contains(&f64::NEG_INFINITY);
            let offset = f.pad_right + 1;
            f.pad_left = max(
                f.pad_left,
                max(
                    3usize.saturating_sub(offset),
                    (3 + neginf as usize).saturating_sub(offset),
                ),
            );
        }
        f
    }

    /// One value, padded to the common width.
    pub fn format(&self, value: f64, single: bool) -> String {
        if !value.is_finite() {
            let text = if value.is_nan() {
                format!("{}nan", if self.plus { "+" } else { "" })
            } else {
                format!("{}inf", sign_of(value < 0.0, self.plus))
            };
            return format!("{text:>width$}", width = self.pad_left + self.pad_right + 1);
        }
        let x = Float { value, single };
        if self.exp_format {
            let (parts, exp) = scientific_parts(x, Some(self.precision), self.min_digits, self.plus);
            let int = format!("{}{}", parts.sign, parts.int);
            format!(
                "{int:>pl$}{}{}",
                join_point(&parts.frac, Trim::Point),
                exponent(exp, self.exp_size),
                pl = self.pad_left
            )
        } else {
            let parts = positional_parts(x, Some(self.precision), self.min_digits, self.plus);
            let int = format!("{}{}", parts.sign, parts.int);
            format!(
                "{int:>pl$}.{:<pr$}",
                parts.frac,
                pl = self.pad_left,
                pr = self.pad_right
            )
        }
    }
}

/// NumPy's `ComplexFloatingFormat`: the real parts share one [`FloatFormat`], the imaginary
/// parts another that always shows the sign; `j` goes before the imaginary part's padding.
#[derive(Clone, Debug)]
pub(crate) struct ComplexFormat {
    re: FloatFormat,
    im: FloatFormat,
}

impl ComplexFormat {
    pub fn new(re: &[f64], im: &[f64], precision: usize, suppress: bool) -> ComplexFormat {
        ComplexFormat {
            re: FloatFormat::new(re, false, precision, suppress, false),
            im: FloatFormat::new(im, false, precision, suppress, true),
        }
    }

    pub fn format(&self, re: f64, im: f64) -> String {
        let r = self.re.format(re, false);
        let i = self.im.format(im, false);
        let end = i.trim_end().len();
        format!("{r}{}j{}", &i[..end], &i[end..])
    }
}

/// Python's `repr` of a NumPy float scalar: shortest round-trip digits, positional (`1.0`)
/// inside `1e-4 <= |x| < 1e16` (`1e6` for float32), else scientific (`1e-05`, `1.5e+16`).
pub(crate) fn python_float(value: f64, single: bool) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let x = Float { value, single };
    let upper = if single { 1e6 } else { 1e16 };
    let abs = if single {
        (value as f32).abs() as f64
    } else {
        value.abs()
    };
    if abs == 0.0 || (1e-4..upper).contains(&abs) {
        let p = positional_parts(x, None, 0, false);
        format!("{}{}{}", p.sign, p.int, join_point(&p.frac, Trim::Zero))
    } else {
        let (p, exp) = scientific_parts(x, None, 0, false);
        format!(
            "{}{}{}{}",
            p.sign,
            p.int,
            join_point(&p.frac, Trim::Dot),
            exponent(exp, 2)
        )
    }
}

/// Python's `repr` of a complex number without the parentheses: `1j`, `1+2j`, `nan+0j`, `-0-1j`.
pub(crate) fn python_complex(re: f64, im: f64) -> String {
    let part = |v: f64| {
        let s = python_float(v, false);
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    let imag = part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{imag}j");
    }
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("{}{sign}{imag}j", part(re))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_floats() {
        assert_eq!(python_float(1.5, false), "1.5");
        assert_eq!(python_float(1.0, false), "1.0");
        assert_eq!(python_float(1e-5, false), "1e-05");
        assert_eq!(python_float(1.5e16, false), "1.5e+16");
        assert_eq!(python_float(-0.0, false), "-0.0");
        assert_eq!(python_float(0.1f32 as f64, true), "0.1");
        assert_eq!(python_float(1e6f32 as f64, true), "1e+06");
        assert_eq!(python_complex(0.0, 1.0), "1j");
        assert_eq!(python_complex(-0.0, -1.0), "-0-1j");
        assert_eq!(python_complex(f64::NAN, 0.0), "nan+0j");
    }

    #[test]
    fn array_floats_share_a_layout() {
        let values = [1.0, 2.5];
        let f = FloatFormat::new(&values, false, 8, false, false);
        assert_eq!(f.format(1.0, false), "1. ");
        let values = [1e-5, 1.0];
        let f = FloatFormat::new(&values, false, 8, false, false);
        assert_eq!(f.format(1e-5, false), "1.e-05");
    }
}
