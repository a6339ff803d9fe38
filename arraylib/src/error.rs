//! The one error type of arraylib, with NumPy's exception kinds.
//!
//! Every fallible operation returns [`Result<T>`]. Notebook-facing operators (`+`, `[]`-like
//! indexing helpers, methods without a `try_` prefix) panic with the same error, formatted as
//! `"<ExceptionName>: <message>"`, so that a Jupyter kernel can turn the panic back into a
//! NumPy-like `ValueError` / `IndexError` / ... for the user.

use std::fmt;

/// The kind of an [`ArrayError`]; each maps to the Python exception NumPy raises.
///
/// ```
/// use arraylib::ErrorKind;
/// assert_eq!(ErrorKind::Axis.exception_name(), "AxisError");
/// assert_eq!(ErrorKind::Linalg.exception_name(), "LinAlgError");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Operands could not be broadcast together (`ValueError`).
    Broadcast,
    /// Index out of bounds, wrong mask length, too many indices (`IndexError`).
    Index,
    /// Axis out of range (`AxisError`).
    Axis,
    /// Shapes that do not fit: reshape, concatenate, matmul core dimensions (`ValueError`).
    Shape,
    /// Any other bad value (`ValueError`).
    Value,
    /// An operation that does not exist for a dtype (`TypeError`).
    Type,
    /// A result that cannot be cast to the destination under `same_kind` (`UFuncTypeError`).
    Casting,
    /// A Rust integer scalar out of range for the array's dtype (`OverflowError`).
    Overflow,
    /// Singular, non-square or non-positive-definite input (`LinAlgError`).
    Linalg,
    /// A file that does not exist (`FileNotFoundError`).
    FileNotFound,
    /// Any other failure of the operating system to read or write a file (`OSError`).
    Os,
}

impl ErrorKind {
    /// The name of the Python exception NumPy raises for this kind.
    ///
    /// ```
    /// assert_eq!(arraylib::ErrorKind::Index.exception_name(), "IndexError");
    /// ```
    pub fn exception_name(self) -> &'static str {
        match self {
            ErrorKind::Broadcast | ErrorKind::Shape | ErrorKind::Value => "ValueError",
            ErrorKind::Index => "IndexError",
            ErrorKind::Axis => "AxisError",
            ErrorKind::Type => "TypeError",
            ErrorKind::Casting => "UFuncTypeError",
            ErrorKind::Overflow => "OverflowError",
            ErrorKind::Linalg => "LinAlgError",
            ErrorKind::FileNotFound => "FileNotFoundError",
            ErrorKind::Os => "OSError",
        }
    }
}

/// An error from an array operation: a [`ErrorKind`] and a NumPy-like message.
///
/// `Display` prints `"<ExceptionName>: <message>"`.
///
/// ```
/// use arraylib::{ArrayError, ErrorKind};
/// let e = ArrayError::new(ErrorKind::Index, "index 5 is out of bounds for axis 0 with size 3");
/// assert_eq!(e.to_string(), "IndexError: index 5 is out of bounds for axis 0 with size 3");
/// assert_eq!(e.kind(), ErrorKind::Index);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrayError {
    kind: ErrorKind,
    message: String,
}

/// Shorthand for results of array operations.
pub type Result<T, E = ArrayError> = std::result::Result<T, E>;

impl ArrayError {
    /// Makes an error of `kind` with `message`.
    ///
    /// ```
    /// let e = arraylib::ArrayError::new(arraylib::ErrorKind::Value, "bad");
    /// assert_eq!(e.message(), "bad");
    /// ```
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ArrayError {
            kind,
            message: message.into(),
        }
    }

    /// The kind of error.
    ///
    /// ```
    /// let e = arraylib::ArrayError::new(arraylib::ErrorKind::Type, "x");
    /// assert_eq!(e.kind(), arraylib::ErrorKind::Type);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the exception name.
    ///
    /// ```
    /// let e = arraylib::ArrayError::new(arraylib::ErrorKind::Type, "x");
    /// assert_eq!(e.message(), "x");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error NumPy raises when two shapes do not broadcast.
    ///
    /// ```
    /// let e = arraylib::ArrayError::broadcast(&[&[2, 3], &[2]]);
    /// assert_eq!(e.message(), "operands could not be broadcast together with shapes (2,3) (2,) ");
    /// ```
    pub fn broadcast(shapes: &[&[usize]]) -> Self {
        let mut message = String::from("operands could not be broadcast together with shapes ");
        for shape in shapes {
            message.push_str(&shape_str(shape));
            message.push(' ');
        }
        ArrayError::new(ErrorKind::Broadcast, message)
    }

    /// The error NumPy raises for an axis out of range.
    ///
    /// ```
    /// let e = arraylib::ArrayError::axis(2, 2);
    /// assert_eq!(e.message(), "axis 2 is out of bounds for array of dimension 2");
    /// ```
    pub fn axis(axis: isize, ndim: usize) -> Self {
        ArrayError::new(
            ErrorKind::Axis,
            format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        )
    }

    /// The error NumPy raises for an index out of bounds.
    ///
    /// ```
    /// let e = arraylib::ArrayError::index_bounds(5, 0, 3);
    /// assert_eq!(e.message(), "index 5 is out of bounds for axis 0 with size 3");
    /// ```
    pub fn index_bounds(index: i64, axis: usize, size: usize) -> Self {
        ArrayError::new(
            ErrorKind::Index,
            format!("index {index} is out of bounds for axis {axis} with size {size}"),
        )
    }

    /// A `ValueError`.
    ///
    /// ```
    /// assert_eq!(arraylib::ArrayError::value("x").kind(), arraylib::ErrorKind::Value);
    /// ```
    pub fn value(message: impl Into<String>) -> Self {
        ArrayError::new(ErrorKind::Value, message)
    }

    /// A shape mismatch (`ValueError`).
    ///
    /// ```
    /// assert_eq!(arraylib::ArrayError::shape("x").kind(), arraylib::ErrorKind::Shape);
    /// ```
    pub fn shape(message: impl Into<String>) -> Self {
        ArrayError::new(ErrorKind::Shape, message)
    }

    /// A `TypeError`.
    ///
    /// ```
    /// assert_eq!(arraylib::ArrayError::type_error("x").kind(), arraylib::ErrorKind::Type);
    /// ```
    pub fn type_error(message: impl Into<String>) -> Self {
        ArrayError::new(ErrorKind::Type, message)
    }
}

impl fmt::Display for ArrayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.exception_name(), self.message)
    }
}

impl std::error::Error for ArrayError {}

/// Formats a shape the way NumPy prints it: `(2,3)`, `(2,)`, `()`.
///
/// ```
/// assert_eq!(arraylib::error::shape_str(&[2, 3]), "(2,3)");
/// assert_eq!(arraylib::error::shape_str(&[4]), "(4,)");
/// assert_eq!(arraylib::error::shape_str(&[]), "()");
/// ```
pub fn shape_str(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(","))
        }
    }
}

/// Unwraps a result for notebook-facing operations: panics with the error's `Display`,
/// which a kernel parses back into an exception name and message.
pub(crate) trait OrRaise<T> {
    fn or_raise(self) -> T;
}

impl<T> OrRaise<T> for Result<T> {
    #[track_caller]
    fn or_raise(self) -> T {
        match self {
            Ok(value) => value,
            Err(error) => panic!("{error}"),
        }
    }
}
