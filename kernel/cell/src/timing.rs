//! IPython's `%timeit` and `%time` in cells. The kernel's magics generate calls to
//! [`timeit_magic`] and [`time_start`]/[`time_end`], so the timed code is compiled once,
//! with the cell, and runs in a loop in the cell's process.

use crate::check_interrupt;
use crate::progress::Progress;
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What `%timeit -o` (and [`timeit`]) return: IPython's `TimeitResult`.
#[derive(Clone)]
pub struct TimeitResult {
    /// Loops per run.
    pub loops: u64,
    /// Number of runs.
    pub repeat: usize,
    /// Fastest time per loop, in seconds.
    pub best: f64,
    /// Slowest time per loop, in seconds.
    pub worst: f64,
    /// Total time of each run, in seconds.
    pub all_runs: Vec<f64>,
    /// Mean time per loop, in seconds.
    pub average: f64,
    /// Standard deviation (population) of the time per loop, in seconds.
    pub stdev: f64,
    precision: usize,
}

impl TimeitResult {
    fn new(loops: u64, all_runs: Vec<f64>, precision: usize) -> TimeitResult {
        let per_loop: Vec<f64> = all_runs.iter().map(|t| t / loops as f64).collect();
        let n = per_loop.len() as f64;
        let average = per_loop.iter().sum::<f64>() / n;
        let stdev = (per_loop.iter().map(|x| (x - average).powi(2)).sum::<f64>() / n).sqrt();
        TimeitResult {
            loops,
            repeat: all_runs.len(),
            best: per_loop.iter().copied().fold(f64::INFINITY, f64::min),
            worst: per_loop.iter().copied().fold(0.0, f64::max),
            all_runs,
            average,
            stdev,
            precision,
        }
    }
}

/// IPython's line: `45.2 µs ± 1.3 µs per loop (mean ± std. dev. of 7 runs, 10,000 loops each)`.
impl fmt::Display for TimeitResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} ± {} per loop (mean ± std. dev. of {} run{}, {} loop{} each)",
            format_time(self.average, self.precision),
            format_time(self.stdev, self.precision),
            self.repeat,
            plural(self.repeat as u64),
            thousands(self.loops),
            plural(self.loops)
        )
    }
}

/// IPython's repr: `<TimeitResult : 45.2 µs ± ...>`.
impl fmt::Debug for TimeitResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<TimeitResult : {self}>")
    }
}

/// `10000` as `10,000` (Python's `{:,}`).
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// C's `%.*g`: `precision` significant digits, trailing zeros removed, exponent form
/// outside `1e-4 ..= 10^precision`.
fn format_g(x: f64, precision: usize) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    let p = precision.max(1);
    let sci = format!("{:.*e}", p - 1, x);
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("{:e} exponent is an integer");
    let strip = |s: &str| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s.to_owned()
        }
    };
    if exp < -4 || exp >= p as i32 {
        format!(
            "{}e{}{:02}",
            strip(mantissa),
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    } else {
        strip(&format!("{:.*}", (p as i32 - 1 - exp) as usize, x))
    }
}

