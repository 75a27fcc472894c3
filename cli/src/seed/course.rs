//! `course`: courses in their families, with backends, groups and members.

use uuid::Uuid;

use super::catalog::{ADMIN, LECTURER, STUDENT, TUTOR};
use super::rng::SeedRng;
use super::row::{Row, audited};

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
    pub courses: Vec<Row>,
    pub course_backends: Vec<Row>,
    pub groups: Vec<Row>,
    pub members: Vec<Row>,
    pub rosters: Vec<Roster>,
}

/// `generate` creates `count` courses, dealt round-robin over the families.
pub fn generate(
    rng: &mut SeedRng,
    count: usize,
    families: &[Row],
    users: &[Row],
    backends: &[Row],
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
fn new_course(rng: &mut SeedRng, family: &Row, k: usize, admin: Uuid) -> Row {
    let (label, term_name) = term(k);
    let stamp = rng.stamp(5..20);
    let family_title = family.text("title").unwrap_or_default();
    let family_path = family.text("path").unwrap_or_default();
    audited(stamp, Some(admin))
        .with("id", rng.uuid())
        .with("title", format!("{family_title} ({term_name})"))
        .with("description", rng.sentence(10..20))
        .with("path", format!("{family_path}.{label}"))
        .with("course_family_id", family.key("id"))
        .with("organization_id", family.key("organization_id"))
        .with("version_identifier", rng.hex(40))
}

/// `link_backends` links the course to one or two distinct backends and returns their ids.
fn link_backends(
    rng: &mut SeedRng,
    courses: &mut Courses,
    course: &Row,
    backends: &[Row],
) -> Vec<Uuid> {
    let count = rng.range(1..3);
    let mut ids = Vec::with_capacity(count);
    for index in rng.sample(backends.len(), count) {
        let stamp = rng.stamp(20..25);
        let backend = backends[index].key("id");
        ids.push(backend);
        courses.course_backends.push(
            audited(stamp, course.uuid("created_by"))
                .with("execution_backend_id", backend)
                .with("course_id", course.key("id")),
        );
    }
    ids
}

/// `new_groups` creates 3–5 groups titled `Group A`, `Group B`, …: unique per course by
/// construction.
fn new_groups(rng: &mut SeedRng, course: &Row) -> Vec<Row> {
    let count = rng.range(3..6);
    (0..count)
        .map(|index| {
            let stamp = rng.stamp(20..25);
            let letter = char::from(b'A' + index as u8);
            audited(stamp, course.uuid("created_by"))
                .with("id", rng.uuid())
                .with("title", format!("Group {letter}"))
                .with("description", rng.sentence(4..8))
                .with("course_id", course.key("id"))
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
    course: &Row,
    groups: &[Row],
    users: &[Row],
    backends: Vec<Uuid>,
) -> Roster {
    let drawn = rng.range(12..25);
    let picked = rng.sample(users.len(), drawn);
    let tutors = if picked.len() >= 8 { 2 } else { 1 };
    let lecturer = picked
        .first()
        .map(|&u| users[u].key("id"))
        .unwrap_or_default();
    let mut roster = Roster {
        course_id: course.key("id"),
        lecturer,
        backends,
        staff: Vec::new(),
        students: Vec::new(),
    };
    for (position, &user_index) in picked.iter().enumerate() {
        let (role, group) = match position {
            0 => (LECTURER, None),
            1 => (ADMIN, None),
            p if p < 2 + tutors => (TUTOR, Some(groups[(p - 2) % groups.len()].key("id"))),
            _ => (STUDENT, Some(rng.pick(groups).key("id"))),
        };
        let user_id = users[user_index].key("id");
        let member = new_member(rng, course, user_id, role, group, lecturer);
        let entry = Member {
            id: member.key("id"),
            user_id,
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
    course: &Row,
    user_id: Uuid,
    role: &str,
    course_group_id: Option<Uuid>,
    lecturer: Uuid,
) -> Row {
    let stamp = rng.stamp(20..40);
    audited(stamp, Some(lecturer))
        .with("id", rng.uuid())
        .with("user_id", user_id)
        .with("course_id", course.key("id"))
        .with("course_group_id", course_group_id)
        .with("course_role_id", role)
}
