//! How a live table looks once PostgreSQL has applied the declared renames.
//!
//! PostgreSQL follows a renamed table or column everywhere: keys, indexes, foreign keys in other
//! tables, and the text of CHECK, index, default and generated expressions. The comparison
//! must see the live table the same way, or it plans a drop and re-creation of every object
//! that mentions a renamed column, and `down()` would re-create them with the old name before
//! the column is renamed back.

use super::Renames;
use crate::model::{IndexKey, Schema, SqlExpr, Table};

/// `renamed_view` is `existing` under `new_name`, with renamed columns and tables replaced
/// wherever PostgreSQL would replace them.
pub(super) fn renamed_view(
    existing: &Table,
    new_name: &str,
    live: &Schema,
    renames: &Renames,
) -> Table {
    let mut table = existing.clone();
    table.name = new_name.to_owned();
    let renamed: Vec<(&str, &str)> = renames
        .columns
        .iter()
        .filter(|((t, _), _)| t == new_name)
        .map(|((_, new), old)| (old.as_str(), new.as_str()))
        .collect();
    let column = |name: &str| -> String {
        renamed
            .iter()
            .find(|(old, _)| *old == name)
            .map_or(name.to_owned(), |(_, new)| new.to_string())
    };
    let expr = |e: &SqlExpr| {
        e.map(|text| {
            renamed.iter().fold(text.to_owned(), |t, (old, new)| {
                rename_identifier(&t, old, new)
            })
        })
    };
    let columns = |cols: &mut Vec<String>| cols.iter_mut().for_each(|c| *c = column(c));
    if let Some(pk) = &mut table.primary_key {
        columns(&mut pk.columns);
    }
    for u in &mut table.uniques {
        columns(&mut u.columns);
    }
    for check in &mut table.checks {
        check.expr = expr(&check.expr);
    }
    for c in &mut table.columns {
        c.generated = c.generated.as_ref().map(expr);
    }
    for index in &mut table.indexes {
        index.predicate = index.predicate.as_ref().map(expr);
        for part in &mut index.parts {
            part.key = match &part.key {
                IndexKey::Column(c) => IndexKey::Column(column(c)),
                IndexKey::Expr(e) => IndexKey::Expr(expr(e)),
            };
        }
    }
    for fk in &mut table.foreign_keys {
        columns(&mut fk.columns);
        let target = renames
            .tables
            .iter()
            .find(|(_, old)| **old == fk.ref_table && live.table(&fk.ref_table).is_some())
            .map_or(fk.ref_table.clone(), |(new, _)| new.clone());
        let target_columns: Vec<(String, String)> = renames
            .columns
            .iter()
            .filter(|((t, _), _)| *t == target)
            .map(|((_, new), old)| (old.clone(), new.clone()))
            .collect();
        for c in &mut fk.ref_columns {
            if let Some((_, new)) = target_columns.iter().find(|(old, _)| old == c) {
                *c = new.clone();
            }
        }
        fk.ref_table = target;
    }
    table
}

/// `rename_identifier` replaces the identifier `old` by `new` in SQL text as PostgreSQL
/// prints it: whole words only, or the quoted `"old"`, never inside a string literal.
pub(super) fn rename_identifier(sql: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut previous: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if c == '\'' {
            // Copy a string literal whole ('' is an escaped quote inside it).
            let end = literal_end(rest);
            out.push_str(&rest[..end]);
            previous = Some('\'');
            rest = &rest[end..];
            continue;
        }
        let quoted = format!("\"{old}\"");
        if rest.starts_with(&quoted) {
            out.push_str(&crate::sql::ident(new));
            rest = &rest[quoted.len()..];
            previous = Some('"');
            continue;
        }
        let boundary_before = previous.is_none_or(|p| !word(p) && p != '"' && p != '.');
        if boundary_before && rest.starts_with(old) && !rest[old.len()..].starts_with(word) {
            out.push_str(new);
            rest = &rest[old.len()..];
            previous = new.chars().last();
            continue;
        }
        out.push(c);
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `literal_end` is the byte length of the string literal at the start of `text`.
fn literal_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::rename_identifier;

    #[test]
    fn only_whole_identifiers_outside_literals_are_renamed() {
        assert_eq!(
            rename_identifier("(length((fullname)::text) > 0)", "fullname", "full_name"),
            "(length((full_name)::text) > 0)"
        );
        assert_eq!(
            rename_identifier("fullname_x = 'fullname'", "fullname", "n"),
            "fullname_x = 'fullname'"
        );
        assert_eq!(
            rename_identifier("lower(\"fullname\")", "fullname", "full_name"),
            "lower(\"full_name\")"
        );
        assert_eq!(
            rename_identifier("x = 'it''s fullname' OR fullname", "fullname", "n"),
            "x = 'it''s fullname' OR n"
        );
        assert_eq!(
            rename_identifier("t.fullname", "fullname", "n"),
            "t.fullname",
            "qualified names belong to another table"
        );
    }
}
