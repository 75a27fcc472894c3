//! Database-wide objects: the extensions and the slug function the tables' CHECKs call.
//!
//! Tables declare the objects only they need (the `user` sequence) in their own [`EntityDdl`];
//! what several tables share, or what the database simply must have, is declared here.
//!
//! [`EntityDdl`]: crate::ddl::EntityDdl

use crate::ddl::{DbObject, Extension, Function};

/// `ctutor_valid_slug(value text) RETURNS boolean`: lower-case ASCII letters and digits in
/// segments joined by a single `_` or `-`. Used by the CHECKs of `role`, `course_role` and
/// `"group"`. Kept PL/pgSQL and VOLATILE, as the original declared it.
pub fn valid_slug_function() -> Function {
    Function::new(
        "ctutor_valid_slug",
        &[("value", "text")],
        "boolean",
        "plpgsql",
        "\nBEGIN\n    -- lower-case letters and digits, segments joined by one '_' or '-'\n    RETURN value ~ '^[a-z0-9]+([_-][a-z0-9]+)*$';\nEND;\n",
    )
}

/// `objects` lists the database-wide objects in creation order.
pub fn objects() -> Vec<DbObject> {
    vec![
        // `uuid_generate_v4()` is every `id` default.
        Extension::new("uuid-ossp").into(),
        // The `ltree` type of the hierarchy paths, and its GiST operator class.
        Extension::new("ltree").into(),
        // Not used by the schema itself; the application expects it (crypt/gen_salt).
        Extension::new("pgcrypto").into(),
        valid_slug_function().into(),
    ]
}
