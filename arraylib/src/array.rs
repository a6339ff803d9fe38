//! [`Array`]: one n-dimensional array type whose dtype and shape are run-time values.
//!
//! An array is a handle: a [`Storage`] of elements shared with its views, plus a [`Layout`]
//! (shape, strides and offset, counted in elements) that says which elements it sees and in
//! which order. Slicing, transposing and reshaping a contiguous array make new handles on the
//! same storage in O(1), as in NumPy; typed access goes through `ndarray` views built from the
//! handle without copying.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use ndarray::{ArrayD, ArrayViewD, ArrayViewMutD, Axis, IxDyn, ShapeBuilder};
use num_complex::Complex64;

use crate::buffer::{BorrowRead, BorrowWrite, SharedBuffer, Storage};
use crate::dtype::DType;
use crate::element::{Element, NumElement};
use crate::error::{ArrayError, ErrorKind, Result};

/// The storage of an array, one variant per element type.
#[doc(hidden)]
#[derive(Clone)]
pub enum Data {
    Bool(Storage<bool>),
    Int8(Storage<i8>),
    Int16(Storage<i16>),
    Int32(Storage<i32>),
    Int64(Storage<i64>),
    UInt8(Storage<u8>),
    UInt16(Storage<u16>),
    UInt32(Storage<u32>),
    UInt64(Storage<u64>),
    Float32(Storage<f32>),
    Float64(Storage<f64>),
    Complex128(Storage<Complex64>),
    Str(Storage<String>),
    /// A structured array: one storage per field, all seen through the array's one layout.
    Record(Vec<Data>),
}

/// Runs `$body` with `$s` bound to the typed storage of any dtype; `$record` for structured
/// arrays, whose fields each have their own storage (see `crate::record`).
macro_rules! dispatch {
    ($data:expr, $s:ident => $body:expr, record => $record:expr) => {
        match $data {
            $crate::array::Data::Bool($s) => $body,
            $crate::array::Data::Int8($s) => $body,
            $crate::array::Data::Int16($s) => $body,
            $crate::array::Data::Int32($s) => $body,
            $crate::array::Data::Int64($s) => $body,
            $crate::array::Data::UInt8($s) => $body,
            $crate::array::Data::UInt16($s) => $body,
            $crate::array::Data::UInt32($s) => $body,
            $crate::array::Data::UInt64($s) => $body,
            $crate::array::Data::Float32($s) => $body,
            $crate::array::Data::Float64($s) => $body,
            $crate::array::Data::Complex128($s) => $body,
            $crate::array::Data::Str($s) => $body,
            $crate::array::Data::Record(_) => $record,
        }
    };
}

/// Runs `$body` with `$s` bound to the typed storage of a numeric dtype, `$other` otherwise.
macro_rules! dispatch_numeric {
    ($data:expr, $s:ident => $body:expr, _ => $other:expr) => {
        match $data {
            $crate::array::Data::Bool($s) => $body,
            $crate::array::Data::Int8($s) => $body,
            $crate::array::Data::Int16($s) => $body,
            $crate::array::Data::Int32($s) => $body,
            $crate::array::Data::Int64($s) => $body,
            $crate::array::Data::UInt8($s) => $body,
            $crate::array::Data::UInt16($s) => $body,
            $crate::array::Data::UInt32($s) => $body,
            $crate::array::Data::UInt64($s) => $body,
            $crate::array::Data::Float32($s) => $body,
            $crate::array::Data::Float64($s) => $body,
            $crate::array::Data::Complex128($s) => $body,
            $crate::array::Data::Str(_) | $crate::array::Data::Record(_) => $other,
        }
    };
}

/// Calls `$f::<T>($($arg),*)` with `T` the element type of numeric dtype `$dtype`,
/// `$other` for strings and records.
macro_rules! with_numeric_type {
    ($dtype:expr, $f:ident($($arg:expr),*), _ => $other:expr) => {
        match $dtype {
            $crate::DType::Bool => $f::<bool>($($arg),*),
            $crate::DType::Int8 => $f::<i8>($($arg),*),
            $crate::DType::Int16 => $f::<i16>($($arg),*),
            $crate::DType::Int32 => $f::<i32>($($arg),*),
            $crate::DType::Int64 => $f::<i64>($($arg),*),
            $crate::DType::UInt8 => $f::<u8>($($arg),*),
            $crate::DType::UInt16 => $f::<u16>($($arg),*),
            $crate::DType::UInt32 => $f::<u32>($($arg),*),
            $crate::DType::UInt64 => $f::<u64>($($arg),*),
            $crate::DType::Float32 => $f::<f32>($($arg),*),
            $crate::DType::Float64 => $f::<f64>($($arg),*),
            $crate::DType::Complex128 => $f::<num_complex::Complex64>($($arg),*),
            $crate::DType::Str(_) | $crate::DType::Record(_) => $other,
        }
    };
}

