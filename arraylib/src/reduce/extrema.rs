//! Extremes: `min`, `max`, `ptp`, `argmin`, `argmax` and the NaN-skipping `nanmin`, `nanmax`,
//! `nanargmin`, `nanargmax`. NaN propagates through `min`/`max` and is the first extreme for
//! `argmin`/`argmax`, as in NumPy.

use crate::array::{Array, with_numeric_type};
use crate::axes::Axes;
use crate::dtype::DType;
use crate::error::{ArrayError, Result};

use super::common::{apply_mask, finish, require_numeric, scalar_as};
use super::kernels::{Accumulate, Ordered};
use super::options::{Reduce, accepts::*};
use super::plan::{self, Plan, fold8, for_each_lane};

/// Which running extreme.
#[derive(Clone, Copy, PartialEq)]
enum Op {
    /// `maximum` (NaN propagates).
    Max,
    /// `minimum`.
    Min,
    /// `fmax` (NaN skipped).
    FMax,
    /// `fmin`.
    FMin,
}

impl Op {
    fn ufunc(self) -> &'static str {
        match self {
            Op::Max => "maximum",
            Op::Min => "minimum",
            Op::FMax => "fmax",
            Op::FMin => "fmin",
        }
    }

    fn start<A: Ordered>(self) -> A {
        match self {
            Op::Max => A::LOWEST,
            Op::Min => A::HIGHEST,
            Op::FMax => A::NAN_OR_LOWEST,
            Op::FMin => A::NAN_OR_HIGHEST,
        }
    }
}

fn extreme(a: &Array, opts: &Reduce, op: Op, name: &str) -> Result<Array> {
    opts.check(name, KEEPDIMS | INITIAL | WHERE)?;
    require_numeric(a, op.ufunc())?;
    let plan = Plan::new(a.shape(), &opts.axis)?;
    if opts.mask.is_some() && opts.initial.is_none() {
        return Err(ArrayError::value(format!(
            "reduction operation '{}' does not have an identity, so to use a where mask one has to specify 'initial'",
            op.ufunc()
        )));
    }
    if plan.count == 0 && opts.initial.is_none() {
        return Err(ArrayError::value(format!(
            "zero-size array to reduction operation {} which has no identity",
            op.ufunc()
        )));
    }
    fn run<A: Ordered>(a: &Array, plan: &Plan, opts: &Reduce, op: Op) -> Result<Array> {
        let initial = opts.initial.as_ref().map(scalar_as::<A>).transpose()?;
        let x = match (&opts.mask, initial) {
            (Some(mask), Some(fill)) => apply_mask(a, mask, fill)?,
            _ => a.view(),
        };
        let init = initial.unwrap_or_else(|| op.start());
        // One monomorphic kernel per operation, so the loops vectorise.
        let values = match op {
            Op::Max => fold(&x, plan, init, A::maximum)?,
            Op::Min => fold(&x, plan, init, A::minimum)?,
            Op::FMax => fold(&x, plan, init, A::fmax)?,
            Op::FMin => fold(&x, plan, init, A::fmin)?,
        };
        finish(plan, opts.keepdims, values)
    }
    with_numeric_type!(a.dtype(), run(a, &plan, opts, op), _ => unreachable!("numeric"))
}

/// Folds every result with the associative `f` (eight accumulators along contiguous runs).
fn fold<A: Ordered>(x: &Array, plan: &Plan, init: A, f: impl Fn(A, A) -> A + Copy + Sync) -> Result<Vec<A>> {
    let view = x.typed::<A>()?;
    Ok(plan::reduce(
        &view,
        plan,
        init,
        |acc, lane, _| match lane.as_slice() {
            Some(xs) => f(acc, fold8(xs, init, f)),
            None => lane.iter().fold(acc, f),
        },
        |acc, v, _| f(acc, v),
        f,
    ))
}

/// NumPy's `max` (`amax`): NaN propagates; an empty reduction needs `initial`.
pub(crate) fn max(a: &Array, opts: &Reduce) -> Result<Array> {
    extreme(a, opts, Op::Max, "max")
}

/// NumPy's `min` (`amin`).
pub(crate) fn min(a: &Array, opts: &Reduce) -> Result<Array> {
    extreme(a, opts, Op::Min, "min")
}

/// NumPy's `nanmax`: NaNs are skipped; an all-NaN slice gives NaN (NumPy also warns).
pub(crate) fn nanmax(a: &Array, opts: &Reduce) -> Result<Array> {
    extreme(a, opts, Op::FMax, "nanmax")
}

/// NumPy's `nanmin`.
pub(crate) fn nanmin(a: &Array, opts: &Reduce) -> Result<Array> {
    extreme(a, opts, Op::FMin, "nanmin")
}

