//! Module `message`.

pub mod codeability_message;
pub mod codeability_message_read;
