//! End-to-end journeys of the user's loop on real PostgreSQL: edit an entity, `generate`, `up`,
//! `check`, `generate` again (nothing), `down -n 1`, and `check` with the binary built before
//! the edit. The migration written is applied to a SQLite file brought to the same point too
//! (the same `up`, `check`, `down -n 1`, `check` with the old binary): one file runs on both.
//!
//! Each journey works in a scratch copy of the workspace with a target directory of its own
//! and runs the `cli` binary built there, as a user would. They are slow (builds) and run one
//! at a time (`.config/nextest.toml`; a lock below for plain `cargo test`). Every step's
//! timing goes to stderr.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use sea_orm::{ConnectionTrait, Database, Statement};
use tests::{PgDatabase, ScratchWorkspace, catalog_lines, sqlite_catalog_lines};

const MIGRATION_DIR: &str = "migration/src";

/// Journeys build in scratch copies: one at a time, also under plain `cargo test`.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// `Journey` is one round of the loop on its own database and scratch workspace.
struct Journey {
    ws: ScratchWorkspace,
    _db: PgDatabase,
    url: String,
    /// The `cli` binary built from the entities before the edit.
    before_edit: PathBuf,
    /// The catalog after `up` (and `seed`), before the edit.
    catalog_before: Vec<String>,
    /// A SQLite file taken through the same steps, and its catalog before the edit.
    sqlite_url: String,
    sqlite_catalog_before: Vec<String>,
    /// The migration `generate` wrote.
    module: Option<String>,
    _one_at_a_time: MutexGuard<'static, ()>,
}

impl Journey {
    /// `start` copies the workspace, builds `cli` from the unedited entities (kept for the last
    /// `check`), creates a fresh database, brings it `up` (and seeds it when `seeded`) and
    /// snapshots its catalog.
    // The guard is held across awaits on purpose: it serializes whole tests, each on its own
    // thread and runtime, and nothing else in a test takes it.
    #[allow(clippy::await_holding_lock)]
    async fn start(label: &str, seeded: bool) -> Journey {
        let guard = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        let mut ws = ScratchWorkspace::new(label);
        ws.build("before the edit");
        let before_edit = ws.keep_binary("cli-before-edit");
        let db = PgDatabase::create(&format!("journey_{label}")).await;
        let url = db.url();
        ws.cli(&before_edit, &url, &["up"]).success();
        if seeded {
            ws.cli(&before_edit, &url, &["seed"]).success();
        }
        ws.cli(&before_edit, &url, &["check"]).success();
        let catalog_before = catalog(&url).await;
        let sqlite_url = format!("sqlite://{}?mode=rwc", ws.path("journey.sqlite").display());
        ws.cli(&before_edit, &sqlite_url, &["up"]).success();
        if seeded {
            ws.cli(&before_edit, &sqlite_url, &["seed"]).success();
        }
        ws.cli(&before_edit, &sqlite_url, &["check"]).success();
        let sqlite_catalog_before = sqlite_catalog(&sqlite_url).await;
        Journey {
            ws,
            _db: db,
            url,
            before_edit,
            catalog_before,
            sqlite_url,
            sqlite_catalog_before,
            module: None,
            _one_at_a_time: guard,
        }
    }

