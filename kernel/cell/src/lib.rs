//! Cell-side support for the arraylib Jupyter kernel.
//!
//! Every notebook session starts with `use kernel_cell::prelude::*;`, which brings
//! in arraylib's prelude plus a display API. Output that is not plain text travels
//! to the kernel as one marker line on stdout (`\x01ARRAYLIB_KERNEL\x02 {json}`);
//! the kernel turns it into `display_data`, `update_display_data` or `clear_output`
//! at once, while the cell is still running.

/// arraylib itself, for paths like `arraylib::linalg::...`: cells see it through this
/// crate only, since a second, static copy next to this dylib could not be linked.
pub use arraylib;

use std::fmt::{Debug, Write as _};
use std::io::Write as _;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

pub mod magics;
pub mod plot;
pub mod progress;
pub mod timing;

/// Names every cell sees.
pub mod prelude {
    pub use arraylib::prelude::*;

    pub use crate::plot::{Figure, Values, plot_explained_variance, plot_pca_projection, plot_singular_values};
    pub use crate::progress::{Progress, progress};
    pub use crate::timing::{TimeitResult, timeit};
    pub use crate::{
        DisplayHandle, EvcxrDisplay, Html, Latex, Markdown, Svg, check_interrupt, clear_output, clear_output_wait,
        display, display_mime, input, input_password, interrupt_requested,
    };
}

/// Prefix of the marker lines the kernel intercepts on stdout.
pub const MARKER: &str = "\u{1}ARRAYLIB_KERNEL\u{2} ";

/// The tag on a figure's MIME bundle: the kernel removes it and adds the PNG or drops the SVG
/// as `%config InlineBackend.figure_formats` says (keep in sync with the kernel's
/// `figure_formats::FIGURE_MIME`).
pub const FIGURE_MIME: &str = "application/vnd.arraylib.figure";

/// HTML to be rendered by the frontend: `display(&Html::new("<b>hi</b>"))`.
#[derive(Clone)]
pub struct Html(pub String);
/// Markdown text.
#[derive(Clone)]
pub struct Markdown(pub String);
/// An SVG image (the XML text).
#[derive(Clone)]
pub struct Svg(pub String);
/// LaTeX math, e.g. `$\frac{1}{2}$`.
#[derive(Clone)]
pub struct Latex(pub String);

macro_rules! rich_text {
    ($($t:ident => $mime:literal),*) => {$(
        impl $t {
            /// Wraps the text.
            pub fn new(text: impl Into<String>) -> Self {
                $t(text.into())
            }
        }
        impl Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "<{} {}>", stringify!($t), $mime)
            }
        }
    )*};
}
rich_text!(Html => "text/html", Markdown => "text/markdown", Svg => "image/svg+xml", Latex => "text/latex");

/// A value of any `Debug` type, seen through what the non-generic display code needs.
///
/// The display entry points are generic (cells pass values of every type), but their
/// bodies are compiled into every cell that calls them. So the generic part only builds
/// this description, and the work (type checks, HTML, JSON, printing) lives in functions
/// compiled once into this crate: a cell's compile stays short.
pub(crate) struct Shown<'a> {
    type_name: &'static str,
    size: usize,
    addr: *const u8,
    pub(crate) debug: &'a dyn Debug,
}

/// `&T` for an unsized `T` cannot become `&dyn Debug`; a reference to this wrapper can.
struct DebugRef<'a, T: ?Sized>(&'a T);

