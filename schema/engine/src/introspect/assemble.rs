//! `assemble`: building the tables of a schema from catalog rows that arrive per kind of
//! object (all columns, then all constraints, …), shared by the catalog-query introspectors,
//! and reading what their catalogs report the same way.

use crate::model::Table;

/// `table_mut` finds a table in `tables`, which is sorted by name: each row of a bulk query
/// names its table, and a binary search keeps assembling linear in the rows.
pub(super) fn table_mut<'t>(tables: &'t mut [Table], name: &str) -> Option<&'t mut Table> {
    let at = tables
        .binary_search_by(|t| t.name.as_str().cmp(name))
        .ok()?;
    tables.get_mut(at)
}

/// `empty_table` is a table as its first query reports it: a name and a comment, the rest
/// filled in by the queries that follow.
pub(super) fn empty_table(name: String, comment: Option<String>) -> Table {
    Table {
        name,
        columns: Vec::new(),
        primary_key: None,
        uniques: Vec::new(),
        foreign_keys: Vec::new(),
        indexes: Vec::new(),
        checks: Vec::new(),
        comment,
        renamed_from: None,
    }
}

/// `is_number` is true for a plain numeric literal as a catalog reports a default: `0`, `-1`,
/// `1.50`, `2e10`.
pub(super) fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty()
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}
