//! `sql` and `lint`: the migrations' SQL without touching a database, and its review.
//!
//! Both work offline. Given a database (`-u` or `DATABASE_URL`, never the embedded SQLite
//! default), they only read which migrations it has applied, so `sql` prints exactly what
//! `up` would run there and `lint` judges exactly what is pending.

use clap::{Args, ValueEnum};
use sea_orm::{DatabaseConnection, DbBackend, DbErr};

use super::{CliError, GlobalArgs, Project, connect, resolve_database_url};
use crate::lint::{self, Finding, Severity};
use crate::offline::{self, Direction, MigrationSql, Step, StepKind};
use crate::plan::Plan;
use crate::runner::TrackedMigrator;
use crate::sql::ident;

/// `Backend` is the SQL dialect to print or judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    Postgres,
    Sqlite,
    Mysql,
}

#[derive(Debug, Clone, Args)]
pub struct SqlArgs {
    /// SQL dialect [default: the database's with -u/DATABASE_URL, else postgres].
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
    /// Start after VERSION (exclusive) [default: the first migration; with a database, the
    /// first pending one].
    #[arg(long, value_name = "VERSION", conflicts_with_all = ["down", "all"])]
    pub from: Option<String>,
    /// Stop at VERSION (inclusive) [default: the last migration].
    #[arg(long, value_name = "VERSION", conflicts_with = "down")]
    pub to: Option<String>,
    /// Print the down() SQL of the last N migrations instead (with a database: the last N
    /// applied), as `down -n N` runs it.
    #[arg(long, value_name = "N")]
    pub down: Option<u32>,
    /// Ignore the database: every migration (with --down: the last N of the list).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// Lint every migration, even when a database is given.
    #[arg(long)]
    pub all: bool,
    /// Dialect to judge; the locking rules are PostgreSQL's [default: the database's with
    /// -u/DATABASE_URL, else postgres].
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
}

/// `sql` prints [`sql_script`].
pub(super) async fn sql<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    args: &SqlArgs,
) -> Result<(), CliError> {
    print!("{}", sql_script::<M>(project, global, args).await?);
    Ok(())
}

/// `sql_script` is the SQL `up` (or `down -n N`) would run, as one applyable script.
pub async fn sql_script<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    args: &SqlArgs,
) -> Result<String, CliError> {
    let db = if args.all || args.from.is_some() {
        None
    } else {
        database(project, global).await?
    };
    let backend = backend_of(args.backend, db.as_ref());
    let names = migration_names::<M>();
    let mut preamble = search_path(global, backend);
    preamble.extend(migration_session(backend));
    let (command, captured) = match args.down {
        Some(n) => {
            let applied = match &db {
                Some(db) => applied::<M>(db).await?,
                None => names,
            };
            let last: Vec<String> = applied.into_iter().rev().take(n as usize).collect();
            let captured = offline::capture::<M>(backend, Direction::Down, &last).await?;
            (format!("down -n {n}"), captured)
        }
        None => {
            let mut chosen = range(&names, args.from.as_deref(), args.to.as_deref())?;
            if let Some(db) = &db {
                let pending = pending::<M>(db).await?;
                chosen.retain(|name| pending.contains(name));
            }
            preamble.extend(offline::install::<M>(backend).await?);
            let applied_at = chrono::Utc::now().timestamp();
            let up = Direction::Up { applied_at };
            let captured = offline::capture::<M>(backend, up, &chosen).await?;
            ("up".to_owned(), captured)
        }
    };
    let title = format!(
        "What `cli {command}` runs on {}{}, rendered by `cli sql` without touching a database.\n\
         Apply as is: {}",
        backend_name(backend),
        if db.is_some() { " (this database)" } else { "" },
        match backend {
            DbBackend::Sqlite => "sqlite3 DATABASE_FILE < THIS_FILE",
            DbBackend::MySql => "mysql DATABASE < THIS_FILE",
            _ => "psql -v ON_ERROR_STOP=1 -d DATABASE -f THIS_FILE",
        }
    );
    Ok(offline::render(&title, &preamble, &captured))
}

