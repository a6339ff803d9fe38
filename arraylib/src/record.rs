//! Structured arrays: dtypes with named fields (NumPy's `np.dtype([('name', 'U10'), ('age',
//! 'i4')])`), built from rows, with field access as views, filtering, assignment, joins,
//! shuffles, sorting by fields and conversion to a plain 2-D array.
//!
//! # Design
//!
//! A record dtype is a list of (name, dtype) fields, interned once in a process-wide registry,
//! so [`DType::Record`] holds only a small [`RecordId`] and `DType` stays a `Copy` value that
//! the numeric code matches on as before.
//!
//! A structured array keeps **one storage per field** ("struct of arrays"), all with the
//! array's one [`Layout`](crate::Layout). Consequences:
//! - every layout-only operation (slicing, integer indexing, transposing, reshaping a
//!   contiguous array) works on records unchanged, for all fields at once;
//! - `a.field("age")` is an ordinary `int32` array sharing the field's storage: writing
//!   through it writes into `a`, as in NumPy, and every numeric kernel runs on it at full speed;
//! - operations that gather elements (masks, fancy indexing, sorting, copies, joins) run the
//!   ordinary typed kernel once per field ([`Array::try_map_fields`]);
//! - operations that write in place (`a[index] = value`, `put`, `Generator::shuffle`) run the
//!   ordinary typed kernel on each field view, which writes into the record's storage; a
//!   shuffle draws its permutation once, as NumPy does for an array of that length, and
//!   moves every field with it.
//!
//! Casts follow NumPy ([`Array::astype`], and so assignment): between record dtypes with as
//! many fields by position, a plain value into every field, a one-field record to a plain
//! dtype; record dtypes with the same field names promote field by field (NumPy 2), so they
//! can be joined.
//!
//! Files: `.npy`/`.npz` files hold NumPy's interleaved records, which [`crate::io`] splits into
//! the per-field storages on reading and interleaves again on writing (byte-identical to
//! `np.save`); text files hold one record per line. Because the storages are separate, a
//! structured `.npy` file cannot be memory-mapped (load it instead).
//!
//! Differences from NumPy: fields are not interleaved in memory, so the byte strides of a
//! field view are those of a packed array of that field's dtype (NumPy reports the record's
//! itemsize as the field's stride), and nested or sub-array fields, field titles and padding
//! between fields are not supported (files with them are refused with a `TypeError`). A few
//! operations have no record form yet and refuse records with a `TypeError`: `array!`,
//! `diag`, `tril`/`triu`, padding with a constant, and sorting without `order=`.

use std::sync::{Mutex, OnceLock};

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{ArrayError, ErrorKind, Result};
use crate::scalar::Scalar;

/// One named field of a record dtype.
///
/// ```
/// use arraylib::DType;
/// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
/// let fields = dt.fields().unwrap();
/// assert_eq!(fields[1].name, "n");
/// assert_eq!(fields[1].dtype, DType::Int32);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// The field's element type (never itself a record).
    pub dtype: DType,
}

/// A record dtype in the registry; [`DType::Record`] holds it.
///
/// ```
/// use arraylib::DType;
/// let a = DType::record(&[("x", DType::Float64)]).unwrap();
/// let b = DType::record(&[("x", DType::Float64)]).unwrap();
/// assert_eq!(a, b); // interned: equal field lists are one dtype
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RecordId(u32);

/// Every record dtype built so far. Field lists are leaked on purpose: a program builds a
/// handful of them and `DType` must stay `Copy`.
fn registry() -> &'static Mutex<Vec<&'static [Field]>> {
    static REGISTRY: OnceLock<Mutex<Vec<&'static [Field]>>> = OnceLock::new();
    REGISTRY.get_or_init(|| Mutex::new(Vec::new()))
}

impl RecordId {
    fn intern(fields: Vec<Field>) -> RecordId {
        let mut known = registry().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = known.iter().position(|f| **f == *fields) {
            return RecordId(i as u32);
        }
        known.push(Vec::leak(fields));
        RecordId(known.len() as u32 - 1)
    }

    /// The fields, in order.
    ///
    /// ```
    /// use arraylib::DType;
    /// let dt = DType::record(&[("a", DType::Bool)]).unwrap();
    /// let DType::Record(id) = dt else { unreachable!() };
    /// assert_eq!(id.fields()[0].name, "a");
    /// ```
    pub fn fields(self) -> &'static [Field] {
        registry().lock().unwrap_or_else(|e| e.into_inner())[self.0 as usize]
    }
}

