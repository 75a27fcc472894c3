//! `sqlite`: changes as SQLite statements — what a generated migration's builder calls run
//! there, for `diff --format sql` on SQLite, SQLite's throw-away canonicalization database and
//! the property tests. Statements are built with sea-query's SQLite backend from the schema as
//! SQLite holds it (`Sqlite::hold`), the same builder calls the renderer writes.

use sea_query::{
    Alias, ColumnDef, ColumnType, Expr, ForeignKey, ForeignKeyAction, Index, SqliteQueryBuilder,
    Table as SqlTable, TableCreateStatement,
};

use super::ident;
use crate::backend::portable::{is_portable_index, portable_type};
use crate::backend::sqlite_rebuild::{Rebuild, Rebuilds};
use crate::diff::Change;
use crate::model::{Column, DefaultValue, FkAction, ForeignKey as Fk, Index as ModelIndex, Table};

/// `Direction` is which way a plan runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// `plan_statements` is what a migration runs on SQLite for `changes` (a plan's `up` or
/// `down`): each change SQLite makes in place, the tables `rebuilds` covers rebuilt instead
/// (last going up, first going down), and nothing for what SQLite does not hold.
pub fn plan_statements(
    changes: &[Change],
    rebuilds: &Rebuilds,
    direction: Direction,
) -> Vec<String> {
    let (first, last) = match direction {
        Direction::Up => (&[][..], &rebuilds.up[..]),
        Direction::Down => (&rebuilds.down[..], &[][..]),
    };
    let mut out: Vec<String> = first.iter().flat_map(rebuild_statements).collect();
    for change in changes.iter().filter(|c| !rebuilds.covers(c)) {
        out.extend(in_place_statements(change));
    }
    out.extend(last.iter().flat_map(rebuild_statements));
    out
}

/// `creation_statements` is what creating a held schema runs: a foreign key added after its
/// table (a reference cycle) is skipped, as the migration skips it: SQLite cannot add one to
/// an existing table.
pub fn creation_statements(change: &Change) -> Vec<String> {
    match change {
        Change::CreateTable(_) | Change::CreateIndex { .. } => in_place_statements(change),
        _ => Vec::new(),
    }
}

/// `in_place_statements` is a change SQLite makes in place; nothing for the others (not
/// held there, or made by a rebuild).
pub fn in_place_statements(change: &Change) -> Vec<String> {
    let sql = match change {
        Change::CreateTable(t) => create_table(t).to_string(SqliteQueryBuilder),
        Change::DropTable(t) => format!("DROP TABLE {}", ident(&t.name)),
        Change::RenameTable { from, to } => {
            format!("ALTER TABLE {} RENAME TO {}", ident(from), ident(to))
        }
        Change::AddColumn { table, column } => SqlTable::alter()
            .table(Alias::new(table))
            .add_column(column_def(column))
            .to_string(SqliteQueryBuilder),
        Change::DropColumn { table, column } => format!(
            "ALTER TABLE {} DROP COLUMN {}",
            ident(table),
            ident(&column.name)
        ),
        Change::RenameColumn { table, from, to } => format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            ident(table),
            ident(from),
            ident(to)
        ),
        Change::CreateIndex { table, index } if is_portable_index(index) => {
            create_index(table, index)
        }
        Change::DropIndex { index, .. } if is_portable_index(index) => {
            format!("DROP INDEX {}", ident(&index.name))
        }
        _ => return Vec::new(),
    };
    vec![sql]
}

/// `rebuild_statements` is what the migration crate's `rebuild_table` runs.
pub fn rebuild_statements(rebuild: &Rebuild) -> Vec<String> {
    let name = &rebuild.to.name;
    let temporary = format!("{name}__rebuild");
    let mut table = create_table(&rebuild.to);
    table.table(Alias::new(&temporary));
    let mut out = vec![table.to_string(SqliteQueryBuilder)];
    if !rebuild.copy.is_empty() {
        let columns: Vec<String> = rebuild.copy.iter().map(|(c, _)| ident(c)).collect();
        let values: Vec<&str> = rebuild.copy.iter().map(|(_, v)| v.as_str()).collect();
        out.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {}",
            ident(&temporary),
            columns.join(", "),
            values.join(", "),
            ident(name)
        ));
    }
    out.push(format!("DROP TABLE {}", ident(name)));
    out.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        ident(&temporary),
        ident(name)
    ));
    out.extend(rebuild.to.indexes.iter().map(|i| create_index(name, i)));
    out
}

fn create_index(table: &str, index: &ModelIndex) -> String {
    let mut stmt = Index::create();
    stmt.name(&index.name).table(Alias::new(table));
    for part in &index.parts {
        if let Some(column) = part.column_name() {
            stmt.col(Alias::new(column));
        }
    }
    if index.unique {
        stmt.unique();
    }
    stmt.to_string(SqliteQueryBuilder)
}

/// `create_table` builds `CREATE TABLE` as the renderer's `Table::create()` chain does.
pub fn create_table(t: &Table) -> TableCreateStatement {
    let mut stmt = SqlTable::create();
    stmt.table(Alias::new(&t.name));
    for c in &t.columns {
        stmt.col(column_def(c));
    }
    if let Some(pk) = &t.primary_key {
        let mut index = Index::create();
        index.name(&pk.name);
        for c in &pk.columns {
            index.col(Alias::new(c));
        }
        stmt.primary_key(&mut index);
    }
    for u in &t.uniques {
        let mut index = Index::create();
        index.name(&u.name).unique();
        for c in &u.columns {
            index.col(Alias::new(c));
        }
        stmt.index(&mut index);
    }
    for fk in &t.foreign_keys {
        stmt.foreign_key(&mut foreign_key(fk));
    }
    stmt.to_owned()
}

/// `column_def` is a held column as the renderer's `ColumnDef` calls build it.
fn column_def(c: &Column) -> ColumnDef {
    let ty = portable_type(&c.ty).map_or(ColumnType::Text, |(ty, _)| ty);
    let mut def = ColumnDef::new_with_type(Alias::new(&c.name), ty);
    if c.nullable {
        def.null();
    } else {
        def.not_null();
    }
    match &c.default {
        // AUTO_INCREMENT is MySQL's: SQLite numbers a row id key itself, with no default.
        None | Some(DefaultValue::AutoIncrement) => {}
        Some(DefaultValue::Bool(b)) => {
            def.default(*b);
        }
        Some(DefaultValue::Number(n)) => {
            def.default(Expr::cust(n.clone()));
        }
        Some(DefaultValue::Text(s)) => {
            def.default(s.as_str());
        }
        Some(DefaultValue::Expr(e)) => {
            def.default(Expr::cust(e.as_str().to_owned()));
        }
    }
    def
}

fn foreign_key(fk: &Fk) -> sea_query::ForeignKeyCreateStatement {
    let mut stmt = ForeignKey::create();
    stmt.name(&fk.name).to_tbl(Alias::new(&fk.ref_table));
    for c in &fk.columns {
        stmt.from_col(Alias::new(c));
    }
    for c in &fk.ref_columns {
        stmt.to_col(Alias::new(c));
    }
    stmt.on_delete(action(fk.on_delete))
        .on_update(action(fk.on_update))
        .to_owned()
}

fn action(a: FkAction) -> ForeignKeyAction {
    match a {
        FkAction::NoAction => ForeignKeyAction::NoAction,
        FkAction::Restrict => ForeignKeyAction::Restrict,
        FkAction::Cascade => ForeignKeyAction::Cascade,
        FkAction::SetNull => ForeignKeyAction::SetNull,
        FkAction::SetDefault => ForeignKeyAction::SetDefault,
    }
}
