//! Tests of `tracker init`.

use crate::support::Test;
