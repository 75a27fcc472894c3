//! `wipe`: drop everything the migrations create, for `fresh`.

use sea_orm_migration::sea_orm::sqlx::{self, Connection};
use sea_orm_migration::sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait,
};

/// Every table of the current schema (the tracking table too), then the enum types, sequences
/// and functions that do not belong to an extension. One statement per kind, so that the
/// order between tables (foreign keys) does not matter: `CASCADE` takes the rest.
const POSTGRES_WIPE: &str = r#"
DO $$
DECLARE
    names text;
    f regprocedure;
BEGIN
    SELECT string_agg(format('%I', c.relname), ', ') INTO names
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e');
    IF names IS NOT NULL THEN
        EXECUTE 'DROP TABLE IF EXISTS ' || names || ' CASCADE';
    END IF;
    SELECT string_agg(format('%I', t.typname), ', ') INTO names
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() AND t.typtype = 'e'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e');
    IF names IS NOT NULL THEN
        EXECUTE 'DROP TYPE IF EXISTS ' || names || ' CASCADE';
    END IF;
    SELECT string_agg(format('%I', c.relname), ', ') INTO names
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'S'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e');
    IF names IS NOT NULL THEN
        EXECUTE 'DROP SEQUENCE IF EXISTS ' || names || ' CASCADE';
    END IF;
    FOR f IN SELECT p.oid::regprocedure
               FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = current_schema()
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE 'DROP FUNCTION IF EXISTS ' || f || ' CASCADE';
    END LOOP;
END $$
"#;

/// `wipe` drops every table, enum type, sequence and function of the schema in one
/// transaction (on SQLite: every table). Extensions stay: other schemas may use them.
pub async fn wipe(db: &DatabaseConnection) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    if backend == DbBackend::MySql {
        return wipe_mysql(db).await;
    }
    let txn = db.begin().await?;
    match backend {
        DbBackend::Postgres => {
            txn.execute_unprepared(POSTGRES_WIPE).await?;
        }
        _ => {
            // Foreign keys are checked at commit, when every table is gone.
            txn.execute_unprepared("PRAGMA defer_foreign_keys = ON")
                .await?;
            let rows = txn
                .query_all_raw(Statement::from_string(
                    backend,
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                ))
                .await?;
            for row in rows {
                let name: String = row.try_get("", "name")?;
                txn.execute_unprepared(&format!(
                    "DROP TABLE IF EXISTS \"{}\"",
                    name.replace('"', "\"\"")
                ))
                .await?;
            }
        }
    }
    txn.commit().await
}

/// `wipe_mysql` drops every table (and view) of the current database, on one connection with
/// `foreign_key_checks` off so that their order does not matter. DDL commits implicitly on
/// MySQL/MariaDB: there is no transaction to wrap it in.
async fn wipe_mysql(db: &DatabaseConnection) -> Result<(), DbErr> {
    let failed = |e: sqlx::Error| DbErr::Custom(format!("fresh: {e}"));
    // Detached: the session setting must not reach a pooled connection.
    let mut conn = db
        .get_mysql_connection_pool()
        .acquire()
        .await
        .map_err(failed)?
        .detach();
    let result = async {
        sqlx::raw_sql("SET SESSION foreign_key_checks = 0")
            .execute(&mut conn)
            .await?;
        let objects: Vec<(String, String)> = sqlx::query_as(
            "SELECT CAST(table_name AS CHAR), CAST(table_type AS CHAR) \
             FROM information_schema.tables WHERE table_schema = DATABASE()",
        )
        .fetch_all(&mut conn)
        .await?;
        for (name, kind) in objects {
            let what = if kind == "VIEW" { "VIEW" } else { "TABLE" };
            let sql = format!("DROP {what} IF EXISTS `{}`", name.replace('`', "``"));
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await?;
        }
        Ok::<(), sqlx::Error>(())
    }
    .await;
    let _ = conn.close().await;
    result.map_err(failed)
}
