//! `.npy` files: [`save`] and [`load`], byte-identical to NumPy's `np.save` for the same array.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use num_complex::Complex64;

use super::npy_header::{ByteOrder, Descr, Header, Part, read_header};
use super::{open_reporting, os_error};
use crate::array::{Array, Layout, Order};
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{ArrayError, OrRaise, Result};

/// Elements are converted between file bytes and Rust values this many at a time, so that
/// reading or writing never holds a second full-size copy of the data.
const CHUNK_ELEMENTS: usize = 1 << 16;

/// An element type as stored in `.npy` files.
trait NpyElement: Element {
    /// Decodes one element; `None` for bytes no value of the type has.
    fn decode(bytes: &[u8], order: ByteOrder) -> Option<Self>;
    /// Appends the element's bytes in native order, `width` bytes for strings.
    fn encode(&self, dtype: DType, out: &mut Vec<u8>);
}

macro_rules! impl_npy_number {
    ($($t:ty),*) => {$(
        impl NpyElement for $t {
            fn decode(bytes: &[u8], order: ByteOrder) -> Option<Self> {
                let raw = bytes.try_into().ok()?;
                Some(match order {
                    ByteOrder::Little => <$t>::from_le_bytes(raw),
                    ByteOrder::Big => <$t>::from_be_bytes(raw),
                })
            }
            fn encode(&self, _: DType, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_ne_bytes());
            }
        }
    )*};
}
impl_npy_number!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl NpyElement for bool {
    fn decode(bytes: &[u8], _: ByteOrder) -> Option<Self> {
        // NumPy reads any non-zero byte as True.
        Some(bytes[0] != 0)
    }
    fn encode(&self, _: DType, out: &mut Vec<u8>) {
        out.push(*self as u8);
    }
}

impl NpyElement for Complex64 {
    fn decode(bytes: &[u8], order: ByteOrder) -> Option<Self> {
        Some(Complex64::new(
            f64::decode(&bytes[..8], order)?,
            f64::decode(&bytes[8..], order)?,
        ))
    }
    fn encode(&self, dtype: DType, out: &mut Vec<u8>) {
        self.re.encode(dtype, out);
        self.im.encode(dtype, out);
    }
}

impl NpyElement for String {
    fn decode(bytes: &[u8], order: ByteOrder) -> Option<Self> {
        // UCS-4 code points; NumPy drops trailing NULs.
        let mut text: String = bytes
            .chunks_exact(4)
            .map(|c| char::from_u32(u32::decode(c, order)?))
            .collect::<Option<_>>()?;
        text.truncate(text.trim_end_matches('\0').len());
        Some(text)
    }
    fn encode(&self, dtype: DType, out: &mut Vec<u8>) {
        let DType::Str(width) = dtype else {
            unreachable!("strings are Str arrays")
        };
        let mut written = 0;
        for c in self.chars().take(width) {
            out.extend_from_slice(&(c as u32).to_ne_bytes());
            written += 1;
        }
        out.resize(out.len() + 4 * (width - written), 0);
    }
}

/// Calls `$f::<T>($args)` with `T` the element type of `$dtype`, strings included. Every
/// part of a file's records has such a dtype: the fields of a record are never records.
macro_rules! with_element_type {
    ($dtype:expr, $f:ident($($arg:expr),*)) => {
        match $dtype {
            DType::Str(_) => $f::<String>($($arg),*),
            DType::Record(_) => Err(ArrayError::type_error("nested structured dtypes are not supported")),
            numeric => crate::array::with_numeric_type!(numeric, $f($($arg),*), _ => unreachable!("numeric")),
        }
    };
}

/// The arrays whose elements make up the file's records, one per [`Part`]: the fields of a
/// structured array (views sharing its storage), or the array itself.
fn part_arrays(array: &Array) -> Vec<Array> {
    match array.dtype().fields() {
        Some(fields) => (0..fields.len()).map(|i| array.field_view(i)).collect(),
        None => vec![array.view()],
    }
}

/// One part's elements in file order, encoded a chunk at a time.
trait PartWriter {
    /// Appends the bytes of the next `n` elements.
    fn encode(&mut self, n: usize, out: &mut Vec<u8>);
}

