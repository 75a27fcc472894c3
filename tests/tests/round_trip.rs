//! Every table with an `ltree` or `inet` column, written and read back through the entities
//! (ActiveModel insert, `find`), on PostgreSQL and on SQLite, both migrated by the migration
//! crate's `Migrator`. The values read back are the values written; on SQLite the stored
//! values are text.

use entity::auth::{session, user};
use entity::course::{
    course, course_content, course_content_kind, course_content_type, course_family,
};
use entity::organization::organization::{self, OrganizationType};
use migration::{Migrator, MigratorTrait};
use sea_orm::prelude::{DateTimeWithTimeZone, Uuid};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DbBackend, EntityTrait, IntoActiveModel, QueryFilter, Statement,
};
use tests::{PgDatabase, SqliteFile};

fn at(seconds: i64) -> DateTimeWithTimeZone {
    chrono::DateTime::from_timestamp(1_700_000_000 + seconds, 123_000)
        .unwrap()
        .fixed_offset()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// `Written` is what was inserted, to be compared with what is read back.
struct Written {
    organizations: Vec<organization::Model>,
    family: course_family::Model,
    course: course::Model,
    content: course_content::Model,
    session: session::Model,
}

/// `write` inserts one row of each table with such a column (and the rows they reference),
/// every column set, through the entities.
async fn write(db: &DatabaseConnection) -> Written {
    let backend = db.get_database_backend();
    let user = user::Model {
        number: Some("n-1".into()),
        id: id(1),
        version: Some(0),
        created_at: at(0),
        updated_at: at(1),
        created_by: None,
        updated_by: None,
        properties: None,
        archived_at: None,
        given_name: Some("Ada".into()),
        family_name: Some("Lovelace".into()),
        email: Some("ada@example.org".into()),
        user_type: user::UserType::User,
        fs_number: 1,
        token_expiration: None,
        username: Some("ada".into()),
        password: None,
        auth_token: None,
    };
    user.into_active_model().insert(db).await.expect("user");

    let organization = |n: u128, path: &str, parent: Option<&str>| organization::Model {
        id: id(n),
        version: Some(3),
        created_at: at(2),
        updated_at: at(3),
        created_by: Some(id(1)),
        updated_by: None,
        properties: Some(serde_json::json!({ "n": n as u64 })),
        number: Some(format!("o-{n}")),
        title: Some(format!("Organization {n}")),
        description: None,
        archived_at: None,
        email: None,
        telephone: None,
        fax_number: None,
        url: None,
        postal_code: None,
        street_address: None,
        locality: Some("Graz".into()),
        region: None,
        country: None,
        organization_type: OrganizationType::Organization,
        user_id: None,
        path: path.into(),
        parent_path: parent.map(Into::into),
    };
    let organizations = vec![
        organization(10, "university", None),
        organization(11, "university.computer_science", Some("university")),
    ];
    for o in &organizations {
        let mut active = o.clone().into_active_model();
        if backend == DbBackend::Postgres {
            // Generated from `path` by PostgreSQL; SQLite has a plain column.
            active.parent_path = NotSet;
        }
        let inserted = active.insert(db).await.expect("organization");
        assert_eq!(&inserted, o, "the insert's RETURNING");
    }

    let family = course_family::Model {
        id: id(20),
        version: Some(0),
        created_at: at(4),
        updated_at: at(5),
        created_by: None,
        updated_by: None,
        properties: None,
        title: Some("Programming".into()),
        description: None,
        path: "programming".into(),
        organization_id: id(11),
    };
    family
        .clone()
        .into_active_model()
        .insert(db)
        .await
        .expect("course_family");

    let course = course::Model {
        id: id(30),
        version: Some(0),
        created_at: at(6),
        updated_at: at(7),
        created_by: None,
        updated_by: None,
        properties: None,
        title: Some("Programming 1".into()),
        description: None,
        path: "programming.prog1_2025".into(),
        course_family_id: id(20),
        organization_id: id(11),
        version_identifier: Some("v1".into()),
    };
    course
        .clone()
        .into_active_model()
        .insert(db)
        .await
        .expect("course");

    course_content_kind::Model {
        id: "assignment".into(),
        title: Some("Assignment".into()),
        description: None,
        has_ascendants: true,
        has_descendants: false,
        submittable: true,
    }
    .into_active_model()
    .insert(db)
    .await
    .expect("course_content_kind");
    course_content_type::Model {
        id: id(40),
        version: Some(0),
        created_at: at(8),
        updated_at: at(9),
        created_by: None,
        updated_by: None,
        properties: None,
        title: None,
        description: None,
        slug: "homework".into(),
        course_content_kind_id: "assignment".into(),
        course_id: id(30),
        color: None,
    }
    .into_active_model()
    .insert(db)
    .await
    .expect("course_content_type");

    let content = course_content::Model {
        id: id(50),
        version: Some(0),
        created_at: at(10),
        updated_at: at(11),
        created_by: None,
        updated_by: None,
        properties: None,
        archived_at: None,
        title: Some("Week 1".into()),
        description: None,
        path: "week_1.hello_world".into(),
        course_id: id(30),
        course_content_type_id: id(40),
        version_identifier: "v1".into(),
        position: 1.5,
        max_group_size: 1,
        max_test_runs: Some(5),
        max_submissions: None,
        execution_backend_id: None,
    };
    content
        .clone()
        .into_active_model()
        .insert(db)
        .await
        .expect("course_content");

    let session = session::Model {
        id: id(60),
        version: Some(0),
        created_at: at(12),
        updated_at: at(13),
        created_by: None,
        updated_by: None,
        properties: None,
        user_id: id(1),
        session_id: "s-1".into(),
        logout_time: None,
        ip_address: "10.12.0.7".into(),
    };
    session
        .clone()
        .into_active_model()
        .insert(db)
        .await
        .expect("session");

    Written {
        organizations,
        family,
        course,
        content,
        session,
    }
}

/// `read_back` finds every written row by key and by its `ltree`/`inet` value, and compares.
async fn read_back(db: &DatabaseConnection, written: &Written) {
    let mut organizations = organization::Entity::find().all(db).await.unwrap();
    organizations.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(organizations, written.organizations);
    let by_path = organization::Entity::find()
        .filter(organization::Column::Path.eq("university.computer_science"))
        .one(db)
        .await
        .unwrap();
    assert_eq!(
        by_path.as_ref(),
        written.organizations.get(1),
        "filter on path"
    );

    assert_eq!(only::<course_family::Entity>(db).await, written.family);
    assert_eq!(only::<course::Entity>(db).await, written.course);
    assert_eq!(only::<course_content::Entity>(db).await, written.content);
    assert_eq!(only::<session::Entity>(db).await, written.session);

    let by_ip = session::Entity::find()
        .filter(session::Column::IpAddress.eq("10.12.0.7"))
        .one(db)
        .await
        .unwrap();
    assert_eq!(
        by_ip.as_ref(),
        Some(&written.session),
        "filter on ip_address"
    );
}

/// `only` is the one row of `E`'s table.
async fn only<E: EntityTrait>(db: &DatabaseConnection) -> E::Model {
    let mut all = E::find().all(db).await.unwrap();
    assert_eq!(all.len(), 1);
    all.remove(0)
}

/// `stored` is `(typeof(column), column)` of every row of `table` on SQLite, by `column`.
async fn stored(db: &DatabaseConnection, table: &str, column: &str) -> Vec<(String, String)> {
    let sql = format!(
        r#"SELECT typeof("{column}") AS t, "{column}" AS v FROM "{table}" WHERE "{column}" IS NOT NULL ORDER BY "{column}""#
    );
    db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            let t: String = row.try_get("", "t").unwrap();
            let v: String = row
                .try_get("", "v")
                .unwrap_or_else(|e| panic!("{table}.{column}: {t}: {e:?}"));
            (t, v)
        })
        .collect()
}

