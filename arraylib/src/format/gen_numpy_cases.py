"""Regenerates numpy_cases.json: NumPy's own repr/str of the arrays the format tests build.

Run with any NumPy 2.x: `python3 gen_numpy_cases.py > numpy_cases.json`.
Values are stored exactly (floats as IEEE bit patterns) so the Rust side rebuilds the same array.
"""
import json
import struct

import numpy as np

NAMES = {"b": "bool", "i1": "int8", "i2": "int16", "i4": "int32", "i8": "int64", "u1": "uint8",
         "u2": "uint16", "u4": "uint32", "u8": "uint64", "f4": "float32", "f8": "float64",
         "c16": "complex128"}


def encode(a):
    flat = a.ravel()
    k = a.dtype.kind
    if k == "b":
        return [bool(x) for x in flat]
    if k in "iu":
        return [str(int(x)) for x in flat]
    if a.dtype == np.float32:
        return ["%08x" % struct.unpack("<I", struct.pack("<f", x))[0] for x in flat]
    if a.dtype == np.float64:
        return ["%016x" % struct.unpack("<Q", struct.pack("<d", x))[0] for x in flat]
    if k == "c":
        return [["%016x" % struct.unpack("<Q", struct.pack("<d", v))[0] for v in (x.real, x.imag)] for x in flat]
    if k == "U":
        return [str(x) for x in flat]
    raise ValueError(a.dtype)


