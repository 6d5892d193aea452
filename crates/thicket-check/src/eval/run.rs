//! What TLC's own operators read of the run they are evaluated in: the level of the state
//! being explored (`TLCGet("level")`), the search's statistics (`"distinct"`, `"queue"`,
//! `"diameter"`, `"generated"`, `"duration"`), its configuration (`"config"`), TLC's registers
//! (`TLCSet(i, v)`, `TLCGet(i)`), and the host the checker runs in (where `PrintT` prints, the
//! environment `IOEnv` reads, the files `JsonSerialize` writes).
//!
//! A run is installed on the thread that checks ([`Run::install`]); the searches tell it where
//! they are ([`at_level`], [`Stats`]). Without a run (a lone expression, the page's session),
//! the statistics and the level are unknown and reading them is an evaluation error, as TLC's
//! are in an assumption.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use web_time::Instant;

use crate::eval::value::Value;

/// What the checker may ask of the program it runs in. The command line reads the process's
/// environment and writes files; the page has neither, so there a use is a located error.
pub trait Host: Send + Sync {
    /// Print one line of a spec's output (`Print`, `PrintT`), as TLC prints it.
    fn print(&self, line: &str);
    /// The environment's variables, or `None` where there is no environment.
    fn env(&self) -> Option<Vec<(String, String)>>;
    /// Write `text` to the file `path`; why it could not be written.
    fn write_file(&self, path: &str, text: &str) -> Result<(), String>;
    /// The text of the file `path`; why it could not be read.
    fn read_file(&self, path: &str) -> Result<String, String>;
}

static HOST: OnceLock<Box<dyn Host>> = OnceLock::new();

/// Install the host for the rest of the process (once: the command line does at its start).
pub fn set_host(host: Box<dyn Host>) {
    let _ = HOST.set(host);
}

/// The host, if one was installed.
pub fn host() -> Option<&'static dyn Host> {
    HOST.get().map(|h| h.as_ref())
}

/// How the search is configured, as `TLCGet("config")` shows it.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub workers: usize,
    pub deadlock: bool,
}

/// The search's counts, shared by its workers.
#[derive(Debug, Default)]
pub struct Stats {
    pub distinct: AtomicU64,
    pub generated: AtomicU64,
    pub queue: AtomicU64,
    /// The number of levels reached (TLC's "diameter": 1 in the initial states).
    pub diameter: AtomicU64,
}

impl Stats {
    /// Record where the search is.
    pub fn update(&self, distinct: u64, generated: u64, queue: u64, diameter: u64) {
        self.distinct.store(distinct, Ordering::Relaxed);
        self.generated.store(generated, Ordering::Relaxed);
        self.queue.store(queue, Ordering::Relaxed);
        self.diameter.store(diameter, Ordering::Relaxed);
    }
}

/// One check's shared state: its configuration, its statistics and TLC's registers.
#[derive(Debug)]
pub struct Shared {
    pub config: Option<Config>,
    pub stats: Stats,
    /// Whether a search is under way (before it, the statistics are undefined, as in TLC).
    pub searching: std::sync::atomic::AtomicBool,
    started: Instant,
    registers: Mutex<HashMap<i64, Value>>,
}

thread_local! {
    static RUN: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
    static LEVEL: Cell<Option<u32>> = const { Cell::new(None) };
}

/// The run installed on this thread, for as long as the guard lives.
pub struct Run {
    previous: Option<Arc<Shared>>,
}

impl Run {
    /// A new run (fresh registers and statistics) on this thread.
    pub fn start(config: Option<Config>) -> Run {
        Run::install(Arc::new(Shared {
            config,
            stats: Stats::default(),
            searching: Default::default(),
            started: Instant::now(),
            registers: Mutex::new(HashMap::new()),
        }))
    }

    /// Install a run shared with another thread (a search's worker).
    pub fn install(shared: Arc<Shared>) -> Run {
        Run {
            previous: RUN.with(|r| r.replace(Some(shared))),
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        RUN.with(|r| *r.borrow_mut() = self.previous.take());
    }
}

/// The run installed on this thread, if any.
pub fn current() -> Option<Arc<Shared>> {
    RUN.with(|r| r.borrow().clone())
}

/// The level of the state being evaluated, set for as long as the guard lives.
pub struct AtLevel {
    previous: Option<u32>,
}

/// Evaluate at TLC's `level` (the initial states are at level 1; an assumption and the
/// initial predicate at 0).
pub fn at_level(level: u32) -> AtLevel {
    AtLevel {
        previous: LEVEL.with(|l| l.replace(Some(level))),
    }
}

impl Drop for AtLevel {
    fn drop(&mut self) {
        LEVEL.with(|l| l.set(self.previous));
    }
}

/// The level evaluation is at: the one set by the search, else 0 in a run (an assumption,
/// the initial predicate), else unknown.
pub fn level() -> Option<u32> {
    LEVEL.with(Cell::get).or_else(|| current().map(|_| 0))
}

impl Shared {
    /// `TLCGet(i)`.
    pub fn register(&self, i: i64) -> Option<Value> {
        self.registers.lock().ok()?.get(&i).cloned()
    }

    /// `TLCSet(i, v)`.
    pub fn set_register(&self, i: i64, v: Value) {
        if let Ok(mut r) = self.registers.lock() {
            r.insert(i, v);
        }
    }

    /// Whole seconds since the run started (`TLCGet("duration")`).
    pub fn duration(&self) -> u64 {
        self.started.elapsed().as_secs()
    }
}

thread_local! {
    /// Registers of a lone evaluation (no run): kept per thread, as TLC keeps them per worker.
    static LONE: RefCell<HashMap<i64, Value>> = RefCell::new(HashMap::new());
}

/// `TLCGet(i)` in the current run (or this thread's registers outside one).
pub fn register(i: i64) -> Option<Value> {
    match current() {
        Some(run) => run.register(i),
        None => LONE.with(|r| r.borrow().get(&i).cloned()),
    }
}

/// `TLCSet(i, v)` in the current run (or this thread's registers outside one).
pub fn set_register(i: i64, v: Value) {
    match current() {
        Some(run) => run.set_register(i, v),
        None => LONE.with(|r| {
            r.borrow_mut().insert(i, v);
        }),
    }
}

/// Print a line of the spec's output through the host (nowhere without one).
pub fn print(line: &str) {
    if let Some(h) = host() {
        h.print(line);
    }
}
