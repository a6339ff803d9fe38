//! Sorting the leaves of the quicksort, up to 16 AVX-512 registers of words, with a bitonic
//! network. Missing words are padded with the largest word, which sorts last and is not stored.
//!
//! Word `i` sits in position `i % P` of register `i / P` (`P` words per register). A step
//! compares word `i` with word `i ^ J` and puts the pair in ascending order where `i & K == 0`,
//! descending elsewhere; the steps for `K = 2, 4, ..., P * R` and `J = K/2, ..., 1` sort the
//! `P * R` words. When `J < P` the partner is in the same register (a lane permutation);
//! otherwise it is the same position of another register.

use std::arch::x86_64::{
    __m512i, __mmask8, _mm512_mask_blend_epi64, _mm512_mask_loadu_epi64, _mm512_mask_storeu_epi64, _mm512_max_epu64,
    _mm512_min_epu64, _mm512_permutexvar_epi64, _mm512_set_epi64, _mm512_set1_epi64,
};

use super::word::{Word, less};

/// Registers the network sorts at most.
const REGISTERS: usize = 16;

/// The most words [`sort`] takes.
pub(super) const fn max_words<W: Word>() -> usize {
    REGISTERS * W::PER_VECTOR
}

/// The lanes of the words at positions `t` (of `P` per register) for which `t & bit == 0`.
const fn lanes_of_positions_without<W: Word>(bit: usize) -> __mmask8 {
    let mut mask = 0u8;
    let mut lane = 0;
    while lane < 8 {
        if (lane / W::LANES) & bit == 0 {
            mask |= 1 << lane;
        }
        lane += 1;
    }
    mask
}

/// `(smaller, larger)` of each pair of words of `x` and `y`.
#[target_feature(enable = "avx512f")]
fn min_max<W: Word>(x: __m512i, y: __m512i) -> (__m512i, __m512i) {
    if W::LANES == 1 {
        return (_mm512_min_epu64(x, y), _mm512_max_epu64(x, y));
    }
    let x_less = less::<W>(x, y, false);
    (
        _mm512_mask_blend_epi64(x_less, y, x),
        _mm512_mask_blend_epi64(x_less, x, y),
    )
}

/// One step of the network (see the module docs).
#[target_feature(enable = "avx512f")]
fn step<W: Word, const R: usize, const K: usize, const J: usize>(v: &mut [__m512i; R]) {
    let per = W::PER_VECTOR;
    if J >= per {
        let jr = J / per;
        for r in (0..R).filter(|r| r & jr == 0) {
            let l = r | jr;
            let (min, max) = min_max::<W>(v[r], v[l]);
            (v[r], v[l]) = if (per * r) & K == 0 { (min, max) } else { (max, min) };
        }
    } else {
        // Lane `w * LANES + h` of the partner word `w ^ J`.
        let partner_lane = |lane: usize| (((lane / W::LANES) ^ J) * W::LANES + lane % W::LANES) as i64;
        let l: [i64; 8] = std::array::from_fn(partner_lane);
        let partner = _mm512_set_epi64(l[7], l[6], l[5], l[4], l[3], l[2], l[1], l[0]);
        for (r, x) in v.iter_mut().enumerate() {
            let y = _mm512_permutexvar_epi64(partner, *x);
            let descending = if K < per {
                !lanes_of_positions_without::<W>(K)
            } else if (per * r) & K != 0 {
                0xFF
            } else {
                0
            };
            let takes_min = lanes_of_positions_without::<W>(J) ^ descending;
            let (min, max) = min_max::<W>(*x, y);
            *x = _mm512_mask_blend_epi64(takes_min, max, min);
        }
    }
}

/// The steps that merge bitonic runs into sorted runs of `K` words, if the registers hold
/// that many.
macro_rules! merge {
    ($v:ident, $k:literal; $($j:literal)*) => {
        if W::PER_VECTOR * R >= $k {
            $( step::<W, R, $k, $j>($v); )*
        }
    };
}

/// Sorts the words of `v`. Every step is spelled out with constant `K` and `J`, so the whole
/// network compiles to straight-line code on registers.
#[target_feature(enable = "avx512f")]
fn network<W: Word, const R: usize>(v: &mut [__m512i; R]) {
    merge!(v, 2; 1);
    merge!(v, 4; 2 1);
    merge!(v, 8; 4 2 1);
    merge!(v, 16; 8 4 2 1);
    merge!(v, 32; 16 8 4 2 1);
    merge!(v, 64; 32 16 8 4 2 1);
    merge!(v, 128; 64 32 16 8 4 2 1);
}

/// Loads `words` into `R` registers (padded with all-ones lanes, the largest word), sorts them
/// and stores them back.
#[target_feature(enable = "avx512f")]
fn sort_in<W: Word, const R: usize>(words: &mut [W]) {
    let lanes = words.len() * W::LANES;
    debug_assert!(lanes <= 8 * R);
    let p = words.as_mut_ptr().cast::<u64>();
    let present = |r: usize| (((1u32 << lanes.saturating_sub(8 * r).min(8)) - 1) as u8) as __mmask8;
    // SAFETY: the masked loads and stores touch only the `present` lanes, which lie in `words`.
    let mut v: [__m512i; R] = std::array::from_fn(|r| unsafe {
        _mm512_mask_loadu_epi64(_mm512_set1_epi64(-1), present(r), p.wrapping_add(8 * r).cast())
    });
    network::<W, R>(&mut v);
    for (r, x) in v.iter().enumerate() {
        unsafe { _mm512_mask_storeu_epi64(p.wrapping_add(8 * r).cast(), present(r), *x) };
    }
}

/// Sorts at most [`max_words`] words ascending.
#[target_feature(enable = "avx512f")]
pub(super) fn sort<W: Word>(words: &mut [W]) {
    match (words.len() * W::LANES).div_ceil(8) {
        0 => {}
        1 => sort_in::<W, 1>(words),
        2 => sort_in::<W, 2>(words),
        3..=4 => sort_in::<W, 4>(words),
        5..=8 => sort_in::<W, 8>(words),
        9..=REGISTERS => sort_in::<W, REGISTERS>(words),
        _ => panic!(
            "the sorting network takes at most {} words, got {}",
            max_words::<W>(),
            words.len()
        ),
    }
}
