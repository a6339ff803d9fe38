//! The partition step of the AVX-512 quicksort, in place.
//!
//! A carried slice (argsort's indices, one per key) is moved exactly as the keys are. The first
//! and last [`BLOCK`] keys are held in registers, which leaves `2 * BLOCK` free slots split
//! between the two ends of the slice. Each step reads from the end with fewer free slots, so
//! both ends then have room for whatever the keys read send them; the held keys finally fill
//! the gap left in the middle.

use std::arch::x86_64::{
    __m512i, __mmask8, _mm512_cmple_epu64_mask, _mm512_cmplt_epu64_mask, _mm512_loadu_si512, _mm512_mask_storeu_epi64,
    _mm512_maskz_compress_epi64, _mm512_set1_epi64, _mm512_setzero_si512,
};

/// Vectors read per step: which end to read from is an unpredictable branch, taken once per
/// four vectors. (The four are a fixed-size array: a variable count made the compiler copy
/// them through the stack with `memcpy`, which took three times as long.)
const UNROLL: usize = 4;
const BLOCK: usize = 8 * UNROLL;

/// Where a partition stands: `[read_low, read_high)` are unread; `[0, low_end)` and
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

    /// Takes `width` unread keys from the end with fewer free slots; returns where they start.
    fn take(&mut self, width: usize) -> usize {
        if self.read_low - self.low_end <= self.high_start - self.read_high {
            self.read_low += width;
            self.read_low - width
        } else {
            self.read_high -= width;
            self.read_high
        }
    }

    /// Writes the `low` lanes of `x` after the low side and the others before the high side,
    /// and the same lanes of `carried_x` at the same places of `carried` if `CARRY`.
    ///
    /// # Safety
    /// `keys` (and `carried`, if `CARRY`) point to the slices being partitioned, with `8` free
    /// slots at each end.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn split_store<const CARRY: bool>(
        &mut self,
        (keys, x): (*mut u64, __m512i),
        (carried, carried_x): (*mut u64, __m512i),
        low: __mmask8,
    ) {
        let n_low = low.count_ones() as usize;
        let lanes = |count: usize| ((1u32 << count) - 1) as __mmask8;
        let (low_at, high_at) = (self.low_end, self.high_start - (8 - n_low));
        // SAFETY: the masked stores touch only `n_low` slots from `low_end` and `8 - n_low`
        // before `high_start`, free by the caller's guarantee.
        let store = |base: *mut u64, v: __m512i| unsafe {
            _mm512_mask_storeu_epi64(
                base.add(low_at).cast(),
                lanes(n_low),
                _mm512_maskz_compress_epi64(low, v),
            );
            _mm512_mask_storeu_epi64(
                base.add(high_at).cast(),
                lanes(8 - n_low),
                _mm512_maskz_compress_epi64(!low, v),
            );
        };
        store(keys, x);
        if CARRY {
            store(carried, carried_x);
        }
        (self.low_end, self.high_start) = (low_at + n_low, high_at);
    }
}

/// Reorders `keys` so that those below `pivot` (or not above it, if `or_equal`) come first;
/// returns how many they are. With `CARRY`, `carried` (one per key) is reordered the same way.
/// Needs at least `2 * BLOCK` keys.
#[target_feature(enable = "avx512f,popcnt")]
pub(super) fn partition<const CARRY: bool>(keys: &mut [u64], carried: &mut [i64], pivot: u64, or_equal: bool) -> usize {
    let n = keys.len();
    assert!(n >= 2 * BLOCK, "a vector partition needs {} keys, got {n}", 2 * BLOCK);
    assert!(!CARRY || carried.len() == n, "one carried value per key");
    let (p, q) = (keys.as_mut_ptr(), carried.as_mut_ptr().cast::<u64>());
    let pivots = _mm512_set1_epi64(pivot as i64);
    let goes_low = |x: __m512i| {
        if or_equal {
            _mm512_cmple_epu64_mask(x, pivots)
        } else {
            _mm512_cmplt_epu64_mask(x, pivots)
        }
    };
    // SAFETY: every load reads eight keys inside `keys` (and `carried`, which is as long
    // when it is read at all): the cursor hands out only unread ranges of at least the width
    // asked for.
    let load = |i: usize| unsafe {
        let carried = if CARRY {
            _mm512_loadu_si512(q.add(i).cast())
        } else {
            _mm512_setzero_si512()
        };
        (_mm512_loadu_si512(p.add(i).cast()), carried)
    };
    let held: [(__m512i, __m512i); 2 * UNROLL] = std::array::from_fn(|i| {
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
    let split = |c: &mut Cursor, (x, carried_x): (__m512i, __m512i)| unsafe {
        c.split_store::<CARRY>((p, x), (q, carried_x), goes_low(x))
    };
    while c.unread() >= BLOCK {
        let at = c.take(BLOCK);
        let block: [(__m512i, __m512i); UNROLL] = std::array::from_fn(|i| load(at + 8 * i));
        for x in block {
            split(&mut c, x);
        }
    }
    while c.unread() >= 8 {
        let at = c.take(8);
        split(&mut c, load(at));
    }
    // The last few keys one by one.
    while c.unread() > 0 {
        let from = c.take(1);
        // SAFETY: `from` is an unread key; the slot written is free.
        let key = unsafe { *p.add(from) };
        let to = if key < pivot || (or_equal && key == pivot) {
            c.low_end += 1;
            c.low_end - 1
        } else {
            c.high_start -= 1;
            c.high_start
        };
        unsafe {
            *p.add(to) = key;
            if CARRY {
                *q.add(to) = *q.add(from);
            }
        }
    }
    for x in held {
        // Everything is read; `[low_end, high_start)` is the gap left, as wide as the held keys.
        split(&mut c, x);
    }
    debug_assert_eq!(c.low_end, c.high_start);
    c.low_end
}
