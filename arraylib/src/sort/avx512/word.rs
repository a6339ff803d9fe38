//! The key words the vector sort handles, and their comparison on vectors.
//!
//! A `u64` fills one lane of a 512-bit vector; a `u128` fills two (low half first, as it lies
//! in memory), so that `argsort`'s `key << 64 | index` words sort as the numbers they are.

use std::arch::x86_64::{
    __m512i, __mmask8, _mm512_cmpeq_epu64_mask, _mm512_cmple_epu64_mask, _mm512_cmplt_epu64_mask, _mm512_loadu_si512,
};

/// An unsigned key word, compared as a number.
pub(crate) trait Word: Copy + Ord + Send + Sync {
    /// 64-bit lanes per word.
    const LANES: usize;
    /// Words per vector.
    const PER_VECTOR: usize = 8 / Self::LANES;
    /// The word's lanes, low half first.
    fn lanes(self) -> [u64; 2];
}

impl Word for u64 {
    const LANES: usize = 1;
    fn lanes(self) -> [u64; 2] {
        [self, 0]
    }
}

impl Word for u128 {
    const LANES: usize = 2;
    fn lanes(self) -> [u64; 2] {
        [self as u64, (self >> 64) as u64]
    }
}

/// A vector holding `word` in every position.
#[target_feature(enable = "avx512f")]
pub(super) fn splat<W: Word>(word: W) -> __m512i {
    let lanes: [u64; 8] = std::array::from_fn(|i| word.lanes()[i % W::LANES]);
    // SAFETY: `lanes` is 64 bytes.
    unsafe { _mm512_loadu_si512(lanes.as_ptr().cast()) }
}

/// The lanes of the words of `x` below (or, with `or_equal`, not above) those of `y`; both
/// lanes of a `u128` are set or clear together.
#[target_feature(enable = "avx512f")]
pub(super) fn less<W: Word>(x: __m512i, y: __m512i, or_equal: bool) -> __mmask8 {
    let low_lanes_less = if or_equal {
        _mm512_cmple_epu64_mask(x, y)
    } else {
        _mm512_cmplt_epu64_mask(x, y)
    };
    if W::LANES == 1 {
        return low_lanes_less;
    }
    // Odd lanes hold the high halves: less there, or equal there and less in the low half.
    const HIGH: __mmask8 = 0xAA;
    let high_less = _mm512_cmplt_epu64_mask(x, y) & HIGH;
    let high_equal = _mm512_cmpeq_epu64_mask(x, y) & HIGH;
    let word_less = high_less | (high_equal & (low_lanes_less << 1));
    word_less | (word_less >> 1)
}
