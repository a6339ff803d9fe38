//! Inline plots: a [`Figure`] is a value that renders as SVG (`image/svg+xml`) when it is a
//! cell's last expression or passed to `display`.
//!
//! The API follows matplotlib's vocabulary (`title`, `xlabel`, `ylabel`, `figsize`, `label` for
//! the legend, `hist`, `bar`, `scatter`) as builder methods, so a whole plot is one expression:
//!
//! ```
//! use kernel_cell::prelude::*;
//! let x = linspace(0.0, 6.0, 50, true);
//! let fig = Figure::new()
//!     .title("sin and cos")
//!     .xlabel("x")
//!     .line(&x, &sin(&x)).label("sin")
//!     .line(&x, &cos(&x)).label("cos");
//! assert!(fig.to_svg().contains("sin and cos"));
//! ```
//!
//! Drawing is done by `plotters` (SVG backend only); `render.rs` is the only file that names it.

mod pca;
mod render;
#[cfg(test)]
mod tests;

pub use pca::{plot_explained_variance, plot_pca_projection, plot_singular_values};

use std::fmt::Debug;

/// Numbers to plot: from an arraylib [`Array`](arraylib::Array) (any numeric dtype, flattened
/// in row-major order), a slice, a `Vec` or an array of numbers.
///
/// Converting a non-numeric array panics with NumPy's `TypeError` text, as plotting a string
/// array does in matplotlib.
///
/// ```
/// use kernel_cell::prelude::*;
/// let v: Values = (&array![[1, 2], [3, 4]]).into();
/// assert_eq!(v.0, vec![1.0, 2.0, 3.0, 4.0]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Values(pub Vec<f64>);

impl From<&arraylib::Array> for Values {
    fn from(a: &arraylib::Array) -> Self {
        let floats = a.astype(arraylib::DType::Float64).unwrap_or_else(|e| panic!("{e}"));
        Values(floats.to_vec::<f64>().unwrap_or_else(|e| panic!("{e}")))
    }
}

impl From<arraylib::Array> for Values {
    fn from(a: arraylib::Array) -> Self {
        Values::from(&a)
    }
}

macro_rules! values_from_numbers {
    ($($t:ty),*) => {$(
        impl From<&[$t]> for Values {
            fn from(v: &[$t]) -> Self {
                Values(v.iter().map(|&x| x as f64).collect())
            }
        }
        impl From<Vec<$t>> for Values {
            fn from(v: Vec<$t>) -> Self {
                Values::from(v.as_slice())
            }
        }
        impl From<&Vec<$t>> for Values {
            fn from(v: &Vec<$t>) -> Self {
                Values::from(v.as_slice())
            }
        }
        impl<const N: usize> From<[$t; N]> for Values {
            fn from(v: [$t; N]) -> Self {
                Values::from(v.as_slice())
            }
        }
        impl<const N: usize> From<&[$t; N]> for Values {
            fn from(v: &[$t; N]) -> Self {
                Values::from(v.as_slice())
            }
        }
    )*};
}
values_from_numbers!(f64, f32, i64, i32, u32, u8, usize);

/// What a series draws.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// A polyline through the points.
    Line,
    /// A polyline with a dot on every point (matplotlib's `'o-'`).
    LineMarkers,
    /// One dot per point.
    Scatter,
    /// One bar per point, from 0 to y, centred on x.
    Bars { width: f64 },
}

#[derive(Clone, Debug)]
struct Series {
    kind: Kind,
    x: Vec<f64>,
    y: Vec<f64>,
    label: Option<String>,
}

/// A matrix drawn as coloured cells (row 0 at the top, as `imshow` does) with a colour bar.
#[derive(Clone, Debug)]
struct Heatmap {
    rows: usize,
    cols: usize,
    values: Vec<f64>,
}

/// A plot: title, axis labels, size and a list of series (or a heatmap) on one pair of axes.
///
/// Build it with chained calls; the series kinds are [`line`](Figure::line),
/// [`scatter`](Figure::scatter), [`bar`](Figure::bar), [`hist`](Figure::hist) and
/// [`heatmap`](Figure::heatmap). Series take colours from matplotlib's default cycle.
///
/// ```
/// use kernel_cell::prelude::*;
/// let fig = Figure::new().figsize(4.0, 3.0).bar(&[0, 1, 2], &[3.0, 1.0, 2.0]).ylabel("count");
/// assert!(fig.to_svg().starts_with("<svg"));
/// ```
#[derive(Clone)]
pub struct Figure {
    title: Option<String>,
    xlabel: Option<String>,
    ylabel: Option<String>,
    /// Width and height in pixels.
    size: (u32, u32),
    series: Vec<Series>,
    heatmap: Option<Heatmap>,
}

