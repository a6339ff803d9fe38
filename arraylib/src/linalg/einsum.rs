//! `einsum` and `einsum_path`: Einstein summation with NumPy's subscript grammar.
//!
//! Subscripts are parsed into integer labels (letters, and one label per broadcast `...`
//! dimension); repeated labels within an operand take diagonals; then operands are contracted
//! pairwise in the order of a path (left to right, NumPy's greedy, or the optimal search,
//! all as `numpy.einsum_path` computes them), each pairwise contraction being a transpose and
//! reshape to a batched matrix product.

use std::collections::{BTreeMap, BTreeSet};

use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn};

use super::kernel::{Ring, matmul_stack};
use crate::array::{Array, with_numeric_type};
use crate::dtype::DType;
use crate::error::{ArrayError, Result, shape_str};

/// The `optimize` argument of [`einsum`] / [`einsum_path`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optimize {
    /// `optimize=False`: contract left to right.
    No,
    /// `optimize=True` or `"greedy"`: NumPy's greedy pairwise order.
    Greedy,
    /// `"optimal"`: the cheapest order by exhaustive search.
    Optimal,
}

impl From<bool> for Optimize {
    fn from(b: bool) -> Self {
        if b { Optimize::Greedy } else { Optimize::No }
    }
}

/// Labels at or above this value stand for `...` dimensions (counted from the right).
const ELLIPSIS: u32 = 1000;

/// A parsed subscripts string with the label sizes.
struct Spec {
    inputs: Vec<Vec<u32>>,
    output: Vec<u32>,
    sizes: BTreeMap<u32, usize>,
    /// Labels of the iteration (output first, then summed), for NumPy's broadcast message.
    text_inputs: Vec<String>,
    text_output: String,
}

fn value_err(msg: impl Into<String>) -> ArrayError {
    ArrayError::value(msg)
}

/// Splits one term into labels, expanding `...` to `ndim - letters` dimensions.
fn parse_term(term: &str, ndim: Option<usize>, which: usize) -> Result<(Vec<u32>, usize)> {
    let mut labels = Vec::new();
    let mut ell_at = None;
    let chars: Vec<char> = term.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '.' {
            if ell_at.is_some() || chars.get(i + 1) != Some(&'.') || chars.get(i + 2) != Some(&'.') {
                return Err(value_err(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...')",
                ));
            }
            ell_at = Some(labels.len());
            i += 3;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            return Err(value_err(format!(
                "invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"
            )));
        }
        labels.push(c as u32);
        i += 1;
    }
    let Some(ndim) = ndim else {
        return Ok((labels, ell_at.map_or(usize::MAX, |p| p)));
    };
    match ell_at {
        None if labels.len() != ndim => Err(value_err(if labels.len() > ndim {
            format!("einstein sum subscripts string contains too many subscripts for operand {which}")
        } else {
            "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.".to_string()
        })),
        None => Ok((labels, 0)),
        Some(_) if labels.len() > ndim => Err(value_err(format!(
            "einstein sum subscripts string contains too many subscripts for operand {which}"
        ))),
        Some(p) => {
            let e = ndim - labels.len();
            let ell: Vec<u32> = (0..e).map(|k| ELLIPSIS + (e - 1 - k) as u32).collect();
            labels.splice(p..p, ell);
            Ok((labels, e))
        }
    }
}

