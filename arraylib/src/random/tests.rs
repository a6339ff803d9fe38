//! Long streams against independent references: each case checks the first values and an
//! FNV-1a hash of all of them (little-endian bytes of each `f64` / `i64`), so one wrong draw
//! anywhere in 10 000 fails the test.
//!
//! Expected values were produced when these tests were written: uniform, normal, integers,
//! binomial, permutation and choice with `/work/shared/rng/pcg_ref.py` (a pure-Python
//! re-implementation of NumPy's streams); exponential, gamma, beta and Poisson, which that
//! reference does not model, and the `float32` streams, with NumPy 2.4.6 itself.

use super::{ChoiceOptions, Generator, default_rng};
use crate::{Array, DType};

const N: usize = 10_000;

fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn float_stream(name: &str, seed: u64) -> Vec<f64> {
    let mut g = default_rng(seed);
    let a: Array = match name {
        "random" => g.random(N),
        "standard_normal" => g.standard_normal(N),
        "normal" => g.normal(3.0, 2.5, N),
        "standard_exponential" => g.standard_exponential(N),
        "gamma_0.5" => g.gamma(0.5, 2.0, N),
        "gamma_2.5" => g.gamma(2.5, 1.0, N),
        "beta_0.5_0.5" => g.beta(0.5, 0.5, N),
        "beta_2_3" => g.beta(2.0, 3.0, N),
        other => panic!("no float stream {other}"),
    };
    a.to_vec::<f64>().unwrap()
}

fn int_stream(name: &str, seed: u64) -> Vec<i64> {
    let mut g: Generator = default_rng(seed);
    let a: Array = match name {
        "integers_0_10" => g.integers(0, 10, N),
        "integers_m5_2p40" => g.integers(-5, 1i64 << 40, N),
        "integers_int32" => g.integers_with(-7, i32::MAX, N, DType::Int32, false),
        "binomial_10_0.5" => g.binomial(10, 0.5, N),
        "binomial_100_0.3" => g.binomial(100, 0.3, N),
        "binomial_1000_0.97" => g.binomial(1000, 0.97, N),
        // Long enough to reach BTPE's final Stirling bound, where NumPy 2.4 and later differ.
        "binomial_1000_0.3_20k" => g.binomial(1000, 0.3, 2 * N),
        "permutation" => g.permutation(N),
        "choice_noreplace" => g.choice_with(20000, 1000, ChoiceOptions::new().replace(false)),
        "poisson_3" => g.poisson(3.0, N),
        "poisson_50" => g.poisson(50.0, N),
        "interleaved_scalar_integers" => {
            // Two 32-bit draws share one 64-bit output across calls.
            let v: Vec<i64> = (0..N / 4)
                .flat_map(|_| [g.integers_scalar(0, 7), g.integers_scalar(0, 3)])
                .collect();
            Array::from_vec(v)
        }
        other => panic!("no integer stream {other}"),
    };
    a.astype(DType::Int64).unwrap().to_vec::<i64>().unwrap()
}

