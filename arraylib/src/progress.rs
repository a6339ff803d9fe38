//! Progress of long file operations, for a notebook's progress bar.
//!
//! arraylib draws nothing itself: a host (the Jupyter kernel) registers one [`Observer`] with
//! [`set_observer`], and loading a file ([`load`](crate::load), [`load_npz`](crate::load_npz),
//! [`loadtxt`](crate::loadtxt), [`genfromtxt`](crate::genfromtxt)) tells it how many bytes the
//! file has and how many have been read. The observer decides what is worth a bar (the
//! kernel shows one for large files). Without an observer the cost is one lock per file.
//!
//! The same reader checks the [`interrupt`](crate::interrupt) flag, so a long load stops
//! when the user presses the notebook's interrupt button.

use std::io::{Read, Seek, SeekFrom};
use std::sync::{Arc, RwLock};

/// Receives the start of each file operation (see the [module docs](self)).
///
/// ```
/// use arraylib::progress::{Observer, Task};
/// use std::sync::{Arc, Mutex};
///
/// struct Log(Arc<Mutex<Vec<u64>>>);
/// struct LogTask(Arc<Mutex<Vec<u64>>>);
/// impl Task for LogTask {
///     fn advance(&mut self, done: u64) {
///         self.0.lock().unwrap().push(done);
///     }
/// }
/// impl Observer for Log {
///     fn begin(&self, _what: &str, _total: u64) -> Option<Box<dyn Task>> {
///         Some(Box::new(LogTask(self.0.clone())))
///     }
/// }
///
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// arraylib::progress::set_observer(Some(Arc::new(Log(seen.clone()))));
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("x.npy");
/// arraylib::save(&path, &arraylib::zeros(1000, arraylib::DType::Float64));
/// arraylib::load(&path);
/// arraylib::progress::set_observer(None);
/// let file_len = std::fs::metadata(&path).unwrap().len();
/// assert_eq!(*seen.lock().unwrap().last().unwrap(), file_len);
/// ```
pub trait Observer: Send + Sync {
    /// An operation on `total` bytes, described by `what` (e.g. `load data.npy`), is starting.
    /// Returns the task to tell about its progress, or `None` to ignore it.
    fn begin(&self, what: &str, total: u64) -> Option<Box<dyn Task>>;
}

/// One running operation; dropped when it ends (finished or failed).
pub trait Task {
    /// `done` of the operation's bytes have been processed so far.
    fn advance(&mut self, done: u64);
}

fn observer() -> &'static RwLock<Option<Arc<dyn Observer>>> {
    static OBSERVER: RwLock<Option<Arc<dyn Observer>>> = RwLock::new(None);
    &OBSERVER
}

/// Registers the process's observer (`None` removes it).
///
/// ```
/// arraylib::progress::set_observer(None);
/// ```
pub fn set_observer(new: Option<Arc<dyn Observer>>) {
    *observer().write().unwrap_or_else(|e| e.into_inner()) = new;
}

fn begin(what: &str, total: u64) -> Option<Box<dyn Task>> {
    let current = observer().read().unwrap_or_else(|e| e.into_inner()).clone();
    current.and_then(|o| o.begin(what, total))
}

/// A reader that reports its position to the observer's task and checks for interrupts.
pub(crate) struct Reporting<R> {
    inner: R,
    position: u64,
    task: Option<Box<dyn Task>>,
}

/// At most this many bytes per `read`, so that a single large read still reports progress.
const STEP: usize = 8 << 20;

impl<R> Reporting<R> {
    /// Wraps `inner`, the start of an operation on `total` bytes described by `what`.
    pub(crate) fn new(inner: R, what: &str, total: u64) -> Reporting<R> {
        Reporting {
            inner,
            position: 0,
            task: begin(what, total),
        }
    }

    fn moved_to(&mut self, position: u64) {
        self.position = position;
        if let Some(task) = &mut self.task {
            task.advance(position);
        }
    }
}

impl<R: Read> Read for Reporting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        crate::interrupt::check();
        let len = buf.len().min(STEP);
        let n = self.inner.read(&mut buf[..len])?;
        self.moved_to(self.position + n as u64);
        Ok(n)
    }
}

impl<R: Seek> Seek for Reporting<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let position = self.inner.seek(pos)?;
        self.moved_to(position);
        Ok(position)
    }
}
