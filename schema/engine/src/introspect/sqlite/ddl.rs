//! What only the stored CREATE statements know: constraint names, CHECK, generated-column,
//! index-key and index-predicate expressions.
//!
//! SQLite keeps every `CREATE TABLE` / `CREATE INDEX` as its author wrote it
//! (`sqlite_master.sql`), while its pragmas report only columns and flags. The text is read
//! with the shared lexer ([`crate::sql::lexer`]); SQLite's own lexical rules differ in three
//! places, which [`mask`] evens out before lexing: `[bracketed]` and `` `backtick` ``
//! identifiers, and block comments that do not nest. Every expression is returned as the
//! exact text between its tokens, so what SQLite stored is what the model gets.

use std::ops::Range;

use crate::sql::lexer::{Kind, Token, tokenize};

/// `TableDdl` is what a `CREATE TABLE` statement names and writes that no pragma reports.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct TableDdl {
    pub columns: Vec<ColumnDdl>,
    /// The name of the primary key, when written as `CONSTRAINT name PRIMARY KEY`.
    pub primary_key_name: Option<String>,
    pub uniques: Vec<UniqueDdl>,
    pub foreign_keys: Vec<ForeignKeyDdl>,
    pub checks: Vec<CheckDdl>,
    /// `WITHOUT ROWID`: the primary key columns are NOT NULL whether written so or not.
    pub without_rowid: bool,
}

/// `ColumnDdl` is a column definition: its name and, for a generated column, its expression.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ColumnDdl {
    pub name: String,
    pub generated: Option<String>,
}

/// `UniqueDdl` is a UNIQUE constraint (table or column level), named when written so.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct UniqueDdl {
    pub name: Option<String>,
    pub columns: Vec<String>,
}

/// `ForeignKeyDdl` is a foreign key (`FOREIGN KEY` or a column's `REFERENCES`); `ref_columns`
/// is empty when the clause names none (it then means the referenced primary key).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ForeignKeyDdl {
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
}

/// `CheckDdl` is a CHECK constraint: its name if written, its column for a column-level
/// one, and the expression without `CHECK ( )`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct CheckDdl {
    pub name: Option<String>,
    pub column: Option<String>,
    pub expr: String,
}

/// `IndexDdl` is what a `CREATE INDEX` statement writes: each key part's text (without
/// `ASC`/`DESC`), in key order, and the `WHERE` predicate of a partial index.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct IndexDdl {
    pub parts: Vec<String>,
    pub predicate: Option<String>,
}

/// `Lexed` is a stored statement and its tokens (lexed from the [`mask`]ed text, whose byte
/// offsets are the original's).
struct Lexed<'a> {
    text: &'a str,
    tokens: Vec<Token>,
}

impl<'a> Lexed<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            tokens: tokenize(&mask(text)),
        }
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is(word))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// `name` is the identifier token `i` names, as SQLite reads it: an unquoted word keeps
    /// its case (SQLite does not fold), a quoted one (`"…"`, `[…]`, `` `…` ``, or the `'…'`
    /// SQLite also accepts where a name is expected) is unescaped.
    fn name(&self, i: usize) -> Option<String> {
        let token = self.tokens.get(i)?;
        let raw = &self.text[token.start..token.end];
        match &token.kind {
            Kind::Word(_) => Some(raw.to_owned()),
            Kind::Quoted(unescaped) => Some(match raw.as_bytes()[0] {
                b'[' => raw[1..raw.len() - 1].to_owned(),
                b'`' => raw[1..raw.len() - 1].replace("``", "`"),
                _ => unescaped.clone(),
            }),
            Kind::Str(value) if raw.starts_with('\'') => Some(value.clone()),
            _ => None,
        }
    }

    /// `close` is the index of the `)` matching the `(` at `open`, or the end.
    fn close(&self, open: usize) -> usize {
        let mut depth = 0usize;
        for (i, t) in self.tokens.iter().enumerate().skip(open) {
            if t.is_punct('(') {
                depth += 1;
            } else if t.is_punct(')') {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
        }
        self.len()
    }

    /// `after` is the index after the token at `i`, or after its parenthesized group when it
    /// opens one.
    fn after(&self, i: usize) -> usize {
        if self.is_punct(i, '(') {
            self.close(i) + 1
        } else {
            i + 1
        }
    }

    /// `split` cuts `range` at its top-level commas.
    fn split(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let (mut start, mut i) = (range.start, range.start);
        while i < range.end {
            if self.is_punct(i, ',') {
                out.push(start..i);
                start = i + 1;
                i += 1;
            } else {
                i = self.after(i).min(range.end);
            }
        }
        if start < range.end {
            out.push(start..range.end);
        }
        out
    }

    /// `group` is the token range inside the parentheses opening at `open` and the index after
    /// them; `None` when no `(` is there.
    fn group(&self, open: usize) -> Option<(Range<usize>, usize)> {
        self.is_punct(open, '(').then(|| {
            let close = self.close(open);
            (open + 1..close, close + 1)
        })
    }

    /// `names` reads a parenthesized column list (`(a, "b" DESC, c COLLATE x)`): the first
    /// name of each item.
    fn names(&self, range: Range<usize>) -> Vec<String> {
        self.split(range)
            .into_iter()
            .filter_map(|item| self.name(item.start))
            .collect()
    }

    /// `expr` is the text of the tokens in `range` without parentheses around the whole.
    fn expr(&self, mut range: Range<usize>) -> String {
        while range.len() >= 2
            && self.is_punct(range.start, '(')
            && self.close(range.start) == range.end - 1
        {
            range = range.start + 1..range.end - 1;
        }
        if range.is_empty() {
            return String::new();
        }
        let start = self.tokens[range.start].start;
        let end = self.tokens[range.end - 1].end;
        self.text[start..end].to_owned()
    }
}

