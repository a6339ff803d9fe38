//! Round trips of `.npy`, `.npz` and text files against NumPy itself.
//!
//! Needs a Python with NumPy: `ARRAYLIB_PYTHON`, else `$ARRAYLIB_VENV/bin/python`, else the
//! project venv (`../.venv/bin/python` from the crate). Without one, each test prints why it is skipped and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use arraylib::*;

fn python() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("ARRAYLIB_PYTHON").map(PathBuf::from),
        std::env::var_os("ARRAYLIB_VENV").map(|v| PathBuf::from(v).join("bin/python")),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python")),
    ];
    for p in candidates.into_iter().flatten() {
        let ok = Command::new(&p)
            .args(["-c", "import numpy"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(p);
        }
    }
    eprintln!("numpy_files: skipped: no Python with numpy (set ARRAYLIB_PYTHON or run install/setup.sh)");
    None
}

fn run(py: &Path, dir: &Path, script: &str) {
    let out = Command::new(py)
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The start of every script: NumPy, and the structured dtypes of the cases.
const PREAMBLE: &str = "import numpy as np\n\
    REC = [('b', '?'), ('i1', 'i1'), ('i2', '<i2'), ('i4', '<i4'), ('i8', '<i8'), ('u1', 'u1'), ('u2', '<u2'), \
    ('u4', '<u4'), ('u8', '<u8'), ('f4', '<f4'), ('f8', '<f8'), ('c16', '<c16'), ('name', '<U5')]\n\
    REC_F = [('x', '<f8'), ('s', '<U2'), ('n', '<i2')]\n";

/// A structured array with a field of every dtype (NumPy's `REC`), three records.
fn every_field_record() -> Array {
    let spec = [
        ("b", DType::Bool),
        ("i1", DType::Int8),
        ("i2", DType::Int16),
        ("i4", DType::Int32),
        ("i8", DType::Int64),
        ("u1", DType::UInt8),
        ("u2", DType::UInt16),
        ("u4", DType::UInt32),
        ("u8", DType::UInt64),
        ("f4", DType::Float32),
        ("f8", DType::Float64),
        ("c16", DType::Complex128),
        ("name", DType::Str(5)),
    ];
    let columns = [
        Array::from_vec(vec![true, false, true]),
        Array::from_vec(vec![-128i8, 127, 0]),
        Array::from_vec(vec![-300i16, 7, 0]),
        Array::from_vec(vec![i32::MIN, i32::MAX, 0]),
        Array::from_vec(vec![i64::MIN, i64::MAX, 0]),
        Array::from_vec(vec![0u8, 255, 1]),
        Array::from_vec(vec![65535u16, 0, 1]),
        Array::from_vec(vec![4_000_000_000u32, 0, 1]),
        Array::from_vec(vec![u64::MAX, 0, 1]),
        Array::from_vec(vec![1.5f32, -0.25, 0.0]),
        Array::from_vec(vec![-2.25, 1e300, -0.0]),
        Array::from_vec(vec![
            Complex64::new(1.0, -2.0),
            Complex64::new(0.0, 3.5),
            Complex64::new(0.0, 0.0),
        ]),
        Array::from_strings(["héllo", "", "ab"], 5),
    ];
    Array::try_from_fields(DType::record(&spec).unwrap(), &columns).unwrap()
}

/// NumPy's `every_field_record()`.
const EVERY_FIELD_RECORD: &str = "np.array([\
    (True, -128, -300, -2**31, -2**63, 0, 65535, 4000000000, 2**64 - 1, 1.5, -2.25, 1 - 2j, 'héllo'), \
    (False, 127, 7, 2**31 - 1, 2**63 - 1, 255, 0, 0, 0, -0.25, 1e300, 3.5j, ''), \
    (True, 0, 0, 0, 0, 1, 1, 1, 1, 0.0, -0.0, 0j, 'ab')], dtype=REC)";

/// The arrays both sides build: (name, arraylib array, NumPy expression).
fn cases() -> Vec<(&'static str, Array, &'static str)> {
    let c = Array::from_shape_vec([2, 3], (0..6).map(|i| i as f64 * 1.5 - 2.0).collect()).unwrap();
    let rec_f = DType::record(&[("x", DType::Float64), ("s", DType::Str(2)), ("n", DType::Int16)]).unwrap();
    let rec_f = Array::try_from_fields(
        rec_f,
        &[
            Array::from_vec((0..6).map(|i| i as f64 * 0.5).collect()),
            Array::from_strings(["a", "bb", "c", "dd", "e", "ff"], 2),
            Array::from_vec((-3..3).collect::<Vec<i16>>()),
        ],
    )
    .unwrap();
    let utf8_names = DType::record(&[("σ", DType::Float64), ("ünï", DType::Int64)]).unwrap();
    vec![
        (
            "b",
            Array::from_vec(vec![true, false, true]),
            "np.array([True, False, True])",
        ),
        (
            "i1",
            Array::from_vec(vec![-128i8, 0, 127]),
            "np.array([-128, 0, 127], np.int8)",
        ),
        ("i2", Array::from_vec(vec![-300i16, 7]), "np.array([-300, 7], np.int16)"),
        (
            "i4",
            Array::from_shape_vec([2, 2], vec![1i32, -2, 3, 4]).unwrap(),
            "np.array([[1, -2], [3, 4]], np.int32)",
        ),
        (
            "i8",
            Array::from_vec(vec![i64::MIN, i64::MAX]),
            "np.array([-2**63, 2**63 - 1], np.int64)",
        ),
        ("u1", Array::from_vec(vec![0u8, 255]), "np.array([0, 255], np.uint8)"),
        ("u2", Array::from_vec(vec![65535u16]), "np.array([65535], np.uint16)"),
        (
            "u4",
            Array::from_vec(vec![4_000_000_000u32]),
            "np.array([4000000000], np.uint32)",
        ),
        (
            "u8",
            Array::from_vec(vec![u64::MAX]),
            "np.array([2**64 - 1], np.uint64)",
        ),
        (
            "f4",
            Array::from_vec(vec![1.5f32, -0.25]),
            "np.array([1.5, -0.25], np.float32)",
        ),
        ("f8", c.copy(), "np.arange(6).reshape(2, 3) * 1.5 - 2.0"),
        (
            "f8_F",
            c.copy_order(Order::F),
            "np.asfortranarray(np.arange(6).reshape(2, 3) * 1.5 - 2.0)",
        ),
        (
            "c16",
            Array::from_vec(vec![Complex64::new(1.0, -2.0), Complex64::new(0.0, 3.5)]),
            "np.array([1 - 2j, 3.5j])",
        ),
        (
            "U",
            Array::from_strings(["a", "héllo", ""], 5),
            "np.array(['a', 'héllo', ''], '<U5')",
        ),
        ("scalar", Array::scalar(7i64), "np.array(7)"),
        (
            "empty",
            Array::from_shape_vec([0, 3], Vec::<f64>::new()).unwrap(),
            "np.zeros((0, 3))",
        ),
        (
            "i8_F3",
            Array::from_shape_vec([2, 3, 4], (0..24i64).collect())
                .unwrap()
                .copy_order(Order::F),
            "np.asfortranarray(np.arange(24).reshape(2, 3, 4))",
        ),
        ("rec", every_field_record(), EVERY_FIELD_RECORD),
        (
            // The transpose of a C-ordered (3, 2) array: F-contiguous, saved in F order.
            "rec_F",
            rec_f.try_reshape([3, 2]).unwrap().t(),
            "np.array(list(zip(np.arange(6) * 0.5, ['a', 'bb', 'c', 'dd', 'e', 'ff'], range(-3, 3))), REC_F)\
             .reshape(3, 2).T",
        ),
        (
            "rec_empty",
            zeros(
                [0, 2],
                DType::record(&[("x", DType::Float64), ("s", DType::Str(2))]).unwrap(),
            ),
            "np.zeros((0, 2), [('x', '<f8'), ('s', '<U2')])",
        ),
        (
            "rec_scalar",
            zeros(
                [0usize; 0],
                DType::record(&[("a", DType::Bool), ("b", DType::UInt64)]).unwrap(),
            ),
            "np.zeros((), [('a', '?'), ('b', '<u8')])",
        ),
        (
            // Field names beyond latin-1: a version 3.0 header.
            "rec_utf8",
            Array::try_from_fields(utf8_names, &[Array::from_vec(vec![1.5]), Array::from_vec(vec![2i64])]).unwrap(),
            "np.array([(1.5, 2)], [('σ', '<f8'), ('ünï', '<i8')])",
        ),
    ]
}

fn same(a: &Array, b: &Array) -> bool {
    a.dtype() == b.dtype() && a.shape() == b.shape() && format!("{a:?}") == format!("{b:?}")
}

#[test]
fn npy_written_here_is_byte_identical_to_numpy() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut script = String::from(PREAMBLE);
    for (name, array, expr) in cases() {
        save(dir.path().join(format!("{name}.rs.npy")), &array);
        script.push_str(&format!(
            "a = np.load('{name}.rs.npy'); e = {expr}\n\
             assert a.dtype == e.dtype and a.shape == e.shape and a.flags.f_contiguous == e.flags.f_contiguous, '{name}'\n\
             assert (a == e).all(), '{name}'\n\
             np.save('{name}.np.npy', e)\n\
             assert open('{name}.np.npy', 'rb').read() == open('{name}.rs.npy', 'rb').read(), '{name} bytes'\n"
        ));
    }
    run(&py, dir.path(), &script);
}

