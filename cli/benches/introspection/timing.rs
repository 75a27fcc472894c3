//! `timing` collects wall-clock durations of repeated runs and summarizes them.

use std::future::Future;
use std::time::{Duration, Instant};

/// `Samples` are the durations of the runs of one measured step.
#[derive(Debug, Clone, Default)]
pub struct Samples(Vec<Duration>);

impl Samples {
    pub fn push(&mut self, d: Duration) {
        self.0.push(d);
    }

    /// `min` is the fastest run: the cost without scheduling noise.
    pub fn min(&self) -> Option<Duration> {
        self.0.iter().min().copied()
    }

    /// `median` is the middle run (the lower middle for an even count): the typical cost.
    pub fn median(&self) -> Option<Duration> {
        let mut sorted = self.0.clone();
        sorted.sort();
        sorted.get(sorted.len().saturating_sub(1) / 2).copied()
    }

    /// `cell` is `min / median` for the report, in the unit that suits the magnitude.
    pub fn cell(&self) -> String {
        match (self.min(), self.median()) {
            (Some(min), Some(med)) => format!("{} / {}", human(min), human(med)),
            _ => "–".to_owned(),
        }
    }
}

/// `time` runs `f` once and returns its output and how long it took.
pub fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// `time_async` awaits `f` and returns its output and how long it took.
pub async fn time_async<T>(f: impl Future<Output = T>) -> (T, Duration) {
    let start = Instant::now();
    let out = f.await;
    (out, start.elapsed())
}

/// `human` prints a duration as µs, ms or s with three significant digits or so.
pub fn human(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 10.0 {
        format!("{secs:.1} s")
    } else if secs >= 1.0 {
        format!("{secs:.2} s")
    } else if secs >= 0.01 {
        format!("{:.0} ms", secs * 1e3)
    } else if secs >= 0.001 {
        format!("{:.1} ms", secs * 1e3)
    } else {
        format!("{:.0} µs", secs * 1e6)
    }
}

/// `human_long` prints a long duration in minutes, a short one as `human` does.
pub fn human_long(d: Duration) -> String {
    match d.as_secs() {
        s if s >= 120 => format!("{:.0} min", d.as_secs_f64() / 60.0),
        _ => human(d),
    }
}
