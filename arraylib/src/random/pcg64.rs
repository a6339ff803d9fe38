//! PCG64, NumPy's default bit generator: a 128-bit linear congruential state whose output is
//! the XSL-RR 128/64 permutation (O'Neill's `pcg_setseq_128_xsl_rr_64`).
//!
//! Everything here follows `numpy/random/src/pcg64/pcg64.h` bit for bit, including the one
//! detail that makes streams interleave exactly: a 32-bit draw takes the low half of a fresh
//! 64-bit output and keeps the high half for the next 32-bit draw (`has_uint32`/`uinteger`).

use crate::array::Array;
use crate::creation::ShapeArg;
use crate::error::{OrRaise, Result};

use super::seed::{Seed, SeedSequence};

/// The LCG multiplier of PCG64 (`PCG_DEFAULT_MULTIPLIER_128`).
const MULTIPLIER: u128 = (2549297995355413924u128 << 64) | 4865540595714422341;

/// The full state of a [`Pcg64`], NumPy's `PCG64().state`: the 128-bit LCG `state` and
/// increment `inc`, plus the buffered upper half of the last 64-bit output.
///
/// ```
/// use arraylib::random::Pcg64;
/// let s = Pcg64::new(42).state();
/// assert_eq!(s.state, 0xcea44f6798798f2aacbc7c9d68860ac8);
/// assert_eq!(s.inc, 0xfa505436c9a8416e66caf2e28d25abff);
/// assert!(!s.has_uint32);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pcg64State {
    /// The LCG state.
    pub state: u128,
    /// The LCG increment (always odd).
    pub inc: u128,
    /// Whether `uinteger` holds an unused 32-bit half.
    pub has_uint32: bool,
    /// The buffered upper 32 bits of the last 64-bit output.
    pub uinteger: u32,
}

/// NumPy's `PCG64` bit generator, seeded through a [`SeedSequence`].
///
/// ```
/// use arraylib::random::Pcg64;
/// let mut bg = Pcg64::new(0);
/// assert_eq!(bg.next_u64(), 11749869230777074271);
/// ```
#[derive(Clone, Debug)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    has_uint32: bool,
    uinteger: u32,
    seed_seq: SeedSequence,
}

impl Pcg64 {
    /// `np.random.PCG64(seed)`; panics on a negative or malformed seed.
    ///
    /// ```
    /// let mut bg = arraylib::random::Pcg64::new(42);
    /// assert_eq!(bg.next_u64(), 14276969152011380360);
    /// ```
    pub fn new(seed: impl Into<Seed>) -> Pcg64 {
        Pcg64::try_new(seed).or_raise()
    }

    /// `np.random.PCG64(seed)`, failing with NumPy's `ValueError` on a negative seed.
    ///
    /// ```
    /// assert!(arraylib::random::Pcg64::try_new(-1).is_err());
    /// ```
    pub fn try_new(seed: impl Into<Seed>) -> Result<Pcg64> {
        Ok(Pcg64::from_seed_sequence(SeedSequence::try_new(seed)?))
    }

    /// Seeds from a [`SeedSequence`] as NumPy does: four 64-bit words give the initial
    /// state (high, low) and the stream selector (high, low).
    ///
    /// ```
    /// use arraylib::random::{Pcg64, SeedSequence};
    /// let a = Pcg64::from_seed_sequence(SeedSequence::new(7)).state();
    /// assert_eq!(a, Pcg64::new(7).state());
    /// ```
    pub fn from_seed_sequence(seed_seq: SeedSequence) -> Pcg64 {
        let words = seed_seq.generate_state_u64(4);
        let join = |hi: u64, lo: u64| (u128::from(hi) << 64) | u128::from(lo);
        let (init_state, init_seq) = (join(words[0], words[1]), join(words[2], words[3]));
        // pcg_setseq_128_srandom_r: step once from 0, add the seed state, step again.
        let mut bg = Pcg64 {
            state: 0,
            inc: (init_seq << 1) | 1,
            has_uint32: false,
            uinteger: 0,
            seed_seq,
        };
        bg.step();
        bg.state = bg.state.wrapping_add(init_state);
        bg.step();
        bg
    }

