//! `catalog`: the fixed reference rows: course content kinds, course roles and execution
//! backends. Their ids and slugs are part of the application's vocabulary, so they are
//! constants, not drawn.

use uuid::Uuid;

use super::rng::SeedRng;
use super::row::{Row, audited};

// The builtin course role ids. The target's `course_role_check` requires builtin ids to
// start with `_`, and `course_role_check1` a valid slug after it.

/// `STUDENT` is the course role of those who submit work; they must be in a course group.
pub const STUDENT: &str = "_student";
/// `TUTOR` is the course role of those who support a group.
pub const TUTOR: &str = "_tutor";
/// `LECTURER` is the course role of those who teach the course.
pub const LECTURER: &str = "_lecturer";
/// `ADMIN` is the course role of the course's administrator.
pub const ADMIN: &str = "_admin";

/// `ASSIGNMENT` is the content kind of graded, submittable work.
pub const ASSIGNMENT: &str = "assignment";
/// `LECTURE` is the content kind of teaching units; nothing is submitted to them.
pub const LECTURE: &str = "lecture";
/// `EXERCISE` is the content kind of practice work, submittable.
pub const EXERCISE: &str = "exercise";
/// `EXAM` is the content kind of exams: submittable, without children.
pub const EXAM: &str = "exam";

/// `KINDS` is (id, title, has_ascendants, has_descendants, submittable), exactly as the
/// original fake seeder had them (spec §7).
const KINDS: [(&str, &str, bool, bool, bool); 4] = [
    (ASSIGNMENT, "Assignment", false, true, true),
    (LECTURE, "Lecture", false, true, false),
    (EXERCISE, "Exercise", false, true, true),
    (EXAM, "Exam", false, false, true),
];

/// `COURSE_ROLES` is (id, title, description).
const COURSE_ROLES: [(&str, &str, &str); 4] = [
    (STUDENT, "Student", "Works on and submits course contents."),
    (
        TUTOR,
        "Tutor",
        "Supports a course group and grades submissions.",
    ),
    (
        LECTURER,
        "Lecturer",
        "Teaches the course and maintains its contents.",
    ),
    (
        ADMIN,
        "Course administrator",
        "Manages the course, its members and groups.",
    ),
];

/// `BACKENDS` is (slug, type, container image). Slugs contain hyphens, so they are never
/// reused as ltree labels (PostgreSQL 15 rejects hyphens there).
const BACKENDS: [(&str, &str, &str); 4] = [
    ("python-3-11", "python", "python:3.11-slim"),
    ("java-17", "java", "eclipse-temurin:17"),
    ("gcc-11", "cpp", "gcc:11"),
    ("matlab-2023a", "matlab", "mathworks/matlab:r2023a"),
];

/// `Catalog` holds the reference rows.
pub struct Catalog {
    pub kinds: Vec<Row>,
    pub course_roles: Vec<Row>,
    pub backends: Vec<Row>,
}

/// `generate` builds the reference rows; backends are registered by the system administrator.
pub fn generate(rng: &mut SeedRng, admin: Uuid) -> Catalog {
    Catalog {
        kinds: KINDS.iter().map(kind).collect(),
        course_roles: COURSE_ROLES.iter().map(course_role).collect(),
        backends: BACKENDS.iter().map(|b| backend(rng, admin, b)).collect(),
    }
}

/// `is_submittable` says whether content of kind `kind_id` takes submissions.
pub fn is_submittable(kind_id: &str) -> bool {
    KINDS.iter().any(|k| k.0 == kind_id && k.4)
}

/// `kind` is a course content kind row.
fn kind(
    &(id, title, has_ascendants, has_descendants, submittable): &(&str, &str, bool, bool, bool),
) -> Row {
    Row::new()
        .with("id", id)
        .with("title", title)
        .with("description", format!("{title}s of a course."))
        .with("has_ascendants", has_ascendants)
        .with("has_descendants", has_descendants)
        .with("submittable", submittable)
}

/// `course_role` is a builtin course role: `builtin = true` is what the target's CHECKs
/// demand of an id starting with `_` (the original seeder left it false).
fn course_role(&(id, title, description): &(&str, &str, &str)) -> Row {
    Row::new()
        .with("id", id)
        .with("title", title)
        .with("description", description)
        .with("builtin", true)
}

/// `backend` is an execution backend; `properties` names its container image.
fn backend(rng: &mut SeedRng, admin: Uuid, &(slug, kind, image): &(&str, &str, &str)) -> Row {
    let stamp = rng.stamp(0..3);
    audited(stamp, Some(admin))
        .with("id", rng.uuid())
        .with("properties", serde_json::json!({ "image": image }))
        .with("type", kind)
        .with("slug", slug)
}
