//! `catalog`: the scenario catalog of the schema engine.
//!
//! A scenario is a starting schema (with some rows), the schema an entity edit asks for, and
//! the renames the entities declare. Both schemas are plain SQL: each runs in a fresh
//! database and is read back with the engine's introspector, so the desired side is in
//! PostgreSQL's canonical form, exactly what `generate` compares. `scenario_render` checks
//! that each scenario renders its expected migration file (`tests/scenarios/<name>.rs`);
//! `scenario_apply` compiles those files and applies them.
//!
//! To add a scenario: add it to [`SCENARIOS`], write its expected file with
//! `UPDATE_SCENARIOS=1 cargo nextest run -p tests --test scenario_render`, review the file,
//! and add its line to `scenarios! { … }` in `tests/tests/scenario_apply.rs`.

// Included with `#[path]` by both test files, and each uses only part of it.
#![allow(dead_code)]

use ctutor_cli::diff::Renames;
use ctutor_cli::introspect::introspect_postgres;
use ctutor_cli::model::Schema;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tests::PgDatabase;

/// `Scenario` is one entity edit on one starting schema.
pub struct Scenario {
    /// Also the expected file's name and the migration's message.
    pub name: &'static str,
    /// The starting schema and its rows.
    pub start: &'static str,
    /// The schema the entities want (rows here are ignored: only the schema is read).
    pub end: &'static str,
    /// The renames the entities declare.
    pub renames: fn() -> Renames,
    /// After `up`: (query returning one text column `v`, expected value), in order.
    pub after_up: &'static [(&'static str, &'static str)],
    /// Catalog lines `down()` cannot restore, as documented in the migration's header:
    /// (line of the starting catalog, line after `down`).
    pub down_keeps: &'static [(&'static str, &'static str)],
}

impl Scenario {
    const fn new(name: &'static str, start: &'static str, end: &'static str) -> Self {
        Scenario {
            name,
            start,
            end,
            renames: Renames::default,
            after_up: &[],
            down_keeps: &[],
        }
    }

    const fn renames(self, renames: fn() -> Renames) -> Self {
        Scenario { renames, ..self }
    }

    const fn after_up(self, after_up: &'static [(&'static str, &'static str)]) -> Self {
        Scenario { after_up, ..self }
    }

    const fn down_keeps(self, down_keeps: &'static [(&'static str, &'static str)]) -> Self {
        Scenario { down_keeps, ..self }
    }
}