struct TypedWriter<'a, T> {
    elements: ndarray::iter::Iter<'a, T, ndarray::IxDyn>,
    dtype: DType,
    /// Holds the read borrow of the storage that `elements` walks.
    _borrow: crate::array::ArrayRef<'a, T>,
}

impl<T: NpyElement> PartWriter for TypedWriter<'_, T> {
    fn encode(&mut self, n: usize, out: &mut Vec<u8>) {
        for x in self.elements.by_ref().take(n) {
            x.encode(self.dtype, out);
        }
    }
}

fn part_writer<T: NpyElement>(part: &Array, fortran_order: bool) -> Result<Box<dyn PartWriter + '_>> {
    let borrow = part.typed::<T>()?;
    let view = (*borrow).clone();
    // F order is the C order of the transposed view.
    let view = if fortran_order { view.reversed_axes() } else { view };
    Ok(Box::new(TypedWriter {
        elements: view.into_iter(),
        dtype: part.dtype(),
        _borrow: borrow,
    }))
}

/// Writes `array` as a `.npy` stream: the header, then the elements in C order, or in F order
/// (with `fortran_order: True`) when the array is F- but not C-contiguous, as NumPy does. A
/// structured array's fields are interleaved into packed records as they are written.
pub(crate) fn write_npy(out: &mut impl Write, array: &Array) -> Result<()> {
    let fortran_order = !array.is_c_contiguous() && array.is_f_contiguous();
    let header = Header {
        descr: Descr::native(array.dtype()),
        fortran_order,
        shape: array.shape().to_vec(),
    };
    let parts = header.descr.parts();
    let arrays = part_arrays(array);
    let mut writers = arrays
        .iter()
        .map(|a| with_element_type!(a.dtype(), part_writer(a, fortran_order)))
        .collect::<Result<Vec<_>>>()?;
    out.write_all(&header.to_bytes()).map_err(|e| write_error(&e))?;
    let record = array.dtype().itemsize();
    let count = array.size();
    let mut buf = Vec::with_capacity(CHUNK_ELEMENTS.min(count) * record);
    let mut field = Vec::new();
    let mut done = 0;
    while done < count {
        let n = (count - done).min(CHUNK_ELEMENTS);
        if let [writer] = writers.as_mut_slice() {
            writer.encode(n, &mut buf);
        } else {
            buf.resize(n * record, 0);
            for (writer, part) in writers.iter_mut().zip(&parts) {
                field.clear();
                writer.encode(n, &mut field);
                let size = part.dtype.itemsize();
                for (r, bytes) in field.chunks_exact(size.max(1)).enumerate() {
                    buf[r * record + part.offset..][..size].copy_from_slice(bytes);
                }
            }
        }
        out.write_all(&buf).map_err(|e| write_error(&e))?;
        buf.clear();
        done += n;
    }
    Ok(())
}

fn write_error(e: &std::io::Error) -> ArrayError {
    ArrayError::new(crate::ErrorKind::Os, format!("cannot write array data: {e}"))
}

/// One part's elements as they are decoded from the file's records, chunk by chunk.
trait PartReader {
    /// Decodes this part of each of the `n` records in `records`, whose first is array
    /// element `first`.
    fn decode(&mut self, records: &[u8], n: usize, first: usize) -> Result<()>;
    /// The elements as an array of `layout`.
    fn finish(self: Box<Self>, layout: Layout) -> Array;
}

struct TypedReader<T> {
    values: Vec<T>,
    part: Part,
}

impl<T: NpyElement> PartReader for TypedReader<T> {
    fn decode(&mut self, records: &[u8], n: usize, first: usize) -> Result<()> {
        let Part { dtype, order, offset } = self.part;
        let size = dtype.itemsize();
        if size == 0 {
            self.values.extend((0..n).map(|_| T::default()));
            return Ok(());
        }
        for (r, record) in records.chunks_exact(records.len() / n).enumerate() {
            let value = T::decode(&record[offset..offset + size], order);
            self.values.push(value.ok_or_else(|| {
                ArrayError::value(format!("invalid data for dtype {dtype} in array element {}", first + r))
            })?);
        }
        Ok(())
    }

    fn finish(self: Box<Self>, layout: Layout) -> Array {
        Array::from_shared(crate::buffer::SharedBuffer::new(self.values), layout, true).with_dtype(self.part.dtype)
    }
}

