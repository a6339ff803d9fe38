//! Sorting one contiguous lane: stable, in NumPy's order.
//!
//! Numbers are sorted by an LSD radix sort on [`Sortable::key`] (11 bits per pass, only over the
//! bits in which the keys differ, passes whose digit is the same everywhere skipped), which beats comparison sorts several times on large
//! inputs; large lanes are split across threads and the sorted halves merged in parallel.
//! Where the CPU has AVX-512, a vectorised quicksort (`avx512/`) takes over two cases: 8-byte
//! numbers without NaN or `-0.0` are sorted as their own keys (equal keys are then identical,
//! so stability cannot show), and `argsort` of keys spanning more than 32 bits (most floats)
//! sorts the keys carrying their indices, then puts ties in index order. Without AVX-512 that
//! `argsort` sorts key-and-index words.
//! Complex numbers and strings use Rust's stable merge sort. Everything here is stable, which
//! also makes `argsort` agree with NumPy's default `quicksort` on ties for small arrays (NumPy
//! insertion-sorts those) and with `kind="stable"` always.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::order::Sortable;

/// Below this many elements a comparison sort beats the radix sort's fixed histogram cost.
const RADIX_MIN: usize = 256;

/// From this many elements a lane is split across threads (measured: below it the thread
/// hand-off and the merge pass cost more than they save).
pub(crate) const PAR_MIN: usize = 1 << 16;

/// Sorts `v` stably in NumPy's order.
pub(crate) fn sort_slice<T: Sortable>(v: &mut [T]) {
    if sort_keys_in_place(v) {
        return;
    }
    if T::RADIX && v.len() >= RADIX_MIN {
        if !sort_by_bits_keys(v) {
            par_radix_sort(v, &|x: &T| x.key());
        }
    } else if v.len() >= PAR_MIN {
        v.par_sort_by(T::cmp_np);
    } else {
        v.sort_by(T::cmp_np);
    }
}

/// Sorts the elements as plain `u64` keys ([`Sortable::bits_key`], computed once, turned back
/// into elements at the end) with the NaNs moved last in their input order: the same result
/// as the stable sort, several times faster than sorting floats through their keys. Declines
/// (returns false, `v` untouched) when `v` holds a `-0.0`, whose stable place among the `0.0`s
/// the keys do not know.
fn sort_by_bits_keys<T: Sortable>(v: &mut [T]) -> bool {
    let mut keys: Vec<u64> = Vec::with_capacity(v.len());
    let mut nans: Vec<T> = Vec::new();
    for x in v.iter() {
        if x.is_nan() {
            nans.push(x.clone());
            continue;
        }
        let k = x.bits_key();
        if k != x.key() {
            return false;
        }
        keys.push(k);
    }
    par_radix_sort(&mut keys, &|k: &u64| *k);
    let (sorted, last) = v.split_at_mut(keys.len());
    for (x, &k) in sorted.iter_mut().zip(&keys) {
        *x = T::from_bits_key(k);
    }
    last.clone_from_slice(&nans);
    true
}

/// Sorts 8-byte numbers ([`Sortable::KEYS_IN_PLACE`]) as their own `u64` keys: each element
/// becomes its [`Sortable::bits_key`] where it lies, the AVX-512 quicksort sorts the keys, and
/// they become elements again, with no second buffer (`np.sort` of 1e6 floats in the benchmark:
/// 16.4 ms by the radix sort, 8.8 ms this way). Declines (returns false, `v` as
/// it was) without AVX-512, or when `v` holds a NaN or a `-0.0`, whose stable places among
/// equal elements the keys do not know.
fn sort_keys_in_place<T: Sortable>(v: &mut [T]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if T::KEYS_IN_PLACE && v.len() > 1 && super::avx512::available() {
        assert_eq!(size_of::<T>(), size_of::<u64>(), "KEYS_IN_PLACE elements are 8 bytes");
        // SAFETY: `KEYS_IN_PLACE` elements are 8 bytes, aligned like `u64`, have no destructor
        // and are valid for every bit pattern, so their memory may be read and written as
        // either type; `v` is not used while `keys` lives.
        let keys = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr().cast::<u64>(), v.len()) };
        let special = any_in_pieces(keys, |piece| {
            piece.iter_mut().fold(false, |special, k| {
                // SAFETY: as above.
                let x: T = unsafe { std::mem::transmute_copy(k) };
                *k = x.bits_key();
                special | x.is_nan() | (*k != x.key())
            })
        });
        let sorted = !special && super::avx512::sort(keys);
        any_in_pieces(keys, |piece| {
            for k in piece {
                // SAFETY: as above.
                *k = unsafe { std::mem::transmute_copy(&T::from_bits_key(*k)) };
            }
            false
        });
        return sorted;
    }
    false
}

