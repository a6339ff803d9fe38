//! Typed copy kernels shared by the shape operations: cache-blocked contiguous copies, and a
//! gather that builds an array from per-axis index maps (tile, repeat, roll, pad, meshgrid).

use ndarray::{ArrayViewD, Ix1};
use rayon::prelude::*;

use crate::array::{Array, Layout, Order};
use crate::dtype::DType;
use crate::element::Element;
use crate::error::Result;
use crate::shape::with_element_type;

/// Side of the square tiles of a strided 2-D copy. A 32x32 tile of f64 is 8 KiB on each side
/// (read and write), so both stay in L1 while the tile is copied: reads that stride across the
/// source (as in `ascontiguousarray(W.T)`) then touch each cache line once instead of once per
/// element.
const TILE: usize = 32;

/// Elements from which a tiled copy splits its bands of rows across rayon's threads.
const PARALLEL_MIN: usize = 1 << 16;

/// Contiguous copies of at least this many elements are split across rayon's threads (in
/// pieces of a quarter of it): one core alone does not reach the memory bandwidth.
const PARALLEL_COPY: usize = 1 << 20;

/// Appends the elements of `view` to `out` in row-major order.
pub(crate) fn append_c<T: Element>(view: ArrayViewD<'_, T>, out: &mut Vec<T>) {
    if let Some(slice) = view.as_slice() {
        if slice.len() < PARALLEL_COPY {
            out.extend_from_slice(slice);
            return;
        }
        out.reserve(slice.len());
        let slots = &mut out.spare_capacity_mut()[..slice.len()];
        slots
            .par_chunks_mut(PARALLEL_COPY / 4)
            .zip(slice.par_chunks(PARALLEL_COPY / 4))
            .for_each(|(dst, src)| {
                for (d, x) in dst.iter_mut().zip(src) {
                    d.write(x.clone());
                }
            });
        // SAFETY: the pieces cover all `slice.len()` new slots and each was written.
        unsafe { out.set_len(out.len() + slice.len()) };
        return;
    }
    match view.ndim() {
        0 => out.extend(view.iter().cloned()),
        // A fixed-dimension view iterates much faster than a dynamic one.
        1 => out.extend(view.into_dimensionality::<Ix1>().expect("one axis").iter().cloned()),
        nd if view.strides()[nd - 1] == 1 => {
            for row in view.rows() {
                out.extend_from_slice(row.to_slice().expect("unit stride"));
            }
        }
        _ => append_tiled(view, out),
    }
}

/// The row-major copy of a view whose rows are not contiguous in the source. It works in
/// square tiles over the last axis and the axis whose source stride is smallest, so that the
/// reads (along that axis) and the writes (along the last one) both use whole cache lines;
/// with 2 axes this is the classic blocked transpose. Bands of tiles go to rayon's threads.
fn append_tiled<T: Element>(view: ArrayViewD<'_, T>, out: &mut Vec<T>) {
    let (shape, strides) = (view.shape().to_vec(), view.strides().to_vec());
    let last = shape.len() - 1;
    let k = (0..last)
        .filter(|&a| shape[a] > 1)
        .min_by_key(|&a| strides[a].abs())
        .unwrap_or(0);
    let total: usize = shape.iter().product();
    let mut dst_strides = vec![1usize; shape.len()];
    for a in (0..last).rev() {
        dst_strides[a] = dst_strides[a + 1] * shape[a + 1];
    }
    // Every tile band: source offset, destination offset (of its outer position) and first row.
    let outer: Vec<usize> = (0..last).filter(|&a| a != k).collect();
    let mut jobs = Vec::new();
    let mut index = vec![0usize; outer.len()];
    'outer: loop {
        let src_base: isize = outer.iter().zip(&index).map(|(&a, &i)| i as isize * strides[a]).sum();
        let dst_base: usize = outer.iter().zip(&index).map(|(&a, &i)| i * dst_strides[a]).sum();
        jobs.extend((0..shape[k]).step_by(TILE).map(|i0| (src_base, dst_base, i0)));
        for d in (0..outer.len()).rev() {
            index[d] += 1;
            if index[d] < shape[outer[d]] {
                continue 'outer;
            }
            index[d] = 0;
        }
        break;
    }
    out.reserve(total);
    // Addresses travel as integers so the bands can go to rayon's threads: the caller's read
    // borrow keeps the source alive and unchanged, and the bands write disjoint slots.
    let src = view.as_ptr() as usize;
    let dst = out.spare_capacity_mut().as_mut_ptr() as usize;
    let (rows, cols) = (shape[k], shape[last]);
    let (sk, sl, dk) = (strides[k], strides[last], dst_strides[k]);
    let band = |&(src_base, dst_base, i0): &(isize, usize, usize)| {
        let (src, dst) = (src as *const T, dst as *mut std::mem::MaybeUninit<T>);
        for j0 in (0..cols).step_by(TILE) {
            for i in i0..(i0 + TILE).min(rows) {
                for j in j0..(j0 + TILE).min(cols) {
                    // SAFETY: i < rows and j < cols at an outer position inside the view, so
                    // the source element exists and the destination slot is below `total`.
                    unsafe {
                        let value = (*src.offset(src_base + i as isize * sk + j as isize * sl)).clone();
                        (*dst.add(dst_base + i * dk + j)).write(value);
                    }
                }
            }
        }
    };
    if total >= PARALLEL_MIN {
        jobs.par_iter().for_each(band);
    } else {
        jobs.iter().for_each(band);
    }
    // SAFETY: the bands cover every index of the view, so all `total` new slots were written.
    unsafe { out.set_len(out.len() + total) };
}

