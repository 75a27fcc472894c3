//! The text types of `schema_ddl` on a ctutor entity: the cast SeaORM writes per backend.

#[test]
fn the_cast_is_on_postgres_only() {
    use entity::auth::session;
    use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryTrait};

    let find = |backend| {
        session::Entity::find()
            .filter(session::Column::IpAddress.eq("10.12.0.7"))
            .build(backend)
            .to_string()
    };
    let pg = find(DbBackend::Postgres);
    assert!(
        pg.contains(r#"CAST("session"."ip_address" AS "text")"#),
        "{pg}"
    );
    assert!(pg.contains(r#"CAST('10.12.0.7' AS "inet")"#), "{pg}");
    let sqlite = find(DbBackend::Sqlite);
    assert!(!sqlite.contains("CAST"), "{sqlite}");
    assert!(
        sqlite.contains(r#""session"."ip_address" = ('10.12.0.7')"#),
        "{sqlite}"
    );
}
