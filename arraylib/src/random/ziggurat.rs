//! Marsaglia and Tsang's ziggurat with NumPy's 256 layers (`random_standard_normal` and
//! `random_standard_exponential` in `distributions.c`), on NumPy's own tables so that every
//! draw, including the rare tail and wedge cases, is bit-exact.

use super::pcg64::Pcg64;
use super::ziggurat_tables::{EXP_R, FE, FI, KE, KI, NOR_INV_R, NOR_R, WE, WI};

/// One standard normal draw.
///
/// One 64-bit output gives the layer (low 8 bits), the sign (next bit) and a 52-bit
/// abscissa; 99.3% of draws end at the first comparison.
#[inline(always)]
pub(super) fn standard_normal(bg: &mut Pcg64) -> f64 {
    loop {
        let r = bg.next_u64();
        let idx = (r & 0xff) as usize;
        let r = r >> 8;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let magnitude = rabs as f64 * WI[idx];
        let x = if r & 1 != 0 { -magnitude } else { magnitude };
        if rabs < KI[idx] {
            return x;
        }
        if let Some(x) = normal_unlikely(bg, idx, rabs, x) {
            return x;
        }
    }
}

/// The tail (layer 0) and wedge cases, kept out of line so the hot loop stays small.
#[cold]
#[inline(never)]
fn normal_unlikely(bg: &mut Pcg64, idx: usize, rabs: u64, x: f64) -> Option<f64> {
    if idx == 0 {
        // Marsaglia's tail method; `1 - U` (via log1p(-U)) avoids log(0), as NumPy does.
        loop {
            let xx = -NOR_INV_R * (-bg.next_f64()).ln_1p();
            let yy = -(-bg.next_f64()).ln_1p();
            if yy + yy > xx * xx {
                return Some(if (rabs >> 8) & 1 != 0 {
                    -(NOR_R + xx)
                } else {
                    NOR_R + xx
                });
            }
        }
    }
    let y = (FI[idx - 1] - FI[idx]) * bg.next_f64() + FI[idx];
    (y < (-0.5 * x * x).exp()).then_some(x)
}

/// One standard exponential draw (NumPy's `random_standard_exponential`, method `'zig'`).
#[inline]
pub(super) fn standard_exponential(bg: &mut Pcg64) -> f64 {
    loop {
        let r = bg.next_u64() >> 3;
        let idx = (r & 0xff) as usize;
        let r = r >> 8;
        let x = r as f64 * WE[idx];
        if r < KE[idx] {
            return x;
        }
        if idx == 0 {
            return EXP_R - (-bg.next_f64()).ln_1p();
        }
        if (FE[idx - 1] - FE[idx]) * bg.next_f64() + FE[idx] < (-x).exp() {
            return x;
        }
    }
}
