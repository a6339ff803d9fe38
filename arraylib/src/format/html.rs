//! Arrays as HTML tables for Jupyter's `text/html` output.
//!
//! Bounded by construction: an axis longer than [`LIMIT`] shows its first and last [`EDGE`]
//! items around an ellipsis, and an array of more than two dimensions shows at most
//! `2 * SLICE_EDGE` of its 2-D slices, so a million-element array renders a few kilobytes
//! from a few hundred gathered elements. Elements are written by the same formatter as the text
//! repr (computed over the shown elements of each table), then HTML-escaped.
//!
//! Extension point for structured dtypes: [`grid_for`] turns an array of one or two dimensions
//! into a [`Grid`] of cell texts; a structured array adds its own builder there (one column per
//! field, or one cell per record) and everything else (captions, ellipses, styling, slicing
//! of higher dimensions) applies unchanged.

use std::fmt::Write;

use crate::array::{Array, Layout};

use super::get_printoptions;
use super::text::{Shown, Special, Text, element_texts};

/// Axes longer than this are summarised.
const LIMIT: usize = 20;
/// Items shown at each end of a summarised axis.
const EDGE: usize = 10;
/// 1-D arrays longer than this are drawn as a column rather than a row.
const ROW_VECTOR_MAX: usize = 10;
/// 2-D slices shown at each end when an N-D array has more than twice this many.
const SLICE_EDGE: usize = 3;

/// Scoped styles: every selector sits under the `arraylib-html` wrapper, and colours come from
/// JupyterLab's theme variables (with fallbacks readable on light and dark backgrounds).
const STYLE: &str = "<style>\
.arraylib-html{overflow-x:auto;}\
.arraylib-html .arraylib-title{font-family:var(--jp-ui-font-family,sans-serif);color:var(--jp-content-font-color2,#757575);margin:2px 0;}\
.arraylib-html table.arraylib-t{border-collapse:collapse;margin:2px 0 8px 0;font-family:var(--jp-code-font-family,monospace);font-size:var(--jp-code-font-size,13px);color:var(--jp-content-font-color1,inherit);background:transparent;}\
.arraylib-html .arraylib-t caption{caption-side:top;text-align:left;padding:2px 0;font-family:var(--jp-ui-font-family,sans-serif);color:var(--jp-content-font-color2,#757575);}\
.arraylib-html .arraylib-t th,.arraylib-html .arraylib-t td{padding:2px 8px;border:1px solid var(--jp-border-color2,rgba(128,128,128,0.35));}\
.arraylib-html .arraylib-t td{text-align:right;white-space:pre;}\
.arraylib-html .arraylib-t th{text-align:right;font-weight:normal;color:var(--jp-content-font-color2,#808080);background:var(--jp-layout-color2,rgba(128,128,128,0.1));}\
.arraylib-html .arraylib-t td.arraylib-str{text-align:left;}\
.arraylib-html .arraylib-t .arraylib-nan{color:var(--jp-warn-color1,#e08600);font-weight:bold;}\
.arraylib-html .arraylib-t .arraylib-inf{color:var(--jp-info-color1,#2196f3);font-weight:bold;}\
.arraylib-html .arraylib-ell{text-align:center;color:var(--jp-content-font-color3,#9e9e9e);}\
</style>";

/// An HTML table of `a` for notebooks: a caption with dtype and shape, column and row indices,
/// ellipsis cells where long axes are summarised, NaN and infinities styled, everything escaped.
///
/// ```
/// use arraylib::Array;
/// let a = Array::from_shape_vec([2, 2], vec![1.5, f64::NAN, 3.0, 4.0]).unwrap();
/// let html = arraylib::format::to_html(&a);
/// assert!(html.contains("<caption>float64 array, shape (2, 2)</caption>"));
/// assert!(html.contains(r#"<td class="arraylib-nan">nan</td>"#));
/// assert_eq!(html, a.to_html());
/// ```
pub fn to_html(a: &Array) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<div class=\"arraylib-html\">");
    out.push_str(STYLE);
    let caption = format!("{} array, shape {}", a.dtype(), super::shape_tuple(a.shape()));
    if a.size() == 0 || a.ndim() <= 2 {
        grid_for(a).write(&mut out, &caption);
    } else {
        write_slices(&mut out, a, &caption);
    }
    out.push_str("</div>");
    out
}

impl Array {
    /// This array as an HTML table for Jupyter's `text/html` (see [`to_html`]).
    ///
    /// ```
    /// let html = arraylib::Array::from_strings(["<script>"], 8).to_html();
    /// assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"));
    /// ```
    pub fn to_html(&self) -> String {
        to_html(self)
    }
}

/// A row or column of a table: a shown index, or the ellipsis standing for the hidden ones.
#[derive(Clone, Copy)]
enum Line {
    At(usize),
    Gap,
}

fn lines(indices: &[usize], split: Option<usize>) -> Vec<Line> {
    let mut out: Vec<Line> = indices.iter().map(|&i| Line::At(i)).collect();
    if let Some(k) = split {
        out.insert(k, Line::Gap);
    }
    out
}

/// A table's content: its rows and columns (with ellipses) and the texts of the shown cells in
/// row-major order; labels are drawn only for axes the array has.
struct Grid {
    rows: Vec<Line>,
    cols: Vec<Line>,
    row_labels: bool,
    col_labels: bool,
    cells: Vec<Text>,
    left_align: bool,
}

