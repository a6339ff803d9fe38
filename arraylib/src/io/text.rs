//! Text tables: [`loadtxt`], [`genfromtxt`] (missing values) and [`savetxt`], with NumPy's
//! defaults, shapes and error messages.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use num_complex::Complex64;

use super::{open_reporting, os_error};
use crate::array::{Array, with_numeric_type};
use crate::dtype::DType;
use crate::element::NumElement;
use crate::error::{ArrayError, OrRaise, Result};

/// Options of [`loadtxt`], NumPy's keyword arguments.
///
/// ```
/// let o = arraylib::LoadTxtOptions { delimiter: Some(",".into()), skiprows: 1, ..Default::default() };
/// assert_eq!(o.comments, vec!["#".to_string()]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LoadTxtOptions {
    /// Field separator; `None` splits on runs of whitespace.
    pub delimiter: Option<String>,
    /// Lines skipped at the start, comments included.
    pub skiprows: usize,
    /// Columns to read (negative counts from the end); `None` reads all.
    pub usecols: Option<Vec<isize>>,
    /// Element type of the result.
    pub dtype: DType,
    /// Text after any of these starts a comment.
    pub comments: Vec<String>,
    /// Read at most this many rows of data.
    pub max_rows: Option<usize>,
    /// Minimum number of dimensions (0, 1 or 2) of the result, after squeezing.
    pub ndmin: usize,
}

impl Default for LoadTxtOptions {
    fn default() -> Self {
        LoadTxtOptions {
            delimiter: None,
            skiprows: 0,
            usecols: None,
            dtype: DType::Float64,
            comments: vec!["#".into()],
            max_rows: None,
            ndmin: 0,
        }
    }
}

/// Options of [`genfromtxt`]: NumPy's keyword arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct GenFromTxtOptions {
    /// Field separator; `None` splits on runs of whitespace.
    pub delimiter: Option<String>,
    /// Lines skipped at the start.
    pub skip_header: usize,
    /// Lines skipped at the end.
    pub skip_footer: usize,
    /// Columns to read (negative counts from the end).
    pub usecols: Option<Vec<isize>>,
    /// Element type of the result.
    pub dtype: DType,
    /// Text after any of these starts a comment.
    pub comments: Vec<String>,
    /// Strings that mean "missing" besides the empty field.
    pub missing_values: Vec<String>,
    /// The value of missing (and unparsable) fields; `None` uses NumPy's defaults: NaN for
    /// floats and complex, -1 for integers, false for bool, `"???"` for strings.
    pub filling_values: Option<String>,
    /// Read at most this many rows of data.
    pub max_rows: Option<usize>,
}

impl Default for GenFromTxtOptions {
    fn default() -> Self {
        GenFromTxtOptions {
            delimiter: None,
            skip_header: 0,
            skip_footer: 0,
            usecols: None,
            dtype: DType::Float64,
            comments: vec!["#".into()],
            missing_values: Vec::new(),
            filling_values: None,
            max_rows: None,
        }
    }
}

/// Options of [`savetxt`].
#[derive(Clone, Debug, PartialEq)]
pub struct SaveTxtOptions {
    /// printf-style format: one conversion (used for every column), or one per column.
    pub fmt: String,
    /// Between columns.
    pub delimiter: String,
    /// After each row.
    pub newline: String,
    /// Written first, each line prefixed with `comments`.
    pub header: String,
    /// Written last, each line prefixed with `comments`.
    pub footer: String,
    /// Prefix of header and footer lines.
    pub comments: String,
}

impl Default for SaveTxtOptions {
    fn default() -> Self {
        SaveTxtOptions {
            fmt: "%.18e".into(),
            delimiter: " ".into(),
            newline: "\n".into(),
            header: String::new(),
            footer: String::new(),
            comments: "# ".into(),
        }
    }
}

fn read_lines(path: &Path) -> Result<Vec<String>> {
    let (file, _) = open_reporting(path)?;
    BufReader::new(file)
        .lines()
        .map(|l| l.map_err(|e| ArrayError::value(format!("cannot read {}: {e}", path.display()))))
        .collect()
}

fn strip_comment<'a>(line: &'a str, comments: &[String]) -> &'a str {
    let cut = comments
        .iter()
        .filter(|c| !c.is_empty())
        .filter_map(|c| line.find(c.as_str()))
        .min();
    let line = cut.map_or(line, |i| &line[..i]);
    line.trim_end_matches(['\r', '\n'])
}