fn parse(subscripts: &str, shapes: &[&[usize]]) -> Result<Spec> {
    let s: String = subscripts.chars().filter(|c| !c.is_whitespace()).collect();
    let (lhs, rhs) = match s.split_once("->") {
        Some((l, r)) => (l.to_string(), Some(r.to_string())),
        None => (s.clone(), None),
    };
    let terms: Vec<&str> = lhs.split(',').collect();
    if terms.len() > shapes.len() {
        // NumPy's wording for this case (the parser runs out of operands).
        return Err(value_err(
            "more operands provided to einstein sum function than specified in the subscripts string",
        ));
    }
    if terms.len() < shapes.len() {
        return Err(value_err(
            "fewer operands provided to einstein sum function than specified in the subscripts string",
        ));
    }
    let mut inputs = Vec::new();
    let mut ell_nd = 0;
    for (i, (term, shape)) in terms.iter().zip(shapes).enumerate() {
        let (labels, e) = parse_term(term, Some(shape.len()), i)?;
        ell_nd = ell_nd.max(e);
        inputs.push(labels);
    }
    let mut sizes: BTreeMap<u32, usize> = BTreeMap::new();
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for (labels, shape) in inputs.iter().zip(shapes) {
        for (&l, &n) in labels.iter().zip(shape.iter()) {
            *counts.entry(l).or_default() += 1;
            let entry = sizes.entry(l).or_insert(n);
            if *entry == 1 {
                *entry = n;
            }
        }
    }
    let ell_labels: Vec<u32> = (0..ell_nd).map(|k| ELLIPSIS + (ell_nd - 1 - k) as u32).collect();
    let output = match rhs {
        Some(r) => {
            let (labels, at) = parse_term(&r, None, 0)?;
            let mut seen = BTreeSet::new();
            for &l in &labels {
                let c = char::from_u32(l).unwrap_or('?');
                if !seen.insert(l) {
                    return Err(value_err(format!(
                        "einstein sum subscripts string includes output subscript '{c}' multiple times"
                    )));
                }
                if !sizes.contains_key(&l) {
                    return Err(value_err(format!(
                        "einstein sum subscripts string included output subscript '{c}' which never appeared in an input"
                    )));
                }
            }
            let mut out = labels;
            if at != usize::MAX {
                out.splice(at..at, ell_labels.clone());
            }
            out
        }
        None => {
            let mut out = ell_labels.clone();
            out.extend(
                counts
                    .iter()
                    .filter(|&(&l, &n)| n == 1 && l < ELLIPSIS)
                    .map(|(&l, _)| l),
            );
            out
        }
    };
    let spec = Spec {
        inputs,
        output,
        sizes,
        text_inputs: terms.iter().map(|t| t.to_string()).collect(),
        text_output: String::new(),
    };
    check_sizes(&spec, shapes)?;
    let text_output = spec.output.iter().map(|&l| label_char(l, &spec)).collect();
    Ok(Spec { text_output, ..spec })
}

/// Every label's sizes must agree or be 1; otherwise NumPy's broadcast error with the
/// operands remapped onto the iteration (output labels, then summed labels).
fn check_sizes(spec: &Spec, shapes: &[&[usize]]) -> Result<()> {
    let bad = spec.inputs.iter().zip(shapes).any(|(labels, shape)| {
        labels
            .iter()
            .zip(shape.iter())
            .any(|(l, &n)| n != 1 && n != spec.sizes[l])
    });
    if !bad {
        return Ok(());
    }
    let mut order = spec.output.clone();
    for labels in &spec.inputs {
        for l in labels {
            if !order.contains(l) {
                order.push(*l);
            }
        }
    }
    let mut msg = String::from("operands could not be broadcast together with remapped shapes [original->remapped]: ");
    for (labels, shape) in spec.inputs.iter().zip(shapes) {
        let mut parts: Vec<String> = order
            .iter()
            .map(|l| {
                labels
                    .iter()
                    .position(|x| x == l)
                    .map_or("newaxis".to_string(), |p| shape[p].to_string())
            })
            .collect();
        while parts.first().is_some_and(|p| p == "newaxis") {
            parts.remove(0);
        }
        let remapped = if parts.len() == 1 {
            format!("({},)", parts[0])
        } else {
            format!("({})", parts.join(","))
        };
        msg.push_str(&format!("{}->{} ", shape_str(shape), remapped));
    }
    Err(ArrayError::new(crate::ErrorKind::Broadcast, msg))
}

