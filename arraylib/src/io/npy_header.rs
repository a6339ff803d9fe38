//! The `.npy` header: magic, version, and the Python-literal dict `{'descr': ..., 'fortran_order':
//! ..., 'shape': (...), }`, parsed without evaluating anything and written byte for byte as
//! NumPy's `np.save` writes it.
//!
//! `descr` is either a type string (`'<f8'`) or, for structured dtypes, a list of
//! `(name, descr[, shape])` tuples. The literal parser reads both into [`PyValue`], and
//! [`Descr`] keeps what arraylib can represent: one dtype, or packed fields of such dtypes
//! (each with its own byte order). Nested records, sub-array fields, titles and padding are a
//! `TypeError` that says which.

use crate::dtype::DType;
use crate::error::{ArrayError, Result};

/// The six bytes every `.npy` file starts with.
pub(crate) const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// NumPy aligns the data to this many bytes (so that it can be memory-mapped).
const ARRAY_ALIGN: usize = 64;
/// NumPy leaves room after the dict for the growth axis to reach this many digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// Byte order of the elements in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ByteOrder {
    Little,
    Big,
}

impl ByteOrder {
    /// The byte order of this machine.
    pub(crate) const NATIVE: ByteOrder = if cfg!(target_endian = "little") {
        ByteOrder::Little
    } else {
        ByteOrder::Big
    };
}

/// What the elements of a `.npy` file are: NumPy's `descr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Descr {
    /// One dtype with a byte order (`'<f8'`, `'>i4'`, `'|b1'`, `'<U5'`).
    Simple { dtype: DType, order: ByteOrder },
    /// A structured dtype (`[('name', '<U10'), ('age', '<i4')]`): packed records of its fields
    /// in order, each field with its own byte order (`orders` has one per field).
    Fields { dtype: DType, orders: Vec<ByteOrder> },
}

/// Where one field sits in a file's records (for a [`Descr::Simple`], the whole element).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Part {
    pub dtype: DType,
    pub order: ByteOrder,
    /// Byte offset in the record.
    pub offset: usize,
}

impl Descr {
    /// The descr NumPy writes for an array of `dtype` on this machine.
    pub(crate) fn native(dtype: DType) -> Descr {
        match dtype.fields() {
            Some(fields) => Descr::Fields {
                dtype,
                orders: vec![ByteOrder::NATIVE; fields.len()],
            },
            None => Descr::Simple {
                dtype,
                order: ByteOrder::NATIVE,
            },
        }
    }

    /// The dtype of the array the file holds.
    pub(crate) fn dtype(&self) -> DType {
        match self {
            Descr::Simple { dtype, .. } | Descr::Fields { dtype, .. } => *dtype,
        }
    }

    /// The parts of each record: one per field, or the whole element for a simple descr.
    pub(crate) fn parts(&self) -> Vec<Part> {
        match self {
            Descr::Simple { dtype, order } => vec![Part {
                dtype: *dtype,
                order: *order,
                offset: 0,
            }],
            Descr::Fields { dtype, orders } => {
                let fields = dtype.fields().expect("a Fields descr has a structured dtype");
                let mut offset = 0;
                fields
                    .iter()
                    .zip(orders)
                    .map(|(field, &order)| {
                        let part = Part {
                            dtype: field.dtype,
                            order,
                            offset,
                        };
                        offset += field.dtype.itemsize();
                        part
                    })
                    .collect()
            }
        }
    }

    /// NumPy's `dtype_to_descr`: `dtype.str` (`'<f8'`), or `dtype.descr` for a structured dtype.
    fn to_py(&self) -> PyValue {
        match self {
            Descr::Simple { dtype, order } => PyValue::Str(type_string(*dtype, *order)),
            Descr::Fields { dtype, orders } => PyValue::List(
                dtype
                    .fields()
                    .expect("a Fields descr has a structured dtype")
                    .iter()
                    .zip(orders)
                    .map(|(field, &order)| {
                        PyValue::Tuple(vec![
                            PyValue::Str(field.name.clone()),
                            PyValue::Str(type_string(field.dtype, order)),
                        ])
                    })
                    .collect(),
            ),
        }
    }

