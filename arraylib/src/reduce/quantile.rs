//! Order statistics and weighted means: `median`, `percentile`, `quantile` (with NumPy's
//! `linear`, `lower`, `higher`, `nearest`, `midpoint` methods), their NaN-skipping twins, and
//! `average`.

use ndarray::IxDyn;

use crate::array::Array;
use crate::dtype::{DType, DTypeKind};
use crate::element::NumElement;
use crate::error::{ArrayError, Result};

use super::common::{finish, require_numeric};
use super::kernels::{Accumulate, RealFloat};
use super::options::{QuantileMethod, Reduce, accepts::*};
use super::plan::{Plan, gather};

/// Every reduced lane of `a` (cast to `W`), one after another: the kept axes are moved to the
/// front, so lane `o` is `values[o * count .. (o + 1) * count]` with `o` in C order.
fn lanes<W: NumElement>(a: &Array, plan: &Plan) -> Result<Vec<W>> {
    let x = a.astype_nocopy(W::DTYPE)?;
    let view = x.typed::<W>()?;
    let order: Vec<usize> = (0..a.ndim())
        .filter(|&d| !plan.is_reduced(d))
        .chain(plan.axes.iter().copied())
        .collect();
    Ok(gather(&view, &order))
}

/// Puts the elements of ranks `ks` (ascending) in place, as NumPy's `partition` with several
/// `kth`; NaNs sort last.
fn select<W: RealFloat>(lane: &mut [W], ks: &[usize]) {
    let cmp = |x: &W, y: &W| x.partial_cmp(y).unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()));
    let mut start = 0;
    for &k in ks {
        if k >= start && k < lane.len() {
            lane[start..].select_nth_unstable_by(k - start, cmp);
            start = k + 1;
        }
    }
}

/// NumPy's `_lerp`: `a + (b - a) t`, computed from `b` when `t >= 0.5` for monotonicity.
fn lerp<W: RealFloat>(a: W, b: W, t: W) -> W {
    let diff = b.sub(a);
    if t >= W::from_f64(0.5) {
        b.sub(diff.mul(W::ONE.sub(t)))
    } else {
        a.add(diff.mul(t))
    }
}

/// One quantile `q` (in [0, 1], as `W`) of a partitioned-on-demand lane of `n` values.
fn quantile_of<W: RealFloat>(lane: &mut [W], q: W, method: QuantileMethod) -> W {
    let n = lane.len();
    let last = n - 1;
    let virt = W::from_f64(last as f64).mul(q);
    let v = virt.to_f64();
    let take = |lane: &mut [W], i: usize| {
        select(lane, &[i]);
        lane[i]
    };
    match method {
        QuantileMethod::Lower => take(lane, v.floor() as usize),
        QuantileMethod::Higher => take(lane, (v.ceil() as usize).min(last)),
        QuantileMethod::Nearest => take(lane, (v.round_ties_even() as usize).min(last)),
        QuantileMethod::Linear | QuantileMethod::Midpoint => {
            let (prev, next) = if v >= last as f64 {
                (last, last)
            } else if v < 0.0 {
                (0, 0)
            } else {
                let p = v.floor() as usize;
                (p, p + 1)
            };
            let gamma = match method {
                QuantileMethod::Midpoint if v.fract() != 0.0 => W::from_f64(0.5),
                QuantileMethod::Midpoint => W::ZERO,
                _ => virt.sub(W::from_f64(prev as f64)),
            };
            select(lane, &[prev, next]);
            lerp(lane[prev], lane[next], gamma)
        }
    }
}

/// What `quantiles` computes per lane.
#[derive(Clone, Copy)]
enum Stat {
    /// The given quantiles.
    Quantile(QuantileMethod),
    /// NumPy's median: the mean of the middle one or two values.
    Median,
}

/// The statistic of every lane, for each `q`; NaN in a lane gives NaN unless `skip_nan`, which
/// drops NaNs (an all-NaN or empty lane gives NaN).
fn lane_stats<W: RealFloat>(values: &mut [W], plan: &Plan, qs: &[W], stat: Stat, skip_nan: bool) -> Vec<W> {
    let (count, lanes) = (plan.count, plan.out_size());
    let mut out = vec![W::NAN; qs.len().max(1) * lanes];
    let per_q = lanes;
    for (o, lane) in values.chunks_mut(count.max(1)).enumerate().take(lanes) {
        let lane: &mut [W] = if skip_nan {
            let mut k = 0;
            for i in 0..lane.len() {
                if !lane[i].is_nan() {
                    lane.swap(k, i);
                    k += 1;
                }
            }
            &mut lane[..k]
        } else {
            lane
        };
        if lane.is_empty() || (!skip_nan && lane.iter().any(|x| x.is_nan())) {
            continue;
        }
        match stat {
            Stat::Median => {
                let n = lane.len();
                let half = n / 2;
                out[o] = if n % 2 == 1 {
                    select(lane, &[half]);
                    lane[half]
                } else {
                    select(lane, &[half - 1, half]);
                    // NumPy's mean of the two: (0 + a + b) / 2.
                    lane[half - 1].add(lane[half]).div_count(2.0)
                };
            }
            Stat::Quantile(method) => {
                for (qi, &q) in qs.iter().enumerate() {
                    out[qi * per_q + o] = quantile_of(lane, q, method);
                }
            }
        }
    }
    out
}

