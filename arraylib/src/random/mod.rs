//! Random numbers bit-exact with NumPy's `np.random.default_rng`: the same seed gives the
//! same numbers as NumPy 2.4, draw for draw.
//!
//! ```
//! use arraylib::default_rng;
//! let mut rng = default_rng(42);
//! assert_eq!(rng.random_scalar(), 0.7739560485559633);
//! let x = rng.standard_normal([1000, 20]);
//! let i = rng.integers(0, 10, 5);
//! assert_eq!((x.shape(), i.shape()), (&[1000, 20][..], &[5][..]));
//! ```
//!
//! The layers, as in NumPy:
//! - [`SeedSequence`] turns a seed (any non-negative integer, a sequence of them, or OS
//!   entropy) into well-mixed state words, and spawns independent children.
//! - [`Pcg64`] is the bit generator: a 128-bit LCG with the XSL-RR output permutation.
//! - [`Generator`] draws distributions from it: uniform, normal and exponential (ziggurat),
//!   gamma, beta, bounded integers (Lemire), binomial (inversion / BTPE), Poisson, and
//!   sampling (`choice`, `shuffle`, `permutation`, `permuted`).
//!
//! Not yet NumPy's: array-valued distribution parameters (broadcasting), `float32` output
//! beyond `random` and `standard_normal`, the other distributions and bit generators, and
//! `advance`/`jumped`.

mod bounded;
mod continuous;
mod discrete;
mod generator;
mod pcg64;
mod sampling;
mod seed;
#[cfg(test)]
mod tests;
mod ziggurat;
mod ziggurat_tables;

pub use generator::{Generator, default_rng, try_default_rng};
pub use pcg64::{Pcg64, Pcg64State};
pub use sampling::{ChoiceOptions, Population};
pub use seed::{Seed, SeedSequence};
