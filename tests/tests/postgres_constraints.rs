//! Every kind of CHECK and foreign key the migrations create rejects a bad row, and names
//! itself in the error: the constraints exist and mean what the reference says.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tests::{PgDatabase, cli};

const U1: &str = "00000000-0000-4000-8000-000000000001";
const ORG: &str = "00000000-0000-4000-8000-000000000010";
const FAMILY: &str = "00000000-0000-4000-8000-000000000020";
const COURSE_A: &str = "00000000-0000-4000-8000-000000000030";
const COURSE_B: &str = "00000000-0000-4000-8000-000000000031";
const GROUP_A: &str = "00000000-0000-4000-8000-000000000040";
const TYPE_A: &str = "00000000-0000-4000-8000-000000000050";

async fn exec(db: &DatabaseConnection, sql: &str) -> Result<(), String> {
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .map(|_| ())
    .map_err(|e| e.to_string())
}

async fn setup(db: &DatabaseConnection) {
    let rows = [
        format!("insert into \"user\"(id, given_name) values ('{U1}', 'Ada')"),
        format!("insert into organization(id, organization_type, title, path) values ('{ORG}', 'organization', 'Uni', 'university')"),
        format!("insert into course_family(id, path, organization_id) values ('{FAMILY}', 'university.f', '{ORG}')"),
        format!("insert into course(id, path, course_family_id, organization_id) values ('{COURSE_A}', 'university.f.a', '{FAMILY}', '{ORG}')"),
        format!("insert into course(id, path, course_family_id, organization_id) values ('{COURSE_B}', 'university.f.b', '{FAMILY}', '{ORG}')"),
        "insert into course_role(id, builtin) values ('_student', true)".to_owned(),
        "insert into role(id, builtin) values ('_admin', true)".to_owned(),
        format!("insert into user_role(user_id, role_id) values ('{U1}', '_admin')"),
        format!("insert into course_group(id, course_id) values ('{GROUP_A}', '{COURSE_A}')"),
        "insert into course_content_kind(id, has_ascendants, has_descendants, submittable) values ('assignment', false, true, true)".to_owned(),
        format!("insert into course_content_type(id, slug, course_content_kind_id, course_id) values ('{TYPE_A}', 'hw', 'assignment', '{COURSE_A}')"),
        format!("insert into account(provider, type, provider_account_id, user_id) values ('gitlab', 'oauth', 'a1', '{U1}')"),
    ];
    for row in rows {
        exec(db, &row)
            .await
            .unwrap_or_else(|e| panic!("setup row {row}: {e}"));
    }
}

/// `(constraint, statement)`: the statement breaks exactly that constraint.
fn bad_rows() -> Vec<(&'static str, String)> {
    vec![
        (
            "ck_user_token_expiration",
            "insert into \"user\"(user_type) values ('token')".into(),
        ),
        (
            "organization_check",
            "insert into organization(organization_type, path) values ('organization', 'x')".into(),
        ),
        (
            "organization_check1",
            format!(
                "insert into organization(organization_type, title, user_id, path) values ('organization', 'T', '{U1}', 'y')"
            ),
        ),
        (
            "role_check",
            "insert into role(id, builtin) values ('admin', true)".into(),
        ),
        (
            "role_check1",
            "insert into role(id, builtin) values ('_Bad', true)".into(),
        ),
        (
            "course_role_check",
            "insert into course_role(id, builtin) values ('tutor', true)".into(),
        ),
        (
            "course_role_check1",
            "insert into course_role(id, builtin) values ('Not_a_slug', false)".into(),
        ),
        (
            "group_slug_check",
            "insert into \"group\"(slug) values ('Not A Slug')".into(),
        ),
        (
            "execution_backend_slug_check",
            "insert into execution_backend(type, slug) values ('python', 'bad slug!')".into(),
        ),
        (
            "course_content_type_slug_check",
            format!(
                "insert into course_content_type(slug, course_content_kind_id, course_id) values ('bad slug', 'assignment', '{COURSE_A}')"
            ),
        ),
        (
            "course_member_check",
            format!(
                "insert into course_member(user_id, course_id, course_role_id) values ('{U1}', '{COURSE_A}', '_student')"
            ),
        ),
        // Foreign keys: simple, self-referencing, composite, and a RESTRICT on delete.
        (
            "account_user_id_fkey",
            format!(
                "insert into account(provider, type, provider_account_id, user_id) values ('p', 't', 'x', '{ORG}')"
            ),
        ),
        (
            "user_created_by_fkey",
            format!("insert into \"user\"(created_by) values ('{ORG}')"),
        ),
        (
            "course_member_course_id_course_group_id_fkey",
            format!(
                "insert into course_member(user_id, course_id, course_group_id, course_role_id) values ('{U1}', '{COURSE_B}', '{GROUP_A}', '_student')"
            ),
        ),
        (
            "course_content_course_id_course_content_type_id_fkey",
            format!(
                "insert into course_content(path, course_id, course_content_type_id, version_identifier, position, max_group_size) values ('university.f.b.x', '{COURSE_B}', '{TYPE_A}', 'v1', 1, 1)"
            ),
        ),
        (
            "user_role_role_id_fkey",
            "delete from role where id = '_admin'".into(),
        ),
        // Uniqueness: a UNIQUE constraint and a unique index.
        (
            "user_email_key",
            "insert into \"user\"(email) values ('a@x.org'), ('a@x.org')".into(),
        ),
        (
            "account_provider_type_provider_account_id_key",
            format!(
                "insert into account(provider, type, provider_account_id, user_id) values ('gitlab', 'oauth', 'a1', '{U1}')"
            ),
        ),
    ]
}

#[tokio::test]
async fn every_kind_of_constraint_rejects_a_bad_row() {
    let db = PgDatabase::create("constraints").await;
    cli(&db.url(), &["up"]).await.expect("up");
    let conn = db.connect().await;
    setup(&conn).await;
    for (constraint, statement) in bad_rows() {
        match exec(&conn, &statement).await {
            Ok(()) => panic!("{constraint}: the bad row was accepted: {statement}"),
            Err(e) => assert!(
                e.contains(&format!("\"{constraint}\"")),
                "{constraint}: wrong error {e}"
            ),
        }
    }
}

#[tokio::test]
async fn the_generated_parent_path_follows_path() {
    let db = PgDatabase::create("generated").await;
    cli(&db.url(), &["up"]).await.expect("up");
    let conn = db.connect().await;
    setup(&conn).await;
    exec(&conn, "insert into organization(organization_type, title, path) values ('organization', 'CS', 'university.cs')")
        .await
        .expect("department");
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "select string_agg(coalesce(parent_path::text, '-'), ',' order by path) as p from organization",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "p").unwrap(), "-,university");
    let write = exec(
        &conn,
        "update organization set parent_path = 'x' where path = 'university'",
    )
    .await;
    assert!(
        write.is_err_and(|e| e.contains("parent_path")),
        "a generated column cannot be written"
    );
}
