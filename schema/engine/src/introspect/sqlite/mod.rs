//! SQLite introspection: SQLite's own catalog read into the same model as PostgreSQL's.
//!
//! Four queries, however many tables: the `sqlite_master` rows of tables and indexes (their
//! stored CREATE statements), then columns, indexes with their key parts, and foreign keys,
//! each with one table-valued pragma (`pragma_table_xinfo`, `pragma_index_list` joined with
//! `pragma_index_xinfo`, `pragma_foreign_key_list`) joined with `sqlite_master`. What the
//! pragmas do not report (constraint names, CHECKs, the expressions of generated columns,
//! index keys and predicates) is read from the CREATE statements ([`ddl`]).
//!
//! SQLite keeps less than PostgreSQL, so some values are invented or lost:
//!
//! - a primary key, UNIQUE constraint, foreign key or CHECK written without `CONSTRAINT name`
//!   has no name in SQLite; it gets the name PostgreSQL would give it
//!   ([`primary_key_name`], [`unique_name`], [`foreign_key_name`], `<table>[_<column>]_check`),
//!   numbered (`…_fkey1`) when that name is taken in the table;
//! - a generated column's expression is kept but not whether it is `STORED` or `VIRTUAL`
//!   (the model has stored ones only);
//! - comments, index methods (every index is a B-tree), collations, the sort order of
//!   primary key and UNIQUE columns, and deferrability and `MATCH` of foreign keys do not
//!   reach the model; virtual tables (and `sqlite_` tables) are left out.
//!
//! [`primary_key_name`]: crate::model::primary_key_name
//! [`unique_name`]: crate::model::unique_name
//! [`foreign_key_name`]: crate::model::foreign_key_name

mod ddl;
mod defaults;
mod types;

use std::collections::{BTreeSet, HashMap};

use schema_ddl::IndexMethod;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement};

use super::assemble::empty_table;
use super::{IntrospectStats, is_tracking_table};
use crate::model::{
    Check, Column, FkAction, ForeignKey, Index, IndexKey, IndexPart, PrimaryKey, Schema, SqlExpr,
    Table, UniqueConstraint, foreign_key_name, make_object_name, primary_key_name, unique_name,
};
use ddl::{IndexDdl, TableDdl, parse_create_index, parse_create_table};

/// The stored CREATE statements of tables and indexes.
const OBJECTS_SQL: &str = "SELECT type, name, sql FROM sqlite_master \
     WHERE type IN ('table', 'index') AND sql IS NOT NULL ORDER BY name";

/// Columns in order, with the hidden ones (generated columns: `hidden` 2 virtual, 3 stored).
const COLUMNS_SQL: &str = r#"SELECT m.name AS table_name, p.cid AS cid, p.name AS name,
       p.type AS declared, p."notnull" AS not_null, p.dflt_value AS dflt_value,
       p.pk AS pk, p.hidden AS hidden
  FROM sqlite_master m JOIN pragma_table_xinfo(m.name, 'main') p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
   AND m.sql NOT LIKE 'CREATE VIRTUAL %'
 ORDER BY m.name, p.cid"#;

/// Every index with its key parts (`key = 1`: not the row id or primary key columns SQLite
/// appends); `origin` is `pk`, `u` (a UNIQUE constraint) or `c` (`CREATE INDEX`).
const INDEXES_SQL: &str = r#"SELECT m.name AS table_name, il.name AS index_name,
       il."unique" AS is_unique, il.origin AS origin, il.partial AS partial,
       ix.seqno AS seqno, ix.cid AS cid, ix.name AS column_name, ix."desc" AS descending
  FROM sqlite_master m
  JOIN pragma_index_list(m.name, 'main') il
  JOIN pragma_index_xinfo(il.name, 'main') ix
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
   AND m.sql NOT LIKE 'CREATE VIRTUAL %' AND ix.key = 1
 ORDER BY m.name, il.name, ix.seqno"#;

/// Foreign keys, one row per column pair; `to` is NULL when the clause names no columns.
const FOREIGN_KEYS_SQL: &str = r#"SELECT m.name AS table_name, f.id AS id, f.seq AS seq,
       f."table" AS ref_table, f."from" AS from_column, f."to" AS to_column,
       f.on_update AS on_update, f.on_delete AS on_delete
  FROM sqlite_master m JOIN pragma_foreign_key_list(m.name, 'main') f
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
   AND m.sql NOT LIKE 'CREATE VIRTUAL %'
 ORDER BY m.name, f.id, f.seq"#;