def dtype_name(a):
    return "<U%d" % (a.dtype.itemsize // 4) if a.dtype.kind == "U" else a.dtype.name


cases = []


def case(name, a, arange=None, **opts):
    a = np.asarray(a) if not isinstance(a, np.generic) else a
    with np.printoptions(**opts):
        r, s = repr(a), str(a)
    arr = np.asarray(a)
    entry = {"name": name, "dtype": dtype_name(arr), "shape": list(arr.shape), "repr": r, "str": s}
    if opts:
        entry["opts"] = opts
    if arange:
        # Large arrays are stored as arange(n) * mul + add, cast to the dtype.
        entry["arange"] = True
        entry["mul"], entry["add"] = arange
    else:
        entry["values"] = encode(arr)
    cases.append(entry)


def big(name, n, shape, dtype, mul=1, add=0, **opts):
    a = (np.arange(n) * mul + add).astype(dtype).reshape(shape)
    case(name, a, arange=(mul, add), **opts)


# ---- integers
case("int64 small", np.array([1, 2, 3]))
case("int64 negative widths", np.array([-1, 10, -100, 5]))
case("int64 2d", np.array([[1, 2], [3, 4]]))
case("int64 2d mixed width", np.array([[1, -2, 300], [40, 5, -6]]))
case("int64 3d", np.arange(24).reshape(2, 3, 4))
case("int64 4d", np.arange(16).reshape(2, 2, 2, 2))
case("int8", np.array([-128, 0, 127], dtype=np.int8))
case("int16", np.array([1, -300], dtype=np.int16))
case("int32", np.array([1, 2, 3], dtype=np.int32))
case("uint8", np.array([0, 255], dtype=np.uint8))
case("uint16 2d", np.array([[1, 2], [3, 65535]], dtype=np.uint16))
case("uint32", np.array([7], dtype=np.uint32))
case("uint64 max", np.array([0, 2**64 - 1], dtype=np.uint64))
case("int64 extremes", np.array([-2**63, 2**63 - 1]))
case("int64 wrap", np.arange(100))
case("int64 wide 2d", np.arange(90).reshape(3, 30) * 1000)
case("seed a*b", np.array([[5, 12], [21, 32]]))
case("seed a@b", np.array([[19, 22], [43, 50]]))
case("seed broadcast", np.array([[10, 20, 30, 40], [20, 40, 60, 80], [30, 60, 90, 120]]))
case("seed data", np.array([[85, 90, 78, 92], [73, 88, 95, 81], [91, 76, 84, 87]]))
case("seed nonzero", np.array([1, 3, 5]))
case("seed arange step", np.arange(0, 10, 2))
# ---- bools
case("bool", np.array([True, False]))
case("bool all true", np.array([True, True]))
case("bool 2d", np.array([[True, False, True], [False, False, True]]))
case("seed flags", np.array([True, False, True, True, False]))
# ---- float64
case("float 1 2.5", np.array([1.0, 2.5]))
case("float 0.1 0.2", np.array([0.1, 0.2]))
case("float integral", np.array([1.0, 2.0, 3.0]))
case("float exp small", np.array([1e-5, 1.0]))
case("float exp one", np.array([1e-5]))
case("float exp mixed", np.array([1.5e-5, 1.0, 123.0]))
case("float ratio", np.array([1.0, 1000.0]))
case("float ratio over", np.array([1.0, 1001.0]))
case("float 1e8", np.array([1e8]))
case("float 99999999", np.array([99999999.0, 1.5]))
case("float big exp", np.array([1e300, 1e-300]))
case("float subnormal", np.array([5e-324]))
case("float 1e16", np.array([1e16, 1.0]))
case("float precision cut", np.array([0.123456789, 1.0]))
case("float 1/3", np.array([1 / 3, 2 / 3]))
case("float 0.1+0.2", np.array([0.1 + 0.2]))
case("float round up", np.array([0.999999999, 1.5]))
case("float near one", np.array([1.0000000001]))
case("float pi", np.array([np.pi, -np.e, 100.0]))
case("float negative zero", np.array([-0.0]))
case("float zeros", np.array([0.0, -0.0]))
case("float all zero", np.zeros(3))
case("float nan inf", np.array([1.5, np.nan, np.inf, -np.inf]))
case("float only nan", np.array([np.nan, np.nan]))
case("float only inf", np.array([np.inf, -np.inf]))
case("float nan one", np.array([np.nan, 1.0]))
case("float nan exp", np.array([np.nan, 1e-8, 1.0]))
case("float neg mix", np.array([-1.5, 10.25, 3.0]))
case("float 2d", np.array([[1.0, 2.5], [-3.25, 4.0]]))
case("float 3d", np.arange(12.0).reshape(2, 2, 3) / 4)
case("float linspace wrap", np.linspace(0, 1, 25))
case("float wrap 1.5", np.arange(30.0) * 1.5)
case("float random", np.random.default_rng(0).standard_normal(10))
case("float random 2d", np.random.default_rng(1).random((4, 5)))
case("float exp 2d", np.array([[1e-10, 1.0], [2.0, 3e5]]))
case("float exp neg", np.array([-1e-5, 1e5]))
case("float big exponent width", np.array([1e-100, 1.0]))
case("float 12345.678", np.array([12345.678, 0.5]))
case("float tiny all", np.array([0.00012, 0.00034]))
case("seed 4 2 7 6", np.array([[4.0, 2.0], [7.0, 6.0]]))
case("seed zeros", np.array([0.0, 0.0]))
case("seed probs", np.array([0.4, 0.3, 0.2, 0.1]))
case("seed nan data", np.array([1.0, np.nan, 3.0, np.nan, 5.0]))
case("seed logits", np.array([[2.0, 1.0, 0.1], [0.5, 1.5, 2.0]]))
case("seed inverse", np.array([[0.6, -0.7], [-0.2, 0.4]]))
case("seed identity approx", np.array([[1.0, 0.0], [8.881784197001252e-17, 1.0]]))
case("seed eigen", np.array([1.7639320225002102, 5.23606797749979]))
case("seed scores", np.array([0.872, 0.341, 0.615]))
# ---- float32
case("float32", np.array([0.1, 0.2], dtype=np.float32))
case("float32 third", np.array([1 / 3, 3.14159], dtype=np.float32))
case("float32 exp cutoff", np.array([1e6, 1.0], dtype=np.float32))
case("float32 below cutoff", np.array([999999.0, 1.0], dtype=np.float32))
case("float32 nan", np.array([np.nan, 2.5], dtype=np.float32))
case("float32 2d", np.array([[1.1, 2.2], [3.3, 4.4]], dtype=np.float32))
# ---- complex
case("complex", np.array([1 + 2j, -1j]))
case("complex real", np.array([1.5 + 0j, 2 + 0j]))
case("complex nan inf", np.array([1 + 1j, complex(np.nan, np.inf), complex(-np.inf, np.nan)]))
case("complex exp", np.array([1e-5 + 1j, 1 + 0j]))
case("complex zero", np.array([0j]))
case("complex 2d", np.array([[1 + 1j, 2.5 - 3j], [0j, -1 - 1j]]))
case("complex neg zero imag", np.array([complex(1, -0.0)]))
# ---- strings
case("str", np.array(["a", "bcd"]))
case("str quotes", np.array(["it's", 'say "hi"', "back\\slash", "tab\t", "both'\""]))
case("str unicode", np.array(["é", "日本", ""]))
case("str unprintable", np.array(["a\x00b", "nb\xa0sp", "zw\u200bsp", "bell\x07", "del\x7f", "soft\xadhy", "emoji\U0001f600", "priv\ue000"]))
case("str 2d", np.array([["ab", "c"], ["d", "efg"]]))
case("str wrap", np.array(["word%d" % i for i in range(20)]))
case("seed population", np.array(["warfarin", "aspirin", "metformin", "lisinopril"]))
# ---- empty
case("empty float", np.array([]))
case("empty int", np.array([], dtype=np.int64))
case("empty bool", np.array([], dtype=bool))
case("empty 0x3", np.zeros((0, 3)))
case("empty 2x0 int32", np.zeros((2, 0), dtype=np.int32))
case("empty str", np.array([], dtype="<U1"))
case("empty complex", np.array([], dtype=complex))
# ---- 0-d (NumPy scalars)
for v in [np.float64(1.5), np.float64(1e-5), np.float64(1e16), np.float64(1e15), np.float64(np.nan),
          np.float64(-np.inf), np.float64(-0.0), np.float64(0.1 + 0.2), np.float64(100.0),
          np.int64(3), np.int8(-5), np.uint8(200), np.uint64(2**64 - 1), np.True_, np.False_,
          np.float32(0.1), np.float32(1e10), np.float32(1e6), np.float32(999999.0), np.float32(1e-4),
          np.complex128(1 + 2j), np.complex128(1j), np.complex128(complex(np.nan, 0)), np.complex128(-0.0 - 1j),
          np.complex128(1.5 - 0.25j), np.complex128(complex(0, np.inf)), np.complex128(1e20 + 1e-7j),
          np.str_("ab"), np.str_("it's")]:
    case("scalar " + repr(v), v)
# ---- summarised
big("sum 1d", 2000, (2000,), np.int64)
big("sum 1d 1001", 1001, (1001,), np.int64)
big("sum 1d float", 1001, (1001,), np.float64, mul=0.5)
big("sum 2d", 10000, (100, 100), np.int64)
big("sum 2d float", 2000, (40, 50), np.float64, mul=0.001)
big("sum 3d", 2000, (10, 10, 20), np.int64)
big("sum 3d short axis", 2400, (2, 30, 40), np.int32)
big("sum float32", 1200, (1200,), np.float32, mul=0.25)
big("not summarised 1000", 1000, (1000,), np.int64)
big("sum 2d narrow", 3000, (1000, 3), np.int64)
big("sum 2d wide", 3000, (3, 1000), np.uint8)
# ---- print options
case("opt precision 3", np.array([np.pi, np.e]), precision=3)
case("opt precision 3 exp", np.array([1e-5 * np.pi, 1.0]), precision=3)
case("opt suppress", np.array([1e-10, 1.0, 0.5]), suppress=True)
case("opt suppress big", np.array([1e-10, 1e9]), suppress=True)
case("opt linewidth", np.arange(20), linewidth=30)
case("opt threshold", np.arange(10), threshold=5, edgeitems=2)
case("opt threshold 2d", np.arange(36).reshape(6, 6), threshold=10, edgeitems=1)
case("opt complex precision", np.array([np.pi + 1j / 3]), precision=2)
# ---- more mixtures, chosen to stress digit selection and layout
rng = np.random.default_rng(42)
for k in [-7, -5, -3, -1, 0, 2, 4, 6, 7, 9, 15]:
    case("random 1e%d" % k, rng.standard_normal(8) * 10.0**k)
    case("random f32 1e%d" % k, (rng.standard_normal(6) * 10.0**k).astype(np.float32))
case("lognormal", rng.lognormal(0, 3, 12))
case("uniform", rng.random(12))
case("float 1e-4 boundary", np.array([1e-4, 1.0]))
case("float 1.5e-4", np.array([1.5e-4, 0.1]))
case("float ratio exactly", np.array([0.1, 100.0]))
case("float ties", np.array([2.675, 1.005, 0.125, 0.375]))
case("float ties precision", np.array([0.123456785, 0.5]))
case("float 123456.789", np.array([123456.7890123, 0.1]))
case("float huge ints", np.array([12345678.0, 1.0]))
case("float neg exp", np.array([-1e-7, 2.5e-3]))
case("float exp nan inf", np.array([1e-7, np.nan, -np.inf, 1.0]))
case("float neg inf only width", np.array([-np.inf, 1.0, 2.0]))
case("float 2d nan", np.array([[np.nan, 1.0], [2.25, -np.inf]]))
case("float 3d wrap", np.arange(60.0).reshape(2, 2, 15) * 1.25)
case("float col", np.array([[1.0], [2.5], [-3.0]]))
case("shape 1 1 1", np.array([[[7]]]))
case("shape 3 1", np.array([[1], [2], [3]]))
case("complex exp mixed", np.array([1e-8 + 1e8j, 1 + 1j, -2.5 - 0.5j]))
case("complex nan parts", np.array([complex(np.nan, -1), complex(1, np.nan), complex(0, -0.0)]))
case("complex wrap", np.arange(20) * (1 + 0.5j))
case("complex 3d", (np.arange(8) - 4j).reshape(2, 2, 2))
case("str long words", np.array(["supercalifragilistic%d" % i for i in range(6)]))
case("str 3d", np.array([["a", "bb"], ["ccc", "d"]] * 2).reshape(2, 2, 2))
case("int32 dtype wraps", np.arange(25, dtype=np.int32) * 100)
case("uint8 dtype line", np.arange(30, dtype=np.uint8))
case("int16 2d dtype", np.arange(40, dtype=np.int16).reshape(2, 20) * 1000)
case("float32 wrap", np.linspace(0, 1, 20, dtype=np.float32))
case("empty 3d", np.zeros((2, 0, 3)))
case("empty 1d int8", np.array([], dtype=np.int8))
big("sum bool", 1500, (1500,), np.bool_)
big("sum 2d float nan-free", 1200, (30, 40), np.float32, mul=0.1, add=-60)
big("sum 4d", 4096, (8, 8, 8, 8), np.int64)
big("sum 2d big vals", 2000, (20, 100), np.float64, mul=12345.678)
case("sum complex", np.arange(30) * (1 - 1j), threshold=20)
case("opt str threshold", np.array(["x%d" % i for i in range(12)]), threshold=5)
big("opt edgeitems 1", 2000, (2000,), np.int64, edgeitems=1)
case("opt linewidth 20 str", np.array(["abc", "defg", "hi", "jklmn", "op"]), linewidth=20)
case("opt linewidth 2d", np.arange(30.0).reshape(3, 10) / 7, linewidth=50)
case("opt precision 1", np.array([0.05, 0.15, 0.25, 1.0]), precision=1)
case("opt precision 0", np.array([1.5, 2.5, 3.7]), precision=0)
case("opt suppress 2d", np.array([[1e-12, 5.0], [3e-9, 1e3]]), suppress=True)
case("opt precision scalar", np.float64(np.pi), precision=3)
# ---- tutorial outputs (/work/shared/seeds), computed by NumPy itself
seed_data = np.array([[85, 90, 78, 92], [73, 88, 95, 81], [91, 76, 84, 87]])
case("seed mean axis0", seed_data.mean(axis=0))
case("seed mean axis1", seed_data.mean(axis=1))
case("seed std axis0", seed_data.std(axis=0))
case("seed inv", np.linalg.inv(np.array([[4.0, 7.0], [2.0, 6.0]])))
case("seed A@A_inv", np.array([[4.0, 7.0], [2.0, 6.0]]) @ np.linalg.inv(np.array([[4.0, 7.0], [2.0, 6.0]])))
case("seed eigvals", np.linalg.eigvalsh(np.array([[4.0, 2.0], [2.0, 3.0]])))
case("seed softmax", np.exp([[2.0, 1.0, 0.1], [0.5, 1.5, 2.0]]) / np.exp([[2.0, 1.0, 0.1], [0.5, 1.5, 2.0]]).sum(axis=1, keepdims=True))
case("seed uniform", np.random.default_rng(seed=42).uniform(0, 1, size=(3, 4)))
case("seed integers", np.random.default_rng(seed=42).integers(0, 10, size=20))
case("seed user ids", np.array([1001, 1002, 1003], dtype=np.int32))
case("seed structured scores", np.array([0.872, 0.341, 0.615], dtype=np.float32))
case("summarised random", np.random.default_rng(0).standard_normal((40, 30)))
# ---- randomised: rounded values, wide and narrow magnitude spreads, both float widths
for i in range(40):
    n = int(rng.integers(1, 9))
    spread = [0, 1, 3, 6][i % 4]
    v = rng.standard_normal(n) * 10.0 ** rng.uniform(-spread, spread, n) * 10.0 ** rng.integers(-3, 4)
    if i % 5 == 1:
        v = np.round(v, int(rng.integers(0, 4)))
    dtype = np.float32 if i % 3 == 0 else np.float64
    case("fuzz %d" % i, v.astype(dtype))
    case("fuzz complex %d" % i, v + 1j * v[::-1] * 0.1)
print(json.dumps({"numpy": np.__version__, "cases": cases}, indent=0, ensure_ascii=False))
