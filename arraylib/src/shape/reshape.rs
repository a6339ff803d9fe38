//! Reshaping: `reshape` (a view whenever NumPy's no-copy rules allow), `ravel`, `flatten`,
//! `expand_dims`, `squeeze`, `atleast_*d`, `ascontiguousarray`, `asfortranarray`.

use crate::array::{Array, Layout, Order};
use crate::axes::Axes;
use crate::creation::ShapeArg;
use crate::error::{ArrayError, Result};
use crate::shape::MemoryOrder;
use crate::shape::axes_ops::axis_list;
use crate::shape::kernels::contiguous_copy;

/// NumPy's text for a requested shape in reshape errors: `-1` entries read `newaxis`, and
/// leading ones are left out (`(4,newaxis)`, `(0)` for `(-1, 0)`).
fn dims_str(dims: &[isize]) -> String {
    let Some(first) = dims.iter().position(|&d| d >= 0) else {
        return "()".into();
    };
    let mut text = dims[first].to_string();
    for &d in &dims[first + 1..] {
        if d < 0 {
            text.push_str(",newaxis");
        } else {
            text.push_str(&format!(",{d}"));
        }
    }
    if dims.len() == 1 {
        format!("({text},)")
    } else {
        format!("({text})")
    }
}

/// The requested dims with the one `-1` filled in, checked against `size`.
fn resolve_dims(dims: &[isize], size: usize) -> Result<Vec<usize>> {
    let mismatch = || {
        ArrayError::shape(format!(
            "cannot reshape array of size {size} into shape {}",
            dims_str(dims)
        ))
    };
    let mut unknown = None;
    let mut known = 1usize;
    for (i, &d) in dims.iter().enumerate() {
        if d < 0 {
            if unknown.replace(i).is_some() {
                return Err(ArrayError::value("can only specify one unknown dimension"));
            }
        } else {
            known = known.checked_mul(d as usize).ok_or_else(mismatch)?;
        }
    }
    let mut shape: Vec<usize> = dims.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(i) => {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(mismatch());
            }
            shape[i] = size / known;
        }
        None if known != size => return Err(mismatch()),
        None => {}
    }
    Ok(shape)
}

