//! NumPy's indexing model: integers, slices, newaxis and ellipsis (O(1) views), boolean masks and
//! integer arrays (copies), assignment through each, `nonzero`, `argwhere`, `take`.
