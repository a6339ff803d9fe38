//! Figures are checked by parsing their SVG: it must be well-formed XML, carry the title and
//! axis labels as text, and hold one mark per data point.

use super::*;
use arraylib::prelude::*;

/// An SVG parsed into its text contents and its elements' tag names with fill and stroke colours.
struct Parsed {
    texts: Vec<String>,
    elements: Vec<(String, String)>,
    strokes: Vec<(String, String)>,
}

impl Parsed {
    fn new(svg: &str) -> Parsed {
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("invalid SVG ({e}):\n{svg}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let mut texts = Vec::new();
        let mut elements = Vec::new();
        let mut strokes = Vec::new();
        for n in doc.descendants().filter(|n| n.is_element()) {
            let tag = n.tag_name().name().to_owned();
            if tag == "text" {
                texts.push(n.text().unwrap_or("").trim().to_owned());
            }
            strokes.push((tag.clone(), n.attribute("stroke").unwrap_or("").to_uppercase()));
            elements.push((tag, n.attribute("fill").unwrap_or("").to_uppercase()));
        }
        Parsed {
            texts,
            elements,
            strokes,
        }
    }

    fn count(&self, tag: &str) -> usize {
        self.elements.iter().filter(|(t, _)| t == tag).count()
    }

    fn count_filled(&self, tag: &str, fill: &str) -> usize {
        self.elements.iter().filter(|(t, f)| t == tag && f == fill).count()
    }

    fn count_stroked(&self, tag: &str, stroke: &str) -> usize {
        self.strokes.iter().filter(|(t, s)| t == tag && s == stroke).count()
    }

    fn has_text(&self, s: &str) -> bool {
        self.texts.iter().any(|t| t == s)
    }
}

const BLUE: &str = "#1F77B4";
const ORANGE: &str = "#FF7F0E";

#[test]
fn line_plot_has_title_labels_legend_and_one_polyline_per_series() {
    let x = linspace(0.0, 1.0, 30, true);
    let fig = Figure::new()
        .title("Training curves")
        .xlabel("epoch")
        .ylabel("loss")
        .line(&x, &(&x * &x))
        .label("train")
        .line(&x, &x)
        .label("validation");
    let p = Parsed::new(&fig.to_svg());
    for t in ["Training curves", "epoch", "loss", "train", "validation"] {
        assert!(p.has_text(t), "missing text {t:?} in {:?}", p.texts);
    }
    // One polyline per series plus one legend swatch each, in the series' colours.
    assert_eq!(p.count_stroked("polyline", BLUE), 2);
    assert_eq!(p.count_stroked("polyline", ORANGE), 2);
    assert_eq!(p.count("circle"), 0);
}

#[test]
fn scatter_draws_one_circle_per_finite_point() {
    let fig = Figure::new().scatter([1.0, 2.0, f64::NAN, 4.0], [1.0, 4.0, 9.0, 16.0]);
    let p = Parsed::new(&fig.to_svg());
    assert_eq!(p.count("circle"), 3);
    assert_eq!(p.count_filled("circle", BLUE), 3);
}

#[test]
fn bars_are_rectangles_of_the_series_colour() {
    let fig = Figure::new().bar([0, 1, 2, 3, 4], [5.0, 3.0, 4.0, 1.0, 2.0]);
    let p = Parsed::new(&fig.to_svg());
    assert_eq!(p.count_filled("rect", BLUE), 5);
}

#[test]
fn histogram_counts_like_numpy() {
    // np.histogram([0, 1, 1, 2, 2, 2, 3], bins=3) -> counts [1, 2, 4]: the last bin is closed.
    let (centres, counts, width) = super::histogram(&[0.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0], 3);
    assert_eq!(counts, vec![1.0, 2.0, 4.0]);
    assert_eq!(width, 1.0);
    assert_eq!(centres, vec![0.5, 1.5, 2.5]);
    let data = default_rng(1).standard_normal(500);
    let p = Parsed::new(&Figure::new().hist(&data, 12).to_svg());
    // Empty bins still draw a (zero-height) rectangle: one per bin.
    assert_eq!(p.count_filled("rect", BLUE), 12);
}

#[test]
fn heatmap_draws_every_cell_and_a_colour_bar() {
    let m = arange(0.0, 12.0, 1.0).reshape([3, 4]);
    let fig = Figure::new().heatmap(&m).title("matrix");
    let svg = fig.to_svg();
    let p = Parsed::new(&svg);
    assert!(p.has_text("matrix"));
    // 12 cells + 64 colour bar steps + the white background.
    let filled_rects = p
        .elements
        .iter()
        .filter(|(t, f)| t == "rect" && f.starts_with('#'))
        .count();
    assert_eq!(filled_rects, 12 + 64 + 1, "{svg}");
    // Row 0 is at the top: its cells carry the low end of viridis (dark purple, #44..).
    assert!(p.elements.iter().any(|(t, f)| t == "rect" && f == "#440154"));
    // Colour bar ticks span the data range 0..=11 (ticks 0, 2, ..., 10).
    assert!(p.has_text("0") && p.has_text("10"), "{:?}", p.texts);
}

#[test]
#[should_panic(expected = "Invalid shape (3,) for image data")]
fn heatmap_rejects_1d() {
    let _ = Figure::new().heatmap(&array![1.0, 2.0, 3.0]);
}

#[test]
#[should_panic(expected = "x and y must have same first dimension, but have shapes (2,) and (3,)")]
fn mismatched_lengths_panic_like_matplotlib() {
    let _ = Figure::new().line([1.0, 2.0], [1.0, 2.0, 3.0]);
}

#[test]
fn text_is_escaped() {
    let p = Parsed::new(&Figure::new().title("a < b & c").to_svg());
    assert!(p.has_text("a < b & c"));
}

#[test]
fn explained_variance_has_bars_and_cumulative_line() {
    let s = array![4.0, 2.0, 1.0, 0.5];
    let s2 = &s * &s;
    let ratio = &s2 / s2.sum();
    let p = Parsed::new(&plot_explained_variance(&ratio).to_svg());
    assert_eq!(p.count_filled("rect", BLUE), 4);
    assert_eq!(p.count_filled("circle", ORANGE), 4);
    for t in [
        "Explained variance",
        "principal component",
        "per component",
        "cumulative",
    ] {
        assert!(p.has_text(t), "missing {t:?}");
    }
}

#[test]
fn singular_values_and_projection_helpers() {
    let p = Parsed::new(&plot_singular_values([5.0, 3.0, 1.0]).to_svg());
    assert_eq!(p.count("circle"), 3);
    assert!(p.has_text("Singular value spectrum") && p.has_text("singular value"));

    let z = array![
        [0.0, 1.0, 9.0],
        [1.0, 0.5, 9.0],
        [-1.0, -1.0, 9.0],
        [2.0, 2.0, 9.0],
        [0.5, 0.0, 9.0]
    ];
    let p = Parsed::new(&plot_pca_projection(&z, [2, 0, 2, 1, 0]).to_svg());
    assert_eq!(p.count("circle"), 5);
    assert_eq!(p.count_filled("circle", BLUE), 2, "class 0 first");
    assert_eq!(p.count_filled("circle", "#2CA02C"), 2, "class 2 third");
    for t in ["PC 1", "PC 2", "class 0", "class 1", "class 2"] {
        assert!(p.has_text(t), "missing {t:?}");
    }
}

#[test]
fn figure_is_displayed_as_svg() {
    let fig = Figure::new().title("shown");
    let bundle = crate::mime_bundle(&fig);
    let mimes: Vec<&str> = bundle.iter().map(|(m, _)| *m).collect();
    // The tag lets the kernel apply `%config InlineBackend.figure_formats` (and removes it).
    assert_eq!(mimes, ["text/plain", "image/svg+xml", crate::FIGURE_MIME]);
    assert_eq!(bundle[0].1, "<Figure size 640x480 with 0 series: shown>");
    assert!(Parsed::new(&bundle[1].1).has_text("shown"));
}

#[test]
fn figsize_sets_svg_size() {
    let svg = Figure::new().figsize(3.0, 2.0).to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("300"));
    assert_eq!(doc.root_element().attribute("height"), Some("200"));
}

#[test]
fn a_tick_a_rounding_error_from_zero_reads_0() {
    // sin over [0, 6] puts a y tick at about -2.2e-16 (plotters steps from the lower bound).
    let x = arraylib::linspace(0.0, 6.0, 50, true);
    let p = Parsed::new(&Figure::new().line(&x, arraylib::sin(&x)).to_svg());
    assert!(p.has_text("0"), "{:?}", p.texts);
    assert!(!p.texts.iter().any(|t| t.contains("e-1")), "{:?}", p.texts);
}
