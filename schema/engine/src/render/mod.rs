//! `render` writes a plan as a sea-orm-migration source file a person can review.
//!
//! sea-query builder calls wherever sea-query can express the statement; raw SQL only for
//! what it cannot (extensions, functions, sequences). PostgreSQL-only parts are guarded with
//! the migration crate's `Dialect`, so one file runs on PostgreSQL and on SQLite. The output
//! never imports `entity`: it is frozen history.

mod alter;
mod literal;
mod mysql;
mod objects;
mod rebuild;
pub mod register;
mod table;

pub use register::register_migration;

use crate::backend::mysql::made_on_mysql;
use crate::backend::sqlite_rebuild::Rebuilds;
use crate::diff::Change;
use crate::model::{EnumType, Schema};
use crate::plan::Plan;

/// `MigrationSource` is a rendered migration: its module name and file content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationSource {
    /// `mYYYYMMDD_HHMMSS_slug`.
    pub module: String,
    pub source: String,
}

/// `render_migration` renders `plan` as the module `module`, titled `message`, for a plan
/// that needs no SQLite rebuild.
pub fn render_migration(module: &str, message: &str, plan: &Plan) -> MigrationSource {
    render_migration_with(module, message, plan, &Rebuilds::default())
}

/// `render_migration_with` renders `plan` with the tables `rebuilds` rebuilds on SQLite:
/// their steps run on PostgreSQL only, and the rebuild comes last in `up()`, first in
/// `down()`.
pub fn render_migration_with(
    module: &str,
    message: &str,
    plan: &Plan,
    rebuilds: &Rebuilds,
) -> MigrationSource {
    render_migration_for(module, message, plan, rebuilds, &Schema::default())
}

/// `render_migration_for` is [`render_migration_with`] knowing the schema the entities
/// declare (`declared`): a column of one of its enum types (or of one the plan creates or
/// drops) is written with `Dialect::enum_type`, which MySQL/MariaDB needs (a native
/// `ENUM(…)` column), a column of another enum type with `Dialect::native_type`; a label
/// change of an enum type gives its ENUM columns on MySQL/MariaDB the new labels.
pub fn render_migration_for(
    module: &str,
    message: &str,
    plan: &Plan,
    rebuilds: &Rebuilds,
    declared: &Schema,
) -> MigrationSource {
    // `ALTER TYPE … ADD VALUE` must commit before statements that use the new label: such a
    // migration manages its transaction itself and runs those first.
    let own_transaction = plan.up.iter().any(Change::needs_own_transaction);
    let (early, rest): (Vec<Change>, Vec<Change>) = plan
        .up
        .iter()
        .cloned()
        .partition(|c| own_transaction && c.needs_own_transaction());
    let mut known: Vec<EnumType> = declared.enums.clone();
    for change in plan.up.iter().chain(&plan.down) {
        if let Change::CreateEnum(e) = change
            && !known.iter().any(|k| k.name == e.name)
        {
            known.push(e.clone());
        }
    }
    let created = created_columns(plan);
    let ctx = Context {
        rebuilds,
        enums: &known,
        declared,
        created: &created,
    };
    let body_up = render_body(&early, &rest, own_transaction, &ctx, Direction::Up);
    let body_down = render_body(&[], &plan.down, own_transaction, &ctx, Direction::Down);
    let mut src = header(message, plan);
    let uses = [
        (
            "ColumnDefExt",
            body_up.contains("default_sql(")
                || body_up.contains("generated_stored(")
                || body_down.contains("default_sql(")
                || body_up.contains("auto_increment_on(")
                || body_down.contains("auto_increment_on("),
        ),
        (
            "Dialect",
            body_up.contains("Dialect::") || body_down.contains("Dialect::"),
        ),
        (
            "execute_sql",
            body_up.contains("execute_sql(") || body_down.contains("execute_sql("),
        ),
        ("rebuild_table", body_up.contains("rebuild_table(")),
    ];
    let uses: Vec<&str> = uses
        .iter()
        .filter(|(_, used)| *used)
        .map(|(n, _)| *n)
        .collect();
    if [&body_up, &body_down]
        .iter()
        .any(|b| b.contains(" Type::") || b.contains("(Type::"))
    {
        src.push_str("use sea_orm_migration::prelude::extension::postgres::Type;\n");
    }
    src.push_str("use sea_orm_migration::prelude::*;\n\n");
    if !uses.is_empty() {
        src.push_str(&format!("use crate::dialect::{{{}}};\n\n", uses.join(", ")));
    }
    src.push_str("#[derive(DeriveMigrationName)]\npub struct Migration;\n\n");
    src.push_str("#[async_trait::async_trait]\nimpl MigrationTrait for Migration {\n");
    if own_transaction {
        src.push_str(
            "    fn use_transaction(&self) -> Option<bool> {\n        Some(false)\n    }\n\n",
        );
    }
    src.push_str("    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {\n");
    src.push_str(&body_up);
    src.push_str("        Ok(())\n    }\n\n");
    src.push_str("    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {\n");
    src.push_str(&body_down);
    src.push_str("        Ok(())\n    }\n}\n");
    MigrationSource {
        module: module.to_owned(),
        source: src,
    }
}

