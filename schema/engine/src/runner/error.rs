//! The runner's errors: each prints as one line and has its own exit code.

use sea_orm_migration::DbErr;

use super::failure::Direction;

/// `exit` holds the process exit codes, documented in `docs/commands.md` ("Exit codes").
pub mod exit {
    /// `FAILURE`: a migration failed, or any other failure.
    pub const FAILURE: u8 = 1;
    /// `USAGE`: bad arguments or a malformed database URL.
    pub const USAGE: u8 = 2;
    /// `CONNECT`: the database cannot be reached or refuses the credentials.
    pub const CONNECT: u8 = 3;
    /// `LOCK`: another process held the migration lock for the whole `--lock-timeout`.
    pub const LOCK: u8 = 4;
    /// `HISTORY`: an applied migration was modified, or the tracking table names versions the
    /// code does not know.
    pub const HISTORY: u8 = 5;
    /// `UNRESOLVED`: a migration failed partway (MySQL/MariaDB) and nobody has resolved it yet.
    pub const UNRESOLVED: u8 = 6;
}

/// `RunnerError` is everything a runner command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum RunnerError {
    #[error("no database URL: pass -u/--database-url or set DATABASE_URL")]
    NoUrl,
    #[error("invalid database URL \"{url}\": {reason}")]
    BadUrl { url: String, reason: String },
    #[error("cannot connect to {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("the {0} backend is not supported by the migration runner")]
    UnsupportedBackend(&'static str),
    #[error(
        "could not get the migration lock within {seconds}s: {holder}; nothing was changed. Try again when it is done, or raise --lock-timeout"
    )]
    LockTimeout { seconds: u64, holder: String },
    #[error("cannot take the migration lock: {0}")]
    Lock(String),
    #[error("{}", history_message(modified, missing))]
    History {
        modified: Vec<String>,
        missing: Vec<String>,
    },
    #[error(
        "the database has no {table} but {other}: another migration tool built it, so up would re-create what is there; adopt it with `baseline VERSION` first (see docs/deploy.md)"
    )]
    ForeignHistory { table: String, other: String },
    #[error("migration {name} failed: {reason}; nothing of it was applied")]
    Failed { name: String, reason: String },
    #[error(
        "migration {name} failed after its non-transactional steps: {reason}; those steps are idempotent, fix the cause and run up again"
    )]
    FailedNonTransactional { name: String, reason: String },
    #[error(
        "migration {name} failed partway on MySQL/MariaDB ({summary}): {reason}; MySQL/MariaDB commits each DDL statement at once, so the statements before the failure stayed applied, and the migration is not recorded; {recorded}. Finish or undo it by hand, then run `resolve --applied {name}` or `resolve --rolled-back {name}` (see docs/deploy.md)"
    )]
    FailedPartway {
        name: String,
        summary: String,
        reason: String,
        recorded: String,
    },
    #[error(
        "rolling back {name} failed partway on MySQL/MariaDB ({summary}): {reason}; MySQL/MariaDB commits each DDL statement at once, so the statements of its down() before the failure stayed applied, and the migration is still recorded as applied; {recorded}. Finish the rollback by hand and run `resolve --rolled-back {name}`, or redo what it undid and run `resolve --applied {name}` (see docs/deploy.md)"
    )]
    RollbackFailedPartway {
        name: String,
        summary: String,
        reason: String,
        recorded: String,
    },
    #[error("{}", unresolved_message(name, *direction, summary))]
    Unresolved {
        name: String,
        /// Which half of the migration failed.
        direction: Direction,
        summary: String,
    },
    #[error(
        "no failure of migration \"{0}\" is recorded, so there is nothing to resolve (see `status`)"
    )]
    NothingToResolve(String),
    #[error("rolling back {name} failed: {reason}; nothing of it was undone")]
    RollbackFailed { name: String, reason: String },
    #[error(
        "rolling back {name} failed after its non-transactional steps: {reason}; it is still recorded as applied, fix the cause and run down again"
    )]
    RollbackFailedNonTransactional { name: String, reason: String },
    #[error("unknown migration version \"{0}\" (see `status`)")]
    UnknownVersion(String),
    #[error("migration \"{0}\" is not applied")]
    NotApplied(String),
    #[error("{0}")]
    Database(#[from] DbErr),
}

