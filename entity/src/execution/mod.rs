//! Module `execution`.

pub mod execution_backend;