impl Default for Figure {
    fn default() -> Self {
        Figure::new()
    }
}

/// Shape text as NumPy prints it: `(3,)`, `(2, 3)`.
fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

impl Figure {
    /// An empty figure of matplotlib's default size (6.4 x 4.8 inches at 100 dpi: 640 x 480 px).
    ///
    /// ```
    /// assert_eq!(kernel_cell::plot::Figure::new().size(), (640, 480));
    /// ```
    pub fn new() -> Figure {
        Figure {
            title: None,
            xlabel: None,
            ylabel: None,
            size: (640, 480),
            series: Vec::new(),
            heatmap: None,
        }
    }

    /// Sets the title above the axes (matplotlib's `plt.title`).
    ///
    /// ```
    /// assert!(kernel_cell::plot::Figure::new().title("Loss").to_svg().contains("Loss"));
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Figure {
        self.title = Some(title.into());
        self
    }

    /// Sets the label of the x axis (`plt.xlabel`).
    ///
    /// ```
    /// assert!(kernel_cell::plot::Figure::new().xlabel("epoch").to_svg().contains("epoch"));
    /// ```
    pub fn xlabel(mut self, label: impl Into<String>) -> Figure {
        self.xlabel = Some(label.into());
        self
    }

    /// Sets the label of the y axis (`plt.ylabel`).
    ///
    /// ```
    /// assert!(kernel_cell::plot::Figure::new().ylabel("loss").to_svg().contains("loss"));
    /// ```
    pub fn ylabel(mut self, label: impl Into<String>) -> Figure {
        self.ylabel = Some(label.into());
        self
    }

    /// Sets the size in inches at 100 pixels per inch, as matplotlib's `figsize=(w, h)`.
    ///
    /// ```
    /// assert_eq!(kernel_cell::plot::Figure::new().figsize(8.0, 3.0).size(), (800, 300));
    /// ```
    pub fn figsize(mut self, width: f64, height: f64) -> Figure {
        // Anything smaller than an inch has no room for axes and labels.
        self.size = (
            (width.max(1.0) * 100.0).round() as u32,
            (height.max(1.0) * 100.0).round() as u32,
        );
        self
    }

    /// Width and height in pixels.
    ///
    /// ```
    /// assert_eq!(kernel_cell::plot::Figure::new().size(), (640, 480));
    /// ```
    pub fn size(&self) -> (u32, u32) {
        self.size
    }

    /// Names the series added last; named series appear in the legend (matplotlib's
    /// `label=` argument followed by `plt.legend()`).
    ///
    /// Panics when the figure has no series yet.
    ///
    /// ```
    /// use kernel_cell::plot::Figure;
    /// let svg = Figure::new().line(&[0.0, 1.0], &[1.0, 0.0]).label("decay").to_svg();
    /// assert!(svg.contains("decay"));
    /// ```
    pub fn label(mut self, label: impl Into<String>) -> Figure {
        match self.series.last_mut() {
            Some(s) => s.label = Some(label.into()),
            None => panic!("ValueError: label() names the last series, but the figure has none yet"),
        }
        self
    }

    fn push(mut self, kind: Kind, x: Values, y: Values) -> Figure {
        if x.0.len() != y.0.len() {
            panic!(
                "ValueError: x and y must have same first dimension, but have shapes {} and {}",
                shape_text(&[x.0.len()]),
                shape_text(&[y.0.len()])
            );
        }
        self.series.push(Series {
            kind,
            x: x.0,
            y: y.0,
            label: None,
        });
        self
    }

    /// Adds a line through the points `(x[i], y[i])` (`plt.plot(x, y)`).
    ///
    /// Panics with matplotlib's `ValueError` when `x` and `y` differ in length.
    ///
    /// ```
    /// use kernel_cell::prelude::*;
    /// let x = arange(0.0, 4.0, 1.0);
    /// let svg = Figure::new().line(&x, &(&x * &x)).to_svg();
    /// assert!(svg.matches("<polyline").count() >= 1);
    /// ```
    pub fn line(self, x: impl Into<Values>, y: impl Into<Values>) -> Figure {
        self.push(Kind::Line, x.into(), y.into())
    }

