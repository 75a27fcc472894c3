//! `mysql`: changes as MySQL/MariaDB statements — what a generated migration's builder calls
//! run there, for `diff --format sql` against MySQL/MariaDB and for the throw-away database
//! the desired schema is canonicalized in. Statements are built with sea-query's MySQL
//! backend from the schema as MySQL/MariaDB holds it (`Mysql::hold`), the same builder calls
//! the renderer writes.

use sea_query::{
    Alias, ColumnDef, ColumnType, Expr, ForeignKey, Index, MysqlQueryBuilder, Table as SqlTable,
    TableCreateStatement,
};

use super::builders::{self, foreign_key};

use crate::backend::mysql::{made_on_mysql, portable_there};
use crate::backend::portable::{is_portable_index, portable_type};
use crate::diff::Change;
use crate::model::{Column, DefaultValue, Index as ModelIndex, SqlType, Table};

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
        Change::AlterColumn { table, to, .. } => SqlTable::alter()
            .table(Alias::new(table))
            .modify_column(column_def(to))
            .to_string(MysqlQueryBuilder),
        Change::AddUnique { table, unique } => {
            let mut stmt = Index::create();
            stmt.name(&unique.name).table(Alias::new(table)).unique();
            for c in &unique.columns {
                stmt.col(Alias::new(c));
            }
            stmt.to_string(MysqlQueryBuilder)
        }
        Change::DropUnique { table, unique } => Index::drop()
            .name(&unique.name)
            .table(Alias::new(table))
            .to_string(MysqlQueryBuilder),
        Change::AddPrimaryKey { table, key } => format!(
            "ALTER TABLE {} ADD PRIMARY KEY ({})",
            ident(table),
            key.columns
                .iter()
                .map(|c| ident(c))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Change::DropPrimaryKey { table, .. } => {
            format!("ALTER TABLE {} DROP PRIMARY KEY", ident(table))
        }
        Change::RenameIndex { table, from, to } => format!(
            "ALTER TABLE {} RENAME INDEX {} TO {}",
            ident(table),
            ident(from),
            ident(to)
        ),
        Change::AddForeignKey {
            table,
            foreign_key: fk,
        } => {
            let mut stmt = foreign_key(fk);
            stmt.from_tbl(Alias::new(table));
            stmt.to_string(MysqlQueryBuilder)
        }
        Change::DropForeignKey {
            table,
            foreign_key: fk,
        } => ForeignKey::drop()
            .name(&fk.name)
            .table(Alias::new(table))
            .to_string(MysqlQueryBuilder),
        Change::AddCheck { table, check } if portable_there(check) => format!(
            "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({})",
            ident(table),
            ident(&check.name),
            check.expr.as_str()
        ),
        // `DROP CONSTRAINT`: MariaDB has no `DROP CHECK`; MySQL takes both (8.0.19+).
        Change::DropCheck { table, check } if portable_there(check) => format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            ident(table),
            ident(&check.name)
        ),
        Change::DropIndex { table, index } if is_portable_index(index) => Index::drop()
            .name(&index.name)
            .table(Alias::new(table))
            .to_string(MysqlQueryBuilder),
        _ => return Vec::new(),
    };
    vec![sql]
}

/// `ident` quotes an identifier with backticks, MySQL/MariaDB's quotes.
pub fn ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// `create_table` builds `CREATE TABLE` as the renderer's `Table::create()` chain does, with
/// the CHECKs a migration adds there (the portable ones).
pub fn create_table(t: &Table) -> TableCreateStatement {
    let mut stmt = builders::create_table(t, column_def);
    for check in t.checks.iter().filter(|c| made_on_mysql(c, t)) {
        stmt.check((
            Alias::new(&check.name),
            Expr::cust(check.expr.as_str().to_owned()),
        ));
    }
    stmt
}

fn create_index(table: &str, index: &ModelIndex) -> String {
    builders::create_index(table, index).to_string(MysqlQueryBuilder)
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

/// `column_def` is a held column as the renderer's `ColumnDef` calls build it; an
/// AUTO_INCREMENT column says so.
fn column_def(c: &Column) -> ColumnDef {
    let mut def = builders::column_def(c, column_type(&c.ty));
    if c.default == Some(DefaultValue::AutoIncrement) {
        def.auto_increment();
    }
    def
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

    #[test]
    fn portable_checks_are_made_and_others_are_not() {
        use crate::model::Check;
        let check = |expr: &str| Check {
            name: "book_pages_check".into(),
            expr: expr.into(),
        };
        let add = Change::AddCheck {
            table: "book".into(),
            check: check("pages > 0"),
        };
        assert_eq!(
            statements(&add),
            ["ALTER TABLE `book` ADD CONSTRAINT `book_pages_check` CHECK (pages > 0)"]
        );
        let drop = Change::DropCheck {
            table: "book".into(),
            check: check("pages > 0"),
        };
        assert_eq!(
            statements(&drop),
            ["ALTER TABLE `book` DROP CONSTRAINT `book_pages_check`"]
        );
        let cast = Change::AddCheck {
            table: "book".into(),
            check: check("(pages > (0)::numeric)"),
        };
        assert!(statements(&cast).is_empty());
    }
}
