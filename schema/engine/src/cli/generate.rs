//! `generate MESSAGE`: write a new migration for what differs between the database and the
//! entities.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, RuntimeErr, TransactionTrait};

use super::{CliError, GlobalArgs, Project, engine};
use crate::backend::sqlite_rebuild::sqlite_rebuilds;
use crate::backend::{Capabilities, ServerGate, with_backend};
use crate::diff::Change;
use crate::plan::Plan;
use crate::plan::fill::{Fill, FillError, apply_fills, needing_fill};
use crate::render::{register_migration, render_migration_for};
use crate::runner::TrackedMigrator;
use crate::sql;

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

pub(super) async fn run<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    args: GenerateArgs,
) -> Result<(), CliError> {
    let slug = slug(&args.message)?;
    let lib_rs_path = args.migration_dir.join("lib.rs");
    let lib_rs = read(&lib_rs_path)?;
    let mut comparison = engine::compare::<M>(project, global, engine::Need::UpToDate).await?;
    if !comparison.diff.unsupported.is_empty() {
        return Err(CliError::Unsupported(
            comparison.diff.unsupported.join("; "),
        ));
    }
    for hint in &comparison.diff.hints {
        eprintln!("hint: {hint}");
    }
    let changes: Vec<Change> = std::mem::take(&mut comparison.diff.changes)
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
    // In the entities' terms first: a fill becomes part of the column the migration adds.
    let changes = in_the_entities_terms(&comparison, changes);
    let fills = fills_for(&comparison.db, comparison.backend, &changes, args.fill).await?;
    let changes = apply_fills(changes, &fills)?;
    refuse_what_the_backend_cannot(&comparison, &changes)?;
    refuse_what_the_server_is_too_old_for(&comparison, &changes).await?;
    let plan = Plan::new(changes);
    let rebuilds = sqlite_rebuilds(
        &plan.up,
        &comparison.live,
        &comparison.desired,
        &comparison.renames,
    );
    let module = format!("m{}_{slug}", chrono::Utc::now().format("%Y%m%d_%H%M%S"));
    let rendered = render_migration_for(
        &module,
        &args.message,
        &plan,
        &rebuilds,
        &comparison.declared,
    );
    let file = args.migration_dir.join(format!("{module}.rs"));
    let new_lib_rs = register_migration(&lib_rs, &module)?;
    let source = rustfmt_source(&rendered.source, &args.migration_dir).unwrap_or_else(|| {
        eprintln!(
            "note: rustfmt did not run; the new migration is written unformatted (format that file alone: `rustfmt --edition 2024 {}`)",
            file.display()
        );
        rendered.source
    });
    // Only the new file is formatted, and lib.rs only gets its two registration lines, which
    // are already laid out as rustfmt would: existing migrations keep their bytes, so their
    // recorded checksums still match.
    write(&file, &source)?;
    write(&lib_rs_path, &new_lib_rs)?;
    for warning in plan.data_loss() {
        eprintln!("warning: data loss: {warning}");
    }
    for warning in super::offline::plan_warnings::<M>(&module, &plan).await {
        eprintln!("{warning}");
    }
    println!(
        "wrote {} ({} change(s)); review it, then run `up`",
        file.display(),
        plan.up.len()
    );
    Ok(())
}

/// `in_the_entities_terms` is the plan found against the database's backend as the
/// migration says it (one file for every backend): `Capabilities::authored`.
fn in_the_entities_terms(comparison: &engine::Comparison, changes: Vec<Change>) -> Vec<Change> {
    let db = &comparison.db;
    let declared = &comparison.declared;
    let live = &comparison.live;
    match with_backend!(db, |backend| backend.authored(
        changes.clone(),
        declared,
        live
    )) {
        Some(authored) => authored,
        None => changes,
    }
}

/// `refuse_what_the_server_is_too_old_for` stops `generate` when the connected server's
/// version cannot make one of the changes: one line naming the feature and the version it
/// needs.
async fn refuse_what_the_server_is_too_old_for(
    comparison: &engine::Comparison,
    changes: &[Change],
) -> Result<(), CliError> {
    let db = &comparison.db;
    let refusal = with_backend!(db, |backend| backend.too_old(db, changes).await);
    match refusal.transpose()?.flatten() {
        Some(why) => Err(CliError::Usage(format!(
            "generate against {} cannot write this migration: {why}",
            comparison.backend
        ))),
        None => Ok(()),
    }
}

