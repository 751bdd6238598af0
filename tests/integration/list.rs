//! Tests of `tracker list`.

use crate::support::Test;
