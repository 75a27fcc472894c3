//! Introspection of MySQL/MariaDB into the schema model, against a real server.
//!
//! Each test works in its own database `ct_intro_<random>` on the server of `TEST_MYSQL_URL`
//! (default: MariaDB on loopback as root), created and dropped around the test, whether it
//! passed. The expected model is checked against the server's own catalog where the mapping
//! leaves something out (`SHOW CREATE TABLE`, `information_schema`).

use std::future::Future;

use ctutor_cli::introspect::{enum_column_type, introspect_mysql, introspect_mysql_with_stats};
use ctutor_cli::model::{
    Check, Column, DefaultValue, FkAction, ForeignKey, Index, IndexKey, IndexMethod, IndexPart,
    PrimaryKey, SqlExpr, SqlType, Table, UniqueConstraint,
};
use sea_orm::sea_query::{Alias, ColumnDef, Table as TableStmt};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

fn server() -> String {
    std::env::var("TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
}

/// `in_scratch_database` runs `test` against a new empty database and drops the database
/// afterwards; a failing test's panic is re-raised once the database is gone.
async fn in_scratch_database<F, Fut>(test: F)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let admin = Database::connect(server())
        .await
        .expect("connect to the server");
    let name = format!("ct_intro_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE `{name}`"))
        .await
        .expect("create the scratch database");
    let db = Database::connect(format!("{}/{name}", server()))
        .await
        .expect("connect to the scratch database");
    let outcome = tokio::spawn(test(db.clone())).await;
    let _ = db.close().await;
    admin
        .execute_unprepared(&format!("DROP DATABASE `{name}`"))
        .await
        .expect("drop the scratch database");
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

async fn run(db: &DatabaseConnection, sql: &str) {
    for statement in sql.split(";\n").filter(|s| !s.trim().is_empty()) {
        db.execute_unprepared(statement)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
}

/// `show_create` is the server's own `SHOW CREATE TABLE` text.
async fn show_create(db: &DatabaseConnection, table: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::MySql,
            format!("SHOW CREATE TABLE `{table}`"),
        ))
        .await
        .expect("show create table")
        .expect("a row");
    row.try_get_by_index(1).expect("the CREATE TABLE text")
}

/// `column_type` is `information_schema.COLUMNS.COLUMN_TYPE` of one column.
async fn column_type(db: &DatabaseConnection, table: &str, column: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::MySql,
            "SELECT CAST(COLUMN_TYPE AS CHAR) FROM information_schema.COLUMNS \
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?",
            [table.into(), column.into()],
        ))
        .await
        .expect("read COLUMN_TYPE")
        .expect("the column exists");
    row.try_get_by_index(0).expect("COLUMN_TYPE")
}

fn col(name: &str, ty: SqlType) -> Column {
    Column {
        name: name.into(),
        ty,
        nullable: true,
        default: None,
        generated: None,
        comment: None,
    }
}

fn not_null(column: Column) -> Column {
    Column {
        nullable: false,
        ..column
    }
}

fn with_default(column: Column, default: DefaultValue) -> Column {
    Column {
        default: Some(default),
        ..column
    }
}

