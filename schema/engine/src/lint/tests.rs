//! Every rule fires on a case and stays silent on its safe counterpart.

use super::*;

/// History that creates the tables the cases alter: they exist before the linted migration.
fn history() -> Vec<(String, Vec<String>)> {
    vec![(
        "m0_history".into(),
        vec![
            r#"CREATE TABLE "t" ( "id" uuid NOT NULL, "name" varchar(100), "code" varchar(20), "n" integer, "note" text, CONSTRAINT "t_pkey" PRIMARY KEY ("id") )"#.into(),
            r#"CREATE TABLE "u" ( "id" uuid NOT NULL, "t_id" uuid )"#.into(),
            r#"CREATE TYPE "mood" AS ENUM ('sad', 'ok', 'happy')"#.into(),
        ],
    )]
}

/// `rules` is the rule ids that fire on one migration of `statements`, after the history.
fn rules(statements: &[&str]) -> Vec<&'static str> {
    let migration = (
        "m1_case".to_owned(),
        statements.iter().map(|s| s.to_string()).collect(),
    );
    lint_after(&history(), &[migration], true)
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[track_caller]
fn fires(rule: &str, statements: &[&str]) {
    let fired = rules(statements);
    assert!(
        fired.contains(&rule),
        "{rule} should fire on {statements:?}, got {fired:?}"
    );
}

#[track_caller]
fn silent(statements: &[&str]) {
    let fired = rules(statements);
    assert!(
        fired.is_empty(),
        "nothing should fire on {statements:?}, got {fired:?}"
    );
}

