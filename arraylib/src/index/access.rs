//! Reading and writing through an index: `a[index]` (a view for basic indices, a gathered copy
//! for advanced ones) and `a[index] = value` (broadcast, cast to the target dtype, scattered).

use std::mem::MaybeUninit;

use rayon::prelude::*;

use crate::array::{Array, Layout, dispatch};
use crate::buffer::Storage;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{ArrayError, Result, shape_str};
use crate::scalar::Scalar;

use super::item::{Index, IndexItem};
use super::plan::{Selection, plan, select};

/// The right-hand side of an assignment through an index: an array, a Rust scalar or a row
/// of scalars.
///
/// ```
/// use arraylib::index::SetValue;
/// use arraylib::Scalar;
/// assert!(matches!(SetValue::from(3), SetValue::Scalar(_)));
/// assert!(matches!(SetValue::from(arraylib::Array::from_vec(vec![1, 2])), SetValue::Array(_)));
/// assert!(matches!(SetValue::from(vec![Scalar::from("Ann"), Scalar::from(31)]), SetValue::Row(_)));
/// ```
#[derive(Debug)]
pub enum SetValue {
    /// Values broadcast to the selection.
    Array(Array),
    /// One value written everywhere (NumPy's weak Python scalar: it takes the target's dtype);
    /// into a structured array, into every field.
    Scalar(Scalar),
    /// NumPy's tuple on the right: into a structured array, one record (a value per field,
    /// written everywhere, as `a[0] = ('Ann', 31)`); into a plain array, a 1-D sequence.
    Row(Vec<Scalar>),
}

impl From<Array> for SetValue {
    fn from(a: Array) -> SetValue {
        SetValue::Array(a)
    }
}

impl From<&Array> for SetValue {
    fn from(a: &Array) -> SetValue {
        SetValue::Array(a.alias())
    }
}

impl From<Scalar> for SetValue {
    fn from(s: Scalar) -> SetValue {
        SetValue::Scalar(s)
    }
}

impl From<Vec<Scalar>> for SetValue {
    fn from(row: Vec<Scalar>) -> SetValue {
        SetValue::Row(row)
    }
}

macro_rules! set_value_from_scalar {
    ($($t:ty),*) => {$(
        impl From<$t> for SetValue {
            fn from(v: $t) -> SetValue { SetValue::Scalar(Scalar::from(v)) }
        }
    )*};
}
set_value_from_scalar!(
    bool,
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize,
    f32,
    f64,
    num_complex::Complex64,
    &str
);

impl SetValue {
    /// The value as an array of `dtype`, ready to copy into a target: scalars convert as
    /// NumPy converts Python scalars (a Python integer that does not fit is NumPy's
    /// `OverflowError`, NaN or infinity into integers a `ValueError`); arrays cast as
    /// `astype` does, structured ones included.
    pub(crate) fn into_array(self, dtype: DType) -> Result<Array> {
        match (self, dtype.fields()) {
            (SetValue::Array(a), _) => a.astype_nocopy(dtype),
            (SetValue::Scalar(s), None) => s.to_array_weak(dtype),
            // NumPy writes a lone scalar into every field of a record.
            (SetValue::Scalar(s), Some(fields)) => SetValue::Row(vec![s; fields.len()]).into_array(dtype),
            (SetValue::Row(row), None) => crate::record::column(row.iter(), dtype),
            (SetValue::Row(row), Some(fields)) => {
                if row.len() != fields.len() {
                    return Err(ArrayError::value(format!(
                        "could not assign tuple of length {} to structure with {} fields.",
                        row.len(),
                        fields.len()
                    )));
                }
                // One 0-d record, broadcast to the selection.
                Array::from_rows(dtype, &[row])?.try_reshape(())
            }
        }
    }
}

