//! Reductions (`np.sum`, `mean`, `std`, `max`, `argmax`, `median`, `percentile`, the `nan*`
//! family, ...) and cumulative operations (`cumsum`, `cumprod`, `diff`).

use arraylib::{Array, ArrayError, Axes, QuantileMethod, Reduce};

use crate::args::{Args, to_array, to_axes, to_f64, to_str};
use crate::eval::R;
use crate::value::Value;

/// Positions of NumPy's parameters after `a` (None = keyword-only or absent).
#[derive(Default)]
struct Sig {
    axis: usize,
    dtype: Option<usize>,
    keepdims: Option<usize>,
    ddof: Option<usize>,
    initial: Option<usize>,
    mask: Option<usize>,
    method: Option<usize>,
}

const fn sig(axis: usize) -> Sig {
    Sig {
        axis,
        dtype: None,
        keepdims: None,
        ddof: None,
        initial: None,
        mask: None,
        method: None,
    }
}

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    type Core = fn(&Array, &Reduce) -> arraylib::Result<Array>;
    let plain: Option<(Core, Sig)> = match name {
        "sum" | "nansum" | "prod" | "nanprod" => Some((
            match name {
                "sum" => arraylib::try_sum_with,
                "nansum" => arraylib::try_nansum_with,
                "prod" => arraylib::try_prod_with,
                _ => arraylib::try_nanprod_with,
            },
            Sig {
                dtype: Some(2),
                keepdims: Some(4),
                initial: Some(5),
                mask: Some(6),
                ..sig(1)
            },
        )),
        "mean" | "nanmean" => Some((
            if name == "mean" {
                arraylib::try_mean_with
            } else {
                arraylib::try_nanmean_with
            },
            Sig {
                dtype: Some(2),
                keepdims: Some(4),
                mask: Some(99),
                ..sig(1)
            },
        )),
        "std" | "var" | "nanstd" | "nanvar" => Some((
            match name {
                "std" => arraylib::try_std_with,
                "var" => arraylib::try_var_with,
                "nanstd" => arraylib::try_nanstd_with,
                _ => arraylib::try_nanvar_with,
            },
            Sig {
                dtype: Some(2),
                ddof: Some(4),
                keepdims: Some(5),
                mask: Some(99),
                ..sig(1)
            },
        )),
        "max" | "amax" | "min" | "amin" | "nanmax" | "nanmin" => Some((
            match name {
                "max" | "amax" => arraylib::try_max_with,
                "min" | "amin" => arraylib::try_min_with,
                "nanmax" => arraylib::try_nanmax_with,
                _ => arraylib::try_nanmin_with,
            },
            Sig {
                keepdims: Some(3),
                initial: Some(4),
                mask: Some(5),
                ..sig(1)
            },
        )),
        "argmax" | "argmin" | "nanargmax" | "nanargmin" => Some((
            match name {
                "argmax" => arraylib::try_argmax_with,
                "argmin" => arraylib::try_argmin_with,
                "nanargmax" => arraylib::try_nanargmax_with,
                _ => arraylib::try_nanargmin_with,
            },
            Sig {
                keepdims: Some(99),
                ..sig(1)
            },
        )),
        "all" | "any" => Some((
            if name == "all" {
                arraylib::try_all_with
            } else {
                arraylib::try_any_with
            },
            Sig {
                keepdims: Some(3),
                mask: Some(99),
                ..sig(1)
            },
        )),
        "count_nonzero" => Some((
            arraylib::try_count_nonzero_with,
            Sig {
                keepdims: Some(99),
                ..sig(1)
            },
        )),
        "ptp" => Some((
            arraylib::try_ptp_with,
            Sig {
                keepdims: Some(3),
                ..sig(1)
            },
        )),
        "median" | "nanmedian" => Some((
            if name == "median" {
                arraylib::try_median_with
            } else {
                arraylib::try_nanmedian_with
            },
            Sig {
                keepdims: Some(4),
                ..sig(1)
            },
        )),
        "cumsum" | "cumprod" | "nancumsum" | "nancumprod" => Some((
            match name {
                "cumsum" => arraylib::try_cumsum_with,
                "cumprod" => arraylib::try_cumprod_with,
                "nancumsum" => arraylib::try_nancumsum_with,
                _ => arraylib::try_nancumprod_with,
            },
            Sig {
                dtype: Some(2),
                ..sig(1)
            },
        )),
        _ => None,
    };
    if let Some((core, sig)) = plain {
        return Some(run(args, core, &sig));
    }
    type QCore = fn(&Array, Array, &Reduce) -> arraylib::Result<Array>;
    let quantile: Option<QCore> = match name {
        "percentile" => Some(arraylib::try_percentile_with),
        "quantile" => Some(arraylib::try_quantile_with),
        "nanpercentile" => Some(arraylib::try_nanpercentile_with),
        "nanquantile" => Some(arraylib::try_nanquantile_with),
        _ => None,
    };
    if let Some(core) = quantile {
        return Some((|| {
            let q = args.array(1, "q")?;
            let sig = Sig {
                method: Some(5),
                keepdims: Some(6),
                ..sig(2)
            };
            run(args, |a, opts| core(a, q.alias(), opts), &sig)
        })());
    }
    match name {
        "diff" => Some(diff(args)),
        "average" => Some(average(args)),
        "cov" | "corrcoef" => Some(covariance(name, args)),
        _ => None,
    }
}

