//! sea-query statements every backend builds the same way from the model, as the renderer's
//! builder calls write them; only the column definitions differ per backend (the caller's).

use sea_query::{
    Alias, ColumnDef, ColumnType, Expr, ForeignKey, ForeignKeyAction, ForeignKeyCreateStatement,
    Index, IndexCreateStatement, Table as SqlTable, TableCreateStatement,
};

use crate::model::{Column, DefaultValue, FkAction, ForeignKey as Fk, Index as ModelIndex, Table};

/// `create_table` builds `CREATE TABLE` as the renderer's `Table::create()` chain does, each
/// column by `column_def`.
pub fn create_table(t: &Table, column_def: impl Fn(&Column) -> ColumnDef) -> TableCreateStatement {
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

/// `create_index` builds a portable index's `CREATE [UNIQUE] INDEX` (its column keys).
pub fn create_index(table: &str, index: &ModelIndex) -> IndexCreateStatement {
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
    stmt
}

/// `foreign_key` builds a foreign key as `ForeignKey::create()` in a table's chain.
pub fn foreign_key(fk: &Fk) -> ForeignKeyCreateStatement {
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

/// `column_def` is a column of type `ty` with its nullability and its SQL default, as the
/// renderer's `ColumnDef` calls write them (an AUTO_INCREMENT column is left to the caller:
/// only MySQL/MariaDB has it).
pub fn column_def(c: &Column, ty: ColumnType) -> ColumnDef {
    let mut def = ColumnDef::new_with_type(Alias::new(&c.name), ty);
    if c.nullable {
        def.null();
    } else {
        def.not_null();
    }
    match &c.default {
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