fn part_reader<T: NpyElement>(part: Part, capacity: usize) -> Result<Box<dyn PartReader>> {
    Ok(Box::new(TypedReader::<T> {
        values: Vec::with_capacity(capacity),
        part,
    }))
}

/// Reads one `.npy` stream. `available` is how many bytes the stream holds when known (a file's
/// or an archive member's size): a header whose shape needs more is refused before anything is
/// allocated. The whole array is read or an error returned, never a partial array. The packed
/// records of a structured dtype are split into one storage per field as they are read.
pub(crate) fn read_npy(reader: &mut impl Read, available: Option<u64>) -> Result<Array> {
    let (header, header_len) = read_header(reader)?;
    let needed = header.data_len()?;
    let count = header.count()?;
    let record = header.descr.dtype().itemsize();
    if let Some(total) = available {
        let have = total.saturating_sub(header_len);
        if have < needed {
            return Err(ArrayError::value(format!(
                "Failed to read all data for array. Expected {} = {count} elements, could only read {} elements. \
                 (file seems not fully written?)",
                crate::error::shape_str(&header.shape)
                    .replace(',', ", ")
                    .replace(", )", ",)"),
                have / record.max(1) as u64
            )));
        }
    }
    // Without a known size, grow as data arrives: a corrupt shape then fails at EOF instead of
    // allocating its claimed size.
    let capacity = if available.is_some() {
        count
    } else {
        count.min(CHUNK_ELEMENTS)
    };
    let mut readers = header
        .descr
        .parts()
        .into_iter()
        .map(|part| with_element_type!(part.dtype, part_reader(part, capacity)))
        .collect::<Result<Vec<_>>>()?;
    let mut buf = vec![0u8; CHUNK_ELEMENTS.min(count) * record];
    let mut done = 0;
    while done < count {
        let n = (count - done).min(CHUNK_ELEMENTS);
        let bytes = &mut buf[..n * record];
        read_data(reader, bytes, done * record, count * record)?;
        for part in &mut readers {
            part.decode(bytes, n, done)?;
        }
        done += n;
    }
    let order = if header.fortran_order { Order::F } else { Order::C };
    let layout = Layout::contiguous(&header.shape, order);
    let mut arrays: Vec<Array> = readers.into_iter().map(|r| r.finish(layout.clone())).collect();
    Ok(match header.descr {
        Descr::Simple { .. } => arrays.pop().expect("one part"),
        Descr::Fields { dtype, .. } => Array::record_from_parts(dtype, arrays),
    })
}

fn read_data(reader: &mut impl Read, buf: &mut [u8], done: usize, total: usize) -> Result<()> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) => {
                return Err(ArrayError::value(format!(
                    "EOF: reading array data, expected {total} bytes got {}",
                    done + got
                )));
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ArrayError::value(format!("cannot read array data: {e}"))),
        }
    }
    Ok(())
}

/// The path NumPy's `np.save` writes: `.npy` is appended unless already there.
fn npy_path(path: &Path) -> PathBuf {
    if path.extension().is_some_and(|e| e == "npy") {
        path.to_path_buf()
    } else {
        path.with_extension_appended("npy")
    }
}

/// Extension trait bridging `Path` to "append an extension" (NumPy appends, never replaces).
trait AppendExtension {
    fn with_extension_appended(&self, ext: &str) -> PathBuf;
}

impl AppendExtension for Path {
    fn with_extension_appended(&self, ext: &str) -> PathBuf {
        let mut name = self.as_os_str().to_os_string();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    }
}

