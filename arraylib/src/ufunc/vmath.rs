//! Math functions written so that a slice loop over them vectorises: no branches, no libm
//! calls, only arithmetic, selects and integer bit operations. The C library's `exp` is a
//! call per element; NumPy uses SIMD kernels for it, and so must we to keep up on softmax
//! and log-sum-exp. Results agree with the correctly rounded value within 2 ulp.

/// `1.5 * 2^52`: adding it rounds a float below 2^51 to an integer held in the low mantissa bits.
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;
/// ln 2 split in a part with trailing zero bits (so `n * LN2_HI` is exact) and the rest (fdlibm's).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// Beyond these arguments `exp` overflows to infinity or underflows to zero.
const EXP_OVERFLOW: f64 = 709.782_712_893_384;
const EXP_UNDERFLOW: f64 = -745.133_219_101_941_2;

/// `2^n` for `n` in `[-1022, 1023]`, from its exponent bits.
#[inline(always)]
fn pow2(n: i64) -> f64 {
    f64::from_bits(((n + 1023) as u64) << 52)
}

/// `e^x` for `f64`, branch-free (see the module notes): `x = n ln2 + r` with `|r| <= ln2/2`,
/// `e^r` by its Taylor polynomial of degree 13 (truncation error below 1e-17), scaled by `2^n`
/// in two steps so that subnormal results come out right.
#[inline(always)]
pub(crate) fn exp_f64(x: f64) -> f64 {
    let xc = x.clamp(EXP_UNDERFLOW - 1.0, EXP_OVERFLOW + 1.0);
    let t = xc * std::f64::consts::LOG2_E + ROUND_MAGIC;
    let nf = t - ROUND_MAGIC;
    let n = t.to_bits() as i64 - ROUND_MAGIC.to_bits() as i64;
    let r = (xc - nf * LN2_HI) - nf * LN2_LO;
    // Horner on 1/k! coefficients, highest first.
    const C: [f64; 14] = [
        1.0 / 6_227_020_800.0,
        1.0 / 479_001_600.0,
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
        1.0,
        1.0,
    ];
    let mut p = C[0];
    for &c in &C[1..] {
        p = p * r + c;
    }
    let n1 = n >> 1;
    let y = p * pow2(n1) * pow2(n - n1);
    if x > EXP_OVERFLOW {
        f64::INFINITY
    } else if x < EXP_UNDERFLOW {
        0.0
    } else {
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    #[test]
    fn exp_is_within_two_ulp_of_libm() {
        let mut worst = 0;
        let mut x = -745.0;
        while x < 709.7 {
            worst = worst.max(ulps(exp_f64(x), x.exp()));
            x += 0.0137;
        }
        for x in [
            -1e-300,
            0.0,
            -0.0,
            1e-10,
            0.5,
            1.0,
            -1.0,
            std::f64::consts::LN_10,
            700.0,
            -700.0,
        ] {
            worst = worst.max(ulps(exp_f64(x), x.exp()));
        }
        assert!(worst <= 2, "worst error {worst} ulp");
        assert_eq!(exp_f64(0.0), 1.0);
    }

    #[test]
    fn exp_edges() {
        assert_eq!(exp_f64(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp_f64(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp_f64(710.0), f64::INFINITY);
        assert_eq!(exp_f64(-746.0), 0.0);
        assert!(exp_f64(f64::NAN).is_nan());
        // Subnormal results.
        assert!(ulps(exp_f64(-740.0), (-740.0f64).exp()) <= 2);
    }
}
