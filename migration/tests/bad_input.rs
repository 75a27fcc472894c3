//! Bad input to the `migration` binary: one clear line on stderr, a distinct exit code, and
//! nothing changed.

mod common;

use common::{migration, one_error_line};

#[test]
fn wrong_credentials_exit_3() {
    for command in ["up", "status"] {
        let line = one_error_line(
            &migration(&["-u", "postgres://nosuchuser@127.0.0.1/postgres", command]),
            3,
        );
        assert!(line.contains("cannot connect"), "{line}");
        assert!(line.contains("credentials"), "{line}");
    }
}

#[test]
fn a_database_that_is_down_exits_3() {
    let line = one_error_line(
        &migration(&["-u", "postgres://postgres:pw@127.0.0.1:1/nowhere", "up"]),
        3,
    );
    assert!(line.contains("connection refused"), "{line}");
    assert!(!line.contains(":pw@"), "no password in messages: {line}");
}

#[test]
fn a_malformed_or_missing_url_exits_2() {
    let line = one_error_line(&migration(&["-u", "not-a-url", "up"]), 2);
    assert!(line.contains("invalid database URL"), "{line}");
    let line = one_error_line(&migration(&["-u", "postgres://u:secret@[::1/db", "up"]), 2);
    assert!(!line.contains("secret"), "{line}");
    let line = one_error_line(&migration(&["up"]), 2);
    assert!(line.contains("DATABASE_URL"), "{line}");
}

#[test]
fn bad_arguments_exit_2() {
    let line = one_error_line(&migration(&["frobnicate"]), 2);
    assert!(line.contains("frobnicate"), "{line}");
    let line = one_error_line(&migration(&["up", "--lock-timeout", "soon"]), 2);
    assert!(line.contains("soon"), "{line}");
}