impl RunnerError {
    /// `exit_code` is the process exit code for this error (see [`exit`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            RunnerError::NoUrl | RunnerError::BadUrl { .. } => exit::USAGE,
            RunnerError::Connect { .. } => exit::CONNECT,
            RunnerError::LockTimeout { .. } => exit::LOCK,
            RunnerError::History { .. } | RunnerError::ForeignHistory { .. } => exit::HISTORY,
            RunnerError::Unresolved { .. } => exit::UNRESOLVED,
            _ => exit::FAILURE,
        }
    }

    /// `one_line` is the message with any line breaks folded, for stderr.
    pub fn one_line(&self) -> String {
        self.to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `unresolved_message` says which half of `name` failed and how to resolve it: the flag of
/// `resolve` names the state the database was brought to by hand, applied or not.
fn unresolved_message(name: &str, direction: Direction, summary: &str) -> String {
    let what = match direction {
        Direction::Up => format!(
            "migration {name} failed partway earlier ({summary}) and is not resolved; nothing was changed. `status` lists what ran; finish or undo it by hand, then run `resolve --applied {name}` or `resolve --rolled-back {name}`"
        ),
        Direction::Down => format!(
            "rolling back {name} failed partway earlier ({summary}; it is still recorded as applied) and is not resolved; nothing was changed. `status` lists what ran; finish the rollback by hand and run `resolve --rolled-back {name}`, or redo what it undid and run `resolve --applied {name}`"
        ),
    };
    format!("{what} (see docs/deploy.md)")
}

/// `history_message` says which applied migrations changed and what to do about it.
fn history_message(modified: &[String], missing: &[String]) -> String {
    format!(
        "{}; nothing was changed. Restore the files (or deploy the build that has them), or pass --allow-changed to proceed anyway",
        history_summary(modified, missing)
    )
}

/// `history_summary` names the modified and the missing migrations.
pub(crate) fn history_summary(modified: &[String], missing: &[String]) -> String {
    let mut parts = Vec::new();
    if !modified.is_empty() {
        parts.push(format!(
            "applied migration(s) modified since they were applied: {}",
            modified.join(", ")
        ));
    }
    if !missing.is_empty() {
        parts.push(format!(
            "the tracking table names migration(s) this build does not have: {}",
            missing.join(", ")
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_exit_code() {
        assert_eq!(RunnerError::NoUrl.exit_code(), 2);
        let connect = RunnerError::Connect {
            url: "u".into(),
            reason: "r".into(),
        };
        assert_eq!(connect.exit_code(), 3);
        let lock = RunnerError::LockTimeout {
            seconds: 1,
            holder: "held by pid 7".into(),
        };
        assert_eq!(lock.exit_code(), 4);
        let history = RunnerError::History {
            modified: vec!["m1".into()],
            missing: vec![],
        };
        assert_eq!(history.exit_code(), 5);
        assert_eq!(RunnerError::UnknownVersion("x".into()).exit_code(), 1);
        let partway = RunnerError::FailedPartway {
            name: "m1".into(),
            summary: "statement 2 of 3 failed".into(),
            reason: "r".into(),
            recorded: "recorded".into(),
        };
        assert_eq!(partway.exit_code(), 1);
        let unresolved = RunnerError::Unresolved {
            name: "m1".into(),
            direction: Direction::Up,
            summary: "s".into(),
        };
        assert_eq!(unresolved.exit_code(), 6);
        let down = RunnerError::Unresolved {
            name: "m1".into(),
            direction: Direction::Down,
            summary: "s".into(),
        };
        assert_eq!(down.exit_code(), 6);
        assert!(
            down.one_line()
                .starts_with("rolling back m1 failed partway earlier")
        );
        let rollback = RunnerError::RollbackFailedPartway {
            name: "m1".into(),
            summary: "statement 2 of 3 failed".into(),
            reason: "r".into(),
            recorded: "recorded".into(),
        };
        assert_eq!(rollback.exit_code(), 1);
    }

    #[test]
    fn the_history_message_names_both_kinds() {
        let e = RunnerError::History {
            modified: vec!["m1".into()],
            missing: vec!["m9".into()],
        };
        let line = e.one_line();
        assert!(
            line.contains("modified since they were applied: m1"),
            "{line}"
        );
        assert!(line.contains("does not have: m9"), "{line}");
        assert!(line.contains("--allow-changed"), "{line}");
    }
}
