//! `tokens`: SQL text as words, quoted identifiers, literals and punctuation.
//!
//! A hand-written tokenizer rather than an SQL parser crate: the lint rules look at the head of
//! a handful of DDL statements, and this is enough for the SQL sea-query and the engine write
//! and for ordinary hand-written migrations. It knows the lexical rules that would otherwise
//! make it see keywords where there are none: quoted identifiers (`"a ""b"""`), string
//! literals (`'it''s'`, `E'\''`), dollar quoting (`$body$ … $body$`) and comments.

/// `Kind` is what a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// An unquoted word (keyword or identifier), lower-cased as PostgreSQL folds it.
    Word(String),
    /// A `"quoted"` identifier, unescaped, case kept.
    Quoted(String),
    /// A string literal, unescaped.
    Str(String),
    /// A number.
    Number(String),
    /// A dollar-quoted body or a `$1` parameter: never a keyword.
    Opaque,
    /// Any other single character: `(`, `)`, `,`, `;`, `.`, operators.
    Punct(char),
}

/// `Token` is a token and where it is in the text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// `is` is true for the unquoted keyword `word` (lower case).
    pub fn is(&self, word: &str) -> bool {
        matches!(&self.kind, Kind::Word(w) if w == word)
    }

    /// `is_punct` is true for the character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// `name` is the identifier a word or quoted identifier names.
    pub fn name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word(w) | Kind::Quoted(w) => Some(w),
            _ => None,
        }
    }
}

/// `statements` splits `sql` into statements at top-level `;`, each as its tokens and text.
pub(super) fn statements(sql: &str) -> Vec<(Vec<Token>, &str)> {
    let mut out = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let mut depth = 0usize;
    for token in tokenize(sql) {
        match token.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => depth = depth.saturating_sub(1),
            Kind::Punct(';') if depth == 0 => {
                flush(sql, &mut current, &mut out);
                continue;
            }
            _ => {}
        }
        current.push(token);
    }
    flush(sql, &mut current, &mut out);
    out
}

/// `flush` moves the tokens gathered so far, with their text, into `out`.
fn flush<'a>(sql: &'a str, current: &mut Vec<Token>, out: &mut Vec<(Vec<Token>, &'a str)>) {
    if let (Some(first), Some(last)) = (current.first(), current.last()) {
        let text = &sql[first.start..last.end];
        out.push((std::mem::take(current), text));
    }
}

/// `tokenize` reads every token of `sql`, skipping white space and comments.
pub(super) fn tokenize(sql: &str) -> Vec<Token> {
    let bytes = sql.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let kind = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if sql[i..].starts_with("--") {
            i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
            continue;
        } else if sql[i..].starts_with("/*") {
            i = block_comment_end(sql, i);
            continue;
        } else if (c == b'e' || c == b'E') && bytes.get(i + 1) == Some(&b'\'') {
            let (text, end) = string_literal(sql, i + 1, true);
            i = end;
            Kind::Str(text)
        } else if c == b'\'' {
            let (text, end) = string_literal(sql, i, false);
            i = end;
            Kind::Str(text)
        } else if c == b'"' {
            let (text, end) = quoted_identifier(sql, i);
            i = end;
            Kind::Quoted(text)
        } else if c == b'$' {
            i = dollar_end(sql, i);
            Kind::Opaque
        } else if sql[i..].starts_with(|ch: char| ch.is_alphabetic() || ch == '_') {
            let end = sql[i..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$'))
                .map_or(bytes.len(), |n| i + n);
            let word = sql[i..end].to_lowercase();
            i = end;
            Kind::Word(word)
        } else if c.is_ascii_digit() {
            let end = sql[i..]
                .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                .map_or(bytes.len(), |n| i + n);
            let number = sql[i..end].to_owned();
            i = end;
            Kind::Number(number)
        } else {
            let ch = sql[i..].chars().next().unwrap_or(' ');
            i += ch.len_utf8();
            Kind::Punct(ch)
        };
        tokens.push(Token {
            kind,
            start,
            end: i,
        });
    }
    tokens
}

/// `block_comment_end` is the offset after the `*/` closing the comment at `start`; block
/// comments nest in PostgreSQL.
fn block_comment_end(sql: &str, start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < sql.len() {
        if sql[i..].starts_with("/*") {
            depth += 1;
            i += 2;
        } else if sql[i..].starts_with("*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += sql[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    sql.len()
}

/// `string_literal` reads the literal whose opening quote is at `quote`: `''` is a quote,
/// and in an `E''` string a backslash escapes the next character.
fn string_literal(sql: &str, quote: usize, backslash: bool) -> (String, usize) {
    let mut text = String::new();
    let mut chars = sql[quote + 1..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        match c {
            '\\' if backslash => {
                if let Some((_, escaped)) = chars.next() {
                    text.push(escaped);
                }
            }
            '\'' if chars.next_if(|(_, n)| *n == '\'').is_some() => text.push('\''),
            '\'' => return (text, quote + 1 + offset + 1),
            c => text.push(c),
        }
    }
    (text, sql.len())
}

/// `quoted_identifier` reads `"…"` at `quote`, where `""` is a quote.
fn quoted_identifier(sql: &str, quote: usize) -> (String, usize) {
    let mut text = String::new();
    let mut chars = sql[quote + 1..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        match c {
            '"' if chars.next_if(|(_, n)| *n == '"').is_some() => text.push('"'),
            '"' => return (text, quote + 1 + offset + 1),
            c => text.push(c),
        }
    }
    (text, sql.len())
}

/// `dollar_end` is the offset after the `$tag$ … $tag$` body or the `$1` parameter at `start`.
fn dollar_end(sql: &str, start: usize) -> usize {
    let rest = &sql[start + 1..];
    let tag_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let tag = &rest[..tag_len];
    if !rest[tag_len..].starts_with('$') || tag.starts_with(|c: char| c.is_ascii_digit()) {
        // `$1`: a parameter, not a quote.
        return start + 1 + tag_len;
    }
    let delimiter = format!("${tag}$");
    let body = start + delimiter.len();
    sql[body..]
        .find(&delimiter)
        .map_or(sql.len(), |n| body + n + delimiter.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sql: &str) -> Vec<Kind> {
        tokenize(sql).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn words_fold_quoted_names_keep_case_and_escapes() {
        use Kind::*;
        assert_eq!(
            kinds(r#"ALTER "My ""T""" e'a\'b' 'it''s' 12 $1"#),
            [
                Word("alter".into()),
                Quoted("My \"T\"".into()),
                Str("a'b".into()),
                Str("it's".into()),
                Number("12".into()),
                Opaque,
            ]
        );
    }

    #[test]
    fn bodies_and_comments_hide_their_keywords() {
        let sql = "CREATE FUNCTION f() AS $body$ DROP TABLE x; $body$; -- DROP TABLE y\n\
                   /* DROP /* nested */ TABLE z */ SELECT 1";
        let parts = statements(sql);
        assert_eq!(parts.len(), 2);
        assert!(parts[0].1.ends_with("$body$"));
        assert_eq!(parts[1].1, "SELECT 1");
        assert!(!parts.iter().flat_map(|p| &p.0).any(|t| t.is("drop")));
    }
}