/// `SCENARIOS` is the catalog: at least one scenario per kind of difference the engine
/// detects, plus the edits that need care (renames with rows, NOT NULL with a default on a
/// table with rows, narrowing, names over 63 bytes, reserved words).
pub static SCENARIOS: &[Scenario] = &[
    // Tables.
    Scenario::new(
        "create_table",
        r#"
        CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
        INSERT INTO author VALUES (1, 'Ada'), (2, 'Grace');
        "#,
        r#"
        CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
        CREATE TABLE book (
            id bigint PRIMARY KEY,
            author_id integer NOT NULL REFERENCES author (id) ON DELETE CASCADE,
            title varchar(200) NOT NULL DEFAULT 'untitled',
            published boolean NOT NULL DEFAULT false,
            price numeric(8, 2) CHECK (price >= 0),
            created_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (author_id, title)
        );
        CREATE INDEX book_created_at_idx ON book (created_at DESC);
        "#,
    )
    .after_up(&[(
        "WITH b AS (INSERT INTO book (id, author_id) VALUES (1, 2) RETURNING title, published) \
         SELECT title || '/' || published AS v FROM b",
        "untitled/false",
    )]),
    Scenario::new(
        "drop_table",
        r#"
        CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
        CREATE TABLE book (
            id bigint PRIMARY KEY,
            author_id integer NOT NULL REFERENCES author (id) ON DELETE CASCADE,
            title text NOT NULL,
            price numeric(8, 2) CHECK (price >= 0),
            UNIQUE (author_id, title)
        );
        CREATE INDEX book_title_idx ON book (lower(title));
        INSERT INTO author VALUES (1, 'Ada');
        INSERT INTO book VALUES (1, 1, 'Notes', 10);
        "#,
        r#"
        CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
        "#,
    ),
    Scenario::new(
        "rename_table_keeps_rows",
        r#"
        CREATE TABLE client (id integer PRIMARY KEY, name text NOT NULL, email text);
        CREATE INDEX client_email_idx ON client (email);
        INSERT INTO client VALUES (1, 'Ada', 'ada@example.org'), (2, 'Grace', NULL);
        "#,
        r#"
        CREATE TABLE customer (id integer PRIMARY KEY, full_name text NOT NULL, email text);
        CREATE INDEX customer_email_idx ON customer (email);
        "#,
    )
    .renames(|| {
        renames(
            &[("customer", "client")],
            &[("customer", "full_name", "name")],
            &[],
        )
    })
    .after_up(&[(
        "SELECT string_agg(id || ':' || full_name, ',' ORDER BY id) AS v FROM customer",
        "1:Ada,2:Grace",
    )]),
    Scenario::new(
        "rename_referenced_table",
        r#"
        CREATE TABLE team (id integer PRIMARY KEY, name text NOT NULL);
        CREATE TABLE player (id integer PRIMARY KEY, team_id integer NOT NULL REFERENCES team (id));
        INSERT INTO team VALUES (1, 'Red');
        INSERT INTO player VALUES (10, 1);
        "#,
        r#"
        CREATE TABLE squad (id integer PRIMARY KEY, name text NOT NULL);
        CREATE TABLE player (id integer PRIMARY KEY, team_id integer NOT NULL REFERENCES squad (id));
        "#,
    )
    .renames(|| renames(&[("squad", "team")], &[], &[]))
    .after_up(&[(
        "SELECT s.name AS v FROM player p JOIN squad s ON s.id = p.team_id",
        "Red",
    )]),
    // Columns.
    Scenario::new(
        "add_columns",
        r#"
        CREATE TABLE city (id integer PRIMARY KEY, name text NOT NULL);
        INSERT INTO city VALUES (1, 'Graz');
        "#,
        r#"
        CREATE TABLE city (
            id integer PRIMARY KEY,
            name text NOT NULL,
            population bigint,
            country char(2),
            founded date,
            area numeric(12, 3),
            tags text[],
            meta jsonb DEFAULT '{}',
            address inet,
            updated_at timestamptz DEFAULT now()
        );
        "#,
    )
    .after_up(&[(
        "SELECT meta::text || '/' || (updated_at IS NOT NULL) AS v FROM city",
        "{}/true",
    )]),
    Scenario::new(
        "add_not_null_column_with_default",
        r#"
        CREATE TABLE member (id integer PRIMARY KEY, name text NOT NULL);
        INSERT INTO member VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Alan');
        "#,
        r#"
        CREATE TABLE member (
            id integer PRIMARY KEY,
            name text NOT NULL,
            status varchar(20) NOT NULL DEFAULT 'active',
            score integer NOT NULL DEFAULT 0,
            joined_at timestamptz NOT NULL DEFAULT now()
        );
        "#,
    )
    .after_up(&[(
        "SELECT string_agg(status || ':' || score, ',' ORDER BY id) AS v FROM member \
         WHERE joined_at IS NOT NULL",
        "active:0,active:0,active:0",
    )]),
    Scenario::new(
        "drop_column",
        r#"
        CREATE TABLE profile (
            id integer PRIMARY KEY,
            nickname text,
            legacy_code varchar(20) DEFAULT 'none',
            age integer CHECK (age > 0)
        );
        CREATE INDEX profile_nickname_idx ON profile (nickname);
        INSERT INTO profile VALUES (1, 'ada', 'x1', 36);
        "#,
        r#"
        CREATE TABLE profile (id integer PRIMARY KEY, age integer CHECK (age > 0));
        "#,
    )
    .after_up(&[("SELECT age::text AS v FROM profile", "36")]),
    Scenario::new(
        "rename_column_keeps_rows",
        r#"
        CREATE TABLE person (
            id integer PRIMARY KEY,
            fullname text NOT NULL UNIQUE,
            manager integer REFERENCES person (id)
        );
        CREATE INDEX person_name_idx ON person (fullname, id);
        INSERT INTO person VALUES (1, 'Ada Lovelace', NULL), (2, 'Alan Turing', 1);
        "#,
        r#"
        CREATE TABLE person (
            id integer PRIMARY KEY,
            full_name text NOT NULL UNIQUE,
            manager_id integer REFERENCES person (id)
        );
        CREATE INDEX person_name_idx ON person (full_name, id);
        "#,
    )
    .renames(|| {
        renames(
            &[],
            &[
                ("person", "full_name", "fullname"),
                ("person", "manager_id", "manager"),
            ],
            &[],
        )
    })
    .after_up(&[(
        "SELECT string_agg(full_name || '>' || coalesce(manager_id::text, '-'), ',' ORDER BY id) \
         AS v FROM person",
        "Ada Lovelace>-,Alan Turing>1",
    )]),
    Scenario::new(
        "rename_column_in_expressions",
        r#"
        CREATE TABLE person (
            id integer PRIMARY KEY,
            fullname text NOT NULL CONSTRAINT person_fullname_check CHECK (length(fullname) > 0)
        );
        CREATE INDEX person_name_lower_idx ON person (lower(fullname));
        INSERT INTO person VALUES (1, 'Ada Lovelace');
        "#,
        r#"
        CREATE TABLE person (
            id integer PRIMARY KEY,
            full_name text NOT NULL CONSTRAINT person_fullname_check CHECK (length(full_name) > 0)
        );
        CREATE INDEX person_name_lower_idx ON person (lower(full_name));
        "#,
    )
    .renames(|| renames(&[], &[("person", "full_name", "fullname")], &[]))
    .after_up(&[("SELECT full_name AS v FROM person", "Ada Lovelace")]),
    Scenario::new(
        "type_change_with_using",
        r#"
        CREATE TABLE stock (
            id integer PRIMARY KEY,
            qty text NOT NULL DEFAULT '0',
            small integer,
            sku varchar(40),
            ref text
        );
        INSERT INTO stock VALUES
            (1, '12', 5, 'A-1', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
            (2, '7', 6, 'B-2', NULL);
        "#,
        r#"
        CREATE TABLE stock (
            id integer PRIMARY KEY,
            qty integer NOT NULL DEFAULT 0,
            small bigint,
            sku text,
            ref uuid
        );
        "#,
    )
    .after_up(&[
        ("SELECT sum(qty + small)::text AS v FROM stock", "30"),
        (
            "SELECT ref::text AS v FROM stock WHERE id = 1",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        ),
    ]),
    Scenario::new(
        "widen_and_narrow_varchar",
        r#"
        CREATE TABLE label (
            id integer PRIMARY KEY,
            code varchar(10) NOT NULL,
            title varchar(100),
            note text
        );
        INSERT INTO label VALUES (1, 'AB-12', 'a short title', 'n');
        "#,
        r#"
        CREATE TABLE label (
            id integer PRIMARY KEY,
            code varchar(50) NOT NULL,
            title varchar(20),
            note varchar(30)
        );
        "#,
    )
    .after_up(&[(
        "SELECT code || '|' || title || '|' || note AS v FROM label",
        "AB-12|a short title|n",
    )]),
    Scenario::new(
        "nullability",
        r#"
        CREATE TABLE contact (id integer PRIMARY KEY, email text NOT NULL, phone text);
        INSERT INTO contact VALUES (1, 'ada@example.org', '123');
        "#,
        r#"
        CREATE TABLE contact (id integer PRIMARY KEY, email text, phone text NOT NULL);
        "#,
    ),
    Scenario::new(
        "column_defaults",
        r#"
        CREATE TABLE setting (
            id integer PRIMARY KEY,
            a text,
            b integer DEFAULT 1,
            c boolean DEFAULT true,
            d timestamptz,
            e integer
        );
        "#,
        r#"
        CREATE TABLE setting (
            id integer PRIMARY KEY,
            a text DEFAULT 'none',
            b integer DEFAULT 2,
            c boolean,
            d timestamptz DEFAULT now(),
            e integer DEFAULT -1
        );
        "#,
    )
    .after_up(&[(
        "WITH s AS (INSERT INTO setting (id) VALUES (1) RETURNING *) \
         SELECT concat_ws(',', a, b, c, d IS NOT NULL, e) AS v FROM s",
        "none,2,t,-1",
    )]),
    Scenario::new(
        "generated_column",
        r#"
        CREATE TABLE line_item (
            id integer PRIMARY KEY,
            price numeric(10, 2) NOT NULL,
            qty integer NOT NULL,
            total numeric GENERATED ALWAYS AS (price * qty) STORED
        );
        INSERT INTO line_item (id, price, qty) VALUES (1, 2.50, 4);
        "#,
        r#"
        CREATE TABLE line_item (
            id integer PRIMARY KEY,
            price numeric(10, 2) NOT NULL,
            qty integer NOT NULL,
            total numeric GENERATED ALWAYS AS (price * qty * 2) STORED,
            label text GENERATED ALWAYS AS ('item ' || id) STORED
        );
        "#,
    )
    .after_up(&[("SELECT total || '/' || label AS v FROM line_item", "20.00/item 1")]),
    // Keys and constraints.
    Scenario::new(
        "primary_key_change",
        r#"
        CREATE TABLE membership (user_id integer NOT NULL, team_id integer NOT NULL, role text);
        CREATE TABLE note (id integer PRIMARY KEY, version integer NOT NULL DEFAULT 1, body text);
        CREATE TABLE tag (name text PRIMARY KEY);
        INSERT INTO membership VALUES (1, 1, 'owner'), (2, 1, NULL);
        INSERT INTO note VALUES (1, 1, 'x'), (2, 1, 'y');
        INSERT INTO tag VALUES ('red');
        "#,
        r#"
        CREATE TABLE membership (
            user_id integer NOT NULL,
            team_id integer NOT NULL,
            role text,
            PRIMARY KEY (user_id, team_id)
        );
        CREATE TABLE note (
            id integer,
            version integer NOT NULL DEFAULT 1,
            body text,
            PRIMARY KEY (id, version)
        );
        CREATE TABLE tag (name text NOT NULL);
        "#,
    ),
    // An auto-increment key (SeaORM's default for an integer primary key): an identity
    // column on PostgreSQL, AUTO_INCREMENT on MySQL/MariaDB, the rowid alias on SQLite.
    Scenario::new(
        "identity_key_create",
        r#"
        CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
        INSERT INTO author VALUES (1, 'Ada');
        "#,
        r#"
        CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
        CREATE TABLE post (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title text NOT NULL);
        "#,
    )
    .after_up(&[(
        "WITH p AS (INSERT INTO post (title) VALUES ('a'), ('b') RETURNING id) \
         SELECT string_agg(id::text, ',' ORDER BY id) AS v FROM p",
        "1,2",
    )]),
    // The identity continues after the rows the table has; down() takes it away again.
    Scenario::new(
        "identity_key_added",
        r#"
        CREATE TABLE note (id integer PRIMARY KEY, body text);
        INSERT INTO note VALUES (1, 'x'), (7, 'y');
        "#,
        r#"
        CREATE TABLE note (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, body text);
        "#,
    )
    .after_up(&[(
        "WITH n AS (INSERT INTO note (body) VALUES ('z') RETURNING id) SELECT id::text AS v FROM n",
        "8",
    )]),
    Scenario::new(
        "foreign_key_composite_with_actions",
        r#"
        CREATE TABLE course (org text NOT NULL, code text NOT NULL, PRIMARY KEY (org, code));
        CREATE TABLE lesson (id integer PRIMARY KEY, org text, code text, title text NOT NULL);
        INSERT INTO course VALUES ('acme', 'c1');
        INSERT INTO lesson VALUES (1, 'acme', 'c1', 'intro'), (2, NULL, NULL, 'orphan');
        "#,
        r#"
        CREATE TABLE course (org text NOT NULL, code text NOT NULL, PRIMARY KEY (org, code));
        CREATE TABLE lesson (
            id integer PRIMARY KEY,
            org text,
            code text,
            title text NOT NULL,
            CONSTRAINT lesson_course_fkey FOREIGN KEY (org, code) REFERENCES course (org, code)
                ON DELETE SET NULL ON UPDATE CASCADE
        );
        CREATE TABLE enrolment (
            lesson_id integer NOT NULL REFERENCES lesson (id) ON DELETE RESTRICT,
            student text NOT NULL
        );
        "#,
    )
    .after_up(&[
        (
            "WITH u AS (UPDATE course SET code = 'c2' RETURNING code) SELECT code AS v FROM u",
            "c2",
        ),
        ("SELECT code AS v FROM lesson WHERE id = 1", "c2"),
    ]),
    Scenario::new(
        "foreign_key_actions_change",
        r#"
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
        INSERT INTO parent VALUES (1), (2);
        INSERT INTO child VALUES (10, 1), (20, 2);
        "#,
        r#"
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (
            id integer PRIMARY KEY,
            parent_id integer REFERENCES parent (id) ON DELETE CASCADE ON UPDATE RESTRICT
        );
        "#,
    )
    .after_up(&[
        (
            "WITH d AS (DELETE FROM parent WHERE id = 1 RETURNING id) SELECT id::text AS v FROM d",
            "1",
        ),
        ("SELECT string_agg(id::text, ',') AS v FROM child", "20"),
    ]),
    Scenario::new(
        "drop_foreign_key",
        r#"
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
        INSERT INTO parent VALUES (1);
        INSERT INTO child VALUES (10, 1);
        "#,
        r#"
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer);
        "#,
    ),
    Scenario::new(
        "widen_referenced_key",
        r#"
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
        INSERT INTO parent VALUES (1);
        INSERT INTO child VALUES (10, 1);
        "#,
        r#"
        CREATE TABLE parent (id bigint PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id bigint REFERENCES parent (id));
        "#,
    )
    .after_up(&[("SELECT parent_id::text AS v FROM child", "1")]),
    Scenario::new(
        "referenced_key_type_change",
        r#"
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
        INSERT INTO parent VALUES (1);
        INSERT INTO child VALUES (10, 1);
        "#,
        r#"
        CREATE TABLE parent (id text PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id text REFERENCES parent (id));
        "#,
    )
    .after_up(&[("SELECT parent_id AS v FROM child", "1")]),
    Scenario::new(
        "unique_constraints_and_indexes",
        r#"
        CREATE TABLE account (
            id integer PRIMARY KEY,
            email text NOT NULL,
            handle text NOT NULL CONSTRAINT account_handle_key UNIQUE,
            org integer
        );
        INSERT INTO account VALUES (1, 'ada@example.org', 'ada', 1), (2, 'ada@example.org', 'Ada2', 2);
        "#,
        r#"
        CREATE TABLE account (
            id integer PRIMARY KEY,
            email text NOT NULL,
            handle text NOT NULL,
            org integer,
            UNIQUE (org, email)
        );
        CREATE UNIQUE INDEX account_handle_lower_key ON account (lower(handle));
        CREATE UNIQUE INDEX account_org_handle_key ON account (org, handle);
        "#,
    ),
    Scenario::new(
        "partial_unique_index",
        r#"
        CREATE TABLE subscription (id integer PRIMARY KEY, email text NOT NULL, cancelled_at timestamptz);
        INSERT INTO subscription VALUES
            (1, 'ada@example.org', '2024-01-01'),
            (2, 'ada@example.org', NULL);
        "#,
        r#"
        CREATE TABLE subscription (id integer PRIMARY KEY, email text NOT NULL, cancelled_at timestamptz);
        CREATE UNIQUE INDEX subscription_active_email_key ON subscription (email)
            WHERE cancelled_at IS NULL;
        "#,
    ),
    Scenario::new(
        "index_columns_expressions_order",
        r#"
        CREATE TABLE event (
            id integer PRIMARY KEY,
            kind text NOT NULL,
            at timestamptz NOT NULL,
            payload jsonb,
            score integer
        );
        CREATE INDEX event_kind_idx ON event (kind);
        CREATE INDEX event_score_idx ON event (score);
        INSERT INTO event VALUES (1, 'click', now(), '{"type": "a"}', 3);
        "#,
        r#"
        CREATE TABLE event (
            id integer PRIMARY KEY,
            kind text NOT NULL,
            at timestamptz NOT NULL,
            payload jsonb,
            score integer
        );
        CREATE INDEX event_kind_idx ON event (kind, at DESC);
        CREATE INDEX event_kind_lower_idx ON event (lower(kind));
        CREATE INDEX event_payload_type_idx ON event ((payload ->> 'type'), score DESC)
            WHERE score IS NOT NULL;
        "#,
    ),
    Scenario::new(
        "gist_instead_of_btree",
        r#"
        CREATE EXTENSION IF NOT EXISTS ltree;
        CREATE TABLE node (id integer PRIMARY KEY, path ltree NOT NULL);
        CREATE INDEX node_path_idx ON node (path);
        INSERT INTO node VALUES (1, 'root'), (2, 'root.child'), (3, 'other');
        "#,
        r#"
        CREATE EXTENSION IF NOT EXISTS ltree;
        CREATE TABLE node (id integer PRIMARY KEY, path ltree NOT NULL);
        CREATE INDEX node_path_idx ON node USING gist (path);
        "#,
    )
    .after_up(&[(
        "SELECT string_agg(id::text, ',' ORDER BY id) AS v FROM node WHERE path <@ 'root'",
        "1,2",
    )]),
    Scenario::new(
        "index_methods",
        r#"
        CREATE TABLE doc (id integer PRIMARY KEY, body text, tags jsonb, created date, code text);
        "#,
        r#"
        CREATE TABLE doc (id integer PRIMARY KEY, body text, tags jsonb, created date, code text);
        CREATE INDEX doc_tags_idx ON doc USING gin (tags);
        CREATE INDEX doc_code_idx ON doc USING hash (code);
        CREATE INDEX doc_created_idx ON doc USING brin (created);
        CREATE INDEX doc_body_idx ON doc USING spgist (body);
        "#,
    ),
    Scenario::new(
        "check_constraints",
        r#"
        CREATE TABLE product (
            id integer PRIMARY KEY,
            price numeric(10, 2) NOT NULL,
            stock integer NOT NULL,
            sku text NOT NULL,
            CONSTRAINT product_price_check CHECK (price > 0),
            CONSTRAINT product_legacy_check CHECK (stock < 100000)
        );
        INSERT INTO product VALUES (1, 9.99, 3, 'AB-12');
        "#,
        r#"
        CREATE TABLE product (
            id integer PRIMARY KEY,
            price numeric(10, 2) NOT NULL,
            stock integer NOT NULL,
            sku text NOT NULL,
            CONSTRAINT product_price_check CHECK (price >= 0),
            CONSTRAINT product_id_check CHECK (id > 0),
            CONSTRAINT product_sku_check CHECK (sku ~ '^[A-Z]+-\d+$'),
            CONSTRAINT product_stock_check CHECK (stock = 0 OR price > 0)
        );
        "#,
    ),
    // Database objects.
    Scenario::new(
        "enum_create",
        r#"
        CREATE TABLE ticket (id integer PRIMARY KEY, title text NOT NULL);
        INSERT INTO ticket VALUES (1, 'a'), (2, 'b');
        "#,
        r#"
        CREATE TYPE priority AS ENUM ('low', 'normal', 'high');
        CREATE TABLE ticket (
            id integer PRIMARY KEY,
            title text NOT NULL,
            priority priority NOT NULL DEFAULT 'normal',
            escalations priority[]
        );
        "#,
    )
    .after_up(&[(
        "SELECT string_agg(priority::text, ',' ORDER BY id) AS v FROM ticket",
        "normal,normal",
    )]),
    Scenario::new(
        "enum_drop",
        r#"
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE TABLE diary (id integer PRIMARY KEY, mood mood);
        INSERT INTO diary VALUES (1, 'happy');
        "#,
        r#"
        CREATE TABLE diary (id integer PRIMARY KEY);
        "#,
    ),
    Scenario::new(
        "enum_add_value_before",
        r#"
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE TABLE diary (id integer PRIMARY KEY, mood mood NOT NULL DEFAULT 'sad');
        INSERT INTO diary VALUES (1, 'happy');
        "#,
        r#"
        CREATE TYPE mood AS ENUM ('meh', 'sad', 'ok', 'happy', 'ecstatic');
        CREATE TABLE diary (
            id integer PRIMARY KEY,
            mood mood NOT NULL DEFAULT 'ok',
            energy mood NOT NULL DEFAULT 'meh'
        );
        "#,
    )
    .after_up(&[
        (
            "SELECT enum_range(NULL::mood)::text AS v",
            "{meh,sad,ok,happy,ecstatic}",
        ),
        ("SELECT mood || '/' || energy AS v FROM diary", "happy/meh"),
    ])
    // PostgreSQL cannot remove an enum label: down() keeps the new ones.
    .down_keeps(&[(
        "enum\tmood\tsad,happy",
        "enum\tmood\tmeh,sad,ok,happy,ecstatic",
    )]),
    Scenario::new(
        "enum_value_rename",
        r#"
        CREATE TYPE status AS ENUM ('pending', 'done');
        CREATE TABLE task (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'pending');
        INSERT INTO task VALUES (1, 'pending'), (2, 'done');
        "#,
        r#"
        CREATE TYPE status AS ENUM ('waiting', 'done');
        CREATE TABLE task (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'waiting');
        "#,
    )
    .renames(|| renames(&[], &[], &[("status", "waiting", "pending")]))
    .after_up(&[(
        "SELECT string_agg(status::text, ',' ORDER BY id) AS v FROM task",
        "waiting,done",
    )]),
    Scenario::new(
        "extensions",
        r#"
        CREATE TABLE visitor (id integer PRIMARY KEY, email text NOT NULL);
        INSERT INTO visitor VALUES (1, 'ada@example.org'), (2, 'grace@example.org');
        "#,
        r#"
        CREATE EXTENSION IF NOT EXISTS citext;
        CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TABLE visitor (
            id integer PRIMARY KEY,
            email text NOT NULL,
            nick citext,
            token uuid NOT NULL DEFAULT uuid_generate_v4()
        );
        CREATE INDEX visitor_nick_idx ON visitor (nick);
        "#,
    )
    .after_up(&[
        ("SELECT count(DISTINCT token)::text AS v FROM visitor", "2"),
        ("SELECT similarity('ctutor', 'ctutor')::text AS v", "1"),
    ]),
    Scenario::new(
        "sequences",
        r#"
        CREATE SEQUENCE invoice_number_seq;
        CREATE SEQUENCE legacy_seq;
        CREATE TABLE invoice (
            id integer PRIMARY KEY,
            number bigint NOT NULL DEFAULT nextval('invoice_number_seq')
        );
        INSERT INTO invoice (id) VALUES (1);
        "#,
        r#"
        CREATE SEQUENCE invoice_number_seq INCREMENT BY 10 START WITH 1000;
        CREATE SEQUENCE ticket_seq AS integer MAXVALUE 99999 CYCLE;
        CREATE TABLE invoice (
            id integer PRIMARY KEY,
            number bigint NOT NULL DEFAULT nextval('invoice_number_seq'),
            ticket integer DEFAULT nextval('ticket_seq')
        );
        "#,
    )
    .after_up(&[(
        "WITH i AS (INSERT INTO invoice (id) VALUES (2) RETURNING number, ticket) \
         SELECT number || '/' || ticket AS v FROM i",
        "11/2",
    )]),
    Scenario::new(
        "functions",
        r#"
        CREATE FUNCTION slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
        CREATE FUNCTION obsolete() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
        CREATE TABLE page (id integer PRIMARY KEY, slug text NOT NULL);
        INSERT INTO page VALUES (1, 'hello-world');
        "#,
        r#"
        CREATE FUNCTION slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE
            AS $$ SELECT trim(both '-' from regexp_replace(lower(t), '[^a-z0-9]+', '-', 'g')) $$;
        CREATE FUNCTION is_slug(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
            AS $$ BEGIN RETURN t ~ '^[a-z0-9-]+$'; END $$;
        CREATE TABLE page (
            id integer PRIMARY KEY,
            slug text NOT NULL CONSTRAINT page_slug_check CHECK (is_slug(slug))
        );
        "#,
    )
    .after_up(&[("SELECT slugify('Hello, World!') AS v", "hello-world")]),
    Scenario::new(
        "function_return_type_change",
        r#"
        CREATE FUNCTION answer() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 42 $$;
        "#,
        r#"
        CREATE FUNCTION answer() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 42::bigint $$;
        "#,
    )
    .after_up(&[("SELECT pg_typeof(answer())::text AS v", "bigint")]),
    Scenario::new(
        "comments",
        r#"
        CREATE TABLE article (id integer PRIMARY KEY, title text, body text, summary text);
        COMMENT ON TABLE article IS 'old description';
        COMMENT ON COLUMN article.title IS 'old title';
        COMMENT ON COLUMN article.summary IS 'to be removed';
        CREATE TABLE draft (id integer PRIMARY KEY);
        COMMENT ON TABLE draft IS 'to be removed';
        "#,
        r#"
        CREATE TABLE article (
            id integer PRIMARY KEY,
            title text,
            body text,
            summary text,
            author text
        );
        COMMENT ON TABLE article IS 'Articles on the front page';
        COMMENT ON COLUMN article.title IS 'The headline';
        COMMENT ON COLUMN article.body IS 'It''s the text';
        COMMENT ON COLUMN article.author IS 'Who wrote it';
        CREATE TABLE draft (id integer PRIMARY KEY);
        CREATE TABLE note (id integer PRIMARY KEY, body text);
        COMMENT ON TABLE note IS 'A new table';
        COMMENT ON COLUMN note.body IS 'Its text';
        "#,
    )
    .after_up(&[(
        "SELECT obj_description('article'::regclass, 'pg_class') || '/' \
         || col_description('article'::regclass, 3) || '/' \
         || obj_description('note'::regclass, 'pg_class') || '/' \
         || col_description('note'::regclass, 2) AS v",
        "Articles on the front page/It's the text/A new table/Its text",
    )]),
    // Names.
    Scenario::new(
        "long_names",
        r#"
        CREATE TABLE short (id integer PRIMARY KEY);
        INSERT INTO short VALUES (1);
        "#,
        r#"
        CREATE TABLE short (
            id integer PRIMARY KEY,
            a_column_name_that_is_much_longer_than_sixty_three_bytes_and_gets_truncated integer
        );
        CREATE TABLE a_table_name_that_is_exactly_sixty_three_bytes_long_for_tests_x (
            identifier_column_with_a_rather_long_name_for_the_primary_key integer PRIMARY KEY,
            reference_to_the_short_table_with_an_unusually_long_column_name integer
                REFERENCES short (id),
            another_long_column_name_that_goes_into_a_unique_constraint text UNIQUE,
            CHECK (identifier_column_with_a_rather_long_name_for_the_primary_key > 0)
        );
        CREATE INDEX an_index_name_that_is_longer_than_sixty_three_bytes_and_gets_truncated
            ON a_table_name_that_is_exactly_sixty_three_bytes_long_for_tests_x
            (reference_to_the_short_table_with_an_unusually_long_column_name);
        "#,
    ),
    Scenario::new(
        "tables_user_and_group",
        r#"
        CREATE TABLE "user" (id integer PRIMARY KEY, "order" integer NOT NULL DEFAULT 0, name text NOT NULL);
        INSERT INTO "user" VALUES (1, 1, 'Ada');
        "#,
        r#"
        CREATE TABLE "group" (id integer PRIMARY KEY, "select" text NOT NULL DEFAULT 'all');
        CREATE TABLE "user" (
            id integer PRIMARY KEY,
            "order" integer NOT NULL DEFAULT 0,
            name text NOT NULL,
            group_id integer REFERENCES "group" (id) ON DELETE SET NULL,
            CONSTRAINT user_order_check CHECK ("order" >= 0)
        );
        CREATE INDEX user_group_idx ON "user" (group_id) WHERE group_id IS NOT NULL;
        CREATE TABLE user_group (
            "user" integer NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
            "group" integer NOT NULL REFERENCES "group" (id) ON DELETE CASCADE,
            PRIMARY KEY ("user", "group")
        );
        "#,
    )
    .after_up(&[("SELECT name || '/' || \"order\" AS v FROM \"user\"", "Ada/1")]),
];

/// `renames` builds declared renames from (new, old) table pairs, (table, new, old) column
/// triples and (enum, new, old) label triples.
fn renames(
    tables: &[(&str, &str)],
    columns: &[(&str, &str, &str)],
    enum_values: &[(&str, &str, &str)],
) -> Renames {
    Renames {
        tables: tables
            .iter()
            .map(|(new, old)| (new.to_string(), old.to_string()))
            .collect(),
        columns: columns
            .iter()
            .map(|(t, new, old)| ((t.to_string(), new.to_string()), old.to_string()))
            .collect(),
        enum_values: enum_values
            .iter()
            .map(|(e, new, old)| ((e.to_string(), new.to_string()), old.to_string()))
            .collect(),
    }
}

/// `scenario` finds a scenario of the catalog by name.
pub fn scenario(name: &str) -> &'static Scenario {
    SCENARIOS
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no scenario {name:?} in tests/scenarios/catalog.rs"))
}

