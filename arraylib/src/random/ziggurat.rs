//! Marsaglia and Tsang's ziggurat with NumPy's 256 layers (`random_standard_normal` and
//! `random_standard_exponential` in `distributions.c`), on NumPy's own tables so that every
//! draw, including the rare tail and wedge cases, is bit-exact.

use super::pcg64::Pcg64;
use super::ziggurat_tables::{
    EXP_R, FE, FI, FI_F32, KE, KI, KI_F32, NOR_INV_R, NOR_INV_R_F32, NOR_R, NOR_R_F32, WE, WI, WI_F32,
};

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

/// One standard normal draw in single precision (NumPy's `random_standard_normal_f`): one
/// 32-bit draw gives the layer, the sign and a 23-bit abscissa.
#[inline]
pub(super) fn standard_normal_f32(bg: &mut Pcg64) -> f32 {
    loop {
        let r = bg.next_u32();
        let idx = (r & 0xff) as usize;
        let rabs = (r >> 9) & 0x007f_ffff;
        let magnitude = rabs as f32 * WI_F32[idx];
        let x = if (r >> 8) & 1 != 0 { -magnitude } else { magnitude };
        if rabs < KI_F32[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -NOR_INV_R_F32 * (-bg.next_f32()).ln_1p();
                let yy = -(-bg.next_f32()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 != 0 {
                        -(NOR_R_F32 + xx)
                    } else {
                        NOR_R_F32 + xx
                    };
                }
            }
        }
        // The wedge test compares in double precision, as NumPy's C does (`exp` of a double).
        let y = (FI_F32[idx - 1] - FI_F32[idx]) * bg.next_f32() + FI_F32[idx];
        let xd = f64::from(x);
        if f64::from(y) < (-0.5 * xd * xd).exp() {
            return x;
        }
    }
}
