//! How a reduction walks memory.
//!
//! NumPy's reduction iterator visits the input in memory order (axes sorted by stride, adjacent
//! axes merged when their strides allow) and then does one of two things with the innermost
//! run of elements:
//! - when that run lies along a *reduced* axis, it hands the whole run to the reduce loop
//!   (for float sums, the pairwise summation);
//! - when it lies along a *kept* axis, it adds the run element-wise into the matching run of
//!   results, so rows are accumulated one after another (axis 0 of a C-ordered matrix).
//!
//! [`reduce`] reproduces that walk, so results round exactly as NumPy's do, and it is also the
//! cache-friendly order. Large inputs are split in two along the outermost axis and run on two
//! threads: splitting a kept axis changes nothing; splitting a reduced axis accumulates two
//! halves and combines them with `merge` (for sums this rounds slightly differently from
//! NumPy's strictly sequential rows, and slightly better).

use ndarray::ArrayViewD;

use crate::axes::Axes;
use crate::error::{ArrayError, Result};
use crate::ufunc::kernel::simd;

/// Inputs at least this large are reduced on two threads.
pub(crate) const PARALLEL_MIN: usize = 1 << 17;

/// Which axes a reduction removes, and the shapes around it.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// Shape of the input.
    pub shape: Vec<usize>,
    /// Reduced axes, sorted.
    pub axes: Vec<usize>,
    /// Number of input elements combined into each result.
    pub count: usize,
}

impl Plan {
    /// Resolves `axes` for an input of `shape`. A 0-d input accepts `axis=0` / `axis=-1`, as
    /// NumPy's reductions do.
    pub fn new(shape: &[usize], axes: &Axes) -> Result<Plan> {
        let axes = match axes {
            Axes::List(list) if shape.is_empty() => {
                if let Some(&bad) = list.iter().find(|&&a| a != 0 && a != -1) {
                    return Err(ArrayError::axis(bad, 0));
                }
                Vec::new()
            }
            other => other.resolve(shape.len())?,
        };
        let count = axes.iter().map(|&a| shape[a]).product();
        Ok(Plan {
            shape: shape.to_vec(),
            axes,
            count,
        })
    }

    /// Whether axis `d` is reduced.
    pub fn is_reduced(&self, d: usize) -> bool {
        self.axes.binary_search(&d).is_ok()
    }

    /// Shape of the result: reduced axes removed, or kept with length 1.
    pub fn out_shape(&self, keepdims: bool) -> Vec<usize> {
        (0..self.shape.len())
            .filter_map(|d| match (self.is_reduced(d), keepdims) {
                (false, _) => Some(self.shape[d]),
                (true, true) => Some(1),
                (true, false) => None,
            })
            .collect()
    }

    /// Number of results.
    pub fn out_size(&self) -> usize {
        self.out_shape(false).iter().product()
    }
}

/// A run of input elements along one (possibly merged) reduced axis.
#[derive(Clone, Copy)]
pub(crate) struct Lane<T> {
    ptr: *const T,
    len: usize,
    stride: isize,
}

// SAFETY: a lane only reads elements of a borrowed view that outlives the reduction.
unsafe impl<T: Sync> Send for Lane<T> {}
unsafe impl<T: Sync> Sync for Lane<T> {}

impl<T: Copy> Lane<T> {
    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Element `i` (`i < len`).
    #[inline(always)]
    pub fn get(&self, i: usize) -> T {
        debug_assert!(i < self.len);
        // SAFETY: `i < len`, and every element of the lane lies inside the borrowed view.
        unsafe { *self.ptr.offset(i as isize * self.stride) }
    }

    /// The elements as a slice when they are contiguous.
    #[inline]
    pub fn as_slice(&self) -> Option<&[T]> {
        // SAFETY: stride 1 means `len` consecutive elements of the borrowed view.
        (self.stride == 1).then(|| unsafe { std::slice::from_raw_parts(self.ptr, self.len) })
    }

    /// The elements in order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        (0..self.len).map(|i| self.get(i))
    }
}

#[derive(Clone, Copy, Debug)]
struct Dim {
    len: usize,
    /// Input stride, in elements.
    is: isize,
    /// Output stride, in elements (0 along reduced axes).
    os: isize,
}

/// A raw pointer that may cross to the other thread: the two halves of a parallel walk touch
/// disjoint results (or separate buffers).
#[derive(Clone, Copy)]
struct SendPtr<P>(P);
unsafe impl<P> Send for SendPtr<P> {}
unsafe impl<P> Sync for SendPtr<P> {}

