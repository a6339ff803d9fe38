//! NumPy's `array2string`: which elements show (summarisation), how each one is written
//! (one formatter per array, as `_get_format_function`), and how they are laid out in nested,
//! wrapped brackets (`_formatArray`).

use std::cmp::max;

use crate::array::{Array, with_numeric_type};
use crate::dtype::DTypeKind;
use crate::element::{Element, NumElement};

use super::float::{ComplexFormat, FloatFormat};
use super::options::PrintOptions;

/// The indices shown along each axis, and whether an ellipsis stands between the two halves.
#[derive(Clone, Debug)]
pub(crate) struct Shown {
    /// Shown indices per axis, in order.
    pub indices: Vec<Vec<usize>>,
    /// Per axis: the first `Some(k)` indices come before the ellipsis, the rest after it.
    pub split: Vec<Option<usize>>,
}

impl Shown {
    /// Keeps `edge` items at each end of every axis longer than `limit` (all axes when `limit`
    /// is None), as NumPy's `_leading_trailing`.
    pub fn new(shape: &[usize], edge: usize, limit: Option<usize>) -> Shown {
        let mut indices = Vec::with_capacity(shape.len());
        let mut split = Vec::with_capacity(shape.len());
        for &n in shape {
            match limit {
                Some(limit) if n > limit && n > 2 * edge => {
                    indices.push((0..edge).chain(n - edge..n).collect());
                    split.push(Some(edge));
                }
                _ => {
                    indices.push((0..n).collect());
                    split.push(None);
                }
            }
        }
        Shown { indices, split }
    }

    /// Number of shown elements.
    pub fn size(&self) -> usize {
        self.indices.iter().map(Vec::len).product()
    }
}

/// The shown elements of `a` in row-major order of the shown grid.
fn gather<T: Element>(a: &Array, shown: &Shown) -> Vec<T> {
    let view = a.typed::<T>().expect("dtype matches storage");
    if shown.split.iter().all(Option::is_none) {
        return view.iter().cloned().collect();
    }
    let mut out = Vec::with_capacity(shown.size());
    let mut counter = vec![0usize; shown.indices.len()];
    let mut index = vec![0usize; shown.indices.len()];
    'outer: loop {
        for (axis, &c) in counter.iter().enumerate() {
            index[axis] = shown.indices[axis][c];
        }
        out.push(view[ndarray::IxDyn(&index)].clone());
        for axis in (0..counter.len()).rev() {
            counter[axis] += 1;
            if counter[axis] < shown.indices[axis].len() {
                continue 'outer;
            }
            counter[axis] = 0;
        }
        break;
    }
    out
}

/// A formatted element, and whether it is a NaN or an infinity (the HTML view marks those).
pub(crate) struct Text {
    pub text: String,
    pub special: Option<Special>,
}

/// Non-finite values, which the HTML view styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Special {
    /// Not a number (in either part of a complex).
    Nan,
    /// An infinity (in either part of a complex).
    Inf,
}

fn special(values: &[f64]) -> Option<Special> {
    if values.iter().any(|v| v.is_nan()) {
        Some(Special::Nan)
    } else if values.iter().any(|v| v.is_infinite()) {
        Some(Special::Inf)
    } else {
        None
    }
}

/// Formats the shown elements of `a` with one formatter chosen from all of them, so they line up.
///
/// Records follow NumPy's `StructuredVoidFormat`: one formatter per field, each built from that
/// field's shown values, a record written as `(1, 2.5)` (`(1,)` for one field).
pub(crate) fn element_texts(a: &Array, shown: &Shown, opts: &PrintOptions) -> Vec<Text> {
    if let Some(fields) = a.dtype().fields() {
        let columns: Vec<Vec<Text>> = (0..fields.len())
            .map(|i| element_texts(&a.field_view(i), shown, opts))
            .collect();
        return (0..shown.size())
            .map(|k| {
                let parts: Vec<&str> = columns.iter().map(|c| c[k].text.as_str()).collect();
                let text = match parts.as_slice() {
                    [one] => format!("({one},)"),
                    many => format!("({})", many.join(", ")),
                };
                Text { text, special: None }
            })
            .collect();
    }
    fn numeric<T: NumElement>(a: &Array, shown: &Shown, opts: &PrintOptions) -> Vec<Text> {
        let values: Vec<T> = gather(a, shown);
        let plain = |text: String| Text { text, special: None };
        match T::DTYPE.kind() {
            DTypeKind::Bool => {
                let truestr = if a.ndim() == 0 { "True" } else { " True" };
                values
                    .iter()
                    .map(|v| plain((if v.to_bool() { truestr } else { "False" }).into()))
                    .collect()
            }
            DTypeKind::Int | DTypeKind::UInt => {
                let unsigned = T::DTYPE.kind() == DTypeKind::UInt;
                let texts: Vec<String> = values
                    .iter()
                    .map(|v| {
                        if unsigned {
                            (v.to_i64() as u64).to_string()
                        } else {
                            v.to_i64().to_string()
                        }
                    })
                    .collect();
                let width = texts.iter().map(String::len).max().unwrap_or(0);
                texts.into_iter().map(|t| plain(format!("{t:>width$}"))).collect()
            }
            DTypeKind::Float => {
                let single = T::DTYPE == crate::DType::Float32;
                let floats: Vec<f64> = values.iter().map(|v| v.to_f64()).collect();
                let f = FloatFormat::new(&floats, single, opts.precision, opts.suppress, false);
                floats
                    .iter()
                    .map(|&v| Text {
                        text: f.format(v, single),
                        special: special(&[v]),
                    })
                    .collect()
            }
            DTypeKind::Complex => {
                let (re, im): (Vec<f64>, Vec<f64>) = values.iter().map(|v| (v.to_c64().re, v.to_c64().im)).unzip();
                let f = ComplexFormat::new(&re, &im, opts.precision, opts.suppress);
                re.iter()
                    .zip(&im)
                    .map(|(&r, &i)| Text {
                        text: f.format(r, i),
                        special: special(&[r, i]),
                    })
                    .collect()
            }
            DTypeKind::Str | DTypeKind::Void => unreachable!("strings and records are not numeric"),
        }
    }
    // Strings are not padded: NumPy writes each one's Python repr.
    with_numeric_type!(a.dtype(), numeric(a, shown, opts), _ => gather::<String>(a, shown)
        .iter()
        .map(|s| Text { text: python_repr_str(s), special: None })
        .collect())
}

