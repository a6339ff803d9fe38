//! Evaluates a case's op-tree (SCHEMA.md, "EXPR") with arraylib.

use std::collections::BTreeMap;
use std::rc::Rc;

use arraylib::{ArrayError, Scalar};
use serde_json::Value as Json;

use crate::args::Args;
use crate::decode;
use crate::ops;
use crate::value::Value;

/// Why a case could not produce a value.
#[derive(Debug)]
pub enum EvalError {
    /// arraylib raised: compared against the case's expected error.
    Array(ArrayError),
    /// The harness does not know this operation or form yet.
    Unsupported(String),
    /// The case itself is malformed for this harness.
    Harness(String),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::Array(e) => write!(f, "{e}"),
            EvalError::Unsupported(why) => write!(f, "not supported: {why}"),
            EvalError::Harness(why) => write!(f, "bad case: {why}"),
        }
    }
}

impl From<ArrayError> for EvalError {
    fn from(e: ArrayError) -> Self {
        EvalError::Array(e)
    }
}

pub type R<T> = Result<T, EvalError>;

/// One index component of a `getitem` / `setitem`.
#[derive(Debug)]
pub enum Component {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
    Field(String),
    Fields(Vec<String>),
    Key(String),
    /// An evaluated advanced index: array, scalar or tuple of arrays.
    Value(Value),
}

/// Named values of one case (inputs, then program bindings).
#[derive(Default)]
pub struct Env {
    vars: BTreeMap<String, Value>,
}

impl Env {
    fn get(&self, name: &str) -> R<Value> {
        self.vars
            .get(name)
            .map(alias)
            .ok_or_else(|| EvalError::Harness(format!("unbound variable {name}")))
    }
}

/// Python's name binding: another reference to the same object.
pub fn alias(v: &Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a.alias()),
        Value::Py(s) => Value::Py(s.clone()),
        Value::None => Value::None,
        Value::Tuple(items) => Value::Tuple(items.iter().map(alias).collect()),
        Value::List(items) => Value::List(items.iter().map(alias).collect()),
        Value::DType(d) => Value::DType(*d),
        Value::Opaque(o) => Value::Opaque(Rc::clone(o)),
        Value::Dict(items) => Value::Dict(items.iter().map(|(k, v)| (k.clone(), alias(v))).collect()),
        Value::BigInt(v) => Value::BigInt(*v),
    }
}

/// Evaluates `case["op"]` with fresh inputs.
pub fn evaluate_case(case: &Json) -> R<Value> {
    let mut env = Env::default();
    if let Some(inputs) = case["inputs"].as_object() {
        for (name, json) in inputs {
            env.vars.insert(name.clone(), Value::Array(decode::array(json)?));
        }
    }
    eval(&case["op"], &mut env)
}

fn eval_list(items: &[Json], env: &mut Env) -> R<Vec<Value>> {
    items.iter().map(|e| eval(e, env)).collect()
}

fn eval_args(expr: &Json, env: &mut Env) -> R<Args> {
    let pos = match expr.get("args") {
        Some(Json::Array(items)) => eval_list(items, env)?,
        _ => Vec::new(),
    };
    let mut kw = BTreeMap::new();
    if let Some(Json::Object(map)) = expr.get("kwargs") {
        for (k, v) in map {
            kw.insert(k.clone(), eval(v, env)?);
        }
    }
    Ok(Args::new(pos, kw))
}

