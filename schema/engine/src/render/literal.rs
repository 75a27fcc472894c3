//! Rust string literals for SQL text.

/// `str_lit` is `s` as a Rust string literal: a plain one when that needs no escapes,
/// a raw one (`r#"…"#`) otherwise.
pub(super) fn str_lit(s: &str) -> String {
    if !s.contains(['"', '\\', '\n']) {
        return format!("\"{s}\"");
    }
    let mut hashes = String::from("#");
    while s.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{s}\"{hashes}")
}

#[cfg(test)]
mod tests {
    use super::str_lit;

    #[test]
    fn literals_need_no_escapes() {
        assert_eq!(str_lit("now()"), "\"now()\"");
        assert_eq!(str_lit("a \"b\""), "r#\"a \"b\"\"#");
        assert_eq!(str_lit("x \"# y"), "r##\"x \"# y\"##");
    }
}
