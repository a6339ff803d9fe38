//! Sorting the leaves of the quicksort, up to 16 AVX-512 registers of keys, with a bitonic
//! network. Missing keys are padded with `u64::MAX`, which sorts last and is not stored (so a
//! caller carrying values must not pass a real `u64::MAX`). A carried lane per key (argsort's
//! indices) moves with its key; equal keys may then come out in any order of their carried
//! lanes.
//!
//! Key `i` sits in lane `i % 8` of register `i / 8`. A step compares key `i` with key `i ^ J`
//! and puts the pair in ascending order where `i & K == 0`, descending elsewhere; the steps
//! for `K = 2, 4, ..., 8R` and `J = K/2, ..., 1` sort the `8R` keys. When `J < 8` the partner
//! is in the same register (a lane permutation); otherwise it is the same lane of another
//! register.

use std::arch::x86_64::{
    __m512i, __mmask8, _mm512_cmplt_epu64_mask, _mm512_mask_blend_epi64, _mm512_mask_loadu_epi64,
    _mm512_mask_storeu_epi64, _mm512_max_epu64, _mm512_min_epu64, _mm512_permutexvar_epi64, _mm512_set_epi64,
    _mm512_set1_epi64,
};

/// Registers of keys the network sorts at most: 16, or 8 when each has a register of carried
/// lanes (AVX-512 has 32 registers).
const fn registers<const CARRY: bool>() -> usize {
    if CARRY { 8 } else { 16 }
}

/// The most keys [`sort`] takes.
pub(super) const fn max_keys<const CARRY: bool>() -> usize {
    8 * registers::<CARRY>()
}

/// Lanes `t` (of 0..8) with `t & j == 0`, for `j` = 1, 2 or 4: the lower key of each pair.
const fn lower_lanes(j: usize) -> __mmask8 {
    match j {
        1 => 0x55,
        2 => 0x33,
        4 => 0x0F,
        _ => 0,
    }
}

/// Registers of keys and of their carried lanes (unused unless `CARRY`).
struct Registers<const R: usize> {
    keys: [__m512i; R],
    carried: [__m512i; R],
}

/// Puts the keys of registers `a` and `b` in order, lane by lane: the `takes_min` lanes of `a`
/// get the smaller key of each pair and the others the larger; `b` gets the other one. Equal
/// keys stay where they are, so a carried lane never goes to two places.
#[target_feature(enable = "avx512f")]
fn exchange<const CARRY: bool, const R: usize>(regs: &mut Registers<R>, a: usize, b: usize, takes_min: __mmask8) {
    let (x, y) = (regs.keys[a], regs.keys[b]);
    if !CARRY {
        let (min, max) = (_mm512_min_epu64(x, y), _mm512_max_epu64(x, y));
        regs.keys[a] = _mm512_mask_blend_epi64(takes_min, max, min);
        regs.keys[b] = _mm512_mask_blend_epi64(takes_min, min, max);
        return;
    }
    // Lanes of `a` that take `b`'s key: those wanting the smaller where `y < x`, and those
    // wanting the larger where `x < y`.
    let swap = (takes_min & _mm512_cmplt_epu64_mask(y, x)) | (!takes_min & _mm512_cmplt_epu64_mask(x, y));
    regs.keys[a] = _mm512_mask_blend_epi64(swap, x, y);
    regs.keys[b] = _mm512_mask_blend_epi64(swap, y, x);
    let (cx, cy) = (regs.carried[a], regs.carried[b]);
    regs.carried[a] = _mm512_mask_blend_epi64(swap, cx, cy);
    regs.carried[b] = _mm512_mask_blend_epi64(swap, cy, cx);
}