/// Evaluates one EXPR.
pub fn eval(expr: &Json, env: &mut Env) -> R<Value> {
    match expr {
        Json::Null => Ok(Value::None),
        Json::Bool(_) | Json::Number(_) | Json::String(_) => Ok(Value::Py(decode::literal(expr)?)),
        Json::Array(items) => Ok(Value::Tuple(eval_list(items, env)?)),
        Json::Object(map) => {
            if let Some(Json::String(name)) = map.get("var") {
                return env.get(name);
            }
            if let Some(special) = map.get("float") {
                return Ok(Value::Py(Scalar::Float(decode::float(special)?)));
            }
            if let Some(scalar) = map.get("scalar") {
                let json = serde_json::json!({"dtype": scalar["dtype"], "shape": [], "data": [scalar["value"]]});
                return Ok(Value::Array(decode::array(&json)?));
            }
            if let Some(dtype) = map.get("dtype") {
                return Ok(Value::DType(decode::dtype(dtype)?));
            }
            if let Some(Json::Array(items)) = map.get("tuple") {
                return Ok(Value::Tuple(eval_list(items, env)?));
            }
            if let Some(Json::String(name)) = map.get("call") {
                let args = eval_args(expr, env)?;
                return ops::call(name, args);
            }
            if let Some(Json::String(name)) = map.get("method") {
                let target = eval(&map["self"], env)?;
                let args = eval_args(expr, env)?;
                return ops::method(name, target, args);
            }
            if let Some(Json::String(path)) = map.get("attr") {
                let target = eval(&map["self"], env)?;
                return ops::attr(path, target);
            }
            if let Some(target) = map.get("getitem") {
                let target = eval(target, env)?;
                let index = components(&map["index"], env)?;
                return ops::getitem(target, index);
            }
            if let Some(Json::Array(statements)) = map.get("program") {
                let mut child = Env {
                    vars: env.vars.iter().map(|(k, v)| (k.clone(), alias(v))).collect(),
                };
                for statement in statements {
                    run_statement(statement, &mut child)?;
                }
                return eval(&map["result"], &mut child);
            }
            Err(EvalError::Harness(format!("unknown expression {expr}")))
        }
    }
}

fn components(json: &Json, env: &mut Env) -> R<Vec<Component>> {
    let items = json
        .as_array()
        .ok_or_else(|| EvalError::Harness("index is not a list".into()))?;
    items.iter().map(|c| component(c, env)).collect()
}

fn component(json: &Json, env: &mut Env) -> R<Component> {
    let int_or_none = |j: &Json| j.as_i64();
    if let Json::Object(map) = json {
        if let Some(k) = map.get("int") {
            return k
                .as_i64()
                .map(Component::Int)
                .ok_or_else(|| EvalError::Harness("bad int index".into()));
        }
        if let Some(Json::Array(parts)) = map.get("slice") {
            return Ok(Component::Slice(
                int_or_none(&parts[0]),
                int_or_none(&parts[1]),
                int_or_none(&parts[2]),
            ));
        }
        if map.contains_key("newaxis") {
            return Ok(Component::NewAxis);
        }
        if map.contains_key("ellipsis") {
            return Ok(Component::Ellipsis);
        }
        if let Some(Json::String(name)) = map.get("field") {
            return Ok(Component::Field(name.clone()));
        }
        if let Some(Json::Array(names)) = map.get("fields") {
            return Ok(Component::Fields(
                names.iter().filter_map(|n| n.as_str().map(String::from)).collect(),
            ));
        }
        if let Some(Json::String(key)) = map.get("key") {
            return Ok(Component::Key(key.clone()));
        }
    }
    Ok(Component::Value(eval(json, env)?))
}

fn run_statement(statement: &Json, env: &mut Env) -> R<()> {
    if let Some(Json::String(name)) = statement.get("assign") {
        let value = eval(&statement["value"], env)?;
        env.vars.insert(name.clone(), value);
        return Ok(());
    }
    if let Some(target) = statement.get("setitem") {
        let target = eval(target, env)?;
        let index = components(&statement["index"], env)?;
        let value = eval(&statement["value"], env)?;
        return ops::setitem(target, index, value);
    }
    if let Some(Json::String(op)) = statement.get("inplace") {
        let name = statement["target"]
            .as_str()
            .ok_or_else(|| EvalError::Harness("inplace target".into()))?;
        let target = env.get(name)?;
        let value = eval(&statement["value"], env)?;
        return ops::inplace(op, target, value);
    }
    if let Some(expr) = statement.get("eval") {
        eval(expr, env)?;
        return Ok(());
    }
    Err(EvalError::Harness(format!("unknown statement {statement}")))
}
