//! Memory-mapped arrays: NumPy's `np.lib.format.open_memmap` for `.npy` files and `np.memmap`
//! for raw binary files. The array's elements *are* the mapped file pages (no copy): arrays
//! larger than memory work, and writes through a read-write map reach the file.
//!
//! Only numeric dtypes in this machine's byte order map without a copy; strings (stored as
//! Rust `String`s), structured dtypes (the file interleaves fields that arraylib stores apart)
//! and foreign byte orders are refused with a `TypeError` (use `load`).
//! As with every memory map, the file must not be truncated or rewritten by another program
//! while it is mapped.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::ptr::NonNull;

use memmap2::{Mmap, MmapMut, MmapOptions as RawOptions};

use super::npy_header::{ByteOrder, Descr, Header, read_header};
use super::os_error;
use crate::array::{Array, Layout, Order, dispatch};
use crate::buffer::SharedBuffer;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{ArrayError, OrRaise, Result};

/// How to open a memory map: NumPy's `mode`, and for new files (`"w+"`) or raw files
/// the dtype, shape and order; `offset` (raw files only) is where the data starts.
///
/// `"r"`: read-only (the array is not writeable); `"r+"`: read-write, writes reach the file;
/// `"c"`: copy-on-write, writes stay in memory; `"w+"`: create or overwrite the file.
/// A `&str` converts to options with that mode.
///
/// ```
/// use arraylib::{DType, MemmapOptions};
/// let o = MemmapOptions::create(DType::Float32, [2, 3]);
/// assert_eq!(o.mode, "w+");
/// assert_eq!(MemmapOptions::from("r").mode, "r");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemmapOptions {
    /// `"r"`, `"r+"`, `"c"` or `"w+"`.
    pub mode: String,
    /// Element type: required for `"w+"`; raw files default to `uint8`.
    pub dtype: Option<DType>,
    /// Shape: required for `"w+"`; raw files default to the whole file as 1-D.
    pub shape: Option<Vec<usize>>,
    /// Memory order of a new or raw file.
    pub order: Order,
    /// Byte offset of the data in a raw file.
    pub offset: u64,
}

impl Default for MemmapOptions {
    /// NumPy's default mode, `"r+"`.
    fn default() -> Self {
        MemmapOptions {
            mode: "r+".into(),
            dtype: None,
            shape: None,
            order: Order::C,
            offset: 0,
        }
    }
}

impl From<&str> for MemmapOptions {
    fn from(mode: &str) -> Self {
        MemmapOptions {
            mode: mode.into(),
            ..MemmapOptions::default()
        }
    }
}

impl MemmapOptions {
    /// Options creating a new file (`"w+"`) of `dtype` and `shape`.
    pub fn create(dtype: DType, shape: impl AsRef<[usize]>) -> Self {
        MemmapOptions {
            mode: "w+".into(),
            dtype: Some(dtype),
            shape: Some(shape.as_ref().to_vec()),
            ..Default::default()
        }
    }

