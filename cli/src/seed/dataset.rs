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
    let admin = auth.users.first().map(|u| u.id).unwrap_or_default();
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