impl DType {
    /// A structured dtype with these named fields, NumPy's `np.dtype([('name', 'U10'), ...])`.
    /// Names must be distinct and non-empty; fields cannot themselves be records.
    ///
    /// ```
    /// use arraylib::DType;
    /// let dt = DType::record(&[("name", DType::Str(10)), ("age", DType::Int32)]).unwrap();
    /// assert_eq!(dt.to_string(), "[('name', '<U10'), ('age', '<i4')]");
    /// assert_eq!(dt.itemsize(), 44);
    /// assert!(DType::record(&[("a", DType::Int8), ("a", DType::Int8)]).is_err());
    /// ```
    pub fn record(fields: &[(&str, DType)]) -> Result<DType> {
        if fields.is_empty() {
            return Err(ArrayError::type_error("a structured dtype needs at least one field"));
        }
        let mut out: Vec<Field> = Vec::with_capacity(fields.len());
        for &(name, dtype) in fields {
            if name.is_empty() {
                return Err(ArrayError::value("field names must be non-empty strings"));
            }
            if out.iter().any(|f| f.name == name) {
                return Err(ArrayError::value(format!("field '{name}' occurs more than once")));
            }
            if matches!(dtype, DType::Record(_)) {
                return Err(ArrayError::type_error("nested structured dtypes are not supported"));
            }
            out.push(Field {
                name: name.to_string(),
                dtype,
            });
        }
        Ok(DType::Record(RecordId::intern(out)))
    }

    /// The fields of a structured dtype (`None` for other dtypes).
    ///
    /// ```
    /// use arraylib::DType;
    /// assert!(DType::Float64.fields().is_none());
    /// ```
    pub fn fields(self) -> Option<&'static [Field]> {
        match self {
            DType::Record(id) => Some(id.fields()),
            _ => None,
        }
    }

    /// NumPy's `dtype.names`: the field names, or `None` for an unstructured dtype.
    ///
    /// ```
    /// use arraylib::DType;
    /// let dt = DType::record(&[("x", DType::Float64), ("y", DType::Float64)]).unwrap();
    /// assert_eq!(dt.names().unwrap(), vec!["x", "y"]);
    /// ```
    pub fn names(self) -> Option<Vec<String>> {
        self.fields().map(|f| f.iter().map(|f| f.name.clone()).collect())
    }
}

/// NumPy 2's promotion involving a structured dtype: two structured dtypes with the same field
/// names, in the same order, promote field by field; anything else is a `DTypePromotionError`
/// (a `TypeError`) with NumPy's message.
pub(crate) fn promote(a: DType, b: DType) -> Result<DType> {
    let (Some(fa), Some(fb)) = (a.fields(), b.fields()) else {
        return Err(ArrayError::type_error(format!(
            "The DType {} could not be promoted by {}. This means that no common DType exists for the given \
             inputs. For example they cannot be stored in a single array unless the dtype is `object`.",
            a.class_name(),
            b.class_name()
        )));
    };
    if fa.len() != fb.len() || fa.iter().zip(fb).any(|(x, y)| x.name != y.name) {
        return Err(ArrayError::type_error(format!(
            "field names `{}` and `{}` mismatch.",
            names_tuple(fa),
            names_tuple(fb)
        )));
    }
    let promoted = fa
        .iter()
        .zip(fb)
        .map(|(x, y)| Ok((x.name.as_str(), x.dtype.promote(y.dtype)?)))
        .collect::<Result<Vec<_>>>()?;
    DType::record(&promoted)
}

/// The field names as a Python tuple prints them: `('a', 'b')`, `('a',)`.
fn names_tuple(fields: &[Field]) -> String {
    let names: Vec<String> = fields.iter().map(|f| format!("'{}'", f.name)).collect();
    match names.as_slice() {
        [one] => format!("({one},)"),
        _ => format!("({})", names.join(", ")),
    }
}

/// The error of an operation that structured arrays do not support yet.
pub(crate) fn unsupported(what: &str) -> ArrayError {
    ArrayError::type_error(format!("{what} is not supported for structured arrays"))
}

fn not_structured(a: &Array) -> ArrayError {
    ArrayError::new(
        ErrorKind::Index,
        format!(
            "only integers, slices, ellipsis and arrays are valid indices (array of dtype {} has no fields)",
            a.dtype()
        ),
    )
}