/// NumPy's `_attempt_nocopy_reshape`: strides that read `layout`'s elements in `order` as
/// `shape` without copying, or `None` when some merged axes are not contiguous enough.
fn nocopy_strides(layout: &Layout, shape: &[usize], order: Order) -> Option<Vec<isize>> {
    // Axes of length 1 have no effect on which elements are seen.
    let (old_dims, old_strides): (Vec<usize>, Vec<isize>) = layout
        .shape
        .iter()
        .zip(&layout.strides)
        .filter(|(n, _)| **n != 1)
        .map(|(&n, &s)| (n, s))
        .unzip();
    let (old_nd, new_nd) = (old_dims.len(), shape.len());
    let mut strides = vec![0isize; new_nd];
    let (mut oi, mut oj, mut ni, mut nj) = (0, 1, 0, 1);
    while ni < new_nd && oi < old_nd {
        let (mut np, mut op) = (shape[ni], old_dims[oi]);
        while np != op {
            if np < op {
                np *= shape[nj];
                nj += 1;
            } else {
                op *= old_dims[oj];
                oj += 1;
            }
        }
        for ok in oi..oj - 1 {
            let mergeable = match order {
                Order::F => old_strides[ok + 1] == old_dims[ok] as isize * old_strides[ok],
                Order::C => old_strides[ok] == old_dims[ok + 1] as isize * old_strides[ok + 1],
            };
            if !mergeable {
                return None;
            }
        }
        match order {
            Order::F => {
                strides[ni] = old_strides[oi];
                for nk in ni + 1..nj {
                    strides[nk] = strides[nk - 1] * shape[nk - 1] as isize;
                }
            }
            Order::C => {
                strides[nj - 1] = old_strides[oj - 1];
                for nk in (ni + 1..nj).rev() {
                    strides[nk - 1] = strides[nk] * shape[nk] as isize;
                }
            }
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    // Trailing axes of length 1 get the stride that would follow the last one.
    let mut last = if ni >= 1 { strides[ni - 1] } else { 1 };
    if order == Order::F && ni >= 1 {
        last *= shape[ni - 1] as isize;
    }
    for stride in &mut strides[ni..] {
        *stride = last;
    }
    Some(strides)
}

/// Reshape with an already resolved shape (NumPy's `PyArray_Newshape`).
fn reshape_to(a: &Array, shape: Vec<usize>, order: Order) -> Array {
    if shape == a.shape() {
        return a.view();
    }
    let layout = a.layout();
    let contiguous = match order {
        Order::C => layout.is_c_contiguous(),
        Order::F => layout.is_f_contiguous(),
    };
    if contiguous {
        return a.with_layout(Layout {
            offset: layout.offset,
            ..Layout::contiguous(&shape, order)
        });
    }
    if let Some(strides) = nocopy_strides(layout, &shape, order) {
        return a.with_layout(Layout {
            shape,
            strides,
            offset: layout.offset,
        });
    }
    // As NumPy, the result is a view of the (unreshaped) copy.
    contiguous_copy(a, order).with_layout(Layout::contiguous(&shape, order))
}

/// The axes of `a` permuted into memory order (NumPy's order `K`): sorted by decreasing
/// absolute stride, each still read in its logical direction. Also says whether any stride is
/// negative (such a view is never handed out flat: NumPy copies then).
fn memory_order_view(a: &Array) -> (Array, bool) {
    let layout = a.layout();
    let mut axes: Vec<(usize, isize)> = layout
        .shape
        .iter()
        .copied()
        .zip(layout.strides.iter().copied())
        .collect();
    axes.sort_by_key(|&(_, s)| std::cmp::Reverse(s.abs()));
    let negative = axes.iter().any(|&(n, s)| s < 0 && n > 1);
    let view = a.with_layout(Layout {
        shape: axes.iter().map(|a| a.0).collect(),
        strides: axes.iter().map(|a| a.1).collect(),
        offset: layout.offset,
    });
    (view, negative)
}

/// The concrete C/F order an `order=` argument means for `a`, `None` for `K`.
fn concrete(a: &Array, order: MemoryOrder) -> Option<Order> {
    match order {
        MemoryOrder::C => Some(Order::C),
        MemoryOrder::F => Some(Order::F),
        MemoryOrder::A if a.is_f_contiguous() && !a.is_c_contiguous() => Some(Order::F),
        MemoryOrder::A => Some(Order::C),
        MemoryOrder::K if a.is_c_contiguous() => Some(Order::C),
        MemoryOrder::K if a.is_f_contiguous() => Some(Order::F),
        MemoryOrder::K => None,
    }
}

/// A new array holding `a`'s elements laid out in `order`; `K` keeps `a`'s axis order in
/// memory (axes sorted by stride, every stride made positive).
pub(crate) fn copy_in(a: &Array, order: MemoryOrder) -> Array {
    if let Some(order) = concrete(a, order) {
        return contiguous_copy(a, order);
    }
    let layout = a.layout();
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.sort_by_key(|&k| std::cmp::Reverse(layout.strides[k].abs()));
    let copy = contiguous_copy(&a.transpose(perm.as_slice()), Order::C);
    let mut inverse = vec![0usize; perm.len()];
    for (i, &k) in perm.iter().enumerate() {
        inverse[k] = i;
    }
    let unpermuted = copy.transpose(inverse).layout().clone();
    copy.relayout(unpermuted)
}

impl Array {
    /// NumPy's `a.reshape(shape)`: a view when the layout allows (always for contiguous
    /// arrays), a copy otherwise. One entry may be `-1` (inferred).
    ///
    /// ```
    /// use arraylib::{Array, ErrorKind, shares_memory};
    /// let a = Array::from_vec((0..6).collect::<Vec<i64>>());
    /// let m = a.try_reshape([3, -1]).unwrap();
    /// assert_eq!(m.shape(), &[3, 2]);
    /// assert!(shares_memory(&a, &m));
    /// let e = a.try_reshape([4, -1]).unwrap_err();
    /// assert_eq!(e.message(), "cannot reshape array of size 6 into shape (4,newaxis)");
    /// assert_eq!(e.kind(), ErrorKind::Shape);
    /// ```
    pub fn try_reshape(&self, shape: impl ShapeArg) -> Result<Array> {
        self.try_reshape_order(shape, Order::C)
    }

    /// [`Array::try_reshape`], panicking on error.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3, 4]);
    /// assert_eq!(a.reshape((2, 2)).shape(), &[2, 2]);
    /// ```
    pub fn reshape(&self, shape: impl ShapeArg) -> Array {
        self.try_reshape(shape).unwrap_or_else(|e| panic!("{e}"))
    }

    /// NumPy's `a.reshape(shape, order=...)`: elements are read and placed in `order`.
    ///
    /// ```
    /// use arraylib::{Array, Order};
    /// let a = Array::from_vec((0..6).collect::<Vec<i64>>());
    /// let f = a.try_reshape_order([2, 3], Order::F).unwrap();
    /// assert_eq!(f.to_vec::<i64>().unwrap(), vec![0, 2, 4, 1, 3, 5]);
    /// assert_eq!(f.strides(), vec![8, 16]);
    /// ```
    pub fn try_reshape_order(&self, shape: impl ShapeArg, order: Order) -> Result<Array> {
        let shape = resolve_dims(&shape.to_dims(), self.size())?;
        Ok(reshape_to(self, shape, order))
    }

    /// [`Array::try_reshape_order`], panicking on error.
    ///
    /// ```
    /// use arraylib::{Array, Order};
    /// let a = Array::from_vec(vec![1, 2, 3, 4]);
    /// assert!(a.reshape_order([2, 2], Order::F).is_f_contiguous());
    /// ```
    pub fn reshape_order(&self, shape: impl ShapeArg, order: Order) -> Array {
        self.try_reshape_order(shape, order).unwrap_or_else(|e| panic!("{e}"))
    }

    /// NumPy's `a.ravel()`: a 1-D view of a C-contiguous array, a copy otherwise.
    ///
    /// ```
    /// use arraylib::{Array, shares_memory};
    /// let m = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
    /// assert!(shares_memory(&m, &m.ravel()));
    /// assert_eq!(m.t().ravel().to_vec::<i32>().unwrap(), vec![1, 3, 2, 4]);
    /// ```
    pub fn ravel(&self) -> Array {
        self.ravel_order(MemoryOrder::C)
    }

    /// NumPy's `a.ravel(order=...)`: a view when the elements already lie in that order.
    ///
    /// ```
    /// use arraylib::{Array, MemoryOrder, shares_memory};
    /// let m = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
    /// let k = m.t().ravel_order(MemoryOrder::K);
    /// assert!(shares_memory(&m, &k));
    /// ```
    pub fn ravel_order(&self, order: impl Into<MemoryOrder>) -> Array {
        // NumPy's `PyArray_Ravel`: a view only of an array contiguous in the requested order
        // (for `K`: in some order of its axes), else a copy, even where `reshape` could view.
        let size = self.size();
        let flat = Layout::contiguous(&[size], Order::C);
        match concrete(self, order.into()) {
            Some(Order::C) if self.is_c_contiguous() => reshape_to(self, vec![size], Order::C),
            Some(Order::F) if self.is_f_contiguous() => reshape_to(self, vec![size], Order::F),
            Some(order) => contiguous_copy(self, order).relayout(flat),
            None => {
                let (view, negative) = memory_order_view(self);
                if !negative && view.is_c_contiguous() {
                    view.with_layout(Layout {
                        offset: view.layout().offset,
                        ..flat
                    })
                } else {
                    contiguous_copy(&view, Order::C).relayout(flat)
                }
            }
        }
    }

    /// NumPy's `a.flatten()`: always a new 1-D array.
    ///
    /// ```
    /// use arraylib::{Array, shares_memory};
    /// let m = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
    /// assert!(!shares_memory(&m, &m.flatten()));
    /// ```
    pub fn flatten(&self) -> Array {
        self.flatten_order(MemoryOrder::C)
    }

    /// NumPy's `a.flatten(order=...)`.
    ///
    /// ```
    /// use arraylib::{Array, Order};
    /// let m = Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
    /// assert_eq!(m.flatten_order(Order::F).to_vec::<i32>().unwrap(), vec![1, 3, 2, 4]);
    /// ```
    pub fn flatten_order(&self, order: impl Into<MemoryOrder>) -> Array {
        let size = self.size();
        let copy = match concrete(self, order.into()) {
            Some(order) => contiguous_copy(self, order),
            None => contiguous_copy(&memory_order_view(self).0, Order::C),
        };
        copy.relayout(Layout::contiguous(&[size], Order::C))
    }

    /// NumPy's `np.expand_dims(a, axis)`: a view with new axes of length 1 at the `axis`
    /// positions of the result (an int or several).
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// assert_eq!(a.try_expand_dims([0, 2]).unwrap().shape(), &[1, 3, 1]);
    /// assert!(a.try_expand_dims(3).is_err());
    /// ```
    pub fn try_expand_dims(&self, axis: impl Into<Axes>) -> Result<Array> {
        let axis = axis.into();
        let count = match &axis {
            Axes::All => return Err(ArrayError::type_error("expand_dims needs an axis")),
            Axes::List(list) => list.len(),
        };
        let out_ndim = self.ndim() + count;
        let new_axes = axis_list(&axis, out_ndim, "repeated axis")?;
        let mut old = self.shape().iter();
        let shape: Vec<usize> = (0..out_ndim)
            .map(|k| {
                if new_axes.contains(&k) {
                    1
                } else {
                    *old.next().expect("counted")
                }
            })
            .collect();
        Ok(reshape_to(self, shape, Order::C))
    }

    /// [`Array::try_expand_dims`], panicking on error.
    ///
    /// ```
    /// let a = arraylib::Array::from_vec(vec![1, 2, 3]);
    /// assert_eq!(a.expand_dims(-1).shape(), &[3, 1]);
    /// ```
    pub fn expand_dims(&self, axis: impl Into<Axes>) -> Array {
        self.try_expand_dims(axis).unwrap_or_else(|e| panic!("{e}"))
    }

    /// NumPy's `a.squeeze()`: a view without the axes of length 1.
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([1, 3, 1], vec![1, 2, 3]).unwrap();
    /// assert_eq!(a.squeeze().shape(), &[3]);
    /// ```
    pub fn squeeze(&self) -> Array {
        self.squeeze_axis(Axes::All)
    }

    /// NumPy's `a.squeeze(axis)`: removes the given axes, which must have length 1
    /// ([`Axes::All`] removes every axis of length 1).
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([1, 3, 1], vec![1, 2, 3]).unwrap();
    /// assert_eq!(a.try_squeeze_axis(-1).unwrap().shape(), &[1, 3]);
    /// assert!(a.try_squeeze_axis(1).is_err());
    /// ```
    pub fn try_squeeze_axis(&self, axis: impl Into<Axes>) -> Result<Array> {
        let axis = axis.into();
        let remove: Vec<usize> = match &axis {
            Axes::All => (0..self.ndim()).filter(|&k| self.shape()[k] == 1).collect(),
            list => {
                let axes = list.resolve(self.ndim())?;
                if axes.iter().any(|&k| self.shape()[k] != 1) {
                    return Err(ArrayError::value(
                        "cannot select an axis to squeeze out which has size not equal to one",
                    ));
                }
                axes
            }
        };
        let layout = self.layout();
        let keep = (0..self.ndim()).filter(|k| !remove.contains(k));
        let (shape, strides) = keep.map(|k| (layout.shape[k], layout.strides[k])).unzip();
        Ok(self.with_layout(Layout {
            shape,
            strides,
            offset: layout.offset,
        }))
    }

    /// [`Array::try_squeeze_axis`], panicking on error.
    ///
    /// ```
    /// let a = arraylib::Array::from_shape_vec([1, 2], vec![1, 2]).unwrap();
    /// assert_eq!(a.squeeze_axis(0).shape(), &[2]);
    /// ```
    pub fn squeeze_axis(&self, axis: impl Into<Axes>) -> Array {
        self.try_squeeze_axis(axis).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// NumPy's `np.reshape(a, shape)`; see [`Array::try_reshape`].
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2, 3, 4]);
/// assert!(arraylib::try_reshape(&a, [3, -1]).is_err());
/// ```
pub fn try_reshape(a: &Array, shape: impl ShapeArg) -> Result<Array> {
    a.try_reshape(shape)
}

/// NumPy's `np.reshape(a, shape)`, panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2, 3, 4]);
/// assert_eq!(arraylib::reshape(&a, [2, -1]).shape(), &[2, 2]);
/// ```
pub fn reshape(a: &Array, shape: impl ShapeArg) -> Array {
    a.reshape(shape)
}

/// NumPy's `np.ravel(a)`; see [`Array::ravel`].
///
/// ```
/// let m = arraylib::Array::from_shape_vec([2, 2], vec![1, 2, 3, 4]).unwrap();
/// assert_eq!(arraylib::ravel(&m).shape(), &[4]);
/// ```
pub fn ravel(a: &Array) -> Array {
    a.ravel()
}

/// NumPy's `np.expand_dims(a, axis)`; see [`Array::try_expand_dims`].
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::try_expand_dims(&a, 0).unwrap().shape(), &[1, 2]);
/// ```
pub fn try_expand_dims(a: &Array, axis: impl Into<Axes>) -> Result<Array> {
    a.try_expand_dims(axis)
}

/// NumPy's `np.expand_dims(a, axis)`, panicking on error.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::expand_dims(&a, 1).shape(), &[2, 1]);
/// ```
pub fn expand_dims(a: &Array, axis: impl Into<Axes>) -> Array {
    a.expand_dims(axis)
}

/// NumPy's `np.squeeze(a, axis)`; see [`Array::try_squeeze_axis`].
///
/// ```
/// use arraylib::{Array, Axes};
/// let a = Array::from_shape_vec([1, 2], vec![1, 2]).unwrap();
/// assert_eq!(arraylib::try_squeeze(&a, Axes::All).unwrap().shape(), &[2]);
/// ```
pub fn try_squeeze(a: &Array, axis: impl Into<Axes>) -> Result<Array> {
    a.try_squeeze_axis(axis)
}

/// NumPy's `np.squeeze(a, axis)`, panicking on error.
///
/// ```
/// use arraylib::{Array, Axes};
/// let a = Array::from_shape_vec([1, 2], vec![1, 2]).unwrap();
/// assert_eq!(arraylib::squeeze(&a, Axes::All).shape(), &[2]);
/// ```
pub fn squeeze(a: &Array, axis: impl Into<Axes>) -> Array {
    a.squeeze_axis(axis)
}

/// NumPy's `np.atleast_1d`: 0-d arrays become shape `(1,)` (a view).
///
/// ```
/// assert_eq!(arraylib::atleast_1d(&arraylib::Array::scalar(1.0)).shape(), &[1]);
/// ```
pub fn atleast_1d(a: &Array) -> Array {
    match a.ndim() {
        0 => reshape_to(a, vec![1], Order::C),
        _ => a.alias(),
    }
}

/// `a` with axes of length 1 inserted at the `new` positions of the result, with stride 0 as
/// NumPy's `np.newaxis` indexing gives them.
fn with_new_axes(a: &Array, new: &[usize]) -> Array {
    let layout = a.layout();
    let ndim = a.ndim() + new.len();
    let mut old = layout.shape.iter().zip(&layout.strides);
    let (shape, strides) = (0..ndim)
        .map(|k| {
            if new.contains(&k) {
                (1, 0)
            } else {
                old.next().map(|(&n, &s)| (n, s)).expect("counted")
            }
        })
        .unzip();
    a.with_layout(Layout {
        shape,
        strides,
        offset: layout.offset,
    })
}

/// NumPy's `np.atleast_2d`: `(n,)` becomes `(1, n)` (as `a[np.newaxis, :]`), 0-d becomes `(1, 1)`.
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1i64, 2]);
/// let b = arraylib::atleast_2d(&a);
/// assert_eq!(b.shape(), &[1, 2]);
/// assert_eq!(b.strides(), vec![0, 8]);
/// ```
pub fn atleast_2d(a: &Array) -> Array {
    match a.ndim() {
        0 => reshape_to(a, vec![1, 1], Order::C),
        1 => with_new_axes(a, &[0]),
        _ => a.alias(),
    }
}

