//! `sql` writes changes as PostgreSQL statements: for `diff --format sql`, for the throw-away
//! schema that canonicalizes the desired side, and for the generated migrations' raw parts.

mod postgres;
mod quote;

pub(crate) use postgres::create_index;
pub use postgres::{column_definition, statements};
pub use quote::{ident, literal};
