//! Seeds and NumPy's `SeedSequence`: how an integer (of any size), a sequence of integers or
//! OS entropy becomes the 128 bits of pool that seed a bit generator.
//!
//! The hashing follows `numpy/random/bit_generator.pyx` (O'Neill's `seed_seq` design as NumPy
//! implements it): entropy is cut into 32-bit words, mixed into a pool of four words, and
//! `generate_state` hashes the pool into as many words as a bit generator asks for.

use crate::array::Array;
use crate::error::{ArrayError, OrRaise, Result};

const POOL_SIZE: usize = 4;
const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// What a generator is seeded from: NumPy's `seed` argument.
///
/// Made with `into()` from a non-negative integer of any Rust integer type, a decimal or
/// `"0x..."` string (for integers wider than 128 bits), a slice, array or `Vec` of integers
/// (a sequence seed), a [`SeedSequence`], or `None` for fresh OS entropy.
///
/// ```
/// use arraylib::random::{default_rng, SeedSequence};
/// // The same integer, however it is written, gives the same stream.
/// let a = default_rng(12345u64).random_scalar();
/// assert_eq!(a, default_rng("12345").random_scalar());
/// assert_eq!(a, default_rng("0x3039").random_scalar());
/// // Sequence seeds: each element is cut into 32-bit words, lowest first.
/// assert_eq!(default_rng([1, 2, 3]).random_scalar(), 0.6704722626516632);
/// // Python's 2**100 as a seed.
/// assert_eq!(default_rng(1u128 << 100).random_scalar(), 0.004225874802662788);
/// // No seed: fresh entropy, a different stream each time.
/// let draw = || default_rng(None).random(4).to_vec::<f64>().unwrap();
/// assert_ne!(draw(), draw());
/// ```
#[derive(Clone, Debug)]
pub struct Seed(SeedKind);

#[derive(Clone, Debug)]
enum SeedKind {
    /// Run entropy as 32-bit words, lowest first.
    Words(Vec<u32>),
    /// An existing seed sequence, used as is.
    Sequence(SeedSequence),
    /// Fresh entropy from the operating system.
    Os,
    /// A seed NumPy rejects; the error surfaces when the seed is used.
    Invalid(ArrayError),
}

/// The 32-bit words of a non-negative integer, lowest first; `0` is one zero word
/// (NumPy's `_int_to_uint32_array`).
fn int_words(mut n: u128) -> Vec<u32> {
    let mut words = vec![n as u32];
    n >>= 32;
    while n > 0 {
        words.push(n as u32);
        n >>= 32;
    }
    words
}

fn negative() -> ArrayError {
    ArrayError::value("expected non-negative integer")
}

/// Parses a decimal or `0x` hexadecimal integer of any length into 32-bit words.
fn parse_words(text: &str) -> Result<Vec<u32>> {
    let text = text.trim();
    let (digits, radix) = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => (hex, 16),
        None => (text, 10),
    };
    if text.starts_with('-') {
        return Err(negative());
    }
    if digits.is_empty() {
        return Err(ArrayError::value(format!(
            "invalid literal for int() with base {radix}: '{text}'"
        )));
    }
    let mut words = vec![0u32];
    for c in digits.chars().filter(|&c| c != '_') {
        let digit = c
            .to_digit(radix)
            .ok_or_else(|| ArrayError::value(format!("invalid literal for int() with base {radix}: '{text}'")))?;
        // words = words * radix + digit, in base 2**32.
        let mut carry = u64::from(digit);
        for w in words.iter_mut() {
            let v = u64::from(*w) * u64::from(radix) + carry;
            *w = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            words.push(carry as u32);
        }
    }
    Ok(words)
}

macro_rules! seed_from_unsigned {
    ($($t:ty),*) => {$(
        impl From<$t> for Seed {
            fn from(n: $t) -> Seed { Seed(SeedKind::Words(int_words(n as u128))) }
        }
    )*};
}
seed_from_unsigned!(u8, u16, u32, u64, u128, usize);

macro_rules! seed_from_signed {
    ($($t:ty),*) => {$(
        impl From<$t> for Seed {
            fn from(n: $t) -> Seed {
                match u128::try_from(n) {
                    Ok(n) => Seed(SeedKind::Words(int_words(n))),
                    Err(_) => Seed(SeedKind::Invalid(negative())),
                }
            }
        }
    )*};
}
seed_from_signed!(i8, i16, i32, i64, i128, isize);

/// Sequence seeds: every element's words, concatenated (NumPy's `_coerce_to_uint32_array`).
macro_rules! seed_from_sequence {
    ($($t:ty),*) => {$(
        impl From<&[$t]> for Seed {
            fn from(items: &[$t]) -> Seed {
                let mut words = Vec::new();
                for &item in items {
                    match Seed::from(item).0 {
                        SeedKind::Words(w) => words.extend(w),
                        other => return Seed(other),
                    }
                }
                Seed(SeedKind::Words(words))
            }
        }
        impl From<Vec<$t>> for Seed {
            fn from(items: Vec<$t>) -> Seed { Seed::from(items.as_slice()) }
        }
        impl<const N: usize> From<[$t; N]> for Seed {
            fn from(items: [$t; N]) -> Seed { Seed::from(items.as_slice()) }
        }
    )*};
}
seed_from_sequence!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl From<&str> for Seed {
    fn from(text: &str) -> Seed {
        Seed(parse_words(text).map_or_else(SeedKind::Invalid, SeedKind::Words))
    }
}

