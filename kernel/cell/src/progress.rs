//! Progress bars: one output that is redrawn in place (`update_display_data`), with
//! count, rate and remaining time, as tqdm shows them. Redraws are throttled to one
//! every 100 ms, so a loop over millions of items sends a handful of messages.

use crate::{DisplayHandle, check_interrupt, display_bundle};
use std::time::{Duration, Instant};

/// Redraw at most this often (tqdm's `mininterval`).
const MIN_INTERVAL: Duration = Duration::from_millis(100);
/// Characters of the text bar.
const WIDTH: usize = 25;

/// A manual progress bar: `update(n)` after each piece of work; finished on drop.
///
/// ```
/// use kernel_cell::prelude::*;
/// let mut bar = Progress::new(3).desc("chunks");
/// for _ in 0..3 {
///     bar.update(1);
/// }
/// assert_eq!(bar.count(), 3);
/// ```
pub struct Progress {
    total: Option<usize>,
    n: usize,
    desc: String,
    start: Instant,
    last_draw: Option<Instant>,
    handle: Option<DisplayHandle>,
    delay: Duration,
    transient: bool,
    closed: bool,
    bytes: bool,
}

impl Progress {
    /// A bar for `total` steps.
    pub fn new(total: usize) -> Progress {
        let mut bar = Progress::unbounded();
        bar.total = Some(total);
        bar
    }

    /// A counter without a known total (shows count and rate only).
    pub fn unbounded() -> Progress {
        Progress {
            total: None,
            n: 0,
            desc: String::new(),
            start: Instant::now(),
            last_draw: None,
            handle: None,
            delay: Duration::ZERO,
            transient: false,
            closed: false,
            bytes: false,
        }
    }

    /// A label shown in front of the bar.
    pub fn desc(mut self, desc: impl Into<String>) -> Progress {
        self.desc = desc.into();
        self
    }

    /// Shows nothing until the work has taken this long (short work stays quiet).
    pub fn delay(mut self, delay: Duration) -> Progress {
        self.delay = delay;
        self
    }

    /// Counts bytes: counts and rate are shown with k/M/G prefixes (`67.1M/134M`, `1.20GB/s`),
    /// as tqdm's `unit='B', unit_scale=True`.
    ///
    /// ```
    /// use kernel_cell::prelude::*;
    /// let mut bar = Progress::new(3_000_000).bytes();
    /// bar.update(1_500_000);
    /// assert_eq!(bar.count(), 1_500_000);
    /// ```
    pub fn bytes(mut self) -> Progress {
        self.bytes = true;
        self
    }

    /// Removes the bar's output when it finishes.
    pub fn transient(mut self) -> Progress {
        self.transient = true;
        self
    }

    /// Steps done so far.
    pub fn count(&self) -> usize {
        self.n
    }

    /// Records `n` more steps done; redraws if the last redraw is old enough.
    pub fn update(&mut self, n: usize) {
        self.n += n;
        let now = Instant::now();
        let due = self.last_draw.is_none_or(|t| now - t >= MIN_INTERVAL);
        if due && now - self.start >= self.delay {
            self.draw(now);
        }
    }

    /// Finishes the bar: a last redraw with the final count (or removal if transient).
    pub fn close(&mut self) {
        if std::mem::replace(&mut self.closed, true) {
            return;
        }
        let now = Instant::now();
        if self.handle.is_none() && now - self.start < self.delay {
            return;
        }
        if self.transient {
            if let Some(h) = &self.handle {
                h.update_bundle(&[("text/plain", String::new())]);
            }
            return;
        }
        self.draw(now);
    }

    fn draw(&mut self, now: Instant) {
        self.last_draw = Some(now);
        let (plain, html) = self.render(now - self.start);
        let bundle = [("text/plain", plain), ("text/html", html)];
        match &self.handle {
            Some(h) => h.update_bundle(&bundle),
            None => self.handle = Some(display_bundle(&bundle)),
        }
    }

    /// tqdm's line, e.g. ` 45%|███████████▎             | 450/1000 [00:02<00:03, 201.34it/s]`,
    /// and an HTML version with a `<progress>` element.
    fn render(&self, elapsed: Duration) -> (String, String) {
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 { self.n as f64 / secs } else { 0.0 };
        let rate_text = if rate == 0.0 {
            format!("?{}/s", self.unit())
        } else if self.bytes {
            format!("{}B/s", scaled(rate))
        } else if rate < 1.0 {
            format!("{:.2}s/it", 1.0 / rate)
        } else {
            format!("{rate:.2}it/s")
        };
        let prefix = if self.desc.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.desc)
        };
        let (plain, stats) = match self.total {
            Some(total) => {
                let frac = if total == 0 {
                    1.0
                } else {
                    (self.n as f64 / total as f64).min(1.0)
                };
                let remaining = if rate > 0.0 {
                    clock(total.saturating_sub(self.n) as f64 / rate)
                } else {
                    "?".to_owned()
                };
                let stats = format!(
                    "{}/{} [{}<{}, {}]",
                    self.amount(self.n),
                    self.amount(total),
                    clock(secs),
                    remaining,
                    rate_text
                );
                (
                    format!("{prefix}{:3.0}%|{}| {stats}", frac * 100.0, bar(frac)),
                    format!(
                        "<progress value=\"{}\" max=\"{}\" style=\"width:30ex;vertical-align:middle\"></progress> {:3.0}% {}",
                        self.n,
                        total.max(1),
                        frac * 100.0,
                        escape(&stats)
                    ),
                )
            }
            None => {
                let stats = format!(
                    "{}{} [{}, {}]",
                    self.amount(self.n),
                    self.unit(),
                    clock(secs),
                    rate_text
                );
                (format!("{prefix}{stats}"), escape(&stats))
            }
        };
        (plain, format!("<div><span>{}</span>{stats}</div>", escape(&prefix)))
    }

    fn unit(&self) -> &'static str {
        if self.bytes { "B" } else { "it" }
    }

    fn amount(&self, n: usize) -> String {
        if self.bytes { scaled(n as f64) } else { n.to_string() }
    }
}

