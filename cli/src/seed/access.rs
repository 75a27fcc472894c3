//! `access`: system roles and user groups, their claims, and who holds them.

use uuid::Uuid;

use super::rng::{SeedRng, Stamp};
use super::row::{Row, audited};

/// `GroupType` is the value of `group.group_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupType {
    Fixed,
    Dynamic,
}

impl GroupType {
    /// `label` is the database enum's label.
    fn label(self) -> &'static str {
        match self {
            GroupType::Fixed => "fixed",
            GroupType::Dynamic => "dynamic",
        }
    }
}

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
    pub roles: Vec<Row>,
    pub role_claims: Vec<Row>,
    pub user_roles: Vec<Row>,
    pub groups: Vec<Row>,
    pub group_claims: Vec<Row>,
    pub user_groups: Vec<Row>,
}

/// `generate` creates the system roles with their claims and holders, and the groups with
/// theirs. `users` must hold at least four users; the first is the administrator.
pub fn generate(rng: &mut SeedRng, users: &[Row]) -> Access {
    let admin = users.first().map(|u| u.key("id"));
    let mut access = Access::default();
    add_roles(rng, &mut access, users, admin);
    for &(slug, title, kind) in &GROUPS {
        add_group(rng, &mut access, users, (slug, title, kind), admin);
    }
    access
}

/// `add_roles` adds the system roles with their claims, and grants them to the first four
/// users.
fn add_roles(rng: &mut SeedRng, access: &mut Access, users: &[Row], admin: Option<Uuid>) {
    for (id, title, description, claims) in ROLES {
        access.roles.push(
            Row::new()
                .with("id", id)
                .with("title", title)
                .with("description", description)
                .with("builtin", true),
        );
        for claim in claims {
            let stamp = rng.stamp(0..2);
            access.role_claims.push(role_claim(id, claim, stamp, admin));
        }
    }
    for (index, role_id) in ROLE_HOLDERS {
        if let Some(holder) = users.get(index) {
            access
                .user_roles
                .push(user_role(rng, holder.key("id"), role_id, admin));
        }
    }
}

/// `role_claim` is one permission claim of a system role.
fn role_claim(role_id: &str, value: &str, stamp: Stamp, admin: Option<Uuid>) -> Row {
    audited(stamp, admin)
        .with("role_id", role_id)
        .with("claim_type", "permissions")
        .with("claim_value", value)
}

/// `user_role` grants a system role to a user, permanently (not transient).
fn user_role(rng: &mut SeedRng, user_id: Uuid, role_id: &str, admin: Option<Uuid>) -> Row {
    let stamp = rng.stamp(0..30);
    audited(stamp, admin)
        .with("user_id", user_id)
        .with("role_id", role_id)
        .with("transient", false)
}

/// `add_group` adds one group with its claims and members.
fn add_group(
    rng: &mut SeedRng,
    access: &mut Access,
    users: &[Row],
    (slug, title, kind): (&str, &str, GroupType),
    admin: Option<Uuid>,
) {
    let stamp = rng.stamp(0..30);
    let group_id = rng.uuid();
    access.groups.push(
        audited(stamp, admin)
            .with("id", group_id)
            .with("title", title)
            .with("description", rng.sentence(5..10))
            .with("slug", slug)
            .with("type", kind.label()),
    );
    access
        .group_claims
        .extend(group_claims(rng, group_id, admin));
    access
        .user_groups
        .extend(group_members(rng, users, group_id, kind, admin));
}

/// `group_claims` draws 1–3 distinct claims: without replacement, so the (group, type,
/// value) primary key stays unique.
fn group_claims(rng: &mut SeedRng, group_id: Uuid, admin: Option<Uuid>) -> Vec<Row> {
    let count = rng.range(1..4);
    let mut claims = Vec::with_capacity(count);
    for claim in rng.sample(GROUP_CLAIMS.len(), count) {
        let (claim_type, claim_value) = GROUP_CLAIMS[claim];
        let stamp = rng.stamp(30..40);
        claims.push(
            audited(stamp, admin)
                .with("group_id", group_id)
                .with("claim_type", claim_type)
                .with("claim_value", claim_value),
        );
    }
    claims
}

/// `group_members` draws 3–8 distinct users, so (user, group) stays unique.
fn group_members(
    rng: &mut SeedRng,
    users: &[Row],
    group_id: Uuid,
    kind: GroupType,
    admin: Option<Uuid>,
) -> Vec<Row> {
    let count = rng.range(3..9);
    let mut members = Vec::with_capacity(count);
    for member in rng.sample(users.len(), count) {
        let stamp = rng.stamp(30..90);
        members.push(
            audited(stamp, admin)
                .with("user_id", users[member].key("id"))
                .with("group_id", group_id)
                // Dynamic groups are recomputed from rules, so their memberships are transient.
                .with("transient", kind == GroupType::Dynamic),
        );
    }
    members
}