pub(crate) use {dispatch, with_numeric_type};

/// Which elements of a storage an array sees: shape, strides and offset, in elements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Length of each axis.
    pub shape: Vec<usize>,
    /// Step between neighbours along each axis, in elements (may be 0 or negative).
    pub strides: Vec<isize>,
    /// Index in the storage of the element at index `[0, 0, ...]`.
    pub offset: usize,
}

/// Memory order of a new array: row-major (`C`) or column-major (`F`).
///
/// ```
/// use arraylib::{Array, DType, Order};
/// let f = Array::zeros_order([2, 3], DType::Float64, Order::F);
/// assert!(f.is_f_contiguous() && !f.is_c_contiguous());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Order {
    /// Row-major, NumPy's default.
    #[default]
    C,
    /// Column-major (Fortran).
    F,
}

impl Layout {
    /// A fresh contiguous layout of `shape` in `order`.
    pub fn contiguous(shape: &[usize], order: Order) -> Layout {
        let mut strides = vec![0isize; shape.len()];
        let mut step = 1isize;
        let axes: Vec<usize> = match order {
            Order::C => (0..shape.len()).rev().collect(),
            Order::F => (0..shape.len()).collect(),
        };
        for axis in axes {
            strides[axis] = step;
            step *= shape[axis].max(1) as isize;
        }
        Layout {
            shape: shape.to_vec(),
            strides,
            offset: 0,
        }
    }

    /// Number of elements seen.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// NumPy's `C_CONTIGUOUS` flag (axes of length 1 are ignored; empty arrays are contiguous).
    pub fn is_c_contiguous(&self) -> bool {
        self.is_contiguous_in((0..self.shape.len()).rev())
    }

    /// NumPy's `F_CONTIGUOUS` flag.
    pub fn is_f_contiguous(&self) -> bool {
        self.is_contiguous_in(0..self.shape.len())
    }

    fn is_contiguous_in(&self, axes: impl Iterator<Item = usize>) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected = 1isize;
        for axis in axes {
            if self.shape[axis] != 1 {
                if self.strides[axis] != expected {
                    return false;
                }
                expected *= self.shape[axis] as isize;
            }
        }
        true
    }

    /// Lowest and highest storage index seen, or `None` when empty.
    pub fn extent(&self) -> Option<(usize, usize)> {
        if self.size() == 0 {
            return None;
        }
        let (mut low, mut high) = (self.offset as isize, self.offset as isize);
        for (&n, &s) in self.shape.iter().zip(&self.strides) {
            let reach = (n as isize - 1) * s;
            if reach < 0 {
                low += reach;
            } else {
                high += reach;
            }
        }
        Some((low as usize, high as usize))
    }

    /// Every storage index seen, in logical C order.
    pub fn indices(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.size());
        if self.size() == 0 {
            return out;
        }
        let mut index = vec![0usize; self.shape.len()];
        let mut pos = self.offset as isize;
        loop {
            out.push(pos as usize);
            let mut axis = self.shape.len();
            loop {
                if axis == 0 {
                    return out;
                }
                axis -= 1;
                index[axis] += 1;
                pos += self.strides[axis];
                if index[axis] < self.shape[axis] {
                    break;
                }
                pos -= self.strides[axis] * self.shape[axis] as isize;
                index[axis] = 0;
            }
        }
    }
}

/// An n-dimensional array with a run-time [`DType`] and shape, NumPy's `ndarray`.
///
/// ```
/// use arraylib::{Array, DType};
/// let a = Array::from_shape_vec([2, 3], vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
/// assert_eq!(a.shape(), &[2, 3]);
/// assert_eq!(a.dtype(), DType::Float64);
/// assert_eq!(a.strides(), vec![24, 8]);
/// ```
///
/// `Clone` makes an independent copy (Rust's expectation, and NumPy's `a.copy()`); a handle
/// that shares memory, NumPy's `a.view()`, comes from [`Array::view`].
pub struct Array {
    data: Data,
    dtype: DType,
    layout: Layout,
    writeable: bool,
    /// The layout of the array that owns the storage; `None` when this array is the owner.
    base: Option<Arc<Layout>>,
}

/// A typed, read-only `ndarray` view of an [`Array`]; derefs to [`ArrayViewD`].
pub struct ArrayRef<'a, T> {
    view: ArrayViewD<'a, T>,
    _borrow: BorrowRead<'a, T>,
}

impl<'a, T> Deref for ArrayRef<'a, T> {
    type Target = ArrayViewD<'a, T>;
    fn deref(&self) -> &Self::Target {
        &self.view
    }
}

/// A typed, writable `ndarray` view of an [`Array`]; writes go to the shared storage.
pub struct ArrayRefMut<'a, T> {
    view: ArrayViewMutD<'a, T>,
    _borrow: BorrowWrite<'a, T>,
}

