//! Running totals along an axis: `cumsum`, `cumprod`, `nancumsum`, `nancumprod`, and `diff`.
//! NumPy accumulates strictly in order (no pairwise summation), and so does this.

use ndarray::{Axis, Slice, Zip};

use crate::array::{Array, with_numeric_type};
use crate::axes::{Axes, normalize_axis};
use crate::error::{ArrayError, Result};

use super::common::{require_numeric, sum_dtype};
use super::kernels::Accumulate;
use super::options::{Reduce, accepts::*};

/// Which running operation.
#[derive(Clone, Copy, PartialEq)]
enum Running {
    Sum,
    Prod,
}

fn accumulate(a: &Array, opts: &Reduce, op: Running, skip_nan: bool, name: &str) -> Result<Array> {
    opts.check(name, DTYPE)?;
    require_numeric(a, if op == Running::Sum { "add" } else { "multiply" })?;
    let dtype = opts.dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let x = a.astype_nocopy(dtype)?;
    // axis=None works on the flattened (C order) array; a 0-d array becomes 1-d.
    let (x, axis) = match &opts.axis {
        Axes::All => (x.copy().into_flat(), 0),
        Axes::List(list) if list.len() == 1 => {
            if x.ndim() == 0 && (list[0] == 0 || list[0] == -1) {
                (x.copy().into_flat(), 0)
            } else {
                let axis = normalize_axis(list[0], x.ndim())?;
                (x, axis)
            }
        }
        Axes::List(_) => {
            return Err(ArrayError::type_error(
                "'tuple' object cannot be interpreted as an integer",
            ));
        }
    };
    fn run<A: Accumulate>(x: &Array, axis: usize, op: Running, skip_nan: bool) -> Result<Array> {
        let mut out = x.to_ndarray::<A>()?;
        let fill = if op == Running::Sum { A::ZERO } else { A::ONE };
        if skip_nan {
            out.mapv_inplace(|v| if v.is_nan() { fill } else { v });
        }
        match op {
            Running::Sum => out.accumulate_axis_inplace(Axis(axis), |&prev, cur| *cur = prev.add(*cur)),
            Running::Prod => out.accumulate_axis_inplace(Axis(axis), |&prev, cur| *cur = prev.mul(*cur)),
        }
        Ok(Array::from_ndarray(out))
    }
    with_numeric_type!(dtype, run(&x, axis, op, skip_nan), _ => unreachable!("numeric"))
}

impl Array {
    /// This array's elements as a 1-d array (C order), for an array this code owns.
    fn into_flat(self) -> Array {
        let n = self.size();
        self.relayout(crate::array::Layout::contiguous(&[n], crate::Order::C))
    }
}

/// NumPy's `cumsum`: small integers accumulate in `int64`/`uint64`; `axis=None` flattens.
pub(crate) fn cumsum(a: &Array, opts: &Reduce) -> Result<Array> {
    accumulate(a, opts, Running::Sum, false, "cumsum")
}

/// NumPy's `cumprod`.
pub(crate) fn cumprod(a: &Array, opts: &Reduce) -> Result<Array> {
    accumulate(a, opts, Running::Prod, false, "cumprod")
}

/// NumPy's `nancumsum`: NaNs count as zero.
pub(crate) fn nancumsum(a: &Array, opts: &Reduce) -> Result<Array> {
    accumulate(a, opts, Running::Sum, true, "nancumsum")
}

/// NumPy's `nancumprod`: NaNs count as one.
pub(crate) fn nancumprod(a: &Array, opts: &Reduce) -> Result<Array> {
    accumulate(a, opts, Running::Prod, true, "nancumprod")
}

/// NumPy's `diff`: the `n`-th discrete difference along `axis`, in the input dtype (bool
/// differences are `!=`, integers wrap).
pub(crate) fn diff(a: &Array, n: usize, axis: isize) -> Result<Array> {
    if n == 0 {
        return Ok(a.view());
    }
    if a.ndim() == 0 {
        return Err(ArrayError::value(
            "diff requires input that is at least one dimensional",
        ));
    }
    require_numeric(a, "subtract")?;
    let axis = normalize_axis(axis, a.ndim())?;
    fn run<A: Accumulate>(a: &Array, n: usize, axis: usize) -> Result<Array> {
        let mut x = a.to_ndarray::<A>()?;
        for _ in 0..n {
            let len = x.len_of(Axis(axis));
            if len == 0 {
                break;
            }
            let hi = x.slice_axis(Axis(axis), Slice::from(1..));
            let lo = x.slice_axis(Axis(axis), Slice::from(..len - 1));
            x = Zip::from(&hi).and(&lo).map_collect(|&p, &q| p.sub(q));
        }
        Ok(Array::from_ndarray(x))
    }
    with_numeric_type!(a.dtype(), run(a, n, axis), _ => unreachable!("numeric"))
}
