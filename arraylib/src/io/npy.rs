//! `.npy` files: [`save`] and [`load`], byte-identical to NumPy's `np.save` for the same array.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use num_complex::Complex64;

use super::npy_header::{ByteOrder, Descr, Header, read_header};
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
    /// Bytes per element for an array of `dtype`.
    fn item_bytes(dtype: DType) -> usize {
        dtype.itemsize()
    }
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

/// Calls `$f::<T>($args)` with `T` the element type of `$dtype`, strings included.
macro_rules! with_element_type {
    ($dtype:expr, $f:ident($($arg:expr),*)) => {
        match $dtype {
            DType::Str(_) => $f::<String>($($arg),*),
            DType::Record(_) => Err(crate::record::unsupported(".npy files")),
            numeric => crate::array::with_numeric_type!(numeric, $f($($arg),*), _ => unreachable!("numeric")),
        }
    };
}

/// Writes `array` as a `.npy` stream: the header, then the elements in C order, or in F order
/// (with `fortran_order: True`) when the array is F- but not C-contiguous, as NumPy does.
pub(crate) fn write_npy(out: &mut impl Write, array: &Array) -> Result<()> {
    let fortran_order = !array.is_c_contiguous() && array.is_f_contiguous();
    let header = Header {
        descr: Descr::native(array.dtype()),
        fortran_order,
        shape: array.shape().to_vec(),
    };
    out.write_all(&header.to_bytes()).map_err(|e| write_error(&e))?;
    fn data<T: NpyElement>(out: &mut impl Write, array: &Array, fortran_order: bool) -> Result<()> {
        let view = array.typed::<T>()?;
        // F order is the C order of the transposed view.
        let view = if fortran_order {
            view.view().reversed_axes()
        } else {
            view.view()
        };
        let dtype = array.dtype();
        let mut buf = Vec::with_capacity(CHUNK_ELEMENTS * T::item_bytes(dtype));
        let mut flush = |buf: &mut Vec<u8>| -> Result<()> {
            out.write_all(buf).map_err(|e| write_error(&e))?;
            buf.clear();
            Ok(())
        };
        match view.as_slice() {
            Some(slice) => {
                for chunk in slice.chunks(CHUNK_ELEMENTS) {
                    chunk.iter().for_each(|x| x.encode(dtype, &mut buf));
                    flush(&mut buf)?;
                }
            }
            None => {
                for x in view.iter() {
                    x.encode(dtype, &mut buf);
                    if buf.len() >= CHUNK_ELEMENTS * T::item_bytes(dtype) {
                        flush(&mut buf)?;
                    }
                }
                flush(&mut buf)?;
            }
        }
        Ok(())
    }
    with_element_type!(array.dtype(), data(out, array, fortran_order))
}

fn write_error(e: &std::io::Error) -> ArrayError {
    ArrayError::new(crate::ErrorKind::Os, format!("cannot write array data: {e}"))
}

/// Reads one `.npy` stream. `available` is how many bytes the stream holds when known (a file's
/// or an archive member's size): a header whose shape needs more is refused before anything is
/// allocated. The whole array is read or an error returned, never a partial array.
pub(crate) fn read_npy(reader: &mut impl Read, available: Option<u64>) -> Result<Array> {
    let (header, header_len) = read_header(reader)?;
    let needed = header.data_len()?;
    let count = header.count()?;
    if let Some(total) = available {
        let have = total.saturating_sub(header_len);
        if have < needed {
            let Descr::Simple { dtype, .. } = header.descr;
            return Err(ArrayError::value(format!(
                "Failed to read all data for array. Expected {} = {count} elements, could only read {} elements. \
                 (file seems not fully written?)",
                crate::error::shape_str(&header.shape)
                    .replace(',', ", ")
                    .replace(", )", ",)"),
                have / dtype.itemsize().max(1) as u64
            )));
        }
    }
    let Descr::Simple { dtype, .. } = header.descr;
    fn data<T: NpyElement>(reader: &mut impl Read, header: &Header, count: usize, known: bool) -> Result<Array> {
        let Descr::Simple { dtype, order } = header.descr;
        let item = T::item_bytes(dtype);
        // Without a known size, grow as data arrives: a corrupt shape then fails at EOF
        // instead of allocating its claimed size.
        let mut values: Vec<T> = Vec::with_capacity(if known { count } else { count.min(CHUNK_ELEMENTS) });
        let mut buf = vec![0u8; CHUNK_ELEMENTS.min(count.max(1)) * item.max(1)];
        while values.len() < count {
            let n = (count - values.len()).min(CHUNK_ELEMENTS);
            let bytes = &mut buf[..n * item];
            read_data(reader, bytes, values.len() * item, count * item)?;
            if item == 0 {
                values.extend((0..n).map(|_| T::default()));
                continue;
            }
            for chunk in bytes.chunks_exact(item) {
                values.push(T::decode(chunk, order).ok_or_else(|| {
                    ArrayError::value(format!(
                        "invalid data for dtype {dtype} in array element {}",
                        values.len()
                    ))
                })?);
            }
        }
        let order = if header.fortran_order { Order::F } else { Order::C };
        let layout = Layout::contiguous(&header.shape, order);
        Ok(Array::from_shared(
            crate::buffer::SharedBuffer::new(values),
            layout,
            true,
        ))
    }
    let array = with_element_type!(dtype, data(reader, &header, count, available.is_some()))?;
    Ok(if let DType::Str(_) = dtype {
        array.with_dtype(dtype)
    } else {
        array
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
/// already ends so. The file is byte-identical to what NumPy writes for the same array.
///
/// ```
/// use arraylib::{Array, load, save};
/// let dir = tempfile::tempdir().unwrap();
/// let a = Array::from_shape_vec([2, 2], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
/// save(dir.path().join("a"), &a);
/// let b = load(dir.path().join("a.npy"));
/// assert_eq!(b.to_vec::<f64>().unwrap(), vec![1.0, 2.0, 3.0, 4.0]);
/// ```
pub fn try_save(path: impl AsRef<Path>, array: &Array) -> Result<()> {
    // Refused before the file is created, so no partial file is left behind.
    if array.dtype().fields().is_some() {
        return Err(crate::record::unsupported(".npy files"));
    }
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
/// F-ordered files load as F-contiguous arrays without a transposing copy. A truncated or
/// corrupt file is a `ValueError`, a structured dtype a `TypeError`; `.npz` archives are read
/// by [`load_npz`](crate::load_npz).
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
        ]
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
        let a = Array::from_vec(vec![1.0, 2.0]);
        let mut good = Vec::new();
        write_npy(&mut good, &a).unwrap();
        for i in 0..good.len() - 16 {
            for byte in [0u8, b'\'', b'{', b'9', 0xff] {
                let mut bad = good.clone();
                bad[i] = byte;
                // Either an error or a consistent array; never a panic.
                if let Ok(b) = read_npy(&mut &bad[..], Some(bad.len() as u64)) {
                    assert!(b.size() <= 2);
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
    }
}
