//! Tests of `tracker clients`.
