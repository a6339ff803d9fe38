//! The loops behind every element-wise operation, written once for all dtypes.
//!
//! Three paths, fastest first:
//! 1. every operand is contiguous with the same layout: one loop over slices (LLVM vectorises
//!    it), the result taking the operands' memory order (NumPy's `order='K'`);
//! 2. one operand is contiguous and the others are single elements (`x * 2.0`): a slice loop
//!    with a constant;
//! 3. anything else: `ndarray::Zip` over the broadcast views, which walks the innermost axis as
//!    a tight strided loop.
//!
//! Above [`PARALLEL_MIN`] elements the work is split across rayon's threads.

use std::mem::MaybeUninit;

use ndarray::{ArrayD, ArrayViewD, ArrayViewMutD, Axis, IxDyn, ShapeBuilder, Zip};
use rayon::prelude::*;

use crate::array::Array;
use crate::broadcast::broadcast_shape_ufunc;
use crate::element::Element;
use crate::error::{ArrayError, ErrorKind, Result, shape_str};

/// Element count from which a loop is split across threads. Measured on the 2-core machine
/// (release build): below about 64k `f64` elements the thread hand-off costs more than the
/// second core saves for `x * x`; above, the split is a near 2x win until memory bandwidth
/// saturates.
pub(crate) const PARALLEL_MIN: usize = 1 << 16;

/// Contiguous strides of `view` when its memory is one gap-free block with non-negative
/// strides (in any axis order), so that memory order can be mirrored by the result.
fn dense_strides<T>(view: &ArrayViewD<'_, T>) -> Option<Vec<usize>> {
    if view.strides().iter().any(|&s| s < 0) || view.as_slice_memory_order().is_none() {
        return None;
    }
    Some(view.strides().iter().map(|&s| s as usize).collect())
}

/// An `Array` owning `data` laid out with `strides` (elements) over `shape`.
fn from_parts<O: Element>(shape: &[usize], strides: Option<Vec<usize>>, data: Vec<O>) -> Array {
    let nd = match strides {
        Some(strides) => ArrayD::from_shape_vec(IxDyn(shape).strides(IxDyn(&strides)), data),
        None => ArrayD::from_shape_vec(IxDyn(shape), data),
    };
    Array::from_ndarray(nd.expect("the data was produced for this layout"))
}

fn map_slice<A: Copy + Sync, O: Send>(input: &[A], f: &(impl Fn(A) -> O + Sync)) -> Vec<O> {
    if input.len() >= PARALLEL_MIN {
        let mut out = Vec::with_capacity(input.len());
        input
            .par_iter()
            .with_min_len(PARALLEL_MIN / 2)
            .map(|&x| f(x))
            .collect_into_vec(&mut out);
        out
    } else {
        input.iter().map(|&x| f(x)).collect()
    }
}

fn zip_slices<A: Copy + Sync, B: Copy + Sync, O: Send>(a: &[A], b: &[B], f: &(impl Fn(A, B) -> O + Sync)) -> Vec<O> {
    if a.len() >= PARALLEL_MIN {
        let mut out = Vec::with_capacity(a.len());
        a.par_iter()
            .with_min_len(PARALLEL_MIN / 2)
            .zip(b)
            .map(|(&x, &y)| f(x, y))
            .collect_into_vec(&mut out);
        out
    } else {
        a.iter().zip(b).map(|(&x, &y)| f(x, y)).collect()
    }
}

/// The axis to split a loop on: the longest one (so both halves stay large), if any is > 1.
fn split_axis(shape: &[usize]) -> Option<Axis> {
    let (axis, &n) = shape.iter().enumerate().max_by_key(|&(_, &n)| n)?;
    (n > 1).then_some(Axis(axis))
}

/// Whether a fresh result should be column-major: all full-shape operands are F- but not
/// C-contiguous (NumPy's `order='K'` for the common case of Fortran inputs).
fn prefer_f(operands: &[(&[usize], bool, bool)], shape: &[usize]) -> bool {
    let full: Vec<_> = operands
        .iter()
        .filter(|(s, _, _)| *s == shape && shape.len() > 1)
        .collect();
    !full.is_empty() && full.iter().all(|&&(_, c, f)| f && !c)
}

