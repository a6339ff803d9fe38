// arraylib-kernel patch (see VENDORED.md): rust-analyzer on a thread of its own.
//
// rust-analyzer's first answers in a session cost seconds (it loads and resolves the standard
// library and the dependencies), but a cell's build needs no answer from it: rustc infers the
// types of the variables a cell stores. Only the *next* cell needs their names, to load them.
// So while rust-analyzer is busy, cells run at once and their questions queue here.

use crate::rust_analyzer::RustAnalyzer;
use crossbeam_channel::Receiver;
use crossbeam_channel::Sender;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::MutexGuard;
use std::sync::atomic::AtomicBool;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering;

type Job = Box<dyn FnOnce(&mut RustAnalyzer) + Send>;

/// A [`RustAnalyzer`] that answers either now ([`Self::lock`]) or in the background
/// ([`Self::spawn`]), in the order the background questions were asked.
pub(crate) struct BackgroundAnalyzer {
    analyzer: Arc<Mutex<RustAnalyzer>>,
    jobs: Sender<Job>,
    queued: Arc<AtomicUsize>,
    answered: Arc<AtomicBool>,
}

impl BackgroundAnalyzer {
    pub(crate) fn new(analyzer: RustAnalyzer) -> std::io::Result<BackgroundAnalyzer> {
        let analyzer = Arc::new(Mutex::new(analyzer));
        let queued = Arc::new(AtomicUsize::new(0));
        let answered = Arc::new(AtomicBool::new(false));
        let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
        std::thread::Builder::new()
            .name("evcxr-rust-analyzer".to_owned())
            .spawn({
                let (analyzer, queued, answered) = (analyzer.clone(), queued.clone(), answered.clone());
                move || {
                    // Ends when the context, and with it `jobs`, is dropped.
                    for job in queue {
                        let mut guard = lock(&analyzer);
                        // A panic inside rust-analyzer loses that one answer (its receiver sees
                        // the channel close), not the thread.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut guard)));
                        drop(guard);
                        answered.store(true, Ordering::SeqCst);
                        queued.fetch_sub(1, Ordering::SeqCst);
                    }
                }
            })?;
        Ok(BackgroundAnalyzer {
            analyzer,
            jobs,
            queued,
            answered,
        })
    }

    /// The analyzer, once the background question it is answering (if any) is done.
    pub(crate) fn lock(&self) -> MutexGuard<'_, RustAnalyzer> {
        lock(&self.analyzer)
    }

    /// Whether a question asked now would wait for seconds: nothing has been answered yet in
    /// the background (rust-analyzer has not loaded the crates), or questions are queued.
    pub(crate) fn is_busy(&self) -> bool {
        !self.answered.load(Ordering::SeqCst) || self.queued.load(Ordering::SeqCst) > 0
    }

    /// Asks `question` in the background, after those already queued; the answer arrives on
    /// the returned channel, which closes without one if rust-analyzer panicked.
    pub(crate) fn spawn<T: Send + 'static>(
        &self,
        question: impl FnOnce(&mut RustAnalyzer) -> T + Send + 'static,
    ) -> Receiver<T> {
        let (answer, receiver) = crossbeam_channel::bounded(1);
        self.queued.fetch_add(1, Ordering::SeqCst);
        let job: Job = Box::new(move |analyzer| {
            let _ = answer.send(question(analyzer));
        });
        if self.jobs.send(job).is_err() {
            // The thread is gone (it cannot be while `self` lives); the receiver just closes.
            self.queued.fetch_sub(1, Ordering::SeqCst);
        }
        receiver
    }
}

fn lock(analyzer: &Mutex<RustAnalyzer>) -> MutexGuard<'_, RustAnalyzer> {
    // A panic while locked (caught above) leaves rust-analyzer's database consistent: salsa
    // unwinds queries cleanly.
    analyzer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
