//! `submission`: submission groups of students for submittable contents, their members,
//! and the test results of their work.

use entity::course::{course_content, course_submission_group, course_submission_group_member};
use entity::result::result;
use uuid::Uuid;

use super::course::{Member, Roster};
use super::rng::{SeedRng, Unique};

/// `STATUSES` are the submission group states the seeder uses.
const STATUSES: [&str; 3] = ["open", "submitted", "graded"];

/// `FIRST_TEST_SYSTEM_ID` starts the running counter of test-system run ids.
const FIRST_TEST_SYSTEM_ID: usize = 400_000;

/// `Submissions` holds the submission groups, their members and the results.
#[derive(Default)]
pub struct Submissions {
    pub groups: Vec<course_submission_group::Model>,
    pub members: Vec<course_submission_group_member::Model>,
    pub results: Vec<result::Model>,
    /// Every commit hash handed out, so that version identifiers are unique by construction.
    commits: Unique,
}

/// `generate` forms groups for every submittable content: between half and all of the
/// course's students take part, split into groups of at most `max_group_size`. A student
/// joins at most one group per content, so `(course_member_id, course_content_id)` stays
/// unique.
pub fn generate(
    rng: &mut SeedRng,
    contents: &[course_content::Model],
    submittable: &[usize],
    rosters: &[Roster],
) -> Submissions {
    let mut submissions = Submissions::default();
    for &index in submittable {
        let content = &contents[index];
        let Some(roster) = rosters.iter().find(|r| r.course_id == content.course_id) else {
            continue;
        };
        let students = &roster.students;
        let taking_part = rng.range(students.len().div_ceil(2)..students.len() + 1);
        let picked: Vec<Member> = (rng.sample(students.len(), taking_part).into_iter())
            .map(|s| students[s])
            .collect();
        let size = usize::try_from(content.max_group_size).unwrap_or(1).max(1);
        for team in picked.chunks(size) {
            add_group(rng, &mut submissions, content, team);
        }
    }
    submissions
}

/// `add_group` adds one submission group with its members and its results.
fn add_group(
    rng: &mut SeedRng,
    submissions: &mut Submissions,
    content: &course_content::Model,
    team: &[Member],
) {
    let status = *rng.pick(&STATUSES);
    let grading = (status == "graded").then(|| score(rng));
    let stamp = rng.stamp(40..150);
    let group = course_submission_group::Model {
        id: rng.uuid(),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: team.first().map(|m| m.user_id),
        updated_by: team.first().map(|m| m.user_id),
        properties: None,
        status: Some(status.to_owned()),
        grading,
        max_group_size: content.max_group_size,
        max_test_runs: content.max_test_runs,
        max_submissions: content.max_submissions,
        course_id: content.course_id,
        course_content_id: content.id,
    };
    for member in team {
        submissions
            .members
            .push(new_group_member(rng, &group, member));
    }
    add_results(rng, submissions, content, &group, team);
    submissions.groups.push(group);
}

/// `new_group_member` puts a course member into a submission group, graded as the group.
fn new_group_member(
    rng: &mut SeedRng,
    group: &course_submission_group::Model,
    member: &Member,
) -> course_submission_group_member::Model {
    let stamp = rng.stamp(40..150);
    course_submission_group_member::Model {
        id: rng.uuid(),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: group.created_by,
        updated_by: group.created_by,
        properties: None,
        grading: group.grading,
        course_id: group.course_id,
        course_submission_group_id: group.id,
        course_member_id: member.id,
        course_content_id: group.course_content_id,
    }
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
    content: &course_content::Model,
    group: &course_submission_group::Model,
    team: &[Member],
) {
    let Some(backend) = content.execution_backend_id else {
        return;
    };
    let runs = rng.range(1..4);
    for number in 1..=runs {
        let commit = rng.hex(40);
        let run = Run {
            member: *rng.pick(team),
            submit: number == runs && group.status.as_deref() != Some("open"),
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
fn new_result(
    rng: &mut SeedRng,
    content: &course_content::Model,
    group: &course_submission_group::Model,
    backend: Uuid,
    run: Run,
) -> result::Model {
    let tests = rng.range(5..21);
    let passed = rng.range(0..tests + 1);
    let stamp = rng.stamp(40..150);
    result::Model {
        id: rng.uuid(),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: Some(run.member.user_id),
        updated_by: Some(run.member.user_id),
        properties: None,
        submit: run.submit,
        course_member_id: run.member.id,
        course_submission_group_id: Some(group.id),
        course_content_id: content.id,
        course_content_type_id: content.course_content_type_id,
        execution_backend_id: backend,
        test_system_id: run.test_system_id,
        result: round2(passed as f64 / tests as f64),
        result_json: Some(serde_json::json!({
            "tests": tests,
            "passed": passed,
            "failed": tests - passed,
        })),
        version_identifier: run.version_identifier,
        status: i32::from(rng.chance(0.1)),
    }
}

/// `score` is a grade between 0 and 1, to two decimals.
fn score(rng: &mut SeedRng) -> f64 {
    round2(rng.range(0..101) as f64 / 100.0)
}

/// `round2` rounds to two decimals, as grades are shown.
fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
