//! Module `auth`.

pub mod account;
pub mod profile;
pub mod session;
pub mod student_profile;
pub mod user;