impl<'a, T> Deref for ArrayRefMut<'a, T> {
    type Target = ArrayViewMutD<'a, T>;
    fn deref(&self) -> &Self::Target {
        &self.view
    }
}

impl<T> DerefMut for ArrayRefMut<'_, T> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.view
    }
}

/// The storage of an array as a plain slice, under a read borrow (crate-internal).
pub(crate) struct RawSlice<'a, T> {
    slice: &'a [T],
    _borrow: BorrowRead<'a, T>,
}

impl<T> Deref for RawSlice<'_, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.slice
    }
}

/// The storage of an array as a plain mutable slice, under the write borrow (crate-internal).
pub(crate) struct RawSliceMut<'a, T> {
    slice: &'a mut [T],
    _borrow: BorrowWrite<'a, T>,
}

impl<T> Deref for RawSliceMut<'_, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.slice
    }
}

impl<T> DerefMut for RawSliceMut<'_, T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.slice
    }
}

impl Array {
    // ---- construction from Rust data ------------------------------------------------------

    /// A 1-D array owning `data`.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1i32, 2, 3]);
    /// assert_eq!(a.shape(), &[3]);
    /// assert_eq!(a.dtype(), arraylib::DType::Int32);
    /// ```
    pub fn from_vec<T: Element>(data: Vec<T>) -> Array {
        let n = data.len();
        Array::from_storage(data, Layout::contiguous(&[n], Order::C))
    }

    /// An array of `shape` owning `data` given in row-major order.
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([2, 2], vec![1u8, 2, 3, 4]).unwrap();
    /// assert_eq!(a.to_vec::<u8>().unwrap(), vec![1, 2, 3, 4]);
    /// assert!(arraylib::Array::from_shape_vec([3], vec![1u8]).is_err());
    /// ```
    pub fn from_shape_vec<T: Element>(shape: impl AsRef<[usize]>, data: Vec<T>) -> Result<Array> {
        let shape = shape.as_ref();
        let size: usize = shape.iter().product();
        if size != data.len() {
            return Err(ArrayError::value(format!(
                "cannot reshape array of size {} into shape {}",
                data.len(),
                crate::error::shape_str(shape)
            )));
        }
        Ok(Array::from_storage(data, Layout::contiguous(shape, Order::C)))
    }

    /// A 0-d array holding one value (a NumPy scalar such as `np.int8(5)`).
    ///
    /// ```
    /// let s = arraylib::Array::scalar(5i8);
    /// assert_eq!(s.ndim(), 0);
    /// assert_eq!(s.dtype(), arraylib::DType::Int8);
    /// ```
    pub fn scalar<T: Element>(value: T) -> Array {
        Array::from_storage(vec![value], Layout::contiguous(&[], Order::C))
    }

    /// Takes ownership of an `ndarray` array without copying its elements.
    ///
    /// ```
    /// let nd = ndarray::array![[1.0, 2.0], [3.0, 4.0]].into_dyn();
    /// let a = arraylib::Array::from_ndarray(nd.reversed_axes());
    /// assert!(a.is_f_contiguous());
    /// assert_eq!(a.to_vec::<f64>().unwrap(), vec![1.0, 3.0, 2.0, 4.0]);
    /// ```
    pub fn from_ndarray<T: Element, D: ndarray::Dimension>(array: ndarray::Array<T, D>) -> Array {
        let shape = array.shape().to_vec();
        let strides = array.strides().to_vec();
        let (vec, offset) = array.into_raw_vec_and_offset();
        Array::from_storage(
            vec,
            Layout {
                shape,
                strides,
                offset: offset.unwrap_or(0),
            },
        )
    }

    fn from_storage<T: Element>(data: Vec<T>, layout: Layout) -> Array {
        // Every operation that makes an array passes here: the cheapest place to notice the
        // notebook's interrupt button between operations.
        crate::interrupt::check();
        let dtype = match T::DTYPE {
            DType::Str(_) => {
                let strings = (&data as &dyn std::any::Any).downcast_ref::<Vec<String>>();
                DType::Str(str_width(strings.expect("Str dtype holds Strings")))
            }
            other => other,
        };
        Array {
            data: T::wrap(SharedBuffer::new(data)),
            dtype,
            layout,
            writeable: true,
            base: None,
        }
    }

    /// An owner array over existing shared storage (memory-mapped files build arrays this way).
    pub(crate) fn from_shared<T: Element>(storage: Storage<T>, layout: Layout, writeable: bool) -> Array {
        crate::interrupt::check();
        Array {
            data: T::wrap(storage),
            dtype: T::DTYPE,
            layout,
            writeable,
            base: None,
        }
    }