    /// Reads a descr from the header value.
    fn from_py(value: &PyValue) -> Result<Descr> {
        let bad = || ArrayError::value(format!("descr is not a valid dtype descriptor: {}", value.repr()));
        match value {
            PyValue::Str(text) => parse_type_string(text).ok_or_else(bad)?,
            PyValue::List(items) => parse_fields(items, value).ok_or_else(bad)?,
            _ => Err(bad()),
        }
    }
}

/// NumPy's `dtype.str` of a non-structured dtype in byte order `order`.
fn type_string(dtype: DType, order: ByteOrder) -> String {
    let (code, size) = match dtype {
        DType::Str(n) => ('U', n),
        other => (other.kind().code(), other.itemsize()),
    };
    let byte = if size == 1 && code != 'U' {
        '|'
    } else if order == ByteOrder::Little {
        '<'
    } else {
        '>'
    };
    format!("{byte}{code}{size}")
}

/// A structured descr, the list of `(name, type string)` tuples NumPy writes for a packed
/// structured dtype. `None` when the list is not a descr at all; `Some(Err)`, a `TypeError`
/// naming the reason, for a dtype arraylib cannot represent: nested records, sub-array fields,
/// field titles, padding (NumPy's way of writing offsets) and object or other dtypes that
/// arraylib lacks.
fn parse_fields(items: &[PyValue], descr: &PyValue) -> Option<Result<Descr>> {
    let unsupported = |reason: String| {
        Some(Err(ArrayError::type_error(format!(
            "arraylib cannot represent the structured dtype {}: {reason}",
            descr.repr()
        ))))
    };
    let mut names = Vec::with_capacity(items.len());
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        let PyValue::Tuple(tuple) = item else { return None };
        let (name, type_value, shape) = match tuple.as_slice() {
            [name, type_value] => (name, type_value, None),
            [name, type_value, shape] => (name, type_value, Some(shape)),
            _ => return None,
        };
        let name = match name {
            PyValue::Str(name) => name,
            PyValue::Tuple(_) => return unsupported(format!("field titles are not supported ({})", name.repr())),
            _ => return None,
        };
        if let Some(shape) = shape {
            return unsupported(format!(
                "sub-array fields are not supported (field '{name}' has shape {})",
                shape.repr()
            ));
        }
        let text = match type_value {
            PyValue::Str(text) => text,
            PyValue::List(_) => {
                return unsupported(format!(
                    "nested structured dtypes are not supported (field '{name}' is structured)"
                ));
            }
            _ => return None,
        };
        let code = text.trim_start_matches(['<', '>', '|', '=']);
        match parse_type_string(text) {
            Some(Ok(Descr::Simple { dtype, order })) => {
                names.push(name.as_str());
                parts.push((dtype, order));
            }
            _ if name.is_empty() && code.starts_with('V') => {
                return unsupported(format!("padding bytes ({text}) are not supported, only packed fields"));
            }
            _ if code.starts_with('O') => {
                return unsupported(format!("object fields are not supported (field '{name}' is {text})"));
            }
            Some(Err(e)) => return unsupported(format!("field '{name}': {}", e.message())),
            Some(Ok(Descr::Fields { .. })) | None => return None,
        }
    }
    let spec: Vec<(&str, DType)> = names.iter().zip(&parts).map(|(&n, &(dtype, _))| (n, dtype)).collect();
    Some(DType::record(&spec).map(|dtype| Descr::Fields {
        dtype,
        orders: parts.iter().map(|&(_, order)| order).collect(),
    }))
}