/// `introspect_sqlite` reads the main database of the connected SQLite database into the
/// model, in four queries whatever the number of tables. Migration tracking tables,
/// `sqlite_` tables and virtual tables are left out. Tables come sorted by name, columns in
/// their order, constraints and indexes sorted by name.
pub async fn introspect_sqlite<C: ConnectionTrait>(
    db: &C,
) -> Result<(Schema, IntrospectStats), DbErr> {
    let backend = db.get_database_backend();
    if backend != DbBackend::Sqlite {
        return Err(DbErr::Custom(format!(
            "introspect_sqlite needs an SQLite connection, not {backend:?}"
        )));
    }
    let mut catalog = Catalog {
        db,
        stats: IntrospectStats::default(),
    };
    let mut reader = Reader::default();
    for row in catalog.rows(OBJECTS_SQL).await? {
        reader.object(&row)?;
    }
    for row in catalog.rows(COLUMNS_SQL).await? {
        reader.column(&row)?;
    }
    reader.primary_keys();
    let index_rows = catalog.rows(INDEXES_SQL).await?;
    reader.indexes(&index_rows)?;
    let fk_rows = catalog.rows(FOREIGN_KEYS_SQL).await?;
    reader.foreign_keys(&fk_rows)?;
    reader.checks();
    Ok((reader.finish(), catalog.stats))
}

/// `Catalog` runs and counts the queries of one introspection.
struct Catalog<'a, C> {
    db: &'a C,
    stats: IntrospectStats,
}

impl<C: ConnectionTrait> Catalog<'_, C> {
    async fn rows(&mut self, sql: &str) -> Result<Vec<QueryResult>, DbErr> {
        let rows = self
            .db
            .query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
            .await?;
        self.stats.queries += 1;
        self.stats.rows += rows.len();
        Ok(rows)
    }
}

/// `TableState` is a table being read: the model so far, what its CREATE statement says,
/// its primary key columns by position, and the constraint names taken.
struct TableState {
    table: Table,
    ddl: TableDdl,
    pk_columns: Vec<(i64, String)>,
    /// Whether a primary key column is declared exactly `INTEGER` (a row id alias if alone).
    declared_integer_key: bool,
    used_names: BTreeSet<String>,
}

/// `Reader` assembles the model from the query rows.
#[derive(Default)]
struct Reader {
    tables: Vec<TableState>,
    by_name: HashMap<String, usize>,
    /// Tables by ASCII-lower-cased name: SQLite resolves a reference case-insensitively.
    by_folded_name: HashMap<String, usize>,
    index_sql: HashMap<String, String>,
}

impl Reader {
    fn table_mut(&mut self, name: &str) -> Option<&mut TableState> {
        let i = *self.by_name.get(name)?;
        Some(&mut self.tables[i])
    }

    /// `object` takes one `sqlite_master` row: a table to read, or an index's statement.
    fn object(&mut self, row: &QueryResult) -> Result<(), DbErr> {
        let kind: String = row.try_get("", "type")?;
        let name: String = row.try_get("", "name")?;
        let sql: String = row.try_get("", "sql")?;
        if kind == "index" {
            self.index_sql.insert(name, sql);
            return Ok(());
        }
        let is_virtual = sql
            .get(..14)
            .is_some_and(|head| head.eq_ignore_ascii_case("CREATE VIRTUAL"));
        if name.starts_with("sqlite_") || is_virtual || is_tracking_table(&name) {
            return Ok(());
        }
        let ddl = parse_create_table(&sql).unwrap_or_default();
        // Names written in the statement are taken before any is invented.
        let used_names = ddl
            .primary_key_name
            .iter()
            .chain(ddl.uniques.iter().filter_map(|u| u.name.as_ref()))
            .chain(ddl.foreign_keys.iter().filter_map(|f| f.name.as_ref()))
            .chain(ddl.checks.iter().filter_map(|c| c.name.as_ref()))
            .cloned()
            .collect();
        self.by_name.insert(name.clone(), self.tables.len());
        self.by_folded_name
            .insert(name.to_ascii_lowercase(), self.tables.len());
        self.tables.push(TableState {
            table: empty_table(name, None),
            ddl,
            pk_columns: Vec::new(),
            declared_integer_key: false,
            used_names,
        });
        Ok(())
    }

