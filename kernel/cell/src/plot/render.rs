//! Draws a [`Figure`] with plotters' SVG backend. The only file that names plotters.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Figure, Heatmap, Kind, Series};

/// matplotlib's default colour cycle ("tab10"), so plots look as users expect.
const CYCLE: [RGBColor; 10] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0xe3, 0x77, 0xc2),
    RGBColor(0x7f, 0x7f, 0x7f),
    RGBColor(0xbc, 0xbd, 0x22),
    RGBColor(0x17, 0xbe, 0xcf),
];
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const FONT: &str = "sans-serif";
/// Width in pixels of the colour bar area next to a heatmap.
const COLORBAR_WIDTH: u32 = 90;
/// Colour steps drawn in a colour bar.
const COLORBAR_STEPS: usize = 64;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// The SVG text of `fig`. A drawing error (none is expected: all input is validated when the
/// figure is built) becomes an SVG that shows the message.
pub(super) fn svg(fig: &Figure) -> String {
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, fig.size).into_drawing_area();
        draw(fig, &root).and_then(|()| root.present().map_err(Into::into))
    };
    match drawn {
        Ok(()) => out,
        Err(e) => {
            let message = e.to_string().replace('&', "&amp;").replace('<', "&lt;");
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\"><text x=\"10\" y=\"20\">plot failed: {message}</text></svg>",
                fig.size.0, fig.size.1
            )
        }
    }
}

fn draw(fig: &Figure, root: &Area) -> DrawResult {
    root.fill(&WHITE)?;
    let (plot_area, colorbar_area) = match &fig.heatmap {
        Some(_) => {
            let (a, b) = root.split_horizontally(fig.size.0.saturating_sub(COLORBAR_WIDTH));
            (a, Some(b))
        }
        None => (root.clone(), None),
    };
    let (x_range, y_range) = match &fig.heatmap {
        // Cells are unit squares centred on integer coordinates, as in imshow.
        Some(h) => ((-0.5, h.cols as f64 - 0.5), (-0.5, h.rows as f64 - 0.5)),
        None => (data_range(&fig.series, Axis::X), data_range(&fig.series, Axis::Y)),
    };
    let mut builder = ChartBuilder::on(&plot_area);
    builder.margin(12).x_label_area_size(45).y_label_area_size(60);
    if let Some(t) = &fig.title {
        builder.caption(t, (FONT, 20));
    }
    let mut chart = builder.build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)?;

    let rows = fig.heatmap.as_ref().map_or(0, |h| h.rows);
    // Heatmap rows count downwards from the top; only integer positions get a tick label.
    let x_fmt = |v: &f64| {
        if fig.heatmap.is_some() {
            integer_tick(*v)
        } else {
            tick(*v, x_range)
        }
    };
    let y_fmt = |v: &f64| {
        if fig.heatmap.is_some() {
            integer_tick(rows as f64 - 1.0 - *v)
        } else {
            tick(*v, y_range)
        }
    };
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(GRID)
        .max_light_lines(0)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 15))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt);
    if let Some(l) = &fig.xlabel {
        mesh.x_desc(l);
    }
    if let Some(l) = &fig.ylabel {
        mesh.y_desc(l);
    }
    if fig.heatmap.is_some() {
        mesh.disable_mesh();
    }
    mesh.draw()?;

    if let Some(h) = &fig.heatmap {
        let (lo, hi) = finite_range(&h.values);
        chart.draw_series(heat_cells(h, lo, hi))?;
        if let Some(area) = colorbar_area {
            draw_colorbar(&area, lo, hi)?;
        }
    }

    let mut labelled = false;
    for (i, s) in fig.series.iter().enumerate() {
        let color = CYCLE[i % CYCLE.len()];
        let points = || {
            s.x.iter()
                .zip(&s.y)
                .map(|(&x, &y)| (x, y))
                .filter(|(x, y)| x.is_finite() && y.is_finite())
        };
        let anno = match s.kind {
            Kind::Line => chart.draw_series(LineSeries::new(points(), color.stroke_width(2)))?,
            Kind::LineMarkers => {
                chart.draw_series(points().map(|p| Circle::new(p, 4, color.filled())))?;
                chart.draw_series(LineSeries::new(points(), color.stroke_width(2)))?
            }
            Kind::Scatter => chart.draw_series(points().map(|p| Circle::new(p, 4, color.mix(0.8).filled())))?,
            Kind::Bars { width } => chart.draw_series(
                points().map(|(x, y)| Rectangle::new([(x - width / 2.0, 0.0), (x + width / 2.0, y)], color.filled())),
            )?,
        };
        if let Some(label) = &s.label {
            labelled = true;
            // Legend swatches are lines: circles and rectangles in the SVG stay data marks only.
            anno.label(label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], color.stroke_width(3)));
        }
    }
    if labelled {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font((FONT, 13))
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .draw()?;
    }
    Ok(())
}

