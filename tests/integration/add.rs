//! Tests of `tracker add`.

use crate::support::Test;
