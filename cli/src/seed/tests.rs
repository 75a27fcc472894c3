//! Tests of the generated dataset: determinism, sizes, and the schema's constraints, checked
//! in memory (the database checks run in the command-line verification).

use std::collections::BTreeSet;
use std::fmt::Debug;

use super::SeedOptions;
use super::catalog::STUDENT;
use super::dataset::{Dataset, generate};

fn options(seed: u64, users: usize, courses: usize, organizations: usize) -> SeedOptions {
    SeedOptions {
        seed,
        users,
        courses,
        organizations,
        clear: false,
    }
}

fn defaults() -> SeedOptions {
    options(42, 50, 10, 4)
}

/// `tables` is (table, row count, debug rendering) of all 28 lists, in insertion order.
fn tables(d: &Dataset) -> Vec<(&'static str, usize, String)> {
    fn t<T: Debug>(name: &'static str, rows: &[T]) -> (&'static str, usize, String) {
        (name, rows.len(), format!("{rows:?}"))
    }
    vec![
        t("user", &d.auth.users),
        t("account", &d.auth.accounts),
        t("profile", &d.auth.profiles),
        t("student_profile", &d.auth.student_profiles),
        t("session", &d.auth.sessions),
        t("organization", &d.organizations.organizations),
        t("role", &d.access.roles),
        t("role_claim", &d.access.role_claims),
        t("user_role", &d.access.user_roles),
        t("group", &d.access.groups),
        t("group_claim", &d.access.group_claims),
        t("user_group", &d.access.user_groups),
        t("execution_backend", &d.catalog.backends),
        t("course_content_kind", &d.catalog.kinds),
        t("course_role", &d.catalog.course_roles),
        t("course_family", &d.organizations.families),
        t("course", &d.courses.courses),
        t("course_content_type", &d.contents.types),
        t("course_execution_backend", &d.courses.course_backends),
        t("course_group", &d.courses.groups),
        t("course_content", &d.contents.contents),
        t("course_member", &d.courses.members),
        t("course_submission_group", &d.submissions.groups),
        t("course_submission_group_member", &d.submissions.members),
        t("course_member_comment", &d.activity.comments),
        t("result", &d.submissions.results),
        t("codeability_message", &d.activity.messages),
        t("codeability_message_read", &d.activity.reads),
    ]
}

/// `all_unique` asserts that `keys` holds no repeated key.
fn all_unique<K: Ord + Debug>(what: &str, keys: impl IntoIterator<Item = K>) {
    let mut seen = BTreeSet::new();
    for key in keys {
        assert!(seen.insert(format!("{key:?}")), "{what}: {key:?} repeats");
    }
}

