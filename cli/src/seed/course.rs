//! `course`: courses in their families, with backends, groups and members.

use entity::auth::user;
use entity::course::{
    course, course_execution_backend, course_family, course_group, course_member,
};
use entity::execution::execution_backend;
use uuid::Uuid;

use super::catalog::{ADMIN, LECTURER, STUDENT, TUTOR};
use super::rng::SeedRng;

/// `Member` is a course member as later generators need it.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub id: Uuid,
    pub user_id: Uuid,
}

/// `Roster` is what the content and activity generators need to know about one course.
pub struct Roster {
    pub course_id: Uuid,
    /// User id of the lecturer, who authors the course's contents.
    pub lecturer: Uuid,
    /// Execution backends linked to the course (one or two).
    pub backends: Vec<Uuid>,
    /// Lecturer, course administrator and tutors.
    pub staff: Vec<Member>,
    pub students: Vec<Member>,
}

/// `Courses` holds the course rows and a roster per course.
#[derive(Default)]
pub struct Courses {
    pub courses: Vec<course::Model>,
    pub course_backends: Vec<course_execution_backend::Model>,
    pub groups: Vec<course_group::Model>,
    pub members: Vec<course_member::Model>,
    pub rosters: Vec<Roster>,
}

/// `generate` creates `count` courses, dealt round-robin over the families.
pub fn generate(
    rng: &mut SeedRng,
    count: usize,
    families: &[course_family::Model],
    users: &[user::Model],
    backends: &[execution_backend::Model],
    admin: Uuid,
) -> Courses {
    let mut courses = Courses::default();
    if families.is_empty() {
        return courses;
    }
    for index in 0..count {
        // Dealing round-robin makes `index / families.len()` a running counter within the
        // family, so term labels never repeat inside one family.
        let family = &families[index % families.len()];
        let course = new_course(rng, family, index / families.len(), admin);
        let backend_ids = link_backends(rng, &mut courses, &course, backends);
        let groups = new_groups(rng, &course);
        let roster = enroll(rng, &mut courses, &course, &groups, users, backend_ids);
        courses.groups.extend(groups);
        courses.courses.push(course);
        courses.rosters.push(roster);
    }
    courses
}

/// `term` is the `k`-th term counting back from winter 2024: `2024_ws`, `2024_ss`,
/// `2023_ws`, … A valid ltree label, injective in `k`.
fn term(k: usize) -> (String, String) {
    let year = 2024 - (k / 2) as i64;
    let (label, name) = if k.is_multiple_of(2) {
        ("ws", "WS")
    } else {
        ("ss", "SS")
    };
    (format!("{year}_{label}"), format!("{name} {year}"))
}

/// `new_course` is the `k`-th course of `family`; its path is the family's plus the term.
fn new_course(
    rng: &mut SeedRng,
    family: &course_family::Model,
    k: usize,
    admin: Uuid,
) -> course::Model {
    let (label, term_name) = term(k);
    let stamp = rng.stamp(5..20);
    let family_title = family.title.clone().unwrap_or_default();
    course::Model {
        id: rng.uuid(),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: Some(admin),
        updated_by: Some(admin),
        properties: None,
        title: Some(format!("{family_title} ({term_name})")),
        description: Some(rng.sentence(10..20)),
        path: format!("{}.{label}", family.path),
        course_family_id: family.id,
        organization_id: family.organization_id,
        version_identifier: Some(rng.hex(40)),
    }
}

/// `link_backends` links the course to one or two distinct backends and returns their ids.
fn link_backends(
    rng: &mut SeedRng,
    courses: &mut Courses,
    course: &course::Model,
    backends: &[execution_backend::Model],
) -> Vec<Uuid> {
    let count = rng.range(1..3);
    let mut ids = Vec::with_capacity(count);
    for index in rng.sample(backends.len(), count) {
        let stamp = rng.stamp(20..25);
        ids.push(backends[index].id);
        courses
            .course_backends
            .push(course_execution_backend::Model {
                execution_backend_id: backends[index].id,
                course_id: course.id,
                version: Some(0),
                created_at: stamp.created_at,
                updated_at: stamp.updated_at,
                created_by: course.created_by,
                updated_by: course.created_by,
                properties: None,
            });
    }
    ids
}

/// `new_groups` creates 3–5 groups titled `Group A`, `Group B`, …: unique per course by
/// construction.
fn new_groups(rng: &mut SeedRng, course: &course::Model) -> Vec<course_group::Model> {
    let count = rng.range(3..6);
    (0..count)
        .map(|index| {
            let stamp = rng.stamp(20..25);
            let letter = char::from(b'A' + index as u8);
            course_group::Model {
                id: rng.uuid(),
                version: Some(0),
                created_at: stamp.created_at,
                updated_at: stamp.updated_at,
                created_by: course.created_by,
                updated_by: course.created_by,
                properties: None,
                title: Some(format!("Group {letter}")),
                description: Some(rng.sentence(4..8)),
                course_id: course.id,
            }
        })
        .collect()
}

/// `enroll` draws 12–24 distinct users (all of them when there are fewer), so
/// `(user_id, course_id)` is unique: the first is the lecturer, the second the course
/// administrator, then one or two tutors, and students for the rest. Every student gets a
/// group of this course (course_member_check and the composite FK); tutors lead one.
fn enroll(
    rng: &mut SeedRng,
    courses: &mut Courses,
    course: &course::Model,
    groups: &[course_group::Model],
    users: &[user::Model],
    backends: Vec<Uuid>,
) -> Roster {
    let drawn = rng.range(12..25);
    let picked = rng.sample(users.len(), drawn);
    let tutors = if picked.len() >= 8 { 2 } else { 1 };
    let lecturer = picked.first().map(|&u| users[u].id).unwrap_or_default();
    let mut roster = Roster {
        course_id: course.id,
        lecturer,
        backends,
        staff: Vec::new(),
        students: Vec::new(),
    };
    for (position, &user_index) in picked.iter().enumerate() {
        let (role, group) = match position {
            0 => (LECTURER, None),
            1 => (ADMIN, None),
            p if p < 2 + tutors => (TUTOR, Some(groups[(p - 2) % groups.len()].id)),
            _ => (STUDENT, Some(rng.pick(groups).id)),
        };
        let member = new_member(rng, course, users[user_index].id, role, group, lecturer);
        let entry = Member {
            id: member.id,
            user_id: member.user_id,
        };
        if role == STUDENT {
            roster.students.push(entry);
        } else {
            roster.staff.push(entry);
        }
        courses.members.push(member);
    }
    roster
}

/// `new_member` enrolls a user with a role (and group); the lecturer did the enrolling.
fn new_member(
    rng: &mut SeedRng,
    course: &course::Model,
    user_id: Uuid,
    role: &str,
    course_group_id: Option<Uuid>,
    lecturer: Uuid,
) -> course_member::Model {
    let stamp = rng.stamp(20..40);
    course_member::Model {
        id: rng.uuid(),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: Some(lecturer),
        updated_by: Some(lecturer),
        properties: None,
        user_id,
        course_id: course.id,
        course_group_id,
        course_role_id: role.to_owned(),
    }
}