fn options(args: &mut Args, sig: &Sig) -> R<Reduce> {
    let mut opts = Reduce::default();
    if let Some(axes) = to_axes(args.take(sig.axis, "axis"))? {
        opts.axis = Axes::List(axes);
    }
    if let Some(i) = sig.dtype {
        opts.dtype = args.dtype(i, "dtype")?;
    }
    if let Some(i) = sig.keepdims {
        opts.keepdims = args.flag(i, "keepdims", false)?;
    }
    if let Some(i) = sig.ddof
        && let Some(v) = args.take(i, "ddof")
    {
        opts.ddof = Some(to_f64(&v)?);
    }
    if let Some(i) = sig.initial {
        opts.initial = match args.take(i, "initial") {
            None | Some(Value::None) => None,
            Some(Value::Py(s)) => Some(s),
            Some(v) => Some(to_array(v)?.item()?),
        };
    }
    if let Some(i) = sig.mask
        && let Some(m) = args.take(i, "where")
    {
        opts.mask = Some(to_array(m)?);
    }
    if let Some(i) = sig.method
        && let Some(m) = args.take(i, "method")
    {
        opts.method = Some(QuantileMethod::parse(&to_str(&m)?)?);
    }
    Ok(opts)
}

fn done(args: &mut Args) -> R<()> {
    let rest = std::mem::replace(args, Args::new(Vec::new(), Default::default()));
    rest.finish()
}

fn run(args: &mut Args, f: impl Fn(&Array, &Reduce) -> arraylib::Result<Array>, sig: &Sig) -> R<Value> {
    let a = args.array(0, "a")?;
    let opts = options(args, sig)?;
    done(args)?;
    Ok(Value::Array(f(&a, &opts)?))
}

fn diff(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let n = args.int(1, "n")?.unwrap_or(1);
    let axis = args.int(2, "axis")?.unwrap_or(-1);
    done(args)?;
    if n < 0 {
        return Err(ArrayError::value(format!("order must be non-negative but got {n}")).into());
    }
    Ok(Value::Array(arraylib::try_diff(&a, n as usize, axis as isize)?))
}

fn average(args: &mut Args) -> R<Value> {
    let a = args.array(0, "a")?;
    let mut opts = options(args, &sig(1))?;
    let weights = match args.take(2, "weights") {
        None | Some(Value::None) => None,
        Some(w) => Some(to_array(w)?),
    };
    let returned = args.flag(3, "returned", false)?;
    opts.keepdims = args.flag(99, "keepdims", false)?;
    done(args)?;
    let (avg, wsum) = arraylib::try_average_returned(&a, &opts, weights.as_ref())?;
    Ok(if returned {
        Value::Tuple(vec![Value::Array(avg), Value::Array(wsum)])
    } else {
        Value::Array(avg)
    })
}

/// `np.cov(m, y, rowvar, bias, ddof, fweights, aweights)` and `np.corrcoef(x, y, rowvar)`.
fn covariance(name: &str, args: &mut Args) -> R<Value> {
    let m = args.array(0, if name == "cov" { "m" } else { "x" })?;
    let optional = |v: Option<Value>| match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_array(v).map(Some),
    };
    let y = optional(args.take(1, "y"))?;
    let rowvar = args.flag(2, "rowvar", true)?;
    let (bias, ddof, fweights, aweights) = if name == "cov" {
        (
            args.flag(3, "bias", false)?,
            args.int(4, "ddof")?,
            optional(args.take(5, "fweights"))?,
            optional(args.take(6, "aweights"))?,
        )
    } else {
        (false, None, None, None)
    };
    done(args)?;
    let opts = arraylib::Cov {
        y: y.as_ref(),
        rowvar,
        bias,
        ddof,
        fweights: fweights.as_ref(),
        aweights: aweights.as_ref(),
    };
    Ok(Value::Array(if name == "cov" {
        arraylib::try_cov_with(&m, &opts)?
    } else {
        arraylib::try_corrcoef_with(&m, &opts)?
    }))
}
