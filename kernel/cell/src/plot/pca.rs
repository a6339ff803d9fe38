//! Ready-made figures for the results of an SVD or a PCA, as the tutorials show them.

use super::{Figure, Values};

/// Component numbers 1..=n (people count principal components from 1).
fn components(n: usize) -> Vec<f64> {
    (1..=n).map(|k| k as f64).collect()
}

/// The singular value spectrum: `s[k]` against `k` (from 1), as a line with dots.
///
/// ```
/// use kernel_cell::prelude::*;
/// let s = linalg::svdvals(&array![[3.0, 0.0], [0.0, 1.0], [1.0, 1.0]]);
/// let svg = plot_singular_values(&s).to_svg();
/// assert_eq!(svg.matches("<circle").count(), 2);
/// ```
pub fn plot_singular_values(s: impl Into<Values>) -> Figure {
    let s = s.into().0;
    Figure::new()
        .title("Singular value spectrum")
        .xlabel("index")
        .ylabel("singular value")
        .line_markers(components(s.len()), s)
}

/// Explained variance ratio per component (bars) and its running total (a line with dots),
/// from the ratios `s² / Σ s²` (sklearn's `explained_variance_ratio_`).
///
/// ```
/// use kernel_cell::prelude::*;
/// let svg = plot_explained_variance(&[0.6, 0.3, 0.1]).to_svg();
/// assert!(svg.contains("cumulative"));
/// ```
pub fn plot_explained_variance(ratio: impl Into<Values>) -> Figure {
    let ratio = ratio.into().0;
    let cumulative: Vec<f64> = ratio
        .iter()
        .scan(0.0, |total, r| {
            *total += r;
            Some(*total)
        })
        .collect();
    let k = components(ratio.len());
    Figure::new()
        .title("Explained variance")
        .xlabel("principal component")
        .ylabel("explained variance ratio")
        .bar(k.clone(), ratio)
        .label("per component")
        .line_markers(k, cumulative)
        .label("cumulative")
}

/// The data projected on its first two principal components (`X_centered @ Vt[:2].T`, or
/// any array whose first two columns are the coordinates), one colour per class label.
///
/// Panics with a `ValueError` when `projected` is not 2-D with at least two columns, or when
/// there is not one label per row.
///
/// ```
/// use kernel_cell::prelude::*;
/// let z = array![[0.0, 1.0], [1.0, 0.5], [-1.0, -1.0]];
/// let svg = plot_pca_projection(&z, &[0, 0, 1]).to_svg();
/// assert_eq!(svg.matches("<circle").count(), 3);
/// ```
pub fn plot_pca_projection(projected: &arraylib::Array, labels: impl Into<Values>) -> Figure {
    let shape = projected.shape();
    if shape.len() != 2 || shape[1] < 2 {
        panic!(
            "ValueError: a PCA projection needs a 2-D array with at least 2 columns, got shape {}",
            super::shape_text(shape)
        );
    }
    let labels = labels.into().0;
    if labels.len() != shape[0] {
        panic!("ValueError: {} labels for {} points", labels.len(), shape[0]);
    }
    let values = Values::from(projected).0;
    let cols = shape[1];
    let mut classes: Vec<f64> = Vec::new();
    for &l in &labels {
        if !classes.contains(&l) {
            classes.push(l);
        }
    }
    classes.sort_by(f64::total_cmp);
    let mut fig = Figure::new().title("PCA projection").xlabel("PC 1").ylabel("PC 2");
    for class in classes {
        let rows = labels.iter().enumerate().filter(|&(_, &l)| l == class).map(|(i, _)| i);
        let (x, y): (Vec<f64>, Vec<f64>) = rows.map(|i| (values[i * cols], values[i * cols + 1])).unzip();
        fig = fig.scatter(x, y).label(format!("class {class}"));
    }
    fig
}