#[test]
fn npy_and_npz_written_by_numpy_load_here() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut script = format!("{PREAMBLE}arrays = {{}}\n");
    for (name, _, expr) in cases() {
        script.push_str(&format!(
            "arrays['{name}'] = {expr}\nnp.save('{name}.npy', arrays['{name}'])\n"
        ));
    }
    script.push_str(
        "np.savez('all.npz', **arrays)\nnp.savez_compressed('allz.npz', **arrays)\n\
         np.save('big_endian.npy', np.array([1, -2, 300], '>i4'))\n\
         np.save('big_endian_f.npy', np.array([[1.5, 2], [3, 4]], '>f8', order='F'))\n\
         np.save('big_endian_u.npy', np.array(['ab', 'c'], '>U2'))\n\
         np.lib.format.write_array(open('v2.npy', 'wb'), np.arange(3), version=(2, 0))\n\
         np.lib.format.write_array(open('v3.npy', 'wb'), np.arange(3), version=(3, 0))\n",
    );
    run(&py, dir.path(), &script);
    let all = load_npz(dir.path().join("all.npz"));
    let allz = load_npz(dir.path().join("allz.npz"));
    for (name, expected, _) in cases() {
        let loaded = load(dir.path().join(format!("{name}.npy")));
        assert!(same(&loaded, &expected), "{name}: {loaded:?} vs {expected:?}");
        assert_eq!(loaded.is_f_contiguous(), expected.is_f_contiguous(), "{name}");
        assert_eq!(loaded.is_c_contiguous(), expected.is_c_contiguous(), "{name}");
        assert!(same(&all[name], &expected), "{name} in npz");
        assert!(same(&allz[name], &expected), "{name} in compressed npz");
    }
    assert_eq!(
        load(dir.path().join("big_endian.npy")).to_vec::<i32>().unwrap(),
        vec![1, -2, 300]
    );
    let f = load(dir.path().join("big_endian_f.npy"));
    assert!(f.is_f_contiguous() && !f.is_c_contiguous());
    assert_eq!(f.to_vec::<f64>().unwrap(), vec![1.5, 2.0, 3.0, 4.0]);
    assert_eq!(
        load(dir.path().join("big_endian_u.npy")).to_vec::<String>().unwrap(),
        vec!["ab", "c"]
    );
    for v in ["v2", "v3"] {
        assert_eq!(
            load(dir.path().join(format!("{v}.npy"))).to_vec::<i64>().unwrap(),
            vec![0, 1, 2]
        );
    }
}

