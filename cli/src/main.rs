//! `cli`: the ctutor database tool.

use std::process::ExitCode;

use clap::Parser;
use ctutor_cli::commands::{Cli, Command, run};
use schema_engine::cli::{self as engine, block_on, usage_error};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let for_check = matches!(cli.command, Command::Engine(engine::Command::Check));
    block_on(for_check, run(cli))
}