impl Array {
    /// NumPy's `a[index]` (see [`idx!`](crate::idx)): integers, slices, `None`/newaxis and `...`
    /// give a view sharing memory (O(1)); boolean masks and integer arrays give a copy.
    ///
    /// ```
    /// use arraylib::{idx, shares_memory, Array};
    /// let a = Array::from_vec(vec![10, 11, 12, 13, 14, 15]);
    /// let v = a.try_at(idx![1..4]).unwrap();
    /// assert!(shares_memory(&a, &v));
    /// assert!(a.try_at(idx![9]).unwrap_err().to_string().contains("index 9 is out of bounds for axis 0 with size 6"));
    /// ```
    pub fn try_at(&self, index: impl Into<Index>) -> Result<Array> {
        let index = index.into();
        let has_ellipsis = index.items().iter().any(|i| matches!(i, IndexItem::Ellipsis));
        let plan = plan(self, index)?;
        if plan.advanced.is_empty() {
            // One element picked by integers is NumPy's scalar: a copy, not a view (`a[1, ...]`
            // stays a 0-d view).
            if plan.view.ndim() == 0 && !has_ellipsis {
                return Ok(plan.view.copy());
            }
            return Ok(plan.view);
        }
        let selection = select(&plan)?;
        gather(&plan.view, &selection)
    }

    /// Panicking twin of [`Array::try_at`], for notebooks.
    ///
    /// ```
    /// use arraylib::{idx, Array};
    /// let a = Array::from_shape_vec([2, 3], vec![0, 1, 2, 3, 4, 5]).unwrap();
    /// assert_eq!(a.at(idx![.., 1]).to_vec::<i32>().unwrap(), vec![1, 4]);
    /// assert_eq!(a.at(idx![..;-1, 0]).to_vec::<i32>().unwrap(), vec![3, 0]);
    /// ```
    pub fn at(&self, index: impl Into<Index>) -> Array {
        self.try_at(index).unwrap_or_else(|e| panic!("{e}"))
    }

    /// NumPy's `a[index] = value`: the value is broadcast to the selection and cast to this
    /// array's dtype; writes go to the memory this array shares with its views and base.
    /// With repeated fancy indices the last write wins.
    ///
    /// A structured array takes whole records, field by field: a structured value (another
    /// structured dtype with as many fields is cast by position), a row of scalars
    /// ([`SetValue::Row`], NumPy's `a[0] = ('Ann', 31)`), or a plain value, written into every
    /// field.
    ///
    /// ```
    /// use arraylib::{idx, Array, DType, Scalar};
    /// let mut a = Array::from_vec(vec![10i64, 11, 12, 13, 14]);
    /// a.try_set_at(idx![1..3], 0).unwrap();
    /// a.try_set_at(idx![[4, 0]], Array::from_vec(vec![-1i64, -2])).unwrap();
    /// assert_eq!(a.to_vec::<i64>().unwrap(), vec![-2, 0, 0, 13, -1]);
    /// let err = a.try_set_at(idx![..2], Array::from_vec(vec![1i64, 2, 3])).unwrap_err();
    /// assert_eq!(err.message(), "could not broadcast input array from shape (3,) into shape (2,)");
    ///
    /// // p[0] = ('Di', 50); p[p['age'] < 30] = p[2]
    /// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
    /// let rows = [("Ann", 31), ("Bo", 25), ("Cy", 40)].map(|(n, a)| vec![Scalar::from(n), Scalar::from(a)]);
    /// let mut p = Array::from_rows(dt, &rows).unwrap();
    /// p.try_set_at(idx![0], vec![Scalar::from("Di"), Scalar::from(50)]).unwrap();
    /// let young = p.field("age").lt(30);
    /// let third = p.at(idx![2]);
    /// p.try_set_at(idx![&young], third).unwrap();
    /// assert_eq!(p.field("name").to_vec::<String>().unwrap(), vec!["Di", "Cy", "Cy"]);
    /// assert_eq!(p.field("age").to_vec::<i32>().unwrap(), vec![50, 40, 40]);
    /// let err = p.try_set_at(idx![0], vec![Scalar::from("Ed")]).unwrap_err();
    /// assert_eq!(err.message(), "could not assign tuple of length 1 to structure with 2 fields.");
    /// ```
    pub fn try_set_at(&mut self, index: impl Into<Index>, value: impl Into<SetValue>) -> Result<()> {
        assign(self, index.into(), value.into())
    }