    /// A string array of exactly `width` characters per element (`<U{width}`); longer values
    /// are cut, as NumPy does on assignment.
    ///
    /// ```
    /// let a = arraylib::Array::from_strings(["alice", "bob"], 3);
    /// assert_eq!(a.dtype(), arraylib::DType::Str(3));
    /// assert_eq!(a.to_vec::<String>().unwrap(), vec!["ali", "bob"]);
    /// ```
    pub fn from_strings<S: AsRef<str>>(values: impl IntoIterator<Item = S>, width: usize) -> Array {
        let data: Vec<String> = values
            .into_iter()
            .map(|s| s.as_ref().chars().take(width).collect())
            .collect();
        let mut array = Array::from_vec(data);
        array.dtype = DType::Str(width);
        array
    }

    /// An array sharing this one's storage with a new layout (the basis of every O(1) view).
    pub(crate) fn with_layout(&self, layout: Layout) -> Array {
        let base = match &self.base {
            Some(base) => Some(base.clone()),
            None => Some(Arc::new(self.layout.clone())),
        };
        Array {
            data: self.data.clone(),
            dtype: self.dtype,
            layout,
            writeable: self.writeable,
            base,
        }
    }

    /// A second name for this very array, Python's `b = a`: same memory, same flags
    /// (unlike [`Array::view`], the alias of an owner still reports `owndata`).
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// let b = a.alias();
    /// assert!(b.owndata() && arraylib::shares_memory(&a, &b));
    /// ```
    pub fn alias(&self) -> Array {
        Array {
            data: self.data.clone(),
            dtype: self.dtype,
            layout: self.layout.clone(),
            writeable: self.writeable,
            base: self.base.clone(),
        }
    }

    /// A new handle on the same memory, NumPy's `a.view()`: writes through either are seen by both.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// let v = a.view();
    /// assert!(arraylib::shares_memory(&a, &v));
    /// assert!(!v.owndata());
    /// ```
    pub fn view(&self) -> Array {
        self.with_layout(self.layout.clone())
    }

    /// The same array reporting `dtype` (used to set string widths).
    pub(crate) fn with_dtype(mut self, dtype: DType) -> Array {
        self.dtype = dtype;
        self
    }

    /// Makes this handle the owner of its storage (for freshly built arrays).
    pub(crate) fn set_owner(&mut self) {
        self.base = None;
    }

    /// This array marked read-only (as `broadcast_to` results are in NumPy).
    pub(crate) fn into_readonly(mut self) -> Array {
        self.writeable = false;
        self
    }

    // ---- attributes -----------------------------------------------------------------------

    /// The element type.
    ///
    /// ```
    /// assert_eq!(arraylib::Array::from_vec(vec![1.5f32]).dtype(), arraylib::DType::Float32);
    /// ```
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// Length of each axis.
    ///
    /// ```
    /// assert_eq!(arraylib::Array::from_vec(vec![1, 2]).shape(), &[2]);
    /// ```
    pub fn shape(&self) -> &[usize] {
        &self.layout.shape
    }

    /// Number of axes.
    ///
    /// ```
    /// assert_eq!(arraylib::Array::scalar(1.0).ndim(), 0);
    /// ```
    pub fn ndim(&self) -> usize {
        self.layout.shape.len()
    }

    /// Number of elements.
    ///
    /// ```
    /// assert_eq!(arraylib::Array::from_shape_vec([2, 3], vec![0; 6]).unwrap().size(), 6);
    /// ```
    pub fn size(&self) -> usize {
        self.layout.size()
    }