impl From<Option<u64>> for Seed {
    /// `None` is NumPy's `seed=None`: fresh entropy from the operating system.
    fn from(seed: Option<u64>) -> Seed {
        seed.map_or(Seed(SeedKind::Os), Seed::from)
    }
}

impl From<SeedSequence> for Seed {
    fn from(seq: SeedSequence) -> Seed {
        Seed(SeedKind::Sequence(seq))
    }
}

/// 128 bits from the operating system, as NumPy's `randbits(128)` would give them.
fn os_entropy() -> Vec<u32> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        // No /dev/urandom: std's per-process random hash keys mixed with the clock.
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        let a = h.finish();
        h.write_u64(a);
        bytes[..8].copy_from_slice(&a.to_le_bytes());
        bytes[8..].copy_from_slice(&h.finish().to_le_bytes());
    }
    int_words(u128::from_le_bytes(bytes))
}

/// NumPy's `SeedSequence`: mixes seed entropy (and a spawn key) into a pool of four 32-bit
/// words from which bit generators draw their initial state.
///
/// ```
/// use arraylib::random::SeedSequence;
/// let ss = SeedSequence::new(0);
/// assert_eq!(ss.pool(), &[4265667335, 1328953910, 1320288413, 3365567143]);
/// assert_eq!(ss.generate_state_u64(1), vec![15793235383387715774]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedSequence {
    entropy: Vec<u32>,
    spawn_key: Vec<u32>,
    pool: [u32; POOL_SIZE],
    n_children_spawned: u32,
}

/// The running hash of `mix_entropy` (`hashmix` with its evolving constant).
struct HashMix(u32);

impl HashMix {
    fn hash(&mut self, value: u32) -> u32 {
        let mut value = value ^ self.0;
        self.0 = self.0.wrapping_mul(MULT_A);
        value = value.wrapping_mul(self.0);
        value ^ (value >> XSHIFT)
    }
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L.wrapping_mul(x).wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

impl SeedSequence {
    /// `np.random.SeedSequence(seed)`; panics on a negative or malformed seed.
    ///
    /// ```
    /// let ss = arraylib::random::SeedSequence::new(42);
    /// assert_eq!(ss.pool(), &[1662858758, 128880814, 1875164712, 753753205]);
    /// ```
    pub fn new(seed: impl Into<Seed>) -> SeedSequence {
        SeedSequence::try_new(seed).or_raise()
    }

    /// `np.random.SeedSequence(seed)`, with NumPy's `ValueError` for negative integers.
    ///
    /// ```
    /// let err = arraylib::random::SeedSequence::try_new(-5).unwrap_err();
    /// assert_eq!(err.to_string(), "ValueError: expected non-negative integer");
    /// ```
    pub fn try_new(seed: impl Into<Seed>) -> Result<SeedSequence> {
        match seed.into().0 {
            SeedKind::Words(words) => Ok(SeedSequence::with_spawn_key(words, Vec::new())),
            SeedKind::Sequence(seq) => Ok(seq),
            SeedKind::Os => Ok(SeedSequence::with_spawn_key(os_entropy(), Vec::new())),
            SeedKind::Invalid(e) => Err(e),
        }
    }

    fn with_spawn_key(entropy: Vec<u32>, spawn_key: Vec<u32>) -> SeedSequence {
        let mut assembled = entropy.clone();
        if !spawn_key.is_empty() && assembled.len() < POOL_SIZE {
            // NumPy pads short run entropy when a spawn key follows, so that a child's key can
            // never be confused with more run entropy (gh-16539).
            assembled.resize(POOL_SIZE, 0);
        }
        assembled.extend(&spawn_key);
        let pool = mix_entropy(&assembled);
        SeedSequence {
            entropy,
            spawn_key,
            pool,
            n_children_spawned: 0,
        }
    }

    /// The mixed entropy pool (NumPy's `ss.pool`).
    ///
    /// ```
    /// assert_eq!(arraylib::random::SeedSequence::new(0).pool()[0], 4265667335);
    /// ```
    pub fn pool(&self) -> &[u32] {
        &self.pool
    }

    /// The run entropy as 32-bit words, lowest first (NumPy's `ss.entropy`, cut into words).
    ///
    /// ```
    /// assert_eq!(arraylib::random::SeedSequence::new(1u64 << 32).entropy_words(), &[0, 1]);
    /// ```
    pub fn entropy_words(&self) -> &[u32] {
        &self.entropy
    }

    /// The spawn key: the child indices leading from the root sequence to this one.
    ///
    /// ```
    /// let mut root = arraylib::random::SeedSequence::new(0);
    /// let kids = root.spawn(2);
    /// assert_eq!(kids[1].spawn_key(), &[1]);
    /// ```
    pub fn spawn_key(&self) -> &[u32] {
        &self.spawn_key
    }