fn label_char(l: u32, spec: &Spec) -> char {
    if l < ELLIPSIS {
        return char::from_u32(l).unwrap_or('?');
    }
    // `...` dimensions get letters unused by the subscripts, as NumPy's einsum_path does.
    let used: BTreeSet<u32> = spec.sizes.keys().copied().filter(|&x| x < ELLIPSIS).collect();
    let free: Vec<char> = ('A'..='Z')
        .chain('a'..='z')
        .filter(|c| !used.contains(&(*c as u32)))
        .collect();
    free.get((l - ELLIPSIS) as usize).copied().unwrap_or('?')
}

fn size_of(labels: &BTreeSet<u32>, sizes: &BTreeMap<u32, usize>) -> usize {
    labels.iter().map(|l| sizes[l]).product()
}

fn flop_count(idx: &BTreeSet<u32>, inner: bool, terms: usize, sizes: &BTreeMap<u32, usize>) -> usize {
    let factor = terms.saturating_sub(1).max(1) + inner as usize;
    size_of(idx, sizes) * factor
}

/// NumPy's `_find_contraction`: `(result labels, remaining sets with the result last,
/// removed labels, all labels involved)`.
type Contraction = (BTreeSet<u32>, Vec<BTreeSet<u32>>, BTreeSet<u32>, BTreeSet<u32>);

fn find_contraction(positions: &[usize], sets: &[BTreeSet<u32>], output: &BTreeSet<u32>) -> Contraction {
    let mut contract = BTreeSet::new();
    let mut remain = output.clone();
    let mut remaining = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        if positions.contains(&i) {
            contract.extend(s.iter().copied());
        } else {
            remaining.push(s.clone());
            remain.extend(s.iter().copied());
        }
    }
    let result: BTreeSet<u32> = remain.intersection(&contract).copied().collect();
    let removed = contract.difference(&result).copied().collect();
    remaining.push(result.clone());
    (result, remaining, removed, contract)
}

/// A partial path of the optimal search: cost, steps, remaining label sets.
type Partial = (usize, Vec<Vec<usize>>, Vec<BTreeSet<u32>>);

type Candidate = ((i64, usize), (usize, usize), Vec<BTreeSet<u32>>);

/// NumPy's `_greedy_path`.
fn greedy_path(
    mut sets: Vec<BTreeSet<u32>>,
    output: &BTreeSet<u32>,
    sizes: &BTreeMap<u32, usize>,
    limit: usize,
) -> Vec<Vec<usize>> {
    let n = sets.len();
    if n == 1 {
        return vec![vec![0]];
    }
    if n == 2 {
        return vec![vec![0, 1]];
    }
    let (_, _, removed, contract) = find_contraction(&(0..n).collect::<Vec<_>>(), &sets, output);
    let naive = flop_count(&contract, !removed.is_empty(), n, sizes);
    let parse = |pos: (usize, usize), sets: &[BTreeSet<u32>], path_cost: usize| -> Option<Candidate> {
        let (result, new_sets, removed, contract) = find_contraction(&[pos.0, pos.1], sets, output);
        let new_size = size_of(&result, sizes);
        if new_size > limit {
            return None;
        }
        let removed_size = (size_of(&sets[pos.0], sizes) + size_of(&sets[pos.1], sizes)) as i64 - new_size as i64;
        let cost = flop_count(&contract, !removed.is_empty(), 2, sizes);
        if path_cost + cost > naive {
            return None;
        }
        Some(((-removed_size, cost), pos, new_sets))
    };
    let mut combos: Vec<(usize, usize)> = pairs(n);
    let mut known: Vec<Candidate> = Vec::new();
    let mut path = Vec::new();
    let mut path_cost = 0;
    for _ in 0..n - 1 {
        for &pos in &combos {
            if sets[pos.0].is_disjoint(&sets[pos.1]) {
                continue;
            }
            if let Some(c) = parse(pos, &sets, path_cost) {
                known.push(c);
            }
        }
        if known.is_empty() {
            for pos in pairs(sets.len()) {
                if let Some(c) = parse(pos, &sets, path_cost) {
                    known.push(c);
                }
            }
            if known.is_empty() {
                path.push((0..sets.len()).collect());
                break;
            }
        }
        let best_i = (0..known.len()).min_by_key(|&i| known[i].0).expect("non-empty");
        let best = known[best_i].clone();
        let (bx, by) = best.1;
        let new_tensor = best.2.last().expect("result").clone();
        known = known
            .into_iter()
            .filter(|c| ![bx, by].contains(&c.1.0) && ![bx, by].contains(&c.1.1))
            .map(|(cost, (x, y), mut con)| {
                con.remove(by - (by > x) as usize - (by > y) as usize);
                con.remove(bx - (bx > x) as usize - (bx > y) as usize);
                let at = con.len() - 1;
                con.insert(at, new_tensor.clone());
                let m = (
                    x - (x > bx) as usize - (x > by) as usize,
                    y - (y > bx) as usize - (y > by) as usize,
                );
                (cost, m, con)
            })
            .collect();
        sets = best.2;
        let pos = sets.len() - 1;
        combos = (0..pos).map(|i| (i, pos)).collect();
        path.push(vec![bx, by]);
        path_cost += best.0.1;
    }
    path
}