/// `header` is the file's doc comment: the message, the rule for frozen files, and plain
/// warnings for data loss and what `down()` cannot undo.
fn header(message: &str, plan: &Plan) -> String {
    let mut src = format!("//! {}\n", message.trim());
    src.push_str("//!\n//! Generated by `cli generate` from the entity crate, then reviewed. Frozen history:\n");
    src.push_str(
        "//! never edit it once it has been applied anywhere; write a new migration instead.\n",
    );
    let loss = plan.data_loss();
    if !loss.is_empty() {
        src.push_str("//!\n//! DATA LOSS: review before applying to a database that holds data:\n");
        src.extend(loss.iter().map(|l| format!("//! - {l}\n")));
    }
    let irreversible = plan.irreversible();
    if !irreversible.is_empty() {
        src.push_str("//!\n//! Not undone by `down()`:\n");
        src.extend(irreversible.iter().map(|l| format!("//! - {l}\n")));
    }
    src.push('\n');
    src
}

/// `Context` is what rendering a step needs besides the step: the SQLite rebuilds, the
/// labels of the enum types, and the schema the entities declare.
struct Context<'a> {
    rebuilds: &'a Rebuilds,
    enums: &'a [EnumType],
    declared: &'a Schema,
    /// The columns `up()` creates, as (table, column).
    created: &'a [(String, String)],
}

/// `created_columns` lists the columns the plan's `up()` creates (with their tables or on
/// their own): those get an enum's new labels when they are made.
fn created_columns(plan: &Plan) -> Vec<(String, String)> {
    plan.up
        .iter()
        .flat_map(|c| match c {
            Change::CreateTable(t) => t
                .columns
                .iter()
                .map(|c| (t.name.clone(), c.name.clone()))
                .collect(),
            Change::AddColumn { table, column } => vec![(table.clone(), column.name.clone())],
            _ => Vec::new(),
        })
        .collect()
}

/// `render_body` renders one direction: `early` steps on their own, then `steps` (inside one
/// explicit transaction when the migration manages its own).
fn render_body(
    early: &[Change],
    steps: &[Change],
    own_transaction: bool,
    ctx: &Context,
    direction: Direction,
) -> String {
    let rebuilds = ctx.rebuilds;
    let early_src: String = early
        .iter()
        .map(|s| format!("\n{}", render_step(s, ctx)))
        .collect();
    let mut steps_src = String::new();
    let (first, last) = match direction {
        Direction::Up => (&[][..], &rebuilds.up[..]),
        Direction::Down => (&rebuilds.down[..], &[][..]),
    };
    for rebuild in first {
        steps_src.push_str(&format!("\n{}", rebuild::render(rebuild, ctx.enums)));
    }
    let mut added_not_null: Vec<(&str, &str)> = Vec::new();
    let mut marked: Vec<&str> = Vec::new();
    for step in steps {
        match step {
            Change::AddColumn { table, column } if !column.nullable => {
                added_not_null.push((table, &column.name));
            }
            Change::DropColumn { table, column } if !marked.contains(&table.as_str()) => {
                let added: Vec<&str> = added_not_null
                    .iter()
                    .filter(|(t, _)| t == table)
                    .map(|(_, c)| *c)
                    .collect();
                if !added.is_empty() {
                    marked.push(table);
                    steps_src.push_str(&data_step_comment(table, &added, &column.name));
                }
            }
            _ => {}
        }
        steps_src.push_str(&format!("\n{}", render_step(step, ctx)));
    }
    for rebuild in last {
        steps_src.push_str(&format!("\n{}", rebuild::render(rebuild, ctx.enums)));
    }
    if own_transaction && !steps.is_empty() {
        steps_src = format!(
            "\n        let transaction = manager.begin().await?;\n        {{\n            let manager = &transaction;\n{}        }}\n        transaction.commit().await?;\n",
            indent(&steps_src, 1)
        );
    }
    let body = format!("{early_src}{steps_src}");
    let mut out = String::new();
    // `db.is_…()`, `db.pick(…)`, or a builder taking the dialect (`auto_increment_on(db)`).
    if body.contains("db.") || body.contains("(db)") {
        out.push_str("        let db = Dialect::of(manager);\n");
    }
    out.push_str(&body);
    if !early.is_empty() || !steps.is_empty() {
        out.push('\n');
    }
    out
}

