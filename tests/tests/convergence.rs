//! Expressions converge both ways: a migration carries the author's text, and the comparison
//! does not depend on how many times PostgreSQL has re-parsed a text.
//!
//! PostgreSQL's deparse is not a fixed point (an IN-list on varchar prints as `= ANY
//! (ARRAY[…])` with casts that print differently once re-parsed). Each test creates a
//! starting schema, plans the entity edit that adds one kind of expression, applies it, and
//! asserts: the database then matches the entities, a second plan is empty, `down` restores
//! the starting catalog, which matches the previous entities; and the other way round, a
//! plan that drops the expression is undone by a `down` that re-creates it from the catalog's
//! own text, which must still compare equal to the entity's.

use ctutor_cli::diff::{Renames, create_all, diff};
use ctutor_cli::model::{
    Check, Column, DefaultValue, Index, IndexMethod, IndexPart, PrimaryKey, Schema, SqlType, Table,
};
use ctutor_cli::normalize::{canonical_desired, canonical_live};
use ctutor_cli::plan::Plan;
use ctutor_cli::{diff::Change, introspect::introspect_postgres, sql};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tests::{PgDatabase, catalog_lines};

fn column(name: &str, ty: SqlType) -> Column {
    Column {
        name: name.into(),
        ty,
        nullable: true,
        default: None,
        generated: None,
        comment: None,
    }
}

/// `base` is the table before the edit: the columns every expression below refers to.
fn base() -> Table {
    Table {
        name: "ticket".into(),
        columns: vec![
            Column {
                nullable: false,
                ..column("id", SqlType::Integer)
            },
            column("x", SqlType::Varchar(Some(10))),
            column("n", SqlType::Integer),
            column("status", SqlType::Varchar(Some(20))),
            column("a", SqlType::Varchar(Some(5))),
            column("b", SqlType::Varchar(Some(5))),
        ],
        primary_key: Some(PrimaryKey {
            name: "ticket_pkey".into(),
            columns: vec!["id".into()],
        }),
        uniques: vec![],
        foreign_keys: vec![],
        indexes: vec![],
        checks: vec![],
        comment: None,
        renamed_from: None,
    }
}

fn schema(table: Table) -> Schema {
    Schema {
        tables: vec![table],
        ..Schema::default()
    }
}

fn partial_index(name: &str, column: &str, predicate: &str) -> Index {
    Index {
        name: name.into(),
        parts: vec![IndexPart::column(column)],
        unique: false,
        method: IndexMethod::BTree,
        predicate: Some(predicate.into()),
    }
}

async fn run(db: &DatabaseConnection, changes: &[Change]) {
    for change in changes {
        for statement in sql::statements(change) {
            db.execute_unprepared(&statement)
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }
}

/// `plan` is what `generate` would plan for the database against `entities`.
async fn plan(db: &DatabaseConnection, entities: &Schema) -> Plan {
    let desired = canonical_desired(db, entities).await.expect("canonical");
    let (live, _) = introspect_postgres(db, "public").await.expect("introspect");
    let (live, note) = canonical_live(db, live).await;
    assert_eq!(note, None);
    Plan::new(diff(&live, &desired, &Renames::default()).changes)
}

async fn assert_in_sync(db: &DatabaseConnection, entities: &Schema, when: &str) {
    let left = plan(db, entities).await;
    let listed: Vec<String> = left.up.iter().map(|c| c.to_string()).collect();
    assert!(listed.is_empty(), "{when}: still differs: {listed:#?}");
}

/// `converges` runs the loop for the edit `before` → `after` and back.
async fn converges(label: &str, before: Table, after: Table, authored: &str) {
    let (before, after) = (schema(before), schema(after));
    let pg = PgDatabase::create(label).await;
    let db = pg.connect().await;
    run(&db, &Plan::new(create_all(&before)).up).await;
    let start = catalog_lines(&db).await;

    // generate → up → check clean → a second generate finds nothing.
    let edit = plan(&db, &after).await;
    let written: Vec<String> = edit.up.iter().flat_map(sql::statements).collect();
    assert!(
        written.iter().any(|s| s.contains(authored)),
        "the migration carries the author's text {authored:?}: {written:#?}"
    );
    run(&db, &edit.up).await;
    assert_in_sync(&db, &after, "after up").await;
    // down -n 1 → the previous catalog, in sync with the previous entities.
    run(&db, &edit.down).await;
    assert_eq!(catalog_lines(&db).await, start, "down restores the catalog");
    assert_in_sync(&db, &before, "after down").await;

    // The other way: the expression exists, an edit drops it, and that migration's down()
    // re-creates it from the catalog's text. The result still matches the entity.
    run(&db, &edit.up).await;
    let drop = plan(&db, &before).await;
    run(&db, &drop.up).await;
    run(&db, &drop.down).await;
    assert_in_sync(
        &db,
        &after,
        "after a down that re-created it from the catalog",
    )
    .await;
}

#[tokio::test]
async fn an_in_list_check_on_varchar_converges() {
    let mut after = base();
    let authored = "x IN ('a','b')";
    after.checks.push(Check {
        name: "ticket_x_check".into(),
        expr: authored.into(),
    });
    converges("conv_in", base(), after, authored).await;
}

#[tokio::test]
async fn a_not_in_partial_index_converges() {
    let mut after = base();
    let authored = "n NOT IN (1, 2, 6)";
    after
        .indexes
        .push(partial_index("ticket_n_idx", "n", authored));
    converges("conv_notin", base(), after, authored).await;
}

#[tokio::test]
async fn an_equality_predicate_on_varchar_converges() {
    let mut after = base();
    let authored = "status = 'active'";
    after
        .indexes
        .push(partial_index("ticket_active_idx", "id", authored));
    converges("conv_pred", base(), after, authored).await;
}

#[tokio::test]
async fn a_varchar_default_converges() {
    let mut after = base();
    after.columns[3].default = Some(DefaultValue::Expr("'pending'".into()));
    converges("conv_default", base(), after, "'pending'").await;
}

#[tokio::test]
async fn nested_and_or_of_in_lists_converge() {
    let mut after = base();
    let authored = "(a IN ('x','y') AND b IN ('p','q')) OR (a IN ('z') AND b NOT IN ('r','s'))";
    after.checks.push(Check {
        name: "ticket_ab_check".into(),
        expr: authored.into(),
    });
    converges("conv_nested", base(), after, authored).await;
}

#[tokio::test]
async fn an_in_list_in_a_generated_column_converges() {
    let mut after = base();
    let authored = "(x IN ('a','b'))";
    after.columns.push(Column {
        generated: Some(authored.into()),
        ..column("x_known", SqlType::Boolean)
    });
    converges("conv_generated", base(), after, authored).await;
}
