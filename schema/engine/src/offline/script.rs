//! `script`: captured steps as one SQL script, applyable as is
//! (`psql -v ON_ERROR_STOP=1 -f script.sql`, `sqlite3 db < script.sql`).

use super::{MigrationSql, Step, StepKind};

/// `render` writes `preamble` (steps before the first migration, e.g. the tracking table) and
/// each migration under a `-- migration <name>` line, one statement per `;`. `title` heads the
/// script as a comment.
pub fn render(title: &str, preamble: &[Step], migrations: &[MigrationSql]) -> String {
    let mut out = String::new();
    for line in title.lines() {
        out.push_str(&format!("-- {line}\n"));
    }
    for step in preamble {
        push_step(&mut out, step);
    }
    if migrations.is_empty() {
        out.push_str("\n-- no migration to run\n");
    }
    for migration in migrations {
        out.push_str(&format!("\n-- migration {}\n", migration.name));
        for step in &migration.steps {
            push_step(&mut out, step);
        }
    }
    out
}

fn push_step(out: &mut String, step: &Step) {
    match step.kind {
        StepKind::Query => {
            // A read returns nothing to a script: it is shown for review, not run.
            let one_line = step.sql.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!(
                "-- reads (offline it got no rows; the migration went on as if empty): {one_line}\n"
            ));
        }
        StepKind::Control | StepKind::Statement | StepKind::Tracking => {
            let sql = step.sql.trim().trim_end_matches(';').trim_end();
            if !sql.is_empty() {
                out.push_str(sql);
                out.push_str(";\n");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(kind: StepKind, sql: &str) -> Step {
        Step {
            kind,
            sql: sql.into(),
        }
    }

    #[test]
    fn one_statement_per_semicolon_under_a_header() {
        let migrations = [MigrationSql {
            name: "m1".into(),
            steps: vec![
                step(StepKind::Control, "BEGIN"),
                step(StepKind::Statement, "CREATE TABLE a ();  "),
                step(StepKind::Query, "SELECT\n  1"),
                step(StepKind::Tracking, "INSERT x"),
                step(StepKind::Control, "COMMIT"),
            ],
        }];
        let text = render(
            "title\nsecond",
            &[step(StepKind::Statement, "P")],
            &migrations,
        );
        assert_eq!(
            text,
            "-- title\n-- second\nP;\n\n-- migration m1\nBEGIN;\nCREATE TABLE a ();\n\
             -- reads (offline it got no rows; the migration went on as if empty): SELECT 1\n\
             INSERT x;\nCOMMIT;\n"
        );
        assert!(render("t", &[], &[]).ends_with("-- no migration to run\n"));
    }
}