fn generated(column: Column, expr: &str) -> Column {
    Column {
        generated: Some(SqlExpr::from(expr)),
        ..column
    }
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn table(name: &str, columns: Vec<Column>) -> Table {
    Table {
        name: name.into(),
        columns,
        primary_key: None,
        uniques: vec![],
        foreign_keys: vec![],
        indexes: vec![],
        checks: vec![],
        comment: None,
        renamed_from: None,
    }
}

fn primary(columns: &[&str]) -> Option<PrimaryKey> {
    Some(PrimaryKey {
        name: "PRIMARY".into(),
        columns: strings(columns),
    })
}

fn fk(name: &str, columns: &[&str], ref_table: &str, ref_columns: &[&str]) -> ForeignKey {
    ForeignKey {
        name: name.into(),
        columns: strings(columns),
        ref_table: ref_table.into(),
        ref_columns: strings(ref_columns),
        on_delete: FkAction::Restrict,
        on_update: FkAction::Restrict,
    }
}

const EVERY_MAPPING: &str = r"
CREATE TABLE parent (
  id int AUTO_INCREMENT PRIMARY KEY,
  code varchar(20) NOT NULL,
  region char(2) NOT NULL,
  UNIQUE KEY parent_code_key (code),
  UNIQUE KEY parent_region_code_key (region, code)
) COMMENT 'the parent';
CREATE TABLE t (
  id bigint NOT NULL AUTO_INCREMENT,
  flag tinyint(1) NOT NULL DEFAULT 1,
  off tinyint(1) DEFAULT 0,
  s smallint DEFAULT -3,
  i int unsigned,
  r float DEFAULT 1.5,
  d double,
  n decimal(10,2) DEFAULT 3.50,
  c char(4) DEFAULT 'ab''c',
  v varchar(40) NULL COMMENT 'a column',
  tx text,
  lt longtext,
  bl blob,
  u binary(16),
  j json,
  dt date,
  tm time,
  ts timestamp NOT NULL DEFAULT current_timestamp ON UPDATE current_timestamp,
  dtt datetime DEFAULT NULL,
  e enum('a','it''s','b\\c') DEFAULT 'a',
  g int AS (s * 2) VIRTUAL,
  gs int AS (s + 1) STORED,
  nv varchar(10) DEFAULT 'NULL',
  ex varchar(36) DEFAULT (uuid()),
  pid int,
  pcode varchar(20),
  PRIMARY KEY (id),
  CONSTRAINT t_pid_fk FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE RESTRICT,
  CONSTRAINT t_pcode_fk FOREIGN KEY (pcode) REFERENCES parent (code) ON DELETE NO ACTION ON UPDATE SET NULL,
  CONSTRAINT t_s_check CHECK (s > -10),
  INDEX t_v_prefix (v(10), dt DESC),
  INDEX t_pcode_idx (pcode),
  UNIQUE INDEX t_c_prefix_key (c(2)),
  FULLTEXT INDEX t_tx_ft (tx),
  UNIQUE KEY t_tx_u (tx)
);
CREATE TABLE t2 (
  pid int,
  code varchar(20),
  FOREIGN KEY (pid) REFERENCES parent (id),
  CONSTRAINT fk2 FOREIGN KEY (code) REFERENCES parent (code) ON DELETE SET NULL
);
CREATE TABLE seaql_migrations (version varchar(255) PRIMARY KEY, applied_at bigint NOT NULL);
CREATE VIEW v_parent AS SELECT id FROM parent
";

fn expected_parent() -> Table {
    Table {
        primary_key: primary(&["id"]),
        uniques: vec![
            UniqueConstraint {
                name: "parent_code_key".into(),
                columns: strings(&["code"]),
            },
            UniqueConstraint {
                name: "parent_region_code_key".into(),
                columns: strings(&["region", "code"]),
            },
        ],
        comment: Some("the parent".into()),
        ..table(
            "parent",
            vec![
                not_null(with_default(
                    col("id", SqlType::Integer),
                    DefaultValue::AutoIncrement,
                )),
                not_null(col("code", SqlType::Varchar(Some(20)))),
                not_null(col("region", SqlType::Char(Some(2)))),
            ],
        )
    }
}

fn expected_t() -> Table {
    use DefaultValue::*;
    let columns = vec![
        not_null(with_default(col("id", SqlType::BigInt), AutoIncrement)),
        not_null(with_default(col("flag", SqlType::Boolean), Bool(true))),
        with_default(col("off", SqlType::Boolean), Bool(false)),
        with_default(col("s", SqlType::SmallInt), Number("-3".into())),
        col("i", SqlType::Named("int(10) unsigned".into())),
        with_default(col("r", SqlType::Real), Number("1.5".into())),
        col("d", SqlType::Double),
        with_default(
            col("n", SqlType::Numeric(Some((10, 2)))),
            Number("3.50".into()),
        ),
        with_default(col("c", SqlType::Char(Some(4))), Text("ab'c".into())),
        Column {
            comment: Some("a column".into()),
            ..col("v", SqlType::Varchar(Some(40)))
        },
        col("tx", SqlType::Text),
        col("lt", SqlType::Text),
        col("bl", SqlType::Bytea),
        col("u", SqlType::Uuid),
        col("j", SqlType::Json),
        col("dt", SqlType::Date),
        col("tm", SqlType::Time),
        not_null(with_default(
            col("ts", SqlType::Timestamp),
            Expr("CURRENT_TIMESTAMP".into()),
        )),
        col("dtt", SqlType::Named("datetime".into())),
        with_default(
            col("e", SqlType::Named(r"enum('a','it''s','b\\c')".into())),
            Text("a".into()),
        ),
        generated(col("g", SqlType::Integer), "`s` * 2"),
        generated(col("gs", SqlType::Integer), "`s` + 1"),
        with_default(col("nv", SqlType::Varchar(Some(10))), Text("NULL".into())),
        with_default(col("ex", SqlType::Varchar(Some(36))), Expr("uuid()".into())),
        col("pid", SqlType::Integer),
        col("pcode", SqlType::Varchar(Some(20))),
    ];
    Table {
        primary_key: primary(&["id"]),
        uniques: vec![UniqueConstraint {
            name: "t_tx_u".into(),
            columns: strings(&["tx"]),
        }],
        foreign_keys: vec![
            ForeignKey {
                on_delete: FkAction::NoAction,
                on_update: FkAction::SetNull,
                ..fk("t_pcode_fk", &["pcode"], "parent", &["code"])
            },
            ForeignKey {
                on_delete: FkAction::Cascade,
                ..fk("t_pid_fk", &["pid"], "parent", &["id"])
            },
        ],
        indexes: vec![
            Index {
                name: "t_c_prefix_key".into(),
                parts: vec![IndexPart {
                    prefix: Some(2),
                    ..IndexPart::column("c")
                }],
                unique: true,
                method: IndexMethod::BTree,
                predicate: None,
            },
            Index {
                name: "t_pcode_idx".into(),
                parts: vec![IndexPart::column("pcode")],
                unique: false,
                method: IndexMethod::BTree,
                predicate: None,
            },
            Index {
                name: "t_tx_ft".into(),
                parts: vec![IndexPart::column("tx")],
                unique: false,
                method: IndexMethod::FullText,
                predicate: None,
            },
            Index {
                name: "t_v_prefix".into(),
                parts: vec![
                    IndexPart {
                        prefix: Some(10),
                        ..IndexPart::column("v")
                    },
                    IndexPart {
                        key: IndexKey::Column("dt".into()),
                        descending: true,
                        prefix: None,
                    },
                ],
                unique: false,
                method: IndexMethod::BTree,
                predicate: None,
            },
        ],
        checks: vec![Check {
            name: "t_s_check".into(),
            expr: "`s` > -10".into(),
        }],
        ..table("t", columns)
    }
}

fn expected_t2() -> Table {
    Table {
        foreign_keys: vec![
            ForeignKey {
                on_delete: FkAction::SetNull,
                ..fk("fk2", &["code"], "parent", &["code"])
            },
            fk("t2_ibfk_1", &["pid"], "parent", &["id"]),
        ],
        ..table(
            "t2",
            vec![
                col("pid", SqlType::Integer),
                col("code", SqlType::Varchar(Some(20))),
            ],
        )
    }
}

#[tokio::test]
async fn every_mapping_reads_back_as_the_contract_says() {
    in_scratch_database(|db| async move {
        run(&db, EVERY_MAPPING).await;
        let live = introspect_mysql(&db).await.expect("introspect");
        let names: Vec<&str> = live.tables.iter().map(|t| t.name.as_str()).collect();
        // The tracking table and the view are not part of the schema.
        assert_eq!(names, ["parent", "t", "t2"]);
        assert_eq!(live.tables[0], expected_parent());
        let t = &live.tables[1];
        let expected = expected_t();
        for (read, want) in t.columns.iter().zip(&expected.columns) {
            assert_eq!(read, want, "column {}", want.name);
        }
        assert_eq!(*t, expected);
        assert_eq!(live.tables[2], expected_t2());

        // What the mapping leaves out is there on the server: the JSON alias's CHECK, the
        // HASH of the long UNIQUE, the indexes backing the foreign keys.
        let t_ddl = show_create(&db, "t").await;
        assert!(t_ddl.contains("CHECK (json_valid(`j`))"), "{t_ddl}");
        assert!(
            t_ddl.contains("UNIQUE KEY `t_tx_u` (`tx`) USING HASH"),
            "{t_ddl}"
        );
        assert!(t_ddl.contains("KEY `t_pid_fk` (`pid`)"), "{t_ddl}");
        let t2_ddl = show_create(&db, "t2").await;
        assert!(t2_ddl.contains("KEY `pid` (`pid`)"), "{t2_ddl}");
        assert!(t2_ddl.contains("KEY `fk2` (`code`)"), "{t2_ddl}");
    })
    .await;
}

#[tokio::test]
async fn columns_built_by_sea_query_read_back_as_portable_types() {
    in_scratch_database(|db| async move {
        let labels = strings(&["draft", "Published", "it's"]);
        let create = TableStmt::create()
            .table(Alias::new("built"))
            .col(
                ColumnDef::new(Alias::new("id"))
                    .uuid()
                    .not_null()
                    .primary_key(),
            )
            .col(ColumnDef::new(Alias::new("payload")).json().not_null())
            .col(ColumnDef::new(Alias::new("payload_b")).json_binary())
            .col(
                ColumnDef::new(Alias::new("state"))
                    .enumeration(Alias::new("state"), labels.iter().map(Alias::new))
                    .not_null(),
            )
            .col(ColumnDef::new(Alias::new("at")).timestamp().not_null())
            .col(
                ColumnDef::new(Alias::new("on"))
                    .boolean()
                    .not_null()
                    .default(false),
            )
            .col(
                ColumnDef::new(Alias::new("n"))
                    .integer()
                    .not_null()
                    .auto_increment()
                    .unique_key(),
            )
            .col(
                ColumnDef::new(Alias::new("label"))
                    .string_len(30)
                    .default("x"),
            )
            .to_owned();
        // sea-query 1.0 writes enum labels into the DDL without doubling their quotes, so
        // the one label with a quote is doubled here, as a migration would have to.
        let sql = DbBackend::MySql.build(&create).to_string();
        assert!(sql.contains("'it's'"), "{sql}");
        let sql = sql.replace("'it's'", "'it''s'");
        db.execute_unprepared(&sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));

        let live = introspect_mysql(&db).await.expect("introspect");
        let built = live.table("built").expect("the table");
        let ty = |name: &str| built.column(name).expect(name).ty.clone();
        assert_eq!(ty("id"), SqlType::Uuid);
        assert_eq!(ty("payload"), SqlType::Json);
        assert_eq!(ty("payload_b"), SqlType::Json);
        assert_eq!(ty("state"), enum_column_type(&labels));
        assert_eq!(ty("at"), SqlType::Timestamp);
        assert_eq!(ty("on"), SqlType::Boolean);
        assert_eq!(ty("n"), SqlType::Integer);
        assert_eq!(ty("label"), SqlType::Varchar(Some(30)));
        assert_eq!(
            built.column("on").unwrap().default,
            Some(DefaultValue::Bool(false))
        );
        assert_eq!(
            built.column("n").unwrap().default,
            Some(DefaultValue::AutoIncrement)
        );
        assert_eq!(
            built.column("label").unwrap().default,
            Some(DefaultValue::Text("x".into()))
        );
        // No CHECK of MariaDB's JSON alias leaks into the model.
        assert!(built.checks.is_empty(), "{:?}", built.checks);
        assert_eq!(built.primary_key, primary(&["id"]));
        assert_eq!(built.uniques.len(), 1, "{:?}", built.uniques);
        assert_eq!(built.uniques[0].columns, strings(&["n"]));
        // The server agrees: a uuid is binary(16).
        assert_eq!(column_type(&db, "built", "id").await, "binary(16)");
    })
    .await;
}

