//! `store`: writes a [`Dataset`] table by table, in foreign-key order, and counts the rows.

use entity::auth::user;
use entity::organization::organization;
use sea_orm::ActiveValue::NotSet;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityName, IntoActiveModel};

use super::access::Access;
use super::activity::Activity;
use super::content::Contents;
use super::course::Courses;
use super::dataset::Dataset;
use super::insert::insert_all;
use super::submission::Submissions;

/// `Counts` is (table name, rows inserted), in insertion order.
type Counts = Vec<(String, u64)>;

/// `store` inserts the dataset and returns the row count of each of the 28 tables.
pub async fn store<C: ConnectionTrait>(db: &C, data: Dataset) -> Result<Counts, DbErr> {
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let mut counts = Counts::new();
    let Dataset {
        auth,
        access,
        catalog,
        organizations,
        courses,
        contents,
        submissions,
        activity,
    } = data;
    counts.push(put(db, auth.users, fs_number_by_database(postgres)).await?);
    counts.push(put(db, auth.accounts, keep).await?);
    counts.push(put(db, auth.profiles, keep).await?);
    counts.push(put(db, auth.student_profiles, keep).await?);
    counts.push(put(db, auth.sessions, keep).await?);
    let tree = organizations.organizations;
    counts.push(put(db, tree, parent_path_by_database(postgres)).await?);
    store_access(db, access, &mut counts).await?;
    counts.push(put(db, catalog.backends, keep).await?);
    counts.push(put(db, catalog.kinds, keep).await?);
    counts.push(put(db, catalog.course_roles, keep).await?);
    counts.push(put(db, organizations.families, keep).await?);
    store_courses(db, courses, contents, &mut counts).await?;
    store_activity(db, submissions, activity, &mut counts).await?;
    Ok(counts)
}

/// `fs_number_by_database` leaves `user.fs_number` to the sequence on PostgreSQL. SQLite has
/// no sequence, so there the generated 1, 2, … (what a fresh sequence hands out) is written.
fn fs_number_by_database(postgres: bool) -> impl Fn(&mut user::ActiveModel) {
    move |row| {
        if postgres {
            row.fs_number = NotSet;
        }
    }
}

/// `parent_path_by_database` leaves `organization.parent_path` out on PostgreSQL, where it is
/// a generated column that rejects written values. SQLite has no generated column, so there
/// the parent's path is written.
fn parent_path_by_database(postgres: bool) -> impl Fn(&mut organization::ActiveModel) {
    move |row| {
        if postgres {
            row.parent_path = NotSet;
        }
    }
}

/// `store_access` writes roles and groups with their claims and holders.
async fn store_access<C: ConnectionTrait>(
    db: &C,
    access: Access,
    counts: &mut Counts,
) -> Result<(), DbErr> {
    counts.push(put(db, access.roles, keep).await?);
    counts.push(put(db, access.role_claims, keep).await?);
    counts.push(put(db, access.user_roles, keep).await?);
    counts.push(put(db, access.groups, keep).await?);
    counts.push(put(db, access.group_claims, keep).await?);
    counts.push(put(db, access.user_groups, keep).await?);
    Ok(())
}

/// `store_courses` writes the courses with their types, backends, groups, contents and
/// members.
async fn store_courses<C: ConnectionTrait>(
    db: &C,
    courses: Courses,
    contents: Contents,
    counts: &mut Counts,
) -> Result<(), DbErr> {
    counts.push(put(db, courses.courses, keep).await?);
    counts.push(put(db, contents.types, keep).await?);
    counts.push(put(db, courses.course_backends, keep).await?);
    counts.push(put(db, courses.groups, keep).await?);
    counts.push(put(db, contents.contents, keep).await?);
    counts.push(put(db, courses.members, keep).await?);
    Ok(())
}

/// `store_activity` writes submissions, comments, results and messages.
async fn store_activity<C: ConnectionTrait>(
    db: &C,
    submissions: Submissions,
    activity: Activity,
    counts: &mut Counts,
) -> Result<(), DbErr> {
    counts.push(put(db, submissions.groups, keep).await?);
    counts.push(put(db, submissions.members, keep).await?);
    counts.push(put(db, activity.comments, keep).await?);
    counts.push(put(db, submissions.results, keep).await?);
    counts.push(put(db, activity.messages, keep).await?);
    counts.push(put(db, activity.reads, keep).await?);
    Ok(())
}

/// `keep` leaves a row as generated.
fn keep<A>(_: &mut A) {}

/// `put` inserts `models` as ActiveModels, each passed through `adjust` first, and returns
/// the table's name with the number of rows inserted.
async fn put<M, A, C>(
    db: &C,
    models: Vec<M>,
    adjust: impl Fn(&mut A),
) -> Result<(String, u64), DbErr>
where
    M: IntoActiveModel<A>,
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let table = A::Entity::default().table_name().to_owned();
    let rows: Vec<A> = (models.into_iter())
        .map(|model| {
            let mut row = model.into_active_model();
            adjust(&mut row);
            row
        })
        .collect();
    let inserted = insert_all(db, rows).await?;
    Ok((table, inserted))
}
