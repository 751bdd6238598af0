//! Tests of `tracker docs`.

use crate::support::Test;
