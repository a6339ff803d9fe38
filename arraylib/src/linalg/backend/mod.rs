//! The linear-algebra backend, chosen at build time: GEMM on strided `ndarray` views and the
//! dense decompositions on row-major `f64` buffers, with the same functions in each backend.
//!
//! - `faer` (default feature): pure Rust, the fastest measured on this project's machines.
//! - `mkl` (feature): LAPACK and BLAS from Intel MKL, linked statically through
//!   `ndarray-linalg`/`lax` and `intel-mkl-src` (the user's design card asks for it; see the
//!   README for how `install/mkl.sh` provides MKL). It wins when both features are enabled.
//!
//! These are the only files that name a backend crate.

#[cfg(all(feature = "faer", not(feature = "mkl")))]
mod faer;
#[cfg(all(feature = "faer", not(feature = "mkl")))]
pub(super) use self::faer::*;

#[cfg(feature = "mkl")]
mod mkl;
#[cfg(feature = "mkl")]
pub(super) use self::mkl::*;