#[tokio::test]
async fn enum_column_type_is_what_the_server_reports() {
    in_scratch_database(|db| async move {
        let labels = strings(&[
            "plain",
            "Mixed Case",
            "it's",
            "two''quotes",
            r"back\slash",
            "comma,inside",
            "paren)",
            "ünïcode",
            "",
        ]);
        let quoted: Vec<String> = labels
            .iter()
            .map(|l| format!("'{}'", l.replace('\\', "\\\\").replace('\'', "''")))
            .collect();
        run(
            &db,
            &format!("CREATE TABLE e (x enum({}) NOT NULL)", quoted.join(", ")),
        )
        .await;
        let SqlType::Named(expected) = enum_column_type(&labels) else {
            panic!("an enum is a named type");
        };
        assert_eq!(column_type(&db, "e", "x").await, expected);
        let live = introspect_mysql(&db).await.expect("introspect");
        assert_eq!(
            live.table("e").unwrap().column("x").unwrap().ty,
            enum_column_type(&labels)
        );
    })
    .await;
}

#[tokio::test]
async fn the_number_of_queries_does_not_grow_with_the_tables() {
    in_scratch_database(|db| async move {
        let tables = |from: usize, to: usize| -> String {
            (from..to)
                .map(|n| {
                    format!(
                        "CREATE TABLE t{n} (id int AUTO_INCREMENT PRIMARY KEY, \
                         ref int, name varchar(20) UNIQUE, CHECK (ref > 0), \
                         FOREIGN KEY (ref) REFERENCES t0 (id), INDEX t{n}_name (name, ref));\n"
                    )
                })
                .collect()
        };
        run(&db, &tables(0, 2)).await;
        let (few, few_stats) = introspect_mysql_with_stats(&db).await.expect("introspect");
        run(&db, &tables(2, 40)).await;
        let (many, many_stats) = introspect_mysql_with_stats(&db).await.expect("introspect");
        assert_eq!(few.tables.len(), 2);
        assert_eq!(many.tables.len(), 40);
        assert_eq!(few_stats.queries, 7, "{few_stats:?}");
        assert_eq!(many_stats.queries, few_stats.queries, "{many_stats:?}");
        assert!(many_stats.rows > few_stats.rows);
        let t7 = many.table("t7").unwrap();
        assert_eq!(t7.foreign_keys.len(), 1);
        assert_eq!(t7.checks.len(), 1);
        assert_eq!(t7.indexes.len(), 1, "{:?}", t7.indexes);
        assert_eq!(t7.uniques.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_connection_without_a_database_is_one_clear_error() {
    let db = Database::connect(server()).await.expect("connect");
    let error = introspect_mysql(&db)
        .await
        .expect_err("no current database");
    let message = error.to_string();
    assert!(message.contains("no current database"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");

    let sqlite = Database::connect("sqlite::memory:").await.expect("sqlite");
    let error = introspect_mysql(&sqlite).await.expect_err("not MySQL");
    assert!(error.to_string().contains("MySQL or MariaDB"), "{error}");
}