/// Saves `array` to a `.npy` file (NumPy's `np.save`): `.npy` is appended to the path unless it
/// already ends so. The file is byte-identical to what NumPy writes for the same array; a
/// structured array is written as NumPy's packed records (`descr` `[('name', '<U4'), ...]`).
///
/// ```
/// use arraylib::{Array, DType, load, save};
/// let dir = tempfile::tempdir().unwrap();
/// let a = Array::from_shape_vec([2, 2], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
/// save(dir.path().join("a"), &a);
/// let b = load(dir.path().join("a.npy"));
/// assert_eq!(b.to_vec::<f64>().unwrap(), vec![1.0, 2.0, 3.0, 4.0]);
///
/// let dt = DType::record(&[("name", DType::Str(4)), ("age", DType::Int32)]).unwrap();
/// let people = Array::from_rows(dt, &[vec!["Ann".into(), 31.into()], vec!["Bo".into(), 25.into()]]).unwrap();
/// save(dir.path().join("people.npy"), &people);
/// let back = load(dir.path().join("people.npy"));
/// assert_eq!(back.dtype(), dt);
/// assert_eq!(back.field("name").to_vec::<String>().unwrap(), vec!["Ann", "Bo"]);
/// ```
pub fn try_save(path: impl AsRef<Path>, array: &Array) -> Result<()> {
    let path = npy_path(path.as_ref());
    let file = File::create(&path).map_err(|e| os_error(&e, &path))?;
    let mut out = BufWriter::new(file);
    write_npy(&mut out, array)?;
    out.flush().map_err(|e| os_error(&e, &path))
}

/// [`try_save`] that panics with the error (notebook use).
pub fn save(path: impl AsRef<Path>, array: &Array) {
    try_save(path, array).or_raise()
}

/// Loads a `.npy` file (NumPy's `np.load`) of any version, byte order and memory order;
/// F-ordered files load as F-contiguous arrays without a transposing copy. Structured files
/// (packed records of fields of arraylib's dtypes) load with one storage per field. A truncated
/// or corrupt file is a `ValueError`; a dtype arraylib cannot represent (`float16`, object,
/// nested records, sub-array fields, padding) a `TypeError`; `.npz` archives are read by
/// [`load_npz`](crate::load_npz).
///
/// ```
/// use arraylib::{Array, try_load, try_save};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("f.npy");
/// let f = Array::from_shape_vec([2, 3], (0..6).collect::<Vec<i64>>()).unwrap().copy_order(arraylib::Order::F);
/// try_save(&path, &f).unwrap();
/// let g = try_load(&path).unwrap();
/// assert!(g.is_f_contiguous() && !g.is_c_contiguous());
/// assert_eq!(g.to_vec::<i64>().unwrap(), (0..6).collect::<Vec<i64>>());
/// std::fs::write(&path, b"not an npy file").unwrap();
/// assert!(try_load(&path).unwrap_err().to_string().starts_with("ValueError: the magic string is not correct"));
/// ```
pub fn try_load(path: impl AsRef<Path>) -> Result<Array> {
    let path = path.as_ref();
    let (file, len) = open_reporting(path)?;
    let mut reader = BufReader::new(file);
    let mut magic = [0u8; 4];
    let peeked = reader.fill_buf_prefix(&mut magic);
    if peeked == 4 && &magic == b"PK\x03\x04" {
        return Err(ArrayError::value(format!(
            "{} is a .npz archive: load it with load_npz",
            path.display()
        )));
    }
    read_npy(&mut reader, Some(len))
}

/// Peeks at the first bytes of a buffered reader without consuming them.
trait PeekPrefix {
    fn fill_buf_prefix(&mut self, out: &mut [u8]) -> usize;
}

impl<R: Read> PeekPrefix for BufReader<R> {
    fn fill_buf_prefix(&mut self, out: &mut [u8]) -> usize {
        match std::io::BufRead::fill_buf(self) {
            Ok(buf) => {
                let n = buf.len().min(out.len());
                out[..n].copy_from_slice(&buf[..n]);
                n
            }
            Err(_) => 0,
        }
    }
}

