//! `.npz` archives: zip files of `.npy` members, as NumPy's `np.savez` writes them.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::npy::{read_npy, write_npy};
use super::{open_reporting, os_error};
use crate::array::Array;
use crate::error::{ArrayError, OrRaise, Result};

/// The arrays of a `.npz` archive by name, in archive order (NumPy's `NpzFile`, read eagerly:
/// a corrupt member fails the whole load).
///
/// ```
/// use arraylib::{Array, savez, load_npz};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("data.npz");
/// let x = Array::from_vec(vec![1, 2, 3]);
/// let y = Array::from_vec(vec![0.5]);
/// savez(&path, [("x", &x), ("y", &y)]);
/// let npz = load_npz(&path);
/// assert_eq!(npz.files(), vec!["x", "y"]);
/// assert_eq!(npz["x"].to_vec::<i32>().unwrap(), vec![1, 2, 3]);
/// assert!(npz.get("z").is_none());
/// ```
#[derive(Debug, Default)]
pub struct Npz {
    arrays: Vec<(String, Array)>,
}

impl Npz {
    /// The names of the arrays (NumPy's `npz.files`).
    pub fn files(&self) -> Vec<&str> {
        self.arrays.iter().map(|(name, _)| name.as_str()).collect()
    }

    /// The array called `name`.
    pub fn get(&self, name: &str) -> Option<&Array> {
        self.arrays.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }

    /// The array called `name`, or NumPy's `KeyError`-like error (a `ValueError` here).
    pub fn try_get(&self, name: &str) -> Result<&Array> {
        self.get(name)
            .ok_or_else(|| ArrayError::value(format!("{name} is not a file in the archive")))
    }

    /// Number of arrays.
    pub fn len(&self) -> usize {
        self.arrays.len()
    }

    /// Whether the archive holds no array.
    pub fn is_empty(&self) -> bool {
        self.arrays.is_empty()
    }

    /// `(name, array)` pairs in archive order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Array)> {
        self.arrays.iter().map(|(n, a)| (n.as_str(), a))
    }

    /// The pairs, by value.
    pub fn into_vec(self) -> Vec<(String, Array)> {
        self.arrays
    }
}

impl std::ops::Index<&str> for Npz {
    type Output = Array;
    /// Panics with `KeyError: ...` for a missing name, as `npz['x']` raises in NumPy.
    fn index(&self, name: &str) -> &Array {
        self.get(name)
            .unwrap_or_else(|| panic!("KeyError: '{name} is not a file in the archive'"))
    }
}

/// The path NumPy's `np.savez` writes: `.npz` is appended unless already there.
fn npz_path(path: &Path) -> PathBuf {
    if path.extension().is_some_and(|e| e == "npz") {
        path.to_path_buf()
    } else {
        let mut name = path.as_os_str().to_os_string();
        name.push(".npz");
        PathBuf::from(name)
    }
}

fn zip_error(e: zip::result::ZipError) -> ArrayError {
    ArrayError::value(format!("not a valid .npz archive: {e}"))
}

fn write_archive<'a, K: AsRef<str>>(
    path: &Path,
    arrays: impl IntoIterator<Item = (K, &'a Array)>,
    method: CompressionMethod,
) -> Result<()> {
    let path = npz_path(path);
    let arrays: Vec<(K, &Array)> = arrays.into_iter().collect();
    for (i, (name, _)) in arrays.iter().enumerate() {
        if arrays[..i].iter().any(|(other, _)| other.as_ref() == name.as_ref()) {
            return Err(ArrayError::value(format!(
                "Cannot use the name '{}' twice in one archive",
                name.as_ref()
            )));
        }
    }
    let file = File::create(&path).map_err(|e| os_error(&e, &path))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    // NumPy forces zip64 headers on every member so that arrays over 4 GiB can be written.
    let options = SimpleFileOptions::default().compression_method(method).large_file(true);
    for (name, array) in arrays {
        zip.start_file(format!("{}.npy", name.as_ref()), options)
            .map_err(zip_error)?;
        write_npy(&mut zip, array)?;
    }
    let mut out = zip.finish().map_err(zip_error)?;
    out.flush().map_err(|e| os_error(&e, &path))
}

/// Saves named arrays in an uncompressed `.npz` archive (NumPy's `np.savez(path, x=x, y=y)`;
/// name positional arrays `arr_0`, `arr_1`, ... as NumPy does). `.npz` is appended to the path
/// unless already there.
///
/// ```
/// use arraylib::{Array, try_savez, try_load_npz};
/// let dir = tempfile::tempdir().unwrap();
/// let a = Array::from_vec(vec![1.5, 2.5]);
/// try_savez(dir.path().join("one"), [("arr_0", &a)]).unwrap();
/// let npz = try_load_npz(dir.path().join("one.npz")).unwrap();
/// assert_eq!(npz["arr_0"].to_vec::<f64>().unwrap(), vec![1.5, 2.5]);
/// ```
pub fn try_savez<'a, K: AsRef<str>>(
    path: impl AsRef<Path>,
    arrays: impl IntoIterator<Item = (K, &'a Array)>,
) -> Result<()> {
    write_archive(path.as_ref(), arrays, CompressionMethod::Stored)
}