/// Position of field `name`, with NumPy's error for an unknown one.
fn field_index(dtype: DType, name: &str) -> Result<usize> {
    let fields = dtype.fields().expect("structured");
    fields
        .iter()
        .position(|f| f.name == name)
        .ok_or_else(|| ArrayError::value(format!("no field of name {name}")))
}

impl Array {
    /// NumPy's `a['name']`: the field as an array of its own dtype, **sharing memory** with
    /// `a` (writes through it change `a`).
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
    /// let p = Array::from_rows(dt, &[vec!["Ann".into(), 31.into()], vec!["Bo".into(), 25.into()]]).unwrap();
    /// let mut ages = p.field("age");
    /// assert_eq!(ages.to_vec::<i32>().unwrap(), vec![31, 25]);
    /// ages.try_add_assign(1).unwrap();
    /// assert_eq!(p.field("age").to_vec::<i32>().unwrap(), vec![32, 26]);
    /// ```
    pub fn field(&self, name: &str) -> Array {
        self.try_field(name).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Fallible [`Array::field`]: an unknown name is NumPy's `ValueError: no field of name x`.
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let dt = DType::record(&[("x", DType::Float64)]).unwrap();
    /// let a = zeros(2, dt);
    /// assert_eq!(a.try_field("y").unwrap_err().to_string(), "ValueError: no field of name y");
    /// assert!(array![1.0].try_field("x").is_err());
    /// ```
    pub fn try_field(&self, name: &str) -> Result<Array> {
        if self.dtype().fields().is_none() {
            return Err(not_structured(self));
        }
        Ok(self.field_view(field_index(self.dtype(), name)?))
    }

    /// NumPy's `a[['name', 'age']]`: a structured view with only these fields, in this order.
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int64), ("ok", DType::Bool)]).unwrap();
    /// let a = zeros(3, dt);
    /// let sub = a.try_fields(&["ok", "x"]).unwrap();
    /// assert_eq!(sub.dtype().names().unwrap(), vec!["ok", "x"]);
    /// assert!(a.try_fields(&["nope"]).is_err());
    /// ```
    pub fn try_fields(&self, names: &[&str]) -> Result<Array> {
        let Some(fields) = self.dtype().fields() else {
            return Err(not_structured(self));
        };
        let idx = names
            .iter()
            .map(|n| field_index(self.dtype(), n))
            .collect::<Result<Vec<_>>>()?;
        let spec: Vec<(&str, DType)> = idx
            .iter()
            .map(|&i| (fields[i].name.as_str(), fields[i].dtype))
            .collect();
        Ok(self.fields_view(&idx, DType::record(&spec)?))
    }

    /// Panicking twin of [`Array::try_fields`].
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int64)]).unwrap();
    /// assert_eq!(zeros(2, dt).fields(&["n"]).dtype().names().unwrap(), vec!["n"]);
    /// ```
    pub fn fields(&self, names: &[&str]) -> Array {
        self.try_fields(names).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A structured array from its field arrays (same shape; each cast to its field's dtype),
    /// copied into fresh storage.
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
    /// let a = Array::try_from_fields(dt, &[array![0.5, 1.5], array![1, 2]]).unwrap();
    /// assert_eq!(a.shape(), &[2]);
    /// assert_eq!(a.field("n").dtype(), DType::Int32);
    /// assert!(Array::try_from_fields(dt, &[array![0.5]]).is_err());
    /// ```
    pub fn try_from_fields(dtype: DType, columns: &[Array]) -> Result<Array> {
        let Some(fields) = dtype.fields() else {
            return Err(ArrayError::type_error(format!("{dtype} is not a structured dtype")));
        };
        if columns.len() != fields.len() {
            return Err(ArrayError::value(format!(
                "expected {} fields for dtype {dtype}, got {}",
                fields.len(),
                columns.len()
            )));
        }
        let shape = columns[0].shape().to_vec();
        let mut fresh = Vec::with_capacity(columns.len());
        for (column, field) in columns.iter().zip(fields) {
            if column.shape() != shape.as_slice() {
                return Err(ArrayError::shape(format!(
                    "field arrays have different shapes: {} and {}",
                    crate::error::shape_str(&shape),
                    crate::error::shape_str(column.shape())
                )));
            }
            // A fresh C-contiguous copy per field, so all fields share one layout.
            fresh.push(column.astype_nocopy(field.dtype)?.copy_order(crate::Order::C));
        }
        Ok(Array::record_from_parts(dtype, fresh))
    }

    /// NumPy's `np.array(rows, dtype=dt)` for a structured `dt`: one row of field values per
    /// element (a 1-D array).
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let dt = DType::record(&[("name", DType::Str(4)), ("w", DType::Float64), ("ok", DType::Bool)]).unwrap();
    /// let a = Array::from_rows(dt, &[vec!["Ann".into(), 60.5.into(), true.into()]]).unwrap();
    /// assert_eq!(a.field("w").to_vec::<f64>().unwrap(), vec![60.5]);
    /// assert!(Array::from_rows(dt, &[vec!["Ann".into()]]).is_err());
    /// ```
    pub fn from_rows(dtype: DType, rows: &[Vec<Scalar>]) -> Result<Array> {
        let Some(fields) = dtype.fields() else {
            return Err(ArrayError::type_error(format!("{dtype} is not a structured dtype")));
        };
        if let Some(bad) = rows.iter().find(|r| r.len() != fields.len()) {
            return Err(ArrayError::value(format!(
                "a row of {} values does not fit a dtype of {} fields",
                bad.len(),
                fields.len()
            )));
        }
        let columns = fields
            .iter()
            .enumerate()
            .map(|(j, field)| column(rows.iter().map(|r| &r[j]), field.dtype))
            .collect::<Result<Vec<_>>>()?;
        Array::try_from_fields(dtype, &columns)
    }

    /// Applies `f` to every field (as a view) and builds a structured array of the same dtype
    /// from the results, which must share one shape: how gathering operations (masks, fancy
    /// indexing, copies, joins) work on records.
    ///
    /// ```
    /// use arraylib::prelude::*;
    /// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
    /// let a = Array::try_from_fields(dt, &[array![0.5, 1.5, 2.5], array![1, 2, 3]]).unwrap();
    /// let firsts = a.try_map_fields(|f| f.try_take(&array![0, 2], None)).unwrap();
    /// assert_eq!(firsts.field("n").to_vec::<i32>().unwrap(), vec![1, 3]);
    /// ```
    pub fn try_map_fields(&self, f: impl Fn(&Array) -> Result<Array>) -> Result<Array> {
        if self.dtype().fields().is_none() {
            return Err(not_structured(self));
        }
        let mapped = self.field_views().iter().map(f).collect::<Result<Vec<_>>>()?;
        Array::try_from_fields(self.dtype(), &mapped)
    }

    /// Every field as a view with this array's layout (writes go into this array); none for an
    /// unstructured array. How in-place operations (assignment, shuffles) visit the fields.
    pub(crate) fn field_views(&self) -> Vec<Array> {
        let count = self.dtype().fields().map_or(0, <[Field]>::len);
        (0..count).map(|i| self.field_view(i)).collect()
    }

    /// NumPy's casts to and from structured dtypes (`astype`, assignment), always a copy:
    /// between structured dtypes with as many fields, field by field **by position** (names
    /// may differ); a plain array into every field; a one-field structured array to its
    /// field's values. Anything else is NumPy's `TypeError`.
    pub(crate) fn cast_records(&self, dtype: DType) -> Result<Array> {
        let columns = match (self.dtype().fields(), dtype.fields()) {
            (Some(from), Some(to)) if from.len() == to.len() => self
                .field_views()
                .iter()
                .zip(to)
                .map(|(v, f)| v.astype(f.dtype))
                .collect::<Result<Vec<_>>>()?,
            (None, Some(to)) => to.iter().map(|f| self.astype(f.dtype)).collect::<Result<Vec<_>>>()?,
            (Some([_]), None) => return self.field_view(0).astype(dtype),
            _ => {
                return Err(ArrayError::type_error(format!(
                    "Cannot cast array data from {} to {} according to the rule 'unsafe'",
                    self.dtype().repr(),
                    dtype.repr()
                )));
            }
        };
        // `astype` gives fresh C-ordered arrays of one shape: the fields of the result.
        Ok(Array::record_from_parts(dtype, columns))
    }
}

/// `write` applied to each field of structured `target` with the same field of `value` (of
/// the same dtype): how in-place operations write records, through the field views, which
/// share `target`'s storage.
pub(crate) fn zip_fields(target: &Array, value: &Array, write: impl Fn(&Array, &Array) -> Result<()>) -> Result<()> {
    debug_assert_eq!(target.dtype(), value.dtype());
    target
        .field_views()
        .iter()
        .zip(value.field_views())
        .try_for_each(|(t, v)| write(t, &v))
}

/// Values as a 1-D array of `dtype`, each converted as NumPy converts a Python scalar (so an
/// integer too large for the dtype is an `OverflowError`).
pub(crate) fn column<'a>(values: impl Iterator<Item = &'a Scalar>, dtype: DType) -> Result<Array> {
    let parts = values.map(|v| v.to_array_weak(dtype)).collect::<Result<Vec<_>>>()?;
    if parts.is_empty() {
        return Ok(crate::zeros(0, dtype));
    }
    crate::try_stack(&parts[..], 0)
}