fn pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect()
}

/// NumPy's `_optimal_path` (exhaustive over pairwise orders).
fn optimal_path(
    sets: Vec<BTreeSet<u32>>,
    output: &BTreeSet<u32>,
    sizes: &BTreeMap<u32, usize>,
    limit: usize,
) -> Vec<Vec<usize>> {
    let n = sets.len();
    let mut full: Vec<Partial> = vec![(0, Vec::new(), sets)];
    for iteration in 0..n - 1 {
        let mut iter_results = Vec::new();
        for (cost, positions, remaining) in &full {
            for (a, b) in pairs(n - iteration) {
                let (result, new_sets, removed, contract) = find_contraction(&[a, b], remaining, output);
                if size_of(&result, sizes) > limit {
                    continue;
                }
                let total = cost + flop_count(&contract, !removed.is_empty(), 2, sizes);
                let mut new_pos = positions.clone();
                new_pos.push(vec![a, b]);
                iter_results.push((total, new_pos, new_sets));
            }
        }
        if iter_results.is_empty() {
            let best = (0..full.len()).min_by_key(|&i| full[i].0).expect("non-empty");
            let mut path = full[best].1.clone();
            path.push((0..n - iteration).collect());
            return path;
        }
        full = iter_results;
    }
    let best = (0..full.len()).min_by_key(|&i| full[i].0).expect("non-empty");
    full.swap_remove(best).1
}

/// The contraction path and NumPy's report for `spec`.
fn plan(spec: &Spec, optimize: Optimize) -> (Vec<Vec<usize>>, String) {
    let sets: Vec<BTreeSet<u32>> = spec.inputs.iter().map(|l| l.iter().copied().collect()).collect();
    let output: BTreeSet<u32> = spec.output.iter().copied().collect();
    let all: BTreeSet<u32> = sets.iter().flatten().copied().collect();
    let n = sets.len();
    let mut size_list: Vec<usize> = sets.iter().map(|s| size_of(s, &spec.sizes)).collect();
    size_list.push(size_of(&output, &spec.sizes));
    let limit = size_list.iter().copied().max().unwrap_or(0);
    let path = if optimize == Optimize::No || n <= 2 || all == output {
        vec![(0..n).collect()]
    } else if optimize == Optimize::Optimal && n <= 8 {
        optimal_path(sets.clone(), &output, &spec.sizes, limit)
    } else {
        greedy_path(sets.clone(), &output, &spec.sizes, limit)
    };
    (path.clone(), report(spec, &sets, &output, &path))
}

