//! The MariaDB axis of `scenario_apply`: the same compiled migration applied to a MariaDB
//! database holding the starting schema as MySQL/MariaDB holds it (`Mysql::hold`, created
//! with the statements a migration's builder calls run there): after `up` it is in sync with
//! the desired schema as MySQL/MariaDB holds it, after `down` it is the starting one again.
//!
//! A scenario whose plan on MariaDB (as `generate` against it finds it) holds a change the
//! migrations do not make there (`Mysql::cannot`, each with its reason) must still apply
//! without error, but only prints what it leaves undone, with the reason; `generate`
//! against MySQL/MariaDB refuses such a plan.

use ctutor_cli::backend::{Canonicalize, Capabilities, Mysql};
use ctutor_cli::diff::{Renames, create_all, diff};
use ctutor_cli::introspect::introspect_mysql;
use ctutor_cli::model::Schema;
use ctutor_cli::plan::Plan;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use sea_orm_migration::{MigrationTrait, SchemaManager};

use super::catalog::Scenario;
use super::{Step, describe, step_on};

/// `check_on_mariadb` applies `migration` on MariaDB, or says why it does not.
pub async fn check_on_mariadb(
    scenario: &'static Scenario,
    migration: &dyn MigrationTrait,
    start: &Schema,
    desired: &Schema,
) {
    let name = scenario.name;
    let maria = tests::MariaDb::create(&name[..name.len().min(30)]).await;
    let conn = migration_connection(&maria.url()).await;
    let refuses = MARIADB_REFUSES.iter().find(|(n, _, _)| *n == name);
    let schemas = async {
        for change in Plan::new(create_all(&Mysql.hold(start).schema)).up {
            if Mysql.cannot(&change).is_some() {
                continue;
            }
            for statement in ctutor_cli::sql::mysql::statements(&change) {
                conn.execute_unprepared(&statement)
                    .await
                    .map_err(|e| format!("the start: {e}"))?;
            }
        }
        let wanted = Mysql
            .canonical_desired(&conn, &Mysql.hold(desired).schema)
            .await
            .map_err(|e| format!("the desired schema: {e}"))?;
        Ok::<_, String>((read(&conn).await, wanted))
    };
    let (start_held, wanted) = match (schemas.await, refuses) {
        (Ok(schemas), None) => schemas,
        (Err(e), None) => panic!("{name}: MariaDB refuses {e}"),
        (Err(e), Some((_, error, why))) => {
            assert!(e.contains(error), "{name}: {e}");
            eprintln!("{name}: refused by MariaDB, as it must be: {why}");
            conn.close().await.expect("close");
            return;
        }
        (Ok(_), Some((_, _, why))) => panic!("{name}: MariaDB was to refuse it: {why}"),
    };
    // What `generate` against this database would plan, in the entities' terms: a change
    // the migrations do not make there leaves the database short of the desired schema.
    let found = diff(&start_held, &wanted, &(scenario.renames)()).changes;
    let plan = Mysql.authored(found, desired, &start_held);
    // An enum label change is refused there (found against MySQL/MariaDB it is a change of
    // ENUM columns only), but the file, generated against PostgreSQL, makes it.
    let not_made = plan
        .iter()
        .filter(|c| !is_enum_relabel(c))
        .find_map(|c| Mysql.cannot(c).map(|why| format!("{c}: {why}")));
    for step in [Step::Up, Step::Down] {
        step_on(migration, &SchemaManager::new(&conn), step)
            .await
            .unwrap_or_else(|e| panic!("{name}: MariaDB {step:?} fails: {e}"));
        let (target, renames) = match step {
            Step::Up => (&wanted, (scenario.renames)()),
            Step::Down => (&start_held, Renames::default()),
        };
        assert_catalog_checks(&conn, name, step).await;
        let left = diff(&read(&conn).await, target, &renames);
        if let Some(why) = &not_made {
            eprintln!("{name}: on MariaDB after {step:?}, not made there: {why}");
            continue;
        }
        if matches!(step, Step::Down) && !scenario.down_keeps.is_empty() {
            // What `down()` cannot restore on PostgreSQL (an enum label) stays on the ENUM
            // columns too: only those may differ.
            assert!(
                left.changes
                    .iter()
                    .all(|c| matches!(c, ctutor_cli::diff::Change::AlterColumn { .. })),
                "{name}: on MariaDB after Down, still:\n{}",
                describe(&left)
            );
            continue;
        }
        assert!(
            left.is_empty(),
            "{name}: on MariaDB after {step:?}, still:\n{}",
            describe(&left)
        );
    }
    conn.close().await.expect("close");
}