#[test]
fn npz_written_here_loads_in_numpy() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let cases = cases();
    let named: Vec<(&str, &Array)> = cases.iter().map(|(n, a, _)| (*n, a)).collect();
    savez(dir.path().join("here.npz"), named.iter().copied());
    savez_compressed(dir.path().join("herez.npz"), named.iter().copied());
    let mut script = String::from(PREAMBLE);
    for file in ["here.npz", "herez.npz"] {
        script.push_str(&format!("z = np.load('{file}')\n"));
        for (name, _, expr) in &cases {
            script.push_str(&format!(
                "a = z['{name}']; e = {expr}\nassert a.dtype == e.dtype and a.shape == e.shape and (a == e).all(), '{name}'\n"
            ));
        }
    }
    run(&py, dir.path(), &script);
}

#[test]
fn memmap_written_here_is_seen_by_numpy() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.npy");
    let mut m = open_memmap(&path, MemmapOptions::create(DType::Int32, [3, 2]).fortran_order());
    {
        let mut v = m.typed_mut::<i32>().unwrap();
        v[[2, 1]] = 42;
        v[[0, 0]] = -1;
    }
    m.flush();
    run(
        &py,
        dir.path(),
        "import numpy as np\na = np.load('m.npy')\nassert a.flags.f_contiguous and a.dtype == np.int32\n\
         assert (a == np.array([[-1, 0], [0, 0], [0, 42]])).all()\n\
         b = np.load('m.npy', mmap_mode='r+'); b[1, 0] = 9; b.flush()\n",
    );
    assert_eq!(
        m.typed::<i32>().unwrap()[[1, 0]],
        9,
        "NumPy's write is seen through the shared map"
    );
}