/// Whether the result keeps the input's dtype: `lower`/`higher`/`nearest` pick data points.
fn picks_points(method: QuantileMethod) -> bool {
    matches!(
        method,
        QuantileMethod::Lower | QuantileMethod::Higher | QuantileMethod::Nearest
    )
}

/// Shared by median, percentile and quantile (and their NaN twins).
fn quantiles(a: &Array, q: Option<&Array>, opts: &Reduce, stat: Stat, skip_nan: bool) -> Result<Array> {
    if a.dtype().kind() == DTypeKind::Complex && !matches!(stat, Stat::Median) {
        return Err(ArrayError::type_error("a must be an array of real numbers"));
    }
    if a.dtype().kind() == DTypeKind::Complex {
        return Err(ArrayError::type_error("median of complex numbers is not supported"));
    }
    require_numeric(a, "add")?;
    let plan = Plan::new(a.shape(), &opts.axis)?;
    let method = match stat {
        Stat::Quantile(m) => m,
        Stat::Median => QuantileMethod::Linear,
    };
    if a.dtype() == DType::Bool && !matches!(stat, Stat::Median) && !picks_points(method) {
        return Err(ArrayError::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, \
             or the logical_xor function instead.",
        ));
    }
    if plan.count == 0 && !matches!(stat, Stat::Median) && !skip_nan {
        return Err(ArrayError::index_bounds(-1, 0, 0));
    }
    // float32 data stays float32 (NumPy divides q by float32(100)); everything else is float64.
    let work = if a.dtype() == DType::Float32 && q.is_none_or(|q| q.ndim() == 0) {
        DType::Float32
    } else {
        DType::Float64
    };
    let qs: Vec<f64> = match q {
        Some(q) => q.astype(DType::Float64)?.to_vec::<f64>()?,
        None => vec![0.5],
    };
    let mut out_shape: Vec<usize> = q.map_or(Vec::new(), |q| q.shape().to_vec());
    out_shape.extend(plan.out_shape(opts.keepdims));
    fn run<W: RealFloat>(a: &Array, plan: &Plan, qs: &[f64], stat: Stat, skip_nan: bool) -> Result<Vec<W>> {
        let mut values = lanes::<W>(a, plan)?;
        let qs: Vec<W> = qs.iter().map(|&q| W::from_f64(q)).collect();
        Ok(lane_stats(&mut values, plan, &qs, stat, skip_nan))
    }
    let result = if work == DType::Float32 {
        Array::from_shape_vec(out_shape, run::<f32>(a, &plan, &qs, stat, skip_nan)?)?
    } else {
        Array::from_shape_vec(out_shape, run::<f64>(a, &plan, &qs, stat, skip_nan)?)?
    };
    let keep_dtype = matches!(stat, Stat::Quantile(m) if picks_points(m)) && a.dtype().kind() != DTypeKind::Float;
    if keep_dtype {
        result.astype(a.dtype())
    } else {
        Ok(result)
    }
}

/// `q` as fractions in [0, 1] (dividing percentiles by 100 in the data's float type), or
/// NumPy's range error.
fn fractions(a: &Array, q: &Array, percent: bool) -> Result<Array> {
    let q = q.astype(DType::Float64)?;
    let values: Vec<f64> = q
        .to_vec::<f64>()?
        .into_iter()
        .map(|v| match (percent, a.dtype()) {
            (true, DType::Float32) => (v as f32 / 100f32) as f64,
            (true, _) => v / 100.0,
            (false, _) => v,
        })
        .collect();
    if values.iter().any(|&v| !(0.0..=1.0).contains(&v)) {
        return Err(ArrayError::value(if percent {
            "Percentiles must be in the range [0, 100]"
        } else {
            "Quantiles must be in the range [0, 1]"
        }));
    }
    Array::from_shape_vec(q.shape(), values)
}

fn quantile_entry(a: &Array, q: &Array, opts: &Reduce, percent: bool, skip_nan: bool, name: &str) -> Result<Array> {
    opts.check(name, KEEPDIMS | METHOD)?;
    let q = fractions(a, q, percent)?;
    quantiles(
        a,
        Some(&q),
        opts,
        Stat::Quantile(opts.method.unwrap_or_default()),
        skip_nan,
    )
}

