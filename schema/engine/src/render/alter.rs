//! Changes to existing tables and objects.

use super::literal::str_lit;
use super::table::column_builder;
use super::{indent, not_on_sqlite};
use crate::diff::Change;
use crate::model::{Column, EnumType};
use crate::sql;

/// `postgres_sql` runs the change's PostgreSQL statements on PostgreSQL only: SQLite cannot
/// alter columns or add constraints to existing tables, and has none of these objects.
pub(super) fn postgres_sql(change: &Change) -> String {
    let statements = sql::statements(change);
    let calls: String = statements
        .iter()
        .map(|s| format!("execute_sql(manager, {}).await?;\n", str_lit(s)))
        .collect();
    format!(
        "        // {}.\n        {}        if db.is_postgres() {{\n{}        }}\n",
        capitalized(&change.to_string()),
        not_on_sqlite(change),
        indent(&calls, 3)
    )
}

/// `comment_only` is a change that needs no statement, explained in a comment.
pub(super) fn comment_only(change: &Change) -> String {
    let why = change.reverse().irreversible().unwrap_or_default();
    format!("        // {}: {why}.\n", capitalized(&change.to_string()))
}

/// `capitalized` starts a comment with a capital letter.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub(super) fn rename_table(from: &str, to: &str) -> String {
    format!(
        "        // Rename table \"{from}\" to \"{to}\".\n        manager\n            .rename_table(Table::rename().table({}, {}).to_owned())\n            .await?;\n",
        str_lit(from),
        str_lit(to)
    )
}

pub(super) fn add_column(table: &str, column: &Column, enums: &[EnumType]) -> String {
    let mut out = format!(
        "        // Add column \"{table}\".\"{}\".\n        manager\n            .alter_table(\n                Table::alter()\n                    .table({})\n                    .add_column({})\n                    .to_owned(),\n            )\n            .await?;\n",
        column.name,
        str_lit(table),
        column_builder(column, enums)
    );
    if column.comment.is_some() {
        let comment = Change::AlterColumn {
            table: table.to_owned(),
            from: Column {
                comment: None,
                ..column.clone()
            },
            to: column.clone(),
        };
        out.push_str(&postgres_sql(&comment));
    }
    out
}

pub(super) fn drop_column(table: &str, column: &str) -> String {
    format!(
        "        // Drop column \"{table}\".\"{column}\".\n        manager\n            .alter_table(Table::alter().table({}).drop_column({}).to_owned())\n            .await?;\n",
        str_lit(table),
        str_lit(column)
    )
}

pub(super) fn rename_column(table: &str, from: &str, to: &str) -> String {
    format!(
        "        // Rename column \"{table}\".\"{from}\" to \"{to}\".\n        manager\n            .alter_table(\n                Table::alter()\n                    .table({})\n                    .rename_column({}, {})\n                    .to_owned(),\n            )\n            .await?;\n",
        str_lit(table),
        str_lit(from),
        str_lit(to)
    )
}