#[test]
fn d001_drop_table() {
    fires("D001", &[r#"DROP TABLE "t""#]);
    fires("D001", &[r#"DROP TABLE IF EXISTS "u", "t" CASCADE"#]);
    silent(&[r#"CREATE TABLE "tmp" ("a" int)"#, r#"DROP TABLE "tmp""#]);
}

#[test]
fn d002_drop_column() {
    fires("D002", &[r#"ALTER TABLE "t" DROP COLUMN "note""#]);
    fires("D002", &["alter table public.t drop note"]);
    silent(&[
        r#"ALTER TABLE "t" ADD COLUMN "tmp" int"#,
        r#"ALTER TABLE "t" DROP COLUMN "tmp""#,
    ]);
    silent(&[r#"ALTER TABLE "t" DROP CONSTRAINT "t_pkey""#]);
}

#[test]
fn d003_narrowing_type_change() {
    fires(
        "D003",
        &[r#"ALTER TABLE "t" ALTER COLUMN "name" TYPE character varying(50)"#],
    );
    fires(
        "D003",
        &[r#"ALTER TABLE "t" ALTER COLUMN "note" TYPE integer USING "note"::integer"#],
    );
    // The current type unknown: judged as narrowing.
    fires(
        "D003",
        &[r#"ALTER TABLE "t" ALTER COLUMN "gone" TYPE text"#],
    );
    // Widening loses nothing (int → bigint still rewrites: L004 only).
    assert_eq!(
        rules(&[r#"ALTER TABLE "t" ALTER COLUMN "n" TYPE bigint"#]),
        ["L004"]
    );
    silent(&[r#"ALTER TABLE "t" ALTER COLUMN "name" TYPE varchar(200)"#]);
}

#[test]
fn d004_enum_drop_and_recreation() {
    fires("D004", &[r#"DROP TYPE "mood""#]);
    fires(
        "D004",
        &[
            r#"ALTER TYPE "mood" RENAME TO "mood_old""#,
            r#"CREATE TYPE "mood" AS ENUM ('sad', 'happy')"#,
        ],
    );
    // Re-created with every label (and one more): only the drop of the old type fires.
    assert_eq!(
        rules(&[
            r#"ALTER TYPE "mood" RENAME TO "mood_old""#,
            r#"CREATE TYPE "mood" AS ENUM ('sad', 'ok', 'happy', 'ecstatic')"#,
            r#"DROP TYPE "mood_old""#,
        ]),
        ["D004"]
    );
    silent(&[r#"ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'meh'"#]);
    silent(&[r#"CREATE TYPE "tmp" AS ENUM ('a')"#, r#"DROP TYPE "tmp""#]);
}

#[test]
fn d005_not_null_on_existing_rows() {
    fires(
        "D005",
        &[r#"ALTER TABLE "t" ALTER COLUMN "n" SET NOT NULL"#],
    );
    fires(
        "D005",
        &[r#"ALTER TABLE "t" ADD COLUMN "flag" boolean NOT NULL"#],
    );
    silent(&[r#"ALTER TABLE "t" ADD COLUMN "flag" boolean NOT NULL DEFAULT false"#]);
    silent(&[r#"ALTER TABLE "t" ADD COLUMN "flag" boolean"#]);
    silent(&[r#"ALTER TABLE "t" ADD COLUMN "c" int CHECK ("c" IS NOT NULL)"#]);
    silent(&[
        r#"CREATE TABLE "new" ("a" int)"#,
        r#"ALTER TABLE "new" ALTER COLUMN "a" SET NOT NULL"#,
        r#"ALTER TABLE "new" ADD COLUMN "b" int NOT NULL"#,
    ]);
}

#[test]
fn l001_index_without_concurrently() {
    fires(
        "L001",
        &[r#"CREATE INDEX "t_n_idx" ON "t" USING btree ("n")"#],
    );
    fires(
        "L001",
        &[r#"CREATE UNIQUE INDEX "t_code_key" ON "t" ("code")"#],
    );
    fires(
        "L001",
        &[r#"ALTER TABLE "t" ADD CONSTRAINT "t_code_key" UNIQUE ("code")"#],
    );
    silent(&[r#"CREATE INDEX CONCURRENTLY "t_n_idx" ON "t" USING btree ("n")"#]);
    silent(&[r#"ALTER TABLE "t" ADD CONSTRAINT "t_code_key" UNIQUE USING INDEX "t_code_idx""#]);
    silent(&[
        r#"CREATE TABLE "new" ("a" int)"#,
        r#"CREATE INDEX "new_a_idx" ON "new" ("a")"#,
    ]);
}

#[test]
fn l002_foreign_key_without_not_valid() {
    let fk = r#"ALTER TABLE "u" ADD CONSTRAINT "u_t_fkey" FOREIGN KEY ("t_id") REFERENCES "t" ("id") ON DELETE CASCADE ON UPDATE NO ACTION"#;
    fires("L002", &[fk]);
    silent(&[&format!("{fk} NOT VALID")]);
    silent(&[r#"ALTER TABLE "u" VALIDATE CONSTRAINT "u_t_fkey""#]);
    silent(&[
        r#"CREATE TABLE "v" ("t_id" uuid)"#,
        r#"ALTER TABLE "v" ADD CONSTRAINT "v_fkey" FOREIGN KEY ("t_id") REFERENCES "t" ("id")"#,
    ]);
}

#[test]
fn l003_check_without_not_valid() {
    let check = r#"ALTER TABLE "t" ADD CONSTRAINT "t_n_check" CHECK (("n" > 0))"#;
    fires("L003", &[check]);
    silent(&[&format!("{check} NOT VALID")]);
    silent(&[
        r#"CREATE TABLE "v" ("n" int)"#,
        r#"ALTER TABLE "v" ADD CONSTRAINT "v_check" CHECK (n > 0)"#,
    ]);
}

#[test]
fn l004_rewriting_type_change() {
    fires("L004", &[r#"ALTER TABLE "t" ALTER COLUMN "n" TYPE bigint"#]);
    fires(
        "L004",
        &[r#"ALTER TABLE "t" ALTER COLUMN "code" SET DATA TYPE varchar(10)"#],
    );
    silent(&[r#"ALTER TABLE "t" ALTER COLUMN "code" TYPE varchar(40)"#]);
    silent(&[r#"ALTER TABLE "t" ALTER COLUMN "code" TYPE text"#]);
    silent(&[
        r#"CREATE TABLE "new" ("a" int)"#,
        r#"ALTER TABLE "new" ALTER COLUMN "a" TYPE bigint"#,
    ]);
}

#[test]
fn locking_rules_are_left_out_for_sqlite() {
    let migration = (
        "m1".to_owned(),
        vec![
            r#"CREATE INDEX "i" ON "t" ("n")"#.to_owned(),
            r#"DROP TABLE "t""#.to_owned(),
        ],
    );
    let fired: Vec<&str> = lint_after(&history(), &[migration], false)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(fired, ["D001"]);
}

#[test]
fn a_finding_is_one_line_with_rule_severity_migration_reason_and_fix() {
    let findings = lint(&[("m1".into(), vec![r#"DROP TABLE "t"; SELECT 1"#.into()])]);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.statement, r#"DROP TABLE "t""#);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.to_string(),
        format!(
            "D001 error m1: drops table \"t\" and every row in it — fix: {}",
            f.fix
        )
    );
    assert!(!f.to_string().contains('\n'));
}

#[test]
fn every_rule_is_listed_once() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
    assert!(rule_by_id("D001").is_some() && rule_by_id("X999").is_none());
}
