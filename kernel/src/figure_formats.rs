//! Which image formats a figure is sent in: IPython's
//! `%config InlineBackend.figure_formats = ['svg', 'png']`.
//!
//! `kernel_cell` renders figures as SVG and tags their MIME bundles with [`FIGURE_MIME`]. On
//! the way out, [`apply`] removes the tag and, as configured, adds a PNG rasterised from the
//! SVG (for frontends and converters that show no SVG, e.g. nbconvert's PDF export) or drops
//! the SVG. The default is SVG only: every frontend we test renders it, and it stays sharp.
//!
//! Rasterising happens here, in the kernel, rather than in the cell crate: every crate that
//! cells can see costs rust-analyzer time when a session starts.

use crate::interpreter::MimeBundle;
use resvg::{tiny_skia, usvg};
use serde_json::Value;
use std::sync::{Arc, Mutex, OnceLock};

/// The tag `kernel_cell` puts on a figure's bundle (keep in sync with `kernel_cell::FIGURE_MIME`).
pub const FIGURE_MIME: &str = "application/vnd.arraylib.figure";

/// The formats a figure can be sent in.
const KNOWN: [&str; 2] = ["svg", "png"];

/// The configured formats (one kernel process serves one session).
static FORMATS: Mutex<Formats> = Mutex::new(Formats { svg: true, png: false });

#[derive(Clone, Copy, Debug, PartialEq)]
struct Formats {
    svg: bool,
    png: bool,
}

/// Sets the formats from a `%config` value: a Python list, set or tuple of names, or one
/// quoted name (`InlineBackend.figure_format = 'png'`).
pub fn set(value: &str) -> Result<(), String> {
    let names: Vec<String> = value
        .trim()
        .trim_start_matches(['[', '{', '('])
        .trim_end_matches([']', '}', ')'])
        .split(',')
        .map(|n| n.trim().trim_matches(['\'', '"']).to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    if let Some(bad) = names.iter().find(|n| !KNOWN.contains(&n.as_str())) {
        return Err(format!(
            "figure format {bad:?} is not supported; choose from {}",
            KNOWN.map(|k| format!("'{k}'")).join(", ")
        ));
    }
    if names.is_empty() {
        return Err("give at least one figure format, e.g. ['svg', 'png']".into());
    }
    let formats = Formats {
        svg: names.iter().any(|n| n == "svg"),
        png: names.iter().any(|n| n == "png"),
    };
    *FORMATS.lock().unwrap_or_else(|e| e.into_inner()) = formats;
    Ok(())
}

/// The current formats as `%config` shows them: `['svg', 'png']`.
pub fn current() -> String {
    let f = *FORMATS.lock().unwrap_or_else(|e| e.into_inner());
    let names: Vec<&str> = [(f.svg, "'svg'"), (f.png, "'png'")]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
    format!("[{}]", names.join(", "))
}

/// Removes the figure tag from `bundle` and applies the configured formats; other bundles
/// pass unchanged. A figure whose SVG cannot be rasterised keeps its SVG.
pub fn apply(bundle: &mut MimeBundle) {
    if bundle.remove(FIGURE_MIME).is_none() {
        return;
    }
    let formats = *FORMATS.lock().unwrap_or_else(|e| e.into_inner());
    if !formats.png {
        return;
    }
    let Some(Value::String(svg)) = bundle.get("image/svg+xml") else {
        return;
    };
    match png_of(svg) {
        Ok(png) => {
            bundle.insert("image/png".into(), Value::String(base64(&png)));
            if !formats.svg {
                bundle.remove("image/svg+xml");
            }
        }
        Err(e) => eprintln!("[arraylib-kernel] figure kept as SVG only: {e}"),
    }
}

/// The system's fonts, loaded once; generic families map to DejaVu when the system has it
/// (Debian's default), so that text in figures renders in the PNG as in the browser.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            let has = |name: &str| db.faces().any(|f| f.families.iter().any(|(n, _)| n == name));
            let (sans, serif, mono) = (has("DejaVu Sans"), has("DejaVu Serif"), has("DejaVu Sans Mono"));
            if sans {
                db.set_sans_serif_family("DejaVu Sans");
            }
            if serif || sans {
                db.set_serif_family(if serif { "DejaVu Serif" } else { "DejaVu Sans" });
            }
            if mono {
                db.set_monospace_family("DejaVu Sans Mono");
            }
            Arc::new(db)
        })
        .clone()
}

/// Rasterises an SVG document at its own size into PNG bytes.
fn png_of(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("cannot parse the SVG: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| format!("cannot make a {}x{} image", size.width(), size.height()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// Standard base64 with padding, as Jupyter carries binary MIME data.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="white"/><text x="2" y="15" font-family="sans-serif">Hi</text></svg>"#;

    fn figure() -> MimeBundle {
        let mut b = MimeBundle::new();
        b.insert("text/plain".into(), "<Figure>".into());
        b.insert("image/svg+xml".into(), SVG.into());
        b.insert(FIGURE_MIME.into(), "".into());
        b
    }

    // One test, since the setting is process-wide.
    #[test]
    fn formats_follow_the_setting() {
        let mut b = figure();
        apply(&mut b);
        assert!(!b.contains_key(FIGURE_MIME) && b.contains_key("image/svg+xml") && !b.contains_key("image/png"));

        set("['svg', 'png']").unwrap();
        assert_eq!(current(), "['svg', 'png']");
        let mut b = figure();
        apply(&mut b);
        let png = b["image/png"].as_str().unwrap();
        assert!(png.starts_with("iVBORw0KGgo"), "PNG signature in base64: {png}");
        assert!(b.contains_key("image/svg+xml"));

        set("'png'").unwrap();
        let mut b = figure();
        apply(&mut b);
        assert!(b.contains_key("image/png") && !b.contains_key("image/svg+xml"));

        // Bundles that are not figures are left alone.
        let mut other = MimeBundle::new();
        other.insert("image/svg+xml".into(), SVG.into());
        apply(&mut other);
        assert!(!other.contains_key("image/png"));

        assert!(set("['jpeg']").unwrap_err().contains("'svg', 'png'"));
        assert!(set("[]").is_err());
        set("{'svg'}").unwrap();
        assert_eq!(current(), "['svg']");
    }
}