/// `data_step_comment` marks where a person fills the NOT NULL columns just added to `table`
/// from the columns about to be dropped: the one moment both exist.
fn data_step_comment(table: &str, added: &[&str], first_dropped: &str) -> String {
    let added: Vec<String> = added.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "\n        // DATA STEP: \"{table}\" gains {} and loses \"{first_dropped}\" (and any other column\n        // dropped below) in this migration. To carry values over, fill the new columns from\n        // the old ones here, e.g. with\n        // manager.get_connection().execute_unprepared(\"UPDATE … SET … = …\").await?;\n",
        added.join(", ")
    )
}

/// `Direction` is which method a body is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// `render_step` renders one change, with a warning above it when it can lose data; a step of
/// a table rebuilt on SQLite runs everywhere but on SQLite (a step only PostgreSQL makes
/// stays PostgreSQL-only).
fn render_step(change: &Change, ctx: &Context) -> String {
    let warning = change
        .data_loss()
        .map(|why| format!("        // DATA LOSS: {why}.\n"))
        .unwrap_or_default();
    let statement = render_statement(change, ctx);
    if !ctx.rebuilds.covers(change) {
        return format!("{warning}{statement}");
    }
    let table = change.table().unwrap_or_default();
    let note = format!("// Not on SQLite: \"{table}\" is rebuilt there with its new definition.\n");
    if let Some(at) = statement.find("// Not on SQLite: ") {
        // Already PostgreSQL-only: only the reason changes.
        let end = at + statement[at..].find('\n').map_or(0, |n| n + 1);
        return format!("{warning}{}{note}{}", &statement[..at], &statement[end..]);
    }
    let (comment, code) = match statement.find('\n') {
        Some(n) if statement.trim_start().starts_with("//") => statement.split_at(n + 1),
        _ => ("", statement.as_str()),
    };
    // Every other backend makes it in place (MySQL/MariaDB too): only SQLite skips it.
    format!(
        "{warning}{comment}        {note}        if !db.is_sqlite() {{\n{}        }}\n",
        indent(code.trim_end_matches('\n'), 1)
    )
}

fn render_statement(change: &Change, ctx: &Context) -> String {
    use Change::*;
    let enums = ctx.enums;
    match change {
        CreateExtension(e) => objects::create_extension(e),
        CreateEnum(e) => objects::create_enum(e),
        DropEnum(e) => objects::drop_enum(e),
        CreateSequence(s) => objects::create_sequence(s),
        DropSequence(s) => objects::drop_sequence(s),
        CreateFunction(f) => objects::create_function(f),
        DropFunction(f) => objects::drop_function(f),
        CreateTable(t) => table::create_table(t, enums),
        DropTable(t) => table::drop_table(t),
        CreateIndex { table, index } => table::create_index(table, index),
        DropIndex { table, index } => table::drop_index(table, index),
        AddForeignKey { table, foreign_key } => table::add_foreign_key(table, foreign_key),
        DropForeignKey { table, foreign_key } => table::drop_foreign_key(table, foreign_key),
        RenameTable { from, to } => alter::rename_table(from, to),
        AddColumn { table, column } => alter::add_column(table, column, enums),
        DropColumn { table, column } => alter::drop_column(table, &column.name),
        RenameColumn { table, from, to } => alter::rename_column(table, from, to),
        RetainExtension(e) => objects::retain_extension(e),
        RetainEnumValue { .. } | RetainFilledValues { .. } => alter::comment_only(change),
        AddEnumValue { .. } | RenameEnumValue { .. } => format!(
            "{}{}",
            alter::postgres_sql(change),
            mysql::enum_labels(change, ctx.declared, ctx.created)
        ),
        AlterColumn { table, from, to } => format!(
            "{}{}",
            alter::postgres_sql(change),
            mysql::modify_column(table, from, to, enums)
        ),
        AddCheck { table, check } | DropCheck { table, check } => {
            // Not made on MySQL/MariaDB over a column a foreign key's action writes there.
            let refused = ctx
                .declared
                .table(table)
                .is_some_and(|t| !made_on_mysql(check, t));
            let own = if refused {
                String::new()
            } else {
                mysql::own_statements(change)
            };
            format!("{}{own}", alter::postgres_sql(change))
        }
        RenameIndex { .. }
        | AddPrimaryKey { .. }
        | DropPrimaryKey { .. }
        | AddUnique { .. }
        | DropUnique { .. } => format!(
            "{}{}",
            alter::postgres_sql(change),
            mysql::own_statements(change)
        ),
        AlterSequence { .. }
        | ReplaceFunction { .. }
        | RenameConstraint { .. }
        | SetTableComment { .. }
        | FillColumn { .. } => alter::postgres_sql(change),
    }
}

