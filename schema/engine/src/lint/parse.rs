//! `parse`: the few statement shapes the lint rules look at, from tokens.
//!
//! Only the head of each statement is read: which table, column, constraint kind, and a few
//! keywords at the top level (outside parentheses). Anything else is [`Stmt::Other`], which no
//! rule looks at. Names are as PostgreSQL resolves them: unquoted ones lower-cased, quoted ones
//! exact, a schema qualification dropped.

use crate::sql::lexer::{Kind, Token};

/// `Stmt` is a statement as far as the rules care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Stmt {
    CreateTable {
        table: String,
        /// Columns and their type text.
        columns: Vec<(String, String)>,
    },
    DropTable {
        tables: Vec<String>,
    },
    AlterTable {
        table: String,
        actions: Vec<Action>,
    },
    CreateIndex {
        table: String,
        concurrently: bool,
    },
    CreateEnum {
        name: String,
        labels: Vec<String>,
    },
    DropType {
        names: Vec<String>,
    },
    RenameType {
        from: String,
        to: String,
    },
    AddEnumValue {
        name: String,
        label: String,
    },
    Other,
}

/// `Action` is one action of an `ALTER TABLE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Action {
    AddColumn {
        column: String,
        ty: String,
        not_null: bool,
        has_default: bool,
    },
    DropColumn {
        column: String,
    },
    AlterType {
        column: String,
        ty: String,
    },
    SetNotNull {
        column: String,
    },
    AddConstraint {
        kind: Constraint,
        not_valid: bool,
        using_index: bool,
    },
    RenameTo(String),
    RenameColumn {
        from: String,
        to: String,
    },
    Other,
}

/// `Constraint` is the kind of a table constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Constraint {
    ForeignKey,
    Check,
    Unique,
    PrimaryKey,
    Exclude,
}

/// Keywords that end a column's type in a column definition.
const TYPE_END: &[&str] = &[
    "not",
    "null",
    "default",
    "primary",
    "unique",
    "check",
    "references",
    "generated",
    "constraint",
    "collate",
    "using",
];

/// `parse` reads one statement (without its `;`).
pub(super) fn parse(tokens: &[Token]) -> Stmt {
    let mut c = Cursor::new(tokens);
    if c.eat("create") {
        c.eat_all(&["or", "replace"]);
        while c.eat_any(&["global", "local", "temp", "temporary", "unlogged"]) {}
        if c.eat("table") {
            return create_table(c);
        }
        c.eat("unique");
        if c.eat("index") {
            return create_index(c);
        }
        if c.eat("type") {
            return create_type(c);
        }
    } else if c.eat("drop") {
        if c.eat("table") {
            return Stmt::DropTable {
                tables: name_list(c),
            };
        }
        if c.eat("type") {
            return Stmt::DropType {
                names: name_list(c),
            };
        }
    } else if c.eat("alter") {
        if c.eat("table") {
            return alter_table(c);
        }
        if c.eat("type") {
            return alter_type(c);
        }
    }
    Stmt::Other
}

/// `create_table` reads `[IF NOT EXISTS] name ( items )` after `CREATE TABLE`.
fn create_table(mut c: Cursor) -> Stmt {
    c.eat_all(&["if", "not", "exists"]);
    let Some(table) = c.name() else {
        return Stmt::Other;
    };
    let columns = c
        .parenthesized()
        .map(|body| {
            split_top(body, ',')
                .into_iter()
                .filter_map(column_of_item)
                .collect()
        })
        .unwrap_or_default();
    Stmt::CreateTable { table, columns }
}

/// `column_of_item` is the name and type of a `CREATE TABLE` item that defines a column.
fn column_of_item(item: &[Token]) -> Option<(String, String)> {
    let first = item.first()?;
    let constraint = [
        "constraint",
        "primary",
        "unique",
        "check",
        "foreign",
        "exclude",
        "like",
    ];
    if constraint.iter().any(|k| first.is(k)) {
        return None;
    }
    Some((first.name()?.to_owned(), type_text(type_tokens(&item[1..]))))
}