/// (stream, seed, length, first values, FNV-1a hash of all values)
type Case<T> = (&'static str, u64, usize, [T; 3], u64);

#[rustfmt::skip]
const FLOAT_CASES: &[Case<f64>] = &[
    ("random", 0, 10000, [0.6369616873214543, 0.2697867137638703, 0.04097352393619469], 0x318f6c39e1817508),
    ("standard_normal", 0, 10000, [0.1257302210933933, -0.1321048632913019, 0.6404226504432821], 0x34c90ea2991afc2d),
    ("normal", 0, 10000, [3.314325552733483, 2.6697378417717452, 4.601056626108205], 0x384b2f645f415d4b),
    ("random", 42, 10000, [0.7739560485559633, 0.4388784397520523, 0.8585979199113825], 0xe23d7c5e93992095),
    ("standard_normal", 42, 10000, [0.30471707975443135, -1.0399841062404955, 0.7504511958064572], 0x16b9f02121eebb2b),
    ("normal", 42, 10000, [3.7617926993860786, 0.40003973439876095, 4.876127989516143], 0x426422aa54163ec6),
    ("standard_exponential", 0, 10000, [0.6799319039689096, 1.0195971014658647, 0.019806662589055352], 0x4ae728366f5e10ca),
    ("gamma_0.5", 0, 10000, [0.8713316421808239, 0.0033576593274998383, 1.9700046290086755], 0x1f49019c1307d395),
    ("gamma_2.5", 0, 10000, [2.357055914165985, 3.2526660756514123, 1.469962421810864], 0xb16ba4e4dc9ec909),
    ("beta_0.5_0.5", 0, 10000, [0.8478911161077936, 0.8600595288301544, 0.4088184079629272], 0xffdcb1761b317fdb),
    ("beta_2_3", 0, 10000, [0.322405312761077, 0.1645730217615529, 0.33998476889832774], 0x78159312f487e608),
    ("standard_exponential", 42, 10000, [2.4042086039659947, 2.3361896558244535, 2.384760999874255], 0x86e340e67cfe76c6),
    ("gamma_0.5", 42, 10000, [1.6090002922630262, 2.5605859356446223, 0.01773874571030273], 0xef8a8cf5116c0416),
    ("gamma_2.5", 42, 10000, [2.646860815267719, 3.4696608496366044, 2.3603429386646284], 0x25d98b3c5a10c169),
    ("beta_0.5_0.5", 42, 10000, [0.7566840941053092, 0.009232118044248207, 0.07485660069290462], 0x376788cc695bbf4d),
    ("beta_2_3", 42, 10000, [0.33841183847153383, 0.41040972646061824, 0.5259001067191458], 0xf869a6cb8fcfe6c0),
];

#[rustfmt::skip]
const INT_CASES: &[Case<i64>] = &[
    ("binomial_1000_0.3_20k", 0, 20000, [320, 301, 305], 0x52ae3b40eea53d74),
    ("integers_0_10", 0, 10000, [8, 6, 5], 0xf690b0af606b6ac5),
    ("integers_m5_2p40", 0, 10000, [700346781655, 296633628799, 45050865994], 0x83339cd063beed5b),
    ("integers_int32", 0, 10000, [1826701613, 1097657228, 579362550], 0x189148c63caec1bd),
    ("binomial_10_0.5", 0, 10000, [6, 4, 2], 0x14b49eef7c8ca8c3),
    ("binomial_100_0.3", 0, 10000, [32, 27, 22], 0xdab0235ac3686242),
    ("binomial_1000_0.97", 0, 10000, [968, 969, 978], 0xdfa7542d89487652),
    ("permutation", 0, 10000, [3577, 8925, 1634], 0x3aeb35133a362549),
    ("choice_noreplace", 0, 1000, [16018, 4005, 8133], 0x0ce4de7a3c5982c1),
    ("interleaved_scalar_integers", 0, 5000, [5, 1, 3], 0x7f452bd73e328a82),
    ("integers_0_10", 42, 10000, [0, 7, 6], 0xbd63672f0d1ab22d),
    ("integers_m5_2p40", 42, 10000, [850973674773, 482551947684, 944038396526], 0xe7589da712403d7c),
    ("integers_int32", 42, 10000, [191664957, 929893133, 432652527], 0x68842f3c28d14f52),
    ("binomial_10_0.5", 42, 10000, [6, 5, 7], 0x930f7478a2a0dc08),
    ("binomial_100_0.3", 42, 10000, [33, 29, 35], 0x0533a061f7ccac4c),
    ("binomial_1000_0.97", 42, 10000, [963, 975, 971], 0x16160cbce7c90c87),
    ("permutation", 42, 10000, [8132, 8268, 719], 0xec07f865bba68fa9),
    ("choice_noreplace", 42, 1000, [9742, 18275, 6853], 0x71108d6ca393f3c1),
    ("interleaved_scalar_integers", 42, 5000, [0, 2, 4], 0x679b68aa79996841),
    ("poisson_3", 0, 10000, [2, 0, 7], 0x3b7bec901e143fef),
    ("poisson_50", 0, 10000, [53, 32, 52], 0x27d9527f1e8a6dba),
    ("poisson_3", 42, 10000, [4, 4, 5], 0x1ceef6aa28e64c8a),
    ("poisson_50", 42, 10000, [56, 59, 56], 0x383b83209aaf93c9),
];

#[test]
fn float_streams_match_numpy() {
    for &(name, seed, len, first, hash) in FLOAT_CASES {
        let values = float_stream(name, seed);
        assert_eq!(values.len(), len, "{name} seed {seed}");
        assert_eq!(values[..3], first, "{name} seed {seed}: first values");
        let got = fnv1a(values.iter().flat_map(|v| v.to_le_bytes()));
        assert_eq!(got, hash, "{name} seed {seed}: stream hash");
    }
}

#[test]
fn integer_streams_match_numpy() {
    for &(name, seed, len, first, hash) in INT_CASES {
        let values = int_stream(name, seed);
        assert_eq!(values.len(), len, "{name} seed {seed}");
        assert_eq!(values[..3], first, "{name} seed {seed}: first values");
        let got = fnv1a(values.iter().flat_map(|v| v.to_le_bytes()));
        assert_eq!(got, hash, "{name} seed {seed}: stream hash");
    }
}

#[rustfmt::skip]
const F32_CASES: &[Case<f32>] = &[
    ("standard_normal_f32", 0, 10000, [1.117622, -1.3871249, -0.4265716], 0xf3de5928a87e8124),
    ("random_f32", 0, 10000, [0.8506242, 0.63696164, 0.5111365], 0x0d0daabe0c378860),
    ("standard_normal_f32", 42, 10000, [0.14190717, -1.6685079, -1.332108], 0xc352cd52deb9e83d),
    ("random_f32", 42, 10000, [0.08925092, 0.773956, 0.6545715], 0xf79f7da0a85fb853),
];

#[test]
fn float32_streams_match_numpy() {
    for &(name, seed, len, first, hash) in F32_CASES {
        let mut g = default_rng(seed);
        let a = match name {
            "standard_normal_f32" => g.standard_normal_with(len, DType::Float32),
            _ => g.random_with(len, DType::Float32),
        };
        let values = a.to_vec::<f32>().unwrap();
        assert_eq!(values[..3], first, "{name} seed {seed}: first values");
        let got = fnv1a(values.iter().flat_map(|v| v.to_le_bytes()));
        assert_eq!(got, hash, "{name} seed {seed}: stream hash");
    }
}

#[test]
fn the_hash_sees_every_value() {
    // Guards the guard: a change in the last of 10 000 values changes the hash.
    let mut values = float_stream("standard_normal", 0);
    let before = fnv1a(values.iter().flat_map(|v| v.to_le_bytes()));
    values[N - 1] = f64::from_bits(values[N - 1].to_bits() ^ 1);
    assert_ne!(fnv1a(values.iter().flat_map(|v| v.to_le_bytes())), before);
}

#[test]
fn permuted_without_axis_follows_memory_order() {
    // NumPy copies in 'K' order, so a Fortran-ordered input shuffles its column-major flat
    // sequence: np.random.default_rng(0).permuted(np.asfortranarray(arange(12).reshape(3, 4)))
    let m = Array::from_shape_vec([3, 4], (0..12i64).collect()).unwrap();
    let f = m.copy_order(crate::Order::F);
    let out = default_rng(0).permuted(&f, crate::Axes::All);
    assert_eq!(out.to_vec::<i64>().unwrap(), vec![3, 5, 0, 7, 8, 9, 1, 10, 6, 11, 2, 4]);
    let out = default_rng(0).permuted(&m, crate::Axes::All);
    assert_eq!(out.to_vec::<i64>().unwrap(), vec![9, 2, 7, 4, 5, 11, 0, 3, 6, 10, 8, 1]);
}

#[test]
fn shuffle_writes_through_views() {
    let x = crate::arange_n(6);
    default_rng(0).shuffle(&x.view());
    assert_eq!(x.to_vec::<i64>().unwrap(), vec![3, 2, 5, 4, 0, 1]);
}

/// `n` records `(k, s)` = `(i, letter + i)`, as the NumPy references build them:
/// `a = np.zeros(n, [('k', 'i8'), ('s', 'U3')]); a['k'] = np.arange(n);
/// a['s'] = [chr(97 + i % 26) + str(i) for i in range(n)]`.
fn records(n: usize) -> Array {
    let dt = DType::record(&[("k", DType::Int64), ("s", DType::Str(3))]).unwrap();
    let names: Vec<String> = (0..n)
        .map(|i| format!("{}{i}", (b'a' + (i % 26) as u8) as char))
        .collect();
    Array::try_from_fields(dt, &[crate::arange_n(n as i64), Array::from_strings(names, 3)]).unwrap()
}

fn keys(a: &Array) -> Vec<i64> {
    a.field("k").to_vec::<i64>().unwrap()
}

#[test]
fn shuffling_records_draws_as_numpy() {
    // np.random.default_rng(42).shuffle(a) on 10 records: the permutation of arange(10).
    let a = records(10);
    default_rng(42).shuffle(&a);
    assert_eq!(keys(&a), vec![5, 6, 0, 7, 3, 2, 4, 9, 1, 8]);
    let s = a.field("s").to_vec::<String>().unwrap();
    assert_eq!(s, ["f5", "g6", "a0", "h7", "d3", "c2", "e4", "j9", "b1", "i8"]);
    // a.reshape(3, 4): shuffle(a, axis=1) with seed 7, then shuffle(a) with seed 7.
    let m = records(12).reshape([3, 4]);
    default_rng(7).shuffle_axis(&m, 1);
    assert_eq!(keys(&m), vec![0, 2, 1, 3, 4, 6, 5, 7, 8, 10, 9, 11]);
    let m = records(12).reshape([3, 4]);
    default_rng(7).shuffle(&m);
    assert_eq!(keys(&m), vec![0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7]);
    // The generator is left where NumPy leaves it: g.integers(0, 1000, 5) after the shuffle.
    let mut g = default_rng(42);
    g.shuffle(&records(10));
    assert_eq!(
        g.integers(0, 1000, 5).to_vec::<i64>().unwrap(),
        vec![735, 761, 717, 786, 513]
    );
}

#[test]
fn permuting_records_draws_as_numpy() {
    // np.random.default_rng(0).permuted(a.reshape(3, 4), axis=1)
    let m = records(12).reshape([3, 4]);
    let p = default_rng(0).permuted(&m, 1);
    assert_eq!(keys(&p), vec![2, 0, 1, 3, 7, 6, 5, 4, 9, 11, 8, 10]);
    let s = p.field("s").to_vec::<String>().unwrap();
    assert_eq!(
        s,
        ["c2", "a0", "b1", "d3", "h7", "g6", "f5", "e4", "j9", "l11", "i8", "k10"]
    );
    assert_eq!(keys(&m), (0..12).collect::<Vec<_>>());
    let mut g = default_rng(0);
    g.permuted(&m, 1);
    assert_eq!(
        g.integers(0, 1000, 5).to_vec::<i64>().unwrap(),
        vec![912, 503, 606, 970, 729]
    );
    // axis=None, C- and F-ordered: the copy's memory order is shuffled, and F stays F.
    let p = default_rng(0).permuted(&m, crate::Axes::All);
    assert_eq!(keys(&p), vec![9, 2, 7, 4, 5, 11, 0, 3, 6, 10, 8, 1]);
    let f = m.copy_order(crate::Order::F);
    let p = default_rng(0).permuted(&f, crate::Axes::All);
    assert_eq!(keys(&p), vec![3, 5, 0, 7, 8, 9, 1, 10, 6, 11, 2, 4]);
    assert!(p.is_f_contiguous() && p.field("s").is_f_contiguous());
    // np.random.default_rng(0).permuted(np.asfortranarray(a.reshape(3, 4)), axis=0)
    let p = default_rng(0).permuted(&f, 0);
    assert_eq!(keys(&p), vec![8, 9, 10, 7, 0, 5, 2, 11, 4, 1, 6, 3]);
}