    /// Panicking twin of [`Array::try_set_at`].
    ///
    /// ```
    /// use arraylib::{idx, Array};
    /// let mut m = Array::from_shape_vec([2, 2], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
    /// let mask = Array::from_shape_vec([2, 2], vec![true, false, false, true]).unwrap();
    /// m.set_at(idx![&mask], 0.0);
    /// assert_eq!(m.to_vec::<f64>().unwrap(), vec![0.0, 2.0, 3.0, 0.0]);
    /// ```
    pub fn set_at(&mut self, index: impl Into<Index>, value: impl Into<SetValue>) {
        self.try_set_at(index, value).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// Writes `value` through `index` into `target` (shared by `set_at` and the functions that
/// scatter, such as `put_along_axis`).
pub(crate) fn assign(target: &Array, index: Index, value: SetValue) -> Result<()> {
    if !target.writeable() {
        return Err(ArrayError::value("assignment destination is read-only"));
    }
    // `a[mask] = values` with a mask of a's full shape is NumPy's boolean-assignment path,
    // which takes a flat list of values and has its own errors.
    let whole_mask = matches!(index.items(), [IndexItem::Mask(m)] if m.ndim() == target.ndim() && m.ndim() > 0);
    let plan = plan(target, index)?;
    let mut value = value.into_array(target.dtype())?;
    if value.shares_storage(target) {
        // `a[1:] = a[:-1]`: read the source out first, as NumPy does for overlapping memory.
        value = value.copy();
    }
    if plan.advanced.is_empty() {
        let value = broadcast_value(&value, plan.view.shape())?;
        return write_view(&plan.view, &value);
    }
    let selection = select(&plan)?;
    if whole_mask {
        check_mask_values(&value, selection.starts.len())?;
    }
    let value = broadcast_value(&value, &selection.shape)?;
    write_selection(&plan.view, &selection, &value)
}

/// [`copy_into`] for any dtype: a structured array field by field (the field views share
/// the target's storage).
fn write_view(view: &Array, value: &Array) -> Result<()> {
    dispatch!(view.data(), s => copy_into(view, value, s), record => crate::record::zip_fields(view, value, write_view))
}

/// [`scatter`] for any dtype: a structured array field by field.
fn write_selection(view: &Array, selection: &Selection, value: &Array) -> Result<()> {
    dispatch!(view.data(), s => scatter(view, selection, value, s), record => crate::record::zip_fields(view, value, |v, x| write_selection(v, selection, x)))
}

/// NumPy's checks of the values of `a[mask] = values`: 0-d or 1-d, one value or one per
/// selected element.
fn check_mask_values(value: &Array, selected: usize) -> Result<()> {
    if value.ndim() > 1 {
        return Err(ArrayError::value(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            value.ndim()
        )));
    }
    if value.size() != 1 && value.size() != selected {
        return Err(ArrayError::value(format!(
            "NumPy boolean array indexing assignment cannot assign {} input values to the {selected} output values where the mask is true",
            value.size()
        )));
    }
    Ok(())
}

/// A read-only view of `value` with `shape`, by NumPy's assignment broadcasting (leading
/// length-1 axes of the value may be dropped).
pub(crate) fn broadcast_value(value: &Array, shape: &[usize]) -> Result<Array> {
    let error = || {
        ArrayError::new(
            crate::ErrorKind::Broadcast,
            format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_str(value.shape()),
                shape_str(shape)
            ),
        )
    };
    let layout = value.layout();
    let extra = layout.shape.len().saturating_sub(shape.len());
    if layout.shape[..extra].iter().any(|&n| n != 1) {
        return Err(error());
    }
    let (vshape, vstrides) = (&layout.shape[extra..], &layout.strides[extra..]);
    let lead = shape.len() - vshape.len();
    let mut strides = vec![0isize; shape.len()];
    for (j, (&n, &s)) in vshape.iter().zip(vstrides).enumerate() {
        if n == shape[lead + j] {
            strides[lead + j] = s;
        } else if n != 1 {
            return Err(error());
        }
    }
    Ok(value
        .with_layout(Layout {
            shape: shape.to_vec(),
            strides,
            offset: layout.offset,
        })
        .into_readonly())
}

/// Whether every element of `value` is the same stored element (a broadcast scalar).
fn is_uniform(value: &Array) -> bool {
    value
        .layout()
        .strides
        .iter()
        .zip(value.shape())
        .all(|(&s, &n)| s == 0 || n <= 1)
}

/// Basic assignment: copy of a same-shape value into a view, as slices when both are
/// contiguous (a fill for a broadcast scalar), element by element otherwise.
fn copy_into<T: Element>(view: &Array, value: &Array, _: &Storage<T>) -> Result<()> {
    let source = value.typed::<T>()?;
    let mut target = view.typed_write::<T>()?;
    let uniform = is_uniform(value);
    match target.as_slice_mut() {
        Some(out) if uniform => {
            if let Some(v) = source.iter().next() {
                out.fill(v.clone());
            }
        }
        Some(out) if source.as_slice().is_some() => out.clone_from_slice(source.as_slice().expect("checked")),
        _ => target.assign(&*source),
    }
    Ok(())
}