/// Runs `f` over pieces of `keys`, on every thread from [`PAR_MIN`] keys; true if any call was.
#[cfg(target_arch = "x86_64")]
fn any_in_pieces(keys: &mut [u64], f: impl Fn(&mut [u64]) -> bool + Send + Sync) -> bool {
    if keys.len() >= PAR_MIN {
        keys.par_chunks_mut(PAR_MIN).map(f).reduce(|| false, |a, b| a | b)
    } else {
        f(keys)
    }
}

/// Writes into `out` the indices that sort `v` stably (NumPy's `argsort`).
pub(crate) fn argsort_slice<T: Sortable>(v: &[T], out: &mut [i64]) {
    debug_assert_eq!(v.len(), out.len());
    if T::RADIX && v.len() >= RADIX_MIN {
        let (lo, hi) = key_range(v, &|x: &T| x.key());
        if hi - lo <= u32::MAX as u64 && v.len() <= u32::MAX as usize {
            // Key offset and index packed in one word: half the memory traffic of pairs.
            let mut packed: Vec<u64> = v
                .iter()
                .enumerate()
                .map(|(i, x)| ((x.key() - lo) << 32) | i as u64)
                .collect();
            par_radix_sort(&mut packed, &|p: &u64| p >> 32);
            for (o, p) in out.iter_mut().zip(&packed) {
                *o = (p & u32::MAX as u64) as i64;
            }
        } else if !argsort_carrying_indices(v, out) {
            argsort_by_words(v, out);
        }
    } else {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        let cmp = |&i: &usize, &j: &usize| v[i].cmp_np(&v[j]);
        if v.len() >= PAR_MIN {
            idx.par_sort_by(cmp)
        } else {
            idx.sort_by(cmp)
        }
        for (o, i) in out.iter_mut().zip(idx) {
            *o = i as i64;
        }
    }
}

/// `argsort` of keys spanning more than 32 bits (most floats) where the CPU has AVX-512: the
/// keys are sorted carrying their indices, which are written straight into `out`, and each run
/// of equal keys is then put in index order, the stable order. Declines (returns false) without
/// AVX-512. `np.argsort` of 1e6 normal floats in the benchmark: 23.9 ms, against 35-38 ms
/// sorting [`argsort_by_words`]'s words (0.86 of NumPy's speed at best; now 1.24).
fn argsort_carrying_indices<T: Sortable>(v: &[T], out: &mut [i64]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if super::avx512::available() {
        let key = |x: &T| x.key();
        let mut keys: Vec<u64> = if v.len() >= PAR_MIN {
            out.par_iter_mut().enumerate().for_each(|(i, o)| *o = i as i64);
            v.par_iter().map(key).collect()
        } else {
            out.iter_mut().enumerate().for_each(|(i, o)| *o = i as i64);
            v.iter().map(key).collect()
        };
        super::avx512::sort_carrying(&mut keys, out);
        order_ties_by_index(&keys, out);
        return true;
    }
    false
}

/// Puts each run of equal `keys` (sorted) in index order.
#[cfg(target_arch = "x86_64")]
fn order_ties_by_index(keys: &[u64], indices: &mut [i64]) {
    let mut start = 0;
    for end in 1..=keys.len() {
        if end == keys.len() || keys[end] != keys[start] {
            indices[start..end].sort_unstable();
            start = end;
        }
    }
}

