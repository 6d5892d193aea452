//! `thicket bench`: the checker's speed on fixed specs (default `specs/bench/*.tla`).
//!
//! Each run happens in a fresh child process (this binary, re-run with an environment
//! variable), so the peak resident memory it reports (VmHWM) belongs to that spec alone and
//! not to whichever spec ran before. Two memory figures are printed, because they answer
//! different questions: the process's peak RSS growth per distinct state (everything: the
//! fingerprint table, parent pointers, the BFS queue of full states, the allocator's slack)
//! and the checker's own accounting of its seen-state table and parent pointers.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use thicket_check::{CheckOptions, Outcome};

use crate::{BenchError, CliError};

const CHILD_ENV: &str = "THICKET_BENCH_CHILD";

/// One measured run.
#[derive(Serialize, Deserialize, Clone)]
struct Measure {
    outcome: String,
    distinct: u64,
    generated: u64,
    depth: u32,
    seconds: f64,
    /// CPU time (user + system) of the run, in seconds (0 when unknown): on a shared machine
    /// it shows how much of the wall time the checker actually had the core.
    cpu_seconds: f64,
    /// VmHWM before loading the spec and after exploring it, in bytes (0 when unknown).
    hwm_before: u64,
    hwm_after: u64,
    table_bytes: u64,
}

/// Counts a spec declares for itself: `\* expect: distinct=N generated=N depth=N`.
#[derive(Default, PartialEq, Debug)]
struct Expected {
    distinct: Option<u64>,
    generated: Option<u64>,
    depth: Option<u32>,
}

fn expected(src: &str) -> Expected {
    let mut e = Expected::default();
    for line in src.lines() {
        let Some(rest) = line.trim_start().strip_prefix("\\* expect:") else {
            continue;
        };
        for item in rest.split_whitespace() {
            let Some((k, v)) = item.split_once('=') else {
                continue;
            };
            let v = v.replace(['_', ','], "");
            match k {
                "distinct" => e.distinct = v.parse().ok(),
                "generated" => e.generated = v.parse().ok(),
                "depth" => e.depth = v.parse().ok(),
                _ => {}
            }
        }
    }
    e
}

/// VmHWM (peak resident set) of this process, in bytes; 0 where /proc is not available.
fn vm_hwm() -> u64 {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return 0;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// User + system CPU time of this process so far, in seconds, from /proc/self/stat (in
/// clock ticks, 100 per second on Linux); 0 where /proc is not available.
fn cpu_time() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (ticks(11) + ticks(12)) as f64 / 100.0
}

/// Check one spec in this process and measure it (the child's side).
fn measure(file: &Path) -> Result<Measure, CliError> {
    let hwm_before = vm_hwm();
    let src = crate::read(file)?;
    let cfg = crate::config_for(file, &src, None)?;
    let start = Instant::now();
    let cpu_start = cpu_time();
    let spec = thicket_check::load(&src, cfg.text()).map_err(|ds| BenchError::Load {
        file: file.to_path_buf(),
        message: ds.first().map(|d| d.message.clone()).unwrap_or_default(),
    })?;
    let opts = CheckOptions::default();
    let check_deadlock = opts.check_deadlock.unwrap_or(spec.check_deadlock);
    let ex = thicket_check::explore_spec(&spec, check_deadlock, &opts, &mut |_| true);
    let seconds = start.elapsed().as_secs_f64();
    Ok(Measure {
        outcome: serde_json::to_value(ex.outcome)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default(),
        distinct: ex.distinct,
        generated: ex.generated,
        depth: ex.depth,
        seconds,
        cpu_seconds: cpu_time() - cpu_start,
        hwm_before,
        hwm_after: vm_hwm(),
        table_bytes: ex.table_bytes as u64,
    })
}

/// Run one measurement in a fresh process.
fn measure_in_child(file: &Path) -> Result<Measure, BenchError> {
    let exe = std::env::current_exe().map_err(BenchError::CurrentExe)?;
    let out = Command::new(exe)
        .arg("bench")
        .arg(file)
        .env(CHILD_ENV, "1")
        .output()
        .map_err(BenchError::Spawn)?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(BenchError::ChildFailed {
            file: file.to_path_buf(),
            output: format!(
                "{}{}",
                stdout.trim(),
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        });
    }
    serde_json::from_str(stdout.trim()).map_err(|error| BenchError::Unreadable {
        file: file.to_path_buf(),
        error,
        output: stdout.to_string(),
    })
}