    /// `column` takes one `pragma_table_xinfo` row.
    fn column(&mut self, row: &QueryResult) -> Result<(), DbErr> {
        let table_name: String = row.try_get("", "table_name")?;
        let Some(state) = self.table_mut(&table_name) else {
            return Ok(());
        };
        let name: String = row.try_get("", "name")?;
        let declared: String = row
            .try_get::<Option<String>>("", "declared")?
            .unwrap_or_default();
        let not_null: i64 = row.try_get("", "not_null")?;
        let dflt: Option<String> = row.try_get("", "dflt_value")?;
        let pk: i64 = row.try_get("", "pk")?;
        let hidden: i64 = row.try_get("", "hidden")?;
        let ty = types::sql_type(&declared);
        let generated = if matches!(hidden, 2 | 3) {
            let expr = state
                .ddl
                .columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(&name))
                .and_then(|c| c.generated.clone())
                .ok_or_else(|| {
                    DbErr::Custom(format!(
                        "introspection: no expression found for the generated column \
                         \"{table_name}\".\"{name}\""
                    ))
                })?;
            Some(SqlExpr::from(expr))
        } else {
            None
        };
        if pk > 0 {
            state.pk_columns.push((pk, name.clone()));
            state.declared_integer_key |= declared.eq_ignore_ascii_case("integer");
        }
        state.table.columns.push(Column {
            default: dflt.and_then(|d| defaults::default_value(&d, &ty)),
            name,
            ty,
            nullable: not_null == 0,
            generated,
            comment: None,
        });
        Ok(())
    }

    /// `primary_keys` builds each table's primary key from its columns' positions. SQLite
    /// keeps a primary key's name only when written `CONSTRAINT name PRIMARY KEY`; otherwise
    /// the key gets PostgreSQL's default name, `<table>_pkey`.
    fn primary_keys(&mut self) {
        for state in &mut self.tables {
            if state.pk_columns.is_empty() {
                continue;
            }
            state.pk_columns.sort();
            let columns: Vec<String> = state.pk_columns.iter().map(|(_, c)| c.clone()).collect();
            // SQLite lets a primary key column of a rowid table hold NULL unless it is written
            // NOT NULL, except the row id itself (a lone `INTEGER` key) and in a `WITHOUT
            // ROWID` table: those columns read NOT NULL, which is what they enforce.
            let row_id = columns.len() == 1 && state.declared_integer_key;
            if row_id || state.ddl.without_rowid {
                for c in &mut state.table.columns {
                    if columns.contains(&c.name) {
                        c.nullable = false;
                    }
                }
            }
            let name = match state.ddl.primary_key_name.clone() {
                Some(name) => name,
                None => {
                    let table = state.table.name.clone();
                    invent(
                        &mut state.used_names,
                        primary_key_name(&table),
                        &table,
                        None,
                        "pkey",
                    )
                }
            };
            state.table.primary_key = Some(PrimaryKey { name, columns });
        }
    }

    /// `indexes` takes the index rows, one per key part, grouped by table and index: UNIQUE
    /// constraints (origin `u`) and indexes (origin `c`); primary key indexes are the key.
    fn indexes(&mut self, rows: &[QueryResult]) -> Result<(), DbErr> {
        let mut groups: Vec<(String, String, Vec<&QueryResult>)> = Vec::new();
        for row in rows {
            let table: String = row.try_get("", "table_name")?;
            let index: String = row.try_get("", "index_name")?;
            match groups.last_mut() {
                Some((t, i, parts)) if *t == table && *i == index => parts.push(row),
                _ => groups.push((table, index, vec![row])),
            }
        }
        for (table_name, index_name, parts) in groups {
            let origin: String = parts[0].try_get("", "origin")?;
            let unique: i64 = parts[0].try_get("", "is_unique")?;
            let partial: i64 = parts[0].try_get("", "partial")?;
            let ddl = self
                .index_sql
                .get(&index_name)
                .and_then(|sql| parse_create_index(sql))
                .unwrap_or_default();
            let Some(state) = self.table_mut(&table_name) else {
                continue;
            };
            match origin.as_str() {
                "pk" => {}
                "u" => {
                    let columns = parts
                        .iter()
                        .map(|p| p.try_get::<Option<String>>("", "column_name"))
                        .collect::<Result<Option<Vec<_>>, _>>()?
                        .unwrap_or_default();
                    state.unique(columns);
                }
                _ => {
                    let parts = parts
                        .iter()
                        .map(|p| index_part(p, &ddl, &index_name))
                        .collect::<Result<_, _>>()?;
                    state.used_names.insert(index_name.clone());
                    state.table.indexes.push(Index {
                        name: index_name,
                        parts,
                        unique: unique != 0,
                        method: IndexMethod::BTree,
                        predicate: (partial != 0)
                            .then_some(ddl.predicate)
                            .flatten()
                            .map(SqlExpr::from),
                    });
                }
            }
        }
        Ok(())
    }

    /// `foreign_keys` takes the foreign key rows, one per column pair, grouped by table and
    /// key id. A key whose clause names no referenced columns references the primary key.
    fn foreign_keys(&mut self, rows: &[QueryResult]) -> Result<(), DbErr> {
        let mut keys: Vec<(String, i64, RawForeignKey)> = Vec::new();
        for row in rows {
            let table: String = row.try_get("", "table_name")?;
            let id: i64 = row.try_get("", "id")?;
            let from: String = row.try_get("", "from_column")?;
            let to: Option<String> = row.try_get("", "to_column")?;
            match keys.last_mut() {
                Some((t, i, key)) if *t == table && *i == id => {
                    key.columns.push(from);
                    key.ref_columns.push(to);
                }
                _ => {
                    let on_delete: String = row.try_get("", "on_delete")?;
                    let on_update: String = row.try_get("", "on_update")?;
                    let key = RawForeignKey {
                        columns: vec![from],
                        ref_table: row.try_get("", "ref_table")?,
                        ref_columns: vec![to],
                        on_delete: fk_action(&on_delete),
                        on_update: fk_action(&on_update),
                    };
                    keys.push((table, id, key));
                }
            }
        }
        for (table_name, _, key) in keys {
            let (ref_table, ref_columns) = self.resolve_reference(&key);
            let Some(state) = self.table_mut(&table_name) else {
                continue;
            };
            state.foreign_key(key, ref_table, ref_columns);
        }
        Ok(())
    }

    /// `resolve_reference` is the referenced table and columns as the referenced table
    /// spells them (SQLite names are case-insensitive), or as written when it is not there.
    fn resolve_reference(&self, key: &RawForeignKey) -> (String, Vec<String>) {
        let target = self
            .by_folded_name
            .get(&key.ref_table.to_ascii_lowercase())
            .map(|&i| &self.tables[i]);
        let Some(target) = target else {
            let columns = key.ref_columns.iter().flatten().cloned().collect();
            return (key.ref_table.clone(), columns);
        };
        let columns = if key.ref_columns.iter().all(Option::is_some) {
            key.ref_columns
                .iter()
                .flatten()
                .map(|c| {
                    target
                        .table
                        .columns
                        .iter()
                        .find(|tc| tc.name.eq_ignore_ascii_case(c))
                        .map_or_else(|| c.clone(), |tc| tc.name.clone())
                })
                .collect()
        } else {
            target
                .table
                .primary_key
                .as_ref()
                .map(|pk| pk.columns.clone())
                .unwrap_or_default()
        };
        (target.table.name.clone(), columns)
    }

    /// `checks` takes each table's CHECK constraints from its CREATE statement.
    fn checks(&mut self) {
        for state in &mut self.tables {
            let table = state.table.name.clone();
            for check in std::mem::take(&mut state.ddl.checks) {
                let name = match check.name {
                    Some(name) => name,
                    None => {
                        let column = check.column.as_deref();
                        let first = make_object_name(&table, column, "check");
                        invent(&mut state.used_names, first, &table, column, "check")
                    }
                };
                state.table.checks.push(Check {
                    name,
                    expr: SqlExpr::from(check.expr),
                });
            }
        }
    }

    /// `finish` is the schema, everything sorted as the PostgreSQL introspection sorts it.
    fn finish(self) -> Schema {
        let mut tables: Vec<Table> = self.tables.into_iter().map(|s| s.table).collect();
        tables.sort_by(|a, b| a.name.cmp(&b.name));
        for t in &mut tables {
            t.uniques.sort_by(|a, b| a.name.cmp(&b.name));
            t.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
            t.indexes.sort_by(|a, b| a.name.cmp(&b.name));
            t.checks.sort_by(|a, b| a.name.cmp(&b.name));
        }
        Schema {
            tables,
            ..Schema::default()
        }
    }
}

