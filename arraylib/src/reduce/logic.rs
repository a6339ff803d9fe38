//! Truth reductions: `all`, `any`, `count_nonzero` (non-zero is true, NaN included).

use crate::array::{Array, with_numeric_type};
use crate::element::NumElement;
use crate::error::Result;

use super::common::{apply_mask, finish, require_numeric};
use super::options::{Reduce, accepts::*};
use super::plan::{self, Plan};

/// Per-result truth of every (`all`) or some (`any`) element.
fn truth(a: &Array, opts: &Reduce, every: bool, name: &str) -> Result<Array> {
    opts.check(name, KEEPDIMS | WHERE)?;
    require_numeric(a, if every { "logical_and" } else { "logical_or" })?;
    let plan = Plan::new(a.shape(), &opts.axis)?;
    fn run<T: NumElement>(a: &Array, plan: &Plan, opts: &Reduce, every: bool) -> Result<Array> {
        let x = match &opts.mask {
            Some(mask) => apply_mask(a, mask, T::from_bool(every))?,
            None => a.view(),
        };
        let view = x.typed::<T>()?;
        let values = if every {
            plan::reduce(
                &view,
                plan,
                true,
                |acc, lane, _| acc && lane.iter().all(T::to_bool),
                |acc, v, _| acc && v.to_bool(),
                |p, q| p && q,
            )
        } else {
            plan::reduce(
                &view,
                plan,
                false,
                |acc, lane, _| acc || lane.iter().any(T::to_bool),
                |acc, v, _| acc || v.to_bool(),
                |p, q| p || q,
            )
        };
        finish(plan, opts.keepdims, values)
    }
    with_numeric_type!(a.dtype(), run(a, &plan, opts, every), _ => unreachable!("numeric"))
}

/// NumPy's `all`: true when every element is non-zero (true for an empty slice).
pub(crate) fn all(a: &Array, opts: &Reduce) -> Result<Array> {
    truth(a, opts, true, "all")
}

/// NumPy's `any`: true when some element is non-zero (false for an empty slice).
pub(crate) fn any(a: &Array, opts: &Reduce) -> Result<Array> {
    truth(a, opts, false, "any")
}

/// NumPy's `count_nonzero`, as `int64`.
pub(crate) fn count_nonzero(a: &Array, opts: &Reduce) -> Result<Array> {
    opts.check("count_nonzero", KEEPDIMS)?;
    require_numeric(a, "count_nonzero")?;
    let plan = Plan::new(a.shape(), &opts.axis)?;
    fn run<T: NumElement>(a: &Array, plan: &Plan, keepdims: bool) -> Result<Array> {
        let view = a.typed::<T>()?;
        let values = plan::reduce(
            &view,
            plan,
            0i64,
            |acc, lane, _| acc + lane.iter().filter(|v| v.to_bool()).count() as i64,
            |acc, v, _| acc + v.to_bool() as i64,
            |p, q| p + q,
        );
        finish(plan, keepdims, values)
    }
    with_numeric_type!(a.dtype(), run(a, &plan, opts.keepdims), _ => unreachable!("numeric"))
}
