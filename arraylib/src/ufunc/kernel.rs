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
/// (release build, shared with other work): at 1e5 `f64` elements `x * 2.5` took twice as long
/// split (waking the second thread costs more than the 25 µs the loop takes on one core);
/// from a few hundred thousand elements the split is a near 2x win until memory bandwidth
/// saturates.
pub(crate) const PARALLEL_MIN: usize = 1 << 17;

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

/// Elements per parallel task of a slice loop (half the threshold: a few tasks per core).
const TASK: usize = PARALLEL_MIN / 2;

/// Runs `body` compiled for the widest vector extension this CPU has (AVX-512, AVX2 + FMA, or
/// the x86-64 baseline of SSE2), chosen at run time: the generic loops inlined into `body` are
/// then vectorised at full width. Every version computes the same bits: Rust never fuses
/// `a * b + c` into an FMA on its own, so the extensions only widen the same operations.
#[inline(always)]
pub(crate) fn simd<R>(body: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,bmi2")]
        fn v4<R>(body: impl FnOnce() -> R) -> R {
            body()
        }
        #[target_feature(enable = "avx2,fma,bmi2")]
        fn v3<R>(body: impl FnOnce() -> R) -> R {
            body()
        }
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl")
            && std::arch::is_x86_feature_detected!("avx512bw")
        {
            // SAFETY: the CPU has every feature `v4` is compiled for.
            return unsafe { v4(body) };
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            // SAFETY: as above, for `v3`.
            return unsafe { v3(body) };
        }
    }
    body()
}

/// `out[i] = f(input[i])`: the innermost loop of every contiguous unary operation.
///
/// The loops take `f` by value and move it into the vectorised body: a constant that `f`
/// holds (the `2.5` of `x * 2.5`, captured by value at the call site) is then known not to
/// change while `out` is written, and stays in a register instead of being reloaded through
/// a pointer for every element, which kept LLVM from vectorising the loop.
fn map_into<A: Copy, O>(input: &[A], out: &mut [MaybeUninit<O>], f: impl Fn(A) -> O + Copy) {
    simd(move || {
        for (o, &x) in out.iter_mut().zip(input) {
            o.write(f(x));
        }
    })
}

/// `out[i] = f(a[i], b[i])`: the innermost loop of every contiguous binary operation.
fn zip_into<A: Copy, B: Copy, O>(a: &[A], b: &[B], out: &mut [MaybeUninit<O>], f: impl Fn(A, B) -> O + Copy) {
    simd(move || {
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            o.write(f(x, y));
        }
    })
}

/// A fresh vector of `n` elements filled by `fill(range_start, slots)` over pieces of
/// [`TASK`] elements, on all cores from [`PARALLEL_MIN`] elements.
fn filled<O: Send>(n: usize, fill: impl Fn(usize, &mut [MaybeUninit<O>]) + Sync) -> Vec<O> {
    let mut out = crate::buffer::vec_with_capacity(n);
    let slots = &mut out.spare_capacity_mut()[..n];
    if n >= PARALLEL_MIN {
        slots
            .par_chunks_mut(TASK)
            .enumerate()
            .for_each(|(k, piece)| fill(k * TASK, piece));
    } else {
        fill(0, slots);
    }
    // SAFETY: the pieces cover all `n` slots and `fill` wrote each of them.
    unsafe { out.set_len(n) };
    out
}

fn map_slice<A: Copy + Sync, O: Send>(input: &[A], f: impl Fn(A) -> O + Sync + Copy) -> Vec<O> {
    filled(input.len(), |at, piece| {
        map_into(&input[at..at + piece.len()], piece, f)
    })
}