fn split<'a>(line: &'a str, delimiter: Option<&str>) -> Vec<&'a str> {
    match delimiter {
        None => line.split_whitespace().collect(),
        Some(d) => line.split(d).map(str::trim).collect(),
    }
}

fn resolve_cols(usecols: &Option<Vec<isize>>, ncols: usize, row: usize) -> Result<Vec<usize>> {
    match usecols {
        None => Ok((0..ncols).collect()),
        Some(cols) => cols
            .iter()
            .map(|&c| {
                let i = if c < 0 { c + ncols as isize } else { c };
                if i < 0 || i >= ncols as isize {
                    Err(ArrayError::value(format!(
                        "invalid column index {c} at row {row} with {ncols} columns"
                    )))
                } else {
                    Ok(i as usize)
                }
            })
            .collect(),
    }
}

/// A parsed field, before the cast to the result dtype.
fn parse_field<T: NumElement>(text: &str) -> Option<T> {
    let text = text.trim();
    match T::DTYPE {
        DType::Float32 | DType::Float64 => text.parse::<f64>().ok().map(T::from_f64),
        DType::Complex128 => parse_complex(text).map(T::from_c64),
        DType::Bool => text.parse::<i64>().ok().map(|v| T::from_bool(v != 0)),
        DType::UInt64 => text.parse::<u64>().ok().map(|v| T::from_i64(v as i64)),
        dtype => {
            let v = text.parse::<i64>().ok()?;
            let back = T::from_i64(v);
            // Out of range for the integer type is a conversion error, as in NumPy.
            (back.to_i64() == v && (v >= 0 || dtype.kind() == crate::DTypeKind::Int)).then_some(back)
        }
    }
}

/// Python's `complex(text)` forms: `1`, `2j`, `1+2j`, `(1-2.5e3j)`.
fn parse_complex(text: &str) -> Option<Complex64> {
    let t = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(text);
    if let Ok(re) = t.parse::<f64>() {
        return Some(Complex64::new(re, 0.0));
    }
    let body = t.strip_suffix('j').or_else(|| t.strip_suffix('J'))?;
    // The sign that splits real and imaginary parts is the last one not after an exponent.
    let split = body
        .char_indices()
        .rev()
        .find(|&(i, c)| (c == '+' || c == '-') && i > 0 && !matches!(body.as_bytes()[i - 1], b'e' | b'E'));
    match split {
        Some((i, _)) => Some(Complex64::new(body[..i].parse().ok()?, parse_imag(&body[i..])?)),
        None => Some(Complex64::new(0.0, parse_imag(body)?)),
    }
}

fn parse_imag(text: &str) -> Option<f64> {
    match text {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        _ => text.parse().ok(),
    }
}

/// Rows of fields as text, after skipping, comments and blank lines; with each row's number
/// among the data rows.
fn data_rows<'a>(
    lines: &'a [String],
    skip: usize,
    comments: &[String],
    delimiter: Option<&str>,
    max_rows: Option<usize>,
) -> Vec<Vec<&'a str>> {
    let mut rows = Vec::new();
    for line in lines.iter().skip(skip) {
        if max_rows.is_some_and(|m| rows.len() >= m) {
            break;
        }
        let line = strip_comment(line, comments);
        if line.trim().is_empty() {
            continue;
        }
        rows.push(split(line, delimiter));
    }
    rows
}

/// Builds the result from parsed rows: NumPy's squeeze and `ndmin`.
fn shape_result(mut array: Array, nrows: usize, ncols: usize, ndmin: usize) -> Result<Array> {
    array = crate::shape::try_reshape(&array, [nrows, ncols].as_slice())?;
    let mut squeezed: Vec<usize> = array.shape().iter().copied().filter(|&n| n != 1).collect();
    if nrows == 0 {
        squeezed = vec![0];
    }
    let out = match (squeezed.len(), ndmin) {
        (n, m) if n >= m => squeezed,
        (_, 1) => vec![array.size()],
        // NumPy's `atleast_2d(arr).T`: a single row or column becomes a column.
        (0, _) => vec![1, 1],
        (_, _) => vec![array.size(), 1],
    };
    crate::shape::try_reshape(&array, out.as_slice())
}

