//! The command line's errors: each prints as one line, with its own exit code.

use std::process::ExitCode;

use sea_orm::DbErr;

use crate::desired::SchemaError;
use crate::render::register::RegisterError;
use crate::runner::{RunnerError, exit};

/// `CliError` is everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Database(#[from] DbErr),
    #[error("{0}")]
    Runner(#[from] RunnerError),
    #[error("unknown migration version \"{0}\" (see `status`)")]
    UnknownVersion(String),
    #[error("the database is not up to date: {0} pending migration(s); run `up` first")]
    Pending(usize),
    #[error("the database already holds data ({0}); pass --clear to empty it first")]
    NotEmpty(String),
    #[error("entity {0}")]
    Schema(#[from] SchemaError),
    #[error("{0}")]
    Register(#[from] RegisterError),
    #[error("{0}")]
    Usage(String),
    #[error("{0} difference(s) between the database and the entities")]
    OutOfSync(usize),
    #[error("cannot plan: {0}")]
    Unsupported(String),
    /// A failure of a command the project adds next to the engine's (e.g. filling the
    /// database with fake data).
    #[error("{0}")]
    Project(Box<dyn std::error::Error + Send + Sync>),
    #[error("{0}")]
    Fill(#[from] crate::plan::fill::FillError),
    #[error("{0}")]
    Normalize(#[from] crate::normalize::NormalizeError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl CliError {
    /// `exit_code`: 2 for usage errors (as clap), 3 when the database cannot be reached, the
    /// runner's own codes for its errors (4 lock timeout, 5 changed history), 1 for everything
    /// else. For `check` (`for_check`), 1 means "out of sync" only and every error is 2, so CI
    /// can tell them apart.
    pub fn exit_code(&self, for_check: bool) -> ExitCode {
        match self {
            CliError::OutOfSync(_) => ExitCode::FAILURE,
            CliError::Usage(_) | CliError::Fill(_) => ExitCode::from(exit::USAGE),
            _ if for_check => ExitCode::from(exit::USAGE),
            CliError::Runner(e) => ExitCode::from(e.exit_code()),
            _ => ExitCode::FAILURE,
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