/// `module_name` is the migration module a scenario renders as.
pub fn module_name(scenario: &Scenario) -> String {
    format!("m20260101_000000_{}", scenario.name)
}

/// `database_with` creates a fresh database (named after `label`) and runs `sql` in it.
pub async fn database_with(label: &str, sql: &str) -> (PgDatabase, DatabaseConnection) {
    // Database names are identifiers too: keep the label well under 63 bytes.
    let db = PgDatabase::create(&label[..label.len().min(36)]).await;
    let conn = db.connect().await;
    if let Err(e) = conn.execute_unprepared(sql).await {
        panic!("{label}: PostgreSQL refuses the scenario SQL: {e}\n{sql}");
    }
    (db, conn)
}

/// `public_schema` is schema `public` of the connected database, read by the engine.
pub async fn public_schema(conn: &DatabaseConnection) -> Schema {
    introspect_postgres(conn, "public")
        .await
        .expect("introspect schema public")
        .0
}

/// `desired_schema` is the scenario's `end` as PostgreSQL stores it, read from a database of
/// its own (dropped again).
pub async fn desired_schema(scenario: &Scenario) -> Schema {
    let (db, conn) = database_with(scenario.name, scenario.end).await;
    let schema = public_schema(&conn).await;
    conn.close().await.expect("close the connection");
    drop(db);
    schema
}