/// NumPy's `ptp`: `max - min` in the input dtype (integers wrap; bool is a `TypeError`).
pub(crate) fn ptp(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("ptp", KEEPDIMS)?;
    if a.dtype() == DType::Bool {
        return Err(ArrayError::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, \
             or the logical_xor function instead.",
        ));
    }
    let hi = max(a, opts)?;
    let lo = min(a, opts)?;
    fn sub<A: Accumulate>(hi: &Array, lo: &Array) -> Result<Array> {
        let (h, l) = (hi.typed::<A>()?, lo.typed::<A>()?);
        let values: Vec<A> = h.iter().zip(l.iter()).map(|(&x, &y)| x.sub(y)).collect();
        Array::from_shape_vec(hi.shape(), values)
    }
    with_numeric_type!(a.dtype(), sub(&hi, &lo), _ => unreachable!("numeric"))
}

/// The single axis (or `None`) of `argmin`/`argmax`.
fn single_axis(axes: &Axes, ndim: usize) -> Result<Option<usize>> {
    match axes {
        Axes::All => Ok(None),
        Axes::List(list) if list.len() == 1 => {
            if ndim == 0 && (list[0] == 0 || list[0] == -1) {
                return Ok(None);
            }
            crate::axes::normalize_axis(list[0], ndim).map(Some)
        }
        Axes::List(_) => Err(ArrayError::type_error(
            "'tuple' object cannot be interpreted as an integer",
        )),
    }
}

/// Index of the first extreme of `values`: the first NaN if any (unless `skip_nan`, where NaN
/// stands for the worst value and an all-NaN run is an error).
fn arg_best<A: Ordered>(values: impl Iterator<Item = A>, max: bool, skip_nan: bool) -> Result<usize> {
    let mut best: Option<A> = None;
    let mut best_i = 0;
    let mut all_nan = true;
    for (i, mut x) in values.enumerate() {
        if x.is_nan() {
            if !skip_nan {
                return Ok(i);
            }
            x = if max { A::LOWEST } else { A::HIGHEST };
        } else {
            all_nan = false;
        }
        let better = match best {
            None => true,
            Some(b) => {
                if max {
                    x.gt(b)
                } else {
                    x.lt(b)
                }
            }
        };
        if better {
            best = Some(x);
            best_i = i;
        }
    }
    if skip_nan && all_nan && best.is_some() {
        return Err(ArrayError::value("All-NaN slice encountered"));
    }
    Ok(best_i)
}

fn arg_extreme(a: &Array, opts: &Reduce, max: bool, skip_nan: bool) -> Result<Array> {
    let name = match (skip_nan, max) {
        (false, true) => "argmax",
        (false, false) => "argmin",
        (true, true) => "nanargmax",
        (true, false) => "nanargmin",
    };
    opts.check(name, KEEPDIMS)?;
    require_numeric(a, name)?;
    let axis = single_axis(&opts.axis, a.ndim())?;
    let empty = || {
        ArrayError::value(format!(
            "attempt to get {} of an empty sequence",
            &name[name.len() - 6..]
        ))
    };
    fn run<A: Ordered>(a: &Array, axis: Option<usize>, max: bool, skip_nan: bool) -> Result<Vec<i64>> {
        let view = a.typed::<A>()?;
        match axis {
            None => Ok(vec![match view.as_slice() {
                Some(xs) => arg_best(xs.iter().copied(), max, skip_nan)?,
                None => arg_best(view.iter().copied(), max, skip_nan)?,
            } as i64]),
            Some(axis) => {
                let mut out = Vec::new();
                let mut failed = None;
                for_each_lane(&view, axis, |lane, _| match arg_best(lane.iter(), max, skip_nan) {
                    Ok(i) => out.push(i as i64),
                    Err(e) => {
                        failed.get_or_insert(e);
                    }
                });
                failed.map_or(Ok(out), Err)
            }
        }
    }
    let (values, shape) = match axis {
        None => {
            if a.size() == 0 {
                return Err(empty());
            }
            let shape = if opts.keepdims { vec![1; a.ndim()] } else { vec![] };
            (
                with_numeric_type!(a.dtype(), run(a, None, max, skip_nan), _ => unreachable!("numeric"))?,
                shape,
            )
        }
        Some(k) => {
            let plan = Plan::new(a.shape(), &Axes::from(k))?;
            if a.shape()[k] == 0 && plan.out_size() > 0 {
                return Err(empty());
            }
            let values = with_numeric_type!(a.dtype(), run(a, Some(k), max, skip_nan), _ => unreachable!("numeric"))?;
            (values, plan.out_shape(opts.keepdims))
        }
    };
    Array::from_shape_vec(shape, values)
}

/// NumPy's `argmax`: index of the first maximum (the first NaN if there is one), `int64`.
pub(crate) fn argmax(a: &Array, opts: &Reduce) -> Result<Array> {
    arg_extreme(a, opts, true, false)
}

/// NumPy's `argmin`.
pub(crate) fn argmin(a: &Array, opts: &Reduce) -> Result<Array> {
    arg_extreme(a, opts, false, false)
}

/// NumPy's `nanargmax`: NaNs ignored; an all-NaN slice is a `ValueError`.
pub(crate) fn nanargmax(a: &Array, opts: &Reduce) -> Result<Array> {
    arg_extreme(a, opts, true, true)
}

/// NumPy's `nanargmin`.
pub(crate) fn nanargmin(a: &Array, opts: &Reduce) -> Result<Array> {
    arg_extreme(a, opts, false, true)
}
