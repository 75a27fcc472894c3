//! `mysql`: changes as MySQL/MariaDB statements — what a generated migration's builder calls
//! run there, for `diff --format sql` against MySQL/MariaDB and for the throw-away database
//! the desired schema is canonicalized in. Statements are built with sea-query's MySQL
//! backend from the schema as MySQL/MariaDB holds it (`Mysql::hold`), the same builder calls
//! the renderer writes.

use sea_query::{
    Alias, ColumnDef, ColumnType, Expr, ForeignKey, ForeignKeyAction, Index, MysqlQueryBuilder,
    Table as SqlTable, TableCreateStatement,
};

use crate::backend::portable::{is_portable_index, portable_type};
use crate::diff::Change;
use crate::model::{
    Column, DefaultValue, FkAction, ForeignKey as Fk, Index as ModelIndex, SqlType, Table,
};

/// `statements` is what a migration runs on MySQL/MariaDB for `change`; nothing for what
/// the backend does not hold or the migrations do not make there (`Mysql::cannot`).
pub fn statements(change: &Change) -> Vec<String> {
    let sql = match change {
        Change::CreateTable(t) => create_table(t).to_string(MysqlQueryBuilder),
        Change::DropTable(t) => SqlTable::drop()
            .table(Alias::new(&t.name))
            .to_string(MysqlQueryBuilder),
        Change::RenameTable { from, to } => SqlTable::rename()
            .table(Alias::new(from), Alias::new(to))
            .to_string(MysqlQueryBuilder),
        Change::AddColumn { table, column } => SqlTable::alter()
            .table(Alias::new(table))
            .add_column(column_def(column))
            .to_string(MysqlQueryBuilder),
        Change::DropColumn { table, column } => SqlTable::alter()
            .table(Alias::new(table))
            .drop_column(Alias::new(&column.name))
            .to_string(MysqlQueryBuilder),
        Change::RenameColumn { table, from, to } => SqlTable::alter()
            .table(Alias::new(table))
            .rename_column(Alias::new(from), Alias::new(to))
            .to_string(MysqlQueryBuilder),
        Change::CreateIndex { table, index } if is_portable_index(index) => {
            create_index(table, index)
        }
        Change::DropIndex { table, index } if is_portable_index(index) => Index::drop()
            .name(&index.name)
            .table(Alias::new(table))
            .to_string(MysqlQueryBuilder),
        _ => return Vec::new(),
    };
    vec![sql]
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
    stmt.to_string(MysqlQueryBuilder)
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

/// `column_type` is a held column type as the migration's builder call writes it: an enum
/// column (`enum('a','b')`, from `Dialect::enum_type`) as is.
fn column_type(ty: &SqlType) -> ColumnType {
    match (portable_type(ty), ty) {
        (Some((ty, _)), _) => ty,
        (None, SqlType::Named(name)) => ColumnType::custom(name.clone()),
        (None, _) => ColumnType::Text,
    }
}

/// `column_def` is a held column as the renderer's `ColumnDef` calls build it.
fn column_def(c: &Column) -> ColumnDef {
    let mut def = ColumnDef::new_with_type(Alias::new(&c.name), column_type(&c.ty));
    if c.nullable {
        def.null();
    } else {
        def.not_null();
    }
    match &c.default {
        None => {}
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
        Some(DefaultValue::AutoIncrement) => {
            def.auto_increment();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Index as ModelIndex;
    use crate::model::{IndexMethod, IndexPart};

    #[test]
    fn index_drops_name_their_table() {
        let index = ModelIndex {
            name: "book_title_idx".into(),
            parts: vec![IndexPart::column("title")],
            unique: false,
            method: IndexMethod::BTree,
            predicate: None,
        };
        let drop = Change::DropIndex {
            table: "book".into(),
            index,
        };
        assert_eq!(statements(&drop), ["DROP INDEX `book_title_idx` ON `book`"]);
    }
}