/// NumPy's `percentile` (`q` in [0, 100]); the result has `q`'s shape in front.
pub(crate) fn percentile(a: &Array, q: &Array, opts: &Reduce) -> Result<Array> {
    quantile_entry(a, q, opts, true, false, "percentile")
}

/// NumPy's `quantile` (`q` in [0, 1]).
pub(crate) fn quantile(a: &Array, q: &Array, opts: &Reduce) -> Result<Array> {
    quantile_entry(a, q, opts, false, false, "quantile")
}

/// NumPy's `nanpercentile`.
pub(crate) fn nanpercentile(a: &Array, q: &Array, opts: &Reduce) -> Result<Array> {
    quantile_entry(a, q, opts, true, true, "nanpercentile")
}

/// NumPy's `nanquantile`.
pub(crate) fn nanquantile(a: &Array, q: &Array, opts: &Reduce) -> Result<Array> {
    quantile_entry(a, q, opts, false, true, "nanquantile")
}

/// NumPy's `median`: NaN in a slice gives NaN, an empty slice gives NaN.
pub(crate) fn median(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("median", KEEPDIMS)?;
    quantiles(a, None, opts, Stat::Median, false)
}

/// NumPy's `nanmedian`.
pub(crate) fn nanmedian(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("nanmedian", KEEPDIMS)?;
    quantiles(a, None, opts, Stat::Median, a.dtype().kind().is_inexact())
}

/// NumPy's `average(a, axis, weights, returned=True)`: the (weighted) mean and the sum of the
/// weights, broadcast to the mean's shape.
pub(crate) fn average(a: &Array, opts: &Reduce, weights: Option<&Array>) -> Result<(Array, Array)> {
    opts.check("average", KEEPDIMS)?;
    require_numeric(a, "add")?;
    let Some(w) = weights else {
        let avg = super::sum::mean(a, opts)?;
        let scale = (a.size() / avg.size().max(1)) as f64;
        let scl = Array::full_order(avg.shape(), scale, avg.dtype(), crate::Order::C)?;
        return Ok((avg, scl));
    };
    let floor = if a.dtype().kind().is_integer() || a.dtype() == DType::Bool {
        DType::Float64
    } else {
        a.dtype()
    };
    let dtype = floor.promote(w.dtype())?;
    let plan = Plan::new(a.shape(), &opts.axis)?;
    // Weights of a's shape, or of the reduced axes' lengths (broadcast along the others).
    let wshape: Vec<usize> = if w.shape() == a.shape() {
        a.shape().to_vec()
    } else {
        if opts.axis.is_all() {
            return Err(ArrayError::type_error(
                "Axis must be specified when shapes of a and weights differ.",
            ));
        }
        let along: Vec<usize> = plan.axes.iter().map(|&d| a.shape()[d]).collect();
        if w.shape() != along.as_slice() {
            return Err(ArrayError::value(
                "Shape of weights must be consistent with shape of a along specified axis.",
            ));
        }
        (0..a.ndim())
            .map(|d| if plan.is_reduced(d) { a.shape()[d] } else { 1 })
            .collect()
    };
    fn run<A: Accumulate + std::ops::Div<Output = A>>(
        a: &Array,
        w: &Array,
        wshape: &[usize],
        plan: &Plan,
        opts: &Reduce,
    ) -> Result<(Array, Array)> {
        let x = a.astype(A::DTYPE)?;
        let wc = w.astype(A::DTYPE)?.to_ndarray::<A>()?;
        let wb = wc
            .to_shape(IxDyn(wshape))
            .map_err(|e| ArrayError::shape(e.to_string()))?;
        let wfull = wb.broadcast(IxDyn(a.shape())).expect("shapes checked").to_owned();
        let prod = ndarray::Zip::from(&*x.typed::<A>()?)
            .and(&wfull)
            .map_collect(|&p, &q| p.mul(q));
        let keep = Reduce {
            axis: opts.axis.clone(),
            keepdims: opts.keepdims,
            ..Reduce::default()
        };
        let num = super::sum::sum(&Array::from_ndarray(prod), &keep)?;
        let scl = super::sum::sum(&Array::from_ndarray(wfull), &keep)?;
        let (n, s) = (num.to_vec::<A>()?, scl.to_vec::<A>()?);
        if s.contains(&A::ZERO) {
            return Err(ArrayError::value("Weights sum to zero, can't be normalized"));
        }
        let avg: Vec<A> = n.into_iter().zip(&s).map(|(p, &q)| p / q).collect();
        Ok((finish(plan, opts.keepdims, avg)?, scl))
    }
    match dtype {
        DType::Float32 => run::<f32>(a, w, &wshape, &plan, opts),
        DType::Float64 => run::<f64>(a, w, &wshape, &plan, opts),
        DType::Complex128 => run::<num_complex::Complex64>(a, w, &wshape, &plan, opts),
        other => Err(ArrayError::type_error(format!(
            "average of dtype {other} is not supported"
        ))),
    }
}
