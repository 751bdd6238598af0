//! Tests of `tracker check`.
