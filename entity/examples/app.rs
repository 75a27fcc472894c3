//! How an application uses the entity crate: connect, load a user with their course
//! memberships, each course and its organization, and list an organization's
//! sub-organizations with an ltree query.
//!
//! ```sh
//! cargo run -p cli -- up && cargo run -p cli -- seed      # the embedded SQLite database
//! cargo run -p entity --example app                      # or DATABASE_URL=postgres://… first
//! ```

use entity::auth::user;
use entity::course::{course, course_member};
use entity::organization::organization;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Database, DatabaseConnection, DbBackend, DbErr, EntityTrait, LoaderTrait,
    ModelTrait, QueryFilter, QueryOrder,
};

/// `Membership` is one course of a user, with the course's organization and the user's role.
#[derive(Debug)]
pub struct Membership {
    pub role: String,
    pub course: course::Model,
    pub organization: Option<organization::Model>,
}

/// `user_with_courses` loads the user `username` and their memberships in three queries:
/// the user, the memberships joined with their courses, and the courses' organizations.
pub async fn user_with_courses(
    db: &DatabaseConnection,
    username: &str,
) -> Result<Option<(user::Model, Vec<Membership>)>, DbErr> {
    let Some(user) = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let rows = user
        .find_related(course_member::Entity)
        .find_also_related(course::Entity)
        .all(db)
        .await?;
    let courses: Vec<course::Model> = rows.iter().filter_map(|(_, c)| c.clone()).collect();
    let organizations = courses.load_one(organization::Entity, db).await?;
    let memberships = rows
        .into_iter()
        .filter_map(|(member, course)| course.map(|c| (member, c)))
        .zip(organizations)
        .map(|((member, course), organization)| Membership {
            role: member.course_role_id,
            course,
            organization,
        })
        .collect();
    Ok(Some((user, memberships)))
}

/// `sub_organizations` lists the organizations below `path` in the hierarchy. On PostgreSQL
/// this is the ltree operator `<@` (served by the GiST index on `path`); SQLite and
/// MySQL/MariaDB store paths as text, where a prefix match means the same.
pub async fn sub_organizations(
    db: &DatabaseConnection,
    path: &str,
) -> Result<Vec<organization::Model>, DbErr> {
    let below = match db.get_database_backend() {
        DbBackend::Postgres => Expr::cust_with_values(
            r#""organization"."path" <@ CAST($1 AS ltree) AND "organization"."path" <> CAST($1 AS ltree)"#,
            [path],
        ),
        _ => organization::Column::Path.like(format!("{path}.%")),
    };
    organization::Entity::find()
        .filter(below)
        .order_by_asc(organization::Column::Path)
        .all(db)
        .await
}

#[tokio::main]
async fn main() -> Result<(), DbErr> {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://ctutor.sqlite".into());
    let db = Database::connect(&url).await?;
    let Some(first) = user::Entity::find()
        .filter(user::Column::Username.is_not_null())
        .order_by_asc(user::Column::Username)
        .one(&db)
        .await?
    else {
        println!("no users yet: run `cargo run -p cli -- seed` first");
        return Ok(());
    };
    let username = first.username.unwrap_or_default();
    if let Some((user, memberships)) = user_with_courses(&db, &username).await? {
        println!(
            "{} {} ({username})",
            user.given_name.unwrap_or_default(),
            user.family_name.unwrap_or_default()
        );
        for m in memberships {
            let org = m.organization.and_then(|o| o.title).unwrap_or_default();
            println!(
                "  {:<10} {} — {org}",
                m.role,
                m.course.title.unwrap_or_default()
            );
        }
    }
    for org in sub_organizations(&db, "university").await? {
        println!("{:<40} {}", org.path, org.title.unwrap_or_default());
    }
    Ok(())
}
