//! The partition step of the AVX-512 quicksort, in place.
//!
//! The slice is handled as 64-bit lanes (a word is one or two of them). The first and last
//! [`BLOCK`] lanes are held in registers, which leaves `2 * BLOCK` free slots split between the
//! two ends of the slice. Each step reads from the end with fewer free slots, so both ends then
//! have room for whatever the lanes read send them; the held lanes finally fill the gap left in
//! the middle.

use std::arch::x86_64::{__m512i, __mmask8, _mm512_loadu_si512, _mm512_mask_storeu_epi64, _mm512_maskz_compress_epi64};

use super::word::{Word, less, splat};

/// Vectors read per step: which end to read from is an unpredictable branch, taken once per
/// four vectors. (The four are a fixed-size array: a variable count made the compiler copy
/// them through the stack with `memcpy`, which took three times as long.)
const UNROLL: usize = 4;
const BLOCK: usize = 8 * UNROLL;

/// Where a partition stands, in lanes: `[read_low, read_high)` are unread; `[0, low_end)` and
/// `[high_start, len)` are written.
struct Cursor {
    read_low: usize,
    read_high: usize,
    low_end: usize,
    high_start: usize,
}

impl Cursor {
    fn unread(&self) -> usize {
        self.read_high - self.read_low
    }

    /// Takes `width` unread lanes from the end with fewer free slots; returns where they start.
    fn take(&mut self, width: usize) -> usize {
        if self.read_low - self.low_end <= self.high_start - self.read_high {
            self.read_low += width;
            self.read_low - width
        } else {
            self.read_high -= width;
            self.read_high
        }
    }

    /// Writes the `low` lanes of `x` after the low side and the others before the high side.
    ///
    /// # Safety
    /// `lanes` points to the slice being partitioned, with `8` free slots at each end.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn split_store(&mut self, keys: *mut u64, x: __m512i, low: __mmask8) {
        let n_low = low.count_ones() as usize;
        let lanes = |count: usize| ((1u32 << count) - 1) as __mmask8;
        // SAFETY: the masked stores touch only `n_low` slots from `low_end` and `8 - n_low`
        // before `high_start`, free by the caller's guarantee.
        unsafe {
            let at = keys.add(self.low_end).cast();
            _mm512_mask_storeu_epi64(at, lanes(n_low), _mm512_maskz_compress_epi64(low, x));
            self.low_end += n_low;
            self.high_start -= 8 - n_low;
            let at = keys.add(self.high_start).cast();
            _mm512_mask_storeu_epi64(at, lanes(8 - n_low), _mm512_maskz_compress_epi64(!low, x));
        }
    }
}

/// Reorders `words` so that those below `pivot` (or not above it, if `or_equal`) come first;
/// returns how many they are. Needs at least `2 * BLOCK` lanes.
#[target_feature(enable = "avx512f,popcnt")]
pub(super) fn partition<W: Word>(words: &mut [W], pivot: W, or_equal: bool) -> usize {
    let n = words.len() * W::LANES;
    assert!(n >= 2 * BLOCK, "a vector partition needs {} lanes, got {n}", 2 * BLOCK);
    let p = words.as_mut_ptr().cast::<u64>();
    let pivots = splat(pivot);
    let goes_low = |x: __m512i| less::<W>(x, pivots, or_equal);
    // SAFETY: every load reads eight lanes inside `words`: the cursor hands out only unread
    // ranges of at least the width asked for.
    let load = |i: usize| unsafe { _mm512_loadu_si512(p.add(i).cast()) };
    let held: [__m512i; 2 * UNROLL] = std::array::from_fn(|i| {
        if i < UNROLL {
            load(8 * i)
        } else {
            load(n - BLOCK + 8 * (i - UNROLL))
        }
    });
    let mut c = Cursor {
        read_low: BLOCK,
        read_high: n - BLOCK,
        low_end: 0,
        high_start: n,
    };
    // SAFETY (every `split_store` below): the free slots always add up to `2 * BLOCK`, and the
    // cursor reads from the end with fewer, so after a read both ends have at least `BLOCK`.
    while c.unread() >= BLOCK {
        let at = c.take(BLOCK);
        let block: [__m512i; UNROLL] = std::array::from_fn(|i| load(at + 8 * i));
        for x in block {
            unsafe { c.split_store(p, x, goes_low(x)) };
        }
    }
    while c.unread() >= 8 {
        let x = load(c.take(8));
        unsafe { c.split_store(p, x, goes_low(x)) };
    }
    // The last few words one by one (lane offsets are whole words, so the casts are aligned).
    let word_at = |lane: usize| p.wrapping_add(lane).cast::<W>();
    while c.unread() > 0 {
        // SAFETY: `take` hands out one unread word; the slot written is free.
        let word = unsafe { *word_at(c.take(W::LANES)) };
        let low = if or_equal { word <= pivot } else { word < pivot };
        unsafe {
            if low {
                *word_at(c.low_end) = word;
                c.low_end += W::LANES;
            } else {
                c.high_start -= W::LANES;
                *word_at(c.high_start) = word;
            }
        }
    }
    for x in held {
        // Everything is read; `[low_end, high_start)` is the gap left, as wide as the held lanes.
        unsafe { c.split_store(p, x, goes_low(x)) };
    }
    debug_assert_eq!(c.low_end, c.high_start);
    c.low_end / W::LANES
}
