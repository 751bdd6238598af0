//! Global behaviour: exit codes, usage errors, help, root discovery, pipes.

use crate::support::Test;

#[test]
fn usage_error_exits_2() {
    let out = Test::new().args("list --bogus").expect_code(2);
    assert!(out.stderr.contains("--bogus"), "{}", out.stderr);
    Test::new().args("frobnicate").expect_code(2);
    Test::new().args("list --health purple").expect_code(2);
}

#[test]
fn help_exits_0() {
    let out = Test::new().args("--help").expect_code(0);
    assert!(out.stdout.contains("validate"));
}
