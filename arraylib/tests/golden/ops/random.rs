//! `np.random.default_rng`, `SeedSequence`, `PCG64` and the methods of the objects they make.
//!
//! The objects are `Value::Opaque(Rc<RefCell<..>>)`: a program that binds a generator once and
//! calls several methods on it sees one stream, as in NumPy.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use arraylib::random::{ChoiceOptions, Generator, Pcg64, Population, Seed, SeedSequence};
use arraylib::{Array, DType, Scalar};

use crate::args::{Args, to_array, to_dims, to_f64, to_int};
use crate::eval::{EvalError, R};
use crate::value::Value;

pub fn call(name: &str, args: &mut Args) -> Option<R<Value>> {
    let result = match name {
        "random.default_rng" => seed(args).map(|s| opaque(Generator::new(Pcg64::new(s)))),
        "random.SeedSequence" => seed(args).map(|s| opaque(SeedSequence::new(s))),
        "random.PCG64" => seed(args).map(|s| opaque(Pcg64::new(s))),
        _ => return None,
    };
    Some(result.and_then(|v| done(args).map(|_| v)))
}

fn opaque<T: Any>(value: T) -> Value {
    Value::Opaque(Rc::new(RefCell::new(value)))
}

/// A `seed` argument: an int, a sequence of ints, or `None` (OS entropy).
fn seed(args: &mut Args) -> R<Seed> {
    Ok(match args.take(0, "seed").or_else(|| args.kw("entropy")) {
        None | Some(Value::None) => Seed::from(None::<u64>),
        Some(Value::Py(Scalar::Int(i))) => Seed::from(i),
        Some(Value::Tuple(items)) | Some(Value::List(items)) => {
            Seed::from(items.iter().map(|v| to_int(v).map(i128::from)).collect::<R<Vec<_>>>()?)
        }
        Some(Value::Array(a)) => Seed::from(a.astype(DType::Int64)?.to_vec::<i64>()?),
        Some(other) => return Err(EvalError::Harness(format!("seed {}", other.describe()))),
    })
}

/// `obj.<name>(...)` on a random-module object.
pub fn method(name: &str, object: &Rc<dyn Any>, mut args: Args) -> R<Value> {
    let result = if let Some(generator) = object.downcast_ref::<RefCell<Generator>>() {
        generator_method(&mut generator.borrow_mut(), name, &mut args)
    } else if let Some(seq) = object.downcast_ref::<RefCell<SeedSequence>>() {
        match name {
            "generate_state" => {
                let n = args.int(0, "n_words")?.unwrap_or(0) as usize;
                let dtype = args.dtype(1, "dtype")?.unwrap_or(DType::UInt32);
                Ok(Value::Array(seq.borrow().try_generate_state(n, dtype)?))
            }
            "spawn" => {
                let n = args.int(0, "n_children")?.unwrap_or(0) as usize;
                Ok(Value::List(seq.borrow_mut().spawn(n).into_iter().map(opaque).collect()))
            }
            _ => Err(EvalError::Unsupported(format!("SeedSequence.{name}"))),
        }
    } else if let Some(bg) = object.downcast_ref::<RefCell<Pcg64>>() {
        match name {
            "random_raw" => match size(&mut args, 0)? {
                Some(shape) => Ok(Value::Array(bg.borrow_mut().try_random_raw(shape)?)),
                None => Ok(Value::Py(Scalar::Int(bg.borrow_mut().next_u64().into()))),
            },
            _ => Err(EvalError::Unsupported(format!("PCG64.{name}"))),
        }
    } else {
        Err(EvalError::Unsupported(format!("method {name} of an object")))
    }?;
    done(&mut args)?;
    Ok(result)
}

