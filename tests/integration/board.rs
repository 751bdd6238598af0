//! Tests of `tracker board`.
