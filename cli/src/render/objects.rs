//! Database objects: PostgreSQL only, guarded by the dialect.

use super::indent;
use super::literal::str_lit;
use crate::model::{EnumType, Extension, Function, Sequence};

fn postgres_only(comment: &str, body: &str) -> String {
    format!(
        "        // {comment}\n        if db.is_postgres() {{\n{}        }}\n",
        indent(body, 3)
    )
}

fn sql(statement: &str) -> String {
    format!("execute_sql(manager, {}).await?;", str_lit(statement))
}

pub(super) fn create_extension(e: &Extension) -> String {
    let statement = format!("CREATE EXTENSION IF NOT EXISTS \"{}\"", e.name);
    postgres_only(
        &format!("Extension \"{}\" (PostgreSQL only).", e.name),
        &sql(&statement),
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
        &body,
    )
}

pub(super) fn drop_enum(e: &EnumType) -> String {
    let body = format!(
        "manager\n    .drop_type(Type::drop().name({}).to_owned())\n    .await?;",
        str_lit(&e.name)
    );
    postgres_only(&format!("Enum type \"{}\".", e.name), &body)
}

pub(super) fn create_sequence(s: &Sequence) -> String {
    let statement = format!(
        "CREATE SEQUENCE \"{}\" AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {}{}",
        s.name,
        s.data_type,
        s.increment,
        s.min_value,
        s.max_value,
        s.start,
        s.cache,
        if s.cycle { " CYCLE" } else { " NO CYCLE" }
    );
    postgres_only(
        &format!("Sequence \"{}\" (PostgreSQL only).", s.name),
        &sql(&statement),
    )
}

pub(super) fn drop_sequence(s: &Sequence) -> String {
    postgres_only(
        &format!("Sequence \"{}\".", s.name),
        &sql(&format!("DROP SEQUENCE \"{}\"", s.name)),
    )
}

pub(super) fn create_function(f: &Function) -> String {
    let args: Vec<String> = f.args.iter().map(|(n, t)| format!("{n} {t}")).collect();
    let statement = format!(
        "CREATE FUNCTION \"{}\"({}) RETURNS {} LANGUAGE {} {} AS $body${}$body$",
        f.name,
        args.join(", "),
        f.returns,
        f.language,
        f.volatility,
        f.body
    );
    postgres_only(
        &format!("Function {} (PostgreSQL only).", f.signature()),
        &sql(&statement),
    )
}

pub(super) fn drop_function(f: &Function) -> String {
    let types: Vec<&str> = f.args.iter().map(|(_, t)| t.as_str()).collect();
    let statement = format!("DROP FUNCTION \"{}\"({})", f.name, types.join(", "));
    postgres_only(&format!("Function {}.", f.signature()), &sql(&statement))
}
