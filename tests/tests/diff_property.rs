//! Property: for random schemas A and B, the plan `diff(A, B)` applied to a database holding
//! A gives B, and the plan's reverse gives A back — on PostgreSQL, on SQLite for the part of
//! A and B that SQLite holds (with the table rebuilds a migration makes there), and on
//! MariaDB for the part MySQL/MariaDB holds (`diff_property/mariadb.rs`).
//!
//! Both schemas are first created from the engine's own SQL and read back, so the comparison
//! is between PostgreSQL's canonical forms (A', B'), exactly as `generate` compares. Each case
//! runs in one transaction on one database for the whole run: the schemas `case_a` and
//! `case_b` it creates go away with the rollback.

#[path = "diff_property/mariadb.rs"]
mod mariadb;

use ctutor_cli::diff::{Change, Renames, create_all, diff};
use ctutor_cli::introspect::introspect_postgres;
use ctutor_cli::model::{
    Check, Column, DefaultValue, FkAction, ForeignKey, Index, IndexMethod, IndexPart, PrimaryKey,
    Schema, SqlType, Table, UniqueConstraint, foreign_key_name, primary_key_name, unique_name,
};
use ctutor_cli::plan::Plan;
use ctutor_cli::sql;
use proptest::prelude::*;
use proptest::sample::Index as Pick;
use proptest::test_runner::{Config, TestError, TestRunner};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use tests::PgDatabase;

/// `Ty` is a column type the generator uses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ty {
    Integer,
    BigInt,
    Text,
    Varchar(u32),
    Boolean,
    Uuid,
    TimestampTz,
}

impl Ty {
    fn sql_type(self) -> SqlType {
        match self {
            Ty::Integer => SqlType::Integer,
            Ty::BigInt => SqlType::BigInt,
            Ty::Text => SqlType::Text,
            Ty::Varchar(n) => SqlType::Varchar(Some(n)),
            Ty::Boolean => SqlType::Boolean,
            Ty::Uuid => SqlType::Uuid,
            Ty::TimestampTz => SqlType::TimestampTz,
        }
    }

    /// `default` is a server default that fits the type.
    fn default(self) -> DefaultValue {
        match self {
            Ty::Integer => DefaultValue::Number("42".into()),
            Ty::BigInt => DefaultValue::Number("-7".into()),
            Ty::Text => DefaultValue::Text("it's".into()),
            Ty::Varchar(_) => DefaultValue::Text("abc".into()),
            Ty::Boolean => DefaultValue::Bool(true),
            Ty::Uuid => DefaultValue::Expr("gen_random_uuid()".into()),
            Ty::TimestampTz => DefaultValue::Expr("now()".into()),
        }
    }

    /// `check` is a CHECK expression on column `c` of this type.
    fn check(self, c: &str) -> String {
        match self {
            Ty::Integer | Ty::BigInt => format!("{c} >= 0"),
            Ty::Text | Ty::Varchar(_) => format!("length({c}) > 0"),
            Ty::Boolean => format!("{c} IS NOT NULL"),
            Ty::Uuid => format!("{c} <> '00000000-0000-0000-0000-000000000000'::uuid"),
            Ty::TimestampTz => format!("{c} > '2000-01-01 00:00:00+00'::timestamptz"),
        }
    }
}

/// `TABLES` are the table names a schema picks from (`order` and `user` need quoting), each
/// with the types its primary key `id` may have.
const TABLES: &[(&str, &[Ty])] = &[
    ("account", &[Ty::Integer, Ty::BigInt]),
    ("item", &[Ty::BigInt, Ty::Integer]),
    ("order", &[Ty::Uuid]),
    ("tag", &[Ty::Text, Ty::Varchar(36)]),
    ("user", &[Ty::Integer, Ty::BigInt]),
];

/// `COLUMNS` are the other column names, each with the types it may have. A column that is in
/// both schemas may change type, so each list holds only types PostgreSQL can cast into each
/// other (the engine writes `USING col::type`; it cannot invent a conversion).
const COLUMNS: &[(&str, &[Ty])] = &[
    ("name", &[Ty::Text, Ty::Varchar(20), Ty::Varchar(64)]),
    ("code", &[Ty::Varchar(8), Ty::Text]),
    ("amount", &[Ty::Integer, Ty::BigInt, Ty::Text]),
    ("flag", &[Ty::Boolean, Ty::Integer, Ty::Text]),
    ("token", &[Ty::Uuid, Ty::Text]),
    ("seen_at", &[Ty::TimestampTz, Ty::Text]),
];

