//! `auth`: users and what hangs off a user: account, profile, student profile, sessions.

use fake::Fake;
use fake::faker::internet::en::Username;
use fake::faker::name::en::{FirstName, LastName};
use uuid::Uuid;

use super::rng::{SeedRng, Unique, ascii_lower};
use super::row::{Row, audited};

/// `EMAIL_DOMAIN` is a reserved `.test` domain, so no seeded address can reach anyone.
const EMAIL_DOMAIN: &str = "university.test";

/// `Auth` holds the users and their satellite rows, each list in user order.
pub struct Auth {
    pub users: Vec<Row>,
    pub accounts: Vec<Row>,
    pub profiles: Vec<Row>,
    pub student_profiles: Vec<Row>,
    pub sessions: Vec<Row>,
}

/// `generate` creates `count` users, then one account, profile and student profile per
/// user, and sessions for about half of them.
pub fn generate(rng: &mut SeedRng, count: usize) -> Auth {
    let users = new_users(rng, count);
    let mut nicknames = Unique::default();
    let (mut accounts, mut profiles, mut student_profiles, mut sessions) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (index, user) in users.iter().enumerate() {
        accounts.push(new_account(rng, index, user));
        profiles.push(new_profile(rng, user, &mut nicknames));
        student_profiles.push(new_student_profile(rng, index, user));
        // The administrator has always signed in, so the table is never empty.
        if index == 0 || rng.chance(0.5) {
            for _ in 0..rng.range(1..4) {
                sessions.push(new_session(rng, user));
            }
        }
    }
    Auth {
        users,
        accounts,
        profiles,
        student_profiles,
        sessions,
    }
}

/// `new_users` creates the users; the first one is the system administrator, who created
/// all the others (created_by).
fn new_users(rng: &mut SeedRng, count: usize) -> Vec<Row> {
    let mut usernames = Unique::default();
    let mut emails = Unique::default();
    let mut users: Vec<Row> = Vec::with_capacity(count);
    for index in 0..count {
        let admin = users.first().map(|u| u.key("id"));
        users.push(new_user(rng, index, admin, &mut usernames, &mut emails));
    }
    users
}

/// `new_user` is user number `index`: unique username and e-mail by construction, and the
/// fs_number the database sequence hands out on a fresh PostgreSQL database (1, 2, …).
fn new_user(
    rng: &mut SeedRng,
    index: usize,
    admin: Option<Uuid>,
    usernames: &mut Unique,
    emails: &mut Unique,
) -> Row {
    let given: String = FirstName().fake_with_rng(rng.rng());
    let family: String = LastName().fake_with_rng(rng.rng());
    let (first, last) = (ascii_lower(&given), ascii_lower(&family));
    let initial = first.chars().next().map(String::from).unwrap_or_default();
    let username = usernames.claim(&format!("{initial}{last}"));
    let email = emails.claim(&format!("{first}.{last}"));
    let stamp = rng.stamp(0..30);
    let id = rng.uuid();
    // A few long-gone users are archived, but never the four who hold system roles.
    let archived = index >= 4 && rng.chance(0.04);
    let archived_at = archived.then(|| rng.at(200..300));
    audited(stamp, admin)
        .with("number", format!("{:08}", 11_900_001 + index))
        .with("id", id)
        .with("archived_at", archived_at)
        .with("given_name", given)
        .with("family_name", family)
        .with("email", format!("{email}@{EMAIL_DOMAIN}"))
        .with("user_type", "user")
        .with("fs_number", index as i64 + 1)
        .with("username", username)
        .with("password", password_hash(rng))
}

/// `password_hash` looks like an Argon2id hash but hashes nothing: no seeded user can sign in
/// with a password.
fn password_hash(rng: &mut SeedRng) -> String {
    format!(
        "$argon2id$v=19$m=19456,t=2,p=1${}${}",
        rng.hex(22),
        rng.hex(43)
    )
}

/// `new_account` links the user to the test GitLab; GitLab user ids are unique by index.
fn new_account(rng: &mut SeedRng, index: usize, user: &Row) -> Row {
    let stamp = rng.stamp(30..40);
    let user_id = user.key("id");
    audited(stamp, Some(user_id))
        .with("id", rng.uuid())
        .with(
            "properties",
            serde_json::json!({ "username": user.text("username") }),
        )
        .with("provider", "gitlab.testing.test")
        .with("type", "gitlab")
        .with("provider_account_id", (1000 + index).to_string())
        .with("user_id", user_id)
}

/// `new_profile` draws a nickname; a repeated draw gets a numeric suffix, so nicknames are
/// unique by construction.
fn new_profile(rng: &mut SeedRng, user: &Row, nicknames: &mut Unique) -> Row {
    let drawn: String = Username().fake_with_rng(rng.rng());
    let nickname = nicknames.claim(&drawn);
    let stamp = rng.stamp(30..60);
    let has_url = rng.chance(0.3);
    let user_id = user.key("id");
    audited(stamp, Some(user_id))
        .with("id", rng.uuid())
        .with("avatar_color", rng.range(0..0x0100_0000) as i32)
        .with(
            "url",
            has_url.then(|| format!("https://{nickname}.example.org")),
        )
        .with("nickname", nickname)
        .with("bio", rng.sentence(6..14))
        .with("user_id", user_id)
}

/// `new_student_profile` derives student id and address from the user's index, so both are
/// unique by construction.
fn new_student_profile(rng: &mut SeedRng, index: usize, user: &Row) -> Row {
    let student_id = format!("s{:07}", 2_400_001 + index);
    let stamp = rng.stamp(0..30);
    audited(stamp, user.uuid("created_by"))
        .with("id", rng.uuid())
        .with(
            "student_email",
            format!("{student_id}@students.{EMAIL_DOMAIN}"),
        )
        .with("student_id", student_id)
        .with("user_id", user.key("id"))
}

/// `new_session` is one sign-in from the campus network (`inet` is a plain string here).
fn new_session(rng: &mut SeedRng, user: &Row) -> Row {
    let stamp = rng.stamp(30..200);
    let minutes = rng.range(5..240) as i64;
    let logged_out = rng.chance(0.6);
    let ip_address = format!(
        "10.{}.{}.{}",
        rng.range(0..256),
        rng.range(0..256),
        rng.range(1..255)
    );
    let user_id = user.key("id");
    let logout_time = logged_out.then(|| stamp.created_at + chrono::TimeDelta::minutes(minutes));
    audited(stamp, Some(user_id))
        .with("updated_at", stamp.created_at)
        .with("id", rng.uuid())
        .with("user_id", user_id)
        .with("session_id", rng.hex(64))
        .with("logout_time", logout_time)
        .with("ip_address", ip_address)
}
