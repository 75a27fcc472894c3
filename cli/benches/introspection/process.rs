//! `process` times the command line as a user runs it: the built `cli` binary (the same
//! profile as the benchmark), one new process per run, from spawn to exit.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::BenchResult;

/// `CLI` is the `cli` binary cargo built alongside this benchmark.
const CLI: &str = env!("CARGO_BIN_EXE_cli");

/// `ProcessRun` is one `cli` process.
pub struct ProcessRun {
    pub elapsed: Duration,
    /// Bytes it wrote to stdout (the plan, for `diff`).
    pub stdout_bytes: usize,
}

/// `diff` runs `cli -u <url> diff` in `dir` and fails unless it exits 0.
pub fn diff(url: &str, dir: &Path) -> BenchResult<ProcessRun> {
    run(&["-u", url, "diff"], dir)
}

/// `version` runs `cli --version`: the cost of starting the process and nothing else.
pub fn version(dir: &Path) -> BenchResult<ProcessRun> {
    run(&["--version"], dir)
}

fn run(args: &[&str], dir: &Path) -> BenchResult<ProcessRun> {
    let start = Instant::now();
    let output = Command::new(CLI)
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .output()?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "cli {} exited with {}: {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
    Ok(ProcessRun {
        elapsed,
        stdout_bytes: output.stdout.len(),
    })
}