/// The elements of `a` as `T`, read in `order`.
pub(crate) fn contiguous_vec<T: Element>(a: &Array, order: Order) -> Result<Vec<T>> {
    let view = a.typed::<T>()?;
    let view = match order {
        Order::C => view.view(),
        Order::F => view.view().reversed_axes(),
    };
    let mut out = crate::buffer::vec_with_capacity(a.size());
    append_c(view, &mut out);
    Ok(out)
}

/// A new array owning `data`, laid out contiguously in `order`.
pub(crate) fn build<T: Element>(shape: &[usize], data: Vec<T>, order: Order, dtype: DType) -> Array {
    debug_assert_eq!(data.len(), shape.iter().product::<usize>());
    Array::from_vec(data)
        .relayout(Layout::contiguous(shape, order))
        .with_dtype(dtype)
}

/// A contiguous copy of `a` in `order` (blocked for transposed inputs).
pub(crate) fn contiguous_copy(a: &Array, order: Order) -> Array {
    fn copy<T: Element>(a: &Array, order: Order) -> Array {
        let data = contiguous_vec::<T>(a, order).expect("dtype matches storage");
        build(a.shape(), data, order, a.dtype())
    }
    // A structured array: each field copied in `order`, so all share the one layout.
    with_element_type!(a.dtype(), copy(a, order), record => Array::record_from_parts(
        a.dtype(),
        a.field_views().iter().map(|f| contiguous_copy(f, order)).collect()
    ))
}

/// For each axis `k`, output index `j` reads source index `maps[k][j]` along that axis, or
/// the fill value where the map says `None`.
pub(crate) type IndexMaps = Vec<Vec<Option<usize>>>;

/// An array of shape `maps[k].len()` whose element `[j0, j1, ...]` is
/// `a[maps[0][j0], maps[1][j1], ...]`, or `fill` where a map entry is `None`.
/// `fill` is a 0-d array of `a`'s dtype (or `None` when every entry is `Some`).
pub(crate) fn gather(a: &Array, maps: &IndexMaps, fill: Option<&Array>) -> Result<Array> {
    fn run<T: Element>(a: &Array, maps: &IndexMaps, fill: Option<&Array>) -> Result<Array> {
        let fill: T = match fill {
            Some(f) => f.to_vec::<T>()?.pop().unwrap_or_default(),
            None => T::default(),
        };
        let shape: Vec<usize> = maps.iter().map(Vec::len).collect();
        let data = gather_typed(a, maps, &fill)?;
        Ok(build(&shape, data, Order::C, a.dtype()))
    }
    with_element_type!(a.dtype(), run(a, maps, fill), record => match fill {
        None => a.try_map_fields(|f| gather(f, maps, None)),
        Some(_) => Err(crate::record::unsupported("padding")),
    })
}

