//! MySQL/MariaDB: what the server says about a statement that succeeded.
//!
//! Outside strict mode (`mysql_session`) the server converts instead of refusing, and says so
//! only in the statement's diagnostics: an over-long `VARCHAR` becomes `TEXT` with note 1246
//! (`Converting column 'content' from VARCHAR to TEXT`). The migration succeeds either way, so
//! without reading them nobody learns that the column is not what the migration declares. The
//! runner reads them with `SHOW WARNINGS` after each statement it sends itself (`partway`'s
//! replay), and prints them after the migration's progress line.
//!
//! `SHOW WARNINGS` reports the last statement's diagnostics on the same session: the
//! migration connection is a pool of one connection, so it is that session.
//!
//! One warning is left out: 1280, `Name 'x_pkey' ignored for PRIMARY key`. MySQL/MariaDB call
//! every primary key `PRIMARY`, and the engine names every key explicitly (PostgreSQL's
//! names, the same on every backend), so every `CREATE TABLE` would say it, and the notes
//! that matter would drown.

use std::fmt;

use sea_orm_migration::sea_orm::sqlx::{self, Row};
use sea_orm_migration::sea_orm::{DatabaseConnection, DbErr};

/// `PRIMARY_KEY_NAME_IGNORED` is the warning said about every named primary key.
const PRIMARY_KEY_NAME_IGNORED: u32 = 1280;

/// `ServerNote` is one row of `SHOW WARNINGS`, and the statement it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerNote {
    /// `Note`, `Warning` or `Error`.
    pub level: String,
    /// The server's code, e.g. 1246.
    pub code: u32,
    pub message: String,
    /// The statement's first words (`CREATE TABLE `x``): the message does not always say
    /// which table it is about.
    pub during: String,
}

impl fmt::Display for ServerNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.level, self.code, self.message)?;
        if !self.during.is_empty() {
            write!(f, " (in {})", self.during)?;
        }
        Ok(())
    }
}

/// `statement_head` is the first three words of `sql`: the verb, the kind and the name of
/// what a DDL statement is about.
pub fn statement_head(sql: &str) -> String {
    sql.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

/// `ServerNotes` is what the server said while a migration ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerNotes {
    pub notes: Vec<ServerNote>,
    /// Why the notes of a statement could not be read, when they could not.
    pub unread: Option<String>,
}

impl ServerNotes {
    /// `lines` are what the runner prints after the progress line of `migration`, each
    /// without the `note: ` prefix.
    pub fn lines(&self, migration: &str) -> Vec<String> {
        let mut lines: Vec<String> = self
            .notes
            .iter()
            .map(|note| format!("{migration}: {note}"))
            .collect();
        if let Some(reason) = &self.unread {
            lines.push(format!(
                "{migration}: the server's notes on its statements could not all be read: {reason}"
            ));
        }
        lines
    }
}

/// `read` is what the server said about `sql`, the last statement run on `conn`, which must
/// be a MySQL/MariaDB connection of one session.
pub async fn read(conn: &DatabaseConnection, sql: &str) -> Result<Vec<ServerNote>, DbErr> {
    // Sent as plain text: a prepared `SHOW WARNINGS` would be a statement of its own, and
    // preparing it could replace the diagnostics it is meant to read.
    let rows = sqlx::raw_sql("SHOW WARNINGS")
        .fetch_all(conn.get_mysql_connection_pool())
        .await
        .map_err(|e| DbErr::Custom(format!("SHOW WARNINGS: {e}")))?;
    let notes = rows
        .iter()
        .map(|row| {
            Ok(ServerNote {
                level: row.try_get("Level")?,
                code: row.try_get("Code")?,
                message: row.try_get("Message")?,
                during: statement_head(sql),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(|e| DbErr::Custom(format!("SHOW WARNINGS: {e}")))?;
    Ok(notes
        .into_iter()
        .filter(|note| note.code != PRIMARY_KEY_NAME_IGNORED)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_reads_as_level_code_message() {
        let note = ServerNote {
            level: "Note".into(),
            code: 1246,
            message: "Converting column 'content' from VARCHAR to TEXT".into(),
            during: statement_head("CREATE TABLE `message` ( `content` varchar(16384) )"),
        };
        assert_eq!(
            note.to_string(),
            "Note 1246: Converting column 'content' from VARCHAR to TEXT (in CREATE TABLE `message`)"
        );
        let notes = ServerNotes {
            notes: vec![note],
            unread: Some("lost".into()),
        };
        assert_eq!(
            notes.lines("m1"),
            [
                "m1: Note 1246: Converting column 'content' from VARCHAR to TEXT (in CREATE TABLE `message`)",
                "m1: the server's notes on its statements could not all be read: lost",
            ]
        );
    }
}
