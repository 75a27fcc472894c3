//! `lexer`: SQL text as PostgreSQL's own scanner (`scan.l`) splits it into tokens.
//!
//! A hand-written tokenizer rather than an SQL parser crate. Two users need it: the lint rules,
//! which look at the head of a handful of DDL statements, and the comparison of function
//! bodies, which must tell layout (white space and comments) from meaning. Both need the
//! token boundaries PostgreSQL itself sees, so the rules follow `scan.l`:
//!
//! - white space is `[ \t\n\r\f\v]`; `--` runs to the end of the line; `/* … */` nests;
//! - a comment start ends an operator run (`a+--x` is `a`, `+`, then a comment), and a
//!   multi-character operator loses trailing `+`/`-` unless it holds one of ``~!@#^&|`?%``;
//! - `'…'` (with `''`), `E'…'` (also `\'`), `B'…'`, `X'…'`, `N'…'` and `U&'…'` are strings,
//!   continued by another quote after white space that holds a newline;
//! - `"…"` and `U&"…"` are quoted identifiers, case kept;
//! - `$tag$ … $tag$` (a tag never starts with a digit, `$$` has an empty one) is a
//!   dollar-quoted string, `$1` a parameter, any other `$` a character of its own;
//! - words are `[A-Za-z_\x80-]` then also digits and `$`, folded to lower case (ASCII only,
//!   as PostgreSQL does in UTF-8);
//! - numbers are `1`, `1.5`, `.5`, `1e-5`, `1.e5`; `1..5` is `1`, `..`, `5`. Letters glued to
//!   a number (`0x1F`, `1_000`, `12abc`) stay in the number's token: newer servers read them
//!   as one number, older ones reject them, none reads two tokens.
//!
//! Text PostgreSQL rejects (an unterminated string or comment) is read to the end, not
//! reported: the callers only ever see SQL a server accepted or a migration will send.

use std::borrow::Cow;

/// `Kind` is what a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An unquoted word (keyword or identifier), lower-cased as PostgreSQL folds it.
    Word(String),
    /// A `"quoted"` (or `U&"…"`) identifier, unescaped, case kept.
    Quoted(String),
    /// A string literal of any kind, unescaped (continued parts joined).
    Str(String),
    /// A number, as written.
    Number(String),
    /// A `$1` parameter, as written.
    Param(String),
    /// A dollar-quoted string: the text between its delimiters.
    Dollar(String),
    /// A multi-character operator (`<=`, `||`, `~*`) or `::`, `..`, `:=`.
    Op(String),
    /// Any other single character: `(`, `)`, `,`, `;`, `.`, one-character operators.
    Punct(char),
}

/// `Token` is a token and where it is in the text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
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
pub(crate) fn statements(sql: &str) -> Vec<(Vec<Token>, &str)> {
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

/// `layout_free` is `sql` without its layout: one entry per token, in order. A word is
/// lower-cased; every other token is its exact text (a continued string's parts joined by a
/// newline, the separator the continuation needs). Two texts with equal entries differ only
/// in white space, comments and the case of unquoted words, so PostgreSQL reads them alike.
pub(crate) fn layout_free(sql: &str) -> Vec<Cow<'_, str>> {
    tokenize(sql)
        .into_iter()
        .map(|t| match t.kind {
            Kind::Word(w) => Cow::Owned(w),
            Kind::Str(_) => {
                let text = &sql[t.start..t.end];
                let quote = text.find('\'').unwrap_or(0);
                let backslash = text.starts_with(['e', 'E']);
                let read = string_literal(sql, t.start + quote, backslash);
                if read.parts.len() == 1 {
                    Cow::Borrowed(text)
                } else {
                    let first = t.start..read.parts[0].end;
                    let parts = std::iter::once(first).chain(read.parts[1..].iter().cloned());
                    Cow::Owned(parts.map(|r| &sql[r]).collect::<Vec<_>>().join("\n"))
                }
            }
            _ => Cow::Borrowed(&sql[t.start..t.end]),
        })
        .collect()
}

/// Characters that may form operators.
const OP_CHARS: &[u8] = b"~!@#^&|`?+-*/%<>=";

/// `is_space` is PostgreSQL's white space (`\v` since PostgreSQL 16).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x0b')
}

/// `ident_start` is a character that may start a word: ASCII letters, `_`, and every
/// non-ASCII character.
fn ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

/// `ident_cont` is a character that may continue a word.
fn ident_cont(c: char) -> bool {
    ident_start(c) || c.is_ascii_digit() || c == '$'
}

