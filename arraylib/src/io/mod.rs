//! Files shared with NumPy: `.npy` ([`save`], [`load`]), `.npz` archives ([`savez`],
//! [`savez_compressed`], [`load_npz`]), memory-mapped `.npy` files ([`open_memmap`], and raw
//! binary files with [`memmap`]) and text tables ([`loadtxt`], [`genfromtxt`], [`savetxt`]).
//!
//! Files are byte-compatible with NumPy's: every file NumPy writes for the dtypes arraylib has
//! loads here, and `.npy` files written here are byte-identical to `np.save`'s. A truncated or
//! corrupt file is a `ValueError` with a message saying what is wrong, never a panic and never
//! a partial array.
//!
//! Loading reports the bytes read to the [`progress`](crate::progress) observer, if a host
//! registered one (the notebook kernel shows a bar for large files), and stops at an interrupt.
//!
//! Structured (record) arrays are read and written too: in `.npy`/`.npz` files as NumPy's
//! packed records (`descr` a list of `(name, type)` fields, each in its own byte order, C or F
//! order), split into arraylib's one storage per field as they are read and interleaved again
//! as they are written; in text, one record per line ([`loadtxt`] and [`genfromtxt`] with a
//! structured dtype, [`genfromtxt_records`] naming the fields from the header, [`savetxt`] of a
//! 1-D structured array). A structured dtype arraylib cannot represent (nested records,
//! sub-array fields, titles, padding, object fields) is a `TypeError` that names it, and
//! structured files cannot be memory-mapped (the file interleaves what arraylib keeps apart).

mod memmap;
mod npy;
mod npy_header;
mod npz;
mod text;

pub use text::{
    GenFromTxtOptions, LoadTxtOptions, SaveTxtOptions, genfromtxt, genfromtxt_names, genfromtxt_records, loadtxt,
    savetxt, try_genfromtxt, try_genfromtxt_names, try_genfromtxt_records, try_loadtxt, try_savetxt,
};

use std::path::Path;

pub use memmap::{MemmapOptions, memmap, open_memmap, try_memmap, try_open_memmap};
pub use npy::{load, save, try_load, try_save};
pub use npz::{Npz, load_npz, savez, savez_compressed, try_load_npz, try_savez, try_savez_compressed};

use crate::error::{ArrayError, ErrorKind, Result};
use crate::progress::Reporting;

/// Opens `path` for reading through a reader that reports progress (see
/// [`progress`](crate::progress)), with the file's length in bytes.
pub(crate) fn open_reporting(path: &Path) -> Result<(Reporting<std::fs::File>, u64)> {
    let file = std::fs::File::open(path).map_err(|e| os_error(&e, path))?;
    let len = file.metadata().map_err(|e| os_error(&e, path))?.len();
    let name = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy();
    Ok((Reporting::new(file, &format!("load {name}"), len), len))
}

/// An operating-system error on `path` as Python words it:
/// `[Errno 2] No such file or directory: 'x.npy'` is a `FileNotFoundError`.
pub(crate) fn os_error(error: &std::io::Error, path: &Path) -> ArrayError {
    let kind = if error.kind() == std::io::ErrorKind::NotFound {
        ErrorKind::FileNotFound
    } else {
        ErrorKind::Os
    };
    let text = error.to_string();
    // Rust words it "No such file or directory (os error 2)"; Python "[Errno 2] No such ...".
    let message = match (error.raw_os_error(), text.rfind(" (os error")) {
        (Some(code), Some(at)) => format!("[Errno {code}] {}: '{}'", &text[..at], path.display()),
        _ => format!("{text}: '{}'", path.display()),
    };
    ArrayError::new(kind, message)
}