/// [`try_load`] that panics with the error (notebook use).
pub fn load(path: impl AsRef<Path>) -> Array {
    try_load(path).or_raise()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(a: &Array) -> Array {
        let mut bytes = Vec::new();
        write_npy(&mut bytes, a).unwrap();
        let len = bytes.len() as u64;
        read_npy(&mut &bytes[..], Some(len)).unwrap()
    }

    fn sample_arrays() -> Vec<Array> {
        vec![
            Array::from_shape_vec([2, 3], vec![true, false, true, true, false, false]).unwrap(),
            Array::from_vec(vec![-1i8, 2, 127]),
            Array::from_shape_vec([3, 2], vec![1i16, -2, 3, 4, 5, 6])
                .unwrap()
                .copy_order(Order::F),
            Array::from_vec(vec![i32::MIN, 0, i32::MAX]),
            Array::scalar(-5i64),
            Array::from_vec(vec![0u8, 255]),
            Array::from_vec(vec![u16::MAX]),
            Array::from_vec(vec![u32::MAX]),
            Array::from_vec(vec![u64::MAX, 1]),
            Array::from_vec(vec![1.5f32, f32::NAN]),
            Array::from_shape_vec([0, 3], Vec::<f64>::new()).unwrap(),
            Array::from_vec(vec![Complex64::new(1.0, -2.0)]),
            Array::from_strings(["a", "héllo", ""], 5),
            every_field_dtype(),
            Array::zeros_order(
                [3, 2],
                DType::record(&[("x", DType::Float64), ("s", DType::Str(2))]).unwrap(),
                Order::F,
            ),
            crate::zeros([0, 2], DType::record(&[("n", DType::Int16)]).unwrap()),
            crate::zeros(
                [0usize; 0],
                DType::record(&[("a", DType::Bool), ("b", DType::UInt64)]).unwrap(),
            ),
        ]
    }

    /// A structured array with a field of every dtype (and a string field at the end).
    fn every_field_dtype() -> Array {
        let dtypes: Vec<DType> = crate::dtype::NUMERIC_DTYPES
            .into_iter()
            .chain([DType::Str(3)])
            .collect();
        let names: Vec<String> = (0..dtypes.len()).map(|i| format!("f{i}")).collect();
        let spec: Vec<(&str, DType)> = names.iter().map(String::as_str).zip(dtypes.iter().copied()).collect();
        let columns: Vec<Array> = dtypes
            .iter()
            .map(|&d| match d {
                DType::Str(_) => Array::from_strings(["ab", "", "xyz"], 3),
                DType::Complex128 => Array::from_vec(vec![Complex64::new(1.0, -2.0); 3]),
                d => Array::from_vec(vec![-1.5, 0.0, 2.0]).astype(d).unwrap(),
            })
            .collect();
        Array::try_from_fields(DType::record(&spec).unwrap(), &columns).unwrap()
    }

    #[test]
    fn round_trips_every_dtype() {
        for a in sample_arrays() {
            let b = roundtrip(&a);
            assert_eq!(b.dtype(), a.dtype());
            assert_eq!(b.shape(), a.shape());
            assert_eq!(b.is_f_contiguous(), a.is_f_contiguous());
            assert_eq!(format!("{b:?}"), format!("{a:?}"));
        }
    }

    #[test]
    fn big_endian_data() {
        let mut bytes = Header {
            descr: Descr::Simple {
                dtype: DType::Int32,
                order: ByteOrder::Big,
            },
            fortran_order: false,
            shape: vec![2],
        }
        .to_bytes();
        bytes.extend_from_slice(&[0, 0, 1, 0, 0xff, 0xff, 0xff, 0xfe]);
        let a = read_npy(&mut &bytes[..], None).unwrap();
        assert_eq!(a.to_vec::<i32>().unwrap(), vec![256, -2]);
    }

    #[test]
    fn records_are_packed_and_interleaved() {
        let dt = DType::record(&[("a", DType::Int16), ("s", DType::Str(1)), ("b", DType::Bool)]).unwrap();
        let columns = [
            Array::from_vec(vec![1i16, 2, 3, 4]),
            Array::from_strings(["w", "x", "y", "z"], 1),
            Array::from_vec(vec![true, false, false, true]),
        ];
        let a = Array::try_from_fields(dt, &columns)
            .unwrap()
            .try_reshape([2, 2])
            .unwrap();
        let record = |a: i16, s: char, b: bool| {
            let mut r = a.to_ne_bytes().to_vec();
            r.extend((s as u32).to_ne_bytes());
            r.push(b as u8);
            r
        };
        let data = |a: &Array| {
            let mut bytes = Vec::new();
            write_npy(&mut bytes, a).unwrap();
            let (_, header_len) = read_header(&mut &bytes[..]).unwrap();
            bytes[header_len as usize..].to_vec()
        };
        let c_order = [
            record(1, 'w', true),
            record(2, 'x', false),
            record(3, 'y', false),
            record(4, 'z', true),
        ];
        assert_eq!(data(&a), c_order.concat());
        // F order: records in column-major order; a strided view is written in C order.
        let f = a.t();
        assert!(f.is_f_contiguous() && !f.is_c_contiguous());
        assert_eq!(data(&f), c_order.concat());
        assert!(roundtrip(&f).is_f_contiguous());
        let reversed = a.at(crate::idx![.., ..;-1]);
        assert!(!reversed.is_c_contiguous() && !reversed.is_f_contiguous());
        let expected = [&c_order[1], &c_order[0], &c_order[3], &c_order[2]];
        assert_eq!(data(&reversed), expected.map(|r| r.as_slice()).concat());
    }

    #[test]
    fn structured_big_endian_and_mixed_orders() {
        let dt = DType::record(&[("x", DType::Int32), ("y", DType::Float64), ("s", DType::Str(1))]).unwrap();
        let mut bytes = Header {
            descr: Descr::Fields {
                dtype: dt,
                orders: vec![ByteOrder::Big, ByteOrder::Little, ByteOrder::Big],
            },
            fortran_order: false,
            shape: vec![2],
        }
        .to_bytes();
        for (x, y, s) in [(256i32, 1.5f64, 'a'), (-2, -0.25, 'é')] {
            bytes.extend(x.to_be_bytes());
            bytes.extend(y.to_le_bytes());
            bytes.extend((s as u32).to_be_bytes());
        }
        let a = read_npy(&mut &bytes[..], Some(bytes.len() as u64)).unwrap();
        assert_eq!(a.dtype(), dt);
        assert_eq!(a.field("x").to_vec::<i32>().unwrap(), vec![256, -2]);
        assert_eq!(a.field("y").to_vec::<f64>().unwrap(), vec![1.5, -0.25]);
        assert_eq!(a.field("s").to_vec::<String>().unwrap(), vec!["a", "é"]);
    }

    #[test]
    fn every_truncation_is_an_error() {
        for a in sample_arrays() {
            let mut bytes = Vec::new();
            write_npy(&mut bytes, &a).unwrap();
            for cut in 0..bytes.len() {
                // Known size (a file) and unknown size (a stream) both refuse.
                let short = &bytes[..cut];
                let e1 = read_npy(&mut &short[..], Some(cut as u64)).unwrap_err();
                let e2 = read_npy(&mut &short[..], None).unwrap_err();
                assert_eq!(
                    (e1.kind(), e2.kind()),
                    (crate::ErrorKind::Value, crate::ErrorKind::Value),
                    "cut {cut}"
                );
            }
        }
    }

    #[test]
    fn corrupt_headers_are_errors() {
        let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int8)]).unwrap();
        for a in [Array::from_vec(vec![1.0, 2.0]), crate::zeros(2, dt)] {
            let mut good = Vec::new();
            write_npy(&mut good, &a).unwrap();
            let (_, header_len) = read_header(&mut &good[..]).unwrap();
            for i in 0..header_len as usize {
                for byte in [0u8, b'\'', b'{', b'[', b'(', b'9', 0xff] {
                    let mut bad = good.clone();
                    bad[i] = byte;
                    // Either an error or a consistent array; never a panic.
                    if let Ok(b) = read_npy(&mut &bad[..], Some(bad.len() as u64)) {
                        assert!(b.size() <= 2);
                    }
                }
            }
        }
    }

    #[test]
    fn invalid_code_points_are_errors() {
        let mut bytes = Header {
            descr: Descr::native(DType::Str(1)),
            fortran_order: false,
            shape: vec![1],
        }
        .to_bytes();
        bytes.extend_from_slice(&0xD800u32.to_le_bytes());
        assert!(read_npy(&mut &bytes[..], None).is_err());
        // The same in the second record of a structured file: an error, not a partial array.
        let dt = DType::record(&[("n", DType::Int8), ("s", DType::Str(1))]).unwrap();
        let mut bytes = Header {
            descr: Descr::native(dt),
            fortran_order: false,
            shape: vec![2],
        }
        .to_bytes();
        bytes.extend([1, b'a', 0, 0, 0, 2]);
        bytes.extend(0xD800u32.to_ne_bytes());
        let e = read_npy(&mut &bytes[..], None).unwrap_err();
        assert_eq!(e.message(), "invalid data for dtype <U1 in array element 1");
    }
}