    /// `generate` rebuilds `cli` with the edited entities and runs `generate MESSAGE ARGS…`:
    /// it must exit 0, write exactly one new file `m<timestamp>_<slug>.rs` into the migration
    /// folder, and add only that migration's two lines to `lib.rs`.
    fn generate(&mut self, message: &str, args: &[&str]) -> String {
        self.ws.build("after the edit");
        let before = self.ws.files(MIGRATION_DIR);
        let run = self.run_current(&[&["generate", message], args].concat());
        let run = run.success();
        let after = self.ws.files(MIGRATION_DIR);
        let added: Vec<&String> = after.keys().filter(|f| !before.contains_key(*f)).collect();
        let removed: Vec<&String> = before.keys().filter(|f| !after.contains_key(*f)).collect();
        assert!(
            added.len() == 1 && removed.is_empty(),
            "generate must write exactly one new file and remove none; added {added:?}, removed {removed:?}\n{run}"
        );
        let module = added[0].strip_suffix(".rs").expect(".rs file").to_owned();
        let slug = message.to_lowercase().replace(' ', "_");
        assert!(
            module.starts_with('m') && module.ends_with(&format!("_{slug}")),
            "unexpected migration name {module} for message {message:?}\n{run}"
        );
        assert!(
            run.stdout.contains(&format!("{module}.rs")),
            "generate does not name the file it wrote\n{run}"
        );
        for (name, text) in &before {
            if name != "lib.rs" {
                assert!(
                    after[name] == *text,
                    "generate changed the existing file {name}\n{run}"
                );
            }
        }
        let lib_before = &before["lib.rs"];
        let lib_after = &after["lib.rs"];
        assert!(
            lib_after.contains(&format!("mod {module};"))
                && lib_after.contains(&format!("Box::new({module}::Migration)")),
            "lib.rs does not register {module}:\n{lib_after}"
        );
        let without_new: Vec<&str> = lib_after.lines().filter(|l| !l.contains(&module)).collect();
        assert_eq!(
            without_new,
            lib_before.lines().collect::<Vec<_>>(),
            "lib.rs must change only by the new migration's lines"
        );
        let last_entry = lib_after
            .lines()
            .rfind(|l| l.contains("::Migration)"))
            .unwrap_or_default();
        assert!(
            last_entry.contains(&module),
            "{module} must be the last entry of migrations(), got {last_entry:?}"
        );
        self.module = Some(module.clone());
        module
    }

    /// `generate_refused` runs `generate MESSAGE ARGS…`, which must fail and write nothing;
    /// returns its stderr.
    fn generate_refused(&mut self, message: &str, args: &[&str]) -> String {
        self.ws.build("after the edit");
        let before = self.ws.files(MIGRATION_DIR);
        let run = self.run_current(&[&["generate", message], args].concat());
        assert!(
            run.code.is_some_and(|c| c != 0),
            "generate must exit non-zero\n{run}"
        );
        assert!(
            self.ws.files(MIGRATION_DIR) == before,
            "a refused generate must write nothing\n{run}"
        );
        run.stderr
    }

    /// `apply` rebuilds `cli` with the new migration, runs `up` (which must apply exactly it)
    /// and `check` (in sync), then `generate` again, which must find nothing and write nothing.
    fn apply(&mut self) {
        let module = self.module.clone().expect("generate first");
        self.ws.build("after generate");
        let up = self.run_current(&["up"]).success();
        let applied: Vec<&str> = up
            .stdout
            .lines()
            .filter(|l| l.starts_with("applied "))
            .collect();
        assert_eq!(
            applied,
            vec![format!("applied {module}")],
            "up must apply exactly the new migration\n{up}"
        );
        self.run_current(&["check"]).success();
        let binary = self.ws.cli_binary();
        let sqlite_url = self.sqlite_url.clone();
        let up = self.ws.cli(&binary, &sqlite_url, &["up"]).success();
        assert!(
            up.stdout.contains(&format!("applied {module}")),
            "up on SQLite must apply the new migration\n{up}"
        );
        self.ws.cli(&binary, &sqlite_url, &["check"]).success();
        let before = self.ws.files(MIGRATION_DIR);
        let again = self.run_current(&["generate", "again"]).success();
        assert!(
            again.stdout.contains("no changes"),
            "a second generate must find no changes\n{again}"
        );
        assert!(
            self.ws.files(MIGRATION_DIR) == before,
            "a second generate must write nothing\n{again}"
        );
    }

    /// `roll_back` runs `down -n 1`, which must restore the catalog of before the edit, and
    /// `check` with the binary built before the edit, which must find it in sync.
    async fn roll_back(&mut self) {
        let module = self.module.clone().expect("generate first");
        let down = self.run_current(&["down", "-n", "1"]).success();
        assert!(
            down.stdout.contains(&format!("rolled back {module}")),
            "down must roll back {module}\n{down}"
        );
        let after = catalog(&self.url).await;
        assert_same_catalog(&self.catalog_before, &after);
        let before_edit = self.before_edit.clone();
        self.ws.cli(&before_edit, &self.url, &["check"]).success();
        let binary = self.ws.cli_binary();
        let sqlite_url = self.sqlite_url.clone();
        let down = self
            .ws
            .cli(&binary, &sqlite_url, &["down", "-n", "1"])
            .success();
        assert!(
            down.stdout.contains(&format!("rolled back {module}")),
            "down on SQLite must roll back {module}\n{down}"
        );
        let after = sqlite_catalog(&sqlite_url).await;
        assert_same_catalog(&self.sqlite_catalog_before, &after);
        self.ws.cli(&before_edit, &sqlite_url, &["check"]).success();
    }

