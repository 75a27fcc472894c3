//! At a terminal, `generate` asks for the value of a NOT NULL column added without a default
//! instead of refusing. The terminal is a real pseudo-terminal (`script`), the answer typed on
//! it; the migration written carries the answer as the one-off default.

use std::io::Write;
use std::process::{Command, Stdio};

use sea_orm::{ConnectionTrait, Database};

const SERVER: &str = "postgres://postgres@127.0.0.1:5432";

#[tokio::test]
async fn generate_asks_for_the_fill_at_a_terminal() {
    let admin = Database::connect(format!("{SERVER}/postgres"))
        .await
        .unwrap();
    let name = format!("ct_prompt_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap();
    let url = format!("{SERVER}/{name}");
    let cli = env!("CARGO_BIN_EXE_cli");
    let up = Command::new(cli).args(["-u", &url, "up"]).output().unwrap();
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    let db = Database::connect(&url).await.unwrap();
    // To `generate`, an entity edit adding the NOT NULL column `level` to a table.
    db.execute_unprepared("ALTER TABLE codeability_message DROP COLUMN level")
        .await
        .unwrap();
    db.close().await.unwrap();
    let dir = std::env::temp_dir().join(format!("ct_prompt_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("lib.rs"),
        include_str!("../../migration/src/lib.rs"),
    )
    .unwrap();

    let command = format!(
        "{cli} -u {url} generate 'message level' --migration-dir {}",
        dir.display()
    );
    let mut terminal = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) gives the command a terminal");
    terminal.stdin.take().unwrap().write_all(b"7\n").unwrap();
    let output = terminal.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);

    let written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|text| text.contains("MigrationTrait for Migration"))
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .await
        .unwrap();
    assert!(output.status.success(), "{shown}");
    assert!(
        shown.contains("\"codeability_message\".\"level\" is added NOT NULL without a default"),
        "the question names the column: {shown}"
    );
    assert_eq!(written.len(), 1, "one migration written: {shown}");
    assert!(
        written[0].contains(".default_sql(db.pick(\"7\", None))"),
        "the answer is the one-off default:\n{}",
        written[0]
    );
}