/// `mask` is `sql` with the same byte length and offsets, lexed the way SQLite reads it:
/// `[name]` and `` `name` `` become `"name"` (a `"` inside becomes `_`; names are read back
/// from the original text) and comments become spaces, since SQLite's block comments do not
/// nest where PostgreSQL's do.
fn mask(sql: &str) -> String {
    let bytes = sql.as_bytes();
    let mut out = bytes.to_vec();
    let find = |from: usize, pat: &[u8]| {
        (from..bytes.len())
            .find(|&k| bytes[k..].starts_with(pat))
            .unwrap_or(bytes.len())
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"') => {
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == quote && bytes.get(i + 1) == Some(&quote) {
                        i += 2;
                    } else if bytes[i] == quote {
                        break;
                    } else {
                        i += 1;
                    }
                }
                i += 1;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                let end = find(i, b"\n");
                out[i..end].fill(b' ');
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = (find(i + 2, b"*/") + 2).min(bytes.len());
                out[i..end].fill(b' ');
                i = end;
            }
            open @ (b'[' | b'`') => {
                let close = if open == b'[' { b']' } else { b'`' };
                let mut end = i + 1;
                while end < bytes.len() {
                    if open == b'`' && bytes[end] == b'`' && bytes.get(end + 1) == Some(&b'`') {
                        end += 2;
                    } else if bytes[end] == close {
                        break;
                    } else {
                        end += 1;
                    }
                }
                out[i] = b'"';
                for b in &mut out[i + 1..end.min(bytes.len())] {
                    if *b == b'"' {
                        *b = b'_';
                    }
                }
                if end < bytes.len() {
                    out[end] = b'"';
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced, by ASCII bytes, and comments as a whole.
    String::from_utf8(out).unwrap_or_else(|_| sql.to_owned())
}

/// Keywords that start a table constraint in a `CREATE TABLE` body.
const TABLE_CONSTRAINT: &[&str] = &["constraint", "primary", "unique", "check", "foreign"];

/// `parse_create_table` reads a stored `CREATE TABLE` statement; `None` for one without a
/// column list (`CREATE TABLE … AS SELECT`, which SQLite stores as plain columns anyway).
pub(super) fn parse_create_table(sql: &str) -> Option<TableDdl> {
    let lexed = Lexed::new(sql);
    let open = (0..lexed.len()).find(|&i| lexed.is_punct(i, '(') || lexed.is(i, "as"))?;
    let (body, after) = lexed.group(open)?;
    let mut table = TableDdl {
        without_rowid: (after..lexed.len())
            .any(|i| lexed.is(i, "without") && lexed.is(i + 1, "rowid")),
        ..TableDdl::default()
    };
    for item in lexed.split(body) {
        if TABLE_CONSTRAINT.iter().any(|w| lexed.is(item.start, w)) {
            table_constraint(&lexed, item, &mut table);
        } else if let Some(name) = lexed.name(item.start) {
            column(&lexed, name, item.start + 1..item.end, &mut table);
        }
    }
    Some(table)
}

/// `column` reads the type and constraints of column `name` (tokens `range`).
fn column(lexed: &Lexed, name: String, range: Range<usize>, table: &mut TableDdl) {
    let mut generated = None;
    let mut pending: Option<String> = None;
    let mut i = range.start;
    while i < range.end {
        if lexed.is(i, "constraint") {
            pending = lexed.name(i + 1);
            i += 2;
        } else if lexed.is(i, "primary") {
            table.primary_key_name = pending.take();
            i += 1;
        } else if lexed.is(i, "unique") {
            table.uniques.push(UniqueDdl {
                name: pending.take(),
                columns: vec![name.clone()],
            });
            i += 1;
        } else if lexed.is(i, "check") {
            let Some((inner, next)) = lexed.group(i + 1) else {
                break;
            };
            table.checks.push(CheckDdl {
                name: pending.take(),
                column: Some(name.clone()),
                expr: lexed.expr(inner),
            });
            i = next;
        } else if lexed.is(i, "references") {
            let (fk, next) = references(lexed, i + 1, pending.take(), vec![name.clone()]);
            table.foreign_keys.extend(fk);
            i = next;
        } else if lexed.is(i, "as") {
            // `[GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]`
            let Some((inner, next)) = lexed.group(i + 1) else {
                break;
            };
            generated = Some(lexed.expr(inner));
            pending = None;
            i = next;
        } else if lexed.is(i, "default") {
            // `DEFAULT literal`, `DEFAULT -1`, `DEFAULT (expr)`: skipped, the pragma reads it.
            pending = None;
            let value = i + 1;
            let signed = lexed.is_punct(value, '-') || lexed.is_punct(value, '+');
            i = lexed.after(value + usize::from(signed));
        } else {
            // A name written for a NOT NULL, NULL or COLLATE constraint names nothing here.
            if ["not", "null", "collate"].iter().any(|w| lexed.is(i, w)) {
                pending = None;
            }
            i = lexed.after(i);
        }
    }
    table.columns.push(ColumnDdl { name, generated });
}

/// `table_constraint` reads one table constraint (tokens `range`).
fn table_constraint(lexed: &Lexed, range: Range<usize>, table: &mut TableDdl) {
    let mut name = None;
    let mut i = range.start;
    if lexed.is(i, "constraint") {
        name = lexed.name(i + 1);
        i += 2;
    }
    if lexed.is(i, "primary") {
        table.primary_key_name = name;
    } else if lexed.is(i, "unique") {
        if let Some((cols, _)) = lexed.group(i + 1) {
            table.uniques.push(UniqueDdl {
                name,
                columns: lexed.names(cols),
            });
        }
    } else if lexed.is(i, "check") {
        if let Some((inner, _)) = lexed.group(i + 1) {
            table.checks.push(CheckDdl {
                name,
                column: None,
                expr: lexed.expr(inner),
            });
        }
    } else if lexed.is(i, "foreign")
        && lexed.is(i + 1, "key")
        && let Some((cols, next)) = lexed.group(i + 2)
        && lexed.is(next, "references")
    {
        let (fk, _) = references(lexed, next + 1, name, lexed.names(cols));
        table.foreign_keys.extend(fk);
    }
}

/// `references` reads `table [(columns)]` and the clauses after it (actions, `MATCH`,
/// deferrability) from token `i`, returning the foreign key and the index after the clause.
fn references(
    lexed: &Lexed,
    i: usize,
    name: Option<String>,
    columns: Vec<String>,
) -> (Option<ForeignKeyDdl>, usize) {
    let Some(ref_table) = lexed.name(i) else {
        return (None, i);
    };
    let mut next = i + 1;
    let mut ref_columns = Vec::new();
    if let Some((cols, after)) = lexed.group(next) {
        ref_columns = lexed.names(cols);
        next = after;
    }
    loop {
        if lexed.is(next, "on") {
            // ON DELETE|UPDATE SET NULL|SET DEFAULT|CASCADE|RESTRICT|NO ACTION
            let two_words = lexed.is(next + 2, "set") || lexed.is(next + 2, "no");
            next += if two_words { 4 } else { 3 };
        } else if lexed.is(next, "match") {
            next += 2;
        } else if lexed.is(next, "deferrable")
            || (lexed.is(next, "not") && lexed.is(next + 1, "deferrable"))
        {
            next += if lexed.is(next, "not") { 2 } else { 1 };
            if lexed.is(next, "initially") {
                next += 2;
            }
        } else {
            break;
        }
    }
    let fk = ForeignKeyDdl {
        name,
        columns,
        ref_table,
        ref_columns,
    };
    (Some(fk), next)
}

/// `parse_create_index` reads a stored `CREATE [UNIQUE] INDEX … ON table (parts) [WHERE …]`.
pub(super) fn parse_create_index(sql: &str) -> Option<IndexDdl> {
    let lexed = Lexed::new(sql);
    let on = (0..lexed.len()).find(|&i| lexed.is(i, "on"))?;
    let (parts, next) = lexed.group(on + 2)?;
    let parts = lexed
        .split(parts)
        .into_iter()
        .map(|mut part| {
            if lexed.is(part.end - 1, "asc") || lexed.is(part.end - 1, "desc") {
                part.end -= 1;
            }
            lexed.expr(part)
        })
        .collect();
    let predicate = lexed
        .is(next, "where")
        .then(|| lexed.expr(next + 1..lexed.len()))
        .filter(|p| !p.is_empty());
    Some(IndexDdl { parts, predicate })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn masking_keeps_offsets_and_reads_sqlite_quotes() {
        let sql = "a [b \"c] `d``e` /* /* */ f -- g\n'h[i]'";
        let masked = mask(sql);
        assert_eq!(masked.len(), sql.len());
        let spaces = |n| " ".repeat(n);
        assert_eq!(
            masked,
            format!("a \"b _c\" \"d``e\" {} f {}\n'h[i]'", spaces(8), spaces(4))
        );
        let lexed = Lexed::new(sql);
        let read: Vec<_> = (0..lexed.len()).map(|i| lexed.name(i)).collect();
        assert_eq!(
            read,
            vec![
                Some("a".into()),
                Some("b \"c".into()),
                Some("d`e".into()),
                Some("f".into()),
                Some("h[i]".into())
            ]
        );
    }

    #[test]
    fn unquoted_names_keep_their_case() {
        let t = parse_create_table("CREATE TABLE T (MixedCase INT, \"Quoted \"\"x\"\"\" TEXT)")
            .unwrap();
        assert_eq!(t.columns[0].name, "MixedCase");
        assert_eq!(t.columns[1].name, "Quoted \"x\"");
    }

    #[test]
    fn the_ctutor_style_table_as_sea_query_writes_it() {
        let sql = r#"CREATE TABLE "user_group" ( "user_id" uuid_text NOT NULL, "group_id" uuid_text NOT NULL, "transient" boolean NULL DEFAULT FALSE, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT (CURRENT_TIMESTAMP), CONSTRAINT "user_group_pkey" PRIMARY KEY ("user_id", "group_id"), CONSTRAINT "u_key" UNIQUE ("group_id"), FOREIGN KEY ("group_id") REFERENCES "group" ("id") ON DELETE RESTRICT ON UPDATE CASCADE, FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION )"#;
        let t = parse_create_table(sql).unwrap();
        let cols: Vec<_> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(cols, ["user_id", "group_id", "transient", "created_at"]);
        assert!(t.columns.iter().all(|c| c.generated.is_none()));
        assert_eq!(t.primary_key_name.as_deref(), Some("user_group_pkey"));
        assert_eq!(
            t.uniques,
            vec![UniqueDdl {
                name: Some("u_key".into()),
                columns: names(&["group_id"])
            }]
        );
        assert_eq!(
            t.foreign_keys,
            vec![
                ForeignKeyDdl {
                    name: None,
                    columns: names(&["group_id"]),
                    ref_table: "group".into(),
                    ref_columns: names(&["id"]),
                },
                ForeignKeyDdl {
                    name: None,
                    columns: names(&["user_id"]),
                    ref_table: "user".into(),
                    ref_columns: names(&["id"]),
                }
            ]
        );
        assert!(t.checks.is_empty());
        assert!(!t.without_rowid);
    }

    #[test]
    fn column_constraints_checks_and_generated_columns() {
        let sql = "CREATE TABLE [my table] (
            id INTEGER CONSTRAINT my_pk PRIMARY KEY AUTOINCREMENT,
            price NUMERIC(10, 2) NOT NULL DEFAULT -1 CHECK (price > 0) CONSTRAINT \"cap\" CHECK ((price < 100)),
            total INT GENERATED ALWAYS AS (price * 2) STORED,
            label TEXT AS (upper(`name`)) VIRTUAL CONSTRAINT lbl UNIQUE,
            owner INT CONSTRAINT owner_fk REFERENCES people ON DELETE SET DEFAULT CHECK (owner <> 0),
            `name` TEXT DEFAULT 'a,b(' COLLATE NOCASE, -- a comment, with (
            CONSTRAINT both CHECK (price < total), CHECK(1)
        ) WITHOUT ROWID";
        let t = parse_create_table(sql).unwrap();
        let generated: Vec<_> = t
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.generated.as_deref()))
            .collect();
        assert_eq!(
            generated,
            [
                ("id", None),
                ("price", None),
                ("total", Some("price * 2")),
                ("label", Some("upper(`name`)")),
                ("owner", None),
                ("name", None)
            ]
        );
        assert_eq!(t.primary_key_name.as_deref(), Some("my_pk"));
        assert!(t.without_rowid);
        assert_eq!(
            t.uniques,
            vec![UniqueDdl {
                name: Some("lbl".into()),
                columns: names(&["label"])
            }]
        );
        assert_eq!(
            t.foreign_keys,
            vec![ForeignKeyDdl {
                name: Some("owner_fk".into()),
                columns: names(&["owner"]),
                ref_table: "people".into(),
                ref_columns: vec![],
            }]
        );
        let check = |name: Option<&str>, column: Option<&str>, expr: &str| CheckDdl {
            name: name.map(str::to_owned),
            column: column.map(str::to_owned),
            expr: expr.to_owned(),
        };
        assert_eq!(
            t.checks,
            vec![
                check(None, Some("price"), "price > 0"),
                check(Some("cap"), Some("price"), "price < 100"),
                check(None, Some("owner"), "owner <> 0"),
                check(Some("both"), None, "price < total"),
                check(None, None, "1"),
            ]
        );
    }

    #[test]
    fn a_name_given_to_not_null_does_not_name_the_next_constraint() {
        let sql = "CREATE TABLE t (a INT CONSTRAINT nn NOT NULL CHECK (a > 0) UNIQUE ON CONFLICT IGNORE, \
                   b TEXT CONSTRAINT c COLLATE NOCASE REFERENCES p(x) ON UPDATE SET DEFAULT CHECK (b <> ''))";
        let t = parse_create_table(sql).unwrap();
        let check_names: Vec<_> = t.checks.iter().map(|c| c.name.clone()).collect();
        assert_eq!(check_names, [None, None]);
        assert_eq!(t.checks[1].expr, "b <> ''");
        assert_eq!(t.uniques[0].name, None);
        assert_eq!(t.foreign_keys[0].name, None);
        assert_eq!(t.foreign_keys[0].ref_columns, names(&["x"]));
    }

    #[test]
    fn table_foreign_keys_with_every_clause() {
        let sql = "CREATE TABLE c (a, b, CONSTRAINT \"fk ab\" FOREIGN KEY (a, b) REFERENCES p (x, y) ON DELETE CASCADE ON UPDATE SET NULL MATCH SIMPLE NOT DEFERRABLE INITIALLY IMMEDIATE, FOREIGN KEY (b) REFERENCES [p 2])";
        let t = parse_create_table(sql).unwrap();
        assert_eq!(t.columns.len(), 2);
        assert_eq!(
            t.foreign_keys,
            vec![
                ForeignKeyDdl {
                    name: Some("fk ab".into()),
                    columns: names(&["a", "b"]),
                    ref_table: "p".into(),
                    ref_columns: names(&["x", "y"]),
                },
                ForeignKeyDdl {
                    name: None,
                    columns: names(&["b"]),
                    ref_table: "p 2".into(),
                    ref_columns: vec![],
                }
            ]
        );
        assert_eq!(t.primary_key_name, None);
    }

    #[test]
    fn indexes_with_expressions_order_and_predicate() {
        let i = parse_create_index(
            "CREATE UNIQUE INDEX IF NOT EXISTS \"ix\" ON [t] (lower(\"b\") DESC, c COLLATE NOCASE ASC, (c + 1), d) WHERE (c > 0 AND d IS NOT NULL)",
        )
        .unwrap();
        assert_eq!(
            i.parts,
            names(&["lower(\"b\")", "c COLLATE NOCASE", "c + 1", "d"])
        );
        assert_eq!(i.predicate.as_deref(), Some("c > 0 AND d IS NOT NULL"));
        let plain = parse_create_index("CREATE INDEX \"i\" ON \"t\" (\"a\")").unwrap();
        assert_eq!(plain.parts, names(&["\"a\""]));
        assert_eq!(plain.predicate, None);
    }

    #[test]
    fn a_table_without_column_list_reads_as_none() {
        assert_eq!(parse_create_table("CREATE TABLE t AS SELECT 1 AS x"), None);
    }
}
