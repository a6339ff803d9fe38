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
    /// The value of missing (and unparsable) numeric and bool fields; `None` uses NumPy's
    /// defaults: NaN for floats and complex, -1 for integers, false for bool. String fields keep
    /// their text, as in NumPy: an empty field reads `""`, a `missing_values` entry reads as itself.
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

/// Parses `(row, column, text)` fields as a 1-D array of `dtype`, in their order; a field that
/// does not parse names its place. `Str(0)` takes the width of the longest field.
fn parse_texts(dtype: DType, fields: &[(usize, usize, &str)]) -> Result<Array> {
    match dtype {
        DType::Str(width) => {
            let width = if width == 0 {
                fields.iter().map(|f| f.2.chars().count()).max().unwrap_or(1)
            } else {
                width
            };
            Ok(Array::from_strings(fields.iter().map(|f| f.2), width))
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
            with_numeric_type!(dtype, parse_all(fields), _ => unreachable!("numeric"))
        }
    }
}

/// The fields of a row-major table of `ncols` columns, a column at a time.
fn columns_of<T: Copy>(fields: &[T], ncols: usize) -> impl Iterator<Item = Vec<T>> + '_ {
    (0..ncols).map(move |j| fields.iter().skip(j).step_by(ncols).copied().collect())
}

/// Loads a table of numbers from a text file (NumPy's `np.loadtxt`): one row per line,
/// comments and blank lines skipped, every row with the same number of columns. A single row
/// or column gives a 1-D array (set `ndmin` for more). A field that does not parse names its
/// place: `could not convert string 'abc' to float64 at row 1, column 2.`
///
/// With a structured `dtype` (NumPy's `np.loadtxt(f, dtype=[...])`) each line is one record:
/// its columns (or the `usecols`, one per field) are parsed as the fields' dtypes, giving a
/// 1-D structured array (0-D for a single line, as in NumPy).
///
/// ```
/// use arraylib::{DType, LoadTxtOptions, try_loadtxt};
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
///
/// std::fs::write(&path, "Ann,31,60.5\nBo,25,70\n").unwrap();
/// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32), ("w", DType::Float64)]).unwrap();
/// let opts = LoadTxtOptions { delimiter: Some(",".into()), dtype: dt, ..Default::default() };
/// let people = try_loadtxt(&path, &opts).unwrap();
/// assert_eq!(people.shape(), &[2]);
/// assert_eq!(people.field("age").to_vec::<i32>().unwrap(), vec![31, 25]);
/// assert_eq!(people.field("name").to_vec::<String>().unwrap(), vec!["Ann", "Bo"]);
/// ```
pub fn try_loadtxt(path: impl AsRef<Path>, options: &LoadTxtOptions) -> Result<Array> {
    let record = options.dtype.fields();
    if let (Some(fields), Some(usecols)) = (record, &options.usecols)
        && usecols.len() != fields.len()
    {
        return Err(ArrayError::type_error(format!(
            "If a structured dtype is used, the number of columns in `usecols` must match the effective number of \
             fields. But {} usecols were given and the number of fields is {}.",
            usecols.len(),
            fields.len()
        )));
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
        if let Some(fields) = record
            && options.usecols.is_none()
            && row.len() != fields.len()
        {
            return Err(ArrayError::value(format!(
                "the dtype passed requires {} columns but {} were found at row {}; use `usecols` to select a subset \
                 and avoid this error",
                fields.len(),
                row.len(),
                r + 1
            )));
        }
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
    match record {
        None => shape_result(parse_texts(options.dtype, &fields)?, rows.len(), ncols, options.ndmin),
        Some(record) => {
            let columns = columns_of(&fields, record.len())
                .zip(record)
                .map(|(column, field)| parse_texts(field.dtype, &column))
                .collect::<Result<Vec<_>>>()?;
            // One record per row.
            let array = Array::try_from_fields(options.dtype, &columns)?;
            shape_result(array, rows.len(), 1, options.ndmin)
        }
    }
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

/// What genfromtxt makes of the first line (after `skip_header`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum FirstLine {
    /// Data like the others.
    Data,
    /// Column names, returned beside the data.
    Names,
    /// Column names, which become the field names of a structured result.
    FieldNames,
}

/// The structured dtype of [`try_genfromtxt_records`]: fields named `names`, of `dtype`, or of
/// the dtypes of `dtype`'s fields when it is structured.
fn named_record(names: &[String], dtype: DType) -> Result<DType> {
    if names.is_empty() {
        return Err(ArrayError::value("no header line names the fields"));
    }
    let spec: Vec<(&str, DType)> = match dtype.fields() {
        None => names.iter().map(|n| (n.as_str(), dtype)).collect(),
        Some(fields) if fields.len() == names.len() => {
            names.iter().zip(fields).map(|(n, f)| (n.as_str(), f.dtype)).collect()
        }
        Some(fields) => {
            return Err(ArrayError::value(format!(
                "the header names {} columns but the dtype has {} fields",
                names.len(),
                fields.len()
            )));
        }
    };
    DType::record(&spec)
}

/// One field of a genfromtxt row: its text, and whether it counts as missing.
#[derive(Clone, Copy)]
struct TextField<'a> {
    text: &'a str,
    missing: bool,
}

