//! Every expected migration of the scenario catalog (`tests/scenarios/<name>.rs`) compiles as
//! part of this test crate and, applied to a database holding the scenario's starting schema
//! and rows, does what it says: after `up` the database is in sync with the desired schema
//! (`check` is clean, a second `generate` finds nothing) and the rows survived; after `down`
//! the catalog is the starting one again. The same compiled file is then applied to a SQLite
//! database holding the starting schema as SQLite holds it (see `Sqlite::hold`): after `up`
//! it is in sync with the desired schema as SQLite holds it, after `down` it is the starting
//! one again, every reference checked. Scenarios whose change SQLite does not hold at all are
//! counted and printed (they still run: the file must do nothing harmful there). Then on
//! MariaDB, the same way (`scenario_apply/mariadb.rs`).

#[path = "../scenarios/catalog.rs"]
mod catalog;

#[path = "scenario_apply/mariadb.rs"]
mod mariadb;

/// `dialect` is the migration crate's helper module, where the generated files look for it
/// (`use crate::dialect::…`).
mod dialect {
    pub use migration::dialect::*;
}

use catalog::{SCENARIOS, Scenario, database_with, desired_schema, public_schema};
use ctutor_cli::diff::{Diff, Renames, diff};
use ctutor_cli::model::Schema;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement, TransactionTrait};
use sea_orm_migration::{MigrationTrait, SchemaManager};
use tests::catalog_lines;

