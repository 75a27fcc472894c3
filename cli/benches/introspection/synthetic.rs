//! `synthetic` builds a schema of N tables shaped like an application's: about 20 columns of
//! mixed types, a primary key, foreign keys to earlier tables, a unique constraint, plain,
//! descending and partial indexes, two checks, two enums, comments. `build_sqlite` builds the
//! same tables on SQLite, without what SQLite lacks (enums become text, arrays JSON, no
//! comments), with the column types the migrations' builder writes there.

use std::fmt::Write;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

/// `TABLES_PER_BATCH` is how many tables go into one simple-protocol round trip: few round
/// trips keep building 5,000 tables within a minute or two, while a batch's locks (one per
/// new relation, held to commit) stay far below `max_locks_per_transaction` × connections.
const TABLES_PER_BATCH: usize = 100;

/// `build` creates the enums and `tables` tables in `db` (not timed by the benchmark).
pub async fn build(db: &DatabaseConnection, tables: usize) -> Result<(), DbErr> {
    db.execute_unprepared(
        "CREATE TYPE bench_status AS ENUM ('draft', 'active', 'archived');\n\
         CREATE TYPE bench_priority AS ENUM ('low', 'normal', 'high', 'urgent')",
    )
    .await?;
    let mut start = 0;
    while start < tables {
        let end = (start + TABLES_PER_BATCH).min(tables);
        let mut batch = String::new();
        for i in start..end {
            batch.push_str(&table_sql(i));
        }
        db.execute_unprepared(&batch).await?;
        start = end;
    }
    // Fresh statistics, as on a database that has been running: the planner's choices for the
    // catalog queries (ours and sea-schema's) then match a real server's.
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

/// `table_name` is the name of table `i`; zero-padded so name order is creation order.
pub fn table_name(i: usize) -> String {
    format!("t_{i:05}")
}

/// `table_sql` is the DDL of table `i`: the table, then its indexes and comment. Table `i`
/// refers to table `i - 1` and table `i / 2`, so foreign keys reach back both near and far.
fn table_sql(i: usize) -> String {
    let t = table_name(i);
    let (parent_fk, owner_fk) = match i {
        0 => (String::new(), String::new()),
        _ => (
            format!(" REFERENCES {} (id) ON DELETE CASCADE", table_name(i - 1)),
            format!(" REFERENCES {} (id) ON DELETE SET NULL", table_name(i / 2)),
        ),
    };
    let mut sql = String::with_capacity(2048);
    let _ = write!(
        sql,
        "CREATE TABLE {t} (\n\
           id bigserial PRIMARY KEY,\n\
           parent_id bigint{parent_fk},\n\
           owner_id bigint{owner_fk},\n\
           code varchar(64) NOT NULL,\n\
           name varchar(200) NOT NULL,\n\
           status bench_status NOT NULL DEFAULT 'active',\n\
           priority bench_priority,\n\
           amount numeric(12, 2) NOT NULL DEFAULT 0,\n\
           quantity integer NOT NULL DEFAULT 0,\n\
           ratio double precision,\n\
           score real,\n\
           small_count smallint,\n\
           is_active boolean NOT NULL DEFAULT true,\n\
           created_at timestamptz NOT NULL DEFAULT now(),\n\
           updated_at timestamp,\n\
           due_on date,\n\
           payload jsonb NOT NULL DEFAULT '{{}}'::jsonb,\n\
           tags text[],\n\
           external_id uuid,\n\
           notes text,\n\
           CONSTRAINT {t}_code_key UNIQUE (code),\n\
           CONSTRAINT {t}_amount_check CHECK (amount >= 0),\n\
           CONSTRAINT {t}_quantity_check CHECK (quantity BETWEEN 0 AND 1000000)\n\
         );\n\
         CREATE INDEX {t}_name_idx ON {t} (name);\n\
         CREATE INDEX {t}_parent_id_created_at_idx ON {t} (parent_id, created_at DESC);\n\
         CREATE UNIQUE INDEX {t}_external_id_key ON {t} (external_id) WHERE external_id IS NOT NULL;\n\
         COMMENT ON TABLE {t} IS 'Synthetic table {i}';\n"
    );
    sql
}

/// `build_sqlite` creates `tables` tables in the SQLite database of `db`, in one transaction
/// (not timed by the benchmark).
pub async fn build_sqlite(db: &DatabaseConnection, tables: usize) -> Result<(), DbErr> {
    let mut sql = String::from("BEGIN;\n");
    for i in 0..tables {
        sql.push_str(&sqlite_table_sql(i));
    }
    sql.push_str("COMMIT;\n");
    // No `ANALYZE`: the catalog is read through `sqlite_master` and pragmas, which statistics
    // do not change, and sea-schema would list its `sqlite_stat1` as a table.
    db.execute_unprepared(&sql).await?;
    Ok(())
}

/// `sqlite_table_sql` is `table_sql`'s table on SQLite, written as sea-query writes a table
/// there: the integer primary key is the row id (`AUTOINCREMENT`, as for an auto-increment
/// key), the enums are `varchar`, `text[]` is JSON, the foreign keys are table constraints.
fn sqlite_table_sql(i: usize) -> String {
    let t = table_name(i);
    let foreign_keys = match i {
        0 => String::new(),
        _ => format!(
            ",\n  FOREIGN KEY (\"parent_id\") REFERENCES \"{}\" (\"id\") ON DELETE CASCADE,\n  \
             FOREIGN KEY (\"owner_id\") REFERENCES \"{}\" (\"id\") ON DELETE SET NULL",
            table_name(i - 1),
            table_name(i / 2)
        ),
    };
    let mut sql = String::with_capacity(2048);
    let _ = write!(
        sql,
        "CREATE TABLE \"{t}\" (\n\
           \"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n\
           \"parent_id\" bigint NULL,\n\
           \"owner_id\" bigint NULL,\n\
           \"code\" varchar(64) NOT NULL,\n\
           \"name\" varchar(200) NOT NULL,\n\
           \"status\" varchar(16) NOT NULL DEFAULT 'active',\n\
           \"priority\" varchar(16) NULL,\n\
           \"amount\" real(12, 2) NOT NULL DEFAULT 0,\n\
           \"quantity\" integer NOT NULL DEFAULT 0,\n\
           \"ratio\" double NULL,\n\
           \"score\" float NULL,\n\
           \"small_count\" smallint NULL,\n\
           \"is_active\" boolean NOT NULL DEFAULT TRUE,\n\
           \"created_at\" timestamp_with_timezone_text NOT NULL DEFAULT (CURRENT_TIMESTAMP),\n\
           \"updated_at\" timestamp_text NULL,\n\
           \"due_on\" date_text NULL,\n\
           \"payload\" jsonb_text NOT NULL DEFAULT '{{}}',\n\
           \"tags\" json_text NULL,\n\
           \"external_id\" uuid_text NULL,\n\
           \"notes\" text NULL,\n\
           CONSTRAINT \"{t}_code_key\" UNIQUE (\"code\"),\n\
           CONSTRAINT \"{t}_amount_check\" CHECK (\"amount\" >= 0),\n\
           CONSTRAINT \"{t}_quantity_check\" CHECK (\"quantity\" BETWEEN 0 AND 1000000){foreign_keys}\n\
         );\n\
         CREATE INDEX \"{t}_name_idx\" ON \"{t}\" (\"name\");\n\
         CREATE INDEX \"{t}_parent_id_created_at_idx\" ON \"{t}\" (\"parent_id\", \"created_at\" DESC);\n\
         CREATE UNIQUE INDEX \"{t}_external_id_key\" ON \"{t}\" (\"external_id\") WHERE \"external_id\" IS NOT NULL;\n"
    );
    sql
}

/// `build_mysql` creates `tables` tables in the current database of the MySQL/MariaDB `db`,
/// a batch of tables per round trip (not timed by the benchmark).
pub async fn build_mysql(db: &DatabaseConnection, tables: usize) -> Result<(), DbErr> {
    let mut start = 0;
    while start < tables {
        let end = (start + TABLES_PER_BATCH).min(tables);
        let batch: String = (start..end).map(mysql_table_sql).collect();
        db.execute_unprepared(&batch).await?;
        start = end;
    }
    Ok(())
}

/// `mysql_table_sql` is `table_sql`'s table on MySQL/MariaDB, written as sea-query writes a
/// table there: `AUTO_INCREMENT` key, inline `ENUM`s, `json` (MariaDB's alias adds its CHECK),
/// `binary(16)` for the uuid, the comment in the table options. There are no partial indexes,
/// so the external id's is a plain UNIQUE index; the foreign key on `owner_id` gets the index
/// the server makes for it, the one on `parent_id` uses the two-column index.
fn mysql_table_sql(i: usize) -> String {
    let t = table_name(i);
    let foreign_keys = match i {
        0 => String::new(),
        _ => format!(
            ",\n  CONSTRAINT `{t}_parent_id_fkey` FOREIGN KEY (`parent_id`) REFERENCES `{}` (`id`) ON DELETE CASCADE,\n  \
             CONSTRAINT `{t}_owner_id_fkey` FOREIGN KEY (`owner_id`) REFERENCES `{}` (`id`) ON DELETE SET NULL",
            table_name(i - 1),
            table_name(i / 2)
        ),
    };
    let mut sql = String::with_capacity(2048);
    let _ = write!(
        sql,
        "CREATE TABLE `{t}` (\n\
           `id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,\n\
           `parent_id` bigint NULL,\n\
           `owner_id` bigint NULL,\n\
           `code` varchar(64) NOT NULL,\n\
           `name` varchar(200) NOT NULL,\n\
           `status` ENUM('draft', 'active', 'archived') NOT NULL DEFAULT 'active',\n\
           `priority` ENUM('low', 'normal', 'high', 'urgent') NULL,\n\
           `amount` decimal(12, 2) NOT NULL DEFAULT 0,\n\
           `quantity` int NOT NULL DEFAULT 0,\n\
           `ratio` double NULL,\n\
           `score` float NULL,\n\
           `small_count` smallint NULL,\n\
           `is_active` bool NOT NULL DEFAULT TRUE,\n\
           `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\
           `updated_at` datetime NULL,\n\
           `due_on` date NULL,\n\
           `payload` json NOT NULL DEFAULT ('{{}}'),\n\
           `tags` json NULL,\n\
           `external_id` binary(16) NULL,\n\
           `notes` text NULL,\n\
           CONSTRAINT `{t}_code_key` UNIQUE (`code`),\n\
           CONSTRAINT `{t}_amount_check` CHECK (`amount` >= 0),\n\
           CONSTRAINT `{t}_quantity_check` CHECK (`quantity` BETWEEN 0 AND 1000000),\n\
           INDEX `{t}_name_idx` (`name`),\n\
           INDEX `{t}_parent_id_created_at_idx` (`parent_id`, `created_at` DESC),\n\
           UNIQUE INDEX `{t}_external_id_key` (`external_id`){foreign_keys}\n\
         ) COMMENT 'Synthetic table {i}';\n"
    );
    sql
}
