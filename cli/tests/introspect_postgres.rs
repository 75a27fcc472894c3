//! Introspection of PostgreSQL into the schema model, against a real server.
//!
//! Each test works in its own database `ct_intro_<random>`, created through the `postgres`
//! maintenance database and dropped (`WITH (FORCE)`) at the end, whether the test passed.

use std::future::Future;

use ctutor_cli::desired::{desired_renames, desired_schema};
use ctutor_cli::diff::diff;
use ctutor_cli::introspect::introspect_postgres;
use ctutor_cli::model::{
    Check, Column, DefaultValue, EnumType, Extension, FkAction, ForeignKey, Function, Index,
    IndexKey, IndexMethod, IndexPart, PrimaryKey, Schema, Sequence, SqlType, Table,
    UniqueConstraint,
};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, TransactionTrait};
use sea_orm_migration::MigratorTrait;

const SERVER: &str = "postgres://postgres@127.0.0.1:5432";

/// `in_scratch_database` runs `test` against a new empty database and drops the database
/// afterwards; a failing test's panic is re-raised once the database is gone.
async fn in_scratch_database<F, Fut>(test: F)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let admin = Database::connect(format!("{SERVER}/postgres"))
        .await
        .expect("connect to the maintenance database");
    let name = format!("ct_intro_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create the scratch database");
    let db = Database::connect(format!("{SERVER}/{name}"))
        .await
        .expect("connect to the scratch database");
    let outcome = tokio::spawn(test(db.clone())).await;
    let _ = db.close().await;
    admin
        .execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .await
        .expect("drop the scratch database");
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

#[tokio::test]
async fn the_migrated_database_reads_back_as_the_entities_declare() {
    in_scratch_database(|db| async move {
        migration::Migrator::up(&db, None).await.expect("migrate");
        let (live, stats) = introspect_postgres(&db, "public")
            .await
            .expect("introspect");
        eprintln!("introspection of the migrated ctutor schema: {stats:?}");
        assert!(stats.queries <= 10, "{stats:?}");
        assert!(stats.rows > 0, "{stats:?}");
        let desired = desired_schema(&entity::registry()).expect("desired schema");
        assert_same_schema(&live, &desired);
    })
    .await;
}

/// `ORIGINAL_FUNCTION` is `ctutor_valid_slug` as the original project's tool created it: the
/// declared body in another layout, with another comment.
const ORIGINAL_FUNCTION: &str = "CREATE OR REPLACE FUNCTION public.ctutor_valid_slug(value text)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
        BEGIN
            -- Check if the value matches the slug pattern (allow underscores and hyphens)
            RETURN value ~ '^[a-z0-9]+([_-][a-z0-9]+)*$';
        END;
        $function$
";

/// `function_changes` is what the engine would do to the functions of `db` to reach the
/// entities.
async fn function_changes(db: &DatabaseConnection) -> Vec<String> {
    let (live, _) = introspect_postgres(db, "public").await.expect("introspect");
    let desired = desired_schema(&entity::registry()).expect("desired schema");
    let renames = desired_renames(&entity::registry());
    diff(&live, &desired, &renames)
        .changes
        .iter()
        .map(ToString::to_string)
        .filter(|c| c.contains("function"))
        .collect()
}

#[tokio::test]
async fn a_function_body_in_another_layout_is_no_change() {
    in_scratch_database(|db| async move {
        migration::Migrator::up(&db, None).await.expect("migrate");
        db.execute_unprepared(ORIGINAL_FUNCTION)
            .await
            .expect("the original function");
        let (live, _) = introspect_postgres(&db, "public")
            .await
            .expect("introspect");
        let body = live.functions[0].body.as_str();
        assert!(body.contains("-- Check if the value"), "{body}");
        assert_eq!(function_changes(&db).await, Vec::<String>::new());

        let changed = ORIGINAL_FUNCTION.replace("[_-]", "[-]");
        db.execute_unprepared(&changed)
            .await
            .expect("a changed function");
        assert_eq!(
            function_changes(&db).await,
            ["replace function ctutor_valid_slug(text)"]
        );
    })
    .await;
}