#[tokio::test]
async fn ltree_and_inet_round_trip_on_postgres() {
    let pg = PgDatabase::create("round_trip").await;
    let db = pg.connect().await;
    Migrator::up(&db, None).await.expect("up");
    let written = write(&db).await;
    read_back(&db, &written).await;
    // PostgreSQL derived `parent_path` itself, and holds real `ltree`/`inet` values.
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_typeof(path)::text AS p, pg_typeof(ip_address)::text AS i \
             FROM organization, session WHERE organization.path = 'university'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "p").unwrap(), "ltree");
    assert_eq!(row.try_get::<String>("", "i").unwrap(), "inet");
}

#[tokio::test]
async fn ltree_and_inet_round_trip_on_sqlite() {
    let file = SqliteFile::new("round_trip");
    let db = sea_orm::Database::connect(file.url()).await.unwrap();
    Migrator::up(&db, None).await.expect("up");
    let written = write(&db).await;
    let text = |values: &[&str]| -> Vec<(String, String)> {
        values
            .iter()
            .map(|v| ("text".to_owned(), v.to_string()))
            .collect()
    };
    assert_eq!(
        stored(&db, "organization", "path").await,
        text(&["university", "university.computer_science"])
    );
    assert_eq!(
        stored(&db, "organization", "parent_path").await,
        text(&["university"])
    );
    assert_eq!(
        stored(&db, "course_family", "path").await,
        text(&["programming"])
    );
    assert_eq!(
        stored(&db, "course", "path").await,
        text(&["programming.prog1_2025"])
    );
    assert_eq!(
        stored(&db, "course_content", "path").await,
        text(&["week_1.hello_world"])
    );
    assert_eq!(
        stored(&db, "session", "ip_address").await,
        text(&["10.12.0.7"])
    );
    read_back(&db, &written).await;
}