/// `LintReport` is the findings and how many migrations were judged.
#[derive(Debug)]
pub struct LintReport {
    pub linted: usize,
    pub findings: Vec<Finding>,
}

/// `lint` prints one line per finding; any error-severity finding fails the command.
pub(super) async fn lint<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    args: &LintArgs,
) -> Result<(), CliError> {
    let report = lint_report::<M>(project, global, args).await?;
    for finding in &report.findings {
        println!("{finding}");
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = report.findings.len() - errors;
    eprintln!(
        "{errors} error(s), {warnings} warning(s) in {} migration(s)",
        report.linted
    );
    if errors > 0 {
        // CliError has no lint variant; a migration error exits 1 like every other failure.
        return Err(DbErr::Migration(format!(
            "lint found {errors} error-severity finding(s) (see above)"
        ))
        .into());
    }
    Ok(())
}

/// `lint_report` judges the pending migrations of the database, or all of them.
pub async fn lint_report<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    args: &LintArgs,
) -> Result<LintReport, CliError> {
    let db = if args.all {
        None
    } else {
        database(project, global).await?
    };
    let backend = backend_of(args.backend, db.as_ref());
    let names = migration_names::<M>();
    let judged = match &db {
        Some(db) => pending::<M>(db).await?,
        None => names.clone(),
    };
    // Every migration runs offline: the applied ones tell the linter the current column
    // types and enum labels.
    let up = Direction::Up { applied_at: 0 };
    let captured = offline::capture::<M>(backend, up, &names).await?;
    let (linted, history): (Vec<MigrationSql>, Vec<MigrationSql>) =
        captured.into_iter().partition(|m| judged.contains(&m.name));
    let statements = |list: Vec<MigrationSql>| -> Vec<(String, Vec<String>)> {
        list.into_iter()
            .map(|m| {
                let s = m.statements();
                (m.name, s)
            })
            .collect()
    };
    let count = linted.len();
    let findings = lint::lint_after(
        &statements(history),
        &statements(linted),
        backend == DbBackend::Postgres,
    );
    Ok(LintReport {
        linted: count,
        findings,
    })
}

/// `plan_warnings` is the lint findings of a plan `generate` wrote as migration `name`, one
/// `warning: lint …` line each.
pub async fn plan_warnings<M: TrackedMigrator>(name: &str, plan: &Plan) -> Vec<String> {
    let statements: Vec<String> = plan.up.iter().flat_map(crate::sql::statements).collect();
    // `generate` works on a database with every migration applied: they tell the current
    // column types. Should one not run offline, the rules judge without that knowledge.
    let up = Direction::Up { applied_at: 0 };
    let history: Vec<(String, Vec<String>)> =
        offline::capture::<M>(DbBackend::Postgres, up, &migration_names::<M>())
            .await
            .map(|list| {
                list.into_iter()
                    .map(|m| {
                        let s = m.statements();
                        (m.name, s)
                    })
                    .collect()
            })
            .unwrap_or_default();
    lint::lint_after(&history, &[(name.to_owned(), statements)], true)
        .into_iter()
        .map(|f| {
            format!(
                "warning: lint {} ({}): {} — fix: {}",
                f.rule, f.severity, f.reason, f.fix
            )
        })
        .collect()
}

/// `database` connects when a URL is given (`-u`, `DATABASE_URL`); these commands never fall
/// back to the embedded SQLite file.
async fn database(
    project: &Project,
    global: &GlobalArgs,
) -> Result<Option<DatabaseConnection>, CliError> {
    let (_, is_default) =
        resolve_database_url(global.database_url.as_deref(), project.default_sqlite_file);
    if is_default {
        return Ok(None);
    }
    connect::connect(project, global).await.map(Some)
}