fn default_files() -> Result<Vec<PathBuf>, BenchError> {
    let dir = Path::new("specs/bench");
    let entries = std::fs::read_dir(dir).map_err(|error| BenchError::ListSpecs {
        dir: dir.to_path_buf(),
        error,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tla"))
        .collect();
    files.sort();
    Ok(files)
}

fn rate(n: u64, secs: f64) -> String {
    if secs <= 0.0 {
        return "-".into();
    }
    let r = n as f64 / secs;
    if r >= 1e6 {
        format!("{:.2} M/s", r / 1e6)
    } else {
        format!("{:.0} k/s", r / 1e3)
    }
}

/// `thicket bench [FILES] [--runs N]`.
pub fn run(files: Vec<PathBuf>, runs: usize) -> Result<ExitCode, CliError> {
    if std::env::var_os(CHILD_ENV).is_some() {
        let file = files.first().ok_or(BenchError::ChildWithoutSpec)?;
        let m = measure(file)?;
        outln!("{}", serde_json::to_string(&m)?);
        return Ok(ExitCode::SUCCESS);
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; measure with `cargo run --release -p thicket-cli -- bench`");
    }
    let files = if files.is_empty() {
        default_files()?
    } else {
        files
    };
    if files.is_empty() {
        return Err(BenchError::NoSpecs.into());
    }
    let runs = runs.max(1);
    let mut all_ok = true;
    outln!(
        "{:<24} {:>10} {:>11} {:>6} {:>8} {:>7} {:>11} {:>12} {:>13} {:>12}",
        "spec",
        "distinct",
        "generated",
        "depth",
        "time s",
        "cpu s",
        "distinct/s",
        "generated/s",
        "peak RSS B/st",
        "table B/st"
    );
    for file in &files {
        let mut ms = Vec::with_capacity(runs);
        for _ in 0..runs {
            ms.push(measure_in_child(file)?);
        }
        // The median time; counts and memory are the same from run to run (up to noise).
        ms.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        let m = ms[ms.len() / 2].clone();
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let per = |bytes: u64| {
            if m.distinct == 0 || bytes == 0 {
                "-".to_string()
            } else {
                format!("{:.1}", bytes as f64 / m.distinct as f64)
            }
        };
        outln!(
            "{:<24} {:>10} {:>11} {:>6} {:>8.3} {:>7.2} {:>11} {:>12} {:>13} {:>12}",
            name,
            m.distinct,
            m.generated,
            m.depth,
            m.seconds,
            m.cpu_seconds,
            rate(m.distinct, m.seconds),
            rate(m.generated, m.seconds),
            per(m.hwm_after.saturating_sub(m.hwm_before)),
            per(m.table_bytes),
        );
        let src = crate::read(file)?;
        let want = expected(&src);
        let mut problems = Vec::new();
        if m.outcome
            != serde_json::to_value(Outcome::Ok)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        {
            problems.push(format!("result {}", m.outcome));
        }
        if want.distinct.is_some_and(|d| d != m.distinct) {
            problems.push(format!(
                "distinct {} (expected {})",
                m.distinct,
                want.distinct.unwrap()
            ));
        }
        if want.generated.is_some_and(|g| g != m.generated) {
            problems.push(format!(
                "generated {} (expected {})",
                m.generated,
                want.generated.unwrap()
            ));
        }
        if want.depth.is_some_and(|d| d != m.depth) {
            problems.push(format!(
                "depth {} (expected {})",
                m.depth,
                want.depth.unwrap()
            ));
        }
        if !problems.is_empty() {
            all_ok = false;
            outln!("  ! {}: {}", file.display(), problems.join(", "));
        }
    }
    outln!(
        "(time: wall time of loading and exploring, median of {runs} run(s), one worker; rates are per wall second; cpu s: the CPU time the run got; peak RSS B/st: growth of the process's peak resident memory (VmHWM) per distinct state; table B/st: the fingerprint table and parent pointers per distinct state)"
    );
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_counts_from_a_header_comment() {
        let src =
            "---- MODULE M ----\n\\* expect: distinct=1_061_208 generated=3152414 depth=304\n====";
        assert_eq!(
            expected(src),
            Expected {
                distinct: Some(1_061_208),
                generated: Some(3_152_414),
                depth: Some(304)
            }
        );
        assert_eq!(expected("no header"), Expected::default());
    }
}
