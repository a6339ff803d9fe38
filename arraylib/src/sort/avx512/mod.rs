//! An AVX-512 quicksort of `u64` keys where the CPU has AVX-512, as NumPy sorts with Intel's
//! x86-simd-sort: `sort` of 8-byte numbers sorts their keys, and `argsort` sorts keys carrying
//! their indices.
//!
//! - `partition`: one vector comparison splits eight keys around the pivot; `vpcompressq`
//!   packs each side and masked stores write them to the two ends of the slice, in place.
//! - `network`: slices of at most 16 registers of keys (8 when carrying) are sorted by a
//!   bitonic network in registers (2.3 ns a key against 6.5 for `sort_unstable` on 128 keys,
//!   measured here).
//!
//! The two halves of a large partition are sorted on two threads. The order is plain unsigned
//! order: callers pass keys that already encode NumPy's order ([`super::order::Sortable`]).

mod network;
mod partition;

/// From this many keys the two halves of a partition are sorted on two threads.
const PARALLEL: usize = 1 << 16;

/// Whether this CPU runs the AVX-512 sort.
pub(crate) fn available() -> bool {
    std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("popcnt")
}

/// Sorts `keys` ascending if this CPU has AVX-512F; returns false (and leaves `keys` alone)
/// if it does not.
pub(crate) fn sort(keys: &mut [u64]) -> bool {
    available() && {
        // SAFETY: the CPU has AVX-512F and POPCNT (checked just before).
        unsafe { quicksort::<false>(keys, &mut [], depth_limit(keys.len())) };
        true
    }
}

/// Sorts `keys` ascending and moves `carried[i]` wherever `keys[i]` goes (argsort's indices),
/// if this CPU has AVX-512F; returns false (and leaves both alone) if it does not. Equal keys
/// end up in no particular order of their carried values.
pub(crate) fn sort_carrying(keys: &mut [u64], carried: &mut [i64]) -> bool {
    assert_eq!(keys.len(), carried.len(), "one carried value per key");
    available() && {
        // SAFETY: as in `sort`.
        unsafe { quicksort::<true>(keys, carried, depth_limit(keys.len())) };
        true
    }
}

/// Past this depth the pivots have been poor: the rest goes to a sort with a worst-case bound.
fn depth_limit(n: usize) -> u32 {
    2 * (usize::BITS - n.leading_zeros())
}

/// Sorts `keys` (moving `carried` with them if `CARRY`; it is empty otherwise).
#[target_feature(enable = "avx512f,popcnt")]
fn quicksort<const CARRY: bool>(keys: &mut [u64], carried: &mut [i64], depth: u32) {
    let n = keys.len();
    if n <= network::max_keys::<CARRY>() {
        if CARRY && keys.contains(&u64::MAX) {
            // The network pads with `u64::MAX`: a padding lane could end up in the place of an
            // equal key and its carried value be lost.
            fallback_sort::<CARRY>(keys, carried);
        } else {
            network::sort::<CARRY>(keys, carried);
        }
        return;
    }
    if depth == 0 {
        fallback_sort::<CARRY>(keys, carried);
        return;
    }
    let pivot = choose_pivot(keys);
    let below = partition::partition::<CARRY>(keys, carried, pivot, false);
    if below == 0 {
        // The pivot is the smallest key: put the keys equal to it first; they are in place.
        let equal = partition::partition::<CARRY>(keys, carried, pivot, true);
        let carried = if CARRY { &mut carried[equal..] } else { carried };
        quicksort::<CARRY>(&mut keys[equal..], carried, depth - 1);
        return;
    }
    let (low, high) = keys.split_at_mut(below);
    let (carried_low, carried_high) = carried.split_at_mut(if CARRY { below } else { 0 });
    if n >= PARALLEL {
        // The closures inherit this function's target features.
        rayon::join(
            || quicksort::<CARRY>(low, carried_low, depth - 1),
            || quicksort::<CARRY>(high, carried_high, depth - 1),
        );
    } else {
        quicksort::<CARRY>(low, carried_low, depth - 1);
        quicksort::<CARRY>(high, carried_high, depth - 1);
    }
}

/// The standard library's sort: for slices whose pivots kept failing, and for leaves the
/// network cannot take while carrying.
fn fallback_sort<const CARRY: bool>(keys: &mut [u64], carried: &mut [i64]) {
    if !CARRY {
        keys.sort_unstable();
        return;
    }
    let mut pairs: Vec<(u64, i64)> = keys.iter().copied().zip(carried.iter().copied()).collect();
    pairs.sort_unstable();
    for ((k, c), (pk, pc)) in keys.iter_mut().zip(carried.iter_mut()).zip(pairs) {
        (*k, *c) = (pk, pc);
    }
}

fn median3(a: u64, b: u64, c: u64) -> u64 {
    a.max(b).min(a.min(b).max(c))
}

/// The median of three medians of three, from around the quartiles of `keys` (`len > 8`).
fn choose_pivot(keys: &[u64]) -> u64 {
    let n = keys.len();
    let around = |i: usize| median3(keys[i - 1], keys[i], keys[i + 1]);
    median3(around(n / 4), around(n / 2), around(3 * n / 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::sort::test_words as lcg;

    /// Sorts `keys`, alone and carrying their indices.
    fn check(keys: Vec<u64>) {
        let mut expected = keys.clone();
        expected.sort_unstable();
        let mut got = keys.clone();
        if sort(&mut got) {
            assert_eq!(got, expected, "{} keys", expected.len());
        }
        // Carrying indices: the keys sorted, each next to its own index, the indices a permutation.
        let (mut got, mut carried): (Vec<u64>, Vec<i64>) = (keys.clone(), (0..keys.len() as i64).collect());
        if sort_carrying(&mut got, &mut carried) {
            assert_eq!(got, expected, "{} keys carrying indices", expected.len());
            assert!(got.iter().zip(&carried).all(|(&k, &i)| keys[i as usize] == k));
            carried.sort_unstable();
            assert!(carried.iter().enumerate().all(|(i, &c)| c == i as i64), "a permutation");
        }
    }

    #[test]
    fn sorts_every_length_the_network_takes_and_around_the_thresholds() {
        for n in (0..=network::max_keys::<false>() + 2).chain([200, 1000, 4099, PARALLEL + 1]) {
            check(lcg(n, n as u64 + 1));
            check(lcg(n, n as u64 + 7).iter().map(|k| k % 3).collect());
        }
    }

    #[test]
    fn sorts_large_random_duplicated_sorted_and_reversed_keys() {
        let random = lcg(300_000, 7);
        check(random.iter().map(|k| k % 5).collect());
        check(random.iter().map(|k| k >> 40).collect());
        check(random.iter().map(|k| if k % 2 == 0 { u64::MAX } else { 0 }).collect());
        // Keys equal to the network's padding, in leaves of every size.
        for n in 1..=network::max_keys::<true>() {
            for seed in 0..20 {
                check(
                    lcg(n, seed)
                        .iter()
                        .map(|k| [0, 7, u64::MAX][(k >> 60) as usize % 3])
                        .collect(),
                );
            }
        }
        let mut sorted = random.clone();
        sorted.sort_unstable();
        check(sorted.iter().rev().copied().collect());
        check(sorted);
        check(vec![42; 10_000]);
        check(random);
    }
}
