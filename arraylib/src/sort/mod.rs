//! Sorting and searching: sort, argsort, unique, searchsorted, bincount, set operations.
//!
//! Every operation here follows NumPy's order: NaNs last, `-0.0` equal to `0.0`, complex
//! numbers lexicographic, strings by code point. Sorting is stable and, for numbers, a radix
//! sort spread over threads for large inputs, or an AVX-512 quicksort where the CPU has it and
//! stability cannot show.
//!
//! - `sorting`: [`sort`], [`argsort`], [`Array::sort_inplace`], [`lexsort`].
//! - `partition`: [`partition`], [`argpartition`], [`Array::partition_inplace`].
//! - `unique`: [`unique`], [`unique_with`] and NumPy 2's [`unique_values`], [`unique_counts`],
//!   [`unique_inverse`], [`unique_all`].
//! - `search`: [`searchsorted`], [`digitize`].
//! - `sets`: [`isin`], [`intersect1d`], [`union1d`], [`setdiff1d`], [`setxor1d`].
//! - `count`: [`bincount`], [`histogram`].

#[cfg(target_arch = "x86_64")]
mod avx512;
mod count;
mod kernel;
mod lanes;
mod order;
mod partition;
mod search;
mod sets;
mod sorting;
mod unique;

/// Pseudo-random 64-bit words for the tests (a 64-bit linear congruential generator).
#[cfg(test)]
fn test_words(n: usize, seed: u64) -> Vec<u64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            s
        })
        .collect()
}

pub use count::{Bins, bincount, histogram, try_bincount, try_histogram};
pub use partition::{Kth, argpartition, partition, try_argpartition, try_partition};
pub use search::{Side, digitize, searchsorted, try_digitize, try_searchsorted};
pub use sets::{
    intersect1d, isin, setdiff1d, setxor1d, try_intersect1d, try_isin, try_setdiff1d, try_setxor1d, try_union1d,
    union1d,
};
pub use sorting::{argsort, lexsort, sort, try_argsort, try_lexsort, try_sort};
pub use unique::{
    UniqueAll, UniqueCounts, UniqueInverse, UniqueOptions, UniqueResult, try_unique, try_unique_all, try_unique_counts,
    try_unique_inverse, try_unique_values, try_unique_with, unique, unique_all, unique_counts, unique_inverse,
    unique_values, unique_with,
};
