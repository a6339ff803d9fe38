//! The runtime (child) process side of interrupts, and signalling it from the host.
//!
//! evcxr runs cell code in a child process that is this very binary re-executed
//! (`evcxr::runtime_hook`). Before the hook takes over, [`prepare_child`] installs
//! signal handlers that set or clear one process-wide `AtomicBool`, and publishes its
//! address in `ARRAYLIB_INTERRUPT_FLAG`, which `kernel_cell` and arraylib poll (they
//! are loaded after the handlers exist, as part of `libkernel_cell.so`).

use std::sync::atomic::{AtomicBool, Ordering};

/// The interrupt flag of the runtime process.
static INTERRUPT_FLAG: AtomicBool = AtomicBool::new(false);

/// Name of the environment variable holding the flag's address (hex).
pub const INTERRUPT_FLAG_VAR: &str = "ARRAYLIB_INTERRUPT_FLAG";

/// Sent by the host to request a cooperative interrupt.
pub const SIG_INTERRUPT: libc::c_int = libc::SIGUSR1;
/// Sent by the host to clear a stale request before the next cell runs.
pub const SIG_CLEAR: libc::c_int = libc::SIGUSR2;

extern "C" fn on_interrupt(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    INTERRUPT_FLAG.store(true, Ordering::SeqCst);
}

extern "C" fn on_clear(_: libc::c_int) {
    INTERRUPT_FLAG.store(false, Ordering::SeqCst);
}

fn install(sig: libc::c_int, handler: extern "C" fn(libc::c_int)) {
    // SAFETY: plain sigaction with a handler that only touches an atomic.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(sig, &action, std::ptr::null_mut());
    }
}

/// Called first thing in `main`: when this process is evcxr's runtime child, set
/// up the interrupt flag. Must run while the process is still single-threaded
/// (it writes the environment).
pub fn prepare_child() {
    if std::env::var_os("EVCXR_IS_RUNTIME").is_none() {
        return;
    }
    install(SIG_INTERRUPT, on_interrupt);
    install(SIG_CLEAR, on_clear);
    // jupyter_client may signal the whole process group with SIGINT: treat it as
    // an interrupt request instead of dying and losing every variable.
    install(libc::SIGINT, on_interrupt);
    let addr = &INTERRUPT_FLAG as *const AtomicBool as usize;
    // SAFETY: still single-threaded here (before evcxr's runtime loop starts).
    unsafe { std::env::set_var(INTERRUPT_FLAG_VAR, format!("{addr:x}")) };
}

/// Sends `sig` to process `pid` (0 = unknown: ignored).
pub fn signal(pid: u32, sig: libc::c_int) {
    if pid != 0 {
        // SAFETY: kill(2) has no memory-safety preconditions.
        unsafe {
            libc::kill(pid as libc::pid_t, sig);
        }
    }
}
