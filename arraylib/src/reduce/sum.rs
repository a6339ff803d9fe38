//! Sums and what is built on them: `sum`, `prod`, `mean`, `var`, `std` and their NaN-skipping
//! twins. Float sums use NumPy's pairwise summation along contiguous runs and row-by-row
//! accumulation otherwise (see `plan`), so results match NumPy's bit for bit.

use crate::array::{Array, with_numeric_type};
use crate::dtype::{DType, DTypeKind};
use crate::element::NumElement;
use crate::error::{ArrayError, Result};

use super::common::{apply_mask, finish, float_dtype, require_numeric, scalar_as, sum_dtype};
use super::kernels::{Accumulate, Moments, RealFloat};
use super::options::{Reduce, accepts::*};
use super::plan::{self, Lane, Plan};

/// NumPy's buffer size: when a sum needs a cast, NumPy casts and sums a run this many
/// elements at a time, adding each chunk's pairwise sum to the running total.
const CAST_CHUNK: usize = 8192;

/// `acc` plus the pairwise sum of `f` over a lane, `chunk` elements at a time.
#[inline]
fn lane_sum<T: Copy + Sync, A: Accumulate>(acc: A, lane: Lane<T>, chunk: usize, f: impl Fn(T) -> A + Sync) -> A {
    let mut acc = acc;
    let mut start = 0;
    while start < lane.len() {
        let n = chunk.min(lane.len() - start);
        acc = acc.add(match lane.as_slice() {
            Some(xs) => A::sum_run(n, &|i| f(xs[start + i])),
            None => A::sum_run(n, &|i| f(lane.get(start + i))),
        });
        start += n;
    }
    acc
}

/// Sums of `f(x)` per result, starting from `init`; `cast` says the input was converted to
/// the accumulator type (NumPy then sums in buffer-sized chunks).
fn sum_map<T: NumElement, A: Accumulate>(
    a: &Array,
    plan: &Plan,
    init: A,
    cast: bool,
    f: impl Fn(T, usize) -> A + Sync,
) -> Result<Vec<A>> {
    let view = a.typed::<T>()?;
    let chunk = if cast { CAST_CHUNK } else { usize::MAX };
    Ok(plan::reduce(
        &view,
        plan,
        init,
        |acc, lane, o| lane_sum(acc, lane, chunk, |x| f(x, o)),
        |acc, x, o| acc.add(f(x, o)),
        A::add,
    ))
}

/// Products per result (sequential: NumPy has no pairwise product).
fn prod_map<A: Accumulate>(a: &Array, plan: &Plan, init: A, f: impl Fn(A) -> A + Sync) -> Result<Vec<A>> {
    let view = a.typed::<A>()?;
    Ok(plan::reduce(
        &view,
        plan,
        init,
        |acc, lane, _| lane.iter().fold(acc, |p, x| p.mul(f(x))),
        |acc, x, _| acc.mul(f(x)),
        A::mul,
    ))
}

/// The input cast to the accumulator dtype, with `where=` applied (masked elements become
/// `fill`, the identity).
fn prepared(a: &Array, dtype: DType, opts: &Reduce, fill: i64) -> Result<Array> {
    let cast = a.astype_nocopy(dtype)?;
    match &opts.mask {
        None => Ok(cast),
        Some(mask) => {
            fn fill_as<A: NumElement>(a: &Array, mask: &Array, fill: i64) -> Result<Array> {
                apply_mask(a, mask, A::from_i64(fill))
            }
            with_numeric_type!(dtype, fill_as(&cast, mask, fill), _ => unreachable!("numeric"))
        }
    }
}