/// Python's `repr(str)`: single quotes unless the text has a single quote and no double one.
pub(crate) fn python_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !python_printable(c) => match c as u32 {
                n @ 0..=0xff => out.push_str(&format!("\\x{n:02x}")),
                n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
                n => out.push_str(&format!("\\U{n:08x}")),
            },
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for the characters it commonly rejects: controls, format
/// characters (zero-width, bidi marks), private use and separators other than the space.
fn python_printable(c: char) -> bool {
    !matches!(c as u32,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f
        | 0x205f..=0x2064 | 0x2066..=0x206f | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..)
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// NumPy's `array2string` for an array with at least one element and one axis.
/// `prefix_len`: characters before the opening bracket (`array(`), continuation lines are
/// indented past it; `linewidth` already excludes the closing suffix.
pub(crate) fn array2string(
    a: &Array,
    opts: &PrintOptions,
    separator: &str,
    prefix_len: usize,
    linewidth: usize,
) -> String {
    let edge = max(opts.edgeitems, 1);
    let limit = (a.size() > opts.threshold).then_some(2 * edge);
    let shown = Shown::new(a.shape(), edge, limit);
    let texts: Vec<String> = element_texts(a, &shown, opts).into_iter().map(|t| t.text).collect();
    let mut writer = Writer {
        texts: &texts,
        pos: 0,
        shown: &shown,
        separator,
    };
    let hanging = " ".repeat(1 + prefix_len);
    writer.recurse(0, &hanging, linewidth)
}

/// `_formatArray`: walks the shown grid, consuming the element texts in order.
struct Writer<'a> {
    texts: &'a [String],
    pos: usize,
    shown: &'a Shown,
    separator: &'a str,
}

impl Writer<'_> {
    fn recurse(&mut self, axis: usize, hanging: &str, line_width: usize) -> String {
        let ndim = self.shown.indices.len();
        if axis == ndim {
            self.pos += 1;
            return self.texts[self.pos - 1].clone();
        }
        let next_hanging = format!("{hanging} ");
        let next_width = line_width.saturating_sub(1);
        let n = self.shown.indices[axis].len();
        let (leading, trailing) = match self.shown.split[axis] {
            Some(k) => (k, n - k),
            None => (0, n),
        };
        let summary = self.shown.split[axis].is_some();
        let mut s = String::new();
        if ndim - axis == 1 {
            let sep_width = max(width(self.separator.trim_end()), 1);
            let elem_width = line_width.saturating_sub(sep_width);
            let mut line = hanging.to_string();
            for _ in 0..leading {
                let word = self.recurse(axis + 1, &next_hanging, next_width);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(self.separator);
            }
            if summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push_str(self.separator);
            }
            for _ in 1..trailing {
                let word = self.recurse(axis + 1, &next_hanging, next_width);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(self.separator);
            }
            let word = self.recurse(axis + 1, &next_hanging, next_width);
            extend_line(&mut s, &mut line, &word, elem_width, hanging);
            s.push_str(&line);
        } else {
            let line_sep = format!("{}{}", self.separator.trim_end(), "\n".repeat(ndim - axis - 1));
            for _ in 0..leading {
                let nested = self.recurse(axis + 1, &next_hanging, next_width);
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            if summary {
                s.push_str(hanging);
                s.push_str("...");
                s.push_str(&line_sep);
            }
            for _ in 1..trailing {
                let nested = self.recurse(axis + 1, &next_hanging, next_width);
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            let nested = self.recurse(axis + 1, &next_hanging, next_width);
            s.push_str(hanging);
            s.push_str(&nested);
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

/// `_extendLine`: starts a new line when `word` would pass `line_width`, unless the line holds
/// nothing but its indent (wrapping would not help).
fn extend_line(s: &mut String, line: &mut String, word: &str, line_width: usize, indent: &str) {
    let needs_wrap = width(line) + width(word) > line_width && width(line) > width(indent);
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = indent.to_string();
    }
    line.push_str(word);
}