    fn run_current(&mut self, args: &[&str]) -> tests::Run {
        let binary = self.ws.cli_binary();
        self.ws.cli(&binary, &self.url, args)
    }

    /// `assert_column` asserts the catalog has the `column` line `table\tcolumn\ttype\tnull-ness\tdefault`.
    async fn assert_column(&self, line: &str) {
        let lines = catalog(&self.url).await;
        let wanted = format!("column\t{line}");
        assert!(
            lines.contains(&wanted),
            "no catalog line {wanted:?}; columns:\n{}",
            lines
                .iter()
                .filter(|l| l.starts_with("column\t"))
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    /// `finish` prints the timings; the scratch workspace and the database go on drop.
    fn finish(self) {
        self.ws.report();
    }
}

async fn sqlite_catalog(url: &str) -> Vec<String> {
    let db = Database::connect(url).await.expect("connect");
    let lines = sqlite_catalog_lines(&db).await;
    db.close().await.expect("close");
    lines
}

async fn catalog(url: &str) -> Vec<String> {
    let db = Database::connect(url).await.expect("connect");
    let lines = catalog_lines(&db).await;
    db.close().await.expect("close");
    lines
}

fn assert_same_catalog(before: &[String], after: &[String]) {
    let missing: Vec<&String> = before.iter().filter(|l| !after.contains(l)).collect();
    let extra: Vec<&String> = after.iter().filter(|l| !before.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "down -n 1 must restore the catalog of before the edit\nmissing after down:\n{}\nextra after down:\n{}",
        lines(&missing),
        lines(&extra)
    );
    assert_eq!(before, after, "same catalog lines, different order");
}

fn lines(lines: &[&String]) -> String {
    lines
        .iter()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `assert_same_rows` compares two row lists, showing the first difference.
fn assert_same_rows(what: &str, before: &[String], after: &[String]) {
    if before == after {
        return;
    }
    let first = before
        .iter()
        .zip(after)
        .position(|(b, a)| b != a)
        .unwrap_or(before.len().min(after.len()));
    panic!(
        "{what}: {} rows before, {} after; first difference at row {first}: {:?} became {:?}",
        before.len(),
        after.len(),
        before.get(first),
        after.get(first)
    );
}

/// `rows` runs `sql` and returns each row's first column as text (NULL as `<null>`).
async fn rows(url: &str, sql: &str) -> Vec<String> {
    let db = Database::connect(url).await.expect("connect");
    let result = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let values = result
        .iter()
        .map(|row| {
            row.try_get_by_index::<Option<String>>(0)
                .unwrap_or_else(|e| panic!("{sql}: first column must be text: {e}"))
                .unwrap_or_else(|| "<null>".into())
        })
        .collect();
    db.close().await.expect("close");
    values
}

/// `row_counts` counts the rows of every table of schema `public` but the tracking table.
async fn row_counts(url: &str) -> BTreeMap<String, i64> {
    rows(
        url,
        "select c.relname || '=' || (xpath('/row/n/text()',
                query_to_xml(format('select count(*) as n from public.%I', c.relname), false, true, '')))[1]::text
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname = 'public' and c.relname <> 'seaql_migrations'
          order by 1",
    )
    .await
    .into_iter()
    .map(|line| {
        let (table, count) = line.rsplit_once('=').expect("table=count");
        (table.to_owned(), count.parse().expect("count"))
    })
    .collect()
}

/// (a) A nullable column on `user`.
#[tokio::test]
async fn nullable_field_on_user() {
    let mut j = Journey::start("nullable", false).await;
    j.ws.replace(
        "entity/src/auth/user.rs",
        "    pub auth_token: Option<String>,\n}",
        "    pub auth_token: Option<String>,\n    #[sea_orm(column_type = \"String(StringLen::N(16))\")]\n    pub preferred_locale: Option<String>,\n}",
    );
    j.generate("add user preferred locale", &[]);
    j.apply();
    j.assert_column("user\tpreferred_locale\tcharacter varying(16)\tnull\t")
        .await;
    j.roll_back().await;
    j.finish();
}

/// (b) A NOT NULL column with a literal default, on `course`.
#[tokio::test]
async fn not_null_field_with_default() {
    let mut j = Journey::start("default", false).await;
    j.ws.replace(
        "entity/src/course/course.rs",
        "    pub version_identifier: Option<String>,\n}",
        "    pub version_identifier: Option<String>,\n    #[sea_orm(default_value = 4)]\n    pub max_group_size: i32,\n}",
    );
    j.generate("add course max group size", &[]);
    j.apply();
    j.assert_column("course\tmax_group_size\tinteger\tnot null\t4")
        .await;
    j.roll_back().await;
    j.finish();
}

/// The new entity of journey (c): a foreign key to `user` and author-written expressions in
/// the forms people write them, which PostgreSQL stores in other forms (`= ANY (ARRAY[…])`,
/// casts, parentheses); the loop must converge all the same.
const COURSE_TAG: &str = r#"//! `course_tag`: Tags a user puts on courses.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_tag")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub user_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(16))")]
    pub kind: String,
    pub status: i32,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub visibility: String,
    #[sea_orm(column_type = "String(StringLen::N(32))", default_value = "pending")]
    pub review_state: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UserId",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    User,
}