/// NumPy's `sum`: integers below 64 bits sum in `int64`/`uint64`, bool counts.
pub(crate) fn sum(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("sum", KEEPDIMS | DTYPE | INITIAL | WHERE)?;
    require_numeric(a, "add")?;
    let dtype = opts.dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let x = prepared(a, dtype, opts, 0)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    let cast = a.dtype() != dtype;
    fn run<A: Accumulate>(x: &Array, plan: &Plan, opts: &Reduce, cast: bool) -> Result<Array> {
        let init = opts
            .initial
            .as_ref()
            .map(scalar_as::<A>)
            .transpose()?
            .unwrap_or(A::ZERO);
        finish(plan, opts.keepdims, sum_map(x, plan, init, cast, |v: A, _| v)?)
    }
    with_numeric_type!(dtype, run(&x, &plan, opts, cast), _ => unreachable!("numeric"))
}

/// NumPy's `prod`, with `sum`'s dtype rules.
pub(crate) fn prod(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("prod", KEEPDIMS | DTYPE | INITIAL | WHERE)?;
    require_numeric(a, "multiply")?;
    let dtype = opts.dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let x = prepared(a, dtype, opts, 1)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    fn run<A: Accumulate>(x: &Array, plan: &Plan, opts: &Reduce) -> Result<Array> {
        let init = opts.initial.as_ref().map(scalar_as::<A>).transpose()?.unwrap_or(A::ONE);
        finish(plan, opts.keepdims, prod_map(x, plan, init, |v| v)?)
    }
    with_numeric_type!(dtype, run(&x, &plan, opts), _ => unreachable!("numeric"))
}

/// NumPy's `nansum`: NaNs count as zero.
pub(crate) fn nansum(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("nansum", KEEPDIMS | DTYPE | INITIAL | WHERE)?;
    require_numeric(a, "add")?;
    let dtype = opts.dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let x = prepared(a, dtype, opts, 0)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    fn run<A: Accumulate>(x: &Array, plan: &Plan, opts: &Reduce) -> Result<Array> {
        let init = opts
            .initial
            .as_ref()
            .map(scalar_as::<A>)
            .transpose()?
            .unwrap_or(A::ZERO);
        let values = sum_map(x, plan, init, false, |v: A, _| if v.is_nan() { A::ZERO } else { v })?;
        finish(plan, opts.keepdims, values)
    }
    with_numeric_type!(dtype, run(&x, &plan, opts), _ => unreachable!("numeric"))
}

/// NumPy's `nanprod`: NaNs count as one.
pub(crate) fn nanprod(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("nanprod", KEEPDIMS | DTYPE | INITIAL | WHERE)?;
    require_numeric(a, "multiply")?;
    let dtype = opts.dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let x = prepared(a, dtype, opts, 1)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    fn run<A: Accumulate>(x: &Array, plan: &Plan, opts: &Reduce) -> Result<Array> {
        let init = opts.initial.as_ref().map(scalar_as::<A>).transpose()?.unwrap_or(A::ONE);
        finish(
            plan,
            opts.keepdims,
            prod_map(x, plan, init, |v| if v.is_nan() { A::ONE } else { v })?,
        )
    }
    with_numeric_type!(dtype, run(&x, &plan, opts), _ => unreachable!("numeric"))
}

/// Per-result element counts: the reduced length, or the number of true mask entries.
fn counts(a: &Array, plan: &Plan, opts: &Reduce) -> Result<Vec<f64>> {
    match &opts.mask {
        None => Ok(vec![plan.count as f64; plan.out_size()]),
        Some(mask) => {
            let ones = Array::full_order(a.shape(), 1i64, DType::Int64, crate::Order::C)?;
            let m = apply_mask::<i64>(&ones, mask, 0)?;
            let n = sum_map(&m, plan, 0i64, false, |v: i64, _| v)?;
            Ok(n.into_iter().map(|c| c as f64).collect())
        }
    }
}

/// Sums of `x` (already in dtype `A`, masked; `cast` if converted) divided by the counts.
fn means<A: Accumulate>(x: &Array, plan: &Plan, counts: &[f64], cast: bool) -> Result<Vec<A>> {
    let sums = sum_map(x, plan, A::ZERO, cast, |v: A, _| v)?;
    Ok(sums.into_iter().zip(counts).map(|(s, &n)| s.div_count(n)).collect())
}

