//! Module `course`.

// The table shares its module's name, as in the reference schema's module list.
#[allow(clippy::module_inception)]
pub mod course;
pub mod course_content;
pub mod course_content_kind;
pub mod course_content_type;
pub mod course_execution_backend;
pub mod course_family;
pub mod course_group;
pub mod course_member;
pub mod course_member_comment;
pub mod course_role;
pub mod course_submission_group;
pub mod course_submission_group_member;