/// `not_on_sqlite` is the comment above a `db.is_postgres()` guard saying why the change is
/// skipped elsewhere, so no branch in a migration skips a change without saying why.
fn not_on_sqlite(change: &Change) -> String {
    use crate::backend::sqlite_rebuild::needs_rebuild;
    use crate::backend::{Capabilities, Sqlite};
    let why = Sqlite.cannot(change).unwrap_or_else(|| {
        match needs_rebuild(change) {
            true => "SQLite cannot make it in place; a rebuild of the table makes it there",
            false => "it is written in PostgreSQL SQL",
        }
        .to_owned()
    });
    format!("// Not on SQLite: {why}.\n")
}

/// `indent` prefixes every non-empty line with `n` levels of four spaces, except the
/// continuation lines of a multi-line raw string, whose content must stay as it is.
fn indent(text: &str, n: usize) -> String {
    let pad = "    ".repeat(n);
    let mut in_raw: Option<String> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        let inside = in_raw.is_some();
        out.push(if line.is_empty() || inside {
            line.to_owned()
        } else {
            format!("{pad}{line}")
        });
        let mut rest = line;
        loop {
            match &in_raw {
                Some(close) => match rest.find(close.as_str()) {
                    Some(at) => {
                        rest = &rest[at + close.len()..];
                        in_raw = None;
                    }
                    None => break,
                },
                None => match rest.find("r#") {
                    Some(at) => {
                        let hashes = rest[at + 1..].chars().take_while(|c| *c == '#').count();
                        let open = format!("r{}\"", "#".repeat(hashes));
                        if !rest[at..].starts_with(&open) {
                            break;
                        }
                        rest = &rest[at + open.len()..];
                        in_raw = Some(format!("\"{}", "#".repeat(hashes)));
                    }
                    None => break,
                },
            }
        }
    }
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::{indent, render_migration};
    use crate::diff::Change;
    use crate::model::{Column, SqlType};
    use crate::plan::Plan;

    #[test]
    fn raw_string_lines_keep_their_indentation() {
        let text = "f(r#\"a\nb\"#);\ng();";
        assert_eq!(indent(text, 1), "    f(r#\"a\nb\"#);\n    g();\n");
    }

    fn column(name: &str, nullable: bool) -> Column {
        Column {
            name: name.into(),
            ty: SqlType::Text,
            nullable,
            default: None,
            generated: None,
            comment: None,
        }
    }

    #[test]
    fn a_data_step_is_marked_between_the_new_not_null_column_and_the_drop() {
        let changes = vec![
            Change::DropColumn {
                table: "user".into(),
                column: column("fullname", true),
            },
            Change::AddColumn {
                table: "user".into(),
                column: column("given_name", false),
            },
        ];
        let source = render_migration("m1_x", "reshape", &Plan::new(changes)).source;
        let (up, _) = source.split_once("async fn down").unwrap();
        let added = up
            .find("Add column \"user\".\"given_name\"")
            .expect("added");
        let step = up.find("DATA STEP").expect("the data step is marked");
        let dropped = up
            .find("Drop column \"user\".\"fullname\"")
            .expect("dropped");
        assert!(added < step && step < dropped, "{up}");
        assert!(up[step..dropped].contains("\"given_name\""), "{up}");

        let nullable_only = vec![
            Change::DropColumn {
                table: "user".into(),
                column: column("fullname", true),
            },
            Change::AddColumn {
                table: "user".into(),
                column: column("nickname", true),
            },
        ];
        let source = render_migration("m1_x", "x", &Plan::new(nullable_only)).source;
        assert!(!source.contains("DATA STEP"), "{source}");
    }
}
