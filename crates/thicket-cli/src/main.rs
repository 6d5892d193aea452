//! `thicket`: the command-line face of the checker. Thin: it reads files, calls the pure
//! crates, and prints their results (text for people, JSON for scripts and graders).

/// `println!` that ends quietly when the reader went away (see [`emit`]).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::emit(&format!("{}\n", format_args!($($arg)*)))?
    };
}

mod bench;
mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use thicket_check::{check_source, CheckOptions, Outcome, TreeOptions};

#[derive(Parser)]
#[command(
    name = "thicket",
    version,
    about = "Check PlusCal specs: behaviors, properties, counterexamples"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TreeFormat {
    Text,
    Json,
    Dot,
}

#[derive(Subcommand)]
enum Command {
    /// Explore every reachable state and check the model's invariants, properties and deadlock.
    Check {
        file: PathBuf,
        /// A TLC configuration file (default: the model embedded in the text, else FILE.cfg).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Worker threads.
        #[arg(long, default_value_t = 1)]
        workers: usize,
        /// Keep exploring after a violation: report all violations and full counts.
        #[arg(long = "continue")]
        continue_: bool,
        /// Do not report deadlocks (overrides the model's CHECK_DEADLOCK).
        #[arg(long)]
        no_deadlock: bool,
        /// Stop after this many distinct states (result `limit_reached`).
        #[arg(long)]
        max_states: Option<u64>,
        /// Stop beyond this depth (result `limit_reached`).
        #[arg(long)]
        max_depth: Option<u32>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Measure the checker's speed on fixed specs (default: specs/bench/*.tla); build with --release.
    Bench {
        files: Vec<PathBuf>,
        /// Runs per spec (the median time is reported).
        #[arg(long, default_value_t = 1)]
        runs: usize,
    },
    /// Parse a text and report its diagnostics.
    Parse { file: PathBuf },
    /// Count the behaviors of at most K states in Spec, Spec ∩ Property and Spec \ Property.
    Count {
        file: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        /// A safety property (an invariant, or a `[]P` property) of the model.
        #[arg(long)]
        property: String,
        /// The largest number of states in a counted behavior.
        #[arg(long)]
        length: u32,
        /// How many example behaviors to show from each region.
        #[arg(long, default_value_t = 2)]
        examples: usize,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Is this behavior in the Spec? In the property? (events: `inc(); get() -> 1`; or states,
    /// one per line: `n = 0, ret = -1`)
    Member {
        file: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        property: Option<String>,
        /// The behavior, or a file holding it.
        #[arg(long)]
        behavior: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write the spec for TLC: `NAME.tla` (the algorithm in plain PlusCal and its TLA+
    /// translation) and `NAME.cfg`.
    Export {
        file: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        /// The folder to write to.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Print the share link's fragment for a file (the whole text and the view, compressed).
    Url {
        file: PathBuf,
        /// The property to highlight.
        #[arg(long)]
        property: Option<String>,
        /// The depth of the behavior tree.
        #[arg(long)]
        depth: Option<u32>,
        /// A link for the embedded widget (read-only, checks on load).
        #[arg(long)]
        embed: bool,
        /// Print a whole URL: this base followed by `#` and the fragment.
        #[arg(long)]
        base: Option<String>,
    },
    /// Print the behavior tree to a depth.
    Tree {
        file: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long, default_value_t = 4)]
        depth: u32,
        /// The property whose counterexamples are highlighted.
        #[arg(long)]
        property: Option<String>,
        #[arg(long, default_value_t = 5000)]
        max_nodes: u32,
        #[arg(long, value_enum, default_value_t = TreeFormat::Text)]
        format: TreeFormat,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Where a run's model comes from.
pub enum ModelSource {
    /// `--config`, or `FILE.cfg` beside the file: its path and text.
    File(PathBuf, String),
    /// `(* --model ... *)` in the text.
    Embedded,
    /// No model at all.
    None,
}

impl ModelSource {
    fn text(&self) -> Option<&str> {
        match self {
            ModelSource::File(_, text) => Some(text),
            _ => None,
        }
    }
}

/// The model to use: `--config`, else the text's embedded model, else `FILE.cfg` beside it.
fn config_for(file: &Path, src: &str, explicit: Option<&Path>) -> Result<ModelSource, String> {
    if let Some(p) = explicit {
        return Ok(ModelSource::File(p.to_path_buf(), read(p)?));
    }
    if src.contains("(* --model") {
        return Ok(ModelSource::Embedded);
    }
    let beside = file.with_extension("cfg");
    if beside.exists() {
        return Ok(ModelSource::File(beside.clone(), read(&beside)?));
    }
    Ok(ModelSource::None)
}

/// Write to standard output. A reader that went away (`thicket check ... | head`) ends the
/// output quietly, as it does for other command-line tools; any other failure is an error.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {e}"))
        }
        _ => Ok(()),
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    emit(&(serde_json::to_string_pretty(value).map_err(|e| e.to_string())? + "\n"))
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check {
            file,
            config,
            workers,
            continue_,
            no_deadlock,
            max_states,
            max_depth,
            format,
        } => {
            let src = read(&file)?;
            let cfg = config_for(&file, &src, config.as_deref())?;
            let opts = CheckOptions {
                max_states,
                max_depth,
                max_millis: None,
                check_deadlock: if no_deadlock { Some(false) } else { None },
                continue_after_violation: continue_,
                workers,
            };
            let report = check_source(&src, cfg.text(), &opts, &mut |_| true);
            match format {
                Format::Json => json(&report)?,
                Format::Text => emit(&output::check_text(&file, &src, &cfg, &report))?,
            }
            // 0 only when everything holds: a property left unchecked is not a pass.
            let unchecked = report
                .properties
                .iter()
                .any(|p| p.verdict == thicket_check::Verdict::NotChecked);
            Ok(match report.result {
                Outcome::Ok if !unchecked => ExitCode::SUCCESS,
                Outcome::Error => ExitCode::from(2),
                _ => ExitCode::from(1),
            })
        }
        Command::Bench { files, runs } => bench::run(files, runs),
        Command::Parse { file } => {
            let src = read(&file)?;
            let parsed = thicket_syntax::parse_document(&src);
            let errors = parsed
                .diagnostics
                .iter()
                .filter(|d| d.severity == thicket_syntax::Severity::Error)
                .count();
            eprint!("{}", output::diagnostics(&file, &src, &parsed.diagnostics));
            match (&parsed.document, errors) {
                (Some(doc), 0) => {
                    emit(&format!(
                        "{}: ok ({})\n",
                        file.display(),
                        output::summary(doc)
                    ))?;
                    Ok(ExitCode::SUCCESS)
                }
                _ => Ok(ExitCode::from(2)),
            }
        }
        Command::Count {
            file,
            config,
            property,
            length,
            examples,
            format,
        } => {
            let src = read(&file)?;
            let cfg = config_for(&file, &src, config.as_deref())?;
            let mut session = match thicket_check::Session::open(&src, cfg.text()) {
                Ok(s) => s,
                Err(diags) => {
                    eprint!("{}", output::diagnostics(&file, &src, &diags));
                    return Ok(ExitCode::from(2));
                }
            };
            let report = session.count(&property, length, examples);
            if let Some(e) = &report.error {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(2));
            }
            match format {
                Format::Json => json(&report)?,
                Format::Text => emit(&output::count_text(&report))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Member {
            file,
            config,
            property,
            behavior,
            format,
        } => {
            let src = read(&file)?;
            let cfg = config_for(&file, &src, config.as_deref())?;
            let behavior = if Path::new(&behavior).is_file() {
                read(Path::new(&behavior))?
            } else {
                behavior
            };
            let mut session = match thicket_check::Session::open(&src, cfg.text()) {
                Ok(s) => s,
                Err(diags) => {
                    eprint!("{}", output::diagnostics(&file, &src, &diags));
                    return Ok(ExitCode::from(2));
                }
            };
            let report = session.member(property.as_deref(), &behavior);
            if let Some(e) = &report.error {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(2));
            }
            match format {
                Format::Json => json(&report)?,
                Format::Text => emit(&output::member_text(&report))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { file, config, out } => {
            let src = read(&file)?;
            let cfg = config_for(&file, &src, config.as_deref())?;
            let exported = match thicket_check::export::for_tlc(&src, cfg.text()) {
                Ok(e) => e,
                Err(diags) => {
                    eprint!("{}", output::diagnostics(&file, &src, &diags));
                    return Ok(ExitCode::from(2));
                }
            };
            std::fs::create_dir_all(&out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            let tla = out.join(format!("{}.tla", exported.module_name));
            let cfg_path = out.join(format!("{}.cfg", exported.module_name));
            std::fs::write(&tla, &exported.module)
                .map_err(|e| format!("cannot write {}: {e}", tla.display()))?;
            std::fs::write(&cfg_path, &exported.config)
                .map_err(|e| format!("cannot write {}: {e}", cfg_path.display()))?;
            emit(&format!(
                "wrote {} and {}\nrun TLC: java -cp tla2tools.jar tlc2.TLC {} (add -workers N, or use TLC's distributed mode, for big state spaces)\n",
                tla.display(),
                cfg_path.display(),
                exported.module_name
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Url {
            file,
            property,
            depth,
            embed,
            base,
        } => {
            let text = read(&file)?;
            let view = (property.is_some() || depth.is_some()).then(|| thicket_share::View {
                property,
                depth,
                ..Default::default()
            });
            let embed = embed.then(|| thicket_share::Embed {
                read_only: true,
                auto_check: true,
                ..Default::default()
            });
            let fragment = thicket_share::encode(&thicket_share::Shared { text, view, embed });
            if fragment.len() > thicket_share::LONG_LINK {
                eprintln!(
                    "warning: the link is {} characters long; some sites cut links longer than {}",
                    fragment.len(),
                    thicket_share::LONG_LINK
                );
            }
            match base {
                Some(b) => emit(&format!("{}#{fragment}\n", b.trim_end_matches('#')))?,
                None => emit(&format!("{fragment}\n"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tree {
            file,
            config,
            depth,
            property,
            max_nodes,
            format,
        } => {
            let src = read(&file)?;
            let cfg = config_for(&file, &src, config.as_deref())?;
            let opts = TreeOptions {
                depth,
                max_nodes,
                property,
            };
            let report = thicket_check::tree_source(&src, cfg.text(), &opts);
            if !report.diagnostics.is_empty() {
                eprint!("{}", output::diagnostics(&file, &src, &report.diagnostics));
                return Ok(ExitCode::from(2));
            }
            match format {
                TreeFormat::Json => json(&report)?,
                TreeFormat::Dot => emit(&output::tree_dot(&report))?,
                TreeFormat::Text => emit(&output::tree_text(&report))?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
