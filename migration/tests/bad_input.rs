//! Bad input to the `migration` binary: one clear line on stderr, a distinct exit code, and
//! nothing changed.

mod common;

use common::{
    MariaDb, migration, mysql_admin, mysql_server_url, mysql_tables, one_error_line, strings,
    unique,
};

#[test]
fn wrong_credentials_exit_3() {
    for command in ["up", "status"] {
        let line = one_error_line(
            &migration(&["-u", "postgres://nosuchuser@127.0.0.1/postgres", command]),
            3,
        );
        assert!(line.contains("cannot connect"), "{line}");
        assert!(line.contains("credentials"), "{line}");
    }
}

#[test]
fn a_database_that_is_down_exits_3() {
    let line = one_error_line(
        &migration(&["-u", "postgres://postgres:pw@127.0.0.1:1/nowhere", "up"]),
        3,
    );
    assert!(line.contains("connection refused"), "{line}");
    assert!(!line.contains(":pw@"), "no password in messages: {line}");
}

#[test]
fn a_malformed_or_missing_url_exits_2() {
    let line = one_error_line(&migration(&["-u", "not-a-url", "up"]), 2);
    assert!(line.contains("invalid database URL"), "{line}");
    let line = one_error_line(&migration(&["-u", "postgres://u:secret@[::1/db", "up"]), 2);
    assert!(!line.contains("secret"), "{line}");
    let line = one_error_line(&migration(&["up"]), 2);
    assert!(line.contains("DATABASE_URL"), "{line}");
}

#[test]
fn bad_arguments_exit_2() {
    let line = one_error_line(&migration(&["frobnicate"]), 2);
    assert!(line.contains("frobnicate"), "{line}");
    let line = one_error_line(&migration(&["up", "--lock-timeout", "soon"]), 2);
    assert!(line.contains("soon"), "{line}");
}

/// `with_password` is the MariaDB server URL with `password` for its user, on `database`.
fn with_password(password: &str, database: &str) -> String {
    let server = mysql_server_url();
    let (scheme, rest) = server.split_once("://").expect("scheme://");
    let (userinfo, host) = rest.split_once('@').expect("user@host");
    let user = userinfo.split(':').next().unwrap_or(userinfo);
    format!("{scheme}://{user}:{password}@{host}/{database}")
}

#[tokio::test]
async fn mariadb_wrong_credentials_exit_3_and_change_nothing() {
    let db = MariaDb::create("badcreds").await;
    for command in ["up", "status", "down", "resolve --rolled-back x"] {
        let mut args = vec!["-u".to_owned(), with_password("wrong-pw", &db.name)];
        args.extend(command.split(' ').map(str::to_owned));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let line = one_error_line(&migration(&args), 3);
        assert!(line.contains("cannot connect"), "{line}");
        assert!(line.contains("credentials"), "{line}");
        assert!(
            !line.contains("wrong-pw"),
            "no password in messages: {line}"
        );
    }
    let conn = db.connect().await;
    assert!(mysql_tables(&conn).await.is_empty(), "nothing was changed");
    conn.close().await.expect("close");
}

#[test]
fn mariadb_server_down_exits_3() {
    for scheme in ["mysql", "mariadb"] {
        let line = one_error_line(
            &migration(&[
                "-u",
                &format!("{scheme}://root:pw@127.0.0.1:1/nowhere"),
                "up",
            ]),
            3,
        );
        assert!(line.contains("connection refused"), "{line}");
        assert!(!line.contains(":pw@"), "no password in messages: {line}");
    }
}

#[tokio::test]
async fn mariadb_missing_database_exits_3_and_is_not_created() {
    let missing = format!("ct_run_missing_{}", unique());
    let url = format!("{}/{missing}", mysql_server_url());
    for command in ["up", "status"] {
        let line = one_error_line(&migration(&["-u", &url, command]), 3);
        assert!(line.contains("the server is up"), "{line}");
        assert!(line.contains(&missing), "{line}");
    }
    let admin = mysql_admin().await;
    let created = strings(
        &admin,
        &format!(
            "SELECT CAST(schema_name AS CHAR) AS s FROM information_schema.schemata \
             WHERE schema_name = '{missing}'"
        ),
    )
    .await;
    assert!(created.is_empty(), "nothing was created: {created:?}");
    admin.close().await.expect("close");
}

#[test]
fn resolve_needs_exactly_one_resolution() {
    let line = one_error_line(
        &migration(&["-u", "mysql://root@127.0.0.1:1/x", "resolve"]),
        2,
    );
    assert!(
        line.contains("--applied") || line.contains("required"),
        "{line}"
    );
    let line = one_error_line(
        &migration(&[
            "-u",
            "mysql://root@127.0.0.1:1/x",
            "resolve",
            "--applied",
            "a",
            "--rolled-back",
            "a",
        ]),
        2,
    );
    assert!(line.contains("cannot be used with"), "{line}");
}
