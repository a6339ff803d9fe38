//! Real-valued distributions built on the uniform, normal and exponential draws, following
//! NumPy's `distributions.c` step by step: standard gamma (Marsaglia and Tsang for shape
//! >= 1, Johnk-like rejection below) and beta (Johnk for a, b <= 1, else a gamma ratio).

use super::pcg64::Pcg64;
use super::ziggurat::{standard_exponential, standard_normal};

/// One Gamma(shape, 1) draw; `shape >= 0` is checked by the caller.
pub(super) fn standard_gamma(bg: &mut Pcg64, shape: f64) -> f64 {
    if shape == 1.0 {
        return standard_exponential(bg);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = bg.next_f64();
            let v = standard_exponential(bg);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (x, v) = loop {
            let x = standard_normal(bg);
            let v = 1.0 + c * x;
            // NumPy's `while (V <= 0.0)`: a NaN shape falls through and yields NaN.
            if v <= 0.0 {
                continue;
            }
            break (x, v);
        };
        let v = v * v * v;
        let u = bg.next_f64();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// Below this, a and b are so small that the draw is 0 or 1 to double precision.
const BETA_TINY_THRESHOLD: f64 = 3e-103;

/// One Beta(a, b) draw; `a > 0` and `b > 0` are checked by the caller.
pub(super) fn beta(bg: &mut Pcg64, a: f64, b: f64) -> f64 {
    // Written as NumPy's test so that NaN parameters take the same (gamma) branch.
    if a <= 1.0 && b <= 1.0 {
        johnk(bg, a, b)
    } else {
        gamma_ratio(bg, a, b)
    }
}

fn gamma_ratio(bg: &mut Pcg64, a: f64, b: f64) -> f64 {
    let ga = standard_gamma(bg, a);
    let gb = standard_gamma(bg, b);
    ga / (ga + gb)
}

/// Johnk's algorithm, for a, b <= 1.
fn johnk(bg: &mut Pcg64, a: f64, b: f64) -> f64 {
    if a < BETA_TINY_THRESHOLD && b < BETA_TINY_THRESHOLD {
        let u = bg.next_f64();
        return if (a + b) * u < a { 1.0 } else { 0.0 };
    }
    loop {
        let u = bg.next_f64();
        let v = bg.next_f64();
        let x = u.powf(1.0 / a);
        let y = v.powf(1.0 / b);
        let sum = x + y;
        if sum <= 1.0 && u + v > 0.0 {
            if x > 0.0 && y > 0.0 {
                return x / sum;
            }
            // x or y underflowed: finish in logarithms.
            let log_x = u.ln() / a;
            let log_y = v.ln() / b;
            let delta = log_x - log_y;
            return if delta > 0.0 {
                (-(-delta).exp().ln_1p()).exp()
            } else {
                (delta - delta.exp().ln_1p()).exp()
            };
        }
    }
}
