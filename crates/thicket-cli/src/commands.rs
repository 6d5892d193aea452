//! The subcommands' arguments and bodies: each reads its files, calls the pure crates, prints
//! the result and picks the exit code (`main` only parses the command line and dispatches).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use thicket_check::{check_source, CheckOptions, Outcome, TreeOptions};

use crate::modules::LibArgs;
use crate::{config_for, emit, json, output, read, CliError, Format, TreeFormat};

/// The arguments of `thicket check`.
#[derive(Args)]
pub struct CheckArgs {
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
    #[command(flatten)]
    modules: LibArgs,
}

/// How often a long check reports its progress on stderr, as TLC does every minute.
const PROGRESS_EVERY_MS: u64 = 60_000;

/// `thicket check`: explore the state space, print the report; 0 only when everything holds.
pub fn check(args: CheckArgs) -> Result<ExitCode, CliError> {
    let CheckArgs {
        file,
        config,
        workers,
        continue_,
        no_deadlock,
        max_states,
        max_depth,
        format,
        modules,
    } = args;
    let src = read(&file)?;
    let folders = modules.folders(&file);
    let path = file.display().to_string();
    let cfg = config_for(&file, &src, config.as_deref())?;
    let opts = CheckOptions {
        max_states,
        max_depth,
        max_millis: None,
        check_deadlock: if no_deadlock { Some(false) } else { None },
        continue_after_violation: continue_,
        workers,
    };
    thicket_check::set_host(Box::new(crate::host::Cli {
        to_stderr: matches!(format, Format::Json),
        spec_folder: std::fs::canonicalize(&file)
            .ok()
            .and_then(|f| f.parent().map(Path::to_path_buf)),
    }));
    let mut next_report = PROGRESS_EVERY_MS;
    let report = check_source(folders.source(&path, &src), cfg.text(), &opts, &mut |p| {
        if matches!(format, Format::Text) && p.elapsed_ms >= next_report {
            next_report = p.elapsed_ms + PROGRESS_EVERY_MS;
            eprintln!("{}", output::progress_line(p));
        }
        true
    });
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

/// `thicket parse`: print the diagnostics, and a summary when the text has no errors.
pub fn parse(file: PathBuf, modules: LibArgs) -> Result<ExitCode, CliError> {
    let src = read(&file)?;
    let folders = modules.folders(&file);
    let parsed = thicket_syntax::parse_program(&file.display().to_string(), &src, &folders);
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

/// A checking session on `src` and its model, or its diagnostics printed to standard error.
fn open_session(
    file: &Path,
    src: &str,
    cfg: Option<&str>,
    modules: &LibArgs,
) -> Result<thicket_check::Session, ExitCode> {
    let folders = modules.folders(file);
    let path = file.display().to_string();
    thicket_check::Session::open(folders.source(&path, src), cfg).map_err(|diags| {
        eprint!("{}", output::diagnostics(file, src, &diags));
        ExitCode::from(2)
    })
}

/// The arguments of `thicket count`.
#[derive(Args)]
pub struct CountArgs {
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
    #[command(flatten)]
    modules: LibArgs,
}

/// `thicket count`: count the short behaviors in Spec, Spec ∩ Property and Spec \ Property.
pub fn count(args: CountArgs) -> Result<ExitCode, CliError> {
    let src = read(&args.file)?;
    let cfg = config_for(&args.file, &src, args.config.as_deref())?;
    let mut session = match open_session(&args.file, &src, cfg.text(), &args.modules) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let report = session.count(&args.property, args.length, args.examples);
    if let Some(e) = &report.error {
        eprintln!("error: {e}");
        return Ok(ExitCode::from(2));
    }
    match args.format {
        Format::Json => json(&report)?,
        Format::Text => emit(&output::count_text(&report))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The arguments of `thicket member`.
#[derive(Args)]
pub struct MemberArgs {
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
    #[command(flatten)]
    modules: LibArgs,
}

/// `thicket member`: is a behavior (given, or read from a file) in the Spec and the property?
pub fn member(args: MemberArgs) -> Result<ExitCode, CliError> {
    let src = read(&args.file)?;
    let cfg = config_for(&args.file, &src, args.config.as_deref())?;
    let behavior = if Path::new(&args.behavior).is_file() {
        read(Path::new(&args.behavior))?
    } else {
        args.behavior
    };
    let mut session = match open_session(&args.file, &src, cfg.text(), &args.modules) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let mut report = session.member(args.property.as_deref(), &behavior);
    if let Some(e) = report.error.take() {
        return Err(e.into());
    }
    match args.format {
        Format::Json => json(&report)?,
        Format::Text => emit(&output::member_text(&report))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The arguments of `thicket export`.
#[derive(Args)]
pub struct ExportArgs {
    file: PathBuf,
    #[arg(long)]
    config: Option<PathBuf>,
    /// The folder to write to.
    #[arg(long, default_value = ".")]
    out: PathBuf,
}

/// `thicket export`: write `NAME.tla` and `NAME.cfg` for TLC into the output folder.
pub fn export(args: ExportArgs) -> Result<ExitCode, CliError> {
    let ExportArgs { file, config, out } = args;
    let src = read(&file)?;
    let cfg = config_for(&file, &src, config.as_deref())?;
    let exported = match thicket_check::export::for_tlc(&src, cfg.text()) {
        Ok(e) => e,
        Err(diags) => {
            eprint!("{}", output::diagnostics(&file, &src, &diags));
            return Ok(ExitCode::from(2));
        }
    };
    std::fs::create_dir_all(&out).map_err(|error| CliError::CreateDir {
        path: out.clone(),
        error,
    })?;
    let tla = out.join(format!("{}.tla", exported.module_name));
    let cfg_path = out.join(format!("{}.cfg", exported.module_name));
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|error| CliError::Write {
            path: path.to_path_buf(),
            error,
        })
    };
    write(&tla, &exported.module)?;
    write(&cfg_path, &exported.config)?;
    emit(&format!(
        "wrote {} and {}\nrun TLC: java -cp tla2tools.jar tlc2.TLC {} (add -workers N, or use TLC's distributed mode, for big state spaces)\n",
        tla.display(),
        cfg_path.display(),
        exported.module_name
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The arguments of `thicket url`.
#[derive(Args)]
pub struct UrlArgs {
    /// The main file (the one checked), then the module files it `EXTENDS` or `INSTANCE`s,
    /// each kept under its file name (a tab of the page).
    #[arg(required = true)]
    files: Vec<PathBuf>,
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
}

/// `thicket url`: print the share link's fragment (or whole URL) for a file and its modules.
pub fn url(args: UrlArgs) -> Result<ExitCode, CliError> {
    let UrlArgs {
        files,
        property,
        depth,
        embed,
        base,
    } = args;
    let text = read(&files[0])?;
    let modules = files[1..]
        .iter()
        .map(|path| {
            Ok(thicket_share::ModuleFile {
                name: path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                ),
                text: read(path)?,
            })
        })
        .collect::<Result<Vec<_>, CliError>>()?;
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
    let fragment = thicket_share::encode(&thicket_share::Shared {
        text,
        view,
        embed,
        modules,
    });
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

/// The arguments of `thicket tree`.
#[derive(Args)]
pub struct TreeArgs {
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
    #[command(flatten)]
    modules: LibArgs,
}

/// `thicket tree`: print the behavior tree to a depth, as text, JSON or Graphviz dot.
pub fn tree(args: TreeArgs) -> Result<ExitCode, CliError> {
    let TreeArgs {
        file,
        config,
        depth,
        property,
        max_nodes,
        format,
        modules,
    } = args;
    let src = read(&file)?;
    let folders = modules.folders(&file);
    let path = file.display().to_string();
    let cfg = config_for(&file, &src, config.as_deref())?;
    let opts = TreeOptions {
        depth,
        max_nodes,
        property,
    };
    let report = thicket_check::tree_source(folders.source(&path, &src), cfg.text(), &opts);
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