/// `'<f8'`-style strings; `None` when the string is not a dtype at all, `Some(Err)` for a dtype
/// arraylib lacks.
fn parse_type_string(text: &str) -> Option<Result<Descr>> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let (order, rest) = match first {
        '<' => (Some(ByteOrder::Little), chars.as_str()),
        '>' => (Some(ByteOrder::Big), chars.as_str()),
        '|' | '=' => (None, chars.as_str()),
        _ => (None, text),
    };
    let code = rest.chars().next()?;
    let size: usize = rest[code.len_utf8()..].parse().ok()?;
    let dtype = match (code, size) {
        ('b', 1) => DType::Bool,
        ('i', 1) => DType::Int8,
        ('i', 2) => DType::Int16,
        ('i', 4) => DType::Int32,
        ('i', 8) => DType::Int64,
        ('u', 1) => DType::UInt8,
        ('u', 2) => DType::UInt16,
        ('u', 4) => DType::UInt32,
        ('u', 8) => DType::UInt64,
        ('f', 4) => DType::Float32,
        ('f', 8) => DType::Float64,
        ('c', 16) => DType::Complex128,
        ('U', n) => DType::Str(n),
        ('b' | 'i' | 'u' | 'f' | 'c' | 'S' | 'V' | 'M' | 'm' | 'O' | 'a' | 'e' | 'g', _) => {
            return Some(Err(ArrayError::type_error(format!(
                "arraylib has no dtype for descr '{text}'"
            ))));
        }
        _ => return None,
    };
    let order = order.unwrap_or(ByteOrder::NATIVE);
    Some(Ok(Descr::Simple { dtype, order }))
}

/// A parsed `.npy` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub descr: Descr,
    pub fortran_order: bool,
    pub shape: Vec<usize>,
}

impl Header {
    /// Number of elements, checked against overflow.
    pub(crate) fn count(&self) -> Result<usize> {
        self.shape
            .iter()
            .try_fold(1usize, |n, &d| n.checked_mul(d))
            .ok_or_else(|| ArrayError::value(format!("shape is too large: {}", shape_repr(&self.shape))))
    }

    /// Bytes of element data, checked against overflow.
    pub(crate) fn data_len(&self) -> Result<u64> {
        (self.count()? as u64)
            .checked_mul(self.descr.dtype().itemsize() as u64)
            .ok_or_else(|| ArrayError::value(format!("shape is too large: {}", shape_repr(&self.shape))))
    }

    /// The full header (magic, version, length, dict, padding, newline) exactly as NumPy
    /// writes it: version 1.0 unless the length needs 2.0, or non-latin-1 text needs 3.0.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut dict = format!(
            "{{'descr': {}, 'fortran_order': {}, 'shape': {}, }}",
            self.descr.to_py().repr(),
            if self.fortran_order { "True" } else { "False" },
            shape_repr(&self.shape)
        );
        if !self.shape.is_empty() {
            let growth = if self.fortran_order {
                self.shape[self.shape.len() - 1]
            } else {
                self.shape[0]
            };
            dict.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(growth.to_string().len())));
        }
        let latin1 = dict.chars().all(|c| (c as u32) < 256);
        let body: Vec<u8> = if latin1 {
            dict.chars().map(|c| c as u8).collect()
        } else {
            dict.into_bytes()
        };
        let hlen = body.len() + 1;
        let wrap = |len_bytes: usize| {
            let padlen = ARRAY_ALIGN - ((MAGIC.len() + 2 + len_bytes + hlen) % ARRAY_ALIGN);
            (padlen, hlen + padlen)
        };
        let (major, len_bytes) = if !latin1 {
            (3, 4)
        } else if wrap(2).1 <= u16::MAX as usize {
            (1, 2)
        } else {
            (2, 4)
        };
        let (padlen, total) = wrap(len_bytes);
        let mut out = Vec::with_capacity(MAGIC.len() + 2 + len_bytes + total);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[major, 0]);
        if len_bytes == 2 {
            out.extend_from_slice(&(total as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&(total as u32).to_le_bytes());
        }
        out.extend_from_slice(&body);
        out.resize(out.len() + padlen, b' ');
        out.push(b'\n');
        out
    }
}

