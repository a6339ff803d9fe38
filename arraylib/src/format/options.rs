//! Print options: NumPy's `set_printoptions` / `get_printoptions` / `printoptions`.
//!
//! The options are process-wide (a notebook sets them in one cell and expects every later cell
//! to honour them, whatever thread runs it), while [`printoptions`] overrides them for the
//! current thread only until its guard drops, like NumPy's context-local `np.printoptions`.

use std::cell::RefCell;
use std::sync::RwLock;

/// How arrays print: NumPy's print options (`np.get_printoptions()`).
///
/// Build one from the current options with struct-update syntax:
///
/// ```
/// use arraylib::format::{PrintOptions, get_printoptions};
/// let opts = PrintOptions { precision: 3, ..get_printoptions() };
/// assert_eq!(opts.threshold, 1000);
/// assert_eq!(PrintOptions::default().linewidth, 75);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintOptions {
    /// Most digits after the decimal point of a float (NumPy default 8).
    pub precision: usize,
    /// Arrays with more elements than this are summarised with `...` (default 1000).
    pub threshold: usize,
    /// Items kept at the start and end of each summarised axis (default 3).
    pub edgeitems: usize,
    /// Characters per line before wrapping (default 75).
    pub linewidth: usize,
    /// Never use scientific notation for small values; print them as `0.` (default false).
    pub suppress: bool,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
        }
    }
}

static GLOBAL: RwLock<PrintOptions> = RwLock::new(PrintOptions {
    precision: 8,
    threshold: 1000,
    edgeitems: 3,
    linewidth: 75,
    suppress: false,
});

thread_local! {
    /// The innermost [`printoptions`] guard's options on this thread, if any.
    static SCOPED: RefCell<Option<PrintOptions>> = const { RefCell::new(None) };
}

/// The options printing uses now: the innermost [`printoptions`] guard of this thread, else the
/// process-wide options (NumPy's `np.get_printoptions()`).
///
/// ```
/// let opts = arraylib::format::get_printoptions();
/// assert!(opts.edgeitems >= 1);
/// ```
pub fn get_printoptions() -> PrintOptions {
    SCOPED
        .with(|s| *s.borrow())
        .unwrap_or_else(|| *GLOBAL.read().unwrap_or_else(|e| e.into_inner()))
}

/// Sets the process-wide print options (NumPy's `np.set_printoptions`); they stay until changed.
///
/// ```
/// use arraylib::format::{PrintOptions, get_printoptions, set_printoptions};
/// let before = get_printoptions();
/// set_printoptions(PrintOptions { precision: 3, ..before });
/// assert_eq!(get_printoptions().precision, 3);
/// assert_eq!(format!("{:?}", arraylib::Array::from_vec(vec![std::f64::consts::PI])), "array([3.142])");
/// set_printoptions(before);
/// ```
pub fn set_printoptions(options: PrintOptions) {
    *GLOBAL.write().unwrap_or_else(|e| e.into_inner()) = options;
}

/// Uses `options` on this thread until the returned guard drops, then restores what was in
/// force before (NumPy's `with np.printoptions(...):`). Guards nest.
///
/// ```
/// use arraylib::format::{PrintOptions, get_printoptions, printoptions};
/// let a = arraylib::Array::from_vec(vec![1e-10, 1.0]);
/// {
///     let _guard = printoptions(PrintOptions { suppress: true, ..get_printoptions() });
///     assert_eq!(format!("{a:?}"), "array([0., 1.])");
/// }
/// assert_eq!(format!("{a:?}"), "array([1.e-10, 1.e+00])");
/// ```
#[must_use = "the options are restored as soon as the guard drops"]
pub fn printoptions(options: PrintOptions) -> PrintOptionsGuard {
    let previous = SCOPED.with(|s| s.borrow_mut().replace(options));
    PrintOptionsGuard { previous }
}

/// Restores the print options in force before [`printoptions`] when dropped.
#[derive(Debug)]
pub struct PrintOptionsGuard {
    previous: Option<PrintOptions>,
}

impl Drop for PrintOptionsGuard {
    fn drop(&mut self) {
        SCOPED.with(|s| *s.borrow_mut() = self.previous);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_nest_and_restore() {
        let outer = get_printoptions();
        {
            let _a = printoptions(PrintOptions { precision: 2, ..outer });
            assert_eq!(get_printoptions().precision, 2);
            {
                let _b = printoptions(PrintOptions {
                    linewidth: 40,
                    ..get_printoptions()
                });
                assert_eq!(get_printoptions().linewidth, 40);
                assert_eq!(get_printoptions().precision, 2);
            }
            assert_eq!(get_printoptions().linewidth, outer.linewidth);
        }
        assert_eq!(get_printoptions(), outer);
    }
}
