//! Element-wise operations (ufuncs): broadcasting, NEP 50 type promotion, arithmetic,
//! comparison, logical and bitwise operators, math functions, `where`, `clip`.