/// `backend_of` is the dialect asked for, else the database's, else PostgreSQL.
fn backend_of(chosen: Option<Backend>, db: Option<&DatabaseConnection>) -> DbBackend {
    match (chosen, db) {
        (Some(Backend::Postgres), _) => DbBackend::Postgres,
        (Some(Backend::Sqlite), _) => DbBackend::Sqlite,
        (Some(Backend::Mysql), _) => DbBackend::MySql,
        (None, Some(db)) => db.get_database_backend(),
        (None, None) => DbBackend::Postgres,
    }
}

/// `backend_name` names the dialect for the script's title.
fn backend_name(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Sqlite => "SQLite",
        DbBackend::MySql => "MySQL/MariaDB",
        _ => "PostgreSQL",
    }
}

/// `search_path` makes the script work in the schema `-s` names, as the connection would.
fn search_path(global: &GlobalArgs, backend: DbBackend) -> Vec<Step> {
    if backend != DbBackend::Postgres || global.schema == "public" {
        return Vec::new();
    }
    vec![Step {
        kind: StepKind::Control,
        sql: format!("SET search_path TO {}", ident(&global.schema)),
    }]
}

/// `migration_session` puts a MySQL/MariaDB script's session in the mode the runner applies
/// migrations in: without strict mode, so a VARCHAR too long for a row becomes a TEXT type
/// (see the runner's `mysql_session`).
fn migration_session(backend: DbBackend) -> Vec<Step> {
    if backend != DbBackend::MySql {
        return Vec::new();
    }
    vec![Step {
        kind: StepKind::Control,
        sql: "SET SESSION sql_mode = REPLACE(REPLACE(@@SESSION.sql_mode, 'STRICT_TRANS_TABLES', ''), 'STRICT_ALL_TABLES', '')".into(),
    }]
}

/// `migration_names` is every migration of the build, in order.
fn migration_names<M: TrackedMigrator>() -> Vec<String> {
    M::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

/// `range` is the migrations after `from` (exclusive) up to `to` (inclusive).
fn range(names: &[String], from: Option<&str>, to: Option<&str>) -> Result<Vec<String>, CliError> {
    let position = |version: &str| {
        names
            .iter()
            .position(|n| n == version)
            .ok_or_else(|| CliError::UnknownVersion(version.to_owned()))
    };
    let start = from.map(position).transpose()?.map_or(0, |i| i + 1);
    let end = to.map(position).transpose()?.map_or(names.len(), |i| i + 1);
    if end < start {
        return Err(CliError::Usage(
            "--to names a migration before --from".into(),
        ));
    }
    Ok(names[start..end].to_vec())
}

/// `pending` reads the pending migrations without creating the tracking table.
async fn pending<M: TrackedMigrator>(db: &DatabaseConnection) -> Result<Vec<String>, CliError> {
    Ok(M::get_pending_migrations_read_only(db)
        .await?
        .iter()
        .map(|m| m.name().to_owned())
        .collect())
}

/// `applied` reads the applied migrations, in the order they were applied, read-only.
async fn applied<M: TrackedMigrator>(db: &DatabaseConnection) -> Result<Vec<String>, CliError> {
    Ok(M::get_applied_migrations_read_only(db)
        .await?
        .iter()
        .map(|m| m.name().to_owned())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_exclude_from_and_include_to() {
        let names: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(range(&names, None, None).unwrap(), names);
        assert_eq!(range(&names, Some("a"), Some("b")).unwrap(), ["b"]);
        assert_eq!(
            range(&names, Some("c"), None).unwrap(),
            Vec::<String>::new()
        );
        assert!(matches!(
            range(&names, Some("x"), None),
            Err(CliError::UnknownVersion(v)) if v == "x"
        ));
        assert!(matches!(
            range(&names, Some("c"), Some("a")),
            Err(CliError::Usage(_))
        ));
    }
}