fn zip_slices<A: Copy + Sync, B: Copy + Sync, O: Send>(
    a: &[A],
    b: &[B],
    f: impl Fn(A, B) -> O + Sync + Copy,
) -> Vec<O> {
    filled(a.len(), |at, piece| {
        let end = at + piece.len();
        zip_into(&a[at..end], &b[at..end], piece, f)
    })
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
    let out = ArrayD::uninit(IxDyn(shape).set_f(f_order));
    crate::buffer::advise_huge_pages(out.as_ptr(), out.len() * size_of::<O>());
    out
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
    mut out: ArrayViewMutD<'_, MaybeUninit<O>>,
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
    let last = Axis(out.ndim().saturating_sub(1));
    if out.ndim() > 0 && out.len_of(last) >= ROW_MIN && out.stride_of(last) == 1 {
        // Row by row, each row a vectorised slice loop: a broadcast operand's row (stride 0,
        // as `z - z.max(axis=1, keepdims=True)` has) is a constant.
        Zip::from(out.lanes_mut(last))
            .and(a.lanes(last))
            .and(b.lanes(last))
            .for_each(|mut o, x, y| {
                let o = o.as_slice_mut().expect("unit stride");
                match (x.as_slice(), y.as_slice()) {
                    (Some(xs), Some(ys)) => zip_into(xs, ys, o, f),
                    (Some(xs), None) if y.stride_of(Axis(0)) == 0 => {
                        let c = y[0];
                        map_into(xs, o, move |v| f(v, c))
                    }
                    (None, Some(ys)) if x.stride_of(Axis(0)) == 0 => {
                        let c = x[0];
                        map_into(ys, o, move |v| f(c, v))
                    }
                    _ => Zip::from(o).and(x).and(y).for_each(|o, &x, &y| {
                        o.write(f(x, y));
                    }),
                }
            });
        return;
    }
    Zip::from(out).and(a).and(b).for_each(|o, &x, &y| {
        o.write(f(x, y));
    });
}

/// Rows at least this long are worth a slice loop of their own in a broadcast operation.
const ROW_MIN: usize = 8;

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

/// [`map1`] for an operand nobody else sees (an owned temporary such as `exp(&z - &m)`):
/// computed over its own buffer instead of a fresh one when `f` keeps its element type.
pub(crate) fn map1_owned<A: Element + Copy>(a: Array, f: impl Fn(A) -> A + Sync) -> Result<Array> {
    if super::operators::reusable(&a, A::DTYPE, a.shape()) {
        let mut view = a.typed_write::<A>()?;
        if let Some(slice) = view.as_slice_memory_order_mut() {
            update_slice(slice, &f);
            drop(view);
            return Ok(a);
        }
    }
    map1(&a, f)
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
        let f = &f;
        let data = map_slice(va.as_slice_memory_order().expect("dense"), move |x| f(x, y));
        return Ok(from_parts(&shape, Some(strides), data));
    } else if va.len() == 1
        && vb.shape() == shape.as_slice()
        && let Some(strides) = dense_strides(&vb)
    {
        let x = *va.iter().next().expect("one element");
        let f = &f;
        let data = map_slice(vb.as_slice_memory_order().expect("dense"), move |y| f(x, y));
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
            let f = &f;
            update_slice(st, move |x| f(x, y));
            return Ok(());
        }
        if bb.strides() == t_strides.as_slice()
            && let Some(sb) = bb.as_slice_memory_order()
        {
            let run = |t: &mut [T], b: &[B]| simd(|| t.iter_mut().zip(b).for_each(|(t, &y)| *t = f(*t, y)));
            if st.len() >= PARALLEL_MIN {
                st.par_chunks_mut(TASK)
                    .zip(sb.par_chunks(TASK))
                    .for_each(|(t, b)| run(t, b));
            } else {
                run(st, sb);
            }
            return Ok(());
        }
    }
    update_into(vt.view_mut(), bb, &f);
    Ok(())
}

/// `slice[i] = f(slice[i])` (`f` by value, as in [`map_into`]).
fn update_slice<T: Copy + Send>(slice: &mut [T], f: impl Fn(T) -> T + Sync + Copy) {
    let run = |s: &mut [T]| simd(move || s.iter_mut().for_each(|t| *t = f(*t)));
    if slice.len() >= PARALLEL_MIN {
        slice.par_chunks_mut(TASK).for_each(run);
    } else {
        run(slice);
    }
}
