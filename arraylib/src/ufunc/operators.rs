//! Rust operators on [`Array`]: `+ - * / % & | ^` with arrays and scalars on either side,
//! unary `-` and `!`, the compound assignments (`+=` ...), and comparison methods.
//!
//! Operators panic with the [`ArrayError`](crate::ArrayError) message (a notebook shows it as
//! NumPy's exception); the fallible forms are the free functions (`try_add`, ...) and the
//! `try_*_assign` methods. `Array op Array` reuses an operand's buffer when it is uniquely
//! owned and already has the result's dtype and shape, so `(&a + &b) * 2.0` allocates once.
//!
//! ```
//! use arraylib::prelude::*;
//! let a = array![1.0, 2.0, 3.0];
//! let b = 2.0 - &a * 2;
//! assert_eq!(b.to_vec::<f64>().unwrap(), vec![0.0, -2.0, -4.0]);
//! let mask = &a.gt(1.0) & &a.lt(3.0);
//! assert_eq!(mask.to_vec::<bool>().unwrap(), vec![false, true, false]);
//! ```

use std::ops::{
    Add, AddAssign, BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Div, DivAssign, Mul, MulAssign,
    Neg, Not, Rem, RemAssign, Sub, SubAssign,
};
use std::sync::Arc;

use num_complex::Complex64;

use super::binary::{BinaryOp, Dest, apply, binary};
use super::inplace::inplace;
use super::{Operand, result_type};
use crate::array::{Array, dispatch};
use crate::broadcast::broadcast_shape_ufunc;
use crate::dtype::DType;
use crate::error::{OrRaise, Result};
use crate::scalar::Scalar;

/// Whether `a`'s buffer can hold a result of `dtype` and `shape`: nobody else sees it.
pub(crate) fn reusable(a: &Array, dtype: DType, shape: &[usize]) -> bool {
    a.dtype() == dtype
        && a.shape() == shape
        && a.owndata()
        && a.writeable()
        && dispatch!(a.data(), s => Arc::strong_count(s) == 1, record => false)
}

/// `op(a, b)` for owned operands, computing over one of them when it can be reused.
fn owned(op: BinaryOp, a: Operand, b: Operand) -> Result<Array> {
    let dtype = op.loop_dtype(result_type(&[a.alias_operand(), b.alias_operand()])?)?;
    let shape = broadcast_shape_ufunc(&[a.shape(), b.shape()])?;
    if let Operand::Array(x) = &a
        && reusable(x, dtype, &shape)
    {
        return apply(op, &a, &b, Dest::Left(x));
    }
    if let Operand::Array(y) = &b
        && reusable(y, dtype, &shape)
    {
        return apply(op, &a, &b, Dest::Right(y));
    }
    apply(op, &a, &b, Dest::Fresh)
}

macro_rules! scalar_left {
    ($Trait:ident, $method:ident, $op:ident: $($t:ty),*) => {$(
        impl $Trait<&Array> for $t {
            type Output = Array;
            fn $method(self, rhs: &Array) -> Array {
                binary(BinaryOp::$op, Operand::Scalar(self.into()), rhs.into()).or_raise()
            }
        }
        impl $Trait<Array> for $t {
            type Output = Array;
            fn $method(self, rhs: Array) -> Array {
                owned(BinaryOp::$op, Operand::Scalar(self.into()), rhs.into()).or_raise()
            }
        }
    )*};
}

macro_rules! binary_operator {
    ($Trait:ident, $method:ident, $Assign:ident, $assign:ident, $op:ident) => {
        impl $Trait<&Array> for &Array {
            type Output = Array;
            fn $method(self, rhs: &Array) -> Array {
                binary(BinaryOp::$op, self.into(), rhs.into()).or_raise()
            }
        }
        impl $Trait<Array> for Array {
            type Output = Array;
            fn $method(self, rhs: Array) -> Array {
                owned(BinaryOp::$op, self.into(), rhs.into()).or_raise()
            }
        }
        impl $Trait<&Array> for Array {
            type Output = Array;
            fn $method(self, rhs: &Array) -> Array {
                owned(BinaryOp::$op, self.into(), rhs.into()).or_raise()
            }
        }
        impl $Trait<Array> for &Array {
            type Output = Array;
            fn $method(self, rhs: Array) -> Array {
                owned(BinaryOp::$op, self.into(), rhs.into()).or_raise()
            }
        }
        impl<S: Into<Scalar>> $Trait<S> for &Array {
            type Output = Array;
            fn $method(self, rhs: S) -> Array {
                binary(BinaryOp::$op, self.into(), Operand::Scalar(rhs.into())).or_raise()
            }
        }
        impl<S: Into<Scalar>> $Trait<S> for Array {
            type Output = Array;
            fn $method(self, rhs: S) -> Array {
                owned(BinaryOp::$op, self.into(), Operand::Scalar(rhs.into())).or_raise()
            }
        }
        scalar_left!($Trait, $method, $op: f64, i32, bool, Complex64, Scalar);

        impl $Assign<&Array> for Array {
            fn $assign(&mut self, rhs: &Array) {
                inplace(BinaryOp::$op, self, rhs.into()).or_raise()
            }
        }
        impl $Assign<Array> for Array {
            fn $assign(&mut self, rhs: Array) {
                inplace(BinaryOp::$op, self, rhs.into()).or_raise()
            }
        }
        impl<S: Into<Scalar>> $Assign<S> for Array {
            fn $assign(&mut self, rhs: S) {
                inplace(BinaryOp::$op, self, Operand::Scalar(rhs.into())).or_raise()
            }
        }
    };
}