/// NumPy's `numpy.lib.recfunctions.structured_to_unstructured(a, dtype)`: the fields stacked
/// along a new last axis, in the common dtype of the fields (or `dtype`).
///
/// ```
/// use arraylib::prelude::*;
/// let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
/// let a = Array::try_from_fields(dt, &[array![0.5, 1.5], array![1, 2]]).unwrap();
/// let m = structured_to_unstructured(&a, None);
/// assert_eq!(m.shape(), &[2, 2]);
/// assert_eq!(m.to_vec::<f64>().unwrap(), vec![0.5, 1.0, 1.5, 2.0]);
/// ```
pub fn structured_to_unstructured(a: &Array, dtype: Option<DType>) -> Array {
    try_structured_to_unstructured(a, dtype).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`structured_to_unstructured`]: fields that do not promote together (a string
/// and a number) are a `TypeError`, an unstructured input too.
///
/// ```
/// use arraylib::prelude::*;
/// let dt = DType::record(&[("s", DType::Str(3)), ("n", DType::Int32)]).unwrap();
/// assert!(try_structured_to_unstructured(&zeros(2, dt), None).is_err());
/// assert!(try_structured_to_unstructured(&array![1.0], None).is_err());
/// ```
pub fn try_structured_to_unstructured(a: &Array, dtype: Option<DType>) -> Result<Array> {
    let Some(fields) = a.dtype().fields() else {
        return Err(ArrayError::type_error(
            "structured_to_unstructured needs a structured array",
        ));
    };
    let common = match dtype {
        Some(d) => d,
        None => fields[1..]
            .iter()
            .try_fold(fields[0].dtype, |d, f| d.promote(f.dtype))?,
    };
    let columns = (0..fields.len())
        .map(|i| a.field_view(i).astype(common))
        .collect::<Result<Vec<_>>>()?;
    crate::try_stack(&columns[..], -1)
}

/// The keys of a sort by `order` (NumPy's `sort(a, order=...)`): the named fields, then the
/// remaining ones in dtype order to break ties; as `lexsort` wants them, primary key last.
fn sort_keys(a: &Array, order: &[&str]) -> Result<Vec<Array>> {
    let Some(fields) = a.dtype().fields() else {
        return Err(ArrayError::value("Cannot specify order when the array has no fields."));
    };
    let mut idx = order
        .iter()
        .map(|n| field_index(a.dtype(), n))
        .collect::<Result<Vec<_>>>()?;
    for i in 0..fields.len() {
        if !idx.contains(&i) {
            idx.push(i);
        }
    }
    Ok(idx.iter().rev().map(|&i| a.field_view(i)).collect())
}

/// NumPy's `np.argsort(a, axis=-1, order=...)` for a structured array: indices that sort
/// along the last axis by the `order` fields, ties broken by the other fields (a stable sort).
///
/// ```
/// use arraylib::prelude::*;
/// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
/// let p = Array::try_from_fields(dt, &[Array::from_strings(["Cy", "Al", "Bo"], 5), array![30, 25, 25]]).unwrap();
/// assert_eq!(argsort_order(&p, &["age"]).to_vec::<i64>().unwrap(), vec![1, 2, 0]);
/// ```
pub fn argsort_order(a: &Array, order: &[&str]) -> Array {
    try_argsort_order(a, order).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`argsort_order`]: an unknown field, or an array without fields, is a `ValueError`.
///
/// ```
/// use arraylib::prelude::*;
/// assert!(try_argsort_order(&array![1.0], &["x"]).is_err());
/// ```
pub fn try_argsort_order(a: &Array, order: &[&str]) -> Result<Array> {
    let keys = sort_keys(a, order)?;
    let refs: Vec<&Array> = keys.iter().collect();
    crate::try_lexsort(&refs, -1)
}

/// NumPy's `np.sort(a, order=...)` for a structured array: a sorted copy, along the last
/// axis, by the `order` fields (ties broken by the other fields).
///
/// ```
/// use arraylib::prelude::*;
/// let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32)]).unwrap();
/// let p = Array::try_from_fields(dt, &[Array::from_strings(["Cy", "Bo", "Al"], 5), array![30, 25, 25]]).unwrap();
/// let s = sort_order(&p, &["age"]);
/// assert_eq!(s.field("name").to_vec::<String>().unwrap(), vec!["Al", "Bo", "Cy"]);
/// ```
pub fn sort_order(a: &Array, order: &[&str]) -> Array {
    try_sort_order(a, order).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`sort_order`].
///
/// ```
/// use arraylib::prelude::*;
/// let dt = DType::record(&[("x", DType::Float64)]).unwrap();
/// assert!(try_sort_order(&zeros(2, dt), &["y"]).is_err());
/// ```
pub fn try_sort_order(a: &Array, order: &[&str]) -> Result<Array> {
    let idx = try_argsort_order(a, order)?;
    a.try_map_fields(|f| crate::try_take_along_axis(f, &idx, Some(-1)))
}

#[cfg(test)]
mod tests {
    //! Assignment into records and casts between record dtypes; the expected values are what
    //! NumPy 2.4.6 prints for the same statements on `P` below.

    use crate::{Array, DType, ErrorKind, Scalar, idx};

    /// NumPy's `np.array([('Ann', 31, 60.5), ('Bo', 25, 80.0), ('Cy', 40, 55.25),
    /// ('Di', 25, 72.0)], dtype=[('name', 'U5'), ('age', 'i4'), ('w', 'f8')])`.
    fn people() -> Array {
        let dt = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32), ("w", DType::Float64)]).unwrap();
        let rows = [("Ann", 31, 60.5), ("Bo", 25, 80.0), ("Cy", 40, 55.25), ("Di", 25, 72.0)];
        let rows: Vec<Vec<Scalar>> = rows
            .iter()
            .map(|&(n, a, w)| vec![n.into(), a.into(), w.into()])
            .collect();
        Array::from_rows(dt, &rows).unwrap()
    }

    fn row(name: &str, age: i32, w: f64) -> Vec<Scalar> {
        vec![name.into(), age.into(), w.into()]
    }

    /// The three columns, as NumPy's `a['name'].tolist()`, `a['age'].tolist()`, `a['w'].tolist()`.
    fn columns(a: &Array) -> (Vec<String>, Vec<i32>, Vec<f64>) {
        (
            a.field("name").to_vec().unwrap(),
            a.field("age").to_vec().unwrap(),
            a.field("w").to_vec().unwrap(),
        )
    }

    fn check(a: &Array, names: &[&str], ages: &[i32], ws: &[f64]) {
        let (n, g, w) = columns(a);
        assert_eq!(
            (n, g.as_slice(), w.as_slice()),
            (names.iter().map(|s| s.to_string()).collect(), ages, ws)
        );
    }

    #[test]
    fn where_picks_whole_records() {
        // np.where(a['age'] > 30, a, a[::-1])
        let a = people();
        let older = crate::greater(a.field("age"), 30);
        let r = crate::try_where(&older, &a, a.at(idx![..;-1])).unwrap();
        check(
            &r,
            &["Ann", "Cy", "Cy", "Ann"],
            &[31, 40, 40, 31],
            &[60.5, 55.25, 55.25, 60.5],
        );
        // A record and a number have no common dtype.
        let e = crate::try_where(&older, &a, 1.0).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type, "{e}");
    }

    #[test]
    fn record_dtype_text_is_numpys_repr() {
        // np.dtype([('ok', '?'), ('b', 'i1'), ('u', 'u1'), ('x', 'f8'), ('s', 'U3')])
        let dt = DType::record(&[
            ("ok", DType::Bool),
            ("b", DType::Int8),
            ("u", DType::UInt8),
            ("x", DType::Float64),
            ("s", DType::Str(3)),
        ])
        .unwrap();
        assert_eq!(
            dt.to_string(),
            "[('ok', '?'), ('b', 'i1'), ('u', 'u1'), ('x', '<f8'), ('s', '<U3')]"
        );
    }

    #[test]
    fn every_index_form_assigns_whole_records() {
        // a[1] = ('Ed', 19, 70.0)
        let mut a = people();
        a.set_at(idx![1], row("Ed", 19, 70.0));
        check(
            &a,
            &["Ann", "Ed", "Cy", "Di"],
            &[31, 19, 40, 25],
            &[60.5, 70.0, 55.25, 72.0],
        );
        // a[1:3] = a[[3, 0]]
        let mut a = people();
        let picked = a.at(idx![[3, 0]]);
        a.set_at(idx![1..3], &picked);
        check(
            &a,
            &["Ann", "Di", "Ann", "Di"],
            &[31, 25, 31, 25],
            &[60.5, 72.0, 60.5, 72.0],
        );
        // a[a['age'] == 25] = a[0]
        let mut a = people();
        let mask = a.field("age").eq_elem(25);
        let first = a.at(idx![0]);
        assert_eq!(first.ndim(), 0);
        a.set_at(idx![&mask], first);
        check(
            &a,
            &["Ann", "Ann", "Cy", "Ann"],
            &[31, 31, 40, 31],
            &[60.5, 60.5, 55.25, 60.5],
        );
        // a[[0, 2]] = a[[1, 1]][::-1]
        let mut a = people();
        let bs = a.at(idx![[1, 1]]).at(idx![..;-1]);
        a.set_at(idx![[0, 2]], bs);
        check(
            &a,
            &["Bo", "Bo", "Bo", "Di"],
            &[25, 25, 25, 25],
            &[80.0, 80.0, 80.0, 72.0],
        );
        // a[::2] = ('X', 1, 0.5)
        let mut a = people();
        a.set_at(idx![..;2], row("X", 1, 0.5));
        check(&a, &["X", "Bo", "X", "Di"], &[1, 25, 1, 25], &[0.5, 80.0, 0.5, 72.0]);
    }

    #[test]
    fn assignment_reads_overlapping_records_first() {
        // a[1:] = a[:-1]
        let mut a = people();
        let head = a.at(idx![..-1]);
        a.set_at(idx![1..], head);
        check(
            &a,
            &["Ann", "Ann", "Bo", "Cy"],
            &[31, 31, 25, 40],
            &[60.5, 60.5, 80.0, 55.25],
        );
        // c[:] = c[['y', 'x']]: each field is written from the other one (by position).
        let dt = DType::record(&[("x", DType::Float64), ("y", DType::Float64)]).unwrap();
        let mut c = Array::try_from_fields(dt, &[crate::array![1.0, 3.0], crate::array![2.0, 4.0]]).unwrap();
        let swapped = c.fields(&["y", "x"]);
        c.set_at(idx![..], swapped);
        assert_eq!(c.field("x").to_vec::<f64>().unwrap(), vec![2.0, 4.0]);
        assert_eq!(c.field("y").to_vec::<f64>().unwrap(), vec![1.0, 3.0]);
    }

    #[test]
    fn two_dimensional_records() {
        // m = P.reshape(2, 2); m[:, 1] = ('Z', 9, 9.5)
        let mut m = people().reshape([2, 2]);
        m.set_at(idx![.., 1], row("Z", 9, 9.5));
        let (names, ages, _) = columns(&m);
        assert_eq!(
            (names, ages),
            (
                vec!["Ann".to_string(), "Z".into(), "Cy".into(), "Z".into()],
                vec![31, 9, 40, 9]
            )
        );
        // m = P.reshape(2, 2); m[m['age'] > 30] = m[1, 1]
        let mut m = people().reshape([2, 2]);
        let mask = m.field("age").gt(30);
        let last = m.at(idx![1, 1]);
        m.set_at(idx![&mask], last);
        let (names, ages, _) = columns(&m);
        assert_eq!(
            (names, ages),
            (
                vec!["Di".to_string(), "Bo".into(), "Di".into(), "Di".into()],
                vec![25; 4]
            )
        );
    }

    #[test]
    fn values_of_other_dtypes_follow_numpy() {
        // By position from another structured dtype with as many fields.
        let other = DType::record(&[("n", DType::Str(2)), ("k", DType::Float64), ("z", DType::Int64)]).unwrap();
        let rows: Vec<Vec<Scalar>> = [("q", 1.5, 7), ("r", 2.5, 8), ("s", 3.5, 9), ("t", 4.5, 10)]
            .iter()
            .map(|&(n, k, z)| vec![n.into(), k.into(), z.into()])
            .collect();
        let mut a = people();
        a.set_at(idx![..], Array::from_rows(other, &rows).unwrap());
        check(&a, &["q", "r", "s", "t"], &[1, 2, 3, 4], &[7.0, 8.0, 9.0, 10.0]);
        // A plain scalar, a plain array: into every field.
        let mut a = people();
        a.set_at(idx![0], 7);
        check(
            &a,
            &["7", "Bo", "Cy", "Di"],
            &[7, 25, 40, 25],
            &[7.0, 80.0, 55.25, 72.0],
        );
        let mut a = people();
        a.set_at(idx![..], crate::array![0.0, 1.5, 3.0, 4.5]);
        check(&a, &["0.0", "1.5", "3.0", "4.5"], &[0, 1, 3, 4], &[0.0, 1.5, 3.0, 4.5]);
        // A row into a plain array is a sequence: x[:2] = (7, 8).
        let mut x = crate::arange_n(4);
        x.set_at(idx![..2], vec![Scalar::from(7), Scalar::from(8)]);
        assert_eq!(x.to_vec::<i64>().unwrap(), vec![7, 8, 2, 3]);
    }

    #[test]
    fn assignment_errors_use_numpy_messages() {
        let mut a = people();
        let pair = DType::record(&[("a", DType::Int32), ("b", DType::Int32)]).unwrap();
        let e = a.try_set_at(idx![..], crate::zeros(4, pair)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "TypeError: Cannot cast array data from dtype([('a', '<i4'), ('b', '<i4')]) to \
             dtype([('name', '<U5'), ('age', '<i4'), ('w', '<f8')]) according to the rule 'unsafe'"
        );
        let mut x = crate::arange_n(4);
        let e = x.try_set_at(idx![..], people()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "TypeError: Cannot cast array data from dtype([('name', '<U5'), ('age', '<i4'), ('w', '<f8')]) to \
             dtype('int64') according to the rule 'unsafe'"
        );
        let e = a.try_set_at(idx![0], vec![Scalar::from("x")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "ValueError: could not assign tuple of length 1 to structure with 3 fields."
        );
        let e = a
            .try_set_at(idx![0], vec!["x".into(), Scalar::Int(1 << 40), 1.0.into()])
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Overflow);
        assert_eq!(e.message(), "Python integer 1099511627776 out of bounds for int32");
        let mask = a.field("age").eq_elem(25);
        let e = a.try_set_at(idx![&mask], people().at(idx![..3])).unwrap_err();
        assert_eq!(
            e.message(),
            "NumPy boolean array indexing assignment cannot assign 3 input values to the 2 output values where the \
             mask is true"
        );
        // Nothing was written by the failed assignments.
        assert_eq!(columns(&a), columns(&people()));
        let e = a
            .view()
            .into_readonly()
            .try_set_at(idx![0], row("x", 1, 1.0))
            .unwrap_err();
        assert_eq!(e.message(), "assignment destination is read-only");
    }

    #[test]
    fn put_and_put_along_axis_write_records() {
        // np.put(a, [0, 3], P[[2]])
        let mut a = people();
        crate::put(&mut a, &crate::array![0i64, 3], &people().at(idx![[2]]));
        check(
            &a,
            &["Cy", "Bo", "Cy", "Cy"],
            &[40, 25, 40, 40],
            &[55.25, 80.0, 55.25, 55.25],
        );
        // np.put_along_axis(a, np.array([2, 0]), P[[3]], axis=0)
        let mut a = people();
        crate::put_along_axis(&mut a, &crate::array![2i64, 0], people().at(idx![[3]]), Some(0));
        check(
            &a,
            &["Di", "Bo", "Di", "Di"],
            &[25, 25, 25, 25],
            &[72.0, 80.0, 72.0, 72.0],
        );
    }

    #[test]
    fn casts_between_record_and_plain_dtypes() {
        // a = np.array([1.0, 2.0, 3.0]).astype([('v', 'f8')]): a.astype('i8') gives the values,
        // a.astype([('v', 'f8'), ('w', 'i1')]) is a TypeError (the field counts differ).
        let one = DType::record(&[("v", DType::Float64)]).unwrap();
        let a = crate::array![1.0, 2.0, 3.0].astype(one).unwrap();
        assert_eq!(a.astype(DType::Int64).unwrap().to_vec::<i64>().unwrap(), vec![1, 2, 3]);
        let two = DType::record(&[("v", DType::Float64), ("w", DType::Int8)]).unwrap();
        assert_eq!(a.astype(two).unwrap_err().kind(), ErrorKind::Type);
        assert_eq!(people().astype(people().dtype()).unwrap().dtype(), people().dtype());
    }
}
