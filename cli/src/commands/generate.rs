//! `generate MESSAGE`: write a new migration for what the database lacks.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use migration::Migrator;
use sea_orm::DbBackend;
use sea_orm_migration::MigratorTrait;

use super::{CliError, GlobalArgs, connect};
use crate::desired::desired_schema;
use crate::diff::{Change, create_missing};
use crate::live::live_objects;
use crate::plan::Plan;
use crate::render::{register_migration, render_migration};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What the migration does, e.g. "add course tags"; also names the file.
    pub message: String,
    /// Only this kind of change: database objects (extensions, enum types, functions,
    /// sequences) or tables (with their indexes).
    #[arg(long, value_enum)]
    pub only: Option<Only>,
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
    let desired = desired_schema(&entity::registry())?;

    let db = connect::connect(global).await?;
    if db.get_database_backend() != DbBackend::Postgres {
        return Err(CliError::Usage(
            "generate compares the entities with a PostgreSQL database migrated to the latest version: pass -u postgres://…".into(),
        ));
    }
    let pending = Migrator::get_pending_migrations(&db).await?;
    if !pending.is_empty() {
        return Err(CliError::Pending(pending.len()));
    }
    let live = live_objects(&db, &global.schema).await?;
    let changes: Vec<Change> = create_missing(&desired, &live)
        .into_iter()
        .filter(|c| match args.only {
            None => true,
            Some(Only::Objects) => c.is_database_object(),
            Some(Only::Tables) => !c.is_database_object(),
        })
        .collect();
    if changes.is_empty() {
        println!("no changes: the database already has everything the entities declare");
        return Ok(());
    }
    let plan = Plan::new(changes);
    let module = format!("m{}_{slug}", chrono::Utc::now().format("%Y%m%d_%H%M%S"));
    let rendered = render_migration(&module, &args.message, &plan);
    let file = args.migration_dir.join(format!("{module}.rs"));
    let new_lib_rs = register_migration(&lib_rs, &module)?;
    write(&file, &rendered.source)?;
    write(&lib_rs_path, &new_lib_rs)?;
    rustfmt(&[&file, &lib_rs_path]);
    println!(
        "wrote {} ({} change(s)); review it, then run `up`",
        file.display(),
        plan.up.len()
    );
    Ok(())
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
