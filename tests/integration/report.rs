//! Tests of `tracker report`.