/// At most this many columns besides `id` and the foreign key columns.
const MAX_COLUMNS: usize = 5;

/// `ColumnSpec` is the random choice for one entry of `COLUMNS`.
#[derive(Debug, Clone)]
struct ColumnSpec {
    present: bool,
    ty: Pick,
    nullable: bool,
    default: bool,
}

/// `ForeignKeySpec` is a reference to an earlier table's primary key.
#[derive(Debug, Clone)]
struct ForeignKeySpec {
    target: Pick,
    nullable: bool,
    on_delete: Pick,
    on_update: Pick,
}

/// `IndexSpec` is a one-column B-tree index: the column, DESC, partial.
#[derive(Debug, Clone)]
struct IndexSpec {
    column: Pick,
    descending: bool,
    partial: bool,
}

/// `TableSpec` is the random choices for one table.
#[derive(Debug, Clone)]
struct TableSpec {
    id: Pick,
    columns: Vec<ColumnSpec>,
    unique: Option<Pick>,
    index: Option<IndexSpec>,
    check: Option<Pick>,
    foreign_keys: Vec<ForeignKeySpec>,
}

/// `SchemaSpec` is the random choices for one schema: tables by position in `TABLES`.
#[derive(Debug, Clone)]
struct SchemaSpec {
    tables: Vec<(usize, TableSpec)>,
}

fn column_spec() -> impl Strategy<Value = ColumnSpec> {
    (any::<bool>(), any::<Pick>(), any::<bool>(), any::<bool>()).prop_map(
        |(present, ty, nullable, default)| ColumnSpec {
            present,
            ty,
            nullable,
            default,
        },
    )
}

fn foreign_key_spec() -> impl Strategy<Value = ForeignKeySpec> {
    (any::<Pick>(), any::<bool>(), any::<Pick>(), any::<Pick>()).prop_map(
        |(target, nullable, on_delete, on_update)| ForeignKeySpec {
            target,
            nullable,
            on_delete,
            on_update,
        },
    )
}

fn index_spec() -> impl Strategy<Value = IndexSpec> {
    (any::<Pick>(), any::<bool>(), any::<bool>()).prop_map(|(column, descending, partial)| {
        IndexSpec {
            column,
            descending,
            partial,
        }
    })
}

fn table_spec() -> impl Strategy<Value = TableSpec> {
    (
        any::<Pick>(),
        prop::collection::vec(column_spec(), COLUMNS.len()),
        prop::option::of(any::<Pick>()),
        prop::option::of(index_spec()),
        prop::option::of(any::<Pick>()),
        prop::collection::vec(foreign_key_spec(), 0..=2),
    )
        .prop_map(
            |(id, columns, unique, index, check, foreign_keys)| TableSpec {
                id,
                columns,
                unique,
                index,
                check,
                foreign_keys,
            },
        )
}

fn schema_spec() -> impl Strategy<Value = SchemaSpec> {
    let positions: Vec<usize> = (0..TABLES.len()).collect();
    (
        prop::sample::subsequence(positions, 1..=4),
        prop::collection::vec(table_spec(), 4),
    )
        .prop_map(|(chosen, specs)| SchemaSpec {
            tables: chosen.into_iter().zip(specs).collect(),
        })
}

