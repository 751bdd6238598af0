//! Tests of `tracker import`.
