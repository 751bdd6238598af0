//! Tests of `tracker validate`.

use crate::support::Test;