/// tqdm's `format_sizeof`: three significant digits and a decimal prefix (`950`, `1.20k`,
/// `67.1M`).
fn scaled(mut x: f64) -> String {
    for prefix in ["", "k", "M", "G", "T", "P", "E", "Z"] {
        if x.abs() < 999.5 {
            return if x.abs() < 9.995 {
                format!("{x:.2}{prefix}")
            } else if x.abs() < 99.95 {
                format!("{x:.1}{prefix}")
            } else {
                format!("{x:.0}{prefix}")
            };
        }
        x /= 1000.0;
    }
    format!("{x:.1}Y")
}

/// Shows a bar while arraylib loads a large file (`load`, `load_npz`, `loadtxt`, ...): the
/// observer [`install`](crate::install) registers with [`arraylib::progress`].
pub(crate) struct FileLoads;

/// Files from this size up get a bar; smaller ones load in well under a second.
const LARGE_FILE: u64 = 64 << 20;

impl arraylib::progress::Observer for FileLoads {
    fn begin(&self, what: &str, total: u64) -> Option<Box<dyn arraylib::progress::Task>> {
        (total >= LARGE_FILE).then(|| Box::new(Progress::new(total as usize).desc(what).bytes()) as _)
    }
}

impl arraylib::progress::Task for Progress {
    fn advance(&mut self, done: u64) {
        self.update((done as usize).saturating_sub(self.n));
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.close();
    }
}

/// `mm:ss` or `h:mm:ss`, as tqdm prints durations.
fn clock(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The text bar with eighth-block resolution.
fn bar(frac: f64) -> String {
    const PARTIAL: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (frac * (WIDTH * 8) as f64) as usize;
    let full = eighths / 8;
    let mut s: String = "█".repeat(full);
    if full < WIDTH {
        s.push(PARTIAL[eighths % 8]);
        s.push_str(&" ".repeat(WIDTH - full - 1));
    }
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An iterator that drives a [`Progress`] bar: see [`progress`].
pub struct ProgressIter<I> {
    inner: I,
    bar: Progress,
    started: bool,
}

impl<I> ProgressIter<I> {
    /// Sets the bar's label.
    pub fn desc(mut self, desc: impl Into<String>) -> Self {
        self.bar.desc = desc.into();
        self
    }
}

impl<I: Iterator> Iterator for ProgressIter<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        // An item counts as done when the loop asks for the next one.
        if std::mem::replace(&mut self.started, true) {
            self.bar.update(1);
        }
        // A loop over a progress bar is long by nature: make it interruptible.
        check_interrupt();
        let item = self.inner.next();
        if item.is_none() {
            self.bar.close();
        }
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

/// Wraps an iterable so that looping over it shows a live progress bar (tqdm's
/// `tqdm(iterable)`); the total comes from the iterator's exact size when it has one.
///
/// ```
/// use kernel_cell::prelude::*;
/// let mut sum = 0;
/// for i in progress(0..1000) {
///     sum += i;
/// }
/// assert_eq!(sum, 499500);
/// ```
pub fn progress<I: IntoIterator>(iterable: I) -> ProgressIter<I::IntoIter> {
    let inner = iterable.into_iter();
    let bar = match inner.size_hint() {
        (lo, Some(hi)) if lo == hi => Progress::new(lo),
        _ => Progress::unbounded(),
    };
    ProgressIter {
        inner,
        bar,
        started: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_tqdm() {
        let mut p = Progress::new(1000).delay(Duration::from_secs(3600));
        p.n = 450;
        let (plain, html) = p.render(Duration::from_secs(2));
        assert_eq!(
            plain,
            " 45%|███████████▎             | 450/1000 [00:02<00:02, 225.00it/s]"
        );
        assert!(html.contains("<progress value=\"450\" max=\"1000\""), "{html}");
        assert_eq!(clock(3725.0), "1:02:05");
        assert_eq!(bar(1.0), "█".repeat(WIDTH));
    }

    #[test]
    fn bytes_render_like_tqdm_with_unit_scale() {
        let mut p = Progress::new(134_217_728).bytes().delay(Duration::from_secs(3600));
        p.n = 67_108_864;
        let (plain, _) = p.render(Duration::from_secs(2));
        assert_eq!(
            plain,
            " 50%|████████████▌            | 67.1M/134M [00:02<00:02, 33.6MB/s]"
        );
        assert_eq!(scaled(0.0), "0.00");
        assert_eq!(scaled(999.0), "999");
        assert_eq!(scaled(999.6), "1.00k");
        assert_eq!(scaled(12_345.0), "12.3k");
    }
}