binary_operator!(Add, add, AddAssign, add_assign, Add);
binary_operator!(Sub, sub, SubAssign, sub_assign, Subtract);
binary_operator!(Mul, mul, MulAssign, mul_assign, Multiply);
binary_operator!(Div, div, DivAssign, div_assign, Divide);
binary_operator!(Rem, rem, RemAssign, rem_assign, Remainder);
binary_operator!(BitAnd, bitand, BitAndAssign, bitand_assign, BitwiseAnd);
binary_operator!(BitOr, bitor, BitOrAssign, bitor_assign, BitwiseOr);
binary_operator!(BitXor, bitxor, BitXorAssign, bitxor_assign, BitwiseXor);

impl Neg for &Array {
    type Output = Array;
    fn neg(self) -> Array {
        super::try_negative(self).or_raise()
    }
}

impl Neg for Array {
    type Output = Array;
    fn neg(self) -> Array {
        super::try_negative(self).or_raise()
    }
}

impl Not for &Array {
    type Output = Array;
    fn not(self) -> Array {
        super::try_invert(self).or_raise()
    }
}

impl Not for Array {
    type Output = Array;
    fn not(self) -> Array {
        super::try_invert(self).or_raise()
    }
}

macro_rules! comparison_methods {
    ($($method:ident => $op:ident, $symbol:literal, $example:literal;)*) => {
        /// Element-wise comparisons as methods returning bool arrays (Rust's `PartialOrd` and
        /// `PartialEq` must return a single `bool`, so `a > b` cannot be an array). The
        /// fallible forms are the free functions `try_greater`, `try_equal`, ...
        impl Array {$(
            #[doc = concat!("Element-wise `self ", $symbol, " other` (NumPy's `", stringify!($op), "`), broadcasting; panics on error.")]
            ///
            /// ```
            /// use arraylib::prelude::*;
            #[doc = $example]
            /// ```
            pub fn $method(&self, other: impl Into<Operand>) -> Array {
                binary(BinaryOp::$op, self.into(), other.into()).or_raise()
            }
        )*}
    };
}

comparison_methods! {
    gt => Greater, ">", "assert_eq!(array![1, 3].gt(2).to_vec::<bool>().unwrap(), vec![false, true]);";
    ge => GreaterEqual, ">=", "assert_eq!(array![1, 2].ge(2).to_vec::<bool>().unwrap(), vec![false, true]);";
    lt => Less, "<", "assert_eq!(array![1, 3].lt(2).to_vec::<bool>().unwrap(), vec![true, false]);";
    le => LessEqual, "<=", "assert_eq!(array![1, 2].le(1).to_vec::<bool>().unwrap(), vec![true, false]);";
    eq_elem => Equal, "==", "assert_eq!(array![1.0, 2.0].eq_elem(&array![1.0, 0.0]).to_vec::<bool>().unwrap(), vec![true, false]);";
    ne_elem => NotEqual, "!=", "assert_eq!(array![1.0, 2.0].ne_elem(2.0).to_vec::<bool>().unwrap(), vec![true, false]);";
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    fn data_ptr(a: &Array) -> *const f64 {
        a.typed::<f64>().unwrap().as_ptr()
    }

    #[test]
    fn owned_operands_reuse_their_buffer() {
        let a = crate::arange_n(10).astype(DType::Float64).unwrap();
        let p = data_ptr(&a);
        let b = a + 1.0;
        assert_eq!(data_ptr(&b), p);
        let c = 2.0 - b;
        assert_eq!(data_ptr(&c), p);
        assert_eq!(c.to_vec::<f64>().unwrap()[..3], [1.0, 0.0, -1.0]);
        // A shared buffer is never reused.
        let d = c.alias();
        let e = c + 1.0;
        assert_ne!(data_ptr(&e), data_ptr(&d));
    }

    #[test]
    fn inplace_writes_through_views_and_checks_casting() {
        let m = Array::from_shape_vec([2, 3], (0..6i64).collect()).unwrap();
        let mut row = m.with_layout(crate::Layout {
            shape: vec![3],
            strides: vec![1],
            offset: 0,
        });
        row += 10;
        assert_eq!(m.to_vec::<i64>().unwrap(), vec![10, 11, 12, 3, 4, 5]);
        let mut a = array![1i64, 2];
        let err = a.try_add_assign(1.5).unwrap_err();
        assert_eq!(
            err.message(),
            "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"
        );
        // The right operand sharing memory with the target is read before writing.
        let mut x = array![1.0, 2.0, 3.0];
        let rev = x.alias();
        x += &rev;
        assert_eq!(x.to_vec::<f64>().unwrap(), vec![2.0, 4.0, 6.0]);
        let mut f = Array::from_vec(vec![1.0f32, 2.0]);
        f += &array![0.5f64, 0.5];
        assert_eq!(f.dtype(), DType::Float32);
    }

    #[test]
    fn weak_scalars_and_operator_dtypes() {
        let a = Array::from_vec(vec![1i8, 2]);
        assert_eq!((&a + 1).dtype(), DType::Int8);
        assert_eq!((&a * 2.0).dtype(), DType::Float64);
        assert_eq!((3 - &a).to_vec::<i8>().unwrap(), vec![2, 1]);
        assert_eq!((Scalar::from(3u8) - &a).to_vec::<i8>().unwrap(), vec![2, 1]);
        assert_eq!((1.0 / &a).dtype(), DType::Float64);
        assert_eq!((-&a).to_vec::<i8>().unwrap(), vec![-1, -2]);
        assert_eq!((!&array![true, false]).to_vec::<bool>().unwrap(), vec![false, true]);
        let r = std::panic::catch_unwind(|| &array![true] - &array![false]);
        assert!(r.is_err());
    }
}
