//! `numpy.linalg.norm`: vector norms along one axis, matrix norms over a pair of axes.

use ndarray::{ArrayD, Axis, IxDyn};
use num_complex::Complex64;

use super::backend;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{ArrayError, Result};

/// The `ord` argument of [`norm`]: a number (`inf`, `-inf`, `0`, `1`, `2`, `-1`, `-2`, any `p`
/// for vectors) or `'fro'` / `'nuc'` for matrices.
#[derive(Clone, Debug, PartialEq)]
pub enum NormOrd {
    /// A numeric order (`f64::INFINITY` for `inf`).
    P(f64),
    /// Frobenius norm (`'fro'`).
    Fro,
    /// Nuclear norm (`'nuc'`).
    Nuc,
}

impl From<f64> for NormOrd {
    fn from(p: f64) -> Self {
        NormOrd::P(p)
    }
}

impl From<i32> for NormOrd {
    fn from(p: i32) -> Self {
        NormOrd::P(p as f64)
    }
}

impl NormOrd {
    fn name(&self) -> &'static str {
        match self {
            NormOrd::Fro => "fro",
            NormOrd::Nuc => "nuc",
            NormOrd::P(_) => "",
        }
    }
}

/// `numpy.linalg.norm(x, ord=None, axis=None, keepdims=False)`.
///
/// With no `axis`, a 1-D input gets a vector norm, a 2-D input a matrix norm, and with
/// `ord = None` any input the 2-norm of its flattening.
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::linalg::{norm, NormOrd};
/// assert_eq!(norm(&array![3.0, 4.0], None, None, false).item_f64().unwrap(), 5.0);
/// let m = array![[1.0, -2.0], [3.0, 4.0]];
/// assert_eq!(norm(&m, Some(NormOrd::P(1.0)), None, false).item_f64().unwrap(), 6.0);
/// ```
pub fn norm(x: &Array, ord: Option<NormOrd>, axis: Option<Vec<isize>>, keepdims: bool) -> Array {
    try_norm(x, ord, axis, keepdims).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`norm`].
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::linalg::{try_norm, NormOrd};
/// let e = try_norm(&array![1.0, 2.0], Some(NormOrd::Fro), None, false).unwrap_err();
/// assert_eq!(e.message(), "Invalid norm order 'fro' for vectors");
/// ```
pub fn try_norm(x: &Array, ord: Option<NormOrd>, axis: Option<Vec<isize>>, keepdims: bool) -> Result<Array> {
    let nd = x.ndim();
    let dtype = if x.dtype() == DType::Float32 {
        DType::Float32
    } else {
        DType::Float64
    };
    let abs: ArrayD<f64> = match x.dtype() {
        DType::Complex128 => x.typed::<Complex64>()?.map(|c| c.norm()),
        _ => super::float_rows(x)?.mapv(f64::abs),
    };
    let finish = |r: ArrayD<f64>, reduced: &[usize]| -> Result<Array> {
        let mut r = r;
        if keepdims {
            let mut sorted = reduced.to_vec();
            sorted.sort_unstable();
            for &a in &sorted {
                r = r.insert_axis(Axis(a));
            }
        }
        Array::from_ndarray(r).astype(dtype)
    };
    let axes: Vec<usize> = match axis {
        None if ord.is_none() => {
            let s = abs.iter().map(|v| v * v).sum::<f64>().sqrt();
            let r = ArrayD::from_elem(IxDyn(&[]), s);
            return finish(r, &(0..nd).collect::<Vec<_>>());
        }
        None if nd == 1 || nd == 2 => (0..nd).collect(),
        None => return Err(ArrayError::value("Improper number of dimensions to norm.")),
        Some(list) => list
            .iter()
            .map(|&a| crate::normalize_axis(a, nd))
            .collect::<Result<_>>()?,
    };
    match axes[..] {
        [ax] => {
            let p = match &ord {
                None => 2.0,
                Some(NormOrd::P(p)) => *p,
                Some(o) => {
                    return Err(ArrayError::value(format!(
                        "Invalid norm order '{}' for vectors",
                        o.name()
                    )));
                }
            };
            let r = abs.map_axis(Axis(ax), |lane| {
                if p == f64::INFINITY {
                    lane.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                } else if p == f64::NEG_INFINITY {
                    lane.iter().copied().fold(f64::INFINITY, f64::min)
                } else if p == 0.0 {
                    lane.iter().filter(|&&v| v != 0.0).count() as f64
                } else if p == 1.0 {
                    lane.sum()
                } else if p == 2.0 {
                    lane.iter().map(|v| v * v).sum::<f64>().sqrt()
                } else {
                    lane.iter().map(|v| v.powf(p)).sum::<f64>().powf(1.0 / p)
                }
            });
            finish(r, &[ax])
        }
        [r, c] => {
            if r == c {
                return Err(ArrayError::value("Duplicate axes given."));
            }
            let after = |a: usize, removed: usize| if a > removed { a - 1 } else { a };
            let out = match ord {
                None | Some(NormOrd::Fro) => abs
                    .mapv(|v| v * v)
                    .sum_axis(Axis(r))
                    .sum_axis(Axis(after(c, r)))
                    .mapv(f64::sqrt),
                Some(NormOrd::P(p)) if p.abs() == 1.0 || p.is_infinite() => {
                    // 1-norms: column sums then extreme over columns; inf-norms: row sums.
                    let (sum_ax, ext_ax) = if p.abs() == 1.0 { (r, c) } else { (c, r) };
                    let sums = abs.sum_axis(Axis(sum_ax));
                    let big = p > 0.0;
                    sums.map_axis(Axis(after(ext_ax, sum_ax)), |l| {
                        l.iter()
                            .copied()
                            .fold(if big { f64::NEG_INFINITY } else { f64::INFINITY }, |a, b| {
                                if big { a.max(b) } else { a.min(b) }
                            })
                    })
                }
                Some(o @ (NormOrd::Nuc | NormOrd::P(_))) => {
                    if let NormOrd::P(p) = o
                        && p.abs() != 2.0
                    {
                        return Err(ArrayError::value("Invalid norm order for matrices."));
                    }
                    let mut order: Vec<usize> = (0..nd).filter(|&a| a != r && a != c).collect();
                    order.extend([r, c]);
                    let values = super::float_rows(x)?;
                    let p = values
                        .view()
                        .permuted_axes(IxDyn(&order))
                        .as_standard_layout()
                        .into_owned();
                    let (m, n) = (p.shape()[nd - 2], p.shape()[nd - 1]);
                    let batch = p.shape()[..nd - 2].to_vec();
                    let flat = p.into_raw_vec_and_offset().0;
                    let mut vals = Vec::new();
                    for mat in flat.chunks((m * n).max(1)) {
                        let (_, s, _) = backend::svd(mat, m, n, false, false)
                            .ok_or_else(|| ArrayError::new(crate::ErrorKind::Linalg, "SVD did not converge"))?;
                        vals.push(match o {
                            NormOrd::Nuc => s.iter().sum(),
                            NormOrd::P(p) if p > 0.0 => s.first().copied().unwrap_or(0.0),
                            _ => s.last().copied().unwrap_or(0.0),
                        });
                    }
                    ArrayD::from_shape_vec(IxDyn(&batch), vals).expect("batch size")
                }
            };
            finish(out, &[r, c])
        }
        _ => Err(ArrayError::value("Improper number of dimensions to norm.")),
    }
}