/// `argsort` of keys spanning more than 32 bits without AVX-512: key and index in one 128-bit
/// word, so that equal keys order by index and an unstable sort gives the stable order.
/// Measured on 1e6 normal floats: 1.6x faster than radix-sorting (key, index) pairs, whose
/// six scatter passes move 16 bytes a key.
fn argsort_by_words<T: Sortable>(v: &[T], out: &mut [i64]) {
    let word = |(i, x): (usize, &T)| (u128::from(x.key()) << 64) | i as u128;
    let index = |(o, p): (&mut i64, &u128)| *o = *p as u64 as i64;
    if v.len() >= PAR_MIN {
        let mut words: Vec<u128> = v.par_iter().enumerate().map(word).collect();
        words.par_sort_unstable();
        out.par_iter_mut().zip(words.par_iter()).for_each(index);
    } else {
        let mut words: Vec<u128> = v.iter().enumerate().map(word).collect();
        words.sort_unstable();
        out.iter_mut().zip(&words).for_each(index);
    }
}

/// Smallest and largest key.
fn key_range<I, K: Fn(&I) -> u64>(v: &[I], key: &K) -> (u64, u64) {
    v.iter().fold((u64::MAX, 0), |(lo, hi), x| {
        let k = key(x);
        (lo.min(k), hi.max(k))
    })
}

/// Radix-sorts `v` by `key`: only the bits in which keys differ from the smallest are sorted
/// on, and a large `v` is split across threads with the sorted halves merged.
fn par_radix_sort<I, K>(v: &mut [I], key: &K)
where
    I: Clone + Send + Sync,
    K: Fn(&I) -> u64 + Sync,
{
    let (lo, hi) = key_range(v, key);
    let bits = u64::BITS - (hi - lo).leading_zeros();
    split_sort(v, lo, bits, key, split_depth(v.len()));
}

/// How many times to halve a lane of `n` elements so that every thread sorts one part.
fn split_depth(n: usize) -> u32 {
    let threads = rayon::current_num_threads();
    if n < PAR_MIN || threads < 2 {
        0
    } else {
        threads.next_power_of_two().trailing_zeros()
    }
}

fn split_sort<I, K>(v: &mut [I], lo: u64, bits: u32, key: &K, depth: u32)
where
    I: Clone + Send + Sync,
    K: Fn(&I) -> u64 + Sync,
{
    if depth == 0 {
        radix_sort(v, lo, bits, key);
        return;
    }
    let mid = v.len() / 2;
    let (left, right) = v.split_at_mut(mid);
    rayon::join(
        || split_sort(left, lo, bits, key, depth - 1),
        || split_sort(right, lo, bits, key, depth - 1),
    );
    let sorted = v.to_vec();
    par_merge(&sorted[..mid], &sorted[mid..], v, key);
}

/// Bits of key sorted per pass: 2048 buckets keep the scatter targets in cache while needing
/// only 6 passes for 64-bit keys.
const DIGIT_BITS: u32 = 11;
const BUCKETS: usize = 1 << DIGIT_BITS;

/// Stable LSD radix sort of `v` by the low `bits` bits of `key(x) - lo`: one pass per digit,
/// least significant first.
fn radix_sort<I: Clone, K: Fn(&I) -> u64>(v: &mut [I], lo: u64, bits: u32, key: &K) {
    let n = v.len();
    let passes = bits.div_ceil(DIGIT_BITS) as usize;
    let digit = |x: &I, pass: usize| (((key(x) - lo) >> (pass as u32 * DIGIT_BITS)) as usize) & (BUCKETS - 1);
    // One read of the input gives the histograms of every pass.
    let mut counts = vec![[0usize; BUCKETS]; passes];
    for x in v.iter() {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[digit(x, pass)] += 1;
        }
    }
    let mut buf: Vec<I> = Vec::new();
    let mut in_buf = false;
    for (pass, count) in counts.iter().enumerate() {
        if count.contains(&n) {
            continue; // every element has the same digit here: the pass would change nothing
        }
        if buf.is_empty() {
            buf = v.to_vec();
        }
        let mut offsets = [0usize; BUCKETS];
        let mut total = 0;
        for (o, &c) in offsets.iter_mut().zip(count) {
            *o = total;
            total += c;
        }
        let (src, dst): (&[I], &mut [I]) = if in_buf { (&buf, &mut *v) } else { (&*v, &mut buf) };
        for x in src {
            let d = digit(x, pass);
            dst[offsets[d]] = x.clone();
            offsets[d] += 1;
        }
        in_buf = !in_buf;
    }
    if in_buf {
        v.clone_from_slice(&buf);
    }
}