/// Builds a 1-D array of `dtype` from genfromtxt's fields. Missing and unparsable numeric fields
/// take `fill`, or NumPy's default for the dtype: NaN for floats and complex, -1 for integers,
/// false for bool. String fields keep their text, missing or not, as NumPy's do.
fn fill_texts(dtype: DType, fields: &[TextField], fill: &Option<String>) -> Result<Array> {
    match dtype {
        DType::Str(width) => {
            let texts: Vec<&str> = fields.iter().map(|f| f.text).collect();
            let width = if width == 0 {
                texts.iter().map(|t| t.chars().count()).max().unwrap_or(0).max(1)
            } else {
                width
            };
            Ok(Array::from_strings(texts, width))
        }
        dtype => {
            fn parse_all<T: NumElement>(fields: &[TextField], fill: &Option<String>) -> Result<Array> {
                let default = match T::DTYPE.kind() {
                    crate::DTypeKind::Float | crate::DTypeKind::Complex => T::from_f64(f64::NAN),
                    crate::DTypeKind::Bool => T::from_bool(false),
                    _ => T::from_i64(-1),
                };
                let fill = match fill {
                    None => default,
                    Some(text) => genfromtxt_parse::<T>(text).ok_or_else(|| {
                        ArrayError::value(format!("could not convert filling value '{text}' to {}", T::DTYPE))
                    })?,
                };
                // As in NumPy, a field that does not parse counts as missing.
                Ok(Array::from_vec(
                    fields
                        .iter()
                        .map(|f| {
                            if f.missing {
                                fill
                            } else {
                                genfromtxt_parse::<T>(f.text).unwrap_or(fill)
                            }
                        })
                        .collect(),
                ))
            }
            with_numeric_type!(dtype, parse_all(fields, fill), _ => unreachable!("numeric"))
        }
    }
}

/// genfromtxt's parse of one field: as loadtxt's, except that a bool is the word `true` or
/// `false` in any case (NumPy's `str2bool`), so `1` is not a bool there.
fn genfromtxt_parse<T: NumElement>(text: &str) -> Option<T> {
    if T::DTYPE == DType::Bool {
        let word = text.trim();
        return [("true", true), ("false", false)]
            .into_iter()
            .find(|(w, _)| word.eq_ignore_ascii_case(w))
            .map(|(_, b)| T::from_bool(b));
    }
    parse_field(text)
}

fn genfromtxt_impl(path: &Path, options: &GenFromTxtOptions, first_line: FirstLine) -> Result<(Vec<String>, Array)> {
    let names = first_line != FirstLine::Data;
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
    let dtype = if first_line == FirstLine::FieldNames {
        named_record(&names_out, options.dtype)?
    } else {
        options.dtype
    };
    let ncols = if rows.is_empty() && !names { 0 } else { cols.len() };
    let mut fields = Vec::with_capacity(rows.len() * ncols);
    for (r, row) in rows.iter().enumerate() {
        for &c in &cols {
            let text = *row
                .get(c)
                .ok_or_else(|| ArrayError::value(format!("invalid column index {c} at row {}", r + 1)))?;
            let missing = text.is_empty() || options.missing_values.iter().any(|m| m == text);
            fields.push(TextField { text, missing });
        }
    }
    let array = match dtype.fields() {
        None => shape_result(
            fill_texts(dtype, &fields, &options.filling_values)?,
            rows.len(),
            ncols,
            0,
        )?,
        Some(record) => {
            if !rows.is_empty() && record.len() != cols.len() {
                return Err(ArrayError::value(format!(
                    "the dtype passed has {} fields but {} columns were read; use `usecols` to select {}",
                    record.len(),
                    cols.len(),
                    record.len()
                )));
            }
            let columns = columns_of(&fields, record.len())
                .zip(record)
                .map(|(column, field)| fill_texts(field.dtype, &column, &options.filling_values))
                .collect::<Result<Vec<_>>>()?;
            // One record per row.
            shape_result(Array::try_from_fields(dtype, &columns)?, rows.len(), 1, 0)?
        }
    };
    Ok((names_out, array))
}