/// `refuse_what_the_backend_cannot` stops `generate` against a backend that does not hold
/// the whole schema or cannot make one of the changes: the migration would be written from a
/// partial view, and be incomplete wherever it runs.
fn refuse_what_the_backend_cannot(
    comparison: &engine::Comparison,
    changes: &[Change],
) -> Result<(), CliError> {
    let db = &comparison.db;
    let cannot: Vec<String> = with_backend!(db, |backend| {
        let down = Plan::new(changes.to_vec()).down;
        changes
            .iter()
            .filter_map(|c| backend.cannot(c).map(|why| format!("{c}: {why}")))
            .chain(backend.cannot_run(changes, &comparison.desired))
            .chain(backend.cannot_run(&down, &comparison.live))
            .collect()
    })
    .unwrap_or_default();
    let reasons: Vec<&String> = comparison.left_out.iter().chain(&cannot).collect();
    let Some(first) = reasons.first() else {
        return Ok(());
    };
    let more = match reasons.len() {
        1 => String::new(),
        n => format!(" (and {} more; `diff --format json` lists them)", n - 1),
    };
    Err(CliError::Usage(format!(
        "generate against {} cannot write this migration: {first}{more}; generate against a database that holds the whole schema (PostgreSQL)",
        comparison.backend
    )))
}

/// `fills_for` completes the given fills for the columns that need one (asking at a
/// terminal), and has the database check that each is a value of its column's type: on its
/// own (it can be the column's default), or else read from a row of the table (it is an
/// `UPDATE`).
async fn fills_for(
    db: &DatabaseConnection,
    backend: &str,
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
    for fill in &mut fills {
        let Some((_, column)) = needing
            .iter()
            .find(|(t, c)| *t == fill.table && c.name == fill.column)
        else {
            continue; // `apply_fills` names it.
        };
        let value = format!("CAST(({}) AS {})", fill.sql, column.ty);
        let refused = |e: DbErr| {
            CliError::Usage(format!(
                "--fill {fill}: {backend} refuses it as a value of type {}: {e}",
                column.ty
            ))
        };
        let alone = probe(db, &format!("SELECT {value}")).await?;
        match alone {
            Ok(()) => {}
            // It reads the row: it must work on the table's rows (one is tried, if any).
            Err(e) if is_undefined_column(&e) => {
                let from_row = format!("SELECT {value} FROM {} LIMIT 1", sql::ident(&fill.table));
                probe(db, &from_row).await?.map_err(refused)?;
                fill.reads_row = true;
            }
            Err(e) => return Err(refused(e)),
        }
    }
    Ok(fills)
}

/// `is_undefined_column` is "column does not exist" (PostgreSQL's SQLSTATE 42703).
fn is_undefined_column(e: &DbErr) -> bool {
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = e else {
        return false;
    };
    // PostgreSQL's SQLSTATE; SQLite has no SQLSTATE and says it in words.
    e.as_database_error().is_some_and(|d| {
        d.code().is_some_and(|code| code == "42703") || d.message().starts_with("no such column")
    })
}

/// `probe` runs `query` in a transaction that is rolled back: its own error, or the
/// connection's.
async fn probe(db: &DatabaseConnection, query: &str) -> Result<Result<(), DbErr>, CliError> {
    let txn = db.begin().await?;
    let result = txn.execute_unprepared(query).await.map(|_| ());
    txn.rollback().await?;
    Ok(result)
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
            reads_row: false,
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

/// `rustfmt_source` is `source` as rustfmt formats it, or `None` when rustfmt is not installed
/// or fails. The source goes through stdin: rustfmt then formats that text alone, where given
/// a file it would follow the file's `mod` lines and rewrite the files they name. It runs in
/// `dir`, so a rustfmt.toml of the project applies.
pub fn rustfmt_source(source: &str, dir: &Path) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // rustfmt reads all of stdin before it writes: no deadlock on a large source.
    child.stdin.take()?.write_all(source.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

#[cfg(test)]
mod tests {
    use super::{rustfmt_source, slug};

    #[test]
    fn slugs() {
        assert_eq!(slug("Database objects").unwrap(), "database_objects");
        assert_eq!(slug("  add: course-tags!! ").unwrap(), "add_course_tags");
        assert!(slug("!!!").is_err());
    }

    /// `scratch_dir` is a new empty folder.
    fn scratch_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ct_fmt_{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn rustfmt_formats_the_given_source_and_no_file_it_names() {
        let dir = scratch_dir();
        let child = "fn   hand_written( ){ }\n";
        std::fs::write(dir.join("child.rs"), child).unwrap();
        let Some(formatted) = rustfmt_source("mod child;\nfn  main(){}\n", &dir) else {
            eprintln!("rustfmt is not installed: nothing to check");
            return;
        };
        assert_eq!(formatted, "mod child;\nfn main() {}\n");
        assert_eq!(
            std::fs::read_to_string(dir.join("child.rs")).unwrap(),
            child
        );
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        assert_eq!(rustfmt_source("fn main( {}", &dir), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
