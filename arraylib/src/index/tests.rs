//! Cases the golden corpus does not cover (or covers only through other areas' operations, such
//! as masks made by comparisons).

use crate::{Array, ErrorKind, idx, shares_memory};

fn ints(shape: &[usize]) -> Array {
    let n: usize = shape.iter().product();
    Array::from_shape_vec(shape, (0..n as i64).collect()).unwrap()
}

fn values(a: &Array) -> Vec<i64> {
    a.to_vec::<i64>().unwrap()
}

#[test]
fn basic_views_share_memory_and_write_through() {
    let a = ints(&[4, 5]);
    let v = a.at(idx![1..3, ..;-2]);
    assert_eq!(v.shape(), &[2, 3]);
    assert_eq!(values(&v), vec![9, 7, 5, 14, 12, 10]);
    assert!(shares_memory(&a, &v));
    let mut v = v;
    v.set_at(idx![0, 0], 100);
    assert_eq!(values(&a.at(idx![1, 4])), vec![100]);
}

#[test]
fn negative_step_slices_follow_python() {
    let a = ints(&[6]);
    assert_eq!(values(&a.at(idx![4..1;-1])), vec![4, 3, 2]);
    assert_eq!(values(&a.at(idx![..;-1])), vec![5, 4, 3, 2, 1, 0]);
    assert_eq!(values(&a.at(idx![-2..;-2])), vec![4, 2, 0]);
    assert_eq!(values(&a.at(idx![..-7;-1])), vec![5, 4, 3, 2, 1, 0]);
    assert_eq!(a.at(idx![1..4;-1]).size(), 0);
    let e = Array::from_vec(Vec::<i64>::new());
    assert_eq!(e.at(idx![..;-1]).size(), 0);
}

#[test]
fn index_errors_use_numpy_messages() {
    let a = ints(&[3]);
    let e = a.try_at(idx![5]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Index);
    assert_eq!(e.message(), "index 5 is out of bounds for axis 0 with size 3");
    let e = a.try_at(idx![0, 0]).unwrap_err();
    assert_eq!(
        e.message(),
        "too many indices for array: array is 1-dimensional, but 2 were indexed"
    );
    let mask = Array::from_vec(vec![true, false, true, true]);
    let e = a.try_at(idx![&mask]).unwrap_err();
    assert_eq!(
        e.message(),
        "boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 4"
    );
    let e = a.try_at(idx![Array::from_vec(vec![0.0])]).unwrap_err();
    assert_eq!(
        e.message(),
        "arrays used as indices must be of integer (or boolean) type"
    );
}

#[test]
fn row_mask_copies_rows() {
    let x = ints(&[4, 3]);
    let mask = Array::from_vec(vec![true, false, false, true]);
    let rows = x.at(idx![&mask]);
    assert_eq!(rows.shape(), &[2, 3]);
    assert_eq!(values(&rows), vec![0, 1, 2, 9, 10, 11]);
    assert!(!shares_memory(&x, &rows));
    // The same on a transposed (non-contiguous) source.
    let t = ints(&[3, 4]).at(idx![..;-1, ..]);
    assert_eq!(values(&t.at(idx![&mask.at(idx![..3])])), vec![8, 9, 10, 11]);
}

#[test]
fn full_mask_and_leading_axes_mask() {
    let x = ints(&[2, 3]);
    let full = Array::from_shape_vec([2, 3], vec![false, false, false, true, true, true]).unwrap();
    assert_eq!(values(&x.at(idx![&full])), vec![3, 4, 5]);
    let t = ints(&[2, 3, 2]);
    let lead = Array::from_shape_vec([2, 3], vec![true, false, false, false, true, true]).unwrap();
    let picked = t.at(idx![&lead]);
    assert_eq!(picked.shape(), &[3, 2]);
    assert_eq!(values(&picked), vec![0, 1, 8, 9, 10, 11]);
    // A mask after a slice, and a 0-d mask.
    let cols = Array::from_vec(vec![true, false, true]);
    assert_eq!(values(&x.at(idx![.., &cols])), vec![0, 2, 3, 5]);
    assert_eq!(x.at(idx![true]).shape(), &[1, 2, 3]);
    assert_eq!(x.at(idx![false]).shape(), &[0, 2, 3]);
}

#[test]
fn separated_advanced_indices_move_to_front() {
    let x = ints(&[2, 3, 4]);
    // x[0, :, [1, 2]]: the integer counts as advanced, separated by a slice.
    let r = x.at(idx![0, .., [1, 2]]);
    assert_eq!(r.shape(), &[2, 3]);
    assert_eq!(values(&r), vec![1, 5, 9, 2, 6, 10]);
    // Adjacent advanced indices stay in place.
    let r = x.at(idx![.., [0, 2], [1, 3]]);
    assert_eq!(r.shape(), &[2, 2]);
    assert_eq!(values(&r), vec![1, 11, 13, 23]);
    let r = x.at(idx![[1, 0], .., [0, 3]]);
    assert_eq!(r.shape(), &[2, 3]);
    assert_eq!(values(&r), vec![12, 16, 20, 3, 7, 11]);
}

#[test]
fn fancy_broadcast_and_errors() {
    let x = ints(&[3, 4]);
    let i = Array::from_shape_vec([2, 1], vec![0i64, 2]).unwrap();
    let j = Array::from_vec(vec![1i64, 3]);
    assert_eq!(values(&x.at(idx![&i, &j])), vec![1, 3, 9, 11]);
    let e = x.try_at(idx![[0, 1], [0, 1, 2]]).unwrap_err();
    assert_eq!(
        e.message(),
        "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) "
    );
    let e = x.try_at(idx![.., [4]]).unwrap_err();
    assert_eq!(e.message(), "index 4 is out of bounds for axis 1 with size 4");
}