fn heat_cells(h: &Heatmap, lo: f64, hi: f64) -> impl Iterator<Item = Rectangle<(f64, f64)>> + '_ {
    h.values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(move |(k, &v)| {
            let (r, c) = ((k / h.cols) as f64, (k % h.cols) as f64);
            let y = h.rows as f64 - 1.0 - r;
            Rectangle::new([(c - 0.5, y - 0.5), (c + 0.5, y + 0.5)], color_of(v, lo, hi).filled())
        })
}

/// matplotlib's default colour map, viridis, at 9 evenly spaced points (interpolated between).
/// Ours rather than plotters' `colormaps` feature, which pulls in its full palette.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (0x44, 0x01, 0x54),
    (0x47, 0x2c, 0x7a),
    (0x3b, 0x51, 0x8b),
    (0x2c, 0x71, 0x8e),
    (0x21, 0x90, 0x8d),
    (0x27, 0xad, 0x81),
    (0x5c, 0xc8, 0x63),
    (0xaa, 0xdc, 0x32),
    (0xfd, 0xe7, 0x25),
];

fn color_of(v: f64, lo: f64, hi: f64) -> RGBColor {
    let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0) * (VIRIDIS.len() - 1) as f64;
    let k = (t.floor() as usize).min(VIRIDIS.len() - 2);
    let f = t - k as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (VIRIDIS[k], VIRIDIS[k + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn draw_colorbar(area: &Area, lo: f64, hi: f64) -> DrawResult {
    let mut chart = ChartBuilder::on(area)
        .margin_top(45)
        .margin_bottom(57)
        .margin_left(4)
        .margin_right(8)
        .right_y_label_area_size(55)
        .build_cartesian_2d(0.0..1.0, lo..hi)?;
    let step = (hi - lo) / COLORBAR_STEPS as f64;
    chart.draw_series((0..COLORBAR_STEPS).map(|k| {
        let y0 = lo + k as f64 * step;
        Rectangle::new(
            [(0.0, y0), (1.0, y0 + step)],
            color_of(y0 + step / 2.0, lo, hi).filled(),
        )
    }))?;
    let fmt = |v: &f64| tick(*v, (lo, hi));
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(6)
        .label_style((FONT, 12))
        .y_label_formatter(&fmt)
        .draw()?;
    Ok(())
}

#[derive(Clone, Copy)]
enum Axis {
    X,
    Y,
}

/// Axis limits as matplotlib's autoscale picks them: the data range plus 5% on each side;
/// bars extend to their edges and stick to 0.
fn data_range(series: &[Series], axis: Axis) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let mut sticky_zero = false;
    for s in series {
        for (&x, &y) in s.x.iter().zip(&s.y).filter(|(x, y)| x.is_finite() && y.is_finite()) {
            let (a, b) = match (axis, s.kind) {
                (Axis::X, Kind::Bars { width }) => (x - width / 2.0, x + width / 2.0),
                (Axis::X, _) => (x, x),
                (Axis::Y, Kind::Bars { .. }) => {
                    sticky_zero = true;
                    (y.min(0.0), y.max(0.0))
                }
                (Axis::Y, _) => (y, y),
            };
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    if lo > hi {
        return (0.0, 1.0);
    }
    if lo == hi {
        let pad = if lo == 0.0 { 0.5 } else { lo.abs() * 0.05 };
        return (lo - pad, hi + pad);
    }
    let pad = (hi - lo) * 0.05;
    let lo = if sticky_zero && lo == 0.0 { 0.0 } else { lo - pad };
    let hi = if sticky_zero && hi == 0.0 { 0.0 } else { hi + pad };
    (lo, hi)
}

/// The range of the finite values (a degenerate range is widened so colours stay defined).
fn finite_range(values: &[f64]) -> (f64, f64) {
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        (0.0, 1.0)
    } else if lo == hi {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    }
}

/// A tick label on an axis spanning `range`: short, without float noise
/// (`0.30000000000000004` prints as `0.3`, and a tick a rounding error away from zero as `0`).
fn tick(v: f64, range: (f64, f64)) -> String {
    if v.abs() <= (range.1 - range.0).abs() * 1e-9 {
        return "0".to_owned();
    }
    let a = v.abs();
    if !(1e-3..1e5).contains(&a) {
        return format!("{v:.1e}");
    }
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A tick label on a cell axis: integers only.
fn integer_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}
