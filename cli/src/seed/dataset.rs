//! `dataset`: all seed rows, generated in memory before the database is touched.
//!
//! Generation is a pure function of the options: the generators run in a fixed order on one
//! seeded source, so equal options give equal rows, whatever the database.

use super::SeedOptions;
use super::access::{self, Access};
use super::activity::{self, Activity};
use super::auth::{self, Auth};
use super::catalog::{self, Catalog};
use super::content::{self, Contents};
use super::course::{self, Courses};
use super::organization::{self, Organizations};
use super::rng::SeedRng;
use super::row::Row;
use super::submission::{self, Submissions};

/// `Dataset` is every row to insert, grouped by the generator that made it.
pub struct Dataset {
    pub auth: Auth,
    pub access: Access,
    pub catalog: Catalog,
    pub organizations: Organizations,
    pub courses: Courses,
    pub contents: Contents,
    pub submissions: Submissions,
    pub activity: Activity,
}

/// `generate` builds the dataset for `options` (already validated: at least four users,
/// one course and two organizations).
pub fn generate(options: &SeedOptions) -> Dataset {
    let mut rng = SeedRng::new(options.seed);
    let auth = auth::generate(&mut rng, options.users);
    let admin = auth.users.first().map(|u| u.key("id")).unwrap_or_default();
    let access = access::generate(&mut rng, &auth.users);
    let catalog = catalog::generate(&mut rng, admin);
    let organizations = organization::generate(&mut rng, options.organizations, admin);
    let courses = course::generate(
        &mut rng,
        options.courses,
        &organizations.families,
        &auth.users,
        &catalog.backends,
        admin,
    );
    let contents = content::generate(&mut rng, &courses.rosters);
    let submissions = submission::generate(
        &mut rng,
        &contents.contents,
        &contents.submittable,
        &courses.rosters,
    );
    let activity = activity::generate(&mut rng, &courses.rosters);
    Dataset {
        auth,
        access,
        catalog,
        organizations,
        courses,
        contents,
        submissions,
        activity,
    }
}

impl Dataset {
    /// `tables` is every (table name, rows) the seeders build, in foreign-key order. The
    /// store matches them to the registry by name: a table the registry no longer has is
    /// skipped, a registered table missing here gets generic rows.
    pub fn tables(&self) -> Vec<(&'static str, &[Row])> {
        let Dataset {
            auth,
            access,
            catalog,
            organizations,
            courses,
            contents,
            submissions,
            activity,
        } = self;
        vec![
            ("user", &auth.users),
            ("account", &auth.accounts),
            ("profile", &auth.profiles),
            ("student_profile", &auth.student_profiles),
            ("session", &auth.sessions),
            ("organization", &organizations.organizations),
            ("role", &access.roles),
            ("role_claim", &access.role_claims),
            ("user_role", &access.user_roles),
            ("group", &access.groups),
            ("group_claim", &access.group_claims),
            ("user_group", &access.user_groups),
            ("execution_backend", &catalog.backends),
            ("course_content_kind", &catalog.kinds),
            ("course_role", &catalog.course_roles),
            ("course_family", &organizations.families),
            ("course", &courses.courses),
            ("course_content_type", &contents.types),
            ("course_execution_backend", &courses.course_backends),
            ("course_group", &courses.groups),
            ("course_content", &contents.contents),
            ("course_member", &courses.members),
            ("course_submission_group", &submissions.groups),
            ("course_submission_group_member", &submissions.members),
            ("course_member_comment", &activity.comments),
            ("result", &submissions.results),
            ("codeability_message", &activity.messages),
            ("codeability_message_read", &activity.reads),
        ]
        .into_iter()
        .map(|(name, rows)| (name, rows.as_slice()))
        .collect()
    }
}