    /// `n_words` 32-bit words of seeding state (NumPy's `generate_state(n, np.uint32)`).
    ///
    /// ```
    /// let ss = arraylib::random::SeedSequence::new(0);
    /// let w = ss.generate_state_u32(2);
    /// assert_eq!(u64::from(w[0]) | u64::from(w[1]) << 32, 15793235383387715774);
    /// ```
    pub fn generate_state_u32(&self, n_words: usize) -> Vec<u32> {
        let mut constant = INIT_B;
        self.pool
            .iter()
            .cycle()
            .take(n_words)
            .map(|&word| {
                let mut value = word ^ constant;
                constant = constant.wrapping_mul(MULT_B);
                value = value.wrapping_mul(constant);
                value ^ (value >> XSHIFT)
            })
            .collect()
    }

    /// `n_words` 64-bit words: pairs of 32-bit words, low half first
    /// (NumPy's `generate_state(n, np.uint64)`).
    ///
    /// ```
    /// let ss = arraylib::random::SeedSequence::new(42);
    /// assert_eq!(ss.generate_state_u64(2), vec![11465652750463011511, 15382171918060459190]);
    /// ```
    pub fn generate_state_u64(&self, n_words: usize) -> Vec<u64> {
        self.generate_state_u32(2 * n_words)
            .chunks_exact(2)
            .map(|p| u64::from(p[0]) | u64::from(p[1]) << 32)
            .collect()
    }

    /// [`SeedSequence::generate_state_u32`] or `_u64` as an array of that dtype, NumPy's
    /// `generate_state(n_words, dtype)`; other dtypes are NumPy's `ValueError`.
    ///
    /// ```
    /// use arraylib::{DType, random::SeedSequence};
    /// let s = SeedSequence::new(0).try_generate_state(4, DType::UInt64).unwrap();
    /// assert_eq!(s.dtype(), DType::UInt64);
    /// assert!(SeedSequence::new(0).try_generate_state(4, DType::Int8).is_err());
    /// ```
    pub fn try_generate_state(&self, n_words: usize, dtype: crate::DType) -> Result<Array> {
        match dtype {
            crate::DType::UInt32 => Ok(Array::from_vec(self.generate_state_u32(n_words))),
            crate::DType::UInt64 => Ok(Array::from_vec(self.generate_state_u64(n_words))),
            _ => Err(ArrayError::value("only support uint32 or uint64")),
        }
    }

    /// `n` child sequences with spawn keys extended by their index; children spawned later
    /// continue the numbering (NumPy's `ss.spawn(n)`).
    ///
    /// ```
    /// use arraylib::random::SeedSequence;
    /// let mut root = SeedSequence::new(0);
    /// let first = root.spawn(1);
    /// let second = root.spawn(1);
    /// assert_eq!(first[0].spawn_key(), &[0]);
    /// assert_eq!(second[0].spawn_key(), &[1]);
    /// ```
    pub fn spawn(&mut self, n: usize) -> Vec<SeedSequence> {
        let start = self.n_children_spawned;
        self.n_children_spawned += n as u32;
        (start..self.n_children_spawned)
            .map(|i| {
                let mut key = self.spawn_key.clone();
                key.push(i);
                SeedSequence::with_spawn_key(self.entropy.clone(), key)
            })
            .collect()
    }
}

/// NumPy's `mix_entropy`: hashes each entropy word into the pool and cross-mixes the pool.
fn mix_entropy(entropy: &[u32]) -> [u32; POOL_SIZE] {
    let mut hasher = HashMix(INIT_A);
    let mut pool = [0u32; POOL_SIZE];
    for (i, slot) in pool.iter_mut().enumerate() {
        *slot = hasher.hash(entropy.get(i).copied().unwrap_or(0));
    }
    for src in 0..POOL_SIZE {
        for dst in 0..POOL_SIZE {
            if src != dst {
                pool[dst] = mix(pool[dst], hasher.hash(pool[src]));
            }
        }
    }
    for &word in entropy.iter().skip(POOL_SIZE) {
        for slot in pool.iter_mut() {
            *slot = mix(*slot, hasher.hash(word));
        }
    }
    pool
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_integers_and_strings_agree() {
        let big = (1u128 << 100) + 12345;
        assert_eq!(parse_words(&big.to_string()).unwrap(), int_words(big));
        assert_eq!(parse_words(&format!("0x{big:x}")).unwrap(), int_words(big));
        assert_eq!(int_words(0), vec![0]);
        assert!(parse_words("12a").is_err());
        assert!(parse_words("-3").is_err());
    }

    #[test]
    fn spawned_children_pad_short_entropy() {
        // NumPy: SeedSequence(0).spawn(1)[0].pool
        let child = SeedSequence::new(0).spawn(1).remove(0);
        assert_eq!(child.pool(), &[2415978763, 195748244, 4024957757, 2824017155]);
    }
}
