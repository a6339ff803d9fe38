//! Reductions along axes (`sum`, `mean`, `std`, `argmax`, `median`, ...) and cumulative
//! operations (`cumsum`, `cumprod`, `diff`).
