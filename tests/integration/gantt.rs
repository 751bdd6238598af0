//! Tests of `tracker gantt`.