/// `assert_same_schema` compares what both sides spell alike. Defaults, generated
/// expressions and check expressions are spelled differently by the entities and by
/// PostgreSQL, so only their presence is compared here.
fn assert_same_schema(live: &Schema, desired: &Schema) {
    assert_eq!(names(&live.tables, |t| &t.name), {
        let mut n = names(&desired.tables, |t| &t.name);
        n.sort();
        n
    });
    for live_table in &live.tables {
        let desired_table = desired.table(&live_table.name).expect("same tables");
        assert_same_table(live_table, desired_table);
    }
    let mut desired_extensions = desired.extensions.clone();
    desired_extensions.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(live.extensions, desired_extensions);
    assert_eq!(
        sorted(&live.enums, |e| &e.name),
        sorted(&desired.enums, |e| &e.name)
    );
    assert_eq!(
        names(&live.sequences, |s| &s.name),
        names(&desired.sequences, |s| &s.name)
    );
    assert_eq!(live.sequences, desired.sequences, "sequence options");
    assert_eq!(
        names(&live.functions, |f| &f.name),
        names(&desired.functions, |f| &f.name)
    );
    for (l, d) in live.functions.iter().zip(&desired.functions) {
        assert_eq!(
            (&l.args, &l.returns, &l.language, &l.volatility),
            (&d.args, &d.returns, &d.language, &d.volatility),
            "function {}",
            l.name
        );
    }
}

fn assert_same_table(live: &Table, desired: &Table) {
    let t = &live.name;
    let shape = |c: &Column| {
        (
            c.name.clone(),
            c.ty.clone(),
            c.nullable,
            c.default.is_some(),
            c.generated.is_some(),
        )
    };
    assert_eq!(
        live.columns.iter().map(shape).collect::<Vec<_>>(),
        desired.columns.iter().map(shape).collect::<Vec<_>>(),
        "columns of {t}"
    );
    assert_eq!(live.primary_key, desired.primary_key, "primary key of {t}");
    assert_eq!(
        live.uniques,
        sorted(&desired.uniques, |u| &u.name),
        "uniques of {t}"
    );
    assert_eq!(
        live.foreign_keys,
        sorted(&desired.foreign_keys, |f| &f.name),
        "foreign keys of {t}"
    );
    let index_shape = |i: &Index| (i.name.clone(), i.method, i.unique, i.parts.clone());
    assert_eq!(
        live.indexes.iter().map(index_shape).collect::<Vec<_>>(),
        sorted(&desired.indexes, |i| &i.name)
            .iter()
            .map(index_shape)
            .collect::<Vec<_>>(),
        "indexes of {t}"
    );
    assert_eq!(
        names(&live.checks, |c| &c.name),
        sorted(&desired.checks, |c| &c.name)
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>(),
        "checks of {t}"
    );
    assert!(
        live.checks.iter().all(|c| !c.expr.as_str().is_empty()),
        "check expressions of {t}"
    );
    assert_eq!(live.comment, desired.comment, "comment of {t}");
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &String) -> Vec<String> {
    items.iter().map(|i| name(i).clone()).collect()
}

fn sorted<T: Clone>(items: &[T], name: impl Fn(&T) -> &String) -> Vec<T> {
    let mut items = items.to_vec();
    items.sort_by(|a, b| name(a).cmp(name(b)));
    items
}