fn is_ltree(path: &str) -> bool {
    path.split('.').all(|label| {
        !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

fn is_valid_slug(slug: &str) -> bool {
    slug.split(['-', '_']).all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

#[test]
fn same_options_same_rows_other_seed_other_rows() {
    assert_eq!(
        tables(&generate(&defaults())),
        tables(&generate(&defaults()))
    );
    let other = generate(&options(43, 50, 10, 4));
    assert_ne!(tables(&generate(&defaults()))[0], tables(&other)[0]);
}

#[test]
fn insertion_order_is_the_registry_order() {
    let names: Vec<&str> = tables(&generate(&defaults())).iter().map(|t| t.0).collect();
    assert_eq!(names, super::tables::names());
}

#[test]
fn every_table_has_rows_even_at_the_minimum_sizes() {
    for opts in [defaults(), options(1, 4, 1, 2), options(5, 200, 30, 6)] {
        for (name, rows, _) in tables(&generate(&opts)) {
            assert!(rows > 0, "{name} is empty for {opts:?}");
        }
    }
}

#[test]
fn default_sizes_and_organization_tree() {
    let d = generate(&defaults());
    assert_eq!(d.auth.users.len(), 50);
    assert_eq!(d.courses.courses.len(), 10);
    let paths: Vec<&str> = d
        .organizations
        .organizations
        .iter()
        .map(|o| o.path.as_str())
        .collect();
    let expected = [
        "university",
        "university.computer_science",
        "university.information_systems",
        "university.software_engineering",
    ];
    assert_eq!(paths, expected);
    for o in &d.organizations.organizations {
        assert!(o.title.is_some() && o.user_id.is_none());
        let parent = o.path.rsplit_once('.').map(|(p, _)| p.to_owned());
        assert_eq!(o.parent_path, parent);
    }
}

#[test]
fn identities_are_unique() {
    let d = generate(&options(3, 200, 30, 12));
    let users = &d.auth.users;
    all_unique("user.email", users.iter().map(|u| &u.email));
    all_unique("user.username", users.iter().map(|u| &u.username));
    all_unique("user.number", users.iter().map(|u| &u.number));
    all_unique(
        "profile.nickname",
        d.auth.profiles.iter().map(|p| &p.nickname),
    );
    all_unique(
        "student_id",
        d.auth.student_profiles.iter().map(|p| &p.student_id),
    );
    all_unique(
        "student_email",
        d.auth.student_profiles.iter().map(|p| &p.student_email),
    );
    let orgs = &d.organizations.organizations;
    all_unique("organization path", orgs.iter().map(|o| &o.path));
    all_unique("organization number", orgs.iter().map(|o| &o.number));
}

#[test]
fn paths_and_slugs_are_valid() {
    let d = generate(&options(4, 60, 40, 12));
    let orgs = d.organizations.organizations.iter().map(|o| &o.path);
    let families = d.organizations.families.iter().map(|f| &f.path);
    let courses = d.courses.courses.iter().map(|c| &c.path);
    let contents = d.contents.contents.iter().map(|c| &c.path);
    for path in orgs.chain(families).chain(courses).chain(contents) {
        assert!(is_ltree(path), "{path} is not an ltree path");
    }
    all_unique(
        "course path",
        d.courses
            .courses
            .iter()
            .map(|c| (c.course_family_id, &c.path)),
    );
    all_unique(
        "content path",
        d.contents.contents.iter().map(|c| (c.course_id, &c.path)),
    );
    all_unique(
        "group title",
        d.courses.groups.iter().map(|g| (g.course_id, &g.title)),
    );
    for group in &d.access.groups {
        assert!(is_valid_slug(&group.slug), "{}", group.slug);
    }
    for role in d
        .access
        .roles
        .iter()
        .map(|r| (&r.id, r.builtin))
        .chain(d.catalog.course_roles.iter().map(|r| (&r.id, r.builtin)))
    {
        assert!(
            role.1 && role.0.starts_with('_') && is_valid_slug(&role.0[1..]),
            "{role:?}"
        );
    }
}

#[test]
fn students_have_a_group_of_their_course() {
    let d = generate(&options(5, 80, 12, 3));
    let group_course = |id| {
        d.courses
            .groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.course_id)
    };
    for member in &d.courses.members {
        if member.course_role_id == STUDENT {
            let group = member.course_group_id.and_then(group_course);
            assert_eq!(
                group,
                Some(member.course_id),
                "student without a group of the course"
            );
        }
    }
    all_unique(
        "course member",
        d.courses.members.iter().map(|m| (m.user_id, m.course_id)),
    );
}

#[test]
fn contents_and_submissions_stay_in_their_course() {
    let d = generate(&options(5, 80, 12, 3));
    for content in &d.contents.contents {
        let owner = d
            .contents
            .types
            .iter()
            .find(|t| t.id == content.course_content_type_id);
        assert_eq!(owner.map(|t| t.course_id), Some(content.course_id));
    }
    let member_course = |id| {
        d.courses
            .members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.course_id)
    };
    for sgm in &d.submissions.members {
        assert_eq!(member_course(sgm.course_member_id), Some(sgm.course_id));
    }
    let sgm = &d.submissions.members;
    all_unique(
        "member per content",
        sgm.iter()
            .map(|m| (m.course_member_id, m.course_content_id)),
    );
    all_unique(
        "member per group",
        sgm.iter()
            .map(|m| (m.course_submission_group_id, m.course_member_id)),
    );
}

#[test]
fn results_and_messages_respect_their_unique_keys() {
    let d = generate(&options(6, 120, 20, 4));
    let results = &d.submissions.results;
    all_unique(
        "test system run",
        results
            .iter()
            .map(|r| (&r.test_system_id, r.execution_backend_id)),
    );
    all_unique(
        "member version",
        results
            .iter()
            .map(|r| (r.course_member_id, &r.version_identifier)),
    );
    all_unique(
        "group version",
        results
            .iter()
            .map(|r| (r.course_submission_group_id, &r.version_identifier)),
    );
    all_unique(
        "read marker",
        d.activity
            .reads
            .iter()
            .map(|r| (r.codeability_message_id, r.course_member_id)),
    );
    for message in &d.activity.messages {
        let parent = message
            .parent_id
            .and_then(|id| d.activity.messages.iter().position(|m| m.id == id));
        match parent.map(|p| &d.activity.messages[p]) {
            Some(parent) => {
                assert_eq!(message.level, parent.level + 1);
                assert!(parent.created_at < message.created_at);
            }
            None => assert_eq!(message.level, 0),
        }
    }
}
