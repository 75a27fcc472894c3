//! `sqlite`: changes as SQLite statements — what a generated migration's builder calls run
//! there, for `diff --format sql` on SQLite, SQLite's throw-away canonicalization database and
//! the property tests. Statements are built with sea-query's SQLite backend from the schema as
//! SQLite holds it (`Sqlite::hold`), the same builder calls the renderer writes.

use sea_query::{
    Alias, ColumnDef, ColumnType, SqliteQueryBuilder, Table as SqlTable, TableCreateStatement,
};

use super::{builders, ident};
use crate::backend::portable::{is_portable_index, portable_type};
use crate::backend::sqlite_rebuild::{Rebuild, Rebuilds};
use crate::diff::Change;
use crate::model::{Column, Index as ModelIndex, Table};

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

/// `create_table` builds `CREATE TABLE` as the renderer's `Table::create()` chain does.
pub fn create_table(t: &Table) -> TableCreateStatement {
    builders::create_table(t, column_def)
}

fn create_index(table: &str, index: &ModelIndex) -> String {
    builders::create_index(table, index).to_string(SqliteQueryBuilder)
}

/// `column_def` is a held column as the renderer's `ColumnDef` calls build it. AUTO_INCREMENT
/// is MySQL's: SQLite numbers a row id key itself, with no default.
fn column_def(c: &Column) -> ColumnDef {
    builders::column_def(
        c,
        portable_type(&c.ty).map_or(ColumnType::Text, |(ty, _)| ty),
    )
}
