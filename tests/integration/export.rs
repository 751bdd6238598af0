//! Tests of `tracker export`.