    #[inline(always)]
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.inc);
    }

    /// The next raw 64-bit output (NumPy's `random_raw`).
    ///
    /// ```
    /// let mut bg = arraylib::random::Pcg64::new(0);
    /// bg.next_u64();
    /// assert_eq!(bg.next_u64(), 4976686463289251617);
    /// ```
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let hi = (self.state >> 64) as u64;
        let lo = self.state as u64;
        (hi ^ lo).rotate_right((hi >> 58) as u32)
    }

    /// The next 32-bit output: alternately the low and the high half of one 64-bit output.
    ///
    /// ```
    /// let first = arraylib::random::Pcg64::new(0).next_u64();
    /// let mut bg = arraylib::random::Pcg64::new(0);
    /// assert_eq!(bg.next_u32(), first as u32);
    /// assert_eq!(bg.next_u32(), (first >> 32) as u32);
    /// ```
    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let next = self.next_u64();
        self.has_uint32 = true;
        self.uinteger = (next >> 32) as u32;
        next as u32
    }

    /// A double in `[0, 1)` from the top 53 bits of one 64-bit output.
    ///
    /// ```
    /// assert_eq!(arraylib::random::Pcg64::new(42).next_f64(), 0.7739560485559633);
    /// ```
    #[inline(always)]
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0)
    }

    /// A float in `[0, 1)` from the top 24 bits of one 32-bit draw (NumPy's `next_float`,
    /// behind `dtype=float32` draws).
    ///
    /// ```
    /// assert_eq!(arraylib::random::Pcg64::new(42).next_f32(), 0.08925092);
    /// ```
    #[inline(always)]
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16777216.0)
    }

    /// `size` raw 64-bit outputs as a `uint64` array (NumPy's `PCG64.random_raw(size)`).
    ///
    /// ```
    /// let raw = arraylib::random::Pcg64::new(0).random_raw(2);
    /// assert_eq!(raw.to_vec::<u64>().unwrap(), vec![11749869230777074271, 4976686463289251617]);
    /// ```
    pub fn random_raw(&mut self, size: impl ShapeArg) -> Array {
        self.try_random_raw(size).or_raise()
    }

    /// [`Pcg64::random_raw`], failing on a negative dimension.
    ///
    /// ```
    /// assert!(arraylib::random::Pcg64::new(0).try_random_raw([-1]).is_err());
    /// ```
    pub fn try_random_raw(&mut self, size: impl ShapeArg) -> Result<Array> {
        let shape = size.to_shape()?;
        let values = (0..shape.iter().product()).map(|_| self.next_u64()).collect();
        Array::from_shape_vec(shape, values)
    }

    /// The current state (NumPy's `PCG64().state["state"]` and the buffer fields).
    ///
    /// ```
    /// let mut bg = arraylib::random::Pcg64::new(0);
    /// bg.next_u32();
    /// assert!(bg.state().has_uint32);
    /// ```
    pub fn state(&self) -> Pcg64State {
        Pcg64State {
            state: self.state,
            inc: self.inc,
            has_uint32: self.has_uint32,
            uinteger: self.uinteger,
        }
    }

    /// Restores a state taken with [`Pcg64::state`] (NumPy's `bg.state = ...`): the stream
    /// continues from there.
    ///
    /// ```
    /// let mut bg = arraylib::random::Pcg64::new(1);
    /// let saved = bg.state();
    /// let x = bg.next_u64();
    /// bg.set_state(saved);
    /// assert_eq!(bg.next_u64(), x);
    /// ```
    pub fn set_state(&mut self, state: Pcg64State) {
        self.state = state.state;
        self.inc = state.inc | 1;
        self.has_uint32 = state.has_uint32;
        self.uinteger = state.uinteger;
    }

    /// The seed sequence this generator was seeded from (NumPy's `bg.seed_seq`).
    ///
    /// ```
    /// let bg = arraylib::random::Pcg64::new(0);
    /// assert_eq!(bg.seed_seq().pool(), &[4265667335, 1328953910, 1320288413, 3365567143]);
    /// ```
    pub fn seed_seq(&self) -> &SeedSequence {
        &self.seed_seq
    }

    /// `n` independent child bit generators seeded from spawned seed sequences
    /// (NumPy's `PCG64.spawn(n)`).
    ///
    /// ```
    /// let mut bg = arraylib::random::Pcg64::new(0);
    /// let kids = bg.spawn(2);
    /// assert_ne!(kids[0].state(), kids[1].state());
    /// ```
    pub fn spawn(&mut self, n: usize) -> Vec<Pcg64> {
        self.seed_seq
            .spawn(n)
            .into_iter()
            .map(Pcg64::from_seed_sequence)
            .collect()
    }
}
