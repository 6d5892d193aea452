//! The standard and Community Modules' operators against TLC: every line of the tables in
//! `tests/library/` (the format is described at the top of each; the values are what TLC
//! printed, filled in by `tests/library/tlc-values.py`). A VALUES line holds when Thicket
//! evaluates `(expr) = (value)` to TRUE (TLC prints values as TLA+ expressions, so this does
//! not depend on the order in which either prints a set); an ERRORS line holds when Thicket
//! stops with an error where TLC did. Every failing line is reported, with its file and line.
//!
//! The lines of a table are checked together in one spec first (each as one conjunct of an
//! invariant); only when that does not hold is each line checked alone, to say which failed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use thicket_check::{check_source, CheckOptions, CheckReport, Outcome};

/// The arrow between an expression and what TLC gave for it.
const ARROW: &str = " ==> ";

/// One line of a table: where it is, the expression, and TLC's value or error message.
struct Line {
    number: usize,
    expr: String,
    tlc: String,
}

/// A table: the modules its expressions use, its definitions, and its two sections.
#[derive(Default)]
struct Table {
    extends: Vec<String>,
    defs: Vec<String>,
    values: Vec<Line>,
    errors: Vec<Line>,
}

/// The section of a table a line is in.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Definitions,
    Values,
    Errors,
}

fn read_table(path: &Path) -> Table {
    let text = std::fs::read_to_string(path).expect("a readable table");
    let mut table = Table::default();
    let mut section = Section::None;
    for (i, line) in text.lines().enumerate() {
        if let Some(mods) = line.strip_prefix("EXTENDS ") {
            table.extends = mods.split(',').map(|m| m.trim().to_string()).collect();
        } else if let Some(name) = line.strip_prefix("---- ") {
            section = match name.trim() {
                "DEFINITIONS" => Section::Definitions,
                "VALUES" => Section::Values,
                "ERRORS" => Section::Errors,
                other => panic!("{}:{}: unknown section {other}", path.display(), i + 1),
            };
        } else if line.trim().is_empty() || line.starts_with("\\*") {
            continue;
        } else if section == Section::Definitions {
            table.defs.push(line.to_string());
        } else {
            let (expr, tlc) = line
                .split_once(ARROW)
                .unwrap_or_else(|| panic!("{}:{}: no `==>`", path.display(), i + 1));
            let entry = Line {
                number: i + 1,
                expr: expr.trim().to_string(),
                tlc: tlc.trim().to_string(),
            };
            match section {
                Section::Values => table.values.push(entry),
                Section::Errors => table.errors.push(entry),
                _ => panic!("{}:{}: a line outside a section", path.display(), i + 1),
            }
        }
    }
    table
}

/// A one-state spec with the table's modules (and TLC's, for `:>` and `@@` in TLC's printed
/// functions) and definitions, where `x` starts as `init` and `invariant` is checked.
fn spec(table: &Table, init: &str, invariant: &str) -> String {
    let mut mods = table.extends.clone();
    if !mods.iter().any(|m| m == "TLC") {
        mods.push("TLC".into());
    }
    format!(
        "---- MODULE LibraryValues ----\nEXTENDS {}\n{}\nVARIABLE x\nInit == x = ({init})\n\
         Next == UNCHANGED x\nCheck == {invariant}\n\
         (* --model\nINIT Init\nNEXT Next\nINVARIANT Check\n*)\n====",
        mods.join(", "),
        table.defs.join("\n"),
    )
}

fn run(src: &str) -> CheckReport {
    check_source(src, None, &CheckOptions::default(), &mut |_| true)
}

/// What Thicket said instead of a value: its first diagnostic, or the outcome and message.
fn problem(r: &CheckReport) -> String {
    if let Some(d) = r.diagnostics.first() {
        format!("Thicket: {}", d.message)
    } else {
        format!(
            "Thicket: {:?} {}",
            r.result,
            r.message.clone().unwrap_or_default()
        )
    }
}

/// The value Thicket gives `expr`, for the report of a line that differs from TLC.
fn thicket_value(table: &Table, expr: &str) -> String {
    let r = run(&spec(table, expr, "FALSE"));
    match r.trace.first() {
        Some(step) if r.result == Outcome::InvariantViolated => step
            .state
            .iter()
            .find(|v| v.name == "x")
            .map_or_else(|| "?".into(), |v| v.value.clone()),
        _ => problem(&r),
    }
}

/// Whether every VALUES line holds, checked in one spec.
fn values_hold_together(table: &Table) -> bool {
    let all: Vec<String> = table
        .values
        .iter()
        .map(|l| format!("  /\\ ({}) = ({})", l.expr, l.tlc))
        .collect();
    let r = run(&spec(table, "0", &format!("\n{}", all.join("\n"))));
    r.diagnostics.is_empty() && r.result == Outcome::Ok
}

/// The failures of one VALUES line: its message, or `None` when Thicket agrees with TLC.
fn value_failure(table: &Table, line: &Line) -> Option<String> {
    let check = format!("({}) = ({})", line.expr, line.tlc);
    let r = run(&spec(table, "0", &check));
    if r.diagnostics.is_empty() && r.result == Outcome::Ok {
        return None;
    }
    if r.diagnostics.is_empty() && r.result == Outcome::InvariantViolated {
        let got = thicket_value(table, &line.expr);
        return Some(format!("TLC: {}; Thicket: {got}", line.tlc));
    }
    Some(format!("TLC: {}; {}", line.tlc, problem(&r)))
}

/// The failure of one ERRORS line: `None` when Thicket stops with an error as TLC did.
fn error_failure(table: &Table, line: &Line) -> Option<String> {
    let r = run(&spec(table, &line.expr, "TRUE"));
    if !r.diagnostics.is_empty() || r.result == Outcome::Error {
        return None;
    }
    let got = thicket_value(table, &line.expr);
    Some(format!(
        "TLC stops with an error ({}); Thicket: {:?}, value {got}",
        line.tlc, r.result
    ))
}

fn tables() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/library");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/library")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "table"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn library_operators_agree_with_tlc() {
    let mut failures = String::new();
    let mut lines = 0;
    for path in tables() {
        let table = read_table(&path);
        let name = path.file_name().expect("a file").to_string_lossy();
        lines += table.values.len() + table.errors.len();
        if !values_hold_together(&table) {
            for line in &table.values {
                if let Some(why) = value_failure(&table, line) {
                    let _ = writeln!(failures, "{name}:{}: {}: {why}", line.number, line.expr);
                }
            }
        }
        for line in &table.errors {
            if let Some(why) = error_failure(&table, line) {
                let _ = writeln!(failures, "{name}:{}: {}: {why}", line.number, line.expr);
            }
        }
    }
    assert!(lines > 0, "no table lines in tests/library");
    assert!(
        failures.is_empty(),
        "lines where Thicket differs from TLC:\n{failures}"
    );
}
