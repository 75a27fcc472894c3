//! `access`: system roles and user groups, their claims, and who holds them.

use entity::auth::user;
use entity::group::group::GroupType;
use entity::group::{group, group_claim, user_group};
use entity::role::{role, role_claim, user_role};
use uuid::Uuid;

use super::rng::{SeedRng, Stamp};

/// `ROLES` is (id, title, description, permission claims). The ids are builtin, so they are
/// `_` plus a valid slug (role_check, role_check1).
const ROLES: [(&str, &str, &str, &[&str]); 3] = [
    (
        "_admin",
        "Administrator",
        "Full access to the system.",
        &["*"],
    ),
    (
        "_user_manager",
        "User manager",
        "Creates and maintains users and their accounts.",
        &[
            "user:list",
            "user:get",
            "user:create",
            "user:update",
            "account:list",
        ],
    ),
    (
        "_organization_manager",
        "Organization manager",
        "Creates and maintains organizations and course families.",
        &[
            "organization:list",
            "organization:get",
            "organization:create",
            "organization:update",
            "course_family:create",
        ],
    ),
];

/// `ROLE_HOLDERS` is (user index, role id): `_admin` for two users, one manager each.
/// The seed options guarantee at least four users.
const ROLE_HOLDERS: [(usize, &str); 4] = [
    (0, "_admin"),
    (1, "_admin"),
    (2, "_user_manager"),
    (3, "_organization_manager"),
];

/// `GROUPS` is (slug, title, type); slugs satisfy `ctutor_valid_slug`.
const GROUPS: [(&str, &str, GroupType); 4] = [
    ("tutors", "Tutors", GroupType::Fixed),
    ("lab-assistants", "Lab assistants", GroupType::Fixed),
    ("exam-board", "Examination board", GroupType::Fixed),
    ("beta-testers", "Beta testers", GroupType::Dynamic),
];

/// `GROUP_CLAIMS` is the pool of (claim type, claim value) a group draws from.
const GROUP_CLAIMS: [(&str, &str); 5] = [
    ("permissions", "course:read"),
    ("permissions", "course:grade"),
    ("permissions", "result:list"),
    ("permissions", "submission:review"),
    ("feature", "beta-ui"),
];

/// `Access` holds the role and group rows.
#[derive(Default)]
pub struct Access {
    pub roles: Vec<role::Model>,
    pub role_claims: Vec<role_claim::Model>,
    pub user_roles: Vec<user_role::Model>,
    pub groups: Vec<group::Model>,
    pub group_claims: Vec<group_claim::Model>,
    pub user_groups: Vec<user_group::Model>,
}

/// `generate` creates the system roles with their claims and holders, and the groups with
/// theirs. `users` must hold at least four users; the first is the administrator.
pub fn generate(rng: &mut SeedRng, users: &[user::Model]) -> Access {
    let admin = users.first().map(|u| u.id);
    let mut access = Access::default();
    add_roles(rng, &mut access, users, admin);
    for &(slug, title, kind) in &GROUPS {
        add_group(rng, &mut access, users, (slug, title, kind), admin);
    }
    access
}

/// `add_roles` adds the system roles with their claims, and grants them to the first four
/// users.
fn add_roles(rng: &mut SeedRng, access: &mut Access, users: &[user::Model], admin: Option<Uuid>) {
    for (id, title, description, claims) in ROLES {
        access.roles.push(role::Model {
            id: id.to_owned(),
            title: Some(title.to_owned()),
            description: Some(description.to_owned()),
            builtin: true,
        });
        for claim in claims {
            let stamp = rng.stamp(0..2);
            access.role_claims.push(role_claim(id, claim, stamp, admin));
        }
    }
    for (index, role_id) in ROLE_HOLDERS {
        if let Some(holder) = users.get(index) {
            access
                .user_roles
                .push(user_role(rng, holder.id, role_id, admin));
        }
    }
}

/// `role_claim` is one permission claim of a system role.
fn role_claim(role_id: &str, value: &str, stamp: Stamp, admin: Option<Uuid>) -> role_claim::Model {
    role_claim::Model {
        role_id: role_id.to_owned(),
        claim_type: "permissions".to_owned(),
        claim_value: value.to_owned(),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: admin,
        updated_by: admin,
        properties: None,
    }
}

/// `user_role` grants a system role to a user, permanently (not transient).
fn user_role(
    rng: &mut SeedRng,
    user_id: Uuid,
    role_id: &str,
    admin: Option<Uuid>,
) -> user_role::Model {
    let stamp = rng.stamp(0..30);
    user_role::Model {
        user_id,
        role_id: role_id.to_owned(),
        transient: Some(false),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: admin,
        updated_by: admin,
    }
}

/// `add_group` adds one group with its claims and members.
fn add_group(
    rng: &mut SeedRng,
    access: &mut Access,
    users: &[user::Model],
    (slug, title, kind): (&str, &str, GroupType),
    admin: Option<Uuid>,
) {
    let stamp = rng.stamp(0..30);
    let group_id = rng.uuid();
    access.groups.push(group::Model {
        id: group_id,
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: admin,
        updated_by: admin,
        properties: None,
        title: Some(title.to_owned()),
        description: Some(rng.sentence(5..10)),
        slug: slug.to_owned(),
        group_type: Some(kind),
    });
    access
        .group_claims
        .extend(group_claims(rng, group_id, admin));
    access
        .user_groups
        .extend(group_members(rng, users, group_id, kind, admin));
}

/// `group_claims` draws 1–3 distinct claims: without replacement, so the (group, type,
/// value) primary key stays unique.
fn group_claims(rng: &mut SeedRng, group_id: Uuid, admin: Option<Uuid>) -> Vec<group_claim::Model> {
    let count = rng.range(1..4);
    let mut claims = Vec::with_capacity(count);
    for claim in rng.sample(GROUP_CLAIMS.len(), count) {
        let (claim_type, claim_value) = GROUP_CLAIMS[claim];
        let stamp = rng.stamp(30..40);
        claims.push(group_claim::Model {
            group_id,
            claim_type: claim_type.to_owned(),
            claim_value: claim_value.to_owned(),
            version: Some(0),
            created_at: stamp.created_at,
            updated_at: stamp.updated_at,
            created_by: admin,
            updated_by: admin,
            properties: None,
        });
    }
    claims
}

/// `group_members` draws 3–8 distinct users, so (user, group) stays unique.
fn group_members(
    rng: &mut SeedRng,
    users: &[user::Model],
    group_id: Uuid,
    kind: GroupType,
    admin: Option<Uuid>,
) -> Vec<user_group::Model> {
    let count = rng.range(3..9);
    let mut members = Vec::with_capacity(count);
    for member in rng.sample(users.len(), count) {
        let stamp = rng.stamp(30..90);
        members.push(user_group::Model {
            user_id: users[member].id,
            group_id,
            // Dynamic groups are recomputed from rules, so their memberships are transient.
            transient: Some(kind == GroupType::Dynamic),
            version: Some(0),
            created_at: stamp.created_at,
            updated_at: stamp.updated_at,
            created_by: admin,
            updated_by: admin,
        });
    }
    members
}
