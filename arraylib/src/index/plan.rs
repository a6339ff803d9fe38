//! Turning an [`Index`] into a plan: the basic components folded into one O(1) view, and the
//! advanced ones (integer arrays, masks as their `nonzero` positions) left as index arrays on
//! axes of that view. Reading and writing both follow the same plan, so `a[i]` and `a[i] = v`
//! agree on shapes, axis order and errors.

use crate::array::{Array, Layout};
use crate::dtype::DType;
use crate::error::{ArrayError, ErrorKind, Result, shape_str};

use super::item::{Index, IndexItem};

/// An advanced index on one axis of [`Plan::view`].
pub(crate) struct Advanced {
    /// Axis of the view it selects along.
    pub axis: usize,
    /// Axis of the indexed array, for error messages.
    pub source_axis: usize,
    /// The positions, as `i64`.
    pub positions: Array,
}

/// Basic indexing applied, advanced indexing still to do.
pub(crate) struct Plan {
    pub view: Array,
    pub advanced: Vec<Advanced>,
}

fn index_error(message: impl Into<String>) -> ArrayError {
    ArrayError::new(ErrorKind::Index, message)
}

/// How many axes of the array an item consumes.
fn consumed(item: &IndexItem) -> usize {
    match item {
        IndexItem::Int(_) | IndexItem::Slice(_) | IndexItem::Indices(_) => 1,
        IndexItem::Mask(m) => m.ndim(),
        IndexItem::NewAxis | IndexItem::Ellipsis => 0,
    }
}

/// Positions of the non-zero elements of a boolean array, one `i64` array per axis
/// (NumPy's `nonzero`, for masks).
fn mask_positions(mask: &Array) -> Result<Vec<Array>> {
    super::functions::try_nonzero(mask)
}