/// `scenarios!` compiles each expected file as a module of this crate and makes a test of it
/// with the same name; attributes (e.g. `#[ignore = "…"]`) go on the test.
macro_rules! scenarios {
    ($($(#[$attr:meta])* $name:ident = $path:literal,)*) => {
        $(
            #[path = $path]
            mod $name;

            $(#[$attr])*
            #[tokio::test]
            async fn $name() {
                check_scenario(catalog::scenario(stringify!($name)), &$name::Migration).await;
            }
        )*

        /// `COMPILED` lists the compiled expected files as (scenario name, path).
        const COMPILED: &[(&str, &str)] = &[$((stringify!($name), $path)),*];
    };
}

scenarios! {
    add_columns = "../scenarios/add_columns.rs",
    add_not_null_column_with_default = "../scenarios/add_not_null_column_with_default.rs",
    check_constraints = "../scenarios/check_constraints.rs",
    column_defaults = "../scenarios/column_defaults.rs",
    comments = "../scenarios/comments.rs",
    create_table = "../scenarios/create_table.rs",
    drop_column = "../scenarios/drop_column.rs",
    drop_foreign_key = "../scenarios/drop_foreign_key.rs",
    drop_table = "../scenarios/drop_table.rs",
    enum_add_value_before = "../scenarios/enum_add_value_before.rs",
    enum_create = "../scenarios/enum_create.rs",
    enum_drop = "../scenarios/enum_drop.rs",
    enum_value_rename = "../scenarios/enum_value_rename.rs",
    extensions = "../scenarios/extensions.rs",
    foreign_key_actions_change = "../scenarios/foreign_key_actions_change.rs",
    foreign_key_composite_with_actions = "../scenarios/foreign_key_composite_with_actions.rs",
    function_return_type_change = "../scenarios/function_return_type_change.rs",
    functions = "../scenarios/functions.rs",
    generated_column = "../scenarios/generated_column.rs",
    gist_instead_of_btree = "../scenarios/gist_instead_of_btree.rs",
    identity_key_added = "../scenarios/identity_key_added.rs",
    identity_key_create = "../scenarios/identity_key_create.rs",
    index_columns_expressions_order = "../scenarios/index_columns_expressions_order.rs",
    index_methods = "../scenarios/index_methods.rs",
    long_names = "../scenarios/long_names.rs",
    nullability = "../scenarios/nullability.rs",
    partial_unique_index = "../scenarios/partial_unique_index.rs",
    primary_key_change = "../scenarios/primary_key_change.rs",
    referenced_key_type_change = "../scenarios/referenced_key_type_change.rs",
    rename_column_in_expressions = "../scenarios/rename_column_in_expressions.rs",
    rename_column_keeps_rows = "../scenarios/rename_column_keeps_rows.rs",
    rename_referenced_table = "../scenarios/rename_referenced_table.rs",
    rename_table_keeps_rows = "../scenarios/rename_table_keeps_rows.rs",
    sequences = "../scenarios/sequences.rs",
    tables_user_and_group = "../scenarios/tables_user_and_group.rs",
    type_change_with_using = "../scenarios/type_change_with_using.rs",
    unique_constraints_and_indexes = "../scenarios/unique_constraints_and_indexes.rs",
    widen_and_narrow_varchar = "../scenarios/widen_and_narrow_varchar.rs",
    widen_referenced_key = "../scenarios/widen_referenced_key.rs",
}

/// `Step` is a direction of a migration.
#[derive(Debug, Clone, Copy)]
enum Step {
    Up,
    Down,
}

/// `run` applies one direction of `migration` the way sea-orm-migration's runner does on
/// PostgreSQL: inside one transaction, unless the migration manages its own.
async fn run(
    migration: &dyn MigrationTrait,
    conn: &DatabaseConnection,
    step: Step,
) -> Result<(), DbErr> {
    if migration.use_transaction() == Some(false) {
        return step_on(migration, &SchemaManager::new(conn), step).await;
    }
    let txn = conn.begin().await?;
    step_on(migration, &SchemaManager::new(&txn), step).await?;
    txn.commit().await
}

/// `step_on` runs one direction of `migration` with `manager`.
async fn step_on(
    migration: &dyn MigrationTrait,
    manager: &SchemaManager<'_>,
    step: Step,
) -> Result<(), DbErr> {
    match step {
        Step::Up => migration.up(manager).await,
        Step::Down => migration.down(manager).await,
    }
}

/// `describe` lists what a diff still finds, one line each.
fn describe(found: &Diff) -> String {
    found
        .changes
        .iter()
        .map(|c| format!("  {c}"))
        .chain(
            found
                .unsupported
                .iter()
                .map(|u| format!("  unsupported: {u}")),
        )
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text_of` runs a query returning one row with a text column `v`.
async fn text_of(conn: &DatabaseConnection, query: &str) -> Option<String> {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), query))
        .await
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .unwrap_or_else(|| panic!("{query}: no row"));
    row.try_get::<Option<String>>("", "v")
        .unwrap_or_else(|e| panic!("{query}: column v: {e}"))
}

/// `without_extensions` leaves out extension lines: the engine never drops an extension (the
/// reverse of a creation keeps it, since the whole database may use it).
fn without_extensions(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .filter(|l| !l.starts_with("extension\t"))
        .collect()
}

/// `expected_after_down` is the starting catalog as `down()` can restore it: the lines the
/// scenario declares `down()` cannot restore are taken as they are left.
fn expected_after_down(start: &[String], scenario: &Scenario) -> Vec<String> {
    let lines = start.iter().map(|l| {
        scenario
            .down_keeps
            .iter()
            .find(|(before, _)| before == l)
            .map_or(l.clone(), |(_, after)| after.to_string())
    });
    without_extensions(lines.collect())
}

/// `check_scenario` applies the compiled migration of `scenario` to a database holding its
/// starting schema and rows, and checks `up`, the rows, and `down`.
async fn check_scenario(scenario: &'static Scenario, migration: &dyn MigrationTrait) {
    let name = scenario.name;
    let (db, conn) = database_with(name, scenario.start).await;
    let start_lines = catalog_lines(&conn).await;
    let start_model = public_schema(&conn).await;
    let desired = desired_schema(scenario).await;

    run(migration, &conn, Step::Up)
        .await
        .unwrap_or_else(|e| panic!("{name}: up fails: {e}"));
    // What `check` and a second `generate` compare: the migrated database and the entities.
    let second = diff(&public_schema(&conn).await, &desired, &(scenario.renames)());
    assert!(
        second.is_empty(),
        "{name}: after up, a second generate still finds:\n{}",
        describe(&second)
    );
    for (query, expected) in scenario.after_up {
        assert_eq!(
            text_of(&conn, query).await.as_deref(),
            Some(*expected),
            "{name}: after up: {query}"
        );
    }

    run(migration, &conn, Step::Down)
        .await
        .unwrap_or_else(|e| panic!("{name}: down fails: {e}"));
    assert_eq!(
        without_extensions(catalog_lines(&conn).await),
        expected_after_down(&start_lines, scenario),
        "{name}: after down, the catalog differs from the starting one"
    );
    // The model also holds what catalog lines leave out (comments, sequence parameters).
    let back = diff(
        &public_schema(&conn).await,
        &start_model,
        &Renames::default(),
    );
    let kept_labels_only = !scenario.down_keeps.is_empty() && back.changes.is_empty();
    assert!(
        back.is_empty() || kept_labels_only,
        "{name}: after down, the schema differs from the starting one:\n{}",
        describe(&back)
    );
    conn.close().await.expect("close the connection");
    drop(db);
    check_on_sqlite(scenario, migration, &start_model, &desired).await;
    mariadb::check_on_mariadb(scenario, migration, &start_model, &desired).await;
}

/// `SQLITE_REFUSES` are the scenarios a migration cannot carry out on SQLite, with why: the
/// file must fail there with its reason, never skip the change (1 of the catalog).
const SQLITE_REFUSES: &[(&str, &str)] = &[(
    "extensions",
    "a NOT NULL column whose default is a PostgreSQL function (uuid_generate_v4()) gets no value for the rows a SQLite table already has",
)];

/// `check_on_sqlite` applies the migration to a SQLite file created from the starting schema
/// as SQLite holds it, the way the runner applies SQLite migrations (foreign key enforcement
/// off, references checked before commit), and checks `up` and `down` there.
async fn check_on_sqlite(
    scenario: &'static Scenario,
    migration: &dyn MigrationTrait,
    start: &Schema,
    desired: &Schema,
) {
    use ctutor_cli::backend::{Canonicalize, Capabilities, Sqlite};
    use ctutor_cli::diff::create_all;
    use ctutor_cli::introspect::introspect_sqlite;
    use ctutor_cli::plan::Plan;
    use ctutor_cli::sql::sqlite::creation_statements;
    let name = scenario.name;
    let file = tests::SqliteFile::new(name);
    let mut options = sea_orm::ConnectOptions::new(file.url());
    options.max_connections(1).sqlx_logging(false);
    let conn = sea_orm::Database::connect(options)
        .await
        .expect("SQLite file");
    conn.execute_unprepared("PRAGMA foreign_keys = OFF")
        .await
        .expect("foreign keys off");
    for change in Plan::new(create_all(&Sqlite.hold(start).schema)).up {
        for statement in creation_statements(&change) {
            conn.execute_unprepared(&statement)
                .await
                .unwrap_or_else(|e| panic!("{name}: SQLite start: {statement}: {e}"));
        }
    }
    // The starting rows, where the scenario's INSERTs are plain enough for SQLite too.
    let mut inserted = 0;
    for statement in scenario.start.split(";\n") {
        let statement = statement.trim();
        if statement.starts_with("INSERT") && conn.execute_unprepared(statement).await.is_ok() {
            inserted += 1;
        }
    }
    let read = async |conn: &DatabaseConnection| introspect_sqlite(conn).await.expect("read").0;
    let start_held = read(&conn).await;
    let rows_before = sqlite_rows(&conn, &start_held).await;
    let wanted = Sqlite
        .canonical_desired(&conn, &Sqlite.hold(desired).schema)
        .await
        .expect("desired as SQLite holds it");
    if diff(&start_held, &wanted, &(scenario.renames)()).is_empty() {
        eprintln!("{name}: SQLite holds nothing of this change: the file must leave it alone");
    }
    if let Some((_, why)) = SQLITE_REFUSES.iter().find(|(n, _)| *n == name) {
        // The file cannot make this change on SQLite with these rows: it must fail, saying
        // so, and leave the database as it was.
        let txn = conn.begin().await.expect("begin");
        let error = step_on(migration, &SchemaManager::new(&txn), Step::Up)
            .await
            .expect_err(why);
        txn.rollback().await.expect("rollback");
        assert!(error.to_string().contains("on SQLite"), "{name}: {error}");
        assert!(diff(&read(&conn).await, &start_held, &Renames::default()).is_empty());
        eprintln!("{name}: refused on SQLite, as it must be: {why}");
        conn.close().await.expect("close");
        return;
    }
    for step in [Step::Up, Step::Down] {
        let txn = conn.begin().await.expect("begin");
        step_on(migration, &SchemaManager::new(&txn), step)
            .await
            .unwrap_or_else(|e| panic!("{name}: SQLite {step:?} fails: {e}"));
        let dangling = txn
            .query_all_raw(Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "PRAGMA foreign_key_check",
            ))
            .await
            .expect("foreign_key_check");
        assert!(
            dangling.is_empty(),
            "{name}: SQLite {step:?} leaves dangling references"
        );
        txn.commit().await.expect("commit");
        let (now, target) = match step {
            Step::Up => (read(&conn).await, &wanted),
            Step::Down => (read(&conn).await, &start_held),
        };
        let renames = match step {
            Step::Up => (scenario.renames)(),
            Step::Down => Renames::default(),
        };
        let left = diff(&now, target, &renames);
        assert!(
            left.is_empty(),
            "{name}: on SQLite after {step:?}, still:\n{}",
            describe(&left)
        );
    }
    if inserted > 0 {
        // A table the edit drops comes back empty: its rows are the data loss the file warns of.
        let kept = |rows: Vec<(String, i64)>| -> Vec<(String, i64)> {
            rows.into_iter()
                .filter(|(t, _)| wanted.table(t).is_some())
                .collect()
        };
        assert_eq!(
            kept(sqlite_rows(&conn, &start_held).await),
            kept(rows_before),
            "{name}: on SQLite, up and down keep every row"
        );
    }
    conn.close().await.expect("close");
}

/// `sqlite_rows` counts the rows of each table of `schema`.
async fn sqlite_rows(conn: &DatabaseConnection, schema: &Schema) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for table in &schema.tables {
        let query = format!(
            "SELECT count(*) AS n FROM {}",
            ctutor_cli::sql::ident(&table.name)
        );
        let row = conn
            .query_one_raw(Statement::from_string(sea_orm::DbBackend::Sqlite, query))
            .await
            .expect("count")
            .expect("a row");
        out.push((table.name.clone(), row.try_get::<i64>("", "n").expect("n")));
    }
    out
}

/// `scenario_files` are the expected files in `tests/scenarios/` (all but the catalog).
fn scenario_files() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/scenarios")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".rs").map(str::to_owned))
        .filter(|n| n != "catalog")
        .collect();
    names.sort();
    names
}

#[test]
fn catalog_files_and_compiled_modules_agree() {
    let mut catalog: Vec<&str> = SCENARIOS.iter().map(|s| s.name).collect();
    catalog.sort();
    let mut compiled: Vec<&str> = COMPILED.iter().map(|(name, _)| *name).collect();
    compiled.sort();
    for (name, path) in COMPILED {
        assert_eq!(*path, format!("../scenarios/{name}.rs"), "module {name}");
    }
    assert_eq!(
        scenario_files(),
        compiled,
        "every file in tests/scenarios/ needs a line in scenarios! {{ … }} and vice versa"
    );
    assert_eq!(
        catalog, compiled,
        "every scenario of the catalog needs its expected file (UPDATE_SCENARIOS=1 writes it)"
    );
}

/// Narrowing a varchar keeps every value or fails: a value that does not fit stops `up`
/// (PostgreSQL's assignment cast) instead of being cut short by an explicit cast.
#[tokio::test]
async fn narrowing_a_varchar_never_cuts_a_value() {
    let scenario = catalog::scenario("widen_and_narrow_varchar");
    let long = "a title far longer than twenty characters";
    let start = format!(
        "{}\nINSERT INTO label VALUES (2, 'CD', '{long}', NULL);",
        scenario.start
    );
    let (db, conn) = database_with("narrowing", &start).await;
    let refused = run(&widen_and_narrow_varchar::Migration, &conn, Step::Up).await;
    assert!(
        refused.is_err_and(|e| e.to_string().contains("value too long")),
        "up must refuse to cut the long title"
    );
    assert_eq!(
        text_of(&conn, "SELECT title AS v FROM label WHERE id = 2")
            .await
            .as_deref(),
        Some(long),
        "the failed up changed nothing"
    );
    conn.close().await.expect("close the connection");
    drop(db);
}

#[test]
fn the_scenarios_sqlite_cannot_carry_out_are_counted() {
    for (name, _) in SQLITE_REFUSES {
        assert!(
            COMPILED.iter().any(|(n, _)| n == name),
            "{name} is not a scenario"
        );
    }
    println!(
        "{} of {} scenarios cannot be carried out on SQLite (their file fails there, saying why): {}",
        SQLITE_REFUSES.len(),
        COMPILED.len(),
        SQLITE_REFUSES
            .iter()
            .map(|(n, why)| format!("{n} ({why})"))
            .collect::<Vec<_>>()
            .join("; ")
    );
}
