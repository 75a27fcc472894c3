//! `lint`: flags migration statements that lose data or lock tables for long.
//!
//! The rules read SQL, not Rust, so they judge any migration, generated or hand-written: the
//! statements come from running the migrations on a recording connection ([`crate::offline`])
//! or, for `generate`, from the plan. The SQL is read by a small hand-written tokenizer and
//! head-of-statement parser ([`crate::sql::lexer`], [`parse`]), not an SQL parser crate: the rules need
//! the table, column, constraint kind and a few keywords, and that is all it extracts.
//!
//! "Existing table" means a table the linted migration did not create itself: locking or
//! emptying a table that was born in the same migration costs nothing. Rule ids are stable;
//! [`RULES`] lists them (docs/commands.md has the same table).

mod destructive;
mod locking;
mod parse;
mod state;
mod types;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::sql::lexer;
use state::State;

/// `Severity` is how bad a finding is: errors make `cli lint` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// `Rule` is one lint rule: its stable id, severity and what it flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub flags: &'static str,
    /// Locking rules describe PostgreSQL's locks; they are not checked for SQLite.
    pub postgres_only: bool,
}

/// `RULES` is every rule, by id.
pub const RULES: [Rule; 9] = [
    rule(
        "D001",
        Severity::Error,
        "DROP TABLE of an existing table",
        false,
    ),
    rule(
        "D002",
        Severity::Error,
        "DROP COLUMN of an existing column",
        false,
    ),
    rule(
        "D003",
        Severity::Warning,
        "ALTER COLUMN … TYPE to a type that is not a widening of the current one",
        false,
    ),
    rule(
        "D004",
        Severity::Error,
        "DROP TYPE of an enum, or re-creating an enum with fewer labels",
        false,
    ),
    rule(
        "D005",
        Severity::Error,
        "SET NOT NULL on an existing column, ADD COLUMN … NOT NULL without DEFAULT on an existing table",
        false,
    ),
    rule(
        "L001",
        Severity::Warning,
        "CREATE INDEX on an existing table without CONCURRENTLY (also ADD UNIQUE/PRIMARY KEY without USING INDEX)",
        true,
    ),
    rule(
        "L002",
        Severity::Warning,
        "ADD FOREIGN KEY on an existing table without NOT VALID",
        true,
    ),
    rule(
        "L003",
        Severity::Warning,
        "ADD CHECK on an existing table without NOT VALID",
        true,
    ),
    rule(
        "L004",
        Severity::Warning,
        "ALTER COLUMN … TYPE that rewrites the table (widening varchar(n) to varchar(m ≥ n) or text is exempt)",
        true,
    ),
];

/// `rule` spells one entry of [`RULES`].
const fn rule(
    id: &'static str,
    severity: Severity,
    flags: &'static str,
    postgres_only: bool,
) -> Rule {
    Rule {
        id,
        severity,
        flags,
        postgres_only,
    }
}

/// `rule_by_id` finds a rule of [`RULES`].
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// `Finding` is one rule that fired on one statement of one migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub migration: String,
    pub statement: String,
    pub reason: String,
    pub fix: String,
}

impl fmt::Display for Finding {
    /// One line: `<rule> <severity> <migration>: <reason> — fix: <fix>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}: {} — fix: {}",
            self.rule, self.severity, self.migration, self.reason, self.fix
        )
    }
}

/// `Hit` is what a rule reports, before it is tied to a migration and statement.
struct Hit {
    rule: &'static str,
    reason: String,
    fix: String,
}

impl Hit {
    fn new(rule: &'static str, reason: String, fix: impl Into<String>) -> Hit {
        Hit {
            rule,
            reason,
            fix: fix.into(),
        }
    }
}

/// `Linter` holds what earlier statements told about the schema.
#[derive(Debug)]
pub struct Linter {
    state: State,
    postgres: bool,
}

impl Linter {
    /// `new` starts with nothing known; `postgres: false` leaves out the locking rules.
    pub fn new(postgres: bool) -> Linter {
        Linter {
            state: State::default(),
            postgres,
        }
    }

    /// `learn` takes in migrations that already ran (column types, enum labels) without
    /// judging them.
    pub fn learn(&mut self, statements: &[String]) {
        self.state.start_migration();
        for sql in statements {
            for (tokens, _) in lexer::statements(sql) {
                self.state.learn(&parse::parse(&tokens));
            }
        }
    }

    /// `check` judges one migration's statements, in order, then takes them in.
    pub fn check(&mut self, migration: &str, statements: &[String]) -> Vec<Finding> {
        self.state.start_migration();
        let mut findings = Vec::new();
        for sql in statements {
            for (tokens, text) in lexer::statements(sql) {
                let stmt = parse::parse(&tokens);
                let mut hits = destructive::check(&stmt, &self.state);
                if self.postgres {
                    hits.extend(locking::check(&stmt, &self.state));
                }
                findings.extend(hits.into_iter().map(|hit| Finding {
                    rule: hit.rule,
                    severity: rule_by_id(hit.rule).map_or(Severity::Error, |r| r.severity),
                    migration: migration.to_owned(),
                    statement: text.to_owned(),
                    reason: hit.reason,
                    fix: hit.fix,
                }));
                self.state.learn(&stmt);
            }
        }
        findings
    }
}

/// `lint` judges migrations `(name, statements)` in order, for PostgreSQL.
pub fn lint(migrations: &[(String, Vec<String>)]) -> Vec<Finding> {
    lint_after(&[], migrations, true)
}

/// `lint_after` judges `migrations` after taking in `history` (migrations that already ran,
/// not judged); `postgres: false` leaves out the locking rules.
pub fn lint_after(
    history: &[(String, Vec<String>)],
    migrations: &[(String, Vec<String>)],
    postgres: bool,
) -> Vec<Finding> {
    let mut linter = Linter::new(postgres);
    for (_, statements) in history {
        linter.learn(statements);
    }
    migrations
        .iter()
        .flat_map(|(name, statements)| linter.check(name, statements))
        .collect()
}