impl<T: Debug + ?Sized> Debug for DebugRef<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Describes `v` and hands it to `f` (the only generic code a displayed value costs).
pub(crate) fn with_shown<T: Debug + ?Sized, R>(v: &T, f: impl FnOnce(&Shown<'_>) -> R) -> R {
    let debug = DebugRef(v);
    f(&Shown {
        type_name: std::any::type_name::<T>(),
        size: std::mem::size_of_val(v),
        addr: v as *const T as *const u8,
        debug: &debug,
    })
}

impl Shown<'_> {
    /// The value as a `&U` when it is a `U`.
    ///
    /// Cells display values of any `Debug` type, including borrowed, non-`'static`
    /// ones, so `Any` downcasting is not available; type names are unique for the
    /// one arraylib in the session and we also compare sizes.
    pub(crate) fn downcast<U>(&self) -> Option<&U> {
        (self.type_name == std::any::type_name::<U>() && self.size == std::mem::size_of::<U>())
            // SAFETY: the value is a U (same type name within one build, same size).
            .then(|| unsafe { &*(self.addr as *const U) })
    }

    /// The MIME bundle: see [`mime_bundle`].
    fn bundle(&self) -> Vec<(&'static str, String)> {
        let plain = || format!("{:?}", self.debug);
        if let Some(a) = self.downcast::<arraylib::Array>() {
            return vec![("text/plain", plain()), ("text/html", array_html(a))];
        }
        if let Some(f) = self.downcast::<plot::Figure>() {
            return vec![
                ("text/plain", plain()),
                ("image/svg+xml", f.to_svg()),
                (FIGURE_MIME, String::new()),
            ];
        }
        if let Some(h) = self.downcast::<Html>() {
            return vec![("text/plain", plain()), ("text/html", h.0.clone())];
        }
        if let Some(m) = self.downcast::<Markdown>() {
            return vec![("text/plain", m.0.clone()), ("text/markdown", m.0.clone())];
        }
        if let Some(s) = self.downcast::<Svg>() {
            return vec![("text/plain", plain()), ("image/svg+xml", s.0.clone())];
        }
        if let Some(l) = self.downcast::<Latex>() {
            return vec![("text/plain", l.0.clone()), ("text/latex", l.0.clone())];
        }
        vec![("text/plain", plain())]
    }
}

/// The MIME bundle of a value: arrays get text/plain (NumPy repr) and text/html,
/// figures image/svg+xml (tagged with [`FIGURE_MIME`]), rich wrappers their MIME type, everything else its `Debug` text.
///
/// ```
/// use kernel_cell::prelude::*;
///
/// let bundle = kernel_cell::mime_bundle(&array![1, 2]);
/// assert_eq!(bundle[0], ("text/plain", "array([1, 2])".to_string()));
/// assert_eq!(bundle[1].0, "text/html");
/// assert_eq!(kernel_cell::mime_bundle(&(1, "a")), vec![("text/plain", "(1, \"a\")".to_string())]);
/// ```
pub fn mime_bundle<T: Debug + ?Sized>(v: &T) -> Vec<(&'static str, String)> {
    with_shown(v, |v| v.bundle())
}

/// HTML table for an array (arraylib's own renderer: caption with dtype and shape).
pub fn array_html(a: &arraylib::Array) -> String {
    a.to_html()
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn bundle_json(bundle: &[(&str, String)]) -> String {
    let fields: Vec<String> = bundle
        .iter()
        .map(|(k, v)| format!("{}:{}", json_str(k), json_str(v)))
        .collect();
    format!("{{{}}}", fields.join(","))
}

fn emit(json: &str) {
    let mut out = std::io::stdout().lock();
    // A partial line printed before (print! without newline) ends up in front of the
    // marker on the same line; the kernel splits it off and streams it.
    let _ = writeln!(out, "{MARKER}{json}");
    let _ = out.flush();
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// An output that can be replaced in place later (`update_display_data`).
#[derive(Debug, Clone)]
pub struct DisplayHandle {
    id: String,
}

impl DisplayHandle {
    /// Replaces the displayed output with `v`.
    pub fn update<T: Debug + ?Sized>(&self, v: &T) {
        with_shown(v, |v| self.update_shown(v));
    }

    fn update_shown(&self, v: &Shown<'_>) {
        self.update_bundle(&v.bundle());
    }

    /// Replaces the displayed output with a ready MIME bundle.
    pub(crate) fn update_bundle(&self, bundle: &[(&str, String)]) {
        emit(&format!(
            "{{\"kind\":\"display\",\"update\":true,\"display_id\":{},\"data\":{}}}",
            json_str(&self.id),
            bundle_json(bundle)
        ));
    }

    /// The display id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

fn new_display_id() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}-{t:x}-{}",
        std::process::id(),
        NEXT_ID.fetch_add(1, Ordering::Relaxed)
    )
}

fn display_shown(v: &Shown<'_>) -> DisplayHandle {
    display_bundle(&v.bundle())
}

pub(crate) fn display_bundle(bundle: &[(&str, String)]) -> DisplayHandle {
    let handle = DisplayHandle { id: new_display_id() };
    emit(&format!(
        "{{\"kind\":\"display\",\"update\":false,\"display_id\":{},\"data\":{}}}",
        json_str(&handle.id),
        bundle_json(bundle)
    ));
    handle
}

/// Shows `v` now, as `display_data` (arrays as HTML tables). Returns a handle
/// whose [`DisplayHandle::update`] replaces this output later.
pub fn display<T: Debug + ?Sized>(v: &T) -> DisplayHandle {
    with_shown(v, display_shown)
}