/// NumPy's `einsum_path` report text.
fn report(spec: &Spec, sets: &[BTreeSet<u32>], output: &BTreeSet<u32>, path: &[Vec<usize>]) -> String {
    let all: BTreeSet<u32> = sets.iter().flatten().copied().collect();
    let n = sets.len();
    let inner = sets.iter().map(|s| s.len()).sum::<usize>() > all.len();
    let naive = flop_count(&all, inner, n, &spec.sizes);
    let text = |s: &[u32]| s.iter().map(|&l| label_char(l, spec)).collect::<String>();
    let mut terms: Vec<String> = spec.inputs.iter().map(|l| text(l)).collect();
    let mut remaining = sets.to_vec();
    let mut opt = 0;
    let mut largest = 0;
    let mut scale = 0;
    let mut lines = Vec::new();
    for step in path {
        let (result, new_sets, removed, contract) = find_contraction(step, &remaining, output);
        opt += flop_count(&contract, !removed.is_empty(), step.len(), &spec.sizes);
        largest = largest.max(size_of(&result, &spec.sizes));
        scale = scale.max(contract.len());
        let mut picked: Vec<String> = Vec::new();
        for &i in step.iter().rev() {
            picked.push(terms.remove(i));
        }
        let out_text: String = if new_sets.len() == 1 {
            spec.text_output.clone()
        } else {
            let mut r: Vec<u32> = result.iter().copied().collect();
            r.sort_by_key(|&l| label_char(l, spec));
            text(&r)
        };
        terms.push(out_text.clone());
        let current = format!("{}->{}", picked.join(","), out_text);
        let rest = format!("{}->{}", terms.join(","), spec.text_output);
        lines.push(format!("{:>4}    {:>24} {:>40}", contract.len(), current, rest));
        remaining = new_sets;
    }
    let complete = format!("{}->{}", spec.text_inputs.join(","), spec.text_output);
    let speedup = if opt > 0 { naive as f64 / opt as f64 } else { 1.0 };
    let mut out = format!(
        "  Complete contraction:  {complete}\n         Naive scaling:  {}\n     Optimized scaling:  {scale}\n      Naive FLOP count:  {naive:.3e}\n  Optimized FLOP count:  {opt:.3e}\n   Theoretical speedup:  {speedup:.3}\n  Largest intermediate:  {largest:.3e} elements\n",
        all.len()
    );
    let rule = "-".repeat(74);
    out.push_str(&format!(
        "{rule}\nscaling                  current                                remaining\n{rule}\n"
    ));
    out.push_str(&lines.join("\n"));
    out
}

/// `numpy.einsum_path(subscripts, *operands, optimize)`: the contraction order NumPy would
/// take (`["einsum_path", (i, j), ...]` as index lists) and its printed report.
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::linalg::Optimize;
/// let (a, b, c) = (ones([10, 20], DType::Float64), ones([20, 30], DType::Float64), ones([30, 5], DType::Float64));
/// let (path, _report) = einsum_path("ij,jk,kl->il", &[&a, &b, &c], Optimize::Greedy);
/// assert_eq!(path, vec![vec![1, 2], vec![0, 1]]);
/// ```
pub fn einsum_path(subscripts: &str, operands: &[&Array], optimize: Optimize) -> (Vec<Vec<usize>>, String) {
    try_einsum_path(subscripts, operands, optimize).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`einsum_path`].
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::linalg::Optimize;
/// assert!(arraylib::try_einsum_path("ij->k", &[&ones([2, 2], DType::Float64)], Optimize::Greedy).is_err());
/// ```
pub fn try_einsum_path(subscripts: &str, operands: &[&Array], optimize: Optimize) -> Result<(Vec<Vec<usize>>, String)> {
    let shapes: Vec<&[usize]> = operands.iter().map(|a| a.shape()).collect();
    let spec = parse(subscripts, &shapes)?;
    Ok(plan(&spec, optimize))
}

/// `numpy.einsum(subscripts, *operands, optimize)`: implicit (`"ij,jk"`) and explicit
/// (`"ij,jk->ik"`) outputs, `...` broadcasting, repeated labels (diagonals and traces), any
/// number of operands. The result dtype is the operands' promoted dtype (int32 stays int32).
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::linalg::Optimize;
/// let a = array![[1, 2], [3, 4]];
/// assert_eq!(einsum("ii->", &[&a], Optimize::No).item_f64().unwrap(), 5.0);
/// assert_eq!(einsum("ij,jk", &[&a, &a], Optimize::Greedy).to_vec::<i64>().unwrap(), vec![7, 10, 15, 22]);
/// ```
pub fn einsum(subscripts: &str, operands: &[&Array], optimize: Optimize) -> Array {
    try_einsum(subscripts, operands, optimize).unwrap_or_else(|e| panic!("{e}"))
}