/// `skip_while` is the offset of the first character at or after `from` that `keep` refuses.
fn skip_while(sql: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    sql[from..]
        .find(|c: char| !keep(c))
        .map_or(sql.len(), |n| from + n)
}

/// `tokenize` reads every token of `sql`, skipping white space and comments.
pub(crate) fn tokenize(sql: &str) -> Vec<Token> {
    let bytes = sql.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let rest = &sql[i..];
        let kind = if is_space(c) {
            i += 1;
            continue;
        } else if rest.starts_with("--") {
            i = line_end(sql, i);
            continue;
        } else if rest.starts_with("/*") {
            i = block_comment_end(sql, i);
            continue;
        } else if let Some(quote) = string_start(rest) {
            let read = string_literal(sql, i + quote, matches!(c, b'e' | b'E'));
            i = read.end;
            Kind::Str(read.value)
        } else if c == b'"' || ((c == b'u' || c == b'U') && rest[1..].starts_with("&\"")) {
            let quote = if c == b'"' { i } else { i + 2 };
            let (text, end) = quoted_identifier(sql, quote);
            i = end;
            Kind::Quoted(text)
        } else if c == b'$' {
            let (kind, end) = dollar(sql, i);
            i = end;
            kind
        } else if rest.starts_with(ident_start) {
            i = skip_while(sql, i, ident_cont);
            Kind::Word(sql[start..i].to_ascii_lowercase())
        } else if c.is_ascii_digit() || (c == b'.' && at(i + 1).is_ascii_digit()) {
            i = number_end(sql, i);
            Kind::Number(sql[start..i].to_owned())
        } else if rest.starts_with("::") || rest.starts_with(":=") || rest.starts_with("..") {
            i += 2;
            Kind::Op(sql[start..i].to_owned())
        } else if OP_CHARS.contains(&c) {
            i = operator_end(sql, i);
            match &sql[start..i] {
                one if one.len() == 1 => Kind::Punct(c as char),
                many => Kind::Op(many.to_owned()),
            }
        } else {
            let ch = rest.chars().next().unwrap_or(' ');
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

/// `line_end` is the offset of the newline (`\n` or `\r`) ending the `--` comment at `from`,
/// or the end of the text.
fn line_end(sql: &str, from: usize) -> usize {
    sql[from..]
        .find(['\n', '\r'])
        .map_or(sql.len(), |n| from + n)
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

/// `string_start` is the offset of the opening quote when `rest` starts a string literal:
/// `'`, or one of the prefixes `E`, `B`, `X`, `N`, `U&` right before it.
fn string_start(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    match b.first()? {
        b'\'' => Some(0),
        b'e' | b'E' | b'b' | b'B' | b'x' | b'X' | b'n' | b'N' if b.get(1) == Some(&b'\'') => {
            Some(1)
        }
        b'u' | b'U' if rest[1..].starts_with("&'") => Some(2),
        _ => None,
    }
}

/// `StringRead` is a string literal read from its opening quote.
struct StringRead {
    /// The value, unescaped.
    value: String,
    /// The offset after the closing quote of the last part.
    end: usize,
    /// Each part, from its opening to its closing quote.
    parts: Vec<std::ops::Range<usize>>,
}

/// `string_literal` reads the literal whose opening quote is at `quote`: `''` is a quote,
/// and in an `E''` string a backslash escapes the next character. A quote after white space
/// holding a newline continues the literal (`'a'` newline `'b'` is `'ab'`).
fn string_literal(sql: &str, quote: usize, backslash: bool) -> StringRead {
    let mut value = String::new();
    let mut parts = Vec::new();
    let mut open = quote;
    loop {
        let mut chars = sql[open + 1..].char_indices().peekable();
        let mut end = sql.len();
        while let Some((offset, c)) = chars.next() {
            match c {
                '\\' if backslash => {
                    if let Some((_, escaped)) = chars.next() {
                        value.push(escaped);
                    }
                }
                '\'' if chars.next_if(|(_, n)| *n == '\'').is_some() => value.push('\''),
                '\'' => {
                    end = open + 1 + offset + 1;
                    break;
                }
                c => value.push(c),
            }
        }
        parts.push(open..end);
        match continuation(sql, end) {
            Some(next) => open = next,
            None => return StringRead { value, end, parts },
        }
    }
}

/// `continuation` is the offset of the quote continuing a string literal that ended at
/// `from`: after spaces and `--` comments, a newline, then any white space and whole-line
/// `--` comments.
fn continuation(sql: &str, from: usize) -> Option<usize> {
    let bytes = sql.as_bytes();
    let mut i = from;
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t' | b'\x0c' | b'\x0b') => i += 1,
            Some(b'-') if sql[i..].starts_with("--") => i = line_end(sql, i),
            _ => break,
        }
    }
    if !matches!(bytes.get(i), Some(b'\n' | b'\r')) {
        return None;
    }
    loop {
        match bytes.get(i) {
            Some(&b) if is_space(b) => i += 1,
            Some(b'-') if sql[i..].starts_with("--") && line_end(sql, i) < sql.len() => {
                i = line_end(sql, i) + 1;
            }
            _ => break,
        }
    }
    (bytes.get(i) == Some(&b'\'')).then_some(i)
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

/// `dollar` reads what starts with the `$` at `start`: a `$1` parameter, a `$tag$ … $tag$`
/// string, or else the lone character `$`.
fn dollar(sql: &str, start: usize) -> (Kind, usize) {
    let rest = &sql[start + 1..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = skip_while(sql, start + 1, |c| c.is_ascii_digit());
        let end = junk_end(sql, digits);
        return (Kind::Param(sql[start..end].to_owned()), end);
    }
    let tag_end = if rest.starts_with(ident_start) {
        skip_while(sql, start + 1, |c| ident_start(c) || c.is_ascii_digit())
    } else {
        start + 1
    };
    if !sql[tag_end..].starts_with('$') {
        return (Kind::Punct('$'), start + 1);
    }
    let delimiter = &sql[start..=tag_end];
    let body = tag_end + 1;
    match sql[body..].find(delimiter) {
        Some(n) => (
            Kind::Dollar(sql[body..body + n].to_owned()),
            body + n + delimiter.len(),
        ),
        None => (Kind::Dollar(sql[body..].to_owned()), sql.len()),
    }
}

/// `number_end` is the offset after the number at `start`.
fn number_end(sql: &str, start: usize) -> usize {
    let bytes = sql.as_bytes();
    let digits = |from: usize| skip_while(sql, from, |c| c.is_ascii_digit());
    let mut i = digits(start);
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1) != Some(&b'.') {
        i = digits(i + 1);
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(i + 1), Some(b'+' | b'-')));
        if bytes.get(i + 1 + sign).is_some_and(u8::is_ascii_digit) {
            i = digits(i + 1 + sign);
        }
    }
    junk_end(sql, i)
}