/// Below this many outputs a merge runs on one thread.
const MERGE_SEQ: usize = 1 << 14;

/// Merges sorted `a` and `b` into `out` by `key`, stably (ties take `a` first).
fn par_merge<I, K>(a: &[I], b: &[I], out: &mut [I], key: &K)
where
    I: Clone + Send + Sync,
    K: Fn(&I) -> u64 + Sync,
{
    if out.len() < MERGE_SEQ || a.is_empty() || b.is_empty() {
        merge(a, b, out, key);
        return;
    }
    // Split both runs at one pivot so that the two halves of `out` are independent merges.
    let (i, j) = if a.len() >= b.len() {
        let i = a.len() / 2;
        let pivot = key(&a[i]);
        (i, b.partition_point(|x| key(x) < pivot))
    } else {
        let j = b.len() / 2;
        let pivot = key(&b[j]);
        (a.partition_point(|x| key(x) <= pivot), j)
    };
    let (out_lo, out_hi) = out.split_at_mut(i + j);
    rayon::join(
        || par_merge(&a[..i], &b[..j], out_lo, key),
        || par_merge(&a[i..], &b[j..], out_hi, key),
    );
}

fn merge<I: Clone, K: Fn(&I) -> u64>(a: &[I], b: &[I], out: &mut [I], key: &K) {
    let (mut i, mut j) = (0, 0);
    for o in out.iter_mut() {
        let take_a = j == b.len() || (i < a.len() && key(&a[i]) <= key(&b[j]));
        if take_a {
            *o = a[i].clone();
            i += 1;
        } else {
            *o = b[j].clone();
            j += 1;
        }
    }
}

