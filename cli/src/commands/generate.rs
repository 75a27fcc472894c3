//! `generate MESSAGE`: write a new migration for what differs between the database and the
//! entities.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use super::{CliError, GlobalArgs, engine};
use crate::diff::Change;
use crate::plan::Plan;
use crate::plan::fill::{Fill, FillError, apply_fills, needing_fill};
use crate::render::{register_migration, render_migration};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What the migration does, e.g. "add course tags"; also names the file.
    pub message: String,
    /// Only this kind of change: database objects (extensions, enum types, functions,
    /// sequences) or tables (with everything in them).
    #[arg(long, value_enum)]
    pub only: Option<Only>,
    /// The value existing rows get for a NOT NULL column added without a default, as
    /// `table.column=SQL` (repeatable). Asked for at a terminal when missing.
    #[arg(long, value_name = "TABLE.COLUMN=SQL")]
    pub fill: Vec<Fill>,
    /// Folder of the migration crate's sources.
    #[arg(long, default_value_os_t = super::default_migration_dir())]
    pub migration_dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    Objects,
    Tables,
}

pub(super) async fn run(global: &GlobalArgs, args: GenerateArgs) -> Result<(), CliError> {
    let slug = slug(&args.message)?;
    let lib_rs_path = args.migration_dir.join("lib.rs");
    let lib_rs = read(&lib_rs_path)?;
    let comparison = engine::compare(global, engine::Need::UpToDate).await?;
    if !comparison.diff.unsupported.is_empty() {
        return Err(CliError::Unsupported(
            comparison.diff.unsupported.join("; "),
        ));
    }
    for hint in &comparison.diff.hints {
        eprintln!("hint: {hint}");
    }
    let changes: Vec<Change> = comparison
        .diff
        .changes
        .into_iter()
        .filter(|c| match args.only {
            None => true,
            Some(Only::Objects) => c.is_database_object(),
            Some(Only::Tables) => !c.is_database_object(),
        })
        .collect();
    if changes.is_empty() {
        println!("no changes: the database matches the entities");
        return Ok(());
    }
    let fills = fills_for(&comparison.db, &changes, args.fill).await?;
    let plan = Plan::new(apply_fills(changes, &fills)?);
    let module = format!("m{}_{slug}", chrono::Utc::now().format("%Y%m%d_%H%M%S"));
    let rendered = render_migration(&module, &args.message, &plan);
    let file = args.migration_dir.join(format!("{module}.rs"));
    let new_lib_rs = register_migration(&lib_rs, &module)?;
    write(&file, &rendered.source)?;
    write(&lib_rs_path, &new_lib_rs)?;
    rustfmt(&[&file, &lib_rs_path]);
    for warning in plan.data_loss() {
        eprintln!("warning: data loss: {warning}");
    }
    for warning in super::offline::plan_warnings(&module, &plan).await {
        eprintln!("{warning}");
    }
    println!(
        "wrote {} ({} change(s)); review it, then run `up`",
        file.display(),
        plan.up.len()
    );
    Ok(())
}

/// `fills_for` completes the given fills for the columns that need one (asking at a
/// terminal), and has PostgreSQL check that each is a value of its column's type.
async fn fills_for(
    db: &DatabaseConnection,
    changes: &[Change],
    mut fills: Vec<Fill>,
) -> Result<Vec<Fill>, CliError> {
    let needing = needing_fill(changes);
    if std::io::stdin().is_terminal() {
        for (table, column) in &needing {
            if !fills
                .iter()
                .any(|f| f.table == *table && f.column == column.name)
            {
                fills.push(ask_fill(table, &column.name)?);
            }
        }
    }
    for fill in &fills {
        let Some((_, column)) = needing
            .iter()
            .find(|(t, c)| *t == fill.table && c.name == fill.column)
        else {
            continue; // `apply_fills` names it.
        };
        let probe = format!("SELECT CAST(({}) AS {}) AS v", fill.sql, column.ty);
        let txn = db.begin().await?;
        let result = txn.execute_unprepared(&probe).await;
        txn.rollback().await?;
        if let Err(e) = result {
            return Err(CliError::Usage(format!(
                "--fill {fill}: PostgreSQL refuses it as a value of type {}: {e}",
                column.ty
            )));
        }
    }
    Ok(fills)
}

/// `ask_fill` prompts for the value of `table.column` on the terminal.
fn ask_fill(table: &str, column: &str) -> Result<Fill, CliError> {
    eprint!(
        "\"{table}\".\"{column}\" is added NOT NULL without a default. SQL value for the rows it already has (empty to stop): "
    );
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|source| CliError::Io {
            path: "stdin".into(),
            source,
        })?;
    match line.trim() {
        "" => Err(FillError::Missing {
            table: table.to_owned(),
            column: column.to_owned(),
        }
        .into()),
        sql => Ok(Fill {
            table: table.to_owned(),
            column: column.to_owned(),
            sql: sql.to_owned(),
        }),
    }
}

/// `slug` turns the message into the file-name part: lower-case words joined by `_`.
fn slug(message: &str) -> Result<String, CliError> {
    let words: Vec<String> = message
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        return Err(CliError::Usage(
            "the message needs at least one letter or digit".into(),
        ));
    }
    let mut slug = words.join("_");
    slug.truncate(60);
    Ok(slug.trim_end_matches('_').to_owned())
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn write(path: &Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// `rustfmt` formats the written files when rustfmt is installed (it is with rustup); the
/// renderer's output is already close, so a missing rustfmt only costs some line breaks.
fn rustfmt(files: &[&Path]) {
    let status = std::process::Command::new("rustfmt")
        .arg("--edition")
        .arg("2024")
        .args(files)
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        eprintln!("note: rustfmt did not run; format the new migration with `cargo fmt`");
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("Database objects").unwrap(), "database_objects");
        assert_eq!(slug("  add: course-tags!! ").unwrap(), "add_course_tags");
        assert!(slug("!!!").is_err());
    }
}
