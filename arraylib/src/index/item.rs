//! The index type: what may stand between NumPy's brackets, and the [`idx!`](crate::idx) macro
//! that writes it the way NumPy code reads.

use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

use crate::array::Array;
use crate::dtype::DType;

/// A slice `start:stop:step` with Python's meaning: missing ends default by the sign of the
/// step, negative ends count from the end, out-of-range ends are clipped.
///
/// ```
/// use arraylib::index::Slice;
/// let s = Slice::from(1..4).step(2);
/// assert_eq!((s.start, s.stop, s.step), (Some(1), Some(4), 2));
/// assert_eq!(Slice::from(..).step(-1), Slice::new(None, None, -1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    /// First index (`None`: the start for this step's direction).
    pub start: Option<isize>,
    /// One past the last index (`None`: the end for this step's direction).
    pub stop: Option<isize>,
    /// Step (never 0 when used: that is NumPy's "slice step cannot be zero").
    pub step: isize,
}

impl Slice {
    /// `start:stop:step`.
    ///
    /// ```
    /// let s = arraylib::index::Slice::new(Some(-3), None, 1);
    /// assert_eq!(s.start, Some(-3));
    /// ```
    pub fn new(start: Option<isize>, stop: Option<isize>, step: isize) -> Slice {
        Slice { start, stop, step }
    }

    /// The same slice with another step (`1..4;2` in [`idx!`](crate::idx)).
    ///
    /// ```
    /// assert_eq!(arraylib::index::Slice::from(..).step(3).step, 3);
    /// ```
    pub fn step(self, step: isize) -> Slice {
        Slice { step, ..self }
    }

    /// Python's `slice.indices(n)` folded into a view: first index, length and step.
    /// A zero step is the caller's error to report.
    pub(crate) fn resolve(&self, n: usize) -> (isize, usize, isize) {
        let n = n as isize;
        let step = self.step;
        let clip = |v: isize, low: isize, high: isize| {
            let v = if v < 0 { v + n } else { v };
            v.clamp(low, high)
        };
        if step > 0 {
            let start = self.start.map_or(0, |v| clip(v, 0, n));
            let stop = self.stop.map_or(n, |v| clip(v, 0, n));
            let len = if stop > start {
                (stop - start + step - 1) / step
            } else {
                0
            };
            (start, len as usize, step)
        } else {
            let start = self.start.map_or(n - 1, |v| clip(v, -1, n - 1));
            let stop = self.stop.map_or(-1, |v| clip(v, -1, n - 1));
            let len = if start > stop {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            };
            (start, len as usize, step)
        }
    }
}

macro_rules! slice_from_ranges {
    ($($t:ty),*) => {$(
        impl From<Range<$t>> for Slice {
            fn from(r: Range<$t>) -> Slice { Slice::new(Some(r.start as isize), Some(r.end as isize), 1) }
        }
        impl From<RangeFrom<$t>> for Slice {
            fn from(r: RangeFrom<$t>) -> Slice { Slice::new(Some(r.start as isize), None, 1) }
        }
        impl From<RangeTo<$t>> for Slice {
            fn from(r: RangeTo<$t>) -> Slice { Slice::new(None, Some(r.end as isize), 1) }
        }
        impl From<RangeInclusive<$t>> for Slice {
            /// `a..=-1` runs to the last element, as `a:` would.
            fn from(r: RangeInclusive<$t>) -> Slice {
                let end = *r.end() as isize;
                Slice::new(Some(*r.start() as isize), if end == -1 { None } else { Some(end + 1) }, 1)
            }
        }
        impl From<RangeToInclusive<$t>> for Slice {
            fn from(r: RangeToInclusive<$t>) -> Slice {
                let end = r.end as isize;
                Slice::new(None, if end == -1 { None } else { Some(end + 1) }, 1)
            }
        }
    )*};
}
slice_from_ranges!(i32, i64, isize, usize);

impl From<RangeFull> for Slice {
    fn from(_: RangeFull) -> Slice {
        Slice::new(None, None, 1)
    }
}

/// One component of an index, NumPy's `a[c0, c1, ...]`.
///
/// Integers, slices, [`IndexItem::NewAxis`] and [`IndexItem::Ellipsis`] are *basic*: the result
/// is a view sharing memory. Boolean masks and integer arrays are *advanced*: the result is a
/// copy. Conversions make each from plain Rust values (see [`idx!`](crate::idx)).
///
/// ```
/// use arraylib::index::IndexItem;
/// use arraylib::Array;
/// assert!(matches!(IndexItem::from(-1), IndexItem::Int(-1)));
/// assert!(matches!(IndexItem::from(1..3), IndexItem::Slice(_)));
/// assert!(matches!(IndexItem::from(vec![true, false]), IndexItem::Mask(_)));
/// assert!(matches!(IndexItem::from([0, 2]), IndexItem::Indices(_)));
/// ```
#[derive(Debug)]
pub enum IndexItem {
    /// One position (negative counts from the end); removes the axis.
    Int(isize),
    /// A range of positions with a step; keeps the axis.
    Slice(Slice),
    /// `np.newaxis` / `None`: a new axis of length 1.
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
    /// A boolean array selecting the `True` positions of as many axes as it has.
    Mask(Array),
    /// An integer array of positions along one axis (NumPy's fancy indexing).
    Indices(Array),
}