/// [`try_savez`] that panics with the error (notebook use).
pub fn savez<'a, K: AsRef<str>>(path: impl AsRef<Path>, arrays: impl IntoIterator<Item = (K, &'a Array)>) {
    try_savez(path, arrays).or_raise()
}

/// Like [`try_savez`], with deflate compression (NumPy's `np.savez_compressed`).
///
/// ```
/// use arraylib::{Array, try_savez_compressed, try_load_npz};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("z.npz");
/// let zeros = arraylib::zeros([1000], arraylib::DType::Float64);
/// try_savez_compressed(&path, [("zeros", &zeros)]).unwrap();
/// assert!(std::fs::metadata(&path).unwrap().len() < 1000);
/// assert_eq!(try_load_npz(&path).unwrap()["zeros"].shape(), &[1000]);
/// ```
pub fn try_savez_compressed<'a, K: AsRef<str>>(
    path: impl AsRef<Path>,
    arrays: impl IntoIterator<Item = (K, &'a Array)>,
) -> Result<()> {
    write_archive(path.as_ref(), arrays, CompressionMethod::Deflated)
}

/// [`try_savez_compressed`] that panics with the error (notebook use).
pub fn savez_compressed<'a, K: AsRef<str>>(path: impl AsRef<Path>, arrays: impl IntoIterator<Item = (K, &'a Array)>) {
    try_savez_compressed(path, arrays).or_raise()
}

/// Loads every array of a `.npz` archive (stored or deflated, as NumPy writes them). Members
/// whose names do not end in `.npy` are skipped; a corrupt member or archive is a `ValueError`.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("bad.npz");
/// std::fs::write(&path, b"PK\x03\x04 truncated").unwrap();
/// assert!(arraylib::try_load_npz(&path).is_err());
/// ```
pub fn try_load_npz(path: impl AsRef<Path>) -> Result<Npz> {
    let path = path.as_ref();
    let (file, _) = open_reporting(path)?;
    read_archive(BufReader::new(file))
}

fn read_archive(reader: impl Read + Seek) -> Result<Npz> {
    let mut archive = ZipArchive::new(reader).map_err(zip_error)?;
    let mut arrays = Vec::new();
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).map_err(zip_error)?;
        let name = member.name().map_err(zip_error)?.into_owned();
        let Some(key) = name.strip_suffix(".npy") else { continue };
        let size = member.size();
        let array = read_npy(&mut member, Some(size))
            .map_err(|e| ArrayError::new(e.kind(), format!("{} (in member {name})", e.message())))?;
        // Reading to the end makes the zip reader check the member's CRC.
        std::io::copy(&mut member, &mut std::io::sink())
            .map_err(|e| ArrayError::value(format!("corrupt member {name} in .npz archive: {e}")))?;
        arrays.push((key.to_string(), array));
    }
    Ok(Npz { arrays })
}

/// [`try_load_npz`] that panics with the error (notebook use).
pub fn load_npz(path: impl AsRef<Path>) -> Npz {
    try_load_npz(path).or_raise()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(method: CompressionMethod) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.npz");
        let a = Array::from_shape_vec([2, 3], (0..6).map(|i| i as f64).collect()).unwrap();
        let b = Array::from_strings(["x", "yz"], 2);
        let dt = crate::DType::record(&[("s", crate::DType::Str(2)), ("n", crate::DType::Int16)]).unwrap();
        let c = Array::try_from_fields(dt, &[b.clone(), Array::from_vec(vec![7i16, -8])]).unwrap();
        write_archive(&path, [("a", &a), ("b", &b), ("c", &c)], method).unwrap();
        std::fs::read(&path).unwrap()
    }

    #[test]
    fn round_trip_both_methods() {
        for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
            let bytes = archive(method);
            let npz = read_archive(std::io::Cursor::new(bytes)).unwrap();
            assert_eq!(npz.files(), vec!["a", "b", "c"]);
            assert_eq!(npz["b"].to_vec::<String>().unwrap(), vec!["x", "yz"]);
            assert_eq!(npz["c"].field("s").to_vec::<String>().unwrap(), vec!["x", "yz"]);
            assert_eq!(npz["c"].field("n").to_vec::<i16>().unwrap(), vec![7, -8]);
        }
    }

    #[test]
    fn truncated_and_corrupt_archives_are_errors() {
        for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
            let bytes = archive(method);
            for cut in 0..bytes.len() {
                assert!(
                    read_archive(std::io::Cursor::new(bytes[..cut].to_vec())).is_err(),
                    "cut {cut}"
                );
            }
            for i in 0..bytes.len() {
                let mut bad = bytes.clone();
                bad[i] ^= 0x55;
                // Never a panic; a flipped data byte is caught by the CRC check.
                let _ = read_archive(std::io::Cursor::new(bad));
            }
        }
    }

    #[test]
    fn duplicate_names_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = Array::from_vec(vec![1]);
        assert!(try_savez(dir.path().join("d"), [("a", &a), ("a", &a)]).is_err());
    }
}
