//! Tests of `tracker agenda`.
