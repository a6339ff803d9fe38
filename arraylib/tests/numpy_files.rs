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

/// The arrays both sides build: (name, arraylib array, NumPy expression).
fn cases() -> Vec<(&'static str, Array, &'static str)> {
    let c = Array::from_shape_vec([2, 3], (0..6).map(|i| i as f64 * 1.5 - 2.0).collect()).unwrap();
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
    ]
}

fn same(a: &Array, b: &Array) -> bool {
    a.dtype() == b.dtype() && a.shape() == b.shape() && format!("{a:?}") == format!("{b:?}")
}

#[test]
fn npy_written_here_is_byte_identical_to_numpy() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut script = String::from("import numpy as np\n");
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
    let mut script = String::from("import numpy as np\narrays = {}\n");
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
    let mut script = String::from("import numpy as np\n");
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
