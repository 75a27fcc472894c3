//! A CHECK clause as MySQL/MariaDB reports it, spelled back the way the entities write it.

/// `plain_spelling` is `clause` with its backquoted column names unquoted where the name
/// needs no quotes (lower case letters, digits and `_`), so a CHECK read from MySQL/MariaDB
/// (`` `stock` < 100000 ``) is the portable expression it was made from (`stock < 100000`)
/// and a migration can add it again on every backend. Other names keep their quotes, which
/// makes the expression not portable: it is MySQL/MariaDB's only.
pub fn plain_spelling(clause: &str) -> String {
    let mut out = String::with_capacity(clause.len());
    let mut chars = clause.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                out.push(c);
                // A string, copied as is: `''` and `\'` do not end it.
                while let Some(s) = chars.next() {
                    out.push(s);
                    match s {
                        '\\' => out.extend(chars.next()),
                        '\'' if chars.peek() == Some(&'\'') => out.extend(chars.next()),
                        '\'' => break,
                        _ => {}
                    }
                }
            }
            '`' => {
                let mut name = String::new();
                while let Some(n) = chars.next() {
                    match n {
                        '`' if chars.peek() == Some(&'`') => name.push(chars.next().unwrap_or('`')),
                        '`' => break,
                        _ => name.push(n),
                    }
                }
                if needs_no_quotes(&name) {
                    out.push_str(&name);
                } else {
                    out.push('`');
                    out.push_str(&name.replace('`', "``"));
                    out.push('`');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn needs_no_quotes(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::plain_spelling;

    #[test]
    fn simple_names_lose_their_backquotes() {
        assert_eq!(plain_spelling("`stock` < 100000"), "stock < 100000");
        assert_eq!(
            plain_spelling("`status` in ('a`b','it''s','x\\'y')"),
            "status in ('a`b','it''s','x\\'y')"
        );
        assert_eq!(plain_spelling("`Mixed` > 0"), "`Mixed` > 0");
        assert_eq!(plain_spelling("`a``b` > 0"), "`a``b` > 0");
    }
}