impl Related<crate::auth::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .check("course_tag_kind_check", "kind IN ('a','b')")
            .check(
                "course_tag_status_check",
                "(kind IN ('a') AND status IN (1, 2)) OR (kind = 'b' AND (status IN (3, 4, 5) OR visibility IN ('active', 'hidden')))",
            )
            .index(Index::on("ix_course_tag_open", &["status"]).filter("status NOT IN (1, 2, 6)"))
            .index(Index::on("ix_course_tag_active", &["user_id"]).filter("visibility = 'active'"))
    }
}
"#;

/// (c) A new entity module with a foreign key to `user`, CHECKs and partial indexes.
#[tokio::test]
async fn new_entity_with_expressions() {
    let mut j = Journey::start("new_entity", false).await;
    j.ws.write("entity/src/course/course_tag.rs", COURSE_TAG);
    j.ws.replace(
        "entity/src/course/mod.rs",
        "pub mod course_submission_group_member;\n",
        "pub mod course_submission_group_member;\npub mod course_tag;\n",
    );
    j.ws.replace(
        "entity/src/lib.rs",
        "            course::course_member_comment,\n",
        "            course::course_member_comment,\n            course::course_tag,\n",
    );
    j.generate("add course tags", &[]);
    j.apply();
    j.assert_column(
        "course_tag\treview_state\tcharacter varying(32)\tnot null\t'pending'::character varying",
    )
    .await;
    let indexes = rows(
        &j.url,
        "select indexname from pg_indexes where tablename = 'course_tag' order by 1",
    )
    .await;
    for name in ["ix_course_tag_active", "ix_course_tag_open"] {
        assert!(
            indexes.iter().any(|i| i == name),
            "index {name} missing: {indexes:?}"
        );
    }
    j.roll_back().await;
    j.finish();
}

