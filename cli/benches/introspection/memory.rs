//! `memory` measures what a step allocates: heap bytes through a counting allocator, and the
//! process's resident set from `/proc/self/status`.
//!
//! The heap counter is exact and independent of how the allocator keeps freed pages, so it
//! shows whether memory grows linearly with the schema; RSS is what the operating system sees.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// `CountingAllocator` is the system allocator plus a count of live and peak heap bytes.
pub struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

/// `Usage` is what one measured step cost in memory.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    /// Highest heap in use during the step, above what was in use before it.
    pub heap_peak: usize,
    /// Heap still in use after the step (what its result holds), above the start.
    pub heap_retained: usize,
    /// Growth of the peak resident set during the step, if the kernel lets us reset the peak.
    pub rss_peak: Option<usize>,
}

/// `Probe` is a started memory measurement; `finish` it while the step's result is alive.
pub struct Probe {
    heap_start: usize,
    rss_start: Option<usize>,
}

impl Probe {
    /// `start` resets the heap peak and the process's peak RSS (`VmHWM`) to the current use.
    pub fn start() -> Probe {
        let heap_start = LIVE.load(Relaxed);
        PEAK.store(heap_start, Relaxed);
        // Writing 5 to clear_refs resets VmHWM to VmRSS (Linux ≥ 4.0); without it the peak
        // of an earlier, larger step would hide this one.
        let rss_start = std::fs::write("/proc/self/clear_refs", "5")
            .ok()
            .and_then(|()| status_kib("VmRSS:"))
            .map(|kib| kib * 1024);
        Probe {
            heap_start,
            rss_start,
        }
    }

    pub fn finish(self) -> Usage {
        let rss_peak = match (self.rss_start, status_kib("VmHWM:")) {
            (Some(start), Some(hwm)) => Some((hwm * 1024).saturating_sub(start)),
            _ => None,
        };
        Usage {
            heap_peak: PEAK.load(Relaxed).saturating_sub(self.heap_start),
            heap_retained: LIVE.load(Relaxed).saturating_sub(self.heap_start),
            rss_peak,
        }
    }
}

/// `status_kib` reads one `kB` field of `/proc/self/status`.
fn status_kib(field: &str) -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// `mib` prints a byte count in MiB.
pub fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// `kib` prints a byte count in KiB.
pub fn kib(bytes: f64) -> String {
    format!("{:.1} KiB", bytes / 1024.0)
}