/// Fallible [`einsum`].
///
/// ```
/// use arraylib::prelude::*;
/// use arraylib::linalg::Optimize;
/// let a = ones([2, 3], DType::Float64);
/// assert_eq!(arraylib::try_einsum("ij,jk->ik", &[&a, &a], Optimize::No).unwrap_err().kind(), ErrorKind::Broadcast);
/// ```
pub fn try_einsum(subscripts: &str, operands: &[&Array], optimize: Optimize) -> Result<Array> {
    let shapes: Vec<&[usize]> = operands.iter().map(|a| a.shape()).collect();
    let spec = parse(subscripts, &shapes)?;
    let mut dtype = DType::Bool;
    for a in operands {
        if !a.dtype().kind().is_numeric() {
            return Err(ArrayError::type_error(format!(
                "invalid data type for einsum: {}",
                a.dtype()
            )));
        }
        dtype = dtype.promote(a.dtype())?;
    }
    let path = if operands.len() <= 2 {
        vec![(0..operands.len()).collect()]
    } else {
        plan(&spec, optimize).0
    };
    let cast: Vec<Array> = operands.iter().map(|a| a.astype_nocopy(dtype)).collect::<Result<_>>()?;
    with_numeric_type!(dtype, run(&spec, &cast, &path), _ => unreachable!("checked numeric"))
}

/// An operand during evaluation: data (owned) or the input's view, and its labels.
struct Term<'a, T> {
    data: ndarray::CowArray<'a, T, IxDyn>,
    labels: Vec<u32>,
}

fn run<T: Ring>(spec: &Spec, operands: &[Array], path: &[Vec<usize>]) -> Result<Array> {
    let guards: Vec<_> = operands.iter().map(|a| a.typed::<T>()).collect::<Result<_>>()?;
    let mut terms: Vec<Term<'_, T>> = Vec::new();
    for (g, labels) in guards.iter().zip(&spec.inputs) {
        terms.push(prepare(g.view(), labels, &spec.sizes));
    }
    for step in path {
        let mut picked: Vec<Term<'_, T>> = Vec::new();
        let mut idx = step.clone();
        idx.sort_unstable();
        for &i in idx.iter().rev() {
            picked.push(terms.remove(i));
        }
        picked.reverse();
        let mut acc = picked.remove(0);
        while !picked.is_empty() {
            let next = picked.remove(0);
            // Labels still needed: the output's and those of every term not yet contracted.
            let mut keep: BTreeSet<u32> = spec.output.iter().copied().collect();
            for t in terms.iter().chain(&picked) {
                keep.extend(t.labels.iter().copied());
            }
            acc = contract(acc, next, &keep);
        }
        terms.push(acc);
    }
    let last = terms.pop().expect("one term remains");
    let out: BTreeSet<u32> = spec.output.iter().copied().collect();
    let last = sum_out(last, &out);
    let order: Vec<usize> = spec
        .output
        .iter()
        .map(|l| last.labels.iter().position(|x| x == l).expect("output label"))
        .collect();
    // The last product is usually already in the output's order: no second copy then.
    let data = last.data.into_owned().permuted_axes(IxDyn(&order));
    if data.is_standard_layout() {
        return Ok(Array::from_ndarray(data));
    }
    Ok(Array::from_ndarray(data.as_standard_layout().into_owned()))
}