/// One step of the network (see the module docs).
#[target_feature(enable = "avx512f")]
fn step<const CARRY: bool, const R: usize, const K: usize, const J: usize>(regs: &mut Registers<R>) {
    if J >= 8 {
        let jr = J / 8;
        for r in (0..R).filter(|r| r & jr == 0) {
            let takes_min = if (8 * r) & K == 0 { 0xFF } else { 0 };
            exchange::<CARRY, R>(regs, r, r | jr, takes_min);
        }
    } else {
        let j = J as i64;
        let partner = _mm512_set_epi64(7 ^ j, 6 ^ j, 5 ^ j, 4 ^ j, 3 ^ j, 2 ^ j, 1 ^ j, j);
        for r in 0..R {
            let descending = if K < 8 {
                !lower_lanes(K)
            } else if (8 * r) & K != 0 {
                0xFF
            } else {
                0
            };
            // The partners as a register of their own: after the exchange, the first holds
            // what each lane keeps.
            let mut pair = Registers::<2> {
                keys: [regs.keys[r], _mm512_permutexvar_epi64(partner, regs.keys[r])],
                carried: [regs.carried[r], _mm512_permutexvar_epi64(partner, regs.carried[r])],
            };
            exchange::<CARRY, 2>(&mut pair, 0, 1, lower_lanes(J) ^ descending);
            regs.keys[r] = pair.keys[0];
            regs.carried[r] = pair.carried[0];
        }
    }
}

/// The steps that merge bitonic runs into sorted runs of `K` keys, if the registers hold
/// that many.
macro_rules! merge {
    ($regs:ident, $k:literal; $($j:literal)*) => {
        if 8 * R >= $k {
            $( step::<CARRY, R, $k, $j>($regs); )*
        }
    };
}

/// Sorts the keys of `regs`. Every step is spelled out with constant `K` and `J`, so the whole
/// network compiles to straight-line code on registers.
#[target_feature(enable = "avx512f")]
fn network<const CARRY: bool, const R: usize>(regs: &mut Registers<R>) {
    merge!(regs, 2; 1);
    merge!(regs, 4; 2 1);
    merge!(regs, 8; 4 2 1);
    merge!(regs, 16; 8 4 2 1);
    merge!(regs, 32; 16 8 4 2 1);
    merge!(regs, 64; 32 16 8 4 2 1);
    merge!(regs, 128; 64 32 16 8 4 2 1);
}

/// Loads `keys` (and `carried`, if `CARRY`) into `R` registers each (keys padded with
/// `u64::MAX`), sorts them and stores them back.
#[target_feature(enable = "avx512f")]
fn sort_in<const CARRY: bool, const R: usize>(keys: &mut [u64], carried: &mut [i64]) {
    let n = keys.len();
    debug_assert!(n <= 8 * R && (!CARRY || carried.len() == n));
    let (p, q) = (keys.as_mut_ptr(), carried.as_mut_ptr().cast::<u64>());
    let present = |r: usize| (((1u32 << n.saturating_sub(8 * r).min(8)) - 1) as u8) as __mmask8;
    // SAFETY: the masked loads and stores touch only the `present` lanes, which lie in `keys`
    // (and in `carried`, as long, when `CARRY`).
    let load = |base: *mut u64, r: usize| unsafe {
        _mm512_mask_loadu_epi64(_mm512_set1_epi64(-1), present(r), base.wrapping_add(8 * r).cast())
    };
    let mut regs = Registers {
        keys: std::array::from_fn(|r| load(p, r)),
        carried: std::array::from_fn(|r| if CARRY { load(q, r) } else { _mm512_set1_epi64(0) }),
    };
    network::<CARRY, R>(&mut regs);
    for r in 0..R {
        unsafe {
            _mm512_mask_storeu_epi64(p.wrapping_add(8 * r).cast(), present(r), regs.keys[r]);
            if CARRY {
                _mm512_mask_storeu_epi64(q.wrapping_add(8 * r).cast(), present(r), regs.carried[r]);
            }
        }
    }
}

/// Sorts at most [`max_keys`] keys ascending, moving `carried` with them if `CARRY`.
#[target_feature(enable = "avx512f")]
pub(super) fn sort<const CARRY: bool>(keys: &mut [u64], carried: &mut [i64]) {
    match keys.len().div_ceil(8) {
        0 => {}
        1 => sort_in::<CARRY, 1>(keys, carried),
        2 => sort_in::<CARRY, 2>(keys, carried),
        3..=4 => sort_in::<CARRY, 4>(keys, carried),
        5..=8 => sort_in::<CARRY, 8>(keys, carried),
        r if r <= registers::<CARRY>() => sort_in::<CARRY, 16>(keys, carried),
        _ => panic!(
            "the sorting network takes at most {} keys, got {}",
            max_keys::<CARRY>(),
            keys.len()
        ),
    }
}
