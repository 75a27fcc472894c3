//! What MariaDB says about a statement that succeeded reaches the person deploying: ctutor's
//! second migration declares `codeability_message.content` and `profile.bio` as
//! `string_len(16384)`, one character more than a utf8mb4 VARCHAR holds; the runner's
//! non-strict session converts each to a TEXT type with note 1246, and `up` prints each note
//! as one `note:` line on stderr after the migration's `applied` line.

mod common;

use std::process::Command;

use common::{MariaDb, mysql_tables, strings};

/// `up_interleaved` runs `migration -u URL up` with stderr merged into stdout, so the order of
/// the lines is the order they were written in.
fn up_interleaved(url: &str) -> (bool, String) {
    let output = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" -u \"$1\" up 2>&1")
        .arg(env!("CARGO_BIN_EXE_migration"))
        .arg(url)
        .env_remove("DATABASE_URL")
        .env_remove("DATABASE_SCHEMA")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run the migration binary");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

const SECOND: &str = "m20261124_065130_tables_of_the_original_schema";

#[tokio::test]
async fn the_servers_conversion_notes_follow_the_applied_line() {
    let db = MariaDb::create("notes").await;
    let (ok, out) = up_interleaved(&db.url());
    assert!(ok, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let applied = lines
        .iter()
        .position(|l| *l == format!("applied {SECOND}"))
        .unwrap_or_else(|| panic!("no applied line: {out}"));
    let notes: Vec<&str> = lines[applied + 1..]
        .iter()
        .take_while(|l| l.starts_with("note: "))
        .copied()
        .collect();
    for (table, column) in [("codeability_message", "content"), ("profile", "bio")] {
        let expected = format!(
            "note: {SECOND}: Note 1246: Converting column '{column}' from VARCHAR to TEXT (in CREATE TABLE `{table}`)"
        );
        assert!(notes.contains(&expected.as_str()), "{expected} in {out}");
    }
    assert!(
        notes.iter().all(|l| !l.contains("ignored for PRIMARY key")),
        "the primary key names every CREATE TABLE has are left out: {out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("note: ")).count(),
        notes.len(),
        "every note follows its migration's applied line: {out}"
    );

    // The server's own catalog has the conversion the notes told about.
    let conn = db.connect().await;
    let types = strings(
        &conn,
        "SELECT CAST(CONCAT(table_name, '.', column_name, ' ', data_type) AS CHAR) AS s \
         FROM information_schema.columns WHERE table_schema = DATABASE() \
         AND column_name IN ('content', 'bio') AND table_name IN ('codeability_message', 'profile') \
         ORDER BY 1",
    )
    .await;
    assert_eq!(
        types,
        [
            "codeability_message.content mediumtext",
            "profile.bio mediumtext"
        ]
    );
    assert!(!mysql_tables(&conn).await.is_empty());
    conn.close().await.expect("close");
}
