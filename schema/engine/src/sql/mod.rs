//! `sql` writes changes as PostgreSQL statements: for `diff --format sql`, for the throw-away
//! schema that canonicalizes the desired side, and for the generated migrations' raw parts. It
//! also reads SQL text the way PostgreSQL does ([`lexer`]), for the lint rules and for
//! comparing function bodies ([`FunctionBody`]).

mod body;
pub(crate) mod lexer;
pub mod mysql;
mod postgres;
mod quote;
pub mod sqlite;

pub use body::FunctionBody;
pub(crate) use postgres::create_index;
pub use postgres::{column_definition, statements};
pub use quote::{ident, literal};