#[test]
fn text_files_both_ways() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = Array::from_shape_vec([2, 3], vec![1.5, -2.0, 1e-20, 3.0, 4.25, 1e300]).unwrap();
    savetxt(dir.path().join("here.txt"), &a, &SaveTxtOptions::default());
    let c = Array::from_vec(vec![Complex64::new(1.0, -2.0), Complex64::new(0.5, 3.0)]);
    savetxt(dir.path().join("herec.txt"), &c, &SaveTxtOptions::default());
    let i = Array::from_shape_vec([2, 2], vec![1i64, -2, 3, 4]).unwrap();
    let fmt = SaveTxtOptions {
        fmt: "%d".into(),
        delimiter: ",".into(),
        header: "a,b".into(),
        ..Default::default()
    };
    savetxt(dir.path().join("herei.txt"), &i, &fmt);
    run(
        &py,
        dir.path(),
        "import numpy as np, io\n\
         a = np.array([[1.5, -2.0, 1e-20], [3.0, 4.25, 1e300]])\n\
         b = io.StringIO(); np.savetxt(b, a); assert open('here.txt').read() == b.getvalue()\n\
         c = np.array([1 - 2j, 0.5 + 3j])\n\
         b = io.StringIO(); np.savetxt(b, c); assert open('herec.txt').read() == b.getvalue()\n\
         b = io.StringIO(); np.savetxt(b, np.array([[1, -2], [3, 4]]), fmt='%d', delimiter=',', header='a,b')\n\
         assert open('herei.txt').read() == b.getvalue()\n\
         np.savetxt('np.csv', a, delimiter=',', header='x,y,z')\n\
         np.savetxt('np_int.txt', np.array([[1, 2], [3, 4]]), fmt='%d')\n",
    );
    let opts = LoadTxtOptions {
        delimiter: Some(",".into()),
        ..Default::default()
    };
    assert!(same(&loadtxt(dir.path().join("np.csv"), &opts), &a));
    let opts = LoadTxtOptions {
        dtype: DType::Int64,
        ..Default::default()
    };
    assert_eq!(
        loadtxt(dir.path().join("np_int.txt"), &opts).to_vec::<i64>().unwrap(),
        vec![1, 2, 3, 4]
    );
    let (names, data) = genfromtxt_names(
        dir.path().join("np.csv"),
        &GenFromTxtOptions {
            delimiter: Some(",".into()),
            ..Default::default()
        },
    );
    assert_eq!(names, vec!["x", "y", "z"]);
    assert!(same(&data, &a));
}