/// The grid of an array of at most two dimensions (or any empty array).
fn grid_for(a: &Array) -> Grid {
    let left_align = matches!(a.dtype(), crate::DType::Str(_));
    if a.size() == 0 {
        let cells = vec![Text {
            text: "[]".into(),
            special: None,
        }];
        return Grid {
            rows: vec![Line::At(0)],
            cols: vec![Line::At(0)],
            row_labels: false,
            col_labels: false,
            cells,
            left_align,
        };
    }
    let opts = get_printoptions();
    let shown = Shown::new(a.shape(), EDGE, Some(LIMIT));
    let cells = element_texts(a, &shown, &opts);
    let one = vec![Line::At(0)];
    match a.ndim() {
        0 => Grid {
            rows: one.clone(),
            cols: one,
            row_labels: false,
            col_labels: false,
            cells,
            left_align,
        },
        1 => {
            let along = lines(&shown.indices[0], shown.split[0]);
            if a.shape()[0] <= ROW_VECTOR_MAX {
                Grid {
                    rows: one,
                    cols: along,
                    row_labels: false,
                    col_labels: true,
                    cells,
                    left_align,
                }
            } else {
                Grid {
                    rows: along,
                    cols: one,
                    row_labels: true,
                    col_labels: false,
                    cells,
                    left_align,
                }
            }
        }
        _ => Grid {
            rows: lines(&shown.indices[0], shown.split[0]),
            cols: lines(&shown.indices[1], shown.split[1]),
            row_labels: true,
            col_labels: true,
            cells,
            left_align,
        },
    }
}

impl Grid {
    fn write(&self, out: &mut String, caption: &str) {
        out.push_str("<table class=\"arraylib-t\"><caption>");
        out.push_str(&escape(caption));
        out.push_str("</caption>");
        if self.col_labels {
            out.push_str("<thead><tr>");
            if self.row_labels {
                out.push_str("<th></th>");
            }
            for col in &self.cols {
                match col {
                    Line::At(j) => write!(out, "<th>{j}</th>").expect("write to String"),
                    Line::Gap => out.push_str("<th class=\"arraylib-ell\">\u{2026}</th>"),
                }
            }
            out.push_str("</tr></thead>");
        }
        out.push_str("<tbody>");
        let width = self.cols.iter().filter(|c| matches!(c, Line::At(_))).count();
        let mut r = 0;
        for row in &self.rows {
            out.push_str("<tr>");
            if self.row_labels {
                match row {
                    Line::At(i) => write!(out, "<th>{i}</th>").expect("write to String"),
                    Line::Gap => out.push_str("<th class=\"arraylib-ell\">\u{22ee}</th>"),
                }
            }
            let mut c = 0;
            for col in &self.cols {
                match (row, col) {
                    (Line::At(_), Line::At(_)) => {
                        self.write_cell(out, &self.cells[r * width + c]);
                        c += 1;
                    }
                    (Line::Gap, Line::Gap) => out.push_str("<td class=\"arraylib-ell\">\u{22f1}</td>"),
                    (Line::Gap, Line::At(_)) => {
                        out.push_str("<td class=\"arraylib-ell\">\u{22ee}</td>");
                        c += 1;
                    }
                    (Line::At(_), Line::Gap) => out.push_str("<td class=\"arraylib-ell\">\u{2026}</td>"),
                }
            }
            if let Line::At(_) = row {
                r += 1;
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }

    fn write_cell(&self, out: &mut String, cell: &Text) {
        let class = match cell.special {
            Some(Special::Nan) => Some("arraylib-nan"),
            Some(Special::Inf) => Some("arraylib-inf"),
            None if self.left_align => Some("arraylib-str"),
            None => None,
        };
        match class {
            Some(class) => write!(out, "<td class=\"{class}\">").expect("write to String"),
            None => out.push_str("<td>"),
        }
        // Keep the text repr's padding: in a monospace, right-aligned column it lines up the points.
        out.push_str(&escape(&cell.text));
        out.push_str("</td>");
    }
}

/// An array of three or more dimensions as labelled 2-D slices (`[0, :, :]`), summarised when
/// there are many.
fn write_slices(out: &mut String, a: &Array, caption: &str) {
    write!(out, "<div class=\"arraylib-title\">{}</div>", escape(caption)).expect("write to String");
    let nd = a.ndim();
    let lead = &a.shape()[..nd - 2];
    let total: usize = lead.iter().product();
    let flat: Vec<Option<usize>> = if total > 2 * SLICE_EDGE {
        (0..SLICE_EDGE)
            .map(Some)
            .chain([None])
            .chain((total - SLICE_EDGE..total).map(Some))
            .collect()
    } else {
        (0..total).map(Some).collect()
    };
    let layout = a.layout();
    for k in flat {
        let Some(k) = k else {
            write!(
                out,
                "<div class=\"arraylib-ell\">\u{22ee} {} more slices</div>",
                total - 2 * SLICE_EDGE
            )
            .expect("write to String");
            continue;
        };
        // Unravel the flat slice number into indices over the leading axes.
        let mut index = vec![0usize; nd - 2];
        let mut rest = k;
        for axis in (0..nd - 2).rev() {
            index[axis] = rest % lead[axis];
            rest /= lead[axis];
        }
        let offset = layout.offset as isize
            + index
                .iter()
                .zip(&layout.strides)
                .map(|(&i, &s)| i as isize * s)
                .sum::<isize>();
        let slice = a.with_layout(Layout {
            shape: layout.shape[nd - 2..].to_vec(),
            strides: layout.strides[nd - 2..].to_vec(),
            offset: offset as usize,
        });
        let label: Vec<String> = index
            .iter()
            .map(usize::to_string)
            .chain([":".into(), ":".into()])
            .collect();
        grid_for(&slice).write(out, &format!("[{}]", label.join(", ")));
    }
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
