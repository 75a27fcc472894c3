//! A SQLite table rebuild as a call of the migration crate's `rebuild_table`.

use super::indent;
use super::literal::str_lit;
use super::table::{index_statement, table_chain};
use crate::backend::sqlite_rebuild::Rebuild;
use crate::model::EnumType;

/// `render` writes the rebuild, guarded to run on SQLite only, with a comment saying why.
pub(super) fn render(rebuild: &Rebuild, enums: &[EnumType]) -> String {
    let name = &rebuild.to.name;
    let chain: String = table_chain(&rebuild.to, enums)
        .iter()
        .map(|c| format!("\n    {c}"))
        .collect();
    let copy: String = rebuild
        .copy
        .iter()
        .map(|(column, value)| format!("\n    ({}, {}),", str_lit(column), str_lit(value)))
        .collect();
    let indexes: String = rebuild
        .to
        .indexes
        .iter()
        .map(|i| format!("\n    {},", index_statement(name, i)))
        .collect();
    let call = format!(
        "rebuild_table(\n    manager,\n    {},\n    Table::create(){}\n        .to_owned(),\n    &[{}\n    ],\n    vec![{}\n    ],\n)\n.await?;",
        str_lit(name),
        indent(&chain, 1).trim_end(),
        indent(&copy, 1).trim_end(),
        indent(&indexes, 1).trim_end(),
    );
    format!(
        "        // Rebuild \"{name}\" on SQLite, which cannot make this migration's changes to it in\n        // place: the table is created anew with its new definition, its rows copied, the old\n        // one dropped (foreign keys are checked before the migration commits).\n        if db.is_sqlite() {{\n{}        }}\n",
        indent(&call, 3)
    )
}