/// `build` turns the random choices into a valid schema: unique names, a primary key on
/// `id`, foreign key columns of the referenced key's type.
fn build(spec: &SchemaSpec) -> Schema {
    let mut tables: Vec<(Table, Ty)> = Vec::new();
    for (position, table_spec) in &spec.tables {
        let (name, id_types) = TABLES[*position];
        let id_ty = *table_spec.id.get(id_types);
        let mut columns: Vec<(Column, Ty)> = vec![(column("id", id_ty, false, false), id_ty)];
        let chosen = COLUMNS
            .iter()
            .zip(&table_spec.columns)
            .filter(|(_, c)| c.present);
        for ((column_name, types), c) in chosen.take(MAX_COLUMNS) {
            let ty = *c.ty.get(types);
            columns.push((column(column_name, ty, c.nullable, c.default), ty));
        }
        let mut foreign_keys = Vec::new();
        for fk in table_spec
            .foreign_keys
            .iter()
            .filter(|_| !tables.is_empty())
        {
            let (target, target_id) = fk.target.get(&tables);
            let column_name = format!("{}_id", target.name);
            if columns.iter().any(|(c, _)| c.name == column_name) {
                continue;
            }
            columns.push((
                column(&column_name, *target_id, fk.nullable, false),
                *target_id,
            ));
            foreign_keys.push(foreign_key(name, &column_name, &target.name, fk));
        }
        let mut table = Table {
            name: name.to_owned(),
            columns: columns.iter().map(|(c, _)| c.clone()).collect(),
            primary_key: Some(PrimaryKey {
                name: primary_key_name(name),
                columns: vec!["id".into()],
            }),
            uniques: vec![],
            foreign_keys,
            indexes: vec![],
            checks: vec![],
            comment: None,
            renamed_from: None,
        };
        add_constraints(&mut table, &columns[1..], table_spec);
        tables.push((table, id_ty));
    }
    Schema {
        tables: tables.into_iter().map(|(t, _)| t).collect(),
        ..Schema::default()
    }
}

fn column(name: &str, ty: Ty, nullable: bool, default: bool) -> Column {
    Column {
        name: name.to_owned(),
        ty: ty.sql_type(),
        nullable,
        default: default.then(|| ty.default()),
        generated: None,
        comment: None,
    }
}

fn foreign_key(table: &str, column: &str, target: &str, spec: &ForeignKeySpec) -> ForeignKey {
    use FkAction::*;
    // SET NULL only where the column can be null.
    let on_delete: &[FkAction] = if spec.nullable {
        &[NoAction, Restrict, Cascade, SetNull]
    } else {
        &[NoAction, Restrict, Cascade]
    };
    ForeignKey {
        name: foreign_key_name(table, &[column.to_owned()]),
        columns: vec![column.to_owned()],
        ref_table: target.to_owned(),
        ref_columns: vec!["id".into()],
        on_delete: *spec.on_delete.get(on_delete),
        on_update: *spec.on_update.get(&[NoAction, Cascade]),
    }
}

/// `add_constraints` adds the chosen UNIQUE, index and CHECK on columns other than `id`.
fn add_constraints(table: &mut Table, columns: &[(Column, Ty)], spec: &TableSpec) {
    if columns.is_empty() {
        return;
    }
    let name = table.name.clone();
    if let Some((c, _)) = spec.unique.as_ref().map(|p| p.get(columns)) {
        table.uniques.push(UniqueConstraint {
            name: unique_name(&name, std::slice::from_ref(&c.name)),
            columns: vec![c.name.clone()],
        });
    }
    if let Some(index) = &spec.index {
        let (c, _) = index.column.get(columns);
        table.indexes.push(Index {
            name: format!("{name}_{}_idx", c.name),
            parts: vec![IndexPart {
                descending: index.descending,
                ..IndexPart::column(&c.name)
            }],
            unique: false,
            method: IndexMethod::BTree,
            predicate: index
                .partial
                .then(|| format!("{} IS NOT NULL", c.name).into()),
        });
    }
    if let Some((c, ty)) = spec.check.as_ref().map(|p| p.get(columns)) {
        table.checks.push(Check {
            name: format!("{name}_{}_check", c.name),
            expr: ty.check(&c.name).into(),
        });
    }
}

/// `statements` is the SQL of changes, in order, each with the change it belongs to.
fn statements(changes: &[Change]) -> Vec<(String, String)> {
    changes
        .iter()
        .flat_map(|c| sql::statements(c).into_iter().map(|s| (c.to_string(), s)))
        .collect()
}

/// `sql_of` is the SQL that creates `schema`: how a failing case is shown.
fn sql_of(schema: &Schema) -> String {
    statements(&Plan::new(create_all(schema)).up)
        .into_iter()
        .map(|(_, s)| format!("{s};\n"))
        .collect()
}

async fn apply(txn: &DatabaseTransaction, changes: &[Change]) -> Result<(), String> {
    for (change, statement) in statements(changes) {
        txn.execute_unprepared(&statement)
            .await
            .map_err(|e| format!("{change}: {statement}: {e}"))?;
    }
    Ok(())
}