/// `create_index` reads what follows `CREATE [UNIQUE] INDEX`.
fn create_index(mut c: Cursor) -> Stmt {
    let concurrently = c.eat("concurrently");
    // `[IF NOT EXISTS] [name] ON [ONLY] table`: the table follows the first top-level ON.
    while let Some(token) = c.next() {
        if token.is("on") {
            c.eat("only");
            return match c.name() {
                Some(table) => Stmt::CreateIndex {
                    table,
                    concurrently,
                },
                None => Stmt::Other,
            };
        }
    }
    Stmt::Other
}

/// `create_type` reads `name AS ENUM ( labels )`; other kinds of type are `Other`.
fn create_type(mut c: Cursor) -> Stmt {
    let Some(name) = c.name() else {
        return Stmt::Other;
    };
    if !c.eat_all(&["as", "enum"]) {
        return Stmt::Other;
    }
    let labels = c
        .parenthesized()
        .map(|body| {
            body.iter()
                .filter_map(|t| match &t.kind {
                    Kind::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Stmt::CreateEnum { name, labels }
}

/// `alter_type` reads `name RENAME TO new` and `name ADD VALUE 'label'`.
fn alter_type(mut c: Cursor) -> Stmt {
    let Some(name) = c.name() else {
        return Stmt::Other;
    };
    if c.eat_all(&["rename", "to"]) {
        return match c.name() {
            Some(to) => Stmt::RenameType { from: name, to },
            None => Stmt::Other,
        };
    }
    if c.eat_all(&["add", "value"]) {
        c.eat_all(&["if", "not", "exists"]);
        if let Some(Kind::Str(label)) = c.next().map(|t| &t.kind) {
            return Stmt::AddEnumValue {
                name,
                label: label.clone(),
            };
        }
    }
    Stmt::Other
}

/// `alter_table` reads the table and each comma-separated action.
fn alter_table(mut c: Cursor) -> Stmt {
    c.eat_all(&["if", "exists"]);
    c.eat("only");
    let Some(table) = c.name() else {
        return Stmt::Other;
    };
    c.eat_punct('*');
    let actions = split_top(c.rest(), ',')
        .into_iter()
        .map(|tokens| action(Cursor::new(tokens)))
        .collect();
    Stmt::AlterTable { table, actions }
}

/// `action` reads one `ALTER TABLE` action.
fn action(mut c: Cursor) -> Action {
    if c.eat("add") {
        let constraint = [
            "constraint",
            "primary",
            "unique",
            "check",
            "foreign",
            "exclude",
        ];
        if !c.eat("column") && constraint.iter().any(|k| c.peek_is(k)) {
            return add_constraint(c);
        }
        c.eat_all(&["if", "not", "exists"]);
        return add_column(c);
    }
    if c.eat("drop") {
        if c.peek_is("constraint") {
            return Action::Other;
        }
        c.eat("column");
        c.eat_all(&["if", "exists"]);
        return match c.name() {
            Some(column) => Action::DropColumn { column },
            None => Action::Other,
        };
    }
    if c.eat("alter") {
        if c.peek_is("constraint") {
            return Action::Other;
        }
        c.eat("column");
        let Some(column) = c.name() else {
            return Action::Other;
        };
        if c.eat_all(&["set", "data", "type"]) || c.eat("type") {
            let ty = type_text(type_tokens(c.rest()));
            return Action::AlterType { column, ty };
        }
        if c.eat_all(&["set", "not", "null"]) {
            return Action::SetNotNull { column };
        }
        return Action::Other;
    }
    if c.eat("rename") {
        if c.eat("to") {
            return c.name().map_or(Action::Other, Action::RenameTo);
        }
        if c.peek_is("constraint") {
            return Action::Other;
        }
        c.eat("column");
        if let (Some(from), true, Some(to)) = (c.name(), c.eat("to"), c.name()) {
            return Action::RenameColumn { from, to };
        }
    }
    Action::Other
}

/// `add_column` reads `name type [constraints]` after `ADD [COLUMN] [IF NOT EXISTS]`.
fn add_column(mut c: Cursor) -> Action {
    let Some(column) = c.name() else {
        return Action::Other;
    };
    let rest = c.rest();
    let ty_tokens = type_tokens(rest);
    let ty = type_text(ty_tokens);
    let after = &rest[ty_tokens.len()..];
    let serial = [
        "serial",
        "bigserial",
        "smallserial",
        "serial4",
        "serial8",
        "serial2",
    ];
    Action::AddColumn {
        column,
        not_null: has_top(after, &["not", "null"]) || has_top(after, &["primary", "key"]),
        has_default: has_top(after, &["default"])
            || has_top(after, &["generated"])
            || serial.contains(&ty.as_str()),
        ty,
    }
}

/// `add_constraint` reads `[CONSTRAINT name] kind …` after `ADD`.
fn add_constraint(mut c: Cursor) -> Action {
    if c.eat("constraint") {
        c.name();
    }
    let kind = match c.next() {
        Some(t) if t.is("foreign") => Constraint::ForeignKey,
        Some(t) if t.is("check") => Constraint::Check,
        Some(t) if t.is("unique") => Constraint::Unique,
        Some(t) if t.is("primary") => Constraint::PrimaryKey,
        Some(t) if t.is("exclude") => Constraint::Exclude,
        _ => return Action::Other,
    };
    let rest = c.rest();
    Action::AddConstraint {
        kind,
        not_valid: has_top(rest, &["not", "valid"]),
        using_index: has_top(rest, &["using", "index"]),
    }
}

/// `name_list` reads `[IF EXISTS] a, b, …` up to `CASCADE`/`RESTRICT`.
fn name_list(mut c: Cursor) -> Vec<String> {
    c.eat_all(&["if", "exists"]);
    split_top(c.rest(), ',')
        .into_iter()
        .filter_map(|item| Cursor::new(item).name())
        .collect()
}

/// `type_tokens` is the leading part of `tokens` that spells a type: up to the first
/// top-level keyword that starts a constraint, default or cast.
fn type_tokens(tokens: &[Token]) -> &[Token] {
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => depth = depth.saturating_sub(1),
            _ if depth == 0 && TYPE_END.iter().any(|k| t.is(k)) => return &tokens[..i],
            _ => {}
        }
    }
    tokens
}

/// `type_text` spells type tokens compactly: `character varying(255)`, `numeric(10,2)`,
/// `text[]`, `public.ltree`.
pub(super) fn type_text(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut previous_word = false;
    for t in tokens {
        let (text, word) = match &t.kind {
            Kind::Word(w) | Kind::Quoted(w) => (w.as_str(), true),
            Kind::Number(n) => (n.as_str(), false),
            Kind::Punct(p) => {
                out.push(*p);
                previous_word = *p == ')';
                continue;
            }
            Kind::Op(op) => {
                out.push_str(op);
                previous_word = false;
                continue;
            }
            Kind::Str(_) | Kind::Dollar(_) | Kind::Param(_) => continue,
        };
        if previous_word && word {
            out.push(' ');
        }
        out.push_str(text);
        previous_word = word;
    }
    out
}

/// `split_top` splits at top-level `sep`.
fn split_top(tokens: &[Token], sep: char) -> Vec<&[Token]> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => depth = depth.saturating_sub(1),
            Kind::Punct(c) if c == sep && depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts.retain(|p| !p.is_empty());
    parts
}

/// `has_top` is true when `words` follow each other outside any parentheses in `tokens`.
fn has_top(tokens: &[Token], words: &[&str]) -> bool {
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                let following = &tokens[i..];
                if following.len() >= words.len()
                    && words.iter().zip(following).all(|(w, t)| t.is(w))
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// `Cursor` walks a statement's tokens.
struct Cursor<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(tokens: &'a [Token]) -> Self {
        Cursor { tokens, at: 0 }
    }

    fn next(&mut self) -> Option<&'a Token> {
        let token = self.tokens.get(self.at)?;
        self.at += 1;
        Some(token)
    }

    fn rest(&self) -> &'a [Token] {
        &self.tokens[self.at.min(self.tokens.len())..]
    }

    fn peek_is(&self, word: &str) -> bool {
        self.tokens.get(self.at).is_some_and(|t| t.is(word))
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.peek_is(word);
        if found {
            self.at += 1;
        }
        found
    }

    fn eat_any(&mut self, words: &[&str]) -> bool {
        words.iter().any(|w| self.eat(w))
    }

    /// `eat_all` takes `words` only when all of them come next.
    fn eat_all(&mut self, words: &[&str]) -> bool {
        let rest = self.rest();
        let found = rest.len() >= words.len() && words.iter().zip(rest).all(|(w, t)| t.is(w));
        if found {
            self.at += words.len();
        }
        found
    }

    fn eat_punct(&mut self, c: char) -> bool {
        let found = self.tokens.get(self.at).is_some_and(|t| t.is_punct(c));
        if found {
            self.at += 1;
        }
        found
    }

    /// `name` reads a possibly qualified name and returns its last part.
    fn name(&mut self) -> Option<String> {
        let mut name = self.next()?.name()?.to_owned();
        while self.eat_punct('.') {
            name = self.next()?.name()?.to_owned();
        }
        Some(name)
    }

    /// `parenthesized` reads `( … )` and returns what is inside.
    fn parenthesized(&mut self) -> Option<&'a [Token]> {
        if !self.eat_punct('(') {
            return None;
        }
        let start = self.at;
        let mut depth = 1usize;
        while let Some(t) = self.next() {
            match t.kind {
                Kind::Punct('(') => depth += 1,
                Kind::Punct(')') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&self.tokens[start..self.at - 1]);
                    }
                }
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::lexer::tokenize;

    fn p(sql: &str) -> Stmt {
        parse(&tokenize(sql))
    }

    #[test]
    fn sea_query_and_engine_spellings() {
        assert_eq!(
            p(
                r#"CREATE TABLE IF NOT EXISTS "public"."T" ( "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "n" varchar(255), "at" timestamp with time zone, x numeric(10, 2) CHECK (x > 0), CONSTRAINT "pk" PRIMARY KEY ("id") )"#
            ),
            Stmt::CreateTable {
                table: "T".into(),
                columns: vec![
                    ("id".into(), "uuid".into()),
                    ("n".into(), "varchar(255)".into()),
                    ("at".into(), "timestamp with time zone".into()),
                    ("x".into(), "numeric(10,2)".into()),
                ],
            }
        );
        assert_eq!(
            p(
                r#"ALTER TABLE "t" ADD CONSTRAINT "fk" FOREIGN KEY ("a") REFERENCES "u" ("id") ON DELETE CASCADE"#
            ),
            Stmt::AlterTable {
                table: "t".into(),
                actions: vec![Action::AddConstraint {
                    kind: Constraint::ForeignKey,
                    not_valid: false,
                    using_index: false,
                }],
            }
        );
        assert_eq!(
            p(
                r#"ALTER TABLE "t" DROP DEFAULT_X, ALTER COLUMN "c" TYPE character varying(20) USING "c"::character varying(20), ALTER "d" SET NOT NULL, ADD "e" int CHECK (e IS NOT NULL)"#
            ),
            Stmt::AlterTable {
                table: "t".into(),
                actions: vec![
                    Action::DropColumn {
                        column: "default_x".into()
                    },
                    Action::AlterType {
                        column: "c".into(),
                        ty: "character varying(20)".into()
                    },
                    Action::SetNotNull { column: "d".into() },
                    Action::AddColumn {
                        column: "e".into(),
                        ty: "int".into(),
                        not_null: false,
                        has_default: false
                    },
                ],
            }
        );
        assert_eq!(
            p(
                r#"create unique index concurrently if not exists "i" on only public.t using gist (path)"#
            ),
            Stmt::CreateIndex {
                table: "t".into(),
                concurrently: true
            }
        );
        assert_eq!(
            p(r#"CREATE TYPE "e" AS ENUM ('a', 'b''c')"#),
            Stmt::CreateEnum {
                name: "e".into(),
                labels: vec!["a".into(), "b'c".into()]
            }
        );
        assert_eq!(
            p(r#"DROP TABLE IF EXISTS "a", b CASCADE"#),
            Stmt::DropTable {
                tables: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(p("COMMENT ON TABLE t IS 'drop table x'"), Stmt::Other);
    }
}
