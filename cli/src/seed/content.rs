//! `content`: per course, content types over the kinds and a small content tree: weekly
//! lecture nodes with assignment and exercise children, and a final exam.

use super::catalog::{ASSIGNMENT, EXAM, EXERCISE, LECTURE, is_submittable};
use super::course::Roster;
use super::rng::SeedRng;
use super::row::{Row, audited};

/// `TYPES` is (slug, title, kind) of each course's content types. Slugs match
/// `^[A-Za-z0-9_-]+$`, and (slug, course, kind) is unique because the slugs are distinct.
const TYPES: [(&str, &str, &str); 5] = [
    ("lecture", "Lecture", LECTURE),
    ("mandatory", "Mandatory assignment", ASSIGNMENT),
    ("optional", "Optional assignment", ASSIGNMENT),
    ("exercise", "Exercise", EXERCISE),
    ("exam", "Exam", EXAM),
];

/// `COLORS` are the labels of the original's dropped `ctutor_color` enum, now plain strings.
const COLORS: [&str; 17] = [
    "red", "orange", "amber", "yellow", "lime", "green", "emerald", "teal", "cyan", "sky", "blue",
    "indigo", "violet", "purple", "fuchsia", "pink", "rose",
];

/// `Contents` holds the types, the contents (parents before children) and the indices of
/// the submittable contents.
#[derive(Default)]
pub struct Contents {
    pub types: Vec<Row>,
    pub contents: Vec<Row>,
    pub submittable: Vec<usize>,
}

/// `Node` is what distinguishes one content from another in the tree.
struct Node<'a> {
    path: String,
    title: String,
    position: f64,
    kind: &'a Row,
}

/// `generate` creates the types and the content tree of every course.
pub fn generate(rng: &mut SeedRng, rosters: &[Roster]) -> Contents {
    let mut contents = Contents::default();
    for roster in rosters {
        let types: Vec<Row> = (TYPES.iter()).map(|t| new_type(rng, roster, *t)).collect();
        add_tree(rng, &mut contents, roster, &types);
        contents.types.extend(types);
    }
    contents
}

/// `new_type` is one content type of the course, with a colour from the palette.
fn new_type(rng: &mut SeedRng, roster: &Roster, (slug, title, kind): (&str, &str, &str)) -> Row {
    let stamp = rng.stamp(20..25);
    audited(stamp, Some(roster.lecturer))
        .with("id", rng.uuid())
        .with("title", title)
        .with("description", rng.sentence(4..10))
        .with("slug", slug)
        .with("course_content_kind_id", kind)
        .with("course_id", roster.course_id)
        .with("color", *rng.pick(&COLORS))
}

/// `add_tree` adds 3–5 weeks (`week_01`, …) with their children, then `final_exam`. Types
/// are taken from this course's own types, as the composite FK demands.
fn add_tree(rng: &mut SeedRng, contents: &mut Contents, roster: &Roster, types: &[Row]) {
    let of_slug = |slug: &str| types.iter().find(|t| t.text("slug") == Some(slug));
    let (Some(lecture), Some(exam)) = (of_slug("lecture"), of_slug("exam")) else {
        return;
    };
    let children: Vec<&Row> = (["mandatory", "optional", "exercise"].iter())
        .filter_map(|slug| of_slug(slug))
        .collect();
    let weeks = rng.range(3..6);
    for week in 1..=weeks {
        add_week(rng, contents, roster, (week, lecture), &children);
    }
    let node = Node {
        path: "final_exam".to_owned(),
        title: format!("Final exam: {}", rng.words(2..4)),
        position: (weeks + 1) as f64,
        kind: exam,
    };
    add_content(rng, contents, roster, node);
}

/// `add_week` adds the lecture node of week `week` and 1–3 children of the given types.
/// Child labels carry a running counter within the week (`week_01.assignment_1`,
/// `week_01.exercise_2`), so `(course_id, path)` is unique by construction.
fn add_week(
    rng: &mut SeedRng,
    contents: &mut Contents,
    roster: &Roster,
    (week, lecture): (usize, &Row),
    children: &[&Row],
) {
    let parent = format!("week_{week:02}");
    let node = Node {
        path: parent.clone(),
        title: format!("Week {week}: {}", rng.words(2..5)),
        position: week as f64,
        kind: lecture,
    };
    add_content(rng, contents, roster, node);
    for child in 1..=rng.range(1..4) {
        let kind = *rng.pick(children);
        let label = if kind.text("course_content_kind_id") == Some(EXERCISE) {
            "exercise"
        } else {
            "assignment"
        };
        let name = kind.text("title").unwrap_or(label);
        let node = Node {
            path: format!("{parent}.{label}_{child}"),
            title: format!("{name} {week}.{child}: {}", rng.words(2..5)),
            position: child as f64,
            kind,
        };
        add_content(rng, contents, roster, node);
    }
}

/// `add_content` turns a node into a row. Submittable contents run on one of the course's
/// backends and get submission limits; lecture nodes have neither.
fn add_content(rng: &mut SeedRng, contents: &mut Contents, roster: &Roster, node: Node) {
    let kind = node.kind.text("course_content_kind_id").unwrap_or_default();
    let submittable = is_submittable(kind);
    let group_work = kind == ASSIGNMENT && rng.chance(0.5);
    let stamp = rng.stamp(25..120);
    if submittable {
        contents.submittable.push(contents.contents.len());
    }
    let row = audited(stamp, Some(roster.lecturer))
        .with("id", rng.uuid())
        .with("title", node.title)
        .with("description", rng.sentence(8..20))
        .with("path", node.path)
        .with("course_id", roster.course_id)
        .with("course_content_type_id", node.kind.key("id"))
        .with("version_identifier", rng.hex(40))
        .with("position", node.position);
    let max_group_size = if group_work {
        rng.range(2..4) as i32
    } else {
        1
    };
    let max_test_runs = submittable.then(|| rng.range(5..21) as i32);
    let max_submissions = submittable.then(|| rng.range(1..6) as i32);
    let backend = submittable.then(|| *rng.pick(&roster.backends));
    contents.contents.push(
        row.with("max_group_size", max_group_size)
            .with("max_test_runs", max_test_runs)
            .with("max_submissions", max_submissions)
            .with("execution_backend_id", backend),
    );
}