async fn use_schema(txn: &DatabaseTransaction, schema: &str) -> Result<(), String> {
    txn.execute_unprepared(&format!("SET LOCAL search_path TO {}", sql::ident(schema)))
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

async fn read(txn: &DatabaseTransaction, schema: &str) -> Result<Schema, String> {
    introspect_postgres(txn, schema)
        .await
        .map(|(s, _)| s)
        .map_err(|e| format!("introspect {schema}: {e}"))
}

/// `materialize` creates `model` in a new PostgreSQL schema and reads it back.
async fn materialize(
    txn: &DatabaseTransaction,
    schema: &str,
    model: &Schema,
) -> Result<Schema, String> {
    txn.execute_unprepared(&format!("CREATE SCHEMA {}", sql::ident(schema)))
        .await
        .map_err(|e| e.to_string())?;
    use_schema(txn, schema).await?;
    apply(txn, &Plan::new(create_all(model)).up)
        .await
        .map_err(|e| format!("creating {schema}: {e}"))?;
    read(txn, schema).await
}

/// `remaining` describes what a diff that should be empty still finds.
fn remaining(live: &Schema, wanted: &Schema) -> Option<String> {
    let found = diff(live, wanted, &Renames::default());
    (!found.is_empty()).then(|| {
        found
            .changes
            .iter()
            .map(|c| format!("  {c}\n"))
            .chain(
                found
                    .unsupported
                    .iter()
                    .map(|u| format!("  unsupported: {u}\n")),
            )
            .collect()
    })
}

/// `up_and_down` is the property for one pair, inside `txn`.
async fn up_and_down(txn: &DatabaseTransaction, a: &Schema, b: &Schema) -> Result<(), String> {
    let a = materialize(txn, "case_a", a).await?;
    let b = materialize(txn, "case_b", b).await?;
    let found = diff(&a, &b, &Renames::default());
    if !found.unsupported.is_empty() {
        return Err(format!("unsupported: {:?}", found.unsupported));
    }
    let plan = Plan::new(found.changes);
    use_schema(txn, "case_a").await?;
    apply(txn, &plan.up).await.map_err(|e| format!("up: {e}"))?;
    if let Some(rest) = remaining(&read(txn, "case_a").await?, &b) {
        return Err(format!("after up, A still differs from B:\n{rest}"));
    }
    apply(txn, &plan.down)
        .await
        .map_err(|e| format!("down: {e}"))?;
    if let Some(rest) = remaining(&read(txn, "case_a").await?, &a) {
        return Err(format!("after down, A is not A again:\n{rest}"));
    }
    Ok(())
}

/// `round_trip` runs the property in a transaction that is rolled back, whatever the outcome:
/// everything the case created goes with it.
async fn round_trip(conn: &DatabaseConnection, a: &Schema, b: &Schema) -> Result<(), String> {
    let txn = conn.begin().await.map_err(|e| e.to_string())?;
    let outcome = up_and_down(&txn, a, b).await;
    txn.rollback().await.map_err(|e| e.to_string())?;
    outcome
}

/// `check_property` runs `property` on random pairs of schemas (`default_cases` of them, or
/// `PROPTEST_CASES`) and panics with both schemas as SQL on the smallest failing pair.
fn check_property(default_cases: u32, property: impl Fn(&Schema, &Schema) -> Result<(), String>) {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default_cases);
    let config = Config {
        // Failures are printed as SQL; no regression files in the source tree.
        failure_persistence: None,
        // Each case costs a transaction full of DDL: bound the search for a smaller one.
        max_shrink_iters: 1000,
        max_shrink_time: 120_000,
        ..Config::with_cases(cases)
    };
    let outcome = TestRunner::new(config).run(&(schema_spec(), schema_spec()), |(a, b)| {
        property(&build(&a), &build(&b)).map_err(TestCaseError::fail)
    });
    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(why, (a, b))) => panic!(
            "{why}\n-- schema A:\n{}\n-- schema B:\n{}",
            sql_of(&build(&a)),
            sql_of(&build(&b))
        ),
        Err(TestError::Abort(why)) => panic!("aborted: {why}"),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