    /// Bytes per element.
    ///
    /// ```
    /// assert_eq!(arraylib::Array::from_vec(vec![1i16]).itemsize(), 2);
    /// ```
    pub fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }

    /// Bytes of all elements (`size * itemsize`).
    ///
    /// ```
    /// assert_eq!(arraylib::Array::from_vec(vec![1i16, 2]).nbytes(), 4);
    /// ```
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }

    /// Strides in bytes, as NumPy reports them.
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([2, 3], vec![0i32; 6]).unwrap();
    /// assert_eq!(a.strides(), vec![12, 4]);
    /// ```
    pub fn strides(&self) -> Vec<isize> {
        let item = self.itemsize() as isize;
        self.layout.strides.iter().map(|s| s * item).collect()
    }

    /// Shape, strides (in elements) and offset of this handle.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// assert_eq!(a.layout().strides, vec![1]);
    /// ```
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// NumPy's `flags.c_contiguous`.
    ///
    /// ```
    /// assert!(arraylib::Array::from_vec(vec![1, 2]).is_c_contiguous());
    /// ```
    pub fn is_c_contiguous(&self) -> bool {
        self.layout.is_c_contiguous()
    }

    /// NumPy's `flags.f_contiguous`.
    ///
    /// ```
    /// assert!(arraylib::Array::from_vec(vec![1, 2]).is_f_contiguous());
    /// ```
    pub fn is_f_contiguous(&self) -> bool {
        self.layout.is_f_contiguous()
    }

    /// NumPy's `flags.owndata`: false for views.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2]);
    /// assert!(a.owndata() && !a.view().owndata());
    /// ```
    pub fn owndata(&self) -> bool {
        self.base.is_none()
    }

    /// NumPy's `flags.writeable`.
    ///
    /// ```
    /// assert!(arraylib::Array::from_vec(vec![1, 2]).writeable());
    /// ```
    pub fn writeable(&self) -> bool {
        self.writeable
    }

    /// NumPy's `base`: for a view, a handle on the array that owns the memory.
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
    /// let v = a.view();
    /// assert_eq!(v.base().unwrap().shape(), &[2, 2]);
    /// assert!(a.base().is_none());
    /// ```
    pub fn base(&self) -> Option<Array> {
        self.base.as_ref().map(|layout| Array {
            data: self.data.clone(),
            dtype: self.dtype,
            layout: (**layout).clone(),
            writeable: self.writeable,
            base: None,
        })
    }

    /// Address of the storage, to tell whether two arrays can share memory (a structured
    /// array's is its first field's; [`shares_memory`] compares every field).
    pub(crate) fn storage_id(&self) -> usize {
        self.storage_ids()[0]
    }

    /// Whether the two arrays hold a storage in common (any field of a structured array),
    /// whatever elements they see of it.
    pub(crate) fn shares_storage(&self, other: &Array) -> bool {
        let ids = other.storage_ids();
        self.storage_ids().iter().any(|id| ids.contains(id))
    }

    fn storage_ids(&self) -> Vec<usize> {
        fn ids(data: &Data) -> Vec<usize> {
            dispatch!(data, s => vec![Arc::as_ptr(s) as *const u8 as usize], record => match data {
                Data::Record(fields) => fields.iter().flat_map(ids).collect(),
                _ => unreachable!("record arm"),
            })
        }
        ids(&self.data)
    }

    /// Field `i` of a structured array as a view with the array's layout (the storage of the
    /// field is shared, so writes go into this array).
    pub(crate) fn field_view(&self, i: usize) -> Array {
        let (Data::Record(fields), Some(record)) = (&self.data, self.dtype.fields()) else {
            panic!("field_view of an unstructured array");
        };
        let mut view = self.with_layout(self.layout.clone());
        view.data = fields[i].clone();
        view.dtype = record[i].dtype;
        view
    }

    /// A structured view with only the fields at `idx` (of structured `dtype`).
    pub(crate) fn fields_view(&self, idx: &[usize], dtype: DType) -> Array {
        let Data::Record(fields) = &self.data else {
            panic!("fields_view of an unstructured array");
        };
        let mut view = self.with_layout(self.layout.clone());
        view.data = Data::Record(idx.iter().map(|&i| fields[i].clone()).collect());
        view.dtype = dtype;
        view
    }

    /// A structured array of `dtype` owning `fields`: fresh arrays of one contiguous layout,
    /// already in the fields' dtypes.
    pub(crate) fn record_from_parts(dtype: DType, fields: Vec<Array>) -> Array {
        let layout = fields[0].layout.clone();
        debug_assert!(fields.iter().all(|f| f.layout == layout));
        crate::interrupt::check();
        Array {
            data: Data::Record(fields.into_iter().map(|f| f.data).collect()),
            dtype,
            layout,
            writeable: true,
            base: None,
        }
    }

    /// The storage enum (crate-internal typed dispatch).
    pub(crate) fn data(&self) -> &Data {
        &self.data
    }

    // ---- typed access -----------------------------------------------------------------------

    /// A read-only `ndarray` view of the elements as `T`, without copying.
    ///
    /// Fails with a `TypeError` when `T` is not this array's element type.
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([2, 2], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
    /// let v = a.typed::<f64>().unwrap();
    /// assert_eq!(v[[1, 0]], 3.0);
    /// assert!(a.typed::<i32>().is_err());
    /// ```
    pub fn typed<T: Element>(&self) -> Result<ArrayRef<'_, T>> {
        let storage = self.storage::<T>()?;
        let borrow = storage.borrow_read()?;
        // SAFETY: the layout stays inside the storage (every constructor checks it) and the
        // read borrow excludes writers for the view's lifetime.
        let view = unsafe { raw_view(storage.as_ptr(), &self.layout).deref_into_view() };
        Ok(ArrayRef { view, _borrow: borrow })
    }

    /// A writable `ndarray` view of the elements as `T`; writes are seen by every view of
    /// the same memory. Fails for read-only arrays and for the wrong `T`.
    ///
    /// ```
    /// let mut a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// a.typed_mut::<i32>().unwrap()[1] = 20;
    /// assert_eq!(a.to_vec::<i32>().unwrap(), vec![1, 20, 3]);
    /// ```
    pub fn typed_mut<T: Element>(&mut self) -> Result<ArrayRefMut<'_, T>> {
        self.typed_write()
    }

    /// Like [`Array::typed_mut`] through a shared handle: used where NumPy semantics write
    /// through a view that Rust code holds by `&`.
    pub(crate) fn typed_write<T: Element>(&self) -> Result<ArrayRefMut<'_, T>> {
        if !self.writeable {
            return Err(ArrayError::value("assignment destination is read-only"));
        }
        let storage = self.storage::<T>()?;
        let borrow = storage.borrow_write()?;
        if self
            .layout
            .strides
            .iter()
            .zip(&self.layout.shape)
            .any(|(&s, &n)| s == 0 && n > 1)
        {
            return Err(ArrayError::value("assignment destination is read-only"));
        }
        // SAFETY: in bounds as for `typed`; the write borrow is exclusive, and no two
        // logical indices map to one element (zero strides were refused above).
        let view = unsafe { raw_view_mut(storage.as_ptr(), &self.layout).deref_into_view_mut() };
        Ok(ArrayRefMut { view, _borrow: borrow })
    }

    /// The whole storage as a slice, read-borrowed: for kernels that compute storage indices
    /// from [`Array::layout`] themselves (gather and scatter in `index`, which copy whole
    /// contiguous rows at once instead of walking elements through `ndarray` views).
    pub(crate) fn raw_read<T: Element>(&self) -> Result<RawSlice<'_, T>> {
        let storage = self.storage::<T>()?;
        let borrow = storage.borrow_read()?;
        // SAFETY: the read borrow excludes writers while the slice lives.
        let slice = unsafe { std::slice::from_raw_parts(storage.as_ptr(), storage.len()) };
        Ok(RawSlice { slice, _borrow: borrow })
    }

    /// The whole storage as a writable slice (write-borrowed); fails on read-only arrays with
    /// NumPy's message.
    pub(crate) fn raw_write<T: Element>(&self) -> Result<RawSliceMut<'_, T>> {
        if !self.writeable {
            return Err(ArrayError::value("assignment destination is read-only"));
        }
        let storage = self.storage::<T>()?;
        let borrow = storage.borrow_write()?;
        // SAFETY: the write borrow is exclusive while the slice lives.
        let slice = unsafe { std::slice::from_raw_parts_mut(storage.as_ptr(), storage.len()) };
        Ok(RawSliceMut { slice, _borrow: borrow })
    }

    fn storage<T: Element>(&self) -> Result<&Storage<T>> {
        T::storage(&self.data).ok_or_else(|| {
            ArrayError::type_error(format!(
                "array of dtype {} cannot be viewed as {}",
                self.dtype,
                std::any::type_name::<T>()
            ))
        })
    }

    /// The elements as `T` in logical row-major order.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![3u8, 4]);
    /// assert_eq!(a.to_vec::<u8>().unwrap(), vec![3, 4]);
    /// ```
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        Ok(self.typed::<T>()?.iter().cloned().collect())
    }

    /// A copy as an owned `ndarray` array of `T`.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1.0, 2.0]);
    /// assert_eq!(a.to_ndarray::<f64>().unwrap(), ndarray::arr1(&[1.0, 2.0]).into_dyn());
    /// ```
    pub fn to_ndarray<T: Element>(&self) -> Result<ArrayD<T>> {
        Ok(self.typed::<T>()?.to_owned())
    }

    /// Converts into an owned `ndarray` array, without copying when this handle is the only
    /// one on its storage.
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([2], vec![1i64, 2]).unwrap();
    /// let nd = a.into_ndarray::<i64>().unwrap();
    /// assert_eq!(nd.shape(), &[2]);
    /// ```
    pub fn into_ndarray<T: Element>(self) -> Result<ArrayD<T>> {
        let storage = self.storage::<T>()?.clone();
        let unique_and_whole = self.layout.offset == 0
            && storage.len() == self.size()
            && (self.is_c_contiguous() || self.is_f_contiguous());
        if unique_and_whole {
            let layout = self.layout.clone();
            drop(self);
            if let Ok(buffer) = Arc::try_unwrap(storage) {
                let vec = buffer.into_vec();
                let shape = IxDyn(&layout.shape);
                let strides = IxDyn(&layout.strides.iter().map(|&s| s as usize).collect::<Vec<_>>());
                return ArrayD::from_shape_vec(shape.strides(strides), vec)
                    .map_err(|e| ArrayError::value(e.to_string()));
            }
            unreachable!("the storage was uniquely held");
        }
        self.to_ndarray()
    }

    /// The single element of a size-1 array as `f64` (NumPy's `a.item()` for numbers).
    ///
    /// ```
    /// assert_eq!(arraylib::Array::scalar(3i32).item_f64().unwrap(), 3.0);
    /// ```
    pub fn item_f64(&self) -> Result<f64> {
        if self.size() != 1 {
            return Err(ArrayError::value(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        fn first<T: NumElement>(a: &Array) -> Result<f64> {
            Ok(a.typed::<T>()?.iter().next().expect("size 1").to_f64())
        }
        with_numeric_type!(self.dtype, first(self), _ => Err(ArrayError::type_error("item_f64 of a string array")))
    }

    // ---- copies and casts ---------------------------------------------------------------------

    /// A copy in `order` memory layout (NumPy's `a.copy(order=...)`): an [`Order`], or a
    /// [`MemoryOrder`](crate::MemoryOrder) for NumPy's `A` and `K` (keep this array's layout).
    ///
    /// ```
    /// use arraylib::{Array, MemoryOrder, Order};
    /// let a = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
    /// let f = a.copy_order(Order::F);
    /// assert!(f.is_f_contiguous());
    /// assert_eq!(f.to_vec::<i32>().unwrap(), vec![1, 2, 3, 4]);
    /// assert!(f.copy_order(MemoryOrder::K).is_f_contiguous());
    /// ```
    pub fn copy_order(&self, order: impl Into<crate::shape::MemoryOrder>) -> Array {
        // The shape module's copy works in cache-sized tiles, so transposed sources copy fast.
        crate::shape::copy_in(self, order.into())
    }

    /// An independent C-ordered copy (NumPy's `a.copy()`).
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2]);
    /// assert!(!arraylib::shares_memory(&a, &a.copy()));
    /// ```
    pub fn copy(&self) -> Array {
        self.copy_order(Order::C)
    }

    /// This array converted to `dtype` (always a copy, NumPy's `astype`): integers wrap,
    /// floats truncate toward zero, numbers format as strings and strings parse as numbers.
    /// Structured dtypes cast as in NumPy: to another structured dtype with as many fields
    /// by position, a plain array into every field, a one-field structured array to a plain
    /// dtype; other casts with a structured dtype are a `TypeError`.
    ///
    /// ```
    /// use arraylib::{Array, DType};
    /// let a = Array::from_vec(vec![1.7, -2.7]);
    /// assert_eq!(a.astype(DType::Int32).unwrap().to_vec::<i32>().unwrap(), vec![1, -2]);
    ///
    /// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
    /// let r = Array::from_vec(vec![1.5, 2.5]).astype(dt).unwrap();
    /// assert_eq!(r.field("name").to_vec::<String>().unwrap(), vec!["1.5", "2.5"]);
    /// assert_eq!(r.field("age").to_vec::<i32>().unwrap(), vec![1, 2]);
    /// let other = DType::record(&[("n", DType::Str(3)), ("k", DType::Float64)]).unwrap();
    /// assert_eq!(r.astype(other).unwrap().field("k").to_vec::<f64>().unwrap(), vec![1.0, 2.0]);
    /// assert_eq!(
    ///     r.astype(DType::Int64).unwrap_err().to_string(),
    ///     "TypeError: Cannot cast array data from dtype([('name', '<U5'), ('age', '<i4')]) to dtype('int64') \
    ///      according to the rule 'unsafe'"
    /// );
    /// ```
    pub fn astype(&self, dtype: DType) -> Result<Array> {
        if dtype == self.dtype {
            return Ok(self.copy());
        }
        if self.dtype.fields().is_some() || dtype.fields().is_some() {
            return self.cast_records(dtype);
        }
        match (self.dtype, dtype) {
            (DType::Str(_), DType::Str(width)) => {
                let values = self.to_vec::<String>()?;
                Ok(Array::from_strings(values, width).reshape_same(self.shape()))
            }
            (DType::Str(_), _) => {
                let parsed = self
                    .to_vec::<String>()?
                    .iter()
                    .map(|s| parse_number(s))
                    .collect::<Result<Vec<_>>>()?;
                Array::from_shape_vec(self.shape(), parsed)?.astype(dtype)
            }
            (_, DType::Str(width)) => {
                let texts = self.map_to_strings()?;
                let width = if width == 0 {
                    texts.iter().map(|t| t.chars().count()).max().unwrap_or(1)
                } else {
                    width
                };
                Ok(Array::from_strings(texts, width).reshape_same(self.shape()))
            }
            _ => {
                fn cast_to<B: NumElement>(a: &Array) -> Array {
                    fn from<A: NumElement, B: NumElement>(a: &Array, _: &Storage<A>) -> Array {
                        let view = a.typed::<A>().expect("dtype matches");
                        let data: Vec<B> = view.iter().map(|&x| B::cast_from(x)).collect();
                        Array::from_storage(data, Layout::contiguous(a.shape(), Order::C))
                    }
                    dispatch_numeric!(&a.data, s => from::<_, B>(a, s), _ => unreachable!("numeric source"))
                }
                Ok(with_numeric_type!(dtype, cast_to(self), _ => unreachable!("numeric target")))
            }
        }
    }

    /// Returns this array when it already has `dtype` (no copy), a converted copy otherwise.
    /// NumPy's `astype(dtype, copy=False)`.
    ///
    /// ```
    /// use arraylib::{Array, DType};
    /// let a = Array::from_vec(vec![1i64, 2]);
    /// assert!(arraylib::shares_memory(&a, &a.astype_nocopy(DType::Int64).unwrap()));
    /// ```
    pub fn astype_nocopy(&self, dtype: DType) -> Result<Array> {
        if dtype == self.dtype {
            Ok(self.view())
        } else {
            self.astype(dtype)
        }
    }

    fn reshape_same(self, shape: &[usize]) -> Array {
        let layout = Layout::contiguous(shape, Order::C);
        Array { layout, ..self }
    }

    fn map_to_strings(&self) -> Result<Vec<String>> {
        fn texts<T: NumElement>(a: &Array) -> Result<Vec<String>> {
            Ok(a.typed::<T>()?.iter().map(|&x| crate::format::python_str(x)).collect())
        }
        with_numeric_type!(self.dtype, texts(self), _ => self.to_vec::<String>())
    }
}