/// Takes diagonals for labels repeated within the operand and stretches size-1 axes to the
/// label's size.
fn prepare<'a, T: Ring>(v: ArrayViewD<'a, T>, labels: &[u32], sizes: &BTreeMap<u32, usize>) -> Term<'a, T> {
    let mut unique: Vec<u32> = Vec::new();
    for &l in labels {
        if !unique.contains(&l) {
            unique.push(l);
        }
    }
    let data: ndarray::CowArray<'a, T, IxDyn> = if unique.len() == labels.len() {
        v.into()
    } else {
        let dims: Vec<usize> = unique
            .iter()
            .map(|l| labels.iter().position(|x| x == l).map(|p| v.shape()[p]).unwrap())
            .collect();
        let src: Vec<usize> = labels
            .iter()
            .map(|l| unique.iter().position(|x| x == l).expect("label"))
            .collect();
        ArrayD::from_shape_fn(IxDyn(&dims), |idx| {
            let full: Vec<usize> = src.iter().map(|&u| idx[u]).collect();
            v[IxDyn(&full)]
        })
        .into()
    };
    let target: Vec<usize> = unique.iter().map(|l| sizes[l]).collect();
    let data = if data.shape() != target.as_slice() {
        let b = data.broadcast(IxDyn(&target)).expect("sizes checked").to_owned();
        b.into()
    } else {
        data
    };
    Term { data, labels: unique }
}

/// Sums over the term's labels that are not in `keep`.
fn sum_out<'a, T: Ring>(t: Term<'a, T>, keep: &BTreeSet<u32>) -> Term<'a, T> {
    let drop: Vec<usize> = (0..t.labels.len()).filter(|&i| !keep.contains(&t.labels[i])).collect();
    if drop.is_empty() {
        return t;
    }
    let mut data = t.data.into_owned();
    for &ax in drop.iter().rev() {
        data = data.fold_axis(Axis(ax), T::zero(), |&acc, &x| T::add(acc, x));
    }
    let labels = t
        .labels
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, &l)| l)
        .collect();
    Term {
        data: data.into(),
        labels,
    }
}

/// One pairwise contraction as a batched matrix product: `x` to `(batch, free_x, summed)`,
/// `y` to `(batch, summed, free_y)`.
fn contract<'a, T: Ring>(x: Term<'a, T>, y: Term<'a, T>, keep: &BTreeSet<u32>) -> Term<'a, T> {
    let keep_x: BTreeSet<u32> = keep.iter().chain(y.labels.iter()).copied().collect();
    let keep_y: BTreeSet<u32> = keep.iter().chain(x.labels.iter()).copied().collect();
    let x = sum_out(x, &keep_x);
    let y = sum_out(y, &keep_y);
    let in_y = |l: &u32| y.labels.contains(l);
    let batch: Vec<u32> = x
        .labels
        .iter()
        .filter(|l| in_y(l) && keep.contains(l))
        .copied()
        .collect();
    let summed: Vec<u32> = x
        .labels
        .iter()
        .filter(|l| in_y(l) && !keep.contains(l))
        .copied()
        .collect();
    let free_x: Vec<u32> = x.labels.iter().filter(|l| !in_y(l)).copied().collect();
    let free_y: Vec<u32> = y.labels.iter().filter(|l| !x.labels.contains(l)).copied().collect();
    let pos = |t: &Term<'a, T>, ls: &[u32]| -> Vec<usize> {
        ls.iter()
            .map(|l| t.labels.iter().position(|x| x == l).expect("label"))
            .collect()
    };
    let xo: Vec<usize> = [pos(&x, &batch), pos(&x, &free_x), pos(&x, &summed)].concat();
    let yo: Vec<usize> = [pos(&y, &batch), pos(&y, &summed), pos(&y, &free_y)].concat();
    let xv = x.data.view().permuted_axes(IxDyn(&xo));
    let yv = y.data.view().permuted_axes(IxDyn(&yo));
    let mut shape: Vec<usize> = xv.shape()[..batch.len() + free_x.len()].to_vec();
    shape.extend_from_slice(&yv.shape()[batch.len() + summed.len()..]);
    let data = matmul_stack(xv, yv, batch.len(), free_x.len(), summed.len());
    let labels = [batch, free_x, free_y].concat();
    Term {
        data: ArrayD::from_shape_vec(IxDyn(&shape), data).expect("size").into(),
        labels,
    }
}