/// A hand-made schema `app`, with an extension installed into it and a neighbour schema
/// `other` whose objects must not show up.
const HAND_MADE_SQL: &str = r#"
CREATE SCHEMA app;
CREATE SCHEMA other;
CREATE EXTENSION ltree SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE other.colour AS ENUM ('red');
CREATE SEQUENCE app.ticket_seq AS integer START 10 INCREMENT 5 MINVALUE 10 MAXVALUE 1000 CACHE 2 CYCLE;
CREATE SEQUENCE other.stray_seq;
CREATE FUNCTION app.add_one(n integer, OUT result integer) LANGUAGE sql IMMUTABLE AS 'SELECT n + 1';
CREATE FUNCTION other.stray() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE TABLE app."user" (
    id serial PRIMARY KEY,
    obsolete text,
    name character varying(100) NOT NULL,
    mood app.mood NOT NULL DEFAULT 'ok',
    tags text[] NOT NULL DEFAULT '{}',
    score numeric(6,2) DEFAULT -1.5,
    active boolean NOT NULL DEFAULT true,
    deleted_at timestamp with time zone,
    name_lower text GENERATED ALWAYS AS (lower(name)) STORED,
    CONSTRAINT user_name_check CHECK (char_length(name) > 0)
);
ALTER TABLE app."user" DROP COLUMN obsolete;
COMMENT ON TABLE app."user" IS 'People';
COMMENT ON COLUMN app."user".name IS 'Display name';
CREATE INDEX user_lower_name_idx ON app."user" ((lower(name)) DESC);
CREATE UNIQUE INDEX user_name_live_key ON app."user" (name) WHERE deleted_at IS NULL;
CREATE TABLE app.team (
    org_id integer,
    code text,
    path app.ltree NOT NULL,
    PRIMARY KEY (code, org_id)
);
CREATE INDEX team_path_gist ON app.team USING gist (path);
CREATE TABLE app.member (
    id bigint PRIMARY KEY,
    user_id integer NOT NULL REFERENCES app."user" (id) ON DELETE CASCADE,
    org_id integer,
    team_code text,
    CONSTRAINT member_user_id_key UNIQUE (user_id),
    CONSTRAINT member_team_fkey FOREIGN KEY (team_code, org_id)
        REFERENCES app.team (code, org_id) ON DELETE SET NULL
);
CREATE TABLE app.seaql_migrations (version character varying PRIMARY KEY);
CREATE TABLE other."user" (id integer PRIMARY KEY, x text);
CREATE TABLE other.elsewhere (id integer);
CREATE INDEX elsewhere_id_idx ON other.elsewhere (id);
"#;

#[tokio::test]
async fn a_hand_made_schema_reads_back_exactly() {
    in_scratch_database(|db| async move {
        // Inside a transaction that is rolled back, as the engine does with throw-away schemas.
        let txn = db.begin().await.expect("begin");
        txn.execute_unprepared(HAND_MADE_SQL)
            .await
            .expect("create the schema");
        let (live, stats) = introspect_postgres(&txn, "app").await.expect("introspect");
        txn.rollback().await.expect("rollback");
        assert!(stats.queries <= 10, "{stats:?}");
        assert_eq!(
            live.extensions,
            vec![Extension {
                name: "ltree".into()
            }]
        );
        assert_eq!(
            live.enums,
            vec![EnumType {
                name: "mood".into(),
                values: vec!["sad".into(), "ok".into(), "happy".into()],
            }]
        );
        assert_eq!(
            live.sequences,
            vec![Sequence {
                name: "ticket_seq".into(),
                data_type: "integer".into(),
                start: 10,
                increment: 5,
                min_value: 10,
                max_value: 1000,
                cache: 2,
                cycle: true,
            }],
            "the serial column's own sequence is not listed"
        );
        assert_eq!(
            live.functions,
            vec![Function {
                name: "add_one".into(),
                args: vec![("n".into(), "integer".into())],
                returns: "integer".into(),
                language: "sql".into(),
                volatility: "IMMUTABLE".into(),
                body: "SELECT n + 1".into(),
            }],
            "no ltree function, no function of another schema"
        );
        assert_eq!(names(&live.tables, |t| &t.name), ["member", "team", "user"]);
        assert_eq!(live.table("user"), Some(&expected_user()));
        assert_eq!(live.table("team"), Some(&expected_team()));
        assert_eq!(live.table("member"), Some(&expected_member()));
    })
    .await;
}

fn column(name: &str, ty: SqlType, nullable: bool, default: Option<DefaultValue>) -> Column {
    Column {
        name: name.into(),
        ty,
        nullable,
        default,
        generated: None,
        comment: None,
    }
}

