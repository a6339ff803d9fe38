//! Sorting and searching: sort, argsort, unique, searchsorted, bincount, set operations.