/// NumPy's `mean`: integers average in `float64`, floats in their own type (`sum / n`).
/// An empty slice gives NaN (NumPy also warns "Mean of empty slice").
pub(crate) fn mean(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("mean", KEEPDIMS | DTYPE | WHERE)?;
    require_numeric(a, "add")?;
    let dtype = opts.dtype.unwrap_or_else(|| float_dtype(a.dtype()));
    let x = prepared(a, dtype, opts, 0)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    let n = counts(&x, &plan, opts)?;
    let cast = a.dtype() != dtype;
    fn run<A: Accumulate>(x: &Array, plan: &Plan, n: &[f64], cast: bool, keepdims: bool) -> Result<Array> {
        finish(plan, keepdims, means::<A>(x, plan, n, cast)?)
    }
    with_numeric_type!(dtype, run(&x, &plan, &n, cast, opts.keepdims), _ => unreachable!("numeric"))
}

/// Which statistic of the squared deviations to return.
#[derive(Clone, Copy, PartialEq)]
enum Spread {
    Var,
    Std,
}

/// The dtype `var`/`std` work in: floats and complex keep theirs, the rest use `float64`.
fn moment_dtype(a: &Array, opts: &Reduce) -> DType {
    let d = opts.dtype.unwrap_or_else(|| a.dtype());
    match d.kind() {
        DTypeKind::Float | DTypeKind::Complex => d,
        _ => DType::Float64,
    }
}

fn spread(a: &Array, opts: &Reduce, which: Spread, name: &str) -> Result<Array> {
    opts.check(name, KEEPDIMS | DTYPE | DDOF)?;
    require_numeric(a, "add")?;
    let dtype = moment_dtype(a, opts);
    let x = a.astype_nocopy(dtype)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    let ddof = opts.ddof.unwrap_or(0.0);
    let cast = a.dtype() != dtype;
    fn run<A: Moments>(x: &Array, plan: &Plan, ddof: f64, which: Spread, cast: bool, keepdims: bool) -> Result<Array> {
        let n = plan.count as f64;
        let mu = means::<A>(x, plan, &vec![n; plan.out_size()], cast)?;
        // NumPy sums the deviations from a fresh float array: no cast, no chunks.
        let sq = sum_map(x, plan, <A::Real as Accumulate>::ZERO, false, |v: A, o| v.dev2(mu[o]))?;
        let dof = (n - ddof).max(0.0);
        let values: Vec<A::Real> = sq
            .into_iter()
            .map(|s| {
                let var = s.div_count(dof);
                if which == Spread::Std { var.sqrt() } else { var }
            })
            .collect();
        finish(plan, keepdims, values)
    }
    match dtype {
        DType::Float32 => run::<f32>(&x, &plan, ddof, which, cast, opts.keepdims),
        DType::Float64 => run::<f64>(&x, &plan, ddof, which, cast, opts.keepdims),
        _ => run::<num_complex::Complex64>(&x, &plan, ddof, which, cast, opts.keepdims),
    }
}

/// NumPy's `var`: mean of squared deviations, divided by `n - ddof` (0 or less gives inf/NaN).
pub(crate) fn var(a: &Array, opts: &Reduce) -> Result<Array> {
    spread(a, opts, Spread::Var, "var")
}

/// NumPy's `std`: the square root of `var`.
pub(crate) fn std(a: &Array, opts: &Reduce) -> Result<Array> {
    spread(a, opts, Spread::Std, "std")
}

