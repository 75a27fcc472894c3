//! Database objects: PostgreSQL only, guarded by the dialect.

use super::literal::str_lit;
use super::{indent, not_on_sqlite};
use crate::diff::Change;
use crate::model::{EnumType, Extension, Function, Sequence};

fn postgres_only(comment: &str, change: &Change, body: &str) -> String {
    format!(
        "        // {comment}\n        {}        if db.is_postgres() {{\n{}        }}\n",
        not_on_sqlite(change),
        indent(body, 3)
    )
}

/// `statements` runs the change's PostgreSQL statements (the same text `diff --format sql`
/// prints) on PostgreSQL only, under `comment`.
fn statements(comment: &str, change: &Change) -> String {
    let calls: Vec<String> = crate::sql::statements(change)
        .iter()
        .map(|s| format!("execute_sql(manager, {}).await?;", str_lit(s)))
        .collect();
    postgres_only(comment, change, &calls.join("\n"))
}

pub(super) fn create_extension(e: &Extension) -> String {
    let change = Change::CreateExtension(e.clone());
    statements(
        &format!("Extension \"{}\" (PostgreSQL only).", e.name),
        &change,
    )
}

pub(super) fn create_sequence(s: &Sequence) -> String {
    let change = Change::CreateSequence(s.clone());
    statements(
        &format!("Sequence \"{}\" (PostgreSQL only).", s.name),
        &change,
    )
}

pub(super) fn drop_sequence(s: &Sequence) -> String {
    statements(
        &format!("Sequence \"{}\".", s.name),
        &Change::DropSequence(s.clone()),
    )
}

pub(super) fn create_function(f: &Function) -> String {
    let change = Change::CreateFunction(f.clone());
    statements(
        &format!("Function {} (PostgreSQL only).", f.signature()),
        &change,
    )
}

pub(super) fn drop_function(f: &Function) -> String {
    statements(
        &format!("Function {}.", f.signature()),
        &Change::DropFunction(f.clone()),
    )
}

pub(super) fn retain_extension(e: &Extension) -> String {
    format!(
        "        // Extension \"{}\" stays: other schemas of the database may use it.\n",
        e.name
    )
}

pub(super) fn create_enum(e: &EnumType) -> String {
    let values: Vec<String> = e.values.iter().map(|v| str_lit(v)).collect();
    let body = format!(
        "manager\n    .create_type(\n        Type::create()\n            .as_enum({})\n            .values([{}])\n            .to_owned(),\n    )\n    .await?;",
        str_lit(&e.name),
        values.join(", ")
    );
    postgres_only(
        &format!("Enum type \"{}\" (text on other backends).", e.name),
        &Change::CreateEnum(e.clone()),
        &body,
    )
}

pub(super) fn drop_enum(e: &EnumType) -> String {
    let body = format!(
        "manager\n    .drop_type(Type::drop().name({}).to_owned())\n    .await?;",
        str_lit(&e.name)
    );
    postgres_only(
        &format!("Enum type \"{}\".", e.name),
        &Change::DropEnum(e.clone()),
        &body,
    )
}