/// `RawForeignKey` is a foreign key as `pragma_foreign_key_list` reports it.
struct RawForeignKey {
    columns: Vec<String>,
    ref_table: String,
    ref_columns: Vec<Option<String>>,
    on_delete: FkAction,
    on_update: FkAction,
}

impl TableState {
    /// `unique` adds the UNIQUE constraint on `columns`, named as its CREATE statement names
    /// it, else `<table>_<columns>_key`.
    fn unique(&mut self, columns: Vec<String>) {
        let written = self
            .ddl
            .uniques
            .iter()
            .position(|u| same_names(&u.columns, &columns));
        let name = match written.map(|i| self.ddl.uniques.remove(i).name) {
            Some(Some(name)) => name,
            _ => {
                let table = &self.table.name;
                let first = unique_name(table, &columns);
                invent(
                    &mut self.used_names,
                    first,
                    table,
                    Some(&columns.join("_")),
                    "key",
                )
            }
        };
        self.table.uniques.push(UniqueConstraint { name, columns });
    }

    /// `foreign_key` adds a foreign key, named as its CREATE statement names it, else
    /// `<table>_<columns>_fkey`.
    fn foreign_key(&mut self, key: RawForeignKey, ref_table: String, ref_columns: Vec<String>) {
        let written = self.ddl.foreign_keys.iter().position(|f| {
            same_names(&f.columns, &key.columns)
                && f.ref_table.eq_ignore_ascii_case(&ref_table)
                && (f.ref_columns.is_empty() || same_names(&f.ref_columns, &ref_columns))
        });
        let name = match written.map(|i| self.ddl.foreign_keys.remove(i).name) {
            Some(Some(name)) => name,
            _ => {
                let table = &self.table.name;
                let first = foreign_key_name(table, &key.columns);
                let columns = key.columns.join("_");
                invent(&mut self.used_names, first, table, Some(&columns), "fkey")
            }
        };
        self.table.foreign_keys.push(ForeignKey {
            name,
            columns: key.columns,
            ref_table,
            ref_columns,
            on_delete: key.on_delete,
            on_update: key.on_update,
        });
    }
}