/// (d) A table rename (`TableDdl::renamed_from`) and a column rename (SeaORM `renamed_from`)
/// on a seeded database: the rows stay.
#[tokio::test]
async fn renames_keep_rows() {
    let mut j = Journey::start("renames", true).await;
    let counts_before = row_counts(&j.url).await;
    assert!(
        counts_before["profile"] > 0,
        "seed must fill profile: {counts_before:?}"
    );
    let bios_before = rows(
        &j.url,
        "select id::text || ' ' || coalesce(bio, '<null>') from profile order by id",
    )
    .await;
    assert!(
        bios_before.iter().any(|b| !b.ends_with("<null>")),
        "seed must write some bios to spot-check"
    );

    let file = "entity/src/auth/profile.rs";
    j.ws.replace(
        file,
        "#[sea_orm(table_name = \"profile\")]",
        "#[sea_orm(table_name = \"user_profile\")]",
    );
    j.ws.replace(
        file,
        "    #[sea_orm(column_type = \"String(StringLen::N(16384))\")]\n    pub bio: Option<String>,",
        "    #[sea_orm(column_type = \"String(StringLen::N(16384))\", renamed_from = \"bio\")]\n    pub biography: Option<String>,",
    );
    j.ws.replace(
        file,
        "impl EntityDdl for Entity {}",
        "impl EntityDdl for Entity {\n    fn ddl() -> crate::ddl::TableDdl {\n        crate::ddl::TableDdl::new().renamed_from(\"profile\")\n    }\n}",
    );
    j.generate("rename profile to user profile", &[]);
    j.apply();

    let mut expected = counts_before.clone();
    let profiles = expected.remove("profile").expect("profile count");
    expected.insert("user_profile".into(), profiles);
    assert_eq!(
        row_counts(&j.url).await,
        expected,
        "the renames must keep every row"
    );
    let bios_after = rows(
        &j.url,
        "select id::text || ' ' || coalesce(biography, '<null>') from user_profile order by id",
    )
    .await;
    assert_same_rows("the renamed column after up", &bios_before, &bios_after);

    j.roll_back().await;
    assert_eq!(
        row_counts(&j.url).await,
        counts_before,
        "down must keep every row"
    );
    let bios_down = rows(
        &j.url,
        "select id::text || ' ' || coalesce(bio, '<null>') from profile order by id",
    )
    .await;
    assert_same_rows("the column after down", &bios_before, &bios_down);
    j.finish();
}

/// (e) A NOT NULL column without default on the seeded `user` table: `generate` refuses until
/// `--fill` says what the existing rows get.
#[tokio::test]
async fn not_null_field_filled() {
    let mut j = Journey::start("fill", true).await;
    let users = row_counts(&j.url).await["user"];
    assert!(users > 0, "seed must fill user");
    j.ws.replace(
        "entity/src/auth/user.rs",
        "    pub auth_token: Option<String>,\n}",
        "    pub auth_token: Option<String>,\n    #[sea_orm(column_type = \"String(StringLen::N(255))\")]\n    pub display_name: String,\n}",
    );
    let refused = j.generate_refused("add user display name", &[]);
    assert!(
        refused.contains("display_name") && refused.contains("--fill"),
        "generate without --fill must name the column and the flag on stderr, got:\n{refused}"
    );

    j.generate(
        "add user display name",
        &[
            "--fill",
            "user.display_name=coalesce(username, 'user ' || fs_number)",
        ],
    );
    j.apply();
    j.assert_column("user\tdisplay_name\tcharacter varying(255)\tnot null\t")
        .await;
    let wrong = rows(
        &j.url,
        "select count(*)::text from \"user\"
          where display_name is distinct from coalesce(username, 'user ' || fs_number)",
    )
    .await;
    assert_eq!(
        wrong,
        vec!["0"],
        "every existing row must get the --fill value"
    );
    assert_eq!(
        row_counts(&j.url).await["user"],
        users,
        "no user row may be lost"
    );
    // On SQLite the table was rebuilt (it cannot make a column NOT NULL in place): its rows
    // and the rows of the tables referencing it are all kept.
    let sqlite_wrong = rows(
        &j.sqlite_url,
        "select cast(count(*) as text) from \"user\"
          where display_name is not coalesce(username, 'user ' || fs_number)",
    )
    .await;
    assert_eq!(
        sqlite_wrong,
        vec!["0"],
        "SQLite: every row gets the --fill value"
    );
    let sqlite_users = rows(&j.sqlite_url, "select cast(count(*) as text) from \"user\"").await;
    assert_eq!(
        sqlite_users,
        vec![users.to_string()],
        "SQLite: no user row lost"
    );
    let sessions = rows(&j.sqlite_url, "select cast(count(*) as text) from session").await;
    assert_ne!(
        sessions,
        vec!["0"],
        "SQLite: the rows referencing user are kept"
    );
    j.roll_back().await;
    j.finish();
}
