//! Introspection of SQLite into the schema model, against real database files.
//!
//! Each test works on its own fresh file in the temporary directory, removed at the end.

use ctutor_cli::desired::desired_schema;
use ctutor_cli::introspect::{IntrospectStats, introspect_sqlite};
use ctutor_cli::model::{
    Check, Column, DefaultValue, FkAction, ForeignKey, Index, IndexKey, IndexMethod, IndexPart,
    PrimaryKey, Schema, SqlExpr, SqlType, Table, UniqueConstraint,
};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use sea_orm_migration::MigratorTrait;

/// `SqliteFile` is a fresh database file, removed (with its journals) on drop.
struct SqliteFile(std::path::PathBuf);

impl SqliteFile {
    fn new(label: &str) -> Self {
        let name = format!("ct_{label}_{}.sqlite", uuid::Uuid::new_v4().simple());
        Self(std::env::temp_dir().join(name))
    }

    async fn connect(&self) -> DatabaseConnection {
        Database::connect(format!("sqlite://{}?mode=rwc", self.0.display()))
            .await
            .expect("open the SQLite file")
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

/// `migrated` introspects the ctutor schema as the migrations create it on SQLite.
async fn migrated() -> (Schema, IntrospectStats) {
    let file = SqliteFile::new("intro_ctutor");
    let db = file.connect().await;
    migration::Migrator::up(&db, None).await.expect("migrate");
    let read = introspect_sqlite(&db).await.expect("introspect");
    db.close().await.expect("close");
    read
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
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

fn generated(name: &str, ty: SqlType, expr: &str) -> Column {
    Column {
        generated: Some(expr.into()),
        ..column(name, ty, true, None)
    }
}

fn fk(name: &str, columns: &[&str], ref_table: &str, ref_columns: &[&str]) -> ForeignKey {
    ForeignKey {
        name: name.into(),
        columns: strings(columns),
        ref_table: ref_table.into(),
        ref_columns: strings(ref_columns),
        on_delete: FkAction::NoAction,
        on_update: FkAction::NoAction,
    }
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| name(i).to_owned()).collect()
}

#[tokio::test]
async fn the_migrated_ctutor_schema_reads_back() {
    let (live, stats) = migrated().await;
    eprintln!("introspection of the migrated ctutor schema on SQLite: {stats:?}");
    assert_eq!(stats.queries, 4, "{stats:?}");
    assert_eq!(live.tables.len(), 28);
    assert!(live.table("seaql_migrations").is_none());
    assert!(live.extensions.is_empty() && live.enums.is_empty() && live.functions.is_empty());

    let group = live.table("group").expect("group");
    let now = DefaultValue::Expr("CURRENT_TIMESTAMP".into());
    let expected_group_columns = vec![
        column("id", SqlType::Uuid, false, None),
        column(
            "version",
            SqlType::Integer,
            true,
            Some(DefaultValue::Number("0".into())),
        ),
        column("created_at", SqlType::TimestampTz, false, Some(now.clone())),
        column("updated_at", SqlType::TimestampTz, false, Some(now.clone())),
        column("created_by", SqlType::Uuid, true, None),
        column("updated_by", SqlType::Uuid, true, None),
        column("properties", SqlType::Jsonb, true, None),
        column("title", SqlType::Varchar(Some(255)), true, None),
        column("description", SqlType::Varchar(Some(4096)), true, None),
        column("slug", SqlType::Varchar(Some(255)), false, None),
        column(
            "type",
            SqlType::Text,
            true,
            Some(DefaultValue::Text("fixed".into())),
        ),
    ];
    assert_eq!(group.columns, expected_group_columns);
    assert_eq!(
        group.primary_key,
        Some(PrimaryKey {
            name: "group_pkey".into(),
            columns: strings(&["id"])
        })
    );
    assert!(
        group.checks.is_empty(),
        "CHECKs are PostgreSQL-only in the migrations"
    );

    let user_group = live.table("user_group").expect("user_group");
    assert_eq!(
        user_group.primary_key.as_ref().map(|pk| pk.columns.clone()),
        Some(strings(&["user_id", "group_id"]))
    );
    assert_eq!(
        user_group.column("transient"),
        Some(&column(
            "transient",
            SqlType::Boolean,
            true,
            Some(DefaultValue::Bool(false))
        ))
    );
    assert_eq!(
        user_group.foreign_keys,
        vec![
            ForeignKey {
                on_delete: FkAction::Restrict,
                on_update: FkAction::Cascade,
                ..fk("user_group_group_id_fkey", &["group_id"], "group", &["id"])
            },
            ForeignKey {
                on_delete: FkAction::Cascade,
                ..fk("user_group_user_id_fkey", &["user_id"], "user", &["id"])
            },
        ]
    );

    let content = live.table("course_content").expect("course_content");
    assert_eq!(
        content.column("position").map(|c| &c.ty),
        Some(&SqlType::Double)
    );
    let composite = content
        .foreign_keys
        .iter()
        .find(|f| f.columns.len() == 2)
        .expect("the composite foreign key");
    assert_eq!(
        composite,
        &ForeignKey {
            on_delete: FkAction::Restrict,
            on_update: FkAction::Restrict,
            ..fk(
                "course_content_course_id_course_content_type_id_fkey",
                &["course_id", "course_content_type_id"],
                "course_content_type",
                &["course_id", "id"],
            )
        }
    );

    // UNIQUE constraints and unique indexes stay apart.
    let user = live.table("user").expect("user");
    assert_eq!(
        names(&user.uniques, |u| &u.name),
        ["user_email_key", "user_number_key", "user_username_key"]
    );
    assert!(user.indexes.is_empty());
    let account = live.table("account").expect("account");
    assert!(account.uniques.is_empty());
    assert_eq!(
        account.indexes,
        vec![
            Index {
                name: "account_provider_type_provider_account_id_key".into(),
                parts: ["provider", "type", "provider_account_id"]
                    .map(IndexPart::column)
                    .to_vec(),
                unique: true,
                method: IndexMethod::BTree,
                predicate: None,
            },
            Index {
                name: "account_provider_type_user_id_key".into(),
                parts: ["provider", "type", "user_id"]
                    .map(IndexPart::column)
                    .to_vec(),
                unique: true,
                method: IndexMethod::BTree,
                predicate: None,
            },
            Index {
                name: "ix_account_user_id".into(),
                parts: vec![IndexPart::column("user_id")],
                unique: false,
                method: IndexMethod::BTree,
                predicate: None,
            },
        ]
    );
    let organization = live.table("organization").expect("organization");
    assert_eq!(
        organization.uniques,
        vec![UniqueConstraint {
            name: "organization_user_id_key".into(),
            columns: strings(&["user_id"])
        }]
    );
    assert_eq!(
        names(&organization.indexes, |i| &i.name),
        [
            "ix_organization_organization_type",
            "ix_organization_path",
            "organization_number_key",
            "organization_path_key"
        ]
    );
}

/// The live schema read from SQLite has the entities' tables, columns and constraint names
/// (the names SQLite does not keep are invented as PostgreSQL would), and differs in types
/// only where SQLite has no such type.
#[tokio::test]
async fn the_migrated_schema_matches_the_entities_up_to_what_sqlite_keeps() {
    let (live, _) = migrated().await;
    let desired = desired_schema(&entity::registry()).expect("desired schema");
    let mut desired_tables = names(&desired.tables, |t| &t.name);
    desired_tables.sort();
    assert_eq!(names(&live.tables, |t| &t.name), desired_tables);
    for live_table in &live.tables {
        let desired_table = desired.table(&live_table.name).expect("same tables");
        let t = &live_table.name;
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        assert_eq!(
            names(&live_table.columns, |c| &c.name),
            names(&desired_table.columns, |c| &c.name),
            "{t}"
        );
        for (l, d) in live_table.columns.iter().zip(&desired_table.columns) {
            let lost = matches!(
                (&d.ty, &l.ty),
                (SqlType::BigInt, SqlType::Integer)
                    | (
                        SqlType::Enum(_) | SqlType::LTree | SqlType::Inet,
                        SqlType::Text
                    )
            );
            assert!(l.ty == d.ty || lost, "{t}.{}: {} vs {}", l.name, l.ty, d.ty);
            assert_eq!(l.nullable, d.nullable, "{t}.{}", l.name);
        }
        assert_eq!(
            live_table.primary_key.as_ref().map(|p| &p.name),
            desired_table.primary_key.as_ref().map(|p| &p.name),
            "{t}"
        );
        assert_eq!(
            names(&live_table.uniques, |u| &u.name),
            sorted(names(&desired_table.uniques, |u| &u.name)),
            "{t}"
        );
        assert_eq!(
            names(&live_table.foreign_keys, |f| &f.name),
            sorted(names(&desired_table.foreign_keys, |f| &f.name)),
            "{t}"
        );
    }
}

/// The hand-written schema of [`a_hand_written_schema_reads_back_exactly`]: what the
/// migrations never write on SQLite, in SQLite's own spellings.
const HAND_WRITTEN: &str = r#"
CREATE TABLE "team" (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE,
    [motto text] varchar(80) DEFAULT 'it''s ours',
    "say ""hi""" TEXT,
    CONSTRAINT team_name_key UNIQUE (name)
);
CREATE TABLE [member] (
    team_id INTEGER NOT NULL,
    seat INT NOT NULL CHECK (seat > 0),
    price NUMERIC(10, 2) NOT NULL DEFAULT 0,
    qty INTEGER NOT NULL DEFAULT (1),
    total NUMERIC GENERATED ALWAYS AS (price * qty) STORED,
    label TEXT AS (seat || ':' || qty) VIRTUAL, -- a comment, (with a paren
    active boolean NOT NULL DEFAULT 1,
    joined_at timestamp_with_timezone_text NOT NULL DEFAULT (CURRENT_TIMESTAMP),
    buddy_team INTEGER,
    buddy_seat INTEGER,
    CONSTRAINT member_pk PRIMARY KEY (team_id, seat),
    CONSTRAINT "member team" FOREIGN KEY (team_id) REFERENCES team (id)
        ON DELETE CASCADE ON UPDATE SET NULL,
    FOREIGN KEY (buddy_team, buddy_seat) REFERENCES member (team_id, seat) ON DELETE SET NULL,
    CONSTRAINT positive_price CHECK (price >= 0),
    CHECK (qty < 100)
);
CREATE INDEX member_active_idx ON member (joined_at) WHERE active = 1;
CREATE UNIQUE INDEX "member label idx" ON member (lower(label) DESC, `seat`);
CREATE TABLE note (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team INTEGER REFERENCES Team,
    body TEXT
);
"#;

#[tokio::test]
async fn a_hand_written_schema_reads_back_exactly() {
    let file = SqliteFile::new("intro_hand");
    let db = file.connect().await;
    db.execute_unprepared(HAND_WRITTEN).await.expect("schema");
    let (live, stats) = introspect_sqlite(&db).await.expect("introspect");
    db.close().await.expect("close");
    // `sqlite_sequence` (made by AUTOINCREMENT) is left out.
    assert_eq!(names(&live.tables, |t| &t.name), ["member", "note", "team"]);
    assert_eq!(
        stats.queries, 4,
        "the same number as for 28 tables: {stats:?}"
    );

    let team = Table {
        name: "team".into(),
        columns: vec![
            // The row id: NOT NULL although not written so.
            column("id", SqlType::Integer, false, None),
            column("name", SqlType::Text, false, None),
            column(
                "motto text",
                SqlType::Varchar(Some(80)),
                true,
                Some(DefaultValue::Text("it's ours".into())),
            ),
            column("say \"hi\"", SqlType::Text, true, None),
        ],
        primary_key: Some(PrimaryKey {
            name: "team_pkey".into(),
            columns: strings(&["id"]),
        }),
        uniques: vec![UniqueConstraint {
            name: "team_name_key".into(),
            columns: strings(&["name"]),
        }],
        foreign_keys: vec![],
        indexes: vec![],
        checks: vec![],
        comment: None,
        renamed_from: None,
    };
    assert_eq!(live.table("team"), Some(&team));

    let number = |n: &str| Some(DefaultValue::Number(n.into()));
    let member = Table {
        name: "member".into(),
        columns: vec![
            column("team_id", SqlType::Integer, false, None),
            column("seat", SqlType::Integer, false, None),
            column("price", SqlType::Numeric(Some((10, 2))), false, number("0")),
            column("qty", SqlType::Integer, false, number("1")),
            generated("total", SqlType::Numeric(None), "price * qty"),
            generated("label", SqlType::Text, "seat || ':' || qty"),
            column(
                "active",
                SqlType::Boolean,
                false,
                Some(DefaultValue::Bool(true)),
            ),
            column(
                "joined_at",
                SqlType::TimestampTz,
                false,
                Some(DefaultValue::Expr("CURRENT_TIMESTAMP".into())),
            ),
            column("buddy_team", SqlType::Integer, true, None),
            column("buddy_seat", SqlType::Integer, true, None),
        ],
        primary_key: Some(PrimaryKey {
            name: "member_pk".into(),
            columns: strings(&["team_id", "seat"]),
        }),
        uniques: vec![],
        foreign_keys: vec![
            // Sorted by name: a space sorts before an underscore.
            ForeignKey {
                on_delete: FkAction::Cascade,
                on_update: FkAction::SetNull,
                ..fk("member team", &["team_id"], "team", &["id"])
            },
            ForeignKey {
                on_delete: FkAction::SetNull,
                ..fk(
                    "member_buddy_team_buddy_seat_fkey",
                    &["buddy_team", "buddy_seat"],
                    "member",
                    &["team_id", "seat"],
                )
            },
        ],
        indexes: vec![
            Index {
                name: "member label idx".into(),
                parts: vec![
                    IndexPart {
                        key: IndexKey::Expr(SqlExpr::from("lower(label)")),
                        descending: true,
                        prefix: None,
                    },
                    IndexPart::column("seat"),
                ],
                unique: true,
                method: IndexMethod::BTree,
                predicate: None,
            },
            Index {
                name: "member_active_idx".into(),
                parts: vec![IndexPart::column("joined_at")],
                unique: false,
                method: IndexMethod::BTree,
                predicate: Some("active = 1".into()),
            },
        ],
        checks: vec![
            Check {
                name: "member_check".into(),
                expr: "qty < 100".into(),
            },
            Check {
                name: "member_seat_check".into(),
                expr: "seat > 0".into(),
            },
            Check {
                name: "positive_price".into(),
                expr: "price >= 0".into(),
            },
        ],
        comment: None,
        renamed_from: None,
    };
    assert_eq!(live.table("member"), Some(&member));

    // A reference without columns is to the primary key; the table as it is spelled.
    let note = live.table("note").expect("note");
    assert_eq!(
        note.foreign_keys,
        vec![fk("note_team_fkey", &["team"], "team", &["id"])]
    );
    assert_eq!(note.column("id").map(|c| c.nullable), Some(false));
}

#[tokio::test]
async fn an_empty_database_reads_as_an_empty_schema_in_as_many_queries() {
    let file = SqliteFile::new("intro_empty");
    let db = file.connect().await;
    let (live, stats) = introspect_sqlite(&db).await.expect("introspect");
    db.close().await.expect("close");
    assert_eq!(live, Schema::default());
    assert_eq!(stats.queries, 4);
    assert_eq!(stats.rows, 0);
}