fn table(name: &str, columns: Vec<Column>, primary_key: PrimaryKey) -> Table {
    Table {
        name: name.into(),
        columns,
        primary_key: Some(primary_key),
        uniques: vec![],
        foreign_keys: vec![],
        indexes: vec![],
        checks: vec![],
        comment: None,
        renamed_from: None,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn expected_user() -> Table {
    use DefaultValue::*;
    let mut name = column("name", SqlType::Varchar(Some(100)), false, None);
    name.comment = Some("Display name".into());
    let mut name_lower = column("name_lower", SqlType::Text, true, None);
    name_lower.generated = Some("lower((name)::text)".into());
    let columns = vec![
        column(
            "id",
            SqlType::Integer,
            false,
            Some(Expr("nextval('app.user_id_seq'::regclass)".into())),
        ),
        name,
        column(
            "mood",
            SqlType::Enum("mood".into()),
            false,
            Some(Text("ok".into())),
        ),
        column(
            "tags",
            SqlType::Array(Box::new(SqlType::Text)),
            false,
            Some(Text("{}".into())),
        ),
        column(
            "score",
            SqlType::Numeric(Some((6, 2))),
            true,
            Some(Number("-1.5".into())),
        ),
        column("active", SqlType::Boolean, false, Some(Bool(true))),
        column("deleted_at", SqlType::TimestampTz, true, None),
        name_lower,
    ];
    let primary_key = PrimaryKey {
        name: "user_pkey".into(),
        columns: strings(&["id"]),
    };
    Table {
        indexes: vec![
            Index {
                name: "user_lower_name_idx".into(),
                parts: vec![IndexPart {
                    // pg_get_indexdef(…, true) prints without the redundant parentheses.
                    key: IndexKey::Expr("lower(name::text)".into()),
                    descending: true,
                    prefix: None,
                }],
                unique: false,
                method: IndexMethod::BTree,
                predicate: None,
            },
            Index {
                name: "user_name_live_key".into(),
                parts: vec![IndexPart::column("name")],
                unique: true,
                method: IndexMethod::BTree,
                predicate: Some("(deleted_at IS NULL)".into()),
            },
        ],
        checks: vec![Check {
            name: "user_name_check".into(),
            expr: "(char_length((name)::text) > 0)".into(),
        }],
        comment: Some("People".into()),
        ..table("user", columns, primary_key)
    }
}

fn expected_team() -> Table {
    let columns = vec![
        column("org_id", SqlType::Integer, false, None),
        column("code", SqlType::Text, false, None),
        column("path", SqlType::LTree, false, None),
    ];
    let primary_key = PrimaryKey {
        name: "team_pkey".into(),
        columns: strings(&["code", "org_id"]),
    };
    Table {
        indexes: vec![Index {
            name: "team_path_gist".into(),
            parts: vec![IndexPart::column("path")],
            unique: false,
            method: IndexMethod::Gist,
            predicate: None,
        }],
        ..table("team", columns, primary_key)
    }
}

fn expected_member() -> Table {
    let columns = vec![
        column("id", SqlType::BigInt, false, None),
        column("user_id", SqlType::Integer, false, None),
        column("org_id", SqlType::Integer, true, None),
        column("team_code", SqlType::Text, true, None),
    ];
    let primary_key = PrimaryKey {
        name: "member_pkey".into(),
        columns: strings(&["id"]),
    };
    Table {
        uniques: vec![UniqueConstraint {
            name: "member_user_id_key".into(),
            columns: strings(&["user_id"]),
        }],
        foreign_keys: vec![
            ForeignKey {
                name: "member_team_fkey".into(),
                columns: strings(&["team_code", "org_id"]),
                ref_table: "team".into(),
                ref_columns: strings(&["code", "org_id"]),
                on_delete: FkAction::SetNull,
                on_update: FkAction::NoAction,
            },
            ForeignKey {
                name: "member_user_id_fkey".into(),
                columns: strings(&["user_id"]),
                ref_table: "user".into(),
                ref_columns: strings(&["id"]),
                on_delete: FkAction::Cascade,
                on_update: FkAction::NoAction,
            },
        ],
        ..table("member", columns, primary_key)
    }
}