/// `index_part` reads one key part: a column, the row id (`cid` -1), or an expression
/// (`cid` -2), whose text only the CREATE INDEX statement has.
fn index_part(row: &QueryResult, ddl: &IndexDdl, index: &str) -> Result<IndexPart, DbErr> {
    let cid: i64 = row.try_get("", "cid")?;
    let seqno: i64 = row.try_get("", "seqno")?;
    let descending: i64 = row.try_get("", "descending")?;
    let key = match cid {
        -2 => {
            let expr = usize::try_from(seqno)
                .ok()
                .and_then(|i| ddl.parts.get(i))
                .ok_or_else(|| {
                    DbErr::Custom(format!(
                        "introspection: no expression found for key part {seqno} of index \"{index}\""
                    ))
                })?;
            IndexKey::Expr(SqlExpr::from(expr.as_str()))
        }
        -1 => IndexKey::Column("rowid".to_owned()),
        _ => IndexKey::Column(row.try_get("", "column_name")?),
    };
    Ok(IndexPart {
        key,
        descending: descending != 0,
        prefix: None,
    })
}

/// `fk_action` maps the action `pragma_foreign_key_list` reports.
fn fk_action(action: &str) -> FkAction {
    match action.to_ascii_uppercase().as_str() {
        "RESTRICT" => FkAction::Restrict,
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "SET DEFAULT" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// `same_names` compares column lists as SQLite does: ASCII case-insensitively.
fn same_names(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// `invent` is `first`, or when a constraint of the table already has that name,
/// PostgreSQL's next choice: the label numbered (`t_a_fkey1`, `t_a_fkey2`, …).
fn invent(
    used: &mut BTreeSet<String>,
    first: String,
    table: &str,
    name2: Option<&str>,
    label: &str,
) -> String {
    let mut name = first;
    let mut n = 0;
    while used.contains(&name) {
        n += 1;
        name = make_object_name(table, name2, &format!("{label}{n}"));
    }
    used.insert(name.clone());
    name
}
