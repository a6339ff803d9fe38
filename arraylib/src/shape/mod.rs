//! Shape and layout: reshape, ravel, transpose, expand_dims, squeeze, concatenate, stack,
//! split, tile, repeat, flip, `ascontiguousarray`, `asfortranarray`.
