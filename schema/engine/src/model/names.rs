//! Constraint and index names, computed with PostgreSQL's own rules.
//!
//! PostgreSQL truncates identifiers to 63 bytes. When it invents a name (`<table>_<cols>_fkey`,
//! `<table>_pkey`, …) it shortens the longer of the two parts until the name fits
//! (`makeObjectName` in the server). Computing the same names here means the engine never
//! relies on the database to invent one, and a desired name always compares equal to the
//! stored one.

/// `MAX_IDENTIFIER_BYTES` is `NAMEDATALEN - 1`.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// `truncate_identifier` is `name` as PostgreSQL stores it: at most 63 bytes, cut on a
/// character boundary.
pub fn truncate_identifier(name: &str) -> String {
    clip(name, MAX_IDENTIFIER_BYTES).to_owned()
}

/// `make_object_name` builds `name1[_name2]_label` the way PostgreSQL does, shortening the
/// longer of `name1` and `name2` (byte-wise, on character boundaries) until it fits 63 bytes.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead = label.len() + 1 + usize::from(name2.is_some());
    let avail = MAX_IDENTIFIER_BYTES - overhead;
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = clip(name1, n1).to_owned();
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(clip(name2, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

/// `clip` cuts `s` to at most `bytes` bytes without splitting a character.
fn clip(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `primary_key_name` is PostgreSQL's name for an unnamed primary key.
pub fn primary_key_name(table: &str) -> String {
    make_object_name(table, None, "pkey")
}

/// `unique_name` is PostgreSQL's name for an unnamed UNIQUE constraint.
pub fn unique_name(table: &str, columns: &[String]) -> String {
    make_object_name(table, Some(&columns.join("_")), "key")
}

/// `foreign_key_name` is PostgreSQL's name for an unnamed foreign key.
pub fn foreign_key_name(table: &str, columns: &[String]) -> String {
    make_object_name(table, Some(&columns.join("_")), "fkey")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_joined() {
        assert_eq!(primary_key_name("user"), "user_pkey");
        assert_eq!(unique_name("user", &["email".into()]), "user_email_key");
        assert_eq!(
            foreign_key_name(
                "course_content",
                &["course_id".into(), "course_content_type_id".into()]
            ),
            "course_content_course_id_course_content_type_id_fkey"
        );
    }

    #[test]
    fn the_longest_reference_name_fits_untouched() {
        let name = foreign_key_name(
            "course_submission_group_member",
            &["course_submission_group_id".into()],
        );
        assert_eq!(
            name,
            "course_submission_group_member_course_submission_group_id_fkey"
        );
        assert_eq!(name.len(), 62);
    }

    #[test]
    fn long_names_are_truncated_like_postgres() {
        // What PostgreSQL 15 named it for CREATE TABLE a_very_long_table_name_that_goes_on_and_on_forever_x
        //   (a_rather_long_column_name_as_well int PRIMARY KEY REFERENCES …)
        let table = "a_very_long_table_name_that_goes_on_and_on_forever_x";
        let name = foreign_key_name(table, &["a_rather_long_column_name_as_well".into()]);
        assert_eq!(name.len(), 63);
        assert_eq!(
            name,
            "a_very_long_table_name_that_g_a_rather_long_column_name_as_fkey"
        );
        assert_eq!(
            make_object_name("ü".repeat(40).as_str(), None, "pkey"),
            format!("{}_pkey", "ü".repeat(29))
        );
        assert_eq!(truncate_identifier(&"x".repeat(70)), "x".repeat(63));
        assert_eq!(
            truncate_identifier(&format!("{}é", "x".repeat(62))),
            "x".repeat(62)
        );
    }
}
