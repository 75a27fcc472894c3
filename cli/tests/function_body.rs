//! Function bodies compare by their tokens: ctutor's declared `ctutor_valid_slug` against the
//! layout the original project's tool created, and edits that must count as changes.

use ctutor_cli::sql::FunctionBody;

/// The body of `ctutor_valid_slug` as the original project's tool created it.
const ORIGINAL: &str = "
    BEGIN
        -- Check if the value matches the slug pattern (allow underscores and hyphens)
        RETURN value ~ '^[a-z0-9]+([_-][a-z0-9]+)*$';
    END;
    ";

fn declared() -> FunctionBody {
    entity::database::valid_slug_function().body.into()
}

#[test]
fn the_original_layout_equals_the_declared_body() {
    assert_eq!(FunctionBody::from(ORIGINAL), declared());
    assert_eq!(
        FunctionBody::from(
            "begin /* a /* nested */ comment */ return VALUE ~ '^[a-z0-9]+([_-][a-z0-9]+)*$'; end;"
        ),
        declared()
    );
}

#[test]
fn a_changed_literal_identifier_or_quoted_part_is_a_change() {
    let changed = |from: &str, to: &str| {
        assert!(ORIGINAL.contains(from));
        FunctionBody::from(ORIGINAL.replace(from, to))
    };
    assert_ne!(changed("[_-]", "[-]"), declared());
    assert_ne!(changed("[_-]", "[_ -]"), declared());
    assert_ne!(changed("RETURN value", "RETURN val"), declared());
    assert_ne!(changed("RETURN value", "RETURN \"Value\""), declared());
    assert_ne!(changed("value ~", "value ~*"), declared());
    assert_ne!(changed("value ~", "value !~"), declared());
}