    /// Adds a line with a dot on every point (`plt.plot(x, y, "o-")`).
    ///
    /// ```
    /// let svg = kernel_cell::plot::Figure::new().line_markers(&[1, 2, 3], &[3.0, 2.0, 0.5]).to_svg();
    /// assert_eq!(svg.matches("<circle").count(), 3);
    /// ```
    pub fn line_markers(self, x: impl Into<Values>, y: impl Into<Values>) -> Figure {
        self.push(Kind::LineMarkers, x.into(), y.into())
    }

    /// Adds one dot per point (`plt.scatter(x, y)`).
    ///
    /// ```
    /// let svg = kernel_cell::plot::Figure::new().scatter(&[1.0, 2.0], &[2.0, 1.0]).to_svg();
    /// assert_eq!(svg.matches("<circle").count(), 2);
    /// ```
    pub fn scatter(self, x: impl Into<Values>, y: impl Into<Values>) -> Figure {
        self.push(Kind::Scatter, x.into(), y.into())
    }

    /// Adds bars of the given heights centred on `x` (`plt.bar(x, height)`), 0.8 wide as in
    /// matplotlib.
    ///
    /// ```
    /// let fig = kernel_cell::plot::Figure::new().bar(&[0, 1, 2, 3], &[4, 3, 2, 1]);
    /// assert!(fig.to_svg().contains("<rect"));
    /// ```
    pub fn bar(self, x: impl Into<Values>, height: impl Into<Values>) -> Figure {
        self.push(Kind::Bars { width: 0.8 }, x.into(), height.into())
    }

    /// Adds a histogram of `values` with `bins` equal-width bins spanning their range, counted
    /// as `np.histogram` does (the last bin includes its right edge; NaNs are ignored).
    ///
    /// ```
    /// use kernel_cell::prelude::*;
    /// let data = default_rng(0).standard_normal(1000);
    /// let svg = Figure::new().hist(&data, 20).title("N(0, 1)").to_svg();
    /// assert!(svg.contains("N(0, 1)"));
    /// ```
    pub fn hist(self, values: impl Into<Values>, bins: usize) -> Figure {
        let (centres, counts, width) = histogram(&values.into().0, bins);
        self.push(Kind::Bars { width }, Values(centres), Values(counts))
    }

    /// Shows a 2-D array as coloured cells (viridis, row 0 at the top, as `plt.imshow`)
    /// with a colour bar on the right, e.g. a correlation matrix.
    ///
    /// Panics with matplotlib's message when the array is not 2-D.
    ///
    /// ```
    /// use kernel_cell::prelude::*;
    /// let m = array![[1.0, 0.5], [0.5, 1.0]];
    /// let svg = Figure::new().heatmap(&m).title("correlation").to_svg();
    /// assert!(svg.contains("correlation"));
    /// ```
    pub fn heatmap(mut self, matrix: &arraylib::Array) -> Figure {
        let shape = matrix.shape();
        if shape.len() != 2 {
            panic!("TypeError: Invalid shape {} for image data", shape_text(shape));
        }
        self.heatmap = Some(Heatmap {
            rows: shape[0],
            cols: shape[1],
            values: Values::from(matrix).0,
        });
        self
    }

    /// The figure as an SVG document.
    ///
    /// ```
    /// let svg = kernel_cell::plot::Figure::new().to_svg();
    /// assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    /// ```
    pub fn to_svg(&self) -> String {
        render::svg(self)
    }
}

/// Bin centres, counts and bin width of `np.histogram(values, bins)`.
fn histogram(values: &[f64], bins: usize) -> (Vec<f64>, Vec<f64>, f64) {
    let bins = bins.max(1);
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // NumPy widens an empty or single-valued range to (v - 0.5, v + 0.5).
    let (lo, hi) = if lo > hi {
        (0.0, 1.0)
    } else if lo == hi {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    };
    let width = (hi - lo) / bins as f64;
    let mut counts = vec![0.0; bins];
    for v in values.iter().copied().filter(|v| v.is_finite()) {
        let k = (((v - lo) / width) as usize).min(bins - 1);
        counts[k] += 1.0;
    }
    let centres = (0..bins).map(|k| lo + (k as f64 + 0.5) * width).collect();
    (centres, counts, width)
}

impl Debug for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text/plain fallback, as matplotlib's `<Figure size 640x480 with 1 Axes>`.
        let (w, h) = self.size;
        let n = self.series.len() + usize::from(self.heatmap.is_some());
        write!(f, "<Figure size {w}x{h} with {n} series")?;
        if let Some(t) = &self.title {
            write!(f, ": {t}")?;
        }
        write!(f, ">")
    }
}