#[test]
fn the_plan_of_a_diff_turns_a_into_b_and_its_reverse_turns_b_back_into_a() {
    let runtime = runtime();
    let db = runtime.block_on(PgDatabase::create("property"));
    let conn = runtime.block_on(db.connect());
    // 24 cases keep the suite fast; PROPTEST_CASES=1000 searches deeper.
    check_property(24, |a, b| runtime.block_on(round_trip(&conn, a, b)));
    runtime
        .block_on(conn.close())
        .expect("close the connection");
    drop(db);
}

/// `sqlite_up_and_down` is the property on SQLite, in a fresh in-memory database whose single
/// connection has foreign key enforcement off (as the runner applies SQLite migrations), each
/// direction in a transaction checked with `PRAGMA foreign_key_check`.
async fn sqlite_up_and_down(a: &Schema, b: &Schema) -> Result<(), String> {
    use ctutor_cli::backend::sqlite_rebuild::sqlite_rebuilds;
    use ctutor_cli::backend::{Canonicalize, Capabilities, Sqlite};
    use ctutor_cli::introspect::introspect_sqlite;
    use ctutor_cli::sql::sqlite::{Direction, creation_statements, plan_statements};
    let err = |e: sea_orm::DbErr| e.to_string();
    let mut options = sea_orm::ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let db = sea_orm::Database::connect(options).await.map_err(err)?;
    db.execute_unprepared("PRAGMA foreign_keys = OFF")
        .await
        .map_err(err)?;
    let (a, b) = (Sqlite.hold(a).schema, Sqlite.hold(b).schema);
    for change in Plan::new(create_all(&a)).up {
        for statement in creation_statements(&change) {
            db.execute_unprepared(&statement)
                .await
                .map_err(|e| format!("creating A: {statement}: {e}"))?;
        }
    }
    let read = |db: &DatabaseConnection| {
        let db = db.clone();
        async move { introspect_sqlite(&db).await.map(|(s, _)| s).map_err(err) }
    };
    let live_a = read(&db).await?;
    let b = Sqlite
        .canonical_desired(&db, &b)
        .await
        .map_err(|e| e.to_string())?;
    let found = diff(&live_a, &b, &Renames::default());
    if !found.unsupported.is_empty() {
        return Err(format!("unsupported: {:?}", found.unsupported));
    }
    let plan = Plan::new(found.changes);
    let rebuilds = sqlite_rebuilds(&plan.up, &live_a, &b, &Renames::default());
    let run = |statements: Vec<String>, what: &'static str| {
        let db = db.clone();
        async move {
            let txn = db.begin().await.map_err(err)?;
            for statement in statements {
                txn.execute_unprepared(&statement)
                    .await
                    .map_err(|e| format!("{what}: {statement}: {e}"))?;
            }
            let dangling = txn
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::Sqlite,
                    "PRAGMA foreign_key_check",
                ))
                .await
                .map_err(err)?;
            if !dangling.is_empty() {
                return Err(format!("{what}: {} dangling reference(s)", dangling.len()));
            }
            txn.commit().await.map_err(err)
        }
    };
    run(plan_statements(&plan.up, &rebuilds, Direction::Up), "up").await?;
    if let Some(rest) = remaining(&read(&db).await?, &b) {
        return Err(format!("SQLite: after up, A still differs from B:\n{rest}"));
    }
    run(
        plan_statements(&plan.down, &rebuilds, Direction::Down),
        "down",
    )
    .await?;
    if let Some(rest) = remaining(&read(&db).await?, &live_a) {
        return Err(format!("SQLite: after down, A is not A again:\n{rest}"));
    }
    db.close().await.map_err(err)
}

#[test]
fn on_sqlite_the_plan_turns_a_into_b_and_back() {
    let runtime = runtime();
    check_property(48, |a, b| runtime.block_on(sqlite_up_and_down(a, b)));
}

#[test]
fn on_mariadb_the_plan_turns_a_into_b_and_back() {
    let runtime = runtime();
    let tally = mariadb::Tally::default();
    check_property(24, |a, b| {
        runtime.block_on(mariadb::up_and_down(a, b, &tally))
    });
    use std::sync::atomic::Ordering::Relaxed;
    let checked = tally.checked.load(Relaxed);
    eprintln!(
        "MariaDB: {checked} pair(s) checked, {} refused by the server (a key over TEXT or too long), {} with a change the migrations do not make there",
        tally.refused_by_server.load(Relaxed),
        tally.not_made.load(Relaxed)
    );
    assert!(checked > 0, "no pair was checked on MariaDB");
}
