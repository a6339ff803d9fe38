//! Sorting up to [`MAX_KEYS`] keys in AVX-512 registers with a bitonic network: the leaves of
//! the quicksort. Missing keys are padded with `u64::MAX`, which sorts last and is not stored.
//!
//! Key `i` sits in lane `i % 8` of register `i / 8`. A step compares key `i` with key `i ^ J`
//! and puts the pair in ascending order where `i & K == 0`, descending elsewhere; the steps for
//! `K = 2, 4, ..., 8R` and `J = K/2, ..., 1` sort `8R` keys. When `J < 8` the partner is in the
//! same register (a lane permutation); otherwise it is the same lane of another register.

use std::arch::x86_64::{
    __m512i, __mmask8, _mm512_mask_blend_epi64, _mm512_mask_loadu_epi64, _mm512_mask_storeu_epi64, _mm512_max_epu64,
    _mm512_min_epu64, _mm512_permutexvar_epi64, _mm512_set_epi64, _mm512_set1_epi64,
};

/// The most keys [`sort`] takes: 16 registers of 8.
pub(super) const MAX_KEYS: usize = 128;

/// Lanes `t` (of 0..8) with `t & j == 0`, for `j` = 1, 2 or 4: the lower key of each pair.
const fn lower_lanes(j: usize) -> u8 {
    match j {
        1 => 0x55,
        2 => 0x33,
        4 => 0x0F,
        _ => 0,
    }
}

/// One step of the network (see the module docs).
#[target_feature(enable = "avx512f")]
fn step<const R: usize, const K: usize, const J: usize>(v: &mut [__m512i; R]) {
    if J >= 8 {
        let jr = J / 8;
        for r in (0..R).filter(|r| r & jr == 0) {
            let l = r | jr;
            let (min, max) = (_mm512_min_epu64(v[r], v[l]), _mm512_max_epu64(v[r], v[l]));
            (v[r], v[l]) = if (8 * r) & K == 0 { (min, max) } else { (max, min) };
        }
    } else {
        let j = J as i64;
        let partner = _mm512_set_epi64(7 ^ j, 6 ^ j, 5 ^ j, 4 ^ j, 3 ^ j, 2 ^ j, 1 ^ j, j);
        for (r, x) in v.iter_mut().enumerate() {
            let y = _mm512_permutexvar_epi64(partner, *x);
            let descending = if K < 8 {
                !lower_lanes(K)
            } else if (8 * r) & K != 0 {
                0xFF
            } else {
                0
            };
            let takes_min: __mmask8 = lower_lanes(J) ^ descending;
            *x = _mm512_mask_blend_epi64(takes_min, _mm512_max_epu64(*x, y), _mm512_min_epu64(*x, y));
        }
    }
}

/// The steps that merge bitonic runs into sorted runs of `K` keys.
macro_rules! merge {
    ($v:ident, $k:literal; $($j:literal)*) => { $( step::<R, $k, $j>($v); )* };
}

/// Sorts the `8 * R` keys of `v`. Every step is spelled out with constant `K` and `J`, so the
/// whole network compiles to straight-line code on registers.
#[target_feature(enable = "avx512f")]
fn network<const R: usize>(v: &mut [__m512i; R]) {
    merge!(v, 2; 1);
    merge!(v, 4; 2 1);
    merge!(v, 8; 4 2 1);
    if R >= 2 {
        merge!(v, 16; 8 4 2 1);
    }
    if R >= 4 {
        merge!(v, 32; 16 8 4 2 1);
    }
    if R >= 8 {
        merge!(v, 64; 32 16 8 4 2 1);
    }
    if R >= 16 {
        merge!(v, 128; 64 32 16 8 4 2 1);
    }
}

/// Loads `keys` into `R` registers (padding with `u64::MAX`), sorts them and stores them back.
#[target_feature(enable = "avx512f")]
fn sort_in<const R: usize>(keys: &mut [u64]) {
    let n = keys.len();
    debug_assert!(n <= 8 * R);
    let p = keys.as_mut_ptr();
    let present = |r: usize| (((1u32 << n.saturating_sub(8 * r).min(8)) - 1) as u8) as __mmask8;
    // SAFETY: the masked loads and stores touch only the `present` lanes, which lie in `keys`.
    let mut v: [__m512i; R] = std::array::from_fn(|r| unsafe {
        _mm512_mask_loadu_epi64(_mm512_set1_epi64(-1), present(r), p.wrapping_add(8 * r).cast())
    });
    network(&mut v);
    for (r, x) in v.iter().enumerate() {
        unsafe { _mm512_mask_storeu_epi64(p.wrapping_add(8 * r).cast(), present(r), *x) };
    }
}

/// Sorts at most [`MAX_KEYS`] keys ascending.
#[target_feature(enable = "avx512f")]
pub(super) fn sort(keys: &mut [u64]) {
    match keys.len().div_ceil(8) {
        0 => {}
        1 => sort_in::<1>(keys),
        2 => sort_in::<2>(keys),
        3..=4 => sort_in::<4>(keys),
        5..=8 => sort_in::<8>(keys),
        9..=16 => sort_in::<16>(keys),
        _ => panic!("the sorting network takes at most {MAX_KEYS} keys, got {}", keys.len()),
    }
}
