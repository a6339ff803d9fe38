//! Cooperative interruption for notebook use.
//!
//! The Jupyter kernel runs cells in a runtime process that owns one interrupt flag (an
//! `AtomicBool` living as long as the process) and publishes its address in the
//! `ARRAYLIB_INTERRUPT_FLAG` environment variable (hex). When the user presses "interrupt",
//! the kernel sets the flag; long-running operations call [`check`] every so often (for
//! instance once per chunk of a few thousand elements, once per row of a matmul, once per
//! iteration of an iterative solver) and stop with a `KeyboardInterrupt` panic, which the
//! kernel reports as a Jupyter error while keeping every variable.
//!
//! The flag is not a `static` of this crate: it must be set from a signal handler the
//! kernel installs before any cell (or arraylib) is loaded, and it must be the same flag
//! for every copy of arraylib a process may hold. Outside the kernel the variable is unset
//! and every function here is a cheap no-op.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Environment variable holding the flag's address.
pub const FLAG_VAR: &str = "ARRAYLIB_INTERRUPT_FLAG";

/// Message of the panic raised by [`check`] (NumPy users know `KeyboardInterrupt`).
pub const MESSAGE: &str = "KeyboardInterrupt: interrupted by the user";

#[inline]
fn flag() -> Option<&'static AtomicBool> {
    static ADDR: OnceLock<usize> = OnceLock::new();
    let addr = *ADDR.get_or_init(|| {
        std::env::var(FLAG_VAR)
            .ok()
            .and_then(|v| usize::from_str_radix(v.trim_start_matches("0x"), 16).ok())
            .unwrap_or(0)
    });
    // SAFETY: only the kernel sets the variable, to the address of a static AtomicBool of
    // the runtime executable, before any cell runs; 0 means "not under the kernel".
    (addr != 0).then(|| unsafe { &*(addr as *const AtomicBool) })
}

/// True when an interrupt was requested (does not consume the request).
#[inline]
pub fn requested() -> bool {
    flag().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// Consumes a pending interrupt request: true when there was one. For `try_` paths that
/// turn the interrupt into their own error value instead of panicking.
#[inline]
pub fn take() -> bool {
    flag().is_some_and(|f| f.load(Ordering::Relaxed) && f.swap(false, Ordering::SeqCst))
}

/// Stops the current operation with a `KeyboardInterrupt` panic when an interrupt was
/// requested. Costs one relaxed atomic load when none is pending.
#[inline]
pub fn check() {
    if take() {
        panic!("{MESSAGE}");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_flag_outside_the_kernel() {
        // The test process has no kernel flag: nothing is ever requested.
        if std::env::var_os(super::FLAG_VAR).is_none() {
            assert!(!super::requested());
            super::check();
        }
    }
}
