//! The ctutor entities: the single source of truth of the database schema.
//!
//! Each table is a SeaORM entity in the module of its domain. What SeaORM's attributes cannot
//! say (named CHECKs, indexes with a method, generated columns, database objects) is declared
//! next to the entity through the typed vocabulary in [`ddl`]. [`registry`] lists it all for the
//! schema engine; an application only needs the entity modules.

pub mod database;
pub use schema_ddl as ddl;

pub mod auth;
pub mod course;
pub mod execution;
pub mod group;
pub mod message;
pub mod organization;
pub mod result;
pub mod role;

use ddl::{RegisteredTable, Registry};

/// `registry` lists every database object and every entity of the schema.
pub fn registry() -> Registry {
    macro_rules! tables {
        ($($path:path),* $(,)?) => {
            vec![$({
                use $path as m;
                RegisteredTable::of::<m::Entity>(stringify!($path))
            }),*]
        };
    }
    Registry {
        objects: database::objects(),
        tables: tables![
            auth::user,
            auth::account,
            auth::profile,
            auth::student_profile,
            auth::session,
            organization::organization,
            role::role,
            role::role_claim,
            role::user_role,
            group::group,
            group::group_claim,
            group::user_group,
            execution::execution_backend,
            course::course_content_kind,
            course::course_role,
            course::course_family,
            course::course,
            course::course_content_type,
            course::course_execution_backend,
            course::course_group,
            course::course_content,
            course::course_member,
            course::course_submission_group,
            course::course_submission_group_member,
            course::course_member_comment,
            result::result,
            message::codeability_message,
            message::codeability_message_read,
        ],
    }
}