/// Loads a table of numbers from a text file (NumPy's `np.loadtxt`): one row per line,
/// comments and blank lines skipped, every row with the same number of columns. A single row
/// or column gives a 1-D array (set `ndmin` for more). A field that does not parse names its
/// place: `could not convert string 'abc' to float64 at row 1, column 2.`
///
/// ```
/// use arraylib::{LoadTxtOptions, try_loadtxt};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("t.csv");
/// std::fs::write(&path, "x,y\n1,2 # first\n3,4\n").unwrap();
/// let opts = LoadTxtOptions { delimiter: Some(",".into()), skiprows: 1, ..Default::default() };
/// let a = try_loadtxt(&path, &opts).unwrap();
/// assert_eq!(a.shape(), &[2, 2]);
/// assert_eq!(a.to_vec::<f64>().unwrap(), vec![1.0, 2.0, 3.0, 4.0]);
/// std::fs::write(&path, "1,2\n3,abc\n").unwrap();
/// let opts = LoadTxtOptions { delimiter: Some(",".into()), ..Default::default() };
/// let e = try_loadtxt(&path, &opts).unwrap_err();
/// assert_eq!(e.to_string(), "ValueError: could not convert string 'abc' to float64 at row 1, column 2.");
/// ```
pub fn try_loadtxt(path: impl AsRef<Path>, options: &LoadTxtOptions) -> Result<Array> {
    if options.dtype.fields().is_some() {
        return Err(crate::record::unsupported("loadtxt"));
    }
    let lines = read_lines(path.as_ref())?;
    let rows = data_rows(
        &lines,
        options.skiprows,
        &options.comments,
        options.delimiter.as_deref(),
        options.max_rows,
    );
    let ncols_file = rows.first().map_or(0, Vec::len);
    let mut cols = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if options.usecols.is_none() && row.len() != ncols_file {
            return Err(ArrayError::value(format!(
                "the number of columns changed from {ncols_file} to {} at row {}; use `usecols` to select a subset and avoid this error",
                row.len(),
                r + 1
            )));
        }
        cols = resolve_cols(&options.usecols, row.len(), r + 1)?;
    }
    let ncols = if rows.is_empty() { 0 } else { cols.len() };
    let fields: Vec<(usize, usize, &str)> = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            let cols = resolve_cols(&options.usecols, row.len(), r + 1).unwrap_or_default();
            cols.into_iter().map(move |c| (r, c, row[c]))
        })
        .collect();
    let array = match options.dtype {
        DType::Str(width) => {
            let width = if width == 0 {
                fields.iter().map(|f| f.2.chars().count()).max().unwrap_or(1)
            } else {
                width
            };
            Array::from_strings(fields.iter().map(|f| f.2), width)
        }
        dtype => {
            fn parse_all<T: NumElement>(fields: &[(usize, usize, &str)]) -> Result<Array> {
                let values = fields
                    .iter()
                    .map(|&(r, c, text)| {
                        parse_field::<T>(text).ok_or_else(|| {
                            ArrayError::value(format!(
                                "could not convert string '{text}' to {} at row {r}, column {}.",
                                T::DTYPE,
                                c + 1
                            ))
                        })
                    })
                    .collect::<Result<Vec<T>>>()?;
                Ok(Array::from_vec(values))
            }
            with_numeric_type!(dtype, parse_all(&fields), _ => unreachable!("numeric"))?
        }
    };
    shape_result(array, rows.len(), ncols, options.ndmin)
}

/// [`try_loadtxt`] that panics with the error (notebook use).
pub fn loadtxt(path: impl AsRef<Path>, options: &LoadTxtOptions) -> Array {
    try_loadtxt(path, options).or_raise()
}