/// The position where `x` would be inserted into sorted `v`: before equal elements (`left`)
/// or after them.
pub(crate) fn search<T: Sortable>(v: &[T], x: &T, right: bool) -> usize {
    if right {
        v.partition_point(|y| y.cmp_np(x) != Ordering::Greater)
    } else {
        v.partition_point(|y| y.cmp_np(x) == Ordering::Less)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 53-bit pseudo-random numbers.
    fn lcg(n: usize, seed: u64) -> Vec<u64> {
        super::super::test_words(n, seed).iter().map(|s| s >> 11).collect()
    }

    #[test]
    fn radix_matches_comparison_sort_on_large_floats() {
        let mut v: Vec<f64> = lcg(300_000, 1).iter().map(|&x| (x % 2001) as f64 - 1000.5).collect();
        v[7] = f64::NAN;
        v[100] = -0.0;
        let mut expected = v.clone();
        expected.sort_by(Sortable::cmp_np);
        sort_slice(&mut v);
        assert!(v.iter().zip(&expected).all(|(a, b)| a.cmp_np(b) == Ordering::Equal));
        assert!(v[v.len() - 1].is_nan());
    }

    #[test]
    fn bits_key_sort_is_the_stable_sort_bit_for_bit() {
        let mut v: Vec<f64> = lcg(300_000, 5).iter().map(|&x| (x as f64 / 1e6).sin() * 1e3).collect();
        (v[3], v[11], v[50], v[51]) = (f64::NAN, -f64::NAN, 0.0, f64::INFINITY);
        let mut expected = v.clone();
        expected.sort_by(Sortable::cmp_np);
        sort_slice(&mut v);
        assert!(v.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits()));
        let mut ints: Vec<i64> = lcg(100_000, 6).iter().map(|&x| x as i64 - (1 << 52)).collect();
        let mut expected = ints.clone();
        expected.sort();
        sort_slice(&mut ints);
        assert_eq!(ints, expected);
    }

    #[test]
    fn eight_byte_numbers_sorted_as_keys_in_place_match_the_stable_sort() {
        let avx512 = cfg!(target_arch = "x86_64") && std::arch::is_x86_feature_detected!("avx512f");
        for n in [2, 3, 100, 129, 255, 1000, 300_000] {
            let raw = lcg(n, n as u64);
            let mut floats: Vec<f64> = raw.iter().map(|&x| ((x % 4001) as f64 - 2000.0) / 7.0).collect();
            floats[n / 2] = f64::NEG_INFINITY;
            floats[n - 1] = f64::MAX;
            let mut expected = floats.clone();
            expected.sort_by(Sortable::cmp_np);
            assert_eq!(sort_keys_in_place(&mut floats), avx512, "{n} floats");
            sort_slice(&mut floats);
            assert!(floats.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits()));
            let mut ints: Vec<i64> = raw.iter().map(|&x| (x as i64).wrapping_mul(977)).collect();
            ints[0] = i64::MIN;
            let mut expected = ints.clone();
            expected.sort();
            sort_slice(&mut ints);
            assert_eq!(ints, expected);
            let mut unsigned: Vec<u64> = raw.iter().map(|&x| x.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
            unsigned[1] = u64::MAX;
            let mut expected = unsigned.clone();
            expected.sort();
            sort_slice(&mut unsigned);
            assert_eq!(unsigned, expected);
        }
        // A NaN or a -0.0 declines and leaves every element as it was, bit for bit.
        for special in [f64::NAN, -f64::NAN, -0.0] {
            let mut v: Vec<f64> = lcg(100_000, 9).iter().map(|&x| x as f64 - 1e15).collect();
            v[777] = special;
            let before: Vec<u64> = v.iter().map(|x| x.to_bits()).collect();
            assert!(!sort_keys_in_place(&mut v));
            assert!(v.iter().map(|x| x.to_bits()).eq(before));
        }
    }

    #[test]
    fn argsort_of_wide_floats_is_sorted_and_stable() {
        let mut v: Vec<f64> = lcg(200_000, 3).iter().map(|&x| (x as f64 / 1e9).sin() * 1e6).collect();
        v[3] = f64::NAN;
        v[9] = v[10];
        // Long runs of ties too: every tenth element is one of three values.
        for (i, x) in v.iter_mut().enumerate().step_by(10) {
            *x = [1e300, -0.0, 0.0][i % 3];
        }
        let is_stable_order = |out: &[i64]| {
            out.windows(2).all(|w| {
                let (a, b) = (v[w[0] as usize], v[w[1] as usize]);
                a.cmp_np(&b) == Ordering::Less || (a.cmp_np(&b) == Ordering::Equal && w[0] < w[1])
            })
        };
        let mut out = vec![0i64; v.len()];
        argsort_slice(&v, &mut out);
        assert!(is_stable_order(&out));
        let mut by_words = vec![0i64; v.len()];
        argsort_by_words(&v, &mut by_words);
        assert_eq!(by_words, out);
        let mut carrying = vec![0i64; v.len()];
        if argsort_carrying_indices(&v, &mut carrying) {
            assert_eq!(carrying, out);
        }
    }

    #[test]
    fn argsort_is_stable_on_ties() {
        let v: Vec<i32> = lcg(200_000, 2).iter().map(|&x| (x % 10) as i32 - 5).collect();
        let mut out = vec![0i64; v.len()];
        argsort_slice(&v, &mut out);
        for w in out.windows(2) {
            let (a, b) = (v[w[0] as usize], v[w[1] as usize]);
            assert!(a < b || (a == b && w[0] < w[1]));
        }
    }

    #[test]
    fn argsort_small_and_strings() {
        let v = vec!["b".to_string(), "a".into(), "b".into(), "a".into()];
        let mut out = vec![0i64; 4];
        argsort_slice(&v, &mut out);
        assert_eq!(out, vec![1, 3, 0, 2]);
    }

    #[test]
    fn search_sides() {
        let v = [1, 2, 2, 3];
        assert_eq!(search(&v, &2, false), 1);
        assert_eq!(search(&v, &2, true), 3);
    }
}