fn gather_typed<T: Element>(a: &Array, maps: &IndexMaps, fill: &T) -> Result<Vec<T>> {
    let view = a.typed::<T>()?;
    debug_assert!(
        maps.iter()
            .zip(view.shape())
            .all(|(m, &n)| m.iter().flatten().all(|&i| i < n))
    );
    let offsets: Vec<Vec<Option<isize>>> = maps
        .iter()
        .zip(view.strides())
        .map(|(map, &stride)| map.iter().map(|i| i.map(|i| i as isize * stride)).collect())
        .collect();
    let shape: Vec<usize> = maps.iter().map(Vec::len).collect();
    let total: usize = shape.iter().product();
    let mut out = crate::buffer::vec_with_capacity(total);
    if total == 0 {
        return Ok(out);
    }
    let ptr = view.as_ptr();
    // SAFETY: every offset is a sum of `index * stride` with index < that axis's length, so it
    // stays inside the view, which the read borrow keeps alive.
    let read = |offset: isize| unsafe { (*ptr.offset(offset)).clone() };
    let Some(last) = shape.len().checked_sub(1) else {
        out.push(read(0));
        return Ok(out);
    };
    let runs = last_axis_runs(&offsets[last], view.strides()[last]);
    let mut index = vec![0usize; last];
    loop {
        let base = index
            .iter()
            .enumerate()
            .try_fold(0isize, |acc, (k, &j)| offsets[k][j].map(|o| acc + o));
        match base {
            Some(base) => {
                for run in &runs {
                    match *run {
                        Run::Fill(len) => out.extend(std::iter::repeat_n(fill.clone(), len)),
                        // SAFETY: a copy run is `len` consecutive elements of one row of the
                        // view (stride 1 along the last axis), starting inside it.
                        Run::Copy(start, len) => {
                            out.extend_from_slice(unsafe { std::slice::from_raw_parts(ptr.offset(base + start), len) })
                        }
                        Run::Each(start, end) => out.extend(
                            offsets[last][start..end]
                                .iter()
                                .map(|o| o.map_or_else(|| fill.clone(), |o| read(base + o))),
                        ),
                    }
                }
            }
            None => out.extend(std::iter::repeat_n(fill.clone(), shape[last])),
        }
        let mut k = last;
        loop {
            if k == 0 {
                return Ok(out);
            }
            k -= 1;
            index[k] += 1;
            if index[k] < shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
}

/// A stretch of the last output axis: fill values, a copy of consecutive source elements
/// (offset, length), or element-by-element reads of map entries `start..end`.
enum Run {
    Fill(usize),
    Copy(isize, usize),
    Each(usize, usize),
}

/// Splits the last axis's offsets into runs, so that tiles, repeats, rolls and pads of
/// contiguous rows copy whole slices instead of single elements.
fn last_axis_runs(offsets: &[Option<isize>], stride: isize) -> Vec<Run> {
    if stride != 1 {
        return vec![Run::Each(0, offsets.len())];
    }
    let mut runs = Vec::new();
    let mut j = 0;
    while j < offsets.len() {
        let mut end = j + 1;
        match offsets[j] {
            None => {
                while end < offsets.len() && offsets[end].is_none() {
                    end += 1;
                }
                runs.push(Run::Fill(end - j));
            }
            Some(start) => {
                while end < offsets.len() && offsets[end] == Some(start + (end - j) as isize) {
                    end += 1;
                }
                runs.push(Run::Copy(start, end - j));
            }
        }
        j = end;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tiled copy must read every layout in logical order, whatever the strides.
    #[test]
    fn tiled_copies_match_logical_order() {
        for shape in [[3usize, 40, 50], [40, 50, 40], [1, 70, 2]] {
            let n: usize = shape.iter().product();
            let a = Array::from_shape_vec(shape, (0..n as i64).collect::<Vec<_>>()).unwrap();
            let flipped = crate::flip(&a, 1);
            for source in [&a, &flipped] {
                for perm in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
                    let view = source.transpose(perm);
                    let expected: Vec<i64> = view.typed::<i64>().unwrap().iter().cloned().collect();
                    assert_eq!(
                        contiguous_vec::<i64>(&view, Order::C).unwrap(),
                        expected,
                        "{shape:?} {perm:?}"
                    );
                    let f: Vec<i64> = view.typed::<i64>().unwrap().t().iter().cloned().collect();
                    assert_eq!(
                        contiguous_vec::<i64>(&view, Order::F).unwrap(),
                        f,
                        "{shape:?} {perm:?} F"
                    );
                }
            }
        }
    }

    /// np.asfortranarray(np.array([[(0.5, 1), (1.5, 2)], [(2.5, 3), (3.5, 4)]],
    /// dtype=[('x', 'f8'), ('n', 'i4')])) is F-contiguous, fields included.
    #[test]
    fn record_copies_keep_the_order() {
        let dt = DType::record(&[("x", DType::Float64), ("n", DType::Int32)]).unwrap();
        let x = crate::array![[0.5, 1.5], [2.5, 3.5]];
        let a = Array::try_from_fields(dt, &[x, crate::array![[1, 2], [3, 4]]]).unwrap();
        let f = a.copy_order(Order::F);
        assert!(f.is_f_contiguous() && !f.is_c_contiguous());
        assert!(f.field("n").is_f_contiguous());
        assert_eq!(f.field("x").to_vec::<f64>().unwrap(), vec![0.5, 1.5, 2.5, 3.5]);
        assert!(!crate::shares_memory(&f, &a));
    }
}
