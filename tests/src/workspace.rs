//! A scratch copy of the whole workspace, for tests that edit entity sources and run the `cli`
//! binary built from them, as a user would.
//!
//! The copy lives in a temporary directory with a target directory of its own, seeded with a
//! copy of the original workspace's target directory (modification times kept), so building
//! `-p cli` there reuses almost everything. Two workspace copies never share a target
//! directory: cargo keys artifacts by paths relative to the workspace, so an edit in one copy
//! would leak into the other.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// `workspace_root` is the root of the workspace the tests crate belongs to.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives inside the workspace")
        .to_path_buf()
}

/// `workspace_target_dir` is the original workspace's target directory: `CARGO_TARGET_DIR`
/// when set (relative to the workspace root when relative), else `<root>/target`.
pub fn workspace_target_dir() -> PathBuf {
    let root = workspace_root();
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// `ScratchWorkspace` is a throw-away copy of the workspace, removed on drop (kept when
/// `JOURNEY_KEEP_SCRATCH` is set, for debugging). Every step it runs is timed.
pub struct ScratchWorkspace {
    pub root: PathBuf,
    label: String,
    timings: Vec<(String, Duration)>,
}

impl ScratchWorkspace {
    /// `new` copies the workspace sources (everything but the target directory and `.git`)
    /// and the original target directory into a new temporary directory.
    pub fn new(label: &str) -> ScratchWorkspace {
        let root = std::env::temp_dir().join(format!(
            "ct_journey_{label}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        ));
        std::fs::create_dir_all(&root)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", root.display()));
        let mut scratch = ScratchWorkspace {
            root,
            label: label.to_owned(),
            timings: Vec::new(),
        };
        let source = workspace_root();
        let target = workspace_target_dir();
        let started = Instant::now();
        let entries = std::fs::read_dir(&source)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", source.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().unwrap_or_default();
            if name == OsStr::new(".git") || name == OsStr::new("target") || path == target {
                continue;
            }
            copy_preserving(&path, &scratch.root);
        }
        scratch.record("copy sources", started.elapsed());
        let started = Instant::now();
        assert!(
            target.join("debug").is_dir(),
            "the workspace's target directory {} holds no debug build: build the workspace first",
            target.display()
        );
        copy_preserving(&target, &scratch.root);
        let copied = scratch
            .root
            .join(target.file_name().expect("target dir name"));
        if copied != scratch.target_dir() {
            std::fs::rename(&copied, scratch.target_dir()).expect("rename copied target dir");
        }
        scratch.record("copy target dir", started.elapsed());
        scratch
    }

    /// `target_dir` is the copy's own target directory.
    pub fn target_dir(&self) -> PathBuf {
        self.root.join("target")
    }

    /// `path` is `relative` inside the copy.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// `cli_binary` is the `cli` binary the last [`build`](Self::build) produced.
    pub fn cli_binary(&self) -> PathBuf {
        self.target_dir().join("debug").join("cli")
    }

    /// `build` runs `cargo build -p cli` in the copy (offline, lockfile frozen) and panics with
    /// cargo's output when it fails.
    pub fn build(&mut self, step: &str) {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .args(["build", "-p", "cli", "--frozen"])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", self.target_dir());
        let run = self.timed(&format!("build ({step})"), command);
        if run.code != Some(0) {
            panic!(
                "journey {}: `cargo build -p cli` failed ({step}):\n{}",
                self.label,
                run.tail(80)
            );
        }
    }

    /// `keep_binary` copies the current `cli` binary out of the target directory, so it can
    /// still be run after later builds (e.g. `check` with the entities before an edit).
    pub fn keep_binary(&self, name: &str) -> PathBuf {
        let kept = self.root.join(name);
        std::fs::copy(self.cli_binary(), &kept)
            .unwrap_or_else(|e| panic!("cannot copy the cli binary to {}: {e}", kept.display()));
        kept
    }

    /// `cli` runs `binary -u url args…` with the copy as working directory.
    pub fn cli(&mut self, binary: &Path, url: &str, args: &[&str]) -> Run {
        let mut command = Command::new(binary);
        command
            .arg("-u")
            .arg(url)
            .args(args)
            .current_dir(&self.root)
            .env_remove("DATABASE_URL")
            .env_remove("DATABASE_SCHEMA")
            .env("NO_COLOR", "1");
        let step = format!("cli {}", args.first().copied().unwrap_or(""));
        self.timed(&step, command)
    }

    /// `read` is the text of `relative` in the copy.
    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// `write` creates or replaces `relative` in the copy.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::write(&path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// `replace` edits `relative`: `from` must occur exactly once and becomes `to`.
    pub fn replace(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        let found = text.matches(from).count();
        assert_eq!(
            found, 1,
            "editing {relative}: expected exactly one occurrence of {from:?}, found {found}"
        );
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// `files` maps every file name in folder `relative` to its contents.
    pub fn files(&self, relative: &str) -> BTreeMap<String, String> {
        let dir = self.path(relative);
        let mut files = BTreeMap::new();
        for entry in
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        {
            let path = entry.expect("directory entry").path();
            if path.is_file() {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                files.insert(name, text);
            }
        }
        files
    }

    /// `record` adds a timing measured elsewhere.
    pub fn record(&mut self, step: &str, took: Duration) {
        eprintln!(
            "[journey {}] {step}: {:.1}s",
            self.label,
            took.as_secs_f64()
        );
        self.timings.push((step.to_owned(), took));
    }

    /// `report` prints every step's timing and the total, on stderr.
    pub fn report(&self) {
        let total: Duration = self.timings.iter().map(|(_, d)| *d).sum();
        let mut by_kind: BTreeMap<&str, Duration> = BTreeMap::new();
        for (step, took) in &self.timings {
            let kind = if step.starts_with("copy") {
                "copy"
            } else if step.starts_with("build") {
                "build"
            } else {
                "commands"
            };
            *by_kind.entry(kind).or_default() += *took;
        }
        let summary: Vec<String> = by_kind
            .iter()
            .map(|(kind, took)| format!("{kind} {:.1}s", took.as_secs_f64()))
            .collect();
        eprintln!(
            "[journey {}] timings: {} — total {:.1}s",
            self.label,
            summary.join(", "),
            total.as_secs_f64()
        );
    }

    fn timed(&mut self, step: &str, mut command: Command) -> Run {
        let rendered = render(&command);
        let started = Instant::now();
        let output = command
            .output()
            .unwrap_or_else(|e| panic!("cannot start `{rendered}`: {e}"));
        self.record(step, started.elapsed());
        Run {
            command: rendered,
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Drop for ScratchWorkspace {
    fn drop(&mut self) {
        if std::env::var_os("JOURNEY_KEEP_SCRATCH").is_some() {
            eprintln!(
                "[journey {}] scratch workspace kept at {}",
                self.label,
                self.root.display()
            );
            return;
        }
        let started = Instant::now();
        match std::fs::remove_dir_all(&self.root) {
            Ok(()) => eprintln!(
                "[journey {}] remove scratch workspace: {:.1}s",
                self.label,
                started.elapsed().as_secs_f64()
            ),
            Err(e) => eprintln!(
                "warning: could not remove scratch workspace {}: {e}",
                self.root.display()
            ),
        }
    }
}

/// `Run` is one finished process: its command line, exit code and output.
pub struct Run {
    pub command: String,
    /// `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// `success` panics, showing everything, unless the command exited 0.
    pub fn success(self) -> Run {
        self.exit(0)
    }

    /// `exit` panics, showing everything, unless the command exited with `code`.
    pub fn exit(self, code: i32) -> Run {
        if self.code != Some(code) {
            panic!("expected exit code {code}, got {:?}\n{self}", self.code);
        }
        self
    }

    /// `tail` is the run with only the last `lines` lines of each stream.
    fn tail(&self, lines: usize) -> String {
        let last = |s: &str| {
            let all: Vec<&str> = s.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        };
        format!(
            "command: {}\nexit code: {:?}\n--- stdout (last {lines} lines) ---\n{}\n--- stderr (last {lines} lines) ---\n{}",
            self.command,
            self.code,
            last(&self.stdout),
            last(&self.stderr)
        )
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command: {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

fn render(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| {
        let a = a.to_string_lossy();
        if a.contains(|c: char| c.is_whitespace() || "'\"$()=".contains(c)) {
            format!("'{}'", a.replace('\'', "'\\''"))
        } else {
            a.into_owned()
        }
    }));
    format!(
        "(cd {} && {})",
        command
            .get_current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| ".".into()),
        parts.join(" ")
    )
}

/// `copy_preserving` copies `path` into folder `into` with `cp -a`: modification times are
/// kept, so cargo sees the copied sources as unchanged since the copied artifacts were built.
fn copy_preserving(path: &Path, into: &Path) {
    let output = Command::new("cp")
        .arg("-a")
        .arg(path)
        .arg(into)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cp: {e}"));
    assert!(
        output.status.success(),
        "cp -a {} {} failed: {}",
        path.display(),
        into.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
