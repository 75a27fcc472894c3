//! `introspect` reads a live database's catalog into the normalized schema [`model`].
//!
//! It is the live side of a comparison: the result compares with the desired schema the
//! entities declare ([`desired`]). Each kind of object is read for all tables at once, so
//! the number of catalog queries does not grow with the number of tables.
//!
//! [`model`]: crate::model
//! [`desired`]: crate::desired

mod postgres;

pub use postgres::{IntrospectStats, introspect_postgres};