fn parse_number(text: &str) -> Result<f64> {
    text.trim()
        .parse::<f64>()
        .map_err(|_| ArrayError::value(format!("could not convert string to float: '{text}'")))
}

fn str_width(data: &[String]) -> usize {
    data.iter().map(|s| s.chars().count()).max().unwrap_or(0).max(1)
}

/// Where a layout starts in memory and its non-negative strides, for ndarray's raw-view
/// constructors (which want the lowest address); axes with negative strides are listed, to be
/// inverted on the view.
fn raw_parts(layout: &Layout) -> (isize, Vec<usize>, Vec<usize>) {
    let mut start = layout.offset as isize;
    let mut strides = Vec::with_capacity(layout.strides.len());
    let mut inverted = Vec::new();
    for (axis, (&n, &s)) in layout.shape.iter().zip(&layout.strides).enumerate() {
        if s < 0 {
            inverted.push(axis);
            if n > 0 {
                start += (n as isize - 1) * s;
            }
        }
        strides.push(s.unsigned_abs());
    }
    if layout.shape.contains(&0) {
        start = 0;
    }
    (start, strides, inverted)
}

/// A read-only raw view of `layout` over the storage starting at `base`.
///
/// # Safety
/// Every element the layout reaches must lie inside the allocation that starts at `base`.
unsafe fn raw_view<T>(base: *mut T, layout: &Layout) -> ndarray::RawArrayView<T, IxDyn> {
    let (start, strides, inverted) = raw_parts(layout);
    let shape = IxDyn(&layout.shape).strides(IxDyn(&strides));
    let mut view = unsafe { ndarray::RawArrayView::from_shape_ptr(shape, base.offset(start) as *const T) };
    for axis in inverted {
        view.invert_axis(Axis(axis));
    }
    view
}