impl IndexItem {
    /// An array as an index: boolean arrays are masks, every other dtype indices (non-integer
    /// dtypes are refused when the index is used, with NumPy's `IndexError`).
    ///
    /// ```
    /// use arraylib::index::IndexItem;
    /// let m = arraylib::Array::from_vec(vec![true, false]);
    /// assert!(matches!(IndexItem::array(m), IndexItem::Mask(_)));
    /// ```
    pub fn array(a: Array) -> IndexItem {
        if a.dtype() == DType::Bool {
            IndexItem::Mask(a)
        } else {
            IndexItem::Indices(a)
        }
    }
}

/// Rust integers of any type as NumPy's `intp` index array.
fn positions(values: impl Iterator<Item = i64>) -> Array {
    Array::from_vec(values.collect::<Vec<i64>>())
}

macro_rules! item_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for IndexItem {
            fn from(i: $t) -> IndexItem { IndexItem::Int(i as isize) }
        }
        impl From<Vec<$t>> for IndexItem {
            fn from(v: Vec<$t>) -> IndexItem { IndexItem::from(v.as_slice()) }
        }
        impl From<&[$t]> for IndexItem {
            fn from(v: &[$t]) -> IndexItem { IndexItem::Indices(positions(v.iter().map(|&i| i as i64))) }
        }
        impl<const N: usize> From<[$t; N]> for IndexItem {
            fn from(v: [$t; N]) -> IndexItem { IndexItem::from(v.as_slice()) }
        }
    )*};
}
item_from_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl From<bool> for IndexItem {
    /// `a[True]` / `a[False]`: a 0-d mask (a new axis of length 1 or 0).
    fn from(b: bool) -> IndexItem {
        IndexItem::Mask(Array::scalar(b))
    }
}

impl From<Vec<bool>> for IndexItem {
    fn from(v: Vec<bool>) -> IndexItem {
        IndexItem::Mask(Array::from_vec(v))
    }
}

impl<const N: usize> From<[bool; N]> for IndexItem {
    fn from(v: [bool; N]) -> IndexItem {
        IndexItem::Mask(Array::from_vec(v.to_vec()))
    }
}

impl From<Array> for IndexItem {
    fn from(a: Array) -> IndexItem {
        IndexItem::array(a)
    }
}

impl From<&Array> for IndexItem {
    /// Shares the index array's memory (no copy).
    fn from(a: &Array) -> IndexItem {
        IndexItem::array(a.alias())
    }
}

impl From<Slice> for IndexItem {
    fn from(s: Slice) -> IndexItem {
        IndexItem::Slice(s)
    }
}

macro_rules! item_from_range {
    ($($r:ty),*) => {$(
        impl From<$r> for IndexItem {
            fn from(r: $r) -> IndexItem { IndexItem::Slice(Slice::from(r)) }
        }
        impl From<$r> for Index {
            fn from(r: $r) -> Index { Index(vec![IndexItem::from(r)]) }
        }
    )*};
}
item_from_range!(RangeFull);
macro_rules! item_from_ranges_of {
    ($($t:ty),*) => {$(
        item_from_range!(Range<$t>, RangeFrom<$t>, RangeTo<$t>, RangeInclusive<$t>, RangeToInclusive<$t>);
    )*};
}
item_from_ranges_of!(i32, i64, isize, usize);

/// A whole index, NumPy's `a[c0, c1, ...]`: a list of [`IndexItem`]s. Usually written with
/// [`idx!`](crate::idx); a single component converts too (`a.at(2)`, `a.at(1..3)`).
///
/// ```
/// use arraylib::index::{Index, IndexItem};
/// let i = Index::new(vec![IndexItem::from(1), IndexItem::Ellipsis]);
/// assert_eq!(i.items().len(), 2);
/// ```
#[derive(Debug)]
pub struct Index(Vec<IndexItem>);

impl Index {
    /// An index from its components.
    ///
    /// ```
    /// assert!(arraylib::index::Index::new(vec![]).items().is_empty());
    /// ```
    pub fn new(items: Vec<IndexItem>) -> Index {
        Index(items)
    }