/// IPython's `_format_time`: `45.2 µs`, `1.3 ms`, `2.05 s`, `1min 3s` (precision = significant digits).
pub fn format_time(secs: f64, precision: usize) -> String {
    if secs >= 60.0 {
        let mut parts = Vec::new();
        let mut left = secs;
        for (suffix, len) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let value = (left / len).floor();
            if value > 0.0 {
                left %= len;
                parts.push(format!("{value}{suffix}"));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    const UNITS: [&str; 4] = ["s", "ms", "µs", "ns"];
    let order = if secs > 0.0 {
        ((-(secs.log10().floor() as i64).div_euclid(3)).clamp(0, 3)) as usize
    } else {
        3
    };
    format!(
        "{} {}",
        format_g(secs * 1000f64.powi(order as i32), precision),
        UNITS[order]
    )
}

fn run_loops<R>(f: &mut impl FnMut() -> R, loops: u64) -> f64 {
    let t = Instant::now();
    for _ in 0..loops {
        check_interrupt();
        std::hint::black_box(f());
    }
    t.elapsed().as_secs_f64()
}

/// Times `f` as IPython's `%timeit` does: `repeat` runs of `number` loops each;
/// `number == 0` picks the smallest power of ten whose run takes at least 0.2 s.
/// A bar shows the runs when they take longer than a second; interrupting stops at once.
fn measure<R>(number: u64, repeat: usize, precision: usize, mut f: impl FnMut() -> R) -> TimeitResult {
    let mut loops = number;
    if loops == 0 {
        for index in 0..10 {
            loops = 10u64.pow(index);
            if run_loops(&mut f, loops) >= 0.2 {
                break;
            }
        }
    }
    let mut bar = Progress::new(repeat)
        .desc("timeit")
        .delay(Duration::from_secs(1))
        .transient();
    let all_runs = (0..repeat.max(1))
        .map(|_| {
            let t = run_loops(&mut f, loops);
            bar.update(1);
            t
        })
        .collect();
    bar.close();
    TimeitResult::new(loops, all_runs, precision)
}

/// Times `f` like IPython's `%timeit` (7 runs, loop count auto-ranged so a run takes at
/// least 0.2 s) and returns the result; its repr is IPython's `<TimeitResult : ...>`.
///
/// ```
/// use kernel_cell::prelude::*;
/// let x = arange_n(1000);
/// let t = timeit(|| x.sum());
/// assert_eq!(t.repeat, 7);
/// ```
pub fn timeit<R>(f: impl FnMut() -> R) -> TimeitResult {
    measure(0, 7, 3, f)
}

/// `%timeit [-n N] [-r R] [-p P] [-q] [-o] stmt` as generated by the kernel: times `f`,
/// prints IPython's line (and its caching warning) unless `quiet`, returns the result.
#[doc(hidden)]
pub fn timeit_magic<R>(
    number: u64,
    repeat: usize,
    precision: usize,
    quiet: bool,
    f: impl FnMut() -> R,
) -> TimeitResult {
    let r = measure(number, repeat, precision, f);
    if !quiet {
        if r.worst > 4.0 * r.best && r.best > 0.0 && r.worst > 1e-6 {
            println!(
                "The slowest run took {:.2} times longer than the fastest. This could mean that an intermediate result is being cached.",
                r.worst / r.best
            );
        }
        println!("{r}");
    }
    r
}

/// User and system CPU seconds of this process (all threads), as `resource.getrusage`.
fn cpu_times() -> (f64, f64) {
    #[cfg(target_os = "linux")]
    {
        #[repr(C)]
        struct Timeval {
            sec: i64,
            usec: i64,
        }
        #[repr(C)]
        struct Rusage {
            utime: Timeval,
            stime: Timeval,
            rest: [i64; 14],
        }
        unsafe extern "C" {
            fn getrusage(who: i32, usage: *mut Rusage) -> i32;
        }
        let mut u = std::mem::MaybeUninit::<Rusage>::zeroed();
        // SAFETY: RUSAGE_SELF (0) with a buffer of the C layout of `struct rusage` on 64-bit Linux.
        if unsafe { getrusage(0, u.as_mut_ptr()) } == 0 {
            // SAFETY: getrusage filled the struct.
            let u = unsafe { u.assume_init() };
            let secs = |t: &Timeval| t.sec as f64 + t.usec as f64 * 1e-6;
            return (secs(&u.utime), secs(&u.stime));
        }
    }
    (0.0, 0.0)
}

static TIME_START: Mutex<Option<(Instant, (f64, f64))>> = Mutex::new(None);

/// Start of a `%time` / `%%time` measurement (generated by the kernel).
#[doc(hidden)]
pub fn time_start() {
    *TIME_START.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), cpu_times()));
}

/// End of a `%time` measurement: prints IPython's report and passes the value through.
#[doc(hidden)]
pub fn time_end<T>(value: T) -> T {
    let (wall, (user, sys)) = (Instant::now(), cpu_times());
    if let Some((w0, (u0, s0))) = TIME_START.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let (user, sys) = ((user - u0).max(0.0), (sys - s0).max(0.0));
        println!(
            "CPU times: user {}, sys: {}, total: {}\nWall time: {}",
            format_time(user, 3),
            format_time(sys, 3),
            format_time(user + sys, 3),
            format_time((wall - w0).as_secs_f64(), 3)
        );
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_ipython() {
        assert_eq!(format_time(45.2e-6, 3), "45.2 µs");
        assert_eq!(format_time(1.3e-6, 3), "1.3 µs");
        assert_eq!(format_time(0.5, 3), "500 ms");
        assert_eq!(format_time(2.0512, 3), "2.05 s");
        assert_eq!(format_time(0.0, 3), "0 ns");
        assert_eq!(format_time(1.2e-10, 3), "0.12 ns");
        assert_eq!(format_time(0.9996, 3), "1e+03 ms");
        assert_eq!(format_time(63.5, 3), "1min 3s");
        assert_eq!(thousands(10000), "10,000");
        assert_eq!(thousands(100), "100");
        // Exactly representable per-loop times, so the standard deviation is exactly zero.
        let r = TimeitResult::new(2, vec![1.0; 7], 3);
        assert_eq!(
            r.to_string(),
            "500 ms ± 0 ns per loop (mean ± std. dev. of 7 runs, 2 loops each)"
        );
        assert_eq!(
            TimeitResult::new(1, vec![1.0], 3).to_string(),
            "1 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)"
        );
    }
}