/// Python's `repr` of a shape tuple: `()`, `(3,)`, `(2, 3)`.
fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Reads the header from `reader`, which is positioned at the start of a `.npy` stream.
/// Returns the header and the number of bytes it took (the data offset).
pub(crate) fn read_header(reader: &mut impl std::io::Read) -> Result<(Header, u64)> {
    let mut prefix = [0u8; 8];
    read_exact_or_eof(reader, &mut prefix, "magic string")?;
    if &prefix[..6] != MAGIC {
        return Err(ArrayError::value(format!(
            "the magic string is not correct; expected b'\\x93NUMPY', got {}",
            bytes_repr(&prefix[..6])
        )));
    }
    let (major, minor) = (prefix[6], prefix[7]);
    let len_bytes = match (major, minor) {
        (1, 0) => 2,
        (2, 0) | (3, 0) => 4,
        _ => {
            return Err(ArrayError::value(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"
            )));
        }
    };
    let mut len_buf = [0u8; 4];
    read_exact_or_eof(reader, &mut len_buf[..len_bytes], "array header length")?;
    let hlen = u32::from_le_bytes(len_buf) as usize;
    // Read through `take` so that a corrupt length cannot make us allocate gigabytes up front.
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut *reader, hlen as u64), &mut raw)
        .map_err(|e| ArrayError::value(format!("cannot read array header: {e}")))?;
    if raw.len() < hlen {
        return Err(ArrayError::value(format!(
            "EOF: reading array header, expected {hlen} bytes got {}",
            raw.len()
        )));
    }
    let text: String = if major == 3 {
        String::from_utf8(raw).map_err(|_| ArrayError::value("the array header is not valid UTF-8"))?
    } else {
        raw.iter().map(|&b| b as char).collect()
    };
    let header = parse_header_dict(&text)?;
    Ok((header, (8 + len_bytes + hlen) as u64))
}

fn read_exact_or_eof(reader: &mut impl std::io::Read, buf: &mut [u8], what: &str) -> Result<()> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) => {
                return Err(ArrayError::value(format!(
                    "EOF: reading {what}, expected {} bytes got {got}",
                    buf.len()
                )));
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ArrayError::value(format!("cannot read {what}: {e}"))),
        }
    }
    Ok(())
}