/// NumPy's `np.atleast_3d`: `(n,)` becomes `(1, n, 1)`, `(m, n)` becomes `(m, n, 1)` (new axes
/// with stride 0, as NumPy's indexing with `np.newaxis`).
///
/// ```
/// let a = arraylib::Array::from_vec(vec![1, 2]);
/// assert_eq!(arraylib::atleast_3d(&a).shape(), &[1, 2, 1]);
/// ```
pub fn atleast_3d(a: &Array) -> Array {
    match a.ndim() {
        0 => reshape_to(a, vec![1, 1, 1], Order::C),
        1 => with_new_axes(a, &[0, 2]),
        2 => with_new_axes(a, &[2]),
        _ => a.alias(),
    }
}

/// NumPy's `np.ascontiguousarray`: `a` itself when C-contiguous, else a C-ordered copy
/// (copied in cache-sized tiles, so transposed inputs copy fast). 0-d becomes `(1,)`.
///
/// ```
/// use arraylib::{Array, ascontiguousarray};
/// let m = Array::from_shape_vec([2, 3], vec![0i64, 1, 2, 3, 4, 5]).unwrap();
/// let c = ascontiguousarray(&m.t());
/// assert_eq!(c.strides(), vec![16, 8]);
/// assert_eq!(c.to_vec::<i64>().unwrap(), vec![0, 3, 1, 4, 2, 5]);
/// ```
pub fn ascontiguousarray(a: &Array) -> Array {
    as_order(a, Order::C)
}

