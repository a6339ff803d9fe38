//! The text forms against NumPy's own output (`numpy_cases.json`, written by
//! `gen_numpy_cases.py` from NumPy 2.4), and the HTML view's guarantees.

use serde_json::Value;

use super::*;
use crate::Complex64;

/// Rebuilds a case's array from its exactly stored values (floats as IEEE bit patterns).
fn build(case: &Value) -> Array {
    let dtype_name = case["dtype"].as_str().unwrap();
    let shape: Vec<usize> = case["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    if let Some(width) = dtype_name.strip_prefix("<U") {
        let values: Vec<String> = case["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().into())
            .collect();
        let flat = Array::from_strings(values, width.parse().unwrap());
        return flat.with_layout(crate::array::Layout::contiguous(&shape, crate::Order::C));
    }
    let dtype = DType::parse(dtype_name).unwrap();
    if case.get("arange").is_some() {
        let n: usize = shape.iter().product();
        let (mul, add) = (&case["mul"], &case["add"]);
        let base = if mul.is_f64() || add.is_f64() {
            let (m, c) = (mul.as_f64().unwrap(), add.as_f64().unwrap());
            Array::from_vec((0..n).map(|i| i as f64 * m + c).collect::<Vec<_>>())
        } else {
            let (m, c) = (mul.as_i64().unwrap(), add.as_i64().unwrap());
            Array::from_vec((0..n as i64).map(|i| i * m + c).collect::<Vec<_>>())
        };
        return base
            .astype(dtype)
            .unwrap()
            .with_layout(crate::array::Layout::contiguous(&shape, crate::Order::C));
    }
    let values = case["values"].as_array().unwrap();
    let f64_of = |v: &Value| f64::from_bits(u64::from_str_radix(v.as_str().unwrap(), 16).unwrap());
    let int = |v: &Value| v.as_str().unwrap().to_string();
    let a = match dtype {
        DType::Bool => Array::from_vec(values.iter().map(|v| v.as_bool().unwrap()).collect::<Vec<_>>()),
        DType::Float64 => Array::from_vec(values.iter().map(f64_of).collect::<Vec<_>>()),
        DType::Float32 => Array::from_vec(
            values
                .iter()
                .map(|v| f32::from_bits(u32::from_str_radix(v.as_str().unwrap(), 16).unwrap()))
                .collect::<Vec<_>>(),
        ),
        DType::Complex128 => Array::from_vec(
            values
                .iter()
                .map(|v| Complex64::new(f64_of(&v[0]), f64_of(&v[1])))
                .collect::<Vec<_>>(),
        ),
        DType::UInt64 => Array::from_vec(
            values
                .iter()
                .map(|v| int(v).parse::<u64>().unwrap())
                .collect::<Vec<_>>(),
        ),
        _ => Array::from_vec(
            values
                .iter()
                .map(|v| int(v).parse::<i64>().unwrap())
                .collect::<Vec<_>>(),
        )
        .astype(dtype)
        .unwrap(),
    };
    a.with_layout(crate::array::Layout::contiguous(&shape, crate::Order::C))
}

fn options(case: &Value) -> PrintOptions {
    let mut opts = PrintOptions::default();
    if let Some(o) = case.get("opts") {
        let get = |k: &str| o.get(k).and_then(Value::as_u64).map(|v| v as usize);
        opts.precision = get("precision").unwrap_or(opts.precision);
        opts.threshold = get("threshold").unwrap_or(opts.threshold);
        opts.edgeitems = get("edgeitems").unwrap_or(opts.edgeitems);
        opts.linewidth = get("linewidth").unwrap_or(opts.linewidth);
        opts.suppress = o.get("suppress").and_then(Value::as_bool).unwrap_or(false);
    }
    opts
}

#[test]
fn repr_and_str_match_numpy() {
    let table: Value = serde_json::from_str(include_str!("numpy_cases.json")).unwrap();
    let mut failures = Vec::new();
    let cases = table["cases"].as_array().unwrap();
    for case in cases {
        let a = build(case);
        let _guard = printoptions(options(case));
        let name = case["name"].as_str().unwrap();
        for (kind, got) in [("repr", repr(&a)), ("str", str(&a))] {
            let want = case[kind].as_str().unwrap();
            if got != want {
                failures.push(format!("{name} {kind}:\n  want {want:?}\n  got  {got:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from NumPy:\n{}",
        failures.len(),
        cases.len() * 2,
        failures.join("\n")
    );
}

#[test]
fn debug_and_display_delegate() {
    let _guard = printoptions(PrintOptions::default());
    let a = Array::from_vec(vec![true, false]);
    assert_eq!(format!("{a:?}"), "array([ True, False])");
    assert_eq!(format!("{a}"), "[ True False]");
}

#[test]
fn strided_views_print_in_logical_order() {
    let _guard = printoptions(PrintOptions::default());
    let a = Array::from_shape_vec([2, 3], vec![1, 2, 3, 4, 5, 6i64]).unwrap();
    let t = a.with_layout(crate::array::Layout {
        shape: vec![3, 2],
        strides: vec![1, 3],
        offset: 0,
    });
    assert_eq!(repr(&t), "array([[1, 4],\n       [2, 5],\n       [3, 6]])");
}

/// Checks that every opened tag is closed in order (the HTML is well-formed).
fn assert_balanced(html: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("unterminated tag") + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let name = tag.split_whitespace().next().unwrap();
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "odd tag {name:?}");
            stack.push(name.to_string());
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed tags {stack:?}");
}

#[test]
fn html_is_well_formed_for_every_rank() {
    let _guard = printoptions(PrintOptions::default());
    let cases = [
        Array::scalar(1.5),
        Array::from_vec(vec![1i64, 2, 3]),
        crate::arange_n(100),
        crate::arange_n(24).astype(DType::Float64).unwrap(),
        Array::from_shape_vec([2, 3, 4], (0..24).collect::<Vec<i64>>()).unwrap(),
        Array::from_shape_vec([10, 2, 2], (0..40).collect::<Vec<i64>>()).unwrap(),
        crate::zeros([0, 3], DType::Float64),
        Array::from_strings(["a", "b"], 1),
    ];
    for a in &cases {
        let html = a.to_html();
        assert_balanced(&html);
        assert!(html.contains("<caption>"), "{html}");
    }
    let html = cases[1].to_html();
    assert!(html.contains("<caption>int64 array, shape (3,)</caption>"));
    assert!(html.contains("<th>2</th>"));
    let html = cases[5].to_html();
    assert!(html.contains("<caption>[0, :, :]</caption>") && html.contains("<caption>[9, :, :]</caption>"));
    assert!(!html.contains("[5, :, :]") && html.contains("4 more slices"));
}

#[test]
fn html_escapes_string_data() {
    let a = Array::from_strings(["<script>alert('x')</script>", "a&b"], 30);
    let html = to_html(&a);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("a&amp;b"));
    assert_balanced(&html);
}

#[test]
fn html_summarises_a_million_elements() {
    let _guard = printoptions(PrintOptions::default());
    let a = Array::from_shape_vec([1000, 1000], vec![0.5f64; 1_000_000]).unwrap();
    let start = std::time::Instant::now();
    let html = a.to_html();
    assert!(start.elapsed().as_millis() < 500);
    assert!(html.len() < 30_000, "{} bytes", html.len());
    assert_eq!(html.matches("<tr>").count(), 1 + 21);
    assert!(html.contains("<th>999</th>") && !html.contains("<th>500</th>"));
    assert!(html.contains("\u{22f1}"));
    assert_balanced(&html);
}

#[test]
fn html_bounds_large_nd_arrays_and_long_vectors() {
    let _guard = printoptions(PrintOptions::default());
    let cube = Array::from_shape_vec([100, 100, 100], vec![1i64; 1_000_000]).unwrap();
    let html = cube.to_html();
    assert_balanced(&html);
    assert_eq!(html.matches("<table").count(), 6);
    assert!(html.contains("<caption>[99, :, :]</caption>") && html.contains("94 more slices"));
    assert!(html.len() < 150_000, "{} bytes", html.len());
    let column = crate::arange_n(1_000_000).to_html();
    assert_balanced(&column);
    assert!(
        column.contains("<th>999999</th>") && column.len() < 6_000,
        "{} bytes",
        column.len()
    );
    let short = Array::from_vec(vec![1i64, 2]).to_html();
    assert!(
        short.contains("<thead><tr><th>0</th><th>1</th></tr></thead>"),
        "short vectors are a row"
    );
    let scalar = Array::from_strings(["x<y"], 3);
    let scalar = scalar.with_layout(crate::array::Layout::contiguous(&[], crate::Order::C));
    assert!(
        scalar
            .to_html()
            .contains("<td class=\"arraylib-str\">&#39;x&lt;y&#39;</td>")
    );
}

#[test]
fn html_marks_nan_and_inf() {
    let _guard = printoptions(PrintOptions::default());
    let a = Array::from_vec(vec![1.5, f64::NAN, f64::INFINITY, 2.0]);
    let html = a.to_html();
    assert!(html.contains("<td class=\"arraylib-nan\">nan</td>"));
    assert!(html.contains("<td class=\"arraylib-inf\">inf</td>"));
    assert!(
        html.contains("<td>2. </td>"),
        "padded as in the text repr, so points align"
    );
}
