//! `diff` (the plan, readable or as JSON or SQL) and `check` (exit 1 when out of sync, for CI).

use std::io::IsTerminal;

use clap::{Args, ValueEnum};

use super::engine::Comparison;
use super::{CliError, GlobalArgs, Project, engine};
use crate::backend::sqlite_rebuild::sqlite_rebuilds;
use crate::backend::{Statements, with_backend};
use crate::diff::{Change, Diff};
use crate::plan::Plan;
use crate::runner::TrackedMigrator;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Output: a readable plan, JSON, or the PostgreSQL statements.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sql,
}

/// `diff` prints what `generate` would plan, without writing anything.
pub(super) async fn diff<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    args: DiffArgs,
) -> Result<(), CliError> {
    let comparison = engine::compare::<M>(project, global, engine::Need::AnyDatabase).await?;
    note_left_out(&comparison);
    let plan = Plan::new(comparison.diff.changes.clone());
    match args.format {
        Format::Text => print_text(&comparison.diff, &plan),
        Format::Json => print_json(&comparison, &plan)?,
        Format::Sql => print_sql(&comparison, &plan),
    }
    Ok(())
}

/// `check` exits 0 when the database matches the entities and lists the differences (exit 1)
/// when it does not.
pub(super) async fn check<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
) -> Result<(), CliError> {
    let comparison = engine::compare::<M>(project, global, engine::Need::AnyDatabase).await?;
    note_left_out(&comparison);
    if comparison.diff.is_empty() {
        println!("in sync: the database matches the entities");
        return Ok(());
    }
    let plan = Plan::new(comparison.diff.changes.clone());
    print_text(&comparison.diff, &plan);
    Err(CliError::OutOfSync(
        plan.up.len() + comparison.diff.unsupported.len(),
    ))
}

/// `note_left_out` says on stderr that part of the entities is not compared on this backend.
fn note_left_out(comparison: &Comparison) {
    if !comparison.left_out.is_empty() {
        eprintln!(
            "note: {} does not hold {} thing(s) the entities declare (e.g. {}), so they are not compared; `diff --format json` lists them (see docs/backends.md)",
            comparison.backend,
            comparison.left_out.len(),
            comparison.left_out[0]
        );
    }
}

fn print_text(diff: &Diff, plan: &Plan) {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if plan.is_empty() && diff.unsupported.is_empty() {
        println!("no changes: the database matches the entities");
    }
    for change in &plan.up {
        let (mark, code) = marker(change);
        let warning = change
            .data_loss()
            .map(|w| format!("  (data loss: {w})"))
            .unwrap_or_default();
        if color {
            println!("\x1b[{code}m{mark} {change}\x1b[0m{warning}");
        } else {
            println!("{mark} {change}{warning}");
        }
    }
    for item in &diff.unsupported {
        println!("! cannot plan: {item}");
    }
    for hint in &diff.hints {
        println!("? hint: {hint}");
    }
}

/// `marker` is the plan line's sign and color: `+` creates, `-` drops, `~` changes.
fn marker(change: &Change) -> (&'static str, &'static str) {
    let text = change.to_string();
    if text.starts_with("create") || text.starts_with("add") {
        ("+", "32")
    } else if text.starts_with("drop") {
        ("-", "31")
    } else {
        ("~", "33")
    }
}

fn print_json(comparison: &Comparison, plan: &Plan) -> Result<(), CliError> {
    let diff = &comparison.diff;
    let value = serde_json::json!({
        "backend": comparison.backend,
        "left_out": comparison.left_out,
        "changes": plan.up,
        "descriptions": plan.up.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        "data_loss": plan.data_loss(),
        "irreversible": plan.irreversible(),
        "unsupported": diff.unsupported,
        "hints": diff.hints,
    });
    let text = serde_json::to_string_pretty(&value).map_err(|e| CliError::Usage(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// `print_sql` prints the statements the migration would run on this database's backend.
fn print_sql(comparison: &Comparison, plan: &Plan) {
    let rebuilds = sqlite_rebuilds(
        &plan.up,
        &comparison.live,
        &comparison.desired,
        &comparison.renames,
    );
    let db = &comparison.db;
    let steps = with_backend!(db, |backend| backend.plan_sql(plan, &rebuilds)).unwrap_or_default();
    for (description, statements) in steps {
        println!("-- {description}");
        for statement in statements {
            println!("{statement};");
        }
    }
}
