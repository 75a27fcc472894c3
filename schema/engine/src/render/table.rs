//! Tables, indexes and foreign keys, as sea-query builder calls.

use super::literal::str_lit;
use super::{indent, not_on_sqlite};
use crate::backend::mysql::made_on_mysql;
use crate::backend::portable::{is_portable_index, portable_default, portable_type};
use crate::diff::Change;
use crate::model::{
    Check, Column, DefaultValue, EnumType, FkAction, ForeignKey, Index, IndexMethod, SqlType, Table,
};

/// `create_table` renders `CREATE TABLE` with columns, keys, UNIQUE constraints and foreign
/// keys; portable CHECKs are added on every backend but SQLite, the others (PostgreSQL SQL)
/// on PostgreSQL only.
pub(super) fn create_table(t: &Table, enums: &[EnumType]) -> String {
    let chain = table_chain(t, enums);
    let chain = chain
        .iter()
        .map(|c| format!("    {c}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = create_table_with(t, &chain);
    out.push_str(&comments(t));
    out
}

/// `comments` sets the comments of a table just created, which sea-query's `Table::create()`
/// cannot carry on PostgreSQL: PostgreSQL's `COMMENT ON` statements, guarded like a comment
/// change of an existing table.
fn comments(t: &Table) -> String {
    let calls: Vec<String> = crate::sql::statements(&Change::CreateTable(t.clone()))
        .into_iter()
        .filter(|s| s.starts_with("COMMENT ON "))
        .map(|s| format!("execute_sql(manager, {}).await?;", str_lit(&s)))
        .collect();
    if calls.is_empty() {
        return String::new();
    }
    let guard = not_on_sqlite(&Change::SetTableComment {
        table: t.name.clone(),
        from: None,
        to: t.comment.clone(),
    });
    let body = format!(
        "{guard}if db.is_postgres() {{\n{}\n}}",
        indent(&calls.join("\n"), 1)
    );
    format!(
        "\n        // Comments of table \"{}\".\n{}\n",
        t.name,
        indent(&body, 2)
    )
}

/// `table_chain` is the `Table::create()` builder calls of a table's columns, keys, UNIQUE
/// constraints and foreign keys, one per line.
pub(super) fn table_chain(t: &Table, enums: &[EnumType]) -> Vec<String> {
    let mut chain = vec![format!(".table({})", str_lit(&t.name))];
    chain.extend(
        t.columns
            .iter()
            .map(|c| format!(".col({})", column_builder(c, enums))),
    );
    if let Some(pk) = &t.primary_key {
        chain.push(format!(
            ".primary_key({})",
            index_builder(&pk.name, &pk.columns, false)
        ));
    }
    for u in &t.uniques {
        chain.push(format!(
            ".index({})",
            index_builder(&u.name, &u.columns, true)
        ));
    }
    for fk in &t.foreign_keys {
        chain.push(format!(".foreign_key({})", foreign_key_builder(None, fk)));
    }
    chain
}

/// `create_table_with` renders `CREATE TABLE` from its builder `chain`, with the CHECKs.
fn create_table_with(t: &Table, chain: &str) -> String {
    let mut out = format!("        // Table \"{}\".\n", t.name);
    if t.checks.is_empty() {
        let body = format!(
            "manager\n    .create_table(\n        Table::create()\n{}\n            .to_owned(),\n    )\n    .await?;",
            indent(chain, 2).trim_end()
        );
        out.push_str(&indent(&body, 2));
        return out;
    }
    let mut body = format!("let mut table = Table::create();\ntable\n{};\n", chain);
    let (portable, postgres_only): (Vec<&Check>, Vec<&Check>) =
        t.checks.iter().partition(|c| made_on_mysql(c, t));
    // A portable CHECK means the same to MySQL/MariaDB; the others are PostgreSQL SQL (or
    // over a column MySQL/MariaDB's foreign key actions write, which it refuses).
    for (checks, guard) in [
        (portable, "!db.is_sqlite()"),
        (postgres_only, "db.is_postgres()"),
    ] {
        let Some(first) = checks.first() else {
            continue;
        };
        body.push_str(&not_on_sqlite(&Change::AddCheck {
            table: t.name.clone(),
            check: (*first).clone(),
        }));
        body.push_str(&format!("if {guard} {{\n"));
        for check in checks {
            body.push_str(&format!(
                "    table.check(({}, Expr::cust({})));\n",
                str_lit(&check.name),
                str_lit(check.expr.as_str())
            ));
        }
        body.push_str("}\n");
    }
    body.push_str("manager.create_table(table).await?;");
    out.push_str(&indent(&body, 2));
    out
}

/// `drop_table` renders `DROP TABLE`.
pub(super) fn drop_table(t: &Table) -> String {
    format!(
        "        // Table \"{0}\".\n        manager\n            .drop_table(Table::drop().table({1}).to_owned())\n            .await?;\n",
        t.name,
        str_lit(&t.name)
    )
}

/// `column` renders one `ColumnDef`; a column of one of the entities' enum types `enums`
/// with its labels, which MySQL/MariaDB's ENUM column needs.
pub(super) fn column_builder(c: &Column, enums: &[EnumType]) -> String {
    let labels = match &c.ty {
        SqlType::Enum(name) => enums.iter().find(|e| &e.name == name),
        _ => None,
    };
    let mut out = match (portable_type(&c.ty), labels) {
        (Some((_, method)), _) => format!("ColumnDef::new({}).{method}", str_lit(&c.name)),
        (None, Some(e)) => format!(
            "ColumnDef::new_with_type({}, db.enum_type({}, &[{}]))",
            str_lit(&c.name),
            str_lit(&e.name),
            e.values
                .iter()
                .map(|v| str_lit(v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (None, None) => format!(
            "ColumnDef::new_with_type({}, db.native_type({}))",
            str_lit(&c.name),
            str_lit(&c.ty.to_string())
        ),
    };
    out.push_str(if c.nullable { ".null()" } else { ".not_null()" });
    match &c.default {
        None => {}
        Some(DefaultValue::Bool(b)) => out.push_str(&format!(".default({b})")),
        Some(DefaultValue::Number(n)) => out.push_str(&format!(".default({n})")),
        Some(DefaultValue::Text(s)) => out.push_str(&format!(".default({})", str_lit(s))),
        Some(DefaultValue::Expr(e)) => out.push_str(&format!(
            ".default_sql(db.pick({}, {}))",
            str_lit(e.as_str()),
            portable_default(e.as_str())
                .map_or("None".to_owned(), |p| format!("Some({})", str_lit(p)))
        )),
        Some(DefaultValue::AutoIncrement) => out.push_str(".auto_increment_on(db)"),
    }
    if let Some(expr) = &c.generated {
        out.push_str(&format!(
            ".generated_stored(db.pick({}, None))",
            str_lit(expr.as_str())
        ));
    }
    out
}

fn index_builder(name: &str, columns: &[String], unique: bool) -> String {
    let cols: String = columns
        .iter()
        .map(|c| format!(".col({})", str_lit(c)))
        .collect();
    format!(
        "Index::create().name({}){cols}{}",
        str_lit(name),
        if unique { ".unique()" } else { "" }
    )
}

fn action(a: FkAction) -> &'static str {
    match a {
        FkAction::NoAction => "ForeignKeyAction::NoAction",
        FkAction::Restrict => "ForeignKeyAction::Restrict",
        FkAction::Cascade => "ForeignKeyAction::Cascade",
        FkAction::SetNull => "ForeignKeyAction::SetNull",
        FkAction::SetDefault => "ForeignKeyAction::SetDefault",
    }
}

fn foreign_key_builder(table: Option<&str>, fk: &ForeignKey) -> String {
    let mut out = format!("ForeignKey::create().name({})", str_lit(&fk.name));
    if let Some(table) = table {
        out.push_str(&format!(".from_tbl({})", str_lit(table)));
    }
    for c in &fk.columns {
        out.push_str(&format!(".from_col({})", str_lit(c)));
    }
    out.push_str(&format!(".to_tbl({})", str_lit(&fk.ref_table)));
    for c in &fk.ref_columns {
        out.push_str(&format!(".to_col({})", str_lit(c)));
    }
    out.push_str(&format!(
        ".on_delete({}).on_update({})",
        action(fk.on_delete),
        action(fk.on_update)
    ));
    out
}

/// `create_index` renders `CREATE [UNIQUE] INDEX`. B-tree column indexes are portable;
/// other methods, expressions and predicates are PostgreSQL SQL and run there only.
pub(super) fn create_index(table: &str, index: &Index) -> String {
    // The builder takes ascending column keys; anything else is written as SQL.
    let columns: Option<Vec<&str>> = index
        .parts
        .iter()
        .map(|p| if p.descending { None } else { p.column_name() })
        .collect();
    let header = format!("        // Index \"{}\" on \"{table}\".\n", index.name);
    let create = Change::CreateIndex {
        table: table.to_owned(),
        index: index.clone(),
    };
    match columns {
        Some(columns) if index.predicate.is_none() => {
            let cols: String = columns
                .iter()
                .map(|c| format!("\n            .col({})", str_lit(c)))
                .collect();
            let mut builder = format!(
                "Index::create()\n            .name({})\n            .table({}){cols}",
                str_lit(&index.name),
                str_lit(table)
            );
            if index.unique {
                builder.push_str("\n            .unique()");
            }
            if index.method == IndexMethod::BTree {
                return format!(
                    "{header}        manager\n            .create_index(\n                {}\n                    .to_owned(),\n            )\n            .await?;\n",
                    builder.replace("\n", "\n        ")
                );
            }
            builder.push_str(&format!(
                "\n            .index_type(IndexType::Custom({}.into()))",
                str_lit(index.method.as_sql())
            ));
            format!(
                "{header}        {}        if db.is_postgres() {{\n            manager\n                .create_index(\n                    {}\n                        .to_owned(),\n                )\n                .await?;\n        }}\n",
                not_on_sqlite(&create),
                builder.replace("\n", "\n            ")
            )
        }
        _ => {
            let sql = crate::sql::create_index(table, index);
            format!(
                "{header}        {}        if db.is_postgres() {{\n            execute_sql(manager, {}).await?;\n        }}\n",
                not_on_sqlite(&create),
                str_lit(&sql)
            )
        }
    }
}

/// `drop_index` renders `DROP INDEX`; guarded like its creation.
pub(super) fn drop_index(table: &str, index: &Index) -> String {
    let portable = is_portable_index(index);
    let stmt = format!(
        "manager\n    .drop_index(Index::drop().name({}).table({}).to_owned())\n    .await?;",
        str_lit(&index.name),
        str_lit(table)
    );
    let header = format!("        // Index \"{}\" on \"{table}\".\n", index.name);
    if portable {
        format!("{header}{}", indent(&stmt, 2))
    } else {
        let drop = Change::DropIndex {
            table: table.to_owned(),
            index: index.clone(),
        };
        format!(
            "{header}        {}        if db.is_postgres() {{\n{}        }}\n",
            not_on_sqlite(&drop),
            indent(&stmt, 3)
        )
    }
}

/// `add_foreign_key` renders `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`, which SQLite
/// lacks: there the reference is only documented, never enforced. PostgreSQL and
/// MySQL/MariaDB run the builder call.
pub(super) fn add_foreign_key(table: &str, fk: &ForeignKey) -> String {
    let stmt = format!(
        "manager\n    .create_foreign_key({}.to_owned())\n    .await?;",
        foreign_key_builder(Some(table), fk)
    );
    let add = Change::AddForeignKey {
        table: table.to_owned(),
        foreign_key: fk.clone(),
    };
    format!(
        "        // Foreign key \"{}\".\n        {}        if !db.is_sqlite() {{\n{}        }}\n",
        fk.name,
        not_on_sqlite(&add),
        indent(&stmt, 3)
    )
}

/// `drop_foreign_key` renders `ALTER TABLE … DROP CONSTRAINT`.
pub(super) fn drop_foreign_key(table: &str, fk: &ForeignKey) -> String {
    let stmt = format!(
        "manager\n    .drop_foreign_key(ForeignKey::drop().name({}).table({}).to_owned())\n    .await?;",
        str_lit(&fk.name),
        str_lit(table)
    );
    let drop = Change::DropForeignKey {
        table: table.to_owned(),
        foreign_key: fk.clone(),
    };
    format!(
        "        // Foreign key \"{}\".\n        {}        if !db.is_sqlite() {{\n{}        }}\n{}",
        fk.name,
        not_on_sqlite(&drop),
        indent(&stmt, 3),
        implied_index_drop(table, &fk.name)
    )
}

/// `implied_index_drop` drops the index MySQL/MariaDB made for a foreign key it dropped
/// (named after it, when no other index served it): the foreign key's own, it goes with it.
fn implied_index_drop(table: &str, name: &str) -> String {
    format!(
        "        // On MySQL/MariaDB: the index it made for the foreign key goes with it.\n        if db.is_mysql() && manager.has_index({1}, {0}).await? {{\n            manager\n                .drop_index(Index::drop().name({0}).table({1}).to_owned())\n                .await?;\n        }}\n",
        str_lit(name),
        str_lit(table)
    )
}

/// `index_statement` is a portable index as an `Index::create()` builder expression.
pub(super) fn index_statement(table: &str, index: &Index) -> String {
    let cols: String = index
        .parts
        .iter()
        .filter_map(|p| p.column_name())
        .map(|c| format!(".col({})", str_lit(c)))
        .collect();
    format!(
        "Index::create().name({}).table({}){cols}{}.to_owned()",
        str_lit(&index.name),
        str_lit(table),
        if index.unique { ".unique()" } else { "" }
    )
}