/// NumPy's `nanmean`: the mean of the non-NaN elements (NaN where there are none).
pub(crate) fn nanmean(a: &Array, opts: &Reduce) -> Result<Array> {
    if !a.dtype().kind().is_inexact() {
        return mean(a, opts);
    }
    opts.check("nanmean", KEEPDIMS | DTYPE | WHERE)?;
    let dtype = opts.dtype.unwrap_or_else(|| a.dtype());
    let x = prepared(a, dtype, opts, 0)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    fn run<A: Moments>(x: &Array, plan: &Plan, keepdims: bool) -> Result<Array> {
        let (tot, cnt) = nan_sums::<A>(x, plan)?;
        finish(
            plan,
            keepdims,
            tot.into_iter().zip(cnt).map(|(t, c)| t.div_wide(c)).collect::<Vec<A>>(),
        )
    }
    nan_dispatch(dtype, |d| match d {
        DType::Float32 => run::<f32>(&x, &plan, opts.keepdims),
        DType::Float64 => run::<f64>(&x, &plan, opts.keepdims),
        _ => run::<num_complex::Complex64>(&x, &plan, opts.keepdims),
    })
}

/// Sum of the non-NaN elements and their number, per result.
fn nan_sums<A: Moments>(x: &Array, plan: &Plan) -> Result<(Vec<A>, Vec<f64>)> {
    let tot = sum_map(x, plan, A::ZERO, false, |v: A, _| if v.is_nan() { A::ZERO } else { v })?;
    let cnt = sum_map(x, plan, 0i64, false, |v: A, _| !v.is_nan() as i64)?;
    Ok((tot, cnt.into_iter().map(|c| c as f64).collect()))
}

fn nan_dispatch(dtype: DType, f: impl FnOnce(DType) -> Result<Array>) -> Result<Array> {
    match dtype {
        DType::Float32 | DType::Float64 | DType::Complex128 => f(dtype),
        other => Err(ArrayError::type_error(format!(
            "NaN-aware reduction of dtype {other} is not supported"
        ))),
    }
}

fn nanspread(a: &Array, opts: &Reduce, which: Spread, name: &str) -> Result<Array> {
    if !a.dtype().kind().is_inexact() {
        return spread(a, opts, which, name);
    }
    opts.check(name, KEEPDIMS | DTYPE | DDOF)?;
    let dtype = moment_dtype(a, opts);
    let x = a.astype_nocopy(dtype)?;
    let plan = Plan::new(x.shape(), &opts.axis)?;
    let ddof = opts.ddof.unwrap_or(0.0);
    fn run<A: Moments>(x: &Array, plan: &Plan, ddof: f64, which: Spread, keepdims: bool) -> Result<Array> {
        let (tot, cnt) = nan_sums::<A>(x, plan)?;
        let mu: Vec<A> = tot.into_iter().zip(&cnt).map(|(t, &c)| t.div_wide(c)).collect();
        let zero = <A::Real as Accumulate>::ZERO;
        let sq = sum_map(
            x,
            plan,
            zero,
            false,
            |v: A, o| if v.is_nan() { zero } else { v.dev2(mu[o]) },
        )?;
        let values: Vec<A::Real> = sq
            .into_iter()
            .zip(cnt)
            .map(|(s, c)| {
                let dof = c - ddof;
                // NumPy replaces results of slices without degrees of freedom by NaN.
                let var = if dof <= 0.0 {
                    <A::Real as RealFloat>::NAN
                } else {
                    s.div_wide(dof)
                };
                if which == Spread::Std { var.sqrt() } else { var }
            })
            .collect();
        finish(plan, keepdims, values)
    }
    nan_dispatch(dtype, |d| match d {
        DType::Float32 => run::<f32>(&x, &plan, ddof, which, opts.keepdims),
        DType::Float64 => run::<f64>(&x, &plan, ddof, which, opts.keepdims),
        _ => run::<num_complex::Complex64>(&x, &plan, ddof, which, opts.keepdims),
    })
}

/// NumPy's `nanvar`.
pub(crate) fn nanvar(a: &Array, opts: &Reduce) -> Result<Array> {
    nanspread(a, opts, Spread::Var, "nanvar")
}

/// NumPy's `nanstd`.
pub(crate) fn nanstd(a: &Array, opts: &Reduce) -> Result<Array> {
    nanspread(a, opts, Spread::Std, "nanstd")
}
