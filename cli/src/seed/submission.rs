//! `submission`: submission groups of students for submittable contents, their members,
//! and the test results of their work.

use uuid::Uuid;

use super::course::{Member, Roster};
use super::rng::{SeedRng, Unique};
use super::row::{Row, audited};

/// `STATUSES` are the submission group states the seeder uses.
const STATUSES: [&str; 3] = ["open", "submitted", "graded"];

/// `FIRST_TEST_SYSTEM_ID` starts the running counter of test-system run ids.
const FIRST_TEST_SYSTEM_ID: usize = 400_000;

/// `Submissions` holds the submission groups, their members and the results.
#[derive(Default)]
pub struct Submissions {
    pub groups: Vec<Row>,
    pub members: Vec<Row>,
    pub results: Vec<Row>,
    /// Every commit hash handed out, so that version identifiers are unique by construction.
    commits: Unique,
}

/// `generate` forms groups for every submittable content: between half and all of the
/// course's students take part, split into groups of at most `max_group_size`. A student
/// joins at most one group per content, so `(course_member_id, course_content_id)` stays
/// unique.
pub fn generate(
    rng: &mut SeedRng,
    contents: &[Row],
    submittable: &[usize],
    rosters: &[Roster],
) -> Submissions {
    let mut submissions = Submissions::default();
    for &index in submittable {
        let content = &contents[index];
        let course = content.key("course_id");
        let Some(roster) = rosters.iter().find(|r| r.course_id == course) else {
            continue;
        };
        let students = &roster.students;
        let taking_part = rng.range(students.len().div_ceil(2)..students.len() + 1);
        let picked: Vec<Member> = (rng.sample(students.len(), taking_part).into_iter())
            .map(|s| students[s])
            .collect();
        let size = (content.int("max_group_size"))
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(1)
            .max(1);
        for team in picked.chunks(size) {
            add_group(rng, &mut submissions, content, team);
        }
    }
    submissions
}

/// `add_group` adds one submission group with its members and its results.
fn add_group(rng: &mut SeedRng, submissions: &mut Submissions, content: &Row, team: &[Member]) {
    let status = *rng.pick(&STATUSES);
    let grading = (status == "graded").then(|| score(rng));
    let stamp = rng.stamp(40..150);
    let author = team.first().map(|m| m.user_id);
    let limits = ["max_group_size", "max_test_runs", "max_submissions"];
    let mut group = audited(stamp, author)
        .with("id", rng.uuid())
        .with("status", status)
        .with("grading", grading)
        .with("course_id", content.key("course_id"))
        .with("course_content_id", content.key("id"));
    for limit in limits {
        // The group takes the content's limits as they are (NULL included).
        group.set(limit, content.int(limit).map(|n| n as i32));
    }
    for member in team {
        submissions
            .members
            .push(new_group_member(rng, &group, member));
    }
    add_results(rng, submissions, content, &group, team);
    submissions.groups.push(group);
}

/// `new_group_member` puts a course member into a submission group, graded as the group.
fn new_group_member(rng: &mut SeedRng, group: &Row, member: &Member) -> Row {
    let stamp = rng.stamp(40..150);
    audited(stamp, group.uuid("created_by"))
        .with("id", rng.uuid())
        .with("grading", group.float("grading"))
        .with("course_id", group.key("course_id"))
        .with("course_submission_group_id", group.key("id"))
        .with("course_member_id", member.id)
        .with("course_content_id", group.key("course_content_id"))
}

/// `Run` is what tells one test run of a group apart from the others.
struct Run {
    member: Member,
    submit: bool,
    test_system_id: String,
    version_identifier: String,
}

/// `add_results` adds 1–3 test runs of the group's work, each by one of its members. The
/// last run of a submitted or graded group is the submission. Test-system ids come from a
/// running counter and commit hashes from [`Unique`], so every uniqueness rule of `result`
/// holds by construction.
fn add_results(
    rng: &mut SeedRng,
    submissions: &mut Submissions,
    content: &Row,
    group: &Row,
    team: &[Member],
) {
    let Some(backend) = content.uuid("execution_backend_id") else {
        return;
    };
    let runs = rng.range(1..4);
    for number in 1..=runs {
        let commit = rng.hex(40);
        let run = Run {
            member: *rng.pick(team),
            submit: number == runs && group.text("status") != Some("open"),
            test_system_id: (FIRST_TEST_SYSTEM_ID + submissions.results.len()).to_string(),
            version_identifier: submissions.commits.claim(&commit),
        };
        submissions
            .results
            .push(new_result(rng, content, group, backend, run));
    }
}

/// `new_result` is one run: `result` is the share of passed tests, and a run fails now and
/// then (status 1).
fn new_result(rng: &mut SeedRng, content: &Row, group: &Row, backend: Uuid, run: Run) -> Row {
    let tests = rng.range(5..21);
    let passed = rng.range(0..tests + 1);
    let stamp = rng.stamp(40..150);
    audited(stamp, Some(run.member.user_id))
        .with("id", rng.uuid())
        .with("submit", run.submit)
        .with("course_member_id", run.member.id)
        .with("course_submission_group_id", group.key("id"))
        .with("course_content_id", content.key("id"))
        .with(
            "course_content_type_id",
            content.key("course_content_type_id"),
        )
        .with("execution_backend_id", backend)
        .with("test_system_id", run.test_system_id)
        .with("result", round2(passed as f64 / tests as f64))
        .with(
            "result_json",
            serde_json::json!({
                "tests": tests,
                "passed": passed,
                "failed": tests - passed,
            }),
        )
        .with("version_identifier", run.version_identifier)
        .with("status", i32::from(rng.chance(0.1)))
}

/// `score` is a grade between 0 and 1, to two decimals.
fn score(rng: &mut SeedRng) -> f64 {
    round2(rng.range(0..101) as f64 / 100.0)
}

/// `round2` rounds to two decimals, as grades are shown.
fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