/// Shape and (C, F) contiguity of a view, for [`prefer_f`].
fn order_of<'a, T>(v: &'a ArrayViewD<'_, T>) -> (&'a [usize], bool, bool) {
    (v.shape(), v.is_standard_layout(), v.t().is_standard_layout())
}

fn fresh<O>(shape: &[usize], f_order: bool) -> ArrayD<MaybeUninit<O>> {
    ArrayD::uninit(IxDyn(shape).set_f(f_order))
}

fn zip2_into<A: Copy + Sync, O: Send>(
    out: ArrayViewMutD<'_, MaybeUninit<O>>,
    a: ArrayViewD<'_, A>,
    f: &(impl Fn(A) -> O + Sync),
) {
    if out.len() >= PARALLEL_MIN
        && let Some(axis) = split_axis(out.shape())
    {
        let mid = out.len_of(axis) / 2;
        let (o1, o2) = out.split_at(axis, mid);
        let (a1, a2) = a.split_at(axis, mid);
        rayon::join(|| zip2_into(o1, a1, f), || zip2_into(o2, a2, f));
        return;
    }
    Zip::from(out).and(a).for_each(|o, &x| {
        o.write(f(x));
    });
}

fn zip3_into<A: Copy + Sync, B: Copy + Sync, O: Send>(
    out: ArrayViewMutD<'_, MaybeUninit<O>>,
    a: ArrayViewD<'_, A>,
    b: ArrayViewD<'_, B>,
    f: &(impl Fn(A, B) -> O + Sync),
) {
    if out.len() >= PARALLEL_MIN
        && let Some(axis) = split_axis(out.shape())
    {
        let mid = out.len_of(axis) / 2;
        let (o1, o2) = out.split_at(axis, mid);
        let (a1, a2) = a.split_at(axis, mid);
        let (b1, b2) = b.split_at(axis, mid);
        rayon::join(|| zip3_into(o1, a1, b1, f), || zip3_into(o2, a2, b2, f));
        return;
    }
    Zip::from(out).and(a).and(b).for_each(|o, &x, &y| {
        o.write(f(x, y));
    });
}

/// `f` applied to every element of `a` (whose element type must be `A`).
pub(crate) fn map1<A: Element + Copy, O: Element>(a: &Array, f: impl Fn(A) -> O + Sync) -> Result<Array> {
    let va = a.typed::<A>()?;
    if let Some(strides) = dense_strides(&va) {
        let data = map_slice(va.as_slice_memory_order().expect("dense"), &f);
        return Ok(from_parts(va.shape(), Some(strides), data));
    }
    let mut out = fresh::<O>(va.shape(), prefer_f(&[order_of(&va)], va.shape()));
    zip2_into(out.view_mut(), va.view(), &f);
    // SAFETY: the zip wrote every element of `out`.
    Ok(Array::from_ndarray(unsafe { out.assume_init() }))
}

/// `f` applied pairwise to `a` and `b` broadcast together (element types `A` and `B`).
pub(crate) fn map2<A: Element + Copy, B: Element + Copy, O: Element>(
    a: &Array,
    b: &Array,
    f: impl Fn(A, B) -> O + Sync,
) -> Result<Array> {
    let shape = broadcast_shape_ufunc(&[a.shape(), b.shape()])?;
    let (va, vb) = (a.typed::<A>()?, b.typed::<B>()?);
    if va.shape() == shape.as_slice() && vb.shape() == shape.as_slice() {
        if let (Some(sa), Some(sb)) = (dense_strides(&va), dense_strides(&vb))
            && sa == sb
        {
            let (xa, xb) = (
                va.as_slice_memory_order().expect("dense"),
                vb.as_slice_memory_order().expect("dense"),
            );
            return Ok(from_parts(&shape, Some(sa), zip_slices(xa, xb, &f)));
        }
    } else if vb.len() == 1
        && va.shape() == shape.as_slice()
        && let Some(strides) = dense_strides(&va)
    {
        let y = *vb.iter().next().expect("one element");
        let data = map_slice(va.as_slice_memory_order().expect("dense"), &|x| f(x, y));
        return Ok(from_parts(&shape, Some(strides), data));
    } else if va.len() == 1
        && vb.shape() == shape.as_slice()
        && let Some(strides) = dense_strides(&vb)
    {
        let x = *va.iter().next().expect("one element");
        let data = map_slice(vb.as_slice_memory_order().expect("dense"), &|y| f(x, y));
        return Ok(from_parts(&shape, Some(strides), data));
    }
    let ba = va.broadcast(IxDyn(&shape)).expect("shapes were checked");
    let bb = vb.broadcast(IxDyn(&shape)).expect("shapes were checked");
    let mut out = fresh::<O>(&shape, prefer_f(&[order_of(&va), order_of(&vb)], &shape));
    zip3_into(out.view_mut(), ba, bb, &f);
    // SAFETY: the zip wrote every element of `out`.
    Ok(Array::from_ndarray(unsafe { out.assume_init() }))
}

