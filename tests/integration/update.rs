//! Tests of `tracker update`.

use crate::support::Test;
