//! Cell-side halves of the kernel's magics (`%whos`, `%env`, `name?`): the kernel
//! generates calls to these with the session's variables. Not meant to be called by hand.

use std::collections::BTreeMap;
use std::fmt::Debug;

/// A variable as `%whos` and `name?` see it; `(&Inspect(&x)).info()` works for every
/// type and uses `Debug` when the type has it (autoref specialisation).
pub struct Inspect<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> Clone for Inspect<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Inspect<'_, T> {}

/// `Inspect` of a `Debug` value.
pub trait InspectDebug {
    /// `%whos`'s Data/Info column.
    fn info(self) -> String;
    /// The full `Debug` text.
    fn text(self) -> String;
}

impl<T: Debug + ?Sized> InspectDebug for &Inspect<'_, T> {
    fn info(self) -> String {
        crate::with_shown(self.0, info_of)
    }

    fn text(self) -> String {
        format!("{:?}", self.0)
    }
}

/// `%whos`'s Data/Info column of a `Debug` value.
fn info_of(v: &crate::Shown<'_>) -> String {
    if let Some(a) = v.downcast::<arraylib::Array>() {
        return array_info(a);
    }
    let s = format!("{:?}", v.debug).replace('\n', "\\n");
    let n = s.chars().count();
    if n < 50 {
        s
    } else {
        // IPython's shortening: the first and last 25 characters.
        let head: String = s.chars().take(25).collect();
        let tail: String = s.chars().skip(n - 25).collect();
        format!("{head}<...>{tail}")
    }
}

/// `Inspect` of a value without `Debug`.
pub trait InspectOpaque {
    /// `%whos`'s Data/Info column.
    fn info(self) -> String;
    /// A placeholder text.
    fn text(self) -> String;
}

impl<T: ?Sized> InspectOpaque for Inspect<'_, T> {
    fn info(self) -> String {
        "<no Debug>".to_owned()
    }

    fn text(self) -> String {
        "<no Debug>".to_owned()
    }
}

/// IPython's ndarray line: `3x4: 12 elems, type `float64`, 96 bytes` (+ kb/Mb when large).
fn array_info(a: &arraylib::Array) -> String {
    let shape = a.shape().iter().map(|d| d.to_string()).collect::<Vec<_>>().join("x");
    let bytes = a.nbytes();
    let mut s = format!("{shape}: {} elems, type `{}`, {bytes} bytes", a.size(), a.dtype());
    // Python prints the float quotient with its repr (always a decimal point).
    let py_float = |x: f64| {
        if x.fract() == 0.0 {
            format!("{x:.1}")
        } else {
            format!("{x}")
        }
    };
    if bytes >= 100_000 {
        if bytes < 1 << 20 {
            s += &format!(" ({} kb)", py_float(bytes as f64 / 1024.0));
        } else {
            s += &format!(" ({} Mb)", py_float(bytes as f64 / 1048576.0));
        }
    }
    s
}

/// Prints `%whos`'s table from (name, type, Data/Info) rows, as IPython lays it out.
pub fn whos(rows: &[(&str, &str, String)]) {
    if rows.is_empty() {
        println!("Interactive namespace is empty.");
        return;
    }
    let width = |label: &str, col: &dyn Fn(&(&str, &str, String)) -> usize| {
        rows.iter().map(col).max().unwrap_or(0).max(label.len()) + 3
    };
    let vw = width("Variable", &|r| r.0.chars().count());
    let tw = width("Type", &|r| r.1.chars().count());
    let mut out = format!(
        "{:<vw$}{:<tw$} Data/Info\n{}\n",
        "Variable",
        "Type",
        "-".repeat(vw + tw + 10)
    );
    for (name, ty, info) in rows {
        out += &format!("{name:<vw$}{ty:<tw$} {info}\n");
    }
    print!("{out}");
}

/// `name?` on a variable: its type and value, as IPython's `Type:` / `String form:`.
pub fn pinfo(ty: &str, text: String, info: String) {
    println!("Type:        {ty}\nString form: {text}");
    if text.starts_with("array(") {
        println!("Info:        {info}");
    }
}

/// `%env`: the cell process's environment.
pub fn env_list() -> BTreeMap<String, String> {
    std::env::vars().collect()
}

/// `%env NAME`: one variable's value.
pub fn env_get(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("UsageError: Environment does not have key: {name}"))
}

/// `%env NAME=value`: sets a variable in the cell process (what cells and their child
/// processes see).
pub fn env_set(name: &str, value: &str) {
    // SAFETY: called from the cell's own thread between statements, the way IPython's
    // %env sets os.environ; arraylib does not read the environment concurrently.
    unsafe { std::env::set_var(name, value) };
    println!("env: {name}={value}");
}