#[test]
fn structured_files_field_by_field() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let structured: Vec<_> = cases()
        .into_iter()
        .filter(|(name, ..)| name.starts_with("rec"))
        .collect();
    // Written here: NumPy sees the same dtype and, field by field, the same values.
    let mut script = String::from(PREAMBLE);
    for (name, array, expr) in &structured {
        save(dir.path().join(format!("{name}.npy")), array);
        script.push_str(&format!(
            "a = np.load('{name}.npy'); e = {expr}\n\
             assert a.dtype == e.dtype and a.shape == e.shape, '{name}'\n\
             for f in e.dtype.names:\n    assert a[f].dtype == e[f].dtype and np.array_equal(a[f], e[f]), ('{name}', f)\n"
        ));
    }
    // Written by NumPy: other byte orders, versions, a file of several chunks in F order, and
    // structured dtypes arraylib cannot represent.
    script.push_str(&format!(
        "e = {EVERY_FIELD_RECORD}\n\
         np.save('be.npy', e.astype(e.dtype.newbyteorder('>')))\n\
         np.save('mixed.npy', np.array([(1.5, -2, 'abc'), (-0.5, 7, '')], [('x', '>f8'), ('n', '<i4'), ('s', '>U3')]))\n\
         np.lib.format.write_array(open('v2.npy', 'wb'), e, version=(2, 0))\n\
         np.lib.format.write_array(open('v3.npy', 'wb'), e, version=(3, 0))\n\
         big = np.zeros((350, 200), [('a', '<i8'), ('b', '?')], order='F')\n\
         big['a'] = np.arange(70000).reshape(350, 200); big['b'] = big['a'] % 3 == 0\n\
         np.save('bigF.npy', big)\n\
         np.save('aligned.npy', np.zeros(2, np.dtype([('a', 'i1'), ('b', '<i4')], align=True)))\n\
         np.save('nested.npy', np.zeros(2, [('a', [('x', '<f8')])]))\n\
         np.save('subarray.npy', np.zeros(2, [('a', '<f8', (3,))]))\n\
         np.save('titles.npy', np.zeros(2, [(('T', 'a'), '<f8')]))\n\
         np.save('half.npy', np.zeros(2, [('h', '<f2')]))\n\
         np.save('object.npy', np.zeros(2, [('o', 'O')]))\n"
    ));
    run(&py, dir.path(), &script);
    let expected = every_field_record();
    for file in ["be", "v2", "v3"] {
        let loaded = load(dir.path().join(format!("{file}.npy")));
        assert_eq!(loaded.dtype(), expected.dtype(), "{file}");
        for field in expected.dtype().names().unwrap() {
            assert_eq!(
                format!("{:?}", loaded.field(&field)),
                format!("{:?}", expected.field(&field)),
                "{file}: {field}"
            );
        }
    }
    let mixed = load(dir.path().join("mixed.npy"));
    assert_eq!(mixed.field("x").to_vec::<f64>().unwrap(), vec![1.5, -0.5]);
    assert_eq!(mixed.field("n").to_vec::<i32>().unwrap(), vec![-2, 7]);
    assert_eq!(mixed.field("s").to_vec::<String>().unwrap(), vec!["abc", ""]);
    let big = load(dir.path().join("bigF.npy"));
    assert!(big.is_f_contiguous() && !big.is_c_contiguous());
    let a = big.field("a").to_vec::<i64>().unwrap();
    assert_eq!(a, (0..70000).collect::<Vec<i64>>());
    let b = big.field("b").to_vec::<bool>().unwrap();
    assert!(b.iter().zip(&a).all(|(&b, &a)| b == (a % 3 == 0)));
    // Saved again here: the same bytes as NumPy's file.
    save(dir.path().join("bigF.rs.npy"), &big);
    assert!(
        std::fs::read(dir.path().join("bigF.rs.npy")).unwrap() == std::fs::read(dir.path().join("bigF.npy")).unwrap()
    );
    for (file, reason) in [
        ("aligned", "padding bytes (|V3) are not supported, only packed fields"),
        (
            "nested",
            "nested structured dtypes are not supported (field 'a' is structured)",
        ),
        (
            "subarray",
            "sub-array fields are not supported (field 'a' has shape (3,))",
        ),
        ("titles", "field titles are not supported (('T', 'a'))"),
        ("half", "field 'h': arraylib has no dtype for descr '<f2'"),
        ("object", "object fields are not supported (field 'o' is |O)"),
    ] {
        let e = try_load(dir.path().join(format!("{file}.npy"))).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type, "{file}: {e}");
        assert!(e.message().ends_with(reason), "{file}: {e}");
    }
}