/// `obj.<path>` on a random-module object.
pub fn attr(path: &str, object: &Rc<dyn Any>) -> R<Value> {
    if let (Some(seq), "pool") = (object.downcast_ref::<RefCell<SeedSequence>>(), path) {
        return Ok(Value::Array(Array::from_vec(seq.borrow().pool().to_vec())));
    }
    let state = match (
        path,
        object.downcast_ref::<RefCell<Pcg64>>(),
        object.downcast_ref::<RefCell<Generator>>(),
    ) {
        ("state", Some(bg), _) => Some(bg.borrow().state()),
        ("bit_generator.state", _, Some(g)) => Some(g.borrow().bit_generator().state()),
        _ => None,
    };
    if let Some(s) = state {
        let py_int = |v: u32| Value::Py(Scalar::Int(v.into()));
        return Ok(Value::Dict(vec![
            ("bit_generator".into(), Value::Py(Scalar::Str("PCG64".into()))),
            (
                "state".into(),
                Value::Dict(vec![
                    ("state".into(), Value::BigInt(s.state)),
                    ("inc".into(), Value::BigInt(s.inc)),
                ]),
            ),
            ("has_uint32".into(), py_int(s.has_uint32.into())),
            ("uinteger".into(), py_int(s.uinteger)),
        ]));
    }
    Err(EvalError::Unsupported(format!("attribute {path} of an object")))
}

/// A `size` argument: `None` (NumPy returns a scalar) or a shape.
fn size(args: &mut Args, i: usize) -> R<Option<Vec<isize>>> {
    match args.take(i, "size") {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_dims(&v).map(Some),
    }
}

