//! Module `result`.

pub mod result;