#[test]
fn structured_text_both_ways() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let people = DType::record(&[
        ("name", DType::Str(5)),
        ("age", DType::Int32),
        ("w", DType::Float64),
        ("ok", DType::Bool),
    ])
    .unwrap();
    let rows = [
        vec!["Ann".into(), 31.into(), 60.5.into(), true.into()],
        vec!["Bo".into(), (-2).into(), 1e-20.into(), false.into()],
        vec!["Cy".into(), 7.into(), 70.0.into(), true.into()],
    ];
    let a = Array::from_rows(people, &rows).unwrap();
    let plain = SaveTxtOptions {
        fmt: "%s".into(),
        delimiter: ",".into(),
        header: "name,age,w,ok".into(),
        ..Default::default()
    };
    savetxt(dir.path().join("here_s.csv"), &a, &plain);
    let per_field = SaveTxtOptions {
        fmt: "%s %d %.3e %d".into(),
        ..Default::default()
    };
    savetxt(dir.path().join("here_f.txt"), &a, &per_field);
    run(
        &py,
        dir.path(),
        "import numpy as np, io\n\
         dt = [('name', '<U5'), ('age', '<i4'), ('w', '<f8'), ('ok', '?')]\n\
         e = np.array([('Ann', 31, 60.5, True), ('Bo', -2, 1e-20, False), ('Cy', 7, 70.0, True)], dt)\n\
         b = io.StringIO(); np.savetxt(b, e, fmt='%s', delimiter=',', header='name,age,w,ok')\n\
         assert open('here_s.csv').read() == b.getvalue(), (open('here_s.csv').read(), b.getvalue())\n\
         b = io.StringIO(); np.savetxt(b, e, fmt='%s %d %.3e %d')\n\
         assert open('here_f.txt').read() == b.getvalue(), (open('here_f.txt').read(), b.getvalue())\n\
         np.savetxt('np.csv', e, fmt=['%s', '%d', '%.17g', '%d'], delimiter=',', header='name,age,weight kg,ok', comments='')\n\
         np.save('loadtxt.npy', np.loadtxt('np.csv', delimiter=',', skiprows=1, dtype=dt))\n\
         g = [('name', '<U5'), ('age', '<i4'), ('w', '<f8')]\n\
         open('gaps.csv', 'w').write('# name,age,weight kg\\nAnn,31,60.5\\nBo,,70\\nCy,7,\\n')\n\
         np.save('genfromtxt.npy', np.genfromtxt('gaps.csv', delimiter=',', names=True, dtype=g))\n\
         np.save('genfromtxt_plain.npy', np.genfromtxt('gaps.csv', delimiter=',', dtype=g, skip_header=1))\n\
         np.save('genfromtxt_f8.npy', np.genfromtxt('gaps.csv', delimiter=',', names=True, usecols=[2, 1]))\n",
    );
    let csv = LoadTxtOptions {
        delimiter: Some(",".into()),
        skiprows: 1,
        dtype: people,
        ..Default::default()
    };
    let loaded = loadtxt(dir.path().join("np.csv"), &csv);
    assert!(same(&loaded, &a), "{loaded:?}");
    assert!(same(&loaded, &load(dir.path().join("loadtxt.npy"))));
    let g = DType::record(&[("name", DType::Str(5)), ("age", DType::Int32), ("w", DType::Float64)]).unwrap();
    let gaps = GenFromTxtOptions {
        delimiter: Some(",".into()),
        dtype: g,
        ..Default::default()
    };
    let path = dir.path().join("gaps.csv");
    for (here, numpy) in [
        (genfromtxt_records(&path, &gaps), "genfromtxt.npy"),
        (
            genfromtxt(
                &path,
                &GenFromTxtOptions {
                    skip_header: 1,
                    ..gaps.clone()
                },
            ),
            "genfromtxt_plain.npy",
        ),
        (
            genfromtxt_records(
                &path,
                &GenFromTxtOptions {
                    dtype: DType::Float64,
                    usecols: Some(vec![2, 1]),
                    ..gaps.clone()
                },
            ),
            "genfromtxt_f8.npy",
        ),
    ] {
        let expected = load(dir.path().join(numpy));
        assert!(same(&here, &expected), "{numpy}: {here:?} vs {expected:?}");
    }
}
