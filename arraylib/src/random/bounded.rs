//! Bounded integers, drawn exactly as NumPy draws them (`distributions.c`).
//!
//! `integers` uses Lemire's multiply-and-reject method (arXiv:1805.10941) at the width of the
//! range: ranges below 2**32 consume 32-bit draws, and so take the two halves of one 64-bit
//! output in turn (the bit generator's buffer carries across calls); 8- and 16-bit dtypes cut
//! a 32-bit draw into pieces with a buffer local to one call. `shuffle` and `permutation`
//! use the older masked rejection (`random_interval`) instead.

use super::pcg64::Pcg64;

/// Lemire's method for a value in `[0, rng]` from 64-bit draws; `rng < u64::MAX`.
#[inline]
fn lemire64(bg: &mut Pcg64, rng: u64) -> u64 {
    let rng_excl = rng + 1;
    let mut m = u128::from(bg.next_u64()) * u128::from(rng_excl);
    let mut leftover = m as u64;
    if leftover < rng_excl {
        let threshold = (u64::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u128::from(bg.next_u64()) * u128::from(rng_excl);
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

/// Lemire's method for a value in `[0, rng]` from 32-bit draws; `rng < u32::MAX`.
#[inline]
fn lemire32(bg: &mut Pcg64, rng: u32) -> u32 {
    let rng_excl = rng + 1;
    let mut m = u64::from(bg.next_u32()) * u64::from(rng_excl);
    let mut leftover = m as u32;
    if leftover < rng_excl {
        let threshold = (u32::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u64::from(bg.next_u32()) * u64::from(rng_excl);
            leftover = m as u32;
        }
    }
    (m >> 32) as u32
}

/// A 32-bit draw handed out in `32 / BITS` pieces, lowest first; lives for one fill call.
struct Pieces<const BITS: u32> {
    buffer: u32,
    left: u32,
}

impl<const BITS: u32> Pieces<BITS> {
    fn new() -> Self {
        Pieces { buffer: 0, left: 0 }
    }

    #[inline]
    fn next(&mut self, bg: &mut Pcg64) -> u32 {
        if self.left == 0 {
            self.buffer = bg.next_u32();
            self.left = 32 / BITS - 1;
        } else {
            self.buffer >>= BITS;
            self.left -= 1;
        }
        self.buffer & ((1 << BITS) - 1)
    }
}

/// Lemire's method on `BITS`-bit pieces (NumPy's `buffered_bounded_lemire_uint16/8`).
#[inline]
fn lemire_small<const BITS: u32>(bg: &mut Pcg64, pieces: &mut Pieces<BITS>, rng: u32) -> u32 {
    let mask = (1u32 << BITS) - 1;
    let rng_excl = rng + 1;
    let mut m = pieces.next(bg) * rng_excl;
    let mut leftover = m & mask;
    if leftover < rng_excl {
        let threshold = (mask - rng) % rng_excl;
        while leftover < threshold {
            m = pieces.next(bg) * rng_excl;
            leftover = m & mask;
        }
    }
    m >> BITS
}

/// One value in `[off, off + rng]` (wrapping), NumPy's `random_bounded_uint64` with Lemire.
#[inline]
pub(super) fn bounded_u64(bg: &mut Pcg64, off: u64, rng: u64) -> u64 {
    if rng == 0 {
        off
    } else if rng < u64::from(u32::MAX) {
        off.wrapping_add(u64::from(lemire32(bg, rng as u32)))
    } else if rng == u64::from(u32::MAX) {
        off.wrapping_add(u64::from(bg.next_u32()))
    } else if rng == u64::MAX {
        off.wrapping_add(bg.next_u64())
    } else {
        off.wrapping_add(lemire64(bg, rng))
    }
}

/// `n` values in `[off, off + rng]` for 64-bit dtypes (NumPy's `random_bounded_uint64_fill`).
pub(super) fn fill_u64(bg: &mut Pcg64, off: u64, rng: u64, n: usize) -> Vec<u64> {
    // The same cases as `bounded_u64`, decided once per call rather than per value.
    if rng == 0 {
        vec![off; n]
    } else if rng < u64::from(u32::MAX) {
        let rng = rng as u32;
        (0..n).map(|_| off.wrapping_add(u64::from(lemire32(bg, rng)))).collect()
    } else if rng == u64::from(u32::MAX) {
        (0..n).map(|_| off.wrapping_add(u64::from(bg.next_u32()))).collect()
    } else if rng == u64::MAX {
        (0..n).map(|_| off.wrapping_add(bg.next_u64())).collect()
    } else {
        (0..n).map(|_| off.wrapping_add(lemire64(bg, rng))).collect()
    }
}

/// `n` values in `[off, off + rng]` for 32-bit dtypes (NumPy's `random_bounded_uint32_fill`).
pub(super) fn fill_u32(bg: &mut Pcg64, off: u32, rng: u32, n: usize) -> Vec<u32> {
    match rng {
        0 => vec![off; n],
        u32::MAX => (0..n).map(|_| off.wrapping_add(bg.next_u32())).collect(),
        _ => (0..n).map(|_| off.wrapping_add(lemire32(bg, rng))).collect(),
    }
}

/// `n` values in `[off, off + rng]` for 8- and 16-bit dtypes, from `BITS`-bit pieces of
/// 32-bit draws (NumPy's `random_bounded_uint16_fill` / `_uint8_fill`).
pub(super) fn fill_small<const BITS: u32>(bg: &mut Pcg64, off: u32, rng: u32, n: usize) -> Vec<u32> {
    let mask = (1u32 << BITS) - 1;
    let mut pieces = Pieces::<BITS>::new();
    if rng == 0 {
        vec![off; n]
    } else if rng == mask {
        (0..n).map(|_| off.wrapping_add(pieces.next(bg)) & mask).collect()
    } else {
        (0..n)
            .map(|_| off.wrapping_add(lemire_small(bg, &mut pieces, rng)) & mask)
            .collect()
    }
}

/// `n` booleans in `[off, off + rng]`, one bit of a 32-bit draw each
/// (NumPy's `random_bounded_bool_fill`).
pub(super) fn fill_bool(bg: &mut Pcg64, off: bool, rng: bool, n: usize) -> Vec<bool> {
    if !rng {
        return vec![off; n];
    }
    let mut pieces = Pieces::<1>::new();
    (0..n).map(|_| pieces.next(bg) != 0).collect()
}

/// A value in `[0, max]` by masked rejection, NumPy's `random_interval` (the draws behind
/// `shuffle` and `permutation`).
#[inline]
pub(super) fn interval(bg: &mut Pcg64, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = u64::MAX >> max.leading_zeros();
    if max <= u64::from(u32::MAX) {
        loop {
            let value = u64::from(bg.next_u32()) & mask;
            if value <= max {
                return value;
            }
        }
    }
    loop {
        let value = bg.next_u64() & mask;
        if value <= max {
            return value;
        }
    }
}