    /// These options with F (column-major) order.
    pub fn fortran_order(self) -> Self {
        MemmapOptions {
            order: Order::F,
            ..self
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    ReadOnly,
    ReadWrite,
    CopyOnWrite,
    Create,
}

fn parse_mode(mode: &str) -> Result<Mode> {
    Ok(match mode {
        "r" | "readonly" => Mode::ReadOnly,
        "r+" | "readwrite" => Mode::ReadWrite,
        "c" | "copyonwrite" => Mode::CopyOnWrite,
        "w+" | "write" => Mode::Create,
        _ => {
            return Err(ArrayError::value(format!(
                "mode must be one of ['r', 'c', 'r+', 'w+', 'readonly', 'copyonwrite', 'readwrite', 'write'] (got '{mode}')"
            )));
        }
    })
}

/// The mapping an array's storage points into; kept alive by the storage, flushed by
/// [`Array::try_flush`].
enum Mapping {
    ReadOnly(#[allow(dead_code)] Mmap),
    Writable { map: MmapMut, shared: bool },
}

/// Memory-maps a `.npy` file (NumPy's `np.lib.format.open_memmap`). With `"w+"` the file is
/// created with the given dtype and shape (zero-filled) and a NumPy header. Files of strings,
/// of structured dtypes (interleaved records, while arraylib stores each field apart) or in a
/// foreign byte order cannot be mapped: they are a `TypeError`, and [`load`](crate::load)
/// reads them.
///
/// ```
/// use arraylib::{DType, MemmapOptions, try_open_memmap};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("big.npy");
/// let mut m = try_open_memmap(&path, MemmapOptions::create(DType::Float64, [3, 4])).unwrap();
/// m.typed_mut::<f64>().unwrap()[[1, 2]] = 7.5;
/// m.try_flush().unwrap();
/// drop(m);
/// let r = try_open_memmap(&path, "r").unwrap();
/// assert!(!r.writeable());
/// assert_eq!(r.typed::<f64>().unwrap()[[1, 2]], 7.5);
/// assert_eq!(arraylib::load(&path).typed::<f64>().unwrap()[[1, 2]], 7.5);
///
/// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
/// arraylib::save(dir.path().join("rec.npy"), &arraylib::zeros(3, dt));
/// let e = try_open_memmap(dir.path().join("rec.npy"), "r").unwrap_err();
/// assert!(e.to_string().starts_with("TypeError: structured arrays cannot be memory-mapped"));
/// assert_eq!(arraylib::load(dir.path().join("rec.npy")).shape(), &[3]);
/// ```
pub fn try_open_memmap(path: impl AsRef<Path>, options: impl Into<MemmapOptions>) -> Result<Array> {
    let path = path.as_ref();
    let options = options.into();
    let mode = parse_mode(&options.mode)?;
    if mode == Mode::Create {
        let (Some(dtype), Some(shape)) = (options.dtype, options.shape.clone()) else {
            return Err(ArrayError::value(
                "mode 'w+' creates the file: give its dtype and shape",
            ));
        };
        let descr = Descr::native(dtype);
        check_mappable(&descr)?;
        let header = Header {
            descr,
            fortran_order: options.order == Order::F,
            shape,
        };
        let bytes = header.to_bytes();
        let total = (bytes.len() as u64)
            .checked_add(header.data_len()?)
            .ok_or_else(|| ArrayError::value("array is too big"))?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .map_err(|e| os_error(&e, path))?;
        file.write_all(&bytes).map_err(|e| os_error(&e, path))?;
        file.set_len(total).map_err(|e| os_error(&e, path))?;
        return map_file(
            &file,
            path,
            dtype,
            &header.shape,
            options.order,
            bytes.len() as u64,
            Mode::ReadWrite,
        );
    }
    let file = open(path, mode)?;
    let (header, offset) = read_header(&mut std::io::BufReader::new(&file))?;
    check_mappable(&header.descr)?;
    let dtype = header.descr.dtype();
    let file_len = file.metadata().map_err(|e| os_error(&e, path))?.len();
    if file_len.saturating_sub(offset) < header.data_len()? {
        return Err(ArrayError::value(format!(
            "the file is too short for an array of shape {} and dtype {dtype}: {} data bytes, {} needed",
            crate::error::shape_str(&header.shape),
            file_len.saturating_sub(offset),
            header.data_len()?
        )));
    }
    let order = if header.fortran_order { Order::F } else { Order::C };
    map_file(&file, path, dtype, &header.shape, order, offset, mode)
}

/// [`try_open_memmap`] that panics with the error (notebook use).
pub fn open_memmap(path: impl AsRef<Path>, options: impl Into<MemmapOptions>) -> Array {
    try_open_memmap(path, options).or_raise()
}

/// Memory-maps a raw binary file (NumPy's `np.memmap`): `dtype` (default `uint8`) elements
/// from `offset`, of `shape` (default: as many as the file holds, 1-D). `"w+"` creates the
/// file; `"r+"` grows it when the shape needs more bytes, as NumPy does.
///
/// ```
/// use arraylib::{DType, MemmapOptions, try_memmap};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("raw.bin");
/// std::fs::write(&path, 258u16.to_ne_bytes().repeat(3)).unwrap();
/// let m = try_memmap(&path, MemmapOptions { mode: "r".into(), dtype: Some(DType::UInt16), ..Default::default() }).unwrap();
/// assert_eq!(m.to_vec::<u16>().unwrap(), vec![258, 258, 258]);
/// ```
pub fn try_memmap(path: impl AsRef<Path>, options: impl Into<MemmapOptions>) -> Result<Array> {
    let path = path.as_ref();
    let options = options.into();
    let mode = parse_mode(&options.mode)?;
    let dtype = options.dtype.unwrap_or(DType::UInt8);
    check_mappable(&Descr::native(dtype))?;
    let item = dtype.itemsize() as u64;
    if mode == Mode::Create && options.shape.is_none() {
        return Err(ArrayError::value("shape must be given if no data is available"));
    }
    let file = if mode == Mode::Create {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .map_err(|e| os_error(&e, path))?
    } else {
        open(path, mode)?
    };
    let file_len = file.metadata().map_err(|e| os_error(&e, path))?.len();
    let shape = match options.shape {
        Some(shape) => shape,
        None => {
            let bytes = file_len.saturating_sub(options.offset);
            if bytes % item != 0 {
                return Err(ArrayError::value(
                    "Size of available data is not a multiple of the data-type size.",
                ));
            }
            vec![(bytes / item) as usize]
        }
    };
    let needed = shape
        .iter()
        .try_fold(item, |n, &d| n.checked_mul(d as u64))
        .and_then(|n| n.checked_add(options.offset))
        .ok_or_else(|| ArrayError::value("array is too big"))?;
    if needed > file_len {
        if matches!(mode, Mode::ReadWrite | Mode::Create) {
            file.set_len(needed).map_err(|e| os_error(&e, path))?;
        } else {
            return Err(ArrayError::value("mmap length is greater than file size"));
        }
    }
    let mode = if mode == Mode::Create { Mode::ReadWrite } else { mode };
    map_file(&file, path, dtype, &shape, options.order, options.offset, mode)
}

/// [`try_memmap`] that panics with the error (notebook use).
pub fn memmap(path: impl AsRef<Path>, options: impl Into<MemmapOptions>) -> Array {
    try_memmap(path, options).or_raise()
}

fn open(path: &Path, mode: Mode) -> Result<File> {
    let write = mode == Mode::ReadWrite;
    OpenOptions::new()
        .read(true)
        .write(write)
        .open(path)
        .map_err(|e| os_error(&e, path))
}

fn check_mappable(descr: &Descr) -> Result<()> {
    let &Descr::Simple { dtype, order } = descr else {
        return Err(ArrayError::type_error(
            "structured arrays cannot be memory-mapped: the file interleaves the fields of each record, \
             and arraylib keeps each field in its own storage; use load to read a copy",
        ));
    };
    if let DType::Str(_) = dtype {
        return Err(ArrayError::type_error(
            "string arrays cannot be memory-mapped (arraylib stores them as Rust strings); use load",
        ));
    }
    if order != ByteOrder::NATIVE {
        return Err(ArrayError::type_error(format!(
            "{dtype} data in non-native byte order cannot be memory-mapped without a copy; use load"
        )));
    }
    Ok(())
}

fn map_file(
    file: &File,
    path: &Path,
    dtype: DType,
    shape: &[usize],
    order: Order,
    offset: u64,
    mode: Mode,
) -> Result<Array> {
    let layout = Layout::contiguous(shape, order);
    let count = layout.size();
    let writeable = mode != Mode::ReadOnly;
    if count == 0 {
        // Nothing to map (and zero-length maps are refused by some systems).
        fn empty<T: Element>(layout: Layout, writeable: bool) -> Array {
            Array::from_shared(SharedBuffer::new(Vec::<T>::new()), layout, writeable)
        }
        return Ok(crate::array::with_numeric_type!(dtype, empty(layout, writeable), _ => unreachable!("checked")));
    }
    let len = count * dtype.itemsize();
    let raw = {
        let mut o = RawOptions::new();
        o.offset(offset).len(len);
        o
    };
    // SAFETY (all three): the file was checked to hold `offset + len` bytes; the map stays
    // valid while the file is not truncated by someone else, which the module docs require.
    let mapping = match mode {
        Mode::ReadOnly => Mapping::ReadOnly(unsafe { raw.map(file) }.map_err(|e| os_error(&e, path))?),
        Mode::ReadWrite => Mapping::Writable {
            map: unsafe { raw.map_mut(file) }.map_err(|e| os_error(&e, path))?,
            shared: true,
        },
        Mode::CopyOnWrite | Mode::Create => Mapping::Writable {
            map: unsafe { raw.map_copy(file) }.map_err(|e| os_error(&e, path))?,
            shared: false,
        },
    };
    let ptr = match &mapping {
        Mapping::ReadOnly(m) => m.as_ptr() as *mut u8,
        Mapping::Writable { map, .. } => map.as_ptr() as *mut u8,
    };
    fn wrap<T: Element>(
        ptr: *mut u8,
        count: usize,
        mapping: Mapping,
        layout: Layout,
        writeable: bool,
    ) -> Result<Array> {
        if !(ptr as usize).is_multiple_of(std::mem::align_of::<T>()) {
            return Err(ArrayError::value(format!(
                "the data does not start at a multiple of {} bytes and cannot be mapped as {}; use load",
                std::mem::align_of::<T>(),
                T::DTYPE
            )));
        }
        if T::DTYPE == DType::Bool {
            // SAFETY: the mapping holds `count` bytes; u8 has no invalid values.
            let bytes = unsafe { std::slice::from_raw_parts(ptr, count) };
            if let Some(i) = bytes.iter().position(|&b| b > 1) {
                return Err(ArrayError::value(format!(
                    "bool element {i} holds byte {}: only 0 and 1 can be mapped; use load",
                    bytes[i]
                )));
            }
        }
        let ptr = NonNull::new(ptr as *mut T).expect("mappings are never null");
        // SAFETY: aligned (checked), `count` elements inside the mapping, every bit pattern
        // valid for the numeric types (bools checked above); the mapping lives in the buffer.
        let storage = unsafe { SharedBuffer::from_external(ptr, count, Box::new(mapping), !writeable) };
        Ok(Array::from_shared(storage, layout, writeable))
    }
    crate::array::with_numeric_type!(dtype, wrap(ptr, count, mapping, layout, writeable), _ => unreachable!("checked"))
}

impl Array {
    /// Writes changes of a read-write memory map (`"r+"`, `"w+"`) to the file now (NumPy's
    /// `memmap.flush()`); does nothing for other arrays. The operating system writes them
    /// back eventually anyway; this makes them durable now.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2]);
    /// a.try_flush().unwrap();
    /// ```
    pub fn try_flush(&self) -> Result<()> {
        let owner = dispatch!(self.data(), s => s.external_owner(), record => None);
        match owner.and_then(|o| o.downcast_ref::<Mapping>()) {
            Some(Mapping::Writable { map, shared: true }) => map
                .flush()
                .map_err(|e| ArrayError::new(crate::ErrorKind::Os, format!("cannot flush memory map: {e}"))),
            _ => Ok(()),
        }
    }

    /// [`Array::try_flush`] that panics with the error (notebook use).
    pub fn flush(&self) {
        self.try_flush().or_raise()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_write_map_reaches_the_file_and_shares_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.npy");
        crate::io::try_save(&path, &Array::from_shape_vec([2, 2], vec![1i32, 2, 3, 4]).unwrap()).unwrap();
        let m = try_open_memmap(&path, "r+").unwrap();
        let v = m.view();
        v.typed_write::<i32>().unwrap()[[0, 1]] = 20;
        assert_eq!(m.to_vec::<i32>().unwrap(), vec![1, 20, 3, 4]);
        m.try_flush().unwrap();
        assert_eq!(
            crate::io::try_load(&path).unwrap().to_vec::<i32>().unwrap(),
            vec![1, 20, 3, 4]
        );
    }

    #[test]
    fn read_only_and_copy_on_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.npy");
        crate::io::try_save(&path, &Array::from_vec(vec![1.0f64, 2.0])).unwrap();
        let r = try_open_memmap(&path, "r").unwrap();
        assert!(!r.writeable());
        assert!(r.view().typed_write::<f64>().is_err());
        let mut c = try_open_memmap(&path, "c").unwrap();
        c.typed_mut::<f64>().unwrap()[0] = 9.0;
        assert_eq!(c.to_vec::<f64>().unwrap(), vec![9.0, 2.0]);
        assert_eq!(
            crate::io::try_load(&path).unwrap().to_vec::<f64>().unwrap(),
            vec![1.0, 2.0]
        );
        // A copy of a mapped array is an ordinary array.
        assert!(r.copy().writeable());
        assert_eq!(r.into_ndarray::<f64>().unwrap().as_slice().unwrap(), &[1.0, 2.0]);
    }

    #[test]
    fn refusals() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.npy");
        crate::io::try_save(&path, &Array::from_strings(["a"], 1)).unwrap();
        assert_eq!(try_open_memmap(&path, "r").unwrap_err().kind(), crate::ErrorKind::Type);
        assert_eq!(try_open_memmap(&path, "x").unwrap_err().kind(), crate::ErrorKind::Value);
        assert_eq!(
            try_open_memmap(dir.path().join("none.npy"), "r").unwrap_err().kind(),
            crate::ErrorKind::FileNotFound
        );
        let short = dir.path().join("short.npy");
        crate::io::try_save(&short, &Array::from_vec(vec![1.0f64; 10])).unwrap();
        let bytes = std::fs::read(&short).unwrap();
        std::fs::write(&short, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(
            try_open_memmap(&short, "r").unwrap_err().kind(),
            crate::ErrorKind::Value
        );
        let b = dir.path().join("b.npy");
        crate::io::try_save(&b, &Array::from_vec(vec![true, false])).unwrap();
        let mut bytes = std::fs::read(&b).unwrap();
        *bytes.last_mut().unwrap() = 2;
        std::fs::write(&b, &bytes).unwrap();
        assert!(try_open_memmap(&b, "r").is_err());
    }

    #[test]
    fn structured_arrays_are_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rec.npy");
        let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
        crate::io::try_save(&path, &crate::zeros(4, dt)).unwrap();
        let expected = "TypeError: structured arrays cannot be memory-mapped: the file interleaves the fields of each \
                        record, and arraylib keeps each field in its own storage; use load to read a copy";
        for mode in ["r", "r+", "c"] {
            assert_eq!(try_open_memmap(&path, mode).unwrap_err().to_string(), expected);
        }
        let created = dir.path().join("new.npy");
        let e = try_open_memmap(&created, MemmapOptions::create(dt, [2])).unwrap_err();
        assert_eq!(e.to_string(), expected);
        assert!(!created.exists(), "refused before the file is created");
        let raw = MemmapOptions {
            mode: "r".into(),
            dtype: Some(dt),
            ..Default::default()
        };
        assert_eq!(try_memmap(&path, raw).unwrap_err().to_string(), expected);
        assert_eq!(crate::io::try_load(&path).unwrap().shape(), &[4]);
    }

    #[test]
    fn fortran_order_and_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.npy");
        let m = try_open_memmap(&path, MemmapOptions::create(DType::Int16, [2, 3]).fortran_order()).unwrap();
        assert!(m.is_f_contiguous() && !m.is_c_contiguous());
        drop(m);
        let e = try_open_memmap(dir.path().join("e.npy"), MemmapOptions::create(DType::Float64, [0, 4])).unwrap();
        assert_eq!(e.shape(), &[0, 4]);
        let l = crate::io::try_load(&path).unwrap();
        assert!(l.is_f_contiguous());
    }
}