fn float_arg(args: &mut Args, i: usize, name: &str, default: Option<f64>) -> R<f64> {
    match (args.take(i, name), default) {
        (Some(v), _) => to_f64(&v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(EvalError::Harness(format!("missing argument {name}"))),
    }
}

/// A Python scalar (ints stay ints, so `integers` bounds keep their full range).
fn py_scalar(value: Value) -> R<Scalar> {
    match value {
        Value::Py(s) => Ok(s),
        other => Ok(to_array(other)?.item()?),
    }
}

/// A float result: an array for a shape, a Python float for `size=None`.
macro_rules! floats {
    ($shape:expr, $s:ident => $array:expr, $one:expr) => {
        Ok(match $shape {
            Some($s) => Value::Array($array?),
            None => Value::Py(Scalar::Float($one?)),
        })
    };
}

fn generator_method(g: &mut Generator, name: &str, args: &mut Args) -> R<Value> {
    match name {
        "random" | "standard_normal" => {
            let shape = size(args, 0)?;
            let dtype = args.dtype(1, "dtype")?.unwrap_or(DType::Float64);
            let normal = name == "standard_normal";
            Ok(match shape {
                // `size=None` is a Python float (float64) or an `np.float32` scalar.
                None if dtype == DType::Float64 => Value::Py(Scalar::Float(if normal {
                    g.standard_normal_scalar()
                } else {
                    g.random_scalar()
                })),
                shape => {
                    let shape = shape.unwrap_or_default();
                    Value::Array(if normal {
                        g.try_standard_normal_with(shape, dtype)?
                    } else {
                        g.try_random_with(shape, dtype)?
                    })
                }
            })
        }
        "standard_exponential" => {
            floats!(size(args, 0)?, s => g.try_standard_exponential(s), g.try_exponential_scalar(1.0))
        }
        "normal" => {
            let (loc, scale) = (
                float_arg(args, 0, "loc", Some(0.0))?,
                float_arg(args, 1, "scale", Some(1.0))?,
            );
            floats!(size(args, 2)?, s => g.try_normal(loc, scale, s), g.try_normal_scalar(loc, scale))
        }
        "uniform" => {
            let (low, high) = (
                float_arg(args, 0, "low", Some(0.0))?,
                float_arg(args, 1, "high", Some(1.0))?,
            );
            floats!(size(args, 2)?, s => g.try_uniform(low, high, s), g.try_uniform_scalar(low, high))
        }
        "exponential" => {
            let scale = float_arg(args, 0, "scale", Some(1.0))?;
            floats!(size(args, 1)?, s => g.try_exponential(scale, s), g.try_exponential_scalar(scale))
        }
        "gamma" => {
            let (k, theta) = (
                float_arg(args, 0, "shape", None)?,
                float_arg(args, 1, "scale", Some(1.0))?,
            );
            floats!(size(args, 2)?, s => g.try_gamma(k, theta, s), g.try_gamma_scalar(k, theta))
        }
        "beta" => {
            let (a, b) = (float_arg(args, 0, "a", None)?, float_arg(args, 1, "b", None)?);
            floats!(size(args, 2)?, s => g.try_beta(a, b, s), g.try_beta_scalar(a, b))
        }
        "binomial" => {
            let n = to_int(&args.req(0, "n")?)?;
            let p = float_arg(args, 1, "p", None)?;
            Ok(match size(args, 2)? {
                Some(shape) => Value::Array(g.try_binomial(n, p, shape)?),
                None => Value::Py(Scalar::Int(g.try_binomial_scalar(n, p)?.into())),
            })
        }
        "poisson" => {
            let lam = float_arg(args, 0, "lam", Some(1.0))?;
            Ok(match size(args, 1)? {
                Some(shape) => Value::Array(g.try_poisson(lam, shape)?),
                None => Value::Py(Scalar::Int(g.try_poisson_scalar(lam)?.into())),
            })
        }
        "integers" => integers(g, args),
        "choice" => choice(g, args),
        "shuffle" => {
            let x = args.array(0, "x")?;
            let axis = args.int(1, "axis")?.unwrap_or(0) as isize;
            g.try_shuffle_axis(&x, axis)?;
            Ok(Value::None)
        }
        "permutation" => {
            let x = population(args.req(0, "x")?)?;
            let axis = args.int(1, "axis")?.unwrap_or(0) as isize;
            Ok(Value::Array(g.try_permutation_axis(x, axis)?))
        }
        "permuted" => {
            let x = args.array(0, "x")?;
            let axis = args.int(99, "axis")?.map(|a| a as isize);
            Ok(Value::Array(g.try_permuted(&x, axis)?))
        }
        "spawn" => {
            let n = args.int(0, "n_children")?.unwrap_or(0) as usize;
            Ok(Value::List(g.spawn(n).into_iter().map(opaque).collect()))
        }
        _ => Err(EvalError::Unsupported(format!("Generator.{name}"))),
    }
}

/// `integers(low, high=None, size=None, dtype=int64, endpoint=False)`.
fn integers(g: &mut Generator, args: &mut Args) -> R<Value> {
    let first = py_scalar(args.req(0, "low")?)?;
    let (low, high) = match args.take(1, "high") {
        None | Some(Value::None) => (Scalar::Int(0), first),
        Some(high) => (first, py_scalar(high)?),
    };
    let shape = size(args, 2)?;
    let dtype = args.dtype(3, "dtype")?.unwrap_or(DType::Int64);
    let endpoint = args.flag(4, "endpoint", false)?;
    // `size=None` gives a NumPy scalar of `dtype`: a 0-d array, drawn as one element.
    let shape = shape.unwrap_or_default();
    Ok(Value::Array(g.try_integers_with(low, high, shape, dtype, endpoint)?))
}

fn population(value: Value) -> R<Population> {
    Ok(Population::from(to_array(value)?))
}

/// `choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)`.
fn choice(g: &mut Generator, args: &mut Args) -> R<Value> {
    let a = population(args.req(0, "a")?)?;
    let shape = size(args, 1)?;
    let mut options = ChoiceOptions::new().replace(args.flag(2, "replace", true)?);
    if let Some(p) = args.take(3, "p").filter(|p| !matches!(p, Value::None)) {
        options = options.p(to_array(p)?);
    }
    if let Some(axis) = args.int(4, "axis")? {
        options = options.axis(axis as isize);
    }
    options = options.shuffle(args.flag(5, "shuffle", true)?);
    Ok(Value::Array(match shape {
        Some(shape) => g.try_choice(a, shape, options)?,
        None => g.try_choice_scalar(a, options)?,
    }))
}

/// Fails on arguments the call did not use.
fn done(args: &mut Args) -> R<()> {
    std::mem::replace(args, Args::new(Vec::new(), Default::default())).finish()
}