/// Shows raw content of a given MIME type, e.g. `display_mime("text/html", "<b>x</b>")`.
pub fn display_mime(mime: &'static str, content: impl Into<String>) -> DisplayHandle {
    let content = content.into();
    let mut bundle = vec![(mime, content.clone())];
    if mime != "text/plain" {
        bundle.push(("text/plain", format!("<{mime}>")));
    }
    display_bundle(&bundle)
}

/// Clears the cell's output now.
pub fn clear_output() {
    emit("{\"kind\":\"clear_output\",\"wait\":false}");
}

/// Clears the cell's output when the next output arrives (flicker-free animation).
pub fn clear_output_wait() {
    emit("{\"kind\":\"clear_output\",\"wait\":true}");
}

/// Gives every `Debug` value the method evcxr calls on a cell's final expression,
/// so results never need evcxr's compile-twice fallback.
pub trait EvcxrDisplay {
    /// Prints the value's MIME bundle in evcxr's result format.
    fn evcxr_display(&self);
}

impl<T: Debug + ?Sized> EvcxrDisplay for T {
    fn evcxr_display(&self) {
        with_shown(self, print_result);
    }
}

/// Prints a cell's result in evcxr's format (one block per MIME type).
fn print_result(v: &Shown<'_>) {
    let mut out = std::io::stdout().lock();
    for (mime, content) in v.bundle() {
        let _ = writeln!(out, "EVCXR_BEGIN_CONTENT {mime}\n{content}\nEVCXR_END_CONTENT");
    }
    let _ = out.flush();
}

/// Reads a line from the frontend (Jupyter `input_request`).
pub fn input(prompt: &str) -> String {
    read_input("EVCXR_INPUT_REQUEST", prompt)
}

/// Reads a password from the frontend without echo.
pub fn input_password(prompt: &str) -> String {
    read_input("EVCXR_INPUT_REQUEST_PASSWORD", prompt)
}

fn read_input(cmd: &str, prompt: &str) -> String {
    // evcxr's protocol: one request line on stdout, the answer as one line on stdin.
    println!("{cmd}:{}", prompt.replace(['\n', ':'], " "));
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    line.trim_end_matches(['\n', '\r']).to_owned()
}

/// Environment variable through which the kernel's runtime process publishes the
/// address of its interrupt flag (an `AtomicBool` that lives as long as the process).
pub const INTERRUPT_FLAG_VAR: &str = "ARRAYLIB_INTERRUPT_FLAG";

fn interrupt_flag() -> Option<&'static AtomicBool> {
    // The flag lives in the runtime executable (its signal handlers set it); this
    // library finds it via the environment, as arraylib does.
    static FLAG: OnceLock<usize> = OnceLock::new();
    let addr = *FLAG.get_or_init(|| {
        std::env::var(INTERRUPT_FLAG_VAR)
            .ok()
            .and_then(|v| usize::from_str_radix(v.trim_start_matches("0x"), 16).ok())
            .unwrap_or(0)
    });
    // SAFETY: the kernel sets the variable to the address of a static AtomicBool in
    // the runtime executable before any cell runs; 0 means "not under the kernel".
    (addr != 0).then(|| unsafe { &*(addr as *const AtomicBool) })
}

/// True when the user asked to interrupt (does not clear the request).
pub fn interrupt_requested() -> bool {
    interrupt_flag().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// Stops the cell with a `KeyboardInterrupt` when the user asked to interrupt.
/// Call it in long loops; arraylib's long operations call their own equivalent.
pub fn check_interrupt() {
    if let Some(f) = interrupt_flag()
        && f.load(Ordering::Relaxed)
        && f.swap(false, Ordering::SeqCst)
    {
        panic!("KeyboardInterrupt: interrupted by the user");
    }
}

/// Installs the panic hook that reports panics to the kernel (message and
/// location) instead of printing them to stderr, and shows a progress bar while arraylib
/// loads a large file. Run once per runtime process.
pub fn install() {
    arraylib::progress::set_observer(Some(std::sync::Arc::new(progress::FileLoads)));
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "Box<dyn Any>".to_owned()
        };
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current().name().unwrap_or("<unnamed>").to_owned();
        emit(&format!(
            "{{\"kind\":\"panic\",\"message\":{},\"location\":{},\"thread\":{}}}",
            json_str(&message),
            json_str(&location),
            json_str(&thread)
        ));
    }));
}
