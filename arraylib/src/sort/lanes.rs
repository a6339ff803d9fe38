//! Working along one axis: the elements gathered as contiguous lanes (the axis moved last),
//! and results put back in the caller's axis order.

use rayon::prelude::*;

use crate::array::{Array, Layout};
use crate::axes::{Axes, normalize_axis};
use crate::element::Element;
use crate::error::{ArrayError, Result};

use super::kernel::PAR_MIN;
use super::order::{Sortable, with_sortable_type};

/// The elements of an array as contiguous lanes along one axis, in C order of the other axes.
pub(crate) struct Lanes<T> {
    /// All elements; lane `i` is `data[i * len..(i + 1) * len]`.
    pub data: Vec<T>,
    /// Length of each lane.
    pub len: usize,
    /// The original shape.
    pub shape: Vec<usize>,
    /// The axis the lanes run along (`shape.len() - 1` for a flattened array).
    pub axis: usize,
}

/// The single axis of a sort-like operation: `Axes::All` flattens (`None`), one axis is
/// normalised; several are NumPy's `TypeError` (it takes an integer).
pub(crate) fn single_axis(axes: &Axes, ndim: usize) -> Result<Option<usize>> {
    match axes {
        Axes::All => Ok(None),
        Axes::List(list) if list.len() == 1 => normalize_axis(list[0], ndim).map(Some),
        Axes::List(_) => Err(ArrayError::type_error(
            "'tuple' object cannot be interpreted as an integer",
        )),
    }
}

impl<T: Element> Lanes<T> {
    /// Gathers `a`'s elements along `axis` (`None`: the flattened array, one lane).
    pub fn gather(a: &Array, axis: Option<usize>) -> Result<Lanes<T>> {
        match axis {
            None => {
                let data = elements::<T>(a)?;
                let len = data.len();
                Ok(Lanes {
                    data,
                    len,
                    shape: vec![len],
                    axis: 0,
                })
            }
            Some(axis) => {
                let layout = a.layout();
                let mut moved = layout.clone();
                let (n, s) = (moved.shape.remove(axis), moved.strides.remove(axis));
                moved.shape.push(n);
                moved.strides.push(s);
                let data = elements::<T>(&a.with_layout(moved))?;
                Ok(Lanes {
                    data,
                    len: n,
                    shape: layout.shape.clone(),
                    axis,
                })
            }
        }
    }

    /// Runs `f` on every lane, across threads when there is enough work.
    pub fn for_each_mut(&mut self, f: impl Fn(&mut [T]) + Sync + Send) {
        if self.len == 0 {
            return;
        }
        if self.data.len() >= PAR_MIN && self.data.len() / self.len >= 2 {
            self.data.par_chunks_mut(self.len).for_each(f);
        } else {
            self.data.chunks_mut(self.len).for_each(f);
        }
    }

    /// Builds a new array of `data` (laid out like these lanes, same lane length) in the
    /// original axis order, C-contiguous.
    pub fn restore<U: Element>(&self, data: Vec<U>) -> Array {
        restore_lanes(data, &self.shape, self.axis, self.len)
    }
}

/// The elements of `a` in C order; one `memcpy` when they are contiguous already.
pub(crate) fn elements<T: Element>(a: &Array) -> Result<Vec<T>> {
    let view = a.typed::<T>()?;
    Ok(match view.as_slice() {
        Some(slice) => slice.to_vec(),
        None => view.iter().cloned().collect(),
    })
}

/// The elements of `a` in C order with `axis` moved first (slices along `axis`, each
/// contiguous).
pub(crate) fn leading_data<T: Element>(a: &Array, axis: usize) -> Result<Vec<T>> {
    let mut moved = a.layout().clone();
    let (n, s) = (moved.shape.remove(axis), moved.strides.remove(axis));
    moved.shape.insert(0, n);
    moved.strides.insert(0, s);
    elements::<T>(&a.with_layout(moved))
}

/// An array of `shape` from `data` holding lanes of length `len` along `axis` (moved last).
pub(crate) fn restore_lanes<U: Element>(data: Vec<U>, shape: &[usize], axis: usize, len: usize) -> Array {
    let ndim = shape.len();
    let mut moved_shape: Vec<usize> = shape.to_vec();
    if ndim > 0 {
        moved_shape.remove(axis);
        moved_shape.push(len);
    }
    let moved = Array::from_shape_vec(&moved_shape, data).expect("lanes fill the shape");
    if ndim == 0 || axis == ndim - 1 {
        return moved;
    }
    // A view with the lane axis back in place, then one copy into C order.
    let contiguous = moved.layout().clone();
    let mut layout = Layout {
        shape: Vec::with_capacity(ndim),
        strides: Vec::with_capacity(ndim),
        offset: 0,
    };
    for i in 0..ndim {
        let from = match i.cmp(&axis) {
            std::cmp::Ordering::Less => i,
            std::cmp::Ordering::Equal => ndim - 1,
            std::cmp::Ordering::Greater => i - 1,
        };
        layout.shape.push(contiguous.shape[from]);
        layout.strides.push(contiguous.strides[from]);
    }
    moved.with_layout(layout).copy()
}

/// Writes `src`'s elements into `dst`'s memory (same shape and dtype): how the in-place
/// methods reach every view of `dst`.
pub(crate) fn assign(dst: &mut Array, src: &Array) -> Result<()> {
    fn write<T: Sortable>(dst: &mut Array, src: &Array) -> Result<()> {
        let src = src.typed::<T>()?;
        dst.typed_mut::<T>()?.assign(&*src);
        Ok(())
    }
    with_sortable_type!(dst.dtype(), write(dst, src))
}
