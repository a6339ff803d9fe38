//! Golden ops for arraylib's `reduce` area (to be filled in).

use crate::args::Args;
use crate::eval::R;
use crate::value::Value;

pub fn call(_name: &str, _args: &mut Args) -> Option<R<Value>> {
    None
}