/// A writable raw view of `layout`; same contract as [`raw_view`].
unsafe fn raw_view_mut<T>(base: *mut T, layout: &Layout) -> ndarray::RawArrayViewMut<T, IxDyn> {
    let (start, strides, inverted) = raw_parts(layout);
    let shape = IxDyn(&layout.shape).strides(IxDyn(&strides));
    let mut view = unsafe { ndarray::RawArrayViewMut::from_shape_ptr(shape, base.offset(start)) };
    for axis in inverted {
        view.invert_axis(Axis(axis));
    }
    view
}

/// NumPy's `shares_memory`: whether the two arrays see at least one common element.
///
/// ```
/// use arraylib::{idx, shares_memory, Array};
/// let a = Array::from_vec((0..6).collect::<Vec<i64>>());
/// let evens = a.at(idx![..;2]);
/// let odds = a.at(idx![1..;2]);
/// assert!(shares_memory(&a, &evens));
/// assert!(!shares_memory(&evens, &odds));
/// ```
pub fn shares_memory(a: &Array, b: &Array) -> bool {
    if !a.shares_storage(b) {
        return false;
    }
    let (Some((lo_a, hi_a)), Some((lo_b, hi_b))) = (a.layout.extent(), b.layout.extent()) else {
        return false;
    };
    if hi_a < lo_b || hi_b < lo_a {
        return false;
    }
    // Overlapping bounds: decide exactly by the sets of elements, as NumPy does.
    const EXACT_LIMIT: usize = 1 << 22;
    if a.size() + b.size() > EXACT_LIMIT {
        return true;
    }
    let mut seen = a.layout.indices();
    seen.sort_unstable();
    b.layout.indices().iter().any(|i| seen.binary_search(i).is_ok())
}

impl Clone for Array {
    /// An independent copy, NumPy's `a.copy()`.
    fn clone(&self) -> Array {
        self.copy()
    }
}

impl fmt::Debug for Array {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::format::repr(self))
    }
}

impl fmt::Display for Array {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::format::str(self))
    }
}

/// Checks that an error is of the expected kind (for doctests and tests).
#[doc(hidden)]
pub fn is_kind<T>(result: &Result<T>, kind: ErrorKind) -> bool {
    matches!(result, Err(e) if e.kind() == kind)
}