/// Reduces `view` as `plan` says, in NumPy's memory order; returns the results in C order of
/// the kept axes.
///
/// - `init` starts every result;
/// - `lane(acc, run, o)` folds a run along a reduced axis into result `o`;
/// - `elem(acc, x, o)` folds one element into result `o`;
/// - `merge(a, b)` combines two partial results (used when a reduced axis is split across
///   threads).
pub(crate) fn reduce<T, A, L, E, M>(view: &ArrayViewD<T>, plan: &Plan, init: A, lane: L, elem: E, merge: M) -> Vec<A>
where
    T: Copy + Send + Sync,
    A: Copy + Send + Sync,
    L: Fn(A, Lane<T>, usize) -> A + Sync,
    E: Fn(A, T, usize) -> A + Sync,
    M: Fn(A, A) -> A + Sync,
{
    let out_shape = plan.out_shape(false);
    let out_size: usize = out_shape.iter().product();
    let mut out = vec![init; out_size];
    if out_size == 0 || plan.count == 0 {
        return out;
    }
    // Output strides (C order over the kept axes).
    let mut out_strides = vec![0isize; plan.shape.len()];
    let mut step = 1isize;
    for d in (0..plan.shape.len()).rev() {
        if !plan.is_reduced(d) {
            out_strides[d] = step;
            step *= plan.shape[d] as isize;
        }
    }
    let mut dims: Vec<Dim> = (0..plan.shape.len())
        .filter(|&d| plan.shape[d] > 1)
        .map(|d| Dim {
            len: plan.shape[d],
            is: view.strides()[d],
            os: out_strides[d],
        })
        .collect();
    if dims.is_empty() {
        dims.push(Dim { len: 1, is: 1, os: 0 });
    }
    // Memory order: outermost = largest input stride (stable, so C order breaks ties).
    dims.sort_by_key(|d| std::cmp::Reverse(d.is.unsigned_abs()));
    let dims = coalesce(dims);
    let input = SendPtr(view.as_ptr());
    let outp = SendPtr(out.as_mut_ptr());
    let kernel = |dims: &[Dim], input: SendPtr<*const T>, out: SendPtr<*mut A>| {
        // SAFETY: `dims` describe the borrowed view (or a part of it) and the result buffer.
        simd(|| unsafe { walk(dims, input.0, out.0, &lane, &elem) })
    };
    let size: usize = plan.shape.iter().product();
    if size >= PARALLEL_MIN && dims.len() >= 2 && dims[0].len >= 2 {
        let d0 = dims[0];
        let half = d0.len / 2;
        let mut first = dims.clone();
        first[0].len = half;
        let mut second = dims.clone();
        second[0].len = d0.len - half;
        // SAFETY: offsets stay inside the view / result buffer (they address index `half`).
        let input2 = SendPtr(unsafe { input.0.offset(half as isize * d0.is) });
        if d0.os != 0 {
            // A kept axis: the halves write disjoint results.
            let out2 = SendPtr(unsafe { outp.0.offset(half as isize * d0.os) });
            rayon::join(|| kernel(&first, input, outp), || kernel(&second, input2, out2));
        } else {
            let mut other = vec![init; out_size];
            let out2 = SendPtr(other.as_mut_ptr());
            rayon::join(|| kernel(&first, input, outp), || kernel(&second, input2, out2));
            for (a, b) in out.iter_mut().zip(other) {
                *a = merge(*a, b);
            }
        }
    } else {
        kernel(&dims, input, outp);
    }
    out
}

/// Merges neighbouring axes that step through memory (and the results) as one longer axis.
fn coalesce(dims: Vec<Dim>) -> Vec<Dim> {
    let mut out: Vec<Dim> = Vec::with_capacity(dims.len());
    for d in dims {
        if let Some(last) = out.last_mut()
            && last.is == d.is * d.len as isize
            && last.os == d.os * d.len as isize
        {
            *last = Dim {
                len: last.len * d.len,
                is: d.is,
                os: d.os,
            };
            continue;
        }
        out.push(d);
    }
    out
}

