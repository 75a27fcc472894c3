//! Module `role`.

pub mod role;
pub mod role_claim;
pub mod user_role;