/// `MARIADB_REFUSES` are the scenarios whose schema MariaDB itself refuses, with the
/// server's error and why: MySQL/MariaDB keys a TEXT column only by a prefix length, which
/// a primary key or foreign key cannot have, and no key may exceed 3072 bytes (a utf8mb4
/// character counts 4). The entities must declare a `string_len` short enough there.
const MARIADB_REFUSES: &[(&str, &str, &str)] = &[
    (
        "foreign_key_composite_with_actions",
        "1170",
        "a primary key over text columns",
    ),
    (
        "primary_key_change",
        "1170",
        "a primary key over a text column",
    ),
    (
        "referenced_key_type_change",
        "1170",
        "a primary key over a text column",
    ),
    (
        "rename_column_keeps_rows",
        "1071",
        "a unique key over a varchar(1000), 4000 bytes in utf8mb4",
    ),
];

/// `CATALOG_CHECKS` are the portable CHECKs (`portable_check`) the server's own catalog must
/// hold after `up` and after `down` of a scenario: the CHECKs in PostgreSQL SQL never.
const CATALOG_CHECKS: &[(&str, &[&str], &[&str])] = &[(
    "check_constraints",
    &["product_id_check"],
    &["product_legacy_check"],
)];

/// `assert_catalog_checks` compares the CHECKs in `information_schema.CHECK_CONSTRAINTS`
/// (MariaDB's own JSON checks aside) with `CATALOG_CHECKS`.
async fn assert_catalog_checks(conn: &DatabaseConnection, name: &str, step: Step) {
    let Some((_, after_up, after_down)) = CATALOG_CHECKS.iter().find(|(n, _, _)| *n == name) else {
        return;
    };
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT CONSTRAINT_NAME AS name FROM information_schema.CHECK_CONSTRAINTS \
             WHERE CONSTRAINT_SCHEMA = DATABASE() AND CHECK_CLAUSE NOT LIKE 'json_valid(%' \
             ORDER BY CONSTRAINT_NAME",
        ))
        .await
        .expect("read CHECK_CONSTRAINTS");
    let found: Vec<String> = rows
        .iter()
        .map(|r| r.try_get("", "name").expect("name"))
        .collect();
    let expected = match step {
        Step::Up => after_up,
        Step::Down => after_down,
    };
    assert_eq!(found, *expected, "{name}: CHECKs on MariaDB after {step:?}");
}

/// `is_enum_relabel` is an ENUM column getting other labels.
fn is_enum_relabel(change: &ctutor_cli::diff::Change) -> bool {
    use ctutor_cli::model::SqlType;
    let ctutor_cli::diff::Change::AlterColumn { from, to, .. } = change else {
        return false;
    };
    matches!(&from.ty, SqlType::Named(t) if t.starts_with("enum("))
        && matches!(to.ty, SqlType::Enum(_))
}

/// `read` is the connected MariaDB database, read by the engine.
async fn read(conn: &DatabaseConnection) -> Schema {
    introspect_mysql(conn).await.expect("introspect MariaDB")
}

/// `migration_connection` is one connection in the session mode the runner applies
/// migrations in (strict mode off: a too long VARCHAR becomes a TEXT type).
async fn migration_connection(url: &str) -> DatabaseConnection {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let conn = Database::connect(options)
        .await
        .expect("connect to MariaDB");
    conn.execute_unprepared(
        "SET SESSION sql_mode = REPLACE(REPLACE(@@SESSION.sql_mode, 'STRICT_TRANS_TABLES', ''), 'STRICT_ALL_TABLES', '')",
    )
    .await
    .expect("session mode");
    conn
}