/// NumPy's `np.asfortranarray`: `a` itself when Fortran-contiguous, else an F-ordered copy.
///
/// ```
/// use arraylib::{Array, asfortranarray};
/// let m = Array::from_shape_vec([2, 3], vec![0i64, 1, 2, 3, 4, 5]).unwrap();
/// assert_eq!(asfortranarray(&m).strides(), vec![8, 16]);
/// ```
pub fn asfortranarray(a: &Array) -> Array {
    as_order(a, Order::F)
}

fn as_order(a: &Array, order: Order) -> Array {
    let a = atleast_1d(a);
    let done = match order {
        Order::C => a.is_c_contiguous(),
        Order::F => a.is_f_contiguous(),
    };
    if done { a } else { contiguous_copy(&a, order) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arange(n: i64) -> Array {
        Array::from_vec((0..n).collect::<Vec<i64>>())
    }

    #[test]
    fn reshape_of_sliced_columns_is_a_view_when_numpy_says_so() {
        // A (4, 6) array's columns 0..6 step 1 of rows 0..4 step 2: (2, 6) with strides (12, 1).
        let a = arange(24).reshape([4, 6]);
        let rows = a.with_layout(Layout {
            shape: vec![2, 6],
            strides: vec![12, 1],
            offset: 0,
        });
        let v = rows.reshape([2, 2, 3]);
        assert_eq!(v.layout().strides, vec![12, 3, 1]);
        assert!(!v.owndata());
        // Merging the strided rows cannot be a view.
        let flat = rows.reshape([12]);
        assert!(!crate::shares_memory(&a, &flat));
        assert_eq!(
            flat.to_vec::<i64>().unwrap(),
            vec![0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17]
        );
    }

    #[test]
    fn transposed_reshape_copies_in_order() {
        let m = arange(6).reshape([2, 3]);
        let r = m.t().reshape([6]);
        assert_eq!(r.to_vec::<i64>().unwrap(), vec![0, 3, 1, 4, 2, 5]);
        let f = m.t().reshape_order([6], Order::F);
        assert!(crate::shares_memory(&m, &f));
    }

    #[test]
    fn error_texts() {
        let e = arange(0).try_reshape([-1, 0]).unwrap_err();
        assert_eq!(e.message(), "cannot reshape array of size 0 into shape (0)");
        let e = arange(6).try_reshape([4]).unwrap_err();
        assert_eq!(e.message(), "cannot reshape array of size 6 into shape (4,)");
        assert!(arange(6).try_reshape([-1, -1]).is_err());
    }

    #[test]
    fn trailing_ones_and_zero_size() {
        let a = arange(6);
        assert_eq!(a.reshape([6, 1]).strides(), vec![8, 8]);
        let e = Array::from_vec(Vec::<f64>::new()).reshape([0, 3]);
        assert_eq!(e.strides(), vec![24, 8]);
    }

    #[test]
    fn copy_k_keeps_the_axis_order() {
        let t = arange(24).reshape([2, 3, 4]).transpose([1, 2, 0]);
        let k = t.copy_order(MemoryOrder::K);
        assert_eq!(k.strides(), vec![32, 8, 96]);
        assert_eq!(k.to_vec::<i64>().unwrap(), t.to_vec::<i64>().unwrap());
        assert!(k.owndata());
    }

    #[test]
    fn ravel_k_of_reversed_keeps_direction_and_copies() {
        let a = arange(4);
        let rev = a.with_layout(Layout {
            shape: vec![4],
            strides: vec![-1],
            offset: 3,
        });
        let k = rev.ravel_order(MemoryOrder::K);
        assert_eq!(k.to_vec::<i64>().unwrap(), vec![3, 2, 1, 0]);
        assert!(!crate::shares_memory(&a, &k));
    }
}

/// Strides and values checked against NumPy 2.4 for layouts the golden corpus does not cover.
#[cfg(test)]
mod numpy_checks {
    use super::*;

    fn arange(n: i64) -> Array {
        Array::from_vec((0..n).collect::<Vec<i64>>())
    }

    #[test]
    fn expand_dims_of_a_transpose() {
        let t = arange(6).reshape([2, 3]).t();
        assert_eq!(t.expand_dims(0).strides(), vec![24, 8, 24]);
        assert_eq!(t.expand_dims(1).strides(), vec![8, 48, 24]);
        assert_eq!(t.expand_dims(2).strides(), vec![8, 24, 24]);
    }

    #[test]
    fn reshape_of_a_column_step_slice() {
        // np.arange(12).reshape(3, 4)[:, ::2]
        let a = arange(12);
        let x = a.with_layout(Layout {
            shape: vec![3, 2],
            strides: vec![4, 2],
            offset: 0,
        });
        assert_eq!(x.reshape([6]).strides(), vec![16]);
        assert!(crate::shares_memory(&a, &x.reshape([6])));
        assert_eq!(x.reshape([3, 2, 1]).strides(), vec![32, 16, 16]);
        assert_eq!(x.reshape([1, 3, 2]).strides(), vec![96, 32, 16]);
    }

    #[test]
    fn ravel_views_only_contiguous_arrays() {
        let a = arange(8);
        let evens = a.with_layout(Layout {
            shape: vec![4],
            strides: vec![2],
            offset: 0,
        });
        assert!(!crate::shares_memory(&a, &evens.ravel()));
        assert!(!crate::shares_memory(&a, &evens.ravel_order(MemoryOrder::K)));
        assert!(crate::shares_memory(&a, &evens.reshape([4])));
        let t = arange(24).reshape([2, 3, 4]).transpose([1, 2, 0]);
        let k = t.ravel_order(MemoryOrder::K);
        assert!(crate::shares_memory(&t, &k));
        assert_eq!(
            (k.strides(), k.to_vec::<i64>().unwrap()[..5].to_vec()),
            (vec![8], vec![0, 1, 2, 3, 4])
        );
    }

    #[test]
    fn atleast_nd_strides() {
        assert_eq!(atleast_3d(&arange(3)).strides(), vec![0, 8, 0]);
        assert_eq!(atleast_3d(&arange(6).reshape([2, 3])).strides(), vec![24, 8, 0]);
    }
}