#[test]
fn assignment_forms() {
    let mut a = ints(&[6]);
    a.set_at(idx![[1, 1, 3]], Array::from_vec(vec![7i64, 8, 9]));
    assert_eq!(values(&a), vec![0, 8, 2, 9, 4, 5]);
    let mask = Array::from_vec(vec![true, false, true, false, false, true]);
    a.set_at(idx![&mask], Array::from_vec(vec![-1i64, -2, -3]));
    assert_eq!(values(&a), vec![-1, 8, -2, 9, 4, -3]);
    a.set_at(idx![..;-1], 2.9);
    assert_eq!(values(&a), vec![2; 6]);
    // Overlapping source and target: NumPy reads the source first.
    let mut b = ints(&[5]);
    let shifted = b.at(idx![..4]);
    b.set_at(idx![1..], &shifted);
    assert_eq!(values(&b), vec![0, 0, 1, 2, 3]);
    // Broadcast a row into a 2-D selection; a Python int that does not fit.
    let mut m = crate::zeros([2, 3], crate::DType::Int8);
    m.set_at(idx![..], Array::from_vec(vec![1i8, 2, 3]));
    assert_eq!(m.to_vec::<i8>().unwrap(), vec![1, 2, 3, 1, 2, 3]);
    let e = m.try_set_at(idx![0], 300).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Overflow);
}

#[test]
fn read_only_arrays_refuse_writes() {
    let mut r = ints(&[3]).into_readonly();
    let e = r.try_set_at(idx![0], 1).unwrap_err();
    assert_eq!(e.message(), "assignment destination is read-only");
    assert!(r.try_set_at(idx![[0]], 1).is_err());
    assert!(crate::try_add_at(&mut r, idx![[0]], 1).is_err());
}

#[test]
fn string_arrays_index_too() {
    let s = Array::from_strings(["ab", "cd", "ef"], 2);
    let picked = s.at(idx![[2, 0]]);
    assert_eq!(picked.dtype(), crate::DType::Str(2));
    assert_eq!(picked.to_vec::<String>().unwrap(), vec!["ef", "ab"]);
}

#[test]
fn add_at_accumulates_and_take_put() {
    let mut a = ints(&[5]);
    crate::add_at(&mut a, idx![[0, 0, 4]], Array::from_vec(vec![1i64, 2, 3]));
    assert_eq!(values(&a), vec![3, 1, 2, 3, 7]);
    // np.add.at(x, [0, 1, 0], (1, 2, 3)) on arange(4): a tuple is a sequence of values.
    let mut x = ints(&[4]);
    crate::add_at(
        &mut x,
        idx![[0, 1, 0]],
        vec![crate::Scalar::from(1), 2.into(), 3.into()],
    );
    assert_eq!(values(&x), vec![4, 3, 2, 3]);
    let m = ints(&[2, 3]);
    let i = Array::from_vec(vec![-1i64, 0]);
    assert_eq!(values(&crate::take(&m, &i, Some(0))), vec![3, 4, 5, 0, 1, 2]);
    let mut p = ints(&[2, 2]);
    crate::put(
        &mut p,
        &Array::from_vec(vec![0i64, 1, 2, 3]),
        &Array::from_vec(vec![9i64, 8]),
    );
    assert_eq!(values(&p), vec![9, 8, 9, 8]);
    assert!(crate::try_nonzero(&Array::scalar(1)).is_err());
    assert_eq!(crate::argwhere(&Array::scalar(1)).shape(), &[1, 0]);
}

#[test]
fn boolean_assignment_checks_value_count() {
    let mut a = ints(&[4]);
    let mask = Array::from_vec(vec![true, false, true, false]);
    let e = a
        .try_set_at(idx![&mask], Array::from_vec(vec![1i64, 2, 3]))
        .unwrap_err();
    assert_eq!(
        e.message(),
        "NumPy boolean array indexing assignment cannot assign 3 input values to the 2 output values where the mask is true"
    );
    a.set_at(idx![&mask], Array::from_vec(vec![7i64]));
    assert_eq!(values(&a), vec![7, 1, 7, 3]);
}

#[test]
fn element_by_integers_is_a_copy_but_ellipsis_keeps_a_view() {
    let a = ints(&[3]);
    let scalar = a.at(idx![1]);
    let view = a.at(idx![1, ...]);
    assert!(scalar.owndata() && !shares_memory(&a, &scalar));
    assert!(shares_memory(&a, &view));
}

#[test]
fn macro_forms_with_variables() {
    let a = ints(&[4, 6]);
    let (n, k): (usize, isize) = (3, -2);
    assert_eq!(a.at(idx![..n, k]).to_vec::<i64>().unwrap(), vec![4, 10, 16]);
    assert_eq!(a.at(idx![1, (n - 1)..;2]).to_vec::<i64>().unwrap(), vec![8, 10]);
    assert_eq!(a.at(idx![-1..;-1, 0,]).to_vec::<i64>().unwrap(), vec![18, 12, 6, 0]);
    assert_eq!(a.at(idx![newaxis, .., None, 0]).shape(), &[1, 4, 1]);
    let rows = vec![3usize, 0];
    assert_eq!(a.at(idx![rows.clone(), 5]).to_vec::<i64>().unwrap(), vec![23, 5]);
    assert_eq!(a.at(idx![1..=2, ..=-1]).shape(), &[2, 6]);
    assert_eq!(a.at(idx![]).shape(), &[4, 6]);
}