/// NumPy's error for an in-place operand that would have to grow.
pub(crate) fn check_output_shape(target: &[usize], value: &[usize]) -> Result<()> {
    let shape = broadcast_shape_ufunc(&[target, value])?;
    if shape != target {
        return Err(ArrayError::new(
            ErrorKind::Broadcast,
            format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                shape_str(target),
                shape_str(&shape)
            ),
        ));
    }
    Ok(())
}

fn update_into<T: Copy + Send + Sync, B: Copy + Sync>(
    target: ArrayViewMutD<'_, T>,
    b: ArrayViewD<'_, B>,
    f: &(impl Fn(T, B) -> T + Sync),
) {
    if target.len() >= PARALLEL_MIN
        && let Some(axis) = split_axis(target.shape())
    {
        let mid = target.len_of(axis) / 2;
        let (t1, t2) = target.split_at(axis, mid);
        let (b1, b2) = b.split_at(axis, mid);
        rayon::join(|| update_into(t1, b1, f), || update_into(t2, b2, f));
        return;
    }
    Zip::from(target).and(b).for_each(|t, &y| *t = f(*t, y));
}

/// `target[...] = f(target, b)` in place, writing through to every view of `target`'s
/// memory. `b` must not share storage with `target` and must broadcast to its shape.
pub(crate) fn update<T: Element + Copy, B: Element + Copy>(
    target: &Array,
    b: &Array,
    f: impl Fn(T, B) -> T + Sync,
) -> Result<()> {
    check_output_shape(target.shape(), b.shape())?;
    let vb = b.typed::<B>()?;
    let mut vt = target.typed_write::<T>()?;
    let bb = vb.broadcast(vt.raw_dim()).expect("shape was checked");
    if vt.is_empty() {
        return Ok(());
    }
    let t_strides: Vec<isize> = vt.strides().to_vec();
    if let Some(st) = vt.as_slice_memory_order_mut()
        && t_strides.iter().all(|&s| s >= 0)
    {
        if bb.len() == 1 || bb.strides().iter().all(|&s| s == 0) {
            let y = *bb.iter().next().expect("non-empty");
            update_slice(st, &|x| f(x, y));
            return Ok(());
        }
        if bb.strides() == t_strides.as_slice()
            && let Some(sb) = bb.as_slice_memory_order()
        {
            if st.len() >= PARALLEL_MIN {
                st.par_iter_mut()
                    .with_min_len(PARALLEL_MIN / 2)
                    .zip(sb)
                    .for_each(|(t, &y)| *t = f(*t, y));
            } else {
                st.iter_mut().zip(sb).for_each(|(t, &y)| *t = f(*t, y));
            }
            return Ok(());
        }
    }
    update_into(vt.view_mut(), bb, &f);
    Ok(())
}

fn update_slice<T: Copy + Send>(slice: &mut [T], f: &(impl Fn(T) -> T + Sync)) {
    if slice.len() >= PARALLEL_MIN {
        slice
            .par_iter_mut()
            .with_min_len(PARALLEL_MIN / 2)
            .for_each(|t| *t = f(*t));
    } else {
        slice.iter_mut().for_each(|t| *t = f(*t));
    }
}