/// NumPy's `NameValidator`: spaces become `_`, punctuation is dropped, duplicates get `_1`...
fn validate_names(raw: &[&str]) -> Vec<String> {
    const DELETE: &str = "~!@#$%^&*()-=+~\\|]}[{';: /?.>,<";
    let mut out: Vec<String> = Vec::new();
    for (i, name) in raw.iter().enumerate() {
        let name: String = name
            .trim()
            .replace(' ', "_")
            .chars()
            .filter(|c| !DELETE.contains(*c))
            .collect();
        let mut name = if name.is_empty() { format!("f{i}") } else { name };
        let base = name.clone();
        let mut n = 1;
        while out.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

fn genfromtxt_impl(path: &Path, options: &GenFromTxtOptions, names: bool) -> Result<(Vec<String>, Array)> {
    if options.dtype.fields().is_some() {
        return Err(crate::record::unsupported("genfromtxt"));
    }
    let lines = read_lines(path)?;
    let end = lines.len().saturating_sub(options.skip_footer);
    let mut lines = &lines[..end.max(options.skip_header.min(end))];
    lines = &lines[options.skip_header.min(lines.len())..];
    let delimiter = options.delimiter.as_deref();
    let mut header = Vec::new();
    if names {
        // The first non-blank line, which may start with the comment marker.
        while let Some((first, rest)) = lines.split_first() {
            lines = rest;
            let mut text = first.trim();
            for c in &options.comments {
                text = text.strip_prefix(c.as_str()).unwrap_or(text);
            }
            if !text.trim().is_empty() {
                header = validate_names(&split(strip_comment(text, &options.comments), delimiter));
                break;
            }
        }
    }
    let rows = data_rows(lines, 0, &options.comments, delimiter, options.max_rows);
    let ncols_file = if names && !header.is_empty() {
        header.len()
    } else {
        rows.first().map_or(0, Vec::len)
    };
    let bad: Vec<String> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| options.usecols.is_none() && row.len() != ncols_file)
        .map(|(r, row)| {
            format!(
                "    Line #{} (got {} columns instead of {ncols_file})",
                r + 1 + options.skip_header,
                row.len()
            )
        })
        .collect();
    if !bad.is_empty() {
        return Err(ArrayError::value(format!(
            "Some errors were detected !\n{}",
            bad.join("\n")
        )));
    }
    let cols = resolve_cols(&options.usecols, ncols_file, 1)?;
    let names_out = if names {
        cols.iter().filter_map(|&c| header.get(c).cloned()).collect()
    } else {
        Vec::new()
    };
    let ncols = if rows.is_empty() && !names { 0 } else { cols.len() };
    let mut fields = Vec::with_capacity(rows.len() * ncols);
    for (r, row) in rows.iter().enumerate() {
        for &c in &cols {
            let text = *row
                .get(c)
                .ok_or_else(|| ArrayError::value(format!("invalid column index {c} at row {}", r + 1)))?;
            let missing = text.is_empty() || options.missing_values.iter().any(|m| m == text);
            fields.push(if missing { None } else { Some(text) });
        }
    }
    let array = match options.dtype {
        DType::Str(width) => {
            let fill = options.filling_values.clone().unwrap_or_else(|| "???".into());
            let texts: Vec<&str> = fields.iter().map(|f| f.unwrap_or(&fill)).collect();
            let width = if width == 0 {
                texts.iter().map(|t| t.chars().count()).max().unwrap_or(1)
            } else {
                width
            };
            Array::from_strings(texts, width)
        }
        dtype => {
            fn parse_all<T: NumElement>(fields: &[Option<&str>], fill: &Option<String>) -> Result<Array> {
                let default = match T::DTYPE.kind() {
                    crate::DTypeKind::Float | crate::DTypeKind::Complex => T::from_f64(f64::NAN),
                    crate::DTypeKind::Bool => T::from_bool(false),
                    _ => T::from_i64(-1),
                };
                let fill = match fill {
                    None => default,
                    Some(text) => parse_field::<T>(text).ok_or_else(|| {
                        ArrayError::value(format!("could not convert filling value '{text}' to {}", T::DTYPE))
                    })?,
                };
                // As in NumPy, a field that does not parse counts as missing.
                Ok(Array::from_vec(
                    fields
                        .iter()
                        .map(|f| f.and_then(parse_field::<T>).unwrap_or(fill))
                        .collect(),
                ))
            }
            with_numeric_type!(dtype, parse_all(&fields, &options.filling_values), _ => unreachable!("numeric"))?
        }
    };
    Ok((names_out, shape_result(array, rows.len(), ncols, 0)?))
}

/// Loads a table with missing values (NumPy's `np.genfromtxt`): empty fields and
/// `missing_values` become `filling_values` (NaN for floats by default), as do fields that do
/// not parse. Rows with the wrong number of columns are all listed in the error.
///
/// ```
/// use arraylib::{GenFromTxtOptions, try_genfromtxt};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("g.csv");
/// std::fs::write(&path, "1,,3\n4,N/A,6\n").unwrap();
/// let opts = GenFromTxtOptions { delimiter: Some(",".into()), missing_values: vec!["N/A".into()], ..Default::default() };
/// let a = try_genfromtxt(&path, &opts).unwrap();
/// let v = a.to_vec::<f64>().unwrap();
/// assert_eq!(a.shape(), &[2, 3]);
/// assert!(v[1].is_nan() && v[4].is_nan() && v[5] == 6.0);
/// ```
pub fn try_genfromtxt(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> Result<Array> {
    Ok(genfromtxt_impl(path.as_ref(), options, false)?.1)
}

/// [`try_genfromtxt`] that panics with the error (notebook use).
pub fn genfromtxt(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> Array {
    try_genfromtxt(path, options).or_raise()
}

/// [`try_genfromtxt`] with `names=True`: the first line (after `skip_header`, optionally
/// behind the comment marker) names the columns, cleaned as NumPy cleans field names.
/// Returns the names alongside the 2-D data (arraylib has no structured arrays yet).
///
/// ```
/// use arraylib::{GenFromTxtOptions, try_genfromtxt_names};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("n.csv");
/// std::fs::write(&path, "# a, b c ,d\n1,2,3\n4,5,6\n").unwrap();
/// let opts = GenFromTxtOptions { delimiter: Some(",".into()), ..Default::default() };
/// let (names, data) = try_genfromtxt_names(&path, &opts).unwrap();
/// assert_eq!(names, vec!["a", "b_c", "d"]);
/// assert_eq!(data.shape(), &[2, 3]);
/// ```
pub fn try_genfromtxt_names(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> Result<(Vec<String>, Array)> {
    genfromtxt_impl(path.as_ref(), options, true)
}

/// [`try_genfromtxt_names`] that panics with the error (notebook use).
pub fn genfromtxt_names(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> (Vec<String>, Array) {
    try_genfromtxt_names(path, options).or_raise()
}

/// One printf conversion: `%[flags][width][.precision]type`.
#[derive(Clone, Debug)]
struct Conversion {
    flags: String,
    width: usize,
    precision: Option<usize>,
    kind: char,
}

/// Splits a printf format into literal text and conversions (`%%` is a literal `%`).
fn parse_format(fmt: &str) -> Result<Vec<std::result::Result<String, Conversion>>> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            literal.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            literal.push('%');
            continue;
        }
        parts.push(Ok(std::mem::take(&mut literal)));
        let mut flags = String::new();
        while let Some(&f) = chars.peek().filter(|f| "-+ 0#".contains(**f)) {
            flags.push(f);
            chars.next();
        }
        let number = |chars: &mut std::iter::Peekable<std::str::Chars>| {
            let mut digits = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            digits.parse::<usize>().ok()
        };
        let width = number(&mut chars).unwrap_or(0);
        let precision = if chars.peek() == Some(&'.') {
            chars.next();
            Some(number(&mut chars).unwrap_or(0))
        } else {
            None
        };
        let kind = chars.next().filter(|k| "eEfFgGdisu".contains(*k));
        let Some(kind) = kind else {
            return Err(ArrayError::value(format!("invalid fmt: {fmt}")));
        };
        parts.push(Err(Conversion {
            flags,
            width,
            precision,
            kind,
        }));
    }
    parts.push(Ok(literal));
    Ok(parts)
}

/// A value to format: a number (`f64` keeps integers exact up to 2^53; `i128` carries them
/// exactly) or a string.
#[derive(Clone, Copy, Debug)]
enum Value<'a> {
    Int(i128),
    Float(f64),
    Text(&'a str),
}

/// Python's `%`-formatting of one value.
fn format_value(conv: &Conversion, value: Value) -> Result<String> {
    let plus = conv.flags.contains('+');
    let space = conv.flags.contains(' ');
    let body = match (conv.kind, value) {
        ('s', Value::Text(t)) => t.to_string(),
        ('s', Value::Int(i)) => i.to_string(),
        ('s', Value::Float(x)) => crate::format::python_str(x),
        (_, Value::Text(_)) => return Err(ArrayError::type_error("must be real number, not str")),
        ('d' | 'i' | 'u', v) => {
            let i = match v {
                Value::Int(i) => i,
                Value::Float(x) if x.is_finite() => x.trunc() as i128,
                Value::Float(x) => {
                    let what = if x.is_nan() { "float NaN" } else { "float infinity" };
                    return Err(ArrayError::value(format!("cannot convert {what} to integer")));
                }
                Value::Text(_) => unreachable!(),
            };
            sign(i < 0, plus, space) + &i.unsigned_abs().to_string()
        }
        (kind, v) => {
            let x = match v {
                Value::Int(i) => i as f64,
                Value::Float(x) => x,
                Value::Text(_) => unreachable!(),
            };
            let p = conv.precision.unwrap_or(6);
            let upper = kind.is_ascii_uppercase();
            let text = if !x.is_finite() {
                let t = if x.is_nan() { "nan" } else { "inf" };
                t.to_string()
            } else {
                match kind.to_ascii_lowercase() {
                    'e' => exp_format(x.abs(), p),
                    'f' => format!("{:.*}", p, x.abs()),
                    _ => general_format(x.abs(), p, conv.flags.contains('#')),
                }
            };
            let text = if upper { text.to_uppercase() } else { text };
            sign(x.is_sign_negative() && !x.is_nan(), plus, space) + &text
        }
    };
    let len = body.chars().count();
    if len >= conv.width {
        return Ok(body);
    }
    let pad = conv.width - len;
    Ok(if conv.flags.contains('-') {
        body + &" ".repeat(pad)
    } else if conv.flags.contains('0') && conv.kind != 's' {
        let digits_at = body.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        format!("{}{}{}", &body[..digits_at], "0".repeat(pad), &body[digits_at..])
    } else {
        " ".repeat(pad) + &body
    })
}

fn sign(negative: bool, plus: bool, space: bool) -> String {
    if negative {
        "-".into()
    } else if plus {
        "+".into()
    } else if space {
        " ".into()
    } else {
        String::new()
    }
}

/// `%.{p}e` of a non-negative number: the exponent has at least two digits, as in C.
fn exp_format(x: f64, p: usize) -> String {
    let text = format!("{:.*e}", p, x);
    let (mantissa, exp) = text.split_once('e').expect("Rust's {:e} has an exponent");
    let exp: i32 = exp.parse().expect("integer exponent");
    format!("{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

/// `%.{p}g` of a non-negative number, by C's rule.
fn general_format(x: f64, p: usize, alternate: bool) -> String {
    let p = p.max(1);
    if x == 0.0 {
        return if alternate {
            format!("{:.*}", p - 1, 0.0)
        } else {
            "0".into()
        };
    }
    let exp_text = format!("{:.*e}", p - 1, x);
    let exp: i32 = exp_text.split_once('e').expect("exponent").1.parse().expect("integer");
    let text = if exp < -4 || exp >= p as i32 {
        exp_format(x, p - 1)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp) as usize, x)
    };
    if alternate {
        return text;
    }
    // Without '#', trailing zeros (and a bare point) go.
    match text.split_once('e') {
        Some((m, e)) => format!("{}e{e}", trim_zeros(m)),
        None => trim_zeros(&text).to_string(),
    }
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// Saves a 1-D or 2-D array as text (NumPy's `np.savetxt`): one row per line (a 1-D array is
/// one column), each value formatted by `fmt` as Python's `%` does; complex values are written
/// as ` (re+imj)`. String arrays need a `%s` format.
///
/// ```
/// use arraylib::{Array, SaveTxtOptions, try_savetxt};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// let a = Array::from_shape_vec([2, 2], vec![1.5, 2.0, 3.0, 4.0]).unwrap();
/// let opts = SaveTxtOptions { fmt: "%.2f".into(), delimiter: ",".into(), header: "x,y".into(), ..Default::default() };
/// try_savetxt(&path, &a, &opts).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "# x,y\n1.50,2.00\n3.00,4.00\n");
/// ```
pub fn try_savetxt(path: impl AsRef<Path>, array: &Array, options: &SaveTxtOptions) -> Result<()> {
    if array.dtype().fields().is_some() {
        return Err(crate::record::unsupported("savetxt"));
    }
    let path = path.as_ref();
    let table = match array.ndim() {
        1 => crate::shape::try_reshape(array, [array.size(), 1].as_slice())?,
        2 => array.view(),
        n => {
            return Err(ArrayError::value(format!(
                "Expected 1D or 2D array, got {n}D array instead"
            )));
        }
    };
    let (nrows, ncols) = (table.shape()[0], table.shape()[1]);
    let complex = array.dtype() == DType::Complex128;
    let parts = parse_format(&options.fmt)?;
    let nconv = parts.iter().filter(|p| p.is_err()).count();
    let per_value = if complex { 2 } else { 1 };
    let row_parts = if nconv == 1 {
        // One conversion: repeated for every column, joined by the delimiter.
        let single: Vec<_> = if complex {
            parse_format(&format!(" ({0}+{0}j)", options.fmt))?
        } else {
            parts
        };
        let mut row = Vec::new();
        for c in 0..ncols {
            if c > 0 {
                row.push(Ok(options.delimiter.clone()));
            }
            row.extend(single.iter().cloned());
        }
        row
    } else if nconv == ncols * per_value {
        parts
    } else {
        return Err(ArrayError::value(format!(
            "fmt has wrong number of % formats:  {}",
            options.fmt
        )));
    };
    if let DType::Str(_) = array.dtype()
        && row_parts.iter().any(|p| matches!(p, Err(c) if c.kind != 's'))
    {
        return Err(ArrayError::type_error(format!(
            "Mismatch between array dtype ('{}') and format specifier ('{}')",
            array.dtype(),
            vec![options.fmt.as_str(); if nconv == 1 { ncols } else { 1 }].join(&options.delimiter)
        )));
    }
    let values: Vec<Vec<Value>>;
    let strings: Vec<String>;
    let mut rows_text = Vec::with_capacity(nrows);
    match array.dtype() {
        DType::Str(_) => {
            strings = table.to_vec::<String>()?;
            values = strings
                .chunks(ncols.max(1))
                .map(|r| r.iter().map(|s| Value::Text(s)).collect())
                .collect();
        }
        DType::Complex128 => {
            let data = table.to_vec::<Complex64>()?;
            values = data
                .chunks(ncols.max(1))
                .map(|r| {
                    r.iter()
                        .flat_map(|z| [Value::Float(z.re), Value::Float(z.im)])
                        .collect()
                })
                .collect();
        }
        dtype => {
            fn numbers<T: NumElement>(a: &Array) -> Result<Vec<Value<'static>>> {
                let integer = T::DTYPE.kind().is_integer() || T::DTYPE == DType::Bool;
                Ok(a.typed::<T>()?
                    .iter()
                    .map(|&x| {
                        if T::DTYPE == DType::UInt64 {
                            Value::Int(x.to_i64() as u64 as i128)
                        } else if integer {
                            Value::Int(x.to_i64() as i128)
                        } else {
                            Value::Float(x.to_f64())
                        }
                    })
                    .collect())
            }
            let flat = with_numeric_type!(dtype, numbers(&table), _ => unreachable!("numeric"))?;
            values = flat.chunks(ncols.max(1)).map(<[Value]>::to_vec).collect();
        }
    }
    for row in values.iter().take(nrows) {
        let mut line = String::new();
        let mut next = row.iter();
        for part in &row_parts {
            match part {
                Ok(text) => line.push_str(text),
                Err(conv) => line.push_str(&format_value(conv, *next.next().expect("one value per conversion"))?),
            }
        }
        if complex {
            line = line.replace("+-", "-");
        }
        rows_text.push(line);
    }
    let file = File::create(path).map_err(|e| os_error(&e, path))?;
    let mut out = BufWriter::new(file);
    let mut write = |text: &str| out.write_all(text.as_bytes()).map_err(|e| os_error(&e, path));
    let commented = |text: &str| {
        format!(
            "{}{}{}",
            options.comments,
            text.replace('\n', &format!("\n{}", options.comments)),
            options.newline
        )
    };
    if !options.header.is_empty() {
        write(&commented(&options.header))?;
    }
    for line in rows_text {
        write(&line)?;
        write(&options.newline)?;
    }
    if !options.footer.is_empty() {
        write(&commented(&options.footer))?;
    }
    out.flush().map_err(|e| os_error(&e, path))
}

/// [`try_savetxt`] that panics with the error (notebook use).
pub fn savetxt(path: impl AsRef<Path>, array: &Array, options: &SaveTxtOptions) {
    try_savetxt(path, array, options).or_raise()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(fmt: &str) -> Conversion {
        parse_format(fmt).unwrap().into_iter().find_map(|p| p.err()).unwrap()
    }

    #[test]
    fn printf_matches_python() {
        let f = |fmt: &str, x: f64| format_value(&conv(fmt), Value::Float(x)).unwrap();
        assert_eq!(f("%.18e", 1.5), "1.500000000000000000e+00");
        assert_eq!(f("%e", -1e-100), "-1.000000e-100");
        assert_eq!(f("%g", 1e-5), "1e-05");
        assert_eq!(f("%g", 123456789.0), "1.23457e+08");
        assert_eq!(f("%g", 0.5), "0.5");
        assert_eq!(f("%g", 100000.0), "100000");
        assert_eq!(f("%8.3f", -2.5), "  -2.500");
        assert_eq!(f("%-6.1f|", 2.0), "2.0   ");
        assert_eq!(f("%d", 2.9), "2");
        assert_eq!(f("%05d", -42.0), "-0042");
        assert_eq!(f("%+.1E", 12345.0), "+1.2E+04");
        assert_eq!(f("%.3g", f64::NAN), "nan");
        assert!(format_value(&conv("%d"), Value::Float(f64::NAN)).is_err());
    }

    #[test]
    fn complex_fields() {
        assert_eq!(parse_complex("1+2j"), Some(Complex64::new(1.0, 2.0)));
        assert_eq!(parse_complex("(3-1j)"), Some(Complex64::new(3.0, -1.0)));
        assert_eq!(parse_complex("-2.5e-3-4e+2j"), Some(Complex64::new(-2.5e-3, -400.0)));
        assert_eq!(parse_complex("2j"), Some(Complex64::new(0.0, 2.0)));
        assert_eq!(parse_complex("abc"), None);
    }

    #[test]
    fn loadtxt_shapes_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.txt");
        let load = |text: &str, o: &LoadTxtOptions| {
            std::fs::write(&p, text).unwrap();
            try_loadtxt(&p, o)
        };
        let d = LoadTxtOptions::default();
        assert_eq!(load("5\n", &d).unwrap().shape(), &[] as &[usize]);
        assert_eq!(load("", &d).unwrap().shape(), &[0]);
        assert_eq!(load("1 2 3\n", &d).unwrap().shape(), &[3]);
        assert_eq!(
            load(
                "1\n2\n",
                &LoadTxtOptions {
                    ndmin: 2,
                    ..Default::default()
                }
            )
            .unwrap()
            .shape(),
            &[2, 1]
        );
        let e = load(
            "1,2\n3,4,5\n",
            &LoadTxtOptions {
                delimiter: Some(",".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(
            e.message()
                .starts_with("the number of columns changed from 2 to 3 at row 2"),
            "{e}"
        );
        let e = load(
            "1 2\n",
            &LoadTxtOptions {
                usecols: Some(vec![5]),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.message(), "invalid column index 5 at row 1 with 2 columns");
        let e = load(
            "300 2\n",
            &LoadTxtOptions {
                dtype: DType::Int8,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "could not convert string '300' to int8 at row 0, column 1."
        );
        let a = load(
            "1 2 3\n4 5 6\n",
            &LoadTxtOptions {
                usecols: Some(vec![-1, 0]),
                dtype: DType::Int64,
                ..Default::default()
            },
        );
        assert_eq!(a.unwrap().to_vec::<i64>().unwrap(), vec![3, 1, 6, 4]);
        let a = load(
            "1+2j (3-1j)\n",
            &LoadTxtOptions {
                dtype: DType::Complex128,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(a.to_vec::<Complex64>().unwrap()[1], Complex64::new(3.0, -1.0));
        let a = load(
            "#c\n1 2\n\n3 4\n5 6\n",
            &LoadTxtOptions {
                max_rows: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(a.shape(), &[2, 2]);
    }

    #[test]
    fn genfromtxt_fills_and_reports() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.txt");
        std::fs::write(&p, "1,,3\n4,5,6\n").unwrap();
        let o = GenFromTxtOptions {
            delimiter: Some(",".into()),
            dtype: DType::Int64,
            ..Default::default()
        };
        assert_eq!(
            try_genfromtxt(&p, &o).unwrap().to_vec::<i64>().unwrap(),
            vec![1, -1, 3, 4, 5, 6]
        );
        let o = GenFromTxtOptions {
            delimiter: Some(",".into()),
            filling_values: Some("0".into()),
            ..Default::default()
        };
        assert_eq!(
            try_genfromtxt(&p, &o).unwrap().to_vec::<f64>().unwrap(),
            vec![1.0, 0.0, 3.0, 4.0, 5.0, 6.0]
        );
        std::fs::write(&p, "1,2,3\n4,5\n").unwrap();
        let e = try_genfromtxt(
            &p,
            &GenFromTxtOptions {
                delimiter: Some(",".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "Some errors were detected !\n    Line #2 (got 2 columns instead of 3)"
        );
    }

    #[test]
    fn savetxt_matches_numpy_text() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.txt");
        let save = |a: &Array, o: &SaveTxtOptions| try_savetxt(&p, a, o).map(|_| std::fs::read_to_string(&p).unwrap());
        let d = SaveTxtOptions::default();
        let c = Array::from_vec(vec![Complex64::new(1.0, 2.0), Complex64::new(3.0, -4.0)]);
        assert_eq!(
            save(&c, &d).unwrap(),
            " (1.000000000000000000e+00+2.000000000000000000e+00j)\n (3.000000000000000000e+00-4.000000000000000000e+00j)\n"
        );
        let i = Array::from_shape_vec([1, 2], vec![1i64, 2]).unwrap();
        let o = SaveTxtOptions {
            fmt: "%d".into(),
            delimiter: ",".into(),
            header: "a,b\nc".into(),
            ..Default::default()
        };
        assert_eq!(save(&i, &o).unwrap(), "# a,b\n# c\n1,2\n");
        let s = Array::from_strings(["a"], 1);
        assert_eq!(
            save(&s, &d).unwrap_err().to_string(),
            "TypeError: Mismatch between array dtype ('<U1') and format specifier ('%.18e')"
        );
        assert_eq!(
            save(&Array::scalar(1.0), &d).unwrap_err().message(),
            "Expected 1D or 2D array, got 0D array instead"
        );
    }
}