/// Python's `repr` of a bytes object.
fn bytes_repr(bytes: &[u8]) -> String {
    let mut out = String::from("b'");
    for &b in bytes {
        match b {
            b'\'' => out.push_str("\\'"),
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('\'');
    out
}

/// Parses the header dict and checks its keys and values as NumPy's `_read_array_header` does.
fn parse_header_dict(text: &str) -> Result<Header> {
    let value = Parser {
        chars: text.char_indices().peekable(),
        text,
    }
    .parse_all()
    .ok_or_else(|| ArrayError::value(format!("Cannot parse header: {}", PyValue::Str(text.into()).repr())))?;
    let PyValue::Dict(items) = &value else {
        return Err(ArrayError::value(format!(
            "Header is not a dictionary: {}",
            value.repr()
        )));
    };
    let mut keys: Vec<&str> = items
        .iter()
        .map(|(k, _)| match k {
            PyValue::Str(s) => s.as_str(),
            _ => "",
        })
        .collect();
    keys.sort_unstable();
    if keys != ["descr", "fortran_order", "shape"] {
        let listed: Vec<String> = items.iter().map(|(k, _)| k.repr()).collect();
        return Err(ArrayError::value(format!(
            "Header does not contain the correct keys: [{}]",
            listed.join(", ")
        )));
    }
    let get = |key: &str| {
        items
            .iter()
            .find(|(k, _)| matches!(k, PyValue::Str(s) if s == key))
            .map(|(_, v)| v)
            .expect("keys checked")
    };
    let shape_value = get("shape");
    let shape = match shape_value {
        PyValue::Tuple(dims) => dims
            .iter()
            .map(|d| match d {
                PyValue::Int(n) if *n >= 0 => usize::try_from(*n).ok(),
                _ => None,
            })
            .collect::<Option<Vec<usize>>>(),
        _ => None,
    }
    .ok_or_else(|| ArrayError::value(format!("shape is not valid: {}", shape_value.repr())))?;
    let fortran_order = match get("fortran_order") {
        PyValue::Bool(b) => *b,
        other => {
            return Err(ArrayError::value(format!(
                "fortran_order is not a valid bool: {}",
                other.repr()
            )));
        }
    };
    let descr = Descr::from_py(get("descr"))?;
    Ok(Header {
        descr,
        fortran_order,
        shape,
    })
}

/// The Python literals a header can hold.
#[derive(Clone, Debug, PartialEq)]
enum PyValue {
    Str(String),
    Int(i128),
    Bool(bool),
    None,
    Tuple(Vec<PyValue>),
    List(Vec<PyValue>),
    Dict(Vec<(PyValue, PyValue)>),
}

impl PyValue {
    /// Python's `repr`, for error messages (and the descr string we write).
    fn repr(&self) -> String {
        match self {
            PyValue::Str(s) => crate::format::text::python_repr_str(s),
            PyValue::Int(n) => n.to_string(),
            PyValue::Bool(b) => if *b { "True" } else { "False" }.into(),
            PyValue::None => "None".into(),
            PyValue::Tuple(items) if items.len() == 1 => format!("({},)", items[0].repr()),
            PyValue::Tuple(items) => format!("({})", items.iter().map(PyValue::repr).collect::<Vec<_>>().join(", ")),
            PyValue::List(items) => format!("[{}]", items.iter().map(PyValue::repr).collect::<Vec<_>>().join(", ")),
            PyValue::Dict(items) => format!(
                "{{{}}}",
                items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(), v.repr()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A recursive-descent parser for the literal subset `ast.literal_eval` accepts in headers.
struct Parser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
}

/// Nesting deeper than this is not a header NumPy writes; refusing it keeps recursion bounded.
const MAX_DEPTH: usize = 64;

impl Parser<'_> {
    fn parse_all(mut self) -> Option<PyValue> {
        let value = self.value(0)?;
        self.skip_ws();
        self.chars.peek().is_none().then_some(value)
    }

    fn skip_ws(&mut self) {
        while self.chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
            self.chars.next();
        }
    }

    fn eat(&mut self, want: char) -> bool {
        self.skip_ws();
        if self.chars.peek().is_some_and(|&(_, c)| c == want) {
            self.chars.next();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<PyValue> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        let &(start, c) = self.chars.peek()?;
        match c {
            '{' => {
                self.chars.next();
                let mut items = Vec::new();
                loop {
                    if self.eat('}') {
                        return Some(PyValue::Dict(items));
                    }
                    let key = self.value(depth + 1)?;
                    if !self.eat(':') {
                        return None;
                    }
                    let value = self.value(depth + 1)?;
                    items.push((key, value));
                    if !self.eat(',') {
                        return self.eat('}').then_some(PyValue::Dict(items));
                    }
                }
            }
            '(' | '[' => {
                self.chars.next();
                let close = if c == '(' { ')' } else { ']' };
                let mut items = Vec::new();
                let mut trailing_comma = false;
                loop {
                    if self.eat(close) {
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    trailing_comma = self.eat(',');
                    if !trailing_comma {
                        if !self.eat(close) {
                            return None;
                        }
                        break;
                    }
                }
                Some(match close {
                    ']' => PyValue::List(items),
                    // `(x)` is just x in Python; `(x,)` is a tuple.
                    _ if items.len() == 1 && !trailing_comma => items.pop().expect("one item"),
                    _ => PyValue::Tuple(items),
                })
            }
            '\'' | '"' => self.string(c),
            _ => {
                let mut end = start;
                while let Some(&(i, ch)) = self.chars.peek() {
                    if ch.is_alphanumeric() || ch == '_' || ch == '-' || ch == '+' {
                        end = i + ch.len_utf8();
                        self.chars.next();
                    } else {
                        break;
                    }
                }
                match &self.text[start..end] {
                    "True" => Some(PyValue::Bool(true)),
                    "False" => Some(PyValue::Bool(false)),
                    "None" => Some(PyValue::None),
                    word => {
                        let digits = word.strip_suffix('L').unwrap_or(word);
                        digits.parse::<i128>().ok().map(PyValue::Int)
                    }
                }
            }
        }
    }

    fn string(&mut self, quote: char) -> Option<PyValue> {
        self.chars.next();
        let mut out = String::new();
        loop {
            let (_, c) = self.chars.next()?;
            match c {
                c if c == quote => return Some(PyValue::Str(out)),
                '\\' => {
                    let (_, e) = self.chars.next()?;
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        // `repr` escapes non-printable characters (of field names) these ways.
                        'x' | 'u' | 'U' => {
                            let digits = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let hex: String = (0..digits).filter_map(|_| self.chars.next().map(|(_, h)| h)).collect();
                            out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                        }
                        other => out.push(other),
                    }
                }
                '\n' => return None,
                c => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(descr: &str, fortran: bool, shape: &str) -> String {
        format!(
            "{{'descr': '{descr}', 'fortran_order': {}, 'shape': {shape}, }}",
            if fortran { "True" } else { "False" }
        )
    }

    #[test]
    fn bytes_match_numpy() {
        let h = Header {
            descr: Descr::native(DType::Float64),
            fortran_order: false,
            shape: vec![2, 3],
        };
        let bytes = h.to_bytes();
        assert_eq!(bytes.len(), 128);
        let text = String::from_utf8(bytes[10..].to_vec()).unwrap();
        assert!(text.starts_with("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }    "));
        assert_eq!(&bytes[..10], b"\x93NUMPY\x01\x00v\x00");
        assert!(text.ends_with(" \n"));
    }

    #[test]
    fn parses_what_it_writes() {
        for (dtype, shape, fortran) in [
            (DType::Bool, vec![], false),
            (DType::Str(5), vec![3], false),
            (DType::Complex128, vec![2, 0, 4], true),
            (DType::UInt8, vec![1], true),
        ] {
            let h = Header {
                descr: Descr::native(dtype),
                fortran_order: fortran,
                shape,
            };
            let bytes = h.to_bytes();
            let (back, len) = read_header(&mut &bytes[..]).unwrap();
            assert_eq!(back, h);
            assert_eq!(len as usize, bytes.len());
            assert_eq!(len % 64, 0);
        }
    }

    #[test]
    fn descr_strings() {
        let parse = |s: &str| parse_header_dict(&header(s, false, "(2,)"));
        assert_eq!(
            parse(">i4").unwrap().descr,
            Descr::Simple {
                dtype: DType::Int32,
                order: ByteOrder::Big
            }
        );
        assert_eq!(parse("|b1").unwrap().descr, Descr::native(DType::Bool));
        assert_eq!(
            parse("<U7").unwrap().descr,
            Descr::Simple {
                dtype: DType::Str(7),
                order: ByteOrder::Little
            }
        );
        assert_eq!(parse("<f2").unwrap_err().kind(), crate::ErrorKind::Type);
        assert_eq!(parse("|O").unwrap_err().kind(), crate::ErrorKind::Value);
        assert_eq!(parse("xyz").unwrap_err().kind(), crate::ErrorKind::Value);
    }

    #[test]
    fn structured_header_matches_numpy() {
        let dt = DType::record(&[
            ("name", DType::Str(10)),
            ("age", DType::Int32),
            ("ok", DType::Bool),
            ("b", DType::Int8),
            ("c", DType::Complex128),
            ("é", DType::Float64),
        ])
        .unwrap();
        let h = Header {
            descr: Descr::native(dt),
            fortran_order: false,
            shape: vec![3],
        };
        let bytes = h.to_bytes();
        // np.save(f, np.zeros(3, dt)) on a little-endian machine, as latin-1 (version 1.0).
        let dict = "{'descr': [('name', '<U10'), ('age', '<i4'), ('ok', '|b1'), ('b', '|i1'), ('c', '<c16'), \
                    ('é', '<f8')], 'fortran_order': False, 'shape': (3,), }";
        let mut expected = b"\x93NUMPY\x01\x00\xb6\x00".to_vec();
        expected.extend(dict.chars().map(|c| c as u8));
        expected.resize(191, b' ');
        expected.push(b'\n');
        if cfg!(target_endian = "little") {
            assert_eq!(bytes, expected);
        }
        assert_eq!(read_header(&mut &bytes[..]).unwrap().0, h);
    }

    #[test]
    fn structured_descrs_parse() {
        let parse =
            |descr: &str| parse_header_dict(&format!("{{'descr': {descr}, 'fortran_order': True, 'shape': (2, 1)}}"));
        let h = parse("[('x', '>i4'), (\"it's\", '<U3'), ('z\\u200b', '|b1')]").unwrap();
        assert!(h.fortran_order);
        let dt = DType::record(&[("x", DType::Int32), ("it's", DType::Str(3)), ("z\u{200b}", DType::Bool)]).unwrap();
        assert_eq!(
            h.descr,
            Descr::Fields {
                dtype: dt,
                orders: vec![ByteOrder::Big, ByteOrder::Little, ByteOrder::NATIVE]
            }
        );
        let offsets: Vec<usize> = h.descr.parts().iter().map(|p| p.offset).collect();
        assert_eq!(offsets, vec![0, 4, 16]);
        // Names with quotes or unprintable characters are escaped as Python's repr does, and
        // names beyond latin-1 need version 3.0, as in NumPy; all read back.
        let back = Header {
            descr: Descr::native(dt),
            ..h.clone()
        };
        let bytes = back.to_bytes();
        assert_eq!(&bytes[6..8], &[1, 0]);
        assert!(String::from_utf8_lossy(&bytes).contains(r#"("it's", '<U3'), ('z\u200b', '|b1')"#));
        assert_eq!(read_header(&mut &bytes[..]).unwrap().0, back);
        let greek = Header {
            descr: Descr::native(DType::record(&[("σ", DType::Float64)]).unwrap()),
            ..h
        };
        let bytes = greek.to_bytes();
        assert_eq!(&bytes[6..8], &[3, 0]);
        assert_eq!(read_header(&mut &bytes[..]).unwrap().0, greek);
    }

    #[test]
    fn unrepresentable_structured_descrs_are_type_errors() {
        let parse =
            |descr: &str| parse_header_dict(&format!("{{'descr': {descr}, 'fortran_order': False, 'shape': (3,)}}"));
        for (descr, reason) in [
            (
                "[('x', '<f8'), ('y', '<i4', (2,))]",
                "sub-array fields are not supported (field 'y' has shape (2,))",
            ),
            (
                "[('x', [('y', '<f8')])]",
                "nested structured dtypes are not supported (field 'x' is structured)",
            ),
            (
                "[('a', '|i1'), ('', '|V3'), ('b', '<i4')]",
                "padding bytes (|V3) are not supported, only packed fields",
            ),
            (
                "[(('title', 'x'), '<f8')]",
                "field titles are not supported (('title', 'x'))",
            ),
            ("[('o', '|O')]", "object fields are not supported (field 'o' is |O)"),
            ("[('o', '|O8')]", "object fields are not supported (field 'o' is |O8)"),
            ("[('h', '<f2')]", "field 'h': arraylib has no dtype for descr '<f2'"),
            ("[('v', '|V4')]", "field 'v': arraylib has no dtype for descr '|V4'"),
        ] {
            let err = parse(descr).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Type, "{descr}: {err}");
            assert_eq!(
                err.message(),
                format!("arraylib cannot represent the structured dtype {descr}: {reason}")
            );
        }
        assert_eq!(parse("[]").unwrap_err().kind(), crate::ErrorKind::Type);
        for invalid in [
            "[('x',)]",
            "[('x', 5)]",
            "[['x', '<f8']]",
            "[(1, '<f8')]",
            "[('x', 'what')]",
            "[('x', '<f8', (2,), 1)]",
            "[('x', '<f8'), ('x', '<i4')]",
            "[('', '<f8')]",
        ] {
            let err = parse(invalid).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Value, "{invalid}: {err}");
        }
    }

    #[test]
    fn bad_headers() {
        for text in [
            "{'descr': '<f8', 'fortran_order': False}",
            "{'descr': '<f8', 'fortran_order': 1, 'shape': (2,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': [2]}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}",
            "['descr']",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)",
            "{'descr': '<f8 , 'fortran_order': False, 'shape': (2,)}",
            &"[".repeat(1000),
        ] {
            let err = parse_header_dict(text).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Value, "{text}: {err}");
        }
    }

    #[test]
    fn big_headers_use_version_2() {
        let h = Header {
            descr: Descr::native(DType::Int8),
            fortran_order: false,
            shape: vec![1; 30_000],
        };
        let bytes = h.to_bytes();
        assert_eq!(&bytes[6..8], &[2, 0]);
        assert_eq!(read_header(&mut &bytes[..]).unwrap().0, h);
    }
}
