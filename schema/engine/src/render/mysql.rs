//! The MySQL/MariaDB half of steps PostgreSQL makes in its own SQL: a column's new
//! definition (`MODIFY COLUMN`), and an enum type's label change, which on MySQL/MariaDB is a
//! change of every ENUM column using it; keys of existing tables and portable CHECKs in
//! MySQL/MariaDB's own statements.

use super::indent;
use super::literal::str_lit;
use super::table::column_builder;
use crate::backend::mysql::held_type;
use crate::backend::portable::portable_default;
use crate::diff::Change;
use crate::model::{Column, DefaultValue, EnumType, Schema, SqlType};

/// `modify_column` is the `MODIFY COLUMN` block for an altered column, or nothing when the
/// change is none on MySQL/MariaDB (a comment, a generated expression: not held there).
pub(super) fn modify_column(table: &str, from: &Column, to: &Column, enums: &[EnumType]) -> String {
    if held(from, enums) == held(to, enums) {
        return String::new();
    }
    block(
        "the column's whole new definition (MODIFY COLUMN)",
        &modify(table, to, enums),
    )
}

/// `enum_labels` is the block that gives the ENUM columns of an enum type whose labels
/// change (`AddEnumValue`, `RenameEnumValue`) their new labels, from the entities
/// (`declared`), but for the columns the migration creates (`created`, made with them);
/// a renamed label's rows are carried over between two `MODIFY`s.
pub(super) fn enum_labels(
    change: &Change,
    declared: &Schema,
    created: &[(String, String)],
) -> String {
    let (name, rename) = match change {
        Change::AddEnumValue { enum_name, .. } => (enum_name, None),
        Change::RenameEnumValue {
            enum_name,
            from,
            to,
        } => (enum_name, Some((from, to))),
        _ => return String::new(),
    };
    let Some(declared_enum) = declared.enums.iter().find(|e| &e.name == name) else {
        return String::new();
    };
    let columns: Vec<(&str, &Column)> = declared
        .tables
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t.name.as_str(), c)))
        .filter(|(_, c)| c.ty == SqlType::Enum(name.clone()))
        .filter(|(t, c)| !created.iter().any(|(ct, cc)| ct == t && *cc == c.name))
        .collect();
    if columns.is_empty() {
        return String::new();
    }
    let mut labels = declared_enum.values.clone();
    let mut body = String::new();
    if let Some((from, to)) = rename {
        // Going down, the entities hold the new label: the step restores the old one.
        if !labels.contains(to) {
            labels = labels
                .iter()
                .map(|l| if l == from { to.clone() } else { l.clone() })
                .collect();
        }
        let mut both = labels.clone();
        both.push(from.clone());
        let both = [with_labels(declared_enum, both)];
        for (table, column) in &columns {
            body.push_str(&modify(table, column, &both));
            body.push_str(&format!(
                "execute_sql(manager, {}).await?;\n",
                str_lit(&format!(
                    "UPDATE `{}` SET `{}` = '{}' WHERE `{}` = '{}'",
                    table.replace('`', "``"),
                    column.name.replace('`', "``"),
                    to.replace('\'', "''"),
                    column.name.replace('`', "``"),
                    from.replace('\'', "''")
                ))
            ));
        }
    }
    let now = [with_labels(declared_enum, labels)];
    for (table, column) in &columns {
        let mut column = (*column).clone();
        // A default on the renamed label follows it (going down the entities' default is
        // the new label, which the column loses).
        if let (Some((from, to)), Some(DefaultValue::Text(d))) = (rename, &column.default)
            && d == from
        {
            column.default = Some(DefaultValue::Text(to.clone()));
        }
        body.push_str(&modify(table, &column, &now));
    }
    block(
        &format!("the ENUM columns of \"{name}\" get the new labels (MODIFY COLUMN)"),
        &body,
    )
}

fn with_labels(e: &EnumType, values: Vec<String>) -> EnumType {
    EnumType {
        name: e.name.clone(),
        values,
    }
}

/// `held` is what MySQL/MariaDB keeps of a column's definition.
fn held(c: &Column, enums: &[EnumType]) -> (SqlType, bool, Option<DefaultValue>) {
    let default = match &c.default {
        Some(DefaultValue::Expr(e)) => {
            portable_default(e.as_str()).map(|p| DefaultValue::Expr(p.into()))
        }
        other => other.clone(),
    };
    (held_type(&c.ty, enums), c.nullable, default)
}

fn modify(table: &str, column: &Column, enums: &[EnumType]) -> String {
    format!(
        "manager\n    .alter_table(\n        Table::alter()\n            .table({})\n            .modify_column({})\n            .to_owned(),\n    )\n    .await?;\n",
        str_lit(table),
        column_builder(column, enums)
    )
}

fn block(why: &str, body: &str) -> String {
    format!(
        "        // On MySQL/MariaDB: {why}.\n        if db.is_mysql() {{\n{}        }}\n",
        indent(body, 3)
    )
}

/// `own_statements` is the block that makes a key change of an existing table (a primary
/// key, a unique key, an index's name) or a portable CHECK's addition or drop with
/// MySQL/MariaDB's own statements, the text `diff --format sql` prints there; nothing for a
/// change it does not make there (a CHECK in PostgreSQL SQL).
pub(super) fn own_statements(change: &Change) -> String {
    let calls: String = crate::sql::mysql::statements(change)
        .iter()
        .map(|s| format!("execute_sql(manager, {}).await?;\n", str_lit(s)))
        .collect();
    if calls.is_empty() {
        return String::new();
    }
    block("the same change in its own SQL", &calls)
}
