//! Tests of `tracker status`.