    /// The components.
    ///
    /// ```
    /// assert_eq!(arraylib::idx![0, ..].items().len(), 2);
    /// ```
    pub fn items(&self) -> &[IndexItem] {
        &self.0
    }

    pub(crate) fn into_items(self) -> Vec<IndexItem> {
        self.0
    }
}

impl From<Vec<IndexItem>> for Index {
    fn from(items: Vec<IndexItem>) -> Index {
        Index(items)
    }
}

impl From<Vec<Array>> for Index {
    /// One index array per axis, as [`nonzero`](crate::nonzero) and [`ix_`](crate::ix_)
    /// return them (NumPy's `a[np.nonzero(a)]`).
    ///
    /// ```
    /// use arraylib::Array;
    /// let x = Array::from_shape_vec([2, 2], vec![0, 3, 4, 0]).unwrap();
    /// assert_eq!(x.at(arraylib::nonzero(&x)).to_vec::<i32>().unwrap(), vec![3, 4]);
    /// ```
    fn from(arrays: Vec<Array>) -> Index {
        Index(arrays.into_iter().map(IndexItem::array).collect())
    }
}

impl From<IndexItem> for Index {
    fn from(item: IndexItem) -> Index {
        Index(vec![item])
    }
}

macro_rules! index_from_one {
    ($($t:ty),*) => {$(
        impl From<$t> for Index {
            fn from(v: $t) -> Index { Index(vec![IndexItem::from(v)]) }
        }
    )*};
}
index_from_one!(
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
    bool,
    Vec<bool>,
    Array,
    &Array,
    Slice
);

/// Writes a NumPy index in Rust: `idx![1..4, ..;2]` is NumPy's `[1:4, ::2]`.
///
/// | NumPy              | `idx!`                    |
/// |--------------------|---------------------------|
/// | `a[1]`, `a[-1]`    | `idx![1]`, `idx![-1]`     |
/// | `a[1:4]`, `a[2:]`  | `idx![1..4]`, `idx![2..]` |
/// | `a[:-1]`, `a[:]`   | `idx![..-1]`, `idx![..]`  |
/// | `a[::2]`, `a[::-1]`| `idx![..;2]`, `idx![..;-1]` |
/// | `a[4:1:-1]`        | `idx![4..1;-1]`           |
/// | `a[..., 0]`        | `idx![..., 0]`            |
/// | `a[None, :]`       | `idx![None, ..]` (or `newaxis`) |
/// | `a[mask]`          | `idx![&mask]` (a bool [`Array`](crate::Array)) |
/// | `a[[0, 3, 5]]`     | `idx![[0, 3, 5]]`         |
/// | `a[i, j]`          | `idx![&i, &j]` (integer arrays) |
///
/// ```
/// use arraylib::{idx, Array};
/// let a = Array::from_shape_vec([3, 4], (0..12).collect::<Vec<i64>>()).unwrap();
/// assert_eq!(a.at(idx![1..3, ..;2]).to_vec::<i64>().unwrap(), vec![4, 6, 8, 10]);
/// assert_eq!(a.at(idx![..., -1]).to_vec::<i64>().unwrap(), vec![3, 7, 11]);
/// assert_eq!(a.at(idx![None, 0]).shape(), &[1, 4]);
/// assert_eq!(a.at(idx![[2, 0], 1]).to_vec::<i64>().unwrap(), vec![9, 1]);
/// let mask = Array::from_vec(vec![true, false, true]);
/// assert_eq!(a.at(idx![&mask, 0]).to_vec::<i64>().unwrap(), vec![0, 8]);
/// ```
#[macro_export]
macro_rules! idx {
    (@acc [$($done:expr),*]) => {
        $crate::index::Index::new(vec![$($done),*])
    };
    (@acc [$($done:expr),*] ... $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($done,)* $crate::index::IndexItem::Ellipsis] $($($rest)*)?)
    };
    (@acc [$($done:expr),*] None $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($done,)* $crate::index::IndexItem::NewAxis] $($($rest)*)?)
    };
    (@acc [$($done:expr),*] newaxis $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($done,)* $crate::index::IndexItem::NewAxis] $($($rest)*)?)
    };
    (@acc [$($done:expr),*] $range:expr ; $step:expr $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($done,)* {
            // `4..1;-1` is NumPy's `4:1:-1`: a "reversed" range is meaningful here.
            #[allow(clippy::reversed_empty_ranges)]
            let range = $range;
            $crate::index::IndexItem::Slice($crate::index::Slice::from(range).step($step))
        }] $($($rest)*)?)
    };
    (@acc [$($done:expr),*] $item:expr $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($done,)* $crate::index::IndexItem::from($item)] $($($rest)*)?)
    };
    ($($tokens:tt)*) => {
        $crate::idx!(@acc [] $($tokens)*)
    };
}