/// Loads a table with missing values (NumPy's `np.genfromtxt`): empty fields and
/// `missing_values` become `filling_values` (NaN for floats by default), as do fields that do
/// not parse. Rows with the wrong number of columns are all listed in the error.
///
/// With a structured `dtype` each row is one record, its columns (or `usecols`, one per
/// field) parsed as the fields' dtypes with each field's own missing-value default: a 1-D
/// structured array (0-D for a single row, as NumPy squeezes).
///
/// ```
/// use arraylib::{DType, GenFromTxtOptions, try_genfromtxt};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("g.csv");
/// std::fs::write(&path, "1,,3\n4,N/A,6\n").unwrap();
/// let opts = GenFromTxtOptions { delimiter: Some(",".into()), missing_values: vec!["N/A".into()], ..Default::default() };
/// let a = try_genfromtxt(&path, &opts).unwrap();
/// let v = a.to_vec::<f64>().unwrap();
/// assert_eq!(a.shape(), &[2, 3]);
/// assert!(v[1].is_nan() && v[4].is_nan() && v[5] == 6.0);
///
/// let dt = DType::record(&[("id", DType::Int64), ("x", DType::Float64), ("n", DType::Int32)]).unwrap();
/// let r = try_genfromtxt(&path, &GenFromTxtOptions { dtype: dt, ..opts }).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// assert_eq!(r.field("id").to_vec::<i64>().unwrap(), vec![1, 4]);
/// assert!(r.field("x").to_vec::<f64>().unwrap()[0].is_nan());
/// ```
pub fn try_genfromtxt(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> Result<Array> {
    Ok(genfromtxt_impl(path.as_ref(), options, FirstLine::Data)?.1)
}

/// [`try_genfromtxt`] that panics with the error (notebook use).
pub fn genfromtxt(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> Array {
    try_genfromtxt(path, options).or_raise()
}

/// [`try_genfromtxt`] with `names=True`: the first line (after `skip_header`, optionally
/// behind the comment marker) names the columns, cleaned as NumPy cleans field names.
/// Returns the names alongside the data, a 2-D array for a plain dtype; for a structured array
/// with the header's names as its fields use [`try_genfromtxt_records`].
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
    genfromtxt_impl(path.as_ref(), options, FirstLine::Names)
}

/// NumPy's `np.genfromtxt(f, names=True, dtype=...)`: a structured array whose fields are named
/// by the first line (after `skip_header`, optionally behind the comment marker; cleaned as
/// NumPy cleans field names), one record per row. The fields all have `options.dtype`, or,
/// when it is structured, its fields' dtypes in order (renamed by the header, as in NumPy).
/// Missing values follow [`try_genfromtxt`]'s rules field by field. (NumPy's `dtype=None`,
/// which guesses each column's dtype, has no counterpart: give a structured dtype.)
///
/// ```
/// use arraylib::{DType, GenFromTxtOptions, try_genfromtxt_records};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("people.csv");
/// std::fs::write(&path, "name,age,weight kg\nAnn,31,60.5\nBo,,70\n").unwrap();
/// let dt = DType::record(&[("s", DType::Str(5)), ("i", DType::Int32), ("f", DType::Float64)]).unwrap();
/// let opts = GenFromTxtOptions { delimiter: Some(",".into()), dtype: dt, ..Default::default() };
/// let people = try_genfromtxt_records(&path, &opts).unwrap();
/// assert_eq!(people.dtype().names().unwrap(), vec!["name", "age", "weight_kg"]);
/// assert_eq!(people.field("age").to_vec::<i32>().unwrap(), vec![31, -1]);
///
/// let floats = try_genfromtxt_records(&path, &GenFromTxtOptions { dtype: DType::Float64, usecols: Some(vec![2, 1]), ..opts }).unwrap();
/// assert_eq!(floats.dtype().to_string(), "[('weight_kg', '<f8'), ('age', '<f8')]");
/// ```
pub fn try_genfromtxt_records(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> Result<Array> {
    Ok(genfromtxt_impl(path.as_ref(), options, FirstLine::FieldNames)?.1)
}

/// [`try_genfromtxt_records`] that panics with the error (notebook use).
///
/// ```
/// use arraylib::{GenFromTxtOptions, genfromtxt_records};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("xy.txt");
/// std::fs::write(&path, "x y\n1 2\n3 4\n").unwrap();
/// let xy = genfromtxt_records(&path, &GenFromTxtOptions::default());
/// assert_eq!(xy.field("y").to_vec::<f64>().unwrap(), vec![2.0, 4.0]);
/// ```
pub fn genfromtxt_records(path: impl AsRef<Path>, options: &GenFromTxtOptions) -> Array {
    try_genfromtxt_records(path, options).or_raise()
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
/// exactly), a bool (a number except for `%s`, which writes Python's `True`) or a string.
#[derive(Clone, Debug)]
enum Value {
    Int(i128),
    Float(f64),
    Bool(bool),
    Text(String),
}

/// Python's `%`-formatting of one value.
fn format_value(conv: &Conversion, value: &Value) -> Result<String> {
    let plus = conv.flags.contains('+');
    let space = conv.flags.contains(' ');
    let value = match *value {
        Value::Bool(b) if conv.kind != 's' => &Value::Int(b.into()),
        _ => value,
    };
    let body = match (conv.kind, value) {
        ('s', Value::Text(t)) => t.clone(),
        ('s', Value::Int(i)) => i.to_string(),
        ('s', Value::Float(x)) => crate::format::python_str(*x),
        ('s', Value::Bool(b)) => if *b { "True" } else { "False" }.into(),
        (_, Value::Text(_)) => return Err(ArrayError::type_error("must be real number, not str")),
        ('d' | 'i' | 'u', v) => {
            let i = match *v {
                Value::Int(i) => i,
                Value::Float(x) if x.is_finite() => x.trunc() as i128,
                Value::Float(x) => {
                    let what = if x.is_nan() { "float NaN" } else { "float infinity" };
                    return Err(ArrayError::value(format!("cannot convert {what} to integer")));
                }
                Value::Bool(_) | Value::Text(_) => unreachable!("bools are ints here, texts refused above"),
            };
            sign(i < 0, plus, space) + &i.unsigned_abs().to_string()
        }
        (kind, v) => {
            let x = match *v {
                Value::Int(i) => i as f64,
                Value::Float(x) => x,
                Value::Bool(_) | Value::Text(_) => unreachable!("bools are ints here, texts refused above"),
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

/// The values of a non-structured array in C order, ready to format (two per complex element:
/// real and imaginary parts).
fn cells(a: &Array) -> Result<Vec<Value>> {
    match a.dtype() {
        DType::Str(_) => Ok(a.to_vec::<String>()?.into_iter().map(Value::Text).collect()),
        DType::Complex128 => Ok(a
            .typed::<Complex64>()?
            .iter()
            .flat_map(|z| [Value::Float(z.re), Value::Float(z.im)])
            .collect()),
        dtype => {
            fn numbers<T: NumElement>(a: &Array) -> Result<Vec<Value>> {
                let integer = T::DTYPE.kind().is_integer();
                Ok(a.typed::<T>()?
                    .iter()
                    .map(|&x| {
                        if T::DTYPE == DType::Bool {
                            Value::Bool(x.to_i64() != 0)
                        } else if T::DTYPE == DType::UInt64 {
                            Value::Int(x.to_i64() as u64 as i128)
                        } else if integer {
                            Value::Int(x.to_i64() as i128)
                        } else {
                            Value::Float(x.to_f64())
                        }
                    })
                    .collect())
            }
            with_numeric_type!(dtype, numbers(a), _ => unreachable!("numeric"))
        }
    }
}

/// Saves a 1-D or 2-D array as text (NumPy's `np.savetxt`): one row per line (a 1-D array is
/// one column), each value formatted by `fmt` as Python's `%` does; complex values are written
/// as ` (re+imj)`. String arrays need a `%s` format.
///
/// A 1-D structured array is written one record per line, its fields as the columns (`fmt`
/// once for all of them, or once per field); string fields need `%s`, and complex fields are
/// refused (NumPy would drop their imaginary part).
///
/// ```
/// use arraylib::{Array, DType, SaveTxtOptions, try_savetxt};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// let a = Array::from_shape_vec([2, 2], vec![1.5, 2.0, 3.0, 4.0]).unwrap();
/// let opts = SaveTxtOptions { fmt: "%.2f".into(), delimiter: ",".into(), header: "x,y".into(), ..Default::default() };
/// try_savetxt(&path, &a, &opts).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "# x,y\n1.50,2.00\n3.00,4.00\n");
///
/// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32), ("w", DType::Float64)]).unwrap();
/// let people = Array::from_rows(dt, &[vec!["Ann".into(), 31.into(), 60.5.into()], vec!["Bo".into(), 25.into(), 70.0.into()]]).unwrap();
/// let opts = SaveTxtOptions { fmt: "%s,%d,%.1f".into(), ..Default::default() };
/// try_savetxt(&path, &people, &opts).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "Ann,31,60.5\nBo,25,70.0\n");
/// ```
pub fn try_savetxt(path: impl AsRef<Path>, array: &Array, options: &SaveTxtOptions) -> Result<()> {
    let path = path.as_ref();
    let record = array.dtype().fields();
    let (nrows, ncols) = match (array.ndim(), record) {
        (1, Some(fields)) => (array.size(), fields.len()),
        (1, None) => (array.size(), 1),
        (2, None) => (array.shape()[0], array.shape()[1]),
        (2, Some(_)) => {
            return Err(ArrayError::value(
                "a structured array is written one record per line: expected a 1-D array, got 2-D",
            ));
        }
        (n, _) => {
            return Err(ArrayError::value(format!(
                "Expected 1D or 2D array, got {n}D array instead"
            )));
        }
    };
    if let Some(field) = record.into_iter().flatten().find(|f| f.dtype == DType::Complex128) {
        return Err(ArrayError::type_error(format!(
            "savetxt cannot write the complex field '{}' of a structured array (NumPy would drop its imaginary part)",
            field.name
        )));
    }
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
    let is_text = |column: usize| {
        let dtype = record.map_or(array.dtype(), |fields| fields[column].dtype);
        matches!(dtype, DType::Str(_))
    };
    let conversions = row_parts.iter().filter_map(|p| p.as_ref().err());
    if conversions
        .enumerate()
        .any(|(i, c)| is_text(i / per_value) && c.kind != 's')
    {
        return Err(ArrayError::type_error(format!(
            "Mismatch between array dtype ('{}') and format specifier ('{}')",
            array.dtype(),
            vec![options.fmt.as_str(); if nconv == 1 { ncols } else { 1 }].join(&options.delimiter)
        )));
    }
    let values: Vec<Vec<Value>> = match record {
        None => {
            let table = crate::shape::try_reshape(array, [nrows, ncols].as_slice())?;
            cells(&table)?
                .chunks((ncols * per_value).max(1))
                .map(<[Value]>::to_vec)
                .collect()
        }
        Some(fields) => {
            let mut columns = (0..fields.len())
                .map(|i| cells(&array.field_view(i)).map(Vec::into_iter))
                .collect::<Result<Vec<_>>>()?;
            (0..nrows)
                .map(|_| {
                    columns
                        .iter_mut()
                        .map(|c| c.next().expect("one value per record"))
                        .collect()
                })
                .collect()
        }
    };
    let mut rows_text = Vec::with_capacity(nrows);
    for row in values.iter().take(nrows) {
        let mut line = String::new();
        let mut next = row.iter();
        for part in &row_parts {
            match part {
                Ok(text) => line.push_str(text),
                Err(conv) => line.push_str(&format_value(conv, next.next().expect("one value per conversion"))?),
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
        let f = |fmt: &str, x: f64| format_value(&conv(fmt), &Value::Float(x)).unwrap();
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
        assert!(format_value(&conv("%d"), &Value::Float(f64::NAN)).is_err());
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

    fn people() -> DType {
        DType::record(&[("name", DType::Str(5)), ("age", DType::Int32), ("w", DType::Float64)]).unwrap()
    }

    #[test]
    fn loadtxt_structured() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        let load = |text: &str, o: &LoadTxtOptions| {
            std::fs::write(&p, text).unwrap();
            try_loadtxt(&p, o)
        };
        let o = LoadTxtOptions {
            delimiter: Some(",".into()),
            dtype: people(),
            ..Default::default()
        };
        let a = load("Ann,31,60.5\nBo,25,70\n", &o).unwrap();
        assert_eq!((a.dtype(), a.shape()), (people(), &[2][..]));
        assert_eq!(a.field("w").to_vec::<f64>().unwrap(), vec![60.5, 70.0]);
        // NumPy's shapes: one line is 0-D, ndmin=2 makes a column, no line is (0,).
        assert_eq!(load("Ann,31,60.5\n", &o).unwrap().shape(), &[] as &[usize]);
        let o2 = LoadTxtOptions { ndmin: 2, ..o.clone() };
        assert_eq!(load("Ann,31,60.5\n", &o2).unwrap().shape(), &[1, 1]);
        assert_eq!(load("Ann,31,60.5\nBo,25,70\n", &o2).unwrap().shape(), &[2, 1]);
        assert_eq!(load("", &o).unwrap().shape(), &[0]);
        assert_eq!(
            load("Ann,31\n", &o).unwrap_err().to_string(),
            "ValueError: the dtype passed requires 3 columns but 2 were found at row 1; use `usecols` to select a \
             subset and avoid this error"
        );
        assert_eq!(
            load("Ann,x,3\n", &o).unwrap_err().to_string(),
            "ValueError: could not convert string 'x' to int32 at row 0, column 2."
        );
        let cols = LoadTxtOptions {
            usecols: Some(vec![2, 0]),
            dtype: DType::record(&[("w", DType::Float32), ("n", DType::Int8)]).unwrap(),
            ..o.clone()
        };
        let b = load("1,x,2.5\n3,y,4\n", &cols).unwrap();
        assert_eq!(b.field("w").to_vec::<f32>().unwrap(), vec![2.5, 4.0]);
        assert_eq!(b.field("n").to_vec::<i8>().unwrap(), vec![1, 3]);
        let e = load(
            "1,2,3\n",
            &LoadTxtOptions {
                usecols: Some(vec![0, 1]),
                ..o
            },
        )
        .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Type);
        assert!(
            e.message()
                .ends_with("But 2 usecols were given and the number of fields is 3."),
            "{e}"
        );
    }

    #[test]
    fn genfromtxt_bools_are_words() {
        // NumPy's str2bool: `true`/`false` in any case; anything else (even `1`) is missing.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.txt");
        std::fs::write(&p, "1\n0\nTRUE\nfalse\nyes\n").unwrap();
        let o = GenFromTxtOptions {
            dtype: DType::Bool,
            ..Default::default()
        };
        let a = try_genfromtxt(&p, &o).unwrap();
        assert_eq!(a.to_vec::<bool>().unwrap(), vec![false, false, true, false, false]);
        let filled = GenFromTxtOptions {
            filling_values: Some("True".into()),
            ..o
        };
        let a = try_genfromtxt(&p, &filled).unwrap();
        assert_eq!(a.to_vec::<bool>().unwrap(), vec![true, true, true, false, true]);
    }

    #[test]
    fn genfromtxt_structured() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "Ann,31,60.5\n,N/A,\nCy,x,1\n").unwrap();
        let o = GenFromTxtOptions {
            delimiter: Some(",".into()),
            dtype: people(),
            missing_values: vec!["N/A".into()],
            ..Default::default()
        };
        // Each field misses with its own dtype's default (unparsable counts as missing).
        let a = try_genfromtxt(&p, &o).unwrap();
        assert_eq!(a.field("name").to_vec::<String>().unwrap(), vec!["Ann", "", "Cy"]);
        assert_eq!(a.field("age").to_vec::<i32>().unwrap(), vec![31, -1, -1]);
        assert!(a.field("w").to_vec::<f64>().unwrap()[1].is_nan());
        let filled = try_genfromtxt(
            &p,
            &GenFromTxtOptions {
                filling_values: Some("0".into()),
                ..o.clone()
            },
        )
        .unwrap();
        // NumPy fills numbers only: a string field keeps its (empty) text.
        assert_eq!(filled.field("name").to_vec::<String>().unwrap()[1], "");
        assert_eq!(filled.field("w").to_vec::<f64>().unwrap()[1], 0.0);
        let e = try_genfromtxt(
            &p,
            &GenFromTxtOptions {
                usecols: Some(vec![0, 1]),
                ..o.clone()
            },
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "the dtype passed has 3 fields but 2 columns were read; use `usecols` to select 3"
        );
        // A `missing_values` entry in a string field reads as itself, as in NumPy.
        std::fs::write(&p, "N/A,1,2\n").unwrap();
        assert_eq!(
            try_genfromtxt(&p, &o)
                .unwrap()
                .field("name")
                .to_vec::<String>()
                .unwrap(),
            vec!["N/A"]
        );
        // names=True: the header names the fields; a single row is 0-D as NumPy squeezes.
        std::fs::write(&p, "# name, age ,w\nAnn,31,60.5\n").unwrap();
        let r = try_genfromtxt_records(&p, &o).unwrap();
        assert_eq!(r.shape(), &[] as &[usize]);
        assert_eq!(r.dtype().names().unwrap(), vec!["name", "age", "w"]);
        let (names, same) = try_genfromtxt_names(&p, &o).unwrap();
        assert_eq!(
            (names, same.dtype()),
            (vec!["name".to_string(), "age".into(), "w".into()], people())
        );
        let e = try_genfromtxt_records(
            &p,
            &GenFromTxtOptions {
                usecols: Some(vec![0]),
                ..o.clone()
            },
        )
        .unwrap_err();
        assert_eq!(e.message(), "the header names 1 columns but the dtype has 3 fields");
        std::fs::write(&p, "\n").unwrap();
        let e = try_genfromtxt_records(&p, &o).unwrap_err();
        assert_eq!(e.message(), "no header line names the fields");
        std::fs::write(&p, "a b\n").unwrap();
        let empty = try_genfromtxt_records(&p, &GenFromTxtOptions::default()).unwrap();
        assert_eq!(empty.shape(), &[0]);
        assert_eq!(empty.dtype().to_string(), "[('a', '<f8'), ('b', '<f8')]");
    }

    #[test]
    fn savetxt_structured() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.txt");
        let save = |a: &Array, o: &SaveTxtOptions| try_savetxt(&p, a, o).map(|_| std::fs::read_to_string(&p).unwrap());
        let rows = [
            vec!["Ann".into(), 31.into(), 60.5.into()],
            vec!["Bo".into(), 25.into(), 70.0.into()],
        ];
        let a = Array::from_rows(people(), &rows).unwrap();
        let s = SaveTxtOptions {
            fmt: "%s".into(),
            delimiter: ",".into(),
            ..Default::default()
        };
        assert_eq!(save(&a, &s).unwrap(), "Ann,31,60.5\nBo,25,70.0\n");
        let per_field = SaveTxtOptions {
            fmt: "%-4s|%03d|%.2e".into(),
            ..Default::default()
        };
        assert_eq!(save(&a, &per_field).unwrap(), "Ann |031|6.05e+01\nBo  |025|7.00e+01\n");
        assert_eq!(
            save(&a, &SaveTxtOptions::default()).unwrap_err().to_string(),
            "TypeError: Mismatch between array dtype ('[('name', '<U5'), ('age', '<i4'), ('w', '<f8')]') and format \
             specifier ('%.18e %.18e %.18e')"
        );
        let flags = DType::record(&[("ok", DType::Bool), ("u", DType::UInt64)]).unwrap();
        let b = Array::try_from_fields(flags, &[Array::from_vec(vec![true]), Array::from_vec(vec![u64::MAX])]).unwrap();
        assert_eq!(save(&b, &s).unwrap(), "True,18446744073709551615\n");
        assert_eq!(
            save(
                &b,
                &SaveTxtOptions {
                    fmt: "%d".into(),
                    ..s.clone()
                }
            )
            .unwrap(),
            "1,18446744073709551615\n"
        );
        let c = crate::zeros(2, DType::record(&[("z", DType::Complex128)]).unwrap());
        assert_eq!(save(&c, &s).unwrap_err().kind(), crate::ErrorKind::Type);
        assert!(save(&a.try_reshape([1, 2]).unwrap(), &s).is_err());
        assert_eq!(save(&crate::zeros(0, people()), &s).unwrap(), "");
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