/// Folds the basic components of `index` into a view of `a` and collects the advanced ones.
pub(crate) fn plan(a: &Array, index: Index) -> Result<Plan> {
    let items = index.into_items();
    let ndim = a.ndim();
    if items.iter().filter(|i| matches!(i, IndexItem::Ellipsis)).count() > 1 {
        return Err(index_error("an index can only have a single ellipsis ('...')"));
    }
    let used: usize = items.iter().map(consumed).sum();
    if used > ndim {
        return Err(index_error(format!(
            "too many indices for array: array is {ndim}-dimensional, but {used} were indexed"
        )));
    }
    // With any advanced component, integers count as advanced too: that decides whether the
    // broadcast index dimensions stay in place or move to the front (NumPy's rule).
    let any_advanced = items
        .iter()
        .any(|i| matches!(i, IndexItem::Mask(_) | IndexItem::Indices(_)));

    let source = a.layout();
    let mut shape = Vec::with_capacity(ndim);
    let mut strides = Vec::with_capacity(ndim);
    let mut offset = source.offset as isize;
    let mut advanced = Vec::new();
    let mut axis = 0usize;
    let has_ellipsis = items.iter().any(|i| matches!(i, IndexItem::Ellipsis));
    for item in items {
        match item {
            IndexItem::Int(i) if any_advanced => {
                advanced.push(Advanced {
                    axis: shape.len(),
                    source_axis: axis,
                    positions: Array::scalar(i as i64),
                });
                shape.push(source.shape[axis]);
                strides.push(source.strides[axis]);
                axis += 1;
            }
            IndexItem::Int(i) => {
                let n = source.shape[axis];
                let k = normalize(i as i64, axis, n)?;
                offset += k as isize * source.strides[axis];
                axis += 1;
            }
            IndexItem::Slice(s) => {
                if s.step == 0 {
                    return Err(ArrayError::value("slice step cannot be zero"));
                }
                let (start, len, step) = s.resolve(source.shape[axis]);
                if len > 0 {
                    offset += start * source.strides[axis];
                }
                shape.push(len);
                strides.push(source.strides[axis] * step);
                axis += 1;
            }
            IndexItem::NewAxis => {
                shape.push(1);
                strides.push(0);
            }
            IndexItem::Ellipsis => {
                for _ in 0..ndim - used {
                    shape.push(source.shape[axis]);
                    strides.push(source.strides[axis]);
                    axis += 1;
                }
            }
            IndexItem::Indices(positions) => {
                if !positions.dtype().kind().is_integer() {
                    return Err(index_error(
                        "arrays used as indices must be of integer (or boolean) type",
                    ));
                }
                let positions = positions.astype_nocopy(DType::Int64)?;
                advanced.push(Advanced {
                    axis: shape.len(),
                    source_axis: axis,
                    positions,
                });
                shape.push(source.shape[axis]);
                strides.push(source.strides[axis]);
                axis += 1;
            }
            IndexItem::Mask(mask) if mask.ndim() == 0 => {
                // `a[True]`: a new axis of length 1, selected once (or not at all for False).
                let keep = mask.to_vec::<bool>()?[0];
                let positions = Array::from_vec(if keep { vec![0i64] } else { vec![] });
                advanced.push(Advanced {
                    axis: shape.len(),
                    source_axis: axis,
                    positions,
                });
                shape.push(1);
                strides.push(0);
            }
            IndexItem::Mask(mask) => {
                for (j, (&m, &n)) in mask.shape().iter().zip(&source.shape[axis..]).enumerate() {
                    if m != n {
                        return Err(index_error(format!(
                            "boolean index did not match indexed array along axis {}; size of axis is {n} but size of corresponding boolean axis is {m}",
                            axis + j
                        )));
                    }
                }
                for positions in mask_positions(&mask)? {
                    advanced.push(Advanced {
                        axis: shape.len(),
                        source_axis: axis,
                        positions,
                    });
                    shape.push(source.shape[axis]);
                    strides.push(source.strides[axis]);
                    axis += 1;
                }
            }
        }
    }
    // Axes not named by the index are kept whole (an implicit trailing ellipsis).
    if !has_ellipsis {
        while axis < ndim {
            shape.push(source.shape[axis]);
            strides.push(source.strides[axis]);
            axis += 1;
        }
    }
    let offset = if shape.contains(&0) {
        source.offset
    } else {
        offset as usize
    };
    let view = a.with_layout(Layout { shape, strides, offset });
    Ok(Plan { view, advanced })
}

/// A position along an axis of length `n`, negative counting from the end.
pub(crate) fn normalize(i: i64, axis: usize, n: usize) -> Result<usize> {
    let k = if i < 0 { i + n as i64 } else { i };
    if k < 0 || k >= n as i64 {
        return Err(ArrayError::index_bounds(i, axis, n));
    }
    Ok(k as usize)
}

/// NumPy's broadcast of the shapes of the index arrays.
pub(crate) fn broadcast_index_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; ndim];
    for shape in shapes {
        for (o, &d) in out[ndim - shape.len()..].iter_mut().zip(shape.iter()) {
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                let mut message =
                    String::from("shape mismatch: indexing arrays could not be broadcast together with shapes ");
                for s in shapes {
                    message.push_str(&shape_str(s));
                    message.push(' ');
                }
                return Err(index_error(message));
            }
        }
    }
    Ok(out)
}

/// Where the elements of an advanced selection live: the result's shape, and for each block
/// of the result (all axes but the trailing basic ones), the storage index of its first
/// element; the trailing basic axes are a sub-layout read from each start.
pub(crate) struct Selection {
    pub shape: Vec<usize>,
    /// Storage index of each block's first element, in C order of the result.
    pub starts: Vec<usize>,
    /// Shape and strides of one block (the trailing basic axes).
    pub block_shape: Vec<usize>,
    pub block_strides: Vec<isize>,
}

impl Selection {
    /// Elements per block.
    pub fn block_len(&self) -> usize {
        self.block_shape.iter().product()
    }

