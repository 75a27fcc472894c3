//! Tests of the generated dataset: determinism, sizes, and the schema's constraints, checked
//! in memory (the database checks run in the command-line verification).

use std::collections::BTreeSet;
use std::fmt::Debug;

use super::SeedOptions;
use super::catalog::STUDENT;
use super::dataset::{Dataset, generate};
use super::row::Row;

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
    (d.tables().into_iter())
        .map(|(name, rows)| (name, rows.len(), format!("{rows:?}")))
        .collect()
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
    // The seeders build every registered table today, in the order they are filled.
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
        .map(|o| o.text("path").unwrap_or_default())
        .collect();
    let expected = [
        "university",
        "university.computer_science",
        "university.information_systems",
        "university.software_engineering",
    ];
    assert_eq!(paths, expected);
    for o in &d.organizations.organizations {
        assert!(o.text("title").is_some() && o.uuid("user_id").is_none());
        let path = o.text("path").unwrap_or_default();
        let parent = path.rsplit_once('.').map(|(p, _)| p);
        assert_eq!(o.text("parent_path"), parent);
    }
}

#[test]
fn identities_are_unique() {
    let d = generate(&options(3, 200, 30, 12));
    let users = &d.auth.users;
    all_unique("user.email", users.iter().map(|u| u.text("email")));
    all_unique("user.username", users.iter().map(|u| u.text("username")));
    all_unique("user.number", users.iter().map(|u| u.text("number")));
    all_unique(
        "profile.nickname",
        d.auth.profiles.iter().map(|p| p.text("nickname")),
    );
    all_unique(
        "student_id",
        d.auth.student_profiles.iter().map(|p| p.text("student_id")),
    );
    all_unique(
        "student_email",
        d.auth
            .student_profiles
            .iter()
            .map(|p| p.text("student_email")),
    );
    let orgs = &d.organizations.organizations;
    all_unique("organization path", orgs.iter().map(|o| o.text("path")));
    all_unique("organization number", orgs.iter().map(|o| o.text("number")));
}

/// `text` is a text column of a row, or "" when unset.
fn text<'a>(row: &'a Row, column: &str) -> &'a str {
    row.text(column).unwrap_or_default()
}

#[test]
fn paths_and_slugs_are_valid() {
    let d = generate(&options(4, 60, 40, 12));
    let path = |row: &Row| text(row, "path").to_owned();
    let orgs = d.organizations.organizations.iter().map(path);
    let families = d.organizations.families.iter().map(path);
    let courses = d.courses.courses.iter().map(path);
    let contents = d.contents.contents.iter().map(path);
    for path in orgs.chain(families).chain(courses).chain(contents) {
        assert!(is_ltree(&path), "{path} is not an ltree path");
    }
    all_unique(
        "course path",
        (d.courses.courses.iter()).map(|c| (c.uuid("course_family_id"), text(c, "path"))),
    );
    all_unique(
        "content path",
        (d.contents.contents.iter()).map(|c| (c.uuid("course_id"), text(c, "path"))),
    );
    all_unique(
        "group title",
        (d.courses.groups.iter()).map(|g| (g.uuid("course_id"), text(g, "title"))),
    );
    for group in &d.access.groups {
        assert!(is_valid_slug(text(group, "slug")), "{group:?}");
    }
    let roles = d.access.roles.iter().chain(&d.catalog.course_roles);
    for role in roles {
        let (id, builtin) = (text(role, "id"), role.get("builtin"));
        assert!(
            builtin == Some(&true.into()) && id.starts_with('_') && is_valid_slug(&id[1..]),
            "{role:?}"
        );
    }
}

#[test]
fn students_have_a_group_of_their_course() {
    let d = generate(&options(5, 80, 12, 3));
    let group_course = |id| {
        (d.courses.groups.iter())
            .find(|g| g.uuid("id") == Some(id))
            .and_then(|g| g.uuid("course_id"))
    };
    for member in &d.courses.members {
        if text(member, "course_role_id") == STUDENT {
            let group = member.uuid("course_group_id").and_then(group_course);
            assert_eq!(
                group,
                member.uuid("course_id"),
                "student without a group of the course"
            );
            assert!(group.is_some());
        }
    }
    all_unique(
        "course member",
        (d.courses.members.iter()).map(|m| (m.uuid("user_id"), m.uuid("course_id"))),
    );
}

#[test]
fn contents_and_submissions_stay_in_their_course() {
    let d = generate(&options(5, 80, 12, 3));
    for content in &d.contents.contents {
        let owner = (d.contents.types.iter())
            .find(|t| t.uuid("id") == content.uuid("course_content_type_id"));
        assert_eq!(
            owner.and_then(|t| t.uuid("course_id")),
            content.uuid("course_id")
        );
    }
    let member_course = |id| {
        (d.courses.members.iter())
            .find(|m| m.uuid("id") == id)
            .and_then(|m| m.uuid("course_id"))
    };
    for sgm in &d.submissions.members {
        assert_eq!(
            member_course(sgm.uuid("course_member_id")),
            sgm.uuid("course_id")
        );
    }
    let sgm = &d.submissions.members;
    all_unique(
        "member per content",
        sgm.iter()
            .map(|m| (m.uuid("course_member_id"), m.uuid("course_content_id"))),
    );
    all_unique(
        "member per group",
        sgm.iter().map(|m| {
            (
                m.uuid("course_submission_group_id"),
                m.uuid("course_member_id"),
            )
        }),
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
            .map(|r| (text(r, "test_system_id"), r.uuid("execution_backend_id"))),
    );
    all_unique(
        "member version",
        results
            .iter()
            .map(|r| (r.uuid("course_member_id"), text(r, "version_identifier"))),
    );
    all_unique(
        "group version",
        results.iter().map(|r| {
            (
                r.uuid("course_submission_group_id"),
                text(r, "version_identifier"),
            )
        }),
    );
    all_unique(
        "read marker",
        (d.activity.reads.iter())
            .map(|r| (r.uuid("codeability_message_id"), r.uuid("course_member_id"))),
    );
    let messages = &d.activity.messages;
    for message in messages {
        let parent = (message.uuid("parent_id"))
            .and_then(|id| messages.iter().find(|m| m.uuid("id") == Some(id)));
        match parent {
            Some(parent) => {
                assert_eq!(message.int("level"), parent.int("level").map(|l| l + 1));
                assert!(parent.at("created_at") < message.at("created_at"));
            }
            None => assert_eq!(message.int("level"), Some(0)),
        }
    }
}