/// Selections of at least this many elements are gathered on all cores (measured: below it
/// the thread hand-off costs more than the copy).
const PARALLEL_MIN: usize = 1 << 17;

/// Copies the selected elements into a new C-ordered array, whole contiguous blocks (rows of
/// `X[mask]`, `X[rows]`) at once, on all cores for large selections.
fn gather(view: &Array, selection: &Selection) -> Result<Array> {
    fn run<T: Element>(view: &Array, selection: &Selection, _: &Storage<T>) -> Result<Array> {
        let storage = view.raw_read::<T>()?;
        let source: &[T] = &storage;
        let len = selection.block_len();
        let total = selection.starts.len() * len;
        let mut out: Vec<T> = crate::buffer::vec_with_capacity(total);
        if selection.block_contiguous() && len > 0 {
            // Fill the uninitialised capacity directly (no zeroing pass over the result).
            let slots = &mut out.spare_capacity_mut()[..total];
            if total >= PARALLEL_MIN {
                // One piece of consecutive blocks per task, a few tasks per core.
                let blocks = selection.starts.len().div_ceil(4 * rayon::current_num_threads());
                slots
                    .par_chunks_mut(blocks * len)
                    .zip(selection.starts.par_chunks(blocks))
                    .for_each(|(piece, starts)| copy_blocks(source, starts, len, piece));
            } else {
                copy_blocks(source, &selection.starts, len, slots);
            }
            // SAFETY: `copy_blocks` wrote all `total` slots: `starts.len()` blocks of `len`.
            unsafe { out.set_len(total) };
        } else {
            let offsets = selection.block_offsets();
            for &start in &selection.starts {
                out.extend(offsets.iter().map(|&o| source[(start as isize + o) as usize].clone()));
            }
        }
        drop(storage);
        Ok(Array::from_shape_vec(&selection.shape, out)?.with_dtype(view.dtype()))
    }
    dispatch!(view.data(), s => run(view, selection, s), record => view.try_map_fields(|f| gather(f, selection)))
}

/// Copies the contiguous blocks of `len` elements starting at `starts` into `out`, in turn.
fn copy_blocks<T: Clone>(source: &[T], starts: &[usize], len: usize, out: &mut [MaybeUninit<T>]) {
    if len == 1 {
        for (slot, &start) in out.iter_mut().zip(starts) {
            slot.write(source[start].clone());
        }
    } else {
        for (chunk, &start) in out.chunks_mut(len).zip(starts) {
            for (slot, v) in chunk.iter_mut().zip(&source[start..start + len]) {
                slot.write(v.clone());
            }
        }
    }
}

/// Writes `value` (already of the selection's shape and the target's dtype) to the selected
/// elements in C order, so a repeated position keeps the last value written. Contiguous
/// blocks are written as slices (a fill for a broadcast scalar).
fn scatter<T: Element>(view: &Array, selection: &Selection, value: &Array, _: &Storage<T>) -> Result<()> {
    let source = value.typed::<T>()?;
    let mut storage = view.raw_write::<T>()?;
    let len = selection.block_len();
    let contiguous = selection.block_contiguous();
    if is_uniform(value) {
        let Some(v) = source.iter().next() else {
            return Ok(());
        };
        let offsets = if contiguous {
            Vec::new()
        } else {
            selection.block_offsets()
        };
        for &start in &selection.starts {
            if contiguous {
                storage[start..start + len].fill(v.clone());
            } else {
                for &o in &offsets {
                    storage[(start as isize + o) as usize] = v.clone();
                }
            }
        }
        return Ok(());
    }
    let owned: Vec<T>;
    let values = match source.as_slice() {
        Some(values) => values,
        None => {
            owned = source.iter().cloned().collect();
            &owned
        }
    };
    if contiguous {
        for (&start, chunk) in selection.starts.iter().zip(values.chunks(len.max(1))) {
            storage[start..start + len].clone_from_slice(chunk);
        }
    } else {
        let offsets = selection.block_offsets();
        let mut values = values.iter();
        for &start in &selection.starts {
            for &o in &offsets {
                storage[(start as isize + o) as usize] =
                    values.next().expect("value has the selection's shape").clone();
            }
        }
    }
    Ok(())
}