/// `junk_end` is the offset after a word glued to the number or parameter ending at `from`
/// (`12abc`, `$1x`, or a newer server's `0x1F` and `1_000`): one token either way.
fn junk_end(sql: &str, from: usize) -> usize {
    if sql[from..].starts_with(ident_start) {
        skip_while(sql, from, ident_cont)
    } else {
        from
    }
}

/// `operator_end` is the offset after the operator at `start`: the run of operator
/// characters, cut before a comment start, without trailing `+`/`-` unless the operator
/// holds a character no SQL-standard operator has.
fn operator_end(sql: &str, start: usize) -> usize {
    let run_end = sql[start..]
        .find(|c: char| !c.is_ascii() || !OP_CHARS.contains(&(c as u8)))
        .map_or(sql.len(), |n| start + n);
    let run = &sql[start..run_end];
    let mut n = [run.find("/*"), run.find("--")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(run.len());
    let run = &run.as_bytes()[..n];
    if n > 1
        && matches!(run[n - 1], b'+' | b'-')
        && !run[..n - 1].iter().any(|b| b"~!@#^&|`?%".contains(b))
    {
        while n > 1 && matches!(run[n - 1], b'+' | b'-') {
            n -= 1;
        }
    }
    start + n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sql: &str) -> Vec<Kind> {
        tokenize(sql).into_iter().map(|t| t.kind).collect()
    }

    fn texts(sql: &str) -> Vec<String> {
        layout_free(sql).into_iter().map(Cow::into_owned).collect()
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
                Param("$1".into()),
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

    #[test]
    fn a_comment_start_ends_an_operator_run() {
        assert_eq!(texts("a+--b\nc"), ["a", "+", "c"]);
        assert_eq!(texts("a*/*x*/b"), ["a", "*", "b"]);
        assert_eq!(texts("a<=/* c */b"), ["a", "<=", "b"]);
        assert_eq!(texts("a--b"), ["a"]);
    }

    #[test]
    fn trailing_plus_and_minus_leave_standard_operators() {
        assert_eq!(texts("a=-1"), ["a", "=", "-", "1"]);
        assert_eq!(texts("a+-b"), ["a", "+", "-", "b"]);
        assert_eq!(texts("a@-b"), ["a", "@-", "b"]);
        assert_eq!(texts("a?|-b"), ["a", "?|-", "b"]);
        assert_eq!(texts("x::text||'a'"), ["x", "::", "text", "||", "'a'"]);
        assert_eq!(texts("x := 1..2"), ["x", ":=", "1", "..", "2"]);
        assert_eq!(kinds("<>")[0], Kind::Op("<>".into()));
        assert_eq!(kinds("<")[0], Kind::Punct('<'));
    }

    #[test]
    fn dollar_tags_parameters_and_lone_dollars() {
        use Kind::*;
        assert_eq!(kinds("$a$ x $b$ y$a$"), [Dollar(" x $b$ y".into())]);
        assert_eq!(kinds("$$it's$$"), [Dollar("it's".into())]);
        assert_eq!(kinds("$1 $12"), [Param("$1".into()), Param("$12".into())]);
        // A tag never starts with a digit: `$1$` is a parameter, then a lone `$`.
        assert_eq!(kinds("$1$"), [Param("$1".into()), Punct('$')]);
        assert_eq!(kinds("$_x1$ a $_x1$"), [Dollar(" a ".into())]);
        assert_eq!(kinds("$ x"), [Punct('$'), Word("x".into())]);
        // `$` continues a word, so this is no quote.
        assert_eq!(kinds("a$b$ c"), [Word("a$b$".into()), Word("c".into())]);
    }

    #[test]
    fn block_comments_nest() {
        assert_eq!(texts("a /* x /* y */ z */ b"), ["a", "b"]);
        assert_eq!(texts("a /* x /* y */ b"), ["a"]);
        assert_eq!(texts("a /**/ b /*/ c */ d"), ["a", "b", "d"]);
    }

    #[test]
    fn strings_of_every_kind() {
        use Kind::*;
        assert_eq!(kinds(r"E'a\\' 'b'"), [Str("a\\".into()), Str("b".into())]);
        assert_eq!(kinds(r"'a\' b"), [Str("a\\".into()), Word("b".into())]);
        assert_eq!(kinds(r"e'\'' x"), [Str("'".into()), Word("x".into())]);
        assert_eq!(
            kinds(r"U&'d\0061t' UESCAPE '!'"),
            [
                Str(r"d\0061t".into()),
                Word("uescape".into()),
                Str("!".into())
            ]
        );
        assert_eq!(
            kinds(r#"U&"d\0061t" u&"x""#),
            [Quoted(r"d\0061t".into()), Quoted("x".into())]
        );
        assert_eq!(kinds("B'101' X'1F' N'n'").len(), 3);
        assert_eq!(texts("ue'x'"), ["ue", "'x'"]);
        assert_eq!(texts("U & 'x'"), ["u", "&", "'x'"]);
    }

    #[test]
    fn a_string_continues_only_across_a_newline() {
        use Kind::*;
        assert_eq!(kinds("'a'\n  'b'"), [Str("ab".into())]);
        assert_eq!(kinds("'a' -- c\n-- d\n\t'b'"), [Str("ab".into())]);
        assert_eq!(kinds("'a' 'b'"), [Str("a".into()), Str("b".into())]);
        assert_eq!(
            kinds("'a' /* c */\n'b'"),
            [Str("a".into()), Str("b".into())]
        );
        assert_eq!(texts("'a'   \r\n   'b'"), ["'a'\n'b'"]);
        assert_ne!(texts("'a'\n'b'"), texts("'a' 'b'"));
    }

    #[test]
    fn numbers() {
        assert_eq!(
            texts("1e-5 .5 1.5E+3 1.e5 2."),
            ["1e-5", ".5", "1.5E+3", "1.e5", "2."]
        );
        assert_eq!(texts("1..5"), ["1", "..", "5"]);
        assert_eq!(texts("t.5"), ["t", ".5"]);
        assert_eq!(texts("0x1F 1_000 1e"), ["0x1F", "1_000", "1e"]);
        assert_eq!(texts("1e-"), ["1e", "-"]);
    }

    #[test]
    fn white_space_and_words() {
        assert_eq!(texts("A\r\n\t\x0cB\x0bc"), ["a", "b", "c"]);
        assert_eq!(texts("Ünïcode_Ä1"), ["Ünïcode_Ä1".to_ascii_lowercase()]);
        assert_eq!(texts("a\u{a0}b"), ["a\u{a0}b"]);
        assert_eq!(
            texts(r#""Mixed""Case" Mixed"#),
            [r#""Mixed""Case""#, "mixed"]
        );
    }
}