    /// Whether a block is one contiguous run of storage (copied as a slice).
    pub fn block_contiguous(&self) -> bool {
        Layout {
            shape: self.block_shape.clone(),
            strides: self.block_strides.clone(),
            offset: 0,
        }
        .is_c_contiguous()
            && self
                .block_strides
                .iter()
                .zip(&self.block_shape)
                .all(|(&s, &n)| s >= 0 || n <= 1)
    }

    /// Offsets of a block's elements from its start, in C order.
    pub fn block_offsets(&self) -> Vec<isize> {
        let layout = Layout {
            shape: self.block_shape.clone(),
            strides: self.block_strides.clone(),
            offset: 0,
        };
        if layout.size() == 0 {
            return Vec::new();
        }
        // `indices` walks from offset 0 and may step below it with negative strides: shift.
        let low: isize = layout
            .shape
            .iter()
            .zip(&layout.strides)
            .map(|(&n, &s)| if s < 0 { (n as isize - 1) * s } else { 0 })
            .sum();
        let shifted = Layout {
            offset: (-low) as usize,
            ..layout
        };
        shifted.indices().into_iter().map(|i| i as isize + low).collect()
    }
}

/// Resolves the advanced part of a plan: bounds checks, broadcasting and NumPy's placement of
/// the broadcast dimensions.
pub(crate) fn select(plan: &Plan) -> Result<Selection> {
    let layout = plan.view.layout();
    let shapes: Vec<&[usize]> = plan.advanced.iter().map(|a| a.positions.shape()).collect();
    let broadcast = broadcast_index_shapes(&shapes)?;
    let count: usize = broadcast.iter().product();
    // Storage offset contributed by the advanced indices, per broadcast position.
    let mut adv_offsets = vec![0isize; count];
    for adv in &plan.advanced {
        let n = layout.shape[adv.axis];
        let stride = layout.strides[adv.axis];
        let positions = adv.positions.typed::<i64>()?;
        let positions = positions
            .broadcast(broadcast.as_slice())
            .expect("shapes were broadcast");
        let add = |slot: &mut isize, i: i64| -> Result<()> {
            *slot += normalize(i, adv.source_axis, n)? as isize * stride;
            Ok(())
        };
        // A contiguous index array (the usual `X[rows]`) is read as a slice: walking a dynamic-rank
        // view costs tens of nanoseconds per element.
        match positions.as_slice() {
            Some(p) => adv_offsets.iter_mut().zip(p).try_for_each(|(slot, &i)| add(slot, i))?,
            None => adv_offsets
                .iter_mut()
                .zip(positions.iter())
                .try_for_each(|(slot, &i)| add(slot, i))?,
        }
    }
    let adv_axes: Vec<usize> = plan.advanced.iter().map(|a| a.axis).collect();
    let adjacent = adv_axes.windows(2).all(|w| w[1] == w[0] + 1);
    let first = adv_axes[0];
    let rest: Vec<usize> = (0..layout.shape.len()).filter(|d| !adv_axes.contains(d)).collect();
    let (outer, inner): (Vec<usize>, Vec<usize>) = if adjacent {
        rest.iter().partition(|&&d| d < first)
    } else {
        (Vec::new(), rest)
    };

    let mut shape: Vec<usize> = outer.iter().map(|&d| layout.shape[d]).collect();
    shape.extend(&broadcast);
    shape.extend(inner.iter().map(|&d| layout.shape[d]));

    let outer_layout = Layout {
        shape: outer.iter().map(|&d| layout.shape[d]).collect(),
        strides: outer.iter().map(|&d| layout.strides[d]).collect(),
        offset: layout.offset,
    };
    let block_shape: Vec<usize> = inner.iter().map(|&d| layout.shape[d]).collect();
    let block_strides: Vec<isize> = inner.iter().map(|&d| layout.strides[d]).collect();
    let mut starts = Vec::new();
    if shape.iter().product::<usize>() > 0 {
        starts.reserve(outer_layout.size() * count);
        for o in outer_layout.indices() {
            starts.extend(adv_offsets.iter().map(|&a| (o as isize + a) as usize));
        }
    }
    Ok(Selection {
        shape,
        starts,
        block_shape,
        block_strides,
    })
}