/// The walk itself: an odometer over the outer axes, a run kernel on the innermost one.
///
/// # Safety
/// `input` with `dims`' input strides must address only elements of a live borrowed view, and
/// `out` with the output strides only elements of the result buffer.
unsafe fn walk<T: Copy, A: Copy, L, E>(dims: &[Dim], input: *const T, out: *mut A, lane: &L, elem: &E)
where
    L: Fn(A, Lane<T>, usize) -> A,
    E: Fn(A, T, usize) -> A,
{
    let (outer, inner) = dims.split_at(dims.len() - 1);
    let inner = inner[0];
    let total: usize = outer.iter().map(|d| d.len).product();
    let mut index = vec![0usize; outer.len()];
    let (mut ip, mut op) = (0isize, 0isize);
    for step in 0..total {
        // Long reductions stop when the notebook user interrupts (one atomic load).
        if step % 1024 == 0 {
            crate::interrupt::check();
        }
        unsafe {
            let src = input.offset(ip);
            if inner.os == 0 {
                let o = out.offset(op);
                *o = lane(
                    *o,
                    Lane {
                        ptr: src,
                        len: inner.len,
                        stride: inner.is,
                    },
                    op as usize,
                );
            } else if inner.is == 1 && inner.os == 1 {
                let xs = std::slice::from_raw_parts(src, inner.len);
                let os = std::slice::from_raw_parts_mut(out.offset(op), inner.len);
                let base = op as usize;
                for (j, (o, &x)) in os.iter_mut().zip(xs).enumerate() {
                    *o = elem(*o, x, base + j);
                }
            } else {
                for j in 0..inner.len as isize {
                    let at = op + j * inner.os;
                    let o = out.offset(at);
                    *o = elem(*o, *src.offset(j * inner.is), at as usize);
                }
            }
        }
        for d in (0..outer.len()).rev() {
            index[d] += 1;
            ip += outer[d].is;
            op += outer[d].os;
            if index[d] < outer[d].len {
                break;
            }
            ip -= outer[d].is * outer[d].len as isize;
            op -= outer[d].os * outer[d].len as isize;
            index[d] = 0;
        }
    }
}

/// Calls `f(lane, o)` for every run along `axis` (one per result, in C order of the other axes).
/// For reductions that need a whole lane at once (arg-extrema, medians, cumulative sums).
pub(crate) fn for_each_lane<T: Copy>(view: &ArrayViewD<T>, axis: usize, mut f: impl FnMut(Lane<T>, usize)) {
    let shape = view.shape();
    let len = shape[axis];
    let stride = view.strides()[axis];
    let others: Vec<usize> = (0..shape.len()).filter(|&d| d != axis).collect();
    let total: usize = others.iter().map(|&d| shape[d]).product();
    let mut index = vec![0usize; others.len()];
    let mut ip = 0isize;
    let ptr = view.as_ptr();
    for o in 0..total {
        // SAFETY: `ip` addresses the first element of a lane of the borrowed view.
        f(
            Lane {
                ptr: unsafe { ptr.offset(ip) },
                len,
                stride,
            },
            o,
        );
        for k in (0..others.len()).rev() {
            let d = others[k];
            index[k] += 1;
            ip += view.strides()[d];
            if index[k] < shape[d] {
                break;
            }
            ip -= view.strides()[d] * shape[d] as isize;
            index[k] = 0;
        }
    }
}

/// The elements of `view` with its axes taken in `order` (outermost first), in C order of
/// that permutation: a strided gather with a tight inner loop (ndarray's generic iterator over
/// permuted dynamic-rank views costs tens of nanoseconds per element).
pub(crate) fn gather<T: Copy>(view: &ArrayViewD<T>, order: &[usize]) -> Vec<T> {
    let total: usize = view.len();
    let mut out = crate::buffer::vec_with_capacity(total);
    if total == 0 {
        return out;
    }
    let mut dims: Vec<(usize, isize)> = Vec::with_capacity(order.len());
    for &d in order {
        let (len, stride) = (view.shape()[d], view.strides()[d]);
        if len == 1 {
            continue;
        }
        match dims.last_mut() {
            Some(last) if last.1 == stride * len as isize => *last = (last.0 * len, stride),
            _ => dims.push((len, stride)),
        }
    }
    if dims.is_empty() {
        dims.push((1, 1));
    }
    let (outer, inner) = dims.split_at(dims.len() - 1);
    let (len, stride) = inner[0];
    let ptr = view.as_ptr();
    let mut index = vec![0usize; outer.len()];
    let mut ip = 0isize;
    for _ in 0..total / len {
        // SAFETY: `ip + j * stride` addresses elements of the borrowed view.
        unsafe {
            let src = ptr.offset(ip);
            if stride == 1 {
                out.extend_from_slice(std::slice::from_raw_parts(src, len));
            } else {
                out.extend((0..len as isize).map(|j| *src.offset(j * stride)));
            }
        }
        for k in (0..outer.len()).rev() {
            index[k] += 1;
            ip += outer[k].1;
            if index[k] < outer[k].0 {
                break;
            }
            ip -= outer[k].1 * outer[k].0 as isize;
            index[k] = 0;
        }
    }
    out
}

/// Folds a contiguous run with eight independent accumulators, so that order-free operations
/// (maximum, minimum, logical and/or) vectorise; `f` must be associative and commutative.
#[inline]
pub(crate) fn fold8<A: Copy>(xs: &[A], init: A, f: impl Fn(A, A) -> A) -> A {
    let mut acc = [init; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for j in 0..8 {
            acc[j] = f(acc[j], c[j]);
        }
    }
    let mut r = acc.into_iter().reduce(&f).expect("eight accumulators");
    for &x in rest {
        r = f(r, x);
    }
    r
}
